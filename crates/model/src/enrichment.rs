//! What the understanding stages attach to an article: entity mentions, quotes, amounts and
//! time expressions. All offsets are byte offsets into [`crate::Article::text`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A byte range `[start, end)` in an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The spanned text, or `None` when the span does not fit `text` on char boundaries.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }
}

/// Byte offsets into `text` as character offsets, in the order given; `None` for an offset
/// past the end or inside a character. For outputs read by languages that index strings by
/// character (JSON consumers, Python), where [`Span`]s count bytes.
pub fn char_offsets(text: &str, bytes: &[usize]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![None; bytes.len()];
    let mut boundaries =
        text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).enumerate().peekable();
    for i in order {
        while boundaries.next_if(|&(_, b)| b < bytes[i]).is_some() {}
        if let Some(&(chars, b)) = boundaries.peek()
            && b == bytes[i]
        {
            out[i] = Some(chars);
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place.
    Loc,
    /// Other names: nationalities, events, works.
    Misc,
}

/// Identifier of a canonical entity, shared by all its mentions across articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub i64);

/// One occurrence of a name in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    pub span: Span,
    pub kind: EntityKind,
    /// The canonical entity it was resolved to, when resolution succeeded.
    pub entity: Option<EntityId>,
    /// A title or role given with the name ("Kremlin spokesman").
    pub role: Option<String>,
}

/// A canonical person, organisation or place with the other names it goes by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    /// For places: where they are.
    pub location: Option<GeoPoint>,
    /// For places: ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
}

/// The names found in one article, resolved to canonical entities but not yet given store
/// ids: every mention points at one of `entities` by index. The store turns each entity's
/// `key` into an [`EntityId`] shared across articles.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ArticleEntities {
    pub entities: Vec<CanonicalEntity>,
    pub mentions: Vec<ResolvedMention>,
}

/// A person, organisation or place as one article names it, with the key that identifies it
/// across articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanonicalEntity {
    pub kind: EntityKind,
    /// Identity across articles: `geonames:<id>` for a resolved place, otherwise the kind and
    /// the normalised canonical name (`PER:vladimir putin`).
    pub key: String,
    /// The fullest form of the name ("Vladimir Putin"; "Kyiv" for a place named "Kiev").
    pub name: String,
    /// Other forms used in the article ("Putin", "Kiev").
    pub aliases: Vec<String>,
    pub location: Option<GeoPoint>,
    /// ISO 3166-1 alpha-2 country code, for places.
    pub country: Option<String>,
}

/// One occurrence of a name: where it is, and which of [`ArticleEntities::entities`] it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedMention {
    pub span: Span,
    pub kind: EntityKind,
    /// Index into [`ArticleEntities::entities`].
    pub entity: usize,
    /// A title or role given with the name ("Kremlin spokesman").
    pub role: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Entirely inside quotation marks.
    Direct,
    /// Partly quoted, partly paraphrased.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

/// Who said what: an attribution with its speaker, cue and content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The speaker as written ("Kremlin spokesman Dmitry Peskov", "Diplomats from other countries").
    pub speaker: Option<Span>,
    /// The person mention the speaker stands for: an earlier mention for "he" or "the
    /// spokesman" ([`speaker_is`] then applies to it instead of the speaker); `None` when the
    /// speaker names the person itself or nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referent: Option<Span>,
    /// The canonical entity the speaker was resolved to.
    pub speaker_entity: Option<EntityId>,
    /// The word or phrase that marks the attribution ("told", "said", "according to").
    pub cue: Option<Span>,
    /// What was said; several pieces when the content is interrupted.
    pub content: Vec<Span>,
}

/// Whether a quote's speaker is the person named by this mention: the speaker ends inside a
/// person mention ("Kremlin spokesman Dmitry Peskov" ends in "Dmitry Peskov"; "Putin's troops"
/// does not end in "Putin"). The one rule by which a speaker gets an entity; the first such
/// mention in text order wins (the store applies the same rule in SQL).
pub fn speaker_is(speaker: Span, mention: Span, kind: EntityKind) -> bool {
    kind == EntityKind::Per && mention.start < speaker.end && speaker.end <= mention.end
}

/// A number with what it counts: "200,000 new troops", "$1.8bn".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub span: Span,
    pub value: f64,
    /// Upper bound for ranges ("3 to 5 years").
    pub value_max: Option<f64>,
    /// ISO 4217 currency code for money, `%` for percentages.
    pub unit: Option<String>,
    /// The thing counted ("new troops", "fighter planes").
    pub counted: Option<String>,
}

/// How precisely a time expression was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeGranularity {
    Day,
    Week,
    Month,
    Season,
    Year,
}

/// A time expression in the text ("on Monday", "last week"), resolved against the
/// publication date when one is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRef {
    pub span: Span,
    /// First day of the period meant; `None` when it could not be resolved.
    pub start: Option<NaiveDate>,
    /// Last day of the period meant (equal to `start` for a day).
    pub end: Option<NaiveDate>,
    pub granularity: Option<TimeGranularity>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_on_char_boundaries_only() {
        let text = "Kyiv – Kiev";
        assert_eq!(Span::new(0, 4).slice(text), Some("Kyiv"));
        assert_eq!(Span::new(0, 6).slice(text), None, "inside the dash");
        assert_eq!(Span::new(0, 99).slice(text), None);
    }

    #[test]
    fn a_speaker_is_the_person_mention_it_ends_in() {
        let peskov = Span::new(18, 31); // "Kremlin spokesman Dmitry Peskov"
        assert!(speaker_is(Span::new(0, 31), peskov, EntityKind::Per));
        assert!(speaker_is(peskov, peskov, EntityKind::Per));
        assert!(!speaker_is(Span::new(0, 31), peskov, EntityKind::Org));
        // "Putin's troops": the speaker goes on past the mention.
        assert!(!speaker_is(Span::new(0, 14), Span::new(0, 5), EntityKind::Per));
        assert!(!speaker_is(Span::new(0, 18), peskov, EntityKind::Per), "ends before it");
    }

    #[test]
    fn byte_offsets_become_char_offsets() {
        let text = "Сьогодні Київ";
        let start = text.find("Київ").expect("found");
        assert_eq!(
            char_offsets(text, &[text.len(), start, 0, 1, text.len() + 1]),
            [Some(13), Some(9), Some(0), None, None]
        );
    }
}
