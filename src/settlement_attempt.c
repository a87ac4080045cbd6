/*-------------------------------------------------------------------------
 *
 * src/settlement_attempt.c
 *	  try_settle(): settle(), but a rejection is recorded in
 *	  xdjy.settlement_attempt with its SQLSTATE and NULL is returned.  The
 *	  failed attempts feed the network settlement success rate (联网结算
 *	  成功率 of at least 98%, 鲁医保发〔2022〕26号 第一条), so they are an
 *	  audit record: only this function writes them, with the rights of the
 *	  table's owner, and no role may insert one by hand.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/resowner.h"

#include "dates.h"
#include "owner.h"
#include "spi_plans.h"

PG_FUNCTION_INFO_V1(try_settle);

#define TRY_SETTLE_NARGS	11

static XdjyPlan plan_settle = XDJY_PLAN("try_settle settle",
	"SELECT xdjy.settle($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	TRY_SETTLE_NARGS, INT8OID, INT8OID, INT8OID, TEXTOID, DATEOID, TEXTOID,
	BOOLOID, INT8OID, TEXTOID, BOOLOID, BOOLOID);

/* the encounter, if the caller can see it (row-level security applies) */
static XdjyPlan plan_encounter = XDJY_PLAN("try_settle encounter",
	"SELECT e.id FROM xdjy.encounter e WHERE e.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

static XdjyPlan plan_attempt = XDJY_PLAN("try_settle attempt",
	"INSERT INTO xdjy.settlement_attempt (attempted_on, encounter_id, mode,"
	"       invoice_no, total_fen, sqlstate, message)"
	" VALUES (COALESCE($1, CURRENT_DATE), $2, COALESCE($3, 'direct'), $4, $5, $6, $7)",
	7, DATEOID, INT8OID, TEXTOID, TEXTOID, INT8OID, TEXTOID, TEXTOID);

/* xdjy.settlement_attempt, whose owner alone may write it */
static Oid
attempt_table(void)
{
	Oid			relid = get_relname_relid("settlement_attempt",
										  get_namespace_oid("xdjy", false));

	if (!OidIsValid(relid))
		elog(ERROR, "table xdjy.settlement_attempt does not exist");
	return relid;
}

/*
 * Record a rejected attempt: the encounter as the caller sees it (an
 * encounter it may not read, or none, is recorded as NULL, which only the
 * admin reads), then the row written as the table's owner.
 */
static void
record_attempt(FunctionCallInfo fcinfo, ErrorData *edata)
{
	Datum		v[7];
	char		nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', ' '};
	XdjyUserContext saved;

	xdjy_spi_connect();
	nulls[1] = 'n';
	if (!PG_ARGISNULL(0))
	{
		Datum		e = PG_GETARG_DATUM(0);

		if (xdjy_plan_execute(&plan_encounter, &e, NULL, 1, SPI_OK_SELECT) == 1)
		{
			v[1] = e;
			nulls[1] = ' ';
		}
	}
	v[0] = PG_ARGISNULL(4) ? (Datum) 0 : PG_GETARG_DATUM(4);
	nulls[0] = PG_ARGISNULL(4) ? 'n' : ' ';
	v[2] = PG_ARGISNULL(5) ? (Datum) 0 : PG_GETARG_DATUM(5);
	nulls[2] = PG_ARGISNULL(5) ? 'n' : ' ';
	v[3] = PG_ARGISNULL(3) ? (Datum) 0 : PG_GETARG_DATUM(3);
	nulls[3] = PG_ARGISNULL(3) ? 'n' : ' ';
	v[4] = PG_ARGISNULL(1) ? (Datum) 0 : PG_GETARG_DATUM(1);
	nulls[4] = PG_ARGISNULL(1) ? 'n' : ' ';
	v[5] = CStringGetTextDatum(unpack_sql_state(edata->sqlerrcode));
	v[6] = CStringGetTextDatum(edata->message ? edata->message : "");

	/*
	 * As the owner, as PostgreSQL's foreign-key checks act (ri_triggers.c):
	 * no other role may insert into the table.  An error on the way aborts
	 * the transaction, which restores the user id.
	 */
	xdjy_become_owner(attempt_table(), &saved);
	xdjy_plan_execute(&plan_attempt, v, nulls, 0, SPI_OK_INSERT);
	xdjy_restore_user(&saved);
	xdjy_spi_finish();
}

/*
 * try_settle(encounter_id, total_fen, out_of_scope_fen, invoice_no,
 *            settled_on, mode, own_reason, referral_id, diagnosis, mid_stay,
 *            acct_used)
 *
 * settle() in a subtransaction, so that a rejected settlement leaves
 * nothing behind; the rejection (any error but a cancel, as PL/pgSQL's
 * WHEN OTHERS) is recorded and NULL returned.
 */
Datum
try_settle(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	Datum		v[TRY_SETTLE_NARGS];
	char		nulls[TRY_SETTLE_NARGS];
	volatile Datum result = (Datum) 0;
	volatile bool isnull = true;
	ErrorData  *volatile edata = NULL;
	int			i;

	/*
	 * A date outside the business-date window is a bad argument, not a
	 * rejected settlement: it is raised, not recorded (the attempt would
	 * count in a month that is no business month).
	 */
	if (!PG_ARGISNULL(4))
		xdjy_check_business_date(PG_GETARG_DATEADT(4), "try_settle(settled_on)");

	for (i = 0; i < TRY_SETTLE_NARGS; i++)
	{
		/* an argument list without the last flags: their default, false */
		if (i >= PG_NARGS())
		{
			v[i] = BoolGetDatum(false);
			nulls[i] = ' ';
			continue;
		}
		v[i] = PG_ARGISNULL(i) ? (Datum) 0 : PG_GETARG_DATUM(i);
		nulls[i] = PG_ARGISNULL(i) ? 'n' : ' ';
	}

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		bool		null;
		Datum		d;

		xdjy_spi_connect();
		xdjy_plan_execute(&plan_settle, v, nulls, 1, SPI_OK_SELECT);
		d = xdjy_spi_value(0, 1, &null);
		isnull = null;
		if (!null)
			result = SPI_datumTransfer(d, false, -1);
		xdjy_spi_finish();
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_END_TRY();

	if (edata == NULL)
	{
		if (isnull)
			PG_RETURN_NULL();
		PG_RETURN_DATUM(result);
	}

	/* a cancel or a failed assertion is not a rejection: pass it on */
	if (edata->sqlerrcode == ERRCODE_QUERY_CANCELED ||
		edata->sqlerrcode == ERRCODE_ASSERT_FAILURE)
		ReThrowError(edata);

	record_attempt(fcinfo, edata);
	PG_RETURN_NULL();
}
