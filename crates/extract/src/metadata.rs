//! HTML metadata: Open Graph and other `<meta>` tags, JSON-LD, `<html lang>`, `<title>`,
//! the first `<h1>`, canonical links and `<time>` elements, read in one walk.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::dom::{self, Dom, Node, Step};
use crate::{byline, dates, language, links, title};

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

/// Keys of `<meta>` tags (name, property or itemprop) that carry a last-update time.
const UPDATED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

/// Keys of `<meta>` tags that carry the page's summary, best first.
const DESCRIPTION_KEYS: &[&str] = &["description", "og:description", "twitter:description", "dc.description"];

/// Keys of `<meta>` tags that carry the lead image's URL, best first.
const IMAGE_KEYS: &[&str] =
    &["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image"];

/// JSON-LD `@type`s of a page that lists other pages.
const LISTING_TYPES: &[&str] = &["CollectionPage", "SearchResultsPage", "ProfilePage"];

/// What a page says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    pub url: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub language: Option<String>,
    pub site: Option<String>,
    pub description: Option<String>,
    /// The lead image, absolute when the page URL (or the canonical URL) allows resolving it.
    pub lead_image: Option<String>,
    /// What the page's markup says it is, for [`crate::page_type`].
    pub declared: Declared,
}

/// What the markup declares the page to be.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Declared {
    /// A JSON-LD object typed as an article (NewsArticle, BlogPosting, ...) with a headline
    /// or a publication date.
    pub schema_article: bool,
    /// A top-level JSON-LD CollectionPage, SearchResultsPage or ProfilePage.
    pub schema_listing: bool,
    /// A top-level JSON-LD ItemList: a listing's, or an article's list of related stories.
    pub schema_item_list: bool,
    /// `og:type` is `article` (or a kind of article).
    pub og_article: bool,
    /// `og:type` is `website`.
    pub og_website: bool,
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
    item_modified: Option<String>,
}

pub fn read(doc: &Dom<'_>, page_url: Option<&str>) -> Metadata {
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
    let base = page_url.or(url.as_deref());
    let og_type = meta(&found, &["og:type"]).map(|t| t.to_ascii_lowercase());
    let declared = Declared {
        schema_article: article.is_some_and(|a| is_strict_article_type(a.get("@type"))),
        schema_listing: found.json_ld.iter().any(|v| declares(v, LISTING_TYPES)),
        schema_item_list: found.json_ld.iter().any(|v| declares(v, &["ItemList"])),
        og_article: og_type.as_deref().is_some_and(|t| t == "article" || t.ends_with(".article")),
        og_website: og_type.as_deref() == Some("website"),
    };
    Metadata {
        title: title.filter(|t| !t.is_empty()),
        authors: authors(&found, article),
        published: published(&found, article),
        updated: updated(&found, article),
        language: found.html_lang.as_deref().and_then(language::primary_subtag),
        site,
        description: meta(&found, DESCRIPTION_KEYS)
            .or_else(|| article.and_then(|a| string(a.get("description")?)))
            .or_else(|| found.json_ld.iter().find_map(listing_description))
            .filter(|d| !d.is_empty()),
        lead_image: meta(&found, IMAGE_KEYS)
            .into_iter()
            .chain(article.and_then(|a| image_url(a.get("image")?)))
            .find_map(|src| links::resolve(base, &src)),
        declared,
        url,
    }
}

