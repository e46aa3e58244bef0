//! Segment mix: stacked revenue bars per year, one colour per segment, plus an explicit
//! "Unallocated" slice whenever segments do not sum to reported revenue, and one neutral
//! "No split disclosed" bar of total revenue for years without a segment split (early
//! years, a year not yet split, and the projection that follows one), so such a year
//! never reads as zero revenue.
//!
//! Shares are of *reported* total revenue, never rescaled to 100% of the segments; in
//! share mode the stack therefore sums to exactly 100% only because Unallocated is
//! drawn. Projected years continue each stack in a paler shade.

use std::collections::BTreeSet;

use egui::{Color32, RichText, Ui, vec2};
use egui_plot::{Bar, BarChart};

use super::{BAR_WIDTH, ChartInput, PlotSpec, percent_label};
use crate::model::format;
use crate::model::series::{Point, SeriesKey, revenue_series};

/// Name of the remainder series.
pub const UNALLOCATED: &str = "Unallocated";
/// Name of the single series of a dataset without a segment split.
pub const TOTAL: &str = "Total revenue";
/// Name of the series of years whose segment split is not disclosed.
pub const UNSPLIT: &str = "No split disclosed";
/// The hover readout's last row: the year's reported revenue, which the rows above sum to.
pub const REVENUE: &str = "Revenue";

/// Options the panel's controls set.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Options {
    /// Show each segment as a share of revenue (100%) instead of money.
    pub share: bool,
}

/// One series of the chart, for the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Display name.
    pub name: String,
    /// The series' colour, from the theme.
    pub color: Color32,
    /// Which values it draws.
    pub key: SeriesKey,
}

/// The series this dataset draws, in stacking order.
pub fn series(input: &ChartInput) -> Vec<Series> {
    let dataset = input.dataset;
    if !dataset.has_segment_split() {
        return vec![Series {
            name: TOTAL.to_owned(),
            color: input.theme.revenue(),
            key: SeriesKey::Total,
        }];
    }
    let mut out: Vec<Series> = dataset
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| Series {
            name: s.name.clone(),
            color: input.theme.segment(i),
            key: SeriesKey::Segment(i),
        })
        .collect();
    let any = |key: SeriesKey| {
        revenue_series(input.metrics, input.projection, key)
            .iter()
            .any(|p| p.value.is_some())
    };
    if any(SeriesKey::Unallocated) {
        out.push(Series {
            name: UNALLOCATED.to_owned(),
            color: input.theme.unallocated(),
            key: SeriesKey::Unallocated,
        });
    }
    if any(SeriesKey::Unsplit) {
        out.push(Series {
            name: UNSPLIT.to_owned(),
            color: input.theme.unsplit(),
            key: SeriesKey::Unsplit,
        });
    }
    out
}

/// The value a point stacks in the chart's mode.
fn stacked_value(pt: &Point, share: bool) -> Option<f64> {
    if share {
        pt.share.map(|r| r * 100.0)
    } else {
        pt.value
    }
}

/// The lowest and highest end of any stack: positives and negatives stack apart.
fn stack_range(rows: &[Vec<Point>], share: bool) -> (f64, f64) {
    let years = rows.first().map_or(0, Vec::len);
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for i in 0..years {
        let (mut pos, mut neg) = (0.0, 0.0);
        for r in rows {
            match r.get(i).and_then(|p| stacked_value(p, share)) {
                Some(v) if v >= 0.0 => pos += v,
                Some(v) => neg += v,
                None => {}
            }
        }
        hi = hi.max(pos);
        lo = lo.min(neg);
    }
    if share {
        hi = hi.max(100.0);
    }
    (lo, hi)
}

/// Draws the chart in `size` points; `hidden` names series toggled off in the legend.
pub fn ui(
    ui: &mut Ui,
    input: &ChartInput,
    opts: &Options,
    hidden: &BTreeSet<String>,
    size: egui::Vec2,
) {
    let all = series(input);
    let mut charts: Vec<BarChart> = Vec::new();
    let mut hover_rows: Vec<(String, Vec<Point>)> = Vec::new();
    for s in all.iter().filter(|s| !hidden.contains(&s.name)) {
        let rows = revenue_series(input.metrics, input.projection, s.key);
        // One bar per year in every series, zero where a series has no value: stacking
        // matches bars by position.
        let bars: Vec<Bar> = rows
            .iter()
            .map(|pt| {
                let value = stacked_value(pt, opts.share);
                let fill = if pt.projected {
                    input.theme.projected(s.color)
                } else {
                    s.color
                };
                let outline = if pt.projected && value.is_some() {
                    1.0
                } else {
                    0.0
                };
                Bar::new(f64::from(pt.year), value.unwrap_or(0.0))
                    .width(BAR_WIDTH)
                    .fill(fill)
                    .stroke(egui::Stroke::new(outline, s.color))
            })
            .collect();
        let below: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(s.name.clone(), bars)
            .color(s.color)
            .allow_hover(false)
            .stack_on(&below);
        charts.push(chart);
        hover_rows.push((s.name.clone(), rows));
    }
    let rows: Vec<Vec<Point>> = hover_rows.iter().map(|(_, r)| r.clone()).collect();
    let spec = PlotSpec {
        id: "segment_mix".into(),
        size,
        years: input.years(),
        values: stack_range(&rows, opts.share),
    };
    let money_input = *input;
    let plot = spec.plot().show_grid([false, true]);
    let plot = if opts.share {
        plot.y_axis_formatter(percent_label)
    } else {
        plot.y_axis_formatter(move |m, _| money_input.money(m.value))
    };
    let resp = super::show_plot(ui, &spec, plot, |p| {
        super::projection_span(p, input);
        for c in charts {
            p.bar_chart(c);
        }
        p.pointer_coordinate()
    });
    if input.interactive
        && resp.response.hovered()
        && let Some(pointer) = resp.inner
    {
        hover(input, &hover_rows, pointer.x, resp.response);
    }
}

