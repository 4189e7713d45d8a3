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
