-- Benefit category steps 1–5: one test per path, each naming its
-- seed article.  Insured Jinan (370100) unless said; D = admission date.
BEGIN;
SELECT plan(28);
\ir include/settlement_data.sql

-- more persons, one per path, so ledgers and filings do not mix
INSERT INTO person (id, name, insured_region, scheme)
SELECT 'SETL-C' || g, 'category ' || g, '370100', 'employee' FROM generate_series(1, 20) g;
INSERT INTO person VALUES ('SETL-CC-R2', '长春居民二', '220100', 'resident');

CREATE FUNCTION pg_temp.cat(p_encounter bigint, p_settled date, p_mode text DEFAULT 'direct',
		p_referral bigint DEFAULT NULL, p_diagnosis text DEFAULT NULL)
	RETURNS text LANGUAGE sql AS $$
	SELECT s.category || '/' || s.category_reason || '/' || s.scope
	FROM xdjy.settle(p_encounter, 100000, 0, 'SETL-INV-' || p_encounter || '-' || p_mode,
		p_settled, p_mode, false, p_referral, p_diagnosis) s
$$;

INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency) VALUES
	(951001, 'SETL-C1', 'SETL-JN-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951002, 'SETL-C2', 'SETL-JN-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951003, 'SETL-C3', 'SETL-JN-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951004, 'SETL-CC-R2', 'SETL-CC-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951005, 'SETL-C5', 'SETL-JN-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951006, 'SETL-C6', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951007, 'SETL-C7', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951008, 'SETL-C8', 'SETL-GZ-H3', 'inpatient', '2024-03-01', '2024-03-05', true),
	(951009, 'SETL-C9', 'SETL-GZ-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951010, 'SETL-C10', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-10', false),
	(951011, 'SETL-C11', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-10', false),
	(951012, 'SETL-C12', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-10', false),
	(951013, 'SETL-C13', 'SETL-BJ-H3', 'inpatient', '2024-04-01', '2024-04-10', false),
	(951014, 'SETL-C14', 'SETL-SH-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951015, 'SETL-C15', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951016, 'SETL-C16', 'SETL-SH-H3', 'inpatient', '2024-03-01', '2024-03-05', false),
	(951017, 'SETL-C17', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05', false);

-- step 1: local ------------------------------------------------------------
SELECT is(pg_temp.cat(951001, '2024-03-05'), 'local/local/local',
	' step 1: treated in the insured pooling region: local');

INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge, proof)
VALUES ('SETL-C2', '110000', 'long_term_resident', '2024-01-10', '2024-01-10', true, 'residence_permit');
SELECT is(pg_temp.cat(951002, '2024-03-05'), 'local/local_with_proof/local',
	'鲁医保发〔2022〕26号 第二条(三), 济宁市医保局 异地就医十项便民措施 第三条: long-term filer back home with a residence permit: local');

INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
VALUES ('SETL-C3', '110000', 'long_term_resident', '2024-01-10', '2024-01-10', true);
SELECT is(pg_temp.cat(951003, '2024-03-05'), 'temporary/home_without_proof/local',
	'鲁医保发〔2022〕26号 第二条(三): long-term filer back home on a pledge only: temporary outside standard');

INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
VALUES ('SETL-CC-R2', '110000', 'long_term_resident', '2024-01-10', '2024-01-10', true);
SELECT is(pg_temp.cat(951004, '2024-03-05'), 'local/local_home_kept/local',
	'吉医保发〔2019〕34号 附件第8条: a Jilin long-term filer keeps home benefits without proof: local');

INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C5', '110000', 'temporary_outside', '2024-01-10', '2024-01-10');
SELECT is(pg_temp.cat(951005, '2024-03-05'), 'local/local/local',
	'鲁医保发〔2022〕26号 第二条(一): a temporary filing never affects local benefits');

-- step 2: long-term --------------------------------------------------------
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
VALUES ('SETL-C6', '110000', 'long_term_resident', '2024-01-10', '2024-01-10', true),
       ('SETL-C6', '110000', 'temporary_outside', '2024-01-10', '2024-01-10', false);
SELECT is(pg_temp.cat(951006, '2024-03-05'), 'long_term/long_term_filing/cross_province',
	'鲁医保发〔2021〕46号 第三条(一), 鲁医保发〔2022〕26号 第二条(三): long-term filing for the treatment region: long_term (before a temporary one)');
SELECT is((SELECT p.category FROM settlement s JOIN policy p ON p.id = s.policy_id WHERE s.encounter_id = 951006),
	'local', '鲁医保发〔2022〕26号 第二条(三): long_term is priced by the insured place''s local policy row');

-- step 3: temporary --------------------------------------------------------
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C7', '110000', 'temporary_outside', '2024-02-01', '2024-02-01');
SELECT is(pg_temp.cat(951007, '2024-03-05'), 'temporary/temporary_filing/cross_province',
	' step 3: temporary filing for the treatment region: temporary');

-- step 4: emergency --------------------------------------------------------
SELECT is(pg_temp.cat(951008, '2024-03-05'), 'temporary/emergency/cross_province',
	'济宁市医保局 异地就医十项便民措施 第五条(一), 鲁医保发〔2022〕26号 第二条(五): emergency without filing is treated as filed, temporary');

-- step 5: unfiled ----------------------------------------------------------
SELECT throws_ok($$SELECT pg_temp.cat(951009, '2024-03-05')$$, 'YB301', NULL,
	' step 5: no filing, direct settlement rejected');
SELECT is(pg_temp.cat(951009, '2024-03-06', 'manual'), 'unfiled/unfiled/cross_province',
	' step 5: no filing, a manual claim pays at the unfiled standard');

-- F8: filed before the discharge settlement ----------------------------------
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C10', '110000', 'temporary_outside', '2024-04-05', '2024-04-05');
SELECT is(pg_temp.cat(951010, '2024-04-10'), 'temporary/filed_before_discharge/cross_province',
	'F8, 济宁市医保局 异地就医十项便民措施 第四条(二), 鲁医保发〔2022〕26号 第二条(二): filed on 04-05 after the 04-01 admission, before the discharge settlement: direct');
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C11', '110000', 'temporary_outside', '2024-04-01', '2024-04-11');
SELECT throws_ok($$SELECT pg_temp.cat(951011, '2024-04-10')$$, 'YB301', NULL,
	'F8, 鲁医保发〔2022〕26号 第二条(二): a filing made the day after the discharge settlement cannot make it direct');
SELECT is(pg_temp.cat(951011, '2024-04-20', 'manual'), 'temporary/filed_after_discharge/cross_province',
	'F8, 鲁医保发〔2022〕26号 第二条(二): filed after a self-paid discharge: manual at the temporary standard');
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C12', '110000', 'temporary_outside', '2024-04-10', '2024-04-10');
SELECT is(pg_temp.cat(951012, '2024-04-10'), 'temporary/filed_before_discharge/cross_province',
	'F8: filed on the day of the discharge settlement: direct');

-- F9: closed during the stay -------------------------------------------------
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C13', '110000', 'temporary_outside', '2024-03-01', '2024-03-01');
UPDATE filing SET status = 'terminated', closed_on = '2024-04-05' WHERE person_id = 'SETL-C13';
SELECT is(pg_temp.cat(951013, '2024-04-10'), 'temporary/closed_mid_stay/cross_province',
	'F9, 鲁医保发〔2022〕26号 第二条(一): filing terminated on 04-05 during the stay admitted 04-01: still direct');
UPDATE encounter SET admitted_on = '2024-04-05' WHERE id = 951013;
SELECT throws_ok($$SELECT s.category FROM xdjy.settle(951013, 100000, 0, 'SETL-F9-late', '2024-04-10') s$$,
	'YB301', NULL, 'F9: admitted on the day the filing closed: not covered');

-- filings elsewhere do not count ----------------------------------------------
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
VALUES ('SETL-C14', '110000', 'long_term_resident', '2024-01-10', '2024-01-10', true);
SELECT throws_ok($$SELECT pg_temp.cat(951014, '2024-03-05')$$, 'YB301', NULL,
	'鲁医保发〔2021〕46号 第三条(一): a long-term filer treated outside the filed place needs a temporary filing there');
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C14', '310000', 'temporary_outside', '2024-02-01', '2024-02-01');
SELECT is(pg_temp.cat(951014, '2024-03-05'), 'temporary/temporary_filing/cross_province',
	'鲁医保发〔2021〕46号 第三条(一): with a temporary filing for Shanghai, the Beijing long-term filer is temporary there');
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C15', '110000', 'temporary_outside', '2024-03-02', '2024-03-02');
SELECT is(pg_temp.cat(951015, '2024-03-01', 'manual'), 'unfiled/unfiled/cross_province',
	'a temporary filing starting the day after the visit does not cover it (a visit is not a stay: no F8)');
UPDATE encounter SET visit_type = 'outpatient', discharged_on = NULL WHERE id = 951015;
SELECT throws_ok($$SELECT s.category FROM xdjy.settle(951015, 100, 0, 'SETL-out', '2024-03-03') s$$,
	'YB301', NULL, 'F8 is for stays: an outpatient visit before the filing starts stays unfiled');

-- referral (吉医保发〔2019〕34号 附件第10–12条) ---------------------------------------------------------
INSERT INTO referral (person_id, issued_by, issued_on, diagnosis, destination_region)
VALUES ('SETL-C16', 'SETL-JN-H3', '2024-02-20', 'C34.9', '310000');
SELECT is(pg_temp.cat(951016, '2024-03-05', 'direct', (SELECT id FROM referral WHERE person_id = 'SETL-C16'), 'C34.9'),
	'temporary/referral/cross_province',
	'鲁医保发〔2021〕46号 第一条(二), 吉医保发〔2019〕34号 附件第10–12条: a referred person without filing is temporary outside');

-- F10 (鲁医保发〔2021〕46号 第二条(三)) and scopes ----------------------------------------------------
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency) VALUES
	(951018, 'SETL-C18', 'SETL-JNG-H3', 'inpatient', '2024-03-01', '2024-03-04', false),
	(951019, 'SETL-C19', 'SETL-JNG-H3', 'inpatient', '2021-12-20', '2021-12-30', false),
	(951020, 'SETL-C20', 'SETL-JNG-H3', 'inpatient', '2021-12-20', '2021-12-30', true);
SELECT is(pg_temp.cat(951018, '2024-03-05'), 'temporary/filing_exempt/intra_province',
	'F10, 鲁医保发〔2021〕46号 第二条(三): Jinan insured in Jining from 2022 needs no filing: temporary, intra_province');
SELECT is((SELECT treatment_region FROM settlement WHERE encounter_id = 951018), '370800',
	'the treatment region is the institution''s pooling region, walked up from its county');
SELECT throws_ok($$SELECT pg_temp.cat(951019, '2021-12-31')$$, 'YB301', NULL,
	'F10, 鲁医保发〔2021〕46号 第二条(三): admitted 2021-12-20, before the exemption, intra-province without filing: rejected');
SELECT is(pg_temp.cat(951020, '2021-12-31'), 'temporary/emergency/intra_province',
	'济宁市医保局 异地就医十项便民措施 第五条(一): the same in an emergency is temporary');

-- manual settlement of a covered stay keeps the filed category --------------------
INSERT INTO filing (person_id, destination_region, category, start_date, applied_on)
VALUES ('SETL-C17', '110000', 'temporary_outside', '2024-02-01', '2024-02-01');
SELECT is(pg_temp.cat(951017, '2024-03-05', 'manual'), 'temporary/temporary_filing/cross_province',
	'a manual claim of a filed stay pays at the filed standard');
SELECT is((SELECT filing_id FROM settlement WHERE encounter_id = 951017),
	(SELECT id FROM filing WHERE person_id = 'SETL-C17'), 'the settlement names the filing that covered it');

SELECT * FROM finish();
ROLLBACK;
