//! Stories through the router: the front page lists them, a story page shows its coverage
//! (copies marked), outlets, timeline, names and related stories, an article page says who
//! else reported it, and the JSON API pages them. The articles are filed by the pipeline's
//! organizer, as an import files them.

use crate::common::{App, get, get_over_socket, serve, stored};
use crate::common::{MINSK, MINSK_AGAIN, QUAKE};
use axum::http::StatusCode;
use newsgraph_model::{EntityKind, GeoPoint, RelatedHeadline};
use newsgraph_store::NewArticle;
use newsgraph_store::conformance::{canonical, sample, tag};

fn article(title: &str, site: &str, published: &str, body: &str) -> NewArticle {
    let mut new = sample(title, body, Some(published));
    new.article.site = Some(site.to_owned());
    new.article.paragraphs.truncate(1);
    for (kind, key, name, form, location) in [
        (EntityKind::Per, "PER:vladimir putin", "Vladimir Putin", "Putin", None),
        (EntityKind::Per, "PER:alexander lukashenko", "Alexander Lukashenko", "Lukashenko", None),
        (EntityKind::Loc, "geonames:625144", "Minsk", "Minsk", Some((53.9, 27.5667))),
        (EntityKind::Loc, "geonames:3899539", "Antofagasta", "Antofagasta", Some((-23.65, -70.4))),
    ] {
        if body.contains(form) {
            let mut entity = canonical(kind, key, name);
            entity.location = location.map(|(lat, lon)| GeoPoint { lat, lon });
            tag(&mut new, entity, &[form]);
        }
    }
    new
}

/// The earthquake, whose page carries teasers of other stories: one names the second Minsk
/// article (in other case and fewer words), one names nothing stored.
fn quake_with_teasers() -> NewArticle {
    let mut quake =
        article("Quake <script>alert(1)</script> in Chile", "Third Times", "2022-12-19T12:00:00Z", QUAKE);
    quake.article.related_headlines =
        ["PUTIN AND LUKASHENKO DISCUSS MILITARY COOPERATION", "Floods hit Pakistan again"]
            .map(|title| RelatedHeadline { title: title.to_owned(), url: None })
            .to_vec();
    quake
}

/// Minsk talks by two outlets and a wire copy of the first, an unrelated earthquake (whose
/// title tries to inject markup), filed in stories.
fn app() -> App {
    let (dir, engine, ids) = stored(&[
        article("Putin holds talks with Lukashenko in Minsk", "Daily One", "2022-12-19T10:00:00Z", MINSK),
        article(
            "Putin and Lukashenko discuss military cooperation in Minsk",
            "Second Post",
            "2022-12-20T14:00:00Z",
            MINSK_AGAIN,
        ),
        article(
            "Putin in Minsk",
            "Wire <b>Service</b>",
            "2022-12-20T15:00:00Z",
            &format!("{MINSK} Copyright Wire Service, all rights reserved."),
        ),
        quake_with_teasers(),
    ]);
    let organized = newsgraph_pipeline::organize(&engine).expect("organize");
    assert_eq!((organized.filed, organized.copies, organized.stories), (4, 1, 2));
    serve(dir, &engine, ids)
}

