/*-------------------------------------------------------------------------
 *
 * src/spi_plans.c
 *	  Prepare once per backend, keep, reuse (the idea of contrib/spi
 *	  refint.c's plan cache).  A kept plan survives the extension being
 *	  dropped and recreated in a backend: the plan cache re-plans it when
 *	  the tables it names change, and the text names them by schema.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "optimizer/cost.h"
#include "optimizer/planner.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/snapmgr.h"

#include "errors.h"
#include "spi_plans.h"
#include "trigger_util.h"

void
xdjy_spi_connect(void)
{
	int			rc = SPI_connect();

	if (rc != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not connect to the SPI manager"),
				 errdetail("SPI_connect returned %s.", SPI_result_code_string(rc)),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
}

void
xdjy_spi_finish(void)
{
	int			rc = SPI_finish();

	if (rc != SPI_OK_FINISH)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not disconnect from the SPI manager"),
				 errdetail("SPI_finish returned %s.", SPI_result_code_string(rc)),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
}

static const char *
plan_name(XdjyPlan *p)
{
	return p->name ? p->name : p->sql;
}

/*
 * Kept plans are planned without sequential scans
 * -----------------------------------------------
 *
 * Every kept plan is a look-up by key (a row of the encounter, the
 * person's filings, the ledger row, a reference check, ...) on a table
 * that has the index for it.  The plan cache (utils/cache/plancache.c)
 * plans such a query again whenever the tables it reads change
 * definition or get new statistics (RevalidateCachedQuery,
 * BuildCachedPlan), and keeps the generic plan from then on.  If that
 * happens while a table is empty or nearly so (after a TRUNCATE, or when
 * autovacuum analyzed it at that moment), a sequential scan is the
 * cheapest plan, and it stays cached while the table grows to millions of
 * rows: every settlement then reads the whole table, and a load gets
 * quadratic.  make bench showed it as a rejected row through try_settle
 * costing 20 times an accepted settlement.
 *
 * plancache.c has no hook of its own; what it calls to plan is
 * pg_plan_queries() with the CachedPlanSource's own copy of the query
 * text, which reaches planner_hook.  The hook below recognises that copy
 * (kept_texts: the query_string of each kept plan's CachedPlanSource,
 * compared by address, so no other query of the backend is affected) and
 * plans it with enable_seqscan off, set for the planning step only in a
 * GUC nest level of its own, as ri_triggers.c sets its GUCs around a
 * check.  A sequential scan remains possible where no index serves the
 * query (enable_seqscan only makes it expensive), so no plan becomes
 * impossible; a keyed look-up gets its index whatever the statistics say
 * when it is planned.
 */
static const char **kept_texts = NULL;
static int	n_kept_texts = 0;
static int	max_kept_texts = 0;
static planner_hook_type prev_planner_hook = NULL;

static bool
is_kept_text(const char *query_string)
{
	for (int i = 0; i < n_kept_texts; i++)
		if (kept_texts[i] == query_string)
			return true;
	return false;
}

static PlannedStmt *
kept_plan_planner(Query *parse, const char *query_string, int cursorOptions,
				  ParamListInfo boundParams)
{
	PlannedStmt *result;
	int			nest_level = -1;

	if (query_string != NULL && enable_seqscan && is_kept_text(query_string))
	{
		nest_level = NewGUCNestLevel();
		(void) set_config_option("enable_seqscan", "off",
								 PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
	}
	if (prev_planner_hook)
		result = prev_planner_hook(parse, query_string, cursorOptions, boundParams);
	else
		result = standard_planner(parse, query_string, cursorOptions, boundParams);
	if (nest_level >= 0)
		AtEOXact_GUC(true, nest_level);
	return result;
}

void
xdjy_spi_plans_init(void)
{
	prev_planner_hook = planner_hook;
	planner_hook = kept_plan_planner;
}

SPIPlanPtr
xdjy_keep_plan(SPIPlanPtr plan)
{
	List	   *sources;
	ListCell   *lc;

	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "xdjy: SPI_keepplan failed");
	sources = SPI_plan_get_plan_sources(plan);
	foreach(lc, sources)
	{
		CachedPlanSource *source = (CachedPlanSource *) lfirst(lc);

		if (n_kept_texts == max_kept_texts)
		{
			max_kept_texts = max_kept_texts ? 2 * max_kept_texts : 128;
			kept_texts = kept_texts
				? repalloc(kept_texts, max_kept_texts * sizeof(*kept_texts))
				: MemoryContextAlloc(TopMemoryContext, max_kept_texts * sizeof(*kept_texts));
		}
		kept_texts[n_kept_texts++] = source->query_string;
	}
	return plan;
}

