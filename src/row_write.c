/*-------------------------------------------------------------------------
 *
 * src/row_write.c
 *	  Writing one row of xdjy's own tables without SPI, as logical
 *	  replication's apply worker does (execReplication.c, worker.c): an
 *	  EState and a ResultRelInfo of its own, ExecConstraints for the
 *	  table's NOT NULL and CHECK constraints, ExecInsertIndexTuples for its
 *	  indexes, its row triggers fired.  The insert is INSERT ... ON
 *	  CONFLICT DO NOTHING done the executor's way (nodeModifyTable.c's
 *	  speculative insertion): a concurrent inserter of the same key is
 *	  waited for, a committed row with the key is reported, not raised.
 *	  A row is found by its primary key as logical replication finds the
 *	  row a change applies to (RelationFindReplTupleByIndex), and locked
 *	  as SELECT ... FOR NO KEY UPDATE locks it (ExecLockRows).
 *
 *	  Why: a statement through SPI starts an executor, and PostgreSQL 15
 *	  reads every CHECK constraint of the table back from its text
 *	  (stringToNode of pg_constraint.conbin) and plans it again for every
 *	  statement's ResultRelInfo.  The message log is written twice per
 *	  call() and its five CHECKs were half of that cost (test/bench/
 *	  RESULTS.md, figure 8).  Here the planned expressions are kept for the
 *	  session, dropped when the table's relcache entry is invalidated (an
 *	  ALTER TABLE), and each writer only initialises them.  A look-up
 *	  through SPI pays an executor start and end for one index probe.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "executor/spi.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/nodeModifyTable.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "optimizer/optimizer.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "index_read.h"
#include "row_write.h"
#include "trigger_util.h"

struct XdjyRowWriter
{
	Relation	rel;
	EState	   *estate;
	ResultRelInfo *rri;
	TupleTableSlot *slot;		/* the row written */
	TupleTableSlot *oldslot;	/* the row as it was, found, or a conflicting one */
	Relation	pkey;			/* its primary key index, opened with it */
	bool		write;			/* false: for xdjy_row_find alone */
	bool		lock;			/* may lock what it finds */
};

/*
 * The planned CHECK expressions of a table, in the order of its relcache
 * entry's constr->check (the order ExecRelCheck evaluates them in).  A
 * stale entry is not freed at once: the ExprStates of an open writer point
 * into its trees (a Const's by-reference value, a function's fn_expr).
 * It is freed at the end of the transaction, when no writer is left.
 */
typedef struct CheckExprs
{
	Oid			relid;
	int			ncheck;
	bool		stale;
	MemoryContext cxt;
	Expr	  **exprs;
	struct CheckExprs *next;
} CheckExprs;

static CheckExprs *check_exprs = NULL;
static bool callbacks_registered = false;

static void
checks_relcache_changed(Datum arg pg_attribute_unused(), Oid relid)
{
	for (CheckExprs *c = check_exprs; c != NULL; c = c->next)
		if (relid == InvalidOid || c->relid == relid)
			c->stale = true;
}

static void
checks_xact_end(XactEvent event, void *arg pg_attribute_unused())
{
	CheckExprs **link = &check_exprs;
	CheckExprs *c;

	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT)
		return;
	while ((c = *link) != NULL)
	{
		if (c->stale)
		{
			*link = c->next;
			MemoryContextDelete(c->cxt);
			continue;
		}
		link = &c->next;
	}
}

