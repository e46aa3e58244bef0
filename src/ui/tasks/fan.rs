//! The fan task: draws the Monte Carlo fan of outcomes of one scenario off the UI
//! thread (2,000 draws take a few milliseconds, more than a frame's budget). The job
//! carries its own copy of the inputs, so the window keeps drawing and the user keeps
//! dragging while it runs; its generation lets the dashboard drop a result that a newer
//! request has overtaken.

use crate::model::dataset::Dataset;
use crate::model::fan::{self, FanParams};
use crate::model::metrics::Metrics;
use crate::model::scenario::Scenario;
use crate::ui::Event;

/// One fan to draw: the inputs as they were when asked, and which request it answers.
#[derive(Debug, Clone)]
pub struct FanJob {
    /// The request's generation (see [`crate::ui::scenario_results::FanView`]).
    pub generation: u64,
    /// A copy of the dataset (the window may load another meanwhile).
    pub dataset: Dataset,
    /// Its metrics, copied with it.
    pub metrics: Metrics,
    /// The scenario as it was when asked (the sliders may have moved since).
    pub scenario: Scenario,
    /// Draws, seed and the valuation parameters of the value distribution.
    pub params: FanParams,
}

/// Draws the fan.
pub fn run(job: &FanJob) -> Event {
    let fan = fan::fan(&job.dataset, &job.metrics, &job.scenario, &job.params);
    Event::FanReady {
        generation: job.generation,
        fan: Box::new(fan),
    }
}
