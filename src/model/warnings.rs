//! Warnings: what does not add up in a dataset that still loads (segments that do not
//! sum to revenue, gaps between years, figures that disappear, and what the importer
//! warned about when it wrote the file). A negative revenue is an
//! error, not a warning ([`super::checks::check_cash_and_split`]).

use super::dataset::{Dataset, Figure};
use super::error::{Warning, WarningKind};
use super::format;
use super::validate::RECONCILE_TOLERANCE;

/// Everything that does not add up but should not stop the file loading.
pub(crate) fn collect_warnings(ds: &Dataset) -> Vec<Warning> {
    let mut out = Vec::new();
    let money = |v: f64| format::money(v, &ds.currency, ds.scale);
    for (i, y) in ds.years.iter().enumerate() {
        let yp = |f: &str| format!("{}.{f}", y.year);
        if !y.segments.is_empty() {
            let sum: f64 = y.segments.values().sum();
            let gap = y.revenue - sum;
            if gap.abs() > RECONCILE_TOLERANCE * y.revenue.abs().max(f64::MIN_POSITIVE) {
                let share_ratio = if y.revenue.abs() > 0.0 {
                    gap / y.revenue
                } else {
                    f64::NAN
                };
                let what = if gap > 0.0 {
                    "is not allocated to any segment"
                } else {
                    "more than revenue is allocated to segments"
                };
                out.push(Warning {
                    path: yp("segments"),
                    kind: WarningKind::Unallocated {
                        year: y.year,
                        gap,
                        share_ratio,
                    },
                    message: format!(
                        "segments sum to {} but revenue is {}: {} ({} of revenue) {what}",
                        money(sum),
                        money(y.revenue),
                        money(gap.abs()),
                        format::percent(share_ratio.abs()),
                    ),
                });
            }
        }
        if let Some(gp) = y.gross_profit
            && gp > y.revenue
        {
            out.push(Warning {
                path: yp("gross_profit"),
                kind: WarningKind::GrossAboveRevenue { year: y.year },
                message: format!(
                    "gross profit {} is above revenue {}",
                    money(gp),
                    money(y.revenue)
                ),
            });
        }
        let Some(prev) = i.checked_sub(1).and_then(|j| ds.years.get(j)) else {
            continue;
        };
        if y.year - prev.year > 1 {
            out.push(Warning {
                path: format!("{}", y.year),
                kind: WarningKind::YearGap {
                    from: prev.year,
                    to: y.year,
                },
                message: format!(
                    "no figures between {} and {}: growth across the gap is not shown",
                    prev.year, y.year
                ),
            });
        }
        // A year without any split after one with a split: one word for the whole
        // split, not one per segment; none when the file says it is not disclosed.
        let no_split = y.segments.is_empty() && !prev.segments.is_empty();
        if no_split && !y.no_segment_split {
            out.push(Warning {
                path: format!("{}", y.year),
                kind: WarningKind::NoSegmentSplit {
                    year: y.year,
                    last_split: prev.year,
                },
                message: format!(
                    "no segment split ({} had one); if it is not disclosed, write \
                     `no_segment_split: true`",
                    prev.year
                ),
            });
        }
        let mut missing = |figure: String| {
            out.push(Warning {
                path: format!("{}", y.year),
                message: format!("{} has no {figure}, which {} had", y.year, prev.year),
                kind: WarningKind::MissingFigure {
                    year: y.year,
                    figure,
                    last_seen: prev.year,
                },
            });
        };
        for f in Figure::ALL {
            if prev.figure(f).is_some() && y.figure(f).is_none() {
                missing(f.label().to_lowercase());
            }
        }
        if !no_split {
            for name in prev.segments.keys() {
                if !y.segments.contains_key(name) {
                    missing(format!("revenue for segment \"{name}\""));
                }
            }
        }
        // Years usually list their KPIs in the same order: compare by position first and
        // build a name set only when that fails (a 5 MB file has 100,000 KPIs).
        let mut names: Option<std::collections::HashSet<&str>> = None;
        for (i, k) in prev.kpis.iter().enumerate() {
            if y.kpis.get(i).is_some_and(|c| c.name == k.name) {
                continue;
            }
            let names =
                names.get_or_insert_with(|| y.kpis.iter().map(|k| k.name.as_str()).collect());
            if !names.contains(k.name.as_str()) {
                missing(format!("KPI \"{}\"", k.name));
            }
        }
    }
    out.extend(super::checks::slip_warnings(ds));
    // Each already names its source file and place.
    out.extend(ds.import_warnings.iter().map(|w| Warning {
        path: "import".to_owned(),
        kind: WarningKind::Import,
        message: w.clone(),
    }));
    out
}
