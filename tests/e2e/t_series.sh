# finfacts series: the seeds' facts give the implied values of issue 4;
# merging across files, conflicts, order independence, bad input.  The
# expected CSVs are computed by hand in tests/oracle/series_expected.py
# (arithmetic written out in tests/fixtures/series/README.md).
. "$E2E/lib.sh"
S="$FIX/series"
KEY=entity,ticker,scope,measure,period,date

# The seeds' facts: implied previous close 124.3/1.092, implied close,
# give-back, prior revenue 18.51e9/0.89, shares: sum, others, CR3, HHI, gaps.
ff series "$S/seeds.csv" -o "$T/seeds.csv"
assert_rc "series: seeds run" 0
assert_check "series: seeds implied values and bounds" "$T/seeds.csv" \
	"$S/seeds.expected.csv" --key "$KEY" --ignore-extra-columns
assert_grep "series: prev close derivation named" \
	"prev_close = level / (1 + move/100); level: Alibaba price intraday_high = 124.3 HKD eq on 2025-02-13" "$T/seeds.csv"
assert_grep "series: HHI said to be a lower bound with its band" \
	"2023 US merger guidelines band of this bound: unconcentrated" "$T/seeds.csv"

# Closes over a week: trend (scipy's linregress), ytd falling while the
# price rose, ranks contradicting shares, prior shipments.
ff series "$S/week.csv" -o "$T/week.csv"
assert_rc "series: week run" 0
assert_check "series: week trend, ytd check, ranks check" "$T/week.csv" \
	"$S/week.expected.csv" --key "$KEY" --ignore-extra-columns

# Three fact files: one fact told thrice, a conflict, a labelled period
# told on two days.  Compared row by row: the order is part of the contract.
ff series "$S/merge_a.csv" "$S/merge_b.csv" "$S/merge_c.csv" -o "$T/merge.csv"
assert_rc "series: merge run" 0
assert_check "series: merge sources, docs, conflicts" "$T/merge.csv" \
	"$S/merge.expected.csv" --ignore-extra-columns

# Any order of files, any order of rows: the same bytes.
ff series "$S/merge_c.csv" "$S/merge_a.csv" "$S/merge_b.csv"
if cmp -s "$T/out" "$T/merge.csv"; then pass "series: file order"; else fail "series: file order" "output differs"; fi
{ head -n 1 "$S/merge_a.csv"
  for f in merge_b merge_c merge_a; do tail -n +2 "$S/$f.csv"; done | sort -r; } >"$T/shuffled.csv"
ff series "$T/shuffled.csv"
if cmp -s "$T/out" "$T/merge.csv"; then pass "series: row order"; else fail "series: row order" "output differs"; fi
{ head -n 1 "$S/seeds.csv"; tail -n +2 "$S/seeds.csv" | sort; } | "$FF" series - >"$T/out" 2>"$T/err"
if cmp -s "$T/out" "$T/seeds.csv"; then pass "series: stdin, sorted rows"; else fail "series: stdin, sorted rows" "output differs"; fi

# Bad input: file, line and field named; exit 2; no output file.
ff series "$S/seeds.csv" "$S/not_facts.csv" -o "$T/bad.csv"
assert_rc "series: not a fact table exits 2" 2
assert_grep "series: not a fact table named" "not_facts.csv:1: field 'doc': not a fact table: missing column 'doc'" "$T/err"
assert_no_file "series: no output on bad input" "$T/bad.csv"
ff series "$S/bad_value.csv" -o "$T/bad.csv"
assert_rc "series: bad value exits 2" 2
assert_grep "series: bad value line and field" "bad_value.csv:3: field 'value': expected a number, found 'abc'" "$T/err"
assert_no_file "series: no output on bad value" "$T/bad.csv"
ff series "$S/bad_qualifier.csv"
assert_rc "series: bad qualifier exits 2" 2
assert_grep "series: bad qualifier line and field" "bad_qualifier.csv:2: field 'qualifier'" "$T/err"
ff series "$S/missing.csv"
assert_rc "series: missing file exits 2" 2
ff series
assert_rc "series: no input is a usage error" 2
ff series --help
assert_rc "series: --help" 0
assert_grep "series: --help states the bounds convention" '"9.2" is [9.15, 9.25]' "$T/out"
