//! `GET /search`: the form, and with a query, one page of hits with highlighted snippets.

use axum::extract::State;
use maud::{Markup, PreEscaped, html};

use super::{PageError, PageQuery, layout};
use crate::params::RawParams;
use crate::{AppState, backend, display};

const PER_PAGE: u64 = 20;

pub async fn show(State(state): State<AppState>, PageQuery(raw): PageQuery) -> Result<Markup, PageError> {
    let page = raw.page()?;
    let form = form(&raw);
    let Some(text) = raw.query_text() else {
        raw.window()?;
        return Ok(layout::page("Search", html! { h1 { "Search" } (form) }));
    };
    let offset = (page - 1).saturating_mul(PER_PAGE);
    let results = backend::search(&state, raw.search_query(text, offset, PER_PAGE)?).await?;
    let total = u64::try_from(results.total).unwrap_or(u64::MAX);
    let has_next = offset.saturating_add(PER_PAGE) < total;
    let body = html! {
        (form)
        p.muted {
            (results.total) @if results.total == 1 { " result" } @else { " results" }
            " for “" (text) "”"
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
        (layout::pager(page, has_next, |n| page_href(&raw, text, n)))
    };
    Ok(layout::page(&format!("{text} · Search"), body))
}

fn form(raw: &RawParams) -> Markup {
    let field = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_owned();
    layout::search_form(&field(&raw.q), &field(&raw.since), &field(&raw.until))
}

fn page_href(raw: &RawParams, text: &str, page: u64) -> String {
    let mut href = format!("/search?q={}", display::encode_query_value(text));
    for (name, value) in [("since", &raw.since), ("until", &raw.until)] {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            href.push_str(&format!("&{name}={}", display::encode_query_value(value)));
        }
    }
    href.push_str(&format!("&page={page}"));
    href
}
