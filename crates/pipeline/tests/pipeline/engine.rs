//! The data directory: the index follows the store, entities included, and an index from an
//! older version of newsgraph is rebuilt on open.

use newsgraph_index::SearchQuery;
use newsgraph_model::{ArticleId, EntityKind};
use newsgraph_pipeline::Engine;
use newsgraph_store::conformance::{canonical, sample, tag};
use newsgraph_store::{InsertOutcome, NewArticle};

fn articles() -> Vec<NewArticle> {
    let mut kyiv = sample("Kyiv talks", "Talks in Kyiv ended.", Some("2022-03-01T10:00:00Z"));
    tag(&mut kyiv, canonical(EntityKind::Loc, "geonames:703448", "Kyiv"), &["Kyiv"]);
    let mut kiev = sample("Kiev talks", "Officials in Kiev met.", Some("2022-03-02T10:00:00Z"));
    tag(&mut kiev, canonical(EntityKind::Loc, "geonames:703448", "Kyiv"), &["Kiev"]);
    let other = sample("Elsewhere", "Talks in Minsk.", Some("2022-03-03T10:00:00Z"));
    vec![kyiv, kiev, other]
}

/// Stores the articles, indexes them and returns their ids with the entity id of Kyiv.
fn fill(engine: &Engine) -> (Vec<ArticleId>, newsgraph_model::EntityId) {
    let ids: Vec<ArticleId> = engine
        .store
        .insert_batch(&articles())
        .expect("insert")
        .into_iter()
        .map(|o| match o {
            InsertOutcome::Inserted(id) => id,
            other => panic!("{other:?}"),
        })
        .collect();
    let mentions = engine.store.article_mentions(ids[0]).expect("mentions");
    (ids, mentions[0].entity.expect("resolved"))
}

fn articles_mentioning(engine: &Engine, entity: newsgraph_model::EntityId, text: &str) -> Vec<ArticleId> {
    let query = SearchQuery { text: text.into(), entity: Some(entity), limit: 10, ..SearchQuery::default() };
    engine.index.search(&query).expect("search").hits.iter().map(|h| h.id).collect()
}

#[test]
fn catching_up_indexes_the_entities_each_article_mentions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(dir.path()).expect("open");
    let (ids, kyiv) = fill(&engine);
    assert_eq!(engine.catch_up_index().expect("catch up"), 3);
    assert_eq!(articles_mentioning(&engine, kyiv, ""), [ids[1], ids[0]], "both spellings, newest first");
    assert_eq!(articles_mentioning(&engine, kyiv, "officials"), [ids[1]]);
}

#[test]
fn an_index_from_an_older_version_is_rebuilt_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ids, kyiv) = {
        let engine = Engine::open(dir.path()).expect("open");
        fill(&engine)
    };
    // What version 1 left behind: an index without the entity field, marked as complete.
    let index_dir = dir.path().join("index");
    std::fs::remove_dir_all(&index_dir).expect("remove");
    std::fs::create_dir(&index_dir).expect("create");
    let mut builder = tantivy::schema::Schema::builder();
    builder.add_u64_field("id", tantivy::schema::INDEXED | tantivy::schema::STORED);
    builder.add_text_field("body", tantivy::schema::TEXT | tantivy::schema::STORED);
    let old = tantivy::Index::create_in_dir(&index_dir, builder.build()).expect("old index");
    let mut writer: tantivy::IndexWriter = old.writer(15_000_000).expect("writer");
    let mut prepared = writer.prepare_commit().expect("prepare");
    prepared.set_payload(&format!(r#"{{"last_article_id":{}}}"#, ids[2].0));
    prepared.commit().expect("commit");
    drop(writer);

    let engine = Engine::open(dir.path()).expect("opens, rebuilding the index");
    assert_eq!(engine.index.num_docs(), 3);
    assert_eq!(engine.index.indexed_up_to().expect("mark"), ids[2]);
    assert_eq!(articles_mentioning(&engine, kyiv, ""), [ids[1], ids[0]]);
    assert_eq!(engine.catch_up_index().expect("catch up"), 0, "nothing left to do");
}
