//! `moneymap project FILE`: the projected years of a scenario, as a table or CSV.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::CliError;
use crate::model::scenario::{self, Projection, Scenario};
use crate::model::{self, Dataset, Metrics, format};

/// Resolves `--scenario`: a preset of the dataset, "trend", or a saved scenario file.
pub fn resolve_scenario(
    dataset: &Dataset,
    m: &Metrics,
    arg: Option<&str>,
) -> Result<Scenario, CliError> {
    let Some(arg) = arg else {
        return Ok(scenario::trend(dataset, m));
    };
    if arg.eq_ignore_ascii_case(scenario::TREND) {
        return Ok(scenario::trend(dataset, m));
    }
    if let Some(s) = scenario::from_preset(dataset, m, arg) {
        return Ok(s);
    }
    let path = Path::new(arg);
    if path.is_file() {
        return scenario::saved::read_file(path, dataset, m).map_err(|source| {
            CliError::ScenarioFile {
                path: path.to_path_buf(),
                source,
            }
        });
    }
    let presets: Vec<&str> = dataset.presets.iter().map(|p| p.name.as_str()).collect();
    Err(CliError::UnknownScenario {
        name: arg.to_owned(),
        company: dataset.company.clone(),
        presets: if presets.is_empty() {
            "none".to_owned()
        } else {
            presets.join(", ")
        },
    })
}

/// Options of `moneymap project`.
#[derive(Debug, Clone, Args)]
pub struct ProjectArgs {
    /// The dataset file (.ron).
    pub file: PathBuf,
    /// A preset name from the dataset (e.g. Bull), "trend", or a saved scenario file.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Years to project after the last actual year (1 to 10; default: the preset's
    /// horizon, else 3).
    #[arg(long, value_parser = super::horizon_range())]
    pub years: Option<u32>,
    /// Machine-readable CSV instead of a table.
    #[arg(long)]
    pub csv: bool,
    /// Print the fan of outcomes instead: p10/p50/p90 of revenue and free cash flow per
    /// year from 2,000 seeded draws of every lever within its range.
    #[arg(long)]
    pub fan: bool,
}

/// Runs `moneymap project`: the projected years as a table or CSV on `out`.
pub fn project(args: &ProjectArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let loaded = model::load(&args.file)?;
    let dataset = &loaded.dataset;
    let m = Metrics::compute(dataset);
    let mut s = resolve_scenario(dataset, &m, args.scenario.as_deref())?;
    if let Some(y) = args.years {
        s.horizon_years = y;
    }
    if args.fan {
        super::fan::write_fan(dataset, &m, &s, args.csv, out)?;
        return Ok(());
    }
    let p = scenario::project(dataset, &m, &s);
    if args.csv {
        write_projection_csv(dataset, &p, out)?;
    } else {
        write_projection_table(dataset, &s, &p, out)?;
    }
    Ok(())
}

fn write_projection_csv(
    dataset: &Dataset,
    p: &Projection,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut header = vec!["year".to_owned()];
    header.extend(dataset.segments.iter().map(|s| csv_field(&s.name)));
    header.extend(
        [
            "unallocated",
            "revenue",
            "revenue_growth_pct",
            "gross_profit",
            "operating_income",
            "operating_margin_pct",
            "net_income",
            "free_cash_flow",
        ]
        .map(str::to_owned),
    );
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

fn write_projection_table(
    dataset: &Dataset,
    s: &Scenario,
    p: &Projection,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let money = |v: Option<f64>| format::money_opt(v, &dataset.currency, dataset.scale);
    writeln!(
        out,
        "{}: scenario \"{}\", {} after {} ({})",
        dataset.company,
        s.name,
        format::years(s.horizon_years),
        p.base_year,
        dataset.units_label()
    )?;
    for (lever, v) in &s.levers {
        writeln!(out, "  {:<34} {v:>7.2} {}", lever.label(), lever.unit())?;
    }
    writeln!(out)?;
    let mut cols: Vec<String> = vec!["Year".into()];
    cols.extend(dataset.segments.iter().map(|s| s.name.clone()));
    if p.years.iter().any(|y| y.unallocated.is_some()) {
        cols.push("Unallocated".into());
    }
    cols.extend(
        [
            "Revenue",
            "Growth",
            "Gross profit",
            "Op. income",
            "Op. margin",
            "Net income",
            "FCF",
        ]
        .map(str::to_owned),
    );
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
    rows.insert(0, cols);
    for line in super::aligned(&rows) {
        writeln!(out, "{line}")?;
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
        sm.revenue_multiple
            .map_or_else(|| format::NOT_AVAILABLE.to_owned(), |x| format!("{x:.1}x"))
    )?;
    writeln!(out, "(P = projected)")
}
