//! Revenue growth: total revenue bars per year on top, YoY growth % on a second plot
//! below with the same (linked) year axis, optional per-segment growth lines.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, HLine, Line, LineStyle, MarkerShape, PlotPoints, Points};

use super::{BAR_WIDTH, ChartInput, percent_label};
use crate::model::format;
use crate::model::series::{SeriesKey, revenue_series};

/// Options the panel's controls set.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Options {
    /// Also draw each segment's growth line.
    pub segment_lines: bool,
}

/// Draws both linked plots into `height` points.
pub fn ui(ui: &mut Ui, input: &ChartInput, opts: &Options, height: f32) {
    let theme = input.theme;
    let (x0, x1) = input.x_span_with_compare();
    let total = revenue_series(input.metrics, input.projection, SeriesKey::Total);
    let link = egui::Id::unique("revenue_growth_x");
    let top_h = (height * 0.58).max(60.0);
    let bottom_h = (height - top_h - 6.0).max(50.0);

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
    let base = |id: &str, h: f32| {
        super::static_plot(id, h, (x0, x1))
            .show_grid([false, true])
            .link_axis(link, [true, false])
            .y_axis_min_width(56.0)
    };
    let compare_bars = input.compare.map(|c| {
        let color = theme.series(7);
        let bars: Vec<Bar> = c
            .metrics
            .years
            .iter()
            .map(|y| {
                Bar::new(f64::from(y.year), y.revenue)
                    .width(BAR_WIDTH)
                    .fill(color)
            })
            .collect();
        (c, color, bars)
    });
    // The dataset's own revenue bars, full width or (in compare mode) half.
    let primary = |ui: &mut Ui, h: f32, width: Option<f32>, bars: Vec<Bar>| {
        let mut plot = base("revenue_bars", h)
            .include_y(0.0)
            .y_axis_formatter(move |m, _| money_input.money(m.value));
        if let Some(w) = width {
            plot = plot.width(w);
        }
        plot.show(ui, |p| {
            super::projection_span(p, input);
            p.bar_chart(
                BarChart::new("Revenue", bars)
                    .color(theme.revenue())
                    .allow_hover(false),
            );
            p.pointer_coordinate()
        })
    };
    let top = if let Some((c, color, cbars)) = compare_bars {
        // Money is not comparable across currencies: each company in its own units.
        let half = ((ui.available_width() - 8.0) / 2.0).max(80.0);
        let cinput = ChartInput {
            dataset: c.dataset,
            metrics: c.metrics,
            projection: None,
            compare: None,
            ..*input
        };
        let mut out = None;
        ui.horizontal(|ui| {
            let r = ui
                .vertical(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "{} ({})",
                            input.dataset.company,
                            input.dataset.units_label()
                        ))
                        .small(),
                    );
                    primary(ui, top_h - 16.0, Some(half), bars)
                })
                .inner;
            ui.vertical(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{} ({})",
                        c.dataset.company,
                        c.dataset.units_label()
                    ))
                    .small(),
                );
                base("revenue_bars_compare", top_h - 16.0)
                    .width(half)
                    .include_y(0.0)
                    .y_axis_formatter(move |m, _| cinput.money(m.value))
                    .show(ui, |p| {
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
    } else {
        Some(primary(ui, top_h, None, bars))
    };

    // Growth line: actual solid, projected dashed from the last actual point.
    let pts = |proj: bool| -> Vec<[f64; 2]> {
        let mut v: Vec<[f64; 2]> = Vec::new();
        for (i, p) in total.iter().enumerate() {
            let next_projected = total.get(i + 1).is_some_and(|n| n.projected);
            let include = if proj {
                p.projected || next_projected
            } else {
                !p.projected
            };
            if let (true, Some(g)) = (include, p.growth) {
                v.push([f64::from(p.year), g * 100.0]);
            }
        }
        v
    };
    let seg_lines: Vec<(String, egui::Color32, Vec<[f64; 2]>)> = if opts.segment_lines {
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
                (s.name.clone(), theme.series(i), pts)
            })
            .collect()
    } else {
        Vec::new()
    };
    let actual = pts(false);
    let projected = pts(true);
    let compare_growth: Option<(String, Vec<[f64; 2]>)> = input.compare.map(|c| {
        let pts = revenue_series(c.metrics, None, SeriesKey::Total)
            .iter()
            .filter_map(|p| p.growth.map(|g| [f64::from(p.year), g * 100.0]))
            .collect();
        (format!("{} YoY growth", c.dataset.company), pts)
    });
    let zero = theme.zero_line();
    let bottom = base("revenue_growth_pct", bottom_h)
        .y_axis_formatter(percent_label)
        .show(ui, |p| {
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
                let c = theme.series(7);
                super::compared_line(p, &name, c, 2.0, pts);
            }
            p.line(
                Line::new("YoY growth", PlotPoints::from(actual.clone()))
                    .color(theme.growth())
                    .width(2.0)
                    .allow_hover(false),
            );
            p.points(
                Points::new("YoY growth", PlotPoints::from(actual))
                    .color(theme.growth())
                    .radius(3.0)
                    .shape(MarkerShape::Circle)
                    .allow_hover(false),
            );
            if projected.len() > 1 {
                p.line(
                    Line::new("YoY growth (projected)", PlotPoints::from(projected))
                        .color(theme.growth())
                        .width(2.0)
                        .style(LineStyle::Dashed { length: 8.0 })
                        .allow_hover(false),
                );
            }
            p.pointer_coordinate()
        });
    if !input.interactive {
        return;
    }
    for resp in top.into_iter().chain([bottom]) {
        if !resp.response.hovered() {
            continue;
        }
        let Some(pointer) = resp.inner else { continue };
        let Some(year) = super::hovered_year(pointer.x, total.iter().map(|p| p.year)) else {
            continue;
        };
        let Some(p) = total.iter().find(|p| p.year == year) else {
            continue;
        };
        resp.response.on_hover_ui_at_pointer(|ui| {
            let title = if p.projected {
                format!("{year} (projected)")
            } else {
                year.to_string()
            };
            ui.label(RichText::new(title).strong());
            ui.label(format!(
                "Revenue {}",
                format::money_opt(
                    p.value,
                    &money_input.dataset.currency,
                    money_input.dataset.scale
                )
            ));
            ui.label(format!("YoY growth {}", format::growth_opt(p.growth)));
        });
    }
}
