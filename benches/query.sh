#!/usr/bin/env bash
# Query benchmark on the White House briefing-room corpus, polidex beside SQLite FTS5 and ripgrep.
# Usage: benches/query.sh [DATA_DIR] [WORK_DIR]
#   DATA_DIR  default ../shared/data/wh-briefings (skips when absent)
#   WORK_DIR  default /tmp/polidex-query-bench; indexes, the FTS5 database and the queries are
#             kept there and reused by the next run (delete it to rebuild)
# Needs python3 (with sqlite3 and FTS5); uses the sqlite3 CLI and rg when installed.
# Set SCALES="1 2 4" (the default) to also measure 2x and 4x copies of the corpus; the copies
# are folders of symlinks to DATA_DIR under new names, which the walker follows.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/wh-briefings}"
work="${2:-/tmp/polidex-query-bench}"
scales="${SCALES:-1 2 4}"
if [ ! -d "$data" ]; then
  echo "skip: $data not found (pass the wh-briefings folder as the first argument)"
  exit 0
fi
data=$(cd "$data" && pwd)
cargo build --release --quiet --bin polidex --example bench_query
bin=$PWD/target/release/polidex
# The statically linked release binary (README, "Set-up"), for the whole-process race: it
# starts without the dynamic loader. Built where glibc's static library is installed;
# STATIC=0 skips it.
host=$(rustc -vV | sed -n 's/^host: //p')
static_bin=""
if [ "${STATIC:-1}" = 1 ] && [[ "$host" == *-linux-gnu ]] && [ -f "$(cc -print-file-name=libc.a)" ]; then
  RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --quiet --bin polidex \
    --target "$host" --target-dir target/static
  static_bin=$PWD/target/static/$host/release/polidex
fi
bench=$PWD/target/release/examples/bench_query
peers=$PWD/benches/query_peers.py
mkdir -p "$work"
cd "$work"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); date: $(date -u +%F)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

indexes=()
for scale in $scales; do
  if [ "$scale" = 1 ]; then
    corpus="$data"
  else
    corpus="$work/corpus-x$scale"
    mkdir -p "$corpus"
    for copy in $(seq 1 "$scale"); do ln -sfn "$data" "$corpus/copy$copy"; done
  fi
  if [ ! -f "idx-x$scale/meta.json" ]; then
    echo "ingesting ${scale}x into $work/idx-x$scale ..."
    "$bin" --index "idx-x$scale" ingest "$corpus" 2>&1 | tail -1
  fi
  indexes+=("idx-x$scale")
done

if [ ! -f queries.jsonl ] || [ ! -f fts.db ]; then
  echo "building the FTS5 database of the same passages (polidex split) and the queries ..."
  "$bin" split "$data" > passages.jsonl
  python3 "$peers" prepare passages.jsonl fts.db queries.jsonl
  rm -f passages.jsonl
fi

echo
echo "== in-process: polidex (release) on each index size"
"$bench" queries.jsonl "${indexes[@]}"
echo
echo "== in-process: SQLite FTS5 (python sqlite3 $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)'))"
python3 "$peers" sqlite fts.db queries.jsonl
echo
echo "== whole process, cold index open included (1x)"
python3 "$peers" whole "$bin" "idx-x1" fts.db queries.jsonl
if [ -n "$static_bin" ]; then
  echo
  echo "== whole process, the statically linked binary (1x)"
  python3 "$peers" whole "$static_bin" "idx-x1" fts.db queries.jsonl
else
  echo "statically linked binary: skipped (STATIC=0, not linux-gnu, or no libc.a)"
fi
echo
echo "== no index: ripgrep over the raw corpus (1x)"
python3 "$peers" rg "$data" queries.jsonl
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
