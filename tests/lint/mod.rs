//! The layout lint's machinery: what a frame shows (texts with their clip rectangles,
//! circles, the marks views record), the rules, the generated edge-case datasets, and
//! views built to break each rule (the lint's own test).

use std::fmt;

use egui::epaint::{ClippedShape, Shape};
use egui::{Color32, Pos2, Rect, pos2, vec2};
use moneymap::charts::marks::{self, Mark};
use moneymap::render::Frame;

/// Tolerance for "inside", in points: anti-aliasing and rounding, never a visible cut.
const EPS: f32 = 0.75;
/// Smallest font size a user can read comfortably on a laptop, in points.
const MIN_FONT: f32 = 9.0;
/// Lowest contrast of text against the page (WCAG "large text"/graphics level; body
/// text in moneymap's themes is far above it).
const MIN_CONTRAST: f32 = 3.0;
/// Year tick labels are read as figures: WCAG AA for normal text.
const MIN_AXIS_CONTRAST: f32 = 4.5;
/// Points per year from which every year of an axis must carry its label.
const ROOM_FOR_EVERY_YEAR: f32 = 50.0;
/// A plot frame shorter than this (in points) needs one value label, not two.
const SHORT_PLOT: f32 = 60.0;
/// Texts of the window's controls, which never belong in an exported page.
const CONTROLS: [&str; 17] = [
    "File",
    "View",
    "Reset to trend",
    "Save scenario...",
    "Load scenario...",
    "Export",
    "Dismiss",
    "Share %",
    "Money",
    "Segment lines",
    "Light theme",
    "Dark theme",
    "Fan",
    "Pin operating margin",
    "Discount rate r",
    "Terminal growth g_T",
    "Tornado of",
];

/// One text on screen.
#[derive(Debug, Clone)]
pub struct Text {
    /// Its ink, in points.
    pub rect: Rect,
    /// The rectangle it is clipped to.
    pub clip: Rect,
    /// What it says.
    pub text: String,
    /// Its colour.
    pub color: Color32,
    /// Rows after wrapping.
    pub rows: usize,
    /// Font size in points.
    pub size: f32,
}

/// One circle (plot markers, legend dots).
#[derive(Debug, Clone, Copy)]
pub struct Circle {
    /// Its bounding box.
    pub rect: Rect,
    /// The rectangle it is clipped to.
    pub clip: Rect,
}

/// What one frame shows.
#[derive(Debug, Clone)]
pub struct View {
    /// Which view ("twilio.ron: window 960x600@1 light Table").
    pub name: String,
    /// The frame, in points.
    pub screen: Rect,
    /// Every text.
    pub texts: Vec<Text>,
    /// Every circle.
    pub circles: Vec<Circle>,
    /// What the views recorded.
    pub marks: Vec<Mark>,
    /// The page's background.
    pub background: Color32,
    /// An exported dashboard page (must hold no window controls).
    pub is_export_page: bool,
}

/// A rule of the lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// Text cut by its clip rectangle.
    TextCut,
    /// Text cut by the frame edge.
    TextOffFrame,
    /// Two texts overlap.
    TextOverlap,
    /// A text printed inside a plot, over the data.
    TextInPlot,
    /// A marker cut by its clip rectangle (the plot edge).
    MarkerCut,
    /// Text too small to read.
    TextTooSmall,
    /// Text too faint to read.
    LowContrast,
    /// A year label for a year the plot does not draw.
    YearWithoutData,
    /// Year labels missing although there is room, or unevenly spaced.
    YearLabelsMissing,
    /// Year labels in different colours.
    YearLabelColours,
    /// A window control in an exported page.
    ControlInPage,
    /// A header text wrapped onto several rows.
    HeaderWraps,
    /// A plot whose value axis carries fewer than two labels.
    ValueLabelsMissing,
}

/// One thing wrong with one view.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule broken.
    pub rule: Rule,
    /// The view.
    pub view: String,
    /// What and where.
    pub detail: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} | {} | {}", self.rule, self.view, self.detail)
    }
}

