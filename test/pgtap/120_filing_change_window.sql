-- F6 change/cancel window, 济宁市医保局 异地就医十项便民措施 第四条(一) and 鲁医保发〔2022〕26号 第二条(一): once medical
-- expenses were incurred at the filed place under a long-term filing, it
-- may be changed or cancelled only from start_date + interval '6 months';
-- without such expenses at any time; terminating (因故终止) is not limited.
-- Settlements are fixture rows written with session_replication_role =
-- replica (bypassing whatever checks the settlement engine makes).
BEGIN;
SELECT plan(29);
SET LOCAL search_path = xdjy, public;
\ir include/helpers.sql

-- an outpatient expense of person p at institution i on day d, settled
CREATE FUNCTION pg_temp.expense(p text, i text, d date) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE e bigint; s bigint;
BEGIN
	INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES (p, i, 'outpatient', d, d) RETURNING id INTO e;
	SET LOCAL session_replication_role = replica;
	INSERT INTO xdjy.settlement (encounter_id, settled_on, invoice_no, total_fen)
	VALUES (e, d, 'CHG-' || e, 12345) RETURNING id INTO s;
	SET LOCAL session_replication_role = origin;
	RETURN s;
END $$;
CREATE FUNCTION pg_temp.lt(p text) RETURNS bigint LANGUAGE sql AS $$
	SELECT id FROM xdjy.filing WHERE person_id = p AND status = 'active' AND category = 'long_term_resident' $$;

-- start 2024-03-05: the window opens on 2024-09-05 ----------------------
SELECT lives_ok($$SELECT file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-05');
                  SELECT pg_temp.expense('jinan-emp-1', 'H11010500001', '2024-04-10')$$,
	'long-term filing to Beijing from 2024-03-05, an expense there on 2024-04-10');
SELECT throws_ok($$SELECT change_filing(pg_temp.lt('jinan-emp-1'), '310000', '2024-09-04')$$,
	'YB107', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): change at start + 6 months - 1 day with expenses there is rejected');
SELECT throws_ok($$SELECT cancel_filing(pg_temp.lt('jinan-emp-1'), '2024-09-04')$$,
	'YB107', NULL, '鲁医保发〔2022〕26号 第二条(一): cancel at start + 6 months - 1 day with expenses there is rejected');
SELECT throws_ok($$SELECT cancel_filing(pg_temp.lt('jinan-emp-1'), '2024-04-11')$$,
	'YB107', NULL, '鲁医保发〔2022〕26号 第二条(一): cancel the day after the expense there is rejected');
