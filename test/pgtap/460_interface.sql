-- The national interface (xdjy.call) exactly once by msgid: every
-- interface's required fields and errors, pre-settlement equal to the
-- settlement, and each 冲正 (2601) case: took effect, never arrived,
-- arrives late, 冲正 twice (鲁医保发〔2021〕46号 第四条: nothing paid twice;
-- 鲁医保发〔2022〕26号 第五条(三): failures in one standard form).
BEGIN;
SELECT plan(67);
SET LOCAL search_path = xdjy, public;
SET LOCAL xdjy.language = en;

INSERT INTO person VALUES ('tap-if-1', '接口一', '370100', 'employee'), ('tap-if-2', '接口二', '370100', 'employee');
INSERT INTO institution (code, name_zh, region_code, tier, networked_inpatient, networked_outpatient)
VALUES ('TAP-IF-H', '济南接口测试医院', '370102', 3, true, true);
INSERT INTO policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('370100', 'employee', 'local', 'inpatient', '[2024-01-01,)', 100000, 9000, 0, 50000000, 'inpatient', 'tap-if'),
	('370100', 'employee', 'local', 'outpatient', '[2024-01-01,)', 10000, 6000, 0, 200000, 'outpatient', 'tap-if');
INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid) VALUES
	('370100', 'TIFA', '甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)');

-- a request of the institution, at a business time
CREATE FUNCTION pg_temp.req(infno text, msgid text, input jsonb, t text DEFAULT '2024-08-14 10:00:00')
RETURNS jsonb LANGUAGE sql AS $$
	SELECT jsonb_build_object('infno', infno, 'msgid', msgid, 'fixmedins_code', 'TAP-IF-H',
		'inf_time', t, 'mdtrtarea_admvs', '370100', 'insuplc_admdvs', '370100', 'opter', 'tap',
		'input', input)
$$;
CREATE FUNCTION pg_temp.code(r jsonb) RETURNS text LANGUAGE sql AS $$
	SELECT substring(r ->> 'err_msg' FROM '^\[(\w{5})\]')
$$;

-- =====================================================================
-- each interface's required fields: dropping one is YB901 naming it
-- =====================================================================
CREATE TEMP TABLE required (infno text, container text, good jsonb, field text) ON COMMIT DROP;
INSERT INTO required VALUES
	('2401', 'mdtrtinfo', '{"psn_no": "tap-if-1", "med_type": "21", "begntime": "2024-08-12 09:00:00"}', 'psn_no'),
	('2401', 'mdtrtinfo', '{"psn_no": "tap-if-1", "med_type": "21", "begntime": "2024-08-12 09:00:00"}', 'med_type'),
	('2401', 'mdtrtinfo', '{"psn_no": "tap-if-1", "med_type": "21", "begntime": "2024-08-12 09:00:00"}', 'begntime'),
	('2201', 'data', '{"psn_no": "tap-if-1", "med_type": "11", "begntime": "2024-08-12 09:00:00"}', 'begntime'),
	('2402', 'dscginfo', '{"mdtrt_id": "1", "psn_no": "tap-if-1", "endtime": "2024-08-14 09:00:00"}', 'endtime'),
	('2302', 'data', '{"mdtrt_id": "1", "psn_no": "tap-if-1", "feedetl_sn": "0000"}', 'feedetl_sn'),
	('2303', 'data', '{"psn_no": "tap-if-1", "mdtrt_id": "1", "invono": "X"}', 'invono'),
	('2304', 'data', '{"psn_no": "tap-if-1", "mdtrt_id": "1", "invono": "X"}', 'mdtrt_id'),
	('2206', 'data', '{"psn_no": "tap-if-1", "mdtrt_id": "1", "invono": "X"}', 'psn_no'),
	('2207', 'data', '{"psn_no": "tap-if-1", "mdtrt_id": "1", "invono": "X"}', 'invono'),
	('2305', 'data', '{"setl_id": "1", "mdtrt_id": "1", "psn_no": "tap-if-1"}', 'setl_id'),
	('2208', 'data', '{"setl_id": "1", "mdtrt_id": "1", "psn_no": "tap-if-1"}', 'mdtrt_id'),
	('2601', 'data', '{"psn_no": "tap-if-1", "omsgid": "X", "oinfno": "2304"}', 'omsgid'),
	('2601', 'data', '{"psn_no": "tap-if-1", "omsgid": "X", "oinfno": "2304"}', 'oinfno'),
	('5206', 'data', '{"psn_no": "tap-if-1"}', 'psn_no'),
	('3201', 'data', '{"setl_optins": "370100", "insutype": "310", "clr_type": "21", "stmt_begndate": "2024-08-01",
		"stmt_enddate": "2024-08-31", "medfee_sumamt": 0, "fund_pay_sumamt": 0, "acct_pay": 0, "fixmedins_setl_cnt": 0}', 'fixmedins_setl_cnt'),
	('3202', 'data', '{"file_qury_no": "B", "setl_optins": "370100", "insutype": "310", "clr_type": "21",
		"stmt_begndate": "2024-08-01", "stmt_enddate": "2024-08-31"}', 'file_qury_no');
