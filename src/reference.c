/*-------------------------------------------------------------------------
 *
 * src/reference.c
 *	  Rules on reference data (persons, institutions) and the helpers the
 *	  filing and encounter triggers share.
 *
 *	  a person's insured region (参保地) is a pooling region
 *	  (统筹区); an institution lies in a region that belongs to one, so the
 *	  treatment place of every encounter is defined (鲁医保发〔2021〕46号 第三条(四): filings
 *	  name regions, institutions are found in them).  (鲁医保发〔2021〕46号 第三条(四)) is
 *	  kept true when a person's insured region changes.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/acl.h"
#include "utils/builtins.h"

#include "errors.h"
#include "reference.h"
#include "region.h"
#include "restore.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(person_rules_trigger);
PG_FUNCTION_INFO_V1(institution_rules_trigger);
PG_FUNCTION_INFO_V1(operator_region_rules_trigger);

/* ------------------------------------------------------------------------
 * Shared helpers
 * ------------------------------------------------------------------------
 */

static XdjyPlan plan_lock_person = XDJY_PLAN("plan_lock_person",
	"SELECT p.insured_region, p.scheme FROM xdjy.person p"
	" WHERE p.id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE",
	1, TEXTOID);

void
xdjy_lock_person(const char *person_id, char **insured_region, char **scheme)
{
	Datum		v[1];

	v[0] = CStringGetTextDatum(person_id);
	if (xdjy_run(&plan_lock_person, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("No row of xdjy.person has id \"%s\".", xdjy_clip(person_id)),
				 errhint("Insert the insured person into xdjy.person first.")));
	if (insured_region)
		*insured_region = xdjy_res_text(1);
	if (scheme)
		*scheme = xdjy_res_text(2);
}


/* ------------------------------------------------------------------------
 * person: the insured region is a pooling region
 * ------------------------------------------------------------------------
 */

static XdjyPlan plan_filing_to = XDJY_PLAN("plan_filing_to",
	"SELECT f.id FROM xdjy.filing f"
	" WHERE f.person_id OPERATOR(pg_catalog.=) $1"
	" AND f.destination_region OPERATOR(pg_catalog.=) $2"
	" AND f.status OPERATOR(xdjy.=) 'active'::xdjy.filing_status LIMIT 1",
	2, TEXTOID, TEXTOID);

Datum
person_rules_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "person_rules_trigger", true);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	row;
	char	   *id;
	char	   *region;
	char	   *pooling;
	bool		is_pooling;

	row = xdjy_trigger_new_row(td, "person_rules_trigger");

	if (xdjy_restoring())
		return PointerGetDatum(row);

	id = xdjy_col_text(row, desc, "id");
	region = xdjy_col_text(row, desc, "insured_region");
	if (id == NULL || region == NULL)
		return PointerGetDatum(row);	/* NOT NULL constraints say so */
	/* decided when the insured region is set, not on every later UPDATE */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		char	   *old_region = xdjy_col_text(td->tg_trigtuple, desc, "insured_region");

		if (old_region != NULL && strcmp(old_region, region) == 0)
			return PointerGetDatum(row);
	}

	xdjy_spi_connect();
	/* an unknown region is the foreign key's to report (23503) */
	if (!xdjy_region_exists(region, &is_pooling))
	{
		xdjy_spi_finish();
		return PointerGetDatum(row);
	}
	if (!is_pooling)
	{
		pooling = xdjy_pooling_region(region);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INSURED_REGION_NOT_POOLING),
				 errdetail("Person \"%s\" names insured region \"%s\"; a person is insured in a pooling region (统筹区).", xdjy_clip(id), xdjy_clip(region)),
				 pooling ? errhint("The pooling region of \"%s\" is \"%s\".", xdjy_clip(region), xdjy_clip(pooling))
				 : errhint("Use a region with is_pooling = true.")));
	}

	/* 鲁医保发〔2021〕46号 第三条(四): no active filing may point at the insured region */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		Datum		v[2];

		v[0] = CStringGetTextDatum(id);
		v[1] = CStringGetTextDatum(region);
		if (xdjy_run(&plan_filing_to, v, NULL, 1) == 1)
		{
			bool		isnull;
			int64		fid = DatumGetInt64(xdjy_res(1, &isnull));

			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_INSURED_REGION_IS_DESTINATION),
					 errdetail("Person \"%s\" has active filing %lld to \"%s\".", xdjy_clip(id), (long long) fid, xdjy_clip(region)),
					 errhint("Cancel or terminate filing %lld before moving the person's insurance to \"%s\".", (long long) fid, xdjy_clip(region))));
		}
	}
	xdjy_spi_finish();
	return PointerGetDatum(row);
}

/* ------------------------------------------------------------------------
 * institution: lies under a pooling region
 * ------------------------------------------------------------------------
 */

Datum
institution_rules_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "institution_rules_trigger", true);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	row;
	char	   *code;
	char	   *region;

	row = xdjy_trigger_new_row(td, "institution_rules_trigger");

	if (xdjy_restoring())
		return PointerGetDatum(row);

	code = xdjy_col_text(row, desc, "code");
	region = xdjy_col_text(row, desc, "region_code");
	if (code == NULL || region == NULL)
		return PointerGetDatum(row);
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		char	   *old_region = xdjy_col_text(td->tg_trigtuple, desc, "region_code");

		if (old_region != NULL && strcmp(old_region, region) == 0)
			return PointerGetDatum(row);
	}

	xdjy_spi_connect();
	/* an unknown region is the foreign key's to report (23503) */
	if (!xdjy_region_exists(region, NULL))
	{
		xdjy_spi_finish();
		return PointerGetDatum(row);
	}
	if (xdjy_pooling_region(region) == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INSTITUTION_OUTSIDE_POOLING),
				 errdetail("Institution \"%s\" is in region \"%s\", and neither it nor any region above it is a pooling region.", xdjy_clip(code), xdjy_clip(region)),
				 errhint("Place the institution in a city or county under a pooling region (统筹区), e.g. 370102 under 370100.")));
	xdjy_spi_finish();
	return PointerGetDatum(row);
}


/* ------------------------------------------------------------------------
 * operator_region: the grant names a role the server knows
 * ------------------------------------------------------------------------
 */

/*
 * A grant to a name that is no role would lie in wait: whoever later
 * creates a role of that name would work on those regions at once.  So a
 * row is written only for an existing role.  Roles belong to the cluster
 * and pg_dump does not dump them, so a restore takes the rows as they were
 * (xdjy_restoring), and a role dropped later leaves its rows behind
 * without blocking the drop: they grant nothing (operator_regions() joins
 * pg_roles) until the admin deletes them or the role comes back.
 */
Datum
operator_region_rules_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "operator_region_rules_trigger", true);
	TupleDesc	desc = td->tg_relation->rd_att;
	HeapTuple	row;
	Datum		d;
	bool		isnull;
	char	   *role;

	row = xdjy_trigger_new_row(td, "operator_region_rules_trigger");
	if (xdjy_restoring())
		return PointerGetDatum(row);

	/* role is of type name, not text */
	d = xdjy_col(row, desc, "role", &isnull);
	role = isnull ? NULL : NameStr(*DatumGetName(d));
	if (role != NULL && !OidIsValid(get_role_oid(role, true)))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_OPERATOR_ROLE_UNKNOWN),
				 errdetail("Role \"%s\" does not exist.", xdjy_clip(role)),
				 errhint("Create the role first (CREATE ROLE ... IN ROLE xdjy_operator), then grant it its regions.")));
	return PointerGetDatum(row);
}
