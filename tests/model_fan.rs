//! The fan of outcomes: lever ranges (stated, from history, default), percentiles,
//! determinism, and a distribution worked by hand (a triangular FCF margin on a
//! perpetuity).

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::fan::{self, BandSource, FanParams};
use moneymap::model::valuation::{ValuationParams, ordinal};
use moneymap::model::{self, Lever, Metrics, scenario};

fn load(text: &str) -> (model::Dataset, Metrics) {
    let ds = model::parse(text).expect("loads").dataset;
    let m = Metrics::compute(&ds);
    (ds, m)
}

/// One year: revenue 100, FCF 10; revenue growth pinned at 0 by a stated point range,
/// the FCF margin drawn from 5% to 15% (most likely 10%, the trend).
const POINT_CO: &str = r#"(
    company: "Point Co", currency: "USD", scale: Millions,
    source: (title: "made up", basis: "b"),
    years: [(year: 2024, revenue: 100, free_cash_flow: 10)],
    market_cap: (value: 120, as_of: "x"),
    watch: [(
        title: "Cash",
        levers: [RevenueGrowth, FcfMargin],
        ranges: [(lever: RevenueGrowth, low: 0, high: 0), (lever: FcfMargin, low: 5, high: 15)],
    )],
)"#;

fn near(actual: f64, expected: f64, tol: f64) {
    assert!(
        (actual - expected).abs() <= tol,
        "expected {expected} ± {tol}, got {actual}"
    );
}

#[test]
fn percentiles_are_nearest_rank() {
    // 1..=10: p10 is the ceil(0.1 * 10) = 1st smallest, p50 the 5th, p90 the 9th.
    let mut x: Vec<f64> = (1..=10).rev().map(f64::from).collect();
    let p = fan::percentiles(&mut x).unwrap();
    assert_eq!((p.p10, p.p50, p.p90), (1.0, 5.0, 9.0));
    let mut one = vec![7.0];
    let p = fan::percentiles(&mut one).unwrap();
    assert_eq!((p.p10, p.p50, p.p90), (7.0, 7.0, 7.0));
    assert!(fan::percentiles(&mut []).is_none());
    // Share below, ties counted half: [1, 2, 2, 3] and 2 -> (1 + 0.5 * 2) / 4 = 50%.
    assert_eq!(fan::percentile_of(&[1.0, 2.0, 2.0, 3.0], 2.0), Some(50.0));
    assert_eq!(fan::percentile_of(&[1.0, 2.0, 3.0, 4.0], 3.5), Some(75.0));
    assert_eq!(fan::percentile_of(&[1.0, 2.0], 0.0), Some(0.0));
}

#[test]
fn ordinals() {
    let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 83, 101, 111, 112]
        .into_iter()
        .map(ordinal)
        .collect();
    assert_eq!(
        got,
        [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "83rd",
            "101st", "111th", "112th"
        ]
    );
}

