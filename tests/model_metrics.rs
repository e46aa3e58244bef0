//! Metrics of the shipped datasets checked against values worked out by hand
//! (each expected number is the arithmetic in its comment, not a re-run of our code).

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::{self, Metrics, WarningKind};

fn close(actual: Option<f64>, expected: f64) {
    let a = actual.unwrap_or_else(|| panic!("expected {expected}, got None"));
    assert!((a - expected).abs() < 1e-9, "expected {expected}, got {a}");
}

fn twilio() -> (model::Loaded, Metrics) {
    let loaded = model::parse(model::TWILIO_RON).expect("twilio.ron loads");
    let m = Metrics::compute(&loaded.dataset);
    (loaded, m)
}

#[test]
fn twilio_growth_shares_and_margins() {
    let (_, m) = twilio();
    let y = m.year(2024).expect("2024");
    close(y.revenue_growth, 0.074_698_795_180_722_75); // 4.46 / 4.15 - 1 = 7.47%
    close(y.segments[0].growth, 0.051_428_571_428_571_38); // 3.68 / 3.50 - 1 = 5.14%
    close(y.segments[1].growth, 0.125); // 0.45 / 0.40 - 1 = 12.5%
    close(y.margins.gross, 0.511_210_762_331_838_5); // 2.28 / 4.46 = 51.1%
    close(y.margins.operating, 0.044_843_049_327_354_265); // 0.20 / 4.46 = 4.5%
    close(y.margins.net, 0.026_905_829_596_412_554); // 0.12 / 4.46
    close(y.margins.fcf, 0.143_497_757_847_533_63); // 0.64 / 4.46
    close(y.segments[0].share, 0.825_112_107_623_318_4); // 3.68 / 4.46 = 82.5%
    close(y.segments[1].share, 0.100_896_860_986_547_09); // 0.45 / 4.46 = 10.1%, not 18%
    close(y.unallocated, 0.33); // 4.46 - 3.68 - 0.45
    close(y.unallocated_share, 0.073_991_031_390_134_53); // 0.33 / 4.46 = 7.4%
    close(y.margin_change.gross, 0.010_005_943_054_730_126); // 2.28/4.46 - 2.08/4.15 = +1.0 pp
    close(y.margin_change.operating, 0.203_879_193_905_667_5); // 0.20/4.46 + 0.66/4.15 = +20.4 pp
    assert_eq!(y.margin_change.fcf, None, "2023 has no FCF, so no change");
    let y23 = m.year(2023).expect("2023");
    assert_eq!(y23.revenue_growth, None, "first year has no growth");
    close(y23.unallocated_share, 0.060_240_963_855_421_68); // 0.25 / 4.15 = 6.0%
    close(m.revenue_multiple, 9.417_040_358_744_394); // 42 / 4.46
    close(m.revenue_cagr, 0.074_698_795_180_722_75); // one year: CAGR = growth
    assert_eq!(m.kpis.len(), 1);
    close(y.kpis[0], 105.0);
}

#[test]
fn twilio_loads_with_the_reconciliation_warning() {
    let (loaded, _) = twilio();
    let unallocated: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| matches!(w.kind, WarningKind::Unallocated { .. }))
        .collect();
    assert_eq!(unallocated.len(), 2, "{:?}", loaded.warnings);
    let w24 = unallocated
        .iter()
        .find(|w| matches!(w.kind, WarningKind::Unallocated { year: 2024, .. }))
        .expect("2024 warning");
    assert_eq!(
        w24.to_string(),
        "2024.segments: segments sum to $4.13B but revenue is $4.46B: $330.0M (7.4% of revenue) is not allocated to any segment"
    );
    assert!(
        unallocated
            .iter()
            .any(|w| w.message.contains("(6.0% of revenue)"))
    );
}

