//! One line of a JSONL corpus -> an article: `{title, text, published, url, ...}`.
//!
//! Fields are read leniently (unknown fields ignored, `body`/`content` accepted for `text`,
//! `author`/`authors`, `site`/`source`, `description`/`summary`, `updated`/`modified`,
//! `lead_image`/`image`), since corpora in the wild disagree on names.

use newsgraph_extract::{ExtractOptions, extract_text, parse_machine};
use newsgraph_model::Article;
use serde_json::{Map, Value};

pub(crate) fn article_from_line(line: &str) -> Result<Article, String> {
    // A byte-order mark survives on the first line of files saved by some editors.
    let line = line.trim_start_matches('\u{feff}');
    let record: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err("not a JSON object".into()),
        Err(e) => return Err(format!("invalid JSON: {e}")),
    };
    let title = string(&record, &["title", "headline"]);
    let text = string(&record, &["text", "body", "content"]).unwrap_or_default();
    let url = string(&record, &["url", "link"]);
    let options = ExtractOptions { url: url.clone(), charset: None, title: title.clone() };
    let mut article = match extract_text(&text, &options) {
        Ok(article) => article,
        // A record with only a headline is still an article, if a thin one.
        Err(_) if title.is_some() => Article { title: title.unwrap_or_default(), ..Article::default() },
        Err(e) => return Err(format!("no usable text: {e}")),
    };
    article.url = url.or(article.url);
    if let Some(published) = string(&record, &["published", "date", "published_at"]) {
        article.published = parse_machine(&published).or(article.published);
    }
    let authors = strings(&record, &["authors", "author"]);
    if !authors.is_empty() {
        article.authors = authors;
    }
    if let Some(site) = string(&record, &["site", "source", "outlet"]) {
        article.site = Some(site);
    }
    if let Some(language) = string(&record, &["language", "lang"]) {
        article.language = Some(language);
    }
    if let Some(updated) = string(&record, &["updated", "modified", "date_modified", "updated_at"]) {
        article.updated = parse_machine(&updated).or(article.updated);
    }
    if let Some(description) = string(&record, &["description", "summary"]) {
        article.description = Some(description);
    }
    let image = string(&record, &["lead_image", "image", "image_url"]);
    if let Some(image) = image.filter(|i| i.starts_with("https://") || i.starts_with("http://")) {
        article.lead_image = Some(image);
    }
    Ok(article)
}

fn string(record: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| record.get(*k)?.as_str())
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_owned)
}

fn strings(record: &Map<String, Value>, keys: &[&str]) -> Vec<String> {
    for key in keys {
        match record.get(*key) {
            Some(Value::String(s)) if !s.trim().is_empty() => return vec![s.trim().to_owned()],
            Some(Value::Array(items)) => {
                let names: Vec<String> = items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                if !names.is_empty() {
                    return names;
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_corpus_line() {
        let line = r#"{"id":"wn-1","title":"Storm hits coast","published":"2024-12-22","text":"Storm hits coast\nA storm hit the coast on Monday, officials said.\nThousands lost power.","url":"https://en.wikinews.org/wiki/Storm","categories":[]}"#;
        let a = article_from_line(line).expect("parses");
        assert_eq!(a.title, "Storm hits coast");
        assert!(!a.title_inferred);
        assert_eq!(a.url.as_deref(), Some("https://en.wikinews.org/wiki/Storm"));
        assert_eq!(a.published.map(|p| p.to_rfc3339()).as_deref(), Some("2024-12-22T00:00:00+00:00"));
        assert_eq!(
            a.paragraphs.first().map(String::as_str),
            Some("A storm hit the coast on Monday, officials said.")
        );
    }

    #[test]
    fn reads_optional_metadata() {
        let line = serde_json::json!({"title": "T", "text": "A storm hit the coast on Monday, officials said.",
            "summary": "A storm.", "modified": "2024-12-23T08:00:00+01:00", "image": "https://img.example/a.jpg"})
        .to_string();
        let a = article_from_line(&line).expect("parses");
        assert_eq!(a.description.as_deref(), Some("A storm."));
        assert_eq!(a.updated.map(|t| t.to_rfc3339()).as_deref(), Some("2024-12-23T08:00:00+01:00"));
        assert_eq!(a.lead_image.as_deref(), Some("https://img.example/a.jpg"));
        let line = r#"{"title": "T", "text": "Body.", "image": "javascript:alert(1)"}"#;
        assert_eq!(article_from_line(line).expect("parses").lead_image, None);
    }

    #[test]
    fn tolerates_a_byte_order_mark() {
        let line =
            "\u{feff}{\"title\": \"T\", \"text\": \"A storm hit the coast on Monday, officials said.\"}";
        assert_eq!(article_from_line(line).expect("parses").title, "T");
    }

    #[test]
    fn reports_broken_lines() {
        assert!(article_from_line("{\"title\": ").expect_err("broken").starts_with("invalid JSON"));
        assert_eq!(article_from_line("[1,2]").expect_err("array"), "not a JSON object");
        assert!(article_from_line("{\"id\": 3}").is_err(), "no title, no text");
    }

    #[test]
    fn reads_common_date_shapes() {
        for (text, want) in [
            ("2022-12-19T10:30:00+03:00", "2022-12-19T10:30:00+03:00"),
            ("Mon, 19 Dec 2022 10:30:00 GMT", "2022-12-19T10:30:00+00:00"),
            ("2022-12-19 10:30", "2022-12-19T10:30:00+00:00"),
            ("2022-12-19", "2022-12-19T00:00:00+00:00"),
        ] {
            let line =
                serde_json::json!({"title": "T", "text": "Body text here.", "published": text}).to_string();
            let published = article_from_line(&line).expect("parses").published;
            assert_eq!(published.map(|t| t.to_rfc3339()).as_deref(), Some(want), "{text}");
        }
        let line = r#"{"title": "T", "text": "Body.", "published": "yesterday"}"#;
        assert_eq!(article_from_line(line).expect("parses").published, None);
    }
}
