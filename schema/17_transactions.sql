
--------------------------------------------------------------------------
-- The hospital's transaction lifecycle, exactly once: pre-settlement
-- (预结算), the message log keyed by msgid, 冲正 (2601), and the national
-- interface as JSON in, JSON out (xdjy.call).  Nothing is paid twice
-- (鲁医保发〔2021〕46号 第四条); a failed call is reported in one standard
-- form, with its YB code (鲁医保发〔2022〕26号 第五条(三)).  Rules in C:
-- src/settlement_trigger.c (presettle), src/interface.c (call).
--------------------------------------------------------------------------

CREATE FUNCTION presettle(encounter_id bigint, total_fen bigint, out_of_scope_fen bigint,
		invoice_no text, settled_on date DEFAULT CURRENT_DATE, mode text DEFAULT 'direct',
		own_reason boolean DEFAULT false, referral_id bigint DEFAULT NULL,
		diagnosis text DEFAULT NULL, mid_stay boolean DEFAULT false,
		acct_used boolean DEFAULT false)
	RETURNS settlement
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION presettle(bigint, bigint, bigint, text, date, text, boolean, bigint, text, boolean, boolean) IS
	'预结算 (2303 / 2206): the settlement row settle() would insert, computed by the same engine, with nothing written, consumed or locked (id NULL); the ledgers it read are in deductible_met_before_fen and fund_paid_before_fen; acct_used: what the personal account would pay (acct_pay) and its balance after (balc), the account not debited';

-- A settlement that differs from the pre-settlement shown before it says
-- why: the inputs the engine read that moved in between (a ledger, the
-- account, the policy row) and the caller's inputs (src/presettle_compare.c).
CREATE FUNCTION compare_presettlement(presettled settlement, settlement_id bigint,
		lang text DEFAULT NULL, OUT same boolean, OUT differences jsonb, OUT explanation text)
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION compare_presettlement(settlement, bigint, text) IS
	'a pre-settlement (presettle()''s row) against the settlement made after it: same (every amount equal), differences (each amount and input that differs: item, kind amount / input, presettled, settled, delta) and the explanation in en or zh (default xdjy.language): which ledger, account balance, policy row or input moved, from what to what';

-- The message log: one row per msgid, decided state.  A msgid is the
-- institution's code, a timestamp and a sequence number; the platform's
-- gateway retries a request with the same msgid, so the same msgid with
-- the same request is answered from here and does nothing else.
CREATE TABLE transaction_log (
	msgid				text PRIMARY KEY,
	infno				text NOT NULL CHECK (infno ~ '^[0-9]{4}$'),
	fixmedins_code		text NOT NULL,
	request				jsonb,
	response			jsonb,
	-- pending only inside the call that claimed the msgid
	state				text NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'reversed', 'void')),
	inf_time			timestamp NOT NULL,
	sqlstate			char(5),
	effect				jsonb,
	reversed_by			text,
	logged_at			timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT transaction_log_msgid_form CHECK (pg_catalog.length(msgid) OPERATOR(pg_catalog.<=) 64
		AND msgid OPERATOR(pg_catalog.~) '^[[:alnum:]._-]+$'),
	-- a msgid voided by 冲正 before it arrived has no request of its own
	CONSTRAINT transaction_log_request CHECK ((state OPERATOR(pg_catalog.=) 'void') = (request IS NULL)),
	-- a failed call keeps its code, also once a 冲正 has marked it
	CONSTRAINT transaction_log_failed CHECK (state OPERATOR(pg_catalog.<>) 'failed' OR sqlstate IS NOT NULL),
	CONSTRAINT transaction_log_reversed CHECK ((state OPERATOR(pg_catalog.=) ANY (ARRAY['reversed', 'void']))
		= (reversed_by IS NOT NULL))
);
COMMENT ON TABLE transaction_log IS
	'the national interface''s messages by msgid (报文ID): request, recorded response, state and what the message did, so that a retry is answered without a second effect (鲁医保发〔2021〕46号 第四条) and a 冲正 (2601) can undo it; written only by xdjy.call()';
