/*-------------------------------------------------------------------------
 *
 * src/calendar.c
 *	  Working days against the holiday calendar (SPEC R7): the deadlines
 *	  counted in working days — 30 working days to pay a declared clearing
 *	  (004 §四(二)), 22 working days to decide a manual claim (002 #15) —
 *	  follow the State Council's holiday notices, including the weekends
 *	  swapped into working days (调休).
 *
 *	  xdjy.holiday holds one row per day that breaks the weekday rule (a
 *	  holiday on a weekday, a working Saturday or Sunday); any other day is a
 *	  working day from Monday to Friday.  The rows are read once per backend
 *	  into a sorted array and kept until the table changes: a statement
 *	  trigger on xdjy.holiday sends a relcache invalidation for the table
 *	  (transactional: other backends see it when the change commits, this
 *	  backend at the next command, and a rollback flushes it too), and a
 *	  relcache callback drops the array.  The rows are read with the latest
 *	  snapshot, never an older transaction snapshot, so a cache refilled
 *	  inside a long REPEATABLE READ transaction cannot outlive a committed
 *	  change.  The calendar is public data: it is read here without the
 *	  caller's table privileges, so every role may count working days.
 *
 *	  add_working_days jumps arithmetically over the weeks between two
 *	  holiday rows, so its cost grows with the number of holiday rows in
 *	  range, not with n.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "calendar.h"
#include "dates.h"
#include "errors.h"

PG_FUNCTION_INFO_V1(is_working_day);
PG_FUNCTION_INFO_V1(add_working_days);

/* 2000-01-03, a Monday, as a DateADT (days since 2000-01-01) */
#define MONDAY0		2

typedef struct HolidayRow
{
	DateADT		day;
	bool		is_workday;
} HolidayRow;

/* the per-backend copy of xdjy.holiday, sorted by day */
static HolidayRow *holidays = NULL;
static int	nholidays = 0;
static bool holidays_valid = false;
static Oid	holiday_relid = InvalidOid;
static bool callback_registered = false;
static MemoryContext CalendarContext = NULL;

/*
 * Relcache callback: the holiday table changed (or every relation was
 * invalidated).  Only forget here; catalog access is not allowed in a
 * callback, the next call reloads.
 */
static void
calendar_relcache_callback(Datum arg pg_attribute_unused(), Oid relid)
{
	if (relid == InvalidOid || relid == holiday_relid)
	{
		holidays_valid = false;
		holiday_relid = InvalidOid;
	}
}

static int
holiday_row_cmp(const void *a, const void *b)
{
	DateADT		da = ((const HolidayRow *) a)->day;
	DateADT		db = ((const HolidayRow *) b)->day;

	return (da > db) - (da < db);
}

static AttrNumber
holiday_attnum(TupleDesc tupdesc, const char *name, Oid typid)
{
	for (int i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
		{
			if (att->atttypid != typid)
				elog(ERROR, "column xdjy.holiday.%s has an unexpected type", name);
			return att->attnum;
		}
	}
	elog(ERROR, "column xdjy.holiday.%s does not exist", name);
	return InvalidAttrNumber;	/* keep compiler quiet */
}

/* Read xdjy.holiday into the backend's sorted array. */
static void
load_holidays(void)
{
	Oid			nsp;
	Oid			relid;
	Relation	rel;
	AttrNumber	day_att;
	AttrNumber	workday_att;
	Snapshot	snapshot;
	TableScanDesc scan;
	TupleTableSlot *slot;
	HolidayRow *rows;
	int			n = 0;
	int			cap = 256;
	bool		keep;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(calendar_relcache_callback, (Datum) 0);
		callback_registered = true;
	}
	if (CalendarContext == NULL)
		CalendarContext = AllocSetContextCreate(TopMemoryContext,
												"xdjy holiday calendar",
												ALLOCSET_SMALL_SIZES);

	/* the extension's schema is fixed (xdjy.control: relocatable = false) */
	nsp = get_namespace_oid("xdjy", true);
	relid = OidIsValid(nsp) ? get_relname_relid("holiday", nsp) : InvalidOid;
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("holiday calendar xdjy.holiday does not exist"),
				 errhint("Install the extension with CREATE EXTENSION xdjy.")));

	/* taking the lock processes pending invalidations first */
	rel = table_open(relid, AccessShareLock);
	day_att = holiday_attnum(RelationGetDescr(rel), "day", DATEOID);
	workday_att = holiday_attnum(RelationGetDescr(rel), "is_workday", BOOLOID);

	/*
	 * The latest snapshot sees every committed change whose invalidation
	 * this backend has processed.  A parallel worker may not take one; it
	 * reads with the query's snapshot and keeps nothing.
	 */
	keep = !IsInParallelMode();
	snapshot = RegisterSnapshot(keep ? GetLatestSnapshot() : GetTransactionSnapshot());

	rows = palloc(cap * sizeof(HolidayRow));
	scan = table_beginscan(rel, snapshot, 0, NULL);
	slot = table_slot_create(rel, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		d;

		if (n == cap)
		{
			cap *= 2;
			rows = repalloc(rows, cap * sizeof(HolidayRow));
		}
		d = slot_getattr(slot, day_att, &isnull);
		if (isnull)
			continue;			/* day is the primary key: cannot happen */
		rows[n].day = DatumGetDateADT(d);
		d = slot_getattr(slot, workday_att, &isnull);
		rows[n].is_workday = !isnull && DatumGetBool(d);
		n++;
	}
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	UnregisterSnapshot(snapshot);
	table_close(rel, AccessShareLock);

	qsort(rows, n, sizeof(HolidayRow), holiday_row_cmp);

	MemoryContextReset(CalendarContext);
	holidays = MemoryContextAlloc(CalendarContext, Max(n, 1) * sizeof(HolidayRow));
	memcpy(holidays, rows, n * sizeof(HolidayRow));
	nholidays = n;
	pfree(rows);

	holiday_relid = relid;
	holidays_valid = keep;
}

