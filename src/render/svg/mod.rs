//! SVG encoding of a [`Frame`]: egui's own output shapes, the very ones the PNG is
//! tessellated and rasterised from, written as SVG elements.
//!
//! - rectangles, circles, ellipses, line segments, paths and Bézier curves become
//!   `<rect>`, `<circle>`, `<ellipse>` and `<path>` with their fill and stroke, placed
//!   the way egui's tessellator places them (pixel snapping, stroke inside/outside)
//!   ([`shapes`]); egui draws dashed lines as separate segments, and so does the SVG;
//! - text becomes `<text>` with one x position per character from egui's layout, in
//!   the font egui used, embedded as a subset ([`text`], [`font`], [`sfnt`]);
//! - each clip rectangle becomes a `<clipPath>`;
//! - what has no vector form (triangle meshes, images, blurred or textured rectangles,
//!   gradient strokes, colour emoji, italic glyphs, text backgrounds) is rasterised
//!   alone, with the PNG rasteriser, and embedded as a PNG `<image>` ([`fallback`]).
//!
//! Coordinates are in points (the `viewBox`); the `width`/`height` are the PNG's
//! pixel size. The output is deterministic: numbers are rounded to 1/100 point and
//! everything is written in paint order.

mod fallback;
mod font;
mod sfnt;
mod shapes;
mod text;

use egui::epaint::{ClippedShape, Shape};
use egui::{Color32, Rect, emath::TSTransform};

use super::{EncodeError, Frame};

/// Why a frame could not be encoded as SVG.
#[derive(Debug, thiserror::Error)]
pub enum SvgError {
    /// A shape with no vector form could not be embedded as PNG.
    #[error("SVG: a shape drawn as pixels could not be encoded: {0}")]
    Fallback(#[from] EncodeError),
}

/// Encodes a frame as an SVG document.
pub fn encode(frame: &Frame) -> Result<String, SvgError> {
    let mut w = Writer::new(frame);
    for shape in &frame.shapes {
        w.clipped(shape);
    }
    w.finish()
}

/// The SVG being written: the body in paint order, clip paths, fonts used.
struct Writer<'f> {
    frame: &'f Frame,
    ppp: f32,
    body: String,
    clips: Vec<Rect>,
    open_clip: Option<usize>,
    /// The clip rectangle of the shape being written, in points (pixel-aligned).
    clip: Rect,
    fonts: font::Fonts<'f>,
    error: Option<EncodeError>,
    /// Line segments of one stroke waiting to be written as one `<path>`.
    pending: Option<(egui::Stroke, String)>,
}

impl<'f> Writer<'f> {
    fn new(frame: &'f Frame) -> Self {
        Self {
            frame,
            ppp: frame.pixels_per_point,
            body: String::new(),
            clips: Vec::new(),
            open_clip: None,
            clip: Rect::NOTHING,
            fonts: font::Fonts::new(&frame.fonts),
            error: None,
            pending: None,
        }
    }

    /// Writes the pending line segments, if any.
    fn flush(&mut self) {
        if let Some((stroke, d)) = self.pending.take() {
            self.body.push_str(&shapes::segments_element(stroke, &d));
        }
    }

    /// The body, to append an element to (after any pending segments).
    fn out(&mut self) -> &mut String {
        self.flush();
        &mut self.body
    }

    /// The page, in points.
    fn page(&self) -> Rect {
        Rect::from_min_size(egui::Pos2::ZERO, self.frame.spec.size_points())
    }

    /// One shape within its clip rectangle (a `<g clip-path>` shared by consecutive
    /// shapes with the same clip; none when the clip holds the whole page).
    fn clipped(&mut self, cs: &ClippedShape) {
        // The rasteriser clips to whole pixels: so does the SVG.
        let px = |v: f32| (v * self.ppp).round().max(0.0) / self.ppp;
        let page = self.page();
        let clip = Rect::from_min_max(
            egui::pos2(px(cs.clip_rect.min.x), px(cs.clip_rect.min.y)),
            egui::pos2(px(cs.clip_rect.max.x), px(cs.clip_rect.max.y)),
        )
        .intersect(page);
        if !clip.is_positive() {
            return;
        }
        self.clip = clip;
        let wanted = if clip.contains_rect(page) {
            None
        } else {
            let id = match self.clips.iter().position(|c| *c == clip) {
                Some(id) => id,
                None => {
                    self.clips.push(clip);
                    self.clips.len() - 1
                }
            };
            Some(id)
        };
        if wanted != self.open_clip {
            if self.open_clip.is_some() {
                self.out().push_str("</g>\n");
            }
            if let Some(id) = wanted {
                self.out()
                    .push_str(&format!("<g clip-path=\"url(#c{id})\">\n"));
            }
            self.open_clip = wanted;
        }
        let t = cs.transform_after_tessellation;
        let transformed = t != TSTransform::IDENTITY;
        if transformed {
            let (s, d) = (t.scaling, t.translation);
            self.out().push_str(&format!(
                "<g transform=\"matrix({} 0 0 {} {} {})\">\n",
                num(s),
                num(s),
                num(d.x),
                num(d.y)
            ));
        }
        self.shape(&cs.shape, cs);
        if transformed {
            self.out().push_str("</g>\n");
        }
    }

