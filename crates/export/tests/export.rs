//! Exports of a small store, read back: every kind in every format, whole and filtered as a
//! search filters, and cut at a row cap.

use bytes::Bytes;
use chrono::{DateTime, Utc};
use newsgraph_export::{Filter, Format, Request, What, columns, export};
use newsgraph_index::{IndexedArticle, SearchIndex};
use newsgraph_model::{
    Amount, ArticleId, EntityId, EntityKind, GeoPoint, Quote, QuoteKind, Span, StoryId, TimeGranularity,
    TimeRef,
};
use newsgraph_store::conformance::{canonical, sample, tag};
use newsgraph_store::{Filing, InsertOutcome, SqliteStore, Store, StoryDigest};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const MINSK: &str = "Putin arrived in Minsk on Monday with 200 officials. \"We are allies,\" Peskov said.";
const MINSK_COPY: &str = "MINSK (Wire) - Putin arrived in Minsk on Monday with 200 officials.";
const QUAKE: &str = "A quake struck Antofagasta, cutting power to 3,000 homes.";

struct Fixture {
    store: SqliteStore,
    index: SearchIndex,
    ids: Vec<ArticleId>,
    _dir: tempfile::TempDir,
}

fn at(text: &str, form: &str) -> Span {
    let start = text.find(form).unwrap_or_else(|| panic!("{form:?} not in {text:?}"));
    Span::new(start, start + form.len())
}

fn fixture() -> Fixture {
    let mut minsk = sample("Putin in Minsk", MINSK, Some("2022-12-19T10:00:00+03:00"));
    minsk.article.paragraphs.truncate(1);
    minsk.article.url = Some("https://one.example/minsk".into());
    minsk.article.authors = vec!["Jane Doe".into(), "John Roe".into()];
    tag(&mut minsk, canonical(EntityKind::Per, "PER:vladimir putin", "Vladimir Putin"), &["Putin"]);
    tag(&mut minsk, canonical(EntityKind::Per, "PER:dmitry peskov", "Dmitry Peskov"), &["Peskov"]);
    let mut place = canonical(EntityKind::Loc, "geonames:625144", "Minsk");
    place.location = Some(GeoPoint { lat: 53.9, lon: 27.5667 });
    place.country = Some("BY".into());
    tag(&mut minsk, place.clone(), &["Minsk"]);
    let text = minsk.article.text();
    minsk.amounts = vec![Amount {
        span: at(&text, "200 officials"),
        value: 200.0,
        value_max: None,
        unit: None,
        counted: Some("officials".into()),
    }];
    let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 19);
    minsk.times = vec![TimeRef {
        span: at(&text, "on Monday"),
        start: day,
        end: day,
        granularity: Some(TimeGranularity::Day),
    }];
    minsk.quotes = vec![Quote {
        kind: QuoteKind::Direct,
        speaker: Some(at(&text, "Peskov")),
        referent: None,
        speaker_entity: None,
        cue: Some(at(&text, "said")),
        content: vec![at(&text, "We are allies,")],
    }];

    let mut copy = sample("Putin in Minsk (Wire)", MINSK_COPY, Some("2022-12-20T08:00:00Z"));
    copy.article.paragraphs.truncate(1);
    copy.article.authors.clear();
    tag(&mut copy, canonical(EntityKind::Per, "PER:vladimir putin", "Vladimir Putin"), &["Putin"]);
    tag(&mut copy, place, &["Minsk"]);

    let mut quake = sample("Quake in Chile", QUAKE, None);
    quake.article.paragraphs.truncate(1);
    tag(&mut quake, canonical(EntityKind::Loc, "geonames:3899539", "Antofagasta"), &["Antofagasta"]);
    let text = quake.article.text();
    quake.amounts = vec![Amount {
        span: at(&text, "3,000 homes"),
        value: 3000.0,
        value_max: Some(3500.0),
        unit: None,
        counted: Some("homes".into()),
    }];

    let store = SqliteStore::in_memory().expect("store");
    let ids: Vec<ArticleId> = store
        .insert_batch(&[minsk, copy, quake])
        .expect("insert")
        .into_iter()
        .map(|o| match o {
            InsertOutcome::Inserted(id) => id,
            other => panic!("not inserted: {other:?}"),
        })
        .collect();
    let story = |id: ArticleId| StoryId(id.0);
    store
        .save_filings(&[
            (ids[0], Filing { story: story(ids[0]), duplicate_of: None, rewrite_of: None }),
            (ids[1], Filing { story: story(ids[0]), duplicate_of: Some(ids[0]), rewrite_of: None }),
            (ids[2], Filing { story: story(ids[2]), duplicate_of: None, rewrite_of: None }),
        ])
        .expect("file");
    let time = |t: &str| DateTime::parse_from_rfc3339(t).expect("time").with_timezone(&Utc);
    for (id, headline, articles) in [(ids[0], "Putin visits Minsk", 2), (ids[2], "Quake in Chile", 1)] {
        store
            .replace_story(&StoryDigest {
                id: story(id),
                headline: headline.into(),
                headline_article: Some(id),
                summary: vec!["First sentence.".into(), "Second one.".into()],
                first_seen: time("2022-12-19T07:00:00Z"),
                last_seen: time("2022-12-20T08:00:00Z"),
                articles,
                outlets: 1,
            })
            .expect("story");
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("index");
    let mut indexed = Vec::new();
    for &id in &ids {
        let article = store.article(id).expect("read").expect("stored");
        let mut entities: Vec<EntityId> =
            store.article_mentions(id).expect("mentions").iter().filter_map(|m| m.entity).collect();
        entities.sort();
        entities.dedup();
        indexed.push(IndexedArticle { article, entities });
    }
    index.add(&indexed).expect("add");
    index.commit(ids[2]).expect("commit");
    Fixture { store, index, ids, _dir: dir }
}