/// Reads a frame: flattens its shapes into texts and circles, with their clip rects;
/// `ctx` is the context it was laid out in (the marks the charts recorded).
pub fn capture(name: String, frame: &Frame, ctx: &egui::Context) -> View {
    let mut texts = Vec::new();
    let mut circles = Vec::new();
    for ClippedShape {
        clip_rect, shape, ..
    } in &frame.shapes
    {
        flatten(shape, *clip_rect, &mut texts, &mut circles);
    }
    let screen = Rect::from_min_size(egui::Pos2::ZERO, frame.spec.size_points());
    View {
        name,
        screen,
        texts,
        circles,
        marks: marks::recorded(ctx),
        background: frame.background,
        is_export_page: false,
    }
}

fn flatten(shape: &Shape, clip: Rect, texts: &mut Vec<Text>, circles: &mut Vec<Circle>) {
    match shape {
        Shape::Vec(v) => {
            for s in v {
                flatten(s, clip, texts, circles);
            }
        }
        Shape::Text(t) => {
            let g = &t.galley;
            if g.text().trim().is_empty() {
                return;
            }
            let format = g.job.sections.first().map(|s| s.format.clone());
            let color = t.override_text_color.unwrap_or_else(|| {
                format
                    .as_ref()
                    .map(|f| f.color)
                    .filter(|c| *c != Color32::PLACEHOLDER)
                    .unwrap_or(t.fallback_color)
            });
            texts.push(Text {
                rect: g.mesh_bounds.translate(t.pos.to_vec2()),
                clip,
                text: g.text().to_owned(),
                color,
                rows: g.rows.len(),
                size: format.map_or(0.0, |f| f.font_id.size),
            });
        }
        Shape::Circle(c) if c.radius >= 2.0 => circles.push(Circle {
            rect: Rect::from_center_size(c.center, vec2(2.0 * c.radius, 2.0 * c.radius)),
            clip,
        }),
        _ => {}
    }
}

fn inside(inner: Rect, outer: Rect) -> bool {
    inner.min.x >= outer.min.x - EPS
        && inner.min.y >= outer.min.y - EPS
        && inner.max.x <= outer.max.x + EPS
        && inner.max.y <= outer.max.y + EPS
}

/// WCAG relative luminance of an sRGB colour.
fn luminance(c: Color32) -> f32 {
    let ch = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
}

/// WCAG contrast ratio of `fg` (blended over `bg` by its alpha) against `bg`.
pub fn contrast(fg: Color32, bg: Color32) -> f32 {
    let a = f32::from(fg.a()) / 255.0;
    // Premultiplied: the colour channels already carry the alpha.
    let mix = |f: u8, b: u8| (f32::from(f) + f32::from(b) * (1.0 - a)).clamp(0.0, 255.0) as u8;
    let fg = Color32::from_rgb(
        mix(fg.r(), bg.r()),
        mix(fg.g(), bg.g()),
        mix(fg.b(), bg.b()),
    );
    let (l1, l2) = (luminance(fg), luminance(bg));
    (l1.max(l2) + 0.05) / (l1.min(l2) + 0.05)
}

