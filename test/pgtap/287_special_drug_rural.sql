-- Special drugs (特药) and former rural-scheme participants (原新农合).
--
-- 吉医保发〔2019〕34号 附件第13条: special drugs bought at a designated
-- special-drug pharmacy (特药定点零售药店) by a person with the outpatient
-- special-disease benefit (门诊特殊疾病待遇) settle under that benefit,
-- priced as chronic/special outpatient care; at any other pharmacy, for a
-- person without the benefit, or with a line that is no special drug, the
-- purchase is an ordinary pharmacy purchase.  Its parenthesis: until the
-- resident benefits are unified, a former rural-scheme participant's such
-- purchase is paid under the city-level designated institution's
-- ordinary-disease inpatient policy, where the province records it.
--
-- 附件第2条: a former rural-scheme resident living long-term elsewhere is
-- paid at the provincial designated institution's major-disease inpatient
-- ratio (former_rural_ratio) less 10 points; a dated person attribute, used
-- only where both rows cover the admission date.
BEGIN;
SELECT plan(47);
\ir include/settlement_data.sql
\ir include/helpers.sql

-- fund/personal/ratio/policy visit type of a settlement made from the lines
CREATE FUNCTION pg_temp.priced(enc bigint, inv text, on_date date) RETURNS text LANGUAGE sql AS $$
	SELECT s.fund_fen || '/' || s.personal_fen || '/' || s.ratio_bp || '/' || p.visit_type
	FROM xdjy.settle(enc, NULL, NULL, inv, on_date) s JOIN xdjy.policy p ON p.id = s.policy_id
$$;
-- fund/personal/deductible/ratio of an inpatient stay with its totals
CREATE FUNCTION pg_temp.stay(enc bigint, inv text, on_date date) RETURNS text LANGUAGE sql AS $$
	SELECT 'ded=' || s.deductible_fen || ' fund=' || s.fund_fen || ' personal=' || s.personal_fen
		|| ' policy_ratio=' || s.policy_ratio_bp || ' ratio=' || s.ratio_bp
	FROM xdjy.settle(enc, 1000000, 0, inv, on_date) s
$$;

-- ---------------------------------------------------------------------
-- 附件第13条: special drugs at a special-drug pharmacy
-- ---------------------------------------------------------------------
INSERT INTO institution (code, name_zh, region_code, tier, specialty, kind, ownership,
		networked_inpatient, networked_outpatient, networked_chronic, special_drug_pharmacy) VALUES
	('SETL-JN-SD', '济南特药定点药店', '370112', 0, false, 'pharmacy', 'private', false, true, false, true),
	('SETL-CC-SD', '长春特药定点药店', '220102', 0, false, 'pharmacy', 'private', false, true, false, true);
INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, valid, special_drug) VALUES
	('370000', 'SD-TRAST', '曲妥珠单抗（特药）', 'drug', '01', '[2024-01-01,)', true),
	('370000', 'SD-PLAIN', '阿莫西林胶囊', 'drug', '01', '[2024-01-01,)', false),
	('220000', 'SD-TRAST', '曲妥珠单抗（特药）', 'drug', '01', '[2024-01-01,)', true);
