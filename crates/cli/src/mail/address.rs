//! Email addresses as written on the command line and in NEWSGRAPH_MAIL_FROM, checked before
//! they reach an SMTP command or a header.

use std::fmt;

/// Longest address SMTP paths carry (RFC 5321 §4.5.3.1.3, less the angle brackets), and local
/// part.
const MAX_ADDRESS: usize = 254;
const MAX_LOCAL: usize = 64;

/// A plain `local@domain` address: ASCII, one `@`, a dot-atom local part and a domain of
/// letter-digit-hyphen labels. Nothing that could end a header line or an SMTP path (CR, LF,
/// spaces, angle brackets, commas, quotes) gets in, so an address written into `RCPT TO:<...>`
/// or a `To:` header is always exactly one address. Quoted local parts, domain literals and
/// non-ASCII addresses (SMTPUTF8) are refused rather than half supported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address(String);

impl Address {
    pub fn parse(text: &str) -> Result<Address, String> {
        check(text).map(|()| Address(text.to_owned())).map_err(|why| {
            format!("{:?} is not an email address (local@domain, in ASCII): {why}", shorten(text))
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn check(text: &str) -> Result<(), &'static str> {
    if text.is_empty() {
        return Err("it is empty");
    }
    if let Some(c) = text.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(if c.is_whitespace() || c.is_control() {
            "it holds a space, line break or control character"
        } else {
            "it holds a character outside ASCII"
        });
    }
    if text.chars().any(|c| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '\\' | ',' | ';' | ':' | '"')) {
        return Err("it holds one of < > ( ) [ ] \\ , ; : \"");
    }
    if text.len() > MAX_ADDRESS {
        return Err("it is longer than 254 characters");
    }
    let (local, domain) = match text.split_once('@') {
        Some((local, domain)) if !domain.contains('@') => (local, domain),
        Some(_) => return Err("it holds more than one @"),
        None => return Err("it has no @"),
    };
    if local.is_empty() || local.len() > MAX_LOCAL {
        return Err("the part before @ must be 1 to 64 characters");
    }
    if local.split('.').any(str::is_empty) {
        return Err("the part before @ starts or ends with a dot, or has two in a row");
    }
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if !domain.split('.').all(label_ok) {
        return Err("the domain must be dot-separated labels of letters, digits and inner hyphens");
    }
    Ok(())
}

/// What of a refused text an error shows: enough to recognise it.
fn shorten(text: &str) -> String {
    text.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_addresses_are_taken() {
        for ok in
            ["a@example.test", "first.last+tag@mail.example.co", "x_y-z!#$%&'*/=?^`{|}~@a-b.example", "a@b"]
        {
            let address = Address::parse(ok).expect(ok);
            assert_eq!(address.as_str(), ok);
        }
        assert_eq!(Address::parse("news@mail.example.test").expect("ok").domain(), "mail.example.test");
    }

    #[test]
    fn anything_that_could_inject_a_header_or_a_command_is_refused() {
        let refused = [
            "",
            "a@example.test\r\nBcc: evil@example.test",
            "a@example.test\nBcc: evil@example.test",
            "a@example.test\rX",
            "a@example.test>\r\nRCPT TO:<evil@example.test",
            "<a@example.test>",
            "Name <a@example.test>",
            "a@example.test, b@example.test",
            "a@example.test;b@example.test",
            "a b@example.test",
            " a@example.test",
            "a@example.test ",
            "a\t@example.test",
            "a\0@example.test",
            "\"quoted\"@example.test",
            "a@[127.0.0.1]",
            "a@@example.test",
            "a@b@example.test",
            "example.test",
            "@example.test",
            "a@",
            ".a@example.test",
            "a.@example.test",
            "a..b@example.test",
            "a@example..test",
            "a@-example.test",
            "a@example.test.",
            "a@exa_mple.test",
            "jöran@example.test",
            "a@exämple.test",
        ];
        for text in refused {
            let error = Address::parse(text).expect_err(text);
            assert!(error.contains("is not an email address"), "{error}");
            assert!(!error.contains('\r') && !error.contains('\n'), "the error is one line: {error}");
        }
        let long_local = format!("{}@example.test", "a".repeat(65));
        assert!(Address::parse(&long_local).is_err());
        let long = format!("a@{}.test", vec!["b".repeat(60); 5].join("."));
        assert!(Address::parse(&long).is_err());
    }
}
