//! POSTs (webhooks) against a receiver the test starts on 127.0.0.1 (nothing else is ever
//! contacted): the guard refuses before connecting, JSON goes out with its type, redirects are
//! not followed, statuses and Retry-After come back, and only the start of an answer is read.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use newsgraph_fetch::{AddressPolicy, FetchError, FetchOptions, Fetcher, MAX_ANSWER_BYTES, Refusal};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A request as the receiver read it: its head (lower-cased) and body.
type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// Connections the receiver accepted.
type Connections = Arc<AtomicUsize>;

/// A receiver on 127.0.0.1 that reads each request whole (head, then as many body bytes as
/// Content-Length says) and answers by path.
async fn receiver() -> (SocketAddr, Received, Connections) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let received: Received = Arc::default();
    let log = received.clone();
    let connections: Connections = Arc::default();
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            let log = log.clone();
            tokio::spawn(async move {
                let mut bytes = Vec::new();
                let mut buffer = [0u8; 4096];
                let (head, body) = loop {
                    if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
                        let length: usize = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length: "))
                            .and_then(|n| n.trim().parse().ok())
                            .unwrap_or(0);
                        if bytes.len() >= end + 4 + length {
                            break (head, bytes[end + 4..end + 4 + length].to_vec());
                        }
                    }
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => bytes.extend_from_slice(&buffer[..n]),
                    }
                };
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                log.lock().expect("lock").push((head, body));
                let answer = answer(&path);
                let _ = stream.write_all(&answer).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (addr, received, connections)
}

fn answer(path: &str) -> Vec<u8> {
    let reply = |status: &str, headers: &str, body: &[u8]| {
        let mut bytes = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
            body.len()
        )
        .into_bytes();
        bytes.extend_from_slice(body);
        bytes
    };
    match path {
        "/hook" => reply("204 No Content", "", b""),
        "/chatty" => reply("200 OK", "", &vec![b'x'; 100_000]),
        "/moved" => reply("301 Moved Permanently", "Location: /hook\r\n", b""),
        "/busy" => reply("503 Service Unavailable", "Retry-After: 7\r\n", b"later"),
        _ => reply("404 Not Found", "", b""),
    }
}

fn fetcher(policy: AddressPolicy) -> Fetcher {
    Fetcher::new(FetchOptions { policy, timeout: Duration::from_secs(5), ..FetchOptions::default() })
        .expect("client")
}

fn loopback_allowed() -> AddressPolicy {
    AddressPolicy { allow_private: false, allowed: vec!["127.0.0.1".parse().expect("address")] }
}

#[tokio::test]
async fn json_is_posted_with_its_type_and_headers() {
    let (addr, received, _) = receiver().await;
    let fetcher = fetcher(loopback_allowed());
    let body = br#"{"section":{"slug":"world"}}"#.to_vec();
    let headers = [("x-newsgraph-delivery", "17".to_owned())];
    let posted = fetcher.post_json(&format!("http://{addr}/hook"), body.clone(), &headers).await;
    assert_eq!(posted.expect("posted").status, 204);
    let received = received.lock().expect("lock").clone();
    assert_eq!(received.len(), 1);
    let (head, got) = &received[0];
    assert!(head.starts_with("post /hook http/1.1"), "{head}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(head.contains("x-newsgraph-delivery: 17"), "{head}");
    assert!(head.contains("user-agent: newsgraph/"), "{head}");
    assert_eq!(got, &body);

    let chatty = fetcher.post_json(&format!("http://{addr}/chatty"), b"{}".to_vec(), &[]).await;
    assert_eq!(chatty.expect("posted").body.len(), MAX_ANSWER_BYTES, "the answer read up to the cap");
}

#[tokio::test]
async fn redirects_are_not_followed_and_statuses_come_back() {
    let (addr, received, _) = receiver().await;
    let fetcher = fetcher(loopback_allowed());
    let moved = fetcher.post_json(&format!("http://{addr}/moved"), b"{}".to_vec(), &[]).await;
    assert!(matches!(moved, Err(FetchError::Status { status: 301, .. })), "{moved:?}");
    let busy = fetcher.post_json(&format!("http://{addr}/busy"), b"{}".to_vec(), &[]).await;
    assert!(
        matches!(busy, Err(FetchError::Status { status: 503, retry_after: Some(d) }) if d == Duration::from_secs(7)),
        "{busy:?}"
    );
    let paths: Vec<String> = received.lock().expect("lock").iter().map(|(head, _)| head.clone()).collect();
    assert_eq!(paths.len(), 2, "the redirect was not followed: {paths:?}");
}

#[tokio::test]
async fn a_default_fetcher_refuses_to_post_to_loopback_before_connecting() {
    let (addr, _, connections) = receiver().await;
    let fetcher = fetcher(AddressPolicy::default());
    let refused = fetcher.post_json(&format!("http://{addr}/hook"), b"{}".to_vec(), &[]).await;
    assert!(matches!(refused, Err(FetchError::Refused(Refusal::Address(_)))), "{refused:?}");
    let by_name = format!("http://localhost:{}/hook", addr.port());
    let by_name = fetcher.post_json(&by_name, b"{}".to_vec(), &[]).await;
    assert!(matches!(by_name, Err(FetchError::Refused(Refusal::Name(_)))), "{by_name:?}");
    let file = fetcher.post_json("file:///etc/passwd", b"{}".to_vec(), &[]).await;
    assert!(matches!(file, Err(FetchError::Refused(Refusal::Scheme(_)))), "{file:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing connected to the receiver");
}
