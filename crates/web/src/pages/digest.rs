//! `GET /digest/{date}`: one UTC day's top stories, each with its headline, summary, that
//! day's coverage and its key quotes (see [`crate::digest`]); `GET /digest` sends to
//! yesterday's.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Redirect;
use chrono::{Days, NaiveDate, Utc};
use maud::{Markup, html};

use super::{PageError, PageQuery, layout};
use crate::digest::{self, Digest, DigestRequest, DigestStory, KeyQuote};
use crate::{AppState, backend, display};
use newsgraph_store::{Section, SectionRule};

/// `/digest`: the digest of the latest whole UTC day with news ([`digest::latest_day`]).
pub async fn latest(State(state): State<AppState>) -> Result<Redirect, PageError> {
    Ok(Redirect::temporary(&format!("/digest/{}", backend::latest_digest_day(&state).await?)))
}

pub async fn show(
    State(state): State<AppState>,
    date: Result<Path<String>, PathRejection>,
    PageQuery(raw): PageQuery,
) -> Result<Markup, PageError> {
    let Ok(Path(date)) = date else { return Err(PageError::NotFound) };
    let day = digest::parse_day(&date).map_err(PageError::BadRequest)?;
    let stories = raw.limit(digest::DEFAULT_STORIES, digest::MAX_STORIES)?;
    let section = raw.section.clone().filter(|s| !s.trim().is_empty());
    let request = DigestRequest { stories, ..DigestRequest::new(day) };
    let found = backend::digest(&state, request, section.clone()).await?.ok_or(PageError::NotFound)?;
    let sections = backend::sections(&state).await?;
    let title = found.title();
    let today = Utc::now().date_naive();
    Ok(layout::page(&title, render(&found, &title, today, &sections, section.as_deref())))
}

/// The digest of every section of the same day, the one shown marked.
fn section_links(day: NaiveDate, sections: &[Section], current: Option<&str>) -> Markup {
    html! {
        nav.sections aria-label="Digest by section" {
            @for section in sections {
                @let href = match section.rule {
                    SectionRule::Latest => format!("/digest/{day}"),
                    _ => format!("/digest/{day}?section={}", section.slug),
                };
                @let shown = current.unwrap_or("latest") == section.slug;
                @if shown {
                    a.current href=(href) aria-current="page" { (section.name) }
                } @else {
                    a href=(href) { (section.name) }
                }
            }
        }
    }
}

fn render(
    found: &Digest,
    title: &str,
    today: NaiveDate,
    sections: &[Section],
    current: Option<&str>,
) -> Markup {
    let day = found.date;
    let previous = day.checked_sub_days(Days::new(1));
    // Days still to come have nothing to show yet.
    let next = day.checked_add_days(Days::new(1)).filter(|next| *next <= today);
    let in_section = current.map(|slug| format!("?section={slug}")).unwrap_or_default();
    html! {
        (section_links(day, sections, current))
        h1 { (title) }
        nav.pager aria-label="Days" {
            @if let Some(previous) = previous { a rel="prev" href={ "/digest/" (previous) (in_section) } { "← " (previous) } }
            @if let Some(next) = next { a rel="next" href={ "/digest/" (next) (in_section) } { (next) " →" } }
        }
        @if found.stories.is_empty() {
            p { (digest::nothing_on(day)) }
        } @else {
            p.muted {
                "The day's top stories (UTC): those with the most articles that day, then the most outlets."
            }
            ol.articles.stories.digest {
                @for story in &found.stories { (story_item(story)) }
            }
        }
    }
}

fn story_item(story: &DigestStory) -> Markup {
    html! {
        li {
            a.title href=(story.link) { (story.headline) }
            div.meta {
                (digest::coverage(story))
                @if let Some(url) = story.url.as_deref().and_then(display::safe_href) {
                    " · " a href=(url) rel="noopener noreferrer" { "original" }
                }
            }
            @if !story.summary.is_empty() { p { (story.summary.join(" ")) } }
            @if !story.quotes.is_empty() {
                ol.quotes { @for quote in &story.quotes { (quote_item(quote)) } }
            }
        }
    }
}

fn quote_item(quote: &KeyQuote) -> Markup {
    html! {
        li.quote {
            @match &quote.person {
                Some(person) => a.speaker href=(person.link) title=(person.name) { (quote.shown_speaker()) },
                None => span.speaker { (quote.shown_speaker()) },
            }
            ": "
            span.content data-kind=(layout::kind_name(quote.kind)) { (quote.shown_text()) }
            " "
            span.meta { "(" a href=(quote.article.link) title=(quote.article.title) { (quote.article.outlet) } ")" }
        }
    }
}
