#!/bin/sh
# Regenerates tests/fixtures/event/expected/ with the independent oracle
# (numpy/scipy/statsmodels under /usr/bin/python3).  Each line here has a
# twin in tests/e2e/t_event.sh running finfacts with the same options.
set -eu
cd "$(dirname "$0")/../.."
F=tests/fixtures/event
X=$F/expected
O="/usr/bin/python3 tests/oracle/event_oracle.py"
mkdir -p "$X"
one="--prices $F/9988.HK.csv --market $F/^HSI.csv --date 2025-02-13"
$O $one -o "$X/9988-market.csv"
$O $one --summary -o "$X/9988-market-summary.csv"
$O $one --model mean -o "$X/9988-mean.csv"
$O $one --model adjusted --summary -o "$X/9988-adjusted-summary.csv"
$O $one --estimation -120:-4 --window -3:10 -o "$X/9988-windows.csv"
$O --prices $F/9988.HK.csv --market $F/^HSI.csv --date 2025-02-15 \
	-o "$X/9988-weekend.csv"
hk="--prices $F --market $F/^HSI-gap.csv --events $F/events-hk.csv"
$O $hk -o "$X/hk-gap.csv"
$O $hk --summary -o "$X/hk-gap-summary.csv"
us="--prices $F --market $F/SPY.csv --events $F/events-us.csv"
$O $us -o "$X/us.csv"
$O $us --summary -o "$X/us-summary.csv"
$O $us --model adjusted --summary -o "$X/us-adjusted-summary.csv"
