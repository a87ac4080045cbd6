-- Policy as dated data: one row per key and date, the
-- provincial first self-pay ceiling (鲁医保发〔2021〕46号 第三条(二): Shandong 10% from
-- 2022-01-01, inpatient 40% before), ratio rules of Jilin (吉医保发〔2019〕34号 附件第2–5条),
-- home benefits kept in Jilin (吉医保发〔2019〕34号 附件第8条).
BEGIN;
SELECT plan(33);
\ir include/settlement_data.sql

-- keys and dates ------------------------------------------------------------
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('370100', 'employee', 'local', 'outpatient', '[2024-01-01,2025-01-01)', 5000, 100000, 'outpatient')$$,
	'YB507', NULL, 'a second Jinan local outpatient row for 2024 overlaps the open-ended one: rejected (one rule per date)');
SELECT lives_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('370100', 'employee', 'local', 'outpatient', '[2020-01-01,2021-01-01)', 5500, 100000, 'outpatient')$$,
	'an adjacent row for 2020 (ends where the 2021 row starts) is accepted');
SELECT lives_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, tier, valid, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('370100', 'employee', 'local', 'inpatient', 2, '[2021-01-01,)', 9100, 50000000, 'inpatient')$$,
	'a tier-2 row beside the tier-3 and any-tier rows of the same dates is accepted');
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('370100', 'employee', 'long_term', 'inpatient', '[2021-01-01,)', 8000, 100, 'inpatient')$$,
	'23514', NULL, 'no long_term row: long-term pays the insured place''s local standard (鲁医保发〔2022〕26号 第二条(三))');
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'employee', 'local', 'inpatient', '[2021-01-01,)', 9000, 500, 100, 'inpatient')$$,
	'23514', NULL, 'first self-pay on a local row is rejected (鲁医保发〔2021〕46号 第三条(二): a temporary-outside rule)');
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'employee', 'local', 'inpatient', 'empty', 9000, 100, 'inpatient')$$,
	'23514', NULL, 'an empty validity is rejected');
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'employee', 'local', 'inpatient', '[2021-01-01,)', 10001, 100, 'inpatient')$$,
	'23514', NULL, 'a ratio above 10000 bp is rejected');

-- 鲁医保发〔2021〕46号 第三条(二): Shandong's ceiling, Jining (370800) rows ---------------------
SELECT lives_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 7000, 1000, 100, 'inpatient')$$,
	'鲁医保发〔2021〕46号 第三条(二): temporary inpatient first self-pay 1000 bp (10%) from 2022: accepted');
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'resident', 'temporary', 'inpatient', '[2022-01-01,)', 7000, 1001, 100, 'inpatient')$$,
	'YB502', NULL, '鲁医保发〔2021〕46号 第三条(二): 1001 bp from 2022 is above the 10% ceiling: rejected');
SELECT lives_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'employee', 'temporary', 'inpatient', '[2020-01-01,2022-01-01)', 7000, 4000, 100, 'inpatient')$$,
	'鲁医保发〔2021〕46号 第三条(二): 4000 bp (40%) before 2022: accepted');
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'resident', 'temporary', 'inpatient', '[2020-01-01,2022-01-01)', 7000, 4001, 100, 'inpatient')$$,
	'YB502', NULL, '鲁医保发〔2021〕46号 第三条(二): 4001 bp before 2022 is above the 40% ceiling: rejected');
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'resident', 'temporary', 'inpatient', '[2021-07-01,2022-07-01)', 7000, 2000, 100, 'inpatient')$$,
	'YB502', NULL, '鲁医保发〔2021〕46号 第三条(二): 20% across 2022-01-01 is above the ceiling for its 2022 dates: rejected');
SELECT throws_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'employee', 'temporary', 'chronic_outpatient', '[2022-01-01,)', 7000, 1500, 100, 'outpatient')$$,
	'YB502', NULL, '鲁医保发〔2021〕46号 第三条(二): chronic outpatient above 10% from 2022: rejected');
SELECT lives_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('370800', 'employee', 'temporary', 'outpatient', '[2021-01-01,2022-01-01)', 5000, 3000, 100, 'outpatient')$$,
	'鲁医保发〔2021〕46号 第三条(二) sets no outpatient ceiling before 2022: 30% in 2021 accepted');
SELECT throws_ok($$UPDATE xdjy.policy SET first_selfpay_bp = 1200
	WHERE insured_region = '370800' AND category = 'temporary' AND visit_type = 'inpatient' AND valid = '[2022-01-01,)'$$,
	'YB502', NULL, '鲁医保发〔2021〕46号 第三条(二): raising a row above the ceiling by UPDATE is rejected too');
SELECT lives_ok($$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
	VALUES ('220200', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 7000, 3000, 100, 'inpatient')$$,
	'Jilin (22) has no ceiling row: 30% accepted (the ceiling is per province, not a hard-coded rule)');
