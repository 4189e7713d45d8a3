//! HTML pages: metadata from the head, the body from the best-scoring container's
//! paragraph-like blocks, related headlines from teaser links elsewhere on the page.

use std::collections::HashSet;

use newsgraph_model::{Article, ParagraphKind, RelatedHeadline};

use crate::classify::Features;
use crate::dom::{self, Node, NodeId, NodeRefHtml, Step};
use crate::{
    ExtractError, ExtractOptions, byline, dates, language, links, metadata, page_type, readability, related,
    title,
};

/// Elements taken whole as one block of the body.
const BLOCK_TAGS: &[&str] = &["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "tr"];

/// Loose text directly inside a container counts as a paragraph from this length on.
const MIN_LOOSE_TEXT_CHARS: usize = 40;

/// A block of the chosen containers: one paragraph, heading or list item.
struct Block<'a> {
    node: Option<NodeRefHtml<'a>>,
    text: String,
    /// Share of the element's text inside links.
    link_density: f32,
}

/// Extracts an article from an HTML page.
pub fn extract_html(html: &str, options: &ExtractOptions) -> Result<Article, ExtractError> {
    if html.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let doc = dom::parse(html);
    let root = doc.root();
    let meta = metadata::read(&doc, options.url.as_deref());
    let url = options.url.clone().or(meta.url.clone());
    let given_title = options.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let page_title = given_title.map(str::to_string).or(meta.title.clone());

    let containers = readability::choose(root);
    let mut article = Article {
        url: url.clone(),
        authors: meta.authors.clone(),
        published: meta.published,
        updated: meta.updated,
        site: meta.site.clone(),
        description: meta.description.clone(),
        lead_image: meta.lead_image.clone(),
        ..Article::default()
    };
    let base = url.as_deref();
    for block in collect_blocks(&containers) {
        sort_block(block, page_title.as_deref(), base, &mut article);
    }
    if article.paragraphs.is_empty() {
        return Err(ExtractError::NoText);
    }
    match page_title {
        Some(found) => article.title = found,
        None => {
            article.title = title::infer(&article.paragraphs).unwrap_or_default();
            article.title_inferred = true;
        }
    }
    let excluded = subtree_ids(&containers);
    let mut headlines = std::mem::take(&mut article.related_headlines);
    headlines.extend(related::headlines(root, &excluded, base));
    article.related_headlines = related::dedup(headlines, &article.title);
    article.language = meta.language.or_else(|| language::detect(&article.text()));
    if article.paragraph_kinds.len() != article.paragraphs.len()
        || article.paragraph_kinds.iter().all(|k| *k == ParagraphKind::Text)
    {
        article.paragraph_kinds.clear();
    }
    article.page_type = page_type::classify(&page_type::Evidence {
        declared: meta.declared,
        body_words: article.paragraphs.iter().map(|p| page_type::words(p)).sum(),
        paragraphs: article.paragraphs.len(),
        headlines: article.related_headlines.len(),
        headline_words: article.related_headlines.iter().map(|h| page_type::words(&h.title)).sum(),
        front_url: url.as_deref().is_some_and(page_type::is_front_url),
    });
    Ok(article)
}

/// The paragraph-like blocks of the containers, in document order.
fn collect_blocks<'a>(containers: &[NodeRefHtml<'a>]) -> Vec<Block<'a>> {
    let mut blocks = Vec::new();
    for container in containers {
        // Text already read as part of a container's inline runs.
        let mut in_runs: HashSet<NodeId> = HashSet::new();
        let mut container_blocks: Vec<(NodeId, Block<'a>)> = Vec::new();
        dom::walk(*container, |node| {
            if in_runs.contains(&node.id()) {
                return Step::Skip;
            }
            if let Node::Text(t) = node.value() {
                let text = dom::fold_whitespace(t);
                if text.chars().count() >= MIN_LOOSE_TEXT_CHARS {
                    container_blocks.push((node.id(), Block { node: None, text, link_density: 0.0 }));
                }
                return Step::Skip;
            }
            if dom::is_furniture(node) {
                return Step::Skip;
            }
            let whole =
                dom::tag(node).is_some_and(|t| BLOCK_TAGS.contains(&t)) || readability::is_paragraph(node);
            if !whole {
                for run in dom::inline_runs(node) {
                    in_runs.extend(run.text_nodes.iter().copied());
                    let chars: usize = run.paragraphs.iter().map(|p| p.chars().count()).sum();
                    let link_density = run.link_chars as f32 / chars.max(1) as f32;
                    for text in
                        run.paragraphs.into_iter().filter(|t| t.chars().count() >= MIN_LOOSE_TEXT_CHARS)
                    {
                        container_blocks.push((run.first.id(), Block { node: None, text, link_density }));
                    }
                }
                return Step::Descend;
            }
            let texts =
                if readability::is_paragraph(node) { dom::paragraphs(node) } else { vec![dom::text(node)] };
            let chars = texts.iter().map(|t| t.chars().count()).sum();
            let link_density = dom::link_density(node, chars);
            for text in texts.into_iter().filter(|t| !t.is_empty()) {
                container_blocks.push((node.id(), Block { node: Some(node), text, link_density }));
            }
            Step::Skip
        });
        // Runs are collected when their container is visited, before its block children:
        // node ids (allocated in parse order) put them back in reading order.
        container_blocks.sort_by_key(|(id, _)| *id);
        blocks.extend(container_blocks.into_iter().map(|(_, block)| block));
    }
    blocks
}

