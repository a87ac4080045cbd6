-- The national interface's catalogue: every
-- contract column of filing, encounter and settlement names its national
-- field or says it has none; the section's functions have a fixed
-- search_path (or are C), true volatility and a comment; its views run
-- as the invoker.
BEGIN;
SELECT plan(17);
SET LOCAL search_path = xdjy, public;

CREATE TEMP TABLE contract_column (tbl text, col text, field text);
INSERT INTO contract_column VALUES
	('filing', 'id', 'trt_dcla_detl_sn'), ('filing', 'person_id', 'psn_no'),
	('filing', 'destination_region', 'mdtrtarea_admvs'), ('filing', 'category', 'xdjy only'),
	('filing', 'status', 'vali_flag'), ('filing', 'start_date', 'begndate'),
	('filing', 'applied_on', 'xdjy only'), ('filing', 'channel', 'dcla_souc'),
	('filing', 'pledge', 'xdjy only'), ('filing', 'proof', 'xdjy only'),
	('filing', 'closed_on', 'enddate'), ('filing', 'replaced_by', 'xdjy only'),
	('filing', 'created_at', 'crte_time'),
	('encounter', 'id', 'mdtrt_id'), ('encounter', 'person_id', 'psn_no'),
	('encounter', 'institution_code', 'fixmedins_code'), ('encounter', 'visit_type', 'med_type'),
	('encounter', 'admitted_on', 'begntime'), ('encounter', 'discharged_on', 'endtime'),
	('encounter', 'emergency', 'otp_er_refl_flag'), ('encounter', 'trauma', 'trum_flag'),
	('encounter', 'third_party', 'rel_ttp_flag'), ('encounter', 'trauma_pledge', 'xdjy only'),
	('encounter', 'attached_to', 'xdjy only'), ('encounter', 'created_at', 'crte_time'),
	('settlement', 'id', 'setl_id'), ('settlement', 'encounter_id', 'mdtrt_id'),
	('settlement', 'settled_on', 'setl_time'), ('settlement', 'mode', 'xdjy only'),
	('settlement', 'invoice_no', 'invono'), ('settlement', 'total_fen', 'medfee_sumamt'),
	('settlement', 'out_of_scope_fen', 'fulamt_ownpay_amt'), ('settlement', 'reverses', 'refd_setl_flag'),
	('settlement', 'person_id', 'psn_no'), ('settlement', 'institution_code', 'fixmedins_code'),
	('settlement', 'insured_region', 'insuplc_admdvs'), ('settlement', 'treatment_region', 'mdtrtarea_admvs'),
	('settlement', 'filing_id', 'trt_dcla_detl_sn'), ('settlement', 'scope', 'xdjy only'),
	('settlement', 'category', 'xdjy only'), ('settlement', 'policy_id', 'xdjy only'),
	('settlement', 'ratio_bp', 'pool_prop_selfpay'), ('settlement', 'first_selfpay_fen', 'preselfpay_amt'),
	('settlement', 'deductible_fen', 'act_pay_dedc'), ('settlement', 'fund_fen', 'hifp_pay'),
	('settlement', 'personal_fen', 'psn_part_amt'), ('settlement', 'created_at', 'crte_time');

SELECT is((SELECT count(*) FROM contract_column), 47::bigint, '47 contract columns');
SELECT is_empty($$
	SELECT c.tbl || '.' || c.col FROM contract_column c
	WHERE NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = ('xdjy.' || c.tbl)::regclass
		AND a.attname = c.col AND NOT a.attisdropped)$$,
	'every listed column exists');
SELECT is_empty($$
	SELECT c.tbl || '.' || c.col FROM contract_column c
	WHERE coalesce(col_description(('xdjy.' || c.tbl)::regclass,
		(SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = ('xdjy.' || c.tbl)::regclass AND a.attname = c.col)), '')
		NOT LIKE '%' || c.field || '%'$$,
	'every contract column''s comment names its national field, or says xdjy only');
SELECT is_empty($$
	SELECT c.tbl || '.' || c.col FROM contract_column c
	WHERE col_description(('xdjy.' || c.tbl)::regclass,
		(SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = ('xdjy.' || c.tbl)::regclass AND a.attname = c.col))
		!~ '[一-龥]'$$,
	'every contract column''s comment carries the Chinese name');
SELECT alike(col_description('xdjy.settlement'::regclass, (SELECT attnum FROM pg_attribute
		WHERE attrelid = 'xdjy.settlement'::regclass AND attname = 'total_fen')),
	'medfee_sumamt 医疗费总额 (in fen; the platform uses yuan)%', 'settlement.total_fen, in the platform''s words');
SELECT alike(col_description('xdjy.filing'::regclass, (SELECT attnum FROM pg_attribute
		WHERE attrelid = 'xdjy.filing'::regclass AND attname = 'pledge')),
	'xdjy only: 个人承诺 — _%',
	'the national name goes in front of the filing section''s own comment, which stays');

