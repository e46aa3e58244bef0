//! A small CPU rasteriser for egui's tessellated output.
//!
//! egui hands a renderer triangles with per-vertex colour (premultiplied sRGBA), UVs into
//! textures (the font atlas), and a clip rectangle per mesh. This module fills those
//! triangles on the CPU the way egui's GPU painters do: colours and UVs interpolated
//! barycentrically, texture sampled bilinearly, `src + dst * (1 - src_alpha)` blending in
//! gamma space, scissor clipping. Anti-aliasing comes from egui's feathered edges, so no
//! multisampling is needed. It is single-threaded float arithmetic with a fixed order, so
//! the same input always gives the same bytes.

use std::collections::HashMap;

use egui::epaint::{ClippedPrimitive, ImageData, ImageDelta, Mesh, Primitive, TextureId, Vertex};
use egui::{Color32, TexturesDelta};

/// A texture as RGBA8 premultiplied pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Texture {
    /// Width in texels.
    pub width: usize,
    /// Height in texels.
    pub height: usize,
    /// Row-major premultiplied pixels.
    pub pixels: Vec<Color32>,
    /// Bilinear (true) or nearest (false) sampling.
    pub linear: bool,
}

impl Texture {
    /// Samples at normalised `(u, v)`, premultiplied RGBA in 0..=1.
    fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        if self.width == 0 || self.height == 0 {
            return [1.0; 4];
        }
        let texel = |x: i64, y: i64| -> [f32; 4] {
            let x = x.clamp(0, self.width as i64 - 1) as usize;
            let y = y.clamp(0, self.height as i64 - 1) as usize;
            let c = self
                .pixels
                .get(y * self.width + x)
                .copied()
                .unwrap_or(Color32::TRANSPARENT);
            [
                f32::from(c.r()) / 255.0,
                f32::from(c.g()) / 255.0,
                f32::from(c.b()) / 255.0,
                f32::from(c.a()) / 255.0,
            ]
        };
        let x = u * self.width as f32 - 0.5;
        let y = v * self.height as f32 - 0.5;
        if !self.linear {
            return texel((x + 0.5).floor() as i64, (y + 0.5).floor() as i64);
        }
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let a = texel(x0, y0);
        let b = texel(x0 + 1, y0);
        let c = texel(x0, y0 + 1);
        let d = texel(x0 + 1, y0 + 1);
        let mut out = [0.0; 4];
        for i in 0..4 {
            let top = a[i] + (b[i] - a[i]) * fx;
            let bottom = c[i] + (d[i] - c[i]) * fx;
            out[i] = top + (bottom - top) * fy;
        }
        out
    }
}

/// The textures egui has asked a renderer to hold.
#[derive(Debug, Default, Clone)]
pub struct Textures {
    map: HashMap<TextureId, Texture>,
}

impl Textures {
    /// Applies (and consumes) one frame's texture changes.
    pub fn apply(&mut self, delta: &mut TexturesDelta) {
        // Sort ids so application order never depends on hash order.
        let mut ids: Vec<TextureId> = delta.set.keys().copied().collect();
        ids.sort_by_key(|id| match id {
            TextureId::Managed(n) => (0, *n),
            TextureId::User(n) => (1, *n),
        });
        for id in ids {
            if let Some(deltas) = delta.set.get(&id) {
                for d in deltas {
                    self.apply_one(id, d);
                }
            }
        }
        for id in &delta.free {
            self.map.remove(id);
        }
        delta.clear();
    }

    fn apply_one(&mut self, id: TextureId, d: &ImageDelta) {
        let ImageData::Color(img) = &d.image;
        let linear = d.options.magnification == egui::TextureFilter::Linear;
        match d.pos {
            None => {
                self.map.insert(
                    id,
                    Texture {
                        width: img.size[0],
                        height: img.size[1],
                        pixels: img.pixels.clone(),
                        linear,
                    },
                );
            }
            Some([px, py]) => {
                let Some(t) = self.map.get_mut(&id) else {
                    return;
                };
                for y in 0..img.size[1] {
                    for x in 0..img.size[0] {
                        let (tx, ty) = (px + x, py + y);
                        if tx < t.width
                            && ty < t.height
                            && let (Some(dst), Some(src)) = (
                                t.pixels.get_mut(ty * t.width + tx),
                                img.pixels.get(y * img.size[0] + x),
                            )
                        {
                            *dst = *src;
                        }
                    }
                }
            }
        }
    }

