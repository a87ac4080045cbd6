/*-------------------------------------------------------------------------
 *
 * test/fuzz/pg_stubs.c
 *	  Just enough of the backend for libFuzzer to drive xdjy's text parsers
 *	  outside a server: ereport() becomes a longjmp back to the harness,
 *	  carrying the SQLSTATE; memory comes from malloc and is freed after
 *	  each input (fuzz_reset).  Functions the parsers never reach abort.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * src/messages.c, for the harnesses: the DETAIL or HINT is formatted with
 * its English format and, when src/messages_zh.c (linked) has one, with
 * the Chinese one too, so that the fuzzed values go through both.
 */
typedef struct FuzzMessage
{
	const char *en;
	const char *zh;
} FuzzMessage;
extern const FuzzMessage xdjy_messages_zh[];
extern const int xdjy_messages_zh_count;

const char *xdjy_message_zh(const char *en);
const char *xdjy_tr(const char *en);
int			xdjy_errdetail(const char *fmt,...);
int			xdjy_errhint(const char *fmt,...);

const char *
xdjy_message_zh(const char *en)
{
	int			i;

	for (i = 0; en != NULL && i < xdjy_messages_zh_count; i++)
		if (strcmp(xdjy_messages_zh[i].en, en) == 0)
			return xdjy_messages_zh[i].zh;
	return NULL;
}

const char *
xdjy_tr(const char *en)
{
	return en;
}

#define FORMAT_BOTH_AND_DROP(fmt) \
	do { \
		const char *zh_ = xdjy_message_zh(fmt); \
		FORMAT_AND_DROP(fmt); \
		if (zh_ != NULL) \
		{ \
			char		zbuf_[4096]; \
			va_list		zap_; \
			va_start(zap_, fmt); \
			vsnprintf(zbuf_, sizeof(zbuf_), zh_, zap_); \
			va_end(zap_); \
		} \
	} while (0)

int
xdjy_errdetail(const char *fmt,...)
{
	FORMAT_BOTH_AND_DROP(fmt);
	return 0;
}

int
xdjy_errhint(const char *fmt,...)
{
	FORMAT_BOTH_AND_DROP(fmt);
	return 0;
}

int
GetDatabaseEncoding(void)
{
	return PG_UTF8;
}

/*
 * mbutils.c's clip to a number of characters, for the database encoding
 * above; the same loop, so the fuzzed messages are cut as in the server.
 */
int
pg_mbcharcliplen(const char *mbstr, int len, int limit)
{
	int			clen = 0;
	int			nch = 0;

	while (len > 0 && *mbstr)
	{
		int			l = pg_utf_mblen((const unsigned char *) mbstr);

		if (++nch > limit)
			break;
		clen += l;
		len -= l;
		mbstr += l;
	}
	return clen;
}

/*
 * Memory: palloc'd chunks are remembered and freed by fuzz_reset() after
 * each input, the way a memory context is reset after a query, so neither
 * an error's longjmp nor a success leaks (libFuzzer checks for leaks).
 */
#define FUZZ_MAX_CHUNKS 4096
static void *chunks[FUZZ_MAX_CHUNKS];
static int	nchunks;

static void *
fuzz_alloc(Size size)
{
	void	   *p;

	if (nchunks >= FUZZ_MAX_CHUNKS)
		abort();				/* a parser allocating without bound */
	p = malloc(size ? size : 1);
	if (p == NULL)
		abort();
	chunks[nchunks++] = p;
	return p;
}

void
fuzz_reset(void)
{
	while (nchunks > 0)
		free(chunks[--nchunks]);
}

void *
palloc(Size size)
{
	return fuzz_alloc(size);
}

void *
palloc0(Size size)
{
	return memset(fuzz_alloc(size), 0, size);
}

char *
pstrdup(const char *in)
{
	return strcpy(fuzz_alloc(strlen(in) + 1), in);
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *out;

	len = strnlen(in, len);
	out = fuzz_alloc(len + 1);
	memcpy(out, in, len);
	out[len] = '\0';
	return out;
}

char *
psprintf(const char *fmt,...)
{
	va_list		ap;
	int			n;
	char	   *out;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	out = fuzz_alloc(n + 1);
	va_start(ap, fmt);
	vsnprintf(out, n + 1, fmt, ap);
	va_end(ap);
	return out;
}

text *
cstring_to_text(const char *s)
{
	return cstring_to_text_with_len(s, strlen(s));
}

text *
cstring_to_text_with_len(const char *s, int len)
{
	text	   *t = fuzz_alloc(len + VARHDRSZ);

	SET_VARSIZE(t, len + VARHDRSZ);
	memcpy(VARDATA(t), s, len);
	return t;
}

char *
text_to_cstring(const text *t)
{
	int			len = VARSIZE_ANY_EXHDR(t);
	char	   *out = fuzz_alloc(len + 1);

	memcpy(out, VARDATA_ANY(t), len);
	out[len] = '\0';
	return out;
}

/* the harnesses build plain 4-byte-header texts: nothing to detoast */
struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	if (VARATT_IS_EXTENDED(datum) && !VARATT_IS_SHORT(datum))
		abort();
	return datum;
}

struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	if (VARATT_IS_EXTENDED(datum))
		abort();
	return datum;
}

/* never reached by the parsers */
#define UNREACHED(decl) decl { abort(); }
UNREACHED(unsigned int pq_getmsgint(StringInfo msg, int b))
UNREACHED(void pq_begintypsend(StringInfo buf))
UNREACHED(bytea *pq_endtypsend(StringInfo buf))
UNREACHED(void enlargeStringInfo(StringInfo str, int needed))
