--
-- Daily three-party reconciliation at scale (鲁医保发〔2022〕26号 第四条(一): every day's settlements are
-- reconciled that day): with 100 000 settlements and 200 000 party reports
-- the mismatch view of one day reads settlement and party_report through
-- their indexes, never a sequential scan of all settlements.
--
SET search_path = xdjy, public;
SET DateStyle = ISO, YMD;
BEGIN;
-- hand-made rows: the settlement rules (triggers) stay out of the way
SET LOCAL session_replication_role = replica;
INSERT INTO institution (code, name_zh, region_code, kind, networked_inpatient)
VALUES ('RPT-EXP-H1', '测试医院', '371002', 'hospital', true);
INSERT INTO person VALUES ('RPT-EXP-P1', '测试', '370100', 'employee');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (6999001, 'RPT-EXP-P1', 'RPT-EXP-H1', 'outpatient', '2024-01-01', '2024-01-01');
-- 100 000 remote direct settlements over 2024, about 273 a day
INSERT INTO settlement (id, encounter_id, settled_on, mode, invoice_no, total_fen, person_id, institution_code,
	insured_region, treatment_region, scope, category, fund_fen, personal_fen)
SELECT 7000000 + g, 6999001, '2024-01-01'::date + (g % 366), 'direct', 'RPT-EXP-' || g, 1000, 'RPT-EXP-P1', 'RPT-EXP-H1',
	'370100', '371000', 'intra_province', 'temporary', 600, 400
FROM generate_series(1, 100000) g;
-- two parties report each; the platform reports none (missing_at_national)
INSERT INTO party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
SELECT p, 7000000 + g, '2024-01-01'::date + (g % 366), 1000, 600, 400
FROM generate_series(1, 100000) g, unnest('{insured,treatment}'::text[]) p;
-- and a few settlements nobody knows
INSERT INTO party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
SELECT 'national', 9000000 + g, '2024-06-15', 1, 1, 0 FROM generate_series(1, 5) g;
ANALYZE settlement;
ANALYZE party_report;
SELECT count(*) AS settlements FROM settlement WHERE id > 7000000;

-- the scans of a plan, one line each
CREATE FUNCTION pg_temp.scans(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		IF l ~ 'Scan' THEN
			RETURN NEXT regexp_replace(l, '^\s*(->\s*)?', '');
		END IF;
	END LOOP;
END
$$;

-- the daily reconciliation of 15 June
SELECT pg_temp.scans($$SELECT * FROM xdjy.reconciliation_mismatch WHERE day = '2024-06-15'$$) AS scan;
SELECT count(*) FILTER (WHERE scan ~ '^Seq Scan on (settlement|party_report)') AS sequential_scans_of_big_tables
FROM pg_temp.scans($$SELECT * FROM xdjy.reconciliation_mismatch WHERE day = '2024-06-15'$$) AS scan;

-- and its answer: 273 settlements missing at the platform, 5 unknown ones
SELECT kind, count(*) FROM reconciliation_mismatch WHERE day = '2024-06-15' GROUP BY kind ORDER BY kind;
ROLLBACK;
