/*-------------------------------------------------------------------------
 *
 * test/fuzz/pg_stubs.c
 *	  Just enough of the backend for libFuzzer to drive xdjy's text parsers
 *	  outside a server: ereport() becomes a longjmp back to the harness,
 *	  carrying the SQLSTATE; memory comes from malloc.  Functions the
 *	  parsers never reach (fmgr glue of the SQL-callable wrappers) abort.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdlib.h>

#include "fuzz.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

sigjmp_buf	fuzz_jmp;
int			fuzz_sqlstate;
int			fuzz_elevel;

bool
errstart(int elevel, const char *domain)
{
	fuzz_elevel = elevel;
	fuzz_sqlstate = 0;
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	if (fuzz_elevel >= ERROR)
		siglongjmp(fuzz_jmp, 1);
}

int
errcode(int sqlerrcode)
{
	fuzz_sqlstate = sqlerrcode;
	return 0;
}

/* the message text is not checked: format it to catch format bugs */
#define FORMAT_AND_DROP(fmt) \
	do { \
		char		buf_[1024]; \
		va_list		ap_; \
		va_start(ap_, fmt); \
		vsnprintf(buf_, sizeof(buf_), fmt, ap_); \
		va_end(ap_); \
	} while (0)

int
errmsg(const char *fmt,...)
{
	FORMAT_AND_DROP(fmt);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	FORMAT_AND_DROP(fmt);
	return 0;
}

int
errdetail(const char *fmt,...)
{
	FORMAT_AND_DROP(fmt);
	return 0;
}

int
errhint(const char *fmt,...)
{
	FORMAT_AND_DROP(fmt);
	return 0;
}

int
GetDatabaseEncoding(void)
{
	return PG_UTF8;
}

/* never reached by the parsers */
#define UNREACHED(decl) decl { abort(); }
UNREACHED(char *pstrdup(const char *in))
UNREACHED(void *palloc(Size size))
UNREACHED(text *cstring_to_text(const char *s))
UNREACHED(char *text_to_cstring(const text *t))
UNREACHED(unsigned int pq_getmsgint(StringInfo msg, int b))
UNREACHED(void pq_begintypsend(StringInfo buf))
UNREACHED(bytea *pq_endtypsend(StringInfo buf))
UNREACHED(void enlargeStringInfo(StringInfo str, int needed))
UNREACHED(struct varlena *pg_detoast_datum_packed(struct varlena *datum))

/* src/guc.c is not linked: output language fixed, argument parsing unused */
#include "xdjy.h"
int			xdjy_language = XDJY_LANG_EN;
UNREACHED(XdjyLanguage xdjy_parse_language(text *lang))
