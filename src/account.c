/*-------------------------------------------------------------------------
 *
 * src/account.c
 *	  Personal accounts (个人账户): the balance of xdjy.personal_account is
 *	  changed only by a row of xdjy.personal_account_movement, whose BEFORE
 *	  trigger locks the account row, refuses a movement that would take the
 *	  balance below zero and records the balance after it.  The account is
 *	  usable across the province (鲁医保发〔2020〕68号 二(五) "省内通用") and
 *	  across provinces where the insured province's dated setting says so
 *	  (鲁医保发〔2022〕26号 第四条(二): such payments are cleared monthly).
 *
 *	  Concurrency: every reader that decides an amount from the balance
 *	  (the settlement engine) takes the account row FOR NO KEY UPDATE in a
 *	  fresh snapshot first, as the ledgers are taken; two settlements
 *	  racing for the last balance are serialised on the row, and the
 *	  second reads what the first left (READ COMMITTED) or fails with
 *	  40001 (REPEATABLE READ and above).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "common/int.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rel.h"

#include "account.h"
#include "errors.h"
#include "restore.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(personal_account_movement_trigger);

static XdjyPlan q_account_lock = XDJY_PLAN(
	"account lock",
	"SELECT a.balance_fen FROM xdjy.personal_account a"
	" WHERE a.person_id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE",
	1, TEXTOID);

static XdjyPlan q_account_read = XDJY_PLAN(
	"account read",
	"SELECT a.balance_fen FROM xdjy.personal_account a"
	" WHERE a.person_id OPERATOR(pg_catalog.=) $1",
	1, TEXTOID);

static XdjyPlan q_account_insert = XDJY_PLAN(
	"account insert",
	"INSERT INTO xdjy.personal_account (person_id) VALUES ($1) ON CONFLICT DO NOTHING",
	1, TEXTOID);

static XdjyPlan q_account_update = XDJY_PLAN(
	"account update",
	"UPDATE xdjy.personal_account a SET balance_fen = $2"
	" WHERE a.person_id OPERATOR(pg_catalog.=) $1",
	2, TEXTOID, INT8OID);

static XdjyPlan q_movement_insert = XDJY_PLAN(
	"account movement",
	"INSERT INTO xdjy.personal_account_movement (person_id, kind, amount_fen, moved_on, settlement_id)"
	" VALUES ($1, $2, $3, $4, $5) RETURNING balance_after_fen",
	5, TEXTOID, TEXTOID, INT8OID, DATEOID, INT8OID);

static XdjyPlan q_cross_province = XDJY_PLAN(
	"account cross-province",
	"SELECT 1 FROM xdjy.account_cross_province c"
	" WHERE c.province OPERATOR(pg_catalog.=) (pg_catalog.left($1, 2) OPERATOR(pg_catalog.||) '0000')"
	"   AND c.valid OPERATOR(pg_catalog.@>) $2",
	2, TEXTOID, DATEOID);

/* the balance, the account row locked (a person without one has 0) */
int64
xdjy_account_lock(const char *person_id)
{
	Datum		arg = CStringGetTextDatum(person_id);

	if (xdjy_plan_execute(&q_account_lock, &arg, NULL, 1, SPI_OK_SELECT) > 0)
		return xdjy_spi_int64(0, 1, 0);
	return 0;
}

/* the balance as it stands, nothing locked (a pre-settlement; none: 0) */
int64
xdjy_account_balance(const char *person_id)
{
	Datum		arg = CStringGetTextDatum(person_id);

	if (xdjy_plan_execute(&q_account_read, &arg, NULL, 1, SPI_OK_SELECT) > 0)
		return xdjy_spi_int64(0, 1, 0);
	return 0;
}

/* lock the account row, creating it */
static int64
lock_or_create(const char *person_id)
{
	Datum		arg = CStringGetTextDatum(person_id);

	/* the person's first movement creates the row */
	xdjy_plan_lock_or_insert(&q_account_lock, &q_account_insert, &arg,
							 XDJY_N_("The account row of person \"%s\""), xdjy_clip(person_id));
	return xdjy_spi_int64(0, 1, 0);
}

/*
 * A debit or refund by the settlement engine: through the movement table,
 * so that its trigger keeps the balance; returns the balance after.
 */
