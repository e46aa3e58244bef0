//! Slips that used to load without a word (issue 15, section 4), each found by writing a
//! dataset from the docs. Every test here failed on the code before the fix (checked by
//! running this file against that commit); they use only the text a user reads, so they
//! can be run against any version.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model;

/// A dataset with two segments, `{years}` and `{extra}` filled in.
fn doc(years: &str, extra: &str) -> String {
    format!(
        "(\n    company: \"Acme\",\n    currency: \"USD\",\n    scale: Millions,\n    source: (title: \"t\", basis: \"GAAP\"),\n    segments: [(name: \"Cloud\"), (name: \"Devices\")],\n    years: [{years}],\n{extra})\n"
    )
}

fn err(text: &str) -> String {
    match model::parse(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn warnings(text: &str) -> Vec<String> {
    model::parse(text)
        .unwrap_or_else(|e| panic!("should load: {e}\n{text}"))
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect()
}

const SPLIT: &str = "(year: 2023, revenue: 10, segments: {\"Cloud\": 6, \"Devices\": 4}), (year: 2024, revenue: 12, segments: {\"Cloud\": 7, \"Devices\": 5})";
const UNSPLIT_LAST: &str = "(year: 2023, revenue: 10, segments: {\"Cloud\": 6, \"Devices\": 4}), (year: 2024, revenue: 12)";

#[test]
fn a_percent_written_as_a_fraction_is_warned_with_the_fix() {
    // A Percent KPI of 0.39 meant 39%.
    let kpi = doc(
        "(year: 2024, revenue: 785, kpis: [(name: \"Gross margin\", kind: Percent, value: 0.39)])",
        "",
    );
    assert_eq!(
        warnings(&kpi),
        vec!["2024.kpis.\"Gross margin\": 0.39 looks like a fraction: write 39 for 39%"]
    );
    // A preset gross margin of 0.35 projected $2.75M gross profit on $785M revenue.
    let preset = doc(
        SPLIT,
        "    presets: [(name: \"Bear\", levers: [(lever: GrossMargin, value: 0.35)])],\n",
    );
    assert_eq!(
        warnings(&preset),
        vec!["preset \"Bear\".Gross margin: 0.35 looks like a fraction: write 35 for 35%"]
    );
    // 39 (a real percent) and a growth of 0.5 %/yr (plausible) say nothing.
    let fine = doc(
        SPLIT,
        "    presets: [(name: \"Base\", levers: [(lever: GrossMargin, value: 39), (lever: SegmentGrowth(\"Cloud\"), value: 0.5)])],\n",
    );
    assert!(warnings(&fine).is_empty());
}

#[test]
fn a_note_on_a_figure_the_year_does_not_have_is_an_error() {
    let text = doc(
        "(year: 2024, revenue: 12, notes: {\"free_cash_flow\": \"non-GAAP\"})",
        "",
    );
    // Line 7, `    years: [` is 12 characters: the year starts at 13, and
    // `(year: 2024, revenue: 12, notes: {` is 34 more: the key is at column 47.
    assert_eq!(
        err(&text),
        "7:47: note on `free_cash_flow`, but this year has no free_cash_flow; add the figure or remove the note"
    );
}

#[test]
fn validation_errors_point_at_the_line_and_column_with_a_caret() {
    let text = doc(
        "(year: 2023, revenue: 10),\n        (year: 2024, revenue: 12, segments: {\"Clod\": 4})",
        "",
    );
    let e = model::parse(&text).expect_err("undeclared segment");
    assert_eq!(
        e.to_string(),
        "8:46: segment \"Clod\" is not declared in `segments`; did you mean \"Cloud\"?"
    );
    assert_eq!(
        e.caret_snippet().as_deref(),
        Some(
            "8 |         (year: 2024, revenue: 12, segments: {\"Clod\": 4})],\n                                                 ^"
        )
    );
}

#[test]
fn dead_levers_are_refused_with_the_lever_that_works() {
    // The last year has no split: the projection grows total revenue.
    let text = doc(
        UNSPLIT_LAST,
        "    watch: [(title: \"Cloud\", levers: [SegmentGrowth(\"Cloud\")])],\n",
    );
    assert_eq!(
        err(&text),
        "8:39: `SegmentGrowth(\"Cloud\")` cannot move the projection: the last year (2024) has no segment split, so the projection grows total revenue; use `RevenueGrowth`"
    );
    // The last year is split: revenue is the sum of the segments.
    let text = doc(
        SPLIT,
        "    presets: [(name: \"Bull\", levers: [(lever: RevenueGrowth, value: 9)])],\n",
    );
    assert_eq!(
        err(&text),
        "8:47: `RevenueGrowth` cannot move the projection: the last year (2024) is split into segments, so revenue grows with them; use `SegmentGrowth(\"Name\")` for a segment or `UnallocatedGrowth` for revenue outside the segments"
    );
    // The levers that work still load.
    let ok = doc(
        UNSPLIT_LAST,
        "    watch: [(title: \"Growth\", levers: [RevenueGrowth])],\n",
    );
    assert!(model::parse(&ok).is_ok());
}

#[test]
fn a_year_without_its_split_is_reported_once_or_marked_undisclosed() {
    let three = "(year: 2022, revenue: 9, segments: {\"Cloud\": 5, \"Devices\": 4}), (year: 2023, revenue: 10), (year: 2024, revenue: 12, segments: {\"Cloud\": 7, \"Devices\": 5})";
    // Once for the year, not once per segment.
    assert_eq!(
        warnings(&doc(three, "")),
        vec![
            "2023: no segment split (2022 had one); if it is not disclosed, write `no_segment_split: true`"
        ]
    );
    // Said explicitly: nothing to warn about.
    let explicit = three.replace("revenue: 10)", "revenue: 10, no_segment_split: true)");
    assert!(warnings(&doc(&explicit, "")).is_empty());
    // A year cannot both have and lack a split.
    let both = three.replace(
        "segments: {\"Cloud\": 7, \"Devices\": 5})",
        "segments: {\"Cloud\": 7, \"Devices\": 5}, no_segment_split: true)",
    );
    assert!(
        err(&doc(&both, "")).ends_with(
            "2024 says `no_segment_split: true` but lists segments; remove one of the two"
        )
    );
}

#[test]
fn free_cash_flow_is_derived_from_its_parts_never_zero() {
    let text = doc(
        "(year: 2023, revenue: 10, operating_cash_flow: 3), (year: 2024, revenue: 12, operating_cash_flow: 4, capex: 1.5)",
        "",
    );
    let l = model::parse(&text).expect("loads");
    // 2023 lacks capex: no FCF (not 3, not 0). 2024: 4 - 1.5 = 2.5, derived.
    assert_eq!(l.dataset.years[0].free_cash_flow, None);
    assert_eq!(l.dataset.years[1].free_cash_flow, Some(2.5));
    assert!(l.dataset.years[1].fcf_derived);
    let m = model::Metrics::compute(&l.dataset);
    // FCF margin 2.5 / 12 = 0.2083...
    assert!((m.years[1].margins.fcf.expect("fcf") - 2.5 / 12.0).abs() < 1e-12);
    assert!(m.years[1].fcf_derived);
    // Capex written negative (as a cash flow statement prints it) would make FCF too high.
    let negative = doc(
        "(year: 2024, revenue: 12, operating_cash_flow: 4, capex: -1.5)",
        "",
    );
    assert!(
        err(&negative).contains("capex is -1.5; write capital expenditure as a positive amount")
    );
}

#[test]
fn check_says_one_year_not_a_span_of_one_years() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("one.ron");
    std::fs::write(&path, doc("(year: 2021, revenue: 10)", "")).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_moneymap"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("  years:     2021 (1 year)\n"), "{text}");
    assert!(!text.contains("2021-2021"), "{text}");
    // No trend from a single year: say so instead of "CAGR n/a since 2021".
    assert!(
        text.contains("  revenue:   $10.0M in 2021 (one year: no growth yet)\n"),
        "{text}"
    );
}
