//! Two things a new user saw go wrong in the window (issue 26): a slider that jumped
//! away from the pointer mid-drag, and a compare legend whose swatches did not look like
//! the series they name. Driven through kittest on the real dashboard.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use moneymap::charts::theme::ThemeChoice;
use moneymap::ui::tasks::NoDialogs;
use moneymap::ui::{Dashboard, Document, Event, Tab, ViewState, example_document};

fn summary_at(size: egui::Vec2) -> Harness<'static, Dashboard> {
    let view = ViewState {
        theme: ThemeChoice::Light,
        tab: Tab::Sensitivity,
        ..Default::default()
    };
    let mut d = Dashboard::new(Document::builtin(), view);
    d.run_tasks_inline(&NoDialogs);
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, d: &mut Dashboard| d.ui(ui), d)
}

fn pointer(h: &mut Harness<'_, Dashboard>, pos: egui::Pos2, pressed: Option<bool>) {
    h.event(egui::Event::PointerMoved(pos));
    if let Some(pressed) = pressed {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
}

/// Dragging the discount rate below terminal growth turns the card's figures into the
/// model's one-line refusal; the slider under the pointer stays where it is, frame after
/// frame (the panel used to re-scroll and the slider jumped ~190 points down).
#[test]
fn the_discount_slider_stays_under_the_pointer_while_dragged_into_a_refusal() {
    for size in [egui::vec2(1280.0, 720.0), egui::vec2(960.0, 600.0)] {
        let mut h = summary_at(size);
        h.run();
        // The card is in the Scenario summary (left of the window) and in the "What to
        // watch" panel (at its right): the summary's slider is the leftmost one.
        let rect = |h: &Harness<'_, Dashboard>| {
            h.query_all_by_role_and_label(Role::Slider, "Discount rate r")
                .map(|n| n.rect())
                .min_by(|a, b| a.left().total_cmp(&b.left()))
                .unwrap()
        };
        let left = rect(&h).left();
        // Brought into view as Tab would (the card is at the foot of the panel).
        h.query_all_by_role_and_label(Role::Slider, "Discount rate r")
            .find(|n| n.rect().left() == left)
            .unwrap()
            .focus();
        h.run();
        h.run();
        let start = rect(&h);
        assert!(start.bottom() <= size.y, "{size:?}: {start:?} not in view");
        let g = h.state().view().terminal_growth_pct;
        assert!(h.state().scenario_results().valuation.is_ok());
        // Grab the handle's side of the slider and drag to its left end (r = 1%).
        let mut at = egui::pos2(start.left() + 60.0, start.center().y);
        pointer(&mut h, at, Some(true));
        let mut refused = false;
        while at.x > start.left() - 40.0 {
            at.x -= 8.0;
            pointer(&mut h, at, None);
            assert_eq!(
                rect(&h),
                start,
                "{size:?}: the slider moved at x = {}",
                at.x
            );
            refused |= h.state().scenario_results().valuation.is_err();
        }
        assert!(
            h.state().view().discount_pct < g,
            "{size:?}: r {} not below g_T {g}",
            h.state().view().discount_pct
        );
        assert!(refused, "{size:?}: the card never refused");
        pointer(&mut h, at, Some(false));
    }
}

/// The dashboard with `doc` on screen compared with `other`, drawn at 1600x1000.
fn compared(doc: Document, other: Document) -> Harness<'static, Dashboard> {
    let view = ViewState {
        theme: ThemeChoice::Light,
        ..Default::default()
    };
    let mut d = Dashboard::new(doc, view);
    d.run_tasks_inline(&NoDialogs);
    d.handle(Event::CompareLoaded(Box::new(Ok(other))));
    d.run_tasks_inline(&NoDialogs);
    Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, d: &mut Dashboard| d.ui(ui), d)
}

/// In compare mode the compared company's legend entry looks like what its series are
/// drawn as, chart by chart: in revenue growth its bars and its dotted growth line in
/// its colour (the legend used to show a grey dotted line beside purple bars); in the
/// margins the dotted style its lines (one per margin colour) share. Checked against the
/// series the charts record as they draw them, so entry and series cannot drift.
#[test]
fn the_compared_companys_swatch_is_drawn_as_its_series() {
    use moneymap::charts::marks::{self, Mark};
    use moneymap::charts::{ChartKind, frame};
    let ericsson = || example_document("ericsson.ron").unwrap();
    for (doc, other) in [
        (ericsson(), Document::builtin()),
        (Document::builtin(), ericsson()),
    ] {
        let mut h = compared(doc, other);
        h.run();
        let d = h.state();
        let compared = d.compare().as_ref().unwrap().dataset.company.clone();
        let drawn = marks::recorded(&h.ctx);
        let (input, opts) = (d.chart_input(true), d.frame_options());
        for kind in [ChartKind::RevenueGrowth, ChartKind::Margins] {
            let legend = frame::build(kind, &input, &opts).legend;
            let entry = legend
                .iter()
                .find(|e| e.name == compared)
                .unwrap_or_else(|| panic!("{kind:?}: no entry for {compared}"));
            let series: Vec<_> = drawn
                .iter()
                .filter_map(|m| match m {
                    Mark::Series {
                        chart,
                        key,
                        swatch,
                        color,
                    } if *chart == kind && *key == entry.name => Some((*swatch, *color)),
                    _ => None,
                })
                .collect();
            assert!(
                !series.is_empty(),
                "{kind:?}: no series of {compared} drawn"
            );
            // Every kind of mark drawn is in the swatch, and the swatch shows no other.
            let mut kinds: Vec<_> = series.iter().map(|s| format!("{:?}", s.0)).collect();
            kinds.sort();
            kinds.dedup();
            let mut parts: Vec<_> = entry
                .swatch
                .parts()
                .iter()
                .map(|s| format!("{s:?}"))
                .collect();
            parts.sort();
            assert_eq!(
                kinds, parts,
                "{kind:?}: {compared}'s swatch {:?}",
                entry.swatch
            );
            if kind == ChartKind::RevenueGrowth {
                // One colour for bars and line, the swatch's.
                for (swatch, color) in &series {
                    assert_eq!(*color, entry.color, "{kind:?}: {compared}'s {swatch:?}");
                }
                assert_eq!(entry.color, d.theme().compare());
            } else {
                // One line per margin colour: the entry is the style, in a neutral grey
                // that is none of them.
                assert!(series.len() > 1, "{series:?}");
                assert!(series.iter().all(|(_, c)| *c != entry.color));
            }
        }
    }
}
