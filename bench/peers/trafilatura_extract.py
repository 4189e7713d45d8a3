#!/usr/bin/env python3
"""The trafilatura side of `newsgraph bench extraction`: article bodies and their timing.

Input: a JSON list of {"id": ..., "path": ..., "url": ...} objects, read from the file named
as the first argument or, without one, from standard input. `path` is an HTML page, gzip
compressed or not; `url` may be null.

Every page is read (and gunzipped) into memory before the clock starts. The clock then times
only `trafilatura.extract(page_bytes, url=url, include_comments=False)` over all pages, one
after the other on one thread. Apart from leaving comments out, trafilatura's defaults apply
(tables included, neither precision nor recall favoured, no fallback changes). The raw bytes
are passed, as newsgraph is given raw bytes, so both sides pay for charset detection.

Output on standard output, one JSON object:
    {"seconds": <float>, "trafilatura_version": "<x.y.z>", "bodies": {id: text}}
A page trafilatura returns nothing for gets the empty string.

Exit code 3 (with a one-line message on standard error) when trafilatura cannot be
imported: install it with
    pip install trafilatura
(some trafilatura/lxml combinations also need `pip install lxml_html_clean`, which the
import error then names).
"""

import gzip
import json
import sys
import time

MISSING_TRAFILATURA = 3


def read_page(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def main():
    try:
        import trafilatura
    except ImportError as error:
        # A missing module, or one of its own imports failing (a broken install): one line.
        reason = str(error).replace("\n", " ")
        print(f"trafilatura cannot be imported: {reason}", file=sys.stderr)
        return MISSING_TRAFILATURA

    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as handle:
            pages = json.load(handle)
    else:
        pages = json.load(sys.stdin)

    loaded = [(page["id"], read_page(page["path"]), page.get("url")) for page in pages]

    bodies = {}
    start = time.perf_counter()
    for page_id, html, url in loaded:
        bodies[page_id] = trafilatura.extract(html, url=url, include_comments=False)
    seconds = time.perf_counter() - start

    result = {
        "seconds": seconds,
        "trafilatura_version": getattr(trafilatura, "__version__", None),
        "bodies": {page_id: text or "" for page_id, text in bodies.items()},
    }
    json.dump(result, sys.stdout)  # ASCII with escapes: safe whatever the locale
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
