//! The "Scenario summary" tab: the scenario's figures at the horizon, the valuation
//! card, the scenario projection (revenue, segments and free cash flow, with the fan of
//! outcomes) and the tornado of the result the user chooses (revenue, operating income,
//! free cash flow or implied value; the choice is kept in the view state).
//!
//! Wide cells (the window at 1920x1200) show two columns: figures and valuation on the
//! left, projection and tornado on the right, each filling the cell's height. Narrower
//! cells show one scrolling column: figures, tornado, projection, valuation. The chart
//! parts are drawn by [`crate::charts`], the same as in the exported Scenario chart.

use egui::{Align, Layout, RichText, Ui, vec2};

use super::{Action, Dashboard};
use crate::charts::frame;
use crate::charts::marks::{self, Mark};
use crate::charts::{ChartKind, projection, tornado};
use crate::model::format;
use crate::model::scenario::Measure;

/// Width from which the figures sit two pairs to a row, in points.
const WIDE: f32 = 440.0;
/// Width from which the tab shows two columns, in points.
const TWO_COLUMNS: f32 = 640.0;
/// Height of the projection plot in the one-column layout, in points.
const PROJECTION_H: f32 = 170.0;
/// Smallest height of the tornado, in points.
const TORNADO_MIN_H: f32 = 90.0;
/// The projection's share of the right column's height in the two-column layout.
const PROJECTION_SHARE: f32 = 0.45;

/// The chooser's label of each result.
pub fn measure_label(m: Measure) -> &'static str {
    match m {
        Measure::Revenue => "Revenue",
        Measure::OperatingIncome => "Operating income",
        Measure::FreeCashFlow => "FCF",
        Measure::ImpliedValue => "Implied value",
    }
}

/// The Scenario summary tab.
pub fn ui(ui: &mut Ui, dashboard: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    if ui.available_width() >= TWO_COLUMNS {
        let w = (ui.available_width() - ui.spacing().item_spacing.x) / 2.0;
        let h = ui.available_height();
        let column = Layout::top_down(Align::Min);
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(vec2(w, h), column, |ui| {
                ui.set_min_size(vec2(w, h));
                scrolled(ui, ("summary_left", dashboard.document().origin()), |ui| {
                    figures(ui, dashboard);
                    ui.add_space(4.0);
                    out.extend(super::valuation::card(ui, dashboard));
                });
            });
            ui.allocate_ui_with_layout(vec2(w, h), column, |ui| {
                ui.set_min_size(vec2(w, h));
                out.extend(projection_ui(
                    ui,
                    dashboard,
                    (h * PROJECTION_SHARE).max(120.0),
                ));
                out.extend(tornado_ui(ui, dashboard, None));
            });
        });
    } else {
        scrolled(
            ui,
            ("summary_scroll", dashboard.document().origin()),
            |ui| {
                figures(ui, dashboard);
                out.extend(tornado_ui(ui, dashboard, Some(TORNADO_MIN_H)));
                out.extend(projection_ui(ui, dashboard, PROJECTION_H));
                ui.add_space(4.0);
                out.extend(super::valuation::card(ui, dashboard));
            },
        );
    }
    out
}

/// A vertical scroll area (recorded for the layout check). Its id includes the dataset,
/// so another dataset opens at the top, not where the last one was scrolled to. Its bar
/// takes a strip of its own (egui's default bar floats over the content, and sat on the
/// tornado's values and the wrapped note under it at 960x600).
fn scrolled(ui: &mut Ui, id: impl std::hash::Hash + std::fmt::Debug, add: impl FnOnce(&mut Ui)) {
    ui.scope(|ui| {
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        let scroll = egui::ScrollArea::vertical()
            .id_salt(id)
            .auto_shrink([false, true])
            .show(ui, add);
        marks::record(ui.ctx(), Mark::Scroll(scroll.inner_rect));
    });
}

