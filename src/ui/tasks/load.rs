//! Loading tasks: a dataset to show, or one to compare with.

use std::path::{Path, PathBuf};

use crate::ui::Event;
use crate::ui::document::load_document;

/// Reads and validates the dataset at `path`.
pub fn load(path: PathBuf, reload: bool) -> Event {
    let result = Box::new(load_document(&path));
    Event::Loaded {
        path,
        reload,
        result,
    }
}

/// Reads and validates a dataset to compare with.
pub fn load_compare(path: &Path) -> Event {
    Event::CompareLoaded(Box::new(load_document(path)))
}
