#!/usr/bin/env bash
# ALTER EXTENSION xdjy UPDATE carries a populated database of the earlier
# version to the new one exactly as a fresh install of the new version
# with the same data is: every object of the extension compares from the
# catalog (columns in order, defaults, constraints, indexes, triggers,
# policies, functions, types, operators, casts, grants, comments, the
# configuration tables pg_dump dumps), every row of every table and every
# sequence compares, and the update itself changes no row.
#
#   XDJY_UPGRADE_FROM  the earlier version (default 1.0)
#   XDJY_UPGRADE_TO    the new version (default: default_version of
#                      xdjy.control); equal to FROM, the update is a no-op
#                      and must leave the database as it was
#
# Database A: CREATE EXTENSION xdjy VERSION FROM, the data (see
# test/t/lib/upgrade_compare.bash), ALTER EXTENSION xdjy UPDATE TO TO.
# Database B: CREATE EXTENSION xdjy VERSION TO, the same data.  Every
# table of the extension must have rows in A, so that a table added later
# without data in the fixtures fails here instead of passing unchecked.
# test/upgrade_diff.sh prints the same comparison by hand.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/t/lib/upgrade_compare.bash
upgrade_init "${XDJY_UPGRADE_FROM:-1.0}" "${XDJY_UPGRADE_TO:-}"
a=xdjy_upgrade_a_t
b=xdjy_upgrade_b_t
echo "1..8"

if upgrade_create $a "$upg_from" 2>"$tmp/err"; then
	echo "ok 1 - A: CREATE EXTENSION xdjy VERSION '$upg_from'"
else
	echo "not ok 1 - A: CREATE EXTENSION xdjy VERSION '$upg_from' failed"
	sed 's/^/# /' "$tmp/err"
	echo "Bail out! no database at version $upg_from"
	exit 1
fi
day_before=$(upg_psql postgres -At -c 'SELECT current_date')

if upgrade_load $a 2>"$tmp/err" && [ "$(upg_psql $a -At -c 'SELECT count(*) > 0 FROM xdjy.filing')" = t ]; then
	echo "ok 2 - A: the demo and the fixtures loaded at $upg_from"
else
	echo "not ok 2 - A: the data did not load at $upg_from"
	sed 's/^/# /' "$tmp/err"
	tail -20 "$tmp/demo.$a.out" | sed 's/^/# /'
fi

ntables=$(upgrade_tables $a | grep -c .)
empty=$(upgrade_empty $a)
if [ -z "$empty" ] && [ "$ntables" -gt 0 ]; then
	echo "ok 3 - every table of the extension has rows before the update ($ntables tables)"
else
	echo "not ok 3 - tables without rows before the update (fill them in test/fixtures/upgrade_extra.sql):" $empty
fi

# columns the update adds (at the end of a table) are left out here; test
# 8 compares them with a fresh install's
keep=$(upgrade_columns $a)
upgrade_rows $a "$tmp/a_before.rows" off on "$keep"
if upg_psql $a -c "ALTER EXTENSION xdjy UPDATE TO '$upg_to'" 2>"$tmp/err" >/dev/null &&
	[ "$(upgrade_version $a)" = "$upg_to" ]; then
	echo "ok 4 - A: ALTER EXTENSION xdjy UPDATE TO '$upg_to' from $upg_from"
else
	echo "not ok 4 - A: ALTER EXTENSION xdjy UPDATE TO '$upg_to' from $upg_from failed (at $(upgrade_version $a))"
	sed 's/^/# /' "$tmp/err"
fi

upgrade_rows $a "$tmp/a_after.rows" off on "$keep"
# tables and sequences the update creates (fee lines, ...) start empty: the
# update's own rows are compared with a fresh install's in test 8
if [ -s "$tmp/a_after.rows" ]; then
	awk -F'\t' 'NR == FNR { had[$1] = 1; next } ($1 in had)' \
		"$tmp/a_before.rows" "$tmp/a_after.rows" >"$tmp/a_after.kept" &&
		mv "$tmp/a_after.kept" "$tmp/a_after.rows"
fi
if upgrade_diff "$tmp/a_before.rows" "$tmp/a_after.rows" >"$tmp/d"; then
	echo "ok 5 - the update keeps every row users filled and every sequence ($(grep -c . "$tmp/a_after.rows") rows and sequences)"
else
	echo "not ok 5 - the update changed rows users filled or sequences (- before, + after):"
	sed 's/^/# /' "$tmp/d"
fi

# without an install script of its own, CREATE EXTENSION would install TO
# as FROM plus the update script: the very thing under test
script=$("${PG_CONFIG:-pg_config}" --sharedir)/extension/xdjy--$upg_to.sql
if [ ! -f "$script" ]; then
	echo "not ok 6 - B: no install script $script: a fresh $upg_to would be $upg_from updated"
elif upgrade_create $b "$upg_to" 2>"$tmp/err" && upgrade_load $b 2>>"$tmp/err"; then
	echo "ok 6 - B: CREATE EXTENSION xdjy VERSION '$upg_to' and the same data"
else
	echo "not ok 6 - B: a fresh install of $upg_to with the data failed"
	sed 's/^/# /' "$tmp/err"
fi

upgrade_catalog $a "$tmp/a.catalog"
upgrade_catalog $b "$tmp/b.catalog"
if upgrade_diff "$tmp/a.catalog" "$tmp/b.catalog" >"$tmp/d"; then
	echo "ok 7 - the catalog after the update is a fresh install's ($(grep -c . "$tmp/b.catalog") lines)"
else
	echo "not ok 7 - the catalog after the update from $upg_from differs from a fresh $upg_to (- updated, + fresh):"
	sed 's/^/# /' "$tmp/d"
fi

# B loaded the data seconds after A: timestamps the clock filled differ,
# and so would dates across midnight
upgrade_rows $a "$tmp/a.rows" "$day_before"
upgrade_rows $b "$tmp/b.rows" "$day_before"
if [ "$(upg_psql postgres -At -c 'SELECT current_date')" != "$day_before" ]; then
	echo "ok 8 # SKIP the date changed while the data loaded (midnight): rows not comparable, run again"
elif upgrade_diff "$tmp/a.rows" "$tmp/b.rows" >"$tmp/d"; then
	echo "ok 8 - every row and sequence after the update is a fresh install's ($(grep -c . "$tmp/b.rows") rows and sequences)"
else
	echo "not ok 8 - rows after the update from $upg_from differ from a fresh $upg_to (- updated, + fresh):"
	sed 's/^/# /' "$tmp/d"
fi
