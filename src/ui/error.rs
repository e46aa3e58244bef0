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
///
/// `builtin` names the company of a built-in example on screen: a file that fails at
/// startup leaves the built-in dataset there, which must not pass for the user's file.
pub fn ui(ui: &mut Ui, e: &Problem, theme: Theme, builtin: Option<&str>) -> Vec<Action> {
    let mut out = Vec::new();
    let heading = match (e, builtin) {
        (Problem::Load(_), Some(company)) => format!(
            "Could not load the file; on screen is the built-in {company} example, not this file."
        ),
        (Problem::Load(_), None) => {
            "Could not load the file; the dataset on screen is unchanged.".to_owned()
        }
        (Problem::Import(_), _) => {
            "Could not import the data; the dataset on screen is unchanged.".to_owned()
        }
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
        ui.add(
            egui::Label::new(snippet_job(ui, &snippet, theme))
                .wrap_mode(egui::TextWrapMode::Extend),
        );
    }
    // The window shows one error; the command line lists them all at once.
    if let Problem::Load(e) = e
        && e.is_validation()
        && let Some(file) = &e.file
    {
        ui.label(
            RichText::new(format!(
                "This is the file's first error: `moneymap check {}` lists every one at once.",
                file.display()
            ))
            .small()
            .color(theme.weak_text()),
        );
    }
    out
}

/// The offending line and its caret, the character at the caret in the error colour and
/// underlined (so it stands out even where the small caret is hard to see), never
/// wrapped (a wrapped line would leave the caret under another character).
fn snippet_job(ui: &Ui, snippet: &str, theme: Theme) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let plain = egui::TextFormat::simple(font.clone(), theme.weak_text());
    let caret_format = egui::TextFormat::simple(font, theme.error());
    let marked = egui::TextFormat {
        underline: egui::Stroke::new(1.5, theme.error()),
        ..caret_format.clone()
    };
    let mut job = egui::text::LayoutJob::default();
    let Some((line, caret)) = snippet.split_once('\n') else {
        job.append(snippet, 0.0, plain);
        return job;
    };
    let at = caret.chars().count().saturating_sub(1);
    let before: String = line.chars().take(at).collect();
    let hit: String = line.chars().skip(at).take(1).collect();
    let after: String = line.chars().skip(at + 1).collect();
    job.append(&before, 0.0, plain.clone());
    // A caret past the end of the line (a missing comma) marks the space after it.
    job.append(if hit.is_empty() { " " } else { &hit }, 0.0, marked.clone());
    job.append(&after, 0.0, plain);
    job.append(&format!("\n{caret}"), 0.0, caret_format);
    job
}
