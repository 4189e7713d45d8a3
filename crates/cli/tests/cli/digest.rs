//! `newsgraph digest` on imported articles: the day's stories, the most covered first, in each
//! format (Markdown, a standalone HTML page, JSON); links to the articles' own pages or to the
//! app; an empty day said plainly; bad dates and flags refused.

use crate::common::Sandbox;

const MINSK: &str = "Russian President Vladimir Putin arrived in Minsk on Monday for talks with Belarusian \
President Alexander Lukashenko about military cooperation and gas prices. The two leaders discussed joint \
military exercises and the supply of Russian gas to Belarus. \"We will deepen our alliance with Belarus,\" \
Putin told reporters after the talks.";

const QUAKE: &str = "A strong earthquake of magnitude 6.8 struck northern Chile near Antofagasta on Monday, \
damaging houses and cutting power to thousands of homes. No deaths were reported, the national emergency \
office said.";

/// Minsk talks from two outlets (one a wire copy) and an earthquake on 2022-12-19 (UTC; the
/// quake's page says the 18th in its own time zone), and a later article on the 20th.
fn imported() -> Sandbox {
    let sandbox = Sandbox::new();
    let line = |url: &str, site: &str, title: &str, published: &str, text: &str| {
        serde_json::json!({ "url": url, "site": site, "title": title, "published": published, "text": text })
            .to_string()
    };
    let corpus = [
        line(
            "https://one.example/a",
            "Daily One",
            "Putin holds talks in Minsk",
            "2022-12-19T10:00:00Z",
            MINSK,
        ),
        line(
            "https://wire.example/b",
            "Wire",
            "Putin in Minsk",
            "2022-12-19T11:00:00Z",
            &format!("MINSK (Wire) - {MINSK}"),
        ),
        line(
            "https://three.example/c",
            "Third <b>Times</b>",
            "Earthquake shakes northern Chile",
            "2022-12-18T23:00:00-05:00",
            QUAKE,
        ),
        line(
            "https://four.example/d",
            "Fourth Daily",
            "Floods close roads in Pakistan",
            "2022-12-20T08:00:00Z",
            "Heavy rain flooded roads across Sindh province on Tuesday, officials in Karachi said.",
        ),
    ]
    .join("\n");
    let path = sandbox.write("corpus.jsonl", corpus);
    sandbox.run_ok(&["import", path.to_str().expect("utf-8 path")]);
    sandbox
}

/// Runs `digest` with `args`, NEWSGRAPH_PUBLIC_URL unset: (exit code, stdout, stderr).
fn digest(sandbox: &Sandbox, args: &[&str]) -> (i32, String, String) {
    let mut command = sandbox.command(&[&["digest"], args].concat());
    let output = command.env_remove("NEWSGRAPH_PUBLIC_URL").output().expect("run newsgraph");
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stdout.into_owned(), stderr.into_owned())
}

#[test]
fn each_format_lists_the_days_stories_most_covered_first() {
    let sandbox = imported();

    let (code, markdown, _) = digest(&sandbox, &["--date", "2022-12-19"]);
    assert_eq!(code, 0);
    assert!(markdown.starts_with("# Daily digest: 2022-12-19\n"), "{markdown}");
    let minsk = markdown.find("## 1. [Putin").expect("the Minsk story first");
    let quake =
        markdown.find("## 2. [Earthquake shakes northern Chile](https://three.example/c)").expect("quake");
    assert!(minsk < quake, "{markdown}");
    assert!(markdown.contains("2 articles from 2 outlets that day"), "{markdown}");
    assert!(markdown.contains("1 article from 1 outlet that day"), "{markdown}");
    assert!(markdown.contains("We will deepen our alliance with Belarus"), "a key quote: {markdown}");
    assert!(markdown.contains("- **Putin**: "), "its speaker: {markdown}");
    assert!(markdown.contains("(https://one.example/a)"), "links to the articles' own pages: {markdown}");
    assert!(!markdown.contains("Floods"), "the 20th's story is not the 19th's");

    let (code, json, _) = digest(&sandbox, &["--date", "2022-12-19", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
    assert_eq!(json["date"], "2022-12-19");
    let stories = json["stories"].as_array().expect("stories");
    assert_eq!(stories.len(), 2, "{json}");
    assert_eq!(stories[0]["articles_that_day"].as_u64(), Some(2));
    assert_eq!(stories[0]["outlets_that_day"].as_u64(), Some(2));
    let quotes = stories[0]["quotes"].as_array().expect("quotes");
    assert!(
        quotes.iter().any(|q| q["person"]["name"] == "Vladimir Putin" && q["kind"] == "direct"),
        "{json}"
    );
    assert_eq!(stories[1]["headline"], "Earthquake shakes northern Chile");

    let (code, html, _) = digest(&sandbox, &["--date", "2022-12-19", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<title>Daily digest: 2022-12-19</title>"));
    assert!(html.contains(r#"href="https://one.example/a""#), "{html}");
    assert!(html.contains("Third &lt;b&gt;Times&lt;/b&gt;") || !html.contains("Third"), "outlets escaped");
    assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("<img"), "standalone");

    let (code, one, _) = digest(&sandbox, &["--date", "2022-12-19", "--limit", "1"]);
    assert_eq!(code, 0);
    assert!(one.contains("## 1. ") && !one.contains("## 2. "), "{one}");
}

#[test]
fn links_go_to_the_app_when_its_address_is_given() {
    let sandbox = imported();
    let (code, markdown, stderr) =
        digest(&sandbox, &["--date", "2022-12-19", "--public-url", "https://news.example/ng/"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(markdown.contains("](https://news.example/ng/stories/"), "{markdown}");
    assert!(markdown.contains("](https://news.example/ng/articles/"), "{markdown}");
    assert!(!markdown.contains("https://one.example/a"), "{markdown}");

    let (code, _, stderr) =
        digest(&sandbox, &["--date", "2022-12-19", "--public-url", "javascript:alert(1)"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("--public-url"), "{stderr}");
}

#[test]
fn an_empty_day_is_an_empty_digest_and_bad_dates_are_refused() {
    let sandbox = imported();
    let (code, markdown, stderr) = digest(&sandbox, &["--date", "2001-01-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(markdown, "# Daily digest: 2001-01-01\n\nNo stories had articles on 2001-01-01 (UTC).\n");
    let (code, json, _) = digest(&sandbox, &["--date", "2001-01-01", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(json.trim(), r#"{"date":"2001-01-01","stories":[]}"#);
    let (code, html, stderr) = digest(&sandbox, &["--date", "2001-01-01", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.contains("No stories had articles on 2001-01-01"), "{html}");
    assert!(stderr.contains("No stories had articles on 2001-01-01"), "{stderr}");

    let (code, _, _) = digest(&sandbox, &[]);
    assert_eq!(code, 0, "yesterday's, whatever it holds");

    for bad in [&["--date", "2022-13-01"][..], &["--date", "19/12/2022"], &["--date", "2022-12-1"]] {
        let (code, _, stderr) = digest(&sandbox, bad);
        assert_eq!(code, 2, "{bad:?}");
        assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
    }
    for bad in [&["--format", "pdf"][..], &["--limit", "0"], &["--limit", "51"]] {
        assert_eq!(digest(&sandbox, bad).0, 2, "{bad:?}");
    }
}
