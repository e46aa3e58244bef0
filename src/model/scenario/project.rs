//! Projection: lever values -> projected years and the horizon summary (formulas in the
//! parent module's docs and the README; the arithmetic is the engine's).

use super::engine::Drivers;
use super::{Engine, MAX_HORIZON, Scenario};
use crate::model::dataset::Dataset;
use crate::model::metrics::{self, Metrics};

/// One projected year.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectedYear {
    /// The projected fiscal year.
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
    /// Operating expenses: gross profit - operating income (when both are projected).
    pub operating_expenses: Option<f64>,
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

/// Projects `scenario` forward from the last actual year of `dataset`, for its horizon
/// (clamped to 1..=[`MAX_HORIZON`]).
pub fn project(dataset: &Dataset, m: &Metrics, scenario: &Scenario) -> Projection {
    project_years(
        dataset,
        m,
        scenario,
        scenario.horizon_years.clamp(1, MAX_HORIZON),
    )
}

/// [`project`] for exactly `horizon` years (the valuation projects further than the
/// sliders' horizon).
pub(crate) fn project_years(
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
    horizon: u32,
) -> Projection {
    let Some(engine) = Engine::new(dataset, m, scenario) else {
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
    let d = engine.drivers(&scenario.levers);
    project_with(dataset, &engine, &d, horizon)
}

/// The projection of `engine` under drivers `d` for `horizon` years (for callers that
/// already resolved them).
pub(crate) fn project_with(
    dataset: &Dataset,
    engine: &Engine,
    d: &Drivers,
    horizon: u32,
) -> Projection {
    let mut years = Vec::with_capacity(horizon as usize);
    let mut prev_revenue = engine.base_revenue;
    let mut cur = Vec::new();
    engine.run(d, horizon, &mut cur, |t, revenue, values| {
        let year = engine.base_year + i32::try_from(t).unwrap_or(0);
        let segments = engine
            .segment_slot
            .iter()
            .map(|slot| slot.and_then(|i| values.get(i).copied()))
            .collect();
        let unallocated = if engine.has_unallocated {
            values.last().copied()
        } else {
            None
        };
        let operating_income = engine.operating_margin(d, t).map(|om| om * revenue);
        let gross_profit = d.gross.map(|g| g * revenue);
        let net_income = match (operating_income, d.net_share) {
            (Some(op), Some(n)) => Some(op * n),
            _ => None,
        };
        let free_cash_flow = engine.fcf_margin(d, t).map(|f| f * revenue);
        let operating_expenses = match (gross_profit, operating_income) {
            (Some(gp), Some(op)) => Some(gp - op),
            _ => None,
        };
        let margin = |v: Option<f64>| v.and_then(|v| metrics::margin(v, revenue));
        years.push(ProjectedYear {
            year,
            segments,
            unallocated,
            revenue,
            revenue_growth: metrics::growth(prev_revenue, revenue),
            gross_profit,
            operating_expenses,
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
    });
    let summary = summarize(dataset, engine.base_revenue, engine.base_year, &years);
    Projection {
        base_year: engine.base_year,
        years,
        summary,
    }
}

fn summarize(
    dataset: &Dataset,
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
        revenue_multiple: dataset
            .market_cap
            .as_ref()
            .and_then(|mc| metrics::margin(mc.value, end.revenue)),
    }
}
