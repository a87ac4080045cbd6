-- What an operator learns from an error.  The rule triggers run as the
-- owner and decide on every row of every region; an operator is told that
-- its row conflicts with a row it may not read, never that row's values
-- (no id, institution, person, date or region of it), with the rule's own
-- code.  A write outside the operator's regions is refused first, with
-- YB005 naming its granted regions, so no rule speaks of data of a region
-- the operator does not work on.  The owner (and the admin) still read the
-- full detail.
-- Data: include/reporting_data.sql plus rows of other regions below.
BEGIN;
SET LOCAL search_path = xdjy, public;
\ir include/reporting_data.sql
\ir include/helpers.sql
SELECT plan(47);

SELECT pg_catalog.setval(pg_catalog.format('xdjy.%I', sequencename)::regclass, 20000000, false)
FROM pg_sequences WHERE schemaname = 'xdjy' AND coalesce(last_value, 0) < 20000000
  AND sequencename IN ('encounter_id_seq', 'settlement_id_seq', 'filing_id_seq', 'manual_claim_id_seq', 'referral_id_seq') \g /dev/null

-- rows of regions the Jinan operator may not read ---------------------------------
-- a Weihai insured's stay at a Weihai hospital (7901), his filing to Beijing
-- (7901), a referral issued to him by the Weihai hospital (7901); a Changchun
-- insured without filing (RPT-P-CC9) and one filed to Jinan (RPT-P-CC8)
SET LOCAL session_replication_role = replica;
INSERT INTO person VALUES ('RPT-P-WH9', '威海参保人九', '371000', 'employee'),
	('RPT-P-CC9', '长春参保人九', '220100', 'resident'),
	('RPT-P-CC8', '长春参保人八', '220100', 'resident');
INSERT INTO filing (id, person_id, destination_region, category, start_date, applied_on)
VALUES (7901, 'RPT-P-WH9', '110000', 'temporary_outside', '2024-10-01', '2024-10-01'),
       (7902, 'RPT-P-CC8', '370100', 'temporary_outside', '2024-10-01', '2024-10-01'),
       (7903, 'RPT-P-JN1', '310000', 'temporary_outside', '2024-10-01', '2024-10-01');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (7901, 'RPT-P-WH9', 'RPT-WH-H1', 'inpatient', '2024-10-20', '2024-10-25');
INSERT INTO referral (id, person_id, issued_by, issued_on, diagnosis, destination_region)
VALUES (7901, 'RPT-P-WH9', 'RPT-WH-H1', '2024-09-03', 'I21.917', '110000');
SET LOCAL session_replication_role = DEFAULT;
-- Weihai's policy, so that a manual settlement of a Weihai insured reaches the invoice rule
INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('371000', 'employee', 'unfiled', 'inpatient', '[2021-01-01,)', 1000, 5000, 1000, 2000000, 'inpatient'),
	('371000', 'employee', 'temporary', 'inpatient', '[2021-01-01,)', 1000, 6000, 1000, 2000000, 'inpatient');

CREATE ROLE leak_jinan NOLOGIN IN ROLE xdjy_operator;
CREATE ROLE leak_weihai NOLOGIN IN ROLE xdjy_operator;
INSERT INTO operator_region VALUES ('leak_jinan', '370100'), ('leak_weihai', '371000');

-- the values of the hidden rows, none of which an error may print
CREATE TEMP TABLE hidden (v text) ON COMMIT DROP;
INSERT INTO hidden VALUES ('7901'), ('RPT-WH-H1'), ('RPT-P-WH9'), ('2024-10-20'), ('2024-10-25'),
	('371000'), ('371002'), ('220100'), ('resident'), ('I21.917'), ('2024-09-03'), ('settlement 6002'), ('110000');
GRANT SELECT ON hidden TO PUBLIC;
-- the hidden values an error text shows
CREATE FUNCTION pg_temp.leaks(t text) RETURNS text LANGUAGE sql AS
	$$SELECT coalesce(string_agg(v, ', ' ORDER BY v), '') FROM hidden WHERE strpos(t, v) > 0$$;

SET LOCAL ROLE leak_jinan;

-- YB005: a write outside the operator's regions, before any rule ---------------
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                   VALUES ('RPT-P-WH9', 'RPT-WH-H1', 'inpatient', '2024-10-22', '2024-10-24')$$,
                 'YB005', 'row outside the regions granted to the role',
                 'a Weihai insured''s stay at a Weihai hospital is not Jinan''s to record: YB005, not the overlap rule''s YB306');