/// Checks every rule on one view.
pub fn check(v: &View) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |rule: Rule, detail: String| {
        out.push(Finding {
            rule,
            view: v.name.clone(),
            detail,
        });
    };
    let scrolls: Vec<Rect> = v
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Scroll(r) => Some(*r),
            _ => None,
        })
        .collect();
    let plots: Vec<(Rect, &Vec<i32>)> = v
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::PlotFrame(r, years) => Some((*r, years)),
            _ => None,
        })
        .collect();
    // Texts on the frame. One wholly outside its clip is not drawn: that is a defect
    // too (a label pushed out of its panel), unless a scroll area clips it.
    let visible: Vec<&Text> = v.texts.iter().collect();
    for t in &visible {
        // Cut at the edge of a scroll area's viewport: the rest scrolls into view. (egui
        // clips a vertical scroll area's content to the viewport's top and bottom and to
        // the parent's sides, and the other way round for a horizontal one.)
        // The text must lie across the scroll area, not merely share its clip's edges
        // (a cell above a scroll area of the same width is not scrolled).
        let scrolled = scrolls.iter().any(|s| {
            let near = |a: f32, b: f32| (a - b).abs() <= 2.0;
            let across_x = t.rect.right() > s.left() && t.rect.left() < s.right();
            let across_y = t.rect.bottom() > s.top() && t.rect.top() < s.bottom();
            let vertical =
                across_x && near(t.clip.top(), s.top()) && near(t.clip.bottom(), s.bottom());
            let horizontal =
                across_y && near(t.clip.left(), s.left()) && near(t.clip.right(), s.right());
            (vertical && (t.rect.top() < s.top() || t.rect.bottom() > s.bottom()))
                || (horizontal && (t.rect.left() < s.left() || t.rect.right() > s.right()))
        });
        if scrolled && !t.rect.intersects(t.clip) {
            continue;
        }
        if !inside(t.rect, t.clip) && !scrolled {
            add(
                Rule::TextCut,
                format!("{:?} at {:?} cut by its clip {:?}", t.text, t.rect, t.clip),
            );
        }
        if !inside(t.rect, v.screen) && !scrolled {
            add(
                Rule::TextOffFrame,
                format!("{:?} at {:?} runs off the frame", t.text, t.rect),
            );
        }
        if t.size > 0.0 && t.size < MIN_FONT {
            add(
                Rule::TextTooSmall,
                format!("{:?} is {:.1} pt (at least {MIN_FONT})", t.text, t.size),
            );
        }
        let c = contrast(t.color, v.background);
        if c < MIN_CONTRAST {
            add(
                Rule::LowContrast,
                format!(
                    "{:?} has contrast {c:.2}:1 (at least {MIN_CONTRAST})",
                    t.text
                ),
            );
        }
        if let Some((p, _)) = plots
            .iter()
            .find(|(p, _)| p.shrink(1.0).contains(t.rect.center()))
        {
            add(
                Rule::TextInPlot,
                format!("{:?} is printed inside the plot {p:?}", t.text),
            );
        }
        if v.is_export_page && CONTROLS.contains(&t.text.as_str()) {
            add(
                Rule::ControlInPage,
                format!("the control {:?} is in an exported page", t.text),
            );
        }
    }
    overlaps(&visible, &mut add);
    for c in &v.circles {
        let seen = c.rect.intersects(c.clip);
        // Cut by a scroll area's viewport (a plot scrolled partly out of view), not by
        // its plot's edge: scrolling shows the rest, as for texts above.
        let scrolled = scrolls.iter().any(|s| {
            let near = |a: f32, b: f32| (a - b).abs() <= 2.0;
            (near(c.clip.top(), s.top()) && c.rect.top() < s.top())
                || (near(c.clip.bottom(), s.bottom()) && c.rect.bottom() > s.bottom())
        });
        if seen && !scrolled && !inside(c.rect, c.clip) {
            add(
                Rule::MarkerCut,
                format!("a marker at {:?} is cut by {:?}", c.rect.center(), c.clip),
            );
        }
    }
    year_axes(v, &visible, &plots, &mut add);
    value_axes(&visible, &plots, &mut add);
    for m in &v.marks {
        if let Mark::Region("header", r) = m {
            for t in visible.iter().filter(|t| r.contains(t.rect.center())) {
                if t.rows > 1 {
                    add(
                        Rule::HeaderWraps,
                        format!("{:?} wraps onto {} rows", t.text, t.rows),
                    );
                }
            }
        }
    }
    out
}

fn overlaps(visible: &[&Text], add: &mut impl FnMut(Rule, String)) {
    for (i, a) in visible.iter().enumerate() {
        let ra = a.rect.intersect(a.clip);
        for b in visible.iter().skip(i + 1) {
            let rb = b.rect.intersect(b.clip);
            let o = ra.intersect(rb);
            if o.is_positive() && o.area() > 2.0 {
                add(
                    Rule::TextOverlap,
                    format!("{:?} at {:?} overlaps {:?} at {:?}", a.text, ra, b.text, rb),
                );
            }
        }
    }
}

