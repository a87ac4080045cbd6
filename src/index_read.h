/*-------------------------------------------------------------------------
 *
 * src/index_read.h
 *	  Reading xdjy's own tables through their indexes without SPI: the
 *	  snapshot SPI would give a statement, and an index walk in it, for
 *	  the look-ups every settlement makes (test/bench/RESULTS.md, figure 2).
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_INDEX_READ_H
#define XDJY_INDEX_READ_H

#include "postgres.h"

#include "access/genam.h"
#include "access/sdir.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "executor/tuptable.h"
#include "utils/relcache.h"
#include "utils/snapshot.h"

/*
 * The snapshot SPI takes for a statement that is not read-only, pushed as
 * the active one until PopActiveSnapshot: a CommandCounterIncrement, then
 * a fresh snapshot under READ COMMITTED and the transaction's under
 * REPEATABLE READ; with latest, the latest committed rows under every
 * isolation level (as xdjy_run_latest, and PostgreSQL's foreign-key
 * checks, read them).
 */
extern Snapshot xdjy_statement_snapshot_push(bool latest);

/* key: column (1-based) of index idx compared by the operator of strategy */
extern void xdjy_index_scankey(Relation idx, int column, StrategyNumber strategy,
							   Datum value, ScanKey key);

/* the table xdjy.name, or an error if it is missing */
extern Oid	xdjy_table_oid(const char *name);

/*
 * A walk of index xdjy.index of table xdjy.table where its leading
 * columns compare to keys[] by strategies[] (NULL: all equality), in
 * snapshot snap; rows come in index order (or backwards) in a slot of the
 * table.  The table and the index are read under AccessShareLock.
 */
typedef struct XdjyIndexWalk
{
	Relation	rel;
	Relation	idx;
	IndexScanDesc scan;
	TupleTableSlot *slot;
} XdjyIndexWalk;

extern void xdjy_index_walk_begin(XdjyIndexWalk *w, const char *table, const char *index,
								  int nkeys, const StrategyNumber *strategies,
								  const Datum *keys, Snapshot snap);
extern TupleTableSlot *xdjy_index_walk_next(XdjyIndexWalk *w, ScanDirection dir);
extern void xdjy_index_walk_end(XdjyIndexWalk *w);

/* a column of the walk's current row, by name */
extern Datum xdjy_index_walk_value(XdjyIndexWalk *w, const char *column, bool *isnull);

/* is there a row of table with index's leading columns equal to keys[]? */
extern bool xdjy_index_exists(const char *table, const char *index, int nkeys,
							  const Datum *keys, Snapshot snap);

#endif							/* XDJY_INDEX_READ_H */
