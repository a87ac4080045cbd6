/*-------------------------------------------------------------------------
 *
 * src/manual_claim.c
 *	  Manual reimbursement claims (手工报销): expenses of year Y are
 *	  claimed by 31 March of Y+1 (吉医保发〔2019〕34号 附件第16条); a claim
 *	  is finished within 22 working days of complete materials — invoice,
 *	  medical record, expense list, nothing more (附件第15条), so due_on =
 *	  add_working_days(materials complete, 22); an invoice is reimbursed
 *	  once, online or by hand (鲁医保发〔2021〕46号 第四条).  The claim pays
 *	  through a settlement of mode "manual", which the settlement engine
 *	  prices at the insured place's standard for its category, with the
 *	  ratio rules (34号 附件第2–5条; unfiled 20% in Jilin, 附件第3条;
 *	  self-paid then filed, 鲁医保发〔2022〕26号 第二条(二)).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/resowner.h"

#include "calendar.h"
#include "dates.h"
#include "errors.h"
#include "national.h"
#include "restore.h"
#include "row_access.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(manual_claim_trigger);
PG_FUNCTION_INFO_V1(decide_manual_claim);
PG_FUNCTION_INFO_V1(try_decide_manual_claim);

/* 吉医保发〔2019〕34号 附件第15条: "完成报销时间原则上不超过 22 个工作日" */
#define XDJY_CLAIM_WORKING_DAYS	22

