//! `moneymap check FILE...`: validate dataset files and summarise each.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::CliError;
use crate::model::{self, Metrics, format};

/// Runs `moneymap check` on `files`: a summary of each file that loads on `out`, the
/// errors of each that does not on `err` (every file is checked; a file that parses gets
/// every validation error, with a count). Fails when any failed.
pub fn check(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
    let mut failed = 0;
    for (i, path) in files.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match model::load_all(path) {
            Ok(loaded) => write_summary(path, &loaded, out)?,
            Err(errors) => {
                failed += 1;
                let n = errors.len();
                for e in errors {
                    super::report("check", &CliError::Load(e), err);
                }
                if n > 1 {
                    let _ = writeln!(
                        err,
                        "{}: {n} errors (fix them and check again: a few checks need what they are about to be valid first)",
                        path.display()
                    );
                }
            }
        }
    }
    if files.len() > 1 {
        writeln!(
            out,
            "\n{} of {} files loaded",
            files.len() - failed,
            files.len()
        )?;
    }
    if failed > 0 {
        Err(CliError::Reported)
    } else {
        Ok(())
    }
}

/// "2019-2025 (7 years)", or "2021 (1 year)" for a single year.
pub(crate) fn years_text(first: i32, last: i32, count: usize) -> String {
    if count == 1 {
        format!("{first} (1 year)")
    } else {
        format!("{first}-{last} ({count} years)")
    }
}

fn write_summary(path: &Path, loaded: &model::Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    let dataset = &loaded.dataset;
    let m = Metrics::compute(dataset);
    let s = m.summary(dataset);
    let money = |v: f64| format::money(v, &dataset.currency, dataset.scale);
    let ticker = dataset
        .ticker
        .as_deref()
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    writeln!(out, "{}: OK", path.display())?;
    writeln!(out, "  company:   {}{ticker}", dataset.company)?;
    writeln!(out, "  units:     {}", dataset.units_label())?;
    writeln!(
        out,
        "  years:     {}",
        years_text(s.first_year, s.last_year, s.year_count)
    )?;
    writeln!(
        out,
        "  source:    {} [{}]",
        dataset.source.title, dataset.source.basis
    )?;
    if dataset.segments.is_empty() {
        writeln!(out, "  segments:  none (total revenue only)")?;
    } else {
        let names: Vec<&str> = dataset.segments.iter().map(|s| s.name.as_str()).collect();
        writeln!(out, "  segments:  {} ({})", names.len(), names.join(", "))?;
        let unsplit: Vec<String> = dataset
            .years
            .iter()
            .filter(|y| y.segments.is_empty())
            .map(|y| y.year.to_string())
            .collect();
        if !unsplit.is_empty() {
            writeln!(
                out,
                "  no split:  {} (total revenue only)",
                unsplit.join(", ")
            )?;
        }
    }
    if s.year_count == 1 {
        writeln!(
            out,
            "  revenue:   {} in {} (one year: no growth yet)",
            money(s.latest_revenue),
            s.last_year
        )?;
    } else {
        writeln!(
            out,
            "  revenue:   {} in {} ({} YoY; CAGR {} since {})",
            money(s.latest_revenue),
            s.last_year,
            format::growth_opt(s.latest_growth),
            format::growth_opt(s.revenue_cagr),
            s.first_year
        )?;
    }
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
