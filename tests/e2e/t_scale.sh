# finfacts extract -j and stats -j: the same bytes, messages and exit
# status as one thread, on many files and on a JSON Lines corpus cut into
# pieces; and the cluster contract of README's "Scaling": shards of a
# corpus extracted by separate processes and merged by series give what
# one process over the whole corpus gives.
. "$E2E/lib.sh"
X="$FIX/extract"
ARTS="$E2E/../../data/articles"

# same NAME FILE...: every FILE has the bytes of the first.
same() {
	name=$1; first=$2; shift 2
	for f in "$@"; do
		if ! cmp -s "$first" "$f"; then
			fail "$name" "$(basename "$f") differs from $(basename "$first")"
			return
		fi
	done
	pass "$name"
}

# Many files of every kind (Markdown, text, JSON Lines), in one run.
FILES="$ARTS/*.md $X/*.md $X/hk-dateline.txt $X/corpus.jsonl"
for j in 1 2 4; do
	"$FF" extract -j $j $FILES >"$T/files.$j" 2>"$T/files.$j.err"
	echo $? >"$T/files.$j.rc"
done
same "scale: files -j 1/2/4 same facts" "$T/files.1" "$T/files.2" "$T/files.4"
same "scale: files -j 1/2/4 same status" "$T/files.1.rc" "$T/files.2.rc" "$T/files.4.rc"
rows=$(wc -l <"$T/files.1")
if [ "$rows" -gt 200 ]; then pass "scale: files give facts"; else fail "scale: files give facts" "$rows lines"; fi

