//! Which articles an export covers, and reading them a batch at a time in id order.

use newsgraph_index::{MAX_ALL_IDS, SearchIndex, SearchQuery};
use newsgraph_model::{ArticleId, StoredArticle};
use newsgraph_store::Store;

use crate::{Filter, Result};

/// Articles read from the store at once: bodies included, a few megabytes.
const ARTICLE_BATCH: usize = 200;

#[derive(Debug)]
pub(crate) enum Selection {
    /// Every stored article.
    All,
    /// The articles a search matched, in id order.
    Ids(Vec<ArticleId>),
}

impl Selection {
    pub fn resolve(index: &SearchIndex, filter: &Filter) -> Result<Selection> {
        if filter.is_empty() {
            return Ok(Selection::All);
        }
        let query = SearchQuery {
            text: filter.words().unwrap_or_default().to_owned(),
            entity: filter.entity,
            since: filter.since,
            until: filter.until,
            ..SearchQuery::default()
        };
        Ok(Selection::Ids(index.all_matching_ids(&query, MAX_ALL_IDS)?))
    }

    pub fn len(&self) -> Option<usize> {
        match self {
            Selection::All => None,
            Selection::Ids(ids) => Some(ids.len()),
        }
    }

    /// Hands the articles to `each` a batch at a time, in id order, until it says to stop
    /// (returns `false`) or none are left.
    pub fn articles(
        &self,
        store: &dyn Store,
        mut each: impl FnMut(&[StoredArticle]) -> Result<bool>,
    ) -> Result<()> {
        match self {
            Selection::All => {
                let mut after = ArticleId(0);
                loop {
                    let batch = store.articles_after(after, ARTICLE_BATCH as u64)?;
                    let Some(last) = batch.last() else { return Ok(()) };
                    after = last.id;
                    if !each(&batch)? {
                        return Ok(());
                    }
                }
            }
            Selection::Ids(ids) => {
                for chunk in ids.chunks(ARTICLE_BATCH) {
                    if !each(&store.articles_by_id(chunk)?)? {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    /// Hands the ids of the selected articles to `each` a batch at a time, in id order: for
    /// rows that need no article body.
    pub fn ids(&self, store: &dyn Store, mut each: impl FnMut(&[ArticleId]) -> Result<bool>) -> Result<()> {
        match self {
            Selection::All => self.articles(store, |batch| {
                let ids: Vec<ArticleId> = batch.iter().map(|a| a.id).collect();
                each(&ids)
            }),
            Selection::Ids(ids) => {
                for chunk in ids.chunks(ARTICLE_BATCH) {
                    if !each(chunk)? {
                        break;
                    }
                }
                Ok(())
            }
        }
    }
}
