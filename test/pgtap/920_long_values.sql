-- Long values in messages: a caller's value that a message echoes (a
-- person id, an invoice number, a region code, a diagnosis, a label) is
-- printed up to 64 characters and then cut with a marker giving its full
-- length in bytes, on a character boundary, so a 1 MB argument makes a
-- message of a few hundred bytes that is still valid UTF-8.  Short values
-- are printed whole (the expected outputs of pg_regress show them).
BEGIN;
SELECT plan(20);
\ir include/settlement_data.sql
\ir include/helpers.sql

-- the whole error of each statement, kept for several assertions
CREATE TEMP TABLE lv920 (name text PRIMARY KEY, err text) ON COMMIT DROP;

-- a label type's input function (PostgreSQL's own types print the whole input)
INSERT INTO lv920 VALUES ('label ascii',
	pg_temp.error_of($$SELECT repeat('x', 1048576)::xdjy.residence_category$$));
SELECT is(split_part((SELECT err FROM lv920 WHERE name = 'label ascii'), ' | ', 1),
	'22P02: invalid input syntax for type residence_category: "' || repeat('x', 64) || '…(1048576 bytes)"',
	'a 1 MB label: 22P02 with its first 64 characters and the marker');
SELECT cmp_ok(length((SELECT err FROM lv920 WHERE name = 'label ascii')), '<', 1000,
	'the whole error of a 1 MB label stays short');

-- multibyte: 64 characters are cut, not 64 bytes, and never inside one
INSERT INTO lv920 VALUES ('label chinese',
	pg_temp.error_of($$SELECT repeat('有效', 100000)::xdjy.filing_status$$));
SELECT is(split_part((SELECT err FROM lv920 WHERE name = 'label chinese'), ' | ', 1),
	'22P02: invalid input syntax for type filing_status: "' || repeat('有效', 32) || '…(600000 bytes)"',
	'a Chinese label of 600000 bytes is cut after 64 characters (192 bytes)');
INSERT INTO lv920 VALUES ('label mixed',
	pg_temp.error_of($$SELECT ('a' || repeat('有', 100000))::xdjy.residence_category$$));
SELECT is(split_part((SELECT err FROM lv920 WHERE name = 'label mixed'), ' | ', 1),
	'22P02: invalid input syntax for type residence_category: "a' || repeat('有', 63) || '…(300001 bytes)"',
	'one ASCII byte ahead of the Chinese: the cut still falls between characters');
SELECT is(convert_from(convert_to(err, 'UTF8'), 'UTF8'), err,
	format('the cut %s message is valid UTF-8', name))
	FROM lv920 WHERE name IN ('label chinese', 'label mixed') ORDER BY name;

-- a filing for an unknown person
INSERT INTO lv920 VALUES ('filing person',
	pg_temp.error_of($$SELECT xdjy.file_long_term(repeat('p', 1048576), '110000', '2024-03-05', '2024-03-10')$$));
SELECT is(split_part((SELECT err FROM lv920 WHERE name = 'filing person'), ' | ', 2),
	'No row of xdjy.person has id "' || repeat('p', 64) || '…(1048576 bytes)".',
	'file_long_term with a 1 MB person id: the detail cuts it');
SELECT alike((SELECT err FROM lv920 WHERE name = 'filing person'), 'YB001: %',
	'file_long_term with a 1 MB person id: YB001');
SELECT cmp_ok(length((SELECT err FROM lv920 WHERE name = 'filing person')), '<', 1000,
	'file_long_term with a 1 MB person id: the whole error stays short');

-- filing_at for an unknown region
INSERT INTO lv920 VALUES ('filing_at region',
	pg_temp.error_of($$SELECT * FROM xdjy.filing_at('SETL-JN-E', repeat('9', 1048576), '2024-04-01')$$));
SELECT is(split_part((SELECT err FROM lv920 WHERE name = 'filing_at region'), ' | ', 2),
	'Region "' || repeat('9', 64) || '…(1048576 bytes)" is not in xdjy.region.',
	'filing_at with a 1 MB region: the detail cuts it');
SELECT alike((SELECT err FROM lv920 WHERE name = 'filing_at region'), 'YB001: %',
	'filing_at with a 1 MB region: YB001');