#[tokio::test]
async fn front_page_lists_stories_largest_first() {
    let app = app();
    let reply = get(&app, "/").await;
    reply.assert_html(StatusCode::OK);
    let body = &reply.body;
    assert!(body.contains("2 stories from 4 articles"), "{body}");
    let minsk = body.find(&format!(r#"href="/stories/{}""#, app.ids[0])).expect("Minsk story listed");
    let quake = body.find(&format!(r#"href="/stories/{}""#, app.ids[3])).expect("quake story listed");
    assert!(minsk < quake, "the freshest day first");
    assert!(body.contains("3 articles from 3 outlets"), "{body}");
    assert!(body.contains("2022-12-19</time> to <time"), "first and last seen: {body}");
    assert!(body.contains("Lukashenko"), "summary shown");
    assert!(!body.contains("<script>"), "escaped");
    assert!(body.contains("Quake &lt;script&gt;alert(1)&lt;/script&gt; in Chile"));
    assert!(!body.contains(r#"href="/articles/"#), "stories, not single articles");
}

#[tokio::test]
async fn story_page_shows_coverage_copies_outlets_names_and_related() {
    let app = app();
    let reply = get(&app, &format!("/stories/{}", app.ids[0])).await;
    reply.assert_html(StatusCode::OK);
    let body = &reply.body;
    assert!(body.contains("<h1>Putin"), "a headline from its articles: {body}");
    for i in 0..3 {
        assert!(body.contains(&format!(r#"href="/articles/{}""#, app.ids[i])), "article {i} covered");
    }
    assert!(!body.contains(&format!(r#"href="/articles/{}""#, app.ids[3])), "not the quake");
    assert!(body.contains(r#"<li class="copy">"#), "the copy is marked: {body}");
    assert!(body.contains("copy of "));
    assert!(body.contains("Wire &lt;b&gt;Service&lt;/b&gt;"), "outlets escaped");
    assert!(body.contains("Daily One") && body.contains("Second Post"));
    assert!(body.contains("Outlets (3)"));
    // Two days of coverage: drawn hour by hour.
    assert!(
        body.contains("Articles per hour, 2022-12-19 10:00 UTC to 2022-12-20 15:00 UTC"),
        "timeline: {body}"
    );
    assert_eq!(body.matches("<rect").count(), 3);
    assert!(body.contains(">Vladimir Putin</a>") && body.contains(">Minsk</a>"), "names and places");
    assert!(!body.contains("<script>"));
    assert!(!body.contains("Related stories"), "the quake names nothing the talks name");

    let quake = get(&app, &format!("/stories/{}", app.ids[3])).await;
    quake.assert_html(StatusCode::OK);
    assert!(quake.body.contains("<h1>Quake &lt;script&gt;"), "{}", quake.body);
    for uri in ["/stories/999999", "/stories/abc", "/stories/0", &format!("/stories/{}", app.ids[1])] {
        get(&app, uri).await.assert_html(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn article_page_names_its_story_and_who_else_reported_it() {
    let app = app();
    let original = get(&app, &format!("/articles/{}", app.ids[0])).await;
    original.assert_html(StatusCode::OK);
    assert!(original.body.contains(&format!(r#"Part of the story <a href="/stories/{}">"#, app.ids[0])));
    let also = format!(r#"Also reported by <a href="/articles/{}""#, app.ids[2]);
    assert!(original.body.contains(&also), "{}", original.body);
    assert!(original.body.contains("Wire &lt;b&gt;Service&lt;/b&gt;"));

    let copy = get(&app, &format!("/articles/{}", app.ids[2])).await;
    assert!(copy.body.contains(&format!(r#"Copy of <a href="/articles/{}">"#, app.ids[0])), "{}", copy.body);
    assert!(!copy.body.contains("Also reported by"));
}

#[tokio::test]
async fn a_teaser_of_a_stored_article_links_to_its_story() {
    let app = app();
    let quake = get(&app, &format!("/articles/{}", app.ids[3])).await;
    quake.assert_html(StatusCode::OK);
    let link = format!(r#"<a class="teaser-match" href="/stories/{}""#, app.ids[0]);
    assert_eq!(quake.body.matches(&link).count(), 1, "{}", quake.body);
    assert_eq!(quake.body.matches("teaser-match").count(), 1, "the other teaser names nothing stored");

    let json = get(&app, &format!("/api/v1/articles/{}", app.ids[3])).await.json();
    let found = json["teasers_found"].as_array().expect("teasers_found");
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!(found[0]["article"].as_i64(), Some(app.ids[1].0));
    assert_eq!(found[0]["story"].as_i64(), Some(app.ids[0].0));
    assert_eq!(found[0]["headline"], "PUTIN AND LUKASHENKO DISCUSS MILITARY COOPERATION");
}

#[tokio::test]
async fn api_lists_stories_and_one_story() {
    let app = app();
    let list = get(&app, "/api/v1/stories?limit=1").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let json = list.json();
    assert_eq!((json["total"].as_u64(), json["limit"].as_u64()), (Some(2), Some(1)));
    let first = &json["stories"][0];
    assert_eq!(first["id"].as_i64(), Some(app.ids[0].0));
    assert_eq!((first["articles"].as_u64(), first["outlets"].as_u64()), (Some(3), Some(3)));
    assert_eq!(first["link"], format!("/stories/{}", app.ids[0]));
    assert_eq!(first["first_seen"], "2022-12-19T10:00:00Z");
    let second = get(&app, "/api/v1/stories?offset=1&limit=5").await.json();
    assert_eq!(second["stories"][0]["id"].as_i64(), Some(app.ids[3].0));
    assert_eq!(second["stories"].as_array().map(Vec::len), Some(1));

    let one = get(&app, &format!("/api/v1/stories/{}", app.ids[0])).await.json();
    let coverage = one["coverage"].as_array().expect("coverage");
    let ids: Vec<i64> = coverage.iter().filter_map(|c| c["id"].as_i64()).collect();
    assert_eq!(ids, [app.ids[0].0, app.ids[1].0, app.ids[2].0], "oldest first");
    assert_eq!(coverage[2]["duplicate_of"].as_i64(), Some(app.ids[0].0));
    assert_eq!(coverage[2]["outlet"], "Wire <b>Service</b>", "JSON carries text as it is");
    assert_eq!(one["timeline"][0], serde_json::json!({ "day": "2022-12-19", "articles": 1 }));
    let names: Vec<&str> =
        one["entities"].as_array().expect("entities").iter().filter_map(|e| e["name"].as_str()).collect();
    assert!(names.contains(&"Minsk") && names.contains(&"Vladimir Putin"), "{names:?}");

    let article = get(&app, &format!("/api/v1/articles/{}", app.ids[0])).await.json();
    assert_eq!(article["story"]["id"].as_i64(), Some(app.ids[0].0));
    assert_eq!(article["copies"][0]["id"].as_i64(), Some(app.ids[2].0));
    let copy = get(&app, &format!("/api/v1/articles/{}", app.ids[2])).await.json();
    assert_eq!(copy["story"]["duplicate_of"].as_i64(), Some(app.ids[0].0));

    get(&app, "/api/v1/stories/999999").await.assert_api_error(StatusCode::NOT_FOUND, "not_found");
    get(&app, "/api/v1/stories/abc").await.assert_api_error(StatusCode::BAD_REQUEST, "bad_request");
    get(&app, "/api/v1/stories?limit=abc").await.assert_api_error(StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn stories_are_served_over_a_real_socket() {
    let app = app();
    let response = get_over_socket(&app, "/api/v1/stories").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(r#""total":2"#), "{response}");
}

#[tokio::test]
async fn sources_are_listed_with_their_polling_state() {
    let (dir, engine, ids) = stored(&[]);
    let store = engine.store.clone();
    let app = serve(dir, &engine, ids);
    let empty = get(&app, "/sources").await;
    empty.assert_html(StatusCode::OK);
    assert!(empty.body.contains("No sources are followed"), "{}", empty.body);

    crate::common::failing_source(store.as_ref(), "https://feeds.example/<world>.xml", None);

    let page = get(&app, "/sources").await;
    page.assert_html(StatusCode::OK);
    assert!(page.body.contains("https://feeds.example/&lt;world&gt;.xml"), "escaped: {}", page.body);
    assert!(page.body.contains("HTTP status 503 (1 in a row)"), "{}", page.body);
    let json = get(&app, "/api/v1/sources").await.json();
    let listed = &json["sources"][0];
    assert_eq!(listed["url"], "https://feeds.example/<world>.xml");
    assert_eq!((listed["kind"].as_str(), listed["section"].as_str()), (Some("feed"), Some("World")));
    assert_eq!((listed["last_status"].as_u64(), listed["failures"].as_u64()), (Some(503), Some(1)));
}

#[tokio::test]
async fn story_and_entity_pages_put_the_places_on_the_offline_map() {
    let app = app();
    let stories = get(&app, "/api/v1/stories").await.json();
    let minsk_story = stories["stories"][0]["id"].as_i64().expect("id");
    let page = get(&app, &format!("/stories/{minsk_story}")).await;
    page.assert_html(StatusCode::OK);
    let map = &page.body[page.body.find("<figure class=\"map\">").expect("a map")..];
    assert!(map.contains(r#"<image href="/map/land.svg""#), "the land, from this server");
    assert!(map.contains(r#"cx="27.57" cy="-53.90""#), "Minsk where it is: {map}");
    assert!(!map[..map.find("</figure>").expect("end")].contains("Antofagasta"), "only this story's places");

    let place = get(&app, "/api/v1/entities?q=Minsk").await.json();
    let id = place["entities"][0]["id"].as_i64().expect("Minsk's id");
    let page = get(&app, &format!("/entities/{id}")).await;
    page.assert_html(StatusCode::OK);
    assert!(page.body.contains(r#"cx="27.57" cy="-53.90""#), "the place on its own page");
    let person = get(&app, "/api/v1/entities?q=Putin").await.json();
    let id = person["entities"][0]["id"].as_i64().expect("Putin's id");
    let page = get(&app, &format!("/entities/{id}")).await;
    assert!(page.body.contains(r#"cx="27.57" cy="-53.90""#), "the places named with a person");

    for icon in ["/favicon.ico", "/static/icon.svg"] {
        let answer = get(&app, icon).await;
        assert_eq!(
            (answer.status, answer.content_type.as_str()),
            (StatusCode::OK, "image/svg+xml"),
            "{icon}"
        );
    }
    let land = get(&app, "/map/land.svg").await;
    assert_eq!(land.status, StatusCode::OK);
    assert_eq!(land.content_type, "image/svg+xml");
    assert!(land.body.starts_with("<svg") && land.body.len() > 30_000, "the world's land");
}

#[tokio::test]
async fn a_story_links_the_stories_before_and_after_it_with_access_keys() {
    let app = app();
    let listed = get(&app, "/api/v1/stories").await.json();
    let ids: Vec<i64> =
        listed["stories"].as_array().expect("stories").iter().filter_map(|s| s["id"].as_i64()).collect();
    assert_eq!(ids.len(), 2);
    let first = get(&app, &format!("/stories/{}", ids[0])).await.body;
    assert!(first.contains(&format!(r#"<a rel="next" accesskey="n" href="/stories/{}""#, ids[1])), "{first}");
    assert!(!first.contains(r#"rel="prev""#), "nothing before the first");
    let second = get(&app, &format!("/stories/{}", ids[1])).await.body;
    assert!(second.contains(&format!(r#"<a rel="prev" accesskey="p" href="/stories/{}""#, ids[0])));
    assert!(!second.contains(r#"rel="next" accesskey"#), "nothing after the last");
}
