#!/usr/bin/env bash
# Nothing lost: the database the demo leaves
# behind (test/demo/demo.sql: filings, encounters, settlements, reports,
# national answers, whatever the demo shows by now) goes through pg_dump in
# custom format, taken while xdjy.language = zh (labels print in Chinese),
# and pg_restore into a new database under the default language.  Every
# table of schema xdjy then compares row by row (0 rows differ), every
# sequence goes on where it stopped, and the rules hold after the restore.
set -uo pipefail
cd "$(dirname "$0")/../.."
. "$(dirname "$0")/lib/dump_pair.bash"
dump_pair xdjy_demo_dump_src_t xdjy_demo_dump_dst_t
dropdb --if-exists $src >/dev/null 2>&1; dropdb --if-exists $dst >/dev/null 2>&1
createdb $src && createdb $dst || { echo "Bail out! createdb"; exit 1; }

# the demo shows rejected rows too, so its errors do not stop it
psql -X -q -v ON_ERROR_STOP=0 -d $src -f test/demo/demo.sql >"$tmp/demo.out" 2>&1

tables=$(psql -X -At -d $src -c "SELECT c.relname FROM pg_class c
	WHERE c.relnamespace = 'xdjy'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1")
seqs=$(psql -X -At -d $src -c "SELECT c.relname FROM pg_class c
	WHERE c.relnamespace = 'xdjy'::regnamespace AND c.relkind = 'S' ORDER BY 1")
ntables=$(echo "$tables" | grep -c .)
echo "1..$((6 + ntables))"

rows=$(psql -X -At -d $src -c "SELECT count(*) FROM xdjy.filing" 2>/dev/null)
[ "${rows:-0}" -gt 0 ] && echo "ok 1 - the demo populated the database ($rows filings)" \
	|| { echo "not ok 1 - the demo left no filings"; tail -20 "$tmp/demo.out" | sed 's/^/# /'; }

PGOPTIONS="-c xdjy.language=zh" pg_dump -Fc -d $src -f "$tmp/dump" 2>"$tmp/err" \
	&& echo "ok 2 - pg_dump -Fc with xdjy.language = zh" \
	|| { echo "not ok 2 - pg_dump failed"; sed 's/^/# /' "$tmp/err"; }
pg_restore -d $dst "$tmp/dump" 2>"$tmp/err" && echo "ok 3 - pg_restore without error" \
	|| { echo "not ok 3 - pg_restore failed"; sed 's/^/# /' "$tmp/err" | head -20; }

n=3
differ=0
total=0
for t in $tables; do
	n=$((n + 1))
	q="SELECT x::text FROM xdjy.$t x ORDER BY 1"
	a=$(psql -X -At -d $src -c "$q" 2>&1); b=$(psql -X -At -d $dst -c "$q" 2>&1)
	r=$(echo -n "$a" | grep -c '^' || true)
	total=$((total + r))
	if [ "$a" = "$b" ]; then echo "ok $n - $t: $r rows, 0 differ"
	else
		d=$(diff <(echo "$a") <(echo "$b") | grep -c '^[<>]')
		differ=$((differ + d))
		echo "not ok $n - $t: $d rows differ"
		diff <(echo "$a") <(echo "$b") | head -10 | sed 's/^/# /'
	fi
done
echo "# demo dump/restore: $ntables tables, $total rows, $differ rows differing"

n=$((n + 1))
bad=""
for s in $seqs; do
	q="SELECT last_value, is_called FROM xdjy.$s"
	[ "$(psql -X -At -d $src -c "$q")" = "$(psql -X -At -d $dst -c "$q")" ] || bad="$bad $s"
done
if [ -z "$bad" ]; then echo "ok $n - every sequence goes on where it stopped ($(echo "$seqs" | grep -c .) sequences)"
else echo "not ok $n - sequences differ:$bad"; fi

# the same catalog: schema-only dumps of both databases are identical
n=$((n + 1))
# (\restrict lines carry a random key per dump: left out)
pg_dump --schema-only -d $src 2>/dev/null | grep -vE '^(--|\\(un)?restrict )' >"$tmp/src.sql"
pg_dump --schema-only -d $dst 2>/dev/null | grep -vE '^(--|\\(un)?restrict )' >"$tmp/dst.sql"
if diff -q "$tmp/src.sql" "$tmp/dst.sql" >/dev/null; then echo "ok $n - the restored catalog equals the source's"
else echo "not ok $n - catalogs differ"; diff "$tmp/src.sql" "$tmp/dst.sql" | head -20 | sed 's/^/# /'; fi

# the rules work on after the restore: 济宁市医保局 异地就医十项便民措施 第四条(二), six days back is rejected
n=$((n + 1))
bad=$(psql -X -At -d $dst -c "SELECT xdjy.file_long_term('jinan-emp-2', '110000', '2024-03-04', '2024-03-10')" 2>&1)
if [[ "$bad" == *"backdated more than 5 days"* ]]; then echo "ok $n - after restore the rules hold (济宁市医保局 异地就医十项便民措施 第四条(二): YB105)"
else echo "not ok $n - after restore: $bad" | head -3; fi
