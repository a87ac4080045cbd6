/* xdjy--1.0.sql: cross-region medical treatment (异地就医) rules */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION xdjy" to load this file. \quit

-- Built-ins are written pg_catalog-qualified where a schema-less name could
-- be shadowed; every function has a fixed search_path.

--------------------------------------------------------------------------
-- Label types: residence_category, filing_status (SPEC §1)
--------------------------------------------------------------------------

CREATE TYPE residence_category;

CREATE FUNCTION residence_category_in(cstring) RETURNS residence_category
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION residence_category_out(residence_category) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION residence_category_recv(internal) RETURNS residence_category
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION residence_category_send(residence_category) RETURNS bytea
	AS 'MODULE_PATHNAME', 'xdjy_label_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE residence_category (
	INPUT = residence_category_in,
	OUTPUT = residence_category_out,
	RECEIVE = residence_category_recv,
	SEND = residence_category_send,
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE residence_category IS
	'who a filing is for: long_term_resident (异地长期居住人员) or temporary_outside (临时外出就医人员); accepts the legacy group names of 鲁医保发〔2021〕46号 §一';

CREATE TYPE filing_status;

CREATE FUNCTION filing_status_in(cstring) RETURNS filing_status
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION filing_status_out(filing_status) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION filing_status_recv(internal) RETURNS filing_status
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION filing_status_send(filing_status) RETURNS bytea
	AS 'MODULE_PATHNAME', 'xdjy_label_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE filing_status (
	INPUT = filing_status_in,
	OUTPUT = filing_status_out,
	RECEIVE = filing_status_recv,
	SEND = filing_status_send,
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE filing_status IS
	'state of a filing (备案): active (有效), changed (已变更), cancelled (已取消), terminated (已终止)';

-- functions ---------------------------------------------------------------

CREATE FUNCTION label(residence_category, lang text) RETURNS text
	AS 'MODULE_PATHNAME', 'residence_category_label'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION label(residence_category, text) IS
	'the label of a residence category in a given language (en or zh)';

CREATE FUNCTION label(filing_status, lang text) RETURNS text
	AS 'MODULE_PATHNAME', 'filing_status_label'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION label(filing_status, text) IS
	'the label of a filing status in a given language (en or zh)';

CREATE FUNCTION filing_status_can_transition("from" filing_status, "to" filing_status)
	RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION filing_status_can_transition(filing_status, filing_status) IS
	'true only for a move out of active (001 §四(一), 004 §二(一))';

-- comparison support, one C compare shared by both types -----------------

CREATE FUNCTION residence_category_cmp(residence_category, residence_category) RETURNS integer
	AS 'MODULE_PATHNAME', 'xdjy_label_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_eq(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_ne(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_lt(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_le(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_gt(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_ge(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_hash(residence_category) RETURNS integer
	AS 'MODULE_PATHNAME', 'xdjy_label_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_hash_extended(residence_category, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'xdjy_label_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION filing_status_cmp(filing_status, filing_status) RETURNS integer
	AS 'MODULE_PATHNAME', 'xdjy_label_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_eq(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_ne(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_lt(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_le(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_gt(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_ge(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_hash(filing_status) RETURNS integer
	AS 'MODULE_PATHNAME', 'xdjy_label_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_hash_extended(filing_status, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'xdjy_label_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

-- casts: text round-trips through the I/O functions ----------------------

