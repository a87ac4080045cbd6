-- Bad input across every type, table and function.  Each case
-- runs in its own subtransaction, always rolled back, and must fail with its
-- specific SQLSTATE (22P02 bad type input, 22003 amounts out of range,
-- 22008 dates out of range or infinite, YB004
-- dates outside the business-date window, 23502/23503/23505/23514 the table's
-- constraints, YB... the rule's own code, YB001 an unknown reference named
-- to a function); a summary asserts that none raised XX000 (internal error)
-- and that the backend is still there.  Add cases to bad_case below,
-- grouped by area; the fixtures (fx) are built through the rules.
BEGIN;
SET LOCAL search_path = xdjy, public;

CREATE TEMP TABLE bad_case (
	n		serial,
	area	text NOT NULL,
	sql		text NOT NULL,
	want	text NOT NULL,
	got		text
) ON COMMIT DROP;

-- fixtures the cases name (rolled back with the file): a long-term filing
-- with an outpatient visit under it, a closed temporary filing, a stay
CREATE TEMP TABLE fx (name text PRIMARY KEY, id bigint) ON COMMIT DROP;
INSERT INTO fx SELECT 'long_term', xdjy.file_long_term('jinan-emp-3', '110000', '2024-03-01', '2024-03-01');
INSERT INTO fx SELECT 'jilin', xdjy.file_long_term('changchun-res-1', '110000', '2024-03-01', '2024-03-01');
INSERT INTO fx SELECT 'closed', xdjy.file_temporary('jinan-res-2', '310000', '2024-01-01', '2024-01-01');
DO $$ BEGIN PERFORM xdjy.cancel_filing((SELECT id FROM fx WHERE name = 'closed'), '2024-02-01'); END $$;
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('weihai-emp-1', 'H37100200001', 'inpatient', '2024-05-01', '2024-05-10') RETURNING id)
INSERT INTO fx SELECT 'stay', id FROM e;
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('jinan-emp-3', 'H11010500001', 'outpatient', '2024-04-01', '2024-04-01') RETURNING id)
INSERT INTO fx SELECT 'visit', id FROM e;
-- binary COPY input of the label types (the int4 code): an unknown code,
-- and an int8 where an int4 is expected, as files the cases COPY FROM
-- (in the data directory: the test cluster is thrown away)
CREATE TEMP TABLE bin_rc (c xdjy.residence_category) ON COMMIT DROP;
CREATE TEMP TABLE bin_fs (c xdjy.filing_status) ON COMMIT DROP;
DO $$ BEGIN
	EXECUTE pg_catalog.format('COPY (SELECT 99::int4) TO %L WITH (FORMAT binary)', current_setting('data_directory') || '/xdjy_bad_code_' || pg_backend_pid() || '.bin');
	EXECUTE pg_catalog.format('COPY (SELECT -1::int4) TO %L WITH (FORMAT binary)', current_setting('data_directory') || '/xdjy_bad_neg_' || pg_backend_pid() || '.bin');
	EXECUTE pg_catalog.format('COPY (SELECT 1::int8) TO %L WITH (FORMAT binary)', current_setting('data_directory') || '/xdjy_bad_width_' || pg_backend_pid() || '.bin');
	EXECUTE pg_catalog.format('COPY (SELECT 1::int2) TO %L WITH (FORMAT binary)', current_setting('data_directory') || '/xdjy_bad_short_' || pg_backend_pid() || '.bin');
END $$;
-- Weihai employees: outpatient and inpatient policy; a visit settled once
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, annual_cap_fen, quota_group, note) VALUES
	('371000', 'employee', 'local', 'outpatient', '[2024-01-01,2025-01-01)', 0, 9000, 200000, 'outpatient', 'bad input'),
	('371000', 'employee', 'local', 'inpatient', '[2024-01-01,2025-01-01)', 100000, 9000, 50000000, 'inpatient', 'bad input');
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('weihai-emp-1', 'H37108200001', 'outpatient', '2024-06-01', '2024-06-01') RETURNING id)
INSERT INTO fx SELECT 'wvisit', id FROM e;
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('weihai-emp-1', 'H37108200001', 'outpatient', '2024-06-02', '2024-06-02') RETURNING id)
INSERT INTO fx SELECT 'wvisit2', id FROM e;
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on, attached_to)
	VALUES ('weihai-emp-1', 'H37100200002', 'outpatient', '2024-05-03', '2024-05-03', (SELECT id FROM fx WHERE name = 'stay')) RETURNING id)
INSERT INTO fx SELECT 'attached', id FROM e;
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('371000', 'resident', 'temporary', 'outpatient', '[2024-01-01,2025-01-01)', 0, 6000, 1000, 200000, 'outpatient', 'bad input');
INSERT INTO fx SELECT 'bjfiling', xdjy.file_temporary('weihai-res-1', '110000', '2024-01-01', '2024-01-01');
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('weihai-res-1', 'H11010500001', 'outpatient', '2024-08-01', '2024-08-01') RETURNING id)
INSERT INTO fx SELECT 'bjvisit', id FROM e;
INSERT INTO fx SELECT 'remote', (xdjy.settle((SELECT id FROM fx WHERE name = 'bjvisit'), 30000, 0, 'BAD-INV-3', '2024-08-01')).id;
WITH e AS (INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('shenzhen-emp-1', 'H44030400001', 'outpatient', '2024-08-01', '2024-08-01') RETURNING id)
INSERT INTO fx SELECT 'nopolicy', id FROM e;
INSERT INTO fx SELECT 'settled', (xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit'), 10000, 0, 'BAD-INV-1', '2024-06-01')).id;
INSERT INTO fx SELECT 'reversed', (xdjy.settle((SELECT id FROM fx WHERE name = 'stay'), 500000, 0, 'BAD-INV-2', '2024-05-10')).id;
INSERT INTO fx SELECT 'reversal', (xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'reversed'), '2024-05-20')).id;
WITH c AS (INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
	VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-CLAIM-1', 20000, '2024-07-01') RETURNING id)
INSERT INTO fx SELECT 'claim', id FROM c;

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
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code) VALUES ('BAD-X', 'x', '999999')$$, '23503'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, tier) VALUES ('BAD-X', 'x', '370102', 4)$$, '23514'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, tier) VALUES ('BAD-X', 'x', '370102', -1)$$, '23514'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, tier) VALUES ('BAD-X', 'x', '370102', 32768)$$, '22003'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, kind) VALUES ('BAD-X', 'x', '370102', 'clinic')$$, '23514'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, ownership) VALUES ('BAD-X', 'x', '370102', 'mixed')$$, '23514'),
	('table institution', $$INSERT INTO xdjy.institution (code, name_zh, region_code, networked_inpatient) VALUES ('BAD-X', 'x', '370102', 'maybe')$$, '22P02'),
	('table person', $$INSERT INTO xdjy.person (id, name, insured_region, scheme) VALUES ('BAD-P', 'x', '370100', 'both')$$, '23514'),
	('table person', $$INSERT INTO xdjy.person (id, name, insured_region, scheme) VALUES ('BAD-P', 'x', '999999', 'employee')$$, '23503'),
	('table person', $$INSERT INTO xdjy.person (id, name, insured_region, scheme) VALUES ('BAD-P', NULL, '370100', 'employee')$$, '23502'),
	('table channel', $$INSERT INTO xdjy.channel VALUES ('app', 'x', 'x')$$, '23505'),
	('table error_code', $$INSERT INTO xdjy.error_code VALUES ('XX000', 'x', 'x', 'x', 'x', 'x')$$, '23514'),
	('table error_code', $$INSERT INTO xdjy.error_code VALUES ('YB0001', 'x', 'x', 'x', 'x', 'x')$$, '22001');

