//! The frame of every page: head, header with search, footer with the attribution, CSS; and
//! the pieces several pages share (search form, article list, pager).

use maud::{DOCTYPE, Markup, html};
use newsgraph_model::{EntityId, StoredArticle};

use crate::display;

pub const STYLESHEET_PATH: &str = "/static/style.css";
pub const STYLESHEET: &str = include_str!("../../static/style.css");

/// A whole HTML document around `body`.
pub fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · newsgraph" }
                link rel="stylesheet" href=(STYLESHEET_PATH);
            }
            body {
                header.site {
                    a.brand href="/" { "newsgraph" }
                    a href="/search" { "Search" }
                    a href="/entities" { "Entities" }
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

/// "Newer" and "Older" links around page `page` (1-based); `href(n)` makes page n's URL.
pub fn pager(page: u64, has_next: bool, href: impl Fn(u64) -> String) -> Markup {
    html! {
        @if page > 1 || has_next {
            nav.pager aria-label="Pages" {
                @if page > 1 { a rel="prev" href=(href(page - 1)) { "← Previous" } }
                span { "Page " (page) }
                @if has_next { a rel="next" href=(href(page + 1)) { "Next →" } }
            }
        }
    }
}
