/*-------------------------------------------------------------------------
 *
 * src/presettle_compare.c
 *	  compare_presettlement(presettled, settlement_id, lang): whether a
 *	  settlement equals the pre-settlement (预结算, 2303 / 2206) shown to
 *	  the patient before it in every amount, and where it does not, which
 *	  of the inputs the engine read moved in between and by how much: the
 *	  ledgers (deductible met, fund paid), the personal account's balance,
 *	  the policy row and its figures, the ratio rules, the filing, and the
 *	  caller's inputs (total, out of scope, fee lines, date, flags).
 *
 *	  Both rows carry what the engine priced them from (the ledgers before
 *	  included, src/settlement_trigger.c), so the comparison is of the two
 *	  rows alone; the explanation is in English or Chinese (xdjy.language).
 *	  A patient is told why the settlement is not what was shown
 *	  (鲁医保发〔2021〕46号 第四条: nothing is paid twice, nor differently
 *	  without a reason).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/typcache.h"

#include "errors.h"
#include "spi_plans.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(compare_presettlement);

typedef enum Unit
{
	U_FEN,						/* an amount in fen */
	U_BP,						/* basis points */
	U_NONE						/* a code, a date, a list */
} Unit;

/* one column compared: an amount (decides "same"), an input (a reason), or both */
typedef struct CmpItem
{
	const char *column;
	const char *en;
	const char *zh;
	Unit		unit;
	bool		amount;
	bool		input;
} CmpItem;

static const CmpItem items[] = {
	/* the caller's inputs */
	{"encounter_id", "encounter (mdtrt_id)", "就诊（mdtrt_id）", U_NONE, false, true},
	{"total_fen", "total (medfee_sumamt)", "医疗费总额（medfee_sumamt）", U_FEN, true, true},
	{"out_of_scope_fen", "out of scope (fulamt_ownpay_amt + overlmt_selfpay)", "政策范围外（fulamt_ownpay_amt + overlmt_selfpay）", U_FEN, true, true},
	{"fee_detail_ids", "fee lines (fee_detail_ids)", "费用明细（fee_detail_ids）", U_NONE, false, true},
	{"settled_on", "settlement date", "结算日期", U_NONE, false, true},
	{"mid_stay", "mid-stay flag (mid_setl_flag)", "中途结算标志（mid_setl_flag）", U_NONE, false, true},
	{"acct_used", "account flag (acct_used_flag)", "个人账户使用标志（acct_used_flag）", U_NONE, false, true},
	/* what the engine read */
	{"deductible_met_before_fen", "deductible ledger (deductible_met_before_fen)", "起付线台账（deductible_met_before_fen）", U_FEN, false, true},
	{"fund_paid_before_fen", "fund ledger (fund_paid_before_fen)", "基金支付台账（fund_paid_before_fen）", U_FEN, false, true},
	{"filing_id", "filing (filing_id)", "备案（filing_id）", U_NONE, false, true},
	{"category_reason", "category reason", "类别依据", U_NONE, false, true},
	{"policy_id", "policy row (policy_id)", "政策行（policy_id）", U_NONE, false, true},
	{"quota_group", "quota group", "额度组", U_NONE, false, true},
	{"policy_deductible_fen", "policy deductible", "政策起付线", U_FEN, false, true},
	{"policy_ratio_bp", "policy ratio", "政策支付比例", U_BP, false, true},
	{"first_selfpay_bp", "first self-pay share", "首先自付比例", U_BP, false, true},
	{"annual_cap_fen", "annual cap", "年度限额", U_FEN, false, true},
	{"adjustment_ids", "ratio rules (adjustment_ids)", "比例调整规则（adjustment_ids）", U_NONE, false, true},
	/* the amounts */
	{"category", "category", "待遇类别", U_NONE, true, false},
	{"overlmt_fen", "above price ceilings (overlmt_selfpay)", "超限价自费（overlmt_selfpay）", U_FEN, true, false},
	{"preselfpay_fen", "paid first by the person (preselfpay_amt)", "先行自付（preselfpay_amt）", U_FEN, true, false},
	{"first_selfpay_fen", "temporary traveller's first self-pay", "临时外出首先自付", U_FEN, true, false},
	{"in_scope_fen", "within scope (inscp_scp_amt)", "符合政策范围（inscp_scp_amt）", U_FEN, true, false},
	{"deductible_fen", "deductible paid (act_pay_dedc)", "起付线（act_pay_dedc）", U_FEN, true, false},
	{"ratio_bp", "ratio (pool_prop_selfpay)", "支付比例（pool_prop_selfpay）", U_BP, true, false},
	{"fund_fen", "fund (hifp_pay)", "统筹基金支出（hifp_pay）", U_FEN, true, false},
	{"personal_fen", "personal share (psn_part_amt)", "个人负担（psn_part_amt）", U_FEN, true, false},
	{"acct_pay_fen", "personal account (acct_pay)", "个人账户支出（acct_pay）", U_FEN, true, false},
	{"cash_pay_fen", "cash (psn_cash_pay)", "现金支付（psn_cash_pay）", U_FEN, true, false},
	{"acct_balance_fen", "account balance after (balc)", "账户余额（balc）", U_FEN, true, false},
};

