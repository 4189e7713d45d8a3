//! One module per subcommand.

mod attributions;
mod bench;
mod cluster;
mod demo;
mod digest;
mod enrich;
mod export;
mod extract;
mod fetch;
mod import;
mod ingest;
mod quotes;
mod reindex;
mod search;
mod section;
mod serve;
mod source;
mod stats;
mod tag;
mod train_ner;
mod webhook;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Exit code of `import`, `extract`, `quotes`, `cluster`, `dedup`, `ingest` and `fetch` when some
/// inputs failed and the rest went through.
pub const PARTIAL_FAILURE: u8 = 3;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Import(args) => import::run(&cli.data, &args),
        Command::Enrich(args) => enrich::run(&cli.data, args.json).map(|()| ExitCode::SUCCESS),
        Command::Extract(args) => extract::run(&args),
        Command::Quotes(args) => quotes::run(&args),
        Command::Cluster(args) => cluster::run(&args),
        Command::Dedup(args) => cluster::dedup(&args),
        Command::Search(args) => search::run(&cli.data, &args),
        Command::Serve(args) => serve::run(&cli.data, &args).map(|()| ExitCode::SUCCESS),
        Command::Demo(args) => demo::run(&cli.data, &args).map(|()| ExitCode::SUCCESS),
        Command::Reindex => reindex::run(&cli.data).map(|()| ExitCode::SUCCESS),
        Command::Stats(args) => stats::run(&cli.data, args.json).map(|()| ExitCode::SUCCESS),
        Command::Digest(args) => digest::run(&cli.data, &args).map(|()| ExitCode::SUCCESS),
        Command::Export(args) => export::run(&cli.data, &args).map(|()| ExitCode::SUCCESS),
        Command::Source(command) => source::run(&cli.data, &command),
        Command::Section(command) => section::run(&cli.data, &command),
        Command::Webhook(command) => webhook::run(&cli.data, &command),
        Command::ImportOpml(args) => source::import_opml(&cli.data, &args),
        Command::Ingest(args) => ingest::run(&cli.data, &args),
        Command::Fetch(args) => fetch::run(&cli.data, &args),
        Command::ExportOpml => source::export_opml(&cli.data),
        Command::Tag(args) => tag::run(&args).map(|()| ExitCode::SUCCESS),
        Command::TrainNer(args) => train_ner::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Bench(command) => bench::run(&command),
    }
}
