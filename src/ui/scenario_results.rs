//! What the window shows about the active scenario beyond its projection: the valuation
//! card, the tornado of each result the chooser offers, and the fan of outcomes.
//!
//! The valuation and the tornadoes take microseconds and are recomputed with the
//! projection, in the frame. The fan takes milliseconds (2,000 draws), so it is drawn off
//! the UI thread by a [`Task::Fan`]: every change of the scenario, the document or the
//! valuation rates bumps a generation; at most one fan is computed at a time, and when
//! it comes back for an older generation the next one starts at once. Meanwhile the
//! charts keep the last fan, marked as updating. A result never replaces a newer one,
//! and a document change drops the old document's fan (its years and units are not the
//! new one's). Exports and the command line draw the fan synchronously
//! ([`Scene::ensure_fan`]).
//!
//! What is computed lives on the [`Scene`] (an export's copy draws its own fan); asking
//! a worker for the fan is the [`Dashboard`]'s (it owns the task queue).

use std::sync::Arc;

use super::scene::Scene;
use super::tasks::FanJob;
use super::{Dashboard, Task};
use crate::charts::fan::FanShown;
use crate::model::fan::{Fan, FanParams};
use crate::model::scenario::{self, Measure, Tornado};
use crate::model::valuation::{
    self, DEFAULT_DISCOUNT_PCT, DEFAULT_TERMINAL_PCT, DEFAULT_YEARS, Valuation, ValuationError,
    ValuationParams,
};

/// The valuation, tornadoes and fan of the active scenario.
#[derive(Debug, Clone)]
pub struct ScenarioResults {
    /// The valuation card, or why there is none (no market cap, r <= g_T).
    pub valuation: Result<Valuation, ValuationError>,
    /// One tornado per [`Measure::ALL`], in that order.
    pub tornadoes: Vec<Tornado>,
    /// The fan of outcomes and its requests.
    pub fan: FanView,
}

impl Default for ScenarioResults {
    fn default() -> Self {
        Self {
            valuation: Err(ValuationError::NoYears),
            tornadoes: Vec::new(),
            fan: FanView::default(),
        }
    }
}

/// The fan on screen and the requests for a newer one.
#[derive(Debug, Clone, Default)]
pub struct FanView {
    /// The generation of the latest request: bumped by every change of what the fan
    /// depends on.
    pub generation: u64,
    /// The fan on screen and the generation it was drawn for.
    pub shown: Option<(u64, Arc<Fan>)>,
    /// The generation a worker is drawing, if any (one at a time).
    pub in_flight: Option<u64>,
    /// Results of this generation or older belong to a previous document: dropped.
    pub floor: u64,
}

impl FanView {
    /// Whether the fan on screen is the one for the current scenario.
    pub fn is_current(&self) -> bool {
        self.shown
            .as_ref()
            .is_some_and(|(g, _)| *g == self.generation)
    }

    /// Forgets the fan of the previous document (its years and units may differ).
    pub fn forget(&mut self) {
        self.shown = None;
        self.floor = self.generation;
    }
}

/// An empty tornado, for a view not computed yet.
static NO_TORNADO: Tornado = Tornado {
    measure: Measure::Revenue,
    rows: Vec::new(),
    left_out: Vec::new(),
    note: None,
    unavailable: None,
    caption: String::new(),
};

impl Scene {
    /// The valuation parameters of the card's sliders (defaults for values a settings
    /// file may hold that are not numbers).
    pub fn valuation_params(&self) -> ValuationParams {
        let finite = |v: f64, default: f64| if v.is_finite() { v } else { default };
        ValuationParams {
            discount_pct: finite(self.view.discount_pct, DEFAULT_DISCOUNT_PCT),
            terminal_growth_pct: finite(self.view.terminal_growth_pct, DEFAULT_TERMINAL_PCT),
            years: DEFAULT_YEARS,
        }
    }

    /// Recomputes the valuation and tornadoes of the active scenario and moves the fan
    /// on to a new generation. Called whenever the projection is.
    pub(super) fn refresh_results(&mut self) {
        let (dataset, metrics, scenario) = (
            &self.document.dataset,
            &self.document.metrics,
            &self.scenario,
        );
        let params = self.valuation_params();
        self.results.valuation = valuation::valuation(dataset, metrics, scenario, &params);
        self.results.tornadoes = Measure::ALL
            .iter()
            .map(|&measure| scenario::tornado(dataset, metrics, scenario, measure, &params))
            .collect();
        self.results.fan.generation += 1;
    }

    /// The tornado of `measure`.
    pub fn tornado_of(&self, measure: Measure) -> &Tornado {
        Measure::ALL
            .iter()
            .position(|m| *m == measure)
            .and_then(|i| self.results.tornadoes.get(i))
            .unwrap_or(&NO_TORNADO)
    }