# A corpus: every article above as a record, 40 times over (about 1.7 MB,
# seven pieces of 256 KiB), with unique ids.
awk -v reps=40 '
function esc(s) {
	gsub(/\\/, "&&", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s)
	gsub(/\r/, "", s)
	return s
}
FNR == 1 {
	if (name != "") art[n++] = name SUBSEP date SUBSEP body
	name = FILENAME; sub(/.*\//, "", name); sub(/\.md$/, "", name)
	date = "2025-01-01"; body = ""; fm = 0
}
FNR == 1 && $0 == "---" { fm = 1; next }
fm && $0 == "---" { fm = 0; next }
fm { if ($1 == "date:") { date = $2; gsub(/"/, "", date) }; next }
{ body = body esc($0) "\\n" }
END {
	art[n++] = name SUBSEP date SUBSEP body
	for (r = 0; r < reps; r++)
		for (k = 0; k < n; k++) {
			split(art[k], a, SUBSEP)
			printf "{\"id\": \"%s-%d\", \"date\": \"%s\", \"title\": \"t\", \"text\": \"%s\"}\n", a[1], r, a[2], a[3]
		}
}' "$ARTS"/*.md "$X"/*.md >"$T/corpus.jsonl"
size=$(wc -c <"$T/corpus.jsonl")
if [ "$size" -gt 1000000 ]; then pass "scale: corpus spans pieces"; else fail "scale: corpus spans pieces" "$size bytes"; fi
for j in 1 2 4; do
	"$FF" extract -j $j "$T/corpus.jsonl" >"$T/c.$j" 2>"$T/c.$j.err"
	echo $? >"$T/c.$j.rc"
done
same "scale: corpus -j 1/2/4 same facts" "$T/c.1" "$T/c.2" "$T/c.4"
assert_grep "scale: corpus ids reach the last repeat" "alibaba-apple-ai-deal-39," "$T/c.1"
"$FF" extract -j 2 --format jsonl - <"$T/corpus.jsonl" >"$T/cj.2" 2>/dev/null
"$FF" extract -j 1 --format jsonl - <"$T/corpus.jsonl" >"$T/cj.1" 2>/dev/null
same "scale: corpus on stdin, jsonl out, -j 1/2" "$T/cj.1" "$T/cj.2"

# A bad record in the middle (line 700 of 1,400-odd): error stops there,
# skip reports it; -j N says the same as -j 1.
lines=$(wc -l <"$T/corpus.jsonl")
mid=$((lines / 2))
{ head -n $((mid - 1)) "$T/corpus.jsonl"; echo '{"id": "broken", "text": "cut off'
  tail -n +$mid "$T/corpus.jsonl"; echo '[1, 2]'; } >"$T/bad.jsonl"
for mode in error skip; do
	for j in 1 2 4; do
		"$FF" extract -j $j --on-bad-record=$mode "$T/bad.jsonl" "$ARTS/deepseek-shock.md" \
			>"$T/b.$mode.$j" 2>"$T/b.$mode.$j.err"
		echo $? >"$T/b.$mode.$j.rc"
	done
	same "scale: bad record, $mode, same facts" "$T/b.$mode.1" "$T/b.$mode.2" "$T/b.$mode.4"
	same "scale: bad record, $mode, same messages" "$T/b.$mode.1.err" "$T/b.$mode.2.err" "$T/b.$mode.4.err"
	same "scale: bad record, $mode, same status" "$T/b.$mode.1.rc" "$T/b.$mode.2.rc" "$T/b.$mode.4.rc"
done
assert_grep "scale: error names the bad line" "bad.jsonl:$mid: bad JSON record" "$T/b.error.1.err"
head -n $((mid - 1)) "$T/corpus.jsonl" >"$T/head.jsonl"
"$FF" extract -j 1 "$T/head.jsonl" >"$T/head.facts" 2>/dev/null
same "scale: error mode writes the facts before the bad record, nothing after" \
	"$T/head.facts" "$T/b.error.4"
assert_grep "scale: skip counts both bad records" "skipped 2 bad records" "$T/b.skip.4.err"
assert_grep "scale: skip goes on to the next file" "deepseek-shock" "$T/b.skip.4"

# The cluster contract: shards extracted by separate processes reading
# standard input (as Hadoop Streaming and Spark's RDD.pipe run it), in
# shuffled order, merged by series in two orders = one process.
"$FF" series "$T/c.1" >"$T/whole.series" 2>"$T/err"
split -l 97 "$T/corpus.jsonl" "$T/shard."
nshards=$(ls "$T"/shard.* | wc -l)
for s in $(ls "$T"/shard.* | sort -r); do
	"$FF" extract -j 1 - <"$s" >"$s.facts" 2>>"$T/shard.err" &
done
wait
"$FF" series $(ls "$T"/shard.*.facts) >"$T/merged.a" 2>>"$T/err"
"$FF" series $(ls "$T"/shard.*.facts | sort -r) >"$T/merged.b" 2>>"$T/err"
if [ "$nshards" -gt 10 ]; then pass "scale: corpus split into $nshards shards"; else fail "scale: shards" "$nshards"; fi
assert_check "scale: shards merged = one process" "$T/merged.a" "$T/whole.series"
assert_check "scale: shards merged in reverse = one process" "$T/merged.b" "$T/whole.series"
same "scale: merge order does not change the bytes" "$T/merged.a" "$T/merged.b"
cat "$T"/shard.*.facts | grep -v '^doc,' | sort >"$T/shards.sorted"
tail -n +2 "$T/c.1" | sort >"$T/whole.sorted"
same "scale: shards give the same fact rows" "$T/whole.sorted" "$T/shards.sorted"

# stats -j over many price files, with a benchmark and a bad row skipped.
P="$E2E/../../data/prices"
for j in 1 2 4; do
	"$FF" stats -j $j --benchmark "$P/SPY.csv" "$P"/*.csv "$FIX"/prices_ok/*.csv \
		>"$T/s.$j" 2>"$T/s.$j.err"
	echo $? >"$T/s.$j.rc"
done
same "scale: stats -j 1/2/4 same rows" "$T/s.1" "$T/s.2" "$T/s.4"
same "scale: stats -j 1/2/4 same messages" "$T/s.1.err" "$T/s.2.err" "$T/s.4.err"
same "scale: stats -j 1/2/4 same status" "$T/s.1.rc" "$T/s.2.rc" "$T/s.4.rc"
for j in 1 4; do
	"$FF" stats -j $j "$P/AAPL.csv" "$FIX"/prices_bad/*.csv "$P/MSFT.csv" >"$T/sb.$j" 2>"$T/sb.$j.err"
	echo $? >"$T/sb.$j.rc"
done
same "scale: stats bad file, same message" "$T/sb.1.err" "$T/sb.4.err"
same "scale: stats bad file, same status" "$T/sb.1.rc" "$T/sb.4.rc"
# One price file of about 10 MB, which -j 2 and -j 4 cut into pieces read
# at once: the same rows, and a bad row near the end named on its line.
awk 'BEGIN {
	print "Date,Open,High,Low,Close,Adj Close,Volume"
	for (i = 0; i < 200000; i++)
		printf "%04d-%02d-%02d,%.2f,%.2f,%.2f,%.2f,%.4f,%d\n", 1900 + int(i / 336),
			1 + int(i % 336 / 28), 1 + i % 28, 100 + i % 37, 102 + i % 37,
			99 + i % 37, 101 + i % 37, 50.5 + i % 41 / 3, 1000 + i
}' >"$T/big.csv"
sed '199990s/,1[0-9][0-9]\.00,/,null,/' "$T/big.csv" >"$T/bigbad.csv"
for j in 1 2 4; do
	"$FF" stats -j $j --benchmark "$T/big.csv" "$T/big.csv" >"$T/big.$j" 2>&1
	for mode in error skip; do
		"$FF" stats -j $j --on-bad-row=$mode "$T/bigbad.csv" >"$T/bb.$mode.$j" 2>&1
		echo $? >>"$T/bb.$mode.$j"
	done
done
same "scale: a cut price file, -j 1/2/4 same rows" "$T/big.1" "$T/big.2" "$T/big.4"
assert_grep "scale: a cut price file reads every row" "big,big,200000,1900-01-01,2495-03-24," "$T/big.1"
for mode in error skip; do
	same "scale: a cut price file's bad row, $mode, same output" \
		"$T/bb.$mode.1" "$T/bb.$mode.2" "$T/bb.$mode.4"
done
assert_grep "scale: a cut price file's bad row is named on its line" \
	"bigbad.csv:199990: field 'Open': expected a number, found 'null'" "$T/bb.error.4"
assert_grep "scale: skipping it names the line" "skipped 1 bad row (line 199990)" "$T/bb.skip.4"
ff extract -j 0 "$X/rules.md"
assert_rc "scale: -j 0 is bad usage" 2
ff stats -j x "$P/AAPL.csv"
assert_rc "scale: stats -j x is bad usage" 2
