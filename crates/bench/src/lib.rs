//! Benchmark metrics for newsgraph, kept apart from the I/O that feeds them (the
//! `newsgraph bench` command reads the pages, runs the extractors and times them).
//!
//! Pure: no files, no clocks, no async runtime. Each benchmark scored here follows the
//! definition in `../shared/data/README.md` ("How each benchmark is scored").

pub mod clustering;
pub mod extraction;
pub mod ner;
pub mod quotes;
pub mod rewrites;
pub mod synthetic;

pub use extraction::{PageScore, Summary, score_page, shingles, summarize, tokens};
