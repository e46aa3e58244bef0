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
#[command(
    name = "moneymap",
    version,
    about,
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  moneymap                                  open the dashboard on the built-in Twilio dataset\n  moneymap datasets/ericsson.ron            open a dataset file\n  moneymap check datasets/*.ron             validate files (FILE:LINE:COL errors)\n  moneymap export datasets/twilio.ron --out charts\n\nThe dataset format is documented in datasets/README.md. Window settings are kept in\n$XDG_CONFIG_HOME/moneymap/settings.ron (~/.config/...; MONEYMAP_SETTINGS overrides);\na damaged settings file is kept as settings.ron.bad and defaults are used."
)]
pub struct Cli {
    /// Dataset file to open in the window (default: the built-in Twilio dataset).
    pub file: Option<PathBuf>,
    /// Open the window, save its first complete frame as this PNG, and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Open a second dataset to compare with (growth and margins overlaid).
    #[arg(long, value_name = "FILE")]
    pub compare: Option<PathBuf>,
    /// Start in this theme (light, dark or system), overriding the saved choice.
    #[arg(long, value_parser = ["light", "dark", "system"])]
    pub theme: Option<String>,
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
        /// Years to project after the last actual year (1 to 10; default: the preset's
        /// horizon, else 3).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10))]
        years: Option<u32>,
        /// Machine-readable CSV instead of a table.
        #[arg(long)]
        csv: bool,
    },
    /// Write charts as PNG images, with no display and no GPU.
    ///
    /// Each image carries its title, company, years, units, source and, with a scenario,
    /// the projected years. Files are named COMPANY-CHART-YEAR.png and written atomically.
    Export {
        /// The dataset file (.ron).
        file: PathBuf,
        /// Folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Comma-separated charts: segment-mix, revenue-growth, margins, scenario, dashboard.
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "segment-mix,revenue-growth,margins,scenario,dashboard"
        )]
        charts: Vec<String>,
        /// Image size in pixels, WIDTHxHEIGHT.
        #[arg(long, default_value = "1600x900")]
        size: String,
        /// Pixel density (1 to 4): 2 lays the chart out at half the pixel size and draws it twice as sharp.
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// light or dark.
        #[arg(long, default_value = "light")]
        theme: String,
        /// A preset name, "trend" (default), "none" for actuals only, or a saved scenario file.
        #[arg(long)]
        scenario: Option<String>,
    },
}

/// Options of `moneymap export`, as given on the command line.
#[derive(Debug, Clone)]
pub struct ExportArgs {
    /// Dataset file.
    pub file: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Chart slugs.
    pub charts: Vec<String>,
    /// "WxH".
    pub size: String,
    /// Pixels per point.
    pub scale: f32,
    /// "light" or "dark".
    pub theme: String,
    /// Scenario argument.
    pub scenario: Option<String>,
}

/// Parses "1600x900".
pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!("--size {s:?}: expected WIDTHxHEIGHT in pixels, e.g. 1600x900, each 100 to 8000")
    };
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if !(100..=8000).contains(&w) || !(100..=8000).contains(&h) {
        return Err(bad());
    }
    Ok((w, h))
}

/// Runs `moneymap export`; prints each written path; returns the exit code.
pub fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match export_inner(args, out) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "moneymap export: {e}");
            1
        }
    }
}

fn export_inner(args: &ExportArgs, out: &mut dyn Write) -> Result<(), String> {
    use crate::render::{
        FrameSpec,
        export::{ChartKind, export_to_dir},
    };
    let (width_px, height_px) = parse_size(&args.size)?;
    if !(1.0..=4.0).contains(&args.scale) {
        return Err(format!("--scale {}: must be between 1 and 4", args.scale));
    }
    let dark = match args.theme.as_str() {
        "light" => false,
        "dark" => true,
        other => return Err(format!("--theme {other:?}: expected light or dark")),
    };
    let kinds = args
        .charts
        .iter()
        .map(|c| {
            ChartKind::from_slug(c).ok_or_else(|| {
                format!(
                    "--charts: unknown chart {c:?}; expected any of {}",
                    ChartKind::ALL.map(ChartKind::slug).join(", ")
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let loaded = model::load(&args.file).map_err(|e| e.to_string())?;
    let doc = crate::ui::Document::new(Some(args.file.clone()), loaded);
    let mut d = crate::ui::Dashboard::new(doc, crate::ui::ViewState::default());
    match args.scenario.as_deref() {
        Some("none") => d.view.show_projection = false,
        other => {
            let s = resolve_scenario(&d.doc.dataset, &d.doc.metrics, other)?;
            d.set_scenario(s);
        }
    }
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("{}: cannot create the folder: {e}", args.out.display()))?;
    let spec = FrameSpec {
        width_px,
        height_px,
        scale: args.scale,
        dark,
    };
    for kind in kinds {
        let path = export_to_dir(&d, kind, &spec, &args.out).map_err(|e| e.to_string())?;
        writeln!(out, "{}", path.display()).map_err(|e| e.to_string())?;
    }
    Ok(())
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
    let ticker = ds
        .ticker
        .as_deref()
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    writeln!(out, "{}: OK", path.display())?;
    writeln!(out, "  company:   {}{ticker}", ds.company)?;
    writeln!(out, "  units:     {}", ds.units_label())?;
    writeln!(
        out,
        "  years:     {}-{} ({} years)",
        s.first_year, s.last_year, s.year_count
    )?;
    writeln!(
        out,
        "  source:    {} [{}]",
        ds.source.title, ds.source.basis
    )?;
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
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        return scenario::from_ron(&text, ds, m).map_err(|e| format!("{}: {e}", path.display()));
    }
    let presets: Vec<&str> = ds.presets.iter().map(|p| p.name.as_str()).collect();
    Err(format!(
        "no preset or scenario file named \"{arg}\"; presets of {}: {}",
        ds.company,
        if presets.is_empty() {
            "none".to_owned()
        } else {
            presets.join(", ")
        }
    ))
}

/// Runs `moneymap project`; returns the exit code.
pub fn project(
    file: &Path,
    scenario_arg: Option<&str>,
    years: Option<u32>,
    csv: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
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
    let r = if csv {
        write_projection_csv(ds, &p, out)
    } else {
        write_projection_table(ds, &s, &p, out)
    };
    i32::from(r.is_err())
}

fn write_projection_csv(ds: &Dataset, p: &Projection, out: &mut dyn Write) -> std::io::Result<()> {
    let mut header = vec!["year".to_owned()];
    header.extend(ds.segments.iter().map(|s| csv_field(&s.name)));
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
    ds: &Dataset,
    s: &Scenario,
    p: &Projection,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let money = |v: Option<f64>| format::money_opt(v, &ds.currency, ds.scale);
    writeln!(
        out,
        "{}: scenario \"{}\", {} years after {} ({})",
        ds.company,
        s.name,
        s.horizon_years,
        p.base_year,
        ds.units_label()
    )?;
    for (lever, v) in &s.levers {
        writeln!(out, "  {:<34} {v:>7.2} {}", lever.label(), lever.unit())?;
    }
    writeln!(out)?;
    let mut cols: Vec<String> = vec!["Year".into()];
    cols.extend(ds.segments.iter().map(|s| s.name.clone()));
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
    let widths: Vec<usize> = (0..cols.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([cols[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == 0 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
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
        sm.revenue_multiple
            .map_or_else(|| format::NOT_AVAILABLE.to_owned(), |x| format!("{x:.1}x"))
    )?;
    writeln!(out, "(P = projected)")
}
