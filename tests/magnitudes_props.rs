//! Issue 21, as a property: every figure of a dataset set to arbitrary finite values
//! (±f64::MAX, subnormals, -0.0, 1e200 among them), and `check`, `table`, `project`,
//! `value` and the export of the dashboard and scenario pages either refuse with a
//! message or print only finite, formatted numbers: no NaN, no infinity, no "n/a"
//! glued to a unit. Each case runs the commands in-process, as `main` does; the case
//! count is bounded, and every command finishes (a hang fails the run).

// Tests unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use clap::Parser;
use moneymap::cli::{self, Cli};
use moneymap::model::{self, TWILIO_RON};
use proptest::prelude::*;

/// A finite value, often one of the edges that broke things.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -1e4f64..1e4,
        2 => prop_oneof![
            Just(f64::MAX),
            Just(-f64::MAX),
            Just(-0.0),
            Just(0.0),
            Just(5e-324),
            Just(f64::MIN_POSITIVE),
            Just(1e16),
            Just(1.7e308),
            Just(1e200),
            Just(1e5),
        ],
        2 => any::<f64>().prop_filter("finite", |v| v.is_finite()),
    ]
}

/// Twilio with every figure (revenue, segments, profits, cash flow, the KPI, the market
/// cap) taken in turn from `values`.
fn mutated(values: &[f64]) -> String {
    let mut ds = model::parse(TWILIO_RON).unwrap().dataset;
    let mut next = values.iter().copied().cycle();
    let mut take = || next.next().unwrap();
    for y in &mut ds.years {
        y.revenue = take();
        for v in y.segments.values_mut() {
            *v = take();
        }
        for slot in [
            &mut y.gross_profit,
            &mut y.operating_income,
            &mut y.net_income,
            &mut y.free_cash_flow,
        ] {
            if slot.is_some() {
                *slot = Some(take());
            }
        }
        for k in &mut y.kpis {
            k.value = take();
        }
    }
    if let Some(mc) = &mut ds.market_cap {
        mc.value = take();
    }
    ron::to_string(&ds).unwrap()
}

/// The first place in `text` where a number is not finite or "n/a" is glued to a unit.
fn garbage(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let word_at = |i: usize, len: usize| {
        let before = i.checked_sub(1).and_then(|j| b.get(j));
        let after = b.get(i + len);
        !before.is_some_and(u8::is_ascii_alphabetic) && !after.is_some_and(u8::is_ascii_alphabetic)
    };
    for needle in ["NaN", "inf"] {
        for (i, _) in text.match_indices(needle) {
            if word_at(i, needle.len()) {
                return Some(text[i.saturating_sub(40)..(i + 40).min(text.len())].to_owned());
            }
        }
    }
    for (i, _) in text.match_indices("n/a") {
        let after = text[i + 3..].chars().next();
        let before = text[..i].chars().next_back();
        let glued = after.is_some_and(|c| c.is_alphanumeric() || c == '%')
            || before.is_some_and(|c| c.is_alphanumeric() || "$€£¥".contains(c));
        if glued {
            return Some(text[i.saturating_sub(40)..(i + 40).min(text.len())].to_owned());
        }
    }
    None
}

/// Runs `moneymap ARGS` in-process: (exit code, stdout and stderr).
fn run(args: &[&str]) -> (i32, String) {
    let cli = Cli::try_parse_from(std::iter::once("moneymap").chain(args.iter().copied()))
        .expect("parses");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run(cli, &mut out, &mut err);
    let mut text = String::from_utf8(out).unwrap();
    let err = String::from_utf8(err).unwrap();
    if code != 0 {
        assert!(!err.trim().is_empty(), "{args:?} failed without a message");
    }
    text.push_str(&err);
    (code, text)
}

/// Values a real dataset could hold, -0.0 and 1e6 billions (1e15 dollars, the bound) among them.
fn plausible() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.0f64..1e4,
        1 => -1e4f64..0.0,
        1 => prop_oneof![Just(-0.0), Just(0.0), Just(1e6), Just(-1e6), Just(1e-3)],
    ]
}

/// One case: every command refuses with a message, or shows only finite numbers.
/// Returns whether the dataset loaded, and whether it was exported.
fn case(values: &[f64]) -> Result<(bool, bool), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    std::fs::write(&file, mutated(values)).unwrap();
    let f = file.to_str().unwrap();
    let out = dir.path().join("out");
    let (loaded, _) = run(&["check", f]);
    let mut exported = false;
    for args in [
        vec!["check", f],
        vec!["table", f],
        vec!["project", f],
        vec!["value", f],
        vec![
            "export",
            f,
            "--out",
            out.to_str().unwrap(),
            "--charts",
            "dashboard,scenario",
            "--size",
            "600x350",
            "--scale",
            "1",
            "--format",
            "svg",
        ],
    ] {
        let (code, text) = run(&args);
        // What `check` refuses, every command refuses; what it loads, a command shows
        // or refuses with a message of its own (`value` of a zero market cap).
        prop_assert!(loaded == 0 || code != 0, "{:?}: {}", args, text);
        prop_assert!(garbage(&text).is_none(), "{:?}: {:?}", args, garbage(&text));
        exported = args[0] == "export" && code == 0;
    }
    if exported {
        let svgs: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
        prop_assert_eq!(svgs.len(), 2);
        for svg in svgs {
            let text = std::fs::read_to_string(svg.unwrap().path()).unwrap();
            prop_assert!(garbage(&text).is_none(), "{:?}", garbage(&text));
        }
    }
    Ok((loaded == 0, exported))
}

#[test]
fn any_finite_figures_are_refused_or_shown_finite() {
    use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
    use std::sync::atomic::{AtomicUsize, Ordering};
    // A fixed seed: the same cases every run (the counts below must not vary).
    let config = ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let (loaded, refused, exported) = (
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    );
    let values = prop_oneof![
        1 => prop::collection::vec(value(), 16),
        2 => prop::collection::vec(plausible(), 16),
    ];
    runner
        .run(&values, |values| {
            let (ok, written) = case(&values)?;
            let counter = if ok { &loaded } else { &refused };
            counter.fetch_add(1, Ordering::Relaxed);
            exported.fetch_add(usize::from(written), Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
    // Both sides ran: datasets that loaded and were shown, and ones refused.
    let (loaded, refused, exported) = (
        loaded.into_inner(),
        refused.into_inner(),
        exported.into_inner(),
    );
    eprintln!("{loaded} loaded, {refused} refused, {exported} exported");
    assert!(
        loaded >= 8 && refused >= 8 && exported >= 8,
        "{loaded} loaded, {refused} refused, {exported} exported"
    );
}

#[test]
fn the_garbage_finder_finds_what_the_issue_saw() {
    assert!(garbage("revenue: $n/aT in 2024").is_some());
    assert!(garbage("margin NaN%").is_some());
    assert!(garbage("growth inf%").is_some());
    assert!(garbage("gross n/a, operating 5.0%").is_none());
    assert!(garbage("information: n/a").is_none());
}
