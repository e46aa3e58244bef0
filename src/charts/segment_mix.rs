//! Segment mix: stacked revenue bars per year, one colour per segment, plus an explicit
//! "Unallocated" slice whenever segments do not sum to reported revenue.
//!
//! Shares are of *reported* total revenue, never rescaled to 100% of the segments; in
//! share mode the stack therefore sums to exactly 100% only because Unallocated is
//! drawn. Projected years continue each stack in a lighter shade.

use std::collections::BTreeSet;

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart};

use super::{BAR_WIDTH, ChartInput, percent_label};
use crate::model::format;
use crate::model::series::{Point, SeriesKey, revenue_series};

/// Name of the remainder series.
pub const UNALLOCATED: &str = "Unallocated";
/// Name of the single series of a dataset without a segment split.
pub const TOTAL: &str = "Total revenue";

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
    /// Colour.
    pub color: Color32,
    /// Index of the declared segment (`None` for Unallocated / Total).
    pub segment: Option<usize>,
}

/// The series this dataset draws, in stacking order.
pub fn series(input: &ChartInput) -> Vec<Series> {
    let ds = input.dataset;
    if !ds.has_segment_split() {
        return vec![Series {
            name: TOTAL.to_owned(),
            color: input.theme.revenue(),
            segment: None,
        }];
    }
    let mut out: Vec<Series> = ds
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| Series {
            name: s.name.clone(),
            color: input.theme.series(i),
            segment: Some(i),
        })
        .collect();
    let projected_unallocated = input
        .projection
        .is_some_and(|p| p.years.iter().any(|y| y.unallocated.is_some()));
    if input.metrics.has_unallocated() || projected_unallocated {
        out.push(Series {
            name: UNALLOCATED.to_owned(),
            color: input.theme.unallocated(),
            segment: None,
        });
    }
    out
}

fn key(s: &Series) -> SeriesKey {
    match (s.segment, s.name.as_str()) {
        (Some(i), _) => SeriesKey::Segment(i),
        (None, UNALLOCATED) => SeriesKey::Unallocated,
        _ => SeriesKey::Total,
    }
}

/// Draws the chart at `height` points; `hidden` names series toggled off in the legend.
pub fn ui(ui: &mut Ui, input: &ChartInput, opts: &Options, hidden: &BTreeSet<String>, height: f32) {
    let all = series(input);
    let (x0, x1) = input.x_span();
    let mut charts: Vec<BarChart> = Vec::new();
    let mut hover_rows: Vec<(String, Vec<Point>)> = Vec::new();
    for s in all.iter().filter(|s| !hidden.contains(&s.name)) {
        let rows = revenue_series(input.metrics, input.projection, key(s));
        let bars: Vec<Bar> = rows
            .iter()
            .map(|pt| {
                let (year, projected) = (pt.year, pt.projected);
                let value = if opts.share {
                    pt.share.map_or(0.0, |r| r * 100.0)
                } else {
                    pt.value.unwrap_or(0.0)
                };
                let fill = if projected {
                    input.theme.projected(s.color)
                } else {
                    s.color
                };
                Bar::new(f64::from(year), value)
                    .width(BAR_WIDTH)
                    .fill(fill)
                    .stroke(egui::Stroke::new(
                        if projected { 1.0 } else { 0.0 },
                        s.color,
                    ))
            })
            .collect();
        let mut chart = BarChart::new(s.name.clone(), bars)
            .color(s.color)
            .allow_hover(false);
        {
            let below: Vec<&BarChart> = charts.iter().collect();
            chart = chart.stack_on(&below);
        }
        charts.push(chart);
        hover_rows.push((s.name.clone(), rows));
    }
    let money_input = *input;
    let share = opts.share;
    let mut plot = super::static_plot("segment_mix", height, (x0, x1))
        .show_grid([false, true])
        .include_y(0.0);
    plot = if share {
        plot.y_axis_formatter(percent_label).include_y(100.0)
    } else {
        plot.y_axis_formatter(move |m, _| money_input.money(m.value))
    };
    let resp = super::show_plot(ui, plot, input.years(), |p| {
        super::projection_span(p, input);
        for c in charts {
            p.bar_chart(c);
        }
        p.pointer_coordinate()
    });
    if !input.interactive {
        return;
    }
    let Some(pointer) = resp.inner else { return };
    if !resp.response.hovered() {
        return;
    }
    let years = hover_rows
        .first()
        .map(|(_, r)| r.iter().map(|p| p.year).collect::<Vec<_>>())
        .unwrap_or_default();
    let Some(year) = super::hovered_year(pointer.x, years) else {
        return;
    };
    let (currency, scale) = (&money_input.dataset.currency, money_input.dataset.scale);
    resp.response.on_hover_ui_at_pointer(|ui| {
        let projected = hover_rows
            .first()
            .and_then(|(_, r)| r.iter().find(|p| p.year == year))
            .is_some_and(|p| p.projected);
        let title = if projected {
            format!("{year} (projected)")
        } else {
            year.to_string()
        };
        ui.label(RichText::new(title).strong());
        egui::Grid::new("mix_hover")
            .num_columns(4)
            .spacing([12.0, 2.0])
            .show(ui, |ui| {
                for (name, rows) in hover_rows.iter().rev() {
                    let Some(p) = rows.iter().find(|p| p.year == year) else {
                        continue;
                    };
                    ui.label(name);
                    ui.label(format::money_opt(p.value, currency, scale));
                    ui.label(format::percent_opt(p.share));
                    ui.label(format!("{} YoY", format::growth_opt(p.growth)));
                    ui.end_row();
                }
            });
    });
}

/// Legend entries: each series with its description and product lines on hover.
pub fn legend_entries(input: &ChartInput) -> Vec<super::legend::Entry> {
    series(input)
        .into_iter()
        .map(|s| {
            let hover = match s.segment.and_then(|i| input.dataset.segments.get(i)) {
                Some(seg) => {
                    let mut h = seg.description.clone();
                    for pl in &seg.product_lines {
                        h.push_str(&format!("\n• {}: {}", pl.name, pl.description));
                    }
                    h.trim().to_owned()
                }
                None if s.name == UNALLOCATED => {
                    "Reported revenue not covered by any segment: the segments do not sum to the total.".to_owned()
                }
                None => "This dataset has no segment split: total revenue only.".to_owned(),
            };
            super::legend::Entry { name: s.name, color: s.color, hover, swatch: super::legend::Swatch::Fill }
        })
        .collect()
}
