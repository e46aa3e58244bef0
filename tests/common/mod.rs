//! What the tests share: a kittest harness on a dashboard at 1280x720 in the light
//! theme, running queued tasks inline, writing a file into a test folder, a dialog that
//! always picks one path, the path of a fixture, the path of a public fixture kept outside
//! the project (or a printed skip), and a year of an imported dataset.
//!
//! Each test file uses part of it, so the rest is dead code there.
#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use egui_kittest::Harness;
use moneymap::charts::theme::ThemeChoice;
use moneymap::ui::tasks::Dialogs;
use moneymap::ui::{Dashboard, DialogOutcome, DialogRequest, Document, ViewState};

/// The window's dashboard on `doc`, 1280x720, light.
pub fn harness(doc: Document) -> Harness<'static, Dashboard> {
    let view = ViewState {
        theme: ThemeChoice::Light,
        ..Default::default()
    };
    Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui_state(|ui, d: &mut Dashboard| d.ui(ui), Dashboard::new(doc, view))
}

/// Runs queued tasks with `dialogs`, then a frame.
pub fn settle(h: &mut Harness<'static, Dashboard>, dialogs: &dyn Dialogs) {
    h.state_mut().run_tasks_inline(dialogs);
    h.run();
}

/// Writes `text` to `dir/name`; returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

/// A dialog that answers every request with one path and keeps the requests it saw.
pub struct PickPath {
    /// The path every dialog picks.
    pub path: PathBuf,
    /// The requests seen.
    pub seen: Mutex<Vec<DialogRequest>>,
}

impl PickPath {
    /// A dialog picking `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            seen: Mutex::default(),
        }
    }
}

impl Dialogs for PickPath {
    fn show(&self, request: &DialogRequest) -> DialogOutcome {
        self.seen.lock().expect("lock").push(request.clone());
        DialogOutcome::Chosen(self.path.clone())
    }
}

/// A file under `tests/fixtures/` (e.g. `companyfacts/frostline.json`).
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// A file of the public fixtures kept beside the clone, `../shared/fixtures/PATH` from the
/// crate root (e.g. `sec-companyfacts/apple.json`): public data from other repositories,
/// read where it lies and never copied into the project.
///
/// CI runs with `shared/` beside the clone; a user's clone has none. When the file's folder
/// is absent the test is skipped: this prints one line saying so and why, straight to
/// stderr (libtest would swallow an `eprintln!` of a passing test), and returns `None`.
/// When the folder is there but the file is not, the fixtures moved: that fails.
pub fn shared_fixture(path: &str) -> Option<PathBuf> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures")
        .join(path);
    if file.is_file() {
        return Some(file);
    }
    let folder_there = file.parent().is_some_and(Path::is_dir);
    assert!(
        !folder_there,
        "../shared/fixtures/{path}: its folder is there but the file is not"
    );
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: ../shared/fixtures/{path} not found (a user's clone has no shared/; CI has it)"
    );
    None
}

/// Year `y` of an imported dataset.
pub fn year(i: &moneymap::import::Imported, y: i32) -> &moneymap::model::Year {
    i.loaded
        .dataset
        .years
        .iter()
        .find(|x| x.year == y)
        .unwrap_or_else(|| panic!("no {y}"))
}
