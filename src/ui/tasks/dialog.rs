//! File dialogs, behind a small trait so tests can inject one (a dialog never opens in
//! a test), and the window's native implementation on `rfd`.
//!
//! A dialog blocks the thread that shows it until the user answers, so the window runs
//! it as a task on a worker thread and keeps painting.

use std::path::PathBuf;

use crate::ui::{DialogMode, DialogOutcome, DialogRequest, Event};

/// Something that can show a file dialog and say how it ended.
pub trait Dialogs: Send + Sync {
    /// Shows the dialog `request` describes; blocks until it closes.
    fn show(&self, request: &DialogRequest) -> DialogOutcome;
}

/// Shows a dialog and reports how it closed.
pub fn show(request: &DialogRequest, dialogs: &dyn Dialogs) -> Event {
    Event::DialogClosed {
        purpose: request.purpose,
        outcome: dialogs.show(request),
    }
}

/// The platform's dialogs through `rfd` (the desktop portal, else `zenity`, on Linux).
#[derive(Debug, Default, Clone, Copy)]
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn show(&self, request: &DialogRequest) -> DialogOutcome {
        let mut d = rfd::FileDialog::new();
        if let Some((name, exts)) = &request.filter {
            d = d.add_filter(name, exts);
        }
        if let Some(dir) = &request.start_dir {
            d = d.set_directory(dir);
        }
        if let Some(name) = &request.file_name {
            d = d.set_file_name(name);
        }
        let chosen: Option<PathBuf> = match request.mode {
            DialogMode::Open => d.pick_file(),
            DialogMode::Save => d.save_file(),
            DialogMode::Folder => d.pick_folder(),
        };
        chosen.map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }
}

/// No dialog at all: every request is answered as cancelled (tests and headless runs).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoDialogs;

impl Dialogs for NoDialogs {
    fn show(&self, _request: &DialogRequest) -> DialogOutcome {
        DialogOutcome::Cancelled
    }
}
