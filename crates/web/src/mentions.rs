//! Entity mentions against the text they point into. Stored spans are byte offsets into
//! `Article::text()`, the paragraphs joined by a blank line; the page needs them per
//! paragraph, the API in characters.

use newsgraph_model::{EntityId, EntityKind, EntityMention};

/// The separator `Article::text()` puts between paragraphs.
const PARAGRAPH_BREAK: usize = "\n\n".len();

/// A run of a paragraph as the article page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Mention { text: &'a str, entity: EntityId, kind: EntityKind },
}

/// Each paragraph cut into plain text and mentions. A mention is left as plain text when it
/// has no entity, is empty, crosses a paragraph break, does not fall on char boundaries, or
/// overlaps one that starts earlier (or starts at the same place and is longer).
pub fn pieces<'a>(paragraphs: &'a [String], mentions: &[EntityMention]) -> Vec<Vec<Piece<'a>>> {
    let mut starts = Vec::with_capacity(paragraphs.len());
    let mut at = 0;
    for paragraph in paragraphs {
        starts.push(at);
        at += paragraph.len() + PARAGRAPH_BREAK;
    }
    let mut sorted: Vec<&EntityMention> = mentions.iter().collect();
    sorted.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));

    // Per paragraph: the accepted (start, end, entity, kind), local to the paragraph, in order.
    let mut accepted: Vec<Vec<(usize, usize, EntityId, EntityKind)>> = vec![Vec::new(); paragraphs.len()];
    for m in sorted {
        let Some(entity) = m.entity else { continue };
        if m.span.start >= m.span.end {
            continue;
        }
        let Some(index) = starts.partition_point(|&s| s <= m.span.start).checked_sub(1) else { continue };
        let (start, end) = (m.span.start - starts[index], m.span.end - starts[index]);
        let paragraph = &paragraphs[index];
        if end > paragraph.len() || paragraph.get(start..end).is_none() {
            continue;
        }
        let taken = &mut accepted[index];
        if taken.last().is_some_and(|&(_, previous_end, ..)| start < previous_end) {
            continue;
        }
        taken.push((start, end, entity, m.kind));
    }

    paragraphs
        .iter()
        .zip(accepted)
        .map(|(paragraph, spans)| {
            let mut out = Vec::with_capacity(spans.len() * 2 + 1);
            let mut cursor = 0;
            for (start, end, entity, kind) in spans {
                if start > cursor {
                    out.push(Piece::Text(&paragraph[cursor..start]));
                }
                out.push(Piece::Mention { text: &paragraph[start..end], entity, kind });
                cursor = end;
            }
            if cursor < paragraph.len() || out.is_empty() {
                out.push(Piece::Text(&paragraph[cursor..]));
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::Span;

    fn mention(start: usize, end: usize, entity: i64) -> EntityMention {
        EntityMention {
            span: Span::new(start, end),
            kind: EntityKind::Loc,
            entity: Some(EntityId(entity)),
            role: None,
        }
    }

    fn shown(pieces: &[Piece<'_>]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.to_string(),
                Piece::Mention { text, entity, .. } => format!("[{text}|{}]", entity.0),
            })
            .collect()
    }

    #[test]
    fn spans_are_mapped_into_their_paragraphs() {
        let paragraphs = vec!["Talks in Kyiv.".to_string(), "Київ – Kyiv.".to_string()];
        let text = paragraphs.join("\n\n");
        let second = text.find("Київ").expect("second paragraph");
        let kyiv2 = text.rfind("Kyiv").expect("latin");
        let mentions =
            [mention(kyiv2, kyiv2 + 4, 1), mention(9, 13, 1), mention(second, second + "Київ".len(), 1)];
        let out = pieces(&paragraphs, &mentions);
        assert_eq!(shown(&out[0]), "Talks in [Kyiv|1].");
        assert_eq!(shown(&out[1]), "[Київ|1] – [Kyiv|1].");
    }

    #[test]
    fn unshowable_spans_are_left_as_text() {
        let paragraphs = vec!["Kyiv".to_string(), "Київ and more".to_string()];
        let mentions = [
            mention(2, 8, 1),  // crosses the paragraph break
            mention(6, 7, 2),  // inside "К"
            mention(6, 6, 3),  // empty
            mention(6, 99, 4), // past the end
            EntityMention { entity: None, ..mention(0, 4, 5) },
            mention(6, 6 + "Київ".len(), 6),
            mention(6, 8, 7), // overlaps the one above, which is longer
        ];
        let out = pieces(&paragraphs, &mentions);
        assert_eq!(shown(&out[0]), "Kyiv");
        assert_eq!(shown(&out[1]), "[Київ|6] and more");
    }

    #[test]
    fn empty_paragraphs_stay_empty() {
        let paragraphs = vec![String::new(), "A".to_string()];
        let out = pieces(&paragraphs, &[mention(2, 3, 1)]);
        assert_eq!(out[0], [Piece::Text("")]);
        assert_eq!(shown(&out[1]), "[A|1]");
    }
}
