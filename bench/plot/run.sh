#!/bin/sh
# Drawing speed, finfacts vs matplotlib, side by side in one run:
# ms per chart inside one process, and whole-process time for one chart.
set -eu
cd "$(dirname "$0")/../.."
out=bench/out/plot
mkdir -p "$out"
N=${N:-50}
P=data/prices/9988.HK.csv
F=tests/fixtures/plot/facts.csv
objs=$(ls build/obj/*.o | grep -v '/main\.o$')
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
	$(pkg-config --cflags cairo gsl fontconfig) bench/plot/plot_bench.c $objs \
	$(pkg-config --libs gsl cairo fontconfig libdeflate jansson) -lcsv -lm -lpthread -o "$out/plot_bench"

"$out/plot_bench" "$P" "$F" "$out" "$N" >"$out/inproc.csv"
/usr/bin/python3 bench/plot/plot_mpl.py "$P" "$out" "$((N / 5))" >>"$out/inproc.csv"

# Whole process, one chart, best of 5.
best() {
	b=999
	for i in 1 2 3 4 5; do
		s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
		t=$(( (e - s) / 1000 ))
		[ "$t" -lt "$b" ] || [ "$b" = 999 ] && b=$t
	done
	echo "$b"
}
ff_us=$(best build/finfacts plot candles "$P" -o "$out/proc_ff.png")
mpl_us=$(best /usr/bin/python3 bench/plot/plot_mpl.py "$P" "$out" 1 candles)

echo "chart,finfacts_ms,matplotlib_ms,ratio"
for k in line candles bars; do
	f=$(grep "^finfacts,$k," "$out/inproc.csv" | cut -d, -f3)
	m=$(grep "^matplotlib,$k," "$out/inproc.csv" | cut -d, -f3)
	awk -v k="$k" -v f="$f" -v m="$m" 'BEGIN{printf "%s (in process),%.2f,%.1f,%.0fx\n", k, f, m, m/f}'
done
awk -v f="$ff_us" -v m="$mpl_us" 'BEGIN{printf "candles (whole process),%.1f,%.0f,%.0fx\n", f/1000, m/1000, m/f}'
