
--------------------------------------------------------------------------
-- Reference data: regions, institutions, persons, channels.
-- Filled by the DBA; the region codes of a small national sample ship
-- with the extension (builtin = true) and are not dumped, everything the
-- DBA adds is (pg_extension_config_dump).
--------------------------------------------------------------------------

-- Rows that ship with xdjy (builtin = true) stay as shipped: they are not
-- dumped (pg_extension_config_dump ... 'WHERE NOT builtin') and CREATE
-- EXTENSION brings them back, so only the extension's scripts write them.
-- Arguments: the kind of rows (holiday | policy_rule | national_map, which
-- picks the SQLSTATE), then the key columns that name a row in errors.
CREATE FUNCTION builtin_guard_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION builtin_guard_trigger() IS
	'keeps rows shipped with xdjy (builtin = true) as shipped: only the extension''s scripts write them (YB504, YB601, YB701)';

-- The policy documents xdjy implements, cited by their official number
-- (文号) wherever a rule, a hint, a cause or an explanation step names its
-- source.  They ship with the extension (builtin = true): not dumped,
-- recreated by CREATE EXTENSION, read-only.  A DBA may add the documents
-- of a province of their own (dumped).
CREATE TABLE policy_document (
	code		text PRIMARY KEY CHECK (code OPERATOR(pg_catalog.<>) '' AND code OPERATOR(pg_catalog.=) pg_catalog.btrim(code)),
	title		text NOT NULL,
	issuer		text NOT NULL,
	issued_on	date CHECK (pg_catalog.isfinite(issued_on)),
	in_force_on	date CHECK (pg_catalog.isfinite(in_force_on)),
	note		text,
	builtin		boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE policy_document IS
	'the policy documents xdjy implements (政策文件), by official number (文号): what hints, error causes and explain_settlement sources cite';
COMMENT ON COLUMN policy_document.code IS 'the document number as cited, e.g. 鲁医保发〔2021〕46号 (brackets 〔〕); a document without a number: issuer and short title';
COMMENT ON COLUMN policy_document.title IS 'the full title (标题)';
COMMENT ON COLUMN policy_document.issuer IS 'the issuing authorities (发文机关)';
COMMENT ON COLUMN policy_document.issued_on IS 'date of issue (印发日期); NULL when the text gives none';
COMMENT ON COLUMN policy_document.in_force_on IS 'date it takes effect (施行日期); NULL when the text gives none';
COMMENT ON COLUMN policy_document.note IS 'how it reaches xdjy: forwarded by, implementing';
COMMENT ON COLUMN policy_document.builtin IS 'shipped with xdjy (read-only, not dumped; CREATE EXTENSION recreates it)';
SELECT pg_catalog.pg_extension_config_dump('policy_document', 'WHERE NOT builtin');
GRANT SELECT ON policy_document TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON policy_document TO xdjy_admin;
CREATE TRIGGER policy_document_guard BEFORE INSERT OR UPDATE OR DELETE ON policy_document
	FOR EACH ROW EXECUTE FUNCTION builtin_guard_trigger('policy_rule', 'code');
CREATE TRIGGER policy_document_guard_truncate BEFORE TRUNCATE ON policy_document
	FOR EACH STATEMENT EXECUTE FUNCTION builtin_guard_trigger('policy_rule');
INSERT INTO policy_document (code, title, issuer, issued_on, in_force_on, note, builtin) VALUES
	('鲁医保发〔2021〕46号',
	 '山东省医疗保障局 山东省财政厅关于调整我省参保人员异地就医政策有关问题的通知',
	 '山东省医疗保障局 山东省财政厅', '2021-11-15', '2022-01-01',
	 'forwarded by 济医保发〔2021〕14号 (济南市医疗保障局 济南市财政局, 2021-12-15)', true),
	('济医保发〔2021〕14号',
	 '济南市医疗保障局 济南市财政局关于转发鲁医保发〔2021〕46号文件进一步做好参保人员异地就医有关工作的通知',
	 '济南市医疗保障局 济南市财政局', '2021-12-15', '2022-01-01',
	 'forwards 鲁医保发〔2021〕46号 to Jinan', true),
	('济宁市医保局 异地就医十项便民措施',
	 '济宁市医疗保障局关于实施异地就医十项便民措施的通知',
	 '济宁市医疗保障局', '2023-11-09', NULL,
	 'no document number printed; implements 医保发〔2022〕22号', true),
	('吉医保发〔2019〕34号',
	 '吉林省医疗保障局关于印发《优化异地就医十六条具体举措》的通知',
	 '吉林省医疗保障局', '2019-09-18', '2019-10-01',
	 'cited by the attachment''s items: 附件第N条', true),
	('鲁医保发〔2020〕68号',
	 '山东省医疗保障局关于印发《山东省完善异地就医即时结算制度实施方案》的通知',
	 '山东省医疗保障局', NULL, NULL,
	 'issued 2020; cited by the plan''s sections: 二(一)', true),
	('鲁医保发〔2022〕26号',
	 '山东省医疗保障局 山东省财政厅关于转发《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》的通知',
	 '山东省医疗保障局 山东省财政厅', '2022-09-09', NULL,
	 'forwards 医保发〔2022〕22号; forwarded by 威海市医疗保障局 威海市财政局, 2022-11-03', true),
	('国家医疗保障信息平台 接口规范',
	 '国家医疗保障信息平台 定点医药机构接口规范',
	 '国家医疗保障局', NULL, NULL,
	 'cited by transaction number (交易编号), e.g. 3201; xdjy''s field names follow public HIS integrations, local variants exist', true);

-- The rules keep one per-backend cache of the reference tables they read
-- on every row (src/reference_cache.c): regions, policies, ratio rules,
-- home-benefit and filing-exemption settings, holidays.  A row change
-- sends no relcache invalidation by itself, so every statement that
-- changes one of them sends one through this trigger; always, replication
-- apply included (ENABLE ALWAYS beside each table).
CREATE FUNCTION cache_changed_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION cache_changed_trigger() IS
	'after a statement changes a table a per-backend cache copies (holiday, region, policy, ratio_adjustment, home_benefit_kept, filing_exemption, fee_lines_required): every backend re-reads its copy';

-- References between xdjy's tables are checked by these constraint
-- triggers, as PostgreSQL checks a foreign key (the same SQLSTATE 23503
-- and wording), instead of by declarative foreign keys: the tables are
-- extension configuration tables, whose constraints exist before a dump's
-- rows arrive, and pg_restore -j loads them in any order.  A restore
-- (src/restore.c) is let through: the dumped rows referred to each other
-- when pg_dump read them in one snapshot.  Arguments, in groups of four:
-- constraint name, column of this table, the other table, its column.
CREATE FUNCTION reference_child_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION reference_child_trigger() FROM PUBLIC;
COMMENT ON FUNCTION reference_child_trigger() IS
	'after a row is inserted or its reference changed: the row it refers to exists, locked FOR KEY SHARE (23503 otherwise), as a foreign key checks';
CREATE FUNCTION reference_parent_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION reference_parent_trigger() FROM PUBLIC;
COMMENT ON FUNCTION reference_parent_trigger() IS
	'after a row is deleted or its key changed: no row refers to the old key (23503 otherwise), as a foreign key with NO ACTION checks';
-- Business dates lie in a window the DBA sets (xdjy.business_date_min,
-- xdjy.business_date_max; by default 1990-01-01 to 2199-12-31): a date
-- such as 5874897-12-31 is a typing error, and the deadlines, ledger years
-- and statements computed from it would fail later for everybody.  One
-- check (src/dates.c): the trigger below on every table users fill, naming
-- its business-date columns, and check_business_date() on the date
-- arguments of the SQL functions (the C ones call it directly).
CREATE FUNCTION business_dates_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION business_dates_trigger() IS
	'refuses (YB004) a new or changed business date (date or finite daterange bound) outside xdjy.business_date_min .. xdjy.business_date_max; arguments: the columns';
CREATE FUNCTION check_business_date(day date, what text) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION check_business_date(date, text) IS
	'raises YB004 naming what unless day lies within xdjy.business_date_min .. xdjy.business_date_max (±infinity and NULL pass)';

CREATE TABLE region (
	code		text PRIMARY KEY,
	name_zh		text NOT NULL,
	name_en		text,
	level		text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
	parent_code	text,
	is_pooling	boolean NOT NULL DEFAULT false,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT region_code_form CHECK (CASE WHEN level = 'township'
		THEN code ~ '^[0-9]{9}$' ELSE code ~ '^[0-9]{6}$' END),
	CONSTRAINT region_parent_level CHECK ((level = 'province') = (parent_code IS NULL))
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER region_references AFTER INSERT OR UPDATE ON region
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'region_parent_code_fkey', 'parent_code', 'region', 'code');
COMMENT ON TRIGGER region_references ON region IS
	'references of region: parent_code → region (code)';
CREATE CONSTRAINT TRIGGER region_referenced AFTER UPDATE OR DELETE ON region
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'region_parent_code_fkey', 'code', 'region', 'parent_code',
		'institution_region_code_fkey', 'code', 'institution', 'region_code',
		'operator_region_region_code_fkey', 'code', 'operator_region', 'region_code',
		'person_insured_region_fkey', 'code', 'person', 'insured_region',
		'filing_destination_region_fkey', 'code', 'filing', 'destination_region',
		'filing_exemption_province_fkey', 'code', 'filing_exemption', 'province',
		'institution_choice_rule_province_fkey', 'code', 'institution_choice_rule', 'province',
		'policy_insured_region_fkey', 'code', 'policy', 'insured_region',
		'referral_destination_region_fkey', 'code', 'referral', 'destination_region',
		'provincial_clearing_province_code_fkey', 'code', 'provincial_clearing', 'province_code',
		'clearing_transfer_region_code_fkey', 'code', 'clearing_transfer', 'region_code',
		'med_list_region_code_fkey', 'code', 'med_list', 'region_code',
		'fee_lines_required_region_code_fkey', 'code', 'fee_lines_required', 'region_code',
		'account_cross_province_province_fkey', 'code', 'account_cross_province', 'province',
		'former_rural_ratio_province_fkey', 'code', 'former_rural_ratio', 'province',
		'former_rural_special_drug_province_fkey', 'code', 'former_rural_special_drug', 'province');
