//! `GET /sections/{slug}`: one section's stories (every story, the fastest growing, or a
//! saved search's), with the tabs of every section; the front page is the first section.

use axum::extract::{Path, State};
use maud::{Markup, html};
use newsgraph_store::{Page, Section, SectionRule};

use super::{PageError, PageQuery, layout};
use crate::sections::SectionStories;
use crate::syndication::FeedLinks;
use crate::{AppState, backend, display};

const PER_PAGE: u64 = 30;

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    PageQuery(raw): PageQuery,
) -> Result<Markup, PageError> {
    let page = raw.page()?;
    let window = Page { offset: (page - 1).saturating_mul(PER_PAGE), limit: PER_PAGE };
    let (sections, section, stories) =
        backend::section(&state, slug, window).await?.ok_or(PageError::NotFound)?;
    let feed = FeedLinks::section(&section);
    let has_next = window.offset.saturating_add(PER_PAGE) < stories.total;
    let body = html! {
        (tabs(&sections, &section.slug))
        h1 { (section.name) }
        p.muted { (what(&section)) " · " (display::count(stories.total, "story", "stories")) }
        (layout::feed_links(&feed))
        (list(&stories))
        (layout::pager(page, has_next, |n| format!("/sections/{}?page={n}", section.slug)))
    };
    Ok(layout::page_with_feed(&section.name, Some(&feed), body))
}

/// A link to every section, the one shown marked.
pub fn tabs(sections: &[Section], current: &str) -> Markup {
    html! {
        nav.sections aria-label="Sections" {
            @for section in sections {
                @let href = format!("/sections/{}", section.slug);
                @if section.slug == current {
                    a.current href=(href) aria-current="page" { (section.name) }
                } @else {
                    a href=(href) { (section.name) }
                }
            }
        }
    }
}

/// What the section holds, in a few words.
fn what(section: &Section) -> String {
    match &section.rule {
        SectionRule::Latest => "Every story, the freshest first".to_owned(),
        SectionRule::Breaking { hours } => {
            format!("The stories that grew most in the last {hours} hours of news")
        }
        SectionRule::Query { text, entities } => match (text.trim().is_empty(), entities.len()) {
            (false, 0) => format!("Stories matching {text}"),
            (true, n) => {
                format!("Stories naming {}", display::count(n as u64, "chosen entity", "chosen entities"))
            }
            (false, n) => {
                format!(
                    "Stories matching {text} and naming {}",
                    display::count(n as u64, "entity", "entities")
                )
            }
        },
    }
}

fn list(stories: &SectionStories) -> Markup {
    html! {
        @if stories.stories.is_empty() {
            p { "No stories in this section yet." }
        } @else {
            ol.articles.stories {
                @for (story, recent) in &stories.stories {
                    li {
                        a.title href={ "/stories/" (story.id.0) } { (display::title(&story.headline)) }
                        div.meta {
                            (layout::story_meta(story))
                            @if let Some(n) = recent { " · " strong { (display::count(*n, "new article", "new articles")) } }
                        }
                        @if !story.summary.is_empty() { p { (story.summary.join(" ")) } }
                    }
                }
            }
        }
    }
}
