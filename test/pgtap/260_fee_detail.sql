-- Fee lines (费用明细, 2301) priced against the treatment place's catalogue
-- (鲁医保发〔2022〕26号 第二条(四): 符合就医地基本医疗保险支付范围), and the
-- settlement priced from them.  Every amount is worked by hand beside it.
BEGIN;
SELECT plan(61);
\ir include/settlement_data.sql
\ir include/helpers.sql

-- a Jinan hospital (pooling region 370100 of province 370000) and a Beijing one
INSERT INTO institution (code, name_zh, region_code, tier, networked_inpatient)
VALUES ('FEE-JN-H3', '济南三级医院', '370102', 3, true);
INSERT INTO person (id, name, insured_region, scheme) VALUES
	('FEE-1', 'fee one', '370100', 'employee'),
	('FEE-2', 'fee two', '370100', 'employee'),
	('FEE-3', 'fee three', '370100', 'employee'),
	('FEE-4', 'fee four (twin of one)', '370100', 'employee'),
	('FEE-5', 'fee five', '370100', 'employee');
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on) VALUES
	('FEE-3', '110000', 'temporary_outside', '2024-01-01', '2024-01-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(957001, 'FEE-1', 'FEE-JN-H3', 'inpatient', '2024-03-01', '2024-03-10'),
	(957002, 'FEE-2', 'FEE-JN-H3', 'outpatient', '2024-03-05', NULL),
	(957003, 'FEE-3', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-05'),
	(957004, 'FEE-1', 'FEE-JN-H3', 'inpatient', '2024-05-01', NULL),
	(957005, 'FEE-4', 'FEE-JN-H3', 'inpatient', '2024-03-01', '2024-03-10'),
	(957006, 'FEE-5', 'FEE-JN-H3', 'outpatient', '2024-03-05', NULL);

-- the catalogue: Shandong's province rows, Jinan's own row for P001
INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid) VALUES
	('370000', 'A001', '甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('370000', 'B001', '乙类药', 'drug', '02', 1500, NULL, '[2024-01-01,)'),
	('370000', 'C001', '丙类药', 'drug', '03', 0, NULL, '[2024-01-01,)'),
	('370000', 'S001', '限价项目', 'service', '01', 0, 100.00, '[2024-01-01,)'),
	('370000', 'M001', '限价乙类耗材', 'material', '02', 2000, 50.00, '[2024-01-01,)'),
	('370000', 'P001', '省目录乙类', 'drug', '02', 1000, NULL, '[2024-01-01,)'),
	('370100', 'P001', '济南目录甲类', 'drug', '01', 0, NULL, '[2024-01-01,2024-03-05)'),
	('370000', 'D001', '新目录药', 'drug', '01', 0, NULL, '[2024-03-06,)'),
	('110000', 'A001', '北京甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('110000', 'C001', '北京丙类药', 'drug', '03', 0, NULL, '[2024-01-01,)');

SELECT throws_ok($$INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, valid)
	VALUES ('370000', 'A001', 'again', 'drug', '01', '[2024-06-01,)')$$, '23P01', NULL,
	'catalogue rows of one key never overlap');
SELECT throws_ok($$INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, valid)
	VALUES ('370000', 'A002', 'x', 'drug', '01', 500, '[2024-01-01,)')$$, '23514', NULL,
	'a 甲类 row has no self-pay share');

CREATE FUNCTION pg_temp.line(enc bigint, sn text, code text, t timestamp, cnt numeric, pric numeric,
		init text DEFAULT NULL, sumamt numeric DEFAULT NULL)
	RETURNS text LANGUAGE sql AS $$
	INSERT INTO xdjy.fee_detail (encounter_id, feedetl_sn, init_feedetl_sn, med_list_codg,
		fee_ocur_time, cnt, pric, det_item_fee_sumamt, received_on)
	VALUES (enc, sn, init, code, t, cnt, pric, sumamt, greatest(t::date, '2024-03-10'))
	RETURNING concat_ws('/', amount_fen, fulamt_ownpay_fen, overlmt_fen, preselfpay_fen,
		inscp_scp_fen, coalesce(chrgitm_lv, '-'), listed::text)
$$;

-- each line: amount/全自费/超限价/先行自付/符合范围 in fen, class, listed
-- 甲类: 2 × 10.005 = 20.010 → 20.01 yuan, all in scope
SELECT is(pg_temp.line(957001, 'L1', 'A001', '2024-03-01 00:00', 2, 10.005), '2001/0/0/0/2001/01/true',
	'甲类: cnt × pric rounded half up, all in scope; the admission day is in the stay');
-- 乙类 15%: 3 × 33.33 = 99.99; 9999 × 15% = 1499.85 → 1500
SELECT is(pg_temp.line(957001, 'L2', 'B001', '2024-03-02 09:00', 3, 33.33), '9999/0/0/1500/8499/02/true',
	'乙类: the self-pay share (先行自付) rounded half up, the rest in scope');
-- 丙类: 50.00, all paid by the person
SELECT is(pg_temp.line(957001, 'L3', 'C001', '2024-03-03 10:00', 1, 50), '5000/5000/0/0/0/03/true',
	'丙类: 全自费');
-- ceiling 100.00: 2 × 120 = 240.00; over the ceiling (120 − 100) × 2 = 40.00
SELECT is(pg_temp.line(957001, 'L4', 'S001', '2024-03-04 10:00', 2, 120), '24000/0/4000/0/20000/01/true',
	'甲类 above its price ceiling: the excess is 超限价');
-- 乙类 20% with ceiling 50.00: 4 × 62.5 = 250.00; over (12.5 × 4) = 50.00;
-- share (25000 − 5000) × 20% = 4000; in scope 16000
SELECT is(pg_temp.line(957001, 'L5', 'M001', '2024-03-04 11:00', 4, 62.5), '25000/0/5000/4000/16000/02/true',
	'乙类 above its ceiling: the share is taken from the amount within the ceiling');
SELECT is(pg_temp.line(957001, 'L6', 'X999', '2024-03-05 12:00', 1, 7.77), '777/777/0/0/0/-/false',
	'a code not in the catalogue: 全自费, flagged as not listed');
-- P001: Jinan's own row (甲类) until 2024-03-04, the province's (乙类 10%) after
SELECT is(pg_temp.line(957001, 'L7', 'P001', '2024-03-04 23:59', 1, 10), '1000/0/0/0/1000/01/true',
	'the pooling region''s own row wins over its province''s');
SELECT is(pg_temp.line(957001, 'L8', 'P001', '2024-03-05 00:00', 1, 10), '1000/0/0/100/900/02/true',
	'outside its own row''s dates the province''s row applies');
-- D001 is listed from 2024-03-06
SELECT is(pg_temp.line(957001, 'L9', 'D001', '2024-03-05 23:59', 1, 3), '300/300/0/0/0/-/false',
	'the day before a catalogue row starts, the code is not listed');
SELECT is(pg_temp.line(957001, 'L10', 'D001', '2024-03-06 00:00', 1, 3), '300/0/0/0/300/01/true',
	'on its first day the row applies');
-- 1 × 0.005 = 0.005 → 0.01 (half up)
SELECT is(pg_temp.line(957001, 'L11', 'A001', '2024-03-07', 1, 0.005), '1/0/0/0/1/01/true',
	'half a fen rounds up');
SELECT is(pg_temp.line(957001, 'L12', 'A001', '2024-03-10 23:59', 1, 1), '100/0/0/0/100/01/true',
	'the discharge day is in the stay');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'X1', 'A001', '2024-02-29 23:59', 1, 1)$$, 'YB801', NULL,
	'the day before admission is outside the stay (leap day)');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'X1', 'A001', '2024-03-11 00:00', 1, 1)$$, 'YB801', NULL,
	'the day after discharge is outside the stay');
