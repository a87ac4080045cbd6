-- Pre-settlement (预结算) with the personal account, and the settlement
-- that differs from it saying why (compare_presettlement): a ledger moved
-- by another settlement of the person between the two (鲁医保发〔2021〕46号
-- 第四条: nothing paid twice, nor differently without a reason).
BEGIN;
SELECT plan(16);
SET LOCAL search_path = xdjy, public;
SET LOCAL xdjy.language = en;

INSERT INTO person VALUES ('tap-pc-1', '预结算一', '370100', 'employee');
INSERT INTO institution (code, name_zh, region_code, tier, networked_inpatient, networked_outpatient)
VALUES ('TAP-PC-H', '济南预结算测试医院', '370102', 3, true, true);
INSERT INTO policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group, note) VALUES
	('370100', 'employee', 'local', 'inpatient', '[2024-01-01,)', 100000, 9000, 0, 50000000, 'inpatient', 'tap-pc');
INSERT INTO personal_account_movement (person_id, kind, amount_fen, moved_on)
	VALUES ('tap-pc-1', 'credit', 5000, '2024-01-02');
INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on, discharged_on) VALUES
	('tap-pc-1', 'TAP-PC-H', 'inpatient', '2024-08-01', '2024-08-03'),
	('tap-pc-1', 'TAP-PC-H', 'inpatient', '2024-08-10', '2024-08-12');
SELECT min(id) AS e1, max(id) AS e2 FROM encounter WHERE person_id = 'tap-pc-1' \gset

CREATE FUNCTION pg_temp.req(infno text, msgid text, input jsonb, t text DEFAULT '2024-08-14 10:00:00')
RETURNS jsonb LANGUAGE sql AS $$
	SELECT jsonb_build_object('infno', infno, 'msgid', msgid, 'fixmedins_code', 'TAP-PC-H',
		'inf_time', t, 'mdtrtarea_admvs', '370100', 'insuplc_admdvs', '370100', 'opter', 'tap',
		'input', input)
$$;
CREATE FUNCTION pg_temp.code(r jsonb) RETURNS text LANGUAGE sql AS $$
	SELECT substring(r ->> 'err_msg' FROM '^\[(\w{5})\]')
$$;

-- presettle with acct_used: what the account would pay, nothing debited
SELECT * INTO TEMP pre1 FROM presettle(:e1, 200000, 0, 'TAP-PC-1', '2024-08-03', acct_used => true);
SELECT is((SELECT ROW(acct_pay_fen, acct_balance_fen, cash_pay_fen) FROM pre1),
	ROW(5000::bigint, 0::bigint, (SELECT personal_fen - 5000 FROM pre1)),
	'presettle(acct_used): acct_pay 5000 fen (the whole balance), balc 0, the rest in cash');
SELECT is((SELECT balance_fen FROM personal_account WHERE person_id = 'tap-pc-1'), 5000::bigint,
	'presettle(acct_used) debits nothing: the balance stays 5000 fen');
SELECT is((SELECT count(*) FROM personal_account_movement WHERE person_id = 'tap-pc-1'), 1::bigint,
	'presettle(acct_used) records no movement');
SELECT * INTO TEMP post1 FROM settle(:e1, 200000, 0, 'TAP-PC-1', '2024-08-03', acct_used => true);
SELECT is((SELECT to_jsonb(p) - '{id,created_at}'::text[] FROM pre1 p), (SELECT to_jsonb(s) - '{id,created_at}'::text[] FROM post1 s),
	'presettle(acct_used) equals settle(acct_used) right after it, the account included');
SELECT is((SELECT same FROM compare_presettlement((SELECT jsonb_populate_record(NULL::settlement, to_jsonb(p)) FROM pre1 p), (SELECT id FROM post1))), true,
	'compare_presettlement: the same in every amount');
SELECT is((SELECT differences FROM compare_presettlement((SELECT jsonb_populate_record(NULL::settlement, to_jsonb(p)) FROM pre1 p), (SELECT id FROM post1))), '[]'::jsonb,
	'compare_presettlement: no difference listed');