-- filing functions (; rules 鲁医保发〔2021〕46号 第二条, 济宁市医保局 异地就医十项便民措施 第四条, 鲁医保发〔2022〕26号 第二条) ----------------
-- dates: NULL, ±infinity, beyond the timestamp range (date + interval
-- needs a timestamp: 22008), unknown persons, regions, ids, empty and
-- huge strings, control characters
INSERT INTO bad_case (area, sql, want) VALUES
	('function file_long_term', $$SELECT xdjy.file_long_term(NULL, '110000', '2024-03-05', '2024-03-10')$$, '23502'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', NULL, '2024-03-05', '2024-03-10')$$, '23502'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', NULL, '2024-03-10')$$, '23502'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', NULL)$$, '23502'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10', NULL)$$, '23502'),
	('function file_long_term', $$SELECT xdjy.file_long_term('', '110000', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_long_term', $$SELECT xdjy.file_long_term('nobody', '110000', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_long_term', $$SELECT xdjy.file_long_term(E'jinan-emp-1\n', '110000', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_long_term', $$SELECT xdjy.file_long_term(repeat('p', 100000), '110000', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '999999', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', E'11\x010000', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', repeat('1', 100000), '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110105', '2024-03-05', '2024-03-10')$$, 'YB101'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '370102001', '2024-03-05', '2024-03-10')$$, 'YB101'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '370100', '2024-03-05', '2024-03-10')$$, 'YB102'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-04', '2024-03-10')$$, 'YB105'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '-infinity', '2024-03-10')$$, '22008'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', 'infinity', '2024-03-10')$$, '22008'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', 'infinity')$$, '22008'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '-infinity')$$, '22008'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '294276-12-30', '294276-12-31')$$, 'YB004'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '294277-01-01', '294277-01-01')$$, 'YB004'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '4714-11-24 BC', '4714-11-24 BC')$$, 'YB004'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '5874898-01-01', '2024-03-10')$$, '22008'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2025-03-11', '2024-03-10')$$, 'YB106'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10', 'pigeon')$$, 'YB115'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10', '')$$, 'YB115'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10', 'app', 'passport')$$, '23514'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10', 'app', '')$$, '23514'),
	('function file_long_term', $$SELECT xdjy.file_long_term('jinan-emp-3', '310000', '2024-03-05', '2024-03-10')$$, 'YB103'),
	('function file_temporary', $$SELECT xdjy.file_temporary(NULL, '110000', '2024-03-05', '2024-03-10')$$, '23502'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', NULL, '2024-03-05', '2024-03-10')$$, '23502'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', NULL, '2024-03-10')$$, '23502'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2024-03-05', NULL)$$, '23502'),
	('function file_temporary', $$SELECT xdjy.file_temporary('nobody', '110000', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '000000', '2024-03-05', '2024-03-10')$$, 'YB001'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '440304', '2024-03-05', '2024-03-10')$$, 'YB101'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '-infinity', '2024-03-10')$$, 'YB001'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '-infinity', '2024-03-10')$$, '22008'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', 'infinity', '2024-03-10')$$, '22008'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2024-03-05', 'infinity')$$, '22008'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '294277-06-01', '294277-01-01')$$, 'YB004'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2024-03-05', '2024-03-10', 'pigeon')$$, 'YB115'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '370800', '2024-03-05', '2024-03-10')$$, 'YB116'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2024-03-05', '2024-03-10'), xdjy.file_temporary('jinan-emp-1', '110000', '2024-04-05', '2024-04-10')$$, 'YB104'),
	('function file_temporary', $$SELECT xdjy.file_temporary('jinan-emp-1', '110000', '2024-03-05'::text::date + 2147483647, '2024-03-10')$$, '22008'),
	('function change_filing', $$SELECT xdjy.change_filing(NULL, '310000', '2024-09-05')$$, '22004'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), NULL, '2024-09-05')$$, '22004'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '310000', NULL)$$, '22004'),
	('function change_filing', $$SELECT xdjy.change_filing(-1, '310000', '2024-09-05')$$, 'YB001'),
	('function change_filing', $$SELECT xdjy.change_filing(0, '310000', '2024-09-05')$$, 'YB001'),
	('function change_filing', $$SELECT xdjy.change_filing(9223372036854775807, '310000', '2024-09-05')$$, 'YB001'),
	('function change_filing', $$SELECT xdjy.change_filing(-9223372036854775808, '310000', '2024-09-05')$$, 'YB001'),
	('function change_filing', $$SELECT xdjy.change_filing(9223372036854775808, '310000', '2024-09-05')$$, '42883'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '', '2024-09-05')$$, 'YB001'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '999999', '2024-09-05')$$, 'YB001'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '310104', '2024-09-05')$$, 'YB101'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '370100', '2024-09-05')$$, 'YB102'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '310000', '2024-02-29')$$, 'YB112'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '310000', 'infinity')$$, '22008'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '310000', '-infinity')$$, '22008'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'long_term'), '310000', '294277-01-01')$$, 'YB004'),
	('function change_filing', $$SELECT xdjy.change_filing((SELECT id FROM fx WHERE name = 'closed'), '440300', '2024-09-05')$$, 'YB108'),
	('function cancel_filing', $$SELECT xdjy.cancel_filing(NULL, '2024-09-05')$$, '22004'),
	('function cancel_filing', $$SELECT xdjy.cancel_filing((SELECT id FROM fx WHERE name = 'long_term'), NULL)$$, '22004'),
	('function cancel_filing', $$SELECT xdjy.cancel_filing(-1, '2024-09-05')$$, 'YB001'),
	('function cancel_filing', $$SELECT xdjy.cancel_filing(9223372036854775807, '2024-09-05')$$, 'YB001'),
	('function cancel_filing', $$SELECT xdjy.cancel_filing((SELECT id FROM fx WHERE name = 'long_term'), '2024-02-01')$$, 'YB112'),
	('function cancel_filing', $$SELECT xdjy.cancel_filing((SELECT id FROM fx WHERE name = 'long_term'), 'infinity')$$, '22008'),
	('function cancel_filing', $$SELECT xdjy.cancel_filing((SELECT id FROM fx WHERE name = 'long_term'), '-infinity')$$, '22008'),
	('function cancel_filing', $$SELECT xdjy.cancel_filing((SELECT id FROM fx WHERE name = 'closed'), '2024-09-05')$$, 'YB108'),
	('function terminate_filing', $$SELECT xdjy.terminate_filing(NULL, '2024-09-05')$$, '22004'),
	('function terminate_filing', $$SELECT xdjy.terminate_filing((SELECT id FROM fx WHERE name = 'long_term'), NULL)$$, '22004'),
	('function terminate_filing', $$SELECT xdjy.terminate_filing(-9223372036854775808, '2024-09-05')$$, 'YB001'),
	('function terminate_filing', $$SELECT xdjy.terminate_filing((SELECT id FROM fx WHERE name = 'long_term'), '2023-12-31')$$, 'YB112'),
	('function terminate_filing', $$SELECT xdjy.terminate_filing((SELECT id FROM fx WHERE name = 'long_term'), 'infinity')$$, '22008'),
	('function terminate_filing', $$SELECT xdjy.terminate_filing((SELECT id FROM fx WHERE name = 'long_term'), '-infinity')$$, '22008'),
	('function terminate_filing', $$SELECT xdjy.terminate_filing((SELECT id FROM fx WHERE name = 'closed'), '2024-09-05')$$, 'YB108'),
	('function filing_at', $$SELECT * FROM xdjy.filing_at('jinan-emp-3', '999999', '2024-04-01')$$, 'YB001'),
	('function filing_at', $$SELECT * FROM xdjy.filing_at('jinan-emp-3', '', '2024-04-01')$$, 'YB001'),
	('function filing_at', $$SELECT * FROM xdjy.filing_at('jinan-emp-3', repeat('9', 100000), '2024-04-01')$$, 'YB001'),
	('function filing_at', $$SELECT * FROM xdjy.filing_at('jinan-emp-3', E'110000\r', '2024-04-01')$$, 'YB001'),
	('function filing_exempt', $$SELECT xdjy.filing_exempt('999999', '370800', '2024-01-01')$$, 'YB001'),
	('function filing_exempt', $$SELECT xdjy.filing_exempt('370100', '', '2024-01-01')$$, 'YB001'),
	('function filing_exempt', $$SELECT xdjy.filing_exempt(E'\x7f', '370800', '2024-01-01')$$, 'YB001'),
	('function choose_institution', $$SELECT xdjy.choose_institution(NULL, 'H11010500002', true, '2024-03-10')$$, '23502'),
	('function choose_institution', $$SELECT xdjy.choose_institution(-1, 'H11010500002', true, '2024-03-10')$$, 'YB001'),
	('function choose_institution', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'long_term'), 'H11010500002', true, '2024-03-10')$$, 'YB120'),
	('function choose_institution', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'jilin'), NULL, true, '2024-03-10')$$, '23502'),
	('function choose_institution', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'jilin'), 'H11010500002', NULL, '2024-03-10')$$, '23502'),
	('function choose_institution', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'jilin'), 'H11010500002', true, NULL)$$, '23502'),
	('function choose_institution', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'jilin'), 'H11010500002', true, 'infinity')$$, '22008'),
	('function choose_institution', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'jilin'), 'nowhere', true, '2024-03-10')$$, 'YB001'),
	('function choose_institution', $$SELECT xdjy.choose_institution((SELECT id FROM fx WHERE name = 'jilin'), 'H11010500001', true, '2024-03-10')$$, 'YB123'),
	('table institution_choice', $$INSERT INTO xdjy.institution_choice (filing_id, institution_code, slot) VALUES ((SELECT id FROM fx WHERE name = 'jilin'), 'H11010500002', 'tier9')$$, 'YB124');

