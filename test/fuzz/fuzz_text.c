/*-------------------------------------------------------------------------
 *
 * test/fuzz/fuzz_text.c
 *	  libFuzzer targets for xdjy's other C parsers of text input, called
 *	  through their SQL entry points (fmgr) the way the server calls them.
 *	  The target is chosen at build time with -DFUZZ_TARGET_<NAME>:
 *	  REGION    treatment_scope(insured, treatment): two 6-digit pooling
 *	            region codes (src/region.c, SPEC §1)
 *	  LANGUAGE  xdjy_parse_language(lang): en or zh in any case
 *	            (src/guc.c; label(), explain_settlement())
 *	  Every input either returns a value equal to what an independent
 *	  oracle in this file computes, or raises ERROR with the one SQLSTATE
 *	  the function documents (22023 for these) exactly when the oracle
 *	  says the input is invalid.  Anything else (another code, a wrong
 *	  result, a crash, a read past the end under ASan, undefined behaviour
 *	  under UBSan) aborts and is a finding.
 *
 *	  Input format: the bytes up to the first NUL (a server text never
 *	  holds one); two-argument targets split them at the first '|'.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "fuzz.h"
#include "region.h"
#include "xdjy.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Call fn with text arguments; false if it raised ERROR (code in fuzz_sqlstate). */
static bool
call_text_fn(PGFunction fn, int nargs, const char **argv, Datum *result)
{
	LOCAL_FCINFO(fcinfo, 4);
	int			i;

	InitFunctionCallInfoData(*fcinfo, NULL, nargs, InvalidOid, NULL, NULL);
	for (i = 0; i < nargs; i++)
	{
		fcinfo->args[i].value = PointerGetDatum(cstring_to_text(argv[i]));
		fcinfo->args[i].isnull = false;
	}
	if (sigsetjmp(fuzz_jmp, 0) != 0)
		return false;
	*result = fn(fcinfo);
	if (fcinfo->isnull)
		abort();				/* these functions never return NULL */
	return true;
}

static void
expect_error(bool ok, bool valid, int sqlstate)
{
	if (ok != valid)
		abort();
	if (!ok && fuzz_sqlstate != sqlstate)
		abort();
}

static bool
is_pooling_code(const char *s)
{
	int			i;

	for (i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[6] == '\0';
}

#if defined(FUZZ_TARGET_REGION)

extern Datum treatment_scope(PG_FUNCTION_ARGS);

static void
fuzz_one(char *s)
{
	char	   *bar = strchr(s, '|');
	const char *argv[2];
	Datum		r;
	bool		ok;
	bool		valid;

	argv[0] = s;
	argv[1] = "370100";
	if (bar)
	{
		*bar = '\0';
		argv[1] = bar + 1;
	}
	valid = is_pooling_code(argv[0]) && is_pooling_code(argv[1]);
	ok = call_text_fn(treatment_scope, 2, argv, &r);
	expect_error(ok, valid, ERRCODE_INVALID_PARAMETER_VALUE);
	if (ok)
	{
		/* SPEC §1: same code local, same first two digits intra-province */
		const char *want = strcmp(argv[0], argv[1]) == 0 ? "local"
			: strncmp(argv[0], argv[1], 2) == 0 ? "intra_province" : "cross_province";

		if (strcmp(text_to_cstring(DatumGetTextPP(r)), want) != 0)
			abort();
	}
}

#elif defined(FUZZ_TARGET_LANGUAGE)

/* src/guc.c also defines the GUC; the harness never calls that part */
void
DefineCustomEnumVariable(const char *name, const char *short_desc,
						 const char *long_desc, int *valueAddr, int bootValue,
						 const struct config_enum_entry *options,
						 GucContext context, int flags,
						 GucEnumCheckHook check_hook,
						 GucEnumAssignHook assign_hook, GucShowHook show_hook)
{
	abort();
}

void
MarkGUCPrefixReserved(const char *className)
{
	abort();
}

static void
fuzz_one(char *s)
{
	volatile XdjyLanguage lang = XDJY_LANG_EN;
	bool		ok = false;
	bool		en = (s[0] | 0x20) == 'e' && (s[1] | 0x20) == 'n' && s[2] == '\0';
	bool		zh = (s[0] | 0x20) == 'z' && (s[1] | 0x20) == 'h' && s[2] == '\0';

	if (sigsetjmp(fuzz_jmp, 0) == 0)
	{
		lang = xdjy_parse_language(cstring_to_text(s));
		ok = true;
	}
	expect_error(ok, en || zh, ERRCODE_INVALID_PARAMETER_VALUE);
	if (ok && lang != (en ? XDJY_LANG_EN : XDJY_LANG_ZH))
		abort();
}

#else
#error "define one FUZZ_TARGET_..."
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	fuzz_one(s);
	free(s);
	fuzz_reset();
	return 0;
}
