/*-------------------------------------------------------------------------
 *
 * src/national.c
 *	  The national platform's terms (国家医疗保障信息平台 接口规范, see
 *	  国家医疗保障信息平台 接口规范): exact fen <-> yuan conversion for numeric(16,2) and the
 *	  request checks and the result of a 3201-style totals statement
 *	  (医药机构费用结算对总账).
 *
 *	  Seed articles: 鲁医保发〔2022〕26号 第四条(一) three-party reconciliation (每月 3 日前完成
 *	  上月所有结算费用的对账，做到数据相符), 鲁医保发〔2022〕26号 第四条(二) monthly clearing
 *	  confirmed with the institutions; the statement here is the
 *	  institution-facing half of that reconciliation.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/numeric.h"

#include "dates.h"
#include "errors.h"
#include "national.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(fen_to_yuan);
PG_FUNCTION_INFO_V1(yuan_to_fen);
PG_FUNCTION_INFO_V1(national_check_period);
PG_FUNCTION_INFO_V1(stmt_check_request);
PG_FUNCTION_INFO_V1(stmt_check_batch);
PG_FUNCTION_INFO_V1(stmt_compare);

/* ----------------------------------------------------------------
 * money: int64 fen <-> numeric(16,2) yuan, exact
 * ----------------------------------------------------------------
 */

/*
 * fen / 100 as a numeric of scale 2.  int64_div_fast_to_numeric shifts the
 * decimal point, it never divides: exact for every int64.  Amounts the
 * platform's numeric(16,2) cannot carry are refused here, with the value,
 * rather than by a cast that names no amount.
 */
Numeric
xdjy_fen_to_yuan(int64 fen)
{
	xdjy_check_national_fen(fen, "The amount");
	return int64_div_fast_to_numeric(fen, 2);
}

/*
 * An amount the platform's numeric(16,2) can carry, else 22003 naming
 * "field".  The settlement engine and manual claims refuse larger amounts
 * on the way in: a stored settlement every party must report, and that
 * setlinfo, the statements and the clearing details could not print,
 * would make those views fail for everyone.
 */
void
xdjy_check_national_fen(int64 fen, const char *field)
{
	if (fen > XDJY_NATIONAL_MAX_FEN || fen < -XDJY_NATIONAL_MAX_FEN)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount out of range for the national interface"),
				 errdetail("%s is " INT64_FORMAT " fen.", field, fen),
				 errhint("The platform carries yuan as numeric(16,2): at most 99999999999999.99 yuan (9999999999999999 fen) either way.")));
}

static bool
numeric_less(Numeric a, Numeric b)
{
	return DatumGetBool(DirectFunctionCall2(numeric_lt,
											NumericGetDatum(a),
											NumericGetDatum(b)));
}

/*
 * yuan * 100 as int64 fen.  An amount with a fraction of a fen (12.345) is
 * not an amount the platform can send: refused, never rounded.  "field"
 * names the argument or column in the message.
 */
int64
xdjy_yuan_to_fen(Numeric yuan, const char *field)
{
	Numeric		fen;
	Datum		whole;

	if (numeric_is_nan(yuan) || numeric_is_inf(yuan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("amount is not a finite number"),
				 errdetail("%s is %s.", field,
						   xdjy_clip(DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(yuan))))),
				 errhint("An amount is a number of yuan with at most two decimals.")));

	fen = DatumGetNumeric(DirectFunctionCall2(numeric_mul,
											  NumericGetDatum(yuan),
											  NumericGetDatum(int64_to_numeric(100))));
	whole = DirectFunctionCall2(numeric_trunc, NumericGetDatum(fen), Int32GetDatum(0));
	if (!DatumGetBool(DirectFunctionCall2(numeric_eq, whole, NumericGetDatum(fen))))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_AMOUNT_NOT_WHOLE_FEN),
				 errdetail("%s is %s yuan.", field,
						   xdjy_clip(DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(yuan))))),
				 errhint("Amounts carry at most two decimals: 0.01 yuan (1 fen) is the smallest unit.")));

	if (numeric_less(int64_to_numeric(XDJY_NATIONAL_MAX_FEN), fen) ||
		numeric_less(fen, int64_to_numeric(-XDJY_NATIONAL_MAX_FEN)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount out of range for the national interface"),
				 errdetail("%s is %s yuan.", field,
						   xdjy_clip(DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(yuan))))),
				 errhint("The platform carries yuan as numeric(16,2): at most 99999999999999.99 yuan either way.")));

	return DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(fen)));
}