static XdjyPlan q_claim_encounter = XDJY_PLAN(
	"claim encounter",
	"SELECT e.admitted_on, e.discharged_on, e.institution_code FROM xdjy.encounter e"
	" WHERE e.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

/* 鲁医保发〔2021〕46号 第四条: the invoice reimbursed (settlement not reversed) or claimed */
static XdjyPlan q_claim_invoice = XDJY_PLAN(
	"claim invoice",
	"SELECT (SELECT s.id FROM xdjy.settlement s"
	"         WHERE s.institution_code OPERATOR(pg_catalog.=) $1"
	"           AND s.invoice_no OPERATOR(pg_catalog.=) $2 AND s.reverses IS NULL"
	"           AND NOT EXISTS (SELECT 1 FROM xdjy.settlement r"
	"                            WHERE r.reverses OPERATOR(pg_catalog.=) s.id)"
	"         LIMIT 1),"
	"       (SELECT c.id FROM xdjy.manual_claim c"
	"          JOIN xdjy.encounter e ON e.id OPERATOR(pg_catalog.=) c.encounter_id"
	"         WHERE c.invoice_no OPERATOR(pg_catalog.=) $2"
	"           AND e.institution_code OPERATOR(pg_catalog.=) $1"
	"           AND c.status OPERATOR(pg_catalog.=) 'open'"
	"           AND c.id OPERATOR(pg_catalog.<>) $3"
	"         LIMIT 1)",
	3, TEXTOID, TEXTOID, INT8OID);

static XdjyPlan q_claim_settlement = XDJY_PLAN(
	"claim settlement",
	"SELECT s.encounter_id, s.invoice_no, s.mode, s.reverses IS NULL"
	" FROM xdjy.settlement s WHERE s.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

static XdjyPlan q_claim_lock = XDJY_PLAN(
	"claim lock",
	"SELECT c.encounter_id, c.invoice_no, c.total_fen, c.out_of_scope_fen, c.own_reason,"
	"       c.referral_id, c.diagnosis, c.status, c.materials_complete_on"
	" FROM xdjy.manual_claim c WHERE c.id OPERATOR(pg_catalog.=) $1 FOR UPDATE",
	1, INT8OID);

static XdjyPlan q_claim_settle = XDJY_PLAN(
	"claim settle",
	"INSERT INTO xdjy.settlement (encounter_id, invoice_no, total_fen, out_of_scope_fen,"
	"       own_reason, referral_id, diagnosis, settled_on, mode)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'manual') RETURNING *",
	8, INT8OID, TEXTOID, INT8OID, INT8OID, BOOLOID, INT8OID, TEXTOID, DATEOID);

static XdjyPlan q_claim_paid = XDJY_PLAN(
	"claim paid",
	"UPDATE xdjy.manual_claim SET status = 'paid', decided_on = $2, settlement_id = $3"
	" WHERE id OPERATOR(pg_catalog.=) $1",
	3, INT8OID, DATEOID, INT8OID);

static XdjyPlan q_claim_rejected = XDJY_PLAN(
	"claim rejected",
	"UPDATE xdjy.manual_claim SET status = 'rejected', decided_on = $2,"
	"       rejection_sqlstate = $3, rejection = $4"
	" WHERE id OPERATOR(pg_catalog.=) $1",
	4, INT8OID, DATEOID, TEXTOID, TEXTOID);

/* a claim's columns, by name, from a tuple */
typedef struct Claim
{
	bool		id_null;
	int64		id;
	bool		encounter_null;
	int64		encounter_id;
	char	   *invoice_no;
	bool		total_null;
	int64		total_fen;
	int64		out_of_scope_fen;
	bool		submitted_null;
	DateADT		submitted_on;
	bool		materials_null;
	DateADT		materials_complete_on;
	bool		decided_null;
	DateADT		decided_on;
	bool		settlement_null;
	int64		settlement_id;
	bool		own_reason;
	bool		referral_null;
	int64		referral_id;
	char	   *diagnosis;
	char	   *status;
} Claim;

static void
read_claim(HeapTuple t, TupleDesc desc, Claim *c)
{
	bool		isnull;

	c->id = DatumGetInt64(heap_getattr(t, xdjy_attnum(desc, "id", INT8OID), desc, &c->id_null));
	c->encounter_id = DatumGetInt64(heap_getattr(t, xdjy_attnum(desc, "encounter_id", INT8OID), desc, &c->encounter_null));
	c->invoice_no = xdjy_get_text(t, desc, xdjy_attnum(desc, "invoice_no", TEXTOID));
	c->total_fen = DatumGetInt64(heap_getattr(t, xdjy_attnum(desc, "total_fen", INT8OID), desc, &c->total_null));
	c->out_of_scope_fen = DatumGetInt64(heap_getattr(t, xdjy_attnum(desc, "out_of_scope_fen", INT8OID), desc, &isnull));
	if (isnull)
		c->total_null = true;
	c->submitted_on = DatumGetDateADT(heap_getattr(t, xdjy_attnum(desc, "submitted_on", DATEOID), desc, &c->submitted_null));
	c->materials_complete_on = DatumGetDateADT(heap_getattr(t, xdjy_attnum(desc, "materials_complete_on", DATEOID), desc, &c->materials_null));
	c->decided_on = DatumGetDateADT(heap_getattr(t, xdjy_attnum(desc, "decided_on", DATEOID), desc, &c->decided_null));
	c->settlement_id = DatumGetInt64(heap_getattr(t, xdjy_attnum(desc, "settlement_id", INT8OID), desc, &c->settlement_null));
	c->own_reason = DatumGetBool(heap_getattr(t, xdjy_attnum(desc, "own_reason", BOOLOID), desc, &isnull));
	if (isnull)
		c->own_reason = false;
	c->referral_id = DatumGetInt64(heap_getattr(t, xdjy_attnum(desc, "referral_id", INT8OID), desc, &c->referral_null));
	c->diagnosis = xdjy_get_text(t, desc, xdjy_attnum(desc, "diagnosis", TEXTOID));
	c->status = xdjy_get_text(t, desc, xdjy_attnum(desc, "status", TEXTOID));
}

static bool
text_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) != (b == NULL);
	return strcmp(a, b) != 0;
}

