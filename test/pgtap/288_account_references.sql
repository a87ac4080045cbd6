-- The parent side of the references of the issue's tables
-- (src/reference_check.c, reference_parent_trigger): a person, settlement,
-- institution or region that a personal account, a movement, an attribute,
-- a referral qualification or a province setting refers to is neither
-- deleted nor given another key while referred to (23503, NO ACTION, as a
-- foreign key); once nothing refers to it, it goes.  And every reference
-- the children check has its parent-side check.
BEGIN;
SELECT plan(18);
\ir include/settlement_data.sql
\ir include/helpers.sql

INSERT INTO person (id, name, insured_region, scheme) VALUES
	('SETL-RF1', '账户', '370100', 'employee'),
	('SETL-RF2', '属性', '370100', 'employee'),
	('SETL-RF3', '无', '370100', 'employee');
INSERT INTO personal_account_movement (person_id, kind, amount_fen, moved_on)
	VALUES ('SETL-RF1', 'credit', 10000, '2024-03-01');
INSERT INTO person_attribute (person_id, kind, valid) VALUES ('SETL-RF2', 'special_disease', '[2024-03-01,)');

-- person: its account and movements, its attributes
SELECT throws_ok($$DELETE FROM person WHERE id = 'SETL-RF1'$$, '23503', NULL,
	'a person with a personal account and movements is not deleted');
SELECT alike(pg_temp.error_of($$DELETE FROM person WHERE id = 'SETL-RF1'$$), '%personal_account%',
	'the error names the referring table');
SELECT throws_ok($$UPDATE person SET id = 'SETL-RF1x' WHERE id = 'SETL-RF1'$$, '23503', NULL,
	'nor is its key changed');
SELECT throws_ok($$DELETE FROM person WHERE id = 'SETL-RF2'$$, '23503', NULL,
	'a person with an attribute row is not deleted');
SELECT lives_ok($$DELETE FROM person WHERE id = 'SETL-RF3'$$, 'a person nothing refers to is deleted');
DELETE FROM person_attribute WHERE person_id = 'SETL-RF2';
SELECT lives_ok($$DELETE FROM person WHERE id = 'SETL-RF2'$$, 'once its attribute row is gone, the person goes');

-- settlement: the movement of a settlement that paid from the account.
-- Settlements are final (settlement_immutable, YB3xx) before any reference
-- speaks; with that rule out of the way, the reference still holds.
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on)
	VALUES (964001, 'SETL-RF1', 'SETL-JN-H3', 'outpatient', '2024-03-02');
SELECT is((SELECT acct_pay_fen FROM xdjy.settle(964001, 10000, 0, 'SETL-RF-1', '2024-03-02', acct_used => true)),
	4000::bigint, 'a settlement pays 4000 fen from the account');
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE settlement DISABLE TRIGGER settlement_immutable;
SELECT throws_ok($$DELETE FROM settlement WHERE invoice_no = 'SETL-RF-1'$$, '23503', NULL,
	'a settlement whose account debit is in the ledger is not deleted');
SELECT alike(pg_temp.error_of($$DELETE FROM settlement WHERE invoice_no = 'SETL-RF-1'$$), '%personal_account_movement%',
	'the error names the movement table');
ALTER TABLE settlement ENABLE TRIGGER settlement_immutable;

-- institution: its referral qualification
INSERT INTO institution (code, name_zh, region_code, tier, specialty, kind, ownership,
		networked_inpatient, networked_outpatient, networked_chronic)
	VALUES ('SETL-RF-H', '转诊资格医院', '370102', 3, false, 'hospital', 'public', true, true, true);
INSERT INTO referral_qualification (institution_code, valid) VALUES ('SETL-RF-H', '[2024-01-01,)');
SELECT throws_ok($$DELETE FROM institution WHERE code = 'SETL-RF-H'$$, '23503', NULL,
	'an institution with a referral qualification is not deleted');
SELECT throws_ok($$UPDATE institution SET code = 'SETL-RF-H2' WHERE code = 'SETL-RF-H'$$, '23503', NULL,
	'nor is its code changed');
DELETE FROM referral_qualification WHERE institution_code = 'SETL-RF-H';
SELECT lives_ok($$DELETE FROM institution WHERE code = 'SETL-RF-H'$$, 'once unqualified, it is deleted');

-- region: the province settings
INSERT INTO region (code, name_zh, level) VALUES ('980000', '测试省', 'province');
INSERT INTO account_cross_province (province, valid, source) VALUES ('980000', '[2024-01-01,)', 'test');
SELECT throws_ok($$DELETE FROM region WHERE code = '980000'$$, '23503', NULL,
	'a province with a cross-province account setting is not deleted');
DELETE FROM account_cross_province WHERE province = '980000';
INSERT INTO former_rural_ratio (province, valid, ratio_bp, source) VALUES ('980000', '[2024-01-01,)', 8500, 'test');
SELECT throws_ok($$DELETE FROM region WHERE code = '980000'$$, '23503', NULL,
	'a province with a former rural ratio is not deleted');
DELETE FROM former_rural_ratio WHERE province = '980000';
INSERT INTO former_rural_special_drug (province, valid, tier, source) VALUES ('980000', '[2024-01-01,)', 2, 'test');
SELECT throws_ok($$DELETE FROM region WHERE code = '980000'$$, '23503', NULL,
	'a province with a former rural special-drug setting is not deleted');
DELETE FROM former_rural_special_drug WHERE province = '980000';
SELECT lives_ok($$DELETE FROM region WHERE code = '980000'$$, 'without them, the province goes');

-- every reference a child trigger checks, a parent trigger checks too, and
-- the other way round: the issue's tables first, then all of xdjy's
CREATE TEMP VIEW refs AS
	WITH args AS (
		SELECT t.tgrelid::regclass::text AS tbl, p.proname,
			string_to_array(regexp_replace(encode(t.tgargs, 'escape'), '\\000$', ''), '\000') AS a
		FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
		WHERE p.proname IN ('reference_child_trigger', 'reference_parent_trigger') AND t.tgnargs > 0
	)
	SELECT proname, a[4 * i + 1] AS fkey,
		CASE WHEN proname = 'reference_child_trigger' THEN replace(tbl, 'xdjy.', '') ELSE a[4 * i + 3] END AS child
	FROM args, generate_series(0, array_length(a, 1) / 4 - 1) i;
SELECT is((SELECT string_agg(c.fkey, ', ' ORDER BY c.fkey) FROM refs c
	WHERE c.proname = 'reference_child_trigger'
		AND c.child IN ('personal_account', 'personal_account_movement', 'person_attribute', 'referral_qualification',
			'account_cross_province', 'former_rural_ratio', 'former_rural_special_drug')
		AND NOT EXISTS (SELECT FROM refs p WHERE p.proname = 'reference_parent_trigger' AND p.fkey = c.fkey)),
	NULL, 'every reference of the issue''s tables is checked on the parent side too');
SELECT is((SELECT string_agg(DISTINCT c.proname || ': ' || c.fkey, ', ') FROM refs c
	WHERE NOT EXISTS (SELECT FROM refs p WHERE p.proname <> c.proname AND p.fkey = c.fkey)),
	NULL, 'every reference of xdjy''s tables has both sides: the child''s check and the parent''s');

SELECT * FROM finish();
ROLLBACK;
