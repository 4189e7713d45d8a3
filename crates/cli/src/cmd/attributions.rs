//! Who said what, as the JSON of `extract --enrich` and `quotes` shows it: one shape for both.

use newsgraph_model::{ArticleEntities, Quote, shown_quotes, speaker_is};
use serde::Serialize;

/// One attribution: the speaker as written (with the key of the person mention it ends in,
/// when there is one), and the character offsets into the text of the source, the cue and the
/// content pieces.
#[derive(Serialize)]
pub struct Attribution<'a> {
    pub speaker: Option<Speaker<'a>>,
    pub source: Option<[usize; 2]>,
    pub cue: Option<[usize; 2]>,
    pub content: Vec<[usize; 2]>,
}

#[derive(Serialize)]
pub struct Speaker<'a> {
    pub text: &'a str,
    pub entity_id: Option<&'a str>,
}

/// The quotes as `attributions`, offsets in characters into `text` (which their spans point
/// into); a speaker that ends in a person mention ("Kremlin spokesman Dmitry Peskov", not
/// "Putin's troops") gets its entity key.
pub fn attributions<'a>(
    text: &'a str,
    quotes: &'a [Quote],
    entities: Option<&'a ArticleEntities>,
) -> Vec<Attribution<'a>> {
    let entity_of = |q: &Quote| -> Option<&'a str> {
        // The person the speaker stands for ("he" -> an earlier mention), else the speaker.
        let speaker = q.referent.or(q.speaker)?;
        let found = entities?;
        let mention = found.mentions.iter().find(|m| speaker_is(speaker, m.span, m.kind))?;
        found.entities.get(mention.entity).map(|e| e.key.as_str())
    };
    // `shown_quotes` drops a quote without content; such quotes are not made, so the two
    // lists keep in step, and are zipped by what survives.
    let keys: Vec<Option<&'a str>> =
        quotes.iter().filter(|q| q.content.iter().any(|s| s.slice(text).is_some())).map(entity_of).collect();
    shown_quotes(text, quotes)
        .into_iter()
        .zip(keys)
        .map(|(q, entity_id)| Attribution {
            source: q.speaker.as_ref().map(|s| [s.start, s.end]),
            speaker: q.speaker.as_ref().map(|s| Speaker { text: s.text, entity_id }),
            cue: q.cue.as_ref().map(|c| [c.start, c.end]),
            content: q.content.iter().map(|c| [c.start, c.end]).collect(),
        })
        .collect()
}
