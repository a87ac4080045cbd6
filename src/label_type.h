/*-------------------------------------------------------------------------
 *
 * src/label_type.h
 *	  A small, fixed-size, pass-by-value "label type": an int32 code shown as
 *	  an English or Chinese label.  residence_category and filing_status are
 *	  both of this shape; this header is what they share.
 *
 *	  Codes are frozen: they are the on-disk and binary (send/recv) format
 *	  and they give the sort order.  Never renumber, only append.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_LABEL_TYPE_H
#define XDJY_LABEL_TYPE_H

#include "fmgr.h"
#include "lib/stringinfo.h"

#include "xdjy.h"

typedef struct XdjyLabel
{
	int32		code;
	const char *en;				/* English label, matched case-insensitively */
	const char *zh;				/* Chinese label */
} XdjyLabel;

/* another accepted input spelling, e.g. a legacy group name */
typedef struct XdjyAlias
{
	const char *alias;
	int32		code;
} XdjyAlias;

typedef struct XdjyLabelType
{
	const char *typname;
	const XdjyLabel *labels;
	int			nlabels;
	const XdjyAlias *aliases;
	int			naliases;
	const char *hint;			/* errhint for bad input: the valid labels */
} XdjyLabelType;

/* the two label types (src/residence_category.c, src/filing_status.c) */
extern const XdjyLabelType xdjy_residence_category;
extern const XdjyLabelType xdjy_filing_status;

extern int32 xdjy_label_parse(const XdjyLabelType *type, const char *input);
extern const XdjyLabel *xdjy_label_lookup(const XdjyLabelType *type, int32 code);
extern const char *xdjy_label_text(const XdjyLabelType *type, int32 code,
								   XdjyLanguage lang);
extern int32 xdjy_label_recv(const XdjyLabelType *type, StringInfo buf);

/* one code per type argument: all label types are int32 datums */
#define PG_GETARG_LABEL(n)	PG_GETARG_INT32(n)
#define PG_RETURN_LABEL(x)	PG_RETURN_INT32(x)

#endif							/* XDJY_LABEL_TYPE_H */
