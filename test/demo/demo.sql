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
-- == end demo: filings ==

-- == demo: settlements ==
-- == end demo: settlements ==

-- == demo: reporting ==
-- == end demo: reporting ==

-- == demo: national interface ==
-- == end demo: national interface ==
