#!/usr/bin/env bash
# test/bench/bench.sh: `make bench`, inside pg_virtualenv (test/run.sh).
#
# Prints a table of ratios, each measured within this run against its own
# baseline, with the absolute figures beside it (the machine is noisy:
# absolute times alone mean nothing).  Issue 7's figures:
#   1 bulk load through every rule trigger ÷ the same rows, triggers off
#   2 the settlement engine in C ÷ the same rules in PL/pgSQL
#     (test/bench/plpgsql_engine.sql; identical results asserted)
#   3 settle() at 8 clients (pgbench) ÷ a bare single-row insert
#   4 settle per row with BIG settlements present ÷ with 10 000
#   5 monthly three-party reconciliation ÷ a plain three-way full join
#   6 add_working_days over 10 years of calendar, calls/s
# and the rejected share through try_settle, per row.
#
# BENCH_SCALE   tiny (seconds, correctness only), 1 (default: the whole run
#               in about 10 minutes on 2 cores), or a larger integer n:
#               main set 100 000 × n settlements, BIG = 1 M × n (10 gives
#               the issue's 10 M)
# BENCH_ONLY    check: only the PL/pgSQL-vs-C equality on the main set,
#               printed as TAP (test/t/700_bench_smoke.sh)
# BENCH_SECONDS pgbench duration of each run of figure 3 (default 20)
set -euo pipefail
cd "$(dirname "$0")/../.."

scale=${BENCH_SCALE:-1}
only=${BENCH_ONLY:-all}
case "$scale" in
	tiny) main_persons=40; big_persons=2000; small_persons=1000; batch_persons=100
		pool=3000; seconds=${BENCH_SECONDS:-2}; wd_calls=20000 ;;
	*[!0-9]* | '') echo "bench: BENCH_SCALE is tiny or a positive integer" >&2; exit 2 ;;
	*) main_persons=$((10000 * scale)); big_persons=$((100000 * scale)); small_persons=1000
		batch_persons=$((1000 * scale)); pool=$((60000 * scale)); seconds=${BENCH_SECONDS:-20}
		wd_calls=$((500000 * scale)) ;;
esac
db=xdjy_bench
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
bindir=$("${PG_CONFIG:-pg_config}" --bindir)
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d $db)
sql() { "${PSQL[@]}" "$@"; }
val() { "${PSQL[@]}" -At "$@"; }
ms() { val -c "SELECT round(ms::numeric, 1) FROM bench.timing WHERE label = '$1'"; }
say() { [ "$only" = check ] || echo "$@"; }

say "== bench: scale $scale ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
dropdb --if-exists $db >/dev/null 2>&1
createdb $db
# a throwaway cluster: big loads should not checkpoint every few seconds
psql -X -q -d $db -c "ALTER SYSTEM SET max_wal_size = '8GB'" -c "SELECT pg_reload_conf()" >/dev/null
sql -c "SET client_min_messages = warning" -c "CREATE EXTENSION xdjy CASCADE"
sql -f test/fixtures/sample.sql
sql -f test/bench/setup.sql
sql -f test/bench/plpgsql_engine.sql

# ---------------------------------------------------------------------------
# the main set: persons 1..main_persons, 10 encounters each, their filings
sql <<SQL
CREATE TABLE bench.s_filing AS SELECT * FROM bench.filings(1, $main_persons);
CREATE TABLE bench.s_encounter AS SELECT * FROM bench.encounters(1, $main_persons, true);
ANALYZE bench.s_filing, bench.s_encounter;
INSERT INTO xdjy.person (id, name, insured_region, scheme)
SELECT id, 'bench ' || p, insured_region, scheme FROM bench.persons(1, $main_persons);
SQL
n_main=$(val -c "SELECT count(*) FROM bench.s_encounter WHERE expect IS NULL")
n_rej=$(val -c "SELECT count(*) FROM bench.s_encounter WHERE expect NOT IN ('ok')")

# the client's statements, the same whether the rules run or not
load_filing="INSERT INTO xdjy.filing (id, person_id, destination_region, category, start_date, applied_on, channel, pledge, proof)
	SELECT id, person_id, destination_region, category::xdjy.residence_category, start_date, applied_on, 'app', pledge, proof
	FROM bench.s_filing ORDER BY id"
load_encounter="INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency, trauma, third_party, trauma_pledge)
	SELECT id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency, trauma, third_party, trauma_pledge
	FROM bench.s_encounter WHERE expect IS NULL ORDER BY admitted_on, id"
load_settlement="INSERT INTO xdjy.settlement (encounter_id, settled_on, mode, invoice_no, total_fen, out_of_scope_fen)
	SELECT id, settled_on, 'direct', invoice_no, total_fen, out_of_scope_fen
	FROM bench.s_encounter WHERE expect IS NULL ORDER BY settled_on, id"
reset_tables="TRUNCATE xdjy.settlement, xdjy.ledger, xdjy.encounter, xdjy.filing_history, xdjy.filing, xdjy.settlement_attempt RESTART IDENTITY CASCADE"
user_triggers() {	# enable|disable the rule triggers of the loaded tables
	sql -c "ALTER TABLE xdjy.filing $1 TRIGGER USER" -c "ALTER TABLE xdjy.encounter $1 TRIGGER USER" \
		-c "ALTER TABLE xdjy.settlement $1 TRIGGER USER" -c "ALTER TABLE xdjy.settlement DISABLE TRIGGER bench_plpgsql_engine"
}
timed() { sql -c "CHECKPOINT" -c "CALL bench.timed('$1', \$q\$$2\$q\$)"; }

