//! The `moneymap` binary: parses arguments, runs a subcommand or opens the dashboard,
//! prints errors and sets the exit code. All the work lives in the library.

use clap::Parser;
use moneymap::cli::{self, Cli, Command};

fn main() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn,winit=error"))
        .init();
    let args = Cli::parse();
    let code = match args.command {
        Some(Command::Check { files }) => {
            cli::check(&files, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Project {
            file,
            scenario,
            years,
            csv,
        }) => cli::project(
            &file,
            scenario.as_deref(),
            years,
            csv,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Some(Command::Export {
            file,
            out,
            charts,
            size,
            scale,
            theme,
            scenario,
        }) => cli::export(
            &cli::ExportArgs {
                file,
                out,
                charts,
                size,
                scale,
                theme,
                scenario,
            },
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        None => match moneymap::ui::app::run(moneymap::ui::app::Startup {
            file: args.file,
            compare: args.compare,
            screenshot: args.screenshot,
            theme: args.theme,
        }) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("moneymap: {e}");
                1
            }
        },
    };
    std::process::exit(code);
}
