-- 3201 医药机构费用结算对总账 (国家医疗保障信息平台 接口规范; 鲁医保发〔2022〕26号 第四条(一): the month's
-- settlements reconciled, 做到数据相符): xdjy.stmt_total against hand-built
-- settlements, each result 0/1/2/3, what counts, and every request error.
--
-- Centre figures of (setl_optins 110000, insutype 310, clr_type 21, March
-- 2024, NAT-H1): settlements 9101, 9107, 9108 — 3, 16234.56, 13050.00, 0.
-- Not counted: 9109 (manual), 9110 (April), 9111 (NAT-H2), 9103 (390).
BEGIN;
SELECT plan(48);
SET LOCAL search_path = xdjy, public;
\i test/fixtures/national.sql

CREATE TEMP TABLE case_ (n int, medfee numeric, fund numeric, acct numeric, cnt int, rslt text, why text);
INSERT INTO case_ VALUES
	(1, 16234.56, 13050.00, 0, 3, '0', 'every figure equal: 0 对平'),
	(2, 15000.00, 11970.00, 0, 2, '1', 'the institution lacks 9108 (fewer settlements, lower amounts): 1 中心多'),
	(3, 16234.56, 13050.00, 0, 2, '1', 'fewer settlements at the institution, amounts equal: 1 中心多'),
	(4, 16334.56, 13140.00, 0, 4, '2', 'an extra settlement at the institution: 2 医药机构多'),
	(5, 16234.56, 13050.00, 0, 4, '2', 'more settlements at the institution, amounts equal: 2 医药机构多'),
	(6, 16234.55, 13050.00, 0, 3, '3', 'same count, medfee_sumamt one fen lower: 3 数据不一致'),
	(7, 16234.56, 13050.01, 0, 3, '3', 'same count, fund_pay_sumamt one fen higher: 3 数据不一致'),
	(8, 16234.56, 13050.00, 0.01, 3, '3', 'same count, acct_pay 0.01 where the centre has 0: 3 数据不一致'),
	(9, 15000.00, 11970.00, 0, 4, '3', 'more settlements at the institution but lower amounts: 3 数据不一致'),
	(10, 17000.00, 14000.00, 0, 2, '3', 'fewer settlements at the institution but higher amounts: 3 数据不一致'),
	(11, 16234.56, 13050.00, 5.00, 2, '3', 'fewer settlements at the institution, acct_pay higher there: 3 数据不一致');

SELECT is((SELECT stmt_rslt FROM stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31',
		c.medfee, c.fund, c.acct, c.cnt, '1', 'NAT-H1')), c.rslt, format('case %s: %s', c.n, c.why))
FROM case_ c ORDER BY c.n;

SELECT is((SELECT format('%s|%s|%s|%s|%s', stmt_rslt_dscr, centre_setl_cnt, centre_medfee_sumamt,
		centre_fund_pay_sumamt, centre_acct_pay)
	FROM stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', 16234.56, 13050.00, 0, 3, '1', 'NAT-H1')),
	'对平：结算笔数 3，医疗费总额 16234.56，基金支付总额 13050.00，个人账户支出 0.00|3|16234.56|13050.00|0.00',
	'0: the description gives the agreed figures, and the centre''s figures come back');
SELECT is((SELECT stmt_rslt_dscr FROM stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31',
		15000.00, 11970.00, 0, 2, '1', 'NAT-H1')),
	'中心多：结算笔数 中心 3 / 医药机构 2；医疗费总额 中心 16234.56 / 医药机构 15000.00；基金支付总额 中心 13050.00 / 医药机构 11970.00',
	'1: the description names every differing figure, centre first');
SELECT is((SELECT stmt_rslt_dscr FROM stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31',
		16234.56, 13050.00, 0.01, 3, '1', 'NAT-H1')),
	'数据不一致：个人账户支出 中心 0.00 / 医药机构 0.01',
	'3: acct_pay is compared with 0 (personal accounts are not modelled)');

