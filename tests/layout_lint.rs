//! The layout lint: renders the dashboard and every export offscreen, through the same
//! path the window and `moneymap export` use, for the shipped datasets and generated
//! edge cases at several sizes, and checks what users would see, from egui's output
//! shapes: no text cut by its clip rectangle or the frame, no two texts overlapping, no
//! text printed inside a plot, no plot marker cut in half, no text too small or too
//! faint to read, year axes labelling only drawn years, evenly and in one colour, and
//! the dashboard page free of the window's controls. Each finding names the view and the
//! text, so a failure reads like a bug report.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod lint;

use lint::{Finding, View, capture};
use moneymap::charts::ChartKind;
use moneymap::charts::theme::ThemeChoice;
use moneymap::model;
use moneymap::render::{FrameSpec, Renderer};
use moneymap::ui::export::chart_frame_with;
use moneymap::ui::help::HelpWindow;
use moneymap::ui::tasks::NoDialogs;
use moneymap::ui::{Action, Dashboard, Document, Event, Tab, ViewState, valuation};

/// A dashboard on `text`, in the theme asked for.
fn dashboard(text: &str, dark: bool) -> Dashboard {
    let loaded = model::parse(text).unwrap_or_else(|e| panic!("{e}"));
    let view = ViewState {
        theme: if dark {
            ThemeChoice::Dark
        } else {
            ThemeChoice::Light
        },
        ..ViewState::default()
    };
    let mut d = Dashboard::new(Document::new(None, loaded), view);
    // The fan of outcomes, drawn as the window's worker would.
    d.run_tasks_inline(&NoDialogs);
    assert!(d.scenario_results().fan.is_current());
    d
}

/// The window's sizes: (width, height) in pixels and the pixel density.
const WINDOW_SIZES: [(u32, u32, f32); 4] = [
    (960, 600, 1.0),
    (1280, 720, 1.0),
    (1920, 1200, 1.0),
    (2560, 1440, 2.0),
];

/// Export sizes: the default and the smallest offered in the window at 1x.
const EXPORT_SIZES: [(u32, u32, f32); 2] = [(1600, 900, 2.0), (1200, 700, 1.0)];

fn spec(w: u32, h: u32, scale: f32, dark: bool) -> FrameSpec {
    FrameSpec {
        width_px: w,
        height_px: h,
        scale,
        dark,
    }
}

/// The window, drawn offscreen like the harness of the UI tests.
fn window_view(name: &str, d: &Dashboard, spec: &FrameSpec) -> View {
    let mut d = d.clone();
    let mut r = Renderer::new();
    let frame = r.frame(spec, |ui| d.ui(ui));
    capture(name.to_owned(), &frame, r.ctx())
}

/// The valuation card alone at a side panel's width (the window shows it at the bottom
/// of the "What to watch" scroll area, out of view in the window views).
fn card_view(name: &str, d: &Dashboard, width: f32, dark: bool) -> View {
    let mut d = d.clone();
    d.apply([Action::SetTheme(if dark {
        ThemeChoice::Dark
    } else {
        ThemeChoice::Light
    })]);
    let mut r = Renderer::new();
    let frame = r.frame(&spec(width as u32 + 40, 900, 1.0, dark), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.set_max_width(width);
            let _ = valuation::card(ui, &d);
        });
    });
    capture(name.to_owned(), &frame, r.ctx())
}

/// A Help window alone, over an empty panel (over the dashboard its text would sit on
/// the charts behind it, which the lint, drawing no layers, would read as text in a
/// plot), at the smallest window size.
fn help_view(name: &str, d: &Dashboard, help: HelpWindow, dark: bool) -> View {
    let mut d = d.clone();
    d.apply([Action::ShowHelp(Some(help))]);
    let mut r = Renderer::new();
    let frame = r.frame(&spec(960, 600, 1.0, dark), |ui| {
        egui::CentralPanel::default().show(ui, |_| {});
        let closed = moneymap::ui::help::window_ui(ui.ctx(), &d);
        assert!(closed.is_empty());
    });
    let v = capture(name.to_owned(), &frame, r.ctx());
    assert!(v.texts.len() > 4, "{name}: the window's text is drawn");
    v
}

