//! The window's panels: one file per panel, each drawing from the [`Dashboard`] and
//! returning [`Command`]s; plus the eframe wrapper in `app`.

pub mod app;
pub mod charts_grid;
pub mod dashboard;
pub mod error;
pub mod export_menu;
pub mod header;
pub mod kpis;
pub mod loader;
pub mod menu;
pub mod scenario;
pub mod settings;
pub mod table;

pub use dashboard::{Command, Dashboard, Document, ExportTarget, IoRequest, Tab, ViewState};

use egui::{Key, KeyboardShortcut, Modifiers};

/// Ctrl+O open, F5 reload, Ctrl+Q quit.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Reload the current file.
pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
/// Quit.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Export all charts.
pub const EXPORT_ALL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

/// Keyboard shortcuts of this frame, as commands.
pub fn shortcuts(ctx: &egui::Context) -> Vec<Command> {
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        if i.consume_shortcut(&OPEN) {
            out.push(Command::OpenDialog);
        }
        if i.consume_shortcut(&RELOAD) {
            out.push(Command::Reload);
        }
        if i.consume_shortcut(&QUIT) {
            out.push(Command::Quit);
        }
        if i.consume_shortcut(&EXPORT_ALL) {
            out.push(Command::ExportAll);
        }
    });
    out
}
