//! The real binary serving on a loopback port: pages and the JSON API over HTTP.

use crate::common::{EXAMPLE_PAGE, Sandbox, Server};

#[test]
fn serve_answers_pages_and_api_over_http() {
    let sandbox = Sandbox::new();
    sandbox.run_ok(&["import", EXAMPLE_PAGE]);
    let server = Server::start(sandbox.command(&["serve", "--addr", "127.0.0.1:0"]));

    let (status, front) = server.get("/");
    assert_eq!(status, 200);
    assert!(front.contains("Russian President Vladimir Putin"), "front page lists the article");
    assert!(front.contains("Wikinews"), "attribution shown");

    let (status, list) = server.get_json("/api/v1/articles");
    assert_eq!(status, 200);
    let id = list["articles"][0]["id"].as_i64().expect("id");
    let (status, page) = server.get(&format!("/articles/{id}"));
    assert_eq!(status, 200);
    assert!(page.contains("number one ally"));
    assert!(page.contains("Ukraine to receive $1.8bn aid by US"), "related headlines shown");

    let (status, search) = server.get_json("/api/v1/search?q=Lukashenko");
    assert_eq!(status, 200);
    assert_eq!(search["total"], 1);
    let (status, error) = server.get_json("/api/v1/articles/999999");
    assert_eq!(status, 404);
    assert_eq!(error["code"], "not_found");
    let (status, html) = server.get("/search?q=%22number+one+ally%22");
    assert_eq!(status, 200);
    assert!(html.contains("<b>"), "highlighted snippet");
}

#[test]
fn demo_serves_the_whole_corpus() {
    let sandbox = Sandbox::new();
    let server = Server::start(sandbox.command(&["demo", "--addr", "127.0.0.1:0"]));
    let (status, list) = server.get_json("/api/v1/articles?limit=1");
    assert_eq!(status, 200);
    assert_eq!(list["total"], 851);
    let (_, search) = server.get_json("/api/v1/search?q=Belarus&limit=100");
    let titles: Vec<&str> =
        search["hits"].as_array().expect("hits").iter().filter_map(|h| h["title"].as_str()).collect();
    assert!(titles.iter().any(|t| t.starts_with("Russian President Vladimir Putin")), "{titles:?}");

    // Entities were recognised on import, and one person links the articles naming them.
    let (status, found) = server.get_json("/api/v1/entities?q=Putin");
    assert_eq!(status, 200);
    let putin = found["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["name"] == "Vladimir Putin")
        .unwrap_or_else(|| panic!("Vladimir Putin among {found}"));
    assert_eq!(putin["kind"], "PER");
    assert!(putin["articles"].as_u64().is_some_and(|n| n > 1), "{putin}");
    let id = putin["id"].as_i64().expect("entity id");
    let (status, search) = server.get_json(&format!("/api/v1/search?entity={id}&limit=100"));
    assert_eq!(status, 200);
    let titles: Vec<&str> =
        search["hits"].as_array().expect("hits").iter().filter_map(|h| h["title"].as_str()).collect();
    assert!(titles.iter().any(|t| t.starts_with("Russian President Vladimir Putin")), "{titles:?}");

    let (status, front) = server.get("/");
    assert_eq!(status, 200);
    assert!(front.contains("851"), "front page shows the article count");
}
