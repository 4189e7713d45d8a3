//! An opened data directory: the SQLite store and the tantivy index beside it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsgraph_index::{IndexError, IndexedArticle, SearchIndex};
use newsgraph_model::{ArticleId, EntityId, EntityMention, StoredArticle};
use newsgraph_store::{SqliteStore, Store};

use crate::{PipelineError, Result};

/// Articles read from the store per index batch while catching up.
const INDEX_BATCH: u64 = 500;

pub struct Engine {
    pub store: Arc<dyn Store>,
    pub index: Arc<SearchIndex>,
}

impl Engine {
    /// Opens the data directory, creating it and its database and index when missing. An
    /// index built by another version of newsgraph is rebuilt from the store before this
    /// returns (the index is derived data; the store is the truth).
    pub fn open(root: &Path) -> Result<Self> {
        let (store, index_dir) = Self::open_store(root)?;
        match SearchIndex::open(&index_dir) {
            Ok(index) => Ok(Engine { store, index: Arc::new(index) }),
            Err(IndexError::SchemaChanged(_, why)) => {
                tracing::warn!(%why, "rebuilding the search index from the store");
                let engine = Engine { store, index: Arc::new(SearchIndex::recreate(&index_dir)?) };
                let indexed = engine.catch_up_index()?;
                tracing::info!(indexed, "search index rebuilt");
                Ok(engine)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Opens the data directory with a new, empty index, which [`Engine::catch_up_index`]
    /// then fills from the store. Works on an index that no longer opens.
    pub fn open_with_new_index(root: &Path) -> Result<Self> {
        let (store, index_dir) = Self::open_store(root)?;
        let index = SearchIndex::recreate(&index_dir)?;
        Ok(Engine { store, index: Arc::new(index) })
    }

    fn open_store(root: &Path) -> Result<(Arc<dyn Store>, PathBuf)> {
        std::fs::create_dir_all(root).map_err(|e| PipelineError::DataDir(root.to_path_buf(), e))?;
        let store = SqliteStore::open(&root.join("newsgraph.db"))?;
        Ok((Arc::new(store), root.join("index")))
    }

    /// Indexes every stored article the index does not hold yet (after a crash, or after
    /// [`Engine::open_with_new_index`]), and the latest version of every article revised since
    /// the index took it. Returns how many were indexed.
    pub fn catch_up_index(&self) -> Result<usize> {
        let mut after = self.index.indexed_up_to()?;
        let mut indexed = 0;
        loop {
            let batch = self.store.articles_after(after, INDEX_BATCH)?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            let batch: Vec<IndexedArticle> =
                batch.into_iter().map(|article| self.with_entities(article)).collect::<Result<_>>()?;
            self.index.add(&batch)?;
            self.index.commit(after)?;
            indexed += batch.len();
        }
        loop {
            let revised = self.store.articles_to_reindex(INDEX_BATCH)?;
            if revised.is_empty() {
                break;
            }
            let taken: Vec<(ArticleId, u32)> = revised.iter().map(|r| (r.article.id, r.version)).collect();
            let batch: Vec<IndexedArticle> =
                revised.into_iter().map(|r| self.with_entities(r.article)).collect::<Result<_>>()?;
            // Adding replaces the version the index held. Marked only once committed: a crash
            // in between indexes it again, which is harmless.
            self.index.add(&batch)?;
            self.index.commit(after)?;
            self.store.reindexed(&taken)?;
            indexed += batch.len();
        }
        Ok(indexed)
    }

    /// The article with the ids of the entities it mentions, as the index takes it. One store
    /// query per article: for the embedded SQLite store that is an index lookup in process,
    /// cheaper than widening every read of an article; a networked store may want one query
    /// per batch instead.
    fn with_entities(&self, article: StoredArticle) -> Result<IndexedArticle> {
        let mentions = self.store.article_mentions(article.id)?;
        Ok(indexed_article(article, &mentions))
    }
}

/// The article with the ids of the entities among `mentions`, each once, as the index takes it.
pub(crate) fn indexed_article(article: StoredArticle, mentions: &[EntityMention]) -> IndexedArticle {
    let mut entities: Vec<EntityId> = mentions.iter().filter_map(|m| m.entity).collect();
    entities.sort_unstable();
    entities.dedup();
    IndexedArticle { article, entities }
}
