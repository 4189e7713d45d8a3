//! Whom a quote's speaker stands for: the person it names ("Kremlin spokesman Dmitry
//! Peskov"), or, for a pronoun ("he") or a bare role ("the spokesman"), the nearest person
//! named before it that fits. Unnamed sources ("diplomats from other countries") stand for
//! nobody and stay text.

use std::ops::Range;

use newsgraph_model::{ArticleEntities, EntityKind, Quote, Span, speaker_is};

use crate::roles::is_role_noun;

/// A person named in the text: the mention's range and the role given with it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person<'a> {
    pub span: Range<usize>,
    pub role: Option<&'a str>,
}

/// How far back (in bytes) a pronoun or a role looks for its person: about two paragraphs.
const LOOK_BACK: usize = 1500;

const PRONOUNS: [&str; 2] = ["he", "she"];
const DETERMINERS: [&str; 3] = ["the", "this", "that"];

/// The person mention `speaker` stands for, as a range of `text`. `people` are the person
/// mentions of the text in text order; `quoted` the contents of its quotes (people named
/// inside what someone said are talked about, not talking).
pub fn referent(
    text: &str,
    speaker: &Range<usize>,
    people: &[Person<'_>],
    quoted: &[Range<usize>],
) -> Option<Range<usize>> {
    // The speaker names a person: the mention it ends in.
    if let Some(named) = people.iter().find(|p| p.span.start < speaker.end && speaker.end <= p.span.end) {
        return Some(named.span.clone());
    }
    let words: Vec<String> =
        text.get(speaker.clone())?.split_whitespace().map(|w| w.to_lowercase()).collect();
    let earlier = people.iter().rev().filter(|p| {
        p.span.end <= speaker.start
            && speaker.start - p.span.end <= LOOK_BACK
            && !quoted.iter().any(|q| q.start <= p.span.start && p.span.end <= q.end)
    });
    match words.as_slice() {
        [pronoun] if PRONOUNS.contains(&pronoun.as_str()) => earlier.map(|p| p.span.clone()).next(),
        [determiner, .., head] if DETERMINERS.contains(&determiner.as_str()) && is_role_noun(head) => earlier
            .filter(|p| {
                p.role.and_then(|r| r.split_whitespace().last()).is_some_and(|h| h.eq_ignore_ascii_case(head))
            })
            .map(|p| p.span.clone())
            .next(),
        _ => None,
    }
}

/// Sets the `referent` of each quote whose speaker stands for a person named elsewhere in
/// `text` ("he", "the spokesman"), from the article's entity mentions (spans into `text`).
pub fn resolve_referents(text: &str, quotes: &mut [Quote], entities: &ArticleEntities) {
    let people: Vec<Person<'_>> = entities
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Per)
        .map(|m| Person { span: m.span.start..m.span.end, role: m.role.as_deref() })
        .collect();
    let quoted: Vec<Range<usize>> = quotes.iter().flat_map(|q| &q.content).map(|s| s.start..s.end).collect();
    for quote in quotes.iter_mut() {
        let Some(speaker) = quote.speaker else { continue };
        let Some(found) = referent(text, &(speaker.start..speaker.end), &people, &quoted) else { continue };
        let found = Span::new(found.start, found.end);
        // A speaker that names its person needs no referent.
        if !speaker_is(speaker, found, EntityKind::Per) {
            quote.referent = Some(found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).unwrap_or(0);
        start..start + needle.len()
    }

    fn last(text: &str, needle: &str) -> Range<usize> {
        let start = text.rfind(needle).unwrap_or(0);
        start..start + needle.len()
    }

    #[test]
    fn pronouns_and_roles_find_the_person_before_them() {
        let text = "Kremlin spokesman Dmitry Peskov spoke. Zaluzhniy said Lukashenko was wrong. \
                    He added more. The spokesman denied it. The general agreed. Diplomats say no.";
        let people = [
            Person { span: at(text, "Dmitry Peskov"), role: Some("Kremlin spokesman") },
            Person { span: at(text, "Zaluzhniy"), role: Some("top general") },
            Person { span: at(text, "Lukashenko"), role: None },
        ];
        let quoted = [at(text, "Lukashenko was wrong")];
        let resolve = |speaker: Range<usize>| referent(text, &speaker, &people, &quoted);
        assert_eq!(resolve(at(text, "Kremlin spokesman Dmitry Peskov")), Some(people[0].span.clone()));
        // "He": the nearest person before, but not Lukashenko, who is only talked about.
        assert_eq!(resolve(at(text, "He")), Some(people[1].span.clone()));
        assert_eq!(resolve(at(text, "The spokesman")), Some(people[0].span.clone()));
        assert_eq!(resolve(at(text, "The general")), Some(people[1].span.clone()));
        assert_eq!(resolve(at(text, "Diplomats")), None);
        assert_eq!(resolve(last(text, "no")), None);
        // Nobody named before: nothing.
        assert_eq!(referent(text, &at(text, "Kremlin"), &[], &[]), None);
        let backwards = Range { start: 5, end: 2 };
        assert_eq!(referent(text, &backwards, &people, &[]), None);
    }

    #[test]
    fn quotes_get_the_referent_of_a_pronoun_speaker_only() {
        use newsgraph_model::{CanonicalEntity, QuoteKind, ResolvedMention};
        let text = "Kremlin spokesman Dmitry Peskov spoke. He added more.";
        let span = |needle: &str| {
            let r = at(text, needle);
            Span::new(r.start, r.end)
        };
        let entities = ArticleEntities {
            entities: vec![CanonicalEntity {
                kind: EntityKind::Per,
                key: "PER:dmitry peskov".into(),
                name: "Dmitry Peskov".into(),
                aliases: vec![],
                location: None,
                country: None,
            }],
            mentions: vec![ResolvedMention {
                span: span("Dmitry Peskov"),
                kind: EntityKind::Per,
                entity: 0,
                role: Some("Kremlin spokesman".into()),
            }],
        };
        let quote = |speaker: &str, content: &str| Quote {
            kind: QuoteKind::Indirect,
            speaker: Some(span(speaker)),
            referent: None,
            speaker_entity: None,
            cue: None,
            content: vec![span(content)],
        };
        let mut quotes = vec![quote("Kremlin spokesman Dmitry Peskov", "spoke"), quote("He", "more")];
        resolve_referents(text, &mut quotes, &entities);
        assert_eq!(quotes[0].referent, None, "a speaker that names the person needs none");
        assert_eq!(quotes[1].referent, Some(span("Dmitry Peskov")));
    }
}