static void
claim_field_fixed(const Claim *c, const char *field)
{
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_CLAIM_IMMUTABLE),
			 errdetail("Claim %lld was submitted with its \"%s\"; the update changes it.",
					   (long long) c->id, field),
			 errhint("Submit a new claim for other expenses; decide a claim with xdjy.decide_manual_claim().")));
}

/*
 * 吉医保发〔2019〕34号 附件第16条: expenses of year Y (the year the
 * encounter ended, or began if it is open) are claimed by 31 March of Y+1:
 * that day accepted, 1 April not.
 */
static void
check_deadline(const Claim *c, DateADT expense_on)
{
	int			y = xdjy_date_year(expense_on);
	DateADT		deadline = xdjy_date_of(y + 1, 3, 31);

	if (c->submitted_on > deadline)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CLAIM_DEADLINE),
				 errdetail("Encounter %lld ended on %s, expenses of %d; the claim was submitted on %s.",
						   (long long) c->encounter_id, xdjy_iso_date(expense_on), y,
						   xdjy_iso_date(c->submitted_on)),
				 errhint("Expenses of %d are claimed by %s (吉医保发〔2019〕34号 附件第16条).", y, xdjy_iso_date(deadline))));
}

/* 鲁医保发〔2021〕46号 第四条, at submission: not reimbursed, not claimed already */
/* the invoice's other use is of a region the acting role may not read */
static void
invoice_hidden(const Claim *c, const char *institution, const char *what_en,
			   const char *what_zh)
{
	xdjy_hidden_conflict(ERRCODE_XDJY_INVOICE_REIMBURSED,
						 psprintf("Invoice \"%s\" of institution \"%s\"",
								  xdjy_clip(c->invoice_no), xdjy_clip(institution)),
						 psprintf("定点机构 \"%s\" 的发票 \"%s\"",
								  xdjy_clip(institution), xdjy_clip(c->invoice_no)),
						 what_en, what_zh);
}

static void
check_claim_invoice(const Claim *c, const char *institution)
{
	Datum		args[3];
	bool		isnull;
	Datum		d;

	args[0] = CStringGetTextDatum(institution);
	args[1] = CStringGetTextDatum(c->invoice_no);
	args[2] = Int64GetDatum(c->id_null ? -1 : c->id);
	xdjy_plan_execute(&q_claim_invoice, args, NULL, 1, SPI_OK_SELECT);
	d = xdjy_spi_value(0, 1, &isnull);
	if (!isnull && !xdjy_sees_id("settlement", DatumGetInt64(d)))
		invoice_hidden(c, institution, "settlement", "结算");
	if (!isnull)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INVOICE_REIMBURSED),
				 errdetail("Invoice \"%s\" of institution \"%s\" was reimbursed by settlement %lld.",
						   xdjy_clip(c->invoice_no), xdjy_clip(institution), (long long) DatumGetInt64(d)),
				 errhint("An invoice is reimbursed once, online or by hand (鲁医保发〔2021〕46号 第四条).")));
	d = xdjy_spi_value(0, 2, &isnull);
	if (!isnull && !xdjy_sees_id("manual_claim", DatumGetInt64(d)))
		invoice_hidden(c, institution, "manual claim", "零星报销申请");
	if (!isnull)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INVOICE_REIMBURSED),
				 errdetail("Invoice \"%s\" of institution \"%s\" is in open claim %lld.",
						   xdjy_clip(c->invoice_no), xdjy_clip(institution), (long long) DatumGetInt64(d)),
				 errhint("An invoice is reimbursed once, online or by hand (鲁医保发〔2021〕46号 第四条); wait for claim %lld to be decided.",
						 (long long) DatumGetInt64(d))));
}

