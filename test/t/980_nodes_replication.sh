#!/usr/bin/env bash
# Three parties on three nodes (三方对账, 鲁医保发〔2022〕26号 第四条(一)):
# two province nodes (Shandong 370000, the insured place; Beijing 110000,
# the treatment place) publish to a national hub by PostgreSQL's logical
# replication, in three throwaway clusters on sockets of their own.  A
# cross-province settlement made at the insured node and reported by both
# provinces and the hub reconciles as matched at the hub; a dropped report,
# a changed amount and a node stopped mid-stream show up as the matching
# kinds; ids never collide; the hub is dumped and restored.
set -uo pipefail
cd "$(dirname "$0")/../.."

. test/t/lib/three_nodes.bash
# wait until the hub's query gives the value wanted (at most 30 s)
await() {
	local want=$1 sql=$2 i got
	for i in $(seq 1 150); do
		got=$(q hub "$sql")
		[ "$got" = "$want" ] && { echo "$got"; return 0; }
		sleep 0.2
	done
	echo "$got"
	return 1
}

echo "1..13"
bad=$(nodes_init) || { echo "Bail out! node $bad did not start"; exit 1; }
r1=$(q sd "SELECT xdjy.set_node('province', '370000')")
r2=$(q bj "SELECT xdjy.set_node('province', '110000')")
r3=$(q hub "SELECT xdjy.set_node('hub', '100000')")
seqs=$(q sd "SELECT count(*) FROM xdjy.node_sequence")
[ "$(q sd "SELECT role || ' ' || region_code FROM xdjy.node")" = "province 370000" ] && [ "$seqs" -gt 10 ] &&
	[ "$(q sd "SELECT nextval('xdjy.party_report_id_seq'::regclass) / 1000000000000")" = 370000 ] &&
	echo "ok 1 - three nodes; set_node re-bases $seqs identity sequences: ids start at region * 10^12 ($r1; $r2; $r3)" ||
	echo "not ok 1 - set_node: $r1 / $r2 / $r3 ($seqs sequences)"
q sd "SELECT setval('xdjy.party_report_id_seq'::regclass, 370000000000000, false)" >/dev/null

# the insured node: a Jinan employee filed for Beijing, settled at a Beijing hospital
q sd "INSERT INTO xdjy.region VALUES ('110101', '东城区', 'Dongcheng', 'county', '110000');
INSERT INTO xdjy.institution (code, name_zh, region_code, tier, networked_inpatient)
VALUES ('H11010100001', '北京协和医院', '110101', 3, true);
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
VALUES ('370100', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 100000, 7000, 1000, 50000000, 'inpatient');
INSERT INTO xdjy.person VALUES ('jinan-1', '张三', '370100', 'employee');
SELECT xdjy.file_temporary('jinan-1', '110000', '2024-05-01', '2024-05-01');" >/dev/null
for n in bj hub; do q $n "INSERT INTO xdjy.region VALUES ('110101', '东城区', 'Dongcheng', 'county', '110000')" >/dev/null; done
p1=$(q sd "SELECT xdjy.publish_to_hub()")
p2=$(q bj "SELECT xdjy.publish_to_hub()")
s1=$(q hub "SELECT xdjy.subscribe_province('shandong', 'host=$tmp/sd port=5432 user=postgres dbname=xdjy_node')")
s2=$(q hub "SELECT xdjy.subscribe_province('beijing', 'host=$tmp/bj port=5432 user=postgres dbname=xdjy_node')")
bad=$(q hub "SELECT xdjy.publish_to_hub()" | grep -c "only a province")
pubt=$(q sd "SELECT count(*) FROM pg_publication WHERE pubname = 'xdjy_to_hub' AND pubinsert AND pubupdate AND pubdelete AND NOT pubtruncate")
[ "$p1 $p2 $s1 $s2 $bad $pubt" = "xdjy_to_hub xdjy_to_hub xdjy_from_shandong xdjy_from_beijing 1 1" ] &&
	echo "ok 2 - publish_to_hub at the provinces (no TRUNCATE), subscribe_province at the hub; the hub does not publish" ||
	echo "not ok 2 - publish/subscribe: $p1 / $p2 / $s1 / $s2 / $bad / $pubt"

