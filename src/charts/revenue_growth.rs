//! Revenue growth: total revenue bars per year on top, YoY growth % on a second plot
//! below with the same (linked) year axis, optional per-segment growth lines.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, HLine, Line, PlotPoints};

use super::{BAR_WIDTH, ChartInput, percent_label};
use crate::model::format;
use crate::model::series::{Point, SeriesKey, revenue_series};

/// Options the panel's controls set.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Options {
    /// Also draw each segment's growth line.
    pub segment_lines: bool,
}

/// Id linking the two plots' year axes.
const LINK: &str = "revenue_growth_x";
/// Share of the height given to the revenue bars (the rest is the growth plot).
const TOP_SHARE: f32 = 0.58;
/// Height of the company label above each half in compare mode, in points.
const COMPARE_LABEL_H: f32 = 16.0;

/// Draws both linked plots into `height` points.
pub fn ui(ui: &mut Ui, input: &ChartInput, opts: &Options, height: f32) {
    let total = revenue_series(input.metrics, input.projection, SeriesKey::Total);
    let top_h = (height * TOP_SHARE).max(60.0);
    let bottom_h = (height - top_h - 6.0).max(50.0);
    let top = match input.compare {
        Some(c) => compare_bars(ui, input, c, &total, top_h),
        None => Some(revenue_plot(ui, input, &total, top_h, None)),
    };
    let bottom = growth_plot(ui, input, opts, &total, bottom_h);
    if input.interactive {
        for resp in top.into_iter().chain([bottom]) {
            hover(input, &total, resp);
        }
    }
}

/// The plot every part of this chart starts from: the shared, linked year axis.
fn base<'a>(input: &ChartInput, id: &str, h: f32) -> egui_plot::Plot<'a> {
    super::static_plot(id, h, input.x_span_with_compare())
        .show_grid([false, true])
        .link_axis(egui::Id::unique(LINK), [true, false])
        .y_axis_min_width(56.0)
}

/// The dataset's own revenue bars, full width or (in compare mode) `width`.
fn revenue_plot(
    ui: &mut Ui,
    input: &ChartInput,
    total: &[Point],
    h: f32,
    width: Option<f32>,
) -> egui_plot::PlotResponse<Option<egui_plot::PlotPoint>> {
    let theme = input.theme;
    let bars: Vec<Bar> = total
        .iter()
        .map(|p| {
            let c = theme.revenue();
            Bar::new(f64::from(p.year), p.value.unwrap_or(0.0))
                .width(BAR_WIDTH)
                .fill(if p.projected { theme.projected(c) } else { c })
                .stroke(egui::Stroke::new(if p.projected { 1.0 } else { 0.0 }, c))
        })
        .collect();
    let money_input = *input;
    let mut plot = base(input, "revenue_bars", h)
        .include_y(0.0)
        .y_axis_formatter(move |m, _| money_input.money(m.value));
    if let Some(w) = width {
        plot = plot.width(w);
    }
    super::show_plot(ui, plot, input.years(), |p| {
        super::projection_span(p, input);
        p.bar_chart(
            BarChart::new("Revenue", bars)
                .color(theme.revenue())
                .allow_hover(false),
        );
        p.pointer_coordinate()
    })
}

