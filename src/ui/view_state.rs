//! The view state saved between runs: panel toggles, theme, recent files, export choices
//! and the last dataset's path. Data is never saved: it is re-read from its path.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::charts::theme::ThemeChoice;
use crate::charts::{revenue_growth, segment_mix};
use crate::model::scenario::Measure;
use crate::model::valuation::{DEFAULT_DISCOUNT_PCT, DEFAULT_TERMINAL_PCT};

/// How many recent files are remembered.
pub const RECENT_MAX: usize = 10;
/// Default export size in pixels.
pub const DEFAULT_EXPORT_SIZE: (u32, u32) = (1600, 900);
/// Default export pixel density.
pub const DEFAULT_EXPORT_SCALE: f32 = 2.0;

/// View state saved between runs. Unknown or missing fields fall back to defaults, so an
/// older or newer settings file still loads.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// Theme choice.
    pub theme: ThemeChoice,
    /// Last dataset opened from disk.
    pub last_path: Option<PathBuf>,
    /// The built-in example last opened, when it was opened after any file: what the
    /// next start opens.
    pub last_example: Option<String>,
    /// Segment-mix options.
    pub mix: segment_mix::Options,
    /// Revenue-growth options.
    pub growth: revenue_growth::Options,
    /// Series hidden in the segment mix.
    pub hidden_mix: BTreeSet<String>,
    /// Margins hidden in the margin chart.
    pub hidden_margins: BTreeSet<String>,
    /// Bottom-right tab.
    pub tab: Tab,
    /// Draw projected years in the charts.
    pub show_projection: bool,
    /// Export image size in pixels.
    pub export_size: (u32, u32),
    /// Export pixel density (see [`crate::render::SCALE_RANGE`]).
    pub export_scale: f32,
    /// Folder of the last export: where the export dialogs start (never the import
    /// folder).
    pub export_dir: Option<PathBuf>,
    /// Folder of the last file imported: where the Import dialog starts (never the
    /// export folder).
    pub import_dir: Option<PathBuf>,
    /// Recently opened files, newest first (at most [`RECENT_MAX`]).
    pub recent: Vec<PathBuf>,
    /// The folder of the last file or folder chosen in a dialog (where the next one
    /// starts when nothing closer applies).
    pub browse_dir: Option<PathBuf>,
    /// Draw the fan of outcomes (p10-p90 band and p50) on the revenue and FCF charts.
    pub show_fan: bool,
    /// The result the Scenario summary's tornado measures.
    pub tornado_measure: Measure,
    /// The valuation card's discount rate r, % per year.
    pub discount_pct: f64,
    /// The valuation card's terminal growth g_T, % per year.
    pub terminal_growth_pct: f64,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            last_path: None,
            last_example: None,
            mix: segment_mix::Options::default(),
            growth: revenue_growth::Options::default(),
            hidden_mix: BTreeSet::new(),
            hidden_margins: BTreeSet::new(),
            tab: Tab::Table,
            show_projection: true,
            export_size: DEFAULT_EXPORT_SIZE,
            export_scale: DEFAULT_EXPORT_SCALE,
            export_dir: None,
            import_dir: None,
            recent: Vec::new(),
            browse_dir: None,
            show_fan: true,
            tornado_measure: Measure::OperatingIncome,
            discount_pct: DEFAULT_DISCOUNT_PCT,
            terminal_growth_pct: DEFAULT_TERMINAL_PCT,
        }
    }
}

/// The tab in the bottom-right cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    /// Every figure by year.
    #[default]
    Table,
    /// Horizon summary and sensitivity of the scenario.
    Sensitivity,
}
