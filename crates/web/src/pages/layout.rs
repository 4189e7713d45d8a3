//! The frame of every page: head, header with search, footer with the attribution, CSS.

use maud::{DOCTYPE, Markup, html};

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

/// The search form, filled with what was searched.
pub fn search_form(q: &str, since: &str, until: &str) -> Markup {
    html! {
        form.search action="/search" method="get" role="search" {
            input type="search" name="q" value=(q) placeholder="Search articles" aria-label="Search text";
            details.dates open[!since.is_empty() || !until.is_empty()] {
                summary { "Dates" }
                label { "From " input type="date" name="since" value=(since); }
                label { "to " input type="date" name="until" value=(until); }
            }
            button type="submit" { "Search" }
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
