//! The scenario vocabulary of the dataset format: levers, how operating income is built
//! (`operating_model`, an opt-in), and the ranges a watch item may state for the fan.
//!
//! These are file-format types (they derive `Deserialize`, read by `ron`), kept apart from `dataset.rs` so the year-by-year figures and the scenario
//! assumptions can grow independently. `dataset.rs` re-exports them, so
//! `model::dataset::Lever` still names the lever.

use serde::{Deserialize, Serialize};

/// A scenario lever: one assumption the "what to watch" panel lets a user move.
///
/// The vocabulary is deliberately small; every lever's unit is fixed:
/// growth levers are percent per year, margins and cost shares are percent of revenue,
/// the operating-margin lever is percentage points per year. The variant order is the
/// order sliders and tables list them in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lever {
    /// Annual revenue growth of the named segment, % per year.
    SegmentGrowth(String),
    /// Annual growth of revenue not allocated to any segment, % per year. Its trend is the
    /// allocated segments' combined growth, not its own year-on-year change.
    UnallocatedGrowth,
    /// Annual growth of total revenue, % per year (when the last year has no segment split).
    RevenueGrowth,
    /// Gross margin, % of revenue.
    GrossMargin,
    /// Operating expenses, % of revenue (only with `operating_model: CostStructure`).
    OperatingExpenses,
    /// Change in operating margin each projected year, percentage points per year.
    OperatingMarginChange,
    /// Net income as a share of operating income, %.
    NetToOperating,
    /// Free cash flow margin, % of revenue (the default operating model).
    FcfMargin,
    /// Free cash flow minus operating income, % of revenue: non-cash costs added back,
    /// capital spending and working capital taken off (only with `CostStructure`).
    FcfLessOperating,
}

impl Lever {
    /// Name of the segment the lever refers to, if any (validated against the declared segments).
    pub fn segment(&self) -> Option<&str> {
        match self {
            Lever::SegmentGrowth(s) => Some(s),
            _ => None,
        }
    }

    /// Human label, e.g. "Communications growth".
    pub fn label(&self) -> String {
        match self {
            Lever::SegmentGrowth(s) => format!("{s} growth"),
            Lever::UnallocatedGrowth => "Unallocated revenue growth".to_owned(),
            Lever::RevenueGrowth => "Revenue growth".to_owned(),
            Lever::GrossMargin => "Gross margin".to_owned(),
            Lever::OperatingExpenses => "Operating expenses".to_owned(),
            Lever::OperatingMarginChange => "Operating margin change".to_owned(),
            Lever::NetToOperating => "Net income / operating income".to_owned(),
            Lever::FcfMargin => "FCF margin".to_owned(),
            Lever::FcfLessOperating => "FCF less operating income".to_owned(),
        }
    }

    /// Unit of the lever's value.
    pub fn unit(&self) -> &'static str {
        match self {
            Lever::OperatingMarginChange => "pp/yr",
            Lever::SegmentGrowth(_) | Lever::UnallocatedGrowth | Lever::RevenueGrowth => "%/yr",
            Lever::GrossMargin
            | Lever::OperatingExpenses
            | Lever::NetToOperating
            | Lever::FcfMargin
            | Lever::FcfLessOperating => "%",
        }
    }

    /// Whether the lever is a growth rate (of a segment, the remainder or the total).
    pub fn is_growth(&self) -> bool {
        matches!(
            self,
            Lever::SegmentGrowth(_) | Lever::UnallocatedGrowth | Lever::RevenueGrowth
        )
    }

    /// One or two sentences saying what the lever moves and what its trend is, for a
    /// hover or a help line (the trend's value and its years come from
    /// `scenario::trend_basis`).
    pub fn description(&self) -> &'static str {
        match self {
            Lever::SegmentGrowth(_) => {
                "Revenue growth of this segment each projected year. Trend: its last \
                 year-on-year growth."
            }
            Lever::UnallocatedGrowth => {
                "Revenue the segments do not account for. Trend: it grows with the allocated \
                 segments (their combined last growth), not with its own year-on-year change, \
                 which only reflects figures that do not add up."
            }
            Lever::RevenueGrowth => {
                "Growth of total revenue each projected year (the last year has no segment \
                 split). Trend: the last year-on-year growth."
            }
            Lever::GrossMargin => {
                "Gross profit as a share of revenue. With a cost structure it also moves \
                 operating income, net income, free cash flow and the value."
            }
            Lever::OperatingExpenses => {
                "Operating expenses as a share of revenue: operating income = gross profit - \
                 operating expenses. Trend: the last year's share, held."
            }
            Lever::OperatingMarginChange => {
                "Change of the operating margin each projected year, from the last year's \
                 margin. Trend: no change."
            }
            Lever::NetToOperating => {
                "Net income as a share of operating income (interest, taxes, other items). \
                 Trend: the last year's share."
            }
            Lever::FcfMargin => {
                "Free cash flow as a share of revenue. Trend: the last year's margin, held."
            }
            Lever::FcfLessOperating => {
                "Free cash flow minus operating income, as a share of revenue: non-cash \
                 costs added back, capital spending and working capital taken off. Free \
                 cash flow = operating income + this share of revenue. Trend: the last \
                 year's gap, held."
            }
        }
    }
}

/// How projected operating income is built. A dataset opts in to the cost structure;
/// without the field it projects exactly as datasets always have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum OperatingModel {
    /// The operating margin is a lever of its own (`OperatingMarginChange`) and free cash
    /// flow has its own margin (`FcfMargin`): gross margin moves gross profit only.
    #[default]
    MarginLevers,
    /// Operating income = gross profit - operating expenses (`OperatingExpenses`, a share of
    /// revenue), and free cash flow = operating income + `FcfLessOperating` x revenue, so
    /// a gross-margin move reaches operating income, net income, free cash flow and the
    /// value. A scenario may still pin the operating margin instead.
    CostStructure,
}

impl OperatingModel {
    /// Whether this is the default (so a written dataset leaves the field out).
    pub fn is_default(&self) -> bool {
        *self == OperatingModel::default()
    }
}

/// The range a watch item states for one of its levers, for the fan of outcomes: what its
/// author thinks possible, in the lever's unit. The scenario's value is the most likely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedRange {
    /// The lever (one the item lists in `levers`).
    pub lever: Lever,
    /// Lowest value thought possible.
    pub low: f64,
    /// Highest value thought possible (not below `low`).
    pub high: f64,
}
