#!/usr/bin/env bash
# Every SQLSTATE of class YB is named once in src/errors.h and has exactly
# one entry in the registry (src/error_registry.c, read through
# xdjy.error_registry()), with all texts, and the registry names no other;
# xdjy.error_code holds exactly the registry's rows, after a fresh install
# and after an update from 1.0; every ERRCODE_XDJY_* raised in src/ exists
# and is raised through xdjy_errcode(), so its primary message is the
# registry's, in the language of xdjy.language.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=xdjy_catalogue_t
old=xdjy_catalogue_10_t
for d in "$db" "$old"; do dropdb --if-exists "$d" >/dev/null 2>&1; done
createdb "$db" && psql -X -q -d "$db" -c 'CREATE EXTENSION xdjy CASCADE' || { echo "Bail out! cannot create $db"; exit 1; }
q() { psql -X -At -d "${2:-$db}" -c "$1"; }

header=$(perl -ne "print \"\$1 YB\$2\$3\$4\n\" if /#define\s+(ERRCODE_XDJY_\w+)\s+XDJY_SQLSTATE\('(.)','(.)','(.)'\)/" src/errors.h | sort)
codes=$(echo "$header" | awk '{print $2}' | sort)
names=$(echo "$header" | awk '{print $1}' | sort)
registry=$(q "SELECT code FROM xdjy.error_registry() ORDER BY 1")
complete=$(q "SELECT code FROM xdjy.error_registry() WHERE '' <> ALL (ARRAY[category, message_en, message_zh, cause_en, cause_zh]) ORDER BY 1")
used=$(grep -ohE 'ERRCODE_XDJY_[A-Z0-9_]+' src/*.c | sort -u)
# table = registry, both ways, every column
table_diff() {
	q "SELECT count(*) FROM ((SELECT code::text, category, message_en, message_zh, cause_en, cause_zh FROM xdjy.error_code
	   EXCEPT SELECT * FROM xdjy.error_registry())
	  UNION ALL (SELECT * FROM xdjy.error_registry()
	   EXCEPT SELECT code::text, category, message_en, message_zh, cause_en, cause_zh FROM xdjy.error_code)) d" "$1"
}

echo "1..10"
n=$(echo "$header" | grep -c . || true)
[ "$n" -gt 0 ] && echo "ok 1 - src/errors.h names $n YB codes" || echo "not ok 1 - src/errors.h names no YB code"

dups=$(echo "$codes" | uniq -d; echo "$names" | uniq -d; echo "$registry" | uniq -d)
if [ -z "$(echo "$dups" | tr -d '\n')" ]; then echo "ok 2 - each code and name appears once in src/errors.h, each code once in the registry"
else echo "not ok 2 - duplicated: $dups"; fi

missing=$(comm -23 <(echo "$codes") <(echo "$complete"))
if [ -z "$missing" ]; then echo "ok 3 - every header code has a registry entry with category and zh/en message and cause"
else echo "not ok 3 - no complete registry entry for: $missing"; fi

extra=$(comm -13 <(echo "$codes") <(echo "$registry"))
if [ -z "$extra" ]; then echo "ok 4 - every registry entry is named in src/errors.h"
else echo "not ok 4 - registry entries not in src/errors.h: $extra"; fi

d=$(table_diff "$db")
if [ "$d" = 0 ]; then echo "ok 5 - xdjy.error_code is exactly xdjy.error_registry() ($(q 'SELECT count(*) FROM xdjy.error_code') rows)"
else echo "not ok 5 - xdjy.error_code and xdjy.error_registry() differ in $d rows"; fi

# a 1.0 database, whose rows were written by hand, gets the registry's
createdb "$old" && psql -X -q -d "$old" -c "CREATE EXTENSION xdjy VERSION '1.0' CASCADE" -c 'ALTER EXTENSION xdjy UPDATE' 2>&1 | sed 's/^/# /'
d=$(table_diff "$old")
if [ "$d" = 0 ]; then echo "ok 6 - after an update from 1.0, xdjy.error_code is exactly xdjy.error_registry()"
else echo "not ok 6 - after an update from 1.0, xdjy.error_code and xdjy.error_registry() differ in ${d:-?} rows"; fi

undef=$(comm -23 <(echo "$used") <(echo "$names"))
if [ -z "$undef" ]; then echo "ok 7 - every ERRCODE_XDJY_* raised in src/ is defined ($(echo "$used" | grep -c .) used)"
else echo "not ok 7 - raised but not defined: $undef"; fi

# a YB code passed to errcode() directly would carry a message of its own
own=$(grep -nP '(?<!xdjy_)errcode\((ERRCODE_XDJY_|kind->)' src/*.c)
if [ -z "$own" ]; then echo "ok 8 - every YB error in src/ is raised with xdjy_errcode(), the registry's message"
else echo "not ok 8 - raised with errcode(), not xdjy_errcode():"; echo "$own" | sed 's/^/# /'; fi

# the message of a raised error is the registry's, in xdjy.language
said() {
	q "SET xdjy.language = $1;
	   DO \$\$ DECLARE m text; BEGIN
	     PERFORM xdjy.filing_exempt('370100', '379999', '2024-01-01');
	   EXCEPTION WHEN OTHERS THEN
	     GET STACKED DIAGNOSTICS m = MESSAGE_TEXT;
	     RAISE NOTICE '%|%', SQLSTATE, m;
	   END \$\$;" 2>&1 | sed -n 's/^NOTICE:  //p'
}
en=$(said en)
zh=$(said zh)
want_en=$(q "SELECT code || '|' || message_en FROM xdjy.error_code WHERE code = 'YB001'")
want_zh=$(q "SELECT code || '|' || message_zh FROM xdjy.error_code WHERE code = 'YB001'")
[ "$en" = "$want_en" ] && echo "ok 9 - under xdjy.language = en an error says message_en ($en)" \
	|| echo "not ok 9 - under xdjy.language = en: got '$en', want '$want_en'"
[ "$zh" = "$want_zh" ] && echo "ok 10 - under xdjy.language = zh an error says message_zh ($zh)" \
	|| echo "not ok 10 - under xdjy.language = zh: got '$zh', want '$want_zh'"

dropdb "$db"
dropdb "$old"