    /// A texture by id.
    pub fn get(&self, id: TextureId) -> Option<&Texture> {
        self.map.get(&id)
    }
}

/// An RGBA8 image being painted (premultiplied; opaque once a background is cleared).
#[derive(Debug, Clone, PartialEq)]
pub struct Canvas {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major RGBA bytes.
    pub rgba: Vec<u8>,
}

impl Canvas {
    /// A canvas filled with `background`.
    pub fn new(width: usize, height: usize, background: Color32) -> Self {
        let px = background.to_array();
        let mut rgba = Vec::with_capacity(width * height * 4);
        for _ in 0..width * height {
            rgba.extend_from_slice(&px);
        }
        Self {
            width,
            height,
            rgba,
        }
    }

    /// The pixel at `(x, y)`.
    pub fn pixel(&self, x: usize, y: usize) -> Option<[u8; 4]> {
        let i = (y * self.width + x) * 4;
        let s = self.rgba.get(i..i + 4)?;
        Some([s[0], s[1], s[2], s[3]])
    }

    /// Paints tessellated primitives at `pixels_per_point`.
    pub fn paint(
        &mut self,
        primitives: &[ClippedPrimitive],
        textures: &Textures,
        pixels_per_point: f32,
    ) {
        for p in primitives {
            let Primitive::Mesh(mesh) = &p.primitive else {
                continue;
            };
            let clip = p.clip_rect;
            let x0 = ((clip.min.x * pixels_per_point).round().max(0.0) as usize).min(self.width);
            let y0 = ((clip.min.y * pixels_per_point).round().max(0.0) as usize).min(self.height);
            let x1 = ((clip.max.x * pixels_per_point).round().max(0.0) as usize).min(self.width);
            let y1 = ((clip.max.y * pixels_per_point).round().max(0.0) as usize).min(self.height);
            if x0 >= x1 || y0 >= y1 {
                continue;
            }
            self.paint_mesh(
                mesh,
                textures.get(mesh.texture_id),
                (x0, y0, x1, y1),
                pixels_per_point,
            );
        }
    }

    fn paint_mesh(
        &mut self,
        mesh: &Mesh,
        texture: Option<&Texture>,
        clip: (usize, usize, usize, usize),
        ppp: f32,
    ) {
        for tri in mesh.indices.chunks_exact(3) {
            let get = |i: u32| mesh.vertices.get(i as usize);
            let (Some(a), Some(b), Some(c)) = (get(tri[0]), get(tri[1]), get(tri[2])) else {
                continue;
            };
            self.triangle([a, b, c], texture, clip, ppp);
        }
    }

