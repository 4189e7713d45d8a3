use chrono::{DateTime, Utc};
use newsgraph_index::{IndexError, IndexedArticle, SearchIndex, SearchQuery};
use newsgraph_model::{Article, ArticleId, ContentHash, EntityId, Source, SourceKind, StoredArticle};

fn stored(id: i64, title: &str, body: &str, published: &str) -> StoredArticle {
    StoredArticle {
        id: ArticleId(id),
        article: Article {
            title: title.into(),
            paragraphs: vec![body.into()],
            published: Some(DateTime::parse_from_rfc3339(published).expect("date")),
            ..Article::default()
        },
        content_hash: ContentHash(format!("h{id}")),
        source: Source { kind: SourceKind::File, location: "t".into() },
        fetched_at: None,
        imported_at: Utc::now(),
    }
}

fn corpus() -> Vec<IndexedArticle> {
    [
        stored(
            1,
            "Putin visits Minsk",
            "Peskov said Belarus was Russia's number one ally.",
            "2022-12-19T12:00:00Z",
        ),
        stored(2, "Ally talks", "One ally said the number was wrong, not one.", "2022-12-20T12:00:00Z"),
        stored(
            3,
            "Lukashenko speaks",
            "Lukashenko said Belarus will not join the war.",
            "2021-05-01T12:00:00Z",
        ),
    ]
    .map(IndexedArticle::from)
    .to_vec()
}

fn query(text: &str) -> SearchQuery {
    SearchQuery { text: text.into(), limit: 10, ..SearchQuery::default() }
}

fn ids(index: &SearchIndex, q: &SearchQuery) -> Vec<i64> {
    index.search(q).expect("search").hits.iter().map(|h| h.id.0).collect()
}

#[test]
fn finds_words_phrases_and_filters_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("open");
    index.add(&corpus()).expect("add");
    index.commit(ArticleId(3)).expect("commit");

    assert_eq!(ids(&index, &query("Lukashenko")), vec![3]);
    let mut both = ids(&index, &query("number one ally"));
    both.sort();
    assert_eq!(both, vec![1, 2], "all words, any order");
    assert_eq!(ids(&index, &query("\"number one ally\"")), vec![1], "phrase");

    let mut since = query("Belarus");
    since.since = Some(DateTime::parse_from_rfc3339("2022-01-01T00:00:00Z").expect("d").to_utc());
    assert_eq!(ids(&index, &since), vec![1]);

    let hit = &index.search(&query("Lukashenko")).expect("search").hits[0];
    assert!(hit.snippet_html.contains("<b>Lukashenko</b>"), "{}", hit.snippet_html);
    assert_eq!(hit.title, "Lukashenko speaks");
}

#[test]
fn re_adding_replaces_and_the_watermark_survives_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let index = SearchIndex::open(dir.path()).expect("open");
        assert_eq!(index.indexed_up_to().expect("mark"), ArticleId(0));
        index.add(&corpus()).expect("add");
        index.commit(ArticleId(3)).expect("commit");
        index.add(&corpus()).expect("add again");
        index.commit(ArticleId(3)).expect("commit");
        assert_eq!(index.num_docs(), 3, "no duplicates");
    }
    let index = SearchIndex::open(dir.path()).expect("reopen");
    assert_eq!(index.indexed_up_to().expect("mark"), ArticleId(3));
    assert_eq!(index.num_docs(), 3);
}

#[test]
fn snippets_escape_html_and_bad_queries_do_not_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("open");
    index
        .add(&[stored(
            9,
            "Tags",
            "The <script>alert(1)</script> tag was in the text.",
            "2020-01-01T00:00:00Z",
        )
        .into()])
        .expect("add");
    index.commit(ArticleId(9)).expect("commit");
    let hit = &index.search(&query("script")).expect("search").hits[0];
    assert!(!hit.snippet_html.contains("<script>"), "{}", hit.snippet_html);
    assert!(index.search(&query("\"unterminated OR ((")).is_ok());
    assert!(index.search(&query("   ")).is_err());
}

fn with_entities(article: StoredArticle, entities: &[i64]) -> IndexedArticle {
    IndexedArticle { article, entities: entities.iter().map(|&e| EntityId(e)).collect() }
}

fn entity_query(text: &str, entity: i64) -> SearchQuery {
    SearchQuery { entity: Some(EntityId(entity)), ..query(text) }
}

