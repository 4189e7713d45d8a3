//! The full-text index: a tantivy index in the data directory, always rebuildable from the
//! store.
//!
//! The index remembers, in its own commit payload, the highest article id it holds. After a
//! crash the store may be ahead of the index; [`SearchIndex::indexed_up_to`] tells the
//! pipeline where to resume, and re-adding an article replaces it (no duplicates).
//!
//! It also records which version of the document layout it was built with
//! (`schema::SCHEMA_VERSION`); an index from another version does not open
//! ([`IndexError::SchemaChanged`]) and is rebuilt from the store.

mod error;
mod ids;
mod schema;
mod search;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use newsgraph_model::{ArticleId, EntityId, StoredArticle};
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

pub use error::IndexError;
pub use ids::MAX_ALL_IDS;
pub use search::{DateBound, MAX_IDS, MAX_LIMIT, MAX_OFFSET, SearchHit, SearchQuery, SearchResults, parse_date_bound};

use schema::Fields;

pub type Result<T> = std::result::Result<T, IndexError>;

/// Memory the writer may use before flushing a segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    // Opened on first write: tantivy allows one writer per index across processes, and a
    // server that only searches must not block an import running beside it.
    writer: Mutex<Option<IndexWriter>>,
}

/// An article as the index takes it: the stored article and the entities it mentions.
///
/// The entity ids come beside the article rather than inside [`StoredArticle`]: they are the
/// store's answer to another question (`Store::article_mentions`), which only indexing and
/// the article page ask, so every other reader of articles does not pay for them.
#[derive(Debug, Clone)]
pub struct IndexedArticle {
    pub article: StoredArticle,
    /// Each entity once; order does not matter.
    pub entities: Vec<EntityId>,
}

impl From<StoredArticle> for IndexedArticle {
    /// An article that mentions no entity.
    fn from(article: StoredArticle) -> Self {
        IndexedArticle { article, entities: Vec::new() }
    }
}

/// What the index records with every commit.
#[derive(Debug, Serialize, Deserialize)]
struct CommitPayload {
    last_article_id: i64,
    /// Absent from payloads written before the version was recorded: those are version 1.
    #[serde(default = "first_version")]
    schema_version: u32,
}

fn first_version() -> u32 {
    1
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when the directory is empty or missing.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| IndexError::Io(dir.to_path_buf(), e))?;
        let (schema, fields) = schema::build();
        let directory =
            MmapDirectory::open(dir).map_err(|e| IndexError::Open(dir.to_path_buf(), e.to_string()))?;
        let index = Index::open_or_create(directory, schema).map_err(|e| match e {
            tantivy::TantivyError::SchemaError(msg) => IndexError::SchemaChanged(dir.to_path_buf(), msg),
            other => IndexError::Open(dir.to_path_buf(), other.to_string()),
        })?;
        // Tantivy sees added or removed fields; the version sees a change in what they hold.
        if let Some(last) = last_commit(&index)?
            && last.schema_version != schema::SCHEMA_VERSION
        {
            let found = last.schema_version;
            let known = schema::SCHEMA_VERSION;
            let message = format!("index layout version {found}, this newsgraph uses {known}");
            return Err(IndexError::SchemaChanged(dir.to_path_buf(), message));
        }
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        Ok(SearchIndex { index, reader, fields, writer: Mutex::new(None) })
    }

    /// Deletes whatever index is in `dir` and opens a new, empty one: the way out of a
    /// corrupt index or one built with another schema. The store is the source of truth.
    pub fn recreate(dir: &Path) -> Result<Self> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| IndexError::Io(dir.to_path_buf(), e))?;
        }
        Self::open(dir)
    }

    /// The highest article id whose indexing has been committed (0 when none).
    pub fn indexed_up_to(&self) -> Result<ArticleId> {
        Ok(ArticleId(last_commit(&self.index)?.map_or(0, |p| p.last_article_id)))
    }

    /// Adds (or replaces) articles. Nothing is searchable or durable before [`Self::commit`].
    pub fn add(&self, articles: &[IndexedArticle]) -> Result<()> {
        let mut guard = self.writer()?;
        let writer = guard.as_mut().ok_or(IndexError::WriterClosed)?;
        for indexed in articles {
            writer.delete_term(Term::from_field_u64(self.fields.id, id_value(indexed.article.id)));
            writer.add_document(self.fields.document(indexed))?;
        }
        Ok(())
    }

    /// Makes everything added so far durable and searchable, recording `last` as the highest
    /// article id the index now holds.
    pub fn commit(&self, last: ArticleId) -> Result<()> {
        let mut guard = self.writer()?;
        let writer = guard.as_mut().ok_or(IndexError::WriterClosed)?;
        let mut prepared = writer.prepare_commit()?;
        let payload = CommitPayload { last_article_id: last.0, schema_version: schema::SCHEMA_VERSION };
        let payload = serde_json::to_string(&payload).unwrap_or_default();
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Releases the writer lock so another process can write.
    pub fn close_writer(&self) -> Result<()> {
        if let Some(writer) = self.lock_writer().take() {
            writer.wait_merging_threads()?;
        }
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        let mut guard = self.lock_writer();
        if guard.is_none() {
            *guard = Some(self.index.writer(WRITER_MEMORY).map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => IndexError::Busy,
                other => IndexError::Tantivy(other),
            })?);
        }
        Ok(guard)
    }

    fn lock_writer(&self) -> MutexGuard<'_, Option<IndexWriter>> {
        self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What the last commit recorded; `None` before the first commit. A payload that does not
/// parse reads as version 0 at article 0, so the index is rebuilt rather than trusted.
fn last_commit(index: &Index) -> Result<Option<CommitPayload>> {
    let metas = index.load_metas()?;
    let unreadable = CommitPayload { last_article_id: 0, schema_version: 0 };
    Ok(metas.payload.as_deref().map(|text| serde_json::from_str(text).unwrap_or(unreadable)))
}

fn id_value(id: ArticleId) -> u64 {
    u64::try_from(id.0).unwrap_or(0)
}
