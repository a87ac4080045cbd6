-- The region primitives every rule shares (): the walk
-- from a region up to its pooling region (统筹区) goes through the region
-- itself and at most 8 regions above it, so a cycle in the parent links
-- ends; xdjy.pooling_region(), the rule triggers and filing_exempt() walk
-- alike.  The province of a code is its first two digits.  An exemption
-- row (F10, 鲁医保发〔2021〕46号 第二条(三)) bounded by the date infinity is not open-ended.
BEGIN;
SELECT plan(26);
SET LOCAL search_path = xdjy, public;

-- the C walk behind the triggers, as the 1.1 pooling_region() calls it
CREATE FUNCTION pg_temp.c_pooling_region(text) RETURNS text
	AS '$libdir/xdjy', 'pooling_region' LANGUAGE C STABLE STRICT;

-- a chain of nine counties below Jinan (370100): 379901 under 370100,
-- 379902 under 379901, ... 379909 under 379908
INSERT INTO region (code, name_zh, level, parent_code)
SELECT '3799' || lpad(n::text, 2, '0'), '链' || n, 'county',
       CASE n WHEN 1 THEN '370100' ELSE '3799' || lpad((n - 1)::text, 2, '0') END
FROM generate_series(1, 9) n;

SELECT is(pooling_region('379901'), '370100', 'one level up: 379901 belongs to Jinan');
SELECT is(pooling_region('379908'), '370100', 'eight levels up: still found');
SELECT is(pooling_region('379909'), NULL, 'nine levels up: beyond the walk, no pooling region');
SELECT is(pooling_region('370100'), '370100', 'a pooling region is its own');
SELECT is(pooling_region('379999'), NULL, 'an unknown code has none');
SELECT lives_ok($$INSERT INTO institution (code, name_zh, region_code) VALUES ('H37990800001', '链八', '379908')$$,
	'an institution eight levels below Jinan lies under a pooling region');
SELECT throws_ok($$INSERT INTO institution (code, name_zh, region_code) VALUES ('H37990900001', '链九', '379909')$$,
	'YB191', NULL, 'nine levels below, the trigger finds none either');
SELECT is(filing_exempt('371000', '379908', '2024-01-01'), true,
	'鲁医保发〔2021〕46号 第二条(三): Weihai → eight levels below Jinan is intra-province, exempt');
SELECT is(filing_exempt('371000', '379909', '2024-01-01'), false,
	'nine levels below: a known region under no pooling region, not exempt');
SELECT throws_ok($$INSERT INTO person VALUES ('t-chain', '链', '379908', 'employee')$$,
	'YB190', NULL, 'a county of the chain is no insured region');

-- a cycle: 379911 and 379912 are each other's parent, neither pools
INSERT INTO region (code, name_zh, level, parent_code) VALUES
	('379911', '环一', 'county', '370000'),
	('379912', '环二', 'county', '379911'),
	('379913', '环下', 'county', '379912');
UPDATE region SET parent_code = '379912' WHERE code = '379911';

SELECT is(pooling_region('379911'), NULL, 'a cycle of regions ends at the depth limit: none');
SELECT is(pooling_region('379913'), NULL, 'nor for a region under the cycle');
SELECT throws_ok($$INSERT INTO institution (code, name_zh, region_code) VALUES ('H37991100001', '环', '379911')$$,
	'YB191', NULL, 'an institution in the cycle lies under no pooling region');
SELECT throws_ok($$INSERT INTO person VALUES ('t-cycle', '环', '379913', 'employee')$$,
	'YB190', NULL, 'a region under the cycle is no insured region');
SELECT is(filing_exempt('370100', '379913', '2024-01-01'), false, 'filing_exempt() ends the walk too');
SELECT is((SELECT count(*) FROM region r WHERE pg_temp.c_pooling_region(r.code) IS DISTINCT FROM pooling_region(r.code)),
	0::bigint, 'the C walk and pooling_region() agree on every region, chain and cycle included');

-- a region changed in the transaction counts from its next statement
UPDATE region SET is_pooling = true WHERE code = '379912';
SELECT is(pooling_region('379913'), '379912', 'the cycle''s member made a pooling region is found');
SELECT lives_ok($$INSERT INTO institution (code, name_zh, region_code) VALUES ('H37991300001', '环下', '379913')$$,
	'and the institution trigger sees the change at once');
SELECT is(filing_exempt('379912', '370100', '2024-01-01'), true,
	'鲁医保发〔2021〕46号 第二条(三): the new pooling region is in Shandong (its first two digits), exempt toward Jinan');
SELECT is(pg_temp.c_pooling_region('379911'), '379912', 'the C walk sees the change too');

-- the province of a code ------------------------------------------------------
SELECT is(province_of('370102001'), '370000', 'a township''s province is its first two digits and 0000');
SELECT is(treatment_scope('370100', '371000'), 'intra_province', 'two cities of one province');
SELECT is(treatment_scope('370100', '380100'), 'cross_province', 'first digit alike, second not: another province');

-- an exemption bounded by the date infinity is not open-ended (F10) -----------
SELECT lives_ok($$INSERT INTO filing_exemption VALUES ('220000', '[2025-01-01,infinity)', 'test: up to the date infinity')$$,
	'F10 row up to the date infinity (a bound, not "unbounded")');
SELECT is(filing_exempt('220100', '220200', '2030-06-30'), true, 'it covers every finite date from 2025-01-01');
SELECT lives_ok($$SELECT file_temporary('changchun-res-1', '220200', '2025-03-01', '2025-03-01')$$,
	'鲁医保发〔2021〕46号 第二条(三): a bounded exemption leaves a temporary filing its use, as upper_inf() says');

SELECT * FROM finish();
ROLLBACK;
