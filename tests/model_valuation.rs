//! The valuation: multiples, scenario value and priced-in growth, checked against values
//! worked by hand (Twilio as stated; a made-up perpetuity), and every bad input giving a
//! message instead of a number.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::scenario;
use moneymap::model::valuation::{self, ValuationParams, solve};
use moneymap::model::{self, Metrics};
use proptest::prelude::*;

fn close(actual: f64, expected: f64, tol: f64) {
    assert!(
        (actual - expected).abs() < tol,
        "expected {expected}, got {actual}"
    );
}

fn load(text: &str) -> (model::Dataset, Metrics) {
    let ds = model::parse(text).expect("loads").dataset;
    let m = Metrics::compute(&ds);
    (ds, m)
}

fn value_of(text: &str, params: &ValuationParams) -> (model::Dataset, valuation::Valuation) {
    let (ds, m) = load(text);
    let t = scenario::trend(&ds, &m);
    let v = valuation::valuation(&ds, &m, &t, params).expect("a card");
    (ds, v)
}

/// A made-up one-year company: revenue 100, free cash flow 10, no segments.
fn perpetuity_co(market_cap: &str) -> String {
    format!(
        "(company: \"Perpetuity Co\", currency: \"USD\", scale: Millions, \
         source: (title: \"made up\", basis: \"b\"), \
         years: [(year: 2024, revenue: 100, gross_profit: 40, free_cash_flow: 10)], \
         market_cap: {market_cap})"
    )
}

const R10_G0: ValuationParams = ValuationParams {
    discount_pct: 10.0,
    terminal_growth_pct: 0.0,
    years: 10,
};

/// Twilio as stated, default parameters (r 9%, g_T 3%, N 10).
///
/// Weights: Σ_{t=1..10} 1.09^-t = 6.417658; terminal 1.03 / 0.06 * 1.09^-10 = 7.251386;
/// together 13.669044. At g = 0, FCF_t = 0.64 (m R₀ = 0.64/4.46 * 4.46), so the value is
/// 0.64 * 13.669044 = 8.748. Priced-in: 42 = 0.64 Σ w_t (1+g)^t, i.e. with
/// q = (1+g)/1.09, 0.64 (q (q^10 - 1)/(q - 1) + 1.03/0.06 q^10) = 42, which holds at
/// g = 20.650% (q = 1.106882: 0.64 (18.234 + 47.391) = 42.000), "20.7%".
#[test]
fn twilio_as_stated_prices_in_twenty_point_seven_percent() {
    let params = ValuationParams::default();
    let w = solve::weights(&params);
    close(
        w.iter().sum(),
        6.417_657_701_159_007_5 + 7.251_385_518_375_993,
        1e-12,
    );
    close(
        solve::value_at_growth(&w, 0.64, 0.0),
        8.748_187_660_502_4,
        1e-9,
    );
    let (ds, v) = value_of(model::TWILIO_RON, &params);
    assert_eq!(v.market_cap, 42.0);
    // Multiples 2024: 42 / 4.46, 42 / 2.28, 42 / 0.64.
    close(v.actual.revenue.unwrap(), 9.417_040_358_744_394, 1e-12);
    close(v.actual.gross_profit.unwrap(), 18.421_052_631_578_95, 1e-12);
    close(v.actual.free_cash_flow.unwrap(), 65.625, 1e-12);
    // Horizon 2027: 42 / R(2027) with R(2027) = 5.310090 (trend, see model_scenario).
    assert_eq!(v.horizon.year, 2027);
    close(
        v.horizon.revenue.unwrap(),
        42.0 / 5.310_089_821_517_159,
        1e-9,
    );
    let p = v.priced_in.as_ref().unwrap();
    close(p.growth, 0.206_501_420_699_866_4, 1e-9);
    close(p.fcf_margin, 0.64 / 4.46, 1e-12);
    close(solve::value_at_growth(&w, 0.64, p.growth), 42.0, 1e-9);
    assert_eq!(
        v.priced_in_sentence(&ds),
        "$42.0B prices in 20.7%/yr for 10 years at a 14.3% FCF margin"
    );
    // Scenario value: the trend's FCF (14.35% of R_t, R_t = 3.68 g^t + 0.45 1.125^t +
    // 0.33 (4.13/3.9)^t) discounted: 13.984021, of which the terminal value 8.452418.
    let sv = v.scenario_value.as_ref().unwrap();
    close(sv.value, 13.984_020_592_144_926, 1e-9);
    close(sv.pv_terminal, 8.452_417_558_104_283, 1e-9);
    close(
        sv.pv_cash_flows + sv.pv_terminal,
        sv.enterprise_value,
        1e-12,
    );
    close(sv.vs_market_cap, 13.984_020_592_144_926 / 42.0 - 1.0, 1e-12);
    assert_eq!(sv.years, (2025, 2034));
    assert_eq!(
        v.worth_sentence(&ds),
        "the scenario is worth $14.0B (66.7% below the market cap)"
    );
    assert_eq!(
        v.parameters_line(),
        "discount rate 9.0%, terminal growth 3.0%, 10 years of cash flows"
    );
    assert!(v.notes.is_empty());
}

