//! Plain-text pages: one block per line (wrapped lines re-joined), the body found as the
//! densest run of paragraph-like lines, and what surrounds it sorted into title, bylines,
//! datelines, related headlines and boilerplate.

use chrono::{DateTime, FixedOffset};
use newsgraph_model::{Article, RelatedHeadline};

use crate::classify::{Features, densest_run};
use crate::{ExtractError, ExtractOptions, byline, dates, language, title};

/// A line with its features.
struct Line {
    text: String,
    features: Features,
}

/// Extracts an article from a plain-text page.
pub fn extract_text(text: &str, options: &ExtractOptions) -> Result<Article, ExtractError> {
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let given_title = options.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let mut texts = split_lines(text);
    if let (Some(given), Some(first)) = (given_title, texts.first())
        && same_text(given, first)
    {
        texts.remove(0);
    }
    let lines: Vec<Line> =
        texts.into_iter().map(|text| Line { features: Features::of(&text), text }).collect();
    let features: Vec<Features> = lines.iter().map(|l| l.features.clone()).collect();
    let body = densest_run(&features).or_else(|| short_body(&features)).ok_or(ExtractError::NoText)?;

    let mut article = Article {
        url: options.url.clone(),
        paragraphs: lines[body.clone()].iter().map(|l| l.text.clone()).collect(),
        ..Article::default()
    };
    let head = read_head(&lines[..body.start], given_title.is_none());
    article.authors = head.authors;
    article.published = head.published;
    article.boilerplate = head.boilerplate;
    article.related_headlines = head.related.into_iter().map(headline).collect();
    read_tail(&lines[body.end..], &mut article);

    match (given_title, head.title) {
        (Some(given), _) => article.title = given.to_string(),
        (None, Some(found)) => article.title = found,
        (None, None) => {
            article.title = title::infer(&article.paragraphs).unwrap_or_default();
            article.title_inferred = true;
        }
    }
    article.language = language::detect(&article.text());
    Ok(article)
}

/// The body of a short text with no full paragraph ("A storm hit the coast, officials said.
/// Thousands lost power."): from the first to the last sentence of five words or more.
fn short_body(features: &[Features]) -> Option<std::ops::Range<usize>> {
    let is_sentence = |f: &Features| f.ends_sentence && f.words >= 5 && !f.is_boilerplate();
    let first = features.iter().position(is_sentence)?;
    let last = features.iter().rposition(is_sentence)?;
    Some(first..last + 1)
}

/// What the lines before the body say.
#[derive(Default)]
struct Head {
    title: Option<String>,
    authors: Vec<String>,
    published: Option<DateTime<FixedOffset>>,
    related: Vec<String>,
    boilerplate: Vec<String>,
}

/// Sorts the lines before the body. Walking back from the body: bylines and datelines, then
/// a run of headline-like lines. A single headline (or the last of a run when a byline
/// follows it) is the page's title; a run of several, or a truncated one, is a teaser list.
fn read_head(lines: &[Line], want_title: bool) -> Head {
    let mut head = Head::default();
    let mut end = lines.len();
    let mut had_byline = false;
    while end > 0 && read_byline_or_date(&lines[end - 1].text, &mut head) {
        had_byline = true;
        end -= 1;
    }
    let mut start = end;
    while start > 0 && is_title_like(&lines[start - 1].features) {
        start -= 1;
    }
    let run = &lines[start..end];
    let last_is_clean = run.last().is_some_and(|l| !l.features.truncated);
    let title_index = (want_title && last_is_clean && (run.len() == 1 || had_byline)).then(|| run.len() - 1);
    for (i, line) in lines[..end].iter().enumerate() {
        if i >= start && Some(i - start) == title_index {
            head.title = Some(line.text.clone());
        } else if i >= start || is_title_like(&line.features) {
            head.related.push(line.text.clone());
        } else if !read_byline_or_date(&line.text, &mut head) {
            head.boilerplate.push(line.text.clone());
        }
    }
    head
}

fn is_title_like(features: &Features) -> bool {
    !features.is_boilerplate() && features.is_headline_like()
}

