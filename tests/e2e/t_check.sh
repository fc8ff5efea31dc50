# finfacts check: agreement, tolerances, keyed rows, missing and extra rows
# and columns, per-column tolerances, bad input.  Fixtures are written by
# hand in tests/fixtures/check/ (their comments say what differs).
. "$E2E/lib.sh"
C="$FIX/check"

# The report is a CSV; `cell K COLUMN` prints a field of the row of kind K.
field() { # KIND COLUMN-NAME (from $T/out)
	awk -F, -v kind="$1" -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$1 == kind { print $h[col] }' "$T/out"
}
assert_eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}
assert_lines() { # NAME FILE N: FILE has N lines
	n=$(wc -l <"$2" | tr -d ' ')
	assert_eq "$1" "$n" "$3"
}

# A table agrees with itself: exit 0, a report of just its header.
ff check "$C/expected.csv" "$C/expected.csv"
assert_rc "check: self agrees" 0
assert_lines "check: self report is the header only" "$T/out" 1
assert_grep "check: report header" "kind,key,row,actual_line,expected_line,column,actual,expected,abs_diff,rel_diff" "$T/out"
assert_grep "check: summary says agree" "agree: 4 rows, 5 columns, 20 cells" "$T/err"
# More names in one --columns list than the command has arguments: all
# eight are compared, the last one too (an earlier version kept only as
# many names as it had arguments, and missed this difference in h).
printf 'a,b,c,d,e,f,g,h\n1,2,3,4,5,6,7,8\n' >"$T/wide-exp.csv"
printf 'a,b,c,d,e,f,g,h\n1,2,3,4,5,6,7,9\n' >"$T/wide-act.csv"
ff check "$T/wide-act.csv" "$T/wide-exp.csv" --columns a,b,c,d,e,f,g,h
assert_rc "check: eight --columns in one list, h differs" 1
assert_grep "check: the eighth column compared" "value,,1,2,2,h,9,8" "$T/out"

# Rows and columns in another order, numbers spelt otherwise (370.6 for
# 370.60, -7.28e-4 for -0.000728), empty for NaN: agree with --key.
ff check "$C/same_shuffled.csv" "$C/expected.csv" --key date,ticker
assert_rc "check: keyed rows in another order agree" 0
# Without a key the rows pair up by position, and do not agree.
ff check "$C/same_shuffled.csv" "$C/expected.csv"
assert_rc "check: row order pairs rows by position" 1
assert_grep "check: positional diff names row 1" "value,,1,2,2,ticker,MSFT,AAPL,," "$T/out"

# A hair: 185.6400000001 vs 185.64 is |d| = 1e-10, rel 5.4e-13 <= 1e-9.
ff check "$C/hair.csv" "$C/expected.csv"
assert_rc "check: within the default rtol" 0
assert_grep "check: summary reports the largest relative difference" "in 'close'" "$T/err"
# ... but not within rtol 1e-14 (atol 0).
ff check "$C/hair.csv" "$C/expected.csv" --rtol 1e-14
assert_rc "check: beyond rtol 1e-14" 1
assert_eq "check: the hair's column" "$(field value column)" "close"
# ... yet within an absolute 1e-9.
ff check "$C/hair.csv" "$C/expected.csv" --rtol 0 --atol 1e-9
assert_rc "check: within atol 1e-9" 0

# Beyond: 184.26 vs 184.25 (|d| = 0.01, rel 0.01/184.25 = 5.427e-5) and a
# text cell that differs by a comma.
ff check "$C/beyond.csv" "$C/expected.csv" --key date,ticker
assert_rc "check: beyond tolerance exits 1" 1
assert_lines "check: two differing cells" "$T/out" 3
assert_eq "check: key of the differing number" "$(field value key | head -1)" "2024-01-03|AAPL"
assert_grep "check: both values in the report" ",close,184.26,184.25," "$T/out"
abs=$(field value abs_diff | head -1)
rel=$(field value rel_diff | head -1)
assert_eq "check: abs_diff is 0.01" "$(awk -v a="$abs" 'BEGIN { print (a > 0.0099999 && a < 0.0100001) }')" 1
assert_eq "check: rel_diff is 0.01/184.25" "$(awk -v r="$rel" 'BEGIN { print (r > 5.42740e-5 && r < 5.42741e-5) }')" 1
assert_grep "check: text cells compared exactly" 'says ""hi"" twice' "$T/out"
assert_grep "check: summary counts cells" "DIFFER: 2 of 12 cells" "$T/err"
# Per column: close within rtol 1e-4 makes only the text differ.
ff check "$C/beyond.csv" "$C/expected.csv" --key date,ticker --tol close=1e-4
assert_rc "check: --tol close=1e-4 still differs on text" 1
assert_lines "check: --tol leaves one differing cell" "$T/out" 2
ff check "$C/beyond.csv" "$C/expected.csv" --key date,ticker --tol close=0:0.02 --columns close,return
assert_rc "check: --tol close=0:0.02 with --columns agrees" 0
ff check "$C/beyond.csv" "$C/expected.csv" --key date,ticker --tol close=1e-6
assert_rc "check: --tol close=1e-6 differs" 1

