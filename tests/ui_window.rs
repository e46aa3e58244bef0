//! The window's behaviour a user feels, driven through kittest on the real dashboard:
//! controls stay where they are when state changes, Tab walks the controls in reading
//! order and scrolls them into view, sliders move finely.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use moneymap::charts::theme::ThemeChoice;
use moneymap::model::Lever;
use moneymap::ui::{Action, Dashboard, Document, ViewState};

fn harness_at(doc: Document, size: egui::Vec2) -> Harness<'static, Dashboard> {
    let view = ViewState {
        theme: ThemeChoice::Light,
        ..Default::default()
    };
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, d: &mut Dashboard| d.ui(ui), Dashboard::new(doc, view))
}

fn twilio() -> Harness<'static, Dashboard> {
    harness_at(Document::builtin(), egui::vec2(1280.0, 720.0))
}

/// Moving a slider makes the scenario "Custom" and Reset brings back "Trend": neither
/// may move the buttons under the pointer (the label used to change width and wrap
/// "Reset to trend" onto a new row, pushing the panel down 23 points).
#[test]
fn scenario_controls_do_not_move_when_the_scenario_changes() {
    let mut h = twilio();
    h.run();
    let rects = |h: &Harness<'_, Dashboard>| {
        [
            "Save scenario...",
            "Load scenario...",
            "Reset to trend",
            "Bear",
            "Base",
            "Bull",
        ]
        .map(|l| h.get_by_label(l).rect())
    };
    let at_trend = rects(&h);
    let slider = h.get_by_role_and_label(Role::Slider, "Communications growth");
    slider.focus();
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(h.state().scenario().name, "Custom");
    assert_eq!(rects(&h), at_trend, "after a slider move");
    h.get_by_label("Bull").click();
    h.run();
    assert_eq!(h.state().scenario().name, "Bull");
    assert_eq!(rects(&h), at_trend, "after a preset");
    h.get_by_label("Reset to trend").click();
    h.run();
    assert_eq!(h.state().scenario().name, "Trend");
    assert_eq!(rects(&h), at_trend, "after reset");
}

/// An arrow key moves a lever by 0.1 of its unit, and the slider's rail spans a range
/// around the trend (20 points each way for growth), so a drag is fine-grained too.
#[test]
fn sliders_step_finely_around_the_trend() {
    let mut h = twilio();
    h.run();
    let lever = Lever::SegmentGrowth("Communications".into());
    let before = *h.state().scenario().levers.get(&lever).unwrap();
    h.get_by_role_and_label(Role::Slider, "Communications growth")
        .focus();
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let after = *h.state().scenario().levers.get(&lever).unwrap();
    // Trend 5.142857...; one step snaps to the next 0.1: 5.2.
    assert!((after - 5.2).abs() < 1e-9, "{before} -> {after}");
    let (lo, hi) = moneymap::model::scenario::slider_range(&lever, before);
    assert!((lo - (before - 20.0)).abs() < 1e-9 && (hi - (before + 20.0)).abs() < 1e-9);
}

/// Tab walks a chart's title row left to right: Money, Share %, Export.
#[test]
fn tab_walks_chart_controls_in_reading_order() {
    let mut h = twilio();
    h.run();
    h.get_by_label("Money").focus();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("Share %").is_focused(), "Money -> Share %");
    h.key_press(egui::Key::Tab);
    h.run();
    let export = h
        .query_all_by_label("Export")
        .next()
        .expect("the first chart's Export");
    assert!(export.is_focused(), "Share % -> Export");
    assert!(
        h.get_by_label("Money").rect().left() < h.get_by_label("Share %").rect().left(),
        "still drawn left to right"
    );
}

/// Tab to a slider scrolled out of view brings it into view.
#[test]
fn focus_scrolls_a_hidden_slider_into_view() {
    let mut h = harness_at(Document::builtin(), egui::vec2(960.0, 600.0));
    h.run();
    let label = "FCF less operating income";
    let bottom =
        |h: &Harness<'_, Dashboard>| h.get_by_role_and_label(Role::Slider, label).rect().bottom();
    assert!(bottom(&h) > 600.0, "starts below the fold: {}", bottom(&h));
    h.get_by_role_and_label(Role::Slider, label).focus();
    h.run();
    h.run();
    assert!(bottom(&h) <= 600.0, "scrolled into view: {}", bottom(&h));
    // Centred, not flush with the edge: its trend note below shows too.
    assert!(
        bottom(&h) <= 600.0 - 40.0,
        "room below for its trend note: {}",
        bottom(&h)
    );
}

