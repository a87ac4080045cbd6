-- R3 monthly clearing (鲁医保发〔2022〕26号 第四条(二)(三)): confirmed with each institution by
-- the 20th of the next month, paid within 30 working days of its
-- declaration (holiday calendar), transferred up before the next
-- provincial clearing; amounts per institution, insured and treatment
-- region.  Data: include/reporting_data.sql.
BEGIN;
SELECT plan(33);
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql

CREATE TEMP VIEW c AS SELECT * FROM xdjy.clearing_monthly_as_of('2024-12-31') WHERE code LIKE 'RPT-%' OR party_kind <> 'institution';

-- the deadline rules ----------------------------------------------------------
SELECT is(clearing_confirm_due_on('2024-09-01'), '2024-10-20'::date,
          '鲁医保发〔2022〕26号 第四条(二): September is confirmed by 20 October (a Sunday: calendar date)');
SELECT is(clearing_confirm_due_on('2024-12-01'), '2025-01-20'::date, 'December by 20 January of the next year');
SELECT is(clearing_pay_due_on('2024-09-20'), '2024-11-06'::date,
          '鲁医保发〔2022〕26号 第四条(二): declared Friday 2024-09-20, 30 working days: the swapped Sunday 29 September counts, 1-7 October do not: 6 November');
SELECT is(clearing_pay_due_on('2024-10-22'), '2024-12-03'::date, 'declared 22 October: paid by 3 December');
SELECT is(clearing_pay_due_on('2026-01-30'), add_working_days('2026-01-30', 30),
          'pay_due_on is add_working_days(declared_on, 30) (across Spring Festival 2026)');
SELECT is(clearing_transfer_due_on('2024-11-10'), '2024-11-09'::date,
          '鲁医保发〔2022〕26号 第四条(三): transferred up before the provincial clearing starts: the day before');

-- amounts -----------------------------------------------------------------------
SELECT results_eq(
	$$SELECT month, code, region_code, settlements, fund_fen FROM c WHERE party_kind = 'institution' ORDER BY month, code$$,
	$$VALUES ('2024-08-01'::date, 'RPT-WH-H1'::text, '371000'::text, 1::bigint, 30000::bigint),
	         ('2024-09-01', 'RPT-JN-H1', '370100', 1, 150000),
	         ('2024-09-01', 'RPT-WH-H1', '371000', 1, 70000),
	         ('2024-10-01', 'RPT-BJ-H1', '110000', 2, 242500),
	         ('2024-10-01', 'RPT-JN-H1', '370100', 1, 56000),
	         ('2024-10-01', 'RPT-WH-H1', '371000', 1, 3000),
	         ('2024-11-01', 'RPT-WH-H1', '371000', 1, 2000),
	         ('2024-12-01', 'RPT-JN-H1', '370100', 1, 1500)$$,
	'per institution and month: the fund part of remote direct settlements (local 6007 and manual 6008 excluded; 6011 of 1 January is not in December)');
SELECT results_eq(
	$$SELECT code, fund_fen FROM c WHERE party_kind = 'insured_region' AND month = '2024-10-01' ORDER BY code$$,
	$$VALUES ('110000'::text, 3000::bigint), ('220100', 240000), ('370100', 2500), ('371000', 56000)$$,
	'October payable per insured pooling region');
SELECT results_eq(
	$$SELECT code, fund_fen FROM c WHERE party_kind = 'treatment_region' AND month = '2024-10-01' ORDER BY code$$,
	$$VALUES ('110000'::text, 242500::bigint), ('370100', 56000), ('371000', 3000)$$,
	'October receivable per treatment pooling region');
SELECT is((SELECT count(DISTINCT s) FROM (SELECT party_kind, sum(fund_fen) AS s FROM c WHERE month = '2024-10-01' GROUP BY 1) x),
          1::bigint, 'what the insured regions pay is what the treatment regions and the institutions receive');
SELECT results_eq(
	$$SELECT month, code, fund_fen FROM xdjy.clearing_monthly_as_of('2025-01-31') WHERE code = 'RPT-JN-H1' AND month >= '2024-12-01'$$,
	$$VALUES ('2024-12-01'::date, 'RPT-JN-H1'::text, 1500::bigint), ('2025-01-01', 'RPT-JN-H1', 60000)$$,
	'year end: 31 December and 1 January clear in different months');

