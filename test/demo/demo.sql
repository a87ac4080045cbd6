-- xdjy demo: what `make demo` prints.  Runs in a throwaway database; rows
-- the rules reject are shown with their error, then the demo goes on.
\pset footer off
\set VERBOSITY default
CREATE EXTENSION xdjy CASCADE;
SET search_path = xdjy, public;

\echo
\echo '== 1. Types: residence_category and filing_status'
\echo '   Input takes English, Chinese and the legacy groups of 鲁医保发〔2021〕46号 第一条:'
SELECT x AS "input", x::residence_category AS "residence_category"
FROM unnest(ARRAY['long_term_resident', '临时外出就医人员', '异地安置退休人员',
	'外出务工农民', '转诊转院人员', '探亲']) x;
\echo '   Output follows xdjy.language (en | zh):'
SET xdjy.language = zh;
SELECT c AS "类别", s AS "备案状态"
FROM unnest('{long_term_resident,temporary_outside,long_term_resident,temporary_outside}'::residence_category[],
	'{active,changed,cancelled,terminated}'::filing_status[]) AS t(c, s);
RESET xdjy.language;
\echo '   A filing status moves only out of active (济宁市医保局 异地就医十项便民措施 第四条(一)):'
SELECT f AS "from", string_agg(t::text, ', ' ORDER BY t) FILTER (WHERE filing_status_can_transition(f, t)) AS "may move to"
FROM unnest('{active,changed,cancelled,terminated}'::filing_status[]) f,
     unnest('{active,changed,cancelled,terminated}'::filing_status[]) t
GROUP BY f ORDER BY f;
\echo '   Anything else is rejected (SQLSTATE 22P02):'
SELECT '长期居住'::residence_category;

-- == demo: filings ==
\echo
\echo '== 2. Filings (备案): sample institutions and persons from test/fixtures/sample.sql'
\set SHOW_CONTEXT never
\i test/fixtures/sample.sql
SELECT p.id, p.name, p.insured_region, r.name_en AS insured_in, p.scheme
FROM xdjy.person p JOIN xdjy.region r ON r.code OPERATOR(pg_catalog.=) p.insured_region
WHERE p.id IN ('jinan-emp-1', 'jinan-emp-2', 'jinan-res-1', 'weihai-emp-1', 'changchun-res-1')
ORDER BY p.id;
\echo '   张伟 (Jinan) files long-term for Beijing on 2024-03-10, starting 5 days back (济宁市医保局 异地就医十项便民措施 第四条(二)):'
SELECT xdjy.file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10') AS filing_id;
\echo '   王芳 files the same, 6 days back: rejected, the hint names the earliest start date:'
SELECT xdjy.file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\echo '   A temporary filing may start any time before (鲁医保发〔2022〕26号 第二条(二)): 400 days back, two destinations:'
SELECT xdjy.file_temporary('weihai-emp-1', '310000', '2023-02-04', '2024-03-10') AS shanghai,
       xdjy.file_temporary('weihai-emp-1', '440300', '2024-03-10', '2024-03-10') AS shenzhen;
\echo '   Intra-province temporary treatment in Shandong needs no filing from 2022-01-01 (鲁医保发〔2021〕46号 第二条(三), data):'
SELECT xdjy.filing_exempt('370100', '370800', '2021-12-31') AS "Jinan→Jining 2021-12-31",
       xdjy.filing_exempt('370100', '370800', '2022-01-01') AS "Jinan→Jining 2022-01-01",
       xdjy.filing_exempt('370100', '110000', '2022-01-01') AS "Jinan→Beijing";