/// Perpetuity Co, worked on paper. With g = 0 and g_T = 0 the cash flow is a level
/// perpetuity whatever N: Σ_{t=1..N} F/(1+r)^t + F/r/(1+r)^N = F/r = 10 / 0.10 = 100.
/// So a market cap of 100 prices in 0%/yr, and the trend (one year: growth assumed 0)
/// is worth exactly the market cap.
#[test]
fn a_perpetuity_is_worth_its_cash_flow_over_the_discount_rate() {
    for years in [1, 10, 30] {
        let params = ValuationParams { years, ..R10_G0 };
        close(
            solve::value_at_growth(&solve::weights(&params), 10.0, 0.0),
            100.0,
            1e-9,
        );
        let (ds, v) = value_of(&perpetuity_co("(value: 100, as_of: \"x\")"), &params);
        close(v.priced_in.as_ref().unwrap().growth, 0.0, 1e-12);
        close(v.scenario_value.as_ref().unwrap().value, 100.0, 1e-9);
        assert_eq!(
            v.worth_sentence(&ds),
            "the scenario is worth $100.0M (equal to the market cap)"
        );
        // Multiples: 100/100, 100/40, 100/10.
        assert_eq!(
            (
                v.actual.revenue,
                v.actual.gross_profit,
                v.actual.free_cash_flow
            ),
            (Some(1.0), Some(2.5), Some(10.0))
        );
    }
    // N = 1: value(g) = F (1+g)/(1+r) (1 + 1/r) = F (1+g) / r = 100 (1 + g).
    let one = ValuationParams { years: 1, ..R10_G0 };
    // Net cash 20: the cash flows must be worth 100 - 20 = 80, so g = -20%.
    let (ds, v) = value_of(
        &perpetuity_co("(value: 100, as_of: \"x\", net_cash: 20)"),
        &one,
    );
    close(v.priced_in.as_ref().unwrap().growth, -0.2, 1e-12);
    assert_eq!(
        v.priced_in_sentence(&ds),
        "$100.0M (less $20.0M net cash) prices in -20.0%/yr for 1 year at a 10.0% FCF margin"
    );
    // ... and the scenario (g = 0, worth 100) plus 20 net cash is 20% above it.
    close(v.scenario_value.as_ref().unwrap().value, 120.0, 1e-9);
    // 250 needs g = 150%; 400 needs 300%, beyond the +200% searched.
    let (_, v) = value_of(&perpetuity_co("(value: 250, as_of: \"x\")"), &one);
    close(v.priced_in.as_ref().unwrap().growth, 1.5, 1e-12);
    let (ds, v) = value_of(&perpetuity_co("(value: 400, as_of: \"x\")"), &one);
    assert_eq!(
        v.priced_in_sentence(&ds),
        "not reachable: growth from -50%/yr to +200%/yr gives values from $50.0M to $300.0M, and the target is $400.0M"
    );
    // 30 would need g = -70%.
    let (_, v) = value_of(&perpetuity_co("(value: 30, as_of: \"x\")"), &one);
    assert!(matches!(
        v.priced_in,
        Err(valuation::ValueProblem::NotReachable { .. })
    ));
}

