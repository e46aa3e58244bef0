//! Import errors: which file, where in it (`row:column` for CSV, a cell reference for
//! workbooks, a JSON path or `line:column` for companyfacts), and what is wrong with
//! the fix where there is one. Displayed as `FILE:PLACE: message`, like dataset errors.

use std::fmt;
use std::path::PathBuf;

use crate::model::LoadError;

/// What is wrong with a source that cannot be imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportErrorKind {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// Larger than [`super::MAX_SOURCE_BYTES`]: refused before reading.
    #[error("the file is {size} bytes; imports are limited to {limit} bytes")]
    TooLarge {
        /// Size of the source, in bytes.
        size: u64,
        /// Largest source the importer reads, in bytes, so a stray file cannot exhaust memory.
        limit: u64,
    },
    /// Nothing in the file.
    #[error("the file is empty")]
    Empty,
    /// Not JSON, CSV or a workbook.
    #[error("not a format moneymap imports: expected SEC companyfacts JSON, CSV, XLSX or ODS")]
    UnknownFormat,
    /// JSON syntax or a value of the wrong type.
    #[error("{0}")]
    Json(String),
    /// JSON, but not one company's companyfacts.
    #[error(
        "JSON, but not SEC companyfacts: {0} (expected `facts` with `us-gaap` or `ifrs-full` concepts)"
    )]
    NotCompanyFacts(String),
    /// No full-year revenue in any annual filing.
    #[error(
        "no annual revenue: no full-year (350-380 day) {concepts} fact in a 10-K, 20-F or 40-F"
    )]
    NoAnnualRevenue {
        /// The concepts looked for.
        concepts: String,
    },
    /// Figures in more than one currency.
    #[error(
        "mixed currencies: {first} and {second}; a dataset keeps one currency (import each currency's figures separately)"
    )]
    MixedCurrencies {
        /// The first currency met.
        first: String,
        /// Another one.
        second: String,
    },
    /// No sheet of a workbook has a year header (the first was read, then the others).
    #[error(
        "no year header in sheet \"{sheet}\" (the first), nor in any other sheet; name the sheet with the figures with --sheet: {others}"
    )]
    NotThisSheet {
        /// The sheet read.
        sheet: String,
        /// The other sheets.
        others: String,
    },
    /// A table without a row of years.
    #[error(
        "no year header: put the years (2023, 2024 or FY2024) in one row above the figures, or use the tidy layout (company, year, metric, value)"
    )]
    NoYearHeader,
    /// A row with cells beyond the header.
    #[error("row has {cells} cells but the header has {header}: a value here has no year above it")]
    Ragged {
        /// Cells in the row.
        cells: usize,
        /// Cells in the header.
        header: usize,
    },
    /// A tidy-layout row with fewer cells than its header.
    #[error(
        "row has {cells} cells but the header has {header}: fill in the missing cells (leave a cell empty between commas if its value is unknown)"
    )]
    TooFewCells {
        /// Cells in the row.
        cells: usize,
        /// Cells in the header.
        header: usize,
    },
    /// A tidy-layout row with a value beyond its header.
    #[error(
        "row has {cells} cells but the header has {header}: this cell has no column name above it; remove it or name its column"
    )]
    TooManyCells {
        /// Cells in the row.
        cells: usize,
        /// Cells in the header.
        header: usize,
    },
    /// A cell that should be a number and is not.
    #[error(
        "cannot read \"{0}\" as a number: write digits such as 1,234.5 or (4,943), or leave the cell blank"
    )]
    BadNumber(String),
    /// A year cell (tidy layout) that is not a year.
    #[error("\"{0}\" is not a year (1800 to 2200)")]
    BadYear(String),
    /// The tidy layout lacks a column.
    #[error("the tidy layout needs a `{0}` column (company, year, metric, value, unit)")]
    MissingColumn(&'static str),
    /// A tidy file with several companies.
    #[error("rows for more than one company ({0}); import one company at a time")]
    SeveralCompanies(String),
    /// A workbook with no sheets.
    #[error("the workbook has no sheets")]
    NoSheets,
    /// `--sheet` names no sheet.
    #[error("no sheet named \"{name}\"; the sheets are: {sheets}")]
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The sheets there are.
        sheets: String,
    },
    /// A zip archive that is not the workbook its content claims.
    #[error("a zip archive, but not an XLSX or ODS workbook ({0})")]
    NotAWorkbook(String),
    /// A workbook whose parts decompress to more than the limit.
    #[error(
        "the workbook unpacks to more than {limit} bytes (a zip bomb, or far more data than a company's figures); refused"
    )]
    ZipBomb {
        /// Most bytes the workbook may unpack to, in bytes.
        limit: u64,
    },
    /// The workbook reader failed.
    #[error("cannot read the workbook: {0}")]
    Workbook(String),
    /// No source gives a currency.
    #[error(
        "no currency: add a units cell such as \"USD millions\" or \"SEK thousands\" above the years"
    )]
    NoCurrency,
    /// No source gives revenue for any year.
    #[error(
        "no revenue in any year: a row named Revenue, Net sales or Total revenue (or a companyfacts file) is needed"
    )]
    NoRevenue,
    /// A unit cell that is not a unit moneymap reads (issue 21).
    #[error(
        "unit `{0}` not understood: use e.g. USD millions, USD m, $000s, EUR '000, USD bn, % or count"
    )]
    UnitNotUnderstood(String),
    /// A percent or count unit on a figure that is money.
    #[error("{metric} is money, but its unit is `{unit}`: give it a currency unit such as USD m")]
    NotMoneyUnit {
        /// The metric as written.
        metric: String,
        /// The unit as written.
        unit: String,
    },
    /// One KPI in two kinds of unit, which cannot be converted.
    #[error(
        "KPI \"{metric}\" is {first:?} in an earlier row and {second:?} here: one metric keeps one kind of unit"
    )]
    MixedUnits {
        /// The KPI.
        metric: String,
        /// Its kind in its first row.
        first: crate::model::KpiKind,
        /// Its kind here.
        second: crate::model::KpiKind,
    },
    /// Two units cells of one statement that say different things.
    #[error(
        "units cell `{unit}` disagrees with {first}: a statement has one unit; remove one of them"
    )]
    ConflictingUnits {
        /// This cell's text.
        unit: String,
        /// The first units cell and its place ("`USD m` at 2:1").
        first: String,
    },
    /// A money row without a scale while another gives one.
    #[error(
        "no scale for this money row, while {other} says `{unit}`: give every money row its unit (whole currency units are assumed only when no row gives a scale)"
    )]
    UnitMissing {
        /// The place of the row that gives a scale.
        other: String,
        /// Its unit.
        unit: String,
    },
    /// A revenue below zero, refused at its cell or fact as the dataset refuses it at its
    /// line (issue 26).
    #[error("revenue must be zero or more: {year} revenue is {written}")]
    NegativeRevenue {
        /// The year.
        year: i32,
        /// The value as the source wrote it, with its unit.
        written: String,
    },
    /// A value no real company could report (the model's bounds).
    #[error("{0}")]
    Implausible(crate::model::plausible::Implausible),
    /// The merged dataset does not validate.
    #[error("the imported dataset does not load: {0}")]
    Dataset(Box<LoadError>),
}

/// A source that cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// The source file (or the name given for in-memory bytes).
    pub file: PathBuf,
    /// Where in it: `7:3` (CSV row:column), `Sheet1!C7`, a JSON path, or nothing.
    pub place: Option<String>,
    /// What is wrong.
    pub kind: ImportErrorKind,
}

impl ImportError {
    /// An error at a place in `file`.
    pub fn at(file: impl Into<PathBuf>, place: impl Into<String>, kind: ImportErrorKind) -> Self {
        Self {
            file: file.into(),
            place: Some(place.into()),
            kind,
        }
    }

    /// An error about `file` as a whole.
    pub fn whole(file: impl Into<PathBuf>, kind: ImportErrorKind) -> Self {
        Self {
            file: file.into(),
            place: None,
            kind,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(p) => write!(f, "{}:{p}: {}", self.file.display(), self.kind),
            None => write!(f, "{}: {}", self.file.display(), self.kind),
        }
    }
}

impl std::error::Error for ImportError {}
