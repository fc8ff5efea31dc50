#!/bin/sh
# Runs the libFuzzer harnesses of build/fuzz/, one at a time and niced
# (a fuzzer keeps a core busy).
#   tests/fuzz/run.sh regress SECONDS NAME...   every committed input of
#       tests/fuzz/corpus/NAME, then SECONDS of new inputs; one PASS/FAIL
#       line each (tests/run-all.sh counts them)
#   tests/fuzz/run.sh long SECONDS NAME...      SECONDS of fuzzing each,
#       growing build/fuzz/work/NAME (seeded from the committed corpus);
#       prints executions and time per harness; with FUZZ_RUNS=N set,
#       each stops after N executions if that comes first
# Anything found (crash, leak, timeout, sanitizer report) is saved as
# build/fuzz/artifacts/NAME-*; it belongs in tests/fuzz/corpus/NAME once
# fixed, so that it is rerun from then on.
set -u
cd "$(dirname "$0")/../.."
mode=$1 secs=$2
shift 2

# Inputs longer than this teach little and cost time; extraction works
# sentence by sentence, a price row is short.
max_len() {
	case $1 in
	date) echo 64 ;;
	extract) echo 512 ;;
	*) echo 4096 ;;
	esac
}

# A smaller quarantine and no malloc fill: twice the executions a second,
# and every out-of-bounds access is still caught.
ASAN_OPTIONS="max_malloc_fill_size=0:quarantine_size_mb=16:malloc_context_size=8${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS
mkdir -p build/fuzz/artifacts build/fuzz/work
status=0
for n in "$@"; do
	bin=build/fuzz/$n corpus=tests/fuzz/corpus/$n
	log=build/fuzz/$n.log
	common="-max_len=$(max_len "$n") -timeout=10 -rss_limit_mb=2048 \
-artifact_prefix=build/fuzz/artifacts/$n- -print_final_stats=1"
	if [ "$mode" = regress ]; then
		# The committed corpus itself: every input must pass.
		# shellcheck disable=SC2086
		if nice -n 10 "$bin" $common -runs=0 "$corpus" >"$log" 2>&1; then
			echo "PASS fuzz $n: $(ls "$corpus" | wc -l) corpus inputs"
		else
			echo "FAIL fuzz $n corpus: $(grep -m1 -E "ERROR|runtime error|Assertion|abort" "$log")"
			status=1
			continue
		fi
		scratch=$(mktemp -d)
		cp "$corpus"/* "$scratch"/ 2>/dev/null
		# shellcheck disable=SC2086
		if nice -n 10 "$bin" $common -max_total_time="$secs" "$scratch" >"$log" 2>&1; then
			echo "PASS fuzz $n: ${secs}s beyond the corpus, $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") runs"
		else
			echo "FAIL fuzz $n beyond the corpus: $(grep -m1 -E "ERROR|runtime error|Assertion|abort" "$log") (see $log)"
			status=1
		fi
		rm -rf "$scratch"
	else
		work=build/fuzz/work/$n
		mkdir -p "$work"
		cp -n "$corpus"/* "$work"/ 2>/dev/null
		start=$(date +%s)
		# shellcheck disable=SC2086
		nice -n 10 "$bin" $common -max_total_time="$secs" \
			${FUZZ_RUNS:+-runs=$FUZZ_RUNS} "$work" >"$log" 2>&1
		rc=$?
		end=$(date +%s)
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "fuzz $n: ${execs:-?} executions in $((end - start)) s, exit $rc, corpus $(ls "$work" | wc -l) inputs (log: $log)"
		[ "$rc" -eq 0 ] || status=1
	fi
done
exit $status
