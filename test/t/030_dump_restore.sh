#!/usr/bin/env bash
# Nothing lost: a database with rows in every
# table of the extension (the sample fixture, the reporting fixture, rows a
# DBA adds beside the builtin ones) goes through pg_dump (plain SQL, which
# runs CREATE EXTENSION) into a new database; every table of the extension
# compares equal row by row, and every identity sequence goes on where it
# stopped.  A table that has no rows in the source fails the run, so a
# table added later is not left out of this test unnoticed.
set -uo pipefail
cd "$(dirname "$0")/../.."
. "$(dirname "$0")/lib/dump_pair.bash"
dump_pair xdjy_dump_all_src_t xdjy_dump_all_dst_t
dropdb --if-exists $src >/dev/null 2>&1; dropdb --if-exists $dst >/dev/null 2>&1
createdb $src && createdb $dst || { echo "Bail out! createdb"; exit 1; }

psql -X -q -v ON_ERROR_STOP=1 -d $src -c 'CREATE EXTENSION xdjy CASCADE' -f test/fixtures/sample.sql >/dev/null 2>"$tmp/err" \
	|| { echo "Bail out! setup: $(head -3 "$tmp/err")"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d $src >/dev/null 2>"$tmp/err" <<'SQL' || { echo "Bail out! data: $(head -5 "$tmp/err")"; exit 1; }
SET search_path = xdjy;
-- the reporting fixture (settlements, the three parties' reports, uploads,
-- clearing, manual claims), as the pgTAP suite uses it
BEGIN;
\i test/pgtap/include/reporting_data.sql
COMMIT;
-- filings through the rules: changed, cancelled, a Jilin choice (吉医保发〔2019〕34号 附件第7条)
SELECT change_filing(file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10'), '310000', '2024-04-01');
SELECT cancel_filing(file_temporary('jinan-emp-2', '440300', '2023-01-01', '2024-03-10'), '2024-03-20');
SELECT choose_institution(file_long_term('changchun-res-1', '110000', '2024-03-01', '2024-03-01'), 'H11010500002', true, '2024-03-10');
-- a failed attempt (R4)
INSERT INTO settlement_attempt (attempted_on, encounter_id, mode, invoice_no, total_fen, sqlstate, message)
VALUES ('2024-10-20', 6003, 'direct', 'RPT-INV-F1', 1000, 'YB301', 'rejected');
-- what a DBA adds beside the builtin rows
INSERT INTO region (code, name_zh, name_en, level, parent_code, is_pooling)
VALUES ('370200', '青岛市', 'Qingdao', 'city', '370000', true);
INSERT INTO holiday VALUES ('2027-01-01', false, '元旦 New Year 2027', false), ('2027-02-20', true, '春节调休上班', false);
INSERT INTO policy_document (code, title, issuer, issued_on) VALUES ('京医保发〔2030〕1号', '北京市异地就医备案的通知', '北京市医疗保障局', '2030-01-01');
INSERT INTO channel (code, name_en, name_zh) VALUES ('kiosk', 'self-service kiosk', '自助服务终端');
INSERT INTO filing_exemption (province, valid, source) VALUES ('110000', '[2030-01-01,)', 'a DBA''s dated setting');
INSERT INTO institution_choice_rule (province, scheme, valid, source) VALUES ('220000', 'employee', '[2030-01-01,)', 'a DBA''s dated setting');
INSERT INTO operator_region VALUES ('xdjy_operator', '370100');
INSERT INTO insutype_map (scheme, insutype, name_zh) VALUES ('resident', '391', '城乡居民（本地）');
INSERT INTO med_type_map (visit_type, emergency, trauma, med_type, name_zh) VALUES ('inpatient', false, false, '23', '转外诊治住院');
INSERT INTO clr_type_map (visit_type, clr_type, name_zh) VALUES ('pharmacy', '42', '药店购药（本地）');
-- the national interface: a 3202 detail batch, 3261 answers and a 3262 roll-back
INSERT INTO stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt)
VALUES ('RPT-B1', 6002, 6002, 'RPT-P-BJ1', 2000.00, 1500.00);
SELECT clearing_confirm(6001, '1', '2024-10-18'), clearing_confirm(6002, '0', '2024-10-19');
SELECT clearing_rollback('RPT-JN-H1', 2024, 9, '2024-10-20');
-- the settlement engine's tables: settlements priced by the engine, a
-- reversal, ledgers, a failed attempt, a decided manual claim, a referral
-- and the DBA's dated settings
INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('370100', 'employee', 'local', 'outpatient', '[2021-01-01,)', 1000, 6000, 0, 200000, 'outpatient'),
	('370100', 'employee', 'temporary', 'outpatient', '[2022-01-01,)', 1000, 5000, 1000, 200000, 'outpatient'),
	('220100', 'employee', 'unfiled', 'inpatient', '[2019-01-01,)', 80000, 7000, 0, 30000000, 'inpatient');
SELECT file_temporary('jinan-emp-3', '110000', '2024-01-02', '2024-01-02');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(1, 'jinan-emp-3', 'H37010300001', 'outpatient', '2024-02-01', NULL),
	(2, 'jinan-emp-3', 'H11010800001', 'outpatient', '2024-03-01', NULL),
	(4, 'changchun-emp-1', 'H44030400001', 'inpatient', '2024-08-01', '2024-08-05');
SELECT settle(1, 150000, 0, 'D-1', '2024-02-01');
SELECT settle(2, 100000, 0, 'D-2', '2024-03-01');
SELECT reverse_settlement(id, '2024-03-05') FROM settlement WHERE invoice_no = 'D-2';
SELECT try_settle(4, 500000, 0, 'D-4', '2024-08-05');
INSERT INTO manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
	VALUES (1, 4, 'D-4', 500000, '2025-03-31', '2025-03-31');
SELECT decide_manual_claim(1, '2025-04-15');
INSERT INTO referral (person_id, issued_by, issued_on, diagnosis) VALUES ('jinan-res-2', 'H37010200001', '2024-01-05', 'C34.9');
INSERT INTO first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source)
	VALUES ('11', 'inpatient', '[2030-01-01,)', 1000, 'a DBA''s dated setting');
