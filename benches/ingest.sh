#!/usr/bin/env bash
# Ingest benchmark on the White House briefing-room corpus (issue #5).
# Usage: benches/ingest.sh [DATA_DIR]   (default: ../shared/data/wh-briefings)
# Environment: RUNS (timed runs per row, default 3; the median is printed with the range),
#              TANTIVY_CLI (path to tantivy-cli's `tantivy` binary; default: `tantivy` on PATH),
#              SKIP_PEERS=1, SKIP_SCALING=1, SKIP_CALLGRIND=1 to leave parts out.
#
# Measures, all in one run on the same documents:
#   - polidex ingest (read + split + tag + index + commit): wall time, MB/s, pages/s, peak RSS,
#     index size relative to the input;
#   - re-ingest of the unchanged corpus, as a share of the first ingest;
#   - scaling: the corpus at 1x, 2x and 4x (copies under new paths, as symlinked folders);
#   - a 100 MB single-line text file (refused by the size limit without being read);
#   - `split` with and without quote attribution;
#   - peers: SQLite FTS5 (Python's sqlite3, paragraphs split at blank lines, one transaction),
#     a bare tantivy program (examples/bare_tantivy.rs: the stack's floor) and tantivy-cli (indexing polidex's own passages, same schema, same thread count),
#     with polidex's time as a ratio of theirs.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/wh-briefings}"
if [ ! -d "$data" ]; then
  echo "skip: $data not found (pass the wh-briefings folder as the first argument)"
  exit 0
fi
data=$(cd "$data" && pwd)
runs=${RUNS:-3}
threads=$(nproc)
cargo build --release --quiet
bin=$PWD/target/release/polidex
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bytes=$(du -sbL "$data" | cut -f1)
pages=$(find -L "$data" -name '*.md' | wc -l)

