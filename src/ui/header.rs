//! The header: company and ticker, units, years covered, source and basis, and a
//! warnings badge that lists the dataset's warnings when clicked.

use egui::{RichText, Ui};

use super::{Action, Dashboard};
use crate::charts::marks::{self, Mark};

/// Label of the warnings badge, e.g. "2 warnings".
pub fn badge_label(count: usize) -> String {
    match count {
        1 => "1 warning".to_owned(),
        n => format!("{n} warnings"),
    }
}

/// Draws the header.
pub fn ui(ui: &mut Ui, d: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    let ds = &d.doc.dataset;
    let theme = d.theme();
    let (first, last) = ds.year_span();
    ui.horizontal_wrapped(|ui| {
        let title = match &ds.ticker {
            Some(t) => format!("{} ({t})", ds.company),
            None => ds.company.clone(),
        };
        ui.heading(RichText::new(title).strong());
        ui.separator();
        ui.label(ds.units_label());
        ui.separator();
        let years = if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        };
        ui.label(years);
        ui.separator();
        ui.label(
            RichText::new(format!("Source: {} · {}", ds.source.title, ds.source.basis))
                .color(theme.weak_text()),
        )
        .on_hover_text(ds.source.citation.clone().unwrap_or_default());
        if !d.doc.warnings.is_empty() {
            ui.separator();
            let badge = egui::Button::new(
                RichText::new(badge_label(d.doc.warnings.len()))
                    .color(theme.warning())
                    .strong(),
            );
            if ui
                .add(badge)
                .on_hover_text("What does not add up in this dataset: click to list")
                .clicked()
            {
                out.push(Action::ToggleWarnings);
            }
            // The latest reconciliation gap is always in view, in words and numbers.
            if let Some(w) = d
                .doc
                .warnings
                .iter()
                .rev()
                .find(|w| matches!(w.kind, crate::model::WarningKind::Unallocated { .. }))
            {
                ui.label(
                    RichText::new(format!(
                        "{}: {}",
                        w.path.split('.').next().unwrap_or_default(),
                        w.message
                    ))
                    .color(theme.warning())
                    .small(),
                );
            }
        }
    });
    if d.show_warnings && !d.doc.warnings.is_empty() {
        ui.add_space(2.0);
        let scroll = egui::ScrollArea::vertical()
            .max_height(90.0)
            .show(ui, |ui| {
                for w in &d.doc.warnings {
                    ui.label(RichText::new(format!("• {w}")).color(theme.warning()));
                }
            });
        marks::record(ui.ctx(), Mark::Scroll(scroll.inner_rect));
    }
    out
}
