//! CSV and workbook import (statement and tidy layouts), merging sources, the RON writer
//! (write, load, same dataset; no silent overwrite) and `moneymap table`.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use moneymap::import::{self, ImportOptions, Imported};
use moneymap::model::{self, KpiKind, Scale};

mod common;
use common::{fixture, year};

fn import(paths: &[&str], sheet: Option<&str>) -> Imported {
    let paths: Vec<PathBuf> = paths.iter().map(|p| fixture(p)).collect();
    let options = ImportOptions {
        sheet: sheet.map(str::to_owned),
    };
    import::import_sources(&paths, &options).unwrap_or_else(|e| panic!("{e}"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_moneymap"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The statement CSV: title, "SEK million", years across, segments that sum to the total
/// row, a blank cell, `(4,943)` negatives, capex printed negative, KPIs by prefix.
fn check_nordvik(i: &Imported) {
    let ds = &i.loaded.dataset;
    assert_eq!(ds.company, "Nordvik AB");
    assert_eq!((ds.currency.as_str(), ds.scale), ("SEK", Scale::Millions));
    let names: Vec<&str> = ds.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Networks", "Cloud Software", "Enterprise"]);
    let y22 = year(i, 2022);
    // 12,400 + 3,210 + 1,890 = 17,500: the rows are segments of "Total net sales".
    assert_eq!(y22.revenue, 17_500.0);
    assert_eq!(y22.segments["Cloud Software"], 3_210.0);
    assert_eq!(y22.gross_profit, None, "blank cell: no value, not 0");
    let y23 = year(i, 2023);
    assert_eq!(
        (y23.operating_income, y23.net_income),
        (Some(-4_943.0), Some(-5_210.0))
    );
    // Capex printed (650) is spending of 650; FCF = 1,100 - 650 = 450, derived.
    assert_eq!((y23.capex, y23.free_cash_flow), (Some(650.0), Some(450.0)));
    assert!(y23.fcf_derived);
    let kpis: Vec<(&str, KpiKind, f64)> = year(i, 2024)
        .kpis
        .iter()
        .map(|k| (k.name.as_str(), k.kind, k.value))
        .collect();
    assert_eq!(
        kpis,
        [
            ("Customers", KpiKind::Count, 1_420.0),
            ("Net revenue retention", KpiKind::Percent, 101.0)
        ]
    );
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    assert!(i.loaded.warnings.is_empty(), "{:?}", i.loaded.warnings);
}

#[test]
fn a_statement_csv_imports_with_segments_negatives_and_units() {
    let i = import(&["import/nordvik-statement.csv"], None);
    check_nordvik(&i);
    assert_eq!(
        year(&i, 2023).notes["operating_income"],
        "nordvik-statement.csv:10:3"
    );
}

#[test]
fn the_same_statement_as_an_xlsx_reads_values_not_formatting() {
    // Made from the CSV by tests/fixtures/import/make_workbooks.py (openpyxl); the
    // figures are on the second sheet, so the first has no year header.
    let i = import(&["import/nordvik-statement.xlsx"], Some("Income statement"));
    check_nordvik(&i);
    assert_eq!(
        year(&i, 2023).notes["operating_income"],
        "nordvik-statement.xlsx:Income statement!C10"
    );
}

/// The tidy CSV: one row per company, year, metric, value and unit.
fn check_acme(i: &Imported) {
    let ds = &i.loaded.dataset;
    assert_eq!(
        (ds.company.as_str(), ds.currency.as_str()),
        ("Acme Cloud", "USD")
    );
    let y = year(i, 2024);
    // Cloud 1,050 + Devices 450 = 1,500 = revenue: unprefixed metrics become segments.
    assert_eq!(
        y.segments.values().copied().collect::<Vec<_>>(),
        [1_050.0, 450.0]
    );
    assert_eq!((y.revenue, y.free_cash_flow), (1_500.0, Some(150.0)));
    assert!(!y.fcf_derived, "written, not derived");
    assert_eq!(year(i, 2023).operating_income, Some(-50.0));
    assert_eq!(
        y.kpi("Net revenue retention").map(|k| (k.kind, k.value)),
        Some((KpiKind::Percent, 112.0))
    );
    assert_eq!(
        y.kpi("Customers").map(|k| (k.kind, k.value)),
        Some((KpiKind::Count, 5_900.0))
    );
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

#[test]
fn a_tidy_csv_and_the_same_as_an_ods_import() {
    check_acme(&import(&["import/acme-tidy.csv"], None));
    check_acme(&import(&["import/acme-tidy.ods"], None));
}

#[test]
fn sec_facts_merge_with_a_csv_of_segment_revenue() {
    let i = import(
        &[
            "companyfacts/frostline.json",
            "import/frostline-segments.csv",
        ],
        None,
    );
    let ds = &i.loaded.dataset;
    assert_eq!(ds.segments.len(), 2);
    let y = year(&i, 2025);
    // 2,571,230 + 147,670 thousand = 2,718,900 thousand = the 10-K's revenue (millions).
    assert_eq!(y.segments["Product revenue"], 2_571.23);
    assert_eq!(y.segments["Professional services and other"], 147.67);
    assert_eq!(y.revenue, 2_718.9);
    assert!(y.notes["revenue"].contains("10-K filed 2025-03-20"));
    assert_eq!(y.notes["Product revenue"], "frostline-segments.csv:4:3");
    // Years before the CSV's are marked as having no split, not warned about per segment.
    assert!(year(&i, 2023).no_segment_split);
    assert!(!year(&i, 2024).no_segment_split);
    assert!(i.loaded.warnings.is_empty(), "{:?}", i.loaded.warnings);
    assert!(!ds.source.basis.contains("not in SEC companyfacts"));
}

#[test]
fn a_later_source_wins_a_disagreement_with_a_warning_naming_both() {
    let i = import(
        &[
            "companyfacts/frostline.json",
            "import/frostline-conflict.csv",
        ],
        None,
    );
    assert_eq!(year(&i, 2025).revenue, 2_700.0);
    assert_eq!(
        year(&i, 2025).notes["revenue"],
        "frostline-conflict.csv:4:2"
    );
    assert_eq!(
        i.warnings,
        [
            "2025 revenue: frostline.json gives 2,718,900,000 but frostline-conflict.csv gives 2,700,000,000; using frostline-conflict.csv (the later source)"
        ]
    );
    // The gap it fills comes from the earlier source: 2024 stays the 10-K's.
    assert_eq!(year(&i, 2024).revenue, 2_104.56);
}

/// Writes `i` as RON and loads it back: the same dataset.
fn round_trip(i: &Imported, what: &str) {
    let text = import::to_ron(i, "2026-01-02");
    let back = model::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back.dataset, i.loaded.dataset, "{what}");
    assert!(text.starts_with("// "), "header comment");
    assert!(text.contains("imported by moneymap on 2026-01-02"));
}

#[test]
fn the_written_ron_loads_back_to_the_same_dataset_and_passes_check() {
    for sources in [
        vec![
            "companyfacts/frostline.json",
            "import/frostline-segments.csv",
        ],
        vec!["companyfacts/cordillera-ifrs.json"],
        vec!["import/nordvik-statement.csv"],
        vec!["import/acme-tidy.csv"],
    ] {
        round_trip(&import(&sources, None), &format!("{sources:?}"));
    }
    let sf = import::to_ron(
        &import(&["companyfacts/frostline.json"], None),
        "2026-01-02",
    );
    assert!(sf.contains(
        "    // No segment split in the sources (SEC companyfacts has no segment revenue).\n"
    ));
    assert!(sf.contains("    segments: [],\n"));
    assert!(sf.contains(
        "            // free cash flow 664.25 is derived: operating_cash_flow - capex\n"
    ));
}

/// The real companyfacts files (18 years of Apple, 7 of Snowflake, an IFRS filer) write
/// and load back the same way; skipped, saying so, without `../shared/fixtures`.
#[test]
fn the_real_companyfacts_files_write_and_load_back() {
    for name in ["apple.json", "snowflake.json", "lpa-ifrs.json"] {
        let Some(path) = common::shared_fixture(&format!("sec-companyfacts/{name}")) else {
            continue;
        };
        let i = import::import_sources(&[path], &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        round_trip(&i, name);
    }
}

#[test]
fn import_writes_a_new_file_and_never_replaces_one_without_force() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("nordvik.ron");
    let out_s = out.display().to_string();
    let csv = fixture("import/nordvik-statement.csv")
        .display()
        .to_string();
    let (code, stdout, stderr) = run(&["import", &csv, "--out", &out_s]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        format!("{out_s}: Nordvik AB (SEK millions), 2022-2024 (3 years), 3 segments\n")
    );
    let (code, stdout, _) = run(&["check", &out_s]);
    assert_eq!(code, 0);
    assert!(stdout.contains("  segments:  3 (Networks, Cloud Software, Enterprise)"));
    // Again: refused, the file untouched.
    std::fs::write(&out, "my edits").expect("write");
    let (code, _, stderr) = run(&["import", &csv, "--out", &out_s]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "moneymap import: {out_s}: already exists; choose another name, or replace it (--force)\n"
        )
    );
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "my edits");
    let (code, _, _) = run(&["import", &csv, "--out", &out_s, "--force"]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .contains("Nordvik AB")
    );
}

#[test]
fn table_prints_every_figure_with_derived_marked_and_plain_csv() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("n.ron");
    let csv = fixture("import/nordvik-statement.csv")
        .display()
        .to_string();
    assert_eq!(
        run(&["import", &csv, "--out", &out.display().to_string()]).0,
        0
    );
    let (code, text, _) = run(&["table", &out.display().to_string()]);
    assert_eq!(code, 0);
    // One line per column, one column per year; derived FCF marked.
    assert!(text.contains("Free cash flow"), "{text}");
    assert!(text.contains("1,800*"), "{text}");
    assert!(
        text.ends_with("* derived: operating cash flow - capex\n"),
        "{text}"
    );
    let (code, csv_out, _) = run(&["table", &out.display().to_string(), "--csv"]);
    assert_eq!(code, 0);
    let mut lines = csv_out.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let row23: Vec<&str> = lines.nth(1).expect("2023").split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{name}: {header:?}"))
    };
    assert_eq!(row23[col("Year")], "2023");
    assert_eq!(row23[col("Revenue (SEK millions)")], "18800");
    // 18,800 / 17,500 - 1 = 7.428571...% ; -4,943 / 18,800 = -26.2926% (4 decimals).
    assert_eq!(row23[col("Revenue YoY (%)")], "7.4286");
    assert_eq!(row23[col("Operating margin (%)")], "-26.2926");
    assert_eq!(row23[col("Free cash flow")], "450");
}