\echo '   张伟 sees a doctor in Beijing on 2024-04-10.  A long-term resident pays the insured place''s local'
\echo '   standard (鲁医保发〔2022〕26号 第二条(三)), so Jinan''s employee outpatient policy comes first (dated'
\echo '   data, section 3 shows the others): 60% of 350 yuan, no deductible, is 210 yuan from the fund:'
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('370100', 'employee', 'local', 'outpatient', '[2021-01-01,)', 0, 6000, 0, 200000, 'outpatient', '济南职工门诊统筹');
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-1', 'H11010500001', 'outpatient', '2024-04-10', '2024-04-10') RETURNING id AS e_zhang_visit \gset
SELECT category, category_reason, fund_fen, personal_fen
FROM xdjy.settle(:e_zhang_visit, 35000, 0, 'DEMO-0001', '2024-04-10');
\echo '   so moving the filing to Shanghai before start + 6 months is rejected (济宁市医保局 异地就医十项便民措施 第四条(一)):'
SELECT xdjy.change_filing(f.id, '310000', '2024-09-04') FROM xdjy.filing f
WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1';
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\echo '   中文显示 (SET xdjy.language = zh): the same two rejections, now with the Chinese message'
\echo '   of the catalogue xdjy.error_code (the details stay English), and the cause from it:'
SET xdjy.language = zh;
SELECT xdjy.file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
SELECT xdjy.change_filing(f.id, '310000', '2024-09-04') FROM xdjy.filing f
WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1';
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
SELECT c.code AS "错误代码", c.message_zh AS "错误信息", c.cause_zh AS "原因"
FROM xdjy.error_code c WHERE c.code IN ('YB105', 'YB107') ORDER BY c.code;
\echo '   2024-09-05: the change goes through; the old filing is closed, the new one opens that day:'
SELECT xdjy.change_filing(f.id, '310000', '2024-09-05') AS "新备案" FROM xdjy.filing f
WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1';
SELECT f.id AS "备案", f.destination_region AS "备案地", f.category AS "人员类别", f.status AS "状态",
       f.start_date AS "起始日期", f.closed_on AS "关闭日期", f.replaced_by AS "接续备案"
FROM xdjy.filing f WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1' ORDER BY f.id;
RESET xdjy.language;
\echo '   Which filing applies where and when (filing_at), and the history of every event:'
SELECT d AS on_date, r AS region, a.id AS filing_id, a.category
FROM (VALUES ('2024-09-04'::date, '110105001'), ('2024-09-05', '110105001'), ('2024-09-05', '310104')) v(d, r)
LEFT JOIN LATERAL xdjy.filing_at('jinan-emp-1', r, d) a ON true ORDER BY 1, 2;
SELECT h.filing_id, h.event, h.business_date, h.by_role, h.new_row->>'destination_region' AS destination
FROM xdjy.filing_history h JOIN xdjy.filing f ON f.id OPERATOR(pg_catalog.=) h.filing_id
WHERE f.person_id OPERATOR(pg_catalog.=) 'jinan-emp-1' ORDER BY h.id;
\echo '   Jilin (吉医保发〔2019〕34号 附件第7条): 吴刚, Changchun resident scheme, living in Beijing, chooses non-direct hospitals:'
SELECT xdjy.file_long_term('changchun-res-1', '110000', '2024-03-01', '2024-03-01') AS filing_id \gset
SELECT xdjy.choose_institution(:filing_id, 'H11010500002', true, '2024-03-10') AS tier3,
       xdjy.choose_institution(:filing_id, 'H11010800002', false, '2024-03-10') AS tier2;
\echo '   a second tier-3 hospital is rejected:'
SELECT xdjy.choose_institution(:filing_id, 'H11010500003', false, '2024-03-10');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\set SHOW_CONTEXT errors
-- == end demo: filings ==

