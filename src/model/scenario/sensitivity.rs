//! Sensitivity: how far each lever, moved one step down and up, moves the horizon
//! revenue and operating income (the tornado chart), in closed form and, for tests, by
//! brute-force re-projection.

use super::{MAX_HORIZON, Scenario, lever_range, project};
use crate::model::dataset::{Dataset, Lever};
use crate::model::metrics::Metrics;

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
