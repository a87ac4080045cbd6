/*-------------------------------------------------------------------------
 *
 * src/residence_category.c
 *	  Type xdjy.residence_category: who a filing is for.
 *
 *	  鲁医保发〔2021〕46号 第一条 merged the old groups into two categories:
 *	  (一) 异地安置退休人员, 常驻异地工作人员, 长期异地居住人员, 外出务工农民,
 *	       外来就业创业人员 -> 异地长期居住人员 (long_term_resident);
 *	  (二) 转诊转院人员, 自行外出就医人员, 因出差、探亲、旅游等临时在外就医人员
 *	       -> 临时外出就医人员 (temporary_outside).
 *	  Input takes the legacy names so that old records load unchanged; output
 *	  is always one of the two categories.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "errors.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "label_type.h"
#include "residence_category.h"

static const XdjyLabel rc_labels[] = {
	{RC_LONG_TERM_RESIDENT, "long_term_resident", "异地长期居住人员"},
	{RC_TEMPORARY_OUTSIDE, "temporary_outside", "临时外出就医人员"},
};

/* 鲁医保发〔2021〕46号 第一条: the groups the 2021 reform merged */
static const XdjyAlias rc_aliases[] = {
	/* 鲁医保发〔2021〕46号 第一条(一) */
	{"异地安置退休人员", RC_LONG_TERM_RESIDENT},
	{"常驻异地工作人员", RC_LONG_TERM_RESIDENT},
	{"长期异地居住人员", RC_LONG_TERM_RESIDENT},
	{"外出务工农民", RC_LONG_TERM_RESIDENT},
	{"外来就业创业人员", RC_LONG_TERM_RESIDENT},
	/* 鲁医保发〔2021〕46号 第一条(二) */
	{"转诊转院人员", RC_TEMPORARY_OUTSIDE},
	{"自行外出就医人员", RC_TEMPORARY_OUTSIDE},
	{"因出差、探亲、旅游等临时在外就医人员", RC_TEMPORARY_OUTSIDE},
	{"临时在外就医人员", RC_TEMPORARY_OUTSIDE},
	{"出差人员", RC_TEMPORARY_OUTSIDE},
	{"探亲人员", RC_TEMPORARY_OUTSIDE},
	{"旅游人员", RC_TEMPORARY_OUTSIDE},
	{"出差", RC_TEMPORARY_OUTSIDE},
	{"探亲", RC_TEMPORARY_OUTSIDE},
	{"旅游", RC_TEMPORARY_OUTSIDE},
};

const XdjyLabelType xdjy_residence_category = {
	"residence_category",
	rc_labels, lengthof(rc_labels),
	rc_aliases, lengthof(rc_aliases),
	XDJY_N_("Valid labels are long_term_resident (异地长期居住人员) and "
			"temporary_outside (临时外出就医人员), or a legacy group name of "
			"鲁医保发〔2021〕46号 第一条 such as 异地安置退休人员 or 转诊转院人员.")
};

PG_FUNCTION_INFO_V1(residence_category_in);
PG_FUNCTION_INFO_V1(residence_category_out);
PG_FUNCTION_INFO_V1(residence_category_recv);
PG_FUNCTION_INFO_V1(residence_category_label);

Datum
residence_category_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_LABEL(xdjy_label_parse(&xdjy_residence_category, PG_GETARG_CSTRING(0)));
}

Datum
residence_category_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(pstrdup(xdjy_label_text(&xdjy_residence_category,
											  PG_GETARG_LABEL(0),
											  xdjy_language)));
}

Datum
residence_category_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_LABEL(xdjy_label_recv(&xdjy_residence_category,
									(StringInfo) PG_GETARG_POINTER(0)));
}

/* xdjy.label(residence_category, lang text): the label in a given language */
Datum
residence_category_label(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(xdjy_label_text(&xdjy_residence_category,
													 PG_GETARG_LABEL(0),
													 xdjy_parse_language(PG_GETARG_TEXT_PP(1)))));
}
