/*-------------------------------------------------------------------------
 *
 * src/region.c
 *	  Regions.  The province of a division code is its first two
 *	  digits, its own code those digits and "0000".  The pooling region
 *	  (统筹区) of a county or township is found by walking the parent links
 *	  of xdjy.region up to the nearest pooling region; the scope of a
 *	  treatment (local, intra_province or cross_province) follows from the
 *	  insured pooling region and that of the institution.
 *
 *	  The walk reads the region table from the per-backend cache
 *	  (reference_cache.c), for the settlement engine, the rule triggers and
 *	  xdjy.pooling_region() alike.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "errors.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "reference_cache.h"
#include "region.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(treatment_scope);
PG_FUNCTION_INFO_V1(pooling_region);

/* ------------------------------------------------------------------------
 * Provinces and scopes
 * ------------------------------------------------------------------------
 */

bool
xdjy_same_province(const char *a, const char *b)
{
	return a[0] != '\0' && a[1] != '\0' && a[0] == b[0] && a[1] == b[1];
}

void
xdjy_province_digits(const char *region_code, char *out)
{
	out[0] = region_code[0];
	out[1] = out[0] != '\0' ? region_code[1] : '\0';
	out[2] = '\0';
}

char *
xdjy_province_code(const char *region_code)
{
	char		digits[3];

	xdjy_province_digits(region_code, digits);
	return psprintf("%s0000", digits);
}

XdjyScope
xdjy_scope_of(const char *insured_pooling, const char *treatment_pooling)
{
	if (strcmp(insured_pooling, treatment_pooling) == 0)
		return XDJY_SCOPE_LOCAL;
	if (xdjy_same_province(insured_pooling, treatment_pooling))
		return XDJY_SCOPE_INTRA_PROVINCE;
	return XDJY_SCOPE_CROSS_PROVINCE;
}

const char *
xdjy_scope_name(XdjyScope scope)
{
	switch (scope)
	{
		case XDJY_SCOPE_LOCAL:
			return "local";
		case XDJY_SCOPE_INTRA_PROVINCE:
			return "intra_province";
		case XDJY_SCOPE_CROSS_PROVINCE:
			return "cross_province";
	}
	elog(ERROR, "invalid scope %d", (int) scope);
	return NULL;				/* keep compiler quiet */
}

/* ------------------------------------------------------------------------
 * The region table
 * ------------------------------------------------------------------------
 */

char *
xdjy_pooling_region(const char *region_code)
{
	const XdjyRegionTable *regions = xdjy_cached_regions();
	const char *code = region_code;

	for (int depth = 0; depth <= XDJY_REGION_MAX_DEPTH && code != NULL; depth++)
	{
		const char *parent;
		bool		is_pooling;

		if (!xdjy_region_row(regions, code, &parent, &is_pooling))
			return NULL;
		if (is_pooling)
			return pstrdup(code);
		code = parent;
	}
	return NULL;
}

bool
xdjy_region_exists(const char *region_code, bool *is_pooling)
{
	return xdjy_region_row(xdjy_cached_regions(), region_code, NULL, is_pooling);
}

/* ------------------------------------------------------------------------
 * SQL functions
 * ------------------------------------------------------------------------
 */

static void
check_pooling_code(const char *what, const char *code)
{
	int			i;

	for (i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			break;
	if (i != 6 || code[6] != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s code: \"%s\"", what, xdjy_clip(code)),
				 errhint("A pooling region is a 6-digit administrative division code such as 370100.")));
}

/* xdjy.treatment_scope(insured_region text, treatment_region text) */
Datum
treatment_scope(PG_FUNCTION_ARGS)
{
	char	   *insured = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *treatment = text_to_cstring(PG_GETARG_TEXT_PP(1));

	check_pooling_code("insured region", insured);
	check_pooling_code("treatment region", treatment);
	PG_RETURN_TEXT_P(cstring_to_text(xdjy_scope_name(xdjy_scope_of(insured, treatment))));
}

/*
 * xdjy.pooling_region(region_code text) RETURNS text
 * The caller's answer from the cache: a query of xdjy.region as the caller
 * would need SELECT on it.
 */
Datum
pooling_region(PG_FUNCTION_ARGS)
{
	char	   *code = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *pooling;

	xdjy_cache_check_caller("region");
	pooling = xdjy_pooling_region(code);
	if (pooling == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(pooling));
}
