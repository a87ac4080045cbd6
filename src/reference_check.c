/*-------------------------------------------------------------------------
 *
 * src/reference_check.c
 *	  References between xdjy's tables, checked by constraint triggers
 *	  instead of declarative foreign keys, so that a dump restores whatever
 *	  order pg_restore loads the tables in.
 *
 *	  xdjy's tables are extension configuration tables: pg_dump writes
 *	  their rows as data, and CREATE EXTENSION makes the tables with every
 *	  constraint before the data arrive.  A declarative foreign key is then
 *	  checked while the data load, and pg_restore -j loads tables in
 *	  parallel, largest first, without regard to the order pg_dump wrote:
 *	  settlements arrive before their encounters and are refused (23503),
 *	  and pg_dump warns of circular constraints for every table that
 *	  references itself.
 *
 *	  The same references are checked here, as PostgreSQL's own
 *	  ri_triggers.c checks them, with its SQLSTATE and wording:
 *
 *	  - reference_child_trigger, AFTER INSERT OR UPDATE on the referencing
 *	    table: the referenced row exists, and is locked FOR KEY SHARE so
 *	    that it cannot be deleted or its key changed before commit;
 *	  - reference_parent_trigger, AFTER UPDATE OR DELETE on the referenced
 *	    table: no row refers to a key that is going away, looked for in the
 *	    latest snapshot, as RI_FKey_noaction does (ON DELETE/UPDATE NO
 *	    ACTION, the behaviour of every reference xdjy has).
 *
 *	  Both read as the owner of the table they query, row-level security
 *	  not forced, as ri_triggers.c does.  Both let a restore through
 *	  (src/restore.c): the dumped rows referred to each other when pg_dump
 *	  read them in one snapshot.  The triggers' arguments name the
 *	  references, in groups of four: constraint name, column of this
 *	  table, the other table, the other table's column.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "owner.h"
#include "restore.h"
#include "row_write.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(reference_child_trigger);
PG_FUNCTION_INFO_V1(reference_parent_trigger);

/* one prepared look-up per trigger and reference */
typedef struct RefPlan
{
	struct RefPlan *next;
	Oid			tgoid;
	int			ref;
	SPIPlanPtr	plan;
} RefPlan;

static RefPlan *ref_plans = NULL;

static SPIPlanPtr
ref_plan(Oid tgoid, int ref, const char *table, const char *column, Oid keytype)
{
	RefPlan    *p;
	char	   *sql;
	SPIPlanPtr	plan;

	for (p = ref_plans; p; p = p->next)
		if (p->tgoid == tgoid && p->ref == ref)
			return p->plan;
	sql = psprintf("SELECT 1 FROM ONLY xdjy.%s x WHERE x.%s OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x",
				   quote_identifier(table), quote_identifier(column));
	plan = SPI_prepare(sql, 1, &keytype);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));
	plan = xdjy_keep_plan(plan);
	p = MemoryContextAllocZero(TopMemoryContext, sizeof(RefPlan));
	p->tgoid = tgoid;
	p->ref = ref;
	p->plan = plan;
	p->next = ref_plans;
	ref_plans = p;
	pfree(sql);
	return plan;
}

/* run the look-up of reference ref for key, as the owner of table */
static bool
ref_exists(Oid tgoid, int ref, const char *table, const char *column,
		   Datum key, Oid keytype, bool latest)
{
	Oid			relid = get_relname_relid(table, get_namespace_oid("xdjy", false));
	XdjyUserContext saved;
	SPIPlanPtr	plan;
	int			rc;
	bool		found;

	if (!OidIsValid(relid))
		elog(ERROR, "table xdjy.%s does not exist", table);

	/*
	 * The referenced row by the table's primary key, FOR KEY SHARE, without
	 * SPI: what the query below does, as ExecLockRows does it, where the
	 * statement's executor start-up was a quarter of a fee line's COPY
	 * (perf, make bench figure 9).  Any other key (a column not alone the
	 * primary key, a key of another type) goes through the query.
	 */
	if (!latest)
	{
		XdjyRowWriter *w = xdjy_row_locker_open(relid);
		AttrNumber	pk = xdjy_row_writer_key_column(w);

		if (pk != InvalidAttrNumber &&
			strcmp(NameStr(TupleDescAttr(xdjy_row_writer_desc(w), pk - 1)->attname), column) == 0 &&
			TupleDescAttr(xdjy_row_writer_desc(w), pk - 1)->atttypid == keytype)
		{
			ItemPointerData tid;

			found = xdjy_row_find(w, &key, XDJY_ROW_FOR_KEY_SHARE, &tid);
			xdjy_row_writer_close(w);
			return found;
		}
		xdjy_row_writer_close(w);
	}
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = ref_plan(tgoid, ref, table, column, keytype);
	xdjy_become_owner(relid, &saved);
	if (latest && IsolationUsesXactSnapshot())
		rc = SPI_execute_snapshot(plan, &key, NULL, GetLatestSnapshot(),
								  InvalidSnapshot, false, false, 1);
	else
		rc = SPI_execute_plan(plan, &key, NULL, false, 1);
	xdjy_restore_user(&saved);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reference look-up in xdjy.%s failed: %s", table, SPI_result_code_string(rc));
	found = SPI_processed > 0;
	SPI_finish();
	return found;
}

