//! Shapes with no vector form in the SVG (meshes other than plain one-colour fills, images,
//! blurred or textured rectangles, gradient strokes, and the few text pieces listed in
//! [`super::text`]):
//! each is rasterised alone by the PNG rasteriser into a transparent image just the size
//! of its pixels, and embedded as a PNG `<image>` where it was.

use egui::emath::TSTransform;
use egui::epaint::{ClippedPrimitive, ClippedShape, Mesh, Primitive, Shape};
use egui::{Color32, Rect, Vec2};

use super::super::{Canvas, png_bytes};
use super::{Writer, base64, num};

impl Writer<'_> {
    /// A mesh shape: one vector path when it is a plain fill (one colour, no texture,
    /// e.g. a plot's filled band), else drawn as pixels.
    pub(super) fn mesh(&mut self, mesh: &Mesh) {
        if let Some(d) = solid_mesh_path(mesh) {
            let element = format!(
                "<path d=\"{d}\"{}/>\n",
                super::paint("fill", mesh.vertices[0].color)
            );
            self.out().push_str(&element);
            return;
        }
        self.pixels(vec![ClippedPrimitive {
            clip_rect: self.clip,
            primitive: Primitive::Mesh(mesh.clone()),
        }]);
    }

    /// A shape the SVG cannot express: tessellated on its own, drawn as pixels. (The
    /// writer has already opened the shape's transform, so it is tessellated without.)
    pub(super) fn tessellated(&mut self, shape: &Shape, cs: &ClippedShape) {
        let t = cs.transform_after_tessellation;
        let clip = if t == TSTransform::IDENTITY {
            self.clip
        } else {
            t.inverse() * self.clip
        };
        let prims = self.frame.tessellate_one(ClippedShape {
            clip_rect: clip,
            shape: shape.clone(),
            transform_after_tessellation: TSTransform::IDENTITY,
        });
        self.pixels(prims);
    }

    /// Rasterises triangles (positions in points) into the smallest pixel-aligned image
    /// holding them within their clip, and embeds it.
    pub(super) fn pixels(&mut self, prims: Vec<ClippedPrimitive>) {
        let ppp = self.ppp;
        let mut bounds = Rect::NOTHING;
        for p in &prims {
            if let Primitive::Mesh(m) = &p.primitive {
                bounds |= m.calc_bounds().intersect(p.clip_rect);
            }
        }
        let page = self.page();
        let bounds = bounds.intersect(page);
        if !bounds.is_positive() {
            return;
        }
        let x0 = (bounds.min.x * ppp).floor().max(0.0);
        let y0 = (bounds.min.y * ppp).floor().max(0.0);
        let x1 = (bounds.max.x * ppp).ceil();
        let y1 = (bounds.max.y * ppp).ceil();
        let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
        if w == 0 || h == 0 {
            return;
        }
        let shift = Vec2::new(-x0 / ppp, -y0 / ppp);
        let moved: Vec<ClippedPrimitive> = prims
            .into_iter()
            .filter_map(|p| {
                let Primitive::Mesh(mut m) = p.primitive else {
                    return None;
                };
                m.translate(shift);
                Some(ClippedPrimitive {
                    clip_rect: p.clip_rect.translate(shift),
                    primitive: Primitive::Mesh(m),
                })
            })
            .collect();
        let mut canvas = Canvas::new(w, h, Color32::TRANSPARENT);
        canvas.paint(&moved, &self.frame.textures, ppp);
        if canvas.rgba.chunks_exact(4).all(|p| p[3] == 0) {
            return;
        }
        match png_bytes(&canvas) {
            Ok(png) => {
                let element = format!(
                    "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
                     xlink:href=\"data:image/png;base64,{}\"/>\n",
                    num(x0 / ppp),
                    num(y0 / ppp),
                    num(w as f32 / ppp),
                    num(h as f32 / ppp),
                    base64(&png)
                );
                self.out().push_str(&element);
            }
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(e);
                }
            }
        }
    }
}

/// The outline of every triangle of `mesh` as one path, when the mesh is a plain fill:
/// untextured (egui's white texel) and one colour. Every triangle is written the same
/// way round, so under the non-zero rule the triangles add up to their union
/// (no seams where they meet, as separate elements would show); degenerate ones are
/// left out. `None` for anything else, and for an empty mesh.
pub(super) fn solid_mesh_path(mesh: &Mesh) -> Option<String> {
    let first = mesh.vertices.first()?;
    let plain = mesh.texture_id == egui::TextureId::default()
        && mesh
            .vertices
            .iter()
            .all(|v| v.color == first.color && v.uv == egui::epaint::WHITE_UV);
    if !plain || mesh.indices.len() < 3 {
        return None;
    }
    let mut d = String::new();
    for t in mesh.indices.chunks_exact(3) {
        let p = |i: u32| mesh.vertices.get(i as usize).map(|v| v.pos);
        let (Some(a), Some(b), Some(c)) = (p(t[0]), p(t[1]), p(t[2])) else {
            return None;
        };
        let cross = (b - a).x * (c - a).y - (b - a).y * (c - a).x;
        if cross.abs() < 1e-6 {
            continue;
        }
        let (b, c) = if cross < 0.0 { (c, b) } else { (b, c) };
        d.push_str(&format!(
            "M{} {}L{} {}L{} {}Z",
            num(a.x),
            num(a.y),
            num(b.x),
            num(b.y),
            num(c.x),
            num(c.y)
        ));
    }
    (!d.is_empty()).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::Vertex;
    use egui::{Pos2, pos2};

    fn mesh(color: Color32, points: &[Pos2], indices: &[u32]) -> Mesh {
        Mesh {
            indices: indices.to_vec(),
            vertices: points
                .iter()
                .map(|&pos| Vertex {
                    pos,
                    uv: egui::epaint::WHITE_UV,
                    color,
                })
                .collect(),
            texture_id: egui::TextureId::default(),
        }
    }

    #[test]
    fn a_plain_mesh_is_one_path_of_triangles_the_same_way_round() {
        let pts = [
            pos2(0.0, 0.0),
            pos2(10.0, 0.0),
            pos2(10.0, 10.0),
            pos2(0.0, 10.0),
        ];
        // One triangle each way round, one degenerate (a line).
        let m = mesh(Color32::RED, &pts, &[0, 1, 2, 0, 3, 2, 0, 1, 1]);
        assert_eq!(
            solid_mesh_path(&m).as_deref(),
            Some("M0 0L10 0L10 10ZM0 0L10 10L0 10Z")
        );
    }

    #[test]
    fn a_mesh_of_two_colours_or_a_texture_stays_pixels() {
        let pts = [pos2(0.0, 0.0), pos2(10.0, 0.0), pos2(10.0, 10.0)];
        let mut m = mesh(Color32::RED, &pts, &[0, 1, 2]);
        m.vertices[2].color = Color32::BLUE;
        assert_eq!(solid_mesh_path(&m), None);
        let mut m = mesh(Color32::RED, &pts, &[0, 1, 2]);
        m.texture_id = egui::TextureId::User(1);
        assert_eq!(solid_mesh_path(&m), None);
    }
}
