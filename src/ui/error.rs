//! The error panel: file, place (line:column, CSV row:column, workbook cell or JSON
//! path), message, and for a dataset the offending line with a caret. The only place a
//! load or import error is shown in the window.

use egui::{RichText, Ui};

use super::Action;
use crate::charts::Theme;
use crate::import::ImportError;
use crate::model::LoadError;

/// What the error panel shows: a dataset that would not load, or data that would not
/// import. Either way the dataset on screen stays.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A dataset file failed to load.
    Load(LoadError),
    /// Company data failed to import.
    Import(ImportError),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Load(e) => e.fmt(f),
            Problem::Import(e) => e.fmt(f),
        }
    }
}

impl From<LoadError> for Problem {
    fn from(e: LoadError) -> Self {
        Problem::Load(e)
    }
}

impl From<ImportError> for Problem {
    fn from(e: ImportError) -> Self {
        Problem::Import(e)
    }
}

/// Draws the error; returns `DismissError` when dismissed.
pub fn ui(ui: &mut Ui, e: &Problem, theme: Theme) -> Vec<Action> {
    let mut out = Vec::new();
    let heading = match e {
        Problem::Load(_) => "Could not load the file; the dataset on screen is unchanged.",
        Problem::Import(_) => "Could not import the data; the dataset on screen is unchanged.",
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(heading).color(theme.error()).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Dismiss").clicked() {
                out.push(Action::DismissError);
            }
        });
    });
    ui.label(RichText::new(e.to_string()).monospace());
    if let Some(snippet) = match e {
        Problem::Load(e) => e.caret_snippet(),
        Problem::Import(_) => None,
    } {
        ui.label(RichText::new(snippet).monospace().color(theme.weak_text()));
    }
    out
}
