//! `/api/v1/export` through the router: each format with its media type and file name, read
//! back (CSV with the csv crate, JSON Lines line by line, Parquet with the parquet crate's
//! reader); a search's filters select the articles; mistakes are 400s in the API's shape; over
//! a real socket the answer streams out chunked.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use bytes::Bytes;
use http_body_util::BodyExt;
use newsgraph_model::{Amount, EntityKind, Quote, QuoteKind, Span, StoryId};
use newsgraph_store::conformance::{canonical, sample, tag};
use newsgraph_store::{Filing, NewArticle, StoryDigest};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use tower::ServiceExt;

use crate::common::{App, get, get_over_socket, serve, stored};

const MINSK: &str = "Putin arrived in Minsk with 200 officials. \"We are allies,\" Peskov said.";
const QUAKE: &str = "A quake struck Antofagasta, cutting power to 3,000 homes.";

fn at(text: &str, form: &str) -> Span {
    let start = text.find(form).unwrap_or_else(|| panic!("{form:?} not in {text:?}"));
    Span::new(start, start + form.len())
}

fn article(title: &str, body: &str, published: &str) -> NewArticle {
    let mut new = sample(title, body, Some(published));
    new.article.paragraphs.truncate(1);
    for (kind, key, name) in [
        (EntityKind::Per, "PER:vladimir putin", "Putin"),
        (EntityKind::Per, "PER:dmitry peskov", "Peskov"),
        (EntityKind::Loc, "geonames:625144", "Minsk"),
        (EntityKind::Loc, "geonames:3899539", "Antofagasta"),
    ] {
        if body.contains(name) {
            tag(&mut new, canonical(kind, key, name), &[name]);
        }
    }
    let text = new.article.text();
    let (form, counted) =
        if body == MINSK { ("200 officials", "officials") } else { ("3,000 homes", "homes") };
    new.amounts = vec![Amount {
        span: at(&text, form),
        value: 1.0,
        value_max: None,
        unit: None,
        counted: Some(counted.into()),
    }];
    if body == MINSK {
        new.quotes = vec![Quote {
            kind: QuoteKind::Direct,
            speaker: Some(at(&text, "Peskov")),
            referent: None,
            speaker_entity: None,
            cue: Some(at(&text, "said")),
            content: vec![at(&text, "We are allies,")],
        }];
    }
    new
}

/// Two articles, each filed in its own story with a digest.
fn app() -> App {
    let (dir, engine, ids) = stored(&[
        article("Putin in \"Minsk\", again", MINSK, "2022-12-19T10:00:00Z"),
        article("Quake in Chile", QUAKE, "2022-12-21T10:00:00Z"),
    ]);
    for (id, headline) in [(ids[0], "Putin visits Minsk"), (ids[1], "Quake in Chile")] {
        let filing = Filing { story: StoryId(id.0), duplicate_of: None, rewrite_of: None };
        engine.store.save_filings(&[(id, filing)]).expect("file");
        let seen = chrono::DateTime::parse_from_rfc3339("2022-12-19T10:00:00Z").expect("time").to_utc();
        engine
            .store
            .replace_story(&StoryDigest {
                id: StoryId(id.0),
                headline: headline.into(),
                headline_article: Some(id),
                summary: vec!["It happened.".into()],
                first_seen: seen,
                last_seen: seen,
                articles: 1,
                outlets: 1,
            })
            .expect("story");
    }
    serve(dir, &engine, ids)
}

struct Download {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Download {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    fn csv(&self) -> Vec<csv::StringRecord> {
        let mut reader = csv::Reader::from_reader(self.body.as_ref());
        let mut rows = vec![reader.headers().expect("header").clone()];
        rows.extend(reader.records().map(|r| r.expect("record")));
        rows
    }
}

async fn download(app: &App, uri: &str) -> Download {
    let request = Request::builder().uri(uri).body(Body::empty()).expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    Download { status, headers, body }
}

#[tokio::test]
async fn articles_as_csv_are_a_quoted_attachment() {
    let app = app();
    let got = download(&app, "/api/v1/export?what=articles&format=csv").await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.header(header::CONTENT_TYPE), "text/csv; charset=utf-8");
    assert_eq!(got.header(header::CONTENT_DISPOSITION), "attachment; filename=\"newsgraph-articles.csv\"");
    assert_eq!(got.headers.get("x-export-max-rows").and_then(|v| v.to_str().ok()), Some("100000"));
    let rows = got.csv();
    assert_eq!(rows[0].iter().take(4).collect::<Vec<_>>(), ["id", "url", "title", "published"]);
    assert_eq!(rows.len(), 3, "a header and two articles");
    assert_eq!(&rows[1][2], "Putin in \"Minsk\", again", "quotes and commas survive");
    assert_eq!(&rows[1][11], MINSK);
    assert_eq!(&rows[1][7], &app.ids[0].0.to_string(), "its story");

