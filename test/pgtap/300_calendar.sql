-- Working-day calendar (R7): the C functions agree with a plain SQL
-- count over every day of 2021-12..2027-01; builtin rows are read-only
-- (YB601); the DBA's rows take effect at once and are undone by rollback.
BEGIN;
SELECT plan(28);
SET LOCAL search_path = xdjy, public;

-- the reference: a day's row decides, else Monday-Friday; k numbers the
-- working days in order
CREATE TEMP TABLE cal ON COMMIT DROP AS
SELECT d::date AS d, w, count(*) FILTER (WHERE w) OVER (ORDER BY d) AS k
FROM (SELECT d, coalesce(h.is_workday, extract(isodow FROM d) < 6) AS w
      FROM generate_series('2021-09-01'::date, '2027-04-30'::date, '1 day') d
      LEFT JOIN holiday h ON h.day = d::date) c;

SELECT is((SELECT count(*) FROM cal WHERE d BETWEEN '2021-12-01' AND '2027-01-31'
           AND is_working_day(d) IS DISTINCT FROM w), 0::bigint,
          'R7: is_working_day agrees with the calendar rows and the weekday rule on every day 2021-12-01..2027-01-31');

SELECT is((SELECT count(*)
           FROM cal x CROSS JOIN unnest('{-40,-22,-5,-3,-2,-1,0,1,2,3,5,22,30,40}'::int[]) n
           WHERE x.d BETWEEN '2021-12-01' AND '2027-01-31'
             AND add_working_days(x.d, n) IS DISTINCT FROM
                 CASE WHEN n = 0 THEN x.d
                      WHEN n > 0 THEN (SELECT y.d FROM cal y WHERE y.w AND y.k = x.k + n)
                      ELSE (SELECT y.d FROM cal y WHERE y.w AND y.k = x.k - x.w::int + n + 1) END),
          0::bigint,
          'R7: add_working_days(d, n) is the n-th working day after (or before) d for every day 2021-12-01..2027-01-31 and n in ±1..40, 0 keeps d');

-- the notices as shipped -------------------------------------------------
SELECT is((SELECT count(*) FROM holiday WHERE builtin), 180::bigint, '180 builtin rows: the notices for 2022-2026');
SELECT is((SELECT count(*) FROM holiday WHERE builtin AND is_workday AND extract(isodow FROM day) < 6), 0::bigint,
          'every swapped working day (调休上班) is a Saturday or Sunday');
SELECT is((SELECT array_agg(day ORDER BY day) FROM holiday WHERE is_workday AND day BETWEEN '2024-01-01' AND '2024-12-31'),
          '{2024-02-04,2024-02-18,2024-04-07,2024-04-28,2024-05-11,2024-09-14,2024-09-29,2024-10-12}'::date[],
          '国办发明电〔2023〕7号: the eight swapped working days of 2024');
SELECT is((SELECT count(*) FROM holiday WHERE NOT is_workday AND day BETWEEN '2026-02-15' AND '2026-02-23'), 9::bigint,
          '国办发明电〔2025〕7号: Spring Festival 2026 is nine days off, 15-23 February');
SELECT ok(NOT is_working_day('2025-01-28') AND is_working_day('2025-01-26') AND is_working_day('2025-02-08'),
          '国办发明电〔2024〕12号: Spring Festival Eve 2025 is off, Sunday 26 January and Saturday 8 February worked');

-- edges ------------------------------------------------------------------
SELECT is(add_working_days('2024-09-27', 1), '2024-09-29'::date, 'Friday + 1 working day is the swapped Sunday 2024-09-29');
SELECT is(add_working_days('2024-09-30', 1), '2024-10-08'::date, 'the National Day week is skipped');
SELECT is(add_working_days('2024-10-08', -1), '2024-09-30'::date, 'negative n walks back over the holiday week');
SELECT is(add_working_days('2024-10-05', 0), '2024-10-05'::date, 'n = 0 returns the day unchanged, even a holiday');
SELECT is(add_working_days('2025-12-31', 1), '2026-01-04'::date, 'year boundary: 2026 New Year, Sunday 4 January worked');
SELECT is(add_working_days('infinity', 3), 'infinity'::date, 'infinity stays infinity');
SELECT throws_ok($$SELECT is_working_day('infinity')$$, '22008', NULL, 'is_working_day(infinity) is 22008');
SELECT throws_ok($$SELECT add_working_days('5874897-12-30', 5)$$, '22008', NULL, 'a result beyond the date range is 22008');

-- builtin rows are the extension's (YB601) ------------------------------
SELECT throws_ok($$UPDATE holiday SET is_workday = true WHERE day = '2024-10-01'$$, 'YB601', NULL,
                 'a builtin row cannot be updated (YB601)');
SELECT throws_ok($$DELETE FROM holiday WHERE day = '2024-10-12'$$, 'YB601', NULL,
                 'a builtin row cannot be deleted (YB601)');
SELECT throws_ok($$INSERT INTO holiday VALUES ('2027-01-01', false, 'New Year 2027', true)$$, 'YB601', NULL,
                 'a row cannot be inserted as builtin (YB601): it would not be dumped');
SELECT throws_ok($$TRUNCATE holiday$$, 'YB601', NULL, 'the calendar cannot be truncated (YB601)');
SELECT throws_ok($$INSERT INTO holiday VALUES ('2024-10-01', true, 'again', false)$$, '23505', NULL,
                 'a day has one row: a DBA row cannot shadow a builtin one');
SELECT throws_ok($$INSERT INTO holiday VALUES ('infinity', false, 'never', false)$$, '23514', NULL,
                 'an infinite day is rejected');

-- the DBA's rows take effect in the next command ------------------------
SELECT ok(is_working_day('2027-01-01'), 'Friday 2027-01-01 is a working day before the 2027 notice is entered');
INSERT INTO holiday VALUES ('2027-01-01', false, '元旦 New Year 2027', false);
SELECT ok(NOT is_working_day('2027-01-01'), 'a DBA row makes it a day off at once (cache invalidated)');
SELECT is(add_working_days('2026-12-31', 1), '2027-01-04'::date, 'and add_working_days skips it');
UPDATE holiday SET note = '元旦 New Year 2027 (国办发明电)' WHERE day = '2027-01-01';
SELECT is(add_working_days('2026-12-31', 1), '2027-01-04'::date, 'an UPDATE of a row that does not change is_workday changes nothing');
INSERT INTO holiday VALUES ('2027-01-02', true, 'swapped Saturday', false);
SELECT is(add_working_days('2026-12-31', 1), '2027-01-02'::date, 'a swapped Saturday entered by the DBA counts at once');
SAVEPOINT before_delete;
DELETE FROM holiday WHERE NOT builtin;
SELECT ok(is_working_day('2027-01-01') AND NOT is_working_day('2027-01-02'), 'a DELETE takes effect at once');
ROLLBACK TO before_delete;
SELECT ok(NOT is_working_day('2027-01-01') AND is_working_day('2027-01-02'),
          'a rolled-back DELETE is forgotten by the cache too');

SELECT * FROM finish();
ROLLBACK;
