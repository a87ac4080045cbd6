/*-------------------------------------------------------------------------
 *
 * src/reference.h
 *	  Helpers shared by the rule triggers on reference data, filings and
 *	  encounters: the person lock.  Kept plans, column access and trigger
 *	  guards are those of spi_plans.h and trigger_util.h, dates those of
 *	  dates.h, regions those of region.h.
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
 * Lock the person row FOR NO KEY UPDATE: the row that serialises every
 * decision about that person's filings (two sessions filing at once wait
 * for each other here).  Raises YB001 for an unknown person.  Returns the
 * insured region and scheme (SPI memory).  Inside SPI.
 */
extern void xdjy_lock_person(const char *person_id, char **insured_region,
							 char **scheme);

#endif							/* XDJY_REFERENCE_H */
