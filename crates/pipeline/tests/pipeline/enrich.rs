//! Enrich reads stored articles again: entities come back for articles stored without them,
//! entities an older model found go, and the index's entity filter follows the store.

use newsgraph_index::SearchQuery;
use newsgraph_model::{Amount, ArticleEntities, ArticleId, EntityId, EntityKind, TimeRef};
use newsgraph_pipeline::{Engine, EnrichEvent, EnrichSummary, ImportInput, ImportOptions, enrich, import};
use newsgraph_store::conformance::canonical;
use newsgraph_store::{EntityFilter, EntityStats, Page};

const PAGE: &str = "Putin visits Minsk\n\nRussian President Vladimir Putin arrived in Minsk on Monday \
for talks with Alexander Lukashenko.\n\nPutin said the talks went well.";

const JSONL: &str = r#"{"title": "Kremlin statement", "text": "Vladimir Putin spoke to reporters in Moscow on Tuesday. Putin did not take questions.", "url": "https://example.org/a"}
{"title": "Weather", "text": "Rain is expected over the weekend, with sun returning by Monday afternoon.", "url": "https://example.org/b"}
"#;

/// A data directory with the three articles imported (entities recognised as usual).
fn imported(dir: &std::path::Path) -> Engine {
    let page = dir.join("page.txt");
    std::fs::write(&page, PAGE).expect("write");
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, JSONL).expect("write");
    let engine = Engine::open(&dir.join("data")).expect("open");
    let inputs = [ImportInput::Path(page), ImportInput::Path(corpus)];
    let summary = import(&engine, &inputs, &ImportOptions::default(), &mut |_| {}).expect("import");
    assert_eq!((summary.imported, summary.failed.len()), (3, 0), "{summary:?}");
    engine
}

fn all_ids(engine: &Engine) -> Vec<ArticleId> {
    engine.store.articles_after(ArticleId(0), 100).expect("articles").iter().map(|a| a.id).collect()
}

fn putin(engine: &Engine) -> Option<EntityStats> {
    let filter = EntityFilter { kind: Some(EntityKind::Per), query: Some("Putin".into()) };
    let people = engine.store.entities(&filter, Page { offset: 0, limit: 10 }).expect("entities");
    people.into_iter().find(|e| e.entity.name == "Vladimir Putin")
}

/// Every article's amounts and time expressions.
fn figures(engine: &Engine) -> Vec<(Vec<Amount>, Vec<TimeRef>)> {
    let ids = all_ids(engine).into_iter();
    ids.map(|id| {
        (engine.store.article_amounts(id).expect("amounts"), engine.store.article_times(id).expect("times"))
    })
    .collect()
}

/// Every listed entity with its counts, and every article's mentions: what enrich may change.
fn snapshot(engine: &Engine) -> (Vec<EntityStats>, Vec<Vec<newsgraph_model::EntityMention>>) {
    let entities = engine.store.entities(&EntityFilter::default(), Page { offset: 0, limit: 1000 });
    let mentions = all_ids(engine).into_iter().map(|id| engine.store.article_mentions(id).expect("mentions"));
    (entities.expect("entities"), mentions.collect())
}

/// The ids of the articles the index finds for the entity, one per hit.
fn indexed_with(engine: &Engine, entity: EntityId) -> Vec<ArticleId> {
    let query = SearchQuery { entity: Some(entity), limit: 100, ..SearchQuery::default() };
    let results = engine.index.search(&query).expect("search");
    assert_eq!(results.total, results.hits.len());
    let mut ids: Vec<ArticleId> = results.hits.iter().map(|h| h.id).collect();
    ids.sort_unstable();
    ids
}

fn run(engine: &Engine) -> (EnrichSummary, Vec<EnrichEvent>) {
    let mut events = Vec::new();
    let summary = enrich(engine, &mut |e| events.push(e)).expect("enrich");
    (summary, events)
}

