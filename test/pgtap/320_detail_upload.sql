-- R1 (鲁医保发〔2022〕26号 第三条(四)): the expense details of an inpatient direct settlement
-- away from home are uploaded within 3 days (3日内: calendar days, so a
-- weekend or a holiday does not stretch it).  detail_upload_overdue lists
-- the late ones, as of a day.  Data: include/reporting_data.sql.
BEGIN;
SELECT plan(13);
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql

SELECT is(detail_upload_due_on('2024-09-30'), '2024-10-03'::date,
          '鲁医保发〔2022〕26号 第三条(四): settled 30 September, due 3 October, inside the National Day holiday (calendar days)');
SELECT is(detail_upload_due_on('2024-10-12'), '2024-10-15'::date,
          'settled on the swapped Saturday 12 October, due Tuesday 15 October, across Sunday');
SELECT is(detail_upload_due_on('2024-12-30'), '2025-01-02'::date, 'across the year end');

SELECT results_eq(
	$$SELECT settlement_id, due_on, uploaded_on, status, days_late
	  FROM xdjy.detail_upload_overdue_as_of('2024-10-11') WHERE settlement_id BETWEEN 6000 AND 6999$$,
	$$VALUES (6002::bigint, '2024-10-03'::date, '2024-10-04'::date, 'done'::text, 1)$$,
	'as of 11 October: 6002 uploaded a day late; 6003 (settled 8 October) is on its due day, not listed yet');
SELECT results_eq(
	$$SELECT settlement_id, due_on, uploaded_on, status, days_late
	  FROM xdjy.detail_upload_overdue_as_of('2024-10-12') WHERE settlement_id BETWEEN 6000 AND 6999$$,
	$$VALUES (6002::bigint, '2024-10-03'::date, '2024-10-04'::date, 'done'::text, 1),
	         (6003, '2024-10-11', NULL, 'overdue', 1)$$,
	'as of 12 October: 6003 not uploaded by the 11th: overdue by one day');
SELECT results_eq(
	$$SELECT settlement_id, status, days_late
	  FROM xdjy.detail_upload_overdue_as_of('2025-01-10') WHERE settlement_id BETWEEN 6000 AND 6999$$,
	$$VALUES (6002::bigint, 'done'::text, 1), (6003, 'overdue', 91), (6011, 'done', 1)$$,
	'as of 10 January: 6011, settled on New Year''s Day, uploaded on the 5th, a day late');
SELECT results_eq(
	$$SELECT settlement_id, status FROM xdjy.detail_upload_overdue_as_of('2024-10-03') WHERE settlement_id BETWEEN 6000 AND 6999$$,
	$$SELECT 1::bigint, ''::text WHERE false$$,
	'as of 3 October nothing is late: 6001 is uploaded on its due day, 6002 is not late yet');
SELECT is((SELECT count(*) FROM detail_upload_overdue_as_of('2025-01-10') WHERE settlement_id IN (6000, 6001, 6004)), 0::bigint,
          'uploads on the due day (6000, 6001, 6004) are on time');
SELECT is((SELECT count(*) FROM detail_upload_overdue_as_of('2025-01-10') WHERE settlement_id IN (6005, 6006, 6009, 6010)), 0::bigint,
          'outpatient settlements have no upload deadline');
SELECT is((SELECT count(*) FROM detail_upload_overdue_as_of('2025-01-10') WHERE settlement_id IN (6007, 6008)), 0::bigint,
          'local (6007) and manual (6008) settlements are not uploaded to the platforms');

-- an upload ends it; the as-of day decides which uploads count
INSERT INTO detail_upload VALUES (6003, '2024-10-20');
SELECT results_eq(
	$$SELECT status, days_late FROM xdjy.detail_upload_overdue_as_of('2024-10-19') WHERE settlement_id = 6003$$,
	$$VALUES ('overdue'::text, 8)$$, 'as of 19 October the upload of the 20th has not happened yet');
SELECT results_eq(
	$$SELECT status, days_late FROM xdjy.detail_upload_overdue_as_of('2024-10-20') WHERE settlement_id = 6003$$,
	$$VALUES ('done'::text, 9)$$, 'uploaded on 20 October: done, nine days late');

SELECT set_eq($$SELECT * FROM xdjy.detail_upload_overdue$$,
              $$SELECT * FROM xdjy.detail_upload_overdue_as_of(CURRENT_DATE)$$,
              'detail_upload_overdue is detail_upload_overdue_as_of(current_date)');

SELECT * FROM finish();
ROLLBACK;
