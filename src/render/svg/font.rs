//! The fonts of an SVG: which of egui's font faces draws each character (the first face
//! of the family that has it, as egui picks), which characters each face is used for,
//! and the `@font-face` rules that embed a subset of each face used ([`sfnt`]).

use std::collections::{BTreeMap, BTreeSet};

use egui::{FontDefinitions, FontFamily};

use super::sfnt;

/// The face drawing a character, and how egui tweaks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Face {
    /// egui's name of the font ("Ubuntu-Light").
    pub key: String,
    /// Glyph scale (egui's `FontTweak::scale`): the font size is multiplied by it.
    pub scale: f32,
    /// Downward shift of the glyphs, as a fraction of the (scaled) font size.
    pub y_offset_factor: f32,
    /// Downward shift of the glyphs, in points.
    pub y_offset: f32,
}

impl Face {
    /// The family name the SVG uses for this face's embedded subset.
    pub fn family(&self) -> String {
        family_name(&self.key)
    }
}

/// A CSS-identifier-safe family name for an egui font key ("moneymap-Ubuntu-Light").
fn family_name(key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("moneymap-{safe}")
}

/// The fonts of one SVG.
pub struct Fonts<'f> {
    defs: &'f FontDefinitions,
    parsed: BTreeMap<&'f str, Option<sfnt::Font<'f>>>,
    used: BTreeMap<String, BTreeSet<char>>,
}

impl<'f> Fonts<'f> {
    /// No faces used yet.
    pub fn new(defs: &'f FontDefinitions) -> Self {
        Self {
            defs,
            parsed: BTreeMap::new(),
            used: BTreeMap::new(),
        }
    }

    fn font(&mut self, key: &'f str) -> Option<&sfnt::Font<'f>> {
        let defs = self.defs;
        self.parsed
            .entry(key)
            .or_insert_with(|| {
                let data = defs.font_data.get(key)?;
                sfnt::Font::parse((*data.font).as_ref(), data.index)
            })
            .as_ref()
    }

    /// The face egui draws `c` of `family` with, noting it as used; `None` when no face
    /// of the family has it (egui then draws a placeholder box).
    pub fn face_for(&mut self, family: &FontFamily, c: char) -> Option<Face> {
        let defs = self.defs;
        let keys = defs.families.get(family)?;
        let key = keys
            .iter()
            .find(|k| self.font(k).is_some_and(|f| f.glyph(c).is_some()))?;
        let tweak = &defs.font_data.get(key.as_str())?.tweak;
        self.used.entry(key.clone()).or_default().insert(c);
        Some(Face {
            key: key.clone(),
            scale: tweak.scale,
            y_offset_factor: tweak.y_offset_factor,
            y_offset: tweak.y_offset,
        })
    }

    /// The advance of `c` in `face`, in em.
    pub fn advance_em(&mut self, face: &Face, c: char) -> Option<f32> {
        let defs = self.defs;
        let (key, _) = defs.font_data.get_key_value(face.key.as_str())?;
        self.font(key)?.advance_em(c)
    }

    /// `@font-face` rules embedding, for each face used, the subset of its glyphs used
    /// (or the whole font when it cannot be subset, e.g. CFF outlines).
    pub fn css(&mut self) -> String {
        let mut css = String::new();
        let used = std::mem::take(&mut self.used);
        for (key, chars) in &used {
            let defs = self.defs;
            let Some((key, data)) = defs.font_data.get_key_value(key.as_str()) else {
                continue;
            };
            let family = family_name(key);
            let bytes = match self.font(key).and_then(|f| f.subset(chars, &family)) {
                Some(subset) => subset,
                None => {
                    log::warn!("font {key} could not be subset; embedding it whole");
                    (*data.font).as_ref().to_vec()
                }
            };
            css.push_str(&format!(
                "@font-face{{font-family:{family};src:url(data:font/ttf;base64,{})}}",
                super::base64(&bytes)
            ));
        }
        self.used = used;
        css
    }
}
