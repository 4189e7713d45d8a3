//! A story named and summed up from its articles: the headline that best says what its
//! coverage is about, and its most central sentences (extractive). "Central" is measured
//! against the story's own centroid: the terms many of its articles use weigh the most.

use rustc_hash::FxHashMap;

use crate::stories::ArticleInput;
use crate::terms::terms;

/// Sentences of this many words or fewer are passed over for a summary (datelines, bylines).
const SHORTEST_SENTENCE: usize = 6;
/// ... and of more than this many (run-on text with no full stops).
const LONGEST_SENTENCE: usize = 80;
/// A sentence this close (cosine) to one already chosen says nothing new.
const REDUNDANT: f32 = 0.5;

/// The index of the member whose title is the most representative of the story (the closest
/// to the centroid of all its articles; the earliest on a tie); `None` if no member has a
/// title with words in it.
pub fn headline(members: &[ArticleInput<'_>]) -> Option<usize> {
    let centroid = centroid(members);
    members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((closeness(&unit(&terms(m.title))?, &centroid), i)))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, i)| i)
}

/// Up to `count` sentences of the members' texts, the most central first, none repeating
/// what an earlier one says.
pub fn summary(members: &[ArticleInput<'_>], count: usize) -> Vec<String> {
    let centroid = centroid(members);
    let mut scored: Vec<(f32, usize, &str, Vector)> = members
        .iter()
        .flat_map(|m| sentences(m.text))
        .filter_map(|s| {
            let words = terms(s);
            if !(SHORTEST_SENTENCE..=LONGEST_SENTENCE).contains(&s.split_whitespace().count()) {
                return None;
            }
            let vector = unit(&words)?;
            Some((closeness(&vector, &centroid), 0, s, vector))
        })
        .collect();
    for (i, s) in scored.iter_mut().enumerate() {
        s.1 = i;
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<(&str, Vector)> = Vec::new();
    for (_, _, sentence, vector) in scored {
        if chosen.len() == count {
            break;
        }
        if chosen.iter().all(|(_, v)| closeness(&vector, v) <= REDUNDANT) {
            chosen.push((sentence, vector));
        }
    }
    chosen.into_iter().map(|(s, _)| s.to_string()).collect()
}

type Vector = FxHashMap<u64, f32>;

/// The sum of the members' unit term vectors (title and text).
fn centroid(members: &[ArticleInput<'_>]) -> Vector {
    let mut sum = Vector::default();
    for m in members {
        let mut words = terms(m.title);
        words.extend(terms(m.text));
        for (t, w) in unit(&words).into_iter().flatten() {
            *sum.entry(t).or_default() += w;
        }
    }
    sum
}

/// The terms' counts (log-scaled) as a unit vector; `None` without terms.
fn unit(words: &[u64]) -> Option<Vector> {
    let mut counts = Vector::default();
    for &t in words {
        *counts.entry(t).or_default() += 1.0;
    }
    counts.values_mut().for_each(|c| *c = 1.0 + c.ln());
    let norm = counts.values().map(|w| w * w).sum::<f32>().sqrt();
    (norm > 0.0).then(|| counts.into_iter().map(|(t, w)| (t, w / norm)).collect())
}

/// The cosine of a unit vector with any vector.
fn closeness(unit: &Vector, other: &Vector) -> f32 {
    let norm = other.values().map(|w| w * w).sum::<f32>().sqrt();
    if norm == 0.0 {
        return 0.0;
    }
    unit.iter().filter_map(|(t, w)| other.get(t).map(|o| o * w)).sum::<f32>() / norm
}

/// The sentences of a text: split after `.`, `!` or `?` (and any closing quotes or brackets)
/// where whitespace and then a capital letter, digit or opening quote follow, and at line
/// breaks.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.lines().flat_map(|line| {
        let mut out = Vec::new();
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (n, &(_, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let mut end = n + 1;
            while end < chars.len() && matches!(chars[end].1, '"' | '\'' | '”' | '’' | ')') {
                end += 1;
            }
            let next = chars.get(end + 1).map(|&(_, c)| c);
            let spaced = chars.get(end).is_some_and(|&(_, c)| c.is_whitespace());
            if spaced && next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c))
            {
                let cut = chars[end].0;
                out.push(line[start..cut].trim());
                start = cut;
            }
        }
        out.push(line[start..].trim());
        out.into_iter().filter(|s| !s.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article<'a>(title: &'a str, text: &'a str) -> ArticleInput<'a> {
        ArticleInput { title, text, ..Default::default() }
    }

    #[test]
    fn the_headline_is_the_title_closest_to_the_coverage() {
        let members = [
            article("Breaking news", "Putin arrived in Minsk for talks with Lukashenko on Monday."),
            article("Putin holds talks with Lukashenko in Minsk", "Putin and Lukashenko met in Minsk."),
            article("", "Lukashenko welcomed Putin to Minsk for talks."),
        ];
        assert_eq!(headline(&members), Some(1));
        assert_eq!(headline(&[article("", "text only")]), None);
        assert_eq!(headline(&[]), None);
    }

    #[test]
    fn the_summary_takes_central_sentences_once() {
        let members = [
            article(
                "Putin in Minsk",
                "MINSK (Reuters). Putin arrived in Minsk on Monday for talks with Lukashenko about the war. \
                 The weather in Minsk was cold and grey all through the morning hours.",
            ),
            article(
                "",
                "Putin arrived in Minsk on Monday for talks with Lukashenko about the war! Ukraine fears \
                 that Belarus will join a new offensive against Kyiv from the north this winter.",
            ),
        ];
        let summary = summary(&members, 2);
        assert_eq!(summary[0], "Putin arrived in Minsk on Monday for talks with Lukashenko about the war.");
        assert_eq!(summary.len(), 2);
        assert!(!summary[1].starts_with("Putin arrived"), "{summary:?}");
        assert!(super::summary(&[], 3).is_empty());
    }

    #[test]
    fn sentences_split_at_full_stops_before_capitals_and_at_line_breaks() {
        let text = "He said: \"We will win.\" Then he left. It cost $1.8bn in the U.S. economy.\nNext line";
        let found: Vec<&str> = sentences(text).collect();
        assert_eq!(
            found,
            [
                "He said: \"We will win.\"",
                "Then he left.",
                "It cost $1.8bn in the U.S. economy.",
                "Next line"
            ]
        );
    }
}
