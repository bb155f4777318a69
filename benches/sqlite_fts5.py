#!/usr/bin/env python3
"""Peer baseline for benches/ingest.sh: SQLite FTS5 through Python's sqlite3.

Reads every .md/.txt file under DATA (as polidex would find them), splits it into
paragraphs at blank lines, and inserts them into one FTS5 table in one transaction.
Reading and splitting are counted, as they are for polidex.

Usage: sqlite_fts5.py DATA DB [TOKENIZER]   (TOKENIZER: unicode61 by default, or porter)
Prints: paragraphs inserted.
"""
import os
import re
import sqlite3
import sys

data, db = sys.argv[1], sys.argv[2]
tokenizer = sys.argv[3] if len(sys.argv) > 3 else "unicode61"
if os.path.exists(db):
    os.remove(db)
conn = sqlite3.connect(db)
conn.execute(f"CREATE VIRTUAL TABLE passages USING fts5(path UNINDEXED, ordinal UNINDEXED, text, tokenize='{tokenizer}')")
blank = re.compile(r"\n\s*\n")
count = 0
with conn:  # one transaction
    for root, dirs, files in os.walk(data, followlinks=True):
        dirs.sort()
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            if not name.endswith((".md", ".txt")):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            rows = [(path, i, p.strip()) for i, p in enumerate(blank.split(text)) if p.strip()]
            conn.executemany("INSERT INTO passages VALUES (?, ?, ?)", rows)
            count += len(rows)
conn.close()
print(count)
