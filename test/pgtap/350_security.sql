-- Roles and row-level security: the privilege matrix of every
-- role on every table and view for every action, then what an operator of
-- Jinan (370100) can read and write: nothing of Weihai (371000) or of
-- anybody else (0 leaks), and the same for Weihai, a provincial operator,
-- an operator without regions, the analyst and the admin.
-- Data: include/reporting_data.sql plus Weihai-only rows (person RPT-P-WH2).
BEGIN;
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql

-- privilege matrix: S(elect) I(nsert) U(pdate) D(elete) T(runcate), '-'
-- where not granted; c: columns only (the analyst reads what views read)
CREATE TEMP TABLE matrix (object text, admin text, operator text, analyst text) ON COMMIT DROP;
INSERT INTO matrix VALUES
	('region',                   'SIUD-', 'S----', 'S----'),
	('institution',              'SIUD-', 'S----', 'S----'),
	('channel',                  'SIUD-', 'S----', 'S----'),
	('holiday',                  'SIUD-', 'S----', 'S----'),
	('policy_document',          'SIUD-', 'S----', 'S----'),
	('provincial_clearing',      'SIUD-', 'S----', 'S----'),
	('error_code',               'S----', 'S----', 'S----'),
	('person',                   'SIUD-', 'S----', 'c----'),
	('operator_region',          'SIUD-', 'S----', '-----'),
	('filing',                   'S----', 'SIU--', '-----'),
	('encounter',                'S----', 'SIUD-', 'c----'),
	('settlement',               'S----', 'SI---', 'c----'),
	('settlement_attempt',       'S----', 'S----', 'c----'),
	('manual_claim',             'S----', 'SIU--', 'c----'),
	('party_report',             'SIUD-', 'SI---', 'c----'),
	('detail_upload',            'SIUD-', 'SIU--', 'c----'),
	('clearing_confirmation',    'SIUD-', 'SIU--', 'c----'),
	('clearing_declaration',     'SIUD-', 'SIU--', 'c----'),
	('clearing_transfer',        'SIUD-', 'SIU--', 'c----'),
	('reconciliation_day',       'SIUD-', '-----', 'S----'),
	('med_list',                 'SIUD-', 'S----', 'S----'),
	('fee_detail',               'S----', 'SI-D-', 'c----'),
	('fee_detail_revoked',       'S----', 'S----', '-----'),
	('fee_lines_required',       'SIUD-', 'S----', 'S----'),
	('fee_detail_result',        'S----', 'S----', '-----'),
	('filing_history',           'S----', 'S----', '-----'),
	('institution_choice',       'S----', 'SIU--', '-----'),
	('filing_exemption',         'SIUD-', 'S----', '-----'),
	('institution_choice_rule',  'SIUD-', 'S----', '-----'),
	('insutype_map',             'SIUD-', 'S----', '-----'),
	('med_type_map',             'SIUD-', 'S----', '-----'),
	('clr_type_map',             'SIUD-', 'S----', '-----'),
	('stmt_detail_upload',       'SI-D-', 'SI---', '-----'),
	('clearing_detail_confirmation', 'SI---', 'SI---', 'c----'),
	('insutype_map_effective',   'S----', 'S----', '-----'),
	('med_type_map_effective',   'S----', 'S----', '-----'),
	('clr_type_map_effective',   'S----', 'S----', '-----'),
	('setlinfo',                 'S----', 'S----', '-----'),
	('clearing_detail',          'S----', 'S----', '-----'),
	('clearing_confirmation_monthly', 'S----', 'S----', '-----'),
	('remote_direct_settlement', 'S----', 'S----', 'S----'),
	('reconciliation_mismatch',  'S----', 'S----', 'S----'),
	('reconciliation_monthly',   'S----', 'S----', 'S----'),
	('detail_upload_overdue',    'S----', 'S----', 'S----'),
	('clearing_monthly',         'S----', 'S----', 'S----'),
	('kpi_monthly',              'S----', 'S----', 'S----'),
	('coverage_gap',             'S----', 'S----', 'S----'),
	('manual_claim_due',         'S----', 'S----', 'S----'),
	('policy',                   'SIUD-', 'S----', '-----'),
	('first_selfpay_ceiling',    'SIUD-', 'S----', '-----'),
	('ratio_adjustment',         'SIUD-', 'S----', '-----'),
	('home_benefit_kept',        'SIUD-', 'S----', '-----'),
	('referral',                 'S----', 'SI---', '-----'),
	('ledger',                   'S----', 'S----', '-----'),
	-- issue 18: the message log (written by call() alone) and its KPI
	('transaction_log',          'S----', 'S----', 'c----'),
	('interface_kpi_monthly',    'S----', 'S----', 'S----'),
	-- issue 16: personal accounts, referral qualification
	('personal_account',         'S----', 'S----', '-----'),
	('personal_account_movement', 'S----', 'SI---', '-----'),
	('account_cross_province',   'SIUD-', 'S----', '-----'),
	('referral_qualification',   'SIUD-', 'S----', '-----'),
	('person_attribute',         'S----', 'SIUD-', '-----'),
	('former_rural_ratio',       'SIUD-', 'S----', '-----'),
	('former_rural_special_drug', 'SIUD-', 'S----', '-----'),
	-- issue 19: nodes
	('node',                     'S----', 'S----', 'S----'),
	('node_sequence',            'S----', '-----', '-----'),
	('node_conflict',            'S--D-', '-----', '-----');
