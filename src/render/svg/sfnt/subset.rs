//! Subsetting for [`super::Font`]: a standalone TrueType font with only the glyphs of
//! the characters used. Glyph numbers are kept (unused glyphs become empty, so
//! composite glyphs and `hmtx` need no rewriting); the components of kept composite
//! glyphs are kept too; hinting instructions are stripped and the hinting tables
//! dropped; `cmap` is written afresh for the used characters, `post` without glyph
//! names, and `name` under a new family name (so the subset never passes for an
//! installed font), keeping the copyright and licence strings.

use std::collections::{BTreeMap, BTreeSet};

use super::Font;

/// Big-endian readers over a byte slice; `None` past the end.
fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

fn i16_at(d: &[u8], at: usize) -> Option<i16> {
    u16_at(d, at).map(|v| v as i16)
}

/// New `glyf` and `loca` tables, and whether `loca` is in the short format.
struct Glyphs {
    glyf: Vec<u8>,
    loca: Vec<u8>,
    short: bool,
}

impl Font<'_> {
    /// A standalone TrueType font with the glyphs of `chars` only, named `family`.
    /// `None` if the font has no `glyf` outlines (CFF fonts are not subset) or is
    /// malformed.
    pub fn subset(&self, chars: &BTreeSet<char>, family: &str) -> Option<Vec<u8>> {
        let mut keep = BTreeSet::from([0u16]);
        let mut mapping = BTreeMap::new();
        for &c in chars {
            if let Some(g) = self.glyph(c) {
                keep.insert(g);
                mapping.insert(c as u32, g);
            }
        }
        let Glyphs {
            glyf,
            loca,
            short: loca_short,
        } = self.subset_glyf(&mut keep)?;
        let mut head = self.table(b"head")?.to_vec();
        // checkSumAdjustment is set once the file is assembled; indexToLocFormat follows
        // the new `loca`.
        head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
        head.get_mut(50..52)?
            .copy_from_slice(&[0, u8::from(!loca_short)]);
        let mut os2 = self.table(b"OS/2")?.to_vec();
        // One face in its own family: call it regular, so every renderer picks it.
        os2.get_mut(4..6)?.copy_from_slice(&400u16.to_be_bytes());
        let mut post = self.table(b"post")?.get(..32)?.to_vec();
        post.get_mut(..4)?
            .copy_from_slice(&0x0003_0000u32.to_be_bytes());
        let mut tables: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
        tables.insert(*b"OS/2", os2);
        tables.insert(*b"cmap", write_cmap(&mapping));
        tables.insert(*b"glyf", glyf);
        tables.insert(*b"head", head);
        tables.insert(*b"hhea", self.table(b"hhea")?.to_vec());
        tables.insert(*b"hmtx", self.table(b"hmtx")?.to_vec());
        tables.insert(*b"loca", loca);
        tables.insert(*b"maxp", self.table(b"maxp")?.to_vec());
        tables.insert(*b"name", self.write_name(family));
        tables.insert(*b"post", post);
        Some(write_font(tables))
    }

    /// The kept glyphs (and, transitively, their components) without instructions.
    fn subset_glyf(&self, keep: &mut BTreeSet<u16>) -> Option<Glyphs> {
        let glyf = self.table(b"glyf")?;
        let loca = self.table(b"loca")?;
        let long = i16_at(self.table(b"head")?, 50)? != 0;
        let range = |g: u16| -> Option<(usize, usize)> {
            let g = g as usize;
            Some(if long {
                (
                    u32_at(loca, 4 * g)? as usize,
                    u32_at(loca, 4 * g + 4)? as usize,
                )
            } else {
                (
                    2 * u16_at(loca, 2 * g)? as usize,
                    2 * u16_at(loca, 2 * g + 2)? as usize,
                )
            })
        };
        let data = |g: u16| -> Option<&[u8]> {
            let (a, b) = range(g)?;
            if a >= b {
                return Some(&[]);
            }
            glyf.get(a..b)
        };
        // Components of composite glyphs.
        let mut todo: Vec<u16> = keep.iter().copied().collect();
        while let Some(g) = todo.pop() {
            for c in components(data(g)?)? {
                if c < self.num_glyphs && keep.insert(c) {
                    todo.push(c);
                }
            }
        }
        let mut out = Vec::new();
        let mut offsets = Vec::with_capacity(self.num_glyphs as usize + 1);
        for g in 0..self.num_glyphs {
            offsets.push(out.len());
            if keep.contains(&g) {
                let d = data(g)?;
                if !d.is_empty() {
                    out.extend_from_slice(&strip_instructions(d)?);
                    while out.len() % 4 != 0 {
                        out.push(0);
                    }
                }
            }
        }
        offsets.push(out.len());
        let short = out.len() < 0x2_0000;
        let mut loca = Vec::with_capacity(offsets.len() * 4);
        for o in offsets {
            if short {
                loca.extend_from_slice(&((o / 2) as u16).to_be_bytes());
            } else {
                loca.extend_from_slice(&(o as u32).to_be_bytes());
            }
        }
        Some(Glyphs {
            glyf: out,
            loca,
            short,
        })
    }

    /// A `name` table: the new family name, plus the original copyright, licence and
    /// licence URL (IDs 0, 13, 14) in the Windows Unicode encoding.
    fn write_name(&self, family: &str) -> Vec<u8> {
        let mut records: Vec<(u16, Vec<u8>)> = Vec::new();
        let utf16 = |s: &str| s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let original = |id: u16| -> Option<Vec<u8>> {
            let t = self.table(b"name")?;
            let count = u16_at(t, 2)? as usize;
            let strings = u16_at(t, 4)? as usize;
            (0..count).find_map(|i| {
                let r = 6 + 12 * i;
                let fits = u16_at(t, r)? == 3 && u16_at(t, r + 2)? == 1 && u16_at(t, r + 6)? == id;
                let (len, off) = (u16_at(t, r + 8)? as usize, u16_at(t, r + 10)? as usize);
                fits.then(|| {
                    t.get(strings + off..strings + off + len)
                        .map(<[u8]>::to_vec)
                })?
            })
        };
        for id in [0u16, 1, 2, 4, 6, 13, 14] {
            let text = match id {
                1 | 4 | 6 => Some(utf16(family)),
                2 => Some(utf16("Regular")),
                _ => original(id),
            };
            if let Some(t) = text {
                records.push((id, t));
            }
        }
        let mut out = Vec::new();
        let n = records.len() as u16;
        for v in [0, n, 6 + 12 * n] {
            out.extend_from_slice(&v.to_be_bytes());
        }
        let mut strings = Vec::new();
        for (id, text) in &records {
            for v in [3, 1, 0x409, *id, text.len() as u16, strings.len() as u16] {
                out.extend_from_slice(&v.to_be_bytes());
            }
            strings.extend_from_slice(text);
        }
        out.extend_from_slice(&strings);
        out
    }
}

