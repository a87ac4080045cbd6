-- 吉医保发〔2019〕34号 附件第10条: a referral is issued by a designated
-- institution of the pooling region qualified for referrals (具备转诊转院资格).
-- A region that records qualifications refuses a referral from an
-- institution not qualified on the issue date (YB333); one recording none
-- keeps accepting its designated hospitals.
BEGIN;
SELECT plan(7);
\ir include/settlement_data.sql
\ir include/helpers.sql

INSERT INTO person VALUES ('SETL-RQ1', 'qualified', '370100', 'employee'),
	('SETL-RQ2', 'unqualified', '370100', 'employee'), ('SETL-RQ3', 'lapsed', '370100', 'employee');
INSERT INTO referral (id, person_id, issued_by, issued_on, diagnosis) VALUES
	(959001, 'SETL-RQ1', 'SETL-JN-H3', '2024-02-01', 'I21.0'),
	(959002, 'SETL-RQ2', 'SETL-JN-P2', '2024-02-01', 'I21.0'),
	(959003, 'SETL-RQ3', 'SETL-JN-H3', '2024-07-01', 'I21.0');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	(959101, 'SETL-RQ1', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05'),
	(959102, 'SETL-RQ2', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-05'),
	(959103, 'SETL-RQ3', 'SETL-BJ-H3', 'inpatient', '2024-08-01', '2024-08-05');

-- no register for Jinan yet: any designated hospital of the region issues
SELECT is((SELECT s.category_reason FROM xdjy.settle(959102, 10000, 0, 'SETL-RQ-0', '2024-03-05', 'direct', false, 959002, 'I21.0') s),
	'referral', 'without recorded qualifications a hospital of the insured region issues referrals, as before');
SELECT lives_ok($$SELECT xdjy.reverse_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no = 'SETL-RQ-0'), '2024-03-06')$$,
	'(reversed, to settle it again below)');

-- Jinan records its qualified institutions
INSERT INTO referral_qualification (institution_code, valid) VALUES ('SETL-JN-H3', '[2024-01-01,2024-07-01)');
SELECT is((SELECT s.category_reason FROM xdjy.settle(959101, 10000, 0, 'SETL-RQ-1', '2024-03-05', 'direct', false, 959001, 'I21.0') s),
	'referral', '吉医保发〔2019〕34号 附件第10条: a referral from a qualified institution settles as a referral');
SELECT throws_ok($$SELECT xdjy.settle(959102, 10000, 0, 'SETL-RQ-2', '2024-03-05', 'direct', false, 959002, 'I21.0')$$,
	'YB333', NULL, '吉医保发〔2019〕34号 附件第10条: a referral from an unqualified institution of the region is refused');
SELECT alike(pg_temp.detail_of($$SELECT xdjy.settle(959102, 10000, 0, 'SETL-RQ-2', '2024-03-05', 'direct', false, 959002, 'I21.0')$$),
	'Referral 959002 was issued on 2024-02-01 by "SETL-JN-P2", which holds no referral qualification on that date.',
	'the detail names the referral, its date and its issuer');
SELECT throws_ok($$SELECT xdjy.settle(959103, 10000, 0, 'SETL-RQ-3', '2024-08-05', 'direct', false, 959003, 'I21.0')$$,
	'YB333', NULL, '吉医保发〔2019〕34号 附件第10条: the qualification is dated: issued the day it lapsed, refused');
SET LOCAL xdjy.language = 'zh';
SELECT alike(pg_temp.error_of($$SELECT xdjy.settle(959102, 10000, 0, 'SETL-RQ-2', '2024-03-05', 'direct', false, 959002, 'I21.0')$$),
	'%转诊转院资格%', 'the message in Chinese');

SELECT * FROM finish();
ROLLBACK;
