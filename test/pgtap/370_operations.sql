-- Operations: xdjy.version() for support requests; the daily
-- reconciliation recorded per business day (鲁医保发〔2022〕26号 第四条(一):
-- the national subsystem generates the statement of each day) by
-- record_daily_reconciliation(day), against the reporting data
-- (include/reporting_data.sql, the days of test/pgtap/310_reconciliation.sql);
-- and schedule_daily_reconciliation() without pg_cron, which says what to
-- install (YB010).  test/t/970_pg_cron_schedule.sh runs it with pg_cron.
BEGIN;
SELECT plan(33);
SET LOCAL search_path = xdjy, public;
\ir include/helpers.sql
\ir include/reporting_data.sql

-- version --------------------------------------------------------------------
SELECT is((SELECT extension_version FROM xdjy.version()),
          (SELECT extversion::text FROM pg_extension WHERE extname = 'xdjy'),
          'version(): the extension''s version is pg_extension''s');
SELECT is((SELECT library_build FROM xdjy.version()),
          'xdjy ' || (SELECT extversion FROM pg_extension WHERE extname = 'xdjy') || ' for PostgreSQL '
              || (current_setting('server_version_num')::int / 10000),
          'the library''s build: the version it was built as (the Makefile''s EXTVERSION) and the PostgreSQL major of its headers, the server''s');
SELECT is((SELECT library_build FROM xdjy.version()), xdjy.library_build(), 'the same as library_build()');
SELECT is((SELECT server_version FROM xdjy.version()), current_setting('server_version'), 'the server''s version');
SELECT is((SELECT policy_documents FROM xdjy.version()), (SELECT count(*) FROM policy_document),
          'the number of policy documents loaded');
SELECT ok((SELECT '鲁医保发〔2022〕26号' = ANY (policy_document_codes) AND '吉医保发〔2019〕34号' = ANY (policy_document_codes)
           FROM xdjy.version()), 'their codes, the builtin documents among them');
INSERT INTO policy_document (code, title, issuer) VALUES ('测试医保发〔2030〕1号', 'a document a DBA added', '测试局');
SELECT is((SELECT policy_document_codes FROM xdjy.version()),
          (SELECT array_agg(code ORDER BY code COLLATE "C") FROM policy_document),
          'a document a DBA adds is listed too, the codes in byte order');
SET LOCAL ROLE xdjy_analyst;
SELECT lives_ok($$SELECT * FROM xdjy.version()$$, 'an analyst may ask for the version');
RESET ROLE;

-- record_daily_reconciliation ---------------------------------------------------
SELECT results_eq(
	$$SELECT day, settlements, matched, mismatched, missing_at_insured, missing_at_treatment,
	         missing_at_national, amount_differs, unknown_settlements
	  FROM xdjy.record_daily_reconciliation('2024-10-08')$$,
	$$VALUES ('2024-10-08'::date, 1::bigint, 0::bigint, 1::bigint, 1::bigint, 0::bigint, 0::bigint, 1::bigint, 0::bigint)$$,
	'鲁医保发〔2022〕26号 第四条(一): 2024-10-08, one settlement (6003), missing at the insured place and one fen off at the treatment place: one mismatched settlement, two kinds');
SELECT results_eq(
	$$SELECT settlements, matched, mismatched, unknown_settlements FROM xdjy.record_daily_reconciliation('2024-10-12')$$,
	$$VALUES (1::bigint, 1::bigint, 0::bigint, 1::bigint)$$,
	'2024-10-12: 6004 matched (the platform''s correction is its latest report), and a report of a settlement xdjy does not know');
SELECT results_eq(
	$$SELECT settlements, matched, mismatched, amount_differs FROM xdjy.record_daily_reconciliation('2024-10-15')$$,
	$$VALUES (1::bigint, 0::bigint, 1::bigint, 1::bigint)$$,
	'2024-10-15: 6006 reported wrong twice by the treatment place; the local settlement 6007 is not three-party reconciled');
SELECT results_eq(
	$$SELECT settlements, matched, mismatched, missing_at_insured + missing_at_treatment + missing_at_national + amount_differs + unknown_settlements
	  FROM xdjy.record_daily_reconciliation('2024-10-14')$$,
	$$VALUES (1::bigint, 1::bigint, 0::bigint, 0::bigint)$$,
	'2024-10-14: 6005, the same report sent twice by the insured place, matched');
SELECT results_eq(
	$$SELECT settlements, matched, mismatched FROM xdjy.record_daily_reconciliation('2024-10-16')$$,
	$$VALUES (0::bigint, 0::bigint, 0::bigint)$$,
	'a day without settlements or reports is recorded with zeros (a chart has no gap)');
SELECT is((SELECT count(*) FROM reconciliation_day WHERE day BETWEEN '2024-10-08' AND '2024-10-16'), 5::bigint,
          'one row per recorded day');

