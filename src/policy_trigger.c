/*-------------------------------------------------------------------------
 *
 * src/policy_trigger.c
 *	  Policy data rules: a province caps the first self-pay ratio of
 *	  temporary outside treatment (鲁医保发〔2021〕46号 第三条(二): Shandong 10% from
 *	  2022-01-01, inpatient 40% before).  A policy row above the ceiling of
 *	  any date it covers is rejected (YB502), and so is a ceiling below an
 *	  existing row (YB503), so the two tables never disagree.
 *
 *	  Both triggers take one transaction-level advisory lock per province
 *	  before reading the other table, so a policy row and a ceiling written
 *	  at the same time cannot both pass.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/rangetypes.h"

#include "dates.h"
#include "errors.h"
#include "policy_lock.h"
#include "region.h"
#include "restore.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(policy_ceiling_trigger);
PG_FUNCTION_INFO_V1(first_selfpay_ceiling_trigger);

static XdjyPlan ceiling_for_policy = XDJY_PLAN(
	"ceiling for policy",
	"SELECT c.ceiling_bp, c.valid, c.source"
	" FROM xdjy.first_selfpay_ceiling c"
	" WHERE c.province OPERATOR(pg_catalog.=) $1"
	"   AND c.visit_type OPERATOR(pg_catalog.=) $2"
	"   AND c.valid OPERATOR(pg_catalog.&&) $3"
	"   AND c.ceiling_bp OPERATOR(pg_catalog.<) $4"
	" ORDER BY c.ceiling_bp, pg_catalog.lower(c.valid) NULLS FIRST LIMIT 1",
	4, TEXTOID, TEXTOID, DATERANGEOID, INT4OID);

static XdjyPlan policy_above_ceiling = XDJY_PLAN(
	"policy above ceiling",
	"SELECT p.id, p.insured_region, p.scheme, p.first_selfpay_bp, p.valid"
	" FROM xdjy.policy p"
	" WHERE p.category OPERATOR(pg_catalog.=) 'temporary'"
	"   AND p.visit_type OPERATOR(pg_catalog.=) $2"
	"   AND pg_catalog.left(p.insured_region, 2) OPERATOR(pg_catalog.=) $1"
	"   AND p.valid OPERATOR(pg_catalog.&&) $3"
	"   AND p.first_selfpay_bp OPERATOR(pg_catalog.>) $4"
	" ORDER BY p.first_selfpay_bp DESC, p.id LIMIT 1",
	4, TEXTOID, TEXTOID, DATERANGEOID, INT4OID);

/*
 * BEFORE INSERT OR UPDATE ON xdjy.policy: a temporary-outside row's first
 * self-pay ratio must not exceed its insured province's ceiling on any date
 * the row covers (鲁医保发〔2021〕46号 第三条(二)).
 */
Datum
policy_ceiling_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "policy_ceiling_trigger",
										 XDJY_ON_INSERT | XDJY_ON_UPDATE);
	HeapTuple	row = xdjy_trigger_row(td);
	TupleDesc	tupdesc = td->tg_relation->rd_att;
	char	   *insured = xdjy_get_text(row, tupdesc, xdjy_attnum(tupdesc, "insured_region", TEXTOID));
	char	   *scheme = xdjy_get_text(row, tupdesc, xdjy_attnum(tupdesc, "scheme", TEXTOID));
	char	   *category = xdjy_get_text(row, tupdesc, xdjy_attnum(tupdesc, "category", TEXTOID));
	char	   *visit_type = xdjy_get_text(row, tupdesc, xdjy_attnum(tupdesc, "visit_type", TEXTOID));
	bool		isnull;
	int32		first_selfpay_bp;
	Datum		valid;
	char		province[3];
	Datum		args[4];

	first_selfpay_bp = DatumGetInt32(xdjy_get(row, tupdesc,
											  xdjy_attnum(tupdesc, "first_selfpay_bp", INT4OID),
											  &isnull));
	valid = xdjy_get(row, tupdesc, xdjy_attnum(tupdesc, "valid", DATERANGEOID), &isnull);

	/* NOT NULL and CHECK constraints report bad rows after this trigger */
	if (xdjy_restoring() ||
		isnull || insured == NULL || category == NULL || visit_type == NULL ||
		strlen(insured) < 2 || strcmp(category, "temporary") != 0 ||
		first_selfpay_bp <= 0)
		return PointerGetDatum(row);
	if (!isdigit((unsigned char) insured[0]) || !isdigit((unsigned char) insured[1]))
		return PointerGetDatum(row);	/* the region foreign key rejects it */

	xdjy_province_digits(insured, province);
	xdjy_lock_province(province, false);

	xdjy_spi_connect();
	args[0] = CStringGetTextDatum(province);
	args[1] = CStringGetTextDatum(visit_type);
	args[2] = valid;
	args[3] = Int32GetDatum(first_selfpay_bp);
	if (xdjy_plan_execute(&ceiling_for_policy, args, NULL, 1, SPI_OK_SELECT) > 0)
	{
		int32		ceiling = xdjy_spi_int32(0, 1, 0);
		bool		isnull;
		char	   *ceiling_valid = xdjy_iso_daterange(xdjy_spi_value(0, 2, &isnull));
		char	   *source = xdjy_spi_text(0, 3, CurrentMemoryContext);
		char	   *row_valid = xdjy_iso_daterange(valid);

		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FIRST_SELFPAY_CEILING),
				 errdetail("The temporary-outside policy of insured region \"%s\", scheme \"%s\", visit type \"%s\", valid %s, sets a first self-pay ratio of %d bp; province %s caps it at %d bp on %s (%s).",
						   xdjy_clip(insured), xdjy_clip(scheme ? scheme : ""), xdjy_clip(visit_type), row_valid,
						   first_selfpay_bp, province, ceiling, ceiling_valid, xdjy_clip(source)),
				 errhint("The highest first self-pay ratio allowed on %s is %d bp; give dates on either side of the ceiling's bounds their own row.",
						 ceiling_valid, ceiling)));
	}
	xdjy_spi_finish();
	return PointerGetDatum(row);
}

