-- test/bench/setup.sql: reference data and the data generator of the
-- benchmark (make bench).  Loaded into a fresh database after
-- CREATE EXTENSION xdjy and test/fixtures/sample.sql.
--
-- The generator is deterministic: every value is a hash of the row's number
-- and a fixed seed (bench.u), so any range of rows can be generated again,
-- in any order, and comes out the same.  The mix is lawful and realistic:
--   persons     9 pooling regions in 5 provinces; 65% employee scheme;
--               70% treated at home, 20% long-term residents elsewhere
--               (filed, half with proof of residence), 10% temporary
--               outside (filed, or intra-Shandong exempt from filing by
--               000 §二(三); 30% unfiled emergencies, 001 §五(一))
--   encounters  10 per person in 2024, one in each 36-day slot so stays
--               never overlap (002 #8): 15% inpatient (1–12 days), 55%
--               outpatient, 15% chronic outpatient, 15% pharmacy; 2% trauma
--               with the no-third-party pledge (004 §二(四))
--   settlements one direct settlement per encounter, dated on discharge
--   rejected    one more encounter for every 20th person whose settlement
--               the rules must reject (YB301 unfiled, YB303 trauma with a
--               third party, YB308 invoice already reimbursed, YB317 not
--               networked), measured through try_settle
SET client_min_messages = warning;
CREATE SCHEMA bench;

-- uniform in [0, 1) from a row number and a salt; the seed is fixed
CREATE FUNCTION bench.u(n bigint, salt integer) RETURNS float8
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN ((pg_catalog.hashint8extended(n, 20240101 + salt) & 281474976710655)::float8
		/ 281474976710656.0);

-- the pooling regions of the mix: code, a county for the institutions,
-- the share of insured persons, and the other pooling regions of the province
CREATE TABLE bench.region (
	no			integer PRIMARY KEY,
	code		text NOT NULL,
	county		text NOT NULL,
	lo			float8 NOT NULL,
	hi			float8 NOT NULL,
	same_province text[] NOT NULL
);
INSERT INTO bench.region VALUES
	(1, '370100', '370102', 0.00, 0.20, '{370800,371000}'),
	(2, '370800', '370811', 0.20, 0.30, '{370100,371000}'),
	(3, '371000', '371002', 0.30, 0.40, '{370100,370800}'),
	(4, '220100', '220102', 0.40, 0.50, '{220200}'),
	(5, '220200', '220202', 0.50, 0.55, '{220100}'),
	(6, '110000', '110105', 0.55, 0.70, '{}'),
	(7, '310000', '310101', 0.70, 0.80, '{}'),
	(8, '440100', '440106', 0.80, 0.90, '{440300}'),
	(9, '440300', '440304', 0.90, 1.00, '{440100}');

-- institutions of the bench in every region: tier 1 and 2 hospitals open
-- for every direct settlement, a pharmacy (outpatient), and a hospital not
-- networked at all; the sample fixture's networked hospitals join the pool
INSERT INTO xdjy.institution (code, name_zh, name_en, region_code, tier, specialty, kind, ownership,
		networked_inpatient, networked_outpatient, networked_chronic)
SELECT 'HB' || r.code || t.suffix, '基准' || r.code || t.suffix, 'bench ' || r.code || t.suffix,
	r.county, t.tier, false, t.kind, t.ownership, t.net, t.net OR t.kind = 'pharmacy', t.net
FROM bench.region r
CROSS JOIN (VALUES ('1', 1, 'hospital', 'public', true), ('2', 2, 'hospital', 'private', true),
	('P', 0, 'pharmacy', 'private', false), ('N', 2, 'hospital', 'public', false))
	AS t(suffix, tier, kind, ownership, net);

CREATE TABLE bench.pool (
	region		text PRIMARY KEY,
	hospitals	text[] NOT NULL,	-- networked for inpatient, outpatient and chronic
	pharmacy	text NOT NULL,
	offline		text NOT NULL		-- not networked (YB317 when remote)
);
INSERT INTO bench.pool
SELECT r.code,
	(SELECT array_agg(i.code ORDER BY i.code) FROM xdjy.institution i
	  WHERE xdjy.pooling_region(i.region_code) = r.code AND i.kind = 'hospital'
		AND i.networked_inpatient AND i.networked_outpatient AND i.networked_chronic),
	'HB' || r.code || 'P', 'HB' || r.code || 'N'
FROM bench.region r;

-- Policies of every insured region: local, temporary and unfiled standards
-- for each scheme and visit type (long-term pays the local one, 004
-- §二(三)); tier 3 inpatient has its own local row.  Shandong's temporary
-- first self-pay is at its 10% ceiling (000 §三(二)).  Outpatient, chronic
-- and pharmacy care share one quota (000 §三(三)).
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, tier, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note)
SELECT r.code, s.scheme, c.category, v.visit_type, t.tier, '[2020-01-01,)',
	CASE WHEN v.visit_type = 'inpatient' THEN (CASE s.scheme WHEN 'employee' THEN 80000 ELSE 60000 END)
		+ (CASE c.category WHEN 'local' THEN 0 ELSE 40000 END) + coalesce(t.tier, 0) * 10000
		ELSE (CASE c.category WHEN 'local' THEN 20000 ELSE 30000 END) END,
	(CASE s.scheme WHEN 'employee' THEN 9000 ELSE 7500 END)
		- (CASE c.category WHEN 'local' THEN 0 WHEN 'temporary' THEN 1500 ELSE 3000 END)
		- (CASE WHEN v.visit_type = 'inpatient' THEN coalesce(t.tier, 2) * 100 ELSE 2000 END),
	CASE c.category WHEN 'local' THEN 0 ELSE CASE WHEN r.code LIKE '37%' THEN 1000 ELSE 1500 END END,
	CASE WHEN v.visit_type = 'inpatient' THEN (CASE s.scheme WHEN 'employee' THEN 50000000 ELSE 20000000 END)
		ELSE (CASE s.scheme WHEN 'employee' THEN 400000 ELSE 150000 END) END,
	CASE WHEN v.visit_type = 'inpatient' THEN 'inpatient' ELSE 'outpatient' END,
	'bench'
