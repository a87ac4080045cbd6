-- Reference data behind filings: persons are insured in a
-- pooling region, institutions lie under one, and a person's insured
-- region never becomes the destination of their own active filing
-- (鲁医保发〔2021〕46号 第三条(四)).
BEGIN;
SELECT plan(11);
SET LOCAL search_path = xdjy, public;

SELECT throws_ok($$INSERT INTO person VALUES ('t-county', '县', '370102', 'employee')$$,
	'YB190', NULL, 'insured in a county (370102) is rejected; the pooling region is 370100');
SELECT throws_ok($$INSERT INTO person VALUES ('t-prov', '省', '370000', 'employee')$$,
	'YB190', NULL, 'insured in Shandong province (pooled by its cities) is rejected');
SELECT throws_ok($$INSERT INTO person VALUES ('t-unknown', '无', '999999', 'employee')$$,
	'23503', NULL, 'an unknown insured region is the foreign key''s to report');
SELECT lives_ok($$INSERT INTO person VALUES ('t-bj', '京', '110000', 'resident')$$,
	'insured in Beijing (pooled at province level) is accepted');
SELECT throws_ok($$INSERT INTO institution (code, name_zh, region_code) VALUES ('H37000000001', '省级', '370000')$$,
	'YB191', NULL, 'an institution under no pooling region is rejected');
SELECT lives_ok($$INSERT INTO institution (code, name_zh, region_code) VALUES ('H37010200009', '新医院', '370102001')$$,
	'an institution in a township of Jinan is accepted');
SELECT lives_ok($$SELECT file_long_term('jinan-emp-1', '110000', '2024-03-01', '2024-03-01')$$,
	'a long-term filing of jinan-emp-1 to Beijing');
SELECT throws_ok($$UPDATE person SET insured_region = '110000' WHERE id = 'jinan-emp-1'$$,
	'YB192', NULL, '鲁医保发〔2021〕46号 第三条(四): the insured region cannot become the destination of an active filing');
SELECT lives_ok($$UPDATE person SET insured_region = '310000' WHERE id = 'jinan-emp-1'$$,
	'moving the insurance elsewhere is accepted');
SELECT throws_ok($$UPDATE institution SET region_code = '370000' WHERE code = 'H37010200009'$$,
	'YB191', NULL, 'moving an institution out from under every pooling region is rejected');
SELECT lives_ok($$UPDATE institution SET networked_inpatient = true WHERE code = 'H37010200009'$$,
	'other columns of reference rows update freely');

SELECT * FROM finish();
ROLLBACK;
