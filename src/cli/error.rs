//! Errors of the command line, each with its exit code.

use std::path::PathBuf;

use crate::model::LoadError;
use crate::model::scenario::ScenarioFileError;
use crate::model::valuation::ValuationError;
use crate::ui::export::ExportError;
use crate::ui::startup::StartError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A dataset that does not load (printed compiler-style, with a caret).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// `--scenario` names neither a preset nor a file.
    #[error("no preset or scenario file named \"{name}\"; presets of {company}: {presets}")]
    UnknownScenario {
        /// What was given.
        name: String,
        /// The dataset's company.
        company: String,
        /// Its presets, comma-separated, or "none".
        presets: String,
    },
    /// A scenario file that cannot be used.
    #[error("{path}: {source}")]
    ScenarioFile {
        /// The scenario file named by `--scenario`.
        path: PathBuf,
        /// What is wrong with it (unreadable, too large, or not a scenario for this dataset).
        source: ScenarioFileError,
    },
    /// `--out` names a file (an existing one, or a dataset's `.ron`), not a folder.
    #[error("{path}: --out is the folder the images go in, and this is {what}; name a folder")]
    NotAFolder {
        /// What was given.
        path: PathBuf,
        /// What it is ("a file", "a dataset file name").
        what: &'static str,
    },
    /// The output folder cannot be created.
    #[error("{path}: cannot create the folder: {source}")]
    CreateDir {
        /// The folder named by `--out`.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A chart could not be rendered or written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// No valuation for this dataset or these parameters (no market cap, r <= g_T...).
    #[error(transparent)]
    Valuation(#[from] ValuationError),
    /// A source that cannot be imported (printed with its file and place).
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    /// The imported dataset could not be written (or exists, without --force).
    #[error(transparent)]
    Write(#[from] crate::fs::WriteError),
    /// Standard output could not be written (a closed pipe).
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
    /// The window could not open.
    #[error(transparent)]
    Window(#[from] StartError),
    /// The one argument is neither a command nor a file (`moneymap frobnicate`).
    #[error(
        "`{0}` is neither a command nor a file: the commands are check, project, value, export, import and table (moneymap --help)"
    )]
    UnknownCommand(String),
    /// The window was asked for where there is no display to open it on.
    #[error(
        "no display to open the window on: neither DISPLAY nor WAYLAND_DISPLAY is set; the commands (check, table, project, value, export, import) work without one"
    )]
    NoDisplay,
    /// The command has already printed what went wrong (`check` reports each file).
    #[error("see the messages above")]
    Reported,
}

/// Exit code of a command that ran and failed: a file that does not load, an output
/// that cannot be written.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code of a command line that asks for something that cannot be done, whatever
/// the files hold: clap's code for bad options, also used when an option's value names
/// nothing there is (`--scenario Moon`, `--sheet` of a missing sheet, `--out` naming a
/// file) or a set of options that cannot go together (`--discount` not above
/// `--terminal`). Scripts can tell "fix the command" from "fix the data".
pub const EXIT_USAGE: i32 = 2;

impl CliError {
    /// The process exit code: [`EXIT_USAGE`] for a command line that cannot work,
    /// [`EXIT_FAILURE`] for everything else.
    pub fn exit_code(&self) -> i32 {
        use crate::import::ImportErrorKind;
        match self {
            Self::UnknownScenario { .. } | Self::NotAFolder { .. } | Self::UnknownCommand(_) => {
                EXIT_USAGE
            }
            Self::Valuation(
                ValuationError::DiscountNotAboveTerminal { .. }
                | ValuationError::Discount(_)
                | ValuationError::Terminal(_)
                | ValuationError::Years(_),
            ) => EXIT_USAGE,
            Self::Import(e) if matches!(e.kind, ImportErrorKind::NoSuchSheet { .. }) => EXIT_USAGE,
            // --size and --scale that make a page too small for its layout: a value out of range.
            Self::Export(ExportError::TooSmall { .. }) => EXIT_USAGE,
            Self::Load(_)
            | Self::ScenarioFile { .. }
            | Self::CreateDir { .. }
            | Self::Export(_)
            | Self::Valuation(_)
            | Self::Import(_)
            | Self::Write(_)
            | Self::Output(_)
            | Self::Window(_)
            | Self::NoDisplay
            | Self::Reported => EXIT_FAILURE,
        }
    }
}
