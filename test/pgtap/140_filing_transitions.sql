-- F7, 济宁市医保局 异地就医十项便民措施 第四条(一) and 鲁医保发〔2022〕26号 第二条(一): a change closes the old filing (changed,
-- closed_on, replaced_by) and opens the new one from the change date;
-- status moves only out of active (filing_status_can_transition); closed
-- filings are the record and never change.  Everything through plain
-- UPDATE/INSERT, held to the same rules as the functions.
BEGIN;
SELECT plan(48);
SET LOCAL search_path = xdjy, public;
-- the replacement check fires at the end of each statement here
SET CONSTRAINTS xdjy.filing_replacement IMMEDIATE;

-- one filing per from-state: temporary filings of jinan-emp-1 (F6 does
-- not bind them, so every move out of active is lawful on any date)
CREATE TEMP TABLE st (state text PRIMARY KEY, id bigint) ON COMMIT DROP;
INSERT INTO st VALUES
	('active>active', file_temporary('jinan-emp-1', '110000', '2024-03-01', '2024-03-01')),
	('active>changed', file_temporary('jinan-emp-1', '310000', '2024-03-01', '2024-03-01')),
	('active>cancelled', file_temporary('jinan-emp-1', '440300', '2024-03-01', '2024-03-01')),
	('active>terminated', file_temporary('jinan-emp-1', '440100', '2024-03-01', '2024-03-01')),
	('changed', file_temporary('jinan-emp-2', '110000', '2024-03-01', '2024-03-01')),
	('cancelled', file_temporary('jinan-emp-2', '310000', '2024-03-01', '2024-03-01')),
	('terminated', file_temporary('jinan-emp-2', '440300', '2024-03-01', '2024-03-01'));
INSERT INTO st VALUES ('changed>new', change_filing((SELECT id FROM st WHERE state = 'changed'), '220100', '2024-04-01'));
SELECT cancel_filing((SELECT id FROM st WHERE state = 'cancelled'), '2024-04-01');
SELECT terminate_filing((SELECT id FROM st WHERE state = 'terminated'), '2024-04-01');
-- the row a plain UPDATE to changed names as its replacement
INSERT INTO st VALUES ('successor', file_temporary('jinan-emp-1', '220100', '2024-04-01', '2024-04-01'));

-- the full 4 × 4 matrix through UPDATE ------------------------------------
CREATE FUNCTION pg_temp.move(from_state text, to_status text) RETURNS text LANGUAGE sql AS $$
	SELECT format('UPDATE xdjy.filing SET status = %L, closed_on = %s, replaced_by = %s WHERE id = %s',
		to_status,
		CASE WHEN to_status = 'active' THEN 'closed_on' ELSE '''2024-04-01''' END,
		CASE WHEN to_status = 'changed' THEN (SELECT id FROM st WHERE state = 'successor')::text
		     WHEN to_status = 'active' THEN 'replaced_by' ELSE 'NULL' END,
		(SELECT id FROM st WHERE state = from_state)) $$;

SELECT lives_ok(pg_temp.move('active>active', 'active'), 'active → active: an UPDATE leaving it active is accepted (not a transition)');
SELECT lives_ok(pg_temp.move('active>changed', 'changed'), '济宁市医保局 异地就医十项便民措施 第四条(一): active → changed through UPDATE is accepted');
SELECT lives_ok(pg_temp.move('active>cancelled', 'cancelled'), '济宁市医保局 异地就医十项便民措施 第四条(一): active → cancelled through UPDATE is accepted');
SELECT lives_ok(pg_temp.move('active>terminated', 'terminated'), '鲁医保发〔2022〕26号 第二条(一): active → terminated through UPDATE is accepted');
SELECT throws_ok(pg_temp.move(f, t), 'YB108', NULL, format('F7: %s → %s through UPDATE is rejected (closed rows never change)', f, t))
FROM unnest(ARRAY['changed', 'cancelled', 'terminated']) f,
	unnest(ARRAY['active', 'changed', 'cancelled', 'terminated']) t
