//! SVG export: the SVG is written from the frame the PNG is rasterised from. Rendered
//! back with resvg it must match the PNG of the same chart, by a measure calibrated to
//! fail when a series is missing, a colour is wrong or text is misplaced (and deliberate
//! breaks of each kind are shown to fail it); it parses as XML, carries its title and
//! legend as text, embeds its font, is deterministic and stays small.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::{Color32, Shape};
use moneymap::charts::theme::Theme;
use moneymap::charts::{ChartKind, frame as chart_frame};
use moneymap::model;
use moneymap::render::{Frame, FrameSpec, svg};
use moneymap::ui::export::chart_frame as layout;
use moneymap::ui::{Document, Scene, ViewState};

fn twilio() -> Scene {
    Scene::new(Document::builtin(), ViewState::default())
}

fn ericsson() -> Scene {
    Scene::new(
        Document::new(None, model::parse(model::ERICSSON_RON).expect("loads")),
        ViewState::default(),
    )
}

const SMALL: FrameSpec = FrameSpec {
    width_px: 800,
    height_px: 450,
    scale: 1.0,
    dark: false,
};

const CHARTS: [ChartKind; 4] = [
    ChartKind::SegmentMix,
    ChartKind::RevenueGrowth,
    ChartKind::Margins,
    ChartKind::Scenario,
];

/// Decodes standard base64 (the fonts the SVG embeds).
fn unbase64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(val(c)) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// The fonts embedded in an SVG's `@font-face` rules.
fn embedded_fonts(svg: &str) -> Vec<Vec<u8>> {
    svg.split("data:font/ttf;base64,")
        .skip(1)
        .map(|rest| unbase64(&rest[..rest.find(')').expect("end of url")]))
        .collect()
}

