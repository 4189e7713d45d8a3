//! `GET /search`: the form, and with a query, one page of hits with highlighted snippets. With
//! `entity=ID` only the articles naming that entity are searched; without words, they are all
//! listed, newest first. Beside the hits, the facets of the best matches: when they were
//! published, the sections that hold them, and the people, organisations and places they name
//! most, each a link that narrows the search to it (`section=SLUG` narrows to a section's
//! saved search).

use axum::extract::State;
use maud::{Markup, PreEscaped, html};
use newsgraph_model::{Entity, EntityId};
use newsgraph_store::{ArticleFacets, Section};

use super::{PageError, PageQuery, layout, timeline};
use crate::params::RawParams;
use crate::syndication::{self, FeedLinks};
use crate::{AppState, backend, display, sections};

const PER_PAGE: u64 = 20;

pub async fn show(State(state): State<AppState>, PageQuery(raw): PageQuery) -> Result<Markup, PageError> {
    let page = raw.page()?;
    let entity = match raw.entity()? {
        Some(id) => Some(backend::entity(&state, id).await?.ok_or(PageError::NotFound)?.entity),
        None => None,
    };
    let section = match raw.section.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) => {
            let sections = backend::sections(&state).await?;
            Some(sections.into_iter().find(|s| s.slug == slug).ok_or(PageError::NotFound)?)
        }
        None => None,
    };
    let form = form(&raw, entity.as_ref().map(|e| e.id));
    let text = raw.query_text();
    if text.is_none() && entity.is_none() && section.is_none() {
        raw.window()?;
        return Ok(layout::page("Search", html! { h1 { "Search" } (form) }));
    }
    let text = text.unwrap_or("");
    let offset = (page - 1).saturating_mul(PER_PAGE);
    let query = raw.search_query(text, entity.as_ref().map(|e| e.id), offset, PER_PAGE)?;
    let query = match &section {
        Some(section) => sections::narrow(query, &section.rule),
        None => query,
    };
    let (facets, held) = backend::search_facets(&state, query.clone()).await?;
    let results = backend::search(&state, query).await?;
    let total = u64::try_from(results.total).unwrap_or(u64::MAX);
    let has_next = offset.saturating_add(PER_PAGE) < total;
    let feed = FeedLinks::search(&raw, &syndication::search_title(raw.query_text(), entity.as_ref()));
    let body = html! {
        (form)
        @if let Some(entity) = &entity { (filter_note(entity, text)) }
        @if let Some(section) = &section {
            p.filter {
                "In the section " a href={ "/sections/" (section.slug) } { (section.name) } " · "
                a href=(page_href(&raw, text, entity.as_ref().map(|e| e.id), None, 1)) { "search every section" }
            }
        }
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
        @let slug = section.as_ref().map(|s| s.slug.as_str());
        (layout::pager(page, has_next, |n| page_href(&raw, text, entity.as_ref().map(|e| e.id), slug, n)))
        (facet_list(&facets, &held, &raw, text, (entity.as_ref().map(|e| e.id), slug), total))
    };
    let title = match (&entity, &section, text) {
        (Some(e), _, "") => format!("{} · Search", e.name),
        (None, Some(s), "") => format!("{} · Search", s.name),
        _ => format!("{text} · Search"),
    };
    Ok(layout::page_with_feed(&title, Some(&feed), body))
}

/// When the matches were published, and whom and what they name most, each name a link that
/// narrows the search to the articles naming it.
fn facet_list(
    facets: &ArticleFacets,
    held: &[(Section, u64)],
    raw: &RawParams,
    text: &str,
    (current, section): (Option<EntityId>, Option<&str>),
    total: u64,
) -> Markup {
    let counted = if total > backend::FACETED as u64 {
        format!("In the best {} of the {total} matches", backend::FACETED)
    } else {
        "In the matches".to_owned()
    };
    html! {
        @if !facets.days.is_empty() || !facets.entities.is_empty() {
            aside.facets aria-label="Narrow the search" {
                h2 { "Narrow down" }
                p.muted { (counted) }
                @if !held.is_empty() {
                    h3 { "Sections" }
                    ul.names {
                        @for (s, n) in held {
                            li {
                                @if Some(s.slug.as_str()) == section {
                                    strong { (s.name) }
                                } @else {
                                    a href=(page_href(raw, text, current, Some(&s.slug), 1)) { (s.name) }
                                }
                                " " span.muted { "(" (n) ")" }
                            }
                        }
                    }
                }
                @if !facets.days.is_empty() {
                    h3 { "Over time" }
                    (timeline::render_counting(&facets.days, ("article", "articles")))
                }
                @for kind in display::KINDS {
                    @let named: Vec<_> = facets.entities.iter().filter(|(e, _)| e.entity.kind == kind).collect();
                    @if !named.is_empty() {
                        h3 { (display::kind_heading(kind)) }
                        ul.names {
                            @for (stats, n) in named {
                                li {
                                    @if Some(stats.entity.id) == current {
                                        strong { (stats.entity.name) }
                                    } @else {
                                        a class={ "entity entity-" (display::kind_slug(kind)) }
                                            href=(page_href(raw, text, Some(stats.entity.id), section, 1)) { (stats.entity.name) }
                                    }
                                    " " span.muted { "(" (n) ")" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
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

/// This search's page `page` (the first: no `page` parameter), with `entity` and `section`
/// as its filters.
fn page_href(
    raw: &RawParams,
    text: &str,
    entity: Option<EntityId>,
    section: Option<&str>,
    page: u64,
) -> String {
    let mut href = format!("/search?q={}", display::encode_query_value(text));
    if let Some(entity) = entity {
        href.push_str(&format!("&entity={}", entity.0));
    }
    if let Some(section) = section {
        href.push_str(&format!("&section={}", display::encode_query_value(section)));
    }
    for (name, value) in [("since", &raw.since), ("until", &raw.until)] {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            href.push_str(&format!("&{name}={}", display::encode_query_value(value)));
        }
    }
    if page > 1 {
        href.push_str(&format!("&page={page}"));
    }
    href
}
