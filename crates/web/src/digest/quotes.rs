//! Which of a story's quotes a digest shows: a few worth reading, from different people.

use std::collections::BTreeSet;

use newsgraph_model::QuoteKind;
use newsgraph_store::FoundQuote;

use super::{KeyQuote, Person, QuotedArticle};
use crate::display;

/// Fewer words than this is a fragment ("yes", "no comment"), not worth a line of its own.
const MIN_WORDS: usize = 4;
/// More words than this is a paragraph of reported speech; such a quote comes after shorter ones.
const LONG_WORDS: usize = 60;

/// Speakers that say nothing about who spoke when no person was resolved for them.
const PRONOUNS: &[&str] =
    &["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "who", "this", "that"];

/// Up to `max` of `candidates` (in the order [`newsgraph_store::Store::story_quotes`] gives:
/// named speakers first, newest article first), the best first:
///
/// - only quotes with a speaker that says who spoke (a resolved person, or words other than a
///   bare pronoun) and is not inside its own content, content of at least [`MIN_WORDS`]
///   words, and, for reported (or mixed) speech, a verb of saying as its cue ([`SAYING`]);
/// - a resolved person before anyone else, then direct speech before mixed and indirect, then
///   quotes up to [`LONG_WORDS`] words before longer ones, then the order given;
/// - one quote per speaker before a second from anyone, and never the same words twice.
pub fn choose(candidates: &[FoundQuote], max: usize) -> Vec<&FoundQuote> {
    let mut ranked: Vec<(Rank, &FoundQuote)> =
        candidates.iter().enumerate().filter_map(|(order, f)| Some((rank(f, order)?, f))).collect();
    ranked.sort_by_key(|(rank, _)| rank.key);
    let mut chosen: Vec<(Rank, &FoundQuote)> = Vec::with_capacity(max);
    let mut speakers = BTreeSet::new();
    let mut said = BTreeSet::new();
    for distinct_speakers in [true, false] {
        for (rank, found) in &ranked {
            if chosen.len() >= max {
                break;
            }
            if said.contains(&rank.words) || (distinct_speakers && speakers.contains(&rank.speaker)) {
                continue;
            }
            speakers.insert(rank.speaker.clone());
            said.insert(rank.words.clone());
            chosen.push((rank.clone(), found));
        }
    }
    // Seconds taken in the second pass still go by rank.
    chosen.sort_by_key(|(rank, _)| rank.key);
    chosen.into_iter().map(|(_, f)| f).collect()
}

#[derive(Clone)]
struct Rank {
    /// (not a resolved person, kind, long, order given): lowest first.
    key: (bool, u8, bool, usize),
    /// Who spoke: the person's id, else the speaker's words folded.
    speaker: String,
    /// What was said, folded: its words lower-cased.
    words: String,
}

fn rank(found: &FoundQuote, order: usize) -> Option<Rank> {
    let text = found.article.article.text();
    let quote = &found.quote;
    let speaker = fold(quote.speaker.and_then(|s| s.slice(&text))?);
    let content: Vec<&str> = quote.content.iter().filter_map(|s| s.slice(&text)).collect();
    let words = fold(&content.join(" "));
    let count = words.split(' ').filter(|w| !w.is_empty()).count();
    if count < MIN_WORDS || speaker.is_empty() {
        return None;
    }
    // A speaker inside what it said is the labeller reading one phrase twice.
    if format!(" {words} ").contains(&format!(" {speaker} ")) {
        return None;
    }
    // Reported speech, even with a few quoted words in it, has no quotation marks around it
    // to vouch for it: its cue must be a verb of saying ("said", "told", "according to"), not
    // "discussed" or "talks with".
    let cue = quote.cue.and_then(|s| s.slice(&text)).map(fold).unwrap_or_default();
    if quote.kind != QuoteKind::Direct && !cue.split(' ').any(says) {
        return None;
    }
    let speaker = match quote.speaker_entity {
        Some(id) => format!("#{}", id.0),
        None if PRONOUNS.contains(&speaker.as_str()) => return None,
        None => speaker,
    };
    let kind = match quote.kind {
        QuoteKind::Direct => 0,
        QuoteKind::Mixed => 1,
        QuoteKind::Indirect => 2,
    };
    Some(Rank { key: (quote.speaker_entity.is_none(), kind, count > LONG_WORDS, order), speaker, words })
}

/// Verbs of saying, as their stems: a cue's word is one when it is a stem or a stem with
/// -s, -ed, -d or -ing ("adds", "warned", "noted", "saying"). Not "called", "accused",
/// "praised": what follows them is a name for something, not what was said.
const SAYING: &[&str] = &[
    "say",
    "said",
    "tell",
    "told",
    "according",
    "add",
    "state",
    "announce",
    "ask",
    "warn",
    "explain",
    "write",
    "wrote",
    "insist",
    "claim",
    "note",
    "argue",
    "confirm",
    "deny",
    "denied",
    "denies",
    "report",
    "acknowledge",
    "admit",
    "admitted",
    "suggest",
    "predict",
    "promise",
    "vow",
    "pledge",
    "urge",
    "believe",
    "think",
    "thought",
    "estimate",
    "declare",
    "reply",
    "replied",
    "replies",
    "respond",
    "comment",
    "tweet",
    "post",
    "recall",
    "contend",
    "maintain",
    "assert",
    "stress",
    "emphasise",
    "emphasize",
    "concede",
    "reiterate",
    "testify",
    "testified",
    "agree",
    "complain",
    "reveal",
    "disclose",
];

fn says(word: &str) -> bool {
    let stem = |suffix: &str| word.strip_suffix(suffix).is_some_and(|w| SAYING.contains(&w));
    SAYING.contains(&word) || ["s", "ed", "d", "ing"].into_iter().any(stem)
}

/// Words (runs of letters and digits) lower-cased, one space between.
fn fold(text: &str) -> String {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    words.join(" ")
}

/// The quote as the digest shows it, `person` being its speaker's entity when resolved.
pub fn key_quote(found: &FoundQuote, person: Option<Person>) -> KeyQuote {
    let text = found.article.article.text();
    let slice = |span: newsgraph_model::Span| {
        span.slice(&text).map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let quote = &found.quote;
    let content: Vec<String> = quote.content.iter().filter_map(|s| slice(*s)).collect();
    let a = &found.article;
    KeyQuote {
        speaker: quote.speaker.and_then(slice).unwrap_or_default(),
        person,
        kind: quote.kind,
        cue: quote.cue.and_then(slice),
        text: content.join(" … "),
        article: QuotedArticle {
            id: a.id,
            title: display::title(&a.article.title).to_owned(),
            outlet: display::site_label(a),
            url: a.article.url.clone(),
            link: format!("/articles/{}", a.id),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{ArticleId, EntityId, Quote, Span, StoredArticle};
    use newsgraph_store::conformance::sample;

    /// One quote: speaker, person id, kind, content and cue, each a piece of the text.
    type Said<'a> = (&'a str, Option<i64>, QuoteKind, &'a str, &'a str);

    /// Quotes of one article whose text is `body`.
    fn found(body: &str, quotes: &[Said<'_>]) -> Vec<FoundQuote> {
        let new = sample("Quotes", body, None);
        let text = new.article.text();
        let at = |form: &str| {
            let start = text.find(form).unwrap_or_else(|| panic!("{form:?}"));
            Span::new(start, start + form.len())
        };
        let article = StoredArticle {
            id: ArticleId(1),
            content_hash: new.article.content_hash(),
            article: new.article.clone(),
            source: new.source.clone(),
            fetched_at: None,
            imported_at: new.imported_at,
        };
        quotes
            .iter()
            .map(|(speaker, person, kind, content, cue)| FoundQuote {
                article: article.clone(),
                quote: Quote {
                    kind: *kind,
                    speaker: (!speaker.is_empty()).then(|| at(speaker)),
                    referent: None,
                    speaker_entity: person.map(EntityId),
                    cue: (!cue.is_empty()).then(|| at(cue)),
                    content: vec![at(content)],
                },
            })
            .collect()
    }

    fn speakers(chosen: &[&FoundQuote]) -> Vec<String> {
        chosen.iter().map(|f| key_quote(f, None).speaker + ": " + &key_quote(f, None).text).collect()
    }

    const BODY: &str = "Putin said: \"The talks in Minsk were useful.\" Officials said more talks would follow \
        soon. He said: \"We will meet again next year.\" Lukashenko said Belarus would buy weapons. They said \
        nothing new at all. Putin said: \"the talks in Minsk were USEFUL\". Aides: yes indeed. The two leaders \
        discussed joint military exercises with Belarus. According to the ministry, gas prices will rise soon. \
        Russian President Vladimir Putin held talks with Belarusian leaders.";

    #[test]
    fn named_people_and_direct_speech_come_first_one_each() {
        let direct = QuoteKind::Direct;
        let candidates = found(
            BODY,
            &[
                ("Officials", None, QuoteKind::Indirect, "more talks would follow soon", "said"),
                ("They", None, QuoteKind::Indirect, "nothing new at all", "said"),
                ("Lukashenko", Some(2), QuoteKind::Indirect, "Belarus would buy weapons", "said"),
                ("Putin", Some(1), direct, "The talks in Minsk were useful.", "said"),
                ("He", Some(1), direct, "We will meet again next year.", "said"),
                ("Putin", Some(1), direct, "the talks in Minsk were USEFUL", "said"),
                ("Aides", None, direct, "yes indeed", ""),
                ("", None, direct, "We will meet again next year.", ""),
            ],
        );
        assert_eq!(
            speakers(&choose(&candidates, 3)),
            [
                "Putin: The talks in Minsk were useful.",
                "Lukashenko: Belarus would buy weapons",
                "Officials: more talks would follow soon"
            ],
            "one per speaker, named people first, direct first; a pronoun nobody resolved, a fragment and no speaker left out"
        );
        assert_eq!(
            speakers(&choose(&candidates, 5)),
            [
                "Putin: The talks in Minsk were useful.",
                "He: We will meet again next year.",
                "Lukashenko: Belarus would buy weapons",
                "Officials: more talks would follow soon"
            ],
            "a second quote from Putin once everyone had one, his same words not again"
        );
        assert!(choose(&candidates, 0).is_empty());
        assert!(choose(&[], 3).is_empty());
    }

    #[test]
    fn reported_speech_needs_a_verb_of_saying() {
        let indirect = QuoteKind::Indirect;
        let candidates = found(
            BODY,
            &[
                ("The two leaders", None, indirect, "joint military exercises with Belarus", "discussed"),
                ("the ministry", None, indirect, "gas prices will rise soon", "According to"),
                ("Officials", None, indirect, "more talks would follow soon", ""),
                ("Belarusian", None, indirect, "Belarusian leaders", "talks with"),
                ("Putin", Some(1), indirect, "Russian President Vladimir Putin held talks", "said"),
            ],
        );
        assert_eq!(speakers(&choose(&candidates, 5)), ["the ministry: gas prices will rise soon"]);
        assert!(says("said") && says("warned") && says("adds") && says("noted") && says("saying"));
        assert!(!says("discussed") && !says("talks") && !says("with") && !says("s") && !says("called"));
    }
}