-- Jinan employee: chronic/special outpatient 85 %, no deductible (the
-- fixture's pharmacy row pays 50 %)
INSERT INTO policy (insured_region, scheme, category, visit_type, tier, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('370100', 'employee', 'local', 'chronic_outpatient', NULL, '[2021-01-01,)', 0, 8500, 0, 5000000, 'chronic', 'test: chronic/special outpatient');

INSERT INTO person (id, name, insured_region, scheme) VALUES
	('SETL-SD1', '特药一', '370100', 'employee'),
	('SETL-SD2', '特药二', '370100', 'employee'),
	('SETL-SD3', '特药三', '370100', 'resident');
INSERT INTO person_attribute (person_id, kind, valid) VALUES
	('SETL-SD1', 'special_disease', '[2024-03-01,2024-04-01)'),
	('SETL-SD3', 'special_disease', '[2024-03-01,2024-04-01)');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(961001, 'SETL-SD1', 'SETL-JN-SD', 'pharmacy', '2024-03-01'),
	(961002, 'SETL-SD1', 'SETL-JN-PH', 'pharmacy', '2024-03-05'),
	(961003, 'SETL-SD1', 'SETL-JN-SD', 'pharmacy', '2024-03-31'),
	(961004, 'SETL-SD1', 'SETL-JN-SD', 'pharmacy', '2024-04-01'),
	(961005, 'SETL-SD1', 'SETL-JN-SD', 'pharmacy', '2024-02-29'),
	(961006, 'SETL-SD1', 'SETL-JN-SD', 'pharmacy', '2024-03-10'),
	(961007, 'SETL-SD1', 'SETL-JN-SD', 'pharmacy', '2024-03-12'),
	(961008, 'SETL-SD2', 'SETL-JN-SD', 'pharmacy', '2024-03-05'),
	(961009, 'SETL-SD3', 'SETL-JN-SD', 'pharmacy', '2024-03-05');
-- each purchase: two boxes of 100.00 yuan of the special drug (20000 fen, 甲类)
INSERT INTO fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on)
SELECT e.id, 'L1', 'SD-TRAST', e.admitted_on + time '10:00', 2, 100.00, e.admitted_on
FROM encounter e WHERE e.id BETWEEN 961001 AND 961009 AND e.id <> 961007;
-- 961006 also buys an ordinary drug
INSERT INTO fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on)
VALUES (961006, 'L2', 'SD-PLAIN', '2024-03-10 10:05', 1, 12.00, '2024-03-10');

SELECT is(pg_temp.priced(961001, 'SETL-SD-1', '2024-03-01'), '17000/3000/8500/chronic_outpatient',
	'吉医保发〔2019〕34号 附件第13条: a special drug at a special-drug pharmacy, with the benefit on its first day: chronic/special outpatient, 85 %');
SELECT is(pg_temp.priced(961002, 'SETL-SD-2', '2024-03-05'), '10000/10000/5000/pharmacy',
	'附件第13条: the same drug at an ordinary pharmacy is an ordinary pharmacy purchase, 50 %');
SELECT is(pg_temp.priced(961003, 'SETL-SD-3', '2024-03-31'), '17000/3000/8500/chronic_outpatient',
	'附件第13条: on the benefit''s last day still chronic/special outpatient');
SELECT is(pg_temp.priced(961004, 'SETL-SD-4', '2024-04-01'), '10000/10000/5000/pharmacy',
	'附件第13条: the day the benefit ends, an ordinary pharmacy purchase');
SELECT is(pg_temp.priced(961005, 'SETL-SD-5', '2024-02-29'), '10000/10000/5000/pharmacy',
	'附件第13条: the day before the benefit starts, an ordinary pharmacy purchase');
SELECT is(pg_temp.priced(961006, 'SETL-SD-6', '2024-03-10'), '10600/10600/5000/pharmacy',
	'附件第13条: a purchase with a line that is no special drug is an ordinary pharmacy purchase');
SELECT is((SELECT s.fund_fen || '/' || p.visit_type FROM xdjy.settle(961007, 20000, 0, 'SETL-SD-7', '2024-03-12') s
		JOIN policy p ON p.id = s.policy_id), '10000/pharmacy',
	'附件第13条: without fee lines nothing shows a special drug was bought: an ordinary pharmacy purchase');
SELECT is(pg_temp.priced(961008, 'SETL-SD-8', '2024-03-05'), '10000/10000/5000/pharmacy',
	'附件第13条: a person without the special-disease benefit pays the ordinary pharmacy share');
SELECT throws_ok($$SELECT xdjy.settle(961009, NULL, NULL, 'SETL-SD-9', '2024-03-05')$$, 'YB501', NULL,
	'附件第13条: the benefit prices from the chronic/special outpatient policy: none for Jinan residents (YB501)');
SELECT alike(pg_temp.detail_of($$SELECT xdjy.settle(961009, NULL, NULL, 'SETL-SD-9', '2024-03-05')$$),
	'%visit type "chronic_outpatient"%', 'the detail names the chronic_outpatient policy looked for');
