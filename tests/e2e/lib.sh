# Sourced by tests/e2e/t_*.sh.  $FF is the binary, $FIX the fixtures,
# $T a fresh scratch folder.  Each assertion prints one PASS or FAIL line.

# ff ARGS...: runs finfacts; stdout in $T/out, stderr in $T/err, code in $rc.
ff() {
	"$FF" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# assert_rc NAME EXPECTED: the last ff's exit code.
assert_rc() {
	if [ "$rc" -eq "$2" ]; then pass "$1"
	else fail "$1" "exit $rc, expected $2; stderr: $(head -c 400 "$T/err")"; fi
}

# assert_grep NAME FIXED-STRING FILE
assert_grep() {
	if grep -qF -- "$2" "$3"; then pass "$1"
	else fail "$1" "'$2' not in $(basename "$3"): $(head -c 400 "$3")"; fi
}

# assert_no_file NAME PATH: also no temporary left beside it.
assert_no_file() {
	left=$(ls -a "$(dirname "$2")" | grep -F "$(basename "$2")" || true)
	if [ -z "$left" ]; then pass "$1"
	else fail "$1" "found $left"; fi
}

# assert_check NAME ACTUAL EXPECTED [check options]: finfacts check agrees.
assert_check() {
	name=$1; shift
	if "$FF" check "$@" >"$T/check.out" 2>&1; then pass "$name"
	else fail "$name" "$(head -c 1500 "$T/check.out")"; fi
}
