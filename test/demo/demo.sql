-- xdjy demo: what `make demo` prints.  Runs in a throwaway database; rows
-- the rules reject are shown with their error, then the demo goes on.
-- Every row goes in through the rules (no trigger is bypassed), and every
-- function that takes a date is given a business date: the output never
-- depends on the day the demo runs.
\pset footer off
\set VERBOSITY default
CREATE EXTENSION xdjy CASCADE;
SET search_path = xdjy, public;

\echo
\echo 'xdjy keeps the rules of cross-region medical treatment (异地就医) inside PostgreSQL.  This demo follows'
\echo 'a few insured persons from filing (备案) to settlement (结算), reconciliation, clearing and the national'
\echo 'interface.  Amounts are fen (100 fen = 1 yuan), ratios basis points (7000 bp = 70%).  A rejected step'
\echo 'prints its ERROR with DETAIL and HINT and its SQLSTATE; every rejection below is intended.'
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
\echo '   中文显示 (SET xdjy.language = zh): the same two rejections, message, detail and hint in Chinese,'
\echo '   the message as the catalogue xdjy.error_code has it, and the cause from the catalogue:'
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
\echo '   long_term at Jinan''s local 90% (鲁医保发〔2022〕26号 第二条(三)): 1234567 fen, of which 34567 outside the'
\echo '   fund''s scope; (1200000 − deductible 100000) × 90% = 990000 from the fund, 1234567 − 990000 = 244567 his'
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
\echo '   2000000 fen, 100000 outside the scope: in scope 1900000, first self-pay 190000, deductible 100000,'
\echo '   (1710000 − 100000) × 70% = 1127000 from the fund, 2000000 − 1127000 = 873000 his'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('weihai-emp-1', 'H31010100001', 'inpatient', '2024-06-03', '2024-06-12') RETURNING id AS e_huang \gset
SELECT category, category_reason, scope, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_huang, 2000000, 100000, 'INV-HY-0612', '2024-06-12');
\echo '   李强 (Jinan) with the same bill in 2021, filed for Shanghai then: first self-pay 40%:'
\echo '   (Jinan''s 2021 policy row: 4000 bp): first self-pay 760000, (1140000 − 100000) × 70% = 728000, his 1272000'
SELECT xdjy.file_temporary('jinan-emp-3', '310000', '2021-05-01', '2021-05-01') AS filing_id;
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-3', 'H31010100001', 'inpatient', '2021-05-06', '2021-05-15') RETURNING id AS e_li \gset
SELECT category, first_selfpay_bp, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_li, 2000000, 100000, 'INV-LQ-0515', '2021-05-15');

\echo
\echo '   刘洋 (Jinan resident) has no filing but comes in as an emergency in Guangzhou (济宁市医保局 异地就医十项便民措施 第五条(一)):'
\echo '   temporary at Jinan''s resident row: 300000 fen, first self-pay 10% 30000, deductible 60000,'
\echo '   (270000 − 60000) × 60% = 126000 from the fund, 174000 his'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on, emergency)
VALUES ('jinan-res-1', 'H44010600001', 'inpatient', '2024-07-01', '2024-07-05', true) RETURNING id AS e_liu \gset
SELECT category, category_reason, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_liu, 300000, 0, 'INV-LY-0705', '2024-07-05');

\echo
\echo '   吴刚 (Changchun resident scheme, long-term in Beijing): local 80% − 10 points (吉医保发〔2019〕34号 附件第2条):'
\echo '   (1000000 − deductible 60000) × 70% = 658000 from the fund, 342000 his'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('changchun-res-1', 'H11010800001', 'inpatient', '2024-04-01', '2024-04-08') RETURNING id AS e_wu \gset
SELECT category, ratio_bp, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_wu, 1000000, 0, 'INV-WG-0408', '2024-04-08');

\echo
\echo '   孙杰 (Changchun employee) in Shenzhen without filing: direct settlement refused (YB301), the attempt'
\echo '   kept, for the network success rate of 鲁医保发〔2022〕26号 第一条 (section 4):'
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
\echo '   due 22 working days after the materials are complete (吉医保发〔2019〕34号 附件第15条): from 2025-03-31,'
\echo '   with Qingming (4–6 April) off, that is 2025-04-30:'
SELECT id, submitted_on, materials_complete_on, due_on, status FROM xdjy.manual_claim;
\echo '   decided on 2025-04-18, paid at Jilin''s unfiled 20% (吉医保发〔2019〕34号 附件第3条):'
\echo '   (500000 − deductible 80000) × 20% = 84000 from the fund, 416000 his'
SELECT category, ratio_bp, deductible_fen, fund_fen, personal_fen FROM xdjy.decide_manual_claim(:claim_sun, '2025-04-18');