SELECT is(pg_temp.line(957002, 'V1', 'A001', '2024-03-05 18:00', 1, 1), '100/0/0/0/100/01/true',
	'a visit''s line on the visit day');
SELECT throws_ok($$SELECT pg_temp.line(957002, 'V2', 'A001', '2024-03-06 00:00', 1, 1)$$, 'YB801', NULL,
	'a visit''s line on the next day is refused');
SELECT throws_ok($$SELECT pg_temp.line(957002, 'V2', 'A001', '2024-03-04 23:59', 1, 1)$$, 'YB801', NULL,
	'a visit''s line on the day before is refused');
SELECT is(pg_temp.detail_of($$SELECT pg_temp.line(957002, 'V2', 'A001', '2024-03-06 00:00', 1, 1)$$),
	'Line "V2" is dated 2024-03-06; encounter 957002 (outpatient) runs from 2024-03-05 to 2024-03-05.',
	'the detail names the line, its date and the encounter''s days');

-- the arithmetic and the numbers
SELECT throws_ok($$SELECT pg_temp.line(957001, 'X2', 'A001', '2024-03-07', 1, 1, NULL, 1.001)$$, 'YB806', NULL,
	'a sent amount that differs from cnt × pric is refused');
SELECT is(pg_temp.line(957001, 'L13', 'A001', '2024-03-07', 1, 1, NULL, 1.00), '100/0/0/0/100/01/true',
	'a sent amount equal to cnt × pric is kept');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'X3', 'A001', '2024-03-07', -1, 1)$$, 'YB805', NULL,
	'a negative count without an original is refused');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'X3', 'A001', '2024-03-07', 0, 1)$$, 'YB805', NULL,
	'a zero count is refused');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'X3', 'A001', '2024-03-07', 1, -1)$$, 'YB805', NULL,
	'a negative price is refused');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'X3', 'A001', '2024-03-07', 'NaN', 1)$$, 'YB805', NULL,
	'NaN is refused');
