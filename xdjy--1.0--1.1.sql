/*
 * xdjy--1.0--1.1.sql: carries a 1.0 database to 1.1 with every row kept
 * (ALTER EXTENSION xdjy UPDATE).  test/t/070_upgrade.sh compares the result
 * with a fresh 1.1 install, object by object and row by row.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "ALTER EXTENSION xdjy UPDATE TO '1.1'" to load this file. \quit

-- CREATE OR REPLACE appears here only for functions 1.0 created, to give
-- them a new body (an install script never replaces).  PostgreSQL refuses
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

-- Policy documents: the documents xdjy implements, cited by number
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

-- Citations by document number: the comments of objects that 1.0 made
-- cite the policy documents by their official numbers, as a fresh install does
COMMENT ON TYPE residence_category IS
	'who a filing is for: long_term_resident (异地长期居住人员) or temporary_outside (临时外出就医人员); accepts the legacy group names of 鲁医保发〔2021〕46号 第一条';
COMMENT ON FUNCTION filing_status_can_transition(filing_status, filing_status) IS
	'true only for a move out of active (济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一))';
COMMENT ON TABLE error_code IS
	'catalogue of xdjy''s own SQLSTATEs (class YB), classified, with cause in English and Chinese (鲁医保发〔2022〕26号 第五条(三))';
COMMENT ON COLUMN institution.specialty IS 'specialty hospital (专科医院), 吉医保发〔2019〕34号 附件第7条';
COMMENT ON COLUMN institution.ownership IS 'public (公立) or private (社会办); one policy for both (吉医保发〔2019〕34号 附件第6条)';
COMMENT ON TABLE channel IS 'filing channels (备案渠道), 鲁医保发〔2021〕46号 第二条(二) and 济宁市医保局 异地就医十项便民措施 第一–二条';
COMMENT ON TABLE operator_region IS
	'the regions an xdjy_operator member works for: row-level security lets it read and write only their rows';
COMMENT ON FUNCTION person_rules_trigger() IS
	'person rules: insured_region is a pooling region and no active filing''s destination (鲁医保发〔2021〕46号 第三条(四))';
COMMENT ON FUNCTION institution_rules_trigger() IS
	'institution rules: its region lies under a pooling region';
COMMENT ON TABLE holiday IS
	'working-day calendar: a row overrides the Monday-to-Friday rule for its day (法定节假日 or 调休上班); builtin rows are the State Council notices 2022-2026';
COMMENT ON FUNCTION is_working_day(date) IS
	'whether a day is a working day (工作日): its holiday row decides, else Monday to Friday';
COMMENT ON FUNCTION add_working_days(date, integer) IS
	'the n-th working day after day (n > 0) or before it (n < 0), day itself not counted; n = 0 returns day unchanged';
COMMENT ON TABLE filing IS 'filings for treatment away from the insured place (异地就医备案)';
COMMENT ON COLUMN filing.destination_region IS
	'mdtrtarea_admvs 就医地医保区划 (mdtrtarea_admdvs in some versions) — the pooling region filed for (备案地), never an institution (鲁医保发〔2021〕46号 第三条(四)); never the insured region';
COMMENT ON COLUMN filing.start_date IS
	'begndate 开始日期 — first day the filing applies; long-term: at most 5 days before applied_on (济宁市医保局 异地就医十项便民措施 第四条(二)); any filing: at most one year after applied_on';
COMMENT ON COLUMN filing.pledge IS
	'xdjy only: 个人承诺 — residence pledge (承诺) of 6 months or more; required for long-term filings (鲁医保发〔2021〕46号 第二条(一))';
COMMENT ON COLUMN filing.proof IS
	'xdjy only: 证明材料 — optional proof of living there (户籍证明/居住证/单位工作证明); may be added while active; matters for benefits at the insured place (鲁医保发〔2022〕26号 第二条(三))';
COMMENT ON COLUMN filing.replaced_by IS
	'xdjy only: 变更后的备案 — for a changed filing: the filing that continues it from closed_on';
COMMENT ON TABLE filing_exemption IS
	'from when a province exempts intra-province (省内跨市) temporary treatment of its insured from filing (鲁医保发〔2021〕46号 第二条(三))';
COMMENT ON FUNCTION filing_exempt(text, text, date) IS
	'true when treatment there needs no filing on that date (intra-province and the insured province''s exemption covers the date, 鲁医保发〔2021〕46号 第二条(三))';
COMMENT ON FUNCTION filing_rules_trigger() IS
	'filing rules on every INSERT and UPDATE; filings are never deleted';
COMMENT ON FUNCTION filing_replacement_trigger() IS
	'a changed filing is continued by the same person''s filing from the change date (checked at commit)';
COMMENT ON FUNCTION file_long_term(text, text, date, date, text, text) IS
	'files a long-term residence (异地长期居住) by pledge; returns the filing id (start at most 5 days back)';
COMMENT ON FUNCTION file_temporary(text, text, date, date, text) IS
	'files temporary treatment outside (临时外出就医); start date unrestricted backwards (鲁医保发〔2022〕26号 第二条(二)); returns the filing id';
COMMENT ON FUNCTION change_filing(bigint, text, date) IS
	'变更备案: closes the filing (changed) and opens one to new_destination from on_date; returns the new id';
COMMENT ON FUNCTION cancel_filing(bigint, date) IS
	'取消备案: closes the filing (cancelled) from on_date; after expenses there, not before start + 6 months (change window)';
COMMENT ON FUNCTION terminate_filing(bigint, date) IS
	'因故终止备案: closes the filing (terminated) from on_date; not limited by the 6-month window (鲁医保发〔2022〕26号 第二条(一))';
COMMENT ON TABLE institution_choice_rule IS
	'insured provinces and schemes whose cross-province long-term residents choose four non-direct institutions (吉医保发〔2019〕34号 附件第7条)';
COMMENT ON TABLE institution_choice IS
	'the non-direct institutions a long-term resident chose in the residence city, one per slot, one special-disease (吉医保发〔2019〕34号 附件第7条)';
COMMENT ON FUNCTION institution_choice_rules_trigger() IS 'chosen institutions rules (吉医保发〔2019〕34号 附件第7条), src/institution_choice.c';
COMMENT ON FUNCTION choose_institution(bigint, text, boolean, date) IS
	'chooses a non-direct institution of the residence city under a long-term filing (吉医保发〔2019〕34号 附件第7条); returns the choice id';
COMMENT ON FUNCTION is_chosen_institution(text, text, date) IS
	'did the person choose this institution under a long-term filing that applies on that date (吉医保发〔2019〕34号 附件第7条)';
COMMENT ON FUNCTION stay_span(date, date) IS
	'the days a stay occupies, [admission, discharge); (吉医保发〔2019〕34号 附件第8条)';
COMMENT ON TABLE encounter IS 'a stay or a visit at an institution (就诊)';
COMMENT ON COLUMN encounter.trauma_pledge IS 'xdjy only: 外伤无第三方责任承诺书 (鲁医保发〔2022〕26号 第二条(四))';
COMMENT ON COLUMN encounter.attached_to IS
	'xdjy only: 住院期间外院检查治疗或定点药店购药单 (济宁市医保局 异地就医十项便民措施 第五条(三)) — the inpatient stay of the same person, covering this service date, that an outside test or pharmacy purchase belongs to (济宁市医保局 异地就医十项便民措施 第五条(三))';
COMMENT ON FUNCTION encounter_stay_overlap_trigger() IS
	'吉医保发〔2019〕34号 附件第8条: two stays of one person never overlap';
COMMENT ON TABLE policy IS
	'benefit parameters (待遇标准) as dated data: the row valid on the service date prices a settlement';
COMMENT ON COLUMN policy.quota_group IS 'the ledger the row draws on; rows naming one group share one deductible and one annual cap per person and year, e.g. local and remote outpatient (鲁医保发〔2021〕46号 第三条(三))';
COMMENT ON TABLE first_selfpay_ceiling IS
	'per-province dated ceiling of the temporary-outside first self-pay ratio (首先自付比例上限), 鲁医保发〔2021〕46号 第三条(二)';
COMMENT ON TABLE ratio_adjustment IS
	'dated fund-ratio rules of an insured province that replace (set) or lower (delta) the policy ratio; they add up (吉医保发〔2019〕34号 附件第5条)';
COMMENT ON COLUMN ratio_adjustment.own_reason_only IS 'applies only to a settlement not made directly for the person''s own reason (吉医保发〔2019〕34号 附件第4条)';
COMMENT ON TABLE home_benefit_kept IS
	'provinces where a long-term filer keeps local benefits at the insured place without proof of residence (吉医保发〔2019〕34号 附件第8条); elsewhere 鲁医保发〔2022〕26号 第二条(三)';
COMMENT ON FUNCTION policy_ceiling_trigger() IS
	'rejects a temporary-outside policy row above its province''s first self-pay ceiling (鲁医保发〔2021〕46号 第三条(二))';
COMMENT ON FUNCTION first_selfpay_ceiling_trigger() IS
	'rejects a first self-pay ceiling below an existing policy row of its province (鲁医保发〔2021〕46号 第三条(二))';
COMMENT ON TABLE referral IS 'referrals (转诊转院), 吉医保发〔2019〕34号 附件第10–12条';
COMMENT ON COLUMN referral.diagnosis IS 'the diagnosis the referral is for (e.g. an ICD-10 code); treatment under it must match (吉医保发〔2019〕34号 附件第12条)';
COMMENT ON COLUMN settlement.own_reason IS
	'input: not settled directly for the person''s own reason (吉医保发〔2019〕34号 附件第4条), manual only';
COMMENT ON COLUMN settlement.referral_id IS 'input: the referral the treatment is under';
COMMENT ON COLUMN settlement.diagnosis IS
	'input: main diagnosis, checked against the referral (吉医保发〔2019〕34号 附件第12条)';
COMMENT ON COLUMN settlement.invoice_seq IS
	'how many earlier (reversed) settlements the invoice had (an invoice is reimbursed once)';
COMMENT ON CONSTRAINT settlement_invoice_no_form ON settlement IS
	'invoice number (鲁医保发〔2021〕46号 第四条): 1 to 100 characters, no control characters, no surrounding whitespace';
COMMENT ON TABLE ledger IS
	'per person, year and quota group: deductible met and fund paid so far (鲁医保发〔2021〕46号 第三条(三)); kept by the settlement engine';
COMMENT ON TABLE settlement_attempt IS 'failed settlement attempts with their SQLSTATE (network settlement success rate)';
COMMENT ON FUNCTION settlement_insert_trigger() IS
	'the settlement engine: category, amounts, ledgers and checks (trauma, outside tests, overlapping stays, invoice once, referral) on insert; reversals';
COMMENT ON FUNCTION settlement_amounts(bigint, bigint, integer, bigint, bigint, integer, bigint, bigint) IS
	'the amounts in fen, rounded half up, as the settlement engine computes them';
COMMENT ON FUNCTION try_settle(bigint, bigint, bigint, text, date, text, boolean, bigint, text) IS
	'settle(), but a rejection is recorded in settlement_attempt with its SQLSTATE (for the settlement rates) and NULL returned';
COMMENT ON FUNCTION explain_settlement(bigint, text) IS
	'every step of a settlement (category and why, policy, ratio rules, amounts, ledgers before and after) with its rule and document article, in en or zh (default xdjy.language)';
COMMENT ON TABLE manual_claim IS 'manual reimbursement claims (手工报销), 吉医保发〔2019〕34号 附件第15–16条';
COMMENT ON COLUMN manual_claim.own_reason IS 'not settled directly for the person''s own reason (吉医保发〔2019〕34号 附件第4条: −10 points in Jilin)';
COMMENT ON COLUMN manual_claim.due_on IS 'computed: 22 working days after materials_complete_on (吉医保发〔2019〕34号 附件第15条)';
COMMENT ON CONSTRAINT manual_claim_invoice_no_form ON manual_claim IS
	'invoice number (鲁医保发〔2021〕46号 第四条): 1 to 100 characters, no control characters, no surrounding whitespace';
COMMENT ON FUNCTION manual_claim_trigger() IS
	'claim deadline (吉医保发〔2019〕34号 附件第16条), due date (吉医保发〔2019〕34号 附件第15条), invoice once (鲁医保发〔2021〕46号 第四条), submitted fields fixed, decisions final';
COMMENT ON FUNCTION reconciliation_kinds(bigint[], bigint[], bigint[], bigint[]) IS
	'three-party reconciliation of one settlement (鲁医保发〔2022〕26号 第四条(一)): each argument ARRAY[total_fen, fund_fen, personal_fen] or NULL; returns missing_at_<party>, amount_differs, unknown_settlement (expected NULL), or {} when matched';
COMMENT ON FUNCTION reconciliation_due_on(date) IS
	'the 3rd of the next month: a month''s settlements are reconciled by then (鲁医保发〔2022〕26号 第四条(一))';
COMMENT ON FUNCTION detail_upload_due_on(date) IS
	'settled_on + 3 calendar days: inpatient expense details are uploaded by then (鲁医保发〔2022〕26号 第三条(四) 3日内)';
COMMENT ON FUNCTION clearing_confirm_due_on(date) IS
	'the 20th of the next month: a month''s clearing is confirmed with the institutions by then (鲁医保发〔2022〕26号 第四条(二))';
COMMENT ON FUNCTION clearing_pay_due_on(date) IS
	'the 30th working day after a declaration: paid by then (鲁医保发〔2022〕26号 第四条(二) 30个工作日内)';
COMMENT ON FUNCTION clearing_transfer_due_on(date) IS
	'the day before the next provincial clearing starts: funds are transferred up (上解) by then (鲁医保发〔2022〕26号 第四条(三))';
COMMENT ON FUNCTION kpi_target_bp(text) IS
	'鲁医保发〔2022〕26号 第一条 targets: network_success 9800 (98%, by the end of 2023), cross_province_inpatient_direct 8000 (80%, by the end of 2025)';
COMMENT ON FUNCTION coverage_minimum(text) IS
	'鲁医保发〔2020〕68号 二: township_inpatient 1 networked inpatient institution per township, county_chronic 2 networked chronic-outpatient hospitals per county';
COMMENT ON FUNCTION province_of(text) IS 'the province of a division code: its first two digits and 0000';
COMMENT ON TABLE party_report IS
	'three-party reconciliation (三方对账, 鲁医保发〔2022〕26号 第四条(一)): a settlement as reported by the insured place, the treatment place or the platform';
COMMENT ON TABLE detail_upload IS
	'expense details of an inpatient direct settlement uploaded to the national and provincial platforms (鲁医保发〔2022〕26号 第三条(四): within 3 days)';
COMMENT ON TABLE clearing_confirmation IS
	'monthly clearing confirmed with an institution (对账确认, 鲁医保发〔2022〕26号 第四条(二): by the 20th of the next month; interface 3261 confirm, 3262 roll back)';
COMMENT ON TABLE clearing_declaration IS
	'an institution''s declaration of a month''s remote-treatment costs (费用申报) and its payment (鲁医保发〔2022〕26号 第四条(二): within 30 working days)';
COMMENT ON TABLE provincial_clearing IS
	'when a province''s clearing of a month''s remote-treatment costs starts (省级清算); the transfer up of the month before is due before it (鲁医保发〔2022〕26号 第四条(三))';
COMMENT ON TABLE clearing_transfer IS
	'a pooling region''s transfer up (上解) of the month''s remote-treatment costs of its insured (鲁医保发〔2022〕26号 第四条(三))';
COMMENT ON VIEW reconciliation_mismatch IS
	'three-party reconciliation daily three-party reconciliation (鲁医保发〔2022〕26号 第四条(一)): every remote direct settlement missing at a party or whose amounts differ, and every settlement a party reported that xdjy does not know; latest report per party, report counts show a settlement reported twice';
COMMENT ON FUNCTION reconciliation_monthly_as_of(date) IS
	'three-party reconciliation monthly three-party reconciliation as it stood on as_of (鲁医保发〔2022〕26号 第四条(一): by the 3rd of the next month)';
COMMENT ON VIEW reconciliation_monthly IS
	'monthly three-party reconciliation today; reconciliation_monthly_as_of(date) for another day';
COMMENT ON FUNCTION detail_upload_overdue_as_of(date) IS
	'detail upload inpatient expense details not uploaded within 3 days of direct settlement (鲁医保发〔2022〕26号 第三条(四)), as it stood on as_of';
COMMENT ON VIEW detail_upload_overdue IS
	'detail upload inpatient expense details not uploaded within 3 days (鲁医保发〔2022〕26号 第三条(四)), today';
COMMENT ON VIEW kpi_monthly IS
	'settlement rates monthly indicators per province (鲁医保发〔2022〕26号 第一条): network_success (target 98%) by treatment province, cross_province_inpatient_direct (target 80%) by insured province';
COMMENT ON VIEW coverage_gap IS
	'coverage coverage gaps (鲁医保发〔2020〕68号 二(一)(二)): townships without a networked inpatient institution, counties with fewer than two networked chronic-outpatient hospitals';
COMMENT ON FUNCTION manual_claim_due_as_of(date) IS
	'manual claims manual claims open on as_of with their due day (22 working days after complete materials, 吉医保发〔2019〕34号 附件第15条) and an overdue flag';
COMMENT ON VIEW manual_claim_due IS 'manual claims manual claims open today, with due day and overdue flag (吉医保发〔2019〕34号 附件第15条)';
COMMENT ON COLUMN clearing_detail_confirmation.recorded_on IS 'the business day of the answer (the 20th of the next month is the deadline, 鲁医保发〔2022〕26号 第四条(二))';
COMMENT ON VIEW clearing_confirmation_monthly IS
	'per institution and clearing month: rows, amounts, answers (agreed, disputed, open) and the day the last open row was answered (NULL while any is open); what a monthly clearing view joins to check the 20th (鲁医保发〔2022〕26号 第四条(二))';
COMMENT ON FUNCTION clearing_monthly_as_of(date) IS
	'monthly clearing monthly clearing as it stood on as_of: per institution (confirm by the 20th, pay within 30 working days of declaration), per insured region (transfer up before the next provincial clearing), per treatment region (鲁医保发〔2022〕26号 第四条(二)(三))';
COMMENT ON VIEW clearing_monthly IS
	'monthly clearing today; clearing_monthly_as_of(date) for another day';
