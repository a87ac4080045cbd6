/*-------------------------------------------------------------------------
 *
 * src/institution_choice.c
 *	  吉医保发〔2019〕34号 附件第7条: a cross-province long-term resident
 *	  of the resident scheme may, besides every direct-settlement
 *	  institution of the residence city, choose four non-direct-settlement
 *	  institutions there — one each of tier 3, tier 2, tier 1 and specialty
 *	  — and designate one of them for special-disease outpatient care.
 *
 *	  Which insured provinces and schemes offer this, from when, is data:
 *	  xdjy.institution_choice_rule (Jilin 220000, resident, from
 *	  2019-10-01, the notice's effective date).  The choices are rows of
 *	  xdjy.institution_choice tied to the long-term filing of the residence
 *	  city; they lapse with it.
 *
 *	  Reading the notice: the rule is Jilin's, for Jilin's insured living in
 *	  another province, so the residence city is the filing's destination
 *	  and the province setting is keyed by the insured province.  "Non
 *	  direct settlement" is read as not networked for inpatient stays
 *	  (networked_inpatient = false); pharmacies and ungraded hospitals fit
 *	  none of the four slots.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "errors.h"
#include "reference.h"
#include "region.h"
#include "restore.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(institution_choice_rules_trigger);

/* 吉医保发〔2019〕34号 附件第7条: 三级、二级、一级和专科各 1 家 */
#define CHOICE_SLOTS	4

static XdjyPlan plan_filing = XDJY_PLAN("plan_filing",
	"SELECT f.person_id, f.destination_region,"
	" f.category OPERATOR(xdjy.=) 'long_term_resident'::xdjy.residence_category,"
	" f.status OPERATOR(xdjy.=) 'active'::xdjy.filing_status,"
	" p.insured_region, p.scheme, f.status::pg_catalog.text, f.category::pg_catalog.text"
	" FROM xdjy.filing f JOIN xdjy.person p ON p.id OPERATOR(pg_catalog.=) f.person_id"
	" WHERE f.id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE OF f",
	1, INT8OID);

static XdjyPlan plan_rule = XDJY_PLAN("plan_rule",
	"SELECT r.source FROM xdjy.institution_choice_rule r"
	" WHERE r.province OPERATOR(pg_catalog.=) $1"
	" AND r.scheme OPERATOR(pg_catalog.=) $2"
	" AND r.valid OPERATOR(pg_catalog.@>) $3 LIMIT 1",
	3, TEXTOID, TEXTOID, DATEOID);

static XdjyPlan plan_institution = XDJY_PLAN("plan_institution",
	"SELECT i.region_code, i.tier, i.specialty, i.kind, i.networked_inpatient"
	" FROM xdjy.institution i WHERE i.code OPERATOR(pg_catalog.=) $1",
	1, TEXTOID);

/* the other choices under the filing */
static XdjyPlan plan_others = XDJY_PLAN("plan_others",
	"SELECT pg_catalog.count(*),"
	" pg_catalog.string_agg(c.institution_code, ', ' ORDER BY c.id),"
	" pg_catalog.max(c.institution_code) FILTER (WHERE c.slot OPERATOR(pg_catalog.=) $3),"
	" pg_catalog.max(c.institution_code) FILTER (WHERE c.special_disease)"
	" FROM xdjy.institution_choice c"
	" WHERE c.filing_id OPERATOR(pg_catalog.=) $1 AND c.id OPERATOR(pg_catalog.<>) $2",
	3, INT8OID, INT8OID, TEXTOID);

static const char *
slot_label(const char *slot)
{
	if (strcmp(slot, "tier3") == 0)
		return "tier 3 (三级)";
	if (strcmp(slot, "tier2") == 0)
		return "tier 2 (二级)";
	if (strcmp(slot, "tier1") == 0)
		return "tier 1 (一级)";
	return "specialty (专科)";
}

/* the new row's columns that the rules read */
typedef struct Choice
{
	int64		id;				/* 0 before the default is applied */
	int64		filing_id;
	char	   *code;
	char	   *given_slot;		/* NULL: to be filled in */
	bool		special;
	DateADT		chosen_on;
} Choice;

/* what the checks find, step by step: the filing, then the institution */
typedef struct ChoiceFacts
{
	/* the filing and its person */
	char	   *person;
	char	   *destination;
	char	   *insured;
	char	   *scheme;
	char	   *status_text;
	char	   *category_text;
	bool		long_term;
	bool		active;
	/* the institution */
	char	   *inst_region;
	char	   *inst_pooling;
	char	   *kind;
	int			tier;
	bool		specialty;
	bool		networked;
	/* decided */
	const char *slot;
} ChoiceFacts;

