-- A policy row that has priced a settlement is frozen: the settlement
-- names the row (policy_id, adjustment_ids), so the row may only be
-- closed, after the last service date it priced, and a new standard is a
-- new dated row (YB505, YB506).  A row overlapping another of its key is
-- refused with that row (YB507).  Changchun (220100) resident, temporary
-- outside in Beijing, two stays in 2024.
BEGIN;
SELECT plan(41);
\ir include/settlement_data.sql
\ir include/helpers.sql

SELECT id AS pol FROM policy WHERE note = 'fixture: Changchun resident temporary' \gset
INSERT INTO first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source)
VALUES ('22', 'inpatient', '[2019-01-01,)', 1000, 'test ceiling') RETURNING id AS ceil \gset
INSERT INTO ratio_adjustment (province, scheme, category, visit_type, kind, points_bp, valid, source, note_en, note_zh)
VALUES ('22', 'resident', 'temporary', 'inpatient', 'delta', -500, '[2024-01-01,)', 'test rule', 'test', '测试')
RETURNING id AS adj \gset

-- unused rows: free to edit ------------------------------------------------
SELECT lives_ok(format('UPDATE policy SET ratio_bp = 6100 WHERE id = %s', :pol),
	'a row that has priced nothing may be changed in place');
SELECT lives_ok(format('UPDATE ratio_adjustment SET points_bp = -600 WHERE id = %s', :adj),
	'a ratio rule that has priced nothing may be changed in place');
SELECT lives_ok(format('UPDATE first_selfpay_ceiling SET ceiling_bp = 1100 WHERE id = %s', :ceil),
	'a ceiling nothing was priced under may be changed in place');
SELECT lives_ok($$INSERT INTO policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group, note)
	VALUES ('220100', 'resident', 'local', 'outpatient', '[2019-01-01,)', 5000, 100000, 'outpatient', 'unused')$$,
	'an unused row is inserted');
SELECT lives_ok($$DELETE FROM policy WHERE note = 'unused'$$, 'and deleted');

