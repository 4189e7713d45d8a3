//! Quotes through the router: listed by the article API with character offsets, the speaker
//! resolved to the person mention it overlaps.

use crate::common::{App, body_chars, get, serve, stored};
use axum::http::StatusCode;
use newsgraph_model::{EntityKind, Quote, QuoteKind, Span};
use newsgraph_store::conformance::{canonical, sample, tag};
use serde_json::json;

fn at(text: &str, form: &str) -> Span {
    let start = text.find(form).unwrap_or_else(|| panic!("{form:?} not in {text:?}"));
    Span::new(start, start + form.len())
}

/// One article, Cyrillic first (char and byte offsets differ): a direct quote in two pieces by
/// a tagged person, and an indirect one without speaker or cue.
fn app() -> App {
    let mut new = sample(
        "Київ",
        "Київ: \u{201c}We are ready,\u{201d} Dmitry Peskov told reporters, \u{201c}for talks.\u{201d} Prices rose.",
        None,
    );
    tag(&mut new, canonical(EntityKind::Per, "wikidata:Q2624", "Dmitry Peskov"), &["Dmitry Peskov"]);
    let text = new.article.text();
    new.quotes = vec![
        Quote {
            kind: QuoteKind::Direct,
            speaker: Some(at(&text, "Dmitry Peskov")),
            referent: None,
            speaker_entity: None,
            cue: Some(at(&text, "told")),
            content: vec![at(&text, "We are ready,"), at(&text, "for talks.")],
        },
        Quote {
            kind: QuoteKind::Indirect,
            speaker: None,
            referent: None,
            speaker_entity: None,
            cue: None,
            content: vec![at(&text, "Prices rose")],
        },
    ];
    let (dir, engine, ids) = stored(&[new]);
    serve(dir, &engine, ids)
}

