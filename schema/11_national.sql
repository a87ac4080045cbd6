
--------------------------------------------------------------------------
-- National interface (国家医疗保障信息平台): field names, code mappings,
-- statements and clearing details
--------------------------------------------------------------------------

-- National platform vocabulary (国家医疗保障信息平台 接口规范):
-- what a HIS or agency developer recognises.  xdjy keeps its own names
-- and fen; here are the national field names (the setlinfo view, the CSV
-- export; the column comments of filing, encounter and settlement start
-- with them), the code mappings a DBA extends for
-- local variants, the 3201/3202 statements of an institution against the
-- database, and the 3260–3262 monthly remote clearing details with the
-- institution's confirmation.  鲁医保发〔2022〕26号 第四条(一)(二).

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
-- reference data of the national interface: read by the agencies, kept by
-- the admin
GRANT SELECT ON insutype_map, med_type_map, clr_type_map TO xdjy_admin, xdjy_operator;
GRANT INSERT, UPDATE, DELETE ON insutype_map, med_type_map, clr_type_map TO xdjy_admin;

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
GRANT SELECT ON insutype_map_effective TO xdjy_admin, xdjy_operator;
COMMENT ON COLUMN insutype_map_effective.scheme IS 'xdjy''s insurance scheme: employee or resident / 参保险种：职工或城乡居民';
COMMENT ON COLUMN insutype_map_effective.insutype IS 'the national insutype code in effect (险种类型) / 险种类型代码';
COMMENT ON COLUMN insutype_map_effective.name_zh IS 'the code''s name in Chinese (name of insutype) / 险种类型名称';
COMMENT ON COLUMN insutype_map_effective.priority IS 'its priority: builtin rows 0, a DBA''s rows above 0; the highest is in effect / 优先级：内置行为0，自定义行大于0，取最高者';
COMMENT ON COLUMN insutype_map_effective.builtin IS 'shipped with xdjy (not dumped, read-only) / 是否为内置行（随扩展提供，只读）';

CREATE VIEW med_type_map_effective WITH (security_invoker = true) AS
	SELECT DISTINCT ON (m.visit_type, m.emergency, m.trauma)
		m.visit_type, m.emergency, m.trauma, m.med_type, m.name_zh, m.priority, m.builtin
	FROM xdjy.med_type_map m
	ORDER BY m.visit_type, m.emergency, m.trauma, m.priority DESC;
COMMENT ON VIEW med_type_map_effective IS 'the med_type in effect for each (visit_type, emergency, trauma): its highest-priority row';
GRANT SELECT ON med_type_map_effective TO xdjy_admin, xdjy_operator;
COMMENT ON COLUMN med_type_map_effective.visit_type IS 'xdjy''s visit type: inpatient, outpatient, chronic_outpatient or pharmacy / 就诊类型：住院、门诊、门诊慢特病、药店购药';
COMMENT ON COLUMN med_type_map_effective.emergency IS 'the encounter is an emergency (encounter.emergency) / 是否急诊';
COMMENT ON COLUMN med_type_map_effective.trauma IS 'the encounter is a trauma case (encounter.trauma) / 是否外伤';
COMMENT ON COLUMN med_type_map_effective.med_type IS 'the national med_type code in effect (医疗类别) / 医疗类别代码';
COMMENT ON COLUMN med_type_map_effective.name_zh IS 'the code''s name in Chinese (name of med_type) / 医疗类别名称';
COMMENT ON COLUMN med_type_map_effective.priority IS 'its priority: builtin rows 0, a DBA''s rows above 0; the highest is in effect / 优先级：内置行为0，自定义行大于0，取最高者';
COMMENT ON COLUMN med_type_map_effective.builtin IS 'shipped with xdjy (not dumped, read-only) / 是否为内置行（随扩展提供，只读）';

CREATE VIEW clr_type_map_effective WITH (security_invoker = true) AS
	SELECT DISTINCT ON (m.visit_type) m.visit_type, m.clr_type, m.name_zh, m.priority, m.builtin
	FROM xdjy.clr_type_map m
	ORDER BY m.visit_type, m.priority DESC;
