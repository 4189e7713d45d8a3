//! Paragraph kinds from HTML elements and the Markdown built from them.

use newsgraph_extract::{ExtractOptions, extract};
use newsgraph_model::ParagraphKind;

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><title>Bridge closes</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Bridge closes</h1>
<p>The city council voted on Tuesday to close the old bridge to cars, citing safety reports from engineers.</p>
<h2>Why now</h2>
<p>Engineers had warned for years that the steel supports were corroding, and that repairs would cost millions.</p>
<h3>The options</h3>
<ul>
<li>Repair the bridge over three years, with a ferry running while it is shut to traffic.</li>
<li><p>Build a new crossing downstream, which would take at least five years to finish.</p></li>
</ul>
<blockquote><p>We cannot keep patching a structure that is a hundred years old, the mayor told the meeting.</p></blockquote>
<pre>Vote    For  Against
Close   31   4</pre>
<p>Residents said the closure would add twenty minutes to their commute, though cyclists welcomed it.</p>
</article></body></html>"#;

#[test]
fn headings_lists_quotes_and_preformatted_blocks_keep_their_kind() {
    let article = extract(PAGE.as_bytes(), &ExtractOptions::default()).expect("article");
    let kinds: Vec<(ParagraphKind, &str)> = article.blocks().collect();
    let find = |start: &str| {
        kinds
            .iter()
            .find(|(_, t)| t.starts_with(start))
            .map(|(k, _)| *k)
            .unwrap_or_else(|| panic!("{start}: {kinds:#?}"))
    };
    assert_eq!(article.paragraph_kinds.len(), article.paragraphs.len(), "the invariant");
    assert_eq!(find("The city council"), ParagraphKind::Text);
    assert_eq!(find("Why now"), ParagraphKind::Heading(2));
    assert_eq!(find("The options"), ParagraphKind::Heading(3));
    assert_eq!(find("Repair the bridge"), ParagraphKind::ListItem);
    assert_eq!(find("Build a new crossing"), ParagraphKind::ListItem);
    assert_eq!(find("We cannot keep patching"), ParagraphKind::Quote);
    assert_eq!(find("Vote"), ParagraphKind::Preformatted);
    let markdown = article.markdown();
    assert!(markdown.starts_with("# Bridge closes\n\nThe city council"), "{markdown}");
    assert!(markdown.contains("\n\n## Why now\n\n"), "{markdown}");
    assert!(markdown.contains("\n\n### The options\n\n- Repair the bridge"), "{markdown}");
    assert!(markdown.contains(".\n- Build a new crossing"), "{markdown}");
    assert!(markdown.contains("\n\n> We cannot keep patching"), "{markdown}");
    assert!(markdown.contains("\n\n```\nVote    For  Against\nClose   31   4\n```\n\n"), "{markdown}");
}

#[test]
fn plain_paragraphs_leave_the_kinds_empty() {
    let page = "<html><body><div><p>The city council voted on Tuesday to close the old bridge to cars, citing safety.</p>\
        <p>Engineers had warned for years that the steel supports were corroding beneath the deck.</p></div></body></html>";
    let article = extract(page.as_bytes(), &ExtractOptions::default()).expect("article");
    assert!(article.paragraph_kinds.is_empty());
    let text = extract(b"Bridge closes\n\nThe city council voted on Tuesday to close the old bridge to cars, citing safety reports.\n", &ExtractOptions::default()).expect("text page");
    assert!(text.paragraph_kinds.is_empty());
    assert_eq!(text.page_type, newsgraph_model::PageType::Article);
}
