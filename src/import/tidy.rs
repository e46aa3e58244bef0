//! The tidy layout: a header naming `year`, `metric` and `value` columns (and optionally
//! `company` and `unit`), then one row per company, year, metric and value.
//!
//! Each row's `unit` cell is read strictly ([`super::units`]): its scale converts that
//! row to whole currency units, so rows of one metric in different scales agree; a unit
//! not understood, a percent or count unit on money, one KPI in two kinds of unit, or a
//! money row without a scale among rows with one is an error at that cell. Whole units
//! are assumed only when no money row gives a scale, with a warning.

use std::collections::BTreeMap;

use super::error::{ImportError, ImportErrorKind};
use super::grid::{Cell, Grid};
use super::labels::{self, RowName};
use super::partial::{LooseRow, Partial, Value};
use super::table::{Sink, cell_number, cell_year, checked, money_factor};
use super::units::{self, Unit};
use crate::model::dataset::KpiKind;

/// Columns of the tidy layout.
pub(super) struct TidyColumns {
    company: Option<usize>,
    year: usize,
    metric: usize,
    value: usize,
    unit: Option<usize>,
}

/// The tidy layout's columns, if this header row names `year` and `value`.
pub(super) fn tidy_columns(header: &[Cell]) -> Option<Result<TidyColumns, ImportError>> {
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|c| names.contains(&labels::normalise(&c.text()).as_str()))
    };
    let year = find(&["year", "fiscal year", "fy", "period"])?;
    let value = find(&["value", "amount"])?;
    let Some(metric) = find(&["metric", "item", "line item", "account", "concept", "field"]) else {
        return Some(Err(ImportError::whole(
            "",
            ImportErrorKind::MissingColumn("metric"),
        )));
    };
    Some(Ok(TidyColumns {
        company: find(&["company", "entity", "company name"]),
        year,
        metric,
        value,
        unit: find(&["unit", "units", "currency"]),
    }))
}

/// Money rows with and without a scale, so the two never mix silently.
#[derive(Default)]
struct Scales {
    /// The first money row's unit cell that gives a scale: its place and text.
    scaled: Option<(String, String)>,
    /// The first money row's cell without a scale (unit or value cell).
    unscaled: Option<String>,
    /// Whether the "no units" warning was given.
    warned: bool,
}

