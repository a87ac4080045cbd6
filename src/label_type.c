/*-------------------------------------------------------------------------
 *
 * src/label_type.c
 *	  Parsing and printing of label types (residence_category,
 *	  filing_status), and the comparison and hash support they share.
 *
 *	  Every label type is an int32 code, so one three-way compare serves
 *	  the operators and the btree class of each, and one hash serves hash
 *	  joins; the SQL script binds these symbols once per type.  Ordering,
 *	  hashing and the binary format ignore xdjy.language; only output
 *	  follows it (hence output functions are STABLE).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "errors.h"
#include "label_type.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(xdjy_label_cmp);
PG_FUNCTION_INFO_V1(xdjy_label_eq);
PG_FUNCTION_INFO_V1(xdjy_label_ne);
PG_FUNCTION_INFO_V1(xdjy_label_lt);
PG_FUNCTION_INFO_V1(xdjy_label_le);
PG_FUNCTION_INFO_V1(xdjy_label_gt);
PG_FUNCTION_INFO_V1(xdjy_label_ge);
PG_FUNCTION_INFO_V1(xdjy_label_hash);
PG_FUNCTION_INFO_V1(xdjy_label_hash_extended);
PG_FUNCTION_INFO_V1(xdjy_label_send);

/* ---------------------------------------------------------------------
 * Input and output
 * ---------------------------------------------------------------------
 */

/* length of the whitespace character at s, 0 if none: ASCII and U+3000 */
static int
whitespace_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		*s == '\f' || *s == '\v')
		return 1;
	/* U+3000 IDEOGRAPHIC SPACE, common in text typed with a Chinese IME */
	if (GetDatabaseEncoding() == PG_UTF8 &&
		(unsigned char) s[0] == 0xE3 && (unsigned char) s[1] == 0x80 &&
		(unsigned char) s[2] == 0x80)
		return 3;
	return 0;
}

/*
 * Label text to code.  Surrounding whitespace is trimmed, English labels
 * match in any case, Chinese labels and aliases match exactly.  Anything
 * else is 22P02 with the literal quoted and the valid labels in the hint.
 */
int32
xdjy_label_parse(const XdjyLabelType *type, const char *input)
{
	const char *start = input;
	const char *end = input + strlen(input);
	size_t		len;
	int			n;
	int			i;

	while ((n = whitespace_len(start)) > 0)
		start += n;
	while (end > start)
	{
		if (whitespace_len(end - 1) == 1)
			end -= 1;
		else if (end - start >= 3 && whitespace_len(end - 3) == 3)
			end -= 3;
		else
			break;
	}
	len = end - start;

	for (i = 0; i < type->nlabels; i++)
	{
		const XdjyLabel *l = &type->labels[i];

		if ((strlen(l->en) == len && pg_strncasecmp(start, l->en, len) == 0) ||
			(strlen(l->zh) == len && strncmp(start, l->zh, len) == 0))
			return l->code;
	}
	for (i = 0; i < type->naliases; i++)
	{
		const XdjyAlias *a = &type->aliases[i];

		if (strlen(a->alias) == len && strncmp(start, a->alias, len) == 0)
			return a->code;
	}

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					type->typname, xdjy_clip(input)),
			 errhint("%s", xdjy_tr(type->hint))));
	return 0;					/* keep compiler quiet */
}

const XdjyLabel *
xdjy_label_lookup(const XdjyLabelType *type, int32 code)
{
	int			i;

	for (i = 0; i < type->nlabels; i++)
		if (type->labels[i].code == code)
			return &type->labels[i];
	return NULL;
}

/*
 * Code to label.  A code that is not in the table can only come from a
 * corrupted datum (input and recv both validate), so it is an internal
 * error, not a user-facing one.
 */
const char *
xdjy_label_text(const XdjyLabelType *type, int32 code, XdjyLanguage lang)
{
	const XdjyLabel *l = xdjy_label_lookup(type, code);

	if (l == NULL)
		elog(ERROR, "invalid %s code %d", type->typname, code);
	return lang == XDJY_LANG_ZH ? l->zh : l->en;
}

/*
 * Binary input: a big-endian int32 code.  A client can send any bytes, so
 * the code is checked as strictly as text input checks labels.
 */
int32
xdjy_label_recv(const XdjyLabelType *type, StringInfo buf)
{
	int32		code = pq_getmsgint(buf, sizeof(int32));

	if (xdjy_label_lookup(type, code) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary code for type %s: %d",
						type->typname, code),
				 errhint("%s", xdjy_tr(type->hint))));
	return code;
}

Datum
xdjy_label_send(PG_FUNCTION_ARGS)
{
	int32		code = PG_GETARG_LABEL(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, code);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Comparison: one three-way compare, operators are one-liners over it
 * ---------------------------------------------------------------------
 */

static inline int
label_cmp(int32 a, int32 b)
{
	return (a > b) - (a < b);
}

Datum
xdjy_label_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(label_cmp(PG_GETARG_LABEL(0), PG_GETARG_LABEL(1)));
}

Datum
xdjy_label_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(label_cmp(PG_GETARG_LABEL(0), PG_GETARG_LABEL(1)) == 0);
}

Datum
xdjy_label_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(label_cmp(PG_GETARG_LABEL(0), PG_GETARG_LABEL(1)) != 0);
}

Datum
xdjy_label_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(label_cmp(PG_GETARG_LABEL(0), PG_GETARG_LABEL(1)) < 0);
}

Datum
xdjy_label_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(label_cmp(PG_GETARG_LABEL(0), PG_GETARG_LABEL(1)) <= 0);
}

Datum
xdjy_label_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(label_cmp(PG_GETARG_LABEL(0), PG_GETARG_LABEL(1)) > 0);
}

Datum
xdjy_label_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(label_cmp(PG_GETARG_LABEL(0), PG_GETARG_LABEL(1)) >= 0);
}

/* hash the code, the same value equality compares */
Datum
xdjy_label_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_LABEL(0));
}

Datum
xdjy_label_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_LABEL(0), PG_GETARG_INT64(1));
}
