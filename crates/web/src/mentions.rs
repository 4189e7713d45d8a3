//! Marks in the text they point into: entity mentions, amounts and time expressions. Stored
//! spans are byte offsets into `Article::text()`, the paragraphs joined by a blank line; the
//! page needs them per paragraph, the API in characters.

use newsgraph_model::{Amount, EntityId, EntityKind, EntityMention, Span, TimeGranularity, TimeRef};

/// The separator `Article::text()` puts between paragraphs.
const PARAGRAPH_BREAK: usize = "\n\n".len();

/// What a marked run of text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// A name, linked to its entity's page.
    Entity { entity: EntityId, kind: EntityKind },
    /// A number with what it counts; `title` spells out the value ("200000 new troops").
    Amount { title: String },
    /// A time expression; `datetime` is the period meant in HTML's `datetime` syntax when it
    /// was resolved to a day, week, month or year, `title` says it in words.
    Time { datetime: Option<String>, title: String },
}

/// A run of a paragraph as the article page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Marked { text: &'a str, mark: Mark },
}

/// The mentions that name an entity, as marks.
pub fn mention_marks(mentions: &[EntityMention]) -> impl Iterator<Item = (Span, Mark)> + '_ {
    mentions.iter().filter_map(|m| Some((m.span, Mark::Entity { entity: m.entity?, kind: m.kind })))
}

/// The amounts as marks, each titled with its value, unit and what it counts.
pub fn amount_marks(amounts: &[Amount]) -> impl Iterator<Item = (Span, Mark)> + '_ {
    amounts.iter().map(|a| (a.span, Mark::Amount { title: amount_title(a) }))
}

/// The time expressions as marks.
pub fn time_marks(times: &[TimeRef]) -> impl Iterator<Item = (Span, Mark)> + '_ {
    times.iter().map(|t| {
        let datetime = t.start.and_then(|start| {
            Some(match t.granularity? {
                TimeGranularity::Day => start.format("%Y-%m-%d").to_string(),
                TimeGranularity::Week => start.format("%G-W%V").to_string(),
                TimeGranularity::Month => start.format("%Y-%m").to_string(),
                TimeGranularity::Year => start.format("%Y").to_string(),
                // HTML has no syntax for a season; the title gives its days.
                TimeGranularity::Season => return None,
            })
        });
        let title = match (t.start, t.end) {
            (Some(start), Some(end)) if start == end => start.format("%Y-%m-%d").to_string(),
            (Some(start), Some(end)) => format!("{} to {}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
            (Some(start), None) => format!("from {}", start.format("%Y-%m-%d")),
            _ => "date not resolved".to_owned(),
        };
        (t.span, Mark::Time { datetime, title })
    })
}

/// "USD 1800000000", "3–5%", "200000 new troops".
fn amount_title(a: &Amount) -> String {
    let mut title = String::new();
    let unit = a.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    if let Some(unit) = unit.filter(|u| *u != "%") {
        title.push_str(unit);
        title.push(' ');
    }
    title.push_str(&a.value.to_string());
    if let Some(max) = a.value_max {
        title.push('–');
        title.push_str(&max.to_string());
    }
    if unit == Some("%") {
        title.push('%');
    }
    if let Some(counted) = a.counted.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        title.push(' ');
        title.push_str(counted);
    }
    title
}

