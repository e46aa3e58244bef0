//! Bad input, bounded: arbitrary text and mutated copies of the shipped datasets never
//! panic the loader, and whatever loads yields metrics and projections with no NaN or
//! infinity. Numeric edge cases (1e308, -0.0, zero revenue, huge lists) are checked by
//! value. (The long-running fuzzer of issue 7 is separate; this runs in `cargo test`.)

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::fan::{self, FanParams};
use moneymap::model::valuation::{self, ValuationParams};
use moneymap::model::{self, Metrics, scenario};
use proptest::prelude::*;

/// Every number the model derives is finite or absent.
fn assert_sane(text: &str) {
    let Ok(loaded) = model::parse(text) else {
        return;
    };
    let ds = &loaded.dataset;
    let m = Metrics::compute(ds);
    let ok = |v: Option<f64>| v.is_none_or(f64::is_finite);
    for y in &m.years {
        assert!(ok(y.revenue_growth) && ok(y.unallocated_share), "{y:?}");
        for (_, v) in y
            .margins
            .labelled()
            .into_iter()
            .chain(y.margin_change.labelled())
        {
            assert!(ok(v), "{y:?}");
        }
        for s in &y.segments {
            assert!(ok(s.share) && ok(s.growth), "{s:?}");
        }
    }
    assert!(ok(m.revenue_cagr) && ok(m.revenue_multiple));
    let mut s = scenario::trend(ds, &m);
    s.horizon_years = 10;
    let p = scenario::project(ds, &m, &s);
    assert!(ok(p.summary.revenue_cagr) && ok(p.summary.operating_margin));
    for y in &p.years {
        assert!(
            ok(y.revenue_growth) && ok(y.margins.gross) && ok(y.margins.operating),
            "{y:?}"
        );
    }
    for sens in scenario::sensitivity(ds, &m, &s) {
        // Overflow to inf is possible only from absurd inputs; it must not be NaN.
        assert!(
            !sens.revenue.0.is_nan() && !sens.revenue.1.is_nan(),
            "{sens:?}"
        );
        assert!(!sens.free_cash_flow.0.is_nan() && !sens.free_cash_flow.1.is_nan());
    }
    assert_valuation_sane(ds, &m, &s);
}

/// The valuation, the fan and every tornado: finite figures or a reason, never NaN.
fn assert_valuation_sane(ds: &model::Dataset, m: &Metrics, s: &scenario::Scenario) {
    let params = ValuationParams::default();
    if let Ok(v) = valuation::valuation(ds, m, s, &params) {
        let ok = |v: Option<f64>| v.is_none_or(f64::is_finite);
        for x in [&v.actual, &v.horizon] {
            assert!(
                ok(x.revenue) && ok(x.gross_profit) && ok(x.free_cash_flow),
                "{x:?}"
            );
        }
        if let Ok(sv) = &v.scenario_value {
            assert!(
                sv.value.is_finite() && sv.vs_market_cap.is_finite(),
                "{sv:?}"
            );
        }
        if let Ok(p) = &v.priced_in {
            assert!(p.growth.is_finite() && p.fcf_margin.is_finite(), "{p:?}");
        }
    }
    let f = fan::fan(
        ds,
        m,
        s,
        &FanParams {
            draws: 64,
            ..FanParams::default()
        },
    );
    for y in &f.years {
        for p in std::iter::once(y.revenue).chain(y.free_cash_flow) {
            assert!(
                p.p10.is_finite() && p.p50.is_finite() && p.p90.is_finite(),
                "{y:?}"
            );
        }
    }
    if let Ok(v) = &f.value {
        assert!(v.value.p10.is_finite() && v.value.p90.is_finite(), "{v:?}");
    }
    for measure in scenario::Measure::ALL {
        let t = scenario::tornado(ds, m, s, measure, &params);
        assert!(
            t.rows
                .iter()
                .all(|r| r.down.is_finite() && r.up.is_finite()),
            "{t:?}"
        );
    }
}

