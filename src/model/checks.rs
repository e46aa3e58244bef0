//! Checks that came with the cash-flow fields, undisclosed segment splits and the
//! importers: free cash flow derived from its parts, a capex sign that would make it
//! wrong, a year that both has and lacks a split, levers the projection cannot use,
//! and percents written as fractions.
//!
//! Kept apart from [`super::validate`] (which calls them) so each rule reads on its own;
//! the lever rule asks the scenario model why a lever is dead, so the two cannot disagree.

use super::dataset::{Dataset, KpiKind, Lever, Year};
use super::error::{LoadError, LoadErrorKind, Warning, WarningKind};
use super::format;
use super::scenario::{DeadLever, lever_problem};

/// Relative difference above which a written free cash flow and operating cash flow
/// minus capex are said to disagree (half a percent: rounding in a filing stays below).
pub const FCF_MISMATCH_TOLERANCE: f64 = 0.005;

/// Per year: revenue and capex are not negative, and a year marked `no_segment_split`
/// lists no segments. The revenue error is at the revenue itself, so a cost structure
/// on a negative last year points there rather than at `operating_model`.
pub(crate) fn check_cash_and_split(i: usize, y: &Year) -> Result<(), LoadError> {
    if y.revenue < 0.0 {
        return Err(LoadError::at_field(
            format!("years[{i}].revenue"),
            LoadErrorKind::NegativeRevenue {
                year: y.year,
                value: y.revenue,
            },
        ));
    }
    if let Some(c) = y.capex
        && c < 0.0
    {
        return Err(LoadError::at_field(
            format!("years[{i}].capex"),
            LoadErrorKind::NegativeCapex(c),
        ));
    }
    if y.no_segment_split && !y.segments.is_empty() {
        return Err(LoadError::at_field(
            format!("years[{i}].no_segment_split"),
            LoadErrorKind::SplitAndNoSplit(y.year),
        ));
    }
    Ok(())
}

/// Fills `free_cash_flow` from `operating_cash_flow - capex` where the file leaves it
/// out and both parts are there; a missing part leaves it empty (never 0).
pub(crate) fn derive_fcf(ds: &mut Dataset) {
    for y in &mut ds.years {
        if y.free_cash_flow.is_none()
            && let (Some(ocf), Some(capex)) = (y.operating_cash_flow, y.capex)
        {
            y.free_cash_flow = Some(ocf - capex);
            y.fcf_derived = true;
        }
    }
}

/// Levers the projection cannot use are refused with the one that works: segment growth
/// when the last year has no split (the projection grows total revenue), total revenue
/// growth when it has one (revenue is then the sum of the segments). The reason is the
/// scenario model's own ([`lever_problem`]), so the panel and the error agree; call with
/// the years sorted.
pub(crate) fn check_dead_levers(ds: &Dataset) -> Result<(), LoadError> {
    let dead = |lever: &Lever| {
        let label = match lever {
            Lever::SegmentGrowth(name) => format!("SegmentGrowth(\"{name}\")"),
            Lever::RevenueGrowth => "RevenueGrowth".to_owned(),
            _ => return None,
        };
        match lever_problem(ds, lever)? {
            why @ (DeadLever::NoSplit { .. } | DeadLever::HasSplit { .. }) => {
                Some(LoadErrorKind::DeadLever {
                    lever: label,
                    why: why.to_string(),
                })
            }
            _ => None,
        }
    };
    for (w, item) in ds.watch.iter().enumerate() {
        for (l, lever) in item.levers.iter().enumerate() {
            if let Some(kind) = dead(lever) {
                return Err(LoadError::at_field(format!("watch[{w}].levers[{l}]"), kind));
            }
        }
    }
    for (p, preset) in ds.presets.iter().enumerate() {
        for (l, lv) in preset.levers.iter().enumerate() {
            if let Some(kind) = dead(&lv.lever) {
                return Err(LoadError::at_field(
                    format!("presets[{p}].levers[{l}].lever"),
                    kind,
                ));
            }
        }
    }
    Ok(())
}

/// Whether a value written as a number of percent looks like a fraction (0.39 for 39%).
fn looks_like_fraction(v: f64) -> bool {
    v != 0.0 && v.abs() < 1.0
}

/// The warning for a percent written as a fraction, with the fix.
fn fraction_warning(path: String, v: f64) -> Warning {
    let fixed = format::plain(v * 100.0, 2);
    Warning {
        path,
        kind: WarningKind::LooksLikeFraction { value: v },
        message: format!(
            "{} looks like a fraction: write {fixed} for {fixed}%",
            format::plain(v, 4)
        ),
    }
}

/// Warnings for slips that load but mislead: percents written as fractions (`Percent`
/// KPIs; preset gross, FCF and net-to-operating margins) and a written free cash flow
/// that disagrees with operating cash flow minus capex.
pub(crate) fn slip_warnings(ds: &Dataset) -> Vec<Warning> {
    let mut out = Vec::new();
    for y in &ds.years {
        for k in &y.kpis {
            if k.kind == KpiKind::Percent && looks_like_fraction(k.value) {
                out.push(fraction_warning(
                    format!("{}.kpis.\"{}\"", y.year, k.name),
                    k.value,
                ));
            }
        }
        if !y.fcf_derived
            && let (Some(fcf), Some(ocf), Some(capex)) =
                (y.free_cash_flow, y.operating_cash_flow, y.capex)
        {
            let parts = ocf - capex;
            if (fcf - parts).abs() > FCF_MISMATCH_TOLERANCE * parts.abs().max(fcf.abs()) {
                let money = |v: f64| format::money(v, &ds.currency, ds.scale);
                out.push(Warning {
                    path: format!("{}.free_cash_flow", y.year),
                    kind: WarningKind::FcfMismatch { year: y.year },
                    message: format!(
                        "free cash flow {} differs from operating cash flow minus capex ({} - {} = {})",
                        money(fcf),
                        money(ocf),
                        money(capex),
                        money(parts)
                    ),
                });
            }
        }
    }
    for preset in &ds.presets {
        for lv in &preset.levers {
            let margin = matches!(
                lv.lever,
                Lever::GrossMargin | Lever::FcfMargin | Lever::NetToOperating
            );
            if margin && looks_like_fraction(lv.value) {
                out.push(fraction_warning(
                    format!("preset \"{}\".{}", preset.name, lv.lever.label()),
                    lv.value,
                ));
            }
        }
    }
    out
}
