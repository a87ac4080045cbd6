#!/usr/bin/env bash
# Exactly once under replay (鲁医保发〔2021〕46号 第四条: nothing is paid
# twice): about 1000 national interface calls from 4 clients at once —
# settlements (2207), line uploads (2204), the same requests again
# (duplicates and gateway retries, same msgid) and 冲正 (2601), some of
# them overtaking the message they reverse — each call in its own
# transaction.  Afterwards the state equals what the message log says:
# one settlement per settled message, a reversal per reversed one, none
# for a failed or voided one (a failed message a 冲正 marked reversed keeps
# its code: nothing to undo; a ghost settling a stay already settled is
# refused, YB816), the lines of the uploads still in force,
# ledgers equal to the sums of their settlements, 0 invoices paid twice,
# and every msgid answered the same way each time it was sent.  Bounded:
# a few seconds to tens of seconds; no time is asserted.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=xdjy_replay_t
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; dropdb --if-exists $db >/dev/null 2>&1' EXIT
dropdb --if-exists $db >/dev/null 2>&1
createdb $db || { echo "Bail out! createdb"; exit 1; }
echo "1..9"
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null 2>"$tmp/err" <<'SQL' || { echo "Bail out! setup: $(head -3 "$tmp/err")"; exit 1; }
CREATE EXTENSION xdjy CASCADE;
SET search_path = xdjy;
SELECT setseed(0.46);
INSERT INTO person SELECT 'rp-' || i, '重放' || i, '370100', 'employee' FROM generate_series(1, 8) i;
INSERT INTO institution (code, name_zh, region_code, tier, networked_outpatient)
VALUES ('RP-H', '重放医院', '370102', 2, true);
-- a small annual cap, so that the order of the settlements changes the amounts
INSERT INTO policy (insured_region, scheme, category, visit_type, valid,
		deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group) VALUES
	('370100', 'employee', 'local', 'outpatient', '[2024-01-01,)', 5000, 6000, 0, 2000000, 'outpatient');
INSERT INTO med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid)
VALUES ('370100', 'RPA', '甲类药', 'drug', '01', 0, NULL, '[2024-01-01,)');
-- 600 visits: 75 per person on distinct days
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on)
SELECT 100000 + n, 'rp-' || (1 + n % 8), 'RP-H', 'outpatient', DATE '2024-01-01' + (n / 8)
FROM generate_series(0, 599) n;
-- the business requests: 450 settlements, 150 uploads, 100 冲正 (25 of
-- them of a msgid never sent)
CREATE TABLE rp_request (msgid text PRIMARY KEY, request jsonb);
INSERT INTO rp_request
SELECT format('RP-%s', n),
	jsonb_build_object('infno', CASE WHEN n < 450 THEN '2207' ELSE '2204' END, 'msgid', format('RP-%s', n),
		'fixmedins_code', 'RP-H', 'inf_time', to_char(e.admitted_on, 'YYYY-MM-DD') || ' 10:00:00',
		'input', CASE WHEN n < 450 THEN jsonb_build_object('data', jsonb_build_object(
				'psn_no', e.person_id, 'mdtrt_id', e.id::text,
				'medfee_sumamt', (10000 + (random() * 90000)::int) / 100.0,
				'fulamt_ownpay_amt', 0, 'invono', format('RP-INV-%s', n)))
			ELSE jsonb_build_object('feedetail', jsonb_build_array(jsonb_build_object(
				'feedetl_sn', '1', 'mdtrt_id', e.id::text, 'psn_no', e.person_id, 'med_list_codg', 'RPA',
				'fee_ocur_time', to_char(e.admitted_on, 'YYYY-MM-DD') || ' 09:00:00',
				'cnt', 1 + (random() * 3)::int, 'pric', 12.34))) END)
