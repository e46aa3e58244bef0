//! Importing in the window: files dropped or chosen in File > Import... open as an
//! unsaved document ("Frostline Data Inc. (imported)"); "Save as dataset..." writes the RON,
//! never over an existing file without asking, and the saved file becomes the document;
//! a failed import shows in the error panel and the dataset on screen stays.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Mutex;

use egui_kittest::kittest::Queryable;
use moneymap::import::{self, ImportOptions};
use moneymap::ui::error::Problem;
use moneymap::ui::tasks::NoDialogs;
use moneymap::ui::{Action, Document};

mod common;
use common::{PickPath, fixture, harness, settle};

fn frostline_sources() -> Vec<PathBuf> {
    vec![
        fixture("companyfacts/frostline.json"),
        fixture("import/frostline-segments.csv"),
    ]
}

#[test]
fn dropped_sources_merge_into_an_unsaved_document() {
    let mut h = harness(Document::builtin());
    h.run();
    h.state_mut()
        .apply([Action::OpenFiles(frostline_sources())]);
    assert!(
        h.state()
            .status()
            .starts_with("Importing frostline.json, frostline-segments.csv")
    );
    settle(&mut h, &NoDialogs);
    let d = h.state();
    // The same dataset the importer gives for the same sources, in the same order.
    let direct = import::import_sources(&frostline_sources(), &ImportOptions::default()).unwrap();
    assert_eq!(d.document().dataset, direct.loaded.dataset);
    assert_eq!(d.document().origin(), "Frostline Data Inc. (imported)");
    assert_eq!(d.document().path, None, "nothing on disk yet");
    assert_eq!(d.file(), None, "nothing to watch or reload");
    let src = d.document().import.as_ref().expect("an unsaved import");
    assert_eq!(src.sources, frostline_sources());
    assert!(
        src.ron.contains("frostline-segments.csv"),
        "the header names the sources"
    );
    assert!(
        d.status().starts_with(
            "Imported Frostline Data Inc. from frostline.json, frostline-segments.csv"
        ),
        "{}",
        d.status()
    );
    assert!(
        d.status()
            .ends_with("not saved yet (File > Save as dataset...)")
    );
    // Segment revenue from the CSV reached the dataset the charts draw.
    let last = d.document().dataset.years.last().unwrap();
    assert!(last.segments.contains_key("Product revenue"), "{last:?}");
    // Free cash flow derived from operating cash flow and capex is marked in the
    // window's table, not in the CSV's.
    let fcf = d
        .document()
        .statement
        .rows
        .iter()
        .find(|r| r[0].starts_with("Free cash flow"))
        .expect("an FCF row");
    assert_eq!(fcf[0], "Free cash flow (*derived)");
    assert!(fcf.last().unwrap().ends_with('*'), "{fcf:?}");
    assert!(
        d.document()
            .table
            .rows
            .iter()
            .flatten()
            .all(|c| !c.contains('*'))
    );
    h.get_by_label("Imported, not saved: Save as dataset...");
}

#[test]
fn save_as_dataset_writes_the_ron_and_reopens_it_as_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("frostline.ron");
    let dialogs = PickPath {
        path: out.clone(),
        seen: Mutex::default(),
    };
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::Import(frostline_sources())]);
    settle(&mut h, &NoDialogs);
    let imported = h.state().document().dataset.clone();
    let ron = h.state().document().import.as_ref().unwrap().ron.clone();
    h.get_by_label("Imported, not saved: Save as dataset...")
        .click();
    h.run();
    settle(&mut h, &dialogs);
    let seen = dialogs.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].file_name.as_deref(), Some("frostline-data-inc.ron"));
    assert_eq!(
        seen[0].start_dir.as_deref(),
        Some(fixture("companyfacts").as_path()),
        "starts beside the first source"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        ron,
        "the text as built"
    );
    let d = h.state();
    assert_eq!(
        d.document().path.as_ref(),
        Some(&out),
        "the saved file is the document"
    );
    assert!(d.document().import.is_none(), "saved: nothing left to save");
    assert_eq!(
        d.document().dataset,
        imported,
        "it reads back as the same dataset"
    );
    assert_eq!(d.file(), Some(out.as_path()), "watched and reloadable");
    assert_eq!(
        d.status(),
        format!(
            "Saved {}: the dataset on screen is now this file",
            out.display()
        )
    );
}

