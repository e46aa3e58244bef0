//! The tornado for a result the user chooses: revenue, operating income or free cash
//! flow at the horizon, or the scenario's implied value. Levers that cannot move the
//! chosen result are left out and named in one note.
//!
//! The money measures come from [`sensitivity`]'s closed form. The implied value
//! `V = Σ_{t=1..N} w_t fm_t R_t` (weights `w_t` from [`crate::model::valuation::solve`],
//! `fm_t` the FCF margin and `R_t` revenue in year `t`) is separable too: a growth lever
//! on a series with base `v` and factor `f` moves it by `Σ w_t fm_t v ((f ± s)^t - f^t)`;
//! a lever that shifts every year's FCF margin by `± s` (gross margin or operating
//! expenses with a cost structure, the FCF levers) by `± s Σ w_t R_t`; the pinned
//! operating-margin lever, which shifts year `t` by `± s t`, by `± s Σ w_t t R_t`.
//! [`tornado_by_projection`] re-projects instead, and tests check the two agree.

use super::{
    Basis, Engine, Scenario, Sensitivity, lever_range, project_years, sensitivity,
    sensitivity_by_projection,
};
use crate::model::dataset::{Dataset, Lever};
use crate::model::metrics::Metrics;
use crate::model::valuation::{ValuationParams, solve};

/// The result a tornado measures (saved with the window's view state, by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Measure {
    /// Revenue in the horizon year.
    Revenue,
    /// Operating income in the horizon year.
    OperatingIncome,
    /// Free cash flow in the horizon year.
    FreeCashFlow,
    /// The scenario's value (discounted free cash flow and terminal value).
    ImpliedValue,
}

impl Measure {
    /// Every measure, in the order a chooser lists them.
    pub const ALL: [Measure; 4] = [
        Measure::Revenue,
        Measure::OperatingIncome,
        Measure::FreeCashFlow,
        Measure::ImpliedValue,
    ];

    /// Lower-case name for sentences and choosers: "operating income".
    pub fn label(self) -> &'static str {
        match self {
            Measure::Revenue => "revenue",
            Measure::OperatingIncome => "operating income",
            Measure::FreeCashFlow => "free cash flow",
            Measure::ImpliedValue => "implied value",
        }
    }
}

/// One bar pair of the tornado.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    /// The lever moved down and up.
    pub lever: Lever,
    /// Its step, in the lever's unit.
    pub step: f64,
    /// Change in the measure when the lever moves down by `step`.
    pub down: f64,
    /// Change when it moves up by `step`.
    pub up: f64,
}

/// A tornado: ranked rows, the levers left out and why, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    /// What it measures.
    pub measure: Measure,
    /// Rows, the largest swing first.
    pub rows: Vec<TornadoRow>,
    /// Levers that cannot move the measure (not in `rows`).
    pub left_out: Vec<Lever>,
    /// One line naming them, for under the chart.
    pub note: Option<String>,
    /// Why the measure cannot be shown at all (then `rows` is empty).
    pub unavailable: Option<String>,
    /// The caption: "Change in 2027 operating income from one step of each lever".
    pub caption: String,
}

/// A lever, its step, the measure's change down and up, and revenue's change down and
/// up (to break ties in the ranking).
type Pair = (Lever, f64, (f64, f64), (f64, f64));

/// Whether `lever` can move `measure` under `basis` at all.
fn can_move(basis: Basis, lever: &Lever, measure: Measure) -> bool {
    let growth = lever.is_growth();
    match measure {
        Measure::Revenue => growth,
        Measure::OperatingIncome => match lever {
            Lever::GrossMargin | Lever::OperatingExpenses => basis == Basis::Costs,
            Lever::OperatingMarginChange => basis != Basis::Costs,
            _ => growth,
        },
        Measure::FreeCashFlow | Measure::ImpliedValue => match lever {
            Lever::GrossMargin | Lever::OperatingExpenses => basis == Basis::Costs,
            Lever::OperatingMarginChange => basis == Basis::CostsPinned,
            Lever::FcfMargin | Lever::FcfLessOperating => true,
            _ => growth,
        },
    }
}

