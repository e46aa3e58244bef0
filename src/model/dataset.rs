//! The dataset: one company, year by year, exactly as a user writes it in a RON file.
//!
//! These types are both the file format (they derive `Deserialize`, with
//! `deny_unknown_fields` so a misspelt field is an error, not silently ignored) and the
//! in-memory model every view reads. [`crate::model::load`] turns text into a validated
//! [`Dataset`]: years sorted, numbers finite, every name resolved.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::figure::Figure;
pub use super::lever::{Lever, OperatingModel, StatedRange};

/// The multiplier shared by every money figure in a file, so users can type `4.46`
/// instead of `4460000000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Scale {
    /// Figures are in whole currency units.
    Units,
    /// Figures are in thousands.
    Thousands,
    /// Figures are in millions.
    #[default]
    Millions,
    /// Figures are in billions.
    Billions,
}

impl Scale {
    /// How many currency units one figure of this scale stands for.
    pub fn factor(self) -> f64 {
        match self {
            Scale::Units => 1.0,
            Scale::Thousands => 1e3,
            Scale::Millions => 1e6,
            Scale::Billions => 1e9,
        }
    }

    /// The word used in headers ("USD billions").
    pub fn word(self) -> &'static str {
        match self {
            Scale::Units => "units",
            Scale::Thousands => "thousands",
            Scale::Millions => "millions",
            Scale::Billions => "billions",
        }
    }
}

/// Where the figures come from, so a chart can say what it shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the document the figures come from.
    pub title: String,
    /// URL or citation.
    #[serde(default)]
    pub citation: Option<String>,
    /// When the source was published or read, free text ("2025-02-13").
    #[serde(default)]
    pub date: Option<String>,
    /// Accounting basis: "GAAP", "non-GAAP", "as stated in the article"...
    pub basis: String,
}

/// A product line inside a segment (e.g. Programmable Messaging under Communications).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductLine {
    /// Display name.
    pub name: String,
    /// One-line description.
    #[serde(default)]
    pub description: String,
}

/// A reported business segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Display name; years refer to the segment by this name.
    pub name: String,
    /// One-line description, shown when hovering the legend.
    #[serde(default)]
    pub description: String,
    /// Optional product lines.
    #[serde(default)]
    pub product_lines: Vec<ProductLine>,
}

/// How an extra KPI's value is to be read and formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KpiKind {
    /// A money amount in the dataset's currency and scale.
    Money,
    /// A percentage written as a number of percent (`105` for 105%).
    Percent,
    /// A plain count (customers, employees...).
    Count,
}

/// A named extra KPI for one year (e.g. dollar-based net expansion 105%).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// Display name; the same name across years makes one series.
    pub name: String,
    /// How to read the value.
    pub kind: KpiKind,
    /// The value (percent as a number of percent).
    pub value: f64,
    /// Optional note (definition, source, caveat).
    #[serde(default)]
    pub note: Option<String>,
}

/// One fiscal year of figures, all in the dataset's currency and scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Year {
    /// The fiscal year.
    pub year: i32,
    /// Total revenue (required).
    pub revenue: f64,
    /// Revenue per segment, keyed by segment name; any subset of the declared segments.
    #[serde(default)]
    pub segments: BTreeMap<String, f64>,
    /// Gross profit.
    #[serde(default)]
    pub gross_profit: Option<f64>,
    /// Operating income (negative for a loss).
    #[serde(default)]
    pub operating_income: Option<f64>,
    /// Net income (negative for a loss).
    #[serde(default)]
    pub net_income: Option<f64>,
    /// Free cash flow. When absent and both `operating_cash_flow` and `capex` are given,
    /// validation derives it as operating cash flow minus capex (and sets `fcf_derived`).
    #[serde(default)]
    pub free_cash_flow: Option<f64>,
    /// Cash from operating activities, so free cash flow can be derived and checked.
    #[serde(default)]
    pub operating_cash_flow: Option<f64>,
    /// Capital expenditure as a positive amount (cash spent on property and equipment).
    #[serde(default)]
    pub capex: Option<f64>,
    /// The year's segment split is not disclosed (early years, or a split not yet
    /// published): said once instead of one "missing segment" warning per segment.
    #[serde(default)]
    pub no_segment_split: bool,
    /// Whether `free_cash_flow` was derived from `operating_cash_flow - capex` on
    /// loading rather than written in the file (tables and hovers say "derived").
    #[serde(skip)]
    pub fcf_derived: bool,
    /// Extra KPIs.
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    /// Notes on single figures, keyed by figure name (`operating_income`, a segment or KPI name).
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
}