SELECT is(call(pg_temp.req(r.infno, 'TAP-REQ-' || r.infno || '-' || r.field,
		jsonb_build_object(r.container, r.good - r.field))) ->> 'err_msg',
	format('[YB901] required interface field missing: Field "input.%s.%s" is missing.', r.container, r.field),
	format('%s without %s: YB901 naming input.%s.%s', r.infno, r.field, r.container, r.field))
FROM required r ORDER BY r.infno, r.field;
SELECT is(call(pg_temp.req('2301', 'TAP-REQ-2301', '{"feedetail": [{"feedetl_sn": "1", "mdtrt_id": "1",
		"psn_no": "tap-if-1", "med_list_codg": "TIFA", "fee_ocur_time": "2024-08-12 10:00:00", "cnt": 1}]}')) ->> 'err_msg',
	'[YB901] required interface field missing: Field "input.feedetail[0].pric" is missing.',
	'2301 a line without pric: YB901 naming input.feedetail[0].pric');

-- =====================================================================
-- wrong types, sub-fen, unknown infno, the envelope
-- =====================================================================
SELECT is(pg_temp.code(call(pg_temp.req('2304', 'TAP-T-1', '{"data": {"psn_no": 1, "mdtrt_id": "1", "invono": "X"}}'))),
	'YB902', 'psn_no as a number: YB902');
SELECT is(pg_temp.code(call(pg_temp.req('2304', 'TAP-T-2', '{"data": {"psn_no": "p", "mdtrt_id": "1x", "invono": "X"}}'))),
	'YB902', 'mdtrt_id not digits: YB902');
SELECT is(pg_temp.code(call(pg_temp.req('2304', 'TAP-T-3', '{"data": {"psn_no": "p", "mdtrt_id": "1", "invono": "X", "mid_setl_flag": "yes"}}'))),
	'YB902', 'mid_setl_flag not "0"/"1": YB902');
SELECT is(pg_temp.code(call(pg_temp.req('2401', 'TAP-T-4', '{"mdtrtinfo": {"psn_no": "p", "med_type": "21", "begntime": "12.08.2024"}}'))),
	'YB902', 'begntime not yyyy-MM-dd HH:mm:ss: YB902');
SELECT is(call(pg_temp.req('2304', 'TAP-T-5', '{"data": {"psn_no": "p", "mdtrt_id": "1", "invono": "X", "medfee_sumamt": 1.001}}')) ->> 'err_msg',
	'[YB704] amount is not a whole number of fen: input.data.medfee_sumamt is 1.001 yuan.',
	'a sub-fen amount: YB704 naming the field, never rounded');
