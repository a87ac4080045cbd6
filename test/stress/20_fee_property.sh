#!/usr/bin/env bash
# test/stress/20_fee_property.sh: the fee-line property test
# (test/pgtap/265_fee_property.sql) at full size: 100 000 random line sets
# (STRESS_FEE_SETS), each settled from its lines and its twin from the
# same totals, every figure compared (鲁医保发〔2022〕26号 第二条(四)).
# Runs inside pg_virtualenv (make stress).
set -uo pipefail
cd "$(dirname "$0")/../.."
sets=${STRESS_FEE_SETS:-100000}
db=xdjy_stress_fee
dropdb --if-exists $db >/dev/null 2>&1
createdb $db || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d $db -c 'SET client_min_messages = warning' \
	-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION xdjy CASCADE' || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d $db -f test/fixtures/sample.sql || exit 1
start=$(date +%s)
out=$(PGOPTIONS='-c search_path=xdjy,public' psql -X -At -v ON_ERROR_STOP=1 -v sets="$sets" -d $db \
	-f test/pgtap/265_fee_property.sql 2>&1)
rc=$?
echo "$out" | grep -E '^(ok|not ok)'
echo "fee line sets: $sets, seconds: $(( $(date +%s) - start ))"
dropdb $db
[ $rc -eq 0 ] && ! echo "$out" | grep -q '^not ok'
