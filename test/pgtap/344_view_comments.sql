-- Every column of every view of the extension has a comment, one text in
-- both languages ("English / 中文"): a Chinese character and Latin text,
-- walked from pg_catalog, so a view or a column added later without one
-- fails here.
BEGIN;
SELECT plan(5);

CREATE TEMP VIEW view_column AS
SELECT c.oid::regclass::text AS view_name, a.attname::text AS column_name,
	col_description(c.oid, a.attnum) AS comment
FROM pg_depend d
JOIN pg_class c ON d.classid = 'pg_class'::regclass AND c.oid = d.objid
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'xdjy')
	AND c.relkind IN ('v', 'm');

SELECT cmp_ok((SELECT count(DISTINCT view_name)::int FROM view_column), '>=', 14,
	'the walk finds the extension''s views');
SELECT is((SELECT string_agg(view_name || '.' || column_name, ', ' ORDER BY view_name, column_name)
	FROM view_column WHERE coalesce(comment, '') = ''), NULL,
	'every view column has a comment');
SELECT is((SELECT string_agg(view_name || '.' || column_name, ', ' ORDER BY view_name, column_name)
	FROM view_column WHERE comment !~ '[\u4e00-\u9fff]'), NULL,
	'every view column comment has Chinese');
SELECT is((SELECT string_agg(view_name || '.' || column_name, ', ' ORDER BY view_name, column_name)
	FROM view_column WHERE comment !~ '[A-Za-z]{2,}'), NULL,
	'every view column comment has Latin text');
SELECT is((SELECT string_agg(view_name || '.' || column_name, ', ' ORDER BY view_name, column_name)
	FROM view_column WHERE comment !~ '[A-Za-z].* / [^/]*[\u4e00-\u9fff][^/]*$'), NULL,
	'every view column comment reads "English / 中文", the Chinese after the last " / "');

SELECT * FROM finish();
ROLLBACK;
