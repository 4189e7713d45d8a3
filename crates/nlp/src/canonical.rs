//! Canonical entities within one article: which mentions name the same person,
//! organisation or place, under which name, and the key that identifies it across articles.
//!
//! - People: a name whose words all occur in a longer name of the article joins it ("Putin",
//!   "Vladimir" -> "Vladimir Putin"); where several longer names fit, the one mentioned last
//!   before (else first after) wins. Honorifics and titles are not part of the name.
//! - Organisations: the same name with or without "the" and a company suffix ("the
//!   Economist", "Acme Inc."), and acronyms spelling a longer name ("NATO").
//! - Places: the same GeoNames place, named by GeoNames ("Kiev" -> "Kyiv").
//! - Anything else: the same name, ignoring case.

use newsgraph_model::{CanonicalEntity, EntityKind};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::fold::fold;
use crate::places::Place;

/// A name as found in the text, with its place when it was resolved to one.
#[derive(Debug, Clone, Copy)]
pub struct MentionInput<'a> {
    pub text: &'a str,
    pub kind: EntityKind,
    pub place: Option<&'a Place>,
}

/// The entities of an article, in order of first mention, and the entity of each mention.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Canonical {
    pub entities: Vec<CanonicalEntity>,
    /// For each input mention, its index into `entities`.
    pub entity_of: Vec<usize>,
}

/// Words before a person's name that are no part of it.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "mme",
    "madame",
    "monsieur",
    "herr",
    "frau",
];

/// Words after an organisation's name that do not tell it apart.
const COMPANY_SUFFIXES: &[&str] =
    &["inc", "corp", "corporation", "co", "ltd", "limited", "llc", "plc", "ag", "sa", "gmbh", "nv", "group"];

/// Groups mentions into entities (see the module comment).
pub fn canonicalize(mentions: &[MentionInput<'_>]) -> Canonical {
    let names: Vec<String> = mentions.iter().map(|m| clean_name(m.kind, m.text)).collect();
    let folded: Vec<Vec<String>> =
        names.iter().map(|n| fold(n).split_whitespace().map(str::to_string).collect()).collect();
    let people = person_targets(mentions, &folded);
    let acronyms = acronym_targets(mentions, &folded);

    // Each mention's group: the mention whose name the group goes by, or a place.
    let mut groups: FxHashMap<GroupKey, usize> = FxHashMap::default();
    let mut canonical = Canonical::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, mention) in mentions.iter().enumerate() {
        let key = match (mention.kind, mention.place) {
            (EntityKind::Loc, Some(place)) => GroupKey::Place(place.geonameid),
            (EntityKind::Per, _) => GroupKey::Name(EntityKind::Per, folded[people[i]].join(" ")),
            (EntityKind::Org, _) => GroupKey::Name(EntityKind::Org, org_key(&folded[acronyms[i]])),
            (kind, _) => GroupKey::Name(kind, folded[i].join(" ")),
        };
        if key == GroupKey::Name(mention.kind, String::new()) {
            // Nothing left of the name (a lone honorific): an entity of its own.
            members.push(vec![i]);
            canonical.entity_of.push(members.len() - 1);
            continue;
        }
        let next = members.len();
        let group = *groups.entry(key).or_insert(next);
        if group == next {
            members.push(Vec::new());
        }
        members[group].push(i);
        canonical.entity_of.push(group);
    }
    canonical.entities = members.iter().map(|m| entity(mentions, &names, &people, &acronyms, m)).collect();
    canonical
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum GroupKey {
    Place(u32),
    Name(EntityKind, String),
}

/// The cross-article key of an unresolved name: kind and the name in lower case with
/// whitespace folded (accents kept).
pub fn entity_key(kind: EntityKind, name: &str) -> String {
    let mut key = String::from(kind_label(kind));
    key.push(':');
    for (k, word) in name.split_whitespace().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Per => "PER",
        EntityKind::Org => "ORG",
        EntityKind::Loc => "LOC",
        EntityKind::Misc => "MISC",
    }
}

/// A name as written, whitespace folded, without leading honorifics (people) or a leading
/// "the" (organisations).
pub fn clean_name(kind: EntityKind, text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let strip: &[&str] = match kind {
        EntityKind::Per => HONORIFICS,
        EntityKind::Org => &["the"],
        _ => &[],
    };
    while words.len() > 1 && strip.contains(&fold(words[0].trim_end_matches('.')).as_str()) {
        words.remove(0);
    }
    words.join(" ")
}