SELECT is(pg_temp.detail_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                   VALUES ('RPT-P-WH9', 'RPT-WH-H1', 'inpatient', '2024-10-22', '2024-10-24')$$),
          'Role "leak_jinan" is granted regions 370100 (and those under them); this xdjy.encounter row (institution_code ''RPT-WH-H1'' (region 371002), person_id ''RPT-P-WH9'') is outside them.',
          'the detail names the granted regions and what places the row: the caller''s own values and the institution''s region (reference data)');
SELECT matches(pg_temp.hint_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on) VALUES ('RPT-P-WH9', 'RPT-WH-H1', 'outpatient', '2024-11-01')$$),
               'operator_region', 'the hint says where grants are made');
SELECT throws_ok($$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on)
                   VALUES ('RPT-P-WH9', '110000', 'temporary_outside', '2024-11-01', '2024-11-01')$$,
                 'YB005', NULL,
                 'YB104/YB116: filing a Weihai insured is refused before the rules could describe his filing 7901 or his insured region');
SELECT is(pg_temp.leaks(pg_temp.error_of($$INSERT INTO xdjy.filing (person_id, destination_region, category, start_date, applied_on)
                   VALUES ('RPT-P-WH9', '110000', 'temporary_outside', '2024-11-01', '2024-11-01')$$)), 'RPT-P-WH9',
          'and the error shows only the person id the caller gave (not 7901, not 371000, not 110000''s filing)');
SELECT throws_ok($$UPDATE xdjy.filing SET person_id = 'RPT-P-WH9' WHERE id = 7903$$,
                 'YB005', NULL, 'an UPDATE moving a filing out of the operator''s regions: YB005');
SELECT throws_ok($$INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis) VALUES ('RPT-P-WH9', 'RPT-JN-H1', '2024-11-01', 'J18.9')$$,
                 'YB005', NULL, 'a referral of a Weihai insured: YB005');
SELECT throws_ok($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-10-01', '371000', '2024-11-05', 1)$$,
                 'YB005', NULL, 'a transfer up for Weihai: YB005');
SELECT throws_ok($$INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2024-10-01', 'RPT-WH-H1', '2024-11-05', 1)$$,
                 'YB005', NULL, 'a clearing confirmation with a Weihai institution: YB005');
SELECT throws_ok($$INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES ('insured', 6006, '2024-10-26', 1, 1, 0)$$,
                 'YB005', NULL, 'a report of a settlement it cannot read: YB005');
SELECT throws_ok($$INSERT INTO xdjy.detail_upload VALUES (6001, '2024-10-02')$$,
                 'YB005', NULL, 'the upload of a settlement treated in Weihai: YB005');
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES (7901, 'X-1', 100, '2024-11-01')$$,
                 'YB005', NULL, 'a manual claim on a Weihai insured''s stay: YB005, not the deadline rule''s YB401 with its dates');
SELECT is(pg_temp.leaks(pg_temp.error_of($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES (7901, 'X-1', 100, '2026-11-01')$$)),
          '7901', 'and it names only the encounter id the caller gave');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (7950, 'RPT-P-JN1', 'RPT-WH-H1', 'outpatient', '2024-11-21', '2024-11-21');
SELECT throws_ok($$SELECT xdjy.settle(7950, 10000, 0, 'LEAK-1', '2024-11-21')$$, 'YB005', NULL,
                 'a direct settlement at a Weihai hospital, even of a Jinan insured: YB005 (the engine checks before its rules)');
SELECT is(pg_temp.detail_of($$SELECT xdjy.settle(7950, 10000, 0, 'LEAK-1', '2024-11-21')$$),
          'Role "leak_jinan" is granted regions 370100 (and those under them); this xdjy.settlement row (mode ''direct'', treatment_region ''371000'') is outside them.',
          'naming the treatment region the engine derived from the institution');
SELECT doesnt_match(pg_temp.error_of($$SELECT xdjy.settle(7950, 10000, 0, 'LEAK-1', '2024-11-21', 'manual')$$), '^YB005',
              'the manual settlement of it is Jinan''s (the insured place''s): it passes the access check');

-- hidden conflicts: the rule's code, no value of the other row --------------------
-- YB306 (the issue's example): a stay of a Weihai insured in Jinan overlapping his Weihai stay
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                   VALUES ('RPT-P-WH9', 'RPT-JN-H1', 'inpatient', '2024-10-22', '2024-10-24')$$,
                 'YB306', NULL, 'YB306: the overlap is decided on the Weihai stay the operator cannot read');
SELECT is(pg_temp.detail_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                   VALUES ('RPT-P-WH9', 'RPT-JN-H1', 'inpatient', '2024-10-22', '2024-10-24')$$),
          'This stay of person "RPT-P-WH9" from 2024-10-22 to 2024-10-24 conflicts with a stay of the same person the role may not read; its values are not shown.',
          'the detail describes the caller''s own row and says a conflicting stay exists');
