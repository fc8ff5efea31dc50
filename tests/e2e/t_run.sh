# finfacts run: a small data folder end to end, every output compared with
# an expected table made outside finfacts (tests/fixtures/run/README.md);
# the report's pages and text; a re-run into older outputs replaces them
# whole; the same input gives the same bytes; and `make run` reproduces the
# charts committed under plots/.
. "$E2E/lib.sh"
R="$FIX/run"
ROOT="$E2E/../.."
EV="$FIX/event/expected"
O="$T/o"
P="$T/plots"

ff run "$R/data" -o "$O" --plots "$P"
assert_rc "run: fixture folder" 0
assert_grep "run: summary line" "1 article, 13 facts, 4 claims checked (2 consistent, 1 inconsistent, 1 unverifiable)" "$T/err"

assert_check "run: facts as written by hand" "$O/facts.csv" \
	"$FIX/articles/alibaba-apple-ai-deal.expected.csv"
assert_check "run: series and implied values" "$O/series.csv" \
	"$R/series.expected.csv" --ignore-extra-columns
assert_check "run: verdicts worked out by hand" "$O/verdicts.csv" \
	"$R/verdicts.expected.csv" --ignore-extra-columns
assert_check "run: metrics against pandas" "$O/metrics.csv" \
	"$R/metrics.expected.csv" --key series
cols=ticker,event_date,day0,offset,date,return,market_return,expected,ar,se,t,p,car,car_se,car_t,car_p
assert_check "run: event days against numpy/statsmodels" "$O/events.csv" \
	"$EV/9988-market.csv" --columns "$cols"
cols=scope,ticker,event_date,day0,from,to,est_days,est_dropped,alpha,beta,sigma,car,car_se,car_t,car_p
assert_check "run: event summary against numpy/statsmodels" \
	"$O/events-summary.csv" "$EV/9988-market-summary.csv" --columns "$cols"

# The report: cover, the article's facts, its reaction chart, statistics,
# events with the CAR chart, shares, method.
if command -v pdfinfo >/dev/null; then
	pages=$(pdfinfo "$O/report.pdf" | sed -n 's/^Pages: *//p')
	if [ "$pages" = 7 ]; then pass "run: report has 7 pages"
	else fail "run: report has 7 pages" "pdfinfo says '$pages'"; fi
	pdftotext -layout "$O/report.pdf" "$T/report.txt"
	for s in "1 article gave 13 facts" "Claims the prices contradict" \
		"Article: alibaba-apple-ai-deal" \
		"inconsistent" "unverifiable" "[3] close 116.7 on 2025-02-13: +2.55%" \
		"what the news said and what happened" "Statistics of the daily price series" \
		"Event studies" "Cumulative abnormal return: 9988.HK, 2025-02-13" "Market share: China, 2024" \
		"CR3) 48.0%" "Method, conventions and data" "page 7"; do
		assert_grep "run: report text '$s'" "$s" "$T/report.txt"
	done
else
	fail "run: report" "pdfinfo (poppler-utils) not installed"
fi
for c in reaction-9988.HK-2025-02-13 share-China-year-2024 car-9988.HK-2025-02-13 \
	candles-9988.HK returns-9988.HK drawdown-9988.HK; do
	if [ -s "$P/$c.png" ]; then pass "run: chart $c"
	else fail "run: chart $c" "$(ls "$P")"; fi
done

# The same input gives the same bytes, charts and report included (the
# report names its output folders, so the second run writes to the same).
cp -R "$O" "$T/first"
cp -R "$P" "$T/first-plots"
ff run "$R/data" -o "$O" --plots "$P"
same=yes
for f in "$T/first"/* "$T/first-plots"/* "$T/first-plots/.finfacts-charts"; do
	case "$f" in
	"$T/first-plots"/*) g="$P/${f#"$T/first-plots"/}" ;;
	*) g="$O/${f#"$T/first"/}" ;;
	esac
	cmp -s "$f" "$g" || { same="no: $f"; break; }
done
if [ "$same" = yes ]; then pass "run: same input, same bytes"
else fail "run: same input, same bytes" "$same"; fi

# A re-run over a folder whose one article states no number replaces the older outputs
# whole: no facts left, the article's charts gone, the user's files kept.
mkdir -p "$T/noart/articles"
printf -- '---\ntitle: A quiet day\ndate: 2025-02-14\n---\nNothing moved.\n' \
	>"$T/noart/articles/quiet.md"
cp -R "$R/data/prices" "$T/noart/prices"
printf 'mine\n' >"$P/reaction-mine.png"
printf 'mine\n' >"$P/notes.txt"
ff run "$T/noart" -o "$O" --plots "$P"
assert_rc "run: re-run over older outputs" 0
if [ "$(wc -l <"$O/facts.csv")" -eq 1 ]; then pass "run: facts replaced whole"
else fail "run: facts replaced whole" "$(wc -l <"$O/facts.csv") lines"; fi
if [ ! -e "$P/reaction-9988.HK-2025-02-13.png" ] && [ ! -e "$P/share-China-year-2024.png" ]
then pass "run: charts no longer drawn are removed"
else fail "run: charts no longer drawn are removed" "$(ls "$P")"; fi
if [ -s "$P/candles-9988.HK.png" ]; then pass "run: charts still drawn are kept"
else fail "run: charts still drawn are kept" "$(ls "$P")"; fi
if [ "$(cat "$P/reaction-mine.png" "$P/notes.txt")" = "mine
mine" ]; then pass "run: the user's files in the chart folder are untouched"
else fail "run: the user's files in the chart folder are untouched" "$(ls "$P")"; fi

# Output folders are made with their parents; a data folder that is not
# one is an error before any work.
ff run "$R/data" -o "$T/a/b/c" --plots "$T/a/p/q"
assert_rc "run: nested output folders are made" 0
ff run "$T/nowhere" -o "$T/never-made"
assert_rc "run: missing data folder" 2
assert_grep "run: missing data folder named" "'$T/nowhere' is not a folder" "$T/err"
assert_no_file "run: nothing written for a missing data folder" "$T/never-made"

# `make run` reproduces the charts committed under plots/ byte for byte.
if [ -f "$ROOT/plots/.finfacts-charts" ]; then
	# as `make run` calls it: charts name their source files as given
	here=$(pwd)
	cd "$ROOT" && ff run data -o "$T/full" --plots "$T/full-plots"
	cd "$here" || exit 1
	assert_rc "run: bundled data" 0
	diff=""
	n=0
	while read -r c; do
		n=$((n + 1))
		cmp -s "$ROOT/plots/$c" "$T/full-plots/$c" || diff="$diff $c"
	done <"$ROOT/plots/.finfacts-charts"
	if [ -z "$diff" ] && [ "$n" -gt 0 ] &&
		cmp -s "$ROOT/plots/.finfacts-charts" "$T/full-plots/.finfacts-charts"
	then pass "run: reproduces the $n committed charts in plots/"
	else fail "run: reproduces the committed charts in plots/" "differ:$diff"; fi
else
	fail "run: committed charts" "plots/.finfacts-charts is missing"
fi
