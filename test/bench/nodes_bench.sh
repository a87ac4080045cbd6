#!/usr/bin/env bash
# test/bench/nodes_bench.sh: figures of many nodes (README "Many nodes"):
# replication lag and the hub's reconciliation time for N settlements from
# two province nodes (Shandong 370000, Beijing 110000) to a hub, in three
# throwaway clusters like test/t/980_nodes_replication.sh.
#
# Each province makes N/2 remote direct settlements (copies of one settled
# by the engine, written with session_replication_role = replica: the
# engine's speed is figure 2, not this one) and both parties' reports of
# them, committed in one transaction; lag is from that commit until the
# hub holds every row.  Then the hub records its national reports
# (record_national_reports) and reconciles the day
# (record_daily_reconciliation) and the month (reconciliation_monthly_as_of).
#
# BENCH_NODES_N   settlements in all (default 200000)
# Run by `make bench` (BENCH_NODES=0 skips it), or alone; alone it takes
# the machine lock /tmp/xdjy-install.lock as test/run.sh does.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${XDJY_LOCKED:-}" ]; then exec 9>/tmp/xdjy-install.lock; flock 9; fi
n=${BENCH_NODES_N:-200000}
half=$((n / 2))

. test/t/lib/three_nodes.bash
now() { date +%s.%N; }

bad=$(nodes_init) || { echo "nodes bench: node $bad did not start" >&2; exit 1; }
q sd "SELECT xdjy.set_node('province', '370000')" >/dev/null
q bj "SELECT xdjy.set_node('province', '110000')" >/dev/null
q hub "SELECT xdjy.set_node('hub', '100000')" >/dev/null
# the same template settlement at each province: a Jinan employee at a Beijing hospital
for x in sd bj; do
	q $x "INSERT INTO xdjy.region VALUES ('110101', '东城区', 'Dongcheng', 'county', '110000');
INSERT INTO xdjy.institution (code, name_zh, region_code, tier, networked_inpatient)
VALUES ('H11010100001', '北京协和医院', '110101', 3, true);
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
VALUES ('370100', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 100000, 7000, 1000, 50000000, 'inpatient');
INSERT INTO xdjy.person VALUES ('jinan-$x', '张三', '370100', 'employee');
SELECT xdjy.file_temporary('jinan-$x', '110000', '2024-05-01', '2024-05-01');
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-$x', 'H11010100001', 'inpatient', '2024-05-06', '2024-05-15');
SELECT xdjy.settle((SELECT max(id) FROM xdjy.encounter), 2000000, 100000, 'T-$x', '2024-05-15');" >/dev/null ||
		{ echo "nodes bench: the template settlement failed at $x" >&2; exit 1; }
done
q hub "INSERT INTO xdjy.region VALUES ('110101', '东城区', 'Dongcheng', 'county', '110000')" >/dev/null
for x in sd bj; do q $x "SELECT xdjy.publish_to_hub()" >/dev/null; done
q hub "SELECT xdjy.subscribe_province('shandong', 'host=$tmp/sd port=5432 user=postgres dbname=xdjy_node')" >/dev/null
q hub "SELECT xdjy.subscribe_province('beijing', 'host=$tmp/bj port=5432 user=postgres dbname=xdjy_node')" >/dev/null
i=0
until [ "$(q hub "SELECT count(*) FROM xdjy.settlement")" = 2 ]; do
	i=$((i + 1)); [ $i -gt 300 ] && { echo "nodes bench: the templates did not arrive" >&2; exit 1; }
	sleep 0.2
done

# N/2 copies of the template at each province, with both parties' reports
gen() {
	local x=$1
	q $x "SET session_replication_role = replica;
DO \$\$
DECLARE cols text;
BEGIN
	SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
	FROM pg_attribute a WHERE a.attrelid = 'xdjy.settlement'::regclass AND a.attnum > 0
		AND NOT a.attisdropped AND a.attgenerated = '' AND a.attname NOT IN ('id', 'invoice_no');
	EXECUTE format('INSERT INTO xdjy.settlement (invoice_no, %s) SELECT ''B-$x-'' || g, %s
		FROM xdjy.settlement t, generate_series(1, $half) g', cols, cols);
END \$\$;
INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
SELECT p, s.id, s.settled_on, s.total_fen, s.fund_fen, s.personal_fen
FROM xdjy.settlement s, unnest('{insured,treatment}'::text[]) p;" >/dev/null
}
t0=$(now)
gen sd & gen bj & wait
t1=$(now)
want=$((n + 2))
i=0
until [ "$(q hub "SELECT count(*) FROM xdjy.settlement")" = "$want" ] &&
	[ "$(q hub "SELECT count(*) FROM xdjy.party_report")" = "$((2 * want))" ]; do
	i=$((i + 1)); [ $i -gt 7200 ] && { echo "nodes bench: the hub did not catch up in an hour" >&2; exit 1; }
	sleep 0.5
done
t2=$(now)
a=$(q hub "SELECT count(*) || ' ' || sum(total_fen) FROM xdjy.settlement")
b=$( (q sd "SELECT count(*), sum(total_fen) FROM xdjy.settlement"; q bj "SELECT count(*), sum(total_fen) FROM xdjy.settlement") |
	awk -F'|' '{ c += $1; s += $2 } END { printf "%d %.0f\n", c, s }')
t3=$(now)
nat=$(q hub "SELECT xdjy.record_national_reports('2024-05-15')")
t4=$(now)
day=$(q hub "SELECT settlements || ' ' || matched FROM xdjy.record_daily_reconciliation('2024-05-15')")
t5=$(now)
mon=$(q hub "SELECT settlements || ' ' || matched FROM xdjy.reconciliation_monthly_as_of('2024-05-31')")
t6=$(now)
awk -v n="$n" -v g="$(echo "$t1 - $t0" | bc)" -v lag="$(echo "$t2 - $t1" | bc)" \
	-v nat="$(echo "$t4 - $t3" | bc)" -v day="$(echo "$t5 - $t4" | bc)" -v mon="$(echo "$t6 - $t5" | bc)" \
	'BEGIN { printf "nodes: %d settlements from two provinces (%d rows with reports)\n", n, 3 * n;
		printf "  write at the provinces       %8.1f s\n", g;
		printf "  replication lag to the hub   %8.1f s (after the provinces committed)\n", lag;
		printf "  record_national_reports      %8.1f s\n", nat;
		printf "  record_daily_reconciliation  %8.1f s\n", day;
		printf "  reconciliation_monthly_as_of %8.1f s\n", mon }'
echo "  hub: settlements $a; provinces: $b; national reports $nat; day $day; month $mon"
[ "$a" = "$b" ] && [ "$nat" = "$want" ] && [ "$day" = "$want $want" ] && [ "$mon" = "$want $want" ] ||
	{ echo "nodes bench: the hub does not match the provinces" >&2; exit 1; }
