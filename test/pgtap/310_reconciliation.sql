-- R2 three-party reconciliation (三方对账, 鲁医保发〔2022〕26号 第四条(一)): the daily mismatch
-- view and the monthly status as of a day, against hand-built data (see
-- include/reporting_data.sql): a settlement missing at a party, amounts
-- that differ, settlements reported twice by one party, a settlement nobody
-- knows, the National Day week, month and year ends.
BEGIN;
SELECT plan(45);
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql

-- the matching rule, alone ---------------------------------------------------
SELECT is(reconciliation_kinds('{100,70,30}', '{100,70,30}', '{100,70,30}', '{100,70,30}'), '{}'::text[],
          '鲁医保发〔2022〕26号 第四条(一): three parties agreeing with the settlement: matched');
SELECT is(reconciliation_kinds('{100,70,30}', NULL, NULL, NULL),
          '{missing_at_insured,missing_at_treatment,missing_at_national}'::text[],
          'nothing reported: missing at all three parties');
SELECT is(reconciliation_kinds('{100,70,30}', '{NULL,NULL,NULL}', '{100,70,30}', '{100,70,30}'),
          '{missing_at_insured}'::text[], 'ARRAY[NULL, NULL, NULL] (a LEFT JOIN that found nothing) is missing');
SELECT is(reconciliation_kinds('{100,70,30}', '{100,70,30}', '{100,71,29}', '{100,70,30}'),
          '{amount_differs}'::text[], 'fund one fen off at the treatment place: amount_differs');
SELECT is(reconciliation_kinds('{100,70,30}', '{101,70,31}', '{101,70,31}', '{101,70,31}'),
          '{amount_differs}'::text[], 'all three parties agree with each other but not with the settlement: amount_differs');
SELECT is(reconciliation_kinds('{100,70,30}', NULL, '{100,70,31}', '{100,70,30}'),
          '{missing_at_insured,amount_differs}'::text[], 'missing and differing at once: both kinds');
SELECT is(reconciliation_kinds(NULL, NULL, NULL, '{1,1,0}'), '{unknown_settlement}'::text[],
          'a report of a settlement xdjy does not know: unknown_settlement');
SELECT is(reconciliation_kinds(NULL, NULL, NULL, NULL), '{}'::text[], 'no settlement and no report: nothing');
SELECT throws_ok($$SELECT xdjy.reconciliation_kinds('{1,2}', NULL, NULL, NULL)$$, '22023', NULL,
                 'amounts are ARRAY[total, fund, personal]: two elements are rejected');

-- the daily view ---------------------------------------------------------------
SELECT results_eq(
	$$SELECT day, settlement_id, kind FROM xdjy.reconciliation_mismatch
	  WHERE settlement_id BETWEEN 6000 AND 6999 OR settlement_id = 999000001 ORDER BY day, settlement_id, kind$$,
	$$VALUES ('2024-10-08'::date, 6003::bigint, 'amount_differs'::text),
	         ('2024-10-08', 6003, 'missing_at_insured'),
	         ('2024-10-12', 999000001, 'unknown_settlement'),
	         ('2024-10-13', 999000001, 'unknown_settlement'),
	         ('2024-10-15', 6006, 'amount_differs')$$,
	'鲁医保发〔2022〕26号 第四条(一): every mismatch of the fixture, and nothing else (matched, local and manual settlements are not listed)');

SELECT results_eq(
	$$SELECT total_fen, fund_fen, personal_fen, insured_total_fen, insured_reports,
	         treatment_total_fen, treatment_fund_fen, treatment_personal_fen, treatment_reports,
	         national_total_fen, national_fund_fen, national_personal_fen, national_reports
	  FROM xdjy.reconciliation_mismatch WHERE settlement_id = 6003 AND kind = 'amount_differs'$$,
	$$VALUES (80000::bigint, 56000::bigint, 24000::bigint, NULL::bigint, 0::bigint,
	          80000::bigint, 55999::bigint, 24001::bigint, 1::bigint,
	          80000::bigint, 56000::bigint, 24000::bigint, 1::bigint)$$,
	'the three parties'' values side by side with the settlement''s (6003: insured missing, treatment one fen off)');

SELECT results_eq(
	$$SELECT treatment_total_fen, treatment_fund_fen, treatment_reports, insured_reports, national_reports
	  FROM xdjy.reconciliation_mismatch WHERE settlement_id = 6006$$,
	$$VALUES (6100::bigint, 3050::bigint, 2::bigint, 1::bigint, 1::bigint)$$,
	'reported twice by the treatment place: the latest report counts (it differs), the count shows two');
