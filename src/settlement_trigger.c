/*-------------------------------------------------------------------------
 *
 * src/settlement_trigger.c
 *	  The settlement engine: BEFORE INSERT ON xdjy.settlement gathers the
 *	  facts through kept SPI plans, decides the benefit category and the
 *	  amounts (pure C in settlement.c), keeps the person's ledgers, runs
 *	  the checks and fills the row, or rejects it with its own SQLSTATE.
 *	  Also: settlements are immutable (a correction is a reversal row), and
 *	  an inpatient stay may not overlap another stay of the person.
 *
 *	  Where the rules come from: the benefit category, 鲁医保发〔2022〕26号
 *	  第二条(一)–(三)、(五), 济宁市医保局 异地就医十项便民措施 第三条、
 *	  第四条(二)、第五条(一), 吉医保发〔2019〕34号 附件第8条 and
 *	  鲁医保发〔2021〕46号 第二条(三)、第三条(一); the amounts, 46号
 *	  第三条(二)(三) and 34号 附件第2–6条; the checks, trauma (26号
 *	  第二条(四)), items bought outside during a stay (十项便民措施
 *	  第五条(三); 26号 第二条(六)), contradictory stays (34号 附件第8条),
 *	  one reimbursement per invoice (46号 第四条) and referrals (34号
 *	  附件第10–12条).
 *
 *	  Concurrency: every settlement of a person in a year and quota group
 *	  locks that ledger row (FOR NO KEY UPDATE) before it reads the amounts
 *	  already used and before the checks whose outcome another settlement
 *	  of the person could change (invoice, reversal); each later look-up,
 *	  through SPI or an index (src/index_read.c), takes a snapshot after
 *	  the lock, so two concurrent settlements of one person are serialised
 *	  exactly.  Checks across
 *	  persons have unique indexes or exclusion constraints as backstops.
 *	  The policy row and the ratio rules a settlement is priced from are
 *	  taken FOR SHARE, and checked to be as read, so a concurrent change of
 *	  them is serialised against the settlement (src/policy_frozen.c).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "funcapi.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "datatype/timestamp.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "dates.h"
#include "errors.h"
#include "fee_detail.h"
#include "ledger.h"
#include "filing_status.h"
#include "money.h"
#include "national.h"
#include "owner.h"
#include "policy_lock.h"
#include "region.h"
#include "index_read.h"
#include "row_write.h"
#include "restore.h"
#include "residence_category.h"
#include "row_access.h"
#include "settlement.h"
#include "account.h"
#include "reference_cache.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(settlement_insert_trigger);
PG_FUNCTION_INFO_V1(settlement_immutable_trigger);
PG_FUNCTION_INFO_V1(presettle);
PG_FUNCTION_INFO_V1(encounter_stay_overlap_trigger);

/* ------------------------------------------------------------------------
 * Columns of xdjy.settlement: looked up by name once per relation
 * ------------------------------------------------------------------------
 */
typedef enum SCol
{
	/* written by the client */
	SC_ENCOUNTER_ID,
	SC_SETTLED_ON,
	SC_MODE,
	SC_INVOICE_NO,
	SC_TOTAL,
	SC_OUT_OF_SCOPE,
	SC_REVERSES,
	SC_OWN_REASON,
	SC_REFERRAL_ID,
	SC_DIAGNOSIS,
	SC_MID_STAY,
	/* filled by the engine: a client must leave them NULL */
	SC_PERSON_ID,
	SC_INSTITUTION,
	SC_INSURED_REGION,
	SC_TREATMENT_REGION,
	SC_FILING_ID,
	SC_SCOPE,
	SC_CATEGORY,
	SC_POLICY_ID,
	SC_RATIO_BP,
	SC_FIRST_SELFPAY_FEN,
	SC_DEDUCTIBLE_FEN,
	SC_FUND_FEN,
	SC_PERSONAL_FEN,
	SC_SERVICE_ON,
	SC_CATEGORY_REASON,
	SC_QUOTA_GROUP,
	SC_INVOICE_SEQ,
	SC_POLICY_DEDUCTIBLE,
	SC_POLICY_RATIO,
	SC_FIRST_SELFPAY_BP,
	SC_ANNUAL_CAP,
	SC_ADJUSTMENT_IDS,
	SC_RATIO_STEPS,
	SC_IN_SCOPE,
	SC_DEDUCTIBLE_MET_BEFORE,
	SC_FUND_PAID_BEFORE,
	/* 1.1: from the fee lines; defaults 0 and {} (see check_engine_columns_empty) */
	SC_OVERLMT,
	SC_PRESELFPAY,
	SC_FEE_IDS,
	SC_DETAILS_RECEIVED,
	/* issue 16: the personal account; acct_used is the client's, default false */
	SC_ACCT_USED,
	SC_ACCT_PAY,
	SC_ACCT_BALANCE,
	SC_NCOLS
} SCol;

#define SC_FIRST_ENGINE SC_PERSON_ID

static const struct
{
	const char *name;
	Oid			type;
}			scol_def[SC_NCOLS] =
{
	[SC_ENCOUNTER_ID] = {"encounter_id", INT8OID},
	[SC_SETTLED_ON] = {"settled_on", DATEOID},
	[SC_MODE] = {"mode", TEXTOID},
	[SC_INVOICE_NO] = {"invoice_no", TEXTOID},
	[SC_TOTAL] = {"total_fen", INT8OID},
	[SC_OUT_OF_SCOPE] = {"out_of_scope_fen", INT8OID},
	[SC_REVERSES] = {"reverses", INT8OID},
	[SC_OWN_REASON] = {"own_reason", BOOLOID},
	[SC_REFERRAL_ID] = {"referral_id", INT8OID},
	[SC_DIAGNOSIS] = {"diagnosis", TEXTOID},
	[SC_MID_STAY] = {"mid_stay", BOOLOID},
	[SC_PERSON_ID] = {"person_id", TEXTOID},
	[SC_INSTITUTION] = {"institution_code", TEXTOID},
	[SC_INSURED_REGION] = {"insured_region", TEXTOID},
	[SC_TREATMENT_REGION] = {"treatment_region", TEXTOID},
	[SC_FILING_ID] = {"filing_id", INT8OID},
	[SC_SCOPE] = {"scope", TEXTOID},
	[SC_CATEGORY] = {"category", TEXTOID},
	[SC_POLICY_ID] = {"policy_id", INT8OID},
	[SC_RATIO_BP] = {"ratio_bp", INT4OID},
	[SC_FIRST_SELFPAY_FEN] = {"first_selfpay_fen", INT8OID},
	[SC_DEDUCTIBLE_FEN] = {"deductible_fen", INT8OID},
	[SC_FUND_FEN] = {"fund_fen", INT8OID},
	[SC_PERSONAL_FEN] = {"personal_fen", INT8OID},
	[SC_SERVICE_ON] = {"service_on", DATEOID},
	[SC_CATEGORY_REASON] = {"category_reason", TEXTOID},
	[SC_QUOTA_GROUP] = {"quota_group", TEXTOID},
	[SC_INVOICE_SEQ] = {"invoice_seq", INT4OID},
	[SC_POLICY_DEDUCTIBLE] = {"policy_deductible_fen", INT8OID},
	[SC_POLICY_RATIO] = {"policy_ratio_bp", INT4OID},
	[SC_FIRST_SELFPAY_BP] = {"first_selfpay_bp", INT4OID},
	[SC_ANNUAL_CAP] = {"annual_cap_fen", INT8OID},
	[SC_ADJUSTMENT_IDS] = {"adjustment_ids", INT8ARRAYOID},
	[SC_RATIO_STEPS] = {"ratio_steps", INT4ARRAYOID},
	[SC_IN_SCOPE] = {"in_scope_fen", INT8OID},
	[SC_DEDUCTIBLE_MET_BEFORE] = {"deductible_met_before_fen", INT8OID},
	[SC_FUND_PAID_BEFORE] = {"fund_paid_before_fen", INT8OID},
	[SC_OVERLMT] = {"overlmt_fen", INT8OID},
	[SC_PRESELFPAY] = {"preselfpay_fen", INT8OID},
	[SC_FEE_IDS] = {"fee_detail_ids", INT8ARRAYOID},
	[SC_DETAILS_RECEIVED] = {"details_received_on", DATEOID},
	[SC_ACCT_USED] = {"acct_used", BOOLOID},
	[SC_ACCT_PAY] = {"acct_pay_fen", INT8OID},
	[SC_ACCT_BALANCE] = {"acct_balance_fen", INT8OID},
};

static Oid	scol_relid = InvalidOid;
static int	scol_natts = 0;		/* an update adding a column changes it */
static int	scol_attnum[SC_NCOLS];
static int	scol_id_attnum = 0;	/* the row's id, for the account movement */

static void
settlement_columns(Relation rel)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);

	if (scol_relid == RelationGetRelid(rel) && scol_natts == tupdesc->natts)
		return;
	for (int i = 0; i < SC_NCOLS; i++)
	{
		/*
		 * mid_stay came with 1.1; the library also serves a 1.0 table
		 * (before ALTER EXTENSION UPDATE), where every settlement is a
		 * discharge settlement: 0 marks the column absent.
		 */
		if ((i == SC_MID_STAY || i >= SC_OVERLMT) &&
			SPI_fnumber(tupdesc, scol_def[i].name) <= 0)
			scol_attnum[i] = 0;
		else
			scol_attnum[i] = xdjy_attnum(tupdesc, scol_def[i].name, scol_def[i].type);
	}
	scol_id_attnum = xdjy_attnum(tupdesc, "id", INT8OID);
	scol_relid = RelationGetRelid(rel);
	scol_natts = tupdesc->natts;
}

/* the row being built: values for every column, which ones to replace */
typedef struct SRow
{
	Datum		values[SC_NCOLS];
	bool		nulls[SC_NCOLS];
	bool		replace[SC_NCOLS];
} SRow;

static void
set_value(SRow *r, SCol c, Datum v)
{
	r->values[c] = v;
	r->nulls[c] = false;
	r->replace[c] = true;
}

static void
set_text(SRow *r, SCol c, const char *s)
{
	if (s == NULL)
	{
		r->values[c] = (Datum) 0;
		r->nulls[c] = true;
		r->replace[c] = true;
	}
	else
		set_value(r, c, CStringGetTextDatum(s));
}

static HeapTuple
apply_row(HeapTuple tuple, TupleDesc tupdesc, SRow *r)
{
	int			cols[SC_NCOLS];
	Datum		values[SC_NCOLS];
	bool		nulls[SC_NCOLS];
	int			n = 0;

	for (int i = 0; i < SC_NCOLS; i++)
	{
		if (!r->replace[i] || scol_attnum[i] == 0)
			continue;
		cols[n] = scol_attnum[i];
		values[n] = r->values[i];
		nulls[n] = r->nulls[i];
		n++;
	}
	return heap_modify_tuple_by_cols(tuple, tupdesc, n, cols, values, nulls);
}

/* ------------------------------------------------------------------------
 * Kept plans
 * ------------------------------------------------------------------------
 */

/*
 * A pre-settlement (预结算, 2303 / 2206) runs the engine with the same
 * stages and writes nothing: no row, no ledger, no lock held past the
 * statement.  Set only by presettle(), reset on every entry.
 */
static bool engine_dry = false;

static XdjyPlan q_referral_lock = XDJY_PLAN(
	"referral lock",
	"SELECT r.person_id, r.issued_by, r.issued_on, r.diagnosis, r.destination_region,"
	"       i.kind, i.region_code"
	" FROM xdjy.referral r JOIN xdjy.institution i ON i.code OPERATOR(pg_catalog.=) r.issued_by"
	" WHERE r.id OPERATOR(pg_catalog.=) $1"
	" FOR NO KEY UPDATE OF r",
	1, INT8OID);

/*
 * 吉医保发〔2019〕34号 附件第10条 具备转诊转院资格: does the insured pooling
 * region keep a register of qualified institutions, and is the issuer in
 * it on the issue date.
 */
static XdjyPlan q_referral_qualified = XDJY_PLAN(
	"referral qualification",
	"SELECT EXISTS (SELECT FROM xdjy.referral_qualification q"
	"               JOIN xdjy.institution i ON i.code OPERATOR(pg_catalog.=) q.institution_code"
	"                WHERE xdjy.pooling_region(i.region_code) OPERATOR(pg_catalog.=) $2),"
	"       EXISTS (SELECT FROM xdjy.referral_qualification q"
	"                WHERE q.institution_code OPERATOR(pg_catalog.=) $1"
	"                  AND q.valid OPERATOR(pg_catalog.@>) $3)",
	3, TEXTOID, TEXTOID, DATEOID);

/*
 * 吉医保发〔2019〕34号 附件第12条 "当次有效": a referral serves one encounter (its corrections
 * included; a reversal corrects the settlement, it does not undo the
 * treatment).  The exclusion constraint settlement_referral_once is the
 * backstop under every isolation level.
 */
static XdjyPlan q_referral_used = XDJY_PLAN(
	"referral used",
	"SELECT s.id, s.encounter_id FROM xdjy.settlement s"
	" WHERE s.referral_id OPERATOR(pg_catalog.=) $1"
	"   AND s.encounter_id OPERATOR(pg_catalog.<>) $2"
	"   AND s.reverses IS NULL"
	" LIMIT 1",
	2, INT8OID, INT8OID);

