/*-------------------------------------------------------------------------
 *
 * src/node_receive.c
 *	  The hub's receipt of a province's rows (三方对账, 鲁医保发〔2022〕26号
 *	  第四条(一)): node_receive_trigger, BEFORE INSERT FOR EACH ROW on
 *	  every table of node_tables(), ENABLE REPLICA, so it fires only where
 *	  session_replication_role is replica: in the hub's apply and table
 *	  copy workers, never for a row a node makes itself.
 *
 *	  The province decided its rows (参保地政策, 就医地目录), so the hub
 *	  re-runs no rule on them (its rule triggers are ENABLE, origin only).
 *	  What the hub decides is only what to do with a row whose key it
 *	  already holds, which two provinces can both send (a region, an
 *	  institution, a person, a builtin row) or a re-copy after
 *	  resubscribe_province sends again:
 *
 *	  - the same row (every column but the generated ones equal): skipped
 *	    silently;
 *	  - a different row: the hub keeps the first, records both in
 *	    xdjy.node_conflict (table, key, subscription, both rows as jsonb)
 *	    and skips the new one, instead of stalling apply on 23505.
 *
 *	  Only the primary key is looked at; a table without one is passed.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "replication/worker_internal.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"

#include "spi_plans.h"
#include "trigger_util.h"

PG_FUNCTION_INFO_V1(xdjy_node_receive_trigger);

/* per table: the kept lookup of the row with the received row's key */
typedef struct ReceivePlan
{
	Oid			relid;			/* hash key */
	SPIPlanPtr	plan;			/* NULL: the table has no primary key */
} ReceivePlan;

static HTAB *receive_plans = NULL;

static XdjyPlan q_receive_conflict = XDJY_PLAN(
	"node conflict",
	"INSERT INTO xdjy.node_conflict (table_name, key, subscription, kept, received)"
	" VALUES ($1, $2, $3, $4, $5)",
	5, TEXTOID, JSONBOID, TEXTOID, JSONBOID, JSONBOID);

/*
 * SELECT kept, received, key, kept = received FROM ONLY the table WHERE
 * its primary key equals the received row's ($1, of the table's row type);
 * generated columns are left out of both rows: a BEFORE trigger sees them
 * before they are computed.
 */
static SPIPlanPtr
receive_plan(Relation rel)
{
	ReceivePlan *entry;
	bool		found;
	Oid			pk;
	Relation	index;
	TupleDesc	desc = RelationGetDescr(rel);
	StringInfoData generated;
	StringInfoData key;
	StringInfoData where;
	StringInfoData sql;
	char	   *qualified;
	Oid			argtypes[1];
	SPIPlanPtr	plan;
	int			i;

	if (receive_plans == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(Oid);
		ctl.entrysize = sizeof(ReceivePlan);
		receive_plans = hash_create("xdjy node receive plans", 32, &ctl, HASH_ELEM | HASH_BLOBS);
	}
	entry = hash_search(receive_plans, &RelationGetRelid(rel), HASH_FIND, &found);
	if (found)
		return entry->plan;

	pk = RelationGetPrimaryKeyIndex(rel);
	if (!OidIsValid(pk))
	{
		entry = hash_search(receive_plans, &RelationGetRelid(rel), HASH_ENTER, &found);
		entry->plan = NULL;
		return NULL;
	}

	initStringInfo(&generated);
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && att->attgenerated)
			appendStringInfo(&generated, "%s%s", generated.len ? ", " : "",
							 quote_literal_cstr(NameStr(att->attname)));
	}

	initStringInfo(&key);
	initStringInfo(&where);
	index = RelationIdGetRelation(pk);
	for (i = 0; i < index->rd_index->indnkeyatts; i++)
	{
		AttrNumber	attnum = index->rd_index->indkey.values[i];
		const char *col = quote_identifier(NameStr(TupleDescAttr(desc, attnum - 1)->attname));

		appendStringInfo(&key, "%s%s, t.%s", i ? ", " : "",
						 quote_literal_cstr(NameStr(TupleDescAttr(desc, attnum - 1)->attname)), col);
		appendStringInfo(&where, "%st.%s OPERATOR(pg_catalog.=) ($1).%s", i ? " AND " : "", col, col);
	}
	RelationClose(index);

	qualified = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
										   RelationGetRelationName(rel));
	initStringInfo(&sql);
	appendStringInfo(&sql,
					 "SELECT k.kept, k.received, k.key, k.kept OPERATOR(pg_catalog.=) k.received"
					 " FROM (SELECT pg_catalog.to_jsonb(t) %s AS kept,"
					 "   pg_catalog.to_jsonb($1) %s AS received,"
					 "   pg_catalog.jsonb_build_object(%s) AS key"
					 "   FROM ONLY %s t WHERE %s) k",
					 generated.len ? psprintf("OPERATOR(pg_catalog.-) ARRAY[%s]::pg_catalog.text[]", generated.data) : "",
					 generated.len ? psprintf("OPERATOR(pg_catalog.-) ARRAY[%s]::pg_catalog.text[]", generated.data) : "",
					 key.data, qualified, where.data);

	argtypes[0] = RelationGetForm(rel)->reltype;
	plan = SPI_prepare(sql.data, 1, argtypes);
	if (plan == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not prepare the hub's receipt of %s", qualified),
				 errdetail("SPI_prepare returned %s for: %s", SPI_result_code_string(SPI_result), sql.data),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
	/*
	 * Kept through spi_plans.c, so that it is planned with its primary key
	 * index even when the hub's table was empty at the time (the initial
	 * copy of a subscription starts on empty tables).
	 */
	plan = xdjy_keep_plan(plan);
	/* entered only now: a failure above leaves no entry behind */
	entry = hash_search(receive_plans, &RelationGetRelid(rel), HASH_ENTER, &found);
	entry->plan = plan;
	return plan;
}

