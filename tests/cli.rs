//! The command line as a user runs it: the real binary, its exit codes, stdout and
//! stderr (`FILE:LINE:COL: message`), `--help` of every subcommand, and export with no
//! display.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_moneymap"));
    c.env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET");
    c
}

fn dataset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("datasets")
        .join(name)
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_summarises_every_shipped_dataset_with_the_twilio_warning() {
    let files: Vec<String> = ["twilio.ron", "twilio-reported.ron", "ericsson.ron"]
        .iter()
        .map(|n| dataset(n).display().to_string())
        .collect();
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("  company:   Twilio (TWLO)"), "{out}");
    assert!(
        out.contains("  revenue:   $4.46B in 2024 (+7.5% YoY; CAGR +7.5% since 2023)"),
        "{out}"
    );
    assert!(
        out.contains("  margins:   gross 51.1%, operating 4.5%, net 2.7%, FCF 14.3%"),
        "{out}"
    );
    assert!(out.contains("2024.segments: segments sum to $4.13B but revenue is $4.46B: $330.0M (7.4% of revenue) is not allocated to any segment"), "{out}");
    assert!(
        out.contains("  revenue:   SEK 247.9B in 2024 (-5.9% YoY; CAGR -4.5% since 2022)"),
        "{out}"
    );
    assert!(
        out.contains("  margins:   gross n/a, operating 1.7%, net 0.2%, FCF n/a"),
        "{out}"
    );
    assert!(out.contains("3 of 3 files loaded"), "{out}");
}

#[test]
fn check_fails_with_file_line_col_and_a_caret() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(company: \"X\", currency: \"USD\", scale: Milions,\n source: (title: \"t\", basis: \"b\"), years: [])\n").expect("write");
    let good = dataset("ericsson.ron");
    let (code, out, err) = run(&["check", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "{}:1:40: unknown value `Milions`; did you mean `Millions`?\n",
            bad.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("1 | (company: \"X\", currency: \"USD\", scale: Milions,\n"),
        "{err}"
    );
    assert!(out.contains("1 of 2 files loaded"), "{out}");
    let (code, _, err) = run(&["check", dir.path().join("none.ron").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("none.ron: cannot read the file"), "{err}");
}

/// A file that parses gets every validation error in one run, each with its line and
/// column, in file order, and a count (it used to stop at the first).
#[test]
fn check_lists_every_validation_error_of_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    let text = std::fs::read_to_string(dataset("ericsson.ron"))
        .expect("read")
        .replacen(
            "year: 2022, revenue: 271546",
            "year: 2022, revenue: inf, capex: -5",
            1,
        )
        .replacen("{ \"Networks\": 171442", "{ \"Netwerks\": 171442", 1)
        .replacen("\"Enterprise\": 24863", "\"Enterprize\": 24863", 1);
    std::fs::write(&bad, &text).expect("write");
    let (code, _, err) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    let heads: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with(&bad.display().to_string()))
        .collect();
    let at = |needle: &str| {
        let (line, col) = text
            .lines()
            .enumerate()
            .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, c + 1)))
            .expect("needle in the text");
        format!("{}:{line}:{col}: ", bad.display())
    };
    assert_eq!(heads.len(), 5, "{err}");
    assert!(heads[0].starts_with(&at("inf,")), "{err}");
    assert!(heads[0].contains("not a finite number"), "{err}");
    // A second error in the same year, from another of its checks.
    assert!(heads[1].starts_with(&at("-5")), "{err}");
    assert!(heads[1].contains("capex is -5"), "{err}");
    assert!(heads[2].starts_with(&at("\"Netwerks\"")), "{err}");
    assert!(heads[2].contains("did you mean \"Networks\"?"), "{err}");
    assert!(heads[3].starts_with(&at("\"Enterprize\"")), "{err}");
    assert!(
        heads[4].starts_with(&format!(
            "{}: 4 errors (fix them and check again",
            bad.display()
        )),
        "{err}"
    );
}

#[test]
fn project_prints_the_table_and_csv() {
    let t = dataset("twilio.ron");
    let (code, out, err) = run(&[
        "project",
        t.to_str().unwrap(),
        "--scenario",
        "Bull",
        "--years",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Twilio: scenario \"Bull\", 3 years after 2024 (USD billions)"),
        "{out}"
    );
    let (_, one, _) = run(&["project", t.to_str().unwrap(), "--years", "1"]);
    assert!(
        one.starts_with("Twilio: scenario \"Trend\", 1 year after 2024 "),
        "{one}"
    );
    // Communications at 10% for 3 years from 3.68: 4.898 -> "$4.90B" in 2027.
    assert!(
        out.lines()
            .any(|l| l.starts_with("2027P") && l.contains("$4.90B")),
        "{out}"
    );
    let (code, out, _) = run(&[
        "project",
        t.to_str().unwrap(),
        "--scenario",
        "Bull",
        "--years",
        "3",
        "--csv",
    ]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "year,Communications,Segment,unallocated,revenue,revenue_growth_pct,gross_profit,operating_income,operating_margin_pct,net_income,free_cash_flow"
        )
    );
    let row2027 = lines.nth(2).expect("2027");
    let comm: f64 = row2027
        .split(',')
        .nth(1)
        .expect("col")
        .parse()
        .expect("number");
    assert!((comm - 4.898_08).abs() < 1e-6, "{row2027}");
    let (code, _, err) = run(&["project", t.to_str().unwrap(), "--scenario", "Moon"]);
    assert_eq!(code, 2, "a usage error: the option names nothing");
    assert!(
        err.contains(
            "no preset or scenario file named \"Moon\"; presets of Twilio: Bear, Base, Bull"
        ),
        "{err}"
    );
    let (code, _, err) = run(&["project", t.to_str().unwrap(), "--years", "11"]);
    assert_eq!(code, 2, "clap rejects out-of-range values");
    assert!(err.contains("11 is not in 1..=10"), "{err}");
}

