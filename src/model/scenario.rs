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

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dataset::{Dataset, Lever};
use super::metrics::{self, Metrics};

/// Longest projection offered, in years.
pub const MAX_HORIZON: u32 = 10;
/// Default projection horizon, in years.
pub const DEFAULT_HORIZON: u32 = 3;

/// Growth used when a series has no usable history (one year, or a zero base), % per year.
const FALLBACK_GROWTH_PCT: f64 = 0.0;
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
            name: "Trend".into(),
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
        name: "Trend".into(),
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

/// One projected year.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectedYear {
    /// The year.
    pub year: i32,
    /// Revenue per declared segment (`None` for segments not projected).
    pub segments: Vec<Option<f64>>,
    /// Projected unallocated revenue.
    pub unallocated: Option<f64>,
    /// Total revenue.
    pub revenue: f64,
    /// Revenue growth over the previous (actual or projected) year.
    pub revenue_growth: Option<f64>,
    /// Gross profit.
    pub gross_profit: Option<f64>,
    /// Operating income.
    pub operating_income: Option<f64>,
    /// Net income.
    pub net_income: Option<f64>,
    /// Free cash flow.
    pub free_cash_flow: Option<f64>,
    /// Margins of the projected year.
    pub margins: metrics::Margins,
}

/// The horizon summary.
#[derive(Debug, Clone, PartialEq)]
pub struct HorizonSummary {
    /// The last projected year.
    pub year: i32,
    /// Revenue in that year.
    pub revenue: f64,
    /// Revenue CAGR from the last actual year.
    pub revenue_cagr: Option<f64>,
    /// Operating margin in that year.
    pub operating_margin: Option<f64>,
    /// Operating income in that year.
    pub operating_income: Option<f64>,
    /// Free cash flow summed over the projected years.
    pub cumulative_fcf: Option<f64>,
    /// Market cap / horizon revenue.
    pub revenue_multiple: Option<f64>,
}

/// A projection: the projected years and their summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// Last actual year the projection starts from.
    pub base_year: i32,
    /// Projected years, ascending.
    pub years: Vec<ProjectedYear>,
    /// Summary at the horizon.
    pub summary: HorizonSummary,
}

/// Projects `scenario` forward from the last actual year of `ds`.
pub fn project(ds: &Dataset, m: &Metrics, scenario: &Scenario) -> Projection {
    let lever = |l: &Lever| scenario.levers.get(l).copied();
    let horizon = scenario.horizon_years.clamp(1, MAX_HORIZON);
    let (Some(last_y), Some(last_m)) = (ds.years.last(), m.years.last()) else {
        return Projection {
            base_year: 0,
            years: vec![],
            summary: HorizonSummary {
                year: 0,
                revenue: 0.0,
                revenue_cagr: None,
                operating_margin: None,
                operating_income: None,
                cumulative_fcf: None,
                revenue_multiple: None,
            },
        };
    };
    let split = !last_y.segments.is_empty();
    // Base values and growth factors, resolved once.
    let seg_base: Vec<Option<(f64, f64)>> = ds
        .segments
        .iter()
        .map(|s| {
            let v = last_y.segments.get(&s.name).copied()?;
            let g = lever(&Lever::SegmentGrowth(s.name.clone())).unwrap_or(FALLBACK_GROWTH_PCT);
            Some((v, 1.0 + g / 100.0))
        })
        .collect();
    let unalloc_base = last_m.unallocated.map(|u| {
        let g = lever(&Lever::UnallocatedGrowth).unwrap_or(FALLBACK_GROWTH_PCT);
        (u, 1.0 + g / 100.0)
    });
    let total_growth = 1.0 + lever(&Lever::RevenueGrowth).unwrap_or(FALLBACK_GROWTH_PCT) / 100.0;
    let gross = lever(&Lever::GrossMargin).map(|v| v / 100.0);
    let om_delta = lever(&Lever::OperatingMarginChange).map(|v| v / 100.0);
    let net_share = lever(&Lever::NetToOperating).map(|v| v / 100.0);
    let fcf = lever(&Lever::FcfMargin).map(|v| v / 100.0);
    let om_base = last_m.margins.operating;

    let mut years = Vec::with_capacity(horizon as usize);
    let mut prev_revenue = last_y.revenue;
    let mut seg_now: Vec<Option<f64>> = seg_base.iter().map(|b| b.map(|(v, _)| v)).collect();
    let mut unalloc_now = unalloc_base.map(|(u, _)| u);
    let mut total_now = last_y.revenue;
    for t in 1..=horizon {
        let year = last_y.year + i32::try_from(t).unwrap_or(0);
        let revenue = if split {
            for (now, base) in seg_now.iter_mut().zip(&seg_base) {
                if let (Some(v), Some((_, f))) = (now.as_mut(), base) {
                    *v *= f;
                }
            }
            if let (Some(u), Some((_, f))) = (unalloc_now.as_mut(), unalloc_base) {
                *u *= f;
            }
            seg_now.iter().flatten().sum::<f64>() + unalloc_now.unwrap_or(0.0)
        } else {
            total_now *= total_growth;
            total_now
        };
        let om = match (om_base, om_delta) {
            (Some(b), Some(d)) => Some(b + f64::from(t) * d),
            _ => None,
        };
        let operating_income = om.map(|om| om * revenue);
        let gross_profit = gross.map(|g| g * revenue);
        let net_income = match (operating_income, net_share) {
            (Some(op), Some(n)) => Some(op * n),
            _ => None,
        };
        let free_cash_flow = fcf.map(|f| f * revenue);
        let margin = |v: Option<f64>| v.and_then(|v| metrics::margin(v, revenue));
        years.push(ProjectedYear {
            year,
            segments: seg_now.clone(),
            unallocated: unalloc_now,
            revenue,
            revenue_growth: metrics::growth(prev_revenue, revenue),
            gross_profit,
            operating_income,
            net_income,
            free_cash_flow,
            margins: metrics::Margins {
                gross: margin(gross_profit),
                operating: margin(operating_income),
                net: margin(net_income),
                fcf: margin(free_cash_flow),
            },
        });
        prev_revenue = revenue;
    }
    let summary = summarize(ds, last_y.revenue, last_y.year, &years);
    Projection {
        base_year: last_y.year,
        years,
        summary,
    }
}

