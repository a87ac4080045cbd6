#!/usr/bin/env bash
# Every SQLSTATE of class YB is named once in src/errors.h, every one named
# there has a row in xdjy.error_code with all texts (SPEC R6, 004 §五(三)),
# every row is named there, and every ERRCODE_XDJY_* raised in src/ exists.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=xdjy_catalogue_t
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && psql -X -q -d "$db" -c 'CREATE EXTENSION xdjy CASCADE' || { echo "Bail out! cannot create $db"; exit 1; }

header=$(perl -ne "print \"\$1 YB\$2\$3\$4\n\" if /#define\s+(ERRCODE_XDJY_\w+)\s+XDJY_SQLSTATE\('(.)','(.)','(.)'\)/" src/errors.h | sort)
codes=$(echo "$header" | awk '{print $2}' | sort)
catalogue=$(psql -X -At -d "$db" -c "SELECT code FROM xdjy.error_code WHERE coalesce(message_en,'') <> '' AND coalesce(message_zh,'') <> '' AND coalesce(cause_en,'') <> '' AND coalesce(cause_zh,'') <> '' AND coalesce(category,'') <> '' ORDER BY 1")
all_rows=$(psql -X -At -d "$db" -c "SELECT code FROM xdjy.error_code ORDER BY 1")
used=$(grep -ohE 'ERRCODE_XDJY_[A-Z0-9_]+' src/*.c | sort -u)
names=$(echo "$header" | awk '{print $1}' | sort)

echo "1..5"
n=$(echo "$header" | grep -c . || true)
[ "$n" -gt 0 ] && echo "ok 1 - src/errors.h names $n YB codes" || echo "not ok 1 - src/errors.h names no YB code"

dups=$(echo "$codes" | uniq -d; echo "$names" | uniq -d)
if [ -z "$(echo "$dups" | tr -d '\n')" ]; then echo "ok 2 - each code and name appears once in src/errors.h"
else echo "not ok 2 - duplicated in src/errors.h: $dups"; fi

missing=$(comm -23 <(echo "$codes") <(echo "$catalogue"))
if [ -z "$missing" ]; then echo "ok 3 - every header code has a complete zh/en catalogue row"
else echo "not ok 3 - no complete catalogue row for: $missing"; fi

extra=$(comm -13 <(echo "$codes") <(echo "$all_rows"))
if [ -z "$extra" ]; then echo "ok 4 - every catalogue row is named in src/errors.h"
else echo "not ok 4 - catalogue rows not in src/errors.h: $extra"; fi

undef=$(comm -23 <(echo "$used") <(echo "$names"))
if [ -z "$undef" ]; then echo "ok 5 - every ERRCODE_XDJY_* raised in src/ is defined ($(echo "$used" | grep -c .) used)"
else echo "not ok 5 - raised but not defined: $undef"; fi

dropdb "$db"
