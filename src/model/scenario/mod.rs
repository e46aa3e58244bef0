//! Scenario projection: lever values -> projected years, a horizon summary, and a
//! sensitivity ranking.
//!
//! The formulas (also in the README), with `L` the last actual year and `t = 1..=H`:
//! - segment revenue `s(L+t) = s(L) * (1 + g_s)^t`; unallocated revenue likewise with its
//!   own growth; total revenue is their sum (or `R(L) * (1 + g)^t` without a segment split);
//! - gross profit `= gross margin * revenue`;
//! - operating margin `om(L+t) = om(L) + t * delta` (delta in percentage points per year);
//!   operating income `= om * revenue`;
//! - net income `= operating income * net-to-operating share`;
//! - free cash flow `= FCF margin * revenue`.
//!
//! Defaults ("trend") continue the last actual year: each segment's last YoY growth,
//! the last margins, no margin change. Pure and cheap: it runs on every slider move.

mod project;
pub mod saved;
mod sensitivity;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dataset::{Dataset, Lever};
use super::metrics::{self, Metrics};

pub use project::{HorizonSummary, ProjectedYear, Projection, project};
pub use saved::{
    SCENARIO_SUFFIX, SavedScenario, ScenarioError, ScenarioFileError, from_ron, to_ron,
};
pub use sensitivity::{Sensitivity, sensitivity, sensitivity_by_projection};

/// Name of the scenario that continues the last actual year ("Reset to trend").
pub const TREND: &str = "Trend";
/// Name of a scenario whose levers the user moved by hand.
pub const CUSTOM: &str = "Custom";

/// Longest projection offered, in years.
pub const MAX_HORIZON: u32 = 10;
/// Default projection horizon, in years.
pub const DEFAULT_HORIZON: u32 = 3;

/// Growth used when a series has no usable history (one year, or a zero base), % per year.
pub(crate) const FALLBACK_GROWTH_PCT: f64 = 0.0;
/// Net-to-operating share used when the last year gives none (no positive operating income).
const FALLBACK_NET_TO_OPERATING_PCT: f64 = 75.0;

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
        Lever::FcfMargin => (-1000.0, 1000.0),
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
        Lever::SegmentGrowth(_) | Lever::UnallocatedGrowth | Lever::RevenueGrowth => LeverRange {
            min: -50.0,
            max: 100.0,
            step: 1.0,
        },
        Lever::GrossMargin | Lever::FcfMargin => LeverRange {
            min: -50.0,
            max: 100.0,
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

/// A set of lever values and a horizon: what the sliders hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Name of the preset it came from, or "Custom" / "Trend".
    pub name: String,
    /// Years projected after the last actual year, 1 to [`MAX_HORIZON`].
    pub horizon_years: u32,
    /// Value of each lever, in the lever's unit.
    pub levers: BTreeMap<Lever, f64>,
}

/// The trend value of every lever this dataset can drive: the starting point of the
/// sliders and what "Reset to trend" restores.
pub fn trend(ds: &Dataset, m: &Metrics) -> Scenario {
    let mut levers = BTreeMap::new();
    let (Some(last_y), Some(last_m)) = (ds.years.last(), m.years.last()) else {
        return Scenario {
            name: TREND.into(),
            horizon_years: DEFAULT_HORIZON,
            levers,
        };
    };
    let pct = |r: Option<f64>| r.map_or(FALLBACK_GROWTH_PCT, |r| r * 100.0);
    let split = !last_y.segments.is_empty();
    if split {
        for (i, s) in ds.segments.iter().enumerate() {
            if last_y.segments.contains_key(&s.name) {
                let g = last_m.segments.get(i).and_then(|sy| sy.growth);
                levers.insert(
                    Lever::SegmentGrowth(s.name.clone()),
                    pct(g.or(last_m.revenue_growth)),
                );
            }
        }
        if let Some(u) = last_m.unallocated {
            let prev_u = m
                .previous()
                .filter(|p| p.year + 1 == last_m.year)
                .and_then(|p| p.unallocated);
            let g = prev_u.and_then(|p| metrics::growth(p, u));
            levers.insert(Lever::UnallocatedGrowth, pct(g.or(last_m.revenue_growth)));
        }
    } else {
        levers.insert(Lever::RevenueGrowth, pct(last_m.revenue_growth));
    }
    if let Some(gm) = last_m.margins.gross {
        levers.insert(Lever::GrossMargin, gm * 100.0);
    }
    if last_y.operating_income.is_some() && last_m.margins.operating.is_some() {
        levers.insert(Lever::OperatingMarginChange, 0.0);
        if let (Some(op), Some(net)) = (last_y.operating_income, last_y.net_income) {
            let share = if op > 0.0 {
                net / op * 100.0
            } else {
                FALLBACK_NET_TO_OPERATING_PCT
            };
            levers.insert(Lever::NetToOperating, share);
        }
    }
    if let Some(f) = last_m.margins.fcf {
        levers.insert(Lever::FcfMargin, f * 100.0);
    }
    for (lever, v) in &mut levers {
        *v = clamp_lever(lever, *v);
    }
    Scenario {
        name: TREND.into(),
        horizon_years: DEFAULT_HORIZON,
        levers,
    }
}

/// The trend with a preset's values applied (levers the dataset cannot drive are ignored).
pub fn from_preset(ds: &Dataset, m: &Metrics, preset_name: &str) -> Option<Scenario> {
    let preset = ds.presets.iter().find(|p| p.name == preset_name)?;
    let mut s = trend(ds, m);
    s.name = preset.name.clone();
    if let Some(h) = preset.horizon_years {
        s.horizon_years = h.clamp(1, MAX_HORIZON);
    }
    for lv in &preset.levers {
        if let Some(v) = s.levers.get_mut(&lv.lever) {
            *v = clamp_lever(&lv.lever, lv.value);
        }
    }
    Some(s)
}
