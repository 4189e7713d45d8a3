//! CoNLL column files: one token per line (the word first, the gold tag last when there is
//! one), a blank line between sentences, `-DOCSTART-` lines between documents.

/// A sentence read from a CoNLL file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllSentence {
    pub words: Vec<String>,
    /// The last column of each line, when lines have more than one column.
    pub tags: Vec<Option<String>>,
}

/// A document: the sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDocument {
    pub sentences: Vec<ConllSentence>,
}

/// Parses CoNLL text. A file without `-DOCSTART-` lines is one document.
pub fn parse(text: &str) -> Vec<ConllDocument> {
    let mut documents = vec![ConllDocument::default()];
    let mut sentence = ConllSentence::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let mut columns = line.split_whitespace();
        let Some(word) = columns.next() else {
            finish_sentence(&mut documents, &mut sentence);
            continue;
        };
        if word == "-DOCSTART-" {
            finish_sentence(&mut documents, &mut sentence);
            if documents.last().is_some_and(|d| !d.sentences.is_empty()) {
                documents.push(ConllDocument::default());
            }
            continue;
        }
        sentence.words.push(word.to_string());
        sentence.tags.push(columns.last().map(str::to_string));
    }
    finish_sentence(&mut documents, &mut sentence);
    documents.retain(|d| !d.sentences.is_empty());
    documents
}

fn finish_sentence(documents: &mut [ConllDocument], sentence: &mut ConllSentence) {
    if !sentence.words.is_empty()
        && let Some(doc) = documents.last_mut()
    {
        doc.sentences.push(std::mem::take(sentence));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_documents_and_sentences_and_keeps_the_last_column() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBonn\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].words, ["EU", "rejects"]);
        assert_eq!(docs[0].sentences[0].tags, [Some("I-ORG".to_string()), Some("O".to_string())]);
        assert_eq!(docs[1].sentences[0].tags, [None]);
    }
}