COMMENT ON TRIGGER region_referenced ON region IS
	'rows referring to region: region.parent_code, institution.region_code, operator_region.region_code, person.insured_region, filing.destination_region, filing_exemption.province, institution_choice_rule.province, policy.insured_region, referral.destination_region, provincial_clearing.province_code, clearing_transfer.region_code, med_list.region_code, fee_lines_required.region_code, account_cross_province.province, former_rural_ratio.province, former_rural_special_drug.province (no action: a key still referred to stays)';
CREATE INDEX region_parent_code_idx ON region (parent_code);
COMMENT ON TABLE region IS
	'administrative divisions (行政区划): 6-digit province/city/county codes, 9-digit townships; is_pooling marks a pooling region (统筹区)';
COMMENT ON COLUMN region.code IS 'administrative division code (行政区划代码), e.g. 370100 济南市';
COMMENT ON COLUMN region.is_pooling IS 'a pooling region (统筹区): insured_region and filing destinations are pooling regions';
COMMENT ON COLUMN region.builtin IS 'shipped with xdjy (not dumped; CREATE EXTENSION recreates it)';
SELECT pg_catalog.pg_extension_config_dump('region', 'WHERE NOT builtin');
GRANT SELECT ON region TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON region TO xdjy_admin;
CREATE TRIGGER reference_cache_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region
	FOR EACH STATEMENT EXECUTE FUNCTION cache_changed_trigger();