COMMENT ON VIEW clr_type_map_effective IS 'the clr_type in effect for each visit type: its highest-priority row';
GRANT SELECT ON clr_type_map_effective TO xdjy_admin, xdjy_operator;
COMMENT ON COLUMN clr_type_map_effective.visit_type IS 'xdjy''s visit type: inpatient, outpatient, chronic_outpatient or pharmacy / 就诊类型：住院、门诊、门诊慢特病、药店购药';
COMMENT ON COLUMN clr_type_map_effective.clr_type IS 'the national clr_type code in effect (清算类别) / 清算类别代码';
COMMENT ON COLUMN clr_type_map_effective.name_zh IS 'the code''s name in Chinese (name of clr_type) / 清算类别名称';
COMMENT ON COLUMN clr_type_map_effective.priority IS 'its priority: builtin rows 0, a DBA''s rows above 0; the highest is in effect / 优先级：内置行为0，自定义行大于0，取最高者';
COMMENT ON COLUMN clr_type_map_effective.builtin IS 'shipped with xdjy (not dumped, read-only) / 是否为内置行（随扩展提供，只读）';

-- setlinfo: one row per settlement in the platform's names ---------------

-- The yuan figures of a settlement (结算信息 setlinfo), written once: the
-- setlinfo view and the interface's setlinfo (interface_setlinfo) both
-- take them from here.  Exact: fen_to_yuan, never floating point.
CREATE TYPE settlement_yuan AS (
	medfee_sumamt		numeric(16,2),
	fulamt_ownpay_amt	numeric(16,2),
	overlmt_selfpay		numeric(16,2),
	preselfpay_amt		numeric(16,2),
	inscp_scp_amt		numeric(16,2),
	act_pay_dedc		numeric(16,2),
	hifp_pay			numeric(16,2),
	pool_prop_selfpay	numeric(5,4),
	fund_pay_sumamt		numeric(16,2),
	acct_pay			numeric(16,2),
	psn_part_amt		numeric(16,2),
	psn_cash_pay		numeric(16,2),
	balc				numeric(16,2)
);
COMMENT ON TYPE settlement_yuan IS
	'the yuan figures of a settlement in the national names (setlinfo 结算信息), as settlement_yuan() computes them';

CREATE FUNCTION settlement_yuan(s settlement) RETURNS settlement_yuan
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
-- PL/pgSQL: one expression, evaluated without an executor of its own
BEGIN
	RETURN ROW(xdjy.fen_to_yuan(s.total_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.out_of_scope_fen OPERATOR(pg_catalog.-) s.overlmt_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.overlmt_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.first_selfpay_fen OPERATOR(pg_catalog.+) s.preselfpay_fen)::numeric(16,2),
		xdjy.fen_to_yuan(((s.total_fen OPERATOR(pg_catalog.-) s.out_of_scope_fen)
			OPERATOR(pg_catalog.-) s.first_selfpay_fen) OPERATOR(pg_catalog.-) s.preselfpay_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.deductible_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2),
		(s.ratio_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4),
		xdjy.fen_to_yuan(s.fund_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.acct_pay_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.personal_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.cash_pay_fen)::numeric(16,2),
		xdjy.fen_to_yuan(s.acct_balance_fen)::numeric(16,2))::xdjy.settlement_yuan;
END
$$;
COMMENT ON FUNCTION settlement_yuan(settlement) IS
	'the yuan figures of a settlement row (setlinfo 结算信息: medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt, hifp_pay, acct_pay, psn_cash_pay, balc, …), exact from fen; the one home of the setlinfo view''s and the interface''s figures';

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
		y.medfee_sumamt,
		y.fulamt_ownpay_amt,
		y.preselfpay_amt,
		y.inscp_scp_amt,
		y.act_pay_dedc,
		y.hifp_pay,
		y.pool_prop_selfpay,
		y.fund_pay_sumamt,
		y.acct_pay,
		y.psn_part_amt,
		s.settled_on AS setl_time,
		CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END AS refd_setl_flag,
		s.reverses,
		s.mode,
		-- 1.1: after the columns 1.0 had (a view keeps its column order)
		y.overlmt_selfpay,
		-- the personal account (个人账户)
		y.psn_cash_pay,
		y.balc
	FROM xdjy.settlement s
	CROSS JOIN LATERAL xdjy.settlement_yuan(s) y
	JOIN xdjy.encounter e ON e.id OPERATOR(pg_catalog.=) s.encounter_id
	LEFT JOIN xdjy.person p ON p.id OPERATOR(pg_catalog.=) s.person_id
	LEFT JOIN xdjy.insutype_map_effective it ON it.scheme OPERATOR(pg_catalog.=) p.scheme
	LEFT JOIN xdjy.med_type_map_effective mt
		ON mt.visit_type OPERATOR(pg_catalog.=) e.visit_type
		AND mt.emergency OPERATOR(pg_catalog.=) e.emergency
		AND mt.trauma OPERATOR(pg_catalog.=) e.trauma
	LEFT JOIN xdjy.clr_type_map_effective ct ON ct.visit_type OPERATOR(pg_catalog.=) e.visit_type;
