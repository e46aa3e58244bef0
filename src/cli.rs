//! Command-line subcommands that need no window: `check` (and, as they land, `project`
//! and `export`).
//!
//! Each command writes to the writers it is given and returns an exit code, so tests
//! run them in-process and assert on exactly what a user would read.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::model::scenario::{self, Projection, Scenario};
use crate::model::{self, Dataset, Metrics, format};

/// moneymap: how a company makes its money, on an offline dashboard.
#[derive(Debug, Parser)]
#[command(name = "moneymap", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Dataset file to open in the window (default: the built-in Twilio dataset).
    pub file: Option<PathBuf>,
    /// Subcommand; without one, the dashboard window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate dataset files and print a summary and every warning of each.
    ///
    /// Exit status 0 when every file loads (warnings allowed), 1 when any fails; errors go
    /// to stderr as FILE:LINE:COL: message.
    Check {
        /// One or more dataset files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the projected years of a dataset under a scenario.
    ///
    /// Without --scenario the trend is used (each segment's last growth, the last margins).
    Project {
        /// The dataset file (.ron).
        file: PathBuf,
        /// A preset name from the dataset (e.g. Bull), "trend", or a saved scenario file.
        #[arg(long)]
        scenario: Option<String>,
        /// Years to project after the last actual year (1 to 10).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10))]
        years: Option<u32>,
        /// Machine-readable CSV instead of a table.
        #[arg(long)]
        csv: bool,
    },
}

/// Runs `moneymap check` on `files`; returns the process exit code.
pub fn check(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut failed = 0;
    for (i, path) in files.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        match model::load(path) {
            Ok(loaded) => {
                let _ = write_summary(path, &loaded, out);
            }
            Err(e) => {
                failed += 1;
                let _ = writeln!(err, "{e}");
                if let Some(snippet) = e.caret_snippet() {
                    let _ = writeln!(err, "{snippet}");
                }
            }
        }
    }
    if files.len() > 1 {
        let _ = writeln!(
            out,
            "\n{} of {} files loaded",
            files.len() - failed,
            files.len()
        );
    }
    i32::from(failed > 0)
}

fn write_summary(path: &Path, loaded: &model::Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    let ds = &loaded.dataset;
    let m = Metrics::compute(ds);
    let s = m.summary(ds);
    let money = |v: f64| format::money(v, &ds.currency, ds.scale);
    let ticker = ds.ticker.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
    writeln!(out, "{}: OK", path.display())?;
    writeln!(out, "  company:   {}{ticker}", ds.company)?;
    writeln!(out, "  units:     {}", ds.units_label())?;
    writeln!(
        out,
        "  years:     {}-{} ({} years)",
        s.first_year, s.last_year, s.year_count
    )?;
    writeln!(out, "  source:    {} [{}]", ds.source.title, ds.source.basis)?;
    if ds.segments.is_empty() {
        writeln!(out, "  segments:  none (total revenue only)")?;
    } else {
        let names: Vec<&str> = ds.segments.iter().map(|s| s.name.as_str()).collect();
        writeln!(out, "  segments:  {} ({})", names.len(), names.join(", "))?;
    }
    writeln!(
        out,
        "  revenue:   {} in {} ({} YoY; CAGR {} since {})",
        money(s.latest_revenue),
        s.last_year,
        format::growth_opt(s.latest_growth),
        format::growth_opt(s.revenue_cagr),
        s.first_year
    )?;
    let mm = s.latest_margins;
    writeln!(
        out,
        "  margins:   gross {}, operating {}, net {}, FCF {}",
        format::percent_opt(mm.gross),
        format::percent_opt(mm.operating),
        format::percent_opt(mm.net),
        format::percent_opt(mm.fcf)
    )?;
    if loaded.warnings.is_empty() {
        writeln!(out, "  warnings:  none")?;
    } else {
        writeln!(out, "  warnings:  {}", loaded.warnings.len())?;
        for w in &loaded.warnings {
            writeln!(out, "    - {w}")?;
        }
    }
    Ok(())
}

/// Resolves `--scenario`: a preset of the dataset, "trend", or a saved scenario file.
pub fn resolve_scenario(ds: &Dataset, m: &Metrics, arg: Option<&str>) -> Result<Scenario, String> {
    let Some(arg) = arg else {
        return Ok(scenario::trend(ds, m));
    };
    if arg.eq_ignore_ascii_case("trend") {
        return Ok(scenario::trend(ds, m));
    }
    if let Some(s) = scenario::from_preset(ds, m, arg) {
        return Ok(s);
    }
    let path = Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        return scenario::from_ron(&text, ds, m).map_err(|e| format!("{}: {e}", path.display()));
    }
    let presets: Vec<&str> = ds.presets.iter().map(|p| p.name.as_str()).collect();
    Err(format!(
        "no preset or scenario file named \"{arg}\"; presets of {}: {}",
        ds.company,
        if presets.is_empty() { "none".to_owned() } else { presets.join(", ") }
    ))
}