/// The tornado of `measure` for `scenario`, in closed form.
pub fn tornado(
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
    measure: Measure,
    params: &ValuationParams,
) -> Tornado {
    build(dataset, m, scenario, measure, params, false)
}

/// [`tornado`] by re-projecting every lever both ways (for tests).
pub fn tornado_by_projection(
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
    measure: Measure,
    params: &ValuationParams,
) -> Tornado {
    build(dataset, m, scenario, measure, params, true)
}

fn build(
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
    measure: Measure,
    params: &ValuationParams,
    brute: bool,
) -> Tornado {
    let base = project_years(
        dataset,
        m,
        scenario,
        scenario.horizon_years.clamp(1, super::MAX_HORIZON),
    );
    let year = base.summary.year;
    let mut t = Tornado {
        measure,
        rows: vec![],
        left_out: vec![],
        note: None,
        unavailable: None,
        caption: match measure {
            Measure::ImpliedValue => format!(
                "Change in the scenario's value ({} years, r {:.1}%, g_T {:.1}%) from one step of each lever",
                params.years, params.discount_pct, params.terminal_growth_pct
            ),
            _ => format!(
                "Change in {year} {} from one step of each lever",
                measure.label()
            ),
        },
    };
    let last = base.years.last();
    t.unavailable = match measure {
        Measure::Revenue => None,
        Measure::OperatingIncome => last.and_then(|y| y.operating_income).is_none().then(|| {
            "no operating income to project: the last year has no `operating_income`".to_owned()
        }),
        Measure::FreeCashFlow => last.and_then(|y| y.free_cash_flow).is_none().then(|| {
            "no free cash flow to project: the last year has no `free_cash_flow`".to_owned()
        }),
        Measure::ImpliedValue => value_problem(dataset, m, scenario, params),
    };
    if t.unavailable.is_some() {
        return t;
    }
    let pairs: Vec<Pair> = match measure {
        Measure::ImpliedValue if brute => value_by_projection(dataset, m, scenario, params),
        Measure::ImpliedValue => value_closed_form(dataset, m, scenario, params),
        _ => {
            let sens = if brute {
                sensitivity_by_projection(dataset, m, scenario)
            } else {
                sensitivity(dataset, m, scenario)
            };
            sens.into_iter()
                .map(|s: Sensitivity| {
                    let v = match measure {
                        Measure::Revenue => s.revenue,
                        Measure::OperatingIncome => s.operating_income,
                        _ => s.free_cash_flow,
                    };
                    (s.lever, s.step, v, s.revenue)
                })
                .collect()
        }
    };
    if pairs
        .iter()
        .any(|(_, _, (down, up), _)| !(down.is_finite() && up.is_finite()))
    {
        t.unavailable = Some(
            "the projected figures overflow (figures near 1e308): no sensitivity can be shown"
                .to_owned(),
        );
        return t;
    }
    let basis = Basis::of(dataset, scenario);
    let mut ranked: Vec<(TornadoRow, f64)> = Vec::new();
    for (lever, step, (down, up), rev) in pairs {
        if !can_move(basis, &lever, measure) || (down == 0.0 && up == 0.0) {
            t.left_out.push(lever);
        } else {
            ranked.push((
                TornadoRow {
                    lever,
                    step,
                    down,
                    up,
                },
                (rev.1 - rev.0).abs(),
            ));
        }
    }
    ranked.sort_by(|(a, ar), (b, br)| {
        (b.up - b.down)
            .abs()
            .total_cmp(&(a.up - a.down).abs())
            .then(br.total_cmp(ar))
            .then(a.lever.cmp(&b.lever))
    });
    t.rows = ranked.into_iter().map(|(r, _)| r).collect();
    t.left_out.sort();
    if !t.left_out.is_empty() {
        let names: Vec<String> = t.left_out.iter().map(Lever::label).collect();
        let what = match measure {
            Measure::ImpliedValue => "the scenario's value".to_owned(),
            _ => format!("{year} {}", measure.label()),
        };
        t.note = Some(format!(
            "Not shown (cannot move {what}): {}",
            names.join(", ")
        ));
    }
    t
}