SELECT cmp_ok(length((SELECT err FROM lv920 WHERE name = 'filing_at region')), '<', 1000,
	'filing_at with a 1 MB region: the whole error stays short');

-- an encounter of an unknown person (checked by the encounter trigger,
-- before any constraint)
INSERT INTO lv920 VALUES ('encounter person',
	pg_temp.error_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
		VALUES (repeat('人', 400000), 'SETL-JN-H3', 'outpatient', '2024-05-01')$$));
SELECT alike((SELECT err FROM lv920 WHERE name = 'encounter person'),
	'YB001: % | Encounter % names person "' || repeat('人', 64) || '…(1200000 bytes)", who is not in xdjy.person. | %',
	'an encounter of a 1.2 MB Chinese person id: YB001, cut after 64 characters');

-- settlements: a 1 MB invoice number is refused by the invoice's CHECK
-- (PostgreSQL cuts each column of "Failing row contains" itself); a
-- reversal naming one is refused by the engine, which cuts it
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(957001, 'SETL-JN-E', 'SETL-JN-H3', 'inpatient', '2024-03-01', '2024-03-10');
INSERT INTO lv920 VALUES ('settle invoice',
	pg_temp.error_of($$SELECT xdjy.settle(957001, 100000, 0, repeat('9', 1048576), '2024-03-10')$$));
SELECT alike((SELECT err FROM lv920 WHERE name = 'settle invoice'), '23514: %',
	'settle with a 1 MB invoice number: 23514');
SELECT cmp_ok(length((SELECT err FROM lv920 WHERE name = 'settle invoice')), '<', 2000,
	'settle with a 1 MB invoice number: the whole error stays short');
SELECT lives_ok($$SELECT xdjy.settle(957001, 100000, 0, 'SETL-LV-1', '2024-03-10')$$,
	'fixture: the stay is settled with invoice SETL-LV-1');
INSERT INTO lv920 VALUES ('reversal invoice',
	pg_temp.error_of($$INSERT INTO xdjy.settlement (reverses, settled_on, invoice_no) VALUES
		((SELECT id FROM xdjy.settlement WHERE invoice_no = 'SETL-LV-1'), '2024-03-20', repeat('9', 1048576))$$));
SELECT alike((SELECT err FROM lv920 WHERE name = 'reversal invoice'),
	'YB315: % | The reversal of settlement % gives invoice ' || repeat('9', 64) || '…(1048576 bytes); the original has SETL-LV-1. | %',
	'a reversal naming a 1 MB invoice number: YB315, the invoice cut, the original''s whole');

-- a diagnosis (free text, often Chinese) that does not match the referral's
INSERT INTO referral (id, person_id, issued_by, issued_on, diagnosis, destination_region) VALUES
	(957100, 'SETL-JN-E', 'SETL-JN-H3', '2024-02-01', '急性心肌梗死', '110000');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(957002, 'SETL-JN-E', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-05');
INSERT INTO lv920 VALUES ('diagnosis',
	pg_temp.error_of($$SELECT xdjy.settle(957002, 10000, 0, 'SETL-LV-2', '2024-04-05', 'direct', false, 957100, repeat('心', 1000000))$$));
SELECT is(split_part((SELECT err FROM lv920 WHERE name = 'diagnosis'), ' | ', 2),
	'Referral 957100 is for diagnosis "急性心肌梗死"; the settlement gives "' || repeat('心', 64) || '…(3000000 bytes)".',
	'a 3 MB diagnosis: the referral''s own is printed whole, the given one cut');

-- try_settle keeps the message of a rejection in settlement_attempt: the
-- message carries no values, so it stays short whatever the arguments
SELECT is(xdjy.try_settle(957002, 10000, 0, 'SETL-LV-3', '2024-04-05', 'direct', false, 957100, repeat('心', 1000000)),
	NULL, 'try_settle with a 3 MB diagnosis records the rejection');
SELECT cmp_ok((SELECT max(length(message)) FROM settlement_attempt WHERE invoice_no = 'SETL-LV-3'), '<', 200,
	'the recorded message of that rejection is short');

SELECT * FROM finish();
ROLLBACK;
