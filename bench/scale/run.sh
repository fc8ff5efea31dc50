#!/bin/sh
# The scaling benchmark (issue 10): extract over a generated JSON Lines
# corpus and stats over many generated price files, whole processes
# timed by /usr/bin/time at -j 1 and -j 2 (this machine's cores), the
# median of RUNS runs, interleaved; peak memory is the largest seen.
#
#   bench/scale/run.sh      (make bench runs it)
#   CORPUS_MB=64 RUNS=1 FILES=50 bench/scale/run.sh     (a quick look)
#
# CORPUS_MB (default 1024): article text in the corpus, in MiB (the file
# is larger by the JSON around it); generated once into bench/out by
# bench/scale/gencorpus.c from data/articles/*.md, the same bytes every
# time.  FILES (default 200) price files of ROWS (default 20000) rows for
# stats, from bench/gen.c.  THREADS (default "1 2") the -j values.
# Writes bench/out/scale.csv and prints a table; -j N is checked to write
# the same bytes as -j 1.
set -eu
cd "$(dirname "$0")/../.."
CORPUS_MB=${CORPUS_MB:-1024}
RUNS=${RUNS:-3}
FILES=${FILES:-200}
ROWS=${ROWS:-20000}
THREADS=${THREADS:-1 2}
OUT=bench/out
FF=build/finfacts
TIME=/usr/bin/time
mkdir -p "$OUT"
[ -x "$FF" ] || { echo "bench: build $FF first (make bench does)" >&2; exit 2; }
[ -x "$TIME" ] || { echo "bench: needs GNU time (scripts/install-deps.sh --peers)" >&2; exit 2; }

CFLAGS="-std=c11 -O2 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -Isrc"
cc $CFLAGS bench/scale/gencorpus.c -o "$OUT/gencorpus"
cc $CFLAGS bench/gen.c src/date.c -o "$OUT/gen" -lm

C=$OUT/corpus.jsonl
stamp="$CORPUS_MB $(cksum <bench/scale/gencorpus.c) $(cat data/articles/*.md | cksum)"
if [ ! -f "$C" ] || [ "$(cat "$OUT/.corpus" 2>/dev/null)" != "$stamp" ]; then
	echo "bench: generating a corpus of $CORPUS_MB MiB of article text into $C" >&2
	"$OUT/gencorpus" "$CORPUS_MB" "$C" data/articles/*.md
	echo "$stamp" >"$OUT/.corpus"
fi
P=$OUT/prices
if [ "$(cat "$OUT/.prices" 2>/dev/null)" != "$FILES $ROWS" ]; then
	echo "bench: generating $FILES price files of $ROWS rows into $P" >&2
	rm -rf "$P"
	mkdir -p "$P"
	"$OUT/gen" "$ROWS" "$P/S0000.csv" "$P/benchmark.csv"
	i=1
	while [ "$i" -lt "$FILES" ]; do
		cp "$P/S0000.csv" "$P/S$(printf %04d $i).csv"
		i=$((i + 1))
	done
	echo "$FILES $ROWS" >"$OUT/.prices"
fi
cbytes=$(wc -c <"$C")
pbytes=$(cat "$P"/S*.csv | wc -c)
records=$(wc -l <"$C")
cat "$C" >/dev/null    # page cache warm for every run alike

# timed NAME OUTFILE CMD...: appends "NAME wall user sys kb" to .runs
timed() {
	name=$1 out=$2
	shift 2
	"$TIME" -f '%e %U %S %M' -o "$OUT/.time" "$@" >"$out" 2>"$OUT/.stderr" || {
		echo "bench: $name failed:" >&2
		cat "$OUT/.stderr" >&2
		exit 1
	}
	echo "$name $(tail -1 "$OUT/.time")" >>"$OUT/.runs"
}

: >"$OUT/.runs"
r=0
while [ "$r" -lt "$RUNS" ]; do
	for j in $THREADS; do
		timed "extract-j$j" "$OUT/facts.j$j.csv" "$FF" extract -j "$j" "$C"
		timed "stats-j$j" "$OUT/stats.j$j.csv" "$FF" stats -j "$j" \
			--benchmark "$P/benchmark.csv" "$P"/S*.csv
	done
	r=$((r + 1))
done
same=yes
for j in $THREADS; do
	cmp -s "$OUT/facts.j1.csv" "$OUT/facts.j$j.csv" || same=NO
	cmp -s "$OUT/stats.j1.csv" "$OUT/stats.j$j.csv" || same=NO
done
facts=$(($(wc -l <"$OUT/facts.j1.csv") - 1))

awk -v cb="$cbytes" -v pb="$pbytes" -v runs="$RUNS" -v recs="$records" \
    -v facts="$facts" -v files="$FILES" -v res="$OUT/scale.csv" '
function median(k,    n, i, j, t, a) {
	n = split(walls[k], a, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 }
	walls[$1] = walls[$1] " " $2
	cpu[$1] += $3 + $4; cnt[$1]++
	if ($5 > kb[$1]) kb[$1] = $5
}
END {
	printf "run,wall_s,cpu_s,peak_rss_kb,mb_per_s,mb_per_cpu_s,speedup\n" > res
	printf "\ncorpus: %.1f MB, %d records, %d facts; stats: %d files, %.1f MB\n", cb / 1e6, recs, facts, files, pb / 1e6
	printf "median of %d runs, page cache warm; MB/cpu-s: MB per second of CPU (user+sys),\n", runs
	printf "what one uncontended core does (the machine is shared: wall times are noisy)\n\n"
	printf "%-11s %8s %8s %9s %8s %9s %8s\n", "run", "wall s", "cpu s", "peak MB", "MB/s", "MB/cpu-s", "speedup"
	for (i = 1; i <= n; i++) {
		k = order[i]; w = median(k); c = cpu[k] / cnt[k]
		base = k; sub(/-j[0-9]+$/, "-j1", base)
		b = median(base)
		bytes = k ~ /^extract/ ? cb : pb
		printf "%s,%.2f,%.2f,%d,%.2f,%.2f,%.2f\n", k, w, c, kb[k], bytes / 1e6 / w, bytes / 1e6 / c, b / w >> res
		printf "%-11s %8.2f %8.2f %9.1f %8.2f %9.2f %7.2fx\n", k, w, c, kb[k] / 1024, bytes / 1e6 / w, bytes / 1e6 / c, b / w
		mbc[k] = bytes / 1e6 / c
	}
	# 100 GB at the per-core rate the threaded run kept (its CPU time
	# includes the cost of threads), on 16 cores, and on 10 such nodes.
	r = ("extract-j2" in mbc) ? mbc["extract-j2"] : mbc["extract-j1"]
	printf "\nprojection, 100 GB = 100000 MB of corpus at %.2f MB per core-second:\n", r
	printf "  16 cores:            100000 / (%.2f x 16) = %.0f s = %.1f min\n", r, 100000 / (r * 16), 100000 / (r * 16) / 60
	printf "  10 nodes x 16 cores: 100000 / (%.2f x 160) = %.0f s = %.1f min (+ the merge)\n", r, 100000 / (r * 160), 100000 / (r * 160) / 60
	printf "  facts to merge: %.0f a MB -> %.0f million for 100 GB\n", facts / (cb / 1e6), facts / (cb / 1e6) * 1e5 / 1e6
}' "$OUT/.runs"
echo "-j N wrote the same bytes as -j 1: $same"
echo "results: $OUT/scale.csv"
[ "$same" = yes ]
