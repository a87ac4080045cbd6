/*-------------------------------------------------------------------------
 *
 * src/filing.c
 *	  The filing functions (thin: the triggers in
 *	  src/filing_trigger.c decide), filing_at() and filing_exempt().
 *
 *	  change_filing, cancel_filing, terminate_filing: 济宁市医保局 异地就医十项便民措施 第四条(一),
 *	  鲁医保发〔2022〕26号 第二条(一) — a change closes the old filing and opens the new one
 *	  from the change date in one statement; terminate (因故终止) is not
 *	  held to the 6-month window.
 *	  filing_at: which filing applies to a person in a region on a date
 *	  ( steps 2–3; 鲁医保发〔2021〕46号 第三条(一): long-term where one lives).
 *	  filing_exempt: 鲁医保发〔2021〕46号 第二条(三), read from xdjy.filing_exemption.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/tuplestore.h"

#include "dates.h"
#include "errors.h"
#include "reference.h"
#include "reference_cache.h"
#include "region.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(change_filing);
PG_FUNCTION_INFO_V1(cancel_filing);
PG_FUNCTION_INFO_V1(terminate_filing);
PG_FUNCTION_INFO_V1(filing_at);
PG_FUNCTION_INFO_V1(filing_exempt);

/* non-STRICT functions: a NULL argument is an error, never a silent NULL */
static void
require_args(FunctionCallInfo fcinfo, int nargs, const char *const *names)
{
	int			i;

	for (i = 0; i < nargs; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"%s\" must not be null", names[i]),
					 errhint("Give a value for \"%s\"; dates default to current_date when left out.", names[i])));
}

static XdjyPlan plan_lock_filing = XDJY_PLAN("plan_lock_filing",
	"SELECT f.person_id FROM xdjy.filing f"
	" WHERE f.id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE",
	1, INT8OID);

static void
lock_filing(int64 id)
{
	Datum		v[1];

	v[0] = Int64GetDatum(id);
	if (xdjy_run(&plan_lock_filing, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("No row of xdjy.filing has id %lld.", (long long) id),
				 errhint("Look the filing up in xdjy.filing, e.g. with xdjy.filing_at(person_id, region, on_date).")));
}

/*
 * One statement closes the old row and opens the new one (close and open in one go): the new id
 * is drawn first so the old row gets its final replaced_by in its one
 * UPDATE (closed rows never change again); the INSERT reads the UPDATE's
 * RETURNING row, so the old filing is already closed when the new row's
 * trigger looks for another active filing.  AFTER triggers, and with them
 * the replacement check even when set IMMEDIATE, fire at the end of the
 * statement, when both rows exist.  The new filing continues the old one:
 * same person, category, channel and pledge; proof stays with the old
 * place.
 */
static XdjyPlan plan_change = XDJY_PLAN("plan_change",
	"WITH n AS (SELECT pg_catalog.nextval(pg_catalog.pg_get_serial_sequence('xdjy.filing', 'id')) AS id),"
	" u AS (UPDATE xdjy.filing f SET status = 'changed'::xdjy.filing_status,"
	"  closed_on = $3, replaced_by = n.id FROM n"
	"  WHERE f.id OPERATOR(pg_catalog.=) $1"
	"  RETURNING n.id AS new_id, f.person_id, f.category, f.channel, f.pledge)"
	" INSERT INTO xdjy.filing (id, person_id, destination_region, category,"
	"  start_date, applied_on, channel, pledge)"
	" SELECT u.new_id, u.person_id, $2, u.category, $3, $3, u.channel, u.pledge FROM u"
	" RETURNING id",
	3, INT8OID, TEXTOID, DATEOID);

/*
 * change_filing(filing_id bigint, new_destination text, on_date date)
 *		RETURNS bigint: the new filing's id.  变更备案.
 */
Datum
change_filing(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"filing_id", "new_destination", "on_date"};
	int64		id;
	int64		new_id;
	bool		isnull;
	Datum		v[3];

	require_args(fcinfo, 3, names);
	id = PG_GETARG_INT64(0);
	xdjy_check_business_date(PG_GETARG_DATEADT(2), "change_filing(on_date)");

	xdjy_spi_connect();
	lock_filing(id);
	v[0] = Int64GetDatum(id);
	v[1] = PG_GETARG_DATUM(1);
	v[2] = PG_GETARG_DATUM(2);
	if (xdjy_run(&plan_change, v, NULL, 0) != 1)
		elog(ERROR, "change_filing: replacement of filing %lld not inserted", (long long) id);
	new_id = DatumGetInt64(xdjy_res(1, &isnull));
	xdjy_spi_finish();
	PG_RETURN_INT64(new_id);
}

static XdjyPlan plan_close_cancelled = XDJY_PLAN("plan_close_cancelled",
	"UPDATE xdjy.filing SET status = 'cancelled'::xdjy.filing_status,"
	" closed_on = $2 WHERE id OPERATOR(pg_catalog.=) $1",
	2, INT8OID, DATEOID);

static XdjyPlan plan_close_terminated = XDJY_PLAN("plan_close_terminated",
	"UPDATE xdjy.filing SET status = 'terminated'::xdjy.filing_status,"
	" closed_on = $2 WHERE id OPERATOR(pg_catalog.=) $1",
	2, INT8OID, DATEOID);

