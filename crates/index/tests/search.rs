use chrono::{DateTime, Utc};
use newsgraph_index::{SearchIndex, SearchQuery};
use newsgraph_model::{Article, ArticleId, ContentHash, Source, SourceKind, StoredArticle};

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

fn corpus() -> Vec<StoredArticle> {
    vec![
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
        )])
        .expect("add");
    index.commit(ArticleId(9)).expect("commit");
    let hit = &index.search(&query("script")).expect("search").hits[0];
    assert!(!hit.snippet_html.contains("<script>"), "{}", hit.snippet_html);
    assert!(index.search(&query("\"unterminated OR ((")).is_ok());
    assert!(index.search(&query("   ")).is_err());
}