impl Year {
    /// A year with its revenue and nothing else, for code that builds datasets (the
    /// importers, fallbacks, tests).
    pub fn new(year: i32, revenue: f64) -> Self {
        Self {
            year,
            revenue,
            segments: BTreeMap::new(),
            gross_profit: None,
            operating_income: None,
            net_income: None,
            free_cash_flow: None,
            operating_cash_flow: None,
            capex: None,
            no_segment_split: false,
            fcf_derived: false,
            kpis: Vec::new(),
            notes: BTreeMap::new(),
        }
    }

    /// The value of a named standard figure, for generic code (tables, warnings).
    pub fn figure(&self, figure: Figure) -> Option<f64> {
        match figure {
            Figure::Revenue => Some(self.revenue),
            Figure::GrossProfit => self.gross_profit,
            Figure::OperatingIncome => self.operating_income,
            Figure::NetIncome => self.net_income,
            Figure::OperatingCashFlow => self.operating_cash_flow,
            Figure::Capex => self.capex,
            Figure::FreeCashFlow => self.free_cash_flow,
        }
    }

    /// A mutable handle on a named standard figure (revenue is always present, so it is
    /// not offered here), for code that fills years field by field (the importers).
    pub fn optional_figure_mut(&mut self, figure: Figure) -> Option<&mut Option<f64>> {
        match figure {
            Figure::Revenue => None,
            Figure::GrossProfit => Some(&mut self.gross_profit),
            Figure::OperatingIncome => Some(&mut self.operating_income),
            Figure::NetIncome => Some(&mut self.net_income),
            Figure::OperatingCashFlow => Some(&mut self.operating_cash_flow),
            Figure::Capex => Some(&mut self.capex),
            Figure::FreeCashFlow => Some(&mut self.free_cash_flow),
        }
    }

    /// The KPI of this name, if the year has it.
    pub fn kpi(&self, name: &str) -> Option<&Kpi> {
        self.kpis.iter().find(|k| k.name == name)
    }
}

/// Market capitalisation at a date, for the revenue multiple.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketCap {
    /// Value in the dataset's currency and scale.
    pub value: f64,
    /// Free-text date ("2025-02").
    pub as_of: String,
    /// Cash minus debt at that date (negative for net debt), same units: the valuation
    /// adds it to the enterprise value of the cash flows to compare with the market cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_cash: Option<f64>,
}

/// One "what to watch" item: why a user should care, and which levers express it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchItem {
    /// Short title.
    pub title: String,
    /// The explanation, a paragraph.
    #[serde(default)]
    pub explanation: String,
    /// Levers this item drives (shown beside it).
    #[serde(default)]
    pub levers: Vec<Lever>,
    /// Ranges the item states for some of its levers (for the fan of outcomes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<StatedRange>,
}

/// A lever value set by a preset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverValue {
    /// The lever the preset sets.
    pub lever: Lever,
    /// Its value, in the lever's unit.
    pub value: f64,
}

/// A named scenario preset (Bear / Base / Bull...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// Display name.
    pub name: String,
    /// Optional one-line description.
    #[serde(default)]
    pub description: String,
    /// Projection horizon in years, if the preset sets one.
    #[serde(default)]
    pub horizon_years: Option<u32>,
    /// Lever values; levers not listed keep their trend value.
    #[serde(default)]
    pub levers: Vec<LeverValue>,
}