# time_once LABEL-FILE command...: one run; appends "secs rss_kb" to LABEL-FILE.
time_once() {
  local out=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > "$work/stdout" 2> "$work/stderr" || true
  # GNU time puts "Command exited with non-zero status N" first when the command fails.
  tail -n 1 "$work/time" >> "$out"
}
# report LABEL FILE BYTES PAGES: median wall time (range), MB/s and pages/s at the median,
# median CPU time (user + sys: on a shared machine it moves far less than wall time), max RSS.
report() {
  local label=$1 file=$2 nbytes=$3 npages=$4
  local cpu
  cpu=$(cpu_median "$file")
  sort -n "$file" | awk -v label="$label" -v b="$nbytes" -v p="$npages" -v cpu="$cpu" '
    { t[NR] = $1; if ($2 > rss) rss = $2 }
    END {
      med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%-34s %7.2f s (%.2f-%.2f, %d runs)  %6.1f MB/s  %6.0f pages/s  CPU %6.2f s  peak RSS %4.0f MB\n",
        label, med, t[1], t[NR], NR, b / 1e6 / med, p / med, cpu, rss / 1024
    }'
}
median() { sort -n "$1" | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
cpu_median() { awk '{ print $3 + $4 }' "$1" | sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "machine: $threads cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
echo "date:    $(date -u '+%F %H:%M UTC'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus:  $data, $pages pages, $((bytes / 1000000)) MB; $runs runs per row, warm page cache"
echo

# --- polidex, 1x ---------------------------------------------------------------------------
for _ in $(seq "$runs"); do
  rm -rf "$work/idx"
  time_once "$work/first" "$bin" --index "$work/idx" ingest "$data"
done
report "polidex ingest, first (1x)" "$work/first" "$bytes" "$pages"
passages=$(grep -o '[0-9]* passages in the index' "$work/stderr" | cut -d' ' -f1)
index_bytes=$(du -sb "$work/idx" | cut -f1)
echo "  $passages passages; index $((index_bytes / 1000000)) MB, $(ratio "$index_bytes" "$bytes")x the input"
for _ in $(seq "$runs"); do
  time_once "$work/again" "$bin" --index "$work/idx" ingest "$data"
done
report "polidex ingest, unchanged again" "$work/again" "$bytes" "$pages"
echo "  re-ingest = $(awk -v a="$(median "$work/again")" -v b="$(median "$work/first")" 'BEGIN { printf "%.1f", 100 * a / b }')% of the first ingest (target: under 5%)"

# --- scaling -------------------------------------------------------------------------------
if [ "${SKIP_SCALING:-}" != 1 ]; then
  for factor in 2 4; do
    mkdir -p "$work/x$factor"
    for copy in $(seq "$factor"); do ln -s "$data" "$work/x$factor/copy$copy"; done
    rm -rf "$work/idx$factor"
    time_once "$work/scale$factor" "$bin" --index "$work/idx$factor" ingest "$work/x$factor"
    report "polidex ingest, first (${factor}x)" "$work/scale$factor" $((bytes * factor)) $((pages * factor))
    rm -rf "$work/idx$factor"
  done
  echo "  time per 1x: $(awk -v a="$(median "$work/first")" -v b="$(median "$work/scale2")" -v c="$(median "$work/scale4")" 'BEGIN { printf "%.2f s (1x), %.2f s (2x), %.2f s (4x)", a, b / 2, c / 4 }')"
fi

# --- a 100 MB single-line text file --------------------------------------------------------
mkdir -p "$work/oneline"
head -c 100000000 /dev/zero | tr '\0' 'a' > "$work/oneline/one-line.txt"
time_once "$work/oneline.t" "$bin" --index "$work/idx-oneline" ingest "$work/oneline"
report "100 MB single-line file" "$work/oneline.t" 100000000 1
echo "  $(grep -m1 one-line "$work/stderr" || true)"
rm -rf "$work/oneline" "$work/idx-oneline"

# --- split ---------------------------------------------------------------------------------
time_once "$work/split" "$bin" split "$data"
report "split (1 thread, to /dev/null)" "$work/split" "$bytes" "$pages"
time_once "$work/split-nq" "$bin" split --no-quotes "$data"
report "split --no-quotes" "$work/split-nq" "$bytes" "$pages"

# --- peers ---------------------------------------------------------------------------------
if [ "${SKIP_PEERS:-}" != 1 ]; then
  echo
  polidex_med=$(median "$work/first")
  if python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("create virtual table t using fts5(x)")' 2> /dev/null; then
    for _ in $(seq "$runs"); do
      time_once "$work/sqlite" python3 benches/sqlite_fts5.py "$data" "$work/fts.db"
    done
    report "SQLite FTS5 (read + split + index)" "$work/sqlite" "$bytes" "$pages"
    echo "  $(cat "$work/stdout") paragraphs; database $(( $(du -sb "$work/fts.db" | cut -f1) / 1000000 )) MB"
    echo "  polidex / SQLite FTS5 = $(ratio "$polidex_med" "$(median "$work/sqlite")") wall (target: at most 0.83, i.e. 1.2x faster); CPU $(ratio "$(cpu_median "$work/first")" "$(cpu_median "$work/sqlite")")"
    rm -f "$work/fts.db"
  else
    echo "SQLite FTS5: skipped (python3 with FTS5 not found)"
  fi
  # The floor the issue names: a bare tantivy program (split at blank lines, one stemmed
  # stored field, 1 GB heap, the same thread count), no tagging, no bookkeeping.
  cargo build --release --quiet --example bare_tantivy
  for _ in $(seq "$runs"); do
    rm -rf "$work/bare"
    time_once "$work/bare.t" target/release/examples/bare_tantivy "$data" "$work/bare" "$threads"
  done
  report "bare tantivy (read + split + index)" "$work/bare.t" "$bytes" "$pages"
  echo "  $(cat "$work/stdout") paragraphs; polidex / bare tantivy = $(ratio "$polidex_med" "$(median "$work/bare.t")") wall; CPU $(ratio "$(cpu_median "$work/first")" "$(cpu_median "$work/bare.t")")"
  if [ -s "$work/sqlite" ]; then
    echo "  bare tantivy / SQLite FTS5 = $(ratio "$(median "$work/bare.t")" "$(median "$work/sqlite")") wall (the issue's target for polidex: at most 0.83)"
  fi
  rm -rf "$work/bare"
  tantivy=${TANTIVY_CLI:-$(command -v tantivy || true)}
  if [ -n "$tantivy" ] && [ -x "$tantivy" ]; then
    # polidex's own passages, its schema, the same number of indexing threads.
    "$bin" split "$data" | python3 benches/tantivy_cli_docs.py > "$work/docs.jsonl"
    # An empty index with polidex's schema: the schema from a fresh polidex index.
    mkdir -p "$work/empty" && echo "x" > "$work/empty/x.txt"
    "$bin" --index "$work/schema-idx" ingest "$work/empty" > /dev/null 2>&1
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(json.dumps({"index_settings": m["index_settings"], "segments": [], "schema": m["schema"], "opstamp": 0}))' \
      "$work/schema-idx/meta.json" > "$work/schema.json"
    for _ in $(seq "$runs"); do
      rm -rf "$work/tidx" && mkdir -p "$work/tidx" && cp "$work/schema.json" "$work/tidx/meta.json"
      time_once "$work/tcli" sh -c "\"$tantivy\" index -i \"$work/tidx\" -t $threads < \"$work/docs.jsonl\""
    done
    report "tantivy-cli index ($threads threads)" "$work/tcli" "$bytes" "$pages"
    echo "  input: $(wc -l < "$work/docs.jsonl") passages exported by polidex split; index $(( $(du -sb "$work/tidx" | cut -f1) / 1000000 )) MB; $("$tantivy" --version 2>/dev/null || echo tantivy-cli)"
    echo "  polidex (full pipeline) / tantivy-cli (indexing only) = $(ratio "$polidex_med" "$(median "$work/tcli")") wall (target: at most 1.2); CPU $(ratio "$(cpu_median "$work/first")" "$(cpu_median "$work/tcli")")"
    rm -rf "$work/tidx" "$work/docs.jsonl"
  else
    echo "tantivy-cli: skipped (install it with: CARGO_TARGET_DIR=/tmp/tcli cargo install tantivy-cli; or set TANTIVY_CLI)"
  fi
fi

# --- attribution cost in instructions ------------------------------------------------------
# Counted with callgrind (repeatable, unlike wall time on a shared VM): one month of
# briefings, statements and speeches, split with and without quotes.
if [ "${SKIP_CALLGRIND:-}" != 1 ] && command -v valgrind > /dev/null; then
  sample=("$data/press-briefings/2021-03" "$data/press-briefings/2021-04" "$data/statements-releases/2021-03" "$data/speeches-remarks/2021-03")
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" split "$@" 2>&1 > /dev/null | awk '/Collected/{print $NF}'; }
  with=$(count "${sample[@]}")
  without=$(count --no-quotes "${sample[@]}")
  echo "attribution cost (instructions, 257-page sample): $with / $without = $(ratio "$with" "$without")x"
fi
