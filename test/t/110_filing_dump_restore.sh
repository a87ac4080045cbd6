#!/usr/bin/env bash
# Filings, their history, encounters and chosen institutions survive
# pg_dump and restore unchanged ( "nothing is lost"): the rule
# triggers let a restore's rows back as they were (src/restore.c), write no
# second history, and the identity sequences go on where they stopped.
set -uo pipefail
cd "$(dirname "$0")/../.."
. "$(dirname "$0")/lib/dump_pair.bash"
dump_pair xdjy_filing_dump_src_t xdjy_filing_dump_dst_t
echo "1..6"
dropdb --if-exists $src >/dev/null 2>&1; dropdb --if-exists $dst >/dev/null 2>&1
createdb $src && createdb $dst || { echo "Bail out! createdb"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d $src -c 'CREATE EXTENSION xdjy CASCADE' -f test/fixtures/sample.sql >/dev/null 2>&1 \
	|| { echo "Bail out! setup"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d $src <<'SQL' >/dev/null || { echo "Bail out! data"; exit 1; }
SET search_path = xdjy;
-- a changed, a cancelled and a terminated filing, an active one with proof
SELECT change_filing(file_long_term('jinan-emp-1', '110000', '2024-03-05', '2024-03-10'), '310000', '2024-04-01');
SELECT cancel_filing(file_temporary('jinan-emp-2', '440300', '2023-01-01', '2024-03-10'), '2024-03-20');
SELECT terminate_filing(file_long_term('weihai-emp-1', '110000', '2024-03-01', '2024-03-01'), '2024-03-02');
UPDATE filing SET proof = 'residence_permit' WHERE person_id = 'jinan-emp-1' AND status = 'active';
-- an intra-province temporary filing of 2021, lawful then (鲁医保发〔2021〕46号 第二条(三))
SELECT file_temporary('jinan-res-1', '370800', '2021-12-20', '2022-01-05');
-- Jilin choices (吉医保发〔2019〕34号 附件第7条) on a filing terminated afterwards
SELECT choose_institution(f, 'H11010500002', true, '2024-03-10'), choose_institution(f, 'H11010800002', false, '2024-03-10')
FROM file_long_term('changchun-res-1', '110000', '2024-03-01', '2024-03-01') f;
SELECT terminate_filing(id, '2024-06-01') FROM filing WHERE person_id = 'changchun-res-1';
-- a stay with an outside test attached (济宁市医保局 异地就医十项便民措施 第五条(三))
WITH s AS (INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
	VALUES ('jinan-emp-1', 'H31010100001', 'inpatient', '2024-05-01', '2024-05-10') RETURNING id)
INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on, discharged_on, attached_to)
SELECT 'jinan-emp-1', 'H31010400001', 'outpatient', '2024-05-03', '2024-05-03', id FROM s;
-- institution networked later: the choice made while it was not stays
UPDATE institution SET networked_inpatient = true WHERE code = 'H11010500002';
SQL
dump_restore
same 3 "filings restore equal (closed ones too)" \
	"SELECT f.*::text FROM xdjy.filing f ORDER BY id"
same 4 "the history restores equal, none written twice" \
	"SELECT h.id, h.filing_id, h.event, h.business_date, h.at, h.by_role, h.old_row, h.new_row FROM xdjy.filing_history h ORDER BY id"
same 5 "encounters and chosen institutions restore equal" \
	"SELECT e.*::text FROM xdjy.encounter e UNION ALL SELECT c.*::text FROM xdjy.institution_choice c ORDER BY 1"
# the rules work on after the restore and the ids go on
after=$(psql -X -At -v ON_ERROR_STOP=1 -d $dst -c "SELECT xdjy.file_temporary('jinan-emp-3', '110000', '2024-03-01', '2024-03-01') > (SELECT max(id) FROM xdjy.filing WHERE person_id <> 'jinan-emp-3')" 2>&1)
bad=$(psql -X -At -d $dst -c "SELECT xdjy.file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10')" 2>&1)
if [ "$after" = t ] && [[ "$bad" == *"backdated more than 5 days"* ]]; then echo "ok 6 - after restore: new ids follow, rules hold (YB105)"
else echo "not ok 6 - after restore: $after / $bad" | head -3; fi
