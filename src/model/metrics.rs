//! Derived metrics: growth, CAGR, shares of reported revenue, margins and their change.
//!
//! Pure functions over a validated [`Dataset`], computed once per load into a
//! [`Metrics`] table that every view reads (views never compute finance). All ratios
//! are fractions (`0.0747` = 7.47%); anything undefined (growth across a gap in years,
//! from a zero or negative base; a margin of zero revenue) is `None`, never inf or NaN.

use super::dataset::{Dataset, KpiKind};

/// Year-over-year growth `cur / prev - 1`; `None` from a zero or negative base or when
/// either value is not finite.
pub fn growth(prev: f64, cur: f64) -> Option<f64> {
    if !(prev.is_finite() && cur.is_finite()) || prev <= 0.0 {
        return None;
    }
    finite(cur / prev - 1.0)
}

/// Compound annual growth rate from `first` to `last` over `years` years;
/// `None` unless both are positive and `years > 0`.
pub fn cagr(first: f64, last: f64, years: i32) -> Option<f64> {
    if !(years > 0 && first > 0.0 && last > 0.0 && first.is_finite() && last.is_finite()) {
        return None;
    }
    finite((last / first).powf(1.0 / f64::from(years)) - 1.0)
}

/// `part / revenue`; `None` when revenue is not positive.
pub fn margin(part: f64, revenue: f64) -> Option<f64> {
    if revenue <= 0.0 || !revenue.is_finite() || !part.is_finite() {
        return None;
    }
    finite(part / revenue)
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// One segment in one year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SegmentYear {
    /// Revenue, when the year reports this segment.
    pub revenue: Option<f64>,
    /// Share of reported total revenue.
    pub share: Option<f64>,
    /// Growth from the previous consecutive year.
    pub growth: Option<f64>,
}

/// The four margins of a year, each a fraction of revenue.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Margins {
    /// Gross profit / revenue.
    pub gross: Option<f64>,
    /// Operating income / revenue.
    pub operating: Option<f64>,
    /// Net income / revenue.
    pub net: Option<f64>,
    /// Free cash flow / revenue.
    pub fcf: Option<f64>,
}

impl Margins {
    /// The margins as `(label, value)` in display order.
    pub fn labelled(&self) -> [(&'static str, Option<f64>); 4] {
        [
            ("Gross margin", self.gross),
            ("Operating margin", self.operating),
            ("Net margin", self.net),
            ("FCF margin", self.fcf),
        ]
    }

    /// Change from `prev` to `self`, in ratio points (`0.012` = +1.2 pp), per margin.
    pub fn change_from(&self, prev: &Margins) -> Margins {
        let d = |a: Option<f64>, b: Option<f64>| Some(a? - b?);
        Margins {
            gross: d(self.gross, prev.gross),
            operating: d(self.operating, prev.operating),
            net: d(self.net, prev.net),
            fcf: d(self.fcf, prev.fcf),
        }
    }
}

/// Everything derived for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearMetrics {
    /// The fiscal year these metrics are of.
    pub year: i32,
    /// Total revenue.
    pub revenue: f64,
    /// Revenue growth from the previous year (`None` across a gap).
    pub revenue_growth: Option<f64>,
    /// One entry per declared segment, in declaration order.
    pub segments: Vec<SegmentYear>,
    /// Revenue minus the sum of reported segments, when the year has a segment split and
    /// they do not sum to the total (positive or negative).
    pub unallocated: Option<f64>,
    /// `unallocated / revenue`.
    pub unallocated_share: Option<f64>,
    /// Gross, operating, net and FCF margins over revenue, and their change from the year before.
    pub margins: Margins,
    /// Free cash flow (and so the FCF margin) is derived from operating cash flow minus
    /// capex, not written in the file; hovers and tables say "derived".
    pub fcf_derived: bool,
    /// Change of each margin from the previous consecutive year, in ratio points.
    pub margin_change: Margins,
    /// Each extra KPI of the dataset (same order as [`Metrics::kpis`]).
    pub kpis: Vec<Option<f64>>,
}

/// The metrics table of a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// One row per year, ascending.
    pub years: Vec<YearMetrics>,
    /// Extra KPI names and kinds, in order of first appearance.
    pub kpis: Vec<(String, KpiKind)>,
    /// CAGR of total revenue from the first to the last year.
    pub revenue_cagr: Option<f64>,
    /// Market cap / latest revenue, when the market cap is given.
    pub revenue_multiple: Option<f64>,
}

/// A short description of a dataset, for `moneymap check` and headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// First year.
    pub first_year: i32,
    /// Last year.
    pub last_year: i32,
    /// Number of years present.
    pub year_count: usize,
    /// Number of declared segments.
    pub segment_count: usize,
    /// Latest year's revenue.
    pub latest_revenue: f64,
    /// Latest year's revenue growth.
    pub latest_growth: Option<f64>,
    /// Latest year's margins.
    pub latest_margins: Margins,
    /// Revenue CAGR over the whole span.
    pub revenue_cagr: Option<f64>,
}