/// The year labels under each plot: only drawn years, every year when there is room
/// (else evenly thinned), all in one readable colour.
fn year_axes(
    v: &View,
    visible: &[&Text],
    plots: &[(Rect, &Vec<i32>)],
    add: &mut impl FnMut(Rule, String),
) {
    let year_of = |t: &Text| {
        t.text
            .parse::<i32>()
            .ok()
            .filter(|y| (1800..=2200).contains(y))
    };
    let mut colours: Vec<Color32> = Vec::new();
    for (frame, years) in plots.iter().filter(|(_, y)| !y.is_empty()) {
        // Labels sit just under the frame, within its width.
        let band = Rect::from_min_max(
            pos2(frame.left() - 20.0, frame.bottom()),
            pos2(frame.right() + 20.0, frame.bottom() + 24.0),
        );
        let mut labelled: Vec<i32> = visible
            .iter()
            .filter(|t| band.contains(t.rect.center()))
            .filter_map(|t| {
                let y = year_of(t)?;
                colours.push(t.color);
                Some(y)
            })
            .collect();
        labelled.sort_unstable();
        for y in &labelled {
            if !years.contains(y) {
                add(
                    Rule::YearWithoutData,
                    format!("year {y} is labelled but not drawn (drawn: {years:?})"),
                );
            }
        }
        let per_year = frame.width() / (years.len() + 1) as f32;
        let mut drawn: Vec<i32> = years.to_vec();
        drawn.sort_unstable();
        drawn.dedup();
        if per_year >= ROOM_FOR_EVERY_YEAR {
            let missing: Vec<i32> = drawn
                .iter()
                .filter(|y| !labelled.contains(y))
                .copied()
                .collect();
            if !missing.is_empty() {
                add(
                    Rule::YearLabelsMissing,
                    format!(
                        "years {missing:?} have no label although each year has {per_year:.0} pt"
                    ),
                );
            }
        } else if labelled.len() > 2 {
            let strides: Vec<i32> = labelled.windows(2).map(|w| w[1] - w[0]).collect();
            if strides.iter().any(|s| *s != strides[0]) {
                add(
                    Rule::YearLabelsMissing,
                    format!("year labels {labelled:?} are unevenly spaced"),
                );
            }
        }
    }
    colours.sort_by_key(|c| c.to_array());
    colours.dedup();
    if colours.len() > 1 {
        add(
            Rule::YearLabelColours,
            format!("year labels come in {} colours: {colours:?}", colours.len()),
        );
    }
    for c in colours {
        let ratio = contrast(c, v.background);
        if ratio < MIN_AXIS_CONTRAST {
            add(
                Rule::LowContrast,
                format!("year labels have contrast {ratio:.2}:1 (at least {MIN_AXIS_CONTRAST})"),
            );
        }
    }
}

/// Every plot's value axis reads: two labels at least beside the frame (one for a plot
/// under [`SHORT_PLOT`] points, which has room for one label and the zero line).
fn value_axes(visible: &[&Text], plots: &[(Rect, &Vec<i32>)], add: &mut impl FnMut(Rule, String)) {
    for (frame, _) in plots {
        let needed = if frame.height() < SHORT_PLOT { 1 } else { 2 };
        let labels = visible
            .iter()
            .filter(|t| {
                t.rect.right() <= frame.left() + 2.0
                    && t.rect.right() >= frame.left() - 120.0
                    && t.rect.center().y >= frame.top()
                    && t.rect.center().y <= frame.bottom()
            })
            .count();
        if labels < needed {
            add(
                Rule::ValueLabelsMissing,
                format!("the plot {frame:?} has {labels} value label(s)"),
            );
        }
    }
}

