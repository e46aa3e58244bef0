//! The scene: everything a chart is drawn from, and nothing else: the document, the
//! dataset compared with, the active scenario and its projection, the scenario's
//! valuation, tornadoes and fan, and the view options.
//!
//! The window's [`super::Dashboard`] holds one and draws its charts from it; an export
//! takes a copy of it to its worker thread (not the window's status line, tasks or file
//! browser); `moneymap export` and the snapshot tests build one with [`Scene::new`] and
//! never build a window. All of them get what a chart reads from the same two methods,
//! [`Scene::chart_input`] and [`Scene::frame_options`], so they draw the same chart.

use super::scenario_results::ScenarioResults;
use super::{Document, ViewState};
use crate::charts::frame::FrameOptions;
use crate::charts::{ChartInput, Compared, Theme};
use crate::model::scenario::{self, Projection, Scenario};

/// What the charts show.
#[derive(Clone)]
pub struct Scene {
    /// The document on screen.
    pub(super) document: Document,
    /// The dataset compared with, if any.
    pub(super) compare: Option<Document>,
    /// The active scenario (starts at the document's trend).
    pub(super) scenario: Scenario,
    /// Its projection, recomputed when the scenario changes.
    pub(super) projection: Projection,
    /// Its valuation, tornadoes and fan of outcomes, recomputed with the projection.
    pub(super) results: ScenarioResults,
    /// The view options (persisted between runs).
    pub(super) view: ViewState,
}

impl std::fmt::Debug for Scene {
    /// Short: a scene holds whole datasets, which a debug log does not need.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scene")
            .field("company", &self.document.dataset.company)
            .field("scenario", &self.scenario.name)
            .finish_non_exhaustive()
    }
}

impl Scene {
    /// The scene of `document` at its trend, with `view` options. Its fan of outcomes
    /// is not drawn yet: the window asks a worker for it, an export draws it with
    /// [`Scene::ensure_fan`].
    pub fn new(document: Document, view: ViewState) -> Self {
        let scenario = document.trend.clone();
        let projection = scenario::project(&document.dataset, &document.metrics, &scenario);
        let mut scene = Self {
            document,
            compare: None,
            scenario,
            projection,
            results: ScenarioResults::default(),
            view,
        };
        scene.refresh_results();
        scene
    }

    /// The document drawn.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The dataset compared with, if any.
    pub fn compare(&self) -> Option<&Document> {
        self.compare.as_ref()
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
    pub fn scenario_results(&self) -> &ScenarioResults {
        &self.results
    }

    /// The view options.
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// Makes `scenario` the active one and projects it (its fan is asked for by the
    /// window, or drawn by [`Scene::ensure_fan`]).
    pub fn set_scenario(&mut self, scenario: Scenario) {
        self.scenario = scenario;
        self.reproject();
    }

    /// Recomputes the projection of the active scenario, its valuation and tornadoes.
    pub(super) fn reproject(&mut self) {
        self.projection = scenario::project(
            &self.document.dataset,
            &self.document.metrics,
            &self.scenario,
        );
        self.refresh_results();
    }

    /// The input every chart reads, in `theme`; `interactive` shows hover readouts.
    pub fn chart_input(&self, theme: Theme, interactive: bool) -> ChartInput<'_> {
        ChartInput {
            dataset: &self.document.dataset,
            metrics: &self.document.metrics,
            projection: self.view.show_projection.then_some(&self.projection),
            theme,
            interactive,
            compare: self.compare.as_ref().map(|compared| Compared {
                dataset: &compared.dataset,
                metrics: &compared.metrics,
                origin: &compared.name,
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
}