ALTER TABLE region ENABLE ALWAYS TRIGGER reference_cache_changed;

CREATE TABLE institution (
	code		text PRIMARY KEY,
	name_zh		text NOT NULL,
	name_en		text,
	region_code	text NOT NULL,
	tier		smallint NOT NULL DEFAULT 0 CHECK (tier BETWEEN 0 AND 3),
	specialty	boolean NOT NULL DEFAULT false,
	kind		text NOT NULL DEFAULT 'hospital' CHECK (kind IN ('hospital', 'pharmacy')),
	ownership	text NOT NULL DEFAULT 'public' CHECK (ownership IN ('public', 'private')),
	networked_inpatient boolean NOT NULL DEFAULT false,
	networked_outpatient boolean NOT NULL DEFAULT false,
	networked_chronic boolean NOT NULL DEFAULT false,
	special_drug_pharmacy boolean NOT NULL DEFAULT false
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER institution_references AFTER INSERT OR UPDATE ON institution
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'institution_region_code_fkey', 'region_code', 'region', 'code');
COMMENT ON TRIGGER institution_references ON institution IS
	'references of institution: region_code → region (code)';
CREATE CONSTRAINT TRIGGER institution_referenced AFTER UPDATE OR DELETE ON institution
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'institution_choice_institution_code_fkey', 'code', 'institution_choice', 'institution_code',
		'encounter_institution_code_fkey', 'code', 'encounter', 'institution_code',
		'referral_issued_by_fkey', 'code', 'referral', 'issued_by',
		'clearing_confirmation_institution_code_fkey', 'code', 'clearing_confirmation', 'institution_code',
		'clearing_declaration_institution_code_fkey', 'code', 'clearing_declaration', 'institution_code',
		'referral_qualification_institution_code_fkey', 'code', 'referral_qualification', 'institution_code');
