-- Filings (备案) and §6: the filing functions, F1 pledge, F2
-- channel, F3 destination, the history, no deletes.  Persons and
-- institutions: test/fixtures/sample.sql.
BEGIN;
SELECT plan(36);
SET LOCAL search_path = xdjy, public;

-- F1 (鲁医保发〔2021〕46号 第二条(一)): no proof material; long-term filing by pledge ----------
SELECT lives_ok($$SELECT file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-05')$$,
	'鲁医保发〔2021〕46号 第二条(一): long-term filing needs no proof material');
SELECT is((SELECT pledge FROM filing WHERE person_id = 'jinan-emp-1'), true,
	'鲁医保发〔2021〕46号 第二条(一): file_long_term records the residence pledge');
SELECT is((SELECT proof FROM filing WHERE person_id = 'jinan-emp-1'), NULL,
	'鲁医保发〔2021〕46号 第二条(一): proof is optional (NULL)');
SELECT lives_ok($$SELECT file_long_term('jinan-emp-2', '310000', '2024-03-05', '2024-03-05', 'window', 'residence_permit')$$,
	'鲁医保发〔2022〕26号 第二条(三): proof (居住证) may be recorded');
SELECT is((SELECT proof FROM filing WHERE person_id = 'jinan-emp-2'), 'residence_permit',
	'the proof given is recorded');
SELECT throws_ok($$INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
	VALUES ('jinan-emp-3', '110000', 'long_term_resident', '2024-03-05', '2024-03-05')$$,
	'YB114', NULL, '鲁医保发〔2021〕46号 第二条(一): a plain INSERT of a long-term filing without pledge is rejected');
SELECT lives_ok($$INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
	VALUES ('jinan-emp-3', '110000', 'temporary_outside', '2024-03-05', '2024-03-05')$$,
	'鲁医保发〔2021〕46号 第二条(一): a temporary filing needs neither pledge nor proof');
SELECT throws_ok($$INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge, proof)
	VALUES ('jinan-res-1', '110000', 'long_term_resident', '2024-03-05', '2024-03-05', true, 'passport')$$,
	'23514', NULL, 'proof is one of household_register, residence_permit, work_certificate');

-- F2 (鲁医保发〔2021〕46号 第二条(二); 济宁市医保局 异地就医十项便民措施 第一–二条): channel from the list ----------------------
SELECT is((SELECT count(*) FROM channel), 8::bigint,
	'鲁医保发〔2021〕46号 第二条(二): eight channels (window, grassroots, website, app, mini_program, phone, fax, hospital)');
SELECT lives_ok($$SELECT file_temporary('jinan-res-1', '310000', '2024-01-01', '2024-03-05', c) FROM (VALUES ('fax')) v(c)$$,
	'济宁市医保局 异地就医十项便民措施 第一条: a listed channel (fax) is accepted');
SELECT throws_ok($$SELECT file_temporary('jinan-res-1', '440300', '2024-01-01', '2024-03-05', 'wechat')$$,
	'YB115', NULL, '鲁医保发〔2021〕46号 第二条(二): a channel not in the list is rejected with its own code');
SELECT is((SELECT channel FROM filing WHERE person_id = 'jinan-emp-1'), 'app',
	'the channel defaults to the national app');

-- F3 (鲁医保发〔2021〕46号 第三条(四)): a pooling region, not an institution, not home ---------
SELECT throws_ok($$SELECT file_long_term('jinan-res-1', '110105', '2024-03-05', '2024-03-05')$$,
	'YB101', NULL, '鲁医保发〔2021〕46号 第三条(四): a county (110105) is not a filing destination');
SELECT throws_ok($$SELECT file_long_term('jinan-res-1', '110105001', '2024-03-05', '2024-03-05')$$,
	'YB101', NULL, '鲁医保发〔2021〕46号 第三条(四): a township is not a filing destination');
SELECT throws_ok($$SELECT file_long_term('jinan-res-1', 'H11010500001', '2024-03-05', '2024-03-05')$$,
	'YB101', NULL, '鲁医保发〔2021〕46号 第三条(四): an institution is never a filing destination');
SELECT throws_ok($$SELECT file_long_term('jinan-res-1', '440000', '2024-03-05', '2024-03-05')$$,
	'YB101', NULL, '鲁医保发〔2021〕46号 第三条(四): a province pooled by its cities (440000) is not a destination');
SELECT lives_ok($$SELECT file_long_term('jinan-res-1', '110000', '2024-03-05', '2024-03-05')$$,
	'鲁医保发〔2021〕46号 第三条(四): a province-level pooling region (Beijing 110000) is a destination');
