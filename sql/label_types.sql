--
-- residence_category and filing_status: text and binary I/O, labels, casts
-- (; 鲁医保发〔2021〕46号 第一条 for the legacy group names)
--
SET search_path = xdjy, public;

-- English and Chinese labels in; English out by default
SELECT 'long_term_resident'::residence_category;
SELECT 'temporary_outside'::residence_category;
SELECT '异地长期居住人员'::residence_category;
SELECT '临时外出就医人员'::residence_category;

-- 鲁医保发〔2021〕46号 第一条(一): merged into long_term_resident
SELECT x, x::residence_category
FROM unnest(ARRAY['异地安置退休人员', '常驻异地工作人员', '长期异地居住人员',
                  '外出务工农民', '外来就业创业人员']) AS x;
-- 鲁医保发〔2021〕46号 第一条(二): merged into temporary_outside
SELECT x, x::residence_category
FROM unnest(ARRAY['转诊转院人员', '自行外出就医人员',
                  '因出差、探亲、旅游等临时在外就医人员', '临时在外就医人员',
                  '出差人员', '探亲人员', '旅游人员', '出差', '探亲', '旅游']) AS x;

-- surrounding whitespace (ASCII and U+3000) is trimmed; English in any case
SELECT '  long_term_resident  '::residence_category;
SELECT E'\t临时外出就医人员\n'::residence_category;
SELECT '　异地长期居住人员　'::residence_category;
SELECT 'Long_Term_Resident'::residence_category, 'TEMPORARY_OUTSIDE'::residence_category;

-- bad input: 22P02, literal quoted, hint lists the labels
SELECT ''::residence_category;
SELECT 'long term resident'::residence_category;
SELECT 'active'::residence_category;
SELECT 'bogus'::filing_status;

-- output language follows xdjy.language
SET xdjy.language = zh;
SELECT 'long_term_resident'::residence_category, 'temporary_outside'::residence_category;
SELECT s FROM unnest('{active,changed,cancelled,terminated}'::filing_status[]) AS s;
SET xdjy.language = en;
SELECT s FROM unnest('{有效,已变更,已取消,已终止}'::filing_status[]) AS s;
SET xdjy.language = fr;
RESET xdjy.language;

-- label() picks the language explicitly
SELECT c, label(c, 'en') AS en, label(c, 'zh') AS zh
FROM unnest('{long_term_resident,temporary_outside}'::residence_category[]) AS c;
SELECT s, label(s, 'en') AS en, label(s, 'ZH') AS zh
FROM unnest('{active,changed,cancelled,terminated}'::filing_status[]) AS s;
SELECT label('active'::filing_status, 'fr');
SELECT label(NULL::residence_category, 'en') IS NULL AS null_in_null_out;

-- casts to and from text
SELECT 'long_term_resident'::residence_category::text;
SELECT '外出务工农民'::text::residence_category;
SELECT 'terminated'::text::filing_status::text;
SELECT NULL::text::residence_category IS NULL AS null_cast;

-- binary COPY round-trips (send/recv agree)
CREATE TABLE lt_copy (cat residence_category, st filing_status);
INSERT INTO lt_copy VALUES ('long_term_resident', 'active'), ('temporary_outside', 'changed'),
	('长期异地居住人员', 'cancelled'), (NULL, 'terminated'), ('出差', NULL);
\copy lt_copy TO 'results/label_types.bin' WITH (FORMAT binary)
CREATE TABLE lt_copy2 (LIKE lt_copy);
\copy lt_copy2 FROM 'results/label_types.bin' WITH (FORMAT binary)
SELECT * FROM lt_copy2;
SELECT count(*) AS differing FROM
	((TABLE lt_copy EXCEPT ALL TABLE lt_copy2) UNION ALL (TABLE lt_copy2 EXCEPT ALL TABLE lt_copy)) d;
-- recv checks codes like input checks labels
SELECT residence_category_send('temporary_outside');
SELECT filing_status_send('terminated');
CREATE TABLE lt_bad (i int4);
INSERT INTO lt_bad VALUES (7);
\copy lt_bad TO 'results/label_types_bad.bin' WITH (FORMAT binary)
\copy lt_copy2 (cat) FROM 'results/label_types_bad.bin' WITH (FORMAT binary)
\copy lt_copy2 (st) FROM 'results/label_types_bad.bin' WITH (FORMAT binary)

-- transitions: only out of active (济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一))
SELECT f AS "from", t AS "to", filing_status_can_transition(f, t)
FROM unnest('{active,changed,cancelled,terminated}'::filing_status[]) AS f,
     unnest('{active,changed,cancelled,terminated}'::filing_status[]) AS t
ORDER BY f, t;

DROP TABLE lt_copy, lt_copy2, lt_bad;
