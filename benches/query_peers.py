#!/usr/bin/env python3
"""The peers of the query benchmark (benches/query.sh drives this file).

  prepare PASSAGES.jsonl DB QUERIES.jsonl   FTS5 database of the same passages, and the queries
  sqlite DB QUERIES                        SQLite FTS5 in-process: bm25, top 10 with snippets
  whole POLIDEX INDEX DB QUERIES           whole-process: `polidex search` and the sqlite3 CLI
  rg CORPUS QUERIES                        ripgrep over the raw corpus (no index)

Every line gives p50 and p99 of wall time and of CPU time (the thread's, in-process; the
child's user + system time, whole-process): on a machine shared with other work, CPU time
is the steadier measure.

Queries are drawn with a fixed seed, so every run and every peer asks the same questions:
200 two- and three-word queries (words that occur together in a passage), 50 phrases
(consecutive words of a passage) and 50 facet-filtered queries (words plus the passage's
speaker or year).
"""

import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

SEED = 6
WORD = re.compile(r"[a-z]+")
STOPWORDS = set(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says q mr ms thank thanks okay yeah know think going get got""".split()
)


def percentile(samples, p):
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def summary(label, wall_ms, cpu_ms):
    return (
        f"{label:<48} n={len(wall_ms):<4} wall p50 {percentile(wall_ms, 50):7.3f} p99 {percentile(wall_ms, 99):7.3f} ms"
        f" | cpu p50 {percentile(cpu_ms, 50):7.3f} p99 {percentile(cpu_ms, 99):7.3f} ms"
    )


def load_passages(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def prepare(passages_path, db_path, queries_path):
    db = sqlite3.connect(db_path)
    db.executescript(
        """
        DROP TABLE IF EXISTS passages; DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS speaker;
        CREATE VIRTUAL TABLE passages USING fts5(text, title, headline, quote, tokenize='porter unicode61');
        CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT, path TEXT, outlet TEXT, date TEXT, year TEXT);
        CREATE TABLE speaker(rowid INTEGER, name TEXT);
        """
    )
    texts = []
    doc_freq = {}
    speakers_of = []
    dates = []
    rows = []
    for rowid, p in enumerate(load_passages(passages_path), start=1):
        quotes = " ".join(q["text"] for q in p.get("quotes") or [])
        rows.append((rowid, p["text"], p.get("title") or "", p.get("headline") or "", quotes))
        date = p.get("date") or ""
        db.execute(
            "INSERT INTO meta VALUES (?,?,?,?,?,?)",
            (rowid, p["id"], p["path"], p.get("outlet"), date, date[:4]),
        )
        for name in p.get("speakers") or []:
            db.execute("INSERT INTO speaker VALUES (?,?)", (rowid, name))
        texts.append(p["text"])
        speakers_of.append(p.get("speakers") or [])
        dates.append(date)
        for word in set(WORD.findall(p["text"].lower())):
            doc_freq[word] = doc_freq.get(word, 0) + 1
        if len(rows) == 20000:
            db.executemany("INSERT INTO passages(rowid, text, title, headline, quote) VALUES (?,?,?,?,?)", rows)
            rows.clear()
    db.executemany("INSERT INTO passages(rowid, text, title, headline, quote) VALUES (?,?,?,?,?)", rows)
    db.executescript(
        """
        CREATE INDEX speaker_name ON speaker(name, rowid);
        CREATE INDEX meta_year ON meta(year);
        INSERT INTO passages(passages) VALUES('optimize');
        """
    )
    db.commit()
    db.close()

    n = len(texts)
    rng = random.Random(SEED)

    def content_words(text):
        words = [w for w in WORD.findall(text.lower()) if len(w) >= 4 and w not in STOPWORDS]
        return [w for w in dict.fromkeys(words) if 10 <= doc_freq.get(w, 0) <= n // 10]

    queries = []
    while len([q for q in queries if q["class"] == "words"]) < 200:
        words = content_words(texts[rng.randrange(n)])
        size = 2 if len(queries) % 2 == 0 else 3
        if len(words) >= size:
            queries.append({"class": "words", "words": rng.sample(words, size), "phrase": False})
    while len([q for q in queries if q["class"] == "phrase"]) < 50:
        tokens = WORD.findall(texts[rng.randrange(n)].lower())
        size = rng.choice([2, 3])
        if len(tokens) < size + 1:
            continue
        start = rng.randrange(len(tokens) - size)
        phrase = tokens[start : start + size]
        if phrase[0] in STOPWORDS or phrase[-1] in STOPWORDS or min(map(len, phrase)) < 2:
            continue
        queries.append({"class": "phrase", "words": phrase, "phrase": True})
    while len([q for q in queries if q["class"] == "filtered"]) < 50:
        idx = rng.randrange(n)
        words = content_words(texts[idx])
        if not words or not dates[idx]:
            continue
        query = {"class": "filtered", "words": rng.sample(words, min(2, len(words))), "phrase": False}
        if len(queries) % 2 == 0 and speakers_of[idx]:
            query["speaker"] = speakers_of[idx][0]
        else:
            query["year"] = dates[idx][:4]
        queries.append(query)
    with open(queries_path, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q) + "\n")
    print(f"{n} passages in {db_path}; {len(queries)} queries in {queries_path}")


def load_queries(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def fts_match(q):
    if q["phrase"]:
        return '"' + " ".join(q["words"]) + '"'
    return " ".join('"' + w + '"' for w in q["words"])


# The FTS5 table drives the query (CROSS JOIN keeps SQLite's planner from scanning `meta`
# or `speaker` first and probing the full-text index row by row, which costs seconds).
SQL_BASE = (
    "SELECT m.id, m.path, snippet(passages, 0, '<b>', '</b>', '…', 32) "
    "FROM passages CROSS JOIN meta m ON m.rowid = passages.rowid WHERE passages MATCH ?"
)


def sql_for(q):
    sql, params = SQL_BASE, [fts_match(q)]
    if q.get("speaker"):
        sql += " AND EXISTS (SELECT 1 FROM speaker s WHERE s.name = ? AND s.rowid = passages.rowid)"
        params.append(q["speaker"])
    if q.get("year"):
        sql += " AND m.year = ?"
        params.append(q["year"])
    # Weights as polidex's: text 1, title 2, headline 1.5, quote 1.
    sql += " ORDER BY bm25(passages, 1.0, 2.0, 1.5, 1.0) LIMIT 10"
    return sql, params


def sqlite_inprocess(db_path, queries_path):
    db = sqlite3.connect(db_path)
    queries = load_queries(queries_path)
    for q in queries:  # warm-up: page cache and statement cache
        sql, params = sql_for(q)
        db.execute(sql, params).fetchall()
    by_class = {}
    for _ in range(3):
        for q in queries:
            sql, params = sql_for(q)
            start, cpu_start = time.perf_counter(), time.thread_time()
            db.execute(sql, params).fetchall()
            wall, cpu = by_class.setdefault(q["class"], ([], []))
            cpu.append((time.thread_time() - cpu_start) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    every_wall = [s for wall, _ in by_class.values() for s in wall]
    every_cpu = [s for _, cpu in by_class.values() for s in cpu]
    print(summary("sqlite FTS5 in-process, all", every_wall, every_cpu))
    for cls, (wall, cpu) in sorted(by_class.items()):
        print(summary(f"sqlite FTS5 in-process, {cls}", wall, cpu))


def polidex_args(q):
    query = '"' + " ".join(q["words"]) + '"' if q["phrase"] else " ".join(q["words"])
    args = ["search", query, "--format", "json"]
    if q.get("speaker"):
        args += ["--speaker", q["speaker"]]
    if q.get("year"):
        args += ["--since", q["year"], "--until", q["year"]]
    return args


def sqlite_cli_sql(q):
    sql, params = sql_for(q)
    for value in params:
        sql = sql.replace("?", "'" + value.replace("'", "''") + "'", 1)
    return sql + ";"


def timed_run(cmd):
    """Wall time and the child's CPU time (user + system), in milliseconds."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    child.returncode = 0
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def summary_of_runs(label, runs):
    return summary(label, [w for w, _ in runs], [c for _, c in runs])