-- confirmation by the 20th, with a roll-back (3262) ------------------------------
SELECT results_eq(
	$$SELECT code, confirmed_on, confirm_status FROM xdjy.clearing_monthly_as_of('2024-10-16')
	  WHERE month = '2024-09-01' AND party_kind = 'institution' AND code LIKE 'RPT-%' ORDER BY code$$,
	$$VALUES ('RPT-JN-H1'::text, '2024-10-15'::date, 'done'::text), ('RPT-WH-H1', NULL, 'open')$$,
	'as of 16 October: Jinan confirmed on the 15th, Weihai not yet');
SELECT results_eq(
	$$SELECT code, confirmed_on, confirm_status FROM xdjy.clearing_monthly_as_of('2024-10-18')
	  WHERE month = '2024-09-01' AND party_kind = 'institution' AND code LIKE 'RPT-%' ORDER BY code$$,
	$$VALUES ('RPT-JN-H1'::text, NULL::date, 'open'::text), ('RPT-WH-H1', '2024-10-18', 'done')$$,
	'as of 18 October: Jinan''s confirmation was rolled back on the 17th (确认回退): open again');
SELECT results_eq(
	$$SELECT confirm_status FROM xdjy.clearing_monthly_as_of('2024-10-20') WHERE month = '2024-09-01' AND code = 'RPT-JN-H1'$$,
	$$VALUES ('open'::text)$$, 'on the 20th it is still on time');
SELECT results_eq(
	$$SELECT confirm_status FROM xdjy.clearing_monthly_as_of('2024-10-21') WHERE month = '2024-09-01' AND code = 'RPT-JN-H1'$$,
	$$VALUES ('overdue'::text)$$, 'on the 21st: overdue');
SELECT results_eq(
	$$SELECT confirmed_on, confirmed_fund_fen, confirm_status FROM xdjy.clearing_monthly_as_of('2024-10-23') WHERE month = '2024-09-01' AND code = 'RPT-JN-H1'$$,
	$$VALUES ('2024-10-23'::date, 150000::bigint, 'done'::text)$$, 'confirmed again on the 23rd: done (late)');

-- or confirmed row by row through the national interface (3261 agreed) --------
SELECT clearing_confirm(6006, '1', '2024-11-18');
SELECT results_eq(
	$$SELECT settlements, agreed_settlements, confirmed_on, confirm_status FROM xdjy.clearing_monthly_as_of('2024-11-18') WHERE month = '2024-10-01' AND code = 'RPT-WH-H1'$$,
	$$VALUES (1::bigint, 1::bigint, '2024-11-18'::date, 'done'::text)$$,
	'3261: Weihai''s one October row agreed on 18 November: the month is confirmed');
SELECT clearing_confirm(6004, '1', '2024-11-19');
SELECT clearing_confirm(6005, '0', '2024-11-19');
SELECT results_eq(
	$$SELECT agreed_settlements, confirmed_on, confirm_status FROM xdjy.clearing_monthly_as_of('2024-11-20') WHERE month = '2024-10-01' AND code = 'RPT-BJ-H1'$$,
	$$VALUES (1::bigint, NULL::date, 'open'::text)$$,
	'Beijing: one row agreed, one disputed (cnfm_flag 0): not confirmed, open on the 20th');
SELECT clearing_rollback('RPT-BJ-H1', 2024, 10, '2024-11-21');
SELECT clearing_confirm_month('RPT-BJ-H1', 2024, 10, '1', '2024-11-22');
SELECT results_eq(
	$$SELECT a.d, c.agreed_settlements, c.confirmed_on, c.confirm_status
	  FROM unnest('{2024-11-19,2024-11-21,2024-11-22}'::date[]) a(d), xdjy.clearing_monthly_as_of(a.d) c
	  WHERE c.month = '2024-10-01' AND c.code = 'RPT-BJ-H1'$$,
	$$VALUES ('2024-11-19'::date, 1::bigint, NULL::date, 'open'::text),
	         ('2024-11-21', 0, NULL, 'overdue'),
	         ('2024-11-22', 2, '2024-11-22', 'done')$$,
	'3262 rolls both back on the 21st (overdue), 3261 agrees both on the 22nd: confirmed late; each day as it stood');