SELECT throws_ok($$INSERT INTO fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, amount_fen)
	VALUES (957001, 'X4', 'A001', '2024-03-07', 1, 1, 1)$$, 'YB813', NULL,
	'the client does not write the priced columns');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'L1', 'A001', '2024-03-07', 1, 1)$$, '23505', NULL,
	'feedetl_sn is unique per encounter');

-- refunds (退费): negative counts naming the original, priced as it was
-- R1: −1 × 33.33 = −33.33; share −3333 × 15% = −499.95 → −500
SELECT is(pg_temp.line(957001, 'R1', 'B001', '2024-03-08', -1, 33.33, 'L2'), '-3333/0/0/-500/-2833/02/true',
	'a refund line is priced as its original, negated');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'R2', 'B001', '2024-03-08', -3, 33.33, 'L2')$$, 'YB804', NULL,
	'refunds beyond the original count are refused');
SELECT is(pg_temp.line(957001, 'R2', 'B001', '2024-03-08', -2, 33.33, 'L2'), '-6666/0/0/-1000/-5666/02/true',
	'the rest of the original is refunded (−6666 × 15% = −999.9 → −1000)');
SELECT is((SELECT sum(amount_fen)::text || '/' || sum(preselfpay_fen) FROM fee_detail
	WHERE encounter_id = 957001 AND 'L2' IN (feedetl_sn, init_feedetl_sn)), '0/0',
	'a line refunded in full nets to zero in every part');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'R3', 'B001', '2024-03-08', -1, 33.33, 'L2')$$, 'YB804', NULL,
	'nothing is left to refund');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'R3', 'A001', '2024-03-08', -1, 1, 'NOPE')$$, 'YB803', NULL,
	'a refund of a line that does not exist is refused');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'R3', 'B001', '2024-03-08', -1, 33.33, 'R1')$$, 'YB803', NULL,
	'a refund of a refund is refused');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'R3', 'A001', '2024-03-08', -1, 9.99, 'L1')$$, 'YB809', NULL,
	'a refund at another price than its original is refused');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'R3', 'A001', '2024-03-08', 1, 10.005, 'L1')$$, 'YB805', NULL,
	'a refund line with a positive count is refused');

-- lines are not updated; deleted before settlement, and recorded (2302)
SELECT throws_ok($$UPDATE fee_detail SET cnt = 5 WHERE feedetl_sn = 'L1'$$, 'YB807', NULL,
	'a line is never updated');
SELECT throws_ok($$DELETE FROM fee_detail WHERE encounter_id = 957001 AND feedetl_sn = 'L2'$$, 'YB812', NULL,
	'a line a refund names is not deleted');
SELECT is(revoke_fee_details(957001, 'L12'), 1::bigint, 'an unsettled line is revoked (2302)');
SELECT is((SELECT feedetl_sn || '/' || amount_fen FROM fee_detail_revoked WHERE encounter_id = 957001),
	'L12/100', 'the revocation is recorded with the line''s amount');

-- the settlement priced from the lines
SELECT is(pg_temp.line(957001, 'L14', 'A001', '2024-03-09', 1, 2000), '200000/0/0/0/200000/01/true',
	'a large 甲类 line');
SELECT throws_ok($$SELECT settle(957001, 1, NULL, 'FEE-INV-1', '2024-03-10')$$, 'YB810', NULL,
	'a total that disagrees with the lines is refused');
-- lines: total 259479; 全自费 5000 + 777 + 300 = 6077, 超限价 4000 + 5000 = 9000
-- (out of scope 15077); 先行自付 1500 + 4000 + 100 − 500 − 1000 = 4100;
-- in scope 259479 − 15077 − 4100 = 240302; local tier-3 policy: deductible
-- 100000, (240302 − 100000) × 90% = 126271.8 → fund 126272
SELECT is((SELECT concat_ws('/', total_fen, out_of_scope_fen, overlmt_fen, preselfpay_fen, in_scope_fen,
		deductible_fen, fund_fen, personal_fen, cardinality(fee_detail_ids))
	FROM settle(957001, 259479, 15077, 'FEE-INV-1', '2024-03-10')),
	'259479/15077/9000/4100/240302/100000/126272/133207/15',
	'the settlement is priced from the lines (totals that agree are accepted)');
