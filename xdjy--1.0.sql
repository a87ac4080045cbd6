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
-- == end of reference data rules ==

--------------------------------------------------------------------------
-- Working-day calendar (SPEC R7)
--------------------------------------------------------------------------

-- == calendar ==
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
-- == end of encounter rules ==

--------------------------------------------------------------------------
-- Policy as dated data (SPEC §3, §6)
--------------------------------------------------------------------------

-- == policy ==
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
-- == end of settlement rules ==

--------------------------------------------------------------------------
-- Reconciliation, clearing and reporting (SPEC §4)
--------------------------------------------------------------------------

-- == reporting ==
-- == end of reporting ==

--------------------------------------------------------------------------
-- National platform compatibility (INTERFACE.md)
--------------------------------------------------------------------------

-- == national interface ==
-- == end of national interface ==

--------------------------------------------------------------------------
-- Roles and row-level security (SPEC §5)
--------------------------------------------------------------------------

-- == security ==
-- == end of security ==