/// Renders an SVG with resvg. resvg has no `@font-face`, so the fonts the SVG embeds are
/// handed to it: the text is drawn with exactly the embedded subsets, nothing else.
fn resvg_rgba(svg: &str) -> (u32, u32, Vec<u8>) {
    let mut opt = resvg::usvg::Options::default();
    for font in embedded_fonts(svg) {
        opt.fontdb_mut().load_font_data(font);
    }
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("resvg parses the SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("size");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    (size.width(), size.height(), pixmap.data().to_vec())
}

/// Pixels covered by text (each text shape's layout box, one point wider), where
/// hinted (PNG) and unhinted (resvg) glyphs legitimately differ.
fn text_mask(frame: &Frame) -> Vec<bool> {
    let (w, h) = (frame.spec.width_px as usize, frame.spec.height_px as usize);
    let s = frame.pixels_per_point;
    let mut mask = vec![false; w * h];
    let mut stack: Vec<&Shape> = frame.shapes.iter().map(|c| &c.shape).collect();
    while let Some(shape) = stack.pop() {
        match shape {
            Shape::Vec(v) => stack.extend(v),
            Shape::Text(t) => {
                let r = t.galley.rect.translate(t.pos.to_vec2()).expand(1.0);
                let px = |v: f32, n: usize| ((v * s).max(0.0) as usize).min(n);
                for y in px(r.min.y, h)..px(r.max.y.ceil(), h) {
                    for x in px(r.min.x, w)..px(r.max.x.ceil(), w) {
                        mask[y * w + x] = true;
                    }
                }
            }
            _ => {}
        }
    }
    mask
}

/// Mean per-pixel differences (0-255 levels, averaged over R, G and B) between the PNG
/// and the rendered SVG.
#[derive(Debug, Clone, Copy)]
struct Diff {
    /// Over the whole image (reported, not asserted: text dominates it).
    all: f64,
    /// Over the pixels outside text: shapes, lines, fills.
    shapes: f64,
    /// The worst 16x16-pixel tile outside text (a thin line missing or recoloured
    /// disappears in a whole-image mean; it does not in its tile).
    worst_tile: f64,
    /// Over the text boxes.
    text: f64,
}

/// Calibrated on every chart of Twilio and Ericsson, light and dark, scale 1 and 2
/// (measured maxima: shapes 0.23, worst tile 6.4 (egui's pre-rasterised marker discs, and
/// the fan's band, which egui fills without anti-aliasing), text 13.5) against the deliberate breaks below (a missing series: worst tile >= 11.4;
/// a series in another palette colour: >= 13; text moved by 2 points: text >= 21.9).
const MAX_SHAPES: f64 = 0.5;
const MAX_TILE: f64 = 8.0;
const MAX_TEXT: f64 = 16.0;

impl Diff {
    fn ok(&self) -> bool {
        self.shapes <= MAX_SHAPES && self.worst_tile <= MAX_TILE && self.text <= MAX_TEXT
    }
}

fn diff(frame: &Frame, svg: &str) -> Diff {
    let png = frame.canvas();
    let (w, h, rendered) = resvg_rgba(svg);
    assert_eq!(
        (w as usize, h as usize),
        (png.width, png.height),
        "SVG size"
    );
    let mask = text_mask(frame);
    let d: Vec<f64> = png
        .rgba
        .chunks_exact(4)
        .zip(rendered.chunks_exact(4))
        .map(|(a, b)| (0..3).map(|i| f64::from(a[i].abs_diff(b[i]))).sum::<f64>() / 3.0)
        .collect();
    let mean = |keep: &dyn Fn(usize) -> bool| {
        let (sum, n) = d
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .fold((0.0, 0usize), |(s, n), (_, v)| (s + v, n + 1));
        sum / n.max(1) as f64
    };
    let (w, h) = (w as usize, h as usize);
    let tile = 16;
    let mut worst_tile: f64 = 0.0;
    for ty in 0..h / tile {
        for tx in 0..w / tile {
            let (mut sum, mut n) = (0.0, 0);
            for y in ty * tile..(ty + 1) * tile {
                for x in tx * tile..(tx + 1) * tile {
                    if !mask[y * w + x] {
                        sum += d[y * w + x];
                        n += 1;
                    }
                }
            }
            // Tiles mostly of text are judged by the text measure.
            if n > tile * tile / 2 {
                worst_tile = worst_tile.max(sum / n as f64);
            }
        }
    }
    Diff {
        all: mean(&|_| true),
        shapes: mean(&|i| !mask[i]),
        worst_tile,
        text: mean(&|i| mask[i]),
    }
}

fn encode(frame: &Frame) -> String {
    svg::encode(frame).expect("encodes")
}

#[test]
fn every_chart_rendered_back_matches_its_png() {
    let mut worst = [0.0f64; 4];
    for (name, d) in [("twilio", twilio()), ("ericsson", ericsson())] {
        for kind in CHARTS {
            for (dark, scale) in [(false, 1.0), (true, 1.0), (false, 2.0)] {
                let spec = FrameSpec {
                    width_px: (800.0 * scale) as u32,
                    height_px: (450.0 * scale) as u32,
                    scale,
                    dark,
                };
                let frame = layout(&d, kind, &spec);
                let diff = diff(&frame, &encode(&frame));
                println!("{name} {kind:?} dark={dark} x{scale}: {diff:?}");
                assert!(diff.ok(), "{name} {kind:?} dark={dark} x{scale}: {diff:?}");
                for (w, v) in
                    worst
                        .iter_mut()
                        .zip([diff.all, diff.shapes, diff.worst_tile, diff.text])
                {
                    *w = w.max(v);
                }
            }
        }
    }
    println!(
        "worst: all {:.2}, shapes {:.2}, tile {:.1}, text {:.1}",
        worst[0], worst[1], worst[2], worst[3]
    );
}

/// Whether a shape is drawn in colour `c` (fill or stroke).
fn drawn_in(shape: &Shape, c: Color32) -> bool {
    match shape {
        Shape::Vec(v) => v.iter().any(|s| drawn_in(s, c)),
        Shape::Rect(r) => r.fill == c || r.stroke.color == c,
        Shape::Circle(k) => k.fill == c || k.stroke.color == c,
        Shape::LineSegment { stroke, .. } => stroke.color == c,
        Shape::Path(p) => p.fill == c || p.stroke.color == egui::epaint::ColorMode::Solid(c),
        _ => false,
    }
}

fn hex(c: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

/// Each kind of defect the comparison is meant to catch, made on purpose, fails it;
/// the same chart unbroken passes.
#[test]
fn deliberate_breaks_fail_the_comparison() {
    let d = twilio();
    let light = Theme::LIGHT;
    // Margin trends: thin lines, the hardest case for a whole-image measure.
    let frame = layout(&d, ChartKind::Margins, &SMALL);
    let svg = encode(&frame);
    assert!(diff(&frame, &svg).ok(), "unbroken");
    let net = light.margin(2);
    let fcf = light.margin(3);
    assert!(svg.contains(&hex(net)), "the net margin line is drawn");

    // A missing series: the encoder loses the net margin line (and its legend swatch).
    let mut lost = layout(&d, ChartKind::Margins, &SMALL);
    let before = lost.shapes.len();
    lost.shapes.retain(|s| !drawn_in(&s.shape, net));
    assert!(lost.shapes.len() < before, "the series had shapes to lose");
    let missing = diff(&frame, &encode(&lost));
    assert!(!missing.ok(), "missing series: {missing:?}");
    println!("missing line: {missing:?}");

    // A wrong colour: the net margin line in the FCF colour.
    let recoloured = svg.replace(&hex(net), &hex(fcf));
    let wrong = diff(&frame, &recoloured);
    assert!(!wrong.ok(), "wrong colour: {wrong:?}");
    println!("wrong colour: {wrong:?}");

    // Misplaced text: every text element 2 points lower.
    let moved = svg.replace("<text x=", "<text dy=\"2\" x=");
    let misplaced = diff(&frame, &moved);
    assert!(!misplaced.ok(), "misplaced text: {misplaced:?}");
    println!("misplaced text: {misplaced:?}");

    // Bars too: segment mix without its orange (Segment) slices.
    let frame = layout(&d, ChartKind::SegmentMix, &SMALL);
    let mut lost = layout(&d, ChartKind::SegmentMix, &SMALL);
    lost.shapes.retain(|s| !drawn_in(&s.shape, light.series(1)));
    let missing_bars = diff(&frame, &encode(&lost));
    assert!(!missing_bars.ok(), "missing bars: {missing_bars:?}");
    println!("missing bars: {missing_bars:?}");
}

/// All `<text>` contents of an SVG, parsed as XML (which also checks it is XML).
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn the_svg_is_xml_with_its_title_and_legend_as_text() {
    for d in [twilio(), ericsson()] {
        for kind in CHARTS {
            let svg = encode(&layout(&d, kind, &SMALL));
            let texts = texts(&svg);
            let has = |s: &str| texts.iter().any(|t| t.contains(s));
            let title = format!("{} — {}", kind.title(), d.document().dataset.company);
            assert!(has(&title), "{title:?} in {texts:?}");
            let built = chart_frame::build(
                kind,
                &d.chart_input(Theme::LIGHT, false),
                &d.frame_options(),
            );
            assert!(!built.legend.is_empty());
            for entry in built.legend {
                assert!(has(&entry.name), "legend {:?} in {texts:?}", entry.name);
            }
        }
    }
}

#[test]
fn the_svg_is_deterministic_small_and_embeds_a_font_that_covers_its_text() {
    let d = twilio();
    let spec = FrameSpec {
        width_px: 1600,
        height_px: 900,
        scale: 2.0,
        dark: false,
    };
    for kind in ChartKind::ALL {
        let a = encode(&layout(&d, kind, &spec));
        let b = encode(&layout(&d, kind, &spec));
        assert_eq!(a, b, "{kind:?}: same input, same bytes");
        assert!(a.len() < 300_000, "{kind:?}: {} bytes", a.len());
        let fonts = embedded_fonts(&a);
        assert!(!fonts.is_empty(), "{kind:?} embeds its font");
        let total: usize = fonts.iter().map(Vec::len).sum();
        assert!(
            total < 100_000,
            "{kind:?}: fonts are subsets ({total} bytes)"
        );
        // Every character of every text element has a glyph in an embedded font.
        let mut db = resvg::usvg::fontdb::Database::new();
        for f in fonts {
            db.load_font_data(f);
        }
        for text in texts(&a) {
            for c in text.chars().filter(|c| !c.is_whitespace()) {
                let covered = db.faces().any(|face| {
                    db.with_face_data(face.id, |data, index| ttf_has_glyph(data, index, c))
                        .unwrap_or(false)
                });
                assert!(covered, "{kind:?}: {c:?} of {text:?} has a glyph");
            }
        }
    }
}

/// Whether font `data` maps `c` to a glyph (read with skrifa, the parser egui uses).
fn ttf_has_glyph(data: &[u8], index: u32, c: char) -> bool {
    use skrifa::MetadataProvider as _;
    skrifa::FontRef::from_index(data, index)
        .ok()
        .and_then(|font| font.charmap().map(c))
        .is_some_and(|g| g.to_u32() != 0)
}
