-- Personal accounts (个人账户): usable across the province (鲁医保发〔2020〕68号
-- 二(五) "省内通用"), across provinces where the insured province's dated
-- setting says so (鲁医保发〔2022〕26号 第四条(二)); a settlement with
-- acct_used pays the personal share from the account as far as the balance
-- goes, never below zero; a reversal gives the amount back.
BEGIN;
SELECT plan(32);
\ir include/settlement_data.sql
\ir include/helpers.sql

INSERT INTO person (id, name, insured_region, scheme)
SELECT 'SETL-AC' || g, 'account ' || g, '370100', 'employee' FROM generate_series(1, 6) g;
-- local outpatient (fixture policy: no deductible, 60 %): 100 yuan, the person bears 40 yuan
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on) VALUES
	(958001, 'SETL-AC1', 'SETL-JN-H3', 'outpatient', '2024-03-01'),
	(958002, 'SETL-AC2', 'SETL-JN-H3', 'outpatient', '2024-03-01'),
	(958003, 'SETL-AC3', 'SETL-JN-H3', 'outpatient', '2024-03-01'),
	(958004, 'SETL-AC4', 'SETL-JNG-H3', 'outpatient', '2024-03-02'),
	(958005, 'SETL-AC5', 'SETL-BJ-H3', 'outpatient', '2024-03-03'),
	(958006, 'SETL-AC6', 'SETL-JN-H3', 'outpatient', '2024-03-01'),
	(958016, 'SETL-AC6', 'SETL-JN-H3', 'outpatient', '2024-03-02');
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
	VALUES ('SETL-AC5', '110000', 'temporary_outside', '2024-01-01', '2024-01-01');

-- credits by the insured place
INSERT INTO personal_account_movement (person_id, kind, amount_fen, moved_on) VALUES
	('SETL-AC1', 'credit', 4000, '2024-02-01'),
	('SETL-AC2', 'credit', 3999, '2024-02-01'),
	('SETL-AC3', 'credit', 10000, '2024-02-01'),
	('SETL-AC4', 'credit', 10000, '2024-02-01'),
	('SETL-AC5', 'credit', 10000, '2024-02-01');
SELECT is((SELECT balance_fen FROM personal_account WHERE person_id = 'SETL-AC1'), 4000::bigint,
	'a credit opens the account with its amount');
SELECT is((SELECT balance_after_fen FROM personal_account_movement WHERE person_id = 'SETL-AC2'), 3999::bigint,
	'the movement records the balance after it');

-- the balance exactly used up
SELECT is((SELECT s.personal_fen || '/' || s.acct_pay_fen || '/' || s.cash_pay_fen || '/' || s.acct_balance_fen
		FROM xdjy.settle(958001, 10000, 0, 'SETL-AC-1', '2024-03-01', acct_used => true) s),
	'4000/4000/0/0', '鲁医保发〔2020〕68号 二(五): a balance of exactly the personal share pays it all, nothing in cash, 0 left');
SELECT is((SELECT balance_fen FROM personal_account WHERE person_id = 'SETL-AC1'), 0::bigint,
	'the account is at 0');
SELECT is((SELECT kind || '/' || amount_fen || '/' || balance_after_fen FROM personal_account_movement
		WHERE settlement_id = (SELECT id FROM settlement WHERE invoice_no = 'SETL-AC-1')),
	'debit/-4000/0', 'the settlement''s debit is in the ledger with its settlement');

-- one fen short
SELECT is((SELECT s.acct_pay_fen || '/' || s.cash_pay_fen || '/' || s.acct_balance_fen
		FROM xdjy.settle(958002, 10000, 0, 'SETL-AC-2', '2024-03-01', acct_used => true) s),
	'3999/1/0', '鲁医保发〔2020〕68号 二(五): one fen short, the account pays its balance and 1 fen is paid in cash');

-- more than enough: only the personal share
SELECT is((SELECT s.acct_pay_fen || '/' || s.cash_pay_fen || '/' || s.acct_balance_fen
		FROM xdjy.settle(958003, 10000, 0, 'SETL-AC-3', '2024-03-01', acct_used => true) s),
	'4000/0/6000', 'the account pays no more than the personal share');

