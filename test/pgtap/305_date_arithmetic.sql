-- The date arithmetic of the rules, in one place (src/dates.c): month
-- ends and leap days in the deadlines of 鲁医保发〔2022〕26号 第三条(四), 第四条(一)–(三), the
-- one-year filing horizon and the 6-month change window (济宁市医保局 异地就医十项便民措施 第四条(一)), and
-- the range each works in: the deadlines count in type date's whole
-- range, the filing rules add months as date + interval does (type
-- timestamp's range, 22008 beyond it).
BEGIN;
SELECT plan(16);
SET LOCAL search_path = xdjy, public;

-- calendar days (鲁医保发〔2022〕26号 第三条(四): within 3 days; 鲁医保发〔2022〕26号 第四条(三): the day before)
SELECT is(detail_upload_due_on('2024-02-27'), '2024-03-01'::date, 'a leap February has a 29th: 27 February + 3 = 1 March');
SELECT is(detail_upload_due_on('2023-02-27'), '2023-03-02'::date, 'a common February has not: 27 February + 3 = 2 March');
SELECT is(clearing_transfer_due_on('2024-03-01'), '2024-02-29'::date, 'the day before 1 March 2024 is the leap day');
SELECT is(clearing_transfer_due_on('2023-03-01'), '2023-02-28'::date, 'the day before 1 March 2023 is 28 February');
SELECT is(clearing_transfer_due_on('2025-01-01'), '2024-12-31'::date, 'the day before New Year is in the year before');
SELECT is(detail_upload_due_on('300000-01-01'), '300000-01-04'::date, 'calendar days work past type timestamp''s range');
SELECT throws_ok($$SELECT detail_upload_due_on('5874897-12-30')$$, '22008', NULL,
	'a due date past type date''s range is 22008');

-- a day of the next month (鲁医保发〔2022〕26号 第四条(一) by the 3rd, 第四条(二) by the 20th)
SELECT is(reconciliation_due_on('2024-01-31'), '2024-02-03'::date, 'the last day of January names January');
SELECT is(clearing_confirm_due_on('2024-02-29'), '2024-03-20'::date, 'the leap day names February');
SELECT is(clearing_confirm_due_on('2023-12-31'), '2024-01-20'::date, 'December is due in January of the next year');
SELECT is(reconciliation_due_on('infinity'), 'infinity'::date, 'infinity has no next month: it stays');
SELECT is(month_of('2024-02-29'), '2024-02-01'::date, 'the month of the leap day');
SELECT is(month_of('-infinity'), '-infinity'::date, 'and -infinity stays');

-- months as date + interval (济宁市医保局 异地就医十项便民措施 第四条(一), the one-year horizon)
SELECT throws_ok($$SELECT file_long_term('jining-res-1', '110000', '2025-03-01', '2024-02-29')$$,
	'YB106', NULL, 'F5: applied on 2024-02-29, the horizon ends on 2025-02-28: 1 March is too late');
SELECT lives_ok($$SELECT file_long_term('jining-res-1', '110000', '2025-02-28', '2024-02-29')$$,
	'F5: and 2025-02-28 is in time');
SELECT throws_ok($$SELECT file_long_term('jinan-emp-1', '110000', '294276-01-02', '294276-01-02')$$,
	'YB004', NULL, 'a filing in 294276 is outside the business-date window (YB004) long before a year ahead of it is past type timestamp''s range');

SELECT * FROM finish();
ROLLBACK;
