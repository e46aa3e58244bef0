//! The load-error panel: file, line:column, message and the offending line with a caret.
//! The only place a load error is shown in the window.

use egui::{RichText, Ui};

use super::Action;
use crate::charts::Theme;
use crate::model::LoadError;

/// Draws the error; returns `DismissError` when dismissed.
pub fn ui(ui: &mut Ui, e: &LoadError, theme: Theme) -> Vec<Action> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("Could not load the file; the dataset on screen is unchanged.")
                .color(theme.error())
                .strong(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Dismiss").clicked() {
                out.push(Action::DismissError);
            }
        });
    });
    ui.label(RichText::new(e.to_string()).monospace());
    if let Some(snippet) = e.caret_snippet() {
        ui.label(RichText::new(snippet).monospace().color(theme.weak_text()));
    }
    out
}
