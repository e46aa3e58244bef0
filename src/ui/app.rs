//! The eframe window around the [`Dashboard`]: settings, the file dialog (off the UI
//! thread), dropped files, the window title, and closing.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::{Command, Dashboard, Document, ExportTarget, IoRequest, ViewState};
use crate::charts::theme::ThemeChoice;
use crate::render::export::{self, ChartKind};
use crate::render::{FrameSpec, png_bytes};

/// Process start, for the `MONEYMAP_TIMING=1` startup probe.
static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Prints how long since start a stage took, when `MONEYMAP_TIMING` is set.
fn timing(stage: &str) {
    if std::env::var_os("MONEYMAP_TIMING").is_some()
        && let Some(t0) = START.get()
    {
        eprintln!(
            "moneymap timing: {stage}: {:.1} ms",
            t0.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// The eframe application.
pub struct MoneyMapApp {
    /// The dashboard drawn every frame.
    pub dashboard: Dashboard,
    dialog: Option<Receiver<Option<PathBuf>>>,
    title: String,
    screenshot: Option<Screenshot>,
    results_tx: Sender<BgResult>,
    results_rx: Receiver<BgResult>,
    /// Watches the open file; replaced whenever the document's path changes.
    watcher: Option<super::loader::Watcher>,
    /// Saves settings off the UI thread (none in `--screenshot` runs or when saving
    /// could destroy a file the user may want back).
    saver: Option<super::settings::Saver>,
}

/// Where the window's settings come from and go to.
pub struct SettingsSource {
    /// What was read at start.
    pub restored: super::settings::Restored,
    /// The settings file; `None` disables saving.
    pub path: Option<PathBuf>,
}

/// What background work sends back to the UI thread.
enum BgResult {
    /// Commands to apply (status messages, remembered folders).
    Commands(Vec<Command>),
    /// A rendered chart for the clipboard.
    CopyImage(egui::ColorImage, String),
}

/// `--screenshot`: where to save, frames drawn so far, and whether it was requested.
struct Screenshot {
    path: PathBuf,
    frames: u32,
    requested: bool,
}

impl MoneyMapApp {
    /// Builds the app: starts from the restored settings (defaults when the file was
    /// missing or damaged), then opens `file`, else the last file, else the built-in dataset.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        compare: Option<PathBuf>,
        screenshot: Option<PathBuf>,
        theme: Option<ThemeChoice>,
        settings: SettingsSource,
    ) -> Self {
        timing("window and GL context ready");
        let SettingsSource { restored, path } = settings;
        let view: ViewState = restored.settings.view.clone();
        let mut dashboard = Dashboard::new(Document::builtin(), view);
        dashboard.refresh_recent();
        if let Some(t) = theme {
            dashboard.view.theme = t;
        }
        dashboard.system_dark = cc.egui_ctx.system_theme() == Some(egui::Theme::Dark);
        let start = file.or_else(|| dashboard.view.last_path.clone().filter(|p| p.is_file()));
        if let Some(p) = start {
            dashboard.apply([Command::Open(p)]);
        }
        if let Some(p) = compare {
            dashboard.apply([Command::Compare(p)]);
        }
        // Files named at start load before the first frame (no flash of another
        // dataset); later loads run on a background thread.
        dashboard.run_io_inline();
        if let Some(notice) = restored.notice.clone() {
            dashboard.apply([Command::Status(notice)]);
        }
        let (results_tx, results_rx) = channel();
        let saver = path.filter(|_| restored.save_enabled).map(|p| {
            let tx = results_tx.clone();
            let ctx = cc.egui_ctx.clone();
            super::settings::Saver::start(p, restored.settings.clone(), move |msg| {
                let _ = tx.send(BgResult::Commands(vec![Command::Status(msg)]));
                ctx.request_repaint();
            })
        });
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
            results_tx,
            results_rx,
            watcher: None,
            saver,
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

impl MoneyMapApp {
    /// Keeps one watcher on the open file: a change on disk reloads it (the dataset on
    /// screen stays if the new text is bad), a deletion is reported in the status line.
    fn follow_file(&mut self, ctx: &egui::Context) {
        let want = self.dashboard.doc.path.clone();
        if self.watcher.as_ref().map(|w| w.path().to_path_buf()) == want {
            return;
        }
        self.watcher = want.map(|path| {
            let tx = self.results_tx.clone();
            let ctx = ctx.clone();
            let watched = path.clone();
            super::loader::Watcher::spawn(path, move |event| {
                let cmd = event.command(&watched);
                let _ = tx.send(BgResult::Commands(vec![cmd]));
                ctx.request_repaint();
            })
        });
    }

    /// Starts a request on a background thread: dialogs block, rendering takes time, and
    /// the window must keep painting. Results come back through `results_tx`.
    fn start(&mut self, req: IoRequest, ctx: &egui::Context) {
        let d = self.dashboard.clone();
        let spec = FrameSpec {
            width_px: d.view.export_size.0,
            height_px: d.view.export_size.1,
            scale: d.view.export_scale,
            dark: false,
        };
        let tx = self.results_tx.clone();
        let ctx = ctx.clone();
        let send = move |r: BgResult| {
            let _ = tx.send(r);
            ctx.request_repaint();
        };
        match req {
            IoRequest::Load { path, reload } => {
                std::thread::spawn(move || {
                    let result = Box::new(super::loader::load_document(&path));
                    send(BgResult::Commands(vec![Command::Loaded {
                        path,
                        reload,
                        result,
                    }]));
                });
            }
            IoRequest::LoadCompare(path) => {
                std::thread::spawn(move || {
                    let result = Box::new(super::loader::load_document(&path));
                    send(BgResult::Commands(vec![Command::CompareLoaded(result)]));
                });
            }
            IoRequest::CompareDialog => {
                std::thread::spawn(move || {
                    let mut dialog =
                        rfd::FileDialog::new().add_filter("moneymap dataset", &["ron"]);
                    if let Some(dir) = d.view.last_path.as_ref().and_then(|p| p.parent()) {
                        dialog = dialog.set_directory(dir);
                    }
                    if let Some(p) = dialog.pick_file() {
                        send(BgResult::Commands(vec![Command::Compare(p)]));
                    }
                });
            }
            IoRequest::OpenDialog => self.open_dialog(),
            IoRequest::SaveScenario => {
                std::thread::spawn(move || {
                    let slug = export::file_name(&d, ChartKind::Dashboard)
                        .replace("-dashboard-", "-")
                        .replace(".png", "");
                    let name = format!(
                        "{slug}-{}.scenario.ron",
                        d.scenario.name.to_lowercase().replace(' ', "-")
                    );
                    let mut dialog = rfd::FileDialog::new()
                        .add_filter("moneymap scenario", &["ron"])
                        .set_file_name(name);
                    if let Some(dir) = d.doc.path.as_ref().and_then(|p| p.parent()) {
                        dialog = dialog.set_directory(dir);
                    }
                    let Some(path) = dialog.save_file() else {
                        return send(BgResult::Commands(vec![Command::Status(
                            "Save cancelled".into(),
                        )]));
                    };
                    let text = crate::model::scenario::to_ron(&d.doc.dataset, &d.scenario);
                    let status = match export::write_scenario(&path, &text) {
                        Ok(()) => format!("Saved scenario to {}", path.display()),
                        Err(e) => {
                            format!("Scenario not saved: {e} (scenario files end in .scenario.ron)")
                        }
                    };
                    send(BgResult::Commands(vec![Command::Status(status)]));
                });
            }
            IoRequest::LoadScenario => {
                std::thread::spawn(move || {
                    let Some(path) = rfd::FileDialog::new()
                        .add_filter("moneymap scenario", &["ron"])
                        .pick_file()
                    else {
                        return send(BgResult::Commands(vec![Command::Status(
                            "Load cancelled".into(),
                        )]));
                    };
                    let cmd = match read_scenario(&path, &d) {
                        Ok(s) => Command::UseScenario(s),
                        Err(e) => Command::Status(format!(
                            "Scenario not loaded, sliders kept: {}: {e}",
                            path.display()
                        )),
                    };
                    send(BgResult::Commands(vec![cmd]));
                });
            }
            IoRequest::Export(kind, ExportTarget::Clipboard) => {
                self.dashboard.status = format!("Rendering {}...", kind.title());
                std::thread::spawn(move || {
                    let c = export::render_chart(&d, kind, &spec);
                    let img =
                        egui::ColorImage::from_rgba_unmultiplied([c.width, c.height], &c.rgba);
                    send(BgResult::CopyImage(img, kind.title().to_owned()));
                });
            }
            IoRequest::Export(kind, ExportTarget::File) => {
                std::thread::spawn(move || {
                    let mut dialog = rfd::FileDialog::new()
                        .add_filter("PNG image", &["png"])
                        .set_file_name(export::file_name(&d, kind));
                    if let Some(dir) = &d.view.export_dir {
                        dialog = dialog.set_directory(dir);
                    }
                    let Some(path) = dialog.save_file() else {
                        return send(BgResult::Commands(vec![Command::Status(
                            "Export cancelled".into(),
                        )]));
                    };
                    let result = png_bytes(&export::render_chart(&d, kind, &spec))
                        .map_err(|e| e.to_string())
                        .and_then(|bytes| {
                            export::write_atomic(&path, &bytes).map_err(|e| e.to_string())
                        });
                    let mut cmds = vec![Command::Status(match &result {
                        Ok(()) => format!("Saved {}", path.display()),
                        Err(e) => format!("Export failed: {e}"),
                    })];
                    if let (Ok(()), Some(dir)) = (&result, path.parent()) {
                        cmds.push(Command::SetExportDir(dir.to_path_buf()));
                    }
                    send(BgResult::Commands(cmds));
                });
            }
            IoRequest::ExportAll => {
                std::thread::spawn(move || {
                    let mut dialog = rfd::FileDialog::new();
                    if let Some(dir) = &d.view.export_dir {
                        dialog = dialog.set_directory(dir);
                    }
                    let Some(dir) = dialog.pick_folder() else {
                        return send(BgResult::Commands(vec![Command::Status(
                            "Export cancelled".into(),
                        )]));
                    };
                    let status = match export::export_all(&d, &spec, &dir) {
                        Ok(n) => format!("Saved {n} files in {}", dir.display()),
                        Err(e) => format!("Export failed: {e}"),
                    };
                    send(BgResult::Commands(vec![
                        Command::Status(status),
                        Command::SetExportDir(dir),
                    ]));
                });
            }
        }
    }
}

/// Reads a saved scenario (at most 1 MiB) and checks it against the dashboard's dataset.
pub fn read_scenario(
    path: &std::path::Path,
    d: &Dashboard,
) -> Result<crate::model::scenario::Scenario, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > 1024 * 1024 {
        return Err("the file is over 1 MiB; a scenario is a few hundred bytes".into());
    }
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    crate::model::scenario::from_ron(&text, &d.doc.dataset, &d.doc.metrics)
        .map_err(|e| e.to_string())
}

impl eframe::App for MoneyMapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(t) = ctx.system_theme() {
            self.dashboard.system_dark = t == egui::Theme::Dark;
        }
        // A finished dialog or dropped files become commands.
        let mut cmds = Vec::new();
        if let Some(rx) = &self.dialog
            && let Ok(choice) = rx.try_recv()
        {
            self.dialog = None;
            cmds.extend(choice.map(Command::Open));
        }
        while let Ok(r) = self.results_rx.try_recv() {
            match r {
                BgResult::Commands(c) => cmds.extend(c),
                BgResult::CopyImage(img, what) => {
                    ctx.copy_image(img);
                    cmds.push(Command::Status(format!("Copied {what} to the clipboard")));
                }
            }
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
        for req in std::mem::take(&mut self.dashboard.io_requests) {
            self.start(req, &ctx);
        }

        if self.dialog.is_some() {
            // Poll the dialog thread without spinning: a light repaint while it is open.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.follow_file(&ctx);
        let ds = &self.dashboard.doc.dataset;
        let title = format!("{} — moneymap", ds.company);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if let Some(shot) = &mut self.screenshot {
            shot.frames += 1;
            // Requested in the first frame, read back at the end of the second frame's
            // paint: the first frame is a sizing pass (KPI cards empty, axis labels clipped),
            // the second is the first complete one (pixel-identical to the third).
            if shot.frames >= 1 && !shot.requested {
                shot.requested = true;
                let path = shot.path.clone();
                timing("first frame laid out");
                ctx.request_screenshot(move |img: std::sync::Arc<egui::ColorImage>| {
                    timing("first complete frame painted and read back");
                    let ok = save_screenshot(&path, &img);
                    timing("screenshot saved");
                    // A screenshot run is a probe: exit at once, without tearing down the
                    // GL context (slow on software GL) and without saving view state.
                    std::process::exit(if ok { 0 } else { 1 });
                });
            }
            ctx.request_repaint();
        }
        if let Some(saver) = &mut self.saver {
            let size = ctx.input(|i| i.viewport().inner_rect.map(|r| (r.width(), r.height())));
            saver.offer(&self.dashboard.view, size);
        }
        if self.dashboard.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Dropping the saver writes any pending settings before the process ends.
        self.saver = None;
    }
}

fn save_screenshot(path: &std::path::Path, img: &egui::ColorImage) -> bool {
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
        Ok(()) => {
            println!("{}", path.display());
            true
        }
        Err(e) => {
            eprintln!("moneymap: screenshot: {e}");
            false
        }
    }
}

/// Opens the window; returns a readable error when no display is available.
/// What the command line asks the window to start with.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// Dataset to open (else the last one, else the built-in Twilio).
    pub file: Option<PathBuf>,
    /// Dataset to compare with.
    pub compare: Option<PathBuf>,
    /// Save the first frame here and exit.
    pub screenshot: Option<PathBuf>,
    /// "light", "dark" or "system".
    pub theme: Option<String>,
}

/// Opens the window; returns a readable error when no display is available.
pub fn run(startup: Startup) -> Result<(), String> {
    let _ = START.set(std::time::Instant::now());
    let Startup {
        file,
        compare,
        screenshot,
        theme,
    } = startup;
    let theme = match theme.as_deref() {
        Some("light") => Some(ThemeChoice::Light),
        Some("dark") => Some(ThemeChoice::Dark),
        Some(_) => Some(ThemeChoice::System),
        None => None,
    };
    // `--screenshot` runs are probes for the README: defaults, nothing saved.
    let settings_path = if screenshot.is_some() {
        None
    } else {
        super::settings::default_path()
    };
    let restored = settings_path.as_deref().map_or_else(
        || super::settings::Restored {
            settings: super::settings::Settings::default(),
            notice: None,
            save_enabled: false,
        },
        super::settings::load,
    );
    let size = restored
        .settings
        .window_size
        .filter(|(w, h)| w.is_finite() && h.is_finite())
        .map_or([1280.0, 720.0], |(w, h)| {
            [w.clamp(960.0, 8192.0), h.clamp(600.0, 8192.0)]
        });
    let settings = SettingsSource {
        restored,
        path: settings_path,
    };
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("moneymap")
        .with_inner_size(size)
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
    eframe::run_native("moneymap", options, Box::new(move |cc| Ok(Box::new(MoneyMapApp::new(cc, file, compare, screenshot, theme, settings)))))
        .map_err(|e| format!("could not open the window: {e}\n(is a display available? `moneymap check FILE` works without one)"))
}
