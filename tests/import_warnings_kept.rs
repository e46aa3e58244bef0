//! Issue 26, item 3: what the importer warned about travels with the dataset it writes
//! (`import_warnings`), so `moneymap check` and the window's warnings badge still list it
//! after the import; a dataset without the field loads unchanged. Before, NVIDIA's
//! "revenue concept changes between ..." was printed once by `moneymap import` and lost.

// Tests unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use egui_kittest::kittest::Queryable;
use moneymap::import::{self, ImportOptions};
use moneymap::model::{self, WarningKind};
use moneymap::ui::Document;

mod common;

/// A companyfacts file whose revenue concept changes between 2022 and 2023.
fn concept_change() -> String {
    let fact = |year: i32, val: f64| {
        format!(
            "{{\"start\": \"{year}-01-01\", \"end\": \"{year}-12-31\", \"val\": {val}, \"accn\": \"a{year}\", \"form\": \"10-K\", \"filed\": \"{}-02-01\"}}",
            year + 1
        )
    };
    format!(
        "{{\"cik\": 1, \"entityName\": \"CHANGE CO\", \"facts\": {{\"us-gaap\": {{\
         \"SalesRevenueNet\": {{\"units\": {{\"USD\": [{}]}}}}, \
         \"RevenueFromContractWithCustomerExcludingAssessedTax\": {{\"units\": {{\"USD\": [{}]}}}}}}}}}}",
        fact(2022, 90e6),
        fact(2023, 100e6)
    )
}

const CHANGE: &str = "revenue concept changes between 2022 (SalesRevenueNet) and 2023 (RevenueFromContractWithCustomerExcludingAssessedTax)";

fn imported() -> import::Imported {
    let json = concept_change();
    let i = import::import_bytes(
        &[(Path::new("change.json"), json.as_bytes())],
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(
        i.warnings.iter().any(|w| w.contains(CHANGE)),
        "{:?}",
        i.warnings
    );
    i
}

#[test]
fn the_written_dataset_keeps_the_import_warnings_and_loading_lists_them() {
    let i = imported();
    let text = import::to_ron(&i, "2026-01-02");
    assert!(text.contains("    import_warnings: [\n"), "{text}");
    let back = model::parse(&text).unwrap();
    assert_eq!(back.dataset.import_warnings, i.warnings);
    let kept: Vec<&model::Warning> = back
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Import)
        .collect();
    assert_eq!(kept.len(), i.warnings.len(), "{:?}", back.warnings);
    assert!(kept.iter().any(|w| w.message.contains(CHANGE)), "{kept:?}");
    // Written again, the same text: the field round-trips.
    let again = import::Imported {
        loaded: back,
        ..i.clone()
    };
    assert_eq!(import::to_ron(&again, "2026-01-02"), text);
}

#[test]
fn check_lists_the_import_warnings_of_a_file_written_by_import() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("change.json");
    std::fs::write(&src, concept_change()).unwrap();
    let out = dir.path().join("change.ron");
    let bin = env!("CARGO_BIN_EXE_moneymap");
    let o = Command::new(bin)
        .arg("import")
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new(bin).arg("check").arg(&out).output().unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout}");
    assert!(stdout.contains(CHANGE), "{stdout}");
}

#[test]
fn the_warnings_badge_counts_and_lists_them() {
    let i = imported();
    let text = import::to_ron(&i, "2026-01-02");
    let loaded = model::parse(&text).unwrap();
    let n = loaded.warnings.len();
    let mut h = common::harness(Document::new(None, loaded));
    h.run();
    let badge = if n == 1 {
        "1 warning".to_owned()
    } else {
        format!("{n} warnings")
    };
    h.get_by_label(&badge).click();
    h.run();
    h.get_by_label_contains(CHANGE);
}

#[test]
fn datasets_without_the_field_load_unchanged() {
    for text in [model::TWILIO_RON, model::ERICSSON_RON] {
        let l = model::parse(text).unwrap();
        assert!(l.dataset.import_warnings.is_empty());
        assert!(l.warnings.iter().all(|w| w.kind != WarningKind::Import));
    }
}
