
--------------------------------------------------------------------------
-- Working-day calendar
--------------------------------------------------------------------------

-- one row per day that breaks the weekday rule: a public holiday on a
-- weekday (is_workday = false) or a Saturday/Sunday swapped into a working
-- day (调休, is_workday = true).  Rows for holiday days that fall on a
-- weekend are kept too, so the table reads like the notice.  Every other
-- day is a working day from Monday to Friday.  The State Council notices
-- for 2022-2026 ship as builtin rows (not dumped, recreated by CREATE
-- EXTENSION, read-only); the DBA adds later years (dumped).
CREATE TABLE holiday (
	day			date PRIMARY KEY CHECK (pg_catalog.isfinite(day)),
	is_workday	boolean NOT NULL,
	note		text,
	builtin		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE holiday IS
	'working-day calendar: a row overrides the Monday-to-Friday rule for its day (法定节假日 or 调休上班); builtin rows are the State Council notices 2022-2026';
COMMENT ON COLUMN holiday.is_workday IS 'true: a Saturday or Sunday worked (调休上班); false: a day off (放假)';
COMMENT ON COLUMN holiday.builtin IS 'shipped with xdjy (read-only, not dumped; CREATE EXTENSION recreates it)';
SELECT pg_catalog.pg_extension_config_dump('holiday', 'WHERE NOT builtin');
GRANT SELECT ON holiday TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON holiday TO xdjy_admin;

CREATE TRIGGER holiday_guard BEFORE INSERT OR UPDATE OR DELETE ON holiday
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('holiday', 'day');
CREATE TRIGGER holiday_guard_truncate BEFORE TRUNCATE ON holiday
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('holiday');
CREATE TRIGGER holiday_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holiday
	FOR EACH STATEMENT EXECUTE FUNCTION cache_changed_trigger();
-- the cache must hear of every change, replication apply included
ALTER TABLE holiday ENABLE ALWAYS TRIGGER holiday_changed;

CREATE FUNCTION is_working_day(day date) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION is_working_day(date) IS
	'whether a day is a working day (工作日): its holiday row decides, else Monday to Friday';

CREATE FUNCTION add_working_days(day date, n integer) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION add_working_days(date, integer) IS
	'the n-th working day after day (n > 0) or before it (n < 0), day itself not counted; n = 0 returns day unchanged';

-- State Council notices on the holiday arrangements (国务院办公厅关于××年部分
-- 节假日安排的通知): 国办发明电〔2021〕11号 (2022), 〔2022〕16号 (2023),
-- 〔2023〕7号 (2024), 〔2024〕12号 (2025), 〔2025〕7号 (2026).  The New Year
-- holiday of 2023 begins on 2022-12-31 and is listed under the 2023 notice.
INSERT INTO holiday (day, is_workday, note, builtin) VALUES
	-- 2022: 国办发明电〔2021〕11号
	('2022-01-01', false, '元旦 New Year (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-01-02', false, '元旦 New Year (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-01-03', false, '元旦 New Year (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-01-29', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-01-30', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-01-31', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-02-01', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Tue
	('2022-02-02', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Wed
	('2022-02-03', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Thu
	('2022-02-04', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Fri
	('2022-02-05', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-02-06', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-04-02', true, '清明节调休上班 Qingming swapped working day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-04-03', false, '清明节 Qingming (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-04-04', false, '清明节 Qingming (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-04-05', false, '清明节 Qingming (国办发明电〔2021〕11号)', true),  -- Tue
	('2022-04-24', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-04-30', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-05-01', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-05-02', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-05-03', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Tue
	('2022-05-04', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Wed
	('2022-05-07', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-06-03', false, '端午节 Dragon Boat (国办发明电〔2021〕11号)', true),  -- Fri
	('2022-06-04', false, '端午节 Dragon Boat (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-06-05', false, '端午节 Dragon Boat (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-09-10', false, '中秋节 Mid-Autumn (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-09-11', false, '中秋节 Mid-Autumn (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-09-12', false, '中秋节 Mid-Autumn (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-10-01', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-10-02', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-10-03', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-10-04', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Tue
	('2022-10-05', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Wed
	('2022-10-06', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Thu
	('2022-10-07', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Fri
	('2022-10-08', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-10-09', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2021〕11号)', true),  -- Sun
	-- 2023: 国办发明电〔2022〕16号
	('2022-12-31', false, '元旦 New Year (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-01-01', false, '元旦 New Year (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-01-02', false, '元旦 New Year (国办发明电〔2022〕16号)', true),  -- Mon
	('2023-01-21', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-01-22', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-01-23', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Mon
	('2023-01-24', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Tue
	('2023-01-25', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Wed
	('2023-01-26', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Thu
	('2023-01-27', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Fri
	('2023-01-28', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-01-29', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-04-05', false, '清明节 Qingming (国办发明电〔2022〕16号)', true),  -- Wed
	('2023-04-23', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-04-29', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-04-30', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-05-01', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Mon
	('2023-05-02', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Tue
	('2023-05-03', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Wed
	('2023-05-06', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-06-22', false, '端午节 Dragon Boat (国办发明电〔2022〕16号)', true),  -- Thu
	('2023-06-23', false, '端午节 Dragon Boat (国办发明电〔2022〕16号)', true),  -- Fri
	('2023-06-24', false, '端午节 Dragon Boat (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-06-25', true, '端午节调休上班 Dragon Boat swapped working day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-09-29', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Fri
	('2023-09-30', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-10-01', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-10-02', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Mon
	('2023-10-03', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Tue
	('2023-10-04', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Wed
	('2023-10-05', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Thu
	('2023-10-06', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Fri
	('2023-10-07', true, '中秋节、国庆节调休上班 Mid-Autumn and National Day swapped working day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-10-08', true, '中秋节、国庆节调休上班 Mid-Autumn and National Day swapped working day (国办发明电〔2022〕16号)', true),  -- Sun
	-- 2024: 国办发明电〔2023〕7号
	('2024-01-01', false, '元旦 New Year (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-02-04', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-02-10', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-02-11', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-02-12', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-02-13', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Tue
	('2024-02-14', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Wed
	('2024-02-15', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Thu
	('2024-02-16', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Fri
	('2024-02-17', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-02-18', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-04-04', false, '清明节 Qingming (国办发明电〔2023〕7号)', true),  -- Thu
	('2024-04-05', false, '清明节 Qingming (国办发明电〔2023〕7号)', true),  -- Fri
	('2024-04-06', false, '清明节 Qingming (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-04-07', true, '清明节调休上班 Qingming swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-04-28', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-05-01', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Wed
	('2024-05-02', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Thu
	('2024-05-03', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Fri
	('2024-05-04', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-05-05', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-05-11', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-06-10', false, '端午节 Dragon Boat (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-09-14', true, '中秋节调休上班 Mid-Autumn swapped working day (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-09-15', false, '中秋节 Mid-Autumn (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-09-16', false, '中秋节 Mid-Autumn (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-09-17', false, '中秋节 Mid-Autumn (国办发明电〔2023〕7号)', true),  -- Tue
	('2024-09-29', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-10-01', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Tue
	('2024-10-02', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Wed
	('2024-10-03', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Thu
	('2024-10-04', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Fri
	('2024-10-05', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-10-06', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-10-07', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-10-12', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2023〕7号)', true),  -- Sat
	-- 2025: 国办发明电〔2024〕12号
	('2025-01-01', false, '元旦 New Year (国办发明电〔2024〕12号)', true),  -- Wed
	('2025-01-26', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-01-28', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Tue
	('2025-01-29', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Wed
	('2025-01-30', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Thu
	('2025-01-31', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Fri
	('2025-02-01', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-02-02', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-02-03', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Mon
	('2025-02-04', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Tue
	('2025-02-08', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-04-04', false, '清明节 Qingming (国办发明电〔2024〕12号)', true),  -- Fri
	('2025-04-05', false, '清明节 Qingming (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-04-06', false, '清明节 Qingming (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-04-27', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-05-01', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Thu
	('2025-05-02', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Fri
	('2025-05-03', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-05-04', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-05-05', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Mon
	('2025-05-31', false, '端午节 Dragon Boat (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-06-01', false, '端午节 Dragon Boat (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-06-02', false, '端午节 Dragon Boat (国办发明电〔2024〕12号)', true),  -- Mon
	('2025-09-28', true, '中秋节、国庆节调休上班 Mid-Autumn and National Day swapped working day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-10-01', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Wed
	('2025-10-02', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Thu
	('2025-10-03', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Fri
	('2025-10-04', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-10-05', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-10-06', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Mon
	('2025-10-07', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Tue
	('2025-10-08', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Wed
	('2025-10-11', true, '中秋节、国庆节调休上班 Mid-Autumn and National Day swapped working day (国办发明电〔2024〕12号)', true),  -- Sat
	-- 2026: 国办发明电〔2025〕7号
	('2026-01-01', false, '元旦 New Year (国办发明电〔2025〕7号)', true),  -- Thu
	('2026-01-02', false, '元旦 New Year (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-01-03', false, '元旦 New Year (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-01-04', true, '元旦调休上班 New Year swapped working day (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-02-14', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-02-15', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-02-16', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-02-17', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Tue
	('2026-02-18', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Wed
	('2026-02-19', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Thu
	('2026-02-20', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-02-21', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-02-22', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-02-23', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-02-28', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-04-04', false, '清明节 Qingming (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-04-05', false, '清明节 Qingming (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-04-06', false, '清明节 Qingming (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-05-01', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-05-02', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-05-03', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-05-04', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-05-05', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Tue
	('2026-05-09', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-06-19', false, '端午节 Dragon Boat (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-06-20', false, '端午节 Dragon Boat (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-06-21', false, '端午节 Dragon Boat (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-09-20', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-09-25', false, '中秋节 Mid-Autumn (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-09-26', false, '中秋节 Mid-Autumn (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-09-27', false, '中秋节 Mid-Autumn (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-10-01', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Thu
	('2026-10-02', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-10-03', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-10-04', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-10-05', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-10-06', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Tue
	('2026-10-07', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Wed
	('2026-10-10', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2025〕7号)', true);  -- Sat

-- business dates lie in the window (business_dates_trigger, src/dates.c);
-- named to fire before the rule triggers, which compute from them
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON holiday
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('day');
