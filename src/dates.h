/*-------------------------------------------------------------------------
 *
 * src/dates.h
 *	  Dates and date ranges as text for messages and explanations: ISO
 *	  8601 (2024-03-05, [2022-01-01,)) whatever DateStyle says, so details,
 *	  hints and explain_settlement() read the same in every session.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_DATES_H
#define XDJY_DATES_H

#include "postgres.h"

#include "utils/date.h"

extern char *xdjy_iso_date(DateADT d);
extern char *xdjy_iso_daterange(Datum range);
extern int	xdjy_date_year(DateADT d);

#endif							/* XDJY_DATES_H */
