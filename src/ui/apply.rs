//! The dashboard's loop: [`Dashboard::apply`] carries out what views ask for (changing
//! state, or queueing a [`Task`]), [`Dashboard::handle`] takes in what background work
//! reports. Each is one exhaustive `match`, with no catch-all arm: a new [`Action`] or
//! [`Event`] does not compile until it is handled here. `handle` is where a task's
//! outcome becomes words for the user, through the one writer of the status line
//! (`Dashboard::set_status`) and the one of the error panel (`Dashboard::set_error`).

use std::path::PathBuf;

use super::dashboard::toggle;
use super::document::example_document;
use super::view_state::RECENT_MAX;
use super::{Action, Dashboard, DialogPurpose, Document, Event, ExportTarget, LoadReason, Task};
use crate::charts::ChartKind;
use crate::model::LoadError;
use crate::model::scenario::{self, SCENARIO_SUFFIX};
use crate::render::{ImageFormat, SCALE_RANGE, SIZE_RANGE_PX};

impl Dashboard {
    /// Applies actions in order.
    pub fn apply(&mut self, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            log::debug!("action: {action:?}");
            self.apply_one(action);
        }
    }

    /// Carries out one action. One exhaustive `match`, no catch-all: a new [`Action`]
    /// does not compile until it is handled here.
    fn apply_one(&mut self, action: Action) {
        match action {
            // What is shown.
            Action::SetTheme(theme) => self.scene.view.theme = theme,
            Action::ToggleMixSeries(name) => toggle(&mut self.scene.view.hidden_mix, name),
            Action::ToggleMargin(name) => toggle(&mut self.scene.view.hidden_margins, name),
            Action::SetShare(share) => self.scene.view.mix.share = share,
            Action::SetSegmentLines(on) => self.scene.view.growth.segment_lines = on,
            Action::SetTab(tab) => self.scene.view.tab = tab,
            Action::SetShowProjection(on) => self.scene.view.show_projection = on,
            Action::ToggleWarnings => self.show_warnings = !self.show_warnings,
            Action::DismissError => self.set_error(None),
            Action::Explain(text) => self.set_status(text),
            Action::Quit => self.quit_requested = true,
            Action::ShowHelp(window) => self.help = window,
            Action::SetExportSize(width, height) => {
                let clamp = |v: u32| v.clamp(*SIZE_RANGE_PX.start(), *SIZE_RANGE_PX.end());
                self.scene.view.export_size = (clamp(width), clamp(height));
            }
            Action::SetExportScale(scale) => {
                self.scene.view.export_scale =
                    scale.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end());
            }
            // Datasets.
            Action::Open(path) => self.open(path, LoadReason::Open),
            Action::Reload => match self.file.clone() {
                Some(path) => self.open(path, LoadReason::Reload),
                None => self.set_status("A built-in dataset has no file to reload".into()),
            },
            Action::OpenExample(name) => self.open_example(name),
            Action::OpenDialog => self.dialog(DialogPurpose::Open),
            Action::OpenFiles(paths) => self.dropped(paths),
            Action::Compare(path) => self.compare_with(path),
            Action::CompareExample(name) => match example_document(&name) {
                Some(doc) => self.handle(Event::CompareLoaded(Box::new(Ok(doc)))),
                None => self.set_status(format!("No built-in example named {name}")),
            },
            Action::CompareDialog => self.dialog(DialogPurpose::Compare),
            Action::ClearCompare => {
                self.scene.compare = None;
                self.set_status("Comparison cleared".into());
            }
            // Importing.
            Action::ImportDialog => self.dialog(DialogPurpose::Import),
            Action::AddSourceDialog => self.dialog(DialogPurpose::AddSource),
            Action::Import(paths) => self.import(paths),
            Action::SaveDataset => self.save_dataset(),
            Action::ConfirmReplace(replace) => self.confirm_replace(replace),
            // The scenario.
            Action::SetLever(lever, value) => {
                if let Some(slot) = self.scene.scenario.levers.get_mut(&lever) {
                    *slot = scenario::clamp_lever(&lever, value);
                    self.scene.scenario.name = scenario::CUSTOM.into();
                    self.reproject();
                }
            }
            Action::SetHorizon(years) => {
                self.scene.scenario.horizon_years = years.clamp(1, scenario::MAX_HORIZON);
                self.reproject();
            }
            Action::ApplyPreset(name) => {
                if let Some(s) = scenario::from_preset(
                    &self.scene.document.dataset,
                    &self.scene.document.metrics,
                    &name,
                ) {
                    self.set_scenario(s);
                }
            }
            Action::ResetScenario => self.set_scenario(self.scene.document.trend.clone()),
            Action::SaveScenario => self.dialog(DialogPurpose::SaveScenario),
            Action::LoadScenario => self.dialog(DialogPurpose::LoadScenario),
            Action::SetPinOperatingMargin(pin) => self.set_pin_operating_margin(pin),
            // The valuation card, the tornado chooser and the fan.
            Action::SetShowFan(on) => self.set_show_fan(on),
            Action::SetTornadoMeasure(measure) => self.scene.view.tornado_measure = measure,
            Action::SetValuationRates {
                discount_pct,
                terminal_growth_pct,
            } => self.set_valuation_rates(discount_pct, terminal_growth_pct),
            // Exports.
            Action::Export(kind, target) => self.export(kind, target),
            Action::ExportAll => self.dialog(DialogPurpose::ExportAll),
        }
    }

    /// A built-in example replaces the document; it has no file to watch or reload.
    fn open_example(&mut self, name: String) {
        match example_document(&name) {
            Some(doc) => {
                self.set_document(doc);
                self.file = None;
                self.scene.view.last_example = Some(name);
                let kept = self.comparison_after_open();
                self.set_status(format!("Loaded {}{kept}", self.scene.document.origin()));
            }
            None => self.set_status(format!("No built-in example named {name}")),
        }
    }

    /// What happens to the comparison when a new primary dataset opens, as the end of
    /// its status line. It is kept (comparing several companies with one peer is the
    /// usual reason to open another file), and said so, with "Stop comparing" beside the
    /// status line to end it; a comparison with the very dataset now on screen ends, as
    /// comparing a file with itself is refused.
    pub(super) fn comparison_after_open(&mut self) -> String {
        let Some(compared) = &self.scene.compare else {
            return String::new();
        };
        let company = compared.dataset.company.clone();
        let doc = &self.scene.document;
        let itself = match (&compared.path, &doc.path) {
            (Some(a), Some(b)) => same_file(a, b),
            (None, None) => compared.dataset == doc.dataset,
            _ => false,
        };
        if itself {
            self.scene.compare = None;
            format!(": the comparison with {company} ended (it is the dataset on screen)")
        } else {
            format!(", still compared with {company}")
        }
    }

    /// Loads `path` to compare with, unless it is the file on screen.
    fn compare_with(&mut self, path: PathBuf) {
        let own = self.scene.document.path.as_deref();
        if own.is_some_and(|own| same_file(own, &path)) {
            self.set_status(format!(
                "{} is the dataset on screen: choose another file to compare it with",
                path.display()
            ));
        } else {
            self.set_status(format!("Loading {} to compare...", path.display()));
            self.tasks.push(Task::LoadCompare(path));
        }
    }

    /// One chart to a PNG or SVG file (asked for in a dialog) or to the clipboard.
    fn export(&mut self, kind: ChartKind, target: ExportTarget) {
        match target {
            ExportTarget::File => self.dialog(DialogPurpose::ExportChart(kind, ImageFormat::Png)),
            ExportTarget::SvgFile => {
                self.dialog(DialogPurpose::ExportChart(kind, ImageFormat::Svg));
            }
            ExportTarget::Clipboard => {
                self.set_status(format!("Rendering {}...", kind.title()));
                self.tasks.push(Task::CopyChart {
                    kind,
                    spec: self.export_spec(),
                    scene: self.export_scene(),
                });
            }
        }
    }

    /// Asks for `path` to be loaded off the UI thread; the current dataset stays on screen
    /// until a good document arrives.
    pub(super) fn open(&mut self, path: PathBuf, reason: LoadReason) {
        self.set_status(format!("Loading {}...", path.display()));
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
                self.set_status(format!(
                    "{} was deleted, renamed or replaced: the dataset on screen is kept",
                    p.display()
                ));
            }
            Event::DialogClosed { request, outcome } => self.dialog_closed(request, outcome),
            Event::DirListed { dir, result } => self.dir_listed(&dir, result),
            Event::Exported(result) => self.exported(result),
            Event::Rendered { title, image } => {
                self.clipboard = Some(image);
                self.set_status(format!("Copied {title} to the clipboard"));
            }
            Event::ScenarioWritten { path, result } => {
                self.set_status(match result {
                    Ok(()) => format!("Saved scenario to {}", path.display()),
                    Err(e) => {
                        format!("Scenario not saved: {e} (scenario files end in {SCENARIO_SUFFIX})")
                    }
                });
            }
            Event::ScenarioRead { path, result } => match result {
                Ok(s) => {
                    self.set_status(format!("Scenario \"{}\" loaded", s.name));
                    self.set_scenario(s);
                }
                Err(e) => {
                    self.set_status(format!(
                        "Scenario not loaded, sliders kept: {}: {e}",
                        path.display()
                    ));
                }
            },
            Event::SettingsNotSaved(e) => self.set_status(format!("Could not save settings: {e}")),
            Event::FanReady { generation, fan } => self.fan_ready(generation, *fan),
            Event::Imported { paths, result } => self.imported(&paths, *result),
            Event::DatasetWritten { path, text, result } => {
                self.dataset_written(path, text, result);
            }
            Event::Notice(s) | Event::TaskFailed(s) => self.set_status(s),
        }
    }

    /// A load finished. Good: the document replaces the one on screen. Bad: the error
    /// panel shows and the dataset on screen stays. Either way the file becomes the one
    /// worked on: watched, reloadable with F5, first in Recent.
    fn loaded(&mut self, path: PathBuf, reason: LoadReason, result: Result<Document, LoadError>) {
        self.loading = None;
        self.file = Some(path.clone());
        self.scene.view.recent.retain(|p| *p != path);
        self.scene.view.recent.insert(0, path.clone());
        self.scene.view.recent.truncate(RECENT_MAX);
        self.refresh_recent();
        match result {
            Ok(doc) => {
                let unchanged = self.scene.document.path.as_ref() == Some(&path)
                    && self.scene.document.dataset == doc.dataset
                    && self.error().is_none();
                self.set_document(doc);
                self.scene.view.last_example = None;
                let name = self.scene.document.origin();
                let kept = match reason {
                    LoadReason::Open => self.comparison_after_open(),
                    LoadReason::Reload | LoadReason::Changed | LoadReason::Saved => String::new(),
                };
                self.set_status(match (reason, unchanged) {
                    (LoadReason::Open, _) => format!("Loaded {name}{kept}"),
                    (LoadReason::Reload, true) => format!("Reloaded {name} (no changes)"),
                    (LoadReason::Reload, false) => format!("Reloaded {name}"),
                    (LoadReason::Changed, _) => format!("Reloaded {name} (changed on disk)"),
                    (LoadReason::Saved, _) => {
                        format!(
                            "Saved {}: the dataset on screen is now this file",
                            path.display()
                        )
                    }
                });
            }
            Err(e) => {
                self.set_status(
                    if self.scene.document.path.is_none() && self.scene.document.import.is_none() {
                        format!(
                            "Could not load {}: the built-in {} example is on screen",
                            path.display(),
                            self.scene.document.dataset.company
                        )
                    } else {
                        format!(
                            "Could not load {}: the dataset on screen is unchanged",
                            path.display()
                        )
                    },
                );
                self.set_error(Some(e.into()));
            }
        }
    }

    fn compare_loaded(&mut self, result: Result<Document, LoadError>) {
        match result {
            Ok(doc) => {
                self.set_status(format!(
                    "Comparing with {} ({})",
                    doc.dataset.company,
                    doc.origin()
                ));
                self.scene.compare = Some(doc);
            }
            Err(e) => {
                self.set_status("Could not load the comparison file".into());
                self.set_error(Some(e.into()));
            }
        }
    }

    fn exported(&mut self, result: Result<Vec<PathBuf>, super::export::ExportError>) {
        self.set_status(match result {
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
        });
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

/// A short name of an event for the debug log (documents and images are not printed;
/// every variant is named, so a new one chooses how it is logged).
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
        small @ (Event::FileChanged(_)
        | Event::FileMissing(_)
        | Event::DialogClosed { .. }
        | Event::DirListed { .. }
        | Event::Exported(_)
        | Event::ScenarioWritten { .. }
        | Event::ScenarioRead { .. }
        | Event::Notice(_)
        | Event::SettingsNotSaved(_)
        | Event::TaskFailed(_)) => format!("{small:?}"),
    }
}
