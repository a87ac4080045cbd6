-- Manual claims (手工报销), S5: 吉医保发〔2019〕34号 附件第16条 (expenses of year Y claimed by
-- 31 March Y+1), 吉医保发〔2019〕34号 附件第15条 (due 22 working days after complete materials),
-- 鲁医保发〔2021〕46号 第四条 (an invoice once), paid at the insured place's standard with the
-- ratio rules (吉医保发〔2019〕34号 附件第3条 Jilin unfiled 20%; F8 self-paid then filed).
BEGIN;
SELECT plan(36);
\ir include/settlement_data.sql

INSERT INTO person VALUES ('SETL-M1', '吉林职工', '220100', 'employee'), ('SETL-M2', '济南职工', '370100', 'employee'),
	('SETL-M3', '吉林职工三', '220100', 'employee');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, trauma, third_party) VALUES
	(957001, 'SETL-M1', 'SETL-BJ-H3', 'inpatient', '2024-06-01', '2024-06-05', false, false),
	(957002, 'SETL-M1', 'SETL-BJ-H3', 'inpatient', '2023-12-20', '2024-01-05', false, false),
	(957003, 'SETL-M1', 'SETL-SH-H3', 'inpatient', '2024-08-01', '2024-08-03', true, true),
	(957004, 'SETL-M2', 'SETL-SH-H3', 'inpatient', '2024-09-01', '2024-09-10', false, false),
	(957005, 'SETL-M3', 'SETL-GZ-H3', 'inpatient', '2024-10-01', '2024-10-03', false, false);

-- 吉医保发〔2019〕34号 附件第16条: the deadline -----------------------------------------------------------
SELECT lives_ok($$INSERT INTO xdjy.manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on)
	VALUES (957101, 957001, 'SETL-MC-1', 500000, '2025-03-31')$$,
	'吉医保发〔2019〕34号 附件第16条: expenses of 2024 claimed on 2025-03-31: accepted');
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
	VALUES (957001, 'SETL-MC-1b', 500000, '2025-04-01')$$,
	'YB401', NULL, '吉医保发〔2019〕34号 附件第16条: expenses of 2024 claimed on 2025-04-01: rejected');
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
	VALUES (957002, 'SETL-MC-2', 100000, '2025-04-01')$$,
	'YB401', NULL, '吉医保发〔2019〕34号 附件第16条: a stay from 2023-12-20 discharged 2024-01-05 is of 2024: 2025-04-01 is late');
SELECT lives_ok($$INSERT INTO xdjy.manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on)
	VALUES (957102, 957002, 'SETL-MC-2', 100000, '2025-03-31')$$,
	'吉医保发〔2019〕34号 附件第16条: and 2025-03-31 is in time for it');

-- 吉医保发〔2019〕34号 附件第15条: due 22 working days after complete materials -------------------------------
SELECT is((SELECT due_on FROM manual_claim WHERE id = 957101), NULL::date, 'no due date before the materials are complete');
SELECT throws_ok($$SELECT xdjy.decide_manual_claim(957101, '2025-04-10')$$, 'YB402', NULL,
	'吉医保发〔2019〕34号 附件第15条: a claim is not decided before its materials are complete');
UPDATE manual_claim SET materials_complete_on = '2025-04-03' WHERE id = 957101;
-- 2025-04-03 (Thu): Qingming 04-04 to 04-06 off; April 7–11, 14–18, 21–25,
-- 28–30 = 18 working days (04-27 Sunday is worked: 19), May Day 05-01 to
-- 05-05 off, 05-06 to 05-08 = 22 → 2025-05-08.
SELECT is((SELECT due_on FROM manual_claim WHERE id = 957101), '2025-05-08'::date,
	'吉医保发〔2019〕34号 附件第15条: materials complete 2025-04-03, due 2025-05-08 (22 working days over Qingming and May Day)');
SELECT is((SELECT due_on FROM manual_claim WHERE id = 957101), xdjy.add_working_days('2025-04-03', 22),
	'吉医保发〔2019〕34号 附件第15条: due_on is add_working_days(materials complete, 22)');
