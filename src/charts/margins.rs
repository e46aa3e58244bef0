//! Margin trends: gross, operating, net and FCF margin lines over the years, a zero
//! line, a percent axis, projected years dashed, and a hover readout of every margin.

use egui::{RichText, Ui};
use egui_plot::HLine;

use super::{ChartInput, percent_label};
use crate::model::format;
use crate::model::series::margin_series;

/// The margin names, in the order of `Margins::labelled`.
pub const NAMES: [&str; 4] = [
    "Gross margin",
    "Operating margin",
    "Net margin",
    "FCF margin",
];

/// One margin line: its index, actual points and projected points.
type Track = (usize, Vec<[f64; 2]>, Vec<[f64; 2]>);

/// Draws the chart at `height` points; `hidden` names margins toggled off.
pub fn ui(
    ui: &mut Ui,
    input: &ChartInput,
    hidden: &std::collections::BTreeSet<String>,
    height: f32,
) {
    let theme = input.theme;
    let rows = margin_series(input.metrics, input.projection);
    let (x0, x1) = input.x_span_with_compare();
    let zero = theme.zero_line();
    let mut lines: Vec<Track> = Vec::new();
    for (k, name) in NAMES.iter().enumerate() {
        if hidden.contains(*name) {
            continue;
        }
        let value = |m: &crate::model::Margins| m.labelled()[k].1;
        let actual: Vec<[f64; 2]> = rows
            .iter()
            .filter(|r| !r.2)
            .filter_map(|r| value(&r.1).map(|v| [f64::from(r.0), v * 100.0]))
            .collect();
        // The projected line starts at the last actual point so the two join.
        let mut projected: Vec<[f64; 2]> = actual.last().copied().into_iter().collect();
        projected.extend(
            rows.iter()
                .filter(|r| r.2)
                .filter_map(|r| value(&r.1).map(|v| [f64::from(r.0), v * 100.0])),
        );
        if projected.len() < 2 {
            projected.clear();
        }
        lines.push((k, actual, projected));
    }
    // The compared company: same colour per margin, dotted, diamond markers.
    let compare_lines: Vec<(usize, String, Vec<[f64; 2]>)> = input
        .compare
        .map(|c| {
            NAMES
                .iter()
                .enumerate()
                .filter(|(_, n)| !hidden.contains(**n))
                .map(|(k, n)| {
                    let pts = c
                        .metrics
                        .years
                        .iter()
                        .filter_map(|y| {
                            y.margins.labelled()[k]
                                .1
                                .map(|v| [f64::from(y.year), v * 100.0])
                        })
                        .collect();
                    (k, format!("{}: {n}", c.dataset.company), pts)
                })
                .collect()
        })
        .unwrap_or_default();
    let plot = super::static_plot("margins", height, (x0, x1))
        .y_axis_formatter(percent_label)
        .include_y(0.0);
    let resp = super::show_plot(ui, plot, input.years_with_compare(), |p| {
        super::projection_span(p, input);
        p.hline(HLine::new("zero", 0.0).stroke(zero).allow_hover(false));
        for (k, name, pts) in compare_lines {
            let c = theme.margin(k);
            super::compared_line(p, &name, c, 1.5, pts);
        }
        for (k, actual, projected) in lines {
            super::series_lines(p, NAMES[k], theme.margin(k), 2.0, actual, projected);
        }
        p.pointer_coordinate()
    });
    if !input.interactive || !resp.response.hovered() {
        return;
    }
    let Some(pointer) = resp.inner else { return };
    let Some(year) = super::hovered_year(pointer.x, rows.iter().map(|r| r.0)) else {
        return;
    };
    let Some(row) = rows.iter().find(|r| r.0 == year) else {
        return;
    };
    resp.response.on_hover_ui_at_pointer(|ui| {
        let title = if row.2 {
            format!("{year} (projected)")
        } else {
            year.to_string()
        };
        ui.label(RichText::new(title).strong());
        egui::Grid::new("margin_hover")
            .num_columns(2)
            .show(ui, |ui| {
                for (name, v) in row.1.labelled() {
                    ui.label(name);
                    ui.label(format::percent_opt(v));
                    ui.end_row();
                }
            });
    });
}

/// Legend entries of the four margins.
/// A margin with no value in any year keeps its entry (so the legend is stable) but is
/// dimmed and says why.
pub fn legend_entries(input: &ChartInput) -> Vec<super::legend::Entry> {
    NAMES
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let present = input
                .metrics
                .years
                .iter()
                .any(|y| y.margins.labelled()[k].1.is_some());
            super::legend::Entry {
                name: (*n).to_owned(),
                color: if present {
                    input.theme.margin(k)
                } else {
                    input.theme.margin(k).gamma_multiply(0.25)
                },
                hover: if present {
                    String::new()
                } else {
                    format!("{n}: not in this dataset (n/a)")
                },
                swatch: super::legend::Swatch::Fill,
            }
        })
        .collect()
}