static XdjyPlan q_referral_read = XDJY_PLAN(
	"presettlement referral",
	"SELECT r.person_id, r.issued_by, r.issued_on, r.diagnosis, r.destination_region,"
	"       i.kind, i.region_code"
	" FROM xdjy.referral r JOIN xdjy.institution i ON i.code OPERATOR(pg_catalog.=) r.issued_by"
	" WHERE r.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

/*
 * 吉医保发〔2019〕34号 附件第13条: a purchase at a designated special-drug
 * pharmacy (特药定点零售药店), every line of it a special drug (特药), by a
 * person with the outpatient special-disease benefit on the date.
 */
static XdjyPlan q_special_drug = XDJY_PLAN(
	"special drug purchase",
	"SELECT i.special_drug_pharmacy"
	"   AND EXISTS (SELECT FROM xdjy.person_attribute a"
	"                WHERE a.person_id OPERATOR(pg_catalog.=) $2"
	"                  AND a.kind OPERATOR(pg_catalog.=) 'special_disease'"
	"                  AND a.valid OPERATOR(pg_catalog.@>) $3)"
	"   AND NOT EXISTS (SELECT FROM xdjy.fee_detail f"
	"                    LEFT JOIN xdjy.med_list m ON m.id OPERATOR(pg_catalog.=) f.med_list_id"
	"                    WHERE f.id OPERATOR(pg_catalog.=) ANY ($4)"
	"                      AND NOT coalesce(m.special_drug, false))"
	" FROM xdjy.institution i WHERE i.code OPERATOR(pg_catalog.=) $1",
	4, TEXTOID, TEXTOID, DATEOID, INT8ARRAYOID);

/*
 * 吉医保发〔2019〕34号 附件第2条: the ratio a former rural-scheme resident
 * (原新农合参保人员) living long-term elsewhere is paid at before the
 * long-term deduction, where the province records it.
 */
static XdjyPlan q_former_rural = XDJY_PLAN(
	"former rural ratio",
	"SELECT r.ratio_bp FROM xdjy.former_rural_ratio r"
	" WHERE r.province OPERATOR(pg_catalog.=) (pg_catalog.left($1, 2) OPERATOR(pg_catalog.||) '0000')"
	"   AND r.valid OPERATOR(pg_catalog.@>) $3"
	"   AND EXISTS (SELECT FROM xdjy.person_attribute a"
	"                WHERE a.person_id OPERATOR(pg_catalog.=) $2"
	"                  AND a.kind OPERATOR(pg_catalog.=) 'former_rural'"
	"                  AND a.valid OPERATOR(pg_catalog.@>) $3)",
	3, TEXTOID, TEXTOID, DATEOID);

/*
 * 吉医保发〔2019〕34号 附件第13条 (its parenthesis): until the resident
 * benefits are unified, a former rural-scheme participant (原新农合参合
 * 人员) buying special drugs at a special-drug pharmacy is paid under the
 * city-level designated institution's ordinary-disease inpatient policy
 * (市级定点医疗机构普通疾病住院补偿政策), where the province records the
 * dates and the tier of the inpatient policy row that stands for it.
 */
static XdjyPlan q_former_rural_special_drug = XDJY_PLAN(
	"former rural special drug",
	"SELECT t.tier FROM xdjy.former_rural_special_drug t"
	" WHERE t.province OPERATOR(pg_catalog.=) (pg_catalog.left($1, 2) OPERATOR(pg_catalog.||) '0000')"
	"   AND t.valid OPERATOR(pg_catalog.@>) $3"
	"   AND EXISTS (SELECT FROM xdjy.person_attribute a"
	"                WHERE a.person_id OPERATOR(pg_catalog.=) $2"
	"                  AND a.kind OPERATOR(pg_catalog.=) 'former_rural'"
	"                  AND a.valid OPERATOR(pg_catalog.@>) $3)",
	3, TEXTOID, TEXTOID, DATEOID);

static XdjyPlan q_original = XDJY_PLAN(
	"reversal original",
	"SELECT s.* FROM xdjy.settlement s WHERE s.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

static XdjyPlan q_reversed = XDJY_PLAN(
	"reversal exists",
	"SELECT r.id, r.settled_on FROM xdjy.settlement r WHERE r.reverses OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

static XdjyPlan q_stay_overlap = XDJY_PLAN(
	"stay overlap",
	"SELECT s.id, s.institution_code, s.admitted_on, s.discharged_on FROM xdjy.encounter s"
	" WHERE s.person_id OPERATOR(pg_catalog.=) $1"
	"   AND s.visit_type OPERATOR(pg_catalog.=) 'inpatient'"
	"   AND s.id OPERATOR(pg_catalog.<>) $2"
	"   AND xdjy.stay_span(s.admitted_on, s.discharged_on)"
	"       OPERATOR(pg_catalog.&&) xdjy.stay_span($3, $4)"
	" ORDER BY s.admitted_on LIMIT 1",
	4, TEXTOID, INT8OID, DATEOID, DATEOID);

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------
 */

/* the encounter, as the engine needs it (strings in the trigger's context) */
typedef struct Encounter
{
	int64		id;
	char	   *person_id;
	char	   *institution_code;
	char	   *visit_type;
	DateADT		admitted_on;
	bool		discharged;
	DateADT		discharged_on;
	bool		emergency;
	bool		trauma;
	bool		third_party;
	bool		trauma_pledge;
	bool		attached;
	int64		attached_to;
	char	   *insured_region;
	char	   *scheme;
	int16		tier;
	char	   *kind;
	bool		networked_inpatient;
	bool		networked_outpatient;
	bool		networked_chronic;
	char	   *treatment_region;
	bool		inside_stay;
	int64		stay_id;
	char	   *stay_institution;
	DateADT		stay_admitted_on;
} Encounter;

/*
 * An unattached visit (not a stay) that falls inside a stay of the person
 * at another institution (吉医保发〔2019〕34号 附件第8条): the latest such
 * stay begun before the visit and not discharged by then.  The partial
 * index of inpatient stays (person_id, admitted_on) is walked backwards
 * from the visit date and the first stay elsewhere that still runs is it.
 */
static void
find_stay_around(Encounter *e, Snapshot snap, MemoryContext cxt)
{
	static const StrategyNumber strategies[2] = {BTEqualStrategyNumber, BTLessStrategyNumber};
	Datum		keys[2];
	XdjyIndexWalk w;

	keys[0] = CStringGetTextDatum(e->person_id);
	keys[1] = DateADTGetDatum(e->admitted_on);
	xdjy_index_walk_begin(&w, "encounter", "encounter_stay_lookup_idx", 2, strategies, keys, snap);
	while (xdjy_index_walk_next(&w, BackwardScanDirection) != NULL)
	{
		bool		isnull;
		char	   *code = TextDatumGetCString(xdjy_index_walk_value(&w, "institution_code", &isnull));
		Datum		out = xdjy_index_walk_value(&w, "discharged_on", &isnull);

		if (strcmp(code, e->institution_code) == 0 ||
			(!isnull && DatumGetDateADT(out) <= e->admitted_on))
			continue;
		e->inside_stay = true;
		e->stay_id = DatumGetInt64(xdjy_index_walk_value(&w, "id", &isnull));
		e->stay_institution = MemoryContextStrdup(cxt, code);
		e->stay_admitted_on = DatumGetDateADT(xdjy_index_walk_value(&w, "admitted_on", &isnull));
		break;
	}
	xdjy_index_walk_end(&w);
}

/*
 * The encounter with its person, institution and pooling region, read by
 * their primary keys in one fresh snapshot, as one SPI join of the three
 * would read them, at the cost of three index probes (test/bench/
 * RESULTS.md, figure 2).
 */
static void
load_encounter(int64 encounter_id, Encounter *e, MemoryContext cxt)
{
	XdjyRowWriter *er = xdjy_row_reader_open(xdjy_table_oid("encounter"));
	XdjyRowWriter *pr = xdjy_row_reader_open(xdjy_table_oid("person"));
	XdjyRowWriter *ir = xdjy_row_reader_open(xdjy_table_oid("institution"));
	Snapshot	snap = xdjy_statement_snapshot_push(false);
	Datum		key;
	Datum		v;
	bool		isnull;
	bool		found;
	char	   *region;
	const char *pooling;

	memset(e, 0, sizeof(Encounter));
	key = Int64GetDatum(encounter_id);
	found = xdjy_row_fetch(er, &key, snap);
	if (found)
	{
		e->person_id = xdjy_found_text(er, "person_id", cxt);
		e->institution_code = xdjy_found_text(er, "institution_code", cxt);
		key = CStringGetTextDatum(e->person_id);
		found = xdjy_row_fetch(pr, &key, snap);
		key = CStringGetTextDatum(e->institution_code);
		found = found && xdjy_row_fetch(ir, &key, snap);
	}
	if (!found)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Encounter %lld does not exist.", (long long) encounter_id),
				 errhint("Record the stay or visit in xdjy.encounter first.")));
	e->id = encounter_id;
	e->visit_type = xdjy_found_text(er, "visit_type", cxt);
	e->admitted_on = DatumGetDateADT(xdjy_found_value(er, "admitted_on", &isnull));
	v = xdjy_found_value(er, "discharged_on", &isnull);
	e->discharged = !isnull;
	e->discharged_on = isnull ? 0 : DatumGetDateADT(v);
	e->emergency = xdjy_found_bool(er, "emergency", false);
	e->trauma = xdjy_found_bool(er, "trauma", false);
	e->third_party = xdjy_found_bool(er, "third_party", false);
	e->trauma_pledge = xdjy_found_bool(er, "trauma_pledge", false);
	v = xdjy_found_value(er, "attached_to", &isnull);
	e->attached = !isnull;
	e->attached_to = isnull ? 0 : DatumGetInt64(v);
	e->insured_region = xdjy_found_text(pr, "insured_region", cxt);
	e->scheme = xdjy_found_text(pr, "scheme", cxt);
	v = xdjy_found_value(ir, "tier", &isnull);
	e->tier = isnull ? 0 : DatumGetInt16(v);
	e->kind = xdjy_found_text(ir, "kind", cxt);
	e->networked_inpatient = xdjy_found_bool(ir, "networked_inpatient", false);
	e->networked_outpatient = xdjy_found_bool(ir, "networked_outpatient", false);
	e->networked_chronic = xdjy_found_bool(ir, "networked_chronic", false);
	region = xdjy_found_text(ir, "region_code", CurrentMemoryContext);
	if (strcmp(e->visit_type, "inpatient") != 0 && !e->attached)
		find_stay_around(e, snap, cxt);
	PopActiveSnapshot();
	xdjy_row_writer_close(ir);
	xdjy_row_writer_close(pr);
	xdjy_row_writer_close(er);

	/*
	 * The institution's pooling region, from the per-backend region copy,
	 * asked under the statement's snapshot (reference_cache.c keeps a copy
	 * for the snapshot it was read in), not the one pushed above.
	 */
	pooling = region ? xdjy_pooling_region(region) : NULL;
	e->treatment_region = pooling ? MemoryContextStrdup(cxt, pooling) : NULL;
	if (e->treatment_region == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Institution \"%s\" of encounter %lld lies under no pooling region.",
						   xdjy_clip(e->institution_code), (long long) encounter_id),
				 errhint("Mark the institution's city (or province) as a pooling region in xdjy.region.")));
	xdjy_require_finite(e->admitted_on, "admission date");
}

/*
 * 吉医保发〔2019〕34号 附件第7条: the insured province offers the choice of
 * institutions to the scheme on the service date, and the institution is
 * not chosen under the filing.  The choice rows are read FOR SHARE: a
 * choice withdrawn meanwhile waits for this settlement.
 */
static XdjyPlan q_outside_choice = XDJY_PLAN(
	"settlement institution choice",
	"SELECT EXISTS (SELECT FROM xdjy.institution_choice_rule r"
	"                WHERE r.province OPERATOR(pg_catalog.=) $1"
	"                  AND r.scheme OPERATOR(pg_catalog.=) $2"
	"                  AND r.valid OPERATOR(pg_catalog.@>) $3),"
	"       (SELECT pg_catalog.count(*) FROM (SELECT FROM xdjy.institution_choice c"
	"         WHERE c.filing_id OPERATOR(pg_catalog.=) $4"
	"           AND c.institution_code OPERATOR(pg_catalog.=) $5 FOR SHARE OF c) k)",
	5, TEXTOID, TEXTOID, DATEOID, INT8OID, TEXTOID);

static bool
outside_choice(const Encounter *e, int64 filing_id)
{
	Datum		args[5];
	bool		isnull;
	bool		offered;

	args[0] = CStringGetTextDatum(xdjy_province_code(e->insured_region));
	args[1] = CStringGetTextDatum(e->scheme);
	args[2] = DateADTGetDatum(e->admitted_on);
	args[3] = Int64GetDatum(filing_id);
	args[4] = CStringGetTextDatum(e->institution_code);
	xdjy_plan_execute(&q_outside_choice, args, NULL, 1, SPI_OK_SELECT);
	offered = DatumGetBool(xdjy_spi_value(0, 1, &isnull));
	return offered && DatumGetInt64(xdjy_spi_value(0, 2, &isnull)) == 0;
}

/*
 * A filing row (in slot, of a table with desc) that may hold between D
 * and until: it began by until and was not closed by D.  Its facts into f.
 */
static bool
filing_fact(TupleTableSlot *slot, TupleDesc desc, DateADT d, DateADT until,
			XdjyFilingFact *f, MemoryContext cxt)
{
	bool		isnull;
	Datum		v;

	memset(f, 0, sizeof(*f));
	f->start_on = DatumGetDateADT(slot_getattr(slot, xdjy_colno(desc, "start_date"), &isnull));
	if (isnull || f->start_on > until)
		return false;
	v = slot_getattr(slot, xdjy_colno(desc, "closed_on"), &f->closed);
	f->closed = !f->closed;
	f->closed_on = f->closed ? DatumGetDateADT(v) : 0;
	if (f->closed && !(f->closed_on > d))
		return false;
	f->id = DatumGetInt64(slot_getattr(slot, xdjy_colno(desc, "id"), &isnull));
	f->destination = xdjy_text_copy(slot_getattr(slot, xdjy_colno(desc, "destination_region"), &isnull),
									isnull, cxt);
	if (f->destination == NULL)
		f->destination = "";
	v = slot_getattr(slot, xdjy_colno(desc, "category"), &isnull);
	f->long_term = !isnull && DatumGetInt32(v) == RC_LONG_TERM_RESIDENT;
	v = slot_getattr(slot, xdjy_colno(desc, "status"), &isnull);
	f->active = !isnull && DatumGetInt32(v) == FS_ACTIVE;
	v = slot_getattr(slot, xdjy_colno(desc, "applied_on"), &isnull);
	f->applied_on = isnull ? f->start_on : DatumGetDateADT(v);
	(void) slot_getattr(slot, xdjy_colno(desc, "proof"), &isnull);
	f->proof = !isnull;
	return true;
}