void
xdjy_free_plan(SPIPlanPtr plan)
{
	List	   *sources = SPI_plan_get_plan_sources(plan);
	ListCell   *lc;

	foreach(lc, sources)
	{
		const char *text = ((CachedPlanSource *) lfirst(lc))->query_string;

		for (int i = 0; i < n_kept_texts; i++)
			if (kept_texts[i] == text)
			{
				kept_texts[i] = kept_texts[--n_kept_texts];
				break;
			}
	}
	SPI_freeplan(plan);
}

static SPIPlanPtr
plan_get(XdjyPlan *p)
{
	SPIPlanPtr	plan;

	if (p->plan != NULL)
		return p->plan;
	plan = SPI_prepare(p->sql, p->nargs, p->argtypes);
	if (plan == NULL)
		elog(ERROR, "xdjy: SPI_prepare of \"%s\" failed: %s",
			 plan_name(p), SPI_result_code_string(SPI_result));
	p->plan = xdjy_keep_plan(plan);
	return plan;
}

/*
 * An error raised while a kept plan runs (most often a rule of a trigger
 * the query fires) would show SPI's context, the internal statement
 * ('SQL statement "WITH n AS (SELECT pg_catalog.nextval(..."), and under
 * it the contexts of whatever ran inside.  The caller wrote none of that:
 * the context names the xdjy query instead, e.g.
 * 'xdjy: internal query "claim settle"', followed by the caller's own
 * contexts.  The marker line below is what the callback adds; the catch
 * drops every line before it.
 */
#define XDJY_CONTEXT_PREFIX "xdjy: internal query \""

static void
plan_error_callback(void *arg)
{
	errcontext(XDJY_CONTEXT_PREFIX "%s\"", plan_name((XdjyPlan *) arg));
}

typedef enum
{
	RUN_WRITE,					/* read_only false */
	RUN_READ,					/* read_only true */
	RUN_LATEST					/* read_only false, latest snapshot */
} RunMode;

/* run_plan calls active in this backend: each adds one marker line */
static int	run_depth = 0;

/*
 * The marker of the run_plan call at depth (1: outermost) in a context
 * string: markers are added innermost first, so it is the depth-th from
 * the end.  NULL if the context has fewer.
 */
static const char *
own_marker(const char *context, int depth)
{
	const char *found[64];
	int			n = 0;

	for (const char *c = context; c && (c = strstr(c, XDJY_CONTEXT_PREFIX)) != NULL; c++)
	{
		if (c == context || c[-1] == '\n')
			found[n++ % 64] = c;
	}
	if (depth > n || depth > 64)
		return NULL;
	return found[(n - depth) % 64];
}

static int
run_plan(XdjyPlan *p, Datum *values, const char *nulls, long tcount, RunMode mode)
{
	ErrorContextCallback cb;
	MemoryContext oldcontext = CurrentMemoryContext;
	volatile int rc = 0;

	cb.callback = plan_error_callback;
	cb.arg = p;
	cb.previous = error_context_stack;
	error_context_stack = &cb;
	run_depth++;
	PG_TRY();
	{
		if (mode == RUN_LATEST)
			rc = SPI_execute_snapshot(plan_get(p), values, nulls, GetLatestSnapshot(),
									  InvalidSnapshot, false, false, tcount);
		else
			rc = SPI_execute_plan(plan_get(p), values, nulls, mode == RUN_READ, tcount);
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		const char *mark;
		int			depth = run_depth--;

		error_context_stack = cb.previous;
		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		mark = own_marker(edata->context, depth);
		if (mark == NULL || mark == edata->context)
		{
			FreeErrorData(edata);
			PG_RE_THROW();
		}
		FlushErrorState();
		edata->context = pstrdup(mark);
		ReThrowError(edata);
	}
	PG_END_TRY();
	run_depth--;
	error_context_stack = cb.previous;
	return rc;
}

