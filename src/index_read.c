/*-------------------------------------------------------------------------
 *
 * src/index_read.c
 *	  Reading xdjy's own tables through their indexes without SPI (see
 *	  index_read.h), as logical replication's apply worker finds a row
 *	  (execReplication.c, RelationFindReplTupleByIndex) and with the
 *	  snapshot an SPI statement would have had (spi.c, _SPI_execute_plan).
 *
 *	  Why: a look-up through SPI starts and ends an executor for one index
 *	  probe, and that start-up was most of the engine's time per
 *	  settlement (test/bench/RESULTS.md, figure 2).  The tables are read
 *	  as the caller (the rules run as the extension's owner, a superuser:
 *	  row-level security does not apply to them, as it did not to their
 *	  SPI queries).  A caller that asks the reference caches
 *	  (reference_cache.c) must do so after PopActiveSnapshot: a copy is
 *	  kept for the snapshot it was read in.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "index_read.h"
#include "trigger_util.h"

Snapshot
xdjy_statement_snapshot_push(bool latest)
{
	CommandCounterIncrement();
	if (latest && IsolationUsesXactSnapshot())
		PushCopiedSnapshot(GetLatestSnapshot());
	else
		PushCopiedSnapshot(GetTransactionSnapshot());
	UpdateActiveSnapshotCommandId();
	return GetActiveSnapshot();
}

void
xdjy_index_scankey(Relation idx, int column, StrategyNumber strategy, Datum value,
				   ScanKey key)
{
	Oid			type = idx->rd_opcintype[column - 1];
	Oid			op = get_opfamily_member(idx->rd_opfamily[column - 1], type, type, strategy);

	if (!OidIsValid(op))
		elog(ERROR, "xdjy: no operator of strategy %d for column %d of index \"%s\"",
			 strategy, column, RelationGetRelationName(idx));
	ScanKeyInit(key, column, strategy, get_opcode(op), value);
	key->sk_collation = idx->rd_indcollation[column - 1];
}

Oid
xdjy_table_oid(const char *name)
{
	/* relocatable = false (xdjy.control): the schema is always xdjy */
	Oid			relid = get_relname_relid(name, get_namespace_oid("xdjy", false));

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table xdjy.%s does not exist", name),
				 errhint("Install the extension with CREATE EXTENSION xdjy.")));
	return relid;
}

void
xdjy_index_walk_begin(XdjyIndexWalk *w, const char *table, const char *index, int nkeys,
					  const StrategyNumber *strategies, const Datum *keys, Snapshot snap)
{
	ScanKeyData skey[INDEX_MAX_KEYS];
	Oid			idxoid;

	Assert(nkeys > 0 && nkeys <= INDEX_MAX_KEYS);
	w->rel = table_open(xdjy_table_oid(table), AccessShareLock);
	idxoid = get_relname_relid(index, RelationGetNamespace(w->rel));
	if (!OidIsValid(idxoid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("index xdjy.%s does not exist", index),
				 errhint("The rules read xdjy.%s through it; reinstall the extension.", table)));
	w->idx = index_open(idxoid, AccessShareLock);
	for (int i = 0; i < nkeys; i++)
		xdjy_index_scankey(w->idx, i + 1, strategies ? strategies[i] : BTEqualStrategyNumber,
						   keys[i], &skey[i]);
	w->slot = table_slot_create(w->rel, NULL);
	w->scan = index_beginscan(w->rel, w->idx, snap, nkeys, 0);
	index_rescan(w->scan, skey, nkeys, NULL, 0);
}

TupleTableSlot *
xdjy_index_walk_next(XdjyIndexWalk *w, ScanDirection dir)
{
	return index_getnext_slot(w->scan, dir, w->slot) ? w->slot : NULL;
}

void
xdjy_index_walk_end(XdjyIndexWalk *w)
{
	index_endscan(w->scan);
	ExecDropSingleTupleTableSlot(w->slot);
	index_close(w->idx, NoLock);
	table_close(w->rel, NoLock);
}

Datum
xdjy_index_walk_value(XdjyIndexWalk *w, const char *column, bool *isnull)
{
	return slot_getattr(w->slot, xdjy_colno(RelationGetDescr(w->rel), column), isnull);
}

bool
xdjy_index_exists(const char *table, const char *index, int nkeys, const Datum *keys,
				  Snapshot snap)
{
	XdjyIndexWalk w;
	bool		found;

	xdjy_index_walk_begin(&w, table, index, nkeys, NULL, keys, snap);
	found = xdjy_index_walk_next(&w, ForwardScanDirection) != NULL;
	xdjy_index_walk_end(&w);
	return found;
}
