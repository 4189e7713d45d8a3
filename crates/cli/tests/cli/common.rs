//! Running the real `newsgraph` binary in a temporary data directory.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const EXAMPLE_PAGE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/demo/scraped-page-belarus.txt");

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox { dir: tempfile::tempdir().expect("tempdir") }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write");
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
        cmd.arg("--data").arg(self.data()).args(args).current_dir(self.dir.path());
        cmd.env_remove("NEWSGRAPH_DATA").env_remove("NEWSGRAPH_MAX_BYTES").env_remove("NEWSGRAPH_ADDR");
        cmd.env_remove("NEWSGRAPH_FETCH_TIMEOUT_SECS").env_remove("NEWSGRAPH_ALLOW_PRIVATE");
        cmd.env_remove("NEWSGRAPH_FETCH_CONCURRENCY");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let output = self.command(args).output().expect("run newsgraph");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "newsgraph panicked: {stderr}");
        output
    }

    pub fn run_ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "newsgraph {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8 output")
    }

    pub fn stats(&self) -> serde_json::Value {
        serde_json::from_str(&self.run_ok(&["stats", "--json"])).expect("stats json")
    }
}

pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines().map(|l| serde_json::from_str(l).expect("json line")).collect()
}

/// A running `newsgraph serve` (or `demo`) on a loopback port picked by the OS.
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Server {
    pub fn start(mut command: Command) -> Self {
        command.stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = command.spawn().expect("start server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("server banner");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        let addr = url.trim_start_matches("http://").trim_end_matches('/').to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "serves on loopback only: {addr}");
        Server { child, addr }
    }

    /// A plain HTTP/1.1 GET: (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr)
            .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").expect("HTTP response");
        assert!(
            !head.to_ascii_lowercase().contains("transfer-encoding: chunked"),
            "test client reads plain bodies only"
        );
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("status");
        (status, body.to_owned())
    }

    pub fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, body) = self.get(path);
        (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {body}")))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn count_stored(db: &Path) -> Option<i64> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).ok()
}

/// What a [`Loopback`] server answers to one request.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Sent with a `Content-Length`; without, the body ends when the connection closes.
    pub content_length: bool,
    /// How long to wait before answering at all.
    pub delay: Duration,
    /// How long to stall after the head and the first half of the body.
    pub stall_mid_body: Duration,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type", content_type.to_owned())],
            body: body.into(),
            content_length: true,
            delay: Duration::ZERO,
            stall_mid_body: Duration::ZERO,
        }
    }

    /// An error status with a short text body.
    pub fn status(status: u16) -> Reply {
        Reply { status, ..Reply::ok("text/plain", format!("status {status}")) }
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_owned()));
        self
    }

    fn write_to(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\nConnection: close\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if self.content_length {
            head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        let (first, rest) = self.body.split_at(self.body.len() / 2);
        stream.write_all(first)?;
        stream.flush()?;
        std::thread::sleep(self.stall_mid_body);
        stream.write_all(rest)
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500..=599 => "Server Error",
        _ => "Whatever",
    }
}

/// An HTTP/1.1 server on 127.0.0.1 (a port the OS picks; nothing else is ever contacted) that
/// answers each request with what `route` gives for its path, a thread per connection so that
/// a stalled answer holds up no other, and counts the requests for each path.
pub struct Loopback {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Loopback {
    pub fn start(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Loopback {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let (counted, route) = (hits.clone(), Arc::new(route));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (counted, route) = (counted.clone(), route.clone());
                std::thread::spawn(move || {
                    let Some(path) = request_path(&stream) else { return };
                    *counted.lock().expect("lock").entry(path.clone()).or_default() += 1;
                    let reply = route(&path);
                    std::thread::sleep(reply.delay);
                    // The client may have given up (a timeout under test): nothing to do then.
                    let _ = reply.write_to(&mut stream);
                });
            }
        });
        Loopback { base, hits }
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// How many requests asked for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().expect("lock").get(path).copied().unwrap_or(0)
    }
}

/// Reads a request's head; returns the path it asks for.
fn request_path(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" {
            break;
        }
    }
    first.split_whitespace().nth(1).map(str::to_owned)
}

impl Sandbox {
    /// `source list --json`: one object per source.
    pub fn sources(&self) -> Vec<serde_json::Value> {
        json_lines(&self.run_ok(&["source", "list", "--json"]))
    }

    /// `ingest --all --host-delay-ms 0 --json` with `extra` arguments: its exit code and summary.
    pub fn ingest_all(&self, extra: &[&str]) -> (Option<i32>, serde_json::Value) {
        let mut args = vec!["ingest", "--all", "--host-delay-ms", "0", "--json"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        let summary = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("ingest printed no summary ({e}): {out:?}"));
        (out.status.code(), summary)
    }
}