uint64
xdjy_plan_execute(XdjyPlan *p, Datum *values, const char *nulls,
				  long tcount, int expected)
{
	int			rc;

	rc = run_plan(p, values, nulls, tcount, RUN_WRITE);
	if (expected == XDJY_SPI_ANY_OK ? rc < 0 : rc != expected)
		elog(ERROR, "xdjy: query \"%s\" returned %s, expected %s",
			 plan_name(p), SPI_result_code_string(rc),
			 expected == XDJY_SPI_ANY_OK ? "success" : SPI_result_code_string(expected));
	return SPI_processed;
}

uint64
xdjy_plan_read(XdjyPlan *p, Datum *values, const char *nulls, long tcount)
{
	int			rc;

	rc = run_plan(p, values, nulls, tcount, RUN_READ);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "xdjy: query \"%s\" returned %s, expected %s",
			 plan_name(p), SPI_result_code_string(rc),
			 SPI_result_code_string(SPI_OK_SELECT));
	return SPI_processed;
}

uint64
xdjy_run_latest(XdjyPlan *p, Datum *values, const char *nulls, long tcount)
{
	int			rc;

	if (!IsolationUsesXactSnapshot())
		return xdjy_run(p, values, nulls, tcount);
	rc = run_plan(p, values, nulls, tcount, RUN_LATEST);
	if (rc < 0)
		elog(ERROR, "xdjy: query \"%s\" returned %s, expected success",
			 plan_name(p), SPI_result_code_string(rc));
	return SPI_processed;
}

Datum
xdjy_spi_value(int row, int col, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
						 col, isnull);
}

int64
xdjy_spi_int64(int row, int col, int64 if_null)
{
	bool		isnull;
	Datum		d = xdjy_spi_value(row, col, &isnull);

	return isnull ? if_null : DatumGetInt64(d);
}

int32
xdjy_spi_int32(int row, int col, int32 if_null)
{
	bool		isnull;
	Datum		d = xdjy_spi_value(row, col, &isnull);

	return isnull ? if_null : DatumGetInt32(d);
}

bool
xdjy_spi_bool(int row, int col, bool if_null)
{
	bool		isnull;
	Datum		d = xdjy_spi_value(row, col, &isnull);

	return isnull ? if_null : DatumGetBool(d);
}

char *
xdjy_spi_text(int row, int col, MemoryContext cxt)
{
	bool		isnull;
	Datum		d = xdjy_spi_value(row, col, &isnull);

	return xdjy_text_copy(d, isnull, cxt);
}

/*
 * Lock the one row lock finds (SELECT ... FOR NO KEY UPDATE), creating it
 * first with insert (INSERT ... ON CONFLICT DO NOTHING) when there is none
 * yet: two sessions creating the same row both end up locking the one that
 * won.  A row that neither exists nor can be created is an internal error
 * (55000), never XX000.  what names the row in the message.
 */
void
xdjy_plan_lock_or_insert(XdjyPlan *lock, XdjyPlan *insert, Datum *values,
						 const char *what_fmt,...)
{
	va_list		ap;
	char		what[512];

	for (int attempt = 0; attempt < 2; attempt++)
	{
		if (xdjy_plan_execute(lock, values, NULL, 1, SPI_OK_SELECT) > 0)
			return;
		xdjy_plan_execute(insert, values, NULL, 0, SPI_OK_INSERT);
	}
	/* the name is formatted only here, off the path every settlement takes */
	va_start(ap, what_fmt);
	vsnprintf(what, sizeof(what), xdjy_tr(what_fmt), ap);
	va_end(ap);
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("could not lock or create a row of xdjy"),
			 errdetail("%s vanished between its insert and its lock.", what),
			 errhint("This is an internal error of xdjy; report the statement that raised it.")));
}
