/*-------------------------------------------------------------------------
 *
 * src/spi_plans.h
 *	  Kept SPI plans: each query the triggers run is a static XdjyPlan with
 *	  fixed, schema-qualified text and $n parameters, prepared and kept
 *	  (SPI_keepplan) on first use in a backend and reused after that.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_SPI_PLANS_H
#define XDJY_SPI_PLANS_H

#include "postgres.h"

#include "executor/spi.h"

#define XDJY_PLAN_MAXARGS	12

/*
 * SPI_connect and SPI_finish, their results checked: a failure is an
 * ERROR with a SQLSTATE (55000), not a silently unconnected SPI.
 */
extern void xdjy_spi_connect(void);
extern void xdjy_spi_finish(void);

/*
 * SPI_keepplan, and the plan is planned without sequential scans whenever
 * the plan cache plans it (src/spi_plans.c says why); xdjy_free_plan
 * forgets and frees such a plan.  Every kept plan of xdjy goes through
 * them; xdjy_spi_plans_init installs the planner hook (_PG_init).
 */
extern SPIPlanPtr xdjy_keep_plan(SPIPlanPtr plan);
extern void xdjy_free_plan(SPIPlanPtr plan);
extern void xdjy_spi_plans_init(void);

typedef struct XdjyPlan
{
	SPIPlanPtr	plan;			/* kept plan, NULL until first use */
	const char *sql;
	int			nargs;
	Oid			argtypes[XDJY_PLAN_MAXARGS];
	const char *name;			/* for internal error messages; NULL: the text */
} XdjyPlan;

/* static XdjyPlan x = XDJY_PLAN("name", "SELECT ...", nargs, type oids...); */
#define XDJY_PLAN(name_, sql_, nargs_, ...) \
	{ .name = (name_), .sql = (sql_), .nargs = (nargs_), .argtypes = {__VA_ARGS__}, .plan = NULL }

/*
 * Run a kept plan (read_only = false: each query sees rows committed before
 * it started, after the row locks taken before it).  nulls is in SPI's
 * form (' ' or 'n' per argument) or NULL for none.  Checks the result code
 * against expected (SPI_OK_SELECT, SPI_OK_UPDATE, ...), or only that it is
 * a success for XDJY_SPI_ANY_OK; returns SPI_processed.
 */
#define XDJY_SPI_ANY_OK		0
extern uint64 xdjy_plan_execute(XdjyPlan *plan, Datum *values,
								const char *nulls, long tcount, int expected);

/*
 * The same for a STABLE function's lookups: read_only = true, so the query
 * runs in the caller's snapshot (nothing is locked or decided for later).
 */
extern uint64 xdjy_plan_read(XdjyPlan *plan, Datum *values, const char *nulls,
							 long tcount);

/* xdjy_plan_execute accepting any successful result */
static inline uint64
xdjy_run(XdjyPlan *plan, Datum *values, const char *nulls, long tcount)
{
	return xdjy_plan_execute(plan, values, nulls, tcount, XDJY_SPI_ANY_OK);
}

/*
 * As xdjy_run, but under REPEATABLE READ or SERIALIZABLE the query sees the
 * latest committed rows instead of the transaction snapshot (as
 * PostgreSQL's foreign-key checks do): for a rule that must not miss a row
 * another session committed while this one waited for a lock.  In READ
 * COMMITTED it is xdjy_run.
 */
extern uint64 xdjy_run_latest(XdjyPlan *plan, Datum *values, const char *nulls,
							  long tcount);

/*
 * Lock the row lock finds, first creating it with insert (ON CONFLICT DO
 * NOTHING) if there is none; afterwards SPI_tuptable holds the locked row.
 * what_fmt (translated, formatted only on failure) names the row for the
 * internal error (55000) if it cannot be had.
 */
extern void xdjy_plan_lock_or_insert(XdjyPlan *lock, XdjyPlan *insert,
									 Datum *values, const char *what_fmt,...)
			pg_attribute_printf(4, 5);

/* column of the current SPI_tuptable row, NULL-aware */
extern Datum xdjy_spi_value(int row, int col, bool *isnull);
extern int64 xdjy_spi_int64(int row, int col, int64 if_null);
extern int32 xdjy_spi_int32(int row, int col, int32 if_null);
extern bool xdjy_spi_bool(int row, int col, bool if_null);
/* text column copied into the given memory context; NULL stays NULL */
extern char *xdjy_spi_text(int row, int col, MemoryContext cxt);

/* column n (1-based) of the first result row, as above */
#define xdjy_res(n, isnull)		xdjy_spi_value(0, (n), (isnull))
#define xdjy_res_text(n)		xdjy_spi_text(0, (n), CurrentMemoryContext)

#endif							/* XDJY_SPI_PLANS_H */
