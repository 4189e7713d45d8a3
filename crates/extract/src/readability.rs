//! Choosing the element that holds the article, readability-style: every paragraph adds a
//! score (length, commas) to its parent and, less, to its ancestors; candidates are weighed by
//! their tag and class names and discounted by link density; the best one, with siblings
//! that score nearly as well, holds the body.

use rustc_hash::FxHashMap as HashMap;

use crate::dom::{self, Node, NodeId, NodeRefHtml, Step};

/// Paragraphs shorter than this (in characters) say nothing about where the article is.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// How many ancestors a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;

/// Class and id words of containers that are not the article.
const NEGATIVE_WORDS: &[&str] = &[
    "comment",
    "sidebar",
    "footer",
    "related",
    "promo",
    "share",
    "sharing",
    "social",
    "nav",
    "menu",
    "ad",
    "ads",
    "advert",
    "banner",
    "sponsor",
    "widget",
    "popup",
    "modal",
    "newsletter",
    "subscribe",
    "breadcrumb",
    "masthead",
    "outbrain",
    "taboola",
    "recommend",
    "teaser",
    "more",
    "tags",
    "combx",
    "disqus",
    "rail",
    "cookie",
    "byline",
    "caption",
    "hidden",
    "login",
];

/// Class and id words of containers that usually are the article.
const POSITIVE_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "page",
    "articlebody",
    "storybody",
    "postbody",
    "richtext",
];

