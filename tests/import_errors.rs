//! Every bad input of issue 15 through the real binary: the message names the file and
//! the place (`file:row:column`, a cell, a JSON path), the exit code is 1 (2 for a
//! `--sheet` naming no sheet, a usage error), and no file is written.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
        .display()
        .to_string()
}

/// Runs `moneymap import SOURCES... --out DIR/out.ron EXTRA...`: exit code, stderr, and
/// whether the output file exists afterwards.
fn import(dir: &Path, sources: &[String], extra: &[&str]) -> (i32, String, bool) {
    let out = dir.join("out.ron");
    let o = Command::new(env!("CARGO_BIN_EXE_moneymap"))
        .arg("import")
        .args(sources)
        .arg("--out")
        .arg(&out)
        .args(extra)
        .output()
        .expect("runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        out.exists(),
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p: PathBuf = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p.display().to_string()
}

/// A companyfacts file with one revenue fact per `(unit, value)`.
fn facts(units: &[(&str, &str)]) -> String {
    let u: Vec<String> = units
        .iter()
        .map(|(unit, concept)| {
            format!(
                "\"{concept}\": {{\"units\": {{\"{unit}\": [{{\"start\": \"2023-01-01\", \"end\": \"2023-12-31\", \"val\": 5, \"accn\": \"a\", \"form\": \"10-K\", \"filed\": \"2024-02-01\"}}]}}}}"
            )
        })
        .collect();
    format!(
        "{{\"cik\": 1, \"entityName\": \"X\", \"facts\": {{\"us-gaap\": {{{}}}}}}}",
        u.join(",")
    )
}

#[test]
fn every_bad_input_names_its_place_and_exits_1_or_2_for_usage() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let good = facts(&[("USD", "Revenues")]);
    let cases: Vec<(String, Vec<&str>, String)> = vec![
        // Truncated JSON: line:column of the end.
        {
            let f = write(d, "cut.json", &good.as_bytes()[..good.len() - 30]);
            let col = good.len() - 30;
            (
                f.clone(),
                vec![],
                format!(
                    "{f}:1:{col}: the file ends too early (truncated JSON), inside facts.us-gaap.Revenues.units.USD[0]"
                ),
            )
        },
        // JSON that is not companyfacts.
        {
            let f = write(d, "other.json", b"{\"data\": [1, 2, 3]}");
            (
                f.clone(),
                vec![],
                format!(
                    "{f}: JSON, but not SEC companyfacts: it has no `facts` object (expected `facts` with `us-gaap` or `ifrs-full` concepts)"
                ),
            )
        },
        // Companyfacts with no annual revenue (only gross profit).
        {
            let f = write(d, "norev.json", facts(&[("USD", "GrossProfit")]).as_bytes());
            (
                f.clone(),
                vec![],
                format!(
                    "{f}: no annual revenue: no full-year (350-380 day) Revenues / RevenueFromContractWithCustomerExcludingAssessedTax / RevenueFromContractWithCustomerIncludingAssessedTax / SalesRevenueNet fact in a 10-K, 20-F or 40-F"
                ),
            )
        },
        // Mixed currencies.
        {
            let f = write(
                d,
                "mixed.json",
                facts(&[("USD", "Revenues"), ("SEK", "NetIncomeLoss")]).as_bytes(),
            );
            (
                f.clone(),
                vec![],
                format!(
                    "{f}:facts.us-gaap.NetIncomeLoss.units.SEK: mixed currencies: USD and SEK; a dataset keeps one currency (import each currency's figures separately)"
                ),
            )
        },
        // A CSV with no year header.
        {
            let f = write(d, "noyears.csv", b"Acme,,\nUSD millions,,\nRevenue,10,12\n");
            (
                f.clone(),
                vec![],
                format!(
                    "{f}:1:1: no year header: put the years (2023, 2024 or FY2024) in one row above the figures, or use the tidy layout (company, year, metric, value)"
                ),
            )
        },
        // Ragged rows: a value with no year above it.
        {
            let f = write(
                d,
                "ragged.csv",
                b"USD millions,,\n,2023,2024\nRevenue,10,12\nNet income,1,2,3\n",
            );
            (
                f.clone(),
                vec![],
                format!(
                    "{f}:4:4: row has 4 cells but the header has 3: a value here has no year above it"
                ),
            )
        },
        // Numbers it cannot read.
        {
            let f = write(
                d,
                "dots.csv",
                b"USD millions,,\n,2023,2024\nRevenue,10,12.3.4\n",
            );
            (
                f.clone(),
                vec![],
                format!(
                    "{f}:3:3: cannot read \"12.3.4\" as a number: write digits such as 1,234.5 or (4,943), or leave the cell blank"
                ),
            )
        },
        {
            let f = write(d, "nm.csv", b"company,year,metric,value,unit\nA,2023,Revenue,10,USD millions\nA,2024,Revenue,n/m,USD millions\n");
            (
                f.clone(),
                vec![],
                format!(
                    "{f}:3:4: cannot read \"n/m\" as a number: write digits such as 1,234.5 or (4,943), or leave the cell blank"
                ),
            )
        },
        // A workbook with no sheets; the wrong --sheet.
        {
            let f = fixture("import/no-sheets.xlsx");
            (
                f.clone(),
                vec![],
                format!("{f}: the workbook has no sheets"),
            )
        },
        {
            let f = fixture("import/nordvik-statement.xlsx");
            (
                f.clone(),
                vec!["--sheet", "Balance"],
                format!("{f}: no sheet named \"Balance\"; the sheets are: Cover, Income statement"),
            )
        },
        // An "XLSX" that is a zip of something else.
        {
            let f = fixture("import/not-a-workbook.xlsx");
            (
                f.clone(),
                vec![],
                format!(
                    "{f}: a zip archive, but not an XLSX or ODS workbook (it has no xl/workbook.xml (XLSX) or content.xml (ODS))"
                ),
            )
        },
    ];
    for (file, extra, expected) in cases {
        let (code, stderr, written) = import(d, std::slice::from_ref(&file), &extra);
        // A --sheet naming a sheet the workbook lacks cannot work whatever the file holds:
        // a usage error (2), as the README documents; every other bad input exits 1.
        let usage = extra.contains(&"--sheet");
        assert_eq!(
            (code, stderr.trim_end()),
            (if usage { 2 } else { 1 }, expected.as_str()),
            "{file}"
        );
        assert!(!written, "{file}: nothing may be written");
    }
}

