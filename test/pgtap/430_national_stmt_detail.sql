-- 3202 医药机构费用结算对明细账 (国家医疗保障信息平台 接口规范; 鲁医保发〔2022〕26号 第四条(一): every mismatch
-- listed): an institution's detail rows loaded into stmt_detail_upload,
-- compared with xdjy.stmt_scope(...) by setl_id.
--
-- Centre, (110000, 310, 21, March, NAT-H1): 9101, 9107, 9108.
BEGIN;
SELECT plan(24);
SET LOCAL search_path = xdjy, public;
\i test/fixtures/national.sql

-- one agreeing (9101), one differing (9107), one missing at the
-- institution (9108), one extra at the institution (9199)
INSERT INTO stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag) VALUES
	('B1', 9101, 9001, 'NAT-emp-1', 10000.00, 7470.00, 0, '0'),
	('B1', 9107, 9006, 'NAT-emp-1', 5000.00, 4499.99, 0, '0'),
	('B1', 9199, 9099, 'NAT-emp-1', 88.00, 70.40, 0, '0');

SELECT results_eq(
	$$SELECT setl_id, mdtrt_id, psn_no, stmt_rslt, stmt_rslt_dscr, kind
	  FROM xdjy.stmt_detail('B1', '110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1')$$,
	$$VALUES (9107::bigint, 9006::bigint, 'NAT-emp-1', '3', '数据不一致', 'differs'),
		(9108, 9007, 'NAT-emp-1', '1', '中心多', 'missing_at_institution'),
		(9199, 9099, 'NAT-emp-1', '2', '医药机构多', 'missing_at_centre')$$,
	'exactly one differing, one missing at the institution, one missing at the centre; the agreeing 9101 is not listed');
SELECT is((SELECT format('%s|%s|%s|%s|%s', centre_medfee_sumamt, fixmedins_medfee_sumamt,
		centre_fund_pay_sumamt, fixmedins_fund_pay_sumamt, memo)
	FROM stmt_detail('B1', '110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1') WHERE setl_id = 9107),
	'5000.00|5000.00|4500.00|4499.99|基金支付总额 中心 4500.00 / 医药机构 4499.99',
	'the differing row shows both sides and names the figure');
SELECT is((SELECT format('%s|%s|%s', centre_medfee_sumamt, fixmedins_medfee_sumamt, memo)
	FROM stmt_detail('B1', '110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1') WHERE setl_id = 9108),
	'1234.56||医药机构未上传此结算', 'missing at the institution: the centre''s figures only');
SELECT is((SELECT format('%s|%s|%s', centre_medfee_sumamt, fixmedins_medfee_sumamt, memo)
	FROM stmt_detail('B1', '110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1') WHERE setl_id = 9199),
	'|88.00|中心无此结算', 'missing at the centre: the institution''s figures only');

-- a complete, agreeing upload lists nothing
INSERT INTO stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt) VALUES
	('B2', 9101, 9001, 'NAT-emp-1', 10000, 7470), ('B2', 9107, 9006, 'NAT-emp-1', 5000, 4500),
	('B2', 9108, 9007, 'NAT-emp-1', 1234.56, 1080);
SELECT is_empty($$SELECT * FROM xdjy.stmt_detail('B2', '110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1')$$,
	'an upload equal to the centre: no difference listed');

-- every compared field
INSERT INTO stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag) VALUES
	('B3', 9101, 9002, 'NAT-emp-1', 10000, 7470, 0, '0'),
	('B3', 9107, 9006, 'NAT-res-1', 5000, 4500, 0, '0'),
	('B3', 9108, 9007, 'NAT-emp-1', 1234.56, 1080, 1.00, '0');
SELECT results_eq(
	$$SELECT setl_id, memo FROM xdjy.stmt_detail('B3', '110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1')$$,
	$$VALUES (9101::bigint, '就诊ID 中心 9001 / 医药机构 9002'), (9107, '人员编号 中心 NAT-emp-1 / 医药机构 NAT-res-1'),
		(9108, '个人账户支出 中心 0.00 / 医药机构 1.00')$$,
	'mdtrt_id, psn_no and acct_pay are compared too');

-- refunds: flag 1 compares the reversal rows, flag 0 leaves them out on both sides
INSERT INTO stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag) VALUES
	('R', 9102, 9002, 'NAT-emp-1', 300.01, 135.01, 0, '0'),
	('R', 9104, 9002, 'NAT-emp-1', -300.01, -135.01, 0, '0');
SELECT results_eq(
	$$SELECT setl_id, memo FROM xdjy.stmt_detail('R', '110000', '310', '11', '2024-03-01', '2024-03-31', '1', 'NAT-H1')$$,
	$$VALUES (9104::bigint, '退费结算标志 中心 1 / 医药机构 0')$$,
	'flag 1: a reversal uploaded as a normal row differs in refd_setl_flag');
