/*-------------------------------------------------------------------------
 *
 * src/calendar.c
 *	  Working days against the holiday calendar: the deadlines
 *	  counted in working days — 30 working days to pay a declared clearing
 *	  (鲁医保发〔2022〕26号 第四条(二)), 22 working days to decide a manual claim (吉医保发〔2019〕34号 附件第15条) —
 *	  follow the State Council's holiday notices, including the weekends
 *	  swapped into working days (调休).
 *
 *	  xdjy.holiday holds one row per day that breaks the weekday rule (a
 *	  holiday on a weekday, a working Saturday or Sunday); any other day is a
 *	  working day from Monday to Friday.  The rows come sorted from the
 *	  per-backend cache (src/reference_cache.c), which shows the calendar of
 *	  the caller's snapshot and is read as the table's owner: the calendar
 *	  is public data, every role may count working days.
 *
 *	  add_working_days jumps arithmetically over the weeks between two
 *	  holiday rows, so its cost grows with the number of holiday rows in
 *	  range, not with n.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "errors.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "calendar.h"
#include "dates.h"
#include "reference_cache.h"

PG_FUNCTION_INFO_V1(is_working_day);
PG_FUNCTION_INFO_V1(add_working_days);

/* 2000-01-03, a Monday, as a DateADT (days since 2000-01-01) */
#define MONDAY0		2

/* index of the first row with day > d (nholidays if none) */
static int
first_after(const XdjyHoliday *holidays, int nholidays, DateADT d)
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
	const XdjyHoliday *holidays;
	int			nholidays;
	int			i;

	check_finite(day);
	holidays = xdjy_cached_holidays(&nholidays);
	i = first_after(holidays, nholidays, day) - 1;
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
	const XdjyHoliday *holidays;
	int			nholidays;
	int64		cur = day;
	int64		remaining;
	int			i;

	/* as date + integer does: infinity stays infinity */
	if (DATE_NOT_FINITE(day) || n == 0)
		return day;
	holidays = xdjy_cached_holidays(&nholidays);

	if (n > 0)
	{
		remaining = n;
		for (i = first_after(holidays, nholidays, day);; i++)
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
	for (i = first_after(holidays, nholidays, day) - 1; i >= 0 && holidays[i].day == day; i--)
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


