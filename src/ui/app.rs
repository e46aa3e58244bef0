//! The eframe window around the [`Dashboard`]: it runs the dashboard's tasks on worker
//! threads and feeds their events back, watches the open file, takes dropped files,
//! keeps the title, saves settings, and closes.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::screenshot::Screenshot;
use super::tasks::{self, Dialogs};
use super::watcher::Watcher;
use super::{Action, Dashboard, Event, Task};

/// The eframe application.
pub struct MoneyMapApp {
    /// The dashboard drawn every frame.
    pub dashboard: Dashboard,
    title: String,
    screenshot: Option<Screenshot>,
    events_tx: Sender<Event>,
    events_rx: Receiver<Event>,
    dialogs: Arc<dyn Dialogs>,
    /// Watches the open file; replaced whenever the document's path changes.
    watcher: Option<Watcher>,
    /// Saves settings off the UI thread (none in `--screenshot` runs or when saving
    /// could destroy a file the user may want back).
    saver: Option<super::settings::Saver>,
}

impl MoneyMapApp {
    /// Wraps a dashboard that is ready to draw.
    pub fn new(
        ctx: &egui::Context,
        dashboard: Dashboard,
        screenshot: Option<Screenshot>,
        saver: Option<(PathBuf, super::settings::Settings)>,
    ) -> Self {
        let (events_tx, events_rx) = channel();
        let saver = saver.map(|(path, initial)| {
            let tx = events_tx.clone();
            let ctx = ctx.clone();
            super::settings::Saver::start(path, initial, move |e| {
                send(&tx, &ctx, Event::SettingsNotSaved(e));
            })
        });
        Self {
            dashboard,
            title: String::new(),
            screenshot,
            events_tx,
            events_rx,
            dialogs: Arc::new(tasks::NativeDialogs),
            watcher: None,
            saver,
        }
    }

    /// Keeps one watcher on the file worked on (the last one opened, even if it failed
    /// to load): a change on disk reloads it (the dataset on screen stays if the new text
    /// is bad), a deletion is reported in the status line.
    fn follow_file(&mut self, ctx: &egui::Context) {
        let want = self.dashboard.file.clone();
        if self.watcher.as_ref().map(|w| w.path().to_path_buf()) == want {
            return;
        }
        self.watcher = want.map(|path| {
            let tx = self.events_tx.clone();
            let ctx = ctx.clone();
            let watched = path.clone();
            Watcher::spawn(path, move |event| send(&tx, &ctx, event.event(&watched)))
        });
    }

    /// Runs a task on a worker thread: dialogs block, rendering takes time, and the window
    /// must keep painting. Its events come back through the channel.
    fn start(&mut self, task: Task, ctx: &egui::Context) {
        let name = tasks::name(&task);
        log::debug!("task: {name}");
        let tx = self.events_tx.clone();
        let ctx = ctx.clone();
        let dialogs = Arc::clone(&self.dialogs);
        let spawned = std::thread::Builder::new()
            .name(format!("moneymap-{name}"))
            .spawn(move || {
                for event in tasks::run(task, dialogs.as_ref()) {
                    send(&tx, &ctx, event);
                }
            });
        if let Err(e) = spawned {
            log::error!("could not start the {name} task: {e}");
            self.dashboard.handle(Event::TaskFailed(format!(
                "Could not start the {name} task: {e}"
            )));
        }
    }
}

/// Sends an event to the UI thread and wakes it. A closed channel means the window has
/// gone; the event is logged, not lost silently.
fn send(tx: &Sender<Event>, ctx: &egui::Context, event: Event) {
    if let Err(e) = tx.send(event) {
        log::debug!("window closed before an event arrived: {:?}", e.0);
    }
    ctx.request_repaint();
}

impl eframe::App for MoneyMapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(t) = ctx.system_theme() {
            self.dashboard.system_dark = t == egui::Theme::Dark;
        }
        while let Ok(event) = self.events_rx.try_recv() {
            self.dashboard.handle(event);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.dashboard.apply([Action::OpenFiles(dropped)]);
        }

        self.dashboard.ui(ui);
        for task in self.dashboard.take_tasks() {
            self.start(task, &ctx);
        }

        self.follow_file(&ctx);
        let title = format!("{} — moneymap", self.dashboard.document().dataset.company);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if let Some(shot) = &mut self.screenshot {
            shot.frame(&ctx);
        }
        if let Some(saver) = &mut self.saver {
            let size = ctx.input(|i| i.viewport().inner_rect.map(|r| (r.width(), r.height())));
            saver.offer(self.dashboard.view(), size);
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