-- == demo: settlements ==
\echo
\echo '== 3. Settlements (结算): policy as dated data, the engine decides category and amounts'
\set SHOW_CONTEXT never
\echo '   Policy rows (dated; long-term has none: it pays the insured place''s local row, 鲁医保发〔2022〕26号 第二条(三)):'
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('370100', 'employee', 'local', 'inpatient', '[2021-01-01,)', 100000, 9000, 0, 50000000, 'inpatient', '济南职工住院'),
	('370100', 'employee', 'temporary', 'inpatient', '[2021-01-01,2022-01-01)', 100000, 7000, 4000, 50000000, 'inpatient', '济南职工临时外出住院 2021'),
	('370100', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 100000, 7000, 1000, 50000000, 'inpatient', '济南职工临时外出住院'),
	('370100', 'employee', 'temporary', 'outpatient', '[2022-01-01,)', 0, 5000, 1000, 200000, 'outpatient', '济南职工异地门诊，额度合并'),
	('370100', 'resident', 'local', 'inpatient', '[2021-01-01,)', 60000, 7500, 0, 20000000, 'inpatient', '济南居民住院'),
	('370100', 'resident', 'temporary', 'inpatient', '[2022-01-01,)', 60000, 6000, 1000, 20000000, 'inpatient', '济南居民临时外出住院'),
	('371000', 'employee', 'local', 'inpatient', '[2021-01-01,)', 100000, 9000, 0, 50000000, 'inpatient', '威海职工住院'),
	('371000', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 100000, 7000, 1000, 50000000, 'inpatient', '威海职工临时外出住院'),
	('220100', 'resident', 'local', 'inpatient', '[2019-01-01,)', 60000, 8000, 0, 15000000, 'inpatient', '长春居民住院'),
	('220100', 'employee', 'local', 'inpatient', '[2019-01-01,)', 80000, 9000, 0, 30000000, 'inpatient', '长春职工住院'),
	('220100', 'employee', 'unfiled', 'inpatient', '[2019-01-01,)', 80000, 7000, 0, 30000000, 'inpatient', '长春职工未备案');
SELECT insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group
FROM xdjy.policy ORDER BY id;
\echo '   Shandong caps the temporary first self-pay at 10% from 2022 (鲁医保发〔2021〕46号 第三条(二)); a 20% row is rejected:'
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
VALUES ('370800', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 7000, 2000, 50000000, 'inpatient');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\echo '   Jilin''s ratio rules ship as dated data (吉医保发〔2019〕34号 附件第2–4条):'
SELECT province, scheme, category, own_reason_only, kind, points_bp, valid, source FROM xdjy.ratio_adjustment ORDER BY id;

\echo
\echo '   张伟 (Jinan, long-term filed for Beijing) stays at the China-Japan Friendship Hospital:'
\echo '   long_term at Jinan''s local 90%: (1200000 − 100000) × 90% = 990000 fen (鲁医保发〔2022〕26号 第二条(三))'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-1', 'H11010500001', 'inpatient', '2024-05-06', '2024-05-15') RETURNING id AS e_zhang \gset
SELECT category, category_reason, scope, ratio_bp, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_zhang, 1234567, 34567, 'INV-ZW-0515', '2024-05-15');
\echo '   the same day at Qilu Hospital in Jinan is a contradiction in time and space (吉医保发〔2019〕34号 附件第8条):'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-1', 'H37010200001', 'inpatient', '2024-05-10', '2024-05-12');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE

\echo
\echo '   黄勇 (Weihai, temporary filing for Shanghai) at Ruijin Hospital in 2024: first self-pay 10% (鲁医保发〔2021〕46号 第三条(二)):'
\echo '   in scope 1900000, first self-pay 190000, deductible 100000, (1710000 − 100000) × 70% = 1127000'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('weihai-emp-1', 'H31010100001', 'inpatient', '2024-06-03', '2024-06-12') RETURNING id AS e_huang \gset
SELECT category, category_reason, scope, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_huang, 2000000, 100000, 'INV-HY-0612', '2024-06-12');
\echo '   李强 (Jinan) with the same bill in 2021, filed for Shanghai then: first self-pay 40%:'
\echo '   first self-pay 760000, (1140000 − 100000) × 70% = 728000'
SELECT xdjy.file_temporary('jinan-emp-3', '310000', '2021-05-01', '2021-05-01') AS filing_id;
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-3', 'H31010100001', 'inpatient', '2021-05-06', '2021-05-15') RETURNING id AS e_li \gset
SELECT category, first_selfpay_bp, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_li, 2000000, 100000, 'INV-LQ-0515', '2021-05-15');

\echo
\echo '   刘洋 (Jinan resident) has no filing but comes in as an emergency in Guangzhou (济宁市医保局 异地就医十项便民措施 第五条(一)):'
\echo '   temporary: first self-pay 30000, deductible 60000, (270000 − 60000) × 60% = 126000'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on, emergency)
VALUES ('jinan-res-1', 'H44010600001', 'inpatient', '2024-07-01', '2024-07-05', true) RETURNING id AS e_liu \gset
SELECT category, category_reason, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_liu, 300000, 0, 'INV-LY-0705', '2024-07-05');