#[test]
fn bad_inputs_give_messages_not_numbers() {
    let (ds, m) = load(&perpetuity_co("(value: 0, as_of: \"x\")"));
    let card = |ds: &model::Dataset, m: &Metrics, p: &ValuationParams| {
        valuation::valuation(ds, m, &scenario::trend(ds, m), p)
    };
    assert_eq!(
        card(&ds, &m, &R10_G0).unwrap_err().to_string(),
        "the market cap is $0.00: it must be above zero to compare anything with it"
    );
    let (neg, nm) = load(&perpetuity_co("(value: -5, as_of: \"x\")"));
    assert_eq!(
        card(&neg, &nm, &R10_G0).unwrap_err().to_string(),
        "the market cap is -$5.00M: it must be above zero to compare anything with it"
    );
    let (ok, om) = load(&perpetuity_co("(value: 100, as_of: \"x\")"));
    for (r, g) in [(3.0, 3.0), (2.0, 3.0)] {
        let p = ValuationParams {
            discount_pct: r,
            terminal_growth_pct: g,
            years: 10,
        };
        assert_eq!(
            card(&ok, &om, &p).unwrap_err().to_string(),
            format!(
                "the discount rate ({r}%) must be above the terminal growth ({g}%): otherwise the terminal value is infinite"
            )
        );
    }
    let p = ValuationParams { years: 0, ..R10_G0 };
    assert_eq!(
        card(&ok, &om, &p).unwrap_err().to_string(),
        "the years of cash flows must be between 1 and 30 (got 0)"
    );
    let (eric, em) = load(model::ERICSSON_RON);
    assert_eq!(
        card(&eric, &em, &R10_G0).unwrap_err().to_string(),
        "no market cap in the dataset: add `market_cap: (value: ..., as_of: \"...\")` in SEK millions, the figures' units (optionally with `net_cash: ...`)"
    );
    // Free cash flow negative in every year: no value, no priced-in growth, each says why.
    let losses = perpetuity_co("(value: 100, as_of: \"x\")")
        .replace("free_cash_flow: 10", "free_cash_flow: -5");
    let (ds, v) = value_of(&losses, &R10_G0);
    assert_eq!(
        v.worth_sentence(&ds),
        "free cash flow is -$5.00M in 2034: a terminal value of losses forever is no value; move the FCF levers to see one"
    );
    assert_eq!(
        v.priced_in_sentence(&ds),
        "not reachable: at a -5.0% FCF margin no growth makes the cash flow worth a positive market cap"
    );
    assert_eq!(
        v.actual.free_cash_flow, None,
        "no multiple of a negative FCF"
    );
    // No free cash flow at all.
    let none = perpetuity_co("(value: 100, as_of: \"x\")").replace(", free_cash_flow: 10", "");
    let (ds, v) = value_of(&none, &R10_G0);
    assert_eq!(
        v.worth_sentence(&ds),
        "no free cash flow to value: the last year (2024) has no `free_cash_flow` (add it to the dataset)"
    );
    // Net cash above the market cap.
    let (ds, v) = value_of(
        &perpetuity_co("(value: 100, as_of: \"x\", net_cash: 150)"),
        &R10_G0,
    );
    assert_eq!(
        v.priced_in_sentence(&ds),
        "not reachable: net cash ($150.0M) is at or above the market cap ($100.0M)"
    );
    // A market cap in the wrong scale (millions written in a file of billions).
    let slip = model::TWILIO_RON.replace("market_cap: (value: 42,", "market_cap: (value: 42000,");
    let (_, v) = value_of(&slip, &ValuationParams::default());
    assert_eq!(
        v.notes,
        ["the market cap is 9,417x revenue: is it written in USD billions, like the figures?"]
    );
}

proptest! {
    /// The solve finds the root whenever one exists in the bracket, and reports "not
    /// reachable" exactly when the target is outside the values at its ends.
    #[test]
    fn priced_in_growth_is_the_root_or_not_reachable(
        base in 0.01f64..1000.0,
        target in 0.01f64..100_000.0,
        r in 1.0f64..30.0,
        gap in 0.5f64..20.0,
        years in 1u32..=30,
    ) {
        let p = ValuationParams { discount_pct: r, terminal_growth_pct: r - gap, years };
        let w = solve::weights(&p);
        let lo = solve::value_at_growth(&w, base, valuation::GROWTH_SEARCH_LOW);
        let hi = solve::value_at_growth(&w, base, valuation::GROWTH_SEARCH_HIGH);
        match solve::solve_growth(&w, base, target) {
            solve::Solve::Growth(g) => {
                prop_assert!(lo <= target && target <= hi);
                let v = solve::value_at_growth(&w, base, g);
                prop_assert!((v - target).abs() <= 1e-9 * target, "{} vs {}", v, target);
            }
            solve::Solve::TooLow { .. } => prop_assert!(lo > target),
            solve::Solve::TooHigh { .. } => prop_assert!(hi < target),
        }
    }
}
