#!/bin/sh
# Runs the unit tests (Criterion) and the end-to-end tests, first on the
# normal build and then under AddressSanitizer + UndefinedBehaviorSanitizer
# (LeakSanitizer included), and ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0

unit() { # FLAVOUR_DIR
	log=$(mktemp)
	"$1/unit_tests" --jobs 2 >"$log" 2>&1
	rc=$?
	grep -E "^\[----\]|^\[FAIL\]|Synthesis|ERROR|runtime error" "$log" | tail -40
	syn=$(grep "Synthesis" "$log" | tail -1)
	p=$(echo "$syn" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
	f=$(echo "$syn" | sed -n 's/.*Failing: \([0-9]*\).*Crashing: \([0-9]*\).*/\1 \2/p')
	if [ -z "$p" ]; then
		echo "unit tests in $1 did not finish (exit $rc):"; tail -20 "$log"
		failed=$((failed + 1))
	else
		set -- $f
		passed=$((passed + p))
		failed=$((failed + $1 + $2))
		[ "$rc" -ne 0 ] && [ $(($1 + $2)) -eq 0 ] && failed=$((failed + 1))
	fi
	# Criterion counts a test whose child exits after a sanitizer report as
	# passed; a report anywhere in the log is a failure of its own.
	if grep -qE "ERROR: (LeakSanitizer|AddressSanitizer)|runtime error" "$log"; then
		echo "unit tests in $1: sanitizer report(s) above"
		failed=$((failed + 1))
	fi
	rm -f "$log"
}

# tally LOG LABEL: the FAIL lines of LOG, its counts, added to the totals.
tally() {
	grep -E "^FAIL|^ERROR" "$1"
	p=$(grep -c "^PASS" "$1")
	f=$(grep -c "^FAIL" "$1")
	echo "$2: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
	rm -f "$1"
}

e2e() { # FLAVOUR_DIR LABEL
	log=$(mktemp)
	FF="$PWD/$1/finfacts" tests/e2e/run.sh >"$log" 2>&1
	tally "$log" "e2e ($2)"
}

# Every fuzz harness over its committed corpus, then a few seconds of new
# inputs: a regression of a bug fuzzing once found fails here.
fuzz() {
	log=$(mktemp)
	names=$(ls tests/fuzz/*.c | sed 's|.*/||; s|\.c$||')
	# shellcheck disable=SC2086
	tests/fuzz/run.sh regress 3 $names >"$log" 2>&1
	tally "$log" "fuzz regression"
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

echo "== unit tests"
unit build
e2e build plain
echo "== unit tests under ASan+UBSan"
unit build/asan
e2e build/asan "ASan+UBSan"
echo "== fuzz regression (libFuzzer, ASan+UBSan)"
fuzz
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