SELECT plan((SELECT 3 * count(*)::integer FROM matrix) + 89);

CREATE FUNCTION pg_temp.privs(r text, o text) RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN has_table_privilege(r, 'xdjy.' || o, 'SELECT') THEN 'S'
	            WHEN has_any_column_privilege(r, 'xdjy.' || o, 'SELECT') THEN 'c' ELSE '-' END
	    || CASE WHEN has_table_privilege(r, 'xdjy.' || o, 'INSERT') THEN 'I' ELSE '-' END
	    || CASE WHEN has_table_privilege(r, 'xdjy.' || o, 'UPDATE') THEN 'U' ELSE '-' END
	    || CASE WHEN has_table_privilege(r, 'xdjy.' || o, 'DELETE') THEN 'D' ELSE '-' END
	    || CASE WHEN has_table_privilege(r, 'xdjy.' || o, 'TRUNCATE')
	              OR has_table_privilege(r, 'xdjy.' || o, 'REFERENCES')
	              OR has_table_privilege(r, 'xdjy.' || o, 'TRIGGER') THEN 'T' ELSE '-' END
$$;

SELECT is(pg_temp.privs('xdjy_' || r, m.object), CASE r WHEN 'admin' THEN m.admin WHEN 'operator' THEN m.operator ELSE m.analyst END,
          format('xdjy_%s on %s', r, m.object))
FROM matrix m CROSS JOIN unnest('{admin,operator,analyst}'::text[]) r
ORDER BY m.object, r;

SELECT is((SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'xdjy' AND c.relkind IN ('r', 'v', 'p')
             AND c.relname NOT IN (SELECT object FROM matrix)
             AND (has_table_privilege('xdjy_admin', c.oid, 'SELECT') OR has_table_privilege('xdjy_operator', c.oid, 'SELECT')
               OR has_any_column_privilege('xdjy_analyst', c.oid, 'SELECT'))), 0::bigint,
          'no other table or view of the extension is granted to the three roles without being in this matrix');
SELECT ok(NOT has_column_privilege('xdjy_analyst', 'xdjy.person', 'name', 'SELECT')
          AND NOT has_column_privilege('xdjy_analyst', 'xdjy.settlement', 'invoice_no', 'SELECT')
          AND NOT has_column_privilege('xdjy_analyst', 'xdjy.settlement', 'person_id', 'SELECT'),
          'the analyst cannot read names, invoice numbers or person ids of settlements');
SELECT ok(NOT pg_has_role('xdjy_analyst', 'xdjy_operator', 'MEMBER') AND NOT pg_has_role('xdjy_operator', 'xdjy_admin', 'MEMBER')
          AND NOT (SELECT rolcanlogin OR rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = 'xdjy_admin')
          AND NOT (SELECT rolcanlogin OR rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = 'xdjy_operator')
          AND NOT (SELECT rolcanlogin OR rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = 'xdjy_analyst'),
          'the three roles are NOLOGIN, not superuser, not BYPASSRLS, not members of each other');
SELECT is((SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'xdjy' AND c.relname IN ('person', 'filing', 'encounter', 'settlement', 'settlement_attempt',
             'manual_claim', 'party_report', 'detail_upload', 'clearing_confirmation', 'clearing_declaration',
             'clearing_transfer', 'operator_region', 'filing_history', 'institution_choice',
             'stmt_detail_upload', 'clearing_detail_confirmation', 'referral', 'ledger')
             AND c.relrowsecurity AND c.relforcerowsecurity),
          18::bigint, 'row-level security enabled and forced on the eighteen tables operators work on');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'xdjy' AND c.relkind = 'r' AND NOT c.relrowsecurity
             AND has_table_privilege('xdjy_operator', c.oid, 'INSERT')), NULL,
          'every table an operator may write is under row-level security');

