//! The extractor's tests, one binary: gold pages, corpora and fuzzing.

mod body_selection;
mod fundus_dev;
mod fuzz;
mod metadata_gold;
mod page_types;
mod scraped_page_belarus;
mod scrapinghub_dev;
mod structure;
mod wikinews_corpus;
