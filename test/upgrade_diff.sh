#!/usr/bin/env bash
# test/upgrade_diff.sh [FROM [TO]]: what differs between a database of
# version FROM (default 1.0) with the data, updated by ALTER EXTENSION
# xdjy UPDATE TO TO (default: default_version of xdjy.control), and a fresh
# install of TO with the same data.  The comparison of
# test/t/070_upgrade.sh, printed for working on an update script:
#
#   == catalog   every attribute of every object that differs, named by
#                object ("-" the updated database, "+" the fresh one)
#   == rows      rows and sequences that differ (timestamps the clock
#                filled while loading print as <clock>)
#   == update    rows and sequences the update itself changed ("-" before,
#                "+" after)
#
# Exit status 0 when nothing differs, 1 when something does, 2 when the
# databases could not be built.  It works in whatever cluster PGHOST,
# PGPORT, ... point at, with the extension files installed there:
#
#   sudo make install
#   LANG=C.UTF-8 pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' \
#       bash test/upgrade_diff.sh 1.0 1.1
#
# (or run it from a shell inside pg_virtualenv).  XDJY_UPGRADE_KEEP=1
# keeps the two databases, xdjy_upgrade_a (updated) and xdjy_upgrade_b
# (fresh), to look into.
set -uo pipefail
cd "$(dirname "$0")/.."
. test/t/lib/upgrade_compare.bash
upgrade_init "${1:-1.0}" "${2:-}"
a=xdjy_upgrade_a
b=xdjy_upgrade_b

fail() {
	echo "upgrade_diff: $1" >&2
	[ -s "$tmp/err" ] && cat "$tmp/err" >&2
	exit 2
}

echo "xdjy: $upg_from updated to $upg_to (A) against a fresh $upg_to (B)"
day=$(upg_psql postgres -At -c 'SELECT current_date') || fail "no server"
upgrade_create $a "$upg_from" 2>"$tmp/err" || fail "CREATE EXTENSION xdjy VERSION '$upg_from' failed"
upgrade_load $a 2>"$tmp/err" || fail "the fixtures did not load at $upg_from"
empty=$(upgrade_empty $a)
[ -n "$empty" ] && echo "note: tables without rows (nothing of them is compared):" $empty
upgrade_rows $a "$tmp/a_before.rows" off || fail "no rows snapshot of A"
upg_psql $a -c "ALTER EXTENSION xdjy UPDATE TO '$upg_to'" 2>"$tmp/err" >/dev/null ||
	fail "ALTER EXTENSION xdjy UPDATE TO '$upg_to' from $upg_from failed"
upgrade_create $b "$upg_to" 2>"$tmp/err" || fail "CREATE EXTENSION xdjy VERSION '$upg_to' failed"
upgrade_load $b 2>"$tmp/err" || fail "the fixtures did not load at $upg_to"

upgrade_catalog $a "$tmp/a.catalog"
upgrade_catalog $b "$tmp/b.catalog"
upgrade_rows $a "$tmp/a.rows" "$day"
upgrade_rows $b "$tmp/b.rows" "$day"
upgrade_rows $a "$tmp/a_after.rows" off

status=0
section() {
	local n
	echo "== $1"
	if upgrade_diff "$2" "$3" >"$tmp/d"; then
		echo "(no difference)"
	else
		cat "$tmp/d"
		n=$(grep -c '^[-+]' "$tmp/d")
		echo "($n lines differ)"
		status=1
	fi
}
section "catalog (- updated $upg_from, + fresh $upg_to)" "$tmp/a.catalog" "$tmp/b.catalog"
section "rows (- updated $upg_from, + fresh $upg_to)" "$tmp/a.rows" "$tmp/b.rows"
section "update (- before, + after ALTER EXTENSION UPDATE)" "$tmp/a_before.rows" "$tmp/a_after.rows"
if [ "$(upg_psql postgres -At -c 'SELECT current_date')" != "$day" ]; then
	echo "note: the date changed while the data loaded (midnight): rows may differ for that; run again"
fi
exit $status
