-- National interface money (国家医疗保障信息平台 接口规范: the platform's amounts are yuan
-- numeric(16,2), xdjy stores bigint fen): fen → yuan exact at the edges,
-- yuan → fen exact or refused, never rounded; setlinfo carries the same.
BEGIN;
SELECT plan(46);
SET LOCAL search_path = xdjy, public;
\i test/fixtures/national.sql

-- fen_to_yuan: exact, always two decimals ---------------------------------
SELECT is(fen_to_yuan(f)::text, y, format('fen_to_yuan(%s) = %s', f, y))
FROM (VALUES (0::bigint, '0.00'), (1, '0.01'), (-1, '-0.01'), (10, '0.10'), (99, '0.99'),
	(100, '1.00'), (-30001, '-300.01'),
	-- 2^53 fen, where a double would start to lose fen
	(9007199254740992, '90071992547409.92'), (9007199254740993, '90071992547409.93'),
	(-9007199254740992, '-90071992547409.92'),
	-- the largest numeric(16,2)
	(9999999999999999, '99999999999999.99'), (-9999999999999999, '-99999999999999.99')) v(f, y);
SELECT is(pg_typeof(fen_to_yuan(1))::text, 'numeric', 'fen_to_yuan returns numeric');
SELECT throws_ok('SELECT xdjy.fen_to_yuan(10000000000000000)', '22003', NULL,
	'one fen beyond numeric(16,2) is refused: 22003');
SELECT throws_ok('SELECT xdjy.fen_to_yuan(-10000000000000000)', '22003', NULL,
	'one fen below -99999999999999.99 yuan is refused: 22003');
SELECT throws_ok('SELECT xdjy.fen_to_yuan(9223372036854775807)', '22003', NULL,
	'max bigint fen is refused: 22003, not a wrong number');
SELECT throws_ok('SELECT xdjy.fen_to_yuan(-9223372036854775808)', '22003', NULL,
	'min bigint fen is refused: 22003, no overflow on negation');
SELECT is(fen_to_yuan(NULL), NULL, 'fen_to_yuan(NULL) is NULL (STRICT)');

-- yuan_to_fen: exact or refused --------------------------------------------
SELECT is(yuan_to_fen(y), f, format('yuan_to_fen(%s) = %s', y, f))
FROM (VALUES (0.01::numeric, 1::bigint), (0.010, 1), (-300.01, -30001), (12.3, 1230),
	(90071992547409.92, 9007199254740992), (99999999999999.99, 9999999999999999),
	(-99999999999999.99, -9999999999999999)) v(y, f);
SELECT throws_ok('SELECT xdjy.yuan_to_fen(0.001)', 'YB704', NULL, '0.001 yuan is not a whole fen: YB704');
SELECT throws_ok('SELECT xdjy.yuan_to_fen(12.345)', 'YB704', NULL, '12.345 yuan is refused, not rounded to 12.35: YB704');
SELECT throws_ok('SELECT xdjy.yuan_to_fen(-0.005)', 'YB704', NULL, '-0.005 yuan is refused, not rounded: YB704');
SELECT throws_ok('SELECT xdjy.yuan_to_fen(100000000000000.00)', '22003', NULL,
	'10^14 yuan does not fit numeric(16,2): 22003');
SELECT throws_ok($$SELECT xdjy.yuan_to_fen('NaN')$$, '22023', NULL, 'NaN yuan: 22023');
SELECT throws_ok($$SELECT xdjy.yuan_to_fen('Infinity')$$, '22023', NULL, 'Infinity yuan: 22023');

SELECT is((SELECT count(*) FROM generate_series(-200001, 200001) f
		WHERE yuan_to_fen(fen_to_yuan(f)) <> f OR fen_to_yuan(f) * 100 <> f), 0::bigint,
	'round trip fen → yuan → fen is the identity on [-200001, 200001]');

-- setlinfo carries it -------------------------------------------------------
SELECT col_type_is('xdjy', 'setlinfo', c, 'numeric(16,2)', format('setlinfo.%s is numeric(16,2)', c))
FROM unnest(ARRAY['medfee_sumamt', 'fulamt_ownpay_amt', 'preselfpay_amt', 'inscp_scp_amt',
	'act_pay_dedc', 'hifp_pay', 'fund_pay_sumamt', 'acct_pay', 'psn_part_amt']) c;
SELECT col_type_is('xdjy', 'setlinfo', 'pool_prop_selfpay', 'numeric(5,4)', 'setlinfo.pool_prop_selfpay is numeric(5,4)');
SELECT is((SELECT format('%s %s %s %s %s', medfee_sumamt, preselfpay_amt, inscp_scp_amt, hifp_pay, psn_part_amt)
		FROM setlinfo WHERE setl_id = 9104),
	'-300.01 -30.00 -270.01 -135.01 -165.00', 'a reversal row converts negative amounts exactly');
SELECT is((SELECT count(*) FROM setlinfo WHERE psn_no LIKE 'NAT-%'
		AND medfee_sumamt <> fulamt_ownpay_amt + preselfpay_amt + inscp_scp_amt), 0::bigint,
	'medfee_sumamt = fulamt_ownpay_amt + preselfpay_amt + inscp_scp_amt on every row');
SELECT is((SELECT count(*) FROM setlinfo WHERE psn_no LIKE 'NAT-%'
		AND medfee_sumamt <> fund_pay_sumamt + psn_part_amt), 0::bigint,
	'medfee_sumamt = fund_pay_sumamt + psn_part_amt on every row');

-- a settlement beyond numeric(16,2) cannot be shown wrong
SET LOCAL session_replication_role = replica;
INSERT INTO settlement (id, encounter_id, settled_on, invoice_no, total_fen, out_of_scope_fen, person_id,
	institution_code, insured_region, treatment_region, scope, category, ratio_bp, first_selfpay_fen,
	deductible_fen, fund_fen, personal_fen)
VALUES (9190, 9001, '2024-05-01', 'NAT-INV-9190', 9223372036854775807, 0, 'NAT-emp-1', 'NAT-H1', '110000',
	'370100', 'cross_province', 'long_term', 9000, 0, 0, 0, 9223372036854775807);
SET LOCAL session_replication_role = origin;
SELECT throws_ok('SELECT * FROM xdjy.setlinfo WHERE setl_id = 9190', '22003', NULL,
	'setlinfo refuses a max-bigint settlement with 22003 instead of printing a wrong amount');

SELECT * FROM finish();
ROLLBACK;
