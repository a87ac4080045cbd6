-- Property: the C amounts equal a numeric reference formula on
-- 100 000 random cases (fixed seed), half of them small enough that every
-- rounding edge comes up.  Reference, in exact numeric arithmetic:
--   first_selfpay = round(in_scope × fs / 10000)      (round: half up for ≥ 0)
--   deductible    = least(base, greatest(0, deductible − met))
--   fund          = least(round((base − deductible) × ratio / 10000), greatest(0, cap − paid))
BEGIN;
SELECT plan(4);

SELECT setseed(0.20240531);
CREATE TEMP TABLE cases AS
SELECT g,
       total, (random() * total)::bigint AS oos,
       (random() * 10000)::int AS fs_bp,
       (random() * CASE WHEN small THEN 50 ELSE 2000000 END)::bigint AS ded,
       (random() * CASE WHEN small THEN 60 ELSE 3000000 END)::bigint AS met,
       (random() * 10000)::int AS ratio_bp,
       (random() * CASE WHEN small THEN 200 ELSE 1000000000 END)::bigint AS cap,
       (random() * CASE WHEN small THEN 250 ELSE 1200000000 END)::bigint AS paid
FROM (SELECT g, g % 2 = 0 AS small,
             (random() * CASE WHEN g % 2 = 0 THEN 500 ELSE 5000000000 END)::bigint AS total
      FROM generate_series(1, 100000) g) s;

CREATE TEMP TABLE compared AS
SELECT c.*, a.*, r.*
FROM cases c
CROSS JOIN LATERAL xdjy.settlement_amounts(c.total, c.oos, c.fs_bp, c.ded, c.met, c.ratio_bp, c.cap, c.paid) a
CROSS JOIN LATERAL (
	SELECT in_scope AS r_in_scope, fs AS r_fs, d AS r_ded,
	       least(round((in_scope - fs - d) * c.ratio_bp / 10000.0), greatest(0, c.cap - c.paid))::bigint AS r_fund
	FROM (SELECT (c.total - c.oos)::numeric AS in_scope) i
	CROSS JOIN LATERAL (SELECT round(i.in_scope * c.fs_bp / 10000.0) AS fs) f
	CROSS JOIN LATERAL (SELECT least(i.in_scope - f.fs, greatest(0, c.ded - c.met)) AS d) dd
) r;

SELECT is((SELECT count(*)::int FROM compared), 100000, '100 000 random cases');
SELECT is((SELECT count(*)::int FROM compared
	WHERE in_scope_fen <> r_in_scope OR first_selfpay_fen <> r_fs OR deductible_fen <> r_ded
	   OR fund_fen <> r_fund OR personal_fen <> total - r_fund), 0,
	'0 mismatches between the C amounts and the numeric reference');
SELECT is((SELECT count(*)::int FROM compared WHERE fund_fen + personal_fen <> total OR fund_fen < 0 OR personal_fen < 0), 0,
	'fund + personal = total, both ≥ 0, in every case');
SELECT cmp_ok((SELECT count(*)::int FROM compared
	WHERE (in_scope_fen * fs_bp) % 10000 = 5000 OR ((in_scope_fen - first_selfpay_fen - deductible_fen) * ratio_bp) % 10000 = 5000),
	'>', 100, 'the cases hit exact half-fen shares more than 100 times');

SELECT * FROM finish();
ROLLBACK;
