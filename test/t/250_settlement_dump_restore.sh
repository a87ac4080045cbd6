#!/usr/bin/env bash
# Settlements, reversals, ledgers, manual claims, referrals and policy rows
# survive pg_dump and restore unchanged ( "nothing is lost"): the
# engine lets a restore's rows back as they were (src/restore.c) instead of
# pricing them again, so no ledger is consumed twice; after the restore the
# engine goes on from the restored ledgers (the quota left is what it was).
set -uo pipefail
cd "$(dirname "$0")/../.."
. "$(dirname "$0")/lib/dump_pair.bash"
dump_pair xdjy_settle_dump_src_t xdjy_settle_dump_dst_t
echo "1..6"
dropdb --if-exists $src >/dev/null 2>&1; dropdb --if-exists $dst >/dev/null 2>&1
createdb $src && createdb $dst || { echo "Bail out! createdb"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d $src -c 'CREATE EXTENSION xdjy CASCADE' -f test/fixtures/sample.sql >/dev/null 2>&1 \
	|| { echo "Bail out! setup"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d $src <<'SQL' >/dev/null || { echo "Bail out! data"; exit 1; }
SET search_path = xdjy;
INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('370100', 'employee', 'local', 'outpatient', '[2021-01-01,)', 1000, 6000, 0, 200000, 'outpatient'),
	('370100', 'employee', 'temporary', 'outpatient', '[2022-01-01,)', 1000, 5000, 1000, 200000, 'outpatient'),
	('220100', 'employee', 'unfiled', 'inpatient', '[2019-01-01,)', 80000, 7000, 0, 30000000, 'inpatient');
SELECT file_temporary('jinan-emp-2', '110000', '2024-01-02', '2024-01-02');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(1, 'jinan-emp-2', 'H37010300001', 'outpatient', '2024-02-01', NULL),
	(2, 'jinan-emp-2', 'H11010800001', 'outpatient', '2024-03-01', NULL),
	(3, 'jinan-emp-2', 'H37010300001', 'outpatient', '2024-04-01', NULL),
	(4, 'changchun-emp-1', 'H44030400001', 'inpatient', '2024-08-01', '2024-08-05');
SELECT settle(1, 150000, 0, 'D-1', '2024-02-01');
SELECT settle(2, 100000, 0, 'D-2', '2024-03-01');
SELECT reverse_settlement(id, '2024-03-05') FROM settlement WHERE invoice_no = 'D-2';
SELECT settle(2, 90000, 0, 'D-2', '2024-03-06');
SELECT try_settle(4, 500000, 0, 'D-4', '2024-08-05');
INSERT INTO manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
	VALUES (1, 4, 'D-4', 500000, '2025-03-31', '2025-03-31');
SELECT decide_manual_claim(1, '2025-04-15');
INSERT INTO referral (person_id, issued_by, issued_on, diagnosis) VALUES ('jinan-emp-3', 'H37010200001', '2024-01-05', 'C34.9');
SQL
dump_restore
same 3 "settlements and reversals restore equal, not priced again" \
	"SELECT s.*::text FROM xdjy.settlement s ORDER BY id"
same 4 "ledgers and failed attempts restore equal (no quota consumed twice)" \
	"SELECT l.*::text FROM xdjy.ledger l UNION ALL SELECT a.*::text FROM xdjy.settlement_attempt a ORDER BY 1"
same 5 "manual claims, referrals and policy rows restore equal" \
	"SELECT c.*::text FROM xdjy.manual_claim c UNION ALL SELECT r.*::text FROM xdjy.referral r UNION ALL SELECT p.*::text FROM xdjy.policy p ORDER BY 1"
# the engine goes on from the restored ledger: quota 200000; paid
# (150000 − 1000 deductible) × 60% = 89400 locally, then in Beijing
# (90000 − 9000 first self-pay) × 50% = 40500 (the first Beijing
# settlement was reversed): 129900; so 200000 × 60% = 120000 is capped at 70100
after=$(psql -X -At -v ON_ERROR_STOP=1 -d $dst -c "SELECT fund_fen FROM xdjy.settle(3, 200000, 0, 'D-3', '2024-04-01')" 2>&1)
if [ "$after" = 70100 ]; then echo "ok 6 - after restore the shared quota left is what it was (鲁医保发〔2021〕46号 第三条(三)): fund 70100"
else echo "not ok 6 - after restore: $after"; fi
