//! `GET /`: the sections' tabs, the search box and the stories, freshest and largest first
//! (the first section, Latest); before any article
//! has been filed in a story (an import still running, or a store not organised yet), the
//! newest articles instead.

use axum::extract::State;
use maud::{Markup, html};
use newsgraph_store::Page;

use super::{PageError, PageQuery, layout, section};
use crate::syndication::FeedLinks;
use crate::{AppState, backend, display};

const PER_PAGE: u64 = 30;

pub async fn show(State(state): State<AppState>, PageQuery(raw): PageQuery) -> Result<Markup, PageError> {
    let page = raw.page()?;
    let offset = (page - 1).saturating_mul(PER_PAGE);
    let stories = backend::stories(&state, Page { offset, limit: PER_PAGE }).await?;
    if stories.total == 0 {
        return latest_articles(&state, page, offset).await;
    }
    let sections = backend::sections(&state).await?;
    let has_next = offset.saturating_add(PER_PAGE) < stories.total;
    let body = html! {
        (section::tabs(&sections, "latest"))
        (layout::search_form("", "", "", None))
        p.muted {
            (display::count(stories.total, "story", "stories"))
            " from " (display::count(stories.articles, "article", "articles"))
            " · " a href="/digest" { "Yesterday's digest" }
        }
        (layout::feed_links(&FeedLinks::front()))
        @if stories.stories.is_empty() {
            p { "No stories on this page." }
        } @else {
            (layout::story_list(&stories.stories))
        }
        (layout::pager(page, has_next, |n| format!("/?page={n}")))
    };
    Ok(layout::page_with_feed("Stories", Some(&FeedLinks::front()), body))
}

async fn latest_articles(state: &AppState, page: u64, offset: u64) -> Result<Markup, PageError> {
    let latest = backend::latest(state, offset, PER_PAGE).await?;
    let has_next = offset.saturating_add(PER_PAGE) < latest.total;
    let body = html! {
        (layout::search_form("", "", "", None))
        p.muted { (display::count(latest.total, "article", "articles")) }
        (layout::feed_links(&FeedLinks::front()))
        @if latest.articles.is_empty() {
            p { @if latest.total == 0 { "Nothing stored yet." } @else { "No articles on this page." } }
        } @else {
            (layout::article_list(&latest.articles))
        }
        (layout::pager(page, has_next, |n| format!("/?page={n}")))
    };
    Ok(layout::page_with_feed("Latest articles", Some(&FeedLinks::front()), body))
}
