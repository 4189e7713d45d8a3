//! `newsgraph enrich` run as a user would, on a data directory whose articles lost their
//! entities (as one written before entity recognition existed).

use crate::common::{EXAMPLE_PAGE, Sandbox, Server};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const CORPUS: &str = r#"{"title": "Kremlin statement", "text": "Vladimir Putin spoke to reporters in Moscow on Tuesday. Putin did not take questions.", "url": "https://example.org/a"}
{"title": "Minsk visit", "text": "Russian President Vladimir Putin arrived in Minsk for talks with Alexander Lukashenko.", "url": "https://example.org/b"}
"#;

type EntityRow = (i64, String, String, String, i64, i64);
type MentionRow = (i64, i64, i64, i64, String, Option<String>);

/// Every entity (id, key, name, aliases, mentions, articles) and every mention, in a fixed
/// order: what enrich may change.
fn tables(db: &Path) -> (Vec<EntityRow>, Vec<MentionRow>) {
    let conn = rusqlite::Connection::open(db).expect("open database");
    let entities = conn
        .prepare("SELECT id, key, name, aliases, mentions, articles FROM entities ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .expect("query")
        .collect::<Result<Vec<EntityRow>, _>>()
        .expect("entities");
    let mentions = conn
        .prepare(
            "SELECT article_id, entity_id, start, \"end\", kind, role FROM mentions
             ORDER BY article_id, start, \"end\", entity_id",
        )
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .expect("query")
        .collect::<Result<Vec<MentionRow>, _>>()
        .expect("mentions");
    (entities, mentions)
}

/// The "Vladimir Putin" row: (id, mentions, articles).
fn putin(entities: &[EntityRow]) -> (i64, i64, i64) {
    let row = entities.iter().find(|e| e.1 == "PER:vladimir putin").expect("Putin stored");
    assert_eq!(row.2, "Vladimir Putin");
    (row.0, row.4, row.5)
}

/// Entities whose counters disagree with the mentions stored: none in a consistent store.
fn miscounted(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open database");
    conn.query_row(
        "SELECT count(*) FROM entities e
         WHERE mentions != (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)
            OR articles != (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = e.id)",
        [],
        |r| r.get(0),
    )
    .expect("count")
}

fn wipe_entities(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open database");
    conn.execute_batch("DELETE FROM mentions; UPDATE entities SET mentions = 0, articles = 0")
        .expect("wipe entities");
}

fn enrich(sandbox: &Sandbox) -> (serde_json::Value, String) {
    let output = sandbox.run(&["enrich", "--json"]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "enrich failed: {stderr}");
    (serde_json::from_slice(&output.stdout).expect("one JSON summary"), stderr)
}

#[test]
fn enrich_gives_an_old_data_directory_its_entities_and_changes_nothing_when_run_again() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.write("corpus.jsonl", CORPUS);
    sandbox.run_ok(&["import", EXAMPLE_PAGE, corpus.to_str().expect("path")]);
    let db = sandbox.data().join("newsgraph.db");
    let imported = tables(&db);
    let (putin_id, mentions, articles) = putin(&imported.0);
    assert_eq!(articles, 3, "the example page and both corpus lines name Putin");
    assert!(mentions >= 4, "{mentions}");

    // An old data directory: entities known, but nothing counted and no mentions; and a search
    // index built from it, without entity terms.
    wipe_entities(&db);
    sandbox.run_ok(&["reindex"]);
    {
        let server = Server::start(sandbox.command(&["serve", "--addr", "127.0.0.1:0"]));
        let (_, listed) = server.get_json("/api/v1/entities?q=Putin");
        assert_eq!(listed["total"], 0, "entities without mentions are not listed: {listed}");
        let (_, found) = server.get_json(&format!("/api/v1/search?entity={putin_id}"));
        assert_eq!(found["total"], 0, "{found}");
    }

    let (summary, stderr) = enrich(&sandbox);
    assert_eq!(summary["articles"], 3, "{summary}");
    assert_eq!(summary["mentions"], imported.1.len(), "{summary}");
    assert!(stderr.contains("read 3 articles"), "summary line: {stderr}");
    assert!(stderr.contains("articles/s"), "summary line: {stderr}");
    let enriched = tables(&db);
    assert_eq!(putin(&enriched.0), (putin_id, mentions, articles), "Putin back, same id and counts");
    assert_eq!(enriched, imported, "every entity and mention as import stored them");
    assert_eq!(miscounted(&db), 0);

    {
        let server = Server::start(sandbox.command(&["serve", "--addr", "127.0.0.1:0"]));
        let (status, listed) = server.get_json("/api/v1/entities?q=Putin&kind=per");
        assert_eq!(status, 200);
        let entity = &listed["entities"][0];
        assert_eq!(entity["name"], "Vladimir Putin");
        let counts = ["id", "mentions", "articles"].map(|field| entity[field].as_i64());
        assert_eq!(counts, [Some(putin_id), Some(mentions), Some(articles)], "{entity}");
        let (status, found) = server.get_json(&format!("/api/v1/search?entity={putin_id}"));
        assert_eq!(status, 200);
        let mut ids: Vec<i64> =
            found["hits"].as_array().expect("hits").iter().filter_map(|h| h["id"].as_i64()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!((found["total"].as_i64(), ids.len()), (Some(3), 3), "each article once: {found}");
    }

    let (again, _) = enrich(&sandbox);
    assert_eq!(again, summary);
    assert_eq!(tables(&db), imported, "a second run changes nothing");
    let stats = sandbox.stats();
    assert_eq!(
        [stats["articles"].as_i64(), stats["indexed"].as_i64()],
        [Some(3); 2],
        "no duplicates indexed"
    );
}

#[test]
fn enrich_on_an_empty_data_directory_reads_nothing() {
    let sandbox = Sandbox::new();
    let (summary, stderr) = enrich(&sandbox);
    assert_eq!(summary, serde_json::json!({"articles": 0, "mentions": 0, "amounts": 0, "times": 0}));
    assert!(stderr.contains("read 0 articles"), "{stderr}");
    assert!(sandbox.run_ok(&["--help"]).contains("enrich"));
}

#[test]
fn a_killed_enrich_leaves_the_store_consistent_and_a_second_run_completes_it() {
    const ARTICLES: usize = 5_000;
    let sandbox = Sandbox::new();
    let corpus: Vec<String> = (0..ARTICLES)
        .map(|i| {
            let text = format!(
                "Russian President Vladimir Putin met officials in Minsk on Monday, visit {i}. \
                 Putin said the talks with Alexander Lukashenko went well."
            );
            serde_json::json!({"title": format!("Visit {i}"), "text": text}).to_string()
        })
        .collect();
    let corpus = sandbox.write("corpus.jsonl", corpus.join("\n"));
    sandbox.run_ok(&["import", corpus.to_str().expect("path")]);
    let db = sandbox.data().join("newsgraph.db");
    let imported = tables(&db);
    wipe_entities(&db);

    let mut child = sandbox.command(&["enrich"]).stderr(Stdio::null()).spawn().expect("spawn");
    let mentions_stored = || {
        let conn =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
        conn.query_row("SELECT count(*) FROM mentions", [], |r| r.get::<_, i64>(0)).ok()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline && mentions_stored().unwrap_or(0) == 0 {
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let at_kill = mentions_stored().expect("database readable after kill");
    assert!(at_kill > 0, "enrich stored nothing within a minute");
    assert!((at_kill as usize) < imported.1.len(), "killed too late to test anything");
    assert_eq!(miscounted(&db), 0, "every committed batch whole, counters included");

    let (summary, _) = enrich(&sandbox);
    assert_eq!(summary["articles"], ARTICLES);
    assert_eq!(tables(&db), imported, "the second run completes what the first began");
    assert_eq!(sandbox.stats()["indexed"], ARTICLES);
}
