//! The digest as one standalone HTML page, for email: no stylesheet to fetch, no scripts, no
//! images; styles inline (mail clients drop `<style>` blocks and external sheets), a narrow
//! single column, and every link absolute ([`Links`]).

use maud::{DOCTYPE, Markup, html};

use super::{Digest, DigestStory, KeyQuote, Links, coverage, nothing_on};

const BODY: &str = "margin:0;padding:16px;background:#ffffff;color:#1a1a1a;\
    font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.5";
const COLUMN: &str = "max-width:640px;margin:0 auto";
const HEADLINE: &str = "font-size:20px;margin:24px 0 4px";
const LINK: &str = "color:#1a4d8f";
const META: &str = "color:#666666;font-size:14px;margin:0 0 8px;font-family:Arial,sans-serif";
const QUOTE: &str = "margin:6px 0 6px 0;padding-left:12px;border-left:3px solid #dddddd";

/// A whole HTML document.
pub fn render(digest: &Digest, links: Links<'_>) -> String {
    let title = digest.title();
    let page: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
            }
            body style=(BODY) {
                div style=(COLUMN) {
                    h1 style="font-size:24px;margin:0 0 4px" { (title) }
                    @if digest.stories.is_empty() {
                        p { (nothing_on(digest.date)) }
                    } @else {
                        p style=(META) { "The day's top stories (UTC), the most covered first." }
                        @for (n, story) in digest.stories.iter().enumerate() { (story_block(n + 1, story, links)) }
                    }
                    p style=(META) { "newsgraph" }
                }
            }
        }
    };
    page.into_string()
}

fn story_block(n: usize, story: &DigestStory, links: Links<'_>) -> Markup {
    html! {
        h2 style=(HEADLINE) {
            (n) ". "
            @match links.story(story) {
                Some(url) => a href=(url) style=(LINK) { (story.headline) },
                None => (story.headline),
            }
        }
        p style=(META) { (coverage(story)) }
        @if !story.summary.is_empty() { p style="margin:0 0 8px" { (story.summary.join(" ")) } }
        @for quote in &story.quotes { (quote_block(quote, links)) }
    }
}

fn quote_block(quote: &KeyQuote, links: Links<'_>) -> Markup {
    html! {
        p style=(QUOTE) {
            strong { (quote.shown_speaker()) } ": " (quote.shown_text())
            " "
            span style=(META) {
                "("
                @match links.article(&quote.article) {
                    Some(url) => a href=(url) style=(LINK) { (quote.article.outlet) },
                    None => (quote.article.outlet),
                }
                ")"
            }
        }
    }
}