ORDER BY f, t;
SELECT results_eq(
	$$SELECT f::text, t::text, filing_status_can_transition(f, t)
	  FROM unnest('{active,changed,cancelled,terminated}'::filing_status[]) f,
	       unnest('{active,changed,cancelled,terminated}'::filing_status[]) t ORDER BY 1, 2$$,
	$$VALUES ('active', 'active', false), ('active', 'cancelled', true), ('active', 'changed', true),
	         ('active', 'terminated', true), ('cancelled', 'active', false), ('cancelled', 'cancelled', false),
	         ('cancelled', 'changed', false), ('cancelled', 'terminated', false), ('changed', 'active', false),
	         ('changed', 'cancelled', false), ('changed', 'changed', false), ('changed', 'terminated', false),
	         ('terminated', 'active', false), ('terminated', 'cancelled', false), ('terminated', 'changed', false),
	         ('terminated', 'terminated', false)$$,
	'the matrix the trigger applies is filing_status_can_transition (only out of active)');

-- closed rows are immutable, whatever the column -------------------------
SELECT throws_ok(format($$UPDATE filing SET proof = 'residence_permit' WHERE id = %s$$, (SELECT id FROM st WHERE state = 'changed')),
	'YB108', NULL, 'F7: a changed row is immutable (proof)');
SELECT throws_ok(format($$UPDATE filing SET closed_on = '2024-05-01' WHERE id = %s$$, (SELECT id FROM st WHERE state = 'cancelled')),
	'YB108', NULL, 'F7: a cancelled row is immutable (closed_on)');
SELECT throws_ok(format($$UPDATE filing SET id = id WHERE id = %s$$, (SELECT id FROM st WHERE state = 'cancelled')),
	'YB108', NULL, 'F7: even a no-op UPDATE of a closed row is rejected');
SELECT throws_ok(format($$UPDATE filing SET replaced_by = NULL WHERE id = %s$$, (SELECT id FROM st WHERE state = 'changed')),
	'YB108', NULL, 'F7: a changed row keeps its replacement');

-- an active row: what was filed is fixed, proof may be added --------------
SELECT throws_ok(format($$UPDATE filing SET %s WHERE id = %s$$, c, (SELECT id FROM st WHERE state = 'active>active')),
	'YB110', NULL, format('F7: "%s" of an active filing cannot change', split_part(c, ' ', 1)))
FROM unnest(ARRAY['destination_region = ''310000''', 'start_date = ''2024-02-01''', 'applied_on = ''2024-03-02''',
	'person_id = ''jinan-emp-3''', 'category = ''long_term_resident''', 'channel = ''fax''', 'pledge = true',
	'created_at = created_at - interval ''1 day''']) c;
SELECT lives_ok(format($$UPDATE filing SET proof = 'household_register' WHERE id = %s$$, (SELECT id FROM st WHERE state = 'active>active')),
	'鲁医保发〔2022〕26号 第二条(三): proof may be added to an active filing');

-- closing columns must fit the status --------------------------------------
SELECT throws_ok(format($$UPDATE filing SET status = 'cancelled' WHERE id = %s$$, (SELECT id FROM st WHERE state = 'active>active')),
	'YB111', NULL, 'F7: closing needs a closing date');
SELECT throws_ok(format($$UPDATE filing SET status = 'changed', closed_on = '2024-04-01' WHERE id = %s$$, (SELECT id FROM st WHERE state = 'active>active')),
	'YB111', NULL, 'F7: changed needs its replacement');
SELECT throws_ok(format($$UPDATE filing SET status = 'cancelled', closed_on = '2024-04-01', replaced_by = %s WHERE id = %s$$,
		(SELECT id FROM st WHERE state = 'successor'), (SELECT id FROM st WHERE state = 'active>active')),
	'YB111', NULL, 'F7: only a changed filing names a replacement');
SELECT throws_ok(format($$UPDATE filing SET closed_on = '2024-04-01' WHERE id = %s$$, (SELECT id FROM st WHERE state = 'active>active')),
	'YB111', NULL, 'F7: an active filing has no closing date');
SELECT throws_ok(format($$UPDATE filing SET status = 'terminated', closed_on = '2024-02-29' WHERE id = %s$$, (SELECT id FROM st WHERE state = 'active>active')),
	'YB112', NULL, 'a filing applied for on 2024-03-01 is not closed on 2024-02-29');
SELECT lives_ok(format($$UPDATE filing SET status = 'terminated', closed_on = '2024-03-01' WHERE id = %s$$, (SELECT id FROM st WHERE state = 'active>active')),
	'it may be closed on the day it was applied for');

