//! SEC companyfacts import on the real files: Snowflake, Apple and an IFRS 20-F filer
//! reproduce the reference figures of `../shared/fixtures/sec-companyfacts/README.md`
//! (the companies' own filings).
//!
//! Those files are public data kept outside the project, beside the clone; CI has them.
//! Without them (a user's clone) each test here prints one line saying it was skipped
//! ([`common::shared_fixture`]). Every rule they exercise is also tested on small files
//! written by hand, in `tests/import_sec.rs`, which always run.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::import::{self, ImportOptions, Imported};
use moneymap::model::Scale;

mod common;
use common::{shared_fixture, year};

/// The real companyfacts file `name` imported, or `None` (skipped) without `../shared`.
fn import_real(name: &str) -> Option<Imported> {
    let path = shared_fixture(&format!("sec-companyfacts/{name}"))?;
    Some(import::import_sources(&[path], &ImportOptions::default()).expect("imports"))
}

/// `v` rounded to one decimal, as the fixtures' README quotes figures.
fn one(v: Option<f64>) -> f64 {
    (v.expect("figure") * 10.0).round() / 10.0
}

#[test]
fn snowflake_matches_its_reference_figures() {
    let Some(i) = import_real("snowflake.json") else {
        return;
    };
    let ds = &i.loaded.dataset;
    assert_eq!(ds.company, "Snowflake Inc.");
    assert_eq!((ds.currency.as_str(), ds.scale), ("USD", Scale::Millions));
    assert_eq!(
        ds.fiscal_year.as_deref(),
        Some("Fiscal year ends 31 January")
    );
    // FY2019 to FY2025; the 336-day stub period (with a calendar frame) is no year.
    assert_eq!(ds.year_span(), (2019, 2025));
    assert_eq!(ds.years.len(), 7);
    // FY2025 ended 2025-01-31 (labelled 2025: the end is not in 1-7 January).
    let y = year(&i, 2025);
    assert_eq!(y.revenue, 3_626.396);
    assert_eq!(
        [
            one(Some(y.revenue)),
            one(y.gross_profit),
            one(y.operating_income),
            one(y.net_income),
            one(y.operating_cash_flow),
            one(y.capex)
        ],
        [3_626.4, 2_411.7, -1_456.0, -1_285.6, 959.8, 46.3]
    );
    // FCF = 959.764 - 46.279 = 913.485, derived; capitalised software is not capex.
    assert!((y.free_cash_flow.expect("fcf") - 913.485).abs() < 1e-9);
    assert!(y.fcf_derived);
    assert!(y.notes["capex"].contains("capitalised software (USD 29.4 million"));
    assert_eq!(
        y.notes["revenue"],
        "RevenueFromContractWithCustomerExcludingAssessedTax, year ended 2025-01-31: 10-K filed 2025-03-21, accn 0001640147-25-000052"
    );
    // Segment revenue is not in companyfacts: the dataset says so, and has no split.
    assert!(ds.segments.is_empty());
    assert!(i.segments_unknown);
    assert!(
        ds.source
            .basis
            .contains("segment revenue is not in SEC companyfacts")
    );
    assert_eq!(
        ds.source.citation.as_deref(),
        Some("https://data.sec.gov/api/xbrl/companyfacts/CIK0001640147.json")
    );
}

#[test]
fn apple_matches_its_reference_figures_across_concept_changes() {
    let Some(i) = import_real("apple.json") else {
        return;
    };
    let ds = &i.loaded.dataset;
    assert_eq!(ds.company, "Apple Inc.");
    // Revenue 391 billion: a readable scale is billions.
    assert_eq!(ds.scale, Scale::Billions);
    assert_eq!(ds.year_span(), (2007, 2024));
    assert_eq!(ds.years.len(), 18);
    // 52/53-week years: the period end moves around the last Saturday of September.
    assert_eq!(
        ds.fiscal_year.as_deref(),
        Some("Fiscal year ends around 28 September (52/53-week years; latest end 2024-09-28)")
    );
    let y = year(&i, 2024);
    assert_eq!(
        [
            y.revenue,
            y.gross_profit.unwrap(),
            y.operating_income.unwrap(),
            y.net_income.unwrap(),
            y.operating_cash_flow.unwrap(),
            y.capex.unwrap()
        ],
        [391.035, 180.683, 123.216, 93.736, 118.254, 9.447]
    );
    // FY2015 from SalesRevenueNet (no Revenues or contract fact for that year).
    let y15 = year(&i, 2015);
    assert_eq!(y15.revenue, 233.715);
    assert!(y15.notes["revenue"].starts_with("SalesRevenueNet,"));
    // FY2016-2018 from Revenues (first in priority), FY2019 on from the contract tag.
    assert!(year(&i, 2017).notes["revenue"].starts_with("Revenues,"));
    assert!(year(&i, 2019).notes["revenue"].starts_with("RevenueFromContractWithCustomer"));
    // Restated: FY2007 was 24,006 M in the first 10-K and 24,578 M in the 10-K/A.
    assert_eq!(year(&i, 2007).revenue, 24.578);
    assert!(year(&i, 2007).notes["revenue"].contains("10-K/A filed 2010-01-25"));
    // Capex concept: productive assets to FY2012, PP&E after (both in FY2013-14: PP&E).
    assert!(year(&i, 2012).notes["capex"].starts_with("PaymentsToAcquireProductiveAssets,"));
    assert!(
        year(&i, 2014).notes["capex"].starts_with("PaymentsToAcquirePropertyPlantAndEquipment,")
    );
    assert_eq!(
        i.warnings,
        vec![
            "apple.json: revenue concept changes between 2015 (SalesRevenueNet) and 2016 (Revenues); check the two years are comparable",
            "apple.json: revenue concept changes between 2018 (Revenues) and 2019 (RevenueFromContractWithCustomerExcludingAssessedTax); check the two years are comparable",
        ]
    );
}

#[test]
fn an_ifrs_20f_filer_matches_its_reference_figures() {
    let Some(i) = import_real("lpa-ifrs.json") else {
        return;
    };
    let ds = &i.loaded.dataset;
    assert_eq!(ds.company, "Logistic Properties of the Americas");
    assert_eq!(
        ds.source.basis,
        "IFRS, as filed; segment revenue is not in SEC companyfacts"
    );
    // `cik` is the zero-padded string "0001997711".
    assert_eq!(
        ds.source.citation.as_deref(),
        Some("https://data.sec.gov/api/xbrl/companyfacts/CIK0001997711.json")
    );
    assert_eq!(ds.year_span(), (2021, 2024));
    let y = year(&i, 2024);
    assert_eq!(
        [
            one(Some(y.revenue)),
            one(y.operating_income),
            one(y.net_income)
        ],
        [43.9, 36.6, -19.4]
    );
    assert_eq!(y.gross_profit, None, "no gross profit in the filing");
    assert!(y.notes["revenue"].contains("20-F filed"));
}
