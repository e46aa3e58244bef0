//! What flows through the dashboard's loop, in three kinds:
//!
//! - [`Action`]: what a user asked for, returned by views while drawing;
//! - [`Task`]: work the window carries out off the UI thread (reading, dialogs,
//!   rendering, writing), queued by [`crate::ui::Dashboard::apply`];
//! - [`Event`]: what background work, the file watcher and the settings saver report
//!   back, applied by [`crate::ui::Dashboard::handle`], where their outcomes become
//!   words in the status line or the error panel (each with one writer).

use std::path::PathBuf;

use super::{Document, Scene};
use crate::charts::ChartKind;
use crate::charts::theme::ThemeChoice;
use crate::fs::WriteError;
use crate::import::ImportError;
use crate::model::scenario::{Scenario, ScenarioFileError};
use crate::model::{Lever, LoadError};
use crate::render::{FrameSpec, ImageFormat};

use super::Tab;
use super::export::ExportError;

/// What a view asks for; applied once per frame, outside drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Load this file (the current dataset stays if it fails).
    Open(PathBuf),
    /// Re-read the current file.
    Reload,
    /// Open a built-in example by file name.
    OpenExample(String),
    /// Choose a file to open.
    OpenDialog,
    /// Load a second dataset to compare with.
    Compare(PathBuf),
    /// Compare with a built-in example.
    CompareExample(String),
    /// Choose a file to compare with.
    CompareDialog,
    /// Stop comparing.
    ClearCompare,
    /// Choose a theme.
    SetTheme(ThemeChoice),
    /// Show/hide a segment-mix series.
    ToggleMixSeries(String),
    /// Show/hide a margin line.
    ToggleMargin(String),
    /// Absolute money or share of revenue.
    SetShare(bool),
    /// Per-segment growth lines on/off.
    SetSegmentLines(bool),
    /// Bottom-right tab.
    SetTab(Tab),
    /// Draw projected years or not.
    SetShowProjection(bool),
    /// Move a lever.
    SetLever(Lever, f64),
    /// Change the projection horizon.
    SetHorizon(u32),
    /// Apply a dataset preset by name.
    ApplyPreset(String),
    /// Back to the trend scenario.
    ResetScenario,
    /// Save the active scenario to a file (chosen in a dialog).
    SaveScenario,
    /// Load a saved scenario from a file (chosen in a dialog).
    LoadScenario,
    /// Show or hide the warnings list.
    ToggleWarnings,
    /// Dismiss the load error.
    DismissError,
    /// Export one chart (to a file chosen in a dialog, or to the clipboard).
    Export(ChartKind, ExportTarget),
    /// Export every chart, the dashboard and a CSV into a chosen folder.
    ExportAll,
    /// Export image size in pixels.
    SetExportSize(u32, u32),
    /// Export pixel density.
    SetExportScale(f32),
    /// A view's one-line explanation for the status line (e.g. what a legend entry is).
    Explain(String),
    /// Close the window.
    Quit,
    /// Draw the fan of outcomes or not.
    SetShowFan(bool),
    /// The result the tornado measures.
    SetTornadoMeasure(crate::model::scenario::Measure),
    /// The valuation card's discount rate and terminal growth, % per year.
    SetValuationRates {
        /// Discount rate r.
        discount_pct: f64,
        /// Terminal growth g_T.
        terminal_growth_pct: f64,
    },
    /// Pin the operating margin to its own lever (cost-structure datasets).
    SetPinOperatingMargin(bool),
    /// Files dropped on the window or named on the command line: a dataset (`.ron`)
    /// opens, anything else is imported as company data (merged in order).
    OpenFiles(Vec<PathBuf>),
    /// Choose company data (SEC companyfacts JSON, CSV, XLSX, ODS) to import.
    ImportDialog,
    /// Import these sources (merged in order) as an unsaved dataset.
    Import(Vec<PathBuf>),
    /// Save the imported dataset as a RON file (chosen in a dialog).
    SaveDataset,
    /// Choose one more source to merge into the unsaved import (after its sources).
    AddSourceDialog,
    /// Answer to "replace the existing file?" when saving a dataset.
    ConfirmReplace(bool),
    /// Open a Help window (Keyboard shortcuts, About), or close it.
    ShowHelp(Option<super::help::HelpWindow>),
}

