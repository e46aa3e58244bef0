//! Company data in the window: File > Import... and files dropped on the window become
//! an unsaved document ("Snowflake (imported)"), imported off the UI thread; "Save as
//! dataset..." writes its RON text atomically and never over an existing file without
//! asking. A failed import shows in the error panel and the dataset on screen stays.

use std::path::{Path, PathBuf};

use egui::{Context, Id, RichText};

use super::{Action, Dashboard, DialogPurpose, Document, LoadReason, Task};
use crate::fs::WriteError;
use crate::import::ImportError;

/// Extensions the import dialog offers (the importer recognises sources by content, so
/// this only narrows the list shown).
pub const IMPORT_EXTENSIONS: [&str; 5] = ["json", "csv", "txt", "xlsx", "ods"];

/// Whether a dropped or given file is a dataset to open rather than data to import.
fn is_dataset(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// "file.json, segments.csv": the sources, by file name.
fn names(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Dashboard {
    /// Files dropped on the window: a `.ron` dataset opens (the first one); otherwise
    /// every file is imported, merged in the order dropped.
    pub(super) fn dropped(&mut self, paths: Vec<PathBuf>) {
        if let Some(ron) = paths.iter().find(|p| is_dataset(p)) {
            self.open(ron.clone(), LoadReason::Open);
        } else if !paths.is_empty() {
            self.import(paths);
        }
    }

    /// Imports `paths` off the UI thread; the dataset on screen stays until it arrives.
    pub(super) fn import(&mut self, paths: Vec<PathBuf>) {
        self.set_status(format!("Importing {}...", names(&paths)));
        if let Some(dir) = paths.first().and_then(|p| p.parent()) {
            self.scene.view.import_dir = Some(dir.to_path_buf());
        }
        self.loading = paths.first().cloned();
        self.tasks.push(Task::Import(paths));
    }

    /// An import finished: the new document replaces the one on screen, unsaved; or
    /// the error panel says why not and the dataset on screen stays.
    pub(super) fn imported(&mut self, paths: &[PathBuf], result: Result<Document, ImportError>) {
        self.loading = None;
        match result {
            Ok(doc) => {
                let notes = doc.import.as_ref().map_or(0, |i| i.warnings.len());
                // Nothing on disk is this document yet: no file to watch or reload.
                self.file = None;
                self.set_document(doc);
                self.scene.view.last_example = None;
                let noticed = match notes {
                    0 => String::new(),
                    1 => " (1 import note in the warnings list)".to_owned(),
                    n => format!(" ({n} import notes in the warnings list)"),
                };
                let kept = self.comparison_after_open();
                self.set_status(format!(
                    "Imported {} from {}{noticed}{kept}: not saved yet (File > Save as dataset...)",
                    self.scene.document.dataset.company,
                    names(paths)
                ));
            }
            Err(e) => {
                self.set_status(format!(
                    "Could not import {}: the dataset on screen is unchanged",
                    names(paths)
                ));
                self.set_error(Some(e.into()));
            }
        }
    }

    /// "Save as dataset...": asks where, for an imported document; says why not for one
    /// that is already a file.
    pub(super) fn save_dataset(&mut self) {
        if self.scene.document.import.is_some() {
            self.dialog(DialogPurpose::SaveDataset);
        } else {
            self.set_status(format!(
                "{} is already a dataset file: only an imported dataset needs saving",
                self.scene.document.origin()
            ));
        }
    }

    /// The file name "Save as dataset..." suggests: the company's slug and `.ron`.
    pub(super) fn dataset_file_name(&self) -> String {
        format!(
            "{}.ron",
            super::export::company_slug(&self.scene.document.dataset)
        )
    }

    /// Where "Save as dataset..." starts: the folder of the first source.
    pub(super) fn import_dir(&self) -> Option<PathBuf> {
        let import = self.scene.document.import.as_ref()?;
        import.sources.first()?.parent().map(PathBuf::from)
    }

    /// Writes the imported document's text to `path` (off the UI thread).
    pub(super) fn write_dataset(&mut self, path: PathBuf, replace: bool) {
        let Some(text) = self
            .scene
            .document
            .import
            .as_ref()
            .map(|import| import.ron.clone())
        else {
            return;
        };
        self.set_status(format!("Saving {}...", path.display()));
        self.tasks.push(Task::WriteDataset {
            path,
            text,
            replace,
        });
    }

    /// A dataset was written: it is read back and becomes the file on screen (watched,
    /// reloadable). A file in the way is never replaced without asking.
    pub(super) fn dataset_written(
        &mut self,
        path: PathBuf,
        text: String,
        result: Result<(), WriteError>,
    ) {
        match result {
            Ok(()) => self.open(path, LoadReason::Saved),
            Err(WriteError::Exists(_)) => {
                self.set_status(format!("{} exists: replace it?", path.display()));
                self.confirm_replace = Some((path, text));
            }
            Err(e) => self.set_status(format!("Dataset not saved: {e}")),
        }
    }

    /// The user answered "replace the existing file?".
    pub(super) fn confirm_replace(&mut self, replace: bool) {
        let Some((path, text)) = self.confirm_replace.take() else {
            return;
        };
        if replace {
            self.set_status(format!("Saving {}...", path.display()));
            self.tasks.push(Task::WriteDataset {
                path,
                text,
                replace: true,
            });
        } else {
            self.set_status(format!("Not saved: {} is unchanged", path.display()));
        }
    }
}

/// The "replace the existing file?" question, modal over the window.
pub fn confirm_replace_ui(ctx: &Context, path: &Path) -> Vec<Action> {
    let mut out = Vec::new();
    let modal = egui::Modal::new(Id::unique("moneymap-confirm-replace")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.label(RichText::new("Replace the existing file?").strong());
        ui.label(format!(
            "{} already exists. Replacing it writes the imported dataset in its place; the old file is gone.",
            path.display()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                out.push(Action::ConfirmReplace(true));
            }
            if ui.button("Cancel").clicked() {
                out.push(Action::ConfirmReplace(false));
            }
        });
    });
    if out.is_empty() && modal.should_close() {
        out.push(Action::ConfirmReplace(false));
    }
    out
}