SELECT is((SELECT count(*) FROM reconciliation_mismatch WHERE settlement_id = 6004), 0::bigint,
          'reported twice by the platform, wrong then corrected (swapped Saturday 2024-10-12): matched');
SELECT is((SELECT count(*) FROM reconciliation_mismatch WHERE settlement_id = 6005), 0::bigint,
          'the same report sent twice by the insured place: matched');

SELECT results_eq(
	$$SELECT national_total_fen, national_reports, insured_total_fen, insured_reports
	  FROM xdjy.reconciliation_mismatch WHERE settlement_id = 999000001 ORDER BY day$$,
	$$VALUES (10000::bigint, 2::bigint, NULL::bigint, 0::bigint), (NULL, 0, 10000, 1)$$,
	'an unknown settlement once per report day, with what was reported that day (twice by the platform on 10-12)');
SELECT is((SELECT count(*) FROM reconciliation_mismatch WHERE settlement_id IN (6007, 6008)), 0::bigint,
          'local (6007, even though reported) and manual (6008) settlements are not three-party reconciled');

SELECT set_eq(
	$$SELECT settlement_id, kind FROM xdjy.reconciliation_mismatch WHERE day = '2024-10-12'$$,
	$$VALUES (999000001::bigint, 'unknown_settlement'::text)$$,
	'the daily reconciliation of the swapped Saturday 2024-10-12 (filtered on day): only the unknown settlement');

-- a correction ends the mismatch ----------------------------------------------
INSERT INTO party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
VALUES ('treatment', 6006, '2024-10-17', 6000, 3000, 3000);
SELECT is((SELECT count(*) FROM reconciliation_mismatch WHERE settlement_id = 6006), 0::bigint,
          'a third, correct report by the treatment place supersedes the wrong one: matched');
SELECT is((SELECT treatment_reports FROM reconciliation_mismatch WHERE settlement_id = 6003 LIMIT 1), 1::bigint,
          'reports of other settlements are not counted');

-- monthly, as of a day -------------------------------------------------------
SELECT results_eq(
	$$SELECT month, settlements, matched, mismatched, unknown_settlements, reconciled_on, due_on, status, late
	  FROM xdjy.reconciliation_monthly_as_of('2024-10-02')$$,
	$$VALUES ('2024-08-01'::date, 1::bigint, 1::bigint, 0::bigint, 0::bigint, '2024-08-31'::date, '2024-09-03'::date, 'done'::text, false),
	         ('2024-09-01', 2, 1, 1, 0, NULL, '2024-10-03', 'open', false)$$,
	'as of 2024-10-02 (holiday week): September still waits for the platform''s report of 6002, due 3 October');
SELECT results_eq(
	$$SELECT month, matched, reconciled_on, status, late FROM xdjy.reconciliation_monthly_as_of('2024-10-03') WHERE month = '2024-09-01'$$,
	$$VALUES ('2024-09-01'::date, 2::bigint, '2024-10-03'::date, 'done'::text, false)$$,
	'the report arrives on 3 October, the due day (a holiday): done on time');
SELECT results_eq(
	$$SELECT month, settlements, matched, mismatched, unknown_settlements, status, late
	  FROM xdjy.reconciliation_monthly_as_of('2024-11-03') WHERE month = '2024-10-01'$$,
	$$VALUES ('2024-10-01'::date, 4::bigint, 3::bigint, 1::bigint, 1::bigint, 'open'::text, false)$$,
	'October as of 3 November (the due day): 6003 still wrong, an unknown settlement: open');
SELECT results_eq(
	$$SELECT status, late FROM xdjy.reconciliation_monthly_as_of('2024-11-04') WHERE month = '2024-10-01'$$,
	$$VALUES ('overdue'::text, true)$$,
	'the day after the due day: overdue');
SELECT results_eq(
	$$SELECT matched, mismatched, status FROM xdjy.reconciliation_monthly_as_of('2024-10-16') WHERE month = '2024-10-01'$$,
	$$VALUES (2::bigint, 2::bigint, 'open'::text)$$,
	'as of 2024-10-16 the wrong second report of 6006 is the latest: two mismatched');
SELECT results_eq(
	$$SELECT matched, mismatched FROM xdjy.reconciliation_monthly_as_of('2024-10-12') WHERE month = '2024-10-01'$$,
	$$VALUES (0::bigint, 2::bigint)$$,
	'as of 2024-10-12 the platform''s wrong first report of 6004 is the latest: 6004 mismatched, 6003 too');
