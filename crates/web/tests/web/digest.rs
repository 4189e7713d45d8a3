//! The daily digest through the router: `/digest/{date}` and `/api/v1/digest/{date}` list the
//! day's stories, the most covered that day first, with their coverage that day and key
//! quotes (named people first); a day without stories is an empty digest, a bad date a 400,
//! and `/digest` sends to the latest day with news (yesterday on a live app). Articles are filed by the pipeline's organizer.

use crate::common::{App, get, serve, stored};
use crate::common::{MINSK, MINSK_AGAIN, QUAKE};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use newsgraph_model::{EntityKind, Quote, QuoteKind, Span};
use newsgraph_store::NewArticle;
use newsgraph_store::conformance::{canonical, sample, tag};
use tower::ServiceExt;

/// The article with its people tagged and `quotes` (speaker, content) attributed with "said".
fn article(title: &str, site: &str, published: &str, body: &str, quotes: &[(&str, &str)]) -> NewArticle {
    let mut new = sample(title, body, Some(published));
    new.article.site = Some(site.to_owned());
    new.article.paragraphs.truncate(1);
    for (kind, key, name, form) in [
        (EntityKind::Per, "PER:vladimir putin", "Vladimir Putin", "Putin"),
        (EntityKind::Per, "PER:alexander lukashenko", "Alexander Lukashenko", "Lukashenko"),
        (EntityKind::Loc, "geonames:625144", "Minsk", "Minsk"),
    ] {
        if body.contains(form) {
            tag(&mut new, canonical(kind, key, name), &[form]);
        }
    }
    let text = new.article.text();
    let at = |form: &str| {
        let start = text.find(form).unwrap_or_else(|| panic!("{form:?} not in {title}"));
        Span::new(start, start + form.len())
    };
    new.quotes = quotes
        .iter()
        .map(|(speaker, content)| {
            let said = at(&format!("{speaker} said"));
            Quote {
                kind: QuoteKind::Indirect,
                speaker: Some(Span::new(said.start, said.start + speaker.len())),
                referent: None,
                speaker_entity: None,
                cue: Some(Span::new(said.end - 4, said.end)),
                content: vec![at(content)],
            }
        })
        .collect();
    new
}

/// Two Minsk articles on 2022-12-19 from two outlets and a wire copy of the first on the 20th;
/// an earthquake, whose title tries to inject markup, on the 19th.
fn app() -> App {
    let minsk_quotes = [
        ("Lukashenko", "Belarus would buy more Russian weapons"),
        ("Putin", "the talks in Minsk were useful"),
    ];
    let (dir, engine, ids) = stored(&[
        article(
            "Putin holds talks with Lukashenko in Minsk",
            "Daily One",
            "2022-12-19T10:00:00Z",
            MINSK,
            &minsk_quotes,
        ),
        article(
            "Putin and Lukashenko discuss military cooperation in Minsk",
            "Second Post",
            "2022-12-19T14:00:00Z",
            MINSK_AGAIN,
            &[],
        ),
        article(
            "Putin in Minsk",
            "Wire Service",
            "2022-12-20T09:00:00+03:00",
            &format!("{MINSK} Copyright Wire Service, all rights reserved."),
            &minsk_quotes,
        ),
        article(
            "Quake <script>alert(1)</script> in Chile",
            "Third Times",
            "2022-12-19T12:00:00Z",
            QUAKE,
            &[("the national emergency office", "No deaths were reported")],
        ),
    ]);
    let organized = newsgraph_pipeline::organize(&engine).expect("organize");
    assert_eq!((organized.filed, organized.copies, organized.stories), (4, 1, 2));
    serve(dir, &engine, ids)
}

