//! Sections: the front page's tabs, each section's page, its API answer and its feed; the
//! defaults (Latest, Breaking, the topics as saved searches) and a user's own section of
//! stories naming chosen entities.

use axum::http::StatusCode;
use newsgraph_model::EntityKind;
use newsgraph_store::conformance::{canonical, sample, tag};
use newsgraph_store::{NewArticle, Section, SectionRule};

use crate::common::{App, get, serve, stored};

fn article(title: &str, published: &str, body: &str) -> NewArticle {
    let mut new = sample(title, body, Some(published));
    new.article.paragraphs.truncate(1);
    for (kind, key, name) in [
        (EntityKind::Loc, "geonames:703448", "Kyiv"),
        (EntityKind::Loc, "geonames:2017370", "Russia"),
        (EntityKind::Loc, "geonames:690791", "Ukraine"),
    ] {
        if body.contains(name) {
            tag(&mut new, canonical(kind, key, name), &[name]);
        }
    }
    new
}

/// A football final (Sport), talks on Ukraine (World; naming Russia and Ukraine) in three
/// articles on the last day, and an old vaccine study (Health, Science).
fn app() -> App {
    let (dir, engine, ids) = stored(&[
        article(
            "Vaccine trial shows promise",
            "2022-11-02T09:00:00Z",
            "Researchers said the vaccine trial protected most patients from the disease, in a study of hospital data.",
        ),
        article(
            "Cup final goes to extra time",
            "2022-12-18T18:00:00Z",
            "The football cup final went to extra time before the players of the home side won the tournament.",
        ),
        article(
            "Russia and Ukraine hold ceasefire talks",
            "2022-12-20T08:00:00Z",
            "Russia and Ukraine held ceasefire talks in Kyiv as diplomats from both sides met.",
        ),
        article(
            "Ceasefire talks between Russia and Ukraine go on",
            "2022-12-20T10:00:00Z",
            "Ceasefire talks between Russia and Ukraine went on in Kyiv, diplomats from both sides said.",
        ),
        article(
            "Diplomats meet again over ceasefire for Russia and Ukraine",
            "2022-12-20T12:00:00Z",
            "Diplomats of Russia and Ukraine met again in Kyiv over the ceasefire talks on Tuesday.",
        ),
    ]);
    newsgraph_pipeline::organize(&engine).expect("organize");
    let entity = |name: &str| {
        let filter = newsgraph_store::EntityFilter { kind: None, query: Some(name.into()) };
        let page = newsgraph_store::Page { offset: 0, limit: 1 };
        engine.store.entities(&filter, page).expect("entities")[0].entity.id
    };
    let mine = Section {
        slug: "russia-ukraine".into(),
        name: "Russia-Ukraine".into(),
        position: 8,
        rule: SectionRule::Query { text: String::new(), entities: vec![entity("Russia"), entity("Ukraine")] },
    };
    engine.store.save_section(&mine).expect("save");
    serve(dir, &engine, ids)
}

/// The headlines a section's API answer lists, in order.
async fn headlines(app: &App, slug: &str) -> Vec<String> {
    let json = get(app, &format!("/api/v1/sections/{slug}")).await.json();
    json["stories"]
        .as_array()
        .unwrap_or_else(|| panic!("no stories in {json}"))
        .iter()
        .map(|s| s["headline"].as_str().expect("headline").to_owned())
        .collect()
}

#[tokio::test]
async fn the_default_sections_hold_their_stories() {
    let app = app();
    let all = headlines(&app, "latest").await;
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all[0].contains("Russia"), "the freshest first: {all:?}");
    let sport = headlines(&app, "sport").await;
    assert_eq!(sport, ["Cup final goes to extra time"]);
    let health = headlines(&app, "health").await;
    assert_eq!(health, ["Vaccine trial shows promise"]);
    let world = headlines(&app, "world").await;
    assert_eq!(world.len(), 1, "{world:?}");
    assert!(world[0].contains("Russia"));

    // Breaking: the last six hours of the newest article, 2022-12-20 12:00.
    let json = get(&app, "/api/v1/sections/breaking").await.json();
    let stories = json["stories"].as_array().expect("stories");
    assert_eq!(stories.len(), 1, "{json}");
    assert_eq!(stories[0]["recent_articles"], 3);
    assert_eq!(json["section"]["rule"]["kind"], "breaking");
}