INSERT INTO ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh)
	VALUES ('11', 'temporary', 'delta', -500, '[2030-01-01,)', 'a DBA''s dated setting', 'a test', '测试');
INSERT INTO home_benefit_kept (province, valid, source) VALUES ('11', '[2030-01-01,)', 'a DBA''s dated setting');
-- fee lines priced against a catalogue, one revoked (2302), settled from the
-- rest (鲁医保发〔2022〕26号 第二条(四))
INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid) VALUES
	('370000', 'DR-A', '甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('370100', 'DR-B', '乙类药', 'drug', '02', 1000, 20.00, '[2024-01-01,)');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(3, 'jinan-emp-3', 'H37010300001', 'outpatient', '2024-04-01', NULL);
INSERT INTO fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on) VALUES
	(3, '1', 'DR-A', '2024-04-01 09:00', 2, 10.5, '2024-04-01'),
	(3, '2', 'DR-B', '2024-04-01 09:10', 3, 25, '2024-04-01'),
	(3, '3', 'DR-X', '2024-04-01 09:20', 1, 7, '2024-04-01');
INSERT INTO fee_detail (encounter_id, feedetl_sn, init_feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on) VALUES
	(3, '4', '2', 'DR-B', '2024-04-01 11:00', -1, 25, '2024-04-01');
SELECT revoke_fee_details(3, '3');
SELECT settle(3, NULL, NULL, 'D-3', '2024-04-01');
INSERT INTO fee_lines_required (region_code, valid, source)
	VALUES ('110000', '[2030-01-01,)', 'a DBA''s dated setting');
-- issue 18: national interface calls logged by msgid, one answered, one failed
SELECT call('{"infno": "5206", "msgid": "D-MSG-1", "fixmedins_code": "H37010300001",
  "inf_time": "2024-04-02 09:00:00", "input": {"data": {"psn_no": "jinan-emp-3"}}}');
SELECT call('{"infno": "2304", "msgid": "D-MSG-2", "fixmedins_code": "H37010300001",
  "inf_time": "2024-04-02 09:01:00", "input": {"data": {"psn_no": "jinan-emp-3"}}}');
