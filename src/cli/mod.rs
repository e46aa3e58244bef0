//! The command line: the window (`moneymap [FILE]`) and the subcommands that need no
//! window: `check`, `project` (with `--fan`), `value`, `export`, `import` and `table`.
//!
//! Each subcommand writes to the writers it is given and returns `Result<(), CliError>`;
//! [`run`] is the one place errors become messages on stderr and exit codes, so tests
//! run commands in-process and assert on exactly what a user would read. Options are
//! parsed and range-checked by clap (bad values exit with code 2 and clap's usage text).

mod check;
mod error;
mod export;
mod fan;
mod import;
mod project;
mod value;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use check::check;
pub use error::CliError;
pub use export::{
    ExportArgs, ExportTheme, export, parse_chart, parse_format, parse_scale, parse_size,
};
pub use import::{ImportArgs, TableArgs, import, table};
pub use project::{ProjectArgs, csv_field, project, resolve_scenario};
pub use value::{ValueArgs, value};

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
    after_help = "Examples:\n  moneymap                                  open the dashboard on the built-in Twilio dataset\n  moneymap datasets/ericsson.ron            open a dataset file\n  moneymap check datasets/*.ron             validate files (FILE:LINE:COL errors)\n  moneymap value datasets/twilio.ron        what the market cap prices in\n  moneymap export datasets/twilio.ron --out charts\n  moneymap import apple.json segments.csv --out apple.ron\n                                            SEC facts plus a segment split, as a dataset\n  moneymap table datasets/ericsson.ron --csv every figure and metric by year\n\nThe dataset format is documented in datasets/README.md. Window settings are kept in\n$XDG_CONFIG_HOME/moneymap/settings.ron (~/.config/...; MONEYMAP_SETTINGS overrides);\na damaged settings file is kept as settings.ron.bad and defaults are used.\nRUST_LOG=debug prints what the app does (actions, tasks, events) on stderr."
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
    /// Open the window at this size in points, WIDTHxHEIGHT (at least 960x600), instead of
    /// the remembered one.
    #[arg(long, value_name = "WxH", value_parser = parse_window_size)]
    pub window_size: Option<(u32, u32)>,
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

/// The subcommands; with none, moneymap opens the window.
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
    /// Print the valuation card: multiples, what the scenario is worth, and the growth
    /// the market cap prices in.
    ///
    /// Value = discounted free cash flow of the scenario over N years plus a terminal
    /// value; priced-in growth = the constant revenue growth whose cash flow is worth
    /// the market cap at the scenario's FCF margin.
    Value(ValueArgs),
    /// Write charts as PNG and/or SVG images, with no display and no GPU.
    ///
    /// Each image carries its title, company, years, units, source and, with a scenario,
    /// the projected years. Files are named COMPANY-CHART-YEAR.png and written atomically.
    Export(ExportArgs),
    /// Import SEC companyfacts JSON, CSV or XLSX/ODS into a dataset file.
    ///
    /// Sources are recognised by content and merged in order: a later source fills gaps
    /// and wins disagreements (with a warning naming both values). The written file has a
    /// note on every figure. An existing file is never replaced without --force.
    Import(ImportArgs),
    /// Print every figure and derived metric by year (the Data table).
    ///
    /// Numbers are in the dataset's units; with --csv, plain and unformatted.
    Table(TableArgs),
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
        Some(Command::Value(a)) => ("value", value(&a, out)),
        Some(Command::Export(a)) => ("export", export(&a, out)),
        Some(Command::Import(a)) => ("import", import(&a, out)),
        Some(Command::Table(a)) => ("table", table(&a, out)),
        None if cli.file.as_deref().is_some_and(looks_like_a_command) => (
            "",
            Err(CliError::UnknownCommand(
                cli.file
                    .as_deref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default(),
            )),
        ),
        None if no_display() => ("", Err(CliError::NoDisplay)),
        None => (
            "",
            crate::ui::startup::run(crate::ui::startup::Startup {
                file: cli.file,
                compare: cli.compare,
                screenshot: cli.screenshot,
                theme: cli.theme.map(ThemeChoice::from),
                window_size: cli.window_size.map(|(w, h)| [w as f32, h as f32]),
            })
            .map_err(CliError::from),
        ),
    };
    match result {
        Ok(()) => 0,
        // The reader went away (`moneymap table x.ron | head`): nothing left to say.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            report(name, &e, err);
            e.exit_code()
        }
    }
}

