/*-------------------------------------------------------------------------
 *
 * src/fee_detail.c
 *	  Fee lines (费用明细, 2301): BEFORE INSERT ON xdjy.fee_detail prices
 *	  each line against the catalogue row of the treatment region valid on
 *	  the fee date (鲁医保发〔2022〕26号 第二条(四): the payable scope is
 *	  the treatment place's) and refuses a line that cannot be lawful; lines
 *	  are never updated, and deleted only before settlement (2302), each
 *	  deletion recorded.  The settlement engine reads the lines through
 *	  xdjy_fee_lines_to_settle.
 *
 *	  Concurrency: a line holds its encounter FOR SHARE until it commits
 *	  and a settlement takes it FOR NO KEY UPDATE, so a settlement sees
 *	  every line committed before it and a line waits for a settlement and
 *	  then finds it (both read the latest committed rows).  Refunds of one
 *	  line lock that line (FOR NO KEY UPDATE), so two refunds cannot
 *	  together refund more than it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/date.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "dates.h"
#include "errors.h"
#include "owner.h"
#include "fee_detail.h"
#include "index_read.h"
#include "money.h"
#include "national.h"
#include "region.h"
#include "restore.h"
#include "row_access.h"
#include "row_write.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(fee_detail_pricing_trigger);
PG_FUNCTION_INFO_V1(fee_detail_change_trigger);

/*
 * The encounter of a line, FOR SHARE against a settlement while the line
 * goes in, and its institution's region; false if there is none.  Read
 * by primary key without SPI (row_write.c): this runs for every line, and
 * the statement's executor start-up was a third of the pricing trigger
 * (perf, make bench figure 9).
 */
typedef struct LineEncounter
{
	DateADT		admitted;
	bool		discharged_null;
	DateADT		discharged;
	char	   *visit_type;
	char	   *region;			/* the institution's region_code */
} LineEncounter;

static bool
encounter_share(int64 encounter_id, LineEncounter *le, MemoryContext cxt)
{
	XdjyRowWriter *er = xdjy_row_locker_open(xdjy_table_oid("encounter"));
	Datum		key = Int64GetDatum(encounter_id);
	ItemPointerData tid;
	bool		found = xdjy_row_find(er, &key, XDJY_ROW_FOR_SHARE, &tid);

	if (found && le != NULL)
	{
		XdjyRowWriter *ir = xdjy_row_reader_open(xdjy_table_oid("institution"));
		bool		isnull;
		Datum		v;

		le->admitted = DatumGetDateADT(xdjy_found_value(er, "admitted_on", &isnull));
		v = xdjy_found_value(er, "discharged_on", &le->discharged_null);
		le->discharged = le->discharged_null ? 0 : DatumGetDateADT(v);
		le->visit_type = xdjy_found_text(er, "visit_type", cxt);
		key = CStringGetTextDatum(xdjy_found_text(er, "institution_code", CurrentMemoryContext));
		found = xdjy_row_find(ir, &key, XDJY_ROW_UNLOCKED, &tid);
		if (found)
			le->region = xdjy_found_text(ir, "region_code", cxt);
		xdjy_row_writer_close(ir);
	}
	xdjy_row_writer_close(er);
	return found;
}

/*
 * A settlement that closes the encounter: a discharge or visit settlement
 * (not 中途结算) that is not a reversal and that no reversal names.  There
 * is at most one (the engine refuses a second while one stands).  Read in
 * the latest committed rows (as xdjy_run_latest reads), through the
 * encounter's index of settlements and the unique index of reversals: a
 * plan chosen on statistics of a table analysed while a load filled it
 * once read a whole index here for every settlement (test/isolation/
 * specs/kept_plan_analyze.spec).
 */
static bool
closing_settlement(int64 encounter_id, int64 *id, DateADT *settled_on)
{
	Datum		key = Int64GetDatum(encounter_id);
	Snapshot	snap = xdjy_statement_snapshot_push(true);
	XdjyIndexWalk w;
	bool		found = false;

	xdjy_index_walk_begin(&w, "settlement", "settlement_encounter_idx", 1, NULL, &key, snap);
	while (!found && xdjy_index_walk_next(&w, ForwardScanDirection) != NULL)
	{
		bool		isnull;
		Datum		sid;

		(void) xdjy_index_walk_value(&w, "reverses", &isnull);
		if (!isnull)
			continue;
		/* NOT s.mid_stay: a NULL is no closing settlement either */
		if (DatumGetBool(xdjy_index_walk_value(&w, "mid_stay", &isnull)) || isnull)
			continue;
		sid = xdjy_index_walk_value(&w, "id", &isnull);
		if (xdjy_index_exists("settlement", "settlement_reversed_once", 1, &sid, snap))
			continue;
		found = true;
		*id = DatumGetInt64(sid);
		*settled_on = DatumGetDateADT(xdjy_index_walk_value(&w, "settled_on", &isnull));
	}
	xdjy_index_walk_end(&w);
	PopActiveSnapshot();
	return found;
}