COMMENT ON TRIGGER institution_referenced ON institution IS
	'rows referring to institution: institution_choice.institution_code, encounter.institution_code, referral.issued_by, clearing_confirmation.institution_code, clearing_declaration.institution_code, referral_qualification.institution_code (no action: a key still referred to stays)';
CREATE INDEX institution_region_code_idx ON institution (region_code);
COMMENT ON TABLE institution IS 'designated medical institutions and pharmacies (定点医药机构)';
COMMENT ON COLUMN institution.code IS 'fixmedins_code 定点医药机构编号';
COMMENT ON COLUMN institution.region_code IS 'where it is: a county, city or township code; its pooling region is found by walking up';
COMMENT ON COLUMN institution.tier IS 'hospital tier (医院等级): 3 三级, 2 二级, 1 一级, 0 ungraded/未定级';
COMMENT ON COLUMN institution.specialty IS 'specialty hospital (专科医院), 吉医保发〔2019〕34号 附件第7条';
COMMENT ON COLUMN institution.ownership IS 'public (公立) or private (社会办); one policy for both (吉医保发〔2019〕34号 附件第6条)';
COMMENT ON COLUMN institution.networked_inpatient IS 'open for cross-region direct settlement of inpatient stays (住院联网结算)';
COMMENT ON COLUMN institution.networked_outpatient IS 'open for cross-region direct settlement of outpatient visits (普通门诊联网结算)';
COMMENT ON COLUMN institution.special_drug_pharmacy IS 'designated special-drug pharmacy (特药定点零售药店): a special drug bought there settles under the outpatient special-disease benefit (吉医保发〔2019〕34号 附件第13条)';
COMMENT ON COLUMN institution.networked_chronic IS 'open for cross-region direct settlement of chronic/special disease outpatient care (门诊慢特病联网结算)';
SELECT pg_catalog.pg_extension_config_dump('institution', '');
GRANT SELECT ON institution TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON institution TO xdjy_admin;

-- 鲁医保发〔2021〕46号 第二条(二), 济宁市医保局 异地就医十项便民措施 第一–二条: the channels a filing may come through.
-- Reference data a DBA may extend (a new app, a new window); the shipped
-- ones are builtin, the DBA's are dumped, so that a restored filing never
-- names a channel the restored database lacks.
CREATE TABLE channel (
	code		text PRIMARY KEY,
	name_en		text NOT NULL,
	name_zh		text NOT NULL,
	builtin		boolean NOT NULL DEFAULT false
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER channel_referenced AFTER UPDATE OR DELETE ON channel
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'filing_channel_fkey', 'code', 'filing', 'channel');
COMMENT ON TRIGGER channel_referenced ON channel IS
	'rows referring to channel: filing.channel (no action: a key still referred to stays)';
