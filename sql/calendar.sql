--
-- Working-day calendar: the builtin State Council notices
-- 2022-2026, is_working_day() and add_working_days() around a holiday week
-- with swapped weekends, year boundaries, n = 0, negative n, infinity.
--
SET search_path = xdjy, public;
SET DateStyle = ISO, YMD;

-- the shipped notices: days off and swapped working days per year
SELECT substr(note, pos + 1, length(note) - pos - 1) AS notice,
       count(*) FILTER (WHERE NOT is_workday) AS days_off,
       count(*) FILTER (WHERE NOT is_workday AND extract(isodow FROM day) < 6) AS weekdays_off,
       count(*) FILTER (WHERE is_workday) AS swapped_working_days,
       min(day), max(day)
FROM (SELECT *, strpos(note, '(') AS pos FROM holiday WHERE builtin) h
GROUP BY 1 ORDER BY min(day);

-- a swapped working day is always a Saturday or Sunday, a day off never a
-- working weekend
SELECT count(*) AS swapped_weekdays FROM holiday WHERE is_workday AND extract(isodow FROM day) < 6;

-- National Day 2024 (国办发明电〔2023〕7号): Sunday 29 September and Saturday
-- 12 October are worked, 1-7 October are off
SELECT d::date AS day, to_char(d, 'Dy') AS dow, is_working_day(d::date) AS working,
       (SELECT note FROM holiday WHERE day = d::date) AS note
FROM generate_series('2024-09-27'::date, '2024-10-14'::date, '1 day') d;

-- add_working_days counts working days after the day; the day itself never
-- counts, the result is always a working day
SELECT d, n, add_working_days(d, n) AS result, to_char(add_working_days(d, n), 'Dy') AS dow
FROM (VALUES
	('2024-09-27'::date, 1),	-- Friday + 1: the swapped Sunday
	('2024-09-29', 1),			-- swapped Sunday + 1: Monday
	('2024-09-30', 1),			-- the holiday week is skipped
	('2024-10-01', 1),			-- from inside the holiday week
	('2024-10-08', 4),			-- reaches the swapped Saturday 12 October
	('2024-10-12', 1),			-- swapped Saturday + 1: Monday
	('2024-09-20', 30),			-- 鲁医保发〔2022〕26号 第四条(二): 30 working days across the holiday week
	('2025-12-31', 1),			-- year boundary: 2026-01-01..03 off, Sunday 4 January worked
	('2026-02-13', 1),			-- Friday before Spring Festival 2026: swapped Saturday 14 February
	('2026-02-14', 1),			-- then nine days off, back on Tuesday 24 February
	('2026-02-27', 1),			-- Friday + 1: swapped Saturday 28 February
	('2022-12-30', 1)			-- New Year 2023 holiday begins on Saturday 2022-12-31
) v(d, n);

-- negative n walks backwards; n = 0 returns the day unchanged, even a
-- holiday; add_working_days(d - 1, 1) rolls a day forward to a working day
SELECT d, n, add_working_days(d, n) AS result
FROM (VALUES
	('2024-10-08'::date, -1), ('2024-10-08', -2), ('2024-10-08', -3),
	('2024-10-14', -1), ('2026-01-05', -1), ('2026-01-05', -2),
	('2024-10-01', 0), ('2024-10-05', 0), ('2024-10-08', 0)
) v(d, n);
SELECT add_working_days('2024-10-01'::date - 1, 1) AS next_working_day_from_1_october,
       add_working_days('2024-10-08'::date - 1, 1) AS next_working_day_from_8_october;

-- years without rows follow the weekday rule
SELECT add_working_days('2027-06-04', 1) AS friday_plus_one, is_working_day('2027-06-05') AS saturday;

-- far and near: the cost does not grow with n
SELECT add_working_days('2024-01-01', 100000) AS plus_100000, add_working_days('2024-01-01', -100000) AS minus_100000;

-- infinity stays infinity (as date + integer does); is_working_day has no
-- answer for it; a result beyond the date range is an error
SELECT add_working_days('infinity', 5), add_working_days('-infinity', -5);
SELECT is_working_day('infinity');
SELECT add_working_days('5874897-12-30', 5);
SELECT add_working_days('4714-11-26 BC', -5);
SELECT is_working_day(NULL), add_working_days(NULL, 1), add_working_days('2024-01-01', NULL);
