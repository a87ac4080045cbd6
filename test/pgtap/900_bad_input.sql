-- Issue 8 §3: bad input across every type, table and function.  Each case
-- runs in its own subtransaction and must fail with its specific SQLSTATE;
-- a summary asserts that none raised XX000 (internal error) and that the
-- backend is still there.  Add cases to bad_case below, grouped by area.
BEGIN;
SET LOCAL search_path = xdjy, public;

CREATE TEMP TABLE bad_case (
	n		serial,
	area	text NOT NULL,
	sql		text NOT NULL,
	want	text NOT NULL,
	got		text
) ON COMMIT DROP;

-- types: text input -------------------------------------------------------
INSERT INTO bad_case (area, sql, want)
SELECT 'type ' || t, pg_catalog.format('SELECT %L::xdjy.%s', v, t), '22P02'
FROM unnest(ARRAY['residence_category', 'filing_status']) t,
	unnest(ARRAY['', ' ', E'\t', '　', 'x', 'NULL', 'null', 'long_term', 'long-term-resident',
		'longtermresident', 'long_term_residents', '_long_term_resident', 'long_term_resident_',
		'temporary', 'temporary outside', 'TEMPORARY-OUTSIDE', '异地长期居住', '临时外出就医',
		'异地长期居住人员人员', '长期', '转院', '出差旅游', 'active ', 'activee', 'Active!', '有效的',
		'已变', '变更', 'cancel', 'canceled', 'terminate', 'closed', '0', '1', '-1', '2147483648',
		'true', 'false', '{}', '()', '[active]', '"active"', '''active''', 'active;', 'active--',
		'ａｃｔｉｖｅ', 'ＬＯＮＧ＿ＴＥＲＭ＿ＲＥＳＩＤＥＮＴ', E'active\u200b', E'\u200blong_term_resident',
		E'act\nive', E'long_term\tresident', E'\x01active', E'temporary_outside\x7f',
		E'\u00a0active', 'activé', 'лонг', '🏥', repeat('a', 1000), repeat('有效', 100000)]) v
-- labels of one type are bad input to the other
WHERE NOT (t = 'filing_status' AND v = 'active ');
INSERT INTO bad_case (area, sql, want) VALUES
	('type residence_category', $$SELECT 'active'::xdjy.residence_category$$, '22P02'),
	('type residence_category', $$SELECT '有效'::xdjy.residence_category$$, '22P02'),
	('type filing_status', $$SELECT 'long_term_resident'::xdjy.filing_status$$, '22P02'),
	('type filing_status', $$SELECT '异地安置退休人员'::xdjy.filing_status$$, '22P02'),
	('type residence_category', $$SELECT ARRAY['long_term_resident', 'x']::xdjy.residence_category[]$$, '22P02'),
	('type filing_status', $$SELECT '{active,bogus}'::xdjy.filing_status[]$$, '22P02'),
	('type residence_category', $$SELECT '{long_term_resident'::xdjy.residence_category[]$$, '22P02'),
	-- invalid UTF-8 never reaches the parser: the conversion refuses it
	('type residence_category', $$SELECT convert_from('\xe5bc'::bytea, 'UTF8')::xdjy.residence_category$$, '22021'),
	('type filing_status', $$SELECT convert_from('\xff'::bytea, 'UTF8')::xdjy.filing_status$$, '22021'),
	('type filing_status', $$SELECT convert_from('\xc0af'::bytea, 'UTF8')::xdjy.filing_status$$, '22021'),
	('type residence_category', $$SELECT (chr(0) || 'x')::xdjy.residence_category$$, '54000'),
	('type residence_category', $$SELECT 'long_term_resident'::xdjy.residence_category::int$$, '42846'),
	('type filing_status', $$SELECT 1::xdjy.filing_status$$, '42846'),
	('type filing_status', $$SELECT 'active'::xdjy.filing_status < 'long_term_resident'::xdjy.residence_category$$, '42883');

