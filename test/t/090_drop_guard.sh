#!/usr/bin/env bash
# DROP EXTENSION xdjy does not drop users' data unasked (src/drop_guard.c):
# while a table of the extension holds a row pg_dump would keep, DROP
# EXTENSION xdjy, with CASCADE or without, DROP SCHEMA xdjy CASCADE and
# DROP EXTENSION btree_gist or plpgsql CASCADE fail with YB002 and leave the data as
# they were; a superuser who sets xdjy.allow_drop_with_data = on drops it;
# an install holding only the rows that ship with xdjy drops as before;
# only a superuser may set the GUC.  A 1.0 database updated to 1.1 is
# guarded the same.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=xdjy_drop_guard_t
role=xdjy_drop_guard_op_t
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists $db >/dev/null 2>&1; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1' EXIT
echo "1..14"

fresh() {
	dropdb --if-exists $db >/dev/null 2>&1
	createdb $db && psql -X -q -v ON_ERROR_STOP=1 -d $db -c "CREATE EXTENSION xdjy ${1:+VERSION '$1'} CASCADE" >"$tmp/out" 2>&1
}
# a filing, on the sample persons and institutions
load() {
	psql -X -q -v ON_ERROR_STOP=1 -d $db -f test/fixtures/sample.sql \
		-c "SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10')" >/dev/null
}
# the SQLSTATE a statement fails with, "ok" if it succeeds; its messages in $tmp/out
state() {
	psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d $db "$@" >"$tmp/out" 2>&1 && { echo ok; return; }
	sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' "$tmp/out" | head -1
}
q() { psql -X -At -d $db -c "$1"; }
is() {
	if [ "$2" = "$3" ]; then echo "ok $1 - $4"
	else echo "not ok $1 - $4: got '$2', want '$3'"; sed 's/^/# /' "$tmp/out"; fi
}
intact() { q "SELECT (SELECT count(*) FROM pg_extension WHERE extname = 'xdjy') || ' ' || (SELECT count(*) FROM xdjy.filing)"; }

# an empty install: only the rows that ship with xdjy
fresh || { echo "Bail out! cannot create $db"; exit 1; }
s=$(state -c 'DROP EXTENSION xdjy')
is 1 "$s $(q "SELECT count(*) FROM pg_event_trigger WHERE evtname = 'xdjy_drop_guard'")" "ok 0" \
	"an empty install drops without the setting, its event trigger with it"

fresh && load || { echo "Bail out! cannot load $db"; exit 1; }
s=$(state -c 'DROP EXTENSION xdjy')
is 2 "$s" YB002 "DROP EXTENSION xdjy on a filing fails with YB002"
d=$(grep -c -e '^DETAIL: .*xdjy\.filing (1 row).*xdjy\.person ([0-9]* rows)' -e '^HINT: .*pg_dump.*xdjy\.allow_drop_with_data = on' "$tmp/out")
is 3 "$d" 2 "the detail names the tables with their counts, the hint pg_dump and the setting"
is 4 "$(intact)" "1 1" "the extension and the filing are still there"
s=$(state -c 'DROP EXTENSION xdjy CASCADE')
is 5 "$s $(intact)" "YB002 1 1" "DROP EXTENSION xdjy CASCADE fails the same"
s=$(state -c 'DROP SCHEMA xdjy CASCADE')
is 6 "$s $(intact)" "YB002 1 1" "DROP SCHEMA xdjy CASCADE fails the same"
s=$(state -c 'DROP EXTENSION btree_gist CASCADE')
is 7 "$s $(intact)" "YB002 1 1" "DROP EXTENSION btree_gist CASCADE (which xdjy requires) fails the same"
s=$(state -c 'DROP EXTENSION plpgsql CASCADE')
is 8 "$s $(intact)" "YB002 1 1" "DROP EXTENSION plpgsql CASCADE (settle() and the interface's settlement functions are PL/pgSQL) fails the same"

psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" -c "CREATE ROLE $role LOGIN IN ROLE xdjy_operator" >/dev/null 2>&1
# fen_to_yuan loads the library first, so that the setting is defined (not a placeholder)
s=$(state -c "SET ROLE $role" -c 'SELECT xdjy.fen_to_yuan(1)' -c 'SET xdjy.allow_drop_with_data = on')
is 9 "$s $(grep -c 'permission denied to set parameter "xdjy.allow_drop_with_data"' "$tmp/out")" "42501 1" \
	"a non-superuser cannot set xdjy.allow_drop_with_data"
s=$(state -c 'CREATE EXTENSION pg_trgm' -c 'DROP EXTENSION pg_trgm' -c 'CREATE SCHEMA scratch' -c 'DROP SCHEMA scratch CASCADE')
is 10 "$s $(intact)" "ok 1 1" "other extensions and schemas drop as usual"
s=$(state -c 'SET xdjy.allow_drop_with_data = on' -c 'DROP EXTENSION xdjy')
is 11 "$s $(q "SELECT count(*) FROM pg_extension WHERE extname = 'xdjy'") $(q "SELECT to_regclass('xdjy.filing') IS NULL")" "ok 0 t" \
	"with xdjy.allow_drop_with_data = on a superuser drops it, data and all"

# a 1.0 database updated to 1.1 is guarded the same
fresh 1.0 && load && psql -X -q -v ON_ERROR_STOP=1 -d $db -c 'ALTER EXTENSION xdjy UPDATE' >/dev/null ||
	{ echo "Bail out! cannot update $db"; exit 1; }
s=$(state -c 'DROP EXTENSION xdjy')
is 12 "$s $(intact)" "YB002 1 1" "after ALTER EXTENSION xdjy UPDATE from 1.0, DROP EXTENSION xdjy fails with YB002"
s=$(state -c 'DROP EXTENSION plpgsql CASCADE')
is 13 "$s $(intact)" "YB002 1 1" "and DROP EXTENSION plpgsql CASCADE, which 1.1 requires, fails the same"
fresh 1.0 && psql -X -q -v ON_ERROR_STOP=1 -d $db -c 'ALTER EXTENSION xdjy UPDATE' >/dev/null ||
	{ echo "Bail out! cannot update $db"; exit 1; }
s=$(state -c 'DROP EXTENSION xdjy')
is 14 "$s $(q "SELECT count(*) FROM pg_event_trigger")" "ok 0" "an empty updated install drops, its event trigger with it"
