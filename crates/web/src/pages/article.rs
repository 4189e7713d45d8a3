//! `GET /articles/{id}`: one article in full, its entity mentions linked to the entities'
//! pages, its story and who else reported it (its copies) or what it copies or rewrites, the
//! entities it names, who said what in it, its related headlines and, folded away, the
//! versions it held before its page changed and the boilerplate extraction removed.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use maud::{Markup, html};
use newsgraph_model::{Article, Entity, EntityId, PageType, ParagraphKind, StoredArticle};

use super::{PageError, layout};
use crate::backend::ArticleWithEntities;
use crate::mentions::{self, Mark, Piece};
use crate::{AppState, backend, display, params};

pub async fn show(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Markup, PageError> {
    let id = id.ok().and_then(|Path(id)| params::article_id(&id)).ok_or(PageError::NotFound)?;
    let found = backend::article_with_entities(&state, id).await?.ok_or(PageError::NotFound)?;
    Ok(layout::page(display::title(&found.stored.article.title), render(&found)))
}

fn render(found: &ArticleWithEntities) -> Markup {
    let stored = &found.stored;
    let a = &stored.article;
    // Mentions first: where an amount or a time expression covers exactly the words of a
    // name, the link to the entity is what the reader gets.
    let marks = mentions::mention_marks(&found.mentions)
        .chain(mentions::amount_marks(&found.amounts))
        .chain(mentions::time_marks(&found.times));
    let pieces = mentions::pieces(&a.paragraphs, marks);
    let rich = |i: usize| rich_text(pieces.get(i).map(Vec::as_slice).unwrap_or_default());
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
                        Block::One(ParagraphKind::Heading(level), i) => @match level {
                            0..=2 => h2 { (rich(i)) },
                            3 => h3 { (rich(i)) },
                            4 => h4 { (rich(i)) },
                            5 => h5 { (rich(i)) },
                            _ => h6 { (rich(i)) },
                        },
                        Block::One(ParagraphKind::Quote, i) => blockquote { p { (rich(i)) } },
                        Block::One(ParagraphKind::Preformatted, i) => pre { (rich(i)) },
                        Block::One(_, i) => p { (rich(i)) },
                        Block::List(items) => ul { @for i in items { li { (rich(i)) } } },
                    }
                }
            }
        }
        (coverage(found))
        (entity_list(found))
        (quote_list(found))
        @if !a.related_headlines.is_empty() {
            section.related {
                h2 { "Related headlines" }
                ul {
                    @for (i, headline) in a.related_headlines.iter().enumerate() {
                        li {
                            @match headline.url.as_deref().and_then(display::safe_href) {
                                Some(url) => a href=(url) rel="noopener noreferrer nofollow" { (headline.title) },
                                None => (headline.title),
                            }
                            @if let Some(Some(found)) = found.teasers.get(i) {
                                " · "
                                @let link = match found.story {
                                    Some(story) => format!("/stories/{}", story.0),
                                    None => format!("/articles/{}", found.article),
                                };
                                a.teaser-match href=(link) title=(found.title) { "in this archive" }
                            }
                        }
                    }
                }
            }
        }
        (earlier_versions(found))
        @if !a.boilerplate.is_empty() {
            details.boilerplate {
                summary { "Removed boilerplate (" (a.boilerplate.len()) ")" }
                ul { @for line in &a.boilerplate { li { (line) } } }
            }
        }
        p.muted { "Source: " (display::source_label(stored)) }
    }
}