-- what counts ------------------------------------------------------------------
SELECT is((SELECT stmt_rslt FROM stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31',
		16834.56, 13590.00, 0, 4)), '0', 'fixmedins_code NULL: every institution (9111 at NAT-H2 too)');
SELECT is((SELECT centre_setl_cnt FROM stmt_total('110000', '310', '21', '2024-03-10', '2024-03-10',
		10000.00, 7470.00, 0, 1, '1', 'NAT-H1')), 1::bigint, 'a one-day period includes settlements of that day (both ends included)');
SELECT is((SELECT stmt_rslt FROM stmt_total('110000', '310', '21', '2024-03-10', '2024-03-10',
		10000.00, 7470.00, 0, 1, '1', 'NAT-H1')), '0', 'one-day period balanced');
SELECT is((SELECT centre_setl_cnt FROM stmt_total('110000', '310', '21', '2024-03-11', '2024-03-17',
		0, 0, 0, 0, '1', 'NAT-H1')), 0::bigint, 'a period with no settlement: count 0');
SELECT is((SELECT stmt_rslt_dscr FROM stmt_total('110000', '310', '21', '2024-03-11', '2024-03-17',
		0, 0, 0, 0, '1', 'NAT-H1')), '对平：结算笔数 0，医疗费总额 0.00，基金支付总额 0.00，个人账户支出 0.00',
	'nothing on both sides is balanced');
SELECT is((SELECT centre_setl_cnt FROM stmt_total('110000', '310', '21', '2024-03-01', '2024-04-01',
		0, 0, 0, 0, '1', 'NAT-H1')), 4::bigint, 'enddate 2024-04-01 takes in 9110, settled that day');
SELECT is((SELECT centre_setl_cnt FROM stmt_total('110000', '310', '21', '2024-03-11', '2024-03-31',
		0, 0, 0, 0, '1', 'NAT-H1')), 2::bigint, 'begndate 2024-03-11 leaves out 9101 of 2024-03-10');
SELECT is((SELECT centre_setl_cnt FROM stmt_total('110000', '390', '21', '2024-03-01', '2024-03-31',
		2000.00, 910.00, 0, 1, '1', 'NAT-H1')), 1::bigint, 'insutype 390: the resident''s stay 9103 alone');
SELECT is((SELECT stmt_rslt FROM stmt_total('370100', '310', '11', '2024-03-01', '2024-03-31',
		100.00, 60.00, 0, 1, '1', 'NAT-H1')), '0', 'setl_optins 370100: a local patient''s settlement 9106 is cleared with its own agency');
SELECT is((SELECT stmt_rslt FROM stmt_total('110000', '310', '41', '2024-03-01', '2024-03-31',
		88.88, 64.00, 0, 1, '1', 'NAT-P1')), '0', 'clr_type 41: the pharmacy purchase 9105');

-- refd_setl_flag: 1 totals include refunds, 0 leave the reversal rows out
SELECT is((SELECT format('%s %s %s %s', stmt_rslt, centre_setl_cnt, centre_medfee_sumamt, centre_fund_pay_sumamt)
	FROM stmt_total('110000', '310', '11', '2024-03-01', '2024-03-31', 0, 0, 0, 2, '1', 'NAT-H1')),
	'0 2 0.00 0.00', 'refd_setl_flag 1: 9102 and its reversal 9104 count twice and net to 0.00');
SELECT is((SELECT format('%s %s %s %s', stmt_rslt, centre_setl_cnt, centre_medfee_sumamt, centre_fund_pay_sumamt)
	FROM stmt_total('110000', '310', '11', '2024-03-01', '2024-03-31', 300.01, 135.01, 0, 1, '0', 'NAT-H1')),
	'0 1 300.01 135.01', 'refd_setl_flag 0: the reversal row is left out, the original counts');
SELECT is((SELECT stmt_rslt FROM stmt_total('110000', '310', '11', '2024-03-01', '2024-03-31',
		0, 0, 0, 2, '0', 'NAT-H1')), '3', 'an institution that counted the refund against flag 0: 3 数据不一致');
