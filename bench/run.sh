#!/bin/sh
# make bench: every bench/*/run.sh, one after the other (never in parallel:
# the timings are whole processes on a shared machine).
set -eu
cd "$(dirname "$0")/.."
for b in bench/*/run.sh; do
	sh "$b"
done