-- rows written below take ids from the identity sequences: keep those past
-- the fixture's explicit ids, whatever earlier test files consumed
SELECT pg_catalog.setval(pg_catalog.format('xdjy.%I', sequencename)::regclass, 10000000, false)
FROM pg_sequences WHERE schemaname = 'xdjy' AND coalesce(last_value, 0) < 10000000
  AND sequencename IN ('encounter_id_seq', 'settlement_id_seq', 'filing_id_seq', 'manual_claim_id_seq') \g /dev/null

-- Weihai-only rows (a Weihai insured treated in Weihai) ----------------------
SET LOCAL session_replication_role = replica;
INSERT INTO person VALUES ('RPT-P-WH2', '威海参保人二', '371000', 'employee');
INSERT INTO filing (id, person_id, destination_region, category, start_date, applied_on)
VALUES (6901, 'RPT-P-WH2', '110000', 'temporary_outside', '2024-10-01', '2024-10-01'),
       (6902, 'RPT-P-JN1', '371000', 'long_term_resident', '2024-10-01', '2024-10-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (6901, 'RPT-P-WH2', 'RPT-WH-H1', 'inpatient', '2024-10-20', '2024-10-25');
INSERT INTO settlement (id, encounter_id, settled_on, mode, invoice_no, total_fen, person_id, institution_code,
	insured_region, treatment_region, scope, category, fund_fen, personal_fen)
VALUES (6901, 6901, '2024-10-25', 'direct', 'RPT-INV-6901', 10000, 'RPT-P-WH2', 'RPT-WH-H1', '371000', '371000', 'local', 'local', 8000, 2000);
INSERT INTO settlement_attempt (attempted_on, encounter_id, mode, sqlstate, message)
VALUES ('2024-10-25', 6901, 'direct', 'YB301', 'Weihai failure');
INSERT INTO manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on) VALUES (6901, 6901, 'RPT-INV-6901B', 100, '2024-10-26');
INSERT INTO party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('treatment', 6901, '2024-10-25', 1, 1, 0);
INSERT INTO detail_upload VALUES (6901, '2024-10-26');
INSERT INTO clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-09-01', '371000', '2024-11-01', 56000);
SET LOCAL session_replication_role = DEFAULT;

CREATE ROLE jinan_operator NOLOGIN IN ROLE xdjy_operator;
CREATE ROLE weihai_operator NOLOGIN IN ROLE xdjy_operator;
CREATE ROLE shandong_operator NOLOGIN IN ROLE xdjy_operator;
CREATE ROLE regionless_operator NOLOGIN IN ROLE xdjy_operator;
CREATE ROLE plain_analyst NOLOGIN IN ROLE xdjy_analyst;
CREATE ROLE plain_admin NOLOGIN IN ROLE xdjy_admin;
CREATE ROLE ghost_operator NOLOGIN;
INSERT INTO operator_region VALUES ('jinan_operator', '370100'), ('weihai_operator', '371000'), ('shandong_operator', '370000'),
	('ghost_operator', '371000');
-- a role dropped after its grant: the drop is not blocked, the row stays
DROP ROLE ghost_operator;

