//! Watching the open file for changes.
//!
//! [`Watcher`] polls the file's size and modification time (no extra dependency, works
//! on every file system, including network mounts where inotify does not) and reports a
//! change once the file has been stable for a short debounce, so an editor's partial
//! write is not loaded half-way (and if it is, the error is shown and the next good save
//! replaces it).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use super::Event;

/// What the watcher saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    /// The file changed and has been stable for the debounce time.
    Changed,
    /// The file is gone (deleted, renamed) or is no longer a regular file.
    Missing,
}

impl WatchEvent {
    /// What the dashboard is told: a changed file is reloaded (a bad or unreadable one
    /// then shows the error panel and keeps the dataset), a missing one is reported in
    /// the status line. Shared by the app and the fault tests.
    pub fn event(&self, path: &Path) -> Event {
        match self {
            WatchEvent::Changed => Event::FileChanged(path.to_path_buf()),
            WatchEvent::Missing => Event::FileMissing(path.to_path_buf()),
        }
    }
}

/// Size, modification time and kind of a path, for change detection.
fn stamp(path: &Path) -> Option<(u64, Option<SystemTime>, bool)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok(), m.is_file()))
}

/// Polls one file on a background thread; stops when dropped.
pub struct Watcher {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Watcher {
    /// How often the file is checked.
    pub const POLL: Duration = Duration::from_millis(100);
    /// How long a change must be stable before it is reported.
    pub const DEBOUNCE: Duration = Duration::from_millis(150);

    /// Starts watching `path`; `on_event` runs on the watcher thread.
    pub fn spawn(path: PathBuf, on_event: impl Fn(WatchEvent) + Send + 'static) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = Arc::clone(&stop);
        let watched = path.clone();
        let handle = std::thread::Builder::new()
            .name("moneymap-watch".into())
            .spawn(move || {
                let mut seen = stamp(&watched);
                let mut missing_reported = false;
                while !stop2.load(Ordering::Relaxed) {
                    std::thread::sleep(Self::POLL);
                    let now = stamp(&watched);
                    if now == seen {
                        continue;
                    }
                    // Debounce: wait until two looks in a row agree.
                    let mut settled = now;
                    loop {
                        std::thread::sleep(Self::DEBOUNCE);
                        if stop2.load(Ordering::Relaxed) {
                            return;
                        }
                        let again = stamp(&watched);
                        if again == settled {
                            break;
                        }
                        settled = again;
                    }
                    seen = settled;
                    match settled {
                        Some((_, _, true)) => {
                            missing_reported = false;
                            on_event(WatchEvent::Changed);
                        }
                        _ if !missing_reported => {
                            missing_reported = true;
                            on_event(WatchEvent::Missing);
                        }
                        _ => {}
                    }
                }
            })
            .map_err(|e| log::error!("could not start the file watcher: {e}"))
            .ok();
        Self { path, stop, handle }
    }

    /// The watched path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take()
            && h.join().is_err()
        {
            log::error!("the file watcher thread panicked");
        }
    }
}
