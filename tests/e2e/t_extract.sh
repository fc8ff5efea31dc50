# finfacts extract: every fixture article against its hand-written table
# (rows written by hand in tests/oracle/specs/, spans found by spans.py),
# the seeds' facts from the project's own-words copies, bad input, standard
# input, JSON Lines output and many files in one call.
. "$E2E/lib.sh"
X="$FIX/extract"
A="$FIX/../../data/articles"

# Every data article against its expected table.
for art in "$A"/*.md; do
	n=$(basename "$art" .md)
	ff extract "$art" -o "$T/$n.csv"
	assert_rc "extract: $n runs" 0
	assert_check "extract: $n agrees with its fixture" "$T/$n.csv" \
		"$FIX/articles/$n.expected.csv"
done

# Every extract fixture (the seed copies, the typography, the rules, the
# new house styles ...).  The first seed copy has no date of its own: the
# README reads it with --date 2025-02-13.
for exp in "$X"/*.expected.csv; do
	n=$(basename "$exp" .expected.csv)
	case $n in
	bad-record.skip) continue ;;
	alibaba-apple-ai-deal) opt="--date 2025-02-13" ;;
	*) opt= ;;
	esac
	art=$(ls "$X/$n".* | grep -v '\.expected\.csv$')
	# shellcheck disable=SC2086
	ff extract $opt "$art" -o "$T/x-$n.csv"
	assert_rc "extract: fixture $n runs" 0
	assert_check "extract: fixture $n agrees with its hand-written table" \
		"$T/x-$n.csv" "$exp"
done

# The seeds' facts (issue 3), exactly those and no others: first seed,
# 13 rows (the Alibaba move, high and close, Apple's Greater China sales,
# Canalys' shipments, shares and ranks, the year-to-date gain).
ff extract --date 2025-02-13 "$X/alibaba-apple-ai-deal.md"
n=$(($(wc -l <"$T/out") - 1))
if [ "$n" -eq 13 ]; then pass "extract: seed 1 gives 13 facts"
else fail "extract: seed 1 gives 13 facts" "$n rows"; fi
assert_grep "extract: seed 1 intraday high" \
	",Alibaba,9988.HK,,price,124.3,HKD,eq,intraday_high," "$T/out"
assert_grep "extract: seed 1 Greater China revenue" \
	",Apple,,Greater China,revenue,18510000000,USD,eq,fiscal:FY2025Q1," "$T/out"
ff extract "$X/alibaba-shares-apple-report.md"
assert_grep "extract: seed 2 Baidu fell nearly 3% in Hong Kong" \
	",Baidu,9888.HK,,price_change,-3,pct,lt,day," "$T/out"
ff extract "$X/apple-alibaba-deepseek.md"
n=$(($(wc -l <"$T/out") - 1))
if [ "$n" -eq 1 ]; then pass "extract: seed 3 gives only the 11% decline"
else fail "extract: seed 3 gives only the 11% decline" "$n rows"; fi

# Invalid UTF-8: file and byte offset named, exit 2, no output file left.
ff extract "$X/bad-utf8.txt" -o "$T/bad.csv"
assert_rc "extract: invalid UTF-8 exits 2" 2
assert_grep "extract: invalid UTF-8 names file, line and offset" \
	"bad-utf8.txt:3: invalid UTF-8 at byte offset 92" "$T/err"
assert_no_file "extract: no output after invalid UTF-8" "$T/bad.csv"

# With skip, the other files of the call still give theirs.
ff extract --on-bad-record=skip "$X/bad-utf8.txt" "$A/jd-buyback-jump.md" \
	-o "$T/skip-utf8.csv"
assert_rc "extract: skip goes past a bad file" 0
assert_grep "extract: skip still reports the bad file" "bad-utf8.txt" "$T/err"
assert_check "extract: skip keeps the good file's facts" "$T/skip-utf8.csv" \
	"$FIX/articles/jd-buyback-jump.expected.csv"

# A bad JSON record: line named, exit 2, no output file.
ff extract "$X/bad-record.jsonl" -o "$T/bad.csv"
assert_rc "extract: bad JSON record exits 2" 2
assert_grep "extract: bad JSON record names file and line" \
	"bad-record.jsonl:2: bad JSON record" "$T/err"
assert_no_file "extract: no output after a bad record" "$T/bad.csv"

# --on-bad-record=skip: reported, and lines 1 and 3 are read.
ff extract --on-bad-record=skip "$X/bad-record.jsonl" -o "$T/skip.csv"
assert_rc "extract: skip exits 0" 0
assert_grep "extract: skip reports the bad line" "bad-record.jsonl:2:" "$T/err"
assert_grep "extract: skip counts what it skipped" "skipped 1 bad record" "$T/err"
assert_check "extract: skip keeps what was read" "$T/skip.csv" \
	"$X/bad-record.skip.expected.csv"

# Standard input: plain text (its doc is "stdin")
# and JSON Lines (records keep their ids).
"$FF" extract - <"$X/hk-dateline.txt" >"$T/stdin.csv" 2>"$T/err"
rc=$?
assert_rc "extract: plain text from stdin" 0
{ head -n 1 "$X/hk-dateline.expected.csv"
  tail -n +2 "$X/hk-dateline.expected.csv" | sed "s/^hk-dateline,/stdin,/"; } >"$T/stdin.expected.csv"
assert_check "extract: plain text from stdin agrees" "$T/stdin.csv" "$T/stdin.expected.csv"
"$FF" extract - <"$X/corpus.jsonl" >"$T/stdin.jsonl.csv" 2>"$T/err"
rc=$?
assert_rc "extract: JSON Lines from stdin" 0
assert_check "extract: JSON Lines from stdin agrees" "$T/stdin.jsonl.csv" \
	"$X/corpus.expected.csv"

# --format jsonl: every line parses, and carries the same facts.
ff extract --format jsonl "$X/corpus.jsonl" -o "$T/out.jsonl"
assert_rc "extract: jsonl output" 0
if /usr/bin/python3 - "$T/out.jsonl" "$X/corpus.expected.csv" <<'EOF'
import csv, json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
want = list(csv.DictReader(open(sys.argv[2], encoding='utf-8')))
assert len(rows) == len(want), (len(rows), len(want))
for r, w in zip(rows, want):
    for k in ('doc', 'date', 'entity', 'ticker', 'measure', 'unit', 'period',
              'evidence'):
        assert r[k] == w[k], (k, r[k], w[k])
    assert abs(r['value'] - float(w['value'])) <= 1e-9 * abs(float(w['value']))
    assert r['span_start'] == int(w['span_start'])
EOF
then pass "extract: jsonl output parses and agrees"
else fail "extract: jsonl output parses and agrees" "see above"; fi

# Many files in one call: the documents in the order given.
ff extract "$A/tencent-q4-results.md" "$X/corpus.jsonl" "$A/jd-buyback-jump.md" \
	-o "$T/many.csv"
assert_rc "extract: many files" 0
{ cat "$FIX/articles/tencent-q4-results.expected.csv"
  tail -n +2 "$X/corpus.expected.csv"
  tail -n +2 "$FIX/articles/jd-buyback-jump.expected.csv"; } >"$T/many.expected.csv"
assert_check "extract: many files keep document order" "$T/many.csv" "$T/many.expected.csv"

# Bad usage.
ff extract
assert_rc "extract: no input exits 2" 2
ff extract --format xml "$X/rules.md"
assert_rc "extract: bad --format exits 2" 2