-- what each operator must see, computed as the owner --------------------------
-- (a plain view runs with its owner's rights: it sees every row)
CREATE TEMP VIEW expect (who, tbl, id) AS
SELECT o.who, 'settlement', s.id::text FROM settlement s, (VALUES ('jinan', '{370100}'::text[]), ('weihai', '{371000}'), ('shandong', '{370100,370800,371000}')) o(who, regions)
WHERE s.insured_region = ANY (o.regions) OR s.treatment_region = ANY (o.regions)
UNION ALL
SELECT o.who, 'encounter', e.id::text FROM encounter e JOIN person p ON p.id = e.person_id JOIN institution i ON i.code = e.institution_code,
	(VALUES ('jinan', '{370100}'::text[]), ('weihai', '{371000}'), ('shandong', '{370100,370800,371000}')) o(who, regions)
WHERE p.insured_region = ANY (o.regions) OR pooling_region(i.region_code) = ANY (o.regions)
UNION ALL
SELECT o.who, 'person', p.id FROM person p, (VALUES ('jinan', '{370100}'::text[]), ('weihai', '{371000}'), ('shandong', '{370100,370800,371000}')) o(who, regions)
WHERE p.insured_region = ANY (o.regions)
UNION ALL
SELECT o.who, 'filing', f.id::text FROM filing f JOIN person p ON p.id = f.person_id,
	(VALUES ('jinan', '{370100}'::text[]), ('weihai', '{371000}'), ('shandong', '{370100,370800,371000}')) o(who, regions)
WHERE p.insured_region = ANY (o.regions) OR f.destination_region = ANY (o.regions);
CREATE TEMP VIEW everything AS SELECT (SELECT count(*) FROM xdjy.settlement) AS settlements;
GRANT SELECT ON expect, everything TO PUBLIC;
-- rows an UPDATE touched, run as the current role
CREATE FUNCTION pg_temp.affected(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
	EXECUTE q;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- the Jinan operator --------------------------------------------------------------
-- (replica: the rule triggers stay out of the way, row-level security does not)
SET LOCAL session_replication_role = replica;
SET LOCAL ROLE jinan_operator;
SELECT set_eq($$SELECT id::text FROM xdjy.settlement$$, $$SELECT id FROM expect WHERE who = 'jinan' AND tbl = 'settlement'$$,
              'Jinan operator reads exactly the settlements of Jinan insured or treated in Jinan');
SELECT is((SELECT count(*) FROM settlement WHERE '370100' NOT IN (insured_region, treatment_region)), 0::bigint,
          'Jinan operator: 0 settlements of other regions leak (6004 Jilin/Beijing, 6006 Beijing/Weihai, 6901 Weihai)');
SELECT set_eq($$SELECT id::text FROM xdjy.encounter$$, $$SELECT id FROM expect WHERE who = 'jinan' AND tbl = 'encounter'$$,
              'Jinan operator reads exactly the encounters of Jinan insured or at Jinan institutions');
SELECT set_eq($$SELECT id FROM xdjy.person$$, $$SELECT id FROM expect WHERE who = 'jinan' AND tbl = 'person'$$,
              'Jinan operator reads the persons insured in Jinan, no one else');
SELECT set_eq($$SELECT id::text FROM xdjy.filing$$, $$SELECT id FROM expect WHERE who = 'jinan' AND tbl = 'filing'$$,
              'Jinan operator reads the filings of Jinan insured and those to Jinan');
SELECT is((SELECT count(*) FROM settlement_attempt WHERE encounter_id = 6901), 0::bigint, 'Jinan operator: no Weihai attempt');
SELECT is((SELECT count(*) FROM manual_claim WHERE id = 6901), 0::bigint, 'Jinan operator: no Weihai manual claim');
SELECT is((SELECT count(*) FROM party_report WHERE settlement_id IN (6901, 6006, 6004, 999000001)), 0::bigint,
          'Jinan operator: no reports of settlements it cannot see, nor of unknown settlements');
SELECT is((SELECT count(*) FROM detail_upload WHERE settlement_id = 6901), 0::bigint, 'Jinan operator: no Weihai upload');
SELECT is((SELECT count(*) FROM clearing_confirmation WHERE institution_code <> 'RPT-JN-H1' AND institution_code LIKE 'RPT-%'), 0::bigint,
          'Jinan operator: no confirmations of Weihai institutions');
SELECT is((SELECT count(*) FROM clearing_transfer WHERE region_code <> '370100'), 0::bigint, 'Jinan operator: no Weihai transfer up');
SELECT results_eq($$SELECT role::text COLLATE "default", region_code FROM xdjy.operator_region$$, $$VALUES ('jinan_operator'::text, '370100'::text)$$,
                  'Jinan operator sees its own grant only');
SELECT set_eq($$SELECT DISTINCT settlement_id FROM xdjy.reconciliation_mismatch$$, $$VALUES (6003::bigint)$$,
              'through the views too: the Jinan operator''s reconciliation lists 6003 only (not 6006, not the unknown settlement)');
SELECT results_eq(
	$$SELECT month, fund_fen, confirmed_on FROM xdjy.clearing_monthly_as_of('2024-12-31') WHERE code = 'RPT-WH-H1'$$,
	$$VALUES ('2024-08-01'::date, 30000::bigint, NULL::date), ('2024-09-01', 70000, NULL), ('2024-11-01', 2000, NULL)$$,
	'the Jinan operator''s clearing shows a Weihai institution only with what Jinan insured spent there (not October''s Beijing insured), without Weihai''s confirmations');

-- writes on Weihai rows: refused or invisible
SELECT throws_ok($$INSERT INTO xdjy.settlement (encounter_id, settled_on, mode, invoice_no, total_fen, insured_region, treatment_region, fund_fen, personal_fen)
                   VALUES (6901, '2024-10-26', 'direct', 'RPT-X-1', 100, '371000', '371000', 50, 50)$$, '42501', NULL,
                 'Jinan operator cannot write a Weihai settlement');
SELECT throws_ok($$INSERT INTO xdjy.settlement (encounter_id, settled_on, mode, invoice_no, total_fen, insured_region, treatment_region, fund_fen, personal_fen)
                   VALUES (6001, '2024-10-26', 'direct', 'RPT-X-2', 100, '370100', '371000', 50, 50)$$, '42501', NULL,
                 'nor a direct settlement of a Jinan insured treated in Weihai: direct settlements are the treatment place''s');
SELECT lives_ok($$INSERT INTO xdjy.settlement (encounter_id, settled_on, mode, invoice_no, total_fen, insured_region, treatment_region, fund_fen, personal_fen)
                  VALUES (6001, '2024-10-26', 'manual', 'RPT-X-3', 100, '370100', '371000', 50, 50)$$,
                'but the manual reimbursement of it is the insured place''s: allowed');
SELECT lives_ok($$INSERT INTO xdjy.settlement (encounter_id, settled_on, mode, invoice_no, total_fen, insured_region, treatment_region, fund_fen, personal_fen)
                  VALUES (6003, '2024-10-26', 'direct', 'RPT-X-4', 100, '371000', '370100', 50, 50)$$,
                'and a direct settlement in Jinan of a Weihai insured is Jinan''s: allowed');
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('RPT-P-WH2', 'RPT-WH-H1', 'outpatient', '2024-11-01')$$,
                 '42501', NULL, 'Jinan operator cannot register a Weihai encounter');
SELECT lives_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('RPT-P-WH2', 'RPT-JN-H1', 'outpatient', '2024-11-01')$$,
                'a Weihai insured at a Jinan institution: allowed');
