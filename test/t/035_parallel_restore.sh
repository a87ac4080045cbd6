#!/usr/bin/env bash
# Every row comes back whatever order pg_restore loads the tables in.
#
# xdjy's tables are extension configuration tables: CREATE EXTENSION makes
# them with their checks, then the dump's rows arrive, and pg_restore -j
# loads tables in parallel, largest first.  A database of at least 100 000
# settlements (the bench's generator, through the rules, plus the demo and
# the fixtures for every other table) is dumped once in the custom and once
# in the directory format, and restored serially, with -j 2 and -j 4, by
# --section one section at a time, and as plain SQL through psql.  After
# each, every table compares row by row (an md5 of its ordered rows), the
# ledgers' sums, and every identity sequence; pg_dump warns of nothing.
set -uo pipefail
cd "$(dirname "$0")/../.."
persons=${XDJY_RESTORE_PERSONS:-10000}	# 10 encounters, settled, each
src=xdjy_prestore_src_t
tmp=$(mktemp -d)
dbs=()
cleanup() {
	rm -rf "$tmp"
	for d in $src "${dbs[@]}"; do dropdb --if-exists "$d" >/dev/null 2>&1; done
}
trap cleanup EXIT
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
dropdb --if-exists $src >/dev/null 2>&1
createdb $src || { echo "Bail out! createdb"; exit 1; }

start=$(date +%s)
# the sample reference data and the bench's rules, the pgTAP reporting
# fixture (claims, reports, uploads, clearing rows: ids 6000 and up), then
# the generated settlements through the rules (persons from 101: ids from
# 10 100, clear of the fixture's)
step() { "$@" >/dev/null 2>"$tmp/err" || { echo "Bail out! $*: $(grep -m3 ERROR "$tmp/err")"; exit 1; }; }
step q -d $src -c 'CREATE EXTENSION xdjy CASCADE' -f test/fixtures/sample.sql
step q -d $src -1 -c 'SET search_path = xdjy, public' -f test/pgtap/include/reporting_data.sql
step q -d $src -f test/bench/setup.sql \
	-c "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('xdjy.' || t, 'id'), 20000000)
		FROM unnest('{settlement,filing,filing_history,settlement_attempt}'::text[]) t"
step q -d $src -c "CREATE TABLE bench.s_filing AS SELECT * FROM bench.filings(101, $((persons + 100)))" \
	-c "CREATE TABLE bench.s_encounter AS SELECT * FROM bench.encounters(101, $((persons + 100)), false)" \
	-c "INSERT INTO xdjy.person (id, name, insured_region, scheme)
		SELECT id, 'bench ' || p, insured_region, scheme FROM bench.persons(101, $((persons + 100)))" \
	-c "INSERT INTO xdjy.filing (id, person_id, destination_region, category, start_date, applied_on, channel, pledge, proof)
		SELECT id, person_id, destination_region, category::xdjy.residence_category, start_date, applied_on, 'app', pledge, proof
		FROM bench.s_filing ORDER BY id" \
	-c "INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency, trauma, third_party, trauma_pledge)
		SELECT id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency, trauma, third_party, trauma_pledge
		FROM bench.s_encounter ORDER BY admitted_on, id" \
	-c "INSERT INTO xdjy.settlement (encounter_id, settled_on, mode, invoice_no, total_fen, out_of_scope_fen)
		SELECT id, settled_on, 'direct', invoice_no, total_fen, out_of_scope_fen
		FROM bench.s_encounter ORDER BY settled_on, id" \
	-c "DROP SCHEMA bench CASCADE"
nset=$(psql -X -At -d $src -c 'SELECT count(*) FROM xdjy.settlement')
loaded=$(($(date +%s) - start))

