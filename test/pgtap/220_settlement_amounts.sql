-- Amounts to the fen, each checked by hand in the comments:
--   in_scope = total − out_of_scope; first_selfpay = in_scope × fs (half up)
--   base = in_scope − first_selfpay; deductible = min(base, deductible left)
--   fund = min((base − deductible) × ratio (half up), cap left)
--   personal = total − fund
BEGIN;
SELECT plan(31);
\ir include/settlement_data.sql

INSERT INTO person (id, name, insured_region, scheme)
SELECT 'SETL-A' || g, 'amounts ' || g, '370100', 'employee' FROM generate_series(1, 12) g;
INSERT INTO person VALUES ('SETL-CC-R3', '长春居民三', '220100', 'resident'),
	('SETL-CC-R4', '长春居民四', '220100', 'resident');

CREATE FUNCTION pg_temp.amounts(p_encounter bigint, p_total bigint, p_oos bigint, p_settled date,
		p_mode text DEFAULT 'direct', p_own boolean DEFAULT false)
	RETURNS text LANGUAGE sql AS $$
	SELECT format('fs=%s ded=%s fund=%s personal=%s ratio=%s', s.first_selfpay_fen, s.deductible_fen,
		s.fund_fen, s.personal_fen, s.ratio_bp)
	FROM xdjy.settle(p_encounter, p_total, p_oos, 'SETL-INV-' || p_encounter || '-' || p_settled,
		p_settled, p_mode, p_own) s
$$;

-- Long-term inpatient at the Jinan local ratio (鲁医保发〔2022〕26号 第二条(三)): the Beijing
-- tier-3 stay uses Jinan's local tier-3 row: deductible 100000, 90%, no
-- first self-pay.  total 1234567, out of scope 34567 → in scope 1200000;
-- deductible 100000; (1200000 − 100000) × 0.9 = 990000; personal
-- 1234567 − 990000 = 244567.
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
VALUES ('SETL-A1', '110000', 'long_term_resident', '2024-01-10', '2024-01-10', true);
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952001, 'SETL-A1', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-10');
SELECT is(pg_temp.amounts(952001, 1234567, 34567, '2024-03-10'),
	'fs=0 ded=100000 fund=990000 personal=244567 ratio=9000',
	'鲁医保发〔2022〕26号 第二条(三): long-term inpatient in Beijing at the Jinan local tier-3 standard');
-- a second stay the same year: deductible met, 300000 × 0.9 = 270000
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952002, 'SETL-A1', 'SETL-BJ-P3', 'inpatient', '2024-05-01', '2024-05-10');
SELECT is(pg_temp.amounts(952002, 300000, 0, '2024-05-10'),
	'fs=0 ded=0 fund=270000 personal=30000 ratio=9000',
	'the deductible is met once a year; 吉医保发〔2019〕34号 附件第6条: the private tier-3 hospital pays as the public one');
SELECT is((SELECT policy_id FROM settlement WHERE encounter_id = 952002),
	(SELECT policy_id FROM settlement WHERE encounter_id = 952001),
	'吉医保发〔2019〕34号 附件第6条: public and private institutions share one policy row');

-- The tier decides the row: Jinan's private tier-2 hospital uses the
-- any-tier row (deductible 50000, 92%): (200000 − 50000) × 0.92 = 138000.
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952003, 'SETL-A2', 'SETL-JN-P2', 'inpatient', '2024-03-01', '2024-03-10');
SELECT is(pg_temp.amounts(952003, 200000, 0, '2024-03-10'),
	'fs=0 ded=50000 fund=138000 personal=62000 ratio=9200',
	'a tier without its own row uses the any-tier row');

-- Temporary cross-province inpatient, 2022 rules (鲁医保发〔2021〕46号 第三条(二), 10%):
-- total 2000000, out 100000 → in scope 1900000; first self-pay 190000;
-- base 1710000; deductible 100000; 1610000 × 0.7 = 1127000; personal 873000.
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-A3', '310000', 'temporary_outside', '2023-04-20', '2023-04-20');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952004, 'SETL-A3', 'SETL-SH-H3', 'inpatient', '2023-05-01', '2023-05-12');
SELECT is(pg_temp.amounts(952004, 2000000, 100000, '2023-05-12'),
	'fs=190000 ded=100000 fund=1127000 personal=873000 ratio=7000',
	'鲁医保发〔2021〕46号 第三条(二): temporary cross-province inpatient in 2023, first self-pay 10%');