engine_columns="encounter_id, person_id, institution_code, insured_region, treatment_region, filing_id, scope,
	category, category_reason, policy_id, ratio_bp, policy_ratio_bp, first_selfpay_bp, first_selfpay_fen,
	policy_deductible_fen, deductible_fen, annual_cap_fen, fund_fen, personal_fen, service_on, quota_group,
	invoice_seq, adjustment_ids, ratio_steps, in_scope_fen, deductible_met_before_fen, fund_paid_before_fen"

# 1 and 2: through the C rules --------------------------------------------
timed c_filing "$load_filing"
timed c_encounter "$load_encounter"
timed c_settlement "$load_settlement"
sql -c "CREATE TABLE bench.c_result AS SELECT $engine_columns FROM xdjy.settlement" \
	-c "CREATE TABLE bench.c_ledger AS SELECT * FROM xdjy.ledger"

# the PL/pgSQL engine on the same rows (filings and encounters through the
# C rules again, untimed): every engine column must come out the same
sql -c "$reset_tables"
sql -c "$load_filing" -c "$load_encounter"
sql -c "ALTER TABLE xdjy.settlement DISABLE TRIGGER settlement_engine" \
	-c "ALTER TABLE xdjy.settlement ENABLE TRIGGER bench_plpgsql_engine"
timed plpgsql_settlement "$load_settlement"
sql -c "ALTER TABLE xdjy.settlement ENABLE TRIGGER settlement_engine" \
	-c "ALTER TABLE xdjy.settlement DISABLE TRIGGER bench_plpgsql_engine"
diff_rows=$(val -c "SELECT count(*) FROM ((SELECT $engine_columns FROM xdjy.settlement EXCEPT ALL SELECT * FROM bench.c_result)
	UNION ALL (SELECT * FROM bench.c_result EXCEPT ALL SELECT $engine_columns FROM xdjy.settlement)) d")
diff_ledger=$(val -c "SELECT count(*) FROM ((TABLE xdjy.ledger EXCEPT ALL TABLE bench.c_ledger)
	UNION ALL (TABLE bench.c_ledger EXCEPT ALL TABLE xdjy.ledger)) d")
mix=$(val -c "SELECT string_agg(category || ' ' || round(100.0 * n / t, 1) || '%', ', ' ORDER BY category)
	FROM (SELECT category, count(*) n, sum(count(*)) OVER () t FROM bench.c_result GROUP BY 1) c")
if [ "$only" = check ]; then
	echo "1..3"
	[ "$(val -c "SELECT count(*) FROM bench.c_result")" -eq "$n_main" ] &&
		echo "ok 1 - the C engine settled all $n_main generated settlements ($mix)" ||
		echo "not ok 1 - the C engine settled $(val -c "SELECT count(*) FROM bench.c_result") of $n_main"
	[ "$diff_rows" -eq 0 ] && echo "ok 2 - PL/pgSQL engine fills every engine column as the C engine does" ||
		echo "not ok 2 - PL/pgSQL and C settlements differ in $diff_rows rows"
	[ "$diff_ledger" -eq 0 ] && echo "ok 3 - PL/pgSQL and C engines leave the same ledgers (000 §三(三))" ||
		echo "not ok 3 - ledgers differ in $diff_ledger rows"
	[ -n "${BENCH_KEEP:-}" ] || dropdb $db
	exit 0
fi
if [ "$diff_rows" -ne 0 ] || [ "$diff_ledger" -ne 0 ]; then
	echo "bench: PL/pgSQL and C engines disagree: $diff_rows settlements, $diff_ledger ledger rows" >&2
	exit 1
fi

# 1: the same rows with the rule triggers off ------------------------------
sql -c "$reset_tables"
user_triggers DISABLE
timed bare_filing "$load_filing"
timed bare_encounter "$load_encounter"
timed bare_settlement "$load_settlement"
user_triggers ENABLE

# the C load again, for the rejected share: the rows the rules refuse, each
# through try_settle (a subtransaction, an attempt row with the SQLSTATE)
sql -c "$reset_tables"
sql -c "$load_filing" -c "$load_encounter" -c "$load_settlement"
sql <<'SQL'
INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency, trauma, third_party, trauma_pledge)
SELECT id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency, trauma, third_party, trauma_pledge
FROM bench.s_encounter WHERE expect IS NOT NULL ORDER BY id;
SELECT count(xdjy.settle(id, total_fen, out_of_scope_fen, invoice_no, settled_on))
FROM bench.s_encounter WHERE expect = 'ok';
SQL
timed try_rejected "SELECT count(xdjy.try_settle(id, total_fen, out_of_scope_fen, invoice_no, settled_on))
	FROM bench.s_encounter WHERE expect NOT IN ('ok')"
wrong=$(val -c "SELECT count(*) FROM bench.s_encounter e LEFT JOIN xdjy.settlement_attempt a ON a.encounter_id = e.id
	WHERE e.expect NOT IN ('ok') AND a.sqlstate IS DISTINCT FROM e.expect")
rejected_mix=$(val -c "SELECT string_agg(sqlstate || ' ' || n, ', ' ORDER BY sqlstate)
	FROM (SELECT sqlstate, count(*) n FROM xdjy.settlement_attempt GROUP BY 1) a")
if [ "$wrong" -ne 0 ]; then
	echo "bench: $wrong rejected rows were not rejected with the expected SQLSTATE" >&2
	exit 1
fi