-- table filing: direct INSERT/UPDATE/DELETE obey the same rules
INSERT INTO bad_case (area, sql, want) VALUES
	('table filing', $$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on) VALUES ('jinan-emp-1', '110000', NULL, '2024-03-05', '2024-03-10')$$, '23502'),
	('table filing', $$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on) VALUES ('jinan-emp-1', '110000', 'x', '2024-03-05', '2024-03-10')$$, '22P02'),
	('table filing', $$INSERT INTO xdjy.filing (person_id, destination_region, category, status, start_date, applied_on) VALUES ('jinan-emp-1', '110000', 'temporary_outside', NULL, '2024-03-05', '2024-03-10')$$, '23502'),
	('table filing', $$INSERT INTO xdjy.filing (person_id, destination_region, category, status, start_date, applied_on) VALUES ('jinan-emp-1', '110000', 'temporary_outside', 'changed', '2024-03-05', '2024-03-10')$$, 'YB109'),
	('table filing', $$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on, pledge) VALUES ('jinan-emp-1', '110000', 'long_term_resident', '2024-03-05', '2024-03-10', false)$$, 'YB114'),
	('table filing', $$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on, pledge) VALUES ('jinan-emp-1', '110000', 'long_term_resident', '2024-03-05', '2024-03-10', NULL)$$, '23502'),
	('table filing', $$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on, closed_on) VALUES ('jinan-emp-1', '110000', 'temporary_outside', '2024-03-05', '2024-03-10', '2024-04-01')$$, 'YB111'),
	('table filing', $$INSERT INTO xdjy.filing (id, person_id, destination_region, category, start_date, applied_on) VALUES ((SELECT id FROM fx WHERE name = 'long_term'), 'jinan-emp-1', '110000', 'temporary_outside', '2024-03-05', '2024-03-10')$$, '23505'),
	('table filing', $$UPDATE xdjy.filing SET person_id = 'jinan-emp-1' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, 'YB110'),
	('table filing', $$UPDATE xdjy.filing SET start_date = 'infinity' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, 'YB110'),
	('table filing', $$UPDATE xdjy.filing SET status = 'active' WHERE id = (SELECT id FROM fx WHERE name = 'closed')$$, 'YB108'),
	('table filing', $$UPDATE xdjy.filing SET status = 'cancelled' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, 'YB111'),
	('table filing', $$UPDATE xdjy.filing SET status = 'cancelled', closed_on = 'infinity' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, '22008'),
	('table filing', $$UPDATE xdjy.filing SET proof = 'x' WHERE id = (SELECT id FROM fx WHERE name = 'long_term')$$, '23514'),
	('table filing', $$DELETE FROM xdjy.filing WHERE id = (SELECT id FROM fx WHERE name = 'closed')$$, 'YB117');

-- table encounter (; 济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)) --------------------------
INSERT INTO bad_case (area, sql, want) VALUES
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES (NULL, 'H37100200001', 'outpatient', '2024-05-01')$$, '23502'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', NULL, 'outpatient', '2024-05-01')$$, '23502'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'H37100200001', NULL, '2024-05-01')$$, '23502'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'H37100200001', 'outpatient', NULL)$$, '23502'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('nobody', 'H37100200001', 'outpatient', '2024-05-01')$$, 'YB001'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('', 'H37100200001', 'outpatient', '2024-05-01')$$, 'YB001'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'nowhere', 'outpatient', '2024-05-01')$$, 'YB001'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', repeat('H', 100000), 'outpatient', '2024-05-01')$$, 'YB001'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'H37100200001', 'er', '2024-05-01')$$, '23514'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'H37100200001', '', '2024-05-01')$$, '23514'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'H37100200001', 'pharmacy', '2024-05-01')$$, 'YB202'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'P37010200001', 'inpatient', '2024-05-01')$$, 'YB202'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37100200001', 'inpatient', '2024-06-02', '2024-06-01')$$, 'YB201'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37100200001', 'inpatient', 'infinity', '2024-06-01')$$, '22008'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37100200001', 'inpatient', '2024-06-01', '-infinity')$$, '22008'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES ('weihai-emp-1', 'H37100200001', 'inpatient', '294277-01-02', '294277-01-01')$$, 'YB004'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('weihai-emp-1', 'H37100200001', 'outpatient', '5874898-01-01')$$, '22008'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, emergency) VALUES ('weihai-emp-1', 'H37100200001', 'outpatient', '2024-06-01', NULL)$$, '23502'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, trauma) VALUES ('weihai-emp-1', 'H37100200001', 'outpatient', '2024-06-01', 'perhaps')$$, '22P02'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to) VALUES ('weihai-emp-1', 'H37100200002', 'outpatient', '2024-05-03', -1)$$, 'YB001'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to) VALUES ('weihai-emp-1', 'H37100200002', 'outpatient', '2024-05-03', 9223372036854775807)$$, 'YB001'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to) VALUES ('weihai-emp-1', 'H37100200002', 'inpatient', '2024-05-03', (SELECT id FROM fx WHERE name = 'stay'))$$, 'YB203'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to) VALUES ('jinan-emp-3', 'H11010500001', 'outpatient', '2024-04-01', (SELECT id FROM fx WHERE name = 'visit'))$$, 'YB204'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to) VALUES ('weihai-res-1', 'H37100200002', 'outpatient', '2024-05-03', (SELECT id FROM fx WHERE name = 'stay'))$$, 'YB205'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to) VALUES ('weihai-emp-1', 'H37100200002', 'outpatient', '2024-05-11', (SELECT id FROM fx WHERE name = 'stay'))$$, 'YB206'),
	('table encounter', $$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to) VALUES ('weihai-emp-1', 'H37100200002', 'outpatient', 'infinity', (SELECT id FROM fx WHERE name = 'stay'))$$, '22008'),
	('table encounter', $$UPDATE xdjy.encounter SET discharged_on = '2024-04-30' WHERE id = (SELECT id FROM fx WHERE name = 'stay')$$, 'YB201'),
	('table encounter', $$UPDATE xdjy.encounter SET person_id = 'nobody' WHERE id = (SELECT id FROM fx WHERE name = 'stay')$$, 'YB001');

-- calendar (R7): finite dates only, results stay inside type date ------------
INSERT INTO bad_case (area, sql, want) VALUES
	('function is_working_day', $$SELECT xdjy.is_working_day('infinity')$$, '22008'),
	('function is_working_day', $$SELECT xdjy.is_working_day('-infinity')$$, '22008'),
	('function is_working_day', $$SELECT xdjy.is_working_day('5874898-01-01')$$, '22008'),
	('function is_working_day', $$SELECT xdjy.is_working_day('')$$, '22007'),
	('function is_working_day', $$SELECT xdjy.is_working_day('2024-02-30')$$, '22008'),
	('function add_working_days', $$SELECT xdjy.add_working_days('5874897-12-31', 1)$$, '22008'),
	('function add_working_days', $$SELECT xdjy.add_working_days('4714-11-24 BC', -1)$$, '22008'),
	('function add_working_days', $$SELECT xdjy.add_working_days('2024-01-01', 2147483647)$$, '22008'),
	('function add_working_days', $$SELECT xdjy.add_working_days('2024-01-01', -2147483648)$$, '22008'),
	('function add_working_days', $$SELECT xdjy.add_working_days('2024-01-01', 2147483648)$$, '42883'),
	('function add_working_days', $$SELECT xdjy.add_working_days('2024-01-01', '1.5')$$, '22P02'),
	('table holiday', $$INSERT INTO xdjy.holiday (day, is_workday) VALUES ('infinity', false)$$, '23514'),
	('table holiday', $$INSERT INTO xdjy.holiday (day, is_workday) VALUES ('-infinity', true)$$, '23514'),
	('table holiday', $$INSERT INTO xdjy.holiday (day, is_workday) VALUES (NULL, true)$$, '23502'),
	('table holiday', $$INSERT INTO xdjy.holiday (day, is_workday) VALUES ('2031-01-01', NULL)$$, '23502'),
	('table holiday', $$INSERT INTO xdjy.holiday (day, is_workday) VALUES ('2024-10-01', false)$$, '23505'),
	('table holiday', $$INSERT INTO xdjy.holiday (day, is_workday, builtin) VALUES ('2031-01-01', false, true)$$, 'YB601'),
	('table holiday', $$UPDATE xdjy.holiday SET is_workday = true WHERE day = '2024-10-01'$$, 'YB601'),
	('table holiday', $$DELETE FROM xdjy.holiday WHERE day = '2024-10-01'$$, 'YB601'),
	('table holiday', $$TRUNCATE xdjy.holiday$$, 'YB601');