/* xdjy.fen_to_yuan(fen bigint) RETURNS numeric */
Datum
fen_to_yuan(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(xdjy_fen_to_yuan(PG_GETARG_INT64(0)));
}

/* xdjy.yuan_to_fen(yuan numeric) RETURNS bigint */
Datum
yuan_to_fen(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(xdjy_yuan_to_fen(PG_GETARG_NUMERIC(0), "The amount"));
}

/*
 * "-12.34" from -1234 fen, for descriptions; |fen| is at most
 * XDJY_NATIONAL_MAX_FEN here, so negation cannot overflow.
 */
static char *
format_fen(int64 fen)
{
	int64		a = fen < 0 ? -fen : fen;

	return psprintf("%s" INT64_FORMAT ".%02d", fen < 0 ? "-" : "",
					a / 100, (int) (a % 100));
}

/* ----------------------------------------------------------------
 * 3201 / 3202 statements: request checks and the totals result
 * ----------------------------------------------------------------
 */

/*
 * Code lists come from the mapping views, so a DBA's local variant is a
 * valid code and an overridden builtin code is not (one rule: the view).
 * Each lookup takes one text argument and returns (found boolean, list
 * text).
 */
static XdjyPlan stmt_q_pooling_region = XDJY_PLAN("statement: pooling region",
	"SELECT EXISTS (SELECT FROM xdjy.region r"
	" WHERE r.code OPERATOR(pg_catalog.=) $1 AND r.is_pooling), NULL::text",
	1, TEXTOID);
static XdjyPlan stmt_q_insutype = XDJY_PLAN("statement: insutype",
	"SELECT coalesce(pg_catalog.bool_or(m.insutype OPERATOR(pg_catalog.=) $1), false),"
	" pg_catalog.string_agg(m.insutype, ', ' ORDER BY m.insutype)"
	" FROM (SELECT DISTINCT e.insutype FROM xdjy.insutype_map_effective e) m",
	1, TEXTOID);
static XdjyPlan stmt_q_clr_type = XDJY_PLAN("statement: clr_type",
	"SELECT coalesce(pg_catalog.bool_or(m.clr_type OPERATOR(pg_catalog.=) $1), false),"
	" pg_catalog.string_agg(m.clr_type, ', ' ORDER BY m.clr_type)"
	" FROM (SELECT DISTINCT e.clr_type FROM xdjy.clr_type_map_effective e) m",
	1, TEXTOID);
static XdjyPlan stmt_q_institution = XDJY_PLAN("statement: institution",
	"SELECT EXISTS (SELECT FROM xdjy.institution i"
	" WHERE i.code OPERATOR(pg_catalog.=) $1), NULL::text",
	1, TEXTOID);
static XdjyPlan stmt_q_batch = XDJY_PLAN("statement: batch",
	"SELECT EXISTS (SELECT FROM xdjy.stmt_detail_upload u"
	" WHERE u.batch OPERATOR(pg_catalog.=) $1), NULL::text",
	1, TEXTOID);

/*
 * Runs a lookup (SPI connected); returns its boolean and, in *list, its
 * text column (in SPI memory, may be NULL).  These are reads for a STABLE
 * function, made in the caller's snapshot; nothing is locked because
 * nothing is decided for later.
 */
