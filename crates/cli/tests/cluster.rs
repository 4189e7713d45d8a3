//! `newsgraph cluster` and `newsgraph bench clustering` run as a user would, on small JSONL
//! files written for the test.

mod common;

use common::Sandbox;

const ARTICLES: &str = r#"{"id": "b", "cluster": "minsk", "title": "Putin in Minsk for talks", "text": "Russian President Vladimir Putin held talks in Minsk with Alexander Lukashenko about the war in Ukraine.", "published": "2022-12-19T15:00:00Z"}
{"id": "a", "cluster": "minsk", "title": "Putin visits Minsk", "text": "Vladimir Putin arrived in Minsk on Monday for talks with Alexander Lukashenko on the war in Ukraine.", "published": "2022-12-19T09:00:00Z"}
not json
{"id": 3, "cluster": "floods", "title": "Floods in Pakistan", "text": "Monsoon floods displaced thousands of families in Sindh province, officials said.", "published": null}
"#;

#[test]
fn articles_on_one_event_share_a_story_in_publication_order() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("articles.jsonl", ARTICLES);
    let out = sandbox.command(&["cluster", file.to_str().expect("path")]).output().expect("run");
    assert_eq!(out.status.code(), Some(3), "a bad line is reported: {out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(":3: skipped"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<(&str, &str)> = stdout.lines().filter_map(|l| l.split_once('\t')).collect();
    // "a" was published first, the undated article comes last.
    assert_eq!(rows, [("a", "0"), ("b", "0"), ("3", "1")], "{stdout}");
}

#[test]
fn bench_clustering_scores_b_cubed() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("labelled.jsonl", ARTICLES);
    let out = sandbox.run_ok(&["bench", "clustering", "--jsonl", file.to_str().expect("path")]);
    let row = out.lines().find(|l| l.starts_with("labelled.jsonl")).unwrap_or_else(|| panic!("{out}"));
    let fields: Vec<&str> = row.split_whitespace().collect();
    // articles, stories, gold stories, precision, recall, F1.
    assert_eq!(&fields[1..7], ["3", "2", "2", "1.000", "1.000", "1.000"], "{out}");
}