#[tokio::test]
async fn a_users_section_holds_the_stories_naming_its_entities() {
    let app = app();
    let mine = headlines(&app, "russia-ukraine").await;
    assert_eq!(mine.len(), 1);
    let json = get(&app, "/api/v1/sections").await.json();
    let slugs: Vec<&str> =
        json["sections"].as_array().expect("list").iter().filter_map(|s| s["slug"].as_str()).collect();
    assert_eq!(slugs.first(), Some(&"latest"));
    assert_eq!(slugs.last(), Some(&"russia-ukraine"));
    get(&app, "/api/v1/sections/nowhere").await.assert_api_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn section_pages_tabs_and_feeds() {
    let app = app();
    let front = get(&app, "/").await;
    front.assert_html(StatusCode::OK);
    assert!(front.body.contains(r#"<nav class="sections""#), "tabs on the front page");
    assert!(front.body.contains(r#"href="/sections/sport""#));
    assert!(front.body.contains(r#"href="/sections/russia-ukraine""#));

    let sport = get(&app, "/sections/sport").await;
    sport.assert_html(StatusCode::OK);
    assert!(sport.body.contains("Cup final goes to extra time"));
    assert!(!sport.body.contains("Vaccine trial"));
    assert!(sport.body.contains(r#"aria-current="page">Sport<"#), "its tab marked");
    assert!(sport.body.contains(r#"href="/feeds/sections/sport.atom""#), "its feed named");
    get(&app, "/sections/nowhere").await.assert_html(StatusCode::NOT_FOUND);

    let atom = get(&app, "/feeds/sections/breaking.atom").await;
    assert_eq!(atom.status, StatusCode::OK);
    let feed = feed_rs::parser::parse(atom.body.as_bytes()).expect("Atom");
    assert_eq!(feed.entries.len(), 1);
    let title = feed.entries[0].title.as_ref().map(|t| t.content.clone()).unwrap_or_default();
    assert!(title.contains("Russia"), "{title}");
    let json = get(&app, "/feeds/sections/sport.json").await;
    let feed = feed_rs::parser::parse(json.body.as_bytes()).expect("JSON Feed");
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(get(&app, "/feeds/sections/nowhere.atom").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_search_offers_its_facets_over_time_and_by_name() {
    let app = app();
    let page = get(&app, "/search?q=ceasefire").await;
    page.assert_html(StatusCode::OK);
    let facets = &page.body[page.body.find(r#"<aside class="facets""#).expect("facets")..];
    assert!(facets.contains("Over time") && facets.contains(r#"<figure class="timeline">"#), "{facets}");
    assert!(facets.contains("3 articles"), "the three matches on their day: {facets}");
    let places = get(&app, "/api/v1/entities?q=Kyiv").await.json();
    let kyiv = places["entities"][0]["id"].as_i64().expect("Kyiv");
    let link =
        format!(r#"href="/search?q=ceasefire&amp;entity={kyiv}">Kyiv</a> <span class="muted">(3)</span>"#);
    assert!(facets.contains(&link), "Kyiv narrows the search: {facets}");

    let narrowed = get(&app, &format!("/search?q=ceasefire&entity={kyiv}")).await;
    narrowed.assert_html(StatusCode::OK);
    assert!(narrowed.body.contains("<strong>Kyiv</strong>"), "the chosen name is not a link any more");
    let nothing = get(&app, "/search?q=zebra").await;
    assert!(!nothing.body.contains(r#"<aside class="facets""#), "no facets for no matches");
}

#[tokio::test]
async fn a_digest_of_one_section_keeps_its_stories() {
    let app = app();
    let world = get(&app, "/api/v1/digest/2022-12-20?section=world").await.json();
    assert_eq!(world["section"], "World");
    assert_eq!(world["stories"].as_array().map(Vec::len), Some(1), "{world}");
    let sport = get(&app, "/api/v1/digest/2022-12-20?section=sport").await.json();
    assert_eq!(sport["stories"].as_array().map(Vec::len), Some(0), "no sport that day: {sport}");
    let cup = get(&app, "/api/v1/digest/2022-12-18?section=sport").await.json();
    assert_eq!(cup["stories"][0]["headline"], "Cup final goes to extra time");
    let all = get(&app, "/api/v1/digest/2022-12-20").await.json();
    assert!(all.get("section").is_none(), "every story: no section named");
    get(&app, "/api/v1/digest/2022-12-20?section=nowhere")
        .await
        .assert_api_error(StatusCode::NOT_FOUND, "not_found");

    let page = get(&app, "/digest/2022-12-20?section=world").await;
    page.assert_html(StatusCode::OK);
    assert!(page.body.contains("Daily digest: 2022-12-20 · World"));
    assert!(page.body.contains(r#"aria-current="page">World<"#), "its section marked");
    assert!(page.body.contains(r#"href="/digest/2022-12-19?section=world""#), "the day before, same section");
    get(&app, "/digest/2022-12-20?section=nowhere").await.assert_html(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_search_is_narrowed_to_a_section_through_its_facet() {
    let app = app();
    let page = get(&app, "/search?q=ceasefire").await;
    let facets = &page.body[page.body.find(r#"<aside class="facets""#).expect("facets")..];
    assert!(
        facets.contains(
            r#"<a href="/search?q=ceasefire&amp;section=world">World</a> <span class="muted">(3)</span>"#
        ),
        "{facets}"
    );
    assert!(!facets.contains("section=sport"), "no sport among the matches");

    let world = get(&app, "/search?q=ceasefire&section=world").await;
    world.assert_html(StatusCode::OK);
    assert!(world.body.contains("In the section"), "{}", world.body);
    assert!(world.body.contains("3 results"));
    assert!(world.body.contains("<strong>World</strong>"), "the chosen section is not a link");
    let sport = get(&app, "/search?section=sport").await;
    sport.assert_html(StatusCode::OK);
    assert!(
        sport.body.contains("Cup final goes to extra time") && sport.body.contains("1 result"),
        "{}",
        sport.body
    );
    let none = get(&app, "/search?q=ceasefire&section=sport").await;
    assert!(none.body.contains("0 results"), "both the words and the section's");
    get(&app, "/search?q=ceasefire&section=nowhere").await.assert_html(StatusCode::NOT_FOUND);
}