SELECT is((SELECT stmt_rslt FROM stmt_total('110000', '310', '11', '2024-03-12', '2024-03-12',
		300.01, 135.01, 0, 1, '1', 'NAT-H1')), '0', 'a reversal counts on its own day (2024-03-13), not the original''s');
SELECT is((SELECT count(*) FROM stmt_scope('110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1')
		WHERE mode <> 'direct'), 0::bigint, 'manual settlements (9109) are never in a statement');
SELECT results_eq($$SELECT setl_id FROM xdjy.stmt_scope('110000', '310', '21', '2024-03-01', '2024-03-31', '1', 'NAT-H1') ORDER BY 1$$,
	ARRAY[9101, 9107, 9108]::bigint[], 'stmt_scope lists the settlements the statement covers');

-- a DBA's local insutype variant changes which codes are valid
INSERT INTO insutype_map (scheme, insutype, name_zh) VALUES ('employee', '311', '职工医保（本地）');
SELECT is((SELECT stmt_rslt FROM stmt_total('110000', '311', '21', '2024-03-01', '2024-03-31',
		16234.56, 13050.00, 0, 3, '1', 'NAT-H1')), '0', 'after a DBA maps employee to 311, a 311 statement balances');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', 0, 0, 0, 0)$$,
	'YB703', NULL, 'and 310, overridden, is no longer a known insutype: YB703');
DELETE FROM insutype_map WHERE NOT builtin;

-- request errors ------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-31', '2024-03-01', 0, 0, 0, 0)$$,
	'YB702', NULL, 'begndate after enddate: YB702');
SELECT lives_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-31', '2024-03-31', 0, 0, 0, 0)$$,
	'begndate = enddate is a valid one-day period');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', NULL, '21', '2024-03-01', '2024-03-31', 0, 0, 0, 0)$$,
	'YB702', NULL, 'insutype NULL: YB702');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', NULL, '2024-03-31', 0, 0, 0, 0)$$,
	'YB702', NULL, 'begndate NULL: YB702');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', NULL, 0, 0, 0)$$,
	'YB702', NULL, 'medfee_sumamt NULL: YB702');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', 0, 0, 0, NULL)$$,
	'YB702', NULL, 'fixmedins_setl_cnt NULL: YB702');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', 0, 0, 0, -1)$$,
	'YB702', NULL, 'fixmedins_setl_cnt -1: YB702');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '999', '21', '2024-03-01', '2024-03-31', 0, 0, 0, 0)$$,
	'YB703', NULL, 'insutype 999: YB703');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '99', '2024-03-01', '2024-03-31', 0, 0, 0, 0)$$,
	'YB703', NULL, 'clr_type 99: YB703');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', 0, 0, 0, 0, '2')$$,
	'YB703', NULL, 'refd_setl_flag 2: YB703');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('999999', '310', '21', '2024-03-01', '2024-03-31', 0, 0, 0, 0)$$,
	'YB001', NULL, 'setl_optins 999999 (no such region): YB001');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('370102', '310', '21', '2024-03-01', '2024-03-31', 0, 0, 0, 0)$$,
	'YB001', NULL, 'setl_optins 370102 (a district, not a pooling region): YB001');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', 0, 0, 0, 0, '1', 'NAT-NONE')$$,
	'YB001', NULL, 'an unknown fixmedins_code: YB001');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', 16234.561, 13050.00, 0, 3)$$,
	'YB704', NULL, 'medfee_sumamt 16234.561: YB704, never rounded');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_total('110000', '310', '21', '2024-03-01', '2024-03-31', 1e14, 0, 0, 3)$$,
	'22003', NULL, 'medfee_sumamt 10^14 yuan does not fit numeric(16,2): 22003');
SELECT throws_ok($$SELECT * FROM xdjy.stmt_compare(NULL, 0, 0, 0, 0, 0, 0, 0)$$,
	'YB702', NULL, 'stmt_compare called directly with a null centre figure: YB702, not an internal error');

SELECT * FROM finish();
ROLLBACK;
