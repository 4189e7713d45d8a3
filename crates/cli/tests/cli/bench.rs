//! `newsgraph bench extraction`, run as a user would, on a two-page fixture written to a
//! temporary directory (no ../shared data, no Python: `--peer none`, or a peer that is absent).

use std::io::Write;

use crate::common::{Sandbox, json_lines};

const BRIDGE_P1: &str =
    "Officials in the town said on Monday that the old bridge would reopen next week after long repairs.";
const BRIDGE_P2: &str =
    "Engineers have worked on the crossing for months, and residents welcomed the news on Tuesday evening.";
// 18 tokens.
const LIBRARY_P1: &str =
    "The city library will stay open until nine in the evening from March, the council announced on Friday.";
// 14 tokens.
const LIBRARY_P2: &str =
    "Students had asked for longer opening hours during the exam season, a spokesperson said.";

fn page(title: &str, paragraphs: [&str; 2]) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1><p>{}</p><p>{}</p></article>\
         <footer>Copyright 2024 The Town Paper</footer></body></html>",
        paragraphs[0], paragraphs[1]
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// Two scored pages (one gzipped), one page without gold, one gold entry without a page.
///
/// - `bridge`: the gold is the page's body: precision 1, recall 1.
/// - `library`: the gold is the first paragraph only. The prediction's 32 tokens make 29
///   shingles, the gold's 18 make 15, all predicted: precision 15/29, recall 1.
///
/// Benchmark: precision (1 + 15/29) / 2, recall 1, F1 their harmonic mean.
fn fixture(sandbox: &Sandbox) {
    sandbox.write("pages/bridge.html.gz", gzip(page("Bridge reopens", [BRIDGE_P1, BRIDGE_P2]).as_bytes()));
    sandbox.write("pages/library.html", page("Library extends hours", [LIBRARY_P1, LIBRARY_P2]));
    sandbox.write("pages/orphan.html", page("Not in the gold", [LIBRARY_P2, LIBRARY_P1]));
    sandbox.write("pages/notes.txt", "not a page");
    let gold = serde_json::json!({
        "bridge": {"articleBody": format!("{BRIDGE_P1}\n{BRIDGE_P2}"), "url": "https://example.org/bridge"},
        "library": {"articleBody": LIBRARY_P1, "url": null},
        "missing": {"articleBody": "A page nobody saved.", "url": null},
    });
    sandbox.write("gold.json", gold.to_string());
}

/// `bench extraction` over the fixture without a peer, plus `extra` flags; its stdout.
fn bench_fixture(sandbox: &Sandbox, extra: &[&str]) -> String {
    let mut args = vec!["bench", "extraction", "--pages", "pages", "--gold", "gold.json", "--peer", "none"];
    args.extend_from_slice(extra);
    sandbox.run_ok(&args)
}

fn close(value: &serde_json::Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[test]
fn bench_extraction_scores_the_fixture_as_hand_computed() {
    let sandbox = Sandbox::new();
    fixture(&sandbox);
    let out = bench_fixture(&sandbox, &["--json"]);
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 1, "{out}");
    let row = &rows[0];
    let precision = (1.0 + 15.0 / 29.0) / 2.0;
    let f1 = 2.0 * precision / (precision + 1.0);
    assert_eq!(row["extractor"], "newsgraph");
    assert_eq!(row["pages"], 2);
    assert_eq!(row["predicted_pages"], 2);
    assert_eq!(row["errors"], 0);
    assert_eq!(row["threads"], 1);
    assert!(close(&row["precision"], precision), "{row}");
    assert!(close(&row["recall"], 1.0), "{row}");
    assert!(close(&row["f1"], f1), "{row}");
    assert!(row["pages_per_second"].as_f64().is_some_and(|v| v > 0.0), "{row}");
    let worst = row["worst"].as_array().expect("worst pages");
    assert_eq!(worst.len(), 2);
    assert_eq!(worst[0]["id"], "library");
    assert!(close(&worst[0]["precision"], 15.0 / 29.0));
    assert_eq!(worst[1]["id"], "bridge");
}

#[test]
fn bench_extraction_prints_a_table_and_the_same_figures_on_threads() {
    let sandbox = Sandbox::new();
    fixture(&sandbox);
    let out = bench_fixture(&sandbox, &["--threads", "2", "--worst", "1"]);
    let lines: Vec<&str> = out.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, ["extractor", "pages", "precision", "recall", "F1", "pages/s"], "{out}");
    let ours: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(ours[..5], ["newsgraph", "2", "0.759", "1.000", "0.863"], "{out}");
    assert!(!out.contains("speed ratio"), "no peer, no ratio: {out}");
    assert!(out.contains("lowest-F1 pages"), "{out}");
    assert!(out.lines().last().is_some_and(|line| line.ends_with(" library")), "{out}");
    assert!(!out.contains(" bridge"), "--worst 1 lists one page: {out}");
}

#[test]
fn bench_extraction_without_python_says_how_to_install_the_peer_and_succeeds() {
    let sandbox = Sandbox::new();
    fixture(&sandbox);
    let output = sandbox
        .command(&["bench", "extraction", "--pages", "pages", "--gold", "gold.json", "--json"])
        .env("NEWSGRAPH_PYTHON", sandbox.path("no-such-python"))
        .output()
        .expect("run newsgraph");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("pip install trafilatura"), "{stderr}");
    let rows = json_lines(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["extractor"], "newsgraph");
}

#[test]
fn bench_extraction_rejects_bad_input_without_panicking() {
    let sandbox = Sandbox::new();
    fixture(&sandbox);
    sandbox.write("broken.json", "{not json");
    for args in [
        ["--pages", "pages", "--gold", "broken.json"],
        ["--pages", "pages", "--gold", "absent.json"],
        ["--pages", "absent", "--gold", "gold.json"],
        ["--pages", "gold.json", "--gold", "gold.json"],
    ] {
        let mut full = vec!["bench", "extraction", "--peer", "none"];
        full.extend(args);
        let output = sandbox.run(&full);
        assert!(!output.status.success(), "{full:?} succeeded");
        assert!(String::from_utf8_lossy(&output.stderr).contains("error:"), "{full:?}");
    }
    // No page matches a gold id: an error, not an empty table.
    sandbox.write("other.json", r#"{"x": {"articleBody": "a b c", "url": null}}"#);
    let output =
        sandbox.run(&["bench", "extraction", "--peer", "none", "--pages", "pages", "--gold", "other.json"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no pages to score"));
}