-- the section's functions ------------------------------------------------------------
CREATE TEMP TABLE nat_fn AS
SELECT p.oid, p.proname, p.prolang, p.provolatile, p.proconfig
FROM pg_proc p WHERE p.pronamespace = 'xdjy'::regnamespace AND p.proname IN (
	'fen_to_yuan', 'yuan_to_fen', 'national_check_period',
	'stmt_check_request', 'stmt_check_batch', 'stmt_compare', 'stmt_scope', 'stmt_total',
	'stmt_detail', 'clearing_confirmation_trigger', 'clearing_confirm', 'clearing_confirm_month',
	'clearing_rollback', 'export_setlinfo');
SELECT is((SELECT count(*) FROM nat_fn), 14::bigint, 'the section''s 14 functions exist');
SELECT is_empty($$SELECT proname FROM nat_fn f JOIN pg_language l ON l.oid = f.prolang
	WHERE l.lanname <> 'c' AND NOT ('search_path=pg_catalog, pg_temp' = ANY (coalesce(f.proconfig, '{}')))$$,
	'every SQL function has SET search_path = pg_catalog, pg_temp');
SELECT is_empty($$SELECT proname FROM nat_fn WHERE obj_description(oid, 'pg_proc') IS NULL$$,
	'every function has a COMMENT');
SELECT results_eq($$SELECT proname::text COLLATE "default", provolatile::text COLLATE "default" FROM nat_fn ORDER BY 1$$,
	$$VALUES ('clearing_confirm', 'v'), ('clearing_confirm_month', 'v'), ('clearing_confirmation_trigger', 'v'),
		('clearing_rollback', 'v'), ('export_setlinfo', 's'), ('fen_to_yuan', 'i'),
		('national_check_period', 'i'), ('stmt_check_batch', 's'),
		('stmt_check_request', 's'), ('stmt_compare', 'i'), ('stmt_detail', 's'), ('stmt_scope', 's'),
		('stmt_total', 's'), ('yuan_to_fen', 'i')$$,
	'volatility: STABLE when reading tables, IMMUTABLE for pure conversions, VOLATILE when writing');

-- the section's views and tables ------------------------------------------------------
SELECT is_empty($$SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'xdjy'::regnamespace AND c.relkind = 'v'
	AND c.relname IN ('setlinfo', 'clearing_detail', 'clearing_confirmation_monthly', 'insutype_map_effective',
		'med_type_map_effective', 'clr_type_map_effective')
	AND NOT ('security_invoker=true' = ANY (coalesce(c.reloptions, '{}')))$$,
	'every view runs WITH (security_invoker = true)');
SELECT is((SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'xdjy'::regnamespace
	AND c.relname IN ('setlinfo', 'clearing_detail', 'clearing_confirmation_monthly', 'insutype_map_effective',
		'med_type_map_effective', 'clr_type_map_effective', 'insutype_map', 'med_type_map', 'clr_type_map',
		'stmt_detail_upload', 'clearing_detail_confirmation')
	AND obj_description(c.oid, 'pg_class') IS NOT NULL), 11::bigint, 'every view and table has a COMMENT');
SELECT columns_are('xdjy', 'setlinfo', ARRAY['psn_no', 'mdtrt_id', 'setl_id', 'insutype', 'med_type', 'clr_type',
	'insuplc_admdvs', 'mdtrtarea_admvs', 'fixmedins_code', 'clr_optins', 'medfee_sumamt', 'fulamt_ownpay_amt',
	'preselfpay_amt', 'inscp_scp_amt', 'act_pay_dedc', 'hifp_pay', 'pool_prop_selfpay', 'fund_pay_sumamt',
	'acct_pay', 'psn_part_amt', 'setl_time', 'refd_setl_flag', 'reverses', 'mode', 'overlmt_selfpay',
	'psn_cash_pay', 'balc'],
	'setlinfo has the platform''s settlement fields, clr_type, clr_optins, refd_setl_flag and two xdjy columns');
SELECT is((SELECT count(*) FROM pg_attribute a WHERE a.attrelid = 'xdjy.setlinfo'::regclass AND a.attnum > 0
	AND col_description(a.attrelid, a.attnum) IS NULL), 0::bigint, 'every setlinfo column has a COMMENT');
SELECT function_returns('xdjy', 'export_setlinfo', ARRAY['date', 'date'], 'setof setlinfo',
	'export_setlinfo(from, to) returns setlinfo rows');
SELECT throws_ok($$SELECT * FROM xdjy.export_setlinfo('2024-04-01', '2024-03-01')$$, 'YB702', NULL,
	'export_setlinfo with "from" after "to": YB702');
SELECT throws_ok($$SELECT * FROM xdjy.export_setlinfo(NULL, '2024-03-01')$$, 'YB702', NULL,
	'export_setlinfo with "from" NULL: YB702');

SELECT * FROM finish();
ROLLBACK;
