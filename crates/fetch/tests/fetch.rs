//! The fetcher against HTTP servers the tests start on loopback addresses (127.0.0.1 and
//! 127.0.0.2, nothing else is ever contacted): the guard refuses before connecting, conditional
//! GET, Retry-After, redirects and their limits, size caps, timeouts and compression.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use newsgraph_fetch::{AddressPolicy, FetchError, FetchOptions, Fetched, Fetcher, Refusal, Validators};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the test server answers.
struct Reply {
    delay: Duration,
    bytes: Vec<u8>,
}

fn reply(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut bytes = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (name, value) in headers {
        bytes.push_str(&format!("{name}: {value}\r\n"));
    }
    bytes.push_str("\r\n");
    let mut bytes = bytes.into_bytes();
    bytes.extend_from_slice(body);
    Reply { delay: Duration::ZERO, bytes }
}

/// A server on `ip` (a loopback address) answering each request with `route(path, head, addr)`,
/// counting the connections it accepts.
struct Server {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

async fn serve(ip: &str, route: fn(&str, &str, SocketAddr) -> Reply) -> Server {
    let listener = TcpListener::bind((ip, 0)).await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buffer = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65_536 {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let answer = route(&path, &head, addr);
                tokio::time::sleep(answer.delay).await;
                let _ = stream.write_all(&answer.bytes).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    Server { addr, connections }
}

fn allowing(ips: &[&str]) -> FetchOptions {
    let allowed = ips.iter().map(|ip| ip.parse().expect("address")).collect();
    FetchOptions { policy: AddressPolicy { allow_private: false, allowed }, ..FetchOptions::default() }
}

fn fetcher(options: FetchOptions) -> Fetcher {
    Fetcher::new(options).expect("client")
}

fn page(fetched: Result<Fetched, FetchError>) -> newsgraph_fetch::Page {
    match fetched {
        Ok(Fetched::Page(page)) => *page,
        other => panic!("not a page: {other:?}"),
    }
}

fn routes(path: &str, head: &str, addr: SocketAddr) -> Reply {
    let lower = head.to_ascii_lowercase();
    match path.split('?').next().unwrap_or(path) {
        "/feed" if lower.contains("if-none-match: \"v1\"") => reply("304 Not Modified", &[], b""),
        "/feed" => reply(
            "200 OK",
            &[
                ("Content-Type", "application/rss+xml"),
                ("ETag", "\"v1\""),
                ("Last-Modified", "Mon, 19 Dec 2022 10:00:00 GMT"),
                ("Cache-Control", "public, max-age=900"),
            ],
            b"<rss/>",
        ),
        "/to-head" => reply("302 Found", &[("Location", "/head")], b""),
        "/head" => reply("200 OK", &[], lower.as_bytes()),
        "/agent" => {
            let agent = lower.lines().find_map(|l| l.strip_prefix("user-agent: ")).unwrap_or("").to_owned();
            reply("200 OK", &[], agent.as_bytes())
        }
        "/busy" => reply("429 Too Many Requests", &[("Retry-After", "120")], b""),
        "/gone" => reply("404 Not Found", &[], b""),
        "/hop/3" => reply("200 OK", &[], b"arrived"),
        p if p.starts_with("/hop/") => {
            let n: u32 = p[5..].parse().unwrap_or(0);
            let next = format!("http://{addr}/hop/{}", n + 1);
            reply("302 Found", &[("Location", &next)], b"")
        }
        "/loop" => reply("301 Moved Permanently", &[("Location", "/loop2")], b""),
        "/loop2" => reply("301 Moved Permanently", &[("Location", "/loop")], b""),
        "/to-file" => reply("302 Found", &[("Location", "file:///etc/passwd")], b""),
        "/to-other" => {
            // The port of the other server is in the query of the request line.
            let port = head.split_whitespace().nth(1).and_then(|p| p.split_once("port=")).map(|(_, p)| p);
            let next = format!("http://127.0.0.2:{}/feed", port.unwrap_or("1"));
            reply("302 Found", &[("Location", &next)], b"")
        }
        "/big" => reply("200 OK", &[], &vec![b'x'; 5_000]),
        "/big-chunked" => {
            let mut bytes =
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
            for _ in 0..5 {
                bytes.extend_from_slice(b"3e8\r\n");
                bytes.extend_from_slice(&[b'x'; 1000]);
                bytes.extend_from_slice(b"\r\n");
            }
            bytes.extend_from_slice(b"0\r\n\r\n");
            Reply { delay: Duration::ZERO, bytes }
        }
        "/slow" => Reply { delay: Duration::from_secs(3), ..reply("200 OK", &[], b"late") },
        "/gzip" => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all("Привет, Минск".as_bytes()).expect("gzip");
            let body = encoder.finish().expect("gzip");
            reply("200 OK", &[("Content-Encoding", "gzip")], &body)
        }
        _ => reply("404 Not Found", &[], b""),
    }
}

#[tokio::test]
async fn a_default_fetcher_refuses_loopback_before_connecting() {
    let server = serve("127.0.0.1", routes).await;
    let fetcher = fetcher(FetchOptions::default());
    let refused = fetcher.get(&server.url("/feed"), &Validators::default()).await;
    assert!(
        matches!(refused, Err(FetchError::Refused(Refusal::Address(ip))) if ip.is_loopback()),
        "{refused:?}"
    );
    let by_name = format!("http://localhost:{}/feed", server.addr.port());
    let refused = fetcher.get(&by_name, &Validators::default()).await;
    assert!(
        matches!(refused, Err(FetchError::Refused(Refusal::Name(ref n))) if n == "localhost"),
        "{refused:?}"
    );
    let metadata = fetcher.get("http://169.254.169.254/latest/meta-data/", &Validators::default()).await;
    assert!(matches!(metadata, Err(FetchError::Refused(Refusal::Address(_)))), "{metadata:?}");
    let file = fetcher.get("file:///etc/passwd", &Validators::default()).await;
    assert!(matches!(file, Err(FetchError::Refused(Refusal::Scheme(_)))), "{file:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(server.connections(), 0, "nothing connected to the server");
}

#[tokio::test]
async fn an_allowed_server_is_fetched_with_validators_and_freshness() {
    let server = serve("127.0.0.1", routes).await;
    let fetcher = fetcher(allowing(&["127.0.0.1"]));
    let feed = page(fetcher.get(&server.url("/feed"), &Validators::default()).await);
    assert_eq!((feed.status, feed.body.as_slice()), (200, &b"<rss/>"[..]));
    assert_eq!(feed.content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(feed.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(feed.validators.last_modified.as_deref(), Some("Mon, 19 Dec 2022 10:00:00 GMT"));
    assert_eq!(feed.max_age, Some(Duration::from_secs(900)));
    let again = fetcher.get(&server.url("/feed"), &feed.validators).await;
    assert!(matches!(again, Ok(Fetched::NotModified)), "{again:?}");
    let agent = page(fetcher.get(&server.url("/agent"), &Validators::default()).await);
    assert!(String::from_utf8_lossy(&agent.body).starts_with("newsgraph/"), "identifies itself");
    let text = page(fetcher.get(&server.url("/gzip"), &Validators::default()).await);
    assert_eq!(String::from_utf8_lossy(&text.body), "Привет, Минск", "gzip undone");
}

#[tokio::test]
async fn statuses_say_what_to_do_next() {
    let server = serve("127.0.0.1", routes).await;
    let fetcher = fetcher(allowing(&["127.0.0.1"]));
    let busy = fetcher.get(&server.url("/busy"), &Validators::default()).await;
    assert!(
        matches!(busy, Err(FetchError::Status { status: 429, retry_after: Some(d) }) if d == Duration::from_secs(120)),
        "{busy:?}"
    );
    let gone = fetcher.get(&server.url("/gone"), &Validators::default()).await;
    assert!(matches!(gone, Err(FetchError::Status { status: 404, retry_after: None })), "{gone:?}");
}

#[tokio::test]
async fn redirects_are_followed_up_to_a_limit_and_checked_at_every_hop() {
    let server = serve("127.0.0.1", routes).await;
    let other = serve("127.0.0.2", routes).await;
    let fetcher = self::fetcher(allowing(&["127.0.0.1"]));
    let arrived = page(fetcher.get(&server.url("/hop/0"), &Validators::default()).await);
    assert_eq!(arrived.body, b"arrived");
    assert_eq!(arrived.url.path(), "/hop/3", "the final URL");

    let short = self::fetcher(FetchOptions { max_redirects: 2, ..allowing(&["127.0.0.1"]) });
    let too_many = short.get(&server.url("/hop/0"), &Validators::default()).await;
    assert!(matches!(too_many, Err(FetchError::TooManyRedirects(2))), "{too_many:?}");
    let looped = fetcher.get(&server.url("/loop"), &Validators::default()).await;
    assert!(matches!(looped, Err(FetchError::RedirectLoop(_))), "{looped:?}");
    let file = fetcher.get(&server.url("/to-file"), &Validators::default()).await;
    assert!(matches!(file, Err(FetchError::Refused(Refusal::Scheme(_)))), "{file:?}");

    // A redirect to an address the policy does not allow is refused before connecting to it.
    let to_other = server.url(&format!("/to-other?port={}", other.addr.port()));
    let refused = fetcher.get(&to_other, &Validators::default()).await;
    assert!(matches!(refused, Err(FetchError::Refused(Refusal::Address(_)))), "{refused:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(other.connections(), 0, "the redirect target was not contacted");
    let both = self::fetcher(allowing(&["127.0.0.1", "127.0.0.2"]));
    let arrived = page(both.get(&to_other, &Validators::default()).await);
    assert_eq!(arrived.body, b"<rss/>");

    // Where the redirect came from is not passed on.
    let head = page(fetcher.get(&server.url("/to-head"), &Validators::default()).await);
    let head = String::from_utf8_lossy(&head.body).into_owned();
    assert!(head.starts_with("get /head "), "{head}");
    assert!(!head.contains("referer:"), "no Referer: {head}");
}

#[tokio::test]
async fn oversize_and_slow_responses_end_in_clear_errors() {
    let server = serve("127.0.0.1", routes).await;
    let small = fetcher(FetchOptions { max_bytes: 4_096, ..allowing(&["127.0.0.1"]) });
    let big = small.get(&server.url("/big"), &Validators::default()).await;
    assert!(matches!(big, Err(FetchError::TooLarge(4_096))), "{big:?}");
    let chunked = small.get(&server.url("/big-chunked"), &Validators::default()).await;
    assert!(matches!(chunked, Err(FetchError::TooLarge(4_096))), "{chunked:?}");
    let impatient = fetcher(FetchOptions { timeout: Duration::from_millis(300), ..allowing(&["127.0.0.1"]) });
    let slow = impatient.get(&server.url("/slow"), &Validators::default()).await;
    assert!(matches!(slow, Err(FetchError::Timeout)), "{slow:?}");
    let bad = impatient.get("not a url", &Validators::default()).await;
    assert!(matches!(bad, Err(FetchError::BadUrl(_))), "{bad:?}");
}