/* the line a refund names, locked against a second refund of it */
static XdjyPlan q_original = XDJY_PLAN(
	"fee line original",
	"SELECT f.id, f.med_list_codg, f.pric, f.cnt, f.amount_fen, f.init_feedetl_sn,"
	"       f.med_list_id, f.chrgitm_lv, f.selfpay_prop_bp, f.pric_uplmt"
	" FROM xdjy.fee_detail f"
	" WHERE f.encounter_id OPERATOR(pg_catalog.=) $1 AND f.feedetl_sn OPERATOR(pg_catalog.=) $2"
	" FOR NO KEY UPDATE OF f",
	2, INT8OID, TEXTOID);

/* what the refunds of a line have refunded so far (cnt and amount are negative) */
static XdjyPlan q_refunded = XDJY_PLAN(
	"fee line refunds",
	"SELECT COALESCE(pg_catalog.sum(f.cnt), 0),"
	"       COALESCE(pg_catalog.sum(f.amount_fen), 0)::pg_catalog.int8"
	" FROM xdjy.fee_detail f"
	" WHERE f.encounter_id OPERATOR(pg_catalog.=) $1 AND f.init_feedetl_sn OPERATOR(pg_catalog.=) $2",
	2, INT8OID, TEXTOID);

/* a settlement standing on the line */
static XdjyPlan q_covering = XDJY_PLAN(
	"fee line covered",
	"SELECT s.id FROM xdjy.settlement s"
	" WHERE s.encounter_id OPERATOR(pg_catalog.=) $1 AND s.reverses IS NULL"
	"   AND $2 OPERATOR(pg_catalog.=) ANY (s.fee_detail_ids)"
	"   AND NOT EXISTS (SELECT FROM xdjy.settlement r WHERE r.reverses OPERATOR(pg_catalog.=) s.id)"
	" LIMIT 1",
	2, INT8OID, INT8OID);

static XdjyPlan q_refund_of = XDJY_PLAN(
	"fee line refunded by",
	"SELECT f.feedetl_sn FROM xdjy.fee_detail f"
	" WHERE f.encounter_id OPERATOR(pg_catalog.=) $1 AND f.init_feedetl_sn OPERATOR(pg_catalog.=) $2"
	" LIMIT 1",
	2, INT8OID, TEXTOID);