SELECT results_eq(
	$$SELECT month, settlements, status FROM xdjy.reconciliation_monthly_as_of('2024-10-11') WHERE month = '2024-10-01'$$,
	$$VALUES ('2024-10-01'::date, 1::bigint, 'open'::text)$$,
	'settlements after the as-of day do not count (only 6003 by 11 October)');
SELECT results_eq(
	$$SELECT reconciled_on, status, late FROM xdjy.reconciliation_monthly_as_of('2024-12-04') WHERE month = '2024-11-01'$$,
	$$VALUES (NULL::date, 'overdue'::text, true)$$,
	'November, due Tuesday 3 December, the platform silent on the 4th: overdue');
SELECT results_eq(
	$$SELECT reconciled_on, status, late FROM xdjy.reconciliation_monthly_as_of('2024-12-05') WHERE month = '2024-11-01'$$,
	$$VALUES ('2024-12-05'::date, 'done'::text, true)$$,
	'reconciled on 5 December: done, but late');
SELECT results_eq(
	$$SELECT month, reconciled_on, due_on, status FROM xdjy.reconciliation_monthly_as_of('2025-01-02') WHERE month >= '2024-12-01'$$,
	$$VALUES ('2024-12-01'::date, '2025-01-02'::date, '2025-01-03'::date, 'done'::text),
	         ('2025-01-01', '2025-01-02', '2025-02-03', 'done')$$,
	'year end: 31 December due 3 January, New Year''s Day (a holiday) due 3 February; both done on 2 January');
SELECT is((SELECT count(*) FROM reconciliation_monthly_as_of('2024-08-29')), 0::bigint,
          'before the first settlement there is no month to report');

-- the view is the function as of today ---------------------------------------
SELECT set_eq($$SELECT * FROM xdjy.reconciliation_monthly$$,
              $$SELECT * FROM xdjy.reconciliation_monthly_as_of(CURRENT_DATE)$$,
              'reconciliation_monthly is reconciliation_monthly_as_of(current_date)');

-- the deadline rules ---------------------------------------------------------
SELECT is(reconciliation_due_on('2024-12-15'), '2025-01-03'::date, 'December is due on 3 January of the next year');
SELECT is(reconciliation_due_on('2024-02-29'), '2024-03-03'::date, 'any day of the month names the month (29 February)');
SELECT is(reconciliation_due_on('2024-01-01'), '2024-02-03'::date, 'January is due on 3 February');
SELECT throws_ok($$SELECT xdjy.reconciliation_due_on('5874897-12-01')$$, '22008', NULL,
                 'the month after the last month of type date has no due day: 22008');
SELECT is(deadline_status('2024-11-03', NULL, '2024-11-03'), 'open', 'on the due day, not done: open');
SELECT is(deadline_status('2024-11-03', NULL, '2024-11-04'), 'overdue', 'the day after: overdue');
SELECT is(deadline_status('2024-11-03', '2024-11-05', '2024-11-04'), 'overdue', 'done later than the as-of day does not count yet');
SELECT is(deadline_status('2024-11-03', '2024-11-03', '2024-11-03'), 'done', 'done on the due day: done');
SELECT ok(NOT deadline_missed('2024-11-03', '2024-11-03', '2024-12-01') AND deadline_missed('2024-11-03', '2024-11-04', '2024-12-01'),
          'done on the due day is on time, a day later is late');
SELECT is(deadline_status(NULL, NULL, '2024-11-04'), 'open', 'no due day known yet: open');

-- labels in both languages ------------------------------------------------------
SELECT is((SELECT count(*) FROM (
	SELECT kind AS code FROM reconciliation_mismatch
	UNION SELECT status FROM reconciliation_monthly_as_of('2025-01-02')
	UNION SELECT unnest('{missing_at_treatment,missing_at_national,open,overdue,awaiting_materials,network_success,cross_province_inpatient_direct,township_inpatient,county_chronic,institution,insured_region,treatment_region}'::text[])) c
	WHERE reporting_label(code, 'en') IS NULL OR reporting_label(code, 'zh') IS NULL OR reporting_label(code, 'en') = reporting_label(code, 'zh')),
	0::bigint, 'every kind, status, indicator, gap and clearing party has an English and a Chinese label');
SELECT is(reporting_label('amount_differs', 'zh'), '金额不符', 'amount_differs is 金额不符');
SET LOCAL xdjy.language = zh;
SELECT is(reporting_label('overdue'), '已逾期', 'without a language, xdjy.language decides');
RESET xdjy.language;
SELECT throws_ok($$SELECT xdjy.reporting_label('late', 'en')$$, '22023', NULL, 'an unknown code is rejected');

SELECT * FROM finish();
ROLLBACK;
