//! The two table layouts finance users keep, read from a [`Grid`] (CSV or a sheet):
//!
//! - **statement**: line items down the side, years across (a 10-K table copied as is):
//!   a title row, a units cell ("SEK million", "in thousands"), a row of years, then one
//!   row per line item; blank rows and section headings are skipped;
//! - **tidy** ([`super::tidy`]): a header naming `year`, `metric` and `value` columns
//!   (and optionally `company` and `unit`), then one row per company, year, metric and
//!   value.
//!
//! Every value is checked against the model's plausible magnitudes at its cell.
//!
//! Labels go through [`labels::row_name`]: a standard figure by its synonyms, a
//! `Segment:` or `KPI:` prefix, or a loose row that the merge names later.

use std::collections::BTreeMap;

use super::error::{ImportError, ImportErrorKind};
use super::grid::{Cell, Grid};
use super::labels::{self, RowName};
use super::partial::{LooseRow, Partial, Value};
use super::units::{self, Scaled};
use crate::model::dataset::{Figure, KpiKind, Scale};
use crate::model::plausible;

/// A cell's number: stored numbers as they are, text read as tables print numbers.
/// Returns the value and whether it was written with `%`.
pub(super) fn cell_number(
    source: &str,
    grid: &Grid,
    row: usize,
    col: usize,
) -> Result<Option<(f64, bool)>, ImportError> {
    match grid.rows.get(row).and_then(|r| r.get(col)) {
        None | Some(Cell::Empty) => Ok(None),
        Some(Cell::Number(n)) => Ok(Some((*n, false))),
        Some(Cell::Text(t)) => match labels::number(t) {
            Ok(v) => Ok(v.map(|v| (v, t.trim_end().ends_with('%')))),
            Err(labels::NotANumber) => Err(ImportError::at(
                source,
                grid.place(row, col),
                ImportErrorKind::BadNumber(t.trim().to_owned()),
            )),
        },
    }
}

/// A header cell's year: a number cell holding a whole year, or text such as `FY2024`.
pub(super) fn cell_year(c: &Cell) -> Option<i32> {
    match c {
        Cell::Number(n) if n.fract() == 0.0 => {
            let y = *n as i32;
            crate::model::validate::YEAR_RANGE.contains(&y).then_some(y)
        }
        Cell::Text(t) => labels::header_year(t),
        _ => None,
    }
}

/// Where one value goes, once its row is named.
pub(super) struct Sink<'a> {
    /// The source's figures.
    pub(super) p: &'a mut Partial,
    /// Whole currency units per money figure.
    pub(super) factor: f64,
}

/// The bound a cell is checked against: the highest of any currency, as a cell's currency
/// may not be known yet; the dataset's validation then applies its currency's own.
const HIGH: f64 = plausible::MAX_MONEY_UNITS_HIGH;

/// A value `v` of the row `name` at `place` is one a real company could report: money
/// (`v * factor` whole units) within the model's bounds, a percent or count KPI within
/// theirs, a revenue (of `year`) not negative, and no money figure or segment written as a
/// percent (`percent`: the cell ends in `%`). `written` is the cell as written, with its
/// unit, for the message.
#[allow(clippy::too_many_arguments)]
pub(super) fn checked(
    source: &str,
    place: &str,
    name: &RowName,
    year: i32,
    percent: bool,
    v: f64,
    factor: f64,
    written: impl FnOnce() -> String,
) -> Result<(), ImportError> {
    if *name == RowName::Figure(Figure::Revenue) && v < 0.0 {
        let written = written().trim().to_owned();
        return Err(ImportError::at(
            source,
            place,
            ImportErrorKind::NegativeRevenue { year, written },
        ));
    }
    if percent && matches!(name, RowName::Figure(_) | RowName::Segment(_)) {
        // "12%" in a revenue row is no amount of money: never read it as 12 millions.
        return Err(ImportError::at(
            source,
            place,
            ImportErrorKind::NotMoneyUnit {
                metric: match name {
                    RowName::Figure(f) => f.label().to_owned(),
                    RowName::Segment(s) => format!("segment \"{s}\""),
                    RowName::Kpi(k, _) | RowName::Unknown(k) => k.clone(),
                },
                unit: "%".to_owned(),
            },
        ));
    }
    let result = match name {
        RowName::Kpi(k, _) if percent => {
            plausible::kpi(|| k.clone(), KpiKind::Percent, v, Scale::Units, "", HIGH)
        }
        RowName::Kpi(k, KpiKind::Count) => {
            plausible::kpi(|| k.clone(), KpiKind::Count, v, Scale::Units, "", HIGH)
        }
        _ => plausible::money_units(v, factor, HIGH, || written().trim().to_owned()),
    };
    result.map_err(|e| ImportError::at(source, place, ImportErrorKind::Implausible(e)))
}

