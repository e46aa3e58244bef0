//! Loading alternate datasets through the window's own code path (`moneymap::ui::load_document`
//! and the `Load`/`Loaded` commands): every shipped dataset and generated edge cases render
//! sensibly; a bad file never replaces the dataset on screen; compare adds and removes
//! the second company; the watcher sees a rewrite on disk.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use moneymap::model::synthetic;
use moneymap::ui::tasks::NoDialogs;
use moneymap::ui::watcher::{WatchEvent, Watcher};
use moneymap::ui::{Action, Document, Event};

mod common;
use common::{harness, write};

/// Generated edge cases: (file name, RON text).
fn edge_cases() -> Vec<(&'static str, String)> {
    let head = |extra: &str| {
        format!(
            "(company: \"Edge\", currency: \"SEK\", scale: Millions, source: (title: \"t\", basis: \"b\"), {extra}"
        )
    };
    vec![
        ("one-year.ron", head("years: [(year: 2024, revenue: 100)])")),
        (
            "losses.ron",
            head(
                "years: [(year: 2022, revenue: 100, operating_income: -40, net_income: -60), (year: 2023, revenue: 90, operating_income: -30, net_income: -50), (year: 2024, revenue: 80, operating_income: -5, net_income: -9)])",
            ),
        ),
        (
            "no-optional.ron",
            head(
                "segments: [(name: \"A\")], years: [(year: 2023, revenue: 10), (year: 2024, revenue: 12, segments: {\"A\": 12})])",
            ),
        ),
        ("thirty-years.ron", synthetic::ron_text(30, 0, 0)),
        ("twenty-segments.ron", synthetic::ron_text(12, 20, 0)),
        (
            "zero-revenue.ron",
            head(
                "years: [(year: 2023, revenue: 0, gross_profit: 0), (year: 2024, revenue: 5, gross_profit: 1)])",
            ),
        ),
    ]
}

