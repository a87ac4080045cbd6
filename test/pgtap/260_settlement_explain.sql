-- try_settle records failed attempts with their SQLSTATE (R4, 鲁医保发〔2022〕26号 第一条);
-- explain_settlement shows every step with rule, amount, seed article and
-- ledger, in English or Chinese, replayed from the stored row.
BEGIN;
SELECT plan(26);
\ir include/settlement_data.sql

INSERT INTO filing (person_id, destination_region, category, start_date, applied_on, pledge)
VALUES ('SETL-CC-R', '110000', 'long_term_resident', '2024-01-05', '2024-01-05', true);
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, emergency) VALUES
	(956001, 'SETL-CC-R', 'SETL-BJ-H3', 'inpatient', '2024-03-01', '2024-03-08', false),
	(956002, 'SETL-JN-E', 'SETL-GZ-H3', 'inpatient', '2024-03-01', '2024-03-08', false),
	(956003, 'SETL-JN-E2', 'SETL-SH-H3', 'inpatient', '2024-03-01', '2024-03-08', true);

-- try_settle ------------------------------------------------------------------
SELECT is((SELECT s.fund_fen FROM xdjy.try_settle(956001, 1000000, 0, 'SETL-X-1', '2024-03-08') s),
	658000::bigint, 'try_settle returns the settlement when it passes (吉医保发〔2019〕34号 附件第2条: 70% of 940000)');
SELECT is((SELECT count(*)::int FROM settlement_attempt WHERE invoice_no LIKE 'SETL-X-%'), 0,
	'a successful settlement leaves no attempt row');
SELECT is((SELECT s.id FROM xdjy.try_settle(956002, 1000000, 0, 'SETL-X-2', '2024-03-08') s), NULL::bigint,
	'try_settle returns NULL when the engine rejects');
SELECT is((SELECT sqlstate || ' ' || message || ' ' || encounter_id || ' ' || attempted_on FROM settlement_attempt WHERE invoice_no = 'SETL-X-2'),
	'YB301 direct settlement without filing 956002 2024-03-08', 'R4: the failed attempt is kept with its SQLSTATE');
SELECT is((SELECT count(*)::int FROM settlement WHERE invoice_no = 'SETL-X-2'), 0, 'the rejected settlement left no row');
SELECT is((SELECT s.id FROM xdjy.try_settle(-1, 100, 0, 'SETL-X-3', '2024-03-08') s), NULL::bigint,
	'try_settle of an unknown encounter returns NULL');
SELECT is((SELECT sqlstate || ' ' || coalesce(encounter_id::text, 'null') FROM settlement_attempt WHERE invoice_no = 'SETL-X-3'),
	'YB001 null', 'the attempt on an unknown encounter is kept without it');
SELECT lives_ok($$SELECT xdjy.try_settle(956003, 200000, 0, 'SETL-X-4', '2024-03-08')$$,
	'济宁市医保局 异地就医十项便民措施 第五条(一): an emergency stay passes');
SELECT is((SELECT s.id FROM xdjy.try_settle(956003, 200000, 0, 'SETL-X-4', '2024-03-09') s), NULL::bigint,
	'the same invoice again is rejected');
SELECT is((SELECT sqlstate FROM settlement_attempt WHERE invoice_no = 'SETL-X-4'), 'YB308', 'with YB308 (鲁医保发〔2021〕46号 第四条)');

-- explain, English ----------------------------------------------------------------
-- Changchun resident long-term in Beijing: 80% − 10 (吉医保发〔2019〕34号 附件第2条) = 70%;
-- deductible 60000; (1000000 − 60000) × 0.7 = 658000; personal 342000.
CREATE TEMP TABLE ex AS SELECT * FROM xdjy.explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-X-1'), 'en');
SELECT is((SELECT string_agg(rule, ',' ORDER BY step) FROM ex),
	'category,scope,policy,ratio_adjustment,ratio,total,out_of_scope,in_scope,first_selfpay,deductible,fund_before_cap,annual_cap,fund,personal',
	'every step is listed, in order');