-- not asked: nothing from the account
SELECT is((SELECT s.acct_used || '/' || s.acct_pay_fen || '/' || s.cash_pay_fen || '/' || coalesce(s.acct_balance_fen::text, 'null')
		FROM xdjy.settle(958006, 10000, 0, 'SETL-AC-6', '2024-03-01') s),
	'false/0/4000/null', 'without acct_used (2304 acct_used_flag 0) the personal share is paid in cash');
SELECT is((SELECT s.acct_pay_fen FROM xdjy.settle(958016, 100, 0, 'SETL-AC-6b', '2024-03-02', acct_used => true) s),
	0::bigint, 'a person without an account pays 0 from it, and settles');

-- elsewhere in the province: 省内通用 (Jining, filing-exempt since 2022, 鲁医保发〔2021〕46号 第二条(三))
SELECT is((SELECT s.scope || '/' || s.personal_fen || '/' || s.acct_pay_fen || '/' || s.acct_balance_fen
		FROM xdjy.settle(958004, 10000, 0, 'SETL-AC-4', '2024-03-02', acct_used => true) s),
	'intra_province/5500/5500/4500', '鲁医保发〔2020〕68号 二(五): the account pays in another city of the province');

-- across provinces: only where the insured province's setting says so
SELECT throws_ok($$SELECT xdjy.settle(958005, 10000, 0, 'SETL-AC-5', '2024-03-03', acct_used => true)$$,
	'YB330', NULL, '鲁医保发〔2022〕26号 第四条(二): no cross-province setting, no account payment in Beijing');
SELECT alike(pg_temp.hint_of($$SELECT xdjy.settle(958005, 10000, 0, 'SETL-AC-5', '2024-03-03', acct_used => true)$$),
	'%account_cross_province%', 'the hint names the setting');
INSERT INTO account_cross_province (province, valid, source) VALUES ('370000', '[2024-03-03,)', 'a test setting');
SELECT is((SELECT s.scope || '/' || s.acct_pay_fen FROM xdjy.settle(958005, 10000, 0, 'SETL-AC-5', '2024-03-03', acct_used => true) s),
	'cross_province/5500', '鲁医保发〔2022〕26号 第四条(二): with the dated setting, the account pays across provinces');

-- the national output
SELECT is((SELECT acct_pay || '/' || psn_cash_pay || '/' || balc || '/' || psn_part_amt FROM setlinfo
		WHERE setl_id = (SELECT id FROM settlement WHERE invoice_no = 'SETL-AC-2')),
	'39.99/0.01/0.00/40.00', 'setlinfo: acct_pay, psn_cash_pay and balc in yuan');
SELECT is((SELECT sum(acct_pay) FROM stmt_scope('370100', '310', '11', '2024-03-01', '2024-03-03')), 
	(SELECT sum(acct_pay_fen) / 100.0 FROM settlement WHERE mode = 'direct' AND insured_region = '370100'
		AND settled_on BETWEEN '2024-03-01' AND '2024-03-03'
		AND encounter_id IN (SELECT id FROM encounter WHERE visit_type = 'outpatient'))::numeric(16,2),
	'鲁医保发〔2022〕26号 第四条(二): the 3201 scope carries the account payments');
SELECT is((SELECT stmt_rslt FROM stmt_total('370100', '310', '11', '2024-03-01', '2024-03-03',
		c.medfee, c.fund, 0, c.n::integer))
		|| '/' || (SELECT stmt_rslt FROM stmt_total('370100', '310', '11', '2024-03-01', '2024-03-03',
		c.medfee, c.fund, c.acct, c.n::integer)),
	'3/0', '3201: an institution reporting no account payment disagrees; one reporting them agrees')
	FROM (SELECT count(*) AS n, sum(medfee_sumamt) AS medfee, sum(fund_pay_sumamt) AS fund, sum(acct_pay) AS acct
		FROM stmt_scope('370100', '310', '11', '2024-03-01', '2024-03-03')) c;