impl Sink<'_> {
    /// Stores a named value (`amount` as written; money is scaled here).
    pub(super) fn put(
        &mut self,
        name: &RowName,
        year: i32,
        amount: f64,
        percent: bool,
        note: String,
    ) {
        let source = self.p.source.clone();
        let money = |a: f64| Value {
            amount: a * self.factor,
            note: note.clone(),
            source: source.clone(),
        };
        match name {
            RowName::Figure(f) => {
                // Cash flow statements print capex as a negative outflow: store the amount spent.
                let a = if *f == Figure::Capex {
                    amount.abs()
                } else {
                    amount
                };
                let v = money(a);
                let slot = &mut self.p.years.entry(year).or_default().figures;
                if let Some(old) = slot.get(f)
                    && old.amount != v.amount
                {
                    let w = format!(
                        "{}: two rows give {year} {}; keeping the first",
                        v.note,
                        f.label().to_lowercase()
                    );
                    self.p.warnings.push(w);
                } else {
                    slot.insert(*f, v);
                }
            }
            RowName::Segment(s) => {
                let v = money(amount);
                self.p.add_segment(year, s, v);
            }
            RowName::Kpi(k, kind) => {
                let kind = if percent { KpiKind::Percent } else { *kind };
                let v = if kind == KpiKind::Money {
                    money(amount)
                } else {
                    Value {
                        amount,
                        note,
                        source,
                    }
                };
                self.p.add_kpi(year, k, kind, v);
            }
            RowName::Unknown(_) => {}
        }
    }
}

/// Reads a grid in whichever layout it is in.
pub fn import(source: &str, kind: &str, grid: &Grid) -> Result<Partial, ImportError> {
    let first = grid
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.is_blank()))
        .ok_or_else(|| ImportError::whole(source, ImportErrorKind::Empty))?;
    let mut p = Partial {
        source: source.to_owned(),
        kind: kind.to_owned(),
        ..Partial::default()
    };
    match super::tidy::tidy_columns(grid.rows.get(first).map_or(&[][..], Vec::as_slice)) {
        Some(cols) => {
            let cols = cols.map_err(|mut e| {
                e.file = source.into();
                e.place = Some(grid.place(first, 0));
                e
            })?;
            super::tidy::tidy(&mut p, grid, first, &cols)?;
        }
        None => statement(&mut p, grid, first)?,
    }
    Ok(p)
}

/// Units and title from the rows above the header (units read by
/// [`units::statement_units`]: a cell meant as a unit but not understood is an error).
fn preamble(
    p: &mut Partial,
    grid: &Grid,
    first: usize,
    header: usize,
) -> Result<(Option<Scaled>, String), ImportError> {
    let (currency, scale, unit_text) = units::statement_units(&p.source, grid, first, header)?;
    if p.currency.is_none() {
        p.currency = currency;
    }
    if header > first {
        let title = grid
            .rows
            .get(first)
            .and_then(|r| r.iter().find(|c| !c.is_blank()))
            .map(Cell::text);
        if let Some(t) = title {
            let name = t
                .split([':', '—', '–', '(', ','])
                .next()
                .unwrap_or(&t)
                .split(" - ")
                .next()
                .unwrap_or(&t)
                .trim()
                .to_owned();
            let only_units =
                labels::units(&t) != (None, None) && name.split_whitespace().count() <= 2;
            if !name.is_empty() && !only_units {
                p.company = Some(name);
            }
        }
    }
    Ok((scale, unit_text))
}

