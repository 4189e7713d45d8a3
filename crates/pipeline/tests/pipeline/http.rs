//! What the tests' loopback HTTP servers share: a request read off a connection, and an answer
//! written back on it (every answer closes its connection).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// A request as a test server reads it.
pub struct Request {
    pub path: String,
    /// The body, read by its Content-Length.
    pub body: Vec<u8>,
}

pub fn read_request(stream: &TcpStream) -> Request {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request = String::new();
    let _ = reader.read_line(&mut request);
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
    Request { path: request.split_whitespace().nth(1).unwrap_or("/").to_owned(), body }
}

/// Writes `status` ("200 OK") with a body of `kind`.
pub fn answer(stream: &mut TcpStream, status: &str, kind: &str, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}