static void
check_args(TriggerData *td, const char *name)
{
	if (td->tg_trigger->tgnargs == 0 || td->tg_trigger->tgnargs % 4 != 0)
		xdjy_trigger_misuse(name, "needs its references in groups of four arguments");
}

/*
 * The key a reference names in row (its column and value), and whether an
 * UPDATE left it as it was (then nothing needs checking, as
 * RI_FKey_fk_upd_check_required and RI_FKey_pk_upd_check_required find).
 */
static Form_pg_attribute
ref_key(TriggerData *td, HeapTuple row, HeapTuple other, const char *column,
		const char *fname, Datum *key, bool *skip)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	int			attnum = SPI_fnumber(desc, column);
	Form_pg_attribute att;
	bool		isnull;

	if (attnum <= 0)
		xdjy_trigger_misuse(fname, "names a column the table does not have");
	att = TupleDescAttr(desc, attnum - 1);
	*key = heap_getattr(row, attnum, desc, &isnull);
	*skip = isnull;
	if (!isnull && other != NULL)
	{
		bool		othernull;
		Datum		o = heap_getattr(other, attnum, desc, &othernull);

		*skip = !othernull && datum_image_eq(o, *key, att->attbyval, att->attlen);
	}
	return att;
}

/*
 * AFTER INSERT OR UPDATE on the referencing table (ri_triggers.c,
 * RI_FKey_check): a non-NULL key has its row in the other table.
 */
Datum
reference_child_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "reference_child_trigger", false);
	Relation	rel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	HeapTuple	row = xdjy_trigger_new_row(td, "reference_child_trigger");
	char	  **a = td->tg_trigger->tgargs;

	check_args(td, "reference_child_trigger");
	if (xdjy_restoring())
		return PointerGetDatum(NULL);

	for (int i = 0; i < td->tg_trigger->tgnargs; i += 4)
	{
		Datum		key;
		bool		skip;
		Form_pg_attribute att = ref_key(td, row,
										TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_trigtuple : NULL,
										a[i + 1], "reference_child_trigger", &key, &skip);

		if (skip)
			continue;
		if (!ref_exists(td->tg_trigger->tgoid, i / 4, a[i + 2], a[i + 3], key,
						att->atttypid, false))
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("insert or update on table \"%s\" violates foreign key constraint \"%s\"",
							RelationGetRelationName(rel), a[i]),
					 errdetail("Key (%s)=(%s) is not present in table \"%s\".",
							   a[i + 1], xdjy_clip(SPI_getvalue(row, desc, att->attnum)), a[i + 2]),
					 errtableconstraint(rel, a[i])));
	}
	return PointerGetDatum(NULL);
}

/*
 * AFTER UPDATE OR DELETE on the referenced table (RI_FKey_noaction_upd,
 * _del): a key that goes away is referred to by no row, in the latest
 * snapshot.  A row inserted concurrently holds the key's row FOR KEY
 * SHARE, so this statement waited for it and sees it.
 */
Datum
reference_parent_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "reference_parent_trigger", false);
	Relation	rel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	HeapTuple	old = td->tg_trigtuple;
	char	  **a = td->tg_trigger->tgargs;

	check_args(td, "reference_parent_trigger");
	if (!TRIGGER_FIRED_BY_UPDATE(td->tg_event) && !TRIGGER_FIRED_BY_DELETE(td->tg_event))
		xdjy_trigger_misuse("reference_parent_trigger", "must be fired for UPDATE or DELETE");
	if (xdjy_restoring())
		return PointerGetDatum(NULL);

	for (int i = 0; i < td->tg_trigger->tgnargs; i += 4)
	{
		Datum		key;
		bool		skip;
		Form_pg_attribute att = ref_key(td, old,
										TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : NULL,
										a[i + 1], "reference_parent_trigger", &key, &skip);

		if (skip)
			continue;
		if (ref_exists(td->tg_trigger->tgoid, i / 4, a[i + 2], a[i + 3], key,
					   att->atttypid, true))
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("update or delete on table \"%s\" violates foreign key constraint \"%s\" on table \"%s\"",
							RelationGetRelationName(rel), a[i], a[i + 2]),
					 errdetail("Key (%s)=(%s) is still referenced from table \"%s\".",
							   a[i + 1], xdjy_clip(SPI_getvalue(old, desc, att->attnum)), a[i + 2]),
					 errtableconstraint(rel, a[i])));
	}
	return PointerGetDatum(NULL);
}
