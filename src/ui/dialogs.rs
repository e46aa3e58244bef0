//! The dashboard's file dialogs: what each one asks for, what happens with the path
//! chosen, and the fallback to moneymap's own file browser ([`super::file_browser`])
//! when the desktop's dialog cannot open.

use std::path::PathBuf;

use super::file_browser::{FileBrowser, Listing, Outcome};
use super::{Action, Dashboard, DialogMode, DialogOutcome, DialogPurpose, DialogRequest, Task};
use crate::charts::ChartKind;
use crate::model::scenario::{self, SCENARIO_SUFFIX};

/// File filter of dataset dialogs.
const DATASET_FILTER: (&str, &str) = ("moneymap dataset", "ron");

impl Dashboard {
    /// Queues the file dialog for `purpose`.
    pub(super) fn dialog(&mut self, purpose: DialogPurpose) {
        let dataset_filter = || {
            Some((
                DATASET_FILTER.0.to_owned(),
                vec![DATASET_FILTER.1.to_owned()],
            ))
        };
        let (mode, filter, start_dir, file_name) = match purpose {
            DialogPurpose::Open | DialogPurpose::Compare => {
                (DialogMode::Open, dataset_filter(), self.data_dir(), None)
            }
            // Scenario files live beside their dataset.
            DialogPurpose::SaveScenario | DialogPurpose::LoadScenario => {
                let save = purpose == DialogPurpose::SaveScenario;
                (
                    if save {
                        DialogMode::Save
                    } else {
                        DialogMode::Open
                    },
                    Some(("moneymap scenario".to_owned(), vec!["ron".to_owned()])),
                    self.scene
                        .document
                        .path
                        .as_ref()
                        .and_then(|p| p.parent())
                        .map(PathBuf::from),
                    save.then(|| self.scenario_file_name()),
                )
            }
            DialogPurpose::ExportChart(kind, format) => (
                DialogMode::Save,
                Some((
                    format.description().to_owned(),
                    vec![format.extension().to_owned()],
                )),
                self.scene.view.export_dir.clone(),
                Some(super::export::file_name_as(
                    &self.scene.document.dataset,
                    kind,
                    format,
                )),
            ),
            DialogPurpose::ExportAll => (
                DialogMode::Folder,
                None,
                self.scene.view.export_dir.clone(),
                None,
            ),
            DialogPurpose::Import | DialogPurpose::AddSource => (
                DialogMode::Open,
                Some((
                    "Company data (SEC JSON, CSV, XLSX, ODS)".to_owned(),
                    super::importing::IMPORT_EXTENSIONS
                        .map(str::to_owned)
                        .to_vec(),
                )),
                // A source to add is usually beside the ones imported; another import
                // starts where the last one was read from.
                if purpose == DialogPurpose::AddSource {
                    self.import_dir()
                        .or_else(|| self.scene.view.import_dir.clone())
                        .or_else(|| self.data_dir())
                } else {
                    self.scene
                        .view
                        .import_dir
                        .clone()
                        .or_else(|| self.data_dir())
                },
                None,
            ),
            DialogPurpose::SaveDataset => (
                DialogMode::Save,
                dataset_filter(),
                self.import_dir(),
                Some(self.dataset_file_name()),
            ),
        };
        // Each purpose remembers its own folder. Only the others fall back to the folder
        // of the last dialog of any kind: an export with no export folder yet starts in
        // the working folder (as `moneymap export --out` is relative to it), never in the
        // folder an import was read from.
        let export = matches!(
            purpose,
            DialogPurpose::ExportChart(..) | DialogPurpose::ExportAll
        );
        let start_dir = if export {
            start_dir.or_else(|| std::env::current_dir().ok())
        } else {
            start_dir.or_else(|| self.scene.view.browse_dir.clone())
        };
        let request = DialogRequest {
            purpose,
            mode,
            filter,
            start_dir,
            file_name,
        };
        if self.native_dialogs.is_some() {
            self.open_browser(request);
        } else {
            self.tasks.push(Task::Dialog(request));
        }
    }

    /// "twilio-bull.scenario.ron": the suggested name of a saved scenario.
    fn scenario_file_name(&self) -> String {
        format!(
            "{}-{}{SCENARIO_SUFFIX}",
            super::export::company_slug(&self.scene.document.dataset),
            self.scene.scenario.name.to_lowercase().replace(' ', "-")
        )
    }

