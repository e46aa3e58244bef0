//! Every kind of bad input gets a precise message with a position; table-driven so the
//! exact text a user reads is what is asserted.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::model::{self, LoadErrorKind, Location};

/// A minimal valid dataset with `{years}` and `{extra}` to fill in.
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

#[test]
fn error_messages_name_the_place_and_the_problem() {
    let y = "(year: 2024, revenue: 10)";
    let cases: Vec<(String, &str)> = vec![
        // RON syntax: position from the parser.
        (
            doc("(year: 2024 revenue: 10)", ""),
            "7:25: expected a comma (,) between items",
        ),
        // A line's trailing comma left out: pointed at where it goes, not at the next
        // line's first word (comments and blank lines in between skipped; a // inside a
        // string is not a comment).
        (
            doc(y, "").replace(
                "basis: \"GAAP\"),\n",
                "basis: \"https://x.example/a\") // where\n\n    // the next\n",
            ),
            "5:55: expected a comma (,) at the end of this line: the next item, `segments`, starts on line 8",
        ),
        // Wrong type.
        (
            doc("(year: 2024, revenue: \"ten\")", ""),
            "7:34: expected a number: plain digits such as 4.46 or -0.2, without quotes, currency signs or thousands separators",
        ),
        // Common slips when typing figures, each pointing at the fix.
        (
            doc("(year: 2024, revenue: 4.46B)", ""),
            "7:39: expected a comma (,) after the number; numbers are plain digits: no %, currency sign or B/M suffix (`scale` sets the unit)",
        ),
        (
            doc(
                "(year: 2024, revenue: 1, kpis: [(name: \"NRR\", kind: Percent, value: 105%)])",
                "",
            ),
            "7:84: expected a comma (,) after the number; numbers are plain digits: no %, currency sign or B/M suffix (`scale` sets the unit)",
        ),
        (
            doc("(year: 2024, revenue: 1,380)", ""),
            "7:37: expected a field name, found `380`: numbers are written without thousands separators (1380, not 1,380)",
        ),
        (
            format!("# a comment\n{}", doc("(year: 2024, revenue: 1)", "")),
            "1:2: comments start with //, not #",
        ),
        (
            doc("(year: 2024, revenue: 1, revenue: 2)", ""),
            "7:38: field `revenue` is written twice in Year; keep one",
        ),
        // Missing required field.
        (
            doc("(year: 2024)", ""),
            "7:24: missing required field `revenue` in Year",
        ),
        // Misspelt field: closest valid name.
        (
            doc("(year: 2024, revenu: 10)", ""),
            "7:26: unknown field `revenu` in Year; did you mean `revenue`?",
        ),
        (
            doc(y, "    competitor: [],\n"),
            "8:5: unknown field `competitor` in Dataset; did you mean `competitors`?",
        ),
        // Misspelt enum value.
        (
            doc(y, "").replace("Millions", "Milions"),
            "4:12: unknown value `Milions`; did you mean `Millions`?",
        ),
        // Validation errors point at the value (or map key) in the text, like syntax
        // errors. Line 7 is `    years: [...]`: its list starts at column 13.
        // Duplicate years: the second `(year: ` starts at 13 + 25 + 2 = 40, its value at 47.
        (
            doc(&format!("{y}, {y}"), ""),
            "7:47: year 2024 appears more than once",
        ),
        // The same KPI twice in one year, in the first year and in a later one.
        (
            doc(
                "(year: 2024, revenue: 1, kpis: [(name: \"NRR\", kind: Percent, value: 105), (name: \"NRR\", kind: Percent, value: 104)])",
                "",
            ),
            "7:94: KPI \"NRR\" appears more than once in this year",
        ),
        (
            doc(
                "(year: 2023, revenue: 1, kpis: [(name: \"A\", kind: Count, value: 1), (name: \"B\", kind: Count, value: 2)]), (year: 2024, revenue: 1, kpis: [(name: \"A\", kind: Count, value: 1), (name: \"A\", kind: Count, value: 2)])",
                "",
            ),
            "7:194: KPI \"A\" appears more than once in this year",
        ),
        // NaN and infinity.
        (
            doc("(year: 2024, revenue: NaN)", ""),
            "7:35: the value is not a finite number; write a plain number, or leave the field out",
        ),
        (
            doc("(year: 2024, revenue: 1, gross_profit: inf)", ""),
            "7:52: the value is not a finite number; write a plain number, or leave the field out",
        ),
        // Undeclared segment, with suggestion.
        (
            doc("(year: 2024, revenue: 10, segments: {\"Clod\": 4})", ""),
            "7:50: segment \"Clod\" is not declared in `segments`; did you mean \"Cloud\"?",
        ),
        // Lever and preset naming unknown segments.
        (
            doc(
                y,
                "    watch: [(title: \"w\", levers: [SegmentGrowth(\"Phones\")])],\n",
            ),
            "8:49: segment \"Phones\" is not declared in `segments`",
        ),
        (
            doc(
                y,
                "    presets: [(name: \"Bull\", levers: [(lever: SegmentGrowth(\"Devics\"), value: 3)])],\n",
            ),
            "8:61: segment \"Devics\" is not declared in `segments`; did you mean \"Devices\"?",
        ),
        (
            doc(y, "    presets: [(name: \"Bull\", horizon_years: 40)],\n"),
            "8:45: horizon_years is 40; it must be between 1 and 10",
        ),
        // Empty year list.
        (
            doc("", ""),
            "7:12: `years` is empty: a dataset needs at least one year",
        ),
        // Empty file, whitespace only.
        (
            String::new(),
            "the file is empty: a dataset needs at least `company`, `currency`, `scale`, `source` and `years`",
        ),
        (
            "  \n\t\n".to_owned(),
            "the file is empty: a dataset needs at least `company`, `currency`, `scale`, `source` and `years`",
        ),
        // Blank names, duplicate segments, a year typo, a note on nothing.
        (
            doc(y, "").replace("\"Acme\"", "\" \""),
            "2:14: must not be empty",
        ),
        (
            doc(y, "").replace("\"Devices\"", "\"Cloud\""),
            "6:40: segment \"Cloud\" is declared more than once",
        ),
        (
            doc("(year: 20024, revenue: 1)", ""),
            "7:20: year 20024 is out of range (1800 to 2200)",
        ),
        (
            doc(
                "(year: 2024, revenue: 1, notes: {\"gros_profit\": \"x\"})",
                "",
            ),
            "7:46: note refers to \"gros_profit\", which is not a figure of this year; did you mean \"gross_profit\"?",
        ),
    ];
    let mismatches: Vec<String> = cases
        .iter()
        .filter(|(text, expected)| err(text) != *expected)
        .map(|(text, expected)| {
            format!(
                "expected: {expected}\n     got: {}\n   input: {text}",
                err(text)
            )
        })
        .collect();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

#[test]
fn syntax_errors_carry_the_offending_line_for_a_caret() {
    let text = doc("(year: 2024 revenue: 10)", "");
    let e = model::parse(&text).expect_err("bad");
    assert_eq!(e.location, Location::LineCol { line: 7, col: 25 });
    assert_eq!(
        e.caret_snippet().as_deref(),
        Some("7 |     years: [(year: 2024 revenue: 10)],\n                            ^")
    );
}

/// A long line is shown around the column, cut with "…", with the caret under the
/// character it points at (a whole 300-character line wraps in a terminal or the error
/// panel, and the caret ends up under something else).
#[test]
fn a_long_line_is_cut_around_the_caret() {
    let long = "x".repeat(150);
    let text = doc(
        "(year: 2024, revenue: 10)",
        &format!("    competitors: [\"{long}\" \"B\"],\n"),
    );
    let e = model::parse(&text).expect_err("bad");
    let Location::LineCol { line, col } = e.location else {
        panic!("a position: {e}");
    };
    let source = text.lines().nth(line - 1).unwrap();
    let snippet = e.caret_snippet().unwrap();
    let (shown, caret) = snippet.split_once('\n').unwrap();
    assert!(
        shown.chars().count() <= model::SNIPPET_CHARS + 10,
        "{}",
        shown.chars().count()
    );
    assert!(shown.starts_with(&format!("{line} | …")), "{shown}");
    // The caret sits under the character the column names.
    let under = shown.chars().nth(caret.chars().count() - 1).unwrap();
    assert_eq!(Some(under), source.chars().nth(col - 1), "{snippet}");
    assert!(caret.ends_with('^'));
    // Short lines are shown whole.
    let short = model::parse(&doc("(year: 2024 revenue: 10)", "")).expect_err("bad");
    assert!(!short.caret_snippet().unwrap().contains('…'));
}

#[test]
fn non_utf8_bytes_give_line_and_column() {
    let mut bytes = doc("(year: 2024, revenue: 10)", "").into_bytes();
    // Put an invalid byte inside the company name on line 2.
    let pos = bytes.windows(4).position(|w| w == b"Acme").expect("Acme");
    bytes[pos + 1] = 0xFF;
    let e = model::parse_bytes(&bytes).expect_err("not utf-8");
    assert_eq!(
        e.to_string(),
        "2:16: the file is not UTF-8 text (invalid byte 0xFF); save it as UTF-8"
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = format!(
        "\u{feff}{}",
        doc("(year: 2024, revenue: 10)", "").replace('\n', "\r\n")
    );
    let loaded = model::parse(&text).expect("BOM + CRLF load");
    assert_eq!(loaded.dataset.years[0].revenue, 10.0);
}

#[test]
fn comments_and_implicit_some_work() {
    let text = doc(
        "// the latest year\n (year: 2024, revenue: 10, gross_profit: 4.5 /* plain number */)",
        "",
    );
    let loaded = model::parse(&text).expect("loads");
    assert_eq!(loaded.dataset.years[0].gross_profit, Some(4.5));
}

#[test]
fn files_name_themselves_in_errors_and_over_size_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, doc("(year: 2024)", "")).expect("write");
    let e = model::load(&bad).expect_err("bad");
    assert_eq!(
        e.to_string(),
        format!(
            "{}:7:24: missing required field `revenue` in Year",
            bad.display()
        )
    );

    // A sparse 1 GiB file: refused by its size, nothing read.
    let huge = dir.path().join("huge.ron");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(1 << 30)
        .expect("set_len");
    let e = model::load(&huge).expect_err("too large");
    assert!(
        e.to_string()
            .ends_with("the file is 1073741824 bytes; datasets are limited to 67108864 bytes"),
        "{e}"
    );

    // A sparse file over the limit: refused by size, without reading 65 MiB.
    let big = dir.path().join("big.ron");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(model::MAX_FILE_BYTES + 1).expect("set_len");
    let e = model::load(&big).expect_err("too large");
    assert_eq!(
        *e.kind,
        LoadErrorKind::TooLarge {
            size: model::MAX_FILE_BYTES + 1,
            limit: model::MAX_FILE_BYTES
        }
    );
    assert!(
        e.to_string()
            .ends_with("the file is 67108865 bytes; datasets are limited to 67108864 bytes")
    );

    let missing = dir.path().join("missing.ron");
    let e = model::load(&missing).expect_err("missing");
    assert!(
        e.to_string()
            .starts_with(&format!("{}: cannot read the file:", missing.display())),
        "{e}"
    );

    let e = model::load(dir.path()).expect_err("a directory");
    assert!(
        e.to_string()
            .ends_with("cannot read the file: it is a directory, not a file"),
        "{e}"
    );
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    // The schema is shallow: nesting is refused where the first unexpected bracket is.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let text = doc(y_with_kpi_list(&deep).as_str(), "");
    assert_eq!(err(&text), "7:45: Expected opening `(` for struct `Kpi`");
    let some = format!("{}1{}", "Some(".repeat(10_000), ")".repeat(10_000));
    let text = doc(
        "(year: 2024, revenue: 1)",
        &format!("    market_cap: {some},\n"),
    );
    assert_eq!(
        err(&text),
        "8:22: Expected struct `MarketCap` but found `Some`"
    );
}

