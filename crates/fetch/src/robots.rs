//! robots.txt as RFC 9309 reads it: groups of `User-agent` lines with their `Allow` and
//! `Disallow` rules; the group naming our product token applies (else the `*` group), and among
//! its rules the longest matching path wins, `Allow` on a tie. Paths may use `*` (any run of
//! characters) and end in `$` (the end of the path).
//!
//! What to do when robots.txt cannot be had is the caller's rule: RFC 9309 says a 4xx answer
//! means everything is allowed, and an unreachable or 5xx one that everything is disallowed
//! for now ([`Robots::allow_all`], [`Robots::disallow_all`]).

/// The rules of one site for one user agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Robots {
    /// (allowed, path pattern).
    rules: Vec<(bool, String)>,
}

/// Largest robots.txt read; RFC 9309 asks crawlers to read at least 500 KiB.
pub const MAX_ROBOTS_BYTES: usize = 512 * 1024;

impl Robots {
    pub fn allow_all() -> Robots {
        Robots { rules: Vec::new() }
    }

    pub fn disallow_all() -> Robots {
        Robots { rules: vec![(false, "/".into())] }
    }

    /// The rules `text` gives the user agent whose product token is `agent` ("newsgraph").
    pub fn parse(text: &str, agent: &str) -> Robots {
        let text = &text[..floor_char_boundary(text, MAX_ROBOTS_BYTES)];
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let agent = agent.to_ascii_lowercase();
        let (mut ours, mut anyone) = (Vec::new(), Vec::new());
        let mut named_us = false;
        // The agents of the group being read, and whether its rules have started (a
        // User-agent line after rules opens a new group).
        let (mut group_us, mut group_anyone, mut in_rules) = (false, false, false);
        // Lines end in LF, CRLF or a lone CR.
        for line in text.split(['\n', '\r']) {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else { continue };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        (group_us, group_anyone, in_rules) = (false, false, false);
                    }
                    let token = value.to_ascii_lowercase();
                    if token == "*" {
                        group_anyone = true;
                    } else if token == agent {
                        group_us = true;
                        named_us = true;
                    }
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    // An empty Disallow allows everything: no rule.
                    if value.is_empty() {
                        continue;
                    }
                    let rule = (key == "allow", value.to_owned());
                    if group_us {
                        ours.push(rule.clone());
                    }
                    if group_anyone {
                        anyone.push(rule);
                    }
                }
                _ => {}
            }
        }
        Robots { rules: if named_us { ours } else { anyone } }
    }

    /// Whether `path` (with its query, as in the request line) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let length = pattern.len();
                let better = match best {
                    None => true,
                    Some((l, a)) => length > l || (length == l && *allow && !a),
                };
                if better {
                    best = Some((length, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether `pattern` (with `*` and a final `$`) matches the start of `path` (all of it with `$`).
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut pieces = pattern.split('*');
    let Some(mut rest) = path.strip_prefix(pieces.next().unwrap_or("")) else { return false };
    let pieces: Vec<&str> = pieces.collect();
    for (i, piece) in pieces.iter().enumerate() {
        // The last piece of an anchored pattern must end the path; a `*` before it takes the rest.
        if anchored && i == pieces.len() - 1 {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty()
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROBOTS: &str = "\
# news site
User-agent: *
Disallow: /private/
Disallow: /*.pdf$
Allow: /private/press/

User-agent: BadBot
User-agent: OtherBot
Disallow: /

User-agent: newsgraph
Disallow: /search
Allow: /search/news
";

    #[test]
    fn our_group_applies_and_the_longest_rule_wins() {
        let ours = Robots::parse(ROBOTS, "newsgraph");
        assert!(!ours.allows("/search?q=minsk"));
        assert!(ours.allows("/search/news/today"));
        assert!(ours.allows("/private/x"), "the * group does not apply when ours exists");
        assert!(ours.allows("/robots.txt"));
        let anyone = Robots::parse(ROBOTS, "someotherreader");
        assert!(!anyone.allows("/private/notes"));
        assert!(anyone.allows("/private/press/release"), "the longer Allow wins");
        assert!(!anyone.allows("/files/report.pdf"));
        assert!(anyone.allows("/files/report.pdf?download=1"), "$ anchors at the end");
        assert!(anyone.allows("/news/minsk"));
        assert!(!Robots::parse(ROBOTS, "badbot").allows("/"));
        // The whole product token names us, not a prefix of it.
        assert!(Robots::parse("User-agent: news\nDisallow: /\n", "newsgraph").allows("/a"));
        // A byte-order mark and lone CR line ends do not hide a group.
        assert!(!Robots::parse("\u{feff}User-agent: *\rDisallow: /x\r", "newsgraph").allows("/x/1"));
    }

    #[test]
    fn empty_odd_and_missing_rules_allow() {
        assert!(Robots::parse("", "newsgraph").allows("/anything"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "newsgraph").allows("/anything"));
        assert!(Robots::parse("\u{0}\u{FFFF} garbage\nDisallow /x", "newsgraph").allows("/x"));
        assert!(Robots::allow_all().allows("/x"));
        assert!(!Robots::disallow_all().allows("/x"));
        // A tie between Allow and Disallow of the same length: Allow.
        let tie = Robots::parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "newsgraph");
        assert!(tie.allows("/page"));
    }

    #[test]
    fn wildcards_match_runs_of_characters() {
        assert!(matches("/a*/c", "/abbb/c/d"));
        assert!(!matches("/a*/c", "/abbb/d"));
        assert!(matches("/*.xml$", "/feeds/news.xml"));
        assert!(!matches("/*.xml$", "/feeds/news.xml.gz"));
        assert!(matches("/exact$", "/exact"));
        assert!(!matches("/exact$", "/exactly"));
        assert!(matches("*", "/"));
    }
}