\echo
\echo '   王芳 (Jinan): one outpatient quota of 2000 yuan (200000 fen) a year for local and remote visits'
\echo '   (鲁医保发〔2021〕46号 第三条(三)).  In Jinan 250000 × 60% = 150000; in Beijing (temporary filing) 300000 × 50%'
\echo '   would be 150000, but only 200000 − 150000 = 50000 of the quota is left:'
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
\echo '   a correction: the Jinan visit is reversed (冲正) on 2024-02-05, its 150000 given back to the quota; the'
\echo '   invoice settles again once, at 200000 × 60% = 120000 (fund paid this year 50000 + 120000 = 170000),'
\echo '   and a second time is refused (鲁医保发〔2021〕46号 第四条):'
SELECT reverses, total_fen, fund_fen, personal_fen
FROM xdjy.reverse_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-WF-0201'), '2024-02-05');
SELECT fund_fen, invoice_seq FROM xdjy.settle(:e_wang1, 200000, 0, 'INV-WF-0201', '2024-02-05');
SELECT xdjy.settle(:e_wang1, 200000, 0, 'INV-WF-0201', '2024-02-06');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
SELECT person_id, year, quota_group, deductible_met_fen, fund_paid_fen FROM xdjy.ledger
WHERE person_id OPERATOR(pg_catalog.=) 'jinan-emp-2';
\echo '   settlements are immutable: a correction is a reversal and a new settlement, never an update:'
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

-- == demo (1.1): fee lines ==
\echo
\echo '== 3b. Fee lines (费用明细) priced against the treatment place''s catalogue (医保目录)'
\echo '   The treatment region''s catalogue decides what the fund may pay on (鲁医保发〔2022〕26号 第二条(四):'
\echo '   就医地目录).  Two regions: Shandong''s province rows, Jinan''s own row for one code, and Beijing''s rows:'
\set SHOW_CONTEXT never
INSERT INTO xdjy.med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid) VALUES
	('370000', 'DEMO-A1', '阿莫西林胶囊（甲类）', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('370000', 'DEMO-B1', '注射用头孢曲松（乙类 10%）', 'drug', '02', 1000, NULL, '[2024-01-01,)'),
	('370000', 'DEMO-C1', '进口营养液（丙类）', 'drug', '03', 0, NULL, '[2024-01-01,)'),
	('370000', 'DEMO-S1', 'CT 检查（限价 200 元）', 'service', '01', 0, 200.00, '[2024-01-01,)'),
	('370000', 'DEMO-M1', '留置针（乙类 20%，限价 30 元）', 'material', '02', 2000, 30.00, '[2024-01-01,)'),
	('370000', 'DEMO-P1', '省目录乙类药（20%）', 'drug', '02', 2000, NULL, '[2024-01-01,)'),
	('370100', 'DEMO-P1', '济南目录甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('110000', 'DEMO-A1', '阿莫西林胶囊（北京甲类）', 'drug', '01', 0, NULL, '[2024-01-01,)'),
	('110000', 'DEMO-C1', '进口营养液（北京丙类）', 'drug', '03', 0, NULL, '[2024-01-01,)');
SELECT region_code, med_list_codg, name, chrgitm_lv, selfpay_prop_bp, pric_uplmt FROM xdjy.med_list ORDER BY id;
\echo '   刘洋 (Jinan resident) stays at Jinan Central Hospital 2024-08-20 to 2024-08-23; the hospital uploads'
\echo '   the lines (2301), each priced by the C trigger against the row valid on its fee date:'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-res-1', 'H37010300001', 'inpatient', '2024-08-20', '2024-08-23') RETURNING id AS e_fee \gset
INSERT INTO xdjy.fee_detail (encounter_id, feedetl_sn, init_feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on) VALUES
	(:e_fee, 'F1', NULL, 'DEMO-A1', '2024-08-20 09:00', 3, 12.50, '2024-08-20'),
	(:e_fee, 'F2', NULL, 'DEMO-B1', '2024-08-20 10:00', 6, 85.33, '2024-08-20'),
	(:e_fee, 'F3', NULL, 'DEMO-C1', '2024-08-21 08:00', 2, 260, '2024-08-21'),
	(:e_fee, 'F4', NULL, 'DEMO-S1', '2024-08-21 11:00', 1, 320, '2024-08-21'),
	(:e_fee, 'F5', NULL, 'DEMO-M1', '2024-08-21 11:30', 4, 45, '2024-08-21'),
	(:e_fee, 'F6', NULL, 'DEMO-P1', '2024-08-22 09:00', 10, 6.6, '2024-08-22'),
	(:e_fee, 'F7', NULL, 'DEMO-Z9', '2024-08-22 15:00', 1, 88, '2024-08-22'),
	(:e_fee, 'F8', 'F2', 'DEMO-B1', '2024-08-23 08:00', -2, 85.33, '2024-08-23');
\echo '   F1 甲类 all in scope; F2 乙类 10% paid first by the person (先行自付); F3 丙类 全自费; F4 above its'
\echo '   ceiling: (320 − 200) × 1 is 超限价; F5 乙类 above its ceiling: the share is taken within it; F6 Jinan''s'
\echo '   own row (甲类) wins over the province''s 乙类 row; F7 not in the catalogue: 全自费; F8 refunds 2 of F2:'
SELECT feedetl_sn, chrgitm_lv, det_item_fee_sumamt, pric_uplmt_amt, selfpay_prop, fulamt_ownpay_amt,
	overlmt_amt, preselfpay_amt, inscp_scp_amt, listed
FROM xdjy.fee_detail_result WHERE mdtrt_id = :e_fee ORDER BY feedetl_sn;
\echo '   A line dated the day after discharge is refused:'
INSERT INTO xdjy.fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on)
VALUES (:e_fee, 'F9', 'DEMO-A1', '2024-08-24 09:00', 1, 12.50, '2024-08-24');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\echo '   The settlement takes its amounts from the lines (NULL totals): out of scope = 全自费 + 超限价, the'
\echo '   乙类 share kept out of the in-scope amount; then the resident local policy (deductible 600 yuan, 75%):'
SELECT total_fen, out_of_scope_fen, overlmt_fen, preselfpay_fen, in_scope_fen, deductible_fen, fund_fen, personal_fen,
	cardinality(fee_detail_ids) AS lines, details_received_on
FROM xdjy.settle(:e_fee, NULL, NULL, 'INV-LY-0823', '2024-08-23');
\echo '   A line after the settlement would change a settled sum: refused (a reversal comes first):'
INSERT INTO xdjy.fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on)
VALUES (:e_fee, 'F9', 'DEMO-A1', '2024-08-23 09:00', 1, 12.50, '2024-08-23');
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\echo '   The explanation starts from the lines, by class:'
SELECT step, rule, amount_fen, note
FROM xdjy.explain_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-LY-0823'), 'en')
WHERE step <= 8;
\echo '   and setlinfo carries them in the national fields (yuan):'
SELECT medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, hifp_pay, psn_part_amt
FROM xdjy.setlinfo WHERE mdtrt_id = :e_fee;
\set SHOW_CONTEXT errors
-- == end demo (1.1): fee lines ==