\echo
\echo '   吴刚 (Changchun resident scheme, long-term in Beijing): local 80% − 10 points (吉医保发〔2019〕34号 附件第2条):'
\echo '   (1000000 − 60000) × 70% = 658000'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('changchun-res-1', 'H11010800001', 'inpatient', '2024-04-01', '2024-04-08') RETURNING id AS e_wu \gset
SELECT category, ratio_bp, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_wu, 1000000, 0, 'INV-WG-0408', '2024-04-08');

\echo
\echo '   孙杰 (Changchun employee) in Shenzhen without filing: direct settlement refused, the attempt kept (for the settlement rates):'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('changchun-emp-1', 'H44030400001', 'inpatient', '2024-08-01', '2024-08-05') RETURNING id AS e_sun \gset
SELECT xdjy.try_settle(:e_sun, 500000, 0, 'INV-SJ-0805', '2024-08-05') IS NULL AS refused;
SELECT encounter_id, sqlstate, message FROM xdjy.settlement_attempt ORDER BY id;
\echo '   he claims by hand: 2025-04-01 is too late for 2024 expenses (吉医保发〔2019〕34号 附件第16条), 2025-03-31 is in time:'
INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on)
VALUES (:e_sun, 'INV-SJ-0805', 500000, '2025-04-01');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
VALUES (:e_sun, 'INV-SJ-0805', 500000, '2025-03-31', '2025-03-31') RETURNING id AS claim_sun \gset
\echo '   due 22 working days after the materials are complete, over Qingming (吉医保发〔2019〕34号 附件第15条):'
SELECT id, submitted_on, materials_complete_on, due_on, status FROM xdjy.manual_claim;
\echo '   paid at Jilin''s unfiled 20% (吉医保发〔2019〕34号 附件第3条): (500000 − 80000) × 20% = 84000'
SELECT category, ratio_bp, deductible_fen, fund_fen, personal_fen FROM xdjy.decide_manual_claim(:claim_sun, '2025-04-18');

\echo
\echo '   王芳 (Jinan): one outpatient quota of 2000 yuan for local and remote visits (鲁医保发〔2021〕46号 第三条(三)):'
SELECT xdjy.file_temporary('jinan-emp-2', '110000', '2024-01-02', '2024-01-02') AS filing_id;
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
VALUES ('jinan-emp-2', 'H37010300001', 'outpatient', '2024-02-01') RETURNING id AS e_wang1 \gset
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
VALUES ('jinan-emp-2', 'H11010800001', 'outpatient', '2024-03-01') RETURNING id AS e_wang2 \gset
SELECT 'Jinan' AS at, category, ratio_bp, fund_fen, personal_fen FROM xdjy.settle(:e_wang1, 250000, 0, 'INV-WF-0201', '2024-02-01')
UNION ALL
SELECT 'Beijing', category, ratio_bp, fund_fen, personal_fen FROM xdjy.settle(:e_wang2, 300000, 0, 'INV-WF-0301', '2024-03-01');
SELECT person_id, year, quota_group, deductible_met_fen, fund_paid_fen FROM xdjy.ledger
WHERE person_id OPERATOR(pg_catalog.=) 'jinan-emp-2';
\echo '   a correction: the Jinan visit is reversed (冲正), the quota given back; the invoice settles again once:'
SELECT reverses, total_fen, fund_fen, personal_fen
FROM xdjy.reverse_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-WF-0201'), '2024-02-05');
SELECT fund_fen, invoice_seq FROM xdjy.settle(:e_wang1, 200000, 0, 'INV-WF-0201', '2024-02-05');
SELECT xdjy.settle(:e_wang1, 200000, 0, 'INV-WF-0201', '2024-02-06');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
SELECT person_id, year, quota_group, deductible_met_fen, fund_paid_fen FROM xdjy.ledger
WHERE person_id OPERATOR(pg_catalog.=) 'jinan-emp-2';
\echo '   settlements are immutable:'
UPDATE xdjy.settlement SET fund_fen = 0 WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-HY-0612';
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE

