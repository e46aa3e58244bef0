//! The trend scenario (each lever continuing the last actual year), presets applied on
//! top of it, and where each trend value comes from ([`trend_basis`]), so a view can say
//! "assumed: one year of data" instead of printing a growth that is not a trend.

use std::collections::BTreeMap;

use super::{
    DEFAULT_HORIZON, FALLBACK_GROWTH_PCT, FALLBACK_NET_TO_OPERATING_PCT, MAX_HORIZON, Scenario,
    TREND, clamp_lever, usable_levers,
};
use crate::model::dataset::{Dataset, Lever};
use crate::model::format;
use crate::model::metrics::{self, Metrics, YearMetrics};

/// Where a lever's trend value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum TrendBasis {
    /// The series' own growth from `from` to `to` (consecutive years).
    Growth {
        /// Earlier year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// Total revenue growth from `from` to `to`, because the series has no growth of its
    /// own (new segment, zero base, a gap in the years).
    RevenueGrowth {
        /// Earlier year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// The allocated segments' combined growth from `from` to `to` (the unallocated
    /// remainder grows with them).
    WithSegments {
        /// Earlier year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// The last year's value, held.
    LastYear(i32),
    /// No change from the last year's operating margin.
    Held(i32),
    /// A value assumed for want of data, and why.
    Assumed(String),
}

impl TrendBasis {
    /// One line for a slider's caption or a hover: the trend value and where it comes
    /// from, e.g. "trend +5.1%/yr: 2023-2024 growth" or "assumed 0.0%/yr: one year of
    /// data (2021), no growth to continue".
    pub fn describe(&self, lever: &Lever, value: f64) -> String {
        let v = if lever.is_growth() || *lever == Lever::OperatingMarginChange {
            format!("{value:+.1}{}", unit_suffix(lever))
        } else {
            format!("{value:.1}{}", unit_suffix(lever))
        };
        match self {
            TrendBasis::Growth { from, to } => format!("trend {v}: {from}-{to} growth"),
            TrendBasis::RevenueGrowth { from, to } => {
                format!("trend {v}: total revenue's {from}-{to} growth (none of its own)")
            }
            TrendBasis::WithSegments { from, to } => format!(
                "trend {v}: grows with the allocated segments (their {from}-{to} growth), not its own change"
            ),
            TrendBasis::LastYear(y) => format!("trend {v}: the {y} value, held"),
            TrendBasis::Held(y) => {
                format!("trend {v}: the {y} operating margin, held")
            }
            TrendBasis::Assumed(why) => format!("assumed {v}: {why}"),
        }
    }
}

fn unit_suffix(lever: &Lever) -> String {
    match lever.unit() {
        "%" => "%".to_owned(),
        u if u.starts_with('%') => u.to_owned(),
        u => format!(" {u}"),
    }
}

/// Growth in % of a series from the year before the last (consecutive) to the last,
/// with how it was found. `earlier` is the year before the last in the data, consecutive
/// or not: a gap is named as such, not taken for a one-year dataset.
fn growth_pct(
    own: Option<f64>,
    last: &YearMetrics,
    prev_year: Option<i32>,
    earlier: Option<i32>,
) -> (f64, TrendBasis) {
    let one_year = || {
        TrendBasis::Assumed(match earlier {
            Some(e) => format!(
                "no {} in the data, so no growth into {} to continue (the year before is {e})",
                last.year - 1,
                last.year
            ),
            None => format!("one year of data ({}), no growth to continue", last.year),
        })
    };
    match (own, last.revenue_growth, prev_year) {
        (Some(g), _, Some(from)) => (
            g * 100.0,
            TrendBasis::Growth {
                from,
                to: last.year,
            },
        ),
        (None, Some(g), Some(from)) => (
            g * 100.0,
            TrendBasis::RevenueGrowth {
                from,
                to: last.year,
            },
        ),
        (_, _, None) => (FALLBACK_GROWTH_PCT, one_year()),
        (None, None, Some(from)) => (
            FALLBACK_GROWTH_PCT,
            TrendBasis::Assumed(format!(
                "no growth from {from} to {} (zero or negative base)",
                last.year
            )),
        ),
    }
}

/// The combined growth of the segments present in both of the last two (consecutive)
/// years, as a ratio.
fn allocated_growth(dataset: &Dataset) -> Option<f64> {
    let n = dataset.years.len();
    let (prev, last) = (
        dataset.years.get(n.checked_sub(2)?)?,
        dataset.years.get(n - 1)?,
    );
    if prev.year + 1 != last.year {
        return None;
    }
    let (mut a, mut b) = (0.0, 0.0);
    for (name, v) in &last.segments {
        if let Some(p) = prev.segments.get(name) {
            a += p;
            b += v;
        }
    }
    metrics::growth(a, b)
}

/// The trend value of `lever` on `dataset` (in its unit, before clamping) and its basis.
/// `None` for a lever the dataset cannot use.
fn trend_value(dataset: &Dataset, m: &Metrics, lever: &Lever) -> Option<(f64, TrendBasis)> {
    let last = m.years.last()?;
    let last_y = dataset.years.last()?;
    let earlier = m.previous().map(|p| p.year);
    let prev_year = earlier.filter(|y| y + 1 == last.year);
    let pct = |r: Option<f64>| r.map(|r| r * 100.0);
    let held = TrendBasis::LastYear(last.year);
    Some(match lever {
        Lever::SegmentGrowth(name) => {
            let i = dataset.segment_index(name)?;
            growth_pct(
                last.segments.get(i).and_then(|s| s.growth),
                last,
                prev_year,
                earlier,
            )
        }
        Lever::UnallocatedGrowth => match (allocated_growth(dataset), prev_year) {
            (Some(g), Some(from)) => (
                g * 100.0,
                TrendBasis::WithSegments {
                    from,
                    to: last.year,
                },
            ),
            _ => growth_pct(None, last, prev_year, earlier),
        },
        Lever::RevenueGrowth => growth_pct(last.revenue_growth, last, prev_year, earlier),
        Lever::GrossMargin => (pct(last.margins.gross)?, held),
        Lever::OperatingExpenses => {
            let gp = last_y.gross_profit?;
            let op = last_y.operating_income?;
            (pct(metrics::margin(gp - op, last.revenue))?, held)
        }
        Lever::OperatingMarginChange => {
            last.margins.operating?;
            (0.0, TrendBasis::Held(last.year))
        }
        Lever::NetToOperating => {
            let (op, net) = (last_y.operating_income?, last_y.net_income?);
            if op > 0.0 {
                (net / op * 100.0, held)
            } else {
                (
                    FALLBACK_NET_TO_OPERATING_PCT,
                    TrendBasis::Assumed(format!(
                        "operating income was not positive in {} ({}), so no share to continue",
                        last.year,
                        format::money(op, &dataset.currency, dataset.scale)
                    )),
                )
            }
        }
        Lever::FcfMargin => (pct(last.margins.fcf)?, held),
        Lever::FcfLessOperating => {
            let fcf = last_y.free_cash_flow?;
            let op = last_y.operating_income?;
            (pct(metrics::margin(fcf - op, last.revenue))?, held)
        }
    })
}

/// The trend value of every lever this dataset can drive ([`usable_levers`]): the
/// starting point of the sliders and what "Reset to trend" restores.
pub fn trend(dataset: &Dataset, m: &Metrics) -> Scenario {
    let mut levers = BTreeMap::new();
    for lever in usable_levers(dataset) {
        if let Some((v, _)) = trend_value(dataset, m, &lever) {
            let v = clamp_lever(&lever, v);
            levers.insert(lever, v);
        }
    }
    Scenario {
        name: TREND.into(),
        horizon_years: DEFAULT_HORIZON,
        levers,
        pin_operating_margin: false,
    }
}

/// Where `lever`'s trend value comes from (`None` for a lever the dataset cannot use).
pub fn trend_basis(dataset: &Dataset, m: &Metrics, lever: &Lever) -> Option<TrendBasis> {
    if !usable_levers(dataset).contains(lever) {
        return None;
    }
    trend_value(dataset, m, lever).map(|(_, b)| b)
}

/// The caption under a lever's slider: its trend value and where it comes from
/// ("assumed 0.0%/yr: one year of data (2021), no growth to continue").
pub fn trend_note(dataset: &Dataset, m: &Metrics, lever: &Lever) -> Option<String> {
    if !usable_levers(dataset).contains(lever) {
        return None;
    }
    let (v, basis) = trend_value(dataset, m, lever)?;
    Some(basis.describe(lever, clamp_lever(lever, v)))
}

/// The trend with a preset's values applied (levers the dataset cannot drive are ignored).
pub fn from_preset(dataset: &Dataset, m: &Metrics, preset_name: &str) -> Option<Scenario> {
    let preset = dataset.presets.iter().find(|p| p.name == preset_name)?;
    let mut s = trend(dataset, m);
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
