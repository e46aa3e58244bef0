//! What a new user trips over in the window (issue 26): a segment tooltip with no total,
//! a comparison carried silently into a new file, an export into a folder that does not
//! exist, and no help. Each test fails on the code before its fix.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use moneymap::model::format;
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
