#!/usr/bin/env bash
# test/stress/sqlsmith.sh [QUERIES]: random SQL from sqlsmith against a
# database populated by the demo, then count backend crashes in the server
# log (a crash is "terminated by signal" or "server process ... exited
# abnormally").  Runs inside pg_virtualenv (make stress).
set -uo pipefail
cd "$(dirname "$0")/../.."
queries=${1:-100000}
db=xdjy_smith
log="$(dirname "$PG_CLUSTER_CONF_ROOT")/log/postgresql-${PGVERSION:-15}-regress.log"
dropdb --if-exists $db >/dev/null 2>&1
createdb $db
psql -X -q -d $db -v ON_ERROR_STOP=0 -f test/demo/demo.sql >/dev/null 2>&1
before=$(grep -cE 'terminated by signal|exited with exit code [^0]|was terminated by' "$log" || true)
start=$(date +%s)
# statement_timeout keeps one slow random query from eating the run
PGOPTIONS='-c statement_timeout=2s' timeout 1800 sqlsmith --target="dbname=$db" --seed=42 \
	--max-queries="$queries" --exclude-catalog >/tmp/sqlsmith.out 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
after=$(grep -cE 'terminated by signal|exited with exit code [^0]|was terminated by' "$log" || true)
crashes=$((after - before))
echo "sqlsmith: $queries queries requested in ${secs}s (exit $rc), backend crashes: $crashes"
tail -5 /tmp/sqlsmith.out | sed 's/^/  /'
if [ "$crashes" -ne 0 ]; then
	grep -B2 -A8 -E 'terminated by signal' "$log" | head -60
fi
[ "$crashes" -eq 0 ]