fn summarize(
    ds: &Dataset,
    base_revenue: f64,
    base_year: i32,
    years: &[ProjectedYear],
) -> HorizonSummary {
    let Some(end) = years.last() else {
        return HorizonSummary {
            year: base_year,
            revenue: base_revenue,
            revenue_cagr: None,
            operating_margin: None,
            operating_income: None,
            cumulative_fcf: None,
            revenue_multiple: None,
        };
    };
    let cumulative_fcf = years.iter().map(|y| y.free_cash_flow).sum::<Option<f64>>();
    HorizonSummary {
        year: end.year,
        revenue: end.revenue,
        revenue_cagr: metrics::cagr(base_revenue, end.revenue, end.year - base_year),
        operating_margin: end.margins.operating,
        operating_income: end.operating_income,
        cumulative_fcf,
        revenue_multiple: ds
            .market_cap
            .as_ref()
            .and_then(|mc| metrics::margin(mc.value, end.revenue)),
    }
}

/// How much one lever moves the horizon, for the tornado chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The lever.
    pub lever: Lever,
    /// Step used, in the lever's unit.
    pub step: f64,
    /// Change in horizon revenue when the lever moves down, then up, by `step`.
    pub revenue: (f64, f64),
    /// Change in horizon operating income, down then up (0 when not projected).
    pub operating_income: (f64, f64),
}

/// Moves each lever down and up by its step and records the change at the horizon,
/// ranked by the larger swing in operating income, then revenue.
///
/// Computed in closed form from one projection (the formulas above make each lever's
/// effect separable): a growth lever `g` on a series with base value `v` changes horizon
/// revenue by `v * ((1 + g ± step)^H - (1 + g)^H)` and operating income by that times the
/// horizon operating margin; the operating-margin lever changes operating income by
/// `± step * H * revenue(H)`; gross margin, FCF margin and net-to-operating change
/// neither. [`sensitivity_by_projection`] re-projects per lever and is tested equal.
pub fn sensitivity(ds: &Dataset, m: &Metrics, scenario: &Scenario) -> Vec<Sensitivity> {
    let base = project(ds, m, scenario);
    let h = i32::try_from(scenario.horizon_years.clamp(1, MAX_HORIZON)).unwrap_or(1);
    let rev_h = base.summary.revenue;
    let om_h = base.summary.operating_margin;
    let last_y = ds.years.last();
    let last_m = m.years.last();
    let split = last_y.is_some_and(|y| !y.segments.is_empty());
    let series_base = |lever: &Lever| -> Option<f64> {
        match lever {
            Lever::SegmentGrowth(name) if split => last_y?.segments.get(name).copied(),
            Lever::UnallocatedGrowth if split => last_m?.unallocated,
            Lever::RevenueGrowth if !split => last_y.map(|y| y.revenue),
            _ => None,
        }
    };
    let mut out: Vec<Sensitivity> = scenario
        .levers
        .iter()
        .map(|(lever, value)| {
            let step = lever_range(lever).step;
            let (revenue, operating_income) = match lever {
                Lever::SegmentGrowth(_) | Lever::UnallocatedGrowth | Lever::RevenueGrowth => {
                    let v = series_base(lever).unwrap_or(0.0);
                    let at = |g: f64| v * (1.0 + g / 100.0).powi(h);
                    // Overflow (absurd inputs) gives +-inf, never inf - inf = NaN.
                    let diff = |a: f64, b: f64, up: bool| {
                        let d = a - b;
                        if d.is_nan() {
                            if up { f64::INFINITY } else { f64::NEG_INFINITY }
                        } else {
                            d
                        }
                    };
                    let d = (
                        diff(at(value - step), at(*value), false),
                        diff(at(value + step), at(*value), true),
                    );
                    let om = om_h.unwrap_or(0.0);
                    let times = |d: f64| if om == 0.0 { 0.0 } else { d * om };
                    (d, (times(d.0), times(d.1)))
                }
                Lever::OperatingMarginChange if om_h.is_some() => {
                    let d = step / 100.0 * f64::from(h) * rev_h;
                    ((0.0, 0.0), (-d, d))
                }
                _ => ((0.0, 0.0), (0.0, 0.0)),
            };
            Sensitivity {
                lever: lever.clone(),
                step,
                revenue,
                operating_income,
            }
        })
        .collect();
    rank(&mut out);
    out
}