static void
ensure_holidays(void)
{
	/* a change committed by another backend must be seen by this call */
	AcceptInvalidationMessages();
	if (!holidays_valid)
		load_holidays();
}

/* index of the first row with day > d (nholidays if none) */
static int
first_after(DateADT d)
{
	int			lo = 0;
	int			hi = nholidays;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (holidays[mid].day <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/*
 * A running count of Mondays to Fridays: weekdays_upto(x) -
 * weekdays_upto(x - 1) is 1 exactly when x is a weekday.
 */
static int64
weekdays_upto(int64 x)
{
	int64		t = x - MONDAY0;
	int64		w = floor_div(t, 7);
	int64		r = t - 7 * w;	/* 0 Monday .. 6 Sunday */

	return 5 * w + Min(r + 1, 5);
}

/* the weekday x with weekdays_upto(x) == f */
static int64
weekday_numbered(int64 f)
{
	int64		w = floor_div(f - 1, 5);
	int64		r = (f - 1) - 5 * w;	/* 0 Monday .. 4 Friday */

	return MONDAY0 + 7 * w + r;
}

static bool
is_weekday(int64 x)
{
	return weekdays_upto(x) != weekdays_upto(x - 1);
}


static void
check_finite(DateADT day)
{
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("an infinite date is neither a working day nor a holiday"),
				 errhint("Pass a finite date.")));
}

bool
xdjy_is_working_day(DateADT day)
{
	int			i;

	check_finite(day);
	ensure_holidays();
	i = first_after(day) - 1;
	if (i >= 0 && holidays[i].day == day)
		return holidays[i].is_workday;
	return is_weekday(day);
}

static DateADT
checked_date(int64 x, DateADT day, int32 n)
{
	if (!IS_VALID_DATE(x))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range"),
				 errdetail("Counting %d working days from %s leaves the range of type date.",
						   n, xdjy_iso_date(day))));
	return (DateADT) x;
}

DateADT
xdjy_add_working_days(DateADT day, int32 n)
{
	int64		cur = day;
	int64		remaining;
	int			i;

	/* as date + integer does: infinity stays infinity */
	if (DATE_NOT_FINITE(day) || n == 0)
		return day;
	ensure_holidays();

	if (n > 0)
	{
		remaining = n;
		for (i = first_after(day);; i++)
		{
			int64		w;

			/* weekdays strictly between cur and the next holiday row */
			if (i >= nholidays)
				break;
			w = weekdays_upto((int64) holidays[i].day - 1) - weekdays_upto(cur);
			if (w >= remaining)
				break;
			remaining -= w;
			/* the row itself decides for its day */
			if (holidays[i].is_workday && --remaining == 0)
				return holidays[i].day;
			cur = holidays[i].day;
		}
		return checked_date(weekday_numbered(weekdays_upto(cur) + remaining), day, n);
	}

	remaining = -(int64) n;
	/* rows before day, newest first */
	for (i = first_after(day) - 1; i >= 0 && holidays[i].day == day; i--)
		;
	for (;; i--)
	{
		int64		w;

		if (i < 0)
			break;
		w = weekdays_upto(cur - 1) - weekdays_upto(holidays[i].day);
		if (w >= remaining)
			break;
		remaining -= w;
		if (holidays[i].is_workday && --remaining == 0)
			return holidays[i].day;
		cur = holidays[i].day;
	}
	return checked_date(weekday_numbered(weekdays_upto(cur - 1) - remaining + 1), day, n);
}

/* xdjy.is_working_day(day date) RETURNS boolean */
Datum
is_working_day(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(xdjy_is_working_day(PG_GETARG_DATEADT(0)));
}

/* xdjy.add_working_days(day date, n integer) RETURNS date */
Datum
add_working_days(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(xdjy_add_working_days(PG_GETARG_DATEADT(0),
											PG_GETARG_INT32(1)));
}

/*--------------------------------------------------------------------------
 * Triggers on xdjy.holiday
 *--------------------------------------------------------------------------
 */