# settle at the insured node, stays recorded at both provinces, reports from each party
sid=$(q sd "INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-1', 'H11010100001', 'inpatient', '2024-05-06', '2024-05-15') RETURNING id;" | head -1)
setl=$(q sd "SELECT id FROM xdjy.settle($sid, 2000000, 100000, 'INV-1', '2024-05-15')" | head -1)
q sd "INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	SELECT 'insured', id, settled_on, total_fen, fund_fen, personal_fen FROM xdjy.settlement WHERE id = $setl" >/dev/null
q bj "INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	VALUES ('treatment', $setl, '2024-05-15', 2000000, 1127000, 873000)" >/dev/null
got=$(await "1|1|2" "SELECT (SELECT count(*) FROM xdjy.settlement), (SELECT count(*) FROM xdjy.encounter), (SELECT count(*) FROM xdjy.party_report)")
ledger=$(q hub "SELECT count(*) FROM xdjy.ledger")
[ "${setl:0:6}" = 370000 ] && [ "$got" = "1|1|2" ] && [ "$ledger" = 0 ] &&
	echo "ok 3 - settlement $setl and both provinces' reports arrive at the hub as decided: no rule re-run, the hub's ledger untouched" ||
	echo "not ok 3 - at the hub: $got, ledger $ledger (settlement $setl)"

nat=$(q hub "SELECT xdjy.record_national_reports('2024-05-15')")
nat2=$(q hub "SELECT xdjy.record_national_reports('2024-05-15')")
rec=$(q hub "SELECT settlements, matched, mismatched FROM xdjy.record_daily_reconciliation('2024-05-15')")
mon=$(q hub "SELECT count(*) FROM xdjy.reconciliation_mismatch WHERE settlement_id = $setl")
ex=$(q hub "SELECT count(*) FROM xdjy.explain_settlement($setl) WHERE rule = 'fund' AND amount_fen = 1127000")
si=$(q hub "SELECT count(*) FROM xdjy.export_setlinfo('2024-05-01', '2024-05-31')")
mo=$(q hub "SELECT settlements, matched, mismatched FROM xdjy.reconciliation_monthly_as_of('2024-05-31') WHERE month = '2024-05-01'")
[ "$nat $nat2" = "1 0" ] && [ "$mo" = "1|1|0" ] && [ "$rec" = "1|1|0" ] && [ "$mon" = 0 ] && [ "$ex" = 1 ] && [ "$si" = 1 ] &&
	echo "ok 4 - record_national_reports writes the hub's report once; the day and the month reconcile matched; explain_settlement and export_setlinfo answer" ||
	echo "not ok 4 - national $nat/$nat2, hub reconciliation $rec, month $mo, mismatches $mon, explain $ex, setlinfo $si"

# a report dropped at the treatment node, an amount changed at the insured node
q bj "DELETE FROM xdjy.party_report WHERE settlement_id = $setl" >/dev/null
k=$(await "missing_at_treatment" "SELECT string_agg(kind::text, ',' ORDER BY kind) FROM xdjy.reconciliation_mismatch WHERE settlement_id = $setl")
[ "$k" = missing_at_treatment ] && echo "ok 5 - a report deleted at the treatment node: missing_at_treatment at the hub" ||
	echo "not ok 5 - after the delete at bj: $k"
q bj "INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	VALUES ('treatment', $setl, '2024-05-15', 2000000, 1127000, 873000)" >/dev/null
q sd "UPDATE xdjy.party_report SET fund_fen = 1126000, personal_fen = 874000 WHERE settlement_id = $setl" >/dev/null
k=$(await "amount_differs" "SELECT string_agg(kind::text, ',' ORDER BY kind) FROM xdjy.reconciliation_mismatch WHERE settlement_id = $setl")
[ "$k" = amount_differs ] && echo "ok 6 - an amount changed at the insured node: amount_differs at the hub" ||
	echo "not ok 6 - after the update at sd: $k"
