//! The dashboard: the window's state (the [`Scene`] its charts are drawn from, and
//! what only the window has: the status line, the error panel, the task queue, the file
//! worked on, the file browser) and the drawing of the whole window's content.
//!
//! Panels draw from `&Dashboard` and return [`super::Action`]s; [`Dashboard::apply`] applies
//! them between panels, so a slider moved in the side panel reprojects before the charts
//! in the central panel are drawn: the charts follow in the same frame. This type has no
//! eframe dependency, so kittest drives exactly what the window runs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use egui::Ui;

use super::error::Problem;
use super::file_browser::FileBrowser;
use super::layout;
use super::scene::Scene;
use super::{Document, Task, ViewState};
use crate::charts::ChartInput;
use crate::charts::frame::FrameOptions;
use crate::charts::marks::{self, Mark};
use crate::charts::theme::{Theme, ThemeChoice};
use crate::model::scenario::{self, Projection, Scenario};

/// The whole dashboard state. Its fields are private to the window's modules: tests and
/// the command line read it through the methods below and change it only through
/// [`super::Action`]s and [`super::Event`]s, as the window does. The status line and the error
/// panel are private to this file, written only by [`Dashboard::set_status`] and
/// [`Dashboard::set_error`].
#[derive(Clone)]
pub struct Dashboard {
    /// What the charts are drawn from: the document, the dataset compared with, the
    /// scenario, its projection and results, and the persisted view state.
    pub(super) scene: Scene,
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
    /// The Help window open (Keyboard shortcuts or About), if any.
    pub(super) help: Option<super::help::HelpWindow>,
}

impl std::fmt::Debug for Dashboard {
    /// Short: a dashboard holds whole datasets, which a debug log does not need.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dashboard")
            .field("company", &self.scene.document.dataset.company)
            .field("scenario", &self.scene.scenario.name)
            .finish_non_exhaustive()
    }
}

impl Dashboard {
    /// A dashboard on `doc` with saved `view` state.
    pub fn new(doc: Document, view: ViewState) -> Self {
        let file = doc.path.clone();
        let status = format!("Loaded {}", doc.origin());
        let mut dashboard = Self {
            scene: Scene::new(doc, view),
            status,
            error: None,
            show_warnings: false,
            quit_requested: false,
            system_dark: false,
            tasks: Vec::new(),
            loading: None,
            file,
            recent_missing: BTreeSet::new(),
            clipboard: None,
            browser: None,
            native_dialogs: None,
            confirm_replace: None,
            help: None,
        };
        dashboard.start_fan();
        dashboard
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
            .scene
            .view
            .recent
            .iter()
            .filter(|p| !p.is_file())
            .cloned()
            .collect();
    }

    /// The theme charts are drawn with.
    pub fn theme(&self) -> Theme {
        match self.scene.view.theme {
            ThemeChoice::Light => Theme::LIGHT,
            ThemeChoice::Dark => Theme::DARK,
            ThemeChoice::System => Theme {
                dark: self.system_dark,
            },
        }
    }

    /// The input every chart in the window reads (in the window's theme).
    pub fn chart_input(&self, interactive: bool) -> ChartInput<'_> {
        self.scene.chart_input(self.theme(), interactive)
    }

    /// The view options every chart frame reads.
    pub fn frame_options(&self) -> FrameOptions<'_> {
        self.scene.frame_options()
    }

    /// A copy of what the charts are drawn from, for an export's worker thread.
    pub(super) fn export_scene(&self) -> Box<Scene> {
        Box::new(self.scene.clone())
    }

    /// Replaces the document after a good load. Reading the same file again keeps the
    /// lever values it still has; any other dataset starts from its own trend.
    pub fn set_document(&mut self, doc: Document) {
        let old = std::mem::replace(&mut self.scene.scenario, doc.trend.clone());
        // Sliders stay where the user left them only when the same file is read again
        // (F5, a change on disk, a save): another dataset, even one with the same lever
        // names, starts from its own trend, never from another company's values or preset.
        let same_file = doc.path.is_some() && doc.path == self.scene.document.path;
        if same_file && old.name != scenario::TREND {
            for (lever, v) in old.levers {
                if let Some(slot) = self.scene.scenario.levers.get_mut(&lever) {
                    *slot = v;
                }
            }
            self.scene.scenario.name = old.name;
            self.scene.scenario.horizon_years = old.horizon_years;
        }
        if doc.path.is_some() {
            self.scene.view.last_path.clone_from(&doc.path);
        }
        self.set_status(format!("Loaded {}", doc.origin()));
        self.scene.document = doc;
        self.loading = None;
        self.set_error(None);
        self.scene.results.fan.forget();
        self.reproject();
    }

    /// Makes `scenario` the active one, projects it and asks for its fan.
    pub fn set_scenario(&mut self, scenario: Scenario) {
        self.scene.set_scenario(scenario);
        self.start_fan();
    }

    /// Recomputes the projection of the active scenario, its valuation and tornadoes,
    /// and asks for its fan.
    pub(super) fn reproject(&mut self) {
        self.scene.reproject();
        self.start_fan();
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
        let mut actions = super::help::shortcuts(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| actions.extend(super::menu::ui(ui, self)));
        let header =
            egui::Panel::top("header").show(ui, |ui| actions.extend(super::header::ui(ui, self)));
        marks::record(ui.ctx(), Mark::Region("header", header.response.rect));
        if let Some(e) = &self.error {
            let e = e.clone();
            let builtin = (self.scene.document.path.is_none()
                && self.scene.document.import.is_none())
            .then(|| self.scene.document.dataset.company.clone());
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
            .show(ui, |ui| actions.extend(super::watch::ui(ui, self)));
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
        let closed = super::help::window_ui(ui.ctx(), self);
        self.apply(closed);
        super::help::paint_focus_ring(ui.ctx(), theme);
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
        self.scene
            .view
            .last_path
            .as_ref()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
    }

    /// The export size and density the user chose, in the light theme (documents are
    /// white).
    pub(super) fn export_spec(&self) -> crate::render::FrameSpec {
        crate::render::FrameSpec {
            width_px: self.scene.view.export_size.0,
            height_px: self.scene.view.export_size.1,
            scale: self.scene.view.export_scale,
            dark: false,
        }
    }
}

/// Read-only views of the state, for the window's wrapper, the command line and tests.
impl Dashboard {
    /// The persisted view state.
    pub fn view(&self) -> &ViewState {
        &self.scene.view
    }

    /// The document on screen.
    pub fn document(&self) -> &Document {
        &self.scene.document
    }

    /// The active scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scene.scenario
    }

    /// The active scenario's projection.
    pub fn projection(&self) -> &Projection {
        &self.scene.projection
    }

    /// The active scenario's valuation, tornadoes and fan.
    pub fn scenario_results(&self) -> &super::scenario_results::ScenarioResults {
        &self.scene.results
    }

    /// What the charts are drawn from.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// The dataset compared with, if any.
    pub fn compare(&self) -> Option<&Document> {
        self.scene.compare.as_ref()
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

    /// The Help window open, if any.
    pub fn help(&self) -> Option<super::help::HelpWindow> {
        self.help
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