/// The statement layout.
fn statement(p: &mut Partial, grid: &Grid, first: usize) -> Result<(), ImportError> {
    let (header, years) = grid
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .find_map(|(i, r)| {
            let ys: Vec<(usize, i32)> = r
                .iter()
                .enumerate()
                .skip(1)
                .filter_map(|(c, cell)| cell_year(cell).map(|y| (c, y)))
                .collect();
            (!ys.is_empty()).then_some((i, ys))
        })
        .ok_or_else(|| {
            ImportError::at(
                source_of(p),
                grid.place(first, 0),
                ImportErrorKind::NoYearHeader,
            )
        })?;
    let (scale, unit_text) = preamble(p, grid, first, header)?;
    p.scale = scale.and_then(|s| s.1);
    let factor = match scale {
        Some((f, _)) => f,
        None => money_factor(p, None, grid.place(header, 0)),
    };
    let width = grid.rows.get(header).map_or(0, Vec::len);
    // Labels are in the leftmost column, before the years, that has text below the header
    // (exports sometimes leave column A empty).
    let first_year_col = years.iter().map(|(c, _)| *c).min().unwrap_or(1);
    let body = grid.rows.get(header + 1..).unwrap_or_default();
    let label_col = (0..first_year_col)
        .find(|&c| {
            body.iter()
                .any(|r| matches!(r.get(c), Some(Cell::Text(t)) if !t.trim().is_empty()))
        })
        .unwrap_or(0);
    let source = p.source.clone();
    let mut loose: Vec<LooseRow> = Vec::new();
    for (r, row) in grid.rows.iter().enumerate().skip(header + 1) {
        if let Some(extra) = row.iter().skip(width).position(|c| !c.is_blank()) {
            return Err(ImportError::at(
                &source,
                grid.place(r, width + extra),
                ImportErrorKind::Ragged {
                    cells: row.iter().rposition(|c| !c.is_blank()).map_or(0, |i| i + 1),
                    header: width,
                },
            ));
        }
        let label = row.get(label_col).map(Cell::text).unwrap_or_default();
        if label.is_empty() {
            continue;
        }
        let name = labels::row_name(&label, p.currency.as_deref());
        let mut sink = Sink { p: &mut *p, factor };
        let mut values = BTreeMap::new();
        for &(c, year) in &years {
            let Some((v, percent)) = cell_number(&source, grid, r, c)? else {
                continue;
            };
            let place = grid.place(r, c);
            let written = || {
                let cell = grid.rows.get(r).and_then(|row| row.get(c)).map(Cell::text);
                format!("{} {unit_text}", cell.unwrap_or_default())
            };
            checked(&source, &place, &name, year, percent, v, factor, written)?;
            let note = format!("{source}:{place}");
            if matches!(name, RowName::Unknown(_)) {
                values.insert(
                    year,
                    Value {
                        amount: v * factor,
                        note,
                        source: source.clone(),
                    },
                );
            } else {
                sink.put(&name, year, v, percent, note);
            }
        }
        if let RowName::Unknown(l) = name
            && !values.is_empty()
        {
            loose.push(LooseRow {
                label: l,
                place: grid.place(r, label_col),
                values,
            });
        }
    }
    p.loose = loose;
    Ok(())
}

fn source_of(p: &Partial) -> String {
    p.source.clone()
}

/// The multiplier from the table's figures to whole currency units, with a warning when
/// the table gives no scale.
pub(super) fn money_factor(p: &mut Partial, scale: Option<Scale>, place: String) -> f64 {
    match scale {
        Some(s) => s.factor(),
        None => {
            p.warnings.push(format!(
                "{}:{place}: no units cell (such as \"USD millions\" or \"in thousands\"): \
                 money is read as whole currency units",
                p.source
            ));
            1.0
        }
    }
}
