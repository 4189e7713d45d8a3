//! Amounts and time expressions through the router: listed by the article API with character
//! offsets, and marked in the article page's body beside the entity mentions.

use crate::common::{App, body_chars, get, serve, stored};
use newsgraph_model::{Amount, EntityKind, Span, TimeGranularity, TimeRef};
use newsgraph_store::conformance::{canonical, sample, tag};
use serde_json::json;

fn at(text: &str, form: &str) -> Span {
    let start = text.find(form).unwrap_or_else(|| panic!("{form:?} not in {text:?}"));
    Span::new(start, start + form.len())
}

/// One article: Cyrillic first (char and byte offsets differ), an amount that overlaps an
/// entity mention, a resolved and an unresolved time expression, and an amount whose
/// `counted` would break out of an attribute if it were not escaped.
fn app() -> App {
    let mut new = sample(
        "Військо",
        "Київ: Belarus sent 200,000 new troops on Monday and 3 \"<fighter>\" planes in December 2022.",
        Some("2022-12-21T10:00:00+02:00"),
    );
    tag(&mut new, canonical(EntityKind::Loc, "geonames:630336", "Belarus"), &["Belarus"]);
    let text = new.article.text();
    new.amounts = vec![
        Amount {
            span: at(&text, "200,000 new troops"),
            value: 200_000.0,
            value_max: None,
            unit: None,
            counted: Some("new troops".into()),
        },
        // The same words as the "Belarus" mention: the page links the mention and skips this.
        Amount { span: at(&text, "Belarus"), value: 1.0, value_max: None, unit: None, counted: None },
        Amount {
            span: at(&text, "3 \"<fighter>\" planes"),
            value: 3.0,
            value_max: Some(5.0),
            unit: Some("%".into()),
            counted: Some("\"<fighter>\" planes".into()),
        },
    ];
    let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 19);
    let (december, end) =
        (chrono::NaiveDate::from_ymd_opt(2022, 12, 1), chrono::NaiveDate::from_ymd_opt(2022, 12, 31));
    new.times = vec![
        TimeRef {
            span: at(&text, "on Monday"),
            start: day,
            end: day,
            granularity: Some(TimeGranularity::Day),
        },
        TimeRef {
            span: at(&text, "December 2022"),
            start: december,
            end,
            granularity: Some(TimeGranularity::Month),
        },
        TimeRef { span: at(&text, "Second paragraph"), start: None, end: None, granularity: None },
    ];
    let (dir, engine, ids) = stored(&[new]);
    serve(dir, &engine, ids)
}

#[tokio::test]
async fn api_article_lists_amounts_and_times_in_characters() {
    let app = app();
    let json = get(&app, &format!("/api/v1/articles/{}", app.ids[0])).await.json();
    let amounts = json["amounts"].as_array().expect("amounts");
    assert_eq!(amounts.len(), 3, "the API lists every stored amount: {amounts:?}");
    assert_eq!(
        amounts[0],
        json!({"text": "Belarus", "start": 6, "end": 13, "value": 1.0, "value_max": null,
            "unit": null, "counted": null})
    );
    assert_eq!(
        amounts[1],
        json!({"text": "200,000 new troops", "start": 19, "end": 37, "value": 200000.0, "value_max": null,
            "unit": null, "counted": "new troops"})
    );
    assert_eq!((&amounts[2]["value_max"], &amounts[2]["unit"]), (&json!(5.0), &json!("%")));
    let times = json["times"].as_array().expect("times");
    assert_eq!(
        times[0],
        json!({"text": "on Monday", "start": 38, "end": 47, "start_date": "2022-12-19",
            "end_date": "2022-12-19", "granularity": "day"})
    );
    assert_eq!(times[1]["granularity"], "month");
    assert_eq!(
        (&times[2]["start_date"], &times[2]["end_date"], &times[2]["granularity"]),
        (&json!(null), &json!(null), &json!(null))
    );
    // Every offset slices the text the API gives, counted in characters.
    let text = body_chars(&json);
    for item in amounts.iter().chain(times) {
        let (start, end) =
            (item["start"].as_u64().expect("start") as usize, item["end"].as_u64().expect("end") as usize);
        assert_eq!(
            text[start..end].iter().collect::<String>(),
            item["text"].as_str().expect("text"),
            "{item}"
        );
    }
}

#[tokio::test]
async fn article_page_marks_amounts_and_times_beside_the_mentions() {
    let app = app();
    let page = get(&app, &format!("/articles/{}", app.ids[0])).await;
    page.assert_html(axum::http::StatusCode::OK);
    let body = &page.body;
    assert!(body.contains(r#"href="/entities/"#), "the mention is still linked");
    assert!(body.contains(">Belarus</a> sent"), "the overlapping amount is skipped: {body}");
    assert!(
        body.contains(r#"<span class="amount" title="200000 new troops">200,000 new troops</span>"#),
        "{body}"
    );
    assert!(
        body.contains(r#"<time class="timeref" datetime="2022-12-19" title="2022-12-19">on Monday</time>"#),
        "{body}"
    );
    assert!(body.contains(r#"datetime="2022-12""#), "a month: {body}");
    assert!(
        body.contains(r#"<span class="timeref" title="date not resolved">Second paragraph</span>"#),
        "{body}"
    );
    // The title and the text of the hostile amount are escaped, not markup.
    assert!(!body.contains("<fighter>"), "{body}");
    assert!(body.contains(r#"title="3–5% &quot;&lt;fighter&gt;&quot; planes""#), "{body}");
}