#[tokio::test]
async fn api_article_lists_quotes_in_characters() {
    let app = app();
    let json = get(&app, &format!("/api/v1/articles/{}", app.ids[0])).await.json();
    let quotes = json["quotes"].as_array().expect("quotes");
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    let peskov = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|m| m["text"] == "Dmitry Peskov")
        .map(|m| m["id"].clone())
        .unwrap_or_else(|| panic!("no Peskov mention in {}", json["entities"]));
    assert!(peskov.is_u64(), "{peskov}");
    assert_eq!(
        quotes[0],
        json!({"kind": "direct", "speaker": {"text": "Dmitry Peskov", "start": 22, "end": 35},
            "speaker_entity": peskov, "cue": {"text": "told", "start": 36, "end": 40},
            "content": [{"text": "We are ready,", "start": 7, "end": 20},
                {"text": "for talks.", "start": 53, "end": 63}]})
    );
    assert_eq!(
        quotes[1],
        json!({"kind": "indirect", "speaker": null, "speaker_entity": null, "cue": null,
            "content": [{"text": "Prices rose", "start": 65, "end": 76}]})
    );
    // Every offset slices the text the API gives, counted in characters.
    let text = body_chars(&json);
    for q in quotes {
        let pieces = q["content"].as_array().expect("content").iter().chain([&q["speaker"], &q["cue"]]);
        for piece in pieces.filter(|p| !p.is_null()) {
            let (start, end) = (
                piece["start"].as_u64().expect("start") as usize,
                piece["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(text[start..end].iter().collect::<String>(), piece["text"].as_str().expect("text"));
        }
    }
}

#[tokio::test]
async fn article_page_lists_who_said_what() {
    let app = app();
    let page = get(&app, &format!("/articles/{}", app.ids[0])).await;
    page.assert_html(axum::http::StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("Who said what"), "{body}");
    assert!(body.contains(r#"class="speaker" href="/entities/"#), "the speaker links to the person: {body}");
    assert!(body.contains(">Dmitry Peskov</a> <span class=\"cue\">told</span>"), "{body}");
    assert!(body.contains("We are ready, … for talks."), "content pieces joined: {body}");
    assert!(body.contains("(unnamed)") && body.contains(r#"data-kind="indirect""#), "{body}");
}

/// Peskov's entity id, as the article API gives it.
async fn peskov_id(app: &App) -> u64 {
    let json = get(app, &format!("/api/v1/articles/{}", app.ids[0])).await.json();
    json["quotes"][0]["speaker_entity"].as_u64().expect("Peskov resolved")
}

#[tokio::test]
async fn api_quotes_finds_by_speaker_name_or_id_and_by_words() {
    let app = app();
    let peskov = peskov_id(&app).await;
    let json = get(&app, "/api/v1/quotes?speaker=peskov").await.json();
    assert_eq!(
        (json["total"].as_u64(), json["offset"].as_u64(), json["limit"].as_u64()),
        (Some(1), Some(0), Some(20))
    );
    let id = app.ids[0].0;
    assert_eq!(
        json["quotes"][0],
        json!({"article": {"id": id, "title": "Київ", "published": null, "url": null, "link": format!("/articles/{id}")},
            "kind": "direct", "speaker": {"text": "Dmitry Peskov", "start": 22, "end": 35},
            "speaker_entity": peskov, "cue": {"text": "told", "start": 36, "end": 40},
            "content": [{"text": "We are ready,", "start": 7, "end": 20}, {"text": "for talks.", "start": 53, "end": 63}],
            "text": "We are ready, … for talks."})
    );
    assert!(json.get("speaker").is_none(), "a name is not an entity");

    let by_id = get(&app, &format!("/api/v1/quotes?speaker={peskov}")).await.json();
    assert_eq!(by_id["total"], 1);
    assert_eq!(by_id["speaker"]["name"], "Dmitry Peskov");
    assert_eq!(by_id["quotes"], json["quotes"]);

    let all = get(&app, "/api/v1/quotes").await.json();
    assert_eq!(all["total"], 2);
    let words = get(&app, "/api/v1/quotes?q=PRICES").await.json();
    assert_eq!(words["total"], 1);
    assert_eq!(words["quotes"][0]["speaker"], serde_json::Value::Null);
    assert_eq!(words["quotes"][0]["kind"], "indirect");
    assert_eq!(get(&app, "/api/v1/quotes?speaker=Peskov&q=talks%20ready").await.json()["total"], 1);
    assert_eq!(get(&app, "/api/v1/quotes?speaker=Peskov&q=prices").await.json()["total"], 0);
    let paged = get(&app, "/api/v1/quotes?limit=1&offset=1").await.json();
    assert_eq!((paged["total"].as_u64(), paged["quotes"].as_array().map(Vec::len)), (Some(2), Some(1)));

    get(&app, "/api/v1/quotes?speaker=999999").await.assert_api_error(StatusCode::NOT_FOUND, "not_found");
    get(&app, "/api/v1/quotes?limit=many").await.assert_api_error(StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn quotes_page_and_entity_page_list_what_was_said() {
    let app = app();
    let page = get(&app, "/quotes?speaker=Peskov&q=ready").await;
    page.assert_html(StatusCode::OK);
    let body = &page.body;
    assert!(body.contains(r#"<a href="/quotes">Quotes</a>"#), "linked from the nav: {body}");
    assert!(
        body.contains(r#"name="speaker" value="Peskov""#) && body.contains(r#"name="q" value="ready""#),
        "{body}"
    );
    assert!(body.contains("1 quote"), "{body}");
    assert!(body.contains("We are ready, … for talks."), "{body}");
    assert!(body.contains(&format!(r#"href="/articles/{}""#, app.ids[0])), "linked to its article: {body}");
    assert!(!body.contains("Prices rose"), "{body}");
    let none = get(&app, "/quotes?q=nothing%20like%20this").await;
    none.assert_html(StatusCode::OK);
    assert!(none.body.contains("None found."), "{}", none.body);
    get(&app, "/quotes?page=0").await.assert_html(StatusCode::BAD_REQUEST);

    let peskov = peskov_id(&app).await;
    let entity = get(&app, &format!("/entities/{peskov}")).await;
    entity.assert_html(StatusCode::OK);
    assert!(entity.body.contains("What they said"), "{}", entity.body);
    assert!(entity.body.contains("We are ready, … for talks."), "{}", entity.body);
}

/// The quote search over a real socket on 127.0.0.1, as a browser without JavaScript uses it.
#[tokio::test]
async fn quote_search_is_served_over_http() {
    let app = app();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let router = app.router.clone();
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    // A plain HTTP/1.1 client on a blocking thread, so the server keeps the runtime's.
    let fetch = |path: &str| {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        async move {
            tokio::task::spawn_blocking(move || {
                use std::io::{Read, Write};
                let mut stream = std::net::TcpStream::connect(addr).expect("connect");
                stream.write_all(request.as_bytes()).expect("send");
                let mut reply = String::new();
                stream.read_to_string(&mut reply).expect("read");
                reply
            })
            .await
            .expect("client thread")
        }
    };
    let page = fetch("/quotes?speaker=Dmitry+Peskov").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("We are ready, … for talks."), "{page}");
    let api = fetch("/api/v1/quotes?q=prices").await;
    assert!(api.starts_with("HTTP/1.1 200") && api.contains(r#""total":1"#), "{api}");
    server.abort();
}