-- a late correction, recorded again: the day's row is replaced
INSERT INTO party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
VALUES ('treatment', 6006, '2024-10-17', 6000, 3000, 3000);
SELECT results_eq(
	$$SELECT matched, mismatched, amount_differs FROM xdjy.record_daily_reconciliation('2024-10-15')$$,
	$$VALUES (1::bigint, 0::bigint, 0::bigint)$$,
	'after the treatment place''s correction, recording 2024-10-15 again: matched');
SELECT results_eq(
	$$SELECT count(*), min(matched) FROM reconciliation_day WHERE day = '2024-10-15'$$,
	$$VALUES (1::bigint, 1::bigint)$$,
	'recording a day again replaces its row: still one row, with the new counts');
SELECT is((SELECT recorded_at FROM reconciliation_day WHERE day = '2024-10-15'), now(), 'recorded_at is when it was recorded');

SELECT is(xdjy.record_daily_reconciliation(NULL), NULL, 'no day, nothing recorded (STRICT)');
SELECT throws_ok($$SELECT xdjy.record_daily_reconciliation('1989-12-31')$$, 'YB004', NULL,
                 'a business day outside the window is refused (YB004)');
SELECT is(pg_temp.detail_of($$SELECT xdjy.record_daily_reconciliation('1989-12-31')$$),
          'record_daily_reconciliation(day) is 1989-12-31, outside the business-date window 1990-01-01 to 2199-12-31.',
          'its DETAIL names the argument');
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc WHERE oid = 'xdjy.record_daily_reconciliation(date)'::regprocedure),
          '(CURRENT_DATE - 1)', 'by default it records yesterday');
SELECT throws_ok($$INSERT INTO xdjy.reconciliation_day (day, settlements, matched, mismatched, missing_at_insured,
                     missing_at_treatment, missing_at_national, amount_differs, unknown_settlements)
                   VALUES ('2024-10-20', 2, 2, 1, 0, 0, 0, 1, 0)$$, '23514', NULL,
                 'matched and mismatched add up to the settlements of the day (CHECK)');

-- who may record and read -------------------------------------------------------
CREATE ROLE ops_admin NOLOGIN IN ROLE xdjy_admin;
CREATE ROLE ops_operator NOLOGIN IN ROLE xdjy_operator;
CREATE ROLE ops_analyst NOLOGIN IN ROLE xdjy_analyst;
INSERT INTO operator_region VALUES ('ops_operator', '370100');
SET LOCAL ROLE ops_admin;
SELECT results_eq($$SELECT settlements, matched FROM xdjy.record_daily_reconciliation('2024-10-12')$$,
                  $$VALUES (1::bigint, 1::bigint)$$, 'the admin records a day, reading every region');
RESET ROLE;
SET LOCAL ROLE ops_operator;
SELECT throws_ok($$SELECT xdjy.record_daily_reconciliation('2024-10-12')$$, '42501', NULL,
                 'an operator, who reads only its regions, does not record the whole day');
SELECT throws_ok($$SELECT * FROM xdjy.reconciliation_day$$, '42501', NULL, 'nor read the recorded days');
RESET ROLE;
SET LOCAL ROLE ops_analyst;
SELECT is((SELECT count(*) FROM reconciliation_day WHERE day BETWEEN '2024-10-08' AND '2024-10-16'), 5::bigint,
          'an analyst reads the recorded days, to chart them');
SELECT throws_ok($$DELETE FROM xdjy.reconciliation_day$$, '42501', NULL, 'but does not change them');
RESET ROLE;

-- schedule_daily_reconciliation without pg_cron ---------------------------------------
SELECT ok(NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron'), 'this database has no pg_cron');
SELECT throws_ok($$SELECT xdjy.schedule_daily_reconciliation('01:30')$$, 'YB010', 'pg_cron is not installed in this database',
                 'without pg_cron the schedule is refused with YB010');
SELECT is(pg_temp.hint_of($$SELECT xdjy.schedule_daily_reconciliation('01:30')$$),
          format('Install pg_cron (apt install postgresql-%s-cron), set shared_preload_libraries = ''pg_cron'' and cron.database_name = ''%s'' in postgresql.conf, restart the server, then run CREATE EXTENSION pg_cron in database "%s".',
                 current_setting('server_version_num')::int / 10000, current_database(), current_database()),
          'its HINT says what to install and configure');
SELECT throws_ok($$SELECT xdjy.schedule_daily_reconciliation('01:30:15')$$, 'YB012', NULL,
                 'a time that is not a whole minute is refused with YB012 (pg_cron schedules by the minute), before pg_cron is looked for');
SELECT throws_ok($$SELECT xdjy.schedule_daily_reconciliation(NULL)$$, 'YB012', NULL, 'so is no time at all');
SET LOCAL ROLE ops_operator;
SELECT throws_ok($$SELECT xdjy.schedule_daily_reconciliation('01:30')$$, '42501', NULL, 'an operator may not schedule it');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