-- The same under 2021 rules (40%): first self-pay 760000; base 1140000;
-- deductible 100000; 1040000 × 0.7 = 728000; personal 1272000.
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-A4', '310000', 'temporary_outside', '2021-04-20', '2021-04-20');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952005, 'SETL-A4', 'SETL-SH-H3', 'inpatient', '2021-05-01', '2021-05-12');
SELECT is(pg_temp.amounts(952005, 2000000, 100000, '2021-05-12'),
	'fs=760000 ded=100000 fund=728000 personal=1272000 ratio=7000',
	'鲁医保发〔2021〕46号 第三条(二): the same stay in 2021 pays the then first self-pay of 40%');
-- The rule of the admission date: admitted 2021-12-31, discharged and
-- settled in 2022 → still 40%.
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-A5', '310000', 'temporary_outside', '2021-12-01', '2021-12-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952006, 'SETL-A5', 'SETL-SH-H3', 'inpatient', '2021-12-31', '2022-01-05');
SELECT is((SELECT first_selfpay_bp FROM xdjy.settle(952006, 1000, 0, 'SETL-A5', '2022-01-05') s), 4000,
	'the policy valid on the admission date (2021-12-31) prices the stay settled in 2022');

-- Jilin resident long-term, stacked reductions (吉医保发〔2019〕34号 附件第2条、第4条, #5):
-- Changchun resident local 80% − 10 (resident long-term) = 70% direct;
-- claimed by hand for the person's own reason − 10 more = 60%.
-- Direct 2023: total 1000000 → deductible 60000; 940000 × 0.7 = 658000.
-- Manual 2024, own reason: 940000 × 0.6 = 564000; personal 436000.
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
VALUES ('SETL-CC-R3', '110000', 'long_term_resident', '2023-01-10', '2023-01-10', true);
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952007, 'SETL-CC-R3', 'SETL-BJ-H3', 'inpatient', '2023-03-01', '2023-03-10'),
	(952008, 'SETL-CC-R3', 'SETL-BJ-N2', 'inpatient', '2024-03-01', '2024-03-10');
-- the non-networked hospital is one of the four chosen (吉医保发〔2019〕34号
-- 附件第7条): the filing covers it
CREATE TEMP TABLE choice_952008 ON COMMIT DROP AS
SELECT choose_institution((SELECT id FROM filing WHERE person_id = 'SETL-CC-R3'), 'SETL-BJ-N2', false, '2023-01-10');
SELECT is(pg_temp.amounts(952007, 1000000, 0, '2023-03-10'),
	'fs=0 ded=60000 fund=658000 personal=342000 ratio=7000',
	'吉医保发〔2019〕34号 附件第2条: Jilin resident long-term, local 80% lowered by 10 points: 70%');
SELECT is(pg_temp.amounts(952008, 1000000, 0, '2024-04-01', 'manual', true),
	'fs=0 ded=60000 fund=564000 personal=436000 ratio=6000',
	'吉医保发〔2019〕34号 附件第4条、第5条: not settled directly for the person''s own reason, another −10 stacked: 60%');
SELECT is((SELECT policy_ratio_bp || ' ' || ratio_steps::text FROM settlement WHERE encounter_id = 952008),
	'8000 {7000,6000}', '吉医保发〔2019〕34号 附件第5条: the ratio steps are kept: 8000 → 7000 → 6000');
-- the stay is paid once: reversed, then claimed again without the own reason
CREATE TEMP TABLE reversed_952008 ON COMMIT DROP AS
SELECT reverse_settlement((SELECT id FROM settlement WHERE encounter_id = 952008 AND reverses IS NULL), '2024-04-02');
SELECT is((SELECT ratio_bp FROM xdjy.settle(952008, 1000, 0, 'SETL-CC-R3-b', '2024-04-02', 'manual', false) s), 7000,
	'吉医保发〔2019〕34号 附件第4条 applies only when the person''s own reason is recorded');

-- Jilin unfiled, settled by hand: 20% whatever the city row says (吉医保发〔2019〕34号 附件第3条).
-- Changchun employee unfiled row: deductible 80000; (500000 − 80000) × 0.2
-- = 84000; personal 416000.
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952009, 'SETL-CC-E', 'SETL-BJ-H3', 'inpatient', '2024-06-01', '2024-06-05');
SELECT is(pg_temp.amounts(952009, 500000, 0, '2024-07-01', 'manual'),
	'fs=0 ded=80000 fund=84000 personal=416000 ratio=2000',
	'吉医保发〔2019〕34号 附件第3条: Jilin unfiled treatment away is paid at 20%');