#[test]
fn twilio_dataset_holds_the_article() {
    let (loaded, _) = twilio();
    let ds = &loaded.dataset;
    assert_eq!(ds.company, "Twilio");
    assert_eq!(ds.source.basis, "as stated in the article");
    assert_eq!(ds.segments.len(), 2);
    assert_eq!(ds.segments[0].product_lines.len(), 5);
    assert_eq!(ds.watch.len(), 5);
    assert_eq!(ds.presets.len(), 3);
    assert_eq!(ds.market_cap.as_ref().map(|m| m.value), Some(42.0));
    assert!(ds.competitors.iter().any(|c| c == "MessageBird"));
    let y24 = ds.years.iter().find(|y| y.year == 2024).expect("2024");
    assert_eq!(y24.free_cash_flow, Some(0.64));
    assert!(
        y24.notes.contains_key("operating_income"),
        "article vs reported flagged"
    );
}

#[test]
fn ericsson_loss_year_and_no_gross_profit() {
    let loaded = model::parse(model::ERICSSON_RON).expect("ericsson loads");
    assert!(
        loaded.warnings.is_empty(),
        "segments sum exactly: {:?}",
        loaded.warnings
    );
    let ds = &loaded.dataset;
    let m = Metrics::compute(ds);
    assert_eq!(ds.units_label(), "SEK millions");
    let y = m.year(2024).expect("2024");
    close(y.revenue_growth, -0.058_746_691_677_646_9); // 247880 / 263351 - 1
    close(
        m.year(2023).and_then(|y| y.revenue_growth),
        -0.030_179_048_853_601_23,
    ); // 263351 / 271546 - 1
    close(m.revenue_cagr, -0.044_569_636_892_945_02); // (247880 / 271546)^(1/2) - 1
    close(y.margins.operating, 0.017_399_548_168_468_615); // 4313 / 247880
    close(
        m.year(2023).and_then(|y| y.margins.operating),
        -0.077_182_163_728_256_2,
    ); // -20326 / 263351
    close(y.segments[0].share, 0.638_240_277_553_655); // 158207 / 247880
    close(y.segments[0].growth, -0.077_198_119_480_640_7); // 158207 / 171442 - 1
    assert_eq!(y.margins.gross, None, "no gross profit given");
    assert_eq!(y.unallocated, None, "segments sum exactly");
    assert_eq!(m.revenue_multiple, None);
}

#[test]
fn twilio_reported_no_segments_and_kpi_gaps() {
    let loaded = model::parse(model::TWILIO_REPORTED_RON).expect("loads");
    let ds = &loaded.dataset;
    let m = Metrics::compute(ds);
    assert!(ds.segments.is_empty());
    assert!(!ds.has_segment_split());
    assert_eq!(ds.year_span(), (2019, 2025));
    close(m.revenue_cagr, 0.283_288_790_347_817_4); // (5067 / 1134.5)^(1/6) - 1
    let y = m.latest().expect("latest");
    close(y.revenue_growth, 0.136_608_344_549_125_07); // 5067 / 4458 - 1
    close(y.margins.operating, 0.031_182_159_068_482_335); // 158 / 5067
    close(y.margins.fcf, 0.186_500_888_099_467_13); // 945 / 5067
    // KPIs that stop being reported are flagged, not silently dropped.
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message == "2022 has no KPI \"Active customer accounts\", which 2021 had")
    );
}

#[test]
fn summary_of_latest_year() {
    let (loaded, m) = twilio();
    let s = m.summary(&loaded.dataset);
    assert_eq!(
        (s.first_year, s.last_year, s.year_count, s.segment_count),
        (2023, 2024, 2, 2)
    );
    assert_eq!(s.latest_revenue, 4.46);
    close(s.latest_margins.gross, 0.511_210_762_331_838_5);
}

#[test]
fn years_are_sorted_and_gaps_stop_growth() {
    let text = r#"(company: "Gap", currency: "EUR", scale: Units,
        source: (title: "t", basis: "b"),
        years: [ (year: 2022, revenue: 150), (year: 2019, revenue: 100), (year: 2020, revenue: 120) ])"#;
    let loaded = model::parse(text).expect("loads");
    let years: Vec<i32> = loaded.dataset.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2019, 2020, 2022]);
    let m = Metrics::compute(&loaded.dataset);
    close(m.year(2020).and_then(|y| y.revenue_growth), 0.2); // 120 / 100 - 1
    assert_eq!(
        m.year(2022).and_then(|y| y.revenue_growth),
        None,
        "no growth across the 2021 gap"
    );
    close(m.cagr_between(2019, 2022), 0.144_714_242_553_331_05); // 1.5^(1/3) - 1
    assert!(loaded.warnings.iter().any(|w| matches!(
        w.kind,
        WarningKind::YearGap {
            from: 2020,
            to: 2022
        }
    )));
}

