//! The digest as Markdown (CommonMark): what `newsgraph digest` prints by default.

use super::{Digest, KeyQuote, Links, coverage, nothing_on};

pub fn render(digest: &Digest, links: Links<'_>) -> String {
    let mut out = format!("# {}\n\n", digest.title());
    if digest.stories.is_empty() {
        out.push_str(&nothing_on(digest.date));
        out.push('\n');
        return out;
    }
    out.push_str(&format!(
        "The {} of {} (UTC), the most covered first.\n",
        if digest.stories.len() == 1 {
            "top story".to_owned()
        } else {
            format!("{} top stories", digest.stories.len())
        },
        digest.date
    ));
    for (n, story) in digest.stories.iter().enumerate() {
        out.push_str(&format!("\n## {}. {}\n\n", n + 1, link(&story.headline, links.story(story))));
        out.push_str(&format!("{}\n", paragraph(&coverage(story))));
        if !story.summary.is_empty() {
            out.push_str(&format!("\n{}\n", paragraph(&story.summary.join(" "))));
        }
        if !story.quotes.is_empty() {
            out.push('\n');
            for quote in &story.quotes {
                out.push_str(&format!("- {}\n", said(quote, links)));
            }
        }
    }
    out
}

/// `**Speaker**: “what was said” ([Outlet](url))`.
fn said(quote: &KeyQuote, links: Links<'_>) -> String {
    format!(
        "**{}**: {} ({})",
        escape(quote.shown_speaker()),
        escape(&quote.shown_text()),
        link(&quote.article.outlet, links.article(&quote.article))
    )
}

/// `[text](url)`, or the text alone without a URL.
fn link(text: &str, url: Option<String>) -> String {
    match url {
        // The URL is absolute http(s) without spaces (`safe_href`); of what is left, only
        // parentheses and angle brackets could end the destination early.
        Some(url) => format!(
            "[{}]({})",
            escape(text),
            url.replace('(', "%28").replace(')', "%29").replace('<', "%3C").replace('>', "%3E")
        ),
        None => escape(text),
    }
}

/// A paragraph of text: escaped, and not taken for a list item or a heading's underline by
/// how it starts ("1984. The year", "- or", "=").
fn paragraph(text: &str) -> String {
    let escaped = escape(text);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let after = escaped[digits..].chars().next();
    match after {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &escaped[..digits], &escaped[digits..]),
        Some('-' | '+' | '=') if digits == 0 => format!("\\{escaped}"),
        _ => escaped,
    }
}

/// Text that Markdown shows as written: its punctuation that could mark up escaped, on one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            // Not '!': with '[' escaped it can start no image.
            if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '~') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped_and_urls_cannot_break_out() {
        assert_eq!(escape("a *b* [c](d) <e>\n# f"), r"a \*b\* \[c\](d) \<e\> \# f");
        let url = Some("https://x.example/a_(b)".to_owned());
        assert_eq!(link("T_1", url), r"[T\_1](https://x.example/a_%28b%29)");
        assert_eq!(link("T", None), "T");
        assert_eq!(paragraph("1984. The year"), r"1984\. The year");
        assert_eq!(paragraph("- or +"), r"\- or +");
        assert_eq!(paragraph("2 articles"), "2 articles");
    }
}