/// Puts a block into the body, the boilerplate, the related headlines, or (bylines, dates,
/// the repeated headline) nowhere.
fn sort_block(block: Block<'_>, page_title: Option<&str>, base: Option<&str>, article: &mut Article) {
    let text = block.text;
    if page_title.is_some_and(|t| same_text(t, &text)) {
        return;
    }
    if let Some(authors) = byline::authors(&text) {
        if article.authors.is_empty() {
            article.authors = authors;
        }
        return;
    }
    if let Some(date) = dates::parse_dateline(&text) {
        article.published.get_or_insert(date);
        return;
    }
    let features = Features::of(&text);
    if block.link_density > 0.5 {
        if related::looks_like_headline(&text) {
            let href = block.node.and_then(first_href);
            article
                .related_headlines
                .push(RelatedHeadline { title: text, url: href.and_then(|h| links::resolve(base, &h)) });
        } else {
            article.boilerplate.push(text);
        }
    } else if features.is_boilerplate() {
        article.boilerplate.push(text);
    } else {
        let kind = block.node.map_or(ParagraphKind::Text, paragraph_kind);
        let text = match block.node {
            // Preformatted text keeps its lines.
            Some(node) if kind == ParagraphKind::Preformatted => preformatted_text(node).unwrap_or(text),
            _ => text,
        };
        article.paragraph_kinds.push(kind);
        article.paragraphs.push(text);
    }
}

/// A body block's kind from its element: `h1`-`h6` headings (`h1` read as level 2, the
/// title being level 1), list items, block quotes, preformatted text; a paragraph directly
/// inside a list item or quote takes that kind.
fn paragraph_kind(node: NodeRefHtml<'_>) -> ParagraphKind {
    let of_tag = |tag: &str| match tag {
        "h1" | "h2" => Some(ParagraphKind::Heading(2)),
        "h3" => Some(ParagraphKind::Heading(3)),
        "h4" => Some(ParagraphKind::Heading(4)),
        "h5" => Some(ParagraphKind::Heading(5)),
        "h6" => Some(ParagraphKind::Heading(6)),
        "li" => Some(ParagraphKind::ListItem),
        "blockquote" => Some(ParagraphKind::Quote),
        "pre" => Some(ParagraphKind::Preformatted),
        _ => None,
    };
    if let Some(kind) = dom::tag(node).and_then(of_tag) {
        return kind;
    }
    if dom::tag(node) == Some("p") {
        let parent = node.parent().and_then(dom::tag);
        if let Some(kind @ (ParagraphKind::ListItem | ParagraphKind::Quote)) = parent.and_then(of_tag) {
            return kind;
        }
    }
    ParagraphKind::Text
}

/// The visible text of a `<pre>` as written: line breaks and alignment kept; shared
/// indentation, trailing spaces and blank lines at either end dropped. `None` when empty.
fn preformatted_text(node: NodeRefHtml<'_>) -> Option<String> {
    let mut raw = String::new();
    dom::walk(node, |n| match n.value() {
        Node::Text(t) => {
            raw.push_str(t);
            Step::Skip
        }
        Node::Element(e) if e.name() == "br" => {
            raw.push('\n');
            Step::Skip
        }
        _ if dom::is_invisible(n) => Step::Skip,
        _ => Step::Descend,
    });
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    let start = lines.iter().position(|l| !l.is_empty())?;
    let end = lines.iter().rposition(|l| !l.is_empty())?;
    let lines = &lines[start..=end];
    // The indentation all lines share goes, and the whole ends trimmed like any paragraph.
    let indent = |l: &str| l.len() - l.trim_start().len();
    let common = lines.iter().filter(|l| !l.is_empty()).map(|l| indent(l)).min().unwrap_or(0);
    let dedented: Vec<&str> =
        lines.iter().map(|l| l.get(common..).unwrap_or_else(|| l.trim_start())).collect();
    Some(dedented.join("\n").trim().to_string())
}

fn first_href(node: NodeRefHtml<'_>) -> Option<String> {
    let mut href = None;
    dom::walk(node, |n| {
        if href.is_none()
            && let Some(e) = dom::element(n)
            && e.name() == "a"
        {
            href = e.attr("href").map(str::to_string);
        }
        if href.is_some() { Step::Skip } else { Step::Descend }
    });
    href
}

