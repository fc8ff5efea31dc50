# Nothing lost: outputs are written to a temporary file and renamed, so a
# run killed with SIGKILL midway leaves every earlier output whole; an
# output path that names an input is refused; an unwritable output folder
# is an error before any work.
. "$E2E/lib.sh"
G=$FIX/prices_ok
X=$FIX/extract

# same NAME A B: the files are byte-identical.
same() {
	if cmp -s "$2" "$3"; then pass "$1"
	else fail "$1" "$2 differs from $3"; fi
}

# killed NAME PID: SIGKILL the process, which must still be running.
killed() {
	if kill -9 "$2" 2>/dev/null; then pass "$1: killed midway"
	else fail "$1: killed midway" "it had already ended"; fi
	wait "$2" 2>/dev/null
}

# --- SIGKILL while reading: stats and extract, fed by a pipe that stalls.
# kill_reading LABEL OUT INPUT CMD...: `finfacts CMD -o OUT -` fed INPUT,
# then a stall, killed there; OUT must be what it was before.
kill_reading() {
	label=$1 out=$2 input=$3
	shift 3
	cp "$out" "$out.prev"
	(cat "$input"; sleep 5) | "$FF" "$@" -o "$out" - 2>/dev/null &
	pid=$!
	sleep 0.5
	killed "$label -o" $pid
	same "$label -o killed: previous output byte-identical" "$out" "$out.prev"
}
"$FF" stats -o "$T/m.csv" "$G/crlf.csv" 2>/dev/null
kill_reading stats "$T/m.csv" "$G/crlf.csv" stats
"$FF" extract -o "$T/f.csv" "$X/rules.md" 2>/dev/null
# extract writes rows as it goes: the half-written table is a temporary.
kill_reading extract "$T/f.csv" "$X/corpus.jsonl" extract

# --- SIGKILL a whole `finfacts run` midway.  Every output afterwards is
# either the previous run's file or the new run's, whole.
cp -r "$E2E/../../data" "$T/a"
cp -r "$E2E/../../data" "$T/b"
printf '\nAlibaba shares rose 5.5%% on Friday, the company said.\n' \
	>>"$T/b/articles/alibaba-hk-best-day.md"
"$FF" run "$T/a" -o "$T/ro" --plots "$T/rp" >/dev/null 2>&1
"$FF" run "$T/b" -o "$T/newout" --plots "$T/newplots" >/dev/null 2>&1
cp -r "$T/ro" "$T/prevout"
"$FF" run "$T/b" -o "$T/ro" --plots "$T/rp" >/dev/null 2>&1 &
pid=$!
sleep 0.4
killed "run" $pid
bad=""
for f in "$T/prevout"/*; do
	n=$(basename "$f")
	cmp -s "$T/ro/$n" "$f" || cmp -s "$T/ro/$n" "$T/newout/$n" || bad="$bad $n"
done
if [ -z "$bad" ]; then pass "run killed: every output is the previous or the new one, whole"
else fail "run killed: every output is the previous or the new one, whole" "partial:$bad"; fi

# --- An output that names an input is refused, and the input is untouched.
cp "$G/crlf.csv" "$T/p.csv"
cp "$T/p.csv" "$T/p.orig"
ff stats -o "$T/p.csv" "$T/p.csv"
assert_rc "stats -o INPUT exits 2" 2
assert_grep "stats -o INPUT message" "refusing to overwrite an input" "$T/err"
same "stats -o INPUT: input untouched" "$T/p.csv" "$T/p.orig"
ff stats -o "$T/./p.csv" --benchmark "$T/p.csv" "$G/crlf.csv"
assert_rc "stats -o BENCHMARK (spelt otherwise) exits 2" 2
same "stats -o BENCHMARK: untouched" "$T/p.csv" "$T/p.orig"
cp "$X/rules.md" "$T/r.md"
ff extract -o "$T/r.md" "$T/r.md"
assert_rc "extract -o INPUT exits 2" 2
same "extract -o INPUT: input untouched" "$T/r.md" "$X/rules.md"
cp "$FIX/check/expected.csv" "$T/e.csv"
ff check -o "$T/e.csv" "$FIX/check/hair.csv" "$T/e.csv"
assert_rc "check -o EXPECTED exits 2" 2
same "check -o EXPECTED: untouched" "$T/e.csv" "$FIX/check/expected.csv"
"$FF" extract -o "$T/facts.csv" "$X/rules.md" 2>/dev/null
cp "$T/facts.csv" "$T/facts.orig"
ff series -o "$T/facts.csv" "$T/facts.csv"
assert_rc "series -o INPUT exits 2" 2
same "series -o INPUT: untouched" "$T/facts.csv" "$T/facts.orig"
ff verify "$T/facts.csv" --prices "$FIX/verify" -o "$T/facts.csv"
assert_rc "verify -o INPUT exits 2" 2
same "verify -o INPUT: untouched" "$T/facts.csv" "$T/facts.orig"

# --- An unwritable output folder fails before any work: the input named
# here does not even exist, and the error is about the output.  (Tests run
# as root, which permission bits do not stop: a path under a regular file
# fails for everyone.)
: >"$T/plain"
ff stats -o "$T/plain/out.csv" "$T/no-such-input.csv"
assert_rc "unwritable output folder exits 2" 2
assert_grep "unwritable output folder: named first" "plain/out.csv: cannot create output: Not a directory" "$T/err"
ff extract -o "$T/plain/f.csv" "$T/no-such-article.md"
assert_rc "extract: unwritable output folder exits 2" 2
assert_grep "extract: unwritable output folder named" "cannot create output" "$T/err"
ff check -o "$T/plain/r.csv" "$T/no-such-a.csv" "$T/no-such-e.csv"
assert_rc "check: unwritable output folder exits 2" 2
assert_grep "check: unwritable output folder named" "cannot create output" "$T/err"
ff run "$T/a" -o "$T/plain/out" --plots "$T/rp"
assert_rc "run: unwritable output folder exits 2" 2
assert_grep "run: unwritable output folder named" "cannot create $T/plain/out" "$T/err"
