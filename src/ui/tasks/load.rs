//! Loading tasks: a dataset to show, or one to compare with.

use std::path::{Path, PathBuf};

use crate::ui::document::load_document;
use crate::ui::{Event, LoadReason};

/// Reads and validates the dataset at `path`.
pub fn load(path: PathBuf, reason: LoadReason) -> Event {
    let result = Box::new(load_document(&path));
    Event::Loaded {
        path,
        reason,
        result,
    }
}

/// Reads and validates a dataset to compare with.
pub fn load_compare(path: &Path) -> Event {
    Event::CompareLoaded(Box::new(load_document(path)))
}
