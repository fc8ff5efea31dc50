#!/bin/sh
# Drawing speed, finfacts vs matplotlib, side by side in one run:
# ms per chart inside one process, and whole-process time for one chart.
#
# Whole processes are timed by proctime (bench/plot/proctime.c), which
# reads CLOCK_MONOTONIC just before fork and just after wait.  Timing in
# the shell, s=$(date +%s%N); cmd; e=$(date +%s%N), puts the fork and
# exec of the second `date` inside the interval: some 8 ms on this VM,
# about half of what a finfacts chart takes.  Both programs are timed by
# the same helper, best and median of several runs (the machine is
# shared; the best is the least disturbed).
set -eu
cd "$(dirname "$0")/../.."
out=bench/out/plot
mkdir -p "$out"
N=${N:-50}
RUNS_FF=${RUNS_FF:-20}
RUNS_MPL=${RUNS_MPL:-5}
P=data/prices/9988.HK.csv
F=tests/fixtures/plot/facts.csv
make -s build/finfacts build/bench/plot_bench build/bench/proctime

build/bench/plot_bench "$P" "$F" "$out" "$N" >"$out/inproc.csv"
/usr/bin/python3 bench/plot/plot_mpl.py "$P" "$out" "$((N / 5))" >>"$out/inproc.csv"

# The last 260 sessions, as plot_bench and the matplotlib script draw.
from=$(tail -n 260 "$P" | head -n 1 | cut -c1-10)
for k in line candles bars; do
	case $k in
	line) set -- series "$P" --from "$from" ;;
	candles) set -- candles "$P" ;;
	bars) set -- share "$F" ;;
	esac
	build/bench/proctime "$RUNS_FF" build/finfacts plot "$@" -o "$out/proc_ff.png" \
		>"$out/proc_ff_$k.csv"
	build/bench/proctime "$RUNS_MPL" /usr/bin/python3 bench/plot/plot_mpl.py "$P" "$out" 1 "$k" \
		>"$out/proc_mpl_$k.csv"
done

echo "chart,finfacts_ms,matplotlib_ms,ratio"
for k in line candles bars; do
	f=$(grep "^finfacts,$k," "$out/inproc.csv" | cut -d, -f3)
	m=$(grep "^matplotlib,$k," "$out/inproc.csv" | cut -d, -f3)
	awk -v k="$k" -v f="$f" -v m="$m" 'BEGIN{printf "%s (in process),%.2f,%.1f,%.0fx\n", k, f, m, m/f}'
done
for k in line candles bars; do
	# proctime prints best,median,cpu_median (ms).
	awk -F, -v k="$k" -v rf="$RUNS_FF" -v rm="$RUNS_MPL" 'NR == FNR {fb = $1; fm = $2; next}
		{printf "%s (whole process, best of %d/%d),%.1f,%.0f,%.0fx\n", k, rf, rm, fb, $1, $1 / fb
		 printf "%s (whole process, median),%.1f,%.0f,%.0fx\n", k, fm, $2, $2 / fm}' \
		"$out/proc_ff_$k.csv" "$out/proc_mpl_$k.csv"
done