FROM generate_series(0, 599) n JOIN encounter e ON e.id = 100000 + n;
INSERT INTO rp_request
SELECT format('RP-R%s', k),
	jsonb_build_object('infno', '2601', 'msgid', format('RP-R%s', k), 'fixmedins_code', 'RP-H',
		'inf_time', '2024-12-31 12:00:00',
		'input', jsonb_build_object('data', jsonb_build_object('psn_no', 'rp-1',
			'omsgid', CASE WHEN k < 25 THEN format('RP-GHOST-%s', k) ELSE t.msgid END,
			'oinfno', CASE WHEN k < 25 THEN '2207' ELSE t.request ->> 'infno' END)))
FROM generate_series(0, 99) k
CROSS JOIN LATERAL (SELECT msgid, request FROM rp_request r
	WHERE r.msgid = format('RP-%s', (k * 7919) % 600)) t;
-- 25 ghosts arrive after all (late, or before their 冲正)
INSERT INTO rp_request
SELECT format('RP-GHOST-%s', k),
	jsonb_set(jsonb_set(r.request, '{msgid}', to_jsonb(format('RP-GHOST-%s', k))),
		'{input,data,invono}', to_jsonb(format('RP-INV-G%s', k)))
FROM generate_series(0, 24) k JOIN rp_request r ON r.msgid = format('RP-%s', 400 + k);
-- the calls: every request once, 275 of them again; 4 clients, random order
CREATE TABLE rp_call (client int, seq float8, msgid text);
INSERT INTO rp_call SELECT 1 + (random() * 3.999)::int % 4, random(), msgid FROM rp_request;
INSERT INTO rp_call SELECT 1 + (random() * 3.999)::int % 4, random(), msgid
FROM rp_request ORDER BY random() LIMIT 275;
SQL
calls=$(psql -X -At -d $db -c "SELECT count(*) FROM xdjy.rp_call")
for c in 1 2 3 4; do
	psql -X -At -d $db -c "SELECT format('SELECT %L, xdjy.call(%L::jsonb) - ''respond_time'';', c.msgid, r.request)
		FROM xdjy.rp_call c JOIN xdjy.rp_request r USING (msgid) WHERE c.client = $c ORDER BY c.seq" > "$tmp/client$c.sql"
done
start=$(date +%s)
for c in 1 2 3 4; do
	psql -X -q -t --csv -d $db -f "$tmp/client$c.sql" > "$tmp/out$c" 2> "$tmp/err$c" &
done
wait
secs=$(( $(date +%s) - start ))
retried=$(cat "$tmp"/err? | grep -c 'ERROR' || true)
echo "# $calls calls from 4 clients in ${secs}s; $retried rethrown (deadlock or serialization, as a gateway sees a timeout)"

# the answers, loaded back; the state checked against the log
cat "$tmp"/out? > "$tmp/answers"
q() { psql -X -At -v ON_ERROR_STOP=1 -d $db -c "$1" 2>&1; }
psql -X -q -d $db -c "CREATE TABLE xdjy.rp_answer (msgid text, response jsonb)" >/dev/null
psql -X -q -d $db -c "\\copy xdjy.rp_answer FROM '$tmp/answers' WITH (FORMAT csv)" >/dev/null 2>"$tmp/copyerr" \
	|| sed 's/^/# /' "$tmp/copyerr"

check() { # n description sql (expects 0)
	local got; got=$(q "$3")
	if [ "$got" = "0" ]; then echo "ok $1 - $2"; else echo "not ok $1 - $2: $got"; fi
}
check 1 "every settled message has exactly its settlement (one, with its invoice), no other" "
SELECT count(*) FROM (
	SELECT l.msgid FROM xdjy.transaction_log l
	WHERE l.infno = '2207' AND l.state IN ('done', 'reversed') AND l.sqlstate IS NULL
	  AND (SELECT count(*) FROM xdjy.settlement s WHERE s.reverses IS NULL
	       AND s.invoice_no = l.request #>> '{input,data,invono}'
	       AND s.id = (l.effect ->> 'setl_id')::bigint) <> 1
	UNION ALL
	SELECT s.invoice_no FROM xdjy.settlement s WHERE s.reverses IS NULL
	  AND NOT EXISTS (SELECT FROM xdjy.transaction_log l WHERE l.infno = '2207'
	      AND l.state IN ('done', 'reversed') AND (l.effect ->> 'setl_id')::bigint = s.id)) x"
