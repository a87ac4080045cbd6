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
#include "storage/itemptr.h"

typedef struct XdjyRowWriter XdjyRowWriter;

/* open relid for writing (RowExclusiveLock), in the current memory context */
extern XdjyRowWriter *xdjy_row_writer_open(Oid relid);
extern void xdjy_row_writer_close(XdjyRowWriter *w);
extern TupleDesc xdjy_row_writer_desc(XdjyRowWriter *w);

/*
 * INSERT ... ON CONFLICT DO NOTHING on the table's unique indexes: true
 * and *tid set if the row was inserted, false if a committed row with the
 * key exists (a session inserting it concurrently is waited for).
 */
extern bool xdjy_row_insert_if_absent(XdjyRowWriter *w, const Datum *values,
									  const bool *nulls, ItemPointer tid);

/*
 * UPDATE of the row at tid, which the transaction inserted or locked:
 * the columns with replace[i] set take values[i] / nulls[i].
 */
extern void xdjy_row_update(XdjyRowWriter *w, ItemPointer tid, const Datum *values,
							const bool *nulls, const bool *replace);

#endif							/* XDJY_ROW_WRITE_H */