/* the planned CHECK expressions of rel, built at the first use in a session */
static CheckExprs *
checks_of(Relation rel)
{
	TupleConstr *constr = rel->rd_att->constr;
	int			ncheck = constr->num_check;
	CheckExprs *c;
	MemoryContext cxt;
	MemoryContext old;

	if (!callbacks_registered)
	{
		CacheRegisterRelcacheCallback(checks_relcache_changed, (Datum) 0);
		RegisterXactCallback(checks_xact_end, NULL);
		callbacks_registered = true;
	}
	for (c = check_exprs; c != NULL; c = c->next)
		if (!c->stale && c->relid == RelationGetRelid(rel) && c->ncheck == ncheck)
			return c;

	/*
	 * Built under the current context and moved under CacheMemoryContext
	 * once complete, as the relcache builds its own entries: an error on
	 * the way leaves nothing behind.
	 */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "xdjy CHECK expressions",
								ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(cxt);
	c = palloc0(sizeof(CheckExprs));
	c->relid = RelationGetRelid(rel);
	c->ncheck = ncheck;
	c->cxt = cxt;
	c->exprs = palloc(sizeof(Expr *) * ncheck);
	/* what ExecRelCheck does for each statement: read back, then plan */
	for (int i = 0; i < ncheck; i++)
		c->exprs[i] = expression_planner(stringToNode(constr->check[i].ccbin));
	MemoryContextSwitchTo(old);
	MemoryContextSetParent(cxt, CacheMemoryContext);
	c->next = check_exprs;
	check_exprs = c;
	return c;
}

static XdjyRowWriter *
row_writer_open(Oid relid, bool write, bool lock)
{
	XdjyRowWriter *w = palloc0(sizeof(XdjyRowWriter));
	RangeTblEntry *rte = makeNode(RangeTblEntry);
	/* the table locks of INSERT/UPDATE, SELECT ... FOR UPDATE, SELECT */
	LOCKMODE	lockmode = write ? RowExclusiveLock : lock ? RowShareLock : AccessShareLock;
	TupleConstr *constr;
	EState	   *estate;

	w->write = write;
	w->lock = write || lock;
	w->rel = table_open(relid, lockmode);
	if (!write)
	{
		/* the table, its primary key and a slot, no executor state */
		Oid			pkey = RelationGetPrimaryKeyIndex(w->rel);

		if (OidIsValid(pkey))
			w->pkey = index_open(pkey, AccessShareLock);
		w->oldslot = table_slot_create(w->rel, NULL);
		return w;
	}
	constr = w->rel->rd_att->constr;
	w->estate = estate = CreateExecutorState();
	w->oldslot = table_slot_create(w->rel, &estate->es_tupleTable);
	rte->rtekind = RTE_RELATION;
	rte->relid = relid;
	rte->relkind = w->rel->rd_rel->relkind;
	rte->rellockmode = lockmode;
	ExecInitRangeTable(estate, list_make1(rte));
	w->rri = makeNode(ResultRelInfo);
	InitResultRelInfo(w->rri, w->rel, 1, NULL, 0);
	/* so that ExecGetTriggerResultRel finds it, as in worker.c */
	estate->es_opened_result_relations = list_make1(w->rri);
	estate->es_output_cid = GetCurrentCommandId(true);
	/* the statement's snapshot: ON CONFLICT's visibility check reads it */
	estate->es_snapshot = ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
	ExecOpenIndices(w->rri, true);
	if (constr != NULL && constr->num_check > 0)
	{
		CheckExprs *c = checks_of(w->rel);
		MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

		w->rri->ri_ConstraintExprs = palloc(sizeof(ExprState *) * c->ncheck);
		for (int i = 0; i < c->ncheck; i++)
			w->rri->ri_ConstraintExprs[i] = ExecInitExpr(c->exprs[i], NULL);
		MemoryContextSwitchTo(old);
	}
	for (int i = 0; i < w->rri->ri_NumIndices; i++)
		if (w->rri->ri_IndexRelationDescs[i]->rd_index->indisprimary)
			w->pkey = w->rri->ri_IndexRelationDescs[i];
	w->slot = table_slot_create(w->rel, &estate->es_tupleTable);
	AfterTriggerBeginQuery();
	return w;
}

XdjyRowWriter *
xdjy_row_writer_open(Oid relid)
{
	return row_writer_open(relid, true, true);
}

XdjyRowWriter *
xdjy_row_reader_open(Oid relid)
{
	return row_writer_open(relid, false, false);
}

