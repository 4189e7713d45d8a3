//! Webhooks end to end: a section followed by a receiver the test starts on 127.0.0.1, told
//! of each new story once (not of the archive, nor of an old story that grows), a failing
//! receiver tried again on a later round, and a private address refused before connecting
//! unless the webhook allows it.

use std::io::Write;
use std::net::TcpListener;
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use newsgraph_pipeline::{
    Engine, ImportInput, ImportOptions, NotifyOptions, PipelineError, add_webhook, import, notify,
};
use newsgraph_store::{Section, SectionRule, Webhook, WebhookId};

use crate::http::read_request;

/// A receiver on 127.0.0.1: the POSTs it read (path, JSON body), the connections it took, and
/// the status it answers with (changed by the test).
struct Receiver {
    port: u16,
    posts: Arc<Mutex<Vec<(String, serde_json::Value)>>>,
    connections: Arc<AtomicUsize>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    fn start() -> Receiver {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        let port = listener.local_addr().expect("address").port();
        let receiver = Receiver {
            port,
            posts: Arc::default(),
            connections: Arc::default(),
            status: Arc::new(AtomicU16::new(204)),
        };
        let (posts, connections, status) =
            (receiver.posts.clone(), receiver.connections.clone(), receiver.status.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                connections.fetch_add(1, Ordering::SeqCst);
                let request = read_request(&stream);
                let json = serde_json::from_slice(&request.body).unwrap_or(serde_json::Value::Null);
                posts.lock().expect("lock").push((request.path, json));
                let code = status.load(Ordering::SeqCst);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {code} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                let _ = stream.flush();
            }
        });
        receiver
    }

    fn posts(&self) -> Vec<(String, serde_json::Value)> {
        self.posts.lock().expect("lock").clone()
    }
}

fn line(url: &str, title: &str, published: &str, text: &str) -> String {
    serde_json::json!({ "url": url, "site": "Example", "title": title, "published": published, "text": text })
        .to_string()
}

const HARBOUR: &str = "A violent storm flooded the harbour of Brest on Saturday, sinking two fishing boats \
and tearing the roofs off warehouses along the quay. Ferries to the islands were cancelled and the fishermen \
stayed home while the harbour master counted the damage to the moorings.";

fn import_lines(engine: &Engine, dir: &std::path::Path, name: &str, lines: &[String]) {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n")).expect("write");
    let summary =
        import(engine, &[ImportInput::Path(path)], &ImportOptions::default(), &mut |_| {}).expect("import");
    assert!(summary.failed.is_empty(), "{summary:?}");
}

fn webhook(engine: &Engine, id: WebhookId) -> Webhook {
    engine.store.webhooks().expect("webhooks").into_iter().find(|w| w.id == id).expect("listed")
}

/// The headlines of the stories each POST carried.
fn headlines(posts: &[(String, serde_json::Value)]) -> Vec<Vec<String>> {
    posts
        .iter()
        .map(|(_, json)| {
            let stories = json["stories"].as_array().cloned().unwrap_or_default();
            stories.iter().map(|s| s["headline"].as_str().unwrap_or("").to_owned()).collect()
        })
        .collect()
}

