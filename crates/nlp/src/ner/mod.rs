//! The entity tagger: PER, ORG, LOC and MISC names in tokenised sentences.
//!
//! An averaged perceptron over hashed features ([`features`]), decoded with Viterbi
//! ([`decode`]), trained from CoNLL-2003 by `newsgraph train-ner` ([`train`]). The model and
//! its word lists are embedded in the binary ([`EntityTagger::embedded`]).

mod compiled;
mod decode;
mod features;
pub mod labels;
mod lexicon;
pub mod train;
mod weights;

use std::sync::{Arc, OnceLock};

pub use lexicon::Lexicon;
pub use weights::{Model, ModelFileError, Weights};

use newsgraph_model::EntityKind;

/// The most sentences read as one document: far more than any news article (a long one has
/// a few hundred), few enough that a huge input is read in bounded memory.
pub const DOCUMENT_SENTENCES: usize = 1000;

/// A tagger: the model plus the word lists its features read.
#[derive(Debug, Clone)]
pub struct EntityTagger {
    model: Arc<compiled::CompiledModel>,
    lexicon: Arc<Lexicon>,
}

/// A name found in a sentence: token range `[start, end)` and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaggedName {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// The committed model and word lists, compiled into the binary (see `models/README.md`).
static MODEL_FILE: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner/tagger.bin.gz"));
static CLUSTERS_FILE: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner/clusters.tsv.gz"));
static GAZETTEERS_FILE: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner/gazetteers.tsv.gz"));

static EMBEDDED: OnceLock<Result<EntityTagger, String>> = OnceLock::new();

impl EntityTagger {
    /// The tagger shipped with newsgraph, decoded on first use (a few hundred milliseconds)
    /// and shared afterwards.
    pub fn embedded() -> Result<EntityTagger, ModelFileError> {
        EMBEDDED
            .get_or_init(|| {
                let model = Model::from_bytes(MODEL_FILE).map_err(|e| e.to_string())?;
                let lexicon =
                    Lexicon::from_gzip(CLUSTERS_FILE, GAZETTEERS_FILE).map_err(|e| e.to_string())?;
                Ok(EntityTagger::new(Arc::new(model), Arc::new(lexicon)))
            })
            .clone()
            .map_err(ModelFileError::Embedded)
    }

    /// The lexicon shipped with newsgraph (for training a model that will be embedded).
    pub fn embedded_lexicon() -> std::io::Result<Lexicon> {
        Lexicon::from_gzip(CLUSTERS_FILE, GAZETTEERS_FILE)
    }

    pub fn new(model: Arc<Model>, lexicon: Arc<Lexicon>) -> EntityTagger {
        EntityTagger { model: Arc::new(compiled::CompiledModel::new(&model)), lexicon }
    }

    /// Labels for every token of a document (sentences of words), sentence by sentence.
    ///
    /// A very long document is read in parts of [`DOCUMENT_SENTENCES`] sentences, each as a
    /// document of its own: the features of a whole part are held at once (about 1 kB per
    /// word), so this keeps memory flat however large the input.
    pub fn label_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        if sentences.len() > DOCUMENT_SENTENCES {
            return sentences.chunks(DOCUMENT_SENTENCES).flat_map(|part| self.label_part(part)).collect();
        }
        self.label_part(sentences)
    }

    fn label_part<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        let features = features::document_features(&self.lexicon, sentences);
        let (first, shared) = self.model.first_pass(&features);
        if !self.model.has_second_pass() {
            return first;
        }
        let extra = features::second_pass_features(sentences, &first);
        self.model.second_pass(&shared, &extra)
    }

    /// IOB2 tags (`B-PER`, `I-PER`, `O`, ...) for every token of a document.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<String>> {
        self.label_document(sentences).into_iter().map(|s| s.into_iter().map(labels::tag).collect()).collect()
    }

    /// The names in every sentence of a document.
    pub fn names<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<TaggedName>> {
        self.label_document(sentences).iter().map(|labels| names_of(labels)).collect()
    }

    pub fn lexicon(&self) -> &Arc<Lexicon> {
        &self.lexicon
    }
}

/// One pass over a document's features.
fn label_with(weights: &Weights, features: &[Vec<Vec<u64>>]) -> Vec<Vec<u8>> {
    let mut emissions = Vec::new();
    features
        .iter()
        .map(|sentence| {
            emissions.clear();
            for token in sentence {
                let mut scores = [0.0; weights::L];
                weights.score(token, &mut scores);
                emissions.push(scores);
            }
            decode::viterbi(&emissions, &weights.transitions)
        })
        .collect()
}

/// The names a (well-formed) label sequence encodes.
pub fn names_of(sequence: &[u8]) -> Vec<TaggedName> {
    let mut out: Vec<TaggedName> = Vec::new();
    for (i, &label) in sequence.iter().enumerate() {
        let Some(kind) = labels::kind(label) else { continue };
        match out.last_mut() {
            Some(last) if labels::continues(label) && last.end == i && last.kind == kind => last.end = i + 1,
            _ => out.push(TaggedName { start: i, end: i + 1, kind }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_document_is_read_in_parts_with_every_sentence_labelled() {
        let tagger = EntityTagger::embedded().expect("embedded model");
        let sentence = vec!["Vladimir", "Putin", "visited", "Minsk", "."];
        let document = vec![sentence; DOCUMENT_SENTENCES * 2 + 7];
        let labels = tagger.label_document(&document);
        assert_eq!(labels.len(), document.len());
        let last = names_of(labels.last().expect("labelled"));
        assert_eq!(last.len(), 2, "{last:?}");
        assert_eq!(names_of(&labels[0]), last, "each part reads alike");
    }
}
