#!/bin/sh
# The stats benchmark: finfacts, pandas and a bare C floor on the same two
# generated files, side by side, whole processes timed by /usr/bin/time;
# also libcsv alone (bench/csvonly.c), the part of finfacts' time its CSV
# parser takes before any number is converted.
#
#   bench/stats/run.sh      (make bench runs it: installs the peers, builds)
#   ROWS=100000 RUNS=1 bench/stats/run.sh
#
# ROWS (default 1000000) rows in each file; RUNS (default 3) runs of each
# tool, interleaved, the median wall time reported (memory: the largest).
# Writes bench/out/results.csv and prints a table.
set -eu
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
OUT=bench/out
FF=build/finfacts
PY=/usr/bin/python3
TIME=/usr/bin/time
mkdir -p "$OUT"

[ -x "$FF" ] || { echo "bench: build $FF first (make bench does)" >&2; exit 2; }
[ -x "$TIME" ] || { echo "bench: needs GNU time (scripts/install-deps.sh --peers)" >&2; exit 2; }

CFLAGS="-std=c11 -O2 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -Isrc"
cc $CFLAGS bench/gen.c src/date.c -o "$OUT/gen" -lm
cc $CFLAGS bench/floor.c src/date.c src/numparse.c -o "$OUT/floor" -lm
cc $CFLAGS bench/csvonly.c -o "$OUT/csvonly" -lcsv

S=$OUT/series.csv
B=$OUT/benchmark.csv
stamp=$OUT/.rows
# Regenerated when missing, or when ROWS or the generator changed.
if [ ! -f "$S" ] || [ ! -f "$B" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$ROWS" ] ||
	! cmp -s bench/gen.c "$OUT/.gen.c"; then
	echo "bench: generating $ROWS rows into $S and $B" >&2
	"$OUT/gen" "$ROWS" "$S" "$B"
	echo "$ROWS" >"$stamp"
	cp bench/gen.c "$OUT/.gen.c"
fi
bytes=$(($(wc -c <"$S") + $(wc -c <"$B")))
rows=$((2 * ROWS))
cat "$S" "$B" >/dev/null   # all three read from the page cache

# One timed run: tool name, then the command; appends "tool wall user sys kb".
timed() {
	name=$1
	shift
	"$TIME" -f '%e %U %S %M' -o "$OUT/.time" "$@" >"$OUT/.stdout" 2>"$OUT/.stderr" || {
		echo "bench: $name failed:" >&2
		cat "$OUT/.stderr" >&2
		exit 1
	}
	echo "$name $(tail -1 "$OUT/.time")" >>"$OUT/.runs"
}

# Fixed cost of a finfacts process (libraries, buffers) on a 3-row file.
printf 'Date,Open,High,Low,Close\n2024-01-02,1,1,1,1\n2024-01-03,1,1,1,1\n2024-01-04,1,1,1,1\n' >"$OUT/tiny.csv"
"$TIME" -f '%M' -o "$OUT/.time" "$FF" stats "$OUT/tiny.csv" >/dev/null
base_kb=$(tail -1 "$OUT/.time")

: >"$OUT/.runs"
i=0
while [ "$i" -lt "$RUNS" ]; do
	timed finfacts "$FF" stats --benchmark "$B" -o "$OUT/finfacts.csv" "$S"
	timed pandas "$PY" bench/stats_pandas.py "$S" "$B" "$OUT/pandas.csv"
	timed floor "$OUT/floor" "$S" "$B"
	timed libcsv "$OUT/csvonly" "$S" "$B"
	i=$((i + 1))
done

# Same answers?  finfacts check compares every metric.
if "$FF" check --rtol 1e-9 "$OUT/finfacts.csv" "$OUT/pandas.csv" >"$OUT/check.txt" 2>&1; then
	agree="finfacts and pandas agree on every metric (finfacts check --rtol 1e-9)"
else
	agree="finfacts and pandas DISAGREE: see $OUT/check.txt"
fi

awk -v bytes="$bytes" -v rows="$rows" -v base="$base_kb" -v runs="$RUNS" \
    -v res="$OUT/results.csv" '
function median(tool,    n, k, j, t, a) {
	n = split(walls[tool], a, " ")
	for (k = 2; k <= n; k++)        # insertion sort, n is small
		for (j = k; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	walls[$1] = walls[$1] " " $2
	cpu[$1] += $3 + $4; cnt[$1]++
	if ($5 > kb[$1]) kb[$1] = $5
}
END {
	split("finfacts pandas floor libcsv", order, " ")
	for (k = 1; k <= 4; k++) w[order[k]] = median(order[k])
	ff = w["finfacts"]
	printf "tool,wall_s,cpu_s,peak_rss_kb,mb_per_s,bytes_per_row,x_finfacts_wall\n" > res
	printf "\n%d rows in 2 files, %.1f MB; median of %d runs, page cache warm\n\n", rows, bytes / 1e6, runs
	printf "%-9s %8s %8s %10s %8s %10s %12s\n", "tool", "wall s", "cpu s", "peak MB", "MB/s", "B/row", "vs finfacts"
	for (k = 1; k <= 4; k++) {
		t = order[k]
		c = cpu[t] / cnt[t]
		cp[t] = c
		bpr = kb[t] * 1024 / rows
		if (t == "finfacts") bpr = (kb[t] - base) * 1024 / rows
		printf "%s,%.3f,%.3f,%d,%.1f,%.1f,%.2f\n", t, w[t], c, kb[t], bytes / 1e6 / w[t], bpr, w[t] / ff >> res
		printf "%-9s %8.3f %8.3f %10.1f %8.1f %10.1f %11.2fx\n", t, w[t], c, kb[t] / 1024, bytes / 1e6 / w[t], bpr, w[t] / ff
	}
	printf "\nfinfacts vs pandas: %.1fx faster in wall time, %.1fx in CPU time (target >= 10x)\n", w["pandas"] / ff, cp["pandas"] / cp["finfacts"]
	printf "finfacts vs floor:  %.2fx the floor'"'"'s wall time, %.2fx its CPU time (target <= 2x)\n", ff / w["floor"], cp["finfacts"] / cp["floor"]
	printf "libcsv alone:       %.2fx the floor'"'"'s wall time (finfacts must parse with libcsv)\n", w["libcsv"] / w["floor"]
	printf "finfacts memory:    %.1f bytes a row above its %.1f MB fixed cost (target <= 64)\n", (kb["finfacts"] - base) * 1024 / rows, base / 1024
}' "$OUT/.runs"
echo "$agree"
echo "results: $OUT/results.csv"