/// Compare mode: each company's revenue side by side, each in its own units (money is
/// not comparable across currencies). Returns the dataset's own plot, for the hover.
fn compare_bars(
    ui: &mut Ui,
    input: &ChartInput,
    c: super::Compared,
    total: &[Point],
    top_h: f32,
) -> Option<egui_plot::PlotResponse<Option<egui_plot::PlotPoint>>> {
    let color = input.theme.series(7);
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
    let half = ((ui.available_width() - 8.0) / 2.0).max(80.0);
    let cinput = ChartInput {
        dataset: c.dataset,
        metrics: c.metrics,
        projection: None,
        compare: None,
        ..*input
    };
    let label = |ds: &crate::model::Dataset| {
        RichText::new(format!("{} ({})", ds.company, ds.units_label())).small()
    };
    let mut out = None;
    ui.horizontal(|ui| {
        let r = ui
            .vertical(|ui| {
                ui.label(label(input.dataset));
                revenue_plot(ui, input, total, top_h - COMPARE_LABEL_H, Some(half))
            })
            .inner;
        ui.vertical(|ui| {
            ui.label(label(c.dataset));
            let plot = base(input, "revenue_bars_compare", top_h - COMPARE_LABEL_H)
                .width(half)
                .include_y(0.0)
                .y_axis_formatter(move |m, _| cinput.money(m.value));
            let years = c.metrics.years.iter().map(|y| y.year).collect();
            super::show_plot(ui, plot, years, |p| {
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

/// Growth points of the total, actual or projected (the projected line starts at the
/// last actual point so the two join).
fn growth_points(total: &[Point], projected: bool) -> Vec<[f64; 2]> {
    let mut v: Vec<[f64; 2]> = Vec::new();
    for (i, p) in total.iter().enumerate() {
        let next_projected = total.get(i + 1).is_some_and(|n| n.projected);
        let include = if projected {
            p.projected || next_projected
        } else {
            !p.projected
        };
        if let (true, Some(g)) = (include, p.growth) {
            v.push([f64::from(p.year), g * 100.0]);
        }
    }
    v
}

/// Each segment's growth line (when the option is on).
fn segment_lines(
    input: &ChartInput,
    opts: &Options,
) -> Vec<(String, egui::Color32, Vec<[f64; 2]>)> {
    if !opts.segment_lines {
        return Vec::new();
    }
    input
        .dataset
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let pts = revenue_series(input.metrics, input.projection, SeriesKey::Segment(i))
                .iter()
                .filter_map(|p| p.growth.map(|g| [f64::from(p.year), g * 100.0]))
                .collect();
            (s.name.clone(), input.theme.series(i), pts)
        })
        .collect()
}

/// The YoY growth plot: zero line, segment lines, the compared company, the growth line.
fn growth_plot(
    ui: &mut Ui,
    input: &ChartInput,
    opts: &Options,
    total: &[Point],
    h: f32,
) -> egui_plot::PlotResponse<Option<egui_plot::PlotPoint>> {
    let theme = input.theme;
    let seg_lines = segment_lines(input, opts);
    let actual = growth_points(total, false);
    let projected = growth_points(total, true);
    let compare_growth: Option<(String, Vec<[f64; 2]>)> = input.compare.map(|c| {
        let pts = revenue_series(c.metrics, None, SeriesKey::Total)
            .iter()
            .filter_map(|p| p.growth.map(|g| [f64::from(p.year), g * 100.0]))
            .collect();
        (format!("{} YoY growth", c.dataset.company), pts)
    });
    let zero = theme.zero_line();
    let plot = base(input, "revenue_growth_pct", h).y_axis_formatter(percent_label);
    super::show_plot(ui, plot, input.years_with_compare(), |p| {
        super::projection_span(p, input);
        p.hline(HLine::new("zero", 0.0).stroke(zero).allow_hover(false));
        for (name, color, pts) in seg_lines {
            p.line(
                Line::new(name, PlotPoints::from(pts))
                    .color(color)
                    .width(1.2)
                    .allow_hover(false),
            );
        }
        if let Some((name, pts)) = compare_growth {
            super::compared_line(p, &name, theme.series(7), 2.0, pts);
        }
        super::series_lines(p, "YoY growth", theme.growth(), 2.0, actual, projected);
        p.pointer_coordinate()
    })
}

/// The hover readout of the year under the pointer.
fn hover(
    input: &ChartInput,
    total: &[Point],
    resp: egui_plot::PlotResponse<Option<egui_plot::PlotPoint>>,
) {
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
    let ds = input.dataset;
    resp.response.on_hover_ui_at_pointer(|ui| {
        let title = if p.projected {
            format!("{year} (projected)")
        } else {
            year.to_string()
        };
        ui.label(RichText::new(title).strong());
        ui.label(format!(
            "Revenue {}",
            format::money_opt(p.value, &ds.currency, ds.scale)
        ));
        ui.label(format!("YoY growth {}", format::growth_opt(p.growth)));
    });
}

/// Legend entries: revenue bars and the growth line.
pub fn legend_entries(input: &ChartInput) -> Vec<super::legend::Entry> {
    vec![
        super::legend::Entry {
            name: "Revenue".into(),
            color: input.theme.revenue(),
            hover: String::new(),
            swatch: super::legend::Swatch::Fill,
        },
        super::legend::Entry {
            name: "YoY growth %".into(),
            color: input.theme.growth(),
            hover: "Growth over the previous year; not shown across a gap in years or from a zero or negative base.".into(),
            swatch: super::legend::Swatch::Fill,
        },
    ]
}
