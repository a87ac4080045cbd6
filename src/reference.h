/*-------------------------------------------------------------------------
 *
 * src/reference.h
 *	  Helpers shared by the rule triggers on reference data, filings and
 *	  encounters: kept SPI plans, row columns by name, dates printed the
 *	  same whatever DateStyle says, the pooling region of a region.
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

/* an SPI query prepared and kept once per backend */
typedef struct XdjyPlan
{
	SPIPlanPtr	plan;
	const char *sql;
	int			nargs;
	Oid			argtypes[8];
} XdjyPlan;

/*
 * Run a kept plan (preparing it on first use); returns SPI_processed.
 * Call between SPI_connect and SPI_finish.  nulls as for SPI_execute_plan.
 */
extern uint64 xdjy_run(XdjyPlan *p, Datum *values, const char *nulls,
					   long count);

/*
 * As xdjy_run, but under REPEATABLE READ/SERIALIZABLE in the latest
 * snapshot: for a rule check that must see rows committed after the
 * transaction snapshot (another session's, which we waited for).
 */
extern uint64 xdjy_run_latest(XdjyPlan *p, Datum *values, const char *nulls,
							  long count);

/* column of a stored row by name; elog(ERROR) if the table lacks it */
extern Datum xdjy_col(HeapTuple tuple, TupleDesc desc, const char *name,
					  bool *isnull);
/* a text column as a C string, NULL for SQL NULL */
extern char *xdjy_col_text(HeapTuple tuple, TupleDesc desc, const char *name);
/* column number (1-based) by name; elog(ERROR) if absent */
extern int	xdjy_colno(TupleDesc desc, const char *name);

/* first result row of the last SPI query: column n (1-based) */
extern Datum xdjy_res(int n, bool *isnull);
extern char *xdjy_res_text(int n);

/* YYYY-MM-DD, independent of DateStyle (messages are stable) */
extern char *xdjy_date_iso(DateADT d);

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

/* trigger guard: row-level BEFORE trigger, misuse is a can't-happen error */
extern TriggerData *xdjy_row_trigger(FunctionCallInfo fcinfo,
									 const char *name, bool before);

#endif							/* XDJY_REFERENCE_H */
