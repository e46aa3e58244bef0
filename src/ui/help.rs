//! Help: the keyboard shortcuts, in one table that both the key handling ([`shortcuts`])
//! and the Help > Keyboard shortcuts window read, so the list shown cannot drift from the
//! keys handled; the About window (version, data sources, licence); and the keyboard focus
//! ring, painted around whichever widget has focus so focus never reads as hover.

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use super::{Action, Dashboard, EXPORT_ALL, OPEN, QUIT, RELOAD};
use crate::charts::theme::Theme;

/// F1: the keyboard shortcuts window.
pub const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);

/// A Help window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpWindow {
    /// Every keyboard shortcut.
    Shortcuts,
    /// Version, data sources and licence.
    About,
}

/// One keyboard shortcut: its keys, what it does in words, and the action it asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcut {
    /// The keys (Ctrl is Cmd on a Mac).
    pub keys: KeyboardShortcut,
    /// What it does, as the Help window lists it.
    pub label: &'static str,
    /// The action the key handling returns.
    pub action: Action,
}

/// Every shortcut moneymap handles itself: [`shortcuts`] turns these keys into these
/// actions, and the Help window lists these rows.
pub const SHORTCUTS: [Shortcut; 5] = [
    Shortcut {
        keys: OPEN,
        label: "Open a dataset...",
        action: Action::OpenDialog,
    },
    Shortcut {
        keys: RELOAD,
        label: "Reload the file on screen",
        action: Action::Reload,
    },
    Shortcut {
        keys: EXPORT_ALL,
        label: "Export all charts...",
        action: Action::ExportAll,
    },
    Shortcut {
        keys: QUIT,
        label: "Quit",
        action: Action::Quit,
    },
    Shortcut {
        keys: HELP,
        label: "Keyboard shortcuts (this list)",
        action: Action::ShowHelp(Some(HelpWindow::Shortcuts)),
    },
];

/// The keys every control understands, handled by egui itself (not by [`shortcuts`]):
/// listed below the table so the window names every key a user can press.
pub const CONTROL_KEYS: [(&str, &str); 5] = [
    ("Tab / Shift+Tab", "Next / previous control, panel by panel"),
    (
        "Space or Enter",
        "Press the focused button, tick the focused box",
    ),
    ("Left / Right", "Step the focused slider by 0.1"),
    ("Double-click a number", "Type a lever's value"),
    ("Esc", "Close a menu"),
];

/// The keyboard shortcuts of this frame, as actions, from [`SHORTCUTS`].
pub fn shortcuts(ctx: &egui::Context) -> Vec<Action> {
    ctx.input_mut(|i| {
        SHORTCUTS
            .iter()
            .filter(|s| i.consume_shortcut(&s.keys))
            .map(|s| s.action.clone())
            .collect()
    })
}

/// Draws the Help window that is open, if any; returns `ShowHelp(None)` when it is closed.
pub fn window_ui(ctx: &egui::Context, dashboard: &Dashboard) -> Vec<Action> {
    let Some(which) = dashboard.help() else {
        return Vec::new();
    };
    let mut open = true;
    let title = match which {
        HelpWindow::Shortcuts => "Keyboard shortcuts",
        HelpWindow::About => "About moneymap",
    };
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        // Shown whole at once: a help window is read, not animated in.
        .fade_in(false)
        // Centred, clear of the menu bar it was opened from.
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .show(ctx, |ui| match which {
            HelpWindow::Shortcuts => shortcuts_ui(ui),
            HelpWindow::About => about_ui(ui, dashboard),
        });
    if open {
        Vec::new()
    } else {
        vec![Action::ShowHelp(None)]
    }
}

/// The shortcuts table, then the keys of every control, in one grid so both line up.
fn shortcuts_ui(ui: &mut egui::Ui) {
    egui::Grid::new("help_shortcuts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for s in &SHORTCUTS {
                ui.label(RichText::new(ui.ctx().format_shortcut(&s.keys)).strong());
                ui.label(s.label);
                ui.end_row();
            }
            ui.end_row();
            ui.label(RichText::new("In every control").italics());
            ui.end_row();
            for (keys, what) in CONTROL_KEYS {
                ui.label(RichText::new(keys).strong());
                ui.label(what);
                ui.end_row();
            }
        });
}

/// The version, where the figures come from, and the licence.
fn about_ui(ui: &mut egui::Ui, dashboard: &Dashboard) {
    ui.label(RichText::new(format!("moneymap {}", env!("CARGO_PKG_VERSION"))).strong());
    ui.label("How a company makes its money: revenue mix, growth, margins and a scenario.");
    ui.separator();
    let source = &dashboard.document().dataset.source;
    let mut on_screen = format!("On screen: {}", source.title);
    for part in [&source.citation, &source.date].into_iter().flatten() {
        on_screen.push_str(", ");
        on_screen.push_str(part);
    }
    on_screen.push_str(&format!(" ({})", source.basis));
    ui.label(on_screen);
    ui.label(
        "Built-in examples: Twilio as stated in an article and as reported (GAAP), and \
         Ericsson from its Form 20-F filings. Imports read SEC companyfacts JSON and your own \
         CSV or spreadsheet files.",
    );
    ui.separator();
    ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
}

/// Paints the keyboard focus ring around the focused widget, on its own layer above its
/// content, clipped to where the widget is visible. egui draws a focused widget with its
/// "active" fill, which reads as hover or a press; the ring, in the theme's focus colour,
/// says "the keys act here" in both themes.
pub fn paint_focus_ring(ctx: &egui::Context, theme: Theme) {
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(r) = ctx.read_response(id) else {
        return;
    };
    if !r.interact_rect.is_positive() {
        return;
    }
    ctx.layer_painter(r.layer_id).rect_stroke(
        r.interact_rect.expand(FOCUS_GAP),
        3.0,
        theme.focus_ring(),
        egui::StrokeKind::Outside,
    );
}

/// How far outside the focused widget its ring is drawn, in points.
pub const FOCUS_GAP: f32 = 2.0;
