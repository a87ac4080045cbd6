--
-- Filings (备案), worked examples a reader can check, with the
-- rejections as users see them, and filing_at() driven by an index.
-- Runs in one transaction rolled back at the end (the sample persons and
-- institutions of test/fixtures/sample.sql are loaded inside it).
--
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
\set ECHO none
\i test/fixtures/sample.sql
\set ECHO all
SET LOCAL search_path = xdjy, public;
SET LOCAL datestyle = ISO;
-- ids printed below do not depend on what ran before (rolled back too)
ALTER SEQUENCE filing_id_seq RESTART WITH 1001;
ALTER SEQUENCE encounter_id_seq RESTART WITH 2001;
ALTER SEQUENCE settlement_id_seq RESTART WITH 3001;

-- Zhang Wei, insured in Jinan, moves to Beijing: long-term filing by
-- pledge, applied 2024-03-10, backdated 5 days (济宁市医保局 异地就医十项便民措施 第四条(二))
SELECT file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10') > 0 AS filed;
-- six days back is rejected
SELECT file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a temporary filing may start any time before (鲁医保发〔2022〕26号 第二条(二))
SELECT file_temporary('jinan-emp-2', '310000', '2023-02-04', '2024-03-10') > 0 AS filed;
-- a filing names a region, never an institution (鲁医保发〔2021〕46号 第三条(四))
SELECT file_temporary('jinan-emp-2', 'H31010100001', '2024-03-10', '2024-03-10');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- He sees a doctor in Beijing on 2024-04-10; the settlement is a fixture
-- row here (the settlement engine writes them in real life)
INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-1', 'H11010500001', 'outpatient', '2024-04-10', '2024-04-10');
SET LOCAL session_replication_role = replica;
INSERT INTO settlement (encounter_id, settled_on, invoice_no, total_fen)
SELECT id, '2024-04-10', 'REG-0001', 35000 FROM encounter WHERE person_id = 'jinan-emp-1';
SET LOCAL session_replication_role = origin;

-- so he cannot move the filing to Shanghai before 2024-09-05 (济宁市医保局 异地就医十项便民措施 第四条(一))
SELECT change_filing(id, '310000', '2024-09-04') FROM filing WHERE person_id = 'jinan-emp-1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT code, message_en, message_zh FROM error_code WHERE code = :'LAST_ERROR_SQLSTATE';
-- on 2024-09-05 he can
SELECT change_filing(id, '310000', '2024-09-05') > id AS changed FROM filing WHERE person_id = 'jinan-emp-1';
SELECT destination_region, category, status, start_date, applied_on, closed_on,
       replaced_by IS NOT NULL AS replaced
FROM filing WHERE person_id = 'jinan-emp-1' ORDER BY id;
-- the changed row is the record: it never changes again
UPDATE filing SET proof = 'residence_permit' WHERE person_id = 'jinan-emp-1' AND status = 'changed';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- every event is in the history
SELECT event, business_date, new_row->>'destination_region' AS destination, new_row->>'status' AS status
FROM filing_history h JOIN filing f ON f.id = h.filing_id
WHERE f.person_id = 'jinan-emp-1' ORDER BY h.id;

-- which filing applies where, when (long-term first)
SELECT d AS on_date, r AS region, (SELECT destination_region || ' ' || category::text FROM filing_at('jinan-emp-1', r, d)) AS applies
FROM (VALUES ('2024-09-04'::date, '110105001'), ('2024-09-05', '110105001'), ('2024-09-05', '310104')) v(d, r);

-- filing_at() is index-driven: a realistic table, analysed
INSERT INTO person (id, name, insured_region, scheme)
SELECT 'bulk-' || g, '批量' || g, '370100', 'employee' FROM generate_series(1, 3000) g;
SELECT count(file_long_term('bulk-' || g, (ARRAY['110000', '310000', '440300'])[1 + g % 3], '2024-01-01', '2024-01-01'))
FROM generate_series(1, 3000) g;
ANALYZE filing;
-- the query filing_at() runs, as the kept plan runs it (generic plan)
SET LOCAL plan_cache_mode = force_generic_plan;
PREPARE filing_at_query(text, text, date) AS
SELECT f FROM xdjy.filing f
 WHERE f.person_id OPERATOR(pg_catalog.=) $1
 AND f.destination_region OPERATOR(pg_catalog.=) $2
 AND f.start_date OPERATOR(pg_catalog.<=) $3
 AND (f.closed_on IS NULL OR f.closed_on OPERATOR(pg_catalog.>) $3)
 ORDER BY f.category OPERATOR(xdjy.=) 'long_term_resident'::xdjy.residence_category DESC,
 f.start_date DESC, f.id DESC LIMIT 1;
EXPLAIN (COSTS OFF) EXECUTE filing_at_query('bulk-42', '110000', '2024-06-01');
-- and the function itself scans that index, never the table
SELECT pg_stat_get_xact_numscans('filing_person_destination_idx'::regclass) AS idx_before,
       pg_stat_get_xact_numscans('filing'::regclass) AS scans_before \gset
SELECT count(a.id) AS found FROM generate_series(1, 10) g, filing_at('bulk-' || g, '110000', '2024-06-01') a;
SELECT pg_stat_get_xact_numscans('filing_person_destination_idx'::regclass) - :idx_before AS index_scans,
       pg_stat_get_xact_numscans('filing'::regclass) - :scans_before AS seq_scans_of_filing;
ROLLBACK;
