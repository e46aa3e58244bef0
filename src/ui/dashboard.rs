//! The dashboard: the document on screen, the view state, the active scenario and its
//! projection, and the drawing of the whole window's content.
//!
//! Panels draw from `&Dashboard` and return [`Action`]s; [`Dashboard::apply`] applies
//! them between panels, so a slider moved in the side panel reprojects before the charts
//! in the central panel are drawn: the charts follow in the same frame. This type has no
//! eframe dependency, so kittest drives exactly what the window runs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use egui::Ui;

use super::error::Problem;
use super::file_browser::FileBrowser;
use super::layout;
use super::{Document, Task, ViewState};
use crate::charts::frame::FrameOptions;
use crate::charts::marks::{self, Mark};
use crate::charts::theme::{Theme, ThemeChoice};
use crate::charts::{ChartInput, Compared};
use crate::model::scenario::{self, Projection, Scenario};

/// The whole dashboard state. Its fields are private to the window's modules: tests and
/// the command line read it through the methods below and change it only through
/// [`super::Action`]s and [`super::Event`]s, as the window does. The status line and the error
/// panel are private to this file, written only by [`Dashboard::set_status`] and
/// [`Dashboard::set_error`].
#[derive(Clone)]
pub struct Dashboard {
    /// Persisted view state.
    pub(super) view: ViewState,
    /// The document on screen.
    pub(super) doc: Document,
    /// The active scenario (starts at trend).
    pub(super) scenario: Scenario,
    /// Its projection, recomputed when the scenario changes.
    pub(super) projection: Projection,
    /// Its valuation, tornadoes and fan of outcomes, recomputed (the fan requested)
    /// with the projection.
    pub(super) scenario_view: super::scenario_view::ScenarioView,
    /// The last load error, shown until dismissed or a good load.
    error: Option<Problem>,
    /// One-line status ("Loaded ericsson.ron").
    status: String,
    /// Whether the warnings list is open.
    pub(super) show_warnings: bool,
    /// Set by `Quit`; the window wrapper closes the viewport.
    pub(super) quit_requested: bool,
    /// Resolved dark mode when the theme follows the system.
    pub(super) system_dark: bool,
    /// Work for the window to carry out after this frame (never done while drawing).
    pub(super) tasks: Vec<Task>,
    /// A file being loaded in the background (a spinner shows).
    pub(super) loading: Option<PathBuf>,
    /// The file the user is working on: the one last opened, whether or not it loaded.
    /// It is watched, reloaded by F5 and listed in Recent, so a file that failed can be
    /// fixed and picked up (the dataset on screen stays until it loads).
    pub(super) file: Option<PathBuf>,
    /// The dataset compared with, if any.
    pub(super) compare: Option<Document>,
    /// Recent files found missing when the list last changed (the menu greys them out
    /// without touching the disk while drawing).
    pub(super) recent_missing: BTreeSet<PathBuf>,
    /// An image rendered for the clipboard, handed to egui at the next frame.
    pub(super) clipboard: Option<egui::ColorImage>,
    /// moneymap's own file browser, when it is open.
    pub(super) browser: Option<FileBrowser>,
    /// Why the desktop's file dialog cannot open, once a try has shown it: later
    /// dialogs go straight to the file browser, and the user was told once.
    pub(super) native_dialogs: Option<String>,
    /// A dataset to save over a file that exists: the path and the text, waiting for
    /// the user's "Replace" or "Cancel".
    pub(super) confirm_replace: Option<(PathBuf, String)>,
}

impl std::fmt::Debug for Dashboard {
    /// Short: a dashboard holds whole datasets, which a debug log does not need.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dashboard")
            .field("company", &self.doc.dataset.company)
            .field("scenario", &self.scenario.name)
            .finish_non_exhaustive()
    }
}

