/*-------------------------------------------------------------------------
 *
 * src/dates.c
 *	  ISO text of dates and date ranges for messages (see dates.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "dates.h"

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