-- == demo: reporting ==
\echo
\echo '== 4. Reconciliation, clearing and reporting: October 2024, told day by day'
\echo '   Everything below goes in through the rules (settle, try_settle, the triggers of each table);'
\echo '   every date is a business date given explicitly, never the clock''s.'
\set SHOW_CONTEXT never
\echo
\echo '   Five stays away from the insured place in October 2024.  A: 李强 (Jinan employee) in Weihai,'
\echo '   intra-province, needs no filing (鲁医保发〔2021〕46号 第二条(三)): temporary outside, first self-pay 10%'
\echo '   (鲁医保发〔2021〕46号 第三条(二)), deductible 1 000 yuan, 70%:'
\echo '   8 000 yuan = 800000 fen; first self-pay 80000; deductible 100000; (800000 − 80000 − 100000) × 70% = 434000'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-3', 'H37100200001', 'inpatient', '2024-10-02', '2024-10-08') RETURNING id AS e_a \gset
SELECT id, category, category_reason, scope, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_a, 800000, 0, 'INV-A-1008', '2024-10-08');
SELECT id AS s_a FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-A-1008' \gset
\echo '   B: 黄勇 (Weihai employee) in Jinan, intra-province too; he met his 2024 inpatient deductible in June'
\echo '   (section 3: one ledger per person, year and quota group), so none is due now:'
\echo '   3 000 yuan: first self-pay 30000; deductible 0; (300000 − 30000) × 70% = 189000'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('weihai-emp-1', 'H37010300001', 'inpatient', '2024-10-10', '2024-10-15') RETURNING id AS e_b \gset
SELECT id, category, scope, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_b, 300000, 0, 'INV-B-1015', '2024-10-15');
SELECT id AS s_b FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-B-1015' \gset
\echo '   C: 张伟, long-term filed for Shanghai since 2024-09-05 (section 2), at Zhongshan Hospital: the local 90%'
\echo '   of Jinan (鲁医保发〔2022〕26号 第二条(三)), deductible met in May: 5 000 yuan × 90% = 450000 fen from the fund'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-emp-1', 'H31010400001', 'inpatient', '2024-10-14', '2024-10-18') RETURNING id AS e_c \gset
SELECT id, category, scope, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_c, 500000, 0, 'INV-C-1018', '2024-10-18');
SELECT id AS s_c FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-C-1018' \gset
\echo '   D: 陈静 (Jinan resident) in Beijing without a filing: the direct settlement is refused (YB301) and'
\echo '   try_settle keeps the attempt, which counts against the network success rate (鲁医保发〔2022〕26号 第一条):'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-res-2', 'H11010800001', 'inpatient', '2024-10-03', '2024-10-09') RETURNING id AS e_d \gset
SELECT xdjy.try_settle(:e_d, 400000, 0, 'INV-D-1009', '2024-10-09') IS NULL AS refused;
SELECT attempted_on, sqlstate, message FROM xdjy.settlement_attempt WHERE encounter_id = :e_d;
\echo '   she files temporary the same day, starting on her admission day (a temporary filing may start'
\echo '   any time before, 鲁医保发〔2022〕26号 第二条(二)), and the retry settles: first self-pay 10% 40000,'
\echo '   resident deductible 60000, (400000 − 40000 − 60000) × 60% = 180000'
SELECT xdjy.file_temporary('jinan-res-2', '110000', '2024-10-03', '2024-10-09') AS filing_id;
SELECT id, category, category_reason, scope, first_selfpay_fen, deductible_fen, fund_fen, personal_fen
FROM xdjy.settle(:e_d, 400000, 0, 'INV-D-1009', '2024-10-09');
SELECT id AS s_d FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-D-1009' \gset
\echo '   E: 孙杰 (Changchun employee, no filing) in Shenzhen again: refused and kept, like D; he will claim by hand.'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('changchun-emp-1', 'H44030400001', 'inpatient', '2024-10-20', '2024-10-24') RETURNING id AS e_e \gset
SELECT xdjy.try_settle(:e_e, 300000, 0, 'INV-E-1024', '2024-10-24') IS NULL AS refused;

