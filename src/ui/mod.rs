//! The window: the [`Dashboard`] state and its loop ([`Action`]s from views, [`Task`]s
//! run off the UI thread, [`Event`]s back), the [`Scene`] its charts and exports are
//! drawn from, one file per panel, background tasks, the settings file, and the eframe
//! wrapper.

pub mod app;
mod apply;
pub mod charts_grid;
pub mod command;
pub mod dashboard;
pub mod data_table;
mod dialogs;
pub mod document;
pub mod error;
pub mod export;
pub mod export_menu;
pub mod file_browser;
pub mod file_paths;
pub mod header;
pub mod help;
mod importing;
pub mod kpis;
pub mod layout;
pub mod logging;
pub mod menu;
pub mod scenario_results;
pub mod scene;
pub mod screenshot;
pub mod settings;
pub mod startup;
pub mod summary;
pub mod tasks;
pub mod valuation;
pub mod view_state;
pub mod watch;
mod watch_blocks;
pub mod watcher;

pub use command::{
    Action, DialogMode, DialogOutcome, DialogPurpose, DialogRequest, Event, ExportTarget,
    LoadReason, Task,
};
pub use dashboard::Dashboard;
pub use document::{Document, example_document, load_document};
pub use scene::Scene;
pub use view_state::{Tab, ViewState};

use egui::{Key, KeyboardShortcut, Modifiers};

/// Ctrl+O: open a dataset.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// F5: reload the current file.
pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
/// Ctrl+Q: quit.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Ctrl+E: export all charts.
pub const EXPORT_ALL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

pub use help::{HELP, SHORTCUTS, shortcuts};