static int
filing_id_desc(const void *a, const void *b)
{
	int64		x = ((const XdjyFilingFact *) a)->id;
	int64		y = ((const XdjyFilingFact *) b)->id;

	return x < y ? 1 : x > y ? -1 : 0;
}

/*
 * The person's filings that may hold between D and the discharge, newest
 * first, taken FOR SHARE: a change or cancellation of one of them (济宁市
 * 医保局异地就医十项便民措施 第四条(一)) locks it FOR NO KEY UPDATE, so the
 * two are serialised.  A settlement that comes second waits and then reads
 * the filing as changed (READ COMMITTED: the latest version, tested again,
 * as EvalPlanQual would) or fails with 40001 (REPEATABLE READ); a change
 * that comes second waits and then counts this settlement as an expense
 * under the filing (src/filing_trigger.c).  A pre-settlement locks
 * nothing.  Read through filing_person_destination_idx and locked by
 * primary key without SPI (src/index_read.c, row_write.c): the statement
 * was a tenth of the engine's time (perf, make bench figure 2).
 */
static int
load_filings(const Encounter *e, DateADT until, XdjyFilingFact **out,
			 MemoryContext cxt)
{
	Datum		key = CStringGetTextDatum(e->person_id);
	Snapshot	snap = xdjy_statement_snapshot_push(false);
	XdjyIndexWalk w;
	int			n = 0,
				cap = 4;
	XdjyFilingFact *f = MemoryContextAllocZero(cxt, sizeof(XdjyFilingFact) * (cap + 1));
	int			kept = 0;

	xdjy_index_walk_begin(&w, "filing", "filing_person_destination_idx", 1, NULL, &key, snap);
	while (xdjy_index_walk_next(&w, ForwardScanDirection) != NULL)
	{
		if (n == cap)
		{
			cap *= 2;
			f = repalloc(f, sizeof(XdjyFilingFact) * (cap + 1));
			memset(&f[n], 0, sizeof(XdjyFilingFact) * (cap + 1 - n));
		}
		if (filing_fact(w.slot, RelationGetDescr(w.rel), e->admitted_on, until, &f[n], cxt))
			n++;
	}
	xdjy_index_walk_end(&w);
	PopActiveSnapshot();
	qsort(f, n, sizeof(XdjyFilingFact), filing_id_desc);

	if (!engine_dry && n > 0)
	{
		XdjyRowWriter *lw = xdjy_row_locker_open(xdjy_table_oid("filing"));

		for (int i = 0; i < n; i++)
		{
			Datum		id = Int64GetDatum(f[i].id);
			ItemPointerData tid;

			/* the row as locked replaces the row as read, if it still holds */
			if (xdjy_row_find(lw, &id, XDJY_ROW_FOR_SHARE, &tid) &&
				filing_fact(xdjy_row_writer_found(lw), xdjy_row_writer_desc(lw),
							e->admitted_on, until, &f[kept], cxt))
				kept++;
		}
		xdjy_row_writer_close(lw);
		n = kept;
		memset(&f[n], 0, sizeof(XdjyFilingFact));
	}
	*out = f;
	return n;
}

static bool
keeps_home_benefit(const char *insured_region, DateADT d)
{
	return xdjy_cached_home_benefit_kept(insured_region, d);
}

/*
 * 鲁医保发〔2021〕46号 第二条(三): intra-province temporary treatment needs no filing
 * where the insured province says so on D (xdjy.filing_exemption, kept by
 * the filing rules; the caller asks only for intra-province treatment).
 */
static bool
is_filing_exempt(const Encounter *e)
{
	return xdjy_cached_filing_exemption(e->insured_region, e->admitted_on, NULL);
}

/*
 * 吉医保发〔2019〕34号 附件第10–12条: a referral is issued by a hospital of the insured
 * pooling region, holds from its issue date to the end of that insurance
 * (calendar) year, for the diagnosis it names, for one encounter.  The
 * referral row is locked first, so two encounters cannot both use it.
 */
/*
 * A referral, or the settlement that used it, of a region the acting role
 * may not read (the insured region's, for a treatment-region operator) is
 * not described: the error says that it conflicts (row_access.h).
 */
static void
referral_conflict(int sqlstate, int64 referral_id, const Encounter *e,
				  const char *table, int64 id)
{
	if (xdjy_sees_id(table, id))
		return;
	xdjy_hidden_conflict(sqlstate,
						 psprintf("The settlement of encounter %lld under referral %lld",
								  (long long) e->id, (long long) referral_id),
						 psprintf("就诊记录 %lld 凭转诊单 %lld 的结算",
								  (long long) e->id, (long long) referral_id),
						 strcmp(table, "referral") == 0 ? "referral" : "settlement that used the referral",
						 strcmp(table, "referral") == 0 ? "转诊记录" : "已使用该转诊的结算");
}

/*
 * 吉医保发〔2019〕34号 附件第10条: the issuer is qualified for referrals
 * (具备转诊转院资格) on the issue date, where the insured pooling region
 * records qualifications (a 1.0 schema, before ALTER EXTENSION UPDATE,
 * has no register).
 */
static void
check_referral_qualified(int64 referral_id, const Encounter *e,
						 const char *issuer, DateADT issued_on)
{
	Datum		args[3];

	if (scol_attnum[SC_ACCT_USED] == 0)
		return;
	args[0] = CStringGetTextDatum(issuer);
	args[1] = CStringGetTextDatum(e->insured_region);
	args[2] = DateADTGetDatum(issued_on);
	xdjy_plan_execute(&q_referral_qualified, args, NULL, 1, SPI_OK_SELECT);
	if (!xdjy_spi_bool(0, 1, false) || xdjy_spi_bool(0, 2, false))
		return;
	referral_conflict(ERRCODE_XDJY_REFERRAL_UNQUALIFIED, referral_id, e, "referral", referral_id);
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_REFERRAL_UNQUALIFIED),
			 errdetail("Referral %lld was issued on %s by \"%s\", which holds no referral qualification on that date.",
					   (long long) referral_id, xdjy_iso_date(issued_on), xdjy_clip(issuer)),
			 errhint("A referral is issued by an institution qualified for referrals (具备转诊转院资格, 吉医保发〔2019〕34号 附件第10条); record its qualification in xdjy.referral_qualification or ask a qualified one.")));
}

static void
check_referral(int64 referral_id, const Encounter *e, const char *diagnosis)
{
	Datum		args[2];
	bool		isnull;
	char	   *person,
			   *issuer,
			   *ref_diagnosis,
			   *destination,
			   *issuer_kind,
			   *issuer_region;
	DateADT		issued_on;

	args[0] = Int64GetDatum(referral_id);
	if (xdjy_plan_execute(engine_dry ? &q_referral_read : &q_referral_lock,
						  args, NULL, 1, SPI_OK_SELECT) == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Referral %lld does not exist.", (long long) referral_id),
				 errhint("Record the referral in xdjy.referral first.")));
	person = xdjy_spi_text(0, 1, CurrentMemoryContext);
	issuer = xdjy_spi_text(0, 2, CurrentMemoryContext);
	issued_on = DatumGetDateADT(xdjy_spi_value(0, 3, &isnull));
	ref_diagnosis = xdjy_spi_text(0, 4, CurrentMemoryContext);
	destination = xdjy_spi_text(0, 5, CurrentMemoryContext);
	issuer_kind = xdjy_spi_text(0, 6, CurrentMemoryContext);
	issuer_region = xdjy_spi_text(0, 7, CurrentMemoryContext);
	if (issuer_region != NULL)
	{
		const char *pooling = xdjy_pooling_region(issuer_region);

		issuer_region = pooling ? pstrdup(pooling) : NULL;
	}

	if (strcmp(person, e->person_id) != 0)
	{
		referral_conflict(ERRCODE_XDJY_REFERRAL_INVALID, referral_id, e, "referral", referral_id);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REFERRAL_INVALID),
				 errdetail("Referral %lld was issued for person \"%s\"; encounter %lld is of person \"%s\".",
						   (long long) referral_id, xdjy_clip(person), (long long) e->id, xdjy_clip(e->person_id)),
				 errhint("Give the referral issued for this person.")));
	}

	/* 附件第10条: issued by a designated hospital of the insured pooling region */
	if (strcmp(issuer_kind, "hospital") != 0 || issuer_region == NULL ||
		strcmp(issuer_region, e->insured_region) != 0)
	{
		referral_conflict(ERRCODE_XDJY_REFERRAL_ISSUER, referral_id, e, "referral", referral_id);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REFERRAL_ISSUER),
				 errdetail("Referral %lld was issued by \"%s\" (%s in pooling region %s); the person is insured in %s.",
						   (long long) referral_id, xdjy_clip(issuer), xdjy_clip(issuer_kind),
						   xdjy_clip(issuer_region ? issuer_region : "none"), xdjy_clip(e->insured_region)),
				 errhint("A referral is issued by a designated hospital of the insured pooling region (吉医保发〔2019〕34号 附件第10条); no agency stamp is needed (吉医保发〔2019〕34号 附件第11条).")));
	}

	/* 附件第10条: qualified for referrals on the issue date */
	check_referral_qualified(referral_id, e, issuer, issued_on);

	/* 附件第12条: valid within the insurance year */
	if (e->admitted_on < issued_on || xdjy_date_year(e->admitted_on) != xdjy_date_year(issued_on))
	{
		referral_conflict(ERRCODE_XDJY_REFERRAL_INVALID, referral_id, e, "referral", referral_id);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REFERRAL_INVALID),
				 errdetail("Referral %lld was issued on %s; encounter %lld began on %s.",
						   (long long) referral_id, xdjy_iso_date(issued_on),
						   (long long) e->id, xdjy_iso_date(e->admitted_on)),
				 errhint("A referral holds from its issue date to %d-12-31, the end of its insurance year (吉医保发〔2019〕34号 附件第12条).",
						 xdjy_date_year(issued_on))));
	}

	if (destination != NULL && strcmp(destination, e->treatment_region) != 0)
	{
		referral_conflict(ERRCODE_XDJY_REFERRAL_INVALID, referral_id, e, "referral", referral_id);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REFERRAL_INVALID),
				 errdetail("Referral %lld names region %s; encounter %lld is in %s.",
						   (long long) referral_id, xdjy_clip(destination), (long long) e->id,
						   xdjy_clip(e->treatment_region)),
				 errhint("Give a referral to region %s.", xdjy_clip(e->treatment_region))));
	}

	/* 附件第12条: for the diagnosis made at referral */
	if (diagnosis == NULL || strcmp(diagnosis, ref_diagnosis) != 0)
	{
		referral_conflict(ERRCODE_XDJY_REFERRAL_DIAGNOSIS, referral_id, e, "referral", referral_id);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REFERRAL_DIAGNOSIS),
				 errdetail("Referral %lld is for diagnosis \"%s\"; the settlement gives \"%s\".",
						   (long long) referral_id, xdjy_clip(ref_diagnosis),
						   xdjy_clip(diagnosis ? diagnosis : "(none)")),
				 errhint("Treatment under a referral must match the diagnosis made at referral (吉医保发〔2019〕34号 附件第12条).")));
	}

	/* 附件第12条: once */
	args[0] = Int64GetDatum(referral_id);
	args[1] = Int64GetDatum(e->id);
	if (xdjy_plan_execute(&q_referral_used, args, NULL, 1, SPI_OK_SELECT) > 0)
	{
		referral_conflict(ERRCODE_XDJY_REFERRAL_USED, referral_id, e, "settlement",
						  xdjy_spi_int64(0, 1, 0));
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REFERRAL_USED),
				 errdetail("Referral %lld was used by settlement %lld of encounter %lld.",
						   (long long) referral_id, (long long) xdjy_spi_int64(0, 1, 0),
						   (long long) xdjy_spi_int64(0, 2, 0)),
				 errhint("A referral is valid for one treatment (吉医保发〔2019〕34号 附件第12条); ask the hospital for a new one.")));
	}
}

/* the person's ledger for the year and group: locked, or as it stands */
static void
take_ledger(const char *person_id, int year, const char *quota_group, XdjyLedger *l)
{
	/* a pre-settlement reads the ledger as it stands; none: nothing used */
	if (engine_dry)
		xdjy_ledger_read(person_id, year, quota_group, l);
	else
		xdjy_ledger_lock(person_id, year, quota_group, l);
}

/*
 * 鲁医保发〔2021〕46号 第四条: an invoice is reimbursed once, online or by hand, until its
 * settlement is reversed.  Returns the invoice's sequence number: how many
 * settlements of it came (and were reversed) before; the unique index on
 * (institution_code, invoice_no, invoice_seq) of non-reversal rows catches
 * two persons' settlements racing on one invoice.
 */
