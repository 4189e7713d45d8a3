//! Quotes through the router: listed by the article API with character offsets, the speaker
//! resolved to the person mention it overlaps.

mod common;

use common::{App, body_chars, get, serve, stored};
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
            speaker_entity: None,
            cue: Some(at(&text, "told")),
            content: vec![at(&text, "We are ready,"), at(&text, "for talks.")],
        },
        Quote {
            kind: QuoteKind::Indirect,
            speaker: None,
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