#[test]
fn every_shipped_and_edge_case_dataset_loads_and_renders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files: Vec<std::path::PathBuf> = ["twilio.ron", "twilio-reported.ron", "ericsson.ron"]
        .iter()
        .map(|n| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("datasets")
                .join(n)
        })
        .collect();
    for (name, text) in edge_cases() {
        files.push(write(dir.path(), name, &text));
    }
    for path in files {
        let doc = moneymap::ui::load_document(&path).unwrap_or_else(|e| panic!("{e}"));
        let company = doc.dataset.company.clone();
        let years = doc.dataset.years.len();
        let mut h = harness(doc);
        h.run();
        assert_eq!(h.state().document().dataset.company, company);
        assert!(
            h.query_all_by_label("Segment mix").next().is_some(),
            "{}",
            path.display()
        );
        // Nothing on screen reads NaN or inf.
        for bad in ["NaN", "inf"] {
            assert!(
                h.query_all_by_label_contains(bad).next().is_none(),
                "{} shows {bad}",
                path.display()
            );
        }
        match path.file_name().and_then(|n| n.to_str()) {
            Some("one-year.ron") => {
                assert!(h.query_by_label("CAGR: n/a (one year)").is_some());
                assert!(
                    h.query_all_by_label("n/a").count() >= 4,
                    "missing margins say n/a"
                );
            }
            Some("no-optional.ron") => {
                assert!(h.query_all_by_label("n/a").count() >= 4);
            }
            Some("thirty-years.ron") => assert_eq!(years, 30),
            Some("twenty-segments.ron") => {
                // The legend keeps two rows: the first segments, then "+N more" (naming
                // the rest on hover), then Unallocated and Projected, always shown.
                assert!(
                    h.query_by_role_and_label(Role::Button, "Segment 0")
                        .is_some(),
                    "first segment in the legend"
                );
                assert!(
                    h.query_all_by_label_contains(" more").next().is_some(),
                    "the other segments are counted"
                );
                assert!(
                    h.query_by_role_and_label(Role::Button, "Unallocated")
                        .is_some(),
                    "Unallocated stays in view"
                );
            }
            Some("zero-revenue.ron") => {
                let m = &h.state().document().metrics;
                assert_eq!(
                    m.years[1].revenue_growth, None,
                    "no growth from a zero base"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn a_bad_save_keeps_the_dataset_and_the_next_good_save_clears_the_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/ericsson.ron"),
    )
    .expect("read");
    let path = write(dir.path(), "live.ron", &good);
    let mut h = harness(moneymap::ui::load_document(&path).expect("loads"));
    h.run();
    // Half-written file (an editor's partial write).
    std::fs::write(&path, &good[..good.len() / 2]).expect("write");
    h.state_mut().handle(Event::FileChanged(path.clone()));
    h.state_mut().run_tasks_inline(&NoDialogs);
    h.run();
    assert_eq!(h.state().document().dataset.company, "Ericsson", "kept");
    let e = h.state().error().expect("error shown");
    assert!(
        e.to_string().starts_with(&format!("{}:", path.display())),
        "{e}"
    );
    h.get_by_label_contains("Could not load the file");
    // Completed.
    std::fs::write(&path, good.replace("271546", "271547")).expect("write");
    h.state_mut().handle(Event::FileChanged(path.clone()));
    h.state_mut().run_tasks_inline(&NoDialogs);
    h.run();
    assert!(
        h.state().error().is_none(),
        "the good save clears the error"
    );
    assert_eq!(h.state().document().dataset.years[0].revenue, 271_547.0);
    assert_eq!(h.state().status(), "Reloaded live.ron (changed on disk)");
    assert_eq!(h.state().view().recent.first(), Some(&path));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        good.replace("271546", "271547"),
        "never written to"
    );
}

#[test]
fn sliders_survive_a_reload_when_the_segments_remain() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = moneymap::model::TWILIO_RON;
    let path = write(dir.path(), "t.ron", text);
    let mut h = harness(moneymap::ui::load_document(&path).expect("loads"));
    h.run();
    let lever = moneymap::model::Lever::SegmentGrowth("Communications".into());
    h.state_mut().apply([Action::SetLever(lever.clone(), 9.0)]);
    std::fs::write(&path, text.replace("revenue: 4.46", "revenue: 4.47")).expect("write");
    h.state_mut().apply([Action::Reload]);
    h.state_mut().run_tasks_inline(&NoDialogs);
    h.run();
    assert_eq!(h.state().document().dataset.years[1].revenue, 4.47);
    assert_eq!(
        h.state().scenario().levers.get(&lever),
        Some(&9.0),
        "slider kept"
    );
    assert_eq!(h.state().scenario().name, "Custom");
}

#[test]
fn compare_adds_and_removes_the_second_company() {
    let mut h = harness(Document::builtin());
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "Ericsson")
            .is_none()
    );
    h.state_mut()
        .apply([Action::CompareExample("ericsson.ron".into())]);
    h.run();
    assert_eq!(
        h.state()
            .compare()
            .as_ref()
            .map(|c| c.dataset.company.as_str()),
        Some("Ericsson")
    );
    // The legend names each company, in both percentage charts.
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "Ericsson")
            .count(),
        2
    );
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "Twilio")
            .count(),
        2
    );
    // Money in each company's own currency, side by side: each half captioned with the
    // company (cut when long) and its units (always whole).
    h.get_by_label(" (USD billions)");
    h.get_by_label(" (SEK millions)");
    // Clicking the compared company's legend entry stops comparing.
    h.query_all_by_role_and_label(Role::Button, "Ericsson")
        .next()
        .expect("entry")
        .click();
    h.run();
    assert!(h.state().compare().is_none());
    assert!(
        h.query_by_role_and_label(Role::Button, "Ericsson")
            .is_none()
    );
}