COMMENT ON VIEW setlinfo IS
	'one row per settlement in the national platform''s names (结算信息 setlinfo), amounts in yuan numeric(16,2) converted exactly from fen (settlement_yuan())';
GRANT SELECT ON setlinfo TO xdjy_admin, xdjy_operator;
COMMENT ON COLUMN setlinfo.psn_no IS 'person number (settlement.person_id) / 人员编号';
COMMENT ON COLUMN setlinfo.mdtrt_id IS 'encounter id (encounter.id) / 就诊ID';
COMMENT ON COLUMN setlinfo.setl_id IS 'settlement id (settlement.id) / 结算ID';
COMMENT ON COLUMN setlinfo.insutype IS 'insurance type, from person.scheme through insutype_map (the person''s scheme today: a settlement does not record it) / 险种类型';
COMMENT ON COLUMN setlinfo.med_type IS 'medical type, from encounter visit_type, emergency, trauma through med_type_map / 医疗类别';
COMMENT ON COLUMN setlinfo.clr_type IS 'clearing type, from encounter visit_type through clr_type_map / 清算类别';
COMMENT ON COLUMN setlinfo.insuplc_admdvs IS 'insured place''s division code (settlement.insured_region) / 参保地医保区划';
COMMENT ON COLUMN setlinfo.mdtrtarea_admvs IS 'treatment place''s division code: the institution''s pooling region / 就医地医保区划';
COMMENT ON COLUMN setlinfo.fixmedins_code IS 'designated institution code (settlement.institution_code) / 定点医药机构编号';
COMMENT ON COLUMN setlinfo.clr_optins IS 'clearing agency: the insured pooling region; the setl_optins of a 3201/3202 statement / 清算经办机构';
COMMENT ON COLUMN setlinfo.medfee_sumamt IS 'total medical costs in yuan = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt / 医疗费总额（元）';
COMMENT ON COLUMN setlinfo.fulamt_ownpay_amt IS 'wholly self-paid amount in yuan: 丙类 and codes not in the catalogue (settlement.out_of_scope_fen − overlmt_fen) / 全自费金额（元）';
COMMENT ON COLUMN setlinfo.preselfpay_amt IS 'paid first by the person in yuan: the lines'' 乙类先行自付 (settlement.preselfpay_fen) plus the temporary traveller''s 首先自付 (first_selfpay_fen, 鲁医保发〔2021〕46号 第三条(二)) / 先行自付金额（元）';
COMMENT ON COLUMN setlinfo.inscp_scp_amt IS 'amount within the policy scope in yuan: total − 全自费 − 超限价 − 先行自付 / 符合政策范围金额（元）';
COMMENT ON COLUMN setlinfo.overlmt_selfpay IS 'self-paid above the price ceilings in yuan (settlement.overlmt_fen, from the fee lines) / 超限价自费金额（元）';
COMMENT ON COLUMN setlinfo.act_pay_dedc IS 'deductible actually paid in yuan (settlement.deductible_fen) / 实际支付起付线（元）';
COMMENT ON COLUMN setlinfo.hifp_pay IS 'pooled fund payment in yuan (settlement.fund_fen) / 统筹基金支出（元）';
COMMENT ON COLUMN setlinfo.pool_prop_selfpay IS 'pooled fund payment ratio (ratio_bp / 10000, 0.7000 = 70%) / 基本医疗保险统筹基金支付比例';
COMMENT ON COLUMN setlinfo.fund_pay_sumamt IS 'total fund payment in yuan (= hifp_pay: no other fund is modelled) / 基金支付总额（元）';
COMMENT ON COLUMN setlinfo.acct_pay IS 'personal account payment in yuan (settlement.acct_pay_fen; 鲁医保发〔2020〕68号 二(五)) / 个人账户支出（元）';
COMMENT ON COLUMN setlinfo.psn_cash_pay IS 'personal cash payment in yuan: psn_part_amt − acct_pay (settlement.cash_pay_fen) / 个人现金支出（元）';
COMMENT ON COLUMN setlinfo.balc IS 'personal account balance after the settlement in yuan (settlement.acct_balance_fen); NULL when the account was not used / 余额（元）';
COMMENT ON COLUMN setlinfo.psn_part_amt IS 'total borne by the person in yuan (settlement.personal_fen) / 个人负担总金额（元）';
COMMENT ON COLUMN setlinfo.setl_time IS 'settlement time: the business date (settlement.settled_on) / 结算时间';
COMMENT ON COLUMN setlinfo.refd_setl_flag IS 'refund settlement flag: 1 for a reversal row (settlement.reverses set; negative amounts), 0 otherwise / 退费结算标志';
COMMENT ON COLUMN setlinfo.reverses IS 'xdjy: the setl_id a reversal row reverses / 被冲正的结算ID';
COMMENT ON COLUMN setlinfo.mode IS 'xdjy: direct or manual; statements and clearing count direct settlements only / 结算方式：直接结算或手工报销';

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
	'3201 医药机构费用结算对总账: an institution''s totals against xdjy.stmt_scope(...); stmt_rslt 0 对平, 1 中心多, 2 医药机构多, 3 数据不一致, stmt_rslt_dscr names the differing figures, acct_pay included (personal account payments, cleared monthly across provinces: 鲁医保发〔2022〕26号 第四条(二))';

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
ALTER TABLE stmt_detail_upload ENABLE ROW LEVEL SECURITY;
ALTER TABLE stmt_detail_upload FORCE ROW LEVEL SECURITY;
-- an institution's 3202 detail file belongs to whoever loaded it
GRANT SELECT, INSERT, DELETE ON stmt_detail_upload TO xdjy_admin;
GRANT SELECT, INSERT ON stmt_detail_upload TO xdjy_operator;
CREATE POLICY stmt_detail_upload_admin ON stmt_detail_upload TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY stmt_detail_upload_operator ON stmt_detail_upload TO xdjy_operator
	USING (loaded_by = CURRENT_USER) WITH CHECK (loaded_by = CURRENT_USER);
