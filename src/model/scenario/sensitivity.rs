//! Sensitivity: how far each lever, moved one step down and up, moves the horizon
//! revenue, operating income and free cash flow (the tornado chart), in closed form and,
//! for tests, by brute-force re-projection.

use super::project::project_with;
use super::{Basis, Engine, MAX_HORIZON, Projection, Scenario, lever_range, project};
use crate::model::dataset::{Dataset, Lever};
use crate::model::metrics::Metrics;

/// How much one lever moves the horizon, for the tornado chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The lever moved down and up.
    pub lever: Lever,
    /// Step used, in the lever's unit.
    pub step: f64,
    /// Change in horizon revenue when the lever moves down, then up, by `step`.
    pub revenue: (f64, f64),
    /// Change in horizon operating income, down then up (0 when not projected).
    pub operating_income: (f64, f64),
    /// Change in horizon free cash flow, down then up (0 when not projected).
    pub free_cash_flow: (f64, f64),
}

/// `a - b`, with overflow (absurd inputs) giving +-inf, never inf - inf = NaN.
fn diff(a: f64, b: f64, up: bool) -> f64 {
    let d = a - b;
    if d.is_nan() {
        if up { f64::INFINITY } else { f64::NEG_INFINITY }
    } else {
        d
    }
}

/// `d * margin`, 0 when the margin is 0 or absent (so an infinite `d` gives no NaN).
fn times(d: f64, margin: Option<f64>) -> f64 {
    match margin {
        Some(m) if m != 0.0 => d * m,
        _ => 0.0,
    }
}

/// Moves each lever down and up by its step and records the change at the horizon,
/// ranked by the larger swing in operating income, then revenue.
///
/// Computed in closed form from one projection (the formulas make each lever's effect
/// separable), with `H` the horizon, `R_H` horizon revenue, `om_H` and `fm_H` the
/// horizon operating and FCF margins and `s` the step as a fraction:
/// - a growth lever `g` on a series with base value `v` changes horizon revenue by
///   `v * ((1 + g ± s)^H - (1 + g)^H)`, operating income by that times `om_H` and free
///   cash flow by that times `fm_H`;
/// - the operating-margin lever (when it drives operating income) changes operating
///   income by `± s * H * R_H`, and free cash flow by the same with a cost structure;
/// - with a cost structure, gross margin changes operating income and free cash flow by
///   `± s * R_H`, operating expenses by `∓ s * R_H`;
/// - the FCF margin and FCF-less-operating levers change free cash flow by `± s * R_H`;
/// - net-to-operating changes none of the three.
///
/// [`sensitivity_by_projection`] re-projects per lever and is tested equal.
pub fn sensitivity(dataset: &Dataset, m: &Metrics, scenario: &Scenario) -> Vec<Sensitivity> {
    let Some(engine) = Engine::new(dataset, m, scenario) else {
        return vec![];
    };
    let h = scenario.horizon_years.clamp(1, MAX_HORIZON);
    let base = project_with(dataset, &engine, &engine.drivers(&scenario.levers), h);
    let hi = i32::try_from(h).unwrap_or(1);
    let rev_h = base.summary.revenue;
    // The margins as the projection reports them (figure / revenue), as the tornado
    // always used: `None` when horizon revenue is not positive.
    let om_h = base.summary.operating_margin;
    let fm_h = base.years.last().and_then(|y| y.margins.fcf);
    let basis = engine.basis;
    let mut out: Vec<Sensitivity> = scenario
        .levers
        .iter()
        .map(|(lever, value)| {
            let step = lever_range(lever).step;
            let s = step / 100.0;
            let zero = (0.0, 0.0);
            let pm = |x: f64| (-x, x);
            let (revenue, operating_income, free_cash_flow) = match lever {
                Lever::SegmentGrowth(_) | Lever::UnallocatedGrowth | Lever::RevenueGrowth => {
                    let v = engine
                        .series
                        .iter()
                        .find(|x| x.lever == *lever)
                        .map_or(0.0, |x| x.base);
                    let at = |g: f64| v * (1.0 + g / 100.0).powi(hi);
                    let dr = (
                        diff(at(value - step), at(*value), false),
                        diff(at(value + step), at(*value), true),
                    );
                    (
                        dr,
                        (times(dr.0, om_h), times(dr.1, om_h)),
                        (times(dr.0, fm_h), times(dr.1, fm_h)),
                    )
                }
                Lever::OperatingMarginChange if om_h.is_some() && basis != Basis::Costs => {
                    let x = step / 100.0 * f64::from(hi) * rev_h;
                    let fcf = if basis == Basis::CostsPinned && fm_h.is_some() {
                        pm(x)
                    } else {
                        zero
                    };
                    (zero, pm(x), fcf)
                }
                Lever::GrossMargin if basis == Basis::Costs && om_h.is_some() => {
                    let fcf = if fm_h.is_some() { pm(s * rev_h) } else { zero };
                    (zero, pm(s * rev_h), fcf)
                }
                Lever::OperatingExpenses if basis == Basis::Costs && om_h.is_some() => {
                    let fcf = if fm_h.is_some() { pm(-s * rev_h) } else { zero };
                    (zero, pm(-s * rev_h), fcf)
                }
                Lever::FcfMargin | Lever::FcfLessOperating if fm_h.is_some() => {
                    (zero, zero, pm(s * rev_h))
                }
                _ => (zero, zero, zero),
            };
            Sensitivity {
                lever: lever.clone(),
                step,
                revenue,
                operating_income,
                free_cash_flow,
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
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
) -> Vec<Sensitivity> {
    let base_p = project(dataset, m, scenario);
    let base_fcf = horizon_fcf(&base_p);
    let base = base_p.summary;
    let mut out: Vec<Sensitivity> = scenario
        .levers
        .iter()
        .map(|(lever, value)| {
            let step = lever_range(lever).step;
            let mut moved = scenario.clone();
            let mut at = |v: f64| {
                moved.levers.insert(lever.clone(), v);
                let p = project(dataset, m, &moved);
                let s = &p.summary;
                (
                    s.revenue - base.revenue,
                    s.operating_income.unwrap_or(0.0) - base.operating_income.unwrap_or(0.0),
                    horizon_fcf(&p) - base_fcf,
                )
            };
            let down = at(value - step);
            let up = at(value + step);
            Sensitivity {
                lever: lever.clone(),
                step,
                revenue: (down.0, up.0),
                operating_income: (down.1, up.1),
                free_cash_flow: (down.2, up.2),
            }
        })
        .collect();
    rank(&mut out);
    out
}

/// Free cash flow in the horizon year (0 when not projected).
fn horizon_fcf(p: &Projection) -> f64 {
    p.years.last().and_then(|y| y.free_cash_flow).unwrap_or(0.0)
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
