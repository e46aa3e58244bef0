//! Chart-ready series: actual years followed by projected ones, with value, share of
//! total revenue and growth already worked out, so views only draw.

use super::metrics::{self, Metrics};
use super::scenario::Projection;

/// Which revenue series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKey {
    /// A declared segment by index.
    Segment(usize),
    /// Revenue not in any segment.
    Unallocated,
    /// Total revenue.
    Total,
    /// Total revenue of years whose segment split is not disclosed (none elsewhere), so a
    /// stacked chart shows those years' revenue instead of an empty column.
    Unsplit,
}

/// One year of a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The fiscal year.
    pub year: i32,
    /// Value in the dataset's currency and scale.
    pub value: Option<f64>,
    /// Total revenue that year.
    pub total: f64,
    /// `value / total`.
    pub share: Option<f64>,
    /// Growth from the previous consecutive year of the same series.
    pub growth: Option<f64>,
    /// Whether the year is projected.
    pub projected: bool,
}

/// The series `key`, actual years then projected years.
pub fn revenue_series(m: &Metrics, projection: Option<&Projection>, key: SeriesKey) -> Vec<Point> {
    let mut raw: Vec<(i32, Option<f64>, f64, bool)> = m
        .years
        .iter()
        .map(|y| {
            let v = match key {
                SeriesKey::Segment(i) => y.segments.get(i).and_then(|s| s.revenue),
                SeriesKey::Unallocated => y.unallocated,
                SeriesKey::Total => Some(y.revenue),
                SeriesKey::Unsplit => {
                    let split = y.segments.iter().any(|s| s.revenue.is_some());
                    (!split).then_some(y.revenue)
                }
            };
            (y.year, v, y.revenue, false)
        })
        .collect();
    if let Some(p) = projection {
        raw.extend(p.years.iter().map(|y| {
            let v = match key {
                SeriesKey::Segment(i) => y.segments.get(i).copied().flatten(),
                SeriesKey::Unallocated => y.unallocated,
                SeriesKey::Total => Some(y.revenue),
                SeriesKey::Unsplit => {
                    let split = y.segments.iter().any(Option::is_some) || y.unallocated.is_some();
                    (!split).then_some(y.revenue)
                }
            };
            (y.year, v, y.revenue, true)
        }));
    }
    let mut out: Vec<Point> = Vec::with_capacity(raw.len());
    for (i, &(year, value, total, projected)) in raw.iter().enumerate() {
        // The undisclosed split's bar is total revenue: its growth is total revenue's,
        // from the year before whether that year was split or not.
        let prev = i
            .checked_sub(1)
            .and_then(|j| raw.get(j))
            .filter(|p| p.0 + 1 == year)
            .and_then(|p| match key {
                SeriesKey::Unsplit => Some(p.2),
                _ => p.1,
            });
        out.push(Point {
            year,
            value,
            total,
            share: value.and_then(|v| metrics::margin(v, total)),
            growth: match (prev, value) {
                (Some(a), Some(b)) => metrics::growth(a, b),
                _ => None,
            },
            projected,
        });
    }
    out
}

/// The four margins per year, actual then projected: `(year, margins, projected)`.
pub fn margin_series(
    m: &Metrics,
    projection: Option<&Projection>,
) -> Vec<(i32, metrics::Margins, bool)> {
    let mut out: Vec<_> = m.years.iter().map(|y| (y.year, y.margins, false)).collect();
    if let Some(p) = projection {
        out.extend(p.years.iter().map(|y| (y.year, y.margins, true)));
    }
    out
}
