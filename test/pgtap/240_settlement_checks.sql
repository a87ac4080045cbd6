-- Checks on insert, each with its own code: S1 trauma (鲁医保发〔2022〕26号 第二条(四)), S2
-- items bought outside during a stay (济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)), S3
-- contradictory time and space (吉医保发〔2019〕34号 附件第8条), S4 one reimbursement per invoice
-- (鲁医保发〔2021〕46号 第四条), S6 referral (吉医保发〔2019〕34号 附件第10–12条); networked institutions (000
-- §三(四)); amounts and dates; unknown references; no policy.
BEGIN;
SELECT plan(50);
\ir include/settlement_data.sql

INSERT INTO person (id, name, insured_region, scheme)
SELECT 'SETL-K' || g, 'checks ' || g, '370100', 'employee' FROM generate_series(1, 12) g;
-- everyone here is filed for Beijing (temporary) so direct settlement is open
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
SELECT 'SETL-K' || g, '110000', 'temporary_outside', '2024-01-01', '2024-01-01' FROM generate_series(1, 12) g;

-- S1 trauma (鲁医保发〔2022〕26号 第二条(四)) ------------------------------------------------------
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, trauma, third_party, trauma_pledge) VALUES
	(955001, 'SETL-K1', 'SETL-BJ-H3', 'inpatient', '2024-02-01', '2024-02-05', true, true, false),
	(955002, 'SETL-K1', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05', true, false, false),
	(955003, 'SETL-K1', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-05', true, false, true),
	(955004, 'SETL-K1', 'SETL-BJ-H3', 'inpatient', '2024-05-01', '2024-05-05', true, true, true);
SELECT throws_ok($$SELECT xdjy.settle(955001, 10000, 0, 'SETL-S1-a', '2024-02-05')$$, 'YB303', NULL,
	'鲁医保发〔2022〕26号 第二条(四): trauma with a third party is not fund-paid (direct)');
SELECT throws_ok($$SELECT xdjy.settle(955001, 10000, 0, 'SETL-S1-a', '2024-02-06', 'manual')$$, 'YB303', NULL,
	'鲁医保发〔2022〕26号 第二条(四): trauma with a third party is not fund-paid (manual either)');
SELECT throws_ok($$SELECT xdjy.settle(955004, 10000, 0, 'SETL-S1-d', '2024-05-05')$$, 'YB303', NULL,
	'鲁医保发〔2022〕26号 第二条(四): a pledge does not help when a third party is flagged');
SELECT throws_ok($$SELECT xdjy.settle(955002, 10000, 0, 'SETL-S1-b', '2024-03-05')$$, 'YB304', NULL,
	'鲁医保发〔2022〕26号 第二条(四): trauma without a third party settles directly only with the pledge');
SELECT lives_ok($$SELECT xdjy.settle(955002, 10000, 0, 'SETL-S1-b', '2024-03-06', 'manual')$$,
	'鲁医保发〔2022〕26号 第二条(四): without the pledge it can still be claimed by hand');
SELECT lives_ok($$SELECT xdjy.settle(955003, 10000, 0, 'SETL-S1-c', '2024-04-05')$$,
	'鲁医保发〔2022〕26号 第二条(四): trauma without a third party, with the signed pledge: direct');

-- S2 items bought outside during a stay (济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)) --------------
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(955010, 'SETL-K2', 'SETL-BJ-H3', 'inpatient', '2024-02-01', '2024-02-10');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, attached_to) VALUES
	(955011, 'SETL-K2', 'SETL-BJ-PH', 'pharmacy', '2024-02-03', 955010),
	(955012, 'SETL-K2', 'SETL-BJ-P3', 'outpatient', '2024-02-04', 955010);
SELECT throws_ok($$SELECT xdjy.settle(955011, 3000, 0, 'SETL-S2-a', '2024-02-03')$$, 'YB305', NULL,
	'济宁市医保局 异地就医十项便民措施 第五条(三): drugs bought at a pharmacy during the stay are not settled on their own');
SELECT throws_ok($$SELECT xdjy.settle(955012, 3000, 0, 'SETL-S2-b', '2024-02-04', 'manual')$$, 'YB305', NULL,
	'鲁医保发〔2022〕26号 第二条(六): an outside test during the stay is not claimed on its own either');
SELECT lives_ok($$SELECT xdjy.settle(955010, 503000, 0, 'SETL-S2-stay', '2024-02-10')$$,
	'鲁医保发〔2022〕26号 第二条(六): the stay settles with the attached items in its total');

