//! Titles and roles given with a person's name: "Kremlin spokesman Dmitry Peskov",
//! "Ukraine's top general, Valery Zaluzhniy,", "Lukashenko, the president of Belarus,".
//!
//! A role ends in a role noun ("spokesman", "president", "Gen.") and reaches back over role
//! modifiers ("top", "joint forces", "former") and over the names the tagger found around it
//! ("Kremlin", "Ukrainian", "Ukraine 's"), stopping at anything else: a determiner, a verb, a
//! capitalised word that names nothing ("Yesterday President ..."). Words are compared in
//! the tagger's forms (straight apostrophes), case-insensitively.

use std::ops::Range;

/// Longest role taken, in tokens.
const MAX_ROLE: usize = 8;

/// Nouns a role ends with.
const HEADS: &[&str] = &[
    "adm.",
    "admiral",
    "adviser",
    "advisor",
    "aide",
    "ally",
    "ambassador",
    "analyst",
    "archbishop",
    "attorney",
    "bishop",
    "boss",
    "candidate",
    "capt.",
    "captain",
    "cardinal",
    "ceo",
    "cfo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chief",
    "cleric",
    "coach",
    "col.",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "correspondent",
    "counterpart",
    "czar",
    "delegate",
    "deputy",
    "detective",
    "diplomat",
    "director",
    "economist",
    "editor",
    "emir",
    "emperor",
    "envoy",
    "executive",
    "expert",
    "founder",
    "gen.",
    "general",
    "gov.",
    "governor",
    "head",
    "imam",
    "inspector",
    "journalist",
    "judge",
    "justice",
    "king",
    "lawmaker",
    "lawyer",
    "leader",
    "legislator",
    "lieutenant",
    "lt.",
    "maj.",
    "major",
    "manager",
    "marshal",
    "mayor",
    "minister",
    "monarch",
    "mp",
    "negotiator",
    "nominee",
    "officer",
    "official",
    "ombudsman",
    "owner",
    "patriarch",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof.",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "rep.",
    "representative",
    "reporter",
    "researcher",
    "rival",
    "ruler",
    "secretary",
    "sen.",
    "senator",
    "sergeant",
    "sgt.",
    "sheikh",
    "sheriff",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "strongman",
    "sultan",
    "superintendent",
    "tsar",
    "warlord",
];

/// Words that qualify a role noun before it.
const MODIFIERS: &[&str] = &[
    "acting",
    "affairs",
    "air",
    "armed",
    "army",
    "border",
    "cabinet",
    "crown",
    "defence",
    "defense",
    "economic",
    "economy",
    "elected",
    "energy",
    "ex",
    "federal",
    "field",
    "finance",
    "first",
    "force",
    "forces",
    "foreign",
    "former",
    "frontline",
    "government",
    "health",
    "intelligence",
    "interim",
    "interior",
    "joint",
    "junior",
    "lead",
    "local",
    "longtime",
    "military",
    "national",
    "naval",
    "navy",
    "newly",
    "opposition",
    "outgoing",
    "incoming",
    "party",
    "police",
    "political",
    "presidential",
    "press",
    "prime",
    "regional",
    "security",
    "senior",
    "special",
    "staff",
    "state",
    "supreme",
    "then",
    "top",
    "trade",
    "veteran",
    "vice",
];

/// Words before a name that are courtesy, not role: trimmed from a name, never a role.
const HONORIFICS: &[&str] =
    &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "mme", "mme.", "m."];

/// Determiners that may open an apposition ("Lukashenko, the president of Belarus,").
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "its", "their"];

fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// Whether a word is a role noun ("spokesman", "general"), also hyphenated ("ex-president",
/// "vice-president", "secretary-general").
pub fn is_role_noun(word: &str) -> bool {
    let w = lower(word);
    HEADS.contains(&w.as_str())
        || w.rsplit('-').next().is_some_and(|last| last != w && HEADS.contains(&last))
        || w.split('-').next().is_some_and(|first| first != w && HEADS.contains(&first))
}

fn is_modifier(word: &str) -> bool {
    let w = lower(word);
    MODIFIERS.contains(&w.as_str()) || w.starts_with("ex-") || w.starts_with("then-")
}

fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&lower(word).as_str())
}

/// How many leading words of a tagged person name are titles rather than name ("President
/// Vladimir Putin", "Mr. Putin"): at least one word is always left.
pub fn title_prefix_len(words: &[&str]) -> usize {
    let titles = words.iter().take_while(|w| is_honorific(w) || is_role_noun(w) || is_modifier(w)).count();
    titles.min(words.len().saturating_sub(1))
}

/// The role given with the person named by tokens `name` of a sentence, as a token range:
/// right before the name, before it with a comma, or after it in apposition. `in_name` tells
/// which tokens the tagger put in a name.
pub fn role_of(words: &[&str], in_name: &[bool], name: Range<usize>) -> Option<Range<usize>> {
    if name.start > name.end || name.end > words.len() || in_name.len() != words.len() {
        return None;
    }
    let closed = matches!(words.get(name.end).copied(), None | Some("," | "." | ";" | ")" | "--"));
    if name.start >= 1 && is_role_noun(words[name.start - 1]) {
        return Some(extend_left(words, in_name, name.start - 1));
    }
    if name.start >= 2 && words[name.start - 1] == "," && is_role_noun(words[name.start - 2]) && closed {
        return Some(extend_left(words, in_name, name.start - 2));
    }
    apposition_after(words, in_name, name.end)
}