/// Why a dataset file is read: it decides what the status line says afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadReason {
    /// Opened (menu, dialog, drop, command line, Recent).
    Open,
    /// Reloaded by the user (F5).
    Reload,
    /// Reloaded because it changed on disk.
    Changed,
    /// Read back after "Save as dataset..." wrote it.
    Saved,
}

/// Where an exported chart goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    /// A PNG file chosen in a save dialog.
    File,
    /// An SVG file chosen in a save dialog.
    SvgFile,
    /// The system clipboard.
    Clipboard,
}

/// Why a file dialog is shown: what happens with the path the user picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Open a dataset.
    Open,
    /// Open a dataset to compare with.
    Compare,
    /// Save the active scenario.
    SaveScenario,
    /// Load a saved scenario.
    LoadScenario,
    /// Save one chart as PNG or SVG.
    ExportChart(ChartKind, ImageFormat),
    /// Pick the folder for "Export all".
    ExportAll,
    /// Pick company data to import.
    Import,
    /// Pick one more source for the unsaved import.
    AddSource,
    /// Save the imported dataset.
    SaveDataset,
}

impl DialogPurpose {
    /// What the dialog is for, in words ("Open", "Save scenario").
    pub fn verb(self) -> &'static str {
        match self {
            DialogPurpose::Open => "Open",
            DialogPurpose::Compare => "Compare",
            DialogPurpose::SaveScenario => "Save scenario",
            DialogPurpose::LoadScenario => "Load scenario",
            DialogPurpose::ExportChart(..) | DialogPurpose::ExportAll => "Export",
            DialogPurpose::Import => "Import",
            DialogPurpose::AddSource => "Add a source to the import",
            DialogPurpose::SaveDataset => "Save as dataset",
        }
    }
}

/// Whether the dialog picks a file to read, a file to write, or a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogMode {
    /// An existing file.
    Open,
    /// A file to write (it may not exist yet).
    Save,
    /// A folder ("Export all" writes into it).
    Folder,
}

/// A file dialog to show.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogRequest {
    /// What the chosen path is for.
    pub purpose: DialogPurpose,
    /// File to read, file to write, or folder.
    pub mode: DialogMode,
    /// Name and extensions of the files offered ("moneymap dataset", ["ron"]).
    pub filter: Option<(String, Vec<String>)>,
    /// Folder to start in.
    pub start_dir: Option<PathBuf>,
    /// Suggested file name (save dialogs).
    pub file_name: Option<String>,
}

/// How a dialog ended.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogOutcome {
    /// The user picked this path.
    Chosen(PathBuf),
    /// The user closed the dialog without picking.
    Cancelled,
    /// No dialog could be shown, and why.
    Unavailable(String),
}

/// Work the window does off the UI thread.
#[derive(Debug, Clone)]
pub enum Task {
    /// Read and validate a dataset file.
    Load {
        /// The dataset file to read (made absolute by the loader).
        path: PathBuf,
        /// Why it is read.
        reason: LoadReason,
    },
    /// Read a dataset to compare with.
    LoadCompare(PathBuf),
    /// Show a file dialog.
    Dialog(DialogRequest),
    /// Render one chart and write it to a file.
    ExportChart {
        /// The chart, or the whole dashboard page.
        kind: ChartKind,
        /// PNG or SVG.
        format: ImageFormat,
        /// Where the image goes (chosen in the save dialog).
        path: PathBuf,
        /// Size and density.
        spec: FrameSpec,
        /// What the charts were drawn from when asked.
        scene: Box<Scene>,
    },
    /// Render one chart for the clipboard.
    CopyChart {
        /// The chart, or the whole dashboard page.
        kind: ChartKind,
        /// Size and density.
        spec: FrameSpec,
        /// What the charts were drawn from when asked.
        scene: Box<Scene>,
    },
    /// Write every chart, the dashboard and the CSV into a folder.
    ExportAll {
        /// The folder chosen; files are named after the company, chart and year.
        dir: PathBuf,
        /// Size and density.
        spec: FrameSpec,
        /// What the charts were drawn from when asked.
        scene: Box<Scene>,
    },
    /// Write a saved scenario.
    WriteScenario {
        /// The file (`*.scenario.ron`).
        path: PathBuf,
        /// The scenario as RON, made on the UI thread from the scenario at that moment.
        text: String,
    },
    /// Read a saved scenario and check it against the document.
    ReadScenario {
        /// The scenario file chosen.
        path: PathBuf,
        /// The document it must fit.
        doc: Box<Document>,
    },
    /// Read a folder for the file browser.
    ListDir {
        /// The folder to list.
        dir: PathBuf,
        /// The files it shows (name and extensions).
        filter: Option<(String, Vec<String>)>,
    },
    /// Draw the fan of outcomes of a scenario (a few milliseconds: too long for a frame).
    Fan(Box<super::tasks::FanJob>),
    /// Import company data (merged in order) into a dataset.
    Import(Vec<PathBuf>),
    /// Write an imported dataset's RON text.
    WriteDataset {
        /// The dataset file chosen (a name typed without extension gets `.ron`).
        path: PathBuf,
        /// The RON text the import made (the one tested to load back).
        text: String,
        /// Replace an existing file (only after the user said so).
        replace: bool,
    },
}