/// The ```csv blocks of `datasets/README.md`, in order.
fn csv_blocks(markdown: &str) -> Vec<&str> {
    markdown
        .split("```csv\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect()
}

#[test]
fn the_documented_csv_examples_import_as_the_docs_say() {
    let blocks = csv_blocks(include_str!("../datasets/README.md"));
    assert_eq!(blocks.len(), 2);
    let one = |name: &str, text: &str| {
        import::import_bytes(
            &[(Path::new(name), text.as_bytes())],
            &ImportOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let statement = one("nordvik.csv", blocks[0]);
    let ds = &statement.loaded.dataset;
    assert_eq!(
        (ds.company.as_str(), ds.currency.as_str()),
        ("Nordvik AB", "SEK")
    );
    // Networks + Cloud Software = Total net sales in every year (12,400 + 3,210 = 15,610).
    assert_eq!(ds.segments.len(), 2);
    let y23 = &ds.years[1];
    assert_eq!(
        (y23.revenue, y23.operating_income, y23.capex),
        (17_055.0, Some(-4_943.0), Some(650.0))
    );
    assert_eq!(y23.kpis[0].value, 1_350.0);
    let tidy = one("acme.csv", blocks[1]);
    let y = &tidy.loaded.dataset.years[0];
    assert_eq!(
        (y.revenue, y.segments.len(), y.net_income),
        (1_500.0, 2, Some(40.0))
    );
    assert_eq!(y.kpis[0].kind, KpiKind::Percent);
}

#[test]
fn what_the_window_will_run_off_its_thread_is_send() {
    fn send<T: Send + 'static>() {}
    send::<Imported>();
    send::<import::ImportError>();
    send::<ImportOptions>();
    // The title names each source and its kind.
    let i = import(
        &[
            "companyfacts/frostline.json",
            "import/frostline-segments.csv",
        ],
        None,
    );
    assert_eq!(
        i.loaded.dataset.source.title,
        "Imported from frostline.json (SEC companyfacts) and frostline-segments.csv (CSV)"
    );
}

#[test]
fn labels_may_sit_in_a_later_column_and_units_may_be_words_or_codes() {
    let text = ",Acme Tools Ltd,,\n,(EURm),,\n,,FY2023,FY2024\n,Turnover,10,12.5\n,Net result,-1,\"2,0\"\n";
    let e = import::import_bytes(
        &[(Path::new("a.csv"), text.as_bytes())],
        &ImportOptions::default(),
    )
    .expect_err("2,0 is not a number");
    assert_eq!(
        e.to_string(),
        "a.csv:5:4: cannot read \"2,0\" as a number: write digits such as 1,234.5 or (4,943), or leave the cell blank"
    );
    let text = text.replace("\"2,0\"", "2");
    let i = import::import_bytes(
        &[(Path::new("a.csv"), text.as_bytes())],
        &ImportOptions::default(),
    )
    .expect("imports");
    let ds = &i.loaded.dataset;
    assert_eq!(
        (ds.company.as_str(), ds.currency.as_str(), ds.scale),
        ("Acme Tools Ltd", "EUR", Scale::Millions)
    );
    assert_eq!(
        (ds.years[1].revenue, ds.years[1].net_income),
        (12.5, Some(2.0))
    );
    assert_eq!(ds.years[0].notes["revenue"], "a.csv:4:3");
}