COMMENT ON COLUMN transaction_log.msgid IS 'msgid 报文ID: the institution''s code, yyyyMMddHHmmss and a sequence number';
COMMENT ON COLUMN transaction_log.infno IS 'infno 交易编号 of the message (for a void row: the oinfno the 冲正 named)';
COMMENT ON COLUMN transaction_log.fixmedins_code IS 'fixmedins_code 定点医药机构编号 of the envelope';
COMMENT ON COLUMN transaction_log.request IS 'the request envelope as received; NULL for a msgid voided before it arrived';
COMMENT ON COLUMN transaction_log.response IS 'the response envelope returned, returned again to a retry';
COMMENT ON COLUMN transaction_log.state IS
	'pending (inside the call that claimed it, never committed), done (took effect), failed (infcode -1, no effect), reversed (undone by a 冲正), void (冲正 before arrival: a late arrival is refused)';
COMMENT ON COLUMN transaction_log.inf_time IS 'inf_time 交易时间 of the envelope: the business time (its date is the business date of the call)';
COMMENT ON COLUMN transaction_log.sqlstate IS 'the YB code (or other SQLSTATE) of a failed call, for the success-rate KPI';
COMMENT ON COLUMN transaction_log.effect IS 'what the message did, for 冲正: encounter_id, setl_id, fee_detail_ids, discharged_on; of a pre-settlement (2303 / 2206): presettlement, the row presettle() returned';
COMMENT ON COLUMN transaction_log.reversed_by IS 'msgid of the 冲正 (2601) that reversed or voided this message';
CREATE INDEX transaction_log_reporting_idx ON transaction_log (fixmedins_code, inf_time);
-- the pre-settlements of an encounter, for the settlement after them:
-- the latest of the institution's is the first read backwards, so that
-- the planner has no reason to AND in the whole of reporting_idx
CREATE INDEX transaction_log_presettlement_idx ON transaction_log
	(((effect OPERATOR(pg_catalog.->) 'presettlement') OPERATOR(pg_catalog.->>) 'encounter_id'),
	 fixmedins_code, inf_time, logged_at, msgid)
	WHERE state OPERATOR(pg_catalog.=) 'done';
SELECT pg_catalog.pg_extension_config_dump('transaction_log', '');
ALTER TABLE transaction_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE transaction_log FORCE ROW LEVEL SECURITY;
-- read by the institution's place; written by call() alone, with the
-- owner's rights (src/interface.c), as settlement_attempt is
GRANT SELECT ON transaction_log TO xdjy_admin, xdjy_operator;
GRANT SELECT (infno, fixmedins_code, state, inf_time, sqlstate) ON transaction_log TO xdjy_analyst;
CREATE POLICY transaction_log_admin ON transaction_log FOR SELECT TO xdjy_admin USING (true);
CREATE POLICY transaction_log_operator ON transaction_log FOR SELECT TO xdjy_operator
	USING (fixmedins_code IN (SELECT xdjy.operator_institutions()));