/// The sensitivity by brute force: one full projection per lever and direction. Slower
/// (it is what [`sensitivity`] replaces) but formula-agnostic, so tests check the closed
/// form against it.
pub fn sensitivity_by_projection(
    ds: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
) -> Vec<Sensitivity> {
    let base = project(ds, m, scenario).summary;
    let mut out: Vec<Sensitivity> = scenario
        .levers
        .iter()
        .map(|(lever, value)| {
            let step = lever_range(lever).step;
            let mut moved = scenario.clone();
            let mut at = |v: f64| {
                moved.levers.insert(lever.clone(), v);
                let s = project(ds, m, &moved).summary;
                (
                    s.revenue - base.revenue,
                    s.operating_income.unwrap_or(0.0) - base.operating_income.unwrap_or(0.0),
                )
            };
            let down = at(value - step);
            let up = at(value + step);
            Sensitivity {
                lever: lever.clone(),
                step,
                revenue: (down.0, up.0),
                operating_income: (down.1, up.1),
            }
        })
        .collect();
    rank(&mut out);
    out
}

fn rank(out: &mut [Sensitivity]) {
    let swing = |s: &Sensitivity| {
        (
            (s.operating_income.1 - s.operating_income.0).abs(),
            (s.revenue.1 - s.revenue.0).abs(),
        )
    };
    out.sort_by(|a, b| {
        let (ao, ar) = swing(a);
        let (bo, br) = swing(b);
        bo.total_cmp(&ao)
            .then(br.total_cmp(&ar))
            .then(a.lever.cmp(&b.lever))
    });
}

/// A scenario saved to a file: names its dataset so it can be refused against another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedScenario {
    /// Company of the dataset it was made for.
    pub company: String,
    /// Segment names of that dataset.
    #[serde(default)]
    pub segments: Vec<String>,
    /// The scenario.
    pub scenario: Scenario,
}

/// Why a saved scenario cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    /// RON syntax or type error, with position.
    #[error("{0}")]
    Syntax(String),
    /// The scenario names segments the dataset does not have.
    #[error(
        "this scenario was saved for {company} and needs segment(s) {missing} that {dataset} does not have"
    )]
    MissingSegments {
        /// Company it was saved for.
        company: String,
        /// The dataset's company.
        dataset: String,
        /// The missing names, quoted and comma-separated.
        missing: String,
    },
    /// A lever the dataset cannot drive.
    #[error("lever `{0}` cannot be projected for this dataset (it has no figures for it)")]
    UnknownLever(String),
    /// A horizon out of range.
    #[error("horizon_years is {0}; it must be between 1 and 10")]
    BadHorizon(u32),
    /// A value that is not a finite number.
    #[error("lever `{0}` has a value that is not a finite number")]
    NotFinite(String),
}

/// The RON text of a saved scenario for `ds`.
pub fn to_ron(ds: &Dataset, s: &Scenario) -> String {
    let saved = SavedScenario {
        company: ds.company.clone(),
        segments: ds.segments.iter().map(|s| s.name.clone()).collect(),
        scenario: s.clone(),
    };
    let pretty = ron::ser::PrettyConfig::new().depth_limit(4);
    ron::ser::to_string_pretty(&saved, pretty).unwrap_or_default()
}

/// Parses a saved scenario and checks it against `ds` (and its trend, which says which
/// levers the dataset can drive).
pub fn from_ron(text: &str, ds: &Dataset, m: &Metrics) -> Result<Scenario, ScenarioError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let saved: SavedScenario = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| ScenarioError::Syntax(e.to_string()))?;
    let missing: Vec<String> = saved
        .scenario
        .levers
        .keys()
        .filter_map(Lever::segment)
        .filter(|s| ds.segment_index(s).is_none())
        .map(|s| format!("\"{s}\""))
        .collect();
    if !missing.is_empty() {
        return Err(ScenarioError::MissingSegments {
            company: saved.company,
            dataset: ds.company.clone(),
            missing: missing.join(", "),
        });
    }
    let h = saved.scenario.horizon_years;
    if !(1..=MAX_HORIZON).contains(&h) {
        return Err(ScenarioError::BadHorizon(h));
    }
    let trend = trend(ds, m);
    let mut out = trend.clone();
    out.name = saved.scenario.name;
    out.horizon_years = h;
    for (lever, v) in saved.scenario.levers {
        if !v.is_finite() {
            return Err(ScenarioError::NotFinite(lever.label()));
        }
        match out.levers.get_mut(&lever) {
            Some(slot) => *slot = clamp_lever(&lever, v),
            None => return Err(ScenarioError::UnknownLever(lever.label())),
        }
    }
    Ok(out)
}