#[test]
fn new_stories_are_announced_once_retried_on_failure_and_private_addresses_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    let storms = Section {
        slug: "storms".into(),
        name: "Storms".into(),
        position: 9,
        rule: SectionRule::Query { text: "storm".into(), entities: vec![] },
    };
    engine.store.save_section(&storms).expect("section");
    import_lines(
        &engine,
        dir.path(),
        "archive.jsonl",
        &[line("https://one.example/harbour", "Storm floods Brest harbour", "2022-01-08T10:00:00Z", HARBOUR)],
    );

    let receiver = Receiver::start();
    let elsewhere = Receiver::start();
    let options =
        NotifyOptions { public_url: Some("https://news.example".into()), ..NotifyOptions::default() };
    let now: DateTime<Utc> = Utc::now();
    let url = format!("http://127.0.0.1:{}/hook", receiver.port);
    let refused = add_webhook(&engine, "storms", &url, false, &options, now);
    assert!(
        matches!(refused, Err(PipelineError::Invalid(ref why)) if why.contains("--allow-private")),
        "{refused:?}"
    );
    let unknown = add_webhook(&engine, "nowhere", &url, true, &options, now);
    assert!(matches!(unknown, Err(PipelineError::Invalid(_))), "{unknown:?}");
    let hook = add_webhook(&engine, "storms", &url, true, &options, now).expect("add");
    // A name is checked when it resolves: this one resolves to loopback, which it may not use.
    let by_name = format!("http://localhost:{}/refused", elsewhere.port);
    let guarded = add_webhook(&engine, "storms", &by_name, false, &options, now).expect("add by name");

    let quiet = notify(&engine, &options, now).expect("notify");
    assert_eq!((quiet.webhooks, quiet.announced, quiet.queued), (2, 0, 0), "the archive is not announced");
    assert!(receiver.posts().is_empty());

    import_lines(
        &engine,
        dir.path(),
        "new.jsonl",
        &[
            line(
                "https://two.example/harvest",
                "Storm ruins the wheat harvest in Kansas",
                "2022-03-01T10:00:00Z",
                "Hail and a storm flattened the wheat across western Kansas on Tuesday. Farmers said the grain \
                 harvest was lost on thousands of acres and that crop insurance would not cover the seed.",
            ),
            line(
                "https://three.example/rates",
                "Central bank raises interest rates",
                "2022-04-01T10:00:00Z",
                "The central bank raised its interest rate by half a point, saying inflation had not slowed \
                 and that mortgages and loans would cost more through the summer.",
            ),
            line(
                "https://wire.example/harbour",
                "Storm floods Brest harbour",
                "2022-01-08T11:00:00Z",
                &format!("{HARBOUR} Copyright Wire Service."),
            ),
        ],
    );
    let first = notify(&engine, &options, now).expect("notify");
    let posts = receiver.posts();
    assert_eq!(
        headlines(&posts),
        [["Storm ruins the wheat harvest in Kansas"]],
        "only the new story: {first:?}"
    );
    let (path, json) = &posts[0];
    assert_eq!(path, "/hook");
    assert_eq!(json["section"], serde_json::json!({"slug": "storms", "name": "Storms"}));
    let story = &json["stories"][0];
    assert!(story["link"].as_str().unwrap_or("").starts_with("https://news.example/stories/"), "{story}");
    assert_eq!((story["articles"].as_u64(), story["outlets"].as_u64()), (Some(1), Some(1)));
    assert!(story["summary"].as_array().is_some_and(|s| !s.is_empty()), "{story}");
    assert!(story["first_seen"].is_string() && story["last_seen"].is_string() && story["id"].is_i64());
    assert_eq!((first.announced, first.delivered, first.given_up), (2, 1, 1), "{first:?}");
    assert_eq!(elsewhere.connections.load(Ordering::SeqCst), 0, "refused before connecting");
    let refused = webhook(&engine, guarded);
    assert_eq!((refused.given_up, refused.pending), (1, 0));
    assert!(refused.last_error.as_deref().is_some_and(|e| e.contains("localhost")), "{refused:?}");

    let again = notify(&engine, &options, now).expect("notify");
    assert_eq!((again.announced, again.delivered), (0, 0), "announced once");
    assert_eq!(receiver.posts().len(), 1);

    receiver.status.store(500, Ordering::SeqCst);
    import_lines(
        &engine,
        dir.path(),
        "later.jsonl",
        &[line(
            "https://four.example/launch",
            "Storm delays the rocket launch",
            "2022-06-01T10:00:00Z",
            "Engineers at the spaceport postponed the rocket launch after a tropical storm brought lightning \
             and high winds over the pad; the satellite stays in its fairing until Friday.",
        )],
    );
    let failing = notify(&engine, &options, now).expect("notify");
    let counts = (failing.announced, failing.delivered, failing.retrying, failing.given_up);
    assert_eq!(counts, (2, 0, 1, 1), "one story for each webhook: {failing:?}");
    assert_eq!(receiver.posts().len(), 2, "tried once");
    let state = webhook(&engine, hook);
    assert_eq!((state.pending, state.delivered), (1, 1));
    assert_eq!(state.last_error.as_deref(), Some("HTTP status 500"));
    assert_eq!(state.next_attempt.map(|t| t.timestamp()), Some((now + Duration::minutes(1)).timestamp()));

    let too_soon = notify(&engine, &options, now).expect("notify");
    assert_eq!(too_soon.retrying + too_soon.delivered, 0, "not due yet");
    assert_eq!(receiver.posts().len(), 2);

    receiver.status.store(200, Ordering::SeqCst);
    let later = notify(&engine, &options, now + Duration::minutes(2)).expect("notify");
    assert_eq!((later.announced, later.delivered), (0, 1), "{later:?}");
    let posts = receiver.posts();
    assert_eq!(
        headlines(&posts[1..]),
        [["Storm delays the rocket launch"], ["Storm delays the rocket launch"]]
    );
    let state = webhook(&engine, hook);
    assert_eq!(
        (state.pending, state.delivered, state.announced, state.last_error.as_deref()),
        (0, 2, 2, None)
    );
}