#[test]
fn a_500_mb_file_is_refused_by_its_size_before_reading() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("huge.csv");
    // Sparse: 500 MB on paper, no disk used.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(500 * 1024 * 1024))
        .expect("sparse file");
    let f = path.display().to_string();
    let (code, stderr, written) = import(dir.path(), std::slice::from_ref(&f), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.trim_end(),
        format!("{f}: the file is 524288000 bytes; imports are limited to 67108864 bytes")
    );
    assert!(!written);
}

/// A zip whose one sheet part is `size` bytes of spaces (deflate makes it ~1000x smaller),
/// beside a workbook part so it passes for an XLSX.
pub fn bomb(size: usize) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("xl/workbook.xml", opts).expect("part");
    z.write_all(b"<workbook/>").expect("write");
    z.start_file("xl/worksheets/sheet1.xml", opts)
        .expect("part");
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..size / chunk.len() {
        z.write_all(&chunk).expect("write");
    }
    z.finish().expect("finish");
    buf.into_inner()
}

#[test]
fn a_zip_bomb_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    // 300 MB of spaces in about 300 KB.
    let bytes = bomb(300 << 20);
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    let f = write(dir.path(), "bomb.xlsx", &bytes);
    let (code, stderr, written) = import(dir.path(), std::slice::from_ref(&f), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "{f}: the workbook unpacks to more than 33554432 bytes (a zip bomb, or far more data than a company's figures); refused"
        )
    );
    assert!(!written);
}

