//! `newsgraph bench quotes` run as a user would, on a small PolNeAR-shaped fixture written to
//! a temporary directory (no ../shared data, no Python needed), and on the real dev split
//! when ../shared/data is there.

use std::path::Path;

use crate::common::{Sandbox, json_lines};

const PESKOV: &str = "Kremlin spokesman Dmitry Peskov told reporters that Belarus was Russia's number one ally.\n\n\u{201c}We will not join the war,\u{201d} the president said on Monday.\n";
const SHORT: &str = "Prices rose again in March, the statistics office said.\n";

/// Character offsets of `form` in `text`, as brat gives them.
fn chars(text: &str, form: &str) -> String {
    let start = text.find(form).unwrap_or_else(|| panic!("{form:?}"));
    let s = text[..start].chars().count();
    format!("{s} {}", s + form.chars().count())
}

fn fixture(sandbox: &Sandbox) {
    sandbox.write(
        "polnear/metadata.tsv",
        "compartment\tfilename\tlevel\tannotators\tpublisher\n\
         dev\tpeskov\tNone\taaaa|bbbb\tnyt\n\
         dev\tshort\tNone\tcccc\tnyt\n\
         dev\tmissing\tNone\tdddd\tnyt\n\
         train\tpeskov\tNone\taaaa\tnyt\n",
    );
    sandbox.write("polnear/dev/text/peskov.txt", PESKOV);
    sandbox.write("polnear/dev/text/short.txt", SHORT);
    let t = |text: &str, id: &str, label: &str, form: &str| {
        format!("{id}\t{label} {}\t{form}\n", chars(text, form))
    };
    let peskov = [
        t(PESKOV, "T1", "Source", "Kremlin spokesman Dmitry Peskov"),
        t(PESKOV, "T2", "Cue", "told"),
        t(PESKOV, "T3", "Content", "that Belarus was Russia's number one ally"),
        t(PESKOV, "T4", "Source", "the president"),
        t(PESKOV, "T5", "Cue", "said"),
        t(PESKOV, "T6", "Content", "We will not join the war,"),
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\nE2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n"
            .into(),
    ];
    sandbox.write("polnear/dev/attributions/peskov_aaaa.ann", peskov.concat());
    // The second annotator's file is not read.
    sandbox.write("polnear/dev/attributions/peskov_bbbb.ann", "");
    let short = [
        t(SHORT, "T1", "Source", "the statistics office"),
        t(SHORT, "T2", "Content", "Prices rose again in March"),
        "E1\tAttribution:T1 Source:T1 Content:T2\n".into(),
    ];
    sandbox.write("polnear/dev/attributions/short_cccc.ann", short.concat());
}

fn in_unit(value: &serde_json::Value) -> bool {
    value.as_f64().is_some_and(|v| (0.0..=1.0).contains(&v))
}

#[test]
fn bench_quotes_scores_the_split_with_the_first_annotator() {
    let sandbox = Sandbox::new();
    fixture(&sandbox);
    let output = sandbox.run(&["bench", "quotes", "--polnear", "polnear", "--peer", "none", "--json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("skipped missing"), "a listed document without files is skipped: {stderr}");
    let rows = json_lines(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["system"], "newsgraph");
    assert_eq!(row["documents"], 2);
    assert_eq!(row["gold"], 3, "two attributions of the first annotator, one of the other document");
    for key in ["content", "content_source", "content_source_lenient"] {
        for figure in ["precision", "recall", "f1"] {
            assert!(in_unit(&row[key][figure]), "{key}.{figure}: {row}");
        }
    }
    for key in ["recall_direct", "recall_mixed", "recall_indirect"] {
        assert!(in_unit(&row[key]), "{key}: {row}");
    }
    assert!(row["documents_per_second"].as_f64().is_some_and(|v| v > 0.0), "{row}");
}

#[test]
fn bench_quotes_without_the_peer_says_how_to_install_it_and_prints_its_own_row() {
    let sandbox = Sandbox::new();
    fixture(&sandbox);
    let output = sandbox
        .command(&["bench", "quotes", "--polnear", "polnear"])
        .env("NEWSGRAPH_PYTHON", sandbox.path("no-such-python"))
        .output()
        .expect("run newsgraph");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("pip install textacy"), "{stderr}");
    let out = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "header and newsgraph's row: {out}");
    assert!(lines[0].starts_with("system") && lines[1].starts_with("newsgraph"), "{out}");
}

#[test]
fn bench_quotes_refuses_a_directory_without_the_split() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["bench", "quotes", "--polnear", "nowhere", "--peer", "none"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("metadata.tsv"));
    fixture(&sandbox);
    let output =
        sandbox.run(&["bench", "quotes", "--polnear", "polnear", "--split", "test", "--peer", "none"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no documents of split \"test\""));
    let junk = sandbox.write("junk.bin.gz", "not a model");
    let junk = junk.to_str().expect("utf-8 path");
    let output = sandbox.run(&["bench", "quotes", "--polnear", "polnear", "--model", junk, "--peer", "none"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not an attribution model"));
}

/// The real dev split, when ../shared/data is there (skipped otherwise): every document read,
/// and scores in the range the shipped model has reached.
#[test]
fn bench_quotes_on_polnear_dev() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/quotes/polnear");
    if !dir.join("metadata.tsv").is_file() {
        eprintln!("skipped: no PolNeAR at {}", dir.display());
        return;
    }
    let sandbox = Sandbox::new();
    let polnear = dir.to_str().expect("utf-8 path");
    let out = sandbox.run_ok(&["bench", "quotes", "--polnear", polnear, "--peer", "none", "--json"]);
    let row = &json_lines(&out)[0];
    assert_eq!(row["documents"], 84);
    assert_eq!(row["gold"], 2192);
    assert!(row["content"]["f1"].as_f64().is_some_and(|f| f > 0.5), "{row}");
}
