/*-------------------------------------------------------------------------
 *
 * test/fuzz/fuzz_text.c
 *	  libFuzzer targets for xdjy's other C parsers of text input, called
 *	  through their SQL entry points (fmgr) the way the server calls them.
 *	  The target is chosen at build time with -DFUZZ_TARGET_<NAME>:
 *	  REGION    treatment_scope(insured, treatment): two 6-digit pooling
 *	            region codes (src/region.c, SPEC §1)
 *	  LANGUAGE  xdjy_parse_language(lang): en or zh in any case
 *	            (src/guc.c; label(), explain_settlement(), reporting_label())
 *	  PROVINCE  province_of(code): a 6- or 9-digit division code to its
 *	            province (src/reporting.c, SPEC §1)
 *	  REPORTING reporting_label(code, lang), kpi_target_bp(kpi),
 *	            coverage_minimum(gap): the codes of the reporting views
 *	            (src/reporting.c; 004 §一, 003 §二)
 *	  REASON    xdjy_reason_from_name(name): the stored category_reason of
 *	            a settlement read back (src/settlement.c, explain)
 *	  Every input either returns a value equal to what an independent
 *	  oracle in this file computes, or raises ERROR with the one SQLSTATE
 *	  the function documents (22023 for all of them) exactly when the oracle
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

#elif defined(FUZZ_TARGET_PROVINCE)

extern Datum province_of(PG_FUNCTION_ARGS);

static void
fuzz_one(char *s)
{
	const char *argv[1] = {s};
	size_t		len = strlen(s);
	bool		valid = len == 6 || len == 9;
	Datum		r;
	bool		ok;
	size_t		i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			valid = false;
	ok = call_text_fn(province_of, 1, argv, &r);
	expect_error(ok, valid, ERRCODE_INVALID_PARAMETER_VALUE);
	if (ok)
	{
		char		want[7];

		/* SPEC §1: the province is the first two digits, its code + 0000 */
		snprintf(want, sizeof(want), "%c%c0000", s[0], s[1]);
		if (strcmp(text_to_cstring(DatumGetTextPP(r)), want) != 0)
			abort();
	}
}

#elif defined(FUZZ_TARGET_REPORTING)

extern Datum reporting_label(PG_FUNCTION_ARGS);
extern Datum kpi_target_bp(PG_FUNCTION_ARGS);
extern Datum coverage_minimum(PG_FUNCTION_ARGS);

/* the codes of the reporting views (SPEC §4), written out independently */
static const char *const codes[] = {
	"missing_at_insured", "missing_at_treatment", "missing_at_national",
	"amount_differs", "unknown_settlement", "done", "open", "overdue",
	"awaiting_materials", "network_success", "cross_province_inpatient_direct",
	"township_inpatient", "county_chronic", "institution", "insured_region",
	"treatment_region"
};

static bool
is_one_of(const char *s, const char *const *list, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static void
fuzz_one(char *s)
{
	char	   *bar = strchr(s, '|');
	const char *argv[2];
	const char *lang = "en";
	static const char *const kpis[] = {"network_success", "cross_province_inpatient_direct"};
	static const char *const gaps[] = {"township_inpatient", "county_chronic"};
	Datum		r;
	bool		ok;
	bool		lang_ok;

	if (bar)
	{
		*bar = '\0';
		lang = bar + 1;
	}
	lang_ok = (lang[0] | 0x20) == 'e' ? ((lang[1] | 0x20) == 'n' && lang[2] == '\0')
		: (lang[0] | 0x20) == 'z' && (lang[1] | 0x20) == 'h' && lang[2] == '\0';

	/* reporting_label: the language is parsed before the code is looked up */
	argv[0] = s;
	argv[1] = lang;
	ok = call_text_fn(reporting_label, 2, argv, &r);
	expect_error(ok, lang_ok && is_one_of(s, codes, lengthof(codes)),
				 ERRCODE_INVALID_PARAMETER_VALUE);
	if (ok && VARSIZE_ANY_EXHDR(DatumGetTextPP(r)) == 0)
		abort();

	/* 004 §一: 98% and 80% */
	ok = call_text_fn(kpi_target_bp, 1, argv, &r);
	expect_error(ok, is_one_of(s, kpis, 2), ERRCODE_INVALID_PARAMETER_VALUE);
	if (ok && DatumGetInt32(r) != (strcmp(s, kpis[0]) == 0 ? 9800 : 8000))
		abort();

	/* 003 §二(一)(二): one networked inpatient institution, two chronic */
	ok = call_text_fn(coverage_minimum, 1, argv, &r);
	expect_error(ok, is_one_of(s, gaps, 2), ERRCODE_INVALID_PARAMETER_VALUE);
	if (ok && DatumGetInt32(r) != (strcmp(s, gaps[0]) == 0 ? 1 : 2))
		abort();
}

#elif defined(FUZZ_TARGET_REASON)

#include "settlement.h"

static void
fuzz_one(char *s)
{
	volatile int reason = -2;

	if (sigsetjmp(fuzz_jmp, 0) == 0)
		reason = xdjy_reason_from_name(s);
	else
		abort();				/* a lookup never raises */
	if (reason == -1)
		return;
	if (reason < 0 || reason >= XDJY_NUM_REASONS)
		abort();
	/* the name found prints back as the input */
	if (strcmp(xdjy_reason_name((XdjyCategoryReason) reason), s) != 0)
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