static int32
check_invoice(const char *institution_code, const char *invoice_no)
{
	Datum		keys[2];
	int64		settled = 0,
				reversed = 0,
				last = 0;
	Snapshot	snap = xdjy_statement_snapshot_push(false);
	XdjyIndexWalk w;

	/*
	 * The invoice's settlements that are not reversals (the partial index
	 * holds those alone), and how many of them a reversal names.
	 */
	keys[0] = CStringGetTextDatum(institution_code);
	keys[1] = CStringGetTextDatum(invoice_no);
	xdjy_index_walk_begin(&w, "settlement", "settlement_invoice_once", 2, NULL, keys, snap);
	while (xdjy_index_walk_next(&w, ForwardScanDirection) != NULL)
	{
		bool		isnull;
		Datum		id = xdjy_index_walk_value(&w, "id", &isnull);

		settled++;
		last = Max(last, DatumGetInt64(id));
		if (xdjy_index_exists("settlement", "settlement_reversed_once", 1, &id, snap))
			reversed++;
	}
	xdjy_index_walk_end(&w);
	PopActiveSnapshot();
	if (settled > reversed && !xdjy_sees_id("settlement", last))
		xdjy_hidden_conflict(ERRCODE_XDJY_INVOICE_REIMBURSED,
							 psprintf("Invoice \"%s\" of institution \"%s\"",
									  xdjy_clip(invoice_no), xdjy_clip(institution_code)),
							 psprintf("定点机构 \"%s\" 的发票 \"%s\"",
									  xdjy_clip(institution_code), xdjy_clip(invoice_no)),
							 "settlement", "结算");
	if (settled > reversed)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INVOICE_REIMBURSED),
				 errdetail("Invoice \"%s\" of institution \"%s\" was reimbursed by settlement %lld.",
						   xdjy_clip(invoice_no), xdjy_clip(institution_code),
						   (long long) last),
				 errhint("An invoice is reimbursed once, online or by hand (鲁医保发〔2021〕46号 第四条); reverse that settlement first to correct it.")));
	if (settled > PG_INT32_MAX)
		elog(ERROR, "xdjy: invoice \"%s\" settled too often", xdjy_clip(invoice_no));
	return (int32) settled;
}

/* ------------------------------------------------------------------------
 * A settlement
 * ------------------------------------------------------------------------
 */

typedef struct SettleInput
{
	int64		encounter_id;
	DateADT		settled_on;
	bool		direct;
	char	   *mode;
	char	   *invoice_no;
	int64		total_fen;
	int64		out_of_scope_fen;
	bool		total_given;	/* NULL: from the fee lines */
	bool		out_of_scope_given;
	bool		own_reason;
	bool		has_referral;
	int64		referral_id;
	char	   *diagnosis;
	bool		mid_stay;		/* 中途结算: part of a stay still going on */
	bool		acct_used;		/* acct_used_flag: pay from the personal account */
	int64		settlement_id;	/* the NEW row's id (its identity default) */
	Relation	rel;			/* xdjy.settlement, and the client's row */
	HeapTuple	row;
} SettleInput;

/*
 * The encounter's own checks: settled after it began; trauma (鲁医保发〔2022〕26号
 * 第二条(四)); items bought outside during a stay settle with it (济宁市医保局
 * 异地就医十项便民措施 第五条(三); 26号 第二条(六)); no visit elsewhere
 * during a stay (吉医保发〔2019〕34号 附件第8条).
 */
static void
check_encounter(const SettleInput *in, const Encounter *e)
{
	if (in->settled_on < e->admitted_on)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_SETTLED_BEFORE_SERVICE),
				 errdetail("Encounter %lld began on %s; the settlement is dated %s.",
						   (long long) e->id, xdjy_iso_date(e->admitted_on),
						   xdjy_iso_date(in->settled_on)),
				 errhint("The earliest settlement date is %s.", xdjy_iso_date(e->admitted_on))));

	/*
	 * A stay is settled at its discharge (出院结算): the filing rules judge
	 * it by the discharge (鲁医保发〔2022〕26号 第二条(一)(二)), so a stay
	 * without a discharge date is not settled as if it had ended.  Settling
	 * part of a stay still going on (中途结算) is said explicitly
	 * (mid_stay), and only fits a stay in hospital on the settlement date.
	 */
	if (strcmp(e->visit_type, "inpatient") == 0)
	{
		if (!in->mid_stay && !e->discharged)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_STAY_NOT_DISCHARGED),
					 errdetail("Stay %lld admitted on %s has no discharge date; the settlement dated %s is not marked mid-stay.",
							   (long long) e->id, xdjy_iso_date(e->admitted_on),
							   xdjy_iso_date(in->settled_on)),
					 errhint("Record the discharge date (encounter.discharged_on) before the discharge settlement, or settle part of the stay with mid_stay => true (中途结算).")));
		if (in->mid_stay && e->discharged && e->discharged_on <= in->settled_on)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_MID_STAY_INVALID),
					 errdetail("Stay %lld was discharged on %s; the mid-stay settlement is dated %s.",
							   (long long) e->id, xdjy_iso_date(e->discharged_on),
							   xdjy_iso_date(in->settled_on)),
					 errhint("Settle a discharged stay at discharge (mid_stay => false).")));
	}
	else if (in->mid_stay)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_MID_STAY_INVALID),
				 errdetail("Encounter %lld is a %s visit, not a stay.",
						   (long long) e->id, xdjy_clip(e->visit_type)),
				 errhint("Only an inpatient stay is settled mid-stay; settle the visit with mid_stay => false.")));

	if (e->attached)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ATTACHED_ITEM),
				 errdetail("Encounter %lld is attached to stay %lld.",
						   (long long) e->id, (long long) e->attached_to),
				 errhint("Include its cost in the settlement of stay %lld (济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)).",
						 (long long) e->attached_to)));

	if (e->trauma && e->third_party)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_TRAUMA_THIRD_PARTY),
				 errdetail("Encounter %lld is flagged trauma (外伤标志) with a third party liable (涉及第三方标志).",
						   (long long) e->id),
				 errhint("The liable third party pays; the fund pays only trauma without a third party (鲁医保发〔2022〕26号 第二条(四)).")));

	if (in->direct && e->trauma && !e->trauma_pledge)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_TRAUMA_NO_PLEDGE),
				 errdetail("Encounter %lld is flagged trauma without a third party, and no pledge is recorded.",
						   (long long) e->id),
				 errhint("Record the signed 《外伤无第三方责任承诺书》 (trauma_pledge) on the encounter, or claim by hand (鲁医保发〔2022〕26号 第二条(四)).")));

	if (e->inside_stay && !xdjy_sees_id("encounter", e->stay_id))
		xdjy_hidden_conflict(ERRCODE_XDJY_VISIT_DURING_STAY,
							 psprintf("Encounter %lld at \"%s\" on %s",
									  (long long) e->id, xdjy_clip(e->institution_code),
									  xdjy_iso_date(e->admitted_on)),
							 psprintf("%s 在 \"%s\" 的就诊记录 %lld",
									  xdjy_iso_date(e->admitted_on), xdjy_clip(e->institution_code),
									  (long long) e->id),
							 "stay elsewhere on that day", "当日在他处的住院记录");
	if (e->inside_stay)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_VISIT_DURING_STAY),
				 errdetail("Encounter %lld at \"%s\" on %s falls inside stay %lld at \"%s\" admitted on %s, and is not attached to it.",
						   (long long) e->id, xdjy_clip(e->institution_code), xdjy_iso_date(e->admitted_on),
						   (long long) e->stay_id, xdjy_clip(e->stay_institution),
						   xdjy_iso_date(e->stay_admitted_on)),
				 errhint("Tests or drugs bought outside during a stay are attached to the stay (attached_to) and settled with it (济宁市医保局 异地就医十项便民措施 第五条(三)); contradictory visits are not paid (吉医保发〔2019〕34号 附件第8条).")));
}

/*
 * The person's insured region and scheme are the person's data: named in
 * an error only to a role that may read the person (row_access.h); a
 * treatment-region operator learns that the rule failed, not where the
 * person is insured.
 */
static bool
person_shown(const Encounter *e)
{
	return xdjy_sees_text("person", "id", e->person_id);
}

static const char *
insured_shown(const Encounter *e)
{
	return person_shown(e) ? xdjy_clip(e->insured_region)
		: "(not shown: the person is of a region the role may not read)";
}

/* direct cross-region settlement needs an institution open for it */
static void
check_networked(const Encounter *e)
{
	bool		ok;
	const char *flag;

	if (strcmp(e->visit_type, "inpatient") == 0)
	{
		ok = e->networked_inpatient;
		flag = "networked_inpatient";
	}
	else if (strcmp(e->visit_type, "chronic_outpatient") == 0)
	{
		ok = e->networked_chronic;
		flag = "networked_chronic";
	}
	else
	{
		ok = e->networked_outpatient;
		flag = "networked_outpatient";
	}
	if (!ok)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NOT_NETWORKED),
				 errdetail("Institution \"%s\" is not %s; encounter %lld is a %s visit from insured region %s.",
						   xdjy_clip(e->institution_code), flag, (long long) e->id,
						   xdjy_clip(e->visit_type), insured_shown(e)),
				 errhint("Settle at a networked institution (鲁医保发〔2021〕46号 第三条(四)) or claim by hand (mode \"manual\").")));
}

static const char *
category_hint(void)
{
	return XDJY_N_("File a temporary filing for the treatment region (it may start before it is filed, 鲁医保发〔2022〕26号 第二条(二)) before settling, or claim by hand (mode \"manual\").");
}

/*
 * What the steps of one settlement decide, in order: decide (encounter,
 * category, scope, policy), price (ratio, ledgers, amounts), fill (the
 * NEW row's columns).  Strings live in the trigger's context.
 */
typedef struct Settle
{
	/* decided */
	Encounter	e;
	DateADT		end_on;			/* the discharge or settlement date */
	XdjyCategoryDecision cd;
	XdjyScope	scope;
	XdjyPolicy	policy;			/* policy.quota_group is not kept: use below */
	char	   *quota_group;
	/* priced */
	int			nadj;
	XdjyAdjustment *adj;
	int32	   *steps;			/* the ratio after each adjustment */
	int			year;
	XdjyLedger	ledger;			/* the person's, for year and quota_group */
	int32		invoice_seq;
	XdjyAmountInput ai;
	XdjyAmounts am;
	XdjyFeeSums lines;			/* the fee lines priced from, if any */
	int32		base_ratio_bp;	/* the ratio before adjustments */
	int64		acct_pay_fen;	/* paid from the personal account */
	int64		acct_balance_fen;	/* its balance after (acct_used only) */
	bool		former_rural_drug;	/* 附件第13条: a former rural participant's special drugs */
} Settle;

/* the client's amounts, before anything is looked up (NULL: from the lines) */
static void
check_given_amounts(const SettleInput *in)
{
	if ((in->total_given && in->total_fen < 0) ||
		(in->out_of_scope_given && in->out_of_scope_fen < 0) ||
		(in->total_given && in->out_of_scope_given && in->out_of_scope_fen > in->total_fen))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_SETTLEMENT_AMOUNTS),
				 errdetail("Total " INT64_FORMAT " fen, out of scope " INT64_FORMAT " fen.",
						   in->total_fen, in->out_of_scope_fen),
				 errhint("The total and the out-of-scope amount (全自费) are at least 0 fen, and the out-of-scope amount is at most the total; a correction is a reversal.")));
}

/*
 * The amounts come from the encounter's fee lines when it has any not yet
 * settled: the treatment place's catalogue decides the scope (鲁医保发
 * 〔2022〕26号 第二条(四)), and totals the caller also gives must agree.
 * Without lines the caller's totals stand (manual claims, older data).
 */
static void
settle_lines(SettleInput *in, Settle *s, MemoryContext upper)
{
	XdjyFeeSums *f = &s->lines;
	int64		oos;

	if (scol_attnum[SC_FEE_IDS] == 0)
		memset(f, 0, sizeof(*f));	/* a 1.0 table: no lines */
	else
		xdjy_fee_lines_to_settle(in->encounter_id, f, upper, !engine_dry);

	/*
	 * One stay or visit is paid once (鲁医保发〔2021〕46号 第四条): after
	 * its discharge or visit settlement, a correction is a reversal first.
	 */
	if (f->closed_by != 0)
	{
		/* a retry with the same invoice is told so first (YB308) */
		(void) check_invoice(s->e.institution_code, in->invoice_no);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_CLOSED),
				 errdetail("Encounter %lld was settled by settlement %lld on %s.",
						   (long long) in->encounter_id, (long long) f->closed_by,
						   xdjy_iso_date(f->closed_on)),
				 errhint("Reverse that settlement first (xdjy.reverse_settlement) to settle the encounter again.")));
	}
	if (f->count == 0 && f->settled_lines)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_LINES_ALL_SETTLED),
				 errdetail("Every fee line of encounter %lld is covered by a standing settlement.",
						   (long long) in->encounter_id),
				 errhint("Upload the new fee lines to settle; totals alone would pay the settled lines again.")));
	if (f->count == 0)
	{
		XdjyDateSpan required;

		/* the treatment region may require the details for direct settlement */
		if (in->direct && scol_attnum[SC_FEE_IDS] > 0 &&
			xdjy_cached_fee_lines_required(s->e.treatment_region, in->settled_on, &required))
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_FEE_LINES_REQUIRED),
					 errdetail("Encounter %lld at institution \"%s\" (treatment region %s) has no fee lines; the region requires them for direct settlement from %s.",
							   (long long) in->encounter_id, xdjy_clip(s->e.institution_code),
							   s->e.treatment_region, xdjy_iso_date(required.lower)),
					 errhint("Upload the fee lines (xdjy.fee_detail, 2301) before settling, or settle as a manual claim.")));
		if (!in->total_given)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_SETTLE_NO_TOTAL),
					 errdetail("Encounter %lld has no fee lines to settle, and the settlement gives no total.",
							   (long long) in->encounter_id),
					 errhint("Upload the fee lines (xdjy.fee_detail) or give total_fen and out_of_scope_fen.")));
		if (!in->out_of_scope_given)
			in->out_of_scope_fen = 0;
		return;
	}
	oos = xdjy_fen_add(f->fulamt_ownpay_fen, f->overlmt_fen);
	if ((in->total_given && in->total_fen != f->total_fen) ||
		(in->out_of_scope_given && in->out_of_scope_fen != oos))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FEE_TOTALS_DISAGREE),
				 errdetail("The settlement gives total %s and out of scope %s fen; the %lld fee lines of encounter %lld come to total " INT64_FORMAT " and out of scope " INT64_FORMAT " fen.",
						   in->total_given ? psprintf(INT64_FORMAT, in->total_fen) : "-",
						   in->out_of_scope_given ? psprintf(INT64_FORMAT, in->out_of_scope_fen) : "-",
						   (long long) f->count, (long long) in->encounter_id, f->total_fen, oos),
				 errhint("Leave total_fen and out_of_scope_fen NULL to settle from the lines.")));
	in->total_fen = f->total_fen;
	in->out_of_scope_fen = oos;
}

