//! egui text as SVG `<text>`: one element per run of glyphs sharing a face, size,
//! colour and baseline, with each character's x position taken from egui's layout, so
//! the SVG's letters sit where the PNG's do whatever the viewer's own text layout would
//! do. The face is the one egui drew the character with, embedded as a subset.
//!
//! Drawn as pixels instead ([`super::fallback`]): colour glyphs (emoji), italic glyphs
//! (egui slants the glyph images), characters no font has (egui's placeholder box),
//! and text backgrounds, underlines and strike-throughs of formatted text.

use egui::emath::GuiRounding as _;
use egui::epaint::{ClippedPrimitive, Galley, Mesh, Primitive, TextShape, Vertex};
use egui::{Color32, FontFamily, Pos2, Rect, Vec2};

use super::font::Face;
use super::{Writer, escape, num, paint};

/// Glyphs that become one `<text>` element.
struct Run {
    face: Face,
    generic: &'static str,
    size: f32,
    color: Color32,
    y: f32,
    xs: Vec<f32>,
    text: String,
}

impl Run {
    fn element(mut self) -> Option<String> {
        while self.text.ends_with(' ') {
            self.text.pop();
            self.xs.pop();
        }
        if self.text.is_empty() {
            return None;
        }
        let xs: Vec<String> = self.xs.iter().map(|&x| num(x)).collect();
        Some(format!(
            "<text x=\"{}\" y=\"{}\" font-family=\"{}, {}\" font-size=\"{}\"{}>{}</text>\n",
            xs.join(" "),
            num(self.y),
            self.face.family(),
            self.generic,
            num(self.size * self.face.scale),
            paint("fill", self.color),
            escape(&self.text)
        ))
    }
}

/// The colour egui paints a text vertex with.
fn vertex_color(shape: &TextShape, c: Color32, glyph: bool) -> Color32 {
    let mut c = c;
    match shape.override_text_color {
        Some(o) if glyph => c = o,
        _ if c == Color32::PLACEHOLDER => c = shape.fallback_color,
        _ => {}
    }
    if shape.opacity_factor < 1.0 {
        c = c.gamma_multiply(shape.opacity_factor);
    }
    c
}

/// The layout section of each glyph of the galley, in order: glyphs follow the
/// characters of the text (a newline ending a row has no glyph; an elided galley ends
/// with an added "…").
fn glyph_sections(galley: &Galley) -> Vec<usize> {
    let job = &galley.job;
    let last = job.sections.len().saturating_sub(1);
    let mut cursor = 0;
    let mut out = Vec::new();
    for row in &galley.rows {
        for g in &row.glyphs {
            let found = job
                .text
                .get(cursor..)
                .and_then(|rest| rest.char_indices().take(8).find(|(_, c)| *c == g.chr));
            let byte = match found {
                Some((i, c)) => {
                    cursor += i + c.len_utf8();
                    cursor - c.len_utf8()
                }
                None => cursor.saturating_sub(1),
            };
            let section = job
                .sections
                .iter()
                .position(|s| s.byte_range.contains(&egui::epaint::text::ByteIndex(byte)));
            out.push(section.unwrap_or(last));
        }
    }
    out
}

/// Appends the triangles of `mesh` whose vertices all satisfy `keep` to `out`, moved to
/// `offset`, UVs normalised by `uv_scale`, colours as egui paints them.
fn copy_triangles(
    out: &mut Mesh,
    mesh: &Mesh,
    keep: impl Fn(usize) -> bool,
    offset: Vec2,
    uv_scale: Vec2,
    color: impl Fn(usize, Color32) -> Color32,
) {
    for tri in mesh.indices.chunks_exact(3) {
        let idx = [tri[0] as usize, tri[1] as usize, tri[2] as usize];
        if !idx.iter().all(|&i| keep(i)) {
            continue;
        }
        for i in idx {
            if let Some(v) = mesh.vertices.get(i) {
                out.indices.push(out.vertices.len() as u32);
                out.vertices.push(Vertex {
                    pos: v.pos + offset,
                    uv: Pos2::new(v.uv.x * uv_scale.x, v.uv.y * uv_scale.y),
                    color: color(i, v.color),
                });
            }
        }
    }
}