-- two settlements: service dates 2024-03-01 and 2024-06-01 -----------------
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-CC-R', '110000', 'temporary_outside', '2024-01-01', '2024-01-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(957001, 'SETL-CC-R', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-08'),
	(957002, 'SETL-CC-R', 'SETL-BJ-H3', 'inpatient', '2024-06-01', '2024-06-05'),
	(957003, 'SETL-CC-R', 'SETL-BJ-H3', 'inpatient', '2024-07-01', '2024-07-05');
SELECT is((SELECT format('%s %s %s', policy_id = :pol, adjustment_ids = ARRAY[:adj]::bigint[], ratio_bp)
	FROM settle(957001, 100000, 0, 'PF-INV-1', '2024-03-08')),
	't t 5500', 'the first stay is priced by the row and the rule (6100 − 600)');
SELECT lives_ok($$SELECT settle(957002, 100000, 0, 'PF-INV-2', '2024-06-05')$$,
	'the second stay, service date 2024-06-01');

-- policy ---------------------------------------------------------------------
SELECT throws_ok(format('UPDATE policy SET ratio_bp = 7100 WHERE id = %s', :pol),
	'YB505', NULL, 'the ratio of a row that has priced settlements cannot change');
SELECT matches(pg_temp.detail_of(format('UPDATE policy SET ratio_bp = 7100 WHERE id = %s', :pol)),
	format('^Row %s of xdjy.policy has priced 2 settlement\(s\), the last with service date 2024-06-01; the statement changes ratio_bp\.$', :pol),
	'YB505 detail: the row, the column, how many settlements, the last service date');
SELECT matches(pg_temp.hint_of(format('UPDATE policy SET ratio_bp = 7100 WHERE id = %s', :pol)),
	'Close the row''s validity .* new dated row', 'YB505 hint: close and insert a new dated row');
SELECT throws_ok(format('UPDATE policy SET note = ''edited'' WHERE id = %s', :pol),
	'YB505', NULL, 'nor its note');
SELECT matches(pg_temp.detail_of(format('UPDATE policy SET ratio_bp = 7100, valid = ''[2019-01-01,2025-01-01)'' WHERE id = %s', :pol)),
	'changes ratio_bp\.$', 'closing and changing together: the change is named');
SELECT throws_ok(format('UPDATE policy SET valid = ''[2020-01-01,)'' WHERE id = %s', :pol),
	'YB505', NULL, 'nor the lower bound of its validity');
SELECT lives_ok(format('UPDATE policy SET note = note, ratio_bp = 6100 WHERE id = %s', :pol),
	'an UPDATE that changes no value passes');
SELECT throws_ok(format('UPDATE policy SET valid = ''[2019-01-01,2024-06-01)'' WHERE id = %s', :pol),
	'YB506', NULL, 'closing on the last service date (it would end 2024-05-31) is rejected');
SELECT is(pg_temp.hint_of(format('UPDATE policy SET valid = ''[2019-01-01,2024-03-01)'' WHERE id = %s', :pol)),
	'The earliest upper bound allowed is 2024-06-02 (valid ''[2019-01-01,2024-06-02)'').',
	'YB506 hint: the earliest upper bound allowed');
SELECT matches(pg_temp.detail_of(format('UPDATE policy SET valid = ''[2019-01-01,2024-03-01)'' WHERE id = %s', :pol)),
	'valid \[2019-01-01,\), has priced 2 settlement\(s\), the last with service date 2024-06-01; the new validity \[2019-01-01,2024-03-01\)',
	'YB506 detail: the dates');
SELECT lives_ok(format('UPDATE policy SET valid = ''[2019-01-01,2024-06-02)'' WHERE id = %s', :pol),
	'closing the day after the last service date is accepted');
SELECT throws_ok(format('UPDATE policy SET valid = ''[2019-01-01,)'' WHERE id = %s', :pol),
	'YB505', NULL, 'a closed used row is not reopened: the later standard is a row of its own');
SELECT throws_ok(format('DELETE FROM policy WHERE id = %s', :pol),
	'YB505', NULL, 'a row that has priced settlements is not deleted');
SELECT matches(pg_temp.detail_of(format('DELETE FROM policy WHERE id = %s', :pol)),
	'the statement deletes it\.$', 'YB505 detail of a DELETE');

-- overlapping rows: YB507 names the row to close ----------------------------
SELECT throws_ok($$INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('220100', 'resident', 'temporary', 'inpatient', '[2024-06-01,)', 60000, 6500, 15000000, 'inpatient')$$,
	'YB507', NULL, 'a new row overlapping the current one is rejected with a coded error');
SELECT is(pg_temp.error_of($$INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('220100', 'resident', 'temporary', 'inpatient', '[2024-06-01,)', 60000, 6500, 15000000, 'inpatient')$$),
	format('YB507: policy row overlaps another of its key | The xdjy.policy row for insured region 220100, scheme "resident", category "temporary", visit type "inpatient", any tier, valid [2024-06-01,), overlaps row %s, valid [2019-01-01,2024-06-02). | Close the validity of row %s first (set the upper bound of its "valid"), then insert the new row from that date.', :pol, :pol),
	'YB507: the overlapping row and its validity; hint: close it first');
-- the exclusion constraint stays the backstop (concurrent inserts): past
-- the trigger, as a replica applies rows, it still rejects the overlap
SET LOCAL session_replication_role = replica;
SELECT throws_ok($$INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('220100', 'resident', 'temporary', 'inpatient', '[2024-06-01,)', 60000, 6500, 15000000, 'inpatient')$$,
	'23P01', NULL, 'past the trigger the exclusion constraint rejects the overlap');
SET LOCAL session_replication_role = origin;
SELECT lives_ok($$INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, annual_cap_fen, quota_group, note)
	VALUES ('220100', 'resident', 'temporary', 'inpatient', '[2024-06-02,)', 60000, 6500, 15000000, 'inpatient', 'new standard')$$,
	'the new standard from the day the old row ends is accepted');