/// Two datasets of the same company (Twilio as stated, Twilio as reported) read apart in
/// the legend: the compared one is named with where it came from, and clicking it still
/// ends the comparison (both entries read "Twilio").
#[test]
fn a_compared_company_of_the_same_name_is_told_apart() {
    let mut h = harness(Document::builtin());
    h.state_mut()
        .apply([Action::CompareExample("twilio-reported.ron".into())]);
    h.run();
    let label = "Twilio (example twilio-reported.ron)";
    assert!(
        h.query_all_by_role_and_label(Role::Button, "Twilio")
            .next()
            .is_some()
    );
    h.query_all_by_role_and_label(Role::Button, label)
        .next()
        .expect("the compared entry names its origin")
        .click();
    h.run();
    assert!(h.state().compare().is_none());
}

#[test]
fn compare_through_a_file_uses_the_same_loader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "e.ron", moneymap::model::ERICSSON_RON);
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::Compare(p)]);
    h.state_mut().run_tasks_inline(&NoDialogs);
    h.run();
    assert_eq!(
        h.state().compare().map(|c| c.origin()),
        Some("e.ron".to_owned())
    );
    h.state_mut().apply([Action::ClearCompare]);
    assert!(h.state().compare().is_none());
}

/// Comparing the file on screen with itself would draw every line twice: it is refused
/// with a reason, and nothing is loaded.
#[test]
fn comparing_the_open_file_with_itself_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "t.ron", moneymap::model::TWILIO_RON);
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::Open(p.clone())]);
    h.state_mut().run_tasks_inline(&NoDialogs);
    h.run();
    assert_eq!(h.state().document().path.as_deref(), Some(p.as_path()));
    h.state_mut()
        .apply([Action::Compare(dir.path().join(".").join("t.ron"))]);
    assert!(h.state().tasks().is_empty(), "nothing is loaded");
    assert!(
        h.state().status().contains("is the dataset on screen"),
        "{}",
        h.state().status()
    );
    h.state_mut().run_tasks_inline(&NoDialogs);
    assert!(h.state().compare().is_none());
}

#[test]
fn examples_open_from_any_folder() {
    let mut h = harness(Document::builtin());
    h.state_mut()
        .apply([Action::OpenExample("twilio-reported.ron".into())]);
    h.run();
    assert_eq!(h.state().document().dataset.year_span(), (2019, 2025));
    assert_eq!(h.state().document().origin(), "example twilio-reported.ron");
}

/// Waits (bounded) for the next watcher event.
fn next_event(rx: &std::sync::mpsc::Receiver<WatchEvent>) -> Option<WatchEvent> {
    rx.recv_timeout(Duration::from_secs(3)).ok()
}

#[test]
fn the_watcher_sees_a_rewrite_within_a_second_and_a_deletion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "w.ron", moneymap::model::TWILIO_RON);
    let (tx, rx) = channel();
    let w = Watcher::spawn(p.clone(), move |e| {
        let _ = tx.send(e);
    });
    std::thread::sleep(Watcher::POLL);
    let t0 = Instant::now();
    std::fs::write(&p, moneymap::model::ERICSSON_RON).expect("rewrite");
    assert_eq!(next_event(&rx), Some(WatchEvent::Changed));
    assert!(
        t0.elapsed() < Duration::from_secs(1),
        "seen in {:?}",
        t0.elapsed()
    );
    std::fs::remove_file(&p).expect("delete");
    assert_eq!(next_event(&rx), Some(WatchEvent::Missing));
    // Replaced by a directory: still missing (no second report), then a file again.
    std::fs::create_dir(&p).expect("dir");
    std::fs::remove_dir(&p).expect("rmdir");
    std::fs::write(&p, moneymap::model::TWILIO_RON).expect("back");
    assert_eq!(next_event(&rx), Some(WatchEvent::Changed));
    drop(w);
}

