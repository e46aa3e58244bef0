//! moneymap's own file browser: what opens when the desktop has no file dialog (no
//! desktop portal and no zenity, as on many minimal Linux desktops), so opening, comparing,
//! exporting and saving always work.
//!
//! It lists the folders and the matching files of one folder, goes up, takes a typed path
//! (`~` for the home folder), picks a file to open, names a file to save, or chooses a
//! folder. It starts in the folder the request names, else the last one used, and the
//! dashboard remembers the folder of every choice. Reading a folder is a background task
//! ([`crate::ui::Task::ListDir`]): nothing touches the disk while drawing.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::file_paths::with_extension;
pub use super::file_paths::{DirEntry, MAX_ENTRIES, expand_home, matches, read_dir};
use super::{DialogMode, DialogRequest};

/// Size of the browser window, in points (it fits the smallest window, 960x600).
const SIZE: egui::Vec2 = egui::vec2(560.0, 380.0);

/// What the browser shows of its folder.
#[derive(Debug, Clone, PartialEq)]
pub enum Listing {
    /// The folder is being read.
    Reading,
    /// Its entries: folders first, then the files that match, by name; and how many
    /// were left out past [`MAX_ENTRIES`].
    Ready(Vec<DirEntry>, usize),
    /// It could not be read, and why.
    Failed(String),
}

/// What the user did in the browser this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Show another folder (read it first).
    Navigate(PathBuf),
    /// This path was chosen.
    Chosen(PathBuf),
    /// The browser was closed without choosing.
    Cancelled,
}

/// How long after a folder's entries appear a double click on one of them counts (longer
/// than a double click's two clicks take), in seconds.
const FRESH_LIST_S: f64 = 0.5;

/// The browser's state.
#[derive(Debug, Clone, PartialEq)]
pub struct FileBrowser {
    /// The request it answers (purpose, mode, filter, suggested name).
    pub request: DialogRequest,
    /// The folder shown.
    pub dir: PathBuf,
    /// What is known of its entries: loading, listed or failed.
    pub listing: Listing,
    /// The path field.
    pub typed: String,
    /// The file name field (saving).
    pub name: String,
    /// The file selected in the list (opening).
    pub selected: Option<String>,
    /// When (egui's input time) the shown folder's entries were first drawn: the second
    /// click of a double click on a folder lands on the entry that takes its place, which
    /// must not open a file nobody chose.
    pub listed_at: Option<f64>,
}

impl FileBrowser {
    /// A browser for `request`, starting in `dir` (its listing still to be read).
    pub fn new(request: DialogRequest, dir: PathBuf) -> Self {
        let name = request.file_name.clone().unwrap_or_default();
        Self {
            typed: dir.display().to_string(),
            dir,
            listing: Listing::Reading,
            name,
            selected: None,
            request,
            listed_at: None,
        }
    }

    /// Shows `dir`, whose listing is being read.
    pub fn show_dir(&mut self, dir: PathBuf) {
        self.typed = dir.display().to_string();
        self.dir = dir;
        self.listing = Listing::Reading;
        self.selected = None;
        self.listed_at = None;
    }

    /// The title of the browser's window.
    fn title(&self) -> String {
        let what = self.request.purpose.verb();
        match self.request.mode {
            DialogMode::Open => format!("{what}: choose a file"),
            DialogMode::Save => format!("{what}: save as"),
            DialogMode::Folder => format!("{what}: choose a folder"),
        }
    }

    /// The path a Save would write: the name in the folder, or the path typed in the name
    /// field (absolute, with `~`, or relative to the folder), with the filter's extension
    /// added when the name has none of them. `None` while there is no file name.
    pub fn save_path(&self) -> Option<PathBuf> {
        let typed = self.name.trim();
        if typed.is_empty() || typed.ends_with('/') {
            return None;
        }
        let path = self.dir.join(expand_home(typed));
        let name = path.file_name()?.to_string_lossy().into_owned();
        Some(path.with_file_name(with_extension(self.request.filter.as_ref(), name)))
    }

