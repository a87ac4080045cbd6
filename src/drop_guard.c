/*-------------------------------------------------------------------------
 *
 * src/drop_guard.c
 *	  DROP EXTENSION xdjy does not take users' data with it unasked.
 *
 *	  Filings, settlements, ledgers and the rest live in the extension's
 *	  own tables, marked with pg_extension_config_dump so that pg_dump keeps
 *	  their rows.  Those tables are members of the extension, so a plain
 *	  DROP EXTENSION xdjy (no CASCADE needed) drops them and every row in
 *	  them.  An event trigger on ddl_command_start looks at the statement
 *	  before anything is dropped and refuses (YB002) while any
 *	  configuration table holds a row pg_dump would keep, that is a row
 *	  matching its extcondition: rows users entered, not the builtin rows
 *	  CREATE EXTENSION brings back.  An empty install drops as before.
 *
 *	  Statements that drop xdjy: DROP EXTENSION naming it (CASCADE or not),
 *	  and with CASCADE, DROP SCHEMA of its schema and DROP EXTENSION of an
 *	  extension it requires (btree_gist, plpgsql), which reach it through
 *	  its own dependencies.  A superuser who means it sets
 *	  xdjy.allow_drop_with_data = on first (src/guc.c).
 *
 *	  What this cannot see: DROP DATABASE, and sessions in which event
 *	  triggers do not fire (single-user mode, session_replication_role =
 *	  replica).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/parsenodes.h"
#include "tcop/cmdtag.h"
#include "utils/fmgroids.h"

#include "errors.h"
#include "spi_plans.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(drop_guard_event_trigger);

/*
 * Rows counted per table at most: enough to tell a test install from a
 * production one in the message, and a DROP EXTENSION on a large database
 * does not wait for a full count of its ledgers.
 */
#define DROP_GUARD_COUNT_LIMIT	10000

/* does extension extoid depend directly on object (refclassid, refobjid)? */
static bool
extension_depends_on(Oid extoid, Oid refclassid, Oid refobjid)
{
	Relation	rel;
	ScanKeyData key[2];
	SysScanDesc scan;
	HeapTuple	tup;
	bool		found = false;

	rel = table_open(DependRelationId, AccessShareLock);
	ScanKeyInit(&key[0], Anum_pg_depend_classid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(ExtensionRelationId));
	ScanKeyInit(&key[1], Anum_pg_depend_objid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(extoid));
	scan = systable_beginscan(rel, DependDependerIndexId, true, NULL, 2, key);
	while (!found && HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_depend dep = (Form_pg_depend) GETSTRUCT(tup);

		found = dep->refclassid == refclassid && dep->refobjid == refobjid;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return found;
}

/*
 * Does the statement drop extension extoid?  Names that do not exist are
 * left to the DROP itself (IF EXISTS, or its own error).
 */
static bool
drops_extension(DropStmt *stmt, Oid extoid)
{
	bool		cascade = stmt->behavior == DROP_CASCADE;
	ListCell   *lc;

	foreach(lc, stmt->objects)
	{
		const char *name = strVal(lfirst(lc));
		Oid			oid;

		if (stmt->removeType == OBJECT_EXTENSION)
		{
			oid = get_extension_oid(name, true);
			if (oid == extoid)
				return true;
			if (cascade && OidIsValid(oid) &&
				extension_depends_on(extoid, ExtensionRelationId, oid))
				return true;
		}
		else if (stmt->removeType == OBJECT_SCHEMA)
		{
			/* without CASCADE the schema's members stop the DROP anyway */
			oid = get_namespace_oid(name, true);
			if (cascade && OidIsValid(oid) &&
				extension_depends_on(extoid, NamespaceRelationId, oid))
				return true;
		}
	}
	return false;
}

/*
 * The configuration tables of extension extoid that hold rows pg_dump
 * would keep, appended to detail as "xdjy.filing (3 rows), ..."; returns
 * how many there are.
 */
static int
tables_with_rows(Oid extoid, StringInfo detail)
{
	Oid			argtypes[1] = {OIDOID};
	Datum		args[1];
	int			rc;
	uint64		ntables;
	char	  **names;
	char	  **conditions;
	uint64		i;
	int			found = 0;

	xdjy_spi_connect();
	args[0] = ObjectIdGetDatum(extoid);
	rc = SPI_execute_with_args("SELECT pg_catalog.format('%I.%I', n.nspname, c.relname),"
							   " COALESCE(e.extcondition[s.i], '')"
							   " FROM pg_catalog.pg_extension e"
							   " CROSS JOIN LATERAL pg_catalog.generate_subscripts(e.extconfig, 1) AS s(i)"
							   " JOIN pg_catalog.pg_class c ON c.oid = e.extconfig[s.i]"
							   " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
							   " WHERE e.oid = $1 AND c.relkind = 'r'"
							   " ORDER BY 1",
							   1, argtypes, args, NULL, false, 0);
	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not list the configuration tables of extension xdjy"),
				 errdetail("SPI_execute_with_args returned %s.", SPI_result_code_string(rc)),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));

	/* copied out: the next SPI_execute replaces SPI_tuptable */
	ntables = SPI_processed;
	names = palloc(sizeof(char *) * (ntables + 1));
	conditions = palloc(sizeof(char *) * (ntables + 1));
	for (i = 0; i < ntables; i++)
	{
		names[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		conditions[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
	}

	for (i = 0; i < ntables; i++)
	{
		/* ONLY and the condition: what pg_dump's COPY of the table reads */
		char	   *sql = psprintf("SELECT pg_catalog.count(*) FROM (SELECT FROM ONLY %s %s LIMIT %d) s",
								   names[i], conditions[i], DROP_GUARD_COUNT_LIMIT + 1);
		bool		isnull;
		int64		n;

		rc = SPI_execute(sql, false, 0);
		if (rc != SPI_OK_SELECT || SPI_processed != 1)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("could not count the rows of configuration table %s", names[i]),
					 errdetail("SPI_execute returned %s for: %s", SPI_result_code_string(rc), sql),
					 errhint("This is an internal error of xdjy; report the statement that raised it.")));
		n = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		if (isnull || n == 0)
			continue;
		if (found > 0)
			appendStringInfoString(detail, ", ");
		if (n > DROP_GUARD_COUNT_LIMIT)
			appendStringInfo(detail, "%s (more than %d rows)", names[i], DROP_GUARD_COUNT_LIMIT);
		else
			appendStringInfo(detail, "%s (" INT64_FORMAT " %s)", names[i], n, n == 1 ? "row" : "rows");
		found++;
	}
	xdjy_spi_finish();
	return found;
}

