//! Revenue growth: total revenue bars per year on top, YoY growth % on a second plot
//! below over the same years, optional per-segment growth lines (in the legend and the
//! hover, dashed through projected years).
//!
//! With the fan on, a shaded band over the projected bars spans the 10th to 90th
//! percentile of the simulated revenue, with the median dotted ([`super::fan`]).
//!
//! In compare mode the revenue bars split in two halves, each company in its own units
//! and years (money is not comparable across currencies); the growth plot overlays both.

use egui::{RichText, Ui, vec2};
use egui_plot::{Bar, BarChart, HLine};

use super::{BAR_WIDTH, ChartInput, Pen, PlotSpec, fan, percent_label};
use crate::model::format;
use crate::model::series::{Point, SeriesKey, revenue_series};

/// Options the panel's controls set.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Options {
    /// Also draw each segment's growth line.
    pub segment_lines: bool,
}

/// Share of the height given to the revenue bars (the rest is the growth plot).
const TOP_SHARE: f32 = 0.58;
/// Gap between the two plots, in points.
const GAP: f32 = 6.0;
/// Height of the company label above each half in compare mode, in points.
const COMPARE_LABEL_H: f32 = 16.0;
/// The value axes of both plots are this wide at least, so their frames line up and the
/// bars sit above their growth points.
const VALUE_AXIS_MIN_W: f32 = 56.0;
/// What egui_plot adds to a value label's width to size its axis (4 points each side).
const AXIS_LABEL_PAD: f32 = 8.0;
/// The growth line.
const GROWTH_PEN: (f32, f32) = (2.0, 3.0);
/// Each segment's growth line.
const SEGMENT_PEN: (f32, f32) = (1.2, 2.5);

/// From this height (in points) the two plots split it [`TOP_SHARE`] to the rest.
const FULL_H: f32 = 150.0;
/// The least heights of the growth plot (which shrinks first) and of the bars, in points.
const GROWTH_MIN_H: f32 = 58.0;
const BARS_MIN_H: f32 = 50.0;
/// Below this height (in points) the chart draws the growth plot alone: two plots would
/// not fit at their least heights (at 150, a 960x600 window lost its revenue bars).
pub const COMPACT_H: f32 = BARS_MIN_H + GAP + GROWTH_MIN_H;
/// Name of the revenue bars' legend entry (left out of a compact chart's legend).
pub const REVENUE: &str = "Revenue";

/// Whether a chart whose plots get `height` points draws the growth plot alone.
pub fn is_compact(height: f32) -> bool {
    height < COMPACT_H
}

/// Draws both plots in `size` points, or the growth plot alone when `compact`.
pub fn ui(ui: &mut Ui, input: &ChartInput, opts: &Options, size: egui::Vec2, compact: bool) {
    let total = revenue_series(input.metrics, input.projection, SeriesKey::Total);
    let growth = growth_lines(input, opts, &total);
    if compact {
        let resp = growth_plot(ui, input, &growth, size, VALUE_AXIS_MIN_W);
        if input.interactive {
            hover(input, &total, &growth.segments, resp);
        }
        return;
    }
    let (top_h, bottom_h) = split(size.y);
    let axis_w = value_axis_width(ui, input, &total);
    let top = match input.compare {
        Some(c) => compare_bars(ui, input, c, &total, vec2(size.x, top_h), axis_w),
        None => Some(revenue_plot(ui, input, &total, vec2(size.x, top_h), axis_w)),
    };
    // The layout adds its item spacing after the top plot; the gap tops it up.
    ui.add_space((GAP - 2.0 * ui.spacing().item_spacing.y).max(0.0));
    let bottom = growth_plot(ui, input, &growth, vec2(size.x, bottom_h), axis_w);
    if input.interactive {
        for resp in top.into_iter().chain([bottom]) {
            hover(input, &total, &growth.segments, resp);
        }
    }
}

