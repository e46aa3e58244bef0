//! Validation of a dataset's scenario settings (kept apart from `validate.rs`, which
//! checks the figures): stated lever ranges in watch items, net cash, and the
//! figures a cost structure needs. Runs after the years are sorted.

use super::dataset::{Dataset, OperatingModel};
use super::error::{LoadError, LoadErrorKind};

/// Checks the scenario settings of a parsed dataset (years sorted).
pub(crate) fn check_scenario_settings(ds: &Dataset) -> Result<(), LoadError> {
    check_ranges(ds)?;
    if let Some(mc) = &ds.market_cap
        && mc.net_cash.is_some_and(|v| !v.is_finite())
    {
        return Err(LoadError::at_field(
            "market_cap.net_cash",
            LoadErrorKind::NotFinite("the value"),
        ));
    }
    check_cost_structure(ds)
}

/// Each stated range is finite, ordered, for a lever its item lists, and given once.
fn check_ranges(ds: &Dataset) -> Result<(), LoadError> {
    let mut seen: Vec<(&super::dataset::Lever, String)> = Vec::new();
    for (w, item) in ds.watch.iter().enumerate() {
        for (k, r) in item.ranges.iter().enumerate() {
            let path = format!("watch[{w}].ranges[{k}]");
            for (v, field) in [(r.low, "low"), (r.high, "high")] {
                if !v.is_finite() {
                    return Err(LoadError::at_field(
                        format!("{path}.{field}"),
                        LoadErrorKind::NotFinite("the value"),
                    ));
                }
            }
            if r.low > r.high {
                return Err(LoadError::at_field(
                    path,
                    LoadErrorKind::RangeLowAboveHigh {
                        low: r.low,
                        high: r.high,
                    },
                ));
            }
            if !item.levers.contains(&r.lever) {
                return Err(LoadError::at_field(
                    format!("{path}.lever"),
                    LoadErrorKind::RangeLeverNotListed {
                        lever: r.lever.label(),
                    },
                ));
            }
            if let Some((_, first)) = seen.iter().find(|(l, _)| **l == r.lever) {
                return Err(LoadError::at_field(
                    path,
                    LoadErrorKind::DuplicateRange {
                        lever: r.lever.label(),
                        first: first.clone(),
                    },
                ));
            }
            seen.push((&r.lever, path));
        }
    }
    Ok(())
}

/// A cost structure needs the last year's gross profit, operating income and a
/// positive revenue (operating expenses are their difference).
fn check_cost_structure(ds: &Dataset) -> Result<(), LoadError> {
    if ds.operating_model != OperatingModel::CostStructure {
        return Ok(());
    }
    let Some(last) = ds.years.last() else {
        return Ok(());
    };
    let mut missing = Vec::new();
    if last.gross_profit.is_none() {
        missing.push("`gross_profit`");
    }
    if last.operating_income.is_none() {
        missing.push("`operating_income`");
    }
    // A negative revenue is refused at its own line (`check_cash_and_split`): only a
    // zero one is this check's to name.
    if last.revenue == 0.0 {
        missing.push("a positive `revenue`");
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(LoadError::at_field(
        "operating_model",
        LoadErrorKind::CostStructureNeeds {
            year: last.year,
            missing: missing.join(" and "),
        },
    ))
}