UPDATE manual_claim SET materials_complete_on = '2025-03-31', due_on = '2030-01-01' WHERE id = 957102;
-- 2025-03-31 (Mon): April 1–3 (3), Qingming off, 7–11 (8), 14–18 (13),
-- 21–25 (18), 04-27 Sunday worked (19), 28–30 (22) → 2025-04-30.
SELECT is((SELECT due_on FROM manual_claim WHERE id = 957102), '2025-04-30'::date,
	'吉医保发〔2019〕34号 附件第15条: due_on is computed, whatever the client writes: 2025-03-31 + 22 working days = 2025-04-30');
SELECT throws_ok($$SELECT xdjy.decide_manual_claim(957101, '2025-04-02')$$, 'YB402', NULL,
	'吉医保发〔2019〕34号 附件第15条: decided before the materials were complete');
SELECT throws_ok($$UPDATE xdjy.manual_claim SET materials_complete_on = '2025-03-01' WHERE id = 957101$$, '23514', NULL,
	'materials cannot be complete before the claim was submitted');

-- Jilin unfiled, 20% (吉医保发〔2019〕34号 附件第3条): Changchun employee unfiled row deductible 80000;
-- (500000 − 80000) × 0.2 = 84000; personal 416000.
SELECT is((SELECT format('%s %s %s %s %s', s.category, s.ratio_bp, s.deductible_fen, s.fund_fen, s.personal_fen)
	FROM xdjy.decide_manual_claim(957101, '2025-04-15') s),
	'unfiled 2000 80000 84000 416000', '吉医保发〔2019〕34号 附件第3条: a Jilin unfiled stay in Beijing is reimbursed by hand at 20%');
SELECT is((SELECT status || ' ' || decided_on || ' ' || (settlement_id IS NOT NULL) FROM manual_claim WHERE id = 957101),
	'paid 2025-04-15 true', 'the claim is paid by its settlement');
SELECT is((SELECT mode || ' ' || settled_on FROM settlement WHERE id = (SELECT settlement_id FROM manual_claim WHERE id = 957101)),
	'manual 2025-04-15', 'the settlement is manual, dated the decision');
SELECT throws_ok($$SELECT xdjy.decide_manual_claim(957101, '2025-04-16')$$, 'YB403', NULL,
	'a claim is decided once');
SELECT throws_ok($$UPDATE xdjy.manual_claim SET rejection = 'x' WHERE id = 957101$$, 'YB403', NULL,
	'a decided claim is final');
SELECT throws_ok($$UPDATE xdjy.manual_claim SET total_fen = 1 WHERE id = 957102$$, 'YB404', NULL,
	'the amounts of a submitted claim cannot change');
SELECT throws_ok($$UPDATE xdjy.manual_claim SET invoice_no = 'x' WHERE id = 957102$$, 'YB404', NULL,
	'the invoice of a submitted claim cannot change');
SELECT throws_ok($$UPDATE xdjy.manual_claim SET status = 'paid', decided_on = '2025-04-20',
	settlement_id = (SELECT settlement_id FROM xdjy.manual_claim WHERE id = 957101) WHERE id = 957102$$, 'YB404', NULL,
	'a claim cannot be marked paid by another claim''s settlement');

-- 鲁医保发〔2021〕46号 第四条: one reimbursement per invoice ----------------------------------------------
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
	VALUES (957001, 'SETL-MC-1', 500000, '2025-03-01')$$, 'YB308', NULL,
	'鲁医保发〔2021〕46号 第四条: the invoice was reimbursed by the paid claim');
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
	VALUES (957002, 'SETL-MC-2', 100000, '2025-03-01')$$, 'YB308', NULL,
	'鲁医保发〔2021〕46号 第四条: the invoice is in another open claim');

-- rejected by the engine: recorded with its rule ------------------------------------------
INSERT INTO manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
VALUES (957103, 957003, 'SETL-MC-3', 300000, '2024-09-01', '2024-09-02');
SELECT throws_ok($$SELECT xdjy.decide_manual_claim(957103, '2024-09-20')$$, 'YB303', NULL,
	'鲁医保发〔2022〕26号 第二条(四): a trauma claim with a third party is refused: decide raises the rule''s code');
SELECT is((SELECT status || ' ' || (decided_on IS NULL) FROM manual_claim WHERE id = 957103),
	'open true', 'a refusal raised leaves the claim open');
SELECT is((SELECT s.id FROM xdjy.try_decide_manual_claim(957103, '2024-09-20') s), NULL::bigint,
	'try_decide_manual_claim records the refusal and returns NULL');