/* the account's balance before: balc + acct_pay where the account was used */
static const CmpItem balance_before = {
	NULL, "personal account balance", "个人账户余额", U_FEN, false, true
};

static XdjyPlan q_settlement = XDJY_PLAN("compare settlement",
	"SELECT s.* FROM xdjy.settlement s WHERE s.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

typedef struct Side
{
	HeapTuple	tuple;
	TupleDesc	desc;
} Side;

/* the column's value as text (NULL if null or absent) */
static char *
side_value(const Side *s, const char *column)
{
	int			att = SPI_fnumber(s->desc, column);

	if (att <= 0)
		return NULL;
	return SPI_getvalue(s->tuple, s->desc, att);
}

static bool
side_int64(const Side *s, const char *column, int64 *v)
{
	char	   *t = side_value(s, column);

	if (t == NULL)
		return false;
	*v = DatumGetInt64(DirectFunctionCall1(int8in, CStringGetDatum(t)));
	return true;
}

typedef struct Out
{
	XdjyLanguage lang;
	StringInfoData json;		/* the differences, a JSON array */
	StringInfoData amounts;		/* the explanation's parts */
	StringInfoData inputs;
	int			ndiff;
	bool		same;
} Out;

#define L(o, en, zh)	((o)->lang == XDJY_LANG_ZH ? (zh) : (en))

static void
json_value(StringInfo buf, const char *v, Unit unit)
{
	if (v == NULL)
		appendStringInfoString(buf, "null");
	else if (unit != U_NONE)
		appendStringInfoString(buf, v);
	else
		escape_json(buf, v);
}

/* one item that differs, into the JSON and the explanation */
static void
record_difference(Out *o, const CmpItem *it, const char *name, const char *a,
				  const char *b)
{
	StringInfo	part = it->amount ? &o->amounts : &o->inputs;
	const char *unit = it->unit == U_FEN ? L(o, " fen", " 分")
		: it->unit == U_BP ? " bp" : "";
	const char *none = L(o, "(none)", "（无）");

	appendStringInfo(&o->json, "%s{\"item\": ", o->ndiff++ ? ", " : "");
	escape_json(&o->json, name);
	appendStringInfoString(&o->json, ", \"kind\": ");
	escape_json(&o->json, it->amount ? "amount" : "input");
	appendStringInfoString(&o->json, ", \"presettled\": ");
	json_value(&o->json, a, it->unit);
	appendStringInfoString(&o->json, ", \"settled\": ");
	json_value(&o->json, b, it->unit);
	if (it->unit != U_NONE && a != NULL && b != NULL)
	{
		int64		x = DatumGetInt64(DirectFunctionCall1(int8in, CStringGetDatum(a)));
		int64		y = DatumGetInt64(DirectFunctionCall1(int8in, CStringGetDatum(b)));

		/* |delta| of two int64 amounts may not fit: numeric for the JSON */
		appendStringInfo(&o->json, ", \"delta\": %s",
						 DatumGetCString(DirectFunctionCall1(numeric_out,
															 DirectFunctionCall2(numeric_sub,
																				 NumericGetDatum(int64_to_numeric(y)),
																				 NumericGetDatum(int64_to_numeric(x))))));
	}
	appendStringInfoChar(&o->json, '}');

	if (part->len)
		appendStringInfoString(part, L(o, "; ", "；"));
	if (it->amount)
		appendStringInfo(part, "%s %s → %s%s", L(o, it->en, it->zh),
						 a ? a : none, b ? b : none, unit);
	else
		appendStringInfo(part, L(o, "the %s moved from %s to %s%s", "%s由 %s 变为 %s%s"),
						 L(o, it->en, it->zh), a ? a : none, b ? b : none, unit);
	if (it->amount)
		o->same = false;
}

static void
compare_item(Out *o, const CmpItem *it, const Side *p, const Side *s)
{
	char	   *a = side_value(p, it->column);
	char	   *b = side_value(s, it->column);

	if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
		record_difference(o, it, it->column, a, b);
}

/* balc + acct_pay of a row where the account was used: its balance before */
static char *
balance_before_of(const Side *s)
{
	int64		balc,
				pay;
	char	   *used = side_value(s, "acct_used");

	if (used == NULL || strcmp(used, "t") != 0 ||
		!side_int64(s, "acct_balance_fen", &balc) || !side_int64(s, "acct_pay_fen", &pay))
		return NULL;
	return psprintf(INT64_FORMAT, balc + pay);
}

/*
 * compare_presettlement(presettled settlement, settlement_id bigint,
 *                       lang text DEFAULT NULL)
 *   RETURNS (same boolean, differences jsonb, explanation text)
 */
Datum
compare_presettlement(PG_FUNCTION_ARGS)
{
	HeapTupleHeader td;
	HeapTupleData pt;
	Side		p,
				s;
	Out			o;
	TupleDesc	rdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	StringInfoData expl;
	int64		id;
	char	   *a,
			   *b;
	MemoryContext cxt = CurrentMemoryContext;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("pre-settlement and settlement id must not be null"),
				 errhint("Give the row presettle() returned and the id of the settlement made after it.")));
	if (get_call_result_type(fcinfo, NULL, &rdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "xdjy: compare_presettlement must return a row");
	id = PG_GETARG_INT64(1);
	memset(&o, 0, sizeof(o));
	o.lang = PG_ARGISNULL(2) ? (XdjyLanguage) xdjy_language
		: xdjy_parse_language(PG_GETARG_TEXT_PP(2));
	o.same = true;
	initStringInfo(&o.json);
	initStringInfo(&o.amounts);
	initStringInfo(&o.inputs);

	td = PG_GETARG_HEAPTUPLEHEADER(0);
	pt.t_len = HeapTupleHeaderGetDatumLength(td);
	ItemPointerSetInvalid(&pt.t_self);
	pt.t_tableOid = InvalidOid;
	pt.t_data = td;
	p.tuple = &pt;
	p.desc = lookup_rowtype_tupdesc_copy(HeapTupleHeaderGetTypeId(td),
										 HeapTupleHeaderGetTypMod(td));

	/* the settlement as the caller may read it (row-level security applies),
	 * in a fresh snapshot: it may be of the statement that calls (2304) */
	xdjy_spi_connect();
	{
		Datum		arg = Int64GetDatum(id);

		if (xdjy_plan_execute(&q_settlement, &arg, NULL, 1, SPI_OK_SELECT) != 1)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
					 errdetail("Settlement %lld does not exist, or the role may not read it.",
							   (long long) id),
					 errhint("Give the id of a settlement the role may read, e.g. the setl_id 2304 returned.")));
	}
	s.tuple = SPI_tuptable->vals[0];
	s.desc = SPI_tuptable->tupdesc;

	for (size_t i = 0; i < lengthof(items); i++)
		compare_item(&o, &items[i], &p, &s);
	a = balance_before_of(&p);
	b = balance_before_of(&s);
	if (a != NULL && b != NULL && strcmp(a, b) != 0)
		record_difference(&o, &balance_before, "acct_balance_before_fen", a, b);

	/* the answer outlives SPI_finish */
	MemoryContextSwitchTo(cxt);
	initStringInfo(&expl);
	if (o.same)
	{
		appendStringInfo(&expl, L(&o, "Settlement %lld equals the pre-settlement in every amount.",
								  "结算 %lld 与预结算各项金额一致。"), (long long) id);
		if (o.inputs.len)
			appendStringInfo(&expl, L(&o, " Inputs that moved without changing an amount: %s.",
									  "变化但未影响金额的输入：%s。"), o.inputs.data);
	}
	else
	{
		appendStringInfo(&expl, L(&o, "Settlement %lld differs from the pre-settlement: %s.",
								  "结算 %lld 与预结算不一致：%s。"), (long long) id, o.amounts.data);
		if (o.inputs.len)
			appendStringInfo(&expl, L(&o, " Why: %s.", "原因：%s。"), o.inputs.data);
		else
			appendStringInfoString(&expl, L(&o, " Why: no input the engine read differs.",
											"原因：引擎读取的输入均未变化。"));
	}

	values[0] = BoolGetDatum(o.same);
	appendStringInfoChar(&o.json, ']');
	{
		StringInfoData arr;

		initStringInfo(&arr);
		appendStringInfoChar(&arr, '[');
		appendBinaryStringInfo(&arr, o.json.data, o.json.len);
		values[1] = DirectFunctionCall1(jsonb_in, CStringGetDatum(arr.data));
	}
	values[2] = CStringGetTextDatum(expl.data);
	xdjy_spi_finish();
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(rdesc), values, nulls)));
}