\echo
\echo '   Every settlement explains itself (explain_settlement): 黄勇 in English,'
SELECT step, rule, amount_fen, source, note
FROM xdjy.explain_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-HY-0612'), 'en');
\echo '   吴刚 in Chinese (xdjy.language = zh):'
SET xdjy.language = zh;
SELECT step AS "步骤", rule AS "规则", amount_fen AS "金额（分）", source AS "依据", note AS "说明"
FROM xdjy.explain_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-WG-0408'));
RESET xdjy.language;
\set SHOW_CONTEXT errors
-- == end demo: settlements ==

-- == demo: reporting ==
\echo
\echo '== Reconciliation, clearing and reporting'
\echo '   Hand-made settlements of autumn 2024 (National Day week, a swapped Saturday, the year end)'
\echo '   and what the insured place, the treatment place and the platform reported (test/pgtap/include/reporting_data.sql):'
BEGIN;
\i test/pgtap/include/reporting_data.sql
SET LOCAL session_replication_role = replica;
INSERT INTO settlement_attempt (attempted_on, encounter_id, mode, invoice_no, total_fen, sqlstate, message) VALUES
	('2024-10-08', 6003, 'direct', 'RPT-INV-6003', 80000, 'YB301', 'demo: a failed attempt before the one that settled');
COMMIT;
SELECT s.id, s.settled_on, s.scope, s.mode, s.institution_code, s.total_fen, s.fund_fen,
	(SELECT string_agg(r.party || ' ' || r.reported_on, ', ' ORDER BY r.id) FROM party_report r WHERE r.settlement_id = s.id) AS reports
FROM settlement s WHERE s.id BETWEEN 6000 AND 6011 ORDER BY s.id;
\echo '   three-party reconciliation three-party reconciliation, daily (鲁医保发〔2022〕26号 第四条(一)): every mismatch with the parties'' latest figures;'
\echo '   6004 and 6005 were reported twice by one party and match, 6006''s second report differs:'
SELECT day, settlement_id, reporting_label(kind, 'en') AS kind, total_fen, fund_fen,
	insured_fund_fen AS insured, treatment_fund_fen AS treatment, national_fund_fen AS national,
	insured_reports || '/' || treatment_reports || '/' || national_reports AS reports
FROM reconciliation_mismatch WHERE day BETWEEN '2024-08-01' AND '2025-01-31'
ORDER BY day, settlement_id, kind;
SET xdjy.language = zh;
SELECT day AS "日期", settlement_id AS "结算ID", reporting_label(kind) AS "问题", fund_fen AS "本系统基金支付",
	insured_fund_fen AS "参保地", treatment_fund_fen AS "就医地", national_fund_fen AS "国家平台"
FROM reconciliation_mismatch WHERE day BETWEEN '2024-08-01' AND '2025-01-31'
ORDER BY day, settlement_id, kind;
RESET xdjy.language;
\echo '   R2 monthly, as it stood on 2024-11-04: a month is due on the 3rd of the next month, and is overdue'
\echo '   while one of its direct settlements lacks a matching report of all three parties.  The stays settled'
\echo '   in sections 2 and 3 (2021 to 2024) were never reported by any party, so their months are overdue:'
SELECT month, settlements, matched, mismatched, unknown_settlements, reconciled_on, due_on,
	reporting_label(status, 'en') AS status, late
FROM reconciliation_monthly_as_of('2024-11-04');
SELECT month AS "月份", settlements AS "结算笔数", matched AS "相符", mismatched AS "不符",
	unknown_settlements AS "未知结算", reconciled_on AS "对账完成", due_on AS "截止日期",
	reporting_label(status, 'zh') AS "状态"
FROM reconciliation_monthly_as_of('2024-11-04');
\echo '   detail upload inpatient expense details not uploaded within 3 (calendar) days (鲁医保发〔2022〕26号 第三条(四)), as of 2025-01-10:'
SELECT settlement_id, settled_on, due_on, uploaded_on, reporting_label(status, 'en') AS status,
	reporting_label(status, 'zh') AS "状态", days_late
FROM detail_upload_overdue_as_of('2025-01-10') WHERE settlement_id BETWEEN 6000 AND 6999;
\echo '   Monthly clearing of September 2024 as of 2024-10-22: confirmation by the 20th (a roll-back reopened'
\echo '   Jinan''s), payment 30 working days after the declaration, transfer up before the next provincial clearing:'
SELECT reporting_label(party_kind, 'en') AS party, code, settlements, fund_fen, confirm_due_on, confirmed_on,
	reporting_label(confirm_status, 'en') AS confirmation, declared_on, pay_due_on,
	reporting_label(pay_status, 'en') AS payment, transfer_due_on, reporting_label(transfer_status, 'en') AS transfer