/// 100,000-element lists where each element costs the UI something are refused at once
/// with the limit, instead of validating for minutes (segments were quadratic) and
/// drawing 100,000 legend entries and sliders.
#[test]
fn huge_lists_are_refused_with_their_limit() {
    let segments: String = (0..100_000).map(|i| format!("(name: \"S{i}\"),")).collect();
    let text = doc("(year: 2024, revenue: 1)", "").replace(
        "segments: [(name: \"Cloud\"), (name: \"Devices\")]",
        &format!("segments: [{segments}]"),
    );
    assert_eq!(
        err(&text),
        "6:15: 100000 segments: moneymap supports at most 100"
    );
    let levers = "GrossMargin, ".repeat(100_000);
    let text = doc(
        "(year: 2024, revenue: 1)",
        &format!("    watch: [(title: \"w\", levers: [{levers}])],\n"),
    );
    assert_eq!(
        err(&text),
        "8:34: 100000 levers in one watch item: moneymap supports at most 20"
    );
    let presets = "(name: \"p\"), ".repeat(100_000);
    let text = doc(
        "(year: 2024, revenue: 1)",
        &format!("    presets: [{presets}],\n"),
    );
    assert_eq!(
        err(&text),
        "8:14: 100000 presets: moneymap supports at most 50"
    );
    // At the limit, a dataset loads.
    let segments: String = (0..100).map(|i| format!("(name: \"S{i}\"),")).collect();
    let text = doc("(year: 2024, revenue: 1)", "").replace(
        "segments: [(name: \"Cloud\"), (name: \"Devices\")]",
        &format!("segments: [{segments}]"),
    );
    assert_eq!(
        model::parse(&text)
            .expect("100 segments")
            .dataset
            .segments
            .len(),
        100
    );
}

