-- Settlements are immutable; a correction is a reversal row (冲正,
-- 国家医疗保障信息平台 接口规范 2601) with every amount negated that gives the ledgers back,
-- once.  Ledgers equal the sums of their settlements.
BEGIN;
SELECT plan(22);
\ir include/settlement_data.sql

INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(954001, 'SETL-JN-E', 'SETL-JN-H3', 'inpatient', '2024-03-01', '2024-03-10'),
	(954002, 'SETL-JN-E', 'SETL-JN-H3', 'inpatient', '2024-05-01', '2024-05-10');
-- 1000000 in scope: deductible 100000, fund 810000, personal 190000
SELECT lives_ok($$SELECT xdjy.settle(954001, 1000000, 0, 'SETL-R-1', '2024-03-10')$$, 'a local stay is settled');
SELECT is((SELECT deductible_met_fen || '/' || fund_paid_fen FROM ledger WHERE person_id = 'SETL-JN-E' AND year = 2024),
	'100000/810000', 'the ledger holds its deductible and fund');
-- 500000: deductible 0, fund 450000
SELECT lives_ok($$SELECT xdjy.settle(954002, 500000, 0, 'SETL-R-2', '2024-05-10')$$, 'a second stay is settled');
SELECT is((SELECT deductible_met_fen || '/' || fund_paid_fen FROM ledger WHERE person_id = 'SETL-JN-E' AND year = 2024),
	'100000/1260000', 'the ledger adds the second');

-- immutable -----------------------------------------------------------------
SELECT throws_ok($$UPDATE xdjy.settlement SET fund_fen = fund_fen + 1 WHERE invoice_no = 'SETL-R-1'$$,
	'YB313', NULL, 'a settlement cannot be updated');
SELECT throws_ok($$DELETE FROM xdjy.settlement WHERE invoice_no = 'SETL-R-1'$$,
	'YB313', NULL, 'a settlement cannot be deleted');

-- reversal -------------------------------------------------------------------
SELECT is((SELECT format('%s %s %s %s %s', r.total_fen, r.deductible_fen, r.fund_fen, r.personal_fen, r.category)
	FROM xdjy.reverse_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-R-1'), '2024-03-20') r),
	'-1000000 -100000 -810000 -190000 local', 'the reversal negates every amount and keeps the category');
SELECT is((SELECT deductible_met_fen || '/' || fund_paid_fen FROM ledger WHERE person_id = 'SETL-JN-E' AND year = 2024),
	'0/450000', 'the reversal gives the deductible and the fund back to the ledger');
SELECT is((SELECT deductible_met_before_fen || '/' || fund_paid_before_fen FROM settlement WHERE reverses IS NOT NULL),
	'100000/1260000', 'the reversal records the ledger it found');
SELECT throws_ok($$SELECT xdjy.reverse_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no = 'SETL-R-1' AND reverses IS NULL), '2024-03-21')$$,
	'YB314', NULL, 'a settlement is reversed once');
SELECT throws_ok($$SELECT xdjy.reverse_settlement((SELECT id FROM xdjy.settlement WHERE reverses IS NOT NULL), '2024-03-21')$$,
	'YB315', NULL, 'a reversal cannot be reversed');
SELECT throws_ok($$SELECT xdjy.reverse_settlement(-1, '2024-03-21')$$,
	'YB001', NULL, 'reversing an unknown settlement: YB001');
SELECT throws_ok($$SELECT xdjy.reverse_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no = 'SETL-R-2'), '2024-05-09')$$,
	'YB315', NULL, 'a reversal cannot be dated before its original');
SELECT throws_ok($$INSERT INTO xdjy.settlement (reverses, settled_on, total_fen) VALUES
	((SELECT id FROM xdjy.settlement WHERE invoice_no = 'SETL-R-2'), '2024-05-20', -1)$$,
	'YB315', NULL, 'a reversal with a total other than the original''s negated is rejected');
SELECT throws_ok($$INSERT INTO xdjy.settlement (reverses, settled_on, invoice_no) VALUES
	((SELECT id FROM xdjy.settlement WHERE invoice_no = 'SETL-R-2'), '2024-05-20', 'SETL-other')$$,
	'YB315', NULL, 'a reversal naming another invoice is rejected');
SELECT lives_ok($$INSERT INTO xdjy.settlement (reverses, settled_on, encounter_id, invoice_no, total_fen) VALUES
	((SELECT id FROM xdjy.settlement WHERE invoice_no = 'SETL-R-2'), '2024-05-20', 954002, 'SETL-R-2', -500000)$$,
	'a reversal giving matching encounter, invoice and total is accepted');
SELECT is((SELECT deductible_met_fen || '/' || fund_paid_fen FROM ledger WHERE person_id = 'SETL-JN-E' AND year = 2024),
	'0/0', 'both reversed: the ledger is back to nothing');

-- settle again after the reversal (鲁医保发〔2021〕46号 第四条: the invoice is free again) --------
-- 900000: deductible 100000 (given back), fund 720000
SELECT is((SELECT s.fund_fen || '/' || s.invoice_seq FROM xdjy.settle(954001, 900000, 0, 'SETL-R-1', '2024-03-21') s),
	'720000/1', 'the corrected settlement reuses the invoice (its second use) and the deductible given back');
SELECT throws_ok($$SELECT xdjy.settle(954001, 900000, 0, 'SETL-R-1', '2024-03-22')$$,
	'YB308', NULL, '鲁医保发〔2021〕46号 第四条: while the correction stands, the invoice cannot be settled again');

-- the ledger equals the sums of the settlements ----------------------------------
SELECT is((SELECT count(*)::int FROM ledger l
	LEFT JOIN (SELECT s.person_id, extract(year FROM s.service_on)::int AS year, s.quota_group,
	                  sum(s.deductible_fen) AS ded, sum(s.fund_fen) AS fund
	           FROM settlement s GROUP BY 1, 2, 3) t USING (person_id, year, quota_group)
	WHERE l.deductible_met_fen <> COALESCE(t.ded, 0) OR l.fund_paid_fen <> COALESCE(t.fund, 0)),
	0, 'every ledger row equals the sums of its settlements, reversals included');
SELECT is((SELECT count(*)::int FROM settlement WHERE fund_fen + personal_fen <> total_fen), 0,
	'fund + personal = total holds for reversals too');
SELECT throws_ok($$INSERT INTO xdjy.settlement (encounter_id, total_fen, invoice_no, settled_on, fund_fen)
	VALUES (954002, 1000, 'SETL-R-9', '2024-06-01', 1000)$$,
	'YB316', NULL, 'a client cannot write an engine column (fund_fen)');

SELECT * FROM finish();
ROLLBACK;