XdjyRowWriter *
xdjy_row_locker_open(Oid relid)
{
	return row_writer_open(relid, false, true);
}

void
xdjy_row_writer_close(XdjyRowWriter *w)
{
	if (!w->write)
	{
		ExecDropSingleTupleTableSlot(w->oldslot);
		if (w->pkey != NULL)
			index_close(w->pkey, NoLock);
		table_close(w->rel, NoLock);
		pfree(w);
		return;
	}
	AfterTriggerEndQuery(w->estate);
	ExecCloseIndices(w->rri);

	/*
	 * Not ExecCloseResultRelations: as in worker.c, the relation in
	 * es_opened_result_relations is ours to close.
	 */
	ExecResetTupleTable(w->estate->es_tupleTable, false);
	FreeExecutorState(w->estate);
	table_close(w->rel, NoLock);
	pfree(w);
}

TupleDesc
xdjy_row_writer_desc(XdjyRowWriter *w)
{
	return RelationGetDescr(w->rel);
}

TupleTableSlot *
xdjy_row_writer_found(XdjyRowWriter *w)
{
	return w->oldslot;
}

AttrNumber
xdjy_row_writer_key_column(XdjyRowWriter *w)
{
	if (w->pkey == NULL || IndexRelationGetNumberOfKeyAttributes(w->pkey) != 1)
		return InvalidAttrNumber;
	return w->pkey->rd_index->indkey.values[0];
}

/* the locked version still has the key, as EvalPlanQual would recheck */
static bool
key_matches(XdjyRowWriter *w, const Datum *key)
{
	int			nkeys = IndexRelationGetNumberOfKeyAttributes(w->pkey);

	for (int i = 0; i < nkeys; i++)
	{
		AttrNumber	attnum = w->pkey->rd_index->indkey.values[i];
		Form_pg_attribute att = TupleDescAttr(RelationGetDescr(w->rel), attnum - 1);
		bool		isnull;
		Datum		v = slot_getattr(w->oldslot, attnum, &isnull);

		if (isnull || !datum_image_eq(v, key[i], att->attbyval, att->attlen))
			return false;
	}
	return true;
}

/*
 * Lock the row in oldslot in mode, as ExecLockRows does for a row the
 * scan returned in snapshot snap.
 */
static bool
lock_found(XdjyRowWriter *w, Snapshot snap, const Datum *key, LockTupleMode mode)
{
	TM_FailureData tmfd;
	TM_Result	res;
	ItemPointerData tid = w->oldslot->tts_tid;

	/* ExecLockRows' flags: under READ COMMITTED, the latest version */
	res = table_tuple_lock(w->rel, &tid, snap, w->oldslot, GetCurrentCommandId(true),
						   mode, LockWaitBlock,
						   TUPLE_LOCK_FLAG_LOCK_UPDATE_IN_PROGRESS |
						   (IsolationUsesXactSnapshot() ? 0 : TUPLE_LOCK_FLAG_FIND_LAST_VERSION),
						   &tmfd);
	switch (res)
	{
		case TM_Ok:
			/* under READ COMMITTED, the latest version: it must still match */
			return !tmfd.traversed || key_matches(w, key);
		case TM_SelfModified:
			/* changed by a later command of this transaction: not seen */
			return false;
		case TM_Updated:
		case TM_Deleted:
			if (IsolationUsesXactSnapshot())
				ereport(ERROR,
						(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
						 errmsg("could not serialize access due to concurrent update")));
			/* a deleted row is not returned (FIND_LAST_VERSION follows updates) */
			if (res == TM_Deleted)
				return false;
			break;
		default:
			break;
	}
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("could not lock a row of \"%s\"", RelationGetRelationName(w->rel)),
			 errdetail("table_tuple_lock returned %d.", (int) res),
			 errhint("This is an internal error of xdjy; report the statement that raised it.")));
	return false;				/* keep the compiler quiet */
}

