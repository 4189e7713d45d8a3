//! The tagger's label set: BIO (IOB2) over the four CoNLL types.
//!
//! Label 0 is `O`; then `B-` and `I-` for each kind, in [`KINDS`] order. Decoding forbids an
//! `I-X` that does not continue an `X`, so every decoded sequence is well formed.

use newsgraph_model::EntityKind;

pub const KINDS: [EntityKind; 4] = [EntityKind::Per, EntityKind::Org, EntityKind::Loc, EntityKind::Misc];
pub const COUNT: usize = 1 + 2 * KINDS.len();
pub const OUTSIDE: u8 = 0;

pub fn begin(kind: EntityKind) -> u8 {
    1 + 2 * kind_index(kind) as u8
}

pub fn inside(kind: EntityKind) -> u8 {
    begin(kind) + 1
}

fn kind_index(kind: EntityKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The kind a label belongs to, `None` for `O`.
pub fn kind(label: u8) -> Option<EntityKind> {
    (label != OUTSIDE).then(|| KINDS[usize::from(label - 1) / 2 % KINDS.len()])
}

pub fn is_inside(label: u8) -> bool {
    label != OUTSIDE && (label - 1) % 2 == 1
}

/// Whether `label` may follow `previous` (`None`: the sentence start).
pub fn allowed(previous: Option<u8>, label: u8) -> bool {
    if !is_inside(label) {
        return true;
    }
    previous.is_some_and(|p| p != OUTSIDE && kind(p) == kind(label))
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
        Some(k) => format!("{}-{}", if is_inside(label) { 'I' } else { 'B' }, kind_name(k)),
    }
}

/// Labels for a sentence's gold tags in IOB1 or IOB2 (read as conlleval reads them: `I-X`
/// opens an entity unless it continues an `X`). Unknown tags are `O`.
pub fn from_tags<S: AsRef<str>>(tags: &[S]) -> Vec<u8> {
    let mut labels = Vec::with_capacity(tags.len());
    let mut previous: Option<EntityKind> = None;
    for tag in tags {
        let (prefix, name) = tag.as_ref().split_once('-').unwrap_or(("O", ""));
        let kind = kind_from_name(name).filter(|_| matches!(prefix, "B" | "I"));
        let label = match kind {
            None => OUTSIDE,
            Some(k) if prefix == "I" && previous == Some(k) => inside(k),
            Some(k) => begin(k),
        };
        labels.push(label);
        previous = kind;
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_gold_becomes_iob2_labels() {
        let labels = from_tags(&["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-MISC"]);
        let tags: Vec<String> = labels.iter().map(|l| tag(*l)).collect();
        assert_eq!(tags, ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-MISC"]);
    }

    #[test]
    fn inside_must_continue_its_kind() {
        assert!(!allowed(None, inside(EntityKind::Org)));
        assert!(!allowed(Some(OUTSIDE), inside(EntityKind::Org)));
        assert!(!allowed(Some(begin(EntityKind::Per)), inside(EntityKind::Org)));
        assert!(allowed(Some(begin(EntityKind::Org)), inside(EntityKind::Org)));
        assert!(allowed(Some(inside(EntityKind::Org)), begin(EntityKind::Org)));
    }
}