-- Emergency without filing (济宁市医保局 异地就医十项便民措施 第五条(一), 鲁医保发〔2022〕26号 第二条(五)): temporary standard.
-- total 300000: first self-pay 30000; base 270000; deductible 100000;
-- 170000 × 0.7 = 119000; personal 181000.
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency) VALUES
	(952010, 'SETL-A6', 'SETL-GZ-H3', 'inpatient', '2024-02-01', '2024-02-03', true);
SELECT is(pg_temp.amounts(952010, 300000, 0, '2024-02-03'),
	'fs=30000 ded=100000 fund=119000 personal=181000 ratio=7000',
	'济宁市医保局 异地就医十项便民措施 第五条(一), 鲁医保发〔2022〕26号 第二条(五): emergency in Guangzhou without filing, at the temporary standard');

-- Outpatient quota shared by local and remote care (鲁医保发〔2021〕46号 第三条(三)): one
-- 200000 fen quota a year.
-- 1) local visit 250000 × 60% = 150000 (cap left 200000) → 150000.
-- 2) Beijing visit 300000: first self-pay 30000, 270000 × 50% = 135000,
--    cap left 50000 → fund 50000, personal 250000.
-- 3) local pharmacy 10000 × 50% = 5000, cap left 0 → fund 0.
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-A7', '110000', 'temporary_outside', '2024-01-01', '2024-01-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(952011, 'SETL-A7', 'SETL-JN-H3', 'outpatient', '2024-02-01'),
	(952012, 'SETL-A7', 'SETL-BJ-H3', 'outpatient', '2024-03-01'),
	(952013, 'SETL-A7', 'SETL-JN-PH', 'pharmacy', '2024-04-01');
SELECT is(pg_temp.amounts(952011, 250000, 0, '2024-02-01'),
	'fs=0 ded=0 fund=150000 personal=100000 ratio=6000',
	'鲁医保发〔2021〕46号 第三条(三): local outpatient 60% within the 2000-yuan quota');
SELECT is(pg_temp.amounts(952012, 300000, 0, '2024-03-01'),
	'fs=30000 ded=0 fund=50000 personal=250000 ratio=5000',
	'鲁医保发〔2021〕46号 第三条(三): the remote visit gets only what the local one left of the shared quota');
SELECT is(pg_temp.amounts(952013, 10000, 0, '2024-04-01'),
	'fs=0 ded=0 fund=0 personal=10000 ratio=5000',
	'鲁医保发〔2021〕46号 第三条(三): the quota spent, the local pharmacy purchase gets nothing from the fund');
SELECT is((SELECT fund_paid_fen FROM ledger WHERE person_id = 'SETL-A7' AND year = 2024 AND quota_group = 'outpatient'),
	200000::bigint, '鲁医保发〔2021〕46号 第三条(三): one ledger row holds local and remote outpatient payments, exactly at the quota');
-- next year, a fresh quota
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(952014, 'SETL-A7', 'SETL-JN-H3', 'outpatient', '2025-01-02');
SELECT is(pg_temp.amounts(952014, 10000, 0, '2025-01-02'),
	'fs=0 ded=0 fund=6000 personal=4000 ratio=6000',
	'鲁医保发〔2021〕46号 第三条(三): the quota is per year');

-- Rounding at half a fen, both ways (half up):
-- temporary outpatient, first self-pay 10%, ratio 50%.
-- total 15: first self-pay 1.5 → 2; base 13; 13 × 0.5 = 6.5 → 7; personal 8.
-- total 14: first self-pay 1.4 → 1; base 13 → 7; personal 7.
-- total 13: first self-pay 1.3 → 1; base 12 → 6.
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-A8', '110000', 'temporary_outside', '2024-01-01', '2024-01-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(952015, 'SETL-A8', 'SETL-BJ-H3', 'outpatient', '2024-02-01'),
	(952016, 'SETL-A8', 'SETL-BJ-P3', 'outpatient', '2024-02-02'),
	(952017, 'SETL-A8', 'SETL-BJ-H3', 'outpatient', '2024-02-03');
SELECT is(pg_temp.amounts(952015, 15, 0, '2024-02-01'), 'fs=2 ded=0 fund=7 personal=8 ratio=5000',
	'1.5 fen rounds up to 2, 6.5 fen rounds up to 7');
