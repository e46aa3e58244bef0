//! The dashboard: the loaded document, the view state, and the command loop.
//!
//! Panels draw from `&Dashboard` and return [`Command`]s; [`Dashboard::apply`] applies
//! them between panels, so a slider moved in the side panel reprojects before the charts
//! in the central panel are drawn: the charts follow in the same frame. This type has no
//! eframe dependency, so kittest drives exactly what the window runs.

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::Ui;

use crate::charts::theme::{Theme, ThemeChoice};
use crate::charts::{ChartInput, revenue_growth, segment_mix};
use crate::model::scenario::{self, Projection, Scenario};
use crate::model::{self, Dataset, Lever, LoadError, Metrics, Warning};
use crate::render::export::ChartKind;

/// A loaded dataset with everything derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Where it came from (`None` for a built-in dataset).
    pub path: Option<PathBuf>,
    /// Short name shown in the status line and menus.
    pub name: String,
    /// The dataset.
    pub dataset: Dataset,
    /// Its metrics, computed once.
    pub metrics: Metrics,
    /// Its warnings.
    pub warnings: Vec<Warning>,
    /// The trend scenario ("Reset to trend").
    pub trend: Scenario,
    /// The figures table, formatted once per load (not per frame).
    pub table: model::table::Table,
}

impl Document {
    /// Builds a document from a validated load.
    pub fn new(path: Option<PathBuf>, loaded: model::Loaded) -> Self {
        let metrics = Metrics::compute(&loaded.dataset);
        let trend = scenario::trend(&loaded.dataset, &metrics);
        let table = model::table::build(&loaded.dataset, &metrics);
        let name = path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "built-in twilio.ron".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        Self {
            table,
            name,
            path,
            dataset: loaded.dataset,
            metrics,
            warnings: loaded.warnings,
            trend,
        }
    }

    /// The built-in Twilio dataset.
    pub fn builtin() -> Self {
        match model::parse(model::TWILIO_RON) {
            Ok(loaded) => Self::new(None, loaded),
            // The built-in file is tested to load; this arm only keeps the app alive.
            Err(e) => Self::new(None, fallback(&e)),
        }
    }

    /// Short name of where the data came from.
    pub fn origin(&self) -> String {
        self.name.clone()
    }
}

fn fallback(e: &LoadError) -> model::Loaded {
    use model::dataset::{Scale, Source, Year};
    model::Loaded {
        dataset: Dataset {
            company: "(built-in dataset failed to load)".into(),
            ticker: None,
            currency: "USD".into(),
            scale: Scale::Units,
            fiscal_year: None,
            source: Source {
                title: e.to_string(),
                citation: None,
                date: None,
                basis: String::new(),
            },
            segments: vec![],
            years: vec![Year {
                year: 2000,
                revenue: 0.0,
                segments: Default::default(),
                gross_profit: None,
                operating_income: None,
                net_income: None,
                free_cash_flow: None,
                kpis: vec![],
                notes: Default::default(),
            }],
            market_cap: None,
            competitors: vec![],
            watch: vec![],
            presets: vec![],
        },
        warnings: vec![],
    }
}

/// View state saved between runs (panel toggles, theme, last file). Data is never saved:
/// it is re-read from `last_path`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// Theme choice.
    pub theme: ThemeChoice,
    /// Last dataset opened from disk.
    pub last_path: Option<PathBuf>,
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
    /// Export pixel density (1 to 4).
    pub export_scale: f32,
    /// Folder of the last export.
    pub export_dir: Option<PathBuf>,
    /// Recently opened files, newest first (at most [`RECENT_MAX`]).
    pub recent: Vec<PathBuf>,
}

/// How many recent files are remembered.
pub const RECENT_MAX: usize = 10;

