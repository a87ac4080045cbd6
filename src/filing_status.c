/*-------------------------------------------------------------------------
 *
 * src/filing_status.c
 *	  Type xdjy.filing_status: the life of a filing (备案), and which moves
 *	  between states are lawful.
 *
 *	  济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一): a filing is active until it is changed
 *	  (变更), cancelled (取消) or terminated (因故终止); each of those closes
 *	  it for good.  So a status moves only out of active, never back.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "errors.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "filing_status.h"
#include "label_type.h"

static const XdjyLabel fs_labels[] = {
	{FS_ACTIVE, "active", "有效"},
	{FS_CHANGED, "changed", "已变更"},
	{FS_CANCELLED, "cancelled", "已取消"},
	{FS_TERMINATED, "terminated", "已终止"},
};

const XdjyLabelType xdjy_filing_status = {
	"filing_status",
	fs_labels, lengthof(fs_labels),
	NULL, 0,
	XDJY_N_("Valid labels are active (有效), changed (已变更), cancelled (已取消) "
			"and terminated (已终止).")
};

PG_FUNCTION_INFO_V1(filing_status_in);
PG_FUNCTION_INFO_V1(filing_status_out);
PG_FUNCTION_INFO_V1(filing_status_recv);
PG_FUNCTION_INFO_V1(filing_status_label);
PG_FUNCTION_INFO_V1(filing_status_can_transition);

Datum
filing_status_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_LABEL(xdjy_label_parse(&xdjy_filing_status, PG_GETARG_CSTRING(0)));
}

Datum
filing_status_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(pstrdup(xdjy_label_text(&xdjy_filing_status,
											  PG_GETARG_LABEL(0),
											  xdjy_language)));
}

Datum
filing_status_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_LABEL(xdjy_label_recv(&xdjy_filing_status,
									(StringInfo) PG_GETARG_POINTER(0)));
}

Datum
filing_status_label(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(xdjy_label_text(&xdjy_filing_status,
													 PG_GETARG_LABEL(0),
													 xdjy_parse_language(PG_GETARG_TEXT_PP(1)))));
}

/* 济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一): only an active filing can change state */
bool
filing_status_transition_ok(int32 from, int32 to)
{
	return from == FS_ACTIVE && to != FS_ACTIVE;
}

Datum
filing_status_can_transition(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(filing_status_transition_ok(PG_GETARG_LABEL(0),
											   PG_GETARG_LABEL(1)));
}