/// What background work reports back.
#[derive(Debug)]
pub enum Event {
    /// A dataset load finished.
    Loaded {
        /// The file that was read; it becomes the one worked on, loaded or not.
        path: PathBuf,
        /// Why it was read.
        reason: LoadReason,
        /// The document, or why not.
        result: Box<Result<Document, LoadError>>,
    },
    /// A comparison load finished.
    CompareLoaded(Box<Result<Document, LoadError>>),
    /// The watched file changed on disk (and has been stable for a moment).
    FileChanged(PathBuf),
    /// The watched file disappeared or is no longer a regular file.
    FileMissing(PathBuf),
    /// A file dialog closed.
    DialogClosed {
        /// The dialog that was asked for (shown again in moneymap's own browser when the
        /// native one is unavailable).
        request: DialogRequest,
        /// What the user did.
        outcome: DialogOutcome,
    },
    /// A folder was read for the file browser.
    DirListed {
        /// The folder read (a listing for a folder no longer shown is dropped).
        dir: PathBuf,
        /// Its entries and how many were left out, or why it could not be read.
        result: Result<(Vec<super::file_browser::DirEntry>, usize), String>,
    },
    /// Charts were written (one, or everything for "Export all").
    Exported(Result<Vec<PathBuf>, ExportError>),
    /// A chart was rendered for the clipboard.
    Rendered {
        /// The chart's title, for the status line ("Copied Margins to the clipboard").
        title: &'static str,
        /// The rendered image, handed to the clipboard at the next frame.
        image: egui::ColorImage,
    },
    /// A scenario file was written.
    ScenarioWritten {
        /// The scenario file, named in the status line.
        path: PathBuf,
        /// Whether it worked.
        result: Result<(), WriteError>,
    },
    /// A scenario file was read.
    ScenarioRead {
        /// The scenario file, named in the status line.
        path: PathBuf,
        /// The scenario, checked against the document, or why not.
        result: Result<Scenario, ScenarioFileError>,
    },
    /// A one-time notice (damaged settings at start).
    Notice(String),
    /// The settings could not be saved.
    SettingsNotSaved(super::settings::SettingsError),
    /// A background task could not be started.
    TaskFailed(String),
    /// An import finished.
    Imported {
        /// The sources, in order.
        paths: Vec<PathBuf>,
        /// The unsaved document, or why not.
        result: Box<Result<Document, ImportError>>,
    },
    /// An imported dataset was written (or not).
    DatasetWritten {
        /// Where it was to be written (read back when it was).
        path: PathBuf,
        /// The text that was to be written (kept to write again on "Replace").
        text: String,
        /// Whether it worked; [`WriteError::Exists`] asks the user.
        result: Result<(), WriteError>,
    },
    /// A fan of outcomes was drawn.
    FanReady {
        /// The request it answers (older ones never replace newer ones).
        generation: u64,
        /// Percentiles by year and the value distribution.
        fan: Box<crate::model::fan::Fan>,
    },
}
