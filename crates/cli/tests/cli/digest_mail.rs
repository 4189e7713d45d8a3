//! `newsgraph digest --send-to`: the day's digest emailed through an SMTP server, here one the
//! test runs on 127.0.0.1 (nothing else is ever contacted) that records what it is told. One
//! message for all the recipients, the page and its text both holding the stories; the
//! settings checked before anything is opened; an empty day sends nothing.

use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use crate::common::Sandbox;

/// Two stories on 2022-12-19 (UTC), one of them from two outlets.
fn imported() -> Sandbox {
    let sandbox = Sandbox::new();
    let line = |url: &str, site: &str, title: &str, published: &str, text: &str| {
        serde_json::json!({ "url": url, "site": site, "title": title, "published": published, "text": text })
            .to_string()
    };
    let minsk = "Russian President Vladimir Putin arrived in Minsk on Monday for talks with Belarusian \
        President Alexander Lukashenko about military cooperation and gas prices. \"We will deepen our \
        alliance with Belarus,\" Putin told reporters after the talks.";
    let quake = "A strong earthquake of magnitude 6.8 struck northern Chile near Antofagasta on Monday, \
        damaging houses and cutting power to thousands of homes.";
    let corpus = [
        line(
            "https://one.example/a",
            "Daily One",
            "Putin holds talks in Minsk",
            "2022-12-19T10:00:00Z",
            minsk,
        ),
        line("https://wire.example/b", "Wire", "Putin in Minsk", "2022-12-19T11:00:00Z", minsk),
        line(
            "https://three.example/c",
            "Third",
            "Earthquake shakes northern Chile",
            "2022-12-19T13:00:00Z",
            quake,
        ),
    ]
    .join("\n");
    let path = sandbox.write("corpus.jsonl", corpus);
    sandbox.run_ok(&["import", path.to_str().expect("utf-8 path")]);
    sandbox
}

/// What the loopback SMTP server was told over one connection.
#[derive(Default, Debug)]
struct Received {
    commands: Vec<String>,
    /// The messages, dot-stuffing undone.
    messages: Vec<String>,
}

/// An SMTP server on 127.0.0.1 for one connection, refusing the recipient `refuse`; the handle
/// gives what it received.
fn smtp_server(refuse: Option<&'static str>) -> (u16, thread::JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("local address").port();
    let handle = thread::spawn(move || {
        let (stream, _) = listener.accept().expect("accept");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("read timeout");
        let mut received = Received::default();
        converse(stream, refuse, &mut received).expect("an SMTP conversation");
        received
    });
    (port, handle)
}

fn converse(stream: TcpStream, refuse: Option<&str>, received: &mut Received) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    writer.write_all(b"220 loopback.test ESMTP\r\n")?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        received.commands.push(command.clone());
        let reply = match command.split([' ', ':']).next().unwrap_or("") {
            "EHLO" => "250-loopback.test\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n",
            "MAIL" => "250 2.1.0 Ok\r\n",
            "RCPT" if refuse.is_some_and(|r| command.ends_with(&format!("<{r}>"))) => {
                "550 5.1.1 Recipient address rejected: User unknown\r\n"
            }
            "RCPT" => "250 2.1.5 Ok\r\n",
            "DATA" => {
                writer.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
                let mut message = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    message.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                received.messages.push(message);
                "250 2.0.0 Ok: queued\r\n"
            }
            "QUIT" => {
                writer.write_all(b"221 2.0.0 Bye\r\n")?;
                return Ok(());
            }
            _ => "502 5.5.2 Error: command not recognized\r\n",
        };
        writer.write_all(reply.as_bytes())?;
    }
}

/// Runs `digest` with `args` and the mail settings given (`None`: unset): (exit code, stdout,
/// stderr).
fn digest(sandbox: &Sandbox, args: &[&str], smtp: Option<&str>, from: Option<&str>) -> (i32, String, String) {
    let mut command = sandbox.command(&[&["digest"], args].concat());
    command.env_remove("NEWSGRAPH_PUBLIC_URL").env_remove("NEWSGRAPH_SMTP").env_remove("NEWSGRAPH_MAIL_FROM");
    if let Some(smtp) = smtp {
        command.env("NEWSGRAPH_SMTP", smtp);
    }
    if let Some(from) = from {
        command.env("NEWSGRAPH_MAIL_FROM", from);
    }
    let output = command.output().expect("run newsgraph");
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stdout.into_owned(), stderr.into_owned())
}