CREATE TRIGGER stmt_detail_upload_access BEFORE INSERT OR UPDATE ON stmt_detail_upload
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('loaded_by');

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
	setl_sn			bigint NOT NULL,
	seq				integer NOT NULL,
	action			text NOT NULL CHECK (action IN ('confirm', 'rollback')),
	cnfm_flag		text CHECK (cnfm_flag IN ('0', '1')),
	recorded_on		date NOT NULL DEFAULT current_date,
	recorded_at		timestamptz NOT NULL DEFAULT now(),
	recorded_by		text NOT NULL DEFAULT current_user,
	memo			text,
	UNIQUE (setl_sn, seq),
	CONSTRAINT clearing_detail_confirmation_flag CHECK ((action = 'confirm') = (cnfm_flag IS NOT NULL)),
	-- business dates are calendar days
	CONSTRAINT clearing_detail_confirmation_recorded_on_finite
		CHECK (pg_catalog.isfinite(recorded_on))
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER clearing_detail_confirmation_references AFTER INSERT OR UPDATE ON clearing_detail_confirmation
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'clearing_detail_confirmation_setl_sn_fkey', 'setl_sn', 'settlement', 'id');
COMMENT ON TRIGGER clearing_detail_confirmation_references ON clearing_detail_confirmation IS
	'references of clearing_detail_confirmation: setl_sn → settlement (id)';
COMMENT ON TABLE clearing_detail_confirmation IS
	'append-only log of an institution''s answers to the remote clearing details: confirm (3261 清分结果确认, cnfm_flag 1 agreed, 0 not agreed) and rollback (3262 确认回退); a row''s answer is its latest entry';
COMMENT ON COLUMN clearing_detail_confirmation.setl_sn IS '结算流水号: the settlement (settlement.id) answered';
COMMENT ON COLUMN clearing_detail_confirmation.seq IS 'the entry''s number for its settlement (1, 2, ...), set by the trigger';
COMMENT ON COLUMN clearing_detail_confirmation.cnfm_flag IS '确认标志: 1 agreed, 0 not agreed; NULL on a rollback';
COMMENT ON COLUMN clearing_detail_confirmation.recorded_on IS 'the business day of the answer (the 20th of the next month is the deadline, 鲁医保发〔2022〕26号 第四条(二))';
SELECT pg_catalog.pg_extension_config_dump('clearing_detail_confirmation', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.clearing_detail_confirmation', 'id'), '');
ALTER TABLE clearing_detail_confirmation ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearing_detail_confirmation FORCE ROW LEVEL SECURITY;
-- answers are given by the agency of the institution's region and read
-- with their settlement
GRANT SELECT, INSERT ON clearing_detail_confirmation TO xdjy_admin, xdjy_operator;
GRANT SELECT (setl_sn, seq, action, cnfm_flag, recorded_on) ON clearing_detail_confirmation TO xdjy_analyst;
CREATE POLICY clearing_detail_confirmation_admin ON clearing_detail_confirmation TO xdjy_admin
	USING (true) WITH CHECK (true);
CREATE POLICY clearing_detail_confirmation_operator_read ON clearing_detail_confirmation FOR SELECT TO xdjy_operator
	USING (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = setl_sn));