    /// The result the tornado shows: the one chosen, or revenue when the dataset cannot
    /// give the chosen one (a dataset without operating income).
    pub fn tornado_measure(&self) -> Measure {
        let chosen = self.view.tornado_measure;
        if self.tornado_of(chosen).unavailable.is_none() {
            chosen
        } else {
            Measure::Revenue
        }
    }

    /// The tornado on the Scenario summary and in the export.
    pub fn tornado(&self) -> &Tornado {
        self.tornado_of(self.tornado_measure())
    }

    /// Whether the charts draw a fan: it is on and projections are drawn.
    fn fan_drawn(&self) -> bool {
        self.view.show_fan && self.view.show_projection
    }

    /// The fan the charts draw: none when it is off or no projection is drawn; marked as
    /// updating while a newer one is being computed.
    pub fn fan_shown(&self) -> Option<FanShown<'_>> {
        if !self.fan_drawn() {
            return None;
        }
        let fan = &self.results.fan;
        fan.shown.as_ref().map(|(g, f)| FanShown {
            fan: f,
            updating: *g != fan.generation,
        })
    }

    /// Whether the charts draw a fan that is not the current scenario's (yet).
    pub fn fan_missing(&self) -> bool {
        self.fan_drawn() && !self.results.fan.is_current()
    }

    /// The job that draws the fan of the current generation.
    fn fan_job(&self) -> FanJob {
        FanJob {
            generation: self.results.fan.generation,
            dataset: self.document.dataset.clone(),
            metrics: self.document.metrics.clone(),
            scenario: self.scenario.clone(),
            params: FanParams {
                valuation: self.valuation_params(),
                ..FanParams::default()
            },
        }
    }

    /// Takes in a fan drawn for `generation`: shown unless a newer one is, or it belongs
    /// to a previous document.
    fn accept_fan(&mut self, generation: u64, fan: Fan) {
        let view = &mut self.results.fan;
        if view.in_flight == Some(generation) {
            view.in_flight = None;
        }
        let newer = view.shown.as_ref().is_none_or(|(g, _)| generation > *g);
        if newer && generation > view.floor && generation <= view.generation {
            view.shown = Some((generation, Arc::new(fan)));
        } else {
            log::debug!("fan {generation} dropped (stale)");
        }
    }

    /// Draws the fan of the current scenario now, on this thread, when the charts show
    /// it and it is not current: for exports and the command line, which have no worker
    /// threads.
    pub fn ensure_fan(&mut self) {
        if !self.fan_missing() {
            return;
        }
        let job = self.fan_job();
        if let super::Event::FanReady { generation, fan } = super::tasks::fan_now(&job) {
            self.accept_fan(generation, *fan);
        }
    }
}

impl Dashboard {
    /// Queues the fan of the current generation, unless it is shown, off, or a worker is
    /// busy (its result starts the next one).
    pub(super) fn start_fan(&mut self) {
        let fan = &self.scene.results.fan;
        if !self.scene.view.show_fan || fan.is_current() || fan.in_flight.is_some() {
            return;
        }
        self.scene.results.fan.in_flight = Some(fan.generation);
        self.tasks.push(Task::Fan(Box::new(self.scene.fan_job())));
    }

    /// Takes in a fan drawn by a worker (see [`Scene::accept_fan`]); then the next one
    /// starts if the scenario moved meanwhile.
    pub(super) fn fan_ready(&mut self, generation: u64, fan: Fan) {
        self.scene.accept_fan(generation, fan);
        self.start_fan();
    }

    /// The fan toggle: on, the fan of the current scenario is asked for.
    pub(super) fn set_show_fan(&mut self, on: bool) {
        self.scene.view.show_fan = on;
        self.start_fan();
    }

    /// The valuation card's rates (ignored unless both are numbers); the valuation,
    /// tornadoes and fan follow.
    pub(super) fn set_valuation_rates(&mut self, discount_pct: f64, terminal_growth_pct: f64) {
        if discount_pct.is_finite() && terminal_growth_pct.is_finite() {
            self.scene.view.discount_pct = discount_pct;
            self.scene.view.terminal_growth_pct = terminal_growth_pct;
            self.scene.refresh_results();
            self.start_fan();
        }
    }

    /// The pin toggle of a cost-structure dataset (ignored for any other): the
    /// scenario becomes "Custom" and is projected again.
    pub(super) fn set_pin_operating_margin(&mut self, pin: bool) {
        let scenario = &mut self.scene.scenario;
        let cost_structure = self.scene.document.dataset.operating_model
            == crate::model::dataset::OperatingModel::CostStructure;
        if cost_structure && scenario.pin_operating_margin != pin {
            scenario.pin_operating_margin = pin;
            scenario.name = scenario::CUSTOM.into();
            self.reproject();
        }
    }
}