/*
 * The day the filings are judged by: a direct settlement counts a
 * filing made before it, even after the admission; a manual claim after a
 * self-paid discharge counts the filings as they stood at the discharge
 * (济宁市医保局 异地就医十项便民措施 第四条(二); 鲁医保发〔2022〕26号
 * 第二条(二)).  Never before the admission.
 */
static DateADT
settlement_end_on(const SettleInput *in, const Encounter *e)
{
	DateADT		end_on = in->settled_on;

	if (!in->direct && e->discharged && e->discharged_on < end_on)
		end_on = e->discharged_on;
	if (end_on < e->admitted_on)
		end_on = e->admitted_on;
	return end_on;
}

/*
 * The benefit category from the person's filings, asking the province's
 * dated settings only when the decision needs them: home benefits kept
 * after a long-term filing (吉医保发〔2019〕34号 附件第8条) and the
 * intra-province filing exemption (鲁医保发〔2021〕46号 第二条(三)).
 * Without a filing, exemption, referral or emergency there is no direct
 * settlement.
 */
static void
decide_category(const SettleInput *in, Settle *s, MemoryContext upper)
{
	const Encounter *e = &s->e;
	XdjyFilingFact *filings;
	XdjyCategoryInput ci;
	XdjyNeed	need;

	memset(&ci, 0, sizeof(ci));
	ci.insured_region = e->insured_region;
	ci.treatment_region = e->treatment_region;
	ci.service_on = e->admitted_on;
	ci.end_on = s->end_on;
	ci.settled_on = in->settled_on;
	ci.direct = in->direct;
	ci.inpatient = strcmp(e->visit_type, "inpatient") == 0;
	ci.emergency = e->emergency;
	ci.referral = in->has_referral;
	ci.home_benefit_kept = XDJY_FACT_UNKNOWN;
	ci.filing_exempt = XDJY_FACT_UNKNOWN;
	ci.non_direct_institution = !e->networked_inpatient;
	ci.outside_choice = XDJY_FACT_UNKNOWN;
	ci.nfilings = load_filings(e, Max(s->end_on, in->settled_on), &filings, upper);
	ci.filings = filings;
	while ((need = xdjy_decide_category(&ci, &s->cd)) != XDJY_NEED_NOTHING)
	{
		if (need == XDJY_NEED_HOME_BENEFIT_KEPT)
			ci.home_benefit_kept = keeps_home_benefit(e->insured_region, e->admitted_on)
				? XDJY_FACT_YES : XDJY_FACT_NO;
		else if (need == XDJY_NEED_OUTSIDE_CHOICE)
			ci.outside_choice = outside_choice(e, s->cd.filing_id)
				? XDJY_FACT_YES : XDJY_FACT_NO;
		else
			ci.filing_exempt = is_filing_exempt(e) ? XDJY_FACT_YES : XDJY_FACT_NO;
	}

	if (s->cd.category == XDJY_CAT_UNFILED && in->direct)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNFILED_DIRECT),
				 errdetail("Person \"%s\" insured in %s has no filing for %s valid on %s, and encounter %lld is no emergency.",
						   xdjy_clip(e->person_id), insured_shown(e), xdjy_clip(e->treatment_region),
						   xdjy_iso_date(e->admitted_on), (long long) e->id),
				 errhint("%s", xdjy_tr(category_hint()))));
}

/*
 * The insured place's dated policy for the category: a long-term resident
 * is paid at the insured place's local standard (鲁医保发〔2022〕26号
 * 第二条(三)), the others at their category's.
 */
static void
decide_policy(Settle *s, MemoryContext upper)
{
	const Encounter *e = &s->e;
	const char *policy_category;

	policy_category = s->cd.category == XDJY_CAT_LONG_TERM ? "local"
		: xdjy_category_name(s->cd.category);
	if (!xdjy_cached_policy(e->insured_region, e->scheme, policy_category, e->visit_type,
							e->tier, e->admitted_on, &s->policy))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NO_POLICY),
				 errdetail("No policy of insured region %s, scheme \"%s\", category \"%s\", visit type \"%s\", tier %d or any tier is valid on %s.",
						   insured_shown(e), person_shown(e) ? xdjy_clip(e->scheme) : "(not shown)",
						   policy_category, xdjy_clip(e->visit_type),
						   (int) e->tier, xdjy_iso_date(e->admitted_on)),
				 errhint("Add the policy row (xdjy.policy) for those dates.")));
	/* the cache's string does not outlive a reload */
	s->quota_group = MemoryContextStrdup(upper, s->policy.quota_group);
	s->policy.quota_group = NULL;
}

/*
 * Decide which rules apply: the encounter and its checks, the referral,
 * the benefit category and the scope; the policy is decided once the fee
 * lines show what was bought (a special drug's is another, 吉医保发〔2019〕
 * 34号 附件第13条).  Nothing is locked or written yet but the filings and
 * the referral (FOR SHARE / FOR NO KEY UPDATE, see load_filings and
 * check_referral).
 */
/*
 * The acting role writes settlements of its regions only (the treatment
 * region for direct, the insured region for manual settlement): checked
 * on the row with the regions the engine derives, before any rule
 * speaks of the encounter, its person or their other rows (YB005).
 */
static void
check_access(HeapTuple row, Relation rel, const char *mode,
			 const char *insured_region, const char *treatment_region)
{
	int			cols[3] = {scol_attnum[SC_MODE], scol_attnum[SC_INSURED_REGION],
		scol_attnum[SC_TREATMENT_REGION]};
	const char *text[3] = {mode, insured_region, treatment_region};
	Datum		values[3];
	bool		nulls[3];
	char	   *direct_place[2] = {"mode", "treatment_region"};
	char	   *manual_place[1] = {"mode"};
	bool		direct = mode == NULL || strcmp(mode, "manual") != 0;
	HeapTuple	placed;

	for (int i = 0; i < 3; i++)
	{
		nulls[i] = text[i] == NULL;
		values[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(text[i]);
	}
	placed = heap_modify_tuple_by_cols(row, RelationGetDescr(rel), 3, cols,
									   values, nulls);
	/*
	 * The error names the treatment region of a direct settlement (the
	 * institution's, public reference data), never the insured region: that
	 * is the person's, whom the role may not read.
	 */
	xdjy_check_write_access(xdjy_acting_role(), rel, placed, CMD_INSERT,
							direct ? 2 : 1, direct ? direct_place : manual_place);
	heap_freetuple(placed);
}

static void
settle_decide(const SettleInput *in, Settle *s, MemoryContext upper)
{
	load_encounter(in->encounter_id, &s->e, upper);
	check_access(in->row, in->rel, in->mode, s->e.insured_region,
				 s->e.treatment_region);
	check_encounter(in, &s->e);
	s->end_on = settlement_end_on(in, &s->e);
	if (in->has_referral)
		check_referral(in->referral_id, &s->e, in->diagnosis);
	decide_category(in, s, upper);

	/* only cross-region direct settlement needs a networked institution */
	s->scope = xdjy_scope_of(s->e.insured_region, s->e.treatment_region);
	if (in->direct && s->scope != XDJY_SCOPE_LOCAL)
		check_networked(&s->e);
}

/*
 * 吉医保发〔2019〕34号 附件第2条: until the resident benefits are unified,
 * a former rural-scheme resident (原新农合参保人员, a dated person
 * attribute) living long-term elsewhere is paid at the provincial
 * designated institution's major-disease inpatient ratio, less the
 * long-term deduction (the province's ratio rule, added as usual): that
 * ratio stands in for the policy row's where the province records it.
 * A 1.0 schema (before ALTER EXTENSION UPDATE) has neither table.
 */
static int32
former_rural_ratio(const Settle *s, int32 policy_ratio_bp)
{
	const Encounter *e = &s->e;
	Datum		args[3];

	/* a special-drug purchase priced as a stay is no stay (附件第13条) */
	if (scol_attnum[SC_ACCT_USED] == 0 || s->cd.category != XDJY_CAT_LONG_TERM ||
		strcmp(e->scheme, "resident") != 0 || strcmp(e->visit_type, "inpatient") != 0 ||
		s->former_rural_drug)
		return policy_ratio_bp;
	args[0] = CStringGetTextDatum(e->insured_region);
	args[1] = CStringGetTextDatum(e->person_id);
	args[2] = DateADTGetDatum(e->admitted_on);
	if (xdjy_plan_execute(&q_former_rural, args, NULL, 1, SPI_OK_SELECT) == 0)
		return policy_ratio_bp;
	return xdjy_spi_int32(0, 1, policy_ratio_bp);
}

/*
 * 吉医保发〔2019〕34号 附件第13条: a special drug (特药) bought at a
 * designated special-drug pharmacy by a person with the outpatient
 * special-disease benefit (门诊特殊疾病待遇) settles under that benefit:
 * it is priced with the chronic/special outpatient policy.  At any other
 * pharmacy, without the benefit, or with any line not a special drug, the
 * purchase is an ordinary pharmacy purchase.  Only fee lines show what
 * was bought.  Its parenthesis: a former rural-scheme participant's such
 * purchase is paid under the city-level designated institution's
 * ordinary-disease inpatient policy instead, where the insured province
 * records it for the date (former_rural_special_drug: the tier of the
 * inpatient policy row).
 */
static void
special_drug_policy(Settle *s, MemoryContext upper)
{
	Encounter  *e = &s->e;
	Datum		args[4];

	if (scol_attnum[SC_ACCT_USED] == 0 || s->lines.count == 0 ||
		strcmp(e->visit_type, "pharmacy") != 0)
		return;
	args[0] = CStringGetTextDatum(e->institution_code);
	args[1] = CStringGetTextDatum(e->person_id);
	args[2] = DateADTGetDatum(e->admitted_on);
	args[3] = s->lines.ids;
	if (xdjy_plan_execute(&q_special_drug, args, NULL, 1, SPI_OK_SELECT) == 0 ||
		!xdjy_spi_bool(0, 1, false))
		return;
	args[0] = CStringGetTextDatum(e->insured_region);
	if (strcmp(e->scheme, "resident") == 0 &&
		xdjy_plan_execute(&q_former_rural_special_drug, args, NULL, 1, SPI_OK_SELECT) > 0)
	{
		bool		isnull;

		e->tier = DatumGetInt16(xdjy_spi_value(0, 1, &isnull));
		e->visit_type = MemoryContextStrdup(upper, "inpatient");
		s->former_rural_drug = true;
	}
	else
		e->visit_type = MemoryContextStrdup(upper, "chronic_outpatient");
}

/*
 * The ratio: the policy's, with the province's ratio rules for the
 * category added up (吉医保发〔2019〕34号 附件第5条), e.g. the resident
 * long-term and own-reason deductions (附件第2条, 第4条).  First self-pay
 * is a rule for temporary outside treatment (and unfiled), not for local
 * or long-term residents (鲁医保发〔2021〕46号 第三条(二)).
 */
static void
price_ratio(const SettleInput *in, Settle *s)
{
	const Encounter *e = &s->e;
	const char *category = xdjy_category_name(s->cd.category);

	s->ai.total_fen = in->total_fen;
	s->ai.out_of_scope_fen = in->out_of_scope_fen;
	s->ai.preselfpay_fen = s->lines.preselfpay_fen;
	s->ai.policy_deductible_fen = s->policy.deductible_fen;
	s->ai.first_selfpay_bp = s->policy.first_selfpay_bp;
	s->ai.annual_cap_fen = s->policy.annual_cap_fen;
	/* count the rules, then fetch them */
	s->nadj = xdjy_cached_adjustments(e->insured_region, category, e->scheme,
									  e->visit_type, in->own_reason,
									  e->admitted_on, NULL, 0);
	s->adj = (XdjyAdjustment *) palloc0(sizeof(XdjyAdjustment) * (s->nadj + 1));
	s->nadj = xdjy_cached_adjustments(e->insured_region, category, e->scheme,
									  e->visit_type, in->own_reason,
									  e->admitted_on, s->adj, s->nadj);
	s->steps = (int32 *) palloc0(sizeof(int32) * (s->nadj + 1));
	s->base_ratio_bp = former_rural_ratio(s, s->policy.ratio_bp);
	s->ai.ratio_bp = xdjy_adjust_ratio(s->base_ratio_bp, s->nadj, s->adj, s->steps);
	if (s->cd.category == XDJY_CAT_LOCAL || s->cd.category == XDJY_CAT_LONG_TERM)
		s->ai.first_selfpay_bp = 0;
}

/* a pricing row changed between the cache's read and the lock */
static void
pricing_row_changed(const char *table, int64 id)
{
	ereport(ERROR,
			(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
			 errmsg("could not serialize access due to concurrent update of xdjy.%s row %lld",
					table, (long long) id),
			 errdetail("The row was changed or deleted by another transaction while this settlement was priced from it."),
			 errhint("Retry the settlement: it is priced from the rows as they are now.")));
}

/* a text column of the row found equals s */
static bool
found_text_is(XdjyRowWriter *w, const char *column, const char *s)
{
	bool		isnull;
	Datum		v = xdjy_found_value(w, column, &isnull);

	return !isnull && strcmp(TextDatumGetCString(v), s) == 0;
}

/* a column of the row found is NULL, or equals s */
static bool
found_text_null_or(XdjyRowWriter *w, const char *column, const char *s)
{
	bool		isnull;

	(void) xdjy_found_value(w, column, &isnull);
	return isnull || found_text_is(w, column, s);
}

/* the range column of the row found holds d */
static bool
found_range_holds(XdjyRowWriter *w, const char *column, DateADT d)
{
	bool		isnull;
	Datum		v = xdjy_found_value(w, column, &isnull);

	return xdjy_daterange_holds(v, isnull, d);
}

/* an integer column of the row found (smallint, integer or bigint) */
static int64
found_int(XdjyRowWriter *w, const char *column, bool *isnull)
{
	TupleDesc	desc = xdjy_row_writer_desc(w);
	int			att = xdjy_colno(desc, column);
	Oid			type = TupleDescAttr(desc, att - 1)->atttypid;
	Datum		v = slot_getattr(xdjy_row_writer_found(w), att, isnull);

	if (*isnull)
		return 0;
	return type == INT8OID ? DatumGetInt64(v) : type == INT4OID ? DatumGetInt32(v)
		: DatumGetInt16(v);
}

static bool
found_int_is(XdjyRowWriter *w, const char *column, int64 n)
{
	bool		isnull;
	int64		v = found_int(w, column, &isnull);

	return !isnull && v == n;
}

/*
 * The policy row and the ratio rules a settlement is priced from, taken
 * FOR SHARE and checked to be as the engine read them (from the reference
 * cache).  A row that has priced a settlement may afterwards only be
 * closed (src/policy_frozen.c); its UPDATE or DELETE locks the row, so the
 * two are serialised: a change that comes second waits and then counts
 * this settlement, a settlement that comes second waits and then finds the
 * row changed (READ COMMITTED locks and reads the new row version;
 * REPEATABLE READ fails with 40001 itself) and is refused with 40001, to
 * be retried with the rows as they are now.  The row is found by its
 * primary key and locked without SPI (row_write.c), then compared on the
 * version it locked, as READ COMMITTED evaluates a target list: the SPI
 * statement's executor start-up was 7% of a settlement's engine time
 * (perf, make bench figure 2).
 *
 * lock_pricing_row takes one such row FOR SHARE by its id; a row gone is
 * a change (40001); the row as locked (under READ COMMITTED, its latest
 * version) is then compared with what the engine priced from.
 */
static XdjyRowWriter *
lock_pricing_row(const char *table, int64 id)
{
	XdjyRowWriter *w = xdjy_row_locker_open(xdjy_table_oid(table));
	Datum		key = Int64GetDatum(id);
	ItemPointerData tid;

	if (!xdjy_row_find(w, &key, XDJY_ROW_FOR_SHARE, &tid))
	{
		xdjy_row_writer_close(w);
		pricing_row_changed(table, id);
	}
	return w;
}

/*
 * Lock the rows the settlement is priced from (see above).  A
 * temporary-outside policy is also capped by its province's first
 * self-pay ceiling (鲁医保发〔2021〕46号 第三条(二)): the province's
 * advisory lock, shared, keeps a ceiling from being changed while this
 * settlement counts under it.  Taken after the policy row, as the policy
 * triggers take it after the UPDATE has locked the row, so the order is
 * the same everywhere.
 */
static void
lock_pricing_rows(const SettleInput *in, Settle *s)
{
	const Encounter *e = &s->e;
	const char *policy_category = s->cd.category == XDJY_CAT_LONG_TERM ? "local"
		: xdjy_category_name(s->cd.category);
	XdjyRowWriter *w;
	bool		same;
	bool		isnull;
	char		two[3];

	w = lock_pricing_row("policy", s->policy.id);
	same = found_range_holds(w, "valid", e->admitted_on) &&
		found_int_is(w, "deductible_fen", s->policy.deductible_fen) &&
		found_int_is(w, "ratio_bp", s->policy.ratio_bp) &&
		found_int_is(w, "first_selfpay_bp", s->policy.first_selfpay_bp) &&
		found_int_is(w, "annual_cap_fen", s->policy.annual_cap_fen) &&
		found_text_is(w, "quota_group", s->quota_group) &&
		found_text_is(w, "insured_region", e->insured_region) &&
		found_text_is(w, "scheme", e->scheme) &&
		found_text_is(w, "category", policy_category) &&
		found_text_is(w, "visit_type", e->visit_type) &&
		(found_int(w, "tier", &isnull) == e->tier || isnull);
	xdjy_row_writer_close(w);
	if (!same)
		pricing_row_changed("policy", s->policy.id);

	strlcpy(two, e->insured_region, sizeof(two));
	for (int i = 0; i < s->nadj; i++)
	{
		w = lock_pricing_row("ratio_adjustment", s->adj[i].id);
		same = found_range_holds(w, "valid", e->admitted_on) &&
			found_text_is(w, "kind", s->adj[i].set ? "set" : "delta") &&
			found_int_is(w, "points_bp", s->adj[i].points_bp) &&
			found_text_is(w, "province", two) &&
			found_text_is(w, "category", xdjy_category_name(s->cd.category)) &&
			found_text_null_or(w, "scheme", e->scheme) &&
			found_text_null_or(w, "visit_type", e->visit_type) &&
			(!xdjy_found_bool(w, "own_reason_only", false) || in->own_reason);
		xdjy_row_writer_close(w);
		if (!same)
			pricing_row_changed("ratio_adjustment", s->adj[i].id);
	}

	if (strcmp(policy_category, "temporary") == 0)
	{
		char		province[3];

		xdjy_province_digits(e->insured_region, province);
		xdjy_lock_province(province, true);
	}
}

/*
 * acct_used_flag (2304): the personal share is paid from the personal
 * account as far as its balance goes, the rest in cash (psn_cash_pay).
 * The account pays within the insured province (鲁医保发〔2020〕68号
 * 二(五) "省内通用") and across provinces where the insured province's
 * dated setting says so (鲁医保发〔2022〕26号 第四条(二)).  The account
 * row is locked (FOR NO KEY UPDATE, fresh snapshot) after the ledger, as
 * a reversal takes them, and the balance read under the lock.
 */
static void
settle_account(const SettleInput *in, Settle *s)
{
	const Encounter *e = &s->e;
	int64		balance;

	if (!xdjy_account_usable(e->insured_region, e->treatment_region, in->settled_on))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ACCOUNT_NOT_USABLE),
				 errdetail("Person \"%s\" insured in %s settles in %s on %s; no setting of the insured province lets the account pay across provinces then.",
						   xdjy_clip(e->person_id), insured_shown(e), xdjy_clip(e->treatment_region),
						   xdjy_iso_date(in->settled_on)),
				 errhint("Settle with acct_used => false (the personal share in cash), or record the province's setting in xdjy.account_cross_province.")));
	/* a pre-settlement reads the balance as it stands, never debits it */
	balance = engine_dry ? xdjy_account_balance(e->person_id)
		: xdjy_account_lock(e->person_id);
	s->acct_pay_fen = Min(balance, Max(s->am.personal_fen, 0));
	s->acct_balance_fen = balance;
	if (engine_dry)
		s->acct_balance_fen = xdjy_fen_sub(balance, s->acct_pay_fen);
	else if (s->acct_pay_fen > 0)
		s->acct_balance_fen = xdjy_account_move(e->person_id, "debit",
												xdjy_fen_neg(s->acct_pay_fen),
												in->settled_on, in->settlement_id);
}

