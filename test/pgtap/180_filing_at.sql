-- filing_at(person, region, on): the filing that applies there that day,
-- by its dates (start_date <= on < closed_on), long-term before temporary
-- (鲁医保发〔2021〕46号 第三条(一): where one lives long-term, the local standard applies;
-- steps 2–3).
BEGIN;
SELECT plan(19);
SET LOCAL search_path = xdjy, public;

CREATE TEMP TABLE f (k text PRIMARY KEY, id bigint) ON COMMIT DROP;
INSERT INTO f VALUES
	('tmp bj', file_temporary('jinan-emp-1', '110000', '2024-01-01', '2024-01-01')),
	('lt bj', file_long_term('jinan-emp-1', '110000', '2024-03-01', '2024-03-01'));
INSERT INTO f VALUES ('lt sh', change_filing((SELECT id FROM f WHERE k = 'lt bj'), '310000', '2024-09-01'));

CREATE FUNCTION pg_temp.at(r text, d date) RETURNS bigint LANGUAGE sql AS $$
	SELECT id FROM xdjy.filing_at('jinan-emp-1', r, d) $$;

SELECT is(pg_temp.at('110000', '2023-12-31'), NULL, 'no filing before the first start');
SELECT is(pg_temp.at('110000', '2024-01-01'), (SELECT id FROM f WHERE k = 'tmp bj'), 'the start day is covered (temporary)');
SELECT is(pg_temp.at('110000', '2024-02-29'), (SELECT id FROM f WHERE k = 'tmp bj'), 'only the temporary filing applies before 2024-03-01');
SELECT is(pg_temp.at('110000', '2024-03-01'), (SELECT id FROM f WHERE k = 'lt bj'), '鲁医保发〔2021〕46号 第三条(一): long-term wins over temporary');
SELECT is(pg_temp.at('110105001', '2024-06-01'), (SELECT id FROM f WHERE k = 'lt bj'), 'a township code walks up to its pooling region');
SELECT is(pg_temp.at('110000', '2024-08-31'), (SELECT id FROM f WHERE k = 'lt bj'), 'the changed filing applied up to the day before the change');
SELECT is(pg_temp.at('110000', '2024-09-01'), (SELECT id FROM f WHERE k = 'tmp bj'), 'from the change date, only the temporary filing is left in Beijing');
SELECT is(pg_temp.at('310104', '2024-09-01'), (SELECT id FROM f WHERE k = 'lt sh'), 'the new long-term filing applies in Shanghai from the change date');
SELECT is(pg_temp.at('310000', '2024-08-31'), NULL, 'and not before');
SELECT is(pg_temp.at('440300', '2024-09-01'), NULL, 'no filing elsewhere');
SELECT is((SELECT count(*) FROM filing_at('jinan-emp-1', '110000', '2024-06-01')), 1::bigint, 'at most one row');
SELECT is((SELECT count(*) FROM filing_at('nobody', '110000', '2024-06-01')), 0::bigint, 'an unknown person has no filing');
SELECT throws_ok($$SELECT * FROM filing_at('jinan-emp-1', '999999', '2024-06-01')$$, 'YB001', NULL,
	'an unknown region is an unknown reference');
SELECT lives_ok($$SELECT cancel_filing((SELECT id FROM f WHERE k = 'tmp bj'), '2024-10-01')$$, 'the temporary filing is cancelled on 2024-10-01');
SELECT is(pg_temp.at('110000', '2024-09-30'), (SELECT id FROM f WHERE k = 'tmp bj'), 'a cancelled filing still applied before its cancellation');
SELECT is(pg_temp.at('110000', '2024-10-01'), NULL, 'and not from the cancellation date');

-- STABLE and PARALLEL SAFE: a parallel query runs filing_at() and
-- filing_exempt() in its workers, with the leader's snapshot (they see
-- this transaction's filings) and the same answers
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE l text; r text := '';
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP r := r || l || E'\n'; END LOOP;
	RETURN r;
END $$;
CREATE TEMP TABLE serial_answer ON COMMIT DROP AS
	SELECT r.code, (SELECT f.id FROM xdjy.filing_at('jinan-emp-1', r.code, '2024-06-01') f) AS id,
		xdjy.filing_exempt('370100', r.code, '2024-06-01') AS exempt
	FROM xdjy.region r;
SET LOCAL force_parallel_mode = on;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SELECT matches(pg_temp.plan_of($$SELECT r.code, f.id, xdjy.filing_exempt('370100', r.code, '2024-06-01')
	FROM xdjy.region r LEFT JOIN LATERAL xdjy.filing_at('jinan-emp-1', r.code, '2024-06-01') f ON true$$),
	'^Gather', 'a parallel plan calls both functions in its workers (below Gather)');
SELECT set_eq($$SELECT r.code, f.id, xdjy.filing_exempt('370100', r.code, '2024-06-01')
	FROM xdjy.region r LEFT JOIN LATERAL xdjy.filing_at('jinan-emp-1', r.code, '2024-06-01') f ON true$$,
	$$SELECT code, id, exempt FROM serial_answer$$,
	'run in parallel workers, they answer as in the leader');
SELECT ok((SELECT count(id) FROM serial_answer) > 0, 'and the comparison covers filings that apply');
RESET force_parallel_mode;

SELECT * FROM finish();
ROLLBACK;