CREATE POLICY clearing_detail_confirmation_operator_insert ON clearing_detail_confirmation FOR INSERT TO xdjy_operator
	WITH CHECK (EXISTS (SELECT FROM xdjy.settlement s WHERE s.id = setl_sn
		AND s.treatment_region IN (SELECT xdjy.operator_regions())));
CREATE TRIGGER clearing_detail_confirmation_access BEFORE INSERT OR UPDATE ON clearing_detail_confirmation
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('setl_sn');
CREATE POLICY clearing_detail_confirmation_analyst ON clearing_detail_confirmation FOR SELECT TO xdjy_analyst
	USING (true);

-- SECURITY DEFINER, as PostgreSQL's own foreign-key checks run as the
-- table owner: the rule locks the settlement row it decides on, which
-- needs UPDATE rights an institution's operator (INSERT on the log) does
-- not have on the immutable settlement table.  Its queries are fixed and
-- schema-qualified; the search_path is pinned all the same.
CREATE FUNCTION clearing_confirmation_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION clearing_confirmation_trigger() FROM PUBLIC;
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
		CASE WHEN c.action OPERATOR(pg_catalog.=) 'confirm' THEN c.recorded_by END AS cnfm_opter,
		xdjy.fen_to_yuan(s.acct_pay_fen)::numeric(16,2) AS acct_pay
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
GRANT SELECT ON clearing_detail TO xdjy_admin, xdjy_operator;
COMMENT ON COLUMN clearing_detail.trt_year IS 'year of setl_time / 年度';
COMMENT ON COLUMN clearing_detail.trt_month IS 'month of setl_time / 月份';
COMMENT ON COLUMN clearing_detail.mdtrtarea IS 'treatment place: the treatment pooling region / 就医地';
COMMENT ON COLUMN clearing_detail.medins_no IS 'medical institution number (fixmedins_code) / 医疗机构编号';
COMMENT ON COLUMN clearing_detail.certno IS 'certificate number (person.certno, NULL when not recorded) / 证件号码';
COMMENT ON COLUMN clearing_detail.psn_no IS 'person number (settlement.person_id) / 人员编号';
COMMENT ON COLUMN clearing_detail.mdtrt_id IS 'encounter id (encounter.id) / 就诊ID';
COMMENT ON COLUMN clearing_detail.setl_sn IS 'settlement serial number (settlement.id = setl_id) / 结算流水号';
COMMENT ON COLUMN clearing_detail.medfee_sumamt IS 'total medical costs in yuan / 医疗费总额（元）';
COMMENT ON COLUMN clearing_detail.optins_pay_sumamt IS 'agency payment in yuan: the fund''s payment (hifp_pay; the personal account''s is acct_pay) / 经办机构支付总额（元）';
COMMENT ON COLUMN clearing_detail.insuplc_admdvs IS 'insured place''s division code (settlement.insured_region) / 参保地医保区划';
COMMENT ON COLUMN clearing_detail.setl_time IS 'settlement time: the business date (settlement.settled_on) / 结算时间';
COMMENT ON COLUMN clearing_detail.refd_setl_flag IS 'refund settlement flag: 1 for a reversal row, 0 otherwise / 退费结算标志';
COMMENT ON COLUMN clearing_detail.cnfm_flag IS 'confirmation flag (3261): 1 agreed, 0 not agreed, NULL unanswered or rolled back (3262) / 确认标志';
COMMENT ON COLUMN clearing_detail.cnfm_date IS 'confirmation date: the business date of the standing 3261 answer / 确认日期';
COMMENT ON COLUMN clearing_detail.cnfm_opter IS 'confirming operator: the role that recorded the standing 3261 answer / 确认人';
COMMENT ON COLUMN clearing_detail.acct_pay IS 'personal account payment in yuan (settlement.acct_pay_fen), cleared monthly like the fund (鲁医保发〔2022〕26号 第四条(二)) / 个人账户支出（元）';

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
			THEN pg_catalog.max(d.cnfm_date) END AS confirmed_on,
		pg_catalog.sum(d.acct_pay) AS acct_pay
	FROM xdjy.clearing_detail d
	GROUP BY d.trt_year, d.trt_month, d.medins_no, d.mdtrtarea;
COMMENT ON VIEW clearing_confirmation_monthly IS
	'per institution and clearing month: rows, amounts, answers (agreed, disputed, open) and the day the last open row was answered (NULL while any is open); what a monthly clearing view joins to check the 20th (鲁医保发〔2022〕26号 第四条(二))';
