//! From labels to attributions: the runs of tokens a label sequence spells, grouped into
//! attributions ([`assemble`]), and a source for an attribution the labeller left without one
//! ([`likely_source`]).

use super::model;
use super::{Role, labels};

/// A run of tokens with one role: tokens `[start, end)` of the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub role: Role,
    pub start: usize,
    pub end: usize,
}

/// The runs a label sequence spells.
pub fn runs(labels: &[u8]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, &label) in labels.iter().enumerate() {
        let Some(role) = labels::role(label) else { continue };
        match out.last_mut() {
            Some(last) if labels::continues(label) && last.end == i && last.role == role => last.end = i + 1,
            _ => out.push(Run { role, start: i, end: i + 1 }),
        }
    }
    out
}

/// Token distance between two runs (0 when they touch or overlap).
fn gap(a: &Run, b: &Run) -> usize {
    b.start.saturating_sub(a.end).max(a.start.saturating_sub(b.end))
}

/// Groups a paragraph's runs into attributions, as token runs: each cue begins one; every
/// content goes to the nearest cue (a cue in another sentence counts as farther away), a
/// content with no cue in the paragraph makes an attribution of its own; each attribution
/// takes the nearest source in its cue's sentence (or, without a cue, its content's).
/// Attributions left without content are dropped.
pub fn assemble(runs: &[Run], sentence_of: &[u16]) -> Vec<(Option<Run>, Option<Run>, Vec<Run>)> {
    let sentence = |r: &Run| sentence_of.get(r.start).copied().unwrap_or(0);
    let sentences_of = |r: &Run| {
        let first = sentence_of.get(r.start).copied().unwrap_or(0);
        let last = sentence_of.get(r.end.saturating_sub(1)).copied().unwrap_or(first);
        first..=last
    };
    let cues: Vec<Run> = runs.iter().filter(|r| r.role == Role::Cue).copied().collect();
    let sources: Vec<Run> = runs.iter().filter(|r| r.role == Role::Source).copied().collect();
    let mut contents: Vec<Vec<Run>> = vec![Vec::new(); cues.len()];
    let mut orphans: Vec<Run> = Vec::new();
    for content in runs.iter().filter(|r| r.role == Role::Content) {
        let span = sentences_of(content);
        let best = cues
            .iter()
            .enumerate()
            .map(|(i, cue)| {
                let s = sentence(cue);
                let apart = if span.contains(&s) {
                    0
                } else {
                    usize::from(s.abs_diff(*span.start()).min(s.abs_diff(*span.end())))
                };
                (apart * 1000 + gap(content, cue), i)
            })
            .min();
        match best {
            // More than one sentence away: a separate (cue-less) attribution.
            Some((distance, i)) if distance < 2000 => contents[i].push(*content),
            _ => orphans.push(*content),
        }
    }
    let absorbed = absorb_reported_attributions(&cues, &sources, &mut contents, &sentence);
    // The nearest source in the anchor's sentences that is not part of the content.
    let nearest_source = |anchor: &Run, content: &[Run]| {
        let s = sentences_of(anchor);
        sources
            .iter()
            .filter(|r| {
                s.contains(&sentence(r)) && !content.iter().any(|c| c.start < r.end && r.start < c.end)
            })
            .min_by_key(|r| gap(r, anchor))
            .copied()
    };
    let mut out = Vec::new();
    for ((cue, content), absorbed) in cues.iter().zip(contents).zip(absorbed) {
        if content.is_empty() || absorbed {
            continue;
        }
        out.push((nearest_source(cue, &content), Some(*cue), content));
    }
    for content in orphans {
        out.push((nearest_source(&content, &[content]), None, vec![content]));
    }
    out.sort_by_key(|(_, _, c)| c.first().map_or(0, |r| r.start));
    out
}

/// "X called for Y, sources said": a cue left without content right after another
/// attribution's content in its sentence, with nothing between but punctuation and its own
/// source, reports that whole attribution. It takes the other's source, cue and content as
/// its content; the other is marked absorbed (the returned flags, one per cue).
fn absorb_reported_attributions(
    cues: &[Run],
    sources: &[Run],
    contents: &mut [Vec<Run>],
    sentence: &dyn Fn(&Run) -> u16,
) -> Vec<bool> {
    let mut absorbed = vec![false; cues.len()];
    for j in 0..cues.len() {
        if !contents[j].is_empty() {
            continue;
        }
        let s = sentence(&cues[j]);
        let earlier = (0..cues.len())
            .filter(|&i| {
                i != j
                    && !absorbed[i]
                    && !contents[i].is_empty()
                    && sentence(&cues[i]) == s
                    && cues[i].end <= cues[j].start
            })
            .max_by_key(|&i| cues[i].start);
        let Some(i) = earlier else { continue };
        let end = contents[i].iter().map(|r| r.end).max().unwrap_or(0);
        if end > cues[j].start {
            continue;
        }
        let own_source: usize = sources
            .iter()
            .filter(|r| r.start >= end && r.end <= cues[j].start)
            .map(|r| r.end - r.start)
            .sum();
        if cues[j].start - end > own_source + 1 {
            continue;
        }
        let inner_source = sources
            .iter()
            .filter(|r| sentence(r) == s && r.end <= cues[i].start)
            .max_by_key(|r| r.start)
            .map_or(cues[i].start, |r| r.start);
        let start = inner_source.min(cues[i].start).min(contents[i].first().map_or(end, |r| r.start));
        contents[j] = vec![Run { role: Role::Content, start, end }];
        absorbed[i] = true;
    }
    absorbed
}