-- replacement: the same person's filing from the change date --------------
SELECT lives_ok($$SELECT file_long_term('jinan-emp-3', '110000', '2024-03-01', '2024-03-01')$$, 'a long-term filing of jinan-emp-3');
SELECT throws_ok($$UPDATE filing SET status = 'changed', closed_on = '2024-04-01',
		replaced_by = (SELECT id FROM filing WHERE person_id = 'jinan-emp-2' AND status = 'active' AND destination_region = '220100')
	WHERE person_id = 'jinan-emp-3'$$,
	'YB113', NULL, 'F7: a replacement of another person is rejected');
SELECT throws_ok($$UPDATE filing SET status = 'changed', closed_on = '2024-04-01', replaced_by = id WHERE person_id = 'jinan-emp-3'$$,
	'YB113', NULL, 'F7: a filing does not replace itself');
SELECT throws_ok($$UPDATE filing SET status = 'changed', closed_on = '2024-04-01', replaced_by = 987654321 WHERE person_id = 'jinan-emp-3'$$,
	'YB113', NULL, 'F7: a replacement that never comes is rejected');
SELECT lives_ok($$WITH n AS (SELECT nextval(pg_get_serial_sequence('xdjy.filing', 'id')) AS id),
	u AS (UPDATE filing f SET status = 'changed', closed_on = '2024-04-01', replaced_by = n.id FROM n
	      WHERE f.person_id = 'jinan-emp-3' RETURNING n.id)
	INSERT INTO filing (id, person_id, destination_region, category, start_date, applied_on, pledge)
	SELECT u.id, 'jinan-emp-3', '310000', 'long_term_resident', '2024-04-01', '2024-04-01', true FROM u$$,
	'F7: a plain-SQL change (close and open in one statement) is accepted');

-- change_filing: old closed, new open, linked, in one statement ------------
SELECT lives_ok($$SELECT file_long_term('jinan-res-1', '110000', '2024-03-01', '2024-03-01')$$, 'a long-term filing of jinan-res-1');
INSERT INTO st SELECT 'res-1 new', change_filing((SELECT id FROM filing WHERE person_id = 'jinan-res-1'), '310000', '2024-05-01');
SELECT is((SELECT id FROM st WHERE state = 'res-1 new'),
	(SELECT id FROM filing WHERE person_id = 'jinan-res-1' AND destination_region = '310000'),
	'change_filing returns the new filing''s id');
SELECT results_eq(
	$$SELECT destination_region, status::text, start_date, applied_on, closed_on, replaced_by IS NOT NULL
	  FROM filing WHERE person_id = 'jinan-res-1' ORDER BY id$$,
	$$VALUES ('110000', 'changed', '2024-03-01'::date, '2024-03-01'::date, '2024-05-01'::date, true),
	         ('310000', 'active', '2024-05-01'::date, '2024-05-01'::date, NULL::date, false)$$,
	'济宁市医保局 异地就医十项便民措施 第四条(一): the old filing is changed on 2024-05-01, the new one starts that day');
SELECT is((SELECT replaced_by FROM filing WHERE person_id = 'jinan-res-1' AND status = 'changed'),
	(SELECT id FROM filing WHERE person_id = 'jinan-res-1' AND status = 'active'),
	'replaced_by links the old filing to the new one');
SELECT throws_ok($$SELECT change_filing((SELECT id FROM filing WHERE person_id = 'jinan-res-1' AND status = 'changed'), '440300', '2024-06-01')$$,
	'YB108', NULL, 'F7: a changed filing cannot be changed again');

-- a plain INSERT is held to the same rules ---------------------------------
SELECT throws_ok($$INSERT INTO filing (person_id, destination_region, category, status, start_date, applied_on, closed_on)
	VALUES ('jinan-res-2', '110000', 'temporary_outside', 'cancelled', '2024-03-01', '2024-03-01', '2024-03-02')$$,
	'YB109', NULL, 'F7: a filing is inserted active, never born closed');
SELECT throws_ok($$INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, closed_on)
	VALUES ('jinan-res-2', '110000', 'temporary_outside', '2024-03-01', '2024-03-01', '2024-03-02')$$,
	'YB111', NULL, 'F7: a new active filing has no closing date');

SELECT * FROM finish();
ROLLBACK;