static bool
stmt_lookup(XdjyPlan *plan, Datum arg, char **list)
{
	Datum		values[1];
	bool		isnull;
	Datum		found;

	values[0] = arg;
	if (xdjy_plan_read(plan, values, NULL, 1) != 1)
		elog(ERROR, "xdjy: %s returned no row", plan->name);
	found = xdjy_spi_value(0, 1, &isnull);
	if (list != NULL)
		*list = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	return !isnull && DatumGetBool(found);
}

static const char *const stmt_arg_names[] = {
	"setl_optins", "insutype", "clr_type", "begndate", "enddate", "refd_setl_flag"
};

static char *
format_date(Datum d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, d));
}

/* a period of days, both ends included: the first may not follow the last */
static void
check_period(Datum first, Datum last, const char *first_name, const char *last_name)
{
	if (DatumGetDateADT(first) > DatumGetDateADT(last))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_STMT_REQUEST_INVALID),
				 errdetail("The period ends before it begins: \"%s\" is %s, \"%s\" is %s.", first_name, format_date(first),
						   last_name, format_date(last)),
				 errhint("\"%s\" must not be later than \"%s\"; both days are included.",
						 first_name, last_name)));
}

/*
 * xdjy.national_check_period(first date, last date, first_name text,
 * last_name text) RETURNS void: the period check of a statement, for the
 * export, which has no other request to check.
 */
Datum
national_check_period(PG_FUNCTION_ARGS)
{
	const char *first_name = PG_ARGISNULL(2) ? "begndate" : text_to_cstring(PG_GETARG_TEXT_PP(2));
	const char *last_name = PG_ARGISNULL(3) ? "enddate" : text_to_cstring(PG_GETARG_TEXT_PP(3));

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_STMT_REQUEST_INVALID),
				 errdetail("The period is incomplete: argument \"%s\" is null.", PG_ARGISNULL(0) ? first_name : last_name),
				 errhint("Name both days of the period; both are included.")));
	check_period(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), first_name, last_name);
	PG_RETURN_VOID();
}

/*
 * xdjy.stmt_check_request(setl_optins, insutype, clr_type, begndate,
 * enddate, refd_setl_flag, fixmedins_code) RETURNS void
 *
 * The request of a 3201/3202 statement, checked before anything is
 * counted, so that a typo is an error and not a "centre has nothing"
 * answer.  fixmedins_code may be NULL (all institutions).
 */
Datum
stmt_check_request(PG_FUNCTION_ARGS)
{
	int			i;
	char	   *flag;
	char	   *list;

	for (i = 0; i < (int) lengthof(stmt_arg_names); i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_STMT_REQUEST_INVALID),
					 errdetail("Argument \"%s\" is null.", stmt_arg_names[i]),
					 errhint("A statement names setl_optins, insutype, clr_type, begndate, enddate and refd_setl_flag.")));

	/* the statement period: stmt_begndate .. stmt_enddate, both included */
	check_period(PG_GETARG_DATUM(3), PG_GETARG_DATUM(4), "begndate", "enddate");
	xdjy_check_business_date(PG_GETARG_DATEADT(3), "begndate");
	xdjy_check_business_date(PG_GETARG_DATEADT(4), "enddate");

	flag = text_to_cstring(PG_GETARG_TEXT_PP(5));
	if (strcmp(flag, "0") != 0 && strcmp(flag, "1") != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NATIONAL_CODE_UNKNOWN),
				 errdetail("Argument \"refd_setl_flag\" (退费结算标志) is \"%s\".", xdjy_clip(flag)),
				 errhint("Use 1 to include refund (reversal) settlements in the totals, 0 to leave them out.")));

	xdjy_spi_connect();

	if (!stmt_lookup(&stmt_q_pooling_region, PG_GETARG_DATUM(0), NULL))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Argument \"setl_optins\" is \"%s\", not a pooling region of xdjy.region.",
						   xdjy_clip(text_to_cstring(PG_GETARG_TEXT_PP(0)))),
				 errhint("The settling agency (setl_optins, 结算经办机构) is the insured pooling region (参保地医保区划) of the settlements, a 6-digit code such as 370100.")));

	if (!stmt_lookup(&stmt_q_insutype, PG_GETARG_DATUM(1), &list))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NATIONAL_CODE_UNKNOWN),
				 errdetail("No scheme maps to insutype (险种类型) \"%s\" in xdjy.insutype_map.",
						   xdjy_clip(text_to_cstring(PG_GETARG_TEXT_PP(1)))),
				 errhint("Valid insutype codes: %s.", list ? list : "none")));

	if (!stmt_lookup(&stmt_q_clr_type, PG_GETARG_DATUM(2), &list))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NATIONAL_CODE_UNKNOWN),
				 errdetail("No visit type maps to clr_type (清算类别) \"%s\" in xdjy.clr_type_map.",
						   xdjy_clip(text_to_cstring(PG_GETARG_TEXT_PP(2)))),
				 errhint("Valid clr_type codes: %s.", list ? list : "none")));

	if (!PG_ARGISNULL(6) && !stmt_lookup(&stmt_q_institution, PG_GETARG_DATUM(6), NULL))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Argument \"fixmedins_code\" is \"%s\", not a code of xdjy.institution.",
						   xdjy_clip(text_to_cstring(PG_GETARG_TEXT_PP(6)))),
				 errhint("Name a designated institution (定点医药机构编号), or pass NULL for all institutions.")));

	xdjy_spi_finish();
	PG_RETURN_VOID();
}

