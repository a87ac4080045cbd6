#!/usr/bin/env bash
# The daily reconciliation on a schedule, with pg_cron (Debian
# postgresql-15-cron) in a throwaway cluster of its own: pg_cron needs
# shared_preload_libraries, which the suite's cluster does not have.
# schedule_daily_reconciliation() registers one job in cron.job (in
# cron.database_name's database, as the caller, at the time given in the
# session's TimeZone turned into pg_cron 1.4's GMT); a second call
# reschedules it; the job's command records yesterday in
# xdjy.reconciliation_day, and record_daily_reconciliation() records a
# seeded business day (鲁医保发〔2022〕26号 第四条(一)).  Without pg_cron
# in a database: YB010; pg_cron installed but its library not loaded:
# YB011.  Business dates are given, never today's.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/t/lib/scratch_cluster.bash

bindir=$("${PG_CONFIG:-pg_config}" --bindir)
if [ ! -f "$("${PG_CONFIG:-pg_config}" --pkglibdir)/pg_cron.so" ]; then
	echo "1..0 # SKIP pg_cron is not installed (apt install postgresql-15-cron; test/deps.sh installs it)"
	exit 0
fi
echo "1..12"
tmp=$(mktemp -d)
sc_cleanup=$tmp
db=xdjy_cron
cron_settings=(shared_preload_libraries=pg_cron cron.database_name=$db cron.use_background_workers=on
	max_worker_processes=16 TimeZone=UTC)
if ! scratch_start "$bindir" "$tmp" "${cron_settings[@]}"; then
	echo "Bail out! cannot start a cluster with pg_cron"
	cat "$tmp/initdb.log" 2>/dev/null | sed 's/^/# /'
	scratch_log | tail -20 | sed 's/^/# /'
	exit 1
fi
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "${2:-$db}" -c "$1" 2>&1; }
# the SQLSTATE of a failing statement, "ok" if it succeeds
state() {
	psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d "${2:-$db}" -c "$1" >"$tmp/out" 2>&1 && { echo ok; return; }
	sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' "$tmp/out" | head -1
}

createdb "$db" &&
	q "CREATE EXTENSION pg_cron" >/dev/null &&
	q "CREATE EXTENSION xdjy CASCADE" >/dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f test/fixtures/sample.sql >/dev/null &&
	psql -X -q -1 -v ON_ERROR_STOP=1 -d "$db" -f test/pgtap/include/reporting_data.sql >/dev/null
ok=$?
v=$(q "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'")
[ $ok = 0 ] && echo "ok 1 - pg_cron $v and xdjy in database $db, with the reporting data" ||
	{ echo "not ok 1 - set-up failed"; exit 1; }

job=$(q "SET TimeZone = 'Asia/Shanghai'; SELECT xdjy.schedule_daily_reconciliation('01:30')")
row=$(q "SELECT jobid, jobname, schedule, database, username = current_user, active FROM cron.job")
[ "$row" = "$job|xdjy-daily-reconciliation|30 17 * * *|$db|t|t" ] &&
	echo "ok 2 - one job, named xdjy-daily-reconciliation, daily at 01:30 Asia/Shanghai = 17:30 GMT, in $db, as the caller" ||
	echo "not ok 2 - cron.job: $row (job $job)"
cmd=$(q "SELECT command FROM cron.job")
[ "$cmd" = "SELECT xdjy.record_daily_reconciliation((pg_catalog.now() AT TIME ZONE 'Asia/Shanghai')::pg_catalog.date - 1)" ] &&
	echo "ok 3 - its command records yesterday in the caller's time zone" || echo "not ok 3 - command: $cmd"

again=$(q "SET TimeZone = 'Asia/Shanghai'; SELECT xdjy.schedule_daily_reconciliation('06:05')")
row=$(q "SELECT count(*), min(jobid), min(schedule) FROM cron.job")
[ "$again" = "$job" ] && [ "$row" = "1|$job|5 22 * * *" ] &&
	echo "ok 4 - a second call reschedules the same job (06:05 Asia/Shanghai = 22:05 GMT)" ||
	echo "not ok 4 - second call: job $again, cron.job: $row"
