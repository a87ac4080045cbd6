#!/usr/bin/env bash
# test/stress/10_settle_ledgers.sh: 32 clients settle and reverse at once
# for STRESS_SECONDS (default 60) with pgbench (test/stress/settle.pgbench)
# against 200 persons with a small shared outpatient quota (000 §三(三)).
# Then an audit recomputes every ledger from the settlements and prints
#   cap overruns: 0          (fund paid in a year above the annual cap)
#   deductible overruns: 0   (deductible met above the policy's)
#   ledger mismatches: 0     (ledger row vs the sums of its settlements)
#   amount mismatches: 0     (fund + personal <> total, negative shares)
# and fails unless all are 0.  Runs inside pg_virtualenv (make stress).
set -uo pipefail
cd "$(dirname "$0")/../.."
clients=${STRESS_CLIENTS:-32}
seconds=${STRESS_SECONDS:-60}
db=xdjy_stress_settle
bindir=$("${PG_CONFIG:-pg_config}" --bindir)
dropdb --if-exists $db >/dev/null 2>&1
createdb $db || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d $db <<'SQL' || exit 1
SET client_min_messages = warning;
CREATE EXTENSION xdjy CASCADE;
INSERT INTO xdjy.person (id, name, insured_region, scheme)
SELECT 'st-' || g, 'stress ' || g, '371000', 'employee' FROM generate_series(1, 200) g;
INSERT INTO xdjy.institution (code, name_zh, region_code, tier, kind, networked_outpatient) VALUES
	('st-wh', '威海医院', '371002', 2, 'hospital', true),
	('st-bj', '北京医院', '110105', 3, 'hospital', true),
	('st-wh-ph', '威海药店', '371002', 0, 'pharmacy', true),
	('st-bj-ph', '北京药店', '110105', 0, 'pharmacy', true);
-- one 500-yuan quota a year for local and remote outpatient care and
-- pharmacy purchases, with a 10-yuan deductible (000 §三(三))
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('371000', 'employee', 'local', 'outpatient', '[2024-01-01,2025-01-01)', 1000, 9000, 0, 50000, 'outpatient'),
	('371000', 'employee', 'local', 'pharmacy', '[2024-01-01,2025-01-01)', 1000, 8000, 0, 50000, 'outpatient'),
	('371000', 'employee', 'temporary', 'outpatient', '[2024-01-01,2025-01-01)', 1000, 7000, 1000, 50000, 'outpatient'),
	('371000', 'employee', 'temporary', 'pharmacy', '[2024-01-01,2025-01-01)', 1000, 7000, 1000, 50000, 'outpatient');
-- the odd persons are filed for Beijing; the even ones' Beijing visits are rejected (YB301)
INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on)
SELECT 'st-' || g, '110000', 'temporary_outside', '2024-01-01', '2024-01-01'
FROM generate_series(1, 200, 2) g;
-- reverse one of the person's standing settlements; a race lost to another
-- client is recorded, not raised (pgbench would stop the client)
CREATE FUNCTION public.st_reverse_one(p integer) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	PERFORM xdjy.reverse_settlement(s.id, '2024-12-31')
	FROM xdjy.settlement s
	WHERE s.person_id = 'st-' || p AND s.reverses IS NULL
	  AND NOT EXISTS (SELECT 1 FROM xdjy.settlement r WHERE r.reverses = s.id)
	ORDER BY s.id DESC LIMIT 1;
	RETURN true;
EXCEPTION WHEN OTHERS THEN
	INSERT INTO xdjy.settlement_attempt (attempted_on, mode, sqlstate, message)
	VALUES ('2024-12-31', 'reversal', SQLSTATE, SQLERRM);
	RETURN false;
END $$;
SQL

echo "pgbench: $clients clients, ${seconds}s, test/stress/settle.pgbench"
"$bindir/pgbench" -n -c "$clients" -j 4 -T "$seconds" -f test/stress/settle.pgbench $db >/tmp/xdjy_stress_pgbench.out 2>&1
pgbench_rc=$?
grep -E 'number of (transactions|failed)|latency average|tps|aborted|error' /tmp/xdjy_stress_pgbench.out | head -20 | sed 's/^/  /'

psql -X -At -d $db <<'SQL' > /tmp/xdjy_stress_settle.out
WITH sums AS (
	SELECT person_id, extract(year FROM service_on)::int AS year, quota_group,
	       sum(deductible_fen) AS ded, sum(fund_fen) AS fund,
	       max(annual_cap_fen) AS cap, max(policy_deductible_fen) AS policy_ded
	FROM xdjy.settlement GROUP BY 1, 2, 3)
SELECT 'settlements: ' || (SELECT count(*) FROM xdjy.settlement WHERE reverses IS NULL)
	|| ', reversals: ' || (SELECT count(*) FROM xdjy.settlement WHERE reverses IS NOT NULL)
	|| ', persons at the cap: ' || (SELECT count(*) FROM sums WHERE fund = cap)
UNION ALL
SELECT 'rejected: ' || coalesce((SELECT string_agg(sqlstate || ' ' || n, ', ' ORDER BY sqlstate)
	FROM (SELECT sqlstate, count(*) AS n FROM xdjy.settlement_attempt GROUP BY 1) a), 'none')
UNION ALL
SELECT 'cap overruns: ' || (SELECT count(*) FROM sums WHERE fund > cap)
UNION ALL
SELECT 'deductible overruns: ' || (SELECT count(*) FROM sums WHERE ded > policy_ded)
UNION ALL
SELECT 'ledger mismatches: ' || (SELECT count(*) FROM xdjy.ledger l
	FULL JOIN sums s USING (person_id, year, quota_group)
	WHERE l.fund_paid_fen IS DISTINCT FROM s.fund OR l.deductible_met_fen IS DISTINCT FROM s.ded)
UNION ALL
SELECT 'amount mismatches: ' || (SELECT count(*) FROM xdjy.settlement
	WHERE fund_fen + personal_fen <> total_fen
	   OR (reverses IS NULL AND (fund_fen < 0 OR personal_fen < 0 OR deductible_fen < 0)));
SQL
sed 's/^/  /' /tmp/xdjy_stress_settle.out
bad=$(grep -E '^(cap overruns|deductible overruns|ledger mismatches|amount mismatches): ' /tmp/xdjy_stress_settle.out |
	awk -F': ' '{ s += $2 } END { print s + 0 }')
settled=$(sed -n 's/^settlements: \([0-9]*\).*/\1/p' /tmp/xdjy_stress_settle.out)
dropdb $db
echo "  pgbench exit: $pgbench_rc"
[ "$pgbench_rc" -eq 0 ] && [ "$bad" -eq 0 ] && [ "${settled:-0}" -gt 0 ]
