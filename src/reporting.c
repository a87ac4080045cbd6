/*-------------------------------------------------------------------------
 *
 * src/reporting.c
 *	  The rules behind the reporting views, each written once and
 *	  called by the views in xdjy--1.0.sql:
 *
 *	  - reconciliation_kinds: what is wrong with one settlement in the
 *		three-party reconciliation (三方对账, 鲁医保发〔2022〕26号 第四条(一));
 *	  - the deadlines: reconciliation of a month by the 3rd of the next
 *		month (鲁医保发〔2022〕26号 第四条(一)), expense details uploaded within 3 days of an
 *		inpatient direct settlement (鲁医保发〔2022〕26号 第三条(四)), clearing confirmed with
 *		the institutions by the 20th of the next month and paid within 30
 *		working days of the declaration (鲁医保发〔2022〕26号 第四条(二)), transfers up before
 *		the next provincial clearing starts (鲁医保发〔2022〕26号 第四条(三));
 *	  - deadline_status / deadline_missed: done, open or overdue as of a day;
 *	  - rates in basis points and the targets of 鲁医保发〔2022〕26号 第一条 (98% network
 *		settlement success, 80% cross-province inpatient direct settlement);
 *	  - the coverage minimums of 鲁医保发〔2020〕68号 二(一)(二);
 *	  - province_of: the province of a division code.
 *
 *	  "By the 3rd" / "by the 20th" (3日前, 20日前) include that day: a task
 *	  done on the due day is on time, the day after it is overdue.  "3日内"
 *	  (鲁医保发〔2022〕26号 第三条(四)) counts calendar days, as the same notice says "30 个工作
 *	  日" where it means working days.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "errors.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "calendar.h"
#include "dates.h"
#include "region.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(reconciliation_kinds);
PG_FUNCTION_INFO_V1(reconciliation_due_on);
PG_FUNCTION_INFO_V1(detail_upload_due_on);
PG_FUNCTION_INFO_V1(clearing_confirm_due_on);
PG_FUNCTION_INFO_V1(clearing_pay_due_on);
PG_FUNCTION_INFO_V1(clearing_transfer_due_on);
PG_FUNCTION_INFO_V1(deadline_status);
PG_FUNCTION_INFO_V1(deadline_missed);
PG_FUNCTION_INFO_V1(rate_bp);
PG_FUNCTION_INFO_V1(rate_meets);
PG_FUNCTION_INFO_V1(kpi_target_bp);
PG_FUNCTION_INFO_V1(coverage_minimum);
PG_FUNCTION_INFO_V1(province_of);
PG_FUNCTION_INFO_V1(month_of);

/*--------------------------------------------------------------------------
 * Three-party reconciliation (鲁医保发〔2022〕26号 第四条(一))
 *--------------------------------------------------------------------------
 */

/* the amounts one side holds for a settlement: total, fund, personal */
typedef struct Amounts
{
	bool		present;
	int64		v[3];
	bool		isnull[3];
} Amounts;

/*
 * Argument n as Amounts: NULL, or an array whose elements are all NULL
 * (what ARRAY[r.total_fen, ...] gives for a party that reported nothing),
 * is absent.
 */
static Amounts
get_amounts(FunctionCallInfo fcinfo, int n, const char *side)
{
	Amounts		a;
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;

	memset(&a, 0, sizeof(a));
	if (PG_ARGISNULL(n))
		return a;
	arr = PG_GETARG_ARRAYTYPE_P(n);
	if (ARR_ELEMTYPE(arr) != INT8OID)
		elog(ERROR, "reconciliation_kinds: bigint[] expected");
	deconstruct_array(arr, INT8OID, sizeof(int64), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &nelems);
	if (nelems == 0)
		return a;
	if (ARR_NDIM(arr) != 1 || nelems != 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid amounts for %s", side),
				 errdetail("The array has %d elements.", nelems),
				 errhint("Pass ARRAY[total_fen, fund_fen, personal_fen] or NULL when nothing was reported.")));
	for (int i = 0; i < 3; i++)
	{
		a.isnull[i] = nulls[i];
		a.v[i] = nulls[i] ? 0 : DatumGetInt64(elems[i]);
		if (!nulls[i])
			a.present = true;
	}
	return a;
}

static bool
amounts_equal(const Amounts *x, const Amounts *y)
{
	for (int i = 0; i < 3; i++)
	{
		if (x->isnull[i] != y->isnull[i])
			return false;
		if (!x->isnull[i] && x->v[i] != y->v[i])
			return false;
	}
	return true;
}

