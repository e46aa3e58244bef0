//! The menu bar: File (open, import, save an import, reload, examples, quit), View
//! (theme, projection) and Help (keyboard shortcuts, about), with the status line.

use egui::Ui;

use super::help::HelpWindow;
use super::{Action, Dashboard};
use crate::charts::theme::ThemeChoice;

/// The shipped examples: file name and menu label. They are built into the binary, so
/// they open from any folder.
pub const EXAMPLES: [(&str, &str); 3] = [
    ("twilio.ron", "Twilio (as stated in the article)"),
    ("twilio-reported.ron", "Twilio (as reported, GAAP)"),
    ("ericsson.ron", "Ericsson (SEK millions)"),
];

/// The View menu's fan toggle.
pub const FAN_MENU: &str = "Fan of outcomes";

/// The Help menu's entries.
pub const SHORTCUTS_MENU: &str = "Keyboard shortcuts";
/// The Help menu's About entry.
pub const ABOUT_MENU: &str = "About moneymap";

/// The button beside the status line that ends a comparison.
pub const STOP_COMPARING: &str = "Stop comparing";

/// Draws the menu bar.
pub fn ui(ui: &mut Ui, dashboard: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let shortcut = |ui: &Ui, k| ui.ctx().format_shortcut(k);
            if ui
                .add(egui::Button::new("Open...").shortcut_text(shortcut(ui, &super::OPEN)))
                .clicked()
            {
                out.push(Action::OpenDialog);
            }
            if ui
                .button("Import...")
                .on_hover_text(
                    "SEC companyfacts JSON, CSV or a workbook (XLSX, ODS) as a new, unsaved dataset; drop several files on the window to merge them",
                )
                .clicked()
            {
                out.push(Action::ImportDialog);
            }
            let add = ui
                .add_enabled(
                    dashboard.document().import.is_some(),
                    egui::Button::new("Add source to this import..."),
                )
                .on_hover_text(
                    "Merge one more file into the imported dataset, e.g. a CSV of segment revenue typed from the 10-K: it fills gaps, and wins where the sources disagree (listed in the warnings)",
                )
                .on_disabled_hover_text("Import a file first");
            if add.clicked() {
                out.push(Action::AddSourceDialog);
            }
            let save = ui
                .add_enabled(
                    dashboard.document().import.is_some(),
                    egui::Button::new("Save as dataset..."),
                )
                .on_disabled_hover_text("Only an imported dataset needs saving");
            if save.clicked() {
                out.push(Action::SaveDataset);
            }
            let reload = ui.add_enabled(
                dashboard.file.is_some(),
                egui::Button::new("Reload").shortcut_text(shortcut(ui, &super::RELOAD)),
            );
            if reload.clicked() {
                out.push(Action::Reload);
            }
            ui.menu_button("Recent", |ui| {
                if dashboard.view().recent.is_empty() {
                    ui.label("No recent files");
                }
                for p in &dashboard.view().recent {
                    // Missing files stay listed, greyed out, so a moved file is explained.
                    let exists = !dashboard.recent_missing.contains(p);
                    let label = p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    let r = ui.add_enabled(exists, egui::Button::new(label));
                    let r = if exists {
                        r.on_hover_text(p.display().to_string())
                    } else {
                        r.on_disabled_hover_text(format!("{} (missing)", p.display()))
                    };
                    if r.clicked() {
                        out.push(Action::Open(p.clone()));
                        ui.close();
                    }
                }
            });
            ui.menu_button("Examples", |ui| {
                for (name, label) in EXAMPLES {
                    if ui.button(label).clicked() {
                        out.push(Action::OpenExample(name.to_owned()));
                        ui.close();
                    }
                }
            });
            ui.separator();
            if ui.button("Compare with...").clicked() {
                out.push(Action::CompareDialog);
            }
            ui.menu_button("Compare with example", |ui| {
                for (name, label) in EXAMPLES {
                    if ui.button(label).clicked() {
                        out.push(Action::CompareExample(name.to_owned()));
                        ui.close();
                    }
                }
            });
            if ui
                .add_enabled(dashboard.compare().is_some(), egui::Button::new("Clear comparison"))
                .clicked()
            {
                out.push(Action::ClearCompare);
            }
            ui.separator();
            if ui
                .add(
                    egui::Button::new("Export all charts...")
                        .shortcut_text(shortcut(ui, &super::EXPORT_ALL)),
                )
                .clicked()
            {
                out.push(Action::ExportAll);
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Quit").shortcut_text(shortcut(ui, &super::QUIT)))
                .clicked()
            {
                out.push(Action::Quit);
            }
        });
        ui.menu_button("View", |ui| {
            for (label, t) in [
                ("Follow system", ThemeChoice::System),
                ("Light", ThemeChoice::Light),
                ("Dark", ThemeChoice::Dark),
            ] {
                if ui.radio(dashboard.view().theme == t, label).clicked() {
                    out.push(Action::SetTheme(t));
                }
            }
            ui.separator();
            let mut p = dashboard.view().show_projection;
            if ui.checkbox(&mut p, "Show projected years").changed() {
                out.push(Action::SetShowProjection(p));
            }
            let mut fan = dashboard.view().show_fan;
            if ui
                .checkbox(&mut fan, FAN_MENU)
                .on_hover_text(super::charts_grid::FAN_HOVER)
                .changed()
            {
                out.push(Action::SetShowFan(fan));
            }
        });
        ui.menu_button("Help", |ui| {
            let keys = ui.ctx().format_shortcut(&super::HELP);
            if ui
                .add(egui::Button::new(SHORTCUTS_MENU).shortcut_text(keys))
                .clicked()
            {
                out.push(Action::ShowHelp(Some(HelpWindow::Shortcuts)));
            }
            if ui.button(ABOUT_MENU).clicked() {
                out.push(Action::ShowHelp(Some(HelpWindow::About)));
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if dashboard.loading.is_some() {
                ui.spinner();
            }
            let next = if dashboard.theme().dark {
                ThemeChoice::Light
            } else {
                ThemeChoice::Dark
            };
            let icon = if dashboard.theme().dark {
                "Light theme"
            } else {
                "Dark theme"
            };
            if ui.button(icon).on_hover_text("Switch theme").clicked() {
                out.push(Action::SetTheme(next));
            }
            // Beside the status line, which says when a new file keeps the comparison.
            if let Some(compared) = dashboard.compare()
                && ui
                    .button(STOP_COMPARING)
                    .on_hover_text(format!(
                        "End the comparison with {}",
                        compared.dataset.company
                    ))
                    .clicked()
            {
                out.push(Action::ClearCompare);
            }
            // One line: a long message ends in "…" and shows whole on hover.
            ui.add(egui::Label::new(dashboard.status()).truncate());
        });
    });
    out
}
