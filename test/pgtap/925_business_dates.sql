-- The business-date window (src/dates.c, YB004): every business date a
-- table stores and every date argument of a function lies within
-- xdjy.business_date_min .. xdjy.business_date_max.  The window is narrowed
-- to 2024 here, so each table's column and each function is tried on the
-- window's first and last day (accepted) and the days just outside
-- (YB004, the detail naming the column or argument and the window).  Then
-- the default window (1990-01-01 .. 2199-12-31) with the absurd dates
-- that used to be taken, and the settings themselves.  Every case runs in
-- its own subtransaction, always rolled back.
BEGIN;
SET LOCAL search_path = xdjy, public;
\ir include/helpers.sql

CREATE TEMP TABLE dcase (
	n		serial,
	area	text NOT NULL,
	sql		text NOT NULL,
	want	text NOT NULL,		-- 'ok' or a SQLSTATE
	names	text,				-- for YB004: what the detail must name
	got		text,
	detail	text
) ON COMMIT DROP;

-- fixtures through the rules, dated inside 2024
CREATE TEMP TABLE fx (name text PRIMARY KEY, id bigint) ON COMMIT DROP;
INSERT INTO fx SELECT 'long_term', xdjy.file_long_term('jinan-emp-3', '110000', '2024-03-01', '2024-03-01');
INSERT INTO fx SELECT 'jilin', xdjy.file_long_term('changchun-res-1', '110000', '2024-03-01', '2024-03-01');
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, annual_cap_fen, quota_group, note) VALUES
	('371000', 'employee', 'local', 'outpatient', '[2024-01-01,2025-01-01)', 0, 9000, 200000, 'outpatient', 'window'),
	('371000', 'resident', 'temporary', 'outpatient', '[2024-01-01,2025-01-01)', 0, 6000, 200000, 'outpatient', 'window');
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('weihai-emp-1', 'H37108200001', 'outpatient', '2024-01-01', '2024-01-01') RETURNING id)
INSERT INTO fx SELECT 'jan1', id FROM e;
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('weihai-emp-1', 'H37108200001', 'outpatient', '2024-12-30', '2024-12-30') RETURNING id)
INSERT INTO fx SELECT 'dec30', id FROM e;
INSERT INTO fx SELECT 'bjfiling', xdjy.file_temporary('weihai-res-1', '110000', '2024-01-01', '2024-01-01');
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('weihai-res-1', 'H11010500001', 'outpatient', '2024-08-01', '2024-08-01') RETURNING id)
INSERT INTO fx SELECT 'bjvisit', id FROM e;
INSERT INTO fx SELECT 'remote', (xdjy.settle((SELECT id FROM fx WHERE name = 'bjvisit'), 30000, 0, 'WIN-1', '2024-08-01')).id;
WITH c AS (INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
	VALUES ((SELECT id FROM fx WHERE name = 'dec30'), 'WIN-C', 20000, '2024-12-30') RETURNING id)
INSERT INTO fx SELECT 'claim', id FROM c;

-- the window of 2024 (a SUSET setting; the tests run as superuser)
SET LOCAL xdjy.business_date_min = '2024-01-01';
SET LOCAL xdjy.business_date_max = '2024-12-31';