CREATE CAST (residence_category AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (text AS residence_category) WITH INOUT AS ASSIGNMENT;
CREATE CAST (filing_status AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (text AS filing_status) WITH INOUT AS ASSIGNMENT;

-- operators ---------------------------------------------------------------

CREATE OPERATOR = (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR <> (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_lt, COMMUTATOR = >, NEGATOR = >=,
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_le, COMMUTATOR = >=, NEGATOR = >,
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_gt, COMMUTATOR = <, NEGATOR = <=,
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_ge, COMMUTATOR = <=, NEGATOR = <,
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR = (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR <> (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_lt, COMMUTATOR = >, NEGATOR = >=,
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_le, COMMUTATOR = >=, NEGATOR = >,
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_gt, COMMUTATOR = <, NEGATOR = <=,
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_ge, COMMUTATOR = <=, NEGATOR = <,
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- operator classes --------------------------------------------------------

CREATE OPERATOR CLASS residence_category_ops
	DEFAULT FOR TYPE residence_category USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 residence_category_cmp(residence_category, residence_category);
CREATE OPERATOR CLASS residence_category_ops
	DEFAULT FOR TYPE residence_category USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 residence_category_hash(residence_category),
	FUNCTION 2 residence_category_hash_extended(residence_category, bigint);

CREATE OPERATOR CLASS filing_status_ops
	DEFAULT FOR TYPE filing_status USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 filing_status_cmp(filing_status, filing_status);
CREATE OPERATOR CLASS filing_status_ops
	DEFAULT FOR TYPE filing_status USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 filing_status_hash(filing_status),
	FUNCTION 2 filing_status_hash_extended(filing_status, bigint);

--------------------------------------------------------------------------
-- Error catalogue (SPEC §4 R6; 004 §五(三)): one row per SQLSTATE of
-- class YB that src/errors.h names.  Filled by the sections that add rules.
--------------------------------------------------------------------------

CREATE TABLE error_code (
	code		char(5) PRIMARY KEY CHECK (code ~ '^YB[0-9A-Z]{3}$'),
	category	text NOT NULL,
	message_en	text NOT NULL,
	message_zh	text NOT NULL,
	cause_en	text NOT NULL,
	cause_zh	text NOT NULL
);
COMMENT ON TABLE error_code IS
	'catalogue of xdjy''s own SQLSTATEs (class YB), classified, with cause in English and Chinese (004 §五(三))';

INSERT INTO error_code VALUES
('YB001', 'reference', 'unknown reference', '引用的对象不存在',
 'A person, region, institution, filing, encounter or settlement named in the request does not exist.',
 '请求中的参保人、区划、定点机构、备案、就诊或结算记录不存在。');

--------------------------------------------------------------------------
-- Rows that ship with xdjy (builtin = true) stay as shipped: they are not
-- dumped (pg_extension_config_dump ... 'WHERE NOT builtin') and CREATE
-- EXTENSION brings them back, so only the extension's scripts write them.
-- Arguments: the kind of rows (holiday | policy_rule | national_map, which
-- picks the SQLSTATE), then the key columns that name a row in errors.
--------------------------------------------------------------------------

CREATE FUNCTION builtin_guard_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION builtin_guard_trigger() IS
	'keeps rows shipped with xdjy (builtin = true) as shipped: only the extension''s scripts write them (YB504, YB601, YB701)';

--------------------------------------------------------------------------
-- Reference data (SPEC §6): regions, institutions, persons, channels.
-- Filled by the DBA; the region codes of a small national sample ship
-- with the extension (builtin = true) and are not dumped, everything the
-- DBA adds is (pg_extension_config_dump).
--------------------------------------------------------------------------

CREATE TABLE region (
	code		text PRIMARY KEY,
	name_zh		text NOT NULL,
	name_en		text,
	level		text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
	parent_code	text REFERENCES region (code),
	is_pooling	boolean NOT NULL DEFAULT false,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT region_code_form CHECK (CASE WHEN level = 'township'
		THEN code ~ '^[0-9]{9}$' ELSE code ~ '^[0-9]{6}$' END),
	CONSTRAINT region_parent_level CHECK ((level = 'province') = (parent_code IS NULL))
);
CREATE INDEX region_parent_code_idx ON region (parent_code);
COMMENT ON TABLE region IS
	'administrative divisions (行政区划): 6-digit province/city/county codes, 9-digit townships; is_pooling marks a pooling region (统筹区)';
COMMENT ON COLUMN region.code IS 'administrative division code (行政区划代码), e.g. 370100 济南市';
COMMENT ON COLUMN region.is_pooling IS 'a pooling region (统筹区): insured_region and filing destinations are pooling regions';
COMMENT ON COLUMN region.builtin IS 'shipped with xdjy (not dumped; CREATE EXTENSION recreates it)';
SELECT pg_catalog.pg_extension_config_dump('region', 'WHERE NOT builtin');

CREATE TABLE institution (
	code		text PRIMARY KEY,
	name_zh		text NOT NULL,
	name_en		text,
	region_code	text NOT NULL REFERENCES region (code),
	tier		smallint NOT NULL DEFAULT 0 CHECK (tier BETWEEN 0 AND 3),
	specialty	boolean NOT NULL DEFAULT false,
	kind		text NOT NULL DEFAULT 'hospital' CHECK (kind IN ('hospital', 'pharmacy')),
	ownership	text NOT NULL DEFAULT 'public' CHECK (ownership IN ('public', 'private')),
	networked_inpatient boolean NOT NULL DEFAULT false,
	networked_outpatient boolean NOT NULL DEFAULT false,
	networked_chronic boolean NOT NULL DEFAULT false
);
CREATE INDEX institution_region_code_idx ON institution (region_code);
COMMENT ON TABLE institution IS 'designated medical institutions and pharmacies (定点医药机构)';
COMMENT ON COLUMN institution.code IS 'fixmedins_code 定点医药机构编号';
COMMENT ON COLUMN institution.region_code IS 'where it is: a county, city or township code; its pooling region is found by walking up';
COMMENT ON COLUMN institution.tier IS 'hospital tier (医院等级): 3 三级, 2 二级, 1 一级, 0 ungraded/未定级';
COMMENT ON COLUMN institution.specialty IS 'specialty hospital (专科医院), 002 #7';
COMMENT ON COLUMN institution.ownership IS 'public (公立) or private (社会办); one policy for both (002 #6)';
COMMENT ON COLUMN institution.networked_inpatient IS 'open for cross-region direct settlement of inpatient stays (住院联网结算)';
COMMENT ON COLUMN institution.networked_outpatient IS 'open for cross-region direct settlement of outpatient visits (普通门诊联网结算)';
COMMENT ON COLUMN institution.networked_chronic IS 'open for cross-region direct settlement of chronic/special disease outpatient care (门诊慢特病联网结算)';
SELECT pg_catalog.pg_extension_config_dump('institution', '');

CREATE TABLE person (
	id				text PRIMARY KEY,
	name			text NOT NULL,
	insured_region	text NOT NULL REFERENCES region (code),
	scheme			text NOT NULL CHECK (scheme IN ('employee', 'resident'))
);
CREATE INDEX person_insured_region_idx ON person (insured_region);
COMMENT ON TABLE person IS 'insured persons (参保人员)';
COMMENT ON COLUMN person.id IS 'psn_no 人员编号';
COMMENT ON COLUMN person.insured_region IS 'insuplc_admdvs 参保地医保区划: a pooling region';
COMMENT ON COLUMN person.scheme IS 'insutype 险种类型: employee (职工医保, 310) or resident (城乡居民医保, 390)';
SELECT pg_catalog.pg_extension_config_dump('person', '');

-- F2, 000 §二(二), 001 §一–二: the channels a filing may come through
CREATE TABLE channel (
	code		text PRIMARY KEY,
	name_en		text NOT NULL,
	name_zh		text NOT NULL
);
COMMENT ON TABLE channel IS 'filing channels (备案渠道), 000 §二(二) and 001 §一、二';
INSERT INTO channel VALUES
	('window', 'service hall window', '医保服务大厅窗口'),
	('grassroots', 'grassroots insurance station', '基层医保工作站'),
	('website', 'official website', '医保官方网站'),
	('app', 'national insurance service app', '国家医保服务平台APP'),
	('mini_program', 'mini-program', '小程序'),
	('phone', 'service telephone', '服务电话'),
	('fax', 'fax', '传真'),
	('hospital', 'designated hospital', '定点医疗机构');

-- The pooling region (统筹区) a region belongs to: itself if it is one,
-- else the nearest pooling ancestor; NULL for an unknown code or a region
-- under no pooling region.
CREATE FUNCTION pooling_region(region_code text) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH RECURSIVE up(code, parent_code, is_pooling, depth) AS (
		SELECT r.code, r.parent_code, r.is_pooling, 0
		FROM xdjy.region r WHERE r.code OPERATOR(pg_catalog.=) region_code
		UNION ALL
		SELECT r.code, r.parent_code, r.is_pooling, up.depth + 1
		FROM xdjy.region r JOIN up ON r.code OPERATOR(pg_catalog.=) up.parent_code
		WHERE NOT up.is_pooling AND up.depth < 8
	)
	SELECT up.code FROM up WHERE up.is_pooling ORDER BY up.depth LIMIT 1;
END;
COMMENT ON FUNCTION pooling_region(text) IS
	'the pooling region (统筹区) of a region: itself or its nearest pooling ancestor';

CREATE FUNCTION treatment_scope(insured_region text, treatment_region text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION treatment_scope(text, text) IS
	'local (本地), intra_province (省内跨市) or cross_province (跨省), from two pooling-region codes';

-- A small national sample of administrative divisions (行政区划), shipped
-- as builtin rows: enough for the demo, the tests and a first look.  DBAs
-- add their own (dumped); builtin rows come back with CREATE EXTENSION.
INSERT INTO region (code, name_zh, name_en, level, parent_code, is_pooling, builtin) VALUES
	-- Shandong 山东省 (37)
	('370000', '山东省', 'Shandong', 'province', NULL, false, true),
	('370100', '济南市', 'Jinan', 'city', '370000', true, true),
	('370102', '历下区', 'Lixia District', 'county', '370100', false, true),
	('370103', '市中区', 'Shizhong District', 'county', '370100', false, true),
	('370112', '历城区', 'Licheng District', 'county', '370100', false, true),
	('370102001', '解放路街道', 'Jiefanglu Subdistrict', 'township', '370102', false, true),
	('370102002', '千佛山街道', 'Qianfoshan Subdistrict', 'township', '370102', false, true),
	('370103001', '大观园街道', 'Daguanyuan Subdistrict', 'township', '370103', false, true),
	('370112001', '山大路街道', 'Shandalu Subdistrict', 'township', '370112', false, true),
	('370112101', '唐王街道', 'Tangwang Subdistrict', 'township', '370112', false, true),
	('370800', '济宁市', 'Jining', 'city', '370000', true, true),
	('370811', '任城区', 'Rencheng District', 'county', '370800', false, true),
	('370830', '汶上县', 'Wenshang County', 'county', '370800', false, true),
	('370881', '曲阜市', 'Qufu', 'county', '370800', false, true),
	('370811001', '古槐街道', 'Guhuai Subdistrict', 'township', '370811', false, true),
	('370830100', '汶上街道', 'Wenshang Subdistrict', 'township', '370830', false, true),
	('370881001', '鲁城街道', 'Lucheng Subdistrict', 'township', '370881', false, true),
	('371000', '威海市', 'Weihai', 'city', '370000', true, true),
	('371002', '环翠区', 'Huancui District', 'county', '371000', false, true),
	('371082', '荣成市', 'Rongcheng', 'county', '371000', false, true),
	('371083', '乳山市', 'Rushan', 'county', '371000', false, true),
	('371002001', '环翠楼街道', 'Huancuilou Subdistrict', 'township', '371002', false, true),
	('371082001', '崖头街道', 'Yatou Subdistrict', 'township', '371082', false, true),
	('371083100', '夏村镇', 'Xiacun Town', 'township', '371083', false, true),
	-- Jilin 吉林省 (22)
	('220000', '吉林省', 'Jilin', 'province', NULL, false, true),
	('220100', '长春市', 'Changchun', 'city', '220000', true, true),
	('220102', '南关区', 'Nanguan District', 'county', '220100', false, true),
	('220104', '朝阳区', 'Chaoyang District', 'county', '220100', false, true),
	('220102001', '南岭街道', 'Nanling Subdistrict', 'township', '220102', false, true),
	('220200', '吉林市', 'Jilin City', 'city', '220000', true, true),
	('220202', '昌邑区', 'Changyi District', 'county', '220200', false, true),
	-- Beijing 北京市 (11), pooled at provincial level
	('110000', '北京市', 'Beijing', 'province', NULL, true, true),
	('110105', '朝阳区', 'Chaoyang District', 'county', '110000', false, true),
	('110108', '海淀区', 'Haidian District', 'county', '110000', false, true),
	('110105001', '建外街道', 'Jianwai Subdistrict', 'township', '110105', false, true),
	-- Shanghai 上海市 (31), pooled at provincial level
	('310000', '上海市', 'Shanghai', 'province', NULL, true, true),
	('310101', '黄浦区', 'Huangpu District', 'county', '310000', false, true),
	('310104', '徐汇区', 'Xuhui District', 'county', '310000', false, true),
	-- Guangdong 广东省 (44)
	('440000', '广东省', 'Guangdong', 'province', NULL, false, true),
	('440100', '广州市', 'Guangzhou', 'city', '440000', true, true),
	('440106', '天河区', 'Tianhe District', 'county', '440100', false, true),
	('440300', '深圳市', 'Shenzhen', 'city', '440000', true, true),
	('440304', '福田区', 'Futian District', 'county', '440300', false, true),
	('440305', '南山区', 'Nanshan District', 'county', '440300', false, true);

-- == reference data rules and sample regions (filings work) ==

-- SPEC §6: a person is insured in a pooling region (统筹区); an institution
-- lies under one, so every treatment has a treatment place (000 §三(四)).
-- A person's insured region may not become the destination of one of their
-- active filings (F3).  Rules in C (src/reference.c).
CREATE FUNCTION person_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION person_rules_trigger() IS
	'person rules: insured_region is a pooling region and no active filing''s destination (SPEC §6, 000 §三(四))';
CREATE TRIGGER person_rules BEFORE INSERT OR UPDATE ON person
	FOR EACH ROW EXECUTE FUNCTION person_rules_trigger();

CREATE FUNCTION institution_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION institution_rules_trigger() IS
	'institution rules: its region lies under a pooling region (SPEC §6)';
CREATE TRIGGER institution_rules BEFORE INSERT OR UPDATE ON institution
	FOR EACH ROW EXECUTE FUNCTION institution_rules_trigger();

INSERT INTO error_code VALUES
('YB190', 'reference', 'insured region is not a pooling region', '参保地不是统筹区',
 'A person''s insured region must be a pooling region (统筹区), not a county or township below it.',
 '参保人员的参保地须为统筹区，不能是其下的区县或乡镇街道。'),
('YB191', 'reference', 'institution region belongs to no pooling region', '定点机构所在区划不属于任何统筹区',
 'An institution must lie in a region under a pooling region, so that the treatment place of its encounters is known.',
 '定点医药机构须位于某统筹区下的区划，才能确定就医地。'),
('YB192', 'reference', 'insured region is the destination of an active filing', '参保地与有效备案的就医地相同',
 'The person has an active filing to the region named as the new insured region; a filing never names the insured place (000 §三(四)).',
 '参保人员有备案到该区划的有效备案，备案地不能是参保地；请先取消或终止该备案。');

-- == end of reference data rules ==

--------------------------------------------------------------------------
-- Working-day calendar (SPEC R7)
--------------------------------------------------------------------------

-- == calendar ==

-- R7: one row per day that breaks the weekday rule: a public holiday on a
-- weekday (is_workday = false) or a Saturday/Sunday swapped into a working
-- day (调休, is_workday = true).  Rows for holiday days that fall on a
-- weekend are kept too, so the table reads like the notice.  Every other
-- day is a working day from Monday to Friday.  The State Council notices
-- for 2022-2026 ship as builtin rows (not dumped, recreated by CREATE
-- EXTENSION, read-only); the DBA adds later years (dumped).
CREATE TABLE holiday (
	day			date PRIMARY KEY CHECK (pg_catalog.isfinite(day)),
	is_workday	boolean NOT NULL,
	note		text,
	builtin		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE holiday IS
	'working-day calendar (R7): a row overrides the Monday-to-Friday rule for its day (法定节假日 or 调休上班); builtin rows are the State Council notices 2022-2026';
COMMENT ON COLUMN holiday.is_workday IS 'true: a Saturday or Sunday worked (调休上班); false: a day off (放假)';
COMMENT ON COLUMN holiday.builtin IS 'shipped with xdjy (read-only, not dumped; CREATE EXTENSION recreates it)';
SELECT pg_catalog.pg_extension_config_dump('holiday', 'WHERE NOT builtin');

INSERT INTO error_code VALUES
('YB601', 'calendar', 'builtin holiday rows are maintained by the extension', '内置节假日数据由扩展维护',
 'A builtin row of xdjy.holiday (the State Council holiday notices) was inserted, updated, deleted or truncated; only rows with builtin = false may be changed.',
 '试图新增、修改、删除或清空 xdjy.holiday 中的内置行（国务院节假日安排通知）；只能维护 builtin = false 的行。');

-- A row change sends no relcache invalidation by itself; every statement
-- that changes a table a per-backend cache copies sends one (the calendar
-- here, the reference data of the settlement engine in section performance).
CREATE FUNCTION cache_changed_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION cache_changed_trigger() IS
	'after a statement changes a table a per-backend cache copies (holiday, region, policy, ratio_adjustment, home_benefit_kept, filing_exemption): every backend re-reads its copy';

CREATE TRIGGER holiday_guard BEFORE INSERT OR UPDATE OR DELETE ON holiday
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('holiday', 'day');
CREATE TRIGGER holiday_guard_truncate BEFORE TRUNCATE ON holiday
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('holiday');
CREATE TRIGGER holiday_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holiday
	FOR EACH STATEMENT EXECUTE FUNCTION cache_changed_trigger();
-- the cache must hear of every change, replication apply included
ALTER TABLE holiday ENABLE ALWAYS TRIGGER holiday_changed;

CREATE FUNCTION is_working_day(day date) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION is_working_day(date) IS
	'whether a day is a working day (工作日): its holiday row decides, else Monday to Friday (R7)';

CREATE FUNCTION add_working_days(day date, n integer) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION add_working_days(date, integer) IS
	'the n-th working day after day (n > 0) or before it (n < 0), day itself not counted; n = 0 returns day unchanged (R7)';

-- State Council notices on the holiday arrangements (国务院办公厅关于××年部分
-- 节假日安排的通知): 国办发明电〔2021〕11号 (2022), 〔2022〕16号 (2023),
-- 〔2023〕7号 (2024), 〔2024〕12号 (2025), 〔2025〕7号 (2026).  The New Year
-- holiday of 2023 begins on 2022-12-31 and is listed under the 2023 notice.
INSERT INTO holiday (day, is_workday, note, builtin) VALUES
	-- 2022: 国办发明电〔2021〕11号
	('2022-01-01', false, '元旦 New Year (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-01-02', false, '元旦 New Year (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-01-03', false, '元旦 New Year (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-01-29', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-01-30', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-01-31', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-02-01', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Tue
	('2022-02-02', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Wed
	('2022-02-03', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Thu
	('2022-02-04', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Fri
	('2022-02-05', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-02-06', false, '春节 Spring Festival (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-04-02', true, '清明节调休上班 Qingming swapped working day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-04-03', false, '清明节 Qingming (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-04-04', false, '清明节 Qingming (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-04-05', false, '清明节 Qingming (国办发明电〔2021〕11号)', true),  -- Tue
	('2022-04-24', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-04-30', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-05-01', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-05-02', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-05-03', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Tue
	('2022-05-04', false, '劳动节 Labour Day (国办发明电〔2021〕11号)', true),  -- Wed
	('2022-05-07', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-06-03', false, '端午节 Dragon Boat (国办发明电〔2021〕11号)', true),  -- Fri
	('2022-06-04', false, '端午节 Dragon Boat (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-06-05', false, '端午节 Dragon Boat (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-09-10', false, '中秋节 Mid-Autumn (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-09-11', false, '中秋节 Mid-Autumn (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-09-12', false, '中秋节 Mid-Autumn (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-10-01', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-10-02', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Sun
	('2022-10-03', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Mon
	('2022-10-04', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Tue
	('2022-10-05', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Wed
	('2022-10-06', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Thu
	('2022-10-07', false, '国庆节 National Day (国办发明电〔2021〕11号)', true),  -- Fri
	('2022-10-08', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2021〕11号)', true),  -- Sat
	('2022-10-09', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2021〕11号)', true),  -- Sun
	-- 2023: 国办发明电〔2022〕16号
	('2022-12-31', false, '元旦 New Year (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-01-01', false, '元旦 New Year (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-01-02', false, '元旦 New Year (国办发明电〔2022〕16号)', true),  -- Mon
	('2023-01-21', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-01-22', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-01-23', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Mon
	('2023-01-24', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Tue
	('2023-01-25', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Wed
	('2023-01-26', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Thu
	('2023-01-27', false, '春节 Spring Festival (国办发明电〔2022〕16号)', true),  -- Fri
	('2023-01-28', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-01-29', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-04-05', false, '清明节 Qingming (国办发明电〔2022〕16号)', true),  -- Wed
	('2023-04-23', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-04-29', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-04-30', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-05-01', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Mon
	('2023-05-02', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Tue
	('2023-05-03', false, '劳动节 Labour Day (国办发明电〔2022〕16号)', true),  -- Wed
	('2023-05-06', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-06-22', false, '端午节 Dragon Boat (国办发明电〔2022〕16号)', true),  -- Thu
	('2023-06-23', false, '端午节 Dragon Boat (国办发明电〔2022〕16号)', true),  -- Fri
	('2023-06-24', false, '端午节 Dragon Boat (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-06-25', true, '端午节调休上班 Dragon Boat swapped working day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-09-29', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Fri
	('2023-09-30', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-10-01', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Sun
	('2023-10-02', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Mon
	('2023-10-03', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Tue
	('2023-10-04', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Wed
	('2023-10-05', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Thu
	('2023-10-06', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2022〕16号)', true),  -- Fri
	('2023-10-07', true, '中秋节、国庆节调休上班 Mid-Autumn and National Day swapped working day (国办发明电〔2022〕16号)', true),  -- Sat
	('2023-10-08', true, '中秋节、国庆节调休上班 Mid-Autumn and National Day swapped working day (国办发明电〔2022〕16号)', true),  -- Sun
	-- 2024: 国办发明电〔2023〕7号
	('2024-01-01', false, '元旦 New Year (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-02-04', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-02-10', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-02-11', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-02-12', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-02-13', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Tue
	('2024-02-14', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Wed
	('2024-02-15', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Thu
	('2024-02-16', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Fri
	('2024-02-17', false, '春节 Spring Festival (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-02-18', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-04-04', false, '清明节 Qingming (国办发明电〔2023〕7号)', true),  -- Thu
	('2024-04-05', false, '清明节 Qingming (国办发明电〔2023〕7号)', true),  -- Fri
	('2024-04-06', false, '清明节 Qingming (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-04-07', true, '清明节调休上班 Qingming swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-04-28', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-05-01', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Wed
	('2024-05-02', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Thu
	('2024-05-03', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Fri
	('2024-05-04', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-05-05', false, '劳动节 Labour Day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-05-11', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-06-10', false, '端午节 Dragon Boat (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-09-14', true, '中秋节调休上班 Mid-Autumn swapped working day (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-09-15', false, '中秋节 Mid-Autumn (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-09-16', false, '中秋节 Mid-Autumn (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-09-17', false, '中秋节 Mid-Autumn (国办发明电〔2023〕7号)', true),  -- Tue
	('2024-09-29', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-10-01', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Tue
	('2024-10-02', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Wed
	('2024-10-03', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Thu
	('2024-10-04', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Fri
	('2024-10-05', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Sat
	('2024-10-06', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Sun
	('2024-10-07', false, '国庆节 National Day (国办发明电〔2023〕7号)', true),  -- Mon
	('2024-10-12', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2023〕7号)', true),  -- Sat
	-- 2025: 国办发明电〔2024〕12号
	('2025-01-01', false, '元旦 New Year (国办发明电〔2024〕12号)', true),  -- Wed
	('2025-01-26', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-01-28', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Tue
	('2025-01-29', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Wed
	('2025-01-30', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Thu
	('2025-01-31', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Fri
	('2025-02-01', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-02-02', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-02-03', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Mon
	('2025-02-04', false, '春节 Spring Festival (国办发明电〔2024〕12号)', true),  -- Tue
	('2025-02-08', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-04-04', false, '清明节 Qingming (国办发明电〔2024〕12号)', true),  -- Fri
	('2025-04-05', false, '清明节 Qingming (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-04-06', false, '清明节 Qingming (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-04-27', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-05-01', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Thu
	('2025-05-02', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Fri
	('2025-05-03', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-05-04', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-05-05', false, '劳动节 Labour Day (国办发明电〔2024〕12号)', true),  -- Mon
	('2025-05-31', false, '端午节 Dragon Boat (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-06-01', false, '端午节 Dragon Boat (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-06-02', false, '端午节 Dragon Boat (国办发明电〔2024〕12号)', true),  -- Mon
	('2025-09-28', true, '中秋节、国庆节调休上班 Mid-Autumn and National Day swapped working day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-10-01', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Wed
	('2025-10-02', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Thu
	('2025-10-03', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Fri
	('2025-10-04', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Sat
	('2025-10-05', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Sun
	('2025-10-06', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Mon
	('2025-10-07', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Tue
	('2025-10-08', false, '中秋节、国庆节 Mid-Autumn and National Day (国办发明电〔2024〕12号)', true),  -- Wed
	('2025-10-11', true, '中秋节、国庆节调休上班 Mid-Autumn and National Day swapped working day (国办发明电〔2024〕12号)', true),  -- Sat
	-- 2026: 国办发明电〔2025〕7号
	('2026-01-01', false, '元旦 New Year (国办发明电〔2025〕7号)', true),  -- Thu
	('2026-01-02', false, '元旦 New Year (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-01-03', false, '元旦 New Year (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-01-04', true, '元旦调休上班 New Year swapped working day (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-02-14', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-02-15', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-02-16', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-02-17', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Tue
	('2026-02-18', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Wed
	('2026-02-19', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Thu
	('2026-02-20', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-02-21', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-02-22', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-02-23', false, '春节 Spring Festival (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-02-28', true, '春节调休上班 Spring Festival swapped working day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-04-04', false, '清明节 Qingming (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-04-05', false, '清明节 Qingming (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-04-06', false, '清明节 Qingming (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-05-01', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-05-02', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-05-03', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-05-04', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-05-05', false, '劳动节 Labour Day (国办发明电〔2025〕7号)', true),  -- Tue
	('2026-05-09', true, '劳动节调休上班 Labour Day swapped working day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-06-19', false, '端午节 Dragon Boat (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-06-20', false, '端午节 Dragon Boat (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-06-21', false, '端午节 Dragon Boat (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-09-20', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-09-25', false, '中秋节 Mid-Autumn (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-09-26', false, '中秋节 Mid-Autumn (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-09-27', false, '中秋节 Mid-Autumn (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-10-01', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Thu
	('2026-10-02', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Fri
	('2026-10-03', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Sat
	('2026-10-04', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Sun
	('2026-10-05', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Mon
	('2026-10-06', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Tue
	('2026-10-07', false, '国庆节 National Day (国办发明电〔2025〕7号)', true),  -- Wed
	('2026-10-10', true, '国庆节调休上班 National Day swapped working day (国办发明电〔2025〕7号)', true);  -- Sat

-- == end of calendar ==

--------------------------------------------------------------------------
-- Filings (备案), SPEC §2
--------------------------------------------------------------------------

CREATE TABLE filing (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	person_id			text NOT NULL REFERENCES person (id),
	destination_region	text NOT NULL REFERENCES region (code),
	category			residence_category NOT NULL,
	status				filing_status NOT NULL DEFAULT 'active',
	start_date			date NOT NULL,
	applied_on			date NOT NULL DEFAULT current_date,
	channel				text NOT NULL DEFAULT 'app' REFERENCES channel (code),
	pledge				boolean NOT NULL DEFAULT false,
	proof				text CHECK (proof IN ('household_register', 'residence_permit', 'work_certificate')),
	closed_on			date,
	replaced_by			bigint REFERENCES filing (id) DEFERRABLE INITIALLY DEFERRED,
	created_at			timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE filing IS 'filings for treatment away from the insured place (异地就医备案), SPEC §2';
-- Self-references (replaced_by here, attached_to, reverses) are deferred:
-- pg_dump restores a table's rows in one COPY in physical order, where a
-- row may come before the row it points to.
SELECT pg_catalog.pg_extension_config_dump('filing', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.filing', 'id'), '');

-- == filing rules ==

-- F4 (001 §四(一), 004 §二(一)): at most one active long-term filing per
-- person, at most one active temporary filing per person and destination.
-- The trigger below raises the rule's own code first; these indexes are
-- the last word under any isolation level.
CREATE UNIQUE INDEX filing_one_long_term_idx ON filing (person_id)
	WHERE status = 'active' AND category = 'long_term_resident';
CREATE UNIQUE INDEX filing_one_temporary_idx ON filing (person_id, destination_region)
	WHERE status = 'active' AND category = 'temporary_outside';
-- filing_at(): person, destination, then the dates
CREATE INDEX filing_person_destination_idx ON filing (person_id, destination_region, start_date);
CREATE INDEX filing_replaced_by_idx ON filing (replaced_by) WHERE replaced_by IS NOT NULL;

COMMENT ON COLUMN filing.destination_region IS
	'the pooling region filed for (备案地), never an institution (000 §三(四)); never the insured region';
COMMENT ON COLUMN filing.start_date IS
	'first day the filing applies; long-term: at most 5 days before applied_on (001 §四(二)); any filing: at most one year after applied_on';
COMMENT ON COLUMN filing.applied_on IS 'business date the filing was made (办理日期)';
COMMENT ON COLUMN filing.pledge IS 'residence pledge (承诺) of 6 months or more; required for long-term filings (000 §二(一))';
COMMENT ON COLUMN filing.proof IS
	'optional proof of living there (户籍证明/居住证/单位工作证明); may be added while active; matters for benefits at the insured place (004 §二(三))';
COMMENT ON COLUMN filing.closed_on IS 'first day the filing no longer applies (change, cancel or terminate date); NULL while active';
COMMENT ON COLUMN filing.replaced_by IS 'for a changed filing: the filing that continues it from closed_on (F7)';

-- F10 (000 §二(三)): per-province, dated "intra-province temporary
-- treatment needs no filing".  Read by filing_exempt() and the settlement
-- engine; a temporary filing the exemption makes pointless is refused.
CREATE TABLE filing_exemption (
	province	text NOT NULL REFERENCES region (code),
	valid		daterange NOT NULL,
	source		text NOT NULL,
	builtin		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (province, valid),
	CONSTRAINT filing_exemption_province_form CHECK (province ~ '^[0-9]{2}0000$'),
	CONSTRAINT filing_exemption_not_empty CHECK (NOT isempty(valid)),
	CONSTRAINT filing_exemption_no_overlap EXCLUDE USING gist (province WITH =, valid WITH &&)
);
COMMENT ON TABLE filing_exemption IS
	'F10: from when a province exempts intra-province (省内跨市) temporary treatment of its insured from filing (000 §二(三))';
COMMENT ON COLUMN filing_exemption.province IS 'the insured province, as its 6-digit code (370000 Shandong)';
COMMENT ON COLUMN filing_exemption.valid IS 'dates the exemption covers, e.g. [2022-01-01,)';
INSERT INTO filing_exemption VALUES
	('370000', '[2022-01-01,)', '鲁医保发〔2021〕46号 §二(三) (000)', true);
SELECT pg_catalog.pg_extension_config_dump('filing_exemption', 'WHERE NOT builtin');

CREATE FUNCTION filing_exempt(insured_region text, treatment_region text,
	on_date date DEFAULT CURRENT_DATE) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION filing_exempt(text, text, date) IS
	'F10: true when treatment there needs no filing on that date (intra-province and the insured province''s exemption covers the date, 000 §二(三))';

-- the history of every filing event (who, when, old and new row)
CREATE TABLE filing_history (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	filing_id		bigint NOT NULL REFERENCES filing (id) DEFERRABLE INITIALLY DEFERRED,
	event			text NOT NULL CHECK (event IN ('filed', 'amended', 'changed', 'cancelled', 'terminated')),
	business_date	date,
	at				timestamptz NOT NULL DEFAULT now(),
	by_role			name NOT NULL DEFAULT current_user,
	old_row			jsonb,
	new_row			jsonb
);
CREATE INDEX filing_history_filing_idx ON filing_history (filing_id, id);
COMMENT ON TABLE filing_history IS
	'every filing event: filed, amended (proof added), changed, cancelled, terminated; rows as jsonb with English labels';
COMMENT ON COLUMN filing_history.business_date IS 'start_date when filed, closed_on when closed';
COMMENT ON COLUMN filing_history.by_role IS 'current_user of the statement that wrote the filing';
SELECT pg_catalog.pg_extension_config_dump('filing_history', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.filing_history', 'id'), '');

-- F1–F7, F10 in C (src/filing_trigger.c)
CREATE FUNCTION filing_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION filing_rules_trigger() IS
	'filing rules F1–F7 and F10 on every INSERT and UPDATE; filings are never deleted';
CREATE TRIGGER filing_rules BEFORE INSERT OR UPDATE OR DELETE ON filing
	FOR EACH ROW EXECUTE FUNCTION filing_rules_trigger();

CREATE FUNCTION filing_replacement_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION filing_replacement_trigger() IS
	'F7: a changed filing is continued by the same person''s filing from the change date (checked at commit)';
CREATE CONSTRAINT TRIGGER filing_replacement AFTER INSERT OR UPDATE ON filing
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
	WHEN (NEW.status OPERATOR(xdjy.=) 'changed'::xdjy.filing_status)
	EXECUTE FUNCTION filing_replacement_trigger();

CREATE FUNCTION filing_history_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION filing_history_trigger() IS 'writes xdjy.filing_history';
CREATE TRIGGER filing_history AFTER INSERT OR UPDATE ON filing
	FOR EACH ROW EXECUTE FUNCTION filing_history_trigger();

-- the functions of SPEC §6: thin, the triggers decide
CREATE FUNCTION file_long_term(person_id text, destination text, start_date date,
	applied_on date DEFAULT CURRENT_DATE, channel text DEFAULT 'app',
	proof text DEFAULT NULL) RETURNS bigint
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	INSERT INTO xdjy.filing (person_id, destination_region, category, start_date,
		applied_on, channel, pledge, proof)
	VALUES ($1, $2, 'long_term_resident', $3, $4, $5, true, $6)
	RETURNING id;
END;
COMMENT ON FUNCTION file_long_term(text, text, date, date, text, text) IS
	'files a long-term residence (异地长期居住) by pledge; returns the filing id (F1, F5: start at most 5 days back)';

CREATE FUNCTION file_temporary(person_id text, destination text, start_date date,
	applied_on date DEFAULT CURRENT_DATE, channel text DEFAULT 'app') RETURNS bigint
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	INSERT INTO xdjy.filing (person_id, destination_region, category, start_date,
		applied_on, channel)
	VALUES ($1, $2, 'temporary_outside', $3, $4, $5)
	RETURNING id;
END;
COMMENT ON FUNCTION file_temporary(text, text, date, date, text) IS
	'files temporary treatment outside (临时外出就医); start date unrestricted backwards (004 §二(二)); returns the filing id';

CREATE FUNCTION change_filing(filing_id bigint, new_destination text,
	on_date date DEFAULT CURRENT_DATE) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION change_filing(bigint, text, date) IS
	'变更备案: closes the filing (changed) and opens one to new_destination from on_date; returns the new id (F6, F7)';

CREATE FUNCTION cancel_filing(filing_id bigint, on_date date DEFAULT CURRENT_DATE) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION cancel_filing(bigint, date) IS
	'取消备案: closes the filing (cancelled) from on_date; after expenses there, not before start + 6 months (F6)';

CREATE FUNCTION terminate_filing(filing_id bigint, on_date date DEFAULT CURRENT_DATE) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION terminate_filing(bigint, date) IS
	'因故终止备案: closes the filing (terminated) from on_date; not limited by the 6-month window (004 §二(一))';

CREATE FUNCTION filing_at(person_id text, region text, on_date date DEFAULT CURRENT_DATE)
	RETURNS SETOF filing
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE STRICT ROWS 1;
COMMENT ON FUNCTION filing_at(text, text, date) IS
	'the filing that applies to the person in (the pooling region of) region on on_date, by its dates; long-term before temporary; no row if none';

-- F11 (002 #7): chosen non-direct-settlement institutions
CREATE TABLE institution_choice_rule (
	province	text NOT NULL REFERENCES region (code),
	scheme		text NOT NULL CHECK (scheme IN ('employee', 'resident')),
	valid		daterange NOT NULL,
	source		text NOT NULL,
	builtin		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (province, scheme, valid),
	CONSTRAINT institution_choice_rule_province_form CHECK (province ~ '^[0-9]{2}0000$'),
	CONSTRAINT institution_choice_rule_not_empty CHECK (NOT isempty(valid)),
	CONSTRAINT institution_choice_rule_no_overlap
		EXCLUDE USING gist (province WITH =, scheme WITH =, valid WITH &&)
);
COMMENT ON TABLE institution_choice_rule IS
	'F11: insured provinces and schemes whose cross-province long-term residents choose four non-direct institutions (002 #7)';
INSERT INTO institution_choice_rule VALUES
	('220000', 'resident', '[2019-10-01,)', '吉医保发〔2019〕34号 附件 #7 (002), in force from 2019-10-01', true);
SELECT pg_catalog.pg_extension_config_dump('institution_choice_rule', 'WHERE NOT builtin');

CREATE TABLE institution_choice (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	filing_id			bigint NOT NULL REFERENCES filing (id),
	institution_code	text NOT NULL REFERENCES institution (code),
	slot				text NOT NULL CHECK (slot IN ('tier3', 'tier2', 'tier1', 'specialty')),
	special_disease		boolean NOT NULL DEFAULT false,
	chosen_on			date NOT NULL DEFAULT CURRENT_DATE,
	created_at			timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT institution_choice_one_per_slot UNIQUE (filing_id, slot)
);
CREATE UNIQUE INDEX institution_choice_one_special_idx ON institution_choice (filing_id)
	WHERE special_disease;
CREATE INDEX institution_choice_institution_idx ON institution_choice (institution_code);
COMMENT ON TABLE institution_choice IS
	'F11: the non-direct institutions a long-term resident chose in the residence city, one per slot, one special-disease (002 #7)';
COMMENT ON COLUMN institution_choice.slot IS 'tier3, tier2, tier1 or specialty: filled from the institution';
COMMENT ON COLUMN institution_choice.special_disease IS 'designated for special-disease outpatient care (门诊特殊疾病定点), at most one';
SELECT pg_catalog.pg_extension_config_dump('institution_choice', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.institution_choice', 'id'), '');

CREATE FUNCTION institution_choice_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION institution_choice_rules_trigger() IS 'F11 rules (002 #7), src/institution_choice.c';
CREATE TRIGGER institution_choice_rules BEFORE INSERT OR UPDATE ON institution_choice
	FOR EACH ROW EXECUTE FUNCTION institution_choice_rules_trigger();

CREATE FUNCTION choose_institution(filing_id bigint, institution_code text,
	special_disease boolean DEFAULT false, on_date date DEFAULT CURRENT_DATE) RETURNS bigint
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	INSERT INTO xdjy.institution_choice (filing_id, institution_code, special_disease, chosen_on)
	VALUES ($1, $2, $3, $4)
	RETURNING id;
END;
COMMENT ON FUNCTION choose_institution(bigint, text, boolean, date) IS
	'F11: chooses a non-direct institution of the residence city under a long-term filing (002 #7); returns the choice id';

CREATE FUNCTION is_chosen_institution(person_id text, institution_code text,
	on_date date DEFAULT CURRENT_DATE) RETURNS boolean
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT EXISTS (
		SELECT 1 FROM xdjy.institution_choice c
		JOIN xdjy.filing f ON f.id OPERATOR(pg_catalog.=) c.filing_id
		WHERE f.person_id OPERATOR(pg_catalog.=) $1
		  AND c.institution_code OPERATOR(pg_catalog.=) $2
		  AND c.chosen_on OPERATOR(pg_catalog.<=) $3
		  AND f.start_date OPERATOR(pg_catalog.<=) $3
		  AND (f.closed_on IS NULL OR f.closed_on OPERATOR(pg_catalog.>) $3));
END;
COMMENT ON FUNCTION is_chosen_institution(text, text, date) IS
	'F11: did the person choose this institution under a long-term filing that applies on that date (002 #7)';

INSERT INTO error_code VALUES
('YB101', 'filing', 'filing destination is not a pooling region', '备案地不是统筹区',
 'A filing names a pooling region (统筹区), never an institution or a county below it; every networked institution there may then be used (000 §三(四)).',
 '备案直接备案到就医地统筹区，不备案到具体医疗机构或统筹区下的区县；备案后可在该地所有联网定点医疗机构就医（000 §三(四)）。'),
('YB102', 'filing', 'filing destination is the insured region', '备案地为参保地',
 'A filing is for treatment away from the insured place; the destination must be another pooling region.',
 '异地就医备案针对参保地以外的就医，备案地须为参保地以外的统筹区。'),
('YB103', 'filing', 'person already has an active long-term filing', '已有有效的异地长期居住备案',
 'At most one long-term filing is active per person; change, cancel or terminate the active one first (001 §四(一)).',
 '每人同时只能有一条有效的异地长期居住备案；请先变更、取消或终止现有备案（001 §四(一)）。'),
('YB104', 'filing', 'person already has an active temporary filing to that destination', '已有该地有效的临时外出就医备案',
 'A temporary filing has no validity period, so a second one to the same destination adds nothing; other destinations are allowed (004 §二(一)).',
 '临时外出就医备案不设有效期，同一就医地无需重复备案；可备案到其他就医地（004 §二(一)）。'),
('YB105', 'filing', 'long-term filing backdated more than 5 days', '长期居住备案起始日期提前超过5日',
 'A late long-term filing may start at most 5 days before the day it is applied for (001 §四(二), 004 §二(二)).',
 '补办异地长期居住备案的，备案起始日期自补办之日最多可往前提前5日（001 §四(二)、004 §二(二)）。'),
('YB106', 'filing', 'filing start date more than one year ahead', '备案起始日期晚于办理日期一年以上',
 'A filing may start at most one year after it is applied for (xdjy''s horizon for planned moves; the seeds set none).',
 '备案起始日期最晚为办理日期后一年（本系统对预先备案的限制，政策文件未作规定）。'),
('YB107', 'filing', 'long-term filing cannot be changed or cancelled within 6 months of its start', '长期居住备案未满6个月不能变更或取消',
 'Once medical expenses were incurred at the filed place, a long-term filing may be changed or cancelled only from start date + 6 months; terminating it is not limited (001 §四(一), 004 §二(一)).',
 '在备案地发生医疗费用的，变更或取消备案的时限为6个月（自备案起始日期起）；因故终止备案不受此限（001 §四(一)、004 §二(一)）。'),
('YB108', 'filing', 'closed filing cannot be updated', '已关闭的备案不能修改',
 'A changed, cancelled or terminated filing is the record of what applied and stays unchanged.',
 '已变更、已取消、已终止的备案是历史记录，不能再修改。'),
('YB109', 'filing', 'filing status transition not allowed', '备案状态变更不允许',
 'A filing is inserted as active and its status moves only out of active, to changed, cancelled or terminated.',
 '备案新增时须为有效状态，状态只能由有效变为已变更、已取消或已终止。'),
('YB110', 'filing', 'filing column cannot change', '备案内容不能修改',
 'What was filed (person, destination, category, dates, channel, pledge) is fixed; move with change_filing, otherwise cancel and file anew. Only proof may be added.',
 '已备案的人员、备案地、人员类别、日期、渠道、承诺不能修改；变更备案地请用变更备案，其余请取消后重新备案。仅可补充证明材料。'),
('YB111', 'filing', 'inconsistent filing closing', '备案关闭信息不一致',
 'An active filing has no closing date or replacement; a closed one has a closing date; only a changed one names its replacement.',
 '有效备案无关闭日期和接续备案；已关闭的备案须有关闭日期；仅已变更的备案有接续备案。'),
('YB112', 'filing', 'filing closed before it was applied for', '备案关闭日期早于办理日期',
 'A filing cannot be changed, cancelled or terminated on a date before it was applied for.',
 '备案的变更、取消或终止日期不能早于办理日期。'),
('YB113', 'filing', 'invalid replacement filing', '接续备案无效',
 'A changed filing is continued by a filing of the same person starting on the change date (change_filing does both in one statement).',
 '变更后的新备案须为同一参保人员、自变更日期起的备案（变更备案函数一次完成）。'),
('YB114', 'filing', 'long-term filing needs the residence pledge', '长期居住备案须个人承诺',
 'Long-term filing is by pledge (承诺备案制): the person pledges to live, work or stay there 6 months or more; no proof material is required (000 §二(一)).',
 '异地长期居住人员实行承诺备案制，须个人承诺异地居住、生活、工作6个月以上，不需提供证明材料（000 §二(一)）。'),
('YB115', 'filing', 'unknown filing channel', '备案渠道无效',
 'The channel must be one of the listed channels in xdjy.channel (000 §二(二), 001 §一、二).',
 '备案渠道须为规定的渠道之一（000 §二(二)、001 §一、二）。'),
('YB116', 'filing', 'no filing needed for intra-province temporary treatment', '省内跨市临时外出就医无需备案',
 'The insured province exempts intra-province temporary treatment from filing from a date on or before the start; such treatment settles directly (000 §二(三)).',
 '参保省份已取消省内跨市临时外出就医备案手续，就医费用直接联网结算（000 §二(三)）。'),
('YB117', 'filing', 'filings are not deleted', '备案不能删除',
 'A filing is closed by cancel, change or terminate and stays as the record.',
 '备案通过取消、变更或终止关闭，记录予以保留，不能删除。'),
('YB120', 'filing', 'institution choice not offered to this person', '该参保人员不适用自选定点机构',
 'Choosing non-direct institutions is a provincial option for some schemes (Jilin, resident scheme, 002 #7), held in xdjy.institution_choice_rule.',
 '自选非直接结算定点机构是部分省份、险种的规定（吉林省城乡居民，002 #7）。'),
('YB121', 'filing', 'filing does not allow choosing institutions', '该备案不能自选定点机构',
 'Institutions are chosen under an active cross-province long-term filing (跨省长期异地, 002 #7).',
 '自选定点机构须在有效的跨省异地长期居住备案下办理（002 #7）。'),
('YB122', 'filing', 'chosen institution is not in the residence city', '自选机构不在居住地',
 'The chosen institutions lie in the residence city (市级统筹区) of the long-term filing (002 #7).',
 '自选定点机构须位于长期居住备案的居住地（市级统筹区）（002 #7）。'),
('YB123', 'filing', 'chosen institution settles directly', '自选机构已开通直接结算',
 'Every direct-settlement institution may be used without choosing; the four choices are among non-direct-settlement institutions (002 #7).',
 '已开通直接结算的定点机构均可就医，无需选择；自选的4家为非直接结算定点机构（002 #7）。'),
('YB124', 'filing', 'institution fits none of the four choices', '该机构不属于可选类别',
 'The four choices are one tier 3, one tier 2, one tier 1 and one specialty hospital (002 #7); pharmacies and ungraded institutions fit none.',
 '自选的4家为三级、二级、一级和专科医院各1家（002 #7），药店和未定级机构不在其列。'),
('YB125', 'filing', 'a hospital of that kind is already chosen', '该类别已选定机构',
 'One hospital of each kind (tier 3, tier 2, tier 1, specialty) is chosen (002 #7).',
 '三级、二级、一级和专科医院各选1家（002 #7）。'),
('YB126', 'filing', 'four institutions already chosen', '已选满4家机构',
 'At most four non-direct institutions are chosen (002 #7).',
 '自选非直接结算定点机构最多4家（002 #7）。'),
('YB127', 'filing', 'special-disease hospital already designated', '已指定特殊疾病定点医院',
 'One of the chosen hospitals is designated for special-disease outpatient care (002 #7).',
 '在选定医院范围内只能指定1家作为特殊疾病定点服务机构（002 #7）。');

-- == end of filing rules ==

--------------------------------------------------------------------------
-- Encounters (就诊): a stay or a visit at an institution, SPEC §6
--------------------------------------------------------------------------

CREATE TABLE encounter (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	person_id			text NOT NULL REFERENCES person (id),
	institution_code	text NOT NULL REFERENCES institution (code),
	visit_type			text NOT NULL CHECK (visit_type IN ('inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy')),
	admitted_on			date NOT NULL,
	discharged_on		date,
	emergency			boolean NOT NULL DEFAULT false,
	trauma				boolean NOT NULL DEFAULT false,
	third_party			boolean NOT NULL DEFAULT false,
	trauma_pledge		boolean NOT NULL DEFAULT false,
	attached_to			bigint REFERENCES encounter (id) DEFERRABLE INITIALLY DEFERRED,
	created_at			timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE encounter IS 'a stay or a visit at an institution (就诊), SPEC §6';
CREATE INDEX encounter_person_idx ON encounter (person_id, admitted_on);
CREATE INDEX encounter_attached_to_idx ON encounter (attached_to) WHERE attached_to IS NOT NULL;
SELECT pg_catalog.pg_extension_config_dump('encounter', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.encounter', 'id'), '');

-- == encounter rules ==

-- discharge after admission; pharmacy visits at pharmacies; outside tests
-- and drugs during a stay attach to it (001 §五(三), 004 §二(六)).  In C:
-- src/encounter_trigger.c.
CREATE FUNCTION encounter_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION encounter_rules_trigger() IS
	'encounter rules: dates, visit type vs institution kind, attachment to a covering stay of the same person';
CREATE TRIGGER encounter_rules BEFORE INSERT OR UPDATE ON encounter
	FOR EACH ROW EXECUTE FUNCTION encounter_rules_trigger();

COMMENT ON COLUMN encounter.admitted_on IS 'admission date (stays) or the visit/service date (visits)';
COMMENT ON COLUMN encounter.discharged_on IS 'discharge date, not before admitted_on; NULL while in hospital';
COMMENT ON COLUMN encounter.attached_to IS
	'the inpatient stay of the same person, covering this service date, that an outside test or pharmacy purchase belongs to (001 §五(三))';

INSERT INTO error_code VALUES
('YB201', 'encounter', 'discharge before admission', '出院日期早于入院日期',
 'An encounter is discharged on or after the day it is admitted.',
 '出院日期不能早于入院日期。'),
('YB202', 'encounter', 'visit type not possible at this institution', '就诊类型与机构类别不符',
 'Pharmacy purchases happen at pharmacies (定点药店), inpatient and outpatient care at hospitals.',
 '定点药店购药须在定点零售药店，住院和门诊须在定点医疗机构。'),
('YB203', 'encounter', 'this encounter cannot be attached to a stay', '该就诊不能并入住院',
 'Only outpatient, chronic outpatient and pharmacy visits during a stay attach to it (001 §五(三), 004 §二(六)).',
 '只有住院期间的外院门诊检查治疗、门诊慢特病或定点药店购药可并入本次住院（001 §五(三)、004 §二(六)）。'),
('YB204', 'encounter', 'attached_to is not an inpatient stay', '所并入的就诊不是住院',
 'attached_to names the inpatient stay during which the outside test or purchase happened.',
 '并入对象须为住院就诊记录。'),
('YB205', 'encounter', 'encounter attached to another person''s stay', '并入他人的住院',
 'An outside test or purchase attaches only to a stay of the same person.',
 '外院检查治疗或购药只能并入同一参保人员的住院。'),
('YB206', 'encounter', 'service date outside the stay', '就诊日期不在住院期间',
 'Only what happened between admission and discharge attaches to a stay (《住院期间外院检查治疗或定点药店购药单》).',
 '只有入院至出院期间发生的外院检查治疗或购药可并入本次住院。'),
('YB207', 'encounter', 'stay would no longer cover what is attached to it', '住院修改后不再覆盖已并入的就诊',
 'A stay cannot be changed so that an encounter attached to it falls outside it; correct the attached encounters first.',
 '住院记录修改后须仍覆盖已并入的就诊；请先修改或解除并入的就诊。');

-- == end of encounter rules ==

--------------------------------------------------------------------------
-- Policy as dated data (SPEC §3, §6)
--------------------------------------------------------------------------

-- == policy ==

-- Policy is data, dated: the row valid on a settlement's service date
-- prices it, so yesterday's settlements keep yesterday's rules and any
-- settlement can be re-priced under the rules of another date by giving
-- that date.  Keyed by insured region, scheme, benefit category, visit
-- type and optional hospital tier (SPEC §3, §6).  Public and private
-- institutions share one row (002 #6): ownership is not part of the key.
CREATE TABLE policy (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	insured_region		text NOT NULL REFERENCES region (code),
	scheme				text NOT NULL CHECK (scheme IN ('employee', 'resident')),
	-- long_term has no row of its own: it pays the insured place's local
	-- standard (004 §二(三); 000 §三(一)), so the engine reads 'local'
	category			text NOT NULL CHECK (category IN ('local', 'temporary', 'unfiled')),
	visit_type			text NOT NULL CHECK (visit_type IN ('inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy')),
	tier				smallint CHECK (tier BETWEEN 0 AND 3),
	valid				daterange NOT NULL CHECK (NOT pg_catalog.isempty(valid)),
	deductible_fen		bigint NOT NULL DEFAULT 0 CHECK (deductible_fen >= 0),
	ratio_bp			integer NOT NULL CHECK (ratio_bp BETWEEN 0 AND 10000),
	first_selfpay_bp	integer NOT NULL DEFAULT 0 CHECK (first_selfpay_bp BETWEEN 0 AND 10000),
	annual_cap_fen		bigint NOT NULL CHECK (annual_cap_fen >= 0),
	quota_group			text NOT NULL CHECK (quota_group ~ '^[a-z][a-z0-9_]*$'),
	note				text,
	-- first self-pay (先行自付) is a temporary-outside rule (000 §三(二))
	-- and the unfiled standard's; local and long-term never pay it
	CONSTRAINT policy_first_selfpay_category
		CHECK (first_selfpay_bp = 0 OR category IN ('temporary', 'unfiled')),
	CONSTRAINT policy_no_overlap EXCLUDE USING gist (
		insured_region WITH OPERATOR(pg_catalog.=),
		scheme WITH OPERATOR(pg_catalog.=),
		category WITH OPERATOR(pg_catalog.=),
		visit_type WITH OPERATOR(pg_catalog.=),
		(COALESCE(tier, (-1)::smallint)) WITH OPERATOR(pg_catalog.=),
		valid WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE policy IS
	'benefit parameters (待遇标准) as dated data: the row valid on the service date prices a settlement (SPEC §3, §6)';
COMMENT ON COLUMN policy.tier IS 'hospital tier the row is for; NULL: every tier without a row of its own';
COMMENT ON COLUMN policy.valid IS 'dates of service the row applies to; rows of one key never overlap';
COMMENT ON COLUMN policy.deductible_fen IS 'deductible (起付标准) per person and year within the quota group, fen';
COMMENT ON COLUMN policy.ratio_bp IS 'fund share (统筹基金支付比例) of the amount above the deductible, basis points (9000 = 90%)';
COMMENT ON COLUMN policy.first_selfpay_bp IS 'first self-pay ratio (首先自付比例) of the in-scope amount, basis points; capped per province (first_selfpay_ceiling)';
COMMENT ON COLUMN policy.annual_cap_fen IS 'annual maximum the fund pays (最高支付限额 / 门诊统筹报销额度) within the quota group, fen';
COMMENT ON COLUMN policy.quota_group IS 'the ledger the row draws on; rows naming one group share one deductible and one annual cap per person and year, e.g. local and remote outpatient (000 §三(三))';
CREATE INDEX policy_lookup_idx ON policy (insured_region, scheme, category, visit_type);
SELECT pg_catalog.pg_extension_config_dump('policy', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.policy', 'id'), '');

-- 000 §三(二): a province caps the first self-pay ratio of temporary
-- outside treatment (Shandong: 10% from 2022-01-01, inpatient 40% before).
-- A policy row above the ceiling of any date it covers is rejected, and a
-- ceiling below an existing row is rejected (src/policy_trigger.c).
CREATE TABLE first_selfpay_ceiling (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	province			text NOT NULL CHECK (province ~ '^[0-9]{2}$'),
	visit_type			text NOT NULL CHECK (visit_type IN ('inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy')),
	valid				daterange NOT NULL CHECK (NOT pg_catalog.isempty(valid)),
	ceiling_bp			integer NOT NULL CHECK (ceiling_bp BETWEEN 0 AND 10000),
	source				text NOT NULL,
	builtin				boolean NOT NULL DEFAULT false,
	CONSTRAINT first_selfpay_ceiling_no_overlap EXCLUDE USING gist (
		province WITH OPERATOR(pg_catalog.=),
		visit_type WITH OPERATOR(pg_catalog.=),
		valid WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE first_selfpay_ceiling IS
	'per-province dated ceiling of the temporary-outside first self-pay ratio (首先自付比例上限), 000 §三(二)';
COMMENT ON COLUMN first_selfpay_ceiling.province IS 'the insured place''s province: first two digits of its region code';
SELECT pg_catalog.pg_extension_config_dump('first_selfpay_ceiling', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.first_selfpay_ceiling', 'id'), '');

-- 000 §三(二): 住院 "由原来各市规定的不超过40%，统一调减为不超过10%";
-- 普通门诊、门诊慢特病 "不超过10%"; 本通知自2022年1月1日起执行.
INSERT INTO first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source, builtin) VALUES
	('37', 'inpatient', '[,2022-01-01)', 4000, '000 §三(二)', true),
	('37', 'inpatient', '[2022-01-01,)', 1000, '000 §三(二)', true),
	('37', 'outpatient', '[2022-01-01,)', 1000, '000 §三(二)', true),
	('37', 'chronic_outpatient', '[2022-01-01,)', 1000, '000 §三(二)', true);

-- Dated changes to the fund ratio, per insured province.  'set' replaces
-- the policy ratio (Jilin unfiled: 20%, 002 #3), 'delta' adds points
-- (Jilin resident long-term −10, 002 #2; own reason not direct −10,
-- 002 #4); all that apply add up (002 #5), the result is kept in 0..100%.
CREATE TABLE ratio_adjustment (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	province			text NOT NULL CHECK (province ~ '^[0-9]{2}$'),
	scheme				text CHECK (scheme IN ('employee', 'resident')),
	category			text NOT NULL CHECK (category IN ('local', 'long_term', 'temporary', 'unfiled')),
	visit_type			text CHECK (visit_type IN ('inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy')),
	own_reason_only		boolean NOT NULL DEFAULT false,
	kind				text NOT NULL CHECK (kind IN ('set', 'delta')),
	points_bp			integer NOT NULL,
	valid				daterange NOT NULL CHECK (NOT pg_catalog.isempty(valid)),
	source				text NOT NULL,
	note_en				text NOT NULL,
	note_zh				text NOT NULL,
	builtin				boolean NOT NULL DEFAULT false,
	CONSTRAINT ratio_adjustment_points CHECK (CASE WHEN kind = 'set'
		THEN points_bp BETWEEN 0 AND 10000 ELSE points_bp BETWEEN -10000 AND 10000 END),
	-- one replacing ratio per province, category and date
	CONSTRAINT ratio_adjustment_one_set EXCLUDE USING gist (
		province WITH OPERATOR(pg_catalog.=),
		category WITH OPERATOR(pg_catalog.=),
		valid WITH OPERATOR(pg_catalog.&&)) WHERE (kind = 'set')
);
COMMENT ON TABLE ratio_adjustment IS
	'dated fund-ratio rules of an insured province that replace (set) or lower (delta) the policy ratio; they add up (002 #5)';
COMMENT ON COLUMN ratio_adjustment.scheme IS 'NULL: both schemes';
COMMENT ON COLUMN ratio_adjustment.visit_type IS 'NULL: every visit type';
COMMENT ON COLUMN ratio_adjustment.own_reason_only IS 'applies only to a settlement not made directly for the person''s own reason (002 #4)';
COMMENT ON COLUMN ratio_adjustment.points_bp IS 'set: the ratio in basis points; delta: points added (negative lowers)';
CREATE INDEX ratio_adjustment_lookup_idx ON ratio_adjustment (province, category);
SELECT pg_catalog.pg_extension_config_dump('ratio_adjustment', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.ratio_adjustment', 'id'), '');

-- 002 (吉医保发〔2019〕34号): "10月1日后按本通知执行"
INSERT INTO ratio_adjustment (province, scheme, category, visit_type, own_reason_only, kind, points_bp, valid, source, note_en, note_zh, builtin) VALUES
	('22', 'resident', 'long_term', NULL, false, 'delta', -1000, '[2019-10-01,)', '002 #2',
	 'Jilin resident scheme, long-term resident: local ratio lowered by 10 points',
	 '吉林城乡居民医保长期异地就医人员：在参保地本地就医支付比例基础上降低10%', true),
	('22', NULL, 'unfiled', NULL, false, 'set', 2000, '[2019-10-01,)', '002 #3',
	 'Jilin: treatment away without the required procedure is paid at 20%',
	 '吉林：未履行规定程序自行异地就医人员基金支付比例为20%', true),
	('22', NULL, 'long_term', NULL, true, 'delta', -1000, '[2019-10-01,)', '002 #4',
	 'Jilin: not settled directly for the person''s own reason, ratio lowered by 10 points',
	 '吉林：因本人原因应直接结算而未直接结算的，支付比例在原基础上降低10%', true),
	('22', NULL, 'temporary', NULL, true, 'delta', -1000, '[2019-10-01,)', '002 #4',
	 'Jilin: not settled directly for the person''s own reason, ratio lowered by 10 points',
	 '吉林：因本人原因应直接结算而未直接结算的，支付比例在原基础上降低10%', true);

-- 002 #8 (Jilin): a long-term filing no longer locks the insured place's
-- benefits; both places stay valid.  Where a row holds, a long-term filer
-- treated at home is local without proof; elsewhere the national rule of
-- 004 §二(三) applies (pledge only, no proof: temporary).
CREATE TABLE home_benefit_kept (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	province			text NOT NULL CHECK (province ~ '^[0-9]{2}$'),
	valid				daterange NOT NULL CHECK (NOT pg_catalog.isempty(valid)),
	source				text NOT NULL,
	builtin				boolean NOT NULL DEFAULT false,
	CONSTRAINT home_benefit_kept_no_overlap EXCLUDE USING gist (
		province WITH OPERATOR(pg_catalog.=),
		valid WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE home_benefit_kept IS
	'provinces where a long-term filer keeps local benefits at the insured place without proof of residence (002 #8); elsewhere 004 §二(三)';
SELECT pg_catalog.pg_extension_config_dump('home_benefit_kept', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.home_benefit_kept', 'id'), '');
INSERT INTO home_benefit_kept (province, valid, source, builtin) VALUES
	('22', '[2019-10-01,)', '002 #8', true);

-- C triggers: a policy row above its province's first self-pay ceiling,
-- or a ceiling below an existing row, is rejected (000 §三(二))
CREATE FUNCTION policy_ceiling_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE TRIGGER policy_ceiling BEFORE INSERT OR UPDATE ON policy
	FOR EACH ROW EXECUTE FUNCTION policy_ceiling_trigger();
CREATE FUNCTION first_selfpay_ceiling_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE TRIGGER first_selfpay_ceiling_check BEFORE INSERT OR UPDATE ON first_selfpay_ceiling
	FOR EACH ROW EXECUTE FUNCTION first_selfpay_ceiling_trigger();
COMMENT ON FUNCTION policy_ceiling_trigger() IS
	'rejects a temporary-outside policy row above its province''s first self-pay ceiling (000 §三(二))';
COMMENT ON FUNCTION first_selfpay_ceiling_trigger() IS
	'rejects a first self-pay ceiling below an existing policy row of its province (000 §三(二))';

-- the rules shipped from the seeds (builtin) are not dumped and stay as shipped
CREATE TRIGGER first_selfpay_ceiling_builtin BEFORE INSERT OR UPDATE OR DELETE ON first_selfpay_ceiling
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('policy_rule', 'province', 'visit_type', 'valid');
CREATE TRIGGER first_selfpay_ceiling_builtin_truncate BEFORE TRUNCATE ON first_selfpay_ceiling
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('policy_rule');
CREATE TRIGGER ratio_adjustment_builtin BEFORE INSERT OR UPDATE OR DELETE ON ratio_adjustment
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('policy_rule', 'province', 'category', 'source', 'valid');
CREATE TRIGGER ratio_adjustment_builtin_truncate BEFORE TRUNCATE ON ratio_adjustment
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('policy_rule');
CREATE TRIGGER home_benefit_kept_builtin BEFORE INSERT OR UPDATE OR DELETE ON home_benefit_kept
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('policy_rule', 'province', 'valid');
CREATE TRIGGER home_benefit_kept_builtin_truncate BEFORE TRUNCATE ON home_benefit_kept
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('policy_rule');

INSERT INTO error_code VALUES
('YB501', 'policy', 'no policy for the settlement', '没有适用于该结算的待遇政策',
 'No policy row covers the insured region, scheme, benefit category, visit type and tier on the service date.',
 '没有覆盖该参保地、险种、待遇类别、就诊类型和医院等级且在就医日期有效的政策。'),
('YB502', 'policy', 'first self-pay ratio above the provincial ceiling', '首先自付比例超过省级上限',
 'A temporary-outside policy row sets a first self-pay ratio above the ceiling its province sets for some of its dates (000 §三(二)).',
 '临时外出就医政策的首先自付比例在其部分有效期内超过本省规定的上限（000 §三(二)）。'),
('YB503', 'policy', 'ceiling below an existing policy', '上限低于现有政策',
 'A first self-pay ceiling would make an existing policy row of its province unlawful (000 §三(二)).',
 '首先自付比例上限低于本省现有政策的首先自付比例（000 §三(二)）。'),
('YB504', 'policy', 'builtin policy rules are maintained by the extension', '内置政策规则由扩展维护',
 'A per-province rule shipped from the seeds (builtin = true) was inserted, updated, deleted or truncated; only rows with builtin = false may be changed.',
 '试图新增、修改、删除或清空依据政策文件内置的省级规则（builtin = true）；只能维护 builtin = false 的行。');

-- == end of policy ==

--------------------------------------------------------------------------
-- Settlements (结算), SPEC §3
--------------------------------------------------------------------------

CREATE TABLE settlement (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	encounter_id		bigint NOT NULL REFERENCES encounter (id),
	settled_on			date NOT NULL DEFAULT current_date,
	mode				text NOT NULL DEFAULT 'direct' CHECK (mode IN ('direct', 'manual')),
	invoice_no			text NOT NULL,
	total_fen			bigint NOT NULL,
	out_of_scope_fen	bigint NOT NULL DEFAULT 0,
	reverses			bigint REFERENCES settlement (id) DEFERRABLE INITIALLY DEFERRED,
	-- filled by the insert trigger
	person_id			text,
	institution_code	text,
	insured_region		text,
	treatment_region	text,
	filing_id			bigint REFERENCES filing (id),
	scope				text CHECK (scope IN ('local', 'intra_province', 'cross_province')),
	category			text CHECK (category IN ('local', 'long_term', 'temporary', 'unfiled')),
	policy_id			bigint,
	ratio_bp			integer,
	first_selfpay_fen	bigint,
	deductible_fen		bigint,
	fund_fen			bigint,
	personal_fen		bigint,
	created_at			timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE settlement IS 'settlements (结算); immutable, corrected by a reversal row (冲正)';
SELECT pg_catalog.pg_extension_config_dump('settlement', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.settlement', 'id'), '');

-- R4: a failed settlement attempt, kept for the success-rate KPI
CREATE TABLE settlement_attempt (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	attempted_at		timestamptz NOT NULL DEFAULT now(),
	attempted_on		date NOT NULL,
	encounter_id		bigint REFERENCES encounter (id),
	mode				text NOT NULL,
	invoice_no			text,
	total_fen			bigint,
	sqlstate			char(5) NOT NULL,
	message				text NOT NULL
);
COMMENT ON TABLE settlement_attempt IS 'failed settlement attempts with their SQLSTATE (R4: network settlement success rate)';
SELECT pg_catalog.pg_extension_config_dump('settlement_attempt', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.settlement_attempt', 'id'), '');

-- S5: manual reimbursement claims (手工报销)
CREATE TABLE manual_claim (
	id						bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	encounter_id			bigint NOT NULL REFERENCES encounter (id),
	invoice_no				text NOT NULL,
	total_fen				bigint NOT NULL,
	out_of_scope_fen		bigint NOT NULL DEFAULT 0,
	submitted_on			date NOT NULL DEFAULT current_date,
	materials_complete_on	date,
	due_on					date,
	decided_on				date,
	settlement_id			bigint REFERENCES settlement (id),
	created_at				timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE manual_claim IS 'manual reimbursement claims (手工报销), S5: 002 #15–16';
SELECT pg_catalog.pg_extension_config_dump('manual_claim', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.manual_claim', 'id'), '');

-- == settlement rules ==

-- S6 (002 #10–#12): a referral (转诊转院) is issued by a designated
-- hospital of the insured pooling region, without an agency stamp; it holds
-- until the end of its insurance year, for the diagnosis it names, for one
-- treatment.  A settlement naming a valid referral pays as temporary outside
-- (000 §一(二) merged 转诊转院人员 into 临时外出就医人员).
CREATE TABLE referral (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	person_id			text NOT NULL REFERENCES person (id),
	issued_by			text NOT NULL REFERENCES institution (code),
	issued_on			date NOT NULL,
	diagnosis			text NOT NULL CHECK (diagnosis <> ''),
	destination_region	text REFERENCES region (code),
	created_at			timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE referral IS 'referrals (转诊转院), S6: 002 #10–#12';
COMMENT ON COLUMN referral.diagnosis IS 'the diagnosis the referral is for (e.g. an ICD-10 code); treatment under it must match (002 #12)';
COMMENT ON COLUMN referral.destination_region IS 'pooling region referred to; NULL: any';
CREATE INDEX referral_person_idx ON referral (person_id);
SELECT pg_catalog.pg_extension_config_dump('referral', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.referral', 'id'), '');

-- Ledgers: per person, year (of the service date) and quota group, what the
-- person has met of the deductible and what the fund has paid against the
-- annual cap.  Local and remote outpatient care name one quota group, so
-- they share one quota (000 §三(三)).  Written only by the settlement
-- engine, under a row lock; each row equals the sums of its settlements.
CREATE TABLE ledger (
	person_id			text NOT NULL REFERENCES person (id),
	year				integer NOT NULL,
	quota_group			text NOT NULL,
	deductible_met_fen	bigint NOT NULL DEFAULT 0 CHECK (deductible_met_fen >= 0),
	fund_paid_fen		bigint NOT NULL DEFAULT 0 CHECK (fund_paid_fen >= 0),
	PRIMARY KEY (person_id, year, quota_group)
);
COMMENT ON TABLE ledger IS
	'per person, year and quota group: deductible met and fund paid so far (000 §三(三)); kept by the settlement engine';
SELECT pg_catalog.pg_extension_config_dump('ledger', '');

-- What the engine reads and writes on a settlement, beyond the contract
-- columns: enough for explain_settlement() to replay every step from the
-- row alone, whatever the policy tables hold later.
ALTER TABLE settlement
	ADD COLUMN own_reason boolean NOT NULL DEFAULT false,
	ADD COLUMN referral_id bigint REFERENCES referral (id),
	ADD COLUMN diagnosis text,
	ADD COLUMN service_on date,
	ADD COLUMN category_reason text,
	ADD COLUMN quota_group text,
	ADD COLUMN invoice_seq integer,
	ADD COLUMN policy_deductible_fen bigint,
	ADD COLUMN policy_ratio_bp integer,
	ADD COLUMN first_selfpay_bp integer,
	ADD COLUMN annual_cap_fen bigint,
	ADD COLUMN adjustment_ids bigint[],
	ADD COLUMN ratio_steps integer[],
	ADD COLUMN in_scope_fen bigint,
	ADD COLUMN deductible_met_before_fen bigint,
	ADD COLUMN fund_paid_before_fen bigint,
	ADD CONSTRAINT settlement_policy_fk FOREIGN KEY (policy_id) REFERENCES policy (id),
	ADD CONSTRAINT settlement_own_reason_manual CHECK (NOT own_reason OR mode = 'manual'),
	ADD CONSTRAINT settlement_fund_plus_personal CHECK (fund_fen + personal_fen = total_fen),
	ADD CONSTRAINT settlement_category_reason CHECK (category_reason IN ('local', 'local_with_proof',
		'local_home_kept', 'home_without_proof', 'long_term_filing', 'temporary_filing',
		'filed_before_discharge', 'filed_after_discharge', 'closed_mid_stay', 'filing_exempt',
		'referral', 'emergency', 'unfiled'));
COMMENT ON COLUMN settlement.own_reason IS 'input: not settled directly for the person''s own reason (002 #4), manual only';
COMMENT ON COLUMN settlement.referral_id IS 'input: the referral the treatment is under (S6)';
COMMENT ON COLUMN settlement.diagnosis IS 'input: main diagnosis, checked against the referral (002 #12)';
COMMENT ON COLUMN settlement.service_on IS 'D: admission or visit date; picks the policy, the filing and the ledger year';
COMMENT ON COLUMN settlement.category_reason IS 'why the category: local, local_with_proof, local_home_kept, home_without_proof, long_term_filing, temporary_filing, filed_before_discharge, filed_after_discharge, closed_mid_stay, filing_exempt, referral, emergency, unfiled';
COMMENT ON COLUMN settlement.invoice_seq IS 'how many earlier (reversed) settlements the invoice had (S4)';
COMMENT ON COLUMN settlement.policy_ratio_bp IS 'the policy row''s ratio before adjustments; ratio_bp is the ratio applied';
COMMENT ON COLUMN settlement.adjustment_ids IS 'ratio_adjustment rows applied, in order; ratio_steps: the ratio after each';
COMMENT ON COLUMN settlement.deductible_met_before_fen IS 'ledger before this settlement: deductible met';
COMMENT ON COLUMN settlement.fund_paid_before_fen IS 'ledger before this settlement: fund paid';
CREATE UNIQUE INDEX settlement_invoice_once ON settlement (institution_code, invoice_no, invoice_seq)
	WHERE reverses IS NULL;
CREATE UNIQUE INDEX settlement_reversed_once ON settlement (reverses) WHERE reverses IS NOT NULL;
CREATE INDEX settlement_encounter_idx ON settlement (encounter_id);
-- S6 (002 #12): a referral serves one encounter, whatever the isolation level
ALTER TABLE settlement ADD CONSTRAINT settlement_referral_once EXCLUDE USING gist (
	referral_id WITH OPERATOR(pg_catalog.=),
	encounter_id WITH OPERATOR(pg_catalog.<>))
	WHERE (referral_id IS NOT NULL AND reverses IS NULL);
CREATE INDEX settlement_person_idx ON settlement (person_id, service_on);

CREATE FUNCTION settlement_insert_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION settlement_insert_trigger() IS
	'the settlement engine: category, amounts, ledgers and checks S1–S4, S6 on insert; reversals (SPEC §3)';
CREATE TRIGGER settlement_engine BEFORE INSERT ON settlement
	FOR EACH ROW EXECUTE FUNCTION settlement_insert_trigger();
CREATE FUNCTION settlement_immutable_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION settlement_immutable_trigger() IS
	'settlements are final: UPDATE and DELETE are refused, a correction is a reversal';
CREATE TRIGGER settlement_immutable BEFORE UPDATE OR DELETE ON settlement
	FOR EACH ROW EXECUTE FUNCTION settlement_immutable_trigger();

-- S3 (002 #8): a stay spans its admission day up to its discharge day (a
-- transfer is admitted the day the other stay ends); a same-day stay spans
-- its day; an open stay has no end.  Two stays of a person never overlap:
-- the C trigger names both, the exclusion constraint stops races.
CREATE FUNCTION stay_span(admitted_on date, discharged_on date) RETURNS daterange
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	RETURN pg_catalog.daterange(admitted_on,
		CASE WHEN discharged_on IS NULL THEN NULL
			 WHEN discharged_on OPERATOR(pg_catalog.>) admitted_on THEN discharged_on
			 ELSE admitted_on OPERATOR(pg_catalog.+) 1 END, '[)');
COMMENT ON FUNCTION stay_span(date, date) IS
	'the days a stay occupies, [admission, discharge); S3 (002 #8)';
ALTER TABLE encounter ADD CONSTRAINT encounter_stays_do_not_overlap EXCLUDE USING gist (
	person_id WITH OPERATOR(pg_catalog.=),
	(stay_span(admitted_on, discharged_on)) WITH OPERATOR(pg_catalog.&&))
	WHERE (visit_type = 'inpatient');
CREATE FUNCTION encounter_stay_overlap_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION encounter_stay_overlap_trigger() IS
	'S3 (002 #8): two stays of one person never overlap';
CREATE TRIGGER encounter_stays_overlap
	BEFORE INSERT OR UPDATE OF person_id, visit_type, admitted_on, discharged_on ON encounter
	FOR EACH ROW WHEN (NEW.visit_type = 'inpatient')
	EXECUTE FUNCTION encounter_stay_overlap_trigger();

CREATE FUNCTION settlement_amounts(total_fen bigint, out_of_scope_fen bigint,
		first_selfpay_bp integer, policy_deductible_fen bigint,
		deductible_met_fen bigint, ratio_bp integer, annual_cap_fen bigint,
		fund_paid_fen bigint,
		OUT in_scope_fen bigint, OUT first_selfpay_fen bigint,
		OUT deductible_fen bigint, OUT fund_fen bigint, OUT personal_fen bigint)
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION settlement_amounts(bigint, bigint, integer, bigint, bigint, integer, bigint, bigint) IS
	'the amounts of SPEC §3 in fen, rounded half up, as the settlement engine computes them';

CREATE FUNCTION settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL)
	RETURNS settlement
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO xdjy.settlement (encounter_id, total_fen, out_of_scope_fen, invoice_no,
		settled_on, mode, own_reason, referral_id, diagnosis)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
	RETURNING *
$$;
COMMENT ON FUNCTION settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text) IS
	'settle an encounter: the engine decides the category and the amounts, or rejects with a YB code';

CREATE FUNCTION try_settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL)
	RETURNS settlement
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	result xdjy.settlement;
	state text;
	msg text;
BEGIN
	-- a subtransaction: a rejected settlement leaves nothing behind
	BEGIN
		result := xdjy.settle($1, $2, $3, $4, $5, $6, $7, $8, $9);
		RETURN result;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	END;
	INSERT INTO xdjy.settlement_attempt (attempted_on, encounter_id, mode, invoice_no,
		total_fen, sqlstate, message)
	VALUES (COALESCE($5, CURRENT_DATE),
		(SELECT e.id FROM xdjy.encounter e WHERE e.id OPERATOR(pg_catalog.=) $1),
		COALESCE($6, 'direct'), $4, $2, state, msg);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text) IS
	'settle(), but a rejection is recorded in settlement_attempt with its SQLSTATE (R4) and NULL returned';

CREATE FUNCTION reverse_settlement(settlement_id bigint, settled_on date DEFAULT CURRENT_DATE)
	RETURNS settlement
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO xdjy.settlement (reverses, settled_on) VALUES ($1, $2) RETURNING *
$$;
COMMENT ON FUNCTION reverse_settlement(bigint, date) IS
	'reverse a settlement (冲正): a row with the amounts negated that gives the ledgers back; once per settlement';

CREATE FUNCTION explain_settlement(settlement_id bigint, lang text DEFAULT NULL)
	RETURNS TABLE (step integer, rule text, amount_fen bigint, source text, note text)
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE;
COMMENT ON FUNCTION explain_settlement(bigint, text) IS
	'every step of a settlement (category and why, policy, ratio rules, amounts, ledgers before and after) with its rule and seed article, in en or zh (default xdjy.language)';

-- S5: manual claims (手工报销), 002 #15–#16.  Submitted open; decided by
-- decide_manual_claim(), which pays through a settlement of mode 'manual'
-- or records the rule that rejected it.  due_on is computed: 22 working
-- days after complete materials (002 #15).
ALTER TABLE manual_claim
	ADD COLUMN own_reason boolean NOT NULL DEFAULT false,
	ADD COLUMN referral_id bigint REFERENCES referral (id),
	ADD COLUMN diagnosis text,
	ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'rejected')),
	ADD COLUMN rejection_sqlstate char(5),
	ADD COLUMN rejection text,
	ADD CONSTRAINT manual_claim_decided CHECK ((status = 'open') = (decided_on IS NULL)),
	ADD CONSTRAINT manual_claim_paid CHECK ((status = 'paid') = (settlement_id IS NOT NULL)),
	ADD CONSTRAINT manual_claim_rejected CHECK ((status = 'rejected') = (rejection_sqlstate IS NOT NULL)),
	ADD CONSTRAINT manual_claim_materials_after_submission CHECK (materials_complete_on >= submitted_on);
COMMENT ON COLUMN manual_claim.own_reason IS 'not settled directly for the person''s own reason (002 #4: −10 points in Jilin)';
COMMENT ON COLUMN manual_claim.due_on IS 'computed: 22 working days after materials_complete_on (002 #15)';
COMMENT ON COLUMN manual_claim.status IS 'open, paid (settlement_id) or rejected (rejection_sqlstate, rejection)';
CREATE INDEX manual_claim_encounter_idx ON manual_claim (encounter_id);
CREATE INDEX manual_claim_open_invoice_idx ON manual_claim (invoice_no) WHERE status = 'open';

CREATE FUNCTION manual_claim_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION manual_claim_trigger() IS
	'S5: claim deadline (002 #16), due date (002 #15), invoice once (000 §四), submitted fields fixed, decisions final';
CREATE TRIGGER manual_claim_rules BEFORE INSERT OR UPDATE ON manual_claim
	FOR EACH ROW EXECUTE FUNCTION manual_claim_trigger();

CREATE FUNCTION decide_manual_claim(claim_id bigint, decided_on date DEFAULT CURRENT_DATE)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION decide_manual_claim(bigint, date) IS
	'decide a manual claim: pay it through a manual settlement at the insured place''s standard, or record the rule that rejects it and return NULL';

INSERT INTO error_code VALUES
('YB301', 'settlement', 'direct settlement without filing', '未备案不能直接结算',
 'The person has no filing covering the treatment region on the service date, no exemption, no referral and no emergency (SPEC §3 step 5).',
 '参保人在就医日期没有覆盖就医地的备案，也不属于免备案、转诊或急诊情形（SPEC §3 第5步）。'),
('YB302', 'settlement', 'invalid settlement amounts', '结算金额无效',
 'A total or out-of-scope amount is negative, or the out-of-scope amount exceeds the total.',
 '医疗费总额或全自费金额为负，或全自费金额超过总额。'),
('YB303', 'settlement', 'trauma with a third party is not paid by the fund', '涉及第三方的外伤费用基金不予支付',
 'The encounter is flagged trauma with a liable third party (004 §二(四)).',
 '就诊标记为外伤且涉及第三方责任（004 §二(四)）。'),
('YB304', 'settlement', 'trauma settles directly only with the no-third-party pledge', '外伤直接结算须有无第三方责任承诺书',
 'Trauma without a third party settles directly only with the signed pledge (004 §二(四)).',
 '无第三方责任外伤须填写《外伤无第三方责任承诺书》方可直接结算（004 §二(四)）。'),
('YB305', 'settlement', 'item bought outside during a stay settles with the stay', '住院期间外院检查或购药费用随住院结算',
 'Tests or drugs bought outside during a stay are settled only with that stay (001 §五(三), 004 §二(六)).',
 '住院期间外院检查治疗或定点药店购药费用纳入本次住院费用结算（001 §五(三)、004 §二(六)）。'),
('YB306', 'settlement', 'overlapping stays', '住院时间重叠',
 'Two stays of one person overlap in time (002 #8).',
 '同一参保人的两次住院时间重叠（002 #8）。'),
('YB307', 'settlement', 'visit elsewhere during a stay', '住院期间在其他机构就诊',
 'A visit at another institution falls inside a stay of the person and is not attached to it (002 #8).',
 '参保人住院期间在其他机构就诊且未纳入本次住院（002 #8）。'),
('YB308', 'settlement', 'invoice already reimbursed', '票据已报销',
 'The invoice was already reimbursed online or by hand and not reversed (000 §四).',
 '该票据已联网或手工报销且未冲正，不得重复报销（000 §四）。'),
('YB309', 'settlement', 'referral not valid', '转诊无效',
 'The referral is for another person or region, or the service date is outside its insurance year (002 #12).',
 '转诊属于他人或其他地区，或就医日期不在其参保年度有效期内（002 #12）。'),
('YB310', 'settlement', 'diagnosis differs from the referral', '诊断与转诊不符',
 'Treatment under a referral must match the diagnosis made at referral (002 #12).',
 '转诊治疗应符合转诊时确定的病情或诊断（002 #12）。'),
('YB311', 'settlement', 'referral already used', '转诊已使用',
 'A referral is valid for one treatment only (002 #12).',
 '转诊当次有效（002 #12）。'),
('YB312', 'settlement', 'referral not issued by a hospital of the insured region', '转诊非参保地定点医院出具',
 'A referral is issued by a designated hospital of the insured pooling region (002 #10).',
 '转诊由统筹区内具备转诊资格的定点医疗机构办理（002 #10）。'),
('YB313', 'settlement', 'settlements cannot be changed', '结算记录不可修改',
 'Settlements are final; a correction is a reversal row.',
 '结算记录不可修改或删除，更正须冲正。'),
('YB314', 'settlement', 'settlement already reversed', '结算已冲正',
 'A settlement is reversed at most once.',
 '一笔结算只能冲正一次。'),
('YB315', 'settlement', 'reversal does not match its original', '冲正与原结算不符',
 'A reversal names an encounter, invoice, total or date that differs from its original, or reverses a reversal.',
 '冲正的就诊、票据、金额或日期与原结算不符，或冲正的对象本身是冲正。'),
('YB316', 'settlement', 'settlement column filled by the engine', '结算字段由系统计算',
 'The row gives a value for a column the settlement engine computes (category, amounts, ledger figures).',
 '插入的结算记录包含应由结算引擎计算的字段（待遇类别、金额、台账）。'),
('YB317', 'settlement', 'institution not open for direct cross-region settlement', '机构未开通异地联网结算',
 'Direct cross-region settlement needs an institution networked for the visit type (000 §三(四)).',
 '异地直接结算须在开通相应联网结算的定点机构（000 §三(四)）。'),
('YB318', 'settlement', 'settlement date before the encounter', '结算日期早于就诊',
 'A settlement cannot be dated before the encounter began.',
 '结算日期不能早于就诊开始日期。'),
('YB319', 'settlement', 'settlement not computed by the engine', '结算记录未经结算引擎计算',
 'The settlement row was written with the triggers disabled and has no category or ledger figures, so it cannot be explained or reversed.',
 '该结算记录在禁用触发器时写入，没有待遇类别和台账数据，无法说明或冲正。'),
('YB401', 'manual_claim', 'manual claim after the deadline', '手工报销超过申报截止日期',
 'Expenses of a year are claimed by 31 March of the next year (002 #16).',
 '异地就医费用回参保地报销的，待遇支付截止时间为次年3月31日（002 #16）。'),
('YB402', 'manual_claim', 'manual claim materials not complete', '手工报销材料未收齐',
 'A claim is decided only after its materials (invoice, medical record, expense list) are complete, and not before that day (002 #15).',
 '报销材料（票据、病历、费用清单）收齐后方可办理，办结日期不得早于收齐日期（002 #15）。'),
('YB403', 'manual_claim', 'manual claim already decided', '手工报销已办结',
 'A decided claim is final.',
 '已办结的手工报销不可更改。'),
('YB404', 'manual_claim', 'manual claim field cannot change', '手工报销申报内容不可修改',
 'The encounter, invoice, amounts and submission date of a claim are fixed when it is submitted.',
 '手工报销的就诊、票据、金额和申报日期提交后不可修改。');

-- == end of settlement rules ==

--------------------------------------------------------------------------
-- Reconciliation, clearing and reporting (SPEC §4)
--------------------------------------------------------------------------

-- == reporting ==

-- Views read the tables as the querying role (security_invoker), so
-- row-level security (section security) narrows every report to the rows
-- the role may see.  Views and BEGIN ATOMIC bodies are bound when the
-- script runs; the deadline and matching rules they call are in C
-- (src/reporting.c), each written once.

-- rules, in C --------------------------------------------------------------

CREATE FUNCTION reconciliation_kinds(expected bigint[], insured_report bigint[], treatment_report bigint[], national_report bigint[])
	RETURNS text[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION reconciliation_kinds(bigint[], bigint[], bigint[], bigint[]) IS
	'three-party reconciliation of one settlement (004 §四(一)): each argument ARRAY[total_fen, fund_fen, personal_fen] or NULL; returns missing_at_<party>, amount_differs, unknown_settlement (expected NULL), or {} when matched';

CREATE FUNCTION month_of(day date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION month_of(date) IS 'the first day of the month of day: the key of the monthly reports';

CREATE FUNCTION reconciliation_due_on(month date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION reconciliation_due_on(date) IS
	'the 3rd of the next month: a month''s settlements are reconciled by then (004 §四(一))';

CREATE FUNCTION detail_upload_due_on(settled_on date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detail_upload_due_on(date) IS
	'settled_on + 3 calendar days: inpatient expense details are uploaded by then (004 §三(四) 3日内)';

CREATE FUNCTION clearing_confirm_due_on(month date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION clearing_confirm_due_on(date) IS
	'the 20th of the next month: a month''s clearing is confirmed with the institutions by then (004 §四(二))';

CREATE FUNCTION clearing_pay_due_on(declared_on date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION clearing_pay_due_on(date) IS
	'the 30th working day after a declaration: paid by then (004 §四(二) 30个工作日内)';

CREATE FUNCTION clearing_transfer_due_on(next_clearing_starts_on date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION clearing_transfer_due_on(date) IS
	'the day before the next provincial clearing starts: funds are transferred up (上解) by then (004 §四(三))';

CREATE FUNCTION deadline_status(due_on date, done_on date, as_of date) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION deadline_status(date, date, date) IS
	'done (done_on <= as_of), overdue (as_of > due_on) or open, as it stood on as_of; the due day is on time';

CREATE FUNCTION deadline_missed(due_on date, done_on date, as_of date) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION deadline_missed(date, date, date) IS
	'as it stood on as_of: done after due_on, or still not done with as_of past due_on';

CREATE FUNCTION rate_bp(numerator bigint, denominator bigint) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_bp(bigint, bigint) IS
	'numerator / denominator in basis points (9800 = 98%), rounded half up; NULL for no cases';

CREATE FUNCTION rate_meets(numerator bigint, denominator bigint, target_bp integer) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_meets(bigint, bigint, integer) IS
	'numerator / denominator >= target_bp / 10000, exactly (以上 includes the target); NULL for no cases';

CREATE FUNCTION kpi_target_bp(kpi text) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_target_bp(text) IS
	'004 §一 targets: network_success 9800 (98%, by the end of 2023), cross_province_inpatient_direct 8000 (80%, by the end of 2025)';

CREATE FUNCTION coverage_minimum(gap text) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION coverage_minimum(text) IS
	'003 §二: township_inpatient 1 networked inpatient institution per township, county_chronic 2 networked chronic-outpatient hospitals per county';

CREATE FUNCTION province_of(region_code text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION province_of(text) IS 'the province of a division code: its first two digits and 0000 (SPEC §1)';

CREATE FUNCTION reporting_label(code text, lang text DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION reporting_label(text, text) IS
	'English or Chinese label of a kind, status, indicator, gap or clearing party of the reporting views; lang NULL follows xdjy.language';

-- tables the parties and the agencies fill ----------------------------------

CREATE INDEX settlement_settled_on_idx ON settlement (settled_on);

-- R2, 004 §四(一): what each party of the three-party reconciliation
-- reported for a settlement.  No foreign key on settlement_id: a party may
-- report a settlement xdjy does not know (kind unknown_settlement).  A
-- party may report a settlement again (a resent or corrected day file): its
-- latest report (reported_on, then id) is the one reconciled, the view
-- shows how many it sent.
CREATE TABLE party_report (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	party			text NOT NULL CHECK (party IN ('insured', 'treatment', 'national')),
	settlement_id	bigint NOT NULL,
	reported_on		date NOT NULL,
	total_fen		bigint NOT NULL,
	fund_fen		bigint NOT NULL,
	personal_fen	bigint NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX party_report_settlement_idx ON party_report (settlement_id, party, reported_on DESC, id DESC);
CREATE INDEX party_report_reported_on_idx ON party_report (reported_on);
COMMENT ON TABLE party_report IS
	'three-party reconciliation (三方对账, 004 §四(一)): a settlement as reported by the insured place, the treatment place or the platform';
COMMENT ON COLUMN party_report.party IS
	'insured (参保地), treatment (就医地) or national (the platform that routed it: 国家跨省异地就医管理子系统 for cross-province, the provincial platform for intra-province settlements)';
COMMENT ON COLUMN party_report.settlement_id IS 'setl_id: the settlement reported; not checked against xdjy.settlement';
SELECT pg_catalog.pg_extension_config_dump('party_report', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.party_report', 'id'), '');

-- R1, 004 §三(四): when the treatment place uploaded the expense details of
-- an inpatient direct settlement (医疗费用明细上传)
CREATE TABLE detail_upload (
	settlement_id	bigint PRIMARY KEY REFERENCES settlement (id),
	uploaded_on		date NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE detail_upload IS
	'expense details of an inpatient direct settlement uploaded to the national and provincial platforms (004 §三(四): within 3 days)';
SELECT pg_catalog.pg_extension_config_dump('detail_upload', '');

-- R3, 004 §四(二): a month's clearing confirmed with an institution
-- (对账确认; national interface 3261 confirms, 3262 rolls back).  A roll-back
-- keeps the row and sets rolled_back_on; a new confirmation is a new row.
-- At most one confirmation of a month and institution stands at a time.
CREATE TABLE clearing_confirmation (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	month				date NOT NULL CHECK (month = xdjy.month_of(month)),
	institution_code	text NOT NULL REFERENCES institution (code),
	confirmed_on		date NOT NULL,
	fund_fen			bigint NOT NULL,
	total_fen			bigint,
	settlements			integer CHECK (settlements >= 0),
	rolled_back_on		date,
	created_at			timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT clearing_confirmation_after_month CHECK (confirmed_on >= month + interval '1 month'),
	CONSTRAINT clearing_confirmation_rollback_after CHECK (rolled_back_on >= confirmed_on)
);
CREATE UNIQUE INDEX clearing_confirmation_standing_idx ON clearing_confirmation (month, institution_code)
	WHERE rolled_back_on IS NULL;
COMMENT ON TABLE clearing_confirmation IS
	'monthly clearing confirmed with an institution (对账确认, 004 §四(二): by the 20th of the next month; interface 3261 confirm, 3262 roll back)';
COMMENT ON COLUMN clearing_confirmation.month IS 'the month cleared: its first day';
COMMENT ON COLUMN clearing_confirmation.fund_fen IS 'fund amount confirmed (fund_pay_sumamt, in fen)';
COMMENT ON COLUMN clearing_confirmation.total_fen IS 'total medical costs confirmed (medfee_sumamt, in fen), if sent';
COMMENT ON COLUMN clearing_confirmation.settlements IS 'number of settlements confirmed (fixmedins_setl_cnt), if sent';
COMMENT ON COLUMN clearing_confirmation.rolled_back_on IS 'the confirmation was rolled back (确认回退, 3262) on this day';
SELECT pg_catalog.pg_extension_config_dump('clearing_confirmation', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.clearing_confirmation', 'id'), '');

-- R3, 004 §四(二): an institution's declaration of a month's costs (费用申报)
-- and its payment, due within 30 working days of the declaration
CREATE TABLE clearing_declaration (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	month				date NOT NULL CHECK (month = xdjy.month_of(month)),
	institution_code	text NOT NULL REFERENCES institution (code),
	declared_on			date NOT NULL,
	fund_fen			bigint NOT NULL,
	paid_on				date,
	paid_fen			bigint,
	created_at			timestamptz NOT NULL DEFAULT now(),
	UNIQUE (month, institution_code),
	CONSTRAINT clearing_declaration_after_month CHECK (declared_on >= month + interval '1 month'),
	CONSTRAINT clearing_declaration_paid_both CHECK ((paid_on IS NULL) = (paid_fen IS NULL)),
	CONSTRAINT clearing_declaration_paid_after CHECK (paid_on >= declared_on)
);
COMMENT ON TABLE clearing_declaration IS
	'an institution''s declaration of a month''s remote-treatment costs (费用申报) and its payment (004 §四(二): within 30 working days)';
SELECT pg_catalog.pg_extension_config_dump('clearing_declaration', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.clearing_declaration', 'id'), '');

-- R3, 004 §四(三): the provincial clearing calendar — when the clearing of
-- a month's costs starts in a province (省级清算)
CREATE TABLE provincial_clearing (
	province_code	text NOT NULL REFERENCES region (code),
	month			date NOT NULL CHECK (month = xdjy.month_of(month)),
	starts_on		date NOT NULL,
	PRIMARY KEY (province_code, month),
	CONSTRAINT provincial_clearing_province CHECK (province_code = xdjy.province_of(province_code))
);
COMMENT ON TABLE provincial_clearing IS
	'when a province''s clearing of a month''s remote-treatment costs starts (省级清算); the transfer up of the month before is due before it (004 §四(三))';
SELECT pg_catalog.pg_extension_config_dump('provincial_clearing', '');

-- R3, 004 §四(三): a pooling region's transfer up (上解) of a month's
-- remote-treatment costs of its insured
CREATE TABLE clearing_transfer (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	month			date NOT NULL CHECK (month = xdjy.month_of(month)),
	region_code		text NOT NULL REFERENCES region (code),
	transferred_on	date NOT NULL,
	fund_fen		bigint NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	UNIQUE (month, region_code),
	CONSTRAINT clearing_transfer_after_month CHECK (transferred_on >= month + interval '1 month')
);
COMMENT ON TABLE clearing_transfer IS
	'a pooling region''s transfer up (上解) of the month''s remote-treatment costs of its insured (004 §四(三))';
SELECT pg_catalog.pg_extension_config_dump('clearing_transfer', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.clearing_transfer', 'id'), '');

-- views --------------------------------------------------------------------

-- The settlements the reconciliation, detail-upload and clearing rules are
-- about: settled directly (直接结算) away from the insured pooling region
-- (intra-province or cross-province).  Local settlements and manual
-- reimbursements (手工报销, paid by the insured place itself) do not pass
-- through the platforms.
CREATE VIEW remote_direct_settlement WITH (security_invoker = true) AS
SELECT s.id, s.encounter_id, s.settled_on, s.scope, s.reverses, s.institution_code,
	s.insured_region, s.treatment_region, s.total_fen, s.fund_fen, s.personal_fen
FROM xdjy.settlement s
WHERE s.mode = 'direct' AND s.scope IN ('intra_province', 'cross_province');
COMMENT ON VIEW remote_direct_settlement IS
	'settlements made directly (直接结算) outside the insured pooling region: what the platforms reconcile and clear';

-- R2 daily: every remote direct settlement with something wrong, one row per
-- kind, all three parties' latest values side by side; and every settlement
-- id a party reported that xdjy does not know, once per report day.  Filter
-- on day: settlement and party_report are read through their indexes.
CREATE VIEW reconciliation_mismatch WITH (security_invoker = true) AS
SELECT s.settled_on AS day, s.id AS settlement_id, k.kind,
	s.institution_code, s.insured_region, s.treatment_region,
	s.total_fen, s.fund_fen, s.personal_fen,
	ins.total_fen AS insured_total_fen, ins.fund_fen AS insured_fund_fen,
	ins.personal_fen AS insured_personal_fen, coalesce(ins.reports, 0) AS insured_reports,
	tre.total_fen AS treatment_total_fen, tre.fund_fen AS treatment_fund_fen,
	tre.personal_fen AS treatment_personal_fen, coalesce(tre.reports, 0) AS treatment_reports,
	nat.total_fen AS national_total_fen, nat.fund_fen AS national_fund_fen,
	nat.personal_fen AS national_personal_fen, coalesce(nat.reports, 0) AS national_reports
FROM xdjy.remote_direct_settlement s
LEFT JOIN LATERAL (
	SELECT r.total_fen, r.fund_fen, r.personal_fen, count(*) OVER () AS reports
	FROM xdjy.party_report r
	WHERE r.settlement_id = s.id AND r.party = 'insured'
	ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) ins ON true
LEFT JOIN LATERAL (
	SELECT r.total_fen, r.fund_fen, r.personal_fen, count(*) OVER () AS reports
	FROM xdjy.party_report r
	WHERE r.settlement_id = s.id AND r.party = 'treatment'
	ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) tre ON true
LEFT JOIN LATERAL (
	SELECT r.total_fen, r.fund_fen, r.personal_fen, count(*) OVER () AS reports
	FROM xdjy.party_report r
	WHERE r.settlement_id = s.id AND r.party = 'national'
	ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) nat ON true
CROSS JOIN LATERAL pg_catalog.unnest(xdjy.reconciliation_kinds(
	ARRAY[s.total_fen, s.fund_fen, s.personal_fen],
	ARRAY[ins.total_fen, ins.fund_fen, ins.personal_fen],
	ARRAY[tre.total_fen, tre.fund_fen, tre.personal_fen],
	ARRAY[nat.total_fen, nat.fund_fen, nat.personal_fen])) AS k(kind)
UNION ALL
SELECT u.day, u.settlement_id, k.kind,
	NULL, NULL, NULL, NULL, NULL, NULL,
	u.insured_total_fen, u.insured_fund_fen, u.insured_personal_fen, u.insured_reports,
	u.treatment_total_fen, u.treatment_fund_fen, u.treatment_personal_fen, u.treatment_reports,
	u.national_total_fen, u.national_fund_fen, u.national_personal_fen, u.national_reports
FROM (
	SELECT r.reported_on AS day, r.settlement_id,
		(array_agg(r.total_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'insured'))[1] AS insured_total_fen,
		(array_agg(r.fund_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'insured'))[1] AS insured_fund_fen,
		(array_agg(r.personal_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'insured'))[1] AS insured_personal_fen,
		count(*) FILTER (WHERE r.party = 'insured') AS insured_reports,
		(array_agg(r.total_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'treatment'))[1] AS treatment_total_fen,
		(array_agg(r.fund_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'treatment'))[1] AS treatment_fund_fen,
		(array_agg(r.personal_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'treatment'))[1] AS treatment_personal_fen,
		count(*) FILTER (WHERE r.party = 'treatment') AS treatment_reports,
		(array_agg(r.total_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'national'))[1] AS national_total_fen,
		(array_agg(r.fund_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'national'))[1] AS national_fund_fen,
		(array_agg(r.personal_fen ORDER BY r.id DESC) FILTER (WHERE r.party = 'national'))[1] AS national_personal_fen,
		count(*) FILTER (WHERE r.party = 'national') AS national_reports
	FROM xdjy.party_report r
	-- a scalar subquery, not NOT EXISTS: one index probe per report of the
	-- day, never a hash of all settlements
	WHERE (SELECT s.id FROM xdjy.settlement s WHERE s.id = r.settlement_id) IS NULL
	GROUP BY r.reported_on, r.settlement_id
) u
CROSS JOIN LATERAL pg_catalog.unnest(xdjy.reconciliation_kinds(NULL,
	ARRAY[u.insured_total_fen, u.insured_fund_fen, u.insured_personal_fen],
	ARRAY[u.treatment_total_fen, u.treatment_fund_fen, u.treatment_personal_fen],
	ARRAY[u.national_total_fen, u.national_fund_fen, u.national_personal_fen])) AS k(kind);
COMMENT ON VIEW reconciliation_mismatch IS
	'R2 daily three-party reconciliation (004 §四(一)): every remote direct settlement missing at a party or whose amounts differ, and every settlement a party reported that xdjy does not know; latest report per party, report counts show a settlement reported twice';

-- R2 monthly, as it stood on as_of: only reports made by as_of count.  A
-- month is reconciled (reconciled_on) when every remote direct settlement
-- of it matches at all three parties and no unknown settlement was
-- reported in it; reconciled_on is then the day the last report needed came
-- in.  due_on is the 3rd of the next month; status done/open/overdue.
CREATE FUNCTION reconciliation_monthly_as_of(as_of date)
	RETURNS TABLE (month date, settlements bigint, matched bigint, mismatched bigint,
		unknown_settlements bigint, reconciled_on date, due_on date, status text, late boolean)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	-- each party's latest report (reported_on, then id) in one hashed
	-- pass: the greatest ARRAY[day, id, total, fund, personal] per party,
	-- its amounts sliced out (no sort of every report, issue 7 figure 5)
	WITH pivot AS (
		SELECT r.settlement_id,
			(max(ARRAY[(r.reported_on - DATE '2000-01-01')::bigint, r.id, r.total_fen, r.fund_fen, r.personal_fen])
				FILTER (WHERE r.party = 'insured'))[3:5] AS insured,
			(max(ARRAY[(r.reported_on - DATE '2000-01-01')::bigint, r.id, r.total_fen, r.fund_fen, r.personal_fen])
				FILTER (WHERE r.party = 'treatment'))[3:5] AS treatment,
			(max(ARRAY[(r.reported_on - DATE '2000-01-01')::bigint, r.id, r.total_fen, r.fund_fen, r.personal_fen])
				FILTER (WHERE r.party = 'national'))[3:5] AS national,
			max(r.reported_on) AS last_reported_on
		FROM xdjy.party_report r
		WHERE r.reported_on <= as_of
		GROUP BY r.settlement_id
	), per_settlement AS (
		SELECT xdjy.month_of(s.settled_on) AS month,
			pg_catalog.cardinality(xdjy.reconciliation_kinds(
				ARRAY[s.total_fen, s.fund_fen, s.personal_fen],
				p.insured, p.treatment, p.national)) = 0 AS matched,
			p.last_reported_on
		FROM xdjy.remote_direct_settlement s
		LEFT JOIN pivot p ON p.settlement_id = s.id
		WHERE s.settled_on <= as_of
	), unknown AS (
		SELECT xdjy.month_of(min(r.reported_on)) AS month, r.settlement_id
		FROM xdjy.party_report r
		WHERE r.reported_on <= as_of
			AND NOT EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = r.settlement_id)
		GROUP BY r.settlement_id
	), months AS (
		SELECT ps.month, count(*) AS settlements, count(*) FILTER (WHERE ps.matched) AS matched,
			max(ps.last_reported_on) AS last_reported_on
		FROM per_settlement ps
		GROUP BY ps.month
	), unknown_months AS (
		SELECT u.month, count(*) AS unknown_settlements
		FROM unknown u
		GROUP BY u.month
	), report AS (
		SELECT coalesce(m.month, um.month) AS month,
			coalesce(m.settlements, 0) AS settlements,
			coalesce(m.matched, 0) AS matched,
			coalesce(um.unknown_settlements, 0) AS unknown_settlements,
			m.last_reported_on
		FROM months m
		FULL JOIN unknown_months um ON um.month = m.month
	), done AS (
		SELECT rp.*,
			CASE WHEN rp.matched = rp.settlements AND rp.unknown_settlements = 0
				THEN rp.last_reported_on END AS reconciled_on,
			xdjy.reconciliation_due_on(rp.month) AS due_on
		FROM report rp
	)
	SELECT d.month, d.settlements, d.matched, d.settlements - d.matched, d.unknown_settlements,
		d.reconciled_on, d.due_on,
		xdjy.deadline_status(d.due_on, d.reconciled_on, as_of),
		xdjy.deadline_missed(d.due_on, d.reconciled_on, as_of)
	FROM done d
	ORDER BY d.month;
END;
COMMENT ON FUNCTION reconciliation_monthly_as_of(date) IS
	'R2 monthly three-party reconciliation as it stood on as_of (004 §四(一): by the 3rd of the next month)';

CREATE VIEW reconciliation_monthly WITH (security_invoker = true) AS
SELECT * FROM xdjy.reconciliation_monthly_as_of(CURRENT_DATE);
COMMENT ON VIEW reconciliation_monthly IS
	'R2 monthly three-party reconciliation today; reconciliation_monthly_as_of(date) for another day';

-- R1, as it stood on as_of: inpatient direct settlements away from the
-- insured place whose expense details were not uploaded within 3 days
-- (uploaded late: done; not uploaded yet: overdue).  Reversals (冲正) carry
-- no new expenses.
CREATE FUNCTION detail_upload_overdue_as_of(as_of date)
	RETURNS TABLE (settlement_id bigint, settled_on date, institution_code text,
		insured_region text, treatment_region text, due_on date, uploaded_on date,
		status text, days_late integer)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT s.id, s.settled_on, s.institution_code, s.insured_region, s.treatment_region,
		x.due_on, u.uploaded_on,
		xdjy.deadline_status(x.due_on, u.uploaded_on, as_of),
		coalesce(u.uploaded_on, as_of) - x.due_on
	FROM xdjy.remote_direct_settlement s
	JOIN xdjy.encounter e ON e.id = s.encounter_id
	CROSS JOIN LATERAL (SELECT xdjy.detail_upload_due_on(s.settled_on) AS due_on) x
	LEFT JOIN xdjy.detail_upload u ON u.settlement_id = s.id AND u.uploaded_on <= as_of
	WHERE e.visit_type = 'inpatient' AND s.reverses IS NULL AND s.settled_on <= as_of
		AND xdjy.deadline_missed(x.due_on, u.uploaded_on, as_of)
	ORDER BY s.settled_on, s.id;
END;
COMMENT ON FUNCTION detail_upload_overdue_as_of(date) IS
	'R1 inpatient expense details not uploaded within 3 days of direct settlement (004 §三(四)), as it stood on as_of';

CREATE VIEW detail_upload_overdue WITH (security_invoker = true) AS
SELECT * FROM xdjy.detail_upload_overdue_as_of(CURRENT_DATE);
COMMENT ON VIEW detail_upload_overdue IS
	'R1 inpatient expense details not uploaded within 3 days (004 §三(四)), today';

-- R4, 004 §一, per province and month:
--   network_success: remote direct settlements (by the treatment province)
--     against them plus the failed direct attempts recorded for remote
--     encounters (try_settle; every recorded failure counts, a retry that
--     succeeds counts once each way); target 98%;
--   cross_province_inpatient_direct: cross-province inpatient settlements
--     of the province's insured settled directly, against all of them,
--     manual reimbursements included (counted per settlement); target 80%.
-- Reversals (冲正) are not settlements of their own here.
CREATE VIEW kpi_monthly WITH (security_invoker = true) AS
WITH network AS (
	SELECT xdjy.month_of(s.settled_on) AS month, xdjy.province_of(s.treatment_region) AS province,
		1 AS success
	FROM xdjy.remote_direct_settlement s
	WHERE s.reverses IS NULL
	UNION ALL
	SELECT xdjy.month_of(a.attempted_on), xdjy.province_of(t.treatment_region), 0
	FROM xdjy.settlement_attempt a
	JOIN xdjy.encounter e ON e.id = a.encounter_id
	JOIN xdjy.person p ON p.id = e.person_id
	JOIN xdjy.institution i ON i.code = e.institution_code
	CROSS JOIN LATERAL (SELECT xdjy.pooling_region(i.region_code) AS treatment_region) t
	WHERE a.mode = 'direct'
		AND xdjy.treatment_scope(p.insured_region, t.treatment_region) <> 'local'
), counts AS (
	SELECT n.month, n.province, 'network_success' AS kpi,
		sum(n.success)::bigint AS numerator, count(*) AS denominator
	FROM network n
	GROUP BY n.month, n.province
	UNION ALL
	SELECT xdjy.month_of(s.settled_on), xdjy.province_of(s.insured_region), 'cross_province_inpatient_direct',
		count(*) FILTER (WHERE s.mode = 'direct'), count(*)
	FROM xdjy.settlement s
	JOIN xdjy.encounter e ON e.id = s.encounter_id
	WHERE s.scope = 'cross_province' AND e.visit_type = 'inpatient' AND s.reverses IS NULL
	GROUP BY 1, 2
)
SELECT c.month, c.province, r.name_zh AS province_name_zh, r.name_en AS province_name_en,
	c.kpi, c.numerator, c.denominator,
	xdjy.rate_bp(c.numerator, c.denominator) AS rate_bp,
	xdjy.kpi_target_bp(c.kpi) AS target_bp,
	xdjy.rate_meets(c.numerator, c.denominator, xdjy.kpi_target_bp(c.kpi)) AS met
FROM counts c
LEFT JOIN xdjy.region r ON r.code = c.province;
COMMENT ON VIEW kpi_monthly IS
	'R4 monthly indicators per province (004 §一): network_success (target 98%) by treatment province, cross_province_inpatient_direct (target 80%) by insured province';

-- R5, 003 §二(一)(二): townships (乡镇、街道) with no networked inpatient
-- hospital located in them; county-level divisions with fewer than two
-- networked chronic-outpatient hospitals in them or their townships.
CREATE VIEW coverage_gap WITH (security_invoker = true) AS
SELECT 'township_inpatient' AS gap, t.code AS region_code, t.name_zh, t.name_en,
	t.parent_code, xdjy.province_of(t.code) AS province,
	count(i.code) AS networked, xdjy.coverage_minimum('township_inpatient') AS required,
	'no networked inpatient institution in the township' AS gap_en,
	'乡镇（街道）无住院联网定点医疗机构' AS gap_zh
FROM xdjy.region t
LEFT JOIN xdjy.institution i
	ON i.region_code = t.code AND i.kind = 'hospital' AND i.networked_inpatient
WHERE t.level = 'township'
GROUP BY t.code
HAVING count(i.code) < xdjy.coverage_minimum('township_inpatient')
UNION ALL
SELECT 'county_chronic', c.code, c.name_zh, c.name_en, c.parent_code, xdjy.province_of(c.code),
	count(i.code), xdjy.coverage_minimum('county_chronic'),
	'fewer than two networked chronic-outpatient hospitals in the county',
	'县级行政区门诊慢特病联网医疗机构不足2家'
FROM xdjy.region c
LEFT JOIN xdjy.institution i
	ON i.kind = 'hospital' AND i.networked_chronic
	AND (i.region_code = c.code
		OR i.region_code IN (SELECT t.code FROM xdjy.region t WHERE t.parent_code = c.code))
WHERE c.level = 'county'
GROUP BY c.code
HAVING count(i.code) < xdjy.coverage_minimum('county_chronic');
COMMENT ON VIEW coverage_gap IS
	'R5 coverage gaps (003 §二(一)(二)): townships without a networked inpatient institution, counties with fewer than two networked chronic-outpatient hospitals';

-- S5, as it stood on as_of: manual claims not decided yet, with the day
-- they are due (22 working days after complete materials, 002 #15, filled
-- in by the settlement rules) and whether that day has passed.
CREATE FUNCTION manual_claim_due_as_of(as_of date)
	RETURNS TABLE (claim_id bigint, encounter_id bigint, person_id text, insured_region text,
		institution_code text, submitted_on date, materials_complete_on date, due_on date,
		status text, overdue boolean)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT c.id, c.encounter_id, e.person_id, p.insured_region, e.institution_code,
		c.submitted_on, x.complete_on, CASE WHEN x.complete_on IS NOT NULL THEN c.due_on END,
		CASE WHEN x.complete_on IS NULL THEN 'awaiting_materials'
			ELSE xdjy.deadline_status(c.due_on, NULL, as_of) END,
		x.complete_on IS NOT NULL AND xdjy.deadline_missed(c.due_on, NULL, as_of)
	FROM xdjy.manual_claim c
	JOIN xdjy.encounter e ON e.id = c.encounter_id
	JOIN xdjy.person p ON p.id = e.person_id
	CROSS JOIN LATERAL (SELECT CASE WHEN c.materials_complete_on <= as_of
		THEN c.materials_complete_on END AS complete_on) x
	WHERE c.submitted_on <= as_of AND (c.decided_on IS NULL OR c.decided_on > as_of)
	ORDER BY c.due_on NULLS LAST, c.id;
END;
COMMENT ON FUNCTION manual_claim_due_as_of(date) IS
	'S5 manual claims open on as_of with their due day (22 working days after complete materials, 002 #15) and an overdue flag';

CREATE VIEW manual_claim_due WITH (security_invoker = true) AS
SELECT * FROM xdjy.manual_claim_due_as_of(CURRENT_DATE);
COMMENT ON VIEW manual_claim_due IS 'S5 manual claims open today, with due day and overdue flag (002 #15)';

-- == end of reporting ==

--------------------------------------------------------------------------
-- National platform compatibility (INTERFACE.md)
--------------------------------------------------------------------------

-- == national interface ==
-- National platform vocabulary (国家医疗保障信息平台 接口规范, INTERFACE.md):
-- what a HIS or agency developer recognises.  xdjy keeps its own names
-- and fen; here are the national field names (column comments, the
-- setlinfo view, the CSV export), the code mappings a DBA extends for
-- local variants, the 3201/3202 statements of an institution against the
-- database, and the 3260–3262 monthly remote clearing details with the
-- institution's confirmation.  004 §四(一)(二).

INSERT INTO error_code VALUES
('YB701', 'national interface', 'builtin national code mapping rows are read-only', '内置国家编码对照行不可修改',
 'A builtin row of insutype_map, med_type_map or clr_type_map was inserted, updated or deleted, or such a table truncated, outside CREATE/ALTER EXTENSION; builtin rows are not dumped, so the change would be lost on restore. Override with a row of your own and a higher priority.',
 '在 CREATE/ALTER EXTENSION 之外新增、修改或删除了内置的险种类型、医疗类别或清算类别对照行（或清空了对照表）；内置行不随 pg_dump 导出，修改会在恢复后丢失。请新增一行优先级更高的本地对照。'),
('YB702', 'national interface', 'invalid statement request', '对账请求不合法',
 'A 3201/3202 statement request lacks an argument, has a period ending before it begins, or a negative settlement count.',
 '3201/3202 对账请求缺少参数、对账结束日期早于开始日期，或结算笔数为负数。'),
('YB703', 'national interface', 'unknown national code', '未知的国家编码',
 'An insutype, clr_type or refd_setl_flag in a request is not one the code mappings (or the flag''s 0/1) define.',
 '请求中的险种类型、清算类别或退费结算标志不在编码对照表（或 0/1 取值）之中。'),
('YB704', 'national interface', 'amount is not a whole number of fen', '金额不是整分',
 'An amount in yuan has more than two decimals; the platform carries numeric(16,2) and xdjy never rounds an amount it is given.',
 '以元为单位的金额超过两位小数；平台金额为 numeric(16,2)，xdjy 不对传入金额做舍入。'),
('YB705', 'national interface', 'settlement is not in remote clearing', '结算不属于异地清分范围',
 'A clearing confirmation (3261) or roll-back (3262) names a settlement that is local or manual; remote clearing covers direct settlements outside the insured pooling region.',
 '清分确认（3261）或确认回退（3262）指向本地结算或手工报销；异地清分只包括参保统筹区以外的直接结算。'),
('YB706', 'national interface', 'clearing row already answered', '清分明细已确认',
 'A clearing row already has a confirmation (cnfm_flag 0 or 1); it must be rolled back (3262) before it is answered again.',
 '该清分明细已有确认结果（cnfm_flag 0 或 1），须先确认回退（3262）才能重新确认。'),
('YB707', 'national interface', 'clearing row has no answer to roll back', '清分明细尚未确认，无可回退',
 'A roll-back (3262) names a clearing row that has no confirmation.',
 '确认回退（3262）指向尚未确认的清分明细。'),
('YB708', 'national interface', 'clearing confirmations cannot be changed', '清分确认记录不可修改',
 'An UPDATE or DELETE on clearing_detail_confirmation; the log is append-only and answers are withdrawn with a roll-back entry.',
 '对清分确认记录执行了 UPDATE 或 DELETE；该记录只能追加，撤回确认须追加回退记录。');

-- Column comments: the national field (and its Chinese name) of each
-- contract column, or "xdjy only" where the platform has none.  They go
-- in front of what the other sections say about the column (the rule it
-- obeys), so neither text is lost whichever section is written later.
DO $national_comments$
DECLARE
	r record;
	rel regclass;
	old text;
BEGIN
	FOR r IN SELECT * FROM (VALUES
		('filing', 'id', 'trt_dcla_detl_sn 待遇申报明细流水号: the platform''s number of a filing (备案); here a bigint'),
		('filing', 'person_id', 'psn_no 人员编号'),
		('filing', 'destination_region', 'mdtrtarea_admvs 就医地医保区划 (mdtrtarea_admdvs in some versions)'),
		('filing', 'category', 'xdjy only: 人员类别 long_term_resident 异地长期居住人员 / temporary_outside 临时外出就医人员; local platforms code it in their own dictionaries'),
		('filing', 'status', 'vali_flag 有效标志: active 有效 is 1; changed 已变更, cancelled 已取消, terminated 已终止 are 0'),
		('filing', 'start_date', 'begndate 开始日期'),
		('filing', 'applied_on', 'xdjy only: 申请日期'),
		('filing', 'channel', 'dcla_souc 申报来源: the filing channel (备案渠道), codes in xdjy.channel'),
		('filing', 'pledge', 'xdjy only: 个人承诺'),
		('filing', 'proof', 'xdjy only: 证明材料'),
		('filing', 'closed_on', 'enddate 结束日期 (a long-term filing has no end date of its own)'),
		('filing', 'replaced_by', 'xdjy only: 变更后的备案'),
		('filing', 'created_at', 'crte_time 数据创建时间 (insert time, not a business date)'),
		('encounter', 'id', 'mdtrt_id 就诊ID'),
		('encounter', 'person_id', 'psn_no 人员编号'),
		('encounter', 'institution_code', 'fixmedins_code 定点医药机构编号'),
		('encounter', 'visit_type', 'med_type 医疗类别 and clr_type 清算类别, through xdjy.med_type_map and xdjy.clr_type_map: inpatient 住院, outpatient 普通门诊, chronic_outpatient 门诊慢特病, pharmacy 定点药店购药'),
		('encounter', 'admitted_on', 'begntime 开始时间 (入院时间 / 就诊时间; the date only)'),
		('encounter', 'discharged_on', 'endtime 结束时间 (出院时间; the date only)'),
		('encounter', 'emergency', 'otp_er_refl_flag 门诊急诊转诊标志 / ipt_type 住院类型 急诊: an emergency outpatient visit is med_type 13'),
		('encounter', 'trauma', 'trum_flag 外伤标志: an inpatient trauma stay is med_type 22'),
		('encounter', 'third_party', 'rel_ttp_flag 涉及第三方标志'),
		('encounter', 'trauma_pledge', 'xdjy only: 外伤无第三方责任承诺书 (004 §二(四))'),
		('encounter', 'attached_to', 'xdjy only: 住院期间外院检查治疗或定点药店购药单 (001 §五(三))'),
		('encounter', 'created_at', 'crte_time 数据创建时间 (insert time, not a business date)'),
		('settlement', 'id', 'setl_id 结算ID (setl_sn 结算流水号 in the 3260 clearing details)'),
		('settlement', 'encounter_id', 'mdtrt_id 就诊ID'),
		('settlement', 'settled_on', 'setl_time 结算时间 (the business date; statement periods and clearing months count by it)'),
		('settlement', 'mode', 'xdjy only: direct 直接结算 (through the platform) or manual 手工报销 (by the insured agency); only direct settlements enter 3201/3202 statements and remote clearing'),
		('settlement', 'invoice_no', 'invono 发票号'),
		('settlement', 'total_fen', 'medfee_sumamt 医疗费总额 (in fen; the platform uses yuan)'),
		('settlement', 'out_of_scope_fen', 'fulamt_ownpay_amt 全自费金额 (in fen; the platform uses yuan)'),
		('settlement', 'reverses', 'xdjy: the setl_id this row reverses (退费 / 冲正: 2208, 2305, 2601); such a row is refd_setl_flag 1 退费结算标志 in xdjy.setlinfo'),
		('settlement', 'person_id', 'psn_no 人员编号'),
		('settlement', 'institution_code', 'fixmedins_code 定点医药机构编号 (medins_no in the 3260 clearing details)'),
		('settlement', 'insured_region', 'insuplc_admdvs 参保地医保区划; also the settling agency (setl_optins / clr_optins 结算经办机构) of xdjy.stmt_total'),
		('settlement', 'treatment_region', 'mdtrtarea_admvs 就医地医保区划: the pooling region of the institution'),
		('settlement', 'filing_id', 'trt_dcla_detl_sn 待遇申报明细流水号 of the filing applied'),
		('settlement', 'scope', 'xdjy only: local 本地 / intra_province 省内异地 / cross_province 跨省异地, from insuplc_admdvs and mdtrtarea_admvs'),
		('settlement', 'category', 'xdjy only: benefit category 待遇类别 local / long_term / temporary / unfiled'),
		('settlement', 'policy_id', 'xdjy only: the policy row applied (所用待遇政策)'),
		('settlement', 'ratio_bp', 'pool_prop_selfpay 基本医疗保险统筹基金支付比例 (in basis points; the platform uses a fraction, numeric(5,4))'),
		('settlement', 'first_selfpay_fen', 'preselfpay_amt 先行自付金额 (in fen; the platform uses yuan)'),
		('settlement', 'deductible_fen', 'act_pay_dedc 实际支付起付线 (in fen; the platform uses yuan)'),
		('settlement', 'fund_fen', 'hifp_pay 统筹基金支出, also fund_pay_sumamt 基金支付总额 (no other fund is modelled; in fen; the platform uses yuan)'),
		('settlement', 'personal_fen', 'psn_part_amt 个人负担总金额 (in fen; the platform uses yuan)'),
		('settlement', 'created_at', 'crte_time 数据创建时间 (insert time, not a business date)')
	) AS v(tbl, col, national)
	LOOP
		rel := pg_catalog.format('xdjy.%I', r.tbl)::regclass;
		old := pg_catalog.col_description(rel, (SELECT a.attnum FROM pg_catalog.pg_attribute a
			WHERE a.attrelid OPERATOR(pg_catalog.=) rel AND a.attname OPERATOR(pg_catalog.=) r.col
				AND NOT a.attisdropped));
		EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', rel, r.col,
			CASE WHEN old IS NULL THEN r.national ELSE r.national OPERATOR(pg_catalog.||) ' — ' OPERATOR(pg_catalog.||) old END);
	END LOOP;
END
$national_comments$;

ALTER TABLE person ADD COLUMN certno text;
COMMENT ON COLUMN person.certno IS 'certno 证件号码 (identity document number, 3260 clearing details); optional';

-- Money in the platform's terms: exact, numeric(16,2) ---------------------

CREATE FUNCTION fen_to_yuan(fen bigint) RETURNS numeric
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fen_to_yuan(bigint) IS
	'fen as yuan with two decimals, exact (1 → 0.01); refuses amounts numeric(16,2) cannot carry (beyond ±9999999999999999 fen) with 22003';

CREATE FUNCTION yuan_to_fen(yuan numeric) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION yuan_to_fen(numeric) IS
	'yuan as fen, exact (0.01 → 1); an amount with a fraction of a fen is refused (YB704), never rounded';

-- Code mappings (险种类型, 医疗类别, 清算类别) -----------------------------
-- Builtin rows (priority 0) ship with xdjy and are not dumped; a DBA adds
-- rows (builtin = false, priority > 0, default 100) for local variants.
-- For one key the row with the highest priority is in effect (the
-- *_effective views); builtin rows are read-only outside CREATE/ALTER
-- EXTENSION (YB701), so an override is a new row, never an edit.


CREATE TABLE insutype_map (
	scheme		text NOT NULL CHECK (scheme IN ('employee', 'resident')),
	insutype	text NOT NULL CHECK (insutype ~ '^[0-9A-Za-z]{1,6}$'),
	name_zh		text NOT NULL,
	priority	integer NOT NULL DEFAULT 100,
	builtin		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (scheme, priority),
	CONSTRAINT insutype_map_priority CHECK (CASE WHEN builtin THEN priority = 0 ELSE priority > 0 END)
);
COMMENT ON TABLE insutype_map IS
	'scheme → insutype 险种类型; for one scheme the row with the highest priority is in effect (insutype_map_effective)';
COMMENT ON COLUMN insutype_map.priority IS 'builtin rows 0; a DBA''s rows above 0 (default 100): the highest wins';
COMMENT ON COLUMN insutype_map.builtin IS 'shipped with xdjy (not dumped, read-only)';

CREATE TABLE med_type_map (
	visit_type	text NOT NULL CHECK (visit_type IN ('inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy')),
	emergency	boolean NOT NULL,
	trauma		boolean NOT NULL,
	med_type	text NOT NULL CHECK (med_type ~ '^[0-9A-Za-z]{1,6}$'),
	name_zh		text NOT NULL,
	priority	integer NOT NULL DEFAULT 100,
	builtin		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (visit_type, emergency, trauma, priority),
	CONSTRAINT med_type_map_priority CHECK (CASE WHEN builtin THEN priority = 0 ELSE priority > 0 END)
);
COMMENT ON TABLE med_type_map IS
	'(visit_type, emergency, trauma) → med_type 医疗类别, every combination spelled out; for one key the row with the highest priority is in effect (med_type_map_effective)';
COMMENT ON COLUMN med_type_map.priority IS 'builtin rows 0; a DBA''s rows above 0 (default 100): the highest wins';
COMMENT ON COLUMN med_type_map.builtin IS 'shipped with xdjy (not dumped, read-only)';

CREATE TABLE clr_type_map (
	visit_type	text NOT NULL CHECK (visit_type IN ('inpatient', 'outpatient', 'chronic_outpatient', 'pharmacy')),
	clr_type	text NOT NULL CHECK (clr_type ~ '^[0-9A-Za-z]{1,6}$'),
	name_zh		text NOT NULL,
	priority	integer NOT NULL DEFAULT 100,
	builtin		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (visit_type, priority),
	CONSTRAINT clr_type_map_priority CHECK (CASE WHEN builtin THEN priority = 0 ELSE priority > 0 END)
);
COMMENT ON TABLE clr_type_map IS
	'visit_type → clr_type 清算类别; for one visit type the row with the highest priority is in effect (clr_type_map_effective)';
COMMENT ON COLUMN clr_type_map.priority IS 'builtin rows 0; a DBA''s rows above 0 (default 100): the highest wins';
COMMENT ON COLUMN clr_type_map.builtin IS 'shipped with xdjy (not dumped, read-only)';

INSERT INTO insutype_map (scheme, insutype, name_zh, priority, builtin) VALUES
	('employee', '310', '职工基本医疗保险', 0, true),
	('resident', '390', '城乡居民基本医疗保险', 0, true);

-- Outpatient emergency is 13 急诊; an inpatient trauma stay 22 外伤住院
-- (an emergency admission stays 21: 住院类型 急诊 is a separate field);
-- chronic outpatient care is 14 and a pharmacy purchase 41 whatever the
-- flags.  23 转外诊治住院 (referral) has no xdjy key: a DBA maps it.
INSERT INTO med_type_map (visit_type, emergency, trauma, med_type, name_zh, priority, builtin) VALUES
	('outpatient', false, false, '11', '普通门诊', 0, true),
	('outpatient', false, true, '11', '普通门诊', 0, true),
	('outpatient', true, false, '13', '急诊', 0, true),
	('outpatient', true, true, '13', '急诊', 0, true),
	('chronic_outpatient', false, false, '14', '门诊慢特病', 0, true),
	('chronic_outpatient', false, true, '14', '门诊慢特病', 0, true),
	('chronic_outpatient', true, false, '14', '门诊慢特病', 0, true),
	('chronic_outpatient', true, true, '14', '门诊慢特病', 0, true),
	('inpatient', false, false, '21', '普通住院', 0, true),
	('inpatient', false, true, '22', '外伤住院', 0, true),
	('inpatient', true, false, '21', '普通住院', 0, true),
	('inpatient', true, true, '22', '外伤住院', 0, true),
	('pharmacy', false, false, '41', '定点药店购药', 0, true),
	('pharmacy', false, true, '41', '定点药店购药', 0, true),
	('pharmacy', true, false, '41', '定点药店购药', 0, true),
	('pharmacy', true, true, '41', '定点药店购药', 0, true);

-- clr_type: chronic outpatient care clears as outpatient (11)
INSERT INTO clr_type_map (visit_type, clr_type, name_zh, priority, builtin) VALUES
	('outpatient', '11', '门诊', 0, true),
	('chronic_outpatient', '11', '门诊', 0, true),
	('inpatient', '21', '住院', 0, true),
	('pharmacy', '41', '药店购药', 0, true);

SELECT pg_catalog.pg_extension_config_dump('insutype_map', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('med_type_map', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('clr_type_map', 'WHERE NOT builtin');

CREATE TRIGGER insutype_map_guard BEFORE INSERT OR UPDATE OR DELETE ON insutype_map
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('national_map', 'scheme', 'priority');
CREATE TRIGGER insutype_map_guard_truncate BEFORE TRUNCATE ON insutype_map
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('national_map');
CREATE TRIGGER med_type_map_guard BEFORE INSERT OR UPDATE OR DELETE ON med_type_map
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('national_map', 'visit_type', 'emergency', 'trauma', 'priority');
CREATE TRIGGER med_type_map_guard_truncate BEFORE TRUNCATE ON med_type_map
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('national_map');
CREATE TRIGGER clr_type_map_guard BEFORE INSERT OR UPDATE OR DELETE ON clr_type_map
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('national_map', 'visit_type', 'priority');
CREATE TRIGGER clr_type_map_guard_truncate BEFORE TRUNCATE ON clr_type_map
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('national_map');

CREATE VIEW insutype_map_effective WITH (security_invoker = true) AS
	SELECT DISTINCT ON (m.scheme) m.scheme, m.insutype, m.name_zh, m.priority, m.builtin
	FROM xdjy.insutype_map m
	ORDER BY m.scheme, m.priority DESC;
COMMENT ON VIEW insutype_map_effective IS 'the insutype in effect for each scheme: its highest-priority row';

CREATE VIEW med_type_map_effective WITH (security_invoker = true) AS
	SELECT DISTINCT ON (m.visit_type, m.emergency, m.trauma)
		m.visit_type, m.emergency, m.trauma, m.med_type, m.name_zh, m.priority, m.builtin
	FROM xdjy.med_type_map m
	ORDER BY m.visit_type, m.emergency, m.trauma, m.priority DESC;
COMMENT ON VIEW med_type_map_effective IS 'the med_type in effect for each (visit_type, emergency, trauma): its highest-priority row';

CREATE VIEW clr_type_map_effective WITH (security_invoker = true) AS
	SELECT DISTINCT ON (m.visit_type) m.visit_type, m.clr_type, m.name_zh, m.priority, m.builtin
	FROM xdjy.clr_type_map m
	ORDER BY m.visit_type, m.priority DESC;
COMMENT ON VIEW clr_type_map_effective IS 'the clr_type in effect for each visit type: its highest-priority row';

-- setlinfo: one row per settlement in the platform's names ---------------

CREATE VIEW setlinfo WITH (security_invoker = true) AS
	SELECT
		s.person_id AS psn_no,
		s.encounter_id AS mdtrt_id,
		s.id AS setl_id,
		it.insutype,
		mt.med_type,
		ct.clr_type,
		s.insured_region AS insuplc_admdvs,
		s.treatment_region AS mdtrtarea_admvs,
		s.institution_code AS fixmedins_code,
		s.insured_region AS clr_optins,
		xdjy.fen_to_yuan(s.total_fen)::numeric(16,2) AS medfee_sumamt,
		xdjy.fen_to_yuan(s.out_of_scope_fen)::numeric(16,2) AS fulamt_ownpay_amt,
		xdjy.fen_to_yuan(s.first_selfpay_fen)::numeric(16,2) AS preselfpay_amt,
		xdjy.fen_to_yuan(s.total_fen OPERATOR(pg_catalog.-) s.out_of_scope_fen
			OPERATOR(pg_catalog.-) s.first_selfpay_fen)::numeric(16,2) AS inscp_scp_amt,
		xdjy.fen_to_yuan(s.deductible_fen)::numeric(16,2) AS act_pay_dedc,
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2) AS hifp_pay,
		(s.ratio_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4) AS pool_prop_selfpay,
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2) AS fund_pay_sumamt,
		0::numeric(16,2) AS acct_pay,
		xdjy.fen_to_yuan(s.personal_fen)::numeric(16,2) AS psn_part_amt,
		s.settled_on AS setl_time,
		CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END AS refd_setl_flag,
		s.reverses,
		s.mode
	FROM xdjy.settlement s
	JOIN xdjy.encounter e ON e.id OPERATOR(pg_catalog.=) s.encounter_id
	LEFT JOIN xdjy.person p ON p.id OPERATOR(pg_catalog.=) s.person_id
	LEFT JOIN xdjy.insutype_map_effective it ON it.scheme OPERATOR(pg_catalog.=) p.scheme
	LEFT JOIN xdjy.med_type_map_effective mt
		ON mt.visit_type OPERATOR(pg_catalog.=) e.visit_type
		AND mt.emergency OPERATOR(pg_catalog.=) e.emergency
		AND mt.trauma OPERATOR(pg_catalog.=) e.trauma
	LEFT JOIN xdjy.clr_type_map_effective ct ON ct.visit_type OPERATOR(pg_catalog.=) e.visit_type;
COMMENT ON VIEW setlinfo IS
	'one row per settlement in the national platform''s names (结算信息 setlinfo), amounts in yuan numeric(16,2) converted exactly from fen';
COMMENT ON COLUMN setlinfo.psn_no IS '人员编号 (settlement.person_id)';
COMMENT ON COLUMN setlinfo.mdtrt_id IS '就诊ID (encounter.id)';
COMMENT ON COLUMN setlinfo.setl_id IS '结算ID (settlement.id)';
COMMENT ON COLUMN setlinfo.insutype IS '险种类型, from person.scheme through insutype_map (the person''s scheme today: a settlement does not record it)';
COMMENT ON COLUMN setlinfo.med_type IS '医疗类别, from encounter visit_type, emergency, trauma through med_type_map';
COMMENT ON COLUMN setlinfo.clr_type IS '清算类别, from encounter visit_type through clr_type_map';
COMMENT ON COLUMN setlinfo.insuplc_admdvs IS '参保地医保区划';
COMMENT ON COLUMN setlinfo.mdtrtarea_admvs IS '就医地医保区划 (the institution''s pooling region)';
COMMENT ON COLUMN setlinfo.fixmedins_code IS '定点医药机构编号';
COMMENT ON COLUMN setlinfo.clr_optins IS '清算经办机构: the insured pooling region; the setl_optins of a 3201/3202 statement';
COMMENT ON COLUMN setlinfo.medfee_sumamt IS '医疗费总额 = fulamt_ownpay_amt + preselfpay_amt + inscp_scp_amt (超限价自费 overlmt_selfpay is not modelled: 0)';
COMMENT ON COLUMN setlinfo.fulamt_ownpay_amt IS '全自费金额';
COMMENT ON COLUMN setlinfo.preselfpay_amt IS '先行自付金额';
COMMENT ON COLUMN setlinfo.inscp_scp_amt IS '符合政策范围金额: total − 全自费 − 先行自付';
COMMENT ON COLUMN setlinfo.act_pay_dedc IS '实际支付起付线';
COMMENT ON COLUMN setlinfo.hifp_pay IS '统筹基金支出';
COMMENT ON COLUMN setlinfo.pool_prop_selfpay IS '基本医疗保险统筹基金支付比例 (ratio_bp / 10000)';
COMMENT ON COLUMN setlinfo.fund_pay_sumamt IS '基金支付总额 (= hifp_pay: no other fund is modelled)';
COMMENT ON COLUMN setlinfo.acct_pay IS '个人账户支出: 0, personal accounts are not modelled';
COMMENT ON COLUMN setlinfo.psn_part_amt IS '个人负担总金额';
COMMENT ON COLUMN setlinfo.setl_time IS '结算时间: the business date (settlement.settled_on)';
COMMENT ON COLUMN setlinfo.refd_setl_flag IS '退费结算标志: 1 for a reversal row (settlement.reverses set; negative amounts), 0 otherwise';
COMMENT ON COLUMN setlinfo.reverses IS 'xdjy: the setl_id a reversal row reverses';
COMMENT ON COLUMN setlinfo.mode IS 'xdjy: direct or manual; statements and clearing count direct settlements only';

-- 3201 / 3202 statements ---------------------------------------------------
-- setl_optins is the insured pooling region (clr_optins of setlinfo): the
-- agency a remote settlement is cleared with.  The institution, which the
-- platform takes from the message envelope, is the optional last
-- argument fixmedins_code (NULL: every institution).

CREATE FUNCTION national_check_period(first date, last date,
		first_name text DEFAULT 'begndate', last_name text DEFAULT 'enddate')
	RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION national_check_period(date, date, text, text) IS
	'raises YB702 unless first and last are given and first is not later than last (a period of days, both included)';

CREATE FUNCTION stmt_check_request(setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, refd_setl_flag text, fixmedins_code text DEFAULT NULL)
	RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION stmt_check_request(text, text, text, date, date, text, text) IS
	'raises unless a 3201/3202 request is complete and its codes known: YB702 (null argument, period reversed), YB703 (insutype, clr_type, refd_setl_flag), YB001 (setl_optins not a pooling region, fixmedins_code unknown)';

CREATE FUNCTION stmt_check_batch(batch text) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION stmt_check_batch(text) IS
	'raises unless a 3202 detail batch is named (YB702) and has rows in stmt_detail_upload (YB001)';

CREATE FUNCTION stmt_compare(centre_setl_cnt bigint, centre_medfee_sumamt numeric,
		centre_fund_pay_sumamt numeric, centre_acct_pay numeric,
		fixmedins_setl_cnt integer, medfee_sumamt numeric, fund_pay_sumamt numeric, acct_pay numeric,
		OUT stmt_rslt text, OUT stmt_rslt_dscr text)
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION stmt_compare(bigint, numeric, numeric, numeric, integer, numeric, numeric, numeric) IS
	'3201 result from the centre''s and the institution''s figures: 0 对平, 1 中心多 (more settlements at the centre, no figure lower there), 2 医药机构多 (the mirror), 3 数据不一致 (anything else)';

CREATE FUNCTION stmt_scope(setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, refd_setl_flag text DEFAULT '1', fixmedins_code text DEFAULT NULL)
	RETURNS SETOF setlinfo
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT i.* FROM xdjy.setlinfo i
	WHERE i.mode OPERATOR(pg_catalog.=) 'direct'
		AND i.clr_optins OPERATOR(pg_catalog.=) stmt_scope.setl_optins
		AND i.insutype OPERATOR(pg_catalog.=) stmt_scope.insutype
		AND i.clr_type OPERATOR(pg_catalog.=) stmt_scope.clr_type
		AND i.setl_time OPERATOR(pg_catalog.>=) stmt_scope.begndate
		AND i.setl_time OPERATOR(pg_catalog.<=) stmt_scope.enddate
		AND (stmt_scope.refd_setl_flag OPERATOR(pg_catalog.=) '1'
			OR i.refd_setl_flag OPERATOR(pg_catalog.=) '0')
		AND (stmt_scope.fixmedins_code IS NULL
			OR i.fixmedins_code OPERATOR(pg_catalog.=) stmt_scope.fixmedins_code);
END;
COMMENT ON FUNCTION stmt_scope(text, text, text, date, date, text, text) IS
	'the settlements a 3201/3202 statement covers: direct, clr_optins = setl_optins, that insutype and clr_type, setl_time in [begndate, enddate]; refd_setl_flag 1 includes reversal rows, 0 leaves them out';

CREATE FUNCTION stmt_total(setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, medfee_sumamt numeric, fund_pay_sumamt numeric,
		acct_pay numeric, fixmedins_setl_cnt integer, refd_setl_flag text DEFAULT '1',
		fixmedins_code text DEFAULT NULL,
		OUT stmt_rslt text, OUT stmt_rslt_dscr text, OUT centre_setl_cnt bigint,
		OUT centre_medfee_sumamt numeric, OUT centre_fund_pay_sumamt numeric,
		OUT centre_acct_pay numeric)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.stmt_check_request(stmt_total.setl_optins, stmt_total.insutype, stmt_total.clr_type,
		stmt_total.begndate, stmt_total.enddate, stmt_total.refd_setl_flag, stmt_total.fixmedins_code);
	SELECT r.stmt_rslt, r.stmt_rslt_dscr, c.n, c.medfee, c.fund, c.acct
	FROM (SELECT pg_catalog.count(*) AS n,
			coalesce(pg_catalog.sum(i.medfee_sumamt), 0.00) AS medfee,
			coalesce(pg_catalog.sum(i.fund_pay_sumamt), 0.00) AS fund,
			coalesce(pg_catalog.sum(i.acct_pay), 0.00) AS acct
		FROM xdjy.stmt_scope(stmt_total.setl_optins, stmt_total.insutype, stmt_total.clr_type,
			stmt_total.begndate, stmt_total.enddate, stmt_total.refd_setl_flag,
			stmt_total.fixmedins_code) i) c
	CROSS JOIN LATERAL xdjy.stmt_compare(c.n, c.medfee, c.fund, c.acct,
		stmt_total.fixmedins_setl_cnt, stmt_total.medfee_sumamt,
		stmt_total.fund_pay_sumamt, stmt_total.acct_pay) r;
END;
COMMENT ON FUNCTION stmt_total(text, text, text, date, date, numeric, numeric, numeric, integer, text, text) IS
	'3201 医药机构费用结算对总账: an institution''s totals against xdjy.stmt_scope(...); stmt_rslt 0 对平, 1 中心多, 2 医药机构多, 3 数据不一致, stmt_rslt_dscr names the differing figures; acct_pay is compared with 0 (personal accounts are not modelled)';

-- 3202: the institution's detail rows, loaded with COPY, one batch each
CREATE TABLE stmt_detail_upload (
	batch			text NOT NULL,
	setl_id			bigint NOT NULL,
	mdtrt_id		bigint,
	psn_no			text,
	medfee_sumamt	numeric NOT NULL,
	fund_pay_sumamt	numeric NOT NULL,
	acct_pay		numeric NOT NULL DEFAULT 0,
	refd_setl_flag	text NOT NULL DEFAULT '0' CHECK (refd_setl_flag IN ('0', '1')),
	loaded_at		timestamptz NOT NULL DEFAULT now(),
	loaded_by		text NOT NULL DEFAULT current_user,
	PRIMARY KEY (batch, setl_id),
	-- the platform's numeric(16,2), without the silent rounding of a typmod
	CONSTRAINT stmt_detail_upload_whole_fen CHECK (
		medfee_sumamt = round(medfee_sumamt, 2) AND fund_pay_sumamt = round(fund_pay_sumamt, 2)
		AND acct_pay = round(acct_pay, 2)),
	CONSTRAINT stmt_detail_upload_range CHECK (
		abs(medfee_sumamt) < 1e14 AND abs(fund_pay_sumamt) < 1e14 AND abs(acct_pay) < 1e14)
);
COMMENT ON TABLE stmt_detail_upload IS
	'3202 detail rows of an institution (setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag: the columns of the platform''s detail file), one batch per upload; load with COPY';
COMMENT ON COLUMN stmt_detail_upload.batch IS 'the upload this row came in (file_qury_no 文件查询号 on the platform)';
COMMENT ON COLUMN stmt_detail_upload.refd_setl_flag IS '退费结算标志: 1 for a refund (reversal) row, 0 otherwise';
SELECT pg_catalog.pg_extension_config_dump('stmt_detail_upload', '');

CREATE FUNCTION stmt_detail(batch text, setl_optins text, insutype text, clr_type text,
		begndate date, enddate date, refd_setl_flag text DEFAULT '1', fixmedins_code text DEFAULT NULL)
	RETURNS TABLE (setl_id bigint, mdtrt_id bigint, psn_no text,
		stmt_rslt text, stmt_rslt_dscr text, kind text,
		centre_medfee_sumamt numeric, fixmedins_medfee_sumamt numeric,
		centre_fund_pay_sumamt numeric, fixmedins_fund_pay_sumamt numeric,
		centre_acct_pay numeric, fixmedins_acct_pay numeric,
		centre_refd_setl_flag text, fixmedins_refd_setl_flag text, memo text)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.stmt_check_request(stmt_detail.setl_optins, stmt_detail.insutype, stmt_detail.clr_type,
		stmt_detail.begndate, stmt_detail.enddate, stmt_detail.refd_setl_flag,
		stmt_detail.fixmedins_code);
	SELECT xdjy.stmt_check_batch(stmt_detail.batch);
	WITH centre AS (
		SELECT i.setl_id, i.mdtrt_id, i.psn_no, i.medfee_sumamt, i.fund_pay_sumamt,
			i.acct_pay, i.refd_setl_flag
		FROM xdjy.stmt_scope(stmt_detail.setl_optins, stmt_detail.insutype, stmt_detail.clr_type,
			stmt_detail.begndate, stmt_detail.enddate, stmt_detail.refd_setl_flag,
			stmt_detail.fixmedins_code) i
	), inst AS (
		SELECT u.setl_id, u.mdtrt_id, u.psn_no, u.medfee_sumamt::numeric(16,2) AS medfee_sumamt,
			u.fund_pay_sumamt::numeric(16,2) AS fund_pay_sumamt, u.acct_pay::numeric(16,2) AS acct_pay,
			u.refd_setl_flag
		FROM xdjy.stmt_detail_upload u
		WHERE u.batch OPERATOR(pg_catalog.=) stmt_detail.batch
			AND (stmt_detail.refd_setl_flag OPERATOR(pg_catalog.=) '1'
				OR u.refd_setl_flag OPERATOR(pg_catalog.=) '0')
	), pair AS (
		SELECT coalesce(c.setl_id, f.setl_id) AS setl_id,
			c.setl_id IS NOT NULL AS at_centre, f.setl_id IS NOT NULL AS at_inst,
			c.mdtrt_id AS c_mdtrt_id, f.mdtrt_id AS f_mdtrt_id,
			c.psn_no AS c_psn_no, f.psn_no AS f_psn_no,
			c.medfee_sumamt AS c_medfee, f.medfee_sumamt AS f_medfee,
			c.fund_pay_sumamt AS c_fund, f.fund_pay_sumamt AS f_fund,
			c.acct_pay AS c_acct, f.acct_pay AS f_acct,
			c.refd_setl_flag AS c_refd, f.refd_setl_flag AS f_refd
		FROM centre c FULL JOIN inst f ON f.setl_id OPERATOR(pg_catalog.=) c.setl_id
	), judged AS (
		SELECT p.*,
			CASE WHEN NOT p.at_inst THEN '1'
				WHEN NOT p.at_centre THEN '2'
				WHEN p.c_mdtrt_id IS DISTINCT FROM p.f_mdtrt_id
					OR p.c_psn_no IS DISTINCT FROM p.f_psn_no
					OR p.c_medfee OPERATOR(pg_catalog.<>) p.f_medfee
					OR p.c_fund OPERATOR(pg_catalog.<>) p.f_fund
					OR p.c_acct OPERATOR(pg_catalog.<>) p.f_acct
					OR p.c_refd OPERATOR(pg_catalog.<>) p.f_refd THEN '3'
			END AS rslt
		FROM pair p
	)
	SELECT j.setl_id, coalesce(j.c_mdtrt_id, j.f_mdtrt_id), coalesce(j.c_psn_no, j.f_psn_no),
		j.rslt,
		CASE j.rslt WHEN '1' THEN '中心多' WHEN '2' THEN '医药机构多' ELSE '数据不一致' END,
		CASE j.rslt WHEN '1' THEN 'missing_at_institution' WHEN '2' THEN 'missing_at_centre' ELSE 'differs' END,
		j.c_medfee, j.f_medfee, j.c_fund, j.f_fund, j.c_acct, j.f_acct, j.c_refd, j.f_refd,
		CASE j.rslt
			WHEN '1' THEN '医药机构未上传此结算'
			WHEN '2' THEN coalesce(
				(SELECT pg_catalog.format('中心有此结算，但不在本次对账范围：结算时间 %s，险种类型 %s，清算类别 %s，清算经办机构 %s，定点医药机构 %s%s',
						pg_catalog.to_char(o.setl_time, 'YYYY-MM-DD'), o.insutype, o.clr_type, o.clr_optins, o.fixmedins_code,
						CASE WHEN o.mode OPERATOR(pg_catalog.<>) 'direct' THEN '，手工报销' ELSE '' END)
					FROM xdjy.setlinfo o WHERE o.setl_id OPERATOR(pg_catalog.=) j.setl_id),
				'中心无此结算')
			ELSE pg_catalog.concat_ws('；',
				CASE WHEN j.c_mdtrt_id IS DISTINCT FROM j.f_mdtrt_id
					THEN pg_catalog.format('就诊ID 中心 %s / 医药机构 %s', j.c_mdtrt_id, j.f_mdtrt_id) END,
				CASE WHEN j.c_psn_no IS DISTINCT FROM j.f_psn_no
					THEN pg_catalog.format('人员编号 中心 %s / 医药机构 %s', j.c_psn_no, j.f_psn_no) END,
				CASE WHEN j.c_medfee OPERATOR(pg_catalog.<>) j.f_medfee
					THEN pg_catalog.format('医疗费总额 中心 %s / 医药机构 %s', j.c_medfee, j.f_medfee) END,
				CASE WHEN j.c_fund OPERATOR(pg_catalog.<>) j.f_fund
					THEN pg_catalog.format('基金支付总额 中心 %s / 医药机构 %s', j.c_fund, j.f_fund) END,
				CASE WHEN j.c_acct OPERATOR(pg_catalog.<>) j.f_acct
					THEN pg_catalog.format('个人账户支出 中心 %s / 医药机构 %s', j.c_acct, j.f_acct) END,
				CASE WHEN j.c_refd OPERATOR(pg_catalog.<>) j.f_refd
					THEN pg_catalog.format('退费结算标志 中心 %s / 医药机构 %s', j.c_refd, j.f_refd) END)
		END
	FROM judged j
	WHERE j.rslt IS NOT NULL
	ORDER BY j.setl_id;
END;
COMMENT ON FUNCTION stmt_detail(text, text, text, text, date, date, text, text) IS
	'3202 医药机构费用结算对明细账: each settlement of xdjy.stmt_scope(...) and of the upload batch that is missing on one side or differs (mdtrt_id, psn_no, amounts, refd_setl_flag); stmt_rslt 1 中心多 (missing at the institution), 2 医药机构多 (missing at the centre), 3 数据不一致';

-- 3260 / 3261 / 3262 remote clearing details and their confirmation ------

CREATE TABLE clearing_detail_confirmation (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	setl_sn			bigint NOT NULL REFERENCES settlement (id),
	seq				integer NOT NULL,
	action			text NOT NULL CHECK (action IN ('confirm', 'rollback')),
	cnfm_flag		text CHECK (cnfm_flag IN ('0', '1')),
	recorded_on		date NOT NULL DEFAULT current_date,
	recorded_at		timestamptz NOT NULL DEFAULT now(),
	recorded_by		text NOT NULL DEFAULT current_user,
	memo			text,
	UNIQUE (setl_sn, seq),
	CONSTRAINT clearing_detail_confirmation_flag CHECK ((action = 'confirm') = (cnfm_flag IS NOT NULL))
);
COMMENT ON TABLE clearing_detail_confirmation IS
	'append-only log of an institution''s answers to the remote clearing details: confirm (3261 清分结果确认, cnfm_flag 1 agreed, 0 not agreed) and rollback (3262 确认回退); a row''s answer is its latest entry';
COMMENT ON COLUMN clearing_detail_confirmation.setl_sn IS '结算流水号: the settlement (settlement.id) answered';
COMMENT ON COLUMN clearing_detail_confirmation.seq IS 'the entry''s number for its settlement (1, 2, ...), set by the trigger';
COMMENT ON COLUMN clearing_detail_confirmation.cnfm_flag IS '确认标志: 1 agreed, 0 not agreed; NULL on a rollback';
COMMENT ON COLUMN clearing_detail_confirmation.recorded_on IS 'the business day of the answer (the 20th of the next month is the deadline, 004 §四(二))';
SELECT pg_catalog.pg_extension_config_dump('clearing_detail_confirmation', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.clearing_detail_confirmation', 'id'), '');

-- SECURITY DEFINER, as PostgreSQL's own foreign-key checks run as the
-- table owner: the rule locks the settlement row it decides on, which
-- needs UPDATE rights an institution's operator (INSERT on the log) does
-- not have on the immutable settlement table.  Its queries are fixed and
-- schema-qualified; the search_path is pinned all the same.
CREATE FUNCTION clearing_confirmation_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION clearing_confirmation_trigger() IS
	'confirm only an unanswered clearing row, roll back only an answered one (YB705–YB707), number the entry; the log is append-only (YB708)';
CREATE TRIGGER clearing_detail_confirmation_rules
	BEFORE INSERT OR UPDATE OR DELETE ON clearing_detail_confirmation
	FOR EACH ROW EXECUTE FUNCTION clearing_confirmation_trigger();

CREATE VIEW clearing_detail WITH (security_invoker = true) AS
	SELECT
		EXTRACT(YEAR FROM s.settled_on)::integer AS trt_year,
		EXTRACT(MONTH FROM s.settled_on)::integer AS trt_month,
		s.treatment_region AS mdtrtarea,
		s.institution_code AS medins_no,
		p.certno,
		s.person_id AS psn_no,
		s.encounter_id AS mdtrt_id,
		s.id AS setl_sn,
		xdjy.fen_to_yuan(s.total_fen)::numeric(16,2) AS medfee_sumamt,
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2) AS optins_pay_sumamt,
		s.insured_region AS insuplc_admdvs,
		s.settled_on AS setl_time,
		CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END AS refd_setl_flag,
		CASE WHEN c.action OPERATOR(pg_catalog.=) 'confirm' THEN c.cnfm_flag END AS cnfm_flag,
		CASE WHEN c.action OPERATOR(pg_catalog.=) 'confirm' THEN c.recorded_on END AS cnfm_date,
		CASE WHEN c.action OPERATOR(pg_catalog.=) 'confirm' THEN c.recorded_by END AS cnfm_opter
	FROM xdjy.settlement s
	LEFT JOIN xdjy.person p ON p.id OPERATOR(pg_catalog.=) s.person_id
	LEFT JOIN LATERAL (
		SELECT k.action, k.cnfm_flag, k.recorded_on, k.recorded_by
		FROM xdjy.clearing_detail_confirmation k
		WHERE k.setl_sn OPERATOR(pg_catalog.=) s.id
		ORDER BY k.seq DESC LIMIT 1) c ON true
	WHERE s.mode OPERATOR(pg_catalog.=) 'direct'
		AND s.scope OPERATOR(pg_catalog.=) ANY (ARRAY['intra_province', 'cross_province']);
COMMENT ON VIEW clearing_detail IS
	'3260 提取异地清分明细: direct settlements outside the insured pooling region, by clearing month of setl_time, with the institution''s current answer (3261 cnfm_flag; NULL before an answer or after a 3262 roll-back)';
COMMENT ON COLUMN clearing_detail.trt_year IS '年度: year of setl_time';
COMMENT ON COLUMN clearing_detail.trt_month IS '月份: month of setl_time';
COMMENT ON COLUMN clearing_detail.mdtrtarea IS '就医地: the treatment pooling region';
COMMENT ON COLUMN clearing_detail.medins_no IS '医疗机构编号 (fixmedins_code)';
COMMENT ON COLUMN clearing_detail.certno IS '证件号码 (person.certno, NULL when not recorded)';
COMMENT ON COLUMN clearing_detail.setl_sn IS '结算流水号 (settlement.id = setl_id)';
COMMENT ON COLUMN clearing_detail.medfee_sumamt IS '医疗费总额';
COMMENT ON COLUMN clearing_detail.optins_pay_sumamt IS '经办机构支付总额: the fund''s payment (hifp_pay; personal accounts are not modelled)';
COMMENT ON COLUMN clearing_detail.cnfm_flag IS '确认标志: 1 agreed, 0 not agreed, NULL unanswered';

CREATE FUNCTION clearing_confirm(setl_sn bigint, cnfm_flag text DEFAULT '1',
		on_date date DEFAULT current_date, memo text DEFAULT NULL)
	RETURNS bigint
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag, recorded_on, memo)
	VALUES (clearing_confirm.setl_sn, 'confirm', clearing_confirm.cnfm_flag,
		clearing_confirm.on_date, clearing_confirm.memo)
	RETURNING id;
END;
COMMENT ON FUNCTION clearing_confirm(bigint, text, date, text) IS
	'3261 清分结果确认 of one clearing row: cnfm_flag 1 agreed, 0 not agreed; returns the log entry''s id';

CREATE FUNCTION clearing_confirm_month(medins_no text, trt_year integer, trt_month integer,
		cnfm_flag text DEFAULT '1', on_date date DEFAULT current_date)
	RETURNS integer
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH answered AS (
		INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag, recorded_on)
		SELECT d.setl_sn, 'confirm', clearing_confirm_month.cnfm_flag, clearing_confirm_month.on_date
		FROM xdjy.clearing_detail d
		WHERE d.medins_no OPERATOR(pg_catalog.=) clearing_confirm_month.medins_no
			AND d.trt_year OPERATOR(pg_catalog.=) clearing_confirm_month.trt_year
			AND d.trt_month OPERATOR(pg_catalog.=) clearing_confirm_month.trt_month
			AND d.cnfm_flag IS NULL
		ORDER BY d.setl_sn
		RETURNING 1)
	SELECT pg_catalog.count(*)::integer FROM answered;
END;
COMMENT ON FUNCTION clearing_confirm_month(text, integer, integer, text, date) IS
	'3261 for every unanswered clearing row of an institution''s month; returns how many rows it answered';

CREATE FUNCTION clearing_rollback(medins_no text, trt_year integer, trt_month integer,
		on_date date DEFAULT current_date)
	RETURNS integer
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH rolled AS (
		INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag, recorded_on)
		SELECT d.setl_sn, 'rollback', NULL, clearing_rollback.on_date
		FROM xdjy.clearing_detail d
		WHERE d.medins_no OPERATOR(pg_catalog.=) clearing_rollback.medins_no
			AND d.trt_year OPERATOR(pg_catalog.=) clearing_rollback.trt_year
			AND d.trt_month OPERATOR(pg_catalog.=) clearing_rollback.trt_month
			AND d.cnfm_flag IS NOT NULL
		ORDER BY d.setl_sn
		RETURNING 1)
	SELECT pg_catalog.count(*)::integer FROM rolled;
END;
COMMENT ON FUNCTION clearing_rollback(text, integer, integer, date) IS
	'3262 确认回退: withdraws the answers of an institution''s clearing month; returns how many rows it rolled back';

CREATE VIEW clearing_confirmation_monthly WITH (security_invoker = true) AS
	SELECT d.trt_year, d.trt_month, d.medins_no, d.mdtrtarea,
		pg_catalog.count(*) AS setl_cnt,
		pg_catalog.sum(d.medfee_sumamt) AS medfee_sumamt,
		pg_catalog.sum(d.optins_pay_sumamt) AS optins_pay_sumamt,
		pg_catalog.count(*) FILTER (WHERE d.cnfm_flag OPERATOR(pg_catalog.=) '1') AS agreed_cnt,
		pg_catalog.count(*) FILTER (WHERE d.cnfm_flag OPERATOR(pg_catalog.=) '0') AS disputed_cnt,
		pg_catalog.count(*) FILTER (WHERE d.cnfm_flag IS NULL) AS open_cnt,
		CASE WHEN pg_catalog.bool_and(d.cnfm_flag IS NOT NULL)
			THEN pg_catalog.max(d.cnfm_date) END AS confirmed_on
	FROM xdjy.clearing_detail d
	GROUP BY d.trt_year, d.trt_month, d.medins_no, d.mdtrtarea;
COMMENT ON VIEW clearing_confirmation_monthly IS
	'per institution and clearing month: rows, amounts, answers (agreed, disputed, open) and the day the last open row was answered (NULL while any is open); what a monthly clearing view joins to check the 20th (004 §四(二))';

-- CSV export -----------------------------------------------------------------

CREATE FUNCTION export_setlinfo("from" date, "to" date)
	RETURNS SETOF setlinfo
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.national_check_period(export_setlinfo."from", export_setlinfo."to", 'from', 'to');
	SELECT i.* FROM xdjy.setlinfo i
	WHERE i.setl_time OPERATOR(pg_catalog.>=) export_setlinfo."from"
		AND i.setl_time OPERATOR(pg_catalog.<=) export_setlinfo."to"
	ORDER BY i.setl_time, i.setl_id;
END;
COMMENT ON FUNCTION export_setlinfo(date, date) IS
	'setlinfo rows settled from "from" to "to" (both included), in order: COPY (SELECT * FROM xdjy.export_setlinfo(...)) TO STDOUT WITH (FORMAT csv, HEADER)';
-- == end of national interface ==

--------------------------------------------------------------------------
-- Robustness (issue 8): what the bad-input matrix found the tables let in
--------------------------------------------------------------------------

-- == robustness ==
-- S4 (000 §四: no invoice is reimbursed twice) keys on the invoice number
-- (invono 发票号).  An empty one, one padded with spaces or carrying
-- control characters (a newline from a form), or one longer than any
-- invoice and than an index entry can hold would slip past the rule or
-- fail later in the index (54000): settlements and manual claims take 1 to
-- 100 printable characters without surrounding whitespace, 23514 otherwise.
ALTER TABLE settlement ADD CONSTRAINT settlement_invoice_no_form
	CHECK (pg_catalog.length(invoice_no) OPERATOR(pg_catalog.<=) 100
		AND invoice_no OPERATOR(pg_catalog.~) '^[^[:space:][:cntrl:]]([^[:cntrl:]]*[^[:space:][:cntrl:]])?$');
ALTER TABLE manual_claim ADD CONSTRAINT manual_claim_invoice_no_form
	CHECK (pg_catalog.length(invoice_no) OPERATOR(pg_catalog.<=) 100
		AND invoice_no OPERATOR(pg_catalog.~) '^[^[:space:][:cntrl:]]([^[:cntrl:]]*[^[:space:][:cntrl:]])?$');
COMMENT ON CONSTRAINT settlement_invoice_no_form ON settlement IS
	'invoice number (S4, 000 §四): 1 to 100 characters, no control characters, no surrounding whitespace';
COMMENT ON CONSTRAINT manual_claim_invoice_no_form ON manual_claim IS
	'invoice number (S4, 000 §四): 1 to 100 characters, no control characters, no surrounding whitespace';

-- Business dates are calendar days (SPEC §5).  The rule triggers refuse
-- ±infinity (22008) for filings, encounters, settlements and claims; the
-- tables without a trigger let it in, where it passed every deadline
-- check unnoticed (an upload "on infinity" is never overdue) and, for a
-- referral, fed the insurance year of "infinity" to the C engine.  Here a
-- CHECK says it once per column (23514), as xdjy.holiday's does.
ALTER TABLE referral ADD CONSTRAINT referral_issued_on_finite CHECK (pg_catalog.isfinite(issued_on));
ALTER TABLE party_report ADD CONSTRAINT party_report_reported_on_finite CHECK (pg_catalog.isfinite(reported_on));
ALTER TABLE detail_upload ADD CONSTRAINT detail_upload_uploaded_on_finite CHECK (pg_catalog.isfinite(uploaded_on));
ALTER TABLE clearing_confirmation ADD CONSTRAINT clearing_confirmation_dates_finite
	CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(confirmed_on)
		AND pg_catalog.isfinite(COALESCE(rolled_back_on, confirmed_on)));
ALTER TABLE clearing_declaration ADD CONSTRAINT clearing_declaration_dates_finite
	CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(declared_on)
		AND pg_catalog.isfinite(COALESCE(paid_on, declared_on)));
ALTER TABLE provincial_clearing ADD CONSTRAINT provincial_clearing_dates_finite
	CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(starts_on));
ALTER TABLE clearing_transfer ADD CONSTRAINT clearing_transfer_dates_finite
	CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(transferred_on));
ALTER TABLE clearing_detail_confirmation ADD CONSTRAINT clearing_detail_confirmation_recorded_on_finite
	CHECK (pg_catalog.isfinite(recorded_on));
-- == end of robustness ==

--------------------------------------------------------------------------
-- Roles and row-level security (SPEC §5)
--------------------------------------------------------------------------

-- == security ==

-- R3 clearing belongs to section reporting, but is created here: it reads
-- the national interface's 3261/3262 answers (clearing_detail_confirmation),
-- which that section creates after section reporting.
-- R3, as it stood on as_of: per month, what each institution receives
-- (confirmation by the 20th of the next month, payment within 30 working
-- days of its declaration), what each insured pooling region pays (transfer
-- up before the next provincial clearing starts) and what each treatment
-- pooling region receives.  Amounts are the fund part (统筹) of remote
-- direct settlements, reversals included.
CREATE FUNCTION clearing_monthly_as_of(as_of date)
	RETURNS TABLE (month date, party_kind text, code text, region_code text,
		settlements bigint, fund_fen bigint,
		confirm_due_on date, confirmed_on date, confirmed_fund_fen bigint, agreed_settlements bigint, confirm_status text,
		declared_on date, declared_fund_fen bigint, pay_due_on date, paid_on date, paid_fen bigint, pay_status text,
		transfer_due_on date, transferred_on date, transferred_fund_fen bigint, transfer_status text)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH cleared AS (
		SELECT xdjy.month_of(s.settled_on) AS month, s.id, s.institution_code,
			s.insured_region, s.treatment_region, s.fund_fen
		FROM xdjy.remote_direct_settlement s
		WHERE s.settled_on <= as_of
	), answer AS (
		-- each settlement's standing 3261/3262 answer on as_of: its latest entry
		SELECT DISTINCT ON (k.setl_sn) k.setl_sn, k.action, k.cnfm_flag, k.recorded_on
		FROM xdjy.clearing_detail_confirmation k
		WHERE k.recorded_on <= as_of
		ORDER BY k.setl_sn, k.seq DESC
	), inst AS (
		SELECT c.month, c.institution_code, min(c.treatment_region) AS region_code,
			count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen,
			count(*) FILTER (WHERE a.action = 'confirm' AND a.cnfm_flag = '1') AS agreed,
			max(a.recorded_on) FILTER (WHERE a.action = 'confirm' AND a.cnfm_flag = '1') AS last_agreed_on,
			xdjy.clearing_confirm_due_on(c.month) AS confirm_due_on
		FROM cleared c
		LEFT JOIN answer a ON a.setl_sn = c.id
		GROUP BY c.month, c.institution_code
	), confirmed AS (
		-- confirmed: by a standing month confirmation, or once every row is
		-- agreed (cnfm_flag 1) through the national interface, whichever first
		SELECT i.*, cf.fund_fen AS confirmed_fund_fen,
			LEAST(cf.confirmed_on, CASE WHEN i.agreed = i.settlements THEN i.last_agreed_on END) AS confirmed_on
		FROM inst i
		LEFT JOIN LATERAL (
			SELECT c.confirmed_on, c.fund_fen
			FROM xdjy.clearing_confirmation c
			WHERE c.month = i.month AND c.institution_code = i.institution_code
				AND c.confirmed_on <= as_of AND (c.rolled_back_on IS NULL OR c.rolled_back_on > as_of)
			ORDER BY c.confirmed_on DESC, c.id DESC LIMIT 1) cf ON true
	), payer AS (
		SELECT c.month, c.insured_region, count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen,
			xdjy.clearing_transfer_due_on(pc.starts_on) AS transfer_due_on
		FROM cleared c
		LEFT JOIN xdjy.provincial_clearing pc
			ON pc.province_code = xdjy.province_of(c.insured_region)
			AND pc.month = (c.month + interval '1 month')::date
		GROUP BY c.month, c.insured_region, pc.starts_on
	), payee AS (
		SELECT c.month, c.treatment_region, count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen
		FROM cleared c
		GROUP BY c.month, c.treatment_region
	), declared AS (
		SELECT d.month, d.institution_code, d.declared_on, d.fund_fen,
			xdjy.clearing_pay_due_on(d.declared_on) AS pay_due_on,
			CASE WHEN d.paid_on <= as_of THEN d.paid_on END AS paid_on,
			CASE WHEN d.paid_on <= as_of THEN d.paid_fen END AS paid_fen
		FROM xdjy.clearing_declaration d
		WHERE d.declared_on <= as_of
	)
	SELECT i.month, 'institution', i.institution_code, i.region_code, i.settlements, i.fund_fen,
		i.confirm_due_on, i.confirmed_on, i.confirmed_fund_fen, i.agreed,
		xdjy.deadline_status(i.confirm_due_on, i.confirmed_on, as_of),
		dc.declared_on, dc.fund_fen, dc.pay_due_on, dc.paid_on, dc.paid_fen,
		CASE WHEN dc.declared_on IS NOT NULL THEN xdjy.deadline_status(dc.pay_due_on, dc.paid_on, as_of) END,
		NULL, NULL, NULL, NULL
	FROM confirmed i
	LEFT JOIN declared dc ON dc.month = i.month AND dc.institution_code = i.institution_code
	UNION ALL
	SELECT p.month, 'insured_region', p.insured_region, p.insured_region, p.settlements, p.fund_fen,
		NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		p.transfer_due_on, t.transferred_on, t.fund_fen,
		xdjy.deadline_status(p.transfer_due_on, t.transferred_on, as_of)
	FROM payer p
	LEFT JOIN xdjy.clearing_transfer t
		ON t.month = p.month AND t.region_code = p.insured_region AND t.transferred_on <= as_of
	UNION ALL
	SELECT q.month, 'treatment_region', q.treatment_region, q.treatment_region, q.settlements, q.fund_fen,
		NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
	FROM payee q
	ORDER BY 1, 2, 3;
END;
COMMENT ON FUNCTION clearing_monthly_as_of(date) IS
	'R3 monthly clearing as it stood on as_of: per institution (confirm by the 20th, pay within 30 working days of declaration), per insured region (transfer up before the next provincial clearing), per treatment region (004 §四(二)(三))';

CREATE VIEW clearing_monthly WITH (security_invoker = true) AS
SELECT * FROM xdjy.clearing_monthly_as_of(CURRENT_DATE);
COMMENT ON VIEW clearing_monthly IS
	'R3 monthly clearing today; clearing_monthly_as_of(date) for another day';


-- SPEC §5: three roles.
--   xdjy_admin     policy, calendar and reference data; reads everything;
--                  keeps the reconciliation imports and the clearing records.
--   xdjy_operator  a regional agency (经办机构): writes filings, encounters,
--                  settlements, claims, reports and clearing records only for
--                  the regions operator_region grants it, reads only those.
--   xdjy_analyst   reads the reporting views (and, because they run as the
--                  caller, exactly the columns they read; nothing else).
-- Roles belong to the cluster, not to the database: they are created here
-- when missing (NOLOGIN; grant them to login roles) and outlive DROP
-- EXTENSION.  pg_dump does not dump roles (pg_dumpall --roles-only does).
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'xdjy_admin') THEN
		CREATE ROLE xdjy_admin NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'xdjy_operator') THEN
		CREATE ROLE xdjy_operator NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'xdjy_analyst') THEN
		CREATE ROLE xdjy_analyst NOLOGIN;
	END IF;
END
$$;

-- Which regions an operator works for.  role is a role name (a login role
-- or a group); a granted code covers itself and every region under it, so
-- 370100 covers Jinan and its counties and townships, 370000 all of
-- Shandong.  A name that is no role grants nothing.
CREATE TABLE operator_region (
	role			name NOT NULL,
	region_code		text NOT NULL REFERENCES region (code),
	PRIMARY KEY (role, region_code)
);
COMMENT ON TABLE operator_region IS
	'the regions an xdjy_operator member works for: row-level security lets it read and write only their rows (SPEC §5)';
SELECT pg_catalog.pg_extension_config_dump('operator_region', '');

-- The region codes the current role is granted, with everything under
-- them.  Policies compare pooling-region and institution codes with it.
CREATE FUNCTION operator_regions() RETURNS SETOF text
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH RECURSIVE down(code, depth) AS (
		SELECT o.region_code, 0
		FROM xdjy.operator_region o
		JOIN pg_catalog.pg_roles a ON a.rolname = o.role
		WHERE pg_catalog.pg_has_role(a.oid, 'MEMBER')
		UNION ALL
		SELECT r.code, d.depth + 1
		FROM xdjy.region r JOIN down d ON r.parent_code = d.code
		WHERE d.depth < 8
	)
	SELECT DISTINCT d.code FROM down d;
END;
COMMENT ON FUNCTION operator_regions() IS
	'region codes the current role may work on: its operator_region grants and every region under them';

-- Institutions located in those regions (their treatment region is one of
-- them).
CREATE FUNCTION operator_institutions() RETURNS SETOF text
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT i.code FROM xdjy.institution i
	WHERE i.region_code IN (SELECT xdjy.operator_regions());
END;
COMMENT ON FUNCTION operator_institutions() IS
	'institutions located in the regions the current role may work on';

GRANT USAGE ON SCHEMA xdjy TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- reference data: read by all, kept by the admin ---------------------------
GRANT SELECT ON region, institution, channel, holiday, error_code, provincial_clearing
	TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON region, institution, channel, holiday, provincial_clearing
	TO xdjy_admin;

-- row-level security on everything regional ---------------------------------
-- FORCE: the owner is filtered too (a superuser, as always, is not).  The
-- rule triggers that must see rows of other regions to decide (a person's
-- filings and ledgers, an invoice used elsewhere) run as the owner: see
-- the end of this section.
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
ALTER TABLE person FORCE ROW LEVEL SECURITY;
ALTER TABLE filing ENABLE ROW LEVEL SECURITY;
ALTER TABLE filing FORCE ROW LEVEL SECURITY;
ALTER TABLE encounter ENABLE ROW LEVEL SECURITY;
ALTER TABLE encounter FORCE ROW LEVEL SECURITY;
ALTER TABLE settlement ENABLE ROW LEVEL SECURITY;
ALTER TABLE settlement FORCE ROW LEVEL SECURITY;
ALTER TABLE settlement_attempt ENABLE ROW LEVEL SECURITY;
ALTER TABLE settlement_attempt FORCE ROW LEVEL SECURITY;
ALTER TABLE manual_claim ENABLE ROW LEVEL SECURITY;
ALTER TABLE manual_claim FORCE ROW LEVEL SECURITY;
ALTER TABLE party_report ENABLE ROW LEVEL SECURITY;
ALTER TABLE party_report FORCE ROW LEVEL SECURITY;
ALTER TABLE detail_upload ENABLE ROW LEVEL SECURITY;
ALTER TABLE detail_upload FORCE ROW LEVEL SECURITY;
ALTER TABLE clearing_confirmation ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearing_confirmation FORCE ROW LEVEL SECURITY;
ALTER TABLE clearing_declaration ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearing_declaration FORCE ROW LEVEL SECURITY;
ALTER TABLE clearing_transfer ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearing_transfer FORCE ROW LEVEL SECURITY;
ALTER TABLE operator_region ENABLE ROW LEVEL SECURITY;
ALTER TABLE operator_region FORCE ROW LEVEL SECURITY;

-- operator_region: the admin grants; an operator sees its own grants
GRANT SELECT, INSERT, UPDATE, DELETE ON operator_region TO xdjy_admin;
GRANT SELECT ON operator_region TO xdjy_operator;
CREATE POLICY operator_region_admin ON operator_region TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY operator_region_own ON operator_region FOR SELECT TO xdjy_operator
	USING (role IN (SELECT a.rolname FROM pg_catalog.pg_roles a WHERE pg_catalog.pg_has_role(a.oid, 'MEMBER')));

-- person: reference data kept by the admin; an operator reads the persons
-- insured in its regions (the treatment place sees encounters and
-- settlements, which carry person_id, not the register)
GRANT SELECT, INSERT, UPDATE, DELETE ON person TO xdjy_admin;
GRANT SELECT ON person TO xdjy_operator;
GRANT SELECT (id, insured_region) ON person TO xdjy_analyst;
CREATE POLICY person_admin ON person TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY person_operator ON person FOR SELECT TO xdjy_operator
	USING (insured_region IN (SELECT xdjy.operator_regions()));
CREATE POLICY person_analyst ON person FOR SELECT TO xdjy_analyst USING (true);

-- filing: read by the insured place and the destination; written by the
-- insured place (004 §三(三): 参保地经办机构...办理异地就医备案登记、变更和取消)
GRANT SELECT ON filing TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON filing TO xdjy_operator;
CREATE POLICY filing_admin ON filing FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY filing_operator_read ON filing FOR SELECT TO xdjy_operator
	USING (destination_region IN (SELECT xdjy.operator_regions())
		OR EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
			AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY filing_operator_insert ON filing FOR INSERT TO xdjy_operator
	WITH CHECK (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY filing_operator_update ON filing FOR UPDATE TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())))
	WITH CHECK (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())));

-- encounter: read and written by the treatment place (the institution's
-- region) and by the insured place (which registers the stays it
-- reimburses by hand)
GRANT SELECT ON encounter TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON encounter TO xdjy_operator;
GRANT SELECT (id, person_id, institution_code, visit_type) ON encounter TO xdjy_analyst;
CREATE POLICY encounter_admin ON encounter FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY encounter_operator ON encounter TO xdjy_operator
	USING (institution_code IN (SELECT xdjy.operator_institutions())
		OR EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
			AND p.insured_region IN (SELECT xdjy.operator_regions())))
	WITH CHECK (institution_code IN (SELECT xdjy.operator_institutions())
		OR EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
			AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY encounter_analyst ON encounter FOR SELECT TO xdjy_analyst USING (true);

-- settlement: read by the insured and the treatment place; a direct
-- settlement is written by the treatment place (就医地), a manual one by
-- the insured place (参保地, 004 §二(二) 手工报销).  Immutable: no UPDATE or
-- DELETE for anyone but the owner.
GRANT SELECT ON settlement TO xdjy_admin;
GRANT SELECT, INSERT ON settlement TO xdjy_operator;
GRANT SELECT (id, encounter_id, settled_on, mode, scope, reverses, institution_code,
	insured_region, treatment_region, total_fen, fund_fen, personal_fen) ON settlement TO xdjy_analyst;
CREATE POLICY settlement_admin ON settlement FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY settlement_operator_read ON settlement FOR SELECT TO xdjy_operator
	USING (insured_region IN (SELECT xdjy.operator_regions())
		OR treatment_region IN (SELECT xdjy.operator_regions()));
CREATE POLICY settlement_operator_insert ON settlement FOR INSERT TO xdjy_operator
	WITH CHECK ((mode = 'direct' AND treatment_region IN (SELECT xdjy.operator_regions()))
		OR (mode = 'manual' AND insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY settlement_analyst ON settlement FOR SELECT TO xdjy_analyst USING (true);

-- settlement_attempt: with the encounter it was for (try_settle records
-- one for an encounter that does not exist too; only the admin reads that)
GRANT SELECT ON settlement_attempt TO xdjy_admin;
GRANT SELECT, INSERT ON settlement_attempt TO xdjy_operator;
GRANT SELECT (encounter_id, attempted_on, mode) ON settlement_attempt TO xdjy_analyst;
CREATE POLICY settlement_attempt_admin ON settlement_attempt FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY settlement_attempt_operator_read ON settlement_attempt FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.encounter e WHERE e.id = encounter_id));
CREATE POLICY settlement_attempt_operator_insert ON settlement_attempt FOR INSERT TO xdjy_operator
	WITH CHECK (encounter_id IS NULL OR EXISTS (SELECT FROM xdjy.encounter e WHERE e.id = encounter_id));
CREATE POLICY settlement_attempt_analyst ON settlement_attempt FOR SELECT TO xdjy_analyst USING (true);

-- manual_claim: read with its encounter; written by the insured place
-- (手工报销 is the insured place's, 004 §二(二))
GRANT SELECT ON manual_claim TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON manual_claim TO xdjy_operator;
GRANT SELECT (id, encounter_id, submitted_on, materials_complete_on, due_on, decided_on)
	ON manual_claim TO xdjy_analyst;
CREATE POLICY manual_claim_admin ON manual_claim FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY manual_claim_operator_read ON manual_claim FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.encounter e WHERE e.id = encounter_id));
CREATE POLICY manual_claim_operator_insert ON manual_claim FOR INSERT TO xdjy_operator
	WITH CHECK (EXISTS (SELECT FROM xdjy.encounter e JOIN xdjy.person p ON p.id = e.person_id
		WHERE e.id = encounter_id AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY manual_claim_operator_update ON manual_claim FOR UPDATE TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.encounter e JOIN xdjy.person p ON p.id = e.person_id
		WHERE e.id = encounter_id AND p.insured_region IN (SELECT xdjy.operator_regions())))
	WITH CHECK (EXISTS (SELECT FROM xdjy.encounter e JOIN xdjy.person p ON p.id = e.person_id
		WHERE e.id = encounter_id AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY manual_claim_analyst ON manual_claim FOR SELECT TO xdjy_analyst USING (true);

-- party_report: an operator reads and adds reports of the settlements it
-- sees; reports of settlements nobody knows are imported by the admin
GRANT SELECT, INSERT, UPDATE, DELETE ON party_report TO xdjy_admin;
GRANT SELECT, INSERT ON party_report TO xdjy_operator;
GRANT SELECT (id, party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
	ON party_report TO xdjy_analyst;
CREATE POLICY party_report_admin ON party_report TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY party_report_operator ON party_report TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = settlement_id))
	WITH CHECK (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = settlement_id));
CREATE POLICY party_report_analyst ON party_report FOR SELECT TO xdjy_analyst USING (true);

-- detail_upload: the treatment place uploads (就医地经办机构, 004 §三(四))
GRANT SELECT, INSERT, UPDATE, DELETE ON detail_upload TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON detail_upload TO xdjy_operator;
GRANT SELECT (settlement_id, uploaded_on) ON detail_upload TO xdjy_analyst;
CREATE POLICY detail_upload_admin ON detail_upload TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY detail_upload_operator_read ON detail_upload FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = settlement_id));
CREATE POLICY detail_upload_operator_insert ON detail_upload FOR INSERT TO xdjy_operator
	WITH CHECK (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = settlement_id
		AND s.treatment_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY detail_upload_operator_update ON detail_upload FOR UPDATE TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = settlement_id
		AND s.treatment_region IN (SELECT xdjy.operator_regions())))
	WITH CHECK (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = settlement_id
		AND s.treatment_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY detail_upload_analyst ON detail_upload FOR SELECT TO xdjy_analyst USING (true);

-- clearing with institutions: the agency of the institution's region
-- (confirmation and payment, 004 §四(二)); the admin keeps them too (the
-- national interface's 3261/3262)
GRANT SELECT, INSERT, UPDATE, DELETE ON clearing_confirmation, clearing_declaration TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON clearing_confirmation, clearing_declaration TO xdjy_operator;
GRANT SELECT (id, month, institution_code, confirmed_on, fund_fen, rolled_back_on)
	ON clearing_confirmation TO xdjy_analyst;
GRANT SELECT (month, institution_code, declared_on, fund_fen, paid_on, paid_fen)
	ON clearing_declaration TO xdjy_analyst;
CREATE POLICY clearing_confirmation_admin ON clearing_confirmation TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY clearing_confirmation_operator ON clearing_confirmation TO xdjy_operator
	USING (institution_code IN (SELECT xdjy.operator_institutions()))
	WITH CHECK (institution_code IN (SELECT xdjy.operator_institutions()));
CREATE POLICY clearing_confirmation_analyst ON clearing_confirmation FOR SELECT TO xdjy_analyst USING (true);
CREATE POLICY clearing_declaration_admin ON clearing_declaration TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY clearing_declaration_operator ON clearing_declaration TO xdjy_operator
	USING (institution_code IN (SELECT xdjy.operator_institutions()))
	WITH CHECK (institution_code IN (SELECT xdjy.operator_institutions()));
CREATE POLICY clearing_declaration_analyst ON clearing_declaration FOR SELECT TO xdjy_analyst USING (true);

-- transfers up: the pooling region's own (004 §四(三))
GRANT SELECT, INSERT, UPDATE, DELETE ON clearing_transfer TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON clearing_transfer TO xdjy_operator;
GRANT SELECT (month, region_code, transferred_on, fund_fen) ON clearing_transfer TO xdjy_analyst;
CREATE POLICY clearing_transfer_admin ON clearing_transfer TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY clearing_transfer_operator ON clearing_transfer TO xdjy_operator
	USING (region_code IN (SELECT xdjy.operator_regions()))
	WITH CHECK (region_code IN (SELECT xdjy.operator_regions()));
CREATE POLICY clearing_transfer_analyst ON clearing_transfer FOR SELECT TO xdjy_analyst USING (true);

-- filing_history: written by the filing trigger as the acting role, so
-- by_role records who acted; never written directly (pg_trigger_depth)
GRANT SELECT ON filing_history TO xdjy_admin;
GRANT SELECT, INSERT ON filing_history TO xdjy_operator;
CREATE POLICY filing_history_admin ON filing_history FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY filing_history_operator_read ON filing_history FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.filing f WHERE f.id = filing_id));
CREATE POLICY filing_history_operator_insert ON filing_history FOR INSERT TO xdjy_operator
	WITH CHECK (pg_catalog.pg_trigger_depth() > 0 AND by_role = CURRENT_USER
		AND EXISTS (SELECT FROM xdjy.filing f WHERE f.id = filing_id));
ALTER TABLE filing_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE filing_history FORCE ROW LEVEL SECURITY;

-- institution_choice (F11, 002 #7): read with its filing, written by the
-- insured place
GRANT SELECT ON institution_choice TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON institution_choice TO xdjy_operator;
CREATE POLICY institution_choice_admin ON institution_choice FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY institution_choice_operator_read ON institution_choice FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.filing f WHERE f.id = filing_id));
CREATE POLICY institution_choice_operator_insert ON institution_choice FOR INSERT TO xdjy_operator
	WITH CHECK (EXISTS (SELECT FROM xdjy.filing f JOIN xdjy.person p ON p.id = f.person_id
		WHERE f.id = filing_id AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY institution_choice_operator_update ON institution_choice FOR UPDATE TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.filing f JOIN xdjy.person p ON p.id = f.person_id
		WHERE f.id = filing_id AND p.insured_region IN (SELECT xdjy.operator_regions())))
	WITH CHECK (EXISTS (SELECT FROM xdjy.filing f JOIN xdjy.person p ON p.id = f.person_id
		WHERE f.id = filing_id AND p.insured_region IN (SELECT xdjy.operator_regions())));
ALTER TABLE institution_choice ENABLE ROW LEVEL SECURITY;
ALTER TABLE institution_choice FORCE ROW LEVEL SECURITY;

-- per-province policy settings (F10, F11): the admin's, read by operators
GRANT SELECT ON filing_exemption, institution_choice_rule TO xdjy_admin, xdjy_operator;
GRANT INSERT, UPDATE, DELETE ON filing_exemption, institution_choice_rule TO xdjy_admin;

-- national interface: code mappings are reference data; an institution's
-- 3202 detail file belongs to whoever loaded it; 3261/3262 answers are
-- given by the agency of the institution's region and read with their
-- settlement
GRANT SELECT ON insutype_map, med_type_map, clr_type_map TO xdjy_admin, xdjy_operator;
GRANT INSERT, UPDATE, DELETE ON insutype_map, med_type_map, clr_type_map TO xdjy_admin;
GRANT SELECT ON insutype_map_effective, med_type_map_effective, clr_type_map_effective,
	setlinfo, clearing_detail, clearing_confirmation_monthly TO xdjy_admin, xdjy_operator;
GRANT SELECT, INSERT, DELETE ON stmt_detail_upload TO xdjy_admin;
GRANT SELECT, INSERT ON stmt_detail_upload TO xdjy_operator;
CREATE POLICY stmt_detail_upload_admin ON stmt_detail_upload TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY stmt_detail_upload_operator ON stmt_detail_upload TO xdjy_operator
	USING (loaded_by = CURRENT_USER) WITH CHECK (loaded_by = CURRENT_USER);
ALTER TABLE stmt_detail_upload ENABLE ROW LEVEL SECURITY;
ALTER TABLE stmt_detail_upload FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON clearing_detail_confirmation TO xdjy_admin, xdjy_operator;
GRANT SELECT (setl_sn, seq, action, cnfm_flag, recorded_on) ON clearing_detail_confirmation TO xdjy_analyst;
CREATE POLICY clearing_detail_confirmation_admin ON clearing_detail_confirmation TO xdjy_admin
	USING (true) WITH CHECK (true);
CREATE POLICY clearing_detail_confirmation_operator_read ON clearing_detail_confirmation FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = setl_sn));
CREATE POLICY clearing_detail_confirmation_operator_insert ON clearing_detail_confirmation FOR INSERT TO xdjy_operator
	WITH CHECK (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = setl_sn
		AND s.treatment_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY clearing_detail_confirmation_analyst ON clearing_detail_confirmation FOR SELECT TO xdjy_analyst
	USING (true);
ALTER TABLE clearing_detail_confirmation ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearing_detail_confirmation FORCE ROW LEVEL SECURITY;

-- The settlement section's tables: policy data is the admin's and
-- readable by operators; a referral is issued in the insured place
-- (002 #10–11) and read and written there; a ledger is written by the
-- engine alone and read with its person.
GRANT SELECT ON policy, first_selfpay_ceiling, ratio_adjustment, home_benefit_kept
	TO xdjy_admin, xdjy_operator;
GRANT INSERT, UPDATE, DELETE ON policy, first_selfpay_ceiling, ratio_adjustment, home_benefit_kept
	TO xdjy_admin;
GRANT SELECT ON referral, ledger TO xdjy_admin;
GRANT SELECT, INSERT ON referral TO xdjy_operator;
GRANT SELECT ON ledger TO xdjy_operator;
CREATE POLICY referral_admin ON referral FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY referral_operator ON referral TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())))
	WITH CHECK (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())));
CREATE POLICY ledger_admin ON ledger FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY ledger_operator ON ledger FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.person p WHERE p.id = person_id
		AND p.insured_region IN (SELECT xdjy.operator_regions())));
ALTER TABLE referral ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral FORCE ROW LEVEL SECURITY;
ALTER TABLE ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger FORCE ROW LEVEL SECURITY;

-- the reporting views: every role; each sees what its rows allow
GRANT SELECT ON remote_direct_settlement, reconciliation_mismatch, reconciliation_monthly,
	detail_upload_overdue, clearing_monthly, kpi_monthly, coverage_gap, manual_claim_due
	TO xdjy_admin, xdjy_operator, xdjy_analyst;


-- The rule triggers decide from rows the acting role may not see, and lock
-- rows it may not update: a person's filings, stays and settlements in
-- every region (one active long-term filing, F4; overlapping stays, S3;
-- expenses at the filed place, F6), the person row that serialises them.
-- Under row-level security, run as an operator, they would decide from a
-- part of the data (a Weihai operator registering the stay of a Jinan
-- insured would find no such person).  So they run as the extension's
-- owner, like PostgreSQL's own foreign-key checks: SECURITY DEFINER with a
-- fixed search_path; their queries are fixed, schema-qualified and take
-- only the row's values as parameters.  The row itself is still checked
-- against the acting role's policies (WITH CHECK) after them.  Nobody may
-- attach them to a table of their own (EXECUTE revoked; a trigger fires
-- without it).  filing_history_trigger is not among them: it writes who
-- acted (by_role = current_user).  xdjy_restoring() asks whether the
-- session's role, not the definer, is a superuser (src/restore.c).
-- Every C trigger function of the extension is such a rule, but three that
-- read nothing or must act as the caller: the guard of builtin rows
-- (builtin_guard_trigger), the calendar's cache
-- invalidation (cache_changed_trigger) and the filing history
-- (filing_history_trigger).  The loop below names no rule, so a rule
-- trigger another section adds is covered too; test/pgtap/360_catalogue.sql
-- pins the exceptions.
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN
		SELECT p.oid::regprocedure
		FROM pg_catalog.pg_proc p
		JOIN pg_catalog.pg_language l ON l.oid OPERATOR(pg_catalog.=) p.prolang
		WHERE p.pronamespace OPERATOR(pg_catalog.=) 'xdjy'::regnamespace
			AND p.prorettype OPERATOR(pg_catalog.=) 'pg_catalog.trigger'::regtype
			AND l.lanname OPERATOR(pg_catalog.=) 'c'
			AND p.proname OPERATOR(pg_catalog.<>) ALL (ARRAY['builtin_guard_trigger', 'cache_changed_trigger',
				'filing_history_trigger']::name[])
		ORDER BY p.proname
	LOOP
		EXECUTE pg_catalog.format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, pg_temp', f);
		EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
	END LOOP;
END
$$;

-- Nothing lost (SPEC §5): the filing channels are reference data a DBA
-- may extend (a new app, a new window); the shipped ones are builtin, the
-- DBA's are dumped.  Without this a restored filing could name a channel
-- the restored database lacks.
ALTER TABLE channel ADD COLUMN builtin boolean NOT NULL DEFAULT false;
UPDATE channel SET builtin = true;
COMMENT ON COLUMN channel.builtin IS 'shipped with xdjy (not dumped; CREATE EXTENSION recreates it)';
SELECT pg_catalog.pg_extension_config_dump('channel', 'WHERE NOT builtin');

-- == end of security ==

--------------------------------------------------------------------------

-- == performance ==

-- The settlement engine keeps per-backend copies of the reference tables
-- it reads on every row (src/reference_cache.c): regions, policies, ratio
-- rules, home-benefit and filing-exemption settings.  A row change sends
-- no relcache invalidation by itself, so every statement that changes one
-- of them sends one (cache_changed_trigger, as for the calendar); always,
-- replication apply included.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['region', 'policy', 'ratio_adjustment', 'home_benefit_kept', 'filing_exemption'] LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER reference_cache_changed'
			' AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON xdjy.%I'
			' FOR EACH STATEMENT EXECUTE FUNCTION xdjy.cache_changed_trigger()', t);
		EXECUTE pg_catalog.format('ALTER TABLE xdjy.%I ENABLE ALWAYS TRIGGER reference_cache_changed', t);
	END LOOP;
END
$$;

-- S3 (002 #8) on every settlement of a visit: the person's latest stay
-- elsewhere begun before the visit.  Without it the planner reads the
-- stays through the GiST exclusion index (text keys decompressed per
-- row, a third of the engine's time); this one is walked backwards from
-- the visit date and stops at the first row.
CREATE INDEX encounter_stay_lookup_idx ON encounter (person_id, admitted_on)
	WHERE visit_type = 'inpatient';

-- == end of performance ==
