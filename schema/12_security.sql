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