#[test]
fn entity_filters_and_lists_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("open");
    let mut undated = stored(4, "Undated", "Kyiv <i>quietly</i> waited.", "2000-01-01T00:00:00Z");
    undated.article.published = None;
    undated.imported_at = DateTime::parse_from_rfc3339("2022-01-01T00:00:00Z").expect("date").to_utc();
    index
        .add(&[
            with_entities(stored(1, "Kyiv talks", "Talks in Kyiv on gas.", "2022-03-01T00:00:00Z"), &[7, 8]),
            with_entities(stored(2, "Kiev gas", "Gas in Kiev.", "2021-03-01T00:00:00Z"), &[7]),
            with_entities(stored(3, "Gas elsewhere", "Gas in Minsk.", "2023-03-01T00:00:00Z"), &[8]),
            with_entities(undated, &[7]),
        ])
        .expect("add");
    index.commit(ArticleId(4)).expect("commit");

    assert_eq!(ids(&index, &entity_query("", 7)), vec![1, 4, 2], "newest first, undated by import time");
    let mut both = ids(&index, &entity_query("gas", 7));
    both.sort();
    assert_eq!(both, vec![1, 2], "text AND entity");
    assert_eq!(ids(&index, &entity_query("minsk", 7)), Vec::<i64>::new());
    assert_eq!(ids(&index, &entity_query("", 99)), Vec::<i64>::new(), "unknown entity");
    assert_eq!(ids(&index, &entity_query("7", 8)), Vec::<i64>::new(), "entity ids are not words of the text");
    let mut since = entity_query("", 7);
    since.since = Some(DateTime::parse_from_rfc3339("2022-01-01T00:00:00Z").expect("d").to_utc());
    assert_eq!(ids(&index, &since), vec![1], "dates still apply (undated articles have none)");

    let listed = index.search(&SearchQuery { offset: 1, limit: 1, ..entity_query("", 7) }).expect("page");
    assert_eq!(listed.total, 3);
    assert_eq!(listed.hits.len(), 1);
    assert_eq!(listed.hits[0].id, ArticleId(4));
    assert_eq!(listed.hits[0].score, 0.0);
    assert_eq!(listed.hits[0].snippet_html, "Kyiv &lt;i&gt;quietly&lt;/i&gt; waited.", "the body's opening");

    index
        .add(&[with_entities(stored(2, "Kiev gas", "Gas in Kiev.", "2021-03-01T00:00:00Z"), &[])])
        .expect("add");
    index.commit(ArticleId(4)).expect("commit");
    assert_eq!(ids(&index, &entity_query("", 7)), vec![1, 4], "re-adding replaces the entities too");
}

#[test]
fn an_index_from_an_older_layout_does_not_open() {
    use tantivy::schema::{INDEXED, STORED, Schema, TEXT};
    // Version 1: the same payload without a version, the fields without `entity`.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut builder = Schema::builder();
    builder.add_u64_field("id", INDEXED | STORED);
    builder.add_text_field("title", TEXT | STORED);
    let old = tantivy::Index::create_in_dir(dir.path(), builder.build()).expect("old index");
    let mut writer: tantivy::IndexWriter = old.writer(15_000_000).expect("writer");
    let mut prepared = writer.prepare_commit().expect("prepare");
    prepared.set_payload(r#"{"last_article_id":3}"#);
    prepared.commit().expect("commit");
    drop(writer);
    assert!(matches!(SearchIndex::open(dir.path()), Err(IndexError::SchemaChanged(..))));
    let fresh = SearchIndex::recreate(dir.path()).expect("recreate");
    assert_eq!(fresh.indexed_up_to().expect("mark"), ArticleId(0));
}

#[test]
fn an_index_with_the_same_fields_but_an_older_version_does_not_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(SearchIndex::open(dir.path()).expect("create"));
    let index = tantivy::Index::open_in_dir(dir.path()).expect("raw open");
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
    let mut prepared = writer.prepare_commit().expect("prepare");
    prepared.set_payload(r#"{"last_article_id":3}"#);
    prepared.commit().expect("commit");
    drop(writer);
    match SearchIndex::open(dir.path()) {
        Err(IndexError::SchemaChanged(_, message)) => assert!(message.contains("version 1"), "{message}"),
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("opened an index built for another layout"),
    }
}

#[test]
fn several_entities_and_or_words_narrow_and_widen_and_ids_come_best_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("open");
    index
        .add(&[
            with_entities(stored(1, "Kyiv talks", "Talks in Kyiv on gas.", "2022-03-01T00:00:00Z"), &[7, 8]),
            with_entities(stored(2, "Kiev gas", "Gas in Kiev.", "2021-03-01T00:00:00Z"), &[7]),
            with_entities(stored(3, "Match report", "The cup final in Minsk.", "2023-03-01T00:00:00Z"), &[8]),
        ])
        .expect("add");
    index.commit(ArticleId(3)).expect("commit");

    let both =
        SearchQuery { all_entities: vec![EntityId(7), EntityId(8)], limit: 10, ..SearchQuery::default() };
    assert_eq!(ids(&index, &both), vec![1], "every entity named");
    assert_eq!(index.matching_ids(&both, 10).expect("ids"), vec![ArticleId(1)]);
    let either = query("cup OR talks");
    let mut found = ids(&index, &either);
    found.sort();
    assert_eq!(found, vec![1, 3], "OR widens");
    let newest = SearchQuery { entity: Some(EntityId(7)), ..SearchQuery::default() };
    assert_eq!(
        index.matching_ids(&newest, 10).expect("ids"),
        vec![ArticleId(1), ArticleId(2)],
        "newest first"
    );
    assert_eq!(index.matching_ids(&newest, 1).expect("ids"), vec![ArticleId(1)]);
    let ranked = index.matching_ids(&query("gas"), 10).expect("ids");
    assert_eq!(ranked.len(), 2);
    assert_eq!(ranked[0], ArticleId(2), "the title's word counts double");
    assert!(matches!(index.matching_ids(&query(""), 10), Err(IndexError::BadQuery(_))));
}