int64
xdjy_account_move(const char *person_id, const char *kind, int64 amount_fen,
				  DateADT moved_on, int64 settlement_id)
{
	Datum		args[5];

	args[0] = CStringGetTextDatum(person_id);
	args[1] = CStringGetTextDatum(kind);
	args[2] = Int64GetDatum(amount_fen);
	args[3] = DateADTGetDatum(moved_on);
	args[4] = Int64GetDatum(settlement_id);
	if (xdjy_plan_execute(&q_movement_insert, args, NULL, 1, SPI_OK_INSERT_RETURNING) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not record a personal account movement"),
				 errdetail("The movement of person \"%s\" was not inserted.", xdjy_clip(person_id)),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
	return xdjy_spi_int64(0, 1, 0);
}

/*
 * 鲁医保发〔2020〕68号 二(五): within the insured province the account
 * pays everywhere; 鲁医保发〔2022〕26号 第四条(二): across provinces where
 * the insured province's setting covers the date.
 */
bool
xdjy_account_usable(const char *insured_region, const char *treatment_region,
					DateADT on_date)
{
	Datum		args[2];

	if (strncmp(insured_region, treatment_region, 2) == 0)
		return true;
	args[0] = CStringGetTextDatum(insured_region);
	args[1] = DateADTGetDatum(on_date);
	return xdjy_plan_execute(&q_cross_province, args, NULL, 1, SPI_OK_SELECT) > 0;
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE ON xdjy.personal_account_movement: the
 * balance moves by the row's amount, never below zero; the row records
 * the balance after.  Movements are never changed.  A restore brings the
 * dumped movements and the dumped balances back as they were.
 */
Datum
personal_account_movement_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "personal_account_movement_trigger",
										 XDJY_ON_INSERT | XDJY_ON_UPDATE | XDJY_ON_DELETE);
	HeapTuple	row = td->tg_trigtuple;
	TupleDesc	tupdesc = RelationGetDescr(td->tg_relation);
	char	   *person_id;
	char	   *kind;
	int64		amount,
				balance,
				after;
	bool		isnull;
	Datum		d;
	int			col;
	Datum		value;
	bool		null = false;

	if (xdjy_restoring())
		return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : row);

	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ACCOUNT_APPEND_ONLY),
				 errdetail("Movement %lld of person \"%s\" is recorded.",
						   (long long) DatumGetInt64(xdjy_col(row, tupdesc, "id", &isnull)),
						   xdjy_clip(xdjy_col_text(row, tupdesc, "person_id"))),
				 errhint("Correct a movement with a new one: a credit, or the reversal of the settlement.")));

	person_id = xdjy_col_text(row, tupdesc, "person_id");
	kind = xdjy_col_text(row, tupdesc, "kind");
	d = xdjy_col(row, tupdesc, "amount_fen", &isnull);
	/* NULLs and wrong signs: the constraints report them */
	if (person_id == NULL || kind == NULL || isnull)
		return PointerGetDatum(row);
	amount = DatumGetInt64(d);
	if ((strcmp(kind, "debit") == 0) != (amount < 0) || amount == 0)
		return PointerGetDatum(row);

	xdjy_spi_connect();
	balance = lock_or_create(person_id);
	if (pg_add_s64_overflow(balance, amount, &after) || after < 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ACCOUNT_OVERDRAWN),
				 errdetail("The personal account of person \"%s\" holds %lld fen; the %s is of %lld fen.",
						   xdjy_clip(person_id), (long long) balance, kind, (long long) amount),
				 errhint("An account pays no more than its balance (鲁医保发〔2020〕68号 二(五)); the rest is paid in cash.")));
	{
		Datum		args[2];

		args[0] = CStringGetTextDatum(person_id);
		args[1] = Int64GetDatum(after);
		if (xdjy_plan_execute(&q_account_update, args, NULL, 0, SPI_OK_UPDATE) != 1)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("could not update a personal account"),
					 errdetail("The account row of person \"%s\" was not updated.", xdjy_clip(person_id)),
					 errhint("This is an internal error of xdjy; report the statement that raised it.")));
	}
	xdjy_spi_finish();

	col = xdjy_attnum(tupdesc, "balance_after_fen", INT8OID);
	value = Int64GetDatum(after);
	return PointerGetDatum(heap_modify_tuple_by_cols(row, tupdesc, 1, &col, &value, &null));
}
