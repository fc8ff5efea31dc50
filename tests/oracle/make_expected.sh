#!/bin/sh
# Rebuilds every expected fact table from its hand-written spec
# (tests/oracle/specs/NAME.csv for data/articles/NAME.md, and
# tests/oracle/specs/x-NAME.csv for tests/fixtures/extract/NAME.*), then
# checks every span.  Run from the repository root.
set -e
for spec in tests/oracle/specs/*.csv; do
	name=$(basename "$spec" .csv)
	case $name in
	x-*)
		name=${name#x-}
		art=$(ls tests/fixtures/extract/"$name".* | grep -v '\.expected\.csv$')
		out=tests/fixtures/extract/$name.expected.csv ;;
	*)
		art=data/articles/$name.md
		out=tests/fixtures/articles/$name.expected.csv ;;
	esac
	/usr/bin/python3 tests/oracle/spans.py "$art" "$spec" > "$out.tmp"
	mv "$out.tmp" "$out"
	/usr/bin/python3 tests/oracle/spans.py --check "$art" "$out"
done
# The data articles copied into the extract fixtures share their tables.
for f in tests/fixtures/extract/*.md; do
	name=$(basename "$f" .md)
	if [ -f data/articles/"$name".md ]; then
		cmp -s "$f" data/articles/"$name".md || { echo "$f differs from data/articles" >&2; exit 1; }
		cp tests/fixtures/articles/"$name".expected.csv tests/fixtures/extract/
	fi
done
echo "expected tables rebuilt and checked"
