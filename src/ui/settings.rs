//! The settings file: view state and window size, kept between runs.
//!
//! moneymap keeps its own small RON file (`$XDG_CONFIG_HOME/moneymap/settings.ron`, or
//! `~/.config/...`; `MONEYMAP_SETTINGS` overrides the path) instead of eframe's storage,
//! because eframe rewrites its file in place and silently replaces one it cannot parse.
//! Here a damaged file is never lost: the app starts with defaults, keeps the bad file
//! beside it as `settings.ron.bad`, and says so once in the status line. Every save is
//! atomic (temp file, sync, rename), so a crash or a full disk mid-save leaves the
//! previous settings whole. Saves run on a background thread, never while drawing.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use super::ViewState;
use crate::fs::{WriteError, write_own_file};

/// Everything saved between runs. Unknown or missing fields fall back to defaults, so
/// an older or newer settings file still loads.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Panels, theme, recent files, export choices.
    pub view: ViewState,
    /// Inner window size in points, restored at the next start.
    pub window_size: Option<(f32, f32)>,
}

/// Where settings live: `MONEYMAP_SETTINGS`, else the XDG config folder.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MONEYMAP_SETTINGS").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("moneymap").join("settings.ron"))
}

/// The settings read at start, and what the user should be told about them.
#[derive(Debug, Clone)]
pub struct Restored {
    /// The settings to start with (defaults when the file was missing or bad).
    pub settings: Settings,
    /// A one-time message for the status line (damaged or unreadable file).
    pub notice: Option<String>,
    /// False when saving could destroy something: the file could not be read, or a
    /// damaged file could not be copied aside. The session then leaves it alone.
    pub save_enabled: bool,
}

/// The `.bad` copy kept of a damaged settings file.
pub fn bad_copy_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bad");
    path.with_file_name(name)
}

/// Reads the settings file. Never fails: a missing file gives defaults silently; an
/// unreadable or damaged one gives defaults and a notice, and a damaged one is copied
/// to [`bad_copy_path`] before anything can overwrite it.
pub fn load(path: &Path) -> Restored {
    let fresh = |notice: Option<String>, save_enabled: bool| Restored {
        settings: Settings::default(),
        notice,
        save_enabled,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return fresh(None, true),
        Err(e) => {
            return fresh(
                Some(format!(
                    "Settings {}: could not be read ({e}); started with defaults and will not save settings this session.",
                    path.display()
                )),
                false,
            );
        }
    };
    let problem = match std::str::from_utf8(&bytes) {
        Err(e) => format!("not UTF-8 text at byte {}", e.valid_up_to()),
        Ok(text) => match ron::from_str::<Settings>(text) {
            Ok(settings) => {
                return Restored {
                    settings,
                    notice: None,
                    save_enabled: true,
                };
            }
            Err(e) => format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code),
        },
    };
    let bad = bad_copy_path(path);
    match std::fs::copy(path, &bad) {
        Ok(_) => fresh(
            Some(format!(
                "Settings {} were damaged ({problem}); started with defaults. The damaged file is kept as {}.",
                path.display(),
                bad.display()
            )),
            true,
        ),
        Err(e) => fresh(
            Some(format!(
                "Settings {} were damaged ({problem}) and could not be copied aside ({e}); started with defaults and will not save settings this session.",
                path.display()
            )),
            false,
        ),
    }
}

/// Why settings could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The settings could not be written as RON (a bug, not a user error).
    #[error("settings could not be written as text: {0}")]
    Serialize(#[from] ron::Error),
    /// The settings folder could not be created.
    #[error("{dir}: cannot create the settings folder: {source}")]
    Folder {
        /// The settings folder that could not be created.
        dir: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Writes the settings atomically, creating the folder if needed.
pub fn save(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| SettingsError::Folder {
            dir: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(write_own_file(path, text.as_bytes())?)
}

/// Saves settings on a background thread: the UI sends snapshots when they change, the
/// thread waits for a quiet moment (a window being resized sends many) and writes the
/// newest one. Dropping the saver writes whatever is pending before it returns.
pub struct Saver {
    tx: Option<Sender<Settings>>,
    thread: Option<std::thread::JoinHandle<()>>,
    last_sent: Option<Settings>,
}

/// How long the saver waits for more changes before writing.
const QUIET: Duration = Duration::from_millis(400);

impl Saver {
    /// Starts the saver for `path`, which holds `initial` already; `on_error` is told of
    /// each failed write (the window shows it in the status line).
    pub fn start(
        path: PathBuf,
        initial: Settings,
        on_error: impl Fn(SettingsError) + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel::<Settings>();
        let thread = std::thread::Builder::new()
            .name("moneymap-settings".into())
            .spawn(move || save_loop(&path, &rx, &on_error))
            .map_err(|e| log::error!("could not start the settings saver: {e}"))
            .ok();
        Self {
            tx: Some(tx),
            thread,
            last_sent: Some(initial),
        }
    }

    /// Queues the current view and window size for saving if they changed since the
    /// last call; cheap when nothing changed (a comparison, no allocation).
    pub fn offer(&mut self, view: &ViewState, window_size: Option<(f32, f32)>) {
        if self
            .last_sent
            .as_ref()
            .is_some_and(|s| s.view == *view && s.window_size == window_size)
        {
            return;
        }
        let settings = Settings {
            view: view.clone(),
            window_size,
        };
        if let Some(tx) = &self.tx
            && tx.send(settings.clone()).is_err()
        {
            log::error!("the settings saver has stopped; settings are not saved");
        }
        self.last_sent = Some(settings);
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the channel makes the thread write what is pending and stop.
        self.tx = None;
        if let Some(t) = self.thread.take()
            && t.join().is_err()
        {
            log::error!("the settings saver panicked; the last change may not be saved");
        }
    }
}

fn save_loop(path: &Path, rx: &Receiver<Settings>, on_error: &dyn Fn(SettingsError)) {
    while let Ok(mut latest) = rx.recv() {
        let mut closed = false;
        loop {
            match rx.recv_timeout(QUIET) {
                Ok(newer) => latest = newer,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    closed = true;
                    break;
                }
            }
        }
        if let Err(e) = save(path, &latest) {
            on_error(e);
        }
        if closed {
            return;
        }
    }
}
