/*-------------------------------------------------------------------------
 *
 * src/schedule.c
 *	  The daily reconciliation on a schedule: the national subsystem
 *	  generates the statement of each day (鲁医保发〔2022〕26号 第四条(一)),
 *	  and schedule_daily_reconciliation(at) registers a pg_cron job that
 *	  records each day's reconciliation (record_daily_reconciliation(),
 *	  schema/15_operations.sql) in xdjy.reconciliation_day.
 *
 *	  pg_cron is optional: xdjy neither requires it nor links to it.  It is
 *	  looked for in pg_extension when the function is called, and its
 *	  schedule() is called through SPI in the schema it lives in (cron:
 *	  pg_cron's own, whatever schema the extension was created in).  Without it the error says what to install (YB010);
 *	  with it but no scheduler for this database, what to configure
 *	  (YB011).
 *
 *	  pg_cron's scheduler runs the jobs of one database, cron.database_name,
 *	  and only when its library is preloaded; a job lives in that database
 *	  and runs as the role that scheduled it.  cron.schedule(name, ...)
 *	  replaces that role's job of the same name, so a second call
 *	  reschedules.  pg_cron 1.4 reads a schedule in GMT (later versions in
 *	  cron.timezone): the time of day, given in the session's TimeZone, is
 *	  turned into the scheduler's, and the job's command names the
 *	  session's zone, so that "yesterday" is the business day the caller
 *	  meant whatever the server's TimeZone.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "errors.h"
#include "spi_plans.h"
#include "xdjy.h"

#define XDJY_RECONCILIATION_JOB		"xdjy-daily-reconciliation"

PG_FUNCTION_INFO_V1(xdjy_schedule_daily_reconciliation);

/* What the server says about pg_cron, read once per call */
typedef struct CronState
{
	bool		installed;		/* pg_cron is installed in this database */
	char	   *schema;			/* the schema of its schedule(name, schedule,
								 * command), NULL: none (before pg_cron 1.3) */
	char	   *version;		/* its extversion */
	char	   *database;		/* current_database() */
	char	   *cron_database;	/* cron.database_name, NULL: library not loaded
								 * (not preloaded, and no launcher running: a
								 * setting left in postgresql.conf is only a
								 * placeholder then) */
	char	   *preload;		/* shared_preload_libraries */
	char	   *timezone;		/* the session's TimeZone */
	TimeADT		cron_at;		/* at, in the scheduler's time zone */
} CronState;

static char *
spi_text_or_null(int col)
{
	bool		isnull;

	(void) SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, col, &isnull);
	return isnull ? NULL : SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, col);
}

/*
 * pg_cron in this database, the settings that decide whether its scheduler
 * serves it, and at in the scheduler's zone (cron.timezone where pg_cron
 * has it, GMT before: the day's date only matters across a DST change).
 * Every name qualified: the caller's search_path applies to SPI.
 */
static void
read_cron_state(TimeADT at, CronState *st)
{
	Oid			argtypes[1] = {TIMEOID};
	Datum		args[1];
	bool		isnull;
	int			rc;

	args[0] = TimeADTGetDatum(at);
	rc = SPI_execute_with_args("SELECT e.oid IS NOT NULL, e.extversion::pg_catalog.text,"
							   " pg_catalog.current_database()::pg_catalog.text,"
							   " CASE WHEN EXISTS (SELECT FROM pg_catalog.unnest(pg_catalog.string_to_array("
							   "     pg_catalog.current_setting('shared_preload_libraries'), ',')) AS l(lib)"
							   "   WHERE pg_catalog.regexp_replace(pg_catalog.btrim(l.lib, ' \"'), '^.*/|\\.so$', '', 'g')"
							   "     OPERATOR(pg_catalog.=) 'pg_cron')"
							   "  OR EXISTS (SELECT FROM pg_catalog.pg_stat_activity a"
							   "   WHERE a.backend_type OPERATOR(pg_catalog.=) 'pg_cron launcher')"
							   "  THEN pg_catalog.current_setting('cron.database_name', true) END,"
							   " pg_catalog.current_setting('shared_preload_libraries'),"
							   " pg_catalog.current_setting('TimeZone'),"
							   " CAST(pg_catalog.timezone("
							   "   COALESCE(pg_catalog.current_setting('cron.timezone', true), 'GMT'),"
							   "   CAST(CURRENT_DATE OPERATOR(pg_catalog.+) $1 AS pg_catalog.timestamptz))"
							   "  AS pg_catalog.time), f.nspname"
							   " FROM (VALUES (1)) AS one(x)"
							   " LEFT JOIN pg_catalog.pg_extension e ON e.extname OPERATOR(pg_catalog.=) 'pg_cron'"
							   " LEFT JOIN LATERAL (SELECT n.nspname::pg_catalog.text AS nspname"
							   "   FROM pg_catalog.pg_depend d"
							   "   JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) d.objid"
							   "   JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace"
							   "   WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass"
							   "     AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass"
							   "     AND d.refobjid OPERATOR(pg_catalog.=) e.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'"
							   "     AND p.proname OPERATOR(pg_catalog.=) 'schedule' AND p.pronargs OPERATOR(pg_catalog.=) 3"
							   "   LIMIT 1) f ON true",
							   1, argtypes, args, NULL, true, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not read the state of pg_cron"),
				 errdetail("SPI_execute_with_args returned %s.", SPI_result_code_string(rc)),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
	st->installed = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	st->schema = spi_text_or_null(8);
	st->version = spi_text_or_null(2);
	st->database = spi_text_or_null(3);
	st->cron_database = spi_text_or_null(4);
	st->preload = spi_text_or_null(5);
	st->timezone = spi_text_or_null(6);
	st->cron_at = DatumGetTimeADT(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 7, &isnull));
}