FROM bench.region r
CROSS JOIN (VALUES ('employee'), ('resident')) s(scheme)
CROSS JOIN (VALUES ('local'), ('temporary'), ('unfiled')) c(category)
CROSS JOIN (VALUES ('inpatient'), ('outpatient'), ('chronic_outpatient'), ('pharmacy')) v(visit_type)
CROSS JOIN (VALUES (NULL::smallint), (3::smallint)) t(tier)
WHERE t.tier IS NULL OR (v.visit_type = 'inpatient' AND c.category = 'local');

-- ten years of calendar for add_working_days: the shipped years plus a
-- synthetic national-holiday pattern for 2016–2021 (New Year, Spring
-- Festival, National Day, a swapped working Saturday each)
INSERT INTO xdjy.holiday (day, is_workday, note)
SELECT d, false, 'bench holiday'
FROM generate_series(2016, 2021) y,
	LATERAL (SELECT make_date(y, 1, 1) UNION ALL
			 SELECT make_date(y, 2, 1) + g FROM generate_series(0, 6) g UNION ALL
			 SELECT make_date(y, 10, 1) + g FROM generate_series(0, 6) g) h(d)
WHERE extract(isodow FROM d) < 6
ON CONFLICT DO NOTHING;
INSERT INTO xdjy.holiday (day, is_workday, note)
SELECT d, true, 'bench working weekend'
FROM generate_series(2016, 2021) y,
	LATERAL (SELECT make_date(y, 9, 28) + g FROM generate_series(0, 6) g) h(d)
WHERE extract(isodow FROM d) = 6
ON CONFLICT DO NOTHING;