-- S3 contradictory time and space (吉医保发〔2019〕34号 附件第8条) ------------------------------------
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(955020, 'SETL-K3', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-10');
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('SETL-K3', 'SETL-JN-H3', 'inpatient', '2024-03-09', '2024-03-15')$$, 'YB306', NULL,
	'吉医保发〔2019〕34号 附件第8条: a stay in Jinan from 03-09 overlaps the Beijing stay to 03-10');
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
	VALUES ('SETL-K3', 'SETL-JN-H3', 'inpatient', '2024-02-01')$$, 'YB306', NULL,
	'吉医保发〔2019〕34号 附件第8条: an open stay from 02-01 overlaps every later stay');
SELECT lives_ok($$INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES (955021, 'SETL-K3', 'SETL-SH-H3', 'inpatient', '2024-03-10', '2024-03-20')$$,
	'吉医保发〔2019〕34号 附件第8条: a transfer admitted on the discharge day does not overlap');
SELECT lives_ok($$INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES (955022, 'SETL-K3', 'SETL-SH-H3', 'inpatient', '2024-03-20', '2024-03-20')$$,
	'a same-day stay on the next discharge day is accepted');
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('SETL-K3', 'SETL-JN-H3', 'inpatient', '2024-03-20', '2024-03-25')$$, 'YB306', NULL,
	'吉医保发〔2019〕34号 附件第8条: a stay admitted on the day of a same-day stay overlaps it');
SELECT throws_ok($$UPDATE xdjy.encounter SET discharged_on = '2024-03-12' WHERE id = 955020$$, 'YB306', NULL,
	'吉医保发〔2019〕34号 附件第8条: moving a discharge into the next stay is rejected too');
SELECT lives_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('SETL-K4', 'SETL-JN-H3', 'inpatient', '2024-03-05', '2024-03-08')$$,
	'another person''s stay at the same time is no contradiction');
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE xdjy.encounter DISABLE TRIGGER encounter_stays_overlap;
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('SETL-K3', 'SETL-JN-H3', 'inpatient', '2024-03-02', '2024-03-04')$$, '23P01', NULL,
	'吉医保发〔2019〕34号 附件第8条: the exclusion constraint stops overlapping stays even without the trigger (races)');
ALTER TABLE xdjy.encounter ENABLE TRIGGER encounter_stays_overlap;
-- visits during a stay
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(955023, 'SETL-K3', 'SETL-BJ-P3', 'outpatient', '2024-03-05'),
	(955024, 'SETL-K3', 'SETL-BJ-P3', 'outpatient', '2024-03-01'),
	(955025, 'SETL-K3', 'SETL-BJ-H3', 'outpatient', '2024-03-06'),
	(955026, 'SETL-K3', 'SETL-BJ-P3', 'outpatient', '2024-03-10');
SELECT throws_ok($$SELECT xdjy.settle(955023, 5000, 0, 'SETL-S3-a', '2024-03-05')$$, 'YB307', NULL,
	'吉医保发〔2019〕34号 附件第8条: an unattached visit elsewhere inside the stay (03-01 to 03-10) is not paid');
SELECT throws_ok($$SELECT xdjy.settle(955023, 5000, 0, 'SETL-S3-a', '2024-03-15', 'manual')$$, 'YB307', NULL,
	'吉医保发〔2019〕34号 附件第8条: not by hand either');
SELECT lives_ok($$SELECT xdjy.settle(955024, 5000, 0, 'SETL-S3-b', '2024-03-01')$$,
	'a visit elsewhere on the admission day (before admission) is no contradiction');
SELECT lives_ok($$SELECT xdjy.settle(955025, 5000, 0, 'SETL-S3-c', '2024-03-06')$$,
	'a visit at the same hospital during the stay is no contradiction of place');
SELECT lives_ok($$SELECT xdjy.settle(955026, 5000, 0, 'SETL-S3-d', '2024-03-10')$$,
	'a visit elsewhere on the discharge day is no contradiction');

-- S4 one reimbursement per invoice (鲁医保发〔2021〕46号 第四条) ------------------------------------
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(955030, 'SETL-K5', 'SETL-BJ-H3', 'outpatient', '2024-02-01'),
	(955031, 'SETL-K5', 'SETL-BJ-P3', 'outpatient', '2024-02-02'),
	(955032, 'SETL-K6', 'SETL-BJ-H3', 'outpatient', '2024-02-03');