\echo
\echo '   Three-party reconciliation (三方对账, 鲁医保发〔2022〕26号 第四条(一)): the insured place, the treatment place'
\echo '   and the platform each report every remote direct settlement; the latest report of each party counts.'
\echo '   A and D: all three agree.  B: the insured place (Weihai) has not reported, and Jinan''s day file says'
\echo '   188999 fen from the fund, one fen short.  C: the platform first sends 450100, corrected next day.'
\echo '   And the platform reports a settlement 999000001 that xdjy has never made.'
INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES
	('insured', :s_a, '2024-10-08', 800000, 434000, 366000),
	('treatment', :s_a, '2024-10-08', 800000, 434000, 366000),
	('national', :s_a, '2024-10-09', 800000, 434000, 366000),
	('treatment', :s_b, '2024-10-15', 300000, 188999, 111001),
	('national', :s_b, '2024-10-16', 300000, 189000, 111000),
	('insured', :s_c, '2024-10-18', 500000, 450000, 50000),
	('treatment', :s_c, '2024-10-18', 500000, 450000, 50000),
	('national', :s_c, '2024-10-18', 500000, 450100, 49900),
	('national', :s_c, '2024-10-19', 500000, 450000, 50000),
	('insured', :s_d, '2024-10-09', 400000, 180000, 220000),
	('treatment', :s_d, '2024-10-09', 400000, 180000, 220000),
	('national', :s_d, '2024-10-10', 400000, 180000, 220000),
	('national', 999000001, '2024-10-20', 10000, 5000, 5000);
\echo '   The daily view lists each problem once, with every party''s latest figures (fen, and yuan beside them):'
SELECT day, settlement_id, reporting_label(kind, 'en') AS problem, fund_yuan,
	insured_fund_yuan AS insured, treatment_fund_yuan AS treatment, national_fund_yuan AS national,
	insured_reports || '/' || treatment_reports || '/' || national_reports AS "reports i/t/n"
FROM reconciliation_mismatch WHERE day BETWEEN '2024-10-01' AND '2024-10-31'
ORDER BY day, settlement_id, kind;
SET xdjy.language = zh;
SELECT day AS "日期", settlement_id AS "结算ID", reporting_label(kind) AS "问题", fund_yuan AS "本系统基金支付（元）",
	treatment_fund_yuan AS "就医地（元）", national_fund_yuan AS "国家平台（元）"
FROM reconciliation_mismatch WHERE day BETWEEN '2024-10-01' AND '2024-10-31'
ORDER BY day, settlement_id, kind;
RESET xdjy.language;
\echo '   A month is reconciled by the 3rd of the next month (鲁医保发〔2022〕26号 第四条(一)).  On 2024-11-04'
\echo '   October is overdue: B does not match (mismatched 1) and the unknown settlement is not cleared up.'
\echo '   (The settlements of sections 2 and 3, 2021 to mid-2024, were never reported by any party in this demo,'
\echo '   so their months stand overdue as well; we look at October only.)'
SELECT month, settlements, matched, mismatched, unknown_settlements, reconciled_on, due_on,
	reporting_label(status, 'en') AS status, late
