//! The store and index reads the feeds need beyond [`crate::backend`]'s: a few whole articles
//! by id, an entity's and a story's newest articles. Run on the blocking pool, as there.

use newsgraph_model::{ArticleId, EntityId, StoredArticle, StoryId};
use newsgraph_store::{Page, StoryDigest};

use crate::AppState;
use crate::backend::BackendError;

async fn blocking<T, F>(f: F) -> Result<T, BackendError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, BackendError> + Send + 'static,
{
    tokio::task::spawn_blocking(f).await?
}

/// The stored articles with these ids, in their order; ids the store does not hold (the index
/// may run ahead of it) left out.
pub async fn articles(state: &AppState, ids: Vec<ArticleId>) -> Result<Vec<StoredArticle>, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(store.article(id)?);
        }
        Ok(found)
    })
    .await
}

/// The newest `limit` articles naming the entity; `None` when there is no such entity.
pub async fn entity_articles(
    state: &AppState,
    id: EntityId,
    limit: u64,
) -> Result<Option<(newsgraph_model::Entity, Vec<StoredArticle>)>, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        let Some(stats) = store.entity(id)? else { return Ok(None) };
        let articles = store.entity_articles(id, Page { offset: 0, limit })?;
        Ok(Some((stats.entity, articles)))
    })
    .await
}

/// The story and its newest `limit` articles (copies included), newest first; `None` when
/// there is no such story.
pub async fn story_articles(
    state: &AppState,
    id: StoryId,
    limit: usize,
) -> Result<Option<(StoryDigest, Vec<StoredArticle>)>, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        let Some(digest) = store.story(id)? else { return Ok(None) };
        // The store lists a story's articles oldest first.
        let articles = store.story_articles(id)?.into_iter().rev().take(limit).map(|f| f.article).collect();
        Ok(Some((digest, articles)))
    })
    .await
}