/*
 * node_receive_trigger(): BEFORE INSERT FOR EACH ROW, ENABLE REPLICA.
 * The received row if its key is new; NULL (skipped) if the hub holds the
 * same row, or a different one (then recorded in xdjy.node_conflict).
 */
Datum
xdjy_node_receive_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "node_receive_trigger", XDJY_ON_INSERT);
	Relation	rel = td->tg_relation;
	HeapTuple	tuple = td->tg_trigtuple;
	SPIPlanPtr	plan;
	Datum		row;
	int			rc;
	bool		same;
	Datum		values[5];
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};
	bool		isnull;

	/*
	 * Only a row received (apply and table copy run as replica) is the
	 * hub's to judge.  A DBA's ENABLE TRIGGER USER or ALL turns this
	 * trigger on for origin rows too; a row a node makes itself must then
	 * still meet its unique keys (23505), not be skipped as a duplicate.
	 */
	if (SessionReplicationRole != SESSION_REPLICATION_ROLE_REPLICA)
		return PointerGetDatum(tuple);

	xdjy_spi_connect();
	plan = receive_plan(rel);
	if (plan == NULL)
	{
		xdjy_spi_finish();
		return PointerGetDatum(tuple);
	}
	row = heap_copy_tuple_as_datum(tuple, RelationGetDescr(rel));
	rc = SPI_execute_plan(plan, &row, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not look up the hub's row of %s", RelationGetRelationName(rel)),
				 errdetail("SPI_execute_plan returned %s.", SPI_result_code_string(rc)),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
	if (SPI_processed == 0)
	{
		xdjy_spi_finish();
		return PointerGetDatum(tuple);
	}
	same = xdjy_spi_bool(0, 4, false);
	if (!same)
	{
		values[0] = CStringGetTextDatum(quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
																   RelationGetRelationName(rel)));
		values[1] = xdjy_spi_value(0, 3, &isnull);
		if (MySubscription != NULL && MySubscription->name != NULL)
			values[2] = CStringGetTextDatum(MySubscription->name);
		else
		{
			values[2] = (Datum) 0;
			nulls[2] = 'n';
		}
		values[3] = xdjy_spi_value(0, 1, &isnull);
		values[4] = xdjy_spi_value(0, 2, &isnull);
		(void) xdjy_plan_execute(&q_receive_conflict, values, nulls, 0, SPI_OK_INSERT);
	}
	xdjy_spi_finish();
	return PointerGetDatum(NULL);
}
