//! The `moneymap` binary: sets up logging (`RUST_LOG=debug` shows what the app does),
//! parses arguments and hands them to [`moneymap::cli::run`], which opens the window or
//! runs a subcommand and sets the exit code. All the work lives in the library.

use clap::Parser;

fn main() {
    moneymap::ui::logging::init();
    let cli = moneymap::cli::Cli::parse();
    let code = moneymap::cli::run(cli, &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}