    fn triangle(
        &mut self,
        v: [&Vertex; 3],
        texture: Option<&Texture>,
        clip: (usize, usize, usize, usize),
        ppp: f32,
    ) {
        let p: [(f32, f32); 3] = [
            (v[0].pos.x * ppp, v[0].pos.y * ppp),
            (v[1].pos.x * ppp, v[1].pos.y * ppp),
            (v[2].pos.x * ppp, v[2].pos.y * ppp),
        ];
        let edge = |a: (f32, f32), b: (f32, f32), x: f32, y: f32| {
            (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)
        };
        let area = edge(p[0], p[1], p[2].0, p[2].1);
        if !area.is_finite() || area.abs() < 1e-12 {
            return;
        }
        // Orient counter-clockwise in this edge convention so inside means all >= 0.
        let (p, v) = if area < 0.0 {
            ([p[0], p[2], p[1]], [v[0], v[2], v[1]])
        } else {
            (p, v)
        };
        let area = area.abs();
        let min_x = p
            .iter()
            .map(|q| q.0)
            .fold(f32::INFINITY, f32::min)
            .floor()
            .max(clip.0 as f32) as usize;
        let max_x = (p
            .iter()
            .map(|q| q.0)
            .fold(f32::NEG_INFINITY, f32::max)
            .ceil()
            .max(0.0) as usize)
            .min(clip.2);
        let min_y = p
            .iter()
            .map(|q| q.1)
            .fold(f32::INFINITY, f32::min)
            .floor()
            .max(clip.1 as f32) as usize;
        let max_y = (p
            .iter()
            .map(|q| q.1)
            .fold(f32::NEG_INFINITY, f32::max)
            .ceil()
            .max(0.0) as usize)
            .min(clip.3);
        if min_x >= max_x || min_y >= max_y {
            return;
        }
        // Top-left rule: a pixel centre exactly on a shared edge belongs to one triangle only,
        // so adjacent translucent triangles do not double-blend along their seam.
        let owns = |a: (f32, f32), b: (f32, f32)| {
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            dy > 0.0 || (dy == 0.0 && dx < 0.0)
        };
        let bias = [
            if owns(p[1], p[2]) {
                0.0
            } else {
                f32::MIN_POSITIVE
            },
            if owns(p[2], p[0]) {
                0.0
            } else {
                f32::MIN_POSITIVE
            },
            if owns(p[0], p[1]) {
                0.0
            } else {
                f32::MIN_POSITIVE
            },
        ];
        let col = |c: Color32| {
            [
                f32::from(c.r()),
                f32::from(c.g()),
                f32::from(c.b()),
                f32::from(c.a()),
            ]
        };
        let cols = [col(v[0].color), col(v[1].color), col(v[2].color)];
        let uvs = [
            (v[0].uv.x, v[0].uv.y),
            (v[1].uv.x, v[1].uv.y),
            (v[2].uv.x, v[2].uv.y),
        ];
        let flat_color = cols[0] == cols[1] && cols[1] == cols[2];
        // Solid shapes point every vertex at the same (white) texel: sample it once.
        let flat_texel = (uvs[0] == uvs[1] && uvs[1] == uvs[2])
            .then(|| texture.map_or([1.0; 4], |t| t.sample(uvs[0].0, uvs[0].1)));
        let inv_area = 1.0 / area;
        // Each edge function is linear in x along a row: w = ax * px + c(py).
        let edges = [(p[1], p[2]), (p[2], p[0]), (p[0], p[1])];
        for y in min_y..max_y {
            let py = y as f32 + 0.5;
            // The span of pixel centres inside all three edges, widened by one pixel so
            // float rounding never drops a pixel; each pixel is then tested exactly.
            let (mut lo, mut hi) = (min_x as f32, max_x as f32);
            let mut empty = false;
            for (k, (a, b)) in edges.iter().enumerate() {
                let ax = -(b.1 - a.1);
                let c = (b.0 - a.0) * (py - a.1) + (b.1 - a.1) * a.0;
                if ax > 0.0 {
                    lo = lo.max((bias[k] - c) / ax - 1.0);
                } else if ax < 0.0 {
                    hi = hi.min((bias[k] - c) / ax + 1.0);
                } else if c < bias[k] {
                    empty = true;
                }
            }
            if empty || hi < lo {
                continue;
            }
            let x_start = (lo.floor().max(min_x as f32)) as usize;
            let x_end = ((hi.ceil() + 1.0).min(max_x as f32).max(0.0)) as usize;
            for x in x_start..x_end {
                let px = x as f32 + 0.5;
                let w0 = edge(p[1], p[2], px, py);
                let w1 = edge(p[2], p[0], px, py);
                let w2 = edge(p[0], p[1], px, py);
                if w0 < bias[0] || w1 < bias[1] || w2 < bias[2] {
                    continue;
                }
                let (b0, b1, b2) = (w0 * inv_area, w1 * inv_area, w2 * inv_area);
                let c = if flat_color {
                    cols[0]
                } else {
                    let mut c = [0.0; 4];
                    for i in 0..4 {
                        c[i] = cols[0][i] * b0 + cols[1][i] * b1 + cols[2][i] * b2;
                    }
                    c
                };
                let t = match (flat_texel, texture) {
                    (Some(t), _) => t,
                    (None, Some(t)) => t.sample(
                        uvs[0].0 * b0 + uvs[1].0 * b1 + uvs[2].0 * b2,
                        uvs[0].1 * b0 + uvs[1].1 * b1 + uvs[2].1 * b2,
                    ),
                    (None, None) => [1.0; 4],
                };
                let src = [c[0] * t[0], c[1] * t[1], c[2] * t[2], c[3] * t[3]];
                if src[3] <= 0.0 && src[0] <= 0.0 && src[1] <= 0.0 && src[2] <= 0.0 {
                    continue;
                }
                let i = (y * self.width + x) * 4;
                let Some(dst) = self.rgba.get_mut(i..i + 4) else {
                    continue;
                };
                // Values are non-negative, so `+ 0.5` then truncation rounds half up like
                // `f32::round`, without a libm call per channel (a third of the time).
                if src[3] >= 254.5 {
                    for k in 0..4 {
                        dst[k] = (src[k].min(255.0) + 0.5) as u8;
                    }
                    continue;
                }
                let inv = 1.0 - src[3] / 255.0;
                for k in 0..4 {
                    let out = src[k] + f32::from(dst[k]) * inv;
                    dst[k] = (out.clamp(0.0, 255.0) + 0.5) as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::{Mesh, Rect, pos2};

    fn canvas_with(mesh: Mesh, w: usize, h: usize) -> Canvas {
        let mut c = Canvas::new(w, h, Color32::WHITE);
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(pos2(0.0, 0.0), pos2(w as f32, h as f32)),
            primitive: Primitive::Mesh(mesh),
        };
        c.paint(&[prim], &Textures::default(), 1.0);
        c
    }

    #[test]
    fn opaque_rect_covers_exactly_its_pixels() {
        let mut m = Mesh::default();
        m.add_colored_rect(
            Rect::from_min_max(pos2(2.0, 3.0), pos2(6.0, 5.0)),
            Color32::from_rgb(10, 20, 30),
        );
        let c = canvas_with(m, 8, 8);
        let mut covered = 0;
        for y in 0..8 {
            for x in 0..8 {
                let px = c.pixel(x, y).expect("in bounds");
                if px == [10, 20, 30, 255] {
                    covered += 1;
                    assert!((2..6).contains(&x) && (3..5).contains(&y), "({x},{y})");
                } else {
                    assert_eq!(px, [255, 255, 255, 255]);
                }
            }
        }
        assert_eq!(covered, 4 * 2);
    }

    #[test]
    fn translucent_rect_blends_once_along_its_diagonal() {
        let mut m = Mesh::default();
        // 50% black, premultiplied: (0,0,0,128).
        m.add_colored_rect(
            Rect::from_min_max(pos2(0.0, 0.0), pos2(8.0, 8.0)),
            Color32::from_black_alpha(128),
        );
        let c = canvas_with(m, 8, 8);
        let expected = (255.0 * (1.0 - 128.0 / 255.0f32)).round() as u8;
        for y in 0..8 {
            for x in 0..8 {
                assert_eq!(
                    c.pixel(x, y).expect("px")[0],
                    expected,
                    "({x},{y}) blended once"
                );
            }
        }
    }

    #[test]
    fn clip_rect_is_respected() {
        let mut m = Mesh::default();
        m.add_colored_rect(
            Rect::from_min_max(pos2(0.0, 0.0), pos2(8.0, 8.0)),
            Color32::BLACK,
        );
        let mut c = Canvas::new(8, 8, Color32::WHITE);
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 8.0)),
            primitive: Primitive::Mesh(m),
        };
        c.paint(&[prim], &Textures::default(), 1.0);
        assert_eq!(c.pixel(3, 3), Some([0, 0, 0, 255]));
        assert_eq!(c.pixel(4, 3), Some([255, 255, 255, 255]));
    }