-- tables: the first and last day taken, the day before and after refused
INSERT INTO dcase (area, sql, want, names) VALUES
	('filing.start_date', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2024-01-01', '2024-01-01')$$, 'ok', NULL),
	('filing.start_date', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2023-12-31', '2024-01-01')$$, 'YB004', 'filing.start_date is 2023-12-31'),
	('filing.start_date', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2025-01-01', '2024-12-31')$$, 'YB004', 'filing.start_date is 2025-01-01'),
	('filing.applied_on', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2024-12-31', '2024-12-31')$$, 'ok', NULL),
	('filing.applied_on', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2024-12-31', '2025-01-01')$$, 'YB004', 'filing.applied_on is 2025-01-01'),
	('filing.applied_on', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-01-01', '2023-12-31')$$, 'YB004', 'filing.applied_on is 2023-12-31'),
	('filing.closed_on', $$UPDATE xdjy.filing SET status = 'terminated', closed_on = '2024-12-31' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, 'ok', NULL),
	('filing.closed_on', $$UPDATE xdjy.filing SET status = 'terminated', closed_on = '2025-01-01' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, 'YB004', 'filing.closed_on is 2025-01-01'),
	('filing.closed_on', $$UPDATE xdjy.filing SET status = 'terminated', closed_on = '2023-12-31' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, 'YB004', 'filing.closed_on is 2023-12-31'),
	('filing_exemption.valid', $$INSERT INTO xdjy.filing_exemption (province, valid, source) VALUES ('110000', '[2024-01-01,2025-01-01)', 'x')$$, 'ok', NULL),
	('filing_exemption.valid', $$INSERT INTO xdjy.filing_exemption (province, valid, source) VALUES ('110000', '[2024-01-01,)', 'x')$$, 'ok', NULL),
	('filing_exemption.valid', $$INSERT INTO xdjy.filing_exemption (province, valid, source) VALUES ('110000', '[2023-12-31,2024-06-01)', 'x')$$, 'YB004', 'filing_exemption.valid is [2023-12-31,2024-06-01)'),
	('filing_exemption.valid', $$INSERT INTO xdjy.filing_exemption (province, valid, source) VALUES ('110000', '[2024-06-01,2025-01-02)', 'x')$$, 'YB004', 'its day 2025-01-01'),
	('institution_choice_rule.valid', $$INSERT INTO xdjy.institution_choice_rule (province, scheme, valid, source) VALUES ('110000', 'employee', '[2024-01-01,2025-01-01)', 'x')$$, 'ok', NULL),
	('institution_choice_rule.valid', $$INSERT INTO xdjy.institution_choice_rule (province, scheme, valid, source) VALUES ('110000', 'employee', '(,2025-01-02)', 'x')$$, 'YB004', 'institution_choice_rule.valid'),
	('institution_choice.chosen_on', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'jilin'), 'H11010500002', true, '2024-12-31')$$, 'ok', NULL),
	('institution_choice.chosen_on', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'jilin'), 'H11010500002', true, '2025-01-01')$$, 'YB004', 'institution_choice.chosen_on is 2025-01-01'),
	('encounter.admitted_on', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37108200001', 'outpatient', '2023-12-31', '2023-12-31')$$, 'YB004', 'encounter.admitted_on is 2023-12-31'),
	('encounter.admitted_on', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37108200001', 'outpatient', '2024-12-31', '2024-12-31')$$, 'ok', NULL),
	('encounter.discharged_on', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37100200001', 'inpatient', '2024-12-20', '2024-12-31')$$, 'ok', NULL),
	('encounter.discharged_on', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37100200001', 'inpatient', '2024-12-20', '2025-01-01')$$, 'YB004', 'encounter.discharged_on is 2025-01-01'),
	('policy.valid', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, annual_cap_fen, quota_group, note) VALUES ('371000', 'employee', 'local', 'inpatient', '[2024-01-01,2025-01-01)', 0, 9000, 100, 'inpatient', 'w')$$, 'ok', NULL),
	('policy.valid', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, annual_cap_fen, quota_group, note) VALUES ('371000', 'employee', 'local', 'inpatient', '[2023-12-31,2025-01-01)', 0, 9000, 100, 'inpatient', 'w')$$, 'YB004', 'policy.valid'),
	('policy.valid', $$UPDATE xdjy.policy SET valid = '[2024-01-01,2025-01-02)' WHERE note = 'window' AND scheme = 'employee'$$, 'YB004', 'policy.valid is [2024-01-01,2025-01-02)'),
	('first_selfpay_ceiling.valid', $$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source) VALUES ('65', 'inpatient', '[2024-01-01,2025-01-01)', 1000, 'x')$$, 'ok', NULL),
	('first_selfpay_ceiling.valid', $$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source) VALUES ('65', 'inpatient', '[2023-12-31,)', 1000, 'x')$$, 'YB004', 'first_selfpay_ceiling.valid'),
	('ratio_adjustment.valid', $$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh) VALUES ('65', 'temporary', 'delta', -100, '[2024-01-01,2025-01-01)', 'x', 'x', 'x')$$, 'ok', NULL),
	('ratio_adjustment.valid', $$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh) VALUES ('65', 'temporary', 'delta', -100, '[2024-01-01,2025-01-02)', 'x', 'x', 'x')$$, 'YB004', 'ratio_adjustment.valid'),
	('home_benefit_kept.valid', $$INSERT INTO xdjy.home_benefit_kept (province, valid, source) VALUES ('65', '[2024-01-01,)', 'x')$$, 'ok', NULL),
	('home_benefit_kept.valid', $$INSERT INTO xdjy.home_benefit_kept (province, valid, source) VALUES ('65', '[2023-12-31,)', 'x')$$, 'YB004', 'home_benefit_kept.valid'),
	('referral.issued_on', $$INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis) VALUES ('weihai-emp-1', 'H37100200001', '2024-01-01', 'C34')$$, 'ok', NULL),
	('referral.issued_on', $$INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis) VALUES ('weihai-emp-1', 'H37100200001', '2023-12-31', 'C34')$$, 'YB004', 'referral.issued_on is 2023-12-31'),
	('settlement.settled_on', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'jan1'), 10000, 0, 'WIN-S', '2024-01-01')$$, 'ok', NULL),
	('settlement.settled_on', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'dec30'), 10000, 0, 'WIN-S', '2024-12-31')$$, 'ok', NULL),
	('settlement.settled_on', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'dec30'), 10000, 0, 'WIN-S', '2025-01-01')$$, 'YB004', 'settlement.settled_on is 2025-01-01'),
	('settlement.settled_on', $$SELECT xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'remote'), '2025-01-01')$$, 'YB004', 'settlement.settled_on is 2025-01-01'),
	('settlement.settled_on', $$SELECT xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'remote'), '2024-12-31')$$, 'ok', NULL),
	('settlement_attempt.attempted_on', $$INSERT INTO xdjy.settlement_attempt (attempted_on, mode, sqlstate, message) VALUES ('2025-01-01', 'direct', 'YB301', 'x')$$, 'YB004', 'settlement_attempt.attempted_on is 2025-01-01'),
	('settlement_attempt.attempted_on', $$INSERT INTO xdjy.settlement_attempt (attempted_on, mode, sqlstate, message) VALUES ('2024-12-31', 'direct', 'YB301', 'x')$$, 'ok', NULL),
	('manual_claim.submitted_on', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'dec30'), 'WIN-D', 100, '2024-12-31')$$, 'ok', NULL),
	('manual_claim.submitted_on', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'dec30'), 'WIN-D', 100, '2025-01-01')$$, 'YB004', 'manual_claim.submitted_on is 2025-01-01'),
	('manual_claim.materials_complete_on', $$UPDATE xdjy.manual_claim SET materials_complete_on = '2025-01-01' WHERE id = (SELECT id FROM fx WHERE name = 'claim')$$, 'YB004', 'manual_claim.materials_complete_on is 2025-01-01'),
	('manual_claim.materials_complete_on', $$UPDATE xdjy.manual_claim SET materials_complete_on = '2024-12-31' WHERE id = (SELECT id FROM fx WHERE name = 'claim')$$, 'ok', NULL),
	('manual_claim.decided_on', $$UPDATE xdjy.manual_claim SET decided_on = '2025-01-01' WHERE id = (SELECT id FROM fx WHERE name = 'claim')$$, 'YB004', 'manual_claim.decided_on is 2025-01-01'),
	('manual_claim.due_on', $$UPDATE xdjy.manual_claim SET due_on = '2025-01-01' WHERE id = (SELECT id FROM fx WHERE name = 'claim')$$, 'YB004', 'manual_claim.due_on is 2025-01-01'),
	('party_report.reported_on', $$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', (SELECT id FROM fx WHERE name = 'remote'), '2024-12-31', 1, 1, 0)$$, 'ok', NULL),
	('party_report.reported_on', $$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', (SELECT id FROM fx WHERE name = 'remote'), '2025-01-01', 1, 1, 0)$$, 'YB004', 'party_report.reported_on is 2025-01-01'),
	('detail_upload.uploaded_on', $$INSERT INTO xdjy.detail_upload (settlement_id, uploaded_on) VALUES ((SELECT id FROM fx WHERE name = 'remote'), '2024-12-31')$$, 'ok', NULL),
	('detail_upload.uploaded_on', $$INSERT INTO xdjy.detail_upload (settlement_id, uploaded_on) VALUES ((SELECT id FROM fx WHERE name = 'remote'), '2025-01-01')$$, 'YB004', 'detail_upload.uploaded_on is 2025-01-01'),
	('clearing_confirmation.month', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2023-12-01', 'H11010500001', '2024-01-10', 1)$$, 'YB004', 'clearing_confirmation.month is 2023-12-01'),
	('clearing_confirmation.confirmed_on', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-12-01', 'H11010500001', '2025-01-01', 1)$$, 'YB004', 'clearing_confirmation.confirmed_on is 2025-01-01'),
	('clearing_confirmation.confirmed_on', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-11-01', 'H11010500001', '2024-12-31', 1)$$, 'ok', NULL),
	('clearing_confirmation.rolled_back_on', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen, rolled_back_on) VALUES ('2024-11-01', 'H11010500001', '2024-12-10', 1, '2025-01-01')$$, 'YB004', 'clearing_confirmation.rolled_back_on is 2025-01-01'),
	('clearing_declaration.declared_on', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen) VALUES ('2024-11-01', 'H11010500001', '2025-01-01', 1)$$, 'YB004', 'clearing_declaration.declared_on is 2025-01-01'),
	('clearing_declaration.paid_on', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen, paid_on, paid_fen) VALUES ('2024-11-01', 'H11010500001', '2024-12-10', 1, '2025-01-01', 1)$$, 'YB004', 'clearing_declaration.paid_on is 2025-01-01'),
	('clearing_declaration.paid_on', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen, paid_on, paid_fen) VALUES ('2024-11-01', 'H11010500001', '2024-12-10', 1, '2024-12-31', 1)$$, 'ok', NULL),
	('clearing_declaration.month', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen) VALUES ('2023-12-01', 'H11010500001', '2024-01-10', 1)$$, 'YB004', 'clearing_declaration.month is 2023-12-01'),
	('provincial_clearing.starts_on', $$INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES ('370000', '2024-11-01', '2025-01-01')$$, 'YB004', 'provincial_clearing.starts_on is 2025-01-01'),
	('provincial_clearing.starts_on', $$INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES ('370000', '2024-11-01', '2024-12-31')$$, 'ok', NULL),
	('provincial_clearing.month', $$INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES ('370000', '2023-12-01', '2024-01-15')$$, 'YB004', 'provincial_clearing.month is 2023-12-01'),
	('clearing_transfer.transferred_on', $$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-11-01', '371000', '2025-01-01', 1)$$, 'YB004', 'clearing_transfer.transferred_on is 2025-01-01'),
	('clearing_transfer.transferred_on', $$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-11-01', '371000', '2024-12-31', 1)$$, 'ok', NULL),
	('clearing_transfer.month', $$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2023-12-01', '371000', '2024-01-10', 1)$$, 'YB004', 'clearing_transfer.month is 2023-12-01'),
	('clearing_detail_confirmation.recorded_on', $$SELECT xdjy.clearing_confirm((SELECT id FROM fx WHERE name = 'remote'), '1', '2025-01-01')$$, 'YB004', 'clearing_detail_confirmation.recorded_on is 2025-01-01'),
	('clearing_detail_confirmation.recorded_on', $$SELECT xdjy.clearing_confirm((SELECT id FROM fx WHERE name = 'remote'), '1', '2024-12-31')$$, 'ok', NULL),
	('clearing_detail_confirmation.recorded_on', $$SELECT xdjy.clearing_confirm_month('H11010500001', 2024, 8, '1', '2025-01-01')$$, 'YB004', 'clearing_detail_confirmation.recorded_on is 2025-01-01'),
	('holiday.day', $$INSERT INTO xdjy.holiday (day, is_workday) VALUES ('2025-01-01', false)$$, 'YB004', 'holiday.day is 2025-01-01'),
	('holiday.day', $$INSERT INTO xdjy.holiday (day, is_workday) VALUES ('2023-12-31', false)$$, 'YB004', 'holiday.day is 2023-12-31'),
	-- an unchanged date outside the window does not stop other changes
	('filing (unchanged dates)', $$SET LOCAL xdjy.business_date_min = '2024-06-01'; UPDATE xdjy.filing SET status = 'terminated', closed_on = '2024-12-31' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, 'ok', NULL);

-- functions taking a business date
INSERT INTO dcase (area, sql, want, names) VALUES
	('change_filing(on_date)', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '310000', '2024-12-31')$$, 'ok', NULL),
	('change_filing(on_date)', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '310000', '2025-01-01')$$, 'YB004', 'change_filing(on_date) is 2025-01-01'),
	('cancel_filing(on_date)', $$SELECT xdjy.cancel_filing((SELECT id FROM fx WHERE name = 'bjfiling'), '2025-01-01')$$, 'YB004', 'cancel_filing(on_date) is 2025-01-01'),
	('cancel_filing(on_date)', $$SELECT xdjy.cancel_filing((SELECT id FROM fx WHERE name = 'bjfiling'), '2024-12-31')$$, 'ok', NULL),
	('terminate_filing(on_date)', $$SELECT xdjy.terminate_filing((SELECT id FROM fx WHERE name = 'long_term'), '2025-01-01')$$, 'YB004', 'terminate_filing(on_date) is 2025-01-01'),
	('terminate_filing(on_date)', $$SELECT xdjy.terminate_filing((SELECT id FROM fx WHERE name = 'long_term'), '2024-12-31')$$, 'ok', NULL),
	('filing_at(on_date)', $$SELECT * FROM xdjy.filing_at('jinan-emp-3', '110000', '2024-12-31')$$, 'ok', NULL),
	('filing_at(on_date)', $$SELECT * FROM xdjy.filing_at('jinan-emp-3', '110000', '2025-01-01')$$, 'YB004', 'filing_at(on_date) is 2025-01-01'),
	('filing_exempt(on_date)', $$SELECT xdjy.filing_exempt('370100', '370800', '2024-01-01')$$, 'ok', NULL),
	('filing_exempt(on_date)', $$SELECT xdjy.filing_exempt('370100', '370800', '2023-12-31')$$, 'YB004', 'filing_exempt(on_date) is 2023-12-31'),
	('is_chosen_institution(on_date)', $$SELECT xdjy.is_chosen_institution('changchun-res-1', 'H11010500002', '2024-12-31')$$, 'ok', NULL),
	('is_chosen_institution(on_date)', $$SELECT xdjy.is_chosen_institution('changchun-res-1', 'H11010500002', '2025-01-01')$$, 'YB004', 'is_chosen_institution(on_date) is 2025-01-01'),
	('try_settle(settled_on)', $$SELECT xdjy.try_settle((SELECT id FROM fx WHERE name = 'dec30'), 10000, 0, 'WIN-T', '2025-01-01')$$, 'YB004', 'try_settle(settled_on) is 2025-01-01'),
	('try_settle(settled_on)', $$SELECT xdjy.try_settle((SELECT id FROM fx WHERE name = 'dec30'), 10000, 0, 'WIN-T', '2024-12-31')$$, 'ok', NULL),
	('decide_manual_claim(decided_on)', $$SELECT xdjy.decide_manual_claim((SELECT id FROM fx WHERE name = 'claim'), '2025-01-01')$$, 'YB004', 'decide_manual_claim(decided_on) is 2025-01-01'),
	('reconciliation_monthly_as_of(as_of)', $$SELECT * FROM xdjy.reconciliation_monthly_as_of('2024-12-31')$$, 'ok', NULL),
	('reconciliation_monthly_as_of(as_of)', $$SELECT * FROM xdjy.reconciliation_monthly_as_of('2025-01-01')$$, 'YB004', 'reconciliation_monthly_as_of(as_of) is 2025-01-01'),
	('detail_upload_overdue_as_of(as_of)', $$SELECT * FROM xdjy.detail_upload_overdue_as_of('2024-12-31')$$, 'ok', NULL),
	('detail_upload_overdue_as_of(as_of)', $$SELECT * FROM xdjy.detail_upload_overdue_as_of('2023-12-31')$$, 'YB004', 'detail_upload_overdue_as_of(as_of) is 2023-12-31'),
	('manual_claim_due_as_of(as_of)', $$SELECT * FROM xdjy.manual_claim_due_as_of('2024-12-31')$$, 'ok', NULL),
	('manual_claim_due_as_of(as_of)', $$SELECT * FROM xdjy.manual_claim_due_as_of('2025-01-01')$$, 'YB004', 'manual_claim_due_as_of(as_of) is 2025-01-01'),
	('clearing_monthly_as_of(as_of)', $$SELECT * FROM xdjy.clearing_monthly_as_of('2024-12-31')$$, 'ok', NULL),
	('clearing_monthly_as_of(as_of)', $$SELECT * FROM xdjy.clearing_monthly_as_of('2025-01-01')$$, 'YB004', 'clearing_monthly_as_of(as_of) is 2025-01-01'),
	('export_setlinfo(from, to)', $$SELECT * FROM xdjy.export_setlinfo('2024-01-01', '2024-12-31')$$, 'ok', NULL),
	('export_setlinfo(from, to)', $$SELECT * FROM xdjy.export_setlinfo('2023-12-31', '2024-12-31')$$, 'YB004', 'export_setlinfo(from) is 2023-12-31'),
	('export_setlinfo(from, to)', $$SELECT * FROM xdjy.export_setlinfo('2024-01-01', '2025-01-01')$$, 'YB004', 'export_setlinfo(to) is 2025-01-01'),
	('stmt_total(begndate, enddate)', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-01', '2024-12-31', 0, 0, 0, 0)$$, 'ok', NULL),
	('stmt_total(begndate, enddate)', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2023-12-31', '2024-12-31', 0, 0, 0, 0)$$, 'YB004', 'begndate is 2023-12-31'),
	('stmt_total(begndate, enddate)', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-01', '2025-01-01', 0, 0, 0, 0)$$, 'YB004', 'enddate is 2025-01-01'),
	('check_business_date', $$SELECT xdjy.check_business_date('2024-12-31', 'x')$$, 'ok', NULL),
	('check_business_date', $$SELECT xdjy.check_business_date('2025-01-01', 'my_function(day)')$$, 'YB004', 'my_function(day) is 2025-01-01, outside the business-date window 2024-01-01 to 2024-12-31'),
	('check_business_date', $$SELECT xdjy.check_business_date('infinity', 'x')$$, 'ok', NULL);

-- the default window: the absurd dates of the report, and its edges
INSERT INTO dcase (area, sql, want, names) VALUES
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'dec30'), 10000, 0, 'WIN-X', '5874897-12-31')$$, 'YB004', 'settlement.settled_on is 5874897-12-31, outside the business-date window 1990-01-01 to 2199-12-31'),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'H37100200001', 'inpatient', '294276-01-01')$$, 'YB004', 'encounter.admitted_on is 294276-01-01'),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT xdjy.file_temporary('jinan-emp-1', '110000', '4713-01-01 BC', '2024-03-10')$$, 'YB004', 'filing.start_date is 4713-01-01 BC'),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT * FROM xdjy.reconciliation_monthly_as_of('5874897-12-31')$$, 'YB004', 'reconciliation_monthly_as_of(as_of) is 5874897-12-31'),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT * FROM xdjy.clearing_monthly_as_of('5874897-12-31')$$, 'YB004', 'clearing_monthly_as_of(as_of) is 5874897-12-31'),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT * FROM xdjy.reconciliation_monthly_as_of('2199-12-31')$$, 'ok', NULL),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT * FROM xdjy.clearing_monthly_as_of('2199-12-31')$$, 'ok', NULL),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT * FROM xdjy.reconciliation_monthly_as_of('2200-01-01')$$, 'YB004', 'reconciliation_monthly_as_of(as_of) is 2200-01-01'),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT * FROM xdjy.clearing_monthly_as_of('1989-12-31')$$, 'YB004', 'clearing_monthly_as_of(as_of) is 1989-12-31'),
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT * FROM xdjy.clearing_monthly_as_of('1990-01-01')$$, 'ok', NULL),
	-- the last day of the window settles, and the reports of its month run
	('default window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max;
		INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, annual_cap_fen, quota_group, note)
			VALUES ('371000', 'employee', 'local', 'outpatient', '[2199-01-01,2200-01-01)', 0, 9000, 200000, 'outpatient', 'edge');
		INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37108200001', 'outpatient', '2199-12-31', '2199-12-31');
		SELECT xdjy.settle(currval(pg_get_serial_sequence('xdjy.encounter', 'id')), 10000, 0, 'WIN-E', '2199-12-31');
		SELECT * FROM xdjy.reconciliation_monthly_as_of('2199-12-31');
		SELECT * FROM xdjy.clearing_monthly_as_of('2199-12-31');
		SELECT * FROM xdjy.detail_upload_overdue_as_of('2199-12-31')$$, 'ok', NULL),
	-- widening the window takes what it refused
	('widened window', $$SET LOCAL xdjy.business_date_max = '2399-12-31'; SELECT * FROM xdjy.reconciliation_monthly_as_of('2300-01-01')$$, 'ok', NULL),
	('widened window', $$RESET xdjy.business_date_min; RESET xdjy.business_date_max; SELECT * FROM xdjy.reconciliation_monthly_as_of('2300-01-01')$$, 'YB004', 'reconciliation_monthly_as_of(as_of) is 2300-01-01');