static XdjyPlan q_record_revoked = XDJY_PLAN(
	"fee line revoked",
	"INSERT INTO xdjy.fee_detail_revoked (fee_detail_id, encounter_id, feedetl_sn,"
	"  med_list_codg, cnt, pric, amount_fen, revoked_by)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	8, INT8OID, INT8OID, TEXTOID, TEXTOID, NUMERICOID, NUMERICOID, INT8OID, TEXTOID);

/* the lines no standing settlement covers */
static XdjyPlan q_lines_to_settle = XDJY_PLAN(
	"settlement fee lines",
	"SELECT pg_catalog.count(*),"
	"       COALESCE(pg_catalog.sum(f.amount_fen), 0),"
	"       COALESCE(pg_catalog.sum(f.fulamt_ownpay_fen), 0),"
	"       COALESCE(pg_catalog.sum(f.overlmt_fen), 0),"
	"       COALESCE(pg_catalog.sum(f.preselfpay_fen), 0),"
	"       COALESCE(pg_catalog.array_agg(f.id ORDER BY f.id), '{}'),"
	"       pg_catalog.max(f.received_on)"
	" FROM xdjy.fee_detail f"
	" WHERE f.encounter_id OPERATOR(pg_catalog.=) $1"
	"   AND NOT EXISTS (SELECT FROM xdjy.settlement s"
	"     WHERE s.encounter_id OPERATOR(pg_catalog.=) $1 AND s.reverses IS NULL"
	"       AND f.id OPERATOR(pg_catalog.=) ANY (s.fee_detail_ids)"
	"       AND NOT EXISTS (SELECT FROM xdjy.settlement r"
	"                        WHERE r.reverses OPERATOR(pg_catalog.=) s.id))",
	1, INT8OID);

/* columns of xdjy.fee_detail */
typedef enum FCol
{
	FC_ID,
	FC_ENCOUNTER_ID,
	FC_SN,
	FC_INIT_SN,
	FC_CODE,
	FC_TIME,
	FC_CNT,
	FC_PRIC,
	FC_SUMAMT,
	FC_RECEIVED,
	/* filled by the pricing */
	FC_MED_LIST_ID,
	FC_LISTED,
	FC_LV,
	FC_PROP,
	FC_UPLMT,
	FC_AMOUNT,
	FC_FULAMT,
	FC_OVERLMT,
	FC_PRESELFPAY,
	FC_INSCP,
	FC_NCOLS
} FCol;

#define FC_FIRST_PRICED FC_MED_LIST_ID

static const struct
{
	const char *name;
	Oid			type;
}			fcol_def[FC_NCOLS] =
{
	[FC_ID] = {"id", INT8OID},
	[FC_ENCOUNTER_ID] = {"encounter_id", INT8OID},
	[FC_SN] = {"feedetl_sn", TEXTOID},
	[FC_INIT_SN] = {"init_feedetl_sn", TEXTOID},
	[FC_CODE] = {"med_list_codg", TEXTOID},
	[FC_TIME] = {"fee_ocur_time", TIMESTAMPOID},
	[FC_CNT] = {"cnt", NUMERICOID},
	[FC_PRIC] = {"pric", NUMERICOID},
	[FC_SUMAMT] = {"det_item_fee_sumamt", NUMERICOID},
	[FC_RECEIVED] = {"received_on", DATEOID},
	[FC_MED_LIST_ID] = {"med_list_id", INT8OID},
	[FC_LISTED] = {"listed", BOOLOID},
	[FC_LV] = {"chrgitm_lv", TEXTOID},
	[FC_PROP] = {"selfpay_prop_bp", INT4OID},
	[FC_UPLMT] = {"pric_uplmt", NUMERICOID},
	[FC_AMOUNT] = {"amount_fen", INT8OID},
	[FC_FULAMT] = {"fulamt_ownpay_fen", INT8OID},
	[FC_OVERLMT] = {"overlmt_fen", INT8OID},
	[FC_PRESELFPAY] = {"preselfpay_fen", INT8OID},
	[FC_INSCP] = {"inscp_scp_fen", INT8OID},
};

static Oid	fcol_relid = InvalidOid;
static int	fcol_natts = 0;
static int	fcol_attnum[FC_NCOLS];

static void
fee_columns(Relation rel)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);

	if (fcol_relid == RelationGetRelid(rel) && fcol_natts == tupdesc->natts)
		return;
	for (int i = 0; i < FC_NCOLS; i++)
		fcol_attnum[i] = xdjy_attnum(tupdesc, fcol_def[i].name, fcol_def[i].type);
	fcol_relid = RelationGetRelid(rel);
	fcol_natts = tupdesc->natts;
}

static Datum
fget(HeapTuple row, TupleDesc tupdesc, FCol c, bool *isnull)
{
	return heap_getattr(row, fcol_attnum[c], tupdesc, isnull);
}

static char *
num_text(Numeric n)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(n)));
}

static bool
num_finite(Numeric n)
{
	return !numeric_is_nan(n) && !numeric_is_inf(n);
}

/* the line as the client wrote it */
typedef struct FeeLine
{
	int64		encounter_id;
	char	   *sn;
	char	   *init_sn;		/* NULL: not a refund */
	char	   *code;
	Timestamp	time;
	DateADT		fee_on;
	Numeric		cnt;
	Numeric		pric;
	Numeric		sumamt;			/* NULL: not sent */
	DateADT		received_on;
} FeeLine;

/* what the line is priced from */
typedef struct FeeBasis
{
	bool		listed;
	int64		med_list_id;
	char	   *lv;
	int32		prop_bp;
	Numeric		uplmt;			/* NULL: no ceiling */
} FeeBasis;

static void
line_invalid(const FeeLine *l, const char *what)
{
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_FEE_LINE_INVALID),
			 errdetail("Line \"%s\" of encounter %lld: %s (count %s, price %s).",
					   xdjy_clip(l->sn), (long long) l->encounter_id, xdjy_tr(what),
					   xdjy_clip(num_text(l->cnt)), xdjy_clip(num_text(l->pric))),
			 errhint("A line has a positive count and a price of at least 0; a refund line names the line it refunds (init_feedetl_sn) and has a negative count.")));
}

static void
check_numbers(const FeeLine *l)
{
	Numeric		zero = int64_to_numeric(0);

	if (!num_finite(l->cnt) || !num_finite(l->pric) ||
		(l->sumamt != NULL && !num_finite(l->sumamt)))
		line_invalid(l, XDJY_N_("a count, price or amount is not a finite number"));
	if (xdjy_numeric_cmp(l->pric, zero) < 0)
		line_invalid(l, XDJY_N_("the price is negative"));
	if (xdjy_numeric_cmp(l->cnt, zero) == 0)
		line_invalid(l, XDJY_N_("the count is zero"));
	if (l->init_sn == NULL && xdjy_numeric_cmp(l->cnt, zero) < 0)
		line_invalid(l, XDJY_N_("a negative count on a line that refunds nothing"));
	if (l->init_sn != NULL && xdjy_numeric_cmp(l->cnt, zero) > 0)
		line_invalid(l, XDJY_N_("a positive count on a refund line"));
}

