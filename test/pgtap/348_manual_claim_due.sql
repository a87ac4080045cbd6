-- S5 (吉医保发〔2019〕34号 附件第15条): a manual claim is decided within 22 working days of complete
-- materials; manual_claim_due lists the claims open on a day, with the due
-- day and whether it has passed.  Data: include/reporting_data.sql (claims
-- 6101-6103).
BEGIN;
SELECT plan(8);
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql

SELECT is((SELECT count(*) FROM manual_claim WHERE id BETWEEN 6101 AND 6103
           AND due_on IS DISTINCT FROM add_working_days(materials_complete_on, 22)), 0::bigint,
          'the fixture''s due days are 22 working days after complete materials (吉医保发〔2019〕34号 附件第15条)');

SELECT results_eq(
	$$SELECT claim_id, person_id, insured_region, materials_complete_on, due_on, status, overdue
	  FROM xdjy.manual_claim_due_as_of('2024-10-19') WHERE claim_id BETWEEN 6101 AND 6199$$,
	$$VALUES (6102::bigint, 'RPT-P-JN1'::text, '370100'::text, '2024-09-20'::date, '2024-10-25'::date, 'open'::text, false),
	         (6101, 'RPT-P-BJ1', '110000', '2024-10-16', '2024-11-15', 'open', false),
	         (6103, 'RPT-P-WH1', '371000', NULL, NULL, 'awaiting_materials', false)$$,
	'as of 19 October: 6101 decided only on the 20th, 6103''s materials complete only on the 21st');
SELECT results_eq(
	$$SELECT claim_id, due_on, status, overdue FROM xdjy.manual_claim_due_as_of('2024-10-25') WHERE claim_id BETWEEN 6101 AND 6199$$,
	$$VALUES (6102::bigint, '2024-10-25'::date, 'open'::text, false), (6103, '2024-11-20', 'open', false)$$,
	'as of 25 October: 6101 is decided (not listed); 6102 is on its due day');
SELECT results_eq(
	$$SELECT claim_id, status, overdue FROM xdjy.manual_claim_due_as_of('2024-10-28') WHERE claim_id BETWEEN 6101 AND 6199$$,
	$$VALUES (6102::bigint, 'overdue'::text, true), (6103, 'open', false)$$,
	'Monday 28 October: 6102 is overdue');
SELECT is((SELECT count(*) FROM manual_claim_due_as_of('2024-09-19') WHERE claim_id BETWEEN 6101 AND 6199), 0::bigint,
          'before a claim is submitted it is not listed');

SELECT is((SELECT count(*) FROM manual_claim_due_as_of('2024-10-20') WHERE claim_id = 6101), 0::bigint,
          'decided on 20 October: not open that day');
SELECT results_eq(
	$$SELECT status, overdue FROM xdjy.manual_claim_due_as_of('2024-10-19') WHERE claim_id = 6101$$,
	$$VALUES ('open'::text, false)$$, 'but open the day before');

SELECT set_eq($$SELECT * FROM xdjy.manual_claim_due$$, $$SELECT * FROM xdjy.manual_claim_due_as_of(CURRENT_DATE)$$,
              'manual_claim_due is manual_claim_due_as_of(current_date)');

SELECT * FROM finish();
ROLLBACK;
