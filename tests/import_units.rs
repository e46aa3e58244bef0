//! Issue 21: units in CSV and workbooks. The tidy layout's `unit` column is read row by
//! row (`USD m` was ignored and 748 imported as $748, a millionfold wrong), a statement's
//! units cell the same way, a unit not understood is an error at its cell, rows of one
//! metric in different scales are converted, and what cannot be converted is refused.

// Tests unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use moneymap::import::{self, ImportError, ImportErrorKind, ImportOptions, Imported};
use moneymap::model::Scale;

fn import_csv(text: &str) -> Result<Imported, ImportError> {
    import::import_bytes(
        &[(Path::new("t.csv"), text.as_bytes())],
        &ImportOptions::default(),
    )
}

/// Revenue of each year in whole currency units.
fn revenue_units(i: &Imported) -> Vec<f64> {
    let ds = &i.loaded.dataset;
    ds.years
        .iter()
        .map(|y| y.revenue * ds.scale.factor())
        .collect()
}

#[test]
fn defect_3_a_unit_column_of_usd_m_is_millions() {
    let i =
        import_csv("company,year,metric,value,unit\nBandwidth,2024,revenue,748,USD m\n").unwrap();
    assert_eq!(revenue_units(&i), [748e6]);
    assert_eq!(i.loaded.dataset.scale, Scale::Millions);
    assert_eq!(i.loaded.dataset.currency, "USD");
    // No warning that there is no units cell: there is one on every row.
    assert!(
        !i.warnings.iter().any(|w| w.contains("no units cell")),
        "{:?}",
        i.warnings
    );
}

#[test]
fn every_way_of_writing_a_unit_reads() {
    let cases = [
        ("USD m", 1e6),
        ("USDm", 1e6),
        ("$m", 1e6),
        ("m USD", 1e6),
        ("$mm", 1e6),
        ("USD MM", 1e6),
        ("USD bn", 1e9),
        ("$000s", 1e3),
        ("USD '000", 1e3),
        ("USD millions", 1e6),
    ];
    for (unit, factor) in cases {
        let csv = format!("company,year,metric,value,unit\nA,2024,revenue,5,{unit}\n");
        let i = import_csv(&csv).unwrap_or_else(|e| panic!("{unit}: {e}"));
        assert_eq!(revenue_units(&i), [5.0 * factor], "{unit}");
    }
    let eur = import_csv("company,year,metric,value,unit\nA,2024,revenue,5,EUR '000\n").unwrap();
    assert_eq!(eur.loaded.dataset.currency, "EUR");
    assert_eq!(revenue_units(&eur), [5e3]);
}

#[test]
fn a_unit_not_understood_is_an_error_at_its_cell() {
    let e = import_csv("company,year,metric,value,unit\nA,2024,revenue,5,USD gazillions\n")
        .unwrap_err();
    assert_eq!(
        e.kind,
        ImportErrorKind::UnitNotUnderstood("USD gazillions".into())
    );
    assert_eq!(e.place.as_deref(), Some("2:5"), "{e}");
    assert!(
        e.to_string()
            .contains("unit `USD gazillions` not understood: use e.g. USD millions"),
        "{e}"
    );
}

#[test]
fn rows_of_one_metric_in_different_scales_are_converted() {
    let csv = "company,year,metric,value,unit\n\
               A,2023,revenue,900,USD m\n\
               A,2024,revenue,1.2,USD bn\n\
               A,2024,KPI: Net retention,112,%\n";
    let i = import_csv(csv).unwrap();
    assert_eq!(revenue_units(&i), [900e6, 1.2e9]);
}

#[test]
fn what_cannot_be_converted_is_refused() {
    // A percent unit on revenue (money).
    let e = import_csv("company,year,metric,value,unit\nA,2024,revenue,5,%\n").unwrap_err();
    assert!(
        matches!(e.kind, ImportErrorKind::NotMoneyUnit { .. }),
        "{e}"
    );
    // One KPI as a percent, then as a count.
    let e = import_csv(
        "company,year,metric,value,unit\nA,2023,revenue,5,USD m\nA,2023,KPI: Churn,3,%\nA,2024,KPI: Churn,3,count\n",
    )
    .unwrap_err();
    assert!(matches!(e.kind, ImportErrorKind::MixedUnits { .. }), "{e}");
    assert_eq!(e.place.as_deref(), Some("4:5"));
    // A money row without a scale among rows with one: never read as whole units.
    let e =
        import_csv("company,year,metric,value,unit\nA,2023,revenue,5,USD m\nA,2024,revenue,6,\n")
            .unwrap_err();
    assert!(matches!(e.kind, ImportErrorKind::UnitMissing { .. }), "{e}");
    assert_eq!(e.place.as_deref(), Some("3:5"));
}

#[test]
fn whole_units_only_when_no_row_gives_a_unit_with_the_warning() {
    // No unit at all, so no currency either: refused for that, not guessed at.
    let e = import_csv("company,year,metric,value\nA,2024,revenue,748000000\n").unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::NoCurrency);
    let i = import_csv("company,year,metric,value,unit\nA,2024,revenue,748000000,USD\n").unwrap();
    assert_eq!(revenue_units(&i), [748e6]);
    assert!(
        i.warnings
            .iter()
            .any(|w| w.contains("whole currency units")),
        "{:?}",
        i.warnings
    );
}