    // Without a format: CSV.
    let plain = download(&app, "/api/v1/export?what=stories").await;
    assert_eq!(plain.header(header::CONTENT_TYPE), "text/csv; charset=utf-8");
    assert_eq!(plain.csv().len(), 3);
}

#[tokio::test]
async fn a_search_selects_what_is_exported() {
    let app = app();
    let got = download(&app, "/api/v1/export?what=entities&format=jsonl&q=Minsk").await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.header(header::CONTENT_TYPE), "application/x-ndjson");
    assert_eq!(got.header(header::CONTENT_DISPOSITION), "attachment; filename=\"newsgraph-entities.jsonl\"");
    let lines: Vec<serde_json::Value> = std::str::from_utf8(&got.body)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one object per line"))
        .collect();
    let mut names: Vec<&str> = lines.iter().map(|l| l["name"].as_str().expect("name")).collect();
    names.sort();
    assert_eq!(names, ["Minsk", "Peskov", "Putin"], "only the entities of the articles found");
    assert_eq!(lines[0]["articles"], 1);

    let csv = |uri: &str| {
        let app = &app;
        let uri = uri.to_owned();
        async move { download(app, &uri).await.csv() }
    };
    assert_eq!(csv("/api/v1/export?what=amounts&q=quake").await.len(), 2);
    assert_eq!(csv("/api/v1/export?what=stories&since=2022-12-20").await[1][1].to_owned(), "Quake in Chile");
    assert_eq!(csv("/api/v1/export?what=quotes&until=2022-12-19").await.len(), 2);
    assert_eq!(csv("/api/v1/export?what=quotes&q=quake").await.len(), 1, "a header, no quotes");
}

#[tokio::test]
async fn quotes_as_parquet_read_back_with_their_schema() {
    let app = app();
    let got = download(&app, "/api/v1/export?what=quotes&format=parquet").await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.header(header::CONTENT_TYPE), "application/vnd.apache.parquet");
    assert_eq!(got.header(header::CONTENT_DISPOSITION), "attachment; filename=\"newsgraph-quotes.parquet\"");
    let reader = ParquetRecordBatchReaderBuilder::try_new(got.body).expect("parquet");
    let fields: Vec<(String, String)> =
        reader.schema().fields().iter().map(|f| (f.name().clone(), f.data_type().to_string())).collect();
    let expected = [
        ("article_id", "Int64"),
        ("kind", "Utf8"),
        ("speaker", "Utf8"),
        ("speaker_entity", "Int64"),
        ("cue", "Utf8"),
        ("content", "Utf8"),
    ]
    .map(|(n, t)| (n.to_owned(), t.to_owned()));
    assert_eq!(fields, expected);
    let batches: Vec<_> = reader.build().expect("reader").map(|b| b.expect("batch")).collect();
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 1);
    let content = batches[0].column(5).as_any().downcast_ref::<arrow_array::StringArray>();
    assert_eq!(content.map(|c| c.value(0)), Some("We are allies,"));
}

#[tokio::test]
async fn bad_parameters_are_400s_and_an_unknown_entity_a_404() {
    let app = app();
    for uri in [
        "/api/v1/export",
        "/api/v1/export?format=csv",
        "/api/v1/export?what=people",
        "/api/v1/export?what=articles&format=xlsx",
        "/api/v1/export?what=articles&since=yesterday",
        "/api/v1/export?what=articles&since=2022-12-21&until=2022-12-19",
        "/api/v1/export?what=articles&entity=putin",
        "/api/v1/export?what=articles&entity=0",
    ] {
        get(&app, uri).await.assert_api_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    get(&app, "/api/v1/export?what=articles&entity=99999")
        .await
        .assert_api_error(StatusCode::NOT_FOUND, "not_found");
    let any_case = download(&app, "/api/v1/export?what=ARTICLES&format=JSONL").await;
    assert_eq!(any_case.status, StatusCode::OK, "names in any case");
}

#[tokio::test]
async fn over_a_socket_the_export_streams_out_chunked() {
    let app = app();
    let raw = get_over_socket(&app, "/api/v1/export?what=articles&format=jsonl").await;
    let (head, body) = raw.split_once("\r\n\r\n").expect("head and body");
    let head = head.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("transfer-encoding: chunked"), "streamed, its length unknown: {head}");
    assert!(head.contains("content-type: application/x-ndjson"), "{head}");
    assert!(body.contains("Quake in Chile") && body.contains("Putin in \\\"Minsk\\\", again"), "{body}");
}