/* 吉医保发〔2019〕34号 附件第15条: decided only on complete materials, not before they were */
static void
check_materials(const Claim *c, DateADT decided_on)
{
	if (c->materials_null)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CLAIM_MATERIALS),
				 errdetail("Claim %lld has no date of complete materials.", (long long) c->id),
				 errhint("Record materials_complete_on once the invoice, medical record and expense list are in; nothing more may be asked (吉医保发〔2019〕34号 附件第15条).")));
	if (decided_on < c->materials_complete_on)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CLAIM_MATERIALS),
				 errdetail("Claim %lld has complete materials on %s; the decision is dated %s.",
						   (long long) c->id, xdjy_iso_date(c->materials_complete_on), xdjy_iso_date(decided_on)),
				 errhint("The earliest decision date is %s.", xdjy_iso_date(c->materials_complete_on))));
}

/*
 * A decision written by hand that names a settlement: it must be a manual
 * settlement of the claim's encounter and invoice, not reversed.
 */
static void
check_paying_settlement(const Claim *c)
{
	Datum		arg = Int64GetDatum(c->settlement_id);
	bool		isnull;
	bool		ok;

	xdjy_spi_connect();
	ok = xdjy_plan_execute(&q_claim_settlement, &arg, NULL, 1, SPI_OK_SELECT) > 0 &&
		DatumGetInt64(xdjy_spi_value(0, 1, &isnull)) == c->encounter_id &&
		strcmp(xdjy_spi_text(0, 2, CurrentMemoryContext), c->invoice_no) == 0 &&
		strcmp(xdjy_spi_text(0, 3, CurrentMemoryContext), "manual") == 0 &&
		xdjy_spi_bool(0, 4, false);
	xdjy_spi_finish();
	if (!ok)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CLAIM_IMMUTABLE),
				 errdetail("Settlement %lld is not a manual settlement of encounter %lld and invoice \"%s\", so it does not pay this claim.",
						   (long long) c->settlement_id, (long long) c->encounter_id,
						   xdjy_clip(c->invoice_no)),
				 errhint("Decide a claim with xdjy.decide_manual_claim(%lld).",
						 (long long) c->id)));
}

/*
 * An update: a decided claim is final, and the submitted fields never
 * change.  Returns false if the row is left to the constraints.
 */
static bool
check_claim_update(const Claim *c, const Claim *o)
{
	if (o->status == NULL || strcmp(o->status, "open") != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CLAIM_DECIDED),
				 errdetail("Claim %lld was decided (%s) on %s.", (long long) o->id,
						   xdjy_clip(o->status ? o->status : "?"),
						   o->decided_null ? "?" : xdjy_iso_date(o->decided_on)),
				 errhint("A decided claim is final; a paid one is corrected by reversing its settlement and claiming again.")));
	if (c->encounter_id != o->encounter_id || c->encounter_null != o->encounter_null)
		claim_field_fixed(c, "encounter_id");
	if (text_differs(c->invoice_no, o->invoice_no))
		claim_field_fixed(c, "invoice_no");
	if (c->total_fen != o->total_fen || c->out_of_scope_fen != o->out_of_scope_fen ||
		c->total_null != o->total_null)
		claim_field_fixed(c, "total_fen");
	if (c->submitted_on != o->submitted_on || c->submitted_null != o->submitted_null)
		claim_field_fixed(c, "submitted_on");
	if (c->own_reason != o->own_reason)
		claim_field_fixed(c, "own_reason");
	if (c->referral_id != o->referral_id || c->referral_null != o->referral_null)
		claim_field_fixed(c, "referral_id");
	if (text_differs(c->diagnosis, o->diagnosis))
		claim_field_fixed(c, "diagnosis");

	if (c->status != NULL && strcmp(c->status, "open") != 0)
	{
		if (c->decided_null)
			return false;		/* the status CHECK rejects it */
		check_materials(c, c->decided_on);
		if (strcmp(c->status, "paid") == 0 && !c->settlement_null)
			check_paying_settlement(c);
	}
	return true;
}

/*
 * The claim's encounter: the day its expenses count in (the discharge,
 * or the admission of an open stay) and its institution, whose invoice
 * it is.
 */
