/*-------------------------------------------------------------------------
 *
 * src/row_write.h
 *	  Writing one row of xdjy's own tables without SPI, the way logical
 *	  replication applies a change (execReplication.c): a ResultRelInfo of
 *	  its own, the table's CHECK constraints and indexes maintained by the
 *	  executor's routines, the CHECK expressions planned once per session.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_ROW_WRITE_H
#define XDJY_ROW_WRITE_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "executor/tuptable.h"
#include "utils/snapshot.h"
#include "storage/itemptr.h"

typedef struct XdjyRowWriter XdjyRowWriter;

/* open relid for writing (RowExclusiveLock), in the current memory context */
extern XdjyRowWriter *xdjy_row_writer_open(Oid relid);
/* open relid for xdjy_row_find alone: unlocked (AccessShareLock), locked (RowShareLock) */
extern XdjyRowWriter *xdjy_row_reader_open(Oid relid);
extern XdjyRowWriter *xdjy_row_locker_open(Oid relid);
extern void xdjy_row_writer_close(XdjyRowWriter *w);
extern TupleDesc xdjy_row_writer_desc(XdjyRowWriter *w);

/*
 * The row whose primary key is key[] (one Datum per key column, in the
 * index's order), as SELECT ... WHERE key = $n [FOR NO KEY UPDATE] finds
 * it through SPI (read_only = false): after a CommandCounterIncrement, in
 * a fresh snapshot under READ COMMITTED and the transaction's under
 * REPEATABLE READ.  Locked (FOR KEY SHARE, SHARE or NO KEY UPDATE), as
 * ExecLockRows (nodeLockRows.c) locks it: under READ COMMITTED the latest
 * version, waited for; under REPEATABLE READ a row changed since the
 * snapshot is a serialization failure (40001).  False if there is none.
 * The row found is in the slot xdjy_row_writer_found returns, and *tid.
 */
typedef enum XdjyRowLock
{
	XDJY_ROW_UNLOCKED,
	XDJY_ROW_FOR_KEY_SHARE,
	XDJY_ROW_FOR_SHARE,
	XDJY_ROW_FOR_NO_KEY_UPDATE
} XdjyRowLock;

extern bool xdjy_row_find(XdjyRowWriter *w, const Datum *key, XdjyRowLock lock,
						  ItemPointer tid);
extern TupleTableSlot *xdjy_row_writer_found(XdjyRowWriter *w);
/* the table's column that alone is its primary key, or InvalidAttrNumber */
extern AttrNumber xdjy_row_writer_key_column(XdjyRowWriter *w);

/*
 * The row by its primary key, unlocked, in snap: for several reads in the
 * one snapshot of xdjy_statement_snapshot_push (index_read.h).
 */
extern bool xdjy_row_fetch(XdjyRowWriter *w, const Datum *key, Snapshot snap);

/* a column of the row found, by name; text copied into cxt, NULL stays NULL */
extern Datum xdjy_found_value(XdjyRowWriter *w, const char *column, bool *isnull);
extern char *xdjy_found_text(XdjyRowWriter *w, const char *column, MemoryContext cxt);
extern bool xdjy_found_bool(XdjyRowWriter *w, const char *column, bool if_null);

/*
 * INSERT ... ON CONFLICT DO NOTHING on the table's unique indexes: true
 * and *tid set if the row was inserted, false if a committed row with the
 * key exists (a session inserting it concurrently is waited for).
 */
extern bool xdjy_row_insert_if_absent(XdjyRowWriter *w, const Datum *values,
									  const bool *nulls, ItemPointer tid);

/*
 * UPDATE of the row at tid, which the transaction inserted or locked:
 * the columns with replace[i] set take values[i] / nulls[i]; *tid becomes
 * the new version's.
 */
extern void xdjy_row_update(XdjyRowWriter *w, ItemPointer tid, const Datum *values,
							const bool *nulls, const bool *replace);

#endif							/* XDJY_ROW_WRITE_H */
