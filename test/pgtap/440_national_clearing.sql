-- 3260 提取异地清分明细 / 3261 清分结果确认 / 3262 确认回退 (国家医疗保障信息平台 接口规范;
-- 鲁医保发〔2022〕26号 第四条(二): 当月费用应于次月 20 日前完成与异地定点联网医药机构对账确认):
-- clearing_detail in 3260's shape, a month confirmed and rolled back, the
-- rules of the answer log.
--
-- NAT-H1's clearing rows of March 2024: 9101, 9102, 9103, 9104, 9107, 9108
-- (not 9106: local; not 9109: manual; 9110 is April; 9105, 9111 elsewhere).
BEGIN;
SELECT plan(41);
SET LOCAL search_path = xdjy, public;
\i test/fixtures/national.sql

SELECT columns_are('xdjy', 'clearing_detail', ARRAY['trt_year', 'trt_month', 'mdtrtarea', 'medins_no', 'certno',
	'psn_no', 'mdtrt_id', 'setl_sn', 'medfee_sumamt', 'optins_pay_sumamt', 'insuplc_admdvs', 'setl_time',
	'refd_setl_flag', 'cnfm_flag', 'cnfm_date', 'cnfm_opter', 'acct_pay'], 'clearing_detail has 3260''s columns, the answer and the account payment');
SELECT results_eq(
	$$SELECT setl_sn FROM xdjy.clearing_detail WHERE medins_no = 'NAT-H1' AND trt_year = 2024 AND trt_month = 3 ORDER BY 1$$,
	ARRAY[9101, 9102, 9103, 9104, 9107, 9108]::bigint[],
	'March at NAT-H1: the direct remote settlements, reversal included; not the local 9106 nor the manual 9109');
SELECT is((SELECT format('%s %s %s %s %s %s', trt_year, trt_month, mdtrtarea, certno, medfee_sumamt, optins_pay_sumamt)
		FROM clearing_detail WHERE setl_sn = 9101),
	'2024 3 370100 110105199001011234 10000.00 7470.00', '9101 in 3260''s terms');
SELECT is((SELECT format('%s %s %s', medfee_sumamt, optins_pay_sumamt, refd_setl_flag) FROM clearing_detail WHERE setl_sn = 9104),
	'-300.01 -135.01 1', 'a reversal clears negative');
SELECT is((SELECT trt_month FROM clearing_detail WHERE setl_sn = 9110), 4, '9110, settled 2024-04-01, clears in April');
SELECT is((SELECT count(*) FROM clearing_detail WHERE cnfm_flag IS NOT NULL), 0::bigint, 'nothing is answered yet');

-- confirm the month (3261) --------------------------------------------------------
SELECT is(clearing_confirm_month('NAT-H1', 2024, 3, '1', '2024-04-10'), 6, '3261: the 6 rows of March are confirmed');
SELECT is((SELECT array_agg(DISTINCT cnfm_flag) FROM clearing_detail WHERE medins_no = 'NAT-H1' AND trt_month = 3),
	ARRAY['1'], 'every March row now has cnfm_flag 1');
SELECT is((SELECT array_agg(DISTINCT cnfm_date) FROM clearing_detail WHERE medins_no = 'NAT-H1' AND trt_month = 3),
	ARRAY['2024-04-10'::date], 'with the business date of the answer');
SELECT is((SELECT cnfm_opter FROM clearing_detail WHERE setl_sn = 9101), current_user::text, 'and who answered');
SELECT is((SELECT cnfm_flag FROM clearing_detail WHERE setl_sn = 9110), NULL, 'April is untouched');
SELECT is((SELECT format('%s %s %s %s %s', setl_cnt, agreed_cnt, disputed_cnt, open_cnt, confirmed_on)
		FROM clearing_confirmation_monthly WHERE medins_no = 'NAT-H1' AND trt_month = 3),
	'6 6 0 0 2024-04-10', 'the month is confirmed on 2024-04-10 (due the 20th, 鲁医保发〔2022〕26号 第四条(二))');
SELECT is(clearing_confirm_month('NAT-H1', 2024, 3), 0, 'confirming the month again answers nothing more');
SELECT throws_ok('SELECT xdjy.clearing_confirm(9101)', 'YB706', NULL, 'a confirmed row cannot be confirmed again: YB706');

-- roll the month back (3262) -------------------------------------------------------
SELECT is(clearing_rollback('NAT-H1', 2024, 3, '2024-04-12'), 6, '3262: the 6 answers are withdrawn');
SELECT is((SELECT count(*) FROM clearing_detail WHERE medins_no = 'NAT-H1' AND cnfm_flag IS NOT NULL), 0::bigint,
	'after the roll-back every row is unanswered');
SELECT is((SELECT format('%s %s %s', agreed_cnt, open_cnt, confirmed_on IS NULL)
		FROM clearing_confirmation_monthly WHERE medins_no = 'NAT-H1' AND trt_month = 3),
	'0 6 t', 'the month is open again');
SELECT is(clearing_rollback('NAT-H1', 2024, 3), 0, 'rolling back an open month withdraws nothing');
SELECT throws_ok($$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action) VALUES (9101, 'rollback')$$,
	'YB707', NULL, 'an unanswered row cannot be rolled back: YB707');