/*
 * xdjy.reconciliation_kinds(expected bigint[], insured bigint[],
 *							 treatment bigint[], national bigint[])
 *	RETURNS text[]
 *
 * 鲁医保发〔2022〕26号 第四条(一): the insured place, the treatment place and the national
 * platform each report every settlement, and the data must agree (数据相
 * 符).  expected is xdjy's own settlement row; NULL means xdjy does not know
 * the settlement a party reported (unknown_settlement).  A party that
 * reported nothing is missing_at_<party>; any party whose amounts differ
 * from the settlement (and so from a party that agrees with it) makes
 * amount_differs.  An empty array: the settlement is matched.
 */
Datum
reconciliation_kinds(PG_FUNCTION_ARGS)
{
	static const char *const parties[3] = {"insured", "treatment", "national"};
	Amounts		expected = get_amounts(fcinfo, 0, "the settlement");
	Amounts		party[3];
	Datum		kinds[5];
	int			nkinds = 0;
	bool		differs = false;
	bool		any_report = false;

	for (int p = 0; p < 3; p++)
	{
		party[p] = get_amounts(fcinfo, p + 1, parties[p]);
		any_report |= party[p].present;
	}

	if (!expected.present)
	{
		if (any_report)
			kinds[nkinds++] = CStringGetTextDatum("unknown_settlement");
	}
	else
	{
		for (int p = 0; p < 3; p++)
		{
			if (!party[p].present)
				kinds[nkinds++] = CStringGetTextDatum(psprintf("missing_at_%s", parties[p]));
			else if (!amounts_equal(&party[p], &expected))
				differs = true;
		}
		if (differs)
			kinds[nkinds++] = CStringGetTextDatum("amount_differs");
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(kinds, nkinds, TEXTOID, -1, false, TYPALIGN_INT));
}

/*--------------------------------------------------------------------------
 * Deadlines
 *--------------------------------------------------------------------------
 */

/*
 * xdjy.reconciliation_due_on(month date) RETURNS date
 * 鲁医保发〔2022〕26号 第四条(一): each month's settlements reconciled by the 3rd of the next
 * month (每月 3 日前完成上月所有结算费用的对账).  Any day of the month may
 * be passed.
 */
Datum
reconciliation_due_on(PG_FUNCTION_ARGS)
{
	DateADT		month = PG_GETARG_DATEADT(0);

	if (DATE_NOT_FINITE(month))
		PG_RETURN_DATEADT(month);
	PG_RETURN_DATEADT(xdjy_day_of_next_month(month, 3));
}

/*
 * xdjy.detail_upload_due_on(settled_on date) RETURNS date
 * 鲁医保发〔2022〕26号 第三条(四): the expense details of an inpatient direct settlement are
 * uploaded within 3 days of it (直接结算后 3 日内): calendar days, due on
 * settled_on + 3.
 */
Datum
detail_upload_due_on(PG_FUNCTION_ARGS)
{
	DateADT		settled_on = PG_GETARG_DATEADT(0);

	if (DATE_NOT_FINITE(settled_on))
		PG_RETURN_DATEADT(settled_on);
	PG_RETURN_DATEADT(xdjy_date_add_days(settled_on, 3));
}

/*
 * xdjy.clearing_confirm_due_on(month date) RETURNS date
 * 鲁医保发〔2022〕26号 第四条(二): a month's costs are confirmed with the networked institutions
 * by the 20th of the next month (次月 20 日前完成...对账确认).
 */
Datum
clearing_confirm_due_on(PG_FUNCTION_ARGS)
{
	DateADT		month = PG_GETARG_DATEADT(0);

	if (DATE_NOT_FINITE(month))
		PG_RETURN_DATEADT(month);
	PG_RETURN_DATEADT(xdjy_day_of_next_month(month, 20));
}

/*
 * xdjy.clearing_pay_due_on(declared_on date) RETURNS date
 * 鲁医保发〔2022〕26号 第四条(二): paid within 30 working days of the institution's declaration
 * (自定点医药机构申报后 30 个工作日内拨付到账): the 30th working day after
 * declared_on, by the holiday calendar.
 */
Datum
clearing_pay_due_on(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(xdjy_add_working_days(PG_GETARG_DATEADT(0), 30));
}

/*
 * xdjy.clearing_transfer_due_on(next_clearing_starts_on date) RETURNS date
 * 鲁医保发〔2022〕26号 第四条(三): a pooling region transfers the period's remote-treatment
 * funds up (上解) before the next provincial clearing starts (于下一期省级
 * 清算开始之前): due the day before it starts.
 */
Datum
clearing_transfer_due_on(PG_FUNCTION_ARGS)
{
	DateADT		starts_on = PG_GETARG_DATEADT(0);

	if (DATE_NOT_FINITE(starts_on))
		PG_RETURN_DATEADT(starts_on);
	PG_RETURN_DATEADT(xdjy_date_add_days(starts_on, -1));
}

