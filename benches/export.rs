//! `cargo bench --bench export`: the stages of exporting the four charts of the matplotlib
//! comparison (segment mix, revenue growth, margins, scenario; Twilio, 1200x700, scale 1):
//! laying them out (one renderer, one font atlas), rasterising them with moneymap's
//! rasteriser, the same frames drawn by `vello_cpu` instead (the comparison that decided
//! which rasteriser to keep, see BENCHMARKS.md), PNG encoding (RGB as now, RGBA as
//! before), rasterising and encoding a band at a time as an export does, and SVG
//! encoding.

// Benchmark inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use moneymap::charts::ChartKind;
use moneymap::render::{Frame, FrameSpec, Renderer, frame_png, png_bytes, svg};
use moneymap::ui::export::chart_frame_with;
use moneymap::ui::{Document, Scene, ViewState};
use std::hint::black_box;

const CHARTS: [ChartKind; 4] = [
    ChartKind::SegmentMix,
    ChartKind::RevenueGrowth,
    ChartKind::Margins,
    ChartKind::Scenario,
];

const SPEC: FrameSpec = FrameSpec {
    width_px: 1200,
    height_px: 700,
    scale: 1.0,
    dark: false,
};

fn lay_out(d: &Scene) -> Vec<Frame> {
    let mut r = Renderer::new();
    CHARTS
        .iter()
        .map(|&k| chart_frame_with(&mut r, d, k, &SPEC))
        .collect()
}

/// egui's shapes drawn with `vello_cpu` (sparse strips, analytic anti-aliasing): the
/// alternative to tessellating and rasterising triangles. Geometry as egui means it
/// (rectangles with rounded corners and strokes, circles, segments, polylines) and text
/// as unhinted glyph outlines from the same fonts, in the same places.
mod vello {
    use std::collections::HashMap;

    use egui::epaint::{ColorMode, Shape};
    use egui::{Color32, FontFamily};
    use moneymap::render::Frame;
    use skrifa::MetadataProvider as _;
    use skrifa::instance::{LocationRef, Size};
    use skrifa::outline::{DrawSettings, OutlinePen};
    use vello_cpu::color::{AlphaColor, Srgb};
    use vello_cpu::kurbo::{self, Affine, BezPath, Shape as _};
    use vello_cpu::{Pixmap, RenderContext, Resources};

    struct Pen(BezPath);

