/*-------------------------------------------------------------------------
 *
 * src/reference.h
 *	  Helpers shared by the rule triggers on reference data, filings and
 *	  encounters: date arithmetic as PostgreSQL does it, the pooling region
 *	  of a region, the person lock.  Kept plans, column access and trigger
 *	  guards are those of spi_plans.h and trigger_util.h, dates in messages
 *	  those of dates.h.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_REFERENCE_H
#define XDJY_REFERENCE_H

#include "access/htup.h"
#include "access/tupdesc.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/date.h"

#include "dates.h"
#include "spi_plans.h"
#include "trigger_util.h"

/*
 * d + interval 'months months days days' the way PostgreSQL computes
 * date + interval (month ends clamp: 2023-08-31 + 6 months = 2024-02-29),
 * truncated back to a date.  Out-of-range dates raise 22008.
 */
extern DateADT xdjy_date_plus(DateADT d, int32 months, int32 days);

/* a date column must hold a finite date (22008 otherwise) */
extern void xdjy_require_finite(DateADT d, const char *what);

/*
 * The pooling region (统筹区) of a region code, walking up the region
 * table (xdjy.pooling_region); NULL if the code is unknown or under no
 * pooling region.  Inside SPI.
 */
extern char *xdjy_pooling_of(const char *region_code);

/* does the region exist?  Inside SPI. */
extern bool xdjy_region_exists(const char *region_code, bool *is_pooling);

/*
 * Lock the person row FOR NO KEY UPDATE: the row that serialises every
 * decision about that person's filings (two sessions filing at once wait
 * for each other here).  Raises YB001 for an unknown person.  Returns the
 * insured region and scheme (SPI memory).  Inside SPI.
 */
extern void xdjy_lock_person(const char *person_id, char **insured_region,
							 char **scheme);


#endif							/* XDJY_REFERENCE_H */
