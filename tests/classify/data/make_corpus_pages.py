#!/usr/bin/python3
"""Writes corpus_pages.json: the page texts docket read from every committed
sample (samples/corpus), with the truth's type and format, so that the
classify unit tests run on real OCR output without OCR.

    build/cli/docket eval --cache /tmp/c-train samples/corpus/train
    build/cli/docket eval --cache /tmp/c-heldout samples/corpus/heldout
    /usr/bin/python3 tests/classify/data/make_corpus_pages.py /tmp/c-train /tmp/c-heldout
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
docs = []
for archive in sys.argv[1:]:
    for name in sorted(os.listdir(os.path.join(archive, "records"))):
        rec = json.load(open(os.path.join(archive, "records", name)))
        src = rec["source"]
        truth = json.load(open(src[:src.rindex(".")] + ".truth.json"))
        pages = json.load(open(os.path.join(archive, "pages", name)))
        rel = src[src.index("samples/"):]
        docs.append({"file": rel, "split": rel.split("/")[2], "type": truth["type"],
                     "format": truth["format"], "sha256": rec["sha256"],
                     "pages": [p["text"] for p in pages]})
docs.sort(key=lambda d: d["file"])
with open(os.path.join(HERE, "corpus_pages.json"), "w", encoding="utf-8") as f:
    json.dump(docs, f, ensure_ascii=False, indent=0)
    f.write("\n")
print(len(docs), "documents")