# Missing and extra rows and columns.
ff check "$C/rows_cols.csv" "$C/expected.csv" --key date,ticker
assert_rc "check: missing/extra rows and columns exit 1" 1
assert_eq "check: missing row" "$(field missing_row key)" "2024-01-03|MSFT"
assert_eq "check: missing row's line in EXPECTED" "$(field missing_row expected_line)" "5"
assert_eq "check: extra row" "$(field extra_row key)" "2024-01-02|NVDA"
assert_eq "check: extra row's line in ACTUAL" "$(field extra_row actual_line)" "5"
assert_eq "check: missing column" "$(field missing_column column)" "note"
assert_eq "check: extra column" "$(field extra_column column)" "volume"
assert_grep "check: summary counts rows and columns" "1 missing row, 1 extra row, 1 missing column, 1 extra column" "$T/err"
ff check "$C/rows_cols.csv" "$C/expected.csv" --key date,ticker --ignore-extra-columns --ignore-extra-rows --columns date,ticker,close,return
assert_rc "check: ignoring extras, the missing row still differs" 1
assert_lines "check: only the missing row is reported" "$T/out" 2
# Row order: EXPECTED's 4th row is missing at the end, nothing extra.
head -4 "$C/expected.csv" >"$T/first3.csv"
ff check "$T/first3.csv" "$C/expected.csv"
assert_rc "check: a short table differs" 1
assert_eq "check: row-order missing row number" "$(field missing_row row)" "4"

# The report can go to a file (-o), and stdin reads as '-'.
ff check - "$C/expected.csv" --key ticker,date -o "$T/report.csv" <"$C/beyond.csv"
assert_rc "check: stdin and -o" 1
assert_lines "check: -o report" "$T/report.csv" 3

# Bad input: exit 2, file, line and field named, no report file.
ff check "$C/ragged.csv" "$C/expected.csv" -o "$T/bad.csv"
assert_rc "check: ragged row exits 2" 2
assert_grep "check: ragged row names file and line" "ragged.csv:2: ragged row: 4 fields where the header (line 1) has 5" "$T/err"
assert_no_file "check: no report after bad input" "$T/bad.csv"
ff check "$C/expected.csv" "$C/expected.csv" --key date,symbol -o "$T/bad.csv"
assert_rc "check: unknown key column exits 2" 2
assert_grep "check: unknown key names the field" "expected.csv:1: field 'symbol': key column 'symbol' is not in the header" "$T/err"
assert_no_file "check: no report after an unknown key" "$T/bad.csv"
ff check "$C/expected.csv" "$C/expected.csv" --key date,symbol
assert_eq "check: nothing on stdout after an unknown key" "$(wc -c <"$T/out" | tr -d ' ')" 0
ff check "$C/dupkey.csv" "$C/expected.csv" --key date,ticker
assert_rc "check: duplicate key exits 2" 2
assert_grep "check: duplicate key names both lines" "dupkey.csv:4: duplicate key '2024-01-02|AAPL' (first at line 2)" "$T/err"
# Found after differing cells were seen: still no half report on stdout.
assert_eq "check: nothing on stdout after a late duplicate key" "$(wc -c <"$T/out" | tr -d ' ')" 0
ff check "$C/expected.csv" "$C/dupkey.csv" --key date,ticker
assert_rc "check: duplicate key in EXPECTED exits 2" 2
ff check "$C/nonexistent.csv" "$C/expected.csv"
assert_rc "check: unreadable file exits 2" 2
assert_grep "check: unreadable file named" "nonexistent.csv: cannot open" "$T/err"
: >"$T/empty.csv"
ff check "$T/empty.csv" "$C/expected.csv"
assert_rc "check: empty file exits 2" 2
assert_grep "check: empty file named" "empty.csv: empty file" "$T/err"
ff check "$C/expected.csv" "$C/expected.csv" --tol nosuch=1e-3
assert_rc "check: --tol on an unknown column exits 2" 2
ff check "$C/expected.csv" "$C/expected.csv" --rtol -1
assert_rc "check: negative rtol exits 2" 2
ff check "$C/expected.csv"
assert_rc "check: one file is a usage error" 2
ff check --help
assert_rc "check: --help exits 0" 0
assert_grep "check: --help states the rule" "atol + rtol * |expected|" "$T/out"

# Line ends and a BOM do not matter; a quoted cell over two lines moves the
# line numbers the report gives for later rows.
printf '\357\273\277date,ticker,close,return,note\r\n2024-01-02,AAPL,185.64,-0.035837,first day\r\n2024-01-03,AAPL,184.25,-0.007488,\r\n2024-01-02,MSFT,370.87,NaN,"says ""hi"", twice"\r\n2024-01-03,MSFT,370.60,-0.000728,inf\r\n' >"$T/crlf.csv"
ff check "$T/crlf.csv" "$C/expected.csv"
assert_rc "check: CRLF and BOM agree with LF" 0
printf 'date,ticker,close,return,note\n2024-01-02,AAPL,185.64,-0.035837,"first\nday"\n2024-01-03,AAPL,184.26,-0.007488,\n2024-01-02,MSFT,370.87,NaN,"says ""hi"", twice"\n2024-01-03,MSFT,370.60,-0.000728,inf\n' >"$T/multi.csv"
ff check "$T/multi.csv" "$C/expected.csv" --key date,ticker
assert_rc "check: a multi-line cell differs" 1
assert_grep "check: the multi-line cell is reported as written" 'value,2024-01-02|AAPL,1,2,2,note,"first' "$T/out"
assert_grep "check: ... with its second line" 'day",first day,,' "$T/out"
assert_grep "check: the next row's line counts the extra line" "value,2024-01-03|AAPL,2,4,3,close,184.26,184.25" "$T/out"
