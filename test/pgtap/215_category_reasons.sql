-- The category reasons (why the settlement engine chose a benefit category,
-- stored in settlement.category_reason) are listed once, in C
-- (src/settlement.h), and returned by xdjy.category_reasons().  SQL repeats
-- them in the CHECK constraint settlement_category_reason and in the
-- column's comment; this test holds both to the function, so that a reason
-- added in C is neither refused by the table nor left out of its
-- documentation, and a name kept in SQL is one the engine still knows.
BEGIN;
SELECT plan(6);
SET LOCAL search_path = xdjy, public;

SELECT has_function('xdjy', 'category_reasons', ARRAY[]::name[], 'xdjy.category_reasons() exists');
SELECT function_returns('xdjy', 'category_reasons', ARRAY[]::name[], 'setof text',
	'and returns a set of names');
SELECT ok((SELECT count(*) > 0 AND count(*) = count(DISTINCT r) FROM category_reasons() r),
	'the C list names each reason once');

-- the names in the CHECK constraint, as PostgreSQL prints it back:
-- CHECK ((category_reason = ANY (ARRAY['local'::text, ...])))
CREATE TEMP TABLE check_reason AS
SELECT replace(m[1], '''''', '''') AS reason
FROM pg_constraint c,
	regexp_matches(pg_get_constraintdef(c.oid), '''((?:[^'']|'''')*)''', 'g') m
WHERE c.conrelid = 'xdjy.settlement'::regclass AND c.conname = 'settlement_category_reason';
SELECT ok((SELECT pg_get_constraintdef(c.oid) ~ '^CHECK \(\(category_reason = ANY \(ARRAY\[' FROM pg_constraint c
		WHERE c.conrelid = 'xdjy.settlement'::regclass AND c.conname = 'settlement_category_reason'),
	'settlement_category_reason is a CHECK of category_reason against a list of names');
SELECT set_eq($$SELECT reason FROM check_reason$$, $$SELECT category_reasons()$$,
	'the CHECK constraint settlement_category_reason allows exactly the reasons of category_reasons()');

-- the names in the column's comment: 'why the category: local, ..., unfiled'
CREATE TEMP TABLE comment_reason AS
SELECT r AS reason
FROM regexp_split_to_table(regexp_replace(col_description('xdjy.settlement'::regclass,
		(SELECT attnum FROM pg_attribute WHERE attrelid = 'xdjy.settlement'::regclass AND attname = 'category_reason')),
	'^why the category: ', ''), ', ') r;
SELECT set_eq($$SELECT reason FROM comment_reason$$, $$SELECT category_reasons()$$,
	'the comment of settlement.category_reason names exactly the reasons of category_reasons()');

SELECT * FROM finish();
ROLLBACK;
