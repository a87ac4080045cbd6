/*-------------------------------------------------------------------------
 *
 * src/ledger.c
 *	  The ledger row (xdjy.ledger) of a person, year and quota group: the
 *	  deductible met and the fund paid so far, which every settlement of
 *	  the group reads, prices against and moves (鲁医保发〔2021〕46号
 *	  第三条(三): remote and local care share one deductible and one annual
 *	  cap).
 *
 *	  Concurrency: a settlement takes the row FOR NO KEY UPDATE before it
 *	  prices, so two settlements of a person are serialised on it, and the
 *	  second reads what the first left (READ COMMITTED) or fails with 40001
 *	  (REPEATABLE READ and above) rather than pay from a stale figure
 *	  (test/isolation/specs/settle_quota_concurrent.spec).
 *
 *	  Every settlement and reversal passes here, so the row is found,
 *	  locked, created and updated through a row writer (row_write.c): an
 *	  index probe and a heap update, where SPI started and ended an
 *	  executor for each of the three statements (test/bench/RESULTS.md,
 *	  figure 2).  The semantics are those of the statements they replace:
 *	  SELECT ... FOR NO KEY UPDATE, INSERT ... ON CONFLICT DO NOTHING,
 *	  UPDATE with the table's CHECK constraints (never below zero) and its
 *	  reference trigger.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/tupdesc.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "utils/builtins.h"

#include "errors.h"
#include "index_read.h"
#include "ledger.h"
#include "money.h"
#include "row_write.h"
#include "trigger_util.h"
#include "xdjy.h"

/* the table's columns, by name */
typedef enum LedgerCol
{
	LC_PERSON_ID,
	LC_YEAR,
	LC_QUOTA_GROUP,
	LC_DEDUCTIBLE_MET,
	LC_FUND_PAID,
	LC_NCOLS
} LedgerCol;

static const char *const ledger_col[LC_NCOLS] = {
	"person_id", "year", "quota_group", "deductible_met_fen", "fund_paid_fen"
};

typedef struct LedgerAccess
{
	XdjyRowWriter *w;
	AttrNumber	att[LC_NCOLS];
	Datum		key[3];			/* the primary key, in its order */
} LedgerAccess;

static void
ledger_open(LedgerAccess *a, bool write)
{
	Oid			relid = xdjy_table_oid("ledger");
	TupleDesc	desc;

	a->w = write ? xdjy_row_writer_open(relid) : xdjy_row_reader_open(relid);
	desc = xdjy_row_writer_desc(a->w);
	for (int c = 0; c < LC_NCOLS; c++)
		a->att[c] = xdjy_colno(desc, ledger_col[c]);
}

/* PRIMARY KEY (person_id, year, quota_group) */
static void
ledger_key(LedgerAccess *a, const char *person_id, int year, const char *quota_group)
{
	a->key[0] = CStringGetTextDatum(person_id);
	a->key[1] = Int32GetDatum(year);
	a->key[2] = CStringGetTextDatum(quota_group);
}

static int64
found_fen(LedgerAccess *a, LedgerCol c)
{
	bool		isnull;
	Datum		v = slot_getattr(xdjy_row_writer_found(a->w), a->att[c], &isnull);

	return isnull ? 0 : DatumGetInt64(v);
}

static void
take_found(LedgerAccess *a, XdjyLedger *l)
{
	l->deductible_met_fen = found_fen(a, LC_DEDUCTIBLE_MET);
	l->fund_paid_fen = found_fen(a, LC_FUND_PAID);
}

void
xdjy_ledger_read(const char *person_id, int year, const char *quota_group, XdjyLedger *l)
{
	LedgerAccess a;
	ItemPointerData tid;

	ledger_open(&a, false);
	ledger_key(&a, person_id, year, quota_group);
	/* read, not locked: no tid for xdjy_ledger_add */
	ItemPointerSetInvalid(&l->tid);
	l->deductible_met_fen = 0;
	l->fund_paid_fen = 0;
	if (xdjy_row_find(a.w, a.key, XDJY_ROW_UNLOCKED, &tid))
		take_found(&a, l);
	xdjy_row_writer_close(a.w);
}

void
xdjy_ledger_lock(const char *person_id, int year, const char *quota_group, XdjyLedger *l)
{
	LedgerAccess a;

	ledger_open(&a, true);
	ledger_key(&a, person_id, year, quota_group);
	for (int attempt = 0; attempt < 2; attempt++)
	{
		Datum		values[LC_NCOLS];
		bool		nulls[LC_NCOLS] = {false};

		if (xdjy_row_find(a.w, a.key, XDJY_ROW_FOR_NO_KEY_UPDATE, &l->tid))
		{
			take_found(&a, l);
			xdjy_row_writer_close(a.w);
			return;
		}
		/* the first settlement of the year creates the row, at zero */
		values[a.att[LC_PERSON_ID] - 1] = a.key[0];
		values[a.att[LC_YEAR] - 1] = a.key[1];
		values[a.att[LC_QUOTA_GROUP] - 1] = a.key[2];
		values[a.att[LC_DEDUCTIBLE_MET] - 1] = Int64GetDatum(0);
		values[a.att[LC_FUND_PAID] - 1] = Int64GetDatum(0);
		if (xdjy_row_insert_if_absent(a.w, values, nulls, &l->tid))
		{
			l->deductible_met_fen = 0;
			l->fund_paid_fen = 0;
			xdjy_row_writer_close(a.w);
			return;
		}
		/* another session created it first: lock that row */
	}
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("could not lock or create a row of xdjy"),
			 errdetail("%s vanished between its insert and its lock.",
					   psprintf(xdjy_tr(XDJY_N_("The ledger row of person \"%s\", year %d, group \"%s\"")),
								xdjy_clip(person_id), year, xdjy_clip(quota_group))),
			 errhint("This is an internal error of xdjy; report the statement that raised it.")));
}

void
xdjy_ledger_add(XdjyLedger *l, int64 deductible_fen, int64 fund_fen)
{
	LedgerAccess a;
	Datum		values[LC_NCOLS] = {0};
	bool		nulls[LC_NCOLS] = {false};
	bool		replace[LC_NCOLS] = {false};
	int64		met = xdjy_fen_add(l->deductible_met_fen, deductible_fen);
	int64		paid = xdjy_fen_add(l->fund_paid_fen, fund_fen);

	Assert(ItemPointerIsValid(&l->tid));
	/* the row is the one locked, at l->tid */
	ledger_open(&a, true);
	values[a.att[LC_DEDUCTIBLE_MET] - 1] = Int64GetDatum(met);
	values[a.att[LC_FUND_PAID] - 1] = Int64GetDatum(paid);
	replace[a.att[LC_DEDUCTIBLE_MET] - 1] = true;
	replace[a.att[LC_FUND_PAID] - 1] = true;
	/* below zero: the table's CHECK refuses it (23514), as the UPDATE did */
	xdjy_row_update(a.w, &l->tid, values, nulls, replace);
	xdjy_row_writer_close(a.w);
	l->deductible_met_fen = met;
	l->fund_paid_fen = paid;
}
