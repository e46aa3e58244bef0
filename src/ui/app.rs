//! The eframe window around the [`Dashboard`]: persistence, the file dialog (off the UI
//! thread), dropped files, the window title, and closing.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use super::{Command, Dashboard, Document, ViewState};
use crate::model;

/// Key of the view state in eframe storage.
const STATE_KEY: &str = "moneymap.view";

/// The eframe application.
pub struct MoneyMapApp {
    /// The dashboard drawn every frame.
    pub dashboard: Dashboard,
    dialog: Option<Receiver<Option<PathBuf>>>,
    title: String,
}

impl MoneyMapApp {
    /// Builds the app: restores saved view state (corrupt or missing state falls back to
    /// defaults), then opens `file`, else the last file, else the built-in dataset.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let view: ViewState = cc
            .storage
            .and_then(|s| eframe::get_value(s, STATE_KEY))
            .unwrap_or_default();
        let mut dashboard = Dashboard::new(Document::builtin(), view);
        dashboard.system_dark = cc.egui_ctx.system_theme() == Some(egui::Theme::Dark);
        let start = file.or_else(|| dashboard.view.last_path.clone().filter(|p| p.is_file()));
        if let Some(p) = start {
            dashboard.apply([Command::Open(p)]);
        }
        Self { dashboard, dialog: None, title: String::new() }
    }

    fn open_dialog(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        let start_dir = self
            .dashboard
            .view
            .last_path
            .as_ref()
            .and_then(|p| p.parent().map(PathBuf::from));
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut d = rfd::FileDialog::new().add_filter("moneymap dataset", &["ron"]);
            if let Some(dir) = start_dir {
                d = d.set_directory(dir);
            }
            let _ = tx.send(d.pick_file());
        });
        self.dialog = Some(rx);
    }
}

impl eframe::App for MoneyMapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(t) = ctx.system_theme() {
            self.dashboard.system_dark = t == egui::Theme::Dark;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&super::OPEN)) {
            self.open_dialog();
        }
        // A finished dialog or dropped files become commands.
        let mut cmds = Vec::new();
        if let Some(rx) = &self.dialog
            && let Ok(choice) = rx.try_recv()
        {
            self.dialog = None;
            cmds.extend(choice.map(Command::Open));
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect());
        cmds.extend(dropped.into_iter().take(1).map(Command::Open));
        self.dashboard.apply(cmds);

        self.dashboard.ui(ui);

        if self.dialog.is_some() {
            // Poll the dialog thread without spinning: a light repaint while it is open.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let ds = &self.dashboard.doc.dataset;
        let title = format!("{} — moneymap", ds.company);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if self.dashboard.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STATE_KEY, &self.dashboard.view);
    }
}

/// Opens the window; returns a readable error when no display is available.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("moneymap")
        .with_inner_size([1280.0, 720.0])
        .with_min_inner_size([960.0, 600.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let _ = model::TWILIO_RON;
    eframe::run_native("moneymap", options, Box::new(move |cc| Ok(Box::new(MoneyMapApp::new(cc, file)))))
        .map_err(|e| format!("could not open the window: {e}\n(is a display available? `moneymap check FILE` works without one)"))
}
