//! `moneymap value FILE`: the valuation card (multiples, scenario value, priced-in
//! growth) as text or CSV. Every figure and sentence comes from `model::valuation`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{CliError, csv_field, resolve_scenario};
use crate::model::scenario::Basis;
use crate::model::valuation::{
    self, DEFAULT_DISCOUNT_PCT, DEFAULT_TERMINAL_PCT, DEFAULT_YEARS, MAX_YEARS, Multiples,
    Valuation, ValuationParams,
};
use crate::model::{self, Dataset, Metrics, format};

/// Options of `moneymap value`.
#[derive(Debug, Clone, Args)]
pub struct ValueArgs {
    /// The dataset file (.ron).
    pub file: PathBuf,
    /// A preset name from the dataset (e.g. Bull), "trend", or a saved scenario file.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Discount rate r, % per year.
    #[arg(long, default_value_t = DEFAULT_DISCOUNT_PCT, allow_negative_numbers = true)]
    pub discount: f64,
    /// Terminal growth g_T after the last year of cash flows, % per year (below r).
    #[arg(long, default_value_t = DEFAULT_TERMINAL_PCT, allow_negative_numbers = true)]
    pub terminal: f64,
    /// Years of explicit cash flows N (1 to 30).
    #[arg(long, default_value_t = DEFAULT_YEARS, value_parser = years_range())]
    pub years: u32,
    /// Machine-readable CSV (field,value) instead of text.
    #[arg(long)]
    pub csv: bool,
}

fn years_range() -> clap::builder::RangedI64ValueParser<u32> {
    clap::value_parser!(u32).range(1..=i64::from(MAX_YEARS))
}

/// Runs `moneymap value`: the valuation card of a scenario on `out`.
pub fn value(args: &ValueArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let loaded = model::load(&args.file)?;
    let dataset = &loaded.dataset;
    let m = Metrics::compute(dataset);
    let s = resolve_scenario(dataset, &m, args.scenario.as_deref())?;
    let params = ValuationParams {
        discount_pct: args.discount,
        terminal_growth_pct: args.terminal,
        years: args.years,
    };
    let v = valuation::valuation(dataset, &m, &s, &params)?;
    if args.csv {
        write_csv(&v, out)?;
    } else {
        write_text(dataset, &s.name, Basis::of(dataset, &s), &v, out)?;
    }
    Ok(())
}

fn write_text(
    dataset: &Dataset,
    scenario: &str,
    basis: Basis,
    v: &Valuation,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let money = |x: f64| format::money(x, &dataset.currency, dataset.scale);
    let company = match &dataset.ticker {
        Some(t) => format!("{} ({t})", dataset.company),
        None => dataset.company.clone(),
    };
    writeln!(
        out,
        "{company}: valuation of scenario \"{scenario}\" ({})",
        dataset.units_label()
    )?;
    write!(out, "Market cap {} ({})", money(v.market_cap), v.as_of)?;
    match v.net_cash {
        Some(c) if c < 0.0 => writeln!(out, ", net debt {}", money(-c))?,
        Some(c) => writeln!(out, ", net cash {}", money(c))?,
        None => writeln!(out)?,
    }
    writeln!(out)?;
    let year = |x: &Multiples| format!("{}{}", x.year, if x.projected { "P" } else { "" });
    writeln!(
        out,
        "{:<30}{:>9}{:>9}",
        "Multiples",
        year(&v.actual),
        year(&v.horizon)
    )?;
    type Pick = fn(&Multiples) -> Option<f64>;
    let rows: [(&str, Pick); 3] = [
        ("  market cap / revenue", |x| x.revenue),
        ("  market cap / gross profit", |x| x.gross_profit),
        ("  market cap / free cash flow", |x| x.free_cash_flow),
    ];
    for (label, f) in rows {
        writeln!(
            out,
            "{label:<30}{:>9}{:>9}",
            format::multiple_opt(f(&v.actual)),
            format::multiple_opt(f(&v.horizon))
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Scenario value: {}", v.worth_sentence(dataset))?;
    if let Ok(sv) = &v.scenario_value {
        writeln!(
            out,
            "  cash flows {}-{} {} + terminal value {}{} ({})",
            sv.years.0,
            sv.years.1,
            money(sv.pv_cash_flows),
            money(sv.pv_terminal),
            v.net_cash
                .map(|c| format!(" + net cash {}", money(c)))
                .unwrap_or_default(),
            v.parameters_line()
        )?;
    }
    writeln!(out, "Priced-in growth: {}", v.priced_in_sentence(dataset))?;
    writeln!(out, "Operating income: {}", basis.describe())?;
    for note in &v.notes {
        writeln!(out, "Note: {note}")?;
    }
    Ok(())
}

fn write_csv(v: &Valuation, out: &mut dyn Write) -> std::io::Result<()> {
    let num = |x: Option<f64>| x.map(|x| format!("{x}")).unwrap_or_default();
    let mut rows: Vec<(String, String)> = vec![
        ("market_cap".into(), num(Some(v.market_cap))),
        ("net_cash".into(), num(v.net_cash)),
        ("discount_rate_pct".into(), num(Some(v.params.discount_pct))),
        (
            "terminal_growth_pct".into(),
            num(Some(v.params.terminal_growth_pct)),
        ),
        ("years".into(), v.params.years.to_string()),
    ];
    for (prefix, x) in [("actual", &v.actual), ("horizon", &v.horizon)] {
        rows.push((format!("{prefix}_year"), x.year.to_string()));
        rows.push((format!("{prefix}_market_cap_to_revenue"), num(x.revenue)));
        rows.push((
            format!("{prefix}_market_cap_to_gross_profit"),
            num(x.gross_profit),
        ));
        rows.push((format!("{prefix}_market_cap_to_fcf"), num(x.free_cash_flow)));
    }
    let sv = v.scenario_value.as_ref().ok();
    let p = v.priced_in.as_ref().ok();
    let problem = |e: Option<String>| csv_field(&e.unwrap_or_default());
    rows.extend([
        ("scenario_value".into(), num(sv.map(|s| s.value))),
        (
            "scenario_value_vs_market_cap_pct".into(),
            num(sv.map(|s| s.vs_market_cap * 100.0)),
        ),
        ("pv_cash_flows".into(), num(sv.map(|s| s.pv_cash_flows))),
        ("pv_terminal_value".into(), num(sv.map(|s| s.pv_terminal))),
        (
            "scenario_value_problem".into(),
            problem(v.scenario_value.as_ref().err().map(ToString::to_string)),
        ),
        (
            "priced_in_growth_pct".into(),
            num(p.map(|p| p.growth * 100.0)),
        ),
        (
            "priced_in_fcf_margin_pct".into(),
            num(p.map(|p| p.fcf_margin * 100.0)),
        ),
        (
            "priced_in_problem".into(),
            problem(v.priced_in.as_ref().err().map(ToString::to_string)),
        ),
    ]);
    writeln!(out, "field,value")?;
    for (k, x) in rows {
        writeln!(out, "{k},{x}")?;
    }
    Ok(())
}
