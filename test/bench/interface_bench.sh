#!/usr/bin/env bash
# test/bench/interface_bench.sh: the national interface's cost, part of
# `make bench` (called by test/bench/bench.sh, inside its cluster).
#   8  call('2304') ÷ settle() per settlement, on the same data shape
#      (two equal sets of persons and stays, one settled through each);
#      target ≤ 1.3.  A third set is settled through call() first and the
#      database analysed, as a live system's is: timed on tables the
#      planner last saw empty, each look-up in the log is a sequential
#      scan and each settlement ANDs in a whole partial index (what
#      autovacuum would have prevented, had the 5 000 calls not been one
#      transaction)
#   8b a duplicate msgid (a gateway's retry) answered from the log ÷ the
#      settlement it repeats, per call (report)
#   8c the same ratio in the shape a hospital system calls: one statement,
#      one transaction per settlement (IFACE_ROWS / 5 of each, psql -f,
#      synchronous_commit off so that the disk's flush does not hide the
#      CPU), where an SQL function is planned again in every call (report)
# IFACE_ROWS settlements per set (default 5000; 200 at BENCH_SCALE=tiny)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${IFACE_ROWS:-$([ "${BENCH_SCALE:-1}" = tiny ] && echo 200 || echo 5000)}
db=xdjy_iface_bench
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
dropdb --if-exists $db >/dev/null 2>&1
createdb $db
P=(psql -X -q -v ON_ERROR_STOP=1 -d $db)
# set a (settle), set b (call), c and d (8c) and set w (the history before
# them): persons of 10 stays each, 3 days apart
"${P[@]}" -v code=IB-H -v name=接口基准医院 -v sets='{a,b,c,d,w}' -v rows="$rows" -f test/bench/stays.sql
"${P[@]}" <<SQL
SET search_path = xdjy;
CREATE TABLE ib_request AS
SELECT e.id, jsonb_build_object('infno', '2304', 'msgid', 'IB-' || e.id, 'fixmedins_code', 'IB-H',
	'inf_time', to_char(e.discharged_on, 'YYYY-MM-DD') || ' 10:00:00',
	'input', jsonb_build_object('data', jsonb_build_object('psn_no', e.person_id, 'mdtrt_id', e.id::text,
		'medfee_sumamt', 5000.00, 'fulamt_ownpay_amt', 100.00, 'invono', 'IB-INV-' || e.id))) AS request
FROM encounter e WHERE e.person_id LIKE 'b-%' OR e.person_id LIKE 'd-%' OR e.person_id LIKE 'w-%';
\\o /dev/null
SELECT count(*) FROM (SELECT xdjy.call(r.request) FROM ib_request r
	WHERE r.request->'input'->'data'->>'psn_no' LIKE 'w-%' ORDER BY r.id) x;
\\o
DELETE FROM ib_request r WHERE r.request->'input'->'data'->>'psn_no' LIKE 'w-%';
VACUUM ANALYZE;
SQL
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(now_ms)
"${P[@]}" -c "SELECT count(*) FROM (SELECT xdjy.settle(e.id, 500000, 10000, 'IB-INV-' || e.id, e.discharged_on)
	FROM xdjy.encounter e WHERE e.person_id LIKE 'a-%' ORDER BY e.id) x" >/dev/null
t1=$(now_ms)
"${P[@]}" -c "SELECT count(*) FROM (SELECT xdjy.call(r.request) FROM xdjy.ib_request r
	WHERE r.request->'input'->'data'->>'psn_no' LIKE 'b-%' ORDER BY r.id) x" >/dev/null
t2=$(now_ms)
"${P[@]}" -c "SELECT count(*) FROM (SELECT xdjy.call(r.request) FROM xdjy.ib_request r
	WHERE r.request->'input'->'data'->>'psn_no' LIKE 'b-%' ORDER BY r.id) x" >/dev/null
t3=$(now_ms)
# 8c: one statement per transaction, as many of each as a fifth of a set
few=$(( (rows + 4) / 5 ))
work=$(mktemp -d)
"${P[@]}" -At -c "SELECT format('SELECT 1 FROM xdjy.settle(%s, 500000, 10000, %L, %L);', e.id, 'IB-INV-' || e.id, e.discharged_on)
	FROM xdjy.encounter e WHERE e.person_id LIKE 'c-%' ORDER BY e.id LIMIT $few" > "$work/settle.sql"
"${P[@]}" -At -c "SELECT format('SELECT 1 FROM xdjy.call(%L);', r.request) FROM xdjy.ib_request r
	WHERE r.request->'input'->'data'->>'psn_no' LIKE 'd-%' ORDER BY r.id LIMIT $few" > "$work/call.sql"
t4=$(now_ms)
PGOPTIONS="$PGOPTIONS -c synchronous_commit=off" "${P[@]}" -f "$work/settle.sql" >/dev/null
t5=$(now_ms)
PGOPTIONS="$PGOPTIONS -c synchronous_commit=off" "${P[@]}" -f "$work/call.sql" >/dev/null
t6=$(now_ms)
rm -rf "$work"
same=$("${P[@]}" -At -c "SELECT (SELECT count(*) FROM xdjy.settlement WHERE person_id LIKE 'a-%'),
	(SELECT count(*) FROM xdjy.settlement WHERE person_id LIKE 'b-%'),
	(SELECT sum(fund_fen) FROM xdjy.settlement WHERE person_id LIKE 'a-%')
	  = (SELECT sum(fund_fen) FROM xdjy.settlement WHERE person_id LIKE 'b-%'),
	(SELECT count(*) FROM xdjy.settlement WHERE person_id LIKE 'c-%'),
	(SELECT count(*) FROM xdjy.settlement WHERE person_id LIKE 'd-%')")
dropdb $db
awk -v n="$rows" -v s="$((t1 - t0))" -v c="$((t2 - t1))" -v d="$((t3 - t2))" -v same="$same" \
	-v few="$few" -v s1="$((t5 - t4))" -v c1="$((t6 - t5))" 'BEGIN {
	r = c / s; printf "%-4s %-58s %-44s %8.2f %8s %s\n", "8", "call(2304) ÷ settle(), per settlement",
		sprintf("%.0f vs %.0f us/row (%d rows each)", c * 1000 / n, s * 1000 / n, n), r, "<= 1.3", (r <= 1.3 ? "met" : "NOT MET")
	r = d / s; printf "%-4s %-58s %-44s %8.2f %8s %s\n", "8b", "duplicate msgid answered from the log ÷ settle()",
		sprintf("%.0f us/call", d * 1000 / n), r, "report", ""
	r = c1 / s1; printf "%-4s %-58s %-44s %8.2f %8s %s\n", "8c", "call(2304) ÷ settle(), one transaction each",
		sprintf("%.0f vs %.0f us/row (%d rows each)", c1 * 1000 / few, s1 * 1000 / few, few), r, "report", ""
	split(same, f, "|")
	if (f[1] != n || f[2] != n || f[3] != "t" || f[4] != few || f[5] != few) printf "interface bench: the two sets differ (%s)\n", same
}'