impl Dashboard {
    /// A dashboard on `doc` with saved `view` state.
    pub fn new(doc: Document, view: ViewState) -> Self {
        let scenario = doc.trend.clone();
        let projection = scenario::project(&doc.dataset, &doc.metrics, &scenario);
        let file = doc.path.clone();
        let status = format!("Loaded {}", doc.origin());
        let mut d = Self {
            scenario_view: Default::default(),
            view,
            status,
            doc,
            scenario,
            projection,
            error: None,
            show_warnings: false,
            quit_requested: false,
            system_dark: false,
            tasks: Vec::new(),
            loading: None,
            file,
            compare: None,
            recent_missing: BTreeSet::new(),
            clipboard: None,
            browser: None,
            native_dialogs: None,
            confirm_replace: None,
        };
        d.refresh_scenario_view();
        d
    }

    /// The one writer of the status line: every outcome that has words for the user
    /// comes through here (and into the debug log).
    pub(super) fn set_status(&mut self, text: String) {
        log::debug!("status: {text}");
        self.status = text;
    }

    /// The one writer of the error panel: a problem to show until dismissed or a good
    /// load, or `None` to close it.
    pub(super) fn set_error(&mut self, problem: Option<Problem>) {
        self.error = problem;
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
            compare: self.compare.as_ref().map(|c| Compared {
                dataset: &c.dataset,
                metrics: &c.metrics,
                origin: &c.name,
            }),
            fan: self.fan_shown(),
        }
    }

    /// The view options every chart frame reads.
    pub fn frame_options(&self) -> FrameOptions<'_> {
        FrameOptions {
            mix: &self.view.mix,
            growth: &self.view.growth,
            hidden_mix: &self.view.hidden_mix,
            hidden_margins: &self.view.hidden_margins,
            scenario_name: &self.scenario.name,
            base_year: self.projection.base_year,
            summary: &self.projection.summary,
            tornado: self.tornado(),
            levers: &self.scenario.levers,
            compact: false,
        }
    }

    /// Replaces the document after a good load. Reading the same file again keeps the
    /// lever values it still has; any other dataset starts from its own trend.
    pub fn set_document(&mut self, doc: Document) {
        let old = std::mem::replace(&mut self.scenario, doc.trend.clone());
        // Sliders stay where the user left them only when the same file is read again
        // (F5, a change on disk, a save): another dataset, even one with the same lever
        // names, starts from its own trend, never from another company's values or preset.
        let same_file = doc.path.is_some() && doc.path == self.doc.path;
        if same_file && old.name != scenario::TREND {
            for (lever, v) in old.levers {
                if let Some(slot) = self.scenario.levers.get_mut(&lever) {
                    *slot = v;
                }
            }
            self.scenario.name = old.name;
            self.scenario.horizon_years = old.horizon_years;
        }
        if doc.path.is_some() {
            self.view.last_path.clone_from(&doc.path);
        }
        self.set_status(format!("Loaded {}", doc.origin()));
        self.doc = doc;
        self.loading = None;
        self.set_error(None);
        self.scenario_view.fan.forget();
        self.reproject();
    }

    /// Makes `s` the active scenario and reprojects.
    pub fn set_scenario(&mut self, s: Scenario) {
        self.scenario = s;
        self.reproject();
    }

    /// Recomputes the projection of the active scenario, its valuation and tornadoes,
    /// and asks for its fan.
    pub(super) fn reproject(&mut self) {
        self.projection = scenario::project(&self.doc.dataset, &self.doc.metrics, &self.scenario);
        self.refresh_scenario_view();
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
        if let Some(image) = self.clipboard.take() {
            ui.ctx().copy_image(image);
        }
        let mut actions = super::shortcuts(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| actions.extend(super::menu::ui(ui, self)));
        let header =
            egui::Panel::top("header").show(ui, |ui| actions.extend(super::header::ui(ui, self)));
        marks::record(ui.ctx(), Mark::Region("header", header.response.rect));
        if let Some(e) = &self.error {
            let e = e.clone();
            let builtin = (self.doc.path.is_none() && self.doc.import.is_none())
                .then(|| self.doc.dataset.company.clone());
            egui::Panel::top("error").show(ui, |ui| {
                actions.extend(super::error::ui(ui, &e, theme, builtin.as_deref()));
            });
        }
        egui::Panel::top("kpis").show(ui, |ui| super::kpis::ui(ui, self));
        let side = (ui.available_width() * layout::SIDE_PANEL_SHARE)
            .clamp(layout::SIDE_PANEL_MIN, layout::SIDE_PANEL_DEFAULT_MAX);
        egui::Panel::right("watch")
            .default_size(side)
            .size_range(layout::SIDE_PANEL_MIN..=layout::SIDE_PANEL_MAX)
            .show(ui, |ui| actions.extend(super::scenario::ui(ui, self)));
        // Apply side-panel actions now, so the charts below show the new projection.
        self.apply(actions.drain(..));
        egui::CentralPanel::default()
            .show(ui, |ui| actions.extend(super::charts_grid::ui(ui, self)));
        self.apply(actions);
        if let Some(outcome) = self.browser.as_mut().and_then(|b| b.ui(ui.ctx())) {
            self.browser_outcome(outcome);
        }
        if let Some((path, _)) = &self.confirm_replace {
            let answer = super::importing::confirm_replace_ui(ui.ctx(), path);
            self.apply(answer);
        }
    }
}

