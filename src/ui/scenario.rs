//! The "what to watch" panel: one card per watch item with its explanation and the
//! slider(s) it drives, "Other assumptions" for the rest, presets, reset and horizon.

use egui::{RichText, Ui};

use super::{Action, Dashboard};
use crate::charts::marks::{self, Mark};
use crate::model::Lever;
use crate::model::scenario::{self, MAX_HORIZON};

/// Draws the side panel.
pub fn ui(ui: &mut Ui, d: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    let theme = d.theme();
    ui.add_space(4.0);
    ui.heading("What to watch");
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("Scenario: {}", d.scenario.name)).strong());
        for p in &d.doc.dataset.presets {
            let active = d.scenario.name == p.name;
            if ui
                .selectable_label(active, &p.name)
                .on_hover_text(&p.description)
                .clicked()
            {
                out.push(Action::ApplyPreset(p.name.clone()));
            }
        }
        if ui.button("Reset to trend").clicked() {
            out.push(Action::ResetScenario);
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Save scenario...").clicked() {
            out.push(Action::SaveScenario);
        }
        if ui.button("Load scenario...").clicked() {
            out.push(Action::LoadScenario);
        }
    });
    let mut h = d.scenario.horizon_years;
    let base = d.projection.base_year;
    if ui
        .add(egui::Slider::new(&mut h, 1..=MAX_HORIZON).text("Horizon (years)"))
        .on_hover_text(format!("Years projected after {base}"))
        .changed()
    {
        out.push(Action::SetHorizon(h));
    }
    ui.separator();
    let mut shown: Vec<Lever> = Vec::new();
    let scroll = egui::ScrollArea::vertical()
        .id_salt("watch_scroll")
        .show(ui, |ui| {
            for item in &d.doc.dataset.watch {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(&item.title).strong());
                    ui.label(RichText::new(&item.explanation).small());
                    for lever in &item.levers {
                        if shown.contains(lever) {
                            ui.label(
                                RichText::new(format!("{}: see above", lever.label()))
                                    .small()
                                    .color(theme.weak_text()),
                            );
                        } else {
                            out.extend(lever_ui(ui, d, lever));
                            shown.push(lever.clone());
                        }
                    }
                });
            }
            let others: Vec<&Lever> = d
                .scenario
                .levers
                .keys()
                .filter(|l| !shown.contains(l))
                .collect();
            if !others.is_empty() {
                ui.add_space(4.0);
                ui.label(RichText::new("Other assumptions").strong());
                for lever in others {
                    out.extend(lever_ui(ui, d, lever));
                }
            }
        });
    marks::record(ui.ctx(), Mark::Scroll(scroll.inner_rect));
    out
}

/// One lever's slider with its unit and the actual value it started from.
fn lever_ui(ui: &mut Ui, d: &Dashboard, lever: &Lever) -> Option<Action> {
    let Some(&value) = d.scenario.levers.get(lever) else {
        ui.label(
            RichText::new(format!("{}: n/a (no data to project from)", lever.label()))
                .small()
                .color(d.theme().weak_text()),
        );
        return None;
    };
    let range = scenario::lever_range(lever);
    let mut v = value;
    let changed = ui
        .add(
            egui::Slider::new(&mut v, range.min..=range.max)
                .text(lever.label())
                .suffix(format!(" {}", lever.unit()))
                .fixed_decimals(1)
                .clamping(egui::SliderClamping::Never),
        )
        .changed();
    if let Some(t) = d.doc.trend.levers.get(lever) {
        ui.label(
            RichText::new(format!(
                "trend: {t:.1} {} (from {})",
                lever.unit(),
                d.projection.base_year
            ))
            .small()
            .color(d.theme().weak_text()),
        );
    }
    changed.then(|| Action::SetLever(lever.clone(), v))
}