-- answered again, one row disputed
SELECT ok(clearing_confirm(9103, '0', '2024-04-15', '承诺书待核') IS NOT NULL, '9103 disputed (cnfm_flag 0)');
SELECT is(clearing_confirm_month('NAT-H1', 2024, 3, '1', '2024-04-15'), 5, 'the other 5 agreed');
SELECT is((SELECT format('%s %s %s %s', agreed_cnt, disputed_cnt, open_cnt, confirmed_on)
		FROM clearing_confirmation_monthly WHERE medins_no = 'NAT-H1' AND trt_month = 3),
	'5 1 0 2024-04-15', 'a disputed row is answered: the month is complete');
SELECT throws_ok('SELECT xdjy.clearing_confirm(9103, ''1'')', 'YB706', NULL, 'a disputed row is answered too: YB706');
SELECT results_eq($$SELECT seq, action, cnfm_flag, recorded_on FROM xdjy.clearing_detail_confirmation WHERE setl_sn = 9103 ORDER BY seq$$,
	$$VALUES (1, 'confirm', '1', '2024-04-10'::date), (2, 'rollback', NULL, '2024-04-12'), (3, 'confirm', '0', '2024-04-15')$$,
	'the log keeps every answer of 9103, numbered 1, 2, 3');

-- what cannot be answered ------------------------------------------------------------
SELECT throws_ok('SELECT xdjy.clearing_confirm(9106)', 'YB705', NULL, 'a local settlement is not in remote clearing: YB705');
SELECT throws_ok('SELECT xdjy.clearing_confirm(9109)', 'YB705', NULL, 'a manual settlement is not in remote clearing: YB705');
SELECT throws_ok('SELECT xdjy.clearing_confirm(999999)', 'YB001', NULL, 'an unknown settlement: YB001');
SELECT throws_ok('SELECT xdjy.clearing_confirm(9110, ''2'')', '23514', NULL, 'cnfm_flag 2: 23514');
SELECT throws_ok($$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES (9110, 'confirm', NULL)$$,
	'23514', NULL, 'a confirm without cnfm_flag: 23514');
SELECT throws_ok($$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES (9110, 'approve', '1')$$,
	'23514', NULL, 'an action other than confirm/rollback: 23514');
SELECT lives_ok($$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag, recorded_on) VALUES (9110, 'confirm', '1', '2024-05-08')$$,
	'a plain INSERT obeys the same rules (9110 answered)');
SELECT is((SELECT seq FROM clearing_detail_confirmation WHERE setl_sn = 9110), 1, 'and is numbered by the trigger');
SELECT throws_ok($$INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action, cnfm_flag) VALUES (9110, 'confirm', '0')$$,
	'YB706', NULL, 'a plain INSERT answering twice: YB706');

-- the log is append-only ------------------------------------------------------------
SELECT throws_ok($$UPDATE xdjy.clearing_detail_confirmation SET cnfm_flag = '0' WHERE setl_sn = 9110$$,
	'YB708', NULL, 'UPDATE of the log: YB708');
SELECT throws_ok($$DELETE FROM xdjy.clearing_detail_confirmation WHERE setl_sn = 9110$$,
	'YB708', NULL, 'DELETE from the log: YB708');
SELECT throws_ok($$UPDATE xdjy.clearing_detail_confirmation SET seq = 7 WHERE setl_sn = 9110$$,
	'YB708', NULL, 'renumbering the log: YB708');

-- an institution's operator answers without UPDATE rights on settlement
CREATE ROLE institution_operator;
GRANT USAGE ON SCHEMA xdjy TO institution_operator;
GRANT SELECT ON xdjy.settlement, xdjy.person, xdjy.clearing_detail, xdjy.clearing_detail_confirmation TO institution_operator;
GRANT INSERT ON xdjy.clearing_detail_confirmation TO institution_operator;
GRANT USAGE ON SEQUENCE xdjy.clearing_detail_confirmation_id_seq TO institution_operator;
-- what row-level security lets it see, should the tables have it
CREATE POLICY institution_operator_sees ON xdjy.settlement FOR SELECT TO institution_operator USING (institution_code = 'NAT-P1');
CREATE POLICY institution_operator_sees ON xdjy.person FOR SELECT TO institution_operator USING (true);
CREATE POLICY institution_operator_sees ON xdjy.clearing_detail_confirmation TO institution_operator USING (true) WITH CHECK (true);
SET LOCAL ROLE institution_operator;
SELECT is(xdjy.clearing_confirm_month('NAT-P1', 2024, 3, '1', '2024-04-11'), 1,
	'an operator with INSERT on the log (no UPDATE on settlement) confirms: the rule''s row lock runs as the owner');
SELECT is((SELECT recorded_by FROM xdjy.clearing_detail_confirmation WHERE setl_sn = 9105), 'institution_operator',
	'and the log records the operator, not the owner');
SELECT throws_ok('SELECT xdjy.clearing_confirm(9105)', 'YB706', NULL, 'the rules hold for the operator too: YB706');
RESET ROLE;

-- REPEATABLE READ cannot double-answer: the second answer collides on seq
SELECT has_index('xdjy', 'clearing_detail_confirmation', 'clearing_detail_confirmation_setl_sn_seq_key',
	'UNIQUE (setl_sn, seq) backs the trigger''s numbering');
SELECT is((SELECT count(*) FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'xdjy'
		AND c IN ('xdjy.clearing_detail_confirmation'::regclass,
			pg_get_serial_sequence('xdjy.clearing_detail_confirmation', 'id')::regclass)), 2::bigint,
	'the log and its id sequence are dumped');

SELECT * FROM finish();
ROLLBACK;
