//! What a new user trips over in the window (issue 26): a segment tooltip with no total,
//! a comparison carried silently into a new file, an export into a folder that does not
//! exist, and no help. Each test fails on the code before its fix.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use moneymap::charts::theme::ThemeChoice;
use moneymap::model::format;
use moneymap::ui::help::{HelpWindow, SHORTCUTS, shortcuts};
use moneymap::ui::menu::STOP_COMPARING;
use moneymap::ui::tasks::NoDialogs;
use moneymap::ui::{Action, Dashboard, Document};

mod common;
use common::{PickPath, harness};
use std::path::PathBuf;

/// How many widgets show exactly `label`.
fn count(h: &Harness<'_, Dashboard>, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

/// Hovering a year of the segment mix lists the year's revenue and its Unallocated part
/// beside the segments, in the same units, even with Unallocated hidden from the chart (the
/// readout listed the shown segments alone).
#[test]
fn the_segment_tooltip_adds_up_to_the_revenue() {
    let mut h = harness(Document::builtin());
    h.run();
    h.get_by_role_and_label(Role::Button, "Unallocated").click();
    h.run();
    assert!(h.state().view().hidden_mix.contains("Unallocated"));
    let doc = h.state().document().clone();
    let (currency, scale) = (&doc.dataset.currency, doc.dataset.scale);
    let before = |h: &Harness<'_, Dashboard>, y: &moneymap::model::metrics::YearMetrics| {
        (
            count(h, "Revenue"),
            count(h, "Unallocated"),
            count(h, &format::money(y.revenue, currency, scale)),
            count(h, &format::money(y.unallocated.unwrap(), currency, scale)),
        )
    };
    let counts: Vec<_> = doc.metrics.years.iter().map(|y| before(&h, y)).collect();
    // Walk the pointer across the chart under its title until a year's readout shows.
    let title = h.get_by_label("Segment mix").rect();
    let mut shown = None;
    'walk: for dy in [80.0, 140.0] {
        for i in 0..60 {
            let p = egui::pos2(title.left() + 10.0 * i as f32, title.bottom() + dy);
            h.event(egui::Event::PointerMoved(p));
            h.run();
            for (y, c) in doc.metrics.years.iter().zip(&counts) {
                let now = before(&h, y);
                if now.2 > c.2 && now.3 > c.3 {
                    shown = Some((now, *c));
                    break 'walk;
                }
            }
        }
    }
    let (now, was) = shown.expect("a year's readout shows its revenue and Unallocated part");
    assert_eq!(now.0, was.0 + 1, "a Revenue row");
    assert_eq!(
        now.1,
        was.1 + 1,
        "an Unallocated row, though hidden in the chart"
    );
}

/// Comparing Twilio with Ericsson, then opening another file keeps the comparison and says
/// so in the status line ("Loaded x.ron" alone hid it), with "Stop comparing" beside the
/// status line to end it.
#[test]
fn opening_a_file_says_the_comparison_is_kept_and_ends_from_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let other = moneymap::model::TWILIO_RON.replace("company: \"Twilio\"", "company: \"Other\"");
    let path = common::write(dir.path(), "other.ron", &other);
    let mut h = harness(Document::builtin());
    h.state_mut()
        .apply([Action::CompareExample("ericsson.ron".into())]);
    h.run();
    assert!(h.query_by_label(STOP_COMPARING).is_some());
    h.state_mut().apply([Action::Open(path)]);
    common::settle(&mut h, &NoDialogs);
    assert_eq!(h.state().document().dataset.company, "Other");
    assert_eq!(
        h.state().status(),
        "Loaded other.ron, still compared with Ericsson"
    );
    h.get_by_role_and_label(Role::Button, STOP_COMPARING)
        .click();
    h.run();
    assert!(h.state().compare().is_none());
    assert_eq!(h.state().status(), "Comparison cleared");
    assert!(h.query_by_label(STOP_COMPARING).is_none());
}

/// Opening the very dataset compared with ends the comparison (it would be compared with
/// itself), and says so.
#[test]
fn opening_the_compared_dataset_ends_the_comparison() {
    let mut h = harness(Document::builtin());
    h.state_mut()
        .apply([Action::CompareExample("ericsson.ron".into())]);
    h.state_mut()
        .apply([Action::OpenExample("ericsson.ron".into())]);
    h.run();
    assert!(h.state().compare().is_none());
    assert!(
        h.state()
            .status()
            .contains("the comparison with Ericsson ended"),
        "{}",
        h.state().status()
    );
}

/// Export all into a folder typed in the dialog that does not exist creates it, as
/// `moneymap export --out` does (it reported "No such file or directory").
#[test]
fn export_all_creates_a_folder_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports").join("twilio");
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::ExportAll]);
    common::settle(&mut h, &PickPath::new(out.clone()));
    assert!(out.is_dir(), "{}", h.state().status());
    let written = std::fs::read_dir(&out).unwrap().count();
    assert!(written > 0);
    assert_eq!(
        h.state().status(),
        format!("Saved {written} files in {}", out.display())
    );
    // One chart saved under a folder that does not exist yet (a path typed as its name).
    let png = dir.path().join("single").join("margins.png");
    h.state_mut().apply([Action::Export(
        moneymap::charts::ChartKind::Margins,
        moneymap::ui::ExportTarget::File,
    )]);
    common::settle(&mut h, &PickPath::new(png.clone()));
    assert!(png.is_file(), "{}", h.state().status());
}