-- national interface (国家医疗保障信息平台 接口规范): money near 2^63, codes, requests -------
INSERT INTO bad_case (area, sql, want) VALUES
	('function fen_to_yuan', $$SELECT xdjy.fen_to_yuan(9223372036854775807)$$, '22003'),
	('function fen_to_yuan', $$SELECT xdjy.fen_to_yuan(-9223372036854775808)$$, '22003'),
	('function fen_to_yuan', $$SELECT xdjy.fen_to_yuan(10000000000000000)$$, '22003'),
	('function fen_to_yuan', $$SELECT xdjy.fen_to_yuan(-10000000000000000)$$, '22003'),
	('function fen_to_yuan', $$SELECT xdjy.fen_to_yuan(9223372036854775808)$$, '42883'),
	('function fen_to_yuan', $$SELECT xdjy.fen_to_yuan(9223372036854775807 + 1)$$, '22003'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen('NaN')$$, '22023'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen('Infinity')$$, '22023'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen('-Infinity')$$, '22023'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen(0.001)$$, 'YB704'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen(-12.345)$$, 'YB704'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen(1e-1000)$$, 'YB704'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen(100000000000000)$$, '22003'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen(92233720368547758.07)$$, '22003'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen(-92233720368547758.08)$$, '22003'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen(1e130000)$$, '22003'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen('')$$, '22P02'),
	('function yuan_to_fen', $$SELECT xdjy.yuan_to_fen('１２')$$, '22P02'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(NULL, 0, 0, 0, 0, 0, 0, 0)$$, 'YB702'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 0, NULL, 0, 0, 0)$$, 'YB702'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 0, 0, NULL, 0, 0)$$, 'YB702'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 0, -1, 0, 0, 0)$$, 'YB702'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 0, -2147483648, 0, 0, 0)$$, 'YB702'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 0, 2147483648, 0, 0, 0)$$, '42883'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0.001, 0, 0, 0, 0, 0, 0)$$, 'YB704'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 0, 0, 'NaN', 0, 0)$$, '22023'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 0, 0, 1e15, 0, 0)$$, '22003'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 0, 0, 0, -1e15, 0)$$, '22003'),
	('function stmt_compare', $$SELECT * FROM xdjy.stmt_compare(0, 0, 0, 'Infinity', 0, 0, 0, 0)$$, '22023'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('999999', '310', '11', '2024-01-01', '2024-01-31', 0, 0, 0, 0)$$, 'YB001'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370102', '310', '11', '2024-01-01', '2024-01-31', 0, 0, 0, 0)$$, 'YB001'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '', '11', '2024-01-01', '2024-01-31', 0, 0, 0, 0)$$, 'YB703'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', 'x', '2024-01-01', '2024-01-31', 0, 0, 0, 0)$$, 'YB703'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-31', '2024-01-01', 0, 0, 0, 0)$$, 'YB702'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', NULL, '2024-01-01', 0, 0, 0, 0)$$, 'YB702'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', 'infinity', '-infinity', 0, 0, 0, 0)$$, 'YB702'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-01', '2024-01-31', 0, 0, 0, 0, '2')$$, 'YB703'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-01', '2024-01-31', 0, 0, 0, 0, NULL)$$, 'YB702'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-01', '2024-01-31', 0, 0, 0, 0, '1', 'nowhere')$$, 'YB001'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-01', '2024-01-31', 0.005, 0, 0, 0)$$, 'YB704'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-01', '2024-01-31', 0, 0, 0, -1)$$, 'YB702'),
	('function stmt_total', $$SELECT * FROM xdjy.stmt_total('370100', '310', '11', '2024-01-01', '2024-01-31', 92233720368547758.08, 0, 0, 0)$$, '22003'),
	('function stmt_detail', $$SELECT * FROM xdjy.stmt_detail('no-such-batch', '370100', '310', '11', '2024-01-01', '2024-01-31')$$, 'YB001'),
	('function stmt_detail', $$SELECT * FROM xdjy.stmt_detail(NULL, '370100', '310', '11', '2024-01-01', '2024-01-31')$$, 'YB702'),
	('function stmt_detail', $$SELECT * FROM xdjy.stmt_detail('b', NULL, '310', '11', '2024-01-01', '2024-01-31')$$, 'YB702'),
	('function stmt_check_request', $$SELECT xdjy.stmt_check_request('370100', '310', '11', '2024-01-01', '2024-01-31', '')$$, 'YB703'),
	('function stmt_check_request', $$SELECT xdjy.stmt_check_request('370100', '310', '11', '2024-01-01', '2024-01-31', E'0\n')$$, 'YB703'),
	('function national_check_period', $$SELECT xdjy.national_check_period('2024-02-01', '2024-01-31')$$, 'YB702'),
	('function national_check_period', $$SELECT xdjy.national_check_period(NULL, '2024-01-31')$$, 'YB702'),
	('function export_setlinfo', $$SELECT * FROM xdjy.export_setlinfo('infinity', '-infinity')$$, 'YB702'),
	('function export_setlinfo', $$SELECT * FROM xdjy.export_setlinfo(NULL, '2024-01-31')$$, 'YB702'),
	('table stmt_detail_upload', $$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('b', 1, 0.001, 0)$$, '23514'),
	('table stmt_detail_upload', $$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('b', 1, 1e14, 0)$$, '23514'),
	('table stmt_detail_upload', $$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('b', 1, 'NaN', 0)$$, '23514'),
	('table stmt_detail_upload', $$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('b', 1, 'Infinity', 0)$$, '23514'),
	('table stmt_detail_upload', $$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES (NULL, 1, 0, 0)$$, '23502'),
	('table stmt_detail_upload', $$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt, refd_setl_flag) VALUES ('b', 1, 0, 0, '2')$$, '23514'),
	('table stmt_detail_upload', $$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('b', 9223372036854775808, 0, 0)$$, '22003'),
	('table stmt_detail_upload', $$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('b', 1, 0, 0), ('b', 1, 0, 0)$$, '23505'),
	('table insutype_map', $$INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh, priority, builtin) VALUES ('employee', '311', 'x', 0, true)$$, 'YB701'),
	('table insutype_map', $$INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh) VALUES ('employee', '', 'x')$$, '23514'),
	('table insutype_map', $$INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh) VALUES ('employee', '3101234', 'x')$$, '23514'),
	('table insutype_map', $$INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh, priority) VALUES ('employee', '311', 'x', 0)$$, '23514'),
	('table insutype_map', $$INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh, priority) VALUES ('employee', '311', 'x', 2147483648)$$, '22003'),
	('table insutype_map', $$INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh) VALUES ('both', '311', 'x')$$, '23514'),
	('table insutype_map', $$UPDATE xdjy.insutype_map SET insutype = '311' WHERE builtin$$, 'YB701'),
	('table insutype_map', $$DELETE FROM xdjy.insutype_map WHERE builtin$$, 'YB701'),
	('table insutype_map', $$TRUNCATE xdjy.insutype_map$$, 'YB701'),
	('table med_type_map', $$INSERT INTO xdjy.med_type_map (visit_type, emergency, trauma, med_type, name_zh) VALUES ('inpatient', NULL, false, '24', 'x')$$, '23502'),
	('table med_type_map', $$INSERT INTO xdjy.med_type_map (visit_type, emergency, trauma, med_type, name_zh) VALUES ('inpatient', false, false, E'2\t4', 'x')$$, '23514'),
	('table med_type_map', $$DELETE FROM xdjy.med_type_map WHERE builtin$$, 'YB701'),
	('table clr_type_map', $$INSERT INTO xdjy.clr_type_map (visit_type, clr_type, name_zh) VALUES ('dental', '99', 'x')$$, '23514'),
	('table clr_type_map', $$UPDATE xdjy.clr_type_map SET builtin = true WHERE false OR visit_type = 'inpatient'$$, 'YB701'),
	('function clearing_confirm', $$SELECT xdjy.clearing_confirm(-1)$$, 'YB001'),
	('function clearing_confirm', $$SELECT xdjy.clearing_confirm(NULL)$$, '23502'),
	('function clearing_confirm', $$SELECT xdjy.clearing_confirm(9223372036854775807, '1', '2024-05-01')$$, 'YB001'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES (-1, 'confirm', '1')$$, 'YB001'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES ((SELECT id FROM fx WHERE name = 'remote'), 'confirm', '2')$$, '23514'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES ((SELECT id FROM fx WHERE name = 'remote'), 'undo', NULL)$$, '23514'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES ((SELECT id FROM fx WHERE name = 'remote'), 'confirm', NULL)$$, '23514'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES ((SELECT id FROM fx WHERE name = 'remote'), 'rollback', NULL)$$, 'YB707'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES ((SELECT id FROM fx WHERE name = 'settled'), 'confirm', '1')$$, 'YB705'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag, recorded_on) VALUES ((SELECT id FROM fx WHERE name = 'remote'), 'confirm', '1', 'infinity')$$, '23514'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag, recorded_on) VALUES ((SELECT id FROM fx WHERE name = 'remote'), 'confirm', '1', '-infinity')$$, '23514'),
	('table clearing_detail_confirmation', $$SELECT xdjy.clearing_confirm((SELECT id FROM fx WHERE name = 'remote')), xdjy.clearing_confirm((SELECT id FROM fx WHERE name = 'remote'))$$, 'YB706'),
	('table clearing_detail_confirmation', $$SELECT xdjy.clearing_confirm((SELECT id FROM fx WHERE name = 'remote')); UPDATE xdjy.clearing_detail_confirmation SET memo = 'x'$$, 'YB708'),
	('table clearing_detail_confirmation', $$SELECT xdjy.clearing_confirm((SELECT id FROM fx WHERE name = 'remote')); DELETE FROM xdjy.clearing_detail_confirmation$$, 'YB708'),
	('function clearing_confirm', $$SELECT xdjy.clearing_confirm((SELECT id FROM fx WHERE name = 'remote'), '1', 'infinity')$$, '23514'),
	('function clearing_confirm', $$SELECT xdjy.clearing_confirm((SELECT id FROM fx WHERE name = 'remote'), 'yes')$$, '23514'),
	('function clearing_confirm_month', $$SELECT xdjy.clearing_confirm_month('H11010500001', 2024, 8, '2')$$, '23514'),
	('function clearing_confirm_month', $$SELECT xdjy.clearing_confirm_month('H11010500001', 2024, 8, '1', 'infinity')$$, '23514'),
	('function clearing_rollback', $$SELECT xdjy.clearing_confirm_month('H11010500001', 2024, 8); SELECT xdjy.clearing_rollback('H11010500001', 2024, 8, '-infinity')$$, '23514'),
	('table clearing_detail_confirmation', $$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES (NULL, 'confirm', '1')$$, '23502');

