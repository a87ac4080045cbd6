/*-------------------------------------------------------------------------
 *
 * src/messages.c
 *	  DETAIL and HINT in the user's language, like gettext but keyed on
 *	  xdjy.language rather than lc_messages: agency and hospital staff set
 *	  xdjy.language = zh and read every part of an xdjy error in Chinese,
 *	  whatever the server's locale.
 *
 *	  The catalogue (src/messages_zh.c) pairs each English format string of
 *	  an errdetail/errhint of xdjy's C files with its Chinese format.  src/errors.h
 *	  maps errdetail() and errhint() to xdjy_errdetail() and xdjy_errhint()
 *	  for xdjy's own translation units, so call sites stay as PostgreSQL
 *	  writes them.  Under zh the English format is looked up (a hash table
 *	  built once per backend) and the Chinese one is formatted with the same
 *	  arguments; PostgreSQL's snprintf takes positional conversions
 *	  (%1$s), so a Chinese sentence may reorder them.  An English format
 *	  with no entry is formatted as it is: a missing translation shows
 *	  English, never nothing.  test/t/015_messages.sh names formats without
 *	  an entry and entries whose conversions differ from their English.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "utils/memutils.h"

#include "errors.h"
#include "xdjy.h"

/* this file calls PostgreSQL's own errdetail() and errhint() */
#undef errdetail
#undef errhint

static const XdjyMessage **buckets;
static uint32 nbuckets;

static void
build_table(void)
{
	uint32		n = 1;
	int			i;

	while (n < (uint32) xdjy_messages_zh_count * 2)
		n <<= 1;
	buckets = MemoryContextAllocZero(TopMemoryContext, n * sizeof(*buckets));
	for (i = 0; i < xdjy_messages_zh_count; i++)
	{
		const XdjyMessage *m = &xdjy_messages_zh[i];
		uint32		h = hash_bytes((const unsigned char *) m->en, strlen(m->en)) & (n - 1);

		while (buckets[h] != NULL)
			h = (h + 1) & (n - 1);
		buckets[h] = m;
	}
	nbuckets = n;
}

/* the Chinese of an English format or text, NULL if the catalogue has none */
const char *
xdjy_message_zh(const char *en)
{
	uint32		h;

	if (en == NULL)
		return NULL;
	if (buckets == NULL)
		build_table();
	h = hash_bytes((const unsigned char *) en, strlen(en)) & (nbuckets - 1);
	while (buckets[h] != NULL)
	{
		if (strcmp(buckets[h]->en, en) == 0)
			return buckets[h]->zh;
		h = (h + 1) & (nbuckets - 1);
	}
	return NULL;
}

/* the format to use in the current language */
static const char *
localized(const char *fmt)
{
	const char *zh;

	if (xdjy_language != XDJY_LANG_ZH)
		return fmt;
	zh = xdjy_message_zh(fmt);
	return zh != NULL ? zh : fmt;
}

/* a text without arguments (a hint kept in a table) in the current language */
const char *
xdjy_tr(const char *en)
{
	return localized(en);
}

static char *format_va(const char *fmt, va_list args) pg_attribute_printf(1, 0);

static char *
format_va(const char *fmt, va_list args)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (;;)
	{
		va_list		copy;
		int			needed;

		va_copy(copy, args);
		needed = appendStringInfoVA(&buf, fmt, copy);
		va_end(copy);
		if (needed == 0)
			break;
		enlargeStringInfo(&buf, needed);
	}
	return buf.data;
}

int
xdjy_errdetail(const char *fmt,...)
{
	va_list		args;
	char	   *s;

	va_start(args, fmt);
	s = format_va(localized(fmt), args);
	va_end(args);
	return errdetail("%s", s);
}

int
xdjy_errhint(const char *fmt,...)
{
	va_list		args;
	char	   *s;

	va_start(args, fmt);
	s = format_va(localized(fmt), args);
	va_end(args);
	return errhint("%s", s);
}
