//! Titles: inferring a headline from the body when a page has none, and cleaning a
//! document title of its " | Site" suffix.

/// A headline should be this many words long.
const MIN_WORDS: usize = 6;
const MAX_WORDS: usize = 14;

/// Words a headline does not end on.
const WEAK_ENDINGS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
    "that", "which", "who", "his", "her", "its", "their", "is", "was", "were", "are", "has", "have", "had",
    "will", "would", "said", "says",
];

/// A headline made from the body's lead sentence: the sentence itself when short enough,
/// else cut at the last clause boundary (comma, semicolon, colon, dash, parenthesis) that
/// leaves a headline-length phrase, else cut at a word limit. No trailing punctuation.
pub fn infer(paragraphs: &[String]) -> Option<String> {
    let lead = paragraphs.iter().find(|p| p.split_whitespace().count() >= 4)?;
    let sentence = first_sentence(lead);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let cut = if words.len() <= MAX_WORDS { words.len() } else { clause_cut(&words).unwrap_or(MAX_WORDS) };
    let mut kept = words.get(..cut)?.to_vec();
    while kept.len() > MIN_WORDS
        && kept.last().is_some_and(|w| WEAK_ENDINGS.contains(&bare(w).to_lowercase().as_str()))
    {
        kept.pop();
    }
    let title = kept.join(" ");
    let title = title
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | '"' | '”' | '’' | '%' | '$'));
    (!title.is_empty()).then(|| title.to_string())
}

/// The text up to the first sentence end: `.`, `!` or `?` followed by a space and a capital,
/// where the word before is not an initial or a short abbreviation ("Mr.", "U.S.").
fn first_sentence(text: &str) -> &str {
    let words: Vec<(usize, &str)> = word_offsets(text);
    for pair in words.windows(2) {
        let [(start, word), (_, next)] = pair else {
            continue;
        };
        let ends = word.ends_with(['.', '!', '?']) || word.ends_with(".\"") || word.ends_with(".”");
        let next_starts = next.chars().next().is_some_and(|c| c.is_uppercase() || c == '"' || c == '“');
        if ends && next_starts && !is_abbreviation(word) {
            return &text[..start + word.len()];
        }
    }
    text
}

fn is_abbreviation(word: &str) -> bool {
    let core = word.trim_end_matches('.');
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    core.contains('.')
        || (letters <= 3
            && core.chars().next().is_some_and(char::is_uppercase)
            && !word.ends_with(['!', '?']))
}

fn word_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    words
}

/// The number of words before the last clause boundary that leaves MIN..=MAX words.
fn clause_cut(words: &[&str]) -> Option<usize> {
    (MIN_WORDS..=MAX_WORDS.min(words.len())).rev().find(|&n| {
        let last = words[n - 1];
        let next = words.get(n).copied().unwrap_or_default();
        last.ends_with([',', ';', ':']) || matches!(next, "-" | "–" | "—") || next.starts_with('(')
    })
}

fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Removes a " | Site", " - Site" or " — Site" suffix (or prefix) that names the site, and
/// trims the rest.
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(separator)
            && same_name(tail, site)
        {
            return head.trim().to_string();
        }
        if let Some((head, tail)) = title.split_once(separator)
            && same_name(head, site)
        {
            return tail.trim().to_string();
        }
    }
    title.to_string()
}

fn same_name(a: &str, b: &str) -> bool {
    let norm =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let (a, b) = (norm(a), norm(b));
    // Short names ("AP") match only exactly; longer ones also inside the other ("The Daily"
    // in "The Daily Online", "taipeitimes" in "taipeitimes.com").
    !a.is_empty() && (a == b || a.len() >= 3 && b.contains(&a) || b.len() >= 3 && a.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer_one(text: &str) -> Option<String> {
        infer(&[text.to_string()])
    }

    #[test]
    fn infers_a_headline_from_the_lead() {
        assert_eq!(
            infer_one("Russian President Vladimir Putin and his defence and foreign ministers went to Belarus, On Monday. This made people worry.").as_deref(),
            Some("Russian President Vladimir Putin and his defence and foreign ministers went to Belarus")
        );
        assert_eq!(
            infer_one("Mr. Smith won the race in record time. Then he left.").as_deref(),
            Some("Mr. Smith won the race in record time")
        );
        let long = infer_one("The committee that oversees the allocation of funds for the regional transport network approved a plan on Thursday to expand service").unwrap_or_default();
        let n = long.split_whitespace().count();
        assert!((MIN_WORDS..=MAX_WORDS).contains(&n), "{long}");
        assert!(!long.ends_with(" the") && !long.ends_with(" to"), "{long}");
    }

    #[test]
    fn strips_site_suffixes() {
        assert_eq!(strip_site_name("Big news today | The Daily", Some("The Daily")), "Big news today");
        assert_eq!(strip_site_name("The Daily - Big news today", Some("The Daily")), "Big news today");
        assert_eq!(strip_site_name("Left - right debate", Some("Other")), "Left - right debate");
    }
}
