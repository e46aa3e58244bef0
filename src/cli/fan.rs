//! `moneymap project FILE --fan`: p10/p50/p90 of revenue and free cash flow per
//! projected year, the range of each lever drawn, and where the market cap sits among
//! the scenario's values. Every figure comes from `model::fan`.

use std::io::Write;

use crate::model::fan::{self, Fan, FanParams, Percentiles};
use crate::model::scenario::Scenario;
use crate::model::{Dataset, Metrics, format};

/// Draws the fan of `s` and writes it as a table or CSV.
pub fn write_fan(
    dataset: &Dataset,
    m: &Metrics,
    s: &Scenario,
    csv: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let params = FanParams::default();
    let f = fan::fan(dataset, m, s, &params);
    if csv {
        write_csv(&f, out)
    } else {
        write_table(dataset, s, &params, &f, out)
    }
}

fn write_csv(f: &Fan, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "year,revenue_p10,revenue_p50,revenue_p90,fcf_p10,fcf_p50,fcf_p90"
    )?;
    let three = |p: Option<Percentiles>| match p {
        Some(p) => format!("{},{},{}", p.p10, p.p50, p.p90),
        None => ",,".to_owned(),
    };
    for y in &f.years {
        writeln!(
            out,
            "{},{},{}",
            y.year,
            three(Some(y.revenue)),
            three(y.free_cash_flow)
        )?;
    }
    Ok(())
}

fn write_table(
    dataset: &Dataset,
    s: &Scenario,
    params: &FanParams,
    f: &Fan,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let money = |v: f64| format::money(v, &dataset.currency, dataset.scale);
    let base = f.years.first().map_or(0, |y| y.year - 1);
    writeln!(
        out,
        "{}: fan of scenario \"{}\", {} after {base} ({}), {} draws",
        dataset.company,
        s.name,
        format::years(f.years.len() as u64),
        dataset.units_label(),
        format::count(f.draws as f64)
    )?;
    writeln!(out, "{}", fan::INDEPENDENCE_NOTE)?;
    writeln!(out)?;
    writeln!(
        out,
        "  {:<34} {:>8} {:>8} {:>8}  {:<6} range from",
        "lever", "low", "likely", "high", "unit"
    )?;
    for b in &f.bands {
        writeln!(
            out,
            "  {:<34} {:>8.2} {:>8.2} {:>8.2}  {:<6} {}",
            b.lever.label(),
            b.low,
            b.likely,
            b.high,
            b.lever.unit(),
            b.source.describe()
        )?;
    }
    writeln!(out)?;
    let cols = ["Year", "Rev. p10", "p50", "p90", "FCF p10", "p50", "p90"];
    let mut rows: Vec<Vec<String>> = vec![cols.iter().map(|c| (*c).to_owned()).collect()];
    for y in &f.years {
        let mut r = vec![format!("{}P", y.year)];
        for p in [Some(y.revenue), y.free_cash_flow] {
            match p {
                Some(p) => r.extend([money(p.p10), money(p.p50), money(p.p90)]),
                None => r.extend([
                    format::NOT_AVAILABLE.to_owned(),
                    String::new(),
                    String::new(),
                ]),
            }
        }
        rows.push(r);
    }
    for line in super::aligned(&rows) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    let v = &params.valuation;
    match &f.value {
        Ok(spread) => writeln!(
            out,
            "Value ({} years, discount rate {:.1}%, terminal growth {:.1}%): {}",
            v.years,
            v.discount_pct,
            v.terminal_growth_pct,
            spread.sentence(dataset)
        )?,
        Err(why) => writeln!(out, "Value: {why}")?,
    }
    writeln!(
        out,
        "(P = projected; p10/p50/p90 = 10th, 50th and 90th percentiles of the draws)"
    )
}
