/*-------------------------------------------------------------------------
 *
 * src/clip.c
 *	  Caller's values in messages, cut to a readable length.
 *
 *	  A rule's message names the values that broke it: a person id, an
 *	  invoice number, a region code, a diagnosis.  Those come from the
 *	  caller or from a row and are of any length; a message that echoes a
 *	  1 MB argument whole is 1 MB in the client, the server log and every
 *	  table that keeps messages.  PostgreSQL's own "Failing row contains"
 *	  detail cuts each column at 64 bytes for the same reason.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "mb/pg_wchar.h"

#include "xdjy.h"

/*
 * Characters of a value kept in a message: region, institution and
 * national codes and person ids are far shorter and print whole; only an
 * invoice number near its limit of 100 characters, or a long diagnosis,
 * is cut as well.
 */
#define XDJY_CLIP_CHARS 64

/*
 * s itself when it has at most XDJY_CLIP_CHARS characters; otherwise its
 * first XDJY_CLIP_CHARS characters, cut on a character boundary so the
 * message stays valid in the database encoding, followed by a marker with
 * the value's full length in bytes.  NULL stays NULL for the callers that
 * print their own word for it.
 */
const char *
xdjy_clip(const char *s)
{
	size_t		len;
	int			keep;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	/* a character has at least one byte: short values need no scan */
	if (len <= XDJY_CLIP_CHARS)
		return s;
	/* the characters kept lie within their most bytes: scan only those */
	keep = pg_mbcharcliplen(s,
							(int) Min(len, XDJY_CLIP_CHARS * MAX_MULTIBYTE_CHAR_LEN),
							XDJY_CLIP_CHARS);
	if ((size_t) keep >= len)
		return s;
	return psprintf("%.*s%s(%zu bytes)", keep, s,
					GetDatabaseEncoding() == PG_UTF8 ? "…" : "...", len);
}
