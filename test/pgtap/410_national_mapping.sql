-- National code mappings (国家医疗保障信息平台 接口规范: insutype 险种类型, med_type 医疗类别,
-- clr_type 清算类别): every builtin row, end to end through setlinfo; the
-- precedence of a DBA's local variant (highest priority wins); builtin
-- rows read-only (YB701) and left out of pg_dump.
BEGIN;
SELECT plan(55);
SET LOCAL search_path = xdjy, public;
\i test/fixtures/national.sql

-- every builtin row ----------------------------------------------------------
SELECT results_eq(
	'SELECT scheme, insutype, name_zh FROM xdjy.insutype_map WHERE builtin ORDER BY scheme',
	$$VALUES ('employee', '310', '职工基本医疗保险'), ('resident', '390', '城乡居民基本医疗保险')$$,
	'insutype: employee 310 职工基本医疗保险, resident 390 城乡居民基本医疗保险');
SELECT results_eq(
	'SELECT visit_type, clr_type, name_zh FROM xdjy.clr_type_map WHERE builtin ORDER BY visit_type',
	$$VALUES ('chronic_outpatient', '11', '门诊'), ('inpatient', '21', '住院'),
		('outpatient', '11', '门诊'), ('pharmacy', '41', '药店购药')$$,
	'clr_type: outpatient and chronic outpatient 11, inpatient 21, pharmacy 41');
SELECT results_eq(
	'SELECT visit_type, emergency, trauma, med_type FROM xdjy.med_type_map WHERE builtin
	 ORDER BY visit_type, emergency, trauma',
	$$VALUES ('chronic_outpatient', false, false, '14'), ('chronic_outpatient', false, true, '14'),
		('chronic_outpatient', true, false, '14'), ('chronic_outpatient', true, true, '14'),
		('inpatient', false, false, '21'), ('inpatient', false, true, '22'),
		('inpatient', true, false, '21'), ('inpatient', true, true, '22'),
		('outpatient', false, false, '11'), ('outpatient', false, true, '11'),
		('outpatient', true, false, '13'), ('outpatient', true, true, '13'),
		('pharmacy', false, false, '41'), ('pharmacy', false, true, '41'),
		('pharmacy', true, false, '41'), ('pharmacy', true, true, '41')$$,
	'med_type: all 16 (visit_type, emergency, trauma) combinations spelled out');

-- end to end: one settlement per combination (encounters 9201..9216, each
-- on its own day, so no two stays of a person overlap)
SET LOCAL session_replication_role = replica;
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency, trauma)
SELECT 9200 + n, CASE WHEN n % 2 = 0 THEN 'NAT-emp-1' ELSE 'NAT-res-1' END, 'NAT-H1', v,
	DATE '2024-06-01' + 2 * n, DATE '2024-06-02' + 2 * n, e, t
FROM (SELECT row_number() OVER (ORDER BY v, e, t)::integer AS n, v, e, t
	FROM unnest(ARRAY['inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy']) v,
		unnest(ARRAY[false, true]) e, unnest(ARRAY[false, true]) t) c;
INSERT INTO settlement (id, encounter_id, settled_on, invoice_no, total_fen, person_id, institution_code,
	insured_region, treatment_region, scope, category, ratio_bp, first_selfpay_fen, deductible_fen,
	fund_fen, personal_fen)
SELECT 9300 + n, 9200 + n, DATE '2024-06-02' + 2 * n, 'NAT-INV-M' || n, 1000, CASE WHEN n % 2 = 0 THEN 'NAT-emp-1' ELSE 'NAT-res-1' END,
	'NAT-H1', '110000', '370100', 'cross_province', 'long_term', 9000, 0, 0, 900, 100
FROM generate_series(1, 16) n;
SET LOCAL session_replication_role = origin;

SELECT is(s.med_type, m.med_type,
	format('setlinfo: %s emergency=%s trauma=%s is med_type %s', e.visit_type, e.emergency, e.trauma, m.med_type))