SELECT throws_ok($$SELECT file_long_term('jinan-res-2', '999999', '2024-03-05', '2024-03-05')$$,
	'YB001', NULL, 'an unknown region is an unknown reference');
SELECT throws_ok($$SELECT file_long_term('nobody', '110000', '2024-03-05', '2024-03-05')$$,
	'YB001', NULL, 'an unknown person is an unknown reference');
SELECT throws_ok($$SELECT file_long_term('jinan-res-2', '370100', '2024-03-05', '2024-03-05')$$,
	'YB102', NULL, '鲁医保发〔2021〕46号 第三条(四): the destination is never the insured region');
SELECT throws_ok($$SELECT file_temporary('weihai-emp-1', '371000', '2024-03-05', '2024-03-05')$$,
	'YB102', NULL, '鲁医保发〔2021〕46号 第三条(四): nor for a temporary filing');
SELECT lives_ok($$SELECT file_long_term('jinan-res-2', '370800', '2024-03-05', '2024-03-05')$$,
	'鲁医保发〔2021〕46号 第三条(一): a long-term filing to another city of the province is a filing');
SELECT throws_ok($$SELECT change_filing((SELECT id FROM filing WHERE person_id = 'jinan-res-2'), '370100', '2024-03-06')$$,
	'YB102', NULL, '鲁医保发〔2021〕46号 第三条(四): change_filing to the insured region is rejected (that is a cancel)');

-- the functions ------------------------------------------------
SELECT is((SELECT category::text FROM filing WHERE person_id = 'jinan-emp-3'), 'temporary_outside',
	'file_temporary files the temporary_outside category');
SELECT throws_ok($$SELECT cancel_filing(-1, '2024-03-05')$$, 'YB001', NULL,
	'cancel_filing of an unknown filing: YB001, not a silent no-op');
SELECT throws_ok($$SELECT terminate_filing(-1, '2024-03-05')$$, 'YB001', NULL,
	'terminate_filing of an unknown filing: YB001');
SELECT throws_ok($$SELECT change_filing(-1, '110000', '2024-03-05')$$, 'YB001', NULL,
	'change_filing of an unknown filing: YB001');
SELECT throws_ok($$SELECT change_filing((SELECT id FROM filing WHERE person_id = 'jinan-emp-1'), '310000', NULL)$$,
	'22004', NULL, 'a NULL date is an error, never a silent NULL');
SELECT throws_ok($$SELECT file_long_term('jinan-res-2', '440300', 'infinity', '2024-03-05')$$,
	'22008', NULL, 'dates are finite');

-- history: who, when, old and new -----------------------------------------
SELECT lives_ok($$UPDATE filing SET proof = 'work_certificate' WHERE person_id = 'jinan-emp-1'$$,
	'鲁医保发〔2022〕26号 第二条(三): proof may be added to an active filing later');
SELECT lives_ok($$SELECT cancel_filing((SELECT id FROM filing WHERE person_id = 'jinan-emp-1'), '2024-04-01')$$,
	'济宁市医保局 异地就医十项便民措施 第四条(一): a filing without expenses there is cancelled at any time');
SELECT results_eq(
	$$SELECT event, business_date, by_role::text, old_row->>'status', new_row->>'status', new_row->>'proof'
	  FROM filing_history h JOIN filing f ON f.id = h.filing_id
	  WHERE f.person_id = 'jinan-emp-1' ORDER BY h.id$$,
	$$VALUES ('filed', '2024-03-05'::date, current_user::text, NULL, 'active', NULL),
	         ('amended', NULL, current_user::text, 'active', 'active', 'work_certificate'),
	         ('cancelled', '2024-04-01'::date, current_user::text, 'active', 'cancelled', 'work_certificate')$$,
	'every filing event is in the history: who, what, old and new row');
SET LOCAL xdjy.language = zh;
SELECT lives_ok($$SELECT file_temporary('jinan-emp-1', '440300', '2024-01-01', '2024-03-05')$$,
	'filing under xdjy.language = zh');
SELECT is((SELECT new_row->>'category' FROM filing_history ORDER BY id DESC LIMIT 1), 'temporary_outside',
	'history rows carry English labels whatever xdjy.language says');
RESET xdjy.language;

-- filings are closed, never deleted ---------------------------------------
SELECT throws_ok($$DELETE FROM filing WHERE person_id = 'jinan-emp-2'$$,
	'YB117', NULL, '济宁市医保局 异地就医十项便民措施 第四条(一): a filing is cancelled or terminated, not deleted');
SELECT is((SELECT count(*) FROM filing WHERE person_id = 'jinan-emp-2'), 1::bigint,
	'the row is still there');

SELECT * FROM finish();
ROLLBACK;
