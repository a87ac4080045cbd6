/*-------------------------------------------------------------------------
 *
 * src/encounter_trigger.c
 *	  Rules on xdjy.encounter, on every INSERT and UPDATE.
 *
 *	  - a stay is not discharged before it is admitted;
 *	  - pharmacy purchases happen at pharmacies, care at hospitals
 *	    (定点药店购药 vs 定点医疗机构, 济宁市医保局 异地就医十项便民措施 第五条(三));
 *	  - outside tests or drugs during a stay attach to that stay
 *	    (《住院期间外院检查治疗或定点药店购药单》, 济宁市医保局 异地就医十项便民措施 第五条(三), 鲁医保发〔2022〕26号 第二条(六)):
 *	    attached_to names an inpatient stay of the same person whose dates
 *	    cover the service date, and only outpatient, chronic outpatient or
 *	    pharmacy visits attach;
 *	  - a stay cannot be updated so that it no longer covers what is
 *	    attached to it, nor an encounter so that a fee line (2301) falls
 *	    outside its days (鲁医保发〔2022〕26号 第三条(四)).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "errors.h"
#include "owner.h"
#include "reference.h"
#include "restore.h"
#include "row_access.h"
#include "spi_plans.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(encounter_rules_trigger);

typedef struct EncounterRow
{
	int64		id;
	char	   *person_id;
	char	   *institution;
	char	   *visit_type;
	DateADT		admitted_on;
	bool		discharged_null;
	DateADT		discharged_on;
	bool		attached_null;
	int64		attached_to;
} EncounterRow;

static bool
read_encounter(HeapTuple t, TupleDesc d, EncounterRow *e)
{
	bool		isnull;
	bool		complete = true;
	Datum		v;

	memset(e, 0, sizeof(*e));
	v = xdjy_col(t, d, "id", &isnull);
	complete &= !isnull;
	e->id = isnull ? 0 : DatumGetInt64(v);
	e->person_id = xdjy_col_text(t, d, "person_id");
	e->institution = xdjy_col_text(t, d, "institution_code");
	e->visit_type = xdjy_col_text(t, d, "visit_type");
	complete &= e->person_id != NULL && e->institution != NULL && e->visit_type != NULL;
	v = xdjy_col(t, d, "admitted_on", &isnull);
	complete &= !isnull;
	e->admitted_on = isnull ? 0 : DatumGetDateADT(v);
	v = xdjy_col(t, d, "discharged_on", &isnull);
	e->discharged_null = isnull;
	e->discharged_on = isnull ? 0 : DatumGetDateADT(v);
	v = xdjy_col(t, d, "attached_to", &isnull);
	e->attached_null = isnull;
	e->attached_to = isnull ? 0 : DatumGetInt64(v);
	return complete;
}

static XdjyPlan plan_person = XDJY_PLAN("plan_person",
	"SELECT 1 FROM xdjy.person p WHERE p.id OPERATOR(pg_catalog.=) $1",
	1, TEXTOID);

static XdjyPlan plan_institution = XDJY_PLAN("plan_institution",
	"SELECT i.kind FROM xdjy.institution i WHERE i.code OPERATOR(pg_catalog.=) $1",
	1, TEXTOID);

/* the stay, locked so that it cannot shrink under a new attachment */
static XdjyPlan plan_stay = XDJY_PLAN("plan_stay",
	"SELECT e.person_id, e.visit_type, e.admitted_on, e.discharged_on"
	" FROM xdjy.encounter e WHERE e.id OPERATOR(pg_catalog.=) $1 FOR SHARE",
	1, INT8OID);

