//! The dashboard: the document on screen, the view state, the active scenario and its
//! projection, and the drawing of the whole window's content.
//!
//! Panels draw from `&Dashboard` and return [`Action`]s; [`Dashboard::apply`] applies
//! them between panels, so a slider moved in the side panel reprojects before the charts
//! in the central panel are drawn: the charts follow in the same frame. This type has no
//! eframe dependency, so kittest drives exactly what the window runs.

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::Ui;

use super::file_browser::FileBrowser;
use super::layout;
use super::{Document, Task, ViewState};
use crate::charts::frame::FrameOptions;
use crate::charts::marks::{self, Mark};
use crate::charts::theme::{Theme, ThemeChoice};
use crate::charts::{ChartInput, Compared};
use crate::model::scenario::{self, Projection, Scenario};

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
    /// Its valuation, tornadoes and fan of outcomes, recomputed (the fan requested)
    /// with the projection.
    pub scenario_view: super::scenario_view::ScenarioView,
    /// The last load error, shown until dismissed or a good load.
    pub error: Option<super::error::Problem>,
    /// One-line status ("Loaded ericsson.ron").
    pub status: String,
    /// Whether the warnings list is open.
    pub show_warnings: bool,
    /// Set by `Quit`; the window wrapper closes the viewport.
    pub quit_requested: bool,
    /// Resolved dark mode when the theme follows the system.
    pub system_dark: bool,
    /// Work for the window to carry out after this frame (never done while drawing).
    pub tasks: Vec<Task>,
    /// A file being loaded in the background (a spinner shows).
    pub loading: Option<PathBuf>,
    /// The file the user is working on: the one last opened, whether or not it loaded.
    /// It is watched, reloaded by F5 and listed in Recent, so a file that failed can be
    /// fixed and picked up (the dataset on screen stays until it loads).
    pub file: Option<PathBuf>,
    /// The dataset compared with, if any.
    pub compare: Option<Document>,
    /// Recent files found missing when the list last changed (the menu greys them out
    /// without touching the disk while drawing).
    pub recent_missing: BTreeSet<PathBuf>,
    /// An image rendered for the clipboard, handed to egui at the next frame.
    pub clipboard: Option<egui::ColorImage>,
    /// moneymap's own file browser, when it is open.
    pub browser: Option<FileBrowser>,
    /// Why the desktop's file dialog cannot open, once a try has shown it: later
    /// dialogs go straight to the file browser, and the user was told once.
    pub native_dialogs: Option<String>,
    /// A dataset to save over a file that exists: the path and the text, waiting for
    /// the user's "Replace" or "Cancel".
    pub confirm_replace: Option<(PathBuf, String)>,
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
        let mut d = Self {
            scenario_view: Default::default(),
            view,
            status: format!("Loaded {}", doc.origin()),
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
        self.status = format!("Loaded {}", doc.origin());
        self.doc = doc;
        self.loading = None;
        self.error = None;
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