/*
 * The fee date lies within the encounter: a stay from admission to
 * discharge (open while in hospital), a visit on its day.
 */
static void
check_fee_date(const FeeLine *l, DateADT admitted, bool discharged_null, DateADT discharged,
			   const char *visit_type)
{
	bool		stay = strcmp(visit_type, "inpatient") == 0;
	DateADT		last = discharged_null ? (stay ? DATEVAL_NOEND : admitted)
		: Max(discharged, admitted);

	if (l->fee_on < admitted || l->fee_on > last)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_DATE_OUTSIDE_ENCOUNTER),
				 errdetail("Line \"%s\" is dated %s; encounter %lld (%s) runs from %s to %s.",
						   xdjy_clip(l->sn), xdjy_iso_date(l->fee_on), (long long) l->encounter_id,
						   xdjy_clip(visit_type), xdjy_iso_date(admitted),
						   last == DATEVAL_NOEND ? xdjy_tr(XDJY_N_("discharge")) : xdjy_iso_date(last)),
				 errhint("Date the line by when the fee was incurred (fee_ocur_time), within the stay or on the visit day.")));
}

/*
 * A line arrives (received_on, the upload of the details, 鲁医保发〔2022〕
 * 26号 第三条(四)) on or after the day its fee was incurred: a line
 * uploaded before its expense happened describes an expense that did not
 * (虚构医药费用, 鲁医保发〔2021〕46号 第四条).
 */
static void
check_received(const FeeLine *l)
{
	if (l->received_on < l->fee_on)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_RECEIVED_BEFORE_FEE),
				 errdetail("Line \"%s\" of encounter %lld is dated %s and received on %s.",
						   xdjy_clip(l->sn), (long long) l->encounter_id,
						   xdjy_iso_date(l->fee_on), xdjy_iso_date(l->received_on)),
				 errhint("Give received_on as the business date the line was uploaded, on or after fee_ocur_time.")));
}

static void
check_not_settled(const FeeLine *l)
{
	int64		closed_by;
	DateADT		closed_on;

	if (closing_settlement(l->encounter_id, &closed_by, &closed_on))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_ENCOUNTER_SETTLED),
				 errdetail("Encounter %lld was settled by settlement %lld on %s; line \"%s\" comes after it.",
						   (long long) l->encounter_id, (long long) closed_by,
						   xdjy_iso_date(closed_on), xdjy_clip(l->sn)),
				 errhint("Reverse the settlement first (xdjy.reverse_settlement), then upload the line and settle again.")));
}

/*
 * A refund line (退费): the line it names exists in the encounter, is not
 * a refund, has the same code and price; all its refunds together stay
 * within its count and amount.  Priced as the original was.
 */
static void
refund_basis(const FeeLine *l, FeeBasis *b, Numeric *orig_cnt, int64 *orig_amount,
			 MemoryContext cxt)
{
	Datum		args[2];
	bool		isnull;
	Datum		d;
	char	   *orig_code;
	Numeric		orig_pric;
	MemoryContext old;

	args[0] = Int64GetDatum(l->encounter_id);
	args[1] = CStringGetTextDatum(l->init_sn);
	if (xdjy_run_latest(&q_original, args, NULL, 1) == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_REFUND_ORIGINAL_MISSING),
				 errdetail("Refund line \"%s\" names line \"%s\", which encounter %lld does not have.",
						   xdjy_clip(l->sn), xdjy_clip(l->init_sn), (long long) l->encounter_id),
				 errhint("Name in init_feedetl_sn the feedetl_sn of the line refunded.")));
	(void) xdjy_spi_value(0, 6, &isnull);
	if (!isnull)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_REFUND_ORIGINAL_MISSING),
				 errdetail("Refund line \"%s\" names line \"%s\", which is itself a refund.",
						   xdjy_clip(l->sn), xdjy_clip(l->init_sn)),
				 errhint("Name in init_feedetl_sn the feedetl_sn of the line refunded.")));
	old = MemoryContextSwitchTo(cxt);
	orig_code = xdjy_spi_text(0, 2, cxt);
	orig_pric = DatumGetNumericCopy(xdjy_spi_value(0, 3, &isnull));
	*orig_cnt = DatumGetNumericCopy(xdjy_spi_value(0, 4, &isnull));
	*orig_amount = xdjy_spi_int64(0, 5, 0);
	d = xdjy_spi_value(0, 7, &isnull);
	b->listed = !isnull;
	b->med_list_id = isnull ? 0 : DatumGetInt64(d);
	b->lv = xdjy_spi_text(0, 8, cxt);
	b->prop_bp = xdjy_spi_int32(0, 9, 0);
	d = xdjy_spi_value(0, 10, &isnull);
	b->uplmt = isnull ? NULL : DatumGetNumericCopy(d);
	MemoryContextSwitchTo(old);

	if (strcmp(orig_code, l->code) != 0 || xdjy_numeric_cmp(orig_pric, l->pric) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_REFUND_UNLIKE_ORIGINAL),
				 errdetail("Refund line \"%s\" has code %s at %s yuan; line \"%s\" has code %s at %s yuan.",
						   xdjy_clip(l->sn), xdjy_clip(l->code), xdjy_clip(num_text(l->pric)),
						   xdjy_clip(l->init_sn), xdjy_clip(orig_code), xdjy_clip(num_text(orig_pric))),
				 errhint("A refund carries the code and the price of the line it refunds, and a negative count.")));
}

