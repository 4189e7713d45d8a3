//! `newsgraph import`, `extract`, `search`, `reindex` and `stats`, run as a user would.

use crate::common::{EXAMPLE_PAGE, Sandbox, count_stored, json_lines};
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn small_corpus(n: usize) -> String {
    (0..n)
        .map(|i| {
            let text = format!(
                "Officials in town{i} said on Monday that the bridge{i} would reopen. \
                 Engineers have worked on the crossing for months, and residents welcomed the news."
            );
            serde_json::json!({"title": format!("Bridge {i} reopens"), "text": text, "published": "2024-03-01"}).to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn extract_prints_the_example_page_as_json() {
    let sandbox = Sandbox::new();
    let lines = json_lines(&sandbox.run_ok(&["extract", "--format", "json", EXAMPLE_PAGE]));
    let page = &lines[0];
    for field in [
        "source",
        "url",
        "title",
        "title_inferred",
        "authors",
        "published",
        "language",
        "text",
        "paragraphs",
        "related_headlines",
        "boilerplate",
        "markdown",
        "page_type",
        "lead_image",
        "description",
        "updated",
    ] {
        assert!(page.get(field).is_some(), "missing {field}");
    }
    assert_eq!(page["page_type"], "article");
    assert!(page["markdown"].as_str().is_some_and(|m| m.contains("\n\nRussian President Vladimir Putin")));
    assert_eq!(page["paragraphs"].as_array().map(Vec::len), Some(9));
    assert_eq!(page["related_headlines"].as_array().map(Vec::len), Some(3));
    assert_eq!(page["boilerplate"].as_array().map(Vec::len), Some(2));
    assert_eq!(page["title_inferred"], true);
    assert_eq!(page["language"], "en");
    assert!(page["text"].as_str().is_some_and(|t| t.starts_with("Russian President Vladimir Putin")));
}

#[test]
fn extract_prints_markdown_with_structure() {
    let sandbox = Sandbox::new();
    let page = sandbox.write(
        "page.html",
        "<!DOCTYPE html><html lang=en><head><title>Bridge closes</title>\
         <meta name=description content=\"The old bridge shuts to cars.\"></head><body><article>\
         <h1>Bridge closes</h1>\
         <p>The city council voted on Tuesday to close the old bridge to cars, citing safety reports.</p>\
         <h2>What happens next</h2>\
         <p>Engineers had warned for years that the steel supports were corroding badly underneath.</p>\
         <ul><li>Buses will take a detour through the northern district from Monday.</li>\
         <li>Cyclists and pedestrians may still cross the bridge at all hours of the day.</li></ul>\
         <blockquote>It is a sad day for the city, but safety must come first, the mayor said.</blockquote>\
         </article></body></html>",
    );
    let out = sandbox.run_ok(&["extract", "--format", "markdown", page.to_str().expect("path")]);
    assert!(out.starts_with("# Bridge closes\n\nThe city council voted"), "{out}");
    assert!(out.contains("\n\n## What happens next\n\n"), "{out}");
    assert!(
        out.contains("\n- Buses will take a detour") && out.contains("\n- Cyclists and pedestrians"),
        "{out}"
    );
    assert!(out.contains("\n> It is a sad day"), "{out}");
    let json = json_lines(&sandbox.run_ok(&["extract", "--format", "json", page.to_str().expect("path")]));
    assert_eq!(json[0]["description"], "The old bridge shuts to cars.");
    assert_eq!(json[0]["markdown"].as_str().map(|m| m.trim_end()), Some(out.trim_end()));
}

#[test]
fn importing_twice_stores_once() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.write("corpus.jsonl", small_corpus(5));
    let args = ["import", "--json", EXAMPLE_PAGE, corpus.to_str().expect("path")];
    let first: serde_json::Value = serde_json::from_str(&sandbox.run_ok(&args)).expect("summary");
    assert_eq!(first["imported"], 6);
    let second: serde_json::Value = serde_json::from_str(&sandbox.run_ok(&args)).expect("summary");
    assert_eq!(second["imported"], 0);
    assert_eq!(second["already_present"], 6);
    let stats = sandbox.stats();
    assert_eq!(stats["articles"], 6);
    assert_eq!(stats["indexed"], 6);
}

#[test]
fn search_finds_the_example_page() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.write("corpus.jsonl", small_corpus(20));
    sandbox.run_ok(&["import", EXAMPLE_PAGE, corpus.to_str().expect("path")]);
    for query in ["Lukashenko", "\"number one ally\"", "Belarus"] {
        let hits = json_lines(&sandbox.run_ok(&["search", "--json", query]));
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        assert!(hits[0]["title"].as_str().is_some_and(|t| t.contains("Putin")), "{query}: {hits:?}");
        assert!(hits[0]["snippet_html"].as_str().is_some_and(|s| s.contains("<b>")));
    }
    assert!(
        json_lines(&sandbox.run_ok(&["search", "--json", "\"ally number one\""])).is_empty(),
        "phrase order matters"
    );
    let dated = json_lines(&sandbox.run_ok(&["search", "--json", "--since", "2024-02-01", "bridge"]));
    assert_eq!(dated.len(), 10, "default limit");
    assert!(json_lines(&sandbox.run_ok(&["search", "--json", "--until", "2024-02-01", "bridge"])).is_empty());
    let text = sandbox.run_ok(&["search", "Lukashenko"]);
    assert!(text.starts_with("1 result\n"), "{text}");
}

#[test]
fn stdin_takes_a_page_or_a_corpus() {
    let sandbox = Sandbox::new();
    for input in [std::fs::read(EXAMPLE_PAGE).expect("page"), small_corpus(3).into_bytes()] {
        let mut child = sandbox
            .command(&["import", "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        child.stdin.take().expect("stdin").write_all(&input).expect("write");
        let output = child.wait_with_output().expect("wait");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(sandbox.stats()["articles"], 4);
}

#[test]
fn bad_inputs_are_reported_and_the_rest_imported() {
    let sandbox = Sandbox::new();
    sandbox.write("in/good.txt", std::fs::read(EXAMPLE_PAGE).expect("page"));
    sandbox.write("in/empty.txt", "");
    sandbox.write("in/binary.bin", [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0, 0, 7].repeat(50));
    sandbox.write("in/huge.html", "<p>word </p>".repeat(20_000));
    let mut truncated = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    truncated.write_all(small_corpus(50).as_bytes()).expect("gzip");
    let truncated = truncated.finish().expect("gzip");
    sandbox.write("in/cut.html.gz", &truncated[..truncated.len() / 2]);
    let latin1: Vec<u8> = "Le président a déclaré lundi que la réforme des retraites serait votée. Les syndicats ont annoncé une grève générale pour jeudi prochain.\n"
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    sandbox.write("in/latin1.txt", latin1);
    let lines = format!(
        "{}\n{{\"title\": broken\n[1,2]\n{}\n",
        small_corpus(1),
        small_corpus(2).lines().nth(1).expect("line")
    );
    sandbox.write("in/corpus.jsonl", lines);

    let input = sandbox.path("in");
    let output = sandbox.run(&["import", "--json", "--max-bytes", "100000", input.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(3), "partial failure exit code");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("summary");
    let failed: Vec<String> = summary["failed"]
        .as_array()
        .expect("failed")
        .iter()
        .map(|f| format!("{} {}", f["location"].as_str().unwrap_or(""), f["reason"].as_str().unwrap_or("")))
        .collect();
    let failed_text = failed.join("\n");
    for (file, reason) in [
        ("binary.bin", "binary"),
        ("empty.txt", "empty"),
        ("huge.html", "size limit"),
        ("cut.html.gz", "gzip"),
        ("corpus.jsonl:2", "invalid JSON"),
        ("corpus.jsonl:3", "not a JSON object"),
    ] {
        assert!(
            failed.iter().any(|f| f.contains(file) && f.to_lowercase().contains(&reason.to_lowercase())),
            "{file}: {reason} not in\n{failed_text}"
        );
    }
    assert_eq!(failed.len(), 6, "{failed_text}");
    assert_eq!(summary["imported"], 4, "good.txt, latin1.txt and two corpus lines");
    let hits = json_lines(&sandbox.run_ok(&["search", "--json", "président"]));
    assert_eq!(hits.len(), 1, "Latin-1 decoded");

    let again = sandbox.run(&["import", "--json", "--max-bytes", "100000", input.to_str().expect("path")]);
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).expect("summary");
    assert_eq!(again["already_present"], 4);
    assert_eq!(sandbox.stats()["articles"], 4, "nothing lost or duplicated");
}

#[test]
fn a_killed_import_loses_nothing_and_resumes() {
    const ARTICLES: usize = 30_000;
    let sandbox = Sandbox::new();
    let corpus = sandbox.write("big.jsonl", small_corpus(ARTICLES));
    let corpus = corpus.to_str().expect("path");
    let mut child = sandbox.command(&["import", corpus]).stderr(Stdio::null()).spawn().expect("spawn");
    let db = sandbox.data().join("newsgraph.db");
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut stored_at_kill = 0;
    while Instant::now() < deadline {
        stored_at_kill = count_stored(&db).unwrap_or(0);
        if stored_at_kill > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let stored_after_kill = count_stored(&db).expect("database readable after kill");
    assert!(stored_at_kill > 0, "the import stored nothing within a minute");
    assert!((stored_after_kill as usize) < ARTICLES, "killed too late to test anything");

    let summary: serde_json::Value =
        serde_json::from_str(&sandbox.run_ok(&["import", "--json", corpus])).expect("summary");
    assert_eq!(summary["already_present"].as_i64(), Some(stored_after_kill));
    assert_eq!(summary["imported"].as_i64(), Some(ARTICLES as i64 - stored_after_kill));
    let stats = sandbox.stats();
    assert_eq!(stats["articles"], ARTICLES);
    assert_eq!(stats["indexed"], ARTICLES, "index caught up with the store");
    let last = ARTICLES - 1;
    assert_eq!(json_lines(&sandbox.run_ok(&["search", "--json", &format!("town{last}")])).len(), 1);
}

#[test]
fn reindex_rebuilds_the_index_from_the_store() {
    let sandbox = Sandbox::new();
    sandbox.run_ok(&["import", EXAMPLE_PAGE]);
    std::fs::remove_dir_all(sandbox.data().join("index")).expect("delete index");
    std::fs::create_dir_all(sandbox.data().join("index")).expect("empty index dir");
    assert!(json_lines(&sandbox.run_ok(&["search", "--json", "Lukashenko"])).is_empty());
    sandbox.run_ok(&["reindex"]);
    assert_eq!(json_lines(&sandbox.run_ok(&["search", "--json", "Lukashenko"])).len(), 1);
    assert_eq!(sandbox.stats()["indexed"], 1);
}

#[test]
fn help_explains_every_command() {
    let sandbox = Sandbox::new();
    let help = sandbox.run_ok(&["--help"]);
    for command in ["import", "extract", "search", "serve", "demo", "reindex", "stats"] {
        assert!(help.contains(command), "{command} missing from --help");
    }
    let missing = sandbox.run(&["search", "x", "--since", "yesterday"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not a date"));
}
