//! The `newsgraph` binary: parses the command line and hands over to one module per
//! subcommand. All the work happens in the library crates.

mod cli;
mod cmd;
mod mail;
mod progress;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse_checked();
    init_logging(cli.verbose);
    match cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        // tantivy warns when a background merge ends after a commit dropped one of its segments
        // (every document in it deleted, as re-indexing a batch does); it drops the merge, and
        // says itself this is not a bug. Not worth a user's attention.
        0 => "warn,tantivy::indexer::segment_manager=error",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("NEWSGRAPH_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}