SELECT is(pg_temp.code(call(pg_temp.req('2301', 'TAP-T-6', '{"feedetail": [{"feedetl_sn": "1", "mdtrt_id": "1",
		"psn_no": "tap-if-1", "med_list_codg": "TIFA", "fee_ocur_time": "2024-08-12 10:00:00", "cnt": 1, "pric": 1,
		"det_item_fee_sumamt": 1.005}]}'))), 'YB704', 'a sub-fen line amount: YB704');
SELECT is(pg_temp.code(call(pg_temp.req('2209', 'TAP-T-7', '{}'))), 'YB903', 'an unknown infno: YB903');
SELECT is(pg_temp.code(call('{"infno": "2304", "fixmedins_code": "TAP-IF-H", "inf_time": "2024-08-14 10:00:00", "input": {}}')),
	'YB901', 'no msgid: YB901');
SELECT is(call('{"infno": "2304", "fixmedins_code": "TAP-IF-H", "inf_time": "2024-08-14 10:00:00", "input": {}}') -> 'infcode',
	'-1'::jsonb, 'a failed call: infcode -1');
SELECT is(pg_temp.code(call('[1, 2]')), 'YB902', 'a request that is no object: YB902');
SELECT is((SELECT count(*) FROM transaction_log WHERE msgid LIKE 'TAP-T-%' AND state = 'failed'), 7::bigint,
	'failures with a msgid are logged for the success rate');
SET LOCAL xdjy.language = zh;
SELECT is(call(pg_temp.req('2304', 'TAP-T-8', '{"data": {"psn_no": "p"}}')) ->> 'err_msg',
	'[YB901] 接口必填字段缺失: 缺少字段 "input.data.mdtrt_id"。', 'under xdjy.language = zh the message is Chinese');
SET LOCAL xdjy.language = en;

-- =====================================================================
-- the lifecycle: admission, lines, pre-settlement equal to the settlement
-- =====================================================================
SELECT is(call(pg_temp.req('2401', 'TAP-L-1', '{"mdtrtinfo": {"psn_no": "tap-if-1", "med_type": "21", "begntime": "2024-08-12 09:00:00"}}',
	'2024-08-12 09:00:00')) -> 'infcode', '0'::jsonb, '2401 admits');
SELECT (SELECT (effect ->> 'encounter_id') FROM transaction_log WHERE msgid = 'TAP-L-1') AS stay \gset
SELECT is(pg_temp.code(call(pg_temp.req('2401', 'TAP-L-1b', '{"mdtrtinfo": {"psn_no": "tap-if-1", "med_type": "99", "begntime": "2024-08-12 09:00:00"}}'))),
	'YB910', 'an unknown med_type: YB910');
SELECT is(call(pg_temp.req('2301', 'TAP-L-2', format('{"feedetail": [{"feedetl_sn": "1", "mdtrt_id": "%s",
		"psn_no": "tap-if-1", "med_list_codg": "TIFA", "fee_ocur_time": "2024-08-12 10:00:00", "cnt": 4, "pric": 2500.25}]}', :'stay')::jsonb,
	'2024-08-14 08:00:00')) #>> '{output,result,0,det_item_fee_sumamt}', '10001.00', '2301 prices the line, in yuan');
SELECT is(pg_temp.code(call(pg_temp.req('2304', 'TAP-L-2b', format('{"data": {"psn_no": "tap-if-2", "mdtrt_id": "%s", "invono": "X"}}', :'stay')::jsonb))),
	'YB909', 'mdtrt_id of another person: YB909');
SELECT is(call(pg_temp.req('2402', 'TAP-L-3', format('{"dscginfo": {"mdtrt_id": "%s", "psn_no": "tap-if-1", "endtime": "2024-08-14 09:00:00"}}', :'stay')::jsonb,
	'2024-08-14 09:00:00')) -> 'infcode', '0'::jsonb, '2402 discharges');

CREATE TEMP TABLE counts AS SELECT (SELECT count(*) FROM settlement) AS s, (SELECT count(*) FROM ledger) AS l,
	(SELECT last_value FROM settlement_id_seq) AS seq;
SELECT * INTO TEMP pre FROM presettle(:stay, NULL, NULL, 'TAP-INV-1', '2024-08-14');
SELECT is((SELECT ROW(count(*), (SELECT count(*) FROM ledger), (SELECT last_value FROM settlement_id_seq)) FROM settlement),
	(SELECT ROW(s, l, seq) FROM counts), 'presettle writes nothing: no settlement, no ledger row, no sequence value');
SELECT is((SELECT id FROM pre), NULL, 'the pre-settlement has no id');
SELECT * INTO TEMP post FROM settle(:stay, NULL, NULL, 'TAP-INV-1', '2024-08-14');
SELECT is((SELECT to_jsonb(p) - '{id,created_at}'::text[] FROM pre p), (SELECT to_jsonb(s) - '{id,created_at}'::text[] FROM post s),
	'presettle equals the settlement right after it: category, every amount, the ledgers before, the lines');
SELECT is((SELECT fund_fen FROM post), 810090::bigint, 'the fund pays (1000100 − 100000) × 90% = 810090 fen');
-- a ledger moved in between: the pre-settlement shows what it read
INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('tap-if-1', 'TAP-IF-H', 'inpatient', '2024-09-01', '2024-09-03') RETURNING id AS stay2 \gset
SELECT is((SELECT deductible_met_before_fen FROM presettle(:stay2, 100, 0, 'TAP-INV-2', '2024-09-03')), 100000::bigint,
	'after a settlement the pre-settlement reads the ledger moved (deductible met 100000 before)');
