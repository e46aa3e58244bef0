//! Which levers a dataset's projection can use, and each lever's limits and slider
//! range (one that holds 0, the trend, the presets and the lever's history:
//! [`slider_range_for`]).
//!
//! [`usable_levers`] is the one list the trend, presets, saved scenarios and validation
//! agree on: a lever outside it has nothing to project from, and [`lever_problem`] says
//! why, with the fix. [`lever_in_use`] adds the scenario: with a cost structure either
//! operating expenses or the pinned operating margin drives operating income, not both.

use super::{Basis, Scenario};
use crate::model::dataset::{Dataset, Lever, OperatingModel, Year};
use crate::model::metrics::{self, Metrics};
use crate::model::validate::RECONCILE_TOLERANCE;

/// Slider range and sensitivity step of a lever, in its own unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeverRange {
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
    /// Step up and down for the sensitivity ranking.
    pub step: f64,
}

/// Hard limits of a lever's value: trend values and typed-in values are clamped to them,
/// so a freak year (revenue from 0.25 to 1e300) cannot project to infinity. Wider than
/// the slider so real extremes (a startup growing 900% a year) survive.
pub fn lever_limits(lever: &Lever) -> (f64, f64) {
    match lever {
        Lever::SegmentGrowth(_) | Lever::UnallocatedGrowth | Lever::RevenueGrowth => {
            (-99.0, 1000.0)
        }
        Lever::GrossMargin => (-1000.0, 100.0),
        Lever::OperatingExpenses => (-100.0, 1000.0),
        Lever::FcfMargin | Lever::FcfLessOperating => (-1000.0, 1000.0),
        Lever::OperatingMarginChange => (-100.0, 100.0),
        Lever::NetToOperating => (-1000.0, 1000.0),
    }
}

/// `value` clamped to the lever's hard limits (NaN becomes the lower limit's neighbour 0).
pub fn clamp_lever(lever: &Lever, value: f64) -> f64 {
    let (lo, hi) = lever_limits(lever);
    if value.is_nan() {
        0.0_f64.clamp(lo, hi)
    } else {
        value.clamp(lo, hi)
    }
}

/// The slider range and sensitivity step of each lever kind.
pub fn lever_range(lever: &Lever) -> LeverRange {
    match lever {
        Lever::SegmentGrowth(_)
        | Lever::UnallocatedGrowth
        | Lever::RevenueGrowth
        | Lever::GrossMargin
        | Lever::FcfMargin => LeverRange {
            min: -50.0,
            max: 100.0,
            step: 1.0,
        },
        Lever::OperatingExpenses => LeverRange {
            min: 0.0,
            max: 150.0,
            step: 1.0,
        },
        Lever::FcfLessOperating => LeverRange {
            min: -50.0,
            max: 50.0,
            step: 1.0,
        },
        Lever::OperatingMarginChange => LeverRange {
            min: -10.0,
            max: 10.0,
            step: 0.5,
        },
        Lever::NetToOperating => LeverRange {
            min: 0.0,
            max: 150.0,
            step: 10.0,
        },
    }
}

/// The slider's range for a lever whose trend is `trend`: centred on the trend, wide
/// enough for any plausible scenario, narrow enough that a few points of drag move the
/// value by a fraction of a point (a 130-point rail over 40 percentage points is 0.3 pp a
/// point; the full [`lever_range`] would be 1.2). Typed values stay free within
/// [`lever_limits`].
pub fn slider_range(lever: &Lever, trend: f64) -> (f64, f64) {
    let half = match lever {
        Lever::SegmentGrowth(_) | Lever::UnallocatedGrowth | Lever::RevenueGrowth => 20.0,
        Lever::GrossMargin
        | Lever::OperatingExpenses
        | Lever::FcfMargin
        | Lever::FcfLessOperating => 15.0,
        Lever::OperatingMarginChange => 5.0,
        Lever::NetToOperating => 50.0,
    };
    let (lo, hi) = lever_limits(lever);
    let centre = if trend.is_finite() { trend } else { 0.0 };
    let (a, b) = ((centre - half).max(lo), (centre + half).min(hi));
    if a < b { (a, b) } else { (lo, hi) }
}