-- persons: p → insured region, scheme, kind of life, destination, filing
CREATE FUNCTION bench.persons(p_from bigint, p_to bigint)
	RETURNS TABLE (p bigint, id text, insured_region text, scheme text, kind text,
		destination text, filing text, proof text)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT x.p, x.id, x.insured_region, x.scheme, x.kind, x.destination,
		CASE WHEN x.kind = 'long_term' THEN 'long_term_resident'
			 -- intra-Shandong needs (and takes) no temporary filing: 000 §二(三)
			 WHEN x.kind = 'temporary' AND bench.u(x.p, 5) < 0.7
				AND NOT (x.insured_region LIKE '37%' AND x.destination LIKE '37%')
				THEN 'temporary_outside' END,
		CASE WHEN x.kind = 'long_term' AND bench.u(x.p, 6) < 0.5 THEN 'residence_permit' END
	FROM (
		SELECT g AS p, 'bp-' || g AS id, r.code AS insured_region,
			CASE WHEN bench.u(g, 2) < 0.65 THEN 'employee' ELSE 'resident' END AS scheme,
			CASE WHEN bench.u(g, 3) < 0.7 THEN 'local' WHEN bench.u(g, 3) < 0.9 THEN 'long_term'
				 ELSE 'temporary' END AS kind,
			CASE WHEN bench.u(g, 3) < 0.7 THEN NULL
				 -- temporary outside: 40% within the province where it has another region
				 WHEN bench.u(g, 3) >= 0.9 AND bench.u(g, 4) < 0.4 AND cardinality(r.same_province) > 0
					THEN r.same_province[1 + floor(bench.u(g, 7) * cardinality(r.same_province))::int]
				 ELSE (SELECT o.code FROM bench.region o WHERE o.no <> r.no
						ORDER BY bench.u(g * 16 + o.no, 8) LIMIT 1) END AS destination
		FROM generate_series(p_from, p_to) g
		JOIN bench.region r ON bench.u(g, 1) >= r.lo AND bench.u(g, 1) < r.hi
	) x;
END;

-- their filings: long-term from 2023 (pledge, half with proof), temporary
-- from the first day of 2024; ids are the person numbers
CREATE FUNCTION bench.filings(p_from bigint, p_to bigint)
	RETURNS TABLE (id bigint, person_id text, destination_region text, category text,
		start_date date, applied_on date, pledge boolean, proof text)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT p.p, p.id, p.destination, p.filing,
		CASE p.filing WHEN 'long_term_resident' THEN date '2023-03-01' + (p.p % 200)::int
			ELSE date '2024-01-01' END,
		CASE p.filing WHEN 'long_term_resident' THEN date '2023-03-01' + (p.p % 200)::int + (p.p % 4)::int
			ELSE date '2023-12-20' END,
		p.filing = 'long_term_resident', p.proof
	FROM bench.persons(p_from, p_to) p
	WHERE p.filing IS NOT NULL;
END;

