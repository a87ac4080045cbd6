-- xdjy demo: what `make demo` prints.  Runs in a throwaway database; rows
-- the rules reject are shown with their error, then the demo goes on.
\pset footer off
\set VERBOSITY default
CREATE EXTENSION xdjy CASCADE;
SET search_path = xdjy, public;

\echo
\echo '== 1. Types: residence_category and filing_status (SPEC §1)'
\echo '   Input takes English, Chinese and the legacy groups of 鲁医保发〔2021〕46号 §一:'
SELECT x AS "input", x::residence_category AS "residence_category"
FROM unnest(ARRAY['long_term_resident', '临时外出就医人员', '异地安置退休人员',
	'外出务工农民', '转诊转院人员', '探亲']) x;
\echo '   Output follows xdjy.language (en | zh):'
SET xdjy.language = zh;
SELECT c AS "类别", s AS "备案状态"
FROM unnest('{long_term_resident,temporary_outside,long_term_resident,temporary_outside}'::residence_category[],
	'{active,changed,cancelled,terminated}'::filing_status[]) AS t(c, s);
RESET xdjy.language;
\echo '   A filing status moves only out of active (001 §四(一)):'
SELECT f AS "from", string_agg(t::text, ', ' ORDER BY t) FILTER (WHERE filing_status_can_transition(f, t)) AS "may move to"
FROM unnest('{active,changed,cancelled,terminated}'::filing_status[]) f,
     unnest('{active,changed,cancelled,terminated}'::filing_status[]) t
GROUP BY f ORDER BY f;
\echo '   Anything else is rejected (SQLSTATE 22P02):'
SELECT '长期居住'::residence_category;

-- == demo: filings ==
\echo
\echo '== 2. Filings (备案, SPEC §2): sample institutions and persons from test/fixtures/sample.sql'
\set SHOW_CONTEXT never
\i test/fixtures/sample.sql
SELECT p.id, p.name, p.insured_region, r.name_en AS insured_in, p.scheme
FROM xdjy.person p JOIN xdjy.region r ON r.code OPERATOR(pg_catalog.=) p.insured_region
WHERE p.id IN ('jinan-emp-1', 'jinan-emp-2', 'jinan-res-1', 'weihai-emp-1', 'changchun-res-1')
ORDER BY p.id;
\echo '   张伟 (Jinan) files long-term for Beijing on 2024-03-10, starting 5 days back (001 §四(二)):'
SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10') AS filing_id;
\echo '   王芳 files the same, 6 days back: rejected, the hint names the earliest start date:'
SELECT xdjy.file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\echo '   A temporary filing may start any time before (004 §二(二)): 400 days back, two destinations:'
SELECT xdjy.file_temporary('weihai-emp-1', '310000', '2023-02-04', '2024-03-10') AS shanghai,
       xdjy.file_temporary('weihai-emp-1', '440300', '2024-03-10', '2024-03-10') AS shenzhen;
\echo '   Intra-province temporary treatment in Shandong needs no filing from 2022-01-01 (000 §二(三), data):'
SELECT xdjy.filing_exempt('370100', '370800', '2021-12-31') AS "Jinan→Jining 2021-12-31",
       xdjy.filing_exempt('370100', '370800', '2022-01-01') AS "Jinan→Jining 2022-01-01",
       xdjy.filing_exempt('370100', '110000', '2022-01-01') AS "Jinan→Beijing";
\echo '   张伟 is treated in Beijing on 2024-04-10 (the settlement row stands in for the settlement engine):'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-1', 'H11010500001', 'outpatient', '2024-04-10', '2024-04-10');
SET session_replication_role = replica;
INSERT INTO xdjy.settlement (encounter_id, settled_on, invoice_no, total_fen)
SELECT e.id, '2024-04-10', 'DEMO-0001', 35000 FROM xdjy.encounter e
WHERE e.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1';
RESET session_replication_role;
\echo '   so moving the filing to Shanghai before start + 6 months is rejected (001 §四(一)):'
SELECT xdjy.change_filing(f.id, '310000', '2024-09-04') FROM xdjy.filing f
WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1';
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\echo '   中文显示 (SET xdjy.language = zh): the same two rejections; the error text stays as PostgreSQL'
\echo '   writes it, the catalogue xdjy.error_code carries the Chinese message and cause:'
SET xdjy.language = zh;
SELECT xdjy.file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
SELECT xdjy.change_filing(f.id, '310000', '2024-09-04') FROM xdjy.filing f
WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1';
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
SELECT c.code AS "错误代码", c.message_zh AS "错误信息", c.cause_zh AS "原因"
FROM xdjy.error_code c WHERE c.code IN ('YB105', 'YB107') ORDER BY c.code;
\echo '   2024-09-05: the change goes through; the old filing is closed, the new one opens that day:'
SELECT xdjy.change_filing(f.id, '310000', '2024-09-05') AS "新备案" FROM xdjy.filing f
WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1';
SELECT f.id AS "备案", f.destination_region AS "备案地", f.category AS "人员类别", f.status AS "状态",
       f.start_date AS "起始日期", f.closed_on AS "关闭日期", f.replaced_by AS "接续备案"
FROM xdjy.filing f WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1' ORDER BY f.id;
RESET xdjy.language;
\echo '   Which filing applies where and when (filing_at), and the history of every event:'
SELECT d AS on_date, r AS region, a.id AS filing_id, a.category
FROM (VALUES ('2024-09-04'::date, '110105001'), ('2024-09-05', '110105001'), ('2024-09-05', '310104')) v(d, r)
LEFT JOIN LATERAL xdjy.filing_at('jinan-emp-1', r, d) a ON true ORDER BY 1, 2;
SELECT h.filing_id, h.event, h.business_date, h.by_role, h.new_row->>'destination_region' AS destination
FROM xdjy.filing_history h JOIN xdjy.filing f ON f.id OPERATOR(pg_catalog.=) h.filing_id
WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1' ORDER BY h.id;
\echo '   Jilin (002 #7): 吴刚, Changchun resident scheme, living in Beijing, chooses non-direct hospitals:'
SELECT xdjy.file_long_term('changchun-res-1', '110000', '2024-03-01', '2024-03-01') AS filing_id \gset
SELECT xdjy.choose_institution(:filing_id, 'H11010500002', true, '2024-03-10') AS tier3,
       xdjy.choose_institution(:filing_id, 'H11010800002', false, '2024-03-10') AS tier2;
\echo '   a second tier-3 hospital is rejected:'
SELECT xdjy.choose_institution(:filing_id, 'H11010500003', false, '2024-03-10');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\set SHOW_CONTEXT errors
-- == end demo: filings ==

-- == demo: settlements ==
-- == end demo: settlements ==

-- == demo: reporting ==
-- == end demo: reporting ==

-- == demo: national interface ==
-- == end demo: national interface ==
