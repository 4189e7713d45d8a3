//! The behaviour every [`Store`] implementation must show. Each implementation's tests call
//! [`run`] on a fresh, empty store.

use chrono::{DateTime, Utc};
use newsgraph_model::{Article, ArticleId, PageType, ParagraphKind, RelatedHeadline, Source, SourceKind};

use crate::{InsertOutcome, NewArticle, Page, Store};

/// Runs every check; panics (this is test support) with the name of the first that fails.
pub fn run(store: &dyn Store) {
    assert_eq!(store.count().expect("count"), 0, "conformance needs an empty store");
    stores_and_reads_back(store);
    same_content_is_stored_once(store);
    same_url_is_stored_once(store);
    latest_is_newest_first(store);
    articles_after_pages_by_id(store);
}

pub fn sample(title: &str, body: &str, published: Option<&str>) -> NewArticle {
    NewArticle {
        article: Article {
            url: None,
            title: title.to_owned(),
            title_inferred: false,
            authors: vec!["Jane Doe".into()],
            published: published.map(|p| DateTime::parse_from_rfc3339(p).expect("test date")),
            language: Some("en".into()),
            site: Some("Example News".into()),
            paragraphs: vec![body.to_owned(), "Second paragraph.".into()],
            paragraph_kinds: vec![ParagraphKind::Text, ParagraphKind::Heading(3)],
            related_headlines: vec![RelatedHeadline { title: "Another story".into(), url: None }],
            boilerplate: vec!["Follow us".into()],
            updated: published
                .map(|_| DateTime::parse_from_rfc3339("2023-02-03T04:05:06-05:00").expect("test date")),
            description: Some(format!("What {title} is about.")),
            lead_image: Some("https://news.example/lead.jpg".into()),
            page_type: PageType::Listing,
        },
        source: Source { kind: SourceKind::File, location: format!("{title}.txt") },
        fetched_at: None,
        imported_at: DateTime::<Utc>::from_timestamp(1_700_000_000, 0).expect("test time"),
    }
}

fn inserted(outcome: InsertOutcome) -> ArticleId {
    match outcome {
        InsertOutcome::Inserted(id) => id,
        other => panic!("expected a new article, got {other:?}"),
    }
}

fn stores_and_reads_back(store: &dyn Store) {
    let new = sample("Round trip", "Putin went to Minsk.", Some("2022-12-19T10:30:00+03:00"));
    let id = inserted(store.insert_batch(std::slice::from_ref(&new)).expect("insert")[0]);
    let back = store.article(id).expect("read").expect("present");
    assert_eq!(back.article, new.article, "round trip keeps every field, offset included");
    assert_eq!(back.source, new.source);
    assert_eq!(back.imported_at, new.imported_at);
    assert_eq!(back.content_hash, new.article.content_hash());
    assert!(store.article(ArticleId(id.0 + 1000)).expect("read").is_none());
}

fn same_content_is_stored_once(store: &dyn Store) {
    let before = store.count().expect("count");
    let a = sample("Twice", "The same body twice.", None);
    let mut b = a.clone();
    b.article.paragraphs = vec!["the SAME body  twice. second paragraph.".into()];
    let outcomes = store.insert_batch(&[a, b]).expect("insert");
    let id = inserted(outcomes[0]);
    assert_eq!(outcomes[1], InsertOutcome::AlreadyPresent(id), "within one batch");
    let again = store.insert_batch(&[sample("Twice", "The same body twice.", None)]).expect("insert");
    assert_eq!(again[0], InsertOutcome::AlreadyPresent(id), "across batches");
    assert_eq!(store.count().expect("count"), before + 1);
}

fn same_url_is_stored_once(store: &dyn Store) {
    let mut a = sample("Url", "First version.", None);
    a.article.url = Some("https://news.example/a".into());
    let id = inserted(store.insert_batch(std::slice::from_ref(&a)).expect("insert")[0]);
    a.article.paragraphs = vec!["Edited version.".into()];
    assert_eq!(store.insert_batch(&[a]).expect("insert")[0], InsertOutcome::AlreadyPresent(id));
}

fn latest_is_newest_first(store: &dyn Store) {
    let mut undated = sample("Undated", "Undated news.", None);
    undated.imported_at = DateTime::<Utc>::from_timestamp(1_500_000_000, 0).expect("2017"); // between the two
    let batch = [
        sample("Old", "Old news.", Some("2001-01-01T00:00:00Z")),
        sample("New", "New news.", Some("2030-01-01T00:00:00Z")),
        undated,
    ];
    store.insert_batch(&batch).expect("insert");
    let latest = store.latest(Page { offset: 0, limit: 100 }).expect("latest");
    let titles: Vec<&str> = latest.iter().map(|a| a.article.title.as_str()).collect();
    let position = |t: &str| titles.iter().position(|x| *x == t).expect("listed");
    assert_eq!(position("New"), 0);
    assert!(position("Undated") < position("Old"), "undated articles sort by import time: {titles:?}");
    let second_page = store.latest(Page { offset: 1, limit: 1 }).expect("latest");
    assert_eq!(second_page.len(), 1);
    assert_eq!(second_page[0].id, latest[1].id);
}

fn articles_after_pages_by_id(store: &dyn Store) {
    let total = store.count().expect("count");
    let mut seen = Vec::new();
    let mut after = ArticleId(0);
    loop {
        let page = store.articles_after(after, 2).expect("page");
        let Some(last) = page.last() else { break };
        after = last.id;
        seen.extend(page.iter().map(|a| a.id));
    }
    assert_eq!(seen.len() as u64, total);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "ascending ids");
}
