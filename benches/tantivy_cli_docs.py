#!/usr/bin/env python3
"""Peer input for benches/ingest.sh: turns `polidex split` output (passage JSON Lines on
stdin) into tantivy-cli documents for polidex's own schema (stdout), so that tantivy-cli
indexes exactly the fields polidex indexes and stores.
"""
import json
import sys

out = sys.stdout
for line in sys.stdin:
    p = json.loads(line)
    doc = {
        # The passage id is a u64 fast column (16 hex digits in the JSON).
        "id": int(p["id"], 16),
        "doc_id": p["doc_id"],
        "path": p["path"],
        "text": p["text"],
        "kind": p["kind"],
        "kind_facet": "/" + p["kind"],
        "has_quotes": 1 if p["quotes"] else 0,
        # The passage's other fields, as polidex stores them (index::STORED_REST); the
        # text, title, path and document id are stored by their own fields.
        "passage_rest_json": json.dumps(
            {k: v for k, v in p.items() if k not in ("text", "title", "path", "doc_id")},
            ensure_ascii=False,
        ),
    }
    for key in ("title", "headline", "org", "outlet"):
        if p.get(key):
            doc[key] = p[key]
    if p.get("outlet"):
        doc["outlet_facet"] = "/" + p["outlet"].replace("/", "\\/")
    if p["speakers"]:
        doc["speaker"] = p["speakers"]
        doc["speaker_facet"] = ["/" + s.replace("/", "\\/") for s in p["speakers"]]
    if p["authors"]:
        doc["author"] = p["authors"]
        doc["author_facet"] = ["/" + a.replace("/", "\\/") for a in p["authors"]]
    if p["quotes"]:
        doc["quote"] = [q["text"] for q in p["quotes"]]
    if p.get("date"):
        doc["date"] = p["date"] + "T00:00:00Z"
        doc["year_facet"] = "/" + p["date"][:4]
    out.write(json.dumps(doc, ensure_ascii=False))
    out.write("\n")