SELECT is((SELECT quota_group FROM settlement WHERE invoice_no = 'SETL-SD-1'), 'chronic',
	'the purchase counts in the chronic/special outpatient quota group');

-- explain names the rule, the pharmacy and the attribute row
SELECT is((SELECT source || ' | ' || note FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-SD-1'), 'en')
		WHERE rule = 'special_drug'),
	'吉医保发〔2019〕34号 附件第13条 | special drugs bought at designated special-drug pharmacy SETL-JN-SD (特药定点零售药店) by a person with the outpatient special-disease benefit (门诊特殊疾病待遇, attribute valid [2024-03-01,2024-04-01)): priced as chronic/special outpatient care',
	'explain_settlement: the special-drug step names the article, the pharmacy and the attribute row');
SELECT is((SELECT note FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-SD-1'), 'zh')
		WHERE rule = '特药'),
	'在特药定点零售药店 SETL-JN-SD 购买特药，参保人享有门诊特殊疾病待遇（属性有效期 [2024-03-01,2024-04-01)）：参照门诊特殊疾病待遇结算',
	'… and in Chinese');
SELECT is((SELECT count(*)::int FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-SD-2'), 'en')
		WHERE rule = 'special_drug'), 0, 'an ordinary pharmacy purchase has no special-drug step');

-- ---------------------------------------------------------------------
-- 附件第13条, its parenthesis: a former rural-scheme participant's special drugs
-- ---------------------------------------------------------------------
-- Changchun resident: any-tier inpatient 80 % (deductible 600 yuan, the
-- fixture), a tier-2 row 82 % (deductible 500 yuan), chronic/special
-- outpatient 70 %, pharmacy 50 %
INSERT INTO policy (insured_region, scheme, category, visit_type, tier, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('220100', 'resident', 'local', 'inpatient', 2, '[2019-01-01,)', 50000, 8200, 0, 15000000, 'inpatient', 'test: Changchun resident tier 2'),
	('220100', 'resident', 'local', 'chronic_outpatient', NULL, '[2019-01-01,)', 0, 7000, 0, 5000000, 'chronic', 'test: Changchun chronic'),
	('220100', 'resident', 'local', 'pharmacy', NULL, '[2019-01-01,)', 0, 5000, 0, 2000000, 'outpatient', 'test: Changchun pharmacy');
INSERT INTO person (id, name, insured_region, scheme) VALUES
	('SETL-FD1', '原新农合特药一', '220100', 'resident'),
	('SETL-FD2', '原新农合特药二', '220100', 'resident'),
	('SETL-FD3', '特药居民', '220100', 'resident');
INSERT INTO person_attribute (person_id, kind, valid) VALUES
	('SETL-FD1', 'special_disease', '[2024-01-01,)'), ('SETL-FD1', 'former_rural', '[2024-01-01,)'),
	('SETL-FD2', 'former_rural', '[2024-01-01,)'),
	('SETL-FD3', 'special_disease', '[2024-01-01,)');
INSERT INTO former_rural_special_drug (province, valid, tier, source)
	VALUES ('220000', '[2024-01-01,2025-01-01)', 2, 'test: Jilin until the benefits are unified');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(962001, 'SETL-FD1', 'SETL-CC-SD', 'pharmacy', '2024-05-10'),
	(962002, 'SETL-FD1', 'SETL-CC-SD', 'pharmacy', '2024-12-31'),
	(962003, 'SETL-FD1', 'SETL-CC-SD', 'pharmacy', '2025-01-01'),
	(962004, 'SETL-FD2', 'SETL-CC-SD', 'pharmacy', '2024-05-10'),
	(962005, 'SETL-FD3', 'SETL-CC-SD', 'pharmacy', '2024-05-10');
-- ten boxes of 1000.00 yuan: 1000000 fen
INSERT INTO fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on)
SELECT e.id, 'L1', 'SD-TRAST', e.admitted_on + time '09:00', 10, 1000.00, e.admitted_on
FROM encounter e WHERE e.id BETWEEN 962001 AND 962005;

