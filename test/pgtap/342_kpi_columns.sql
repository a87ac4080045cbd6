-- kpi_monthly reads unambiguously: province_basis says which province a
-- row counts by (the treatment province for network_success, the insured
-- one for cross_province_inpatient_direct), the rates are also in percent,
-- and every column has an English / Chinese comment, as every column of
-- the analyst views remote_direct_settlement, reconciliation_mismatch,
-- reconciliation_monthly, detail_upload_overdue,
-- coverage_gap and manual_claim_due has.
BEGIN;
SELECT plan(6);
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql

SELECT ok((SELECT count(*) > 0 FROM kpi_monthly), 'the fixture gives indicator rows');
SELECT is((SELECT string_agg(DISTINCT kpi || '=' || province_basis, ', ' ORDER BY kpi || '=' || province_basis) FROM kpi_monthly),
	'cross_province_inpatient_direct=insured, network_success=treatment',
	'province_basis: insured province for the inpatient rate, treatment province for network success');
SELECT is((SELECT count(*)::int FROM kpi_monthly
	WHERE rate_percent IS DISTINCT FROM rate_bp / 100.0 OR target_percent IS DISTINCT FROM target_bp / 100.0), 0,
	'rate_percent and target_percent are the basis points in percent');
SELECT is((SELECT target_percent FROM kpi_monthly WHERE kpi = 'network_success' LIMIT 1), 98.00::numeric,
	'network success: target 98%');
SELECT is((SELECT count(*)::int FROM pg_attribute a
	WHERE a.attrelid = 'xdjy.kpi_monthly'::regclass AND a.attnum > 0
		AND coalesce(col_description(a.attrelid, a.attnum), '') !~ '^[^/]+ / .+$'), 0,
	'every column of kpi_monthly has a comment "English / 中文"');

SELECT is((SELECT string_agg(a.attrelid::regclass || '.' || a.attname, ', ') FROM pg_attribute a
	WHERE a.attrelid IN ('xdjy.kpi_monthly'::regclass, 'xdjy.reconciliation_monthly'::regclass,
			'xdjy.remote_direct_settlement'::regclass, 'xdjy.reconciliation_mismatch'::regclass,
			'xdjy.detail_upload_overdue'::regclass, 'xdjy.coverage_gap'::regclass, 'xdjy.manual_claim_due'::regclass)
		AND a.attnum > 0 AND coalesce(col_description(a.attrelid, a.attnum), '') !~ '^[^/]+ / .+$'), NULL,
	'every column of these analyst views has a comment "English / 中文"');

SELECT * FROM finish();
ROLLBACK;
