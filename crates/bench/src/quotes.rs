//! Attribution (quote) scoring, as `../shared/data/README.md` defines it for PolNeAR: each span
//! becomes the set of its word tokens; a predicted attribution matches a gold one when their
//! contents overlap (shared tokens at least half of the larger span); gold and predicted are
//! paired one to one per document by maximum matching. Reported: P/R/F1 on content alone, on
//! content and source (strict: sources overlap by the same rule; lenient: they share a token),
//! and content recall by style of the gold attribution (direct, mixed, indirect).
//!
//! Also reads PolNeAR's layout: which documents a split holds and whose annotations count
//! ([`polnear_split`]), and its brat standoff annotations ([`parse_brat`]).

use std::ops::Range;

use crate::ner::Counts;

/// An attribution: who (source), the cue ("said"), what (content, possibly in pieces).
/// Byte ranges into the document's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub source: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
    pub content: Vec<Range<usize>>,
}

/// How the content is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Entirely inside quotation marks.
    Direct,
    /// Partly quoted.
    Mixed,
    /// Reported speech, no quotation marks.
    Indirect,
}

pub const STYLES: [Style; 3] = [Style::Direct, Style::Mixed, Style::Indirect];

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

/// The style of a content: whether its words lie inside quotation marks.
pub fn style(text: &str, content: &[Range<usize>]) -> Style {
    let quoted = quoted_mask(text);
    let (mut inside, mut outside) = (0usize, 0usize);
    for token in word_tokens(text) {
        if content.iter().any(|r| token.start < r.end && token.end > r.start) {
            if quoted[token.start] {
                inside += 1;
            } else {
                outside += 1;
            }
        }
    }
    match (inside, outside) {
        (0, _) => Style::Indirect,
        (_, 0) => Style::Direct,
        _ => Style::Mixed,
    }
}

/// For every byte of `text`, whether it lies between an opening and a closing double quote.
/// Straight quotes alternate; curly ones say which they are. A paragraph break closes any
/// quote left open (news paragraphs often open a quote they never close).
fn quoted_mask(text: &str) -> Vec<bool> {
    let mut mask = vec![false; text.len() + 1];
    let mut open = false;
    let mut last = '\0';
    for (i, c) in text.char_indices() {
        match c {
            '\u{201c}' | '\u{ab}' => open = true,
            '\u{201d}' | '\u{bb}' => open = false,
            '"' => open = !open,
            '\n' if last == '\n' => open = false,
            _ => {}
        }
        mask[i..i + c.len_utf8()].fill(open);
        last = c;
    }
    mask
}

/// Word tokens: runs of letters, digits and underscores (as `\w+`), as byte ranges.
pub fn word_tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The tokens of a span, as indices into [`word_tokens`], sorted.
fn token_set(tokens: &[Range<usize>], spans: &[Range<usize>]) -> Vec<u32> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| spans.iter().any(|r| t.start < r.end && t.end > r.start))
        .map(|(i, _)| i as u32)
        .collect()
}

fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Shared tokens at least half of the larger set (and at least one).
fn overlaps(a: &[u32], b: &[u32]) -> bool {
    let n = shared(a, b);
    n > 0 && 2 * n >= a.len().max(b.len())
}

/// Sources match when both are absent, or they overlap (strict) or share a token (lenient).
fn sources_match(a: &[u32], b: &[u32], lenient: bool) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => true,
        (false, false) if lenient => shared(a, b) > 0,
        (false, false) => overlaps(a, b),
        _ => false,
    }
}

/// Running totals over documents.
#[derive(Debug, Clone, Default)]
pub struct QuoteScore {
    pub documents: u64,
    pub content: Counts,
    pub content_source: Counts,
    pub content_source_lenient: Counts,
    /// Per gold style: (matched on content, gold).
    pub recall_by_style: [(u64, u64); 3],
}

impl QuoteScore {
    /// Scores one document's predictions against its gold attributions.
    pub fn add(&mut self, text: &str, gold: &[Attribution], predicted: &[Attribution]) {
        self.documents += 1;
        let tokens = word_tokens(text);
        let sets = |list: &[Attribution]| -> Vec<(Vec<u32>, Vec<u32>)> {
            list.iter().map(|a| (token_set(&tokens, &a.content), token_set(&tokens, &a.source))).collect()
        };
        let (g, p) = (sets(gold), sets(predicted));
        let content_edges = |gi: usize, pi: usize| overlaps(&g[gi].0, &p[pi].0);
        let content = max_matching(g.len(), p.len(), &content_edges);
        let strict = max_matching(g.len(), p.len(), &|gi, pi| {
            content_edges(gi, pi) && sources_match(&g[gi].1, &p[pi].1, false)
        });
        let lenient = max_matching(g.len(), p.len(), &|gi, pi| {
            content_edges(gi, pi) && sources_match(&g[gi].1, &p[pi].1, true)
        });
        for (counts, matched) in [
            (&mut self.content, &content),
            (&mut self.content_source, &strict),
            (&mut self.content_source_lenient, &lenient),
        ] {
            counts.gold += g.len() as u64;
            counts.predicted += p.len() as u64;
            counts.correct += matched.iter().filter(|m| m.is_some()).count() as u64;
        }
        for (gi, attribution) in gold.iter().enumerate() {
            let slot = STYLES.iter().position(|s| *s == style(text, &attribution.content)).unwrap_or(2);
            self.recall_by_style[slot].1 += 1;
            if content[gi].is_some() {
                self.recall_by_style[slot].0 += 1;
            }
        }
    }
}