SELECT lives_ok($$SELECT change_filing(pg_temp.lt('jinan-emp-1'), '310000', '2024-09-05')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(一): change at exactly start + 6 months with expenses there is accepted');

-- the same dates without expenses at the filed place -----------------------
SELECT lives_ok($$SELECT file_long_term('jinan-emp-2', '110000', '2024-03-05', '2024-03-05')$$,
	'long-term filing to Beijing from 2024-03-05, no expense there');
SELECT lives_ok($$SELECT change_filing(pg_temp.lt('jinan-emp-2'), '310000', '2024-09-04')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(一): without expenses there, change at start + 6 months - 1 day is accepted');
SELECT lives_ok($$SELECT cancel_filing(pg_temp.lt('jinan-emp-2'), '2024-09-05')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(一): without expenses there, cancel the new filing the day after it starts is accepted');

-- what counts as an expense at the filed place ----------------------------
SELECT lives_ok($$SELECT file_long_term('jinan-emp-3', '110000', '2024-03-05', '2024-03-05');
                  SELECT pg_temp.expense('jinan-emp-3', 'H31010100001', '2024-04-10');
                  SELECT pg_temp.expense('jinan-emp-3', 'H37010200001', '2024-04-11');
                  SELECT pg_temp.expense('jinan-emp-3', 'H11010500001', '2024-03-01')$$,
	'expenses in Shanghai, at home in Jinan, and in Beijing before the start');
SELECT lives_ok($$SELECT change_filing(pg_temp.lt('jinan-emp-3'), '310000', '2024-05-01')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(一): expenses elsewhere or before the start are not "at the filed place under the filing"');

SELECT lives_ok($$SELECT file_long_term('jinan-res-1', '110000', '2024-03-05', '2024-03-05')$$,
	'another long-term filing to Beijing from 2024-03-05');
SELECT lives_ok($x$DO $d$ DECLARE s bigint; BEGIN
		s := pg_temp.expense('jinan-res-1', 'H11010800001', '2024-04-10');
		SET LOCAL session_replication_role = replica;
		INSERT INTO xdjy.settlement (encounter_id, settled_on, invoice_no, total_fen, reverses)
		SELECT encounter_id, '2024-04-11', 'CHG-R' || s, -12345, s FROM xdjy.settlement WHERE id = s;
		SET LOCAL session_replication_role = origin;
	END $d$$x$, 'an expense in Beijing, reversed (冲正)');
SELECT lives_ok($$SELECT cancel_filing(pg_temp.lt('jinan-res-1'), '2024-05-01')$$,
	'a reversed settlement is no expense: cancel within 6 months is accepted');

SELECT lives_ok($$SELECT file_long_term('jinan-res-2', '110000', '2024-03-05', '2024-03-05');
                  SELECT pg_temp.expense('jinan-res-2', 'H11010500001', '2024-05-02')$$,
	'an expense in Beijing on 2024-05-02 (the township 110105001 lies in pooling region 110000)');
SELECT lives_ok($$SELECT cancel_filing(pg_temp.lt('jinan-res-2'), '2024-05-02')$$,
	'an expense on or after the cancellation date is not under the filing: cancel on 2024-05-02 accepted');

SELECT lives_ok($$SELECT file_long_term('weihai-emp-1', '110000', '2024-03-05', '2024-03-05');
                  SELECT pg_temp.expense('weihai-emp-1', 'H11010500001', '2024-05-01')$$,
	'an expense in Beijing on 2024-05-01');
SELECT throws_ok($$SELECT cancel_filing(pg_temp.lt('weihai-emp-1'), '2024-05-02')$$,
	'YB107', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): cancel the day after an expense there is rejected');

-- an inpatient stay admitted before the start and discharged after it (F8)
SELECT lives_ok($x$DO $d$ DECLARE e bigint; BEGIN
		INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
		VALUES ('weihai-res-1', 'H31010100001', 'inpatient', '2024-03-01', '2024-03-12') RETURNING id INTO e;
		PERFORM xdjy.file_long_term('weihai-res-1', '310000', '2024-03-05', '2024-03-08');
		SET LOCAL session_replication_role = replica;
		INSERT INTO xdjy.settlement (encounter_id, settled_on, invoice_no, total_fen) VALUES (e, '2024-03-12', 'CHG-S', 500000);
		SET LOCAL session_replication_role = origin;
	END $d$$x$, '济宁市医保局 异地就医十项便民措施 第四条(二): a stay admitted before the filing, discharged and settled under it');
SELECT throws_ok($$SELECT change_filing(pg_temp.lt('weihai-res-1'), '110000', '2024-06-01')$$,
	'YB107', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): that stay is an expense under the filing: early change rejected');

-- a plain UPDATE is held to the same window ---------------------------------
SELECT throws_ok($$UPDATE filing SET status = 'cancelled', closed_on = '2024-05-03' WHERE person_id = 'weihai-emp-1'$$,
	'YB107', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): a plain UPDATE cancelling within the window after expenses is rejected');
SELECT matches(
	(SELECT h FROM (SELECT 1) x, LATERAL (SELECT pg_temp.hint_of($$SELECT xdjy.cancel_filing(pg_temp.lt('weihai-emp-1'), '2024-05-03')$$) h) y),
	'The earliest change or cancellation date is 2024-09-05.*terminating the filing \(因故终止\) is not limited',
	'济宁市医保局 异地就医十项便民措施 第四条(一): the hint names the earliest date (start 2024-03-05 + 6 months) and the way out');

-- terminate (因故终止) is not limited by the window (鲁医保发〔2022〕26号 第二条(一)) ----------
SELECT lives_ok($$SELECT terminate_filing(pg_temp.lt('weihai-emp-1'), '2024-05-02')$$,
	'鲁医保发〔2022〕26号 第二条(一): terminate the day after an expense there is accepted');
SELECT is((SELECT status::text || ' ' || closed_on FROM filing WHERE person_id = 'weihai-emp-1'), 'terminated 2024-05-02',
	'the filing is terminated from 2024-05-02');

-- temporary filings have no window (鲁医保发〔2022〕26号 第二条(一): no validity period) -------
SELECT lives_ok($$SELECT file_temporary('jining-emp-1', '110000', '2024-03-05', '2024-03-05');
                  SELECT pg_temp.expense('jining-emp-1', 'H11010500001', '2024-03-06');
                  SELECT change_filing((SELECT id FROM xdjy.filing WHERE person_id = 'jining-emp-1'), '310000', '2024-03-07')$$,
	'F6 binds long-term filings only: a temporary filing with expenses changes the next day');

-- leap years: start + interval '6 months' ---------------------------------
SELECT lives_ok($$SELECT file_long_term('changchun-res-1', '110000', '2023-08-31', '2023-08-31');
                  SELECT pg_temp.expense('changchun-res-1', 'H11010500001', '2023-09-15');
                  SELECT file_long_term('changchun-emp-1', '110000', '2022-08-31', '2022-08-31');
                  SELECT pg_temp.expense('changchun-emp-1', 'H11010500001', '2022-09-15')$$,
	'long-term filings from 2023-08-31 and 2022-08-31, each with an expense there');
SELECT throws_ok($$SELECT change_filing(pg_temp.lt('changchun-res-1'), '310000', '2024-02-28')$$,
	'YB107', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): start 2023-08-31, change on 2024-02-28 rejected (window opens 2024-02-29)');
SELECT lives_ok($$SELECT change_filing(pg_temp.lt('changchun-res-1'), '310000', '2024-02-29')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(一): start 2023-08-31 + 6 months = 2024-02-29 (leap year): change accepted');
SELECT throws_ok($$SELECT cancel_filing(pg_temp.lt('changchun-emp-1'), '2023-02-27')$$,
	'YB107', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): start 2022-08-31, cancel on 2023-02-27 rejected');
SELECT lives_ok($$SELECT cancel_filing(pg_temp.lt('changchun-emp-1'), '2023-02-28')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(一): start 2022-08-31 + 6 months = 2023-02-28: cancel accepted');

SELECT * FROM finish();
ROLLBACK;