/* what is attached to a stay and falls outside it (or is someone else's) */
static XdjyPlan plan_uncovered = XDJY_PLAN("plan_uncovered",
	"SELECT a.id, a.admitted_on, a.person_id FROM xdjy.encounter a"
	" WHERE a.attached_to OPERATOR(pg_catalog.=) $1"
	" AND ($2 OPERATOR(pg_catalog.<>) 'inpatient'"
	"  OR a.person_id OPERATOR(pg_catalog.<>) $3"
	"  OR a.admitted_on OPERATOR(pg_catalog.<) $4"
	"  OR a.admitted_on OPERATOR(pg_catalog.>) COALESCE($5, 'infinity'::pg_catalog.date))"
	" ORDER BY a.id LIMIT 1",
	5, INT8OID, TEXTOID, TEXTOID, DATEOID, DATEOID);

/* a fee line (2301) of the encounter outside the given days */
static XdjyPlan plan_line_outside = XDJY_PLAN("plan_line_outside",
	"SELECT f.feedetl_sn, pg_catalog.date(f.fee_ocur_time) FROM xdjy.fee_detail f"
	" WHERE f.encounter_id OPERATOR(pg_catalog.=) $1"
	" AND (pg_catalog.date(f.fee_ocur_time) OPERATOR(pg_catalog.<) $2"
	"  OR pg_catalog.date(f.fee_ocur_time) OPERATOR(pg_catalog.>) $3)"
	" ORDER BY f.fee_ocur_time, f.id LIMIT 1",
	3, INT8OID, DATEOID, DATEOID);

static const char *
opt_date(bool isnull, DateADT d)
{
	return isnull ? "(not yet)" : xdjy_iso_date(d);
}

static void
check_attachment(EncounterRow *e)
{
	Datum		v[1];
	bool		isnull;
	char	   *person;
	char	   *type;
	DateADT		from;
	bool		to_null;
	DateADT		to;

	/* 济宁市医保局 异地就医十项便民措施 第五条(三): tests, treatment or drugs bought outside during a stay */
	if (strcmp(e->visit_type, "inpatient") == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_ATTACH_TYPE),
				 errdetail("Encounter %lld is an inpatient stay and names attached_to %lld.",
						   (long long) e->id, (long long) e->attached_to),
				 errhint("Only outpatient, chronic outpatient and pharmacy visits during a stay attach to it (济宁市医保局 异地就医十项便民措施 第五条(三)).")));

	v[0] = Int64GetDatum(e->attached_to);
	if (xdjy_run(&plan_stay, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Encounter %lld names attached_to %lld, which is not in xdjy.encounter.",
						   (long long) e->id, (long long) e->attached_to),
				 errhint("Insert the inpatient stay first, then what is attached to it.")));
	person = xdjy_res_text(1);
	type = xdjy_res_text(2);
	from = DatumGetDateADT(xdjy_res(3, &isnull));
	to = DatumGetDateADT(xdjy_res(4, &to_null));

	/* a stay the acting role may not read is not described (row_access.h) */
	{
		int			bad = strcmp(type, "inpatient") != 0 ? ERRCODE_XDJY_ENCOUNTER_ATTACH_NOT_STAY
			: strcmp(person, e->person_id) != 0 ? ERRCODE_XDJY_ENCOUNTER_ATTACH_PERSON
			: (e->admitted_on < from || (!to_null && e->admitted_on > to)) ? ERRCODE_XDJY_ENCOUNTER_ATTACH_OUTSIDE
			: 0;

		if (bad != 0 && !xdjy_sees_id("encounter", e->attached_to))
			xdjy_hidden_conflict(bad,
								 psprintf("Encounter %lld of person \"%s\" on %s, attached to stay %lld,",
										  (long long) e->id, xdjy_clip(e->person_id),
										  xdjy_iso_date(e->admitted_on), (long long) e->attached_to),
								 psprintf("参保人 \"%s\" 于 %s 的就诊记录 %lld（附属于住院记录 %lld）",
										  xdjy_clip(e->person_id), xdjy_iso_date(e->admitted_on),
										  (long long) e->id, (long long) e->attached_to),
								 "stay", "住院记录");
	}
	if (strcmp(type, "inpatient") != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_ATTACH_NOT_STAY),
				 errdetail("Encounter %lld names attached_to %lld, which is a visit of type %s.",
						   (long long) e->id, (long long) e->attached_to, xdjy_clip(type)),
				 errhint("attached_to names the inpatient stay during which the outside test or purchase happened (鲁医保发〔2022〕26号 第二条(六)).")));
	if (strcmp(person, e->person_id) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_ATTACH_PERSON),
				 errdetail("Encounter %lld is person \"%s\"'s; stay %lld is person \"%s\"'s.",
						   (long long) e->id, xdjy_clip(e->person_id), (long long) e->attached_to, xdjy_clip(person)),
				 errhint("Attach the visit to a stay of person \"%s\".", xdjy_clip(e->person_id))));
	if (e->admitted_on < from || (!to_null && e->admitted_on > to))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_ATTACH_OUTSIDE),
				 errdetail("Encounter %lld on %s is attached to stay %lld from %s to %s.",
						   (long long) e->id, xdjy_iso_date(e->admitted_on),
						   (long long) e->attached_to, xdjy_iso_date(from), opt_date(to_null, to)),
				 errhint("Attach only what happened between admission and discharge, %s to %s; anything else is a visit of its own.",
						 xdjy_iso_date(from), opt_date(to_null, to))));
}

