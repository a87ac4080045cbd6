-- test/t/lib/upgrade_rows.sql: every row of every table of extension xdjy
-- (its member tables and the tables of schema xdjy) and every sequence's
-- state, as sorted text: "TABLE<tab>ROW", "SEQUENCE<tab>last_value
-- is_called".  Run by test/t/lib/upgrade_compare.bash.
--
-- psql variable clock: off, or a day (YYYY-MM-DD): a timestamp of that day
-- prints as <clock>, in a timestamp column and inside a jsonb copy of a
-- row alike (filing_history keeps those).  Two databases loaded with the
-- same data a few seconds apart differ there and nowhere else: the
-- fixtures date everything in the past, so a timestamp of the day the data
-- loaded is one the clock filled in.  One database before and after ALTER
-- EXTENSION UPDATE is compared with clock off, every value as it is.
\set ON_ERROR_STOP 1
SET search_path = pg_catalog, pg_temp;
SET client_min_messages = warning;
SET DateStyle = ISO, YMD;
\if :{?clock}
\else
\set clock off
\endif

SELECT :'clock' <> 'off' AS masked \gset
\if :{?userdata}
\else
\set userdata off
\endif

-- userdata on: only the rows users filled, i.e. what pg_dump keeps: the
-- tables marked with pg_extension_config_dump, under their conditions
-- (rows that ship with xdjy, builtin, are the extension's to change).
SELECT :'userdata' <> 'off' AS userdata_only \gset
CREATE TEMP VIEW tab AS
SELECT c.oid, c.oid::regclass::text AS name, c.relkind, coalesce(x.cond, '') AS cond
FROM pg_class c
LEFT JOIN (SELECT u.cfg, u.cond FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(cfg, cond)
	WHERE e.extname = 'xdjy') x ON x.cfg = c.oid
WHERE c.relkind IN ('r', 'p', 'S') AND (c.relnamespace = 'xdjy'::regnamespace
	OR EXISTS (SELECT FROM pg_depend d
		WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
			AND d.refclassid = 'pg_extension'::regclass
			AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'xdjy')))
	AND (NOT :'userdata_only'::boolean OR x.cfg IS NOT NULL);

-- psql variable keep: off, or the columns to print, "table.column" joined
-- by commas (e.g. the columns a table had before an update that adds
-- columns at the end): a row prints as ROW(those columns), in the same
-- text form as the whole row.
\if :{?keep}
\else
\set keep off
\endif
CREATE TEMP VIEW rowtext AS
SELECT t.oid, CASE WHEN :'keep' = 'off' THEN 'r::text'
	ELSE coalesce((SELECT 'ROW(' || string_agg('r.' || quote_ident(a.attname), ', ' ORDER BY a.attnum) || ')::text'
		FROM pg_attribute a
		WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
			AND t.name || '.' || a.attname = ANY (string_to_array(:'keep', ','))), 'r::text') END AS expr
FROM tab t;

\if :masked
SELECT CASE WHEN t.relkind = 'S' THEN
	format('COPY (SELECT %L, last_value || '' '' || is_called FROM %s) TO STDOUT', t.name, t.name)
ELSE
	format('COPY (SELECT %L, x FROM (SELECT regexp_replace(r::text, %L, ''<clock>'', ''g'') AS x FROM ONLY %s r %s) s ORDER BY x COLLATE "C") TO STDOUT',
		t.name, (:'clock')::date || '[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([+-][0-9]{2}(:[0-9]{2})?)?', t.name, t.cond)
END
FROM tab t ORDER BY t.name COLLATE "C"
\gexec
\else
SELECT CASE WHEN t.relkind = 'S' THEN
	format('COPY (SELECT %L, last_value || '' '' || is_called FROM %s) TO STDOUT', t.name, t.name)
ELSE
	format('COPY (SELECT %L, x FROM (SELECT %s AS x FROM ONLY %s r %s) s ORDER BY x COLLATE "C") TO STDOUT',
		t.name, rt.expr, t.name, t.cond)
END
FROM tab t JOIN rowtext rt ON rt.oid = t.oid ORDER BY t.name COLLATE "C"
\gexec
\endif
