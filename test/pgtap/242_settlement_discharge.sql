-- A stay settles at its discharge (出院结算, 鲁医保发〔2022〕26号 第二条(一)(二)):
-- without a discharge date it is refused (YB320), unless the settlement
-- says it settles part of a stay still going on (中途结算, mid_stay);
-- a mid-stay settlement of something not in hospital is refused (YB321).
BEGIN;
SELECT plan(15);
\ir include/settlement_data.sql
\ir include/helpers.sql

INSERT INTO person (id, name, insured_region, scheme)
SELECT 'SETL-MS' || g, 'mid-stay ' || g, '370100', 'employee' FROM generate_series(1, 4) g;
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
SELECT 'SETL-MS' || g, '110000', 'temporary_outside', '2024-01-01', '2024-01-01' FROM generate_series(1, 4) g;
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(956001, 'SETL-MS1', 'SETL-BJ-H3', 'inpatient', '2024-03-01', NULL),
	(956002, 'SETL-MS2', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-20'),
	(956003, 'SETL-MS3', 'SETL-BJ-P3', 'outpatient', '2024-03-02', NULL);

SELECT throws_ok($$SELECT xdjy.settle(956001, 10000, 0, 'SETL-MS-a', '2024-03-10')$$, 'YB320', NULL,
	'an open stay is not settled as if discharged (direct)');
SELECT throws_ok($$SELECT xdjy.settle(956001, 10000, 0, 'SETL-MS-a', '2024-03-10', 'manual')$$, 'YB320', NULL,
	'an open stay is not settled as if discharged (by hand either)');
SELECT alike(pg_temp.detail_of($$SELECT xdjy.settle(956001, 10000, 0, 'SETL-MS-a', '2024-03-10')$$),
	'Stay 956001 admitted on 2024-03-01 has no discharge date%', 'the detail names the stay and its admission');
SELECT alike(pg_temp.hint_of($$SELECT xdjy.settle(956001, 10000, 0, 'SETL-MS-a', '2024-03-10')$$),
	'%mid_stay => true%', 'the hint says how to settle mid-stay');
SELECT is((SELECT s.mid_stay::text || '/' || s.category FROM xdjy.settle(956001, 10000, 0, 'SETL-MS-a', '2024-03-10', mid_stay => true) s),
	'true/temporary', '中途结算 of an open stay, said explicitly, settles and is marked');
SELECT is((SELECT s.mid_stay FROM xdjy.reverse_settlement(
		(SELECT id FROM settlement WHERE invoice_no = 'SETL-MS-a'), '2024-03-11') s),
	true, 'its reversal is marked mid-stay like the original');
SELECT lives_ok($$INSERT INTO xdjy.settlement (encounter_id, total_fen, invoice_no, settled_on, mid_stay)
	VALUES (956001, 5000, 'SETL-MS-b', '2024-03-12', true)$$,
	'a plain INSERT says mid_stay in its own column');
UPDATE encounter SET discharged_on = '2024-03-15' WHERE id = 956001;
SELECT lives_ok($$SELECT xdjy.settle(956001, 20000, 0, 'SETL-MS-c', '2024-03-15')$$,
	'with the discharge date recorded, the discharge settlement goes through');

SELECT throws_ok($$SELECT xdjy.settle(956002, 10000, 0, 'SETL-MS-d', '2024-03-20', mid_stay => true)$$, 'YB321', NULL,
	'no mid-stay settlement on the discharge day or later: the stay has ended');
SELECT alike(pg_temp.detail_of($$SELECT xdjy.settle(956002, 10000, 0, 'SETL-MS-d', '2024-03-21', mid_stay => true)$$),
	'Stay 956002 was discharged on 2024-03-20; the mid-stay settlement is dated 2024-03-21.', 'the detail gives both dates');
SELECT lives_ok($$SELECT xdjy.settle(956002, 10000, 0, 'SETL-MS-d', '2024-03-19', mid_stay => true)$$,
	'the day before the recorded discharge, a mid-stay settlement is lawful');
SELECT throws_ok($$SELECT xdjy.settle(956003, 10000, 0, 'SETL-MS-e', '2024-03-02', mid_stay => true)$$, 'YB321', NULL,
	'a visit is not a stay: no mid-stay settlement');
SELECT lives_ok($$SELECT xdjy.settle(956003, 10000, 0, 'SETL-MS-e', '2024-03-02')$$,
	'a visit without a discharge date settles as before');

SELECT is((SELECT t.id FROM xdjy.try_settle(956002, 100, 0, 'SETL-MS-f', '2024-03-25', mid_stay => true) t),
	NULL, 'try_settle passes mid_stay on: refused, NULL');
SELECT is((SELECT a.sqlstate::text FROM settlement_attempt a WHERE a.invoice_no = 'SETL-MS-f'),
	'YB321', 'try_settle records the refusal with its code');

SELECT * FROM finish();
ROLLBACK;
