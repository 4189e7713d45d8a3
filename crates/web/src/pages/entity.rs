//! `GET /entities/{id}`: one person, organisation or place: the names it goes by, where it is,
//! how often it was mentioned over time, what it is named with (the places on a map), and the
//! articles naming it.

use axum::extract::{Path, State};
use maud::{Markup, html};
use newsgraph_model::{Entity, EntityKind};
use newsgraph_store::Page;

use super::{PageError, PageQuery, layout, timeline};
use crate::backend::EntityOverview;
use crate::map::{self, Pin};
use crate::syndication::FeedLinks;
use crate::{AppState, backend, display, params};

const PER_PAGE: u64 = 20;
const CO_OCCURRING: u64 = 12;
/// How many of its newest quotes the page lists.
const QUOTES: u64 = 10;

pub async fn show(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
    PageQuery(raw): PageQuery,
) -> Result<Markup, PageError> {
    let id = id.ok().and_then(|Path(id)| params::entity_id(&id)).ok_or(PageError::NotFound)?;
    let page = raw.page()?;
    let articles = Page { offset: (page - 1).saturating_mul(PER_PAGE), limit: PER_PAGE };
    let overview = backend::entity_overview(&state, id, articles, CO_OCCURRING, QUOTES)
        .await?
        .ok_or(PageError::NotFound)?;
    let title = overview.stats.entity.name.clone();
    let feed = FeedLinks::entity(&overview.stats.entity);
    Ok(layout::page_with_feed(&title, Some(&feed), render(&overview, page, articles, &feed)))
}

fn render(overview: &EntityOverview, page: u64, window: Page, feed: &FeedLinks) -> Markup {
    let stats = &overview.stats;
    let e = &stats.entity;
    let has_next = window.offset.saturating_add(PER_PAGE) < stats.articles;
    html! {
        h1 { (e.name) }
        p.meta {
            span class={ "kind entity-" (display::kind_slug(e.kind)) } { (display::kind_label(e.kind)) }
            " · " (display::count(stats.mentions, "mention", "mentions"))
            " in " (display::count(stats.articles, "article", "articles"))
        }
        @if !e.aliases.is_empty() {
            p { "Also written " (e.aliases.join(", ")) }
        }
        @if !overview.roles.is_empty() {
            p.roles {
                "Described as "
                @for (i, (role, n)) in overview.roles.iter().enumerate() {
                    @if i > 0 { ", " }
                    (role) " " span.muted { "(" (n) ")" }
                }
            }
        }
        (place(e))
        (places(overview))
        section {
            h2 { "Mentions over time" }
            (timeline::render(&overview.timeline))
        }
        @if !overview.co_occurring.is_empty() {
            section {
                h2 { "Named with" }
                ul.names {
                    @for (other, shared) in &overview.co_occurring {
                        li {
                            a class={ "entity entity-" (display::kind_slug(other.entity.kind)) }
                                href={ "/entities/" (other.entity.id.0) } { (other.entity.name) }
                            " " span.muted { "(" (display::count(*shared, "article", "articles")) ")" }
                        }
                    }
                }
            }
        }
        @if !overview.quotes.is_empty() {
            section.said {
                h2 { "What they said" }
                (layout::quote_list(&overview.quotes, &speakers(e)))
                @if overview.quote_count > overview.quotes.len() as u64 {
                    p { a href={ "/quotes?speaker=" (e.id.0) } { "All " (display::count(overview.quote_count, "quote", "quotes")) } }
                }
            }
        }
        section {
            h2 { "Articles" }
            p { a href={ "/search?entity=" (e.id.0) } { "Search within these articles" } }
            (layout::feed_links(feed))
            @if overview.articles.is_empty() {
                p { "No articles on this page." }
            } @else {
                (layout::article_list(&overview.articles))
            }
            (layout::pager(page, has_next, |n| format!("/entities/{}?page={n}", e.id.0)))
        }
    }
}

/// The entity as the speaker its quotes link to.
fn speakers(e: &Entity) -> std::collections::BTreeMap<newsgraph_model::EntityId, Entity> {
    std::collections::BTreeMap::from([(e.id, e.clone())])
}

/// On the world map: the place itself, if it is one, and the places named with it, the more
/// articles they share the larger the dot.
fn places(overview: &EntityOverview) -> Markup {
    let stats = &overview.stats;
    let itself = std::iter::once((stats, stats.articles));
    let with = overview.co_occurring.iter().map(|(other, shared)| (other, *shared));
    let pins: Vec<Pin<'_>> = itself
        .chain(with)
        .filter(|(other, _)| other.entity.kind == EntityKind::Loc)
        .filter_map(|(other, weight)| {
            let point = other.entity.location?;
            let link = format!("/entities/{}", other.entity.id.0);
            Some(Pin { name: &other.entity.name, lat: point.lat, lon: point.lon, link, weight })
        })
        .collect();
    let map = map::world(&pins, "Places");
    html! {
        @if !map.0.is_empty() {
            section.places { h2 { "On the map" } (map) }
        }
    }
}

/// For a place: its country and coordinates, with a link to the map (a plain link; nothing is
/// loaded from elsewhere).
fn place(e: &Entity) -> Markup {
    html! {
        @if e.kind == EntityKind::Loc && (e.location.is_some() || e.country.is_some()) {
            p.place {
                @if let Some(country) = &e.country { "Country: " (country) }
                @if let Some(point) = e.location {
                    @if e.country.is_some() { " · " }
                    "Coordinates: " (format!("{:.4}, {:.4}", point.lat, point.lon)) " · "
                    a href=(format!("https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=10/{:.5}/{:.5}", point.lat, point.lon, point.lat, point.lon))
                        rel="noopener noreferrer nofollow" { "Map" }
                }
            }
        }
    }
}
