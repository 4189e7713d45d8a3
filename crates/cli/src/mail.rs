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

/// Standard base64 with padding (RFC 4648 §4), for AUTH PLAIN and encoded header words: a few
/// lines here rather than a dependency for them.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
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