/// For each person mention, the mention whose (fuller) name it joins; itself otherwise.
fn person_targets(mentions: &[MentionInput<'_>], folded: &[Vec<String>]) -> Vec<usize> {
    let is_person = |i: usize| mentions[i].kind == EntityKind::Per && !folded[i].is_empty();
    // The first mention of each distinct name, then those no other name contains.
    let mut distinct: Vec<usize> = Vec::new();
    let mut seen: FxHashSet<&[String]> = FxHashSet::default();
    for i in (0..mentions.len()).filter(|&i| is_person(i)) {
        if seen.insert(folded[i].as_slice()) {
            distinct.push(i);
        }
    }
    let full: Vec<usize> = distinct
        .iter()
        .copied()
        .filter(|&i| !distinct.iter().any(|&j| contains(&folded[j], &folded[i])))
        .collect();
    // Where each full name was last named, for surnames that fit several.
    let mut last_named: FxHashMap<usize, usize> = FxHashMap::default();
    (0..mentions.len())
        .map(|i| {
            if !is_person(i) {
                return i;
            }
            let fits =
                full.iter().copied().filter(|&f| folded[f] == folded[i] || contains(&folded[f], &folded[i]));
            // The person named last before this mention, else the first named after it.
            let target =
                fits.max_by_key(|f| (last_named.get(f).copied(), std::cmp::Reverse(*f))).unwrap_or(i);
            last_named.insert(target, i);
            target
        })
        .collect()
}

/// Whether the longer name `outer` contains every word of `inner` (and is longer).
fn contains(outer: &[String], inner: &[String]) -> bool {
    outer.len() > inner.len() && !inner.is_empty() && inner.iter().all(|w| outer.contains(w))
}

/// For each organisation mention written as an acronym, the first organisation mention whose
/// words' initials spell it; the mention itself otherwise.
fn acronym_targets(mentions: &[MentionInput<'_>], folded: &[Vec<String>]) -> Vec<usize> {
    let initials: Vec<Option<String>> = (0..mentions.len())
        .map(|i| {
            let words: Vec<&String> = folded[i]
                .iter()
                .filter(|w| !matches!(w.as_str(), "of" | "the" | "and" | "for" | "&"))
                .collect();
            (mentions[i].kind == EntityKind::Org && words.len() >= 2)
                .then(|| words.iter().filter_map(|w| w.chars().next()).collect())
        })
        .collect();
    let mut by_initials: FxHashMap<&str, usize> = FxHashMap::default();
    for (j, initials) in initials.iter().enumerate() {
        if let Some(initials) = initials {
            by_initials.entry(initials.as_str()).or_insert(j);
        }
    }
    (0..mentions.len())
        .map(|i| acronym_of(mentions[i]).and_then(|a| by_initials.get(a.as_str()).copied()).unwrap_or(i))
        .collect()
}

/// An organisation mention written as an acronym ("NATO", "U.N."), lower-cased without
/// its periods.
fn acronym_of(mention: MentionInput<'_>) -> Option<String> {
    if mention.kind != EntityKind::Org {
        return None;
    }
    let letters: String = mention.text.chars().filter(|&c| c != '.').collect();
    let count = letters.chars().count();
    ((2..=6).contains(&count) && letters.chars().all(|c| c.is_uppercase())).then(|| letters.to_lowercase())
}

/// An organisation's group key: its folded words without a company suffix.
fn org_key(words: &[String]) -> String {
    let mut words: Vec<&str> = words.iter().map(|w| w.trim_end_matches('.')).collect();
    while words.len() > 1 && words.last().is_some_and(|w| COMPANY_SUFFIXES.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

/// The entity a group of mentions names.
fn entity(
    mentions: &[MentionInput<'_>],
    names: &[String],
    people: &[usize],
    acronyms: &[usize],
    members: &[usize],
) -> CanonicalEntity {
    let first = members[0];
    let kind = mentions[first].kind;
    let place = mentions[first].place.filter(|_| kind == EntityKind::Loc);
    let name = match (place, kind) {
        (Some(place), _) => place.name.clone(),
        (None, EntityKind::Per) => names[people[first]].clone(),
        // The longest form; the first of equals. An acronym's expansion is longer.
        _ => {
            let longest = members.iter().chain(members.iter().map(|&m| &acronyms[m])).copied().fold(
                first,
                |best, m| {
                    if names[m].chars().count() > names[best].chars().count() { m } else { best }
                },
            );
            names[longest].clone()
        }
    };
    let mut aliases: Vec<String> = Vec::new();
    for &m in members {
        if names[m] != name && !names[m].is_empty() && !aliases.contains(&names[m]) {
            aliases.push(names[m].clone());
        }
    }
    CanonicalEntity {
        kind,
        key: match place {
            Some(place) => format!("geonames:{}", place.geonameid),
            None => entity_key(kind, &name),
        },
        name,
        aliases,
        location: place.and_then(|p| p.location),
        country: place.and_then(|p| p.country_code.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Loc, Misc, Org, Per};

    fn run(mentions: &[(&str, EntityKind)]) -> Canonical {
        let input: Vec<MentionInput> =
            mentions.iter().map(|&(text, kind)| MentionInput { text, kind, place: None }).collect();
        canonicalize(&input)
    }

    fn place(id: u32, name: &str) -> Place {
        Place {
            geonameid: id,
            kind: crate::places::PlaceKind::City,
            name: name.into(),
            country_code: Some("UA".into()),
            location: None,
            population: None,
        }
    }

    #[test]
    fn surnames_join_the_full_name() {
        let c = run(&[
            ("Vladimir Putin", Per),
            ("Alexander Lukashenko", Per),
            ("Putin", Per),
            ("Lukashenko", Per),
            ("Mr.  Putin", Per),
        ]);
        assert_eq!(c.entity_of, [0, 1, 0, 1, 0]);
        assert_eq!(c.entities[0].name, "Vladimir Putin");
        assert_eq!(c.entities[0].aliases, ["Putin"]);
        assert_eq!(c.entities[0].key, "PER:vladimir putin");
        assert_eq!(c.entities[1].key, "PER:alexander lukashenko");
    }

    #[test]
    fn a_surname_before_its_full_name_joins_it_too() {
        let c = run(&[("Putin", Per), ("President Vladimir Putin", Per)]);
        assert_eq!(c.entity_of, [0, 0]);
        assert_eq!(c.entities.len(), 1);
        assert_eq!(c.entities[0].name, "Vladimir Putin");
    }

    #[test]
    fn an_ambiguous_surname_goes_to_the_person_named_last() {
        let c = run(&[
            ("John Smith", Per),
            ("Jane Smith", Per),
            ("Smith", Per),
            ("John Smith", Per),
            ("Smith", Per),
        ]);
        assert_eq!(c.entity_of, [0, 1, 1, 0, 0]);
    }

    #[test]
    fn organisations_join_by_name_and_acronym() {
        let c = run(&[
            ("the Economist", Org),
            ("North Atlantic Treaty Organization", Org),
            ("Economist", Org),
            ("NATO", Org),
            ("Acme Inc.", Org),
            ("Acme", Org),
        ]);
        assert_eq!(c.entity_of, [0, 1, 0, 1, 2, 2]);
        assert_eq!(c.entities[0].name, "Economist");
        assert_eq!(c.entities[1].aliases, ["NATO"]);
        assert_eq!(c.entities[2].name, "Acme Inc.");
    }

    #[test]
    fn places_join_by_geonames_id_under_the_geonames_name() {
        let kyiv = place(703448, "Kyiv");
        let input = [
            MentionInput { text: "Kiev", kind: Loc, place: Some(&kyiv) },
            MentionInput { text: "Kyiv", kind: Loc, place: Some(&kyiv) },
            MentionInput { text: "Atlantis", kind: Loc, place: None },
            MentionInput { text: "Russian", kind: Misc, place: None },
            MentionInput { text: "RUSSIAN", kind: Misc, place: None },
        ];
        let c = canonicalize(&input);
        assert_eq!(c.entity_of, [0, 0, 1, 2, 2]);
        assert_eq!(c.entities[0].name, "Kyiv");
        assert_eq!(c.entities[0].aliases, ["Kiev"]);
        assert_eq!(c.entities[0].key, "geonames:703448");
        assert_eq!(c.entities[0].country.as_deref(), Some("UA"));
        assert_eq!(c.entities[1].key, "LOC:atlantis");
        assert_eq!(c.entities[2].key, "MISC:russian");
    }

    #[test]
    fn keys_keep_accents_and_fold_whitespace() {
        assert_eq!(entity_key(Per, " José   Martí "), "PER:josé martí");
        assert_eq!(clean_name(Per, "Dr. Jane  Doe"), "Jane Doe");
        assert_eq!(clean_name(Per, "President"), "President");
    }

    #[test]
    fn odd_input_does_not_panic() {
        let c = run(&[("", Per), ("   ", Org), ("Mr.", Per), ("A.", Org), ("É", Misc)]);
        assert_eq!(c.entity_of.len(), 5);
        assert!(c.entity_of.iter().all(|&e| e < c.entities.len()));
    }
}