q sd "UPDATE xdjy.party_report SET fund_fen = 1127000, personal_fen = 873000 WHERE settlement_id = $setl" >/dev/null

# the Beijing node stops mid-stream; its reports made meanwhile arrive once after it is back
stop bj
sleep 0.5
start bj
q bj "INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	SELECT 'treatment', 110000000000000 + g, '2024-05-16', 1000 * g, 700 * g, 300 * g FROM generate_series(1, 200) g" >/dev/null
stop hub
q sd "INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	SELECT 'insured', 110000000000000 + g, '2024-05-16', 1000 * g, 700 * g, 300 * g FROM generate_series(1, 200) g" >/dev/null
start hub
q hub "SELECT xdjy.subscribe_province('beijing', 'host=$tmp/bj port=5432 user=postgres dbname=xdjy_node')" >/dev/null
want=$( (q sd "SELECT count(*), sum(total_fen) FROM xdjy.party_report"; q bj "SELECT count(*), sum(total_fen) FROM xdjy.party_report") |
	awk -F'|' '{ n += $1; s += $2 } END { print n "|" s + 2000000 }')
want=$(echo "$want" | awk -F'|' '{ print $1 + 1 "|" $2 }')
got=$(await "$want" "SELECT count(*), sum(total_fen) FROM xdjy.party_report")
dups=$(q hub "SELECT count(*) FROM (SELECT id FROM xdjy.party_report GROUP BY id HAVING count(*) > 1) d")
unk=$(q hub "SELECT unknown_settlements FROM xdjy.record_daily_reconciliation('2024-05-16')")
[ "$dups" = 0 ] && [ -n "$got" ] && [ "$got" = "$want" ] && [ "$unk" = 200 ] &&
	echo "ok 7 - node and hub stopped mid-stream: after the restart the hub's count and sum are the provinces' plus its own ($got), no duplicate, no gap" ||
	echo "not ok 7 - after the restarts: hub $got, provinces $want, duplicates $dups, unknown $unk"

# the hub dumped and restored (the reference checks fire on the load)
PGHOST="$tmp/hub" pg_dump -Fc -f "$tmp/hub.dump" xdjy_node 2>"$tmp/dump.err" &&
	PGHOST="$tmp/hub" createdb xdjy_restored &&
	PGHOST="$tmp/hub" pg_restore --no-subscriptions -d xdjy_restored "$tmp/hub.dump" 2>"$tmp/restore.err"
rc=$?
a=$(q hub "SELECT (SELECT count(*) FROM xdjy.settlement), (SELECT count(*) FROM xdjy.party_report), (SELECT sum(total_fen) FROM xdjy.party_report), (SELECT role FROM xdjy.node)")
b=$(PGDATABASE=xdjy_restored q hub "SELECT (SELECT count(*) FROM xdjy.settlement), (SELECT count(*) FROM xdjy.party_report), (SELECT sum(total_fen) FROM xdjy.party_report), (SELECT role FROM xdjy.node)")
[ $rc = 0 ] && [ "$a" = "$b" ] && [ "${b%|hub}" != "$b" ] && echo "ok 8 - the hub dumps and restores: $b" ||
	{ echo "not ok 8 - restore rc $rc: $a vs $b"; sed 's/^/# /' "$tmp/restore.err" | head -10; }

ids=$(q hub "SELECT count(DISTINCT id / 1000000000000) FROM xdjy.party_report")
[ "$ids" = 3 ] && echo "ok 9 - the hub's reports carry ids of three ranges (370000, 110000, 100000): none collided" ||
	echo "not ok 9 - id ranges at the hub: $ids"