SELECT is((SELECT status || ' ' || rejection_sqlstate || ' ' || rejection FROM manual_claim WHERE id = 957103),
	'rejected YB303 trauma with a third party is not paid by the fund', 'the rejection is kept with its SQLSTATE');
SELECT is((SELECT count(*)::int FROM settlement WHERE invoice_no = 'SETL-MC-3'), 0, 'a rejected claim leaves no settlement');

-- F8 self-paid then filed (鲁医保发〔2022〕26号 第二条(二)): Jinan employee in Shanghai, filed
-- on 09-15 after the 09-10 self-paid discharge, backdated to 09-01.
-- 2024 temporary inpatient: first self-pay 10% of 600000 = 60000; base
-- 540000; deductible 100000; 440000 × 0.7 = 308000.
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-M2', '310000', 'temporary_outside', '2024-09-01', '2024-09-15');
INSERT INTO manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
VALUES (957104, 957004, 'SETL-MC-4', 600000, '2024-09-16', '2024-09-16');
SELECT is((SELECT format('%s %s %s %s', s.category_reason, s.first_selfpay_fen, s.deductible_fen, s.fund_fen)
	FROM xdjy.decide_manual_claim(957104, '2024-09-30') s),
	'filed_after_discharge 60000 100000 308000', 'F8, 鲁医保发〔2022〕26号 第二条(二): self-paid then filed: the temporary standard by hand');

-- Jilin employee, emergency-free unfiled in Guangzhou, own reason is no
-- reduction for unfiled (吉医保发〔2019〕34号 附件第4条 is for filed care that should have been direct)
INSERT INTO manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on, own_reason)
VALUES (957105, 957005, 'SETL-MC-5', 100000, '2024-10-10', '2024-10-10', true);
SELECT is((SELECT s.ratio_bp FROM xdjy.decide_manual_claim(957105, '2024-10-20') s), 2000,
	'吉医保发〔2019〕34号 附件第3条、第4条: the unfiled 20% is not lowered again for the person''s own reason');

-- submit_manual_claim: the invoice, the medical record, the expense list (吉医保发〔2019〕34号 附件第15条)
SELECT is((SELECT format('%s %s %s', c.status, c.materials_complete_on, c.due_on)
	FROM xdjy.submit_manual_claim(957005, 'SETL-MC-6', 50000, 0, '2024-10-11', medical_record => true, expense_list => true) c),
	'open 2024-10-11 2024-11-11', '吉医保发〔2019〕34号 附件第15条: with the invoice, record and list the materials are complete at submission, due in 22 working days');
SELECT is((SELECT format('%s %s', c.materials_complete_on IS NULL, c.due_on IS NULL)
	FROM xdjy.submit_manual_claim(957005, 'SETL-MC-7', 50000, 0, '2024-10-11', medical_record => true) c),
	't t', 'without the expense list the materials are not complete: no due date yet');
SELECT throws_ok($$SELECT xdjy.decide_manual_claim((SELECT id FROM manual_claim WHERE invoice_no = 'SETL-MC-7'), '2024-10-20')$$,
	'YB402', NULL, 'a claim whose materials are incomplete is not decided');
SELECT throws_ok($$SELECT xdjy.submit_manual_claim(957005, 'SETL-MC-6', 50000, 0, '2024-10-12')$$,
	'YB308', NULL, 'submit_manual_claim goes through the same rules: the invoice is in an open claim');

-- misuse --------------------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on, status, decided_on, rejection_sqlstate)
	VALUES (957005, 'SETL-MC-9', 100, '2024-10-10', 'rejected', '2024-10-10', 'YB000')$$, 'YB404', NULL,
	'a claim is submitted open');
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
	VALUES (-1, 'SETL-MC-9', 100, '2024-10-10')$$, 'YB001', NULL, 'a claim on an unknown encounter: YB001');
SELECT throws_ok($$SELECT xdjy.decide_manual_claim(-1, '2024-10-10')$$, 'YB001', NULL, 'deciding an unknown claim: YB001');
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, out_of_scope_fen, submitted_on)
	VALUES (957005, 'SETL-MC-9', 100, 200, '2024-10-10')$$, 'YB302', NULL, 'a claim with out of scope above the total');

SELECT * FROM finish();
ROLLBACK;
