-- residence_category and filing_status: every label in, both languages out,
-- bad input rejected with 22P02, the 16-pair transition matrix.
--; 鲁医保发〔2021〕46号 第一条 (legacy groups); 济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一).
BEGIN;
SELECT plan(96);
SET LOCAL search_path = xdjy, public;

-- residence_category: every accepted spelling ---------------------------
SELECT is(x::residence_category::text, 'long_term_resident', format('%L is long_term_resident', translate(x, E'\n\t', '  ')))
FROM unnest(ARRAY['long_term_resident', 'LONG_TERM_RESIDENT', 'Long_term_Resident',
	' long_term_resident', E'long_term_resident\t', '异地长期居住人员', '　异地长期居住人员',
	-- 鲁医保发〔2021〕46号 第一条(一)
	'异地安置退休人员', '常驻异地工作人员', '长期异地居住人员', '外出务工农民', '外来就业创业人员']) x;
SELECT is(x::residence_category::text, 'temporary_outside', format('%L is temporary_outside', translate(x, E'\n\t', '  ')))
FROM unnest(ARRAY['temporary_outside', 'Temporary_Outside', E'\ntemporary_outside\n', '临时外出就医人员',
	-- 鲁医保发〔2021〕46号 第一条(二)
	'转诊转院人员', '自行外出就医人员', '因出差、探亲、旅游等临时在外就医人员', '临时在外就医人员',
	'出差人员', '探亲人员', '旅游人员', '出差', '探亲', '旅游']) x;

-- filing_status: every accepted spelling --------------------------------
SELECT is(x::filing_status::text, y, format('%L is %s', x, y))
FROM (VALUES ('active', 'active'), ('有效', 'active'), ('ACTIVE', 'active'), (' 有效 ', 'active'),
	('changed', 'changed'), ('已变更', 'changed'), ('cancelled', 'cancelled'), ('已取消', 'cancelled'),
	('terminated', 'terminated'), ('已终止', 'terminated')) v(x, y);

-- both languages out ----------------------------------------------------
SET LOCAL xdjy.language = zh;
SELECT is('long_term_resident'::residence_category::text, '异地长期居住人员', 'zh output: 异地长期居住人员');
SELECT is('temporary_outside'::residence_category::text, '临时外出就医人员', 'zh output: 临时外出就医人员');
SELECT is(array_agg(s::text ORDER BY s)::text, '{有效,已变更,已取消,已终止}', 'zh output of every filing_status')
FROM unnest('{active,changed,cancelled,terminated}'::filing_status[]) s;
SET LOCAL xdjy.language = en;
SELECT is(array_agg(s::text ORDER BY s)::text, '{active,changed,cancelled,terminated}', 'en output of every filing_status')
FROM unnest('{有效,已变更,已取消,已终止}'::filing_status[]) s;
SELECT is(label('temporary_outside'::residence_category, 'zh'), '临时外出就医人员', 'label(..., zh) whatever the GUC');
SELECT is(label('已取消'::filing_status, 'EN'), 'cancelled', 'label(..., EN) is case-insensitive');
SELECT throws_ok($$SELECT label('active'::filing_status, 'de')$$, '22023', NULL, 'label() with an unknown language: 22023');
SELECT throws_ok($$SET xdjy.language = 'jp'$$, '22023', NULL, 'xdjy.language accepts only en and zh');

-- 22P02 for anything else -----------------------------------------------
SELECT throws_ok(format('SELECT %L::xdjy.residence_category', x), '22P02', NULL,
	format('residence_category rejects %L', translate(x, E'\n\t', '  ')))
FROM unnest(ARRAY['', ' ', 'long_term', 'long term resident', 'long-term-resident', 'longtermresident',
	'temporary', 'temporary_outsides', 'long_term_resident,', '"long_term_resident"', '1', '0',
	'active', 'NULL', '异地长期居住', '长期居住人员', '临时外出', '异地就医', '出差人员们', E'转诊\n转院人员',
	'ｌｏｎｇ＿ｔｅｒｍ＿ｒｅｓｉｄｅｎｔ', 'long_term_resident long_term_resident']) x;
SELECT throws_ok(format('SELECT %L::xdjy.filing_status', x), '22P02', NULL,
	format('filing_status rejects %L', x))
FROM unnest(ARRAY['', 'activ', 'actives', 'canceled', 'closed', 'open', '变更', '有 效', 'long_term_resident', 'true']) x;

-- NULL handling ---------------------------------------------------------
SELECT is(NULL::text::residence_category, NULL, 'NULL text casts to NULL');
SELECT is(label(NULL::filing_status, 'zh'), NULL, 'label(NULL) is NULL');
SELECT is(filing_status_can_transition(NULL, 'active'), NULL, 'transition from NULL is NULL');
SELECT is(NULL::residence_category = 'temporary_outside', NULL, 'NULL = x is NULL');

-- 济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一): a status moves only out of active -------------
SELECT is(filing_status_can_transition(f, t), f = 'active' AND t <> 'active',
	format('transition %s -> %s %s', f, t, CASE WHEN f = 'active' AND t <> 'active' THEN 'allowed' ELSE 'refused' END))
FROM unnest('{active,changed,cancelled,terminated}'::filing_status[]) f,
     unnest('{active,changed,cancelled,terminated}'::filing_status[]) t;

SELECT * FROM finish();
ROLLBACK;
