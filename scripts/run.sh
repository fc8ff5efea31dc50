#!/bin/sh
# The main job over data/: what `make run` does, step by step.
set -eu
cd "$(dirname "$0")/.."
FF=build/finfacts
mkdir -p out plots
t0=$(date +%s.%N)
step() { printf '%-8s %s\n' "$1" "$2" >&2; }

# -- stats: every price file, against its market's benchmark.
hk=""; us=""
for f in data/prices/*.csv; do
	case "$(basename "$f" .csv)" in
	^HSI|SPY) ;;
	*.HK) hk="$hk $f" ;;
	*) us="$us $f" ;;
	esac
done
# shellcheck disable=SC2086
$FF stats --benchmark 'data/prices/^HSI.csv' $hk -o out/metrics-hk.csv
# shellcheck disable=SC2086
$FF stats --benchmark data/prices/SPY.csv $us -o out/metrics-us.csv
{ cat out/metrics-hk.csv; tail -n +2 out/metrics-us.csv; } >out/metrics.csv.tmp
mv out/metrics.csv.tmp out/metrics.csv
rm -f out/metrics-hk.csv out/metrics-us.csv
step stats "$(($(wc -l <out/metrics.csv) - 1)) series -> out/metrics.csv"

# -- series: the fact table, when extract has written one.
if [ -f out/facts.csv ]; then
	$FF series out/facts.csv -o out/series.csv
	step series "$(($(wc -l <out/series.csv) - 1)) rows -> out/series.csv"
fi

t1=$(date +%s.%N)
step done "in $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s; outputs in out/ and plots/"
