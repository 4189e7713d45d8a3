//! `newsgraph cluster` and `newsgraph bench clustering` run as a user would, on small JSONL
//! files written for the test.

use crate::common::Sandbox;

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

#[test]
fn dedup_names_the_first_copy_to_arrive_and_entities_can_be_given() {
    let sandbox = Sandbox::new();
    // "copy" is "a" with another site's boilerplate; it was published first, so it is the
    // canonical article. Given entities are used as they are (no recogniser needed).
    let copies = format!(
        "{}\n{}\n{}\n",
        r#"{"id": "a", "title": "Putin visits Minsk", "text": "Vladimir Putin arrived in Minsk on Monday for talks with Alexander Lukashenko on the war in Ukraine, the Kremlin said.", "published": "2022-12-19T09:00:00Z", "entities": ["PER:vladimir putin"]}"#,
        r#"{"id": "copy", "title": "Putin visits Minsk | BOL News", "text": "Vladimir Putin arrived in Minsk on Monday for talks with Alexander Lukashenko on the war in Ukraine, the Kremlin said. Download The BOL News App.", "published": "2022-12-19T08:00:00Z", "entities": []}"#,
        r#"{"id": "floods", "title": "Floods in Pakistan", "text": "Monsoon floods displaced thousands of families in Sindh province, officials said.", "published": "2022-12-19T10:00:00Z"}"#,
    );
    let file = sandbox.write("copies.jsonl", &copies);
    let out = sandbox.run_ok(&["dedup", "--no-entities", file.to_str().expect("path")]);
    let rows: Vec<(&str, &str)> = out.lines().filter_map(|l| l.split_once('\t')).collect();
    assert_eq!(rows, [("copy", "copy"), ("a", "copy"), ("floods", "floods")], "{out}");
    // The copy is in its canonical article's story.
    let out = sandbox.run_ok(&["cluster", "--no-entities", file.to_str().expect("path")]);
    let rows: Vec<(&str, &str)> = out.lines().filter_map(|l| l.split_once('\t')).collect();
    assert_eq!(rows, [("copy", "0"), ("a", "0"), ("floods", "1")], "{out}");
}

#[test]
fn bench_rewrites_counts_linked_and_wrongly_linked_pairs() {
    let sandbox = Sandbox::new();
    let rows = [
        (
            "Putin visits Minsk",
            "Russian President Vladimir Putin arrived in Minsk on Monday for talks with Alexander Lukashenko. Kremlin spokesman Dmitry Peskov said the talks would cover the economy of Belarus.",
            "On Monday Vladimir Putin, the Russian President, travelled to Minsk for talks with Alexander Lukashenko; the economy of Belarus was on the agenda, Kremlin spokesman Dmitry Peskov said.",
            "Kremlin spokesman Dmitry Peskov said Vladimir Putin, Russia's President, would discuss the economy of Belarus with Alexander Lukashenko after arriving in Minsk on Monday.",
        ),
        (
            "Floods in Pakistan",
            "Monsoon floods displaced thousands of families in Sindh province, officials in Karachi said on Tuesday, as rescue teams from the Pakistan Army reached villages near Sukkur.",
            "Thousands of families in Sindh province were displaced by monsoon floods, officials in Karachi said on Tuesday; Pakistan Army rescue teams reached villages near Sukkur.",
            "Rescue teams from the Pakistan Army reached villages near Sukkur as monsoon floods displaced thousands of families in Sindh province, officials in Karachi said Tuesday.",
        ),
    ];
    let jsonl: String = rows
        .iter()
        .map(|(title, original, a, b)| {
            format!(
                "{}\n",
                serde_json::json!({"id": title, "title": title, "original": original, "rewrite_a": a, "rewrite_b": b})
            )
        })
        .collect();
    let file = sandbox.write("rewrites.jsonl", &jsonl);
    let out =
        sandbox.run_ok(&["bench", "rewrites", "--no-entities", "--jsonl", file.to_str().expect("path")]);
    let row = out.lines().nth(1).unwrap_or_else(|| panic!("{out}"));
    let fields: Vec<&str> = row.split_whitespace().collect();
    // articles, pairs, linked, as copies, unrelated pairs, wrongly linked.
    assert_eq!(&fields[..6], ["6", "4", "4", "0", "9", "0"], "{out}");
}