fn request(what: What, format: Format, filter: Filter) -> Request {
    Request { what, format, filter, max_rows: None }
}

/// The CSV export's records as maps from column name to field.
fn csv_rows(f: &Fixture, what: What, filter: Filter) -> Vec<std::collections::HashMap<String, String>> {
    let mut out = Vec::new();
    let summary = export(&f.store, &f.index, &request(what, Format::Csv, filter), &mut out).expect("export");
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    let expected: Vec<&str> = columns(what).iter().map(|c| c.name).collect();
    assert_eq!(header, expected, "{what:?}: the documented columns, in order");
    let rows: Vec<_> = reader
        .records()
        .map(|r| header.iter().cloned().zip(r.expect("record").iter().map(str::to_owned)).collect())
        .collect();
    assert_eq!(summary.rows as usize, rows.len());
    rows
}

fn words(text: &str) -> Filter {
    Filter { text: Some(text.into()), ..Filter::default() }
}

#[test]
fn everything_is_exported_without_a_filter() {
    let f = fixture();
    let articles = csv_rows(&f, What::Articles, Filter::default());
    assert_eq!(articles.len(), 3);
    let first = &articles[0];
    assert_eq!(first["id"], f.ids[0].0.to_string());
    assert_eq!(first["title"], "Putin in Minsk");
    assert_eq!(first["url"], "https://one.example/minsk");
    assert_eq!(first["published"], "2022-12-19T10:00:00+03:00", "in its own offset");
    assert_eq!(first["authors"], "Jane Doe; John Roe");
    assert_eq!(first["text"], MINSK);
    assert_eq!((first["story_id"].as_str(), first["duplicate_of"].as_str()), (first["id"].as_str(), ""));
    assert_eq!(articles[1]["duplicate_of"], first["id"], "the copy");
    assert_eq!(
        (articles[1]["authors"].as_str(), articles[2]["published"].as_str()),
        ("", ""),
        "nulls are empty"
    );

    let entities = csv_rows(&f, What::Entities, Filter::default());
    let minsk = entities.iter().find(|e| e["name"] == "Minsk").expect("Minsk");
    assert_eq!((minsk["kind"].as_str(), minsk["country"].as_str()), ("LOC", "BY"));
    assert_eq!((minsk["lat"].as_str(), minsk["lon"].as_str()), ("53.9", "27.5667"));
    assert_eq!((minsk["mentions"].as_str(), minsk["articles"].as_str()), ("2", "2"));
    assert_eq!(entities.len(), 4);

    let quotes = csv_rows(&f, What::Quotes, Filter::default());
    assert_eq!(quotes.len(), 1);
    let peskov = entities.iter().find(|e| e["name"] == "Dmitry Peskov").expect("Peskov");
    assert_eq!(quotes[0]["speaker"], "Peskov");
    assert_eq!(quotes[0]["speaker_entity"], peskov["id"], "resolved to the person");
    assert_eq!((quotes[0]["cue"].as_str(), quotes[0]["content"].as_str()), ("said", "We are allies,"));
    assert_eq!(quotes[0]["kind"], "direct");

    let amounts = csv_rows(&f, What::Amounts, Filter::default());
    assert_eq!(amounts.len(), 2);
    assert_eq!(amounts[1]["text"], "3,000 homes");
    assert_eq!((amounts[1]["value"].as_str(), amounts[1]["value_max"].as_str()), ("3000", "3500"));
    let start: usize = amounts[0]["start"].parse().expect("offset");
    assert_eq!(MINSK.chars().skip(start).take(13).collect::<String>(), "200 officials");

    let times = csv_rows(&f, What::Times, Filter::default());
    assert_eq!(times.len(), 1);
    assert_eq!((times[0]["text"].as_str(), times[0]["start_date"].as_str()), ("on Monday", "2022-12-19"));
    assert_eq!(times[0]["granularity"], "day");

    let stories = csv_rows(&f, What::Stories, Filter::default());
    assert_eq!(stories.len(), 2);
    assert_eq!(stories[0]["headline"], "Putin visits Minsk");
    assert_eq!(stories[0]["summary"], "First sentence. Second one.");
    assert_eq!(
        (stories[0]["first_seen"].as_str(), stories[0]["articles"].as_str()),
        ("2022-12-19T07:00:00Z", "2")
    );
}