/*
 * xdjy.deadline_status(due_on date, done_on date, as_of date) RETURNS text
 * As it stood on as_of: 'done' if done_on <= as_of (late or not), else
 * 'overdue' once as_of is past due_on, else 'open' (also while no due date
 * is known yet).  The due day itself is still on time.
 */
Datum
deadline_status(PG_FUNCTION_ARGS)
{
	DateADT		as_of;

	if (PG_ARGISNULL(2))
		PG_RETURN_NULL();
	as_of = PG_GETARG_DATEADT(2);
	if (!PG_ARGISNULL(1) && PG_GETARG_DATEADT(1) <= as_of)
		PG_RETURN_TEXT_P(cstring_to_text("done"));
	if (!PG_ARGISNULL(0) && as_of > PG_GETARG_DATEADT(0))
		PG_RETURN_TEXT_P(cstring_to_text("overdue"));
	PG_RETURN_TEXT_P(cstring_to_text("open"));
}

/*
 * xdjy.deadline_missed(due_on date, done_on date, as_of date) RETURNS boolean
 * As it stood on as_of: done after due_on, or not done and as_of past
 * due_on.  Unknown due date: not missed.
 */
Datum
deadline_missed(PG_FUNCTION_ARGS)
{
	DateADT		due_on;
	DateADT		as_of;

	if (PG_ARGISNULL(2))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(0))
		PG_RETURN_BOOL(false);
	due_on = PG_GETARG_DATEADT(0);
	as_of = PG_GETARG_DATEADT(2);
	if (!PG_ARGISNULL(1) && PG_GETARG_DATEADT(1) <= as_of)
		PG_RETURN_BOOL(PG_GETARG_DATEADT(1) > due_on);
	PG_RETURN_BOOL(as_of > due_on);
}

/*--------------------------------------------------------------------------
 * Rates and targets (鲁医保发〔2022〕26号 第一条)
 *--------------------------------------------------------------------------
 */

static int64
checked_mul(int64 a, int64 b)
{
	int64		r;

	if (pg_mul_s64_overflow(a, b, &r))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("bigint out of range"),
				 errdetail("%lld times %lld overflows.", (long long) a, (long long) b)));
	return r;
}

static void
check_counts(int64 num, int64 den)
{
	if (num < 0 || den < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a rate needs counts of zero or more"),
				 errdetail("Numerator %lld, denominator %lld.", (long long) num, (long long) den),
				 errhint("Pass the number of successes and the number of cases.")));
}

/*
 * xdjy.rate_bp(numerator bigint, denominator bigint) RETURNS integer
 * numerator / denominator in basis points (9800 = 98%), rounded half up;
 * NULL for no cases.
 */
Datum
rate_bp(PG_FUNCTION_ARGS)
{
	int64		num = PG_GETARG_INT64(0);
	int64		den = PG_GETARG_INT64(1);
	int64		scaled;
	int64		r;

	check_counts(num, den);
	if (den == 0)
		PG_RETURN_NULL();
	/* floor((2 * 10000 * num + den) / (2 * den)) is num/den rounded half up */
	scaled = checked_mul(num, 20000);
	if (pg_add_s64_overflow(scaled, den, &scaled))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("bigint out of range")));
	r = scaled / checked_mul(den, 2);
	if (r > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("integer out of range"),
				 errdetail("The rate %lld/%lld is too large.", (long long) num, (long long) den)));
	PG_RETURN_INT32((int32) r);
}

/*
 * xdjy.rate_meets(numerator bigint, denominator bigint, target_bp integer)
 *	RETURNS boolean
 * Exactly numerator / denominator >= target (以上 includes the target), no
 * rounding; NULL for no cases.
 */
Datum
rate_meets(PG_FUNCTION_ARGS)
{
	int64		num = PG_GETARG_INT64(0);
	int64		den = PG_GETARG_INT64(1);
	int32		target = PG_GETARG_INT32(2);

	check_counts(num, den);
	if (den == 0)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(checked_mul(num, 10000) >= checked_mul(den, target));
}

/*
 * xdjy.kpi_target_bp(kpi text) RETURNS integer
 * 鲁医保发〔2022〕26号 第一条: network settlement success rate raised to 98% or more (by the
 * end of 2023); cross-province direct settlement rate of inpatient costs
 * raised to 80% or more (by the end of 2025).
 */
Datum
kpi_target_bp(PG_FUNCTION_ARGS)
{
	char	   *kpi = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (strcmp(kpi, "network_success") == 0)
		PG_RETURN_INT32(9800);
	if (strcmp(kpi, "cross_province_inpatient_direct") == 0)
		PG_RETURN_INT32(8000);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown indicator \"%s\"", xdjy_clip(kpi)),
			 errhint("The indicators are network_success and cross_province_inpatient_direct.")));
	PG_RETURN_NULL();			/* keep compiler quiet */
}

