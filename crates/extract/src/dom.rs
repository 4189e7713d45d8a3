//! DOM helpers that never recurse: a pre-order walk with an explicit stack (so a page nested
//! ten thousand levels deep costs memory, not the call stack), subtree text, link density.

mod build;
mod entities;
mod entity_table;
mod tags;
mod tokenize;
mod tree;

pub use build::parse;
pub use tree::{Dom, Element, Node, NodeId, NodeRef};

pub type NodeRefHtml<'a> = NodeRef<'a>;

/// Subtrees that are never article text.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "button", "select",
    "input", "textarea", "label", "object", "embed", "video", "audio", "head",
];

/// Page furniture around the article, dropped when looking for the body.
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside", "figcaption", "dialog", "menu"];

/// Elements that do not break a line of text.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Whether a walk goes into a node's children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Descend,
    Skip,
}

/// Visits `root` and its descendants in document order; `visit` decides for each node
/// whether to go into its children.
pub fn walk<'a>(root: NodeRefHtml<'a>, mut visit: impl FnMut(NodeRefHtml<'a>) -> Step) {
    // The stack holds nodes whose later siblings are still to be visited.
    let mut stack = Vec::new();
    if visit(root) == Step::Descend
        && let Some(child) = root.first_child()
    {
        stack.push(child);
    }
    while let Some(node) = stack.pop() {
        if let Some(next) = node.next_sibling() {
            stack.push(next);
        }
        if visit(node) == Step::Descend
            && let Some(child) = node.first_child()
        {
            stack.push(child);
        }
    }
}

pub fn element(node: NodeRefHtml<'_>) -> Option<Element<'_>> {
    match node.value() {
        Node::Element(e) => Some(e),
        _ => None,
    }
}

pub fn tag<'a>(node: NodeRefHtml<'a>) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// Never text: scripts, styles, form controls, hidden elements.
pub fn is_invisible(node: NodeRefHtml<'_>) -> bool {
    let Node::Element(e) = node.value() else {
        return false;
    };
    if NEVER_TEXT.contains(&e.name()) || e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden") == Some("true") {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s = s.to_ascii_lowercase().replace(' ', "");
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Invisible, or page furniture (navigation, header, footer, asides).
pub fn is_furniture(node: NodeRefHtml<'_>) -> bool {
    is_invisible(node) || tag(node).is_some_and(|t| FURNITURE.contains(&t)) || is_caption(node)
}

/// Class or id words of image captions and credits, which sites write as plain `<div>`s or
/// `<p>`s rather than `<figcaption>`.
const CAPTION_WORDS: &[&str] =
    &["caption", "figcaption", "imagecaption", "photocaption", "credit", "credits"];

/// An image caption or credit: text about a picture, not part of the article's prose.
fn is_caption(node: NodeRefHtml<'_>) -> bool {
    let Node::Element(e) = node.value() else { return false };
    // Page-level elements carry feature flags ("f_caption_muted_videos_on"), not roles.
    if matches!(e.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    [e.attr("class"), e.attr("id")].into_iter().flatten().any(|names| {
        names
            .split_ascii_whitespace()
            .flat_map(|token| token.split('-'))
            .any(|w| CAPTION_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c)))
    })
}

/// The visible text under `node`, whitespace folded, with a space at element boundaries
/// that break lines (`<br>`, block elements).
pub fn text(node: NodeRefHtml<'_>) -> String {
    fold_whitespace(&marked_text(node).replace(LINE_BREAK, " "))
}

/// Marks a `<br>` in [`marked_text`].
const LINE_BREAK: char = '\u{E000}';

/// The visible text under `node` split into paragraphs at double line breaks
/// (`<br><br>`), the way sites without `<p>` elements write them.
pub fn paragraphs(node: NodeRefHtml<'_>) -> Vec<String> {
    split_marked(&marked_text(node))
}

/// Splits text marked with [`LINE_BREAK`]s into paragraphs at blank lines.
fn split_marked(marked: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut breaks = 0;
    for piece in marked.split_inclusive(LINE_BREAK) {
        let words = piece.trim_end_matches(LINE_BREAK);
        if words.trim().is_empty() {
            breaks += 1;
        } else {
            if breaks >= 1 && !current.trim().is_empty() {
                paragraphs.push(fold_whitespace(&current));
                current.clear();
            }
            breaks = 0;
            current.push(' ');
            current.push_str(words);
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(fold_whitespace(&current));
    }
    paragraphs
}

/// A stretch of a container's own inline content: text and inline elements between its
/// block children.
pub struct InlineRun<'a> {
    /// The run's first node, for document order.
    pub first: NodeRefHtml<'a>,
    /// The text nodes whose text the run holds; text inside block elements nested in the
    /// run's inline elements belongs to those blocks, not to the run.
    pub text_nodes: Vec<NodeId>,
    pub paragraphs: Vec<String>,
    /// Characters of the run inside links.
    pub link_chars: usize,
}

