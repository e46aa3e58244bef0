//! What one source yields before it is merged with the others: figures by year and
//! field (money in whole currency units, so sources in different scales merge), each
//! with a note saying where it came from, plus rows the reader could not place.
//!
//! [`merge`] combines sources in order: a later source fills gaps, and where two give
//! different values the later wins and a warning names both values and both sources.

use std::collections::BTreeMap;

use crate::model::dataset::{Figure, KpiKind};

/// Relative difference below which two sources agree on a figure (rounding: a table in
/// millions against exact facts differs by far less).
pub const AGREE_TOLERANCE: f64 = 0.001;

/// One imported value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// The value: money in whole currency units; a percent or count as written.
    pub amount: f64,
    /// Provenance, written as the figure's note ("10-K filed 2025-03-21, accn ...").
    pub note: String,
    /// The source file's name, for conflict warnings.
    pub source: String,
}

/// The figures of one year from one or more sources.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PartialYear {
    /// Standard figures.
    pub figures: BTreeMap<Figure, Value>,
    /// Revenue by segment.
    pub segments: BTreeMap<String, Value>,
    /// Extra KPIs by name.
    pub kpis: BTreeMap<String, Value>,
}

/// A row the reader could not name: a segment if it sums to revenue with the others of
/// its source, reported otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct LooseRow {
    /// The label as written.
    pub label: String,
    /// Where the row is (`7:1`, `Sheet1!A7`), for the warning.
    pub place: String,
    /// Values by year, in whole currency units.
    pub values: BTreeMap<i32, Value>,
}

/// Everything one source gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Partial {
    /// The file's name, as notes and warnings cite it.
    pub source: String,
    /// What kind of source ("SEC companyfacts", "CSV", "XLSX workbook, sheet Income").
    pub kind: String,
    /// Accounting basis, when the source says ("GAAP", "IFRS").
    pub basis: Option<String>,
    /// A citation (URL) for the source.
    pub citation: Option<String>,
    /// Company name.
    pub company: Option<String>,
    /// Ticker symbol, as the source gives it (companyfacts has none; a CSV may).
    pub ticker: Option<String>,
    /// ISO currency code.
    pub currency: Option<String>,
    /// The scale the dataset should use, when this source decides it (a table's own
    /// units cell; the readable scale of companyfacts). The first source's wins.
    pub scale: Option<crate::model::dataset::Scale>,
    /// Fiscal-year note ("Fiscal year ends 31 January").
    pub fiscal_year: Option<String>,
    /// Figures by year.
    pub years: BTreeMap<i32, PartialYear>,
    /// Segments in order of first appearance.
    pub segment_order: Vec<String>,
    /// KPIs in order of first appearance, with their kind.
    pub kpi_kinds: Vec<(String, KpiKind)>,
    /// Rows not yet named.
    pub loose: Vec<LooseRow>,
    /// What the reader noticed (already prefixed with file and place).
    pub warnings: Vec<String>,
    /// The source cannot have segments (companyfacts): the dataset says so.
    pub segments_not_in_source: bool,
}

impl Partial {
    /// The largest revenue of any year, in absolute value (0 without any): what the
    /// dataset's readable scale is chosen from.
    pub fn largest_revenue(&self) -> f64 {
        self.years
            .values()
            .filter_map(|y| y.figures.get(&Figure::Revenue))
            .map(|v| v.amount.abs())
            .fold(0.0, f64::max)
    }

    /// Records a segment value, declaring the segment on first sight.
    pub fn add_segment(&mut self, year: i32, name: &str, v: Value) {
        if !self.segment_order.iter().any(|s| s == name) {
            self.segment_order.push(name.to_owned());
        }
        self.years
            .entry(year)
            .or_default()
            .segments
            .insert(name.to_owned(), v);
    }

    /// Records a KPI value, declaring the KPI on first sight.
    pub fn add_kpi(&mut self, year: i32, name: &str, kind: KpiKind, v: Value) {
        if !self.kpi_kinds.iter().any(|(n, _)| n == name) {
            self.kpi_kinds.push((name.to_owned(), kind));
        }
        self.years
            .entry(year)
            .or_default()
            .kpis
            .insert(name.to_owned(), v);
    }
}

/// Puts `new` into `slot`: fills a gap, agrees silently, or wins a disagreement with a
/// warning naming both values and both sources.
fn put<K: Ord>(
    slot: &mut BTreeMap<K, Value>,
    key: K,
    new: Value,
    what: impl FnOnce() -> String,
    warnings: &mut Vec<String>,
) {
    match slot.get(&key) {
        None => {
            slot.insert(key, new);
        }
        Some(old) => {
            let scale = old.amount.abs().max(new.amount.abs());
            if (old.amount - new.amount).abs() > AGREE_TOLERANCE * scale {
                warnings.push(format!(
                    "{}: {} gives {} but {} gives {}; using {} (the later source)",
                    what(),
                    old.source,
                    number(old.amount),
                    new.source,
                    number(new.amount),
                    new.source
                ));
            }
            slot.insert(key, new);
        }
    }
}

