use super::parse;
use crate::dom::{Node, NodeRef, Step, walk};

/// The body as markup: elements with their end tags, text as is, comments dropped.
fn outline(html: &str) -> String {
    let dom = parse(html);
    let body = dom.root().first_child().and_then(NodeRef::first_child).and_then(NodeRef::next_sibling);
    let Some(body) = body else { return String::new() };
    let mut out = String::new();
    // Ends are written when the walk reaches a node after the element's subtree.
    let mut open: Vec<NodeRef<'_>> = Vec::new();
    walk(body, |n| {
        while let Some(top) = open.last()
            && !n.ancestors().any(|a| a.id() == top.id())
        {
            close(&mut out, *top);
            open.pop();
        }
        match n.value() {
            Node::Element(e) if n.id() != body.id() => {
                out.push_str(&format!("<{}>", e.name()));
                open.push(n);
            }
            Node::Text(t) => out.push_str(t),
            _ => {}
        }
        Step::Descend
    });
    while let Some(top) = open.pop() {
        close(&mut out, top);
    }
    out
}

fn close(out: &mut String, node: NodeRef<'_>) {
    if let Node::Element(e) = node.value()
        && !super::is_void(e.name())
    {
        out.push_str(&format!("</{}>", e.name()));
    }
}

#[test]
fn blocks_close_paragraphs_and_items_close_items() {
    assert_eq!(outline("<p>a<div>b</div>c<p>d<p>e"), "<p>a</p><div>b</div>c<p>d</p><p>e</p>");
    assert_eq!(
        outline("<ul><li>a<li>b<ul><li>c</ul></ul>"),
        "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>"
    );
    assert_eq!(outline("<dl><dt>a<dd>b<dt>c</dl>"), "<dl><dt>a</dt><dd>b</dd><dt>c</dt></dl>");
    assert_eq!(outline("<p><b>a</p>b"), "<p><b>a</b></p>b");
}

#[test]
fn tables_get_their_implied_rows() {
    assert_eq!(
        outline("<table><tr><td>a<td>b<tr><th>c</table>"),
        "<table><tbody><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></tbody></table>"
    );
    assert_eq!(outline("<div><td>a</td></div>"), "<div>a</div>");
}

#[test]
fn stray_and_missing_end_tags() {
    assert_eq!(outline("<div>a</span>b</div></div>c"), "<div>ab</div>c");
    assert_eq!(outline("<div>a</p>b</div>"), "<div>a<p></p>b</div>");
    assert_eq!(outline("<div><span>a</div>b"), "<div><span>a</span></div>b");
    assert_eq!(outline("<div>a<br/>b</br>c<img src=x>"), "<div>a<br>b<br>c<img></div>");
    assert_eq!(outline("<div>a<span"), "<div>a</div>");
}

#[test]
fn raw_text_and_references() {
    assert_eq!(
        outline("<p>x<script>if (a<b) x = '</div>';</script>"),
        "<p>x<script>if (a<b) x = '</div>';</script></p>"
    );
    assert_eq!(outline("<textarea>&lt;b&gt;</textarea>"), "<textarea><b></textarea>");
    assert_eq!(outline("<p>a &amp; b &#8212; 1 < 2 &copy</p>"), "<p>a & b \u{2014} 1 < 2 ©</p>");
    let dom = parse("<a HREF='/x?a=1&amp;b=2' class=big title=\"T &quot;q&quot;\">x</a>");
    let mut found = None;
    walk(dom.root(), |n| {
        if let Node::Element(e) = n.value()
            && e.name() == "a"
        {
            found = Some((e.attr("href"), e.attr("class"), e.attr("title")));
        }
        Step::Descend
    });
    assert_eq!(found, Some((Some("/x?a=1&b=2"), Some("big"), Some("T \"q\""))));
}

#[test]
fn head_content_stays_in_the_head() {
    let dom = parse("<html lang=en><title>T</title><meta name=a content=b>\n<p>text</p>");
    let html = dom.root().first_child().expect("html");
    let Node::Element(e) = html.value() else { panic!("html is an element") };
    assert_eq!(e.attr("lang"), Some("en"));
    let head = html.first_child().expect("head");
    assert_eq!(head.children().count(), 2);
    assert_eq!(outline("<title>T</title><p>text"), "<p>text</p>");
}

#[test]
fn svg_self_closing_tags_close() {
    assert_eq!(outline("<p><svg><path/><path/></svg>a</p>"), "<p><svg><path></path><path></path></svg>a</p>");
    assert_eq!(outline("<div/>a"), "<div>a</div>");
}