bool
xdjy_row_fetch(XdjyRowWriter *w, const Datum *key, Snapshot snap)
{
	Relation	idx = w->pkey;
	int			nkeys;
	ScanKeyData skey[INDEX_MAX_KEYS];
	IndexScanDesc scan;
	bool		found;

	if (idx == NULL)
		elog(ERROR, "xdjy: table \"%s\" has no primary key", RelationGetRelationName(w->rel));
	nkeys = IndexRelationGetNumberOfKeyAttributes(idx);
	/* key = $n with the index's own equality, as build_replindex_scan_key */
	for (int i = 0; i < nkeys; i++)
		xdjy_index_scankey(idx, i + 1, BTEqualStrategyNumber, key[i], &skey[i]);
	scan = index_beginscan(w->rel, idx, snap, nkeys, 0);
	index_rescan(scan, skey, nkeys, NULL, 0);
	found = index_getnext_slot(scan, ForwardScanDirection, w->oldslot);
	index_endscan(scan);
	if (!found)
		ExecClearTuple(w->oldslot);
	return found;
}

bool
xdjy_row_find(XdjyRowWriter *w, const Datum *key, XdjyRowLock lock, ItemPointer tid)
{
	Snapshot	snap = xdjy_statement_snapshot_push(false);
	bool		found = xdjy_row_fetch(w, key, snap);

	if (found && lock != XDJY_ROW_UNLOCKED)
	{
		if (!w->lock)
			elog(ERROR, "xdjy: a row of \"%s\" locked through a reader",
				 RelationGetRelationName(w->rel));
		found = lock_found(w, snap, key,
						   lock == XDJY_ROW_FOR_KEY_SHARE ? LockTupleKeyShare :
						   lock == XDJY_ROW_FOR_SHARE ? LockTupleShare : LockTupleNoKeyExclusive);
	}
	PopActiveSnapshot();
	if (found)
		*tid = w->oldslot->tts_tid;
	else
		ExecClearTuple(w->oldslot);
	return found;
}

Datum
xdjy_found_value(XdjyRowWriter *w, const char *column, bool *isnull)
{
	return slot_getattr(w->oldslot, xdjy_colno(RelationGetDescr(w->rel), column), isnull);
}

char *
xdjy_found_text(XdjyRowWriter *w, const char *column, MemoryContext cxt)
{
	bool		isnull;
	Datum		v = xdjy_found_value(w, column, &isnull);

	return xdjy_text_copy(v, isnull, cxt);
}

bool
xdjy_found_bool(XdjyRowWriter *w, const char *column, bool if_null)
{
	bool		isnull;
	Datum		v = xdjy_found_value(w, column, &isnull);

	return isnull ? if_null : DatumGetBool(v);
}

static void
store_row(XdjyRowWriter *w, const Datum *values, const bool *nulls, const bool *replace)
{
	TupleTableSlot *slot = w->slot;
	int			natts = slot->tts_tupleDescriptor->natts;

	ExecClearTuple(slot);
	if (replace != NULL)
		slot_getallattrs(w->oldslot);
	for (int i = 0; i < natts; i++)
	{
		bool		take = replace == NULL || replace[i];

		slot->tts_values[i] = take ? values[i] : w->oldslot->tts_values[i];
		slot->tts_isnull[i] = take ? nulls[i] : w->oldslot->tts_isnull[i];
	}
	ExecStoreVirtualTuple(slot);
}

/*
 * ON CONFLICT DO NOTHING under REPEATABLE READ or SERIALIZABLE: a
 * conflicting row the transaction's snapshot does not see is a
 * serialization failure (nodeModifyTable.c, ExecCheckTIDVisible).
 */