FROM reconciliation_monthly_as_of('2024-11-04') WHERE month = '2024-10-01';
\echo '   2024-11-05: Weihai reports B, Jinan resends B with the right amounts, and the platform withdraws'
\echo '   999000001 (sent in error: the agency deletes the report).  On 2024-11-06 October is done, two days late:'
INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES
	('insured', :s_b, '2024-11-05', 300000, 189000, 111000),
	('treatment', :s_b, '2024-11-05', 300000, 189000, 111000);
DELETE FROM xdjy.party_report WHERE settlement_id = 999000001;
SELECT month, settlements, matched, mismatched, unknown_settlements, reconciled_on, due_on,
	reporting_label(status, 'en') AS status, reporting_label(status, 'zh') AS "状态", late
FROM reconciliation_monthly_as_of('2024-11-06') WHERE month = '2024-10-01';

\echo
\echo '   Expense details of an inpatient direct settlement are uploaded within 3 calendar days'
\echo '   (鲁医保发〔2022〕26号 第三条(四) 3日内; the due day itself is in time).  A uploaded on 10-10 (due 10-11) and'
\echo '   D on 10-12 (due 10-12): in time.  B on 10-19, due 10-18: one day late.  C not at all: due 10-21.'
INSERT INTO xdjy.detail_upload (settlement_id, uploaded_on) VALUES
	(:s_a, '2024-10-10'), (:s_d, '2024-10-12'), (:s_b, '2024-10-19');
\echo '   as of 2024-10-31, the late ones of October (C: 10 days past its due day and counting):'
SELECT settlement_id, settled_on, institution_code, due_on, uploaded_on, reporting_label(status, 'en') AS status,
	reporting_label(status, 'zh') AS "状态", days_late
FROM detail_upload_overdue_as_of('2024-10-31') WHERE settled_on >= '2024-10-01';

\echo
\echo '   Monthly clearing of October (鲁医保发〔2022〕26号 第四条(二)(三)): each institution confirms the month by'
\echo '   the 20th of the next month, is paid within 30 working days of its declaration, and each insured region'
\echo '   transfers its share up (上解) before the province''s next clearing starts.'
\echo '   Weihai Municipal Hospital (A) confirms on 11-15 and declares on 11-16; it is paid on 12-11.'
INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen, total_fen, settlements)
VALUES ('2024-10-01', 'H37100200001', '2024-11-15', 434000, 800000, 1);
INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen, paid_on, paid_fen)
VALUES ('2024-10-01', 'H37100200001', '2024-11-16', 434000, '2024-12-11', 434000);
SELECT xdjy.add_working_days('2024-11-16', 30) AS "Weihai paid by (30 working days after 11-16)";
\echo '   Jinan Central Hospital (B) confirms on 11-12, rolls it back on 11-14 (确认回退: B''s amounts were in'
\echo '   question) and confirms again on 11-22, two days after the 20th:'
INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen, total_fen, settlements)
VALUES ('2024-10-01', 'H37010300001', '2024-11-12', 189000, 300000, 1);
UPDATE xdjy.clearing_confirmation SET rolled_back_on = '2024-11-14'
WHERE month = '2024-10-01' AND institution_code OPERATOR(pg_catalog.=) 'H37010300001';
INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen, total_fen, settlements)
VALUES ('2024-10-01', 'H37010300001', '2024-11-22', 189000, 300000, 1);
\echo '   Zhongshan Hospital (C) agrees every clearing row of its month through the national interface on 11-18'
\echo '   (3261 清分结果确认, cnfm_flag 1); Peking University Third Hospital (D) never answers.'
SELECT clearing_confirm_month('H31010400001', 2024, 10, '1', '2024-11-18') AS rows_agreed;
\echo '   Shandong clears November from 2024-12-10, so Jinan and Weihai transfer October up by 12-09;'
\echo '   Jinan (A, C, D: 434000 + 450000 + 180000 = 1064000 fen) does so on 12-06, Weihai (B) does not.'
INSERT INTO xdjy.provincial_clearing (province_code, month, starts_on) VALUES ('370000', '2024-11-01', '2024-12-10');
INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen)
VALUES ('2024-10-01', '370100', '2024-12-06', 1064000);
\echo '   October''s clearing as it stood on 2024-12-12, fund amounts in yuan.  done: done by the as-of day, in time'
\echo '   or not (Jinan Central''s 11-22 is after its due 11-20: compare the dates); overdue: not done and past due'
\echo '   (Peking University Third Hospital never confirmed; Weihai has not transferred B up).  Jinan pays for A,'
\echo '   C and D, whose patients it insures; the treatment regions receive what their institutions are paid:'
SELECT reporting_label(party_kind, 'en') AS party, code, settlements, fund_yuan, confirm_due_on, confirmed_on,
	reporting_label(confirm_status, 'en') AS confirmation, declared_on, pay_due_on, paid_on,
	reporting_label(pay_status, 'en') AS payment, transfer_due_on, transferred_on, reporting_label(transfer_status, 'en') AS transfer