SELECT throws_ok($$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on) VALUES ('RPT-P-WH2', '370100', 'temporary_outside', '2024-11-01', '2024-11-01')$$,
                 '42501', NULL, 'Jinan operator cannot file a Weihai insured, not even to Jinan (filing is the insured place''s, 鲁医保发〔2022〕26号 第三条(三))');
SELECT lives_ok($$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on) VALUES ('RPT-P-JN1', '110000', 'temporary_outside', '2024-11-01', '2024-11-01')$$,
                'Jinan operator files a Jinan insured to Beijing');
SELECT is(pg_temp.affected($q$UPDATE xdjy.filing SET closed_on = '2024-11-02' WHERE id = 6901$q$), 0::bigint,
          'an UPDATE of a Weihai filing touches nothing');
SELECT is(pg_temp.affected($q$UPDATE xdjy.filing SET closed_on = '2024-11-02' WHERE id = 6902$q$), 1::bigint,
          'a Jinan insured''s filing to Weihai is Jinan''s to update');
SELECT throws_ok($$UPDATE xdjy.filing SET person_id = 'RPT-P-WH2' WHERE id = 6902$$, '42501', NULL,
                 'an UPDATE cannot move a filing out of the operator''s regions (WITH CHECK)');
SELECT throws_ok($$INSERT INTO xdjy.operator_region VALUES ('jinan_operator', '371000')$$, '42501', NULL,
                 'an operator cannot grant itself Weihai');
SELECT throws_ok($$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', 6901, '2024-10-26', 1, 1, 0)$$,
                 '42501', NULL, 'nor report a Weihai settlement');
SELECT throws_ok($$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', 999000002, '2024-10-26', 1, 1, 0)$$,
                 '42501', NULL, 'nor a settlement nobody knows (the admin imports those)');
SELECT throws_ok($$INSERT INTO xdjy.detail_upload VALUES (6001, '2024-10-02')$$, '42501', NULL,
                 'the upload of a settlement treated in Weihai is Weihai''s (鲁医保发〔2022〕26号 第三条(四)), even for a Jinan insured');
SELECT throws_ok($$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-10-01', 'RPT-WH-H1', '2024-11-05', 1)$$,
                 '42501', NULL, 'nor confirm clearing with a Weihai institution');
SELECT lives_ok($$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-10-01', 'RPT-JN-H1', '2024-11-05', 56000)$$,
                'confirming with a Jinan institution: allowed');
SELECT throws_ok($$SELECT xdjy.clearing_confirm(6001, '1', '2024-10-18')$$, '42501', NULL,
                 '3261 for a row of a Weihai institution is Weihai''s, even for a Jinan insured''s settlement');
SELECT is((SELECT count(*) FROM clearing_detail), (SELECT count(*) FROM settlement WHERE mode = 'direct' AND scope <> 'local'),
          'the national clearing detail shows the operator''s rows only');
SELECT throws_ok($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-10-01', '371000', '2024-11-05', 1)$$,
                 '42501', NULL, 'nor transfer up for Weihai');
SELECT is(pg_temp.affected($q$UPDATE xdjy.clearing_transfer SET fund_fen = 0 WHERE region_code = '371000'$q$), 0::bigint,
          'an UPDATE of Weihai''s transfer touches nothing');