SELECT is(pg_temp.code(call(pg_temp.req('2303', 'TAP-L-4', format('{"data": {"psn_no": "tap-if-1", "mdtrt_id": "%s", "invono": "TAP-INV-1",
		"medfee_sumamt": 1.00, "fulamt_ownpay_amt": 0}}', :'stay')::jsonb))),
	'YB308', '2303 on a reimbursed invoice says so, as settle would');

-- 5206: the person's ledgers
SELECT is(call(pg_temp.req('5206', 'TAP-L-5', '{"data": {"psn_no": "tap-if-1", "cum_ym": "202408"}}')) -> 'output' -> 'cuminfo',
	'[{"cum": 1000.00, "year": "2024", "quota_group": "inpatient", "cum_type_code": "dedc_met"},
	  {"cum": 8100.90, "year": "2024", "quota_group": "inpatient", "cum_type_code": "hifp_paid"},
	  {"cum": 491899.10, "year": "2024", "quota_group": "inpatient", "cum_type_code": "cap_left"}]'::jsonb,
	'5206: deductible met, fund paid, cap left per quota group, in yuan');

-- =====================================================================
-- exactly once
-- =====================================================================
CREATE TEMP TABLE e1 AS SELECT id FROM encounter WHERE id = -1;
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on)
VALUES (946001, 'tap-if-2', 'TAP-IF-H', 'outpatient', '2024-08-14');
SELECT call(pg_temp.req('2207', 'TAP-X-1', '{"data": {"psn_no": "tap-if-2", "mdtrt_id": "946001",
	"medfee_sumamt": 500.00, "fulamt_ownpay_amt": 0, "invono": "TAP-INV-X"}}')) AS first \gset
SELECT is(call(pg_temp.req('2207', 'TAP-X-1', '{"data": {"psn_no": "tap-if-2", "mdtrt_id": "946001",
	"medfee_sumamt": 500.00, "fulamt_ownpay_amt": 0, "invono": "TAP-INV-X"}}')), :'first'::jsonb,
	'the same msgid and request: the recorded answer, byte for byte');
SELECT is((SELECT count(*) FROM settlement WHERE encounter_id = 946001), 1::bigint, 'and one settlement (not YB308)');
SELECT is(call(pg_temp.req('2207', 'TAP-X-1', '{"data": {"psn_no": "tap-if-2", "mdtrt_id": "946001",
	"invono": "TAP-INV-X", "fulamt_ownpay_amt": 0.00, "medfee_sumamt": 500}}')), :'first'::jsonb,
	'the same input written otherwise (key order, 500 for 500.00) is the same request');