-- settlement engine (S1–S6): settle / reverse / explain ----------
-- amounts near 2^63: a share that would overflow is 22003, never a wrap
INSERT INTO bad_case (area, sql, want) VALUES
	('function settle', $$SELECT xdjy.settle(NULL, 10000, 0, 'BAD-X', '2024-06-02')$$, '23502'),
	('function settle', $$SELECT xdjy.settle(-1, 10000, 0, 'BAD-X', '2024-06-02')$$, 'YB001'),
	('function settle', $$SELECT xdjy.settle(9223372036854775807, 10000, 0, 'BAD-X', '2024-06-02')$$, 'YB001'),
	('function settle', $$SELECT xdjy.settle(9223372036854775808, 10000, 0, 'BAD-X', '2024-06-02')$$, '42883'),
	-- a NULL total is taken from the fee lines; with none it is refused
	-- (YB811); a NULL out-of-scope amount is 0 without lines
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), NULL, 0, 'BAD-X', '2024-06-02')$$, 'YB811'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), NULL, NULL, 'BAD-X', '2024-06-02')$$, 'YB811'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, NULL, '2024-06-02')$$, '23502'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', NULL)$$, '23502'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '2024-06-02', NULL)$$, '23502'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '2024-06-02', 'direct', NULL)$$, '23502'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), -1, 0, 'BAD-X', '2024-06-02')$$, 'YB302'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), -9223372036854775808, 0, 'BAD-X', '2024-06-02')$$, 'YB302'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, -1, 'BAD-X', '2024-06-02')$$, 'YB302'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 10001, 'BAD-X', '2024-06-02')$$, 'YB302'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 9223372036854775807, 0, 'BAD-X', '2024-06-02')$$, '22003'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 9223372036854775807, 9223372036854775807, 'BAD-X', '2024-06-02')$$, '22003'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000000000000000, 0, 'BAD-X', '2024-06-02')$$, '22003'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 9223372036854775807 + 1, 0, 'BAD-X', '2024-06-02')$$, '22003'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '2024-06-01')$$, 'YB318'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '-infinity')$$, '22008'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', 'infinity')$$, '22008'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '5874898-01-01')$$, '22008'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '2024-06-02', 'cash')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '2024-06-02', '')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '2024-06-02', 'direct', true)$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', '2024-06-02', 'direct', false, -1)$$, 'YB001'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-INV-1', '2024-06-02')$$, 'YB308'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'attached'), 10000, 0, 'BAD-X', '2024-05-03')$$, 'YB305'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'nopolicy'), 10000, 0, 'BAD-X', '2024-08-01')$$, 'YB501'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, '', '2024-06-02')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, E'BAD\n', '2024-06-02')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, repeat('9', 100000), '2024-06-02')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, ' BAD-X', '2024-06-02')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X　', '2024-06-02')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, repeat('9', 101), '2024-06-02')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, (SELECT string_agg(md5(g::text), '') FROM generate_series(1, 300) g), '2024-06-02')$$, '23514'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, convert_from('\x54392dff', 'UTF8'), '2024-06-02')$$, '22021'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000000000000000, 10000000000000000, 'BAD-X', '2024-06-02')$$, '22003'),
	('function settle', $$SELECT xdjy.settle((SELECT id FROM fx WHERE name = 'wvisit2'), 9999999999999999 + 9999999999999999, 0, 'BAD-X', '2024-06-02')$$, '22003'),
	('function try_settle', $q$DO $$ BEGIN IF (xdjy.try_settle(-1, 10000, 0, 'BAD-X', '2024-06-02')).id IS NULL THEN
		RAISE EXCEPTION 'recorded' USING ERRCODE = (SELECT a.sqlstate FROM xdjy.settlement_attempt a ORDER BY a.id DESC LIMIT 1); END IF; END $$$q$, 'YB001'),
	('function try_settle', $q$DO $$ BEGIN IF (xdjy.try_settle((SELECT id FROM fx WHERE name = 'wvisit2'), -5, 0, 'BAD-X', '2024-06-02')).id IS NULL THEN
		RAISE EXCEPTION 'recorded' USING ERRCODE = (SELECT a.sqlstate FROM xdjy.settlement_attempt a ORDER BY a.id DESC LIMIT 1); END IF; END $$$q$, 'YB302'),
	('function try_settle', $q$DO $$ BEGIN IF (xdjy.try_settle((SELECT id FROM fx WHERE name = 'wvisit2'), 9223372036854775807, 0, 'BAD-X', '2024-06-02')).id IS NULL THEN
		RAISE EXCEPTION 'recorded' USING ERRCODE = (SELECT a.sqlstate FROM xdjy.settlement_attempt a ORDER BY a.id DESC LIMIT 1); END IF; END $$$q$, '22003'),
	('function try_settle', $q$DO $$ BEGIN IF (xdjy.try_settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-X', 'infinity')).id IS NULL THEN
		RAISE EXCEPTION 'recorded' USING ERRCODE = (SELECT a.sqlstate FROM xdjy.settlement_attempt a ORDER BY a.id DESC LIMIT 1); END IF; END $$$q$, '22008'),
	('function try_settle', $q$DO $$ BEGIN IF (xdjy.try_settle((SELECT id FROM fx WHERE name = 'wvisit2'), 10000, 0, 'BAD-INV-1', '2024-06-02')).id IS NULL THEN
		RAISE EXCEPTION 'recorded' USING ERRCODE = (SELECT a.sqlstate FROM xdjy.settlement_attempt a ORDER BY a.id DESC LIMIT 1); END IF; END $$$q$, 'YB308'),
	('function try_settle', $q$DO $$ BEGIN IF (xdjy.try_settle(NULL, NULL, NULL, NULL, NULL, NULL)).id IS NULL THEN
		RAISE EXCEPTION 'recorded' USING ERRCODE = (SELECT a.sqlstate FROM xdjy.settlement_attempt a ORDER BY a.id DESC LIMIT 1); END IF; END $$$q$, '23502'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement(NULL, '2024-06-05')$$, '23502'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement(-1, '2024-06-05')$$, 'YB001'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement(9223372036854775807, '2024-06-05')$$, 'YB001'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'reversed'), '2024-06-05')$$, 'YB314'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'reversal'), '2024-06-05')$$, 'YB315'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'settled'), NULL)$$, '23502'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'settled'), 'infinity')$$, '22008'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'settled'), '2024-05-31')$$, 'YB315'),
	('function reverse_settlement', $$SELECT xdjy.reverse_settlement((SELECT id FROM fx WHERE name = 'settled'), '-infinity')$$, '22008'),
	('function explain_settlement', $$SELECT * FROM xdjy.explain_settlement(-1)$$, 'YB001'),
	('function explain_settlement', $$SELECT * FROM xdjy.explain_settlement(NULL)$$, '22004'),
	('function explain_settlement', $$SELECT * FROM xdjy.explain_settlement((SELECT id FROM fx WHERE name = 'settled'), 'fr')$$, '22023'),
	('function explain_settlement', $$SELECT * FROM xdjy.explain_settlement((SELECT id FROM fx WHERE name = 'settled'), '')$$, '22023'),
	('function explain_settlement', $$SELECT * FROM xdjy.explain_settlement((SELECT id FROM fx WHERE name = 'settled'), repeat('z', 100000))$$, '22023'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(-1, 0, 0, 0, 0, 9000, 100, 0)$$, '22023'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(100, 101, 0, 0, 0, 9000, 100, 0)$$, '22023'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(100, 0, 10001, 0, 0, 9000, 100, 0)$$, '22023'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(100, 0, 0, 0, 0, -1, 100, 0)$$, '22023'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(100, 0, 0, -1, 0, 9000, 100, 0)$$, '22023'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(100, 0, 0, 0, 0, 9000, -9223372036854775808, 0)$$, '22023'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(9223372036854775807, 0, 1, 0, 0, 9000, 100, 0)$$, '22003'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(9223372036854775807, 0, 0, 0, 0, 1, 9223372036854775807, 0)$$, '22003'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(922337203685478, 0, 0, 0, 0, 10000, 9223372036854775807, 0)$$, '22003'),
	('function settlement_amounts', $$SELECT * FROM xdjy.settlement_amounts(100, 0, 2147483648, 0, 0, 9000, 100, 0)$$, '42883'),
	('function decide_manual_claim', $$SELECT xdjy.decide_manual_claim(-1, '2024-07-10')$$, 'YB001'),
	('function decide_manual_claim', $$SELECT xdjy.decide_manual_claim(NULL, '2024-07-10')$$, '22004'),
	('function decide_manual_claim', $$SELECT xdjy.decide_manual_claim((SELECT id FROM fx WHERE name = 'claim'), NULL)$$, '22004'),
	('function decide_manual_claim', $$SELECT xdjy.decide_manual_claim((SELECT id FROM fx WHERE name = 'claim'), 'infinity')$$, '22008'),
	('function decide_manual_claim', $$SELECT xdjy.decide_manual_claim((SELECT id FROM fx WHERE name = 'claim'), '2024-06-30')$$, 'YB402');

