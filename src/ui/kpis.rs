//! The KPI strip for the latest year: revenue and growth, margins and their change,
//! free cash flow, every extra KPI, market cap and the revenue multiple. A missing figure
//! reads "n/a"; hovering a card shows the prior year and the exact figures.

use egui::Ui;

use super::Dashboard;
use crate::charts::kpi::card_text;
use crate::charts::marks::{self, Mark};

/// Font size of a card's value, in points.
const VALUE_SIZE: f32 = 20.0;

/// Draws the strip.
pub fn ui(ui: &mut Ui, d: &Dashboard) {
    let theme = d.theme();
    let scroll = egui::ScrollArea::horizontal()
        .id_salt("kpi_scroll")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                // Cards keep their natural width and scroll sideways; wrapping text would
                // squeeze the cards past the edge into tall columns.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                for card in &d.doc.kpi_cards {
                    let frame =
                        egui::Frame::group(ui.style()).inner_margin(egui::Margin::symmetric(10, 4));
                    frame
                        .show(ui, |ui| {
                            ui.vertical(|ui| card_text(ui, card, theme, VALUE_SIZE));
                        })
                        .response
                        .on_hover_text(&card.detail);
                }
            });
        });
    marks::record(ui.ctx(), Mark::Scroll(scroll.inner_rect));
}