/// Composite glyph flags.
const ARGS_ARE_WORDS: u16 = 0x0001;
const HAS_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const HAS_XY_SCALE: u16 = 0x0040;
const HAS_2X2: u16 = 0x0080;
const HAS_INSTRUCTIONS: u16 = 0x0100;

/// One component of a composite glyph: where its flags are, the flags, its glyph.
struct Component {
    at: usize,
    flags: u16,
    glyph: u16,
}

/// Walks a composite glyph's component records; returns them and the offset just past
/// the last one. `None` for a simple glyph.
fn component_records(d: &[u8]) -> Option<(Vec<Component>, usize)> {
    if i16_at(d, 0)? >= 0 {
        return None;
    }
    let mut at = 10;
    let mut out = Vec::new();
    loop {
        let flags = u16_at(d, at)?;
        out.push(Component {
            at,
            flags,
            glyph: u16_at(d, at + 2)?,
        });
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAS_SCALE != 0 {
            2
        } else if flags & HAS_XY_SCALE != 0 {
            4
        } else if flags & HAS_2X2 != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            return Some((out, at));
        }
    }
}

/// The glyphs a glyph is built from (none for a simple or empty glyph).
fn components(d: &[u8]) -> Option<Vec<u16>> {
    if d.is_empty() || i16_at(d, 0)? >= 0 {
        return Some(Vec::new());
    }
    Some(
        component_records(d)?
            .0
            .into_iter()
            .map(|r| r.glyph)
            .collect(),
    )
}

/// A glyph without its hinting instructions (meaningless once `fpgm`/`prep` are gone).
fn strip_instructions(d: &[u8]) -> Option<Vec<u8>> {
    let contours = i16_at(d, 0)?;
    if contours >= 0 {
        let n = contours as usize;
        let len_at = 10 + 2 * n;
        let len = u16_at(d, len_at)? as usize;
        let mut out = d.get(..len_at)?.to_vec();
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(d.get(len_at + 2 + len..)?);
        return Some(out);
    }
    let (records, end) = component_records(d)?;
    let mut out = d.get(..end)?.to_vec();
    for Component { at, flags, .. } in records {
        out.get_mut(at..at + 2)?
            .copy_from_slice(&(flags & !HAS_INSTRUCTIONS).to_be_bytes());
    }
    Some(out)
}

