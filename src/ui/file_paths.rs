//! The file browser's paths, without a window: `~` expanded, which files a dialog's
//! filter lists, the name a saved file gets, and a folder read for the list (folders
//! first, hidden entries left out). Kept apart from the browser's drawing
//! ([`super::file_browser`]) so each stays small and this part is tested on its own.

use std::path::{Path, PathBuf};

/// Entries listed at most; a folder with more says how many are left out.
pub const MAX_ENTRIES: usize = 2000;

/// One entry of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    /// Its file name, as listed.
    pub name: String,
    /// Whether it is a folder.
    pub is_dir: bool,
}

/// `~` and `~/...` as the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match (path.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h,
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(path),
    }
}

/// Whether `name` has one of the filter's extensions (every file when there is none).
pub fn matches(filter: Option<&(String, Vec<String>)>, name: &str) -> bool {
    let Some((what, exts)) = filter else {
        return true;
    };
    let lower = name.to_lowercase();
    // Saved scenarios are RON files too, but not datasets: only scenario dialogs list them.
    let suffix = crate::model::scenario::SCENARIO_SUFFIX;
    if lower.ends_with(suffix) && !what.to_lowercase().contains("scenario") {
        return false;
    }
    exts.iter()
        .any(|e| e == "*" || lower.ends_with(&format!(".{}", e.to_lowercase())))
}

/// `name` as a file of `filter`: unchanged when it matches, else with the filter's
/// extension added (a scenario's `.scenario.ron`, replacing a bare `.ron`).
pub fn with_extension(filter: Option<&(String, Vec<String>)>, mut name: String) -> String {
    let Some((what, exts)) = filter else {
        return name;
    };
    if matches(filter, &name) && !what.to_lowercase().contains("scenario") {
        return name;
    }
    if what.to_lowercase().contains("scenario") {
        let suffix = crate::model::scenario::SCENARIO_SUFFIX;
        if name.to_lowercase().ends_with(suffix) {
            return name;
        }
        if name.to_lowercase().ends_with(".ron") {
            name.truncate(name.len() - ".ron".len());
        }
        name.push_str(suffix);
        return name;
    }
    if let Some(first) = exts.first() {
        name.push('.');
        name.push_str(first);
    }
    name
}

/// Reads a folder for the browser: hidden entries left out, folders first, then the
/// files that match `filter`, each sorted by name without regard to case.
pub fn read_dir(
    dir: &Path,
    filter: Option<&(String, Vec<String>)>,
) -> Result<(Vec<DirEntry>, usize), String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut entries = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // Follows links, so a link to a folder is a folder.
        let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
        if is_dir || matches(filter, &name) {
            entries.push(DirEntry { name, is_dir });
        }
    }
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let left_out = entries.len().saturating_sub(MAX_ENTRIES);
    entries.truncate(MAX_ENTRIES);
    Ok((entries, left_out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_home() {
        let f = Some(("dataset".to_owned(), vec!["ron".to_owned()]));
        assert!(matches(f.as_ref(), "a.RON"));
        assert!(!matches(f.as_ref(), "a.ron.bak"));
        // Saved scenarios are listed by scenario dialogs only.
        assert!(!matches(f.as_ref(), "twilio-bull.scenario.ron"));
        let scenarios = Some(("moneymap scenario".to_owned(), vec!["ron".to_owned()]));
        assert!(matches(scenarios.as_ref(), "twilio-bull.scenario.ron"));
        assert!(matches(None, "anything"));
        if let Some(home) = std::env::var_os("HOME") {
            assert_eq!(expand_home("~/x"), PathBuf::from(home).join("x"));
        }
        assert_eq!(expand_home("/a/~b"), PathBuf::from("/a/~b"));
    }

    #[test]
    fn folders_first_hidden_left_out_only_matching_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in ["b.ron", "A.ron", "notes.txt", ".hidden.ron"] {
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("zeta")).expect("mkdir");
        let f = Some(("dataset".to_owned(), vec!["ron".to_owned()]));
        let (entries, left_out) = read_dir(dir.path(), f.as_ref()).expect("read");
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["zeta", "A.ron", "b.ron"]);
        assert_eq!(left_out, 0);
        assert!(read_dir(&dir.path().join("missing"), None).is_err());
    }
}