SELECT is(pg_temp.code(call(pg_temp.req('2207', 'TAP-X-1', '{"data": {"psn_no": "tap-if-2", "mdtrt_id": "946001",
	"medfee_sumamt": 600.00, "fulamt_ownpay_amt": 0, "invono": "TAP-INV-X"}}'))), 'YB904', 'the same msgid, another input: YB904');
SELECT is(pg_temp.code(call(pg_temp.req('2206', 'TAP-X-1', '{"data": {"psn_no": "tap-if-2", "mdtrt_id": "946001",
	"medfee_sumamt": 500.00, "fulamt_ownpay_amt": 0, "invono": "TAP-INV-X"}}'))), 'YB904', 'the same msgid, another infno: YB904');
SELECT is((SELECT count(*) FROM settlement WHERE encounter_id = 946001), 1::bigint, 'still one settlement');
-- a failed call answered again the same way, without a second try
SELECT call(pg_temp.req('2207', 'TAP-X-2', '{"data": {"psn_no": "tap-if-2", "mdtrt_id": "946001",
	"medfee_sumamt": 500.00, "invono": "TAP-INV-X"}}')) AS failed \gset
SELECT is(pg_temp.code(:'failed'::jsonb), 'YB308', 'a second settlement of the invoice: YB308');
SELECT is(call(pg_temp.req('2207', 'TAP-X-2', '{"data": {"psn_no": "tap-if-2", "mdtrt_id": "946001",
	"medfee_sumamt": 500.00, "invono": "TAP-INV-X"}}')), :'failed'::jsonb, 'its retry: the recorded failure');

-- =====================================================================
-- 冲正 (2601)
-- =====================================================================
-- took effect: the settlement reversed, the ledger given back
SELECT is(call(pg_temp.req('2601', 'TAP-R-1', '{"data": {"psn_no": "tap-if-2", "omsgid": "TAP-X-1", "oinfno": "2207"}}',
	'2024-08-14 11:00:00')) #>> '{output,state}', 'reversed', '冲正 of a settlement that took effect: reversed');
SELECT is((SELECT sum(fund_fen) FROM settlement WHERE encounter_id = 946001), 0::numeric, 'the reversal nets the fund to 0');
SELECT is((SELECT fund_paid_fen FROM ledger WHERE person_id = 'tap-if-2' AND quota_group = 'outpatient'), 0::bigint,
	'the ledger given back');
SELECT is((SELECT state || ' by ' || reversed_by FROM transaction_log WHERE msgid = 'TAP-X-1'), 'reversed by TAP-R-1',
	'the original marked reversed');
-- 冲正 twice: the same 冲正 again is its answer; another 冲正 of it is refused
SELECT is(call(pg_temp.req('2601', 'TAP-R-1', '{"data": {"psn_no": "tap-if-2", "omsgid": "TAP-X-1", "oinfno": "2207"}}',
	'2024-08-14 11:00:00')) #>> '{output,state}', 'reversed', 'the same 冲正 retried: its recorded answer');
SELECT is(pg_temp.code(call(pg_temp.req('2601', 'TAP-R-2', '{"data": {"psn_no": "tap-if-2", "omsgid": "TAP-X-1", "oinfno": "2207"}}'))),
	'YB908', 'a second 冲正 of it: YB908');
SELECT is((SELECT count(*) FROM settlement WHERE encounter_id = 946001), 2::bigint, 'one settlement and one reversal, no more');
-- never arrived: voided; arrives late: refused, nothing done
SELECT is(call(pg_temp.req('2601', 'TAP-R-3', '{"data": {"psn_no": "tap-if-2", "omsgid": "TAP-X-9", "oinfno": "2207"}}')) #>> '{output,state}',
	'void', '冲正 of a message that never arrived: void');
SELECT is(pg_temp.code(call(pg_temp.req('2207', 'TAP-X-9', '{"data": {"psn_no": "tap-if-2", "mdtrt_id": "946001",
	"medfee_sumamt": 500.00, "fulamt_ownpay_amt": 0, "invono": "TAP-INV-X"}}'))), 'YB905', 'its late arrival: YB905');
SELECT is((SELECT count(*) FROM settlement WHERE encounter_id = 946001), 2::bigint, 'and no settlement');
-- a failed message: 冲正 marks it, nothing to give back
SELECT is(call(pg_temp.req('2601', 'TAP-R-4', '{"data": {"psn_no": "tap-if-2", "omsgid": "TAP-X-2", "oinfno": "2207"}}')) #>> '{output,state}',
	'had no effect', '冲正 of a failed message: it had no effect');
-- names another interface, or an interface 冲正 does not undo
SELECT is(pg_temp.code(call(pg_temp.req('2601', 'TAP-R-5', '{"data": {"psn_no": "tap-if-1", "omsgid": "TAP-L-2", "oinfno": "2304"}}'))),
	'YB906', '冲正 naming another interface than the message''s: YB906');
SELECT is(pg_temp.code(call(pg_temp.req('2601', 'TAP-R-6', '{"data": {"psn_no": "tap-if-1", "omsgid": "TAP-L-9", "oinfno": "2305"}}'))),
	'YB907', '冲正 of a cancellation: YB907');
-- lines: removed (before settlement) or refused (after)
SELECT is(pg_temp.code(call(pg_temp.req('2601', 'TAP-R-7', '{"data": {"psn_no": "tap-if-1", "omsgid": "TAP-L-2", "oinfno": "2301"}}'))),
	'YB808', '冲正 of lines already settled: refused by the lines'' rule, nothing changed');
SELECT is((SELECT state FROM transaction_log WHERE msgid = 'TAP-L-2'), 'done', 'the upload stays done');
-- an admission with nothing on it: its encounter removed
SELECT call(pg_temp.req('2201', 'TAP-A-1', '{"data": {"psn_no": "tap-if-2", "med_type": "11", "begntime": "2024-08-20 09:00:00"}}', '2024-08-20 09:00:00')) AS reg \gset
SELECT is(call(pg_temp.req('2601', 'TAP-A-2', '{"data": {"psn_no": "tap-if-2", "omsgid": "TAP-A-1", "oinfno": "2201"}}')) #>> '{output,state}',
	'reversed', '冲正 of a registration');
SELECT is((SELECT count(*) FROM encounter WHERE id = (:'reg'::jsonb #>> '{output,data,mdtrt_id}')::bigint), 0::bigint,
	'its encounter is gone');

SELECT * FROM finish();
ROLLBACK;