-- encounters k = 0..9 of person p, id p*100 + k, in 2024; k = 10 is the
-- rejected one of every 20th person (late December, after every stay)
CREATE FUNCTION bench.encounters(p_from bigint, p_to bigint, with_rejected boolean DEFAULT false)
	RETURNS TABLE (id bigint, person_id text, institution_code text, visit_type text,
		admitted_on date, discharged_on date, emergency boolean, trauma boolean,
		third_party boolean, trauma_pledge boolean,
		settled_on date, invoice_no text, total_fen bigint, out_of_scope_fen bigint,
		expect text)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	WITH e AS (
		SELECT p.p, p.id AS person_id, p.kind, p.insured_region, p.destination, p.filing,
			p.p * 100 + k AS eid, k,
			CASE WHEN p.kind = 'local' THEN p.insured_region ELSE p.destination END AS region,
			-- unfiled temporary outside elsewhere than intra-Shandong: emergencies
			(p.kind = 'temporary' AND p.filing IS NULL
				AND NOT (p.insured_region LIKE '37%' AND p.destination LIKE '37%')) AS emergency_only
		FROM bench.persons(p_from, p_to) p
		CROSS JOIN generate_series(0, 9) k
	), v AS (
		SELECT e.*,
			CASE WHEN bench.u(e.eid, 10) < 0.15 THEN 'inpatient'
				 WHEN bench.u(e.eid, 10) < 0.70 OR e.emergency_only THEN 'outpatient'
				 WHEN bench.u(e.eid, 10) < 0.85 THEN 'chronic_outpatient'
				 ELSE 'pharmacy' END AS visit_type,
			date '2024-01-01' + e.k * 36 + floor(bench.u(e.eid, 11) * 22)::int AS day
		FROM e
	)
	SELECT v.eid, v.person_id,
		CASE WHEN v.visit_type = 'pharmacy' THEN pl.pharmacy
			 ELSE pl.hospitals[1 + floor(bench.u(v.eid, 12) * cardinality(pl.hospitals))::int] END,
		v.visit_type, v.day,
		CASE WHEN v.visit_type = 'inpatient' THEN v.day + 1 + floor(bench.u(v.eid, 13) * 12)::int END,
		v.emergency_only OR (v.visit_type = 'inpatient' AND bench.u(v.eid, 14) < 0.03),
		bench.u(v.eid, 15) < 0.02 AND v.visit_type IN ('inpatient', 'outpatient'), false,
		bench.u(v.eid, 15) < 0.02 AND v.visit_type IN ('inpatient', 'outpatient'),
		CASE WHEN v.visit_type = 'inpatient' THEN v.day + 1 + floor(bench.u(v.eid, 13) * 12)::int
			 ELSE v.day END,
		'BI' || v.eid,
		t.total, (t.total * floor(bench.u(v.eid, 17) * 20)::int / 100)::bigint,
		NULL::text
	FROM v
	JOIN bench.pool pl ON pl.region = v.region
	CROSS JOIN LATERAL (SELECT (CASE v.visit_type
		WHEN 'inpatient' THEN 300000 + floor(bench.u(v.eid, 16) * 4700000)
		WHEN 'outpatient' THEN 3000 + floor(bench.u(v.eid, 16) * 60000)
		WHEN 'chronic_outpatient' THEN 10000 + floor(bench.u(v.eid, 16) * 190000)
		ELSE 2000 + floor(bench.u(v.eid, 16) * 30000) END)::bigint) t(total)
	UNION ALL
	-- the rejected share: a visit on one of the last days of 2024
	SELECT r.eid, r.id,
		CASE r.expect
			WHEN 'YB301' THEN (SELECT pl.hospitals[1] FROM bench.pool pl
				WHERE left(pl.region, 2) <> left(r.insured_region, 2) ORDER BY pl.region LIMIT 1)
			WHEN 'YB317' THEN (SELECT pl.offline FROM bench.pool pl WHERE pl.region = r.destination)
			ELSE (SELECT pl.hospitals[1] FROM bench.pool pl
				WHERE pl.region = coalesce(r.destination, r.insured_region)) END,
		'outpatient', date '2024-12-26' + (r.p % 4)::int, NULL,
		r.kind = 'temporary' AND r.filing IS NULL,
		r.expect = 'YB303', r.expect = 'YB303', false,
		date '2024-12-26' + (r.p % 4)::int,
		CASE WHEN r.expect = 'YB308' THEN 'BR' || r.p ELSE 'BI' || r.eid END,
		5000 + (r.p % 1000), 0, r.expect
	FROM (
		SELECT p.*, p.p * 100 + 10 AS eid,
			CASE WHEN p.kind = 'local' THEN (CASE WHEN p.p % 40 = 0 THEN 'YB301' ELSE 'YB303' END)
				 ELSE (ARRAY['YB317', 'YB308', 'YB303'])[1 + (p.p / 20 % 3)::int] END AS expect
		FROM bench.persons(p_from, p_to) p
		WHERE with_rejected AND p.p % 20 = 0
	) r
	UNION ALL
	-- YB308 needs an invoice already reimbursed: a lawful visit the day before
	SELECT r.p * 100 + 11, r.id,
		(SELECT pl.hospitals[1] FROM bench.pool pl WHERE pl.region = r.destination),
		'outpatient', date '2024-12-25' + (r.p % 4)::int, NULL,
		r.kind = 'temporary' AND r.filing IS NULL, false, false, false,
		date '2024-12-25' + (r.p % 4)::int, 'BR' || r.p, 4000 + (r.p % 1000), 0, 'ok'
	FROM bench.persons(p_from, p_to) r
	WHERE with_rejected AND r.p % 20 = 0 AND r.kind <> 'local' AND r.p / 20 % 3 = 1;
END;

-- timings: one row per measured statement
CREATE TABLE bench.timing (label text PRIMARY KEY, ms float8 NOT NULL, rows bigint);
CREATE PROCEDURE bench.timed(label text, q text)
	LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz := clock_timestamp();
	n bigint;
BEGIN
	EXECUTE q;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO bench.timing VALUES (label, extract(epoch FROM clock_timestamp() - t0) * 1000, n)
	ON CONFLICT ON CONSTRAINT timing_pkey DO UPDATE SET ms = excluded.ms, rows = excluded.rows;
END $$;

