//! The file browser's task: read one folder.

use std::path::PathBuf;

use crate::ui::Event;
use crate::ui::file_browser::read_dir;

/// Reads `dir`'s folders and the files matching `filter`.
pub fn list_dir(dir: PathBuf, filter: Option<&(String, Vec<String>)>) -> Event {
    let result = read_dir(&dir, filter);
    Event::DirListed { dir, result }
}
