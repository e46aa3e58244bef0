//! Margin trends: gross, operating, net and FCF margin lines over the years, a zero
//! line, a percent axis, projected years dashed, and a hover readout of every margin.

use egui::{RichText, Ui};
use egui_plot::HLine;

use super::{ChartInput, Pen, PlotSpec, percent_label};
use crate::model::format;
use crate::model::series::margin_series;

/// The margin names, in the order of `Margins::labelled`.
pub const NAMES: [&str; 4] = ["Gross margin", "Operating margin", "Net margin", FCF];

/// Line width of this company's margins, in points.
const LINE_W: f32 = 2.0;
/// The free-cash-flow margin's name (its hover says when the figure is derived).
const FCF: &str = "FCF margin";
/// Line width of the compared company's margins, in points.
const COMPARE_W: f32 = 1.5;
/// Marker radius, in points.
const MARKER: f32 = 3.0;

/// One margin line: its index, actual points and projected points.
type Track = (usize, Vec<[f64; 2]>, Vec<[f64; 2]>);

/// Draws the chart in `size` points; `hidden` names margins toggled off.
pub fn ui(
    ui: &mut Ui,
    input: &ChartInput,
    hidden: &std::collections::BTreeSet<String>,
    size: egui::Vec2,
) {
    let theme = input.theme;
    let rows = margin_series(input.metrics, input.projection);
    let lines: Vec<Track> = NAMES
        .iter()
        .enumerate()
        .filter(|(_, name)| !hidden.contains(**name))
        .map(|(k, _)| {
            let (actual, projected) = super::split_points(
                rows.iter()
                    .map(|r| (r.0, r.1.labelled()[k].1.map(|v| v * 100.0), r.2)),
            );
            (k, actual, projected)
        })
        .collect();
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
    let values = super::value_range(
        lines
            .iter()
            .flat_map(|(_, a, p)| [a.as_slice(), p.as_slice()])
            .chain(compare_lines.iter().map(|(_, _, pts)| pts.as_slice())),
        true,
    );
    let spec = PlotSpec {
        id: "margins".into(),
        size,
        years: input.years_with_compare(),
        values,
    };
    let zero = theme.zero_line();
    let plot = spec.plot().y_axis_formatter(percent_label);
    let clip = spec.band();
    let key = input
        .compare
        .map(|c| c.key(&input.dataset.company))
        .unwrap_or_default();
    let resp = super::show_plot(ui, &spec, plot, |p| {
        super::projection_span(p, input);
        p.hline(HLine::new("zero", 0.0).stroke(zero).allow_hover(false));
        for (k, name, pts) in compare_lines {
            let chart = (super::ChartKind::Margins, key.as_str());
            super::compared_line(p, clip, chart, &name, theme.margin(k), COMPARE_W, pts);
        }
        for (k, actual, projected) in lines {
            let pen = Pen {
                color: theme.margin(k),
                width: LINE_W,
                marker: MARKER,
            };
            super::series_lines(p, clip, NAMES[k], pen, actual, projected);
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
                // Free cash flow derived from its parts (operating cash flow - capex) says so.
                let derived = !row.2
                    && input
                        .metrics
                        .years
                        .iter()
                        .any(|y| y.year == year && y.fcf_derived);
                for (name, v) in row.1.labelled() {
                    if derived && name == FCF {
                        ui.label(format!("{name} (derived: operating cash flow − capex)"));
                    } else {
                        ui.label(name);
                    }
                    ui.label(format::percent_opt(v));
                    ui.end_row();
                }
            });
    });
}

/// Legend entries of the four margins.
/// A margin with no value in any year keeps its entry (so the legend is stable) but is
/// dimmed and says why; in compare mode it is lit when either company has it (the
/// compared company's line is drawn), and its hover says whose it is.
pub fn legend_entries(input: &ChartInput) -> Vec<super::legend::Entry> {
    let has = |m: &crate::model::Metrics, k: usize| {
        m.years.iter().any(|y| y.margins.labelled()[k].1.is_some())
    };
    NAMES
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let own = has(input.metrics, k);
            let other = input.compare.filter(|c| has(c.metrics, k));
            let hover = match (own, other) {
                (true, _) => String::new(),
                (false, Some(c)) => format!(
                    "{n}: not in {}; drawn for {} (dotted)",
                    input.dataset.company, c.dataset.company
                ),
                (false, None) => format!("{n}: not in this dataset (n/a)"),
            };
            let color = input.theme.margin(k);
            // A margin no company on screen has says so in its name ("Gross margin: n/a"):
            // a pale swatch alone read as a series switched off, in an image above all.
            let (name, color) = if own || other.is_some() {
                ((*n).to_owned(), color)
            } else {
                (
                    format!("{n}: {}", format::NOT_AVAILABLE),
                    color.gamma_multiply(0.25),
                )
            };
            super::legend::Entry::new(name, color, super::legend::Swatch::Fill)
                .with_hover(hover)
                .essential()
        })
        .collect()
}
