//! Bylines ("By Jane Doe and John Roe | Reuters") -> author names.

/// Separators after which a byline carries something else (agency, date, role).
const TAIL_SEPARATORS: &[&str] = &[" | ", " · ", " • ", " - ", " – ", " — ", ", ", " in ", " on "];

/// The author names in a byline line, or `None` when the line is not a byline.
pub fn authors(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if line.split_whitespace().count() > 16 {
        return None;
    }
    let rest = ["By ", "by ", "BY ", "Written by ", "Words by ", "Author: ", "Authors: "]
        .iter()
        .find_map(|prefix| line.strip_prefix(prefix))?;
    let names = split_names(cut_tail(rest));
    (!names.is_empty()).then_some(names)
}

/// The names before a separator such as " | Reuters" or ", Staff Writer". A comma only ends
/// the names when what follows does not itself look like another name list.
fn cut_tail(rest: &str) -> &str {
    let mut end = rest.len();
    for separator in TAIL_SEPARATORS {
        if let Some(at) = rest.find(separator) {
            let after = &rest[at + separator.len()..];
            let comma_list =
                *separator == ", " && is_name(after.split([',', '|']).next().unwrap_or_default().trim());
            if !comma_list {
                end = end.min(at);
            }
        }
    }
    &rest[..end]
}

/// Two to four words, each starting with a capital (allowing particles such as "van", "de").
pub fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let particles = ["van", "von", "de", "da", "del", "der", "di", "la", "le", "bin", "al"];
    (1..=5).contains(&words.len())
        && words.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) || particles.contains(w))
        && words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’')))
}

/// Splits "A, B and C" into names.
pub fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" & "))
        .map(|name| name.trim().trim_end_matches('.'))
        .filter(|name| is_name(name))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bylines() {
        assert_eq!(authors("By Jane Doe"), Some(vec!["Jane Doe".to_string()]));
        assert_eq!(authors("By Jane Doe and John Roe"), Some(vec!["Jane Doe".into(), "John Roe".into()]));
        assert_eq!(authors("By Jane Doe | Reuters"), Some(vec!["Jane Doe".into()]));
        assert_eq!(authors("By Jane Doe, Staff writer"), Some(vec!["Jane Doe".into()]));
        assert_eq!(authors("By the way, this is not a byline at all"), None);
        assert_eq!(authors("Jane Doe"), None);
    }

    #[test]
    fn splits_name_lists() {
        assert_eq!(
            split_names("Ann Lee, Bo Chen and Carl de Vries"),
            vec!["Ann Lee", "Bo Chen", "Carl de Vries"]
        );
        assert!(split_names("https://example.com/author/x").is_empty());
    }
}