/// Its story, the outlets that reported it too (its copies), and what it copies or rewrites.
fn coverage(found: &ArticleWithEntities) -> Markup {
    let linked = |other: &StoredArticle| {
        html! {
            a href={ "/articles/" (other.id) } { (display::title(&other.article.title)) }
            " " span.muted { "(" (display::site_label(other)) ")" }
        }
    };
    let story = found.story.as_ref();
    let shown =
        story.is_some() || !found.copies.is_empty() || found.copy_of.is_some() || found.rewrite_of.is_some();
    html! {
        @if shown {
            section.coverage {
                @if let Some(story) = story {
                    p {
                        "Part of the story "
                        a href={ "/stories/" (story.id.0) } { (display::title(&story.headline)) }
                        " " span.muted { "(" (layout::story_meta(story)) ")" }
                    }
                }
                @if let Some(original) = &found.copy_of {
                    p.copy-of { "Copy of " (linked(original)) }
                }
                @if let Some(original) = &found.rewrite_of {
                    p.rewrite-of { "Rewrite of " (linked(original)) }
                }
                @if !found.copies.is_empty() {
                    p.also {
                        "Also reported by "
                        @for (i, copy) in found.copies.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href={ "/articles/" (copy.id) } title=(display::title(&copy.article.title)) {
                                (display::site_label(copy))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The versions the article held before its page changed, newest first, each folded away.
fn earlier_versions(found: &ArticleWithEntities) -> Markup {
    html! {
        @if !found.revisions.is_empty() {
            section.revisions {
                h2 { "Earlier versions (" (found.revisions.len()) ")" }
                @for revision in found.revisions.iter().rev() {
                    details.revision {
                        summary {
                            "Version " (revision.number) ": " (display::title(&revision.title))
                            " " span.muted {
                                "(replaced "
                                time datetime=(revision.replaced_at.to_rfc3339()) {
                                    (revision.replaced_at.format("%Y-%m-%d %H:%M UTC"))
                                }
                                ")"
                            }
                        }
                        @for paragraph in revision.paragraphs.iter().filter(|p| !p.trim().is_empty()) {
                            p { (paragraph) }
                        }
                    }
                }
            }
        }
    }
}

/// A paragraph's text with each mention a link to its entity's page, and amounts and time
/// expressions marked with what they mean.
fn rich_text(pieces: &[Piece<'_>]) -> Markup {
    html! {
        @for piece in pieces {
            @match piece {
                Piece::Text(text) => (text),
                Piece::Marked { text, mark: Mark::Entity { entity, kind } } => {
                    a class={ "entity entity-" (display::kind_slug(*kind)) } href={ "/entities/" (entity.0) } {
                        (text)
                    }
                }
                Piece::Marked { text, mark: Mark::Amount { title } } => span.amount title=(title) { (text) },
                Piece::Marked { text, mark: Mark::Time { datetime: Some(datetime), title } } => {
                    time.timeref datetime=(datetime) title=(title) { (text) }
                }
                Piece::Marked { text, mark: Mark::Time { datetime: None, title } } => {
                    span.timeref title=(title) { (text) }
                }
            }
        }
    }
}

/// The entities the article names, grouped by kind, most mentioned first.
fn entity_list(found: &ArticleWithEntities) -> Markup {
    let mut counts: BTreeMap<EntityId, usize> = BTreeMap::new();
    for id in found.mentions.iter().filter_map(|m| m.entity) {
        *counts.entry(id).or_default() += 1;
    }
    let mut named: Vec<(&Entity, usize)> =
        counts.iter().filter_map(|(id, n)| found.entities.get(id).map(|e| (e, *n))).collect();
    named.sort_by(|(a, n), (b, m)| m.cmp(n).then_with(|| a.name.cmp(&b.name)));
    html! {
        @if !named.is_empty() {
            section.entities {
                h2 { "Named in this article" }
                @for kind in display::KINDS {
                    @let group: Vec<_> = named.iter().filter(|(e, _)| e.kind == kind).collect();
                    @if !group.is_empty() {
                        h3 { (display::kind_heading(kind)) }
                        ul.names {
                            @for (entity, n) in group {
                                li {
                                    a class={ "entity entity-" (display::kind_slug(kind)) } href={ "/entities/" (entity.id.0) } {
                                        (entity.name)
                                    }
                                    @if *n > 1 { " " span.muted { "×" (n) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A piece of the body as the page shows it: one paragraph, or a run of list items, by their
/// index in `Article::paragraphs`.
enum Block {
    One(ParagraphKind, usize),
    List(Vec<usize>),
}

/// The non-empty paragraphs with their kinds, consecutive list items grouped into one list.
fn blocks(article: &Article) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for (i, (kind, _)) in article.blocks().enumerate().filter(|(_, (_, t))| !t.trim().is_empty()) {
        match (kind, out.last_mut()) {
            (ParagraphKind::ListItem, Some(Block::List(items))) => items.push(i),
            (ParagraphKind::ListItem, _) => out.push(Block::List(vec![i])),
            _ => out.push(Block::One(kind, i)),
        }
    }
    out
}

/// Who said what: each quote's speaker (linked to the person's page when it was resolved to
/// one), its cue and its content, pieces joined by an ellipsis.
fn quote_list(found: &ArticleWithEntities) -> Markup {
    let text = found.stored.article.text();
    let slice = |span: newsgraph_model::Span| span.slice(&text).map(str::to_owned);
    html! {
        @if !found.quotes.is_empty() {
            section.quotes {
                h2 { "Who said what" }
                ul {
                    @for quote in &found.quotes {
                        @let content: Vec<String> = quote.content.iter().filter_map(|s| slice(*s)).collect();
                        @let entity = quote.speaker_entity.and_then(|id| found.entities.get(&id).map(|e| (id, e)));
                        li.quote {
                            @match (quote.speaker.and_then(slice), entity) {
                                (Some(speaker), Some((id, e))) => a.speaker href={ "/entities/" (id.0) } title=(e.name) { (speaker) },
                                (Some(speaker), None) => span.speaker { (speaker) },
                                (None, _) => span.speaker.muted { "(unnamed)" },
                            }
                            @if let Some(cue) = quote.cue.and_then(slice) { " " span.cue { (cue) } }
                            ": "
                            q.content data-kind=(layout::kind_name(quote.kind)) { (content.join(" … ")) }
                        }
                    }
                }
            }
        }
    }
}