/// A `cmap` with a format 4 subtable (Windows BMP) and, when a character lies beyond
/// the BMP, a format 12 one too.
fn write_cmap(mapping: &BTreeMap<u32, u16>) -> Vec<u8> {
    let bmp: Vec<(u16, u16)> = mapping
        .iter()
        .filter_map(|(&c, &g)| Some((u16::try_from(c).ok()?, g)))
        .filter(|&(c, _)| c != 0xFFFF)
        .collect();
    // Format 4: one segment per character (delta-mapped), then the required 0xFFFF.
    let seg = bmp.len() as u16 + 1;
    let log = 15 - seg.leading_zeros() as u16;
    let search = 2 * (1u16 << log);
    let mut f4 = Vec::new();
    let put = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_be_bytes());
    for x in [4, 16 + 8 * seg, 0, 2 * seg, search, log, 2 * seg - search] {
        put(&mut f4, x);
    }
    for &(c, _) in &bmp {
        put(&mut f4, c);
    }
    put(&mut f4, 0xFFFF);
    put(&mut f4, 0);
    for &(c, _) in &bmp {
        put(&mut f4, c);
    }
    put(&mut f4, 0xFFFF);
    for &(c, g) in &bmp {
        put(&mut f4, g.wrapping_sub(c));
    }
    put(&mut f4, 1);
    for _ in 0..seg {
        put(&mut f4, 0);
    }
    let wide = mapping.keys().any(|&c| c > 0xFFFF);
    let mut f12 = Vec::new();
    if wide {
        let n = mapping.len() as u32;
        f12.extend_from_slice(&12u16.to_be_bytes());
        f12.extend_from_slice(&0u16.to_be_bytes());
        for x in [16 + 12 * n, 0, n] {
            f12.extend_from_slice(&x.to_be_bytes());
        }
        for (&c, &g) in mapping {
            for x in [c, c, u32::from(g)] {
                f12.extend_from_slice(&x.to_be_bytes());
            }
        }
    }
    let subtables: u16 = if wide { 2 } else { 1 };
    let mut out = Vec::new();
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&subtables.to_be_bytes());
    let first = 4 + 8 * u32::from(subtables);
    out.extend_from_slice(&[0, 3, 0, 1]);
    out.extend_from_slice(&first.to_be_bytes());
    if wide {
        out.extend_from_slice(&[0, 3, 0, 10]);
        out.extend_from_slice(&(first + f4.len() as u32).to_be_bytes());
    }
    out.extend_from_slice(&f4);
    out.extend_from_slice(&f12);
    out
}

fn checksum(d: &[u8]) -> u32 {
    d.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Assembles tables (sorted by tag) into a font file, with checksums.
fn write_font(tables: BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let n = tables.len() as u16;
    let log = 15 - n.leading_zeros() as u16;
    let search = 16 * (1u16 << log);
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [n, search, log, 16 * n - search] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    let mut head_at = None;
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = Some(offset + 8);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() + body.len();
    }
    out.extend_from_slice(&body);
    // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
    if let Some(at) = head_at
        && let Some(slot) = out.get_mut(at..at + 4)
    {
        slot.copy_from_slice(&[0; 4]);
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        if let Some(slot) = out.get_mut(at..at + 4) {
            slot.copy_from_slice(&adjust.to_be_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_keeps_the_used_characters_and_little_else() {
        let defs = egui::FontDefinitions::default();
        let ubuntu: &[u8] = (*defs.font_data["Ubuntu-Light"].font).as_ref();
        assert!(ubuntu.len() > 300_000, "egui's default font, whole");
        let font = Font::parse(ubuntu, 0).expect("parses");
        let chars: BTreeSet<char> = "Revenue 2024 $4.46B".chars().collect();
        let sub = font.subset(&chars, "moneymap test").expect("subset");
        assert!(sub.len() < 20_000, "{} bytes", sub.len());
        let small = Font::parse(&sub, 0).expect("the subset parses");
        for c in chars {
            assert_eq!(
                small.glyph(c),
                font.glyph(c),
                "{c:?} maps to the same glyph"
            );
            assert_eq!(small.advance_em(c), font.advance_em(c));
        }
        assert_eq!(small.glyph('x'), None, "unused characters are gone");
        assert!(font.glyph('x').is_some());
        // The whole file sums to the magic number (head.checkSumAdjustment).
        assert_eq!(checksum(&sub), 0xB1B0_AFBA);
    }
}