row=$(q "SET TimeZone = 'UTC'; SELECT xdjy.schedule_daily_reconciliation('00:00'); SELECT schedule FROM cron.job" | tail -1)
[ "$row" = "0 0 * * *" ] && echo "ok 5 - in UTC the time is the schedule (midnight: 0 0 * * *)" ||
	echo "not ok 5 - UTC schedule: $row"
q "SET TimeZone = 'Asia/Shanghai'; SELECT xdjy.schedule_daily_reconciliation('01:30')" >/dev/null

# the job's command, run as pg_cron runs it (its own session, the
# server's TimeZone UTC): it records the day before today in Asia/Shanghai
out=$(q "$(q "SELECT command FROM cron.job")")
want=$(q "SELECT ((now() AT TIME ZONE 'Asia/Shanghai')::date - 1)::text")
got=$(q "SELECT day FROM xdjy.reconciliation_day")
[ -n "$want" ] && [ "$got" = "$want" ] && echo "ok 6 - the job's command recorded yesterday in Asia/Shanghai ($want)" ||
	echo "not ok 6 - the command recorded '$got', not '$want': $out"

row=$(q "SELECT settlements, matched, mismatched, missing_at_insured, amount_differs, unknown_settlements
	FROM xdjy.record_daily_reconciliation('2024-10-08')")
[ "$row" = "1|0|1|1|1|0" ] && echo "ok 7 - the seeded day 2024-10-08: one settlement, missing at the insured place and differing" ||
	echo "not ok 7 - 2024-10-08 recorded as $row"
q "INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen) VALUES
	('insured', 6003, '2024-10-20', 80000, 56000, 24000), ('treatment', 6003, '2024-10-20', 80000, 56000, 24000)" >/dev/null
q "SELECT xdjy.record_daily_reconciliation('2024-10-08')" >/dev/null
row=$(q "SELECT count(*), min(matched), min(mismatched) FROM xdjy.reconciliation_day WHERE day = '2024-10-08'")
[ "$row" = "1|1|0" ] && echo "ok 8 - after the late reports, recording 2024-10-08 again replaces its row: matched" ||
	echo "not ok 8 - 2024-10-08 after the corrections: $row"

s=$(state "SELECT xdjy.schedule_daily_reconciliation('01:30:30')")
[ "$s" = YB012 ] && echo "ok 9 - a time with seconds is refused (YB012): pg_cron 1.4 schedules by the minute" ||
	echo "not ok 9 - 01:30:30 gave $s"

# a database of the cluster without pg_cron
createdb xdjy_cron_other && q "CREATE EXTENSION xdjy CASCADE" xdjy_cron_other >/dev/null
s=$(state "SELECT xdjy.schedule_daily_reconciliation('01:30')" xdjy_cron_other)
grep -q "CREATE EXTENSION pg_cron in database \"xdjy_cron_other\"" "$tmp/out"
hint=$?
[ "$s" = YB010 ] && [ $hint = 0 ] && echo "ok 10 - in a database without pg_cron: YB010, saying what to install" ||
	{ echo "not ok 10 - without pg_cron: $s"; sed 's/^/# /' "$tmp/out"; }

# pg_cron installed, its library no longer loaded: no scheduler runs the job
if scratch_restart "cron.database_name=$db"; then
	s=$(state "SELECT xdjy.schedule_daily_reconciliation('01:30')")
	grep -q "its library is not loaded" "$tmp/out"
	said=$?
	[ "$s" = YB011 ] && [ $said = 0 ] && echo "ok 11 - pg_cron without its library loaded: YB011" ||
		{ echo "not ok 11 - pg_cron not preloaded: $s"; sed 's/^/# /' "$tmp/out"; }
else
	echo "not ok 11 - the cluster did not restart without pg_cron"
fi
n=$(q "SELECT count(*) FROM cron.job")
[ "$n" = 1 ] && echo "ok 12 - the refused calls left the one job as it was" || echo "not ok 12 - cron.job has $n rows"
