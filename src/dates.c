/*-------------------------------------------------------------------------
 *
 * src/dates.c
 *	  Dates for the rules (see dates.h): ISO text for messages, the date
 *	  arithmetic of deadlines and filing windows, the finite-date
 *	  requirement.  Every rule that adds months or days, or needs a day of
 *	  a month, calls these, so a month end or a leap day is handled in one
 *	  place.
 *
 *	  The business-date window, the one check of every business date
 *	  stored (business_dates_trigger, on every table users fill) and given
 *	  (xdjy_check_business_date in the C functions, check_business_date()
 *	  in the SQL ones): a date such as 5874897-12-31 or 4713 BC is a typing
 *	  error, and deadlines, ledger years and statements computed from it
 *	  would be wrong or fail later, for everybody, with 22008.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "errors.h"
#include "dates.h"
#include "errors.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(business_dates_trigger);
PG_FUNCTION_INFO_V1(check_business_date);

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------
 */

char *
xdjy_iso_date(DateADT d)
{
	int			y,
				m,
				dd;

	if (DATE_IS_NOBEGIN(d))
		return pstrdup("-infinity");
	if (DATE_IS_NOEND(d))
		return pstrdup("infinity");
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &dd);
	if (y <= 0)
		return psprintf("%04d-%02d-%02d BC", 1 - y, m, dd);
	return psprintf("%04d-%02d-%02d", y, m, dd);
}

/* does the daterange hold day d? (NULL holds nothing) */
bool
xdjy_daterange_holds(Datum range, bool isnull, DateADT d)
{
	RangeType  *r;

	if (isnull)
		return false;
	r = DatumGetRangeTypeP(range);
	return range_contains_elem_internal(lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO),
										r, DateADTGetDatum(d));
}

/* a daterange as [lower,upper), ( for no lower bound, "empty" */
char *
xdjy_iso_daterange(Datum range)
{
	RangeType  *r = DatumGetRangeTypeP(range);
	TypeCacheEntry *typcache = lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO);
	RangeBound	lower,
				upper;
	bool		empty;

	range_deserialize(typcache, r, &lower, &upper, &empty);
	if (empty)
		return pstrdup("empty");
	return psprintf("%c%s,%s%c",
					lower.infinite ? '(' : (lower.inclusive ? '[' : '('),
					lower.infinite ? "" : xdjy_iso_date(DatumGetDateADT(lower.val)),
					upper.infinite ? "" : xdjy_iso_date(DatumGetDateADT(upper.val)),
					upper.infinite ? ')' : (upper.inclusive ? ']' : ')'));
}

/* ------------------------------------------------------------------------
 * Finite dates
 * ------------------------------------------------------------------------
 */

int
xdjy_date_year(DateADT d)
{
	int			y,
				m,
				dd;

	/* infinity has no year (and no julian day: d + epoch would overflow) */
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range"),
				 errdetail("The date %s has no year.", xdjy_iso_date(d)),
				 errhint("Give a calendar date.")));
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &dd);
	return y;
}

void
xdjy_require_finite(DateADT d, const char *what)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be a finite date", what),
				 errdetail("The %s given is %s.", what, xdjy_iso_date(d)),
				 errhint("Give a calendar date such as 2024-03-05.")));
}

/* ------------------------------------------------------------------------
 * The business-date window
 * ------------------------------------------------------------------------
 */

/* d (the value value, "what") is outside the window: YB004 */
static void
outside_window(const char *what, const char *value, DateADT d)
{
	const char *min = xdjy_iso_date(xdjy_business_date_min);
	const char *max = xdjy_iso_date(xdjy_business_date_max);
	const char *day = xdjy_iso_date(d);

	if (strcmp(value, day) == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_BUSINESS_DATE_OUTSIDE_WINDOW),
				 errdetail("%s is %s, outside the business-date window %s to %s.",
						   what, day, min, max),
				 errhint("Give a date from %s to %s; a superuser changes the window with xdjy.business_date_min and xdjy.business_date_max (SET, ALTER DATABASE ... SET or ALTER SYSTEM).",
						 min, max)));
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_BUSINESS_DATE_OUTSIDE_WINDOW),
			 errdetail("%s is %s: its day %s is outside the business-date window %s to %s.",
					   what, value, day, min, max),
			 errhint("Give a range whose finite bounds lie from %s to %s (an unbounded end stays open); a superuser changes the window with xdjy.business_date_min and xdjy.business_date_max (SET, ALTER DATABASE ... SET or ALTER SYSTEM).",
					 min, max)));
}

static inline bool
in_window(DateADT d)
{
	return d >= xdjy_business_date_min && d <= xdjy_business_date_max;
}

void
xdjy_check_business_date(DateADT d, const char *what)
{
	if (DATE_NOT_FINITE(d) || in_window(d))
		return;
	outside_window(what, xdjy_iso_date(d), d);
}

/*
 * A daterange: its first day and the last day it holds (upper - 1 for the
 * canonical exclusive bound), where finite.
 */
