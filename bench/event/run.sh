#!/bin/sh
# bench/event: 1,000 events (bench/event/events.csv, BIDU and JD against
# SPY), a 240-day estimation window (-250:-11) and a -5:5 window.
# finfacts event against the numpy/statsmodels script a user would run
# instead (tests/oracle/event_oracle.py), each timed once as a whole
# process, first writing a row per event and day, then --summary (every
# across-event test).  The two outputs are compared with finfacts check.
set -eu
cd "$(dirname "$0")/../.."
out=bench/out/event
mkdir -p "$out"
args="--prices data/prices --market data/prices/SPY.csv --events bench/event/events.csv"

now() { date +%s.%N; }
for mode in days summary; do
	flag=""
	[ "$mode" = summary ] && flag="--summary"
	t0=$(now)
	# shellcheck disable=SC2086
	build/finfacts event $args $flag -o "$out/finfacts-$mode.csv"
	t1=$(now)
	# shellcheck disable=SC2086
	/usr/bin/python3 tests/oracle/event_oracle.py $args $flag \
		-o "$out/python-$mode.csv"
	t2=$(now)
	build/finfacts check "$out/finfacts-$mode.csv" "$out/python-$mode.csv" \
		--rtol 1e-9 >/dev/null 2>&1
	awk -v m="$mode" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
		printf "event %-8s 1000 events: finfacts %.3f s, numpy/statsmodels %.3f s, %.0fx (outputs agree at rtol 1e-9)\n",
			m, b - a, c - b, (c - b) / (b - a) }'
done
