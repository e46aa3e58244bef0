//! A lever's history: its value in each year of the dataset, in the lever's unit. One
//! definition for the fan (whose ranges may come from the last five values) and the
//! sliders (whose ranges hold every value), so the two never disagree on what a
//! lever's past was.

use crate::model::dataset::{Dataset, Lever, Year};
use crate::model::metrics::{self, Metrics};

/// The lever's yearly values in its unit, with their years: yearly growth for growth
/// levers (the allocated segments' for the unallocated remainder), yearly levels for
/// margins and cost shares, yearly changes in percentage points for the operating-margin
/// change. The fan's history ranges and the sliders' ranges are both taken from it.
pub fn lever_history(dataset: &Dataset, m: &Metrics, lever: &Lever) -> Vec<(i32, f64)> {
    let pct = |v: Option<f64>| v.map(|v| v * 100.0);
    let per_year = |f: &dyn Fn(usize) -> Option<f64>| -> Vec<(i32, f64)> {
        m.years
            .iter()
            .enumerate()
            .filter_map(|(i, y)| f(i).filter(|v| v.is_finite()).map(|v| (y.year, v)))
            .collect()
    };
    let figure = |i: usize, f: &dyn Fn(&Year) -> Option<f64>| {
        let y = dataset.years.get(i)?;
        pct(metrics::margin(f(y)?, y.revenue))
    };
    match lever {
        Lever::SegmentGrowth(name) => match dataset.segment_index(name) {
            Some(s) => per_year(&|i| pct(m.years.get(i)?.segments.get(s)?.growth)),
            None => vec![],
        },
        Lever::UnallocatedGrowth => per_year(&|i| {
            let (prev, cur) = (dataset.years.get(i.checked_sub(1)?)?, dataset.years.get(i)?);
            if prev.year + 1 != cur.year {
                return None;
            }
            let (mut a, mut b) = (0.0, 0.0);
            for (name, v) in &cur.segments {
                if let Some(p) = prev.segments.get(name) {
                    a += p;
                    b += v;
                }
            }
            pct(metrics::growth(a, b))
        }),
        Lever::RevenueGrowth => per_year(&|i| pct(m.years.get(i)?.revenue_growth)),
        Lever::GrossMargin => per_year(&|i| pct(m.years.get(i)?.margins.gross)),
        Lever::FcfMargin => per_year(&|i| pct(m.years.get(i)?.margins.fcf)),
        Lever::OperatingMarginChange => per_year(&|i| pct(m.years.get(i)?.margin_change.operating)),
        Lever::OperatingExpenses => {
            per_year(&|i| figure(i, &|y| Some(y.gross_profit? - y.operating_income?)))
        }
        Lever::FcfLessOperating => {
            per_year(&|i| figure(i, &|y| Some(y.free_cash_flow? - y.operating_income?)))
        }
        Lever::NetToOperating => per_year(&|i| {
            let y = dataset.years.get(i)?;
            let op = y.operating_income.filter(|op| *op > 0.0)?;
            Some(y.net_income? / op * 100.0)
        }),
    }
}
