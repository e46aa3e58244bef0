//! `moneymap import SOURCE... --out FILE.ron`: SEC companyfacts, CSV and workbooks to a
//! dataset file; and `moneymap table FILE`: every figure and derived metric by year.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::CliError;
use crate::import::{self, ImportOptions};
use crate::model::{self, Metrics};

/// Options of `moneymap import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Sources, merged in order (a later one fills gaps and wins disagreements): SEC
    /// companyfacts JSON, CSV (statement or tidy layout), XLSX or ODS.
    #[arg(required = true)]
    pub sources: Vec<PathBuf>,
    /// The dataset file to write (.ron).
    #[arg(long, value_name = "FILE.ron")]
    pub out: PathBuf,
    /// The workbook sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Replace FILE.ron if it exists (without it, an existing file is never touched).
    #[arg(long)]
    pub force: bool,
}

/// Runs `moneymap import`: reads and merges the sources, writes the dataset (never over
/// an existing file without `--force`), and prints a summary and every warning.
pub fn import(args: &ImportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let options = ImportOptions {
        sheet: args.sheet.clone(),
    };
    let imported = import::import_sources(&args.sources, &options)?;
    let text = import::to_ron(&imported, &import::today());
    import::write_dataset(&args.out, &text, args.force)?;
    let ds = &imported.loaded.dataset;
    let (first, last) = ds.year_span();
    writeln!(
        out,
        "{}: {} ({}), {}, {} segment{}",
        args.out.display(),
        ds.company,
        ds.units_label(),
        super::check::years_text(first, last, ds.years.len()),
        ds.segments.len(),
        if ds.segments.len() == 1 { "" } else { "s" }
    )?;
    let warnings: Vec<String> = imported
        .warnings
        .iter()
        .cloned()
        .chain(imported.loaded.warnings.iter().map(ToString::to_string))
        .collect();
    if !warnings.is_empty() {
        writeln!(out, "  warnings: {}", warnings.len())?;
        for w in &warnings {
            writeln!(out, "    - {w}")?;
        }
    }
    Ok(())
}

/// Options of `moneymap table`.
#[derive(Debug, Clone, Args)]
pub struct TableArgs {
    /// The dataset file (.ron).
    pub file: PathBuf,
    /// Machine-readable CSV (plain numbers) instead of aligned columns.
    #[arg(long)]
    pub csv: bool,
}

/// Runs `moneymap table`: the figures table (the window's Data tab) as aligned text or CSV.
pub fn table(args: &TableArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let loaded = model::load(&args.file)?;
    let ds = &loaded.dataset;
    let m = Metrics::compute(ds);
    if args.csv {
        let t = model::table::build_plain(ds, &m);
        out.write_all(model::table::to_csv(&t).as_bytes())?;
        return Ok(());
    }
    let t = model::table::build(ds, &m);
    // Transposed: one line per column of the table, one column per year.
    let label_width = t
        .columns
        .iter()
        .map(|c| c.header.chars().count())
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..t.rows.len())
        .map(|r| {
            t.columns
                .iter()
                .enumerate()
                .map(|(c, _)| cell(&t, r, c).chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (c, col) in t.columns.iter().enumerate() {
        let mut line = format!("{:<label_width$}", col.header);
        for (r, w) in widths.iter().enumerate() {
            line.push_str(&format!("  {:>w$}", cell(&t, r, c)));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    if !t.derived.is_empty() {
        writeln!(out, "\n* derived: operating cash flow - capex")?;
    }
    Ok(())
}

/// A cell as the text table shows it: derived values marked with `*`.
fn cell(t: &model::table::Table, r: usize, c: usize) -> String {
    let v = t
        .rows
        .get(r)
        .and_then(|row| row.get(c))
        .cloned()
        .unwrap_or_default();
    if t.derived.contains(&(r, c)) && !v.is_empty() {
        format!("{v}*")
    } else {
        v
    }
}