static void
check_refund_total(const FeeLine *l, Numeric orig_cnt, int64 orig_amount, int64 amount_fen)
{
	Datum		args[2];
	bool		isnull;
	Numeric		refunded_cnt;
	int64		refunded_amount;
	Numeric		after_cnt;
	int64		after_amount;

	args[0] = Int64GetDatum(l->encounter_id);
	args[1] = CStringGetTextDatum(l->init_sn);
	xdjy_run_latest(&q_refunded, args, NULL, 1);
	refunded_cnt = DatumGetNumeric(xdjy_spi_value(0, 1, &isnull));
	refunded_amount = xdjy_spi_int64(0, 2, 0);
	after_cnt = DatumGetNumeric(DirectFunctionCall2(numeric_add, NumericGetDatum(refunded_cnt),
													NumericGetDatum(l->cnt)));
	after_amount = xdjy_fen_add(refunded_amount, amount_fen);
	/* refunds are negative: their sum may not go below minus the original */
	if (xdjy_numeric_cmp(DatumGetNumeric(DirectFunctionCall2(numeric_add, NumericGetDatum(after_cnt),
													NumericGetDatum(orig_cnt))),
				int64_to_numeric(0)) < 0 ||
		xdjy_fen_add(after_amount, orig_amount) < 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_REFUND_EXCEEDS_ORIGINAL),
				 errdetail("Line \"%s\" has count %s and " INT64_FORMAT " fen; with refund line \"%s\" its refunds would come to count %s and " INT64_FORMAT " fen.",
						   xdjy_clip(l->init_sn), xdjy_clip(num_text(orig_cnt)), orig_amount,
						   xdjy_clip(l->sn), xdjy_clip(num_text(after_cnt)), after_amount),
				 errhint("Refund at most what is left of the line.")));
}

/*
 * The catalogue row of region valid on date d, into b: med_list_lookup_idx
 * by code and region, the validity tested on each row (at most one holds
 * on a date: med_list_no_overlap).  Not the exclusion constraint's gist
 * index, which costs ten times the btree look-up once the catalogue holds
 * hundreds of thousands of codes (make bench, figure 9).
 */
static bool
catalogue_row(const char *code, const char *region, DateADT d, Snapshot snap,
			  FeeBasis *b, MemoryContext cxt)
{
	Datum		keys[2];
	XdjyIndexWalk w;
	bool		found = false;

	keys[0] = CStringGetTextDatum(code);
	keys[1] = CStringGetTextDatum(region);
	xdjy_index_walk_begin(&w, "med_list", "med_list_lookup_idx", 2, NULL, keys, snap);
	while (!found && xdjy_index_walk_next(&w, ForwardScanDirection) != NULL)
	{
		bool		isnull;
		Datum		valid = xdjy_index_walk_value(&w, "valid", &isnull);
		Datum		v;
		MemoryContext old;

		if (!xdjy_daterange_holds(valid, isnull, d))
			continue;
		found = true;
		old = MemoryContextSwitchTo(cxt);
		b->listed = true;
		b->med_list_id = DatumGetInt64(xdjy_index_walk_value(&w, "id", &isnull));
		b->lv = TextDatumGetCString(xdjy_index_walk_value(&w, "chrgitm_lv", &isnull));
		b->prop_bp = DatumGetInt32(xdjy_index_walk_value(&w, "selfpay_prop_bp", &isnull));
		v = xdjy_index_walk_value(&w, "pric_uplmt", &isnull);
		if (!isnull)
			b->uplmt = DatumGetNumericCopy(v);
		MemoryContextSwitchTo(old);
	}
	xdjy_index_walk_end(&w);
	return found;
}

/*
 * The catalogue row for a new line: the pooling region's own row wins
 * over its province's (鲁医保发〔2022〕26号 第二条(四): the treatment
 * place's catalogue); not listed: 全自费.
 */
