//! The "Scenario summary" tab: the scenario's figures at the horizon and the tornado of
//! what moves them most.

use egui::{RichText, Ui};

use super::Dashboard;
use crate::charts::frame;
use crate::model::format;

/// The horizon summary and tornado chart (the "Scenario summary" tab).
pub fn ui(ui: &mut Ui, d: &Dashboard) {
    let ds = &d.doc.dataset;
    let s = &d.projection.summary;
    let money = |v: Option<f64>| format::money_opt(v, &ds.currency, ds.scale);
    ui.label(
        RichText::new(format!(
            "{} at {} ({} years after {})",
            d.scenario.name, s.year, d.scenario.horizon_years, d.projection.base_year
        ))
        .strong(),
    );
    egui::Grid::new("horizon_summary")
        .num_columns(4)
        .spacing([16.0, 2.0])
        .show(ui, |ui| {
            ui.label("Revenue");
            ui.label(RichText::new(money(Some(s.revenue))).strong());
            ui.label("CAGR");
            ui.label(RichText::new(format::growth_opt(s.revenue_cagr)).strong());
            ui.end_row();
            ui.label("Operating margin");
            ui.label(RichText::new(format::percent_opt(s.operating_margin)).strong());
            ui.label("Cumulative FCF");
            ui.label(RichText::new(money(s.cumulative_fcf)).strong());
            ui.end_row();
            ui.label("Revenue multiple");
            ui.label(
                RichText::new(
                    s.revenue_multiple
                        .map_or_else(|| format::NOT_AVAILABLE.to_owned(), |x| format!("{x:.1}x")),
                )
                .strong(),
            );
            ui.end_row();
        });
    frame::tornado_with_caption(ui, &d.chart_input(false), &d.frame_options(), Some(4.0));
}