FROM clearing_monthly_as_of('2024-12-12')
WHERE month = '2024-10-01' ORDER BY party_kind, code;

\echo
\echo '   The indicators of 鲁医保发〔2022〕26号 第一条 for October: network_success counts by treatment province'
\echo '   (Shandong: A and B, 2 of 2; Shanghai: C, 1 of 1; Beijing: D failed once, then settled: 1 of 2;'
\echo '   Guangdong: E failed: 0 of 1), target 98%;'
\echo '   cross_province_inpatient_direct counts by insured province (Shandong: C and D both direct), target 80%:'
SELECT kpi, coalesce(treatment_province, insured_province) AS code,
	CASE WHEN treatment_province IS NOT NULL THEN 'treatment' ELSE 'insured' END AS counted_as,
	province_name_en AS province, numerator || '/' || denominator AS cases, rate_percent, target_percent, met
FROM kpi_monthly WHERE month = '2024-10-01' ORDER BY kpi, code;
SELECT reporting_label(kpi, 'zh') AS "指标", province_name_zh AS "省份", rate_percent AS "比率（%）",
	target_percent AS "目标（%）", CASE WHEN met THEN '达标' ELSE '未达标' END AS "结果"
FROM kpi_monthly WHERE month = '2024-10-01' ORDER BY kpi, coalesce(treatment_province, insured_province);

\echo
\echo '   Manual claims (手工报销) are decided within 22 working days of complete materials (吉医保发〔2019〕34号'
\echo '   附件第15条).  孙杰 claims E on 2024-10-28 with invoice, medical record and expense list: due 2024-11-27.'
INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
VALUES (:e_e, 'INV-E-1024', 300000, '2024-10-28', '2024-10-28');
SELECT d AS as_of, c.claim_id, c.submitted_on, c.materials_complete_on, c.due_on,
	reporting_label(c.status, 'en') AS status, c.overdue
FROM unnest('{2024-11-05,2024-12-05}'::date[]) d, manual_claim_due_as_of(d) c
WHERE c.encounter_id = :e_e;

\echo
\echo '   Coverage (鲁医保发〔2020〕68号 二(一)(二)): every township needs a networked inpatient institution, every'
\echo '   county two networked chronic-outpatient hospitals.  The sample has few hospitals, so gaps abound:'
SELECT region_code, name_en, networked || ' of ' || required AS networked, gap_en
FROM coverage_gap ORDER BY gap, region_code;
\set SHOW_CONTEXT errors
-- == end demo: reporting ==

-- == demo: national interface ==
\echo
\echo '== 5. National platform interface (国家医疗保障信息平台 接口规范)'
\echo '   Amounts: xdjy keeps fen, the platform yuan as numeric(16,2), converted exactly:'
SELECT f AS fen, fen_to_yuan(f) AS yuan
FROM unnest(ARRAY[1, -30001, 9007199254740992, 9999999999999999]::bigint[]) f;
\echo '   ... and one fen beyond numeric(16,2) is refused (22003), never printed wrong:'
SELECT fen_to_yuan(10000000000000000);
\echo '   An amount in yuan is taken whole or refused, never rounded (YB704):'
SELECT yuan_to_fen(300.01) AS fen;
SELECT yuan_to_fen(12.345);
\echo '   Codes: visit type, emergency and trauma → med_type 医疗类别; visit type → clr_type 清算类别:'
SELECT visit_type, emergency, trauma, med_type, name_zh FROM med_type_map_effective
ORDER BY med_type, visit_type, emergency, trauma;
SELECT visit_type, clr_type, name_zh FROM clr_type_map_effective ORDER BY clr_type, visit_type;
\echo '   Builtin rows are read-only (YB701); a DBA adds a local variant as a row of higher priority'
\echo '   (here an emergency admission coded 24), and removes it again:'
UPDATE med_type_map SET med_type = '24' WHERE builtin AND emergency AND NOT trauma;
INSERT INTO med_type_map (visit_type, emergency, trauma, med_type, name_zh)
	VALUES ('inpatient', true, false, '24', '急诊转住院');
SELECT visit_type, emergency, trauma, med_type, name_zh, priority, builtin
FROM med_type_map_effective WHERE priority > 0;
DELETE FROM med_type_map WHERE NOT builtin;
\echo '   setlinfo: October''s settlements in the platform''s names (insutype 310 employee, 390 resident;'
\echo '   med_type and clr_type 21 inpatient; pool_prop_selfpay the ratio applied):'
SELECT setl_id, psn_no, insutype, med_type, clr_type, insuplc_admdvs, mdtrtarea_admvs,
	medfee_sumamt, preselfpay_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay, psn_part_amt,
	setl_time, refd_setl_flag