-- GUC and label() -------------------------------------------------------------
INSERT INTO bad_case (area, sql, want)
SELECT 'guc xdjy.language', pg_catalog.format('SET xdjy.language = %L', v), '22023'
FROM unnest(ARRAY['', 'EN ', 'english', 'cn', 'zh_CN', 'zh-Hans', 'chinese', '中文', 'fr', '0']) v;
INSERT INTO bad_case (area, sql, want)
SELECT 'function label', pg_catalog.format('SELECT xdjy.label(%s, %L)', a, v), '22023'
FROM unnest(ARRAY['''active''::xdjy.filing_status', '''long_term_resident''::xdjy.residence_category']) a,
	unnest(ARRAY['', 'e', 'enn', 'zh-CN', 'cn', '中文', 'ZH ', repeat('z', 10000)]) v;
INSERT INTO bad_case (area, sql, want) VALUES
	('function label', $$SELECT xdjy.label('active'::xdjy.filing_status)$$, '42883'),
	('function label', $$SELECT xdjy.label('active', 'en')$$, '42725'),
	('function filing_status_can_transition', $$SELECT xdjy.filing_status_can_transition('active', 'bogus')$$, '22P02'),
	('function filing_status_can_transition', $$SELECT xdjy.filing_status_can_transition('active')$$, '42883');

-- region functions ------------------------------------------------------------
INSERT INTO bad_case (area, sql, want)
SELECT 'function treatment_scope', pg_catalog.format('SELECT xdjy.treatment_scope(%L, %L)', a, b), '22023'
FROM (VALUES ('37010', '370100'), ('3701000', '370100'), ('370100', ''), ('37010x', '370100'),
	('370100', '370100001'), (' 370100', '370100'), ('370100', '３７０１００'), ('-37010', '370100'),
	('370100', E'37010\n'), (repeat('3', 100000), '370100')) v(a, b);

-- reference tables ------------------------------------------------------------
INSERT INTO bad_case (area, sql, want) VALUES
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('37010', 'x', 'city', '370000')$$, '23514'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('370199001', 'x', 'county', '370100')$$, '23514'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('370199', 'x', 'township', '370100')$$, '23514'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('370199', 'x', 'district', '370100')$$, '23514'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('370199', 'x', 'county', NULL)$$, '23514'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('380000', 'x', 'province', '370000')$$, '23514'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('370199', 'x', 'county', '999999')$$, '23503'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('370100', 'x', 'city', '370000')$$, '23505'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES (NULL, 'x', 'city', '370000')$$, '23502'),
	('table region', $$INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('370199', NULL, 'county', '370100')$$, '23502'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code) VALUES ('T9-X', 'x', '999999')$$, '23503'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, tier) VALUES ('T9-X', 'x', '370102', 4)$$, '23514'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, tier) VALUES ('T9-X', 'x', '370102', -1)$$, '23514'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, tier) VALUES ('T9-X', 'x', '370102', 32768)$$, '22003'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, kind) VALUES ('T9-X', 'x', '370102', 'clinic')$$, '23514'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, ownership) VALUES ('T9-X', 'x', '370102', 'mixed')$$, '23514'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, networked_inpatient) VALUES ('T9-X', 'x', '370102', 'maybe')$$, '22P02'),
	('table person', $$INSERT INTO xdjy.person (id, name, insured_region, scheme) VALUES ('T9-P', 'x', '370100', 'both')$$, '23514'),
	('table person', $$INSERT INTO xdjy.person (id, name, insured_region, scheme) VALUES ('T9-P', 'x', '999999', 'employee')$$, '23503'),
	('table person', $$INSERT INTO xdjy.person (id, name, insured_region, scheme) VALUES ('T9-P', NULL, '370100', 'employee')$$, '23502'),
	('table channel', $$INSERT INTO xdjy.channel VALUES ('app', 'x', 'x')$$, '23505'),
	('table error_code', $$INSERT INTO xdjy.error_code VALUES ('XX000', 'x', 'x', 'x', 'x', 'x')$$, '23514'),
	('table error_code', $$INSERT INTO xdjy.error_code VALUES ('YB0001', 'x', 'x', 'x', 'x', 'x')$$, '22001');

-- run every case in its own subtransaction ---------------------------------
DO $$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT * FROM bad_case ORDER BY n LOOP
		BEGIN
			EXECUTE c.sql;
			UPDATE bad_case SET got = 'no error' WHERE n = c.n;
		EXCEPTION WHEN OTHERS THEN
			UPDATE bad_case SET got = SQLSTATE WHERE n = c.n;
		END;
	END LOOP;
END
$$;

SELECT plan((SELECT count(*)::int + 3 FROM bad_case));
SELECT is(got, want, pg_catalog.format('%s: %s', area, translate(
	CASE WHEN length(sql) > 120 THEN left(sql, 100) || '…(' || length(sql) || ' chars)' ELSE sql END, E'\n\t\r', '   ')))
FROM bad_case ORDER BY n;
SELECT ok((SELECT count(*) FROM bad_case) >= 150, 'at least 150 bad inputs so far');
SELECT is((SELECT count(*) FROM bad_case WHERE got = 'XX000')::int, 0, 'no bad input raised XX000 (internal error)');
SELECT is((SELECT 1), 1, 'the backend survived every bad input');
SELECT * FROM finish();
ROLLBACK;
