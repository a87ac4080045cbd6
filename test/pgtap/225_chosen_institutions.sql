-- 吉医保发〔2019〕34号 附件第7条: a Jilin resident-scheme long-term resident
-- in another province is treated under the filing at every
-- direct-settlement institution of the residence city and at up to four
-- chosen non-direct-settlement ones.  Claimed by hand from another
-- non-direct-settlement institution there, the stay is outside the filing:
-- the unfiled standard (附件第3条: 20% in Jilin), reason
-- unchosen_institution.
BEGIN;
SELECT plan(10);
\ir include/settlement_data.sql

INSERT INTO institution (code, name_zh, region_code, tier, specialty, kind, ownership,
		networked_inpatient, networked_outpatient, networked_chronic) VALUES
	('SETL-BJ-N3', '北京未联网三级医院', '110105', 3, false, 'hospital', 'public', false, false, false);
CREATE TEMP TABLE f ON COMMIT DROP AS
SELECT file_long_term('SETL-CC-R', '110000', '2024-01-05', '2024-01-05') AS resident,
	file_long_term('SETL-CC-E', '110000', '2024-01-05', '2024-01-05') AS employee;
SELECT lives_ok($$SELECT choose_institution((SELECT resident FROM f), 'SETL-BJ-N2', false, '2024-01-10')$$,
	'the resident chooses the tier-2 non-networked hospital');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(958001, 'SETL-CC-R', 'SETL-BJ-N2', 'inpatient', '2024-03-01', '2024-03-08'),
	(958002, 'SETL-CC-R', 'SETL-BJ-N3', 'inpatient', '2024-04-01', '2024-04-05'),
	(958003, 'SETL-CC-R', 'SETL-BJ-H3', 'inpatient', '2024-05-01', '2024-05-05'),
	(958004, 'SETL-CC-E', 'SETL-BJ-N3', 'inpatient', '2024-04-01', '2024-04-05');

SELECT is((SELECT s.category || '/' || s.category_reason FROM xdjy.settle(958001, 100000, 0, 'SETL-CH-1', '2024-03-20', 'manual') s),
	'long_term/long_term_filing', '附件第7条: at a chosen non-direct-settlement institution, the long-term standard');
SELECT is((SELECT format('%s/%s %s %s', s.category, s.category_reason, s.filing_id = (SELECT resident FROM f), s.ratio_bp)
	FROM xdjy.settle(958002, 100000, 0, 'SETL-CH-2', '2024-04-20', 'manual') s),
	'unfiled/unchosen_institution t 2000',
	'附件第7条, 第3条: at an unchosen one, the unfiled standard (Jilin 20%), naming the filing it fell outside');
SELECT throws_ok($$SELECT xdjy.settle(958002, 100000, 0, 'SETL-CH-2b', '2024-04-20')$$, 'YB317', NULL,
	'directly it is refused as before: the institution is not networked');
SELECT is((SELECT s.category || '/' || s.category_reason FROM xdjy.settle(958003, 100000, 0, 'SETL-CH-3', '2024-05-20', 'manual') s),
	'long_term/long_term_filing', '附件第7条: every direct-settlement institution of the city is covered, even by hand');
SELECT is((SELECT s.category || '/' || s.category_reason FROM xdjy.settle(958004, 100000, 0, 'SETL-CH-4', '2024-04-20', 'manual') s),
	'long_term/long_term_filing', 'the offer is data for the resident scheme only: an employee is not limited');
SELECT ok((SELECT bool_or(e.source LIKE '%吉医保发〔2019〕34号 附件第7条%')
	FROM settlement s, explain_settlement(s.id, 'en') e WHERE s.invoice_no = 'SETL-CH-2'),
	'explain_settlement cites 吉医保发〔2019〕34号 附件第7条');
SELECT ok((SELECT bool_or(e.note LIKE '%up to four chosen others%')
	FROM settlement s, explain_settlement(s.id, 'en') e WHERE s.invoice_no = 'SETL-CH-2'),
	'and says why, in English');
SELECT ok((SELECT bool_or(e.note LIKE '%选定的 4 家非直接结算机构%')
	FROM settlement s, explain_settlement(s.id, 'zh') e WHERE s.invoice_no = 'SETL-CH-2'),
	'and in Chinese');

-- chosen later, the next stay there is covered
SELECT lives_ok($$SELECT choose_institution((SELECT resident FROM f), 'SETL-BJ-N3', false, '2024-06-01')$$,
	'the resident chooses the tier-3 hospital too');

SELECT * FROM finish();
ROLLBACK;
