//! A small blocking SMTP client (RFC 5321) for handing one message to a relay: EHLO (HELO for a
//! server from before ESMTP), AUTH PLAIN when a user and password are configured, MAIL FROM,
//! RCPT TO for each recipient, DATA with the message dot-stuffed, QUIT. Replies are read whole
//! (multi-line ones too); any code a step does not go on from ends the session with an error
//! naming the step and the server's words. Every read and write has a time limit, and so has
//! the whole session, so a server that hangs or trickles cannot hold the command forever.
//!
//! Plain TCP only: no STARTTLS, no implicit TLS (SMTPS), no other AUTH mechanism.

use std::fmt;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::{Address, base64};

/// Recipients of one message at most: RFC 5321 §4.5.3.1.8 has servers take at least 100.
pub const MAX_RECIPIENTS: usize = 100;
/// A reply line longer than this is no SMTP server's (the RFC's limit is 512).
const MAX_LINE: usize = 4096;
/// Lines of one reply at most (EHLO's lists its extensions, a few dozen at the very most).
const MAX_REPLY_LINES: usize = 256;
/// What of the server's text an error repeats.
const MAX_SHOWN: usize = 300;
/// How long QUIT is waited for: the message is already accepted, or already refused.
const QUIT_WAIT: Duration = Duration::from_secs(5);

/// Where to send: NEWSGRAPH_SMTP, `smtp://[user:password@]host[:port]`.
pub struct Server {
    /// As written in the URL (an IPv6 address in brackets), for resolving and for messages.
    host: String,
    port: u16,
    credentials: Option<Credentials>,
}

struct Credentials {
    user: String,
    password: String,
}

impl Server {
    /// Parses NEWSGRAPH_SMTP. Errors never repeat the text, which may hold a password.
    pub fn parse(text: &str) -> Result<Server, String> {
        let invalid = |why: &str| format!("NEWSGRAPH_SMTP must be smtp://[user:password@]host[:port]: {why}");
        let url = url::Url::parse(text.trim()).map_err(|e| invalid(&format!("not a URL ({e})")))?;
        match url.scheme() {
            "smtp" => {}
            "smtps" | "submissions" => {
                return Err(invalid(
                    "TLS is not supported; send through a local relay that speaks TLS onwards (see the README)",
                ));
            }
            _ => return Err(invalid("the scheme is not smtp")),
        }
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(|| invalid("it names no host"))?;
        let port = url.port().unwrap_or(25);
        if port == 0 {
            return Err(invalid("port 0"));
        }
        if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("it has a path, query or fragment"));
        }
        let credentials = match (url.username(), url.password()) {
            ("", None) => None,
            (user, Some(password)) if !user.is_empty() => {
                let decode = |part: &str| {
                    percent_decode(part)
                        .filter(|s| !s.contains('\0'))
                        .ok_or_else(|| invalid("the user or password is not percent-encoded UTF-8"))
                };
                Some(Credentials { user: decode(user)?, password: decode(password)? })
            }
            _ => return Err(invalid("give both a user and a password, or neither")),
        };
        Ok(Server { host: host.to_owned(), port, credentials })
    }
}

/// `host:port`, never the credentials.
impl fmt::Display for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

/// `%XX` escapes decoded (the URL's user and password arrive encoded), `None` for a malformed
/// escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Time limits: to connect, for each read or write, and for the whole session.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    pub io: Duration,
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(30),
            io: Duration::from_secs(60),
            total: Duration::from_secs(300),
        }
    }
}

/// Where in the session something went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Greeting,
    Ehlo,
    Helo,
    Auth,
    MailFrom,
    RcptTo(String),
    Data,
    /// The message's end, and the server's verdict on it.
    EndOfMessage,
    Quit,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Greeting => f.write_str("its greeting"),
            Step::Ehlo => f.write_str("EHLO"),
            Step::Helo => f.write_str("HELO"),
            Step::Auth => f.write_str("AUTH PLAIN"),
            Step::MailFrom => f.write_str("MAIL FROM"),
            Step::RcptTo(to) => write!(f, "RCPT TO:<{to}>"),
            Step::Data => f.write_str("DATA"),
            Step::EndOfMessage => f.write_str("the end of the message"),
            Step::Quit => f.write_str("QUIT"),
        }
    }
}