impl Default for ViewState {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            last_path: None,
            mix: segment_mix::Options::default(),
            growth: revenue_growth::Options::default(),
            hidden_mix: BTreeSet::new(),
            hidden_margins: BTreeSet::new(),
            tab: Tab::Table,
            show_projection: true,
            export_size: (1600, 900),
            export_scale: 2.0,
            export_dir: None,
            recent: Vec::new(),
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

/// What a view asks the app to do; applied once, outside drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load this file (the current dataset stays if it fails).
    Open(PathBuf),
    /// Re-read the current file.
    Reload,
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
    /// Show or hide the warnings list.
    ToggleWarnings,
    /// Dismiss the load error.
    DismissError,
    /// Close the window.
    Quit,
    /// Export one chart (to a file via a save dialog, or to the clipboard).
    Export(ChartKind, ExportTarget),
    /// Export every chart, the dashboard and a CSV into a chosen folder.
    ExportAll,
    /// Export image size in pixels.
    SetExportSize(u32, u32),
    /// Export pixel density.
    SetExportScale(f32),
    /// Show a message in the status line (from finished background work).
    Status(String),
    /// Remember the folder of the last export.
    SetExportDir(PathBuf),
    /// Ask the window for the open-file dialog.
    OpenDialog,
    /// Ask the window for the compare-file dialog.
    CompareDialog,
    /// Save the active scenario to a file (dialog).
    SaveScenario,
    /// Load a saved scenario from a file (dialog).
    LoadScenario,
    /// A scenario loaded from a file, already checked against the dataset.
    UseScenario(Scenario),
    /// Open a built-in example by file name.
    OpenExample(String),
    /// A background load finished (`reload`: the same file again).
    Loaded {
        /// The file.
        path: PathBuf,
        /// Whether it was a reload of the open file.
        reload: bool,
        /// The document, or why not.
        result: Box<Result<Document, LoadError>>,
    },
    /// The watched file disappeared.
    FileMissing(PathBuf),
    /// Load a second dataset to compare with.
    Compare(PathBuf),
    /// Compare with a built-in example.
    CompareExample(String),
    /// A comparison load finished.
    CompareLoaded(Box<Result<Document, LoadError>>),
    /// Stop comparing.
    ClearCompare,
}

/// Where an exported chart goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    /// A PNG file chosen in a save dialog.
    File,
    /// The system clipboard.
    Clipboard,
}

/// Work the window must do outside drawing (dialogs, rendering, writing files).
#[derive(Debug, Clone, PartialEq)]
pub enum IoRequest {
    /// Export one chart.
    Export(ChartKind, ExportTarget),
    /// Export everything into a folder.
    ExportAll,
    /// Show the open-file dialog.
    OpenDialog,
    /// Save the scenario (dialog, then write).
    SaveScenario,
    /// Load a scenario (dialog, then read and check).
    LoadScenario,
    /// Read and validate a dataset file off the UI thread.
    Load {
        /// The file.
        path: PathBuf,
        /// Whether it is a reload of the open file.
        reload: bool,
    },
    /// Read a dataset to compare with.
    LoadCompare(PathBuf),
    /// Show the dialog to pick a comparison file.
    CompareDialog,
}

/// The whole dashboard state.
#[derive(Clone)]
pub struct Dashboard {
    /// Persisted view state.
    pub view: ViewState,
    /// The document on screen.
    pub doc: Document,
    /// The active scenario (starts at trend).
    pub scenario: Scenario,
    /// Its projection, recomputed when the scenario changes.
    pub projection: Projection,
    /// Its sensitivity ranking, recomputed with the projection.
    pub sensitivity: Vec<scenario::Sensitivity>,
    /// The last load error, shown until dismissed or a good load.
    pub error: Option<LoadError>,
    /// One-line status ("Loaded ericsson.ron").
    pub status: String,
    /// Whether the warnings list is open.
    pub show_warnings: bool,
    /// Set by `Quit`; the window wrapper closes the viewport.
    pub quit_requested: bool,
    /// Resolved dark mode when the theme follows the system.
    pub system_dark: bool,
    /// Requests for the window to carry out after this frame (never done while drawing).
    pub io_requests: Vec<IoRequest>,
    /// A file being loaded in the background (a spinner shows).
    pub loading: Option<PathBuf>,
    /// The dataset compared with, if any.
    pub compare: Option<Document>,
    /// Recent files found missing when the list last changed (the menu greys them out
    /// without touching the disk while drawing).
    pub recent_missing: BTreeSet<PathBuf>,
}

impl Dashboard {
    /// A dashboard on `doc` with saved `view` state.
    pub fn new(doc: Document, view: ViewState) -> Self {
        let scenario = doc.trend.clone();
        let projection = scenario::project(&doc.dataset, &doc.metrics, &scenario);
        let sensitivity = scenario::sensitivity(&doc.dataset, &doc.metrics, &scenario);
        Self {
            sensitivity,
            view,
            status: format!("Loaded {}", doc.origin()),
            doc,
            scenario,
            projection,
            error: None,
            show_warnings: false,
            quit_requested: false,
            system_dark: false,
            io_requests: Vec::new(),
            loading: None,
            compare: None,
            recent_missing: BTreeSet::new(),
        }
    }

    /// Re-checks which recent files exist (a few `stat` calls, done when the list changes
    /// or a watched file disappears, never while drawing).
    pub fn refresh_recent(&mut self) {
        self.recent_missing = self
            .view
            .recent
            .iter()
            .filter(|p| !p.is_file())
            .cloned()
            .collect();
    }