SELECT lives_ok($$SELECT xdjy.settle(955030, 5000, 0, 'SETL-S4-1', '2024-02-01')$$, 'an invoice is settled');
SELECT throws_ok($$SELECT xdjy.settle(955030, 5000, 0, 'SETL-S4-1', '2024-02-02')$$, 'YB308', NULL,
	'鲁医保发〔2021〕46号 第四条: the same invoice again, online: rejected');
SELECT throws_ok($$SELECT xdjy.settle(955030, 5000, 0, 'SETL-S4-1', '2024-02-20', 'manual')$$, 'YB308', NULL,
	'鲁医保发〔2021〕46号 第四条: the same invoice by hand after online: rejected');
SELECT throws_ok($$SELECT xdjy.settle(955032, 5000, 0, 'SETL-S4-1', '2024-02-03')$$, 'YB308', NULL,
	'鲁医保发〔2021〕46号 第四条: the invoice number of that hospital on another person''s visit: rejected');
SELECT lives_ok($$SELECT xdjy.settle(955031, 5000, 0, 'SETL-S4-1', '2024-02-02')$$,
	'the same number from another institution is another invoice');
SELECT has_index('xdjy', 'settlement', 'settlement_invoice_once', 'a unique index backs S4 against concurrent settlements');

-- S6 referral (吉医保发〔2019〕34号 附件第10–12条) -------------------------------------------------------
INSERT INTO person VALUES ('SETL-K20', 'referral', '370100', 'employee'), ('SETL-K21', 'referral 2', '370100', 'employee');
INSERT INTO referral (id, person_id, issued_by, issued_on, diagnosis, destination_region) VALUES
	(955100, 'SETL-K20', 'SETL-JN-H3', '2024-02-01', 'I21.0', '110000'),
	(955101, 'SETL-K20', 'SETL-JN-PH', '2024-02-01', 'I21.0', NULL),
	(955102, 'SETL-K20', 'SETL-BJ-H3', '2024-02-01', 'I21.0', NULL),
	(955103, 'SETL-K21', 'SETL-JN-P2', '2024-02-01', 'I21.0', NULL);
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(955040, 'SETL-K20', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05'),
	(955041, 'SETL-K20', 'SETL-BJ-H3', 'inpatient', '2024-01-20', '2024-01-25'),
	(955042, 'SETL-K20', 'SETL-BJ-H3', 'inpatient', '2025-01-03', '2025-01-05'),
	(955043, 'SETL-K20', 'SETL-SH-H3', 'inpatient', '2024-04-01', '2024-04-05'),
	(955044, 'SETL-K20', 'SETL-BJ-H3', 'inpatient', '2024-12-31', '2025-01-02');
SELECT throws_ok($$SELECT xdjy.settle(955040, 10000, 0, 'SETL-S6-1', '2024-03-05', 'direct', false, 955103, 'I21.0')$$,
	'YB309', NULL, '吉医保发〔2019〕34号 附件第12条: a referral of another person is not valid');
SELECT throws_ok($$SELECT xdjy.settle(955040, 10000, 0, 'SETL-S6-1', '2024-03-05', 'direct', false, 955101, 'I21.0')$$,
	'YB312', NULL, '吉医保发〔2019〕34号 附件第10条: a referral issued by a pharmacy is not valid');
SELECT throws_ok($$SELECT xdjy.settle(955040, 10000, 0, 'SETL-S6-1', '2024-03-05', 'direct', false, 955102, 'I21.0')$$,
	'YB312', NULL, '吉医保发〔2019〕34号 附件第10条: a referral issued outside the insured pooling region is not valid');
SELECT throws_ok($$SELECT xdjy.settle(955041, 10000, 0, 'SETL-S6-2', '2024-01-25', 'direct', false, 955100, 'I21.0')$$,
	'YB309', NULL, '吉医保发〔2019〕34号 附件第12条: admission before the referral was issued');
SELECT throws_ok($$SELECT xdjy.settle(955042, 10000, 0, 'SETL-S6-3', '2025-01-05', 'direct', false, 955100, 'I21.0')$$,
	'YB309', NULL, '吉医保发〔2019〕34号 附件第12条: admission on 2025-01-03 is outside the referral''s insurance year 2024');
SELECT throws_ok($$SELECT xdjy.settle(955043, 10000, 0, 'SETL-S6-4', '2024-04-05', 'direct', false, 955100, 'I21.0')$$,
	'YB309', NULL, 'a referral to Beijing does not cover Shanghai');
SELECT throws_ok($$SELECT xdjy.settle(955040, 10000, 0, 'SETL-S6-1', '2024-03-05', 'direct', false, 955100, 'I25.1')$$,
	'YB310', NULL, '吉医保发〔2019〕34号 附件第12条: treatment for another diagnosis than the referral''s');
SELECT throws_ok($$SELECT xdjy.settle(955040, 10000, 0, 'SETL-S6-1', '2024-03-05', 'direct', false, 955100)$$,
	'YB310', NULL, '吉医保发〔2019〕34号 附件第12条: a referral without the diagnosis to match');
SELECT is((SELECT s.category || '/' || s.category_reason FROM xdjy.settle(955044, 10000, 0, 'SETL-S6-5', '2025-01-02', 'direct', false, 955100, 'I21.0') s),
	'temporary/referral', '吉医保发〔2019〕34号 附件第12条: admitted 2024-12-31, the last day of the insurance year: valid');
SELECT throws_ok($$SELECT xdjy.settle(955040, 10000, 0, 'SETL-S6-1', '2024-03-05', 'direct', false, 955100, 'I21.0')$$,
	'YB311', NULL, '吉医保发〔2019〕34号 附件第12条: valid once: another stay cannot use it');
SELECT throws_ok($$SELECT xdjy.settle(955040, 10000, 0, 'SETL-S6-1', '2024-03-05', 'direct', false, -5, 'I21.0')$$,
	'YB001', NULL, 'an unknown referral: YB001');
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE xdjy.settlement DISABLE TRIGGER settlement_engine;
SELECT throws_ok($$INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, settled_on, referral_id)
	VALUES (955040, 'SETL-S6-raw', 10000, '2024-03-05', 955100)$$,
	'23P01', NULL, '吉医保发〔2019〕34号 附件第12条: the exclusion constraint keeps a referral to one encounter even past the trigger (races)');
