//! Scenario file tasks: write the active scenario, read a saved one back.

use std::path::PathBuf;

use crate::model::scenario::saved;
use crate::ui::{Document, Event};

/// Writes a saved scenario to `path` (never over a dataset).
pub fn write(path: PathBuf, text: &str) -> Event {
    let result = saved::write_file(&path, text);
    Event::ScenarioWritten { path, result }
}

/// Reads a saved scenario and checks it against `doc`.
pub fn read(path: PathBuf, doc: &Document) -> Event {
    let result = saved::read_file(&path, &doc.dataset, &doc.metrics);
    Event::ScenarioRead { path, result }
}