COMMENT ON TABLE channel IS 'filing channels (备案渠道), 鲁医保发〔2021〕46号 第二条(二) and 济宁市医保局 异地就医十项便民措施 第一–二条';
COMMENT ON COLUMN channel.builtin IS 'shipped with xdjy (not dumped; CREATE EXTENSION recreates it)';
INSERT INTO channel (code, name_en, name_zh, builtin) VALUES
	('window', 'service hall window', '医保服务大厅窗口', true),
	('grassroots', 'grassroots insurance station', '基层医保工作站', true),
	('website', 'official website', '医保官方网站', true),
	('app', 'national insurance service app', '国家医保服务平台APP', true),
	('mini_program', 'mini-program', '小程序', true),
	('phone', 'service telephone', '服务电话', true),
	('fax', 'fax', '传真', true),
	('hospital', 'designated hospital', '定点医疗机构', true);
SELECT pg_catalog.pg_extension_config_dump('channel', 'WHERE NOT builtin');
GRANT SELECT ON channel TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON channel TO xdjy_admin;

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

-- Which regions an operator works for.  role is a role name (a login role
-- or a group); a granted code covers itself and every region under it, so
-- 370100 covers Jinan and its counties and townships, 370000 all of
-- Shandong.  A name that is no role grants nothing.
CREATE TABLE operator_region (
	role			name NOT NULL,
	region_code		text NOT NULL,
	PRIMARY KEY (role, region_code)
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER operator_region_references AFTER INSERT OR UPDATE ON operator_region
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'operator_region_region_code_fkey', 'region_code', 'region', 'code');
COMMENT ON TRIGGER operator_region_references ON operator_region IS
	'references of operator_region: region_code → region (code)';
COMMENT ON TABLE operator_region IS
	'the regions an xdjy_operator member works for: row-level security lets it read and write only their rows';
SELECT pg_catalog.pg_extension_config_dump('operator_region', '');
ALTER TABLE operator_region ENABLE ROW LEVEL SECURITY;
ALTER TABLE operator_region FORCE ROW LEVEL SECURITY;
-- the admin grants; an operator sees its own grants
GRANT SELECT, INSERT, UPDATE, DELETE ON operator_region TO xdjy_admin;
GRANT SELECT ON operator_region TO xdjy_operator;
CREATE POLICY operator_region_admin ON operator_region TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY operator_region_own ON operator_region FOR SELECT TO xdjy_operator
	USING (role IN (SELECT a.rolname FROM pg_catalog.pg_roles a WHERE pg_catalog.pg_has_role(a.oid, 'MEMBER')));

-- a grant names a role the server knows (src/reference.c)
CREATE FUNCTION operator_region_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION operator_region_rules_trigger() FROM PUBLIC;
COMMENT ON FUNCTION operator_region_rules_trigger() IS
	'operator_region rules: a grant names an existing role (YB003)';
CREATE TRIGGER operator_region_rules BEFORE INSERT OR UPDATE ON operator_region
	FOR EACH ROW EXECUTE FUNCTION operator_region_rules_trigger();

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

-- An operator's write outside its regions is refused with a coded error
-- (YB005) before any rule looks at the row, so that no rule's error
-- speaks of another region's data.  The table's own policies decide
-- (src/row_access.c); the function runs as the caller, for whom
-- PostgreSQL's own check would evaluate them.  Its arguments name the
-- columns that place a row in a region.
CREATE FUNCTION region_access_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION region_access_trigger() FROM PUBLIC;
COMMENT ON FUNCTION region_access_trigger() IS
	'refuses with YB005 a row the acting role''s row-level security policies would reject, naming its granted regions; first of a table''s BEFORE triggers';

