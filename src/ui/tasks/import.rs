//! Import tasks: read company data into an unsaved document, and write it as a dataset
//! file when the user saves. Both run off the UI thread (a 3.6 MB companyfacts file
//! takes a few milliseconds to import, a workbook longer).

use std::path::PathBuf;

use crate::import::{self, ImportOptions};
use crate::ui::{Document, Event};

/// Imports `paths` (merged in order) into a document named "Company (imported)", with
/// the RON text "Save as dataset..." will write.
pub fn import(paths: Vec<PathBuf>) -> Event {
    let result = import::import_sources(&paths, &ImportOptions::default()).map(|imported| {
        let ron = import::to_ron(&imported, &import::today());
        Document::imported(imported, ron)
    });
    Event::Imported {
        paths,
        result: Box::new(result),
    }
}

/// Writes an imported dataset; never over an existing file unless `replace` (the user
/// said so).
pub fn write(path: PathBuf, text: String, replace: bool) -> Event {
    let result = import::write_dataset(&path, &text, replace);
    Event::DatasetWritten { path, text, result }
}