    fn shape(&mut self, shape: &Shape, cs: &ClippedShape) {
        match shape {
            Shape::Noop | Shape::Callback(_) => {}
            Shape::Vec(shapes) => {
                for s in shapes {
                    self.shape(s, cs);
                }
            }
            Shape::Rect(r) => self.rect(r, cs),
            Shape::Circle(c) => self.circle(c),
            Shape::Ellipse(e) => self.ellipse(e),
            Shape::LineSegment { points, stroke } => self.segment(*points, *stroke),
            Shape::Path(p) => self.path(p, cs),
            Shape::QuadraticBezier(b) => self.quadratic(b, cs),
            Shape::CubicBezier(b) => self.cubic(b, cs),
            Shape::Text(t) => self.text(t),
            Shape::Mesh(m) => self.mesh(m),
            Shape::Band(_) => self.tessellated(shape, cs),
        }
    }

    fn finish(mut self) -> Result<String, SvgError> {
        self.flush();
        if self.open_clip.is_some() {
            self.body.push_str("</g>\n");
        }
        if let Some(e) = self.error.take() {
            return Err(e.into());
        }
        let spec = self.frame.spec;
        let page = self.page();
        let mut out = String::with_capacity(self.body.len() + 64 * 1024);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" \
             width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" xml:space=\"preserve\">\n",
            spec.width_px,
            spec.height_px,
            num(page.width()),
            num(page.height())
        ));
        out.push_str("<defs>\n");
        let css = self.fonts.css();
        if !css.is_empty() {
            out.push_str(&format!("<style>{css}</style>\n"));
        }
        for (id, c) in self.clips.iter().enumerate() {
            out.push_str(&format!(
                "<clipPath id=\"c{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>\n",
                num(c.min.x),
                num(c.min.y),
                num(c.width()),
                num(c.height())
            ));
        }
        out.push_str("</defs>\n");
        out.push_str(&format!(
            "<rect width=\"{}\" height=\"{}\"{}/>\n",
            num(page.width()),
            num(page.height()),
            paint("fill", self.frame.background)
        ));
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        Ok(out)
    }
}

/// A number in points: at most two decimals, no trailing zeros, never NaN or `-0`.
fn num(v: f32) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let (whole, frac) = (hundredths.abs() / 100, hundredths.abs() % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// ` fill="#rrggbb"` (or `stroke`), with `fill-opacity` when translucent; egui's colours
/// are premultiplied, SVG's are not.
fn paint(attr: &str, c: Color32) -> String {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    let mut s = format!(" {attr}=\"#{r:02x}{g:02x}{b:02x}\"");
    if a < 255 {
        let alpha = format!("{:.3}", f64::from(a) / 255.0);
        let alpha = alpha.trim_end_matches('0').trim_end_matches('.');
        s.push_str(&format!(" {attr}-opacity=\"{alpha}\""));
    }
    s
}

/// Text safe inside an XML element or attribute.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64 (RFC 4648, padded), for fonts and images inlined as data URLs.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(0.125), "0.13");
        assert_eq!(num(-1.23456), "-1.23");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(num(f32::INFINITY), "0");
    }

    #[test]
    fn base64_matches_the_rfc_examples() {
        // RFC 4648, section 10.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn colours_are_unpremultiplied_with_an_opacity() {
        assert_eq!(
            paint("fill", Color32::from_rgb(0, 114, 178)),
            " fill=\"#0072b2\""
        );
        // 50% black, premultiplied (0, 0, 0, 128): opacity 128 / 255 = 0.502.
        assert_eq!(
            paint("stroke", Color32::from_black_alpha(128)),
            " stroke=\"#000000\" stroke-opacity=\"0.502\""
        );
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
