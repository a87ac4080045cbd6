-- Personal account payments in the monthly clearing and in the
-- explanation.  鲁医保发〔2022〕26号 第四条(二): account payments of
-- cross-province settlements are cleared monthly like the pooled fund, so
-- the clearing views carry acct_pay beside the fund's amounts (fen and
-- yuan); 鲁医保发〔2020〕68号 二(五): explain_settlement shows what the
-- account paid, with the balance before and after, and what a reversal
-- gave back.
BEGIN;
SELECT plan(18);
\ir include/settlement_data.sql
\ir include/helpers.sql

-- a Jinan employee on a temporary filing for Beijing; Shandong lets the
-- account pay across provinces from March 2024.  Temporary outpatient
-- (fixture): 50 %, first self-pay 10 %: of 100 yuan the person bears 55.
INSERT INTO person (id, name, insured_region, scheme) VALUES
	('SETL-CL1', '清算账户', '370100', 'employee'),
	('SETL-CL2', '清算现金', '370100', 'employee');
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on) VALUES
	('SETL-CL1', '110000', 'temporary_outside', '2024-01-01', '2024-01-01'),
	('SETL-CL2', '110000', 'temporary_outside', '2024-01-01', '2024-01-01');
INSERT INTO account_cross_province (province, valid, source) VALUES ('370000', '[2024-03-01,)', 'test: Shandong across provinces');
INSERT INTO personal_account_movement (person_id, kind, amount_fen, moved_on) VALUES ('SETL-CL1', 'credit', 10000, '2024-02-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(965001, 'SETL-CL1', 'SETL-BJ-H3', 'outpatient', '2024-03-03'),
	(965002, 'SETL-CL1', 'SETL-BJ-H3', 'outpatient', '2024-03-04'),
	(965003, 'SETL-CL2', 'SETL-BJ-H3', 'outpatient', '2024-03-04'),
	(965004, 'SETL-CL1', 'SETL-JN-H3', 'outpatient', '2024-03-06');
SELECT is((SELECT acct_pay_fen || '/' || cash_pay_fen || '/' || acct_balance_fen
		FROM xdjy.settle(965001, 10000, 0, 'SETL-CL-1', '2024-03-03', acct_used => true)),
	'5500/0/4500', 'the account pays the personal share of 5500 fen: 4500 left');
SELECT is((SELECT acct_pay_fen || '/' || cash_pay_fen || '/' || acct_balance_fen
		FROM xdjy.settle(965002, 10000, 0, 'SETL-CL-2', '2024-03-04', acct_used => true)),
	'4500/1000/0', 'the next pays the 4500 left, 1000 in cash');
SELECT is((SELECT acct_pay_fen FROM xdjy.settle(965003, 10000, 0, 'SETL-CL-3', '2024-03-04')),
	0::bigint, 'a settlement without acct_used pays nothing from an account');
SELECT is((SELECT acct_pay_fen || '/' || acct_balance_fen
		FROM xdjy.reverse_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-1' AND reverses IS NULL), '2024-03-05')),
	'-5500/5500', 'the reversal of the first gives its 5500 back');
SELECT is((SELECT acct_pay_fen FROM xdjy.settle(965004, 1000, 0, 'SETL-CL-4', '2024-03-06', acct_used => true)),
	400::bigint, 'at home the account pays too (a local settlement: not cleared)');

-- the monthly clearing: 5500 + 4500 + 0 − 5500 = 4500 fen, 45.00 yuan
SELECT is((SELECT string_agg(party_kind || ' ' || code || ': ' || settlements || ' settlements, fund ' || fund_fen
		|| ' acct ' || acct_pay_fen || ' = ' || acct_pay_yuan, '; ' ORDER BY party_kind)
	FROM clearing_monthly_as_of('2024-04-30') WHERE month = '2024-03-01' AND code IN ('SETL-BJ-H3', '370100', '110000')),
	'institution SETL-BJ-H3: 4 settlements, fund 9000 acct 4500 = 45.00; insured_region 370100: 4 settlements, fund 9000 acct 4500 = 45.00; treatment_region 110000: 4 settlements, fund 9000 acct 4500 = 45.00',
	'鲁医保发〔2022〕26号 第四条(二): each party''s month carries the account payments beside the fund, reversals netted');
SELECT is((SELECT acct_pay_fen || '/' || acct_pay_yuan FROM clearing_monthly_as_of('2024-03-04')
	WHERE month = '2024-03-01' AND party_kind = 'institution' AND code = 'SETL-BJ-H3'),
	'10000/100.00', 'as it stood on 2024-03-04: before the reversal, 10000 fen');
SELECT is((SELECT count(*)::int FROM clearing_monthly_as_of('2024-04-30')
	WHERE acct_pay_yuan <> acct_pay_fen / 100.0 OR scale(acct_pay_yuan) <> 2), 0,
	'acct_pay_yuan is acct_pay_fen / 100, exactly, with two decimals');
SELECT is((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
	WHERE a.attrelid = 'xdjy.clearing_monthly'::regclass AND a.attname IN ('fund_yuan', 'acct_pay_fen', 'acct_pay_yuan')),
	'fund_yuan,acct_pay_fen,acct_pay_yuan', 'the view has them too, beside the fund''s');

-- 3260: each row's account payment, and the month's
SELECT is((SELECT string_agg(acct_pay::text, ',' ORDER BY setl_sn) FROM clearing_detail WHERE medins_no = 'SETL-BJ-H3'),
	'55.00,45.00,0.00,-55.00', '3260 clearing_detail: acct_pay of each row in yuan, the reversal negative');
SELECT is((SELECT acct_pay || '/' || optins_pay_sumamt FROM clearing_confirmation_monthly
	WHERE medins_no = 'SETL-BJ-H3' AND trt_year = 2024 AND trt_month = 3),
	'45.00/90.00', 'the month''s account payments beside the fund''s');

-- explain_settlement: the amount, the balance before and after
SELECT is((SELECT amount_fen || ' | ' || source || ' | ' || note FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-1' AND reverses IS NULL), 'en')
	WHERE rule = 'personal_account'),
	'5500 | 鲁医保发〔2020〕68号 二(五); 鲁医保发〔2022〕26号 第四条(二) | acct_used_flag 1: the personal account pays min(balance 10000, personal share 5500) = 5500 fen (acct_pay); balance 10000 → 4500 fen (balc); 0 fen in cash (psn_cash_pay)',
	'explain_settlement: the account payment with the balance before and after, citing both documents across provinces');
SELECT is((SELECT note FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-2' AND reverses IS NULL), 'zh')
	WHERE rule = '个人账户支付'),
	'使用个人账户（acct_used_flag 1）：个人账户支付 min(余额 4500，个人负担 5500) = 4500 分（acct_pay）；余额 4500 → 0 分（balc）；现金支付 1000 分（psn_cash_pay）',
	'… in Chinese: one fen short of nothing, the rest in cash');
SELECT is((SELECT string_agg(rule, ',' ORDER BY step) FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-2' AND reverses IS NULL), 'en')
	WHERE step >= (SELECT max(step) - 1 FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-2' AND reverses IS NULL), 'en'))),
	'personal,personal_account', 'the account step follows the personal share');
SELECT is((SELECT amount_fen || ' | ' || note FROM explain_settlement((SELECT id FROM settlement WHERE reverses = (SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-1' AND reverses IS NULL)), 'en')
	WHERE rule = 'personal_account'),
	'-5500 | the personal account gets back 5500 fen the original paid from it (refund); balance 0 → 5500 fen (balc)',
	'a reversal''s explanation gives the refund and the balance before and after');
SELECT is((SELECT source FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-4'), 'en')
	WHERE rule = 'personal_account'),
	'鲁医保发〔2020〕68号 二(五)', 'within the province the account pays under 鲁医保发〔2020〕68号 二(五) alone');
SELECT is((SELECT count(*)::int FROM explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-3'), 'en')
	WHERE rule = 'personal_account'), 0, 'a settlement that did not use the account has no account step');
SELECT is((SELECT count(*)::int FROM explain_settlement((SELECT id FROM settlement WHERE reverses = (SELECT id FROM settlement WHERE invoice_no = 'SETL-CL-1' AND reverses IS NULL)), 'zh')
	WHERE rule = '个人账户支付' AND note LIKE '%退回个人账户%'), 1, 'the reversal''s step in Chinese');

SELECT * FROM finish();
ROLLBACK;