static void
catalogue_basis(const FeeLine *l, const char *treatment_region, FeeBasis *b, MemoryContext cxt)
{
	const char *province = xdjy_province_code(treatment_region);
	Snapshot	snap;

	memset(b, 0, sizeof(*b));
	snap = xdjy_statement_snapshot_push(false);
	if (!catalogue_row(l->code, treatment_region, l->fee_on, snap, b, cxt) &&
		strcmp(province, treatment_region) != 0)
		(void) catalogue_row(l->code, province, l->fee_on, snap, b, cxt);
	PopActiveSnapshot();
}

static void
read_line(HeapTuple row, TupleDesc tupdesc, FeeLine *l)
{
	bool		isnull;
	Datum		d;

	memset(l, 0, sizeof(*l));
	l->encounter_id = DatumGetInt64(fget(row, tupdesc, FC_ENCOUNTER_ID, &isnull));
	l->sn = xdjy_get_text(row, tupdesc, fcol_attnum[FC_SN]);
	l->init_sn = xdjy_get_text(row, tupdesc, fcol_attnum[FC_INIT_SN]);
	l->code = xdjy_get_text(row, tupdesc, fcol_attnum[FC_CODE]);
	l->time = DatumGetTimestamp(fget(row, tupdesc, FC_TIME, &isnull));
	l->cnt = DatumGetNumeric(fget(row, tupdesc, FC_CNT, &isnull));
	l->pric = DatumGetNumeric(fget(row, tupdesc, FC_PRIC, &isnull));
	d = fget(row, tupdesc, FC_SUMAMT, &isnull);
	l->sumamt = isnull ? NULL : DatumGetNumeric(d);
	l->received_on = DatumGetDateADT(fget(row, tupdesc, FC_RECEIVED, &isnull));
	if (TIMESTAMP_NOT_FINITE(l->time))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_DATE_OUTSIDE_ENCOUNTER),
				 errdetail("Line \"%s\" of encounter %lld has no finite fee time.",
						   xdjy_clip(l->sn), (long long) l->encounter_id),
				 errhint("Date the line by when the fee was incurred (fee_ocur_time), within the stay or on the visit day.")));
	l->fee_on = DatumGetDateADT(DirectFunctionCall1(timestamp_date, TimestampGetDatum(l->time)));
}

/* are all columns the NOT NULL constraints guard given? */
static bool
inputs_present(HeapTuple row, TupleDesc tupdesc)
{
	static const FCol required[] = {FC_ENCOUNTER_ID, FC_SN, FC_CODE, FC_TIME, FC_CNT, FC_PRIC,
	FC_RECEIVED};
	bool		isnull;

	for (int i = 0; i < (int) lengthof(required); i++)
	{
		fget(row, tupdesc, required[i], &isnull);
		if (isnull)
			return false;
	}
	return true;
}

/*
 * BEFORE INSERT ON xdjy.fee_detail: price the line or refuse it.  A
 * restore brings the dumped lines back as they were.
 */
static Datum
fee_detail_pricing_body(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "fee_detail_pricing_trigger",
										 XDJY_ON_INSERT);
	HeapTuple	row = td->tg_trigtuple;
	TupleDesc	tupdesc = RelationGetDescr(td->tg_relation);
	MemoryContext upper = CurrentMemoryContext;
	FeeLine		l;
	FeeBasis	b;
	XdjyFeePrice p;
	LineEncounter le;
	bool		isnull;
	char	   *region;
	Numeric		orig_cnt = NULL;
	int64		orig_amount = 0;
	int			cols[FC_NCOLS];
	Datum		values[FC_NCOLS];
	bool		nulls[FC_NCOLS];
	int			n = 0;

	if (xdjy_restoring())
		return PointerGetDatum(row);
	fee_columns(td->tg_relation);
	for (int c = FC_FIRST_PRICED; c < FC_NCOLS; c++)
	{
		fget(row, tupdesc, c, &isnull);
		if (!isnull)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_FEE_ENGINE_COLUMNS),
					 errdetail("The row gives a value for \"%s\".", fcol_def[c].name),
					 errhint("Insert the national input fields only (feedetl_sn, init_feedetl_sn, med_list_codg, fee_ocur_time, cnt, pric, det_item_fee_sumamt, received_on): the pricing fills the rest.")));
	}
	/* NULLs in NOT NULL columns: the constraints report them */
	if (!inputs_present(row, tupdesc))
		return PointerGetDatum(row);
	read_line(row, tupdesc, &l);
	check_numbers(&l);

	xdjy_spi_connect();
	if (!encounter_share(l.encounter_id, &le, upper))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Encounter %lld does not exist.", (long long) l.encounter_id),
				 errhint("Register the encounter before its fee lines.")));
	region = le.region;
	/* the treatment region: the institution's pooling region (mdtrtarea_admvs) */
	{
		char	   *pooling = xdjy_pooling_region(region);

		if (pooling != NULL)
			region = pooling;
	}

	check_fee_date(&l, le.admitted, le.discharged_null, le.discharged, le.visit_type);
	check_received(&l);
	check_not_settled(&l);
	if (l.init_sn != NULL)
		refund_basis(&l, &b, &orig_cnt, &orig_amount, upper);
	else
		catalogue_basis(&l, region, &b, upper);

	xdjy_price_fee_line(l.cnt, l.pric, b.listed ? b.lv : NULL, b.prop_bp, b.uplmt, &p);
	if (l.sumamt != NULL && xdjy_numeric_cmp(l.sumamt, p.amount_yuan) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_AMOUNT_MISMATCH),
				 errdetail("Line \"%s\" sends %s yuan; count %s × price %s is %s yuan.",
						   xdjy_clip(l.sn), xdjy_clip(num_text(l.sumamt)), xdjy_clip(num_text(l.cnt)),
						   xdjy_clip(num_text(l.pric)), num_text(p.amount_yuan)),
				 errhint("Send det_item_fee_sumamt as cnt × pric rounded half up to the fen, or leave it NULL to have it filled.")));
	if (l.init_sn != NULL)
		check_refund_total(&l, orig_cnt, orig_amount, p.amount_fen);
	xdjy_spi_finish();

	memset(nulls, 0, sizeof(nulls));