static void
check_conflict_visible(XdjyRowWriter *w, ItemPointer tid)
{
	Datum		xmin;
	bool		isnull;

	if (!IsolationUsesXactSnapshot())
		return;
	if (!table_tuple_fetch_row_version(w->rel, tid, SnapshotAny, w->oldslot))
		elog(ERROR, "xdjy: failed to fetch the conflicting row of \"%s\"",
			 RelationGetRelationName(w->rel));
	if (!table_tuple_satisfies_snapshot(w->rel, w->oldslot, w->estate->es_snapshot))
	{
		xmin = slot_getsysattr(w->oldslot, MinTransactionIdAttributeNumber, &isnull);
		if (!TransactionIdIsCurrentTransactionId(DatumGetTransactionId(xmin)))
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not serialize access due to concurrent update")));
	}
	ExecClearTuple(w->oldslot);
}

bool
xdjy_row_insert_if_absent(XdjyRowWriter *w, const Datum *values, const bool *nulls,
						  ItemPointer tid)
{
	Relation	rel = w->rel;
	ResultRelInfo *rri = w->rri;
	EState	   *estate = w->estate;
	TupleTableSlot *slot = w->slot;
	List	   *recheck;

	estate->es_output_cid = GetCurrentCommandId(true);
	store_row(w, values, nulls, NULL);
	if (rri->ri_TrigDesc && rri->ri_TrigDesc->trig_insert_before_row &&
		!ExecBRInsertTriggers(estate, rri, slot))
		ereport(ERROR,
				(errcode(ERRCODE_TRIGGERED_DATA_CHANGE_VIOLATION),
				 errmsg("a trigger on \"%s\" skipped a row xdjy must write",
						RelationGetRelationName(rel)),
				 errhint("A BEFORE INSERT trigger on an xdjy table must return the row.")));
	if (rel->rd_att->constr && rel->rd_att->constr->has_generated_stored)
		ExecComputeStoredGenerated(rri, estate, slot, CMD_INSERT);
	if (rel->rd_att->constr)
		ExecConstraints(rri, slot, estate);

	for (;;)
	{
		ItemPointerData conflict;
		bool		spec_conflict = false;
		uint32		token;

		CHECK_FOR_INTERRUPTS();
		/* a committed row with the key: nothing to do */
		if (!ExecCheckIndexConstraints(rri, slot, estate, &conflict, NIL))
		{
			check_conflict_visible(w, &conflict);
			return false;
		}

		/*
		 * Insert with a speculative token, so that a session waiting on
		 * the key waits for this decision only, then keep the row or kill
		 * it if another session's row with the key came in between, and
		 * look again.
		 */
		token = SpeculativeInsertionLockAcquire(GetCurrentTransactionId());
		table_tuple_insert_speculative(rel, slot, estate->es_output_cid, 0, NULL, token);
		recheck = ExecInsertIndexTuples(rri, slot, estate, false, true,
										&spec_conflict, NIL);
		table_tuple_complete_speculative(rel, slot, token, !spec_conflict);
		SpeculativeInsertionLockRelease(GetCurrentTransactionId());
		if (!spec_conflict)
			break;
		list_free(recheck);
	}
	ExecARInsertTriggers(estate, rri, slot, recheck, NULL);
	list_free(recheck);
	*tid = slot->tts_tid;
	/* visible to what follows, as after an SPI statement */
	CommandCounterIncrement();
	return true;
}

void
xdjy_row_update(XdjyRowWriter *w, ItemPointer tid, const Datum *values,
				const bool *nulls, const bool *replace)
{
	EPQState	epq;

	w->estate->es_output_cid = GetCurrentCommandId(true);
	if (!table_tuple_fetch_row_version(w->rel, tid, SnapshotSelf, w->oldslot))
		elog(ERROR, "xdjy: the row of \"%s\" to update is gone",
			 RelationGetRelationName(w->rel));
	store_row(w, values, nulls, replace);
	EvalPlanQualInit(&epq, w->estate, NULL, NIL, -1);
	ExecSimpleRelationUpdate(w->rri, w->estate, &epq, w->oldslot, w->slot);
	EvalPlanQualEnd(&epq);
	/* the version written, for a later update in the transaction */
	*tid = w->slot->tts_tid;
	ExecClearTuple(w->oldslot);
	CommandCounterIncrement();
}
