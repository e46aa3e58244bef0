//! The dashboard's loop: [`Dashboard::apply`] carries out what views ask for (changing
//! state, or queueing a [`Task`]), [`Dashboard::handle`] takes in what background work
//! reports. `handle` is the one place a task's outcome becomes words for the user: the
//! status line, or the error panel for a file that does not load.

use std::path::PathBuf;

use super::dashboard::toggle;
use super::document::example_document;
use super::view_state::RECENT_MAX;
use super::{Action, Dashboard, DialogPurpose, Document, Event, ExportTarget, LoadReason, Task};
use crate::model::LoadError;
use crate::model::scenario::{self, SCENARIO_SUFFIX};
use crate::render::{ImageFormat, SCALE_RANGE, SIZE_RANGE_PX};

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
            Action::Open(p) => self.open(p, LoadReason::Open),
            Action::Reload => match self.file.clone() {
                Some(p) => self.open(p, LoadReason::Reload),
                None => self.status = "A built-in dataset has no file to reload".into(),
            },
            Action::OpenExample(name) => match example_document(&name) {
                Some(doc) => {
                    self.set_document(doc);
                    self.file = None;
                    self.view.last_example = Some(name);
                }
                None => self.status = format!("No built-in example named {name}"),
            },
            Action::OpenDialog => self.dialog(DialogPurpose::Open),
            Action::Compare(p)
                if self
                    .doc
                    .path
                    .as_deref()
                    .is_some_and(|own| same_file(own, &p)) =>
            {
                self.status = format!(
                    "{} is the dataset on screen: choose another file to compare it with",
                    p.display()
                );
            }
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
            a @ (Action::SetShowFan(_)
            | Action::SetTornadoMeasure(_)
            | Action::SetValuationRates { .. }
            | Action::SetPinOperatingMargin(_)) => self.apply_scenario_view(a),
            Action::OpenFiles(paths) => self.dropped(paths),
            Action::ImportDialog => self.dialog(DialogPurpose::Import),
            Action::AddSourceDialog => self.dialog(DialogPurpose::AddSource),
            Action::Import(paths) => self.import(paths),
            Action::SaveDataset => self.save_dataset(),
            Action::ConfirmReplace(replace) => self.confirm_replace(replace),
            other => log::warn!("action not handled: {other:?}"),
        }
    }

    /// Asks for `path` to be loaded off the UI thread; the current dataset stays on screen
    /// until a good document arrives.
    pub(super) fn open(&mut self, path: PathBuf, reason: LoadReason) {
        self.status = format!("Loading {}...", path.display());
        self.loading = Some(path.clone());
        self.tasks.push(Task::Load { path, reason });
    }

    /// Takes in one event from background work.
    pub fn handle(&mut self, event: Event) {
        log::debug!("event: {}", event_name(&event));
        match event {
            Event::Loaded {
                path,
                reason,
                result,
            } => self.loaded(path, reason, *result),
            Event::CompareLoaded(result) => self.compare_loaded(*result),
            Event::FileChanged(path) => {
                if self.file.as_ref() == Some(&path) {
                    self.open(path, LoadReason::Changed);
                }
            }
            Event::FileMissing(p) => {
                self.refresh_recent();
                self.status = format!(
                    "{} was deleted, renamed or replaced: the dataset on screen is kept",
                    p.display()
                );
            }
            Event::DialogClosed { request, outcome } => self.dialog_closed(request, outcome),
            Event::DirListed { dir, result } => self.dir_listed(&dir, result),
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
            Event::FanReady { generation, fan } => self.fan_ready(generation, *fan),
            Event::Imported { paths, result } => self.imported(&paths, *result),
            Event::DatasetWritten { path, text, result } => {
                self.dataset_written(path, text, result);
            }
            Event::Notice(s) | Event::TaskFailed(s) => self.status = s,
        }
    }

    /// A load finished. Good: the document replaces the one on screen. Bad: the error
    /// panel shows and the dataset on screen stays. Either way the file becomes the one
    /// worked on: watched, reloadable with F5, first in Recent.
    fn loaded(&mut self, path: PathBuf, reason: LoadReason, result: Result<Document, LoadError>) {
        self.loading = None;
        self.file = Some(path.clone());
        self.view.recent.retain(|p| *p != path);
        self.view.recent.insert(0, path.clone());
        self.view.recent.truncate(RECENT_MAX);
        self.refresh_recent();
        match result {
            Ok(doc) => {
                let unchanged = self.doc.path.as_ref() == Some(&path)
                    && self.doc.dataset == doc.dataset
                    && self.error.is_none();
                self.set_document(doc);
                self.view.last_example = None;
                let name = self.doc.origin();
                self.status = match (reason, unchanged) {
                    (LoadReason::Open, _) => format!("Loaded {name}"),
                    (LoadReason::Reload, true) => format!("Reloaded {name} (no changes)"),
                    (LoadReason::Reload, false) => format!("Reloaded {name}"),
                    (LoadReason::Changed, _) => format!("Reloaded {name} (changed on disk)"),
                    (LoadReason::Saved, _) => {
                        format!(
                            "Saved {}: the dataset on screen is now this file",
                            path.display()
                        )
                    }
                };
            }
            Err(e) => {
                self.status = if self.doc.path.is_none() && self.doc.import.is_none() {
                    format!(
                        "Could not load {}: the built-in {} example is on screen",
                        path.display(),
                        self.doc.dataset.company
                    )
                } else {
                    format!(
                        "Could not load {}: the dataset on screen is unchanged",
                        path.display()
                    )
                };
                self.error = Some(e.into());
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
                self.error = Some(e.into());
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

/// Whether two paths name the same file, by their absolute forms (no disk access: this
/// runs in the frame).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::path::absolute(a), std::path::absolute(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A short name of an event for the debug log (documents and images are not printed).
fn event_name(e: &Event) -> String {
    match e {
        Event::Loaded { path, .. } => format!("loaded {}", path.display()),
        Event::CompareLoaded(_) => "compare loaded".into(),
        Event::Rendered { title, .. } => format!("rendered {title}"),
        Event::FanReady { generation, .. } => format!("fan {generation}"),
        Event::Imported { paths, result } => format!(
            "imported {paths:?}: {}",
            if result.is_ok() { "ok" } else { "failed" }
        ),
        Event::DatasetWritten { path, result, .. } => {
            format!("dataset written to {}: {result:?}", path.display())
        }
        other => format!("{other:?}"),
    }
}
