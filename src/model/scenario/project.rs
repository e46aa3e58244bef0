//! Projection: lever values -> projected years and the horizon summary (formulas in the
//! parent module's docs and the README).

use super::{FALLBACK_GROWTH_PCT, MAX_HORIZON, Scenario};
use crate::model::dataset::{Dataset, Lever};
use crate::model::metrics::{self, Metrics};

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
