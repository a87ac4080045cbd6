#!/usr/bin/env bash
# An attacker who can create objects in public (and in its own
# schema) before and after CREATE EXTENSION must not get any of its code run
# by xdjy's functions, triggers or views.  Each planted object (shadows of
# built-in functions and operators, views named like xdjy's tables) records
# its invocation.  Workload: the demo with public first in search_path,
# then every function, trigger and view of the extension with search_path
# = public, pg_catalog, xdjy (the shadows before the built-ins), as
# superuser and as a row-level-security operator.  The count must be 0; a
# control query proves the trap catches unqualified names.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=xdjy_attack_t
plant() {
	# $1: label for the hits; runs as the attacker
	psql -X -q -v ON_ERROR_STOP=1 -d $db <<SQL
SET ROLE xdjy_attacker;
CREATE OR REPLACE FUNCTION public.xdjy_hit(t text) RETURNS boolean LANGUAGE sql AS
	\$\$ INSERT INTO public.xdjy_hits VALUES (t, '$1'); SELECT true \$\$;
-- shadows of built-ins the extension may call, with exact and with
-- better-matching signatures
CREATE OR REPLACE FUNCTION public.lower(text) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('lower') THEN pg_catalog.lower(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.lower(varchar) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('lower(varchar)') THEN pg_catalog.lower(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.upper(text) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('upper') THEN pg_catalog.upper(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('now') THEN pg_catalog.now() END \$\$;
CREATE OR REPLACE FUNCTION public.length(text) RETURNS int LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('length') THEN pg_catalog.length(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.substr(text, int, int) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('substr') THEN pg_catalog.substr(\$1, \$2, \$3) END \$\$;
CREATE OR REPLACE FUNCTION public.left(text, int) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('left') THEN pg_catalog.left(\$1, \$2) END \$\$;
CREATE OR REPLACE FUNCTION public.format(text, variadic text[]) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('format') THEN \$1 END \$\$;
CREATE OR REPLACE FUNCTION public.daterange(date, date, text) RETURNS daterange LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('daterange') THEN pg_catalog.daterange(\$1, \$2, \$3) END \$\$;
CREATE OR REPLACE FUNCTION public.date_trunc(text, date) RETURNS timestamp LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('date_trunc(date)') THEN pg_catalog.date_trunc(\$1, \$2::timestamp) END \$\$;
CREATE OR REPLACE FUNCTION public.make_date(int, int, int) RETURNS date LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('make_date') THEN pg_catalog.make_date(\$1, \$2, \$3) END \$\$;
CREATE OR REPLACE FUNCTION public.pg_extension_config_dump(regclass, text) RETURNS void LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('pg_extension_config_dump'); \$\$;
CREATE OR REPLACE FUNCTION public.left(text, bigint) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('left(bigint)') THEN pg_catalog.left(\$1, \$2::int) END \$\$;
CREATE OR REPLACE FUNCTION public.lpad(text, int, text) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('lpad') THEN pg_catalog.lpad(\$1, \$2, \$3) END \$\$;
CREATE OR REPLACE FUNCTION public.isfinite(date) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('isfinite') AND pg_catalog.isfinite(\$1) \$\$;
CREATE OR REPLACE FUNCTION public.upper_inf(daterange) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('upper_inf') AND pg_catalog.upper_inf(\$1) \$\$;
CREATE OR REPLACE FUNCTION public.lower(daterange) RETURNS date LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('lower(daterange)') THEN pg_catalog.lower(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.nextval(text) RETURNS bigint LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('nextval(text)') THEN pg_catalog.nextval(\$1::regclass) END \$\$;
CREATE OR REPLACE FUNCTION public.pg_get_serial_sequence(text, text) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('pg_get_serial_sequence') THEN pg_catalog.pg_get_serial_sequence(\$1, \$2) END \$\$;
CREATE OR REPLACE FUNCTION public.to_char(date, text) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('to_char(date)') THEN pg_catalog.to_char(\$1, \$2) END \$\$;
CREATE OR REPLACE FUNCTION public.concat_ws(text, variadic text[]) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('concat_ws') THEN \$1 END \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_i8_eq(bigint, bigint) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('=(bigint)') AND \$1 OPERATOR(pg_catalog.=) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_date_lt(date, date) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('<(date)') AND \$1 OPERATOR(pg_catalog.<) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_range_has(daterange, date) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('@>(daterange,date)') AND \$1 OPERATOR(pg_catalog.@>) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_text_cat(text, text) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('||') THEN \$1 OPERATOR(pg_catalog.||) \$2 END \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_text_re(text, text) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('~') AND \$1 OPERATOR(pg_catalog.~) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_i8_mi(bigint, bigint) RETURNS bigint LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('-(bigint)') THEN \$1 OPERATOR(pg_catalog.-) \$2 END \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_text_eq(text, text) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('=') AND \$1 OPERATOR(pg_catalog.=) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_vc_eq(varchar, text) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('=(varchar,text)') AND \$1 OPERATOR(pg_catalog.=) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_date_le(date, date) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('<=(date)') AND \$1 OPERATOR(pg_catalog.<=) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_int8_pl(bigint, bigint) RETURNS bigint LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('+(bigint)') THEN \$1 OPERATOR(pg_catalog.+) \$2 END \$\$;
DO \$\$ BEGIN
	CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.xdjy_text_eq);
	CREATE OPERATOR public.= (LEFTARG = varchar, RIGHTARG = text, FUNCTION = public.xdjy_vc_eq);
	CREATE OPERATOR public.<= (LEFTARG = date, RIGHTARG = date, FUNCTION = public.xdjy_date_le);
	CREATE OPERATOR public.+ (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.xdjy_int8_pl);
	CREATE OPERATOR public.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.xdjy_i8_eq);
	CREATE OPERATOR public.< (LEFTARG = date, RIGHTARG = date, FUNCTION = public.xdjy_date_lt);
	CREATE OPERATOR public.@> (LEFTARG = daterange, RIGHTARG = date, FUNCTION = public.xdjy_range_has);
	CREATE OPERATOR public.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = public.xdjy_text_cat);
	CREATE OPERATOR public.~ (LEFTARG = text, RIGHTARG = text, FUNCTION = public.xdjy_text_re);
	CREATE OPERATOR public.- (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.xdjy_i8_mi);
EXCEPTION WHEN duplicate_function THEN NULL;
END \$\$;
-- tables and views named like xdjy's, which an unqualified name would hit
DO \$\$ DECLARE t text; BEGIN
	FOREACH t IN ARRAY ARRAY['region','institution','person','channel','filing','encounter',
		'settlement','settlement_attempt','manual_claim','policy','holiday','error_code',
		'party_report','ledger','referral','filing_history','filing_exemption','institution_choice',
		'institution_choice_rule','first_selfpay_ceiling','ratio_adjustment','home_benefit_kept',
		'detail_upload','clearing_confirmation','clearing_declaration','provincial_clearing',
		'clearing_transfer','operator_region','insutype_map','med_type_map','clr_type_map',
		'stmt_detail_upload','clearing_detail_confirmation','clearing_detail','setlinfo',
		'remote_direct_settlement','reconciliation_mismatch','kpi_monthly','coverage_gap'] LOOP
		IF to_regclass('public.' || t) IS NULL THEN
			EXECUTE pg_catalog.format('CREATE VIEW public.%I AS SELECT * FROM (VALUES (1)) v(x) WHERE public.xdjy_hit(%L)', t, 'table ' || t);
		END IF;
	END LOOP;
END \$\$;
SQL
}

# called back from inside the demo, right after CREATE EXTENSION
if [ "${1:-}" = plant-after ]; then plant after >/dev/null; exit 0; fi

dropdb --if-exists $db >/dev/null 2>&1
psql -X -q -c "DROP ROLE IF EXISTS xdjy_attacker" >/dev/null 2>&1
createdb $db || { echo "Bail out! createdb"; exit 1; }
echo "1..7"

psql -X -q -v ON_ERROR_STOP=1 -d $db <<'SQL' || { echo "Bail out! setup"; exit 1; }
CREATE ROLE xdjy_attacker NOLOGIN;
GRANT CREATE, USAGE ON SCHEMA public TO xdjy_attacker;
CREATE TABLE public.xdjy_hits (what text, planted text);
GRANT INSERT, SELECT ON public.xdjy_hits TO PUBLIC;
SQL
plant before && echo "ok 1 - attacker planted shadows before CREATE EXTENSION" || echo "not ok 1 - planting failed"

# the demo creates the extension; run it with public first in search_path
sed -e 's/^SET search_path = xdjy, public;/SET search_path = public, xdjy;/' \
	-e '/^CREATE EXTENSION xdjy CASCADE;/a\
\\! bash test/t/060_search_path_attack.sh plant-after' test/demo/demo.sql > /tmp/xdjy_attack_demo.sql
PGOPTIONS='-c search_path=public' psql -X -q -d $db -f /tmp/xdjy_attack_demo.sql >/tmp/xdjy_attack.out 2>&1
grep -q 'xdjy' /tmp/xdjy_attack.out && echo "ok 2 - the demo workload ran with public first in search_path" || echo "not ok 2 - demo did not run"
after=$(psql -X -At -d $db -c "SELECT count(*) FROM pg_proc WHERE proname = 'xdjy_hit' AND pronamespace = 'public'::regnamespace")
[ "$after" = 1 ] && echo "ok 3 - shadows present after CREATE EXTENSION too" || echo "not ok 3 - shadows missing"
# Beyond the demo (whose own unqualified names a hostile public first in
# search_path redirects to the attacker's views): a careful client names
# xdjy's objects and pg_catalog's operators, and every function, trigger
# and view of the extension runs once with search_path = public,
# pg_catalog, xdjy: the attacker's operators and functions now come
# BEFORE the built-ins, so any unqualified name inside xdjy would call
# them.  As superuser and as an operator under row-level security.
cat >/tmp/xdjy_attack_workload.sql <<'SQL'
SET search_path = public, pg_catalog, xdjy;
INSERT INTO xdjy.person (id, name, insured_region, scheme) VALUES
	('atk-1', '攻击测试一', '440300', 'employee'), ('atk-2', '攻击测试二', '440300', 'employee'),
	('atk-3', '攻击测试三', '220100', 'resident');
INSERT INTO xdjy.region (code, name_zh, level, parent_code) VALUES ('440399', '测试区', 'county', '440300');
UPDATE xdjy.person SET name = '攻击测试一号' WHERE id OPERATOR(pg_catalog.=) 'atk-1';
INSERT INTO xdjy.institution (code, name_zh, region_code, tier, networked_inpatient, networked_outpatient)
	VALUES ('ATK-H1', '测试医院', '440399', 2, true, true);
INSERT INTO xdjy.policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp,
		first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('440300', 'employee', 'local', 'outpatient', '[2031-01-01,2032-01-01)', 1000, 9000, 0, 200000, 'outpatient', 'atk'),
	('440300', 'employee', 'local', 'inpatient', '[2031-01-01,2032-01-01)', 50000, 9000, 0, 5000000, 'inpatient', 'atk'),
	('440300', 'employee', 'temporary', 'outpatient', '[2031-01-01,2032-01-01)', 1000, 7000, 1000, 200000, 'outpatient', 'atk'),
	('440300', 'employee', 'unfiled', 'outpatient', '[2031-01-01,2032-01-01)', 1000, 5000, 1000, 200000, 'outpatient', 'atk');
INSERT INTO xdjy.first_selfpay_ceiling (province, visit_type, valid, ceiling_bp, source) VALUES ('44', 'pharmacy', '[2031-01-01,)', 1000, 'atk');
INSERT INTO xdjy.ratio_adjustment (province, category, kind, points_bp, valid, source, note_en, note_zh)
	VALUES ('44', 'temporary', 'delta', -500, '[2031-01-01,)', 'atk', 'atk', 'atk');
INSERT INTO xdjy.home_benefit_kept (province, valid, source) VALUES ('44', '[2031-01-01,)', 'atk');
INSERT INTO xdjy.holiday (day, is_workday, note) VALUES ('2031-01-06', false, 'atk');
DELETE FROM xdjy.holiday WHERE day OPERATOR(pg_catalog.=) '2031-01-06';
SELECT xdjy.is_working_day('2031-01-06'), xdjy.add_working_days('2031-01-06', 22), xdjy.add_working_days('2031-01-06', -5);
-- filings: every function and the rules behind them
SELECT xdjy.file_long_term('atk-1', '110000', '2031-03-01', '2031-03-03', 'window') AS lt \gset
SELECT xdjy.file_temporary('atk-2', '310000', '2030-12-01', '2031-01-02', 'phone') AS tmp \gset
SELECT xdjy.file_temporary('atk-2', '220200', '2031-01-01', '2031-01-02') AS tmp2 \gset
UPDATE xdjy.filing SET proof = 'residence_permit' WHERE id OPERATOR(pg_catalog.=) :lt;
SELECT xdjy.change_filing(:tmp, '440100', '2031-02-01');
SELECT xdjy.cancel_filing(:tmp2, '2031-02-01');
SELECT count(*) FROM xdjy.filing_at('atk-1', '110105', '2031-04-01');
SELECT xdjy.filing_exempt('440300', '440100', '2031-01-01'), xdjy.is_chosen_institution('atk-1', 'ATK-H1', '2031-04-01');
SELECT xdjy.file_long_term('atk-3', '110000', '2031-03-01', '2031-03-01') AS jl \gset
SELECT xdjy.choose_institution(:jl, 'H11010500002', true, '2031-03-10');
-- encounters, settlements, reversals, explanations, claims, referrals
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('atk-2', 'ATK-H1', 'inpatient', '2031-05-01', '2031-05-09') RETURNING id AS stay \gset
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on, attached_to)
	VALUES ('atk-2', 'H44030400001', 'outpatient', '2031-05-03', :stay);
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
	VALUES ('atk-2', 'ATK-H1', 'outpatient', '2031-06-01') RETURNING id AS visit \gset
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
	VALUES ('atk-1', 'H11010500001', 'outpatient', '2031-06-02') RETURNING id AS bj \gset
SELECT id AS s1 FROM xdjy.settle(:visit, 30000, 1000, 'ATK-1', '2031-06-01') \gset
SELECT id AS s2 FROM xdjy.settle(:stay, 900000, 0, 'ATK-2', '2031-05-09') \gset
SELECT id AS s3 FROM xdjy.settle(:bj, 40000, 0, 'ATK-3', '2031-06-02') \gset
SELECT (xdjy.try_settle(:visit, 100, 0, 'ATK-1', '2031-06-01')).id IS NULL AS recorded_attempt;
SELECT xdjy.reverse_settlement(:s1, '2031-06-05');
SELECT count(*) FROM xdjy.explain_settlement(:s2, 'en');
SELECT count(*) FROM xdjy.explain_settlement(:s3, 'zh');
SELECT * FROM xdjy.settlement_amounts(100000, 1000, 1000, 50000, 0, 9000, 5000000, 0);
INSERT INTO xdjy.referral (person_id, issued_by, issued_on, diagnosis) VALUES ('atk-2', 'H44030400001', '2031-01-10', 'C34');
INSERT INTO xdjy.manual_claim (encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
	VALUES (:visit, 'ATK-C1', 20000, '2031-06-10', '2031-06-12') RETURNING id AS claim \gset
SELECT xdjy.decide_manual_claim(:claim, '2031-06-20') IS NOT NULL AS decided;
-- reporting: every table, function and view
INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
SELECT p, :s3, '2031-06-02', total_fen, fund_fen, personal_fen FROM xdjy.settlement, pg_catalog.unnest(ARRAY['insured', 'treatment']) p
WHERE id OPERATOR(pg_catalog.=) :s3;
INSERT INTO xdjy.detail_upload VALUES (:s2, '2031-05-11');
INSERT INTO xdjy.clearing_confirmation (month, institution_code, confirmed_on, fund_fen) VALUES ('2031-06-01', 'H11010500001', '2031-07-15', 1);
INSERT INTO xdjy.clearing_declaration (month, institution_code, declared_on, fund_fen) VALUES ('2031-06-01', 'H11010500001', '2031-07-16', 1);
INSERT INTO xdjy.provincial_clearing VALUES ('440000', '2031-06-01', '2031-07-25');
INSERT INTO xdjy.clearing_transfer (month, region_code, transferred_on, fund_fen) VALUES ('2031-06-01', '440300', '2031-07-20', 1);
DO $w$
DECLARE v regclass; n bigint;
BEGIN
	FOR v IN SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace OPERATOR(pg_catalog.=) 'xdjy'::regnamespace
		AND c.relkind OPERATOR(pg_catalog.=) 'v' ORDER BY 1 LOOP
		EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM (SELECT x::text FROM %s x) s', v) INTO n;
	END LOOP;
END $w$;
SELECT count(*) FROM xdjy.reconciliation_monthly_as_of('2031-08-01');
SELECT (xdjy.record_daily_reconciliation('2031-06-02')).settlements, (xdjy.record_daily_reconciliation('2031-06-02')).matched;
SELECT count(*) FROM xdjy.version();
DO $w$ BEGIN PERFORM xdjy.schedule_daily_reconciliation('01:30'); EXCEPTION WHEN sqlstate 'YB010' THEN NULL; END $w$;
SELECT count(*) FROM xdjy.detail_upload_overdue_as_of('2031-08-01');
SELECT count(*) FROM xdjy.clearing_monthly_as_of('2031-08-01');
SELECT count(*) FROM xdjy.manual_claim_due_as_of('2031-08-01');
SELECT xdjy.reporting_label('overdue', 'zh'), xdjy.rate_bp(49, 50), xdjy.rate_meets(49, 50, 9800),
	xdjy.kpi_target_bp('network_success'), xdjy.coverage_minimum('county_chronic'), xdjy.province_of('440399'),
	xdjy.month_of('2031-06-17'), xdjy.reconciliation_due_on('2031-06-17'), xdjy.detail_upload_due_on('2031-06-17'),
	xdjy.clearing_confirm_due_on('2031-06-17'), xdjy.clearing_pay_due_on('2031-06-17'),
	xdjy.clearing_transfer_due_on('2031-07-25'), xdjy.deadline_status('2031-07-03', NULL, '2031-07-04'),
	xdjy.deadline_missed('2031-07-03', '2031-07-02', '2031-07-04'),
	xdjy.reconciliation_kinds(ARRAY[1, 1, 0]::bigint[], ARRAY[1, 1, 0]::bigint[], NULL, ARRAY[2, 1, 1]::bigint[]);
-- national interface
SELECT xdjy.fen_to_yuan(-30001), xdjy.yuan_to_fen(300.01), xdjy.treatment_scope('440300', '110000'),
	xdjy.pooling_region('440399'), xdjy.label('active'::xdjy.filing_status, 'zh'),
	xdjy.label('long_term_resident'::xdjy.residence_category, 'en'),
	xdjy.filing_status_can_transition('active', 'changed');
SELECT * FROM xdjy.stmt_total('440300', '310', '11', '2031-06-01', '2031-06-30', 400.00, 280.00, 0, 1, '1', 'H11010500001');
INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt)
	VALUES ('atk-batch', :s3, :bj, 'atk-1', 400.00, 280.00);
SELECT count(*) FROM xdjy.stmt_detail('atk-batch', '440300', '310', '11', '2031-06-01', '2031-06-30');
SELECT * FROM xdjy.stmt_compare(1, 400.00, 280.00, 0, 1, 400.00, 280.00, 0);
SELECT xdjy.clearing_confirm(:s3, '1', '2031-07-10');
SELECT xdjy.clearing_rollback('H11010500001', 2031, 6, '2031-07-11');
SELECT xdjy.clearing_confirm_month('H11010500001', 2031, 6, '1', '2031-07-12');
SELECT count(*) FROM xdjy.export_setlinfo('2031-01-01', '2031-12-31');
SELECT xdjy.national_check_period('2031-01-01', '2031-01-31');
INSERT INTO xdjy.med_type_map (visit_type, emergency, trauma, med_type, name_zh) VALUES ('inpatient', true, false, '24', '急诊住院');
-- as an operator of Shenzhen under row-level security, public still first
CREATE ROLE atk_operator NOLOGIN IN ROLE xdjy_operator;
INSERT INTO xdjy.operator_region VALUES ('atk_operator', '440300');
GRANT CREATE, USAGE ON SCHEMA public TO atk_operator;
SET ROLE atk_operator;
SET search_path = public, pg_catalog, xdjy;
SELECT xdjy.file_temporary('atk-2', '220100', '2031-08-01', '2031-08-01');
INSERT INTO xdjy.encounter (person_id, institution_code, visit_type, admitted_on)
	VALUES ('atk-2', 'ATK-H1', 'outpatient', '2031-08-02') RETURNING id AS opv \gset
SELECT (xdjy.settle(:opv, 5000, 0, 'ATK-4', '2031-08-02')).id IS NOT NULL AS operator_settled;
SELECT count(*) FROM xdjy.explain_settlement((SELECT pg_catalog.max(id) FROM xdjy.settlement WHERE invoice_no OPERATOR(pg_catalog.=) 'ATK-4'));
SELECT count(*) FROM (SELECT x::text FROM xdjy.reconciliation_mismatch x) s;
SELECT count(*) FROM (SELECT x::text FROM xdjy.clearing_monthly x) s;
RESET ROLE;
SQL
PGOPTIONS='-c search_path=public' psql -X -q -d $db -f /tmp/xdjy_attack_workload.sql >/tmp/xdjy_attack_workload.out 2>&1
errors=$(grep -c 'ERROR' /tmp/xdjy_attack_workload.out)
done_q="SELECT (SELECT count(*) FROM xdjy.settlement WHERE invoice_no LIKE 'ATK-%' AND reverses IS NULL)
	|| ' settlements, ' || (SELECT count(*) FROM xdjy.settlement WHERE invoice_no LIKE 'ATK-%' AND reverses IS NOT NULL)
	|| ' reversal, ' || (SELECT count(*) FROM xdjy.filing WHERE person_id LIKE 'atk-%')
	|| ' filings, ' || (SELECT count(*) FROM xdjy.clearing_detail_confirmation c JOIN xdjy.settlement s ON s.id = c.setl_sn WHERE s.invoice_no LIKE 'ATK-%')
	|| ' clearing answers, ' || (SELECT count(*) FROM xdjy.manual_claim WHERE invoice_no LIKE 'ATK-%' AND status <> 'open') || ' claim decided'"
done_s=$(psql -X -At -d $db -c "$done_q")
if [ "$errors" = 0 ] && [ "$done_s" = "5 settlements, 1 reversal, 6 filings, 3 clearing answers, 1 claim decided" ]; then
	echo "ok 4 - every xdjy function, trigger and view ran with public first in search_path ($done_s)"
else
	echo "not ok 4 - the workload did not run through: $errors errors, $done_s"
	grep -B2 ERROR /tmp/xdjy_attack_workload.out | head -30 | sed 's/^/# /'
fi
op=$(psql -X -At -d $db -c "SELECT count(*) FROM xdjy.settlement WHERE invoice_no = 'ATK-4'")
[ "$op" = 1 ] && echo "ok 5 - the operator's settlement went through the definer triggers under row-level security" \
	|| echo "not ok 5 - the operator's settlement is missing"
psql -X -q -d $db -c "DROP OWNED BY atk_operator" -c "DROP ROLE atk_operator" >/dev/null 2>&1

hits=$(psql -X -At -d $db -c "SELECT count(*) FROM public.xdjy_hits")
if [ "$hits" = 0 ]; then echo "ok 6 - attacker code invocations: 0"
else
	echo "not ok 6 - attacker code invocations: $hits"
	psql -X -At -d $db -c "SELECT planted, what, count(*) FROM public.xdjy_hits GROUP BY 1, 2 ORDER BY 1, 2" | sed 's/^/# /'
fi
# control: the same search_path does hand unqualified names to the
# attacker, so the 0 above is xdjy's doing, not a dead trap
ctl=$(psql -X -At -d $db -c "SET search_path = public, pg_catalog, xdjy" \
	-c "SELECT count(*) FROM xdjy.settlement s WHERE s.id = 1::bigint" \
	-c "SELECT count(*) FROM public.xdjy_hits" 2>&1 | tail -1)
[ "${ctl:-0}" -gt 0 ] 2>/dev/null && echo "ok 7 - control: an unqualified = in a client query does reach the attacker ($ctl hits)" \
	|| echo "not ok 7 - control: the planted operators caught nothing ($ctl)"
dropdb $db >/dev/null 2>&1
psql -X -q -c "DROP ROLE IF EXISTS xdjy_attacker" >/dev/null 2>&1