/// The heights of the bars and the growth plot in `h` points: below [`FULL_H`] the growth
/// plot shrinks first, to [`GROWTH_MIN_H`]; the bars give way only after it.
fn split(h: f32) -> (f32, f32) {
    let room = (h - GAP).max(0.0);
    let bars = (room * TOP_SHARE).max((FULL_H - GAP) * TOP_SHARE);
    let top = bars.min(room - GROWTH_MIN_H).max(0.0);
    (top, room - top)
}

type Response = egui_plot::PlotResponse<Option<egui_plot::PlotPoint>>;

/// Revenue bars of `total` (actual solid, projected pale with an outline).
fn bars(input: &ChartInput, total: &[Point]) -> Vec<Bar> {
    let theme = input.theme;
    let c = theme.revenue();
    total
        .iter()
        .map(|p| {
            Bar::new(f64::from(p.year), p.value.unwrap_or(0.0))
                .width(BAR_WIDTH)
                .fill(if p.projected { theme.projected(c) } else { c })
                .stroke(egui::Stroke::new(if p.projected { 1.0 } else { 0.0 }, c))
        })
        .collect()
}

/// The revenue plot's value range: the bars and the fan's band, with 0.
fn bars_range(total: &[Point], band: &[fan::BandPoint]) -> (f64, f64) {
    let [lo, hi] = fan::extent(band);
    revenue_range(
        total
            .iter()
            .filter_map(|p| p.value)
            .chain(lo.iter().chain(&hi).map(|v| v[1])),
    )
}

/// The width both value axes get, so the growth plot's frame lines up under the bars:
/// the widest money label the revenue plot may draw (its range's ends, and a tick a
/// step above the top), at least [`VALUE_AXIS_MIN_W`].
fn value_axis_width(ui: &Ui, input: &ChartInput, total: &[Point]) -> f32 {
    let band = fan::band_points(input, fan::Figure::Revenue);
    let (lo, hi) = bars_range(total, &band);
    let font = egui::FontId::proportional(super::axes::TICK_FONT);
    let ink = ui.visuals().text_color();
    [lo, hi, hi * 1.25]
        .into_iter()
        .map(|v| {
            ui.painter()
                .layout_no_wrap(input.money(v), font.clone(), ink)
                .size()
                .x
                + AXIS_LABEL_PAD
        })
        .fold(VALUE_AXIS_MIN_W, f32::max)
}

/// The range of revenue values, with 0.
fn revenue_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// The dataset's own revenue bars, with the fan of outcomes over the projected ones.
fn revenue_plot(
    ui: &mut Ui,
    input: &ChartInput,
    total: &[Point],
    size: egui::Vec2,
    axis_w: f32,
) -> Response {
    let band = fan::band_points(input, fan::Figure::Revenue);
    let spec = PlotSpec {
        id: "revenue_bars".into(),
        size,
        years: input.years(),
        values: bars_range(total, &band),
    };
    let updating = input.fan.is_some_and(|f| f.updating);
    let ink = input.theme.fan();
    let money_input = *input;
    let plot = spec
        .plot()
        .show_grid([false, true])
        .y_axis_min_width(axis_w)
        .y_axis_formatter(move |m, _| money_input.money(m.value));
    let bars = bars(input, total);
    let color = input.theme.revenue();
    let clip = spec.band();
    super::show_plot(ui, &spec, plot, |p| {
        super::projection_span(p, input);
        p.bar_chart(
            BarChart::new("Revenue", bars)
                .color(color)
                .allow_hover(false),
        );
        fan::draw(p, clip, "Revenue", ink, &band, updating);
        p.pointer_coordinate()
    })
}