impl Metrics {
    /// Computes every metric for a validated dataset.
    pub fn compute(ds: &Dataset) -> Metrics {
        let kpis = ds.kpi_names();
        let mut years: Vec<YearMetrics> = Vec::with_capacity(ds.years.len());
        for (i, y) in ds.years.iter().enumerate() {
            let prev = i
                .checked_sub(1)
                .and_then(|j| ds.years.get(j))
                .filter(|p| p.year + 1 == y.year);
            let segments: Vec<SegmentYear> = ds
                .segments
                .iter()
                .map(|s| {
                    let revenue = y.segments.get(&s.name).copied();
                    let prev_rev = prev.and_then(|p| p.segments.get(&s.name).copied());
                    SegmentYear {
                        revenue,
                        share: revenue.and_then(|r| margin(r, y.revenue)),
                        growth: match (prev_rev, revenue) {
                            (Some(a), Some(b)) => growth(a, b),
                            _ => None,
                        },
                    }
                })
                .collect();
            let unallocated = (!y.segments.is_empty())
                .then(|| y.revenue - y.segments.values().sum::<f64>())
                .filter(|gap| {
                    gap.abs()
                        > super::validate::RECONCILE_TOLERANCE
                            * y.revenue.abs().max(f64::MIN_POSITIVE)
                });
            let margins = Margins {
                gross: y.gross_profit.and_then(|v| margin(v, y.revenue)),
                operating: y.operating_income.and_then(|v| margin(v, y.revenue)),
                net: y.net_income.and_then(|v| margin(v, y.revenue)),
                fcf: y.free_cash_flow.and_then(|v| margin(v, y.revenue)),
            };
            let margin_change = match (prev, years.last()) {
                (Some(_), Some(pm)) => margins.change_from(&pm.margins),
                _ => Margins::default(),
            };
            years.push(YearMetrics {
                year: y.year,
                revenue: y.revenue,
                revenue_growth: prev.and_then(|p| growth(p.revenue, y.revenue)),
                segments,
                unallocated,
                unallocated_share: unallocated.and_then(|u| margin(u, y.revenue)),
                margins,
                fcf_derived: y.fcf_derived,
                margin_change,
                kpis: {
                    // By position when the year lists KPIs in first-appearance order
                    // (the usual case), by name otherwise.
                    let mut by_name: Option<std::collections::HashMap<&str, f64>> = None;
                    kpis.iter()
                        .enumerate()
                        .map(|(i, (n, _))| match y.kpis.get(i) {
                            Some(k) if k.name == *n => Some(k.value),
                            _ => by_name
                                .get_or_insert_with(|| {
                                    y.kpis.iter().map(|k| (k.name.as_str(), k.value)).collect()
                                })
                                .get(n.as_str())
                                .copied(),
                        })
                        .collect()
                },
            });
        }
        let revenue_cagr = match (ds.years.first(), ds.years.last()) {
            (Some(a), Some(b)) => cagr(a.revenue, b.revenue, b.year - a.year),
            _ => None,
        };
        let revenue_multiple = match (&ds.market_cap, ds.years.last()) {
            (Some(mc), Some(y)) => margin(mc.value, y.revenue),
            _ => None,
        };
        Metrics {
            years,
            kpis,
            revenue_cagr,
            revenue_multiple,
        }
    }

    /// The metrics of one year.
    pub fn year(&self, year: i32) -> Option<&YearMetrics> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The latest year's metrics.
    pub fn latest(&self) -> Option<&YearMetrics> {
        self.years.last()
    }

    /// The year before the latest, if present.
    pub fn previous(&self) -> Option<&YearMetrics> {
        self.years
            .len()
            .checked_sub(2)
            .and_then(|i| self.years.get(i))
    }

    /// Revenue CAGR between two years of the dataset.
    pub fn cagr_between(&self, from: i32, to: i32) -> Option<f64> {
        let a = self.year(from)?;
        let b = self.year(to)?;
        cagr(a.revenue, b.revenue, to - from)
    }

    /// Whether any year has an unallocated remainder.
    pub fn has_unallocated(&self) -> bool {
        self.years.iter().any(|y| y.unallocated.is_some())
    }

    /// A summary for the header and `moneymap check`.
    pub fn summary(&self, ds: &Dataset) -> Summary {
        let latest = self.latest();
        Summary {
            first_year: self.years.first().map_or(0, |y| y.year),
            last_year: latest.map_or(0, |y| y.year),
            year_count: self.years.len(),
            segment_count: ds.segments.len(),
            latest_revenue: latest.map_or(0.0, |y| y.revenue),
            latest_growth: latest.and_then(|y| y.revenue_growth),
            latest_margins: latest.map(|y| y.margins).unwrap_or_default(),
            revenue_cagr: self.revenue_cagr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_edges() {
        assert_eq!(growth(0.0, 5.0), None);
        assert_eq!(growth(-1.0, 5.0), None);
        assert_eq!(growth(2.0, 3.0), Some(0.5));
        assert_eq!(growth(f64::MAX, f64::NAN), None);
    }

    #[test]
    fn cagr_edges() {
        assert_eq!(cagr(1.0, 4.0, 2), Some(1.0));
        assert_eq!(cagr(1.0, 4.0, 0), None);
        assert_eq!(cagr(-1.0, 4.0, 2), None);
        assert_eq!(cagr(1.0, 0.0, 2), None);
    }

    #[test]
    fn margin_edges() {
        assert_eq!(margin(1.0, 0.0), None);
        assert_eq!(margin(1.0, -2.0), None);
        assert_eq!(margin(-1.0, 4.0), Some(-0.25));
    }
}
