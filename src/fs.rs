//! Writing files safely: every file moneymap writes (images, CSV, settings, scenarios,
//! datasets the user saves) goes through [`write_atomic`] or one of its variants: a temp
//! file in the same folder, flushed and synced, then renamed over the target. A crash,
//! a full disk or a refused write never leaves a half-written file, and an existing
//! file stays whole until the new one is complete.
//!
//! This module is a leaf: it knows nothing of datasets, charts or the window, so any
//! layer may use it.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is a directory.
    #[error("{0}: is a directory; give a file name")]
    IsDirectory(PathBuf),
    /// The target looks like a dataset; moneymap never overwrites data.
    #[error(
        "{0}: refusing to write a .ron file (datasets are .ron files, and moneymap never risks writing over one); choose another name"
    )]
    Dataset(PathBuf),
    /// The target exists and the caller did not ask to replace it.
    #[error("{0}: already exists; choose another name, or replace it (--force)")]
    Exists(PathBuf),
    /// An I/O error, with the file.
    #[error("{path}: {source}")]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// What a write may replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Anything but a `.ron` file: exports (images, CSV) never replace a dataset.
    NotRon,
    /// Any file: the app's own files (settings), or a file the caller has already checked.
    Any,
}

/// A file being written: `Write` plus a durable flush.
pub trait SyncWrite: Write {
    /// Flushes data to the disk.
    fn sync(&mut self) -> std::io::Result<()>;
}

impl SyncWrite for std::fs::File {
    fn sync(&mut self) -> std::io::Result<()> {
        self.sync_all()
    }
}

/// Creates the folder `dir` and any missing parents (an export into a folder typed in a
/// dialog that does not exist yet, as `moneymap export --out` does); a folder that
/// exists is left as it is.
pub fn create_dir_all(dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

/// Writes `bytes` to `path` atomically, refusing a directory or a `.ron` target (an
/// export must never replace a dataset).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, bytes, Overwrite::NotRon, create_new)
}

/// Writes one of moneymap's own files (settings, a checked scenario file) atomically;
/// unlike [`write_atomic`] it accepts a `.ron` name.
pub fn write_own_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, bytes, Overwrite::Any, create_new)
}

/// Creates the temp file of an atomic write; `create_new` so an existing file (another
/// writer's temp) is never truncated.
pub fn create_new(tmp: &Path) -> std::io::Result<Box<dyn SyncWrite>> {
    let f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    Ok(Box::new(f))
}

/// The atomic write itself, with the temp file opened by `open` (tests inject a full
/// disk or a read-only folder here). On any failure the temp file is removed.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    open: impl FnOnce(&Path) -> std::io::Result<Box<dyn SyncWrite>>,
) -> Result<(), WriteError> {
    if path.is_dir() {
        return Err(WriteError::IsDirectory(path.to_path_buf()));
    }
    if overwrite == Overwrite::NotRon
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return Err(WriteError::Dataset(path.to_path_buf()));
    }
    let tmp = temp_path(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = open(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        f.sync()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(source) = result {
        if let Err(e) = std::fs::remove_file(&tmp)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            log::warn!("could not remove temp file {}: {e}", tmp.display());
        }
        return Err(WriteError::Io {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically; when `replace` is false an existing file is
/// never touched, even one created while this write runs (the finished temp file is
/// hard-linked into place, which fails if the name exists). Filesystems without hard
/// links fall back to a check then a rename.
pub fn write_new_or_replace(path: &Path, bytes: &[u8], replace: bool) -> Result<(), WriteError> {
    if replace {
        return write_own_file(path, bytes);
    }
    if path.is_dir() {
        return Err(WriteError::IsDirectory(path.to_path_buf()));
    }
    if path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let tmp = temp_path(path);
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let staged = (|| -> std::io::Result<()> {
        let mut f = create_new(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        f.sync()
    })();
    let published = staged
        .map_err(io)
        .and_then(|()| match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(WriteError::Exists(path.to_path_buf()))
            }
            Err(_) if !path.exists() => std::fs::rename(&tmp, path).map_err(io),
            Err(_) => Err(WriteError::Exists(path.to_path_buf())),
        });
    if let Err(e) = std::fs::remove_file(&tmp)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        log::warn!("could not remove temp file {}: {e}", tmp.display());
    }
    published
}

/// The temp file beside `path`: hidden, named after it and this process.
fn temp_path(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}
