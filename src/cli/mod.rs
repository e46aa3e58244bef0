//! The command line: the window (`moneymap [FILE]`) and the subcommands that need no
//! window: `check`, `project` and `export`.
//!
//! Each subcommand writes to the writers it is given and returns `Result<(), CliError>`;
//! [`run`] is the one place errors become messages on stderr and exit codes, so tests
//! run commands in-process and assert on exactly what a user would read. Options are
//! parsed and range-checked by clap (bad values exit with code 2 and clap's usage text).

mod check;
mod error;
mod export;
mod project;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use check::check;
pub use error::CliError;
pub use export::{
    ExportArgs, ExportTheme, export, parse_chart, parse_format, parse_scale, parse_size,
};
pub use project::{ProjectArgs, csv_field, project, resolve_scenario};

use crate::charts::theme::ThemeChoice;
use crate::model::scenario::MAX_HORIZON;

/// moneymap: how a company makes its money, on an offline dashboard.
#[derive(Debug, Parser)]
#[command(
    name = "moneymap",
    version,
    about,
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  moneymap                                  open the dashboard on the built-in Twilio dataset\n  moneymap datasets/ericsson.ron            open a dataset file\n  moneymap check datasets/*.ron             validate files (FILE:LINE:COL errors)\n  moneymap export datasets/twilio.ron --out charts\n\nThe dataset format is documented in datasets/README.md. Window settings are kept in\n$XDG_CONFIG_HOME/moneymap/settings.ron (~/.config/...; MONEYMAP_SETTINGS overrides);\na damaged settings file is kept as settings.ron.bad and defaults are used.\nRUST_LOG=debug prints what the app does (actions, tasks, events) on stderr."
)]
pub struct Cli {
    /// Dataset file to open in the window (default: the built-in Twilio dataset).
    pub file: Option<PathBuf>,
    /// Open the window, save its first complete frame as this PNG, and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Open a second dataset to compare with (growth and margins overlaid).
    #[arg(long, value_name = "FILE")]
    pub compare: Option<PathBuf>,
    /// Start in this theme, overriding the saved choice.
    #[arg(long, value_enum)]
    pub theme: Option<WindowTheme>,
    /// Subcommand; without one, the dashboard window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The window's theme on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WindowTheme {
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// Follow the operating system.
    System,
}

impl From<WindowTheme> for ThemeChoice {
    fn from(t: WindowTheme) -> Self {
        match t {
            WindowTheme::Light => ThemeChoice::Light,
            WindowTheme::Dark => ThemeChoice::Dark,
            WindowTheme::System => ThemeChoice::System,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate dataset files and print a summary and every warning of each.
    ///
    /// Exit status 0 when every file loads (warnings allowed), 1 when any fails; errors go
    /// to stderr as FILE:LINE:COL: message.
    Check(CheckArgs),
    /// Print the projected years of a dataset under a scenario.
    ///
    /// Without --scenario the trend is used (each segment's last growth, the last margins).
    Project(ProjectArgs),
    /// Write charts as PNG images, with no display and no GPU.
    ///
    /// Each image carries its title, company, years, units, source and, with a scenario,
    /// the projected years. Files are named COMPANY-CHART-YEAR.png and written atomically.
    Export(ExportArgs),
}

/// Options of `moneymap check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// One or more dataset files (.ron).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs what the command line asks for; returns the process exit code. Every error is
/// printed here, once: a dataset error compiler-style (`FILE:LINE:COL: message` and the
/// line with a caret), anything else as `moneymap COMMAND: message`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (name, result) = match cli.command {
        Some(Command::Check(a)) => ("check", check(&a.files, out, err)),
        Some(Command::Project(a)) => ("project", project(&a, out)),
        Some(Command::Export(a)) => ("export", export(&a, out)),
        None => (
            "",
            crate::ui::startup::run(crate::ui::startup::Startup {
                file: cli.file,
                compare: cli.compare,
                screenshot: cli.screenshot,
                theme: cli.theme.map(ThemeChoice::from),
            })
            .map_err(CliError::from),
        ),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            report(name, &e, err);
            e.exit_code()
        }
    }
}

/// Prints an error of command `name` on `err`.
pub fn report(name: &str, e: &CliError, err: &mut dyn Write) {
    let written = match e {
        CliError::Load(load) => match load.caret_snippet() {
            Some(snippet) => writeln!(err, "{load}\n{snippet}"),
            None => writeln!(err, "{load}"),
        },
        CliError::Reported => Ok(()),
        other if name.is_empty() => writeln!(err, "moneymap: {other}"),
        other => writeln!(err, "moneymap {name}: {other}"),
    };
    if let Err(io) = written {
        log::error!("could not print an error ({e}): {io}");
    }
}

/// The projection horizons `--years` accepts, for clap.
fn horizon_range() -> clap::builder::RangedI64ValueParser<u32> {
    clap::value_parser!(u32).range(1..=i64::from(MAX_HORIZON))
}
