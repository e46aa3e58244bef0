//! A small TrueType reader and subsetter, for embedding in SVG only the glyphs a chart
//! uses (the default Ubuntu-Light.ttf is 362 KB whole; a chart's subset is about 20 KB).
//!
//! Reading (here): the table directory (plain fonts and collections), `cmap` (formats 4
//! and 12) to map characters to glyphs, `hmtx` for advances. Writing a subset:
//! [`subset`]. Fonts with CFF outlines are not subset (see [`Font::subset`]).

mod subset;

use std::collections::BTreeMap;

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

/// A parsed TrueType/OpenType font (borrowing its bytes).
pub struct Font<'a> {
    tables: BTreeMap<[u8; 4], &'a [u8]>,
    cmap: Cmap<'a>,
    num_glyphs: u16,
    units_per_em: u16,
    num_h_metrics: u16,
}

/// The character map subtable used for lookups.
enum Cmap<'a> {
    /// Format 4 (BMP): the subtable bytes.
    Segments(&'a [u8]),
    /// Format 12 (all planes): the subtable bytes.
    Groups(&'a [u8]),
}

impl<'a> Font<'a> {
    /// Parses the font at `index` of `data` (a plain font, or a collection); `None` if it
    /// is not a font this reader understands (no usable `cmap`, say).
    pub fn parse(data: &'a [u8], index: u32) -> Option<Self> {
        let start = if data.get(..4)? == b"ttcf" {
            u32_at(data, 12 + 4 * index as usize)? as usize
        } else {
            0
        };
        let num_tables = u16_at(data, start + 4)? as usize;
        let mut tables = BTreeMap::new();
        for i in 0..num_tables {
            let rec = start + 12 + 16 * i;
            let tag: [u8; 4] = data.get(rec..rec + 4)?.try_into().ok()?;
            let offset = u32_at(data, rec + 8)? as usize;
            let length = u32_at(data, rec + 12)? as usize;
            tables.insert(tag, data.get(offset..offset.checked_add(length)?)?);
        }
        let head = *tables.get(b"head")?;
        let maxp = *tables.get(b"maxp")?;
        let hhea = *tables.get(b"hhea")?;
        let cmap = pick_cmap(tables.get(b"cmap")?)?;
        Some(Self {
            units_per_em: u16_at(head, 18)?.max(1),
            num_glyphs: u16_at(maxp, 4)?,
            num_h_metrics: u16_at(hhea, 34)?,
            tables,
            cmap,
        })
    }

    /// The glyph of `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let c = c as u32;
        let gid = match self.cmap {
            Cmap::Segments(t) => format4_lookup(t, c),
            Cmap::Groups(t) => format12_lookup(t, c),
        }?;
        (gid != 0 && gid < self.num_glyphs).then_some(gid)
    }

    /// Advance width of `c` in em (1.0 = the font size), if the font has it.
    pub fn advance_em(&self, c: char) -> Option<f32> {
        let gid = self.glyph(c)?;
        let hmtx = self.tables.get(b"hmtx")?;
        let i = gid.min(self.num_h_metrics.saturating_sub(1)) as usize;
        Some(f32::from(u16_at(hmtx, 4 * i)?) / f32::from(self.units_per_em))
    }
}

/// The best character map: full Unicode (format 12) if present, else BMP (format 4).
fn pick_cmap(t: &[u8]) -> Option<Cmap<'_>> {
    let n = u16_at(t, 2)? as usize;
    let mut best: Option<(u8, Cmap<'_>)> = None;
    for i in 0..n {
        let rec = 4 + 8 * i;
        let (platform, encoding) = (u16_at(t, rec)?, u16_at(t, rec + 2)?);
        let sub = t.get(u32_at(t, rec + 4)? as usize..)?;
        let unicode = platform == 0 || (platform == 3 && matches!(encoding, 1 | 10));
        let candidate = match u16_at(sub, 0)? {
            12 if unicode => (2, Cmap::Groups(sub)),
            4 if unicode => (1, Cmap::Segments(sub)),
            _ => continue,
        };
        if best.as_ref().is_none_or(|(rank, _)| candidate.0 > *rank) {
            best = Some(candidate);
        }
    }
    best.map(|(_, c)| c)
}

fn format4_lookup(t: &[u8], c: u32) -> Option<u16> {
    let c = u16::try_from(c).ok()?;
    let seg_x2 = u16_at(t, 6)? as usize;
    let ends = 14;
    let starts = ends + seg_x2 + 2;
    let deltas = starts + seg_x2;
    let range_offsets = deltas + seg_x2;
    for i in (0..seg_x2).step_by(2) {
        if c > u16_at(t, ends + i)? {
            continue;
        }
        let start = u16_at(t, starts + i)?;
        if c < start {
            return None;
        }
        let delta = u16_at(t, deltas + i)?;
        let ro = u16_at(t, range_offsets + i)? as usize;
        if ro == 0 {
            return Some(c.wrapping_add(delta));
        }
        let at = range_offsets + i + ro + 2 * (c - start) as usize;
        let g = u16_at(t, at)?;
        return (g != 0).then(|| g.wrapping_add(delta));
    }
    None
}

fn format12_lookup(t: &[u8], c: u32) -> Option<u16> {
    let n = u32_at(t, 12)? as usize;
    for i in 0..n {
        let g = 16 + 12 * i;
        let (start, end) = (u32_at(t, g)?, u32_at(t, g + 4)?);
        if (start..=end).contains(&c) {
            return u16::try_from(u32_at(t, g + 8)? + (c - start)).ok();
        }
    }
    None
}