/// The generated edge cases of the issue: (label, RON text).
pub fn edge_cases() -> Vec<(String, String)> {
    let head = |company: &str, currency: &str, scale: &str| {
        format!(
            "(company: \"{company}\", currency: \"{currency}\", scale: {scale}, source: (title: \"Generated for the layout lint\", basis: \"test\"), "
        )
    };
    let long_company = "Northwind Amalgamated Holdings & Subsidiaries International";
    let long_seg = |n: usize| format!("Enterprise Communications Platform Unit {n:02}");
    let mut out = vec![
        (
            "one-year".to_owned(),
            head("Solo", "USD", "Millions")
                + "years: [(year: 2021, revenue: 120, gross_profit: 60, operating_income: 10, net_income: 7, free_cash_flow: 9)])",
        ),
        (
            "thirty-years".to_owned(),
            moneymap::model::synthetic::ron_text(30, 3, 0),
        ),
        (
            "twenty-segments".to_owned(),
            moneymap::model::synthetic::ron_text(6, 20, 0),
        ),
        (
            "losses-every-year".to_owned(),
            head("Burn Inc", "USD", "Millions")
                + "years: [(year: 2021, revenue: 100, gross_profit: 40, operating_income: -60, net_income: -70, free_cash_flow: -50), (year: 2022, revenue: 130, gross_profit: 50, operating_income: -45, net_income: -52, free_cash_flow: -30), (year: 2023, revenue: 150, gross_profit: 63, operating_income: -20, net_income: -31, free_cash_flow: -12)])",
        ),
        // SEK billions with six-digit figures: past 1e15 kronor (1,000,000 billions) a figure is
        // refused since issue 21. Seven-digit figures, in won, where that is a real size.
        (
            "sek-billions".to_owned(),
            head("Svenska Mega AB", "SEK", "Billions")
                + "years: [(year: 2022, revenue: 740740, gross_profit: 274073, operating_income: 74073, net_income: 59259, free_cash_flow: 52592), (year: 2023, revenue: 874073, gross_profit: 307407, operating_income: 87406, net_income: 66140, free_cash_flow: 59925), (year: 2024, revenue: 967407, gross_profit: 360740, operating_income: 96073, net_income: 72273, free_cash_flow: 60740)])",
        ),
        (
            "krw-billions".to_owned(),
            head("Hanguk Mega Corp", "KRW", "Billions")
                + "years: [(year: 2022, revenue: 1234567, gross_profit: 456789, operating_income: 123456, net_income: 98765, free_cash_flow: 87654), (year: 2023, revenue: 1456789, gross_profit: 512345, operating_income: 145678, net_income: 110234, free_cash_flow: 99876), (year: 2024, revenue: 1612345, gross_profit: 601234, operating_income: 160123, net_income: 120456, free_cash_flow: 101234)])",
        ),
        (
            "no-optional-figures".to_owned(),
            head("Bare", "EUR", "Millions")
                + "years: [(year: 2023, revenue: 10), (year: 2024, revenue: 12)])",
        ),
    ];
    // Long names: a 60-character company, 40-character segments, mixed split years.
    let segs: Vec<String> = (1..=3).map(long_seg).collect();
    let declared: String = segs.iter().map(|s| format!("(name: \"{s}\"), ")).collect();
    let split = |vals: [f64; 3]| {
        segs.iter()
            .zip(vals)
            .map(|(s, v)| format!("\"{s}\": {v}, "))
            .collect::<String>()
    };
    out.push((
        "long-names-unsplit-years".to_owned(),
        format!(
            "{}ticker: \"NWAH\", segments: [{declared}], years: [(year: 2019, revenue: 800, gross_profit: 400, operating_income: 80), (year: 2020, revenue: 880, gross_profit: 450, operating_income: 90), (year: 2021, revenue: 950, segments: {{{}}}, gross_profit: 480, operating_income: 95), (year: 2022, revenue: 1040, segments: {{{}}}, gross_profit: 530, operating_income: 110), (year: 2023, revenue: 1130, gross_profit: 580, operating_income: 120)])",
            head(long_company, "USD", "Millions"),
            split([500.0, 300.0, 150.0]),
            split([560.0, 320.0, 160.0]),
        ),
    ));
    // Segment names of 58 characters split in the last year: their sliders and table
    // rows must keep to their panels (one once widened "What to watch" over the charts).
    let a = "Cloud Software, Services and Managed Operations Worldwide A";
    let b = "Cloud Software, Services and Managed Operations Worldwide B";
    out.push((
        "long-segment-names-split".to_owned(),
        format!(
            "{}segments: [(name: \"{a}\"), (name: \"{b}\")], years: [(year: 2023, revenue: 100, segments: {{\"{a}\": 60, \"{b}\": 40}}, gross_profit: 50, operating_income: 8), (year: 2024, revenue: 110, segments: {{\"{a}\": 64, \"{b}\": 46}}, gross_profit: 56, operating_income: 10)])",
            head("Longnames AB", "SEK", "Millions"),
        ),
    ));
    out
}