/*
 * Price the settlement, exact to the fen with checked arithmetic
 * (settlement.c).  The person's ledger for the year and quota group is
 * locked first, and every check whose outcome another settlement of the
 * person could change (the invoice, 鲁医保发〔2021〕46号 第四条) comes
 * after the lock; remote and local care share one annual quota (第三条(三)).
 */
static void
settle_price(const SettleInput *in, Settle *s)
{
	const Encounter *e = &s->e;

	price_ratio(in, s);
	if (!engine_dry)
		lock_pricing_rows(in, s);

	s->year = xdjy_date_year(e->admitted_on);
	take_ledger(e->person_id, s->year, s->quota_group, &s->ledger);
	s->ai.deductible_met_fen = s->ledger.deductible_met_fen;
	s->ai.fund_paid_fen = s->ledger.fund_paid_fen;
	s->invoice_seq = check_invoice(e->institution_code, in->invoice_no);

	if (xdjy_amount_input_error(&s->ai) != NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_SETTLEMENT_AMOUNTS),
				 errdetail("%s.", xdjy_tr(xdjy_amount_input_error(&s->ai))),
				 errhint("Check the ledger of person \"%s\" for %d.", xdjy_clip(e->person_id), s->year)));
	/* every party reports the settlement: no more than the platform carries */
	xdjy_check_national_fen(s->ai.total_fen, "The total");
	xdjy_compute_amounts(&s->ai, &s->am);
	if (!engine_dry)
		xdjy_ledger_add(&s->ledger, s->am.deductible_fen, s->am.fund_fen);
	/* a pre-settlement reads the account, never debits it (settle_account) */
	if (in->acct_used)
		settle_account(in, s);
}

/* the ratio rules applied, as the two parallel arrays the row keeps */
static void
fill_adjustments(const Settle *s, SRow *r)
{
	Datum	   *ids_d = (Datum *) palloc(sizeof(Datum) * (s->nadj + 1));
	Datum	   *steps_d = (Datum *) palloc(sizeof(Datum) * (s->nadj + 1));

	for (int i = 0; i < s->nadj; i++)
	{
		ids_d[i] = Int64GetDatum(s->adj[i].id);
		steps_d[i] = Int32GetDatum(s->steps[i]);
	}
	set_value(r, SC_ADJUSTMENT_IDS,
			  PointerGetDatum(construct_array(ids_d, s->nadj, INT8OID, sizeof(int64),
											  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE)));
	set_value(r, SC_RATIO_STEPS,
			  PointerGetDatum(construct_array(steps_d, s->nadj, INT4OID, sizeof(int32),
											  true, TYPALIGN_INT)));
}

/*
 * Write the engine's columns of the NEW row: what was decided and what it
 * was priced from (policy figures, ratio steps, ledger before), so that
 * explain_settlement replays the settlement from the row alone.  Values
 * are built in the trigger's context: they outlive SPI_finish.
 */
static void
settle_fill(const Settle *s, bool acct_used, SRow *r, MemoryContext upper)
{
	const Encounter *e = &s->e;
	MemoryContext old = MemoryContextSwitchTo(upper);

	set_text(r, SC_PERSON_ID, e->person_id);
	set_text(r, SC_INSTITUTION, e->institution_code);
	set_text(r, SC_INSURED_REGION, e->insured_region);
	set_text(r, SC_TREATMENT_REGION, e->treatment_region);
	if (s->cd.filing_id != 0)
		set_value(r, SC_FILING_ID, Int64GetDatum(s->cd.filing_id));
	set_text(r, SC_SCOPE, xdjy_scope_name(s->scope));
	set_text(r, SC_CATEGORY, xdjy_category_name(s->cd.category));
	set_text(r, SC_CATEGORY_REASON, xdjy_reason_name(s->cd.reason));
	set_value(r, SC_POLICY_ID, Int64GetDatum(s->policy.id));
	set_value(r, SC_POLICY_RATIO, Int32GetDatum(s->base_ratio_bp));
	set_value(r, SC_RATIO_BP, Int32GetDatum(s->ai.ratio_bp));
	set_value(r, SC_FIRST_SELFPAY_FEN, Int64GetDatum(s->am.first_selfpay_fen));
	set_value(r, SC_DEDUCTIBLE_FEN, Int64GetDatum(s->am.deductible_fen));
	set_value(r, SC_FUND_FEN, Int64GetDatum(s->am.fund_fen));
	set_value(r, SC_PERSONAL_FEN, Int64GetDatum(s->am.personal_fen));
	set_value(r, SC_SERVICE_ON, DateADTGetDatum(e->admitted_on));
	set_text(r, SC_QUOTA_GROUP, s->quota_group);
	set_value(r, SC_INVOICE_SEQ, Int32GetDatum(s->invoice_seq));
	set_value(r, SC_POLICY_DEDUCTIBLE, Int64GetDatum(s->ai.policy_deductible_fen));
	set_value(r, SC_FIRST_SELFPAY_BP, Int32GetDatum(s->ai.first_selfpay_bp));
	set_value(r, SC_ANNUAL_CAP, Int64GetDatum(s->ai.annual_cap_fen));
	fill_adjustments(s, r);
	set_value(r, SC_IN_SCOPE, Int64GetDatum(s->am.in_scope_fen));
	set_value(r, SC_DEDUCTIBLE_MET_BEFORE, Int64GetDatum(s->ai.deductible_met_fen));
	set_value(r, SC_FUND_PAID_BEFORE, Int64GetDatum(s->ai.fund_paid_fen));
	if (scol_attnum[SC_FEE_IDS] > 0)
	{
		set_value(r, SC_TOTAL, Int64GetDatum(s->ai.total_fen));
		set_value(r, SC_OUT_OF_SCOPE, Int64GetDatum(s->ai.out_of_scope_fen));
		set_value(r, SC_OVERLMT, Int64GetDatum(s->lines.overlmt_fen));
		set_value(r, SC_PRESELFPAY, Int64GetDatum(s->lines.preselfpay_fen));
		if (s->lines.count > 0)
		{
			set_value(r, SC_FEE_IDS, s->lines.ids);
			if (scol_attnum[SC_DETAILS_RECEIVED] > 0)
				set_value(r, SC_DETAILS_RECEIVED, DateADTGetDatum(s->lines.received_on));
		}
	}
	if (scol_attnum[SC_ACCT_PAY] > 0)
	{
		set_value(r, SC_ACCT_PAY, Int64GetDatum(s->acct_pay_fen));
		if (acct_used)
			set_value(r, SC_ACCT_BALANCE, Int64GetDatum(s->acct_balance_fen));
	}
	MemoryContextSwitchTo(old);
}