FROM setlinfo WHERE setl_time BETWEEN '2024-10-01' AND '2024-10-31' ORDER BY setl_id;
\echo '   3201 statement totals (stmt_total): Jinan Central Hospital''s outpatient settlements of February 2024'
\echo '   for Jinan (王芳, section 3: 2500.00 and, after the reversal, 2000.00 yuan; refunds left out) as the'
\echo '   institution counts them: 2 settlements, 4500.00 yuan, 2700.00 from the fund, 0 对平 (balanced);'
\echo '   and as an institution that missed the second one would: 1 中心多 (the centre has more):'
SELECT v.fixmedins_setl_cnt, t.stmt_rslt, t.stmt_rslt_dscr
FROM (VALUES (2, 4500.00, 2700.00), (1, 2500.00, 1500.00)) v(fixmedins_setl_cnt, medfee, fund),
	LATERAL stmt_total('370100', '310', '11', '2024-02-01', '2024-02-29', v.medfee, v.fund, 0,
		v.fixmedins_setl_cnt, '0', 'H37010300001') t;
\echo '   3260 clearing details of October, with the 3261 answers: only Zhongshan answered through the interface'
\echo '   (on 2024-11-18, above); the others confirmed their month as clearing_confirmation rows, so their rows'
\echo '   show no cnfm_flag and stay open here:'
SELECT setl_sn, medins_no, psn_no, medfee_sumamt, optins_pay_sumamt, insuplc_admdvs, cnfm_flag, cnfm_date
FROM clearing_detail WHERE trt_year = 2024 AND trt_month = 10 ORDER BY setl_sn;
SELECT trt_year, trt_month, medins_no, setl_cnt, medfee_sumamt, optins_pay_sumamt, agreed_cnt, open_cnt, confirmed_on
FROM clearing_confirmation_monthly WHERE trt_year = 2024 AND trt_month = 10 ORDER BY medins_no;
\echo '   CSV export of October''s settlements (COPY (SELECT ... FROM export_setlinfo(from, to)) TO STDOUT WITH (FORMAT csv, HEADER)):'
COPY (SELECT psn_no, mdtrt_id, setl_id, insutype, med_type, medfee_sumamt, hifp_pay, psn_part_amt, setl_time
	FROM export_setlinfo('2024-10-01', '2024-10-31')) TO STDOUT WITH (FORMAT csv, HEADER);
-- == end demo: national interface ==