SELECT is(pg_temp.leaks(pg_temp.error_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                   VALUES ('RPT-P-WH9', 'RPT-JN-H1', 'inpatient', '2024-10-22', '2024-10-24')$$)), 'RPT-P-WH9',
          'no id, institution or date of the Weihai stay (only the person the caller named)');
SELECT matches(pg_temp.hint_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                   VALUES ('RPT-P-WH9', 'RPT-JN-H1', 'inpatient', '2024-10-22', '2024-10-24')$$),
               'Ask the agency of the region that holds the stay', 'the hint: ask the region that holds it');
-- YB205: attached to a stay of another person it cannot read
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to)
                   VALUES ('RPT-P-WH1', 'RPT-JN-H1', 'outpatient', '2024-10-22', 7901)$$,
                 'YB205', NULL, 'YB205: a visit attached to another person''s stay');
SELECT is(pg_temp.leaks(pg_temp.error_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to)
                   VALUES ('RPT-P-WH1', 'RPT-JN-H1', 'outpatient', '2024-10-22', 7901)$$)), '7901',
          'names the stay id the caller gave, not whose stay it is, nor where');
-- YB206: attached to the person's own stay, outside its dates
SELECT throws_ok($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to)
                   VALUES ('RPT-P-WH9', 'RPT-JN-H1', 'outpatient', '2024-10-27', 7901)$$,
                 'YB206', NULL, 'YB206: outside the stay''s dates');
SELECT is(pg_temp.leaks(pg_temp.error_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to)
                   VALUES ('RPT-P-WH9', 'RPT-JN-H1', 'outpatient', '2024-10-27', 7901)$$)), '7901, RPT-P-WH9',
          'without the admission and discharge dates of the stay');
-- YB307: a visit in Jinan during his Weihai stay
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (7951, 'RPT-P-WH9', 'RPT-JN-H1', 'outpatient', '2024-10-22', '2024-10-22');
SELECT throws_ok($$SELECT xdjy.settle(7951, 10000, 0, 'LEAK-2', '2024-10-22')$$, 'YB307', NULL,
                 'YB307: a visit during a stay elsewhere');
SELECT is(pg_temp.leaks(pg_temp.error_of($$SELECT xdjy.settle(7951, 10000, 0, 'LEAK-2', '2024-10-22')$$)), '',
          'without the stay''s id, institution or admission date');
-- YB309: a referral of another person
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (7952, 'RPT-P-WH1', 'RPT-JN-H1', 'outpatient', '2024-11-02', '2024-11-02');
SELECT throws_ok($$SELECT xdjy.settle(7952, 10000, 0, 'LEAK-3', '2024-11-02', referral_id => 7901, diagnosis => 'I21.917')$$,
                 'YB309', NULL, 'YB309: a referral issued for somebody else');
SELECT is(pg_temp.leaks(pg_temp.error_of($$SELECT xdjy.settle(7952, 10000, 0, 'LEAK-3', '2024-11-02', referral_id => 7901, diagnosis => 'I21.917')$$)),
          '7901', 'names the referral id the caller gave, not for whom, by whom, when, where to or for what');
-- YB301: unfiled direct settlement of a person it cannot read
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (7953, 'RPT-P-CC9', 'RPT-JN-H1', 'outpatient', '2024-11-03', '2024-11-03');
SELECT throws_ok($$SELECT xdjy.settle(7953, 10000, 0, 'LEAK-4', '2024-11-03')$$, 'YB301', NULL,
                 'YB301: a Changchun insured without a filing');
SELECT is(pg_temp.leaks(pg_temp.error_of($$SELECT xdjy.settle(7953, 10000, 0, 'LEAK-4', '2024-11-03')$$)), '',
          'without his insured region (220100)');
-- YB501: no policy of his insured region: neither region nor scheme shown
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES (7954, 'RPT-P-CC8', 'RPT-JN-H1', 'outpatient', '2024-11-04', '2024-11-04');
SELECT throws_ok($$SELECT xdjy.settle(7954, 10000, 0, 'LEAK-5', '2024-11-04')$$, 'YB501', NULL,
                 'YB501: a filed Changchun insured, no Changchun policy');
SELECT is(pg_temp.leaks(pg_temp.error_of($$SELECT xdjy.settle(7954, 10000, 0, 'LEAK-5', '2024-11-04')$$)), '',
          'without his insured region or scheme');
RESET ROLE;

-- YB308: an invoice used by a settlement of a region the Weihai operator cannot read
SET LOCAL ROLE leak_weihai;
SELECT throws_ok($$SELECT xdjy.settle(6003, 10000, 0, 'RPT-INV-6002', '2024-10-26', 'manual')$$, 'YB308', NULL,
                 'YB308: the manual settlement of a Weihai insured''s Jinan stay on an invoice a Beijing insured''s settlement used');
