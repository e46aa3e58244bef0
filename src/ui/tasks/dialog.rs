//! File dialogs, behind a small trait so tests can inject one (a dialog never opens in
//! a test), and the window's native implementation on `rfd`.
//!
//! A dialog blocks the thread that shows it until the user answers, so the window runs
//! it as a task on a worker thread and keeps painting.
//!
//! `rfd` answers "no path" both when the user cancels and when no dialog could be shown
//! (no desktop portal and no zenity, as on many minimal Linux desktops); it says which
//! only in its log. So [`NativeDialogs`] first checks that a dialog can exist at all (a
//! D-Bus session for the portal, or zenity on the `PATH`), and then tells a failure from
//! a cancel by the error `rfd` logs on the same thread, which moneymap's logger hands to
//! [`note_dialog_failure`]. An unavailable dialog is reported as such, and the window
//! opens its own file browser instead.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::ui::{DialogMode, DialogOutcome, DialogRequest, Event};

/// Something that can show a file dialog and say how it ended.
pub trait Dialogs: Send + Sync {
    /// Shows the dialog `request` describes; blocks until it closes.
    fn show(&self, request: &DialogRequest) -> DialogOutcome;
}

/// Shows a dialog and reports how it closed.
pub fn show(request: &DialogRequest, dialogs: &dyn Dialogs) -> Event {
    Event::DialogClosed {
        request: request.clone(),
        outcome: dialogs.show(request),
    }
}

thread_local! {
    /// The last dialog failure `rfd` logged on this thread.
    static FAILURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Records a failure `rfd` logged (called by moneymap's logger for `rfd`'s errors,
/// on the thread that showed the dialog).
pub fn note_dialog_failure(message: String) {
    FAILURE.with(|f| *f.borrow_mut() = Some(message));
}

fn take_failure() -> Option<String> {
    FAILURE.with(|f| f.borrow_mut().take())
}

/// The platform's dialogs through `rfd` (the desktop portal, else `zenity`, on Linux).
#[derive(Debug, Default, Clone, Copy)]
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn show(&self, request: &DialogRequest) -> DialogOutcome {
        if let Some(why) = unavailable() {
            return DialogOutcome::Unavailable(why);
        }
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
        take_failure();
        let chosen: Option<PathBuf> = match request.mode {
            DialogMode::Open => d.pick_file(),
            DialogMode::Save => d.save_file(),
            DialogMode::Folder => d.pick_folder(),
        };
        match (chosen, take_failure()) {
            (Some(p), _) => DialogOutcome::Chosen(p),
            (None, Some(e)) => DialogOutcome::Unavailable(format!("the file dialog failed: {e}")),
            (None, None) => DialogOutcome::Cancelled,
        }
    }
}

/// Why no native dialog can open here, if that is known before trying: on Linux `rfd`
/// needs the desktop portal (over a D-Bus session bus) or the `zenity` program.
fn unavailable() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    (!bus && !on_path("zenity"))
        .then(|| "no D-Bus session for the desktop portal, and no zenity".to_owned())
}

/// Whether `program` is an executable file on the `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// No dialog at all: every request is answered as cancelled (headless runs).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoDialogs;

impl Dialogs for NoDialogs {
    fn show(&self, _request: &DialogRequest) -> DialogOutcome {
        DialogOutcome::Cancelled
    }
}

/// Dialogs that can never open (tests of the fallback, and of the message the user gets).
#[derive(Debug, Clone)]
pub struct UnavailableDialogs(pub String);

impl Dialogs for UnavailableDialogs {
    fn show(&self, _request: &DialogRequest) -> DialogOutcome {
        DialogOutcome::Unavailable(self.0.clone())
    }
}
