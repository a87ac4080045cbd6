-- Encounters (就诊), discharge not before admission; pharmacy
-- purchases at pharmacies; outside tests and drugs during a stay attach to
-- an inpatient stay of the same person covering the service date
-- (《住院期间外院检查治疗或定点药店购药单》, 济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)).
BEGIN;
SELECT plan(24);
SET LOCAL search_path = xdjy, public;

CREATE FUNCTION pg_temp.enc(p text, i text, t text, a date, d date, att bigint DEFAULT NULL) RETURNS bigint
LANGUAGE sql AS $$
	INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on, attached_to)
	VALUES (p, i, t, a, d, att) RETURNING id $$;
CREATE TEMP TABLE e (k text PRIMARY KEY, id bigint) ON COMMIT DROP;

-- dates ----------------------------------------------------------------------
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010100001', 'inpatient', '2024-05-10', '2024-05-09')$$,
	'YB201', NULL, 'discharge the day before admission is rejected');
SELECT lives_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010100001', 'inpatient', '2024-05-10', '2024-05-10')$$,
	'discharge on the day of admission is accepted');
SELECT lives_ok($$INSERT INTO e VALUES ('stay', pg_temp.enc('jinan-emp-1', 'H31010100001', 'inpatient', '2024-06-01', '2024-06-10')),
	('open', pg_temp.enc('jinan-emp-2', 'H31010100001', 'inpatient', '2024-06-01', NULL))$$,
	'a stay 2024-06-01..2024-06-10 and a stay still open');
SELECT throws_ok($$UPDATE encounter SET discharged_on = '2024-05-31' WHERE id = (SELECT id FROM e WHERE k = 'stay')$$,
	'YB201', NULL, 'an UPDATE is held to the same rule');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010100001', 'outpatient', 'infinity', NULL)$$,
	'22008', NULL, 'dates are finite');

-- kinds ----------------------------------------------------------------------
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010100001', 'pharmacy', '2024-06-03', '2024-06-03')$$,
	'YB202', NULL, '济宁市医保局 异地就医十项便民措施 第五条(三): a pharmacy purchase (定点药店购药) is not made at a hospital');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'P11010500001', 'outpatient', '2024-06-03', '2024-06-03')$$,
	'YB202', NULL, 'outpatient care is not given at a pharmacy');
SELECT throws_ok($$SELECT pg_temp.enc('nobody', 'H31010100001', 'outpatient', '2024-06-03', '2024-06-03')$$,
	'YB001', NULL, 'an unknown person is an unknown reference');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'NOPE', 'outpatient', '2024-06-03', '2024-06-03')$$,
	'YB001', NULL, 'an unknown institution is an unknown reference');

-- attachment to a stay (济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)) ------------------------------
SELECT lives_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010400001', 'outpatient', '2024-06-03', '2024-06-03', (SELECT id FROM e WHERE k = 'stay'))$$,
	'济宁市医保局 异地就医十项便民措施 第五条(三): an outside test during the stay attaches to it');
SELECT lives_ok($$SELECT pg_temp.enc('jinan-emp-1', 'P11010500001', 'pharmacy', '2024-06-01', '2024-06-01', (SELECT id FROM e WHERE k = 'stay'))$$,
	'鲁医保发〔2022〕26号 第二条(六): a pharmacy purchase on the admission day attaches');
SELECT lives_ok($$INSERT INTO e VALUES ('last day', pg_temp.enc('jinan-emp-1', 'H31010400001', 'chronic_outpatient', '2024-06-10', '2024-06-10', (SELECT id FROM e WHERE k = 'stay')))$$,
	'鲁医保发〔2022〕26号 第二条(六): a visit on the discharge day attaches');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010400001', 'outpatient', '2024-05-31', '2024-05-31', (SELECT id FROM e WHERE k = 'stay'))$$,
	'YB206', NULL, '济宁市医保局 异地就医十项便民措施 第五条(三): the day before admission is outside the stay');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010400001', 'outpatient', '2024-06-11', '2024-06-11', (SELECT id FROM e WHERE k = 'stay'))$$,
	'YB206', NULL, '济宁市医保局 异地就医十项便民措施 第五条(三): the day after discharge is outside the stay');
SELECT lives_ok($$SELECT pg_temp.enc('jinan-emp-2', 'H31010400001', 'outpatient', '2025-01-15', '2025-01-15', (SELECT id FROM e WHERE k = 'open'))$$,
	'a stay not yet discharged covers every later day');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-2', 'H31010400001', 'outpatient', '2024-06-03', '2024-06-03', (SELECT id FROM e WHERE k = 'stay'))$$,
	'YB205', NULL, '济宁市医保局 异地就医十项便民措施 第五条(三): a visit attaches only to the same person''s stay');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010400001', 'outpatient', '2024-06-10', '2024-06-10', (SELECT id FROM e WHERE k = 'last day'))$$,
	'YB204', NULL, '济宁市医保局 异地就医十项便民措施 第五条(三): attached_to must be an inpatient stay');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010400001', 'inpatient', '2024-06-03', '2024-06-05', (SELECT id FROM e WHERE k = 'stay'))$$,
	'YB203', NULL, '济宁市医保局 异地就医十项便民措施 第五条(三): a stay is not attached to another stay');
SELECT throws_ok($$SELECT pg_temp.enc('jinan-emp-1', 'H31010400001', 'outpatient', '2024-06-03', '2024-06-03', -5)$$,
	'YB001', NULL, 'an unknown stay is an unknown reference');

-- the stay keeps covering what is attached -----------------------------------
SELECT throws_ok($$UPDATE encounter SET discharged_on = '2024-06-09' WHERE id = (SELECT id FROM e WHERE k = 'stay')$$,
	'YB207', NULL, 'a stay cannot shrink away from a visit attached on its last day');
SELECT throws_ok($$UPDATE encounter SET admitted_on = '2024-06-02' WHERE id = (SELECT id FROM e WHERE k = 'stay')$$,
	'YB207', NULL, 'nor from a purchase attached on its first day');
SELECT throws_ok($$UPDATE encounter SET visit_type = 'outpatient' WHERE id = (SELECT id FROM e WHERE k = 'stay')$$,
	'YB207', NULL, 'a stay with attachments stays a stay');
SELECT lives_ok($$UPDATE encounter SET discharged_on = '2024-06-12' WHERE id = (SELECT id FROM e WHERE k = 'stay')$$,
	'a stay may grow');
SELECT lives_ok($$UPDATE encounter SET attached_to = NULL WHERE id = (SELECT id FROM e WHERE k = 'last day');
                  UPDATE encounter SET discharged_on = '2024-06-09' WHERE id = (SELECT id FROM e WHERE k = 'stay')$$,
	'detached first, the stay may then shrink');

SELECT * FROM finish();
ROLLBACK;
