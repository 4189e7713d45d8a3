//! The command-line tests, one binary: each module runs the real `newsgraph` binary in a
//! temporary data directory. (One test binary per file linked the whole workspace each time,
//! which made the test build large and slow.)

mod architecture;
mod bench;
mod bench_quotes;
mod browser;
mod cluster;
mod common;
mod digest;
mod digest_mail;
mod enrich;
mod entities;
mod export;
mod fetch;
mod figures;
mod import;
mod ingest;
mod ingest_failures;
mod ingest_kill;
mod quotes;
mod sections;
mod serve;
mod sources;
mod stories;
mod warc;
mod webhooks;
