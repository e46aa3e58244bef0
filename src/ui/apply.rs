//! The dashboard's loop: [`Dashboard::apply`] carries out what views ask for (changing
//! state, or queueing a [`Task`]), [`Dashboard::handle`] takes in what background work
//! reports. `handle` is the one place a task's outcome becomes words for the user: the
//! status line, or the error panel for a file that does not load.

use std::path::PathBuf;

use super::dashboard::toggle;
use super::document::example_document;
use super::view_state::RECENT_MAX;
use super::{
    Action, Dashboard, DialogMode, DialogOutcome, DialogPurpose, DialogRequest, Document, Event,
    ExportTarget, Task,
};
use crate::charts::ChartKind;
use crate::model::LoadError;
use crate::model::scenario::{self, SCENARIO_SUFFIX};
use crate::render::{ImageFormat, SCALE_RANGE, SIZE_RANGE_PX};

/// File filter of dataset dialogs.
const DATASET_FILTER: (&str, &str) = ("moneymap dataset", "ron");

impl Dashboard {
    /// Applies actions in order.
    pub fn apply(&mut self, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            log::debug!("action: {a:?}");
            if !self.apply_view(&a) {
                self.apply_work(a);
            }
        }
    }

    /// Actions that only change what is shown; returns false for any other.
    fn apply_view(&mut self, a: &Action) -> bool {
        match a {
            Action::SetTheme(t) => self.view.theme = *t,
            Action::ToggleMixSeries(n) => toggle(&mut self.view.hidden_mix, n.clone()),
            Action::ToggleMargin(n) => toggle(&mut self.view.hidden_margins, n.clone()),
            Action::SetShare(s) => self.view.mix.share = *s,
            Action::SetSegmentLines(s) => self.view.growth.segment_lines = *s,
            Action::SetTab(t) => self.view.tab = *t,
            Action::SetShowProjection(s) => self.view.show_projection = *s,
            Action::ToggleWarnings => self.show_warnings = !self.show_warnings,
            Action::DismissError => self.error = None,
            Action::Quit => self.quit_requested = true,
            Action::SetExportSize(w, h) => {
                let clamp = |v: u32| v.clamp(*SIZE_RANGE_PX.start(), *SIZE_RANGE_PX.end());
                self.view.export_size = (clamp(*w), clamp(*h));
            }
            Action::SetExportScale(s) => {
                self.view.export_scale = s.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end());
            }
            Action::Explain(s) => self.status.clone_from(s),
            _ => return false,
        }
        true
    }

    /// Actions on the data, the scenario, files and exports.
    fn apply_work(&mut self, a: Action) {
        match a {
            Action::Open(p) => self.open(p, false),
            Action::Reload => match self.doc.path.clone() {
                Some(p) => self.open(p, true),
                None => self.status = "A built-in dataset has no file to reload".into(),
            },
            Action::OpenExample(name) => match example_document(&name) {
                Some(doc) => self.set_document(doc),
                None => self.status = format!("No built-in example named {name}"),
            },
            Action::OpenDialog => self.dialog(DialogPurpose::Open),
            Action::Compare(p) => {
                self.status = format!("Loading {} to compare...", p.display());
                self.tasks.push(Task::LoadCompare(p));
            }
            Action::CompareExample(name) => match example_document(&name) {
                Some(doc) => self.handle(Event::CompareLoaded(Box::new(Ok(doc)))),
                None => self.status = format!("No built-in example named {name}"),
            },
            Action::CompareDialog => self.dialog(DialogPurpose::Compare),
            Action::ClearCompare => {
                self.compare = None;
                self.status = "Comparison cleared".into();
            }
            Action::SetLever(l, v) => {
                if let Some(slot) = self.scenario.levers.get_mut(&l) {
                    *slot = scenario::clamp_lever(&l, v);
                    self.scenario.name = scenario::CUSTOM.into();
                    self.reproject();
                }
            }
            Action::SetHorizon(h) => {
                self.scenario.horizon_years = h.clamp(1, scenario::MAX_HORIZON);
                self.reproject();
            }
            Action::ApplyPreset(name) => {
                if let Some(s) = scenario::from_preset(&self.doc.dataset, &self.doc.metrics, &name)
                {
                    self.set_scenario(s);
                }
            }
            Action::ResetScenario => self.set_scenario(self.doc.trend.clone()),
            Action::SaveScenario => self.dialog(DialogPurpose::SaveScenario),
            Action::LoadScenario => self.dialog(DialogPurpose::LoadScenario),
            Action::Export(kind, ExportTarget::File) => {
                self.dialog(DialogPurpose::ExportChart(kind, ImageFormat::Png));
            }
            Action::Export(kind, ExportTarget::SvgFile) => {
                self.dialog(DialogPurpose::ExportChart(kind, ImageFormat::Svg));
            }
            Action::Export(kind, ExportTarget::Clipboard) => {
                self.status = format!("Rendering {}...", kind.title());
                self.tasks.push(Task::CopyChart {
                    kind,
                    spec: self.export_spec(),
                    snapshot: Box::new(self.clone()),
                });
            }
            Action::ExportAll => self.dialog(DialogPurpose::ExportAll),
            other => log::warn!("action not handled: {other:?}"),
        }
    }

    /// Asks for `path` to be loaded off the UI thread; the current dataset stays on screen
    /// until a good document arrives.
    fn open(&mut self, path: PathBuf, reload: bool) {
        self.status = format!("Loading {}...", path.display());
        self.loading = Some(path.clone());
        self.tasks.push(Task::Load { path, reload });
    }

    /// Queues the file dialog for `purpose`.
    fn dialog(&mut self, purpose: DialogPurpose) {
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
            DialogPurpose::SaveScenario => (
                DialogMode::Save,
                Some(("moneymap scenario".to_owned(), vec!["ron".to_owned()])),
                self.doc
                    .path
                    .as_ref()
                    .and_then(|p| p.parent())
                    .map(PathBuf::from),
                Some(self.scenario_file_name()),
            ),
            DialogPurpose::LoadScenario => (
                DialogMode::Open,
                Some(("moneymap scenario".to_owned(), vec!["ron".to_owned()])),
                self.doc
                    .path
                    .as_ref()
                    .and_then(|p| p.parent())
                    .map(PathBuf::from),
                None,
            ),
            DialogPurpose::ExportChart(kind, format) => (
                DialogMode::Save,
                Some((
                    format.description().to_owned(),
                    vec![format.extension().to_owned()],
                )),
                self.view.export_dir.clone(),
                Some(super::export::file_name_as(self, kind, format)),
            ),
            DialogPurpose::ExportAll => {
                (DialogMode::Folder, None, self.view.export_dir.clone(), None)
            }
        };
        self.tasks.push(Task::Dialog(DialogRequest {
            purpose,
            mode,
            filter,
            start_dir,
            file_name,
        }));
    }

    /// "twilio-bull.scenario.ron": the suggested name of a saved scenario.
    fn scenario_file_name(&self) -> String {
        format!(
            "{}-{}{SCENARIO_SUFFIX}",
            super::export::company_slug(self),
            self.scenario.name.to_lowercase().replace(' ', "-")
        )
    }

    /// Takes in one event from background work.
    pub fn handle(&mut self, event: Event) {
        log::debug!("event: {}", event_name(&event));
        match event {
            Event::Loaded {
                path,
                reload,
                result,
            } => self.loaded(path, reload, *result),
            Event::CompareLoaded(result) => self.compare_loaded(*result),
            Event::FileChanged(path) => {
                if self.doc.path.as_ref() == Some(&path) {
                    self.open(path, true);
                }
            }
            Event::FileMissing(p) => {
                self.refresh_recent();
                self.status = format!(
                    "{} was deleted, renamed or replaced: the dataset on screen is kept",
                    p.display()
                );
            }
            Event::DialogClosed { purpose, outcome } => self.dialog_closed(purpose, outcome),
            Event::Exported(result) => self.exported(result),
            Event::Rendered { title, image } => {
                self.clipboard = Some(image);
                self.status = format!("Copied {title} to the clipboard");
            }
            Event::ScenarioWritten { path, result } => {
                self.status = match result {
                    Ok(()) => format!("Saved scenario to {}", path.display()),
                    Err(e) => {
                        format!("Scenario not saved: {e} (scenario files end in {SCENARIO_SUFFIX})")
                    }
                };
            }
            Event::ScenarioRead { path, result } => match result {
                Ok(s) => {
                    self.status = format!("Scenario \"{}\" loaded", s.name);
                    self.set_scenario(s);
                }
                Err(e) => {
                    self.status =
                        format!("Scenario not loaded, sliders kept: {}: {e}", path.display());
                }
            },
            Event::SettingsNotSaved(e) => self.status = format!("Could not save settings: {e}"),
            Event::Notice(s) | Event::TaskFailed(s) => self.status = s,
        }
    }

    fn loaded(&mut self, path: PathBuf, reload: bool, result: Result<Document, LoadError>) {
        self.loading = None;
        match result {
            Ok(doc) => {
                self.set_document(doc);
                self.view.recent.retain(|p| *p != path);
                self.view.recent.insert(0, path);
                self.view.recent.truncate(RECENT_MAX);
                self.refresh_recent();
                let name = self.doc.origin();
                self.status = if reload {
                    format!("Reloaded {name} (changed on disk)")
                } else {
                    format!("Loaded {name}")
                };
            }
            Err(e) => {
                self.status = format!(
                    "Could not load {}: the dataset on screen is unchanged",
                    path.display()
                );
                self.error = Some(e);
            }
        }
    }

    fn compare_loaded(&mut self, result: Result<Document, LoadError>) {
        match result {
            Ok(doc) => {
                self.status = format!("Comparing with {} ({})", doc.dataset.company, doc.origin());
                self.compare = Some(doc);
            }
            Err(e) => {
                self.status = "Could not load the comparison file".into();
                self.error = Some(e);
            }
        }
    }

    fn dialog_closed(&mut self, purpose: DialogPurpose, outcome: DialogOutcome) {
        let path = match outcome {
            DialogOutcome::Chosen(p) => p,
            DialogOutcome::Cancelled => {
                if !matches!(purpose, DialogPurpose::Open | DialogPurpose::Compare) {
                    self.status = format!("{} cancelled", purpose.verb());
                }
                return;
            }
            DialogOutcome::Unavailable(why) => {
                self.status = format!("{}: no file dialog could be shown ({why})", purpose.verb());
                return;
            }
        };
        match purpose {
            DialogPurpose::Open => self.open(path, false),
            DialogPurpose::Compare => self.apply([Action::Compare(path)]),
            DialogPurpose::SaveScenario => {
                let text = scenario::to_ron(&self.doc.dataset, &self.scenario);
                self.tasks.push(Task::WriteScenario { path, text });
            }
            DialogPurpose::LoadScenario => self.tasks.push(Task::ReadScenario {
                path,
                doc: Box::new(self.doc.clone()),
            }),
            DialogPurpose::ExportChart(kind, format) => {
                if let Some(dir) = path.parent() {
                    self.view.export_dir = Some(dir.to_path_buf());
                }
                self.status = format!("Rendering {}...", kind.title());
                self.tasks.push(Task::ExportChart {
                    kind,
                    format,
                    spec: self.export_spec(),
                    path,
                    snapshot: Box::new(self.clone()),
                });
            }
            DialogPurpose::ExportAll => {
                self.view.export_dir = Some(path.clone());
                self.status = format!("Rendering {} charts...", ChartKind::ALL.len());
                self.tasks.push(Task::ExportAll {
                    dir: path,
                    spec: self.export_spec(),
                    snapshot: Box::new(self.clone()),
                });
            }
        }
    }

    fn exported(&mut self, result: Result<Vec<PathBuf>, super::export::ExportError>) {
        self.status = match result {
            Ok(paths) => match paths.as_slice() {
                [one] => format!("Saved {}", one.display()),
                many => format!(
                    "Saved {} files in {}",
                    many.len(),
                    many.first()
                        .and_then(|p| p.parent())
                        .map_or_else(String::new, |d| d.display().to_string())
                ),
            },
            Err(e) => format!("Export failed: {e}"),
        };
    }

    /// Carries out queued tasks synchronously, with the very functions the window runs
    /// on its background threads, until none are left (a dialog's answer may queue the
    /// export it was for). For tests and for the files named at start.
    pub fn run_tasks_inline(&mut self, dialogs: &dyn super::tasks::Dialogs) {
        while !self.tasks.is_empty() {
            for task in std::mem::take(&mut self.tasks) {
                for event in super::tasks::run(task, dialogs) {
                    self.handle(event);
                }
            }
        }
    }
}

/// A short name of an event for the debug log (documents and images are not printed).
fn event_name(e: &Event) -> String {
    match e {
        Event::Loaded { path, .. } => format!("loaded {}", path.display()),
        Event::CompareLoaded(_) => "compare loaded".into(),
        Event::Rendered { title, .. } => format!("rendered {title}"),
        other => format!("{other:?}"),
    }
}
