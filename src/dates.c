/*-------------------------------------------------------------------------
 *
 * src/dates.c
 *	  Dates for the rules (see dates.h): ISO text for messages, the date
 *	  arithmetic of deadlines and filing windows, the finite-date
 *	  requirement.  Every rule that adds months or days, or needs a day of
 *	  a month, calls these, so a month end or a leap day is handled in one
 *	  place.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "errors.h"
#include "dates.h"

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
