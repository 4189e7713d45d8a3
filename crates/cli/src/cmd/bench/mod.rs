//! `newsgraph bench ...`: benchmarks on public data sets. This module does the I/O (reading
//! pages, running and timing the extractors, printing); the metrics live in
//! `newsgraph-bench`. Figures are printed, never asserted on.

pub mod clustering;
mod extraction;
mod ingest;
mod ner;
mod pages;
mod python;
mod quotes;
mod rewrites;
mod spacy;
mod textacy;
mod trafilatura;

use std::process::ExitCode;

use crate::cli::BenchCommand;

pub fn run(command: &BenchCommand) -> anyhow::Result<ExitCode> {
    match command {
        BenchCommand::Extraction(args) => extraction::run(args),
        BenchCommand::Ner(args) => ner::run(args),
        BenchCommand::Quotes(args) => quotes::run(args),
        BenchCommand::Clustering(args) => clustering::run(args),
        BenchCommand::Rewrites(args) => rewrites::run(args),
        BenchCommand::Ingest(args) => ingest::run(args),
        BenchCommand::Pages(args) => pages::run(args),
    }
}