/// Why the scenario has no implied value to vary, if it has none.
fn value_problem(
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
    params: &ValuationParams,
) -> Option<String> {
    if let Err(e) = params.check() {
        return Some(e.to_string());
    }
    let p = project_years(dataset, m, scenario, params.years);
    match p.years.last().map(|y| y.free_cash_flow) {
        None | Some(None) => {
            Some("no free cash flow to value: the last year has no `free_cash_flow`".to_owned())
        }
        Some(Some(f)) if f <= 0.0 => Some(format!(
            "free cash flow is negative at the end of the {} years: a terminal value of losses is no value",
            params.years
        )),
        Some(Some(_)) => None,
    }
}

fn value_closed_form(
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
    params: &ValuationParams,
) -> Vec<Pair> {
    let Some(engine) = Engine::new(dataset, m, scenario) else {
        return vec![];
    };
    let d = engine.drivers(&scenario.levers);
    let w = solve::weights(params);
    let mut rev = Vec::with_capacity(w.len());
    let mut cur = Vec::new();
    engine.run(&d, params.years, &mut cur, |_, r, _| rev.push(r));
    let fm: Vec<f64> = (1..=params.years)
        .map(|t| engine.fcf_margin(&d, t).unwrap_or(0.0))
        .collect();
    let sum_wr: f64 = w.iter().zip(&rev).map(|(w, r)| w * r).sum();
    let sum_wtr: f64 = w
        .iter()
        .zip(&rev)
        .enumerate()
        .map(|(i, (w, r))| w * r * (i as f64 + 1.0))
        .sum();
    let basis = engine.basis;
    scenario
        .levers
        .keys()
        .map(|lever| {
            let step = lever_range(lever).step;
            let s = step / 100.0;
            let pm = |x: f64| (-x, x);
            let v = match lever {
                l if l.is_growth() => {
                    let (base, f) = engine
                        .series
                        .iter()
                        .zip(&d.factors)
                        .find(|(x, _)| x.lever == *l)
                        .map_or((0.0, 1.0), |(x, f)| (x.base, *f));
                    let moved = |f2: f64| {
                        let (mut a, mut b, mut dv) = (1.0, 1.0, 0.0);
                        for (wt, fmt) in w.iter().zip(&fm) {
                            a *= f2;
                            b *= f;
                            dv += wt * fmt * base * (a - b);
                        }
                        dv
                    };
                    (moved(f - s), moved(f + s))
                }
                Lever::GrossMargin | Lever::OperatingExpenses if basis != Basis::Costs => {
                    (0.0, 0.0)
                }
                Lever::GrossMargin => pm(s * sum_wr),
                Lever::OperatingExpenses => pm(-s * sum_wr),
                Lever::OperatingMarginChange if basis == Basis::CostsPinned => pm(s * sum_wtr),
                Lever::FcfMargin | Lever::FcfLessOperating => pm(s * sum_wr),
                _ => (0.0, 0.0),
            };
            (lever.clone(), step, v, (0.0, 0.0))
        })
        .collect()
}

fn value_by_projection(
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
    params: &ValuationParams,
) -> Vec<Pair> {
    let w = solve::weights(params);
    let value = |s: &Scenario| {
        let p = project_years(dataset, m, s, params.years);
        let fcf: Vec<f64> = p
            .years
            .iter()
            .map(|y| y.free_cash_flow.unwrap_or(0.0))
            .collect();
        solve::discounted(&w, &fcf)
    };
    let base = value(scenario);
    scenario
        .levers
        .iter()
        .map(|(lever, v)| {
            let step = lever_range(lever).step;
            let mut moved = scenario.clone();
            let mut at = |x: f64| {
                moved.levers.insert(lever.clone(), x);
                value(&moved) - base
            };
            let down = at(v - step);
            let up = at(v + step);
            (lever.clone(), step, (down, up), (0.0, 0.0))
        })
        .collect()
}