-- a reversal gives the amount back
SELECT is((SELECT r.acct_pay_fen || '/' || r.cash_pay_fen || '/' || r.acct_balance_fen
		FROM xdjy.reverse_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-AC-1'), '2024-03-04') r),
	'-4000/0/4000', 'the reversal refunds what the account paid; the balance is back at 4000');
SELECT is((SELECT balance_fen FROM personal_account WHERE person_id = 'SETL-AC1'), 4000::bigint,
	'the account holds its amount again');
SELECT is((SELECT kind || '/' || amount_fen FROM personal_account_movement WHERE person_id = 'SETL-AC1' ORDER BY id DESC LIMIT 1),
	'refund/4000', 'the refund is in the ledger');
SELECT is((SELECT r.acct_pay_fen || '/' || coalesce(r.acct_balance_fen::text, 'null')
		FROM xdjy.reverse_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-AC-6'), '2024-03-04') r),
	'0/null', 'a settlement that did not use the account reverses without touching it');
SELECT is((SELECT sum(amount_fen)::bigint FROM personal_account_movement WHERE person_id = 'SETL-AC3'),
	(SELECT balance_fen FROM personal_account WHERE person_id = 'SETL-AC3'), 'the balance is the sum of the movements');

-- the ledger's own rules
SELECT throws_ok($$INSERT INTO personal_account_movement (person_id, kind, amount_fen, moved_on, settlement_id)
	VALUES ('SETL-AC2', 'debit', -1, '2024-03-05', (SELECT id FROM settlement WHERE invoice_no = 'SETL-AC-2'))$$,
	'YB331', NULL, 'no movement takes the balance below zero: 1 fen from an empty account');
SELECT alike(pg_temp.detail_of($$INSERT INTO personal_account_movement (person_id, kind, amount_fen, moved_on, settlement_id)
	VALUES ('SETL-AC2', 'debit', -1, '2024-03-05', (SELECT id FROM settlement WHERE invoice_no = 'SETL-AC-2'))$$),
	'The personal account of person "SETL-AC2" holds 0 fen; the debit is of -1 fen.', 'the detail gives the balance and the amount');
SELECT throws_ok($$UPDATE personal_account_movement SET amount_fen = 1 WHERE person_id = 'SETL-AC1'$$,
	'YB332', NULL, 'movements are never changed');
SELECT throws_ok($$DELETE FROM personal_account_movement WHERE person_id = 'SETL-AC1'$$,
	'YB332', NULL, 'nor deleted');
SELECT throws_ok($$INSERT INTO personal_account_movement (person_id, kind, amount_fen) VALUES ('SETL-AC1', 'credit', 0)$$,
	'23514', NULL, 'a credit is of a positive amount');
SELECT throws_ok($$INSERT INTO personal_account_movement (person_id, kind, amount_fen) VALUES ('SETL-AC1', 'debit', -5)$$,
	'23514', NULL, 'a debit names its settlement');
SELECT throws_ok($$INSERT INTO settlement (encounter_id, total_fen, invoice_no, settled_on, acct_pay_fen)
	VALUES (958003, 100, 'SETL-AC-x', '2024-03-01', 100)$$,
	'YB316', NULL, 'acct_pay_fen is the engine''s: a client does not give it');
SELECT is((SELECT count(*) FROM settlement WHERE acct_pay_fen + cash_pay_fen <> personal_fen), 0::bigint,
	'acct_pay + psn_cash_pay = psn_part_amt on every row');

-- an operator credits only its own regions' insured
SET LOCAL ROLE xdjy_operator;
SELECT throws_ok($$INSERT INTO xdjy.personal_account_movement (person_id, kind, amount_fen, moved_on)
	VALUES ('SETL-AC1', 'credit', 100, '2024-03-05')$$, 'YB005', NULL,
	'an operator without the insured region does not credit the account');
RESET ROLE;
INSERT INTO operator_region VALUES ('xdjy_operator', '370100');
SET LOCAL ROLE xdjy_operator;
SELECT lives_ok($$INSERT INTO xdjy.personal_account_movement (person_id, kind, amount_fen, moved_on)
	VALUES ('SETL-AC1', 'credit', 100, '2024-03-05')$$, 'the insured place''s operator credits it');
RESET ROLE;
SELECT is((SELECT balance_fen FROM personal_account WHERE person_id = 'SETL-AC1'), 4100::bigint,
	'the credit is on the balance');

SELECT * FROM finish();
ROLLBACK;
