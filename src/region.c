/*-------------------------------------------------------------------------
 *
 * src/region.c
 *	  Scope of a treatment (SPEC §1): local, intra_province or
 *	  cross_province, from the insured pooling region and the pooling
 *	  region of the institution.  The province is the first two digits of
 *	  an administrative division code.  Walking from an institution's
 *	  county or township up to its pooling region is data (the region
 *	  table), done by xdjy.pooling_region().
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "region.h"

PG_FUNCTION_INFO_V1(treatment_scope);

XdjyScope
xdjy_scope_of(const char *insured_pooling, const char *treatment_pooling)
{
	if (strcmp(insured_pooling, treatment_pooling) == 0)
		return XDJY_SCOPE_LOCAL;
	if (strncmp(insured_pooling, treatment_pooling, 2) == 0)
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
				 errmsg("invalid %s code: \"%s\"", what, code),
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
