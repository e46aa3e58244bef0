//! The frame's shapes come in few runs of one clip rectangle: the tessellator starts a new
//! mesh (grown from empty, one more draw call) at every change of clip rectangle, so a
//! panel that alternates between two clips pays for it every frame.

// Test inputs are fixed and known-good: a panic is the right report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::charts::theme::ThemeChoice;
use moneymap::model;
use moneymap::ui::tasks::NoDialogs;
use moneymap::ui::{Dashboard, Document, ViewState};

/// The shapes of a settled Twilio frame at 1280x720, with the Data table in view.
fn frame_shapes() -> Vec<egui::epaint::ClippedShape> {
    let loaded = model::parse(model::TWILIO_RON).expect("the built-in dataset parses");
    let view = ViewState {
        theme: ThemeChoice::Light,
        ..ViewState::default()
    };
    let mut d = Dashboard::new(Document::new(None, loaded), view);
    d.run_tasks_inline(&NoDialogs);
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 720.0),
        )),
        ..Default::default()
    };
    let mut shapes = Vec::new();
    for _ in 0..4 {
        let mut out = ctx.run_ui(input(), |ui| d.ui(ui));
        out.textures_delta.clear();
        shapes = out.shapes;
    }
    shapes
}

/// How many separate runs of consecutive shapes have clip rectangle `clip`.
fn runs(shapes: &[egui::epaint::ClippedShape], clip: egui::Rect) -> usize {
    let mut n = 0;
    let mut inside = false;
    for s in shapes {
        let now = s.clip_rect == clip;
        if now && !inside {
            n += 1;
        }
        inside = now;
    }
    n
}

#[test]
fn the_data_table_cells_are_one_mesh() {
    let shapes = frame_shapes();
    // Twilio's 2024 revenue in the Data table, in billions.
    let cell = shapes
        .iter()
        .find(|s| matches!(&s.shape, egui::Shape::Text(t) if t.galley.text() == "4.46"))
        .expect("the Data table shows 2024 revenue");
    let rows = shapes
        .iter()
        .filter(|s| s.clip_rect == cell.clip_rect && matches!(s.shape, egui::Shape::Text(_)))
        .count();
    assert!(rows > 10, "the table shows its rows ({rows} cells)");
    // The row stripes were painted between the rows of cells, in the panel's clip: one
    // run (and mesh) per row.
    assert_eq!(runs(&shapes, cell.clip_rect), 1);
}