/* false if a column the rules need is NULL: the constraints report it */
static bool
choice_read(HeapTuple row, TupleDesc desc, Choice *c)
{
	bool		isnull;
	Datum		d;

	d = xdjy_col(row, desc, "id", &isnull);
	c->id = isnull ? 0 : DatumGetInt64(d);
	d = xdjy_col(row, desc, "filing_id", &isnull);
	if (isnull)
		return false;
	c->filing_id = DatumGetInt64(d);
	c->code = xdjy_col_text(row, desc, "institution_code");
	c->given_slot = xdjy_col_text(row, desc, "slot");
	d = xdjy_col(row, desc, "special_disease", &isnull);
	c->special = !isnull && DatumGetBool(d);
	d = xdjy_col(row, desc, "chosen_on", &isnull);
	if (c->code == NULL || isnull)
		return false;
	c->chosen_on = DatumGetDateADT(d);
	xdjy_require_finite(c->chosen_on, "chosen_on");
	return true;
}

/*
 * The filing, locked FOR NO KEY UPDATE: its change or cancellation waits
 * for this choice, and the choices lapse with it.
 */
static void
choice_filing(const Choice *c, ChoiceFacts *f)
{
	Datum		v[1];
	bool		isnull;

	v[0] = Int64GetDatum(c->filing_id);
	if (xdjy_run(&plan_filing, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("The choice of institution \"%s\" names filing %lld, which is not in xdjy.filing.",
						   xdjy_clip(c->code), (long long) c->filing_id),
				 errhint("Choose under the person's active long-term filing of the residence city.")));
	f->person = xdjy_res_text(1);
	f->destination = xdjy_res_text(2);
	f->long_term = DatumGetBool(xdjy_res(3, &isnull));
	f->active = DatumGetBool(xdjy_res(4, &isnull));
	f->insured = xdjy_res_text(5);
	f->scheme = xdjy_res_text(6);
	f->status_text = xdjy_res_text(7);
	f->category_text = xdjy_res_text(8);
}

/*
 * The insured province offers the choice for the scheme on the day
 * (Jilin, resident scheme, from 2019-10-01: 吉医保发〔2019〕34号 附件第7条),
 * and the filing is an active cross-province long-term one.
 */
static void
choice_offered(const Choice *c, const ChoiceFacts *f)
{
	Datum		v[3];

	v[0] = CStringGetTextDatum(xdjy_province_code(f->insured));
	v[1] = CStringGetTextDatum(f->scheme);
	v[2] = DateADTGetDatum(c->chosen_on);
	if (xdjy_run(&plan_rule, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_NOT_OFFERED),
				 errdetail("Person \"%s\" (filing %lld) is insured in \"%s\", scheme %s; no row of xdjy.institution_choice_rule for province \"%s\" and that scheme covers %s.",
						   xdjy_clip(f->person), (long long) c->filing_id, xdjy_clip(f->insured), xdjy_clip(f->scheme), xdjy_clip(xdjy_province_code(f->insured)), xdjy_iso_date(c->chosen_on)),
				 errhint("Chosen non-direct institutions are a provincial option (Jilin, resident scheme, 吉医保发〔2019〕34号 附件第7条); every networked institution of the residence city settles directly anyway.")));

	if (!f->long_term || !f->active ||
		xdjy_scope_of(f->insured, f->destination) != XDJY_SCOPE_CROSS_PROVINCE)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_FILING_UNFIT),
				 errdetail("Filing %lld of person \"%s\" is %s, %s, from \"%s\" to \"%s\" (%s).",
						   (long long) c->filing_id, xdjy_clip(f->person), f->status_text, f->category_text,
						   xdjy_clip(f->insured), xdjy_clip(f->destination),
						   xdjy_scope_name(xdjy_scope_of(f->insured, f->destination))),
				 errhint("Institutions are chosen under an active cross-province long-term filing (跨省长期异地, 吉医保发〔2019〕34号 附件第7条).")));
}

/*
 * The institution is in the residence city and does not settle directly:
 * the direct-settlement ones are all usable without choosing
 * (吉医保发〔2019〕34号 附件第7条).
 */
static void
choice_institution(const Choice *c, ChoiceFacts *f)
{
	Datum		v[1];
	bool		isnull;

	v[0] = CStringGetTextDatum(c->code);
	if (xdjy_run(&plan_institution, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Filing %lld chooses institution \"%s\", which is not in xdjy.institution.",
						   (long long) c->filing_id, xdjy_clip(c->code)),
				 errhint("Use a fixmedins_code from xdjy.institution.")));
	f->inst_region = xdjy_res_text(1);
	f->tier = DatumGetInt16(xdjy_res(2, &isnull));
	f->specialty = DatumGetBool(xdjy_res(3, &isnull));
	f->kind = xdjy_res_text(4);
	f->networked = DatumGetBool(xdjy_res(5, &isnull));

	f->inst_pooling = xdjy_pooling_region(f->inst_region);
	if (f->inst_pooling == NULL || strcmp(f->inst_pooling, f->destination) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_OUTSIDE_CITY),
				 errdetail("Institution \"%s\" is in \"%s\", pooling region \"%s\"; filing %lld names \"%s\".",
						   xdjy_clip(c->code), xdjy_clip(f->inst_region), xdjy_clip(f->inst_pooling ? f->inst_pooling : "?"),
						   (long long) c->filing_id, xdjy_clip(f->destination)),
				 errhint("Choose among the non-direct-settlement institutions of \"%s\" (吉医保发〔2019〕34号 附件第7条).", xdjy_clip(f->destination))));
	if (f->networked)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_SETTLES_DIRECTLY),
				 errdetail("Institution \"%s\" in \"%s\" is networked for inpatient direct settlement.",
						   xdjy_clip(c->code), xdjy_clip(f->destination)),
				 errhint("Every direct-settlement institution of the residence city may be used without choosing; the four choices are for non-direct-settlement institutions (吉医保发〔2019〕34号 附件第7条).")));
}