/// The slider's range for `lever` on `dataset`, whose trend is `trend`: the trend-centred
/// [`slider_range`], widened until it holds every value a user may sensibly want to reach
/// by dragging (issue 26: NVIDIA's revenue growth, +125% in its last year, had a rail of
/// 105-145 %/yr, and the 0-60 %/yr of its earlier years could only be typed):
/// - 0 for a growth and for the operating-margin change (no growth, no change);
/// - the trend (what "Reset to trend" restores);
/// - every preset's value for the lever;
/// - every yearly value of the lever in the dataset ([`super::lever_history`]).
///
/// All within [`lever_limits`], as typed values are.
pub fn slider_range_for(dataset: &Dataset, m: &Metrics, lever: &Lever, trend: f64) -> (f64, f64) {
    let (mut a, mut b) = slider_range(lever, trend);
    let mut hold = |v: f64| {
        if v.is_finite() {
            a = a.min(v);
            b = b.max(v);
        }
    };
    if lever.is_growth() || *lever == Lever::OperatingMarginChange {
        hold(0.0);
    }
    hold(trend);
    for preset in &dataset.presets {
        for lv in preset.levers.iter().filter(|lv| lv.lever == *lever) {
            hold(lv.value);
        }
    }
    for (_, v) in super::lever_history(dataset, m, lever) {
        hold(v);
    }
    let (lo, hi) = lever_limits(lever);
    (a.max(lo), b.min(hi))
}

/// Why a lever cannot drive a dataset's projection; its text names the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadLever {
    /// The dataset has no years (validation never lets this through).
    #[error("the dataset has no years to project from")]
    NoYears,
    /// A segment lever when the last year has no segment split.
    #[error(
        "the last year ({year}) has no segment split, so the projection grows total revenue; use `RevenueGrowth`"
    )]
    NoSplit {
        /// The last year.
        year: i32,
    },
    /// A segment lever for a segment the last year does not report.
    #[error(
        "segment \"{segment}\" has no revenue in the last year ({year}), so there is nothing to grow"
    )]
    SegmentMissing {
        /// The segment the lever grows.
        segment: String,
        /// The last year.
        year: i32,
    },
    /// `RevenueGrowth` when the last year has a segment split.
    #[error(
        "the last year ({year}) is split into segments, so revenue grows with them; use `SegmentGrowth(\"Name\")` for a segment or `UnallocatedGrowth` for revenue outside the segments"
    )]
    HasSplit {
        /// The last year.
        year: i32,
    },
    /// `UnallocatedGrowth` when the segments sum to revenue.
    #[error("the segments sum to revenue in the last year ({year}): nothing is unallocated")]
    NothingUnallocated {
        /// The last year.
        year: i32,
    },
    /// A margin lever whose figures the last year lacks (or whose revenue is not positive).
    #[error("the last year ({year}) needs {needs} to project this lever")]
    MissingFigures {
        /// The last year.
        year: i32,
        /// The figures needed, e.g. "`gross_profit` and positive `revenue`".
        needs: &'static str,
    },
    /// A cost-structure lever in a dataset without a cost structure.
    #[error(
        "it belongs to the cost structure: add `operating_model: CostStructure` to the dataset, or use {instead}"
    )]
    NeedsCostStructure {
        /// The lever to use instead.
        instead: &'static str,
    },
    /// `FcfMargin` in a dataset with a cost structure.
    #[error(
        "with `operating_model: CostStructure` free cash flow follows operating income: use FcfLessOperating"
    )]
    NotWithCostStructure,
}

fn has_unallocated(y: &Year) -> bool {
    if y.segments.is_empty() {
        return false;
    }
    let gap = y.revenue - y.segments.values().sum::<f64>();
    gap.abs() > RECONCILE_TOLERANCE * y.revenue.abs().max(f64::MIN_POSITIVE)
}

