--
-- interface: the national interface as JSON in, JSON out (xdjy.call), one
-- inpatient exchange from admission to 冲正, exactly once by msgid.
-- Documents: 鲁医保发〔2021〕46号 第四条 (nothing paid twice); 鲁医保发〔2022〕26号
-- 第五条(三) (failed transactions reported in one form).
--
SET search_path = xdjy, public;
SET xdjy.language = en;
SET DateStyle = ISO, YMD;
\set VERBOSITY default
-- ids printed below do not depend on other tests: encounters and
-- settlements from 7001 (the sequences are put back at the end)
SELECT pg_catalog.nextval(pg_catalog.pg_get_serial_sequence('xdjy.encounter', 'id')) AS encounter_seq,
	pg_catalog.nextval(pg_catalog.pg_get_serial_sequence('xdjy.settlement', 'id')) AS settlement_seq \gset
SELECT setval(pg_get_serial_sequence('xdjy.encounter', 'id'), 7000) > 0 AS encounter_seq_set,
	setval(pg_get_serial_sequence('xdjy.settlement', 'id'), 7000) > 0 AS settlement_seq_set;

-- in one transaction, rolled back at the end: the rows stay out of the
-- other files (the calls' own subtransactions work inside it)
BEGIN;
INSERT INTO person VALUES ('if-jinan-1', '李娜', '370100', 'employee');
INSERT INTO institution (code, name_zh, region_code, tier, networked_inpatient, networked_outpatient)
VALUES ('IF-JN-1', '济南接口医院', '370102', 3, true, true);
INSERT INTO policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('370100', 'employee', 'local', 'inpatient', '[2024-01-01,)', 100000, 9000, 0, 50000000, 'inpatient');
INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid) VALUES
	('370100', 'IFA01', '甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('370100', 'IFB01', '乙类药', 'drug', '02', 1000, NULL, '[2024-01-01,)');

-- the answer without its respond_time (the wall clock)
CREATE FUNCTION pg_temp.ask(request jsonb) RETURNS jsonb
	LANGUAGE sql AS $$ SELECT xdjy.call(request) - 'respond_time' $$;

-- 2401 入院办理
SELECT jsonb_pretty(pg_temp.ask('{"infno": "2401", "msgid": "IF-JN-120240812090000-0001",
  "mdtrtarea_admvs": "370100", "insuplc_admdvs": "370100", "fixmedins_code": "IF-JN-1",
  "inf_time": "2024-08-12 09:00:00", "opter": "001",
  "input": {"mdtrtinfo": {"psn_no": "if-jinan-1", "insutype": "310", "med_type": "21",
    "begntime": "2024-08-12 09:00:00"}}}'));
SELECT (call('{"infno": "2401", "msgid": "IF-JN-120240812090000-0001",
  "mdtrtarea_admvs": "370100", "insuplc_admdvs": "370100", "fixmedins_code": "IF-JN-1",
  "inf_time": "2024-08-12 09:00:00", "opter": "001",
  "input": {"mdtrtinfo": {"psn_no": "if-jinan-1", "insutype": "310", "med_type": "21",
    "begntime": "2024-08-12 09:00:00"}}}') #>> '{output,result,mdtrt_id}') AS stay \gset
SELECT count(*) AS encounters_after_retry FROM encounter WHERE person_id = 'if-jinan-1';

-- 2301 费用明细上传: amounts are read exactly, in yuan
SELECT jsonb_pretty(pg_temp.ask(format('{"infno": "2301", "msgid": "IF-JN-120240814080000-0002",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 08:00:00",
  "input": {"feedetail": [
    {"feedetl_sn": "1", "mdtrt_id": "%1$s", "psn_no": "if-jinan-1", "med_list_codg": "IFA01",
     "fee_ocur_time": "2024-08-12 10:00:00", "cnt": 2, "pric": 3000, "det_item_fee_sumamt": 6000.00},
    {"feedetl_sn": "2", "mdtrt_id": "%1$s", "psn_no": "if-jinan-1", "med_list_codg": "IFB01",
     "fee_ocur_time": "2024-08-13 10:00:00", "cnt": 10, "pric": 150}]}}', :'stay')::jsonb));

-- 2402 出院办理
SELECT pg_temp.ask(format('{"infno": "2402", "msgid": "IF-JN-120240814090000-0003",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 09:00:00",
  "input": {"dscginfo": {"mdtrt_id": "%s", "psn_no": "if-jinan-1", "endtime": "2024-08-14 09:00:00"}}}',
  :'stay')::jsonb) -> 'infcode' AS discharged;

-- 2303 住院预结算: the full result, nothing written
SELECT jsonb_pretty(pg_temp.ask(format('{"infno": "2303", "msgid": "IF-JN-120240814100000-0004",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 10:00:00",
  "input": {"data": {"psn_no": "if-jinan-1", "mdtrt_id": "%s", "invono": "IF-INV-1"}}}',
  :'stay')::jsonb));
SELECT count(*) AS settlements, (SELECT count(*) FROM ledger WHERE person_id = 'if-jinan-1') AS ledgers
FROM settlement WHERE person_id = 'if-jinan-1';

-- 2304 住院结算: the same figures
SELECT pg_temp.ask(format('{"infno": "2304", "msgid": "IF-JN-120240814100500-0005",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 10:05:00",
  "input": {"data": {"psn_no": "if-jinan-1", "mdtrt_id": "%s", "invono": "IF-INV-1"}}}',
  :'stay')::jsonb) AS settled \gset
SELECT jsonb_pretty(:'settled'::jsonb);

-- the gateway timed out and retries with the same msgid: the recorded answer, no second payment
SELECT pg_temp.ask(format('{"infno": "2304", "msgid": "IF-JN-120240814100500-0005",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 10:05:00",
  "input": {"data": {"psn_no": "if-jinan-1", "mdtrt_id": "%s", "invono": "IF-INV-1"}}}',
  :'stay')::jsonb) = :'settled'::jsonb AS same_answer;
SELECT count(*) AS settlements, sum(fund_fen) AS fund_fen FROM settlement WHERE person_id = 'if-jinan-1';

-- the same msgid with another request is refused
SELECT jsonb_pretty(pg_temp.ask(format('{"infno": "2304", "msgid": "IF-JN-120240814100500-0005",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 10:05:00",
  "input": {"data": {"psn_no": "if-jinan-1", "mdtrt_id": "%s", "invono": "IF-INV-2"}}}',
  :'stay')::jsonb));