SELECT is(pg_temp.priced(962001, 'SETL-FD-1', '2024-05-10'), '779000/221000/8200/inpatient',
	'附件第13条: a former rural-scheme participant''s special drugs: the tier-2 ordinary inpatient policy, (1000000 − 50000) × 82 %');
SELECT is((SELECT deductible_fen || '/' || quota_group FROM settlement WHERE invoice_no = 'SETL-FD-1'), '50000/inpatient',
	'… with the inpatient deductible and quota group');
SELECT is(pg_temp.priced(962002, 'SETL-FD-2', '2024-12-31'), '820000/180000/8200/inpatient',
	'附件第13条: on the setting''s last day still the inpatient policy (the year''s deductible met: 1000000 × 82 %)');
SELECT is(pg_temp.priced(962003, 'SETL-FD-3', '2025-01-01'), '700000/300000/7000/chronic_outpatient',
	'附件第13条: the day the setting ends, the special-disease benefit as for everyone: chronic/special outpatient 70 %');
SELECT is(pg_temp.priced(962004, 'SETL-FD-4', '2024-05-10'), '500000/500000/5000/pharmacy',
	'附件第13条: a former rural-scheme participant without the special-disease benefit: an ordinary pharmacy purchase, 50 %');
SELECT is(pg_temp.priced(962005, 'SETL-FD-5', '2024-05-10'), '700000/300000/7000/chronic_outpatient',
	'附件第13条: a participant not of the former rural scheme: chronic/special outpatient 70 %');
SELECT is((SELECT source || ' | ' || note FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-FD-1'), 'en')
		WHERE rule = 'special_drug'),
	'吉医保发〔2019〕34号 附件第13条; test: Jilin until the benefits are unified | special drugs bought at designated special-drug pharmacy SETL-CC-SD by a former rural-scheme participant (原新农合参合人员, attribute valid [2024-01-01,); special-disease benefit valid [2024-01-01,)): until the resident benefits are unified, paid under the city-level designated institution''s ordinary-disease inpatient policy (province 220000, setting valid [2024-01-01,2025-01-01): the tier 2 inpatient row)',
	'explain_settlement: the former rural special-drug step names both attribute rows and the province''s setting');
SELECT alike((SELECT note FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-FD-1'), 'zh')
		WHERE rule = '特药'), '%市级定点医疗机构普通疾病住院补偿政策%', '… and in Chinese');

-- ---------------------------------------------------------------------
-- 附件第2条: former rural-scheme residents living long-term elsewhere
-- ---------------------------------------------------------------------
-- Changchun resident local inpatient 80 %, deductible 600 yuan; long-term
-- residents −10 (the builtin rule): 70 %.  Jilin records 85 % for the former
-- rural scheme in 2024: 85 − 10 = 75 %.
INSERT INTO former_rural_ratio (province, valid, ratio_bp, source)
	VALUES ('220000', '[2024-01-01,2025-01-01)', 8500, 'test: Jilin provincial major-disease inpatient ratio');
INSERT INTO person (id, name, insured_region, scheme)
SELECT 'SETL-FR' || g, '原新农合 ' || g, '220100', CASE WHEN g = 8 THEN 'employee' ELSE 'resident' END
FROM generate_series(1, 9) g;
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
SELECT 'SETL-FR' || g, '110000', 'long_term_resident', '2024-01-10', '2024-01-10', true FROM generate_series(1, 8) g;
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
	VALUES ('SETL-FR9', '110000', 'temporary_outside', '2024-01-10', '2024-01-10');
