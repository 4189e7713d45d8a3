//! `/api/v1/quotes`: who said what across the stored articles, by speaker and by words.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, FixedOffset};
use newsgraph_model::{ArticleId, ShownQuote, shown_quotes};
use newsgraph_store::{Page, QuoteFilter, SpeakerFilter};
use serde::Serialize;

use super::{ApiError, ApiQuery, DEFAULT_LIMIT, MAX_LIMIT};
use crate::params::RawParams;
use crate::{AppState, backend};

#[derive(Serialize)]
pub(super) struct QuoteList {
    total: u64,
    offset: u64,
    limit: u64,
    /// The entity searched for, when `speaker` was an entity id.
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<super::entities::EntityRef>,
    quotes: Vec<QuoteHit>,
}

/// One quote: the article's `/api/v1/articles/{id}` quote shape (offsets in characters into
/// its text), the article it is from, and its content as one text.
#[derive(Serialize)]
struct QuoteHit {
    article: ArticleRef,
    #[serde(flatten)]
    quote: serde_json::Value,
    /// The content pieces joined by " … ".
    text: String,
}

#[derive(Serialize)]
struct ArticleRef {
    id: ArticleId,
    title: String,
    published: Option<DateTime<FixedOffset>>,
    url: Option<String>,
    /// The article's page in this app.
    link: String,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ApiQuery(raw): ApiQuery<RawParams>,
) -> Result<Json<QuoteList>, ApiError> {
    let offset = raw.offset()?;
    let limit = raw.limit(DEFAULT_LIMIT, MAX_LIMIT)?;
    let speaker = raw.speaker();
    let speaker_ref = match &speaker {
        Some(SpeakerFilter::Entity(id)) => {
            Some(super::entities::EntityRef::from(super::entities::find(&state, *id).await?.entity))
        }
        _ => None,
    };
    let filter = QuoteFilter { speaker, words: raw.query_text().map(str::to_owned) };
    let found = backend::quotes(&state, filter, Page { offset, limit }).await?;
    let mut quotes = Vec::with_capacity(found.quotes.len());
    for hit in found.quotes {
        let text = hit.article.article.text();
        let shown: Vec<ShownQuote<'_>> = shown_quotes(&text, std::slice::from_ref(&hit.quote));
        // A stored quote always has content on its article's text; one without is skipped.
        let Some(shown) = shown.into_iter().next() else { continue };
        let joined = shown.content.iter().map(|p| p.text).collect::<Vec<_>>().join(" … ");
        let quote = serde_json::to_value(&shown).map_err(|e| ApiError::Internal(e.to_string()))?;
        let a = hit.article;
        quotes.push(QuoteHit {
            article: ArticleRef {
                id: a.id,
                link: format!("/articles/{}", a.id),
                title: a.article.title,
                published: a.article.published,
                url: a.article.url,
            },
            quote,
            text: joined,
        });
    }
    Ok(Json(QuoteList { total: found.total, offset, limit, speaker: speaker_ref, quotes }))
}
