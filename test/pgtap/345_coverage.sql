-- R5 coverage (鲁医保发〔2020〕68号 二(一)(二)): every township has at least one networked
-- inpatient institution; every county-level division at least two
-- networked chronic-outpatient hospitals (2家以上 includes two).  Own
-- regions under a made-up province 990000.
BEGIN;
SELECT plan(9);
SET LOCAL search_path = xdjy, public;

INSERT INTO region (code, name_zh, name_en, level, parent_code, is_pooling) VALUES
	('990000', '测试省', 'Test Province', 'province', NULL, false),
	('990100', '测试市', 'Test City', 'city', '990000', true),
	('990101', '甲县', 'County A', 'county', '990100', false),
	('990102', '乙县', 'County B', 'county', '990100', false),
	('990103', '丙县', 'County C', 'county', '990100', false),
	('990101001', '甲一镇', 'Town A1', 'township', '990101', false),
	('990101002', '甲二镇', 'Town A2', 'township', '990101', false),
	('990101003', '甲三镇', 'Town A3', 'township', '990101', false),
	('990102001', '乙一镇', 'Town B1', 'township', '990102', false);
INSERT INTO institution (code, name_zh, region_code, kind, networked_inpatient, networked_chronic) VALUES
	-- County A: inpatient in town A1 only; chronic: one in the county seat, one in town A1
	('RPT-COV-1', '甲一镇卫生院', '990101001', 'hospital', true, true),
	('RPT-COV-2', '甲县人民医院', '990101', 'hospital', false, true),
	('RPT-COV-3', '甲二镇卫生院', '990101002', 'hospital', false, false),	-- not networked
	('RPT-COV-4', '甲三镇药店', '990101003', 'pharmacy', true, true),		-- a pharmacy is no hospital
	-- County B: one chronic hospital; town B1 has a networked inpatient hospital
	('RPT-COV-5', '乙一镇卫生院', '990102001', 'hospital', true, true),
	-- County C: one chronic hospital and a chronic pharmacy
	('RPT-COV-6', '丙县医院', '990103', 'hospital', false, true),
	('RPT-COV-7', '丙县药店', '990103', 'pharmacy', false, true);

SELECT results_eq(
	$$SELECT gap, region_code, networked, required FROM xdjy.coverage_gap WHERE province = '990000' ORDER BY gap, region_code$$,
	$$VALUES ('county_chronic'::text, '990102'::text, 1::bigint, 2),
	         ('county_chronic', '990103', 1, 2),
	         ('township_inpatient', '990101002', 0, 1),
	         ('township_inpatient', '990101003', 0, 1)$$,
	'鲁医保发〔2020〕68号 二: towns A2 (not networked) and A3 (only a pharmacy) lack inpatient; counties B and C have one chronic hospital each');
SELECT is((SELECT count(*) FROM coverage_gap WHERE region_code = '990101'), 0::bigint,
          '鲁医保发〔2020〕68号 二(二): county A has two (one in the county seat, one in a township): no gap');
SELECT is((SELECT count(*) FROM coverage_gap WHERE region_code IN ('990101001', '990102001')), 0::bigint,
          '鲁医保发〔2020〕68号 二(一): a township with a networked inpatient hospital has no gap');
SELECT results_eq(
	$$SELECT name_zh, name_en, parent_code, gap_en, gap_zh FROM xdjy.coverage_gap WHERE region_code = '990101002'$$,
	$$VALUES ('甲二镇'::text, 'Town A2'::text, '990101'::text,
	          'no networked inpatient institution in the township'::text, '乡镇（街道）无住院联网定点医疗机构'::text)$$,
	'a gap says where and what in both languages');

-- closing a gap
UPDATE institution SET networked_chronic = true WHERE code = 'RPT-COV-7';
SELECT is((SELECT count(*) FROM coverage_gap WHERE region_code = '990103'), 1::bigint,
          'a networked chronic pharmacy does not close a county''s gap');
INSERT INTO institution (code, name_zh, region_code, kind, networked_chronic)
VALUES ('RPT-COV-8', '丙县中医院', '990103', 'hospital', true);
SELECT is((SELECT count(*) FROM coverage_gap WHERE region_code = '990103'), 0::bigint,
          'a second networked chronic hospital closes it');
UPDATE institution SET networked_inpatient = true WHERE code = 'RPT-COV-3';
SELECT is((SELECT count(*) FROM coverage_gap WHERE region_code = '990101002'), 0::bigint,
          'networking the town A2 hospital for inpatients closes its gap');

SELECT is(coverage_minimum('township_inpatient'), 1, '鲁医保发〔2020〕68号 二(一): one per township');
SELECT is(coverage_minimum('county_chronic'), 2, '鲁医保发〔2020〕68号 二(二): two per county');

SELECT * FROM finish();
ROLLBACK;