    /// Draws the browser as a modal window; returns what the user did.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Outcome> {
        let mut out = None;
        let modal = egui::Modal::new(egui::Id::unique("moneymap-file-browser")).show(ctx, |ui| {
            ui.set_width(SIZE.x);
            ui.heading(self.title());
            ui.add_space(4.0);
            out = self.path_row(ui).or_else(|| self.list(ui)).or(out.take());
            ui.separator();
            if let Some(o) = self.buttons(ui) {
                out = Some(o);
            }
        });
        if modal.should_close() && out.is_none() {
            out = Some(Outcome::Cancelled);
        }
        out
    }

    /// Up, the path field (Enter goes there or chooses the file typed).
    fn path_row(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let mut out = None;
        ui.horizontal(|ui| {
            if ui
                .button("Up")
                .on_hover_text("The folder above this one")
                .clicked()
                && let Some(parent) = self.dir.parent()
            {
                out = Some(Outcome::Navigate(parent.to_path_buf()));
            }
            let label = ui.label("Path");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed)
                        .desired_width(f32::INFINITY)
                        .hint_text("a folder or file path; ~ is your home folder"),
                )
                .labelled_by(label.id);
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                out = Some(self.go_to_typed());
            }
        });
        out
    }

    /// What Enter in the path field does: a folder is shown (read first); a file is
    /// chosen when opening, named when saving.
    fn go_to_typed(&mut self) -> Outcome {
        let path = expand_home(self.typed.trim());
        let has_ext = path.extension().is_some();
        match self.request.mode {
            DialogMode::Open if has_ext => Outcome::Chosen(path),
            DialogMode::Save if has_ext => {
                if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
                    self.name = name.to_string_lossy().into_owned();
                    return Outcome::Navigate(dir.to_path_buf());
                }
                Outcome::Navigate(path)
            }
            _ => Outcome::Navigate(path),
        }
    }

    /// The folder's entries: a click on a folder goes in, on a file selects it
    /// (a double click opens it).
    fn list(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let mut out = None;
        let weak = ui.visuals().weak_text_color();
        egui::ScrollArea::vertical()
            .id_salt("file_browser_list")
            .max_height(SIZE.y - 140.0)
            .min_scrolled_height(SIZE.y - 140.0)
            .auto_shrink([false, false])
            .show(ui, |ui| match &self.listing {
                Listing::Reading => {
                    ui.label(RichText::new("Reading the folder...").color(weak));
                }
                Listing::Failed(e) => {
                    ui.label(RichText::new(format!("This folder cannot be read: {e}")).color(weak));
                }
                Listing::Ready(entries, left_out) => {
                    let now = ui.input(|i| i.time);
                    let since = now - *self.listed_at.get_or_insert(now);
                    if entries.is_empty() {
                        ui.label(RichText::new("No folders or matching files here").color(weak));
                    }
                    for e in entries {
                        let label = if e.is_dir {
                            format!("[folder]  {}", e.name)
                        } else {
                            e.name.clone()
                        };
                        let selected = self.selected.as_deref() == Some(e.name.as_str());
                        let r = ui.selectable_label(selected, label);
                        if e.is_dir && r.clicked() {
                            out = Some(Outcome::Navigate(self.dir.join(&e.name)));
                        } else if !e.is_dir
                            && r.double_clicked()
                            && self.request.mode == DialogMode::Open
                            && since > FRESH_LIST_S
                        {
                            out = Some(Outcome::Chosen(self.dir.join(&e.name)));
                        } else if !e.is_dir && r.clicked() {
                            self.selected = Some(e.name.clone());
                            if self.request.mode == DialogMode::Save {
                                self.name = e.name.clone();
                            }
                        }
                    }
                    if *left_out > 0 {
                        ui.label(
                            RichText::new(format!("+{left_out} more not listed: type a path"))
                                .color(weak),
                        );
                    }
                }
            });
        out
    }

    /// The name field (saving) and the buttons.
    fn buttons(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let mut out = None;
        // Enter in the name field saves, as the Save button does.
        let mut enter = false;
        if self.request.mode == DialogMode::Save {
            ui.horizontal(|ui| {
                let label = ui.label("File name");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.name)
                            .desired_width(f32::INFINITY)
                            .hint_text("a name in this folder, or a whole path"),
                    )
                    .labelled_by(label.id);
                enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            });
        }
        let choice = match self.request.mode {
            DialogMode::Open => self.selected.as_ref().map(|n| self.dir.join(n)),
            DialogMode::Save => self.save_path(),
            DialogMode::Folder => Some(self.dir.clone()),
        };
        let label = match self.request.mode {
            DialogMode::Open => "Open",
            DialogMode::Save => "Save",
            DialogMode::Folder => "Choose this folder",
        };
        ui.horizontal(|ui| {
            let clicked = ui
                .add_enabled(choice.is_some(), egui::Button::new(label))
                .clicked();
            if (clicked || enter)
                && let Some(p) = choice
            {
                out = Some(Outcome::Chosen(p));
            }
            if ui.button("Cancel").clicked() {
                out = Some(Outcome::Cancelled);
            }
            if let Some((name, exts)) = &self.request.filter {
                ui.label(
                    RichText::new(format!("{name} (.{})", exts.join(", .")))
                        .small()
                        .color(ui.visuals().weak_text_color()),
                );
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::DialogPurpose;

    #[test]
    fn save_path_takes_a_name_or_a_whole_path() {
        let request = DialogRequest {
            purpose: DialogPurpose::SaveScenario,
            mode: DialogMode::Save,
            filter: Some(("moneymap scenario".to_owned(), vec!["ron".to_owned()])),
            start_dir: None,
            file_name: None,
        };
        let mut b = FileBrowser::new(request, PathBuf::from("/data/models"));
        let at = |b: &mut FileBrowser, name: &str| {
            b.name = name.to_owned();
            b.save_path()
        };
        assert_eq!(at(&mut b, ""), None);
        assert_eq!(at(&mut b, "  "), None);
        assert_eq!(at(&mut b, "/tmp/out/"), None);
        // A scenario is named *.scenario.ron (a bare .ron is a dataset, never written):
        // "bull" used to become bull.ron, which the save then refused.
        let s = |p: &str| Some(PathBuf::from(p));
        assert_eq!(at(&mut b, "bull"), s("/data/models/bull.scenario.ron"));
        assert_eq!(at(&mut b, "bull.ron"), s("/data/models/bull.scenario.ron"));
        assert_eq!(
            at(&mut b, "bull.scenario.ron"),
            s("/data/models/bull.scenario.ron")
        );
        // A whole path typed in the name field is saved there (Save used to be greyed).
        assert_eq!(at(&mut b, "/tmp/out/bull"), s("/tmp/out/bull.scenario.ron"));
        assert_eq!(
            at(&mut b, "sub/bull"),
            s("/data/models/sub/bull.scenario.ron")
        );
        if let Some(home) = std::env::var_os("HOME") {
            let home = PathBuf::from(home);
            assert_eq!(at(&mut b, "~/bull"), Some(home.join("bull.scenario.ron")));
        }
        // Other filters add their first extension unless the name has one of them.
        b.request.filter = Some(("PNG image".to_owned(), vec!["png".to_owned()]));
        assert_eq!(at(&mut b, "mix"), s("/data/models/mix.png"));
        assert_eq!(at(&mut b, "mix.PNG"), s("/data/models/mix.PNG"));
    }
}
