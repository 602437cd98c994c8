#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, ASan and UBSan in
# build-fuzz and runs each for a while on a copy of its seed corpus
# (fuzz/corpus/<target>/). Prints the executions per target and exits
# non-zero when any target crashed, leaked, hit a sanitizer report or broke
# one of its invariants; the crashing inputs are kept under
# build-fuzz/fuzz-artifacts/.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      (default 30)
#
# Environment: FUZZ_TARGETS (space-separated subset), FUZZ_BUILD_DIR
# (default build-fuzz), FUZZ_JOBS (build jobs, default 2), CXX (default
# clang++-14). Needs clang with its libFuzzer runtime (Debian: clang-14,
# libclang-rt-14-dev) and WordNet (wordnet-base).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2
  exit 2
fi
build="${FUZZ_BUILD_DIR:-build-fuzz}"
jobs="${FUZZ_JOBS:-2}"
cxx="${CXX:-clang++-14}"
all_targets="fuzz_ingest_analysis fuzz_claim_analysis fuzz_key_codec \
fuzz_page_token fuzz_requests"
read -r -a targets <<<"${FUZZ_TARGETS:-$all_targets}"

if ! command -v "$cxx" >/dev/null; then
  echo "fuzz: $cxx not found; install clang-14 and libclang-rt-14-dev" >&2
  exit 2
fi

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER="$cxx" \
  -DFACTCHECK_BUILD_FUZZERS=ON -DFACTCHECK_BUILD_TESTS=OFF \
  -DFACTCHECK_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target "${targets[@]}" -j"$jobs"

artifacts="$build/fuzz-artifacts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
summary=()
for target in "${targets[@]}"; do
  corpus="$work/$target"
  mkdir -p "$corpus" "$artifacts/$target"
  cp fuzz/corpus/"$target"/* "$corpus"/
  log="$artifacts/$target.log"
  echo "== $target: ${seconds}s"
  status=0
  "$build/bin/$target" "$corpus" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target/" >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  if (( status != 0 )); then
    failed+=("$target")
    echo "!! $target failed (exit $status); log: $log; inputs: $artifacts/$target/"
    grep -v '^\[libprotobuf' "$log" | tail -40
  fi
  summary+=("$(printf '%-22s %12s executions %8s/s  %s' "$target" \
    "${execs:-?}" "${rate:-?}" "$( ((status == 0)) && echo ok || echo FAILED)")")
done

echo "== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
if (( ${#failed[@]} > 0 )); then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