static void
close_filing(FunctionCallInfo fcinfo, XdjyPlan *plan)
{
	static const char *const names[] = {"filing_id", "on_date"};
	Datum		v[2];

	require_args(fcinfo, 2, names);
	xdjy_check_business_date(PG_GETARG_DATEADT(1), plan == &plan_close_cancelled ?
							 "cancel_filing(on_date)" : "terminate_filing(on_date)");
	v[0] = PG_GETARG_DATUM(0);
	v[1] = PG_GETARG_DATUM(1);
	xdjy_spi_connect();
	lock_filing(PG_GETARG_INT64(0));
	xdjy_run(plan, v, NULL, 0);
	xdjy_spi_finish();
}

/* cancel_filing(filing_id bigint, on_date date): 取消备案, the change window applies */
Datum
cancel_filing(PG_FUNCTION_ARGS)
{
	close_filing(fcinfo, &plan_close_cancelled);
	PG_RETURN_VOID();
}

/* terminate_filing(filing_id bigint, on_date date): 因故终止, no window */
Datum
terminate_filing(PG_FUNCTION_ARGS)
{
	close_filing(fcinfo, &plan_close_terminated);
	PG_RETURN_VOID();
}

/*
 * filing_at(person_id text, region text, on_date date) RETURNS SETOF filing
 *
 * The filing that applies to the person in the pooling region of `region`
 * on that date, by its dates (start_date <= on_date < closed_on), whatever
 * its status now: a filing changed later still applied before.  A
 * long-term filing wins over a temporary one (鲁医保发〔2021〕46号 第三条(一): where one lives,
 * the local standard).  Index filing_person_destination_idx drives it.
 */
static XdjyPlan plan_filing_at = XDJY_PLAN("plan_filing_at",
	"SELECT f FROM xdjy.filing f"
	" WHERE f.person_id OPERATOR(pg_catalog.=) $1"
	" AND f.destination_region OPERATOR(pg_catalog.=) $2"
	" AND f.start_date OPERATOR(pg_catalog.<=) $3"
	" AND (f.closed_on IS NULL OR f.closed_on OPERATOR(pg_catalog.>) $3)"
	" ORDER BY f.category OPERATOR(xdjy.=) 'long_term_resident'::xdjy.residence_category DESC,"
	" f.start_date DESC, f.id DESC LIMIT 1",
	3, TEXTOID, TEXTOID, DATEOID);

/*
 * The pooling region of a region named by the caller, who must be allowed
 * to read xdjy.region as a query of it would; YB001 for an unknown code.
 */
static char *
pooling_or_unknown(const char *region)
{
	char	   *pooling;

	xdjy_cache_check_caller("region");
	pooling = xdjy_pooling_region(region);
	if (pooling == NULL && !xdjy_region_exists(region, NULL))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Region \"%s\" is not in xdjy.region.", xdjy_clip(region)),
				 errhint("Use a region code from xdjy.region, e.g. 370100 or the county of an institution.")));
	return pooling;
}

Datum
filing_at(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *region = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *pooling;
	Datum		v[3];

	xdjy_check_business_date(PG_GETARG_DATEADT(2), "filing_at(on_date)");
	SetSingleFuncCall(fcinfo, 0);
	xdjy_spi_connect();
	pooling = pooling_or_unknown(region);
	if (pooling != NULL)
	{
		v[0] = PG_GETARG_DATUM(0);
		v[1] = CStringGetTextDatum(pooling);
		v[2] = PG_GETARG_DATUM(2);
		/* a STABLE function: the lookup reads in the caller's snapshot */
		if (xdjy_plan_read(&plan_filing_at, v, NULL, 1) == 1)
		{
			/*
			 * The row comes as one composite of the table's row type, so it
			 * is read with the result descriptor (dropped columns and all).
			 */
			bool		isnull;
			HeapTupleHeader th = DatumGetHeapTupleHeader(xdjy_res(1, &isnull));
			HeapTupleData tuple;
			TupleDesc	desc = rsinfo->setDesc;
			Datum	   *values = palloc(desc->natts * sizeof(Datum));
			bool	   *nulls = palloc(desc->natts * sizeof(bool));

			tuple.t_len = HeapTupleHeaderGetDatumLength(th);
			ItemPointerSetInvalid(&tuple.t_self);
			tuple.t_tableOid = InvalidOid;
			tuple.t_data = th;
			heap_deform_tuple(&tuple, desc, values, nulls);
			tuplestore_putvalues(rsinfo->setResult, desc, values, nulls);
		}
	}
	xdjy_spi_finish();
	return (Datum) 0;
}

/*
 * filing_exempt(insured_region text, treatment_region text, on_date date)
 *
 * 鲁医保发〔2021〕46号 第二条(三): true when treatment in treatment_region by a person
 * insured in insured_region needs no filing on that date, because it is
 * intra-province (省内跨市) and the insured province's exemption
 * (xdjy.filing_exemption) covers the date.  Both codes may be any region;
 * each is walked up to its pooling region.
 */
Datum
filing_exempt(PG_FUNCTION_ARGS)
{
	char	   *insured = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *treatment = text_to_cstring(PG_GETARG_TEXT_PP(1));
	bool		exempt = false;

	xdjy_check_business_date(PG_GETARG_DATEADT(2), "filing_exempt(on_date)");
	insured = pooling_or_unknown(insured);
	treatment = pooling_or_unknown(treatment);
	if (insured != NULL && treatment != NULL &&
		xdjy_scope_of(insured, treatment) == XDJY_SCOPE_INTRA_PROVINCE)
	{
		xdjy_cache_check_caller("filing_exemption");
		exempt = xdjy_cached_filing_exemption(insured, PG_GETARG_DATEADT(2), NULL);
	}
	PG_RETURN_BOOL(exempt);
}
