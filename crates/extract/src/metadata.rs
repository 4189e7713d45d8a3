//! HTML metadata: Open Graph and other `<meta>` tags, JSON-LD, `<html lang>`, `<title>`,
//! the first `<h1>`, canonical links and `<time>` elements, read in one walk.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use scraper::{Html, Node};
use serde_json::Value;

use crate::dom::{self, Step};
use crate::{byline, dates, language, title};

/// JSON-LD `@type`s that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "LiveBlogPosting",
    "Report",
    "WebPage",
    "ScholarlyArticle",
];

/// Keys of `<meta>` tags (name, property or itemprop) that carry a publication time.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
];

/// What a page says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    pub url: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub language: Option<String>,
    pub site: Option<String>,
}

/// Raw findings of the walk, before choosing between sources.
#[derive(Default)]
struct Found {
    meta: HashMap<String, String>,
    json_ld: Vec<Value>,
    html_lang: Option<String>,
    title_tag: Option<String>,
    first_h1: Option<String>,
    canonical: Option<String>,
    time_datetime: Option<String>,
    item_date: Option<String>,
}

pub fn read(doc: &Html, page_url: Option<&str>) -> Metadata {
    let found = scan(doc);
    let article = found.json_ld.iter().find_map(article_object);
    let site = meta(&found, &["og:site_name", "application-name"])
        .or_else(|| article.and_then(|a| name_of(a.get("publisher")?)));
    let raw_title = meta(&found, &["og:title", "twitter:title"])
        .or_else(|| article.and_then(|a| string(a.get("headline")?)))
        .or_else(|| found.first_h1.clone())
        .or_else(|| found.title_tag.clone());
    let url = found.canonical.clone().or_else(|| meta(&found, &["og:url"]));
    // Without a site name, the host ("www.taipeitimes.com") still names the site.
    let host = page_url.or(url.as_deref()).and_then(host_of);
    let title = raw_title.map(|t| {
        let t = title::strip_site_name(&t, site.as_deref());
        title::strip_site_name(&t, host.as_deref())
    });
    Metadata {
        url,
        title: title.filter(|t| !t.is_empty()),
        authors: authors(&found, article),
        published: published(&found, article),
        language: found.html_lang.as_deref().and_then(language::primary_subtag),
        site,
    }
}

fn scan(doc: &Html) -> Found {
    let mut found = Found::default();
    dom::walk(doc.tree.root(), |node| {
        let Node::Element(e) = node.value() else {
            return Step::Descend;
        };
        match e.name() {
            "html" => found.html_lang = e.attr("lang").or(e.attr("xml:lang")).map(str::to_string),
            "meta" => {
                let key = e.attr("property").or(e.attr("name")).or(e.attr("itemprop"));
                let value = e.attr("content").or(e.attr("datetime"));
                if let (Some(key), Some(value)) = (key, value) {
                    let value = value.trim();
                    if !value.is_empty() {
                        found.meta.entry(key.to_ascii_lowercase()).or_insert_with(|| value.to_string());
                    }
                }
            }
            "link" if has_token(e.attr("rel"), "canonical") => {
                found.canonical = found.canonical.take().or(e.attr("href").map(str::to_string));
            }
            "script" => {
                if e.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    && let Ok(value) = serde_json::from_str::<Value>(dom::raw_text(node).trim())
                {
                    found.json_ld.push(value);
                }
                return Step::Skip;
            }
            "title" if found.title_tag.is_none() => found.title_tag = non_empty(dom::text(node)),
            "h1" if found.first_h1.is_none() => found.first_h1 = non_empty(dom::text(node)),
            "time" if found.time_datetime.is_none() => {
                found.time_datetime = e.attr("datetime").map(str::to_string);
            }
            _ => {}
        }
        if e.attr("itemprop") == Some("datePublished") && found.item_date.is_none() {
            found.item_date = e.attr("content").or(e.attr("datetime")).map(str::to_string);
        }
        Step::Descend
    });
    found
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    Some(host.trim_start_matches("www.").to_string())
}