INSERT INTO person_attribute (person_id, kind, valid) VALUES
	('SETL-FR1', 'former_rural', '[2024-03-01,2024-07-01)'),
	('SETL-FR2', 'former_rural', '[2024-03-01,2024-07-01)'),
	('SETL-FR3', 'former_rural', '[2024-03-01,2024-07-01)'),
	('SETL-FR4', 'former_rural', '[2024-03-01,2024-07-01)'),
	('SETL-FR6', 'former_rural', '[2024-01-01,)'),
	('SETL-FR7', 'former_rural', '[2024-01-01,)'),
	('SETL-FR8', 'former_rural', '[2024-01-01,)'),
	('SETL-FR9', 'former_rural', '[2024-01-01,)');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(963001, 'SETL-FR1', 'SETL-BJ-H3', 'inpatient', '2024-02-29', '2024-03-04'),
	(963002, 'SETL-FR2', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-04'),
	(963003, 'SETL-FR3', 'SETL-BJ-H3', 'inpatient', '2024-06-30', '2024-07-04'),
	(963004, 'SETL-FR4', 'SETL-BJ-H3', 'inpatient', '2024-07-01', '2024-07-04'),
	(963005, 'SETL-FR5', 'SETL-BJ-H3', 'inpatient', '2024-03-10', '2024-03-14'),
	(963006, 'SETL-FR6', 'SETL-BJ-H3', 'inpatient', '2025-01-01', '2025-01-04'),
	(963007, 'SETL-FR7', 'SETL-BJ-H3', 'inpatient', '2024-12-31', '2025-01-04'),
	(963008, 'SETL-FR8', 'SETL-BJ-H3', 'inpatient', '2024-03-10', '2024-03-14'),
	(963009, 'SETL-FR9', 'SETL-BJ-H3', 'inpatient', '2024-03-10', '2024-03-14');

SELECT is(pg_temp.stay(963001, 'SETL-FR-1', '2024-03-04'), 'ded=60000 fund=658000 personal=342000 policy_ratio=8000 ratio=7000',
	'吉医保发〔2019〕34号 附件第2条: admitted the day before the attribute starts: the local ratio less 10, 70 %');
SELECT is(pg_temp.stay(963002, 'SETL-FR-2', '2024-03-04'), 'ded=60000 fund=705000 personal=295000 policy_ratio=8500 ratio=7500',
	'附件第2条: admitted on the attribute''s first day: the provincial major-disease ratio 85 % less 10, 75 %');
SELECT is(pg_temp.stay(963003, 'SETL-FR-3', '2024-07-04'), 'ded=60000 fund=705000 personal=295000 policy_ratio=8500 ratio=7500',
	'附件第2条: admitted on its last day: 75 % (the admission date decides)');
SELECT is(pg_temp.stay(963004, 'SETL-FR-4', '2024-07-04'), 'ded=60000 fund=658000 personal=342000 policy_ratio=8000 ratio=7000',
	'附件第2条: admitted the day it ends: 70 %');
SELECT is(pg_temp.stay(963005, 'SETL-FR-5', '2024-03-14'), 'ded=60000 fund=658000 personal=342000 policy_ratio=8000 ratio=7000',
	'附件第2条: without the attribute: 70 %');
SELECT is(pg_temp.stay(963006, 'SETL-FR-6', '2025-01-04'), 'ded=60000 fund=658000 personal=342000 policy_ratio=8000 ratio=7000',
	'附件第2条: with the attribute but no provincial row on the date (from 2025): 70 %, as every other resident');
SELECT is(pg_temp.stay(963007, 'SETL-FR-7', '2025-01-04'), 'ded=60000 fund=705000 personal=295000 policy_ratio=8500 ratio=7500',
	'附件第2条: admitted on the provincial row''s last day: 75 %');
SELECT is(pg_temp.stay(963008, 'SETL-FR-8', '2024-03-14'), 'ded=80000 fund=828000 personal=172000 policy_ratio=9000 ratio=9000',
	'附件第2条 is a resident rule: an employee with the attribute keeps the employee ratio, 90 %');
SELECT is((SELECT category || ' ' || policy_ratio_bp FROM xdjy.settle(963009, 1000000, 0, 'SETL-FR-9', '2024-03-14') s),
	'temporary 6000', '附件第2条 is a long-term rule: a temporary stay keeps the temporary policy''s ratio');
SELECT is((SELECT ratio_steps::text FROM settlement WHERE invoice_no = 'SETL-FR-2'), '{7500}',
	'the −10 points are the long-term rule, kept in the ratio steps');
SELECT is((SELECT source || ' | ' || note FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-FR-2'), 'en')
		WHERE rule = 'former_rural'),
	'吉医保发〔2019〕34号 附件第2条; test: Jilin provincial major-disease inpatient ratio | former rural-scheme resident (原新农合参保人员, attribute valid [2024-03-01,2024-07-01)) living long-term elsewhere: the provincial designated institution''s major-disease inpatient ratio 8500 bp (province 220000, row valid [2024-01-01,2025-01-01)) stands for the policy row''s, less 10 points for the long term (the ratio rules below)',
	'explain_settlement: the former rural step names the attribute row, the provincial row and the −10 points');
SELECT is((SELECT string_agg(rule, ',' ORDER BY step) FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-FR-2'), 'en')
		WHERE rule IN ('policy', 'former_rural', 'ratio_adjustment', 'ratio')),
	'policy,former_rural,ratio_adjustment,ratio', '… between the policy and the ratio rules');
SELECT alike((SELECT note FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-FR-2'), 'zh')
		WHERE rule = '原新农合'), '%省级定点医疗机构重大疾病住院支付比例 8500 基点%降低10%%', '… and in Chinese');
SELECT is((SELECT count(*)::int FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-FR-6'), 'en')
		WHERE rule = 'former_rural'), 0, 'no former rural step where no provincial row covered the date');

-- ---------------------------------------------------------------------
-- the rows' own rules, at their edges
-- ---------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO person_attribute (person_id, kind, valid) VALUES ('SETL-FR1', 'former_rural', '[2024-06-30,2024-08-01)')$$,
	'23P01', NULL, 'a person''s attribute rows of one kind do not overlap (one day is enough)');