    #[test]
    fn vertex_colours_interpolate() {
        let mut m = Mesh::default();
        let v = |x: f32, y: f32, c: Color32| Vertex {
            pos: pos2(x, y),
            uv: egui::epaint::WHITE_UV,
            color: c,
        };
        m.vertices = vec![
            v(0.0, 0.0, Color32::BLACK),
            v(100.0, 0.0, Color32::WHITE),
            v(0.0, 100.0, Color32::BLACK),
        ];
        m.indices = vec![0, 1, 2];
        let c = canvas_with(m, 100, 100);
        let mid = c.pixel(49, 0).expect("px")[0];
        assert!(
            (125..=130).contains(&mid),
            "half way is mid grey, got {mid}"
        );
    }

    #[test]
    fn scale_two_doubles_the_pixels() {
        let mut m = Mesh::default();
        m.add_colored_rect(
            Rect::from_min_max(pos2(1.0, 1.0), pos2(2.0, 2.0)),
            Color32::BLACK,
        );
        let mut c = Canvas::new(6, 6, Color32::WHITE);
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(pos2(0.0, 0.0), pos2(3.0, 3.0)),
            primitive: Primitive::Mesh(m),
        };
        c.paint(&[prim], &Textures::default(), 2.0);
        let black: usize = (0..6)
            .flat_map(|y| (0..6).map(move |x| (x, y)))
            .filter(|&(x, y)| c.pixel(x, y) == Some([0, 0, 0, 255]))
            .count();
        assert_eq!(black, 4);
        assert_eq!(c.pixel(2, 2), Some([0, 0, 0, 255]));
    }
}