SELECT is(pg_temp.leaks(pg_temp.error_of($$SELECT xdjy.settle(6003, 10000, 0, 'RPT-INV-6002', '2024-10-26', 'manual')$$)), '',
          'without the id of that settlement (6002)');
SELECT throws_ok($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES (6003, 'RPT-INV-6002', 100, '2024-11-01')$$,
                 'YB308', NULL, 'YB308 for a manual claim on that invoice');
SELECT is(pg_temp.leaks(pg_temp.error_of($$INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on) VALUES (6003, 'RPT-INV-6002', 100, '2024-11-01')$$)),
          '', 'without the settlement id');
-- a row the operator may read is described in full
SELECT matches(pg_temp.detail_of($$SELECT xdjy.settle(6003, 10000, 0, 'RPT-INV-6003', '2024-10-26', 'manual')$$),
               'reimbursed by settlement 6003', 'its own region''s settlement is named');
RESET ROLE;

-- under xdjy.language = zh the hidden conflict speaks Chinese
SET LOCAL ROLE leak_jinan;
SET LOCAL xdjy.language = zh;
SELECT matches(pg_temp.error_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                   VALUES ('RPT-P-WH9', 'RPT-JN-H1', 'inpatient', '2024-10-22', '2024-10-24')$$),
               '当前角色无权查看的同一参保人的住院记录冲突', 'the detail in Chinese');
SELECT matches(pg_temp.error_of($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-10-01', '371000', '2024-11-05', 1)$$),
               '^YB005: 该行不在角色获授权的区划内 \| 角色 "leak_jinan" 获授权的区划为 370100', 'YB005 in Chinese');
RESET xdjy.language;
RESET ROLE;

-- the owner reads the full detail ------------------------------------------------
SELECT matches(pg_temp.detail_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
                   VALUES ('RPT-P-WH9', 'RPT-JN-H1', 'inpatient', '2024-10-22', '2024-10-24')$$),
               'has stay 7901 at "RPT-WH-H1" from 2024-10-20 to 2024-10-25', 'the owner is told which stay it overlaps');
SELECT matches(pg_temp.detail_of($$INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to)
                   VALUES ('RPT-P-WH1', 'RPT-JN-H1', 'outpatient', '2024-10-22', 7901)$$),
               'stay 7901 is person "RPT-P-WH9"''s', 'and whose stay a visit was attached to');

-- a role with no grant at all
CREATE ROLE leak_nobody NOLOGIN IN ROLE xdjy_operator;
SET LOCAL ROLE leak_nobody;
SELECT is(pg_temp.detail_of($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-10-01', '370100', '2024-11-05', 1)$$),
          'Role "leak_nobody" is granted regions (none) (and those under them); this xdjy.clearing_transfer row (region_code ''370100'') is outside them.',
          'an operator without grants is told it has none');
RESET ROLE;

-- the check follows the policies: a policy changed takes effect at once
SET LOCAL ROLE leak_jinan;
SELECT throws_ok($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-10-01', '371000', '2024-11-05', 1)$$,
                 'YB005', NULL, 'before: Weihai''s transfer refused');
RESET ROLE;
CREATE POLICY clearing_transfer_test ON clearing_transfer FOR INSERT TO leak_jinan WITH CHECK (region_code = '371000');
SET LOCAL ROLE leak_jinan;
SELECT lives_ok($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-10-01', '371000', '2024-11-05', 1)$$,
                'after a permissive policy for it: allowed (no cached verdict)');
RESET ROLE;
CREATE POLICY clearing_transfer_block ON clearing_transfer AS RESTRICTIVE FOR INSERT TO leak_jinan WITH CHECK (fund_fen > 10);
SET LOCAL ROLE leak_jinan;
SELECT throws_ok($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-11-01', '371000', '2024-12-05', 1)$$,
                 'YB005', NULL, 'a restrictive policy is ANDed, as PostgreSQL does');
SELECT lives_ok($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-11-01', '371000', '2024-12-05', 11)$$,
                'and passes when it holds');
RESET ROLE;

-- the session replication role of a subscriber leaves the check to PostgreSQL
SET LOCAL session_replication_role = replica;
SET LOCAL ROLE leak_jinan;
SELECT throws_ok($$INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2024-12-01', '371002', '2025-01-05', 1)$$,
                 '42501', NULL, 'with triggers off, row-level security still refuses (42501)');
RESET ROLE;
SET LOCAL session_replication_role = DEFAULT;

SELECT * FROM finish();
ROLLBACK;
