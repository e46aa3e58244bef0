//! Scenario projection: lever values -> projected years, a horizon summary, and a
//! sensitivity ranking (the tornado) for a result the user chooses.
//!
//! The formulas (also in the README), with `L` the last actual year, `R` revenue and
//! `t = 1..=H`:
//! - segment revenue `s(L+t) = s(L) * (1 + g_s)^t`; unallocated revenue likewise with its
//!   own growth (whose trend is the allocated segments' combined last growth); total
//!   revenue is their sum, or `R(L) * (1 + g)^t` when the last year has no segment split;
//! - gross profit `= gross margin * R`;
//! - operating income, by the dataset's [`OperatingModel`]:
//!   - `MarginLevers` (the default): `om(L+t) = om(L) + t * delta` (delta in percentage
//!     points per year), operating income `= om * R`;
//!   - `CostStructure`: operating income `= gross profit - opex share * R`, so a
//!     gross-margin move reaches everything below it; unless the scenario pins the
//!     operating margin ([`Scenario::pin_operating_margin`]), when the `MarginLevers`
//!     formula applies and operating expenses are what is left;
//! - net income `= operating income * net-to-operating share`;
//! - free cash flow `= FCF margin * R` (`MarginLevers`), or `= operating income +
//!   (FCF less operating) * R` (`CostStructure`).
//!
//! Defaults ("trend") continue the last actual year: each segment's last YoY growth,
//! the last margins and cost shares, no margin change ([`trend`], with
//! [`trend_basis`] saying where each value comes from). Pure and cheap: it runs on
//! every slider move.

mod engine;
mod history;
mod levers;
mod project;
pub mod saved;
mod sensitivity;
mod tornado;
mod trend;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dataset::{Dataset, Lever, OperatingModel};

pub use history::lever_history;
pub use levers::{
    DeadLever, LeverRange, clamp_lever, lever_in_use, lever_limits, lever_problem, lever_range,
    levers_in_use, slider_range, slider_range_for, unused_reason, usable_levers,
};
pub use project::{HorizonSummary, ProjectedYear, Projection, project};
pub use saved::{
    SCENARIO_SUFFIX, SavedScenario, ScenarioError, ScenarioFileError, from_ron, to_ron,
};
pub use sensitivity::{Sensitivity, sensitivity, sensitivity_by_projection};
pub use tornado::{Measure, Tornado, TornadoRow, tornado, tornado_by_projection};
pub use trend::{TrendBasis, from_preset, trend, trend_basis, trend_note};

pub(crate) use engine::{Engine, Slot};
pub(crate) use project::project_years;

/// Name of the scenario that continues the last actual year ("Reset to trend").
pub const TREND: &str = "Trend";
/// Name of a scenario whose levers the user moved by hand.
pub const CUSTOM: &str = "Custom";

/// Longest projection offered, in years.
pub const MAX_HORIZON: u32 = 10;
/// Default projection horizon, in years.
pub const DEFAULT_HORIZON: u32 = 3;

/// Growth used when a series has no usable history (one year, or a zero base), % per year.
pub(crate) const FALLBACK_GROWTH_PCT: f64 = 0.0;
/// Net-to-operating share used when the last year gives none (no positive operating income).
pub(crate) const FALLBACK_NET_TO_OPERATING_PCT: f64 = 75.0;

/// A set of lever values and a horizon: what the sliders hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Name of the preset it came from, or "Custom" / "Trend".
    pub name: String,
    /// Years projected after the last actual year, 1 to [`MAX_HORIZON`].
    pub horizon_years: u32,
    /// Value of each lever, in the lever's unit.
    pub levers: BTreeMap<Lever, f64>,
    /// With `operating_model: CostStructure`: keep the operating margin on its own lever
    /// (`OperatingMarginChange`) instead of building it from gross margin and operating
    /// expenses, so a gross-margin move stops at gross profit. Ignored by datasets
    /// without a cost structure (their operating margin is always its own lever).
    /// Left out of saved files when off, so older files read the same.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pin_operating_margin: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// How this dataset and scenario build operating income and free cash flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Operating margin and FCF margin are levers of their own (`MarginLevers`).
    Margins,
    /// Operating income = gross profit - operating expenses; FCF follows it.
    Costs,
    /// A cost structure with the operating margin pinned to its own lever; FCF still
    /// follows operating income.
    CostsPinned,
}

impl Basis {
    /// The basis of `scenario` on `dataset`.
    pub fn of(dataset: &Dataset, scenario: &Scenario) -> Basis {
        match (dataset.operating_model, scenario.pin_operating_margin) {
            (OperatingModel::MarginLevers, _) => Basis::Margins,
            (OperatingModel::CostStructure, false) => Basis::Costs,
            (OperatingModel::CostStructure, true) => Basis::CostsPinned,
        }
    }

    /// One line for a hover or the CLI: how operating income is built.
    pub fn describe(self) -> &'static str {
        match self {
            Basis::Margins => {
                "Operating margin and FCF margin are levers of their own; gross margin moves \
                 gross profit only."
            }
            Basis::Costs => {
                "Operating income = gross profit - operating expenses; free cash flow = \
                 operating income + (FCF less operating income): a gross-margin move reaches \
                 operating income, net income, free cash flow and the value."
            }
            Basis::CostsPinned => {
                "Operating margin pinned to its own lever; operating expenses are what is \
                 left of gross profit, and free cash flow follows operating income."
            }
        }
    }
}
