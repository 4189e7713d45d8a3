//! Related headlines on an HTML page: links outside the article, in lists, headings or teaser
//! cards, whose text reads like a headline.

use std::collections::HashSet;

use newsgraph_model::RelatedHeadline;

use crate::classify::Features;
use crate::dom::{self, NodeId, NodeRefHtml, Step};
use crate::links;

/// Most related headlines kept per page.
pub const MAX_HEADLINES: usize = 20;

/// Elements (near a link) that mark it as a teaser rather than a link in running text.
const TEASER_CONTEXT: &[&str] = &["li", "h1", "h2", "h3", "h4", "h5", "h6", "article"];

/// How far up from a link its teaser context may be.
const CONTEXT_LEVELS: usize = 5;

/// Headline-like link texts outside `excluded` subtrees, with resolved URLs.
pub fn headlines(
    root: NodeRefHtml<'_>,
    excluded: &HashSet<NodeId>,
    base: Option<&str>,
) -> Vec<RelatedHeadline> {
    let mut found = Vec::new();
    dom::walk(root, |node| {
        if excluded.contains(&node.id())
            || dom::is_invisible(node)
            || matches!(dom::tag(node), Some("nav" | "footer"))
        {
            return Step::Skip;
        }
        if dom::tag(node) != Some("a") {
            return Step::Descend;
        }
        if in_teaser_context(node)
            && let Some(headline) = headline(node, base)
        {
            found.push(headline);
        }
        Step::Skip
    });
    found
}

fn in_teaser_context(link: NodeRefHtml<'_>) -> bool {
    let inside = link
        .ancestors()
        .take(CONTEXT_LEVELS)
        .any(|a| dom::tag(a).is_some_and(|t| TEASER_CONTEXT.contains(&t)));
    let mut holds_heading = false;
    dom::walk(link, |n| {
        holds_heading |= matches!(dom::tag(n), Some("h2" | "h3" | "h4"));
        Step::Descend
    });
    inside || holds_heading
}

fn headline(link: NodeRefHtml<'_>, base: Option<&str>) -> Option<RelatedHeadline> {
    let title = dom::text(link);
    if !looks_like_headline(&title) {
        return None;
    }
    let href = dom::element(link).and_then(|e| e.attr("href"));
    Some(RelatedHeadline { title, url: href.and_then(|h| links::resolve(base, h)) })
}

/// Four words or more, not a sentence of running text, not furniture.
pub fn looks_like_headline(text: &str) -> bool {
    let features = Features::of(text);
    (4..=25).contains(&features.words)
        && !features.is_boilerplate()
        && (features.is_headline_like() || text.ends_with(['?', '!']))
}

/// Keeps the first of each headline (by case-folded text), dropping `exclude` (the page's own
/// title), at most [`MAX_HEADLINES`].
pub fn dedup(headlines: Vec<RelatedHeadline>, exclude: &str) -> Vec<RelatedHeadline> {
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(exclude.to_lowercase());
    headlines.into_iter().filter(|h| seen.insert(h.title.to_lowercase())).take(MAX_HEADLINES).collect()
}