/// The title line and the horizon figures.
fn figures(ui: &mut Ui, dashboard: &Dashboard) {
    let dataset = &dashboard.document().dataset;
    let s = &dashboard.projection().summary;
    let money = |v: Option<f64>| format::money_opt(v, &dataset.currency, dataset.scale);
    ui.label(
        RichText::new(format!(
            "{} at {} ({} after {})",
            dashboard.scenario().name,
            s.year,
            format::years(dashboard.scenario().horizon_years),
            dashboard.projection().base_year
        ))
        .strong(),
    );
    // Four columns (two label/value pairs a row) when they fit, else two.
    let pairs_per_row = if ui.available_width() >= WIDE { 2 } else { 1 };
    let multiple = s
        .revenue_multiple
        .map_or_else(|| format::NOT_AVAILABLE.to_owned(), |x| format!("{x:.1}x"));
    let figures = [
        ("Revenue", money(Some(s.revenue))),
        ("CAGR", format::growth_opt(s.revenue_cagr)),
        ("Operating margin", format::percent_opt(s.operating_margin)),
        ("Cumulative FCF", money(s.cumulative_fcf)),
        ("Revenue multiple", multiple),
    ];
    egui::Grid::new("horizon_summary")
        .num_columns(2 * pairs_per_row)
        .spacing([16.0, 2.0])
        .show(ui, |ui| {
            for (i, (label, value)) in figures.iter().enumerate() {
                ui.label(*label);
                ui.label(RichText::new(value).strong());
                if (i + 1) % pairs_per_row == 0 {
                    ui.end_row();
                }
            }
        });
}

/// The chooser, the tornado's caption and the tornado: `min_h` tall at least in a
/// scrolling column, else the rest of the height.
fn tornado_ui(ui: &mut Ui, dashboard: &Dashboard, min_h: Option<f32>) -> Vec<Action> {
    let mut out = Vec::new();
    let shown = dashboard.scene().tornado_measure();
    let weak = dashboard.theme().weak_text();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Tornado of").strong());
        for m in Measure::ALL {
            // A result the dataset cannot give stays in place, in weak text (a disabled
            // button would be too faint to read); clicking it says why.
            let why = dashboard.scene().tornado_of(m).unavailable.clone();
            let text = match why {
                Some(_) => RichText::new(measure_label(m)).color(weak),
                None => RichText::new(measure_label(m)),
            };
            let r = ui.add(egui::Button::selectable(shown == m, text));
            match why {
                Some(why) => {
                    let why = format!("{}: not available ({why})", measure_label(m));
                    if r.on_hover_text(&why).clicked() {
                        out.push(Action::Explain(why));
                    }
                }
                None => {
                    let hover = format!("Rank the levers by how far they move {}", m.label());
                    if r.on_hover_text(hover).clicked() && shown != m {
                        out.push(Action::SetTornadoMeasure(m));
                    }
                }
            }
        }
    });
    let t = dashboard.scene().tornado();
    let input = dashboard.chart_input(false);
    ui.label(
        RichText::new(&t.caption)
            .small()
            .color(input.theme.weak_text()),
    );
    let h = match min_h {
        Some(min) => tornado::natural_height(t).max(min),
        None => (ui.available_height() - 4.0).max(TORNADO_MIN_H),
    };
    tornado::ui(ui, &input, t, h);
    out
}

/// The scenario projection: its legend (clicking "Projected" or the fan hides them) and
/// its plot, `height` points tall in all.
fn projection_ui(ui: &mut Ui, dashboard: &Dashboard, height: f32) -> Vec<Action> {
    let mut out = Vec::new();
    let input = dashboard.chart_input(true);
    let opts = dashboard.frame_options();
    let top = ui.cursor().top();
    ui.label(RichText::new(ChartKind::Scenario.title()).strong());
    let built = frame::build(ChartKind::Scenario, &input, &opts);
    if let Some(name) =
        super::charts_grid::legend_ui(ui, dashboard, ChartKind::Scenario, &built.legend, &opts)
    {
        out.extend(super::charts_grid::toggle_action(dashboard, &name));
    }
    let used = ui.cursor().top() - top;
    let h = (height - used).max(80.0);
    projection::ui(ui, &input, vec2(ui.available_width(), h));
    out
}
