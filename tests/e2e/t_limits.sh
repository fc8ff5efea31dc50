# Limits: huge or odd inputs either work within the memory DESIGN.md
# allows or fail with a message naming file, line and field, exit 2 and
# no output file; never a crash or a hang.  The inputs are generated here
# (through pipes where the command reads standard input), never committed.
# The two largest cases (20M price rows, 10M fact rows) and the 200 MB
# article run in the plain build only: under ASan they take minutes.
. "$E2E/lib.sh"
export FINFACTS_LEXICON="$E2E/../../data/lexicon.csv"
case "$FF" in */asan/*|*valgrind*) asan=1 ;; *) asan=0 ;; esac

# rss NAME MAX_KB: the peak RSS /usr/bin/time wrote to $T/rss is under MAX_KB.
rss() {
	[ -s "$T/rss" ] || { pass "$1 (peak RSS not measured: no /usr/bin/time)"; return; }
	kb=$(tail -1 "$T/rss")
	if [ "$kb" -le "$2" ]; then pass "$1: peak RSS ${kb} KB <= $2 KB"
	else fail "$1" "peak RSS ${kb} KB > $2 KB"; fi
}
timed() { # COMMAND...: runs it under /usr/bin/time when there is one
	if [ -x /usr/bin/time ]; then /usr/bin/time -f %M -o "$T/rss" "$@"
	else : >"$T/rss"; "$@"; fi
}

# --- A line over 1 MB, a field over 64 KB: work.
awk 'BEGIN { s = "x"; while (length(s) < 1600000) s = s s;
	print "id,text"; print "1," s; print "2,short" }' >"$T/long.csv"
ff check "$T/long.csv" "$T/long.csv"
assert_rc "a 1.6 MB line compares (exit 0)" 0
awk 'BEGIN { s = "y"; while (length(s) < 100000) s = s s;
	print "id,text"; print "1," s "z" }' >"$T/field_a.csv"
awk 'BEGIN { s = "y"; while (length(s) < 100000) s = s s;
	print "id,text"; print "1," s "w" }' >"$T/field_b.csv"
ff check "$T/field_a.csv" "$T/field_b.csv"
assert_rc "a 128 KB field that differs in its last byte: exit 1" 1
# In a price file, the long field is a bad number: named, exit 2, no output.
awk 'BEGIN { s = "x"; while (length(s) < 1600000) s = s s; s = "9" s;
	print "Date,Open,High,Low,Close"; print "2024-01-02,10,11,9," s }' >"$T/longp.csv"
ff stats -o "$T/longp.out" "$T/longp.csv"
assert_rc "price row of 1.6 MB: exit 2" 2
assert_grep "price row of 1.6 MB: file, line, field" "longp.csv:2: field 'Close': expected a number" "$T/err"
assert_no_file "price row of 1.6 MB: no output" "$T/longp.out"

# --- NUL bytes.
printf 'Date,Open,High,Low,Close\n2024-01-02,10,11,9,10\n2024-01-03,10,11,9,1\0000\n' >"$T/nul.csv"
ff stats -o "$T/nul.out" "$T/nul.csv"
assert_rc "NUL in a price: exit 2" 2
assert_grep "NUL in a price: named" "nul.csv:3: field 'Close': expected a number, found a NUL byte" "$T/err"
assert_no_file "NUL in a price: no output" "$T/nul.out"
printf 'Alibaba shares rose 5%% on Friday.\000 Tencent fell 3%% on Monday.\n' >"$T/nul.txt"
ff extract --date 2025-02-13 "$T/nul.txt"
assert_rc "NUL in an article: read as text (exit 0)" 0
assert_grep "NUL in an article: the facts around it" "Tencent,0700.HK,,price_change,-3" "$T/out"
printf '{"id":"a","text":"rose 5%% \\u0000 x"}\n{"id":"b","text":"Alibaba shares rose 5%% on Friday."}\n' >"$T/nul.jsonl"
ff extract --date 2025-02-13 -o "$T/nul.out" "$T/nul.jsonl"
assert_rc "NUL in a JSON record: exit 2" 2
assert_grep "NUL in a JSON record: file, line" "nul.jsonl:1: bad JSON record at column" "$T/err"
assert_no_file "NUL in a JSON record: no output" "$T/nul.out"
ff extract --on-bad-record=skip --date 2025-02-13 "$T/nul.jsonl"
assert_rc "NUL in a JSON record, skip: exit 0" 0
assert_grep "NUL in a JSON record, skip: next record read" "b,2025-02-07,Alibaba" "$T/out"

# --- Invalid UTF-8.
printf 'Alibaba shares rose 5%% on Friday.\nTencent \377\376 fell.\n' >"$T/bad.txt"
ff extract -o "$T/bad.out" "$T/bad.txt"
assert_rc "invalid UTF-8 in an article: exit 2" 2
assert_grep "invalid UTF-8: file, line, offset" "bad.txt:2: invalid UTF-8 at byte offset 42" "$T/err"
assert_no_file "invalid UTF-8: no output" "$T/bad.out"
printf 'id,text\n1,caf\351\n' >"$T/latin1.csv"
ff check "$T/latin1.csv" "$T/latin1.csv"
assert_rc "invalid UTF-8 in a CSV cell: compared as bytes (exit 0)" 0

# --- A "sentence" of 74 KB with no full stop (a table, a crawl): read in
# pieces at its commas, every fact kept: 2,000 times two moves is 4,000
# rows.  With no comma either, a piece ends where the token array (1,024)
# fills: 2,000 x 9 tokens is about 18 cuts, each of which may part at
# most one move from its subject or number, so at least 3,982 rows.
# long_sentence NAME SEPARATOR MIN: 2,000 repeats of the two moves joined
# by SEPARATOR, in one sentence, give at least MIN price facts.
long_sentence() {
	awk -v sep="$2" 'BEGIN { for (i = 0; i < 2000; i++)
		printf "Alibaba rose 5%% and Tencent fell 3%%%s ", sep; print "" }' >"$T/long.txt"
	ff extract --date 2025-02-13 "$T/long.txt"
	assert_rc "$1: exit 0" 0
	n=$(grep -c "price_change" "$T/out")
	if [ "$n" -ge "$3" ] && [ "$n" -le 4000 ]; then pass "$1: $n of 4,000 facts"
	else fail "$1: at least $3 of 4,000 facts" "$n rows"; fi
}
long_sentence "a 74 KB sentence" "," 4000
long_sentence "a 72 KB sentence without commas" "" 3982

# --- A JSON Lines record nested 10,000 deep: jansson stops at depth 2048.
awk 'BEGIN { s = ""; for (i = 0; i < 10000; i++) s = s "[";
	t = ""; for (i = 0; i < 10000; i++) t = t "]";
	print "{\"id\": \"deep\", \"text\": " s t "}";
	print "{\"id\": \"ok\", \"text\": \"Alibaba shares rose 5% on Friday.\"}" }' >"$T/deep.jsonl"
ff extract --date 2025-02-13 -o "$T/deep.out" "$T/deep.jsonl"
assert_rc "JSON nested 10,000 deep: exit 2" 2
assert_grep "JSON nested 10,000 deep: file, line, why" "deep.jsonl:1: bad JSON record at column 2071: maximum parsing depth reached" "$T/err"
assert_no_file "JSON nested 10,000 deep: no output" "$T/deep.out"
ff extract --on-bad-record=skip --date 2025-02-13 "$T/deep.jsonl"
assert_rc "JSON nested 10,000 deep, skip: exit 0" 0
assert_grep "JSON nested 10,000 deep, skip: next record read" "ok,2025-02-07,Alibaba" "$T/out"

if [ "$asan" = 1 ]; then
	echo "PASS limits: 200 MB article, 20M price rows, 10M fact rows: run in the plain build only (tested there)"
	exit 0
fi

# --- A 200 MB article (through a pipe): works; one article in memory, its
# text, normalised copy and byte map: about 6 bytes an article byte.
body=$(sed '1,/^---$/d' "$E2E/../../data/articles/alibaba-hk-best-day.md")
printf '%s\n\n' "$body" >"$T/piece.txt"
# Doubled up to 2 MiB, then 100 copies down the pipe: 200 MiB.
while [ "$(wc -c <"$T/piece.txt")" -lt 2097152 ]; do
	cat "$T/piece.txt" "$T/piece.txt" >"$T/piece2.txt"
	mv "$T/piece2.txt" "$T/piece.txt"
done
head -c 2097152 "$T/piece.txt" >"$T/block.txt"
i=0
while [ $i -lt 100 ]; do cat "$T/block.txt"; i=$((i + 1)); done |
	timed "$FF" extract --date 2025-02-13 - >"$T/out" 2>"$T/err"
rc=$?
assert_rc "200 MB article: exit 0" 0
rows=$(wc -l <"$T/out")
if [ "$rows" -gt 1000000 ]; then pass "200 MB article: $rows fact rows"
else fail "200 MB article: facts" "$rows rows"; fi
rss "200 MB article: memory bound (8 bytes an input byte)" 1638400

# --- A price file of 20 million rows.  Calendar dates run out at 9999-12-31
# (3,359,664 rows of the 28 first days of each month here); the rows after
# are bad dates.  With --on-bad-row=skip every row is read and the first
# 3.36M kept; DESIGN.md allows 64 bytes a row of the 20M: 1.28 GB.
gen20m() {
	awk 'BEGIN { print "Date,Open,High,Low,Close,Adj Close,Volume"; n = 0;
		for (y = 1; y <= 9999; y++) for (m = 1; m <= 12; m++) for (d = 1; d <= 28; d++) {
			printf "%04d-%02d-%02d,10.5,11,10,10.75,10.7,1000\n", y, m, d; n++ }
		while (n < 20000000) { print "99999-01-01,10.5,11,10,10.75,10.7,1000"; n++ } }'
}
gen20m | timed "$FF" stats --on-bad-row=skip - >"$T/out" 2>"$T/err"
rc=$?
assert_rc "20M price rows, skip: exit 0" 0
assert_grep "20M price rows: 3,359,664 kept" "stdin,3359664,0001-01-01,9999-12-28" "$T/out"
assert_grep "20M price rows: the skipped rows counted" "skipped 16640336 bad rows" "$T/err"
rss "20M price rows: within 64 bytes a row" 1250000
gen20m | "$FF" stats -o "$T/p20.out" - >"$T/out" 2>"$T/err"
rc=$?
assert_rc "20M price rows, default: exit 2" 2
assert_grep "20M price rows, default: the first bad row named" "-:3359666: field 'Date': unparsable date '99999-01-01'" "$T/err"
assert_no_file "20M price rows, default: no output" "$T/p20.out"

# --- A fact table of 10 million rows: check streams it (a few MB whatever
# the size); series and verify hold it (about 170 bytes a row, README).
awk 'BEGIN { print "doc,date,entity,ticker,scope,measure,value,unit,qualifier,period,attribution,span_start,span_end,evidence";
	for (i = 0; i < 10000000; i++)
		printf "d%d,2025-02-13,Alibaba,BABA,,close,%d.5,pct,,,,%d,%d,Alibaba rose %d.5%%\n", i % 1000, i % 90, i, i + 5, i % 90 }' >"$T/f10m.csv"
timed "$FF" check "$T/f10m.csv" "$T/f10m.csv" >"$T/out" 2>"$T/err"
rc=$?
assert_rc "10M fact rows: check agrees (exit 0)" 0
assert_grep "10M fact rows: every row compared" "agree: 10000000 rows" "$T/err"
rss "10M fact rows: check streams (under 64 MB)" 65536
rm -f "$T/f10m.csv"
