//! Issue 26, item 5: every lever's slider range holds 0 (for a growth), the trend, every
//! preset's value and the dataset's history of that figure, so each can be reached by
//! dragging. Tested on NVIDIA's shape (a last year of +125% after years of 0-60%), whose
//! revenue-growth rail stopped at 105 %/yr on the left, and on every shipped dataset.

// Tests unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::{self, Lever, Metrics, scenario};

/// NVIDIA's shape, made up: growth of 61%, 21%, 0%, 53%, 0% and then 125%; presets at
/// 30 %/yr and 40 %/yr, and a gross margin history from 56% to 75%.
const NVIDIA_SHAPE: &str = r#"(
    company: "Shape Co", currency: "USD", scale: Billions,
    source: (title: "made up", basis: "b"),
    years: [
        (year: 2017, revenue: 6.91, gross_profit: 4.0, operating_income: 1.9, net_income: 1.7, free_cash_flow: 1.3),
        (year: 2018, revenue: 9.71, gross_profit: 5.8, operating_income: 3.2, net_income: 3.0, free_cash_flow: 2.9),
        (year: 2019, revenue: 11.72, gross_profit: 7.2, operating_income: 3.8, net_income: 4.1, free_cash_flow: 3.1),
        (year: 2020, revenue: 10.92, gross_profit: 6.8, operating_income: 2.8, net_income: 2.8, free_cash_flow: 4.3),
        (year: 2021, revenue: 16.68, gross_profit: 10.4, operating_income: 4.5, net_income: 4.3, free_cash_flow: 4.7),
        (year: 2022, revenue: 26.91, gross_profit: 17.5, operating_income: 10.0, net_income: 9.8, free_cash_flow: 8.0),
        (year: 2023, revenue: 26.97, gross_profit: 15.4, operating_income: 4.2, net_income: 4.4, free_cash_flow: 3.8),
        (year: 2024, revenue: 60.92, gross_profit: 44.3, operating_income: 33.0, net_income: 29.8, free_cash_flow: 27.0),
    ],
    presets: [
        (name: "Cooling", levers: [(lever: RevenueGrowth, value: 30)]),
        (name: "Slump", levers: [(lever: RevenueGrowth, value: -20), (lever: FcfMargin, value: 20)]),
    ],
)"#;

/// Every value the rule says the slider of `lever` must hold.
fn must_hold(ds: &model::Dataset, m: &Metrics, lever: &Lever, trend: f64) -> Vec<(String, f64)> {
    let mut out = vec![("trend".to_owned(), trend)];
    if lever.is_growth() {
        out.push(("zero".to_owned(), 0.0));
    }
    for p in &ds.presets {
        for lv in p.levers.iter().filter(|lv| lv.lever == *lever) {
            out.push((format!("preset {}", p.name), lv.value));
        }
    }
    for (year, v) in scenario::lever_history(ds, m, lever) {
        out.push((format!("{year}"), v));
    }
    out
}

fn check(file: &str, ds: &model::Dataset) -> usize {
    let m = Metrics::compute(ds);
    let trend = scenario::trend(ds, &m);
    let mut held = 0;
    for (lever, &t) in &trend.levers {
        let (lo, hi) = scenario::slider_range_for(ds, &m, lever, t);
        assert!(lo < hi, "{file} {}: {lo}..{hi}", lever.label());
        for (what, v) in must_hold(ds, &m, lever, t) {
            let v = scenario::clamp_lever(lever, v);
            assert!(
                lo <= v && v <= hi,
                "{file} {}: {what} ({v:.1}) is outside the slider's {lo:.1}..{hi:.1}",
                lever.label()
            );
            held += 1;
        }
    }
    held
}

#[test]
fn nvidias_revenue_growth_slider_reaches_its_history_zero_and_presets() {
    let ds = model::parse(NVIDIA_SHAPE).unwrap().dataset;
    let m = Metrics::compute(&ds);
    let trend = scenario::trend(&ds, &m);
    let g = trend.levers[&Lever::RevenueGrowth];
    assert!((g - 125.9).abs() < 0.1, "the last year grew {g}%");
    let (lo, hi) = scenario::slider_range_for(&ds, &m, &Lever::RevenueGrowth, g);
    // The rail reaches down to the slump preset (-20) and up to the trend plus its usual
    // room: 30 %/yr is a drag away.
    assert_eq!(lo, -20.0, "{lo}..{hi}");
    assert!((hi - (g + 20.0)).abs() < 1e-9, "{lo}..{hi}");
    assert!(check("shape", &ds) >= 20);
}

#[test]
fn every_shipped_datasets_sliders_hold_the_rule() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "ron") {
            let ds = model::load(&path).unwrap().dataset;
            check(&path.display().to_string(), &ds);
            files += 1;
        }
    }
    assert!(files >= 3);
}

/// A range already holding everything stays the trend-centred one (a drag stays fine:
/// 20 %/yr each way for a growth).
#[test]
fn a_range_that_holds_everything_is_not_widened() {
    let ds = model::parse(model::TWILIO_RON).unwrap().dataset;
    let m = Metrics::compute(&ds);
    let lever = Lever::SegmentGrowth("Communications".into());
    let t = scenario::trend(&ds, &m).levers[&lever];
    assert_eq!(
        scenario::slider_range_for(&ds, &m, &lever, t),
        scenario::slider_range(&lever, t)
    );
}
