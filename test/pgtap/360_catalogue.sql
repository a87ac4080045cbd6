-- Catalogue checks over the whole extension (every section's objects):
-- nothing lost (every table users fill, and its identity
-- sequence, is dumped by pg_dump; builtin rows are not), views run as
-- their caller, functions have a fixed search_path, SECURITY DEFINER only
-- where section security puts it.
BEGIN;
SELECT plan(9);

CREATE TEMP VIEW ext_table AS
SELECT c.oid, c.relname, c.relkind
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid AND d.classid = 'pg_class'::regclass
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'xdjy');
CREATE TEMP VIEW dumped AS
SELECT u.cfg AS oid, u.cond
FROM pg_extension e, unnest(e.extconfig, e.extcondition) u(cfg, cond)
WHERE e.extname = 'xdjy';
CREATE TEMP VIEW ext_function AS
SELECT p.oid, p.proname, p.prosecdef, p.proconfig, p.prorettype, l.lanname, p.proacl
FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid AND d.classid = 'pg_proc'::regclass
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'xdjy');

-- nothing lost ------------------------------------------------------------------
SELECT is((SELECT array_agg(relname::text ORDER BY relname) FROM ext_table
           WHERE relkind = 'r' AND oid NOT IN (SELECT oid FROM dumped)),
          '{error_code}'::text[],
          'every table of the extension is dumped, but the error catalogue (the extension''s own, not filled by users)');
SELECT is((SELECT array_agg(s.relname::text ORDER BY s.relname)
           FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
           WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
             AND d.refobjid IN (SELECT oid FROM dumped) AND d.deptype IN ('a', 'i')
             AND s.oid NOT IN (SELECT oid FROM dumped)),
          NULL, 'the identity sequence of every dumped table is dumped too (ids continue after a restore)');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname)
           FROM dumped x JOIN pg_class c ON c.oid = x.oid
           WHERE EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'builtin' AND NOT a.attisdropped)
             AND x.cond <> 'WHERE NOT builtin'),
          NULL, 'a table with builtin rows dumps exactly the others (WHERE NOT builtin)');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname)
           FROM dumped x JOIN pg_class c ON c.oid = x.oid
           WHERE c.relkind = 'r' AND x.cond <> ''
             AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'builtin' AND NOT a.attisdropped)),
          NULL, 'every other dumped table is dumped whole');

-- views run as their caller --------------------------------------------------------
SELECT is((SELECT array_agg(relname::text ORDER BY relname) FROM ext_table c
           WHERE relkind = 'v' AND NOT coalesce((SELECT true FROM pg_class v, unnest(v.reloptions) o
                                                 WHERE v.oid = c.oid AND o IN ('security_invoker=true', 'security_invoker=on')), false)),
          NULL, 'every view is WITH (security_invoker = true): row-level security applies to its reader');

-- functions --------------------------------------------------------------------------
SELECT is((SELECT array_agg(proname::text ORDER BY proname) FROM ext_function
           WHERE lanname NOT IN ('c', 'internal')
             AND NOT EXISTS (SELECT FROM unnest(proconfig) c WHERE c LIKE 'search_path=%')),
          NULL, 'every SQL and PL/pgSQL function has a fixed search_path');
SELECT is((SELECT array_agg(proname::text ORDER BY proname) FROM ext_function
           WHERE prosecdef AND (prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
             OR NOT EXISTS (SELECT FROM unnest(proconfig) c WHERE c = 'search_path=pg_catalog, pg_temp')
             OR has_function_privilege('public', oid, 'EXECUTE'))),
          NULL, 'SECURITY DEFINER only on trigger and event trigger functions, each with search_path pg_catalog, pg_temp and no EXECUTE for PUBLIC');
SELECT is((SELECT array_agg(proname::text ORDER BY proname) FROM ext_function
           WHERE prorettype = 'trigger'::regtype AND lanname = 'c' AND NOT prosecdef),
          '{builtin_guard_trigger,business_dates_trigger,cache_changed_trigger,encounter_rules_trigger,encounter_stay_overlap_trigger,fee_detail_change_trigger,fee_detail_pricing_trigger,filing_history_trigger,filing_replacement_trigger,filing_rules_trigger,reference_child_trigger,reference_parent_trigger,region_access_trigger,settlement_insert_trigger}'::text[],
          'every C rule trigger runs as the owner, but the history (records who acted), the guard of builtin rows and the business-date window (read nothing), the region access check (evaluates the caller''s own policies), the reference checks (switch to the owner for their look-up, as foreign keys do) and the rule triggers every row goes through: filings, encounters, fee lines, the settlement engine (switch to the owner and the search path pg_catalog in C, owner.c)');
-- an event trigger function is no more callable from SQL than a trigger function
SELECT is((SELECT count(*) FROM ext_function WHERE prosecdef AND prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)), 0::bigint,
          'no SQL-callable function runs with another role''s rights');

SELECT * FROM finish();
ROLLBACK;
