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
#include "utils/builtins.h"
#include "utils/snapmgr.h"

#include "errors.h"
#include "spi_plans.h"

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
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "xdjy: SPI_keepplan of \"%s\" failed", plan_name(p));
	p->plan = plan;
	return plan;
}

uint64
xdjy_plan_execute(XdjyPlan *p, Datum *values, const char *nulls,
				  long tcount, int expected)
{
	int			rc;

	rc = SPI_execute_plan(plan_get(p), values, nulls, false, tcount);
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

	rc = SPI_execute_plan(plan_get(p), values, nulls, true, tcount);
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
	rc = SPI_execute_snapshot(plan_get(p), values, nulls, GetLatestSnapshot(),
							  InvalidSnapshot, false, false, tcount);
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
	MemoryContext old;
	char	   *s;

	if (isnull)
		return NULL;
	old = MemoryContextSwitchTo(cxt);
	s = TextDatumGetCString(d);
	MemoryContextSwitchTo(old);
	return s;
}
