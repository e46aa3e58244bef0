//! The eframe window around the [`Dashboard`]: persistence, the file dialog (off the UI
//! thread), dropped files, the window title, and closing.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use super::{Command, Dashboard, Document, ViewState};
use crate::charts::theme::ThemeChoice;

/// Key of the view state in eframe storage.
const STATE_KEY: &str = "moneymap.view";

/// The eframe application.
pub struct MoneyMapApp {
    /// The dashboard drawn every frame.
    pub dashboard: Dashboard,
    dialog: Option<Receiver<Option<PathBuf>>>,
    title: String,
    screenshot: Option<Screenshot>,
}

/// `--screenshot`: where to save, frames drawn so far, and whether it was requested.
struct Screenshot {
    path: PathBuf,
    frames: u32,
    requested: bool,
}

impl MoneyMapApp {
    /// Builds the app: restores saved view state (corrupt or missing state falls back to
    /// defaults), then opens `file`, else the last file, else the built-in dataset.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        screenshot: Option<PathBuf>,
        theme: Option<ThemeChoice>,
    ) -> Self {
        let view: ViewState = cc
            .storage
            .and_then(|s| eframe::get_value(s, STATE_KEY))
            .unwrap_or_default();
        let mut dashboard = Dashboard::new(Document::builtin(), view);
        if let Some(t) = theme {
            dashboard.view.theme = t;
        }
        dashboard.system_dark = cc.egui_ctx.system_theme() == Some(egui::Theme::Dark);
        let start = file.or_else(|| dashboard.view.last_path.clone().filter(|p| p.is_file()));
        if let Some(p) = start {
            dashboard.apply([Command::Open(p)]);
        }
        let screenshot = screenshot.map(|path| Screenshot {
            path,
            frames: 0,
            requested: false,
        });
        Self {
            dashboard,
            dialog: None,
            title: String::new(),
            screenshot,
        }
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
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
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
        if let Some(shot) = &mut self.screenshot {
            shot.frames += 1;
            // The first frames size panels and load fonts; the third is complete.
            if shot.frames >= 3 && !shot.requested {
                shot.requested = true;
                let path = shot.path.clone();
                let ctx2 = ctx.clone();
                ctx.request_screenshot(move |img: std::sync::Arc<egui::ColorImage>| {
                    save_screenshot(&path, &img);
                    ctx2.send_viewport_cmd(egui::ViewportCommand::Close);
                });
            }
            ctx.request_repaint();
        }
        if self.dashboard.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STATE_KEY, &self.dashboard.view);
    }
}

fn save_screenshot(path: &std::path::Path, img: &egui::ColorImage) {
    let canvas = crate::render::Canvas {
        width: img.size[0],
        height: img.size[1],
        rgba: img
            .pixels
            .iter()
            .flat_map(|c| {
                let [r, g, b, _] = c.to_array();
                [r, g, b, 255]
            })
            .collect(),
    };
    let result = crate::render::png_bytes(&canvas)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            crate::render::export::write_atomic(path, &bytes).map_err(|e| e.to_string())
        });
    match result {
        Ok(()) => println!("{}", path.display()),
        Err(e) => eprintln!("moneymap: screenshot: {e}"),
    }
}

/// Opens the window; returns a readable error when no display is available.
pub fn run(
    file: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    theme: Option<&str>,
) -> Result<(), String> {
    let theme = match theme {
        Some("light") => Some(ThemeChoice::Light),
        Some("dark") => Some(ThemeChoice::Dark),
        Some(_) => Some(ThemeChoice::System),
        None => None,
    };
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
    eframe::run_native("moneymap", options, Box::new(move |cc| Ok(Box::new(MoneyMapApp::new(cc, file, screenshot, theme)))))
        .map_err(|e| format!("could not open the window: {e}\n(is a display available? `moneymap check FILE` works without one)"))
}