#[test]
fn an_existing_file_is_replaced_only_when_the_user_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine.ron");
    std::fs::write(&out, "my own notes").unwrap();
    let dialogs = PickPath {
        path: out.clone(),
        seen: Mutex::default(),
    };
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::Import(frostline_sources())]);
    settle(&mut h, &NoDialogs);
    // Cancel: the file stays as it was.
    h.state_mut().apply([Action::SaveDataset]);
    settle(&mut h, &dialogs);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own notes");
    assert_eq!(
        h.state().status(),
        format!("{} exists: replace it?", out.display())
    );
    h.get_by_label("Replace the existing file?");
    h.get_by_label("Cancel").click();
    h.run();
    settle(&mut h, &dialogs);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own notes");
    assert!(h.state().replace_asked().is_none());
    assert_eq!(
        h.state().status(),
        format!("Not saved: {} is unchanged", out.display())
    );
    assert!(h.state().document().import.is_some(), "still unsaved");
    // Replace: written, and read back as the document.
    h.state_mut().apply([Action::SaveDataset]);
    settle(&mut h, &dialogs);
    h.get_by_label("Replace").click();
    h.run();
    settle(&mut h, &dialogs);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Frostline Data Inc."), "{text}");
    assert_eq!(h.state().document().path.as_ref(), Some(&out));
}

#[test]
fn a_bad_source_shows_in_the_error_panel_and_keeps_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("truncated.json");
    let good = std::fs::read(fixture("companyfacts/frostline.json")).unwrap();
    std::fs::write(&bad, &good[..good.len() / 3]).unwrap();
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::OpenFiles(vec![bad.clone()])]);
    settle(&mut h, &NoDialogs);
    let d = h.state();
    assert_eq!(d.document().dataset.company, "Twilio", "kept");
    let Some(Problem::Import(e)) = d.error() else {
        panic!("an import error in the panel: {:?}", d.error());
    };
    assert_eq!(e.file, bad);
    assert!(
        e.to_string().starts_with(&bad.display().to_string()),
        "names the file: {e}"
    );
    assert_eq!(
        d.status(),
        "Could not import truncated.json: the dataset on screen is unchanged"
    );
    h.get_by_label("Could not import the data; the dataset on screen is unchanged.");
}

#[test]
fn a_dropped_dataset_opens_and_only_an_import_needs_saving() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("e.ron");
    std::fs::write(&ron, moneymap::model::ERICSSON_RON).unwrap();
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::OpenFiles(vec![
        fixture("companyfacts/frostline.json"),
        ron.clone(),
    ])]);
    settle(&mut h, &NoDialogs);
    assert_eq!(
        h.state().document().path.as_ref(),
        Some(&ron),
        "the .ron opens"
    );
    assert!(h.state().document().import.is_none());
    h.state_mut().apply([Action::SaveDataset]);
    assert!(h.state().tasks().is_empty(), "no dialog");
    assert_eq!(
        h.state().status(),
        "e.ron is already a dataset file: only an imported dataset needs saving"
    );
}

/// A preset chosen for one company never follows the user to the next: Twilio's Bull,
/// then Ericsson, shows Ericsson's own trend (before, "Scenario: Bull" stayed, with
/// Twilio's operating margin change of +2 pp/yr and net/operating of 60%).
#[test]
fn another_company_starts_from_its_own_trend() {
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::ApplyPreset("Bull".into())]);
    assert_eq!(h.state().scenario().name, "Bull");
    h.state_mut()
        .apply([Action::OpenExample("ericsson.ron".into())]);
    settle(&mut h, &NoDialogs);
    let d = h.state();
    assert_eq!(d.document().dataset.company, "Ericsson");
    assert_eq!(
        d.scenario(),
        &d.document().trend,
        "Ericsson's trend, not Twilio's Bull"
    );
    // And an import likewise.
    h.state_mut().apply([Action::ApplyPreset("Bull".into())]);
    h.state_mut()
        .apply([Action::OpenExample("twilio.ron".into())]);
    settle(&mut h, &NoDialogs);
    h.state_mut().apply([Action::ApplyPreset("Bull".into())]);
    h.state_mut().apply([Action::Import(frostline_sources())]);
    settle(&mut h, &NoDialogs);
    assert_eq!(h.state().scenario(), &h.state().document().trend);
}

/// File > Add source to this import...: the chosen file is merged after the sources so
/// far, as dropping both at once does.
#[test]
fn a_source_added_to_an_import_merges_after_it() {
    let dialogs = PickPath {
        path: fixture("import/frostline-segments.csv"),
        seen: Mutex::default(),
    };
    let mut h = harness(Document::builtin());
    h.state_mut()
        .apply([Action::Import(vec![fixture("companyfacts/frostline.json")])]);
    settle(&mut h, &NoDialogs);
    h.state_mut().apply([Action::AddSourceDialog]);
    settle(&mut h, &dialogs);
    let direct = import::import_sources(&frostline_sources(), &ImportOptions::default()).unwrap();
    let d = h.state();
    assert_eq!(d.document().dataset, direct.loaded.dataset);
    assert_eq!(
        d.document().import.as_ref().unwrap().sources,
        frostline_sources()
    );
    // The dialog starts beside the sources so far.
    let seen = dialogs.seen.lock().unwrap();
    assert_eq!(
        seen[0].start_dir.as_deref(),
        Some(fixture("companyfacts").as_path())
    );
}
