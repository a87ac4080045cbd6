-- F10, 鲁医保发〔2021〕46号 第二条(三) (鲁医保发〔2021〕46号): from 2022-01-01 Shandong's
-- intra-province (省内跨市) temporary treatment needs no filing.  A
-- per-province, dated setting (xdjy.filing_exemption), read by
-- filing_exempt() and by the filing trigger.
BEGIN;
SELECT plan(19);
SET LOCAL search_path = xdjy, public;

SELECT results_eq($$SELECT province, valid, builtin FROM filing_exemption$$,
	$$VALUES ('370000', '[2022-01-01,)'::daterange, true)$$,
	'鲁医保发〔2021〕46号 第二条(三): the shipped setting is Shandong (37) from 2022-01-01, as data');

-- filing_exempt(insured, treatment, on) -----------------------------------
SELECT is(filing_exempt('370100', '370800', '2022-01-01'), true, '鲁医保发〔2021〕46号 第二条(三): Jinan → Jining on 2022-01-01: no filing needed');
SELECT is(filing_exempt('370100', '370800', '2021-12-31'), false, '鲁医保发〔2021〕46号 第二条(三): Jinan → Jining on 2021-12-31: filing needed');
SELECT is(filing_exempt('371000', '370881001', '2030-06-30'), true, 'Weihai → a township of Qufu (Jining) walks up to its pooling region');
SELECT is(filing_exempt('370100', '370102', '2024-01-01'), false, 'local treatment is not intra-province treatment');
SELECT is(filing_exempt('370100', '110000', '2024-01-01'), false, 'cross-province treatment is not exempt');
SELECT is(filing_exempt('220100', '220200', '2024-01-01'), false, 'not hard-coded: Jilin (22) has no exemption');
SELECT is(filing_exempt('110000', '370100', '2024-01-01'), false, 'a Beijing insured in Jinan is cross-province');
SELECT throws_ok($$SELECT filing_exempt('370100', '379999', '2024-01-01')$$, 'YB001', NULL, 'an unknown region is an unknown reference');
SELECT is(filing_exempt('370100', '370800', NULL), NULL, 'STRICT: no date, no answer');

-- a DBA adds a province, dated ------------------------------------------
SELECT lives_ok($$INSERT INTO filing_exemption VALUES ('220000', '[2025-01-01,2026-01-01)', 'test: Jilin 2025 only')$$,
	'F10 is data: a bounded Jilin exemption');
SELECT is(filing_exempt('220100', '220200', '2025-12-31'), true, 'Jilin exemption applies on 2025-12-31');
SELECT is(filing_exempt('220100', '220200', '2026-01-01'), false, 'and ends before 2026-01-01');
SELECT throws_ok($$INSERT INTO filing_exemption VALUES ('370000', '[2023-01-01,)', 'overlap')$$,
	'23P01', NULL, 'two exemptions of one province never overlap');

-- the filing trigger: a temporary filing the exemption makes pointless ----
SELECT throws_ok($$SELECT file_temporary('jinan-emp-1', '370800', '2022-01-01', '2022-01-05')$$,
	'YB116', NULL, '鲁医保发〔2021〕46号 第二条(三): temporary Jinan → Jining from 2022-01-01 needs no filing: rejected with YB116');
SELECT lives_ok($$SELECT file_temporary('jinan-emp-1', '370800', '2021-12-31', '2022-01-05')$$,
	'鲁医保发〔2021〕46号 第二条(三): a late temporary filing for a stay from 2021-12-31 is still a filing');
SELECT lives_ok($$SELECT file_long_term('jinan-emp-2', '370800', '2024-03-01', '2024-03-01')$$,
	'鲁医保发〔2021〕46号 第二条(三): the exemption is for temporary treatment; long-term intra-province filing stays');
SELECT lives_ok($$SELECT file_temporary('changchun-res-1', '220200', '2025-03-01', '2025-03-01')$$,
	'a bounded exemption leaves the filing its use after the end');
SELECT lives_ok($$SELECT file_temporary('jinan-emp-3', '110000', '2024-03-01', '2024-03-01')$$,
	'cross-province temporary filing is needed and accepted');

SELECT * FROM finish();
ROLLBACK;