/* a new settlement (not a reversal): decide, price, fill */
static void
settle_new(SettleInput *in, SRow *r, MemoryContext upper)
{
	Settle		s;

	check_given_amounts(in);
	memset(&s, 0, sizeof(s));
	settle_decide(in, &s, upper);
	settle_lines(in, &s, upper);
	/* the lines show a special-drug purchase: its policy is another */
	special_drug_policy(&s, upper);
	decide_policy(&s, upper);
	settle_price(in, &s);
	settle_fill(&s, in->acct_used, r, upper);
}

/* ------------------------------------------------------------------------
 * A reversal (冲正): the original's amounts negated, its ledgers given back
 * ------------------------------------------------------------------------
 */

static void
reversal_mismatch(int64 original, const char *what, const char *given,
				  const char *expected)
{
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_REVERSAL_MISMATCH),
			 errdetail("The reversal of settlement %lld gives %s %s; the original has %s.",
					   (long long) original, what, given, expected),
			 errhint("Give only \"reverses\" (and the date): the engine copies the rest, e.g. SELECT xdjy.reverse_settlement(%lld).",
					 (long long) original)));
}

static void
settle_reversal(int64 original, Relation rel, HeapTuple newrow, SRow *r,
				MemoryContext upper)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	TupleDesc	odesc;
	HeapTuple	orig;
	bool		isnull;
	Datum		args[1];
	XdjyLedger	ledger;
	char	   *person_id,
			   *quota_group;
	DateADT		service_on;
	MemoryContext old;

	args[0] = Int64GetDatum(original);
	if (xdjy_plan_execute(&q_original, args, NULL, 1, SPI_OK_SELECT) == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Settlement %lld, named by \"reverses\", does not exist.",
						   (long long) original),
				 errhint("Name an existing settlement to reverse.")));

	/* the original row, kept in the trigger's context; same columns as ours */
	old = MemoryContextSwitchTo(upper);
	orig = SPI_copytuple(SPI_tuptable->vals[0]);
	odesc = CreateTupleDescCopy(SPI_tuptable->tupdesc);
	MemoryContextSwitchTo(old);

	/* a reversal is written where the original could be */
	check_access(newrow, rel, xdjy_get_text(orig, odesc, scol_attnum[SC_MODE]),
				 xdjy_get_text(orig, odesc, scol_attnum[SC_INSURED_REGION]),
				 xdjy_get_text(orig, odesc, scol_attnum[SC_TREATMENT_REGION]));

	heap_getattr(orig, scol_attnum[SC_REVERSES], odesc, &isnull);
	if (!isnull)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REVERSAL_MISMATCH),
				 errdetail("Settlement %lld is itself a reversal, and a reversal is not reversed.", (long long) original),
				 errhint("Settle the encounter again instead.")));

	/* what the client gave must agree with the original */
	{
		bool		given_null,
					orig_null;
		Datum		d,
					o;

		d = heap_getattr(newrow, scol_attnum[SC_ENCOUNTER_ID], tupdesc, &given_null);
		o = heap_getattr(orig, scol_attnum[SC_ENCOUNTER_ID], odesc, &orig_null);
		if (!given_null && DatumGetInt64(d) != DatumGetInt64(o))
			reversal_mismatch(original, "encounter",
							  psprintf(INT64_FORMAT, DatumGetInt64(d)),
							  psprintf(INT64_FORMAT, DatumGetInt64(o)));
		d = heap_getattr(newrow, scol_attnum[SC_INVOICE_NO], tupdesc, &given_null);
		o = heap_getattr(orig, scol_attnum[SC_INVOICE_NO], odesc, &orig_null);
		if (!given_null && strcmp(TextDatumGetCString(d), TextDatumGetCString(o)) != 0)
			reversal_mismatch(original, "invoice", xdjy_clip(TextDatumGetCString(d)),
							  xdjy_clip(TextDatumGetCString(o)));
		d = heap_getattr(newrow, scol_attnum[SC_TOTAL], tupdesc, &given_null);
		o = heap_getattr(orig, scol_attnum[SC_TOTAL], odesc, &orig_null);
		if (!given_null && DatumGetInt64(d) != xdjy_fen_neg(DatumGetInt64(o)))
			reversal_mismatch(original, "total",
							  psprintf(INT64_FORMAT, DatumGetInt64(d)),
							  psprintf(INT64_FORMAT, xdjy_fen_neg(DatumGetInt64(o))));
		d = heap_getattr(newrow, scol_attnum[SC_SETTLED_ON], tupdesc, &given_null);
		o = heap_getattr(orig, scol_attnum[SC_SETTLED_ON], odesc, &orig_null);
		/* a reversal is dated like any settlement (infinity was let in) */
		if (!given_null)
			xdjy_require_finite(DatumGetDateADT(d), "settlement date");
		if (!given_null && DatumGetDateADT(d) < DatumGetDateADT(o))
			reversal_mismatch(original, "the date", xdjy_iso_date(DatumGetDateADT(d)),
							  psprintf("%s, and a reversal cannot come before it",
									   xdjy_iso_date(DatumGetDateADT(o))));
	}

	/* rows that did not pass the engine (triggers disabled) have no ledger */
	for (int c = SC_FIRST_ENGINE; c < SC_NCOLS; c++)
	{
		if (c == SC_FILING_ID || c == SC_INVOICE_SEQ || c >= SC_OVERLMT)
			continue;
		heap_getattr(orig, scol_attnum[c], odesc, &isnull);
		if (isnull)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_NOT_ENGINE_ROW),
					 errdetail("Settlement %lld has no \"%s\".", (long long) original,
							   scol_def[c].name),
					 errhint("Only settlements written through the settlement trigger can be reversed.")));
	}
	person_id = TextDatumGetCString(heap_getattr(orig, scol_attnum[SC_PERSON_ID], odesc, &isnull));
	quota_group = TextDatumGetCString(heap_getattr(orig, scol_attnum[SC_QUOTA_GROUP], odesc, &isnull));
	service_on = DatumGetDateADT(heap_getattr(orig, scol_attnum[SC_SERVICE_ON], odesc, &isnull));

	/* lock the ledger, then look for an earlier reversal (fresh snapshot) */
	xdjy_ledger_lock(person_id, xdjy_date_year(service_on), quota_group, &ledger);
	if (xdjy_plan_execute(&q_reversed, args, NULL, 1, SPI_OK_SELECT) > 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ALREADY_REVERSED),
				 errdetail("Settlement %lld was reversed by settlement %lld on %s.",
						   (long long) original, (long long) xdjy_spi_int64(0, 1, 0),
						   xdjy_iso_date(DatumGetDateADT(xdjy_spi_value(0, 2, &isnull)))),
				 errhint("A settlement is reversed once; settle the encounter again to correct it further.")));

	old = MemoryContextSwitchTo(upper);
	/* copy every column of the original, negate the amounts */
	for (int c = 0; c < SC_NCOLS; c++)
	{
		Datum		v;

		if (c == SC_SETTLED_ON || c == SC_REVERSES || scol_attnum[c] == 0)
			continue;
		v = heap_getattr(orig, scol_attnum[c], odesc, &isnull);
		switch (c)
		{
			case SC_TOTAL:
			case SC_OUT_OF_SCOPE:
			case SC_FIRST_SELFPAY_FEN:
			case SC_DEDUCTIBLE_FEN:
			case SC_FUND_FEN:
			case SC_PERSONAL_FEN:
			case SC_IN_SCOPE:
			case SC_OVERLMT:
			case SC_PRESELFPAY:
			case SC_ACCT_PAY:
				if (!isnull)
					v = Int64GetDatum(xdjy_fen_neg(DatumGetInt64(v)));
				break;
			case SC_INVOICE_SEQ:
				isnull = true;	/* only non-reversal rows hold an invoice */
				break;
			case SC_DEDUCTIBLE_MET_BEFORE:
				v = Int64GetDatum(ledger.deductible_met_fen);
				isnull = false;
				break;
			case SC_FUND_PAID_BEFORE:
				v = Int64GetDatum(ledger.fund_paid_fen);
				isnull = false;
				break;
			default:
				break;
		}
		r->values[c] = v;
		r->nulls[c] = isnull;
		r->replace[c] = true;
	}
	MemoryContextSwitchTo(old);

	xdjy_ledger_add(&ledger,
					xdjy_fen_neg(DatumGetInt64(heap_getattr(orig, scol_attnum[SC_DEDUCTIBLE_FEN], odesc, &isnull))),
					xdjy_fen_neg(DatumGetInt64(heap_getattr(orig, scol_attnum[SC_FUND_FEN], odesc, &isnull))));

	/* what the personal account paid goes back to it (a refund movement) */
	if (scol_attnum[SC_ACCT_PAY] > 0)
	{
		int64		acct_pay = DatumGetInt64(heap_getattr(orig, scol_attnum[SC_ACCT_PAY], odesc, &isnull));
		bool		used = DatumGetBool(heap_getattr(orig, scol_attnum[SC_ACCT_USED], odesc, &isnull));

		if (!isnull && used)
		{
			int64		balance = xdjy_account_lock(person_id);
			bool		idnull;
			Datum		id = heap_getattr(newrow, scol_id_attnum, tupdesc, &idnull);
			DateADT		on = DatumGetDateADT(heap_getattr(newrow, scol_attnum[SC_SETTLED_ON], tupdesc, &idnull));

			if (acct_pay > 0)
				balance = xdjy_account_move(person_id, "refund", acct_pay, on,
											DatumGetInt64(id));
			old = MemoryContextSwitchTo(upper);
			r->values[SC_ACCT_BALANCE] = Int64GetDatum(balance);
			r->nulls[SC_ACCT_BALANCE] = false;
			r->replace[SC_ACCT_BALANCE] = true;
			MemoryContextSwitchTo(old);
		}
	}
}

/* ------------------------------------------------------------------------
 * The client's row
 * ------------------------------------------------------------------------
 */

/* the engine alone writes its columns: a copied row is rejected */
static void
check_engine_columns_empty(HeapTuple row, TupleDesc tupdesc)
{
	bool		isnull;

	for (int c = SC_FIRST_ENGINE; c < SC_NCOLS; c++)
	{
		Datum		d;
		bool		given;

		if (scol_attnum[c] == 0)
			continue;
		/* the client's choice to pay from the personal account */
		if (c == SC_ACCT_USED)
			continue;
		d = heap_getattr(row, scol_attnum[c], tupdesc, &isnull);
		/* the fee-line columns are NOT NULL with defaults 0 and {} */
		if (c == SC_OVERLMT || c == SC_PRESELFPAY || c == SC_ACCT_PAY)
			given = !isnull && DatumGetInt64(d) != 0;
		else if (c == SC_FEE_IDS)
			given = !isnull && ArrayGetNItems(ARR_NDIM(DatumGetArrayTypeP(d)),
											  ARR_DIMS(DatumGetArrayTypeP(d))) > 0;
		else
			given = !isnull;
		if (given)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_ENGINE_COLUMNS),
					 errdetail("The row gives a value for \"%s\".", scol_def[c].name),
					 errhint("Insert only the encounter, date, mode, invoice, amounts, own_reason, referral, diagnosis and mid_stay; a dump is restored by a superuser with pg_dump's own settings.")));
	}
}

/*
 * The client's columns of a new settlement; false if a NOT NULL one is
 * NULL (the constraints report it, with their own message).
 */
static bool
read_settle_input(HeapTuple row, TupleDesc tupdesc, SettleInput *in)
{
	bool		isnull;
	Datum		d;

	memset(in, 0, sizeof(*in));
	d = heap_getattr(row, scol_attnum[SC_ENCOUNTER_ID], tupdesc, &isnull);
	if (isnull)
		return false;
	in->encounter_id = DatumGetInt64(d);
	d = heap_getattr(row, scol_attnum[SC_SETTLED_ON], tupdesc, &isnull);
	if (isnull)
		return false;
	in->settled_on = DatumGetDateADT(d);
	xdjy_require_finite(in->settled_on, "settlement date");
	in->mode = xdjy_get_text(row, tupdesc, scol_attnum[SC_MODE]);
	in->invoice_no = xdjy_get_text(row, tupdesc, scol_attnum[SC_INVOICE_NO]);
	if (in->mode == NULL || in->invoice_no == NULL)
		return false;
	/* NULL amounts are taken from the fee lines (settle_lines) */
	d = heap_getattr(row, scol_attnum[SC_TOTAL], tupdesc, &isnull);
	in->total_given = !isnull;
	in->total_fen = isnull ? 0 : DatumGetInt64(d);
	d = heap_getattr(row, scol_attnum[SC_OUT_OF_SCOPE], tupdesc, &isnull);
	in->out_of_scope_given = !isnull;
	in->out_of_scope_fen = isnull ? 0 : DatumGetInt64(d);
	/* the mode CHECK constraint rejects anything but direct and manual */
	in->direct = strcmp(in->mode, "manual") != 0;
	d = heap_getattr(row, scol_attnum[SC_OWN_REASON], tupdesc, &isnull);
	in->own_reason = !isnull && DatumGetBool(d);
	d = heap_getattr(row, scol_attnum[SC_REFERRAL_ID], tupdesc, &isnull);
	in->has_referral = !isnull;
	in->referral_id = isnull ? 0 : DatumGetInt64(d);
	in->diagnosis = xdjy_get_text(row, tupdesc, scol_attnum[SC_DIAGNOSIS]);
	if (scol_attnum[SC_MID_STAY] > 0)
	{
		d = heap_getattr(row, scol_attnum[SC_MID_STAY], tupdesc, &isnull);
		in->mid_stay = !isnull && DatumGetBool(d);
	}
	if (scol_attnum[SC_ACCT_USED] > 0)
	{
		d = heap_getattr(row, scol_attnum[SC_ACCT_USED], tupdesc, &isnull);
		in->acct_used = !isnull && DatumGetBool(d);
	}
	d = heap_getattr(row, scol_id_attnum, tupdesc, &isnull);
	in->settlement_id = isnull ? 0 : DatumGetInt64(d);
	return true;
}