/// Compare mode: each company's revenue side by side, each in its own units and years.
/// Returns the dataset's own plot, for the hover.
fn compare_bars(
    ui: &mut Ui,
    input: &ChartInput,
    c: super::Compared,
    total: &[Point],
    size: egui::Vec2,
    axis_w: f32,
) -> Option<Response> {
    let half = vec2(
        ((size.x - ui.spacing().item_spacing.x) / 2.0).max(80.0),
        size.y - COMPARE_LABEL_H,
    );
    let label = |ui: &mut Ui, dataset| super::frame::half_caption(ui, dataset, half.x);
    let cinput = ChartInput {
        dataset: c.dataset,
        metrics: c.metrics,
        projection: None,
        compare: None,
        fan: None,
        ..*input
    };
    let mut out = None;
    ui.horizontal(|ui| {
        // Each half keeps its width: a long company name is cut ("…", whole on hover)
        // instead of widening its half and pushing the other off the cell.
        let r = ui
            .vertical(|ui| {
                ui.set_max_width(half.x);
                label(ui, input.dataset);
                let own = ChartInput {
                    compare: None,
                    ..*input
                };
                revenue_plot(ui, &own, total, half, axis_w)
            })
            .inner;
        ui.vertical(|ui| {
            ui.set_max_width(half.x);
            label(ui, c.dataset);
            let spec = PlotSpec {
                id: "revenue_bars_compare".into(),
                size: half,
                years: c.metrics.years.iter().map(|y| y.year).collect(),
                values: revenue_range(c.metrics.years.iter().map(|y| y.revenue)),
            };
            let plot = spec
                .plot()
                .show_grid([false, true])
                .y_axis_min_width(VALUE_AXIS_MIN_W)
                .y_axis_formatter(move |m, _| cinput.money(m.value));
            let (color, key) = (
                super::frame::compared_style(input).1,
                c.key(&input.dataset.company),
            );
            super::record_series(ui.ctx(), (super::ChartKind::RevenueGrowth, key), color);
            let cbars: Vec<Bar> = c
                .metrics
                .years
                .iter()
                .map(|y| {
                    Bar::new(f64::from(y.year), y.revenue)
                        .width(BAR_WIDTH)
                        .fill(color)
                })
                .collect();
            super::show_plot(ui, &spec, plot, |p| {
                p.bar_chart(
                    BarChart::new(format!("{} revenue", c.dataset.company), cbars)
                        .color(color)
                        .allow_hover(false),
                );
            });
        });
        out = Some(r);
    });
    out
}

/// The growth plot's series, computed once for drawing and the hover.
struct Growth {
    /// The total's growth: actual, projected.
    total: (Vec<[f64; 2]>, Vec<[f64; 2]>),
    /// Each segment's growth (when the option is on): name, colour, actual, projected.
    segments: Vec<SegmentLine>,
    /// The compared company's growth.
    compare: Option<(String, Vec<[f64; 2]>)>,
}

fn growth_points(points: &[Point]) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
    super::split_points(
        points
            .iter()
            .map(|p| (p.year, p.growth.map(|g| g * 100.0), p.projected)),
    )
}

fn growth_lines(input: &ChartInput, opts: &Options, total: &[Point]) -> Growth {
    let segments = if opts.segment_lines && input.dataset.has_segment_split() {
        input
            .dataset
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let pts = revenue_series(input.metrics, input.projection, SeriesKey::Segment(i));
                let (a, p) = growth_points(&pts);
                (s.name.clone(), input.theme.segment(i), a, p)
            })
            .collect()
    } else {
        Vec::new()
    };
    let compare = input.compare.map(|c| {
        let pts = revenue_series(c.metrics, None, SeriesKey::Total);
        let (a, _) = growth_points(&pts);
        (format!("{} YoY growth", c.dataset.company), a)
    });
    Growth {
        total: growth_points(total),
        segments,
        compare,
    }
}

