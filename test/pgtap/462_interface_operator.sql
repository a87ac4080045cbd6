-- xdjy.call() as an operator (xdjy_operator, limited by operator_region):
-- no message in the name of an institution outside its regions (YB005,
-- nothing logged), nothing learnt of a msgid another institution logged
-- (YB911, nothing logged, the msgid still its owner's), and a 冲正 naming
-- such a message gets YB911, never YB906's values.
BEGIN;
SELECT plan(12);
SET LOCAL search_path = xdjy, public;
SET LOCAL xdjy.language = en;

INSERT INTO person VALUES ('tap-op-1', '经办一', '370100', 'employee');
INSERT INTO institution (code, name_zh, region_code, tier, networked_inpatient, networked_outpatient) VALUES
	('TAP-OP-JN', '济南经办测试医院', '370102', 3, true, true),
	('TAP-OP-WH', '威海经办测试医院', '371002', 3, true, true);
CREATE ROLE tap_jn_operator NOLOGIN IN ROLE xdjy_operator;
CREATE ROLE tap_wh_operator NOLOGIN IN ROLE xdjy_operator;
INSERT INTO operator_region VALUES ('tap_jn_operator', '370100'), ('tap_wh_operator', '371000');

CREATE FUNCTION pg_temp.req(infno text, msgid text, code text, input jsonb)
RETURNS jsonb LANGUAGE sql AS $$
	SELECT jsonb_build_object('infno', infno, 'msgid', msgid, 'fixmedins_code', code,
		'inf_time', '2024-08-14 10:00:00', 'mdtrtarea_admvs', '370100', 'insuplc_admdvs', '370100',
		'opter', 'tap', 'input', input)
$$;
CREATE FUNCTION pg_temp.code(r jsonb) RETURNS text LANGUAGE sql AS $$
	SELECT substring(r ->> 'err_msg' FROM '^\[(\w{5})\]')
$$;
GRANT EXECUTE ON FUNCTION pg_temp.req(text, text, text, jsonb), pg_temp.code(jsonb) TO PUBLIC;

-- Weihai's operator logs a query of its own institution
SET LOCAL ROLE tap_wh_operator;
SELECT is(call(pg_temp.req('5206', 'TAP-OP-WH-1', 'TAP-OP-WH', '{"data": {"psn_no": "tap-op-1"}}')) -> 'infcode',
	'0'::jsonb, 'Weihai''s operator calls for its own institution');
RESET ROLE;

SET LOCAL ROLE tap_jn_operator;
-- in the name of another region's institution: YB005, nothing logged
SELECT is(pg_temp.code(call(pg_temp.req('2401', 'TAP-OP-JN-X', 'TAP-OP-WH',
		'{"mdtrtinfo": {"psn_no": "tap-op-1", "med_type": "21", "begntime": "2024-08-12 09:00:00"}}'))),
	'YB005', 'Jinan''s operator sending in the name of a Weihai institution: YB005');
RESET ROLE;
SELECT is((SELECT count(*) FROM transaction_log WHERE msgid = 'TAP-OP-JN-X'), 0::bigint,
	'the refused call is not logged: the msgid stays free');
SELECT is((SELECT count(*) FROM encounter WHERE person_id = 'tap-op-1'), 0::bigint, 'and it admitted nobody');

SET LOCAL ROLE tap_jn_operator;
-- Weihai's msgid reused by Jinan (same request, own institution): YB911
SELECT is(pg_temp.code(call(pg_temp.req('5206', 'TAP-OP-WH-1', 'TAP-OP-JN', '{"data": {"psn_no": "tap-op-1"}}'))),
	'YB911', 'another institution''s msgid: YB911');
SELECT is(call(pg_temp.req('2401', 'TAP-OP-WH-1', 'TAP-OP-JN',
		'{"mdtrtinfo": {"psn_no": "tap-op-1", "med_type": "21", "begntime": "2024-08-12 09:00:00"}}')) ->> 'err_msg',
	'[YB911] message not available to the caller: Message "TAP-OP-WH-1" is not available to role "tap_jn_operator".',
	'with another request too: YB911, nothing of the message told (not YB904)');
SELECT is(call(pg_temp.req('2601', 'TAP-OP-JN-R', 'TAP-OP-JN',
		'{"data": {"psn_no": "tap-op-1", "omsgid": "TAP-OP-WH-1", "oinfno": "2401"}}')) ->> 'err_msg',
	'[YB911] message not available to the caller: Message "TAP-OP-WH-1" is not available to role "tap_jn_operator".',
	'a 冲正 naming Weihai''s message: YB911, not YB906 with its interface and institution');
RESET ROLE;
SELECT is((SELECT ROW(state, infno, fixmedins_code, reversed_by) FROM transaction_log WHERE msgid = 'TAP-OP-WH-1'),
	ROW('done'::text, '5206'::text, 'TAP-OP-WH'::text, NULL::text),
	'Weihai''s message is untouched: done, its own, not reversed');
SELECT is((SELECT state FROM transaction_log WHERE msgid = 'TAP-OP-JN-R'), 'failed',
	'the refused 冲正 is the caller''s own message, logged failed');
SELECT is((SELECT count(*) FROM encounter WHERE person_id = 'tap-op-1'), 0::bigint, 'nothing admitted');

-- the owner's retry is answered as before
SET LOCAL ROLE tap_wh_operator;
SELECT is(call(pg_temp.req('5206', 'TAP-OP-WH-1', 'TAP-OP-WH', '{"data": {"psn_no": "tap-op-1"}}')) -> 'infcode',
	'0'::jsonb, 'Weihai''s retry of its msgid gets its recorded answer');
-- a 冲正 of its own institution's message naming another interface: YB906, its own values
SELECT is(pg_temp.code(call(pg_temp.req('2601', 'TAP-OP-WH-R', 'TAP-OP-WH',
		'{"data": {"psn_no": "tap-op-1", "omsgid": "TAP-OP-WH-1", "oinfno": "2401"}}'))),
	'YB906', 'a 冲正 of a readable message with the wrong interface: YB906 as before');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