/// Each paragraph cut into plain text and marked runs. A mark is left out when it is empty,
/// crosses a paragraph break, does not fall on char boundaries, or overlaps one that starts
/// earlier (or starts at the same place and is longer, or is as long and comes first in
/// `marks`): runs never nest, so each is escaped and wrapped on its own.
pub fn pieces<'a>(
    paragraphs: &'a [String],
    marks: impl IntoIterator<Item = (Span, Mark)>,
) -> Vec<Vec<Piece<'a>>> {
    let mut starts = Vec::with_capacity(paragraphs.len());
    let mut at = 0;
    for paragraph in paragraphs {
        starts.push(at);
        at += paragraph.len() + PARAGRAPH_BREAK;
    }
    let mut sorted: Vec<(Span, Mark)> = marks.into_iter().collect();
    // Stable: of two marks over the same run, the one given first wins.
    sorted.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));

    // Per paragraph: the accepted (start, end, mark), local to the paragraph, in order.
    let mut accepted: Vec<Vec<(usize, usize, Mark)>> = vec![Vec::new(); paragraphs.len()];
    for (span, mark) in sorted {
        if span.start >= span.end {
            continue;
        }
        let Some(index) = starts.partition_point(|&s| s <= span.start).checked_sub(1) else { continue };
        let (start, end) = (span.start - starts[index], span.end - starts[index]);
        let paragraph = &paragraphs[index];
        if end > paragraph.len() || paragraph.get(start..end).is_none() {
            continue;
        }
        let taken = &mut accepted[index];
        if taken.last().is_some_and(|&(_, previous_end, _)| start < previous_end) {
            continue;
        }
        taken.push((start, end, mark));
    }

    paragraphs
        .iter()
        .zip(accepted)
        .map(|(paragraph, spans)| {
            let mut out = Vec::with_capacity(spans.len() * 2 + 1);
            let mut cursor = 0;
            for (start, end, mark) in spans {
                if start > cursor {
                    out.push(Piece::Text(&paragraph[cursor..start]));
                }
                out.push(Piece::Marked { text: &paragraph[start..end], mark });
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
                Piece::Marked { text, mark: Mark::Entity { entity, .. } } => format!("[{text}|{}]", entity.0),
                Piece::Marked { text, mark: Mark::Amount { title } } => format!("[{text}|#{title}]"),
                Piece::Marked { text, mark: Mark::Time { datetime, .. } } => {
                    format!("[{text}|@{}]", datetime.as_deref().unwrap_or("?"))
                }
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
        let out = pieces(&paragraphs, mention_marks(&mentions));
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
        let out = pieces(&paragraphs, mention_marks(&mentions));
        assert_eq!(shown(&out[0]), "Kyiv");
        assert_eq!(shown(&out[1]), "[Київ|6] and more");
    }

    #[test]
    fn empty_paragraphs_stay_empty() {
        let paragraphs = vec![String::new(), "A".to_string()];
        let out = pieces(&paragraphs, mention_marks(&[mention(2, 3, 1)]));
        assert_eq!(out[0], [Piece::Text("")]);
        assert_eq!(shown(&out[1]), "[A|1]");
    }

    #[test]
    fn marks_of_several_kinds_never_overlap() {
        let paragraphs = vec!["Belarus sent 200,000 new troops on Monday.".to_string()];
        let text = &paragraphs[0];
        let at = |form: &str| {
            let start = text.find(form).expect("found");
            Span::new(start, start + form.len())
        };
        let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 19);
        let amount = |span, value| Amount { span, value, value_max: None, unit: None, counted: None };
        let amounts = [
            Amount { counted: Some("new troops".into()), ..amount(at("200,000 new troops"), 200_000.0) },
            amount(at("Belarus"), 1.0),   // the mention's run, which is given first
            amount(at("troops on"), 2.0), // overlaps the amount before it
        ];
        let times = [
            TimeRef { span: at("on Monday"), start: day, end: day, granularity: Some(TimeGranularity::Day) },
            TimeRef { span: at("Monday"), start: None, end: None, granularity: None }, // inside the one above
        ];
        let marks = mention_marks(&[mention(0, 7, 1)])
            .chain(amount_marks(&amounts))
            .chain(time_marks(&times))
            .collect::<Vec<_>>();
        let out = pieces(&paragraphs, marks);
        assert_eq!(
            shown(&out[0]),
            "[Belarus|1] sent [200,000 new troops|#200000 new troops] [on Monday|@2022-12-19]."
        );
    }

    #[test]
    fn amounts_and_times_are_titled() {
        let amount = Amount {
            span: Span::new(0, 1),
            value: 1.8e9,
            value_max: None,
            unit: Some("USD".into()),
            counted: None,
        };
        assert_eq!(amount_title(&amount), "USD 1800000000");
        let range = Amount { value: 3.0, value_max: Some(5.5), unit: Some("%".into()), ..amount };
        assert_eq!(amount_title(&range), "3–5.5%");
        let month = |g| TimeRef {
            span: Span::new(0, 1),
            start: chrono::NaiveDate::from_ymd_opt(2022, 12, 1),
            end: chrono::NaiveDate::from_ymd_opt(2022, 12, 31),
            granularity: Some(g),
        };
        let marks: Vec<_> = time_marks(&[month(TimeGranularity::Month), month(TimeGranularity::Season)])
            .map(|(_, m)| m)
            .collect();
        assert_eq!(
            marks,
            [
                Mark::Time { datetime: Some("2022-12".into()), title: "2022-12-01 to 2022-12-31".into() },
                Mark::Time { datetime: None, title: "2022-12-01 to 2022-12-31".into() },
            ]
        );
    }
}
