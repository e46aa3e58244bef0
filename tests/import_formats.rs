//! The file formats under the importers, on files each test writes itself: dates that
//! must exist, CSV quoting and positions, Windows-1252 text, and workbooks of the 1904
//! date system.

// Test helpers unwrap known-good inputs: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use moneymap::import::{self, ImportOptions, labels};

/// Imports one source's bytes under the file name `name`.
fn import_one(name: &str, bytes: &[u8]) -> Result<import::Imported, import::ImportError> {
    import::import_bytes(&[(Path::new(name), bytes)], &ImportOptions::default())
}

/// One annual revenue fact in companyfacts shape.
fn fact(start: &str, end: &str, val: f64) -> String {
    format!(
        r#"{{"start":"{start}","end":"{end}","val":{val},"accn":"0000000000-00-000000","form":"10-K","filed":"2025-03-01"}}"#
    )
}

#[test]
fn a_period_ending_on_a_day_that_does_not_exist_is_no_year() {
    // The second fact ends on 31 February: it names no period, so no year 2025.
    let facts = [
        fact("2023-03-01", "2024-02-29", 100.0),
        fact("2024-03-01", "2025-02-31", 130.0),
    ]
    .join(",");
    let json = format!(
        r#"{{"cik":1,"entityName":"Test Co","facts":{{"us-gaap":{{"Revenues":{{"units":{{"USD":[{facts}]}}}}}}}}}}"#
    );
    let i = import_one("test.json", json.as_bytes()).expect("imports");
    let years: Vec<i32> = i.loaded.dataset.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2024]);
    // A table's date header names its year only when the date exists.
    assert_eq!(labels::header_year("2024-02-29"), Some(2024));
    assert_eq!(labels::header_year("2024-02-31"), None);
    assert_eq!(labels::header_year("2023-02-29"), None);
}