static DateADT
claim_expense_on(const Claim *c, char **institution)
{
	Datum		arg = Int64GetDatum(c->encounter_id);
	bool		isnull;
	DateADT		admitted,
				discharged,
				expense_on;

	if (xdjy_plan_execute(&q_claim_encounter, &arg, NULL, 1, SPI_OK_SELECT) == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Encounter %lld does not exist.", (long long) c->encounter_id),
				 errhint("Record the stay or visit in xdjy.encounter first.")));
	admitted = DatumGetDateADT(xdjy_spi_value(0, 1, &isnull));
	discharged = DatumGetDateADT(xdjy_spi_value(0, 2, &isnull));
	expense_on = isnull ? admitted : discharged;
	*institution = xdjy_spi_text(0, 3, CurrentMemoryContext);
	if (DATE_NOT_FINITE(expense_on) || DATE_NOT_FINITE(c->submitted_on))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("claim dates must be finite"),
				 errdetail("The encounter ended on %s; the claim is dated %s.",
						   xdjy_iso_date(expense_on), xdjy_iso_date(c->submitted_on)),
				 errhint("Give calendar dates.")));
	return expense_on;
}

/*
 * A submission: open, with amounts a settlement could pay, within the
 * deadline (吉医保发〔2019〕34号 附件第16条), for an invoice neither
 * reimbursed nor claimed (鲁医保发〔2021〕46号 第四条).  Returns false if
 * the row is left to the NOT NULL constraints.
 */
static bool
check_claim_submission(const Claim *c)
{
	DateADT		expense_on;
	char	   *institution;

	if ((c->status != NULL && strcmp(c->status, "open") != 0) ||
		!c->decided_null || !c->settlement_null)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CLAIM_IMMUTABLE),
				 errdetail("The new claim gives a status, decision date or settlement; a claim is submitted open."),
				 errhint("Insert the claim with its encounter, invoice, amounts and dates; decide it with xdjy.decide_manual_claim().")));
	if (c->encounter_null || c->invoice_no == NULL || c->total_null || c->submitted_null)
		return false;
	if (c->total_fen < 0 || c->out_of_scope_fen < 0 || c->out_of_scope_fen > c->total_fen)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_SETTLEMENT_AMOUNTS),
				 errdetail("Total " INT64_FORMAT " fen, out of scope " INT64_FORMAT " fen.",
						   c->total_fen, c->out_of_scope_fen),
				 errhint("The total and the out-of-scope amount (全自费) are at least 0 fen, and the out-of-scope amount is at most the total.")));
	/* paid through a settlement: the same ceiling as the engine's */
	xdjy_check_national_fen(c->total_fen, "The total");

	xdjy_spi_connect();
	expense_on = claim_expense_on(c, &institution);
	check_deadline(c, expense_on);
	check_claim_invoice(c, institution);
	xdjy_spi_finish();
	return true;
}

/*
 * due_on: 22 working days after the materials are complete
 * (吉医保发〔2019〕34号 附件第15条), NULL until they are.
 */
static HeapTuple
fill_due_on(HeapTuple row, TupleDesc desc, const Claim *c)
{
	int			due_col;
	Datum		due;
	bool		due_null;

	if (!c->materials_null && DATE_NOT_FINITE(c->materials_complete_on))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("claim dates must be finite"),
				 errdetail("The materials of claim %lld are recorded complete on %s.",
						   (long long) c->id, xdjy_iso_date(c->materials_complete_on)),
				 errhint("Give the calendar date the invoice, medical record and expense list were all in (吉医保发〔2019〕34号 附件第15条).")));
	due_col = xdjy_attnum(desc, "due_on", DATEOID);
	due_null = c->materials_null;
	due = due_null ? (Datum) 0
		: DateADTGetDatum(xdjy_add_working_days(c->materials_complete_on, XDJY_CLAIM_WORKING_DAYS));
	return heap_modify_tuple_by_cols(row, desc, 1, &due_col, &due, &due_null);
}