#[test]
fn a_search_selects_the_articles_and_the_rest_follows_them() {
    let f = fixture();
    let ids = |rows: &[std::collections::HashMap<String, String>], key: &str| -> Vec<String> {
        rows.iter().map(|r| r[key].clone()).collect()
    };
    let minsk = words("Minsk");
    let articles = csv_rows(&f, What::Articles, minsk.clone());
    assert_eq!(ids(&articles, "id"), [f.ids[0].0.to_string(), f.ids[1].0.to_string()]);
    let entities = csv_rows(&f, What::Entities, minsk.clone());
    let names = ids(&entities, "name");
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(!names.contains(&"Antofagasta".to_owned()));
    assert_eq!(csv_rows(&f, What::Amounts, minsk.clone()).len(), 1);
    assert_eq!(csv_rows(&f, What::Quotes, minsk.clone()).len(), 1);
    let stories = csv_rows(&f, What::Stories, minsk);
    assert_eq!(ids(&stories, "headline"), ["Putin visits Minsk"]);

    // Counted over the selection: the copy alone names Putin once.
    let copy_only = words("Wire");
    let entities = csv_rows(&f, What::Entities, copy_only);
    let putin = entities.iter().find(|e| e["name"] == "Vladimir Putin").expect("Putin");
    assert_eq!((putin["mentions"].as_str(), putin["articles"].as_str()), ("1", "1"));

    let quake_entity = {
        let all = csv_rows(&f, What::Entities, Filter::default());
        let id: i64 =
            all.iter().find(|e| e["name"] == "Antofagasta").expect("place")["id"].parse().expect("id");
        EntityId(id)
    };
    let by_entity = Filter { entity: Some(quake_entity), ..Filter::default() };
    assert_eq!(ids(&csv_rows(&f, What::Articles, by_entity.clone()), "title"), ["Quake in Chile"]);
    assert_eq!(ids(&csv_rows(&f, What::Stories, by_entity), "headline"), ["Quake in Chile"]);

    let window = Filter {
        since: Some(DateTime::parse_from_rfc3339("2022-12-20T00:00:00Z").expect("date").to_utc()),
        ..Filter::default()
    };
    assert_eq!(ids(&csv_rows(&f, What::Articles, window), "title"), ["Putin in Minsk (Wire)"]);
    assert!(csv_rows(&f, What::Articles, words("nothingmatchesthis")).is_empty());
    assert!(csv_rows(&f, What::Entities, words("nothingmatchesthis")).is_empty());
}

#[test]
fn every_kind_reads_back_as_jsonl_and_parquet_with_its_columns() {
    let f = fixture();
    for what in What::ALL {
        let mut jsonl = Vec::new();
        let summary =
            export(&f.store, &f.index, &request(what, Format::Jsonl, Filter::default()), &mut jsonl)
                .expect("export");
        let lines: Vec<serde_json::Value> = String::from_utf8(jsonl)
            .expect("utf-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("one object per line"))
            .collect();
        assert_eq!(lines.len() as u64, summary.rows);
        let names: Vec<&str> = columns(what).iter().map(|c| c.name).collect();
        for line in &lines {
            let keys: Vec<&str> = line.as_object().expect("object").keys().map(String::as_str).collect();
            let mut expected = names.clone();
            expected.sort();
            let mut keys = keys;
            keys.sort();
            assert_eq!(keys, expected, "{what:?}");
        }

        let mut parquet = Vec::new();
        export(&f.store, &f.index, &request(what, Format::Parquet, Filter::default()), &mut parquet)
            .expect("export");
        let reader = ParquetRecordBatchReaderBuilder::try_new(Bytes::from(parquet)).expect("parquet");
        let fields: Vec<&str> = reader.schema().fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(fields, names, "{what:?}");
        let rows: usize = reader.build().expect("reader").map(|b| b.expect("batch").num_rows()).sum();
        assert_eq!(rows as u64, summary.rows, "{what:?}");
    }
    let mut jsonl = Vec::new();
    export(&f.store, &f.index, &request(What::Articles, Format::Jsonl, words("quake")), &mut jsonl)
        .expect("export");
    let line: serde_json::Value = serde_json::from_slice(&jsonl).expect("one line");
    assert_eq!(line["published"], serde_json::Value::Null);
    assert_eq!(line["story_id"], f.ids[2].0);
    assert_eq!(line["imported_at"], "2023-11-14T22:13:20Z");
}

#[test]
fn a_row_cap_cuts_the_export_and_says_so() {
    let f = fixture();
    let capped = |max: u64| {
        let mut out = Vec::new();
        let mut req = request(What::Articles, Format::Csv, Filter::default());
        req.max_rows = Some(max);
        let summary = export(&f.store, &f.index, &req, &mut out).expect("export");
        (summary.rows, summary.truncated, String::from_utf8(out).expect("utf-8"))
    };
    let (rows, truncated, text) = capped(2);
    assert_eq!((rows, truncated), (2, true));
    assert!(!text.contains("Quake in Chile"));
    let (rows, truncated, _) = capped(3);
    assert_eq!((rows, truncated), (3, false), "exactly all: nothing was cut");
}