    impl OutlinePen for Pen {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.move_to((f64::from(x), -f64::from(y)));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.line_to((f64::from(x), -f64::from(y)));
        }
        fn quad_to(&mut self, cx: f32, cy: f32, x: f32, y: f32) {
            self.0.quad_to(
                (f64::from(cx), -f64::from(cy)),
                (f64::from(x), -f64::from(y)),
            );
        }
        fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
            self.0.curve_to(
                (f64::from(a), -f64::from(b)),
                (f64::from(c), -f64::from(d)),
                (f64::from(x), -f64::from(y)),
            );
        }
        fn close(&mut self) {
            self.0.close_path();
        }
    }

    fn color(c: Color32) -> AlphaColor<Srgb> {
        let [r, g, b, a] = c.to_srgba_unmultiplied();
        AlphaColor::from_rgba8(r, g, b, a)
    }

    /// Glyph outlines, by font, character and size (points).
    #[derive(Default)]
    pub struct Glyphs {
        cache: HashMap<(String, char, u32), Option<BezPath>>,
    }

    impl Glyphs {
        fn outline(
            &mut self,
            frame: &Frame,
            family: &FontFamily,
            c: char,
            size: f32,
        ) -> Option<&BezPath> {
            let keys = frame.fonts.families.get(family)?;
            let found = keys.iter().find_map(|k| {
                let data = frame.fonts.font_data.get(k)?;
                let font = skrifa::FontRef::from_index((*data.font).as_ref(), data.index).ok()?;
                let gid = font.charmap().map(c)?;
                Some((k.clone(), font, gid))
            })?;
            let (key, font, gid) = found;
            self.cache
                .entry((key, c, size.to_bits()))
                .or_insert_with(|| {
                    let glyph = font.outline_glyphs().get(gid)?;
                    let mut pen = Pen(BezPath::new());
                    let settings = DrawSettings::unhinted(Size::new(size), LocationRef::default());
                    glyph.draw(settings, &mut pen).ok()?;
                    Some(pen.0)
                })
                .as_ref()
        }
    }

    /// Draws the frame; returns premultiplied RGBA.
    pub fn draw(frame: &Frame, glyphs: &mut Glyphs) -> Pixmap {
        let (w, h) = (frame.spec.width_px as u16, frame.spec.height_px as u16);
        let mut ctx = RenderContext::new(w, h);
        let base = Affine::scale(f64::from(frame.pixels_per_point));
        ctx.set_transform(base);
        ctx.set_paint(color(frame.background));
        ctx.fill_rect(&kurbo::Rect::new(0.0, 0.0, f64::from(w), f64::from(h)));
        let page = egui::Rect::from_min_size(egui::Pos2::ZERO, frame.spec.size_points());
        for cs in &frame.shapes {
            let clipped = !cs.clip_rect.contains_rect(page);
            if clipped {
                let r = cs.clip_rect;
                let rect = kurbo::Rect::new(
                    f64::from(r.min.x),
                    f64::from(r.min.y),
                    f64::from(r.max.x),
                    f64::from(r.max.y),
                );
                ctx.push_clip_layer(&rect.to_path(0.1));
            }
            shape(&mut ctx, frame, &cs.shape, glyphs, base);
            if clipped {
                ctx.pop_layer();
            }
        }
        let mut pixmap = Pixmap::new(w, h);
        ctx.render(&mut pixmap, &mut Resources::new());
        pixmap
    }

    fn pt(p: egui::Pos2) -> kurbo::Point {
        kurbo::Point::new(f64::from(p.x), f64::from(p.y))
    }

    fn shape(ctx: &mut RenderContext, frame: &Frame, s: &Shape, glyphs: &mut Glyphs, base: Affine) {
        let stroke_with = |ctx: &mut RenderContext, path: &BezPath, width: f32, c: Color32| {
            if width > 0.0 && c.a() > 0 {
                ctx.set_stroke(kurbo::Stroke::new(f64::from(width)));
                ctx.set_paint(color(c));
                ctx.stroke_path(path);
            }
        };
        match s {
            Shape::Vec(v) => {
                for s in v {
                    shape(ctx, frame, s, glyphs, base);
                }
            }
            Shape::Rect(r) => {
                let cr = r.corner_radius;
                let rect = kurbo::Rect::new(
                    f64::from(r.rect.min.x),
                    f64::from(r.rect.min.y),
                    f64::from(r.rect.max.x),
                    f64::from(r.rect.max.y),
                );
                let radii = (
                    f64::from(cr.nw),
                    f64::from(cr.ne),
                    f64::from(cr.se),
                    f64::from(cr.sw),
                );
                if r.fill.a() > 0 {
                    ctx.set_paint(color(r.fill));
                    if cr == egui::CornerRadius::ZERO {
                        ctx.fill_rect(&rect);
                    } else {
                        ctx.fill_path(&kurbo::RoundedRect::from_rect(rect, radii).to_path(0.1));
                    }
                }
                let outline = kurbo::RoundedRect::from_rect(rect, radii).to_path(0.1);
                stroke_with(ctx, &outline, r.stroke.width, r.stroke.color);
            }
            Shape::Circle(c) => {
                let circle = kurbo::Circle::new(pt(c.center), f64::from(c.radius));
                if c.fill.a() > 0 {
                    ctx.set_paint(color(c.fill));
                    ctx.fill_path(&circle.to_path(0.1));
                }
                stroke_with(ctx, &circle.to_path(0.1), c.stroke.width, c.stroke.color);
            }
            Shape::LineSegment { points, stroke } => {
                let line = kurbo::Line::new(pt(points[0]), pt(points[1])).to_path(0.1);
                stroke_with(ctx, &line, stroke.width, stroke.color);
            }
            Shape::Path(p) => {
                let mut path = BezPath::new();
                for (i, q) in p.points.iter().enumerate() {
                    if i == 0 {
                        path.move_to(pt(*q));
                    } else {
                        path.line_to(pt(*q));
                    }
                }
                if p.closed {
                    path.close_path();
                    if p.fill.a() > 0 {
                        ctx.set_paint(color(p.fill));
                        ctx.fill_path(&path);
                    }
                }
                if let ColorMode::Solid(c) = p.stroke.color {
                    stroke_with(ctx, &path, p.stroke.width, c);
                }
            }
            Shape::Text(t) => {
                for row in &t.galley.rows {
                    let origin = t.pos + row.pos.to_vec2();
                    for g in &row.glyphs {
                        let section = t.galley.job.sections.first();
                        let Some(format) = section.map(|s| &s.format) else {
                            continue;
                        };
                        let fill = row
                            .visuals
                            .mesh
                            .vertices
                            .get(g.first_vertex as usize)
                            .map_or(t.fallback_color, |v| v.color);
                        let fill = if fill == Color32::PLACEHOLDER {
                            t.fallback_color
                        } else {
                            fill
                        };
                        let size = format.font_id.size;
                        let Some(outline) =
                            glyphs.outline(frame, &format.font_id.family, g.chr, size)
                        else {
                            continue;
                        };
                        let at = Affine::translate((
                            f64::from(origin.x + g.pos.x),
                            f64::from(origin.y + g.pos.y),
                        ));
                        ctx.set_transform(base * at);
                        ctx.set_paint(color(fill));
                        ctx.fill_path(outline);
                        ctx.set_transform(base);
                    }
                }
            }
            _ => {}
        }
    }
}