check 2 "a reversal for every reversed settlement message, none for the others" "
SELECT count(*) FROM (
	SELECT s.id::text FROM xdjy.settlement s WHERE s.reverses IS NOT NULL
	  AND NOT EXISTS (SELECT FROM xdjy.transaction_log l WHERE l.infno = '2207' AND l.state = 'reversed'
	      AND (l.effect ->> 'setl_id')::bigint = s.reverses)
	UNION ALL
	SELECT l.msgid FROM xdjy.transaction_log l WHERE l.infno = '2207' AND l.state = 'reversed' AND l.sqlstate IS NULL
	  AND NOT EXISTS (SELECT FROM xdjy.settlement r WHERE r.reverses = (l.effect ->> 'setl_id')::bigint)) x"
check 3 "0 double payments: no invoice settled twice" "
SELECT count(*) FROM (SELECT invoice_no FROM xdjy.settlement WHERE reverses IS NULL
	GROUP BY invoice_no HAVING count(*) > 1) x"
check 4 "no settlement for a failed or voided message" "
SELECT count(*) FROM xdjy.transaction_log l JOIN xdjy.settlement s ON s.invoice_no = l.request #>> '{input,data,invono}'
WHERE l.infno = '2207' AND l.state IN ('failed', 'void')"
check 5 "the lines are those of the uploads in force" "
SELECT count(*) FROM (
	(SELECT (l.request #>> '{input,feedetail,0,mdtrt_id}')::bigint FROM xdjy.transaction_log l
	 WHERE l.infno = '2204' AND l.state = 'done'
	 EXCEPT SELECT encounter_id FROM xdjy.fee_detail)
	UNION ALL
	(SELECT encounter_id FROM xdjy.fee_detail
	 EXCEPT SELECT (l.request #>> '{input,feedetail,0,mdtrt_id}')::bigint FROM xdjy.transaction_log l
	 WHERE l.infno = '2204' AND l.state = 'done')) x"
check 6 "each ledger equals the sums of its person's settlements" "
SELECT count(*) FROM xdjy.ledger g
WHERE g.deductible_met_fen <> (SELECT coalesce(sum(deductible_fen), 0) FROM xdjy.settlement s
	 WHERE s.person_id = g.person_id AND s.quota_group = g.quota_group)
   OR g.fund_paid_fen <> (SELECT coalesce(sum(fund_fen), 0) FROM xdjy.settlement s
	 WHERE s.person_id = g.person_id AND s.quota_group = g.quota_group)"
check 7 "every msgid got the same answer each time it was sent" "
SELECT count(*) FROM (SELECT msgid FROM xdjy.rp_answer GROUP BY msgid HAVING count(DISTINCT response) > 1) x"
check 8 "a recorded answer is the answer each sender got" "
SELECT count(*) FROM xdjy.rp_answer a JOIN xdjy.transaction_log l USING (msgid)
WHERE l.state <> 'void' AND l.response - 'respond_time' <> a.response"
check 9 "every 冲正 that succeeded left its target reversed or void" "
SELECT count(*) FROM xdjy.transaction_log r
WHERE r.infno = '2601' AND r.state = 'done'
  AND NOT EXISTS (SELECT FROM xdjy.transaction_log t WHERE t.msgid = r.request #>> '{input,data,omsgid}'
      AND t.reversed_by = r.msgid)"
echo "# log: $(q "SELECT string_agg(infno || ' ' || state || ' ' || n, ', ' ORDER BY infno, state) FROM (SELECT infno, state, count(*) n FROM xdjy.transaction_log GROUP BY 1, 2) x")"
