#!/usr/bin/env bash
# Crash safety: kills factcheckd with SIGKILL at random moments while
# concurrent clients ingest, restarts it, and checks that every acknowledged
# article is present with all its statements and findable by search, and
# that no article is visible half-ingested (tools/crash_test). Exits non-zero
# on any lost or partial article.
#   scripts/crash-test.sh            # 5 cycles, about a minute (CI)
#   scripts/crash-test.sh 50         # the docs/RELIABILITY.md run
#   scripts/crash-test.sh 20 --seed=7 --clients=16   # more tool flags
# Environment: BUILD_DIR (default build; configured as Release when new),
# JOBS (default 2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cycles="${1:-5}"
shift || true
build="${BUILD_DIR:-$root/build}"
jobs="${JOBS:-2}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
# The tool depends on factcheckd, so this builds both and nothing else.
cmake --build "$build" -j"$jobs" --target factcheck_crash_test
exec "$build/bin/factcheck-crash-test" --cycles="$cycles" "$@"
