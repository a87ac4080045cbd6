#!/usr/bin/env bash
# test/stress/sqlsmith.sh [QUERIES]: random SQL from sqlsmith against a
# database populated by the demo (test/demo/demo.sql: filings, settlements,
# the reporting fixture, national answers), then count from the server log
#   backend crashes: a server process "terminated by signal" or "exited
#     with exit code" other than 0 (the postmaster then restarts all);
#   xdjy internal errors: XX000 raised in xdjy's own C code (the LOCATION
#     of the error is a function of src/*.c): SQL must never reach one.
# Both must be 0.  Runs inside pg_virtualenv (make stress); elsewhere set
# SQLSMITH_LOG to the server log file.
set -uo pipefail
cd "$(dirname "$0")/../.."
queries=${1:-100000}
db=xdjy_smith
log=${SQLSMITH_LOG:-"$(dirname "${PG_CLUSTER_CONF_ROOT:-/nonexistent}")/log/postgresql-${PGVERSION:-15}-regress.log"}
[ -f "$log" ] || { echo "sqlsmith: server log $log not found (set SQLSMITH_LOG)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dropdb --if-exists $db >/dev/null 2>&1
createdb $db || exit 1
psql -X -q -d $db -v ON_ERROR_STOP=0 -f test/demo/demo.sql >/dev/null 2>&1
rows=$(psql -X -At -d $db -c "SELECT (SELECT count(*) FROM xdjy.filing) || ' filings, '
	|| (SELECT count(*) FROM xdjy.encounter) || ' encounters, '
	|| (SELECT count(*) FROM xdjy.settlement) || ' settlements'")
echo "sqlsmith: database $db populated: $rows"

# the SQLSTATE and the error's source location in the log, for this run
psql -X -q -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %e '" \
	-c "ALTER SYSTEM SET log_error_verbosity = verbose" -c "SELECT pg_reload_conf()" >/dev/null
sleep 1
start_line=$(wc -l <"$log")
start=$(date +%s)
# statement_timeout keeps one slow random query from eating the run
PGOPTIONS='-c statement_timeout=2s' timeout 3600 sqlsmith --target="dbname=$db" --seed="${SQLSMITH_SEED:-42}" \
	--max-queries="$queries" --exclude-catalog --verbose >"$tmp/out" 2>&1
rc=$?
secs=$(($(date +%s) - start))
psql -X -q -c "ALTER SYSTEM RESET log_line_prefix" -c "ALTER SYSTEM RESET log_error_verbosity" \
	-c "SELECT pg_reload_conf()" >/dev/null
tail -n +"$((start_line + 1))" "$log" >"$tmp/log"

crashes=$(grep -cE 'terminated by signal|exited with exit code [1-9]|was terminated by' "$tmp/log" || true)
# XX000 LOCATION lines: "LOCATION:  function, file.c:line"; ours when the
# function is defined in src/ (PostgreSQL has files named like some of ours)
grep -E ' XX000 LOCATION: ' "$tmp/log" | sed -E 's/.*LOCATION: +([A-Za-z0-9_]+), ([A-Za-z0-9_.]+):[0-9]+.*/\1 \2/' >"$tmp/xx000"
internal=0
: >"$tmp/ours"
while read -r fn file; do
	if [ -f "src/$file" ] && grep -qE "^$fn\(" "src/$file"; then
		internal=$((internal + 1))
		echo "$fn ($file)" >>"$tmp/ours"
	fi
done <"$tmp/xx000"
errors=$(grep -oE 'error rate: [0-9.]+' "$tmp/out" | tail -1)
echo "sqlsmith: $queries queries requested in ${secs}s (exit $rc, $errors)"
echo "sqlsmith: backend crashes: $crashes"
echo "sqlsmith: XX000 in the log: $(wc -l <"$tmp/xx000"), raised in xdjy's C code: $internal"
if [ "$crashes" -ne 0 ]; then
	grep -B2 -A8 -E 'terminated by signal|exited with exit code [1-9]' "$tmp/log" | head -60
fi
if [ "$internal" -ne 0 ]; then
	sort "$tmp/ours" | uniq -c | sort -rn | head -20 | sed 's/^/  /'
	grep -B1 -A3 ' XX000 ERROR: ' "$tmp/log" | head -60
fi
[ "$crashes" -eq 0 ] && [ "$internal" -eq 0 ]
