--
-- label types in indexes, sorts, hash joins, DISTINCT and GROUP BY
--
SET search_path = xdjy, public;

-- the operator classes pass the access methods' own validation
SELECT opc.opcname, am.amname, amvalidate(opc.oid)
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcnamespace = 'xdjy'::regnamespace
ORDER BY 1, 2;

CREATE TABLE lt_rows AS
SELECT g AS id,
       (CASE WHEN g % 3 = 0 THEN 'temporary_outside' ELSE 'long_term_resident' END)::residence_category AS cat,
       (ARRAY['active','changed','cancelled','terminated'])[1 + g % 4]::filing_status AS st
FROM generate_series(1, 2000) g;
CREATE INDEX lt_rows_cat ON lt_rows (cat);
CREATE INDEX lt_rows_st_hash ON lt_rows USING hash (st);
ANALYZE lt_rows;

-- ordering follows the frozen codes, not the label text or language
SELECT DISTINCT cat FROM lt_rows ORDER BY cat;
SET xdjy.language = zh;
SELECT st, count(*) FROM lt_rows GROUP BY st ORDER BY st;
RESET xdjy.language;
SELECT 'long_term_resident'::residence_category < 'temporary_outside' AS lt,
       'active'::filing_status <= 'terminated' AS le,
       'changed'::filing_status > 'active' AS gt,
       'cancelled'::filing_status >= 'cancelled' AS ge,
       '有效'::filing_status = 'active' AS eq,
       '有效'::filing_status <> 'active' AS ne;

-- btree and hash indexes are used
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM lt_rows WHERE cat = 'temporary_outside';
SELECT count(*) FROM lt_rows WHERE cat = 'temporary_outside';
EXPLAIN (COSTS OFF) SELECT count(*) FROM lt_rows WHERE cat < 'temporary_outside';
SELECT count(*) FROM lt_rows WHERE cat < 'temporary_outside';
EXPLAIN (COSTS OFF) SELECT count(*) FROM lt_rows WHERE st = 'changed';
SELECT count(*) FROM lt_rows WHERE st = 'changed';
RESET enable_seqscan;
RESET enable_bitmapscan;

-- hash join and hashed DISTINCT / GROUP BY
CREATE TABLE lt_names (st filing_status PRIMARY KEY, note text);
INSERT INTO lt_names VALUES ('active', 'open'), ('changed', 'closed by change'),
	('cancelled', 'closed by cancel'), ('terminated', 'closed by termination');
ANALYZE lt_names;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT n.note, count(*) FROM lt_rows r JOIN lt_names n USING (st) GROUP BY n.note;
SELECT n.note, count(*) FROM lt_rows r JOIN lt_names n USING (st) GROUP BY n.note ORDER BY 1;
RESET enable_mergejoin;
RESET enable_nestloop;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT DISTINCT st FROM lt_rows;
SELECT count(*) FROM (SELECT DISTINCT st FROM lt_rows) d;
EXPLAIN (COSTS OFF) SELECT cat, count(*) FROM lt_rows GROUP BY cat;
RESET enable_sort;
-- merge join works too (MERGES)
SET enable_hashjoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM lt_rows r JOIN lt_names n USING (st);
SELECT count(*) FROM lt_rows r JOIN lt_names n USING (st);
RESET enable_hashjoin;
RESET enable_nestloop;

DROP TABLE lt_rows, lt_names;