#[test]
fn latest_announces_new_stories_and_breaking_those_new_to_its_hours() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(&dir.path().join("data")).expect("open");
    import_lines(
        &engine,
        dir.path(),
        "archive.jsonl",
        &[line("https://one.example/harbour", "Storm floods Brest harbour", "2022-01-08T10:00:00Z", HARBOUR)],
    );
    let receiver = Receiver::start();
    let options = NotifyOptions::default();
    let now = Utc::now();
    for slug in ["latest", "breaking"] {
        let url = format!("http://127.0.0.1:{}/{slug}", receiver.port);
        add_webhook(&engine, slug, &url, true, &options, now).expect("add");
    }
    import_lines(
        &engine,
        dir.path(),
        "new.jsonl",
        &[
            // The archive's story grows: neither announces it (it was breaking already).
            line(
                "https://wire.example/harbour",
                "Storm floods Brest harbour",
                "2022-01-08T11:00:00Z",
                &format!("{HARBOUR} Copyright Wire Service."),
            ),
            line(
                "https://two.example/orchestra",
                "Orchestra opens its new concert hall",
                "2022-01-08T12:00:00Z",
                "The city orchestra played its first concert in the new hall on Saturday night, a programme of \
                 Brahms and Sibelius that the conductor said suited the warm acoustics of the oak panels.",
            ),
            // A new story, dated long before Breaking's hours: only Latest holds it.
            line(
                "https://three.example/rates",
                "Central bank raises interest rates",
                "2021-04-01T10:00:00Z",
                "The central bank raised its interest rate by half a point, saying inflation had not slowed \
                 and that mortgages and loans would cost more through the summer.",
            ),
        ],
    );
    let summary = notify(&engine, &options, now).expect("notify");
    assert_eq!(summary.delivered, 2, "{summary:?}");
    let mut posts: Vec<(String, Vec<String>)> =
        receiver.posts().iter().map(|(path, _)| path.clone()).zip(headlines(&receiver.posts())).collect();
    posts.sort();
    let mut latest = posts[1].1.clone();
    latest.sort();
    assert_eq!(posts[0], ("/breaking".to_owned(), vec!["Orchestra opens its new concert hall".to_owned()]));
    assert_eq!(posts[1].0, "/latest");
    assert_eq!(latest, ["Central bank raises interest rates", "Orchestra opens its new concert hall"]);
}