/// Runs `moneymap project`; returns the exit code.
pub fn project(file: &Path, scenario_arg: Option<&str>, years: Option<u32>, csv: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = match model::load(file) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return 1;
        }
    };
    let ds = &loaded.dataset;
    let m = Metrics::compute(ds);
    let mut s = match resolve_scenario(ds, &m, scenario_arg) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "moneymap project: {e}");
            return 1;
        }
    };
    if let Some(y) = years {
        s.horizon_years = y;
    }
    let p = scenario::project(ds, &m, &s);
    let r = if csv { write_projection_csv(ds, &p, out) } else { write_projection_table(ds, &s, &p, out) };
    i32::from(r.is_err())
}

fn write_projection_csv(ds: &Dataset, p: &Projection, out: &mut dyn Write) -> std::io::Result<()> {
    let mut header = vec!["year".to_owned()];
    header.extend(ds.segments.iter().map(|s| csv_field(&s.name)));
    header.extend(["unallocated", "revenue", "revenue_growth_pct", "gross_profit", "operating_income", "operating_margin_pct", "net_income", "free_cash_flow"].map(str::to_owned));
    writeln!(out, "{}", header.join(","))?;
    let num = |v: Option<f64>| v.map(|v| format!("{v:.6}")).unwrap_or_default();
    for y in &p.years {
        let mut row = vec![y.year.to_string()];
        row.extend(y.segments.iter().map(|v| num(*v)));
        row.push(num(y.unallocated));
        row.push(num(Some(y.revenue)));
        row.push(num(y.revenue_growth.map(|g| g * 100.0)));
        row.push(num(y.gross_profit));
        row.push(num(y.operating_income));
        row.push(num(y.margins.operating.map(|v| v * 100.0)));
        row.push(num(y.net_income));
        row.push(num(y.free_cash_flow));
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// Quotes a CSV field when it needs it.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn write_projection_table(ds: &Dataset, s: &Scenario, p: &Projection, out: &mut dyn Write) -> std::io::Result<()> {
    let money = |v: Option<f64>| format::money_opt(v, &ds.currency, ds.scale);
    writeln!(out, "{}: scenario \"{}\", {} years after {} ({})", ds.company, s.name, s.horizon_years, p.base_year, ds.units_label())?;
    for (lever, v) in &s.levers {
        writeln!(out, "  {:<34} {v:>7.2} {}", lever.label(), lever.unit())?;
    }
    writeln!(out)?;
    let mut cols: Vec<String> = vec!["Year".into()];
    cols.extend(ds.segments.iter().map(|s| s.name.clone()));
    if p.years.iter().any(|y| y.unallocated.is_some()) {
        cols.push("Unallocated".into());
    }
    cols.extend(["Revenue", "Growth", "Gross profit", "Op. income", "Op. margin", "Net income", "FCF"].map(str::to_owned));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for y in &p.years {
        let mut r = vec![format!("{}P", y.year)];
        r.extend(y.segments.iter().map(|v| money(*v)));
        if cols.iter().any(|c| c == "Unallocated") {
            r.push(money(y.unallocated));
        }
        r.push(money(Some(y.revenue)));
        r.push(format::growth_opt(y.revenue_growth));
        r.push(money(y.gross_profit));
        r.push(money(y.operating_income));
        r.push(format::percent_opt(y.margins.operating));
        r.push(money(y.net_income));
        r.push(money(y.free_cash_flow));
        rows.push(r);
    }
    let widths: Vec<usize> = (0..cols.len())
        .map(|i| rows.iter().map(|r| r.get(i).map_or(0, |c| c.chars().count())).chain([cols[i].chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| -> String {
        cells.iter().zip(&widths).enumerate().map(|(i, (c, w))| if i == 0 { format!("{c:<w$}") } else { format!("{c:>w$}") }).collect::<Vec<_>>().join("  ")
    };
    writeln!(out, "{}", line(&cols))?;
    for r in &rows {
        writeln!(out, "{}", line(r))?;
    }
    let sm = &p.summary;
    writeln!(out)?;
    writeln!(
        out,
        "At {}: revenue {}, CAGR {} since {}, operating margin {}, cumulative FCF {}, revenue multiple {}",
        sm.year,
        money(Some(sm.revenue)),
        format::growth_opt(sm.revenue_cagr),
        p.base_year,
        format::percent_opt(sm.operating_margin),
        money(sm.cumulative_fcf),
        sm.revenue_multiple.map_or_else(|| format::NOT_AVAILABLE.to_owned(), |x| format!("{x:.1}x"))
    )?;
    writeln!(out, "(P = projected)")
}