#[test]
fn export_works_without_a_display_and_fails_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = dataset("ericsson.ron");
    let (code, out, err) = run(&[
        "export",
        t.to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
        "--charts",
        "margins",
        "--size",
        "600x400",
        "--scale",
        "1",
        "--theme",
        "dark",
    ]);
    assert_eq!(code, 0, "{err}");
    let path = out.trim();
    assert!(path.ends_with("ericsson-margins-2024.png"), "{out}");
    let img = image::open(path).expect("png");
    assert_eq!((img.width(), img.height()), (600, 400));
    // An output folder that cannot be created (its parent is a file).
    let file = dir.path().join("f");
    std::fs::write(&file, "x").expect("write");
    let (code, _, err) = run(&[
        "export",
        t.to_str().unwrap(),
        "--out",
        file.join("sub").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("moneymap export: ") && err.contains("cannot create the folder"),
        "{err}"
    );
}

#[test]
fn export_writes_svg_when_asked_and_refuses_unknown_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = dataset("twilio.ron");
    let out_dir = dir.path().to_str().unwrap();
    let base = [
        "export",
        t.to_str().unwrap(),
        "--out",
        out_dir,
        "--charts",
        "scenario",
    ];
    let (code, out, err) = run(&[&base[..], &["--format", "svg"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(out.trim().ends_with("twilio-scenario-2024.svg"), "{out}");
    assert!(
        !dir.path().join("twilio-scenario-2024.png").exists(),
        "SVG only"
    );
    let (code, _, err) = run(&[&base[..], &["--format", "png,gif"]].concat());
    assert_eq!(code, 2, "clap rejects it");
    assert!(
        err.contains("unknown format; expected any of png, svg"),
        "{err}"
    );
}

#[test]
fn every_subcommand_has_help() {
    for (args, needle) in [
        (vec!["--help"], "Usage: moneymap [OPTIONS] [FILE]"),
        (vec!["check", "--help"], "Validate dataset files"),
        (vec!["project", "--help"], "--scenario <SCENARIO>"),
        (vec!["export", "--help"], "--charts <CHARTS>"),
    ] {
        let (code, out, _) = run(&args);
        assert_eq!(code, 0);
        assert!(out.contains(needle), "{args:?}: {out}");
    }
}

/// 2 when the command line cannot work whatever the files hold (clap's code), 1 when a
/// command ran and failed: the codes the README's Commands section documents.
#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let twilio = dataset("twilio.ron");
    let t = twilio.to_str().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let f = file.to_str().unwrap();
    let csv = dir.path().join("figures.csv");
    std::fs::write(&csv, "USD million\nMetric,2023,2024\nRevenue,100,120\n").expect("write");
    let c = csv.to_str().unwrap();
    let workbook =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/nordvik-statement.xlsx");
    let written = dir.path().join("out.ron");
    let w = written.to_str().unwrap();
    let none = dir.path().join("none.ron");
    let ericsson = dataset("ericsson.ron");
    let out = dir.path().join("charts");
    let o = out.to_str().unwrap();
    let cases: [(&[&str], i32, &str); 10] = [
        (
            &["export", t, "--out", o, "--size", "800x400", "--scale", "2"],
            2,
            "an export needs at least 600x350 points",
        ),
        (
            &["project", t, "--scenario", "Moon"],
            2,
            "no preset or scenario file",
        ),
        (&["export", t, "--out", f], 2, "--out is the folder"),
        (
            &["value", t, "--discount", "3", "--terminal", "5"],
            2,
            "must be above the terminal growth",
        ),
        (
            &[
                "import",
                workbook.to_str().unwrap(),
                "--sheet",
                "Nope",
                "--out",
                w,
            ],
            2,
            "no sheet named \"Nope\"",
        ),
        (&["value", t, "--years", "99"], 2, "99 is not in 1..=30"),
        (&["check", f], 1, "a-file:1:1"),
        (&["project", none.to_str().unwrap()], 1, "none.ron"),
        (&["value", ericsson.to_str().unwrap()], 1, "no market cap"),
        (&["import", c, "--out", f], 1, "a-file"),
    ];
    for (args, expected, needle) in cases {
        let (code, _, err) = run(args);
        assert_eq!(code, expected, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

/// Regression (fresh-eyes review): `moneymap frobnicate` was taken as a dataset file, and
/// without a display every window command printed winit's internal error with a path into
/// cargo's registry. A mistyped command is a usage error naming the commands; no display
/// is said in words, with what works without one.
#[test]
fn a_mistyped_command_and_a_missing_display_are_said_in_words() {
    let (code, _, err) = run(&["frobnicate"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.trim_end(),
        "moneymap: `frobnicate` is neither a command nor a file: the commands are check, project, value, export, import and table (moneymap --help)"
    );
    let twilio = dataset("twilio.ron");
    let (code, _, err) = run(&[twilio.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(
            "moneymap: no display to open the window on: neither DISPLAY nor WAYLAND_DISPLAY is set"
        ),
        "{err}"
    );
    assert!(!err.contains(".cargo"), "{err}");
}