static Datum
encounter_rules_body(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "encounter_rules_trigger", true);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	row;
	EncounterRow e;
	Datum		v[5];
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};
	char	   *kind;
	bool		is_pharmacy_visit;

	row = xdjy_trigger_new_row(td, "encounter_rules_trigger");

	if (xdjy_restoring() || !read_encounter(row, desc, &e))
		return PointerGetDatum(row);

	xdjy_require_finite(e.admitted_on, "admitted_on");
	if (!e.discharged_null)
	{
		xdjy_require_finite(e.discharged_on, "discharged_on");
		if (e.discharged_on < e.admitted_on)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_DISCHARGE_BEFORE_ADMISSION),
					 errdetail("Encounter %lld of person \"%s\" is admitted on %s and discharged on %s.",
							   (long long) e.id, xdjy_clip(e.person_id), xdjy_iso_date(e.admitted_on),
							   xdjy_iso_date(e.discharged_on)),
					 errhint("The discharge date is on or after %s.", xdjy_iso_date(e.admitted_on))));
	}

	xdjy_spi_connect();
	v[0] = CStringGetTextDatum(e.person_id);
	if (xdjy_run(&plan_person, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Encounter %lld names person \"%s\", who is not in xdjy.person.",
						   (long long) e.id, xdjy_clip(e.person_id)),
				 errhint("Insert the insured person into xdjy.person first.")));
	v[0] = CStringGetTextDatum(e.institution);
	if (xdjy_run(&plan_institution, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Encounter %lld names institution \"%s\", which is not in xdjy.institution.",
						   (long long) e.id, xdjy_clip(e.institution)),
				 errhint("Use a fixmedins_code from xdjy.institution.")));
	kind = xdjy_res_text(1);
	is_pharmacy_visit = strcmp(e.visit_type, "pharmacy") == 0;
	if (is_pharmacy_visit != (strcmp(kind, "pharmacy") == 0))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_KIND_MISMATCH),
				 errdetail("Encounter %lld is a %s visit at %s \"%s\".",
						   (long long) e.id, xdjy_clip(e.visit_type), xdjy_clip(kind), xdjy_clip(e.institution)),
				 is_pharmacy_visit
				 ? errhint("A pharmacy purchase (定点药店购药) happens at an institution of kind pharmacy.")
				 : errhint("At a pharmacy the visit type is pharmacy; inpatient and outpatient care happen at hospitals.")));

	if (!e.attached_null)
		check_attachment(&e);

	/* a stay keeps covering what is attached to it */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		v[0] = Int64GetDatum(e.id);
		v[1] = CStringGetTextDatum(e.visit_type);
		v[2] = CStringGetTextDatum(e.person_id);
		v[3] = DateADTGetDatum(e.admitted_on);
		v[4] = DateADTGetDatum(e.discharged_on);
		nulls[4] = e.discharged_null ? 'n' : ' ';
		if (xdjy_run(&plan_uncovered, v, nulls, 1) == 1)
		{
			bool		isnull;

			if (!xdjy_sees_id("encounter", DatumGetInt64(xdjy_res(1, &isnull))))
				xdjy_hidden_conflict(ERRCODE_XDJY_ENCOUNTER_STAY_UNCOVERS,
									 psprintf("Stay %lld of person \"%s\" from %s to %s",
											  (long long) e.id, xdjy_clip(e.person_id), xdjy_iso_date(e.admitted_on),
											  opt_date(e.discharged_null, e.discharged_on)),
									 psprintf("参保人 \"%s\" 自 %s 至 %s 的住院记录 %lld",
											  xdjy_clip(e.person_id), xdjy_iso_date(e.admitted_on),
											  opt_date(e.discharged_null, e.discharged_on), (long long) e.id),
									 "visit attached to it", "附属就诊记录");

			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_STAY_UNCOVERS),
					 errdetail("Encounter %lld of person \"%s\" on %s is attached to stay %lld; the stay would become visit type %s of person \"%s\" from %s to %s.",
							   (long long) DatumGetInt64(xdjy_res(1, &isnull)),
							   xdjy_clip(xdjy_res_text(3)),
							   xdjy_iso_date(DatumGetDateADT(xdjy_res(2, &isnull))),
							   (long long) e.id, xdjy_clip(e.visit_type), xdjy_clip(e.person_id), xdjy_iso_date(e.admitted_on),
							   opt_date(e.discharged_null, e.discharged_on)),
					 errhint("Detach or correct the attached encounters first (set attached_to to NULL or to the right stay).")));
		}

		/*
		 * the fee lines keep lying within it (as the pricing trigger
		 * requires of each line): a line inserted meanwhile holds the
		 * encounter FOR SHARE, so this update waits for it and reads it
		 */
		if (OidIsValid(get_relname_relid("fee_detail", RelationGetNamespace(td->tg_relation))))
		{
			bool		stay = strcmp(e.visit_type, "inpatient") == 0;
			DateADT		last = e.discharged_null ? (stay ? DATEVAL_NOEND : e.admitted_on)
				: Max(e.discharged_on, e.admitted_on);
			bool		isnull;

			v[0] = Int64GetDatum(e.id);
			v[1] = DateADTGetDatum(e.admitted_on);
			v[2] = DateADTGetDatum(last);
			if (xdjy_run_latest(&plan_line_outside, v, NULL, 1) == 1)
				ereport(ERROR,
						(xdjy_errcode(ERRCODE_XDJY_ENCOUNTER_UNCOVERS_FEE_LINES),
						 errdetail("Fee line \"%s\" of encounter %lld is dated %s; the encounter would become %s from %s to %s.",
								   xdjy_clip(xdjy_res_text(1)), (long long) e.id,
								   xdjy_iso_date(DatumGetDateADT(xdjy_res(2, &isnull))),
								   xdjy_clip(e.visit_type), xdjy_iso_date(e.admitted_on),
								   last == DATEVAL_NOEND ? xdjy_tr(XDJY_N_("discharge")) : xdjy_iso_date(last)),
						 errhint("Revoke or correct the fee lines first (xdjy.revoke_fee_details), or keep the dates covering them.")));
		}
	}
	xdjy_spi_finish();
	return PointerGetDatum(row);
}

/* as the table's owner, with the search path pg_catalog (owner.c) */
Datum
encounter_rules_trigger(PG_FUNCTION_ARGS)
{
	return xdjy_trigger_as_owner(fcinfo, encounter_rules_body);
}