#[test]
fn enrich_gives_back_the_entities_of_articles_stored_without_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = imported(dir.path());
    let as_imported = snapshot(&engine);
    let putin_id = putin(&engine).expect("Putin imported").entity.id;
    let ids = all_ids(&engine);
    let with_putin = indexed_with(&engine, putin_id);
    assert_eq!(with_putin.len(), 2);

    // As imported, before the mentions their speakers name are wiped.
    let quotes_imported: Vec<_> =
        ids.iter().map(|id| engine.store.article_quotes(*id).expect("quotes")).collect();
    assert!(quotes_imported.iter().any(|q| !q.is_empty()), "{quotes_imported:?}");
    assert!(quotes_imported.iter().flatten().any(|q| q.speaker_entity.is_some()), "{quotes_imported:?}");
    // An old data directory: no mentions stored, and an index built without entities.
    let none: Vec<_> = ids.iter().map(|id| (*id, ArticleEntities::default())).collect();
    engine.store.replace_entities(&none).expect("wipe");
    let figures_imported = figures(&engine);
    assert!(figures_imported.iter().any(|(_, times)| !times.is_empty()), "{figures_imported:?}");
    let none: Vec<_> = ids.iter().map(|id| (*id, Vec::new(), Vec::new())).collect();
    engine.store.replace_figures(&none).expect("wipe");
    let none: Vec<_> = ids.iter().map(|id| (*id, Vec::new())).collect();
    engine.store.replace_quotes(&none).expect("wipe");
    drop(engine);
    let engine = Engine::open_with_new_index(&dir.path().join("data")).expect("open");
    assert_eq!(engine.catch_up_index().expect("index"), 3);
    assert!(putin(&engine).is_none(), "no longer listed");
    assert!(indexed_with(&engine, putin_id).is_empty());

    let (summary, events) = run(&engine);
    let stored: usize = as_imported.1.iter().map(Vec::len).sum();
    let amounts = figures_imported.iter().map(|(a, _)| a.len() as u64).sum();
    let times = figures_imported.iter().map(|(_, t)| t.len() as u64).sum();
    assert_eq!(summary, EnrichSummary { articles: 3, mentions: stored as u64, amounts, times });
    assert_eq!(figures(&engine), figures_imported, "the same amounts and times as import gave");
    let quotes: Vec<_> = ids.iter().map(|id| engine.store.article_quotes(*id).expect("quotes")).collect();
    assert_eq!(quotes, quotes_imported, "the same quotes as import gave");
    assert!(matches!(events.first(), Some(EnrichEvent::Started { articles: 3 })), "{events:?}");
    assert!(
        matches!(events.last(), Some(EnrichEvent::Counts { articles: 3, mentions }) if *mentions == summary.mentions)
    );
    assert_eq!(snapshot(&engine), as_imported, "the same entities, ids and counts as import gave");
    assert_eq!(putin(&engine).map(|p| (p.entity.id, p.articles, p.mentions)), Some((putin_id, 2, 4)));
    assert_eq!(indexed_with(&engine, putin_id), with_putin, "each article found once");
    assert_eq!(engine.index.num_docs(), 3, "re-indexed articles replaced, not added");

    let (again, _) = run(&engine);
    assert_eq!(again, summary);
    assert_eq!(snapshot(&engine), as_imported, "a second run changes nothing");
    assert_eq!(indexed_with(&engine, putin_id), with_putin);
    assert_eq!(engine.index.num_docs(), 3);
}

#[test]
fn enrich_replaces_what_an_older_model_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = imported(dir.path());
    let as_imported = snapshot(&engine);
    let ids = all_ids(&engine);
    let weather = engine.store.article(ids[2]).expect("read").expect("stored");
    assert!(weather.article.text().starts_with("Rain"), "articles in import order");

    // An older model tagged "Rain" in the weather report as an organisation, and the search
    // index learnt it.
    let wrong = canonical(EntityKind::Org, "ORG:rain", "Rain");
    let mention = newsgraph_model::ResolvedMention {
        span: newsgraph_model::Span::new(0, 4),
        kind: EntityKind::Org,
        entity: 0,
        role: None,
    };
    let old = ArticleEntities { entities: vec![wrong], mentions: vec![mention] };
    engine.store.replace_entities(&[(ids[2], old)]).expect("old model");
    drop(engine);
    let engine = Engine::open_with_new_index(&dir.path().join("data")).expect("open");
    engine.catch_up_index().expect("index");
    let rain = engine.store.article_mentions(ids[2]).expect("mentions")[0].entity.expect("resolved");
    assert_eq!(indexed_with(&engine, rain), [ids[2]]);

    run(&engine);
    assert_eq!(snapshot(&engine), as_imported);
    let kept = engine.store.entity(rain).expect("entity").expect("kept under its id");
    assert_eq!((kept.mentions, kept.articles), (0, 0));
    assert!(indexed_with(&engine, rain).is_empty(), "the index forgot it too");
}
