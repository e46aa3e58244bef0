//! egui's geometric shapes as SVG elements, placed as egui's tessellator places them:
//! rectangles snapped to pixels according to their stroke kind, strokes inside,
//! centred on or outside the outline, horizontal and vertical line segments snapped to
//! pixel centres, and consecutive line segments of one stroke merged into one `<path>`.

use egui::emath::GuiRounding as _;
use egui::epaint::{
    ClippedShape, ColorMode, CornerRadiusF32, CubicBezierShape, EllipseShape, PathShape,
    PathStroke, QuadraticBezierShape, RectShape, Shape,
};
use egui::{Color32, Pos2, Rect, Stroke, StrokeKind};

use super::{Writer, num, paint};

/// Stroke attributes of a merged run of segments, for [`Writer::flush`].
pub(super) fn segments_element(stroke: Stroke, d: &str) -> String {
    format!(
        "<path d=\"{d}\" fill=\"none\"{}/>\n",
        stroke_attrs(stroke.color, stroke.width)
    )
}

/// The corner rounding egui adds to any rounded corner ("otherwise it doesn't feel
/// enough"), and the least inner radius it keeps, in points (see
/// `epaint::Tessellator::tessellate_rect`).
const CORNER_TWEAK: f32 = 0.4;
const MIN_INNER_RADIUS: f32 = 0.1;

/// Whether the integer nearest to `x` is odd (as egui decides where to centre strokes).
fn nearest_integer_is_odd(x: f32) -> bool {
    (x * 0.5 + 0.25).fract() > 0.5
}

fn round_rect_to_pixels(r: Rect, ppp: f32) -> Rect {
    Rect::from_min_max(r.min.round_to_pixels(ppp), r.max.round_to_pixels(ppp))
}

fn round_rect_to_pixel_centers(r: Rect, ppp: f32) -> Rect {
    Rect::from_min_max(
        r.min.round_to_pixel_center(ppp),
        r.max.round_to_pixel_center(ppp),
    )
}

/// Stroke attributes (`stroke`, `stroke-width`, opacity).
fn stroke_attrs(color: Color32, width: f32) -> String {
    format!("{} stroke-width=\"{}\"", paint("stroke", color), num(width))
}

/// An SVG path of a rectangle with per-corner radii (a plain `M H V Z` when square).
fn rounded_rect_path(r: Rect, cr: CornerRadiusF32) -> String {
    let half = 0.5 * r.width().min(r.height());
    let [nw, ne, sw, se] = [cr.nw, cr.ne, cr.sw, cr.se].map(|c| c.clamp(0.0, half.max(0.0)));
    let (x0, y0, x1, y1) = (r.min.x, r.min.y, r.max.x, r.max.y);
    let arc = |rad: f32, x: f32, y: f32| {
        if rad > 0.0 {
            format!("A{} {} 0 0 1 {} {}", num(rad), num(rad), num(x), num(y))
        } else {
            String::new()
        }
    };
    format!(
        "M{} {}H{}{}V{}{}H{}{}V{}{}Z",
        num(x0 + nw),
        num(y0),
        num(x1 - ne),
        arc(ne, x1, y0 + ne),
        num(y1 - se),
        arc(se, x1 - se, y1),
        num(x0 + sw),
        arc(sw, x0, y1 - sw),
        num(y0 + nw),
        arc(nw, x0 + nw, y0),
    )
}

/// `transform="rotate(...)"` for a rotation of `angle` radians about `center`.
fn rotation(angle: f32, center: Pos2) -> String {
    if angle == 0.0 {
        String::new()
    } else {
        format!(
            " transform=\"rotate({} {} {})\"",
            num(angle.to_degrees()),
            num(center.x),
            num(center.y)
        )
    }
}

/// `a` and `b` moved apart by `by` each, along the line.
fn extend(a: Pos2, b: Pos2, by: f32) -> (Pos2, Pos2) {
    let dir = (b - a).normalized();
    if !dir.x.is_finite() || !dir.y.is_finite() {
        return (a, b);
    }
    (a - dir * by, b + dir * by)
}