#[derive(Debug)]
pub enum SmtpError {
    NoRecipients,
    Resolve(io::Error),
    Connect(io::Error),
    TimedOut {
        step: Step,
        after: Duration,
    },
    Closed {
        step: Step,
    },
    Io {
        step: Step,
        error: io::Error,
    },
    /// The server answered a step with a code it does not go on from.
    Refused {
        step: Step,
        code: u16,
        text: String,
    },
    Malformed {
        step: Step,
        line: String,
    },
    /// Credentials were given but the server offers no AUTH PLAIN (perhaps only after STARTTLS).
    NoAuthPlain {
        starttls: bool,
    },
}

impl fmt::Display for SmtpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmtpError::NoRecipients => f.write_str("no recipients"),
            SmtpError::Resolve(error) => write!(f, "could not resolve the SMTP server's name: {error}"),
            SmtpError::Connect(error) => write!(f, "could not connect to the SMTP server: {error}"),
            SmtpError::TimedOut { step, after } => {
                write!(f, "timed out after {after:?} waiting for the SMTP server at {step}")
            }
            SmtpError::Closed { step } => write!(f, "the SMTP server closed the connection at {step}"),
            SmtpError::Io { step, error } => {
                write!(f, "the connection to the SMTP server failed at {step}: {error}")
            }
            SmtpError::Refused { step, code, text } => {
                write!(f, "the SMTP server refused {step}: {code} {text}")
            }
            SmtpError::Malformed { step, line } => {
                write!(f, "the SMTP server's answer at {step} is not SMTP: {line:?}")
            }
            SmtpError::NoAuthPlain { starttls } => {
                f.write_str("NEWSGRAPH_SMTP gives a user and password, but the server offers no AUTH PLAIN")?;
                if *starttls {
                    f.write_str(
                        " (only after STARTTLS, perhaps, which newsgraph does not speak: send through a \
                         local relay, see the README)",
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for SmtpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SmtpError::Resolve(error) | SmtpError::Connect(error) | SmtpError::Io { error, .. } => {
                Some(error)
            }
            _ => None,
        }
    }
}

/// Sends `message` (CRLF or LF lines; dot-stuffed here) from `from` to every one of `to` in one
/// transaction: a recipient refused aborts it before DATA, so either all of them are handed
/// the message or none is.
pub fn send(
    server: &Server,
    from: &Address,
    to: &[Address],
    message: &[u8],
    timeouts: Timeouts,
) -> Result<(), SmtpError> {
    if to.is_empty() {
        return Err(SmtpError::NoRecipients);
    }
    let mut session = Session::connect(server, timeouts)?;
    let result = session.deliver(server, from, to, message);
    // Said goodbye to when the server is listening: after it took the message, or refused a step.
    if matches!(result, Ok(()) | Err(SmtpError::Refused { .. } | SmtpError::NoAuthPlain { .. })) {
        session.quit();
    }
    result
}

struct Session {
    stream: TcpStream,
    /// Bytes read beyond the last whole line.
    buffer: Vec<u8>,
    timeouts: Timeouts,
    deadline: Instant,
}

struct Reply {
    code: u16,
    lines: Vec<String>,
}

impl Reply {
    /// The server's words, on one line, shortened, without control characters.
    fn text(&self) -> String {
        let joined = self.lines.join(" ");
        let clean: String = joined.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let mut shown: String = clean.trim().chars().take(MAX_SHOWN).collect();
        if shown.len() < clean.trim().len() {
            shown.push('…');
        }
        shown
    }
}

impl Session {
    fn connect(server: &Server, timeouts: Timeouts) -> Result<Session, SmtpError> {
        let deadline = Instant::now() + timeouts.total;
        // Resolution has no limit of ours; the system resolver keeps its own.
        let addresses: Vec<SocketAddr> = format!("{}:{}", server.host, server.port)
            .to_socket_addrs()
            .map_err(SmtpError::Resolve)?
            .collect();
        let mut last = io::Error::new(ErrorKind::NotFound, "the name resolved to no address");
        for address in addresses {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match TcpStream::connect_timeout(&address, timeouts.connect.min(left)) {
                Ok(stream) => return Ok(Session { stream, buffer: Vec::new(), timeouts, deadline }),
                Err(error) => last = error,
            }
        }
        Err(SmtpError::Connect(last))
    }