/*
 * xdjy.stmt_check_batch(batch text) RETURNS void: a 3202 statement names
 * an upload that exists (an empty or mistyped batch would list every
 * centre settlement as missing at the institution).
 */
Datum
stmt_check_batch(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_STMT_REQUEST_INVALID),
				 errdetail("Argument \"batch\" is null."),
				 errhint("A 3202 statement names the batch of detail rows loaded into xdjy.stmt_detail_upload.")));

	xdjy_spi_connect();
	if (!stmt_lookup(&stmt_q_batch, PG_GETARG_DATUM(0), NULL))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("No row of xdjy.stmt_detail_upload has batch \"%s\".",
						   xdjy_clip(text_to_cstring(PG_GETARG_TEXT_PP(0)))),
				 errhint("Load the institution's detail rows first: COPY xdjy.stmt_detail_upload (batch, setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag) FROM ...")));
	xdjy_spi_finish();
	PG_RETURN_VOID();
}

/* one compared figure of a 3201 statement */
typedef struct StmtFigure
{
	const char *name_zh;
	bool		money;
	int64		centre;
	int64		institution;
} StmtFigure;

static int64
arg_fen(FunctionCallInfo fcinfo, int argno, const char *field)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_STMT_REQUEST_INVALID),
				 errdetail("Argument \"%s\" is null.", field),
				 errhint("A 3201 statement sends medfee_sumamt, fund_pay_sumamt, acct_pay and fixmedins_setl_cnt; send 0 for none.")));
	return xdjy_yuan_to_fen(PG_GETARG_NUMERIC(argno), psprintf("Argument \"%s\"", field));
}

static char *
format_figure(const StmtFigure *f, int64 v)
{
	return f->money ? format_fen(v) : psprintf(INT64_FORMAT, v);
}

/*
 * xdjy.stmt_compare(centre_setl_cnt bigint, centre_medfee_sumamt numeric,
 *	 centre_fund_pay_sumamt numeric, centre_acct_pay numeric,
 *	 fixmedins_setl_cnt integer, medfee_sumamt numeric,
 *	 fund_pay_sumamt numeric, acct_pay numeric,
 *	 OUT stmt_rslt text, OUT stmt_rslt_dscr text)
 *
 * The result of a 3201 totals statement (对账结果), from the centre's
 * figures (xdjy) and the institution's:
 *	 0 对平       every figure equal
 *	 1 中心多     the centre has more settlements, and no figure is lower
 *				  at the centre
 *	 2 医药机构多 the institution has more settlements, and no figure is
 *				  lower at the institution
 *	 3 数据不一致 anything else: equal counts with different amounts, or
 *				  figures that differ in both directions
 * The description (stmt_rslt_dscr, Chinese as the platform's) names every
 * figure that differs, centre first.
 */
