/*-------------------------------------------------------------------------
 *
 * test/fuzz/fuzz_label.c
 *	  libFuzzer target for the text input of xdjy's label types
 *	  (residence_category, filing_status; the type is chosen at build time
 *	  with -DFUZZ_TYPE=...).  Properties checked on every input:
 *	  - parsing either returns a valid code or raises ERROR with SQLSTATE
 *	    22P02 (never another code, never a crash, never a read past the end);
 *	  - a returned code prints in English and in Chinese, and both labels
 *	    parse back to the same code (input/output round-trip).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "label_type.h"

#ifndef FUZZ_TYPE
#define FUZZ_TYPE xdjy_residence_category
#endif

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int32
parse_or_fail(const char *s, int *failed)
{
	volatile int32 code = 0;

	*failed = 0;
	if (sigsetjmp(fuzz_jmp, 0) == 0)
		code = xdjy_label_parse(&FUZZ_TYPE, s);
	else
		*failed = 1;
	return code;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);
	int			failed;
	int32		code;

	/* a cstring, as the type input function receives: stop at a NUL */
	memcpy(s, data, size);
	s[size] = '\0';

	code = parse_or_fail(s, &failed);
	if (failed)
	{
		if (fuzz_sqlstate != ERRCODE_INVALID_TEXT_REPRESENTATION)
			abort();
	}
	else
	{
		const char *labels[2];
		int			i;

		if (xdjy_label_lookup(&FUZZ_TYPE, code) == NULL)
			abort();
		labels[0] = xdjy_label_text(&FUZZ_TYPE, code, XDJY_LANG_EN);
		labels[1] = xdjy_label_text(&FUZZ_TYPE, code, XDJY_LANG_ZH);
		for (i = 0; i < 2; i++)
		{
			int32		again = parse_or_fail(labels[i], &failed);

			if (failed || again != code)
				abort();
		}
	}
	free(s);
	fuzz_reset();
	return 0;
}