    fn deliver(
        &mut self,
        server: &Server,
        from: &Address,
        to: &[Address],
        message: &[u8],
    ) -> Result<(), SmtpError> {
        let greeting = self.read_reply(&Step::Greeting)?;
        expect(greeting, &[220], Step::Greeting)?;
        let name = self.client_name();
        let extensions = match self.command(&format!("EHLO {name}"), Step::Ehlo, &[250]) {
            // The first line is the server's name; each other names an extension.
            Ok(reply) => reply.lines.into_iter().skip(1).collect(),
            Err(SmtpError::Refused { code: 500 | 502, .. }) => {
                self.command(&format!("HELO {name}"), Step::Helo, &[250])?;
                Vec::new()
            }
            Err(error) => return Err(error),
        };
        if let Some(credentials) = &server.credentials {
            if !offers_auth_plain(&extensions) {
                let starttls = extensions.iter().any(|e| e.trim().eq_ignore_ascii_case("STARTTLS"));
                return Err(SmtpError::NoAuthPlain { starttls });
            }
            let token = base64(format!("\0{}\0{}", credentials.user, credentials.password).as_bytes());
            self.command(&format!("AUTH PLAIN {token}"), Step::Auth, &[235])?;
        }
        self.command(&format!("MAIL FROM:<{from}>"), Step::MailFrom, &[250])?;
        for recipient in to {
            self.command(
                &format!("RCPT TO:<{recipient}>"),
                Step::RcptTo(recipient.to_string()),
                &[250, 251],
            )?;
        }
        self.command("DATA", Step::Data, &[354])?;
        self.write(&dot_stuffed(message), &Step::Data)?;
        let verdict = self.read_reply(&Step::EndOfMessage)?;
        expect(verdict, &[250], Step::EndOfMessage)?;
        Ok(())
    }

    /// What EHLO says the client is: its address as an address literal, as RFC 5321 §4.1.3
    /// has a client without a meaningful host name do.
    fn client_name(&self) -> String {
        match self.stream.local_addr() {
            Ok(SocketAddr::V4(address)) => format!("[{}]", address.ip()),
            Ok(SocketAddr::V6(address)) => format!("[IPv6:{}]", address.ip()),
            Err(_) => "localhost".to_owned(),
        }
    }

    /// QUIT, its answer waited for briefly and whatever happens ignored: the outcome is known.
    fn quit(&mut self) {
        self.deadline = self.deadline.min(Instant::now() + QUIT_WAIT);
        let _ = self.command("QUIT", Step::Quit, &[221]);
    }

    fn command(&mut self, line: &str, step: Step, accepted: &[u16]) -> Result<Reply, SmtpError> {
        self.write(format!("{line}\r\n").as_bytes(), &step)?;
        let reply = self.read_reply(&step)?;
        expect(reply, accepted, step)
    }

