//! Entity recognition for an article: tokens, the tagger over the whole article as one
//! document (so a name's other occurrences inform each other), roles, places, canonical
//! entities.

use newsgraph_model::{Article, ArticleEntities, EntityKind, ResolvedMention, Span};

use crate::NlpError;
use crate::canonical::{MentionInput, canonicalize};
use crate::ner::EntityTagger;
use crate::places::Gazetteer;
use crate::roles::{role_of, title_prefix_len};
use crate::tokens::{sentences, tagger_form};

/// The tagger and the place table, ready to read articles.
#[derive(Debug, Clone)]
pub struct EntityRecognizer {
    tagger: EntityTagger,
    places: &'static Gazetteer,
}

/// A name found, before resolution.
struct Found {
    span: Span,
    kind: EntityKind,
    role: Option<String>,
}

impl EntityRecognizer {
    /// The embedded tagger and place table (decoded on first use, then shared).
    pub fn embedded() -> Result<EntityRecognizer, NlpError> {
        Ok(EntityRecognizer::new(EntityTagger::embedded()?, Gazetteer::embedded()?))
    }

    pub fn new(tagger: EntityTagger, places: &'static Gazetteer) -> EntityRecognizer {
        EntityRecognizer { tagger, places }
    }

    /// The entities of an article; spans are byte offsets into [`Article::text`]. The tagger
    /// knows English only: an article in another language gets none (rather than noise);
    /// one whose language is unknown is read as English.
    pub fn recognize(&self, article: &Article) -> ArticleEntities {
        match article.language.as_deref() {
            Some(language) if !language.eq_ignore_ascii_case("en") => ArticleEntities::default(),
            _ => self.recognize_text(&article.text()),
        }
    }

    /// The entities of plain text; spans are byte offsets into `text`, mentions in order.
    pub fn recognize_text(&self, text: &str) -> ArticleEntities {
        let found = self.find_names(text);
        let slice = |f: &Found| f.span.slice(text).unwrap_or("");
        let place_names: Vec<&str> = found.iter().filter(|f| f.kind == EntityKind::Loc).map(slice).collect();
        let mut places = self.places.resolve(&place_names).into_iter();
        let inputs: Vec<MentionInput> = found
            .iter()
            .map(|f| MentionInput {
                text: slice(f),
                kind: f.kind,
                place: if f.kind == EntityKind::Loc { places.next().flatten() } else { None },
            })
            .collect();
        let canonical = canonicalize(&inputs);
        let mentions = found
            .into_iter()
            .zip(canonical.entity_of)
            .map(|(f, entity)| ResolvedMention { span: f.span, kind: f.kind, entity, role: f.role })
            .collect();
        ArticleEntities { entities: canonical.entities, mentions }
    }

    /// The tagger's names as byte spans, trimmed of punctuation and titles, with roles.
    fn find_names(&self, text: &str) -> Vec<Found> {
        let sentences = sentences(text);
        let words: Vec<Vec<&str>> =
            sentences.iter().map(|s| s.tokens.iter().map(|t| t.text(text)).collect()).collect();
        let forms: Vec<Vec<_>> = words.iter().map(|s| s.iter().map(|w| tagger_form(w)).collect()).collect();
        let tagged = self.tagger.names(&forms);

        let mut found = Vec::new();
        for ((sentence, forms), names) in sentences.iter().zip(&forms).zip(&tagged) {
            let forms: Vec<&str> = forms.iter().map(AsRef::as_ref).collect();
            let mut in_name = vec![false; forms.len()];
            for name in names {
                in_name.iter_mut().take(name.end).skip(name.start).for_each(|t| *t = true);
            }
            for name in names {
                let Some(range) = trim(&forms, name.start, name.end.min(forms.len())) else { continue };
                let (mut start, end) = (range.start, range.end);
                let mut role = None;
                if name.kind == EntityKind::Per {
                    start += title_prefix_len(&forms[start..end]);
                    role = role_of(&forms, &in_name, start..end).and_then(|r| {
                        let span = Span::new(sentence.tokens[r.start].start, sentence.tokens[r.end - 1].end);
                        span.slice(text).map(str::to_string)
                    });
                }
                let span = Span::new(sentence.tokens[start].start, sentence.tokens[end - 1].end);
                found.push(Found { span, kind: name.kind, role });
            }
        }
        found.sort_by_key(|f| f.span.start);
        found
    }
}

