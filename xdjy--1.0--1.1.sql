/*
 * xdjy--1.0--1.1.sql: carries a 1.0 database to 1.1 with every row kept
 * (ALTER EXTENSION xdjy UPDATE).  test/t/070_upgrade.sh compares the result
 * with a fresh 1.1 install, object by object and row by row.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "ALTER EXTENSION xdjy UPDATE TO '1.1'" to load this file. \quit

-- CREATE OR REPLACE appears here only for functions 1.0 created, to give
-- them a new body, and for views 1.0 created, to append columns (an
-- install script never replaces).  PostgreSQL refuses
-- to replace, from an extension script, an object that is not already a
-- member of the extension, so an object planted under the same name by
-- another role cannot be taken over.

-- filing_at() and filing_exempt() only read, in the caller's snapshot
-- (declared VOLATILE in 1.0); a parallel worker may run them
ALTER FUNCTION filing_at(text, text, date) STABLE PARALLEL SAFE;
ALTER FUNCTION filing_exempt(text, text, date) STABLE PARALLEL SAFE;

-- pooling_region(): the one walk of the rules (src/region.c) over the
-- backend's reference cache, in place of a second walk in SQL; the same
-- results, the depth limit written once
CREATE OR REPLACE FUNCTION pooling_region(region_code text) RETURNS text
	AS 'MODULE_PATHNAME', 'pooling_region' LANGUAGE C STABLE STRICT PARALLEL SAFE;

-- The error catalogue comes from the registry compiled into the library
-- (src/error_registry.c), as in a fresh 1.1 install: the rows are brought
-- to exactly the registry's, which every error raised takes its primary
-- message from.
CREATE FUNCTION error_registry()
	RETURNS TABLE (code text, category text, message_en text, message_zh text,
		cause_en text, cause_zh text)
	AS 'MODULE_PATHNAME', 'xdjy_error_registry'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION error_registry() IS
	'the registry of xdjy''s SQLSTATEs (class YB) compiled into the library: error_code is filled from it, and every error raised takes its primary message from it';

DELETE FROM error_code e
WHERE NOT EXISTS (SELECT FROM error_registry() r WHERE r.code OPERATOR(pg_catalog.=) e.code::text);
UPDATE error_code e
SET category = r.category, message_en = r.message_en, message_zh = r.message_zh,
	cause_en = r.cause_en, cause_zh = r.cause_zh
FROM error_registry() r
WHERE r.code OPERATOR(pg_catalog.=) e.code::text
	AND (e.category, e.message_en, e.message_zh, e.cause_en, e.cause_zh)
		IS DISTINCT FROM (r.category, r.message_en, r.message_zh, r.cause_en, r.cause_zh);
INSERT INTO error_code (code, category, message_en, message_zh, cause_en, cause_zh)
SELECT r.code, r.category, r.message_en, r.message_zh, r.cause_en, r.cause_zh
FROM error_registry() r
WHERE NOT EXISTS (SELECT FROM error_code e WHERE e.code::text OPERATOR(pg_catalog.=) r.code);

-- the category reasons as the settlement engine lists them (src/settlement.h)
CREATE FUNCTION category_reasons() RETURNS SETOF text
	AS 'MODULE_PATHNAME', 'xdjy_category_reasons'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION category_reasons() IS
	'the values settlement.category_reason may take: why the settlement engine chose the benefit category';

-- operator_region: a grant names a role the server knows (src/reference.c);
-- rows written under 1.0 stay as they are
CREATE FUNCTION operator_region_rules_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION operator_region_rules_trigger() FROM PUBLIC;
COMMENT ON FUNCTION operator_region_rules_trigger() IS
	'operator_region rules: a grant names an existing role (YB003)';
CREATE TRIGGER operator_region_rules BEFORE INSERT OR UPDATE ON operator_region
	FOR EACH ROW EXECUTE FUNCTION operator_region_rules_trigger();

-- filing_history is written only by the filing trigger, with the owner's
-- rights: 1.0's insert policy trusted pg_trigger_depth(), which any
-- trigger of an operator's own satisfies
DROP POLICY filing_history_operator_insert ON filing_history;
REVOKE INSERT ON filing_history FROM xdjy_operator;

-- settlement_attempt feeds the success-rate KPI: it is written only by
-- try_settle(), now in C, with the table owner's rights; operators no
-- longer insert into it
CREATE OR REPLACE FUNCTION try_settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
DROP POLICY settlement_attempt_operator_insert ON settlement_attempt;
REVOKE INSERT ON settlement_attempt FROM xdjy_operator;

-- DROP EXTENSION xdjy no longer drops users' data unasked (src/drop_guard.c):
-- the event trigger, a member of the extension as in a fresh install
CREATE FUNCTION drop_guard_event_trigger() RETURNS event_trigger
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION drop_guard_event_trigger() FROM PUBLIC;
COMMENT ON FUNCTION drop_guard_event_trigger() IS
	'refuses a DROP EXTENSION or DROP SCHEMA ... CASCADE that would drop xdjy while its tables hold rows users entered (YB002), unless xdjy.allow_drop_with_data is on';

CREATE EVENT TRIGGER xdjy_drop_guard ON ddl_command_start
	WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
	EXECUTE FUNCTION drop_guard_event_trigger();
COMMENT ON EVENT TRIGGER xdjy_drop_guard IS
	'DROP EXTENSION xdjy (and DROP SCHEMA xdjy CASCADE) fails with YB002 while xdjy holds data users entered';

-- a row that has priced a settlement may only be closed; a row
-- overlapping another of its key is refused with that row
-- (src/policy_frozen.c)
CREATE FUNCTION policy_frozen_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION policy_frozen_trigger() FROM PUBLIC;
COMMENT ON FUNCTION policy_frozen_trigger() IS
	'rejects changing (other than closing) or deleting a policy, ratio adjustment or first self-pay ceiling row that has priced settlements, and a row overlapping another of its key';
CREATE TRIGGER policy_frozen BEFORE INSERT OR UPDATE OR DELETE ON policy
	FOR EACH ROW EXECUTE FUNCTION policy_frozen_trigger();
CREATE TRIGGER ratio_adjustment_frozen BEFORE INSERT OR UPDATE OR DELETE ON ratio_adjustment
	FOR EACH ROW EXECUTE FUNCTION policy_frozen_trigger();
CREATE TRIGGER first_selfpay_ceiling_frozen BEFORE INSERT OR UPDATE OR DELETE ON first_selfpay_ceiling
	FOR EACH ROW EXECUTE FUNCTION policy_frozen_trigger();

-- an operator's write outside its regions: a coded error (YB005) before
-- any rule looks at the row (src/row_access.c)
CREATE FUNCTION region_access_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION region_access_trigger() FROM PUBLIC;
COMMENT ON FUNCTION region_access_trigger() IS
	'refuses with YB005 a row the acting role''s row-level security policies would reject, naming its granted regions; first of a table''s BEFORE triggers';
CREATE TRIGGER filing_access BEFORE INSERT OR UPDATE ON filing
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('person_id');
CREATE TRIGGER institution_choice_access BEFORE INSERT OR UPDATE ON institution_choice
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('filing_id');
CREATE TRIGGER encounter_access BEFORE INSERT OR UPDATE ON encounter
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('institution_code', 'person_id');
CREATE TRIGGER referral_access BEFORE INSERT OR UPDATE ON referral
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('person_id');
CREATE TRIGGER manual_claim_access BEFORE INSERT OR UPDATE ON manual_claim
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('encounter_id');
CREATE TRIGGER party_report_access BEFORE INSERT OR UPDATE ON party_report
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('settlement_id');
CREATE TRIGGER detail_upload_access BEFORE INSERT OR UPDATE ON detail_upload
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('settlement_id');
CREATE TRIGGER clearing_confirmation_access BEFORE INSERT OR UPDATE ON clearing_confirmation
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('institution_code');
CREATE TRIGGER clearing_declaration_access BEFORE INSERT OR UPDATE ON clearing_declaration
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('institution_code');
CREATE TRIGGER clearing_transfer_access BEFORE INSERT OR UPDATE ON clearing_transfer
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('region_code');
CREATE TRIGGER stmt_detail_upload_access BEFORE INSERT OR UPDATE ON stmt_detail_upload
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('loaded_by');
CREATE TRIGGER clearing_detail_confirmation_access BEFORE INSERT OR UPDATE ON clearing_detail_confirmation
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('setl_sn');

-- settlement: a stay settles at discharge, or explicitly mid-stay
-- (中途结算); settle() and try_settle() take the mark as their last
-- argument (src/settlement_trigger.c)
ALTER TABLE settlement ADD COLUMN mid_stay boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN settlement.mid_stay IS
	'xdjy only: 中途结算, part of an inpatient stay still in hospital on the settlement date; false: a discharge settlement (出院结算), which needs the discharge date (YB320, YB321)';
DROP FUNCTION settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text);
DROP FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text);
CREATE FUNCTION settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false)
	RETURNS settlement
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO xdjy.settlement (encounter_id, total_fen, out_of_scope_fen, invoice_no,
		settled_on, mode, own_reason, referral_id, diagnosis, mid_stay)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
	RETURNING *
$$;
COMMENT ON FUNCTION settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean) IS
	'settle an encounter (a stay at discharge, or part of it with mid_stay): the engine decides the category and the amounts, or rejects with a YB code';

CREATE FUNCTION try_settle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean) IS
	'settle(), but a rejection is recorded in settlement_attempt with its SQLSTATE (R4) and NULL returned';


-- manual claims: submit_manual_claim() with the materials of 吉医保发〔2019〕34号
-- 附件第15条; decide_manual_claim() raises a refusal like every other
-- function (the library's decide_manual_claim no longer records it);
-- try_decide_manual_claim() records it, as 1.0's decide_manual_claim did
COMMENT ON FUNCTION decide_manual_claim(bigint, date) IS
	'decide a manual claim: pay it through a manual settlement at the insured place''s standard, or raise the code of the rule that refuses it (the claim stays open)';

CREATE FUNCTION try_decide_manual_claim(claim_id bigint, decided_on date DEFAULT CURRENT_DATE)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION try_decide_manual_claim(bigint, date) IS
	'decide_manual_claim(), but a refusal closes the claim as rejected with the rule''s SQLSTATE and message, and NULL is returned';

CREATE FUNCTION submit_manual_claim(encounter_id bigint, invoice_no text, total_fen bigint,
		out_of_scope_fen bigint DEFAULT 0, submitted_on date DEFAULT CURRENT_DATE,
		medical_record boolean DEFAULT false, expense_list boolean DEFAULT false,
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL)
	RETURNS manual_claim
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	-- 吉医保发〔2019〕34号 附件第15条: the materials are the invoice (its
	-- number and amounts), the medical record and the expense list, and
	-- nothing more; with all three the materials are complete on the day
	-- of submission, otherwise materials_complete_on is recorded later
	AS $$
	INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, out_of_scope_fen,
		submitted_on, materials_complete_on, own_reason, referral_id, diagnosis)
	VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 AND $7 THEN $5 END, $8, $9, $10)
	RETURNING *
$$;
COMMENT ON FUNCTION submit_manual_claim(bigint, text, bigint, bigint, date, boolean, boolean, boolean, bigint, text) IS
	'submit a manual claim (手工报销) with the invoice, and whether the medical record and the expense list are in: nothing more may be asked (吉医保发〔2019〕34号 附件第15条); with all three, due in 22 working days';

-- settlement: a cross-province long-term resident claiming by hand from an
-- unchosen non-direct-settlement institution of the residence city is
-- paid at the unfiled standard (吉医保发〔2019〕34号 附件第7条): a new
-- category reason (src/settlement.h)
ALTER TABLE settlement DROP CONSTRAINT settlement_category_reason;
ALTER TABLE settlement ADD CONSTRAINT settlement_category_reason CHECK (category_reason IN ('local', 'local_with_proof',
		'local_home_kept', 'home_without_proof', 'long_term_filing', 'temporary_filing',
		'filed_before_discharge', 'filed_after_discharge', 'closed_mid_stay', 'filing_exempt',
		'referral', 'emergency', 'unchosen_institution', 'unfiled'));
COMMENT ON COLUMN settlement.category_reason IS
	'why the category: local, local_with_proof, local_home_kept, home_without_proof, long_term_filing, temporary_filing, filed_before_discharge, filed_after_discharge, closed_mid_stay, filing_exempt, referral, emergency, unchosen_institution, unfiled';

-- kpi_monthly: which province a row counts by (province_basis), and the
-- rates in percent beside the basis points; columns appended, so CREATE
-- OR REPLACE keeps the view, its grants and its dependants
CREATE OR REPLACE VIEW kpi_monthly WITH (security_invoker = true) AS
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
		sum(n.success)::bigint AS numerator, count(*) AS denominator, 'treatment' AS basis
	FROM network n
	GROUP BY n.month, n.province
	UNION ALL
	SELECT xdjy.month_of(s.settled_on), xdjy.province_of(s.insured_region), 'cross_province_inpatient_direct',
		count(*) FILTER (WHERE s.mode = 'direct'), count(*), 'insured'
	FROM xdjy.settlement s
	JOIN xdjy.encounter e ON e.id = s.encounter_id
	WHERE s.scope = 'cross_province' AND e.visit_type = 'inpatient' AND s.reverses IS NULL
	GROUP BY 1, 2
)
SELECT c.month, c.province, r.name_zh AS province_name_zh, r.name_en AS province_name_en,
	c.kpi, c.numerator, c.denominator,
	xdjy.rate_bp(c.numerator, c.denominator) AS rate_bp,
	xdjy.kpi_target_bp(c.kpi) AS target_bp,
	xdjy.rate_meets(c.numerator, c.denominator, xdjy.kpi_target_bp(c.kpi)) AS met,
	c.basis AS province_basis,
	xdjy.rate_bp(c.numerator, c.denominator) / 100.0 AS rate_percent,
	xdjy.kpi_target_bp(c.kpi) / 100.0 AS target_percent
FROM counts c
LEFT JOIN xdjy.region r ON r.code = c.province;
COMMENT ON VIEW kpi_monthly IS
	'R4 monthly indicators per province (004 §一): network_success (target 98%) by treatment province, cross_province_inpatient_direct (target 80%) by insured province';
COMMENT ON COLUMN kpi_monthly.month IS 'month (its first day) / 月份（当月第一天）';
COMMENT ON COLUMN kpi_monthly.province IS
	'province code: the treatment province for network_success, the insured province for cross_province_inpatient_direct (see province_basis) / 省份代码：联网结算成功率按就医省份，住院费用跨省直接结算率按参保省份（见 province_basis）';
COMMENT ON COLUMN kpi_monthly.province_name_zh IS 'province name in Chinese / 省份名称（中文）';
COMMENT ON COLUMN kpi_monthly.province_name_en IS 'province name in English / 省份名称（英文）';
COMMENT ON COLUMN kpi_monthly.kpi IS
	'indicator: network_success or cross_province_inpatient_direct (reporting_label gives its name) / 指标：network_success 异地就医联网结算成功率，cross_province_inpatient_direct 住院费用跨省直接结算率';
COMMENT ON COLUMN kpi_monthly.numerator IS
	'successful direct settlements, or cross-province inpatient settlements made directly / 分子：联网结算成功笔数，或跨省住院直接结算笔数';
COMMENT ON COLUMN kpi_monthly.denominator IS
	'direct settlements plus recorded failed attempts, or all cross-province inpatient settlements (manual included) / 分母：联网结算笔数加失败尝试笔数，或全部跨省住院结算笔数（含手工报销）';
COMMENT ON COLUMN kpi_monthly.rate_bp IS 'numerator / denominator in basis points, rounded half up (9800 = 98%) / 比率（基点，四舍五入，9800 即 98%）';
COMMENT ON COLUMN kpi_monthly.target_bp IS 'the target in basis points: 9800 or 8000 (鲁医保发〔2022〕26号 第一条) / 目标（基点）';
COMMENT ON COLUMN kpi_monthly.met IS 'the exact rate reaches the target / 是否达标（按精确比率比较）';
COMMENT ON COLUMN kpi_monthly.province_basis IS
	'which province the row counts by: treatment or insured / province 的口径：treatment 就医省份，insured 参保省份';
COMMENT ON COLUMN kpi_monthly.rate_percent IS 'rate_bp in percent (98.00) / 比率（百分数）';
COMMENT ON COLUMN kpi_monthly.target_percent IS 'target_bp in percent (98.00) / 目标（百分数）';

-- the analyst views: every column has an English / Chinese comment
COMMENT ON COLUMN reconciliation_monthly.month IS 'month of settled_on (its first day) / 结算月份（当月第一天）';
COMMENT ON COLUMN reconciliation_monthly.settlements IS 'remote direct settlements of the month / 当月异地直接结算笔数';
COMMENT ON COLUMN reconciliation_monthly.matched IS 'settlements all three parties reported with the same amounts / 三方金额一致的结算笔数';
COMMENT ON COLUMN reconciliation_monthly.mismatched IS 'settlements missing at a party or with a differing amount / 缺报或金额不符的结算笔数';
COMMENT ON COLUMN reconciliation_monthly.unknown_settlements IS 'settlement ids a party reported that xdjy does not know / 对方报送而本系统无此结算的笔数';
COMMENT ON COLUMN reconciliation_monthly.reconciled_on IS 'the day every settlement of the month matched, if it has / 当月全部相符的日期';
COMMENT ON COLUMN reconciliation_monthly.due_on IS 'due: the 3rd of the next month (鲁医保发〔2022〕26号 第四条(一)) / 对账截止日期：次月3日';
COMMENT ON COLUMN reconciliation_monthly.status IS 'open, done or overdue (reporting_label gives the words) / 状态：未到期、已完成、逾期';
COMMENT ON COLUMN reconciliation_monthly.late IS 'reconciled after due_on, or not yet and past it / 是否逾期';
COMMENT ON COLUMN detail_upload_overdue.settlement_id IS 'the inpatient direct settlement (setl_id) / 住院直接结算ID';
COMMENT ON COLUMN detail_upload_overdue.settled_on IS 'its settlement date / 结算日期';
COMMENT ON COLUMN detail_upload_overdue.institution_code IS 'the institution that uploads (fixmedins_code) / 上传明细的定点医疗机构';
COMMENT ON COLUMN detail_upload_overdue.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN detail_upload_overdue.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN detail_upload_overdue.due_on IS 'due: settled_on + 3 calendar days (鲁医保发〔2022〕26号 第三条(四)) / 上传截止日期：结算后3日（自然日）';
COMMENT ON COLUMN detail_upload_overdue.uploaded_on IS 'the day the details were uploaded, if they were / 明细上传日期';
COMMENT ON COLUMN detail_upload_overdue.status IS 'done (uploaded late) or overdue (not yet) / 状态：逾期已传或逾期未传';
COMMENT ON COLUMN detail_upload_overdue.days_late IS 'days past due_on, to the upload or to today / 逾期天数';
COMMENT ON COLUMN coverage_gap.gap IS 'township_inpatient or county_chronic: which requirement is not met / 缺口类型：乡镇住院或县级门诊慢特病';
COMMENT ON COLUMN coverage_gap.region_code IS 'the township or county-level division / 乡镇（街道）或县级行政区代码';
COMMENT ON COLUMN coverage_gap.name_zh IS 'its name in Chinese / 名称（中文）';
COMMENT ON COLUMN coverage_gap.name_en IS 'its name in English / 名称（英文）';
COMMENT ON COLUMN coverage_gap.parent_code IS 'the division it belongs to / 上级区划代码';
COMMENT ON COLUMN coverage_gap.province IS 'its province / 所属省份代码';
COMMENT ON COLUMN coverage_gap.networked IS 'networked institutions it has / 现有联网定点医疗机构数';
COMMENT ON COLUMN coverage_gap.required IS 'how many are required (鲁医保发〔2020〕68号 二(一)(二)) / 要求数量';
COMMENT ON COLUMN coverage_gap.gap_en IS 'the gap in English / 缺口说明（英文）';
COMMENT ON COLUMN coverage_gap.gap_zh IS 'the gap in Chinese / 缺口说明（中文）';
COMMENT ON COLUMN manual_claim_due.claim_id IS 'the manual claim / 手工报销申请ID';
COMMENT ON COLUMN manual_claim_due.encounter_id IS 'its stay or visit (mdtrt_id) / 就诊ID';
COMMENT ON COLUMN manual_claim_due.person_id IS 'the insured person (psn_no) / 人员编号';
COMMENT ON COLUMN manual_claim_due.insured_region IS 'insured pooling region, which reimburses / 参保地统筹区（经办报销）';
COMMENT ON COLUMN manual_claim_due.institution_code IS 'the institution of the invoice / 开具票据的定点医疗机构';
COMMENT ON COLUMN manual_claim_due.submitted_on IS 'submitted on / 申请日期';
COMMENT ON COLUMN manual_claim_due.materials_complete_on IS 'invoice, medical record and expense list all in on (吉医保发〔2019〕34号 附件第15条) / 材料收齐日期';
COMMENT ON COLUMN manual_claim_due.due_on IS 'due: 22 working days after the materials are complete / 办结时限：材料收齐后22个工作日';
COMMENT ON COLUMN manual_claim_due.status IS 'awaiting_materials, open or overdue / 状态：待补材料、办理中、逾期';
COMMENT ON COLUMN manual_claim_due.overdue IS 'past due_on and not decided / 是否逾期未办结';
COMMENT ON COLUMN remote_direct_settlement.id IS 'the settlement (setl_id) / 结算ID';
COMMENT ON COLUMN remote_direct_settlement.encounter_id IS 'its stay or visit (mdtrt_id) / 就诊ID';
COMMENT ON COLUMN remote_direct_settlement.settled_on IS 'settlement date / 结算日期';
COMMENT ON COLUMN remote_direct_settlement.scope IS 'intra_province or cross_province / 省内异地或跨省异地';
COMMENT ON COLUMN remote_direct_settlement.reverses IS 'the settlement this row reverses (冲正), if any / 被冲正的结算ID';
COMMENT ON COLUMN remote_direct_settlement.institution_code IS 'the institution (fixmedins_code) / 定点医药机构编号';
COMMENT ON COLUMN remote_direct_settlement.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN remote_direct_settlement.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN remote_direct_settlement.total_fen IS 'total in fen / 医疗费总额（分）';
COMMENT ON COLUMN remote_direct_settlement.fund_fen IS 'fund payment in fen / 基金支付（分）';
COMMENT ON COLUMN remote_direct_settlement.personal_fen IS 'personal payment in fen / 个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.day IS 'settlement day (of the report, for an unknown settlement) / 结算日期（未知结算为报送日期）';
COMMENT ON COLUMN reconciliation_mismatch.settlement_id IS 'the settlement (setl_id) / 结算ID';
COMMENT ON COLUMN reconciliation_mismatch.kind IS 'missing_at_insured, missing_at_treatment, missing_at_national, amount_differs or unknown_settlement / 问题类型：参保地缺报、就医地缺报、国家平台缺报、金额不符、未知结算';
COMMENT ON COLUMN reconciliation_mismatch.institution_code IS 'the institution (fixmedins_code) / 定点医药机构编号';
COMMENT ON COLUMN reconciliation_mismatch.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN reconciliation_mismatch.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN reconciliation_mismatch.total_fen IS 'xdjy''s total in fen / 本系统医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.fund_fen IS 'xdjy''s fund payment in fen / 本系统基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.personal_fen IS 'xdjy''s personal payment in fen / 本系统个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_total_fen IS 'total in fen, the insured party''s latest report / 参保地最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_fund_fen IS 'fund payment in fen, the insured party''s latest report / 参保地最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_personal_fen IS 'personal payment in fen, the insured party''s latest report / 参保地最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_reports IS 'reports the insured party sent for it / 参保地报送次数';
COMMENT ON COLUMN reconciliation_mismatch.treatment_total_fen IS 'total in fen, the treatment party''s latest report / 就医地最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_fund_fen IS 'fund payment in fen, the treatment party''s latest report / 就医地最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_personal_fen IS 'personal payment in fen, the treatment party''s latest report / 就医地最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_reports IS 'reports the treatment party sent for it / 就医地报送次数';
COMMENT ON COLUMN reconciliation_mismatch.national_total_fen IS 'total in fen, the national party''s latest report / 国家平台最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_fund_fen IS 'fund payment in fen, the national party''s latest report / 国家平台最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_personal_fen IS 'personal payment in fen, the national party''s latest report / 国家平台最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_reports IS 'reports the national party sent for it / 国家平台报送次数';
