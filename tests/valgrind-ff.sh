#!/bin/sh
# finfacts under valgrind memcheck, for `make valgrind` (FF points here,
# FF_REAL at the binary).  Any memory error or definite/indirect leak makes
# the run exit 99, which the end-to-end test then reports as a FAIL; the
# report goes to build/valgrind/ (one file per process).  finfacts frees
# cairo's and fontconfig's caches at exit only when asked, as here.
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$here/build/valgrind"
export FINFACTS_FREE_AT_EXIT=1
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--log-file="$here/build/valgrind/vg.%p.log" "${FF_REAL:?}" "$@"
