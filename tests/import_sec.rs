//! SEC companyfacts import, on files written by hand: each rule of the importer
//! (`src/import/sec.rs`) on two small made-up companies in companyfacts shape
//! (`tests/fixtures/companyfacts/`) and on facts built for one rule each. These run in any
//! clone; the real files' reference figures are `tests/import_sec_real.rs`.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use moneymap::import::{self, ImportOptions, Imported};
use moneymap::model::Scale;

mod common;
use common::{fixture, year};

fn import_file(name: &str) -> Imported {
    import::import_sources(
        &[fixture(&format!("companyfacts/{name}"))],
        &ImportOptions::default(),
    )
    .expect("imports")
}

/// A year ending 31 January, losses, a restated year, periods that are not full years,
/// capitalised software: the rules a Snowflake-like filer exercises.
#[test]
fn a_january_year_end_filer_by_the_rules() {
    let i = import_file("frostline.json");
    let ds = &i.loaded.dataset;
    // "FROSTLINE DATA INC." as filed.
    assert_eq!(ds.company, "Frostline Data Inc.");
    assert_eq!((ds.currency.as_str(), ds.scale), ("USD", Scale::Millions));
    assert_eq!(
        ds.fiscal_year.as_deref(),
        Some("Fiscal year ends 31 January")
    );
    // The 336-day stub ending 2022-01-31 is no year; nor are the quarters and the
    // nine-month figure of 2025 (each would otherwise have replaced the full year).
    let years: Vec<(i32, f64)> = ds.years.iter().map(|y| (y.year, y.revenue)).collect();
    assert_eq!(years, [(2023, 1_512.34), (2024, 2_104.56), (2025, 2_718.9)]);
    // FY2023 restated in the FY2025 10-K: the later filing wins and is the note.
    assert_eq!(
        year(&i, 2023).notes["revenue"],
        "RevenueFromContractWithCustomerExcludingAssessedTax, year ended 2023-01-31: 10-K filed 2025-03-20, accn 0009990001-25-000011"
    );
    let y = year(&i, 2025);
    assert_eq!(
        [
            y.gross_profit,
            y.operating_income,
            y.net_income,
            y.operating_cash_flow,
            y.capex
        ],
        [
            Some(1_795.32),
            Some(-1_089.45),
            Some(-962.78),
            Some(702.41),
            Some(38.16)
        ]
    );
    // FCF = 702.41 - 38.16, derived; capitalised software is not capex, but is noted.
    assert!((y.free_cash_flow.unwrap() - 664.25).abs() < 1e-9);
    assert!(y.fcf_derived);
    assert!(
        y.notes["capex"].ends_with(
            "; capitalised software (USD 24.7 million, PaymentsToDevelopSoftware) is not included"
        ),
        "{}",
        y.notes["capex"]
    );
    assert!(!year(&i, 2024).notes["capex"].contains("software"));
    // Segment revenue is not in companyfacts: the dataset says so, and has no split.
    assert!(ds.segments.is_empty());
    assert!(i.segments_unknown);
    assert_eq!(
        ds.source.basis,
        "US GAAP, as filed; segment revenue is not in SEC companyfacts"
    );
    // A numeric `cik`, as most files have it.
    assert_eq!(
        ds.source.citation.as_deref(),
        Some("https://data.sec.gov/api/xbrl/companyfacts/CIK0009990001.json")
    );
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

/// A 20-F filer in `ifrs-full`: IFRS concepts, no gross profit, a string `cik`; a half
/// year on a 6-K and a stray us-gaap fact are not used.
#[test]
fn an_ifrs_20f_filer_by_the_rules() {
    let i = import_file("cordillera-ifrs.json");
    let ds = &i.loaded.dataset;
    assert_eq!(ds.company, "Cordillera Logistics Parks");
    assert_eq!(
        ds.source.basis,
        "IFRS, as filed; segment revenue is not in SEC companyfacts"
    );
    assert_eq!(
        ds.source.citation.as_deref(),
        Some("https://data.sec.gov/api/xbrl/companyfacts/CIK0009990002.json")
    );
    assert_eq!((ds.currency.as_str(), ds.scale), ("USD", Scale::Millions));
    assert_eq!(
        ds.fiscal_year.as_deref(),
        Some("Fiscal year ends 31 December")
    );
    assert_eq!(ds.year_span(), (2023, 2024));
    let y = year(&i, 2024);
    assert_eq!(
        (y.revenue, y.operating_income, y.capex),
        (40.2551, Some(33.4158), Some(0.0648))
    );
    // ProfitLoss, not the us-gaap NetIncomeLoss of 999 million.
    assert_eq!(y.net_income, Some(-17.6509));
    assert_eq!(y.gross_profit, None, "no gross profit in the filing");
    assert_eq!(y.operating_cash_flow, None);
    assert_eq!(y.free_cash_flow, None, "no FCF without operating cash flow");
    assert_eq!(
        year(&i, 2023).notes["revenue"],
        "Revenue, year ended 2023-12-31: 20-F filed 2025-04-10, accn 0009990002-25-000004"
    );
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

/// 52/53-week years (363 to 370 days) and the note that says so; within a year, the
/// concept first in priority: `Revenues` before the contract tag, PP&E before productive
/// assets, operating cash flow of continuing operations when the plain one is missing.
#[test]
fn fifty_two_week_years_and_a_year_filed_under_two_concepts() {
    let p = [
        ("2021-09-26", "2022-09-24", "2022-10-28"),
        ("2022-09-25", "2023-09-30", "2023-11-03"),
        ("2023-10-01", "2024-09-28", "2024-11-01"),
    ];
    let f = |i: usize, v: f64| fact(p[i].0, p[i].1, v, "10-K", p[i].2);
    let text = facts_json(&[
        ("Revenues", "USD", vec![f(0, 300e9), f(1, 310e9)]),
        (
            "RevenueFromContractWithCustomerExcludingAssessedTax",
            "USD",
            vec![f(0, 1e9), f(1, 2e9), f(2, 320e9)],
        ),
        (
            "PaymentsToAcquirePropertyPlantAndEquipment",
            "USD",
            vec![f(1, 11e9)],
        ),
        (
            "PaymentsToAcquireProductiveAssets",
            "USD",
            vec![f(0, 10e9), f(1, 99e9)],
        ),
        (
            "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations",
            "USD",
            vec![f(2, 100e9)],
        ),
    ]);
    let i = import_text(&text).expect("imports");
    let ds = &i.loaded.dataset;
    assert_eq!(
        ds.fiscal_year.as_deref(),
        Some("Fiscal year ends around 28 September (52/53-week years; latest end 2024-09-28)")
    );
    // 320 billion: a readable scale is billions.
    assert_eq!(ds.scale, Scale::Billions);
    let rows: Vec<(i32, f64, Option<f64>)> = ds
        .years
        .iter()
        .map(|y| (y.year, y.revenue, y.capex))
        .collect();
    assert_eq!(
        rows,
        [
            (2022, 300.0, Some(10.0)),
            (2023, 310.0, Some(11.0)),
            (2024, 320.0, None)
        ]
    );
    assert!(
        year(&i, 2023).notes["capex"].starts_with("PaymentsToAcquirePropertyPlantAndEquipment,")
    );
    assert_eq!(year(&i, 2024).operating_cash_flow, Some(100.0));
    assert!(
        year(&i, 2024).notes["operating_cash_flow"]
            .starts_with("NetCashProvidedByUsedInOperatingActivitiesContinuingOperations,")
    );
    assert_eq!(
        i.warnings,
        [
            "t.json: revenue concept changes between 2023 (Revenues) and 2024 (RevenueFromContractWithCustomerExcludingAssessedTax); check the two years are comparable"
        ]
    );
}

/// Only currency units count (`EUR`, not `EUR/shares`, `shares` or `pure`), and facts
/// with no `start` (balances at a date) are no year; of two full years with one label,
/// the later period end wins; a `ticker` is kept; small figures read in thousands.
#[test]
fn currency_units_period_facts_and_the_later_end_in_a_label() {
    let e = |start: Option<&str>, end: &str, val: f64| {
        let start = start.map_or(String::new(), |s| format!("\"start\": \"{s}\", "));
        format!(
            "{{{start}\"end\": \"{end}\", \"val\": {val}, \"accn\": \"a\", \"form\": \"10-K\", \"filed\": \"2024-03-01\"}}"
        )
    };
    let text = format!(
        "{{\"cik\": 7, \"entityName\": \"Kleine GmbH\", \"ticker\": \"KLN\", \"facts\": {{\"us-gaap\": {{\"Revenues\": {{\"units\": {{\
         \"EUR\": [{}, {}, {}, {}], \"EUR/shares\": [{}], \"shares\": [{}], \"pure\": [{}]}}}}}}}}}}",
        e(Some("2022-01-01"), "2022-12-31", 400_000.0),
        // Balance at a date: no period, no year.
        e(None, "2021-12-31", 1e12),
        e(Some("2023-01-01"), "2023-12-31", 500_000.0),
        // The year moved to end on 5 January: still 2023, and the later end wins.
        e(Some("2023-01-09"), "2024-01-05", 510_000.0),
        e(Some("2022-01-01"), "2022-12-31", 3.5),
        e(Some("2022-01-01"), "2022-12-31", 9e9),
        e(Some("2022-01-01"), "2022-12-31", 0.5),
    );
    let i = import_text(&text).expect("imports");
    let ds = &i.loaded.dataset;
    assert_eq!((ds.currency.as_str(), ds.scale), ("EUR", Scale::Thousands));
    assert_eq!(ds.ticker.as_deref(), Some("KLN"));
    assert_eq!(ds.company, "Kleine GmbH", "a name with lower case stays");
    let years: Vec<(i32, f64)> = ds.years.iter().map(|y| (y.year, y.revenue)).collect();
    assert_eq!(years, [(2022, 400.0), (2023, 510.0)]);
    assert!(year(&i, 2023).notes["revenue"].contains("year ended 2024-01-05"));
}

/// Names filed in capitals read as names; short all-capital words other than legal
/// suffixes are kept ("IBM", "AB").
#[test]
fn shouted_company_names_become_readable() {
    use moneymap::import::sec::readable_name;
    assert_eq!(readable_name("SNOWFLAKE INC."), "Snowflake Inc.");
    assert_eq!(readable_name("NORDVIK AB"), "Nordvik AB");
    assert_eq!(readable_name("IBM CORP"), "IBM Corp");
    assert_eq!(readable_name(" Apple Inc. "), "Apple Inc.");
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