CREATE POLICY transaction_log_analyst ON transaction_log FOR SELECT TO xdjy_analyst USING (true);
-- in whose name a role may call: no INSERT is granted (call() writes the
-- log with the owner's rights), but call() asks these policies for the
-- caller before it logs anything (xdjy_check_write_access, YB005): an
-- operator sends messages of the institutions of its regions only
CREATE POLICY transaction_log_admin_call ON transaction_log FOR INSERT TO xdjy_admin WITH CHECK (true);
CREATE POLICY transaction_log_operator_call ON transaction_log FOR INSERT TO xdjy_operator
	WITH CHECK (fixmedins_code IN (SELECT xdjy.operator_institutions()));

-- The success rate of the interface calls per month, institution and
-- interface (联网结算成功率, 鲁医保发〔2022〕26号 第一条): a void row is
-- no call.
CREATE VIEW interface_kpi_monthly WITH (security_invoker = true) AS
	SELECT xdjy.month_of(l.inf_time::date) AS month,
		l.fixmedins_code,
		l.infno,
		pg_catalog.count(*) AS calls,
		pg_catalog.count(*) FILTER (WHERE l.sqlstate IS NOT NULL) AS failed,
		xdjy.rate_bp(pg_catalog.count(*) FILTER (WHERE l.sqlstate IS NULL),
			pg_catalog.count(*)) AS success_rate_bp
	FROM xdjy.transaction_log l
	WHERE l.state OPERATOR(pg_catalog.<>) 'void'
	GROUP BY 1, 2, 3;
COMMENT ON VIEW interface_kpi_monthly IS
	'national interface calls per month, institution and infno: calls, failed (infcode -1) and the success rate in basis points (鲁医保发〔2022〕26号 第一条)';
COMMENT ON COLUMN interface_kpi_monthly.month IS 'the month of inf_time, the business date of the calls / 月份（交易时间所在月）';
COMMENT ON COLUMN interface_kpi_monthly.fixmedins_code IS 'designated institution of the calls (fixmedins_code) / 定点医药机构编号';
COMMENT ON COLUMN interface_kpi_monthly.infno IS 'interface number (infno) / 交易编号';
COMMENT ON COLUMN interface_kpi_monthly.calls IS 'calls logged; a msgid voided before it arrived is none / 交易笔数';
COMMENT ON COLUMN interface_kpi_monthly.failed IS 'calls answered infcode -1, their code logged / 失败笔数';
COMMENT ON COLUMN interface_kpi_monthly.success_rate_bp IS 'share answered infcode 0, in basis points (10000 = 100%) / 成功率（基点）';
GRANT SELECT ON interface_kpi_monthly TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- The interface -------------------------------------------------------------
-- call() checks the envelope and each field (required, type, whole fen),
-- writes the log and dispatches to one function per infno below, each a
-- thin mapping onto the SQL API (settle, presettle, reverse_settlement,
-- fee_detail, revoke_fee_details, stmt_total); each returns the national
-- output and, for 冲正, what it did.  The last two arguments of each are
-- the business date (inf_time's) and the envelope's fixmedins_code.

CREATE FUNCTION interface_check_encounter(mdtrt_id bigint, psn_no text) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION interface_check_encounter(bigint, text) IS
	'the interface''s mdtrt_id names an encounter of psn_no, or YB909';

CREATE FUNCTION interface_med_type(med_type text, inpatient boolean,
		OUT visit_type text, OUT emergency boolean, OUT trauma boolean)
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION interface_med_type(text, boolean) IS
	'med_type 医疗类别 → (visit_type, emergency, trauma) through med_type_map_effective, or YB910';

CREATE FUNCTION interface_setlinfo(s settlement) RETURNS jsonb
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	y xdjy.settlement_yuan := xdjy.settlement_yuan(s);
BEGIN
	RETURN pg_catalog.jsonb_build_object(
		'setl_id', s.id,
		'mdtrt_id', s.encounter_id,
		'psn_no', s.person_id,
		'setl_time', s.settled_on,
		'insuplc_admdvs', s.insured_region,
		'mdtrtarea_admvs', s.treatment_region,
		'medfee_sumamt', y.medfee_sumamt,
		'fulamt_ownpay_amt', y.fulamt_ownpay_amt,
		'overlmt_selfpay', y.overlmt_selfpay,
		'preselfpay_amt', y.preselfpay_amt,
		'inscp_scp_amt', y.inscp_scp_amt,
		'act_pay_dedc', y.act_pay_dedc,
		'hifp_pay', y.hifp_pay,
		'pool_prop_selfpay', y.pool_prop_selfpay,
		'fund_pay_sumamt', y.fund_pay_sumamt,
		'acct_pay', y.acct_pay,
		'psn_part_amt', y.psn_part_amt,
		'psn_cash_pay', y.psn_cash_pay,
		'balc', y.balc,
		'refd_setl_flag', CASE WHEN s.reverses IS NULL THEN '0' ELSE '1' END,
		'clr_optins', s.insured_region,
		'xdjy_category', s.category,
		'xdjy_category_reason', s.category_reason,
		'xdjy_deductible_met_before', xdjy.fen_to_yuan(s.deductible_met_before_fen),
		'xdjy_fund_paid_before', xdjy.fen_to_yuan(s.fund_paid_before_fen),
		'setldetail', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
			'fund_pay_type', '310100',
			'fund_pay_type_name', '统筹基金',
			'inscp_scp_amt', y.inscp_scp_amt,
			'fund_payamt', y.hifp_pay)));