    /// A dialog (native or the browser) closed: carry on with the chosen path, say
    /// "cancelled" only when the user cancelled, and open the file browser when the
    /// native dialog could not open (saying why, once).
    pub(super) fn dialog_closed(&mut self, request: DialogRequest, outcome: DialogOutcome) {
        let purpose = request.purpose;
        let path = match outcome {
            DialogOutcome::Chosen(p) => p,
            DialogOutcome::Cancelled => {
                if !matches!(purpose, DialogPurpose::Open | DialogPurpose::Compare) {
                    self.set_status(format!("{} cancelled", purpose.verb()));
                }
                return;
            }
            DialogOutcome::Unavailable(why) => {
                if self.native_dialogs.is_none() {
                    self.set_status(format!(
                        "No file dialog on this desktop ({why}): moneymap's own file browser opens instead"
                    ));
                    self.native_dialogs = Some(why);
                }
                self.open_browser(request);
                return;
            }
        };
        let folder = if request.mode == DialogMode::Folder {
            Some(path.clone())
        } else {
            path.parent().map(PathBuf::from)
        };
        if let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
            self.scene.view.browse_dir = Some(f);
        }
        match purpose {
            DialogPurpose::Open => self.open(path, super::LoadReason::Open),
            DialogPurpose::Compare => self.apply([Action::Compare(path)]),
            DialogPurpose::SaveScenario => {
                let text = scenario::to_ron(&self.scene.document.dataset, &self.scene.scenario);
                self.tasks.push(Task::WriteScenario { path, text });
            }
            DialogPurpose::LoadScenario => self.tasks.push(Task::ReadScenario {
                path,
                doc: Box::new(self.scene.document.clone()),
            }),
            DialogPurpose::ExportChart(kind, format) => {
                if let Some(dir) = path.parent() {
                    self.scene.view.export_dir = Some(dir.to_path_buf());
                }
                self.set_status(format!("Rendering {}...", kind.title()));
                self.tasks.push(Task::ExportChart {
                    kind,
                    format,
                    spec: self.export_spec(),
                    path,
                    scene: self.export_scene(),
                });
            }
            DialogPurpose::ExportAll => {
                self.scene.view.export_dir = Some(path.clone());
                self.set_status(format!("Rendering {} charts...", ChartKind::ALL.len()));
                self.tasks.push(Task::ExportAll {
                    dir: path,
                    spec: self.export_spec(),
                    scene: self.export_scene(),
                });
            }
            DialogPurpose::Import => self.import(vec![path]),
            DialogPurpose::AddSource => {
                // The sources so far, then this one: it fills their gaps and wins where
                // they disagree (each disagreement is listed in the warnings).
                let mut paths = self
                    .scene
                    .document
                    .import
                    .as_ref()
                    .map(|i| i.sources.clone())
                    .unwrap_or_default();
                paths.push(path);
                self.import(paths);
            }
            DialogPurpose::SaveDataset => {
                // A name typed without an extension is saved as a dataset file.
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                self.write_dataset(path, false);
            }
        }
    }

    /// Opens the file browser for `request`, in the folder it names, else the last one
    /// used, else the working folder.
    pub(super) fn open_browser(&mut self, request: DialogRequest) {
        let dir = request
            .start_dir
            .clone()
            .or_else(|| self.scene.view.browse_dir.clone())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let filter = request.filter.clone();
        self.browser = Some(FileBrowser::new(request, dir.clone()));
        self.tasks.push(Task::ListDir { dir, filter });
    }

    /// What the user did in the file browser.
    pub(super) fn browser_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Navigate(dir) => {
                if let Some(b) = &mut self.browser {
                    b.show_dir(dir.clone());
                    let filter = b.request.filter.clone();
                    self.tasks.push(Task::ListDir { dir, filter });
                }
            }
            Outcome::Chosen(path) => {
                if let Some(b) = self.browser.take() {
                    self.dialog_closed(b.request, DialogOutcome::Chosen(path));
                }
            }
            Outcome::Cancelled => {
                if let Some(b) = self.browser.take() {
                    self.dialog_closed(b.request, DialogOutcome::Cancelled);
                }
            }
        }
    }

    /// A folder was read: the browser shows it, if it is still the one shown.
    pub(super) fn dir_listed(
        &mut self,
        dir: &std::path::Path,
        result: Result<(Vec<super::file_browser::DirEntry>, usize), String>,
    ) {
        if let Some(b) = self.browser.as_mut().filter(|b| b.dir == dir) {
            b.listing = match result {
                Ok((entries, left_out)) => Listing::Ready(entries, left_out),
                Err(e) => Listing::Failed(e),
            };
        }
    }
}