-- the settings: ISO dates only, and a non-empty window (22023)
INSERT INTO dcase (area, sql, want, names)
SELECT 'setting ' || g, pg_catalog.format('SET LOCAL %s = %L', g, v), '22023', NULL
FROM unnest(ARRAY['xdjy.business_date_min', 'xdjy.business_date_max']) g,
	unnest(ARRAY['', 'x', '2024-02-30', '2024-13-01', '20240101', '2024-1-1', ' 2024-01-01', '2024-01-01 ',
		'01/02/2024', 'infinity', '-infinity', 'today', '0000-01-01', '12345-01-01', '2024-01-01 BC']) v;
INSERT INTO dcase (area, sql, want, names) VALUES
	('setting: min not before max', $$SET LOCAL xdjy.business_date_min = '2024-12-31'$$, '22023', NULL),
	('setting: max not after min', $$SET LOCAL xdjy.business_date_max = '2024-01-01'$$, '22023', NULL),
	('setting: min after max', $$SET LOCAL xdjy.business_date_min = '2300-01-01'$$, '22023', NULL),
	('setting: a two-day window', $$SET LOCAL xdjy.business_date_max = '2024-01-02'$$, 'ok', NULL),
	('setting: narrowed min', $$SET LOCAL xdjy.business_date_min = '2024-06-01'; SELECT * FROM xdjy.filing_at('jinan-emp-3', '110000', '2024-05-31')$$, 'YB004', 'filing_at(on_date) is 2024-05-31, outside the business-date window 2024-06-01 to 2024-12-31'),
	('setting: an operator may not move it', $$SET LOCAL ROLE xdjy_operator; SET LOCAL xdjy.business_date_max = '2399-12-31'$$, '42501', NULL);