END
$$;
COMMENT ON FUNCTION interface_setlinfo(settlement) IS
	'setlinfo 结算信息 of a settlement row (a pre-settlement''s too: setl_id null) in the national names, its yuan figures those of settlement_yuan() as in the setlinfo view; the 2303/2304/2305 output';

-- 2401 入院办理 / 2201 门诊挂号: an encounter
CREATE FUNCTION interface_admit(psn_no text, med_type text, begntime timestamp,
		inpatient boolean, business_date date, fixmedins_code text,
		OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH e AS (
		INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, emergency, trauma)
		SELECT interface_admit.psn_no, interface_admit.fixmedins_code, m.visit_type,
			interface_admit.begntime::date, m.emergency, m.trauma
		FROM xdjy.interface_med_type(interface_admit.med_type, interface_admit.inpatient) m
		RETURNING id, person_id)
	SELECT pg_catalog.jsonb_build_object(CASE WHEN interface_admit.inpatient THEN 'result' ELSE 'data' END,
			pg_catalog.jsonb_build_object('mdtrt_id', e.id::text, 'psn_no', e.person_id)),
		pg_catalog.jsonb_build_object('encounter_id', e.id)
	FROM e;
END;
COMMENT ON FUNCTION interface_admit(text, text, timestamp, boolean, date, text) IS
	'2401 入院办理 (inpatient) / 2201 门诊挂号 (outpatient): a new encounter; output mdtrt_id';

-- 2402 出院办理
CREATE FUNCTION interface_discharge(mdtrt_id bigint, psn_no text, endtime timestamp,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(interface_discharge.mdtrt_id, interface_discharge.psn_no);
	WITH old AS (SELECT e.discharged_on FROM xdjy.encounter e
			WHERE e.id OPERATOR(pg_catalog.=) interface_discharge.mdtrt_id),
		u AS (UPDATE xdjy.encounter e SET discharged_on = interface_discharge.endtime::date
			WHERE e.id OPERATOR(pg_catalog.=) interface_discharge.mdtrt_id RETURNING e.id)
	SELECT '{}'::jsonb, pg_catalog.jsonb_build_object('encounter_id', u.id,
			'discharged_on', (SELECT old.discharged_on FROM old))
	FROM u;
END;
COMMENT ON FUNCTION interface_discharge(bigint, text, timestamp, date, text) IS
	'2402 出院办理: the encounter''s discharge date';

-- 2301 住院费用明细上传 / 2204 门诊费用明细上传
CREATE FUNCTION interface_upload_lines(feedetail jsonb, business_date date, fixmedins_code text,
		OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(x.mdtrt_id, x.psn_no)
	FROM pg_catalog.jsonb_to_recordset(interface_upload_lines.feedetail) AS x(mdtrt_id bigint, psn_no text)
	GROUP BY x.mdtrt_id, x.psn_no;
	WITH f AS (
		INSERT INTO xdjy.fee_detail (encounter_id, feedetl_sn, init_feedetl_sn, med_list_codg,
			fee_ocur_time, cnt, pric, det_item_fee_sumamt, received_on)
		SELECT x.mdtrt_id, x.feedetl_sn, x.init_feedetl_sn, x.med_list_codg, x.fee_ocur_time,
			x.cnt, x.pric, x.det_item_fee_sumamt, interface_upload_lines.business_date
		FROM pg_catalog.jsonb_array_elements(interface_upload_lines.feedetail) WITH ORDINALITY AS a(line, n)
		CROSS JOIN LATERAL pg_catalog.jsonb_to_record(a.line)
			AS x(mdtrt_id bigint, feedetl_sn text, init_feedetl_sn text, med_list_codg text,
				fee_ocur_time timestamp, cnt numeric, pric numeric, det_item_fee_sumamt numeric)
		ORDER BY a.n
		RETURNING *)
	SELECT pg_catalog.jsonb_build_object('result', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
			'feedetl_sn', f.feedetl_sn,
			'det_item_fee_sumamt', xdjy.fen_to_yuan(f.amount_fen),
			'cnt', f.cnt,
			'pric', f.pric,
			'pric_uplmt_amt', f.pric_uplmt,
			'selfpay_prop', (f.selfpay_prop_bp::numeric OPERATOR(pg_catalog./) 10000)::numeric(5,4),
			'fulamt_ownpay_amt', xdjy.fen_to_yuan(f.fulamt_ownpay_fen),
			'overlmt_amt', xdjy.fen_to_yuan(f.overlmt_fen),
			'preselfpay_amt', xdjy.fen_to_yuan(f.preselfpay_fen),
			'inscp_scp_amt', xdjy.fen_to_yuan(f.inscp_scp_fen),
			'chrgitm_lv', f.chrgitm_lv) ORDER BY f.id)),
		pg_catalog.jsonb_build_object('fee_detail_ids', pg_catalog.jsonb_agg(f.id ORDER BY f.id))
	FROM f;
