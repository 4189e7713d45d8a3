//! PolNeAR as the attribution benchmark reads it: which documents a split holds and whose
//! annotations count ([`polnear_split`]), and its brat standoff annotations ([`parse_brat`]).

use std::ops::Range;

use super::Attribution;

/// A PolNeAR document of one split, and the annotator whose attributions count: the first
/// listed in `metadata.tsv`, as `../shared/data/README.md` asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolnearDoc {
    pub split: String,
    pub name: String,
    pub annotator: String,
}

impl PolnearDoc {
    /// The document's text, relative to the corpus directory: `<split>/text/<name>.txt`.
    pub fn text_path(&self) -> String {
        format!("{}/text/{}.txt", self.split, self.name)
    }

    /// Its annotations, relative to the corpus directory:
    /// `<split>/attributions/<name>_<annotator>.ann`.
    pub fn annotation_path(&self) -> String {
        format!("{}/attributions/{}_{}.ann", self.split, self.name, self.annotator)
    }
}

/// The documents of `split` (`train`, `dev`) as PolNeAR's `metadata.tsv` lists them, in its
/// order: tab-separated, a header line first, the split in the first column, the document's
/// name in the second and the annotators (`a|b|c`) in the fourth. Lines that do not fit are
/// skipped.
pub fn polnear_split(metadata: &str, split: &str) -> Vec<PolnearDoc> {
    metadata
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
            let annotator = fields.get(3)?.split('|').next()?.trim();
            let name = fields.get(1)?.trim();
            (fields[0] == split && !name.is_empty() && !annotator.is_empty()).then(|| PolnearDoc {
                split: split.to_string(),
                name: name.to_string(),
                annotator: annotator.to_string(),
            })
        })
        .collect()
}

/// Parses a brat `.ann` file of PolNeAR: `T` lines (`T3\tContent 115 290;300 310\ttext`,
/// character offsets into `text`) and `E` lines linking them (`E1\tAttribution:T4 Content:T3
/// Cue:T2 Source:T1`; a second content piece may come as `Content2`). Lines that do not parse,
/// and offsets outside the text, are skipped.
pub fn parse_brat(ann: &str, text: &str) -> Vec<Attribution> {
    // Character offset -> byte offset, for every character boundary (and the end).
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let byte = |c: &str| c.trim().parse::<usize>().ok().and_then(|c| bytes.get(c).copied());

    let mut spans: std::collections::HashMap<&str, Vec<Range<usize>>> = std::collections::HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else { continue };
        if id.starts_with('T') {
            let Some((_, offsets)) = body.split_once(' ') else { continue };
            let ranges: Option<Vec<Range<usize>>> = offsets
                .split(';')
                .map(|piece| {
                    let (s, e) = piece.split_once(' ')?;
                    let (s, e) = (byte(s)?, byte(e)?);
                    (s <= e).then_some(s..e)
                })
                .collect();
            if let Some(ranges) = ranges {
                spans.insert(id, ranges);
            }
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    events
        .into_iter()
        .map(|event| {
            let mut attribution = Attribution::default();
            for role in event.split_whitespace() {
                let Some((name, target)) = role.split_once(':') else { continue };
                let Some(ranges) = spans.get(target) else { continue };
                let slot = match name.trim_end_matches(|c: char| c.is_ascii_digit()) {
                    "Source" => &mut attribution.source,
                    "Cue" => &mut attribution.cue,
                    "Content" => &mut attribution.content,
                    _ => continue,
                };
                slot.extend(ranges.iter().cloned());
            }
            attribution.content.sort_by_key(|r| r.start);
            attribution
        })
        .filter(|a| !a.content.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::{Style, style};

    #[test]
    fn reads_brat_with_character_offsets_and_pieces() {
        let text = "\u{201c}Ja,\u{201d} sagte er, \u{201c}gut.\u{201d}";
        // Characters: the content pieces "Ja," (1..4) and "gut." (17..21).
        let ann = "T1\tSource 12 14\ter\nT2\tCue 6 11\tsagte\nT3\tContent 1 4;17 21\tJa, gut.\nT4\tAttribution 6 11\tsagte\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nbroken line\n";
        let parsed = parse_brat(ann, text);
        assert_eq!(parsed.len(), 1);
        let a = &parsed[0];
        assert_eq!(&text[a.source[0].clone()], "er");
        assert_eq!(&text[a.cue[0].clone()], "sagte");
        let pieces: Vec<&str> = a.content.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(pieces, ["Ja,", "gut."]);
        assert_eq!(style(text, &a.content), Style::Direct);
    }

    #[test]
    fn a_split_lists_its_documents_with_the_first_annotator() {
        let metadata = "compartment\tfilename\tlevel\tannotators\tpublisher\n\
            dev\tnyt_a\tNone\t4b22|ef2d\tnyt\n\
            train\tfox_b\tNone\t5fec\tfox\n\
            dev\tbroken\n\
            dev\tcnn_c\tNone\td473\tcnn\r\n";
        let dev = polnear_split(metadata, "dev");
        let names: Vec<(&str, &str)> = dev.iter().map(|d| (d.name.as_str(), d.annotator.as_str())).collect();
        assert_eq!(names, [("nyt_a", "4b22"), ("cnn_c", "d473")]);
        assert_eq!(dev[0].text_path(), "dev/text/nyt_a.txt");
        assert_eq!(dev[0].annotation_path(), "dev/attributions/nyt_a_4b22.ann");
        assert_eq!(polnear_split(metadata, "train").len(), 1);
        assert!(polnear_split("", "dev").is_empty());
    }
}
