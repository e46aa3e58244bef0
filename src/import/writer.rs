//! Writing an imported dataset as RON a person is glad to edit: a header comment naming
//! the sources and the date, one field per line, a note on every imported figure, the
//! `segments` list always present (with a comment on how to fill it when no source had
//! segments), what the import warned about in `import_warnings` (so `check` and the
//! window still list it), and nothing the loader would not read back to the same dataset.
//!
//! Files are written through [`crate::fs`]: atomically, and never over an existing file
//! unless the caller says so (the CLI's `--force`; the window asks first).

use std::fmt::Write as _;
use std::path::Path;

use super::Imported;
use super::civil::Date;
use crate::fs::{self, WriteError};
use crate::model::dataset::{Dataset, Figure, KpiKind, Scale, Year};

/// A RON string literal: quotes, backslashes and control characters escaped.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as RON reads it back exactly (the shortest text that round-trips).
fn num(v: f64) -> String {
    let s = format!("{v}");
    if s == "-0" { "0".to_owned() } else { s }
}

fn scale_name(s: Scale) -> &'static str {
    match s {
        Scale::Units => "Units",
        Scale::Thousands => "Thousands",
        Scale::Millions => "Millions",
        Scale::Billions => "Billions",
    }
}

/// The comment above an empty `segments` list.
const SEGMENTS_HELP: &str =
    "    // No segment split in the sources (SEC companyfacts has no segment revenue).
    // To add one, name the segments here and give years their revenue by segment:
    //     segments: [(name: \"Cloud\"), (name: \"Devices\")],
    //     ... and in a year: segments: { \"Cloud\": 800, \"Devices\": 400 },
    // or import again with a CSV of segment revenue after this file:
    //     moneymap import FILING.json SEGMENTS.csv --out THIS.ron --force
";

/// The dataset as RON text, with a header comment naming the sources and `date`.
pub fn to_ron(imported: &Imported, date: &str) -> String {
    let ds = &imported.loaded.dataset;
    let mut o = String::new();
    let sources: Vec<String> = imported
        .sources
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let _ = writeln!(
        o,
        "// {} ({}), imported by moneymap on {date}",
        ds.company,
        ds.units_label()
    );
    let _ = writeln!(o, "// from: {}", sources.join(", "));
    let _ = writeln!(
        o,
        "// Every imported figure has a note saying where it came from. Edit freely; check with"
    );
    let _ = writeln!(
        o,
        "// `moneymap check FILE` (the format: datasets/README.md)."
    );
    o.push_str("(\n");
    header(&mut o, ds);
    if ds.segments.is_empty() {
        if imported.segments_unknown {
            o.push_str(SEGMENTS_HELP);
        }
        o.push_str("    segments: [],\n");
    } else {
        o.push_str("    segments: [\n");
        for s in &ds.segments {
            let _ = writeln!(o, "        (name: {}),", quote(&s.name));
        }
        o.push_str("    ],\n");
    }
    o.push_str("    years: [\n");
    for y in &ds.years {
        year(&mut o, y);
    }
    o.push_str("    ],\n)\n");
    o
}

fn header(o: &mut String, ds: &Dataset) {
    let _ = writeln!(o, "    company: {},", quote(&ds.company));
    if let Some(t) = &ds.ticker {
        let _ = writeln!(o, "    ticker: {},", quote(t));
    }
    let _ = writeln!(o, "    currency: {},", quote(&ds.currency));
    let _ = writeln!(o, "    scale: {},", scale_name(ds.scale));
    if let Some(f) = &ds.fiscal_year {
        let _ = writeln!(o, "    fiscal_year: {},", quote(f));
    }
    let s = &ds.source;
    o.push_str("    source: (\n");
    let _ = writeln!(o, "        title: {},", quote(&s.title));
    if let Some(c) = &s.citation {
        let _ = writeln!(o, "        citation: {},", quote(c));
    }
    if let Some(d) = &s.date {
        let _ = writeln!(o, "        date: {},", quote(d));
    }
    let _ = writeln!(o, "        basis: {},", quote(&s.basis));
    o.push_str("    ),\n");
    if !ds.import_warnings.is_empty() {
        o.push_str(
            "    // What the import warned about: `moneymap check` and the window list these.\n",
        );
        o.push_str("    import_warnings: [\n");
        for w in &ds.import_warnings {
            let _ = writeln!(o, "        {},", quote(w));
        }
        o.push_str("    ],\n");
    }
}

fn year(o: &mut String, y: &Year) {
    let _ = writeln!(o, "        (");
    let _ = writeln!(o, "            year: {},", y.year);
    for f in Figure::ALL {
        // A derived free cash flow is left out: loading derives it again from its parts.
        if f == Figure::FreeCashFlow && y.fcf_derived {
            continue;
        }
        if let Some(v) = y.figure(f) {
            let _ = writeln!(o, "            {}: {},", f.field(), num(v));
        }
    }
    if y.fcf_derived
        && let Some(v) = y.free_cash_flow
    {
        let _ = writeln!(
            o,
            "            // free cash flow {} is derived: operating_cash_flow - capex",
            num(v)
        );
    }
    if !y.segments.is_empty() {
        let parts: Vec<String> = y
            .segments
            .iter()
            .map(|(k, v)| format!("{}: {}", quote(k), num(*v)))
            .collect();
        let _ = writeln!(o, "            segments: {{ {} }},", parts.join(", "));
    }
    if y.no_segment_split {
        o.push_str("            no_segment_split: true,\n");
    }
    if !y.kpis.is_empty() {
        o.push_str("            kpis: [\n");
        for k in &y.kpis {
            let kind = match k.kind {
                KpiKind::Money => "Money",
                KpiKind::Percent => "Percent",
                KpiKind::Count => "Count",
            };
            let note = k
                .note
                .as_ref()
                .map(|n| format!(", note: {}", quote(n)))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "                (name: {}, kind: {kind}, value: {}{note}),",
                quote(&k.name),
                num(k.value)
            );
        }
        o.push_str("            ],\n");
    }
    if !y.notes.is_empty() {
        o.push_str("            notes: {\n");
        for (k, v) in &y.notes {
            let _ = writeln!(o, "                {}: {},", quote(k), quote(v));
        }
        o.push_str("            },\n");
    }
    o.push_str("        ),\n");
}

/// Writes `text` to `path` atomically; an existing file is replaced only when `replace`
/// is set (the CLI's `--force`; the window asks first).
pub fn write_dataset(path: &Path, text: &str, replace: bool) -> Result<(), WriteError> {
    fs::write_new_or_replace(path, text.as_bytes(), replace)
}

/// Today's date (UTC) as `YYYY-MM-DD`, for the written file's header (the CLI and the
/// window write the same header).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0)).to_string()
}
