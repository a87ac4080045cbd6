-- Robustness regressions: one test per defect the robustness work found (the
-- bad-input matrix 900, the isolation specs, sqlsmith, the fuzzers), each
-- named by what went wrong before the fix.  The races themselves are in
-- test/isolation/specs/filing_change_settle_concurrent.spec.
BEGIN;
SELECT plan(22);
SET LOCAL search_path = xdjy, public;
\ir include/helpers.sql

-- fixtures: Jinan employees' outpatient standard (a long-term filer is paid
-- the insured place's local standard, 鲁医保发〔2022〕26号 第二条(三)); a long-term filing to
-- Beijing with two visits there
INSERT INTO policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, annual_cap_fen, quota_group, note) VALUES
	('370100', 'employee', 'local', 'outpatient', '[2024-01-01,2025-01-01)', 0, 9000, 200000, 'outpatient', 'robustness regressions');
CREATE TEMP TABLE r910 (name text PRIMARY KEY, id bigint) ON COMMIT DROP;
INSERT INTO r910 SELECT 'filing', file_long_term('jinan-emp-2', '110000', '2024-03-01', '2024-03-01');
WITH e AS (INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on)
	VALUES ('jinan-emp-2', 'H11010500001', 'outpatient', '2024-04-20'),
		('jinan-emp-2', 'H11010500001', 'outpatient', '2024-04-25') RETURNING id, admitted_on)
INSERT INTO r910 SELECT 'visit ' || admitted_on, id FROM e;

-- F6 (济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一)): the expense look-up counted only
-- encounters begun before the closing date, so a settlement decided under
-- the filing on the change day itself, or on a day after a backdated
-- change, let the change through inside the 6 months
SELECT is((settle((SELECT id FROM r910 WHERE name = 'visit 2024-04-20'), 10000, 0, 'ROB-1', '2024-04-20')).category,
	'long_term', 'F6 fixture: the Beijing visit of 2024-04-20 is settled under the long-term filing');
SELECT throws_ok($$SELECT change_filing((SELECT id FROM r910 WHERE name = 'filing'), '310000', '2024-04-20')$$,
	'YB107', NULL, 'F6 济宁市医保局 异地就医十项便民措施 第四条(一): a change dated the day of a settlement under the filing is inside the 6-month window (YB107)');
SELECT throws_ok($$SELECT cancel_filing((SELECT id FROM r910 WHERE name = 'filing'), '2024-04-20')$$,
	'YB107', NULL, 'F6 济宁市医保局 异地就医十项便民措施 第四条(一): so is a cancellation dated that day (YB107)');
SELECT is((settle((SELECT id FROM r910 WHERE name = 'visit 2024-04-25'), 10000, 0, 'ROB-2', '2024-04-25')).filing_id,
	(SELECT id FROM r910 WHERE name = 'filing'), 'F6 fixture: a second visit, 2024-04-25, under the same filing');
SELECT throws_ok($$SELECT change_filing((SELECT id FROM r910 WHERE name = 'filing'), '310000', '2024-04-22')$$,
	'YB107', NULL, 'F6 济宁市医保局 异地就医十项便民措施 第四条(一): a change backdated before a settlement under the filing is rejected too (YB107)');
SELECT lives_ok($$SELECT terminate_filing((SELECT id FROM r910 WHERE name = 'filing'), '2024-04-22')$$,
	'F6 鲁医保发〔2022〕26号 第二条(一): terminating (因故终止) stays outside the window');

-- the engine stored totals the national platform cannot carry (2^63 - 1
-- fen, all out of scope, pays no share so nothing overflowed), and from
-- then on every SELECT of setlinfo, the statements and the clearing
-- details failed with 22003 for everybody
WITH e AS (INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on)
	VALUES ('jinan-emp-3', 'H37010300001', 'outpatient', '2024-05-06') RETURNING id)
INSERT INTO r910 SELECT 'jinan visit', id FROM e;
WITH e AS (INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on)
	VALUES ('jinan-emp-3', 'H37010300001', 'outpatient', '2024-05-07') RETURNING id)
INSERT INTO r910 SELECT 'jinan visit 2', id FROM e;
SELECT throws_ok($$SELECT settle((SELECT id FROM r910 WHERE name = 'jinan visit'), 9223372036854775807, 9223372036854775807, 'ROB-3', '2024-05-06')$$,
	'22003', 'amount out of range for the national interface',
	'a total of 2^63 - 1 fen is refused up front (22003), not stored');
SELECT throws_ok($$SELECT settle((SELECT id FROM r910 WHERE name = 'jinan visit'), 10000000000000000, 0, 'ROB-3', '2024-05-06')$$,
	'22003', 'amount out of range for the national interface',
	'10^16 fen, one fen beyond numeric(16,2) yuan, is refused (22003)');
SELECT lives_ok($$SELECT count(*) FROM (SELECT s::text FROM xdjy.setlinfo s) x$$,
	'setlinfo still reads every settlement');
SELECT is((settle((SELECT id FROM r910 WHERE name = 'jinan visit'), 9999999999999999, 9999999999999999, 'ROB-3', '2024-05-06')).personal_fen,
	9999999999999999::bigint, 'the largest amount the platform carries is settled');

