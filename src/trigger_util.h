/*-------------------------------------------------------------------------
 *
 * src/trigger_util.h
 *	  Plumbing shared by xdjy's C triggers: the misuse guards of
 *	  contrib/spi (a trigger function called the wrong way is an internal
 *	  error, never a silent pass) and typed column access by name.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_TRIGGER_UTIL_H
#define XDJY_TRIGGER_UTIL_H

#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#define XDJY_ON_INSERT	0x01
#define XDJY_ON_UPDATE	0x02
#define XDJY_ON_DELETE	0x04

/*
 * A trigger function attached the wrong way (by hand, to a table of one's
 * own: the extension's own triggers are always right) is refused with
 * PostgreSQL's own SQLSTATE for it, 39P01 trigger protocol violated.
 */
#define xdjy_trigger_misuse(name, what) \
	ereport(ERROR, \
			(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED), \
			 errmsg("%s %s", (name), (what)), \
			 errhint("Attach it only as the xdjy install script does.")))

/* the TriggerData of any call by the trigger manager */
static inline TriggerData *
xdjy_trigger_data(FunctionCallInfo fcinfo, const char *name)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		xdjy_trigger_misuse(name, "was not called by the trigger manager");
	return (TriggerData *) fcinfo->context;
}

/* the TriggerData after checking: called as a row trigger, BEFORE or AFTER */
static inline TriggerData *
xdjy_row_trigger(FunctionCallInfo fcinfo, const char *name, bool before)
{
	TriggerData *td = xdjy_trigger_data(fcinfo, name);

	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event))
		xdjy_trigger_misuse(name, "must be fired for each row");
	if (before && !TRIGGER_FIRED_BEFORE(td->tg_event))
		xdjy_trigger_misuse(name, "must be fired before the event");
	if (!before && !TRIGGER_FIRED_AFTER(td->tg_event))
		xdjy_trigger_misuse(name, "must be fired after the event");
	return td;
}

/*
 * The row an INSERT or UPDATE row trigger decides on: the new row.  Fired
 * for any other event, the function was attached the wrong way.
 */
static inline HeapTuple
xdjy_trigger_new_row(TriggerData *td, const char *name)
{
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
		return td->tg_trigtuple;
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
		return td->tg_newtuple;
	xdjy_trigger_misuse(name, "must be fired for INSERT or UPDATE");
	pg_unreachable();
}

/* an AFTER ... FOR EACH STATEMENT trigger */
static inline TriggerData *
xdjy_after_statement_trigger(FunctionCallInfo fcinfo, const char *name)
{
	TriggerData *td = xdjy_trigger_data(fcinfo, name);

	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event))
		xdjy_trigger_misuse(name, "must be fired after the statement");
	return td;
}

/* the same for a BEFORE row trigger, also checking the events it handles */
static inline TriggerData *
xdjy_trigger_guard(FunctionCallInfo fcinfo, const char *name, int events)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, name, true);

	if ((TRIGGER_FIRED_BY_INSERT(td->tg_event) && !(events & XDJY_ON_INSERT)) ||
		(TRIGGER_FIRED_BY_UPDATE(td->tg_event) && !(events & XDJY_ON_UPDATE)) ||
		(TRIGGER_FIRED_BY_DELETE(td->tg_event) && !(events & XDJY_ON_DELETE)) ||
		TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		xdjy_trigger_misuse(name, "was fired by an event it does not handle");
	return td;
}

/* the row a BEFORE row trigger works on: the new row, or the old on DELETE */
static inline HeapTuple
xdjy_trigger_row(TriggerData *td)
{
	return TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
}

/* column number (1-based) by name, any type; elog(ERROR) if absent */
static inline int
xdjy_colno(TupleDesc tupdesc, const char *column)
{
	int			attnum = SPI_fnumber(tupdesc, column);

	if (attnum <= 0)
		elog(ERROR, "xdjy: column \"%s\" not found", column);
	return attnum;
}

/* attribute number of a column, checked to exist with the type expected */
static inline int
xdjy_attnum(TupleDesc tupdesc, const char *column, Oid type)
{
	int			attnum = xdjy_colno(tupdesc, column);

	if (SPI_gettypeid(tupdesc, attnum) != type)
		elog(ERROR, "xdjy: column \"%s\" has type %u, expected %u",
			 column, SPI_gettypeid(tupdesc, attnum), type);
	return attnum;
}

/* a text Datum as a C string in cxt; NULL stays NULL */
static inline char *
xdjy_text_copy(Datum d, bool isnull, MemoryContext cxt)
{
	MemoryContext old;
	char	   *s;

	if (isnull)
		return NULL;
	old = MemoryContextSwitchTo(cxt);
	s = TextDatumGetCString(d);
	MemoryContextSwitchTo(old);
	return s;
}

static inline Datum
xdjy_get(HeapTuple tuple, TupleDesc tupdesc, int attnum, bool *isnull)
{
	return heap_getattr(tuple, attnum, tupdesc, isnull);
}

/* text column as a C string; NULL stays NULL */
static inline char *
xdjy_get_text(HeapTuple tuple, TupleDesc tupdesc, int attnum)
{
	bool		isnull;
	Datum		d = heap_getattr(tuple, attnum, tupdesc, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/* a column of a stored row by name */
static inline Datum
xdjy_col(HeapTuple tuple, TupleDesc tupdesc, const char *column, bool *isnull)
{
	return heap_getattr(tuple, xdjy_colno(tupdesc, column), tupdesc, isnull);
}

static inline char *
xdjy_col_text(HeapTuple tuple, TupleDesc tupdesc, const char *column)
{
	return xdjy_get_text(tuple, tupdesc, xdjy_colno(tupdesc, column));
}

#endif							/* XDJY_TRIGGER_UTIL_H */