FROM setlinfo s JOIN encounter e ON e.id = s.mdtrt_id
JOIN med_type_map m ON m.builtin AND (m.visit_type, m.emergency, m.trauma) = (e.visit_type, e.emergency, e.trauma)
WHERE s.setl_id BETWEEN 9301 AND 9316;
SELECT is((SELECT count(*) FROM setlinfo s JOIN encounter e ON e.id = s.mdtrt_id
		JOIN clr_type_map m ON m.builtin AND m.visit_type = e.visit_type
		WHERE s.setl_id BETWEEN 9301 AND 9316 AND s.clr_type = m.clr_type), 16::bigint,
	'setlinfo: every settlement carries the clr_type of its visit type');
SELECT is((SELECT array_agg(DISTINCT s.insutype || ':' || p.scheme ORDER BY s.insutype || ':' || p.scheme)
		FROM setlinfo s JOIN person p ON p.id = s.psn_no WHERE s.setl_id BETWEEN 9301 AND 9316),
	ARRAY['310:employee', '390:resident'], 'setlinfo: employee → 310, resident → 390');

-- a DBA's local variant: the highest priority wins -----------------------------
SELECT lives_ok($$INSERT INTO xdjy.med_type_map (visit_type, emergency, trauma, med_type, name_zh)
	VALUES ('inpatient', true, false, '24', '急诊转住院')$$,
	'a DBA adds a local variant (priority defaults to 100)');
SELECT is((SELECT priority FROM med_type_map WHERE med_type = '24'), 100, 'a DBA row defaults to priority 100');
SELECT is((SELECT med_type FROM med_type_map_effective WHERE (visit_type, emergency, trauma) = ('inpatient', true, false)),
	'24', 'the DBA row overrides the builtin 21 for an emergency admission');
SELECT is((SELECT med_type FROM med_type_map_effective WHERE (visit_type, emergency, trauma) = ('inpatient', false, false)),
	'21', 'other keys keep their builtin code');
SELECT is((SELECT s.med_type FROM setlinfo s JOIN encounter e ON e.id = s.mdtrt_id
		WHERE s.setl_id BETWEEN 9301 AND 9316 AND (e.visit_type, e.emergency, e.trauma) = ('inpatient', true, false)),
	'24', 'setlinfo follows the override');
SELECT lives_ok($$INSERT INTO xdjy.med_type_map (visit_type, emergency, trauma, med_type, name_zh, priority)
	VALUES ('inpatient', true, false, '2401', '急诊转住院（省内）', 200)$$, 'a second DBA row at priority 200');
SELECT is((SELECT med_type FROM med_type_map_effective WHERE (visit_type, emergency, trauma) = ('inpatient', true, false)),
	'2401', 'priority 200 beats priority 100 beats builtin 0');
SELECT throws_ok($$INSERT INTO xdjy.med_type_map (visit_type, emergency, trauma, med_type, name_zh, priority)
	VALUES ('inpatient', true, false, '25', 'x', 200)$$, '23505', NULL,
	'two rows of one key and priority: 23505, so the winner is never a tie');
SELECT lives_ok($$UPDATE xdjy.med_type_map SET name_zh = '急诊转住院' WHERE med_type = '2401'$$,
	'a DBA row can be updated');
SELECT lives_ok($$DELETE FROM xdjy.med_type_map WHERE med_type = '2401'$$, 'a DBA row can be deleted');
SELECT is((SELECT med_type FROM med_type_map_effective WHERE (visit_type, emergency, trauma) = ('inpatient', true, false)),
	'24', 'after the delete the next priority is in effect');
SELECT lives_ok($$DELETE FROM xdjy.med_type_map WHERE NOT builtin$$, 'DELETE ... WHERE NOT builtin clears the DBA rows');
SELECT is((SELECT med_type FROM med_type_map_effective WHERE (visit_type, emergency, trauma) = ('inpatient', true, false)),
	'21', 'the builtin code is back');
SELECT throws_ok($$INSERT INTO xdjy.clr_type_map (visit_type, clr_type, name_zh, priority) VALUES ('pharmacy', '42', 'x', 0)$$,
	'23514', NULL, 'a DBA row at priority 0 (the builtin level): 23514');
SELECT throws_ok($$INSERT INTO xdjy.clr_type_map (visit_type, clr_type, name_zh, priority) VALUES ('pharmacy', '42', 'x', -1)$$,
	'23514', NULL, 'a DBA row below the builtin level: 23514');
SELECT throws_ok($$INSERT INTO xdjy.clr_type_map (visit_type, clr_type, name_zh) VALUES ('pharmacy', '4-2', 'x')$$,
	'23514', NULL, 'a code is 1–6 letters or digits: 23514');