SELECT is(pg_temp.affected($q$UPDATE xdjy.manual_claim SET decided_on = '2024-11-01' WHERE id = 6901$q$), 0::bigint,
          'an UPDATE of a Weihai manual claim touches nothing');
SELECT is(pg_temp.affected($q$UPDATE xdjy.encounter SET discharged_on = '2024-10-26' WHERE id = 6901$q$), 0::bigint,
          'an UPDATE of a Weihai encounter touches nothing');
SELECT throws_ok($$DELETE FROM xdjy.settlement WHERE id = 6901$$, '42501', NULL, 'no operator deletes settlements');
SELECT throws_ok($$UPDATE xdjy.settlement SET total_fen = 0 WHERE id = 6002$$, '42501', NULL, 'nor updates them, even its own');
SELECT throws_ok($$INSERT INTO xdjy.holiday VALUES ('2027-01-01', false, 'x', false)$$, '42501', NULL, 'the calendar is the admin''s');
SELECT throws_ok($$INSERT INTO xdjy.person VALUES ('RPT-P-X', 'x', '370100', 'employee')$$, '42501', NULL, 'the person register is the admin''s');
RESET ROLE;
SET LOCAL session_replication_role = DEFAULT;
SELECT is((SELECT count(*) FROM settlement WHERE invoice_no LIKE 'RPT-X-%'), 2::bigint, 'exactly the two allowed settlements were written');

-- the Weihai operator: the mirror image ------------------------------------------
SET LOCAL ROLE weihai_operator;
SELECT set_eq($$SELECT id::text FROM xdjy.settlement$$, $$SELECT id FROM expect WHERE who = 'weihai' AND tbl = 'settlement'$$,
              'Weihai operator reads exactly the settlements of Weihai insured or treated in Weihai');
SELECT is((SELECT count(*) FROM settlement WHERE '371000' NOT IN (insured_region, treatment_region)), 0::bigint,
          'Weihai operator: 0 Jinan-only settlements leak (6002, 6007, 6008, 6011)');
SELECT set_eq($$SELECT id::text FROM xdjy.encounter$$, $$SELECT id FROM expect WHERE who = 'weihai' AND tbl = 'encounter'$$,
              'Weihai operator reads the encounters of Weihai insured or at Weihai institutions');
SELECT set_eq($$SELECT DISTINCT settlement_id FROM xdjy.reconciliation_mismatch$$, $$VALUES (6003::bigint), (6006)$$,
              'Weihai operator''s reconciliation: 6003 (its insured) and 6006 (treated in Weihai)');
SELECT lives_ok($$SELECT xdjy.clearing_confirm(6001, '1', '2024-10-18')$$,
                 '3261 for a row of a Weihai institution by Weihai: the confirmation rule (run as the owner) locks a settlement row Weihai may not update');
SELECT results_eq($$SELECT recorded_by FROM xdjy.clearing_detail_confirmation WHERE setl_sn = 6001$$, $$VALUES ('weihai_operator'::text)$$,
                  'and the log records Weihai''s operator');
SELECT throws_ok($$UPDATE xdjy.encounter SET institution_code = 'RPT-JN-H1', person_id = 'RPT-P-JN1' WHERE id = 6901$$, 'YB005', NULL,
                 'an UPDATE cannot move an encounter to Jinan (WITH CHECK, a coded error first)');
SELECT set_eq($$SELECT id::text FROM xdjy.person$$, $$SELECT id FROM expect WHERE who = 'weihai' AND tbl = 'person'$$,
              'Weihai operator reads the persons insured in Weihai');
RESET ROLE;

-- the rule triggers decide from all the rows, the policies still decide what
-- the role may write (triggers on from here)
SET LOCAL ROLE weihai_operator;
SELECT lives_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                  VALUES ('RPT-P-JN1', 'RPT-WH-H1', 'inpatient', '2024-11-10', '2024-11-12')$$,
                'Weihai registers the stay of a Jinan insured it cannot read (the encounter rules, run as the owner, find the person)');
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on, attached_to)
                   VALUES ('RPT-P-JN1', 'RPT-WH-H1', 'outpatient', '2024-09-11', '2024-09-11', 6012)$$, 'YB206', NULL,
                 '鲁医保发〔2022〕26号 第二条(六): attaching a visit to a stay the operator cannot see (6012, Beijing) is decided on that stay: outside it, YB206');
SELECT is((SELECT count(*) FROM encounter WHERE id = 6012), 0::bigint, 'and the stay stays invisible');
RESET ROLE;
SET LOCAL ROLE jinan_operator;
SELECT lives_ok($$SELECT xdjy.file_temporary('RPT-P-JN1', '310000', '2024-11-01', '2024-11-01')$$,
                'Jinan files its insured to Shanghai with the filing rules on (they lock the person row the operator may not update)');
