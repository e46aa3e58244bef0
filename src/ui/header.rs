//! The header: company and ticker, units, years covered, a warnings badge that lists the
//! dataset's warnings when clicked, the latest reconciliation gap in words, and the
//! source and basis.
//!
//! It is always one line: what does not fit ends in "…" and shows whole on hover, so the
//! header never wraps mid-sentence or pushes the dashboard down.

use egui::{Label, RichText, Ui, vec2};

use super::{Action, Dashboard};
use crate::charts::marks::{self, Mark};
use crate::model::WarningKind;

/// The company's name takes at most this share of the header's width.
const COMPANY_SHARE: f32 = 0.4;
/// Room kept for the source (and for the gap line, when there is one) to start, in
/// points, before the company's name takes more than its share.
const MIN_SOURCE_W: f32 = 110.0;
/// The source takes at most this share of what is left after the fixed items.
const SOURCE_SHARE: f32 = 0.45;
/// Height of the warnings list when it is open, in points.
const WARNINGS_LIST_H: f32 = 90.0;

/// Label of the warnings badge, e.g. "2 warnings".
pub fn badge_label(count: usize) -> String {
    match count {
        1 => "1 warning".to_owned(),
        n => format!("{n} warnings"),
    }
}

/// Years covered: "2023–2024", or "2021" for one year.
pub fn years_label(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// A label of at most `width` points, ending in "…" (whole on hover) when longer.
fn fitted(ui: &mut Ui, text: RichText, width: f32) -> egui::Response {
    let h = ui.spacing().interact_size.y;
    ui.allocate_ui(vec2(width.max(0.0), h), |ui| {
        ui.add(Label::new(text).truncate())
    })
    .inner
}

/// Draws the header.
pub fn ui(ui: &mut Ui, dashboard: &Dashboard) -> Vec<Action> {
    let mut out = Vec::new();
    let dataset = &dashboard.document().dataset;
    let theme = dashboard.theme();
    let (first, last) = dataset.year_span();
    let gap = dashboard
        .document()
        .warnings
        .iter()
        .rev()
        .find(|w| matches!(w.kind, WarningKind::Unallocated { .. }))
        .map(|w| {
            format!(
                "{}: {}",
                w.path.split('.').next().unwrap_or_default(),
                w.message
            )
        });
    ui.horizontal(|ui| {
        let title = match &dataset.ticker {
            Some(t) => format!("{} ({t})", dataset.company),
            None => dataset.company.clone(),
        };
        let full = ui.available_width();
        // The name takes what the rest leaves, at least its share of the width: the items
        // between it and the source as wide as in the last frame, and some room for the
        // source (and the gap line) to start.
        let middle_id = egui::Id::unique("moneymap-header-middle");
        let middle = ui.data(|m| m.get_temp::<f32>(middle_id)).unwrap_or(full);
        let others = if gap.is_some() { 2.0 } else { 1.0 } * MIN_SOURCE_W;
        let company_w = (full - middle - others).max(full * COMPANY_SHARE);
        fitted(ui, RichText::new(title).heading().strong(), company_w);
        let middle_start = ui.cursor().min.x;
        ui.separator();
        ui.label(dataset.units_label());
        ui.separator();
        ui.label(years_label(first, last));
        if let Some(import) = &dashboard.document().import {
            ui.separator();
            let save = egui::Button::new(RichText::new("Imported, not saved: Save as dataset...").strong());
            let sources: Vec<String> = import.sources.iter().map(|p| p.display().to_string()).collect();
            if ui
                .add(save)
                .on_hover_text(format!(
                    "Imported from {}. Write it as a dataset file (RON) to keep it, edit it and open it again.",
                    sources.join(", ")
                ))
                .clicked()
            {
                out.push(Action::SaveDataset);
            }
        }
        let import_notes = dashboard.document().import.as_ref().map_or(&[][..], |i| i.warnings.as_slice());
        let count = dashboard.document().warnings.len() + import_notes.len();
        if count > 0 {
            ui.separator();
            let badge = egui::Button::new(
                RichText::new(badge_label(count))
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
        }
        ui.separator();
        let middle_w = ui.cursor().min.x - middle_start;
        ui.data_mut(|m| m.insert_temp(middle_id, middle_w));
        let rest = ui.available_width();
        let source = RichText::new(format!("Source: {} · {}", dataset.source.title, dataset.source.basis))
            .color(theme.weak_text());
        let source_w = if gap.is_some() {
            rest * SOURCE_SHARE
        } else {
            rest
        };
        fitted(ui, source, source_w).on_hover_text(dataset.source.citation.clone().unwrap_or_default());
        // The latest reconciliation gap is always in view, in words and numbers.
        if let Some(gap) = &gap {
            ui.separator();
            let w = ui.available_width();
            fitted(ui, RichText::new(gap).color(theme.warning()).small(), w);
        }
    });
    let import_notes = dashboard
        .document()
        .import
        .as_ref()
        .map_or(&[][..], |i| i.warnings.as_slice());
    if dashboard.show_warnings
        && (!dashboard.document().warnings.is_empty() || !import_notes.is_empty())
    {
        ui.add_space(2.0);
        let scroll = egui::ScrollArea::vertical()
            .max_height(WARNINGS_LIST_H)
            .show(ui, |ui| {
                for w in &dashboard.document().warnings {
                    // "2023 segments: ...", not the field path "2023.segments: ...".
                    let place = w.path.replace('.', " ");
                    ui.label(
                        RichText::new(format!("• {place}: {}", w.message)).color(theme.warning()),
                    );
                }
                for w in import_notes {
                    ui.label(RichText::new(format!("• import: {w}")).color(theme.warning()));
                }
            });
        marks::record(ui.ctx(), Mark::Scroll(scroll.inner_rect));
    }
    out
}
