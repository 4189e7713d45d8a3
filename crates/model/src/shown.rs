//! Amounts, time expressions and quotes as the JSON outputs (the API, `newsgraph extract`) show them:
//! with their text, and offsets that count characters rather than bytes, one shape for both.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{Amount, EntityId, Quote, QuoteKind, Span, TimeGranularity, TimeRef, char_offsets};

/// An [`Amount`] with its text; `start` and `end` count Unicode characters into the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShownAmount<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: Option<&'a str>,
    pub counted: Option<&'a str>,
}

/// A [`TimeRef`] with its text; `start` and `end` count Unicode characters into the text,
/// `start_date` and `end_date` are the period meant (null when unresolved).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShownTime<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub granularity: Option<TimeGranularity>,
}

/// The amounts whose spans lie on `text`'s char boundaries, in the order given.
pub fn shown_amounts<'a>(text: &'a str, amounts: &'a [Amount]) -> Vec<ShownAmount<'a>> {
    let bytes: Vec<usize> = amounts.iter().flat_map(|a| [a.span.start, a.span.end]).collect();
    let chars = char_offsets(text, &bytes);
    amounts
        .iter()
        .zip(chars.chunks(2))
        .filter_map(|(a, offsets)| {
            let (Some(slice), [Some(start), Some(end)]) = (a.span.slice(text), offsets) else { return None };
            Some(ShownAmount {
                text: slice,
                start: *start,
                end: *end,
                value: a.value,
                value_max: a.value_max,
                unit: a.unit.as_deref(),
                counted: a.counted.as_deref(),
            })
        })
        .collect()
}

/// The time expressions whose spans lie on `text`'s char boundaries, in the order given.
pub fn shown_times<'a>(text: &'a str, times: &'a [TimeRef]) -> Vec<ShownTime<'a>> {
    let bytes: Vec<usize> = times.iter().flat_map(|t| [t.span.start, t.span.end]).collect();
    let chars = char_offsets(text, &bytes);
    times
        .iter()
        .zip(chars.chunks(2))
        .filter_map(|(t, offsets)| {
            let (Some(slice), [Some(start), Some(end)]) = (t.span.slice(text), offsets) else { return None };
            Some(ShownTime {
                text: slice,
                start: *start,
                end: *end,
                start_date: t.start,
                end_date: t.end,
                granularity: t.granularity,
            })
        })
        .collect()
}

/// A piece of text: the text itself and its offsets, counted in Unicode characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownPiece<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// A [`Quote`] with the texts of its speaker, cue and content pieces; offsets count Unicode
/// characters into the text. `speaker_entity` is the entity the speaker was resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownQuote<'a> {
    pub kind: QuoteKind,
    pub speaker: Option<ShownPiece<'a>>,
    pub speaker_entity: Option<EntityId>,
    pub cue: Option<ShownPiece<'a>>,
    pub content: Vec<ShownPiece<'a>>,
}

/// The quotes in the order given: a speaker or cue whose span is off `text`'s char boundaries
/// is shown as none, such a content piece left out, and a quote left without content dropped.
pub fn shown_quotes<'a>(text: &'a str, quotes: &'a [Quote]) -> Vec<ShownQuote<'a>> {
    let spans = |q: &Quote| -> Vec<Span> {
        q.speaker.into_iter().chain(q.cue).chain(q.content.iter().copied()).collect::<Vec<_>>()
    };
    let bytes: Vec<usize> = quotes.iter().flat_map(spans).flat_map(|s| [s.start, s.end]).collect();
    let chars = char_offsets(text, &bytes);
    let mut at = 0;
    let mut piece = |span: Span| {
        let offsets = (chars[at], chars[at + 1]);
        at += 2;
        let (Some(slice), (Some(start), Some(end))) = (span.slice(text), offsets) else { return None };
        Some(ShownPiece { text: slice, start, end })
    };
    let mut out = Vec::new();
    for q in quotes {
        // In the order `spans` lists them, so that `piece` walks `chars` in step.
        let speaker = q.speaker.and_then(&mut piece);
        let cue = q.cue.and_then(&mut piece);
        let content: Vec<ShownPiece<'a>> = q.content.iter().filter_map(|s| piece(*s)).collect();
        if !content.is_empty() {
            out.push(ShownQuote { kind: q.kind, speaker, speaker_entity: q.speaker_entity, cue, content });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    #[test]
    fn offsets_count_characters_and_bad_spans_are_left_out() {
        let text = "Київ: 3 planes on Monday";
        let at = |form: &str| {
            let start = text.find(form).expect("found");
            Span::new(start, start + form.len())
        };
        let amounts = [
            Amount {
                span: at("3 planes"),
                value: 3.0,
                value_max: None,
                unit: None,
                counted: Some("planes".into()),
            },
            Amount { span: Span::new(1, 2), value: 1.0, value_max: None, unit: None, counted: None },
        ];
        let shown = shown_amounts(text, &amounts);
        assert_eq!(shown.len(), 1);
        assert_eq!((shown[0].text, shown[0].start, shown[0].end), ("3 planes", 6, 14));
        let times = [TimeRef {
            span: at("on Monday"),
            start: None,
            end: None,
            granularity: Some(TimeGranularity::Day),
        }];
        let json = serde_json::to_value(shown_times(text, &times)).expect("json");
        assert_eq!(
            json,
            serde_json::json!([{"text": "on Monday", "start": 15, "end": 24, "start_date": null,
                "end_date": null, "granularity": "day"}])
        );
    }

    #[test]
    fn quotes_count_characters_and_bad_pieces_are_left_out() {
        let text = "«Мы готовы», Peskov told reporters.";
        let at = |form: &str| {
            let start = text.find(form).expect("found");
            Span::new(start, start + form.len())
        };
        let quotes = [
            Quote {
                kind: QuoteKind::Direct,
                speaker: Some(at("Peskov")),
                referent: None,
                speaker_entity: Some(EntityId(3)),
                cue: Some(Span::new(3, 4)),
                content: vec![at("Мы готовы"), Span::new(0, 99)],
            },
            Quote {
                kind: QuoteKind::Indirect,
                speaker: None,
                referent: None,
                speaker_entity: None,
                cue: None,
                content: vec![],
            },
        ];
        let json = serde_json::to_value(shown_quotes(text, &quotes)).expect("json");
        assert_eq!(
            json,
            serde_json::json!([{"kind": "direct", "speaker": {"text": "Peskov", "start": 13, "end": 19},
                "speaker_entity": 3, "cue": null, "content": [{"text": "Мы готовы", "start": 1, "end": 10}]}])
        );
    }
}