/// The paragraphs a container writes itself rather than in child elements
/// (`<div>Text<br><br>More text<div class="tags">…</div></div>`). Readability wraps such runs
/// in `<p>`; sites that separate paragraphs with `<br>` depend on it. Empty for an inline
/// element, whose text belongs to its container's runs.
///
/// Each text node is read by the runs of its nearest block ancestor only, so computing the
/// runs of every container of a page stays linear however blocks and inlines nest.
pub fn inline_runs(node: NodeRefHtml<'_>) -> Vec<InlineRun<'_>> {
    if tag(node).is_none_or(|t| INLINE.contains(&t)) {
        return Vec::new();
    }
    let mut runs = Vec::new();
    let mut current: Option<RunBuilder<'_>> = None;
    for child in node.children() {
        let in_run = match child.value() {
            Node::Text(_) => true,
            Node::Element(e) => e.name() == "br" || (INLINE.contains(&e.name()) && !is_invisible(child)),
            _ => false,
        };
        if in_run {
            current.get_or_insert_with(|| RunBuilder::new(child)).add(child);
        } else if let Some(run) = current.take() {
            runs.extend(run.finish());
        }
    }
    runs.extend(current.and_then(RunBuilder::finish));
    runs
}

struct RunBuilder<'a> {
    first: NodeRefHtml<'a>,
    marked: String,
    text_nodes: Vec<NodeId>,
    link_chars: usize,
}

impl<'a> RunBuilder<'a> {
    fn new(first: NodeRefHtml<'a>) -> Self {
        RunBuilder { first, marked: String::new(), text_nodes: Vec::new(), link_chars: 0 }
    }

    /// Adds an inline subtree's text, not descending into block elements nested in it.
    fn add(&mut self, node: NodeRefHtml<'a>) {
        // An explicit stack of (node, inside a link), children pushed in reverse so they pop
        // in document order.
        let mut stack = vec![(node, false)];
        while let Some((n, in_link)) = stack.pop() {
            match n.value() {
                Node::Text(t) => {
                    self.marked.push_str(t);
                    self.text_nodes.push(n.id());
                    if in_link {
                        self.link_chars += t.chars().count();
                    }
                }
                Node::Element(_) if is_invisible(n) => {}
                Node::Element(e) if e.name() == "br" => self.marked.push(LINE_BREAK),
                Node::Element(e) if INLINE.contains(&e.name()) => {
                    let in_link = in_link || e.name() == "a";
                    let children: Vec<_> = n.children().collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, in_link)));
                }
                // A block inside an inline element ("<a><div>…</div></a>") is read as a block.
                Node::Element(_) => self.marked.push(' '),
                _ => {}
            }
        }
    }

    fn finish(self) -> Option<InlineRun<'a>> {
        let paragraphs = split_marked(&self.marked);
        (!paragraphs.is_empty()).then_some(InlineRun {
            first: self.first,
            text_nodes: self.text_nodes,
            paragraphs,
            link_chars: self.link_chars,
        })
    }
}

/// Text with `<br>` kept as [`LINE_BREAK`].
fn marked_text(node: NodeRefHtml<'_>) -> String {
    let mut raw = String::new();
    walk(node, |n| {
        // Whatever follows a block element ("<p>a</p>b") starts a new line.
        if n.prev_sibling().and_then(tag).is_some_and(|t| !INLINE.contains(&t)) {
            raw.push(' ');
        }
        text_step(n, &mut raw)
    });
    raw
}

fn text_step(n: NodeRefHtml<'_>, raw: &mut String) -> Step {
    match n.value() {
        Node::Text(t) => {
            raw.push_str(t);
            Step::Skip
        }
        Node::Element(e) => {
            if is_invisible(n) {
                return Step::Skip;
            }
            if e.name() == "br" {
                raw.push(LINE_BREAK);
            } else if !INLINE.contains(&e.name()) {
                raw.push(' ');
            }
            Step::Descend
        }
        _ => Step::Descend,
    }
}

/// The text of a node's direct text children, untouched (the source of a `<script>`).
pub fn raw_text(node: NodeRefHtml<'_>) -> String {
    node.children()
        .filter_map(|child| match child.value() {
            Node::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Share of the text under `node` that sits inside links.
pub fn link_density(node: NodeRefHtml<'_>, total_chars: usize) -> f32 {
    if total_chars == 0 {
        return 0.0;
    }
    let mut linked = 0usize;
    walk(node, |n| {
        if is_invisible(n) {
            Step::Skip
        } else if tag(n) == Some("a") {
            linked += text(n).chars().count();
            Step::Skip
        } else {
            Step::Descend
        }
    });
    (linked as f32 / total_chars as f32).min(1.0)
}

pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_skips_scripts_and_spaces_blocks() {
        let doc = parse("<div><p>One <b>two</b></p><p>three</p><script>x()</script><a href=#>four</a></div>");
        let root = doc.root();
        assert_eq!(text(root), "One two three four");
        let density = link_density(root, "One two three four".len());
        assert!((density - 4.0 / 18.0).abs() < 1e-3);
    }

    #[test]
    fn splits_paragraphs_at_double_breaks() {
        let doc = parse("<div>One<br>line <b>two</b><br>\n<br>Three<br><br><br>four</div>");
        assert_eq!(paragraphs(doc.root()), vec!["One line two", "Three", "four"]);
    }

    #[test]
    fn walk_survives_deep_nesting() {
        let html = format!("{}<p>deep text</p>{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let doc = parse(&html);
        assert!(text(doc.root()).contains("deep text"));
    }
}
