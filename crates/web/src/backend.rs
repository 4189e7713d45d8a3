//! Calls into the store and the index. Both are synchronous, so each call runs on the
//! blocking thread pool; handlers only translate between HTTP and these functions.

use newsgraph_index::{IndexError, SearchQuery, SearchResults};
use newsgraph_model::{ArticleId, StoredArticle};
use newsgraph_store::{Page, StoreError};

use crate::AppState;

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("background task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl BackendError {
    /// The user's own mistake (a query the index cannot run), as a message for them; `None`
    /// for a failure on our side. Both the API and the pages decide their status by this.
    pub fn user_error(&self) -> Option<&str> {
        match self {
            BackendError::Index(IndexError::BadQuery(message)) => Some(message),
            _ => None,
        }
    }
}

/// One page of the newest articles, with the total number stored.
pub struct Latest {
    pub total: u64,
    pub articles: Vec<StoredArticle>,
}

async fn blocking<T, F>(f: F) -> Result<T, BackendError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, BackendError> + Send + 'static,
{
    tokio::task::spawn_blocking(f).await?
}

pub async fn latest(state: &AppState, offset: u64, limit: u64) -> Result<Latest, BackendError> {
    let store = state.store.clone();
    blocking(move || {
        let total = store.count()?;
        let articles = store.latest(Page { offset, limit })?;
        Ok(Latest { total, articles })
    })
    .await
}

pub async fn article(state: &AppState, id: ArticleId) -> Result<Option<StoredArticle>, BackendError> {
    let store = state.store.clone();
    blocking(move || Ok(store.article(id)?)).await
}

pub async fn search(state: &AppState, query: SearchQuery) -> Result<SearchResults, BackendError> {
    let index = state.index.clone();
    blocking(move || Ok(index.search(&query)?)).await
}