/*
 * The slot follows from the institution: one each of tier 3, tier 2,
 * tier 1 and specialty hospital (吉医保发〔2019〕34号 附件第7条); a slot the
 * row gives must agree.
 */
static void
choice_slot(const Choice *c, ChoiceFacts *f)
{
	const char *slot;

	if (strcmp(f->kind, "hospital") != 0)
		slot = NULL;
	else if (f->specialty)
		slot = "specialty";
	else if (f->tier == 3)
		slot = "tier3";
	else if (f->tier == 2)
		slot = "tier2";
	else if (f->tier == 1)
		slot = "tier1";
	else
		slot = NULL;
	if (slot == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_NO_SLOT),
				 errdetail("Institution \"%s\" is a %s of tier %d%s.",
						   xdjy_clip(c->code), xdjy_clip(f->kind), f->tier, f->specialty ? ", specialty" : ""),
				 errhint("The four choices are one tier 3, one tier 2, one tier 1 and one specialty hospital (吉医保发〔2019〕34号 附件第7条).")));
	if (c->given_slot != NULL && strcmp(c->given_slot, slot) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_NO_SLOT),
				 errdetail("The row names slot %s; institution \"%s\" is a %s hospital.",
						   xdjy_clip(c->given_slot), xdjy_clip(c->code), slot_label(slot)),
				 errhint("Leave slot NULL: it follows from the institution's tier and specialty.")));
	f->slot = slot;
}

/*
 * Against the filing's other choices: at most four, one per slot, one of
 * them for special-disease outpatient care (吉医保发〔2019〕34号 附件第7条).
 * The filing's lock serialises two choices under it.
 */
static void
choice_limits(const Choice *c, const ChoiceFacts *f)
{
	Datum		v[3];
	bool		isnull;
	int64		count;

	v[0] = Int64GetDatum(c->filing_id);
	v[1] = Int64GetDatum(c->id);
	v[2] = CStringGetTextDatum(f->slot);
	xdjy_run(&plan_others, v, NULL, 1);
	count = DatumGetInt64(xdjy_res(1, &isnull));
	if (count >= CHOICE_SLOTS)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_FULL),
				 errdetail("Filing %lld has chosen %s; institution \"%s\" would be a fifth.",
						   (long long) c->filing_id, xdjy_clip(xdjy_res_text(2)), xdjy_clip(c->code)),
				 errhint("At most four institutions are chosen, one of each tier 3, tier 2, tier 1 and specialty (吉医保发〔2019〕34号 附件第7条).")));
	if (xdjy_res_text(3) != NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_SLOT_TAKEN),
				 errdetail("Institution \"%s\" holds the %s choice of filing %lld; institution \"%s\" is another.",
						   xdjy_clip(xdjy_res_text(3)), slot_label(f->slot), (long long) c->filing_id, xdjy_clip(c->code)),
				 errhint("One institution of each kind is chosen (吉医保发〔2019〕34号 附件第7条); chosen so far: %s.",
						 xdjy_clip(xdjy_res_text(2)))));
	if (c->special && xdjy_res_text(4) != NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_SPECIAL_TAKEN),
				 errdetail("Institution \"%s\" is designated for special diseases under filing %lld; institution \"%s\" would be a second.",
						   xdjy_clip(xdjy_res_text(4)), (long long) c->filing_id, xdjy_clip(c->code)),
				 errhint("One of the chosen hospitals is designated for special-disease outpatient care (吉医保发〔2019〕34号 附件第7条); clear the other's special_disease first.")));
}

/*
 * BEFORE INSERT OR UPDATE ON xdjy.institution_choice: the filing, the
 * province's offer, the institution, its slot, the filing's other
 * choices; then the slot is filled in.
 */
Datum
institution_choice_rules_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "institution_choice_rules_trigger", true);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	row;
	Choice		c;
	ChoiceFacts f;
	int			slot_col;
	Datum		slot_value;
	bool		slot_null = false;

	row = xdjy_trigger_new_row(td, "institution_choice_rules_trigger");

	if (xdjy_restoring())
		return PointerGetDatum(row);
	if (!choice_read(row, desc, &c))
		return PointerGetDatum(row);

	memset(&f, 0, sizeof(f));
	xdjy_spi_connect();
	choice_filing(&c, &f);
	choice_offered(&c, &f);
	choice_institution(&c, &f);
	choice_slot(&c, &f);
	choice_limits(&c, &f);
	xdjy_spi_finish();

	slot_col = xdjy_colno(desc, "slot");
	slot_value = CStringGetTextDatum(f.slot);
	row = heap_modify_tuple_by_cols(row, desc, 1, &slot_col, &slot_value, &slot_null);
	return PointerGetDatum(row);
}