/// Peak resident memory of this process so far, in bytes (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn a_zip_bomb_is_refused_while_read_with_memory_bounded() {
    let bytes = bomb(300 << 20);
    let before = peak_rss().expect("VmHWM in /proc/self/status (Linux)");
    let e = moneymap::import::import_bytes(
        &[(Path::new("bomb.xlsx"), bytes.as_slice())],
        &moneymap::import::ImportOptions::default(),
    )
    .expect_err("refused");
    assert_eq!(
        e.kind,
        moneymap::import::ImportErrorKind::ZipBomb { limit: 32 << 20 }
    );
    // Unpacking 300 MB into memory would raise the peak by 300 MB; counting it as it is
    // read raises it by next to nothing (the other tests here run in child processes).
    let after = peak_rss().expect("VmHWM");
    assert!(
        after - before < 16 << 20,
        "peak memory rose by {} bytes",
        after - before
    );
}

/// Tidy CSV rows with a value left out (not left empty) or a value in no column are
/// refused at their row and column; before, the short row was skipped and the long
/// row's extra value ignored, with exit 0.
#[test]
fn tidy_rows_must_have_the_headers_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        moneymap::import::import_sources(std::slice::from_ref(&path), &Default::default())
            .map(|_| ())
            .map_err(|e| e.to_string())
            .map(|()| path.display().to_string())
    };
    let head = "company,year,metric,value,unit\nAcme,2023,Revenue,100,USD millions\n";
    let short = run("short.csv", &format!("{head}Acme,2024,Revenue\n"));
    let f = dir.path().join("short.csv").display().to_string();
    assert_eq!(
        short,
        Err(format!(
            "{f}:3:4: row has 3 cells but the header has 5: fill in the missing cells (leave a cell empty between commas if its value is unknown)"
        ))
    );
    let long = run(
        "long.csv",
        &format!("{head}Acme,2024,Revenue,120,USD millions,extra\n"),
    );
    let f = dir.path().join("long.csv").display().to_string();
    assert_eq!(
        long,
        Err(format!(
            "{f}:3:6: row has 6 cells but the header has 5: this cell has no column name above it; remove it or name its column"
        ))
    );
    // Trailing empty cells are no slip; nor is an empty value between commas.
    assert!(
        run(
            "ok.csv",
            &format!(
                "{head}Acme,2024,Revenue,120,USD millions,,\nAcme,2024,Net income,,USD millions\n"
            )
        )
        .is_ok()
    );
}

/// A workbook whose first sheet is a cover page: with no `--sheet`, the first sheet that
/// reads as figures is taken and a warning says which (before, an error sent the user to
/// `--sheet`, which the window does not have). The figures are those of naming it.
#[test]
fn a_cover_sheet_is_skipped_and_said_so() {
    let f = std::path::PathBuf::from(fixture("import/nordvik-statement.xlsx"));
    let auto = moneymap::import::import_sources(std::slice::from_ref(&f), &Default::default())
        .expect("imports");
    let named = moneymap::import::import_sources(
        std::slice::from_ref(&f),
        &moneymap::import::ImportOptions {
            sheet: Some("Income statement".into()),
        },
    )
    .expect("imports");
    // The same figures; only the automatic one carries its warning into the file.
    let figures = |d: &moneymap::model::Dataset| moneymap::model::Dataset {
        import_warnings: vec![],
        ..d.clone()
    };
    assert_eq!(
        figures(&auto.loaded.dataset),
        figures(&named.loaded.dataset)
    );
    assert_eq!(auto.loaded.dataset.import_warnings, auto.warnings);
    assert!(
        auto.warnings.iter().any(|w| w.ends_with(
            "read sheet \"Income statement\": the first sheet, \"Cover\", has no year header (another sheet can be named with --sheet)"
        )),
        "{:?}",
        auto.warnings
    );
}
