/*-------------------------------------------------------------------------
 *
 * src/builtin_guard.c
 *	  Rows that ship with xdjy (builtin = true) stay as shipped.
 *
 *	  Tables that mix shipped rows with the DBA's own — the holiday
 *	  calendar, the per-province rules of the policy documents, the national code
 *	  mappings — are dumped with pg_extension_config_dump(..., 'WHERE NOT
 *	  builtin'): CREATE EXTENSION brings the shipped rows back, pg_dump
 *	  keeps the DBA's.  An edit to a shipped row would therefore vanish in a
 *	  dump and restore, and a DBA's row marked builtin would not be dumped
 *	  at all.  So outside the extension's own scripts (creating_extension)
 *	  no row may be inserted as builtin, and a builtin row may not be
 *	  updated, deleted or truncated away.
 *
 *	  One trigger function serves every such table:
 *	    builtin_guard_trigger(kind [, key column ...])
 *	  BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW and BEFORE TRUNCATE FOR
 *	  EACH STATEMENT.  kind picks the SQLSTATE, whose message is the error
 *	  registry's, and the hint; the key columns name the row.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "errors.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(builtin_guard_trigger);

typedef struct BuiltinKind
{
	const char *kind;			/* first trigger argument */
	int			sqlstate;		/* its message is the registry's */
	const char *own_rows;		/* errhint: what the DBA does instead */
} BuiltinKind;

static const BuiltinKind kinds[] = {
	/* the State Council holiday notices */
	{"holiday", ERRCODE_XDJY_HOLIDAY_BUILTIN,
	XDJY_N_("Add a row with builtin = false for a day that has none; builtin rows change only with an extension update.")},
	/* 鲁医保发〔2021〕46号 第三条(二), 吉医保发〔2019〕34号 附件第2–5条、第8条: the per-province rules of the policy documents */
	{"policy_rule", ERRCODE_XDJY_BUILTIN_RULE,
	XDJY_N_("Add rows of your own (builtin = false) for other provinces or dates.")},
	/* 国家医疗保障信息平台 接口规范: the national platform's code lists */
	{"national_map", ERRCODE_XDJY_NATIONAL_MAP_BUILTIN,
	XDJY_N_("Override it with a row of your own for the same key (builtin = false, priority above 0): the highest priority wins.")},
};

static const BuiltinKind *
find_kind(Trigger *trigger)
{
	size_t		i;

	for (i = 0; trigger->tgnargs >= 1 && i < lengthof(kinds); i++)
		if (strcmp(kinds[i].kind, trigger->tgargs[0]) == 0)
			return &kinds[i];
	/* reachable by anyone attaching the function to a table of their own */
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("trigger \"%s\" names no kind of builtin rows", trigger->tgname),
			 errdetail("builtin_guard_trigger() was given %s.",
					   trigger->tgnargs >= 1 ? psprintf("\"%s\"", xdjy_clip(trigger->tgargs[0])) : "no argument"),
			 errhint("The first argument is holiday, policy_rule or national_map.")));
	return NULL;				/* keep compiler quiet */
}

/* "(day = 2024-10-01)" from the key columns named after the kind */
static char *
describe_key(Trigger *trigger, TupleDesc tupdesc, HeapTuple tuple)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	for (i = 1; i < trigger->tgnargs; i++)
	{
		char	   *value = SPI_getvalue(tuple, tupdesc,
										 xdjy_colno(tupdesc, trigger->tgargs[i]));

		appendStringInfo(&buf, "%s%s = %s", i > 1 ? ", " : "",
						 trigger->tgargs[i], value ? xdjy_clip(value) : "NULL");
	}
	appendStringInfoChar(&buf, ')');
	return buf.data;
}

static bool
is_builtin(TupleDesc tupdesc, HeapTuple tuple)
{
	bool		isnull;
	Datum		d = xdjy_get(tuple, tupdesc, xdjy_attnum(tupdesc, "builtin", BOOLOID), &isnull);

	return !isnull && DatumGetBool(d);
}

Datum
builtin_guard_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td;
	const BuiltinKind *kind;
	const char *table;
	TupleDesc	tupdesc;
	HeapTuple	newrow;

	td = xdjy_trigger_data(fcinfo, "builtin_guard_trigger");
	kind = find_kind(td->tg_trigger);
	table = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(td->tg_relation)),
									   RelationGetRelationName(td->tg_relation));

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (!TRIGGER_FIRED_BEFORE(td->tg_event))
			xdjy_trigger_misuse("builtin_guard_trigger", "must be fired before TRUNCATE");
		if (!creating_extension)
			ereport(ERROR,
					(xdjy_errcode(kind->sqlstate),
					 errdetail("TRUNCATE of \"%s\" would remove the rows that ship with xdjy (builtin = true).", table),
					 errhint("Remove the rows you added with DELETE FROM %s WHERE NOT builtin.", table)));
		return PointerGetDatum(NULL);
	}

	td = xdjy_row_trigger(fcinfo, "builtin_guard_trigger", true);
	newrow = xdjy_trigger_row(td);
	if (creating_extension)
		return PointerGetDatum(newrow);
	tupdesc = RelationGetDescr(td->tg_relation);

	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event) && is_builtin(tupdesc, td->tg_trigtuple))
		ereport(ERROR,
				(xdjy_errcode(kind->sqlstate),
				 errdetail("Row %s of \"%s\" ships with xdjy: CREATE EXTENSION recreates it and pg_dump leaves it out, so a change would be lost on restore.",
						   describe_key(td->tg_trigger, tupdesc, td->tg_trigtuple), table),
				 errhint("%s", xdjy_tr(kind->own_rows))));
	if (!TRIGGER_FIRED_BY_DELETE(td->tg_event) && is_builtin(tupdesc, newrow))
		ereport(ERROR,
				(xdjy_errcode(kind->sqlstate),
				 errdetail("Row %s of \"%s\" claims builtin = true: builtin rows come only with CREATE or ALTER EXTENSION, and pg_dump leaves them out.",
						   describe_key(td->tg_trigger, tupdesc, newrow), table),
				 errhint("Write it with builtin = false, so that pg_dump keeps it.")));
	return PointerGetDatum(newrow);
}
