-- F5 backdating (补办备案), 济宁市医保局 异地就医十项便民措施 第四条(二) and 鲁医保发〔2022〕26号 第二条(二): a long-term filing
-- may start at most 5 days before it is applied for; a temporary filing's
-- start date is not restricted backwards.  Forward, xdjy limits any start
-- to one year after the application (a decision the seeds leave open).
BEGIN;
SELECT plan(16);
SET LOCAL search_path = xdjy, public;
\ir include/helpers.sql

SELECT lives_ok($$SELECT file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(二): long-term start 5 days before the application is accepted');
SELECT throws_ok($$SELECT file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10')$$,
	'YB105', 'long-term filing backdated more than 5 days',
	'济宁市医保局 异地就医十项便民措施 第四条(二): long-term start 6 days before the application is rejected with YB105');
SELECT throws_ok($$SELECT file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10')$$,
	'YB105', NULL, '鲁医保发〔2022〕26号 第二条(二): same rule in the Weihai/Shandong forwarding text');
SELECT lives_ok($$SELECT file_long_term('jinan-emp-2', '110000', '2024-02-29', '2024-03-05')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(二): applied 2024-03-05, start 2024-02-29 (5 days back across a leap day) accepted');
SELECT throws_ok($$SELECT file_long_term('jinan-emp-3', '110000', '2024-02-28', '2024-03-05')$$,
	'YB105', NULL, '济宁市医保局 异地就医十项便民措施 第四条(二): applied 2024-03-05, start 2024-02-28 (6 days back) rejected');
SELECT lives_ok($$SELECT file_long_term('jinan-emp-3', '110000', '2023-02-28', '2023-03-05')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(二): applied 2023-03-05, start 2023-02-28 (5 days back in a common year) accepted');
SELECT lives_ok($$SELECT file_long_term('jinan-res-1', '310000', '2024-03-10', '2024-03-10')$$,
	'a long-term filing may start on the day it is applied for');

-- the hint names the earliest start date ---------------------------------
SELECT matches(pg_temp.error_of($$SELECT xdjy.file_long_term('jinan-res-2', '110000', '2024-03-04', '2024-03-10')$$),
	'applied for on 2024-03-10 and starts on 2024-03-04, 6 days earlier\..*The earliest start date is 2024-03-05',
	'济宁市医保局 异地就医十项便民措施 第四条(二): errdetail names the dates, errhint the earliest allowed start date');

-- temporary: unrestricted backwards (鲁医保发〔2022〕26号 第二条(二)) -------------------------
SELECT lives_ok($$SELECT file_temporary('weihai-emp-1', '110000', '2023-02-04', '2024-03-10')$$,
	'鲁医保发〔2022〕26号 第二条(二): temporary filing 400 days back is accepted');
SELECT lives_ok($$SELECT file_temporary('weihai-emp-1', '310000', '2014-01-01', '2024-03-10')$$,
	'鲁医保发〔2022〕26号 第二条(二): temporary filing ten years back is accepted');

-- forward: a planned move, at most one year ahead (xdjy's horizon) --------
SELECT lives_ok($$SELECT file_long_term('weihai-res-1', '110000', '2024-06-01', '2024-03-10')$$,
	'F5: a long-term filing may start after the application (planned move)');
SELECT lives_ok($$SELECT file_long_term('jining-emp-1', '110000', '2025-03-10', '2024-03-10')$$,
	'F5: start exactly one year after the application is accepted');
SELECT throws_ok($$SELECT file_long_term('jining-res-1', '110000', '2025-03-11', '2024-03-10')$$,
	'YB106', NULL, 'F5: start one year and a day ahead is rejected with YB106');
SELECT throws_ok($$SELECT file_temporary('jining-res-1', '110000', '2025-03-11', '2024-03-10')$$,
	'YB106', NULL, 'F5: the one-year horizon holds for temporary filings too');
SELECT matches(pg_temp.error_of($$SELECT xdjy.file_long_term('jining-res-1', '110000', '2025-03-01', '2024-02-29')$$),
	'The latest start date is 2025-02-28',
	'the hint names the latest start date (2024-02-29 + 1 year = 2025-02-28)');

-- a plain INSERT is held to the same rule ---------------------------------
SELECT throws_ok($$INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
	VALUES ('jining-res-1', '310000', 'long_term_resident', '2024-03-04', '2024-03-10', true)$$,
	'YB105', NULL, '济宁市医保局 异地就医十项便民措施 第四条(二): a plain INSERT backdated 6 days is rejected the same way');

SELECT * FROM finish();
ROLLBACK;
