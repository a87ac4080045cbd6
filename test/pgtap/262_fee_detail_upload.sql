-- The details upload measured from the fee lines themselves (鲁医保发〔2022〕
-- 26号 第三条(四): inpatient expense details uploaded within 3 days of a
-- direct settlement), a line received before its fee (鲁医保发〔2021〕46号
-- 第四条: no invented expenses), the treatment region's requirement of
-- lines for direct settlement, and 2301's output in yuan.
BEGIN;
SELECT plan(40);
\ir include/settlement_data.sql
\ir include/helpers.sql

-- Jinan-insured employees filed for temporary treatment in Beijing
INSERT INTO person (id, name, insured_region, scheme)
SELECT 'UPL-' || i, 'upload ' || i, '370100', 'employee' FROM generate_series(1, 9) i;
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
SELECT 'UPL-' || i, '110000', 'temporary_outside', '2024-01-01', '2024-01-01' FROM generate_series(1, 9) i;
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(958001, 'UPL-1', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-05'),
	(958002, 'UPL-2', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-05'),
	(958003, 'UPL-3', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-05'),
	(958004, 'UPL-4', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-05'),
	(958005, 'UPL-5', 'SETL-BJ-H3', 'inpatient', '2024-05-20', '2024-05-31'),
	(958006, 'UPL-6', 'SETL-BJ-H3', 'inpatient', '2024-06-01', '2024-06-03'),
	(958007, 'UPL-7', 'SETL-BJ-H3', 'inpatient', '2024-06-01', '2024-06-03'),
	(958008, 'UPL-8', 'SETL-JN-H3', 'inpatient', '2024-06-01', '2024-06-03'),
	(958009, 'UPL-9', 'SETL-BJ-H3', 'inpatient', '2024-06-01', '2024-06-03');
INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid) VALUES
	('110000', 'A001', '北京甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('110000', 'B001', '北京乙类药', 'drug', '02', 1500, NULL, '[2024-01-01,)'),
	('110000', 'S001', '北京限价项目', 'service', '01', 0, 100.00, '[2024-01-01,)');

CREATE FUNCTION pg_temp.line(enc bigint, sn text, code text, t timestamp, cnt numeric, pric numeric,
		received date)
	RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO xdjy.fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on)
	VALUES (enc, sn, code, t, cnt, pric, received)
	RETURNING amount_fen
$$;

-- a line arrives on or after the day its fee was incurred
SELECT throws_ok($$SELECT pg_temp.line(958001, 'E1', 'A001', '2024-04-02 08:00', 1, 10, '2024-04-01')$$,
	'YB814', NULL, 'a line received the day before its fee is refused');
SELECT is(pg_temp.detail_of($$SELECT pg_temp.line(958001, 'E1', 'A001', '2024-04-02 08:00', 1, 10, '2024-04-01')$$),
	'Line "E1" of encounter 958001 is dated 2024-04-02 and received on 2024-04-01.',
	'the detail names the line, its fee date and when it was received');
SELECT is(pg_temp.line(958001, 'E1', 'A001', '2024-04-02 23:59', 1, 10, '2024-04-02'), 1000::bigint,
	'a line received on its fee day is taken');

-- R1 from the lines: the details arrived with the last line
SELECT is(pg_temp.line(958001, 'E2', 'B001', '2024-04-05 10:00', 3, 33.33, '2024-04-05'), 9999::bigint,
	'a second line, received on the discharge day');
SELECT is((SELECT details_received_on FROM settle(958001, NULL, NULL, 'UPL-INV-1', '2024-04-05')),
	'2024-04-05'::date, 'the settlement keeps when the last of its lines arrived');
-- 958002: settled 2024-04-05, due 2024-04-08, its last line arrived on the due day
SELECT is(pg_temp.line(958002, 'E1', 'A001', '2024-04-05 10:00', 1, 10, '2024-04-08'), 1000::bigint,
	'a line received on the due day');
SELECT is((SELECT details_received_on FROM settle(958002, NULL, NULL, 'UPL-INV-2', '2024-04-05')),
	'2024-04-08'::date, 'the settlement records the day its details arrived');
-- 958003: its last line arrived on 2024-04-09, a day late
SELECT is(pg_temp.line(958003, 'E1', 'A001', '2024-04-04 10:00', 1, 10, '2024-04-04'), 1000::bigint,
	'a first line in time');
SELECT is(pg_temp.line(958003, 'E2', 'A001', '2024-04-05 10:00', 1, 10, '2024-04-09'), 1000::bigint,
	'the last line, four days after');
SELECT lives_ok($$SELECT settle(958003, NULL, NULL, 'UPL-INV-3', '2024-04-05')$$, 'settled from the two lines');
-- 958004: settled from totals; the recorded upload date stands for the details
SELECT lives_ok($$SELECT settle(958004, 100000, 0, 'UPL-INV-4', '2024-04-05')$$, 'settled from totals');
INSERT INTO detail_upload (settlement_id, uploaded_on)
	SELECT id, '2024-04-10' FROM settlement WHERE invoice_no = 'UPL-INV-4';

SELECT is((SELECT string_agg(e.id || ':' || o.status || ':' || o.uploaded_on || ':' || o.days_late, ' ' ORDER BY e.id)
	FROM detail_upload_overdue_as_of('2024-04-30') o
	JOIN settlement s ON s.id = o.settlement_id JOIN encounter e ON e.id = s.encounter_id
	WHERE e.id BETWEEN 958001 AND 958004),
	'958003:done:2024-04-09:1 958004:done:2024-04-10:2',
	'late: the lines of 958003 a day after the due day, and the recorded upload of 958004; the due day is on time');
SELECT is((SELECT string_agg(e.id || ':' || o.status, ' ' ORDER BY e.id)
	FROM detail_upload_overdue_as_of('2024-04-08') o
	JOIN settlement s ON s.id = o.settlement_id JOIN encounter e ON e.id = s.encounter_id
	WHERE e.id BETWEEN 958001 AND 958004), NULL,
	'on the due day nothing is overdue yet, though 958002''s lines arrive that day');
SELECT is((SELECT string_agg(e.id || ':' || o.status || ':' || coalesce(o.uploaded_on::text, '-'), ' ' ORDER BY e.id)
	FROM detail_upload_overdue_as_of('2024-04-09') o
	JOIN settlement s ON s.id = o.settlement_id JOIN encounter e ON e.id = s.encounter_id
	WHERE e.id BETWEEN 958001 AND 958004),
	'958003:done:2024-04-09 958004:overdue:-',
	'as it stood on 2024-04-09: 958003''s last line arrived that day, 958004''s upload was still to come');

-- 2301's output, in yuan: 3 × 33.33 = 99.99; 乙类 15%: 14.9985 → 15.00; 84.99 in scope
SELECT is((SELECT concat_ws('/', mdtrt_id, feedetl_sn, det_item_fee_sumamt, cnt, pric, coalesce(pric_uplmt_amt::text, '-'),
		selfpay_prop, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt, inscp_scp_amt, chrgitm_lv)
	FROM fee_detail_result WHERE mdtrt_id = 958001 AND feedetl_sn = 'E2'),
	'958001/E2/99.99/3/33.33/-/0.1500/0.00/0.00/15.00/84.99/02',
	'fee_detail_result gives 2301''s result fields in yuan');
-- a service over its ceiling: 2 × 120 = 240.00, (120 − 100) × 2 = 40.00 over it
SELECT is(pg_temp.line(958005, 'S1', 'S001', '2024-05-21', 2, 120, '2024-05-21'), 24000::bigint,
	'a line above its price ceiling');
SELECT is((SELECT concat_ws('/', det_item_fee_sumamt, pric_uplmt_amt, overlmt_amt, inscp_scp_amt, chrgitm_lv, listed::text)
	FROM fee_detail_result WHERE mdtrt_id = 958005),
	'240.00/100.00/40.00/200.00/01/true', 'its ceiling and the excess');
SELECT lives_ok($$SELECT settle(958005, NULL, NULL, 'UPL-INV-5', '2024-05-31')$$, 'settled from the line');
SELECT is((SELECT concat_ws('/', overlmt_selfpay, fulamt_ownpay_amt, medfee_sumamt)
	FROM setlinfo WHERE mdtrt_id = 958005),
	'40.00/0.00/240.00', 'setlinfo carries the over-ceiling amount as overlmt_selfpay, not as 全自费');

-- a treatment region that requires the lines for direct settlement
INSERT INTO fee_lines_required (region_code, valid, source) VALUES
	('110000', '[2024-06-01,)', 'fixture: Beijing requires itemised lines from June 2024'),
	('370000', '[2024-06-02,)', 'fixture: Shandong, every pooling region, from 2 June 2024');
SELECT throws_ok($$INSERT INTO fee_lines_required (region_code, valid, source)
	VALUES ('110000', '[2025-01-01,)', 'again')$$, '23P01', NULL, 'rows of one region never overlap');
SELECT throws_ok($$INSERT INTO fee_lines_required (region_code, valid, source)
	VALUES ('110000', '(,2024-01-01)', 'unbounded')$$, '23514', NULL, 'a requirement has a first day');
SELECT throws_ok($$SELECT settle(958006, 100000, 0, 'UPL-INV-6', '2024-06-03')$$, 'YB815', NULL,
	'a direct settlement from totals alone is refused where the region requires lines');
SELECT is(pg_temp.detail_of($$SELECT settle(958006, 100000, 0, 'UPL-INV-6', '2024-06-03')$$),
	'Encounter 958006 at institution "SETL-BJ-H3" (treatment region 110000) has no fee lines; the region requires them for direct settlement from 2024-06-01.',
	'the detail names the encounter, the region and the first day of the requirement');
SELECT lives_ok($$SELECT settle(958006, 100000, 0, 'UPL-INV-6', '2024-06-03', mode => 'manual')$$,
	'a manual claim stays with its reviewed totals');
SELECT is((SELECT pg_temp.line(958007, 'R1', 'A001', '2024-06-02', 1, 10, '2024-06-02')
	+ (SELECT total_fen FROM settle(958007, NULL, NULL, 'UPL-INV-7', '2024-06-03'))), 2000::bigint,
	'with its lines the direct settlement goes through');
-- 370000's row reaches Jinan (pooling region 370100); a local settlement is direct too
SELECT throws_ok($$SELECT settle(958008, 100000, 0, 'UPL-INV-8', '2024-06-03')$$, 'YB815', NULL,
	'a province''s row applies to its pooling regions');
SELECT lives_ok($$SELECT settle(958008, 100000, 0, 'UPL-INV-8', '2024-06-01')$$,
	'the day before the requirement starts, totals alone are accepted');
-- the requirement is cached per backend: a change shows at once
DELETE FROM fee_lines_required WHERE region_code = '110000';
SELECT lives_ok($$SELECT settle(958009, 100000, 0, 'UPL-INV-9', '2024-06-03')$$,
	'with the row deleted the same kind of settlement goes through (the cache follows the change)');

-- one stay is paid once (鲁医保发〔2021〕46号 第四条)
SELECT throws_ok($$SELECT settle(958006, 100000, 0, 'UPL-INV-6b', '2024-06-03')$$, 'YB816', NULL,
	'a second discharge settlement of a stay, with another invoice, is refused');
SELECT is(pg_temp.detail_of($$SELECT settle(958004, 100000, 0, 'UPL-INV-4b', '2024-04-05')$$),
	format('Encounter 958004 was settled by settlement %s on 2024-04-05.',
		(SELECT id FROM settlement WHERE invoice_no = 'UPL-INV-4')),
	'the detail names the standing settlement');
SELECT throws_ok($$SELECT settle(958004, 100000, 0, 'UPL-INV-4', '2024-04-05')$$, 'YB308', NULL,
	'a retry with the same invoice is told the invoice was used');
SELECT lives_ok($$SELECT reverse_settlement((SELECT id FROM settlement WHERE invoice_no = 'UPL-INV-4'), '2024-04-06')$$,
	'reversed');
SELECT is((SELECT total_fen FROM settle(958004, 90000, 0, 'UPL-INV-4b', '2024-04-06')), 90000::bigint,
	'after the reversal the stay is settled again');
-- mid-stay: the lines settled so far are not paid again from totals
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(958010, 'UPL-9', 'SETL-BJ-H3', 'inpatient', '2024-07-01', NULL);
SELECT is(pg_temp.line(958010, 'M1', 'A001', '2024-07-02', 1, 10, '2024-07-02'), 1000::bigint, 'a line of an open stay');
SELECT lives_ok($$SELECT settle(958010, NULL, NULL, 'UPL-INV-10a', '2024-07-03', mid_stay => true)$$,
	'a mid-stay settlement covers it');
SELECT throws_ok($$SELECT settle(958010, 1000, 0, 'UPL-INV-10b', '2024-07-04', mid_stay => true)$$, 'YB817', NULL,
	'totals alone after every line was settled are refused');

-- the encounter's dates keep covering its lines
SELECT throws_ok($$UPDATE encounter SET admitted_on = '2024-07-03' WHERE id = 958010$$, 'YB818', NULL,
	'an admission moved past a line is refused');
SELECT is(pg_temp.detail_of($$UPDATE encounter SET admitted_on = '2024-07-03' WHERE id = 958010$$),
	'Fee line "M1" of encounter 958010 is dated 2024-07-02; the encounter would become inpatient from 2024-07-03 to discharge.',
	'the detail names the line and the new dates');
SELECT throws_ok($$UPDATE encounter SET discharged_on = '2024-07-01' WHERE id = 958010$$, 'YB818', NULL,
	'a discharge before a line is refused');
SELECT lives_ok($$UPDATE encounter SET discharged_on = '2024-07-02' WHERE id = 958010$$,
	'a discharge on the line''s day keeps it inside');

SELECT * FROM finish();
ROLLBACK;
