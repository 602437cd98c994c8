#!/usr/bin/env bash
# Builds the tests under a sanitizer and runs every one of them:
#   scripts/sanitizers.sh address   # ASan + UBSan (+ LSan), in build-asan/
#   scripts/sanitizers.sh thread    # TSan, in build-tsan/
# Each test binary runs once with all its ctest tests
# (tests/sanitizers/run_test_binaries.py), not once per test. Exits non-zero
# on a failed or missing test and on any sanitizer report, from the tests or
# the processes they start. Environment: JOBS (default 2), BUILD_DIR (default
# build-asan / build-tsan).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-}"
supp="$root/tests/sanitizers"
case "$mode" in
  address) build="${BUILD_DIR:-$root/build-asan}" ;;
  thread) build="${BUILD_DIR:-$root/build-tsan}" ;;
  *)
    echo "usage: $0 address|thread" >&2
    exit 2
    ;;
esac
jobs="${JOBS:-2}"

start=$(date +%s)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DFACTCHECK_SANITIZE="$mode" -DFACTCHECK_BUILD_TESTS=ON >/dev/null
# Only what the tests run: every *_test target, the binaries the e2e tests
# start, and the tools ctest runs (ctest lists a test whose binary is missing
# as *_NOT_BUILT, and the runner fails on it).
mapfile -t targets < <(cmake --build "$build" --target help |
  sed -n 's/^\.\.\. //p' |
  grep -E '_test$|^factcheckd$|^factcheck_cli$|^factcheck_bad_inputs$')
cmake --build "$build" -j"$jobs" --target "${targets[@]}"
built=$(date +%s)

reports="$build/sanitizer-reports"
rm -rf "$reports" "$build/sanitizer-logs"
mkdir -p "$reports"
if [[ "$mode" == address ]]; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:log_path=$reports/asan"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"
  export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
else
  export TSAN_OPTIONS="suppressions=$supp/tsan.supp:halt_on_error=1:second_deadlock_stack=1:log_path=$reports/tsan"
fi
status=0
python3 "$supp/run_test_binaries.py" --build-dir "$build" \
  --log-dir "$build/sanitizer-logs" --report-dir "$reports" \
  --jobs "$jobs" || status=$?
done_at=$(date +%s)
echo "sanitizers.sh $mode: build $((built - start))s, tests" \
  "$((done_at - built))s, exit status $status"
exit "$status"