-- run every case in its own subtransaction, always rolled back ----------------
DO $$
DECLARE
	c record;
	d text;
BEGIN
	FOR c IN SELECT * FROM dcase ORDER BY n LOOP
		BEGIN
			EXECUTE c.sql;
			RAISE EXCEPTION 'no error' USING ERRCODE = 'ZX999';
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
			UPDATE dcase SET got = CASE SQLSTATE WHEN 'ZX999' THEN 'ok' ELSE SQLSTATE END,
				detail = CASE SQLSTATE WHEN 'ZX999' THEN NULL ELSE d || ' / ' || SQLERRM END
			WHERE n = c.n;
		END;
	END LOOP;
END
$$;

SELECT plan((SELECT count(*)::int FROM dcase) + (SELECT count(*)::int FROM dcase WHERE names IS NOT NULL) + 8);
SELECT is(got, want, pg_catalog.format('%s: %s%s', area, translate(left(sql, 140), E'\n\t', '  '),
	CASE WHEN got IS DISTINCT FROM want THEN ' — ' || coalesce(detail, '') ELSE '' END))
FROM dcase ORDER BY n;
SELECT ok(strpos(coalesce(detail, ''), names) > 0, pg_catalog.format('%s: the detail names %s (%s)', area, names, detail))
FROM dcase WHERE names IS NOT NULL ORDER BY n;