-- == demo (1.1): accounts ==
\echo
\echo '== 6. Personal accounts (个人账户) and special drugs (特药)'
\echo '   The personal account is usable across the province (鲁医保发〔2020〕68号 二(五) "省内通用"); a settlement'
\echo '   asked to (acct_used => true, 2304 acct_used_flag 1) pays the personal share from it as far as the'
\echo '   balance goes, the rest in cash.  Jinan credits 李强''s account with 300.00 yuan on 2024-11-01:'
\set SHOW_CONTEXT never
INSERT INTO xdjy.personal_account_movement (person_id, kind, amount_fen, moved_on)
VALUES ('jinan-emp-3', 'credit', 30000, '2024-11-01');
SELECT person_id, balance_fen FROM xdjy.personal_account WHERE person_id OPERATOR(pg_catalog.=) 'jinan-emp-3';
\echo '   Two outpatient visits at Qilu Hospital, 500.00 yuan each (Jinan employee outpatient: 60 %, so he'
\echo '   bears 200.00 yuan each): the first is paid from the account in full, the second with the 100.00 left'
\echo '   and 100.00 in cash:'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
VALUES ('jinan-emp-3', 'H37010200001', 'outpatient', '2024-11-05') RETURNING id AS e_acct1 \gset
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
VALUES ('jinan-emp-3', 'H37010200001', 'outpatient', '2024-11-06') RETURNING id AS e_acct2 \gset
SELECT invoice_no, fund_fen, personal_fen, acct_pay_fen, cash_pay_fen, acct_balance_fen
FROM xdjy.settle(:e_acct1, 50000, 0, 'INV-LQ-1105', '2024-11-05', acct_used => true);
SELECT invoice_no, fund_fen, personal_fen, acct_pay_fen, cash_pay_fen, acct_balance_fen
FROM xdjy.settle(:e_acct2, 50000, 0, 'INV-LQ-1106', '2024-11-06', acct_used => true);
\echo '   The account never goes below zero: a debit of 1 fen from the empty account is refused:'
INSERT INTO xdjy.personal_account_movement (person_id, kind, amount_fen, moved_on, settlement_id)
SELECT 'jinan-emp-3', 'debit', -1, '2024-11-06', s.id FROM xdjy.settlement s
WHERE s.invoice_no OPERATOR(pg_catalog.=) 'INV-LQ-1106';
\echo '   SQLSTATE' :LAST_ERROR_SQLSTATE
\echo '   The ledger (append-only), the balance after each movement, and the national fields (yuan):'
SELECT kind, amount_fen, moved_on, settlement_id IS NOT NULL AS "by a settlement", balance_after_fen
FROM xdjy.personal_account_movement WHERE person_id OPERATOR(pg_catalog.=) 'jinan-emp-3' ORDER BY id;
SELECT setl_id, psn_part_amt, acct_pay, psn_cash_pay, balc
FROM xdjy.setlinfo WHERE mdtrt_id IN (:e_acct1, :e_acct2) ORDER BY setl_id;
\echo '   The explanation ends with the account step: the amount, the balance before and after:'
SELECT step, rule, amount_fen, source, note
FROM xdjy.explain_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-LQ-1106'), 'en')
WHERE rule IN ('personal', 'personal_account');
\echo
\echo '   Special drugs (吉医保发〔2019〕34号 附件第13条): bought at a designated special-drug pharmacy'
\echo '   (特药定点零售药店) by a person with the outpatient special-disease benefit (门诊特殊疾病待遇), they settle'
\echo '   under that benefit, as chronic/special outpatient care; at any other pharmacy they do not.  A special'
\echo '   drug in the catalogue, a special-drug pharmacy, Jinan''s pharmacy and chronic/special outpatient'
\echo '   policies, and 李强''s benefit from 2024-11-01:'
INSERT INTO xdjy.med_list (region_code, med_list_codg, name, kind, chrgitm_lv, valid, special_drug)
VALUES ('370000', 'DEMO-SD1', '曲妥珠单抗注射液（特药）', 'drug', '01', '[2024-01-01,)', true);
INSERT INTO xdjy.institution (code, name_zh, name_en, region_code, tier, specialty, kind, ownership,
		networked_inpatient, networked_outpatient, networked_chronic, special_drug_pharmacy)
VALUES ('P37010300002', '济南特药定点药店', 'Jinan special-drug pharmacy', '370103', 0, false, 'pharmacy', 'private',
	false, true, false, true);
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('370100', 'employee', 'local', 'pharmacy', '[2021-01-01,)', 0, 5000, 0, 200000, 'outpatient', '济南职工药店购药'),
	('370100', 'employee', 'local', 'chronic_outpatient', '[2021-01-01,)', 0, 8500, 0, 5000000, 'chronic', '济南职工门诊慢特病');
INSERT INTO xdjy.person_attribute (person_id, kind, valid) VALUES ('jinan-emp-3', 'special_disease', '[2024-11-01,)');
SELECT code, name_zh, special_drug_pharmacy FROM xdjy.institution
WHERE code IN ('P37010300002', 'P37010200001') ORDER BY code DESC;
\echo '   The same box of 1200.00 yuan bought at each pharmacy (the pharmacy uploads the line, 2301):'
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
VALUES ('jinan-emp-3', 'P37010300002', 'pharmacy', '2024-11-10') RETURNING id AS e_sd1 \gset
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
VALUES ('jinan-emp-3', 'P37010200001', 'pharmacy', '2024-11-11') RETURNING id AS e_sd2 \gset
INSERT INTO xdjy.fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on) VALUES
	(:e_sd1, 'SD1', 'DEMO-SD1', '2024-11-10 10:00', 1, 1200.00, '2024-11-10'),
	(:e_sd2, 'SD1', 'DEMO-SD1', '2024-11-11 10:00', 1, 1200.00, '2024-11-11');
SELECT s.institution_code, p.visit_type AS "priced as", s.ratio_bp, s.total_fen, s.fund_fen, s.personal_fen, s.quota_group
FROM (SELECT * FROM xdjy.settle(:e_sd1, NULL, NULL, 'INV-LQ-SD-1110', '2024-11-10')
	UNION ALL SELECT * FROM xdjy.settle(:e_sd2, NULL, NULL, 'INV-LQ-SD-1111', '2024-11-11')) s
JOIN xdjy.policy p ON p.id OPERATOR(pg_catalog.=) s.policy_id
ORDER BY s.settled_on;
\echo '   The explanation names the rule, the pharmacy and the benefit (in Chinese):'
SELECT step, rule, source, note
FROM xdjy.explain_settlement((SELECT id FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'INV-LQ-SD-1110'), 'zh')
WHERE rule IN ('待遇类别', '特药', '待遇政策');
\set SHOW_CONTEXT errors
-- == end demo (1.1): accounts ==