SELECT is((SELECT source FROM ex WHERE rule = 'category'), '鲁医保发〔2021〕46号 第三条(一); 鲁医保发〔2022〕26号 第二条(三)', 'the category names its seed articles');
SELECT matches((SELECT note FROM ex WHERE rule = 'category'), '^long_term: long-term filing [0-9]+ for 110000 holds on 2024-03-01',
	'the category says why, with the filing');
SELECT is((SELECT source FROM ex WHERE rule = 'ratio_adjustment'), '吉医保发〔2019〕34号 附件第2条', 'the Jilin reduction names 吉医保发〔2019〕34号 附件第2条');
SELECT matches((SELECT note FROM ex WHERE rule = 'ratio_adjustment'), '-1000 bp → 7000 bp', 'the reduction shows its points and the result');
SELECT is((SELECT array_agg(amount_fen ORDER BY step) FROM ex WHERE amount_fen IS NOT NULL),
	ARRAY[1000000, 0, 1000000, 0, 60000, 658000, 15000000, 658000, 342000]::bigint[],
	'the amounts: total, out of scope, in scope, first self-pay, deductible, fund before cap, cap left, fund, personal');
SELECT matches((SELECT note FROM ex WHERE rule = 'deductible'), 'ledger 2024 inpatient: met 0 → 60000 fen',
	'the deductible step shows the ledger before and after');
SELECT matches((SELECT note FROM ex WHERE rule = 'annual_cap'), 'ledger fund paid 0 → 658000 fen',
	'the cap step shows the ledger before and after');
SELECT is((SELECT count(*)::int FROM ex WHERE source IS NULL OR note IS NULL OR rule IS NULL), 0,
	'every step has its rule, source and note');

-- explain, Chinese, and the GUC default ----------------------------------------------
SET LOCAL xdjy.language = zh;
SELECT is((SELECT rule FROM xdjy.explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-X-1')) WHERE step = 1),
	'待遇类别', 'without lang the output follows xdjy.language (zh)');
SELECT matches((SELECT note FROM xdjy.explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-X-1'), 'zh') WHERE rule = '比例调整'),
	'吉林城乡居民医保长期异地就医人员', 'the Chinese note of the reduction');
RESET xdjy.language;

-- explain stays with what was settled, whatever the policy later says: a
-- used row is frozen (205_policy_frozen.sql), so change it past the
-- triggers, as a replica applying another node's change would
SET LOCAL session_replication_role = replica;
UPDATE policy SET ratio_bp = 5000 WHERE note = 'fixture: Changchun resident local';
SET LOCAL session_replication_role = origin;
SELECT is((SELECT amount_fen FROM xdjy.explain_settlement((SELECT id FROM settlement WHERE invoice_no = 'SETL-X-1'), 'en') WHERE rule = 'fund'),
	658000::bigint, 'a later policy change does not change the explanation');

SELECT throws_ok($$SELECT * FROM xdjy.explain_settlement(-1)$$, 'YB001', NULL, 'explain of an unknown settlement: YB001');
SELECT throws_ok($$SELECT * FROM xdjy.explain_settlement(1, 'fr')$$, '22023', NULL, 'explain in an unknown language: 22023');

-- a row written with the triggers off has no engine figures: coded errors, no crash
SET LOCAL session_replication_role = replica;
INSERT INTO settlement (id, encounter_id, settled_on, invoice_no, total_fen) VALUES (956999, 956002, '2024-03-08', 'SETL-X-raw', 100);
SET LOCAL session_replication_role = origin;
SELECT throws_ok($$SELECT * FROM xdjy.explain_settlement(956999)$$, 'YB319', NULL,
	'explaining a row the engine never computed: YB319');
SELECT throws_ok($$SELECT xdjy.reverse_settlement(956999, '2024-03-09')$$, 'YB319', NULL,
	'reversing a row the engine never computed: YB319');

SELECT * FROM finish();
ROLLBACK;