-- every date and daterange column of every xdjy table is checked
SELECT is((SELECT array_agg(c.relname || '.' || a.attname ORDER BY 1)
	FROM pg_class c
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE c.relnamespace = 'xdjy'::regnamespace AND c.relkind = 'r'
		AND a.atttypid IN ('date'::regtype, 'daterange'::regtype)
		AND NOT EXISTS (
			SELECT FROM pg_trigger t
			WHERE t.tgrelid = c.oid AND t.tgfoid = 'xdjy.business_dates_trigger'::regproc
				AND t.tgenabled <> 'D'
				AND a.attname::text = ANY (string_to_array(encode(t.tgargs, 'escape'), '\000')))),
	NULL, 'every date and daterange column of every table is named to business_dates_trigger');
SELECT is((SELECT array_agg(t.tgname::text ORDER BY 1) FROM pg_trigger t
	WHERE t.tgfoid = 'xdjy.business_dates_trigger'::regproc
		AND (t.tgtype & (1 | 2 | 4 | 16)) <> (1 | 2 | 4 | 16)),
	NULL, 'business_dates fires BEFORE INSERT OR UPDATE FOR EACH ROW');
SELECT is((SELECT array_agg(c.relname || '.' || t.tgname ORDER BY 1)
	FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
	WHERE c.relnamespace = 'xdjy'::regnamespace AND NOT t.tgisinternal
		AND (t.tgtype & 2) <> 0 AND (t.tgtype & (4 | 16)) <> 0
		AND t.tgname < 'business_dates'),
	NULL, 'no BEFORE INSERT/UPDATE trigger fires ahead of business_dates (name order), so the rules see checked dates');

-- the settings
SELECT is(current_setting('xdjy.business_date_min'), '2024-01-01', 'SHOW xdjy.business_date_min');
RESET xdjy.business_date_min;
RESET xdjy.business_date_max;
SELECT is(current_setting('xdjy.business_date_min'), '1990-01-01', 'the window begins on 1990-01-01 by default');
SELECT is(current_setting('xdjy.business_date_max'), '2199-12-31', 'and ends on 2199-12-31');
SELECT is((SELECT context FROM pg_settings WHERE name = 'xdjy.business_date_max'), 'superuser',
	'only a superuser (or a role granted SET) moves the window');
SELECT matches(pg_temp.hint_of($$SELECT xdjy.check_business_date('2200-01-01', 'x')$$),
	'xdjy.business_date_min and xdjy.business_date_max', 'the hint says how the DBA changes the window');

SELECT * FROM finish();
ROLLBACK;