fn scan(doc: &Dom<'_>) -> Found {
    let mut found = Found::default();
    dom::walk(doc.root(), |node| {
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
        if e.attr("itemprop") == Some("dateModified") && found.item_modified.is_none() {
            found.item_modified = e.attr("content").or(e.attr("datetime")).map(str::to_string);
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

/// An article type proper: not `WebPage`, which [`ARTICLE_TYPES`] accepts for its metadata.
fn is_strict_article_type(value: Option<&Value>) -> bool {
    match value {
        Some(Value::String(t)) => t != "WebPage" && ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(types)) => types.iter().any(|t| is_strict_article_type(Some(t))),
        _ => false,
    }
}

/// Whether a JSON-LD document has a top-level object (or one in an array or `@graph`) of one
/// of `types`. Items inside lists are not looked at.
fn declares(root: &Value, types: &[&str]) -> bool {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(object) => {
                if is_type(object.get("@type"), types) {
                    return true;
                }
                if let Some(graph) = object.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    false
}

fn is_type(value: Option<&Value>, types: &[&str]) -> bool {
    match value {
        Some(Value::String(t)) => types.contains(&t.as_str()),
        Some(Value::Array(items)) => items.iter().any(|t| is_type(Some(t), types)),
        _ => false,
    }
}

/// The `description` of a top-level JSON-LD listing object (CollectionPage, ...).
fn listing_description(root: &Value) -> Option<String> {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(object) => {
                if is_type(object.get("@type"), LISTING_TYPES)
                    && let Some(description) = object.get("description").and_then(string)
                {
                    return Some(description);
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

/// The URL of a schema.org `image`: a string, an ImageObject (`url` or `contentUrl`), or the
/// first usable entry of an array.
fn image_url(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(o) => o.get("url").or(o.get("contentUrl")).and_then(image_url),
        Value::Array(items) => items.iter().find_map(image_url),
        _ => None,
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
        let entry = strip_byline_word(entry.trim());
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

/// Byline words that a `<meta name="author">` sometimes keeps ("By Ann Lee", "Por Ana Lima",
/// "Von Max Muster").
const BYLINE_WORDS: &[&str] = &["by", "por", "von", "par", "door", "av", "af", "przez", "autor:", "author:"];

fn strip_byline_word(entry: &str) -> &str {
    match entry.split_once(char::is_whitespace) {
        Some((first, rest))
            if BYLINE_WORDS.contains(&first.to_lowercase().as_str()) && !rest.trim().is_empty() =>
        {
            rest.trim_start()
        }
        _ => entry,
    }
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

fn updated(found: &Found, article: Option<&serde_json::Map<String, Value>>) -> Option<DateTime<FixedOffset>> {
    let json = article.and_then(|a| a.get("dateModified")).and_then(Value::as_str).map(str::to_string);
    json.into_iter()
        .chain(UPDATED_KEYS.iter().filter_map(|k| found.meta.get(*k).cloned()))
        .chain(found.item_modified.clone())
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
        let m = read(&dom::parse(html), None);
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
        let m = read(&dom::parse(html), None);
        assert_eq!(m.title.as_deref(), Some("Only a title"));
        assert_eq!(m.published.map(|d| d.to_rfc3339()).as_deref(), Some("2023-01-02T03:04:05+00:00"));
        assert!(m.authors.is_empty() || m.authors == vec!["Ann Lee"]);
    }

    fn lead_image(json_ld_image: &str, base: Option<&str>) -> Option<String> {
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"H",
            "image":{json_ld_image}}}</script></head><body></body></html>"#
        );
        read(&dom::parse(&html), base).lead_image
    }

    #[test]
    fn lead_image_from_each_json_ld_shape_resolved_against_the_page() {
        let base = Some("https://news.example/world/2024/story.html");
        assert_eq!(lead_image(r#""/img/a.jpg""#, base).as_deref(), Some("https://news.example/img/a.jpg"));
        assert_eq!(
            lead_image(r#"{"@type":"ImageObject","url":"b.jpg"}"#, base).as_deref(),
            Some("https://news.example/world/2024/b.jpg")
        );
        assert_eq!(
            lead_image(r#"{"contentUrl":"https://cdn.example/c.jpg"}"#, None).as_deref(),
            Some("https://cdn.example/c.jpg")
        );
        assert_eq!(
            lead_image(r#"[{"url":""}, "//cdn.example/d.jpg", "e.jpg"]"#, base).as_deref(),
            Some("https://cdn.example/d.jpg")
        );
        assert_eq!(lead_image(r#""/img/a.jpg""#, None), None, "relative without a base URL");
        assert_eq!(lead_image("42", base), None);
        assert_eq!(lead_image(r#""javascript:alert(1)""#, base), None);
    }

    #[test]
    fn updated_description_and_declarations() {
        let html = r#"<html><head>
            <meta property="og:type" content="article">
            <meta property="og:description" content="  Short   summary. ">
            <meta property="og:updated_time" content="2024-01-02T10:00:00+01:00">
            <meta property="article:modified_time" content="2024-01-03T10:00:00+01:00">
            <meta name="author" content="Von Max Muster">
            </head><body></body></html>"#;
        let m = read(&dom::parse(html), None);
        assert_eq!(m.updated.map(|d| d.to_rfc3339()).as_deref(), Some("2024-01-03T10:00:00+01:00"));
        assert_eq!(m.description.as_deref(), Some("Short summary."));
        assert_eq!(m.authors, vec!["Max Muster"]);
        assert!(m.declared.og_article && !m.declared.schema_article && !m.declared.og_website);

        let html = r#"<html><head><script type="application/ld+json">[{"@type":"WebPage","headline":"H",
            "datePublished":"2024-01-01"},{"@type":["CollectionPage"],"description":"All sport."}]</script>
            </head></html>"#;
        let m = read(&dom::parse(html), None);
        assert!(m.declared.schema_listing && !m.declared.schema_article, "{:?}", m.declared);
        assert_eq!(m.description.as_deref(), Some("All sport."));

        let html = r#"<html><head><script type="application/ld+json">{"@type":"ItemList","itemListElement":[
            {"@type":"NewsArticle","headline":"Teaser","datePublished":"2024-01-01"}]}</script></head></html>"#;
        let m = read(&dom::parse(html), None);
        assert!(m.declared.schema_item_list && !m.declared.schema_article, "list items are not the page");
    }
}
