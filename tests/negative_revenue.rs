//! Issue 26, item 1: a negative revenue is an error at its own `line:column` (in
//! `check`, the window's load and every importer), not a warning; a zero revenue loads
//! and its margins read "n/a". Before the fix Twilio with a 2023 revenue of -4.15 passed
//! `check`, and a negative 2024 revenue was blamed on `operating_model`.

// Tests unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use moneymap::import::{self, ImportOptions};
use moneymap::model::{self, Location, Metrics, TWILIO_RON, format};

/// Twilio with the revenue of `year` (`revenue: X,` on the line after `year: YEAR,`)
/// set to `value`.
fn twilio_with(year: i32, value: &str) -> String {
    let mut out = String::new();
    let mut armed = false;
    for line in TWILIO_RON.lines() {
        let trimmed = line.trim_start();
        if trimmed == format!("year: {year},") {
            armed = true;
        }
        if armed && trimmed.starts_with("revenue: ") {
            let indent = &line[..line.len() - trimmed.len()];
            out.push_str(&format!("{indent}revenue: {value},\n"));
            armed = false;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The line (1-based) of the revenue of `year` in `text`.
fn revenue_line(text: &str, year: i32) -> usize {
    let at = text
        .lines()
        .position(|l| l.trim() == format!("year: {year},"))
        .unwrap();
    at + 1
        + text
            .lines()
            .skip(at)
            .position(|l| l.trim_start().starts_with("revenue: "))
            .unwrap()
}

/// Every validation error of `text`, as `moneymap check` lists them.
fn errors_of(text: &str) -> Vec<model::LoadError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    std::fs::write(&path, text).unwrap();
    model::load_all(&path).expect_err("refused")
}

#[test]
fn a_negative_revenue_is_an_error_at_its_line_naming_the_year() {
    for year in [2023, 2024] {
        let text = twilio_with(year, "-4.15");
        let line = revenue_line(&text, year);
        let errors = errors_of(&text);
        let first = &errors[0];
        assert!(
            matches!(first.location, Location::LineCol { line: l, .. } if l == line),
            "{year}: at {:?}, expected line {line}: {first}",
            first.location
        );
        let msg = first.message();
        assert!(msg.contains("revenue must be zero or more"), "{msg}");
        assert!(msg.contains(&year.to_string()), "{msg}");
        // Not blamed on the cost structure as well.
        assert!(
            errors
                .iter()
                .all(|e| !e.message().contains("CostStructure")),
            "{errors:#?}"
        );
        // The window loads through the same path: it refuses the same way.
        let e = model::parse(&text).expect_err("the window refuses it too");
        assert!(e.message().contains("revenue must be zero or more"), "{e}");
    }
}

#[test]
fn a_zero_revenue_loads_and_its_margins_read_n_a() {
    let loaded = model::parse(&twilio_with(2023, "0")).expect("zero is allowed");
    let m = Metrics::compute(&loaded.dataset);
    let y = m.years.iter().find(|y| y.year == 2023).unwrap();
    assert_eq!(y.revenue, 0.0);
    assert_eq!(format::percent_opt(y.margins.gross), "n/a");
    assert_eq!(format::percent_opt(y.margins.operating), "n/a");
}

#[test]
fn a_csv_cell_with_a_negative_revenue_is_refused_at_its_cell() {
    let csv = "Acme Inc\nUSD millions\n,2023,2024\nRevenue,100,-5\nGross profit,40,45\n";
    let e = import::import_bytes(
        &[(Path::new("acme.csv"), csv.as_bytes())],
        &ImportOptions::default(),
    )
    .expect_err("refused")
    .to_string();
    assert!(e.contains("revenue must be zero or more: 2024"), "{e}");
    assert!(e.starts_with("acme.csv:4:3:"), "{e}");
}

#[test]
fn a_companyfacts_fact_with_a_negative_revenue_is_refused_at_its_fact() {
    let fact = |end: &str, val: f64| {
        format!(
            "{{\"start\": \"{}-01-01\", \"end\": \"{end}\", \"val\": {val}, \"accn\": \"a\", \"form\": \"10-K\", \"filed\": \"2025-02-01\"}}",
            &end[..4]
        )
    };
    let json = format!(
        "{{\"cik\": 1, \"entityName\": \"X\", \"facts\": {{\"us-gaap\": {{\"Revenues\": {{\"units\": {{\"USD\": [{}, {}]}}}}}}}}}}",
        fact("2023-12-31", 5e6),
        fact("2024-12-31", -5e6)
    );
    let e = import::import_bytes(
        &[(Path::new("t.json"), json.as_bytes())],
        &ImportOptions::default(),
    )
    .expect_err("refused")
    .to_string();
    assert!(e.contains("revenue must be zero or more: 2024"), "{e}");
    assert!(
        e.contains("facts.us-gaap.Revenues (period ending 2024-12-31)"),
        "{e}"
    );
}