SELECT throws_ok($$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source)
	VALUES ('22', 'inpatient', '[2023-01-01,)', 2000, 'test')$$,
	'YB503', NULL, 'a Jilin ceiling of 20% below the existing 30% row is rejected');
SELECT lives_ok($$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source)
	VALUES ('22', 'inpatient', '[2023-01-01,)', 3000, 'test')$$,
	'a Jilin ceiling of 30% is accepted');
SELECT throws_ok($$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source)
	VALUES ('37', 'inpatient', '[2023-01-01,)', 1000, 'test')$$,
	'YB507', NULL, 'one ceiling per province, visit type and date');

-- shipped rules ------------------------------------------------------------
SELECT results_eq($$SELECT visit_type, valid::text, ceiling_bp FROM xdjy.first_selfpay_ceiling WHERE province = '37' ORDER BY 1, 2$$,
	$$VALUES ('chronic_outpatient', '[2022-01-01,)', 1000), ('inpatient', '(,2022-01-01)', 4000),
	         ('inpatient', '[2022-01-01,)', 1000), ('outpatient', '[2022-01-01,)', 1000)$$,
	'鲁医保发〔2021〕46号 第三条(二): Shandong''s ceilings ship with the extension');
SELECT results_eq($$SELECT source, scheme, category, own_reason_only, kind, points_bp FROM xdjy.ratio_adjustment WHERE province = '22' AND builtin ORDER BY source, category$$,
	$$VALUES ('吉医保发〔2019〕34号 附件第2条', 'resident', 'long_term', false, 'delta', -1000), ('吉医保发〔2019〕34号 附件第3条', NULL, 'unfiled', false, 'set', 2000),
	         ('吉医保发〔2019〕34号 附件第4条', NULL, 'long_term', true, 'delta', -1000), ('吉医保发〔2019〕34号 附件第4条', NULL, 'temporary', true, 'delta', -1000)$$,
	'吉医保发〔2019〕34号 附件第2–4条: Jilin''s ratio rules ship with the extension, from 2019-10-01');
SELECT is((SELECT valid::text FROM xdjy.ratio_adjustment WHERE source = '吉医保发〔2019〕34号 附件第3条'), '[2019-10-01,)',
	'002 三: the Jilin rules apply from 1 October 2019');
SELECT is((SELECT count(*)::int FROM xdjy.home_benefit_kept WHERE province = '22' AND valid @> '2024-01-01'::date), 1,
	'吉医保发〔2019〕34号 附件第8条: Jilin keeps home benefits of long-term filers');
SELECT throws_ok($$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh)
	VALUES ('22', 'unfiled', 'set', 3000, '[2024-01-01,)', 'test', 'x', 'x')$$,
	'YB507', NULL, 'a second replacing ratio for Jilin unfiled on the same dates is rejected');
SELECT lives_ok($$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh)
	VALUES ('22', 'long_term', 'delta', -500, '[2024-01-01,)', 'test', 'x', 'x')$$,
	'吉医保发〔2019〕34号 附件第5条: reductions stack, so a further delta row is accepted');
SELECT throws_ok($$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh)
	VALUES ('37', 'unfiled', 'set', 12000, '[2024-01-01,)', 'test', 'x', 'x')$$,
	'23514', NULL, 'a replacing ratio above 10000 bp is rejected');
SELECT throws_ok($$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh)
	VALUES ('370', 'unfiled', 'delta', -100, '[2024-01-01,)', 'test', 'x', 'x')$$,
	'23514', NULL, 'a province is two digits');

-- the shipped rules stay as shipped (not dumped: a change would be lost)
SELECT throws_ok($$UPDATE xdjy.ratio_adjustment SET points_bp = 3000 WHERE source = '吉医保发〔2019〕34号 附件第3条'$$,
	'YB504', NULL, 'a builtin rule (吉医保发〔2019〕34号 附件第3条) cannot be updated');
SELECT throws_ok($$DELETE FROM xdjy.first_selfpay_ceiling WHERE province = '37'$$,
	'YB504', NULL, 'a builtin ceiling (鲁医保发〔2021〕46号 第三条(二)) cannot be deleted');
SELECT throws_ok($$TRUNCATE xdjy.home_benefit_kept$$,
	'YB504', NULL, 'the builtin rule of 吉医保发〔2019〕34号 附件第8条 cannot be truncated away');
SELECT throws_ok($$INSERT INTO xdjy.home_benefit_kept (province, valid, source, builtin) VALUES ('44', '[2024-01-01,)', 'x', true)$$,
	'YB504', NULL, 'a client cannot add a builtin row');
SELECT lives_ok($$INSERT INTO xdjy.home_benefit_kept (province, valid, source) VALUES ('44', '[2024-01-01,)', 'DBA')$$,
	'the DBA adds a rule of their own');
SELECT lives_ok($$DELETE FROM xdjy.home_benefit_kept WHERE NOT builtin$$, 'and removes it');

SELECT * FROM finish();
ROLLBACK;
