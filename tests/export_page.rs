//! The exported dashboard page names each of the scenario's levers whole in its side
//! column, at the export's default size and at small ones: a name too long for the
//! line beside its value wraps onto a second line (it was cut, "Net income / operating
//! inc…"), and the page keeps the revenue bars above the YoY plot in its revenue cell.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::charts::ChartKind;
use moneymap::charts::marks::{Mark, recorded};
use moneymap::model;
use moneymap::render::{FrameSpec, Renderer};
use moneymap::ui::export::chart_frame_with;
use moneymap::ui::{Document, Scene, ViewState};

fn scenes() -> Vec<Scene> {
    vec![
        Scene::new(Document::builtin(), ViewState::default()),
        Scene::new(
            Document::new(None, model::parse(model::ERICSSON_RON).expect("loads")),
            ViewState::default(),
        ),
    ]
}

/// The export's default (1600x900 at 2x) and smaller pages, light and dark.
fn specs() -> Vec<FrameSpec> {
    let mut out = Vec::new();
    for (width_px, height_px, scale) in [(1600, 900, 2.0), (800, 450, 1.0), (1280, 720, 1.0)] {
        for dark in [false, true] {
            out.push(FrameSpec {
                width_px,
                height_px,
                scale,
                dark,
            });
        }
    }
    out
}

/// Every text galley the frame painted, with whether it was cut with "…".
fn texts(shapes: &[egui::epaint::ClippedShape]) -> Vec<(String, bool)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(String, bool)>) {
        match shape {
            egui::Shape::Text(t) => out.push((t.galley.text().to_owned(), t.galley.elided)),
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    shapes.iter().for_each(|s| walk(&s.shape, &mut out));
    out
}

#[test]
fn the_dashboard_page_cuts_no_lever_name() {
    for scene in scenes() {
        let company = scene.document().dataset.company.clone();
        let levers: Vec<String> = scene.scenario().levers.keys().map(|l| l.label()).collect();
        assert!(
            levers.iter().any(|l| l.contains("Net income")),
            "{levers:?}"
        );
        let mut r = Renderer::new();
        for spec in specs() {
            let frame = chart_frame_with(&mut r, &scene, ChartKind::Dashboard, &spec);
            let texts = texts(&frame.shapes);
            let more = texts.iter().any(|(t, _)| t.ends_with("more levers"));
            for lever in &levers {
                let drawn: Vec<&(String, bool)> =
                    texts.iter().filter(|(t, _)| t == lever).collect();
                // A page too short for every lever says "+N more levers"; the ones it
                // names, it names whole.
                assert!(
                    more || !drawn.is_empty(),
                    "{company} {spec:?}: {lever:?} missing"
                );
                for (t, elided) in drawn {
                    assert!(!elided, "{company} {spec:?}: {t:?} cut with \"…\"");
                }
            }
        }
    }
}

#[test]
fn the_dashboard_page_keeps_the_revenue_bars() {
    for scene in scenes() {
        let company = scene.document().dataset.company.clone();
        let mut r = Renderer::new();
        for spec in specs() {
            let _ = chart_frame_with(&mut r, &scene, ChartKind::Dashboard, &spec);
            let frames: Vec<egui::Rect> = recorded(r.ctx())
                .into_iter()
                .filter_map(|m| match m {
                    Mark::PlotFrame(rect, _) => Some(rect),
                    _ => None,
                })
                .collect();
            // Segment mix, revenue bars and YoY, margins, projection.
            assert_eq!(frames.len(), 5, "{company} {spec:?}: {frames:?}");
        }
    }
}