/*
 * BEFORE INSERT OR UPDATE ON xdjy.manual_claim: deadline and invoice at
 * submission, due date from complete materials, submitted fields fixed,
 * decisions final.
 */
Datum
manual_claim_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "manual_claim_trigger",
										 XDJY_ON_INSERT | XDJY_ON_UPDATE);
	HeapTuple	row = xdjy_trigger_row(td);
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	Claim		c;

	if (xdjy_restoring())
		return PointerGetDatum(row);
	read_claim(row, desc, &c);

	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		Claim		o;

		read_claim(td->tg_trigtuple, desc, &o);
		if (!check_claim_update(&c, &o))
			return PointerGetDatum(row);
	}
	else if (!check_claim_submission(&c))
		return PointerGetDatum(row);

	return PointerGetDatum(fill_due_on(row, desc, &c));
}

/*
 * xdjy.decide_manual_claim(claim_id bigint, decided_on date) RETURNS settlement
 * xdjy.try_decide_manual_claim(claim_id bigint, decided_on date) RETURNS settlement
 *
 * Both pay the claim through a settlement of mode "manual" (the engine
 * prices it and keeps the ledgers).  When the engine refuses it for a
 * rule, decide_manual_claim raises the engine's code like every other
 * function, and the claim stays open; try_decide_manual_claim (like
 * try_settle) records the refusal with its SQLSTATE, closing the claim as
 * rejected, and returns NULL.  There the settlement is tried in a
 * subtransaction, so a refusal leaves nothing behind; only rule errors
 * (class YB, a data or constraint error) are recorded, others (cancel,
 * serialization, out of memory) are raised.
 */
static Datum decide_claim(FunctionCallInfo fcinfo, bool record);

Datum
decide_manual_claim(PG_FUNCTION_ARGS)
{
	return decide_claim(fcinfo, false);
}

Datum
try_decide_manual_claim(PG_FUNCTION_ARGS)
{
	return decide_claim(fcinfo, true);
}