/// Adds or removes `name`.
pub(super) fn toggle(set: &mut BTreeSet<String>, name: String) {
    if !set.remove(&name) {
        set.insert(name);
    }
}

impl Dashboard {
    /// Where a new file dialog starts: the folder of the open file, if any.
    pub(super) fn data_dir(&self) -> Option<PathBuf> {
        self.view
            .last_path
            .as_ref()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
    }

    /// The export size and density the user chose, in the light theme (documents are
    /// white).
    pub(super) fn export_spec(&self) -> crate::render::FrameSpec {
        crate::render::FrameSpec {
            width_px: self.view.export_size.0,
            height_px: self.view.export_size.1,
            scale: self.view.export_scale,
            dark: false,
        }
    }
}

/// Read-only views of the state, for the window's wrapper, the command line and tests.
impl Dashboard {
    /// The persisted view state.
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The document on screen.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The active scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The active scenario's projection.
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    /// The active scenario's valuation, tornadoes and fan.
    pub fn scenario_view(&self) -> &super::scenario_view::ScenarioView {
        &self.scenario_view
    }

    /// The dataset compared with, if any.
    pub fn compare(&self) -> Option<&Document> {
        self.compare.as_ref()
    }

    /// The status line's text.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// The problem the error panel shows, if any.
    pub fn error(&self) -> Option<&Problem> {
        self.error.as_ref()
    }

    /// Whether the warnings list is open.
    pub fn show_warnings(&self) -> bool {
        self.show_warnings
    }

    /// Whether the user asked to quit.
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    /// The file being loaded or imported in the background, if any.
    pub fn loading(&self) -> Option<&Path> {
        self.loading.as_deref()
    }

    /// The file worked on (watched, reloaded by F5), if any.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Recent files found missing when the list last changed.
    pub fn recent_missing(&self) -> &BTreeSet<PathBuf> {
        &self.recent_missing
    }

    /// moneymap's own file browser, when it is open.
    pub fn browser(&self) -> Option<&FileBrowser> {
        self.browser.as_ref()
    }

    /// The file "Save as dataset..." waits to replace, while the question is asked.
    pub fn replace_asked(&self) -> Option<&Path> {
        self.confirm_replace
            .as_ref()
            .map(|(path, _)| path.as_path())
    }

    /// The work queued for the window, not yet started.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// Takes the queued work, to run it (the window starts each on a worker thread).
    pub fn take_tasks(&mut self) -> Vec<Task> {
        std::mem::take(&mut self.tasks)
    }
}