SELECT results_eq($$SELECT h.event, h.by_role::text COLLATE "default" FROM xdjy.filing_history h JOIN xdjy.filing f ON f.id = h.filing_id
                    WHERE f.person_id = 'RPT-P-JN1' AND f.destination_region = '310000'$$,
                  $$VALUES ('filed'::text, 'jinan_operator'::text)$$, 'the history records the operator, not the trigger''s owner');
SELECT throws_ok($$INSERT INTO xdjy.filing_history (filing_id, event) VALUES (6902, 'cancelled')$$, '42501', NULL,
                 'nobody writes history by hand');
-- nor through a trigger of its own (pg_trigger_depth() > 0 there)
CREATE TEMP TABLE forge (filing_id bigint);
CREATE FUNCTION pg_temp.forge_history() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
	INSERT INTO xdjy.filing_history (filing_id, event, by_role) VALUES (NEW.filing_id, 'terminated', CURRENT_USER);
	RETURN NEW;
END $f$;
CREATE TRIGGER forge BEFORE INSERT ON pg_temp.forge FOR EACH ROW EXECUTE FUNCTION pg_temp.forge_history();
SELECT throws_ok($$INSERT INTO pg_temp.forge
                   SELECT f.id FROM xdjy.filing f WHERE f.person_id = 'RPT-P-JN1' AND f.destination_region = '310000'$$,
                 '42501', NULL, 'nor by a trigger of its own: no false terminated event');
-- settlement_attempt feeds the success-rate KPI: written by try_settle alone
SELECT is((SELECT s.id FROM xdjy.try_settle((SELECT min(e.id) FROM xdjy.encounter e), -1, 0, 'RPT-TRY-1', '2024-11-20') s),
          NULL::bigint, 'try_settle as an operator: the rejection returns NULL');
SELECT is((SELECT count(*) FROM xdjy.settlement_attempt a WHERE a.invoice_no = 'RPT-TRY-1' AND a.sqlstate IS NOT NULL
             AND a.encounter_id = (SELECT min(e.id) FROM xdjy.encounter e)),
          1::bigint, 'and is recorded, with its SQLSTATE, though the operator may not insert attempts');
SELECT throws_ok($$INSERT INTO xdjy.settlement_attempt (attempted_on, encounter_id, mode, sqlstate, message)
                   VALUES ('2024-11-20', NULL, 'direct', 'YB301', 'forged')$$, '42501', NULL,
                 'an operator cannot record an attempt by hand');
SET LOCAL check_function_bodies = off;
SELECT throws_ok($$SELECT xdjy.file_temporary('RPT-P-JN1', '371000', '2024-11-01', '2024-11-01')$$, 'YB116', NULL,
                 '鲁医保发〔2021〕46号 第二条(三): an operator posing as a restore (check_function_bodies off) still gets every rule');
RESET check_function_bodies;
RESET ROLE;

-- the settlement engine prices with the person, filings, policy and ledgers
-- of every region, and the settlement is checked against the policies
INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('370100', 'employee', 'local', 'outpatient', '[2021-01-01,)', 1000, 6000, 0, 200000, 'outpatient'),
	('370100', 'employee', 'temporary', 'outpatient', '[2022-01-01,)', 1000, 5000, 1000, 200000, 'outpatient');
SET LOCAL ROLE weihai_operator;
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (6960, 'RPT-P-JN1', 'RPT-WH-H1', 'outpatient', '2024-11-20', '2024-11-20');
SELECT lives_ok($$SELECT xdjy.settle(6960, 10000, 0, 'RPT-ENG-1', '2024-11-20')$$,
                'Weihai settles directly the visit of a Jinan insured it cannot read (the engine runs as the owner)');
RESET ROLE;
SELECT ok((SELECT fund_fen > 0 AND insured_region = '370100' AND treatment_region = '371000' FROM settlement WHERE invoice_no = 'RPT-ENG-1'),
          'the engine priced it with the Jinan policy');
SELECT ok(EXISTS (SELECT FROM ledger WHERE person_id = 'RPT-P-JN1'), 'and kept the Jinan insured''s ledger');
SET LOCAL ROLE weihai_operator;
SELECT is((SELECT count(*) FROM ledger), 0::bigint, 'which Weihai cannot read (Weihai insured have none)');
RESET ROLE;
SET LOCAL ROLE jinan_operator;
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (6961, 'RPT-P-JN1', 'RPT-WH-H1', 'outpatient', '2024-11-21', '2024-11-21');
SELECT throws_ok($$SELECT xdjy.settle(6961, 10000, 0, 'RPT-ENG-2', '2024-11-21')$$, 'YB005', NULL,
                 'Jinan cannot settle directly at a Weihai hospital, even its own insured');