/*
 * BEFORE INSERT OR UPDATE ON xdjy.first_selfpay_ceiling: no existing
 * temporary-outside row of the province may exceed the new ceiling on the
 * dates they share.
 */
Datum
first_selfpay_ceiling_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "first_selfpay_ceiling_trigger",
										 XDJY_ON_INSERT | XDJY_ON_UPDATE);
	HeapTuple	row = xdjy_trigger_row(td);
	TupleDesc	tupdesc = td->tg_relation->rd_att;
	char	   *province = xdjy_get_text(row, tupdesc, xdjy_attnum(tupdesc, "province", TEXTOID));
	char	   *visit_type = xdjy_get_text(row, tupdesc, xdjy_attnum(tupdesc, "visit_type", TEXTOID));
	bool		ceiling_null,
				valid_null;
	int32		ceiling;
	Datum		valid;
	Datum		args[4];

	ceiling = DatumGetInt32(xdjy_get(row, tupdesc,
									 xdjy_attnum(tupdesc, "ceiling_bp", INT4OID),
									 &ceiling_null));
	valid = xdjy_get(row, tupdesc, xdjy_attnum(tupdesc, "valid", DATERANGEOID), &valid_null);

	/* malformed rows are left to the table's constraints */
	if (xdjy_restoring() ||
		province == NULL || visit_type == NULL || ceiling_null || valid_null ||
		strlen(province) != 2 ||
		!isdigit((unsigned char) province[0]) || !isdigit((unsigned char) province[1]))
		return PointerGetDatum(row);

	xdjy_lock_province(province, false);

	xdjy_spi_connect();
	args[0] = CStringGetTextDatum(province);
	args[1] = CStringGetTextDatum(visit_type);
	args[2] = valid;
	args[3] = Int32GetDatum(ceiling);
	if (xdjy_plan_execute(&policy_above_ceiling, args, NULL, 1, SPI_OK_SELECT) > 0)
	{
		int64		policy_id = xdjy_spi_int64(0, 1, 0);
		char	   *insured = xdjy_spi_text(0, 2, CurrentMemoryContext);
		char	   *scheme = xdjy_spi_text(0, 3, CurrentMemoryContext);
		int32		bp = xdjy_spi_int32(0, 4, 0);
		bool		isnull;
		char	   *policy_valid = xdjy_iso_daterange(xdjy_spi_value(0, 5, &isnull));
		char	   *ceiling_valid = xdjy_iso_daterange(valid);

		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CEILING_BELOW_POLICY),
				 errdetail("A first self-pay ceiling of %d bp for province %s, visit type \"%s\", on %s is below policy %lld (insured region \"%s\", scheme \"%s\", valid %s), which sets %d bp.",
						   ceiling, province, xdjy_clip(visit_type), ceiling_valid,
						   (long long) policy_id, xdjy_clip(insured), xdjy_clip(scheme), policy_valid, bp),
				 errhint("Lower or end policy %lld first; the ceiling must be at least %d bp on those dates.",
						 (long long) policy_id, bp)));
	}
	xdjy_spi_finish();
	return PointerGetDatum(row);
}

