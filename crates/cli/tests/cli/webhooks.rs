//! `newsgraph webhook add|list|remove`, and an import telling a webhook of its new story. The
//! receiver is the test's own, on 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use crate::common::{EXAMPLE_PAGE, Sandbox, json_lines};

/// A receiver on 127.0.0.1 answering 204 to every request, keeping each body as JSON.
fn receiver() -> (String, Arc<Mutex<Vec<serde_json::Value>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/hook", listener.local_addr().expect("address"));
    let bodies: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let kept = bodies.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = n.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            kept.lock().expect("lock").push(serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null));
            let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        }
    });
    (url, bodies)
}

#[test]
fn webhooks_are_added_listed_told_of_new_stories_and_removed() {
    let sandbox = Sandbox::new();
    let (url, bodies) = receiver();

    let refused = sandbox.run(&["webhook", "add", "latest", &url]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--allow-private"), "{refused:?}");
    let unknown = sandbox.run(&["webhook", "add", "nowhere", "https://hooks.example/x"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no section"), "{unknown:?}");
    let not_http = sandbox.run(&["webhook", "add", "latest", "ftp://hooks.example/x"]);
    assert_eq!(not_http.status.code(), Some(1));

    let world = sandbox.run_ok(&["webhook", "add", "world", "https://hooks.example/world"]);
    assert!(world.starts_with("webhook 1:"), "{world}");
    let local = sandbox.run_ok(&["webhook", "add", "latest", &url, "--allow-private"]);
    assert!(local.starts_with("webhook 2:"), "{local}");
    let listed = json_lines(&sandbox.run_ok(&["webhook", "list", "--json"]));
    assert_eq!(listed.len(), 2);
    assert_eq!(
        (listed[0]["section"].as_str(), listed[0]["url"].as_str()),
        (Some("world"), Some("https://hooks.example/world"))
    );
    assert_eq!((listed[1]["allow_private"].as_bool(), listed[1]["pending"].as_u64()), (Some(true), Some(0)));
    // Removed before anything is stored: its receiver does not exist.
    assert!(sandbox.run_ok(&["webhook", "remove", "1"]).contains("removed webhook 1"));

    let imported = sandbox.run(&["import", EXAMPLE_PAGE]);
    assert!(imported.status.success(), "{imported:?}");
    let stderr = String::from_utf8_lossy(&imported.stderr);
    assert!(stderr.contains("webhooks: 1 stories announced, 1 delivered"), "{stderr}");
    let bodies = bodies.lock().expect("lock").clone();
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["section"]["slug"], "latest");
    let story = &bodies[0]["stories"][0];
    assert!(story["headline"].as_str().is_some_and(|h| !h.is_empty()), "{story}");
    assert_eq!(story["link"].as_str(), Some(format!("/stories/{}", story["id"]).as_str()));

    let text = sandbox.run_ok(&["webhook", "list"]);
    assert!(text.starts_with("2\tlatest\t"), "{text}");
    assert!(text.contains("1 announced, 1 delivered, 0 pending, 0 given up"), "{text}");
    assert!(sandbox.run_ok(&["webhook", "remove", "2"]).contains("removed"));
    let again = sandbox.run(&["webhook", "remove", "2"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(sandbox.run_ok(&["webhook", "list"]).is_empty());
}