/* YB010 / YB011 unless pg_cron is installed here and runs this database's jobs */
static void
check_cron_usable(const CronState *st)
{
	if (!st->installed)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_PG_CRON_MISSING),
				 errdetail("Extension pg_cron is not installed in database \"%s\" (shared_preload_libraries is \"%s\").",
						   xdjy_clip(st->database), xdjy_clip(st->preload)),
				 errhint("Install pg_cron (apt install postgresql-%s-cron), set shared_preload_libraries = 'pg_cron' and cron.database_name = '%s' in postgresql.conf, restart the server, then run CREATE EXTENSION pg_cron in database \"%s\".",
						 PG_MAJORVERSION, xdjy_clip(st->database), xdjy_clip(st->database))));
	if (st->schema == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_PG_CRON_MISSING),
				 errdetail("Extension pg_cron %s in database \"%s\" has no function schedule(job_name, schedule, command); pg_cron 1.3 and later have it.",
						   xdjy_clip(st->version), xdjy_clip(st->database)),
				 errhint("Install pg_cron 1.3 or later (apt install postgresql-%s-cron) and run ALTER EXTENSION pg_cron UPDATE.",
						 PG_MAJORVERSION)));
	if (st->cron_database == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_PG_CRON_ELSEWHERE),
				 errdetail("Extension pg_cron %s is installed in database \"%s\", but its library is not loaded (shared_preload_libraries is \"%s\"), so its scheduler is not running.",
						   xdjy_clip(st->version), xdjy_clip(st->database), xdjy_clip(st->preload)),
				 errhint("Add pg_cron to shared_preload_libraries in postgresql.conf and restart the server.")));
	if (strcmp(st->cron_database, st->database) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_PG_CRON_ELSEWHERE),
				 errdetail("pg_cron runs the jobs of database \"%s\" (cron.database_name); this is database \"%s\".",
						   xdjy_clip(st->cron_database), xdjy_clip(st->database)),
				 errhint("Set cron.database_name = '%s' in postgresql.conf and restart the server, or schedule from database \"%s\" with xdjy installed there.",
						 xdjy_clip(st->database), xdjy_clip(st->cron_database))));
}

/*
 * schedule_daily_reconciliation(at time) returns bigint: the pg_cron job
 * recording yesterday's reconciliation (鲁医保发〔2022〕26号 第四条(一))
 * every day at at, registered or rescheduled; its id.
 */
Datum
xdjy_schedule_daily_reconciliation(PG_FUNCTION_ARGS)
{
	TimeADT		at;
	CronState	st;
	char	   *schedule;
	char	   *command;
	char	   *sql;
	Oid			argtypes[3] = {TEXTOID, TEXTOID, TEXTOID};
	Datum		args[3];
	bool		isnull;
	int64		jobid;
	int			rc;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_SCHEDULE_TIME),
				 errdetail("No time of day was given."),
				 errhint("Give the time of day the reconciliation runs at, in hours and minutes, such as '01:30'.")));
	at = PG_GETARG_TIMEADT(0);
	/* a cron schedule has minutes, not seconds */
	if (at % USECS_PER_MINUTE != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_SCHEDULE_TIME),
				 errdetail("The time given is %s; pg_cron schedules by the minute.",
						   DatumGetCString(DirectFunctionCall1(time_out, TimeADTGetDatum(at)))),
				 errhint("Give the time of day the reconciliation runs at, in hours and minutes, such as '01:30'.")));

	xdjy_spi_connect();
	read_cron_state(at, &st);
	check_cron_usable(&st);

	schedule = psprintf("%d %d * * *",
						(int) ((st.cron_at / USECS_PER_MINUTE) % MINS_PER_HOUR),
						(int) (st.cron_at / USECS_PER_HOUR));
	command = psprintf("SELECT xdjy.record_daily_reconciliation((pg_catalog.now() AT TIME ZONE %s)::pg_catalog.date - 1)",
					   quote_literal_cstr(st.timezone));
	sql = psprintf("SELECT %s.schedule($1, $2, $3)", quote_identifier(st.schema));
	args[0] = CStringGetTextDatum(XDJY_RECONCILIATION_JOB);
	args[1] = CStringGetTextDatum(schedule);
	args[2] = CStringGetTextDatum(command);
	rc = SPI_execute_with_args(sql, 3, argtypes, args, NULL, false, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not schedule the daily reconciliation"),
				 errdetail("SPI_execute_with_args returned %s.", SPI_result_code_string(rc)),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
	jobid = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not schedule the daily reconciliation"),
				 errdetail("%s returned no job id.", sql),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
	xdjy_spi_finish();
	PG_RETURN_INT64(jobid);
}
