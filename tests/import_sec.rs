//! SEC companyfacts import: the three real (trimmed) files reproduce their reference
//! figures, and each rule of the importer holds on small files written for it.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use moneymap::import::{self, ImportOptions, Imported};
use moneymap::model::Scale;

mod common;
use common::{fixture, year};

fn import_file(name: &str) -> Imported {
    import::import_sources(
        &[fixture(&format!("sec/{name}"))],
        &ImportOptions::default(),
    )
    .expect("imports")
}

/// `v` rounded to one decimal, as the fixtures' README quotes figures.
fn one(v: Option<f64>) -> f64 {
    (v.expect("figure") * 10.0).round() / 10.0
}

#[test]
fn snowflake_matches_its_reference_figures() {
    let i = import_file("snowflake.json");
    let ds = &i.loaded.dataset;
    assert_eq!(ds.company, "Snowflake Inc.");
    assert_eq!((ds.currency.as_str(), ds.scale), ("USD", Scale::Millions));
    assert_eq!(
        ds.fiscal_year.as_deref(),
        Some("Fiscal year ends 31 January")
    );
    assert_eq!(ds.year_span(), (2019, 2025));
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
}

#[test]
fn apple_matches_its_reference_figures_across_concept_changes() {
    let i = import_file("apple.json");
    let ds = &i.loaded.dataset;
    assert_eq!(ds.company, "Apple Inc.");
    // Revenue 391 billion: a readable scale is billions.
    assert_eq!(ds.scale, Scale::Billions);
    assert_eq!(ds.year_span(), (2007, 2024));
    assert_eq!(ds.years.len(), 18);
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
    let i = import_file("lpa-ifrs.json");
    let ds = &i.loaded.dataset;
    assert_eq!(ds.company, "Logistic Properties of the Americas");
    assert_eq!(
        ds.source.basis,
        "IFRS, as filed; segment revenue is not in SEC companyfacts"
    );
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

/// A companyfacts file of `concepts` (`"Name": [facts]` pairs) in us-gaap.
fn facts_json(concepts: &[(&str, &str, Vec<String>)]) -> String {
    let body: Vec<String> = concepts
        .iter()
        .map(|(name, unit, facts)| {
            format!(
                "\"{name}\": {{\"label\": null, \"units\": {{\"{unit}\": [{}]}}}}",
                facts.join(",")
            )
        })
        .collect();
    format!(
        "{{\"cik\": \"0000000042\", \"entityName\": \"TEST CO INC\", \"facts\": {{\"dei\": {{}}, \"us-gaap\": {{{}}}}}}}",
        body.join(",")
    )
}

/// One fact: period, value, form, filing date; `fy`/`fp` set to mislead.
fn fact(start: &str, end: &str, val: f64, form: &str, filed: &str) -> String {
    format!(
        "{{\"start\": \"{start}\", \"end\": \"{end}\", \"val\": {val}, \"accn\": \"acc-{filed}\", \"fy\": 2099, \"fp\": \"FY\", \"form\": \"{form}\", \"filed\": \"{filed}\"}}"
    )
}

fn import_text(text: &str) -> Result<Imported, String> {
    import::import_bytes(
        &[(Path::new("t.json"), text.as_bytes())],
        &ImportOptions::default(),
    )
    .map_err(|e| e.to_string())
}

#[test]
fn only_full_years_of_annual_forms_count_and_the_latest_filing_wins() {
    let revenue = vec![
        // The year: 2023-01-01..2023-12-31 (364 days), first filed, then restated.
        fact("2023-01-01", "2023-12-31", 100e6, "10-K", "2024-02-01"),
        fact("2023-01-01", "2023-12-31", 101e6, "10-K/A", "2024-06-01"),
        // The same period in a later 8-K: not an annual report, ignored.
        fact("2023-01-01", "2023-12-31", 999e6, "8-K", "2024-09-01"),
        // A quarter inside a 10-K, marked fp FY: not a full year.
        fact("2023-10-01", "2023-12-31", 30e6, "10-K", "2024-02-01"),
        // A 336-day stub period: not a full year.
        fact("2021-02-01", "2022-01-03", 50e6, "10-K", "2022-03-01"),
        // A 52-week year ending 2 January 2022 belongs to 2021 (1-7 January rule).
        fact("2021-01-04", "2022-01-02", 80e6, "10-K", "2022-03-01"),
        // One ending 8 January is its own calendar year (2024).
        fact("2023-01-09", "2024-01-08", 120e6, "20-F", "2024-03-01"),
    ];
    let i = import_text(&facts_json(&[("Revenues", "USD", revenue)])).expect("imports");
    let years: Vec<(i32, f64)> = i
        .loaded
        .dataset
        .years
        .iter()
        .map(|y| (y.year, y.revenue))
        .collect();
    assert_eq!(years, vec![(2021, 80.0), (2023, 101.0), (2024, 120.0)]);
    assert_eq!(
        year(&i, 2023).notes["revenue"],
        "Revenues, year ended 2023-12-31: 10-K/A filed 2024-06-01, accn acc-2024-06-01"
    );
    assert_eq!(i.loaded.dataset.company, "Test Co Inc");
}

#[test]
fn concepts_by_priority_per_year_and_free_cash_flow_only_from_both_parts() {
    let y22 = ("2022-01-01", "2022-12-31", "2023-02-01");
    let y23 = ("2023-01-01", "2023-12-31", "2024-02-01");
    let f = |p: (&str, &str, &str), v: f64| fact(p.0, p.1, v, "10-K", p.2);
    let text = facts_json(&[
        ("SalesRevenueNet", "USD", vec![f(y22, 90e6), f(y23, 100e6)]),
        (
            "RevenueFromContractWithCustomerExcludingAssessedTax",
            "USD",
            vec![f(y23, 101e6)],
        ),
        // A component tag is never revenue, even for a year with nothing else.
        ("SalesRevenueGoodsNet", "USD", vec![f(y22, 60e6)]),
        ("NetIncomeLoss", "USD", vec![f(y22, 10e6)]),
        ("ProfitLoss", "USD", vec![f(y22, 11e6), f(y23, 12e6)]),
        (
            "NetCashProvidedByUsedInOperatingActivities",
            "USD",
            vec![f(y22, 20e6)],
        ),
        (
            "PaymentsToAcquirePropertyPlantAndEquipment",
            "USD",
            vec![f(y22, 5e6)],
        ),
        (
            "PaymentsToAcquireProductiveAssets",
            "USD",
            vec![f(y23, 6e6)],
        ),
    ]);
    let i = import_text(&text).expect("imports");
    let (a, b) = (year(&i, 2022), year(&i, 2023));
    // Revenue: SalesRevenueNet in 2022, the contract tag (higher priority) in 2023.
    assert_eq!((a.revenue, b.revenue), (90.0, 101.0));
    // Net income: NetIncomeLoss when there, else ProfitLoss.
    assert_eq!((a.net_income, b.net_income), (Some(10.0), Some(12.0)));
    // Capex: whichever the year has.
    assert_eq!((a.capex, b.capex), (Some(5.0), Some(6.0)));
    // FCF 2022 = 20 - 5 = 15; 2023 has no operating cash flow: empty, never 0 or -6.
    assert_eq!((a.free_cash_flow, b.free_cash_flow), (Some(15.0), None));
    assert_eq!(
        i.warnings,
        vec![
            "t.json: revenue concept changes between 2022 (SalesRevenueNet) and 2023 (RevenueFromContractWithCustomerExcludingAssessedTax); check the two years are comparable"
        ]
    );
}

#[test]
fn bad_companyfacts_are_refused_at_their_place() {
    fn y(v: f64, unit: &str) -> (&'static str, &str, Vec<String>) {
        (
            "Revenues",
            unit,
            vec![fact("2023-01-01", "2023-12-31", v, "10-K", "2024-02-01")],
        )
    }
    // Mixed currencies, at the JSON path of the second one.
    let mixed = facts_json(&[
        y(1e6, "USD"),
        (
            "GrossProfit",
            "EUR",
            vec![fact("2023-01-01", "2023-12-31", 1.0, "10-K", "2024-02-01")],
        ),
    ]);
    assert_eq!(
        import_text(&mixed).err().as_deref(),
        Some(
            "t.json:facts.us-gaap.GrossProfit.units.EUR: mixed currencies: USD and EUR; a dataset keeps one currency (import each currency's figures separately)"
        )
    );
    // No annual revenue: only a component tag.
    let none = facts_json(&[(
        "SalesRevenueGoodsNet",
        "USD",
        vec![fact("2023-01-01", "2023-12-31", 1.0, "10-K", "2024-02-01")],
    )]);
    assert_eq!(
        import_text(&none).err().as_deref(),
        Some(
            "t.json: no annual revenue: no full-year (350-380 day) Revenues / RevenueFromContractWithCustomerExcludingAssessedTax / RevenueFromContractWithCustomerIncludingAssessedTax / SalesRevenueNet fact in a 10-K, 20-F or 40-F"
        )
    );
    // A value of the wrong type, at its JSON path.
    let bad = facts_json(&[y(1.0, "USD")]).replace("\"val\": 1", "\"val\": \"1\"");
    let e = import_text(&bad).expect_err("error");
    assert!(
        e.starts_with(
            "t.json:facts.us-gaap.Revenues.units.USD[0]: invalid type: string \"1\", expected f64"
        ),
        "{e}"
    );
    // Truncated JSON, at its line:column.
    let text = facts_json(&[y(1.0, "USD")]);
    let cut = &text[..text.len() - 20];
    let e = import_text(cut).expect_err("error");
    assert!(
        e.starts_with(&format!(
            "t.json:1:{}: the file ends too early (truncated JSON)",
            cut.len()
        )),
        "{e}"
    );
    // JSON, but not companyfacts.
    assert_eq!(
        import_text("{\"hello\": [1, 2]}").err().as_deref(),
        Some(
            "t.json: JSON, but not SEC companyfacts: it has no `facts` object (expected `facts` with `us-gaap` or `ifrs-full` concepts)"
        )
    );
}
