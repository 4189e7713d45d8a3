//! The pipeline's tests, one binary: engines over temporary data directories.

mod engine;
mod enrich;
mod http;
mod import;
mod organize;
mod pages;
mod politeness;
mod revisions;
mod warc;
mod webhooks;