    /// The theme charts are drawn with.
    pub fn theme(&self) -> Theme {
        match self.view.theme {
            ThemeChoice::Light => Theme::LIGHT,
            ThemeChoice::Dark => Theme::DARK,
            ThemeChoice::System => Theme {
                dark: self.system_dark,
            },
        }
    }

    /// The input every chart reads.
    pub fn chart_input(&self, interactive: bool) -> ChartInput<'_> {
        ChartInput {
            dataset: &self.doc.dataset,
            metrics: &self.doc.metrics,
            projection: self.view.show_projection.then_some(&self.projection),
            theme: self.theme(),
            interactive,
            compare: self.compare.as_ref().map(|c| crate::charts::Compared {
                dataset: &c.dataset,
                metrics: &c.metrics,
            }),
        }
    }

    /// Replaces the document after a good load, keeping lever values the new dataset
    /// still has.
    pub fn set_document(&mut self, doc: Document) {
        let old = std::mem::replace(&mut self.scenario, doc.trend.clone());
        for (lever, v) in old.levers {
            if let Some(slot) = self.scenario.levers.get_mut(&lever)
                && old.name != "Trend"
            {
                *slot = v;
            }
        }
        if old.name != "Trend" {
            self.scenario.name = old.name;
            self.scenario.horizon_years = old.horizon_years;
        }
        if doc.path.is_some() {
            self.view.last_path.clone_from(&doc.path);
        }
        self.status = format!("Loaded {}", doc.origin());
        self.doc = doc;
        self.loading = None;
        self.error = None;
        self.reproject();
    }

    /// Makes `s` the active scenario and reprojects.
    pub fn set_scenario(&mut self, s: Scenario) {
        self.scenario = s;
        self.reproject();
    }

    fn reproject(&mut self) {
        self.projection = scenario::project(&self.doc.dataset, &self.doc.metrics, &self.scenario);
        self.sensitivity =
            scenario::sensitivity(&self.doc.dataset, &self.doc.metrics, &self.scenario);
    }

    /// Asks for `path` to be loaded off the UI thread; the current dataset stays on screen
    /// until a good document arrives.
    fn open(&mut self, path: PathBuf, reload: bool) {
        self.status = format!("Loading {}...", path.display());
        self.loading = Some(path.clone());
        self.io_requests.push(IoRequest::Load { path, reload });
    }

    fn loaded(&mut self, path: PathBuf, reload: bool, result: Result<Document, LoadError>) {
        self.loading = None;
        match result {
            Ok(doc) => {
                self.set_document(doc);
                self.view.recent.retain(|p| *p != path);
                self.view.recent.insert(0, path.clone());
                self.view.recent.truncate(RECENT_MAX);
                self.refresh_recent();
                let name = self.doc.origin();
                self.status = if reload {
                    format!("Reloaded {name} (changed on disk)")
                } else {
                    format!("Loaded {name}")
                };
            }
            Err(e) => {
                self.status = format!(
                    "Could not load {}: the dataset on screen is unchanged",
                    path.display()
                );
                self.error = Some(e);
            }
        }
    }

    /// Carries out the load requests of this frame synchronously, with the very functions
    /// the window runs on its background thread (for tests and the CLI).
    pub fn run_io_inline(&mut self) {
        let mut rest = Vec::new();
        for req in std::mem::take(&mut self.io_requests) {
            match req {
                IoRequest::Load { path, reload } => {
                    let result = Box::new(super::loader::load_document(&path));
                    self.apply([Command::Loaded {
                        path,
                        reload,
                        result,
                    }]);
                }
                IoRequest::LoadCompare(path) => {
                    let result = Box::new(super::loader::load_document(&path));
                    self.apply([Command::CompareLoaded(result)]);
                }
                other => rest.push(other),
            }
        }
        self.io_requests.extend(rest);
    }

    /// Applies commands in order.
    pub fn apply(&mut self, commands: impl IntoIterator<Item = Command>) {
        for c in commands {
            match c {
                Command::Open(p) => self.open(p, false),
                Command::Reload => match self.doc.path.clone() {
                    Some(p) => self.open(p, true),
                    None => self.status = "A built-in dataset has no file to reload".into(),
                },
                Command::OpenExample(name) => match super::loader::example_document(&name) {
                    Some(doc) => self.set_document(doc),
                    None => self.status = format!("No built-in example named {name}"),
                },
                Command::Loaded {
                    path,
                    reload,
                    result,
                } => self.loaded(path, reload, *result),
                Command::FileMissing(p) => {
                    self.refresh_recent();
                    self.status = format!(
                        "{} was deleted, renamed or replaced: the dataset on screen is kept",
                        p.display()
                    );
                }
                Command::Compare(p) => {
                    self.status = format!("Loading {} to compare...", p.display());
                    self.io_requests.push(IoRequest::LoadCompare(p));
                }
                Command::CompareExample(name) => match super::loader::example_document(&name) {
                    Some(doc) => self.apply([Command::CompareLoaded(Box::new(Ok(doc)))]),
                    None => self.status = format!("No built-in example named {name}"),
                },
                Command::CompareLoaded(result) => match *result {
                    Ok(doc) => {
                        self.status =
                            format!("Comparing with {} ({})", doc.dataset.company, doc.origin());
                        self.compare = Some(doc);
                    }
                    Err(e) => {
                        self.status = "Could not load the comparison file".into();
                        self.error = Some(e);
                    }
                },
                Command::ClearCompare => {
                    self.compare = None;
                    self.status = "Comparison cleared".into();
                }
                Command::CompareDialog => self.io_requests.push(IoRequest::CompareDialog),
                Command::SetTheme(t) => self.view.theme = t,
                Command::ToggleMixSeries(n) => toggle(&mut self.view.hidden_mix, n),
                Command::ToggleMargin(n) => toggle(&mut self.view.hidden_margins, n),
                Command::SetShare(s) => self.view.mix.share = s,
                Command::SetSegmentLines(s) => self.view.growth.segment_lines = s,
                Command::SetTab(t) => self.view.tab = t,
                Command::SetShowProjection(s) => self.view.show_projection = s,
                Command::SetLever(l, v) => {
                    if let Some(slot) = self.scenario.levers.get_mut(&l) {
                        *slot = scenario::clamp_lever(&l, v);
                        self.scenario.name = "Custom".into();
                        self.reproject();
                    }
                }
                Command::SetHorizon(h) => {
                    self.scenario.horizon_years = h.clamp(1, scenario::MAX_HORIZON);
                    self.reproject();
                }
                Command::ApplyPreset(name) => {
                    if let Some(s) =
                        scenario::from_preset(&self.doc.dataset, &self.doc.metrics, &name)
                    {
                        self.scenario = s;
                        self.reproject();
                    }
                }
                Command::ResetScenario => {
                    self.scenario = self.doc.trend.clone();
                    self.reproject();
                }
                Command::ToggleWarnings => self.show_warnings = !self.show_warnings,
                Command::DismissError => self.error = None,
                Command::Quit => self.quit_requested = true,
                Command::Export(kind, target) => {
                    self.io_requests.push(IoRequest::Export(kind, target))
                }
                Command::ExportAll => self.io_requests.push(IoRequest::ExportAll),
                Command::SetExportSize(w, h) => {
                    self.view.export_size = (w.clamp(100, 8000), h.clamp(100, 8000))
                }
                Command::SetExportScale(s) => self.view.export_scale = s.clamp(1.0, 4.0),
                Command::Status(s) => self.status = s,
                Command::SetExportDir(p) => self.view.export_dir = Some(p),
                Command::OpenDialog => self.io_requests.push(IoRequest::OpenDialog),
                Command::SaveScenario => self.io_requests.push(IoRequest::SaveScenario),
                Command::LoadScenario => self.io_requests.push(IoRequest::LoadScenario),
                Command::UseScenario(s) => {
                    self.status = format!("Scenario \"{}\" loaded", s.name);
                    self.set_scenario(s);
                }
            }
        }
    }

    /// Draws the whole dashboard into `ui` and applies what the panels ask for.
    pub fn ui(&mut self, ui: &mut Ui) {
        let theme = self.theme();
        let want = if theme.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        if ui.ctx().theme() != want {
            ui.ctx().set_theme(want);
        }
        let mut cmds = super::shortcuts(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| cmds.extend(super::menu::ui(ui, self)));
        egui::Panel::top("header").show(ui, |ui| cmds.extend(super::header::ui(ui, self)));
        if let Some(e) = &self.error {
            let e = e.clone();
            egui::Panel::top("error").show(ui, |ui| cmds.extend(super::error::ui(ui, &e, theme)));
        }
        egui::Panel::top("kpis").show(ui, |ui| super::kpis::ui(ui, self));
        // A quarter of the window on small screens, never less than 240 points.
        let side = (ui.available_width() * 0.26).clamp(240.0, 340.0);
        egui::Panel::right("watch")
            .default_size(side)
            .size_range(240.0..=520.0)
            .show(ui, |ui| cmds.extend(super::scenario::ui(ui, self)));
        // Apply side-panel commands now, so the charts below show the new projection.
        self.apply(cmds.drain(..));
        egui::CentralPanel::default().show(ui, |ui| cmds.extend(super::charts_grid::ui(ui, self)));
        self.apply(cmds);
    }
}

fn toggle(set: &mut BTreeSet<String>, name: String) {
    if !set.remove(&name) {
        set.insert(name);
    }
}