-- table settlement: direct writes obey the engine (S4, immutability)
INSERT INTO bad_case (area, sql, want) VALUES
	('table settlement', $$INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, settled_on, fund_fen) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-X', 10000, '2024-06-02', 10000)$$, 'YB316'),
	('table settlement', $$INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, settled_on, category) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-X', 10000, '2024-06-02', 'local')$$, 'YB316'),
	('table settlement', $$INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, settled_on, person_id) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-X', 10000, '2024-06-02', 'jinan-emp-1')$$, 'YB316'),
	('table settlement', $$INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, settled_on, reverses) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-X', 10000, '2024-06-02', (SELECT id FROM fx WHERE name = 'settled'))$$, 'YB315'),
	('table settlement', $$INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, settled_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-X', 10000, NULL)$$, '23502'),
	('table settlement', $$INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, settled_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), E'BAD\tX', 10000, '2024-06-02')$$, '23514'),
	('table settlement', $$UPDATE xdjy.settlement SET total_fen = 1 WHERE id = (SELECT id FROM fx WHERE name = 'settled')$$, 'YB313'),
	('table settlement', $$UPDATE xdjy.settlement SET invoice_no = invoice_no WHERE id = (SELECT id FROM fx WHERE name = 'settled')$$, 'YB313'),
	('table settlement', $$DELETE FROM xdjy.settlement WHERE id = (SELECT id FROM fx WHERE name = 'settled')$$, 'YB313'),
	('table settlement', $$INSERT INTO xdjy.settlement (id, encounter_id, invoice_no, total_fen, settled_on) VALUES ((SELECT id FROM fx WHERE name = 'settled'), (SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-X', 10000, '2024-06-02')$$, '23505'),
	('table settlement', $$INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, settled_on, own_reason) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-X', 10000, '2024-06-02', NULL)$$, '23502');

-- policy as data: tables of the policy section ---------------------
INSERT INTO bad_case (area, sql, want) VALUES
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,)', 10001, 1, 'inpatient')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,)', -1, 1, 'inpatient')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,)', 9000, -1, 'inpatient')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,)', 9000, 9223372036854775808, 'inpatient')$$, '22003'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group, deductible_fen) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,)', 9000, 1, 'inpatient', -1)$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'long_term', 'inpatient', '[2024-01-01,)', 9000, 1, 'inpatient')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'dental', '[2024-01-01,)', 9000, 1, 'inpatient')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', 'empty', 9000, 1, 'inpatient')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,2023-01-01)', 9000, 1, 'inpatient')$$, '22000'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', NULL, 9000, 1, 'inpatient')$$, '23502'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,)', 9000, 1, 'In Patient')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,)', 9000, 1, '')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('999999', 'resident', 'local', 'inpatient', '[2024-01-01,)', 9000, 1, 'inpatient')$$, '23503'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'employee', 'local', 'outpatient', '[2024-06-01,)', 9000, 1, 'outpatient')$$, 'YB507'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group, first_selfpay_bp) VALUES ('371000', 'employee', 'temporary', 'inpatient', '[2024-01-01,)', 9000, 1, 'inpatient', 1001)$$, 'YB502'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group, first_selfpay_bp) VALUES ('371000', 'employee', 'local', 'inpatient', '[2025-01-01,)', 9000, 1, 'inpatient', 100)$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, tier, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', 4, '[2024-01-01,)', 9000, 1, 'inpatient')$$, '23514'),
	('table policy', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, annual_cap_fen, quota_group) VALUES ('371000', 'resident', 'local', 'inpatient', '[2024-01-01,2024-01-01)', 9000, 1, 'inpatient')$$, '23514'),
	('table first_selfpay_ceiling', $$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source) VALUES ('370', 'inpatient', '[2030-01-01,)', 1000, 'x')$$, '23514'),
	('table first_selfpay_ceiling', $$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source) VALUES ('44', 'inpatient', '[2030-01-01,)', 10001, 'x')$$, '23514'),
	('table first_selfpay_ceiling', $$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source) VALUES ('37', 'inpatient', '[2030-01-01,)', 500, 'x')$$, 'YB507'),
	('table first_selfpay_ceiling', $$INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source, builtin) VALUES ('44', 'inpatient', '[2030-01-01,)', 500, 'x', true)$$, 'YB504'),
	('table first_selfpay_ceiling', $$UPDATE xdjy.first_selfpay_ceiling SET ceiling_bp = 2000 WHERE builtin$$, 'YB504'),
	('table first_selfpay_ceiling', $$DELETE FROM xdjy.first_selfpay_ceiling WHERE builtin$$, 'YB504'),
	('table ratio_adjustment', $$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh) VALUES ('44', 'local', 'set', 10001, '[2030-01-01,)', 'x', 'x', 'x')$$, '23514'),
	('table ratio_adjustment', $$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh) VALUES ('44', 'local', 'delta', -10001, '[2030-01-01,)', 'x', 'x', 'x')$$, '23514'),
	('table ratio_adjustment', $$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh) VALUES ('44', 'local', 'multiply', 2, '[2030-01-01,)', 'x', 'x', 'x')$$, '23514'),
	('table ratio_adjustment', $$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh) VALUES ('22', 'unfiled', 'set', 3000, '[2030-01-01,)', 'x', 'x', 'x')$$, 'YB507'),
	('table ratio_adjustment', $$INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh) VALUES ('44', 'local', 'delta', 2147483648, '[2030-01-01,)', 'x', 'x', 'x')$$, '22003'),
	('table ratio_adjustment', $$DELETE FROM xdjy.ratio_adjustment WHERE builtin$$, 'YB504'),
	('table home_benefit_kept', $$INSERT INTO xdjy.home_benefit_kept (province, valid, source) VALUES ('2', '[2030-01-01,)', 'x')$$, '23514'),
	('table home_benefit_kept', $$INSERT INTO xdjy.home_benefit_kept (province, valid, source) VALUES ('22', '[2030-01-01,)', 'x')$$, '23P01'),
	('table home_benefit_kept', $$UPDATE xdjy.home_benefit_kept SET valid = '[2019-10-02,)' WHERE builtin$$, 'YB504'),
	('table referral', $$INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis) VALUES ('weihai-emp-1', 'H37100200001', '2024-05-01', '')$$, '23514'),
	('table referral', $$INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis) VALUES ('nobody', 'H37100200001', '2024-05-01', 'C34')$$, '23503'),
	('table referral', $$INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis) VALUES ('weihai-emp-1', 'nowhere', '2024-05-01', 'C34')$$, '23503'),
	('table referral', $$INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis) VALUES ('weihai-emp-1', 'H37100200001', NULL, 'C34')$$, '23502'),
	('table referral', $$INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis, destination_region) VALUES ('weihai-emp-1', 'H37100200001', '2024-05-01', 'C34', '999999')$$, '23503'),
	('table ledger', $$INSERT INTO xdjy.ledger (person_id, year, quota_group, fund_paid_fen) VALUES ('weihai-emp-1', 2030, 'outpatient', -1)$$, '23514'),
	('table ledger', $$INSERT INTO xdjy.ledger (person_id, year, quota_group, deductible_met_fen) VALUES ('weihai-emp-1', 2030, 'outpatient', -9223372036854775808)$$, '23514'),
	('table ledger', $$INSERT INTO xdjy.ledger (person_id, year, quota_group) VALUES ('nobody', 2030, 'outpatient')$$, '23503'),
	('table ledger', $$INSERT INTO xdjy.ledger (person_id, year, quota_group) VALUES ('weihai-emp-1', 2024, 'outpatient')$$, '23505');