/// File > Recent greys a file the watcher reported missing, and knows it from that report:
/// drawing the menu looks at nothing on disk. So a file deleted with no report stays
/// enabled, and the reported one stays greyed after it is back, until the list is checked
/// again (on a report or when the list changes).
#[test]
fn recent_files_that_went_missing_are_known_without_drawing_touching_the_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.ron", moneymap::model::TWILIO_RON);
    let b = write(dir.path(), "b.ron", moneymap::model::ERICSSON_RON);
    let mut h = harness(Document::builtin());
    for p in [&b, &a] {
        h.state_mut().apply([Action::Open(p.clone())]);
        h.state_mut().run_tasks_inline(&NoDialogs);
    }
    std::fs::remove_file(&a).expect("delete");
    h.state_mut().handle(Event::FileMissing(a.clone()));
    // After the report: b goes unreported, a comes back.
    std::fs::remove_file(&b).expect("delete");
    std::fs::write(&a, moneymap::model::TWILIO_RON).expect("back");
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Recent").hover();
    h.run();
    let greyed = |h: &egui_kittest::Harness<'_, moneymap::ui::Dashboard>, name: &str| {
        use egui_kittest::kittest::NodeT;
        h.get_by_role_and_label(Role::Button, name)
            .accesskit_node()
            .is_disabled()
    };
    assert!(
        greyed(&h, "a.ron"),
        "greyed from the report, though back on disk"
    );
    assert!(!greyed(&h, "b.ron"), "not looked up on disk while drawing");
}

/// The faults of a watched file, each with what the user sees: the dataset on screen
/// stays, and the status line or the error panel says what happened.
#[test]
fn faults_of_the_watched_file_keep_the_dataset_and_say_what_happened() {
    type Fault = fn(&Path, &Path);
    let faults: [(&str, Fault, &str); 4] = [
        (
            "deleted",
            |p, _| std::fs::remove_file(p).unwrap(),
            "was deleted, renamed or replaced",
        ),
        (
            "renamed",
            |p, dir| std::fs::rename(p, dir.join("moved.ron")).unwrap(),
            "was deleted, renamed or replaced",
        ),
        (
            "replaced by a directory",
            |p, _| {
                std::fs::remove_file(p).unwrap();
                std::fs::create_dir(p).unwrap();
            },
            "was deleted, renamed or replaced",
        ),
        (
            // A file whose every read fails (EIO), whoever runs the test (root ignores
            // permission bits, so chmod 000 would not make it unreadable in CI).
            "made unreadable",
            |p, _| {
                std::fs::remove_file(p).unwrap();
                std::os::unix::fs::symlink("/proc/self/mem", p).unwrap();
            },
            "Could not load the file",
        ),
    ];
    for (what, fault, shown) in faults {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "watched.ron", moneymap::model::ERICSSON_RON);
        let mut h = harness(moneymap::ui::load_document(&path).unwrap());
        h.run();
        let (tx, rx) = channel();
        let w = Watcher::spawn(path.clone(), move |e| {
            let _ = tx.send(e);
        });
        std::thread::sleep(Watcher::POLL);
        fault(&path, dir.path());
        let event = next_event(&rx).unwrap_or_else(|| panic!("{what}: no watcher event"));
        h.state_mut().handle(event.event(&path));
        h.state_mut().run_tasks_inline(&NoDialogs);
        h.run();
        let d = h.state();
        assert_eq!(
            d.document().dataset.company,
            "Ericsson",
            "{what}: dataset kept"
        );
        assert_eq!(d.document().dataset.years.len(), 3, "{what}");
        h.get_by_label_contains(shown);
        if what == "made unreadable" {
            let e = h.state().error().expect("error panel");
            assert!(e.to_string().contains(&path.display().to_string()), "{e}");
            assert!(e.to_string().to_lowercase().contains("error"), "{e}");
        } else {
            assert!(h.state().status().contains(&path.display().to_string()));
        }
        drop(w);
    }
}
