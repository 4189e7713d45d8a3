//! Entities through the router: mentions linked in articles, the entity pages and index, the
//! entity filter on search, and the entity API, over a real data directory (SQLite file and
//! tantivy index, filled the way the pipeline fills them).

use crate::common::{App, body_chars, get, serve, stored};
use axum::http::StatusCode;
use newsgraph_model::{ArticleId, EntityId, EntityKind, GeoPoint, ResolvedMention, Span};
use newsgraph_store::NewArticle;
use newsgraph_store::conformance::{canonical, sample, tag};
use serde_json::Value;

struct Seeded {
    app: App,
    kyiv: EntityId,
    zelensky: EntityId,
    lviv: EntityId,
    evil: EntityId,
}

const EVIL_NAME: &str = "<script>alert(1)</script> Group";
const EVIL_ALIAS: &str = "<img src=x onerror=alert(1)>";

fn articles() -> Vec<NewArticle> {
    let kyiv = || canonical(EntityKind::Loc, "geonames:703448", "Kyiv");
    let zelensky = || canonical(EntityKind::Per, "PER:volodymyr zelensky", "Volodymyr Zelensky");
    let lviv = || canonical(EntityKind::Loc, "geonames:702550", "Lviv");

    let mut talks = sample(
        "Kyiv talks",
        "Talks in Kyiv ended. Volodymyr Zelensky left Kyiv for Lviv.",
        Some("2022-03-01T10:00:00+02:00"),
    );
    tag(&mut talks, kyiv(), &["Kyiv"]);
    tag(&mut talks, zelensky(), &["Volodymyr Zelensky"]);
    tag(&mut talks, lviv(), &["Lviv"]);

    let mut gas = sample(
        "Kiev gas deal",
        "Officials in Kiev signed a gas deal. President Zelensky welcomed it.",
        Some("2022-03-05T09:00:00Z"),
    );
    let mut place = kyiv();
    place.aliases = vec!["Kiev".into()];
    place.location = Some(GeoPoint { lat: 50.4547, lon: 30.5238 });
    place.country = Some("UA".into());
    tag(&mut gas, place, &["Kiev"]);
    tag(&mut gas, zelensky(), &["Zelensky"]);
    gas.entities.mentions[1].role = Some("President".into());

    let mut group =
        sample("Group meets", &format!("The {EVIL_NAME} met in Kyiv."), Some("2022-04-01T12:00:00Z"));
    let mut evil = canonical(EntityKind::Org, "ORG:script group", EVIL_NAME);
    evil.aliases = vec![EVIL_ALIAS.into()];
    tag(&mut group, evil, &[EVIL_NAME]);
    tag(&mut group, kyiv(), &["Kyiv"]);

    // Cyrillic before the mentions (char and byte offsets differ), and a span that crosses
    // into the next paragraph, which the store keeps but the page cannot link.
    let mut cyrillic = sample("Київ", "Сьогодні Київ – Kyiv – знову.", Some("2022-05-01T12:00:00Z"));
    tag(&mut cyrillic, kyiv(), &["Київ", "Kyiv"]);
    let text = cyrillic.article.text();
    let (start, end) = (text.find("знову").expect("word"), text.find(" paragraph").expect("next"));
    cyrillic.entities.entities.push(lviv());
    cyrillic.entities.mentions.push(ResolvedMention {
        span: Span::new(start, end),
        kind: EntityKind::Loc,
        entity: cyrillic.entities.entities.len() - 1,
        role: None,
    });

    let untagged = sample("Unrelated", "Kyiv is named here but not tagged.", Some("2022-06-01T12:00:00Z"));
    vec![talks, gas, group, cyrillic, untagged]
}

fn seeded() -> Seeded {
    let (dir, engine, ids) = stored(&articles());
    let entity_of = |article: ArticleId, n: usize| {
        engine.store.article_mentions(article).expect("mentions")[n].entity.expect("resolved")
    };
    let (kyiv, zelensky, lviv, evil) =
        (entity_of(ids[0], 0), entity_of(ids[0], 1), entity_of(ids[0], 3), entity_of(ids[2], 0));
    Seeded { app: serve(dir, &engine, ids), kyiv, zelensky, lviv, evil }
}