# the same reference row from both provinces is skipped; a different one is kept first and recorded
q sd "INSERT INTO xdjy.region VALUES ('110102', '西城区', 'Xicheng', 'county', '110000')" >/dev/null
await "1" "SELECT count(*) FROM xdjy.region WHERE code = '110102'" >/dev/null
q bj "INSERT INTO xdjy.region VALUES ('110102', '西城', 'Xicheng', 'county', '110000');
INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	VALUES ('treatment', 110000000000999, '2024-05-17', 1, 1, 0)" >/dev/null
after=$(await "1" "SELECT count(*) FROM xdjy.party_report WHERE settlement_id = 110000000000999")
c=$(q hub "SELECT table_name || ' ' || (key->>'code') || ' ' || subscription || ' ' || (kept->>'name_zh') || ' ' || (received->>'name_zh') FROM xdjy.node_conflict")
same=$(q hub "SELECT count(*) FROM xdjy.region WHERE code = '110101'")
[ "$after" = 1 ] && [ "$c" = "xdjy.region 110102 xdjy_from_beijing 西城区 西城" ] && [ "$same" = 1 ] &&
	echo "ok 10 - a reference row both provinces send alike is skipped; a differing one keeps the first, is recorded in node_conflict, and apply goes on" ||
	echo "not ok 10 - conflict: $c, apply after: $after, 110101 rows: $same"

off=$(q sd "SELECT xdjy.record_national_reports('2024-05-15')" | grep -c "only the hub")
[ "$off" = 1 ] && echo "ok 11 - record_national_reports off the hub is YB955" || echo "not ok 11 - at a province: $off"

# the restored hub: set_node again restores the sequences' range guard; another region is refused
g1=$(PGDATABASE=xdjy_restored q hub "SELECT xdjy.set_node('hub', '100000')")
g2=$(PGDATABASE=xdjy_restored q hub "SELECT min_value || ' ' || max_value FROM pg_sequences WHERE sequencename = 'party_report_id_seq'")
g3=$(PGDATABASE=xdjy_restored q hub "SELECT xdjy.set_node('hub', '370000')" | grep -c "outside the node")
[ "${g1#hub 100000}" != "$g1" ] && [ "$g2" = "100000000000000001 100000999999999999" ] && [ "$g3" = 1 ] &&
	echo "ok 12 - the restored hub: set_node restores the range guard ($g2); re-basing to another region is YB953" ||
	echo "not ok 12 - restored hub: $g1 / $g2 / $g3"

# the Shandong subscription lost while rows are made, changed and deleted there: resubscribed with a full copy
q hub "ALTER SUBSCRIPTION xdjy_from_shandong DISABLE" >/dev/null
q sd "INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	SELECT 'insured', 110000000000000 + g, '2024-05-18', 10 * g, 7 * g, 3 * g FROM generate_series(1, 50) g;
UPDATE xdjy.party_report SET total_fen = total_fen + 1, fund_fen = fund_fen + 1 WHERE reported_on = '2024-05-16' AND settlement_id = 110000000000001;
DELETE FROM xdjy.party_report WHERE reported_on = '2024-05-16' AND settlement_id = 110000000000002" >/dev/null
rs=$(q hub "SELECT xdjy.resubscribe_province('shandong', '370000', 'host=$tmp/sd port=5432 user=postgres dbname=xdjy_node')")
q sd "INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	VALUES ('insured', 110000000000051, '2024-05-18', 510, 357, 153)" >/dev/null
range="WHERE id / 1000000000000 = 370000"
want=$(q sd "SELECT (SELECT count(*) || '/' || sum(total_fen) FROM xdjy.party_report) || ' ' || (SELECT count(*) || '/' || sum(total_fen) FROM xdjy.settlement)")
got=$(await "$want" "SELECT (SELECT count(*) || '/' || sum(total_fen) FROM xdjy.party_report $range) || ' ' || (SELECT count(*) || '/' || sum(total_fen) FROM xdjy.settlement $range)")
conf=$(q hub "SELECT count(*) FROM xdjy.node_conflict")
nat=$(q hub "SELECT count(*) FROM xdjy.party_report WHERE party = 'national'")
[ "$rs" = xdjy_from_shandong ] && [ -n "$want" ] && [ "$got" = "$want" ] && [ "$conf" = 1 ] && [ "$nat" = 1 ] &&
	echo "ok 13 - resubscribe_province after a lost subscription: the hub's Shandong rows equal Shandong's ($got: count/sum of reports, settlements), no duplicate, no conflict, the hub's own report kept" ||
	echo "not ok 13 - resubscribed ($rs): hub $got, Shandong $want, conflicts $conf, national $nat"