#define SETCOL(c, v, isn) do { cols[n] = fcol_attnum[c]; values[n] = (v); nulls[n] = (isn); n++; } while (0)
	SETCOL(FC_SUMAMT, NumericGetDatum(p.amount_yuan), false);
	SETCOL(FC_MED_LIST_ID, Int64GetDatum(b.med_list_id), !b.listed);
	SETCOL(FC_LISTED, BoolGetDatum(b.listed), false);
	SETCOL(FC_LV, b.listed ? CStringGetTextDatum(b.lv) : (Datum) 0, !b.listed);
	SETCOL(FC_PROP, Int32GetDatum(b.prop_bp), false);
	SETCOL(FC_UPLMT, b.uplmt ? NumericGetDatum(b.uplmt) : (Datum) 0, b.uplmt == NULL);
	SETCOL(FC_AMOUNT, Int64GetDatum(p.amount_fen), false);
	SETCOL(FC_FULAMT, Int64GetDatum(p.fulamt_ownpay_fen), false);
	SETCOL(FC_OVERLMT, Int64GetDatum(p.overlmt_fen), false);
	SETCOL(FC_PRESELFPAY, Int64GetDatum(p.preselfpay_fen), false);
	SETCOL(FC_INSCP, Int64GetDatum(p.inscp_scp_fen), false);
#undef SETCOL
	return PointerGetDatum(heap_modify_tuple_by_cols(row, tupdesc, n, cols, values, nulls));
}

/* as the table's owner, with the search path pg_catalog (owner.c) */
Datum
fee_detail_pricing_trigger(PG_FUNCTION_ARGS)
{
	return xdjy_trigger_as_owner(fcinfo, fee_detail_pricing_body);
}

/*
 * BEFORE UPDATE OR DELETE ON xdjy.fee_detail: a line is never updated;
 * one no standing settlement was priced from, and no refund names, may be
 * deleted (2302 费用明细撤销), and the deletion is recorded.
 */
static Datum
fee_detail_change_body(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "fee_detail_change_trigger",
										 XDJY_ON_UPDATE | XDJY_ON_DELETE);
	HeapTuple	row = td->tg_trigtuple;
	TupleDesc	tupdesc = RelationGetDescr(td->tg_relation);
	bool		isnull;
	int64		id;
	int64		encounter_id;
	char	   *sn;
	Datum		args[8];
	char		nulls[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};

	fee_columns(td->tg_relation);
	id = DatumGetInt64(fget(row, tupdesc, FC_ID, &isnull));
	encounter_id = DatumGetInt64(fget(row, tupdesc, FC_ENCOUNTER_ID, &isnull));
	sn = xdjy_get_text(row, tupdesc, fcol_attnum[FC_SN]);

	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_LINE_IMMUTABLE),
				 errdetail("Line \"%s\" of encounter %lld cannot be updated.",
						   xdjy_clip(sn), (long long) encounter_id),
				 errhint("Correct a line with a refund line (init_feedetl_sn), or delete it before settlement (xdjy.revoke_fee_details) and upload it again.")));

	/* pg_restore --clean and DROP EXTENSION take the rows as they are */
	if (xdjy_restoring())
		return PointerGetDatum(row);

	xdjy_spi_connect();
	(void) encounter_share(encounter_id, NULL, CurrentMemoryContext);
	args[0] = Int64GetDatum(encounter_id);
	args[1] = Int64GetDatum(id);
	if (xdjy_run_latest(&q_covering, args, NULL, 1) > 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_LINE_SETTLED),
				 errdetail("Line \"%s\" of encounter %lld is part of settlement %lld.",
						   xdjy_clip(sn), (long long) encounter_id, (long long) xdjy_spi_int64(0, 1, 0)),
				 errhint("Reverse the settlement first (xdjy.reverse_settlement).")));
	args[1] = CStringGetTextDatum(sn);
	if (xdjy_run_latest(&q_refund_of, args, NULL, 1) > 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_LINE_REFUNDED),
				 errdetail("Line \"%s\" of encounter %lld is refunded by line \"%s\".",
						   xdjy_clip(sn), (long long) encounter_id, xdjy_clip(xdjy_res_text(1))),
				 errhint("Delete the refund line first.")));

	args[0] = Int64GetDatum(id);
	args[1] = Int64GetDatum(encounter_id);
	args[2] = CStringGetTextDatum(sn);
	args[3] = fget(row, tupdesc, FC_CODE, &isnull);
	args[4] = fget(row, tupdesc, FC_CNT, &isnull);
	args[5] = fget(row, tupdesc, FC_PRIC, &isnull);
	args[6] = fget(row, tupdesc, FC_AMOUNT, &isnull);
	if (isnull)
		nulls[6] = 'n';
	args[7] = CStringGetTextDatum(GetUserNameFromId(xdjy_acting_role(), false));
	xdjy_plan_execute(&q_record_revoked, args, nulls, 0, SPI_OK_INSERT);
	xdjy_spi_finish();
	return PointerGetDatum(row);
}