/// Views built to break each rule once: (what, view, the rule it must trip).
pub fn self_test_cases() -> Vec<(&'static str, View, Rule)> {
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
    let text = |s: &str, rect: Rect, clip: Rect| Text {
        rect,
        clip,
        text: s.to_owned(),
        color: Color32::from_gray(30),
        rows: 1,
        size: 12.0,
    };
    let base = View {
        name: "self-test".into(),
        screen,
        texts: Vec::new(),
        circles: Vec::new(),
        marks: Vec::new(),
        background: Color32::from_gray(248),
        is_export_page: false,
    };
    let r = |x: f32, y: f32, w: f32, h: f32| Rect::from_min_size(pos2(x, y), vec2(w, h));
    let plot = r(50.0, 50.0, 300.0, 150.0);
    let mut cases = Vec::new();
    let mut v = base.clone();
    v.texts.push(text(
        "Seg[Money]",
        r(10.0, 10.0, 80.0, 12.0),
        r(0.0, 0.0, 60.0, 40.0),
    ));
    cases.push(("cut label", v, Rule::TextCut));
    let mut v = base.clone();
    // A cell's header cut at the right, above a scroll area just as wide: not scrolled.
    v.marks.push(Mark::Scroll(r(0.0, 100.0, 60.0, 100.0)));
    v.texts.push(text(
        "Export",
        r(40.0, 10.0, 40.0, 12.0),
        r(0.0, 0.0, 60.0, 300.0),
    ));
    cases.push(("header cut above a scroll area", v, Rule::TextCut));
    let mut v = base.clone();
    v.texts.push(text(
        "202",
        r(380.0, 280.0, 30.0, 12.0),
        r(0.0, 0.0, 500.0, 500.0),
    ));
    cases.push(("label off the frame", v, Rule::TextOffFrame));
    let mut v = base.clone();
    v.texts
        .push(text("Segment mix", r(10.0, 10.0, 80.0, 12.0), screen));
    v.texts
        .push(text("Money", r(60.0, 10.0, 40.0, 12.0), screen));
    cases.push(("overlapping title and toggle", v, Rule::TextOverlap));
    let mut v = base.clone();
    v.marks.push(Mark::PlotFrame(plot, vec![2023, 2024]));
    v.texts
        .push(text("Projected", r(200.0, 55.0, 50.0, 12.0), screen));
    cases.push(("label over the data", v, Rule::TextInPlot));
    let mut v = base.clone();
    v.circles.push(Circle {
        rect: Rect::from_center_size(pos2(100.0, 50.0), vec2(6.0, 6.0)),
        clip: plot,
    });
    cases.push(("marker cut in half", v, Rule::MarkerCut));
    let mut v = base.clone();
    let mut tiny = text("Communications growth", r(10.0, 10.0, 80.0, 7.0), screen);
    tiny.size = 7.5;
    v.texts.push(tiny);
    cases.push(("7 pt text", v, Rule::TextTooSmall));
    let mut v = base.clone();
    let mut faint = text("Source", r(10.0, 10.0, 80.0, 12.0), screen);
    faint.color = Color32::from_gray(210);
    v.texts.push(faint);
    cases.push(("faint text", v, Rule::LowContrast));
    let mut v = base.clone();
    v.marks.push(Mark::PlotFrame(plot, vec![2023, 2024]));
    v.texts
        .push(text("2022", r(60.0, 205.0, 28.0, 10.0), screen));
    cases.push(("tick for a year with no data", v, Rule::YearWithoutData));
    let mut v = base.clone();
    v.marks.push(Mark::PlotFrame(plot, vec![2022, 2023, 2024]));
    v.texts
        .push(text("2022", r(80.0, 205.0, 28.0, 10.0), screen));
    v.texts
        .push(text("2024", r(280.0, 205.0, 28.0, 10.0), screen));
    cases.push(("2023 without a label", v, Rule::YearLabelsMissing));
    let mut v = base.clone();
    v.marks.push(Mark::PlotFrame(plot, vec![2023, 2024]));
    v.texts
        .push(text("2023", r(100.0, 205.0, 28.0, 10.0), screen));
    let mut dim = text("2024", r(250.0, 205.0, 28.0, 10.0), screen);
    dim.color = Color32::from_gray(120);
    v.texts.push(dim);
    cases.push(("odd years dimmer", v, Rule::YearLabelColours));
    let mut v = base.clone();
    v.is_export_page = true;
    v.texts
        .push(text("Reset to trend", r(10.0, 10.0, 80.0, 12.0), screen));
    cases.push(("a button in the export", v, Rule::ControlInPage));
    let mut v = base.clone();
    v.marks.push(Mark::PlotFrame(plot, vec![2023, 2024]));
    v.texts.push(text("0%", r(30.0, 190.0, 18.0, 10.0), screen));
    cases.push(("a value axis with one label", v, Rule::ValueLabelsMissing));
    let mut v = base;
    v.marks
        .push(Mark::Region("header", r(0.0, 0.0, 400.0, 40.0)));
    let mut wrapped = text("2024: segments sum to", r(10.0, 5.0, 80.0, 30.0), screen);
    wrapped.rows = 2;
    v.texts.push(wrapped);
    cases.push(("header warning wraps", v, Rule::HeaderWraps));
    cases
}