fn y_with_kpi_list(list: &str) -> String {
    format!("(year: 2024, revenue: 1, kpis: {list})")
}

/// Validation names every watch item's and every preset's first error, not only the
/// first item's (a bad horizon in "Bull" showed only once "Bear" was fixed).
#[test]
fn every_preset_and_watch_item_gets_its_error() {
    let text = doc(
        "(year: 2024, revenue: 10, segments: {\"Cloud\": 6, \"Devices\": 4})",
        "    watch: [(title: \" \"), (title: \"Ok\", levers: [SegmentGrowth(\"Clud\")])],\n    presets: [(name: \"Bear\", horizon_years: 15), (name: \"Bull\", horizon_years: 0)],\n",
    );
    let ds: model::Dataset = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .expect("reads");
    let errors = model::validate::validate_all(ds).expect_err("four errors");
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(messages[0].starts_with("watch[0].title"), "{messages:#?}");
    assert!(messages[1].contains("\"Clud\""), "{messages:#?}");
    assert!(messages[2].contains("horizon_years is 15"), "{messages:#?}");
    assert!(messages[3].contains("horizon_years is 0"), "{messages:#?}");
    // The window's one error is the first of them, located in the text.
    let first = model::parse(&text).expect_err("invalid");
    assert_eq!(first.to_string(), "8:21: must not be empty");
}

/// Regression (fresh-eyes review): a dataset cut short (a copy or download that stopped)
/// was told "expected a comma (,) at the end of this line" at a line that has one, "Expected
/// opening `(` for struct `Preset`" or "expected text in double quotes" at a quote. Cut
/// anywhere, the file now says that it ends too early, at the place it stops.
#[test]
fn a_file_cut_short_anywhere_says_it_ends_too_early() {
    let text = moneymap::model::TWILIO_RON;
    let mut checked = 0;
    for cut in (1..text.len())
        .step_by(7)
        .filter(|&i| text.is_char_boundary(i))
    {
        let e = moneymap::model::parse(&text[..cut]).expect_err("a cut file never loads");
        let message = e.to_string();
        assert!(
            message.contains("the file ends too early")
                || message.contains("the file ends inside this text"),
            "cut at byte {cut} ({:?}): {message}",
            &text[cut.saturating_sub(20)..cut]
        );
        checked += 1;
    }
    assert!(checked > 1000, "{checked} cuts");
}