/* as the table's owner, with the search path pg_catalog (owner.c) */
Datum
fee_detail_change_trigger(PG_FUNCTION_ARGS)
{
	return xdjy_trigger_as_owner(fcinfo, fee_detail_change_body);
}

/* a sum of fen columns, within what the platform carries */
static int64
sum_fen(int col, const char *field)
{
	bool		isnull;
	Numeric		n = DatumGetNumeric(xdjy_spi_value(0, col, &isnull));

	if (xdjy_numeric_cmp(n, int64_to_numeric(XDJY_NATIONAL_MAX_FEN)) > 0 ||
		xdjy_numeric_cmp(n, int64_to_numeric(-XDJY_NATIONAL_MAX_FEN)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount out of range for the national interface"),
				 errdetail("%s is %s fen.", field, xdjy_clip(num_text(n))),
				 errhint("The platform carries yuan as numeric(16,2): at most 99999999999999.99 yuan (9999999999999999 fen) either way.")));
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(n)));
}

/* the sums of the encounter's lines no standing settlement covers (inside SPI) */
static void
sum_unsettled_lines(Datum arg, XdjyFeeSums *out, MemoryContext cxt)
{
	bool		isnull;
	MemoryContext old;

	xdjy_run_latest(&q_lines_to_settle, &arg, NULL, 1);
	out->count = xdjy_spi_int64(0, 1, 0);
	out->total_fen = sum_fen(2, "The sum of the fee lines");
	out->fulamt_ownpay_fen = sum_fen(3, "The sum of the fee lines");
	out->overlmt_fen = sum_fen(4, "The sum of the fee lines");
	out->preselfpay_fen = sum_fen(5, "The sum of the fee lines");
	old = MemoryContextSwitchTo(cxt);
	out->ids = datumCopy(xdjy_spi_value(0, 6, &isnull), false, -1);
	MemoryContextSwitchTo(old);
	out->received_on = DatumGetDateADT(xdjy_spi_value(0, 7, &isnull));
	if (isnull)
		out->received_on = 0;	/* no lines: count is 0 */
	/* lines, but every one settled already */
	out->settled_lines = (out->count == 0);
}

void
xdjy_fee_lines_to_settle(int64 encounter_id, XdjyFeeSums *out, MemoryContext cxt,
						 bool lock)
{
	Datum		arg = Int64GetDatum(encounter_id);
	Snapshot	snap;
	bool		any;

	memset(out, 0, sizeof(*out));
	/* the encounter FOR NO KEY UPDATE: a line still going in is waited for */
	if (lock)
	{
		XdjyRowWriter *w = xdjy_row_locker_open(xdjy_table_oid("encounter"));
		ItemPointerData tid;

		(void) xdjy_row_find(w, &arg, XDJY_ROW_FOR_NO_KEY_UPDATE, &tid);
		xdjy_row_writer_close(w);
	}

	/*
	 * Most settlements come with totals and no lines: one index probe
	 * says so, where the sums' aggregate costs most of this function in
	 * executor start-up alone (perf, make bench figure 2).
	 */
	snap = xdjy_statement_snapshot_push(true);
	any = xdjy_index_exists("fee_detail", "fee_detail_sn_once", 1, &arg, snap);
	PopActiveSnapshot();
	if (any)
		sum_unsettled_lines(arg, out, cxt);
	(void) closing_settlement(encounter_id, &out->closed_by, &out->closed_on);
}
