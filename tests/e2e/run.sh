#!/bin/sh
# Runs every tests/e2e/t_*.sh with $FF set to the binary under test.
# Each script prints "PASS name" or "FAIL name: why" per case; a script
# that dies without finishing counts as a failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${FF:?set FF to the finfacts binary}"
export FF
export FIX="$here/../fixtures"
export E2E="$here"
for t in "$here"/t_*.sh; do
	[ -e "$t" ] || continue
	T=$(mktemp -d)
	export T
	if ! sh "$t"; then
		echo "FAIL $(basename "$t"): script exited non-zero"
	fi
	rm -rf "$T"
done