END;
COMMENT ON FUNCTION interface_upload_lines(jsonb, date, text) IS
	'2301 / 2204 费用明细上传: the lines into xdjy.fee_detail, priced by its trigger; output result[] per line';

-- 2302 住院费用明细撤销
CREATE FUNCTION interface_revoke_lines(mdtrt_id bigint, psn_no text, feedetl_sn text,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(interface_revoke_lines.mdtrt_id, interface_revoke_lines.psn_no);
	SELECT '{}'::jsonb, pg_catalog.jsonb_build_object('revoked',
		xdjy.revoke_fee_details(interface_revoke_lines.mdtrt_id, interface_revoke_lines.feedetl_sn));
END;
COMMENT ON FUNCTION interface_revoke_lines(bigint, text, text, date, text) IS
	'2302 费用明细撤销: revoke_fee_details() ("0000" all lines)';

-- 2303 / 2206 预结算 and 2304 / 2207 结算: amounts in fen (call() reads
-- the yuan exactly); NULL: from the fee lines
CREATE FUNCTION interface_presettle(psn_no text, mdtrt_id bigint, medfee_sumamt bigint,
		fulamt_ownpay_amt bigint, invono text, mid_setl_flag boolean, acct_used_flag boolean,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	s xdjy.settlement;
BEGIN
	PERFORM xdjy.interface_check_encounter(interface_presettle.mdtrt_id, interface_presettle.psn_no);
	s := xdjy.presettle(interface_presettle.mdtrt_id, interface_presettle.medfee_sumamt,
		interface_presettle.fulamt_ownpay_amt, interface_presettle.invono,
		interface_presettle.business_date, 'direct', false, NULL, NULL,
		COALESCE(interface_presettle.mid_setl_flag, false), COALESCE(interface_presettle.acct_used_flag, false));
	output := pg_catalog.jsonb_build_object('setlinfo', xdjy.interface_setlinfo(s));
	effect := pg_catalog.jsonb_build_object('presettlement', pg_catalog.to_jsonb(s));
END
$$;
COMMENT ON FUNCTION interface_presettle(text, bigint, bigint, bigint, text, boolean, boolean, date, text) IS
	'2303 / 2206 预结算: presettle(); output setlinfo (setl_id null); the row presettle() returned is kept in the log (effect.presettlement) for the settlement after it';

CREATE FUNCTION interface_settle(psn_no text, mdtrt_id bigint, medfee_sumamt bigint,
		fulamt_ownpay_amt bigint, invono text, mid_setl_flag boolean, acct_used_flag boolean,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
-- PL/pgSQL for the plans kept across calls: call() runs this once per
-- message, and an SQL function's body is planned again each time
DECLARE
	s xdjy.settlement;
	p record;
	c record;
BEGIN
	PERFORM xdjy.interface_check_encounter(interface_settle.mdtrt_id, interface_settle.psn_no);
	s := xdjy.settle(interface_settle.mdtrt_id, interface_settle.medfee_sumamt,
		interface_settle.fulamt_ownpay_amt, interface_settle.invono,
		interface_settle.business_date, 'direct', false, NULL, NULL,
		COALESCE(interface_settle.mid_setl_flag, false), COALESCE(interface_settle.acct_used_flag, false));
	output := pg_catalog.jsonb_build_object('setlinfo', xdjy.interface_setlinfo(s));
	-- the latest pre-settlement of the encounter at this institution
	SELECT l.msgid, l.effect INTO p FROM xdjy.transaction_log l
		WHERE ((l.effect OPERATOR(pg_catalog.->) 'presettlement') OPERATOR(pg_catalog.->>) 'encounter_id')
				OPERATOR(pg_catalog.=) s.encounter_id::text
			AND l.state OPERATOR(pg_catalog.=) 'done'
			AND l.fixmedins_code OPERATOR(pg_catalog.=) interface_settle.fixmedins_code
		ORDER BY l.inf_time DESC, l.logged_at DESC, l.msgid DESC LIMIT 1;
	IF FOUND THEN
		c := xdjy.compare_presettlement(pg_catalog.jsonb_populate_record(NULL::xdjy.settlement,
				p.effect OPERATOR(pg_catalog.->) 'presettlement'), s.id);
		output := output OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('xdjy_presettlement',
			pg_catalog.jsonb_build_object('omsgid', p.msgid, 'same', c.same, 'explanation', c.explanation));
	END IF;
	effect := pg_catalog.jsonb_build_object('setl_id', s.id);
END
$$;
COMMENT ON FUNCTION interface_settle(text, bigint, bigint, bigint, text, boolean, boolean, date, text) IS
	'2304 / 2207 结算: settle(); output setlinfo, and xdjy_presettlement {omsgid, same, explanation} against the latest pre-settlement of the encounter in the log (compare_presettlement())';

-- 2305 / 2208 结算撤销
CREATE FUNCTION interface_cancel(setl_id bigint, mdtrt_id bigint, psn_no text,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.interface_check_encounter(interface_cancel.mdtrt_id, interface_cancel.psn_no);
	SELECT pg_catalog.jsonb_build_object('setlinfo', xdjy.interface_setlinfo(r)),
		pg_catalog.jsonb_build_object('setl_id', r.id)
	FROM xdjy.reverse_settlement(interface_cancel.setl_id, interface_cancel.business_date) r;
END;
COMMENT ON FUNCTION interface_cancel(bigint, bigint, text, date, text) IS
	'2305 / 2208 结算撤销: reverse_settlement(); output the reversal''s setlinfo';

-- 5206 人员累计信息查询
CREATE FUNCTION interface_cumulative(psn_no text, cum_ym text, business_date date,
		fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object('cuminfo', COALESCE(pg_catalog.jsonb_agg(c.item
			ORDER BY c.year, c.quota_group, c.ord), '[]'::jsonb)), NULL::jsonb
	FROM (SELECT l.year, l.quota_group, v.ord,
			pg_catalog.jsonb_build_object('year', l.year::text, 'quota_group', l.quota_group,
				'cum_type_code', v.code, 'cum', xdjy.fen_to_yuan(v.fen)) AS item
		FROM xdjy.ledger l
		CROSS JOIN LATERAL (SELECT s.annual_cap_fen FROM xdjy.settlement s
			WHERE s.person_id OPERATOR(pg_catalog.=) l.person_id
				AND s.quota_group OPERATOR(pg_catalog.=) l.quota_group
				AND pg_catalog.date_part('year', s.service_on) OPERATOR(pg_catalog.=) l.year
				AND s.reverses IS NULL
			ORDER BY s.id DESC LIMIT 1) cap
		CROSS JOIN LATERAL (VALUES (1, 'dedc_met', l.deductible_met_fen),
			(2, 'hifp_paid', l.fund_paid_fen),
			(3, 'cap_left', GREATEST(cap.annual_cap_fen OPERATOR(pg_catalog.-) l.fund_paid_fen, 0))) v(ord, code, fen)
		WHERE l.person_id OPERATOR(pg_catalog.=) interface_cumulative.psn_no
			AND (interface_cumulative.cum_ym IS NULL
				OR l.year OPERATOR(pg_catalog.=) pg_catalog.left(interface_cumulative.cum_ym, 4)::integer)) c;
END;
COMMENT ON FUNCTION interface_cumulative(text, text, date, text) IS
	'5206 人员累计信息查询: per year and quota group the deductible met (dedc_met), the fund paid (hifp_paid) and the annual cap left (cap_left), in yuan';

-- 3201 对总账
CREATE FUNCTION interface_stmt_total(setl_optins text, insutype text, clr_type text,
		stmt_begndate timestamp, stmt_enddate timestamp, medfee_sumamt bigint,
		fund_pay_sumamt bigint, acct_pay bigint, fixmedins_setl_cnt bigint, refd_setl_flag text,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object('result', pg_catalog.to_jsonb(t)), NULL::jsonb
	FROM xdjy.stmt_total(interface_stmt_total.setl_optins, interface_stmt_total.insutype,
		interface_stmt_total.clr_type, interface_stmt_total.stmt_begndate::date,
		interface_stmt_total.stmt_enddate::date, xdjy.fen_to_yuan(interface_stmt_total.medfee_sumamt),
		xdjy.fen_to_yuan(interface_stmt_total.fund_pay_sumamt), xdjy.fen_to_yuan(interface_stmt_total.acct_pay),
		interface_stmt_total.fixmedins_setl_cnt::integer,
		COALESCE(interface_stmt_total.refd_setl_flag, '1'), interface_stmt_total.fixmedins_code) t;
END;
COMMENT ON FUNCTION interface_stmt_total(text, text, text, timestamp, timestamp, bigint, bigint, bigint, bigint, text, date, text) IS
	'3201 医药机构费用结算对总账: stmt_total() for the envelope''s institution';

-- 3202 对明细账
CREATE FUNCTION interface_stmt_detail(file_qury_no text, setl_optins text, insutype text,
		clr_type text, stmt_begndate timestamp, stmt_enddate timestamp, refd_setl_flag text,
		business_date date, fixmedins_code text, OUT output jsonb, OUT effect jsonb)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object('result', COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(t)
			ORDER BY t.setl_id), '[]'::jsonb)), NULL::jsonb
	FROM xdjy.stmt_detail(interface_stmt_detail.file_qury_no, interface_stmt_detail.setl_optins,
		interface_stmt_detail.insutype, interface_stmt_detail.clr_type,
		interface_stmt_detail.stmt_begndate::date, interface_stmt_detail.stmt_enddate::date,
		COALESCE(interface_stmt_detail.refd_setl_flag, '1'), interface_stmt_detail.fixmedins_code) t;
END;
COMMENT ON FUNCTION interface_stmt_detail(text, text, text, text, timestamp, timestamp, text, date, text) IS
	'3202 医药机构费用结算对明细账: stmt_detail() of an uploaded batch (file_qury_no: the batch) for the envelope''s institution';

-- 冲正 (2601): undo what a message did
CREATE FUNCTION interface_undo_settlement(effect jsonb, business_date date) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_build_object('setl_id', r.id)
	FROM xdjy.reverse_settlement((interface_undo_settlement.effect OPERATOR(pg_catalog.->>) 'setl_id')::bigint,
		interface_undo_settlement.business_date) r;
END;
COMMENT ON FUNCTION interface_undo_settlement(jsonb, date) IS
	'冲正 of 2304 / 2207: reverse_settlement(), the ledgers given back';

CREATE FUNCTION interface_undo_lines(effect jsonb) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH d AS (DELETE FROM xdjy.fee_detail f
		WHERE f.id OPERATOR(pg_catalog.=) ANY (SELECT j::bigint
			FROM pg_catalog.jsonb_array_elements_text(interface_undo_lines.effect
				OPERATOR(pg_catalog.->) 'fee_detail_ids') j)
		RETURNING f.id)
	SELECT pg_catalog.jsonb_build_object('fee_detail_ids', pg_catalog.jsonb_agg(d.id ORDER BY d.id)) FROM d;
END;
COMMENT ON FUNCTION interface_undo_lines(jsonb) IS
	'冲正 of 2301 / 2204: the lines deleted (recorded in fee_detail_revoked; refused once settled)';

CREATE FUNCTION interface_undo_admission(effect jsonb) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH d AS (DELETE FROM xdjy.encounter e
		WHERE e.id OPERATOR(pg_catalog.=) (interface_undo_admission.effect OPERATOR(pg_catalog.->>) 'encounter_id')::bigint
		RETURNING e.id)
	SELECT pg_catalog.jsonb_build_object('encounter_id', d.id) FROM d;
END;
COMMENT ON FUNCTION interface_undo_admission(jsonb) IS
	'冲正 of 2401 / 2201: the encounter deleted (refused while a line or settlement refers to it)';

CREATE FUNCTION interface_undo_discharge(effect jsonb) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH u AS (UPDATE xdjy.encounter e
		SET discharged_on = (interface_undo_discharge.effect OPERATOR(pg_catalog.->>) 'discharged_on')::date
		WHERE e.id OPERATOR(pg_catalog.=) (interface_undo_discharge.effect OPERATOR(pg_catalog.->>) 'encounter_id')::bigint
		RETURNING e.id)
	SELECT pg_catalog.jsonb_build_object('encounter_id', u.id) FROM u;
END;
COMMENT ON FUNCTION interface_undo_discharge(jsonb) IS
	'冲正 of 2402: the discharge date as it was before';

CREATE FUNCTION interface_undo(infno text, effect jsonb, business_date date) RETURNS jsonb
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT CASE
		WHEN interface_undo.infno OPERATOR(pg_catalog.=) ANY (ARRAY['2304', '2207']) THEN
			xdjy.interface_undo_settlement(interface_undo.effect, interface_undo.business_date)
		WHEN interface_undo.infno OPERATOR(pg_catalog.=) ANY (ARRAY['2301', '2204']) THEN
			xdjy.interface_undo_lines(interface_undo.effect)
		WHEN interface_undo.infno OPERATOR(pg_catalog.=) ANY (ARRAY['2401', '2201']) THEN
			xdjy.interface_undo_admission(interface_undo.effect)
		WHEN interface_undo.infno OPERATOR(pg_catalog.=) '2402' THEN
			xdjy.interface_undo_discharge(interface_undo.effect)
		ELSE '{}'::jsonb
	END;
END;
COMMENT ON FUNCTION interface_undo(text, jsonb, date) IS
	'冲正 (2601) of a message that took effect: a settlement reversed with its ledgers given back, uploaded lines deleted, an admission''s encounter deleted, a discharge date restored';

-- 冲正 of an admission deletes its encounter, which no row may refer to
-- yet (reference_parent_trigger); the operator's policy on encounter
-- (its institutions) applies to the deletion as to the insert
GRANT DELETE ON encounter TO xdjy_operator;

CREATE FUNCTION call(request jsonb) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'xdjy_call' LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION call(jsonb) IS
	'the national interface (国家医疗保障信息平台 定点医药机构接口): the request envelope (infno, msgid, inf_time, fixmedins_code, …, input) in, the response envelope (infcode 0 / -1, inf_refmsgid, refmsg_time, respond_time, err_msg, output) out; exactly once by msgid (xdjy.transaction_log); 2601 冲正';
