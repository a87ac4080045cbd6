#!/usr/bin/env bash
# test/bench/definer_bench.sh: what a SECURITY DEFINER wrapper would cost
# the settlement engine's trigger, part of `make bench` (called by
# test/bench/bench.sh, inside its cluster).
#   12 settle() per row with the trigger function declared SECURITY
#      DEFINER SET search_path = pg_catalog, pg_temp, as it was before
#      1.1's engine switched to the owner in C (fmgr_security_definer
#      looks the function up, parses its proconfig and sets and restores
#      the GUC for every row, its cache living one statement) ÷ the same
#      settlements with the trigger as installed (owner and search path
#      switched in C, src/owner.c); in this throwaway database only.  Four
#      equal sets, the two kinds alternated so that a warming cache
#      favours neither (report)
# DEFINER_ROWS settlements per set (default 5000; 200 at BENCH_SCALE=tiny)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${DEFINER_ROWS:-$([ "${BENCH_SCALE:-1}" = tiny ] && echo 200 || echo 5000)}
db=xdjy_definer_bench
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
dropdb --if-exists $db >/dev/null 2>&1
createdb $db
P=(psql -X -q -v ON_ERROR_STOP=1 -d $db)
# sets w (warm-up), a and c (the wrapper), b and d (as installed): persons
# of 10 stays each, 3 days apart
"${P[@]}" -v code=DB-H -v name=定义者基准医院 -v sets='{w,a,b,c,d}' -v rows="$rows" -f test/bench/stays.sql
"${P[@]}" <<SQL
SELECT count(*) FROM (SELECT xdjy.settle(e.id, 500000, 10000, 'DB-INV-' || e.id, e.discharged_on)
	FROM xdjy.encounter e WHERE e.person_id LIKE 'w-%' ORDER BY e.id) x \\g /dev/null
VACUUM ANALYZE;
SQL
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
wrapper() {
	if [ "$1" = on ]; then
		"${P[@]}" -c "ALTER FUNCTION xdjy.settlement_insert_trigger() SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
	else
		"${P[@]}" -c "ALTER FUNCTION xdjy.settlement_insert_trigger() SECURITY INVOKER RESET search_path"
	fi
}
settle_set() {
	local t0 t1
	t0=$(now_ms)
	"${P[@]}" -c "SELECT count(*) FROM (SELECT xdjy.settle(e.id, 500000, 10000, 'DB-INV-' || e.id, e.discharged_on)
		FROM xdjy.encounter e WHERE e.person_id LIKE '$1-%' ORDER BY e.id) x" >/dev/null
	t1=$(now_ms)
	echo $((t1 - t0))
}
wrapper on; a=$(settle_set a)
wrapper off; b=$(settle_set b)
wrapper on; c=$(settle_set c)
wrapper off; d=$(settle_set d)
same=$("${P[@]}" -At -c "SELECT count(DISTINCT (n, f)) = 1 AND min(n) = $rows FROM (
	SELECT left(person_id, 1) s, count(*) n, sum(fund_fen) f FROM xdjy.settlement
	WHERE person_id ~ '^[abcd]-' GROUP BY 1) x")
dropdb $db
awk -v n="$rows" -v on="$((a + c))" -v off="$((b + d))" -v same="$same" 'BEGIN {
	r = on / off; printf "%-4s %-58s %-44s %8.2f %8s %s\n", "12", "settle(): engine trigger via SECURITY DEFINER ÷ as installed",
		sprintf("%.0f vs %.0f us/row, wrapper %.0f us (%d rows x 2)", on * 1000 / (2 * n), off * 1000 / (2 * n), (on - off) * 1000 / (2 * n), n), r, "report", ""
	if (same != "t") printf "definer bench: the four sets differ\n"
}'
