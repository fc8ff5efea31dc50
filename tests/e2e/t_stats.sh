# finfacts stats against the pandas/numpy/statsmodels oracle
# (tests/oracle/stats_oracle.py wrote tests/fixtures/stats/expected_*.csv).
. "$E2E/lib.sh"
S=$FIX/stats

# case NAME ARGS...: runs stats -o $T/NAME.csv and checks it at rtol 1e-9.
case_check() {
	name=$1; shift
	ff stats -o "$T/$name.csv" "$@"
	assert_rc "stats $name runs" 0
	assert_check "stats $name = oracle" "$T/$name.csv" \
		"$S/expected_$name.csv" --key series --rtol 1e-9
}

case_check hand --window 5 --benchmark "$S/hand_bench.csv" "$S/hand.csv"
case_check hand_plain --window 5 "$S/hand.csv"
case_check hk --rf 0.03 --benchmark "$S/^HSI.csv" "$S/9988.HK.csv"
case_check hk_log --log --rf 0.03 --benchmark "$S/^HSI.csv" "$S/9988.HK.csv"
case_check us --benchmark "$S/SPY.csv" "$S/AAPL.csv"
case_check us_range --from 2024-01-01 --to 2024-12-31 --confidence 0.99 \
	--window 63 --rf 0.045 --benchmark "$S/SPY.csv" "$S/AAPL.csv" "$S/SPY.csv"

# --long holds the same numbers as the wide row, one metric a line.
ff stats --long --window 5 --benchmark "$S/hand_bench.csv" "$S/hand.csv"
assert_rc "stats --long runs" 0
assert_grep "stats --long header" "series,metric,value" "$T/out"
assert_grep "stats --long beta" "hand,beta,2.09259259259259" "$T/out"
assert_grep "stats --long recovery date" "hand,dd_recovery,2025-01-02" "$T/out"
lines=$(wc -l <"$T/out")
if [ "$lines" -eq 38 ]; then pass "stats --long has 37 metrics"
else fail "stats --long has 37 metrics" "$lines lines"; fi

# --name renames in order; standard input as a price file.
ff stats --name Alibaba --name Apple "$S/9988.HK.csv" "$S/AAPL.csv"
assert_grep "stats --name first" "Alibaba,1323,2020-01-02" "$T/out"
assert_grep "stats --name second" "Apple,365,2023-10-24" "$T/out"
"$FF" stats --window 5 - <"$S/hand.csv" >"$T/stdin.csv" 2>"$T/err"
rc=$?
assert_rc "stats reads stdin" 0
assert_grep "stats stdin series name" "stdin,11,2024-12-23" "$T/stdin.csv"

# --explain states formulas and conventions from the one metric table.
ff stats --explain
assert_rc "stats --explain" 0
assert_grep "explain sortino" "sqrt(mean(min(e, 0)^2)) * sqrt(252)" "$T/out"
assert_grep "explain drawdown sign" "PerformanceAnalytics" "$T/out"
assert_grep "explain alpha" "(1 + a)^252 - 1" "$T/out"
ff stats --help
assert_rc "stats --help" 0
assert_grep "help states 252" "252 trading days" "$T/out"

# Bad usage: exit 2, no output file.
ff stats --confidence 1.5 -o "$T/bad.csv" "$S/hand.csv"
assert_rc "stats bad --confidence exits 2" 2
assert_grep "stats bad --confidence message" "--confidence" "$T/err"
assert_no_file "stats bad --confidence writes nothing" "$T/bad.csv"
ff stats --from 2030-01-01 -o "$T/bad.csv" "$S/hand.csv"
assert_rc "stats empty range exits 2" 2
assert_grep "stats empty range message" "at least 2 prices" "$T/err"
assert_no_file "stats empty range writes nothing" "$T/bad.csv"
ff stats -o "$T/bad.csv"
assert_rc "stats without files exits 2" 2

# Options may follow the files (scripts/run.sh writes them so).
ff stats "$S/hand.csv" --window 5 -o "$T/after.csv"
assert_rc "options after files" 0
assert_check "options after files = oracle" "$T/after.csv" \
	"$S/expected_hand_plain.csv" --key series --rtol 1e-9
