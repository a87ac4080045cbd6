#!/usr/bin/env bash
# test/run.sh MODE: what `make demo|test|bench|stress` run.
#
# Installs missing Debian packages (as root), builds and installs xdjy, then
# runs MODE inside a throwaway cluster made by pg_virtualenv, so nothing on
# the machine is touched but the extension's files.  CFLAGS extras come in
# through COPT (.ci/run sets COPT=-Werror).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:?usage: test/run.sh demo|test|bench|stress}
PGV=${PGV:-15}
export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PGV/bin/pg_config}

case "$mode" in
	stress) XDJY_DEPS_EXTRA="sqlsmith ${XDJY_DEPS_EXTRA:-}" ;;
	# test/t/960_debian_package.sh builds the package
	test) export XDJY_DEPS_DEB=${XDJY_DEPS_DEB:-1} ;;
esac
export XDJY_DEPS_EXTRA=${XDJY_DEPS_EXTRA:-}
bash test/deps.sh

# One install at a time on this machine: parallel worktrees (test/dev.sh)
# share PostgreSQL's extension directory.
exec 9>/tmp/xdjy-install.lock
flock 9

echo "== build"
make -s PG_CONFIG="$PG_CONFIG" all
echo "== install"
# Scripts another worktree installed (a version this one does not ship) would
# otherwise stay reachable by CREATE/ALTER EXTENSION.
extdir="$($PG_CONFIG --sharedir)/extension"
if [ -w "$($PG_CONFIG --pkglibdir)" ] && [ -w "$extdir" ]; then
	rm -f "$extdir"/xdjy--*.sql
	make -s PG_CONFIG="$PG_CONFIG" install
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	sudo rm -f "$extdir"/xdjy--*.sql
	sudo make -s PG_CONFIG="$PG_CONFIG" install
else
	echo "xdjy: cannot write to $($PG_CONFIG --pkglibdir); run 'make install' as root first" >&2
	exit 1
fi

# UTF8 cluster whatever the caller's locale: labels are Chinese too
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# The cluster's server does not inherit the lock (9>&-): a server left
# behind by a killed run would otherwise hold it for good.
# The runner's closing line ("suites: N passed, N failed") is repeated after
# pg_virtualenv's own goodbye, so that it is the last line of the output.
export XDJY_SUMMARY
XDJY_SUMMARY=$(mktemp)
trap 'rm -f "$XDJY_SUMMARY"' EXIT
# make bench at a large BENCH_SCALE: shared_buffers sized as a DBA would
# for the data (BENCH_SHARED_BUFFERS=6GB for the 10 M settlements of
# BENCH_SCALE=5 on a 24 GB machine), else the throwaway cluster's 128 MB
settings=(-o 'max_connections=120' -o 'max_prepared_transactions=10')
if [ "$mode" = bench ] && [ -n "${BENCH_SHARED_BUFFERS:-}" ]; then
	settings+=(-o "shared_buffers=$BENCH_SHARED_BUFFERS")
fi
rc=0
pg_virtualenv -t -v "$PGV" -i '--encoding=UTF8 --locale=C.UTF-8' "${settings[@]}" \
	bash test/suite.sh "$mode" 9>&- || rc=$?
if [ -s "$XDJY_SUMMARY" ]; then
	cat "$XDJY_SUMMARY"
fi
exit $rc