tables=$(psql -X -At -d $src <<'SQL'
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) u(cfg) JOIN pg_class c ON c.oid = u.cfg
WHERE e.extname = 'xdjy' AND c.relkind = 'r' ORDER BY 1
SQL
)
seqs=$(psql -X -At -d $src <<'SQL'
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) u(cfg) JOIN pg_class c ON c.oid = u.cfg
WHERE e.extname = 'xdjy' AND c.relkind = 'S' ORDER BY 1
SQL
)
# one line per table (rows, md5 of the ordered rows), the ledgers' sums,
# one line per sequence
fingerprint() {
	local t s
	for t in $tables; do
		psql -X -At -d "$1" -c "SELECT '$t', count(*), md5(coalesce(string_agg(x::text, E'\n' ORDER BY x::text), '')) FROM xdjy.$t x"
	done
	psql -X -At -d "$1" -c "SELECT 'ledger sums', sum(deductible_met_fen), sum(fund_paid_fen) FROM xdjy.ledger"
	psql -X -At -d "$1" -c "SELECT 'settlement sums', sum(total_fen), sum(fund_fen), sum(personal_fen) FROM xdjy.settlement"
	for s in $seqs; do
		psql -X -At -d "$1" -c "SELECT '$s', last_value, is_called FROM xdjy.$s"
	done
}
fingerprint $src >"$tmp/src.fp"

echo "1..9"
[ "$nset" -ge $((persons * 10)) ] && echo "ok 1 - the source holds $nset settlements (loaded through the rules in ${loaded} s)" ||
	echo "not ok 1 - only $nset settlements"

pg_dump -Fc -d $src -f "$tmp/dump.c" 2>"$tmp/dump.err" &&
	pg_dump -Fd -j 2 -d $src -f "$tmp/dump.d" 2>>"$tmp/dump.err" &&
	pg_dump -Fp -d $src -f "$tmp/dump.sql" 2>>"$tmp/dump.err"
if [ $? -eq 0 ] && [ ! -s "$tmp/dump.err" ]; then
	echo "ok 2 - pg_dump (custom, directory with -j 2, plain) without a warning"
else
	echo "not ok 2 - pg_dump failed or warned"
	sed 's/^/# /' "$tmp/dump.err" | head -10
fi

n=2
# restore NAME COMMAND: COMMAND (evaluated, $dst in it) restores into a
# fresh database $dst, which is then compared with the source
restore() {
	local name=$1 cmd=$2 t0 rc
	n=$((n + 1))
	dst=xdjy_prestore_${n}_t
	dbs+=("$dst")
	dropdb --if-exists $dst >/dev/null 2>&1
	createdb $dst
	t0=$(date +%s)
	eval "$cmd" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	fingerprint $dst >"$tmp/dst.fp"
	if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && cmp -s "$tmp/src.fp" "$tmp/dst.fp"; then
		echo "ok $n - $name: every row, ledger sum and sequence back ($(($(date +%s) - t0)) s)"
	else
		echo "not ok $n - $name (rc $rc)"
		sed 's/^/# /' "$tmp/err" | head -10
		diff "$tmp/src.fp" "$tmp/dst.fp" | head -10 | sed 's/^/# /'
	fi
	dropdb --if-exists $dst >/dev/null 2>&1
}
sections() {
	local s
	for s in pre-data data post-data; do
		pg_restore --section=$s -d "$dst" "$tmp/dump.c" || return 1
	done
}
restore "pg_restore, serial" 'pg_restore -d $dst "$tmp/dump.c"'
restore "pg_restore -j 2" 'pg_restore -j 2 -d $dst "$tmp/dump.c"'
restore "pg_restore -j 4" 'pg_restore -j 4 -d $dst "$tmp/dump.c"'
restore "pg_restore -j 4 of a directory dump" 'pg_restore -j 4 -d $dst "$tmp/dump.d"'
restore "pg_restore --section pre-data, data, post-data" 'sections'
restore "plain SQL through psql" 'psql -X -q -v ON_ERROR_STOP=1 -d $dst -f "$tmp/dump.sql"'
restore "pg_restore --single-transaction" 'pg_restore -1 -d $dst "$tmp/dump.c"'
