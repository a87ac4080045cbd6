-- R4 monthly indicators (鲁医保发〔2022〕26号 第一条): network settlement success rate against
-- 98% per treatment province, cross-province inpatient direct settlement
-- rate against 80% per insured province; exactly on and just below each
-- target; month boundary; what does not count.  Own data in 2023 (the
-- fixture's persons and institutions, its settlements are all 2024-2025).
BEGIN;
SELECT plan(18);
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql
SET LOCAL session_replication_role = replica;

-- June 2023, treated in Shandong (RPT-JN-H1): 49 direct outpatient
-- settlements of a Beijing insured (one on 30 June), 1 failed direct attempt
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
SELECT 7000 + g, 'RPT-P-BJ1', 'RPT-JN-H1', 'outpatient', d, d
FROM generate_series(1, 50) g, LATERAL (SELECT CASE WHEN g = 49 THEN '2023-06-30'::date WHEN g = 50 THEN '2023-07-01'::date
	ELSE '2023-06-01'::date + (g % 28) END AS d) x;
INSERT INTO settlement (id, encounter_id, settled_on, mode, invoice_no, total_fen, person_id, institution_code,
	insured_region, treatment_region, scope, category, fund_fen, personal_fen)
SELECT e.id, e.id, e.admitted_on, 'direct', 'RPT-K-' || e.id, 1000, e.person_id, e.institution_code,
	'110000', '370100', 'cross_province', 'temporary', 500, 500
FROM encounter e WHERE e.id BETWEEN 7001 AND 7050;
INSERT INTO settlement_attempt (attempted_on, encounter_id, mode, invoice_no, total_fen, sqlstate, message) VALUES
	('2023-06-15', 7001, 'direct', 'RPT-K-F1', 1000, 'YB301', 'rejected'),
	('2023-06-15', 7002, 'manual', 'RPT-K-F2', 1000, 'YB301', 'a manual attempt is no network settlement'),
	('2023-06-15', NULL, 'direct', 'RPT-K-F3', 1000, 'YB001', 'no encounter: no province');
-- local failures in Jinan do not count
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(7100, 'RPT-P-JN1', 'RPT-JN-H1', 'outpatient', '2023-06-10', '2023-06-10');
INSERT INTO settlement_attempt (attempted_on, encounter_id, mode, invoice_no, total_fen, sqlstate, message) VALUES
	('2023-06-10', 7100, 'direct', 'RPT-K-L1', 1000, 'YB301', 'local'),
	('2023-06-11', 7100, 'direct', 'RPT-K-L2', 1000, 'YB301', 'local');

-- June 2023, treated in Beijing (RPT-BJ-H1): 48 direct settlements of a
-- Jinan insured, 1 failed attempt, 1 reversal (冲正) that is not a success
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
SELECT 7200 + g, 'RPT-P-JN1', 'RPT-BJ-H1', 'outpatient', '2023-06-01'::date + (g % 28), '2023-06-01'::date + (g % 28)
FROM generate_series(1, 48) g;
INSERT INTO settlement (id, encounter_id, settled_on, mode, invoice_no, total_fen, person_id, institution_code,
	insured_region, treatment_region, scope, category, fund_fen, personal_fen)
SELECT e.id, e.id, e.admitted_on, 'direct', 'RPT-K-' || e.id, 1000, e.person_id, e.institution_code,
	'370100', '110000', 'cross_province', 'temporary', 500, 500
FROM encounter e WHERE e.id BETWEEN 7201 AND 7248;
INSERT INTO settlement (id, encounter_id, settled_on, mode, invoice_no, total_fen, reverses, person_id, institution_code,
	insured_region, treatment_region, scope, category, fund_fen, personal_fen)
VALUES (7299, 7201, '2023-06-29', 'direct', 'RPT-K-7201', -1000, 7201, 'RPT-P-JN1', 'RPT-BJ-H1',
	'370100', '110000', 'cross_province', 'temporary', -500, -500);
INSERT INTO settlement_attempt (attempted_on, encounter_id, mode, invoice_no, total_fen, sqlstate, message) VALUES
	('2023-06-20', 7201, 'direct', 'RPT-K-F4', 1000, 'YB301', 'rejected');

-- September 2023: cross-province inpatient care.  Jilin insured (RPT-P-CC1)
-- in Beijing: 4 direct + 1 manual (+ 1 reversal); Beijing insured
-- (RPT-P-BJ1) in Jinan: 3 direct + 1 manual, and an outpatient visit;
-- a Weihai insured in Jinan (intra-province) does not count.
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
SELECT 7300 + g, 'RPT-P-CC1', 'RPT-BJ-H1', 'inpatient', '2023-09-01'::date + 3 * g, '2023-09-02'::date + 3 * g
FROM generate_series(1, 5) g
UNION ALL
SELECT 7400 + g, 'RPT-P-BJ1', 'RPT-JN-H1', 'inpatient', '2023-09-01'::date + 3 * g, '2023-09-02'::date + 3 * g
FROM generate_series(1, 4) g
UNION ALL
SELECT 7405, 'RPT-P-BJ1', 'RPT-JN-H1', 'outpatient', '2023-09-20', '2023-09-20'
UNION ALL
SELECT 7406, 'RPT-P-WH1', 'RPT-JN-H1', 'inpatient', '2023-09-10', '2023-09-12';
INSERT INTO settlement (id, encounter_id, settled_on, mode, invoice_no, total_fen, reverses, person_id, institution_code,
	insured_region, treatment_region, scope, category, fund_fen, personal_fen)
SELECT e.id, e.id, e.discharged_on, CASE WHEN e.id IN (7305, 7404) THEN 'manual' ELSE 'direct' END,
	'RPT-K-' || e.id, 10000, NULL::bigint, e.person_id, e.institution_code,
	p.insured_region, pooling_region(i.region_code), treatment_scope(p.insured_region, pooling_region(i.region_code)),
	'long_term', 7000, 3000
FROM encounter e JOIN person p ON p.id = e.person_id JOIN institution i ON i.code = e.institution_code
WHERE e.id BETWEEN 7301 AND 7406
UNION ALL
SELECT 7399, 7301, '2023-09-30', 'direct', 'RPT-K-7301', -10000, 7301, 'RPT-P-CC1', 'RPT-BJ-H1',
	'220100', '110000', 'cross_province', 'long_term', -7000, -3000;
SET LOCAL session_replication_role = DEFAULT;

CREATE TEMP VIEW k AS SELECT * FROM kpi_monthly WHERE month BETWEEN '2023-01-01' AND '2023-12-01';

-- network settlement success ---------------------------------------------------
SELECT results_eq(
	$$SELECT numerator, denominator, rate_bp, target_bp, met FROM k
	  WHERE kpi = 'network_success' AND treatment_province = '370000' AND month = '2023-06-01'$$,
	$$VALUES (49::bigint, 50::bigint, 9800, 9800, true)$$,
	'鲁医保发〔2022〕26号 第一条: Shandong June 2023, 49 of 50 network settlements succeed: 98.00%, target met (以上 includes 98%)');
SELECT results_eq(
	$$SELECT numerator, denominator, rate_bp, target_bp, met FROM k
	  WHERE kpi = 'network_success' AND treatment_province = '110000' AND month = '2023-06-01'$$,
	$$VALUES (48::bigint, 49::bigint, 9796, 9800, false)$$,
	'Beijing June 2023, 48 of 49: 97.96%, below 98%: not met (the reversal is no success)');
SELECT results_eq(
	$$SELECT numerator, denominator FROM k WHERE kpi = 'network_success' AND treatment_province = '370000' AND month = '2023-07-01'$$,
	$$VALUES (1::bigint, 1::bigint)$$, 'the settlement of 1 July counts in July, the one of 30 June in June');
SELECT is((SELECT province_name_zh || ' ' || province_name_en FROM k WHERE treatment_province = '370000' LIMIT 1), '山东省 Shandong',
          'provinces named in both languages');

-- cross-province inpatient direct settlement --------------------------------------
SELECT results_eq(
	$$SELECT numerator, denominator, rate_bp, target_bp, met FROM k
	  WHERE kpi = 'cross_province_inpatient_direct' AND insured_province = '220000' AND month = '2023-09-01'$$,
	$$VALUES (4::bigint, 5::bigint, 8000, 8000, true)$$,
	'鲁医保发〔2022〕26号 第一条: Jilin insured, September 2023, 4 of 5 cross-province stays settled directly: 80%, met');
SELECT results_eq(
	$$SELECT numerator, denominator, rate_bp, met FROM k
	  WHERE kpi = 'cross_province_inpatient_direct' AND insured_province = '110000' AND month = '2023-09-01'$$,
	$$VALUES (3::bigint, 4::bigint, 7500, false)$$,
	'Beijing insured, 3 of 4 (the outpatient visit does not count): 75%, not met');
SELECT is((SELECT count(*) FROM k WHERE kpi = 'cross_province_inpatient_direct' AND insured_province = '370000' AND month = '2023-09-01'), 0::bigint,
          'an intra-province stay is not cross-province');
SELECT results_eq(
	$$SELECT numerator, denominator FROM k WHERE kpi = 'network_success' AND treatment_province = '110000' AND month = '2023-09-01'$$,
	$$VALUES (4::bigint, 4::bigint)$$,
	'September network settlements in Beijing: the 4 direct stays (manual ones and the reversal are not network settlements)');
SELECT is((SELECT count(*) FROM k WHERE kpi = 'network_success' AND month = '2023-06-01'), 2::bigint,
          'June has exactly two provinces treating remote patients');

-- a failure more drops Shandong below the target --------------------------------
INSERT INTO settlement_attempt (attempted_on, encounter_id, mode, invoice_no, total_fen, sqlstate, message)
VALUES ('2023-06-30', 7003, 'direct', 'RPT-K-F5', 1000, 'YB301', 'rejected');
SELECT results_eq(
	$$SELECT numerator, denominator, rate_bp, met FROM k WHERE kpi = 'network_success' AND treatment_province = '370000' AND month = '2023-06-01'$$,
	$$VALUES (49::bigint, 51::bigint, 9608, false)$$, 'a second failure: 49 of 51, 96.08%, not met');

-- the arithmetic -----------------------------------------------------------------
SELECT is(rate_bp(2, 3), 6667, 'rate_bp rounds half up: 2/3 is 6667');
SELECT is(rate_bp(1, 8), 1250, '1/8 is exactly 1250');
SELECT is(rate_bp(1, 20000), 1, '1/20000 is 0.5 basis points: rounded up to 1');
SELECT is(rate_bp(0, 0), NULL, 'no cases: no rate');
SELECT ok(rate_meets(98, 100, 9800) AND NOT rate_meets(97999, 100000, 9800), 'exactly 98% meets 98%, 97.999% does not');
SELECT throws_ok($$SELECT xdjy.rate_bp(-1, 5)$$, '22023', NULL, 'negative counts are rejected');
SELECT throws_ok($$SELECT xdjy.rate_bp(9223372036854775807, 9223372036854775807)$$, '22003', NULL,
                 'overflow is an error, never a wrong rate');
SELECT throws_ok($$SELECT xdjy.kpi_target_bp('speed')$$, '22023', NULL, 'an unknown indicator is rejected');

SELECT * FROM finish();
ROLLBACK;