    /// The time limit for the next read or write, and the limit reported when it runs out.
    fn limit(&self, step: &Step) -> Result<(Duration, Duration), SmtpError> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            Err(SmtpError::TimedOut { step: step.clone(), after: self.timeouts.total })
        } else if left < self.timeouts.io {
            Ok((left, self.timeouts.total))
        } else {
            Ok((self.timeouts.io, self.timeouts.io))
        }
    }

    fn write(&mut self, bytes: &[u8], step: &Step) -> Result<(), SmtpError> {
        // In pieces, so that the session's limit is checked while a long message goes out.
        for piece in bytes.chunks(16 * 1024) {
            let (limit, after) = self.limit(step)?;
            self.stream.set_write_timeout(Some(limit)).map_err(|error| io_error(step, error))?;
            self.stream.write_all(piece).map_err(|error| match error.kind() {
                ErrorKind::WouldBlock | ErrorKind::TimedOut => {
                    SmtpError::TimedOut { step: step.clone(), after }
                }
                _ => io_error(step, error),
            })?;
        }
        Ok(())
    }

    fn read_line(&mut self, step: &Step) -> Result<String, SmtpError> {
        loop {
            if let Some(end) = self.buffer.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.buffer.drain(..=end).collect();
                return Ok(String::from_utf8_lossy(&line).trim_end_matches(['\r', '\n']).to_owned());
            }
            if self.buffer.len() > MAX_LINE {
                let line = String::from_utf8_lossy(&self.buffer[..80]).into_owned();
                return Err(SmtpError::Malformed { step: step.clone(), line });
            }
            let (limit, after) = self.limit(step)?;
            self.stream.set_read_timeout(Some(limit)).map_err(|error| io_error(step, error))?;
            let mut chunk = [0; 1024];
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(SmtpError::Closed { step: step.clone() }),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return Err(SmtpError::TimedOut { step: step.clone(), after });
                }
                Err(error) => return Err(io_error(step, error)),
            }
        }
    }

    /// One reply, all its lines: `250-...` lines go on, `250 ...` (or a bare `250`) ends it.
    fn read_reply(&mut self, step: &Step) -> Result<Reply, SmtpError> {
        let mut reply = Reply { code: 0, lines: Vec::new() };
        loop {
            let line = self.read_line(step)?;
            let malformed =
                || SmtpError::Malformed { step: step.clone(), line: line.chars().take(80).collect() };
            let (code, more, text) = reply_line(&line).ok_or_else(malformed)?;
            if !reply.lines.is_empty() && code != reply.code {
                return Err(malformed());
            }
            reply.code = code;
            reply.lines.push(text.to_owned());
            if !more {
                return Ok(reply);
            }
            if reply.lines.len() >= MAX_REPLY_LINES {
                return Err(malformed());
            }
        }
    }
}

fn io_error(step: &Step, error: io::Error) -> SmtpError {
    SmtpError::Io { step: step.clone(), error }
}

fn expect(reply: Reply, accepted: &[u16], step: Step) -> Result<Reply, SmtpError> {
    if accepted.contains(&reply.code) {
        Ok(reply)
    } else {
        Err(SmtpError::Refused { text: reply.text(), code: reply.code, step })
    }
}

/// A reply line's code, whether more lines follow, and its text.
fn reply_line(line: &str) -> Option<(u16, bool, &str)> {
    let bytes = line.as_bytes();
    let digits = bytes.get(..3)?;
    if !digits.iter().all(u8::is_ascii_digit) || !(b'2'..=b'5').contains(&digits[0]) {
        return None;
    }
    let code = line.get(..3)?.parse().ok()?;
    match bytes.get(3) {
        None => Some((code, false, "")),
        Some(b' ') => Some((code, false, line.get(4..)?)),
        Some(b'-') => Some((code, true, line.get(4..)?)),
        Some(_) => None,
    }
}

/// Whether EHLO's extensions list PLAIN among AUTH's mechanisms (`AUTH LOGIN PLAIN`, or the
/// older `AUTH=PLAIN` some servers still send).
fn offers_auth_plain(extensions: &[String]) -> bool {
    extensions.iter().any(|line| {
        let mut words = line.split([' ', '=']).filter(|w| !w.is_empty());
        words.next().is_some_and(|w| w.eq_ignore_ascii_case("AUTH"))
            && words.any(|w| w.eq_ignore_ascii_case("PLAIN"))
    })
}

