//! The saved-scenario file format (`*.scenario.ron`): a scenario plus the company and
//! segments it was made for, so it can be refused against another dataset.
//!
//! Files saved before cost structures existed still load: `pin_operating_margin` is
//! optional (off), and an `FcfMargin` saved for a dataset that now has a cost structure
//! becomes the equivalent `FcfLessOperating` (same FCF margin in the first projected
//! year).

use serde::{Deserialize, Serialize};

use super::{Engine, MAX_HORIZON, Scenario, clamp_lever, trend};
use crate::fs::WriteError;
use crate::model::dataset::{Dataset, Lever};
use crate::model::metrics::Metrics;

/// A scenario saved to a file: names its dataset so it can be refused against another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedScenario {
    /// Company of the dataset it was made for.
    pub company: String,
    /// Segment names of that dataset.
    #[serde(default)]
    pub segments: Vec<String>,
    /// The scenario read, checked against the dataset.
    pub scenario: Scenario,
}

/// Why a saved scenario cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    /// RON syntax or type error, with position.
    #[error("{0}")]
    Syntax(String),
    /// The scenario names segments the dataset does not have.
    #[error(
        "this scenario was saved for {company} and needs segment(s) {missing} that {dataset} does not have"
    )]
    MissingSegments {
        /// Company it was saved for.
        company: String,
        /// The dataset's company.
        dataset: String,
        /// The missing names, quoted and comma-separated.
        missing: String,
    },
    /// A lever the dataset cannot drive.
    #[error("lever `{0}` cannot be projected for this dataset (it has no figures for it)")]
    UnknownLever(String),
    /// A horizon out of range.
    #[error("horizon_years is {0}; it must be between 1 and {max}", max = MAX_HORIZON)]
    BadHorizon(u32),
    /// A value that is not a finite number.
    #[error("lever `{0}` has a value that is not a finite number")]
    NotFinite(String),
}

/// The RON text of a saved scenario for `dataset`.
pub fn to_ron(dataset: &Dataset, s: &Scenario) -> String {
    let saved = SavedScenario {
        company: dataset.company.clone(),
        segments: dataset.segments.iter().map(|s| s.name.clone()).collect(),
        scenario: s.clone(),
    };
    let pretty = ron::ser::PrettyConfig::new().depth_limit(4);
    ron::ser::to_string_pretty(&saved, pretty).unwrap_or_default()
}

/// Parses a saved scenario and checks it against `dataset` (and its trend, which says which
/// levers the dataset can drive).
pub fn from_ron(text: &str, dataset: &Dataset, m: &Metrics) -> Result<Scenario, ScenarioError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let saved: SavedScenario = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| ScenarioError::Syntax(e.to_string()))?;
    let missing: Vec<String> = saved
        .scenario
        .levers
        .keys()
        .filter_map(Lever::segment)
        .filter(|s| dataset.segment_index(s).is_none())
        .map(|s| format!("\"{s}\""))
        .collect();
    if !missing.is_empty() {
        return Err(ScenarioError::MissingSegments {
            company: saved.company,
            dataset: dataset.company.clone(),
            missing: missing.join(", "),
        });
    }
    let h = saved.scenario.horizon_years;
    if !(1..=MAX_HORIZON).contains(&h) {
        return Err(ScenarioError::BadHorizon(h));
    }
    let mut out = trend(dataset, m);
    out.name = saved.scenario.name;
    out.horizon_years = h;
    out.pin_operating_margin = saved.scenario.pin_operating_margin;
    let mut old_fcf_margin = None;
    let has_gap = out.levers.contains_key(&Lever::FcfLessOperating);
    for (lever, v) in saved.scenario.levers {
        if !v.is_finite() {
            return Err(ScenarioError::NotFinite(lever.label()));
        }
        match out.levers.get_mut(&lever) {
            Some(slot) => *slot = clamp_lever(&lever, v),
            None if lever == Lever::FcfMargin && has_gap => {
                old_fcf_margin = Some(v);
            }
            None => return Err(ScenarioError::UnknownLever(lever.label())),
        }
    }
    if let Some(fcf) = old_fcf_margin {
        carry_fcf_margin(dataset, m, &mut out, fcf);
    }
    Ok(out)
}

/// A scenario saved before the dataset had a cost structure holds an FCF margin; the
/// dataset now builds free cash flow as operating income plus `FcfLessOperating`. The
/// saved margin is kept by setting that gap to `fcf margin - operating margin` of the
/// scenario's first projected year, so its free cash flow projects as it did.
fn carry_fcf_margin(dataset: &Dataset, m: &Metrics, s: &mut Scenario, fcf_margin_pct: f64) {
    let Some(engine) = Engine::new(dataset, m, s) else {
        return;
    };
    let om = engine.operating_margin(&engine.drivers(&s.levers), 1);
    if let (Some(om), Some(slot)) = (om, s.levers.get_mut(&Lever::FcfLessOperating)) {
        *slot = clamp_lever(&Lever::FcfLessOperating, fcf_margin_pct - om * 100.0);
    }
}

/// Largest scenario file read, in bytes: a scenario is a few hundred bytes.
pub const MAX_SCENARIO_BYTES: u64 = 1024 * 1024;

/// Why a scenario file could not be read or used.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioFileError {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// The file is far larger than any scenario.
    #[error("the file is {0} bytes; a scenario is a few hundred bytes (at most 1 MiB)")]
    TooLarge(u64),
    /// The text is not a usable scenario for this dataset.
    #[error(transparent)]
    Invalid(#[from] ScenarioError),
}

/// Reads a saved scenario (at most [`MAX_SCENARIO_BYTES`]) and checks it against `dataset`.
pub fn read_file(
    path: &std::path::Path,
    dataset: &Dataset,
    m: &Metrics,
) -> Result<Scenario, ScenarioFileError> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_SCENARIO_BYTES {
        return Err(ScenarioFileError::TooLarge(size));
    }
    let text = std::fs::read_to_string(path)?;
    Ok(from_ron(&text, dataset, m)?)
}

/// Writes a saved scenario (`*.scenario.ron`) atomically. Refuses any other name, and
/// any existing file that loads as a dataset: moneymap never overwrites data.
pub fn write_file(path: &std::path::Path, text: &str) -> Result<(), WriteError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !name.ends_with(SCENARIO_SUFFIX) {
        return Err(WriteError::Dataset(path.to_path_buf()));
    }
    if path.is_file() && crate::model::load(path).is_ok() {
        return Err(WriteError::Dataset(path.to_path_buf()));
    }
    crate::fs::write_own_file(path, text.as_bytes())
}

/// The file-name ending of saved scenarios.
pub const SCENARIO_SUFFIX: &str = ".scenario.ron";