/// The tidy layout.
pub(super) fn tidy(
    p: &mut Partial,
    grid: &Grid,
    header: usize,
    cols: &TidyColumns,
) -> Result<(), ImportError> {
    let source = p.source.clone();
    let mut companies: Vec<String> = Vec::new();
    let mut loose: Vec<LooseRow> = Vec::new();
    let mut scales = Scales::default();
    let mut last_unit: Option<(String, Result<Option<Unit>, units::NotUnderstood>)> = None;
    // The header's named columns (a trailing empty cell names none).
    let width = grid
        .rows
        .get(header)
        .and_then(|h| h.iter().rposition(|c| !c.is_blank()))
        .map_or(0, |i| i + 1);
    for (r, row) in grid.rows.iter().enumerate().skip(header + 1) {
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        // Every row has the header's cells: a short row (a value left out, not left
        // empty) or a long one (a value in no column) is a slip, never guessed at.
        let cells = row.iter().rposition(|c| !c.is_blank()).map_or(0, |i| i + 1);
        if let Some(extra) = row.iter().skip(width).position(|c| !c.is_blank()) {
            return Err(ImportError::at(
                &source,
                grid.place(r, width + extra),
                ImportErrorKind::TooManyCells {
                    cells,
                    header: width,
                },
            ));
        }
        if row.len() < width {
            return Err(ImportError::at(
                &source,
                grid.place(r, row.len()),
                ImportErrorKind::TooFewCells {
                    cells: row.len(),
                    header: width,
                },
            ));
        }
        let text = |c: usize| row.get(c).map(Cell::text).unwrap_or_default();
        if let Some(c) = cols.company {
            let name = text(c);
            if !name.is_empty() && !companies.contains(&name) {
                companies.push(name);
            }
        }
        let year = cell_year(row.get(cols.year).unwrap_or(&Cell::Empty)).ok_or_else(|| {
            ImportError::at(
                &source,
                grid.place(r, cols.year),
                ImportErrorKind::BadYear(text(cols.year)),
            )
        })?;
        let Some((v, percent)) = cell_number(&source, grid, r, cols.value)? else {
            continue;
        };
        let unit_place = grid.place(r, cols.unit.unwrap_or(cols.value));
        let at = |kind| ImportError::at(&source, unit_place.clone(), kind);
        let unit_text = cols.unit.map(text).unwrap_or_default();
        // Rows mostly repeat one unit: read each new text once.
        if last_unit.as_ref().is_none_or(|(t, _)| *t != unit_text) {
            last_unit = Some((unit_text.clone(), units::parse(&unit_text)));
        }
        let unit = last_unit
            .as_ref()
            .and_then(|(_, u)| u.clone().ok())
            .ok_or_else(|| {
                at(ImportErrorKind::UnitNotUnderstood(
                    unit_text.trim().to_owned(),
                ))
            })?;
        let (cur, scale) = match &unit {
            Some(Unit::Money { currency, scale }) => (currency.clone(), *scale),
            _ => (None, None),
        };
        if let Some(cur) = cur {
            match &p.currency {
                Some(have) if *have != cur => {
                    return Err(at(ImportErrorKind::MixedCurrencies {
                        first: have.clone(),
                        second: cur,
                    }));
                }
                _ => p.currency = Some(cur),
            }
        }
        let percent = percent || unit == Some(Unit::Percent);
        let metric = text(cols.metric);
        let mut name = labels::row_name(&metric, p.currency.as_deref());
        if let RowName::Kpi(k, kind) = &mut name {
            if percent {
                *kind = KpiKind::Percent;
            } else if unit == Some(Unit::Count) {
                *kind = KpiKind::Count;
            } else if matches!(unit, Some(Unit::Money { .. })) {
                *kind = KpiKind::Money;
            }
            if let Some((_, first)) = p.kpi_kinds.iter().find(|(n, _)| n == k)
                && first != kind
            {
                return Err(at(ImportErrorKind::MixedUnits {
                    metric: k.clone(),
                    first: *first,
                    second: *kind,
                }));
            }
        } else if matches!(unit, Some(Unit::Percent | Unit::Count)) {
            // A figure or segment is money: a percent or count of it cannot be converted.
            return Err(at(ImportErrorKind::NotMoneyUnit {
                metric,
                unit: unit_text.trim().to_owned(),
            }));
        }
        let money = !matches!(&name, RowName::Kpi(_, kind) if *kind != KpiKind::Money);
        if p.scale.is_none() {
            p.scale = scale.and_then(|s| s.1);
        }
        let factor = match scale {
            Some((f, _)) => {
                if let Some(other) = scales.unscaled.as_ref().filter(|_| money) {
                    return Err(ImportError::at(
                        &source,
                        other.clone(),
                        ImportErrorKind::UnitMissing {
                            other: unit_place.clone(),
                            unit: unit_text.trim().to_owned(),
                        },
                    ));
                }
                if money && scales.scaled.is_none() {
                    scales.scaled = Some((unit_place.clone(), unit_text.trim().to_owned()));
                }
                f
            }
            None if !money => 1.0,
            None => {
                if let Some((other, unit)) = &scales.scaled {
                    return Err(at(ImportErrorKind::UnitMissing {
                        other: other.clone(),
                        unit: unit.clone(),
                    }));
                }
                scales.unscaled.get_or_insert_with(|| unit_place.clone());
                if !scales.warned {
                    scales.warned = true;
                    money_factor(p, None, grid.place(r, cols.value));
                }
                1.0
            }
        };
        let place = grid.place(r, cols.value);
        let written = || format!("{} {}", text(cols.value), unit_text.trim());
        checked(&source, &place, &name, year, percent, v, factor, written)?;
        let note = format!("{source}:{place}");
        if let RowName::Unknown(label) = &name {
            let value = Value {
                amount: v * factor,
                note,
                source: source.clone(),
            };
            match loose.iter_mut().find(|l| l.label == *label) {
                Some(l) => {
                    l.values.insert(year, value);
                }
                None => loose.push(LooseRow {
                    label: label.clone(),
                    place: grid.place(r, cols.metric),
                    values: BTreeMap::from([(year, value)]),
                }),
            }
        } else {
            Sink { p: &mut *p, factor }.put(&name, year, v, percent, note);
        }
    }
    if companies.len() > 1 {
        return Err(ImportError::whole(
            &source,
            ImportErrorKind::SeveralCompanies(companies.join(", ")),
        ));
    }
    p.company = companies.into_iter().next();
    p.loose = loose;
    Ok(())
}