CREATE TABLE person (
	id				text PRIMARY KEY,
	name			text NOT NULL,
	insured_region	text NOT NULL,
	scheme			text NOT NULL CHECK (scheme IN ('employee', 'resident')),
	certno			text
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER person_references AFTER INSERT OR UPDATE ON person
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'person_insured_region_fkey', 'insured_region', 'region', 'code');
COMMENT ON TRIGGER person_references ON person IS
	'references of person: insured_region → region (code)';
CREATE CONSTRAINT TRIGGER person_referenced AFTER UPDATE OR DELETE ON person
	FOR EACH ROW EXECUTE FUNCTION reference_parent_trigger(
		'filing_person_id_fkey', 'id', 'filing', 'person_id',
		'encounter_person_id_fkey', 'id', 'encounter', 'person_id',
		'referral_person_id_fkey', 'id', 'referral', 'person_id',
		'ledger_person_id_fkey', 'id', 'ledger', 'person_id',
		'personal_account_person_id_fkey', 'id', 'personal_account', 'person_id',
		'personal_account_movement_person_id_fkey', 'id', 'personal_account_movement', 'person_id',
		'person_attribute_person_id_fkey', 'id', 'person_attribute', 'person_id');
COMMENT ON TRIGGER person_referenced ON person IS
	'rows referring to person: filing.person_id, encounter.person_id, referral.person_id, ledger.person_id, personal_account.person_id, personal_account_movement.person_id, person_attribute.person_id (no action: a key still referred to stays)';
CREATE INDEX person_insured_region_idx ON person (insured_region);
COMMENT ON TABLE person IS 'insured persons (参保人员)';
COMMENT ON COLUMN person.id IS 'psn_no 人员编号';
COMMENT ON COLUMN person.insured_region IS 'insuplc_admdvs 参保地医保区划: a pooling region';
COMMENT ON COLUMN person.scheme IS 'insutype 险种类型: employee (职工医保, 310) or resident (城乡居民医保, 390)';
COMMENT ON COLUMN person.certno IS 'certno 证件号码 (identity document number, 3260 clearing details); optional';
SELECT pg_catalog.pg_extension_config_dump('person', '');
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
ALTER TABLE person FORCE ROW LEVEL SECURITY;
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


-- The pooling region (统筹区) a region belongs to: itself if it is one,
-- else the nearest pooling ancestor within 8 levels (so a cycle in the
-- parent links ends); NULL for an unknown code or a region under no
-- pooling region.  The one walk of the rules (src/region.c), over the
-- backend's copy of the region table; the caller needs SELECT on
-- xdjy.region, as for a query of it.
CREATE FUNCTION pooling_region(region_code text) RETURNS text
	AS 'MODULE_PATHNAME', 'pooling_region' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pooling_region(text) IS
	'the pooling region (统筹区) of a region: itself or its nearest pooling ancestor';

CREATE FUNCTION treatment_scope(insured_region text, treatment_region text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION treatment_scope(text, text) IS
	'local (本地), intra_province (省内跨市) or cross_province (跨省), from two pooling-region codes';

-- a person is insured in a pooling region (统筹区); an institution
-- lies under one, so every treatment has a treatment place (鲁医保发〔2021〕46号 第三条(四)).
-- A person's insured region may not become the destination of one of their
-- active filings (destination region).  Rules in C (src/reference.c).
CREATE FUNCTION person_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION person_rules_trigger() FROM PUBLIC;
COMMENT ON FUNCTION person_rules_trigger() IS
	'person rules: insured_region is a pooling region and no active filing''s destination (鲁医保发〔2021〕46号 第三条(四))';
CREATE TRIGGER person_rules BEFORE INSERT OR UPDATE ON person
	FOR EACH ROW EXECUTE FUNCTION person_rules_trigger();

CREATE FUNCTION institution_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION institution_rules_trigger() FROM PUBLIC;
COMMENT ON FUNCTION institution_rules_trigger() IS
	'institution rules: its region lies under a pooling region';
CREATE TRIGGER institution_rules BEFORE INSERT OR UPDATE ON institution
	FOR EACH ROW EXECUTE FUNCTION institution_rules_trigger();

-- business dates lie in the window (business_dates_trigger, src/dates.c)
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON policy_document
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('issued_on', 'in_force_on');
