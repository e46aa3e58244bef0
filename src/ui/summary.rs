//! The "Scenario summary" tab: the scenario's figures at the horizon and the tornado of
//! what moves them most.

use egui::{RichText, Ui};

use super::Dashboard;
use crate::charts::frame;
use crate::model::format;

/// Width from which the figures sit two pairs to a row, in points.
const WIDE: f32 = 440.0;

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
    frame::tornado_with_caption(ui, &d.chart_input(false), &d.frame_options(), Some(4.0));
}
