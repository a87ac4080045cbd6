#!/usr/bin/env bash
# test/bench/fee_bench.sh: the fee-line figures of `make bench` (called by
# test/bench/bench.sh, or alone inside pg_virtualenv), in their own
# database, ratios measured in this run:
#   9  fee lines: bare COPY ÷ the same COPY through the pricing trigger
#      (鲁医保发〔2022〕26号 第二条(四): each line priced against the
#      treatment region's catalogue)
#   10 settle() from 200 lines ÷ settle() from the same totals, per settlement
#   11 the catalogue: FEE_CATALOGUE rows in each of 5 regions loaded by COPY,
#      and the backend's memory (pg_backend_memory_contexts) after pricing
#      every line: the look-up is an index scan per line, no cache grows
#      with the catalogue
# BENCH_SCALE tiny or n (as bench.sh); FEE_CATALOGUE rows per region
# (default 500 000; tiny 5 000), FEE_LINES lines (default 200 000 × n;
# tiny 4 000; the issue's figure is FEE_LINES=1000000).
set -euo pipefail
cd "$(dirname "$0")/../.."
scale=${BENCH_SCALE:-1}
case "$scale" in
	tiny) catalogue=${FEE_CATALOGUE:-5000}; lines=${FEE_LINES:-4000}; settles=10 ;;
	*) catalogue=${FEE_CATALOGUE:-500000}; lines=${FEE_LINES:-$((200000 * scale))}; settles=500 ;;
esac
per=200		# lines per stay
db=xdjy_bench_fee
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d $db)
sql() { "${PSQL[@]}" "$@"; }
val() { "${PSQL[@]}" -At "$@"; }
g() { val -c "SELECT ms FROM bench.timing WHERE label = '$1'"; }
timed() { sql -c "CHECKPOINT" -c "CALL bench.timed('$1', \$q\$$2\$q\$)"; }
dir=$(mktemp -d /tmp/xdjy_fee_bench.XXXXXX)
chmod 777 "$dir"
trap 'rm -rf "$dir"' EXIT

echo "== fee-line bench: $catalogue catalogue rows in each of 5 regions, $lines lines"
dropdb --if-exists $db >/dev/null 2>&1
createdb $db
sql -c "SET client_min_messages = warning" -c "CREATE EXTENSION xdjy CASCADE"
sql -f test/fixtures/sample.sql
sql -f test/bench/setup.sql >/dev/null
encounters=$(( (lines + per - 1) / per ))

# the catalogue: per region one row per code, 甲 60% / 乙 30% / 丙 10%, a
# ceiling on one in seven; written to a file, then loaded as a DBA does
sql <<SQL
CREATE TABLE bench.fee_region (no int PRIMARY KEY, code text NOT NULL);
INSERT INTO bench.fee_region VALUES (0, '370100'), (1, '220100'), (2, '110000'), (3, '310000'), (4, '440100');
COPY (SELECT r.code, 'M' || lpad(g::text, 7, '0'), 'item ' || g,
		(ARRAY['drug', 'service', 'material'])[1 + g % 3],
		CASE WHEN g % 10 < 6 THEN '01' WHEN g % 10 < 9 THEN '02' ELSE '03' END,
		CASE WHEN g % 10 BETWEEN 6 AND 8 THEN 1000 + (g % 5) * 500 ELSE 0 END,
		CASE WHEN g % 7 = 0 THEN 50.00 END, '[2020-01-01,)'
	FROM bench.fee_region r, generate_series(1, $catalogue) g)
	TO '$dir/catalogue.csv' (FORMAT csv);
SQL
timed fee_catalogue "COPY xdjy.med_list (region_code, med_list_codg, name, kind, chrgitm_lv, selfpay_prop_bp, pric_uplmt, valid)
	FROM '$dir/catalogue.csv' (FORMAT csv)"
sql -c "VACUUM ANALYZE xdjy.med_list"

# stays of a month in the five regions, a person each; their lines (3% of
# codes not in the catalogue), written to a file
sql <<SQL
INSERT INTO xdjy.person (id, name, insured_region, scheme)
SELECT 'FB-' || e, 'fee bench ' || e, '370100', 'employee' FROM generate_series(1, $encounters) e
UNION ALL
SELECT 'FT-' || e, 'fee bench twin ' || e, '370100', 'employee' FROM generate_series(1, $settles) e;
CREATE TABLE bench.fee_enc AS
SELECT e AS id, 'FB-' || e AS person_id, r.code AS region, p.hospitals[1] AS institution_code
FROM generate_series(1, $encounters) e
JOIN bench.fee_region r ON r.no = e % 5
JOIN bench.pool p ON p.region = r.code;
INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
SELECT id, person_id, institution_code, 'inpatient', '2024-03-01', '2024-03-31' FROM bench.fee_enc ORDER BY id;
COPY (SELECT e.id, 'L' || k,
		CASE WHEN (e.id * 31 + k) % 33 = 0 THEN 'X' || k ELSE 'M' || lpad((1 + (e.id * 7919 + k * 104729) % $catalogue)::text, 7, '0') END,
		timestamp '2024-03-01' + ((k % 30) || ' days')::interval,
		1 + (k % 4) * 0.5, round(((e.id * 13 + k * 17) % 9000) / 100.0 + 0.01, 2), '2024-03-31'
	FROM bench.fee_enc e CROSS JOIN generate_series(1, $per) k
	WHERE (e.id - 1) * $per + k <= $lines)
	TO '$dir/lines.csv' (FORMAT csv);
