//! The app's logger: `env_logger` (so `RUST_LOG=debug` shows what the app does), plus
//! one thing it must not miss whatever the filter says: the errors `rfd` logs when no file
//! dialog can be shown, handed to [`super::tasks::note_dialog_failure`] so the dialog task
//! can tell a failure from a cancel.

use log::{LevelFilter, Log, Metadata, Record};

/// `env_logger`, with `rfd`'s errors also noted for the dialog task.
struct AppLogger {
    inner: env_logger::Logger,
}

impl Log for AppLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        self.inner.enabled(metadata) || is_dialog_failure(metadata)
    }

    fn log(&self, record: &Record<'_>) {
        if is_dialog_failure(record.metadata()) {
            super::tasks::note_dialog_failure(record.args().to_string());
        }
        if self.inner.enabled(record.metadata()) {
            self.inner.log(record);
        }
    }

    fn flush(&self) {
        self.inner.flush();
    }
}

/// An error logged by `rfd`: a dialog that could not be shown.
fn is_dialog_failure(metadata: &Metadata<'_>) -> bool {
    metadata.level() == log::Level::Error && metadata.target().starts_with("rfd")
}

/// Installs the logger: `RUST_LOG` as `env_logger` reads it (default: warnings, and
/// winit's errors only), and `rfd`'s errors always.
pub fn init() {
    let inner = env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,winit=error"),
    )
    .build();
    let level = inner.filter().max(LevelFilter::Error);
    if log::set_boxed_logger(Box::new(AppLogger { inner })).is_ok() {
        log::set_max_level(level);
    }
}