-- the twin stay settled from totals: 先行自付 counted out of scope gives the same
SELECT is((SELECT concat_ws('/', in_scope_fen, deductible_fen, fund_fen, personal_fen)
	FROM settle(957005, 259479, 19177, 'FEE-INV-5', '2024-03-10')),
	'240302/100000/126272/133207', 'the same settlement from totals');
SELECT throws_ok($$SELECT pg_temp.line(957001, 'L15', 'A001', '2024-03-10', 1, 1)$$, 'YB802', NULL,
	'a line after the settlement is refused');
SELECT throws_ok($$DELETE FROM fee_detail WHERE encounter_id = 957001 AND feedetl_sn = 'L1'$$, 'YB808', NULL,
	'a settled line is not deleted');
SELECT is((SELECT concat_ws('/', total_fen, overlmt_fen, preselfpay_fen, cardinality(fee_detail_ids))
	FROM reverse_settlement((SELECT id FROM settlement WHERE invoice_no = 'FEE-INV-1'), '2024-03-11')),
	'-259479/-9000/-4100/15', 'a reversal negates the line figures');
SELECT is(pg_temp.line(957001, 'L15', 'A001', '2024-03-10', 1, 1), '100/0/0/0/100/01/true',
	'after the reversal the encounter takes lines again');
SELECT is((SELECT concat_ws('/', total_fen, cardinality(fee_detail_ids))
	FROM settle(957001, NULL, NULL, 'FEE-INV-1', '2024-03-12')),
	'259579/16', 'settled again from all its lines');

-- the explanation starts from the lines, by class, and its replay agrees
SELECT is((SELECT string_agg(rule || '=' || amount_fen, ' ' ORDER BY step) FROM explain_settlement(
		(SELECT id FROM settlement WHERE invoice_no = 'FEE-INV-1' AND reverses IS NULL AND settled_on = '2024-03-12'), 'en')
	WHERE rule IN ('fee_lines', 'class_a', 'class_b', 'class_c', 'not_listed', 'over_ceiling', 'class_b_selfpay')),
	'fee_lines=259579 class_a=227502 class_b=26000 class_c=5000 not_listed=1077 over_ceiling=9000 class_b_selfpay=4100',
	'explain_settlement gives the sums by class, over the ceilings and the 乙类 share');
SELECT is((SELECT count(*) FROM explain_settlement(
		(SELECT id FROM settlement WHERE invoice_no = 'FEE-INV-1' AND reverses IS NULL AND settled_on = '2024-03-12'), 'en')
	WHERE rule = 'check'), 0::bigint, 'the replay of a settlement from lines agrees with it');
SELECT is((SELECT rule FROM explain_settlement(
		(SELECT id FROM settlement WHERE invoice_no = 'FEE-INV-1' AND reverses IS NULL AND settled_on = '2024-03-12'), 'zh')
	WHERE step = 3), '乙类', 'in Chinese');

-- a mid-stay settlement (中途结算) leaves the stay open to lines
SELECT is(pg_temp.line(957004, 'M1', 'A001', '2024-05-02', 1, 10), '1000/0/0/0/1000/01/true', 'a line of an open stay');
SELECT is((SELECT concat_ws('/', total_fen, cardinality(fee_detail_ids))
	FROM settle(957004, NULL, NULL, 'FEE-INV-4a', '2024-05-03', mid_stay => true)), '1000/1',
	'a mid-stay settlement covers the lines so far');
SELECT is(pg_temp.line(957004, 'M2', 'A001', '2024-05-04', 2, 10), '2000/0/0/0/2000/01/true',
	'a line after a mid-stay settlement is taken');
SELECT is((SELECT concat_ws('/', total_fen, cardinality(fee_detail_ids))
	FROM settle(957004, NULL, NULL, 'FEE-INV-4b', '2024-05-05', mid_stay => true)), '2000/1',
	'the next settlement covers only the new line');

-- the treatment place's catalogue: Beijing lines are priced by Beijing's rows
SELECT is(pg_temp.line(957003, 'B1', 'B001', '2024-04-02', 1, 10), '1000/1000/0/0/0/-/false',
	'another province''s catalogue row does not apply');
SELECT is(pg_temp.line(957003, 'B2', 'A001', '2024-04-02', 1, 10), '1000/0/0/0/1000/01/true',
	'the treatment province''s row applies');

SELECT throws_ok($$SELECT settle(957006, NULL, NULL, 'FEE-INV-6', '2024-03-05')$$, 'YB811', NULL,
	'no lines and no total: refused');
SELECT is((SELECT concat_ws('/', amount_fen, preselfpay_fen, inscp_scp_fen) FROM fee_line_amounts(-1, 33.33, '02', 1500, NULL)),
	'-3333/-500/-2833', 'fee_line_amounts quotes what the trigger fills');

SELECT * FROM finish();
ROLLBACK;