#[test]
fn a_statement_units_cell_is_read_the_same_way() {
    let csv = "Acme — income statement,,\nUSD m,,\n,2023,2024\nRevenue,900,\"1,200\"\n";
    let i = import_csv(csv).unwrap();
    assert_eq!(revenue_units(&i), [900e6, 1.2e9]);
    let csv = "Acme ($ in thousands, except per share data),,\n,2023,2024\nRevenue,900,\"1,200\"\n";
    let i = import_csv(csv).unwrap();
    assert_eq!(revenue_units(&i), [900e3, 1.2e6]);
    let e = import_csv("Acme,,\nUSD gazillions,,\n,2023,2024\nRevenue,900,1200\n").unwrap_err();
    assert_eq!(
        e.kind,
        ImportErrorKind::UnitNotUnderstood("USD gazillions".into())
    );
    assert_eq!(e.place.as_deref(), Some("2:1"));
}

#[test]
fn an_implausible_value_is_refused_at_its_cell() {
    let e = import_csv("company,year,metric,value,unit\nA,2024,revenue,1e200,USD m\n");
    // "1e200" is not how a table prints a number: refused as such, at its cell.
    assert!(e.is_err());
    let big = format!(
        "company,year,metric,value,unit\nA,2024,revenue,{},USD bn\n",
        "9".repeat(12)
    );
    let e = import_csv(&big).unwrap_err();
    assert!(matches!(e.kind, ImportErrorKind::Implausible(_)), "{e}");
    assert_eq!(e.place.as_deref(), Some("2:4"));
    assert!(e.to_string().contains("in whole currency units"), "{e}");
    let e = import_csv(
        "company,year,metric,value,unit\nA,2024,revenue,5,USD m\nA,2024,KPI: Retention,100000,%\n",
    )
    .unwrap_err();
    assert!(matches!(e.kind, ImportErrorKind::Implausible(_)), "{e}");
    assert_eq!(e.place.as_deref(), Some("3:4"));
}

#[test]
fn an_implausible_companyfacts_fact_is_refused_at_the_fact() {
    let json = std::fs::read_to_string("tests/fixtures/companyfacts/cordillera-ifrs.json").unwrap();
    assert!(json.contains("\"val\": 40255100"));
    let bad = json.replace("\"val\": 40255100", "\"val\": 1e300");
    let e = import::import_bytes(
        &[(Path::new("lpa.json"), bad.as_bytes())],
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e.kind, ImportErrorKind::Implausible(_)), "{e}");
    let place = e.place.clone().unwrap_or_default();
    assert!(place.starts_with("facts.ifrs-full."), "{place}");
    assert!(
        e.to_string()
            .contains("1e300 is 1e300 in whole currency units"),
        "{e}"
    );
}

/// Regression (fresh-eyes review): in a statement, "12%" in the revenue row was read as 12
/// USD millions (revenue -99% YoY, a net margin of 416.7%). A percent on a money row is an
/// error at its cell, as in the tidy layout.
#[test]
fn a_percent_in_a_statements_money_row_is_refused_at_its_cell() {
    let e = import_csv(
        "Acme Inc — income statement,,\nUSD m,,\n,2023,2024\nRevenue,\"1,200\",12%\nNet income,40,50\n",
    )
    .unwrap_err();
    assert!(
        matches!(e.kind, ImportErrorKind::NotMoneyUnit { .. }),
        "{e}"
    );
    assert_eq!(e.place.as_deref(), Some("4:3"));
    assert!(
        e.to_string().ends_with(
            "Revenue is money, but its unit is `%`: give it a currency unit such as USD m"
        ),
        "{e}"
    );
    // A KPI row may hold percents.
    let ok = import_csv(
        "Acme Inc — income statement,,\nUSD m,,\n,2023,2024\nRevenue,\"1,200\",\"1,300\"\nKPI: Net retention %,110%,112%\n",
    );
    assert!(ok.is_ok(), "{:?}", ok.err().map(|e| e.to_string()));
}

/// Regression (fresh-eyes review): two units cells that disagree (`USD m` beside `EUR m`)
/// imported as USD millions without a word. It is an error at the second cell, naming the
/// first; two cells that agree (`USD m` and `$mm`) are fine.
#[test]
fn units_cells_that_disagree_are_refused() {
    let e = import_csv("Acme Inc,,\nUSD m,EUR m,\n,2023,2024\nRevenue,100,120\n").unwrap_err();
    assert!(
        matches!(e.kind, ImportErrorKind::ConflictingUnits { .. }),
        "{e}"
    );
    assert_eq!(e.place.as_deref(), Some("2:2"));
    assert!(
        e.to_string()
            .ends_with("units cell `EUR m` disagrees with `USD m` at 2:1: a statement has one unit; remove one of them"),
        "{e}"
    );
    let e = import_csv("Acme Inc,,\nUSD m,USD bn,\n,2023,2024\nRevenue,100,120\n").unwrap_err();
    assert!(
        matches!(e.kind, ImportErrorKind::ConflictingUnits { .. }),
        "{e}"
    );
    let same = import_csv("Acme Inc,,\nUSD m,$mm,\n,2023,2024\nRevenue,100,120\n");
    assert!(same.is_ok(), "{:?}", same.err().map(|e| e.to_string()));
}
