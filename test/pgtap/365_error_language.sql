-- Errors in the user's language: under xdjy.language = zh every part of an
-- xdjy error (message, DETAIL, HINT) is Chinese, under en English; the
-- message is the catalogue's (xdjy.error_code), the DETAIL and HINT come
-- from the message catalogue src/messages_zh.c (test/t/016_messages.sh
-- checks that every format has its Chinese).  One error or more of every
-- code category, raised under both settings.
BEGIN;
\ir include/settlement_data.sql

CREATE FUNCTION pg_temp.err(sql text, lang text,
	OUT state text, OUT message text, OUT detail text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_catalog.set_config('xdjy.language', lang, true);
	BEGIN
		EXECUTE sql;
		state := 'no error';
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
			detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
	END;
	PERFORM pg_catalog.set_config('xdjy.language', 'en', true);
END $$;

INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(959002, 'SETL-JN-E', 'SETL-BJ-H3', 'outpatient', '2024-03-05', '2024-03-05');

CREATE TEMP TABLE cases (code text, sql text) ON COMMIT DROP;
INSERT INTO cases VALUES
	('YB001', $$SELECT xdjy.cancel_filing(-1, '2024-03-05')$$),
	('YB003', $$INSERT INTO xdjy.operator_region VALUES ('no_such_role', '370100')$$),
	('YB010', $$SELECT xdjy.schedule_daily_reconciliation('01:30')$$),
	('YB105', $$SELECT xdjy.file_long_term('SETL-JN-E', '110000', '2024-03-04', '2024-03-10')$$),
	('YB201', $$INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
		VALUES (959001, 'SETL-JN-E', 'SETL-JN-H3', 'inpatient', '2024-03-05', '2024-03-04')$$),
	('YB202', $$INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
		VALUES (959003, 'SETL-JN-E', 'SETL-JN-H3', 'pharmacy', '2024-03-05', '2024-03-05')$$),
	('YB301', $$SELECT xdjy.settle(959002, 10000, 0, 'LANG-1', '2024-03-05')$$),
	('YB001', $$SELECT * FROM xdjy.explain_settlement(959999)$$),
	('YB401', $$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
		VALUES (959002, 'LANG-MC-1', 500000, '2025-04-01')$$),
	('YB502', $$INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
		VALUES ('370800', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 100000, 7000, 2000, 50000000, 'inpatient')$$),
	('YB504', $$UPDATE xdjy.policy_document SET note = 'x' WHERE code = '鲁医保发〔2021〕46号'$$),
	('YB601', $$UPDATE xdjy.holiday SET is_workday = true WHERE day = '2024-10-01'$$),
	('YB702', $$SELECT * FROM xdjy.export_setlinfo('2024-04-01', '2024-03-01')$$);

CREATE TEMP TABLE raised ON COMMIT DROP AS
SELECT c.code || CASE WHEN count(*) OVER (PARTITION BY c.code) > 1 THEN ' #' || row_number() OVER (PARTITION BY c.code) ELSE '' END AS label, c.code, c.sql, en.state AS state_en, en.message AS message_en, en.detail AS detail_en, en.hint AS hint_en,
	zh.state AS state_zh, zh.message AS message_zh, zh.detail AS detail_zh, zh.hint AS hint_zh
FROM cases c, pg_temp.err(c.sql, 'en') en, pg_temp.err(c.sql, 'zh') zh;

SELECT plan((SELECT 6 * count(*)::int FROM raised) + 2);

SELECT is((SELECT count(DISTINCT substr(code, 1, 3))::int FROM raised WHERE code LIKE 'YB%'), 8,
	'the sample covers the eight code categories YB0 to YB7');

SELECT is(r.state_en || ' ' || r.state_zh, r.code || ' ' || r.code, r.label || ': raised under en and under zh')
FROM raised r ORDER BY r.label;
SELECT is(r.message_en, e.message_en, r.label || ': under en the message is the catalogue''s message_en')
FROM raised r JOIN xdjy.error_code e ON e.code = r.code ORDER BY r.label;
SELECT is(r.message_zh, e.message_zh, r.label || ': under zh the message is the catalogue''s message_zh')
FROM raised r JOIN xdjy.error_code e ON e.code = r.code ORDER BY r.label;
SELECT ok(r.detail_zh ~ '[一-龥]' AND r.detail_zh IS DISTINCT FROM r.detail_en,
	r.label || ': under zh the DETAIL is Chinese: ' || coalesce(r.detail_zh, 'none'))
FROM raised r ORDER BY r.label;
SELECT ok(coalesce(r.hint_zh, '') = coalesce(r.hint_en, '') AND r.hint_en IS NULL
	OR r.hint_zh ~ '[一-龥]' AND r.hint_zh IS DISTINCT FROM r.hint_en,
	r.label || ': under zh the HINT, if any, is Chinese: ' || coalesce(r.hint_zh, 'none'))
FROM raised r ORDER BY r.label;
SELECT ok(r.detail_en !~ '[的为在是]' AND coalesce(r.hint_en, '') !~ '[的为在是请]',
	r.label || ': under en the DETAIL and HINT are English: ' || coalesce(r.detail_en, 'none'))
FROM raised r ORDER BY r.label;

SELECT ok((SELECT count(*) FROM raised WHERE hint_zh ~ '[一-龥]') >= 8,
	'most of the sample carry a Chinese HINT');

SELECT * FROM finish();
ROLLBACK;
