//! Sending the daily digest by email: one MIME message ([`message`]) handed to an SMTP server
//! ([`smtp`]) for checked [`Address`]es.
//!
//! A small blocking client on std's `TcpStream` rather than a mail crate: one message per run
//! needs no async runtime, and what is spoken (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) is
//! small enough to read whole. Plain SMTP only, no STARTTLS or SMTPS: a relay that needs TLS is
//! reached through a local one (see the README). Nothing here knows HTTP, SQL or the digest's
//! contents; the command gives it the rendered text and page.

mod address;
pub mod message;
pub mod smtp;

pub use address::Address;

/// Standard base64 with padding (RFC 4648 §4), for AUTH PLAIN and encoded header words: the
/// `base64` crate the web crate already builds.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
