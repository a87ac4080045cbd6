--
-- settlement: worked examples of the settlement engine, with the rows as
-- users see them and explain_settlement() in both languages.
-- Documents: 鲁医保发〔2021〕46号 第三条(一)–(三), 第四条; 济宁市医保局 异地就医十项便民措施 第五条(一); 吉医保发〔2019〕34号 附件第2–5条、第15–16条;
-- 鲁医保发〔2022〕26号 第二条(二)–(三).
--
SET search_path = xdjy, public;
SET xdjy.language = en;
SET DateStyle = ISO, YMD;
\set VERBOSITY default
-- settlement ids printed below do not depend on other tests: start at 5001
-- (the sequence is put back at the end)
SELECT pg_catalog.nextval(pg_catalog.pg_get_serial_sequence('xdjy.settlement', 'id')) AS settlement_seq \gset
SELECT setval(pg_get_serial_sequence('xdjy.settlement', 'id'), 5000) > 0 AS seq_set;

INSERT INTO person VALUES
	('rg-jinan-1', '张伟', '370100', 'employee'),
	('rg-changchun-1', '吴刚', '220100', 'resident');
INSERT INTO institution (code, name_zh, region_code, tier, networked_inpatient, networked_outpatient, networked_chronic) VALUES
	('RG-SH-1', '上海三级医院', '310101', 3, true, true, true),
	('RG-BJ-1', '北京三级医院', '110105', 3, true, true, true),
	('RG-JN-1', '济南三级医院', '370102', 3, true, true, true);

-- policy as dated data: Jinan employee inpatient, and Shandong's ceiling on
-- the temporary-outside first self-pay (鲁医保发〔2021〕46号 第三条(二): 40% before 2022, 10% after)
INSERT INTO policy (id, insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	(101, '370100', 'employee', 'local', 'inpatient', '[2021-01-01,)', 100000, 9000, 0, 50000000, 'inpatient'),
	(102, '370100', 'employee', 'temporary', 'inpatient', '[2021-01-01,2022-01-01)', 100000, 7000, 4000, 50000000, 'inpatient'),
	(103, '370100', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 100000, 7000, 1000, 50000000, 'inpatient'),
	(104, '220100', 'resident', 'local', 'inpatient', '[2019-01-01,)', 60000, 8000, 0, 15000000, 'inpatient');
-- above the ceiling: rejected
INSERT INTO policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('370800', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 100000, 7000, 2000, 50000000, 'inpatient');

-- 张伟 files temporary for Shanghai and is treated there (cross-province)
INSERT INTO filing (id, person_id, destination_region, category, start_date, applied_on)
VALUES (201, 'rg-jinan-1', '310000', 'temporary_outside', '2024-05-01', '2024-05-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (1001, 'rg-jinan-1', 'RG-SH-1', 'inpatient', '2024-05-06', '2024-05-16');
SELECT id, category, category_reason, scope, ratio_bp, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM settle(1001, 2000000, 100000, 'RG-INV-1', '2024-05-16');
SELECT step, rule, amount_fen, source, note FROM explain_settlement(
	(SELECT id FROM settlement WHERE invoice_no = 'RG-INV-1'));
SELECT step, rule, amount_fen, source, note FROM explain_settlement(
	(SELECT id FROM settlement WHERE invoice_no = 'RG-INV-1'), 'zh');

-- 吴刚, Changchun resident scheme, living in Beijing on a long-term filing:
-- the local 80% lowered by 10 points (吉医保发〔2019〕34号 附件第2条); claimed by hand for his own
-- reason another 10 (吉医保发〔2019〕34号 附件第4条); the reductions add up (吉医保发〔2019〕34号 附件第5条)
INSERT INTO filing (id, person_id, destination_region, category, start_date, applied_on, pledge)
VALUES (202, 'rg-changchun-1', '110000', 'long_term_resident', '2024-01-05', '2024-01-05', true);
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (1002, 'rg-changchun-1', 'RG-BJ-1', 'inpatient', '2024-03-01', '2024-03-08');
INSERT INTO manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on, own_reason)
VALUES (1, 1002, 'RG-INV-2', 1000000, '2024-09-27', '2024-09-27', true);
-- due 22 working days after complete materials (吉医保发〔2019〕34号 附件第15条), over National Day
SELECT id, status, submitted_on, materials_complete_on, due_on FROM manual_claim;
SELECT category, ratio_bp, deductible_fen, fund_fen, personal_fen FROM decide_manual_claim(1, '2024-10-15');
SELECT step, rule, amount_fen, source, note FROM explain_settlement(
	(SELECT settlement_id FROM manual_claim WHERE id = 1))
WHERE rule IN ('category', 'ratio_adjustment', 'ratio', 'fund');

-- a rejected settlement, recorded for the success rate (for the settlement rates)
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (1003, 'rg-jinan-1', 'RG-BJ-1', 'inpatient', '2024-07-01', '2024-07-03');
SELECT try_settle(1003, 50000, 0, 'RG-INV-3', '2024-07-03') IS NULL AS rejected;
SELECT encounter_id, sqlstate, message FROM settlement_attempt;
SELECT settle(1003, 50000, 0, 'RG-INV-3', '2024-07-03');

-- a correction: the reversal gives the ledger back, the invoice is free again
SELECT person_id, year, quota_group, deductible_met_fen, fund_paid_fen FROM ledger ORDER BY 1;
SELECT id, reverses, total_fen, deductible_fen, fund_fen, personal_fen
FROM reverse_settlement((SELECT id FROM settlement WHERE invoice_no = 'RG-INV-1'), '2024-05-20');
SELECT person_id, year, quota_group, deductible_met_fen, fund_paid_fen FROM ledger ORDER BY 1;
SELECT step, rule, amount_fen, note FROM explain_settlement(
	(SELECT id FROM settlement WHERE reverses IS NOT NULL));
UPDATE settlement SET fund_fen = 0;

-- clean up (settlements are immutable: only with triggers off)
SET session_replication_role = replica;
DELETE FROM manual_claim WHERE encounter_id IN (1001, 1002, 1003);
DELETE FROM settlement_attempt WHERE encounter_id IN (1001, 1002, 1003);
DELETE FROM settlement WHERE encounter_id IN (1001, 1002, 1003);
DELETE FROM ledger WHERE person_id LIKE 'rg-%';
DELETE FROM encounter WHERE id IN (1001, 1002, 1003);
DELETE FROM filing_history WHERE filing_id IN (201, 202);
DELETE FROM filing WHERE id IN (201, 202);
DELETE FROM policy WHERE id BETWEEN 101 AND 104;
DELETE FROM institution WHERE code LIKE 'RG-%';
DELETE FROM person WHERE id LIKE 'rg-%';
RESET session_replication_role;
SELECT setval(pg_get_serial_sequence('xdjy.settlement', 'id'), :settlement_seq) > 0 AS seq_reset;
RESET DateStyle;
