
--------------------------------------------------------------------------
-- Reconciliation, clearing and reporting
--------------------------------------------------------------------------

-- Views read the tables as the querying role (security_invoker), so
-- row-level security narrows every report to the rows
-- the role may see.  Views and BEGIN ATOMIC bodies are bound when the
-- script runs; the deadline and matching rules they call are in C
-- (src/reporting.c), each written once.

-- rules, in C --------------------------------------------------------------

CREATE FUNCTION reconciliation_kinds(expected bigint[], insured_report bigint[], treatment_report bigint[], national_report bigint[])
	RETURNS text[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION reconciliation_kinds(bigint[], bigint[], bigint[], bigint[]) IS
	'three-party reconciliation of one settlement (鲁医保发〔2022〕26号 第四条(一)): each argument ARRAY[total_fen, fund_fen, personal_fen] or NULL; returns missing_at_<party>, amount_differs, unknown_settlement (expected NULL), or {} when matched';

CREATE FUNCTION month_of(day date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION month_of(date) IS 'the first day of the month of day: the key of the monthly reports';

CREATE FUNCTION reconciliation_due_on(month date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION reconciliation_due_on(date) IS
	'the 3rd of the next month: a month''s settlements are reconciled by then (鲁医保发〔2022〕26号 第四条(一))';

CREATE FUNCTION detail_upload_due_on(settled_on date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detail_upload_due_on(date) IS
	'settled_on + 3 calendar days: inpatient expense details are uploaded by then (鲁医保发〔2022〕26号 第三条(四) 3日内)';

CREATE FUNCTION clearing_confirm_due_on(month date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION clearing_confirm_due_on(date) IS
	'the 20th of the next month: a month''s clearing is confirmed with the institutions by then (鲁医保发〔2022〕26号 第四条(二))';

CREATE FUNCTION clearing_pay_due_on(declared_on date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION clearing_pay_due_on(date) IS
	'the 30th working day after a declaration: paid by then (鲁医保发〔2022〕26号 第四条(二) 30个工作日内)';

CREATE FUNCTION clearing_transfer_due_on(next_clearing_starts_on date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION clearing_transfer_due_on(date) IS
	'the day before the next provincial clearing starts: funds are transferred up (上解) by then (鲁医保发〔2022〕26号 第四条(三))';

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
	'鲁医保发〔2022〕26号 第一条 targets: network_success 9800 (98%, by the end of 2023), cross_province_inpatient_direct 8000 (80%, by the end of 2025)';

CREATE FUNCTION coverage_minimum(gap text) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION coverage_minimum(text) IS
	'鲁医保发〔2020〕68号 二: township_inpatient 1 networked inpatient institution per township, county_chronic 2 networked chronic-outpatient hospitals per county';

CREATE FUNCTION province_of(region_code text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION province_of(text) IS 'the province of a division code: its first two digits and 0000';

CREATE FUNCTION reporting_label(code text, lang text DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION reporting_label(text, text) IS
	'English or Chinese label of a kind, status, indicator, gap or clearing party of the reporting views; lang NULL follows xdjy.language';

-- tables the parties and the agencies fill ----------------------------------
-- Business dates are calendar days: a CHECK on each date column
-- refuses ±infinity (23514), which would pass every deadline check
-- unnoticed (an upload "on infinity" is never overdue).

-- 鲁医保发〔2022〕26号 第四条(一): what each party of the three-party reconciliation
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
	created_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT party_report_reported_on_finite CHECK (pg_catalog.isfinite(reported_on))
);
CREATE INDEX party_report_settlement_idx ON party_report (settlement_id, party, reported_on DESC, id DESC);
CREATE INDEX party_report_reported_on_idx ON party_report (reported_on);
COMMENT ON TABLE party_report IS
	'three-party reconciliation (三方对账, 鲁医保发〔2022〕26号 第四条(一)): a settlement as reported by the insured place, the treatment place or the platform';
COMMENT ON COLUMN party_report.party IS
	'insured (参保地), treatment (就医地) or national (the platform that routed it: 国家跨省异地就医管理子系统 for cross-province, the provincial platform for intra-province settlements)';
COMMENT ON COLUMN party_report.settlement_id IS 'setl_id: the settlement reported; not checked against xdjy.settlement';
SELECT pg_catalog.pg_extension_config_dump('party_report', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.party_report', 'id'), '');
ALTER TABLE party_report ENABLE ROW LEVEL SECURITY;
ALTER TABLE party_report FORCE ROW LEVEL SECURITY;
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
CREATE TRIGGER party_report_access BEFORE INSERT OR UPDATE ON party_report
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('settlement_id');
CREATE POLICY party_report_analyst ON party_report FOR SELECT TO xdjy_analyst USING (true);


-- 鲁医保发〔2022〕26号 第三条(四): when the treatment place uploaded the expense details of
-- an inpatient direct settlement (医疗费用明细上传)
CREATE TABLE detail_upload (
	settlement_id	bigint PRIMARY KEY,
	uploaded_on		date NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT detail_upload_uploaded_on_finite CHECK (pg_catalog.isfinite(uploaded_on))
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER detail_upload_references AFTER INSERT OR UPDATE ON detail_upload
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'detail_upload_settlement_id_fkey', 'settlement_id', 'settlement', 'id');
COMMENT ON TRIGGER detail_upload_references ON detail_upload IS
	'references of detail_upload: settlement_id → settlement (id)';
COMMENT ON TABLE detail_upload IS
	'expense details of an inpatient direct settlement uploaded to the national and provincial platforms (鲁医保发〔2022〕26号 第三条(四): within 3 days)';
SELECT pg_catalog.pg_extension_config_dump('detail_upload', '');
ALTER TABLE detail_upload ENABLE ROW LEVEL SECURITY;
ALTER TABLE detail_upload FORCE ROW LEVEL SECURITY;
-- detail_upload: the treatment place uploads (就医地经办机构, 鲁医保发〔2022〕26号 第三条(四))
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
CREATE TRIGGER detail_upload_access BEFORE INSERT OR UPDATE ON detail_upload
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('settlement_id');
CREATE POLICY detail_upload_analyst ON detail_upload FOR SELECT TO xdjy_analyst USING (true);


-- 鲁医保发〔2022〕26号 第四条(二): a month's clearing confirmed with an institution
-- (对账确认; national interface 3261 confirms, 3262 rolls back).  A roll-back
-- keeps the row and sets rolled_back_on; a new confirmation is a new row.
-- At most one confirmation of a month and institution stands at a time.
CREATE TABLE clearing_confirmation (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	month				date NOT NULL CHECK (month = xdjy.month_of(month)),
	institution_code	text NOT NULL,
	confirmed_on		date NOT NULL,
	fund_fen			bigint NOT NULL,
	total_fen			bigint,
	settlements			integer CHECK (settlements >= 0),
	rolled_back_on		date,
	created_at			timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT clearing_confirmation_after_month CHECK (confirmed_on >= month + interval '1 month'),
	CONSTRAINT clearing_confirmation_rollback_after CHECK (rolled_back_on >= confirmed_on),
	CONSTRAINT clearing_confirmation_dates_finite
		CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(confirmed_on)
			AND pg_catalog.isfinite(COALESCE(rolled_back_on, confirmed_on)))
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER clearing_confirmation_references AFTER INSERT OR UPDATE ON clearing_confirmation
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'clearing_confirmation_institution_code_fkey', 'institution_code', 'institution', 'code');
COMMENT ON TRIGGER clearing_confirmation_references ON clearing_confirmation IS
	'references of clearing_confirmation: institution_code → institution (code)';
CREATE UNIQUE INDEX clearing_confirmation_standing_idx ON clearing_confirmation (month, institution_code)
	WHERE rolled_back_on IS NULL;
COMMENT ON TABLE clearing_confirmation IS
	'monthly clearing confirmed with an institution (对账确认, 鲁医保发〔2022〕26号 第四条(二): by the 20th of the next month; interface 3261 confirm, 3262 roll back)';
COMMENT ON COLUMN clearing_confirmation.month IS 'the month cleared: its first day';
COMMENT ON COLUMN clearing_confirmation.fund_fen IS 'fund amount confirmed (fund_pay_sumamt, in fen)';
COMMENT ON COLUMN clearing_confirmation.total_fen IS 'total medical costs confirmed (medfee_sumamt, in fen), if sent';
COMMENT ON COLUMN clearing_confirmation.settlements IS 'number of settlements confirmed (fixmedins_setl_cnt), if sent';
COMMENT ON COLUMN clearing_confirmation.rolled_back_on IS 'the confirmation was rolled back (确认回退, 3262) on this day';
SELECT pg_catalog.pg_extension_config_dump('clearing_confirmation', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.clearing_confirmation', 'id'), '');
ALTER TABLE clearing_confirmation ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearing_confirmation FORCE ROW LEVEL SECURITY;
-- clearing with institutions: the agency of the institution's region
-- (confirmation and payment, 鲁医保发〔2022〕26号 第四条(二)); the admin keeps them too (the
-- national interface's 3261/3262)
GRANT SELECT, INSERT, UPDATE, DELETE ON clearing_confirmation TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON clearing_confirmation TO xdjy_operator;
GRANT SELECT (id, month, institution_code, confirmed_on, fund_fen, rolled_back_on)
	ON clearing_confirmation TO xdjy_analyst;
CREATE POLICY clearing_confirmation_admin ON clearing_confirmation TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY clearing_confirmation_operator ON clearing_confirmation TO xdjy_operator
	USING (institution_code IN (SELECT xdjy.operator_institutions()))
	WITH CHECK (institution_code IN (SELECT xdjy.operator_institutions()));
CREATE TRIGGER clearing_confirmation_access BEFORE INSERT OR UPDATE ON clearing_confirmation
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('institution_code');
CREATE POLICY clearing_confirmation_analyst ON clearing_confirmation FOR SELECT TO xdjy_analyst USING (true);

-- 鲁医保发〔2022〕26号 第四条(二): an institution's declaration of a month's costs (费用申报)
-- and its payment, due within 30 working days of the declaration
CREATE TABLE clearing_declaration (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	month				date NOT NULL CHECK (month = xdjy.month_of(month)),
	institution_code	text NOT NULL,
	declared_on			date NOT NULL,
	fund_fen			bigint NOT NULL,
	paid_on				date,
	paid_fen			bigint,
	created_at			timestamptz NOT NULL DEFAULT now(),
	UNIQUE (month, institution_code),
	CONSTRAINT clearing_declaration_after_month CHECK (declared_on >= month + interval '1 month'),
	CONSTRAINT clearing_declaration_paid_both CHECK ((paid_on IS NULL) = (paid_fen IS NULL)),
	CONSTRAINT clearing_declaration_paid_after CHECK (paid_on >= declared_on),
	CONSTRAINT clearing_declaration_dates_finite
		CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(declared_on)
			AND pg_catalog.isfinite(COALESCE(paid_on, declared_on)))
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER clearing_declaration_references AFTER INSERT OR UPDATE ON clearing_declaration
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'clearing_declaration_institution_code_fkey', 'institution_code', 'institution', 'code');
COMMENT ON TRIGGER clearing_declaration_references ON clearing_declaration IS
	'references of clearing_declaration: institution_code → institution (code)';
COMMENT ON TABLE clearing_declaration IS
	'an institution''s declaration of a month''s remote-treatment costs (费用申报) and its payment (鲁医保发〔2022〕26号 第四条(二): within 30 working days)';
SELECT pg_catalog.pg_extension_config_dump('clearing_declaration', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.clearing_declaration', 'id'), '');
ALTER TABLE clearing_declaration ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearing_declaration FORCE ROW LEVEL SECURITY;
-- the agency of the institution's region and the admin, as confirmations
GRANT SELECT, INSERT, UPDATE, DELETE ON clearing_declaration TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON clearing_declaration TO xdjy_operator;
GRANT SELECT (month, institution_code, declared_on, fund_fen, paid_on, paid_fen)
	ON clearing_declaration TO xdjy_analyst;
CREATE POLICY clearing_declaration_admin ON clearing_declaration TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY clearing_declaration_operator ON clearing_declaration TO xdjy_operator
	USING (institution_code IN (SELECT xdjy.operator_institutions()))
	WITH CHECK (institution_code IN (SELECT xdjy.operator_institutions()));
CREATE TRIGGER clearing_declaration_access BEFORE INSERT OR UPDATE ON clearing_declaration
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('institution_code');
CREATE POLICY clearing_declaration_analyst ON clearing_declaration FOR SELECT TO xdjy_analyst USING (true);

-- 鲁医保发〔2022〕26号 第四条(三): the provincial clearing calendar — when the clearing of
-- a month's costs starts in a province (省级清算)
CREATE TABLE provincial_clearing (
	province_code	text NOT NULL,
	month			date NOT NULL CHECK (month = xdjy.month_of(month)),
	starts_on		date NOT NULL,
	PRIMARY KEY (province_code, month),
	CONSTRAINT provincial_clearing_province CHECK (province_code = xdjy.province_of(province_code)),
	CONSTRAINT provincial_clearing_dates_finite
		CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(starts_on))
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER provincial_clearing_references AFTER INSERT OR UPDATE ON provincial_clearing
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'provincial_clearing_province_code_fkey', 'province_code', 'region', 'code');
COMMENT ON TRIGGER provincial_clearing_references ON provincial_clearing IS
	'references of provincial_clearing: province_code → region (code)';
COMMENT ON TABLE provincial_clearing IS
	'when a province''s clearing of a month''s remote-treatment costs starts (省级清算); the transfer up of the month before is due before it (鲁医保发〔2022〕26号 第四条(三))';
SELECT pg_catalog.pg_extension_config_dump('provincial_clearing', '');
-- reference data: read by all, kept by the admin
GRANT SELECT ON provincial_clearing TO xdjy_admin, xdjy_operator, xdjy_analyst;
GRANT INSERT, UPDATE, DELETE ON provincial_clearing TO xdjy_admin;

-- 鲁医保发〔2022〕26号 第四条(三): a pooling region's transfer up (上解) of a month's
-- remote-treatment costs of its insured
CREATE TABLE clearing_transfer (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	month			date NOT NULL CHECK (month = xdjy.month_of(month)),
	region_code		text NOT NULL,
	transferred_on	date NOT NULL,
	fund_fen		bigint NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT now(),
	UNIQUE (month, region_code),
	CONSTRAINT clearing_transfer_after_month CHECK (transferred_on >= month + interval '1 month'),
	CONSTRAINT clearing_transfer_dates_finite
		CHECK (pg_catalog.isfinite(month) AND pg_catalog.isfinite(transferred_on))
);
-- its references, checked as foreign keys are (src/reference_check.c)
CREATE CONSTRAINT TRIGGER clearing_transfer_references AFTER INSERT OR UPDATE ON clearing_transfer
	FOR EACH ROW EXECUTE FUNCTION reference_child_trigger(
		'clearing_transfer_region_code_fkey', 'region_code', 'region', 'code');
COMMENT ON TRIGGER clearing_transfer_references ON clearing_transfer IS
	'references of clearing_transfer: region_code → region (code)';
COMMENT ON TABLE clearing_transfer IS
	'a pooling region''s transfer up (上解) of the month''s remote-treatment costs of its insured (鲁医保发〔2022〕26号 第四条(三))';
SELECT pg_catalog.pg_extension_config_dump('clearing_transfer', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.clearing_transfer', 'id'), '');
ALTER TABLE clearing_transfer ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearing_transfer FORCE ROW LEVEL SECURITY;
-- transfers up: the pooling region's own (鲁医保发〔2022〕26号 第四条(三))
GRANT SELECT, INSERT, UPDATE, DELETE ON clearing_transfer TO xdjy_admin;
GRANT SELECT, INSERT, UPDATE ON clearing_transfer TO xdjy_operator;
GRANT SELECT (month, region_code, transferred_on, fund_fen) ON clearing_transfer TO xdjy_analyst;
CREATE POLICY clearing_transfer_admin ON clearing_transfer TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY clearing_transfer_operator ON clearing_transfer TO xdjy_operator
	USING (region_code IN (SELECT xdjy.operator_regions()))
	WITH CHECK (region_code IN (SELECT xdjy.operator_regions()));
CREATE TRIGGER clearing_transfer_access BEFORE INSERT OR UPDATE ON clearing_transfer
	FOR EACH ROW EXECUTE FUNCTION region_access_trigger('region_code');
CREATE POLICY clearing_transfer_analyst ON clearing_transfer FOR SELECT TO xdjy_analyst USING (true);


-- views --------------------------------------------------------------------

-- The settlements the reconciliation, detail-upload and clearing rules are
-- about: settled directly (直接结算) away from the insured pooling region
-- (intra-province or cross-province).  Local settlements and manual
-- reimbursements (手工报销, paid by the insured place itself) do not pass
-- through the platforms.
CREATE VIEW remote_direct_settlement WITH (security_invoker = true) AS
SELECT s.id, s.encounter_id, s.settled_on, s.scope, s.reverses, s.institution_code,
	s.insured_region, s.treatment_region,
	s.total_fen, (s.total_fen / 100.0)::numeric(20,2) AS total_yuan,
	s.fund_fen, (s.fund_fen / 100.0)::numeric(20,2) AS fund_yuan,
	s.personal_fen, (s.personal_fen / 100.0)::numeric(20,2) AS personal_yuan
FROM xdjy.settlement s
WHERE s.mode = 'direct' AND s.scope IN ('intra_province', 'cross_province');
COMMENT ON VIEW remote_direct_settlement IS
	'settlements made directly (直接结算) outside the insured pooling region: what the platforms reconcile and clear';
GRANT SELECT ON remote_direct_settlement TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN remote_direct_settlement.id IS 'the settlement (setl_id) / 结算ID';
COMMENT ON COLUMN remote_direct_settlement.encounter_id IS 'its stay or visit (mdtrt_id) / 就诊ID';
COMMENT ON COLUMN remote_direct_settlement.settled_on IS 'settlement date / 结算日期';
COMMENT ON COLUMN remote_direct_settlement.scope IS 'intra_province or cross_province / 省内异地或跨省异地';
COMMENT ON COLUMN remote_direct_settlement.reverses IS 'the settlement this row reverses (冲正), if any / 被冲正的结算ID';
COMMENT ON COLUMN remote_direct_settlement.institution_code IS 'the institution (fixmedins_code) / 定点医药机构编号';
COMMENT ON COLUMN remote_direct_settlement.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN remote_direct_settlement.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN remote_direct_settlement.total_fen IS 'total in fen / 医疗费总额（分）';
COMMENT ON COLUMN remote_direct_settlement.total_yuan IS 'total in yuan (total_fen / 100, exact) / 医疗费总额（元）';
COMMENT ON COLUMN remote_direct_settlement.fund_fen IS 'fund payment in fen / 基金支付（分）';
COMMENT ON COLUMN remote_direct_settlement.fund_yuan IS 'fund payment in yuan (fund_fen / 100, exact) / 基金支付（元）';
COMMENT ON COLUMN remote_direct_settlement.personal_fen IS 'personal payment in fen / 个人负担（分）';
COMMENT ON COLUMN remote_direct_settlement.personal_yuan IS 'personal payment in yuan (personal_fen / 100, exact) / 个人负担（元）';

-- Daily three-party reconciliation: every remote direct settlement with something wrong, one row per
-- kind, all three parties' latest values side by side; and every settlement
-- id a party reported that xdjy does not know, once per report day.  Filter
-- on day: settlement and party_report are read through their indexes.
-- Every amount in fen has its yuan beside it (exact: fen / 100.0 as numeric).
CREATE VIEW reconciliation_mismatch WITH (security_invoker = true) AS
SELECT m.day, m.settlement_id, m.kind, m.institution_code, m.insured_region, m.treatment_region,
	m.total_fen, (m.total_fen / 100.0)::numeric(20,2) AS total_yuan,
	m.fund_fen, (m.fund_fen / 100.0)::numeric(20,2) AS fund_yuan,
	m.personal_fen, (m.personal_fen / 100.0)::numeric(20,2) AS personal_yuan,
	m.insured_total_fen, (m.insured_total_fen / 100.0)::numeric(20,2) AS insured_total_yuan,
	m.insured_fund_fen, (m.insured_fund_fen / 100.0)::numeric(20,2) AS insured_fund_yuan,
	m.insured_personal_fen, (m.insured_personal_fen / 100.0)::numeric(20,2) AS insured_personal_yuan,
	m.insured_reports,
	m.treatment_total_fen, (m.treatment_total_fen / 100.0)::numeric(20,2) AS treatment_total_yuan,
	m.treatment_fund_fen, (m.treatment_fund_fen / 100.0)::numeric(20,2) AS treatment_fund_yuan,
	m.treatment_personal_fen, (m.treatment_personal_fen / 100.0)::numeric(20,2) AS treatment_personal_yuan,
	m.treatment_reports,
	m.national_total_fen, (m.national_total_fen / 100.0)::numeric(20,2) AS national_total_yuan,
	m.national_fund_fen, (m.national_fund_fen / 100.0)::numeric(20,2) AS national_fund_yuan,
	m.national_personal_fen, (m.national_personal_fen / 100.0)::numeric(20,2) AS national_personal_yuan,
	m.national_reports
FROM (
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
		ARRAY[u.national_total_fen, u.national_fund_fen, u.national_personal_fen])) AS k(kind)
) m;
COMMENT ON VIEW reconciliation_mismatch IS
	'daily three-party reconciliation (三方对账, 鲁医保发〔2022〕26号 第四条(一)): every remote direct settlement missing at a party or whose amounts differ, and every settlement a party reported that xdjy does not know; latest report per party, report counts show a settlement reported twice';
GRANT SELECT ON reconciliation_mismatch TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN reconciliation_mismatch.day IS 'settlement day (of the report, for an unknown settlement) / 结算日期（未知结算为报送日期）';
COMMENT ON COLUMN reconciliation_mismatch.settlement_id IS 'the settlement (setl_id) / 结算ID';
COMMENT ON COLUMN reconciliation_mismatch.kind IS 'missing_at_insured, missing_at_treatment, missing_at_national, amount_differs or unknown_settlement / 问题类型：参保地缺报、就医地缺报、国家平台缺报、金额不符、未知结算';
COMMENT ON COLUMN reconciliation_mismatch.institution_code IS 'the institution (fixmedins_code) / 定点医药机构编号';
COMMENT ON COLUMN reconciliation_mismatch.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN reconciliation_mismatch.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN reconciliation_mismatch.total_fen IS 'xdjy''s total in fen / 本系统医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.total_yuan IS 'xdjy''s total in yuan (total_fen / 100, exact) / 本系统医疗费总额（元）';
COMMENT ON COLUMN reconciliation_mismatch.fund_fen IS 'xdjy''s fund payment in fen / 本系统基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.fund_yuan IS 'xdjy''s fund payment in yuan (fund_fen / 100, exact) / 本系统基金支付（元）';
COMMENT ON COLUMN reconciliation_mismatch.personal_fen IS 'xdjy''s personal payment in fen / 本系统个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.personal_yuan IS 'xdjy''s personal payment in yuan (personal_fen / 100, exact) / 本系统个人负担（元）';
COMMENT ON COLUMN reconciliation_mismatch.insured_total_fen IS 'total in fen, the insured party''s latest report / 参保地最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_total_yuan IS 'total in yuan, the insured party''s latest report (insured_total_fen / 100, exact) / 参保地最新报送的医疗费总额（元）';
COMMENT ON COLUMN reconciliation_mismatch.insured_fund_fen IS 'fund payment in fen, the insured party''s latest report / 参保地最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_fund_yuan IS 'fund payment in yuan, the insured party''s latest report (insured_fund_fen / 100, exact) / 参保地最新报送的基金支付（元）';
COMMENT ON COLUMN reconciliation_mismatch.insured_personal_fen IS 'personal payment in fen, the insured party''s latest report / 参保地最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.insured_personal_yuan IS 'personal payment in yuan, the insured party''s latest report (insured_personal_fen / 100, exact) / 参保地最新报送的个人负担（元）';
COMMENT ON COLUMN reconciliation_mismatch.insured_reports IS 'reports the insured party sent for it / 参保地报送次数';
COMMENT ON COLUMN reconciliation_mismatch.treatment_total_fen IS 'total in fen, the treatment party''s latest report / 就医地最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_total_yuan IS 'total in yuan, the treatment party''s latest report (treatment_total_fen / 100, exact) / 就医地最新报送的医疗费总额（元）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_fund_fen IS 'fund payment in fen, the treatment party''s latest report / 就医地最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_fund_yuan IS 'fund payment in yuan, the treatment party''s latest report (treatment_fund_fen / 100, exact) / 就医地最新报送的基金支付（元）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_personal_fen IS 'personal payment in fen, the treatment party''s latest report / 就医地最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_personal_yuan IS 'personal payment in yuan, the treatment party''s latest report (treatment_personal_fen / 100, exact) / 就医地最新报送的个人负担（元）';
COMMENT ON COLUMN reconciliation_mismatch.treatment_reports IS 'reports the treatment party sent for it / 就医地报送次数';
COMMENT ON COLUMN reconciliation_mismatch.national_total_fen IS 'total in fen, the national party''s latest report / 国家平台最新报送的医疗费总额（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_total_yuan IS 'total in yuan, the national party''s latest report (national_total_fen / 100, exact) / 国家平台最新报送的医疗费总额（元）';
COMMENT ON COLUMN reconciliation_mismatch.national_fund_fen IS 'fund payment in fen, the national party''s latest report / 国家平台最新报送的基金支付（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_fund_yuan IS 'fund payment in yuan, the national party''s latest report (national_fund_fen / 100, exact) / 国家平台最新报送的基金支付（元）';
COMMENT ON COLUMN reconciliation_mismatch.national_personal_fen IS 'personal payment in fen, the national party''s latest report / 国家平台最新报送的个人负担（分）';
COMMENT ON COLUMN reconciliation_mismatch.national_personal_yuan IS 'personal payment in yuan, the national party''s latest report (national_personal_fen / 100, exact) / 国家平台最新报送的个人负担（元）';
COMMENT ON COLUMN reconciliation_mismatch.national_reports IS 'reports the national party sent for it / 国家平台报送次数';

-- Monthly three-party reconciliation, as it stood on as_of: only reports made by as_of count.  A
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
	SELECT xdjy.check_business_date(reconciliation_monthly_as_of.as_of, 'reconciliation_monthly_as_of(as_of)');
	-- each party''s latest report (reported_on, then id) in one hashed
	-- pass: the greatest ARRAY[day, id, total, fund, personal] per party,
	-- its amounts sliced out, with no sort of every report (make bench)
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
	'monthly three-party reconciliation (三方对账) as it stood on as_of (鲁医保发〔2022〕26号 第四条(一): by the 3rd of the next month)';

CREATE VIEW reconciliation_monthly WITH (security_invoker = true) AS
SELECT * FROM xdjy.reconciliation_monthly_as_of(CURRENT_DATE);
COMMENT ON VIEW reconciliation_monthly IS
	'monthly three-party reconciliation today; reconciliation_monthly_as_of(date) for another day';
GRANT SELECT ON reconciliation_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN reconciliation_monthly.month IS 'month of settled_on (its first day) / 结算月份（当月第一天）';
COMMENT ON COLUMN reconciliation_monthly.settlements IS 'remote direct settlements of the month / 当月异地直接结算笔数';
COMMENT ON COLUMN reconciliation_monthly.matched IS 'settlements all three parties reported with the same amounts / 三方金额一致的结算笔数';
COMMENT ON COLUMN reconciliation_monthly.mismatched IS 'settlements missing at a party or with a differing amount / 缺报或金额不符的结算笔数';
COMMENT ON COLUMN reconciliation_monthly.unknown_settlements IS 'settlement ids a party reported that xdjy does not know / 对方报送而本系统无此结算的笔数';
COMMENT ON COLUMN reconciliation_monthly.reconciled_on IS 'the day every settlement of the month matched, if it has / 当月全部相符的日期';
COMMENT ON COLUMN reconciliation_monthly.due_on IS 'due: the 3rd of the next month (鲁医保发〔2022〕26号 第四条(一)) / 对账截止日期：次月3日';
COMMENT ON COLUMN reconciliation_monthly.status IS 'open, done or overdue (reporting_label gives the words) / 状态：未到期、已完成、逾期';
COMMENT ON COLUMN reconciliation_monthly.late IS 'reconciled after due_on, or not yet and past it / 是否逾期';

-- Expense details, as it stood on as_of: inpatient direct settlements away from the
-- insured place whose expense details were not uploaded within 3 days
-- (uploaded late: done; not uploaded yet: overdue).  Reversals (冲正) carry
-- no new expenses.  A settlement priced from fee lines was uploaded when
-- the last of its lines arrived (settlement.details_received_on, from
-- fee_detail.received_on); one from totals (older data, manual entry) by
-- the date recorded in detail_upload.
CREATE FUNCTION detail_upload_overdue_as_of(as_of date)
	RETURNS TABLE (settlement_id bigint, settled_on date, institution_code text,
		insured_region text, treatment_region text, due_on date, uploaded_on date,
		status text, days_late integer)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(detail_upload_overdue_as_of.as_of, 'detail_upload_overdue_as_of(as_of)');
	SELECT s.id, s.settled_on, s.institution_code, s.insured_region, s.treatment_region,
		x.due_on, d.uploaded_on,
		xdjy.deadline_status(x.due_on, d.uploaded_on, as_of),
		coalesce(d.uploaded_on, as_of) - x.due_on
	FROM xdjy.remote_direct_settlement s
	JOIN xdjy.encounter e ON e.id = s.encounter_id
	JOIN xdjy.settlement l ON l.id = s.id
	CROSS JOIN LATERAL (SELECT xdjy.detail_upload_due_on(s.settled_on) AS due_on) x
	LEFT JOIN xdjy.detail_upload u ON u.settlement_id = s.id AND u.uploaded_on <= as_of
	CROSS JOIN LATERAL (SELECT CASE WHEN l.details_received_on <= as_of THEN l.details_received_on
		WHEN l.details_received_on IS NULL THEN u.uploaded_on END AS uploaded_on) d
	WHERE e.visit_type = 'inpatient' AND s.reverses IS NULL AND s.settled_on <= as_of
		AND xdjy.deadline_missed(x.due_on, d.uploaded_on, as_of)
	ORDER BY s.settled_on, s.id;
END;
COMMENT ON FUNCTION detail_upload_overdue_as_of(date) IS
	'inpatient expense details not uploaded within 3 days of direct settlement (鲁医保发〔2022〕26号 第三条(四)), as it stood on as_of';

CREATE VIEW detail_upload_overdue WITH (security_invoker = true) AS
SELECT * FROM xdjy.detail_upload_overdue_as_of(CURRENT_DATE);
COMMENT ON VIEW detail_upload_overdue IS
	'inpatient expense details not uploaded within 3 days (鲁医保发〔2022〕26号 第三条(四)), today';
GRANT SELECT ON detail_upload_overdue TO xdjy_admin, xdjy_operator, xdjy_analyst;
COMMENT ON COLUMN detail_upload_overdue.settlement_id IS 'the inpatient direct settlement (setl_id) / 住院直接结算ID';
COMMENT ON COLUMN detail_upload_overdue.settled_on IS 'its settlement date / 结算日期';
COMMENT ON COLUMN detail_upload_overdue.institution_code IS 'the institution that uploads (fixmedins_code) / 上传明细的定点医疗机构';
COMMENT ON COLUMN detail_upload_overdue.insured_region IS 'insured pooling region / 参保地统筹区';
COMMENT ON COLUMN detail_upload_overdue.treatment_region IS 'treatment pooling region / 就医地统筹区';
COMMENT ON COLUMN detail_upload_overdue.due_on IS 'due: settled_on + 3 calendar days (鲁医保发〔2022〕26号 第三条(四)) / 上传截止日期：结算后3日（自然日）';
COMMENT ON COLUMN detail_upload_overdue.uploaded_on IS 'the day the details were uploaded, if they were / 明细上传日期';
COMMENT ON COLUMN detail_upload_overdue.status IS 'done (uploaded late) or overdue (not yet) / 状态：逾期已传或逾期未传';
COMMENT ON COLUMN detail_upload_overdue.days_late IS 'days past due_on, to the upload or to today / 逾期天数';

-- 鲁医保发〔2022〕26号 第一条, per province and month:
--   network_success: remote direct settlements (by the treatment province)
--     against them plus the failed direct attempts recorded for remote
--     encounters (try_settle; every recorded failure counts, a retry that
--     succeeds counts once each way); target 98%;
--   cross_province_inpatient_direct: cross-province inpatient settlements
--     of the province's insured settled directly, against all of them,
--     manual reimbursements included (counted per settlement); target 80%.
-- Reversals (冲正) are not settlements of their own here.  A row counts
-- one province, named for what it is: treatment_province on the
-- network_success rows, insured_province on the others (the other NULL),
-- so that no query reads one column in two senses.  Rates and targets are
-- in basis points and in percent.
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
SELECT c.month, c.kpi,
	CASE WHEN c.basis = 'treatment' THEN c.province END AS treatment_province,
	CASE WHEN c.basis = 'insured' THEN c.province END AS insured_province,
	r.name_zh AS province_name_zh, r.name_en AS province_name_en,
	c.numerator, c.denominator,
	xdjy.rate_bp(c.numerator, c.denominator) AS rate_bp,
	(xdjy.rate_bp(c.numerator, c.denominator) / 100.0)::numeric(7,2) AS rate_percent,
	xdjy.kpi_target_bp(c.kpi) AS target_bp,
	(xdjy.kpi_target_bp(c.kpi) / 100.0)::numeric(7,2) AS target_percent,
	xdjy.rate_meets(c.numerator, c.denominator, xdjy.kpi_target_bp(c.kpi)) AS met
FROM counts c
LEFT JOIN xdjy.region r ON r.code = c.province;
COMMENT ON VIEW kpi_monthly IS
	'monthly indicators per province (鲁医保发〔2022〕26号 第一条): network_success (target 98%) by treatment province, cross_province_inpatient_direct (target 80%) by insured province';
COMMENT ON COLUMN kpi_monthly.month IS 'month (its first day) / 月份（当月第一天）';
COMMENT ON COLUMN kpi_monthly.kpi IS
	'indicator: network_success or cross_province_inpatient_direct (reporting_label gives its name) / 指标：network_success 异地就医联网结算成功率，cross_province_inpatient_direct 住院费用跨省直接结算率';
COMMENT ON COLUMN kpi_monthly.treatment_province IS
	'the treatment province the row counts (network_success rows; NULL on the others) / 就医省份（联网结算成功率按就医省份统计；其他指标为空）';
COMMENT ON COLUMN kpi_monthly.insured_province IS
	'the insured province the row counts (cross_province_inpatient_direct rows; NULL on the others) / 参保省份（住院费用跨省直接结算率按参保省份统计；其他指标为空）';
COMMENT ON COLUMN kpi_monthly.province_name_zh IS
	'name in Chinese of the row''s province (treatment_province or insured_province, whichever is set) / 本行省份名称（中文）';
COMMENT ON COLUMN kpi_monthly.province_name_en IS
	'name in English of the row''s province (treatment_province or insured_province, whichever is set) / 本行省份名称（英文）';
COMMENT ON COLUMN kpi_monthly.numerator IS
	'successful direct settlements, or cross-province inpatient settlements made directly / 分子：联网结算成功笔数，或跨省住院直接结算笔数';
COMMENT ON COLUMN kpi_monthly.denominator IS
	'direct settlements plus recorded failed attempts, or all cross-province inpatient settlements (manual included) / 分母：联网结算笔数加失败尝试笔数，或全部跨省住院结算笔数（含手工报销）';
COMMENT ON COLUMN kpi_monthly.rate_bp IS 'numerator / denominator in basis points, rounded half up (9800 = 98%) / 比率（基点，四舍五入，9800 即 98%）';
COMMENT ON COLUMN kpi_monthly.rate_percent IS 'rate_bp in percent, exact (9800 bp = 98.00) / 比率（百分数）';
COMMENT ON COLUMN kpi_monthly.target_bp IS 'the target in basis points: 9800 or 8000 (鲁医保发〔2022〕26号 第一条) / 目标（基点）';
COMMENT ON COLUMN kpi_monthly.target_percent IS 'target_bp in percent (98.00 or 80.00) / 目标（百分数）';
COMMENT ON COLUMN kpi_monthly.met IS 'the exact rate reaches the target (以上 includes it) / 是否达标（按精确比率比较，达到目标即达标）';
GRANT SELECT ON kpi_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- 鲁医保发〔2020〕68号 二(一)(二): townships (乡镇、街道) with no networked inpatient
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
	'coverage gaps (鲁医保发〔2020〕68号 二(一)(二)): townships without a networked inpatient institution, counties with fewer than two networked chronic-outpatient hospitals';
GRANT SELECT ON coverage_gap TO xdjy_admin, xdjy_operator, xdjy_analyst;
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

-- Manual claims, as it stood on as_of: claims not decided yet, with the day
-- they are due (22 working days after complete materials, 吉医保发〔2019〕34号 附件第15条, filled
-- in by the settlement rules) and whether that day has passed.
CREATE FUNCTION manual_claim_due_as_of(as_of date)
	RETURNS TABLE (claim_id bigint, encounter_id bigint, person_id text, insured_region text,
		institution_code text, submitted_on date, materials_complete_on date, due_on date,
		status text, overdue boolean)
	LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(manual_claim_due_as_of.as_of, 'manual_claim_due_as_of(as_of)');
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
	'manual claims (手工报销) open on as_of with their due day (22 working days after complete materials, 吉医保发〔2019〕34号 附件第15条) and an overdue flag';

CREATE VIEW manual_claim_due WITH (security_invoker = true) AS
SELECT * FROM xdjy.manual_claim_due_as_of(CURRENT_DATE);
COMMENT ON VIEW manual_claim_due IS 'manual claims (手工报销) open today, with due day and overdue flag (吉医保发〔2019〕34号 附件第15条)';
GRANT SELECT ON manual_claim_due TO xdjy_admin, xdjy_operator, xdjy_analyst;
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

-- business dates lie in the window (business_dates_trigger, src/dates.c);
-- named to fire before the rule triggers, which compute from them
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON party_report
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('reported_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON detail_upload
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('uploaded_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON clearing_confirmation
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('month', 'confirmed_on', 'rolled_back_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON clearing_declaration
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('month', 'declared_on', 'paid_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON provincial_clearing
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('month', 'starts_on');
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON clearing_transfer
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('month', 'transferred_on');