Datum
stmt_compare(PG_FUNCTION_ARGS)
{
	StmtFigure	f[4];
	bool		centre_higher = false;
	bool		centre_lower = false;
	const char *rslt;
	const char *label;
	StringInfoData dscr;
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};
	int			i;
	bool		first = true;

	for (i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_STMT_REQUEST_INVALID),
					 errdetail("Centre figure %d of 4 (count, medfee_sumamt, fund_pay_sumamt, acct_pay) is null.", i + 1),
					 errhint("Pass the centre's totals, 0 for none.")));
	if (PG_ARGISNULL(4))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_STMT_REQUEST_INVALID),
				 errdetail("Argument \"fixmedins_setl_cnt\" is null."),
				 errhint("A 3201 statement sends medfee_sumamt, fund_pay_sumamt, acct_pay and fixmedins_setl_cnt; send 0 for none.")));
	if (PG_GETARG_INT32(4) < 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_STMT_REQUEST_INVALID),
				 errdetail("Argument \"fixmedins_setl_cnt\" is %d, a negative settlement count.", PG_GETARG_INT32(4)),
				 errhint("The count of settlements (fixmedins_setl_cnt, 定点医药机构结算笔数) is 0 or more.")));

	f[0] = (StmtFigure)
	{
		"结算笔数", false, PG_GETARG_INT64(0), PG_GETARG_INT32(4)
	};
	f[1] = (StmtFigure)
	{
		"医疗费总额", true,
			xdjy_yuan_to_fen(PG_GETARG_NUMERIC(1), "The centre's medfee_sumamt"),
			arg_fen(fcinfo, 5, "medfee_sumamt")
	};
	f[2] = (StmtFigure)
	{
		"基金支付总额", true,
			xdjy_yuan_to_fen(PG_GETARG_NUMERIC(2), "The centre's fund_pay_sumamt"),
			arg_fen(fcinfo, 6, "fund_pay_sumamt")
	};
	f[3] = (StmtFigure)
	{
		"个人账户支出", true,
			xdjy_yuan_to_fen(PG_GETARG_NUMERIC(3), "The centre's acct_pay"),
			arg_fen(fcinfo, 7, "acct_pay")
	};

	for (i = 0; i < 4; i++)
	{
		if (f[i].centre > f[i].institution)
			centre_higher = true;
		else if (f[i].centre < f[i].institution)
			centre_lower = true;
	}

	if (!centre_higher && !centre_lower)
	{
		rslt = "0";
		label = "对平";
	}
	else if (f[0].centre > f[0].institution && !centre_lower)
	{
		rslt = "1";
		label = "中心多";
	}
	else if (f[0].centre < f[0].institution && !centre_higher)
	{
		rslt = "2";
		label = "医药机构多";
	}
	else
	{
		rslt = "3";
		label = "数据不一致";
	}

	initStringInfo(&dscr);
	appendStringInfo(&dscr, "%s：", label);
	for (i = 0; i < 4; i++)
	{
		if (rslt[0] == '0')
			appendStringInfo(&dscr, "%s%s %s", first ? "" : "，", f[i].name_zh,
							 format_figure(&f[i], f[i].centre));
		else if (f[i].centre != f[i].institution)
			appendStringInfo(&dscr, "%s%s 中心 %s / 医药机构 %s", first ? "" : "；",
							 f[i].name_zh, format_figure(&f[i], f[i].centre),
							 format_figure(&f[i], f[i].institution));
		else
			continue;
		first = false;
	}

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "stmt_compare: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = CStringGetTextDatum(rslt);
	values[1] = CStringGetTextDatum(dscr.data);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
