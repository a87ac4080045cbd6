#!/usr/bin/env bash
# The demo (test/demo/demo.sql, what `make demo` prints) tells its story
# through the rules and on business dates: it never bypasses a trigger
# (no session_replication_role), never reads the clock (no current_date,
# now() and the like, no default date argument left to the clock: the
# output holds no date of the day it runs), and the rejections it shows
# are exactly the intended ones, in order, each with its SQLSTATE.  A new
# rejection in the demo is added here on purpose, never by accident.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=xdjy_demo_story_t
tmp=$(mktemp -d)
trap 'dropdb --if-exists $db >/dev/null 2>&1; rm -rf "$tmp"' EXIT
dropdb --if-exists $db >/dev/null 2>&1
createdb $db || { echo "Bail out! createdb"; exit 1; }
echo "1..4"

# the intended rejections, in the order the demo shows them
expected="22P02 YB105 YB107 YB105 YB107 YB125 YB502 YB306 YB401 YB308 YB313 YB801 YB802 22003 YB704 YB701 YB331"

code=$(grep -v '^[[:space:]]*--' test/demo/demo.sql |
	grep -in -E 'session_replication_role|current_date|current_timestamp|localtimestamp|now\(\)|clock_timestamp|statement_timestamp|transaction_timestamp')
if [ -z "$code" ]; then
	echo "ok 1 - the demo neither bypasses the rules nor reads the clock"
else
	echo "not ok 1 - the demo bypasses the rules or reads the clock:"
	echo "$code" | sed 's/^/# /'
fi

# the same demo, with each error's SQLSTATE printed on its ERROR line
sed 's/^\\set VERBOSITY default$/\\set VERBOSITY sqlstate/' test/demo/demo.sql >"$tmp/demo.sql"
(cd "$tmp" && ln -s "$OLDPWD/test" test)
(cd "$tmp" && psql -X -q -v ON_ERROR_STOP=0 -d $db -f demo.sql) >"$tmp/out" 2>&1
got=$(sed -n 's/^psql:[^ ]* ERROR:  \([0-9A-Z]\{5\}\)$/\1/p; s/^ERROR:  \([0-9A-Z]\{5\}\)$/\1/p' "$tmp/out" | tr '\n' ' ' | sed 's/ $//')
if [ "$got" = "$expected" ]; then
	echo "ok 2 - the demo's rejections are the intended ones ($(echo "$got" | wc -w))"
else
	echo "not ok 2 - the demo's rejections differ from the intended ones"
	echo "#   want: $expected"
	echo "#   got:  $got"
fi

today=$(psql -X -At -d $db -c 'SELECT current_date')
if grep -q "$today" "$tmp/out"; then
	echo "not ok 3 - the demo prints the clock's date $today:"
	grep -n "$today" "$tmp/out" | head -5 | sed 's/^/# /'
else
	echo "ok 3 - the demo prints no date of the clock ($today)"
fi

# nothing fails but the intended rejections (a failed step would print
# an ERROR line beyond them), and the story left its rows behind
n=$(grep -c 'ERROR:' "$tmp/out")
rows=$(psql -X -At -d $db -c "SELECT (SELECT count(*) FROM xdjy.settlement) || ' settlements, '
	|| (SELECT count(*) FROM xdjy.party_report) || ' party reports, '
	|| (SELECT count(*) FROM xdjy.clearing_confirmation) || ' confirmations'")
if [ "$n" -eq "$(echo "$expected" | wc -w)" ] && [ -n "$rows" ]; then
	echo "ok 4 - no other error in the output ($n ERROR lines; left $rows)"
else
	echo "not ok 4 - $n ERROR lines in the output:"
	grep -n -B2 'ERROR:' "$tmp/out" | head -60 | sed 's/^/# /'
fi