/// Hand-worked: growth is 0, so with r = 10%, g_T = 0 the value is the perpetuity
/// m * 100 / 0.10 = 10 m (m in %): m ~ Triangular(5, 10, 15) makes the value
/// Triangular(50, 100, 150). Its p10 solves (x - 50)^2 / (100 * 50) = 0.1: x = 50 +
/// sqrt(500) = 72.36; p50 = 100; p90 = 150 - 22.36 = 127.64. The market cap 120 sits at
/// F(120) = 1 - (150 - 120)^2 / (100 * 50) = 0.82: the 82nd percentile. Tolerances
/// allow the sampling error of 2,000 draws (about 0.75 for p10, 0.9 points for F).
#[test]
fn a_triangular_margin_on_a_perpetuity_gives_the_hand_worked_fan() {
    let (ds, m) = load(POINT_CO);
    let t = scenario::trend(&ds, &m);
    let params = FanParams {
        valuation: ValuationParams {
            discount_pct: 10.0,
            terminal_growth_pct: 0.0,
            years: 10,
        },
        ..FanParams::default()
    };
    let f = fan::fan(&ds, &m, &t, &params);
    assert_eq!(f.draws, 2000);
    assert_eq!(f.bands.len(), 2);
    assert_eq!(f.years.len(), 3);
    for y in &f.years {
        // Growth pinned at 0: revenue is 100 in every draw.
        assert_eq!(
            (y.revenue.p10, y.revenue.p50, y.revenue.p90),
            (100.0, 100.0, 100.0)
        );
        let fcf = y.free_cash_flow.unwrap();
        near(fcf.p10, 7.236, 0.1);
        near(fcf.p50, 10.0, 0.1);
        near(fcf.p90, 12.764, 0.1);
    }
    let v = f.value.as_ref().unwrap();
    near(v.value.p10, 72.36, 2.5);
    near(v.value.p50, 100.0, 2.5);
    near(v.value.p90, 127.64, 2.5);
    let pct = v.market_cap_percentile.unwrap();
    near(pct, 82.0, 2.5);
    assert_eq!(
        v.sentence(&ds),
        format!(
            "the market cap ($120.0M) sits at the {} percentile of outcomes (p10 {}, p50 {}, p90 {})",
            ordinal(pct.round() as u32),
            model::format::money(v.value.p10, "USD", model::Scale::Millions),
            model::format::money(v.value.p50, "USD", model::Scale::Millions),
            model::format::money(v.value.p90, "USD", model::Scale::Millions),
        )
    );
}

#[test]
fn the_fan_is_deterministic_and_ordered() {
    let (ds, m) = load(model::TWILIO_RON);
    let t = scenario::trend(&ds, &m);
    let a = fan::fan(&ds, &m, &t, &FanParams::default());
    let b = fan::fan(&ds, &m, &t, &FanParams::default());
    assert_eq!(a, b, "same seed, same fan");
    let c = fan::fan(
        &ds,
        &m,
        &t,
        &FanParams {
            seed: 1,
            ..FanParams::default()
        },
    );
    assert_ne!(a.years, c.years, "another seed, other draws");
    let p = scenario::project(&ds, &m, &t);
    assert_eq!(
        a.years.len(),
        p.years.len(),
        "a fan for every projected year"
    );
    for (y, py) in a.years.iter().zip(&p.years) {
        assert!(y.revenue.p10 < y.revenue.p50 && y.revenue.p50 < y.revenue.p90);
        let f = y.free_cash_flow.unwrap();
        assert!(f.p10 < f.p50 && f.p50 < f.p90);
        // The scenario's own line sits inside the band.
        assert!(y.revenue.p10 < py.revenue && py.revenue < y.revenue.p90);
    }
    // Twilio's $42B is above every one of the 2,000 values (p90 about $22B).
    let v = a.value.as_ref().unwrap();
    assert!(v.value.p90 < 42.0);
    assert!(
        v.sentence(&ds)
            .starts_with("the market cap ($42.0B) is above every outcome")
    );
}