-- a reversal dated infinity was stored (only new settlements were checked)
SELECT throws_ok($$SELECT reverse_settlement((SELECT id FROM settlement WHERE invoice_no = 'ROB-3'), 'infinity')$$,
	'22008', NULL, 'a reversal is dated by a calendar day (22008)');

-- S4 (鲁医保发〔2021〕46号 第四条) keys on the invoice number: '' and padded numbers passed
SELECT throws_ok($$SELECT settle((SELECT id FROM r910 WHERE name = 'jinan visit 2'), 100, 0, '', '2024-05-07')$$,
	'23514', NULL, 'S4 鲁医保发〔2021〕46号 第四条: an empty invoice number is refused (23514)');
SELECT throws_ok($$SELECT settle((SELECT id FROM r910 WHERE name = 'jinan visit 2'), 100, 0, 'ROB-3 ', '2024-05-07')$$,
	'23514', NULL, 'S4 鲁医保发〔2021〕46号 第四条: "ROB-3 " cannot pass for another invoice than "ROB-3" (23514)');

-- manual claims (吉医保发〔2019〕34号 附件第15条): materials complete on infinity were taken, due never
SELECT throws_ok($$INSERT INTO manual_claim (encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
	VALUES ((SELECT id FROM r910 WHERE name = 'jinan visit'), 'ROB-C', 100, '2024-06-01', 'infinity')$$,
	'22008', NULL, '吉医保发〔2019〕34号 附件第15条: complete materials on a calendar day (22008)');

-- S6 (吉医保发〔2019〕34号 附件第12条): a referral issued "on infinity" reached the engine, which
-- took the insurance year of infinity (a julian-day overflow)
SELECT throws_ok($$INSERT INTO referral (person_id, issued_by, issued_on, diagnosis)
	VALUES ('jinan-emp-3', 'H37010200001', 'infinity', 'C34')$$,
	'23514', NULL, 'S6 吉医保发〔2019〕34号 附件第12条: a referral is issued on a calendar day (23514)');

-- R7: the guard of builtin holidays printed infinity as 5881610-07-11
SELECT is(pg_temp.detail_of($$INSERT INTO holiday VALUES ('infinity', false, 'x', true)$$),
	'Row (day = infinity) of "xdjy.holiday" claims builtin = true: builtin rows come only with CREATE or ALTER EXTENSION, and pg_dump leaves them out.',
	'R7: the holiday guard names infinity as infinity');
SELECT is(pg_temp.detail_of($$INSERT INTO holiday VALUES ('-infinity', false, 'x', true)$$),
	'Row (day = -infinity) of "xdjy.holiday" claims builtin = true: builtin rows come only with CREATE or ALTER EXTENSION, and pg_dump leaves them out.',
	'R7: and -infinity as -infinity');

-- the guard of builtin rows attached by hand to a table of one's own, with
-- no kind or an unknown one: a coded error, not XX000
CREATE TABLE pg_temp.own_rows (k int, builtin boolean);
CREATE TRIGGER own_guard BEFORE INSERT ON pg_temp.own_rows
	FOR EACH ROW EXECUTE FUNCTION xdjy.builtin_guard_trigger();
SELECT throws_ok($$INSERT INTO pg_temp.own_rows VALUES (1, false)$$, '22023', NULL,
	'builtin_guard_trigger without a kind: 22023');
DROP TRIGGER own_guard ON pg_temp.own_rows;
CREATE TRIGGER own_guard BEFORE INSERT ON pg_temp.own_rows
	FOR EACH ROW EXECUTE FUNCTION xdjy.builtin_guard_trigger('regions');
SELECT throws_ok($$INSERT INTO pg_temp.own_rows VALUES (1, false)$$, '22023', NULL,
	'builtin_guard_trigger with an unknown kind: 22023');

-- trigger functions attached the wrong way: 39P01, not XX000
DROP TRIGGER own_guard ON pg_temp.own_rows;
CREATE TRIGGER own_cache BEFORE INSERT ON pg_temp.own_rows
	FOR EACH ROW EXECUTE FUNCTION xdjy.cache_changed_trigger();
SELECT throws_ok($$INSERT INTO pg_temp.own_rows VALUES (1, false)$$, '39P01', NULL,
	'cache_changed_trigger as a BEFORE row trigger: 39P01 trigger protocol violated');
DROP TRIGGER own_cache ON pg_temp.own_rows;
CREATE TRIGGER own_guard AFTER TRUNCATE ON pg_temp.own_rows
	FOR EACH STATEMENT EXECUTE FUNCTION xdjy.builtin_guard_trigger('holiday');
SELECT throws_ok($$TRUNCATE pg_temp.own_rows$$, '39P01', NULL,
	'builtin_guard_trigger after TRUNCATE: 39P01 trigger protocol violated');
DROP TRIGGER own_guard ON pg_temp.own_rows;
INSERT INTO pg_temp.own_rows VALUES (1, false);
CREATE TRIGGER own_history AFTER DELETE ON pg_temp.own_rows
	FOR EACH ROW EXECUTE FUNCTION xdjy.filing_history_trigger();
SELECT throws_ok($$DELETE FROM pg_temp.own_rows$$, '39P01', NULL,
	'an INSERT or UPDATE row trigger fired by a DELETE: 39P01 trigger protocol violated');

SELECT * FROM finish();
ROLLBACK;