/// A whole dataset file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Company name.
    pub company: String,
    /// Stock ticker.
    #[serde(default)]
    pub ticker: Option<String>,
    /// ISO currency code: USD, SEK, EUR...
    pub currency: String,
    /// Scale of every money figure in the file.
    pub scale: Scale,
    /// Fiscal-year note ("fiscal year ends 31 January").
    #[serde(default)]
    pub fiscal_year: Option<String>,
    /// Where the figures come from.
    pub source: Source,
    /// Declared segments, in display order.
    #[serde(default)]
    pub segments: Vec<Segment>,
    /// The years (any order in the file; sorted ascending after loading).
    pub years: Vec<Year>,
    /// Market capitalisation.
    #[serde(default)]
    pub market_cap: Option<MarketCap>,
    /// Names of competitors, kept with the data for the reader (no chart draws them).
    #[serde(default)]
    pub competitors: Vec<String>,
    /// "What to watch" items.
    #[serde(default)]
    pub watch: Vec<WatchItem>,
    /// Scenario presets.
    #[serde(default)]
    pub presets: Vec<Preset>,
    /// How projected operating income is built (opt-in cost structure; see
    /// `datasets/README.md`). Left out, the operating margin is a lever of its own.
    #[serde(default, skip_serializing_if = "OperatingModel::is_default")]
    pub operating_model: OperatingModel,
    /// What the importer warned about when it wrote this file ("revenue concept changes
    /// between 2019 and 2020 ..."), kept so `moneymap check` and the warnings badge still
    /// list it after the import window is gone (issue 26). Left out, there are none:
    /// hand-written and older files load unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub import_warnings: Vec<String>,
}

impl Dataset {
    /// "USD billions": how every figure should be read.
    pub fn units_label(&self) -> String {
        format!("{} {}", self.currency, self.scale.word())
    }

    /// First and last year, e.g. `(2023, 2024)`. Validation guarantees at least one year.
    pub fn year_span(&self) -> (i32, i32) {
        let first = self.years.first().map_or(0, |y| y.year);
        let last = self.years.last().map_or(0, |y| y.year);
        (first, last)
    }

    /// Whether any year carries a segment split.
    pub fn has_segment_split(&self) -> bool {
        !self.segments.is_empty() && self.years.iter().any(|y| !y.segments.is_empty())
    }

    /// Names of every extra KPI, in order of first appearance.
    pub fn kpi_names(&self) -> Vec<(String, KpiKind)> {
        let mut seen = std::collections::HashSet::new();
        let mut names: Vec<(String, KpiKind)> = Vec::new();
        for y in &self.years {
            for (i, k) in y.kpis.iter().enumerate() {
                // Same name at the same position as an earlier year: already listed.
                if names.get(i).is_some_and(|(n, _)| *n == k.name) {
                    continue;
                }
                if seen.insert(k.name.as_str()) {
                    names.push((k.name.clone(), k.kind));
                }
            }
        }
        names
    }

    /// The index of a segment by name.
    pub fn segment_index(&self, name: &str) -> Option<usize> {
        self.segments.iter().position(|s| s.name == name)
    }

    /// The latest year.
    pub fn latest(&self) -> Option<&Year> {
        self.years.last()
    }

    /// Whether the latest year (by year number, so it holds before sorting too) carries a
    /// segment split. The projection grows segments when it does and total revenue when
    /// it does not, so this decides which growth levers can move anything: validation
    /// and the scenario model both ask here, so they cannot disagree.
    pub fn last_year_has_split(&self) -> bool {
        !self.segments.is_empty()
            && self
                .years
                .iter()
                .max_by_key(|y| y.year)
                .is_some_and(|y| !y.segments.is_empty())
    }
}