/// Least score margin for a token the labeller left unlabelled to be taken as a source.
const SOURCE_MARGIN: f32 = -4.0;

/// For an attribution the labeller gave no source: the tokens of the anchor's sentence (the
/// cue, else the content) that scored best as a source, when they came close enough to being
/// labelled one (margin: the source score against the chosen label's score). Almost every
/// attribution has a source, so a near miss is usually right.
pub(crate) fn likely_source(
    labelled: &model::Labelled,
    sentence_of: &[u16],
    anchor: Option<&Run>,
) -> Option<Run> {
    let (labels, emissions, nominal) = (&labelled.labels, &labelled.emissions, &labelled.syntax.nominal);
    let anchor = anchor?;
    let s = *sentence_of.get(anchor.start)?;
    let begin = usize::from(labels::begin(Role::Source));
    let inside = usize::from(labels::inside(Role::Source));
    let margin = |i: usize, l: usize| emissions[i][l] - emissions[i][usize::from(labels[i])];
    let candidates = (0..labels.len().min(emissions.len()))
        .filter(|&i| sentence_of[i] == s && labels::role(labels[i]) != Some(Role::Cue) && nominal[i])
        .filter(|&i| i < anchor.start || i >= anchor.end);
    let (best, score) = candidates.map(|i| (i, margin(i, begin))).max_by(|a, b| a.1.total_cmp(&b.1))?;
    if score < SOURCE_MARGIN {
        return None;
    }
    let mut end = best + 1;
    while end < labels.len()
        && sentence_of[end] == s
        && labels::role(labels[end]) != Some(Role::Cue)
        && margin(end, inside) >= SOURCE_MARGIN
        && !(anchor.start..anchor.end).contains(&end)
    {
        end += 1;
    }
    Some(Run { role: Role::Source, start: best, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(role: Role, start: usize, end: usize) -> Run {
        Run { role, start, end }
    }

    #[test]
    fn labels_spell_runs() {
        use labels::{begin, inside};
        let l = [
            0,
            begin(Role::Source),
            inside(Role::Source),
            begin(Role::Cue),
            begin(Role::Content),
            inside(Role::Content),
            begin(Role::Content),
        ];
        assert_eq!(
            runs(&l),
            vec![
                run(Role::Source, 1, 3),
                run(Role::Cue, 3, 4),
                run(Role::Content, 4, 6),
                run(Role::Content, 6, 7)
            ]
        );
        assert!(!labels::allowed(None, inside(Role::Cue)));
        assert!(!labels::allowed(Some(begin(Role::Source)), inside(Role::Cue)));
        assert!(labels::allowed(Some(begin(Role::Cue)), inside(Role::Cue)));
    }

    #[test]
    fn contents_go_to_the_nearest_cue_and_sources_to_their_cue() {
        // Sentence 0: "A said X, while B said Y." Sentence 1: "Z." (a content, no cue near).
        // Sentence 3: "W." far from any cue.
        let sentence_of = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 3];
        let runs = [
            run(Role::Source, 0, 1),
            run(Role::Cue, 1, 2),
            run(Role::Content, 2, 3),
            run(Role::Source, 4, 5),
            run(Role::Cue, 5, 6),
            run(Role::Content, 6, 8),
            run(Role::Content, 8, 10),
            run(Role::Content, 11, 13),
        ];
        let out = assemble(&runs, &sentence_of);
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(out[0], (Some(runs[0]), Some(runs[1]), vec![runs[2]]));
        assert_eq!(out[1], (Some(runs[3]), Some(runs[4]), vec![runs[5], runs[6]]));
        assert_eq!(out[2], (None, None, vec![runs[7]]));
    }

    #[test]
    fn a_cue_without_content_makes_nothing() {
        let out = assemble(&[run(Role::Source, 0, 1), run(Role::Cue, 1, 2)], &[0, 0]);
        assert!(out.is_empty());
    }
}
