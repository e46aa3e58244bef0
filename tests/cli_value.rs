//! `moneymap value` and `moneymap project --fan`: through the real binary (exit codes,
//! stdout, stderr) and in-process through `cli::run`, which is what the binary calls.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Parser;
use moneymap::cli::{self, Cli};

fn dataset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("datasets")
        .join(name)
}

fn twilio() -> String {
    dataset("twilio.ron").display().to_string()
}

/// The real binary: (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_moneymap"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// In-process, as `main` does it: (exit code, stdout, stderr).
fn run_in_process(args: &[&str]) -> (i32, String, String) {
    let cli = Cli::try_parse_from(std::iter::once("moneymap").chain(args.iter().copied()))
        .expect("parses");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run(cli, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// Twilio as stated, default parameters: the card of `model_valuation`'s hand-worked
/// test (42 / 4.46 = 9.4x; 20.65%/yr priced in; the trend worth $13.98B).
#[test]
fn value_prints_the_card() {
    let t = twilio();
    let (code, out, err) = run(&["value", &t]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Twilio (TWLO): valuation of scenario \"Trend\" (USD billions)"
    );
    assert_eq!(
        lines[1],
        "Market cap $42.0B (2025 (as stated in the article))"
    );
    assert_eq!(lines[3], "Multiples                          2024    2027P");
    assert_eq!(lines[4], "  market cap / revenue             9.4x     7.9x");
    assert_eq!(lines[6], "  market cap / free cash flow     65.6x    55.1x");
    assert!(
        out.contains("Scenario value: the scenario is worth $14.0B (66.7% below the market cap)\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "Priced-in growth: $42.0B prices in 20.7%/yr for 10 years at a 14.3% FCF margin\n"
        ),
        "{out}"
    );
    // The binary and the in-process run print the same.
    assert_eq!(run_in_process(&["value", &t]), (0, out, String::new()));
}

#[test]
fn value_csv_and_options() {
    let t = twilio();
    let (code, out, err) = run(&["value", &t, "--csv"]);
    assert_eq!(code, 0, "{err}");
    let field = |out: &str, k: &str| -> String {
        out.lines()
            .find_map(|l| l.strip_prefix(&format!("{k},")))
            .unwrap_or_else(|| panic!("{k} in {out}"))
            .to_owned()
    };
    assert_eq!(out.lines().next(), Some("field,value"));
    let g: f64 = field(&out, "priced_in_growth_pct").parse().unwrap();
    assert!((g - 20.650_142_069_986_6).abs() < 1e-6, "{g}");
    assert_eq!(field(&out, "actual_market_cap_to_fcf"), "65.625");
    assert_eq!(field(&out, "priced_in_problem"), "");
    // A higher discount rate needs more growth to be worth the same market cap.
    let (code, out, _) = run(&[
        "value",
        &t,
        "--csv",
        "--discount",
        "12",
        "--terminal",
        "2",
        "--years",
        "5",
    ]);
    assert_eq!(code, 0);
    let g12: f64 = field(&out, "priced_in_growth_pct").parse().unwrap();
    assert!(g12 > g, "{g12} vs {g}");
    assert_eq!(field(&out, "years"), "5");
    // Bull preset: 18% FCF margin.
    let (_, out, _) = run(&["value", &t, "--scenario", "Bull", "--csv"]);
    let m: f64 = field(&out, "priced_in_fcf_margin_pct").parse().unwrap();
    assert!((m - 18.0).abs() < 1e-9, "{m}");
}

#[test]
fn value_refuses_what_it_cannot_value() {
    let t = twilio();
    let (code, out, err) = run(&["value", &t, "--discount", "3"]);
    assert_eq!(
        (code, out.as_str()),
        (2, ""),
        "options that cannot go together"
    );
    assert_eq!(
        err,
        "moneymap value: the discount rate (3%) must be above the terminal growth (3%): otherwise the terminal value is infinite\n"
    );
    let e = dataset("ericsson.ron").display().to_string();
    let (code, _, err) = run_in_process(&["value", &e]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "moneymap value: no market cap in the dataset: add `market_cap: (value: ..., as_of: \"...\")` in SEK millions, the figures' units (optionally with `net_cash: ...`)\n"
    );
    let (code, _, err) = run(&["value", &t, "--years", "31"]);
    assert_eq!(code, 2, "clap rejects out-of-range years");
    assert!(err.contains("31 is not in 1..=30"), "{err}");
    let (code, _, err) = run(&["value", &t, "--terminal", "-60"]);
    assert_eq!(code, 2, "an option's value out of range");
    assert!(
        err.contains("the terminal growth must be a number from -50% per year (got -60)"),
        "{err}"
    );
    // Negative FCF every year: the card prints, each part says why there is no figure.
    let dir = tempfile::tempdir().unwrap();
    let losses = dir.path().join("losses.ron");
    std::fs::write(
        &losses,
        "(company: \"L\", currency: \"USD\", scale: Millions, source: (title: \"t\", basis: \"b\"), \
         years: [(year: 2024, revenue: 100, free_cash_flow: -5)], market_cap: (value: 50, as_of: \"x\"))",
    )
    .unwrap();
    let (code, out, _) = run(&["value", losses.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Priced-in growth: not reachable: at a -5.0% FCF margin no growth makes the cash flow worth a positive market cap\n"),
        "{out}"
    );
    assert!(
        out.contains("Scenario value: free cash flow is -$5.00M in 2034: a terminal value of losses forever is no value"),
        "{out}"
    );
}

#[test]
fn project_fan_prints_percentiles_per_year() {
    let t = twilio();
    let (code, out, err) = run(&["project", &t, "--fan"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "Twilio: fan of scenario \"Trend\", 3 years after 2024 (USD billions), 2,000 draws\n"
        ),
        "{out}"
    );
    assert!(out.contains("drawn independently"), "{out}");
    assert!(
        out.contains("  Communications growth                  0.00     5.14    12.00  %/yr   stated in \"Communications growth reacceleration\"\n"),
        "{out}"
    );
    assert!(out.lines().any(|l| l.starts_with("2027P ")), "{out}");
    assert!(
        out.contains("Value (10 years, discount rate 9.0%, terminal growth 3.0%): the market cap ($42.0B) is above every outcome"),
        "{out}"
    );
    let (code, csv, _) = run(&["project", &t, "--fan", "--csv", "--years", "5"]);
    assert_eq!(code, 0);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("year,revenue_p10,revenue_p50,revenue_p90,fcf_p10,fcf_p50,fcf_p90")
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0][0], 2025.0);
    for r in &rows {
        assert!(r[1] <= r[2] && r[2] <= r[3], "{r:?}");
        assert!(r[4] <= r[5] && r[5] <= r[6], "{r:?}");
    }
    // Deterministic: the same command prints the same fan, in-process too.
    assert_eq!(
        run_in_process(&["project", &t, "--fan", "--csv", "--years", "5"]).1,
        csv
    );
    // Without free cash flow, the FCF columns are empty.
    let e = dataset("ericsson.ron").display().to_string();
    let (_, csv, _) = run(&["project", &e, "--fan", "--csv"]);
    assert!(csv.lines().nth(1).unwrap().ends_with(",,,"), "{csv}");
}

#[test]
fn value_has_help() {
    let (code, out, _) = run(&["value", "--help"]);
    assert_eq!(code, 0);
    for needle in [
        "--discount <DISCOUNT>",
        "--terminal <TERMINAL>",
        "--years <YEARS>",
        "[default: 9]",
    ] {
        assert!(out.contains(needle), "{needle}: {out}");
    }
    let (_, out, _) = run(&["project", "--help"]);
    assert!(out.contains("--fan"), "{out}");
}
