# Bad price input: a clear message naming file, line and field, exit 2,
# and no output file (not even a temporary one).  Then the quirks real
# sources write, which must load.
. "$E2E/lib.sh"
B=$FIX/prices_bad
G=$FIX/prices_ok

# bad CASE EXPECTED-TEXT [stats options]: stats on $B/CASE.csv fails so.
bad() {
	case=$1 want=$2; shift 2
	ff stats "$@" -o "$T/$case.out.csv" "$B/$case.csv"
	assert_rc "bad $case exits 2" 2
	assert_grep "bad $case message" "$want" "$T/err"
	assert_no_file "bad $case leaves no output" "$T/$case.out.csv"
}

bad missing_column "missing_column.csv:1: field 'Low': missing required column 'Low'"
bad bad_number "bad_number.csv:3: field 'Close': expected a number, found '1l.0'"
bad bad_date "bad_date.csv:3: field 'Date': unparsable date '2024-02-30'"
bad out_of_order "out_of_order.csv:4: field 'Date': dates out of order: 2024-01-03 comes after 2024-01-04"
bad repeated_date "repeated_date.csv:4: field 'Date': date 2024-01-03 repeated"
bad high_below_low "high_below_low.csv:3: field 'High': High 9.5 is below Low 10"
bad high_below_open "high_below_open.csv:3: field 'High': High 11.5 is below Open 11.8"
bad high_below_close "high_below_close.csv:3: field 'High': High 11.5 is below Close 11.9"
bad low_above_close "low_above_close.csv:4: field 'Low': Low 11.2 is above Open 11"
bad zero_price "zero_price.csv:3: field 'Close': Close must be a positive finite price, found '0'"
bad negative_price "negative_price.csv:3: field 'Low': Low must be a positive finite price, found '-10'"
bad empty "empty.csv: empty file: expected a header"
bad header_only "header_only.csv: no data rows after the header"
bad ragged "ragged.csv:3: ragged row: 5 fields where the header has 6"
bad null_row "null_row.csv:3: field 'Open': expected a number, found 'null'"
bad null_row "null_row.csv:3: field 'Open'" --on-bad-row=error
# Order errors are never skippable; a file of only bad rows is still bad.
bad out_of_order "out_of_order.csv:4: field 'Date': dates out of order" --on-bad-row=skip
bad null_only "null_only.csv: no valid rows: all 1 data rows were bad" --on-bad-row=skip
# A bad benchmark is as bad as a bad series.
ff stats --benchmark "$B/null_row.csv" -o "$T/bench.out.csv" "$G/crlf.csv"
assert_rc "bad benchmark exits 2" 2
assert_grep "bad benchmark message" "null_row.csv:3: field 'Open'" "$T/err"
assert_no_file "bad benchmark leaves no output" "$T/bench.out.csv"
# One bad file among good ones: nothing written, not even to stdout.
ff stats "$G/crlf.csv" "$B/zero_price.csv"
assert_rc "bad second file exits 2" 2
if [ ! -s "$T/out" ]; then pass "bad second file: empty stdout"
else fail "bad second file: empty stdout" "$(head -c 200 "$T/out")"; fi

# --on-bad-row=skip drops null rows and says which lines.
ff stats --on-bad-row=skip -o "$T/skip.csv" "$B/null_row.csv"
assert_rc "skip null row exits 0" 0
assert_grep "skip null row reported" "null_row.csv: skipped 1 bad row (line 3)" "$T/err"
assert_grep "skip null row: 3 rows remain" "null_row,3,2024-01-02,2024-01-05,10.5,11.8," "$T/skip.csv"
ff stats --on-bad-row skip "$B/null_rows_many.csv"
assert_rc "skip many null rows exits 0" 0
assert_grep "skip many: count and first five lines" "skipped 7 bad rows (lines 3, 4, 5, 6, 7, ...)" "$T/err"
assert_grep "skip many: 3 rows remain" "null_rows_many,3,2024-01-01,2024-01-12," "$T/out"
ff stats --on-bad-row=maybe "$B/null_row.csv"
assert_rc "bad --on-bad-row value exits 2" 2

# Quirks that must load: all hold the same four days (first 10.5, last
# 11.8; the Adj Close file halves them).
for f in crlf bom quoted column_order datetime_zone; do
	ff stats "$G/$f.csv"
	assert_rc "loads $f" 0
	assert_grep "reads $f" "$f,4,2024-01-02,2024-01-05,10.5,11.8,0.12380952380952381," "$T/out"
done
ff stats "$G/slash_dates_adj.csv"
assert_rc "loads slash dates, CRLF, '-' volume" 0
assert_grep "prefers Adj Close" "slash_dates_adj,4,2024-01-02,2024-01-05,5.25,5.9," "$T/out"