/// The role ending with the head noun at `head`, reaching back over modifiers and names.
fn extend_left(words: &[&str], in_name: &[bool], head: usize) -> Range<usize> {
    let mut start = head;
    while start > 0 && head + 1 - start < MAX_ROLE {
        let w = words[start - 1];
        if is_role_noun(w) || is_modifier(w) || in_name[start - 1] {
            start -= 1;
        } else if w == "'s" && start >= 2 && in_name[start - 2] {
            start -= 2;
        } else {
            break;
        }
    }
    start..head + 1
}

/// "NAME, the president of Belarus," -> "president of Belarus".
fn apposition_after(words: &[&str], in_name: &[bool], end: usize) -> Option<Range<usize>> {
    if words.get(end).copied() != Some(",") {
        return None;
    }
    let mut start = end + 1;
    if words.get(start).is_some_and(|w| DETERMINERS.contains(&lower(w).as_str())) {
        start += 1;
    }
    let mut stop = start;
    let mut has_head = false;
    while stop < words.len() && stop - start < MAX_ROLE {
        let w = words[stop];
        if matches!(w, "," | "." | ";" | "--" | ")") {
            break;
        }
        let fits = is_modifier(w) || in_name[stop] || matches!(w, "'s" | "of" | "for" | "in");
        if is_role_noun(w) {
            has_head = true;
        } else if !fits {
            return None;
        }
        stop += 1;
    }
    let ends_well = matches!(words.get(stop).copied(), None | Some("," | "." | ";" | "--" | ")"));
    // The role ends with its noun or the name of what it is over, never with "of".
    let last_ok = stop > start && !matches!(words[stop - 1], "of" | "for" | "in" | "'s");
    (has_head && ends_well && last_ok).then_some(start..stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits on spaces; words in `[brackets]` are names the tagger found.
    fn role(sentence: &str, name: &str) -> Option<String> {
        let raw: Vec<&str> = sentence.split(' ').collect();
        let in_name: Vec<bool> = raw.iter().map(|w| w.starts_with('[')).collect();
        let words: Vec<&str> = raw.iter().map(|w| w.trim_matches(['[', ']'])).collect();
        let name_words: Vec<&str> = name.split(' ').collect();
        let start = words.windows(name_words.len()).position(|w| w == name_words.as_slice())?;
        let range = role_of(&words, &in_name, start..start + name_words.len())?;
        Some(words[range].join(" "))
    }

    #[test]
    fn roles_right_before_the_name() {
        assert_eq!(
            role("[Kremlin] spokesman [Dmitry] [Peskov] told", "Dmitry Peskov").as_deref(),
            Some("Kremlin spokesman")
        );
        assert_eq!(
            role("[Russian] President [Vladimir] [Putin] and", "Vladimir Putin").as_deref(),
            Some("Russian President")
        );
        assert_eq!(
            role("[Ukrainian] joint forces commander [Serhiy] [Nayev] had", "Serhiy Nayev").as_deref(),
            Some("Ukrainian joint forces commander")
        );
        assert_eq!(role("said Gen. [Valery] [Zaluzhniy] .", "Valery Zaluzhniy").as_deref(), Some("Gen."));
        assert_eq!(
            role("the former prime minister [Boris] [Johnson]", "Boris Johnson").as_deref(),
            Some("former prime minister")
        );
        assert_eq!(role("Yesterday President [Putin] said", "Putin").as_deref(), Some("President"));
    }

    #[test]
    fn roles_in_apposition() {
        assert_eq!(
            role("[Ukraine] 's top general , [Valery] [Zaluzhniy] , told", "Valery Zaluzhniy").as_deref(),
            Some("Ukraine 's top general")
        );
        assert_eq!(
            role("But [Lukashenko] , the president of [Belarus] , has said", "Lukashenko").as_deref(),
            Some("president of Belarus")
        );
        assert_eq!(
            role("[Peskov] , the [Kremlin] 's spokesman , said", "Peskov").as_deref(),
            Some("Kremlin 's spokesman")
        );
    }

    #[test]
    fn no_role_without_a_role_noun() {
        assert_eq!(role("But [Lukashenko] , who is looked down upon", "Lukashenko"), None);
        assert_eq!(role("Mr. [Putin] went", "Putin"), None);
        assert_eq!(role("[Putin] , the president of", "Putin"), None);
        assert_eq!(role("met [Putin]", "Putin"), None);
    }

    #[test]
    fn titles_are_trimmed_from_tagged_names() {
        assert_eq!(title_prefix_len(&["President", "Vladimir", "Putin"]), 1);
        assert_eq!(title_prefix_len(&["Mr.", "Putin"]), 1);
        assert_eq!(title_prefix_len(&["Prime", "Minister", "Boris", "Johnson"]), 2);
        assert_eq!(title_prefix_len(&["President"]), 0);
        assert_eq!(title_prefix_len(&["Vladimir", "Putin"]), 0);
        assert_eq!(role_of(&["a"], &[false], 0..5), None);
    }
}