static Datum
decide_claim(FunctionCallInfo fcinfo, bool record)
{
	int64		claim_id;
	DateADT		decided_on;
	Datum		arg;
	bool		isnull;
	Claim		c;
	char	   *status;
	Datum		args[8];
	char		nulls[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	MemoryContext oldcontext = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	/* set inside PG_TRY/PG_CATCH, read after: volatile */
	HeapTuple volatile paid = NULL;
	TupleDesc volatile paid_desc = NULL;
	ErrorData  *volatile edata = NULL;
	Datum		result = (Datum) 0;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("claim id and decision date must not be null"),
				 errhint("Give the claim's id and the date of the decision.")));
	claim_id = PG_GETARG_INT64(0);
	decided_on = PG_GETARG_DATEADT(1);
	if (DATE_NOT_FINITE(decided_on))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("decision date must be a finite date"),
				 errhint("Give a calendar date.")));
	xdjy_check_business_date(decided_on, "decide_manual_claim(decided_on)");

	xdjy_spi_connect();
	arg = Int64GetDatum(claim_id);
	if (xdjy_plan_execute(&q_claim_lock, &arg, NULL, 1, SPI_OK_SELECT) == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Manual claim %lld does not exist.", (long long) claim_id),
				 errhint("Give the id of a submitted claim.")));
	memset(&c, 0, sizeof(c));
	c.id = claim_id;
	c.encounter_id = xdjy_spi_int64(0, 1, 0);
	c.invoice_no = xdjy_spi_text(0, 2, oldcontext);
	c.total_fen = xdjy_spi_int64(0, 3, 0);
	c.out_of_scope_fen = xdjy_spi_int64(0, 4, 0);
	c.own_reason = xdjy_spi_bool(0, 5, false);
	c.referral_id = DatumGetInt64(xdjy_spi_value(0, 6, &c.referral_null));
	c.diagnosis = xdjy_spi_text(0, 7, oldcontext);
	status = xdjy_spi_text(0, 8, oldcontext);
	c.materials_complete_on = DatumGetDateADT(xdjy_spi_value(0, 9, &c.materials_null));

	if (strcmp(status, "open") != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CLAIM_DECIDED),
				 errdetail("Claim %lld is %s.", (long long) claim_id, xdjy_clip(status)),
				 errhint("A decided claim is final.")));
	check_materials(&c, decided_on);

	args[0] = Int64GetDatum(c.encounter_id);
	args[1] = CStringGetTextDatum(c.invoice_no);
	args[2] = Int64GetDatum(c.total_fen);
	args[3] = Int64GetDatum(c.out_of_scope_fen);
	args[4] = BoolGetDatum(c.own_reason);
	args[5] = Int64GetDatum(c.referral_id);
	if (c.referral_null)
		nulls[5] = 'n';
	if (c.diagnosis)
		args[6] = CStringGetTextDatum(c.diagnosis);
	else
		nulls[6] = 'n';
	args[7] = DateADTGetDatum(decided_on);

	if (!record)
	{
		Datum		upd[3];

		/* a refusal is the engine's error, raised as it is */
		xdjy_plan_execute(&q_claim_settle, args, nulls, 0, SPI_OK_INSERT_RETURNING);
		paid = SPI_copytuple(SPI_tuptable->vals[0]);
		paid_desc = CreateTupleDescCopy(SPI_tuptable->tupdesc);
		upd[0] = Int64GetDatum(claim_id);
		upd[1] = DateADTGetDatum(decided_on);
		upd[2] = heap_getattr(paid, xdjy_attnum(paid_desc, "id", INT8OID), paid_desc, &isnull);
		xdjy_plan_execute(&q_claim_paid, upd, NULL, 0, SPI_OK_UPDATE);
		result = PointerGetDatum(SPI_returntuple(paid, paid_desc));
		xdjy_spi_finish();
		PG_RETURN_DATUM(result);
	}

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(oldcontext);
	PG_TRY();
	{
		xdjy_plan_execute(&q_claim_settle, args, nulls, 0, SPI_OK_INSERT_RETURNING);
		paid = SPI_copytuple(SPI_tuptable->vals[0]);
		MemoryContextSwitchTo(oldcontext);
		paid_desc = CreateTupleDescCopy(SPI_tuptable->tupdesc);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		int			category;

		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
		category = ERRCODE_TO_CATEGORY(edata->sqlerrcode);
		if (category != ERRCODE_TO_CATEGORY(ERRCODE_XDJY_UNKNOWN_REFERENCE) &&
			category != ERRCODE_DATA_EXCEPTION &&
			category != ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION)
			ReThrowError(edata);
	}
	PG_END_TRY();

	if (paid != NULL)
	{
		Datum		upd[3];

		upd[0] = Int64GetDatum(claim_id);
		upd[1] = DateADTGetDatum(decided_on);
		upd[2] = heap_getattr(paid, xdjy_attnum(paid_desc, "id", INT8OID), paid_desc, &isnull);
		xdjy_plan_execute(&q_claim_paid, upd, NULL, 0, SPI_OK_UPDATE);
		result = PointerGetDatum(SPI_returntuple(paid, paid_desc));
		xdjy_spi_finish();
		PG_RETURN_DATUM(result);
	}

	{
		Datum		upd[4];

		upd[0] = Int64GetDatum(claim_id);
		upd[1] = DateADTGetDatum(decided_on);
		upd[2] = CStringGetTextDatum(unpack_sql_state(edata->sqlerrcode));
		upd[3] = CStringGetTextDatum(edata->message ? edata->message : "");
		xdjy_plan_execute(&q_claim_rejected, upd, NULL, 0, SPI_OK_UPDATE);
	}
	xdjy_spi_finish();
	PG_RETURN_NULL();
}