impl Writer<'_> {
    /// A text shape: `<text>` runs, plus pixels for what text cannot carry.
    pub(super) fn text(&mut self, shape: &TextShape) {
        let galley = &shape.galley;
        if galley.is_empty() || shape.opacity_factor <= 0.0 {
            return;
        }
        let ppp = self.ppp;
        let origin = if self.frame.tessellation.0.round_text_to_pixels {
            shape.pos.round_to_pixels(ppp)
        } else {
            shape.pos
        };
        let rotated = shape.angle != 0.0;
        if rotated {
            let g = format!(
                "<g transform=\"rotate({} {} {})\">\n",
                num(shape.angle.to_degrees()),
                num(origin.x),
                num(origin.y)
            );
            self.out().push_str(&g);
        }
        let [tw, th] = self.frame.tessellation.1;
        let uv_scale = Vec2::new(1.0 / tw.max(1) as f32, 1.0 / th.max(1) as f32);
        let sections = glyph_sections(galley);
        let mut pieces = Mesh::default();
        let mut k = 0;
        for row in &galley.rows {
            let row_pos = origin + row.pos.to_vec2();
            let vis = &row.visuals;
            pieces.texture_id = vis.mesh.texture_id;
            let glyph_vertices = vis.glyph_vertex_range.clone();
            copy_triangles(
                &mut pieces,
                &vis.mesh,
                |i| !glyph_vertices.contains(&i),
                row_pos.to_vec2(),
                uv_scale,
                |_, c| vertex_color(shape, c, false),
            );
            let mut run: Option<Run> = None;
            for (gi, glyph) in row.glyphs.iter().enumerate() {
                let section = sections.get(k).copied().unwrap_or_default();
                k += 1;
                let Some(format) = galley.job.sections.get(section).map(|s| &s.format) else {
                    continue;
                };
                let end = row
                    .glyphs
                    .get(gi + 1)
                    .map_or(glyph_vertices.end, |g| g.first_vertex as usize);
                let verts = glyph.first_vertex as usize..end.max(glyph.first_vertex as usize);
                let family = &format.font_id.family;
                let size = format.font_id.size;
                let x = row_pos.x + glyph.pos.x;
                if verts.is_empty() {
                    self.invisible_glyph(&mut run, glyph, x, family);
                    continue;
                }
                let color = vis
                    .mesh
                    .vertices
                    .get(verts.start)
                    .map_or(shape.fallback_color, |v| vertex_color(shape, v.color, true));
                let face = self.fonts.face_for(family, glyph.chr);
                let Some(face) = face.filter(|_| !glyph.is_color && !format.italics) else {
                    copy_triangles(
                        &mut pieces,
                        &vis.mesh,
                        |i| verts.contains(&i),
                        row_pos.to_vec2(),
                        uv_scale,
                        |i, c| vertex_color(shape, c, glyph_vertices.contains(&i)),
                    );
                    continue;
                };
                let y = row_pos.y
                    + glyph.pos.y
                    + size * face.scale * face.y_offset_factor
                    + face.y_offset;
                let same = run.as_ref().is_some_and(|r| {
                    r.face == face && r.size == size && r.color == color && r.y == y
                });
                if !same {
                    self.end_run(run.take());
                    run = Some(Run {
                        face,
                        generic: if *family == FontFamily::Monospace {
                            "monospace"
                        } else {
                            "sans-serif"
                        },
                        size,
                        color,
                        y,
                        xs: Vec::new(),
                        text: String::new(),
                    });
                }
                if let Some(r) = run.as_mut() {
                    r.xs.push(x);
                    r.text.push(glyph.chr);
                }
            }
            self.end_run(run);
        }
        if !pieces.is_empty() {
            let clip = if rotated { Rect::EVERYTHING } else { self.clip };
            self.pixels(vec![ClippedPrimitive {
                clip_rect: clip,
                primitive: Primitive::Mesh(pieces),
            }]);
        }
        if shape.underline != egui::Stroke::NONE {
            for row in &galley.rows {
                let r = row
                    .visuals
                    .mesh_bounds
                    .translate((origin + row.pos.to_vec2()).to_vec2());
                self.segment([r.left_bottom(), r.right_bottom()], shape.underline);
            }
        }
        if rotated {
            self.out().push_str("</g>\n");
        }
    }

    /// A glyph with no pixels: a space inside a run stays (so the text reads and copies
    /// as it was); the second letter of a ligature (egui draws the pair as one glyph,
    /// the subset has no ligatures) is placed one advance after the first.
    fn invisible_glyph(
        &mut self,
        run: &mut Option<Run>,
        glyph: &egui::epaint::text::Glyph,
        x: f32,
        family: &FontFamily,
    ) {
        let Some(r) = run.as_mut() else {
            return;
        };
        if glyph.chr.is_whitespace() {
            if self.fonts.face_for(family, ' ').as_ref() == Some(&r.face) {
                r.xs.push(x);
                r.text.push(' ');
            }
            return;
        }
        let previous = r.text.chars().last();
        if glyph.advance_width == 0.0
            && let Some(prev) = previous
            && self.fonts.face_for(family, glyph.chr).as_ref() == Some(&r.face)
            && let Some(advance) = self.fonts.advance_em(&r.face, prev)
            && let Some(&last_x) = r.xs.last()
        {
            r.xs.push(last_x + advance * r.size * r.face.scale);
            r.text.push(glyph.chr);
        }
    }

    fn end_run(&mut self, run: Option<Run>) {
        if let Some(element) = run.and_then(Run::element) {
            self.out().push_str(&element);
        }
    }
}
