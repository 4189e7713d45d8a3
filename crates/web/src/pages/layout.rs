//! The frame of every page: head, header with search, footer with the attribution, CSS; and
//! the pieces several pages share (search form, article list, pager).

use std::collections::BTreeMap;

use maud::{DOCTYPE, Markup, html};
use newsgraph_model::{Entity, EntityId, QuoteKind, StoredArticle};
use newsgraph_store::{FoundQuote, StoryDigest};

use crate::display;
use crate::syndication::FeedLinks;

pub const STYLESHEET_PATH: &str = "/static/style.css";
/// The app's icon, an SVG (also answered at `/favicon.ico`, where browsers look unasked).
pub const ICON_PATH: &str = "/static/icon.svg";
pub const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">\
<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#0b57d0\"/>\
<path d=\"M4 12V4l8 8V4\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\"/></svg>";
pub const STYLESHEET: &str = include_str!("../../static/style.css");

/// A whole HTML document around `body`.
pub fn page(title: &str, body: Markup) -> Markup {
    page_with_feed(title, None, body)
}

/// [`page`], naming in its head the feeds that follow it, for browsers and feed readers to
/// find.
pub fn page_with_feed(title: &str, feed: Option<&FeedLinks>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · newsgraph" }
                link rel="stylesheet" href=(STYLESHEET_PATH);
                link rel="icon" type="image/svg+xml" href=(ICON_PATH);
                @if let Some(feed) = feed {
                    link rel="alternate" type="application/atom+xml" title=(feed.title) href=(feed.atom);
                    link rel="alternate" type="application/feed+json" title=(feed.title) href=(feed.json);
                }
            }
            body {
                header.site {
                    a.brand href="/" { "newsgraph" }
                    a href="/search" { "Search" }
                    a href="/entities" { "Entities" }
                    a href="/quotes" { "Quotes" }
                    a href="/sources" { "Sources" }
                }
                main { (body) }
                footer.site {
                    p { "newsgraph" }
                    p { "Demo articles: " a href="https://en.wikinews.org/" { "Wikinews" } ", CC BY 2.5." }
                }
            }
        }
    }
}

/// The visible links to a page's feeds.
pub fn feed_links(feed: &FeedLinks) -> Markup {
    html! {
        p.feeds {
            a href=(feed.atom) type="application/atom+xml" title={ "Atom feed: " (feed.title) } { "Feed" }
            " · "
            a href=(feed.json) type="application/feed+json" title={ "JSON Feed: " (feed.title) } { "JSON Feed" }
        }
    }
}

/// The search form, filled with what was searched; searching again keeps the entity filter.
pub fn search_form(q: &str, since: &str, until: &str, entity: Option<EntityId>) -> Markup {
    html! {
        form.search action="/search" method="get" role="search" {
            input type="search" name="q" value=(q) placeholder="Search articles" aria-label="Search text";
            @if let Some(entity) = entity { input type="hidden" name="entity" value=(entity.0); }
            details.dates open[!since.is_empty() || !until.is_empty()] {
                summary { "Dates" }
                label { "From " input type="date" name="since" value=(since); }
                label { "to " input type="date" name="until" value=(until); }
            }
            button type="submit" { "Search" }
        }
    }
}

/// Articles as the front page lists them: title, date, site, excerpt.
pub fn article_list(articles: &[StoredArticle]) -> Markup {
    html! {
        ol.articles {
            @for stored in articles {
                li {
                    a.title href={ "/articles/" (stored.id) } { (display::title(&stored.article.title)) }
                    div.meta {
                        @if let Some(published) = &stored.article.published {
                            time datetime=(published.to_rfc3339()) { (display::date(published)) }
                            " · "
                        }
                        (display::site_label(stored))
                    }
                    p { (display::excerpt(stored, display::EXCERPT_CHARS)) }
                }
            }
        }
    }
}

/// Stories as the front page lists them: headline, extent, summary.
pub fn story_list(stories: &[StoryDigest]) -> Markup {
    html! {
        ol.articles.stories {
            @for story in stories {
                li {
                    a.title href={ "/stories/" (story.id.0) } { (display::title(&story.headline)) }
                    div.meta { (story_meta(story)) }
                    @if !story.summary.is_empty() { p { (story.summary.join(" ")) } }
                }
            }
        }
    }
}

/// "3 articles from 2 outlets · 2022-12-19 to 2022-12-20".
pub fn story_meta(story: &StoryDigest) -> Markup {
    let (first, last) = (display::date(&story.first_seen), display::date(&story.last_seen));
    html! {
        (display::count(story.articles, "article", "articles"))
        " from " (display::count(story.outlets, "outlet", "outlets"))
        " · "
        time datetime=(story.first_seen.to_rfc3339()) { (first) }
        @if last != first { " to " time datetime=(story.last_seen.to_rfc3339()) { (last) } }
    }
}

/// "Newer" and "Older" links around page `page` (1-based); `href(n)` makes page n's URL.
pub fn pager(page: u64, has_next: bool, href: impl Fn(u64) -> String) -> Markup {
    html! {
        @if page > 1 || has_next {
            nav.pager aria-label="Pages" {
                @if page > 1 { a rel="prev" accesskey="p" href=(href(page - 1)) { "← Previous" } }
                span { "Page " (page) }
                @if has_next { a rel="next" accesskey="n" href=(href(page + 1)) { "Next →" } }
            }
        }
    }
}

/// Quotes as the quote search and the entity page list them: speaker (linked to the person's
/// page when it names one of `entities`), cue, content pieces joined by an ellipsis, and the
/// article they are from, with its date.
pub fn quote_list(quotes: &[FoundQuote], entities: &BTreeMap<EntityId, Entity>) -> Markup {
    html! {
        ol.quotes {
            @for found in quotes {
                @let text = found.article.article.text();
                @let slice = |span: newsgraph_model::Span| span.slice(&text).map(str::to_owned);
                @let quote = &found.quote;
                @let content: Vec<String> = quote.content.iter().filter_map(|s| slice(*s)).collect();
                @let entity = quote.speaker_entity.and_then(|id| entities.get(&id));
                li.quote {
                    @match (quote.speaker.and_then(slice), entity) {
                        (Some(speaker), Some(e)) => a.speaker href={ "/entities/" (e.id.0) } title=(e.name) { (speaker) },
                        (Some(speaker), None) => span.speaker { (speaker) },
                        (None, _) => span.speaker.muted { "(unnamed)" },
                    }
                    @if let Some(cue) = quote.cue.and_then(slice) { " " span.cue { (cue) } }
                    ": "
                    q.content data-kind=(kind_name(quote.kind)) { (content.join(" … ")) }
                    div.meta {
                        a href={ "/articles/" (found.article.id) } { (display::title(&found.article.article.title)) }
                        @if let Some(published) = &found.article.article.published {
                            " · " time datetime=(published.to_rfc3339()) { (display::date(published)) }
                        }
                        " · " (kind_name(quote.kind))
                    }
                }
            }
        }
    }
}

/// A quote's kind as pages and the API spell it.
pub fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}