SELECT matches((SELECT explanation FROM compare_presettlement((SELECT jsonb_populate_record(NULL::settlement, to_jsonb(p)) FROM pre1 p), (SELECT id FROM post1))),
	'equals the pre-settlement in every amount', 'the explanation says so');
SELECT is((SELECT t.id FROM try_settle(:e2, 100, 0, 'TAP-PC-T', '2024-08-12', acct_used => NULL) t), NULL::bigint,
	'try_settle takes acct_used (NULL: refused by the column, recorded, NULL returned)');

-- a ledger moved in between: pre-settle e2, revert e1 (ledgers given back), settle e2
SELECT * INTO TEMP pre2 FROM presettle(:e2, 150000, 0, 'TAP-PC-2', '2024-08-12');
SELECT reverse_settlement((SELECT id FROM post1), '2024-08-12');
SELECT * INTO TEMP post2 FROM settle(:e2, 150000, 0, 'TAP-PC-2', '2024-08-12');
SELECT is((SELECT same FROM compare_presettlement((SELECT jsonb_populate_record(NULL::settlement, to_jsonb(p)) FROM pre2 p), (SELECT id FROM post2))), false,
	'another settlement of the person moved the ledger: the settlement differs');
SELECT is((SELECT d FROM compare_presettlement((SELECT jsonb_populate_record(NULL::settlement, to_jsonb(p)) FROM pre2 p), (SELECT id FROM post2)) c,
		jsonb_array_elements(c.differences) d WHERE d ->> 'item' = 'deductible_met_before_fen'),
	'{"item": "deductible_met_before_fen", "kind": "input", "presettled": 100000, "settled": 0, "delta": -100000}'::jsonb,
	'the difference names the deductible ledger: 100000 → 0 fen');
SELECT matches((SELECT explanation FROM compare_presettlement((SELECT jsonb_populate_record(NULL::settlement, to_jsonb(p)) FROM pre2 p), (SELECT id FROM post2))),
	'the deductible ledger \(deductible_met_before_fen\) moved from 100000 to 0 fen',
	'the explanation says the deductible ledger moved from 100000 to 0');
SELECT matches((SELECT explanation FROM compare_presettlement((SELECT jsonb_populate_record(NULL::settlement, to_jsonb(p)) FROM pre2 p), (SELECT id FROM post2), 'zh')),
	'起付线台账（deductible_met_before_fen）由 100000 变为 0 分', 'in Chinese too');
SELECT throws_ok($$SELECT compare_presettlement((SELECT jsonb_populate_record(NULL::settlement, to_jsonb(p)) FROM pre2 p), -1)$$, 'YB001', NULL,
	'an unknown settlement: YB001');

-- the interface: acct_used_flag read, a wrong value YB902 naming it
SELECT is(pg_temp.code(call(pg_temp.req('2303', 'TAP-PC-M1', format('{"data": {"psn_no": "tap-pc-1", "mdtrt_id": "%s",
		"invono": "TAP-PC-3", "medfee_sumamt": 10.00, "fulamt_ownpay_amt": 0, "acct_used_flag": "2"}}', :e2)::jsonb))),
	'YB902', 'acct_used_flag "2": YB902');
SELECT is(call(pg_temp.req('2303', 'TAP-PC-M2', format('{"data": {"psn_no": "tap-pc-1", "mdtrt_id": "%s",
		"invono": "TAP-PC-3", "medfee_sumamt": 10.00, "fulamt_ownpay_amt": 0, "acct_used_flag": 1}}', :e2)::jsonb)) ->> 'err_msg',
	'[YB902] interface field of the wrong type: Field "input.data.acct_used_flag" is not a flag "0" or "1".',
	'acct_used_flag as a number: YB902 naming the field');
SELECT is((SELECT effect -> 'presettlement' ->> 'encounter_id' FROM transaction_log WHERE msgid = 'TAP-PC-M2'), NULL,
	'a failed pre-settlement keeps no row');

SELECT * FROM finish();
ROLLBACK;
