//! Import recognises the entities of every article, whichever way it arrives (a page file or
//! a JSONL line), and the store links them across articles.

use newsgraph_model::EntityKind;
use newsgraph_pipeline::{Engine, ImportInput, ImportOptions, import};
use newsgraph_store::{EntityFilter, Page};

const PAGE: &str = "Putin visits Minsk\n\nRussian President Vladimir Putin arrived in Minsk on Monday \
for talks with Alexander Lukashenko.\n\nPutin said the talks went well.";

const JSONL: &str = r#"{"title": "Kremlin statement", "text": "Vladimir Putin spoke to reporters in Moscow on Tuesday. Putin did not take questions.", "url": "https://example.org/a"}
"#;

#[test]
fn imported_articles_carry_their_entities() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.txt");
    std::fs::write(&page, PAGE).expect("write");
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, JSONL).expect("write");
    let engine = Engine::open(&dir.path().join("data")).expect("open");

    let inputs = [ImportInput::Path(page), ImportInput::Path(corpus)];
    let summary = import(&engine, &inputs, &ImportOptions::default(), &mut |_| {}).expect("import");
    assert_eq!((summary.imported, summary.failed.len()), (2, 0), "{summary:?}");

    let filter = EntityFilter { kind: Some(EntityKind::Per), query: Some("Putin".into()) };
    let people = engine.store.entities(&filter, Page { offset: 0, limit: 10 }).expect("entities");
    let putin = people.iter().find(|e| e.entity.name == "Vladimir Putin").expect("Putin found");
    assert_eq!((putin.articles, putin.mentions), (2, 4), "{people:?}");

    let filter = EntityFilter { kind: Some(EntityKind::Loc), query: Some("Minsk".into()) };
    let places = engine.store.entities(&filter, Page { offset: 0, limit: 10 }).expect("entities");
    assert!(places.iter().any(|p| p.entity.country.as_deref() == Some("BY")), "{places:?}");

    // Every stored mention lies on its article's text.
    for article in engine.store.articles_after(newsgraph_model::ArticleId(0), 10).expect("articles") {
        let text = article.article.text();
        for mention in engine.store.article_mentions(article.id).expect("mentions") {
            assert!(mention.span.slice(&text).is_some_and(|s| !s.is_empty()), "{mention:?} in {text}");
        }
    }
}

/// Amounts and time expressions are found on import; "on Monday" names a day when the page
/// gave its date, and stays unresolved when it did not.
#[test]
fn imported_articles_carry_their_amounts_and_times() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus.jsonl");
    let lines = [
        r#"{"title": "Troops", "published": "2022-12-21", "text": "Belarus said 200,000 new troops arrived on Monday.", "url": "https://example.org/dated"}"#,
        r#"{"title": "Troops", "text": "Officials said 3 fighter planes landed on Monday.", "url": "https://example.org/undated"}"#,
        r#"{"title": "Truppen", "language": "de", "text": "Am Montag kamen 200.000 Soldaten.", "url": "https://example.org/de"}"#,
    ];
    std::fs::write(&corpus, lines.join("\n")).expect("write");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    let summary = import(&engine, &[ImportInput::Path(corpus)], &ImportOptions::default(), &mut |_| {})
        .expect("import");
    assert_eq!((summary.imported, summary.failed.len()), (3, 0), "{summary:?}");

    let stored = engine.store.articles_after(newsgraph_model::ArticleId(0), 10).expect("articles");
    let found = |i: usize| {
        let id = stored[i].id;
        (engine.store.article_amounts(id).expect("amounts"), engine.store.article_times(id).expect("times"))
    };
    let (amounts, times) = found(0);
    let text = stored[0].article.text();
    assert_eq!(amounts.len(), 1, "{amounts:?}");
    assert_eq!((amounts[0].value, amounts[0].counted.as_deref()), (200_000.0, Some("new troops")));
    assert_eq!(amounts[0].span.slice(&text), Some("200,000 new troops"));
    let monday = times.iter().find(|t| t.span.slice(&text).is_some_and(|s| s.contains("Monday")));
    let monday = monday.unwrap_or_else(|| panic!("no Monday in {times:?}"));
    assert_eq!(monday.start, chrono::NaiveDate::from_ymd_opt(2022, 12, 19), "the Monday before publication");

    let (amounts, times) = found(1);
    assert_eq!(amounts.iter().map(|a| a.value).collect::<Vec<_>>(), [3.0]);
    assert!(times.iter().all(|t| t.start.is_none()), "no date to resolve against: {times:?}");
    assert!(!times.is_empty());

    assert_eq!(found(2), (Vec::new(), Vec::new()), "English patterns are not run on German");
}

/// Quotes are found on import: speaker, cue and content, the kind read off the quotation
/// marks; an article in another language gets none.
#[test]
fn imported_articles_carry_their_quotes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus.jsonl");
    let lines = [
        r#"{"title": "Talks", "text": "\u201cWe are ready for talks,\u201d Kremlin spokesman Dmitry Peskov told reporters on Monday.", "url": "https://example.org/en"}"#,
        r#"{"title": "Gespräche", "language": "de", "text": "\u201eWir sind bereit\u201c, sagte Peskow.", "url": "https://example.org/de"}"#,
    ];
    std::fs::write(&corpus, lines.join("\n")).expect("write");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    let summary = import(&engine, &[ImportInput::Path(corpus)], &ImportOptions::default(), &mut |_| {})
        .expect("import");
    assert_eq!((summary.imported, summary.failed.len()), (2, 0), "{summary:?}");

    let stored = engine.store.articles_after(newsgraph_model::ArticleId(0), 10).expect("articles");
    let text = stored[0].article.text();
    let quotes = engine.store.article_quotes(stored[0].id).expect("quotes");
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let q = &quotes[0];
    assert!(q.speaker.and_then(|s| s.slice(&text)).is_some_and(|s| s.contains("Peskov")), "{q:?}");
    assert_eq!(q.cue.and_then(|s| s.slice(&text)), Some("told"));
    assert_eq!(q.kind, newsgraph_model::QuoteKind::Direct);
    assert!(engine.store.article_quotes(stored[1].id).expect("quotes").is_empty());
}