/// The YoY growth plot: zero line, segment lines, the compared company, the growth line.
fn growth_plot(
    ui: &mut Ui,
    input: &ChartInput,
    g: &Growth,
    size: egui::Vec2,
    axis_w: f32,
) -> Response {
    let theme = input.theme;
    let lists = [g.total.0.as_slice(), g.total.1.as_slice()]
        .into_iter()
        .chain(
            g.segments
                .iter()
                .flat_map(|(_, _, a, p)| [a.as_slice(), p.as_slice()]),
        )
        .chain(g.compare.iter().map(|(_, pts)| pts.as_slice()));
    let spec = PlotSpec {
        id: "revenue_growth_pct".into(),
        size,
        years: input.years_with_compare(),
        values: super::value_range(lists, true),
    };
    let plot = spec
        .plot()
        .show_grid([false, true])
        .y_axis_min_width(axis_w)
        .y_axis_formatter(percent_label);
    let zero = theme.zero_line();
    let segments = g.segments.clone();
    let compare = g.compare.clone();
    let total = g.total.clone();
    let clip = spec.band();
    super::show_plot(ui, &spec, plot, |p| {
        super::projection_span(p, input);
        p.hline(HLine::new("zero", 0.0).stroke(zero).allow_hover(false));
        for (name, color, actual, projected) in segments {
            let pen = Pen {
                color,
                width: SEGMENT_PEN.0,
                marker: SEGMENT_PEN.1,
            };
            super::series_lines(p, clip, &name, pen, actual, projected);
        }
        if let (Some((name, pts)), Some(c)) = (compare, input.compare) {
            let key = c.key(&input.dataset.company);
            let chart = (super::ChartKind::RevenueGrowth, key.as_str());
            let color = super::frame::compared_style(input).1;
            super::compared_line(p, clip, chart, &name, color, GROWTH_PEN.0, pts);
        }
        let pen = Pen {
            color: theme.growth(),
            width: GROWTH_PEN.0,
            marker: GROWTH_PEN.1,
        };
        super::series_lines(p, clip, "YoY growth", pen, total.0, total.1);
        p.pointer_coordinate()
    })
}

/// One segment's growth line: name, colour, actual points, projected points.
type SegmentLine = (String, egui::Color32, Vec<[f64; 2]>, Vec<[f64; 2]>);
/// The segment lines of the growth plot.
type SegmentLines = [SegmentLine];

/// The hover readout of the year under the pointer: revenue, growth, and each segment's
/// growth when the segment lines are on.
fn hover(input: &ChartInput, total: &[Point], segments: &SegmentLines, resp: Response) {
    if !resp.response.hovered() {
        return;
    }
    let Some(pointer) = resp.inner else { return };
    let Some(year) = super::hovered_year(pointer.x, total.iter().map(|p| p.year)) else {
        return;
    };
    let Some(p) = total.iter().find(|p| p.year == year) else {
        return;
    };
    let dataset = input.dataset;
    let x = f64::from(year);
    resp.response.on_hover_ui_at_pointer(|ui| {
        let title = if p.projected {
            format!("{year} (projected)")
        } else {
            year.to_string()
        };
        ui.label(RichText::new(title).strong());
        ui.label(format!(
            "Revenue {}",
            format::money_opt(p.value, &dataset.currency, dataset.scale)
        ));
        let band = fan::band_points(input, fan::Figure::Revenue);
        if let Some(line) = fan::hover_line(input, &band, year) {
            ui.label(line);
        }
        ui.label(format!("YoY growth {}", format::growth_opt(p.growth)));
        for (name, _, actual, projected) in segments {
            let v = actual
                .iter()
                .chain(projected.iter())
                .find(|pt| pt[0] == x)
                .map(|pt| pt[1] / 100.0);
            ui.label(format!("{name} {}", format::growth_opt(v)));
        }
    });
}

/// Legend entries: revenue bars, the growth line, and each segment's growth line when
/// they are drawn.
pub fn legend_entries(input: &ChartInput, opts: &Options) -> Vec<super::legend::Entry> {
    let mut out = vec![
        super::legend::Entry::new(REVENUE, input.theme.revenue(), super::legend::Swatch::Fill).essential(),
        super::legend::Entry::new("YoY growth %", input.theme.growth(), super::legend::Swatch::Fill).essential().with_hover("Growth over the previous year; not shown across a gap in years or from a zero or negative base."),
    ];
    if opts.segment_lines && input.dataset.has_segment_split() {
        out.extend(input.dataset.segments.iter().enumerate().map(|(i, s)| {
            super::legend::Entry::new(
                format!("{} growth", s.name),
                input.theme.segment(i),
                super::legend::Swatch::Line,
            )
            .with_hover(format!("Year-on-year revenue growth of {}", s.name))
        }));
    }
    out
}