fn subtree_ids(containers: &[NodeRefHtml<'_>]) -> HashSet<NodeId> {
    containers.iter().map(|c| c.id()).collect()
}

fn same_text(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPHS: &str = "<p>The city council voted on Tuesday to close the old bridge to cars, citing safety reports from engineers.</p>\
        <p>Engineers had warned for years that the steel supports were corroding, and that repairs would cost millions.</p>\
        <p>Residents said the closure would add twenty minutes to their commute, though cyclists welcomed it.</p>";

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Bridge closes | The Daily</title>\
            <meta property=\"og:site_name\" content=\"The Daily\"></head><body>{body}</body></html>"
        )
    }

    #[test]
    fn finds_the_article_among_furniture() {
        let html = page(&format!(
            "<nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li></ul></nav>\
             <div class=\"article-body\"><h1>Bridge closes</h1><p>By Jane Doe</p>{PARAGRAPHS}\
             <p>Subscribe to our newsletter and follow us on Facebook for the latest news updates.</p></div>\
             <aside class=related><ul><li><a href=\"/story/2\">Mayor unveils plan for new river crossing</a></li>\
             <li><a href=\"/story/3\">Cyclists celebrate car-free bridge</a></li></ul></aside>\
             <footer>© 2024 The Daily. All rights reserved.</footer>"
        ));
        let options =
            ExtractOptions { url: Some("https://daily.example/news/bridge".into()), ..Default::default() };
        let article = extract_html(&html, &options).expect("article");
        assert_eq!(article.title, "Bridge closes");
        assert!(!article.title_inferred);
        assert_eq!(article.site.as_deref(), Some("The Daily"));
        assert_eq!(article.authors, vec!["Jane Doe"]);
        assert_eq!(article.paragraphs.len(), 3, "{:#?}", article.paragraphs);
        assert_eq!(article.boilerplate.len(), 1);
        assert_eq!(article.language.as_deref(), Some("en"));
        let related: Vec<(&str, Option<&str>)> =
            article.related_headlines.iter().map(|h| (h.title.as_str(), h.url.as_deref())).collect();
        assert_eq!(
            related,
            [
                ("Mayor unveils plan for new river crossing", Some("https://daily.example/story/2")),
                ("Cyclists celebrate car-free bridge", Some("https://daily.example/story/3")),
            ]
        );
    }

    #[test]
    fn tolerates_malformed_and_truncated_html() {
        let html = format!(
            "<html><body><div><p>Unclosed <b>bold {PARAGRAPHS}<div><p>The story ends here because the page was cut off in the mid"
        );
        let article = extract_html(&html, &ExtractOptions::default()).expect("article");
        assert!(article.paragraphs.len() >= 3, "{:#?}", article.paragraphs);
    }

    #[test]
    fn survives_deep_nesting() {
        let html = format!(
            "<html><body>{}{PARAGRAPHS}{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let article = extract_html(&html, &ExtractOptions::default());
        assert!(article.is_ok_and(|a| !a.paragraphs.is_empty()));
    }

    #[test]
    fn a_listing_page_has_no_article() {
        let items: String = (1..=30)
            .map(|i| format!("<li><a href=\"/story/{i}\">Headline number {i} about something</a></li>"))
            .collect();
        let html = page(&format!("<ul>{items}</ul>"));
        match extract_html(&html, &ExtractOptions::default()) {
            Err(e) => assert_eq!(e, ExtractError::NoText),
            Ok(article) => assert!(article.paragraphs.len() <= 2, "{:#?}", article.paragraphs),
        }
    }

    #[test]
    fn reads_a_windows_1252_page_through_extract() {
        let mut bytes =
            b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 news</title></head><body>".to_vec();
        bytes.extend_from_slice(b"<p>The caf\xe9 on the corner reopened on Monday, and its owner said \x93business is good\x94 again after months.</p>");
        bytes.extend_from_slice(b"<p>Neighbours queued for cr\xe8me br\xfbl\xe9e, which the owner says is still the best in town.</p></body></html>");
        let article = crate::extract(&bytes, &ExtractOptions::default()).expect("article");
        assert_eq!(article.title, "Café news");
        assert!(article.paragraphs[0].contains("“business is good”"), "{:?}", article.paragraphs);
        assert!(article.paragraphs[1].contains("crème brûlée"));
    }

    #[test]
    fn page_without_title_gets_an_inferred_one() {
        let html = format!("<html><body><div>{PARAGRAPHS}</div></body></html>");
        let article = extract_html(&html, &ExtractOptions::default()).expect("article");
        assert!(article.title_inferred);
        assert!(article.title.starts_with("The city council voted on Tuesday"));
    }
}