/// The message as DATA sends it: CRLF line ends, a `.` doubled at the start of a line (RFC 5321
/// §4.5.2) so that no line of the message ends it early, and the closing `.` line.
fn dot_stuffed(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + message.len() / 32 + 8);
    if !message.is_empty() {
        let body = message.strip_suffix(&b"\n"[..]).unwrap_or(message);
        for line in body.split(|&b| b == b'\n') {
            let line = line.strip_suffix(&b"\r"[..]).unwrap_or(line);
            if line.first() == Some(&b'.') {
                out.push(b'.');
            }
            out.extend_from_slice(line);
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(b".\r\n");
    out
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader};
    use std::net::TcpListener;
    use std::thread;

    use chrono::DateTime;

    use super::*;
    use crate::mail::message::{self, Message};

    /// How the loopback server behaves.
    #[derive(Default, Clone)]
    struct Script {
        /// Offers AUTH PLAIN and takes `reader` / `s3cret:/@`.
        auth: bool,
        /// Refuses this recipient with 550.
        refuse: Option<&'static str>,
        /// Accepts the connection and never says a word.
        silent: bool,
        /// Drops the connection after the first line of the message.
        close_in_data: bool,
    }

    /// What the server was told.
    #[derive(Default, Debug)]
    struct Received {
        commands: Vec<String>,
        /// DATA as it came over the wire (dot-stuffed), the closing line left out.
        wire: Vec<u8>,
        /// The messages, dot-stuffing undone.
        messages: Vec<String>,
    }

    /// An SMTP server on 127.0.0.1 (a port the OS picks) for one connection, in a thread; its
    /// handle gives what it received once the client is done.
    fn loopback(script: Script) -> (u16, thread::JoinHandle<Received>) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("local address").port();
        let handle = thread::spawn(move || {
            let (stream, _) = listener.accept().expect("accept");
            stream.set_read_timeout(Some(Duration::from_secs(20))).expect("read timeout");
            let mut received = Received::default();
            // An I/O error ends the conversation; what was received so far is the answer.
            let _ = converse(stream, &script, &mut received);
            received
        });
        (port, handle)
    }

    fn converse(stream: TcpStream, script: &Script, received: &mut Received) -> io::Result<()> {
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut writer = stream;
        if script.silent {
            // Holds the connection open until the client gives up and closes it.
            return reader.read_to_end(&mut Vec::new()).map(drop);
        }
        writer.write_all(b"220 loopback.test ESMTP ready\r\n")?;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let command = line.trim_end_matches(['\r', '\n']).to_owned();
            received.commands.push(command.clone());
            let upper = command.to_ascii_uppercase();
            let reply = if upper.starts_with("EHLO ") {
                let auth = if script.auth { "250-AUTH LOGIN PLAIN\r\n" } else { "" };
                format!("250-loopback.test greets you\r\n250-8BITMIME\r\n{auth}250 SIZE 10240000\r\n")
            } else if let Some(token) = command.strip_prefix("AUTH PLAIN ") {
                if token == base64(b"\0reader\0s3cret:/@") {
                    "235 2.7.0 Authentication successful\r\n".to_owned()
                } else {
                    "535 5.7.8 Authentication credentials invalid\r\n".to_owned()
                }
            } else if upper.starts_with("MAIL FROM:") {
                "250 2.1.0 Ok\r\n".to_owned()
            } else if let Some(path) = command.strip_prefix("RCPT TO:") {
                if script.refuse.is_some_and(|refused| path == format!("<{refused}>")) {
                    // Two lines, as Postfix words it, to be read as one reply.
                    format!(
                        "550-5.1.1 {path}: Recipient address rejected:\r\n\
                         550 5.1.1 User unknown in local recipient table\r\n"
                    )
                } else {
                    "250 2.1.5 Ok\r\n".to_owned()
                }
            } else if upper == "DATA" {
                writer.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
                let mut wire = Vec::new();
                loop {
                    let mut raw = Vec::new();
                    if reader.read_until(b'\n', &mut raw)? == 0 {
                        return Ok(());
                    }
                    if script.close_in_data {
                        return Ok(());
                    }
                    if raw == b".\r\n" {
                        break;
                    }
                    wire.extend_from_slice(&raw);
                }
                let text = String::from_utf8(wire.clone()).expect("7-bit message");
                let unstuffed: Vec<&str> =
                    text.split("\r\n").map(|l| l.strip_prefix('.').unwrap_or(l)).collect();
                received.messages.push(unstuffed.join("\r\n"));
                received.wire.extend(wire);
                "250 2.0.0 Ok: queued as 4F2A\r\n".to_owned()
            } else if upper == "QUIT" {
                writer.write_all(b"221 2.0.0 Bye\r\n")?;
                return Ok(());
            } else {
                "502 5.5.2 Error: command not recognized\r\n".to_owned()
            };
            writer.write_all(reply.as_bytes())?;
        }
    }

    fn server(port: u16) -> Server {
        Server::parse(&format!("smtp://127.0.0.1:{port}")).expect("server")
    }

    fn address(text: &str) -> Address {
        Address::parse(text).expect("address")
    }

    fn quick() -> Timeouts {
        Timeouts {
            connect: Duration::from_secs(5),
            io: Duration::from_secs(10),
            total: Duration::from_secs(20),
        }
    }

    #[test]
    fn a_message_goes_to_every_recipient_dot_stuffed() {
        let (port, handle) = loopback(Script::default());
        let from = address("news@example.test");
        let to = [address("a@example.test"), address("b@example.test")];
        let date = DateTime::parse_from_rfc3339("2022-12-20T06:00:00Z").expect("date").to_utc();
        let id = message::message_id(&from, date);
        let text = "# Daily digest: 2022-12-19\n\nPutin holds talks in Minsk\n.hidden line\n..two dots\n";
        let html = "<!DOCTYPE html><html><body><h1>Putin holds talks in Minsk</h1></body></html>";
        let rendered = Message {
            from: &from,
            to: &to,
            subject: "Daily digest: 2022-12-19",
            text,
            html,
            date,
            message_id: &id,
        }
        .render();
        send(&server(port), &from, &to, rendered.as_bytes(), quick()).expect("sent");
        let received = handle.join().expect("server thread");

        assert_eq!(
            received.commands,
            [
                "EHLO [127.0.0.1]",
                "MAIL FROM:<news@example.test>",
                "RCPT TO:<a@example.test>",
                "RCPT TO:<b@example.test>",
                "DATA",
                "QUIT"
            ]
        );
        assert_eq!(received.messages, [rendered.as_str()], "the message arrives whole");
        let wire = String::from_utf8(received.wire).expect("ascii");
        assert!(wire.contains("\r\n..hidden line\r\n"), "a leading dot doubled: {wire}");
        assert!(wire.contains("\r\n...two dots\r\n"), "{wire}");
        let message = &received.messages[0];
        for header in [
            "From: news@example.test",
            "To: a@example.test, b@example.test",
            "Subject: Daily digest: 2022-12-19",
        ] {
            assert!(message.contains(&format!("{header}\r\n")), "{header}: {message}");
        }
        let plain = message.find("Content-Type: text/plain; charset=utf-8").expect("the text part");
        let html_part = message.find("Content-Type: text/html; charset=utf-8").expect("the HTML part");
        assert!(plain < html_part);
        assert!(message[plain..html_part].contains("\r\n.hidden line\r\n"), "{message}");
        let html_body = message[html_part..].split("\r\n\r\n").nth(1).expect("the part's body");
        let html_body = html_body.split("\r\n--=_newsgraph_alternative--").next().expect("its end");
        let decoded = message::tests::decode_qp(html_body);
        assert!(decoded.contains("<h1>Putin holds talks in Minsk</h1>"), "{decoded}");
    }

    #[test]
    fn auth_plain_when_a_user_and_password_are_given() {
        let (port, handle) = loopback(Script { auth: true, ..Script::default() });
        let server =
            Server::parse(&format!("smtp://reader:s3cret%3A%2F%40@127.0.0.1:{port}")).expect("server");
        let (from, to) = (address("news@example.test"), [address("a@example.test")]);
        send(&server, &from, &to, b"Subject: hi\r\n\r\nhello\r\n", quick()).expect("sent");
        let received = handle.join().expect("server thread");
        assert_eq!(received.commands[1], format!("AUTH PLAIN {}", base64(b"\0reader\0s3cret:/@")));
        assert_eq!(received.commands[2], "MAIL FROM:<news@example.test>");
        assert_eq!(received.messages, ["Subject: hi\r\n\r\nhello\r\n"]);

        // Wrong credentials: refused at AUTH, nothing sent, and the password never shown.
        let (port, handle) = loopback(Script { auth: true, ..Script::default() });
        let server = Server::parse(&format!("smtp://reader:wrong-pass@127.0.0.1:{port}")).expect("server");
        let error = send(&server, &from, &to, b"x\r\n", quick()).expect_err("refused");
        assert!(matches!(error, SmtpError::Refused { step: Step::Auth, code: 535, .. }), "{error:?}");
        assert!(
            error.to_string().contains("AUTH PLAIN") && !error.to_string().contains("wrong-pass"),
            "{error}"
        );
        let received = handle.join().expect("server thread");
        assert!(received.messages.is_empty() && received.commands.last().is_some_and(|c| c == "QUIT"));

        // Credentials for a server that offers no AUTH: an error before MAIL FROM.
        let (port, handle) = loopback(Script::default());
        let server = Server::parse(&format!("smtp://reader:s3cret@127.0.0.1:{port}")).expect("server");
        let error = send(&server, &from, &to, b"x\r\n", quick()).expect_err("no auth offered");
        assert!(matches!(error, SmtpError::NoAuthPlain { starttls: false }), "{error:?}");
        assert!(!error.to_string().contains("s3cret"));
        let received = handle.join().expect("server thread");
        assert!(!received.commands.iter().any(|c| c.starts_with("MAIL")), "{:?}", received.commands);
    }

    #[test]
    fn a_refused_recipient_is_a_clear_error_and_nothing_is_sent() {
        let (port, handle) = loopback(Script { refuse: Some("b@example.test"), ..Script::default() });
        let from = address("news@example.test");
        let to = [address("a@example.test"), address("b@example.test")];
        let error =
            send(&server(port), &from, &to, b"Subject: x\r\n\r\nx\r\n", quick()).expect_err("refused");
        match &error {
            SmtpError::Refused { step: Step::RcptTo(to), code: 550, text } => {
                assert_eq!(to, "b@example.test");
                assert!(
                    text.contains("Recipient address rejected") && text.contains("User unknown"),
                    "{text}"
                );
            }
            other => panic!("not a refusal at RCPT: {other:?}"),
        }
        let shown = error.to_string();
        assert!(shown.starts_with("the SMTP server refused RCPT TO:<b@example.test>: 550 5.1.1"), "{shown}");
        assert!(!shown.contains('\n') && !shown.contains('\r'), "{shown}");
        let received = handle.join().expect("server thread");
        assert!(!received.commands.iter().any(|c| c == "DATA"), "{:?}", received.commands);
        assert_eq!(received.commands.last().map(String::as_str), Some("QUIT"));
    }

    #[test]
    fn a_server_that_says_nothing_times_out() {
        let (from, to) = (address("news@example.test"), [address("a@example.test")]);

        let (port, handle) = loopback(Script { silent: true, ..Script::default() });
        let timeouts = Timeouts { io: Duration::from_millis(300), ..quick() };
        let started = Instant::now();
        let error = send(&server(port), &from, &to, b"x\r\n", timeouts).expect_err("timed out");
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(matches!(error, SmtpError::TimedOut { step: Step::Greeting, .. }), "{error:?}");
        assert!(
            error.to_string().contains("timed out after 300ms waiting for the SMTP server at its greeting")
        );
        handle.join().expect("server thread");

        // The session's limit holds too, whatever the limit of each read.
        let (port, handle) = loopback(Script { silent: true, ..Script::default() });
        let timeouts = Timeouts { total: Duration::from_millis(300), ..quick() };
        let error = send(&server(port), &from, &to, b"x\r\n", timeouts).expect_err("timed out");
        assert!(matches!(&error, SmtpError::TimedOut { after, .. } if *after == Duration::from_millis(300)));
        handle.join().expect("server thread");
    }

    #[test]
    fn a_server_that_closes_during_data_is_an_error() {
        let (port, handle) = loopback(Script { close_in_data: true, ..Script::default() });
        let (from, to) = (address("news@example.test"), [address("a@example.test")]);
        // Long enough to be still going out when the server hangs up.
        let message = format!("Subject: x\r\n\r\n{}", "a line of the digest\r\n".repeat(50_000));
        let error = send(&server(port), &from, &to, message.as_bytes(), quick()).expect_err("closed");
        let step = match &error {
            SmtpError::Closed { step } | SmtpError::Io { step, .. } => step,
            other => panic!("not a closed connection: {other:?}"),
        };
        assert!(matches!(step, Step::Data | Step::EndOfMessage), "{error}");
        handle.join().expect("server thread");
    }

    #[test]
    fn a_closed_port_is_a_connection_error() {
        let port = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address").port();
        let (from, to) = (address("news@example.test"), [address("a@example.test")]);
        let error = send(&server(port), &from, &to, b"x\r\n", quick()).expect_err("nothing listens");
        assert!(matches!(error, SmtpError::Connect(_)), "{error:?}");
        assert!(matches!(send(&server(port), &from, &[], b"x", quick()), Err(SmtpError::NoRecipients)));
    }

    #[test]
    fn the_server_url_is_checked_and_its_password_never_repeated() {
        let server = Server::parse("smtp://mail.example.test").expect("host alone");
        assert_eq!(server.to_string(), "mail.example.test:25");
        assert!(server.credentials.is_none());
        let server = Server::parse("smtp://relay:2525/").expect("host and port");
        assert_eq!(server.to_string(), "relay:2525");
        let server = Server::parse("smtp://[::1]:26").expect("IPv6");
        assert_eq!(server.to_string(), "[::1]:26");
        let server = Server::parse("smtp://us%40er:p%25ss%3Aw@127.0.0.1").expect("credentials");
        let credentials = server.credentials.as_ref().expect("credentials");
        assert_eq!((credentials.user.as_str(), credentials.password.as_str()), ("us@er", "p%ss:w"));
        assert_eq!(server.to_string(), "127.0.0.1:25", "no credentials shown");

        for bad in [
            "smtps://user:hunter22@mail.example.test",
            "http://user:hunter22@mail.example.test",
            "smtp://user:hunter22@mail.example.test/path",
            "smtp://user:hunter22@mail.example.test?x=1",
            "smtp://user:hunter22@",
            "smtp://user:hunter22@mail.example.test:0",
            "smtp://user:hunter22@mail.example.test:70000",
            "smtp://user@mail.example.test",
            "smtp://:hunter22@mail.example.test",
            "smtp://user:hunter22%zz@mail.example.test",
            "smtp://user:hunter22%00@mail.example.test",
            "mail.example.test user:hunter22",
        ] {
            let error = Server::parse(bad).err().unwrap_or_else(|| panic!("{bad} taken"));
            assert!(error.starts_with("NEWSGRAPH_SMTP must be smtp://"), "{error}");
            assert!(!error.contains("hunter22"), "the password repeated: {error}");
        }
        assert!(Server::parse("smtps://mail.example.test").err().is_some_and(|e| e.contains("TLS")));
    }

    #[test]
    fn replies_are_parsed_line_by_line() {
        assert_eq!(reply_line("250 OK"), Some((250, false, "OK")));
        assert_eq!(reply_line("250-SIZE 100"), Some((250, true, "SIZE 100")));
        assert_eq!(reply_line("354"), Some((354, false, "")));
        for bad in ["", "25", "abc def", "2500 x", "650 x", "250_x", "ü50 x"] {
            assert_eq!(reply_line(bad), None, "{bad}");
        }
        let offered =
            |lines: &[&str]| offers_auth_plain(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>());
        assert!(offered(&["8BITMIME", "AUTH LOGIN PLAIN"]));
        assert!(offered(&["AUTH=PLAIN LOGIN"]));
        assert!(offered(&["auth plain"]));
        assert!(!offered(&["AUTH LOGIN CRAM-MD5", "PLAINLY"]));
        assert!(!offered(&[]));
    }

    #[test]
    fn dot_stuffing_doubles_leading_dots_and_ends_with_the_dot_line() {
        assert_eq!(dot_stuffed(b"a\n.b\r\n..c\nd."), b"a\r\n..b\r\n...c\r\nd.\r\n.\r\n");
        assert_eq!(dot_stuffed(b"a\r\n"), b"a\r\n.\r\n");
        assert_eq!(dot_stuffed(b".\r\n"), b"..\r\n.\r\n");
        assert_eq!(dot_stuffed(b""), b".\r\n");
    }
}