void
xdjy_check_business_daterange(Datum range, const char *what)
{
	RangeType  *r = DatumGetRangeTypeP(range);
	TypeCacheEntry *typcache = lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO);
	RangeBound	lower,
				upper;
	bool		empty;

	range_deserialize(typcache, r, &lower, &upper, &empty);
	if (empty)
		return;
	if (!lower.infinite)
	{
		DateADT		first = DatumGetDateADT(lower.val);

		if (!DATE_NOT_FINITE(first) && !lower.inclusive)
			first++;
		if (!DATE_NOT_FINITE(first) && !in_window(first))
			outside_window(what, xdjy_iso_daterange(range), first);
	}
	if (!upper.infinite)
	{
		DateADT		last = DatumGetDateADT(upper.val);

		if (!DATE_NOT_FINITE(last) && !upper.inclusive)
			last--;
		if (!DATE_NOT_FINITE(last) && !in_window(last))
			outside_window(what, xdjy_iso_daterange(range), last);
	}
}

/*
 * business_dates_trigger(column [, column ...]): BEFORE INSERT OR UPDATE
 * FOR EACH ROW on every table users fill, naming its business-date
 * columns (date or daterange).  Named so that it fires before the table's
 * rule triggers (triggers fire in name order), which compute from the
 * dates.  On UPDATE only a changed value is checked: a row stored under a
 * wider window may still be closed, answered or corrected elsewhere.
 */
Datum
business_dates_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "business_dates_trigger",
										 XDJY_ON_INSERT | XDJY_ON_UPDATE);
	Trigger    *trigger = td->tg_trigger;
	TupleDesc	tupdesc = RelationGetDescr(td->tg_relation);
	HeapTuple	row = xdjy_trigger_new_row(td, "business_dates_trigger");
	bool		update = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	const char *table = RelationGetRelationName(td->tg_relation);
	int			i;

	if (trigger->tgnargs < 1)
		xdjy_trigger_misuse("business_dates_trigger", "was given no column");
	for (i = 0; i < trigger->tgnargs; i++)
	{
		int			attnum = xdjy_colno(tupdesc, trigger->tgargs[i]);
		Oid			type = SPI_gettypeid(tupdesc, attnum);
		bool		isnull;
		Datum		d = heap_getattr(row, attnum, tupdesc, &isnull);
		char	   *what;

		if (isnull)
			continue;
		if (update)
		{
			bool		oldnull;
			Datum		old = heap_getattr(td->tg_trigtuple, attnum, tupdesc, &oldnull);
			Form_pg_attribute att = TupleDescAttr(tupdesc, attnum - 1);

			if (!oldnull && datumIsEqual(old, d, att->attbyval, att->attlen))
				continue;
		}
		what = psprintf("%s.%s", table, trigger->tgargs[i]);
		if (type == DATEOID)
			xdjy_check_business_date(DatumGetDateADT(d), what);
		else if (type == DATERANGEOID)
			xdjy_check_business_daterange(d, what);
		else
			xdjy_trigger_misuse("business_dates_trigger", "was given a column that is neither date nor daterange");
	}
	return PointerGetDatum(row);
}

/*
 * check_business_date(day, what): the check for SQL functions, called on
 * each business-date argument before the query that uses it; NULL passes
 * (STRICT), as do ±infinity (the finite-date rule's).
 */
Datum
check_business_date(PG_FUNCTION_ARGS)
{
	xdjy_check_business_date(PG_GETARG_DATEADT(0),
							 xdjy_clip(text_to_cstring(PG_GETARG_TEXT_PP(1))));
	PG_RETURN_VOID();
}

/* ------------------------------------------------------------------------
 * Arithmetic
 * ------------------------------------------------------------------------
 */

/*
 * PostgreSQL's own date + interval, so the month-end rule (a day the
 * target month lacks becomes its last day) and the range errors are
 * exactly those users see in SQL.
 */
DateADT
xdjy_date_plus(DateADT d, int32 months, int32 days)
{
	Interval	iv;
	Datum		ts;

	iv.time = 0;
	iv.day = days;
	iv.month = months;
	ts = DirectFunctionCall2(date_pl_interval, DateADTGetDatum(d),
							 IntervalPGetDatum(&iv));
	return DatumGetDateADT(DirectFunctionCall1(timestamp_date, ts));
}

DateADT
xdjy_date_add_days(DateADT d, int32 days)
{
	int64		r = (int64) d + days;

	if (DATE_NOT_FINITE(d))
		return d;
	if (!IS_VALID_DATE(r))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range"),
				 errdetail("%s plus %d days is beyond the range of type date.",
						   xdjy_iso_date(d), days)));
	return (DateADT) r;
}

DateADT
xdjy_date_of(int year, int month, int day)
{
	return (DateADT) (date2j(year, month, day) - POSTGRES_EPOCH_JDATE);
}

DateADT
xdjy_month_start(DateADT d)
{
	int			y,
				m,
				dd;

	Assert(!DATE_NOT_FINITE(d));
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &dd);
	return xdjy_date_of(y, m, 1);
}

DateADT
xdjy_day_of_next_month(DateADT d, int mday)
{
	int			y,
				m,
				dd;

	Assert(!DATE_NOT_FINITE(d) && mday >= 1 && mday <= 28);
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &dd);
	if (!IS_VALID_JULIAN(y + (m == 12), m % 12 + 1, mday) ||
		!IS_VALID_DATE((int64) date2j(y + (m == 12), m % 12 + 1, mday) - POSTGRES_EPOCH_JDATE))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range"),
				 errdetail("The month after %04d-%02d is beyond the range of type date.", y, m)));
	if (++m > 12)
	{
		m = 1;
		y++;
	}
	return xdjy_date_of(y, m, mday);
}
