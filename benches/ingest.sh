#!/usr/bin/env bash
# Ingest benchmark on the White House briefing-room corpus.
# Usage: benches/ingest.sh [DATA_DIR]   (default: ../shared/data/wh-briefings)
# Prints wall time, MB/s, pages/s, peak RSS and index size for a first ingest, a re-ingest
# of the unchanged corpus, and `split` with and without quote attribution.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/wh-briefings}"
if [ ! -d "$data" ]; then
  echo "skip: $data not found (pass the wh-briefings folder as the first argument)"
  exit 0
fi
cargo build --release --quiet
bin=target/release/polidex
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bytes=$(du -sb "$data" | cut -f1)
pages=$(find "$data" -name '*.md' | wc -l)

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || true
  read -r secs rss_kb < "$work/time"
  printf '%-28s %7.2f s  %7.1f MB/s  %8.0f pages/s  peak RSS %5.0f MB\n' "$label" "$secs" \
    "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$(echo "$pages / $secs" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); date: $(date -u +%F)"
echo "corpus:  $data, $pages pages, $((bytes / 1000000)) MB"
measure "ingest (first)" "$bin" --index "$work/idx" ingest "$data"
echo "index size: $(du -sb "$work/idx" | cut -f1 | awk -v b="$bytes" '{printf "%.0f MB (%.2fx input)", $1/1e6, $1/b}')"
measure "ingest (unchanged)" "$bin" --index "$work/idx" ingest "$data"
measure "split" "$bin" split "$data"
measure "split --no-quotes" "$bin" split --no-quotes "$data"

# Attribution cost, counted in instructions (repeatable, unlike wall time on a shared VM):
# one month of briefings, statements and speeches, split with and without quotes.
if command -v valgrind > /dev/null; then
  sample=("$data/press-briefings/2021-03" "$data/press-briefings/2021-04" "$data/statements-releases/2021-03" "$data/speeches-remarks/2021-03")
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" split "$@" 2>&1 > /dev/null | awk '/Collected/{print $NF}'; }
  with=$(count "${sample[@]}")
  without=$(count --no-quotes "${sample[@]}")
  echo "attribution cost (instructions, 257-page sample): $with / $without = $(echo "$with / $without" | bc -l | cut -c1-5)x"
else
  echo "attribution cost: skipped (valgrind not installed)"
fi
