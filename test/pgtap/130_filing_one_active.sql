-- F4, 济宁市医保局 异地就医十项便民措施 第四条(一) and 鲁医保发〔2022〕26号 第二条(一): no end date on long-term filings, no
-- validity period on temporary ones; at most one active long-term filing
-- per person, at most one active temporary filing per person and
-- destination.  Enforced by the trigger (own code) and by unique partial
-- indexes underneath.
BEGIN;
SELECT plan(17);
SET LOCAL search_path = xdjy, public;

SELECT hasnt_column('filing', 'end_date', '济宁市医保局 异地就医十项便民措施 第四条(一): a filing has no end date column');
SELECT index_is_unique('xdjy', 'filing', 'filing_one_long_term_idx', 'F4: unique partial index for one active long-term filing');
SELECT index_is_unique('xdjy', 'filing', 'filing_one_temporary_idx', 'F4: unique partial index for one active temporary filing per destination');

SELECT lives_ok($$SELECT file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-05')$$,
	'a first long-term filing');
SELECT throws_ok($$SELECT file_long_term('jinan-emp-1', '310000', '2024-03-06', '2024-03-06')$$,
	'YB103', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): a second active long-term filing (elsewhere) is rejected');
SELECT throws_ok($$SELECT file_long_term('jinan-emp-1', '110000', '2024-03-06', '2024-03-06')$$,
	'YB103', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): a second active long-term filing (same place) is rejected');
SELECT throws_ok($$INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
	VALUES ('jinan-emp-1', '440300', 'long_term_resident', '2024-03-06', '2024-03-06', true)$$,
	'YB103', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): a plain INSERT of a second long-term filing is rejected the same way');
SELECT lives_ok($$SELECT file_temporary('jinan-emp-1', '310000', '2024-03-06', '2024-03-06')$$,
	'鲁医保发〔2022〕26号 第二条(一): a temporary filing beside the long-term one is accepted');
SELECT lives_ok($$SELECT file_temporary('jinan-emp-1', '440300', '2024-03-06', '2024-03-06')$$,
	'鲁医保发〔2022〕26号 第二条(一): temporary filings to two destinations are accepted');
SELECT throws_ok($$SELECT file_temporary('jinan-emp-1', '310000', '2024-05-01', '2024-05-01')$$,
	'YB104', NULL, '鲁医保发〔2022〕26号 第二条(一): a second active temporary filing to the same destination is rejected');
SELECT lives_ok($$SELECT file_temporary('jinan-emp-1', '110000', '2024-03-06', '2024-03-06')$$,
	'a temporary filing to the long-term destination does not collide with the long-term one');

-- after closing, filing again is allowed -----------------------------------
SELECT lives_ok($$SELECT cancel_filing((SELECT id FROM filing WHERE person_id = 'jinan-emp-1' AND destination_region = '310000'), '2024-04-01');
                  SELECT file_temporary('jinan-emp-1', '310000', '2024-04-01', '2024-04-01')$$,
	'a cancelled temporary filing leaves room for a new one to the same destination');
SELECT lives_ok($$SELECT terminate_filing((SELECT id FROM filing WHERE person_id = 'jinan-emp-1' AND category = 'long_term_resident'), '2024-04-01');
                  SELECT file_long_term('jinan-emp-1', '310000', '2024-04-01', '2024-04-01')$$,
	'鲁医保发〔2022〕26号 第二条(三): after terminating the long-term filing, a new one may be filed');
SELECT is((SELECT count(*) FROM filing WHERE person_id = 'jinan-emp-1' AND status = 'active' AND category = 'long_term_resident'),
	1::bigint, 'still exactly one active long-term filing');

-- the indexes hold even where the trigger does not run -----------------
SET LOCAL session_replication_role = replica;
SELECT throws_ok($$INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
	VALUES ('jinan-emp-1', '440300', 'long_term_resident', '2024-04-02', '2024-04-02', true)$$,
	'23505', NULL, 'F4: with triggers off (replica), the unique index still refuses a second active long-term filing');
SELECT throws_ok($$INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
	VALUES ('jinan-emp-1', '440300', 'temporary_outside', '2024-04-02', '2024-04-02')$$,
	'23505', NULL, 'F4: and a second active temporary filing to the same destination');
SET LOCAL session_replication_role = origin;
SELECT is((SELECT count(*) FROM filing WHERE person_id = 'jinan-emp-1'), 6::bigint,
	'six filings of jinan-emp-1 landed (two closed, four active)');

SELECT * FROM finish();
ROLLBACK;