FROM clearing_monthly_as_of('2024-10-22')
WHERE month = '2024-09-01' ORDER BY party_kind, code;
\echo '   settlement rates monthly indicators against the targets of 鲁医保发〔2022〕26号 第一条 (98%, 80%):'
SELECT month, province_name_en AS province, reporting_label(kpi, 'en') AS indicator, numerator || '/' || denominator AS cases,
	to_char(rate_bp / 100.0, 'FM990.00') || '%' AS rate, to_char(target_bp / 100.0, 'FM990') || '%' AS target, met
FROM kpi_monthly WHERE month BETWEEN '2024-08-01' AND '2025-01-01' ORDER BY kpi, month, province;
SELECT month AS "月份", province_name_zh AS "省份", reporting_label(kpi, 'zh') AS "指标",
	to_char(rate_bp / 100.0, 'FM990.00') || '%' AS "比率", to_char(target_bp / 100.0, 'FM990') || '%' AS "目标",
	CASE WHEN met THEN '达标' ELSE '未达标' END AS "结果"
FROM kpi_monthly WHERE month BETWEEN '2024-08-01' AND '2025-01-01' ORDER BY kpi, month, province;
\echo '   coverage coverage gaps of the sample regions and institutions (鲁医保发〔2020〕68号 二(一)(二)):'
SELECT region_code, name_en, networked || ' of ' || required AS networked, gap_en
FROM coverage_gap ORDER BY gap, region_code;
SELECT region_code AS "区划", name_zh AS "名称", networked || '/' || required AS "联网/要求", gap_zh AS "缺口"
FROM coverage_gap ORDER BY gap, region_code;
\echo '   manual claims manual claims open on 2024-10-28, due 22 working days after complete materials (吉医保发〔2019〕34号 附件第15条):'
SELECT claim_id, person_id, submitted_on, materials_complete_on, due_on, reporting_label(status, 'en') AS status,
	reporting_label(status, 'zh') AS "状态", overdue
FROM manual_claim_due_as_of('2024-10-28') WHERE claim_id BETWEEN 6100 AND 6199;
\echo '   The working-day calendar behind those dates: the National Day week 2024'
SELECT d::date AS day, to_char(d, 'Dy') AS dow, is_working_day(d::date) AS working
FROM generate_series('2024-09-28'::date, '2024-10-13'::date, '1 day') d;
-- == end demo: reporting ==

-- == demo: national interface ==
\echo
\echo '== National platform interface (国家医疗保障信息平台 接口规范)'
\echo '   Amounts: xdjy keeps fen, the platform yuan as numeric(16,2), converted exactly:'
SELECT f AS fen, fen_to_yuan(f) AS yuan
FROM unnest(ARRAY[1, -30001, 9007199254740992, 9999999999999999]::bigint[]) f;
\echo '   ... and one fen beyond numeric(16,2) is refused, never printed wrong:'
SELECT fen_to_yuan(10000000000000000);
\echo '   An amount in yuan is taken whole or refused, never rounded (YB704):'
SELECT yuan_to_fen(300.01) AS fen;
SELECT yuan_to_fen(12.345);
\echo '   Codes: visit type, emergency and trauma → med_type 医疗类别; visit type → clr_type 清算类别:'
SELECT visit_type, emergency, trauma, med_type, name_zh FROM med_type_map_effective
ORDER BY med_type, visit_type, emergency, trauma;
SELECT visit_type, clr_type, name_zh FROM clr_type_map_effective ORDER BY clr_type, visit_type;
\echo '   Builtin rows are read-only (YB701); a DBA adds a local variant as a row of higher priority:'
UPDATE med_type_map SET med_type = '24' WHERE builtin AND emergency AND NOT trauma;
INSERT INTO med_type_map (visit_type, emergency, trauma, med_type, name_zh)
	VALUES ('inpatient', true, false, '24', '急诊转住院');