/// The views the fan of outcomes and the valuation card add: the window while a newer
/// fan is being drawn (the charts show the last one, marked "updating"), with the fan
/// off, and the card at the side panel's narrowest, default and widest widths, with
/// rates it must refuse (r <= g_T).
fn scenario_views(label: &str, d: &Dashboard) -> Vec<View> {
    let mut out = Vec::new();
    let mut moved = d.clone();
    if let Some(lever) = moved.scenario().levers.keys().next().cloned() {
        moved.apply([Action::SetLever(lever, 7.5)]);
    }
    assert!(!moved.scenario_results().fan.is_current() || moved.tasks().is_empty());
    for tab in [Tab::Table, Tab::Sensitivity] {
        moved.apply([Action::SetTab(tab)]);
        let name = format!("{label}: window 1280x720 fan updating {tab:?}");
        out.push(window_view(&name, &moved, &spec(1280, 720, 1.0, false)));
    }
    let mut off = d.clone();
    off.apply([Action::SetShowFan(false)]);
    off.apply([Action::SetTab(Tab::Sensitivity)]);
    let name = format!("{label}: window 1280x720 fan off Sensitivity");
    out.push(window_view(&name, &off, &spec(1280, 720, 1.0, false)));
    for width in [240.0, 340.0, 520.0] {
        for dark in [false, true] {
            if dark && width != 340.0 {
                continue;
            }
            let name = format!("{label}: valuation card {width} dark={dark}");
            out.push(card_view(&name, d, width, dark));
        }
    }
    let mut refused = d.clone();
    refused.apply([Action::SetValuationRates {
        discount_pct: 3.0,
        terminal_growth_pct: 5.0,
    }]);
    let name = format!("{label}: valuation card 240 r below g_T");
    out.push(card_view(&name, &refused, 240.0, false));
    out
}

fn export_view(name: &str, d: &Dashboard, kind: ChartKind, spec: &FrameSpec) -> View {
    let mut r = Renderer::new();
    let frame = chart_frame_with(&mut r, d.scene(), kind, spec);
    let mut v = capture(name.to_owned(), &frame, r.ctx());
    v.is_export_page = kind == ChartKind::Dashboard;
    v
}

/// Every view of one dataset the lint looks at.
fn views_of(label: &str, text: &str, compare_with: Option<&str>) -> Vec<View> {
    let mut out = Vec::new();
    for dark in [false, true] {
        let mut d = dashboard(text, dark);
        for (w, h, scale) in WINDOW_SIZES {
            // Dark mode only at one size: the layout is the theme's, the colours are checked.
            if dark && w != 1280 {
                continue;
            }
            for tab in [Tab::Table, Tab::Sensitivity] {
                d.apply([Action::SetTab(tab)]);
                let name = format!(
                    "{label}: window {w}x{h}@{scale} {} {tab:?}",
                    if dark { "dark" } else { "light" }
                );
                out.push(window_view(&name, &d, &spec(w, h, scale, dark)));
            }
        }
        // The Help windows, in both themes, at the smallest window size.
        if label == "twilio.ron" {
            for help in [HelpWindow::Shortcuts, HelpWindow::About] {
                let name = format!("{label}: help {help:?} dark={dark}");
                out.push(help_view(&name, &d, help, dark));
            }
        }
        if let Some(other) = compare_with
            && !dark
        {
            let mut c = d.clone();
            let other = Document::new(None, model::parse(other).unwrap());
            c.handle(Event::CompareLoaded(Box::new(Ok(other))));
            let name = format!("{label}: window 1280x720 compare");
            out.push(window_view(&name, &c, &spec(1280, 720, 1.0, false)));
        }
    }
    let d = dashboard(text, false);
    out.extend(scenario_views(label, &d));
    for kind in ChartKind::ALL {
        for (w, h, scale) in EXPORT_SIZES {
            let name = format!("{label}: export {} {w}x{h}@{scale}", kind.slug());
            out.push(export_view(&name, &d, kind, &spec(w, h, scale, false)));
        }
    }
    out
}

/// The shipped datasets and the generated edge cases.
fn datasets() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = model::EXAMPLES
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    out.extend(lint::edge_cases());
    out
}

fn report(findings: &[Finding]) -> String {
    let mut lines: Vec<String> = findings.iter().map(ToString::to_string).collect();
    lines.sort();
    lines.dedup();
    let n = lines.len();
    // The whole list, for working through it: LAYOUT_LINT_REPORT=/tmp/lint.txt
    if let Some(path) = std::env::var_os("LAYOUT_LINT_REPORT") {
        std::fs::write(path, lines.join("\n")).expect("write the report");
    }
    lines.truncate(80);
    format!("{n} findings:\n{}", lines.join("\n"))
}

#[test]
fn every_view_of_every_dataset_passes_the_layout_lint() {
    let all = datasets();
    let mut findings = Vec::new();
    let mut checked = 0;
    for (label, text) in &all {
        // Compare mode with short names and with a 60-character company, whose caption
        // must not widen its half of the revenue chart.
        let compare = matches!(label.as_str(), "twilio.ron" | "long-names-unsplit-years")
            .then_some(model::ERICSSON_RON);
        for view in views_of(label, text, compare) {
            checked += 1;
            findings.extend(lint::check(&view));
        }
    }
    assert!(checked > 200, "{checked} views checked");
    assert!(findings.is_empty(), "{}", report(&findings));
}

/// The lint catches each kind of defect it is for (so a green run means something).
#[test]
fn the_lint_catches_what_it_is_for() {
    let cases = lint::self_test_cases();
    assert!(!cases.is_empty());
    for (what, view, expected) in cases {
        let found = lint::check(&view);
        assert!(
            found.iter().any(|f| f.rule == expected),
            "{what}: expected a {expected:?} finding, got {found:?}"
        );
    }
}
