//! The menu bar: File (open, reload, examples, quit) and View (theme, projection).

use egui::Ui;

use super::{Command, Dashboard};
use crate::charts::theme::ThemeChoice;

/// Draws the menu bar.
pub fn ui(ui: &mut Ui, d: &Dashboard) -> Vec<Command> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(
                    egui::Button::new("Open...")
                        .shortcut_text(ui.ctx().format_shortcut(&super::OPEN)),
                )
                .clicked()
            {
                out.push(Command::OpenDialog);
            }
            let reload = ui.add_enabled(
                d.doc.path.is_some(),
                egui::Button::new("Reload").shortcut_text(ui.ctx().format_shortcut(&super::RELOAD)),
            );
            if reload.clicked() {
                out.push(Command::Reload);
            }
            if let Some(p) = &d.view.last_path
                && d.doc.path.as_ref() != Some(p)
                && ui.button(format!("Open last: {}", p.display())).clicked()
            {
                out.push(Command::Open(p.clone()));
            }
            ui.separator();
            if ui
                .add(
                    egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&super::QUIT)),
                )
                .clicked()
            {
                out.push(Command::Quit);
            }
        });
        ui.menu_button("View", |ui| {
            for (label, t) in [
                ("Follow system", ThemeChoice::System),
                ("Light", ThemeChoice::Light),
                ("Dark", ThemeChoice::Dark),
            ] {
                if ui.radio(d.view.theme == t, label).clicked() {
                    out.push(Command::SetTheme(t));
                }
            }
            ui.separator();
            let mut p = d.view.show_projection;
            if ui.checkbox(&mut p, "Show projected years").changed() {
                out.push(Command::SetShowProjection(p));
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let next = if d.theme().dark {
                ThemeChoice::Light
            } else {
                ThemeChoice::Dark
            };
            let icon = if d.theme().dark {
                "Light theme"
            } else {
                "Dark theme"
            };
            if ui.button(icon).on_hover_text("Switch theme").clicked() {
                out.push(Command::SetTheme(next));
            }
            ui.label(&d.status);
        });
    });
    out
}