SELECT is(pg_temp.amounts(952016, 14, 0, '2024-02-02'), 'fs=1 ded=0 fund=7 personal=7 ratio=5000',
	'1.4 fen rounds down to 1');
SELECT is(pg_temp.amounts(952017, 13, 0, '2024-02-03'), 'fs=1 ded=0 fund=6 personal=7 ratio=5000',
	'1.3 fen rounds down, 12 × 50% is exact');
SELECT results_eq($$SELECT a.first_selfpay_fen
	FROM unnest(ARRAY[4999, 5000, 5001, 14999, 15000]::bigint[]) WITH ORDINALITY u(x, n),
	     xdjy.settlement_amounts(u.x, 0, 1, 0, 0, 0, 0, 0) a ORDER BY u.n$$,
	$$VALUES (0::bigint), (1), (1), (1), (2)$$,
	'0.4999 → 0, 0.5 → 1, 0.5001 → 1, 1.4999 → 1, 1.5 → 2 fen');
SELECT results_eq($$SELECT a.fund_fen
	FROM unnest(ARRAY[15, 16, 3]::bigint[]) WITH ORDINALITY u(x, n),
	     xdjy.settlement_amounts(u.x, 0, 0, 0, 0, 3333, 1000000000, 0) a ORDER BY u.n$$,
	$$VALUES (5::bigint), (5), (1)$$,
	'15 × 33.33% = 4.9995 → 5; 16 × 33.33% = 5.3328 → 5; 3 × 33.33% = 0.9999 → 1');

-- fund + personal = total, always; amounts are fen
SELECT is((SELECT count(*)::int FROM settlement WHERE fund_fen + personal_fen <> total_fen), 0,
	'fund + personal = total on every settlement');
SELECT throws_ok($$SELECT * FROM xdjy.settlement_amounts(9223372036854775807, 0, 10000, 0, 0, 0, 0, 0)$$,
	'22003', NULL, 'an amount whose share overflows 64 bits is 22003, never a wrong amount');
SELECT throws_ok($$SELECT * FROM xdjy.settlement_amounts(100, 101, 0, 0, 0, 0, 0, 0)$$,
	'22023', NULL, 'settlement_amounts rejects out of scope above the total');
SELECT throws_ok($$SELECT * FROM xdjy.settlement_amounts(100, 0, 0, 0, 0, 10001, 0, 0)$$,
	'22023', NULL, 'settlement_amounts rejects a ratio above 10000 bp');

-- the deductible: partly met, then the rest
-- SETL-A9 Jinan local tier 3: first stay 60000 in scope → deductible 60000,
-- fund 0; second 100000 → deductible left 40000, (60000) × 0.9 = 54000.
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952018, 'SETL-A9', 'SETL-JN-H3', 'inpatient', '2024-01-05', '2024-01-08'),
	(952019, 'SETL-A9', 'SETL-JN-H3', 'inpatient', '2024-02-05', '2024-02-08');
SELECT is(pg_temp.amounts(952018, 70000, 10000, '2024-01-08'), 'fs=0 ded=60000 fund=0 personal=70000 ratio=9000',
	'an in-scope amount below the deductible is all deductible');
SELECT is(pg_temp.amounts(952019, 100000, 0, '2024-02-08'), 'fs=0 ded=40000 fund=54000 personal=46000 ratio=9000',
	'the second stay meets the 40000 left of the deductible');
-- the annual cap: SETL-A10, cap 50000000; ledger near the cap
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(952020, 'SETL-A10', 'SETL-JN-H3', 'inpatient', '2024-01-05', '2024-01-08'),
	(952021, 'SETL-A10', 'SETL-JN-H3', 'inpatient', '2024-02-05', '2024-02-08');
-- 55600000: deductible 100000, 55500000 × 0.9 = 49950000 (cap left 50000000)
SELECT is(pg_temp.amounts(952020, 55600000, 0, '2024-01-08'), 'fs=0 ded=100000 fund=49950000 personal=5650000 ratio=9000',
	'under the annual cap');
-- 1000000 × 0.9 = 900000, cap left 50000 → 50000
SELECT is(pg_temp.amounts(952021, 1000000, 0, '2024-02-08'), 'fs=0 ded=0 fund=50000 personal=950000 ratio=9000',
	'the annual cap bounds the fund to what is left of it');

SELECT * FROM finish();
ROLLBACK;
