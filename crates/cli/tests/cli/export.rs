//! `newsgraph export` on an imported corpus: every kind in every format read back (CSV with
//! the csv crate, JSON Lines line by line, Parquet with the parquet crate's reader), a search's
//! filters, files replaced only when complete, and mistakes refused.

use bytes::Bytes;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::common::{Sandbox, json_lines};

const BODY: &str = "Russian President Vladimir Putin arrived in Minsk on Monday for talks with Belarusian \
President Alexander Lukashenko about military cooperation and gas prices. \"The talks were useful,\" Putin \
told reporters. Russia will supply 20 billion cubic metres of gas to Belarus next year.";

fn corpus() -> String {
    let line = |url: &str, site: &str, title: &str, published: &str, text: &str| {
        serde_json::json!({ "url": url, "site": site, "title": title, "published": published, "text": text })
            .to_string()
    };
    [
        line("https://one.example/a", "Daily One", "Putin, Lukashenko hold \"talks\" in Minsk", "2022-12-19T10:00:00Z", BODY),
        line("https://wire.example/b", "Wire", "Putin in Minsk", "2022-12-19T12:00:00Z", &format!("MINSK (Wire) - {BODY}")),
        line(
            "https://three.example/c",
            "Third Times",
            "Earthquake shakes northern Chile",
            "2022-12-21T08:00:00Z",
            "A strong earthquake of magnitude 6.8 struck northern Chile near Antofagasta on Tuesday, damaging \
300 houses and cutting power to thousands of homes. No deaths were reported.",
        ),
    ]
    .join("\n")
}

fn imported() -> Sandbox {
    let sandbox = Sandbox::new();
    let corpus = sandbox.write("corpus.jsonl", corpus());
    sandbox.run_ok(&["import", corpus.to_str().expect("utf-8 path")]);
    sandbox
}

fn csv_records(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.expect("record").iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn articles_entities_and_figures_come_out_in_each_format() {
    let sandbox = imported();
    let output = sandbox.run(&["export", "--what", "articles"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("exported 3 articles rows as csv to standard output"), "{stderr}");
    let (header, rows) = csv_records(&String::from_utf8(output.stdout).expect("utf-8"));
    assert_eq!(
        header,
        [
            "id",
            "url",
            "title",
            "published",
            "site",
            "language",
            "authors",
            "story_id",
            "duplicate_of",
            "rewrite_of",
            "imported_at",
            "text"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][2], "Putin, Lukashenko hold \"talks\" in Minsk", "quoted and read back whole");
    assert_eq!(rows[0][3], "2022-12-19T10:00:00Z");
    assert_eq!(rows[1][8], rows[0][0], "the wire copy names its original");
    assert!(rows[0][11].starts_with("Russian President"), "{}", rows[0][11]);

    let entities = json_lines(&sandbox.run_ok(&["export", "--what", "entities", "--format", "jsonl"]));
    let names: Vec<&str> = entities.iter().filter_map(|e| e["name"].as_str()).collect();
    assert!(names.contains(&"Vladimir Putin") && names.contains(&"Minsk"), "{names:?}");
    for e in &entities {
        let keys: Vec<&str> = e.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 8, "{e}");
        assert!(e["mentions"].as_u64() >= e["articles"].as_u64(), "{e}");
    }

    for what in ["quotes", "amounts", "times", "stories"] {
        let out = sandbox.path(&format!("{what}.parquet"));
        let out_arg = out.to_str().expect("utf-8 path");
        sandbox.run_ok(&["export", "--what", what, "--format", "parquet", "--out", out_arg]);
        let reader =
            ParquetRecordBatchReaderBuilder::try_new(Bytes::from(std::fs::read(&out).expect("written")))
                .expect("parquet");
        let rows: usize = reader.build().expect("reader").map(|b| b.expect("batch").num_rows()).sum();
        let (_, csv_rows) = csv_records(&sandbox.run_ok(&["export", "--what", what]));
        assert_eq!(rows, csv_rows.len(), "{what}: the same rows in both formats");
        assert!(rows > 0, "{what}: the corpus has some");
    }
    assert!(!sandbox.path(".quotes.parquet.partial").exists(), "the partial file was moved into place");

    let stories = ParquetRecordBatchReaderBuilder::try_new(Bytes::from(
        std::fs::read(sandbox.path("stories.parquet")).expect("written"),
    ))
    .expect("parquet");
    let fields: Vec<String> = stories.schema().fields().iter().map(|f| f.name().clone()).collect();
    assert_eq!(fields, ["id", "headline", "first_seen", "last_seen", "articles", "outlets", "summary"]);
}

#[test]
fn a_search_selects_the_articles_and_what_is_exported_of_them() {
    let sandbox = imported();
    let (_, articles) =
        csv_records(&sandbox.run_ok(&["export", "--what", "articles", "--query", "earthquake"]));
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0][2], "Earthquake shakes northern Chile");

    let all = json_lines(&sandbox.run_ok(&["export", "--what", "entities", "--format", "jsonl"]));
    let quake = json_lines(&sandbox.run_ok(&[
        "export",
        "--what",
        "entities",
        "--format",
        "jsonl",
        "--query",
        "earthquake",
    ]));
    assert!(!quake.is_empty() && quake.len() < all.len(), "{quake:?}");
    assert!(quake.iter().all(|e| e["name"] != "Vladimir Putin"), "{quake:?}");

    let (_, stories) = csv_records(&sandbox.run_ok(&["export", "--what", "stories", "--query", "Minsk"]));
    assert_eq!(stories.len(), 1, "both Minsk articles are in one story");
    assert_eq!(stories[0][4], "2");

    let putin = all.iter().find(|e| e["name"] == "Vladimir Putin").expect("Putin")["id"].to_string();
    let (_, by_entity) = csv_records(&sandbox.run_ok(&["export", "--what", "articles", "--entity", &putin]));
    assert_eq!(by_entity.len(), 2);
    let (_, window) = csv_records(&sandbox.run_ok(&[
        "export",
        "--what",
        "quotes",
        "--since",
        "2022-12-20",
        "--until",
        "2022-12-31",
    ]));
    assert!(window.iter().all(|q| q[0] == articles[0][0]), "only the quake article's: {window:?}");
    let (_, quotes) = csv_records(&sandbox.run_ok(&["export", "--what", "quotes"]));
    assert!(quotes.len() > window.len(), "{quotes:?}");
}

#[test]
fn mistakes_are_refused_and_leave_no_file() {
    let sandbox = imported();
    let out = sandbox.path("articles.csv");
    std::fs::write(&out, "kept").expect("write");
    let cases: [&[&str]; 4] = [
        &["export", "--what", "articles", "--since", "yesterday"],
        &["export", "--what", "articles", "--since", "2022-12-21", "--until", "2022-12-19"],
        &["export", "--what", "articles", "--entity", "99999"],
        &["export", "--what", "articles", "--out", "missing/dir/a.csv"],
    ];
    for args in cases {
        let output = sandbox.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).starts_with("error: "), "{args:?}");
    }
    for args in [&["export", "--what", "people"][..], &["export", "--what", "articles", "--format", "xlsx"]] {
        assert_eq!(sandbox.run(args).status.code(), Some(2), "clap refuses {args:?}");
    }
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "kept");
    let names: Vec<String> = std::fs::read_dir(sandbox.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
}