impl Writer<'_> {
    /// How far egui extends the ends of an open stroke of `width`: half a pixel (its
    /// anti-aliasing caps), except for hairlines, which it draws without caps.
    fn caps(&self, width: f32) -> Option<f32> {
        let feathering = 1.0 / self.ppp;
        (width > 0.9 * feathering).then_some(0.5 * feathering)
    }

    /// A rectangle: its fill inside the stroke, and the stroke, as egui tessellates it.
    pub(super) fn rect(&mut self, shape: &RectShape, cs: &ClippedShape) {
        if shape.brush.is_some() || shape.blur_width > 0.0 {
            return self.tessellated(&Shape::Rect(shape.clone()), cs);
        }
        let ppp = self.ppp;
        let feathering = 1.0 / ppp;
        let mut rect = shape.rect;
        rect.min = rect.min.max(Pos2::new(-1e7, -1e7));
        rect.max = rect.max.min(Pos2::new(1e7, 1e7));
        let mut fill = shape.fill;
        let mut stroke = shape.stroke;
        if stroke.width == 0.0 {
            stroke.color = Color32::TRANSPARENT;
        }
        let kind = shape.stroke_kind;
        if !stroke.is_empty() {
            let with_stroke = match kind {
                StrokeKind::Inside => rect,
                StrokeKind::Middle => rect.expand(stroke.width * 0.5),
                StrokeKind::Outside => rect.expand(stroke.width),
            };
            // A stroke that covers the whole rectangle becomes its fill.
            if with_stroke.size().min_elem() <= 2.0 * stroke.width + 0.5 * feathering {
                rect = with_stroke;
                fill = stroke.color;
                stroke = Stroke::NONE;
            }
        }
        // egui draws thin unstroked rectangles as line segments (unrounded, so they keep
        // their thickness).
        if shape.angle == 0.0 && stroke.is_empty() {
            if rect.width() <= 2.0 * feathering {
                let line = Stroke::new(rect.width(), fill);
                return self.segment([rect.center_top(), rect.center_bottom()], line);
            }
            if rect.height() <= 2.0 * feathering {
                let line = Stroke::new(rect.height(), fill);
                return self.segment([rect.left_center(), rect.right_center()], line);
            }
        }
        let round = shape
            .round_to_pixels
            .unwrap_or(self.frame.tessellation.0.round_rects_to_pixels);
        if round {
            rect = match kind {
                StrokeKind::Middle
                    if stroke.width > 0.0
                        && (stroke.width <= feathering
                            || nearest_integer_is_odd(ppp * stroke.width)) =>
                {
                    round_rect_to_pixel_centers(rect, ppp)
                }
                _ => round_rect_to_pixels(rect, ppp),
            };
        }
        let w = if stroke.is_empty() { 0.0 } else { stroke.width };
        let original = CornerRadiusF32::from(shape.corner_radius);
        let mut cr = original;
        let outer = match kind {
            StrokeKind::Inside => rect,
            StrokeKind::Middle => {
                cr += w * 0.5;
                rect.expand(w * 0.5)
            }
            StrokeKind::Outside => {
                cr += w;
                rect.expand(w)
            }
        };
        let tweak = |o: f32, c: f32| {
            if o == 0.0 {
                0.0
            } else {
                (c + CORNER_TWEAK).max(w + MIN_INNER_RADIUS)
            }
        };
        let cr = CornerRadiusF32 {
            nw: tweak(original.nw, cr.nw),
            ne: tweak(original.ne, cr.ne),
            sw: tweak(original.sw, cr.sw),
            se: tweak(original.se, cr.se),
        };
        let rot = rotation(shape.angle, outer.center());
        let inner = outer.shrink(w);
        if fill.a() > 0 && inner.is_positive() {
            let d = rounded_rect_path(inner, cr - CornerRadiusF32::from(w));
            self.out()
                .push_str(&format!("<path d=\"{d}\"{}{rot}/>\n", paint("fill", fill)));
        }
        if w > 0.0 {
            let d = rounded_rect_path(outer.shrink(w * 0.5), cr - CornerRadiusF32::from(w * 0.5));
            self.out().push_str(&format!(
                "<path d=\"{d}\" fill=\"none\"{}{rot}/>\n",
                stroke_attrs(stroke.color, w)
            ));
        }
    }

    /// A circle; its stroke lies outside the radius (as egui draws it).
    pub(super) fn circle(&mut self, c: &egui::epaint::CircleShape) {
        if c.radius <= 0.0 {
            return;
        }
        let (x, y) = (num(c.center.x), num(c.center.y));
        if c.fill.a() > 0 {
            self.out().push_str(&format!(
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"{}\"{}/>\n",
                num(c.radius),
                paint("fill", c.fill)
            ));
        }
        if !c.stroke.is_empty() {
            self.out().push_str(&format!(
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"{}\" fill=\"none\"{}/>\n",
                num(c.radius + c.stroke.width * 0.5),
                stroke_attrs(c.stroke.color, c.stroke.width)
            ));
        }
    }

    /// An ellipse; like a circle, its stroke lies outside.
    pub(super) fn ellipse(&mut self, e: &EllipseShape) {
        if e.radius.x <= 0.0 || e.radius.y <= 0.0 {
            return;
        }
        let rot = rotation(e.angle, e.center);
        let (x, y) = (num(e.center.x), num(e.center.y));
        if e.fill.a() > 0 {
            self.out().push_str(&format!(
                "<ellipse cx=\"{x}\" cy=\"{y}\" rx=\"{}\" ry=\"{}\"{}{rot}/>\n",
                num(e.radius.x),
                num(e.radius.y),
                paint("fill", e.fill)
            ));
        }
        if !e.stroke.is_empty() {
            let half = e.stroke.width * 0.5;
            self.out().push_str(&format!(
                "<ellipse cx=\"{x}\" cy=\"{y}\" rx=\"{}\" ry=\"{}\" fill=\"none\"{}{rot}/>\n",
                num(e.radius.x + half),
                num(e.radius.y + half),
                stroke_attrs(e.stroke.color, e.stroke.width)
            ));
        }
    }

    /// A line segment, snapped as egui snaps horizontal and vertical ones; it extends
    /// the previous element when that is a segment of the same stroke.
    pub(super) fn segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        if stroke.is_empty() {
            return;
        }
        let [mut a, mut b] = points;
        if self.frame.tessellation.0.round_line_segments_to_pixels {
            let ppp = self.ppp;
            let quarter = 0.25 / ppp;
            let center = |v: f32| {
                if stroke.width <= 1.0 / ppp || nearest_integer_is_odd(ppp * stroke.width) {
                    v.round_to_pixel_center(ppp)
                } else {
                    v.round_to_pixels(ppp)
                }
            };
            let ends = |p: &mut f32, q: &mut f32| {
                let (dp, dq) = if *p < *q {
                    (quarter, -quarter)
                } else {
                    (-quarter, quarter)
                };
                *p = (*p + dp).round_to_pixel_center(ppp);
                *q = (*q + dq).round_to_pixel_center(ppp);
            };
            if a.x == b.x {
                a.x = center(a.x);
                b.x = a.x;
                ends(&mut a.y, &mut b.y);
            }
            if a.y == b.y {
                a.y = center(a.y);
                b.y = a.y;
                ends(&mut a.x, &mut b.x);
            }
        }
        if let Some(ends) = self.caps(stroke.width) {
            (a, b) = extend(a, b, ends);
        }
        let d = format!("M{} {}L{} {}", num(a.x), num(a.y), num(b.x), num(b.y));
        // Consecutive segments of one stroke (grids, dashed lines) share one `<path>`.
        match &mut self.pending {
            Some((s, path)) if *s == stroke => path.push_str(&d),
            _ => {
                self.flush();
                self.pending = Some((stroke, d));
            }
        }
    }

    /// A polyline or polygon.
    pub(super) fn path(&mut self, p: &PathShape, cs: &ClippedShape) {
        if p.points.len() < 2 {
            return;
        }
        let mut points = p.points.clone();
        let n = points.len();
        if !p.closed
            && let Some(ends) = self.caps(p.stroke.width)
        {
            (points[0], _) = extend(points[0], points[1], ends);
            (_, points[n - 1]) = extend(points[n - 2], points[n - 1], ends);
        }
        let mut d = String::new();
        for (i, q) in points.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&format!("{} {}", num(q.x), num(q.y)));
        }
        self.outline(d, p.closed, p.fill, &p.stroke, &Shape::Path(p.clone()), cs);
    }

    /// A quadratic Bézier curve.
    pub(super) fn quadratic(&mut self, b: &QuadraticBezierShape, cs: &ClippedShape) {
        let [p, c, q] = b.points;
        let d = format!(
            "M{} {}Q{} {} {} {}",
            num(p.x),
            num(p.y),
            num(c.x),
            num(c.y),
            num(q.x),
            num(q.y)
        );
        let shape = Shape::QuadraticBezier(b.clone());
        self.outline(d, b.closed, b.fill, &b.stroke, &shape, cs);
    }

    /// A cubic Bézier curve.
    pub(super) fn cubic(&mut self, b: &CubicBezierShape, cs: &ClippedShape) {
        let [p, c1, c2, q] = b.points;
        let d = format!(
            "M{} {}C{} {} {} {} {} {}",
            num(p.x),
            num(p.y),
            num(c1.x),
            num(c1.y),
            num(c2.x),
            num(c2.y),
            num(q.x),
            num(q.y)
        );
        let shape = Shape::CubicBezier(b.clone());
        self.outline(d, b.closed, b.fill, &b.stroke, &shape, cs);
    }

    /// A path outline `d` with its fill (when closed) and stroke. Gradient strokes have
    /// no SVG form here: such a shape is drawn as pixels.
    fn outline(
        &mut self,
        mut d: String,
        closed: bool,
        fill: Color32,
        stroke: &PathStroke,
        shape: &Shape,
        cs: &ClippedShape,
    ) {
        let stroke_color = match &stroke.color {
            ColorMode::Solid(c) => *c,
            ColorMode::UV(_) => return self.tessellated(shape, cs),
        };
        if closed {
            d.push('Z');
        }
        let fill_attr = if closed && fill.a() > 0 {
            paint("fill", fill)
        } else {
            " fill=\"none\"".to_owned()
        };
        let stroke_attr = if stroke.width > 0.0 && stroke_color.a() > 0 {
            stroke_attrs(stroke_color, stroke.width)
        } else {
            String::new()
        };
        if fill_attr == " fill=\"none\"" && stroke_attr.is_empty() {
            return;
        }
        self.out()
            .push_str(&format!("<path d=\"{d}\"{fill_attr}{stroke_attr}/>\n"));
    }
}
