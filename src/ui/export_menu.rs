//! The export menu of a chart panel (an "Export" button and the same menu on right
//! click): Save PNG..., Save SVG..., Copy image, and the size and pixel density of exports.

use egui::{Response, Ui};

use super::{Action, Dashboard, ExportTarget};
use crate::charts::ChartKind;

/// Export sizes offered, in pixels.
pub const SIZES: [(u32, u32); 4] = [(1200, 700), (1600, 900), (1920, 1080), (2560, 1440)];

/// The menu's contents.
pub fn menu_ui(ui: &mut Ui, dashboard: &Dashboard, kind: ChartKind, out: &mut Vec<Action>) {
    if ui.button("Save PNG...").clicked() {
        out.push(Action::Export(kind, ExportTarget::File));
        ui.close();
    }
    if ui.button("Save SVG...").clicked() {
        out.push(Action::Export(kind, ExportTarget::SvgFile));
        ui.close();
    }
    if ui.button("Copy image").clicked() {
        out.push(Action::Export(kind, ExportTarget::Clipboard));
        ui.close();
    }
    ui.separator();
    ui.label("Size");
    for (w, h) in SIZES {
        if ui
            .radio(dashboard.view().export_size == (w, h), format!("{w} x {h}"))
            .clicked()
        {
            out.push(Action::SetExportSize(w, h));
        }
    }
    ui.label("Pixel density");
    ui.horizontal(|ui| {
        for s in [1.0f32, 2.0, 3.0, 4.0] {
            if ui
                .selectable_label(dashboard.view().export_scale == s, format!("{s:.0}x"))
                .clicked()
            {
                out.push(Action::SetExportScale(s));
            }
        }
    });
}

/// The "Export" button beside a chart title.
pub fn button(ui: &mut Ui, dashboard: &Dashboard, kind: ChartKind) -> Vec<Action> {
    let mut out = Vec::new();
    ui.menu_button("Export", |ui| menu_ui(ui, dashboard, kind, &mut out));
    out
}

/// The same menu on right click anywhere over the chart.
pub fn context(response: &Response, dashboard: &Dashboard, kind: ChartKind) -> Vec<Action> {
    let mut out = Vec::new();
    response.context_menu(|ui| menu_ui(ui, dashboard, kind, &mut out));
    out
}