RESET ROLE;

-- a provincial operator (370000) covers every Shandong city ------------------------
SET LOCAL ROLE shandong_operator;
SELECT set_eq($$SELECT id::text FROM xdjy.settlement$$, $$SELECT id FROM expect WHERE who = 'shandong' AND tbl = 'settlement'$$,
              'a grant of 370000 covers Jinan, Jining and Weihai');
SELECT is((SELECT count(*) FROM settlement WHERE settlement.id IN (6004)), 0::bigint, 'but not Beijing or Jilin');
RESET ROLE;

-- an operator without regions, a grant to a role that does not exist ---------------
SET LOCAL ROLE regionless_operator;
SELECT is((SELECT count(*) FROM settlement) + (SELECT count(*) FROM encounter) + (SELECT count(*) FROM person)
          + (SELECT count(*) FROM filing) + (SELECT count(*) FROM party_report) + (SELECT count(*) FROM reconciliation_mismatch),
          0::bigint, 'an operator with no operator_region row sees nothing (the grant to the dropped ghost_operator is harmless)');
RESET ROLE;
SELECT is((SELECT count(*) FROM operator_region WHERE role = 'ghost_operator'), 1::bigint,
          'dropping a role is not blocked by its grant, which stays and grants nothing');
SELECT throws_ok($$INSERT INTO xdjy.operator_region VALUES ('no_such_role', '370100')$$, 'YB003', NULL,
          'a grant to a name that is no role is refused (YB003): it would wait for whoever creates that role');

-- the analyst: every row through the views, only the columns they read ------------
SET LOCAL ROLE plain_analyst;
SELECT is((SELECT count(DISTINCT settlement_id) FROM reconciliation_mismatch WHERE settlement_id BETWEEN 6000 AND 6999 OR settlement_id = 999000001),
          3::bigint, 'the analyst''s reconciliation shows all mismatches (6003, 6006 and the unknown one)');
SELECT ok((SELECT count(*) FROM kpi_monthly) > 0 AND (SELECT count(*) FROM clearing_monthly_as_of('2024-12-31')) > 0
          AND (SELECT count(*) FROM manual_claim_due_as_of('2024-10-19')) > 0 AND (SELECT count(*) FROM detail_upload_overdue_as_of('2025-01-10')) > 0
          AND (SELECT count(*) FROM coverage_gap) > 0 AND (SELECT count(*) FROM reconciliation_monthly_as_of('2025-01-02')) > 0,
          'the analyst reads every reporting view');
SELECT throws_ok($$SELECT name FROM xdjy.person$$, '42501', NULL, 'the analyst cannot read names');
SELECT throws_ok($$SELECT invoice_no FROM xdjy.settlement$$, '42501', NULL, 'nor invoice numbers');
SELECT throws_ok($$SELECT * FROM xdjy.filing$$, '42501', NULL, 'nor filings');
SELECT throws_ok($$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', 6001, '2024-10-26', 1, 1, 0)$$,
                 '42501', NULL, 'nor write anything');
RESET ROLE;

-- the admin: reference data, calendar, grants; reads everything, settles nothing ----
SET LOCAL ROLE plain_admin;
SELECT is((SELECT count(*) FROM settlement), (SELECT settlements FROM everything), 'the admin reads every settlement');
SELECT lives_ok($$INSERT INTO xdjy.holiday VALUES ('2027-01-01', false, '元旦', false)$$, 'the admin keeps the calendar');
SELECT lives_ok($$INSERT INTO xdjy.operator_region VALUES ('regionless_operator', '371000')$$, 'and the grants');
SELECT lives_ok($$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('national', 999000002, '2024-10-26', 1, 1, 0)$$,
                'and imports reports of unknown settlements');
SELECT throws_ok($$INSERT INTO xdjy.settlement (encounter_id, settled_on, mode, invoice_no, total_fen) VALUES (6001, '2024-10-26', 'direct', 'RPT-X-9', 100)$$,
                 '42501', NULL, 'the admin does not settle');
SELECT throws_ok($$UPDATE xdjy.holiday SET note = 'x' WHERE day = '2024-10-01'$$, 'YB601', NULL, 'not even the admin changes a builtin holiday row');
RESET ROLE;

SET LOCAL ROLE regionless_operator;
SELECT ok((SELECT count(*) FROM settlement) > 0 AND (SELECT count(*) FROM settlement WHERE '371000' NOT IN (insured_region, treatment_region)) = 0,
          'a grant added by the admin takes effect at once (Weihai)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