/// Tab through every control of the window changes nothing and stops only on controls:
/// a lever's number box that focus passes through commits its text, and Twilio's trend of
/// 5.142857 %/yr read back as "5.1" made the scenario "Custom" and moved the valuation.
#[test]
fn tabbing_through_the_controls_changes_no_value() {
    let mut h = twilio();
    h.run();
    let before = h.state().scenario().clone();
    let comm = Lever::SegmentGrowth("Communications".into());
    let trend = before.levers[&comm];
    assert_ne!(
        (trend * 10.0).round() / 10.0,
        trend,
        "the trend has more decimals than the box shows"
    );
    let mut visited_number_box = false;
    for step in 0..80 {
        h.key_press(egui::Key::Tab);
        h.run();
        // Every stop is a control a user can see: one the accessibility tree knows and
        // marks focused (a whole chart cell and a legend swatch took invisible stops).
        if let Some(id) = h.ctx.memory(|m| m.focused()) {
            let node = h.query_by(|n| n.is_focused());
            let named = node.as_ref().is_some_and(|n| {
                n.accesskit_node().label().is_some_and(|l| !l.is_empty())
                    || matches!(
                        n.accesskit_node().role(),
                        Role::TextInput | Role::SpinButton
                    )
            });
            assert!(
                named,
                "Tab {step}: focus on {id:?} ({:?}), which is no visible control",
                node.map(|n| n.accesskit_node().role())
            );
        }
        visited_number_box |= h
            .query_all_by_role(Role::SpinButton)
            .chain(h.query_all_by_role(Role::TextInput))
            .any(|n| n.is_focused());
    }
    assert!(visited_number_box, "Tab reached a number box");
    let after = &h.state().scenario();
    assert_eq!(after.name, before.name);
    assert_eq!(after.levers, before.levers, "every lever bit for bit");
    assert_eq!(after.horizon_years, before.horizon_years);
}

/// The parser behind every lever's number box: what the box showed gives the value back
/// untouched, anything else typed is taken as typed.
#[test]
fn a_number_box_keeps_its_value_unless_edited() {
    use moneymap::ui::watch::keep_unless_edited;
    let v = 5.142_857_142_857_143;
    assert_eq!(keep_unless_edited("5.1", v), Some(v));
    assert_eq!(keep_unless_edited(" 5.1 ", v), Some(v));
    assert_eq!(keep_unless_edited("5.2", v), Some(5.2));
    assert_eq!(keep_unless_edited("5", v), Some(5.0));
    assert_eq!(keep_unless_edited("\u{2212}1.6", -1.6123), Some(-1.6123));
    assert_eq!(keep_unless_edited("-1.6", -1.6123), Some(-1.6123));
    assert_eq!(keep_unless_edited("x", v), None);
}

/// A long company name is shortened only when the header has no room for it: at 1280
/// wide a 60-character name is whole (it was cut at 40% of the width, "Consolidated
/// Interplanetary Communications Hol…", with room left over), at 960 it ends in "…".
#[test]
fn a_long_company_name_is_whole_when_the_header_has_room() {
    let name = "Consolidated Interplanetary Communications Holdings Group";
    let text =
        moneymap::model::TWILIO_RON.replace("company: \"Twilio\"", &format!("company: \"{name}\""));
    let title = format!("{name} (TWLO)");
    let shown = |width: f32| {
        let doc = Document::new(None, moneymap::model::parse(&text).expect("parses"));
        let mut h = harness_at(doc, egui::vec2(width, 720.0));
        h.run();
        h.output()
            .shapes
            .iter()
            .find_map(|s| match &s.shape {
                // The galley keeps the whole text; a shortened one draws fewer glyphs.
                egui::Shape::Text(t) if t.galley.text().starts_with("Consolidated") => {
                    Some(t.galley.rows.iter().map(|r| r.glyphs.len()).sum::<usize>())
                }
                _ => None,
            })
            .expect("the header shows the company")
    };
    let whole = title.chars().count();
    assert_eq!(shown(1280.0), whole, "whole at 1280 wide");
    let cut = shown(960.0);
    assert!(
        cut < whole,
        "shortened at 960 wide: {cut} of {whole} glyphs"
    );
}

