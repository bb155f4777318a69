#!/usr/bin/env python3
"""Sanity-check tests/attribution/labels.tsv against the documents in docs/.

Checks, for every row:
  * the header and column count are right, the kind is known, nothing is empty;
  * the file exists and is valid UTF-8;
  * the anchor is on one line, has no tab, and occurs exactly once in the file;
  * `quote` rows: the anchor follows an opening quotation mark (“ " ‘ ') within
    a few characters, and the anchor does not itself start with a mark;
  * `turn` rows: the anchor starts a line, either right after a speaker label
    (`MS. OKAFOR:`, `Q`, `THE CHAIR:` ...) or as a continuation paragraph;
  * `date` rows: expected is YYYY-MM-DD (a real calendar date) or `-`;
  * `outlet` rows: expected has no leading "The ".
Also prints counts per kind and per file. Exit status 1 if any check fails.

Usage: python3 check_labels.py [labels.tsv]
"""
import collections
import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
KINDS = {"quote", "turn", "outlet", "date"}
OPEN_MARKS = "“\"‘'"
# A no-break space may follow a label ("MS. PSAKI:\xa0 Hi."), as on White House pages.
LABEL_RE = re.compile(r"^(?:Q\b[ \t:\xa0]*|[A-Z][A-Z .'’\-]*:[ \t\xa0]*)")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "labels.tsv")
    errors = []
    counts = collections.Counter()
    per_file = collections.Counter()
    texts = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[0] != "file\tkind\tanchor\texpected":
        errors.append("bad header: %r" % lines[0])
    seen = set()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            errors.append("line %d: %d columns" % (n, len(cols)))
            continue
        fname, kind, anchor, expected = cols
        where = "line %d (%s, %s %r)" % (n, fname, kind, anchor)
        if kind not in KINDS:
            errors.append("%s: unknown kind" % where)
        if not anchor or not expected or anchor != anchor.strip() or expected != expected.strip():
            errors.append("%s: empty or padded column" % where)
        if (fname, kind, anchor) in seen:
            errors.append("%s: duplicate row" % where)
        seen.add((fname, kind, anchor))
        if fname not in texts:
            p = os.path.join(DOCS, fname)
            if not os.path.isfile(p):
                errors.append("%s: no such file" % where)
                continue
            with open(p, "rb") as fh:
                raw = fh.read()
            try:
                texts[fname] = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                errors.append("%s: not UTF-8: %s" % (where, e))
                continue
        text = texts[fname]
        counts[kind] += 1
        per_file[fname] += 1
        if "\n" in anchor or "\t" in anchor:
            errors.append("%s: anchor crosses a line or has a tab" % where)
        nwords = len(anchor.split())
        if nwords > 8:
            errors.append("%s: anchor has %d words (max 8)" % (where, nwords))
        occ = [m.start() for m in re.finditer(re.escape(anchor), text)]
        if len(occ) != 1:
            errors.append("%s: anchor occurs %d times" % (where, len(occ)))
            continue
        pos = occ[0]
        if kind == "quote":
            if anchor[0] in OPEN_MARKS:
                errors.append("%s: anchor should not include the opening mark" % where)
            before = text[max(0, pos - 3):pos]
            if not any(c in OPEN_MARKS for c in before):
                errors.append("%s: no opening quotation mark just before anchor (%r)" % (where, before))
            elif before[-1] not in OPEN_MARKS:
                errors.append("%s: anchor does not start right after the mark (%r)" % (where, before))
        elif kind == "turn":
            line_start = text.rfind("\n", 0, pos) + 1
            prefix = text[line_start:pos]
            if prefix and not LABEL_RE.fullmatch(prefix):
                errors.append("%s: turn anchor not at line start/after a label (%r)" % (where, prefix))
        elif kind == "date":
            if expected != "-":
                try:
                    datetime.date.fromisoformat(expected)
                except ValueError:
                    errors.append("%s: expected is not a valid YYYY-MM-DD date" % where)
        elif kind == "outlet":
            if expected.startswith("The "):
                errors.append("%s: outlet should drop a leading 'The'" % where)
        if kind in ("quote", "turn") and expected not in ("-", "?"):
            for name in expected.split("; "):
                if not name.strip():
                    errors.append("%s: empty speaker in %r" % (where, expected))
    quotes = [l.split("\t") for l in lines[1:] if l.count("\t") == 3 and l.split("\t")[1] == "quote"]
    special = collections.Counter(q[3] for q in quotes if q[3] in ("-", "?"))
    for e in errors:
        print("ERROR", e)
    print("rows per kind:", dict(sorted(counts.items())))
    print("quote rows: %d with a speaker, %d '-', %d '?'"
          % (len(quotes) - special["-"] - special["?"], special["-"], special["?"]))
    print("documents labelled:", len(per_file))
    for fname, c in sorted(per_file.items()):
        print("  %-48s %d" % (fname, c))
    unlabelled = sorted(set(os.listdir(DOCS)) - set(per_file))
    if unlabelled:
        print("documents without labels:", unlabelled)
    print("OK" if not errors else "%d error(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
