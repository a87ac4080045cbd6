/*-------------------------------------------------------------------------
 *
 * src/owner.c
 *	  Acting as a table's owner (see owner.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_namespace.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "owner.h"

Oid
xdjy_rel_owner(Oid relid)
{
	HeapTuple	tp = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tp))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tp))->relowner;
	ReleaseSysCache(tp);
	return owner;
}

void
xdjy_become_owner(Oid relid, XdjyUserContext *saved)
{
	GetUserIdAndSecContext(&saved->userid, &saved->sec_context);
	SetUserIdAndSecContext(xdjy_rel_owner(relid),
						   saved->sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
}

void
xdjy_restore_user(const XdjyUserContext *saved)
{
	SetUserIdAndSecContext(saved->userid, saved->sec_context);
}

/*
 * What a SECURITY DEFINER C trigger with SET search_path = pg_catalog,
 * pg_temp gets from fmgr_security_definer, without its price: that
 * wrapper keeps its cache in the trigger's FmgrInfo, which lives as long
 * as one statement, so for every row of a settle() it looks the function
 * up again, parses its proconfig and sets and restores the GUC, and the
 * search path is recomputed twice (test/bench/definer_bench.sh measures
 * it).  Here: the owner's user id as above, and an override search path
 * of pg_catalog alone (not even pg_temp), pushed and popped.
 */
void
xdjy_owner_scope_begin(Oid relid, XdjyUserContext *saved)
{
	OverrideSearchPath path;

	path.schemas = list_make1_oid(PG_CATALOG_NAMESPACE);
	path.addCatalog = false;
	path.addTemp = false;
	path.generation = 0;
	PushOverrideSearchPath(&path);
	list_free(path.schemas);
	xdjy_become_owner(relid, saved);
}

void
xdjy_owner_scope_end(const XdjyUserContext *saved)
{
	xdjy_restore_user(saved);
	PopOverrideSearchPath();
}

/*
 * A C rule trigger's entry: its body as the owner of the trigger's table,
 * within the scope above.  Called other than as a trigger, the body runs
 * as it is, for its own guard (xdjy_trigger_guard) to refuse the call.
 */
Datum
xdjy_trigger_as_owner(FunctionCallInfo fcinfo, PGFunction body)
{
	TriggerData *td;
	XdjyUserContext saved;
	Datum		result;

	if (!CALLED_AS_TRIGGER(fcinfo))
		return body(fcinfo);
	td = (TriggerData *) fcinfo->context;
	xdjy_owner_scope_begin(RelationGetRelid(td->tg_relation), &saved);
	result = body(fcinfo);
	xdjy_owner_scope_end(&saved);
	return result;
}