GRANT SELECT ON clearing_confirmation_monthly TO xdjy_admin, xdjy_operator;
COMMENT ON COLUMN clearing_confirmation_monthly.trt_year IS 'year of setl_time / 年度';
COMMENT ON COLUMN clearing_confirmation_monthly.trt_month IS 'month of setl_time / 月份';
COMMENT ON COLUMN clearing_confirmation_monthly.medins_no IS 'medical institution number (fixmedins_code) / 医疗机构编号';
COMMENT ON COLUMN clearing_confirmation_monthly.mdtrtarea IS 'treatment place: the treatment pooling region / 就医地';
COMMENT ON COLUMN clearing_confirmation_monthly.setl_cnt IS 'clearing rows of the institution''s month / 清分明细笔数';
COMMENT ON COLUMN clearing_confirmation_monthly.medfee_sumamt IS 'total medical costs in yuan / 医疗费总额（元）';
COMMENT ON COLUMN clearing_confirmation_monthly.optins_pay_sumamt IS 'agency payment in yuan (the fund''s payment) / 经办机构支付总额（元）';
COMMENT ON COLUMN clearing_confirmation_monthly.agreed_cnt IS 'rows answered 1 agreed (3261) / 确认一致笔数';
COMMENT ON COLUMN clearing_confirmation_monthly.disputed_cnt IS 'rows answered 0 not agreed (3261) / 确认不一致笔数';
COMMENT ON COLUMN clearing_confirmation_monthly.open_cnt IS 'rows not answered, or rolled back (3262) / 未确认笔数';
COMMENT ON COLUMN clearing_confirmation_monthly.confirmed_on IS 'the day the last open row was answered; NULL while any is open / 全部确认的日期';
COMMENT ON COLUMN clearing_confirmation_monthly.acct_pay IS 'personal account payments in yuan, cleared monthly like the fund (鲁医保发〔2022〕26号 第四条(二)) / 个人账户支出（元）';

-- CSV export -----------------------------------------------------------------

CREATE FUNCTION export_setlinfo("from" date, "to" date)
	RETURNS SETOF setlinfo
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.national_check_period(export_setlinfo."from", export_setlinfo."to", 'from', 'to');
	SELECT xdjy.check_business_date(export_setlinfo."from", 'export_setlinfo(from)');
	SELECT xdjy.check_business_date(export_setlinfo."to", 'export_setlinfo(to)');
	SELECT i.* FROM xdjy.setlinfo i
	WHERE i.setl_time OPERATOR(pg_catalog.>=) export_setlinfo."from"
		AND i.setl_time OPERATOR(pg_catalog.<=) export_setlinfo."to"
	ORDER BY i.setl_time, i.setl_id;
END;
COMMENT ON FUNCTION export_setlinfo(date, date) IS
	'setlinfo rows settled from "from" to "to" (both included), in order: COPY (SELECT * FROM xdjy.export_setlinfo(...)) TO STDOUT WITH (FORMAT csv, HEADER)';

