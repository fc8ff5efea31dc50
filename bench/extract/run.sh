#!/bin/sh
# Extraction speed, finfacts vs Microsoft Recognizers-Text, side by side in
# one run (whole processes, one core): a generated JSON Lines corpus of news
# text (bench/extract/make_corpus.py, fixed seed, templates from the
# project's own articles) at two sizes, to show MB/s and that peak RSS does
# not grow with the corpus; Recognizers-Text (number, percentage, currency)
# on a slice of the same corpus, its start-up timed apart and taken off.
# Results: bench/out/extract/results.csv and a summary on stdout.
set -eu
cd "$(dirname "$0")/../.."
out=bench/out/extract
mkdir -p "$out"
SMALL=${SMALL:-20}     # MB
LARGE=${LARGE:-60}     # MB
SLICE=${SLICE:-150}    # records for Recognizers-Text

[ -x build/finfacts ] || make --no-print-directory build/finfacts
for mb in "$SMALL" "$LARGE"; do
	[ -s "$out/corpus-$mb.jsonl" ] ||
		/usr/bin/python3 bench/extract/make_corpus.py "$mb" "$out/corpus-$mb.jsonl"
done

# Whole-process time of finfacts extract: best of 3 (user+sys CPU seconds,
# the machine is shared) and the peak RSS.
ff_run() {
	best=
	for i in 1 2 3; do
		/usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" \
			build/finfacts extract "$1" -o "$out/facts.csv"
		set -- "$1" $(cat "$out/time.txt")
		cpu=$(echo "$3 $4" | awk '{printf "%.3f", $1 + $2}')
		if [ -z "$best" ] || awk "BEGIN{exit !($cpu < $best)}"; then
			best=$cpu; rss=$5; wall=$2
		fi
		set -- "$1"
	done
	echo "$best $wall $rss"
}

printf 'tool,corpus_mb,records,seconds_cpu,seconds_wall,mb_per_s,peak_rss_kb\n' >"$out/results.csv"
for mb in "$SMALL" "$LARGE"; do
	f="$out/corpus-$mb.jsonl"
	bytes=$(wc -c <"$f")
	recs=$(wc -l <"$f")
	set -- $(ff_run "$f")
	rate=$(awk "BEGIN{printf \"%.2f\", $bytes / 1e6 / $1}")
	printf 'finfacts,%s,%s,%s,%s,%s,%s\n' "$(awk "BEGIN{printf \"%.1f\", $bytes/1e6}")" \
		"$recs" "$1" "$2" "$rate" "$3" >>"$out/results.csv"
	ff_rate=$rate
done

# The floor under any extractor reading JSON Lines with jansson: the same
# corpus read and decoded, nothing extracted (bench/extract/jansson_only.c).
cc -std=c11 -O2 -Wall -Wextra -Werror bench/extract/jansson_only.c \
	$(pkg-config --cflags --libs jansson) -o "$out/jansson_only"
jbest=
for i in 1 2 3; do
	/usr/bin/time -f '%U %S' -o "$out/time.txt" "$out/jansson_only" "$f" >/dev/null
	cpu=$(awk '{printf "%.3f", $1 + $2}' "$out/time.txt")
	if [ -z "$jbest" ] || awk "BEGIN{exit !($cpu < $jbest)}"; then jbest=$cpu; fi
done
jrate=$(awk "BEGIN{printf \"%.2f\", $bytes / 1e6 / $jbest}")
printf 'jansson-only,%s,%s,%s,,%s,\n' "$(awk "BEGIN{printf \"%.1f\", $bytes/1e6}")" \
	"$recs" "$jbest" "$jrate" >>"$out/results.csv"

# Recognizers-Text: npm packages into bench/out (ignored by git).
if [ ! -d "$out/node_modules/@microsoft/recognizers-text-number-with-unit" ]; then
	(cd "$out" && npm install --no-audit --no-fund --silent \
		@microsoft/recognizers-text-number \
		@microsoft/recognizers-text-number-with-unit)
fi
head -n "$SLICE" "$out/corpus-$SMALL.jsonl" >"$out/slice.jsonl"
head -n 1 "$out/corpus-$SMALL.jsonl" >"$out/one.jsonl"
rt() {
	NODE_PATH="$out/node_modules" /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" \
		node bench/extract/recognizers.js "$1" >/dev/null
	awk '{printf "%.3f %s %s", $2 + $3, $1, $4}' "$out/time.txt"
}
set -- $(rt "$out/one.jsonl")
start=$1
set -- $(rt "$out/slice.jsonl")
bytes=$(wc -c <"$out/slice.jsonl")
rt_rate=$(awk "BEGIN{printf \"%.4f\", $bytes / 1e6 / ($1 - $start)}")
printf 'recognizers-text,%s,%s,%s,%s,%s,%s\n' "$(awk "BEGIN{printf \"%.3f\", $bytes/1e6}")" \
	"$SLICE" "$1" "$2" "$rt_rate" "$3" >>"$out/results.csv"

cat "$out/results.csv"
echo "recognizers-text start-up (taken off): ${start} s"
awk "BEGIN{printf \"jansson alone reads %.1f MB/s: at 50 MB/s overall, extraction would have to run at %.0f MB/s\n\", $jrate, ($jrate > 50) ? 1 / (1 / 50 - 1 / $jrate) : -1}"
awk "BEGIN{printf \"ratio finfacts / recognizers-text: %.0fx (targets: finfacts >= 50 MB/s, ratio >= 1000x)\n\", $ff_rate / $rt_rate}"