-- 冲正 (2601) of the settlement: reversed, the ledgers given back
SELECT jsonb_pretty(pg_temp.ask('{"infno": "2601", "msgid": "IF-JN-120240814110000-0006",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 11:00:00",
  "input": {"data": {"psn_no": "if-jinan-1", "omsgid": "IF-JN-120240814100500-0005", "oinfno": "2304"}}}'));
SELECT count(*) AS settlements, sum(fund_fen) AS fund_fen FROM settlement WHERE person_id = 'if-jinan-1';
SELECT deductible_met_fen, fund_paid_fen FROM ledger WHERE person_id = 'if-jinan-1';

-- 冲正 of a message that never arrived voids it; its late arrival is refused
SELECT pg_temp.ask('{"infno": "2601", "msgid": "IF-JN-120240814110100-0007",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 11:01:00",
  "input": {"data": {"psn_no": "if-jinan-1", "omsgid": "IF-JN-120240814105900-0099", "oinfno": "2304"}}}') -> 'output';
SELECT jsonb_pretty(pg_temp.ask(format('{"infno": "2304", "msgid": "IF-JN-120240814105900-0099",
  "fixmedins_code": "IF-JN-1", "inf_time": "2024-08-14 10:59:00",
  "input": {"data": {"psn_no": "if-jinan-1", "mdtrt_id": "%s", "invono": "IF-INV-1"}}}',
  :'stay')::jsonb));

-- errors name the field; under xdjy.language = zh in Chinese
SELECT pg_temp.ask('{"infno": "2304", "msgid": "IF-JN-1-E1", "fixmedins_code": "IF-JN-1",
  "inf_time": "2024-08-14 12:00:00", "input": {"data": {"psn_no": "if-jinan-1"}}}') -> 'err_msg' AS missing;
SELECT pg_temp.ask('{"infno": "2304", "msgid": "IF-JN-1-E2", "fixmedins_code": "IF-JN-1",
  "inf_time": "2024-08-14 12:00:00", "input": {"data": {"psn_no": "if-jinan-1", "mdtrt_id": "1",
  "invono": "X", "medfee_sumamt": 10.005}}}') -> 'err_msg' AS sub_fen;
SELECT pg_temp.ask('{"infno": "2304", "msgid": "IF-JN-1-E3", "fixmedins_code": "IF-JN-1",
  "inf_time": "2024-08-14 12:00:00", "input": {"data": {"psn_no": "if-jinan-1", "mdtrt_id": "1",
  "invono": "X", "medfee_sumamt": "10.00"}}}') -> 'err_msg' AS wrong_type;
SET xdjy.language = zh;
SELECT pg_temp.ask('{"infno": "9999", "msgid": "IF-JN-1-E4", "fixmedins_code": "IF-JN-1",
  "inf_time": "2024-08-14 12:00:00", "input": {}}') -> 'err_msg' AS unknown_infno;
SET xdjy.language = en;

-- the failures count in the success rate
SELECT month, infno, calls, failed, success_rate_bp FROM interface_kpi_monthly
WHERE fixmedins_code = 'IF-JN-1' ORDER BY infno;
SELECT msgid, infno, state, sqlstate, reversed_by FROM transaction_log
WHERE fixmedins_code = 'IF-JN-1' ORDER BY inf_time, msgid;
ROLLBACK;
SELECT setval(pg_get_serial_sequence('xdjy.encounter', 'id'), GREATEST(:encounter_seq, 7100)) > 0 AS encounter_seq_back,
	setval(pg_get_serial_sequence('xdjy.settlement', 'id'), GREATEST(:settlement_seq, 7100)) > 0 AS settlement_seq_back;