/// A value as a warning quotes it: whole units with thousands separators.
pub fn number(v: f64) -> String {
    let rounded = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in rounded.chars().enumerate() {
        if i > 0 && (rounded.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 && rounded != "0" {
        format!("-{out}")
    } else {
        out
    }
}

/// Merges `next` into `acc` (sources in the order given: later fills gaps and wins
/// disagreements, with a warning).
pub fn merge(acc: &mut Partial, next: Partial, warnings: &mut Vec<String>) {
    for (year, py) in next.years {
        let into = acc.years.entry(year).or_default();
        for (f, v) in py.figures {
            put(
                &mut into.figures,
                f,
                v,
                || format!("{year} {}", f.label().to_lowercase()),
                warnings,
            );
        }
        for (name, v) in py.segments {
            let label = name.clone();
            put(
                &mut into.segments,
                name,
                v,
                || format!("{year} segment \"{label}\""),
                warnings,
            );
        }
        for (name, v) in py.kpis {
            let label = name.clone();
            put(
                &mut into.kpis,
                name,
                v,
                || format!("{year} KPI \"{label}\""),
                warnings,
            );
        }
    }
    for s in next.segment_order {
        if !acc.segment_order.contains(&s) {
            acc.segment_order.push(s);
        }
    }
    for (k, kind) in next.kpi_kinds {
        if !acc.kpi_kinds.iter().any(|(n, _)| *n == k) {
            acc.kpi_kinds.push((k, kind));
        }
    }
    acc.loose.extend(next.loose);
    acc.company = acc.company.take().or(next.company);
    acc.scale = acc.scale.take().or(next.scale);
    acc.ticker = acc.ticker.take().or(next.ticker);
    acc.fiscal_year = acc.fiscal_year.take().or(next.fiscal_year);
    acc.citation = acc.citation.take().or(next.citation);
    acc.basis = acc.basis.take().or(next.basis);
    acc.segments_not_in_source |= next.segments_not_in_source;
}

/// Names the loose rows: those of one source that sum to revenue in every year they have
/// values (two rows or more, within rounding) become segments; the rest are reported with
/// the way to name them.
pub fn classify_loose(acc: &mut Partial, warnings: &mut Vec<String>) {
    let loose = std::mem::take(&mut acc.loose);
    let mut by_source: Vec<(String, Vec<LooseRow>)> = Vec::new();
    for row in loose {
        let src = row.values.values().next().map(|v| v.source.clone());
        let src = src.unwrap_or_default();
        match by_source.iter_mut().find(|(s, _)| *s == src) {
            Some((_, rows)) => rows.push(row),
            None => by_source.push((src, vec![row])),
        }
    }
    for (src, rows) in by_source {
        let mismatch = if rows.len() >= 2 {
            sum_mismatch(acc, &rows)
        } else {
            Some("it is the only unnamed row, so it cannot be a segment split".to_owned())
        };
        for row in rows {
            match &mismatch {
                None => {
                    for (year, v) in row.values {
                        acc.add_segment(year, &row.label, v);
                    }
                }
                Some(why) => warnings.push(format!(
                    "{src}:{}: \"{}\" was not imported: it is not a line item moneymap knows, \
                     and {why}; to import it, start its label with `Segment:` or `KPI:` (or \
                     rename it to a standard item such as Revenue)",
                    row.place, row.label
                )),
            }
        }
    }
}

/// Relative gap within which unnamed rows sum to revenue (rounding in a table in
/// millions against exact totals stays far below).
pub const SEGMENT_SUM_TOLERANCE: f64 = 0.005;

/// `None` when `rows` sum to revenue in every year where any of them has a value;
/// otherwise the first year that fails, in words.
fn sum_mismatch(acc: &Partial, rows: &[LooseRow]) -> Option<String> {
    let mut years: Vec<i32> = rows.iter().flat_map(|r| r.values.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    for y in years {
        let sum: f64 = rows
            .iter()
            .filter_map(|r| r.values.get(&y))
            .map(|v| v.amount)
            .sum();
        let Some(revenue) = acc
            .years
            .get(&y)
            .and_then(|py| py.figures.get(&Figure::Revenue))
        else {
            return Some(format!(
                "no source gives {y} revenue to check the unnamed rows against"
            ));
        };
        if (sum - revenue.amount).abs() > SEGMENT_SUM_TOLERANCE * revenue.amount.abs() {
            return Some(format!(
                "the unnamed rows do not sum to revenue ({y}: {} against {})",
                number(sum),
                number(revenue.amount)
            ));
        }
    }
    None
}