-- manual claims (S5, 吉医保发〔2019〕34号 附件第15–16条) ---------------------------------------------
INSERT INTO bad_case (area, sql, want) VALUES
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES (-1, 'BAD-C', 100, '2024-07-01')$$, 'YB001'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES (NULL, 'BAD-C', 100, '2024-07-01')$$, '23502'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), NULL, 100, '2024-07-01')$$, '23502'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', -1, '2024-07-01')$$, 'YB302'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, out_of_scope_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 100, 101, '2024-07-01')$$, 'YB302'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 100, '2025-04-01')$$, 'YB401'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 100, 'infinity')$$, '22008'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 100, '-infinity')$$, '22008'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 100, '2024-07-01', '2024-06-30')$$, '23514'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on, status) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 100, '2024-07-01', 'maybe')$$, 'YB404'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 9223372036854775808, '2024-07-01')$$, '22003'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), '', 100, '2024-07-01')$$, '23514'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), E'BAD-C\r\n', 100, '2024-07-01')$$, '23514'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 10000000000000000, '2024-07-01')$$, '22003'),
	('table manual_claim', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on) VALUES ((SELECT id FROM fx WHERE name = 'wvisit2'), 'BAD-C', 100, '2024-07-01', 'infinity')$$, '22008'),
	('table manual_claim', $$UPDATE xdjy.manual_claim SET total_fen = 1 WHERE id = (SELECT id FROM fx WHERE name = 'claim')$$, 'YB404'),
	('table manual_claim', $$UPDATE xdjy.manual_claim SET materials_complete_on = 'infinity' WHERE id = (SELECT id FROM fx WHERE name = 'claim')$$, '22008'),
	('table manual_claim', $$UPDATE xdjy.manual_claim SET status = 'paid' WHERE id = (SELECT id FROM fx WHERE name = 'claim')$$, '23514');