fn has_token(list: Option<&str>, token: &str) -> bool {
    list.is_some_and(|l| l.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn meta(found: &Found, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| found.meta.get(*k)).map(|v| dom::fold_whitespace(v))
}

/// The first JSON-LD object typed as an article, looking inside arrays and `@graph`.
fn article_object(root: &Value) -> Option<&serde_json::Map<String, Value>> {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(object) => {
                if is_article_type(object.get("@type")) && object.contains_key("headline")
                    || is_article_type(object.get("@type")) && object.contains_key("datePublished")
                {
                    return Some(object);
                }
                if let Some(graph) = object.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_article_type(value: Option<&Value>) -> bool {
    match value {
        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(types)) => types.iter().any(|t| is_article_type(Some(t))),
        _ => false,
    }
}

fn string(value: &Value) -> Option<String> {
    value.as_str().map(dom::fold_whitespace).filter(|s| !s.is_empty())
}

/// A `name` of an object, or the value itself when it is a string.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => string(&Value::String(s.clone())),
        Value::Object(o) => o.get("name").and_then(string),
        Value::Array(items) => items.first().and_then(name_of),
        _ => None,
    }
}

fn authors(found: &Found, article: Option<&serde_json::Map<String, Value>>) -> Vec<String> {
    let from_json: Vec<String> = match article.and_then(|a| a.get("author")) {
        Some(Value::Array(items)) => items.iter().filter_map(name_of).collect(),
        Some(value) => name_of(value).into_iter().collect(),
        None => Vec::new(),
    };
    let raw = if from_json.is_empty() {
        meta(found, &["author", "article:author", "sailthru.author", "parsely-author", "dc.creator"])
            .into_iter()
            .collect()
    } else {
        from_json
    };
    let mut names: Vec<String> = Vec::new();
    for entry in raw.iter().filter(|e| !e.contains("://") && !e.starts_with("www.")) {
        let entry = entry.trim().trim_start_matches("By ").trim_start_matches("by ");
        let split = byline::split_names(entry);
        let candidates = if split.is_empty() && entry.split_whitespace().count() <= 5 {
            vec![entry.to_string()]
        } else {
            split
        };
        for name in candidates {
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

fn published(
    found: &Found,
    article: Option<&serde_json::Map<String, Value>>,
) -> Option<DateTime<FixedOffset>> {
    let json = article.and_then(|a| a.get("datePublished")).and_then(Value::as_str).map(str::to_string);
    json.into_iter()
        .chain(DATE_KEYS.iter().filter_map(|k| found.meta.get(*k).cloned()))
        .chain(found.item_date.clone())
        .chain(found.time_datetime.clone())
        .find_map(|d| dates::parse_machine(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_open_graph_and_json_ld() {
        let html = r#"<html lang="en-GB"><head>
            <title>Bridge closes | The Daily</title>
            <meta property="og:site_name" content="The Daily">
            <meta property="og:title" content="Bridge closes - The Daily">
            <link rel="canonical" href="https://daily.example/bridge">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"The Daily"},
              {"@type":"NewsArticle","headline":"Bridge closes","datePublished":"2024-05-03T15:47:42+02:00",
               "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}]}]}</script>
            </head><body><h1>Bridge closes</h1></body></html>"#;
        let m = read(&Html::parse_document(html), None);
        assert_eq!(m.title.as_deref(), Some("Bridge closes"));
        assert_eq!(m.site.as_deref(), Some("The Daily"));
        assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(m.published.map(|d| d.to_rfc3339()).as_deref(), Some("2024-05-03T15:47:42+02:00"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.url.as_deref(), Some("https://daily.example/bridge"));
    }

    #[test]
    fn falls_back_to_meta_tags_and_title() {
        let html = r#"<html><head><title>Only a title</title>
            <meta name="author" content="https://x.example/u/1">
            <meta name="author" content="Ann Lee">
            <meta property="article:published_time" content="2023-01-02T03:04:05Z"></head><body></body></html>"#;
        let m = read(&Html::parse_document(html), None);
        assert_eq!(m.title.as_deref(), Some("Only a title"));
        assert_eq!(m.published.map(|d| d.to_rfc3339()).as_deref(), Some("2023-01-02T03:04:05+00:00"));
        assert!(m.authors.is_empty() || m.authors == vec!["Ann Lee"]);
    }
}
