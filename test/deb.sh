#!/usr/bin/env bash
# test/deb.sh: what `make deb` runs.  Builds the Debian package
# postgresql-15-xdjy (debian/) with Debian's PostgreSQL tooling
# (dpkg-buildpackage, dh with pgxs_loop, pg_buildext), offline, in a
# scratch copy of the tree, so the source tree stays clean; the .deb lands
# in DEB_OUT (default build/deb, ignored by git).  The copy holds what git
# tracks plus new files it does not ignore (your uncommitted work
# included), or the whole tree made clean outside a git checkout.
# DEB_BUILD_OPTIONS is passed on (nocheck skips the package's own
# regression run).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
out=${DEB_OUT:-$top/build/deb}

# as root, installs the build dependencies that are missing
XDJY_DEPS_DEB=1 bash test/deps.sh

missing=()
for tool in dpkg-buildpackage dpkg-parsechangelog dh pg_buildext fakeroot; do
	command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "xdjy: make deb needs ${missing[*]}; as root: apt-get install dpkg-dev debhelper postgresql-server-dev-all fakeroot" >&2
	exit 1
fi

version=$(dpkg-parsechangelog -S Version)
scratch=$(mktemp -d /tmp/xdjy-deb.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
# readable by all: the package's check runs a server (as postgres) on it
chmod 755 "$scratch"
src=$scratch/xdjy-${version%-*}
mkdir "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# files deleted in the work tree but still tracked are skipped
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf - | tar -C "$src" -xf -
else
	cp -a . "$src"
	make -s -C "$src" clean >/dev/null
fi

echo "xdjy: building postgresql-15-xdjy $version in $src"
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$scratch/build.log" 2>&1; then
	tail -40 "$scratch/build.log" >&2
	echo "xdjy: dpkg-buildpackage failed (the last lines of its log are above)" >&2
	exit 1
fi
mkdir -p "$out"
cp "$scratch"/*.deb "$out"/
for deb in "$scratch"/*.deb; do
	echo "xdjy: built $out/$(basename "$deb")"
done