fn link(kind: &str, entity: EntityId, text: &str) -> String {
    format!(r#"<a class="entity entity-{kind}" href="/entities/{}">{text}</a>"#, entity.0)
}

#[tokio::test]
async fn article_pages_link_each_mention_and_list_the_entities() {
    let s = seeded();
    let talks = get(&s.app, &format!("/articles/{}", s.app.ids[0])).await;
    talks.assert_html(StatusCode::OK);
    let body = &talks.body;
    let expected = format!(
        "<p>Talks in {} ended. {} left {} for {}.</p>",
        link("loc", s.kyiv, "Kyiv"),
        link("per", s.zelensky, "Volodymyr Zelensky"),
        link("loc", s.kyiv, "Kyiv"),
        link("loc", s.lviv, "Lviv"),
    );
    assert!(body.contains(&expected), "{body}");
    assert!(body.contains("Named in this article"));
    let people = body.find("<h3>People</h3>").expect("people");
    let places = body.find("<h3>Places</h3>").expect("places");
    assert!(people < places, "grouped in kind order");
    assert!(body[places..].contains(&format!(
        r#"{}</a> <span class="muted">×2</span>"#,
        link("loc", s.kyiv, "Kyiv").trim_end_matches("</a>")
    )));

    let gas = get(&s.app, &format!("/articles/{}", s.app.ids[1])).await;
    assert!(gas.body.contains(&link("loc", s.kyiv, "Kiev")), "another spelling, the same entity");

    let cyrillic = get(&s.app, &format!("/articles/{}", s.app.ids[3])).await;
    let expected =
        format!("<p>Сьогодні {} – {} – знову.</p>", link("loc", s.kyiv, "Київ"), link("loc", s.kyiv, "Kyiv"));
    assert!(cyrillic.body.contains(&expected), "{}", cyrillic.body);
    assert!(cyrillic.body.contains("<h3>Second paragraph.</h3>"), "a span across paragraphs is not linked");

    let untagged = get(&s.app, &format!("/articles/{}", s.app.ids[4])).await;
    assert!(!untagged.body.contains("Named in this article"));
    assert!(!untagged.body.contains("class=\"entity"));
}

#[tokio::test]
async fn entity_names_are_escaped_everywhere() {
    let s = seeded();
    let escaped_name = "&lt;script&gt;alert(1)&lt;/script&gt; Group";
    for uri in [
        format!("/articles/{}", s.app.ids[2]),
        format!("/entities/{}", s.evil.0),
        "/entities".to_string(),
        "/entities?q=%3Cscript%3E".to_string(),
        format!("/search?entity={}", s.evil.0),
        format!("/entities/{}", s.kyiv.0),
    ] {
        let reply = get(&s.app, &uri).await;
        reply.assert_html(StatusCode::OK);
        assert!(!reply.body.contains("<script"), "{uri}: {}", reply.body);
        assert!(!reply.body.contains("<img"), "{uri}");
        assert!(reply.body.contains(escaped_name), "{uri}: {}", reply.body);
    }
    let page = get(&s.app, &format!("/entities/{}", s.evil.0)).await;
    assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"), "alias shown as text");
    let found = get(&s.app, "/entities?q=%3Cscript%3E").await;
    assert!(found.body.contains("1 entity matching “&lt;script&gt;”"), "{}", found.body);
}

#[tokio::test]
async fn entity_page_shows_names_place_timeline_company_and_articles() {
    let s = seeded();
    let reply = get(&s.app, &format!("/entities/{}", s.kyiv.0)).await;
    reply.assert_html(StatusCode::OK);
    let body = &reply.body;
    assert!(body.contains("<h1>Kyiv</h1>"));
    assert!(body.contains("place</span> · 6 mentions in 4 articles"), "{body}");
    assert!(body.contains("Also written Kiev"));
    assert!(body.contains("Country: UA"));
    assert!(body.contains("Coordinates: 50.4547, 30.5238"));
    assert!(body.contains(r#"href="https://www.openstreetmap.org/?mlat=50.45470&amp;mlon=30.52380#map=10/50.45470/30.52380""#), "{body}");
    assert!(body.contains("<svg"), "timeline drawn");
    assert!(body.contains("Mentions per day, 2022-03-01 to 2022-05-01"));
    assert!(body.contains("2022-03-01: 2 mentions"));
    assert!(!body.contains("style="), "no inline style under the CSP");
    let zelensky = body.find(&link("per", s.zelensky, "Volodymyr Zelensky")).expect("co-occurring linked");
    let lviv = body.find(&link("loc", s.lviv, "Lviv")).expect("co-occurring linked");
    assert!(zelensky < lviv, "ties by most mentioned, then id");
    assert!(body.contains(r#"<span class="muted">(2 articles)</span>"#));
    let positions: Vec<usize> = [3, 2, 1, 0]
        .iter()
        .map(|&i| body.find(&format!(r#"href="/articles/{}""#, s.app.ids[i])).expect("listed"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "newest first");
    assert!(!body.contains(&format!(r#"href="/articles/{}""#, s.app.ids[4])), "untagged not listed");
    assert!(body.contains(&format!(r#"href="/search?entity={}""#, s.kyiv.0)));

    assert!(!body.contains("Described as"), "no role given with Kyiv");

    let person = get(&s.app, &format!("/entities/{}", s.zelensky.0)).await;
    assert!(!person.body.contains("Coordinates"), "only places have a map");
    assert!(
        person.body.contains(r#"Described as President <span class="muted">(1)</span>"#),
        "{}",
        person.body
    );
    let empty_page = get(&s.app, &format!("/entities/{}?page=2", s.kyiv.0)).await;
    empty_page.assert_html(StatusCode::OK);
    assert!(empty_page.body.contains("No articles on this page."));
    assert!(empty_page.body.contains(&format!(r#"href="/entities/{}?page=1""#, s.kyiv.0)));
}

#[tokio::test]
async fn entity_pages_answer_404_and_400() {
    let s = seeded();
    for uri in ["/entities/999999", "/entities/abc", "/entities/0", "/entities/-1", "/entities/1/more"] {
        get(&s.app, uri).await.assert_html(StatusCode::NOT_FOUND);
    }
    for uri in ["/entities/1?page=0", "/entities?kind=people", "/entities?page=x"] {
        get(&s.app, uri).await.assert_html(StatusCode::BAD_REQUEST);
    }
    get(&s.app, "/search?entity=abc").await.assert_html(StatusCode::BAD_REQUEST);
    get(&s.app, "/search?entity=999999").await.assert_html(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn entities_index_filters_by_kind_and_name() {
    let s = seeded();
    let all = get(&s.app, "/entities").await;
    all.assert_html(StatusCode::OK);
    assert!(all.body.contains("4 entities"));
    let kyiv = all.body.find(&link("loc", s.kyiv, "Kyiv")).expect("listed");
    let zelensky = all.body.find(&link("per", s.zelensky, "Volodymyr Zelensky")).expect("listed");
    assert!(kyiv < zelensky, "most mentioned first");
    assert!(all.body.contains("6 mentions in 4 articles"));
    assert!(all.body.contains(r#"href="/entities""#), "linked from the header");

    let people = get(&s.app, "/entities?kind=per").await;
    assert!(people.body.contains("1 entity"));
    assert!(people.body.contains(r#"<option value="per" selected>People</option>"#), "{}", people.body);
    assert!(!people.body.contains("Kyiv"));
    let alias = get(&s.app, "/entities?q=kiev").await;
    assert!(alias.body.contains(&link("loc", s.kyiv, "Kyiv")), "found by alias");
    assert!(alias.body.contains(r#"value="kiev""#), "the form keeps the query");
}

#[tokio::test]
async fn search_page_filters_by_entity() {
    let s = seeded();
    let listed = get(&s.app, &format!("/search?entity={}", s.kyiv.0)).await;
    listed.assert_html(StatusCode::OK);
    assert!(listed.body.contains("4 results"), "{}", listed.body);
    assert!(listed.body.contains(&format!("Articles naming {}", link("loc", s.kyiv, "Kyiv"))));
    assert!(listed.body.contains(&format!(r#"<input type="hidden" name="entity" value="{}">"#, s.kyiv.0)));
    let newest = listed.body.find(&format!(r#"href="/articles/{}""#, s.app.ids[3])).expect("listed");
    let oldest = listed.body.find(&format!(r#"href="/articles/{}""#, s.app.ids[0])).expect("listed");
    assert!(newest < oldest, "newest first without words");

    let words = get(&s.app, &format!("/search?q=gas&entity={}", s.kyiv.0)).await;
    assert!(words.body.contains("1 result for “gas”"), "{}", words.body);
    assert!(words.body.contains(r#"href="/search?q=gas""#), "a way back to all articles");
    let everything = get(&s.app, "/search?q=kyiv").await;
    assert!(everything.body.contains("4 results"), "{}", everything.body);
    let filtered = get(&s.app, &format!("/search?q=kyiv&entity={}", s.kyiv.0)).await;
    assert!(filtered.body.contains("3 results"), "untagged article left out: {}", filtered.body);
}

#[tokio::test]
async fn api_lists_entities() {
    let s = seeded();
    let json = get(&s.app, "/api/v1/entities").await.json();
    assert_eq!(
        (json["total"].clone(), json["offset"].clone(), json["limit"].clone()),
        (4.into(), 0.into(), 20.into())
    );
    let first = &json["entities"][0];
    assert_eq!(first["id"], s.kyiv.0);
    assert_eq!(first["kind"], "LOC");
    assert_eq!(first["name"], "Kyiv");
    assert_eq!(first["aliases"], serde_json::json!(["Kiev"]));
    assert_eq!(first["location"], serde_json::json!({"lat": 50.4547, "lon": 30.5238}));
    assert_eq!(first["country"], "UA");
    assert_eq!((first["mentions"].clone(), first["articles"].clone()), (6.into(), 4.into()));

    let people = get(&s.app, "/api/v1/entities?kind=PER").await.json();
    assert_eq!(people["total"], 1);
    assert_eq!(people["entities"][0]["name"], "Volodymyr Zelensky");
    assert_eq!(people["entities"][0]["location"], Value::Null);
    let by_alias = get(&s.app, "/api/v1/entities?q=KIEV").await.json();
    assert_eq!(by_alias["entities"][0]["id"], s.kyiv.0);
    let paged = get(&s.app, "/api/v1/entities?offset=1&limit=1").await.json();
    assert_eq!(paged["total"], 4);
    assert_eq!(paged["entities"].as_array().map(Vec::len), Some(1));
    assert_eq!(paged["entities"][0]["id"], s.zelensky.0);
}

#[tokio::test]
async fn api_describes_one_entity() {
    let s = seeded();
    let json = get(&s.app, &format!("/api/v1/entities/{}", s.kyiv.0)).await.json();
    assert_eq!(json["name"], "Kyiv");
    assert_eq!(json["mentions"], 6);
    assert_eq!(
        json["timeline"],
        serde_json::json!([
            {"date": "2022-03-01", "mentions": 2},
            {"date": "2022-03-05", "mentions": 1},
            {"date": "2022-04-01", "mentions": 1},
            {"date": "2022-05-01", "mentions": 2},
        ])
    );
    let co = json["co_occurring"].as_array().expect("co-occurring");
    let pairs: Vec<(i64, i64)> = co
        .iter()
        .map(|c| (c["id"].as_i64().expect("id"), c["shared_articles"].as_i64().expect("n")))
        .collect();
    assert_eq!(pairs, [(s.zelensky.0, 2), (s.lviv.0, 2), (s.evil.0, 1)]);
    assert_eq!(co[2]["name"], EVIL_NAME, "JSON carries the name as it is");
    let articles: Vec<i64> = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["id"].as_i64().expect("id"))
        .collect();
    let expected: Vec<i64> = [3, 2, 1, 0].iter().map(|&i| s.app.ids[i].0).collect();
    assert_eq!(articles, expected, "newest first");
    assert!(json["articles"][0]["excerpt"].is_string(), "the article summary shape");
    assert_eq!(json["roles"], serde_json::json!([]));
    let person = get(&s.app, &format!("/api/v1/entities/{}", s.zelensky.0)).await.json();
    assert_eq!(person["roles"], serde_json::json!([{"role": "President", "mentions": 1}]));
}

#[tokio::test]
async fn api_article_lists_mentions_in_characters() {
    let s = seeded();
    let json = get(&s.app, &format!("/api/v1/articles/{}", s.app.ids[3])).await.json();
    let text = body_chars(&json);
    let entities = json["entities"].as_array().expect("entities");
    assert_eq!(entities.len(), 3, "{entities:?}");
    for e in entities {
        let (start, end) =
            (e["start"].as_u64().expect("start") as usize, e["end"].as_u64().expect("end") as usize);
        let slice: String = text[start..end].iter().collect();
        assert_eq!(slice, e["text"].as_str().expect("text"), "{e}");
    }
    assert_eq!(entities[0]["start"], 9, "Київ: 9 characters in, though 17 bytes");
    assert_eq!(entities[0]["id"], s.kyiv.0);
    assert_eq!(entities[0]["kind"], "LOC");
    assert_eq!(entities[0]["name"], "Kyiv");

    let gas = get(&s.app, &format!("/api/v1/articles/{}", s.app.ids[1])).await.json();
    assert_eq!(gas["entities"][0]["text"], "Kiev");
    assert_eq!(gas["entities"][0]["name"], "Kyiv");
    assert_eq!(gas["entities"][1]["role"], "President");
    assert_eq!(gas["entities"][0]["role"], Value::Null);
    let untagged = get(&s.app, &format!("/api/v1/articles/{}", s.app.ids[4])).await.json();
    assert_eq!(untagged["entities"], serde_json::json!([]));
}

#[tokio::test]
async fn api_searches_by_entity() {
    let s = seeded();
    let json = get(&s.app, &format!("/api/v1/search?entity={}", s.kyiv.0)).await.json();
    assert_eq!(json["total"], 4);
    assert_eq!(json["entity"], serde_json::json!({"id": s.kyiv.0, "kind": "LOC", "name": "Kyiv"}));
    assert_eq!(json["hits"][0]["id"], s.app.ids[3].0, "newest first");
    let both = get(&s.app, &format!("/api/v1/search?entity={}&q=gas", s.kyiv.0)).await.json();
    assert_eq!(both["total"], 1);
    assert_eq!(both["hits"][0]["id"], s.app.ids[1].0);
    let plain = get(&s.app, "/api/v1/search?q=gas").await.json();
    assert!(plain.get("entity").is_none(), "no filter, no entity key");
}

#[tokio::test]
async fn api_entity_errors_use_the_error_table() {
    let s = seeded();
    for uri in [
        "/api/v1/entities?kind=people",
        "/api/v1/entities?limit=0",
        "/api/v1/entities?offset=-1",
        "/api/v1/entities/abc",
        "/api/v1/entities/0",
        "/api/v1/search?entity=abc",
        "/api/v1/search?entity=0",
        "/api/v1/search?q=&entity=",
    ] {
        get(&s.app, uri).await.assert_api_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    for uri in ["/api/v1/entities/999999", "/api/v1/search?entity=999999", "/api/v1/entities/1/more"] {
        get(&s.app, uri).await.assert_api_error(StatusCode::NOT_FOUND, "not_found");
    }
}