SELECT visit_type, emergency, trauma, med_type, name_zh, priority, builtin
FROM med_type_map_effective WHERE priority > 0;
DELETE FROM med_type_map WHERE NOT builtin;
\echo '   setlinfo: the settlements so far, in the platform''s names:'
SELECT setl_id, psn_no, insutype, med_type, clr_type, insuplc_admdvs, mdtrtarea_admvs,
	medfee_sumamt, preselfpay_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay, psn_part_amt,
	setl_time, refd_setl_flag
FROM setlinfo ORDER BY setl_id LIMIT 8;
\echo '   3201 totals (stmt_total, refunds left out): the largest group of settlements as the'
\echo '   institution would count them (0 对平), and with its latest settlement missing (1 中心多):'
SELECT g.fixmedins_code, g.clr_optins AS setl_optins, g.insutype, g.clr_type,
	g.n - k.missing AS fixmedins_setl_cnt, t.stmt_rslt, t.stmt_rslt_dscr
FROM (SELECT fixmedins_code, clr_optins, insutype, clr_type, min(setl_time) AS b, max(setl_time) AS e,
		sum(medfee_sumamt) AS m, sum(fund_pay_sumamt) AS f, count(*)::integer AS n,
		(array_agg(medfee_sumamt ORDER BY setl_id DESC))[1] AS last_m,
		(array_agg(fund_pay_sumamt ORDER BY setl_id DESC))[1] AS last_f
	FROM setlinfo WHERE mode LIKE 'direct' AND refd_setl_flag LIKE '0' AND fixmedins_code IS NOT NULL
		AND clr_optins IS NOT NULL AND insutype IS NOT NULL AND clr_type IS NOT NULL
	GROUP BY 1, 2, 3, 4 ORDER BY count(*) DESC, 1, 2, 3, 4 LIMIT 1) g,
	LATERAL (VALUES (0), (1)) k(missing),
	LATERAL stmt_total(g.clr_optins, g.insutype, g.clr_type, g.b, g.e,
		g.m - k.missing * g.last_m, g.f - k.missing * g.last_f, 0, g.n - k.missing, '0', g.fixmedins_code) t;
\echo '   3260 remote clearing details by institution and month, and the answers (3261 / 3262):'
SELECT count(*) > 0 AS demo_clearing,
	(array_agg(medins_no ORDER BY trt_year, trt_month, medins_no))[1] AS demo_medins_no,
	(array_agg(trt_year ORDER BY trt_year, trt_month, medins_no))[1] AS demo_y,
	(array_agg(trt_month ORDER BY trt_year, trt_month, medins_no))[1] AS demo_m
FROM clearing_detail \gset
\if :demo_clearing
-- business dates, not the clock: answered on the 15th of the next month
SELECT (make_date(:demo_y, :demo_m, 1) + interval '1 month 14 days')::date AS demo_confirm_on \gset
\echo '   the institution agrees its first month on the 15th of the next month (3261), then withdraws it a day later (3262):'
SELECT clearing_confirm_month(:'demo_medins_no', :demo_y, :demo_m, '1', :'demo_confirm_on') AS confirmed;
\endif
SELECT trt_year, trt_month, medins_no, setl_cnt, medfee_sumamt, optins_pay_sumamt, agreed_cnt, open_cnt, confirmed_on
FROM clearing_confirmation_monthly ORDER BY 1, 2, 3 LIMIT 5;
\if :demo_clearing
SELECT clearing_rollback(:'demo_medins_no', :demo_y, :demo_m, (:'demo_confirm_on'::date + 1)) AS rolled_back;
\endif
\echo '   CSV export of the settlements of a period (COPY ... TO STDOUT WITH (FORMAT csv, HEADER)):'
SELECT coalesce(min(setl_time), DATE '2024-01-01') AS demo_from, coalesce(max(setl_time), DATE '2024-01-31') AS demo_to
FROM setlinfo \gset
COPY (SELECT psn_no, mdtrt_id, setl_id, insutype, med_type, medfee_sumamt, hifp_pay, psn_part_amt, setl_time
	FROM export_setlinfo(:'demo_from', :'demo_to') LIMIT 5) TO STDOUT WITH (FORMAT csv, HEADER);
-- == end demo: national interface ==
