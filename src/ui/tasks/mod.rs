//! Background tasks: one function per [`Task`], each turning its inputs into the
//! [`Event`]s it reports. The window runs them on worker threads
//! ([`crate::ui::app`]); tests and startup run them inline
//! ([`crate::ui::Dashboard::run_tasks_inline`]), so both exercise the same code.

mod browse;
mod dialog;
mod export;
mod fan;
mod import;
mod load;
mod scenario;

pub use dialog::{Dialogs, NativeDialogs, NoDialogs, UnavailableDialogs, note_dialog_failure};
pub use fan::{FanJob, run as fan_now};

use super::{Event, Task};

/// Carries out one task; returns what it reports (usually one event).
pub fn run(task: Task, dialogs: &dyn Dialogs) -> Vec<Event> {
    let event = match task {
        Task::Load { path, reason } => load::load(path, reason),
        Task::LoadCompare(path) => load::load_compare(&path),
        Task::Dialog(request) => dialog::show(&request, dialogs),
        Task::ExportChart {
            kind,
            format,
            path,
            spec,
            scene,
        } => export::export_chart(*scene, kind, format, &spec, path),
        Task::CopyChart { kind, spec, scene } => export::copy_chart(*scene, kind, &spec),
        Task::ExportAll { dir, spec, scene } => export::export_all(*scene, &spec, &dir),
        Task::WriteScenario { path, text } => scenario::write(path, &text),
        Task::ReadScenario { path, doc } => scenario::read(path, &doc),
        Task::ListDir { dir, filter } => browse::list_dir(dir, filter.as_ref()),
        Task::Fan(job) => fan::run(&job),
        Task::Import(paths) => import::import(paths),
        Task::WriteDataset {
            path,
            text,
            replace,
        } => import::write(path, text, replace),
    };
    vec![event]
}

/// A short name of a task, for thread names and the debug log.
pub fn name(task: &Task) -> &'static str {
    match task {
        Task::Load { .. } => "load",
        Task::LoadCompare(_) => "load-compare",
        Task::Dialog(_) => "dialog",
        Task::ExportChart { .. } => "export-chart",
        Task::CopyChart { .. } => "copy-chart",
        Task::ExportAll { .. } => "export-all",
        Task::WriteScenario { .. } => "write-scenario",
        Task::ReadScenario { .. } => "read-scenario",
        Task::ListDir { .. } => "list-dir",
        Task::Fan(_) => "fan",
        Task::Import(_) => "import",
        Task::WriteDataset { .. } => "write-dataset",
    }
}