SELECT lives_ok($$INSERT INTO person_attribute (person_id, kind, valid) VALUES ('SETL-FR1', 'former_rural', '[2024-07-01,2024-08-01)')$$,
	'… a row starting the day the last one ends is no overlap');
SELECT throws_ok($$INSERT INTO person_attribute (person_id, kind, valid) VALUES ('SETL-FR5', 'former_rural', '[2024-03-01,2024-03-01)')$$,
	'23514', NULL, 'an attribute covers at least one day');
SELECT throws_ok($$INSERT INTO person_attribute (person_id, kind, valid) VALUES ('SETL-FR5', 'rural', '[2024-03-01,)')$$,
	'23514', NULL, 'the kinds are special_disease and former_rural');
SELECT throws_ok($$INSERT INTO person_attribute (person_id, kind, valid) VALUES ('SETL-NOBODY', 'former_rural', '[2024-03-01,)')$$,
	'23503', NULL, 'an attribute is of a person');
SELECT throws_ok($$INSERT INTO person_attribute (person_id, kind, valid) VALUES ('SETL-FR5', 'former_rural', '[1989-12-31,)')$$,
	'YB004', NULL, 'its dates lie in the business-date window');
SELECT throws_ok($$INSERT INTO former_rural_ratio (province, valid, ratio_bp, source) VALUES ('220000', '[2024-12-31,2026-01-01)', 8000, 'x')$$,
	'23P01', NULL, 'a province''s former rural ratio rows do not overlap');
SELECT throws_ok($$INSERT INTO former_rural_ratio (province, valid, ratio_bp, source) VALUES ('220000', '[2025-01-01,)', 10001, 'x')$$,
	'23514', NULL, 'the ratio is at most 10000 bp');
SELECT throws_ok($$INSERT INTO former_rural_ratio (province, valid, ratio_bp, source) VALUES ('220100', '[2025-01-01,)', 8000, 'x')$$,
	'23514', NULL, 'the row is a province''s (6 digits ending 0000)');
SELECT throws_ok($$INSERT INTO former_rural_special_drug (province, valid, tier, source) VALUES ('220000', '[2025-01-01,)', 4, 'x')$$,
	'23514', NULL, 'the special-drug setting names a tier 0 to 3');
SELECT throws_ok($$INSERT INTO former_rural_special_drug (province, valid, tier, source) VALUES ('990000', '[2025-01-01,)', 2, 'x')$$,
	'23503', NULL, 'the special-drug setting is of a known province');

SELECT * FROM finish();
ROLLBACK;
