//! The KPI strip for the latest year: revenue and growth, margins and their change,
//! free cash flow, every extra KPI, market cap and the revenue multiple. A missing figure
//! reads "n/a"; hovering a card shows the prior year and the exact figures.

use egui::{Sense, Ui, vec2};

use super::Dashboard;
use crate::charts::Theme;
use crate::charts::kpi::{Card, CardText};
use crate::charts::marks::{self, Mark};

/// Font size of a card's value, in points.
const VALUE_SIZE: f32 = 20.0;

/// Space between a card's border and its text, in points.
const MARGIN: egui::Vec2 = vec2(10.0, 4.0);

/// Draws the strip: each card is painted (its lines laid out once, one hover response)
/// rather than built from a frame and three labels, as the strip is redrawn every frame.
pub fn ui(ui: &mut Ui, dashboard: &Dashboard) {
    let theme = dashboard.theme();
    let scroll = egui::ScrollArea::horizontal()
        .id_salt("kpi_scroll")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                // Cards keep their natural width and scroll sideways; wrapping text would
                // squeeze the cards past the edge into tall columns.
                for card in &dashboard.document().kpi_cards {
                    card_ui(ui, card, theme);
                }
            });
        });
    marks::record(ui.ctx(), Mark::Scroll(scroll.inner_rect));
}

/// One card: the lines in a group frame, the exact figures on hover.
fn card_ui(ui: &mut Ui, card: &Card, theme: Theme) {
    let text = CardText::layout(
        ui,
        card,
        theme,
        VALUE_SIZE,
        egui::TextWrapMode::Extend,
        f32::INFINITY,
    );
    let visuals = &ui.visuals().widgets.noninteractive;
    let (stroke, radius) = (visuals.bg_stroke, visuals.corner_radius);
    let gap = ui.spacing().item_spacing.y;
    let inset = MARGIN + egui::Vec2::splat(stroke.width);
    let (rect, response) = ui.allocate_exact_size(text.size(gap) + 2.0 * inset, Sense::hover());
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        painter.rect_stroke(rect, radius, stroke, egui::StrokeKind::Inside);
        text.paint(painter, rect.min + inset, gap, ui.visuals().text_color());
    }
    // A screen reader reads each line as a label, as it read the labels the cards were
    // built from (only then are the lines given responses of their own).
    if ui
        .ctx()
        .accesskit_node_builder(response.id, |_| ())
        .is_some()
    {
        for (i, (line, text)) in text.lines(rect.min + inset, gap).enumerate() {
            ui.interact(line, response.id.with(i), Sense::hover())
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
        }
    }
    response.on_hover_text(&card.detail);
}