SELECT lives_ok($$INSERT INTO xdjy.clr_type_map (visit_type, clr_type, name_zh) VALUES ('chronic_outpatient', '14', '门诊慢特病')$$,
	'a DBA clears chronic outpatient care as 14');
SELECT is((SELECT clr_type FROM setlinfo s JOIN encounter e ON e.id = s.mdtrt_id
		WHERE s.setl_id BETWEEN 9301 AND 9316 AND e.visit_type = 'chronic_outpatient' LIMIT 1),
	'14', 'setlinfo follows a clr_type override');
SELECT lives_ok($$INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh) VALUES ('resident', '391', '城乡居民（本地）')$$,
	'a DBA maps resident to a local 391');
SELECT is((SELECT insutype FROM setlinfo WHERE setl_id = 9103), '391', 'setlinfo follows an insutype override');

-- builtin rows are read-only outside CREATE/ALTER EXTENSION: YB701 ----------
SELECT throws_ok($$UPDATE xdjy.insutype_map SET insutype = '311' WHERE scheme = 'employee' AND builtin$$,
	'YB701', NULL, 'UPDATE of a builtin insutype row: YB701');
SELECT throws_ok($$DELETE FROM xdjy.insutype_map WHERE builtin$$, 'YB701', NULL, 'DELETE of builtin insutype rows: YB701');
SELECT throws_ok($$INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh, priority, builtin) VALUES ('employee', '311', 'x', 0, true)$$,
	'YB701', NULL, 'INSERT of a row claiming builtin: YB701');
SELECT throws_ok($$UPDATE xdjy.insutype_map SET builtin = true, priority = 0 WHERE insutype = '391'$$,
	'YB701', NULL, 'turning a DBA row builtin: YB701');
SELECT throws_ok($$UPDATE xdjy.med_type_map SET med_type = '99' WHERE builtin AND visit_type = 'pharmacy'$$,
	'YB701', NULL, 'UPDATE of builtin med_type rows: YB701');
SELECT throws_ok($$DELETE FROM xdjy.med_type_map WHERE builtin$$, 'YB701', NULL, 'DELETE of builtin med_type rows: YB701');
SELECT throws_ok($$UPDATE xdjy.clr_type_map SET clr_type = '99' WHERE builtin$$, 'YB701', NULL, 'UPDATE of builtin clr_type rows: YB701');
SELECT throws_ok($$DELETE FROM xdjy.clr_type_map WHERE builtin$$, 'YB701', NULL, 'DELETE of builtin clr_type rows: YB701');
SELECT throws_ok('TRUNCATE xdjy.insutype_map', 'YB701', NULL, 'TRUNCATE insutype_map: YB701');
SELECT throws_ok('TRUNCATE xdjy.med_type_map', 'YB701', NULL, 'TRUNCATE med_type_map: YB701');
SELECT throws_ok('TRUNCATE xdjy.clr_type_map', 'YB701', NULL, 'TRUNCATE clr_type_map: YB701');
SELECT is((SELECT count(*) FROM insutype_map WHERE builtin) + (SELECT count(*) FROM med_type_map WHERE builtin)
		+ (SELECT count(*) FROM clr_type_map WHERE builtin), 22::bigint, 'all 22 builtin rows are still there');

-- dumped: the DBA's rows, not the builtin ones
SELECT is((SELECT array_agg(c.relname || ' ' || x.cond ORDER BY c.relname)
		FROM pg_extension e, unnest(e.extconfig, e.extcondition) x(oid, cond)
		JOIN pg_class c ON c.oid = x.oid
		WHERE e.extname = 'xdjy' AND c.relname LIKE '%type_map'),
	ARRAY['clr_type_map WHERE NOT builtin', 'insutype_map WHERE NOT builtin', 'med_type_map WHERE NOT builtin'],
	'pg_dump keeps the DBA''s mapping rows (WHERE NOT builtin)');
SELECT is((SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		WHERE c.relname IN ('insutype_map', 'med_type_map', 'clr_type_map') AND NOT t.tgisinternal), 6::bigint,
	'each mapping table has its row guard and its TRUNCATE guard');

SELECT * FROM finish();
ROLLBACK;
