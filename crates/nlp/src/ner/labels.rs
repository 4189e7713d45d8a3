//! The tagger's label set: BILOU over the four CoNLL types.
//!
//! Label 0 is `O`; then, for each kind in [`KINDS`] order, `B-` (begins a name of several
//! words), `I-` (inside one), `L-` (its last word) and `U-` (a one-word name). Separate
//! first, last and single-word labels let the model learn where names end, which plain BIO
//! cannot say ("Minneapolis-based | First Bank"). Decoding only allows sequences that spell
//! whole names. Output is IOB2, as conlleval and CoNLL tools expect.

use newsgraph_model::EntityKind;

pub const KINDS: [EntityKind; 4] = [EntityKind::Per, EntityKind::Org, EntityKind::Loc, EntityKind::Misc];
pub const COUNT: usize = 1 + 4 * KINDS.len();
pub const OUTSIDE: u8 = 0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Begin,
    Inside,
    Last,
    Unit,
}

const POSITIONS: [Position; 4] = [Position::Begin, Position::Inside, Position::Last, Position::Unit];

fn label(kind: EntityKind, position: Position) -> u8 {
    let p = POSITIONS.iter().position(|x| *x == position).unwrap_or(0);
    1 + 4 * kind_index(kind) as u8 + p as u8
}

fn position(label: u8) -> Option<Position> {
    (label != OUTSIDE).then(|| POSITIONS[usize::from(label - 1) % 4])
}

fn kind_index(kind: EntityKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The kind a label belongs to, `None` for `O`.
pub fn kind(label: u8) -> Option<EntityKind> {
    (label != OUTSIDE).then(|| KINDS[usize::from(label - 1) / 4 % KINDS.len()])
}

/// Whether the label continues the name the previous word began.
pub fn continues(label: u8) -> bool {
    matches!(position(label), Some(Position::Inside | Position::Last))
}

/// Whether a name stays open after this label (so the next word must continue it).
fn leaves_open(label: u8) -> bool {
    matches!(position(label), Some(Position::Begin | Position::Inside))
}

/// Whether `label` may follow `previous` (`None`: the sentence start).
pub fn allowed(previous: Option<u8>, label: u8) -> bool {
    match previous.filter(|p| leaves_open(*p)) {
        Some(open) => continues(label) && kind(open) == kind(label),
        None => !continues(label),
    }
}

/// Whether a sentence may end with this label (no name left open).
pub fn may_end(label: u8) -> bool {
    !leaves_open(label)
}

pub fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Per => "PER",
        EntityKind::Org => "ORG",
        EntityKind::Loc => "LOC",
        EntityKind::Misc => "MISC",
    }
}

fn kind_from_name(name: &str) -> Option<EntityKind> {
    KINDS.iter().copied().find(|k| kind_name(*k) == name)
}

/// The IOB2 tag of a label: `O`, `B-PER`, `I-LOC`, ...
pub fn tag(label: u8) -> String {
    match kind(label) {
        None => "O".to_string(),
        Some(k) => format!("{}-{}", if continues(label) { 'I' } else { 'B' }, kind_name(k)),
    }
}

/// Labels for a sentence's gold tags in IOB1 or IOB2 (read as conlleval reads them: `I-X`
/// opens a name unless it continues an `X`). Unknown tags are `O`.
pub fn from_tags<S: AsRef<str>>(tags: &[S]) -> Vec<u8> {
    // First the names, as (start, kind) runs; then their BILOU spelling.
    let mut starts: Vec<Option<EntityKind>> = Vec::with_capacity(tags.len());
    let mut kinds: Vec<Option<EntityKind>> = Vec::with_capacity(tags.len());
    let mut previous: Option<EntityKind> = None;
    for tag in tags {
        let (prefix, name) = tag.as_ref().split_once('-').unwrap_or(("O", ""));
        let kind = kind_from_name(name).filter(|_| matches!(prefix, "B" | "I"));
        let opens = kind.is_some() && !(prefix == "I" && previous == kind);
        starts.push(kind.filter(|_| opens));
        kinds.push(kind);
        previous = kind;
    }
    (0..tags.len())
        .map(|i| {
            let Some(kind) = kinds[i] else { return OUTSIDE };
            let begins = starts[i].is_some();
            let ends = i + 1 == tags.len() || starts[i + 1].is_some() || kinds[i + 1] != Some(kind);
            let position = match (begins, ends) {
                (true, true) => Position::Unit,
                (true, false) => Position::Begin,
                (false, true) => Position::Last,
                (false, false) => Position::Inside,
            };
            label(kind, position)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(labels: &[u8]) -> Vec<String> {
        labels.iter().map(|l| tag(*l)).collect()
    }

    #[test]
    fn iob1_gold_becomes_bilou_and_back_to_iob2() {
        let labels = from_tags(&["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-MISC", "I-MISC", "I-MISC"]);
        assert_eq!(labels[0], label(EntityKind::Per, Position::Begin));
        assert_eq!(labels[1], label(EntityKind::Per, Position::Last));
        assert_eq!(labels[3], label(EntityKind::Loc, Position::Unit));
        assert_eq!(labels[6], label(EntityKind::Misc, Position::Inside));
        assert_eq!(tags(&labels), ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-MISC", "I-MISC", "I-MISC"]);
    }

    #[test]
    fn only_whole_names_are_allowed() {
        let b_org = label(EntityKind::Org, Position::Begin);
        let l_org = label(EntityKind::Org, Position::Last);
        let u_per = label(EntityKind::Per, Position::Unit);
        assert!(!allowed(None, l_org));
        assert!(!allowed(Some(OUTSIDE), l_org));
        assert!(allowed(Some(b_org), l_org));
        assert!(!allowed(Some(b_org), OUTSIDE), "an open name must be closed");
        assert!(!allowed(Some(b_org), label(EntityKind::Per, Position::Last)));
        assert!(allowed(Some(l_org), u_per));
        assert!(!may_end(b_org));
        assert!(may_end(u_per));
    }
}
