//! The real binary files imported articles in stories: import says how many it filed and how
//! many were copies, stats counts the stories, and `serve` shows them.

use crate::common::{Sandbox, Server};

const BODY: &str = "Russian President Vladimir Putin arrived in Minsk on Monday for talks with Belarusian \
President Alexander Lukashenko about military cooperation and gas prices. The two leaders discussed joint \
military exercises and the supply of Russian gas to Belarus. Putin said the talks were useful.";

fn corpus() -> String {
    let line = |url: &str, site: &str, title: &str, text: &str| {
        serde_json::json!({ "url": url, "site": site, "title": title, "published": "2022-12-19T10:00:00Z", "text": text })
            .to_string()
    };
    [
        line("https://one.example/a", "Daily One", "Putin holds talks with Lukashenko in Minsk", BODY),
        line("https://wire.example/b", "Wire", "Putin in Minsk", &format!("MINSK (Wire) - {BODY}")),
        line(
            "https://three.example/c",
            "Third Times",
            "Earthquake shakes northern Chile",
            "A strong earthquake of magnitude 6.8 struck northern Chile near Antofagasta on Monday, damaging \
houses and cutting power to thousands of homes. No deaths were reported.",
        ),
    ]
    .join("\n")
}

#[test]
fn import_files_stories_and_serve_lists_them() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.write("corpus.jsonl", corpus());
    let output = sandbox.run(&["import", corpus.to_str().expect("utf-8 path")]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("filed 3 in stories (1 copies)"), "{stderr}");
    assert_eq!(sandbox.stats()["stories"], 2);

    let server = Server::start(sandbox.command(&["serve", "--addr", "127.0.0.1:0"]));
    let (status, front) = server.get("/");
    assert_eq!(status, 200);
    assert!(front.contains("2 stories from 3 articles"), "{front}");
    let (status, stories) = server.get_json("/api/v1/stories");
    assert_eq!(status, 200);
    let first = &stories["stories"][0];
    assert_eq!((first["articles"].as_u64(), first["outlets"].as_u64()), (Some(2), Some(2)), "{stories}");
    let (status, page) = server.get(first["link"].as_str().expect("link"));
    assert_eq!(status, 200);
    assert!(page.contains("copy of "), "{page}");
}