SELECT is_empty($$SELECT * FROM xdjy.stmt_detail('R', '110000', '310', '11', '2024-03-01', '2024-03-31', '0', 'NAT-H1')
	WHERE setl_id = 9102$$, 'flag 0: the original 9102 agrees');
SELECT results_eq(
	$$SELECT setl_id, stmt_rslt FROM xdjy.stmt_detail('R', '110000', '310', '11', '2024-03-01', '2024-03-31', '0', 'NAT-H1')$$,
	$$VALUES (9104::bigint, '2')$$,
	'flag 0: the centre leaves its reversal out, so the row uploaded as normal is the institution''s extra');
UPDATE stmt_detail_upload SET refd_setl_flag = '1' WHERE batch = 'R' AND setl_id = 9104;
SELECT is_empty($$SELECT * FROM xdjy.stmt_detail('R', '110000', '310', '11', '2024-03-01', '2024-03-31', '1', 'NAT-H1')$$,
	'flag 1, reversal flagged 1 on both sides: nothing listed');
SELECT is_empty($$SELECT * FROM xdjy.stmt_detail('R', '110000', '310', '11', '2024-03-01', '2024-03-31', '0', 'NAT-H1')$$,
	'flag 0, reversal flagged 1 on both sides: both leave it out, nothing listed');

-- an uploaded settlement the centre has, but outside the statement
INSERT INTO stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt) VALUES
	('B4', 9101, 9001, 'NAT-emp-1', 10000, 7470), ('B4', 9107, 9006, 'NAT-emp-1', 5000, 4500),
	('B4', 9108, 9007, 'NAT-emp-1', 1234.56, 1080), ('B4', 9110, 9010, 'NAT-emp-1', 777, 699.30),
	('B4', 9109, 9009, 'NAT-emp-1', 400, 360);
SELECT results_eq(
	$$SELECT setl_id, stmt_rslt, memo FROM xdjy.stmt_detail('B4', '110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1')$$,
	$$VALUES (9109::bigint, '2', '中心有此结算，但不在本次对账范围：结算时间 2024-03-29，险种类型 310，清算类别 21，清算经办机构 110000，定点医药机构 NAT-H1，手工报销'),
		(9110, '2', '中心有此结算，但不在本次对账范围：结算时间 2024-04-01，险种类型 310，清算类别 21，清算经办机构 110000，定点医药机构 NAT-H1')$$,
	'a settlement outside the period, or manual, is missing at the centre with the reason in memo');

-- the request is checked as for 3201
SELECT throws_ok($$SELECT * FROM xdjy.stmt_detail('NOPE', '110000', '310', '21', '2024-03-01', '2024-03-31')$$,
	'YB001', NULL, 'an unknown batch: YB001');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_detail('B1', '110000', '310', '21', '2024-04-01', '2024-03-01')$$,
	'YB702', NULL, 'period reversed: YB702');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_detail('B1', '110000', '311', '21', '2024-03-01', '2024-03-31')$$,
	'YB703', NULL, 'unknown insutype: YB703');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_detail(NULL, '110000', '310', '21', '2024-03-01', '2024-03-31')$$,
	'YB702', NULL, 'batch NULL: YB702');

-- the upload table takes the platform's numeric(16,2) without rounding
SELECT throws_ok($$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('X', 1, 1.005, 0)$$,
	'23514', NULL, 'an uploaded 1.005 yuan is refused, not rounded: 23514');
SELECT throws_ok($$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('X', 1, 0, 0.001)$$,
	'23514', NULL, 'an uploaded 0.001 yuan fund is refused: 23514');
SELECT throws_ok($$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('X', 1, 1e14, 0)$$,
	'23514', NULL, 'an uploaded 10^14 yuan is refused: 23514');
SELECT lives_ok($$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('X', 1, 99999999999999.99, -99999999999999.99)$$,
	'the largest numeric(16,2) amounts load');
SELECT throws_ok($$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt) VALUES ('X', 1, 0, 0)$$,
	'23505', NULL, 'a setl_id twice in a batch: 23505');
SELECT throws_ok($$INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, medfee_sumamt, fund_pay_sumamt, refd_setl_flag) VALUES ('X', 2, 0, 0, '2')$$,
	'23514', NULL, 'refd_setl_flag 2: 23514');
SELECT is((SELECT loaded_by FROM stmt_detail_upload WHERE batch = 'X'), current_user::text, 'who loaded a row is recorded');
SELECT is((SELECT count(*) FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'xdjy'
		AND c = 'xdjy.stmt_detail_upload'::regclass), 1::bigint, 'uploads are dumped with the extension''s data');

SELECT * FROM finish();
ROLLBACK;
