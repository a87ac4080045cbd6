/*-------------------------------------------------------------------------
 *
 * src/guc.c
 *	  GUC xdjy.language (en | zh): the language labels and explanations are
 *	  printed in, the way DateStyle steers date output.  Input never depends
 *	  on it, so a dump taken under either setting restores.
 *
 *	  GUC xdjy.allow_drop_with_data (superuser only, default off): lets
 *	  DROP EXTENSION xdjy through although users' rows would go with it
 *	  (src/drop_guard.c).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/guc.h"

#include "errors.h"
#include "xdjy.h"

int			xdjy_language = XDJY_LANG_EN;
bool		xdjy_allow_drop_with_data = false;

static const struct config_enum_entry language_options[] = {
	{"en", XDJY_LANG_EN, false},
	{"zh", XDJY_LANG_ZH, false},
	{NULL, 0, false}
};

void
xdjy_guc_init(void)
{
	DefineCustomEnumVariable("xdjy.language",
							 "Language of xdjy labels and explanations (en or zh).",
							 "Input accepts both languages whatever this is set to.",
							 &xdjy_language,
							 XDJY_LANG_EN,
							 language_options,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);

	/*
	 * Superuser only: whoever may drop the extension is its owner, a
	 * superuser (xdjy.control), and the setting must not be something a
	 * role, or ALTER ROLE ... SET by one, can hand itself.
	 */
	DefineCustomBoolVariable("xdjy.allow_drop_with_data",
							 "Lets DROP EXTENSION xdjy drop tables that hold rows users entered.",
							 "Off, such a DROP EXTENSION (or DROP SCHEMA ... CASCADE) fails with YB002; take a pg_dump first.",
							 &xdjy_allow_drop_with_data,
							 false,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);
	MarkGUCPrefixReserved("xdjy");
}

/*
 * A language argument of an SQL function: 'en' or 'zh' (any case); NULL is
 * handled by the caller (functions taking it are STRICT or default it to
 * the GUC).
 */
XdjyLanguage
xdjy_parse_language(text *lang)
{
	char	   *s = text_to_cstring(lang);

	if (pg_strcasecmp(s, "en") == 0)
		return XDJY_LANG_EN;
	if (pg_strcasecmp(s, "zh") == 0)
		return XDJY_LANG_ZH;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid language: \"%s\"", xdjy_clip(s)),
			 errhint("Use \"en\" or \"zh\".")));
	return XDJY_LANG_EN;		/* keep compiler quiet */
}