/*
 * The event trigger function: CREATE EVENT TRIGGER xdjy_drop_guard ON
 * ddl_command_start WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA').
 */
Datum
drop_guard_event_trigger(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;
	DropStmt   *stmt;
	Oid			extoid;
	StringInfoData detail;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("drop_guard_event_trigger() was not called as an event trigger"),
				 errhint("It is the function of event trigger xdjy_drop_guard on ddl_command_start.")));
	trigdata = (EventTriggerData *) fcinfo->context;
	/* at ddl_command_end or sql_drop the tables are gone already */
	if (strcmp(trigdata->event, "ddl_command_start") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("drop_guard_event_trigger() was called on event %s", trigdata->event),
				 errhint("It is the function of event trigger xdjy_drop_guard on ddl_command_start.")));

	if (xdjy_allow_drop_with_data || !IsA(trigdata->parsetree, DropStmt))
		PG_RETURN_VOID();
	stmt = (DropStmt *) trigdata->parsetree;
	if (stmt->removeType != OBJECT_EXTENSION && stmt->removeType != OBJECT_SCHEMA)
		PG_RETURN_VOID();
	extoid = get_extension_oid("xdjy", true);
	if (!OidIsValid(extoid) || !drops_extension(stmt, extoid))
		PG_RETURN_VOID();

	/*
	 * The function is SECURITY DEFINER, owned by the superuser who created
	 * the extension, with search_path = pg_catalog, pg_temp: it counts as a
	 * superuser's pg_dump reads, past row-level security (the tables FORCE
	 * it, and a row hidden from the role dropping must still stop the
	 * DROP), and the conditions, which name only columns, resolve in
	 * pg_catalog.
	 */
	initStringInfo(&detail);
	if (tables_with_rows(extoid, &detail) > 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_DROP_WITH_DATA),
				 errdetail("%s would drop extension xdjy and its tables; rows users entered are in %s.",
						   GetCommandTagName(trigdata->tag), detail.data),
				 errhint("Back up first (pg_dump keeps these rows). To drop them on purpose, "
						 "SET xdjy.allow_drop_with_data = on as a superuser and repeat the statement.")));
	PG_RETURN_VOID();
}
