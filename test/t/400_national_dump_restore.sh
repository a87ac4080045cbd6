#!/usr/bin/env bash
# National interface data through pg_dump and back (nothing is
# lost): a DBA's code mapping rows, a 3202 upload and the clearing
# confirmation log restore unchanged (seq, who, when); the builtin mapping
# rows come back once, from CREATE EXTENSION; the views answer the same;
# the rules hold again after the restore.
set -uo pipefail
cd "$(dirname "$0")/../.."
. "$(dirname "$0")/lib/dump_pair.bash"
dump_pair xdjy_nat_dump_src_t xdjy_nat_dump_dst_t
echo "1..9"
dropdb --if-exists $src >/dev/null 2>&1; dropdb --if-exists $dst >/dev/null 2>&1
createdb $src && createdb $dst || { echo "Bail out! createdb"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d $src -c 'CREATE EXTENSION xdjy CASCADE' >/dev/null 2>&1 \
	&& psql -X -q -1 -v ON_ERROR_STOP=1 -d $src -f test/fixtures/national.sql >/dev/null \
	&& psql -X -q -v ON_ERROR_STOP=1 -d $src >/dev/null <<'SQL' || { echo "Bail out! setup"; exit 1; }
INSERT INTO xdjy.insutype_map (scheme, insutype, name_zh) VALUES ('resident', '391', '城乡居民（本地）');
INSERT INTO xdjy.med_type_map (visit_type, emergency, trauma, med_type, name_zh, priority)
	VALUES ('inpatient', true, false, '24', '急诊转住院', 150);
INSERT INTO xdjy.stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt)
	VALUES ('B1', 9101, 9001, 'NAT-emp-1', 10000.00, 7470.00), ('B1', 9199, 9099, 'NAT-emp-1', 88.00, 70.40);
SELECT xdjy.clearing_confirm_month('NAT-H1', 2024, 3, '1', '2024-04-10');
SELECT xdjy.clearing_rollback('NAT-H1', 2024, 3, '2024-04-12');
SELECT xdjy.clearing_confirm(9103, '0', '2024-04-15', '承诺书待核');
SELECT xdjy.clearing_confirm_month('NAT-H1', 2024, 3, '1', '2024-04-15');
SQL

pg_dump -Fp -d $src > "$tmp/dump.sql" 2>"$tmp/dump.err" && echo "ok 1 - pg_dump" || { echo "not ok 1 - pg_dump failed"; sed "s/^/# /" "$tmp/dump.err"; }
psql -X -q -v ON_ERROR_STOP=1 -d $dst -f "$tmp/dump.sql" >/dev/null 2>"$tmp/err" \
	&& echo "ok 2 - restore" || { echo "not ok 2 - restore failed"; sed 's/^/# /' "$tmp/err"; }

same 3 "mapping rows restore once: 22 builtin plus the DBA's" \
	"SELECT 'i', scheme, insutype, priority, builtin FROM xdjy.insutype_map UNION ALL
	 SELECT 'm', visit_type || emergency || trauma, med_type, priority, builtin FROM xdjy.med_type_map UNION ALL
	 SELECT 'c', visit_type, clr_type, priority, builtin FROM xdjy.clr_type_map ORDER BY 1, 2, 4"
same 4 "the 3202 upload restores with who loaded it and when" \
	"SELECT batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag, loaded_at, loaded_by
	 FROM xdjy.stmt_detail_upload ORDER BY batch, setl_id"
same 5 "the confirmation log restores unchanged: seq, answer, business day, who, when" \
	"SELECT id, setl_sn, seq, action, cnfm_flag, recorded_on, recorded_at, recorded_by, memo
	 FROM xdjy.clearing_detail_confirmation ORDER BY id"
same 6 "setlinfo answers the same (the DBA's 391 and 24 included)" \
	"SELECT * FROM xdjy.setlinfo ORDER BY setl_id"
same 7 "clearing_detail answers the same" \
	"SELECT * FROM xdjy.clearing_detail ORDER BY setl_sn"

if psql -X -q -d $dst -c "SELECT xdjy.clearing_confirm(9101)" >/dev/null 2>"$tmp/err"; then
	echo "not ok 8 - after the restore a confirmed row was confirmed again"
elif grep -q 'already answered' "$tmp/err"; then echo "ok 8 - after the restore the rules hold: confirming twice is refused"
else echo "not ok 8 - unexpected error"; sed 's/^/# /' "$tmp/err"; fi
n=$(psql -X -At -d $dst -c "INSERT INTO xdjy.clearing_detail_confirmation (setl_sn, action) VALUES (9101, 'rollback') RETURNING seq" 2>&1 | head -1)
[ "$n" = "4" ] && echo "ok 9 - the next entry after the restore is numbered 4" || echo "not ok 9 - next seq: $n"