#[tokio::test]
async fn api_lists_the_days_stories_most_covered_first_with_key_quotes() {
    let app = app();
    let reply = get(&app, "/api/v1/digest/2022-12-19").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let json = reply.json();
    assert_eq!(json["date"], "2022-12-19");
    let stories = json["stories"].as_array().expect("stories");
    let ids: Vec<i64> = stories.iter().filter_map(|s| s["id"].as_i64()).collect();
    assert_eq!(ids, [app.ids[0].0, app.ids[3].0], "two articles that day before one");
    let minsk = &stories[0];
    let counts = ["articles_that_day", "outlets_that_day", "articles", "outlets"].map(|k| minsk[k].as_u64());
    assert_eq!(counts, [Some(2), Some(2), Some(3), Some(3)], "the copy came the next day: {minsk}");
    assert_eq!(minsk["link"], format!("/stories/{}", app.ids[0]));
    assert!(minsk["headline"].as_str().is_some_and(|h| h.contains("Putin")), "{minsk}");
    assert!(minsk["summary"].as_array().is_some_and(|s| !s.is_empty()));

    // Both named people, once each (the copy's quotes are its original's), in the order found.
    let quotes = minsk["quotes"].as_array().expect("quotes");
    let said: Vec<(&str, &str)> = quotes
        .iter()
        .map(|q| (q["person"]["name"].as_str().unwrap_or(""), q["text"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        said,
        [
            ("Alexander Lukashenko", "Belarus would buy more Russian weapons"),
            ("Vladimir Putin", "the talks in Minsk were useful")
        ]
    );
    assert_eq!(quotes[0]["speaker"], "Lukashenko");
    assert_eq!(quotes[0]["cue"], "said");
    assert_eq!(quotes[0]["kind"], "indirect");
    assert_eq!(quotes[0]["article"]["id"].as_i64(), Some(app.ids[0].0));
    assert_eq!(quotes[0]["article"]["outlet"], "Daily One");
    assert!(quotes[0]["person"]["link"].as_str().is_some_and(|l| l.starts_with("/entities/")));

    let quake = &stories[1];
    assert_eq!(quake["headline"], "Quake <script>alert(1)</script> in Chile", "JSON carries text as it is");
    assert_eq!(quake["quotes"][0]["speaker"], "the national emergency office");
    assert!(quake["quotes"][0]["person"].is_null());

    let next = get(&app, "/api/v1/digest/2022-12-20").await.json();
    assert_eq!(next["stories"][0]["articles_that_day"].as_u64(), Some(1), "the copy, in UTC on the 20th");
    assert_eq!(next["stories"][0]["quotes"], serde_json::json!([]), "a copy's quotes are not the day's");
    let one = get(&app, "/api/v1/digest/2022-12-19?limit=1").await.json();
    assert_eq!(one["stories"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn the_page_shows_headlines_coverage_summaries_and_quotes() {
    let app = app();
    let reply = get(&app, "/digest/2022-12-19").await;
    reply.assert_html(StatusCode::OK);
    let body = &reply.body;
    assert!(body.contains("<h1>Daily digest: 2022-12-19</h1>"), "{body}");
    let minsk = body.find(&format!(r#"href="/stories/{}""#, app.ids[0])).expect("Minsk story linked");
    let quake = body.find(&format!(r#"href="/stories/{}""#, app.ids[3])).expect("quake story linked");
    assert!(minsk < quake, "the most covered first");
    assert!(body.contains("2 articles from 2 outlets that day, 3 in all"), "{body}");
    assert!(body.contains("1 article from 1 outlet that day"));
    assert!(body.contains(">Lukashenko</a>: "), "a named speaker links to the person: {body}");
    assert!(body.contains("Belarus would buy more Russian weapons"));
    assert!(body.contains(&format!(r#"<a href="/articles/{}""#, app.ids[0])), "the quote's article");
    assert!(body.contains(r#"<span class="speaker">the national emergency office</span>"#));
    assert!(!body.contains("<script>") && body.contains("Quake &lt;script&gt;"), "escaped");
    assert!(body.contains(r#"href="/digest/2022-12-18""#) && body.contains(r#"href="/digest/2022-12-20""#));

    let front = get(&app, "/").await;
    assert!(front.body.contains(r#"<a href="/digest">"#), "the front page links the digest");
}

#[tokio::test]
async fn a_day_without_stories_is_an_empty_digest() {
    let app = app();
    let page = get(&app, "/digest/2001-01-01").await;
    page.assert_html(StatusCode::OK);
    assert!(page.body.contains("No stories had articles on 2001-01-01 (UTC)."), "{}", page.body);
    let json = get(&app, "/api/v1/digest/2001-01-01").await.json();
    assert_eq!(json, serde_json::json!({ "date": "2001-01-01", "stories": [] }));
}

#[tokio::test]
async fn bad_dates_are_refused_and_the_bare_digest_is_yesterdays() {
    let app = app();
    for bad in ["2022-13-01", "2022-02-30", "yesterday", "2022-1-5", "%00"] {
        let page = get(&app, &format!("/digest/{bad}")).await;
        page.assert_html(StatusCode::BAD_REQUEST);
        assert!(page.body.contains("YYYY-MM-DD"), "{}", page.body);
        get(&app, &format!("/api/v1/digest/{bad}"))
            .await
            .assert_api_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    get(&app, "/api/v1/digest/2022-12-19?limit=0")
        .await
        .assert_api_error(StatusCode::BAD_REQUEST, "bad_request");

    // The archive's last day with news, which its newest article gives.
    let newest = get(&app, "/api/v1/articles?limit=1").await.json();
    let published = newest["articles"][0]["published"].as_str().expect("dated");
    let last_day = chrono::DateTime::parse_from_rfc3339(published).expect("time").to_utc().date_naive();
    for (uri, to) in [("/digest", "/digest/"), ("/api/v1/digest", "/api/v1/digest/")] {
        let request = Request::builder().uri(uri).body(Body::empty()).expect("request");
        let response = app.router.clone().oneshot(request).await.expect("infallible");
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT, "{uri}");
        let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok());
        assert_eq!(location, Some(format!("{to}{last_day}").as_str()), "{uri}");
    }
}

#[tokio::test]
async fn the_latest_digest_is_yesterdays_on_a_live_app_and_never_today() {
    let now = chrono::Utc::now();
    let yesterday = (now - chrono::Duration::days(1)).to_rfc3339();
    let today = now.to_rfc3339();
    let (dir, engine, ids) = stored(&[
        newsgraph_store::conformance::sample(
            "Yesterday's news",
            "Something happened yesterday.",
            Some(&yesterday),
        ),
        newsgraph_store::conformance::sample("Today's news", "Something is happening today.", Some(&today)),
    ]);
    let app = serve(dir, &engine, ids);
    let request = Request::builder().uri("/digest").body(Body::empty()).expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible");
    let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
    // Around midnight UTC the day may turn between the readings of the clock.
    let expected: Vec<String> = [now, chrono::Utc::now()]
        .iter()
        .map(|t| format!("/digest/{}", (*t - chrono::Duration::days(1)).date_naive()))
        .collect();
    assert!(location.as_ref().is_some_and(|l| expected.contains(l)), "{location:?}");
}

#[tokio::test]
async fn a_story_page_says_who_said_what_without_the_copies_repeats() {
    let app = app();
    let page = get(&app, &format!("/stories/{}", app.ids[0])).await;
    page.assert_html(StatusCode::OK);
    let said = &page.body[page.body.find("Who said what").expect("the story's quotes")..];
    let said = &said[..said.find("</section>").expect("end")];
    assert!(said.contains("Belarus would buy more Russian weapons"), "{said}");
    assert!(said.contains("the talks in Minsk were useful"));
    assert_eq!(said.matches("the talks in Minsk were useful").count(), 1, "the wire copy adds none: {said}");
    let quake = get(&app, &format!("/stories/{}", app.ids[3])).await;
    assert!(quake.body.contains("No deaths were reported"));
}