fn bench(c: &mut Criterion) {
    let d = Scene::new(Document::builtin(), ViewState::default());
    let frames = lay_out(&d);
    let canvases: Vec<_> = frames.iter().map(Frame::canvas).collect();
    // How far vello's pixels are from moneymap's (which reproduce egui's own painter):
    // mean per-pixel difference, 0-255 levels.
    let mut glyphs = vello::Glyphs::default();
    for (f, own) in frames.iter().zip(&canvases) {
        let v = vello::draw(f, &mut glyphs);
        let diff: f64 = own
            .rgba
            .chunks_exact(4)
            .zip(v.data_as_u8_slice().chunks_exact(4))
            .map(|(a, b)| (0..3).map(|i| f64::from(a[i].abs_diff(b[i]))).sum::<f64>() / 3.0)
            .sum::<f64>()
            / (own.width * own.height) as f64;
        eprintln!("vello vs moneymap, mean per-pixel difference: {diff:.2}");
    }
    let mut g = c.benchmark_group("export");
    g.sample_size(20);
    g.bench_function("layout_4_charts", |b| {
        b.iter(|| black_box(lay_out(&d).len()))
    });
    g.bench_function("raster_4_charts", |b| {
        b.iter(|| frames.iter().map(|f| f.canvas().rgba.len()).sum::<usize>())
    });
    g.bench_function("vello_4_charts", |b| {
        b.iter(|| {
            frames
                .iter()
                .map(|f| vello::draw(f, &mut glyphs).data_as_u8_slice().len())
                .sum::<usize>()
        })
    });
    g.bench_function("png_4_charts", |b| {
        b.iter(|| {
            canvases
                .iter()
                .map(|c| png_bytes(c).expect("png").len())
                .sum::<usize>()
        })
    });
    // The encoding moneymap used before (RGBA, same compression and filter), for the
    // size/time trade-off of writing RGB.
    g.bench_function("png_rgba_4_charts", |b| {
        b.iter(|| {
            canvases
                .iter()
                .map(|c| {
                    let mut out = Vec::new();
                    image::ImageEncoder::write_image(
                        image::codecs::png::PngEncoder::new(&mut out),
                        &c.rgba,
                        c.width as u32,
                        c.height as u32,
                        image::ExtendedColorType::Rgba8,
                    )
                    .expect("png");
                    out.len()
                })
                .sum::<usize>()
        })
    });
    // What an export does: painted and encoded a band of rows at a time.
    g.bench_function("frame_png_4_charts", |b| {
        b.iter(|| {
            frames
                .iter()
                .map(|f| frame_png(f).expect("png").len())
                .sum::<usize>()
        })
    });
    g.bench_function("svg_4_charts", |b| {
        b.iter(|| {
            frames
                .iter()
                .map(|f| svg::encode(f).expect("svg").len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
