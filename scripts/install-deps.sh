#!/bin/sh
# Installs the Debian packages finfacts needs, only those missing.
#   scripts/install-deps.sh           build, test and run
#   scripts/install-deps.sh --peers   also the peers bench/ and tests/oracle/ use
set -eu

pkgs="gcc make pkg-config libgsl-dev libcsv-dev libcairo2-dev libfontconfig-dev libdeflate-dev libjansson-dev
fontconfig fonts-dejavu-core libcriterion-dev poppler-utils
clang libclang-rt-14-dev valgrind"
if [ "${1:-}" = "--peers" ]; then
	pkgs="$pkgs python3 python3-numpy python3-pandas python3-scipy
python3-statsmodels python3-matplotlib time"
fi

missing=""
for p in $pkgs; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