/// Quoted-printable decoded: soft breaks joined, `=XX` bytes restored.
fn decode_qp(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let mut out = Vec::new();
    let mut rest = joined.as_bytes();
    while let Some((&byte, after)) = rest.split_first() {
        if byte == b'=' && after.len() >= 2 {
            let hex = std::str::from_utf8(&after[..2]).expect("ascii");
            out.push(u8::from_str_radix(hex, 16).expect("=XX"));
            rest = &after[2..];
        } else {
            out.push(byte);
            rest = after;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

/// The decoded body of the part of `message` whose Content-Type starts `content_type`.
fn part(message: &str, content_type: &str) -> String {
    let boundary = "\r\n--=_newsgraph_alternative";
    let part = message
        .split(boundary)
        .find(|p| p.contains(&format!("Content-Type: {content_type}")))
        .unwrap_or_else(|| panic!("no {content_type} part in {message}"));
    let (head, body) = part.split_once("\r\n\r\n").expect("a part's head and body");
    assert!(head.contains("Content-Transfer-Encoding: quoted-printable"), "{head}");
    decode_qp(body)
}

#[test]
fn the_digest_is_sent_once_to_every_recipient() {
    let sandbox = imported();
    let (port, server) = smtp_server(None);
    let smtp = format!("smtp://127.0.0.1:{port}");
    let args = ["--date", "2022-12-19", "--send-to", "a@example.test", "--send-to", "b@example.test"];
    let (code, stdout, stderr) = digest(&sandbox, &args, Some(&smtp), Some("digest@example.test"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "", "the digest is sent, not printed");
    assert!(
        stderr.contains("Sent \"Daily digest: 2022-12-19\" (2 stories) to a@example.test, b@example.test")
    );
    let received = server.join().expect("server thread");

    let envelope: Vec<&str> = received.commands.iter().map(String::as_str).filter(|c| *c != "QUIT").collect();
    assert_eq!(
        envelope,
        [
            "EHLO [127.0.0.1]",
            "MAIL FROM:<digest@example.test>",
            "RCPT TO:<a@example.test>",
            "RCPT TO:<b@example.test>",
            "DATA"
        ]
    );
    assert_eq!(received.messages.len(), 1, "one message for both");
    let message = &received.messages[0];
    let (head, _) = message.split_once("\r\n\r\n").expect("headers");
    for header in [
        "From: digest@example.test",
        "To: a@example.test, b@example.test",
        "Subject: Daily digest: 2022-12-19",
        "MIME-Version: 1.0",
        "Content-Type: multipart/alternative; boundary=\"=_newsgraph_alternative\"",
    ] {
        assert!(head.split("\r\n").any(|l| l == header), "{header} in {head}");
    }
    assert!(head.contains("\r\nDate: ") && head.contains("\r\nMessage-ID: <"), "{head}");
    assert!(message.lines().all(|l| l.len() <= 998), "no line over 998 bytes");

    let text = part(message, "text/plain; charset=utf-8");
    assert!(text.starts_with("# Daily digest: 2022-12-19\r\n"), "{text}");
    assert!(text.contains("Putin holds talks in Minsk") || text.contains("Putin in Minsk"), "{text}");
    assert!(text.contains("Earthquake shakes northern Chile"), "{text}");
    let html = part(message, "text/html; charset=utf-8");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("Putin holds talks in Minsk") || html.contains("Putin in Minsk"), "{html}");
    assert!(html.contains("Earthquake shakes northern Chile"), "{html}");
}

#[test]
fn a_refused_recipient_fails_the_command_and_sends_nothing() {
    let sandbox = imported();
    let (port, server) = smtp_server(Some("b@example.test"));
    let smtp = format!("smtp://127.0.0.1:{port}");
    let args = ["--date", "2022-12-19", "--send-to", "a@example.test", "--send-to", "b@example.test"];
    let (code, _, stderr) = digest(&sandbox, &args, Some(&smtp), Some("digest@example.test"));
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("sending the digest through 127.0.0.1:{port}; nothing was sent")),
        "{stderr}"
    );
    assert!(
        stderr.contains("refused RCPT TO:<b@example.test>: 550 5.1.1 Recipient address rejected"),
        "{stderr}"
    );
    assert!(server.join().expect("server thread").messages.is_empty());
}

#[test]
fn an_empty_day_sends_nothing() {
    let sandbox = imported();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let smtp = format!("smtp://127.0.0.1:{}", listener.local_addr().expect("address").port());
    let args = ["--date", "2001-01-01", "--send-to", "a@example.test"];
    let (code, stdout, stderr) = digest(&sandbox, &args, Some(&smtp), Some("digest@example.test"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("No stories had articles on 2001-01-01 (UTC). Nothing was sent."), "{stderr}");
    listener.set_nonblocking(true).expect("nonblocking");
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == ErrorKind::WouldBlock),
        "nobody connected to the server"
    );
}

#[test]
fn mail_settings_and_addresses_are_checked_before_anything_is_done() {
    let sandbox = Sandbox::new();
    let to = ["--send-to", "a@example.test"];
    let (code, _, stderr) = digest(&sandbox, &to, None, Some("digest@example.test"));
    assert_eq!(code, 1);
    assert!(stderr.contains("--send-to needs NEWSGRAPH_SMTP=smtp://"), "{stderr}");
    let (code, _, stderr) = digest(&sandbox, &to, Some("smtp://127.0.0.1:1"), None);
    assert_eq!(code, 1);
    assert!(stderr.contains("--send-to needs NEWSGRAPH_MAIL_FROM="), "{stderr}");
    let (code, _, stderr) = digest(&sandbox, &to, Some("smtp://127.0.0.1:1"), Some("digest"));
    assert_eq!(code, 1);
    assert!(stderr.contains("NEWSGRAPH_MAIL_FROM: \"digest\" is not an email address"), "{stderr}");
    let (code, _, stderr) =
        digest(&sandbox, &to, Some("smtps://user:hunter22@127.0.0.1"), Some("d@example.test"));
    assert_eq!(code, 1);
    assert!(stderr.contains("TLS is not supported") && !stderr.contains("hunter22"), "{stderr}");
    assert!(!sandbox.data().exists(), "the data directory was not even opened");

    // Addresses that would add a header or a recipient are refused as the flags are read.
    let smtp = Some("smtp://127.0.0.1:1");
    for bad in [
        "a@example.test\r\nBcc: evil@example.test",
        "a@example.test>\r\nRCPT TO:<evil@example.test",
        "<a@example.test>",
        "a@example.test, evil@example.test",
        "nobody",
    ] {
        let (code, _, stderr) = digest(&sandbox, &["--send-to", bad], smtp, Some("digest@example.test"));
        assert_eq!(code, 2, "{bad:?}: {stderr}");
        assert!(stderr.contains("is not an email address"), "{stderr}");
    }
    let (code, _, stderr) =
        digest(&sandbox, &["--send-to", "a@example.test", "--format", "html"], smtp, Some("d@example.test"));
    assert_eq!(code, 2, "sending and printing are either-or: {stderr}");
}