/* ------------------------------------------------------------------------
 * Triggers
 * ------------------------------------------------------------------------
 */

/*
 * BEFORE INSERT ON xdjy.settlement: the engine.  A client writes the
 * encounter, date, mode, invoice and amounts (or only "reverses"); the
 * engine fills the rest or rejects the row.  A restore (src/restore.c)
 * brings the dumped row and the dumped ledgers back unchanged; any other
 * row arriving with engine columns filled (a copied row) is rejected:
 * the engine alone writes them.
 */
static HeapTuple
settle_row(TriggerData *td)
{
	HeapTuple	row = td->tg_trigtuple;
	TupleDesc	tupdesc = RelationGetDescr(td->tg_relation);
	MemoryContext upper = CurrentMemoryContext;
	SettleInput in;
	SRow		r;
	bool		isnull;
	Datum		d;

	engine_dry = false;
	/* a dump's rows (and its ledgers) come back exactly as they were */
	if (xdjy_restoring())
		return row;

	settlement_columns(td->tg_relation);
	memset(&r, 0, sizeof(r));

	check_engine_columns_empty(row, tupdesc);

	d = heap_getattr(row, scol_attnum[SC_REVERSES], tupdesc, &isnull);
	if (!isnull)
	{
		xdjy_spi_connect();
		settle_reversal(DatumGetInt64(d), td->tg_relation, row, &r, upper);
		xdjy_spi_finish();
		return apply_row(row, tupdesc, &r);
	}

	/* NULLs in NOT NULL input columns: the constraints report them */
	if (!read_settle_input(row, tupdesc, &in))
		return row;
	in.rel = td->tg_relation;
	in.row = row;

	xdjy_spi_connect();
	settle_new(&in, &r, upper);
	xdjy_spi_finish();
	return apply_row(row, tupdesc, &r);
}

static Datum
settlement_insert_body(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "settlement_insert_trigger",
										 XDJY_ON_INSERT);

	return PointerGetDatum(settle_row(td));
}

/*
 * The engine runs as the table's owner, every region in sight, with the
 * search path pg_catalog: switched here (owner.c), not by SECURITY
 * DEFINER, whose wrapper costs more per row than most look-ups.
 */
Datum
settlement_insert_trigger(PG_FUNCTION_ARGS)
{
	return xdjy_trigger_as_owner(fcinfo, settlement_insert_body);
}

/* BEFORE UPDATE OR DELETE ON xdjy.settlement: settlements never change */
Datum
settlement_immutable_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "settlement_immutable_trigger",
										 XDJY_ON_UPDATE | XDJY_ON_DELETE);
	TupleDesc	tupdesc = RelationGetDescr(td->tg_relation);
	bool		isnull;
	Datum		id = heap_getattr(td->tg_trigtuple,
								  xdjy_attnum(tupdesc, "id", INT8OID),
								  tupdesc, &isnull);

	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_SETTLEMENT_IMMUTABLE),
			 errdetail("Settlement %lld is final and cannot be %s.",
					   isnull ? 0LL : (long long) DatumGetInt64(id),
					   xdjy_tr(TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? XDJY_N_("updated") : XDJY_N_("deleted"))),
			 errhint("Correct a settlement with a reversal (SELECT xdjy.reverse_settlement(%lld)) and settle again.",
					 isnull ? 0LL : (long long) DatumGetInt64(id))));
	PG_RETURN_NULL();			/* keep compiler quiet */
}

/*
 * BEFORE INSERT OR UPDATE ON xdjy.encounter, for stays: two stays of one
 * person cannot overlap anywhere (吉医保发〔2019〕34号 附件第8条).  The
 * exclusion constraint encounter_stays_do_not_overlap is the backstop for
 * concurrent inserts; this check gives the coded error with both stays
 * named.
 */
static Datum
encounter_stay_overlap_body(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "encounter_stay_overlap_trigger",
										 XDJY_ON_INSERT | XDJY_ON_UPDATE);
	HeapTuple	row = xdjy_trigger_row(td);
	TupleDesc	tupdesc = RelationGetDescr(td->tg_relation);
	char	   *person = xdjy_get_text(row, tupdesc, xdjy_attnum(tupdesc, "person_id", TEXTOID));
	char	   *visit_type = xdjy_get_text(row, tupdesc, xdjy_attnum(tupdesc, "visit_type", TEXTOID));
	bool		id_null,
				adm_null,
				dis_null;
	Datum		id = heap_getattr(row, xdjy_attnum(tupdesc, "id", INT8OID), tupdesc, &id_null);
	Datum		admitted = heap_getattr(row, xdjy_attnum(tupdesc, "admitted_on", DATEOID), tupdesc, &adm_null);
	Datum		discharged = heap_getattr(row, xdjy_attnum(tupdesc, "discharged_on", DATEOID), tupdesc, &dis_null);
	Datum		args[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};

	if (person == NULL || visit_type == NULL || adm_null ||
		strcmp(visit_type, "inpatient") != 0 || xdjy_restoring())
		return PointerGetDatum(row);

	xdjy_spi_connect();
	args[0] = CStringGetTextDatum(person);
	args[1] = id_null ? Int64GetDatum(-1) : id;
	args[2] = admitted;
	args[3] = discharged;
	if (dis_null)
		nulls[3] = 'n';
	if (xdjy_plan_execute(&q_stay_overlap, args, nulls, 1, SPI_OK_SELECT) > 0)
	{
		bool		isnull;
		int64		other = xdjy_spi_int64(0, 1, 0);
		char	   *other_inst = xdjy_spi_text(0, 2, CurrentMemoryContext);
		DateADT		other_adm = DatumGetDateADT(xdjy_spi_value(0, 3, &isnull));
		DateADT		other_dis = DatumGetDateADT(xdjy_spi_value(0, 4, &isnull));
		const char *other_until = isnull ? "still open" : xdjy_iso_date(other_dis);
		const char *until = dis_null ? "open" : xdjy_iso_date(DatumGetDateADT(discharged));

		if (!xdjy_sees_id("encounter", other))
			xdjy_hidden_conflict(ERRCODE_XDJY_OVERLAPPING_STAYS,
								 psprintf("This stay of person \"%s\" from %s to %s",
										  xdjy_clip(person), xdjy_iso_date(DatumGetDateADT(admitted)), until),
								 psprintf("参保人 \"%s\" 自 %s 至 %s 的这次住院",
										  xdjy_clip(person), xdjy_iso_date(DatumGetDateADT(admitted)), until),
								 "stay of the same person", "同一参保人的住院记录");

		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_OVERLAPPING_STAYS),
				 errdetail("Person \"%s\" has stay %lld at \"%s\" from %s to %s; this stay from %s to %s overlaps it.",
						   xdjy_clip(person), (long long) other, xdjy_clip(other_inst), xdjy_iso_date(other_adm),
						   other_until, xdjy_iso_date(DatumGetDateADT(admitted)),
						   dis_null ? "open" : xdjy_iso_date(DatumGetDateADT(discharged))),
				 errhint("A person is in one hospital at a time; a transfer is admitted on or after the discharge day (吉医保发〔2019〕34号 附件第8条).")));
	}
	xdjy_spi_finish();
	return PointerGetDatum(row);
}

/* as the table's owner, with the search path pg_catalog (owner.c) */
Datum
encounter_stay_overlap_trigger(PG_FUNCTION_ARGS)
{
	return xdjy_trigger_as_owner(fcinfo, encounter_stay_overlap_body);
}

/* ------------------------------------------------------------------------
 * Pre-settlement (预结算, 2303 / 2206)
 * ------------------------------------------------------------------------
 */

/*
 * presettle(encounter_id, total_fen, out_of_scope_fen, invoice_no,
 *           settled_on, mode, own_reason, referral_id, diagnosis, mid_stay,
 *           acct_used)
 *
 * The settlement row as settle() would insert it, from the same stages
 * (decide, lines, price, fill) of the same engine, with nothing written:
 * no row (its id is NULL, no sequence value is taken), no ledger created
 * or moved, no row lock (filings, referral, policy, ledger and lines are
 * read, not locked).  A settlement right after, on unchanged ledgers,
 * gives the same figures; the ledgers it was priced from are in the row
 * (deductible_met_before_fen, fund_paid_before_fen), so a later settlement
 * that differs shows why (compare_presettlement).  With acct_used the
 * personal account's balance is read, not locked nor debited: acct_pay
 * and balc are what the settlement would take and leave.  Nothing is paid
 * twice by asking twice (鲁医保发〔2021〕46号 第四条).
 */
Datum
presettle(PG_FUNCTION_ARGS)
{
	MemoryContext upper = CurrentMemoryContext;
	Relation	rel;
	TupleDesc	tupdesc;
	Datum	   *values;
	bool	   *nulls;
	HeapTuple	row;
	SettleInput in;
	SRow		r;
	Datum		result;
	XdjyUserContext saved;
	static const SCol args[11] = {SC_ENCOUNTER_ID, SC_TOTAL, SC_OUT_OF_SCOPE,
		SC_INVOICE_NO, SC_SETTLED_ON, SC_MODE, SC_OWN_REASON, SC_REFERRAL_ID,
	SC_DIAGNOSIS, SC_MID_STAY, SC_ACCT_USED};

	rel = table_open(get_relname_relid("settlement", get_namespace_oid("xdjy", false)),
					 AccessShareLock);
	tupdesc = RelationGetDescr(rel);
	settlement_columns(rel);
	values = (Datum *) palloc0(sizeof(Datum) * tupdesc->natts);
	nulls = (bool *) palloc(sizeof(bool) * tupdesc->natts);
	for (int i = 0; i < tupdesc->natts; i++)
		nulls[i] = true;
	for (int i = 0; i < (int) lengthof(args) && i < PG_NARGS(); i++)
	{
		int			att = scol_attnum[args[i]];

		if (att == 0 || PG_ARGISNULL(i))
			continue;
		values[att - 1] = PG_GETARG_DATUM(i);
		nulls[att - 1] = false;
	}
	/* the column defaults a settlement takes */
	if (scol_attnum[SC_FEE_IDS] > 0)
	{
		values[scol_attnum[SC_OVERLMT] - 1] = Int64GetDatum(0);
		nulls[scol_attnum[SC_OVERLMT] - 1] = false;
		values[scol_attnum[SC_PRESELFPAY] - 1] = Int64GetDatum(0);
		nulls[scol_attnum[SC_PRESELFPAY] - 1] = false;
		values[scol_attnum[SC_FEE_IDS] - 1] =
			PointerGetDatum(construct_empty_array(INT8OID));
		nulls[scol_attnum[SC_FEE_IDS] - 1] = false;
	}
	if (scol_attnum[SC_ACCT_USED] > 0)
	{
		/* acct_used NULL: false, as the column's default */
		if (nulls[scol_attnum[SC_ACCT_USED] - 1])
			values[scol_attnum[SC_ACCT_USED] - 1] = BoolGetDatum(false);
		nulls[scol_attnum[SC_ACCT_USED] - 1] = false;
		values[scol_attnum[SC_ACCT_PAY] - 1] = Int64GetDatum(0);
		nulls[scol_attnum[SC_ACCT_PAY] - 1] = false;
	}
	row = heap_form_tuple(tupdesc, values, nulls);

	if (!read_settle_input(row, tupdesc, &in))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("presettle needs an encounter, a date, a mode and an invoice number"),
				 errdetail("One of encounter_id, settled_on, mode and invoice_no is NULL."),
				 errhint("Give the arguments settle() would need.")));
	xdjy_check_business_date(in.settled_on, "presettle(settled_on)");
	in.rel = rel;
	in.row = row;
	memset(&r, 0, sizeof(r));

	/*
	 * The engine reads as the table's owner, as the insert trigger (a
	 * SECURITY DEFINER function) does; the caller's own rights are checked
	 * by check_access through the outer user id, as for an insert.
	 */
	engine_dry = true;
	xdjy_become_owner(RelationGetRelid(rel), &saved);
	PG_TRY();
	{
		xdjy_spi_connect();
		settle_new(&in, &r, upper);
		xdjy_spi_finish();
	}
	PG_FINALLY();
	{
		engine_dry = false;
		xdjy_restore_user(&saved);
	}
	PG_END_TRY();

	row = apply_row(row, tupdesc, &r);
	/* the generated psn_cash_pay, as the insert would store it */
	{
		int			cash = SPI_fnumber(tupdesc, "cash_pay_fen");
		bool		isnull,
					pnull;
		Datum		personal = heap_getattr(row, scol_attnum[SC_PERSONAL_FEN], tupdesc, &isnull);
		Datum		acct = scol_attnum[SC_ACCT_PAY] > 0 ?
			heap_getattr(row, scol_attnum[SC_ACCT_PAY], tupdesc, &pnull) : (Datum) 0;

		if (cash > 0 && !isnull && scol_attnum[SC_ACCT_PAY] > 0 && !pnull)
		{
			Datum		v = Int64GetDatum(xdjy_fen_sub(DatumGetInt64(personal),
													   DatumGetInt64(acct)));
			bool		n = false;

			row = heap_modify_tuple_by_cols(row, tupdesc, 1, &cash, &v, &n);
		}
	}
	result = heap_copy_tuple_as_datum(row, tupdesc);
	table_close(rel, AccessShareLock);
	PG_RETURN_DATUM(result);
}
