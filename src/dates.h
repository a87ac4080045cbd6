/*-------------------------------------------------------------------------
 *
 * src/dates.h
 *	  Dates, one home for every rule that needs them:
 *	  - as text for messages and explanations: ISO 8601 (2024-03-05,
 *	    [2022-01-01,)) whatever DateStyle says, so details, hints and
 *	    explain_settlement() read the same in every session;
 *	  - arithmetic: months and days added the way PostgreSQL adds them,
 *	    a given day of the next month, the first day of a month;
 *	  - the finite-date requirement of the rule triggers (22008);
 *	  - the business-date window every stored or given business date lies
 *	    in (YB004; GUCs xdjy.business_date_min/max, src/guc.c);
 *	  - the validity of a dated row ([lower, upper) of a daterange column).
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_DATES_H
#define XDJY_DATES_H

#include "postgres.h"

#include "utils/date.h"

/* text */
extern char *xdjy_iso_date(DateADT d);
extern char *xdjy_iso_daterange(Datum range);
/* does the daterange hold day d? (NULL holds nothing) */
extern bool xdjy_daterange_holds(Datum range, bool isnull, DateADT d);

/* the year of a finite date (22008 for an infinite one) */
extern int	xdjy_date_year(DateADT d);

/* a date column or argument must hold a finite date (22008 otherwise) */
extern void xdjy_require_finite(DateADT d, const char *what);

/*
 * The business-date window, [xdjy_business_date_min, xdjy_business_date_max]
 * (both included; src/guc.c keeps them).  Every business date a table
 * stores or a function is given goes through these, with the name of the
 * column (table.column) or argument (function(argument)) for the message;
 * YB004 outside the window.  ±infinity is left to the finite-date rule
 * (xdjy_require_finite, or a table's CHECK), and a daterange's infinite or
 * unbounded ends stay open; only finite bounds are checked (the first day,
 * and the last day the range holds).
 */
extern DateADT xdjy_business_date_min;
extern DateADT xdjy_business_date_max;
extern void xdjy_check_business_date(DateADT d, const char *what);
extern void xdjy_check_business_daterange(Datum range, const char *what);

/*
 * d + interval 'months months days days' the way PostgreSQL computes
 * date + interval (month ends clamp: 2023-08-31 + 6 months = 2024-02-29),
 * truncated back to a date.  Like date + interval, it works in the range
 * of type timestamp: beyond it, 22008.
 */
extern DateADT xdjy_date_plus(DateADT d, int32 months, int32 days);

/*
 * d + days, as date + integer: in the whole range of type date (22008
 * beyond it); infinity stays infinity
 */
extern DateADT xdjy_date_add_days(DateADT d, int32 days);

/* the date of a calendar day (the year may lie one past type date's range) */
extern DateADT xdjy_date_of(int year, int month, int day);

/* the first day of d's month; d finite */
extern DateADT xdjy_month_start(DateADT d);

/* day mday (1..28, so every month has it) of the month after d's; d finite */
extern DateADT xdjy_day_of_next_month(DateADT d, int mday);

/*
 * The validity of a dated row, read from a daterange column (canonically
 * '[)'): lower is inclusive, upper exclusive, either may be unbounded.  A
 * bound of ±infinity is a date, not "unbounded", as in PostgreSQL.
 */
typedef struct XdjyDateSpan
{
	DateADT		lower;
	DateADT		upper;
	bool		lower_inf;
	bool		upper_inf;
} XdjyDateSpan;

/* range @> d */
static inline bool
xdjy_span_holds(const XdjyDateSpan *s, DateADT d)
{
	return (s->lower_inf || d >= s->lower) && (s->upper_inf || d < s->upper);
}

#endif							/* XDJY_DATES_H */
