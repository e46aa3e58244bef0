//! Shapes with no vector form in the SVG (meshes, images, blurred or textured
//! rectangles, gradient strokes, and the few text pieces listed in [`super::text`]):
//! each is rasterised alone by the PNG rasteriser into a transparent image just the size
//! of its pixels, and embedded as a PNG `<image>` where it was.

use egui::emath::TSTransform;
use egui::epaint::{ClippedPrimitive, ClippedShape, Mesh, Primitive, Shape};
use egui::{Color32, Rect, Vec2};

use super::super::{Canvas, png_bytes};
use super::{Writer, base64, num};

impl Writer<'_> {
    /// A mesh shape, drawn as pixels.
    pub(super) fn mesh(&mut self, mesh: &Mesh) {
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
