-- The analyst views read unambiguously.  kpi_monthly names the province a
-- row counts: treatment_province on network_success rows, insured_province
-- on cross_province_inpatient_direct rows (鲁医保发〔2022〕26号 第一条), the
-- other NULL; rates and targets are in basis points and in percent.  Money
-- is in fen and, beside it, in yuan, exactly (fen / 100, numeric with two
-- decimals, never float).  Comments: test/pgtap/344_view_comments.sql.
BEGIN;
SELECT plan(11);
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql

SELECT ok((SELECT count(*) > 0 FROM kpi_monthly), 'the fixture gives indicator rows');
SELECT is((SELECT string_agg(DISTINCT kpi || '=' || CASE WHEN treatment_province IS NOT NULL THEN 'treatment' ELSE '' END
		|| CASE WHEN insured_province IS NOT NULL THEN 'insured' ELSE '' END, ', ') FROM kpi_monthly),
	'cross_province_inpatient_direct=insured, network_success=treatment',
	'each row has exactly one province: insured for the inpatient rate, treatment for network success');
SELECT is((SELECT count(*)::int FROM kpi_monthly k JOIN region r ON r.code = coalesce(k.treatment_province, k.insured_province)
	WHERE k.province_name_zh IS DISTINCT FROM r.name_zh OR k.province_name_en IS DISTINCT FROM r.name_en), 0,
	'province_name_zh / _en name the row''s province');
SELECT is((SELECT count(*)::int FROM kpi_monthly
	WHERE rate_percent IS DISTINCT FROM rate_bp / 100.0 OR target_percent IS DISTINCT FROM target_bp / 100.0), 0,
	'rate_percent and target_percent are the basis points in percent');
SELECT is((SELECT target_percent::text FROM kpi_monthly WHERE kpi = 'network_success' LIMIT 1), '98.00',
	'network success: target 98.00%');
SELECT is((SELECT string_agg(DISTINCT format_type(a.atttypid, a.atttypmod), ', ') FROM pg_attribute a
	WHERE a.attrelid = 'xdjy.kpi_monthly'::regclass AND a.attname LIKE '%\_percent'), 'numeric(7,2)',
	'percentages are numeric with two decimals');

-- yuan beside fen: every *_yuan column of the analyst views is its *_fen / 100
SELECT is((SELECT string_agg(a.attrelid::regclass || '.' || a.attname, ', ' ORDER BY a.attrelid::regclass::text, a.attnum)
	FROM pg_attribute a
	WHERE a.attrelid IN ('xdjy.remote_direct_settlement'::regclass, 'xdjy.reconciliation_mismatch'::regclass,
			'xdjy.clearing_monthly'::regclass)
		AND a.attnum > 0 AND a.attname LIKE '%\_fen'
		AND NOT EXISTS (SELECT FROM pg_attribute y WHERE y.attrelid = a.attrelid AND y.attnum = a.attnum + 1
			AND y.attname = regexp_replace(a.attname, '_fen$', '_yuan')
			AND format_type(y.atttypid, y.atttypmod) IN ('numeric(20,2)', 'numeric'))), NULL,
	'every fen column of the analyst views has its yuan, numeric, right beside it');
SELECT is((SELECT count(*)::int FROM remote_direct_settlement
	WHERE total_yuan <> total_fen / 100.0 OR fund_yuan <> fund_fen / 100.0 OR personal_yuan <> personal_fen / 100.0), 0,
	'remote_direct_settlement: yuan = fen / 100, exactly');
SELECT is((SELECT count(*)::int FROM reconciliation_mismatch
	WHERE fund_yuan IS DISTINCT FROM fund_fen / 100.0 OR treatment_fund_yuan IS DISTINCT FROM treatment_fund_fen / 100.0
		OR national_personal_yuan IS DISTINCT FROM national_personal_fen / 100.0), 0,
	'reconciliation_mismatch: yuan = fen / 100, exactly, NULL where the fen are');
SELECT is((SELECT fund_yuan::text FROM clearing_monthly_as_of('2024-12-31')
	WHERE month = '2024-09-01' AND party_kind = 'institution' AND code = 'RPT-JN-H1'), '1500.00',
	'clearing_monthly_as_of: 150000 fen is 1500.00 yuan');
SELECT is((SELECT count(*)::int FROM clearing_monthly_as_of('2024-12-31')
	WHERE fund_yuan <> fund_fen / 100.0 OR scale(fund_yuan) <> 2
		OR confirmed_fund_yuan IS DISTINCT FROM confirmed_fund_fen / 100.0
		OR paid_yuan IS DISTINCT FROM paid_fen / 100.0
		OR transferred_fund_yuan IS DISTINCT FROM transferred_fund_fen / 100.0), 0,
	'clearing_monthly_as_of: every yuan is its fen / 100, with two decimals');

SELECT * FROM finish();
ROLLBACK;