/// Tokens spliced into datasets to probe the fast reader against ron.
const FRAGMENTS: &[&str] = &[
    ",",
    ", ",
    ")",
    "(",
    "]",
    "[",
    "}",
    "{",
    ":",
    "\"",
    "\\",
    "\\n",
    "\\u{41}",
    "-",
    "+",
    ".",
    "e",
    "E5",
    "e-3",
    "_",
    "0",
    "00",
    "1.",
    ".5",
    "inf",
    "NaN",
    "f64",
    "Some(",
    "Some",
    "None",
    "//c\n",
    "//",
    "/*c*/",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\u{2028}",
    "\u{a0}",
    "é",
    "r#",
    "r\"x\"",
    "#",
    "x",
    "Millions",
    "Thousands",
    "GrossMargin",
    "SegmentGrowth(\"Voice\")",
    "year: 2020,",
    "9e999",
];

/// When the fast reader accepts `text`, ron must give the very same dataset.
fn assert_fast_matches_ron(text: &str) {
    let Some(fast) = model::quick::dataset(text) else {
        return;
    };
    let by_ron: Result<model::Dataset, _> = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text);
    match by_ron {
        Ok(ds) => assert_eq!(format!("{fast:?}"), format!("{ds:?}"), "text:\n{text}"),
        Err(e) => panic!("fast reader accepted what ron rejects ({e}):\n{text}"),
    }
}

/// The whole load (dataset, warnings, or the error message) is the same either way.
#[test]
fn parse_and_the_ron_reference_agree_on_every_example_and_edit() {
    let mut texts: Vec<String> = model::EXAMPLES
        .iter()
        .map(|(_, t)| (*t).to_owned())
        .collect();
    texts.push(model::synthetic::ron_text(30, 6, 4));
    for (_, t) in model::EXAMPLES {
        texts.push(t.replace("revenue:", "revenu:"));
        texts.push(t.replace("2024", "2024.5"));
        texts.push(t.replacen(')', "", 1));
    }
    for t in &texts {
        let a = model::parse(t).map_err(|e| e.to_string());
        let b = model::load::parse_reference(t).map_err(|e| e.to_string());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = model::parse(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = model::parse_bytes(&bytes);
    }

    #[test]
    fn mutated_datasets_never_panic_and_stay_finite(
        which in 0usize..3,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..6),
    ) {
        let mut bytes = model::EXAMPLES[which].1.as_bytes().to_vec();
        for (at, op, b) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = b,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, b),
            }
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            assert_sane(text);
        } else {
            prop_assert!(model::parse_bytes(&bytes).is_err());
        }
    }

    /// The fast reader's contract: whenever it accepts a text, ron accepts it too and
    /// yields the identical dataset. Mutations splice in the tokens where the two could
    /// disagree (signs, exponents, escapes, comments, `Some`, odd whitespace).
    #[test]
    fn fast_reader_agrees_with_ron(
        which in 0usize..3,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..FRAGMENTS.len(), any::<bool>()), 1..5),
    ) {
        let mut text = model::EXAMPLES[which].1.to_owned();
        for (at, frag, replace) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) { i -= 1; }
            if replace {
                let mut end = (i + 1).min(text.len());
                while !text.is_char_boundary(end) { end += 1; }
                text.replace_range(i..end, FRAGMENTS[frag]);
            } else {
                text.insert_str(i, FRAGMENTS[frag]);
            }
        }
        assert_fast_matches_ron(&text);
    }

    #[test]
    fn mutated_numbers_stay_finite(factor in prop::sample::select(vec![0.0, -0.0, -1.0, 1e-300, 1e300, 1e308, -1e308, 100.0])) {
        let text = model::TWILIO_RON.replace("revenue: 4.46", &format!("revenue: {factor:e}"));
        assert_sane(&text);
    }
}