def whole_process(polidex, index, db_path, queries_path):
    queries = load_queries(queries_path)
    sqlite3_cli = shutil.which("sqlite3")
    for q in queries[:20]:  # warm-up
        timed_run([polidex, "--index", index] + polidex_args(q))
        if sqlite3_cli:
            timed_run([sqlite3_cli, db_path, sqlite_cli_sql(q)])
    pdx, cli = [], []
    for q in queries:
        pdx.append(timed_run([polidex, "--index", index] + polidex_args(q)))
        if sqlite3_cli:
            cli.append(timed_run([sqlite3_cli, db_path, sqlite_cli_sql(q)]))
    print(summary_of_runs("polidex search (whole process, JSON)", pdx))
    if sqlite3_cli:
        print(summary_of_runs("sqlite3 CLI (whole process)", cli))
    else:
        print("sqlite3 CLI: not installed, skipped")
    # One process start with nothing to do, to show the floor.
    floor = [timed_run([polidex, "--version"]) for _ in range(30)]
    print(summary_of_runs("polidex --version (process start floor)", floor))


def ripgrep(corpus, queries_path):
    rg = shutil.which("rg")
    if not rg:
        print("ripgrep: not installed, skipped")
        return
    queries = load_queries(queries_path)
    phrases = [q for q in queries if q["phrase"]][:25]
    words = [q for q in queries if q["class"] == "words"][:25]
    timed_run([rg, "-c", "-i", "-F", "warm up", corpus])
    # rg cannot AND words within a passage: phrases as fixed strings, and the first word of
    # the word queries.
    samples = [timed_run([rg, "-l", "-i", "-F", " ".join(q["words"]), corpus]) for q in phrases]
    samples += [timed_run([rg, "-l", "-i", "-F", q["words"][0], corpus]) for q in words]
    print(summary_of_runs("ripgrep -l -i -F over the raw corpus", samples))


def main(argv):
    commands = {"prepare": prepare, "sqlite": sqlite_inprocess, "whole": whole_process, "rg": ripgrep}
    if len(argv) < 2 or argv[1] not in commands:
        print(__doc__)
        return 2
    commands[argv[1]](*argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