-- issue 16: a personal account credited and paying part of a settlement
-- (鲁医保发〔2020〕68号 二(五)), a cross-province setting, a referral qualification
INSERT INTO personal_account_movement (person_id, kind, amount_fen, moved_on) VALUES ('jinan-emp-3', 'credit', 5000, '2024-04-30');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(5, 'jinan-emp-3', 'H37010300001', 'outpatient', '2024-05-01', NULL);
SELECT settle(5, 20000, 0, 'D-5', '2024-05-01', acct_used => true);
INSERT INTO account_cross_province (province, valid, source) VALUES ('370000', '[2030-01-01,)', 'a DBA''s dated setting');
INSERT INTO referral_qualification (institution_code, valid) VALUES ('H37010200001', '[2024-01-01,)');
INSERT INTO person_attribute (person_id, kind, valid) VALUES ('changchun-res-1', 'former_rural', '[2024-01-01,)');
INSERT INTO former_rural_ratio (province, valid, ratio_bp, source) VALUES ('220000', '[2030-01-01,)', 8000, 'a DBA''s dated setting');
INSERT INTO former_rural_special_drug (province, valid, tier, source) VALUES ('220000', '[2030-01-01,)', 2, 'a DBA''s dated setting');
-- the daily reconciliation of two business days, as recorded (鲁医保发〔2022〕26号 第四条(一))
SELECT record_daily_reconciliation('2024-10-08'), record_daily_reconciliation('2024-10-12');
-- issue 19: the node row (set_node() re-bases the ids: here ids exist, so the row is written)
INSERT INTO node (role, region_code) VALUES ('province', '370000');
-- issue 19: a row the hub received different from its own, kept the first
INSERT INTO node_conflict (table_name, key, subscription, kept, received)
VALUES ('xdjy.region', '{"code": "110101"}', 'xdjy_from_beijing',
	'{"code": "110101", "name_zh": "东城区"}', '{"code": "110101", "name_zh": "东城"}');
SQL

# every table the extension dumps has rows of its own (not only builtin ones)
empty=$(psql -X -At -d $src <<'SQL'
SELECT c.relname
FROM pg_extension e, unnest(e.extconfig, e.extcondition) u(cfg, cond)
JOIN pg_class c ON c.oid = u.cfg
WHERE e.extname = 'xdjy' AND c.relkind = 'r'
  AND (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s %s', c.oid::regclass, u.cond), false, true, '')))[1]::text::int = 0
ORDER BY 1
SQL
)
tables=$(psql -X -At -d $src <<'SQL'
SELECT c.relname FROM pg_depend d JOIN pg_class c ON c.oid = d.objid AND d.classid = 'pg_class'::regclass
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND c.relkind = 'r'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'xdjy')
ORDER BY 1
SQL
)
seqs=$(psql -X -At -d $src <<'SQL'
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) u(cfg) JOIN pg_class c ON c.oid = u.cfg
WHERE e.extname = 'xdjy' AND c.relkind = 'S' ORDER BY 1
SQL
)
ntables=$(echo "$tables" | grep -c .)
echo "1..$((4 + ntables))"

if [ -z "$empty" ]; then echo "ok 1 - every dumped table holds rows of its own"
else echo "not ok 1 - tables without rows in the source, populate them here: $(echo $empty)"; fi

pg_dump -Fp -d $src -f "$tmp/dump.sql" 2>"$tmp/err" && echo "ok 2 - pg_dump (plain)" \
	|| { echo "not ok 2 - pg_dump failed"; sed 's/^/# /' "$tmp/err"; }
psql -X -q -v ON_ERROR_STOP=1 -d $dst -f "$tmp/dump.sql" >/dev/null 2>"$tmp/err" && echo "ok 3 - restore into a new database (CREATE EXTENSION from the dump)" \
	|| { echo "not ok 3 - restore failed"; sed 's/^/# /' "$tmp/err" | head -20; }

n=3
for t in $tables; do
	n=$((n + 1))
	q="SELECT x::text FROM xdjy.$t x ORDER BY 1"
	a=$(psql -X -At -d $src -c "$q" 2>&1); b=$(psql -X -At -d $dst -c "$q" 2>&1)
	rows=$(echo -n "$a" | grep -c '^' || true)
	if [ "$a" = "$b" ]; then echo "ok $n - $t: $rows rows, 0 differences"
	else
		echo "not ok $n - $t: $(diff <(echo "$a") <(echo "$b") | grep -c '^[<>]') rows differ"
		diff <(echo "$a") <(echo "$b") | head -10 | sed 's/^/# /'
	fi
done

n=$((n + 1))
bad=""
for s in $seqs; do
	q="SELECT last_value, is_called FROM xdjy.$s"
	[ "$(psql -X -At -d $src -c "$q")" = "$(psql -X -At -d $dst -c "$q")" ] || bad="$bad $s"
done
if [ -z "$bad" ]; then echo "ok $n - every identity sequence goes on where it stopped ($(echo "$seqs" | grep -c .) sequences)"
else echo "not ok $n - sequences differ:$bad"; fi