/// Growth of 1000%/yr for 30 years on a revenue of 1e300 overflows: every result says
/// so or leaves the draws out, none is infinite or NaN.
#[test]
fn overflowing_scenarios_give_reasons_not_infinity() {
    // Below validation: since issue 21 such figures are refused at load, and the model
    // stays safe without it.
    let mut ds = model::parse(model::TWILIO_RON).expect("loads").dataset;
    let last = ds.years.last_mut().expect("a year");
    last.revenue = 1e300;
    last.segments.insert("Communications".into(), 1e300);
    let m = Metrics::compute(&ds);
    let mut s = scenario::trend(&ds, &m);
    for (l, v) in s.levers.iter_mut() {
        if l.is_growth() {
            *v = 1000.0;
        }
    }
    s.horizon_years = 10;
    let long = ValuationParams {
        years: 30,
        ..ValuationParams::default()
    };
    let v = valuation::valuation(&ds, &m, &s, &long).expect("a card");
    assert_eq!(
        v.scenario_value.unwrap_err().to_string(),
        "the projected cash flows overflow (figures near 1e308): no value can be computed"
    );
    assert_valuation_sane(&ds, &m, &s);
    let f = fan::fan(
        &ds,
        &m,
        &s,
        &FanParams {
            draws: 64,
            valuation: long,
            ..FanParams::default()
        },
    );
    // Draws that overflow are left out: counted where some of a year's draws are
    // finite, and a year whose every draw overflowed is not reported at all.
    assert!(
        f.years.iter().any(|y| y.overflowed > 0) || f.years.len() < 10,
        "{:?}",
        f.years
    );
    assert!(f.years.iter().all(|y| y.revenue.p90.is_finite()));
    let t = scenario::tornado(&ds, &m, &s, scenario::Measure::ImpliedValue, &long);
    assert_eq!(
        t.unavailable.as_deref(),
        Some("the projected figures overflow (figures near 1e308): no sensitivity can be shown")
    );
    assert!(t.rows.is_empty());
}

#[test]
fn edge_numbers_give_na_not_nonsense() {
    let doc = |years: &str| {
        format!(
            "(company: \"E\", currency: \"USD\", scale: Units, source: (title: \"t\", basis: \"b\"), years: [{years}])"
        )
    };
    // Zero revenue: no margin, no growth from it.
    let l = model::parse(&doc(
        "(year: 2023, revenue: 0, gross_profit: 0), (year: 2024, revenue: 10, gross_profit: 5)",
    ))
    .expect("loads");
    let m = Metrics::compute(&l.dataset);
    assert_eq!(m.years[0].margins.gross, None);
    assert_eq!(m.years[1].revenue_growth, None);
    assert_eq!(m.years[1].margins.gross, Some(0.5));
    // A 10,000% growth year and a -500% margin are shown as computed, finite.
    let l = model::parse(&doc("(year: 2023, revenue: 1, operating_income: -5), (year: 2024, revenue: 101, operating_income: -505)")).expect("loads");
    let m = Metrics::compute(&l.dataset);
    assert_eq!(m.years[1].revenue_growth, Some(100.0));
    assert_eq!(m.years[1].margins.operating, Some(-5.0));
    // 1e308 and 1e-308 are refused at load since issue 21 (tests/magnitudes.rs); below
    // validation the overflowing ratio is still n/a, not inf, and -0.0 reads as 0.
    let edges = "(year: 2023, revenue: 1e-308), (year: 2024, revenue: 1e308, net_income: -0.0)";
    assert!(model::parse(&doc(edges)).is_err());
    let mut ds = model::parse(&doc(
        "(year: 2023, revenue: 1), (year: 2024, revenue: 1, net_income: 0)",
    ))
    .expect("loads")
    .dataset;
    ds.years[0].revenue = 1e-308;
    ds.years[1].revenue = 1e308;
    ds.years[1].net_income = Some(-0.0);
    let m = Metrics::compute(&ds);
    assert_eq!(
        m.years[1].revenue_growth, None,
        "1e308 / 1e-308 overflows: n/a"
    );
    assert_eq!(m.years[1].margins.net, Some(-0.0));
    assert_eq!(
        moneymap::model::format::percent_opt(m.years[1].margins.net),
        "0.0%"
    );
}

#[test]
fn a_hundred_thousand_kpis_load_with_every_value() {
    // Speed is measured by `cargo bench --bench load`, not here; quadratic work on this
    // input (as the segment check was) would show up as a test that never finishes.
    let kpis: String = (0..100_000)
        .map(|i| format!("(name: \"K{i}\", kind: Count, value: {i}),"))
        .collect();
    let text = format!(
        "(company: \"Big\", currency: \"USD\", scale: Units, source: (title: \"t\", basis: \"b\"), years: [(year: 2024, revenue: 1, kpis: [{kpis}])])"
    );
    let l = model::parse(&text).expect("loads");
    assert_eq!(l.dataset.years[0].kpis.len(), 100_000);
    let m = Metrics::compute(&l.dataset);
    assert_eq!(m.kpis.len(), 100_000);
    assert_eq!(m.kpis[99_999].0, "K99999");
    assert_eq!(m.years[0].kpis[12_345], Some(12_345.0));
}