/// The dialogs remember a folder per purpose: an export starts in the last export folder
/// (or the working folder), never where an import was read from; an import starts in the
/// last import folder, not the last export folder.
#[test]
fn the_dialogs_remember_a_folder_per_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let source = common::fixture("companyfacts/frostline.json");
    let sources = source.parent().unwrap().to_path_buf();
    let out = dir.path().join("charts");
    let mut h = harness(Document::builtin());
    let start = |h: &mut Harness<'static, Dashboard>, action: Action, pick: &PathBuf| {
        let dialogs = PickPath::new(pick.clone());
        h.state_mut().apply([action]);
        common::settle(h, &dialogs);
        let seen = dialogs.seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        seen[0].start_dir.clone()
    };
    start(&mut h, Action::ImportDialog, &source);
    assert_eq!(h.state().document().dataset.company, "Frostline Data Inc.");
    let export_start = start(&mut h, Action::ExportAll, &out);
    assert_ne!(
        export_start.as_deref(),
        Some(sources.as_path()),
        "the first export does not start in the import folder"
    );
    assert!(out.is_dir(), "{}", h.state().status());
    assert_eq!(
        start(&mut h, Action::ImportDialog, &source).as_deref(),
        Some(sources.as_path()),
        "the next import starts in the import folder"
    );
    assert_eq!(
        start(&mut h, Action::ExportAll, &out).as_deref(),
        Some(out.as_path()),
        "the next export starts in the export folder"
    );
}

/// The shortcut window's rows as drawn (keys, what they do), found by label.
fn lists(h: &Harness<'_, Dashboard>, keys: &str, what: &str) -> bool {
    h.query_by_label(keys).is_some() && h.query_by_label(what).is_some()
}

/// F1 opens Help > Keyboard shortcuts (F1 did nothing and there was no Help menu); it
/// lists every shortcut moneymap handles and the keys of every control, and closes.
#[test]
fn f1_lists_every_keyboard_shortcut() {
    let mut h = harness(Document::builtin());
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts (this list)").is_none());
    h.key_press(egui::Key::F1);
    h.run();
    for (keys, what) in [
        ("Ctrl+O", "Open a dataset..."),
        ("F5", "Reload the file on screen"),
        ("Ctrl+E", "Export all charts..."),
        ("Ctrl+Q", "Quit"),
        ("F1", "Keyboard shortcuts (this list)"),
        ("Tab / Shift+Tab", "Next / previous control, panel by panel"),
    ] {
        assert!(lists(&h, keys, what), "the window lists {keys}: {what}");
    }
}

/// The list is the table the keys are handled from: every row's keys, pressed, ask for
/// that row's action, and every row is in the window, so the two cannot drift.
#[test]
fn the_shortcut_list_is_the_table_the_keys_are_read_from() {
    let ctx = egui::Context::default();
    for row in &SHORTCUTS {
        let input = egui::RawInput {
            events: vec![egui::Event::Key {
                key: row.keys.logical_key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: row.keys.modifiers,
            }],
            ..Default::default()
        };
        let mut got = Vec::new();
        let mut out = ctx.run_ui(input, |ui| got = shortcuts(ui.ctx()));
        out.textures_delta.clear();
        assert_eq!(got, vec![row.action.clone()], "{}", row.label);
    }
    let mut h = harness(Document::builtin());
    h.state_mut()
        .apply([Action::ShowHelp(Some(HelpWindow::Shortcuts))]);
    h.run();
    for row in &SHORTCUTS {
        let keys = h.ctx.format_shortcut(&row.keys);
        assert!(lists(&h, &keys, row.label), "{keys}: {}", row.label);
    }
}

/// Help > About gives the version, where the figures on screen come from, and the
/// licence.
#[test]
fn help_about_names_version_sources_and_licence() {
    let mut h = harness(Document::builtin());
    h.run();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About moneymap").click();
    h.run();
    h.get_by_label(&format!("moneymap {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label("Licence: MIT OR Apache-2.0");
    let title = h.state().document().dataset.source.title.clone();
    h.get_by_label_contains(&format!("On screen: {title}"));
    assert_eq!(h.state().help(), Some(HelpWindow::About));
}

/// WCAG's contrast ratio of two colours.
fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    let lum = |c: egui::Color32| {
        let f = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Rings of at least two points drawn around `rect` (and not much larger), in colours
/// that stand out from the panel at 3:1.
fn rings(h: &Harness<'_, Dashboard>, rect: egui::Rect) -> usize {
    let panel = h.ctx.global_style().visuals.panel_fill;
    h.output()
        .shapes
        .iter()
        .filter(|s| match &s.shape {
            egui::Shape::Rect(r) => {
                r.stroke.width >= 2.0
                    && contrast(r.stroke.color, panel) >= 3.0
                    && r.rect.contains_rect(rect)
                    && r.rect.width() < rect.width() + 12.0
            }
            _ => false,
        })
        .count()
}

/// The keyboard focus is a visible ring, in both themes, that hover does not draw (focus
/// was a grey fill like hover's).
#[test]
fn keyboard_focus_is_a_ring_hover_is_not() {
    for theme in [ThemeChoice::Light, ThemeChoice::Dark] {
        let mut h = harness(Document::builtin());
        h.state_mut().apply([Action::SetTheme(theme)]);
        h.run();
        let button = if theme == ThemeChoice::Dark {
            "Light theme"
        } else {
            "Dark theme"
        };
        let node = h.get_by_role_and_label(Role::Button, button);
        let rect = node.rect();
        node.hover();
        h.run();
        assert_eq!(rings(&h, rect), 0, "{theme:?}: hover draws no ring");
        h.get_by_role_and_label(Role::Button, button).focus();
        h.run();
        assert_eq!(
            rings(&h, rect),
            1,
            "{theme:?}: a ring round the focused {button}"
        );
    }
}
