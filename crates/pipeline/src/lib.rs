//! The pipeline: where the pure stages (extraction, entities, amounts and time expressions,
//! stories) meet the store and the search index.
//!
//! [`Engine`] is an opened data directory; [`import()`] feeds files, directories, JSONL corpora
//! and standard input through extraction and entity recognition into the store and the index;
//! [`enrich()`] reads the stored articles again with the current entity recognizer;
//! [`organize()`] files stored articles in stories (import does it after every batch).
//! [`notify()`] tells webhooks of the stories new to their sections.

mod engine;
pub mod enrich;
mod error;
pub mod import;
pub mod ingest;
pub mod notify;
pub mod organize;
mod understand;

pub use engine::Engine;
pub use enrich::{EnrichEvent, EnrichSummary, enrich};
pub use error::PipelineError;
pub use import::{
    ImportEvent, ImportFailure, ImportInput, ImportOptions, ImportSummary, import, read_page_bytes,
};
pub use ingest::{IngestOptions, IngestSummary, SourceFailure, fetch_pages, ingest, ingest_with};
pub use notify::{Backoff, NotifyOptions, NotifySummary, add_webhook, notify};
pub use organize::{Filer, Organized, organize};
pub use understand::{Readers, Understood, english, understand, understand_text};

pub type Result<T> = std::result::Result<T, PipelineError>;