SELECT throws_ok(format('UPDATE policy SET valid = ''[2024-06-01,)'' WHERE note = ''new standard''', :pol),
	'YB507', NULL, 'moving a row onto another''s dates is rejected too');
SELECT is((SELECT format('%s %s', policy_id = (SELECT id FROM policy WHERE note = 'new standard'), policy_ratio_bp)
	FROM settle(957003, 100000, 0, 'PF-INV-3', '2024-07-05')),
	't 6500', 'a stay after the close is priced by the new row');

-- ratio_adjustment ------------------------------------------------------------
SELECT throws_ok(format('UPDATE ratio_adjustment SET points_bp = -700 WHERE id = %s', :adj),
	'YB505', NULL, 'the points of a rule that has priced settlements cannot change');
SELECT matches(pg_temp.detail_of(format('UPDATE ratio_adjustment SET points_bp = -700 WHERE id = %s', :adj)),
	format('^Row %s of xdjy.ratio_adjustment has priced 3 settlement\(s\), the last with service date 2024-07-01; the statement changes points_bp\.$', :adj),
	'YB505 detail for a ratio rule');
SELECT throws_ok(format('UPDATE ratio_adjustment SET valid = ''[2024-01-01,2024-07-01)'' WHERE id = %s', :adj),
	'YB506', NULL, 'closing a rule on its last service date is rejected');
SELECT lives_ok(format('UPDATE ratio_adjustment SET valid = ''[2024-01-01,2024-07-02)'' WHERE id = %s', :adj),
	'closing it the day after is accepted');
SELECT throws_ok(format('DELETE FROM ratio_adjustment WHERE id = %s', :adj),
	'YB505', NULL, 'a rule that has priced settlements is not deleted');
SELECT throws_ok($$INSERT INTO ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh)
	VALUES ('22', 'unfiled', 'set', 3000, '[2030-01-01,)', 'x', 'x', 'x')$$,
	'YB507', NULL, 'a second replacing ratio on the same dates: YB507');

-- first_selfpay_ceiling: the settlements of temporary-outside rows of its
-- province and visit type with a service date in its validity
SELECT throws_ok(format('UPDATE first_selfpay_ceiling SET ceiling_bp = 1200 WHERE id = %s', :ceil),
	'YB505', NULL, 'a ceiling settlements were priced under cannot change');
SELECT matches(pg_temp.detail_of(format('UPDATE first_selfpay_ceiling SET ceiling_bp = 1200 WHERE id = %s', :ceil)),
	'has priced 3 settlement\(s\), the last with service date 2024-07-01; the statement changes ceiling_bp\.$',
	'YB505 detail for a ceiling');
SELECT throws_ok(format('UPDATE first_selfpay_ceiling SET valid = ''[2019-01-01,2024-07-01)'' WHERE id = %s', :ceil),
	'YB506', NULL, 'closing a ceiling on its last service date is rejected');
SELECT lives_ok(format('UPDATE first_selfpay_ceiling SET valid = ''[2019-01-01,2024-07-02)'' WHERE id = %s', :ceil),
	'closing it the day after is accepted');
SELECT throws_ok(format('DELETE FROM first_selfpay_ceiling WHERE id = %s', :ceil),
	'YB505', NULL, 'a ceiling settlements were priced under is not deleted');
SELECT throws_ok($$INSERT INTO first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source)
	VALUES ('22', 'inpatient', '[2024-07-01,)', 1000, 'x')$$,
	'YB507', NULL, 'a ceiling overlapping the current one: YB507');
SELECT lives_ok($$INSERT INTO first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source)
	VALUES ('22', 'inpatient', '[2024-07-02,)', 1000, 'x')$$,
	'the next ceiling from the day the old one ends is accepted');
SELECT lives_ok($$UPDATE first_selfpay_ceiling SET ceiling_bp = 1500 WHERE source = 'x'$$,
	'and, pricing nothing yet, may still be changed');

SELECT * FROM finish();
ROLLBACK;