ALTER TABLE xdjy.settlement ENABLE TRIGGER settlement_engine;

-- networked (鲁医保发〔2021〕46号 第三条(四)), amounts, dates, references, policy -----------------------
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(955050, 'SETL-K7', 'SETL-BJ-N2', 'inpatient', '2024-03-01', '2024-03-05'),
	(955051, 'SETL-K8', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05'),
	(955052, 'SETL-JN-R', 'SETL-JN-H3', 'outpatient', '2024-03-01', NULL);
SELECT throws_ok($$SELECT xdjy.settle(955050, 10000, 0, 'SETL-N-1', '2024-03-05')$$, 'YB317', NULL,
	'鲁医保发〔2021〕46号 第三条(四): direct cross-region settlement at a hospital not networked for inpatients');
SELECT lives_ok($$SELECT xdjy.settle(955050, 10000, 0, 'SETL-N-1', '2024-03-20', 'manual')$$,
	'the same stay claimed by hand');
SELECT throws_ok($$SELECT xdjy.settle(955051, -1, 0, 'SETL-M-1', '2024-03-05')$$, 'YB302', NULL,
	'a negative total is rejected');
SELECT throws_ok($$SELECT xdjy.settle(955051, 100, 101, 'SETL-M-1', '2024-03-05')$$, 'YB302', NULL,
	'out of scope above the total is rejected');
SELECT throws_ok($$SELECT xdjy.settle(955051, 100, -1, 'SETL-M-1', '2024-03-05')$$, 'YB302', NULL,
	'a negative out-of-scope amount is rejected');
SELECT throws_ok($$SELECT xdjy.settle(955051, 100, 0, 'SETL-M-1', '2024-02-29')$$, 'YB318', NULL,
	'a settlement dated before the admission is rejected');
SELECT throws_ok($$SELECT xdjy.settle(955051, 100, 0, 'SETL-M-1', 'infinity')$$, '22008', NULL,
	'an infinite settlement date is rejected');
SELECT throws_ok($$SELECT xdjy.settle(-7, 100, 0, 'SETL-M-1', '2024-03-05')$$, 'YB001', NULL,
	'an unknown encounter: YB001');
SELECT throws_ok($$SELECT xdjy.settle(955052, 100, 0, 'SETL-M-2', '2024-03-01')$$, 'YB501', NULL,
	'no policy for Jinan resident outpatient care: YB501');
SELECT throws_ok($$SELECT xdjy.settle(955051, 100, 0, 'SETL-M-1', '2024-03-05', 'direct', true)$$, '23514', NULL,
	'own_reason (吉医保发〔2019〕34号 附件第4条) belongs to manual settlements only');

SELECT * FROM finish();
ROLLBACK;