SQL

load_lines="COPY xdjy.fee_detail (encounter_id, feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, received_on)
	FROM '$dir/lines.csv' (FORMAT csv)"
# bare: the table with its reference checks, the pricing and access rules off
sql -c "ALTER TABLE xdjy.fee_detail DISABLE TRIGGER USER" \
	-c "ALTER TABLE xdjy.fee_detail ENABLE TRIGGER fee_detail_references"
timed fee_bare "$load_lines"
sql -c "TRUNCATE xdjy.fee_detail" -c "ALTER TABLE xdjy.fee_detail ENABLE TRIGGER USER"
# through the rules, in one session that then reports its memory
mem=$(val -c "CHECKPOINT" -c "CALL bench.timed('fee_trigger', \$q\$$load_lines\$q\$)" \
	-c "SELECT pg_size_pretty(sum(total_bytes)) || ' in all, largest ' || (SELECT name || ' ' || pg_size_pretty(total_bytes)
		FROM pg_backend_memory_contexts ORDER BY total_bytes DESC LIMIT 1) FROM pg_backend_memory_contexts")
priced=$(val -c "SELECT count(*) FILTER (WHERE amount_fen IS NOT NULL) || '/' || count(*)
	|| ' priced, ' || count(*) FILTER (WHERE NOT listed) || ' not listed' FROM xdjy.fee_detail")

# 9: the first stays of Jinan (local) settled from their 200 lines; twins
# with the same totals (先行自付 counted out of scope) settled from totals
sql <<SQL
CREATE TABLE bench.fee_settle AS
SELECT row_number() OVER (ORDER BY e.id) AS k, e.id, sum(f.amount_fen)::bigint AS total,
	sum(f.fulamt_ownpay_fen + f.overlmt_fen + f.preselfpay_fen)::bigint AS oos
FROM bench.fee_enc e JOIN xdjy.fee_detail f ON f.encounter_id = e.id
WHERE e.region = '370100' GROUP BY e.id ORDER BY e.id LIMIT $settles;
INSERT INTO xdjy.encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on)
SELECT 900000000 + s.k, 'FT-' || s.k, e.institution_code, 'inpatient', '2024-03-01', '2024-03-31'
FROM bench.fee_settle s JOIN bench.fee_enc e USING (id);
VACUUM ANALYZE xdjy.encounter, xdjy.fee_detail, xdjy.settlement;
SQL
n_settle=$(val -c "SELECT count(*) FROM bench.fee_settle")
timed fee_settle_lines "SELECT count(xdjy.settle(id, NULL, NULL, 'FBI-' || id, '2024-03-31')) FROM bench.fee_settle"
timed fee_settle_totals "SELECT count(xdjy.settle(900000000 + k, total, oos, 'FTI-' || k, '2024-03-31')) FROM bench.fee_settle"
differ=$(val -c "SELECT count(*) FROM bench.fee_settle s
	JOIN xdjy.settlement a ON a.encounter_id = s.id
	JOIN xdjy.settlement b ON b.encounter_id = 900000000 + s.k
	WHERE (a.total_fen, a.in_scope_fen, a.deductible_fen, a.fund_fen, a.personal_fen)
		IS DISTINCT FROM (b.total_fen, b.in_scope_fen, b.deductible_fen, b.fund_fen, b.personal_fen)")
if [ "$differ" -ne 0 ]; then
	echo "fee bench: $differ settlements from lines differ from their twins from totals" >&2
	exit 1
fi

awk -v fb="$(g fee_bare)" -v ft="$(g fee_trigger)" -v n="$lines" -v cat="$catalogue" -v fc="$(g fee_catalogue)" \
	-v sl="$(g fee_settle_lines)" -v st="$(g fee_settle_totals)" -v ns="$n_settle" -v mem="$mem" -v priced="$priced" 'BEGIN {
	printf "%-4s %-58s %-44s %8s %8s %s\n", "fig", "figure", "absolute", "ratio", "target", ""
	r = fb / ft; printf "%-4s %-58s %-44s %8.2f %8s %s\n", "9", "fee lines: bare COPY ÷ COPY through the pricing trigger",
		sprintf("%.1f s vs %.1f s bare (%.0f vs %.0f us/line)", ft / 1000, fb / 1000, ft * 1000 / n, fb * 1000 / n), r, ">= 0.5", (r >= 0.5 ? "met" : "NOT MET")
	r = sl / st; printf "%-4s %-58s %-44s %8.2f %8s %s\n", "10", "settle() from 200 lines ÷ settle() from the same totals",
		sprintf("%.0f vs %.0f us/settlement (%d each)", sl * 1000 / ns, st * 1000 / ns, ns), r, "report", ""
	printf "%-4s %-58s %-44s %8s %8s %s\n", "11", sprintf("catalogue COPY, %d rows (5 regions)", 5 * cat),
		sprintf("%.1f s, %.0f rows/s", fc / 1000, 5 * cat * 1000 / fc), "-", "report", ""
	printf "%-4s %-58s %-44s %8s %8s %s\n", "11b", sprintf("backend memory after pricing %d lines", n), mem, "-", "report", ""
	printf "     lines: %s\n", priced
}'
dropdb $db
