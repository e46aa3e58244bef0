//! Opening the window: settings are restored (defaults when missing or damaged), the
//! dataset named on the command line (else the last one, else the built-in Twilio) is
//! loaded before the first frame, and eframe is started with the window's size and icon.

use std::path::PathBuf;

use super::app::MoneyMapApp;
use super::screenshot::{self, Screenshot};
use super::settings::{self, Restored, Settings};
use super::tasks::NativeDialogs;
use super::{Action, Dashboard, Document, Event, layout};
use crate::charts::theme::ThemeChoice;

/// What the command line asks the window to start with.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// Dataset to open (else the last one, else the built-in Twilio).
    pub file: Option<PathBuf>,
    /// Dataset to compare with.
    pub compare: Option<PathBuf>,
    /// Save the first complete frame here and exit.
    pub screenshot: Option<PathBuf>,
    /// Theme overriding the saved choice.
    pub theme: Option<ThemeChoice>,
    /// Window size in points overriding the remembered one.
    pub window_size: Option<[f32; 2]>,
}

/// Why the window could not open.
#[derive(Debug, thiserror::Error)]
#[error(
    "could not open the window: {0}\n(is a display available? `moneymap check FILE` works without one)"
)]
pub struct StartError(#[from] eframe::Error);

/// Opens the window and runs it until it closes.
pub fn run(startup: Startup) -> Result<(), StartError> {
    screenshot::mark_start();
    // `--screenshot` runs are probes for the README: defaults, nothing saved.
    let settings_path = if startup.screenshot.is_some() {
        None
    } else {
        settings::default_path()
    };
    let restored = settings_path.as_deref().map_or_else(
        || Restored {
            settings: Settings::default(),
            notice: None,
            save_enabled: false,
        },
        settings::load,
    );
    let size = startup.window_size.unwrap_or_else(|| {
        restored
            .settings
            .window_size
            .filter(|(w, h)| w.is_finite() && h.is_finite())
            .map_or(layout::DEFAULT_WINDOW, |(w, h)| {
                [
                    w.clamp(layout::MIN_WINDOW[0], layout::MAX_WINDOW),
                    h.clamp(layout::MIN_WINDOW[1], layout::MAX_WINDOW),
                ]
            })
    });
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png"))
        .map_err(|e| log::warn!("the window icon could not be read: {e}"))
        .ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("moneymap")
        .with_inner_size(size)
        .with_min_inner_size(layout::MIN_WINDOW)
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "moneymap",
        options,
        Box::new(move |cc| {
            screenshot::timing("window and GL context ready");
            let saver = settings_path
                .filter(|_| restored.save_enabled)
                .map(|p| (p, restored.settings.clone()));
            let dashboard = first_dashboard(&startup, &restored, &cc.egui_ctx);
            let shot = startup.screenshot.clone().map(Screenshot::new);
            Ok(Box::new(MoneyMapApp::new(
                &cc.egui_ctx,
                dashboard,
                shot,
                saver,
            )))
        }),
    )?;
    Ok(())
}

/// What the window opens at start: the file named on the command line, else what was
/// open last (an example, or the last file if it still exists), else nothing (the
/// built-in Twilio stays).
pub fn first_actions(file: Option<PathBuf>, view: &super::ViewState) -> Vec<Action> {
    if let Some(p) = file {
        // A dataset opens; a companyfacts JSON, CSV or workbook is imported.
        vec![Action::OpenFiles(vec![p])]
    } else if let Some(name) = view.last_example.clone() {
        vec![Action::OpenExample(name)]
    } else if let Some(p) = view.last_path.clone().filter(|p| p.is_file()) {
        vec![Action::Open(p)]
    } else {
        Vec::new()
    }
}

/// The dashboard of the first frame: restored view state, the theme asked for, and the
/// files named at start already loaded (no flash of another dataset); later loads run on
/// worker threads.
fn first_dashboard(startup: &Startup, restored: &Restored, ctx: &egui::Context) -> Dashboard {
    let mut dashboard = Dashboard::new(Document::builtin(), restored.settings.view.clone());
    dashboard.refresh_recent();
    if let Some(theme) = startup.theme {
        dashboard.apply([Action::SetTheme(theme)]);
    }
    dashboard.system_dark = ctx.system_theme() == Some(egui::Theme::Dark);
    let first = first_actions(startup.file.clone(), dashboard.view());
    dashboard.apply(first);
    if let Some(p) = startup.compare.clone() {
        dashboard.apply([Action::Compare(p)]);
    }
    dashboard.run_tasks_inline(&NativeDialogs);
    if let Some(notice) = restored.notice.clone() {
        dashboard.handle(Event::Notice(notice));
    }
    dashboard
}
