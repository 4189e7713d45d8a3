//! `GET /search`: the form, and with a query, one page of hits with highlighted snippets. With
//! `entity=ID` only the articles naming that entity are searched; without words, they are all
//! listed, newest first.

use axum::extract::State;
use maud::{Markup, PreEscaped, html};
use newsgraph_model::{Entity, EntityId};

use super::{PageError, PageQuery, layout};
use crate::params::RawParams;
use crate::syndication::{self, FeedLinks};
use crate::{AppState, backend, display};

const PER_PAGE: u64 = 20;

pub async fn show(State(state): State<AppState>, PageQuery(raw): PageQuery) -> Result<Markup, PageError> {
    let page = raw.page()?;
    let entity = match raw.entity()? {
        Some(id) => Some(backend::entity(&state, id).await?.ok_or(PageError::NotFound)?.entity),
        None => None,
    };
    let form = form(&raw, entity.as_ref().map(|e| e.id));
    let text = raw.query_text();
    if text.is_none() && entity.is_none() {
        raw.window()?;
        return Ok(layout::page("Search", html! { h1 { "Search" } (form) }));
    }
    let text = text.unwrap_or("");
    let offset = (page - 1).saturating_mul(PER_PAGE);
    let query = raw.search_query(text, entity.as_ref().map(|e| e.id), offset, PER_PAGE)?;
    let results = backend::search(&state, query).await?;
    let total = u64::try_from(results.total).unwrap_or(u64::MAX);
    let has_next = offset.saturating_add(PER_PAGE) < total;
    let feed = FeedLinks::search(&raw, &syndication::search_title(raw.query_text(), entity.as_ref()));
    let body = html! {
        (form)
        @if let Some(entity) = &entity { (filter_note(entity, text)) }
        (layout::feed_links(&feed))
        p.muted {
            (results.total) @if results.total == 1 { " result" } @else { " results" }
            @if !text.is_empty() { " for “" (text) "”" }
        }
        @if results.hits.is_empty() && total > 0 { p { "No results on this page." } }
        ol.articles {
            @for hit in &results.hits {
                li {
                    a.title href={ "/articles/" (hit.id) } { (display::title(&hit.title)) }
                    @if let Some(published) = &hit.published {
                        div.meta { time datetime=(published.to_rfc3339()) { (display::date(published)) } }
                    }
                    // The index escapes the snippet itself and adds only <b> highlights.
                    p.snippet { (PreEscaped(&hit.snippet_html)) }
                }
            }
        }
        (layout::pager(page, has_next, |n| page_href(&raw, text, entity.as_ref().map(|e| e.id), n)))
    };
    let title = match (&entity, text) {
        (Some(e), "") => format!("{} · Search", e.name),
        _ => format!("{text} · Search"),
    };
    Ok(layout::page_with_feed(&title, Some(&feed), body))
}

/// Which entity the results are limited to, with a way to drop the filter.
fn filter_note(entity: &Entity, text: &str) -> Markup {
    let without = if text.is_empty() {
        "/search".to_owned()
    } else {
        format!("/search?q={}", display::encode_query_value(text))
    };
    html! {
        p.filter {
            "Articles naming "
            a class={ "entity entity-" (display::kind_slug(entity.kind)) } href={ "/entities/" (entity.id.0) } {
                (entity.name)
            }
            " (" (display::kind_label(entity.kind)) ") · "
            a href=(without) { "search all articles" }
        }
    }
}

fn form(raw: &RawParams, entity: Option<EntityId>) -> Markup {
    let field = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_owned();
    layout::search_form(&field(&raw.q), &field(&raw.since), &field(&raw.until), entity)
}

fn page_href(raw: &RawParams, text: &str, entity: Option<EntityId>, page: u64) -> String {
    let mut href = format!("/search?q={}", display::encode_query_value(text));
    if let Some(entity) = entity {
        href.push_str(&format!("&entity={}", entity.0));
    }
    for (name, value) in [("since", &raw.since), ("until", &raw.until)] {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            href.push_str(&format!("&{name}={}", display::encode_query_value(value)));
        }
    }
    href.push_str(&format!("&page={page}"));
    href
}