-- payment within 30 working days of the declaration --------------------------------
SELECT results_eq(
	$$SELECT declared_on, pay_due_on, paid_on, pay_status FROM xdjy.clearing_monthly_as_of('2024-11-05') WHERE month = '2024-08-01' AND code = 'RPT-WH-H1'$$,
	$$VALUES ('2024-09-20'::date, '2024-11-06'::date, NULL::date, 'open'::text)$$,
	'as of 5 November: declared 20 September, not paid, due on the 6th: open');
SELECT results_eq(
	$$SELECT paid_on, paid_fen, pay_status FROM xdjy.clearing_monthly_as_of('2024-11-06') WHERE month = '2024-08-01' AND code = 'RPT-WH-H1'$$,
	$$VALUES ('2024-11-06'::date, 30000::bigint, 'done'::text)$$, 'paid on the due day: done');
SELECT results_eq(
	$$SELECT declared_on, pay_due_on, pay_status FROM xdjy.clearing_monthly_as_of('2024-10-21') WHERE month = '2024-09-01' AND code = 'RPT-JN-H1'$$,
	$$VALUES (NULL::date, NULL::date, NULL::text)$$, 'before the declaration there is no payment deadline');
SELECT results_eq(
	$$SELECT pay_status FROM xdjy.clearing_monthly_as_of('2024-12-03') WHERE month = '2024-09-01' AND code = 'RPT-JN-H1'$$,
	$$VALUES ('open'::text)$$, 'declared 22 October, unpaid on 3 December (the 30th working day): open');
SELECT results_eq(
	$$SELECT pay_status FROM xdjy.clearing_monthly_as_of('2024-12-04') WHERE month = '2024-09-01' AND code = 'RPT-JN-H1'$$,
	$$VALUES ('overdue'::text)$$, 'unpaid on 4 December: overdue');

-- transfer up before the next provincial clearing --------------------------------
SELECT results_eq(
	$$SELECT code, transfer_due_on, transferred_on, transfer_status FROM xdjy.clearing_monthly_as_of('2024-11-07')
	  WHERE month = '2024-09-01' AND party_kind = 'insured_region' ORDER BY code$$,
	$$VALUES ('110000'::text, NULL::date, NULL::date, 'open'::text), ('370100', '2024-11-09', NULL, 'open')$$,
	'as of 7 November: Jinan''s September transfer is due 9 November (Shandong clears October from the 10th); Beijing has no clearing date entered');
SELECT results_eq(
	$$SELECT transferred_on, transferred_fund_fen, transfer_status FROM xdjy.clearing_monthly_as_of('2024-11-08')
	  WHERE month = '2024-09-01' AND party_kind = 'insured_region' AND code = '370100'$$,
	$$VALUES ('2024-11-08'::date, 70000::bigint, 'done'::text)$$, 'transferred on 8 November: done');
SELECT results_eq(
	$$SELECT transfer_status FROM xdjy.clearing_monthly_as_of('2024-11-10')
	  WHERE month = '2024-09-01' AND party_kind = 'insured_region' AND code = '370100'$$,
	$$VALUES ('done'::text)$$, 'and stays done');

-- the tables keep their shape ------------------------------------------------------
SELECT throws_ok($$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-09-01', 'RPT-WH-H1', '2024-10-25', 1)$$,
                 '23505', NULL, 'one standing confirmation per month and institution (roll it back first)');
SELECT lives_ok($$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen, rolled_back_on) VALUES ('2024-09-01', 'RPT-WH-H1', '2024-10-25', 1, '2024-10-26')$$,
                'a rolled-back confirmation may stand beside the standing one');
SELECT throws_ok($$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-11-15', 'RPT-WH-H1', '2024-12-10', 1)$$,
                 '23514', NULL, 'month is the first day of the month');
SELECT throws_ok($$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-11-01', 'RPT-WH-H1', '2024-11-30', 1)$$,
                 '23514', NULL, 'a month is confirmed after it ends (30 November: rejected)');
SELECT throws_ok($$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen, paid_on) VALUES ('2024-11-01', 'RPT-WH-H1', '2024-12-02', 1, '2024-12-03')$$,
                 '23514', NULL, 'a payment has a date and an amount');

SELECT set_eq($$SELECT * FROM xdjy.clearing_monthly$$, $$SELECT * FROM xdjy.clearing_monthly_as_of(CURRENT_DATE)$$,
              'clearing_monthly is clearing_monthly_as_of(current_date)');

SELECT * FROM finish();
ROLLBACK;
