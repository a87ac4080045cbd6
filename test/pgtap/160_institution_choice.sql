-- F11, 吉医保发〔2019〕34号 附件第7条 (): a Jilin resident-scheme insured living
-- long-term in another province may choose four non-direct-settlement
-- institutions in the residence city, one each of tier 3, tier 2, tier 1
-- and specialty, and designate one of them for special diseases.  A
-- per-province setting (xdjy.institution_choice_rule).
BEGIN;
SELECT plan(30);
SET LOCAL search_path = xdjy, public;

SELECT results_eq($$SELECT province, scheme, valid, builtin FROM institution_choice_rule$$,
	$$VALUES ('220000', 'resident', '[2019-10-01,)'::daterange, true)$$,
	'吉医保发〔2019〕34号 附件第7条: shipped setting Jilin (22), resident scheme, from 2019-10-01 (the notice''s effective date)');

CREATE TEMP TABLE f (who text PRIMARY KEY, id bigint) ON COMMIT DROP;
INSERT INTO f VALUES
	('cc1', file_long_term('changchun-res-1', '110000', '2024-03-01', '2024-03-01')),
	('cc2', file_long_term('changchun-res-2', '220200', '2024-03-01', '2024-03-01')),
	('cce', file_long_term('changchun-emp-1', '110000', '2024-03-01', '2024-03-01')),
	('jcr', file_temporary('jilincity-res-1', '110000', '2024-03-01', '2024-03-01')),
	('jnr', file_long_term('jinan-res-1', '110000', '2024-03-01', '2024-03-01'));
CREATE FUNCTION pg_temp.fid(w text) RETURNS bigint LANGUAGE sql AS $$ SELECT id FROM f WHERE who = w $$;

-- four slots ---------------------------------------------------------------
SELECT lives_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010500002', true, '2024-03-10')$$,
	'吉医保发〔2019〕34号 附件第7条: a non-direct tier-3 hospital in Beijing, designated for special diseases');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010500003', false, '2024-03-10')$$,
	'YB125', NULL, '吉医保发〔2019〕34号 附件第7条: a second tier-3 hospital is rejected (private or public alike, 吉医保发〔2019〕34号 附件第6条)');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010800002', true, '2024-03-10')$$,
	'YB127', NULL, '吉医保发〔2019〕34号 附件第7条: a second special-disease designation is rejected');
SELECT lives_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010800002', false, '2024-03-10')$$,
	'吉医保发〔2019〕34号 附件第7条: a tier-2 hospital');
SELECT lives_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010500004', false, '2024-03-10')$$,
	'吉医保发〔2019〕34号 附件第7条: a tier-1 hospital');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'P11010500001', false, '2024-03-10')$$,
	'YB124', NULL, '吉医保发〔2019〕34号 附件第7条: a pharmacy fits none of the four choices');
SELECT lives_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010800004', false, '2024-03-10')$$,
	'吉医保发〔2019〕34号 附件第7条: a specialty hospital (tier 3, but the specialty slot)');
SELECT results_eq($$SELECT institution_code, slot, special_disease FROM institution_choice ORDER BY id$$,
	$$VALUES ('H11010500002', 'tier3', true), ('H11010800002', 'tier2', false),
	         ('H11010500004', 'tier1', false), ('H11010800004', 'specialty', false)$$,
	'the slot follows from the institution');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010800003', false, '2024-03-10')$$,
	'YB126', NULL, '吉医保发〔2019〕34号 附件第7条: a fifth institution is rejected');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010800005', false, '2024-03-10')$$,
	'YB126', NULL, '吉医保发〔2019〕34号 附件第7条: a fifth (a second specialty) is rejected');

-- which institutions ---------------------------------------------------------
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010500001', false, '2024-03-10')$$,
	'YB123', NULL, '吉医保发〔2019〕34号 附件第7条: a direct-settlement institution is not chosen (it is open anyway)');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H31010100001', false, '2024-03-10')$$,
	'YB122', NULL, '吉医保发〔2019〕34号 附件第7条: an institution outside the residence city is rejected');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H22010400001', false, '2024-03-10')$$,
	'YB122', NULL, '吉医保发〔2019〕34号 附件第7条: a non-direct hospital of the insured city (Changchun) is not in the residence city');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'NOPE', false, '2024-03-10')$$,
	'YB001', NULL, 'an unknown institution is an unknown reference');
SELECT throws_ok($$INSERT INTO institution_choice (filing_id, institution_code, slot, chosen_on)
	VALUES (pg_temp.fid('cc1'), 'H11010800003', 'tier1', '2024-03-10')$$,
	'YB124', NULL, 'a slot given by hand must match the institution');
SELECT throws_ok($$INSERT INTO institution_choice (filing_id, institution_code, chosen_on)
	VALUES (-1, 'H11010800003', '2024-03-10')$$,
	'YB001', NULL, 'an unknown filing is an unknown reference');

-- who may choose -------------------------------------------------------------
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cce'), 'H11010500002', false, '2024-03-10')$$,
	'YB120', NULL, '吉医保发〔2019〕34号 附件第7条: Jilin employee scheme: no choice (the rule is for 城乡居民)');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('jnr'), 'H11010500002', false, '2024-03-10')$$,
	'YB120', NULL, 'not hard-coded the other way either: Shandong insured have no such rule');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc1'), 'H11010800003', false, '2019-09-30')$$,
	'YB120', NULL, '吉医保发〔2019〕34号 附件第7条: before 2019-10-01 the rule did not apply');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('jcr'), 'H11010500002', false, '2024-03-10')$$,
	'YB121', NULL, '吉医保发〔2019〕34号 附件第7条: a temporary filing allows no choice (长期异地 only)');
SELECT throws_ok($$SELECT choose_institution(pg_temp.fid('cc2'), 'H22020200001', false, '2024-03-10')$$,
	'YB121', NULL, '吉医保发〔2019〕34号 附件第7条: an intra-province long-term filing allows no choice (跨省 only)');
SELECT lives_ok($$INSERT INTO institution_choice_rule VALUES ('370000', 'resident', '[2024-01-01,)', 'test: Shandong too')$$,
	'F11 is data: a DBA adds a province');
SELECT lives_ok($$SELECT choose_institution(pg_temp.fid('jnr'), 'H11010500002', false, '2024-03-10')$$,
	'with the setting, a Shandong resident may choose');

-- lookups and the filing's life ---------------------------------------------
SELECT is(is_chosen_institution('changchun-res-1', 'H11010800002', '2024-03-10'), true,
	'is_chosen_institution: chosen on that date');
SELECT is(is_chosen_institution('changchun-res-1', 'H11010800002', '2024-03-09'), false,
	'is_chosen_institution: not before it was chosen');
SELECT is(is_chosen_institution('changchun-res-1', 'H11010800003', '2024-03-10'), false,
	'is_chosen_institution: an institution not chosen');
SELECT lives_ok($$SELECT terminate_filing(pg_temp.fid('cc1'), '2024-06-01')$$, 'the filing is terminated on 2024-06-01');
SELECT is(is_chosen_institution('changchun-res-1', 'H11010800002', '2024-06-01'), false,
	'吉医保发〔2019〕34号 附件第7条: the choices lapse with the filing');
SELECT throws_ok($$UPDATE institution_choice SET special_disease = false WHERE filing_id = pg_temp.fid('cc1') AND slot = 'tier3'$$,
	'YB121', NULL, 'choices under a closed filing no longer change');

SELECT * FROM finish();
ROLLBACK;
