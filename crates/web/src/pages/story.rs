//! `GET /stories/{id}`: one story: its headline and summary, how much coverage it had and
//! when (articles per hour, or per day for a story longer than three days), every article with
//! its outlet (copies and rewrites marked), the outlets, the people, organisations and places
//! it names (the places on a map), who said what in it, and related stories.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use maud::{Markup, html};
use newsgraph_model::{ArticleId, EntityKind, StoredArticle, StoryId};
use newsgraph_store::FiledArticle;

use super::{PageError, layout, timeline};
use crate::backend::StoryOverview;
use crate::map::{self, Pin};
use crate::syndication::FeedLinks;
use crate::{AppState, backend, display, params};

/// Entities and related stories the page lists at most.
const ENTITIES: u64 = 40;
const RELATED: u64 = 8;

pub async fn show(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Markup, PageError> {
    let id = id.ok().and_then(|Path(id)| params::story_id(&id)).ok_or(PageError::NotFound)?;
    let overview =
        backend::story_overview(&state, id, ENTITIES, RELATED).await?.ok_or(PageError::NotFound)?;
    let title = display::title(&overview.digest.headline).to_owned();
    let feed = FeedLinks::story(id, &overview.digest.headline);
    Ok(layout::page_with_feed(&title, Some(&feed), render(&overview, &feed)))
}

fn render(overview: &StoryOverview, feed: &FeedLinks) -> Markup {
    let d = &overview.digest;
    let titles: BTreeMap<ArticleId, &StoredArticle> =
        overview.articles.iter().map(|f| (f.article.id, &f.article)).collect();
    html! {
        (neighbours(overview.neighbours))
        h1 { (display::title(&d.headline)) }
        p.meta { (layout::story_meta(d)) }
        (layout::feed_links(feed))
        @if !d.summary.is_empty() {
            section.summary { @for sentence in &d.summary { p { (sentence) } } }
        }
        section {
            h2 { "Coverage over time" }
            // Hour by hour while the story lasted three days or less; by day (or longer) after.
            @if (d.last_seen - d.first_seen).num_hours() < timeline::MAX_HOURS as i64 {
                (timeline::render_hourly(&overview.hours, ("article", "articles")))
            } @else {
                (timeline::render_counting(&overview.timeline, ("article", "articles")))
            }
        }
        section.coverage {
            h2 { "Coverage (" (overview.articles.len()) ")" }
            ol.articles {
                @for filed in &overview.articles { (coverage_item(filed, &titles)) }
            }
        }
        (outlets(&overview.articles))
        (places(overview))
        @if !overview.quotes.is_empty() {
            section.said {
                h2 { "Who said what" }
                (layout::quote_list(&overview.quotes, &overview.speakers))
            }
        }
        (named(overview))
        @if !overview.related.is_empty() {
            section.related {
                h2 { "Related stories" }
                ol.articles {
                    @for (story, shared) in &overview.related {
                        li {
                            a.title href={ "/stories/" (story.id.0) } { (display::title(&story.headline)) }
                            div.meta {
                                (layout::story_meta(story)) " · "
                                (display::count(*shared, "name", "names")) " in common"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One article of the coverage: title, date, outlet, and whether it copies or rewrites
/// another of the story's articles.
fn coverage_item(filed: &FiledArticle, titles: &BTreeMap<ArticleId, &StoredArticle>) -> Markup {
    let a = &filed.article;
    let other = |id: ArticleId| titles.get(&id).map(|o| display::title(&o.article.title).to_owned());
    html! {
        li class=[filed.filing.duplicate_of.map(|_| "copy")] {
            a.title href={ "/articles/" (a.id) } { (display::title(&a.article.title)) }
            div.meta {
                @if let Some(published) = &a.article.published {
                    time datetime=(published.to_rfc3339()) { (display::date(published)) } " · "
                }
                (display::site_label(a))
                @if let Some(original) = filed.filing.duplicate_of {
                    " · " span.marker { "copy of " }
                    a href={ "/articles/" (original) } { (other(original).unwrap_or_else(|| format!("article {original}"))) }
                }
                @if let Some(original) = filed.filing.rewrite_of {
                    " · " span.marker { "rewrite of " }
                    a href={ "/articles/" (original) } { (other(original).unwrap_or_else(|| format!("article {original}"))) }
                }
            }
        }
    }
}

/// The outlets that covered the story, the most articles first.
fn outlets(articles: &[FiledArticle]) -> Markup {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for filed in articles {
        *counts.entry(display::site_label(&filed.article)).or_default() += 1;
    }
    let mut sorted: Vec<(String, u64)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    html! {
        section.outlets {
            h2 { "Outlets (" (sorted.len()) ")" }
            ul.names {
                @for (outlet, n) in &sorted {
                    li { (outlet) @if *n > 1 { " " span.muted { "×" (n) } } }
                }
            }
        }
    }
}

/// The names in the story, places apart from the rest, each with its number of articles.
/// Links to the stories before and after this one on the front page, with access keys (the
/// browser's modifier with `p` and `n`): moving from story to story by keyboard, no script.
fn neighbours((before, after): (Option<StoryId>, Option<StoryId>)) -> Markup {
    html! {
        @if before.is_some() || after.is_some() {
            nav.neighbours aria-label="Stories" {
                @if let Some(id) = before {
                    a rel="prev" accesskey="p" href={ "/stories/" (id.0) } title="Previous story (access key p)" { "← Previous story" }
                }
                @if let Some(id) = after {
                    a rel="next" accesskey="n" href={ "/stories/" (id.0) } title="Next story (access key n)" { "Next story →" }
                }
            }
        }
    }
}

/// The places the story names, on the world map, the more of its articles name one the
/// larger its dot.
fn places(overview: &StoryOverview) -> Markup {
    let pins: Vec<Pin<'_>> = overview
        .entities
        .iter()
        .filter(|(stats, _)| stats.entity.kind == EntityKind::Loc)
        .filter_map(|(stats, articles)| {
            let point = stats.entity.location?;
            let link = format!("/entities/{}", stats.entity.id.0);
            Some(Pin { name: &stats.entity.name, lat: point.lat, lon: point.lon, link, weight: *articles })
        })
        .collect();
    let map = map::world(&pins, "Places named in this story");
    html! {
        @if !map.0.is_empty() {
            section.places { h2 { "Where" } (map) }
        }
    }
}

fn named(overview: &StoryOverview) -> Markup {
    html! {
        @if !overview.entities.is_empty() {
            section.entities {
                h2 { "Named in this story" }
                @for kind in display::KINDS {
                    @let group: Vec<_> = overview.entities.iter().filter(|(e, _)| e.entity.kind == kind).collect();
                    @if !group.is_empty() {
                        h3 { (display::kind_heading(kind)) }
                        ul.names {
                            @for (stats, n) in group {
                                li {
                                    a class={ "entity entity-" (display::kind_slug(kind)) } href={ "/entities/" (stats.entity.id.0) } {
                                        (stats.entity.name)
                                    }
                                    @if kind == EntityKind::Loc && let Some(country) = &stats.entity.country {
                                        " " span.muted { "(" (country) ")" }
                                    }
                                    " " span.muted { "×" (n) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