/// Why `lever` cannot drive the projection of `dataset` (years sorted, as after loading), or
/// `None` when it can. Depends on the dataset alone, so validation can call it.
pub fn lever_problem(dataset: &Dataset, lever: &Lever) -> Option<DeadLever> {
    let Some(last) = dataset.years.last() else {
        return Some(DeadLever::NoYears);
    };
    let year = last.year;
    let split = dataset.last_year_has_split();
    let costs = dataset.operating_model == OperatingModel::CostStructure;
    let positive = metrics::margin(0.0, last.revenue).is_some();
    let needs =
        |ok: bool, needs: &'static str| (!ok).then_some(DeadLever::MissingFigures { year, needs });
    match lever {
        Lever::SegmentGrowth(_) if !split => Some(DeadLever::NoSplit { year }),
        Lever::SegmentGrowth(name) => {
            (!last.segments.contains_key(name)).then(|| DeadLever::SegmentMissing {
                segment: name.clone(),
                year,
            })
        }
        Lever::UnallocatedGrowth if !split => Some(DeadLever::NoSplit { year }),
        Lever::UnallocatedGrowth => {
            (!has_unallocated(last)).then_some(DeadLever::NothingUnallocated { year })
        }
        Lever::RevenueGrowth => split.then_some(DeadLever::HasSplit { year }),
        Lever::GrossMargin => needs(
            positive && last.gross_profit.is_some(),
            "`gross_profit` and positive `revenue`",
        ),
        Lever::OperatingMarginChange => needs(
            positive && last.operating_income.is_some(),
            "`operating_income` and positive `revenue`",
        ),
        Lever::NetToOperating => needs(
            positive && last.operating_income.is_some() && last.net_income.is_some(),
            "`operating_income`, `net_income` and positive `revenue`",
        ),
        Lever::FcfMargin if costs => Some(DeadLever::NotWithCostStructure),
        Lever::FcfMargin => needs(
            positive && last.free_cash_flow.is_some(),
            "`free_cash_flow` and positive `revenue`",
        ),
        Lever::OperatingExpenses if !costs => Some(DeadLever::NeedsCostStructure {
            instead: "OperatingMarginChange",
        }),
        Lever::OperatingExpenses => needs(
            positive && last.gross_profit.is_some() && last.operating_income.is_some(),
            "`gross_profit`, `operating_income` and positive `revenue`",
        ),
        Lever::FcfLessOperating if !costs => Some(DeadLever::NeedsCostStructure {
            instead: "FcfMargin",
        }),
        Lever::FcfLessOperating => needs(
            positive && last.free_cash_flow.is_some() && last.operating_income.is_some(),
            "`free_cash_flow`, `operating_income` and positive `revenue`",
        ),
    }
}

/// Every lever this dataset's projection can use, in lever order: the sliders of the
/// trend scenario. A lever not listed has a [`lever_problem`].
pub fn usable_levers(dataset: &Dataset) -> Vec<Lever> {
    let mut all: Vec<Lever> = dataset
        .segments
        .iter()
        .map(|s| Lever::SegmentGrowth(s.name.clone()))
        .collect();
    all.extend([
        Lever::UnallocatedGrowth,
        Lever::RevenueGrowth,
        Lever::GrossMargin,
        Lever::OperatingExpenses,
        Lever::OperatingMarginChange,
        Lever::NetToOperating,
        Lever::FcfMargin,
        Lever::FcfLessOperating,
    ]);
    all.retain(|l| lever_problem(dataset, l).is_none());
    all.sort();
    all
}

/// Whether `lever` moves this scenario's projection: usable, and not the one of
/// operating expenses / pinned operating margin that the scenario leaves aside.
pub fn lever_in_use(dataset: &Dataset, scenario: &Scenario, lever: &Lever) -> bool {
    scenario.levers.contains_key(lever) && unused_reason(dataset, scenario, lever).is_none()
}

/// The levers of `scenario` that move its projection, in lever order.
pub fn levers_in_use(dataset: &Dataset, scenario: &Scenario) -> Vec<Lever> {
    scenario
        .levers
        .keys()
        .filter(|l| unused_reason(dataset, scenario, l).is_none())
        .cloned()
        .collect()
}

/// Why a lever the scenario holds does not move it right now (a one-line note for a
/// greyed-out slider), or `None` when it does.
pub fn unused_reason(
    dataset: &Dataset,
    scenario: &Scenario,
    lever: &Lever,
) -> Option<&'static str> {
    match (Basis::of(dataset, scenario), lever) {
        (Basis::Costs, Lever::OperatingMarginChange) => Some(
            "not used: operating income is gross profit minus operating expenses (pin the operating margin to use this lever)",
        ),
        (Basis::CostsPinned, Lever::OperatingExpenses) => Some(
            "not used while the operating margin is pinned: operating expenses are what is left of gross profit",
        ),
        _ => None,
    }
}