/// Twilio's ranges, by hand: Communications and gross margin are stated by watch items;
/// operating expenses come from two years of history, 2023 (2.08 + 0.66) / 4.15 =
/// 66.024% and 2024 2.08 / 4.46 = 46.637%, half their spread 9.694 each side; the others
/// have one value or none and take the defaults (growth ±5, net share ±10, margins ±2).
/// The operating-margin change moves nothing (costs build the margin): not drawn.
#[test]
fn ranges_come_from_the_dataset_history_or_defaults() {
    let (ds, m) = load(model::TWILIO_RON);
    let t = scenario::trend(&ds, &m);
    let bands = fan::bands(&ds, &m, &t);
    let b = |l: Lever| bands.iter().find(|b| b.lever == l).cloned().unwrap();
    let comm = b(Lever::SegmentGrowth("Communications".into()));
    assert_eq!((comm.low, comm.high), (0.0, 12.0));
    near(comm.likely, 5.142_857_142_857, 1e-9);
    assert_eq!(
        comm.source,
        BandSource::Stated("Communications growth reacceleration".into())
    );
    let seg = b(Lever::SegmentGrowth("Segment".into()));
    assert_eq!((seg.low, seg.likely, seg.high), (7.5, 12.5, 17.5));
    assert_eq!(seg.source, BandSource::Default);
    let opex = b(Lever::OperatingExpenses);
    let spread = (2.74 / 4.15 - 2.08 / 4.46) * 100.0 / 2.0;
    near(opex.low, 2.08 / 4.46 * 100.0 - spread, 1e-9);
    near(opex.high, 2.08 / 4.46 * 100.0 + spread, 1e-9);
    assert_eq!(opex.source.describe(), "history 2023-2024 (2 values)");
    let net = b(Lever::NetToOperating);
    assert_eq!((net.low, net.high), (50.0, 70.0));
    assert!(
        !bands
            .iter()
            .any(|b| b.lever == Lever::OperatingMarginChange)
    );
    // A slider outside the stated range (46-56) gets a range of the same width centred
    // on it: 60 +- 5. (Stretched to 46-60, the scenario sat at the fan's edge, above
    // its p90.)
    let gm = fan::band(&ds, &m, &Lever::GrossMargin, 60.0);
    assert_eq!((gm.low, gm.likely, gm.high), (55.0, 60.0, 65.0));
    assert_eq!(
        gm.source.describe(),
        "stated in \"AI-powered customer engagement\""
    );
    // Twilio as reported: seven years of gross margin; the range is taken from the last
    // five (a company's early years say little about its next ones).
    let (ds, m) = load(model::TWILIO_REPORTED_RON);
    let t = scenario::trend(&ds, &m);
    let gm = fan::bands(&ds, &m, &t)
        .into_iter()
        .find(|b| b.lever == Lever::GrossMargin)
        .unwrap();
    assert_eq!(gm.source.describe(), "history 2021-2025 (5 values)");
}

/// One year of data: every range is a default, and the fan still draws.
#[test]
fn a_one_year_dataset_draws_from_the_defaults() {
    let text = POINT_CO.replace(
        "ranges: [(lever: RevenueGrowth, low: 0, high: 0), (lever: FcfMargin, low: 5, high: 15)],",
        "",
    );
    let (ds, m) = load(&text);
    let t = scenario::trend(&ds, &m);
    let f = fan::fan(&ds, &m, &t, &FanParams::default());
    assert!(f.bands.iter().all(|b| b.source == BandSource::Default));
    let g = f
        .bands
        .iter()
        .find(|b| b.lever == Lever::RevenueGrowth)
        .unwrap();
    assert_eq!((g.low, g.likely, g.high), (-5.0, 0.0, 5.0));
    let y = f.years[2];
    assert!(y.revenue.p10 < 100.0 && 100.0 < y.revenue.p90, "{y:?}");
    assert!(f.value.is_ok());
    // No free cash flow: revenue only, and the value says why.
    let (ds, m) = load(model::ERICSSON_RON);
    let f = fan::fan(&ds, &m, &scenario::trend(&ds, &m), &FanParams::default());
    assert!(f.years.iter().all(|y| y.free_cash_flow.is_none()));
    assert_eq!(
        f.value.unwrap_err(),
        "no free cash flow to value: the last year (2024) has no `free_cash_flow`"
    );
}

/// A slider far above its stated range (Communications growth 24%/yr against 0-12):
/// the fan is drawn around the scenario, so its projected revenue lies within p10-p90.
/// Stretching the range to 0-24 put every draw at or below the slider and the scenario's
/// 2027 revenue ($8.05B) above the p90 ($7.85B).
#[test]
fn the_scenario_lies_inside_its_fan_when_a_slider_leaves_the_stated_range() {
    let (ds, m) = load(model::TWILIO_RON);
    let mut s = scenario::trend(&ds, &m);
    s.levers
        .insert(Lever::SegmentGrowth("Communications".into()), 24.0);
    let p = scenario::project(&ds, &m, &s);
    let f = fan::fan(&ds, &m, &s, &FanParams::default());
    assert_eq!(
        f.years.len(),
        p.years.len(),
        "a fan for every projected year"
    );
    assert!(!p.years.is_empty());
    for (y, py) in f.years.iter().zip(&p.years) {
        assert!(
            y.revenue.p10 <= py.revenue && py.revenue <= y.revenue.p90,
            "{}: {} outside {:?}",
            py.year,
            py.revenue,
            y.revenue
        );
    }
}
