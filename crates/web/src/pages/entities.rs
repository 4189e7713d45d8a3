//! `GET /entities`: every entity the articles name, most mentioned first, by kind and name.

use axum::extract::State;
use maud::{Markup, html};
use newsgraph_model::EntityKind;
use newsgraph_store::{EntityFilter, Page};

use super::{PageError, PageQuery, layout};
use crate::{AppState, backend, display};

const PER_PAGE: u64 = 50;

pub async fn show(State(state): State<AppState>, PageQuery(raw): PageQuery) -> Result<Markup, PageError> {
    let page = raw.page()?;
    let kind = raw.kind()?;
    let query = raw.query_text().map(str::to_owned);
    let offset = (page - 1).saturating_mul(PER_PAGE);
    let filter = EntityFilter { kind, query: query.clone() };
    let found = backend::entities(&state, filter, Page { offset, limit: PER_PAGE }).await?;
    let has_next = offset.saturating_add(PER_PAGE) < found.total;
    let q = query.as_deref().unwrap_or("");
    let body = html! {
        h1 { "Entities" }
        (form(kind, q))
        p.muted {
            (display::count(found.total, "entity", "entities"))
            @if !q.is_empty() { " matching “" (q) "”" }
        }
        @if found.entities.is_empty() {
            p { @if found.total == 0 { "None found." } @else { "No entities on this page." } }
        } @else {
            ol.entities {
                @for stats in &found.entities {
                    li {
                        a class={ "entity entity-" (display::kind_slug(stats.entity.kind)) }
                            href={ "/entities/" (stats.entity.id.0) } { (stats.entity.name) }
                        " "
                        span.meta {
                            (display::kind_label(stats.entity.kind)) " · "
                            (display::count(stats.mentions, "mention", "mentions")) " in "
                            (display::count(stats.articles, "article", "articles"))
                        }
                    }
                }
            }
        }
        (layout::pager(page, has_next, |n| page_href(kind, q, n)))
    };
    Ok(layout::page("Entities", body))
}

fn form(kind: Option<EntityKind>, q: &str) -> Markup {
    html! {
        form.search action="/entities" method="get" {
            input type="search" name="q" value=(q) placeholder="Name" aria-label="Name contains";
            select name="kind" aria-label="Kind" {
                option value="" selected[kind.is_none()] { "All kinds" }
                @for k in display::KINDS {
                    option value=(display::kind_slug(k)) selected[kind == Some(k)] { (display::kind_heading(k)) }
                }
            }
            button type="submit" { "Filter" }
        }
    }
}

fn page_href(kind: Option<EntityKind>, q: &str, page: u64) -> String {
    let mut href = String::from("/entities?");
    if let Some(kind) = kind {
        href.push_str(&format!("kind={}&", display::kind_slug(kind)));
    }
    if !q.is_empty() {
        href.push_str(&format!("q={}&", display::encode_query_value(q)));
    }
    href.push_str(&format!("page={page}"));
    href
}