/// A name's tokens without punctuation or a clitic at its edges, and without anything from an
/// opening bracket on ("Washington [DC]" is Washington); `None` when nothing with a letter is
/// left, or when the name holds a currency sign (CoNLL-2003 tags "US$" as a name; a reader
/// of the entity list does not want one).
fn trim(words: &[&str], mut start: usize, mut end: usize) -> Option<std::ops::Range<usize>> {
    let has_alnum = |w: &str| w.chars().any(char::is_alphanumeric);
    while start < end && !has_alnum(words[start]) {
        start += 1;
    }
    if let Some(bracket) = words[start..end].iter().position(|w| matches!(*w, "(" | "[" | "{")) {
        end = start + bracket;
    }
    if words[start..end].iter().any(|w| w.chars().any(is_currency_sign)) {
        return None;
    }
    while end > start && (!has_alnum(words[end - 1]) || matches!(words[end - 1], "'s" | "'S" | "'")) {
        end -= 1;
    }
    let letters = words[start..end].iter().any(|w| w.chars().any(char::is_alphabetic));
    (start < end && letters).then_some(start..end)
}

fn is_currency_sign(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₽' | '₴' | '₩' | '₪' | '¢' | '₺' | '₦')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recognizer() -> EntityRecognizer {
        EntityRecognizer::embedded().expect("the embedded models load")
    }

    #[test]
    fn spans_lie_on_the_text_and_mentions_are_in_order() {
        let text = "Russian President Vladimir Putin flew to Minsk on Monday.\n\nPutin met Alexander Lukashenko in Kiev’s suburbs.";
        let found = recognizer().recognize_text(text);
        let mut last = 0;
        for m in &found.mentions {
            let name = m.span.slice(text).expect("a span on char boundaries");
            assert!(m.span.start >= last, "{:?}", found.mentions);
            assert!(m.entity < found.entities.len());
            assert!(!name.is_empty() && !name.ends_with('’'));
            last = m.span.start;
        }
        let putin: Vec<&ResolvedMention> = found
            .mentions
            .iter()
            .filter(|m| m.span.slice(text).is_some_and(|s| s.contains("Putin")))
            .collect();
        assert_eq!(putin.len(), 2, "{found:#?}");
        assert_eq!(putin[0].entity, putin[1].entity);
        assert_eq!(found.entities[putin[0].entity].name, "Vladimir Putin");
        assert_eq!(putin[0].role.as_deref(), Some("Russian President"));
    }

    #[test]
    fn names_stop_at_brackets_and_currency_signs_are_no_names() {
        assert_eq!(trim(&["Washington", "[", "DC", "]"], 0, 4), Some(0..1));
        assert_eq!(trim(&["(", "Reuters", ")"], 0, 3), Some(1..2), "edge brackets are trimmed first");
        assert_eq!(trim(&["US$"], 0, 1), None);
        assert_eq!(trim(&["Minsk", "'s"], 0, 2), Some(0..1));
    }

    #[test]
    fn only_english_or_unknown_languages_are_read() {
        let mut article = Article {
            paragraphs: vec!["Vladimir Putin flew to Minsk on Monday.".to_string()],
            ..Article::default()
        };
        assert!(!recognizer().recognize(&article).mentions.is_empty(), "unknown language");
        article.language = Some("en".to_string());
        assert!(!recognizer().recognize(&article).mentions.is_empty(), "English");
        article.language = Some("de".to_string());
        assert!(recognizer().recognize(&article).mentions.is_empty(), "German");
    }

    #[test]
    fn odd_text_does_not_panic() {
        let r = recognizer();
        for text in ["", " ", "\n\n", "’", "“”", "Mr.", "A B C D E F G H I J K", &"Putin ".repeat(700)]
        {
            let found = r.recognize_text(text);
            assert!(
                found
                    .mentions
                    .iter()
                    .all(|m| m.span.slice(text).is_some() && m.entity < found.entities.len())
            );
        }
    }
}
