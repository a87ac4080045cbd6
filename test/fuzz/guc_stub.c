/*-------------------------------------------------------------------------
 *
 * test/fuzz/guc_stub.c
 *	  For harnesses that do not link src/guc.c: the output language is
 *	  fixed, the language argument parser unused.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <stdlib.h>

#include "xdjy.h"

int			xdjy_language = XDJY_LANG_EN;

XdjyLanguage
xdjy_parse_language(text *lang)
{
	abort();
}