-- Monthly clearing belongs to reporting, but reads the 3261/3262 answers
-- above, so it is defined last.
-- Monthly clearing, as it stood on as_of: per month, what each institution receives
-- (confirmation by the 20th of the next month, payment within 30 working
-- days of its declaration), what each insured pooling region pays (transfer
-- up before the next provincial clearing starts) and what each treatment
-- pooling region receives.  Amounts are the fund part (统筹) of remote
-- direct settlements, reversals included, and beside it their personal
-- account payments (个人账户支出), cleared monthly like the fund
-- (鲁医保发〔2022〕26号 第四条(二); 鲁医保发〔2020〕68号 二(五)).
CREATE FUNCTION clearing_monthly_as_of(as_of date)
	RETURNS TABLE (month date, party_kind text, code text, region_code text,
		settlements bigint, fund_fen bigint, fund_yuan numeric,
		acct_pay_fen bigint, acct_pay_yuan numeric,
		confirm_due_on date, confirmed_on date, confirmed_fund_fen bigint, confirmed_fund_yuan numeric,
		agreed_settlements bigint, confirm_status text,
		declared_on date, declared_fund_fen bigint, declared_fund_yuan numeric,
		pay_due_on date, paid_on date, paid_fen bigint, paid_yuan numeric, pay_status text,
		transfer_due_on date, transferred_on date, transferred_fund_fen bigint, transferred_fund_yuan numeric,
		transfer_status text)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(clearing_monthly_as_of.as_of, 'clearing_monthly_as_of(as_of)');
	WITH cleared AS (
		SELECT xdjy.month_of(s.settled_on) AS month, s.id, s.institution_code,
			s.insured_region, s.treatment_region, s.fund_fen, t.acct_pay_fen
		FROM xdjy.remote_direct_settlement s
		JOIN xdjy.settlement t ON t.id = s.id
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
			sum(c.acct_pay_fen)::bigint AS acct_pay_fen,
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
			sum(c.acct_pay_fen)::bigint AS acct_pay_fen,
			xdjy.clearing_transfer_due_on(pc.starts_on) AS transfer_due_on
		FROM cleared c
		LEFT JOIN xdjy.provincial_clearing pc
			ON pc.province_code = xdjy.province_of(c.insured_region)
			AND pc.month = (c.month + interval '1 month')::date
		GROUP BY c.month, c.insured_region, pc.starts_on
	), payee AS (
		SELECT c.month, c.treatment_region, count(*) AS settlements, sum(c.fund_fen)::bigint AS fund_fen,
			sum(c.acct_pay_fen)::bigint AS acct_pay_fen
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
	-- every amount in fen with its yuan beside it (exact: fen / 100.0 as numeric)
	SELECT x.month, x.party_kind, x.code, x.region_code, x.settlements,
		x.fund_fen, (x.fund_fen / 100.0)::numeric(20,2),
		x.acct_pay_fen, (x.acct_pay_fen / 100.0)::numeric(20,2),
		x.confirm_due_on, x.confirmed_on, x.confirmed_fund_fen, (x.confirmed_fund_fen / 100.0)::numeric(20,2),
		x.agreed_settlements, x.confirm_status,
		x.declared_on, x.declared_fund_fen, (x.declared_fund_fen / 100.0)::numeric(20,2),
		x.pay_due_on, x.paid_on, x.paid_fen, (x.paid_fen / 100.0)::numeric(20,2), x.pay_status,
		x.transfer_due_on, x.transferred_on, x.transferred_fund_fen, (x.transferred_fund_fen / 100.0)::numeric(20,2),
		x.transfer_status
	FROM (
		SELECT i.month, 'institution', i.institution_code, i.region_code, i.settlements, i.fund_fen, i.acct_pay_fen,
			i.confirm_due_on, i.confirmed_on, i.confirmed_fund_fen, i.agreed,
			xdjy.deadline_status(i.confirm_due_on, i.confirmed_on, as_of),
			dc.declared_on, dc.fund_fen, dc.pay_due_on, dc.paid_on, dc.paid_fen,
			CASE WHEN dc.declared_on IS NOT NULL THEN xdjy.deadline_status(dc.pay_due_on, dc.paid_on, as_of) END,
			NULL, NULL, NULL, NULL
		FROM confirmed i
		LEFT JOIN declared dc ON dc.month = i.month AND dc.institution_code = i.institution_code
		UNION ALL
		SELECT p.month, 'insured_region', p.insured_region, p.insured_region, p.settlements, p.fund_fen, p.acct_pay_fen,
			NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
			p.transfer_due_on, t.transferred_on, t.fund_fen,
			xdjy.deadline_status(p.transfer_due_on, t.transferred_on, as_of)
		FROM payer p
		LEFT JOIN xdjy.clearing_transfer t
			ON t.month = p.month AND t.region_code = p.insured_region AND t.transferred_on <= as_of
		UNION ALL
		SELECT q.month, 'treatment_region', q.treatment_region, q.treatment_region, q.settlements, q.fund_fen, q.acct_pay_fen,
			NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
		FROM payee q
	) x (month, party_kind, code, region_code, settlements, fund_fen, acct_pay_fen,
		confirm_due_on, confirmed_on, confirmed_fund_fen, agreed_settlements, confirm_status,
		declared_on, declared_fund_fen, pay_due_on, paid_on, paid_fen, pay_status,
		transfer_due_on, transferred_on, transferred_fund_fen, transfer_status)
	ORDER BY 1, 2, 3;
END;
COMMENT ON FUNCTION clearing_monthly_as_of(date) IS
	'monthly clearing (清算) as it stood on as_of: per institution (confirm by the 20th, pay within 30 working days of declaration), per insured region (transfer up before the next provincial clearing), per treatment region (鲁医保发〔2022〕26号 第四条(二)(三)); the fund''s amounts and the personal account payments beside them (第四条(二))';

CREATE VIEW clearing_monthly WITH (security_invoker = true) AS
SELECT * FROM xdjy.clearing_monthly_as_of(CURRENT_DATE);
COMMENT ON VIEW clearing_monthly IS
	'monthly clearing today; clearing_monthly_as_of(date) for another day';
GRANT SELECT ON clearing_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN clearing_monthly.month IS 'the month cleared (its first day; month of settled_on) / 清算月份（当月第一天）';
COMMENT ON COLUMN clearing_monthly.party_kind IS 'institution (receives), insured_region (pays) or treatment_region (receives); reporting_label gives the words / 清算方类型：定点医疗机构（收款）、参保地（付款）、就医地（收款）';
COMMENT ON COLUMN clearing_monthly.code IS 'the institution code (fixmedins_code) or the pooling region code / 定点医疗机构编号或统筹区代码';
COMMENT ON COLUMN clearing_monthly.region_code IS 'the pooling region: the institution''s, or the region itself / 所属统筹区';
COMMENT ON COLUMN clearing_monthly.settlements IS 'remote direct settlements of the month, reversals included / 当月异地直接结算笔数（含冲正）';
COMMENT ON COLUMN clearing_monthly.fund_fen IS 'fund part (统筹) of those settlements in fen, reversals netted / 基金支付金额（分，冲正已抵减）';
COMMENT ON COLUMN clearing_monthly.fund_yuan IS 'fund_fen in yuan (fund_fen / 100, exact) / 基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.acct_pay_fen IS 'personal account payments (acct_pay) of those settlements in fen, reversals netted, cleared monthly like the fund (鲁医保发〔2022〕26号 第四条(二)) / 个人账户支出金额（分，冲正已抵减）';
COMMENT ON COLUMN clearing_monthly.acct_pay_yuan IS 'acct_pay_fen in yuan (acct_pay_fen / 100, exact) / 个人账户支出金额（元）';
COMMENT ON COLUMN clearing_monthly.confirm_due_on IS 'institution rows: confirmation due, the 20th of the next month (鲁医保发〔2022〕26号 第四条(二)) / 对账确认截止日期：次月20日';
COMMENT ON COLUMN clearing_monthly.confirmed_on IS 'institution rows: the day the month was confirmed (a standing confirmation, or the last 3261 agreement of its rows) / 对账确认日期';
COMMENT ON COLUMN clearing_monthly.confirmed_fund_fen IS 'institution rows: fund amount of the standing confirmation in fen / 确认的基金支付金额（分）';
COMMENT ON COLUMN clearing_monthly.confirmed_fund_yuan IS 'confirmed_fund_fen in yuan (exact) / 确认的基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.agreed_settlements IS 'institution rows: settlements the institution agreed through 3261 (cnfm_flag 1) / 经3261确认一致的结算笔数';
COMMENT ON COLUMN clearing_monthly.confirm_status IS 'institution rows: done, open or overdue against confirm_due_on / 对账确认状态：已完成、未到期、已逾期';
COMMENT ON COLUMN clearing_monthly.declared_on IS 'institution rows: the day the institution declared the month''s costs (费用申报) / 费用申报日期';
COMMENT ON COLUMN clearing_monthly.declared_fund_fen IS 'institution rows: fund amount declared in fen / 申报的基金支付金额（分）';
COMMENT ON COLUMN clearing_monthly.declared_fund_yuan IS 'declared_fund_fen in yuan (exact) / 申报的基金支付金额（元）';
COMMENT ON COLUMN clearing_monthly.pay_due_on IS 'institution rows: payment due, the 30th working day after the declaration (鲁医保发〔2022〕26号 第四条(二)) / 拨付截止日期：申报后30个工作日';
COMMENT ON COLUMN clearing_monthly.paid_on IS 'institution rows: the day it was paid, if by as_of / 拨付日期';
COMMENT ON COLUMN clearing_monthly.paid_fen IS 'institution rows: amount paid in fen / 拨付金额（分）';
COMMENT ON COLUMN clearing_monthly.paid_yuan IS 'paid_fen in yuan (exact) / 拨付金额（元）';
COMMENT ON COLUMN clearing_monthly.pay_status IS 'institution rows: done, open or overdue against pay_due_on; NULL before a declaration / 拨付状态';
COMMENT ON COLUMN clearing_monthly.transfer_due_on IS 'insured_region rows: transfer up (上解) due, the day before the province''s next clearing starts (鲁医保发〔2022〕26号 第四条(三)); NULL without a provincial_clearing row / 上解截止日期：下次省级清算开始前一日';
COMMENT ON COLUMN clearing_monthly.transferred_on IS 'insured_region rows: the day the fund was transferred up / 上解日期';
COMMENT ON COLUMN clearing_monthly.transferred_fund_fen IS 'insured_region rows: amount transferred up in fen / 上解金额（分）';
COMMENT ON COLUMN clearing_monthly.transferred_fund_yuan IS 'transferred_fund_fen in yuan (exact) / 上解金额（元）';
COMMENT ON COLUMN clearing_monthly.transfer_status IS 'insured_region rows: done, open or overdue against transfer_due_on / 上解状态';

-- business dates lie in the window (business_dates_trigger, src/dates.c);
-- named to fire before the rule triggers, which compute from them
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON clearing_detail_confirmation
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('recorded_on');
