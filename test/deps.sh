#!/usr/bin/env bash
# test/deps.sh: make sure the Debian packages xdjy builds and tests with are
# present.  As root, installs what is missing (apt-get update first); as
# anyone else, prints the exact apt line and fails.
set -euo pipefail

PGV=${PGV:-15}
pkgs=(
	"postgresql-$PGV"
	"postgresql-server-dev-$PGV"
	"postgresql-$PGV-pgtap"
	"postgresql-$PGV-cron"
	postgresql-common
	libtap-parser-sourcehandler-pgtap-perl
	libipc-run-perl
	make gcc clang libclang-rt-14-dev
)
# the Debian package's build dependencies (make deb, and the test that
# builds it): asked for by test/run.sh test and test/deb.sh
XDJY_DEB_DEPS="dpkg-dev debhelper postgresql-server-dev-all fakeroot"
if [ "${XDJY_DEPS_DEB:-}" = 1 ]; then
	# shellcheck disable=SC2206
	pkgs+=($XDJY_DEB_DEPS)
fi
# extra packages for make stress / fuzzing, only when asked
if [ "${XDJY_DEPS_EXTRA:-}" != "" ]; then
	# shellcheck disable=SC2206
	pkgs+=(${XDJY_DEPS_EXTRA})
fi

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "xdjy: installing missing packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# several worktrees may start at once: wait for dpkg's lock, not fail
	apt-get -o DPkg::Lock::Timeout=600 update -qq
	apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	# the Debian postgresql package starts a "main" cluster we do not need
	exit 0
fi

echo "xdjy: missing Debian packages. Run as root:" >&2
echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
exit 1