/// Maximum bipartite matching (augmenting paths): for each gold item, its predicted partner.
fn max_matching(gold: usize, predicted: usize, edge: &dyn Fn(usize, usize) -> bool) -> Vec<Option<usize>> {
    let adjacency: Vec<Vec<usize>> =
        (0..gold).map(|g| (0..predicted).filter(|&p| edge(g, p)).collect()).collect();
    let mut partner_of_predicted: Vec<Option<usize>> = vec![None; predicted];
    for g in 0..gold {
        let mut seen = vec![false; predicted];
        augment(g, &adjacency, &mut seen, &mut partner_of_predicted);
    }
    let mut out = vec![None; gold];
    for (p, g) in partner_of_predicted.iter().enumerate() {
        if let Some(g) = g {
            out[*g] = Some(p);
        }
    }
    out
}

fn augment(g: usize, adjacency: &[Vec<usize>], seen: &mut [bool], partner: &mut [Option<usize>]) -> bool {
    for &p in &adjacency[g] {
        if seen[p] {
            continue;
        }
        seen[p] = true;
        if partner[p].is_none_or(|other| augment(other, adjacency, seen, partner)) {
            partner[p] = Some(g);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Peskov said Belarus was \u{201c}number one ally\u{201d}. \u{201c}We will win,\u{201d} he said. Diplomats say it is unpopular.";

    fn at(text: &str, needle: &str) -> Range<usize> {
        let s = text.find(needle).expect("needle");
        s..s + needle.len()
    }

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

    #[test]
    fn styles_follow_the_quotation_marks() {
        assert_eq!(style(TEXT, &[at(TEXT, "We will win,")]), Style::Direct);
        assert_eq!(style(TEXT, &[at(TEXT, "Belarus was \u{201c}number one ally")]), Style::Mixed);
        assert_eq!(style(TEXT, &[at(TEXT, "it is unpopular")]), Style::Indirect);
    }

    #[test]
    fn matches_one_to_one_by_half_overlap_and_scores_sources() {
        let gold = vec![
            Attribution {
                source: vec![at(TEXT, "Peskov")],
                cue: vec![at(TEXT, "said")],
                content: vec![at(TEXT, "Belarus was \u{201c}number one ally")],
            },
            Attribution {
                source: vec![at(TEXT, "he")],
                cue: vec![],
                content: vec![at(TEXT, "We will win,")],
            },
            Attribution {
                source: vec![at(TEXT, "Diplomats")],
                cue: vec![],
                content: vec![at(TEXT, "it is unpopular")],
            },
        ];
        let predicted = vec![
            // Half of the larger span: 3 of 5 gold tokens -> a match, right source.
            Attribution {
                source: vec![at(TEXT, "Peskov")],
                cue: vec![],
                content: vec![at(TEXT, "number one ally")],
            },
            // Content matches, source wrong.
            Attribution {
                source: vec![at(TEXT, "Peskov")],
                cue: vec![],
                content: vec![at(TEXT, "We will win")],
            },
            // Too little overlap (1 of 3).
            Attribution { source: vec![], cue: vec![], content: vec![at(TEXT, "unpopular")] },
        ];
        let mut score = QuoteScore::default();
        score.add(TEXT, &gold, &predicted);
        assert_eq!(score.content, Counts { gold: 3, predicted: 3, correct: 2 });
        assert_eq!(score.content_source.correct, 1);
        assert_eq!(score.content_source_lenient.correct, 1);
        assert_eq!(score.recall_by_style, [(1, 1), (1, 1), (0, 1)]);
    }

    #[test]
    fn matching_is_maximal_not_greedy() {
        // Predicted 0 overlaps both golds; predicted 1 only gold 0: a greedy pairing of gold 0
        // with predicted 0 would leave gold 1 unmatched.
        let text = "a b c d e f";
        let span = |s: &str| vec![at(text, s)];
        let gold = vec![
            Attribution { content: span("a b c d"), ..Default::default() },
            Attribution { content: span("c d e f"), ..Default::default() },
        ];
        let predicted = vec![
            Attribution { content: span("b c d e"), ..Default::default() },
            Attribution { content: span("a b c"), ..Default::default() },
        ];
        let mut score = QuoteScore::default();
        score.add(text, &gold, &predicted);
        assert_eq!(score.content.correct, 2);
    }
}