#[test]
fn warnings_for_gross_above_revenue_and_missing_figures() {
    // A negative revenue is an error since issue 26 (tests/negative_revenue.rs); a zero
    // one loads, with no margin.
    let text = r#"(company: "W", currency: "USD", scale: Millions,
        source: (title: "t", basis: "b"),
        years: [
            (year: 2020, revenue: 100, gross_profit: 40, net_income: 5),
            (year: 2021, revenue: 0, gross_profit: 10),
        ])"#;
    let loaded = model::parse(text).expect("loads");
    let msgs: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(
        msgs.contains(&"2021.gross_profit: gross profit $10.0M is above revenue $0.00".to_owned()),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&"2021: 2021 has no net income, which 2020 had".to_owned()),
        "{msgs:?}"
    );
    let m = Metrics::compute(&loaded.dataset);
    let y = m.year(2021).expect("2021");
    close(y.revenue_growth, -1.0); // 0 / 100 - 1: defined from a positive base
    assert_eq!(y.margins.gross, None, "no margin of a zero revenue");
}

#[test]
fn kpis_are_matched_by_name_whatever_their_order() {
    let text = r#"(company: "K", currency: "USD", scale: Millions,
        source: (title: "t", basis: "b"),
        years: [
            (year: 2022, revenue: 10, kpis: [(name: "A", kind: Count, value: 1), (name: "B", kind: Percent, value: 2)]),
            (year: 2023, revenue: 11, kpis: [(name: "B", kind: Percent, value: 20), (name: "A", kind: Count, value: 10)]),
            (year: 2024, revenue: 12, kpis: [(name: "C", kind: Money, value: 300), (name: "A", kind: Count, value: 100)]),
        ])"#;
    let loaded = model::parse(text).unwrap();
    let names: Vec<String> = loaded
        .dataset
        .kpi_names()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["A", "B", "C"]);
    let m = Metrics::compute(&loaded.dataset);
    let by_year: Vec<Vec<Option<f64>>> = m.years.iter().map(|y| y.kpis.clone()).collect();
    assert_eq!(
        by_year,
        vec![
            vec![Some(1.0), Some(2.0), None],
            vec![Some(10.0), Some(20.0), None],
            vec![Some(100.0), None, Some(300.0)],
        ]
    );
    // Reordering is not a gap; dropping B in 2024 is.
    let missing: Vec<String> = loaded
        .warnings
        .iter()
        .map(|w| w.to_string())
        .filter(|w| w.contains("KPI"))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("KPI \"B\""), "{missing:?}");
}

/// A year whose split is not disclosed draws total revenue as "No split disclosed"; its
/// growth is total revenue's, also after a split year (it read "n/a YoY").
#[test]
fn an_unsplit_year_grows_from_the_total_before_it() {
    use moneymap::model::series::{SeriesKey, revenue_series};
    let text = r#"(company: "U", currency: "EUR", scale: Units,
        source: (title: "t", basis: "b"), segments: [(name: "A"), (name: "B")],
        years: [ (year: 2020, revenue: 10, segments: {"A": 6, "B": 4}), (year: 2021, revenue: 11.36),
                 (year: 2022, revenue: 12.5) ])"#;
    let loaded = model::parse(text).expect("loads");
    let m = Metrics::compute(&loaded.dataset);
    let unsplit = revenue_series(&m, None, SeriesKey::Unsplit);
    let growth = |year: i32| {
        unsplit
            .iter()
            .find(|p| p.year == year)
            .and_then(|p| p.growth)
    };
    assert_eq!(
        unsplit.first().map(|p| p.value),
        Some(None),
        "2020 is split"
    );
    close(growth(2021), 0.136); // 11.36 / 10 - 1
    close(growth(2022), 0.100_352_112_676_056_34); // 12.5 / 11.36 - 1
}
