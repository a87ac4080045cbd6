-- Property: fee lines priced in C equal a numeric reference, line by line
-- on 100 000 random lines, and a settlement built from random line sets
-- equals the settlement built from the same totals (鲁医保发〔2022〕26号
-- 第二条(四): the treatment place's catalogue decides the scope, the
-- insured place's policy what is paid of it).  Fixed seed.  make test runs
-- :sets line sets (default 2 000); make stress runs 100 000
-- (test/stress/20_fee_property.sh).  Reference, exact numeric:
--   amount     = round(cnt × pric, 2)                 (yuan, half away from 0)
--   全自费      = amount for 丙类 or a code not listed, else 0
--   超限价      = round((pric − ceiling) × cnt, 2) when pric > ceiling
--   先行自付    = round((amount − 超限价) × prop / 10000) in fen, 乙类 only
--   符合范围    = amount − 超限价 − 先行自付
\if :{?sets}
\else
\set sets 2000
\endif
BEGIN;
SELECT plan(8);
\ir include/settlement_data.sql

SELECT setseed(0.20241203);

-- 1. one line at a time: fee_line_amounts is what the trigger fills
CREATE TEMP TABLE line_case AS
SELECT g,
	CASE WHEN g % 7 = 0 THEN -1 ELSE 1 END * round((random() * CASE WHEN g % 2 = 0 THEN 3 ELSE 500 END)::numeric + 0.0001, 4) AS cnt,
	round((random() * CASE WHEN g % 2 = 0 THEN 2 ELSE 50000 END)::numeric, 6) AS pric,
	(ARRAY['01', '02', '03', NULL])[1 + (g % 4)] AS lv,
	CASE WHEN g % 4 = 1 THEN (random() * 10000)::int ELSE 0 END AS prop,
	CASE WHEN g % 3 = 0 THEN round((random() * CASE WHEN g % 2 = 0 THEN 2 ELSE 50000 END)::numeric, 2) END AS uplmt
FROM generate_series(1, 100000) g;
CREATE TEMP TABLE line_ref AS
SELECT c.*, a.*, y.r_fulamt, y.r_overlmt, z.r_preselfpay, w.r_amount, w.r_inscp
FROM line_case c
CROSS JOIN LATERAL xdjy.fee_line_amounts(c.cnt, c.pric, c.lv, c.prop, c.uplmt) a
CROSS JOIN LATERAL (SELECT (round(c.cnt * c.pric, 2) * 100)::bigint AS r_amount) x
CROSS JOIN LATERAL (SELECT CASE WHEN c.lv IS NULL OR c.lv = '03' THEN x.r_amount ELSE 0 END AS r_fulamt,
	CASE WHEN c.lv IN ('01', '02') AND c.pric > c.uplmt
		THEN (round((c.pric - c.uplmt) * c.cnt, 2) * 100)::bigint ELSE 0 END AS r_overlmt) y
CROSS JOIN LATERAL (SELECT CASE WHEN c.lv = '02'
		THEN (sign(x.r_amount - y.r_overlmt) * round(abs(x.r_amount - y.r_overlmt) * c.prop / 10000.0))::bigint
		ELSE 0 END AS r_preselfpay) z
CROSS JOIN LATERAL (SELECT x.r_amount, CASE WHEN c.lv IN ('01', '02')
	THEN x.r_amount - y.r_overlmt - z.r_preselfpay ELSE 0 END AS r_inscp) w;
SELECT is((SELECT count(*) FROM line_ref), 100000::bigint, '100 000 random lines (a seventh of them refunds)');
SELECT is((SELECT count(*) FROM line_ref WHERE (amount_fen, fulamt_ownpay_fen, overlmt_fen, preselfpay_fen, inscp_scp_fen)
		IS DISTINCT FROM (r_amount, r_fulamt, r_overlmt, r_preselfpay, r_inscp)), 0::bigint,
	'every part of every line equals the numeric reference');
SELECT ok((SELECT count(*) FILTER (WHERE overlmt_fen <> 0) > 1000 AND count(*) FILTER (WHERE preselfpay_fen <> 0) > 1000
		AND count(*) FILTER (WHERE abs(r_amount - round(cnt * pric * 100, 6)) = 0.5) > 0 FROM line_ref),
	'the cases reach over-ceiling lines, 乙类 shares and exact half fen');

-- 2. line sets: each set settled from its lines, its twin from the same totals
INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid) VALUES
	('370000', 'PA', '甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('370000', 'PB', '乙类药', 'drug', '02', 1000, NULL, '[2024-01-01,)'),
	('370000', 'PBL', '限价乙类', 'material', '02', 2500, 30.00, '[2024-01-01,)'),
	('370000', 'PC', '丙类药', 'drug', '03', 0, NULL, '[2024-01-01,)'),
	('370000', 'PS', '限价项目', 'service', '01', 0, 100.00, '[2024-01-01,)'),
	('370000', 'PM', '限价乙类耗材', 'material', '02', 3333, 12.345, '[2024-01-01,)');
INSERT INTO person (id, name, insured_region, scheme)
SELECT p || i, 'property ' || p || i, '370100', 'employee'
FROM generate_series(1, :sets) i, (VALUES ('PL-'), ('PT-')) v(p);
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
SELECT 960000000 + i * 2 + t, CASE t WHEN 0 THEN 'PL-' ELSE 'PT-' END || i, 'SETL-JN-H3', 'inpatient',
	'2024-03-01', '2024-03-10'
FROM generate_series(1, :sets) i, generate_series(0, 1) t;
CREATE TEMP TABLE set_line AS
SELECT i, k,
	(ARRAY['PA', 'PB', 'PBL', 'PC', 'PS', 'PM', 'PZZ'])[1 + floor(random() * 7)::int] AS code,
	round((random() * CASE WHEN i % 3 = 0 THEN 2 ELSE 20 END)::numeric + 0.0001, 4) AS cnt,
	round((random() * CASE WHEN i % 3 = 0 THEN 5 ELSE 3000 END)::numeric, 6) AS pric
FROM generate_series(1, :sets) i
CROSS JOIN LATERAL generate_series(1, 1 + (i * 7919) % 8) k;
INSERT INTO fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on)
SELECT 960000000 + i * 2, 'P' || k, code, '2024-03-01'::timestamp + (k || ' hours')::interval, cnt, pric, '2024-03-10'
FROM set_line;