/// The Data table's first column shortens a long figure name with "…" when the years
/// would not fit beside it; hovering the name shows it whole (it showed nothing).
#[test]
fn a_shortened_table_name_is_whole_on_hover() {
    let doc = moneymap::ui::document::example_document("twilio-reported.ron").expect("example");
    let mut h = harness_at(doc, egui::vec2(960.0, 600.0));
    h.run();
    let tab = h.get_by_label("Data table").rect();
    let whole = "Revenue (USD millions)";
    assert!(h.query_by_label(whole).is_none(), "no tooltip yet");
    // The first row is a little below the tab: walk the pointer down the names column.
    let found = (0..40).any(|i| {
        let p = egui::pos2(tab.left() + 30.0, tab.bottom() + 2.0 * i as f32);
        h.event(egui::Event::PointerMoved(p));
        h.run();
        h.query_by_label(whole).is_some()
    });
    assert!(found, "hovering the shortened name shows {whole:?}");
}

/// In compare mode each half of the revenue chart is captioned "Company (units)": a long
/// company name is cut, its units still show whole (they were cut with the name).
#[test]
fn a_long_name_over_a_compare_half_keeps_its_units() {
    let name = "Consolidated Interplanetary Communications Holdings Group";
    let text =
        moneymap::model::TWILIO_RON.replace("company: \"Twilio\"", &format!("company: \"{name}\""));
    let doc = Document::new(None, moneymap::model::parse(&text).expect("parses"));
    let mut h = harness_at(doc, egui::vec2(1280.0, 720.0));
    h.state_mut()
        .apply([Action::CompareExample("ericsson.ron".into())]);
    h.run();
    let units = h.output().shapes.iter().find_map(|s| match &s.shape {
        egui::Shape::Text(t) if t.galley.text() == " (USD billions)" => {
            Some(t.galley.rows.iter().map(|r| r.glyphs.len()).sum::<usize>())
        }
        _ => None,
    });
    assert_eq!(
        units,
        Some(" (USD billions)".chars().count()),
        "the units are drawn whole"
    );
}

/// The plot frames drawn under the chart title `title`, in its cell's column, top to
/// bottom (the title's own cell: frames above the next title down are kept).
fn plot_frames_under(h: &Harness<'_, Dashboard>, title: &str) -> Vec<egui::Rect> {
    use moneymap::charts::marks::{Mark, recorded};
    let t = h.get_all_by_label(title).next().expect("a title").rect();
    let mut frames: Vec<egui::Rect> = recorded(&h.ctx)
        .into_iter()
        .filter_map(|m| match m {
            Mark::PlotFrame(r, years) if !years.is_empty() => Some(r),
            _ => None,
        })
        .filter(|r| r.top() > t.bottom() && r.left() >= t.left() - 1.0)
        .filter(|r| r.left() < t.left() + 200.0)
        .collect();
    frames.sort_by(|a, b| a.top().total_cmp(&b.top()));
    // Frames of the cell below start after a gap taller than the two plots' own.
    let mut kept: Vec<egui::Rect> = Vec::new();
    for r in frames {
        if kept.last().is_some_and(|l| r.top() - l.bottom() > 30.0) {
            break;
        }
        kept.push(r);
    }
    kept
}

/// A laptop window of 960x600 keeps the revenue bars above the YoY plot (the cell drew
/// the YoY plot alone): the growth plot shrinks first, and the Fan box is live.
#[test]
fn the_revenue_cell_keeps_its_bars_at_960x600() {
    for dark in [false, true] {
        let view = ViewState {
            theme: if dark {
                ThemeChoice::Dark
            } else {
                ThemeChoice::Light
            },
            ..Default::default()
        };
        let mut h = Harness::builder()
            .with_size(egui::vec2(960.0, 600.0))
            .build_ui_state(
                |ui, d: &mut Dashboard| d.ui(ui),
                Dashboard::new(Document::builtin(), view),
            );
        h.run();
        let frames = plot_frames_under(&h, "Revenue growth");
        assert_eq!(frames.len(), 2, "bars and YoY plots: {frames:?}");
        let (bars, yoy) = (frames[0], frames[1]);
        assert!(bars.bottom() <= yoy.top(), "{bars:?} above {yoy:?}");
        assert!(bars.height() >= yoy.height(), "the YoY plot shrank first");
        let fan = h.get_by_role_and_label(Role::CheckBox, "Fan");
        assert!(!fan.accesskit_node().is_disabled(), "the Fan box is live");
    }
}