/// Whether the window's file argument is a mistyped command rather than a file: a bare
/// word (no folder, no extension) that names no file (`moneymap frobnicate`). A file that
/// is missing but looks like one (`nvda.ron`) still opens the window, on its error panel.
fn looks_like_a_command(file: &std::path::Path) -> bool {
    file.components().count() == 1 && file.extension().is_none() && !file.exists()
}

/// Whether there is no display for the window: on Linux and the BSDs, none of the
/// variables X11 and Wayland are found by is set. (Elsewhere the system always has one.)
fn no_display() -> bool {
    let unset = |v: &str| std::env::var_os(v).is_none_or(|x| x.is_empty());
    cfg!(all(unix, not(target_os = "macos")))
        && unset("DISPLAY")
        && unset("WAYLAND_DISPLAY")
        && unset("WAYLAND_SOCKET")
}

/// Prints an error of command `name` on `err`.
pub fn report(name: &str, e: &CliError, err: &mut dyn Write) {
    let written = match e {
        CliError::Load(load) => match load.caret_snippet() {
            Some(snippet) => writeln!(err, "{load}\n{snippet}"),
            None => writeln!(err, "{load}"),
        },
        CliError::Import(import) => writeln!(err, "{import}"),
        CliError::Reported => Ok(()),
        other if name.is_empty() => writeln!(err, "moneymap: {other}"),
        other => writeln!(err, "moneymap {name}: {other}"),
    };
    if let Err(io) = written {
        log::error!("could not print an error ({e}): {io}");
    }
}

/// Parses `--window-size`: WIDTHxHEIGHT in points, at least the smallest window.
fn parse_window_size(s: &str) -> Result<(u32, u32), String> {
    let [min_w, min_h] = crate::ui::layout::MIN_WINDOW;
    let bad =
        || format!("expected WIDTHxHEIGHT in points, at least {min_w}x{min_h}, e.g. 1280x720");
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if (w as f32) < min_w || (h as f32) < min_h || w > 16_384 || h > 16_384 {
        return Err(bad());
    }
    Ok((w, h))
}

/// The projection horizons `--years` accepts, for clap.
fn horizon_range() -> clap::builder::RangedI64ValueParser<u32> {
    clap::value_parser!(u32).range(1..=i64::from(MAX_HORIZON))
}

/// A text table's lines: the first column left-aligned, the others right-aligned (they
/// are numbers), columns as wide as their widest cell, two spaces apart, no trailing
/// blanks.
fn aligned(rows: &[Vec<String>]) -> Vec<String> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            let cells: Vec<String> = r
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (c, w))| {
                    if i == 0 {
                        format!("{c:<w$}")
                    } else {
                        format!("{c:>w$}")
                    }
                })
                .collect();
            cells.join("  ").trim_end().to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_tables_align_names_left_and_numbers_right() {
        let rows = vec![
            vec!["Year".to_owned(), "Revenue".to_owned(), "FCF".to_owned()],
            vec!["2025P".to_owned(), "4.79B".to_owned(), String::new()],
        ];
        assert_eq!(
            super::aligned(&rows),
            vec!["Year   Revenue  FCF", "2025P    4.79B"]
        );
    }
}

#[cfg(test)]
mod pipe_tests {
    use clap::Parser;

    /// A writer whose reader has gone (`| head`).
    struct Closed;

    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_not_an_error() {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/twilio.ron");
        let cli = super::Cli::parse_from(["moneymap", "table", file]);
        let mut err = Vec::new();
        assert_eq!(super::run(cli, &mut Closed, &mut err), 0);
        assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
    }
}
