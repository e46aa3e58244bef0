//! The fonts an SVG embeds, read through `skrifa` (the font reader egui's text already
//! depends on) and subset here, so an SVG carries only the glyphs a chart uses (the
//! default Ubuntu-Light.ttf is 362 KB whole; a chart's subset is about 20 KB).
//!
//! Reading: the table directory (plain fonts and collections), the character map and
//! the advances are skrifa's. Writing a subset is this crate's own ([`subset`]): the
//! `subsetter` crate drops `cmap`, which an SVG `@font-face` needs to find the glyphs.
//! Fonts with CFF outlines are not subset (see [`Font::subset`]).

mod subset;

use skrifa::raw::TableProvider as _;
use skrifa::raw::tables::hmtx::Hmtx;
use skrifa::raw::types::Tag;
use skrifa::{FontRef, GlyphId, MetadataProvider as _, charmap::Charmap};

/// A parsed TrueType/OpenType font (borrowing its bytes).
pub struct Font<'a> {
    font: FontRef<'a>,
    charmap: Charmap<'a>,
    hmtx: Hmtx<'a>,
    num_glyphs: u16,
    units_per_em: u16,
}

impl<'a> Font<'a> {
    /// Parses the font at `index` of `data` (a plain font, or a collection); `None` if it
    /// is not a font this reader can use (no Unicode character map, say).
    pub fn parse(data: &'a [u8], index: u32) -> Option<Self> {
        let font = FontRef::from_index(data, index).ok()?;
        let charmap = font.charmap();
        if !charmap.has_map() {
            return None;
        }
        Some(Self {
            units_per_em: font.head().ok()?.units_per_em().max(1),
            num_glyphs: font.maxp().ok()?.num_glyphs(),
            hmtx: font.hmtx().ok()?,
            charmap,
            font,
        })
    }

    /// The glyph of `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let gid = u16::try_from(self.charmap.map(c)?.to_u32()).ok()?;
        (gid != 0 && gid < self.num_glyphs).then_some(gid)
    }

    /// Advance width of `c` in em (1.0 = the font size), if the font has it.
    pub fn advance_em(&self, c: char) -> Option<f32> {
        let gid = self.glyph(c)?;
        let advance = self.hmtx.advance(GlyphId::new(u32::from(gid)))?;
        Some(f32::from(advance) / f32::from(self.units_per_em))
    }

    /// The bytes of the table `tag`, for the subsetter to copy or rewrite.
    fn table(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        self.font.table_data(Tag::new(tag)).map(|d| d.as_bytes())
    }
}
