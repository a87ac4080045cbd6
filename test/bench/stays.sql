-- test/bench/stays.sql: the data the interface and definer benches share,
-- in a fresh database: xdjy, one networked tier-3 hospital :'code', one
-- local inpatient policy, and per set named in :'sets' (a text[] literal)
-- persons of 10 stays each, 3 days apart, :rows stays a set.
-- psql -v code=... -v name=... -v sets='{a,b}' -v rows=N -f test/bench/stays.sql
CREATE EXTENSION xdjy CASCADE;
SET search_path = xdjy;
INSERT INTO institution (code, name_zh, region_code, tier, networked_inpatient)
VALUES (:'code', :'name', '370102', 3, true);
INSERT INTO policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('370100', 'employee', 'local', 'inpatient', '[2024-01-01,)', 100000, 9000, 0, 50000000, 'inpatient');
INSERT INTO person SELECT s || '-' || i, 'bench', '370100', 'employee'
FROM unnest(:'sets'::text[]) s, generate_series(1, (:rows + 9) / 10) i;
INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
SELECT s || '-' || (1 + n / 10), :'code', 'inpatient', DATE '2024-01-01' + 3 * (n % 10), DATE '2024-01-02' + 3 * (n % 10)
FROM unnest(:'sets'::text[]) s, generate_series(0, :rows - 1) n;