#[test]
fn all_matching_ids_are_every_match_in_id_order_and_refused_past_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("open");
    let mut articles = corpus();
    articles.push(with_entities(stored(4, "Undated ally", "An ally.", "2020-01-01T00:00:00Z"), &[7]));
    articles[3].article.article.published = None;
    index.add(&articles).expect("add");
    index.commit(ArticleId(4)).expect("commit");
    // Re-added: the replaced document is not counted twice.
    index.add(&corpus()[..1]).expect("add");
    index.commit(ArticleId(4)).expect("commit");

    let all = |q: &SearchQuery| index.all_matching_ids(q, 10).expect("ids");
    let every = all(&SearchQuery::default());
    assert_eq!(every, [1, 2, 3, 4].map(ArticleId).to_vec(), "no filter: every article");
    assert_eq!(all(&query("ally")), [1, 2, 4].map(ArticleId).to_vec(), "id order, not rank");
    let window = SearchQuery {
        since: Some(DateTime::parse_from_rfc3339("2022-01-01T00:00:00Z").expect("date").to_utc()),
        ..SearchQuery::default()
    };
    assert_eq!(all(&window), [1, 2].map(ArticleId).to_vec(), "a window alone; undated articles left out");
    let entity = SearchQuery { entity: Some(EntityId(7)), ..SearchQuery::default() };
    assert_eq!(all(&entity), vec![ArticleId(4)]);
    assert_eq!(index.all_matching_ids(&query("ally"), 3).expect("ids").len(), 3, "exactly the cap");
    assert!(matches!(index.all_matching_ids(&query("ally"), 2), Err(IndexError::BadQuery(_))));
    assert!(all(&query("nothingmatches")).is_empty());
}

#[test]
fn matching_among_tells_which_of_some_articles_a_query_matches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("open");
    let mut articles = corpus();
    articles.push(with_entities(stored(4, "Undated ally", "An ally.", "2020-01-01T00:00:00Z"), &[7]));
    index.add(&articles).expect("add");
    index.commit(ArticleId(4)).expect("commit");

    let among = |q: &SearchQuery, ids: &[i64]| {
        let ids: Vec<ArticleId> = ids.iter().copied().map(ArticleId).collect();
        index.matching_among(q, &ids).expect("among")
    };
    assert_eq!(among(&query("ally"), &[4, 3, 2]), [2, 4].map(ArticleId).to_vec(), "in id order");
    assert_eq!(among(&query("ally OR lukashenko"), &[3, 9]), vec![ArticleId(3)], "an id not indexed");
    let entity = SearchQuery { all_entities: vec![EntityId(7)], ..query("ally") };
    assert_eq!(among(&entity, &[1, 2, 4]), vec![ArticleId(4)], "words and entities");
    assert!(among(&query("ally"), &[]).is_empty());
    assert!(matches!(
        index.matching_among(&SearchQuery::default(), &[ArticleId(1)]),
        Err(IndexError::BadQuery(_))
    ));
}
