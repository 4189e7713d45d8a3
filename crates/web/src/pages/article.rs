//! `GET /articles/{id}`: one article in full, with its related headlines and, folded away,
//! the boilerplate extraction removed.

use axum::extract::{Path, State};
use maud::{Markup, html};
use newsgraph_model::{Article, PageType, ParagraphKind, StoredArticle};

use super::{PageError, layout};
use crate::{AppState, backend, display, params};

pub async fn show(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Markup, PageError> {
    let id = id.ok().and_then(|Path(id)| params::article_id(&id)).ok_or(PageError::NotFound)?;
    let stored = backend::article(&state, id).await?.ok_or(PageError::NotFound)?;
    Ok(layout::page(display::title(&stored.article.title), render(&stored)))
}

fn render(stored: &StoredArticle) -> Markup {
    let a = &stored.article;
    html! {
        article {
            h1 {
                (display::title(&a.title))
                @if a.title_inferred { " " span.inferred title="The page had no headline; this one was taken from the text." { "(title inferred)" } }
            }
            @if let Some(description) = a.description.as_deref().filter(|d| !d.trim().is_empty()) {
                p.lead { (description) }
            }
            p.meta {
                @if let Some(published) = &a.published {
                    time datetime=(published.to_rfc3339()) { (published.format("%Y-%m-%d %H:%M %:z")) }
                    br;
                }
                @if !a.authors.is_empty() { "By " (a.authors.join(", ")) br; }
                (display::site_label(stored))
                @if let Some(language) = a.language.as_deref().filter(|l| !l.trim().is_empty()) {
                    " · language: " (language)
                }
                @if a.page_type != PageType::Article { " · page type: " (a.page_type) }
                @if let Some(url) = a.url.as_deref().and_then(display::safe_href) {
                    " · " a href=(url) rel="noopener noreferrer nofollow" { "Original article" }
                }
            }
            div.body lang=[a.language.as_deref()] {
                @for block in blocks(a) {
                    @match block {
                        Block::One(ParagraphKind::Heading(level), text) => @match level {
                            0..=2 => h2 { (text) },
                            3 => h3 { (text) },
                            4 => h4 { (text) },
                            5 => h5 { (text) },
                            _ => h6 { (text) },
                        },
                        Block::One(ParagraphKind::Quote, text) => blockquote { p { (text) } },
                        Block::One(ParagraphKind::Preformatted, text) => pre { (text) },
                        Block::One(_, text) => p { (text) },
                        Block::List(items) => ul { @for item in items { li { (item) } } },
                    }
                }
            }
        }
        @if !a.related_headlines.is_empty() {
            section.related {
                h2 { "Related headlines" }
                ul {
                    @for headline in &a.related_headlines {
                        li {
                            @match headline.url.as_deref().and_then(display::safe_href) {
                                Some(url) => a href=(url) rel="noopener noreferrer nofollow" { (headline.title) },
                                None => (headline.title),
                            }
                        }
                    }
                }
            }
        }
        @if !a.boilerplate.is_empty() {
            details.boilerplate {
                summary { "Removed boilerplate (" (a.boilerplate.len()) ")" }
                ul { @for line in &a.boilerplate { li { (line) } } }
            }
        }
        p.muted { "Source: " (display::source_label(stored)) }
    }
}

/// A piece of the body as the page shows it: one paragraph, or a run of list items.
enum Block<'a> {
    One(ParagraphKind, &'a str),
    List(Vec<&'a str>),
}

/// The non-empty paragraphs with their kinds, consecutive list items grouped into one list.
fn blocks(article: &Article) -> Vec<Block<'_>> {
    let mut out: Vec<Block<'_>> = Vec::new();
    for (kind, text) in article.blocks().filter(|(_, t)| !t.trim().is_empty()) {
        match (kind, out.last_mut()) {
            (ParagraphKind::ListItem, Some(Block::List(items))) => items.push(text),
            (ParagraphKind::ListItem, _) => out.push(Block::List(vec![text])),
            _ => out.push(Block::One(kind, text)),
        }
    }
    out
}
