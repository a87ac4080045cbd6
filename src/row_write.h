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
#include "storage/itemptr.h"

typedef struct XdjyRowWriter XdjyRowWriter;

/* open relid for writing (RowExclusiveLock), in the current memory context */
extern XdjyRowWriter *xdjy_row_writer_open(Oid relid);
/* open relid for xdjy_row_find without a lock (AccessShareLock) */
extern XdjyRowWriter *xdjy_row_reader_open(Oid relid);
extern void xdjy_row_writer_close(XdjyRowWriter *w);
extern TupleDesc xdjy_row_writer_desc(XdjyRowWriter *w);

/*
 * The row whose primary key is key[] (one Datum per key column, in the
 * index's order), as SELECT ... WHERE key = $n [FOR NO KEY UPDATE] finds
 * it through SPI (read_only = false): after a CommandCounterIncrement, in
 * a fresh snapshot under READ COMMITTED and the transaction's under
 * REPEATABLE READ.  With lock, the row is locked FOR NO KEY UPDATE as
 * ExecLockRows (nodeLockRows.c) locks it: under READ COMMITTED the latest
 * version, waited for; under REPEATABLE READ a row changed since the
 * snapshot is a serialization failure (40001).  False if there is none.
 * The row found is in the slot xdjy_row_writer_found returns, and *tid.
 */
extern bool xdjy_row_find(XdjyRowWriter *w, const Datum *key, bool lock,
						  ItemPointer tid);
extern TupleTableSlot *xdjy_row_writer_found(XdjyRowWriter *w);

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