/// Elements whose presence among a `<div>`'s children makes it a container, not a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// The elements holding the article body, in document order; empty when the page has no
/// paragraph text at all.
pub fn choose(root: NodeRefHtml<'_>) -> Vec<NodeRefHtml<'_>> {
    let content = content_scores(root);
    let mut ranked: Vec<(NodeRefHtml<'_>, f32)> = content
        .iter()
        .filter_map(|(id, score)| {
            let node = root.tree().get(*id)?;
            Some((node, score + weight(node)))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked.truncate(12);
    let ranked: Vec<(NodeRefHtml<'_>, f32)> =
        ranked.into_iter().map(|(node, score)| (node, discount_links(node, score))).collect();
    let Some(&(best, best_score)) = ranked.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return Vec::new();
    };
    let mut chosen = with_siblings(best, best_score, &content);
    chosen.extend(cousins(best, best_score, &ranked));
    chosen.sort_by_key(|node| node.id());
    chosen.dedup_by_key(|node| node.id());
    chosen
}

/// How far up two parts of one article may be apart.
const COUSIN_LEVELS: usize = 3;

/// Other parts of the same article that are not the best container's siblings: templates
/// that cut the body into chunks ("article__chunks" > grid > "body" item, ad, grid > "body"
/// item) give every chunk the same class, a few levels below a common ancestor.
fn cousins<'a>(
    best: NodeRefHtml<'a>,
    best_score: f32,
    ranked: &[(NodeRefHtml<'a>, f32)],
) -> Vec<NodeRefHtml<'a>> {
    let Some(class) = class_of(best) else { return Vec::new() };
    let Some(top) = best.ancestors().nth(COUSIN_LEVELS - 1) else { return Vec::new() };
    let threshold = (best_score * 0.2).max(10.0);
    ranked
        .iter()
        .filter(|(node, score)| {
            *score >= threshold
                && node.id() != best.id()
                && class_of(*node) == Some(class)
                && node.ancestors().take(COUSIN_LEVELS).any(|a| a.id() == top.id())
                && !node.ancestors().any(|a| a.id() == best.id())
                && !best.ancestors().any(|a| a.id() == node.id())
        })
        .map(|(node, _)| *node)
        .collect()
}

/// Content scores of paragraph containers, keyed by node.
fn content_scores(root: NodeRefHtml<'_>) -> HashMap<NodeId, f32> {
    let mut scores: HashMap<NodeId, f32> = HashMap::default();
    dom::walk(root, |node| {
        if dom::is_furniture(node) {
            return Step::Skip;
        }
        if !is_paragraph(node) {
            // Text written straight into a container counts as paragraphs of it.
            let runs = dom::inline_runs(node);
            let score: f32 = runs.iter().flat_map(|r| &r.paragraphs).map(|p| paragraph_score(p)).sum();
            if score > 0.0 {
                *scores.entry(node.id()).or_insert(0.0) += score;
                add_to_ancestors(&mut scores, node.ancestors().take(ANCESTOR_LEVELS - 1), score, 1);
            }
            return Step::Descend;
        }
        let score: f32 = dom::paragraphs(node).iter().map(|p| paragraph_score(p)).sum();
        add_to_ancestors(&mut scores, node.ancestors().take(ANCESTOR_LEVELS), score, 0);
        Step::Skip
    });
    scores
}

/// Credits a paragraph's score to its containers, less the further up they are;
/// `first_level` is how far the first of `ancestors` is from the paragraph.
fn add_to_ancestors<'a>(
    scores: &mut HashMap<NodeId, f32>,
    ancestors: impl Iterator<Item = NodeRefHtml<'a>>,
    score: f32,
    first_level: usize,
) {
    if score <= 0.0 {
        return;
    }
    for (level, ancestor) in ancestors.enumerate().map(|(i, a)| (i + first_level, a)) {
        if !matches!(ancestor.value(), Node::Element(_)) {
            break;
        }
        let divider = match level {
            0 => 1.0,
            1 => 2.0,
            _ => level as f32 * 3.0,
        };
        *scores.entry(ancestor.id()).or_insert(0.0) += score / divider;
    }
}

/// One point, one per comma, one per 100 characters up to three; nothing for short text.
fn paragraph_score(text: &str) -> f32 {
    let chars = text.chars().count();
    if chars < MIN_PARAGRAPH_CHARS {
        return 0.0;
    }
    let commas = text.matches([',', '，', '、', '،']).count() as f32;
    1.0 + commas + (chars as f32 / 100.0).min(3.0)
}

/// A `<p>`, `<pre>`, or a `<div>` holding only inline content (sites that write paragraphs
/// as divs).
pub fn is_paragraph(node: NodeRefHtml<'_>) -> bool {
    match dom::tag(node) {
        Some("p" | "pre") => true,
        Some("div" | "section" | "td") => {
            !node.children().any(|c| dom::tag(c).is_some_and(|t| BLOCK_TAGS.contains(&t)))
        }
        _ => false,
    }
}

/// A prior from the element's tag and its class and id words.
fn weight(node: NodeRefHtml<'_>) -> f32 {
    let Node::Element(e) = node.value() else {
        return 0.0;
    };
    let tag_weight = match e.name() {
        "article" => 10.0,
        "main" => 5.0,
        "div" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" | "address" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let item_weight = match e.attr("itemprop") {
        Some(p) if p.contains("articleBody") => 30.0,
        _ => 0.0,
    };
    let names = [e.attr("class"), e.attr("id")].into_iter().flatten();
    let class_weight: f32 = names.map(class_weight).sum();
    tag_weight + item_weight + class_weight + comment_section_weight(node)
}

/// How far up a candidate is checked for sitting inside a comment section.
const COMMENT_SECTION_LEVELS: usize = 6;

/// A reader's comment can be longer and better punctuated than the article it comments on,
/// and its own class ("content", "text") often looks like article markup: what sits inside
/// an element named for comments is not the article.
fn comment_section_weight(node: NodeRefHtml<'_>) -> f32 {
    let in_comments = node.ancestors().take(COMMENT_SECTION_LEVELS).any(|ancestor| {
        let Node::Element(e) = ancestor.value() else { return false };
        [e.attr("class"), e.attr("id")].into_iter().flatten().any(|names| {
            names
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w.starts_with("comment") || w == "disqus")
        })
    });
    if in_comments { -50.0 } else { 0.0 }
}

/// +25 for a name suggesting article content, -25 for one suggesting furniture.
fn class_weight(names: &str) -> f32 {
    let lower = names.to_ascii_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let matches = |list: &[&str]| {
        words.iter().any(|w| list.iter().any(|l| w == l || (l.len() >= 4 && w.starts_with(l))))
    };
    let mut weight = 0.0;
    if matches(NEGATIVE_WORDS) {
        weight -= 25.0;
    }
    if matches(POSITIVE_WORDS) {
        weight += 25.0;
    }
    weight
}

fn discount_links(node: NodeRefHtml<'_>, score: f32) -> f32 {
    let chars = dom::text(node).chars().count();
    score * (1.0 - dom::link_density(node, chars))
}

/// The best container plus siblings that score nearly as well, or that are good paragraphs
/// on their own (articles split into several blocks by ads or images).
fn with_siblings<'a>(
    best: NodeRefHtml<'a>,
    best_score: f32,
    content: &HashMap<NodeId, f32>,
) -> Vec<NodeRefHtml<'a>> {
    let Some(parent) = best.parent() else {
        return vec![best];
    };
    let threshold = (best_score * 0.2).max(10.0);
    let best_class = class_of(best);
    parent
        .children()
        .filter(|sibling| {
            if sibling.id() == best.id() {
                return true;
            }
            if dom::tag(*sibling).is_none() || dom::is_furniture(*sibling) {
                return false;
            }
            let bonus =
                if best_class.is_some() && class_of(*sibling) == best_class { best_score * 0.2 } else { 0.0 };
            let score = content.get(&sibling.id()).copied().unwrap_or(0.0) + bonus;
            if score > 0.0 && discount_links(*sibling, score) >= threshold {
                return true;
            }
            is_paragraph(*sibling) && is_good_paragraph(*sibling)
        })
        .collect()
}

fn class_of(node: NodeRefHtml<'_>) -> Option<&str> {
    match node.value() {
        Node::Element(e) => e.attr("class").filter(|c| !c.trim().is_empty()),
        _ => None,
    }
}

/// A loose sibling paragraph worth keeping: long with few links, or a shorter full sentence.
fn is_good_paragraph(node: NodeRefHtml<'_>) -> bool {
    let text = dom::text(node);
    let chars = text.chars().count();
    let density = dom::link_density(node, chars);
    (chars > 80 && density < 0.25) || (chars > 0 && density == 0.0 && text.ends_with('.') && chars > 30)
}