-- reconciliation, deadlines, rates, coverage (R1–R5) ------------
INSERT INTO bad_case (area, sql, want) VALUES
	('function reconciliation_due_on', $$SELECT xdjy.reconciliation_due_on('5874897-12-15')$$, '22008'),
	('function reconciliation_due_on', $$SELECT xdjy.reconciliation_due_on('5874898-01-01')$$, '22008'),
	('function clearing_confirm_due_on', $$SELECT xdjy.clearing_confirm_due_on('5874897-12-31')$$, '22008'),
	('function detail_upload_due_on', $$SELECT xdjy.detail_upload_due_on('5874897-12-30')$$, '22008'),
	('function clearing_pay_due_on', $$SELECT xdjy.clearing_pay_due_on('5874897-12-01')$$, '22008'),
	('function clearing_pay_due_on', $$SELECT xdjy.clearing_pay_due_on('')$$, '22007'),
	('function clearing_transfer_due_on', $$SELECT xdjy.clearing_transfer_due_on('4714-11-24 BC')$$, '22008'),
	('function rate_bp', $$SELECT xdjy.rate_bp(-1, 10)$$, '22023'),
	('function rate_bp', $$SELECT xdjy.rate_bp(1, -1)$$, '22023'),
	('function rate_bp', $$SELECT xdjy.rate_bp(-9223372036854775808, -9223372036854775808)$$, '22023'),
	('function rate_bp', $$SELECT xdjy.rate_bp(9223372036854775807, 1)$$, '22003'),
	('function rate_bp', $$SELECT xdjy.rate_bp(1, 9223372036854775807)$$, '22003'),
	('function rate_bp', $$SELECT xdjy.rate_bp(461168601842738, 1)$$, '22003'),
	('function rate_bp', $$SELECT xdjy.rate_bp(9223372036854775808, 1)$$, '42883'),
	('function rate_meets', $$SELECT xdjy.rate_meets(-1, 1, 9800)$$, '22023'),
	('function rate_meets', $$SELECT xdjy.rate_meets(9223372036854775807, 1, 9800)$$, '22003'),
	('function rate_meets', $$SELECT xdjy.rate_meets(1, 9223372036854775807, 9800)$$, '22003'),
	('function kpi_target_bp', $$SELECT xdjy.kpi_target_bp('')$$, '22023'),
	('function kpi_target_bp', $$SELECT xdjy.kpi_target_bp('NETWORK_SUCCESS')$$, '22023'),
	('function kpi_target_bp', $$SELECT xdjy.kpi_target_bp(E'network_success\n')$$, '22023'),
	('function coverage_minimum', $$SELECT xdjy.coverage_minimum('county')$$, '22023'),
	('function coverage_minimum', $$SELECT xdjy.coverage_minimum(repeat('x', 100000))$$, '22023'),
	('function province_of', $$SELECT xdjy.province_of('37010')$$, '22023'),
	('function province_of', $$SELECT xdjy.province_of('3701000')$$, '22023'),
	('function province_of', $$SELECT xdjy.province_of('')$$, '22023'),
	('function province_of', $$SELECT xdjy.province_of('３７０１００')$$, '22023'),
	('function province_of', $$SELECT xdjy.province_of(E'37010\x01')$$, '22023'),
	('function province_of', $$SELECT xdjy.province_of('37010200１')$$, '22023'),
	('function reporting_label', $$SELECT xdjy.reporting_label('x')$$, '22023'),
	('function reporting_label', $$SELECT xdjy.reporting_label('', 'en')$$, '22023'),
	('function reporting_label', $$SELECT xdjy.reporting_label('done', 'fr')$$, '22023'),
	('function reconciliation_kinds', $$SELECT xdjy.reconciliation_kinds(ARRAY[1, 2]::bigint[], NULL, NULL, NULL)$$, '22023'),
	('function reconciliation_kinds', $$SELECT xdjy.reconciliation_kinds(ARRAY[1, 2, 3]::bigint[], ARRAY[1, 2, 3, 4]::bigint[], NULL, NULL)$$, '22023'),
	('function reconciliation_kinds', $$SELECT xdjy.reconciliation_kinds(ARRAY[[1, 2, 3]]::bigint[], NULL, NULL, NULL)$$, '22023'),
	('table party_report', $$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('hospital', 1, '2024-08-02', 1, 1, 0)$$, '23514'),
	('table party_report', $$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', NULL, '2024-08-02', 1, 1, 0)$$, '23502'),
	('table party_report', $$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', 1, 'infinity', 1, 1, 0)$$, '23514'),
	('table party_report', $$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', 1, '-infinity', 1, 1, 0)$$, '23514'),
	('table party_report', $$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', 1, '2024-08-02', 9223372036854775808, 1, 0)$$, '22003'),
	('table party_report', $$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', 1, '2024-08-02', 1, NULL, 0)$$, '23502'),
	('table detail_upload', $$INSERT INTO xdjy.detail_upload (settlement_id, uploaded_on) VALUES (-1, '2024-08-02')$$, '23503'),
	('table detail_upload', $$INSERT INTO xdjy.detail_upload (settlement_id, uploaded_on) VALUES ((SELECT id FROM fx WHERE name = 'remote'), 'infinity')$$, '23514'),
	('table detail_upload', $$INSERT INTO xdjy.detail_upload (settlement_id, uploaded_on) VALUES ((SELECT id FROM fx WHERE name = 'remote'), NULL)$$, '23502'),
	('table detail_upload', $$INSERT INTO xdjy.detail_upload (settlement_id, uploaded_on) VALUES ((SELECT id FROM fx WHERE name = 'remote'), '2024-08-02'), ((SELECT id FROM fx WHERE name = 'remote'), '2024-08-03')$$, '23505'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-08-15', 'H11010500001', '2024-09-10', 1)$$, '23514'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-08-01', 'H11010500001', '2024-08-31', 1)$$, '23514'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-08-01', 'nowhere', '2024-09-10', 1)$$, '23503'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen, settlements) VALUES ('2024-08-01', 'H11010500001', '2024-09-10', 1, -1)$$, '23514'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen, rolled_back_on) VALUES ('2024-08-01', 'H11010500001', '2024-09-10', 1, '2024-09-09')$$, '23514'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-08-01', 'H11010500001', 'infinity', 1)$$, '23514'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('infinity', 'H11010500001', 'infinity', 1)$$, '23514'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('294276-12-01', 'H11010500001', '294276-12-31', 1)$$, 'YB004'),
	('table clearing_confirmation', $$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-08-01', 'H11010500001', '2024-09-10', 1), ('2024-08-01', 'H11010500001', '2024-09-11', 1)$$, '23505'),
	('table clearing_declaration', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen, paid_on) VALUES ('2024-08-01', 'H11010500001', '2024-09-10', 1, '2024-10-01')$$, '23514'),
	('table clearing_declaration', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen, paid_on, paid_fen) VALUES ('2024-08-01', 'H11010500001', '2024-09-10', 1, '2024-09-09', 1)$$, '23514'),
	('table clearing_declaration', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen) VALUES ('2024-08-01', 'H11010500001', '2024-07-31', 1)$$, '23514'),
	('table clearing_declaration', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen, paid_on, paid_fen) VALUES ('2024-08-01', 'H11010500001', '2024-09-10', 1, 'infinity', 1)$$, '23514'),
	('table clearing_declaration', $$INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen) VALUES ('2024-08-01', 'H11010500001', '2024-09-10', 9223372036854775808)$$, '22003'),
	('table provincial_clearing', $$INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES ('370100', '2024-08-01', '2024-09-15')$$, '23514'),
	('table provincial_clearing', $$INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES ('3701', '2024-08-01', '2024-09-15')$$, '22023'),
	('table provincial_clearing', $$INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES ('990000', '2024-08-01', '2024-09-15')$$, '23503'),
	('table provincial_clearing', $$INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES ('370000', '2024-08-01', '-infinity')$$, '23514'),
	('table clearing_transfer', $$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-08-01', '999999', '2024-09-10', 1)$$, '23503'),
	('table clearing_transfer', $$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-08-01', '371000', '2024-08-30', 1)$$, '23514'),
	('table clearing_transfer', $$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-08-01', '371000', 'infinity', 1)$$, '23514'),
	('table operator_region', $$INSERT INTO xdjy.operator_region (role, region_code) VALUES ('xdjy_operator', '999999')$$, '23503'),
	('table operator_region', $$INSERT INTO xdjy.operator_region (role, region_code) VALUES ('somebody', '370100')$$, 'YB003'),
	('table operator_region', $$INSERT INTO xdjy.operator_region (role, region_code) VALUES (repeat('r', 100), '370100')$$, 'YB003'),
	('table operator_region', $$INSERT INTO xdjy.operator_region (role, region_code) VALUES (NULL, '370100')$$, '23502'),
	('table operator_region', $$INSERT INTO xdjy.operator_region (role, region_code) VALUES ('xdjy_operator', '370100'), ('xdjy_operator', '370100')$$, '23505');

-- binary input (recv) repeats every check of text input ----------------------
INSERT INTO bad_case (area, sql, want)
SELECT 'type ' || t || ' binary', pg_catalog.format(
	$f$DO $$ BEGIN EXECUTE pg_catalog.format('COPY pg_temp.%s FROM %%L WITH (FORMAT binary)', current_setting('data_directory') || '/xdjy_bad_%s_' || pg_backend_pid() || '.bin'); END $$$f$,
	tbl, f), w
FROM (VALUES ('residence_category', 'bin_rc'), ('filing_status', 'bin_fs')) x(t, tbl),
	(VALUES ('code', '22P03'), ('neg', '22P03'), ('width', '22P03'), ('short', '08P01')) y(f, w);

-- functions no value breaks: a bad literal of their argument types --------
INSERT INTO bad_case (area, sql, want) VALUES
	('function is_chosen_institution', $$SELECT xdjy.is_chosen_institution('jinan-emp-1', 'H11010500002', '2024-02-30')$$, '22008'),
	('function is_chosen_institution', $$SELECT xdjy.is_chosen_institution('jinan-emp-1', 'H11010500002', 'soon')$$, '22007'),
	('function pooling_region', $$SELECT xdjy.pooling_region('370100', '370000')$$, '42883'),
	('function stay_span', $$SELECT xdjy.stay_span('x', NULL)$$, '22007'),
	('function stay_span', $$SELECT xdjy.stay_span('5874898-01-01', NULL)$$, '22008'),
	('function month_of', $$SELECT xdjy.month_of('2024-13-01')$$, '22008'),
	('function deadline_status', $$SELECT xdjy.deadline_status('2024-01-03', NULL, 'tomorrow-ish')$$, '22007'),
	('function deadline_missed', $$SELECT xdjy.deadline_missed('2024-02-30', NULL, '2024-03-01')$$, '22008'),
	('function operator_regions', $$SELECT xdjy.operator_regions('370100')$$, '42883'),
	('function operator_institutions', $$SELECT xdjy.operator_institutions('H1')$$, '42883'),
	('function stmt_scope', $$SELECT * FROM xdjy.stmt_scope('370100', '310', '11', '2024-02-30', '2024-03-01')$$, '22008'),
	('function stmt_check_batch', $$SELECT xdjy.stmt_check_batch(NULL)$$, 'YB702'),
	('function stmt_check_batch', $$SELECT xdjy.stmt_check_batch('no-such-batch')$$, 'YB001'),
	('function stmt_check_batch', $$SELECT xdjy.stmt_check_batch(repeat('b', 100000))$$, 'YB001'),
	('function filing_status_can_transition', $$SELECT xdjy.filing_status_can_transition('active', NULL::text)$$, '42883'),
	('table filing_exemption', $$INSERT INTO xdjy.filing_exemption (province, valid, source) VALUES ('370100', '[2030-01-01,)', 'x')$$, '23514'),
	('table filing_exemption', $$INSERT INTO xdjy.filing_exemption (province, valid, source) VALUES ('370000', '[2030-01-01,)', 'x')$$, '23P01'),
	('table filing_exemption', $$INSERT INTO xdjy.filing_exemption (province, valid, source) VALUES ('440000', 'empty', 'x')$$, '23514'),
	('table filing_exemption', $$INSERT INTO xdjy.filing_exemption (province, valid, source) VALUES ('990000', '[2030-01-01,)', 'x')$$, '23503'),
	('table institution_choice_rule', $$INSERT INTO xdjy.institution_choice_rule (province, scheme, valid, source) VALUES ('220000', 'resident', '[2030-01-01,)', 'x')$$, '23P01'),
	('table institution_choice_rule', $$INSERT INTO xdjy.institution_choice_rule (province, scheme, valid, source) VALUES ('22', 'resident', '[2030-01-01,)', 'x')$$, '23514'),
	('table institution_choice_rule', $$INSERT INTO xdjy.institution_choice_rule (province, scheme, valid, source) VALUES ('110000', 'both', '[2030-01-01,)', 'x')$$, '23514'),
	('table filing_history', $$INSERT INTO xdjy.filing_history (filing_id, event) VALUES ((SELECT id FROM fx WHERE name = 'long_term'), 'deleted')$$, '23514'),
	('table filing_history', $$INSERT INTO xdjy.filing_history (filing_id, event) VALUES (NULL, 'filed')$$, '23502'),
	('table filing_history', $$INSERT INTO xdjy.filing_history (filing_id, event, old_row) VALUES ((SELECT id FROM fx WHERE name = 'long_term'), 'filed', '{')$$, '22P02'),
	('table settlement_attempt', $$INSERT INTO xdjy.settlement_attempt (attempted_on, mode, sqlstate, message) VALUES ('2024-01-01', 'direct', 'YB3011', 'x')$$, '22001'),
	('table settlement_attempt', $$INSERT INTO xdjy.settlement_attempt (attempted_on, mode, sqlstate, message) VALUES (NULL, 'direct', 'YB301', 'x')$$, '23502'),
	('table settlement_attempt', $$INSERT INTO xdjy.settlement_attempt (attempted_on, encounter_id, mode, sqlstate, message) VALUES ('2024-01-01', -1, 'direct', 'YB301', 'x')$$, '23503'),
	('view setlinfo', $$INSERT INTO xdjy.setlinfo (psn_no) VALUES ('x')$$, '55000'),
	('view reconciliation_mismatch', $$DELETE FROM xdjy.reconciliation_mismatch$$, '55000'),
	('view clearing_detail', $$UPDATE xdjy.clearing_detail SET cnfm_flag = '1'$$, '55000');

-- run every case in its own subtransaction ---------------------------------
DO $$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT * FROM bad_case ORDER BY n LOOP
		-- a case that does not fail must not leave rows behind for the
		-- next: success raises ZX999, so every case rolls back
		BEGIN
			EXECUTE c.sql;
			RAISE EXCEPTION 'no error' USING ERRCODE = 'ZX999';
		EXCEPTION WHEN OTHERS THEN
			UPDATE bad_case SET got = CASE SQLSTATE WHEN 'ZX999' THEN 'no error' ELSE SQLSTATE END
			WHERE n = c.n;
		END;
	END LOOP;
END
$$;

SELECT plan((SELECT count(*)::int + 3 FROM bad_case));
SELECT is(got, want, pg_catalog.format('%s: %s', area, translate(
	CASE WHEN length(sql) > 120 THEN left(sql, 100) || '…(' || length(sql) || ' chars)' ELSE sql END, E'\n\t\r', '   ')))
FROM bad_case ORDER BY n;
SELECT ok((SELECT count(*) FROM bad_case) >= 300, 'at least 300 bad inputs');
SELECT is((SELECT count(*) FROM bad_case WHERE got = 'XX000')::int, 0, 'no bad input raised XX000 (internal error)');
SELECT is((SELECT 1), 1, 'the backend survived every bad input');
SELECT * FROM finish();
ROLLBACK;