/// Records a byline's authors or a dateline's date; false when the line is neither.
fn read_byline_or_date(line: &str, head: &mut Head) -> bool {
    if let Some(authors) = byline::authors(line) {
        head.authors.extend(authors);
        if let Some(date) = line.split(['|', '·', '•']).skip(1).find_map(dates::parse_dateline) {
            head.published.get_or_insert(date);
        }
        return true;
    }
    if let Some(date) = dates::parse_dateline(line) {
        head.published.get_or_insert(date);
        return true;
    }
    false
}

/// Sorts the lines after the body: furniture into boilerplate, other headlines into related.
fn read_tail(lines: &[Line], article: &mut Article) {
    for line in lines {
        let f = &line.features;
        if !f.is_boilerplate() && f.is_headline_like() {
            article.related_headlines.push(headline(line.text.clone()));
        } else {
            article.boilerplate.push(line.text.clone());
        }
    }
}

fn headline(title: String) -> RelatedHeadline {
    RelatedHeadline { title, url: None }
}

/// Splits a text into lines with whitespace folded, re-joining lines that were hard-wrapped
/// (a long line not ending a sentence, followed by one starting in lower case).
fn split_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut after_blank = true;
    for raw in text.lines() {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        match lines.last_mut() {
            Some(previous) if !after_blank && continues(previous, &line) => {
                previous.push(' ');
                previous.push_str(&line);
            }
            _ => lines.push(line),
        }
        after_blank = false;
    }
    lines
}

fn continues(previous: &str, next: &str) -> bool {
    let wrapped_length = previous.chars().count() >= 40;
    let open_ended = !previous.ends_with(['.', '!', '?', ':', ';', '…', '"', '”']);
    let lower_start = next.chars().next().is_some_and(char::is_lowercase);
    wrapped_length && open_ended && lower_start
}

/// Equal up to case and whitespace.
fn same_text(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The city council voted on Tuesday to close the old bridge to cars, citing safety reports.\n\
        Engineers had warned for years that the steel supports were corroding faster than expected.\n\
        Residents said the closure would add twenty minutes to their commute.\n\
        The mayor promised that a replacement would be designed within two years, funded by the state.";

    #[test]
    fn reads_title_byline_and_date() {
        let page = format!(
            "Council closes old bridge to traffic\nBy Jane Doe and John Roe\nDecember 22, 2024\n{BODY}\n"
        );
        let article = extract_text(&page, &ExtractOptions::default()).expect("article");
        assert_eq!(article.title, "Council closes old bridge to traffic");
        assert!(!article.title_inferred);
        assert_eq!(article.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(article.published.map(|d| d.to_rfc3339()).as_deref(), Some("2024-12-22T00:00:00+00:00"));
        assert_eq!(article.paragraphs.len(), 4);
        assert!(article.related_headlines.is_empty() && article.boilerplate.is_empty());
        assert_eq!(article.language.as_deref(), Some("en"));
    }

    #[test]
    fn body_alone_gets_an_inferred_title() {
        let article = extract_text(BODY, &ExtractOptions::default()).expect("article");
        assert_eq!(article.paragraphs.len(), 4);
        assert!(article.title_inferred);
        assert_eq!(article.title, "The city council voted on Tuesday to close the old bridge to cars");
        assert!(article.related_headlines.is_empty());
    }

    #[test]
    fn given_title_replaces_a_repeated_first_line() {
        let page = format!("COUNCIL closes  old bridge to traffic\n{BODY}");
        let options = ExtractOptions {
            title: Some("Council closes old bridge to traffic".into()),
            ..Default::default()
        };
        let article = extract_text(&page, &options).expect("article");
        assert_eq!(article.title, "Council closes old bridge to traffic");
        assert!(!article.title_inferred);
        assert_eq!(article.paragraphs.len(), 4);
    }

    #[test]
    fn short_lines_only_is_no_text() {
        let page = "Home\nNews\nSport\nWeather\nContact us";
        assert_eq!(extract_text(page, &ExtractOptions::default()), Err(ExtractError::NoText));
        assert_eq!(extract_text("  \n ", &ExtractOptions::default()), Err(ExtractError::Empty));
    }

    #[test]
    fn rejoins_hard_wrapped_lines() {
        let page = "The city council voted on Tuesday to close the old\nbridge to cars, citing safety reports from engineers.\n\nA second paragraph follows here, and it is long enough to count.";
        assert_eq!(split_lines(page).len(), 2);
    }
}
