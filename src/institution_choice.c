/*-------------------------------------------------------------------------
 *
 * src/institution_choice.c
 *	  F11, 002 #7 (吉医保发〔2019〕34号): a cross-province long-term resident
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
 *	  Reading the seed: the rule is Jilin's, for Jilin's insured living in
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

PG_FUNCTION_INFO_V1(institution_choice_rules_trigger);

/* 002 #7: 三级、二级、一级和专科各 1 家 */
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

Datum
institution_choice_rules_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "institution_choice_rules_trigger", true);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	row;
	bool		isnull;
	Datum		d;
	int64		id;
	int64		filing_id;
	char	   *code;
	char	   *given_slot;
	bool		special;
	DateADT		chosen_on;
	Datum		v[3];
	char	   *person,
			   *destination,
			   *insured,
			   *scheme,
			   *status_text,
			   *category_text;
	bool		long_term,
				active;
	char	   *inst_region,
			   *inst_pooling,
			   *kind;
	int			tier;
	bool		specialty,
				networked;
	const char *slot;
	int64		count;
	int			slot_col;
	Datum		slot_value;
	bool		slot_null = false;

	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
		row = td->tg_trigtuple;
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
		row = td->tg_newtuple;
	else
		elog(ERROR, "institution_choice_rules_trigger: fired for INSERT or UPDATE only");

	if (xdjy_restoring())
		return PointerGetDatum(row);

	d = xdjy_col(row, desc, "id", &isnull);
	id = isnull ? 0 : DatumGetInt64(d);
	d = xdjy_col(row, desc, "filing_id", &isnull);
	if (isnull)
		return PointerGetDatum(row);
	filing_id = DatumGetInt64(d);
	code = xdjy_col_text(row, desc, "institution_code");
	given_slot = xdjy_col_text(row, desc, "slot");
	d = xdjy_col(row, desc, "special_disease", &isnull);
	special = !isnull && DatumGetBool(d);
	d = xdjy_col(row, desc, "chosen_on", &isnull);
	if (code == NULL || isnull)
		return PointerGetDatum(row);
	chosen_on = DatumGetDateADT(d);
	xdjy_require_finite(chosen_on, "chosen_on");

	SPI_connect();

	v[0] = Int64GetDatum(filing_id);
	if (xdjy_run(&plan_filing, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("The choice of institution \"%s\" names filing %lld, which is not in xdjy.filing.",
						   code, (long long) filing_id),
				 errhint("Choose under the person's active long-term filing of the residence city.")));
	person = xdjy_res_text(1);
	destination = xdjy_res_text(2);
	long_term = DatumGetBool(xdjy_res(3, &isnull));
	active = DatumGetBool(xdjy_res(4, &isnull));
	insured = xdjy_res_text(5);
	scheme = xdjy_res_text(6);
	status_text = xdjy_res_text(7);
	category_text = xdjy_res_text(8);

	v[0] = CStringGetTextDatum(psprintf("%.2s0000", insured));
	v[1] = CStringGetTextDatum(scheme);
	v[2] = DateADTGetDatum(chosen_on);
	if (xdjy_run(&plan_rule, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_NOT_OFFERED),
				 errdetail("Person \"%s\" (filing %lld) is insured in \"%s\", scheme %s; no row of xdjy.institution_choice_rule for province \"%.2s0000\" and that scheme covers %s.",
						   person, (long long) filing_id, insured, scheme, insured, xdjy_iso_date(chosen_on)),
				 errhint("Chosen non-direct institutions are a provincial option (Jilin, resident scheme, 002 #7); every networked institution of the residence city settles directly anyway.")));

	if (!long_term || !active ||
		xdjy_scope_of(insured, destination) != XDJY_SCOPE_CROSS_PROVINCE)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_FILING_UNFIT),
				 errdetail("Filing %lld of person \"%s\" is %s, %s, from \"%s\" to \"%s\" (%s).",
						   (long long) filing_id, person, status_text, category_text,
						   insured, destination,
						   xdjy_scope_name(xdjy_scope_of(insured, destination))),
				 errhint("Institutions are chosen under an active cross-province long-term filing (跨省长期异地, 002 #7).")));

	v[0] = CStringGetTextDatum(code);
	if (xdjy_run(&plan_institution, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Filing %lld chooses institution \"%s\", which is not in xdjy.institution.",
						   (long long) filing_id, code),
				 errhint("Use a fixmedins_code from xdjy.institution.")));
	inst_region = xdjy_res_text(1);
	tier = DatumGetInt16(xdjy_res(2, &isnull));
	specialty = DatumGetBool(xdjy_res(3, &isnull));
	kind = xdjy_res_text(4);
	networked = DatumGetBool(xdjy_res(5, &isnull));

	inst_pooling = xdjy_pooling_of(inst_region);
	if (inst_pooling == NULL || strcmp(inst_pooling, destination) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_OUTSIDE_CITY),
				 errdetail("Institution \"%s\" is in \"%s\", pooling region \"%s\"; filing %lld names \"%s\".",
						   code, inst_region, inst_pooling ? inst_pooling : "?",
						   (long long) filing_id, destination),
				 errhint("Choose among the non-direct-settlement institutions of \"%s\" (002 #7).", destination)));
	if (networked)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_SETTLES_DIRECTLY),
				 errdetail("Institution \"%s\" in \"%s\" is networked for inpatient direct settlement.",
						   code, destination),
				 errhint("Every direct-settlement institution of the residence city may be used without choosing; the four choices are for non-direct-settlement institutions (002 #7).")));

	if (strcmp(kind, "hospital") != 0)
		slot = NULL;
	else if (specialty)
		slot = "specialty";
	else if (tier == 3)
		slot = "tier3";
	else if (tier == 2)
		slot = "tier2";
	else if (tier == 1)
		slot = "tier1";
	else
		slot = NULL;
	if (slot == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_NO_SLOT),
				 errdetail("Institution \"%s\" is a %s of tier %d%s.",
						   code, kind, tier, specialty ? ", specialty" : ""),
				 errhint("The four choices are one tier 3, one tier 2, one tier 1 and one specialty hospital (002 #7).")));
	if (given_slot != NULL && strcmp(given_slot, slot) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_NO_SLOT),
				 errdetail("The row names slot %s; institution \"%s\" is a %s hospital.",
						   given_slot, code, slot_label(slot)),
				 errhint("Leave slot NULL: it follows from the institution's tier and specialty.")));

	v[0] = Int64GetDatum(filing_id);
	v[1] = Int64GetDatum(id);
	v[2] = CStringGetTextDatum(slot);
	xdjy_run(&plan_others, v, NULL, 1);
	count = DatumGetInt64(xdjy_res(1, &isnull));
	if (count >= CHOICE_SLOTS)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_FULL),
				 errdetail("Filing %lld has chosen %s; institution \"%s\" would be a fifth.",
						   (long long) filing_id, xdjy_res_text(2), code),
				 errhint("At most four institutions are chosen, one of each tier 3, tier 2, tier 1 and specialty (002 #7).")));
	if (xdjy_res_text(3) != NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_SLOT_TAKEN),
				 errdetail("Institution \"%s\" holds the %s choice of filing %lld; institution \"%s\" is another.",
						   xdjy_res_text(3), slot_label(slot), (long long) filing_id, code),
				 errhint("One institution of each kind is chosen (002 #7); chosen so far: %s.",
						 xdjy_res_text(2))));
	if (special && xdjy_res_text(4) != NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CHOICE_SPECIAL_TAKEN),
				 errdetail("Institution \"%s\" is designated for special diseases under filing %lld; institution \"%s\" would be a second.",
						   xdjy_res_text(4), (long long) filing_id, code),
				 errhint("One of the chosen hospitals is designated for special-disease outpatient care (002 #7); clear the other's special_disease first.")));
	SPI_finish();

	/* the slot follows from the institution: fill it in */
	slot_col = xdjy_colno(desc, "slot");
	slot_value = CStringGetTextDatum(slot);
	row = heap_modify_tuple_by_cols(row, desc, 1, &slot_col, &slot_value, &slot_null);
	return PointerGetDatum(row);
}