/// The hover readout of the year under the pointer: each shown series' value, share and
/// YoY, then the year's Unallocated part and its revenue, always (a hidden series still
/// adds up to the total), in the same units as the segments. Every figure is the model's
/// (`revenue_series`): the readout only formats them.
fn hover(input: &ChartInput, rows: &[(String, Vec<Point>)], x: f64, response: egui::Response) {
    let totals = revenue_series(input.metrics, input.projection, SeriesKey::Total);
    let Some(year) = super::hovered_year(x, totals.iter().map(|p| p.year)) else {
        return;
    };
    let Some(total) = totals.iter().find(|p| p.year == year) else {
        return;
    };
    let split = input.dataset.has_segment_split()
        && revenue_series(input.metrics, input.projection, SeriesKey::Unsplit)
            .iter()
            .any(|p| p.year == year && p.value.is_none());
    let unallocated = revenue_series(input.metrics, input.projection, SeriesKey::Unallocated)
        .into_iter()
        .find(|p| p.year == year);
    let (currency, scale) = (&input.dataset.currency, input.dataset.scale);
    response.on_hover_ui_at_pointer(|ui| {
        let title = if total.projected {
            format!("{year} (projected)")
        } else {
            year.to_string()
        };
        ui.label(RichText::new(title).strong());
        let row = |ui: &mut Ui, name: &str, p: &Point, strong: bool| {
            let cells = [
                name.to_owned(),
                format::money_opt(p.value, currency, scale),
                format::percent_opt(p.share),
                format!("{} YoY", format::growth_opt(p.growth)),
            ];
            for c in cells {
                let text = RichText::new(c);
                ui.label(if strong { text.strong() } else { text });
            }
            ui.end_row();
        };
        egui::Grid::new("mix_hover")
            .num_columns(4)
            .spacing(vec2(12.0, 2.0))
            .show(ui, |ui| {
                for (name, rows) in rows.iter().rev() {
                    if name == UNALLOCATED || name == TOTAL {
                        continue;
                    }
                    let Some(p) = rows.iter().find(|p| p.year == year && p.value.is_some()) else {
                        continue;
                    };
                    row(ui, name, p, false);
                }
                if split {
                    // No remainder is an Unallocated part of zero: the segments add up.
                    let part = match unallocated {
                        Some(p) if p.value.is_some() => p,
                        _ => Point {
                            value: Some(0.0),
                            share: Some(0.0),
                            growth: None,
                            ..*total
                        },
                    };
                    row(ui, UNALLOCATED, &part, false);
                }
                row(ui, REVENUE, total, true);
            });
    });
}

/// Legend entries: each series with its description and product lines on hover.
pub fn legend_entries(input: &ChartInput) -> Vec<super::legend::Entry> {
    series(input)
        .into_iter()
        .map(|s| {
            let hover = match s.key {
                SeriesKey::Segment(i) => input.dataset.segments.get(i).map_or_else(String::new, |seg| {
                    let mut h = seg.description.clone();
                    for pl in &seg.product_lines {
                        h.push_str("\n• ");
                        h.push_str(&pl.name);
                        // A product line without a description is its name alone (not
                        // "• Transatlantic lanes:").
                        if !pl.description.trim().is_empty() {
                            h.push_str(": ");
                            h.push_str(&pl.description);
                        }
                    }
                    h.trim().to_owned()
                }),
                SeriesKey::Unallocated => {
                    "Reported revenue not covered by any segment: the segments do not sum to the total.".to_owned()
                }
                SeriesKey::Unsplit => {
                    "Years whose revenue is not split by segment in the dataset: the bar is total revenue.".to_owned()
                }
                SeriesKey::Total => "This dataset has no segment split: total revenue only.".to_owned(),
            };
            let entry = super::legend::Entry::new(s.name, s.color, super::legend::Swatch::Fill)
                .with_hover(hover);
            if matches!(s.key, SeriesKey::Segment(_)) {
                entry
            } else {
                entry.essential()
            }
        })
        .collect()
}