/*
 * xdjy.coverage_minimum(gap text) RETURNS integer
 * 鲁医保发〔2020〕68号 二(一): every township (乡镇、街道) has at least one networked
 * inpatient institution; 鲁医保发〔2020〕68号 二(二): every county-level division at least
 * two networked chronic-outpatient hospitals (每个县级行政区开通2家以上).
 */
Datum
coverage_minimum(PG_FUNCTION_ARGS)
{
	char	   *gap = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (strcmp(gap, "township_inpatient") == 0)
		PG_RETURN_INT32(1);
	if (strcmp(gap, "county_chronic") == 0)
		PG_RETURN_INT32(2);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown coverage rule \"%s\"", xdjy_clip(gap)),
			 errhint("The rules are township_inpatient and county_chronic.")));
	PG_RETURN_NULL();			/* keep compiler quiet */
}

/*
 * xdjy.province_of(region_code text) RETURNS text
 * the province is the first two digits of a division code, its
 * own code those two digits and "0000" (370102 -> 370000).
 */
Datum
province_of(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	int			i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			break;
	if (i != len || (len != 6 && len != 9))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid region code: \"%s\"", xdjy_clip(text_to_cstring(t))),
				 errhint("A region code has 6 digits (province, city, county) or 9 (township), such as 370102.")));
	PG_RETURN_TEXT_P(cstring_to_text(xdjy_province_code(text_to_cstring(t))));
}

/*
 * xdjy.month_of(day date) RETURNS date
 * The first day of day's month: the key of every monthly report.
 */
Datum
month_of(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);

	if (DATE_NOT_FINITE(day))
		PG_RETURN_DATEADT(day);
	PG_RETURN_DATEADT(xdjy_month_start(day));
}

/*--------------------------------------------------------------------------
 * Labels of the reporting codes, in English and Chinese
 *--------------------------------------------------------------------------
 */

static const struct
{
	const char *code;
	const char *en;
	const char *zh;
}			reporting_labels[] = {
	{"missing_at_insured", "missing at the insured place", "参保地缺失"},
	{"missing_at_treatment", "missing at the treatment place", "就医地缺失"},
	{"missing_at_national", "missing at the national platform", "国家平台缺失"},
	{"amount_differs", "amounts differ", "金额不符"},
	{"unknown_settlement", "settlement unknown to xdjy", "结算记录不存在"},
	{"done", "done", "已完成"},
	{"open", "open", "未到期"},
	{"overdue", "overdue", "已逾期"},
	{"awaiting_materials", "awaiting materials", "材料未齐"},
	{"network_success", "network settlement success rate", "异地就医联网结算成功率"},
	{"cross_province_inpatient_direct", "cross-province inpatient direct settlement rate", "住院费用跨省直接结算率"},
	{"township_inpatient", "township without a networked inpatient institution", "乡镇（街道）无住院联网定点医疗机构"},
	{"county_chronic", "county with fewer than two networked chronic-outpatient hospitals", "县级行政区门诊慢特病联网医疗机构不足2家"},
	{"institution", "institution", "定点医药机构"},
	{"insured_region", "insured region (pays)", "参保地（应付）"},
	{"treatment_region", "treatment region (receives)", "就医地（应收）"},
};

/*
 * xdjy.reporting_label(code text, lang text DEFAULT NULL) RETURNS text
 * The label of a kind, status, indicator, gap or clearing party of the
 * reporting views; lang NULL follows xdjy.language.  An unknown code is
 * 22023.
 */
PG_FUNCTION_INFO_V1(reporting_label);

Datum
reporting_label(PG_FUNCTION_ARGS)
{
	char	   *code;
	XdjyLanguage lang;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	code = text_to_cstring(PG_GETARG_TEXT_PP(0));
	lang = PG_ARGISNULL(1) ? (XdjyLanguage) xdjy_language : xdjy_parse_language(PG_GETARG_TEXT_PP(1));
	for (size_t i = 0; i < lengthof(reporting_labels); i++)
		if (strcmp(reporting_labels[i].code, code) == 0)
			PG_RETURN_TEXT_P(cstring_to_text(lang == XDJY_LANG_ZH ? reporting_labels[i].zh
											 : reporting_labels[i].en));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown reporting code \"%s\"", xdjy_clip(code)),
			 errhint("Pass a kind, status, indicator, gap or clearing party of the reporting views, such as \"amount_differs\" or \"overdue\".")));
	PG_RETURN_NULL();			/* keep compiler quiet */
}
