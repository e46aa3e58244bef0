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
use std::sync::Arc;

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
            return texel(floor(x + 0.5) as i64, floor(y + 0.5) as i64);
        }
        let (x0, fx) = snap(x);
        let (y0, fy) = snap(y);
        let (x0, y0) = (x0 as i64, y0 as i64);
        if fx == 0.0 && fy == 0.0 {
            return texel(x0, y0);
        }
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

/// Texel offsets closer than this to a texel centre are sampled at the centre.
const SNAP: f32 = 1.0 / 256.0;

/// Splits a texel coordinate into its texel and the fraction towards the next one,
/// snapping to the texel when within [`SNAP`]. Text quads sit on whole pixels, so their
/// samples fall on texel centres but for float noise of about 1e-4 that depends on
/// where the glyph lies in the atlas; snapping makes the result exact and the same
/// wherever the glyph is (a fraction under 1/256 moves a value by under one level).
#[inline(always)]
fn snap(x: f32) -> (f32, f32) {
    let x0 = floor(x);
    let f = x - x0;
    if f < SNAP {
        (x0, 0.0)
    } else if f > 1.0 - SNAP {
        (x0 + 1.0, 0.0)
    } else {
        (x0, f)
    }
}

/// The textures egui has asked a renderer to hold. Cloning is cheap (shared pixels,
/// copied on the next write), so each frame keeps the textures as they were for it.
#[derive(Debug, Default, Clone)]
pub struct Textures {
    map: HashMap<TextureId, Arc<Texture>>,
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
                    Arc::new(Texture {
                        width: img.size[0],
                        height: img.size[1],
                        pixels: img.pixels.clone(),
                        linear,
                    }),
                );
            }
            Some([px, py]) => {
                let Some(t) = self.map.get_mut(&id).map(Arc::make_mut) else {
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
        self.map.get(&id).map(|t| &**t)
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
        let mut rgba = vec![0; width * height * 4];
        fill(&mut rgba, background.to_array());
        Self {
            width,
            height,
            rgba,
        }
    }

    /// Fills the whole canvas with `background`.
    pub fn clear(&mut self, background: Color32) {
        fill(&mut self.rgba, background.to_array());
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
        self.paint_rows(primitives, textures, pixels_per_point, 0);
    }

    /// Paints the rows `top..top + height` of an image onto this canvas (which holds
    /// just those rows): the pixels are exactly those of a whole canvas painted with
    /// [`Self::paint`], so an image can be painted and encoded a band at a time.
    pub fn paint_rows(
        &mut self,
        primitives: &[ClippedPrimitive],
        textures: &Textures,
        pixels_per_point: f32,
        top: usize,
    ) {
        let bottom = top + self.height;
        for p in primitives {
            let Primitive::Mesh(mesh) = &p.primitive else {
                continue;
            };
            let clip = p.clip_rect;
            let px = |v: f32| (v * pixels_per_point).round().max(0.0) as usize;
            let x0 = px(clip.min.x).min(self.width);
            let y0 = px(clip.min.y).clamp(top, bottom);
            let x1 = px(clip.max.x).min(self.width);
            let y1 = px(clip.max.y).clamp(top, bottom);
            if x0 >= x1 || y0 >= y1 {
                continue;
            }
            self.paint_mesh(
                mesh,
                textures.get(mesh.texture_id),
                (x0, y0, x1, y1),
                pixels_per_point,
                top,
            );
        }
    }

    fn paint_mesh(
        &mut self,
        mesh: &Mesh,
        texture: Option<&Texture>,
        clip: (usize, usize, usize, usize),
        ppp: f32,
        top: usize,
    ) {
        for tri in mesh.indices.chunks_exact(3) {
            let get = |i: u32| mesh.vertices.get(i as usize);
            let (Some(a), Some(b), Some(c)) = (get(tri[0]), get(tri[1]), get(tri[2])) else {
                continue;
            };
            self.triangle([a, b, c], texture, clip, ppp, top);
        }
    }

    fn triangle(
        &mut self,
        v: [&Vertex; 3],
        texture: Option<&Texture>,
        clip: (usize, usize, usize, usize),
        ppp: f32,
        top: usize,
    ) {
        let Some(tri) = Setup::new(v, texture, clip, ppp) else {
            return;
        };
        match tri.solid {
            Some(Solid::Invisible) => {}
            Some(Solid::Opaque(px)) => {
                for y in tri.min_y..tri.max_y {
                    if let Some((a, b)) = tri.exact_span(y)
                        && let Some(row) = self.row_mut(y - top, a, b)
                    {
                        fill(row, px);
                    }
                }
            }
            Some(Solid::Translucent(src)) => {
                let inv = 1.0 - src[3] / 255.0;
                // Large translucent areas (a plot's tint, a projected span) mostly lie
                // over one colour: remember the last pixel blended.
                let mut last: Option<([u8; 4], [u8; 4])> = None;
                for y in tri.min_y..tri.max_y {
                    if let Some((a, b)) = tri.exact_span(y)
                        && let Some(row) = self.row_mut(y - top, a, b)
                    {
                        for dst in row.chunks_exact_mut(4) {
                            let under = [dst[0], dst[1], dst[2], dst[3]];
                            match last {
                                Some((was, out)) if was == under => dst.copy_from_slice(&out),
                                _ => {
                                    blend(dst, &src, inv);
                                    last = Some((under, [dst[0], dst[1], dst[2], dst[3]]));
                                }
                            }
                        }
                    }
                }
            }
            None => {
                for y in tri.min_y..tri.max_y {
                    self.shaded_row(&tri, texture, y, top);
                }
            }
        }
    }

    /// The bytes of row `y` from pixel `a` to `b` (exclusive).
    fn row_mut(&mut self, y: usize, a: usize, b: usize) -> Option<&mut [u8]> {
        let start = (y * self.width + a) * 4;
        let end = (y * self.width + b) * 4;
        self.rgba.get_mut(start..end)
    }

    /// One row of a triangle whose colour or texel varies: each pixel interpolated.
    fn shaded_row(&mut self, tri: &Setup, texture: Option<&Texture>, y: usize, top: usize) {
        let Some((x_start, x_end)) = tri.candidate_span(y) else {
            return;
        };
        let py = y as f32 + 0.5;
        let p = &tri.p;
        for x in x_start..x_end {
            let px = x as f32 + 0.5;
            let w0 = edge(p[1], p[2], px, py);
            let w1 = edge(p[2], p[0], px, py);
            let w2 = edge(p[0], p[1], px, py);
            if w0 < tri.bias[0] || w1 < tri.bias[1] || w2 < tri.bias[2] {
                continue;
            }
            let (b0, b1, b2) = (w0 * tri.inv_area, w1 * tri.inv_area, w2 * tri.inv_area);
            let cols = &tri.cols;
            let c = if tri.flat_color {
                cols[0]
            } else {
                let mut c = [0.0; 4];
                for i in 0..4 {
                    c[i] = cols[0][i] * b0 + cols[1][i] * b1 + cols[2][i] * b2;
                }
                c
            };
            let uvs = &tri.uvs;
            let t = match (tri.flat_texel, texture) {
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
            let i = ((y - top) * self.width + x) * 4;
            let Some(dst) = self.rgba.get_mut(i..i + 4) else {
                continue;
            };
            if src[3] >= OPAQUE {
                dst.copy_from_slice(&to_bytes(&src));
                continue;
            }
            blend(dst, &src, 1.0 - src[3] / 255.0);
        }
    }
}

/// Fills `dst` with copies of one pixel, 32 bytes per store where the compiler can.
#[inline(never)]
fn fill(dst: &mut [u8], px: [u8; 4]) {
    let mut wide = [0u8; 32];
    for (i, b) in wide.iter_mut().enumerate() {
        *b = px[i % 4];
    }
    let mut chunks = dst.chunks_exact_mut(32);
    for c in &mut chunks {
        c.copy_from_slice(&wide);
    }
    for c in chunks.into_remainder().chunks_exact_mut(4) {
        c.copy_from_slice(&px);
    }
}

/// `x.floor()` without a libm call (the default x86-64 target has no rounding
/// instruction); exact for every float.
#[inline(always)]
fn floor(x: f32) -> f32 {
    if x.abs() < 8_388_608.0 {
        let t = x as i32 as f32;
        if t > x { t - 1.0 } else { t }
    } else {
        x
    }
}

/// `x.ceil()` without a libm call; exact for every float.
#[inline(always)]
fn ceil(x: f32) -> f32 {
    -floor(-x)
}

/// Alpha (0..=255) from which a source pixel replaces what is under it: it would round
/// to fully opaque anyway.
const OPAQUE: f32 = 254.5;

/// The edge function of `a -> b` at `(x, y)`: positive on the inside of a triangle
/// wound counter-clockwise in this convention.
#[inline(always)]
fn edge(a: (f32, f32), b: (f32, f32), x: f32, y: f32) -> f32 {
    (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)
}

/// Rounds premultiplied channels (0..=255 floats) to bytes. Values are non-negative, so
/// `+ 0.5` then truncation rounds half up like `f32::round`, without a libm call per
/// channel (it was a third of the time).
#[inline(always)]
fn to_bytes(src: &[f32; 4]) -> [u8; 4] {
    [
        (src[0].min(255.0) + 0.5) as u8,
        (src[1].min(255.0) + 0.5) as u8,
        (src[2].min(255.0) + 0.5) as u8,
        (src[3].min(255.0) + 0.5) as u8,
    ]
}

/// `src + dst * inv` per channel, premultiplied, in gamma space (as egui's painters do).
#[inline(always)]
fn blend(dst: &mut [u8], src: &[f32; 4], inv: f32) {
    for k in 0..4 {
        let out = src[k] + f32::from(dst[k]) * inv;
        dst[k] = (out.clamp(0.0, 255.0) + 0.5) as u8;
    }
}

/// A triangle's colour when it is the same at every pixel.
enum Solid {
    /// Nothing to draw (fully transparent).
    Invisible,
    /// Replaces what is under it with these bytes.
    Opaque([u8; 4]),
    /// Blends this premultiplied colour over what is under it.
    Translucent([f32; 4]),
}

/// A triangle ready to scan: pixel-space corners (counter-clockwise), bounds within the
/// clip, the fill rule's biases, and its colours and texture coordinates.
struct Setup {
    p: [(f32, f32); 3],
    bias: [f32; 3],
    min_x: usize,
    max_x: usize,
    min_y: usize,
    max_y: usize,
    inv_area: f32,
    cols: [[f32; 4]; 3],
    uvs: [(f32, f32); 3],
    flat_color: bool,
    flat_texel: Option<[f32; 4]>,
    /// Set when every pixel gets the same colour (flat colour, one texel).
    solid: Option<Solid>,
}

impl Setup {
    fn new(
        v: [&Vertex; 3],
        texture: Option<&Texture>,
        clip: (usize, usize, usize, usize),
        ppp: f32,
    ) -> Option<Self> {
        let p: [(f32, f32); 3] = [
            (v[0].pos.x * ppp, v[0].pos.y * ppp),
            (v[1].pos.x * ppp, v[1].pos.y * ppp),
            (v[2].pos.x * ppp, v[2].pos.y * ppp),
        ];
        let area = edge(p[0], p[1], p[2].0, p[2].1);
        if !area.is_finite() || area.abs() < 1e-12 {
            return None;
        }
        // Orient counter-clockwise in this edge convention so inside means all >= 0.
        let (p, v) = if area < 0.0 {
            ([p[0], p[2], p[1]], [v[0], v[2], v[1]])
        } else {
            (p, v)
        };
        let area = area.abs();
        let xs = p.map(|q| q.0);
        let ys = p.map(|q| q.1);
        let lowest = |a: [f32; 3]| a.iter().copied().fold(f32::INFINITY, f32::min);
        let highest = |a: [f32; 3]| a.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let min_x = floor(lowest(xs)).max(clip.0 as f32) as usize;
        let max_x = (ceil(highest(xs)).max(0.0) as usize).min(clip.2);
        let min_y = floor(lowest(ys)).max(clip.1 as f32) as usize;
        let max_y = (ceil(highest(ys)).max(0.0) as usize).min(clip.3);
        if min_x >= max_x || min_y >= max_y {
            return None;
        }
        // Top-left rule: a pixel centre exactly on a shared edge belongs to one triangle only,
        // so adjacent translucent triangles do not double-blend along their seam.
        let owns = |a: (f32, f32), b: (f32, f32)| {
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            dy > 0.0 || (dy == 0.0 && dx < 0.0)
        };
        let bias_of = |a, b| if owns(a, b) { 0.0 } else { f32::MIN_POSITIVE };
        let bias = [
            bias_of(p[1], p[2]),
            bias_of(p[2], p[0]),
            bias_of(p[0], p[1]),
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
        let solid = match flat_texel {
            Some(t) if flat_color => {
                let c = cols[0];
                let src = [c[0] * t[0], c[1] * t[1], c[2] * t[2], c[3] * t[3]];
                Some(if src.iter().all(|&s| s <= 0.0) {
                    Solid::Invisible
                } else if src[3] >= OPAQUE {
                    Solid::Opaque(to_bytes(&src))
                } else {
                    Solid::Translucent(src)
                })
            }
            _ => None,
        };
        Some(Self {
            p,
            bias,
            min_x,
            max_x,
            min_y,
            max_y,
            inv_area: 1.0 / area,
            cols,
            uvs,
            flat_color,
            flat_texel,
            solid,
        })
    }

    /// Whether the centre of pixel `(x, y)` is inside (fill rule included).
    #[inline(always)]
    fn inside(&self, x: usize, py: f32) -> bool {
        let px = x as f32 + 0.5;
        let p = &self.p;
        edge(p[1], p[2], px, py) >= self.bias[0]
            && edge(p[2], p[0], px, py) >= self.bias[1]
            && edge(p[0], p[1], px, py) >= self.bias[2]
    }

    /// Pixels of row `y` that may be inside: the span solved from the edge functions,
    /// widened by one pixel each side so float rounding never drops a pixel. Each pixel
    /// in it is then tested exactly.
    fn candidate_span(&self, y: usize) -> Option<(usize, usize)> {
        let py = y as f32 + 0.5;
        let (mut lo, mut hi) = (self.min_x as f32, self.max_x as f32);
        let p = &self.p;
        // Each edge function is linear in x along a row: w = ax * px + c(py).
        for (k, (a, b)) in [(p[1], p[2]), (p[2], p[0]), (p[0], p[1])]
            .iter()
            .enumerate()
        {
            let ax = -(b.1 - a.1);
            let c = (b.0 - a.0) * (py - a.1) + (b.1 - a.1) * a.0;
            if ax > 0.0 {
                lo = lo.max((self.bias[k] - c) / ax - 1.0);
            } else if ax < 0.0 {
                hi = hi.min((self.bias[k] - c) / ax + 1.0);
            } else if c < self.bias[k] {
                return None;
            }
        }
        if hi < lo {
            return None;
        }
        let x_start = (floor(lo).max(self.min_x as f32)) as usize;
        let x_end = ((ceil(hi) + 1.0).min(self.max_x as f32).max(0.0)) as usize;
        (x_start < x_end).then_some((x_start, x_end))
    }

    /// The pixels of row `y` whose centres are inside, exactly as the per-pixel test
    /// decides: along a row each edge function is monotonic (in floats too), so the
    /// inside pixels are one run; its ends are found by testing inward from the
    /// candidate span's ends, and everything between is inside.
    #[inline]
    fn exact_span(&self, y: usize) -> Option<(usize, usize)> {
        let (mut a, mut b) = self.candidate_span(y)?;
        let py = y as f32 + 0.5;
        while a < b && !self.inside(a, py) {
            a += 1;
        }
        while b > a && !self.inside(b - 1, py) {
            b -= 1;
        }
        (a < b).then_some((a, b))
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
    fn floor_and_ceil_without_libm_are_exact() {
        let mut x = -70_000.0f32;
        while x < 70_000.0 {
            for v in [x, x + 0.5, x + 0.25, x + 1e-3, -x] {
                assert_eq!(floor(v), v.floor(), "{v}");
                assert_eq!(ceil(v), v.ceil(), "{v}");
            }
            x += 13.37;
        }
        for v in [1e9, -1e9, 8_388_608.5, f32::MAX, f32::MIN] {
            assert_eq!(floor(v), v.floor(), "{v}");
        }
        assert!(floor(f32::NAN).is_nan());
    }

    /// The span fill trusts `exact_span`: on each row it must give exactly the pixels
    /// the per-pixel test accepts (checked on 2,000 pseudo-random triangles).
    #[test]
    fn exact_spans_are_the_pixels_the_per_pixel_test_accepts() {
        let mut seed = 12_345u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) as f32 / (1u32 << 24) as f32 * 40.0 - 4.0
        };
        let vertex = |x: f32, y: f32| Vertex {
            pos: pos2(x, y),
            uv: egui::epaint::WHITE_UV,
            color: Color32::RED,
        };
        for _ in 0..2_000 {
            let v = [
                vertex(next(), next()),
                vertex(next(), next()),
                vertex(next(), next()),
            ];
            let Some(tri) = Setup::new([&v[0], &v[1], &v[2]], None, (0, 0, 32, 32), 1.0) else {
                continue;
            };
            for y in tri.min_y..tri.max_y {
                let py = y as f32 + 0.5;
                let brute: Vec<usize> = (tri.min_x..tri.max_x)
                    .filter(|&x| tri.inside(x, py))
                    .collect();
                let exact: Vec<usize> = tri
                    .exact_span(y)
                    .map_or(Vec::new(), |(a, b)| (a..b).collect());
                assert_eq!(exact, brute, "row {y} of {:?}", tri.p);
            }
        }
    }

    #[test]
    fn painting_in_bands_gives_the_whole_canvas() {
        let mut m = Mesh::default();
        m.add_colored_rect(
            Rect::from_min_max(pos2(1.5, 2.25), pos2(9.0, 13.5)),
            Color32::from_rgba_premultiplied(0, 60, 90, 128),
        );
        let v = |x: f32, y: f32, c: Color32| Vertex {
            pos: pos2(x, y),
            uv: egui::epaint::WHITE_UV,
            color: c,
        };
        let n = m.vertices.len() as u32;
        m.vertices.extend([
            v(0.0, 0.0, Color32::RED),
            v(12.0, 3.0, Color32::BLUE),
            v(4.0, 16.0, Color32::GREEN),
        ]);
        m.indices.extend([n, n + 1, n + 2]);
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(pos2(0.0, 1.0), pos2(11.0, 15.0)),
            primitive: Primitive::Mesh(m),
        };
        let mut whole = Canvas::new(12, 16, Color32::WHITE);
        whole.paint(std::slice::from_ref(&prim), &Textures::default(), 1.0);
        let mut rows = Vec::new();
        for top in (0..16).step_by(5) {
            let mut band = Canvas::new(12, (16 - top).min(5), Color32::WHITE);
            band.paint_rows(std::slice::from_ref(&prim), &Textures::default(), 1.0, top);
            rows.extend(band.rgba);
        }
        assert_eq!(rows, whole.rgba);
    }

    #[test]
    fn shapes_far_past_the_canvas_paint_only_the_canvas() {
        // Issue 21: whatever the data, the work is bounded by the pixels. A rect from
        // -1e4 to 1e4 covers the 8x8 canvas exactly; one with an infinite or NaN corner,
        // one wholly off the canvas, or one whose area overflows f32, paints nothing.
        let c = Color32::from_rgb(10, 20, 30);
        let painted = |rect: Rect| {
            let mut m = Mesh::default();
            m.add_colored_rect(rect, c);
            let canvas = canvas_with(m, 8, 8);
            assert_eq!(canvas.rgba.len(), 8 * 8 * 4);
            canvas
                .rgba
                .chunks_exact(4)
                .filter(|p| *p == [10, 20, 30, 255])
                .count()
        };
        assert_eq!(
            painted(Rect::from_min_max(pos2(-1e4, -1e4), pos2(1e4, 1e4))),
            64
        );
        for rect in [
            Rect::from_min_max(pos2(-f32::MAX, 0.0), pos2(f32::INFINITY, 8.0)),
            Rect::from_min_max(pos2(1e30, 1e30), pos2(f32::MAX, f32::MAX)),
            Rect::from_min_max(pos2(f32::NAN, 0.0), pos2(8.0, 8.0)),
            Rect::from_min_max(pos2(-1e30, -1e30), pos2(1e30, 1e30)),
        ] {
            assert_eq!(painted(rect), 0, "{rect:?}");
        }
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