CREATE TEMP TABLE set_ref AS
SELECT l.i, sum(a.amount_fen)::bigint AS total, sum(a.fulamt_ownpay_fen + a.overlmt_fen)::bigint AS oos,
	sum(a.preselfpay_fen)::bigint AS preselfpay
FROM set_line l
LEFT JOIN xdjy.med_list m ON m.med_list_codg = l.code AND m.region_code = '370000'
CROSS JOIN LATERAL xdjy.fee_line_amounts(l.cnt, l.pric, m.chrgitm_lv, m.selfpay_prop_bp, m.pric_uplmt) a
GROUP BY l.i;
CREATE TEMP TABLE from_lines AS
SELECT r.i, s.*
FROM set_ref r CROSS JOIN LATERAL xdjy.settle(960000000 + r.i * 2, NULL, NULL, 'PL-INV-' || r.i, '2024-03-10') s;
CREATE TEMP TABLE from_totals AS
SELECT r.i, s.*
FROM set_ref r CROSS JOIN LATERAL xdjy.settle(960000000 + r.i * 2 + 1::bigint, r.total, r.oos + r.preselfpay, 'PT-INV-' || r.i, '2024-03-10') s;

SELECT is((SELECT count(*) FROM from_lines), :sets::bigint, 'every line set is settled from its lines');
SELECT is((SELECT count(*) FROM from_lines l JOIN fee_detail f ON f.encounter_id = l.encounter_id
		WHERE f.id <> ALL (l.fee_detail_ids)), 0::bigint, 'each settlement covers every line of its stay');
SELECT is((SELECT count(*) FROM from_lines l JOIN set_ref r USING (i)
		WHERE (l.total_fen, l.out_of_scope_fen, l.preselfpay_fen) IS DISTINCT FROM (r.total, r.oos, r.preselfpay)), 0::bigint,
	'the sums the settlement read from the lines equal the sums of the priced lines');
SELECT is((SELECT count(*) FROM from_lines l JOIN from_totals t USING (i)
		WHERE (l.in_scope_fen, l.deductible_fen, l.fund_fen, l.personal_fen, l.ratio_bp)
			IS DISTINCT FROM (t.in_scope_fen, t.deductible_fen, t.fund_fen, t.personal_fen, t.ratio_bp)), 0::bigint,
	'the settlement from lines equals the settlement from the same totals (先行自付 counted out of scope)');
SELECT ok((SELECT count(*) FILTER (WHERE deductible_fen < 100000) > 0 AND count(*) FILTER (WHERE fund_fen > 0) > 0
		AND count(*) FILTER (WHERE preselfpay_fen > 0) > 0 AND count(*) FILTER (WHERE overlmt_fen > 0) > 0
		FROM from_lines),
	'the sets reach stays under and over the deductible, with 乙类 shares and over-ceiling lines');

SELECT * FROM finish();
ROLLBACK;
