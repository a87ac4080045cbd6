/*-------------------------------------------------------------------------
 *
 * src/explain.c
 *	  explain_settlement(id, lang): every step of a settlement — the
 *	  category and why, the policy row, each ratio rule, each amount, each
 *	  ledger before and after — with its rule and the article it comes
 *	  from, in English or Chinese: every settlement can explain itself.
 *
 *	  It replays from what the engine stored on the row (policy figures,
 *	  ratio steps, ledger before) with the same pure C as the engine, so the
 *	  explanation is the settlement's own, whatever the policy tables hold
 *	  now; a replay that disagrees with the stored amounts says so.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/tuplestore.h"

#include "dates.h"
#include "errors.h"
#include "money.h"
#include "settlement.h"
#include "spi_plans.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(explain_settlement);

static XdjyPlan q_explain = XDJY_PLAN(
	"explain settlement",
	"SELECT s.encounter_id, s.settled_on, s.mode, s.invoice_no, s.total_fen,"
	"       s.out_of_scope_fen, s.reverses, s.person_id, s.insured_region,"
	"       s.treatment_region, s.filing_id, s.scope, s.category, s.policy_id,"
	"       s.ratio_bp, s.first_selfpay_fen, s.deductible_fen, s.fund_fen,"
	"       s.personal_fen, s.own_reason, s.referral_id, s.service_on,"
	"       s.category_reason, s.quota_group, s.policy_deductible_fen,"
	"       s.policy_ratio_bp, s.first_selfpay_bp, s.annual_cap_fen,"
	"       s.adjustment_ids, s.ratio_steps, s.in_scope_fen,"
	"       s.deductible_met_before_fen, s.fund_paid_before_fen,"
	"       p.scheme, p.category, p.visit_type, p.tier, p.valid,"
	"       o.settled_on"
	" FROM xdjy.settlement s"
	" LEFT JOIN xdjy.policy p ON p.id OPERATOR(pg_catalog.=) s.policy_id"
	" LEFT JOIN xdjy.settlement o ON o.id OPERATOR(pg_catalog.=) s.reverses"
	" WHERE s.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

static XdjyPlan q_explain_adjustments = XDJY_PLAN(
	"explain adjustments",
	"SELECT a.kind, a.points_bp, a.source, a.note_en, a.note_zh"
	" FROM pg_catalog.unnest($1::pg_catalog.int8[]) WITH ORDINALITY u(id, n)"
	" LEFT JOIN xdjy.ratio_adjustment a ON a.id OPERATOR(pg_catalog.=) u.id"
	" ORDER BY u.n",
	1, INT8ARRAYOID);

/* 1.1 columns: a 1.0 table (before ALTER EXTENSION UPDATE) has no fee lines */
static XdjyPlan q_explain_has_lines = XDJY_PLAN(
	"explain fee columns",
	"SELECT 1 FROM pg_catalog.pg_attribute a"
	" WHERE a.attrelid OPERATOR(pg_catalog.=) 'xdjy.settlement'::pg_catalog.regclass"
	"   AND a.attname OPERATOR(pg_catalog.=) 'fee_detail_ids' AND NOT a.attisdropped",
	0);

static XdjyPlan q_explain_preselfpay = XDJY_PLAN(
	"explain fee share",
	"SELECT s.preselfpay_fen FROM xdjy.settlement s WHERE s.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

/* the lines a settlement was priced from, by class (NULL: not in the catalogue) */
static XdjyPlan q_explain_lines = XDJY_PLAN(
	"explain fee lines",
	"SELECT g.lv, g.n, g.amount, g.fulamt, g.overlmt, g.pre, g.codes"
	" FROM xdjy.settlement s, LATERAL ("
	"   SELECT CASE WHEN f.listed THEN f.chrgitm_lv END AS lv, pg_catalog.count(*) AS n,"
	"          pg_catalog.sum(f.amount_fen)::pg_catalog.int8 AS amount,"
	"          pg_catalog.sum(f.fulamt_ownpay_fen)::pg_catalog.int8 AS fulamt,"
	"          pg_catalog.sum(f.overlmt_fen)::pg_catalog.int8 AS overlmt,"
	"          pg_catalog.sum(f.preselfpay_fen)::pg_catalog.int8 AS pre,"
	"          pg_catalog.string_agg(DISTINCT f.med_list_codg, ', ') AS codes"
	"     FROM xdjy.fee_detail f WHERE f.id OPERATOR(pg_catalog.=) ANY (s.fee_detail_ids)"
	"    GROUP BY 1) g"
	" WHERE s.id OPERATOR(pg_catalog.=) $1"
	" ORDER BY g.lv NULLS LAST",
	1, INT8OID);

/*
 * 1.1: the personal account, and what the special-drug and former
 * rural-scheme rules read (吉医保发〔2019〕34号 附件第13条, 第2条): the
 * encounter's own visit type, the pharmacy, the person's attribute rows
 * and the province's rows on the service date, as they are now.
 */
static XdjyPlan q_explain_extra = XDJY_PLAN(
	"explain accounts and attributes",
	"SELECT e.visit_type, i.special_drug_pharmacy, s.acct_used, s.acct_pay_fen,"
	"       s.acct_balance_fen, s.cash_pay_fen, sd.valid, fr.valid,"
	"       rr.ratio_bp, rr.valid, rr.source, rd.tier, rd.valid, rd.source,"
	"       s.institution_code"
	" FROM xdjy.settlement s"
	" LEFT JOIN xdjy.encounter e ON e.id OPERATOR(pg_catalog.=) s.encounter_id"
	" LEFT JOIN xdjy.institution i ON i.code OPERATOR(pg_catalog.=) s.institution_code"
	" LEFT JOIN xdjy.person_attribute sd ON sd.person_id OPERATOR(pg_catalog.=) s.person_id"
	"   AND sd.kind OPERATOR(pg_catalog.=) 'special_disease' AND sd.valid OPERATOR(pg_catalog.@>) s.service_on"
	" LEFT JOIN xdjy.person_attribute fr ON fr.person_id OPERATOR(pg_catalog.=) s.person_id"
	"   AND fr.kind OPERATOR(pg_catalog.=) 'former_rural' AND fr.valid OPERATOR(pg_catalog.@>) s.service_on"
	" LEFT JOIN xdjy.former_rural_ratio rr"
	"   ON rr.province OPERATOR(pg_catalog.=) (pg_catalog.left(s.insured_region, 2) OPERATOR(pg_catalog.||) '0000')"
	"   AND rr.valid OPERATOR(pg_catalog.@>) s.service_on"
	" LEFT JOIN xdjy.former_rural_special_drug rd"
	"   ON rd.province OPERATOR(pg_catalog.=) (pg_catalog.left(s.insured_region, 2) OPERATOR(pg_catalog.||) '0000')"
	"   AND rd.valid OPERATOR(pg_catalog.@>) s.service_on"
	" WHERE s.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

/* columns of q_explain */
enum
{
	E_ENCOUNTER = 1, E_SETTLED_ON, E_MODE, E_INVOICE, E_TOTAL, E_OOS, E_REVERSES,
	E_PERSON, E_INSURED, E_TREATMENT, E_FILING, E_SCOPE, E_CATEGORY, E_POLICY,
	E_RATIO, E_FIRST_SELFPAY, E_DEDUCTIBLE, E_FUND, E_PERSONAL, E_OWN_REASON,
	E_REFERRAL, E_SERVICE_ON, E_REASON, E_QUOTA_GROUP, E_POLICY_DEDUCTIBLE,
	E_POLICY_RATIO, E_FIRST_SELFPAY_BP, E_ANNUAL_CAP, E_ADJ_IDS, E_RATIO_STEPS,
	E_IN_SCOPE, E_MET_BEFORE, E_PAID_BEFORE, E_P_SCHEME, E_P_CATEGORY,
	E_P_VISIT_TYPE, E_P_TIER, E_P_VALID, E_ORIGINAL_ON
};

typedef struct Out
{
	ReturnSetInfo *rsinfo;
	int			step;
	XdjyLanguage lang;
} Out;

static void
emit(Out *o, const char *rule_en, const char *rule_zh, bool has_amount,
	 int64 amount, const char *source, const char *note)
{
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	values[0] = Int32GetDatum(++o->step);
	values[1] = CStringGetTextDatum(o->lang == XDJY_LANG_ZH ? rule_zh : rule_en);
	if (has_amount)
		values[2] = Int64GetDatum(amount);
	else
		nulls[2] = true;
	values[3] = CStringGetTextDatum(source);
	values[4] = CStringGetTextDatum(note);
	tuplestore_putvalues(o->rsinfo->setResult, o->rsinfo->setDesc, values, nulls);
}

/* pick the language */
#define L(o, en, zh)	((o)->lang == XDJY_LANG_ZH ? (zh) : (en))

static const char *
category_text(Out *o, const char *category)
{
	if (strcmp(category, "local") == 0)
		return L(o, "local", "本地就医");
	if (strcmp(category, "long_term") == 0)
		return L(o, "long_term", "异地长期居住");
	if (strcmp(category, "temporary") == 0)
		return L(o, "temporary", "临时外出就医");
	return L(o, "unfiled", "未备案");
}

static const char *
scope_text(Out *o, const char *scope)
{
	if (strcmp(scope, "local") == 0)
		return L(o, "local", "本地");
	if (strcmp(scope, "intra_province") == 0)
		return L(o, "intra_province", "省内跨市");
	return L(o, "cross_province", "跨省");
}

static const char *
reason_source(Out *o, XdjyCategoryReason why)
{
	switch (why)
	{
		case XDJY_WHY_LOCAL:
			return L(o, "xdjy's rule: treated in the insured region", "xdjy 规则：在参保地就医");
		case XDJY_WHY_LOCAL_WITH_PROOF:
			return "鲁医保发〔2022〕26号 第二条(三); 济宁市医保局 异地就医十项便民措施 第三条";
		case XDJY_WHY_LOCAL_HOME_KEPT:
			return "吉医保发〔2019〕34号 附件第8条";
		case XDJY_WHY_HOME_WITHOUT_PROOF:
			return "鲁医保发〔2022〕26号 第二条(三); 济宁市医保局 异地就医十项便民措施 第三条";
		case XDJY_WHY_LONG_TERM_FILING:
			return "鲁医保发〔2021〕46号 第三条(一); 鲁医保发〔2022〕26号 第二条(三)";
		case XDJY_WHY_TEMPORARY_FILING:
			return "鲁医保发〔2021〕46号 第一条(二)";
		case XDJY_WHY_FILED_BEFORE_DISCHARGE:
			return "济宁市医保局 异地就医十项便民措施 第四条(二); 鲁医保发〔2022〕26号 第二条(二)";
		case XDJY_WHY_FILED_AFTER_DISCHARGE:
			return "鲁医保发〔2022〕26号 第二条(二)";
		case XDJY_WHY_CLOSED_MID_STAY:
			return "鲁医保发〔2022〕26号 第二条(一)";
		case XDJY_WHY_FILING_EXEMPT:
			return "鲁医保发〔2021〕46号 第二条(三)";
		case XDJY_WHY_REFERRAL:
			return "吉医保发〔2019〕34号 附件第10–12条; 鲁医保发〔2021〕46号 第一条(二)";
		case XDJY_WHY_EMERGENCY:
			return "济宁市医保局 异地就医十项便民措施 第五条(一); 鲁医保发〔2022〕26号 第二条(五)";
		case XDJY_WHY_UNCHOSEN_INSTITUTION:
			return "吉医保发〔2019〕34号 附件第7条, 第3条";
		case XDJY_WHY_UNFILED:
			return "吉医保发〔2019〕34号 附件第3条";
	}
	return L(o, "xdjy's rule", "xdjy 规则");
}

static char *
reason_note(Out *o, XdjyCategoryReason why, const char *category, int64 filing,
			int64 referral, const char *insured, const char *treatment,
			DateADT service_on)
{
	const char *cat = category_text(o, category);
	const char *d = xdjy_iso_date(service_on);

	switch (why)
	{
		case XDJY_WHY_LOCAL:
			return psprintf(L(o, "%s: treated in the insured pooling region %s",
							  "%s：在参保统筹区 %s 就医"), cat, insured);
		case XDJY_WHY_LOCAL_WITH_PROOF:
			return psprintf(L(o, "%s: long-term filing %lld elsewhere, with proof of residence there: the insured place's benefits hold at home",
							  "%s：异地长期居住备案 %lld 已提供户籍证明、居住证或单位工作证明，回参保地享受同等待遇"),
							cat, (long long) filing);
		case XDJY_WHY_LOCAL_HOME_KEPT:
			return psprintf(L(o, "%s: long-term filing %lld elsewhere on a pledge only; province %.2s keeps the insured place's benefits valid",
							  "%s：异地长期居住备案 %lld 仅为承诺备案；本省 %.2s 规定参保地和居住地待遇均保持有效"),
							cat, (long long) filing, insured);
		case XDJY_WHY_HOME_WITHOUT_PROOF:
			return psprintf(L(o, "%s: long-term filing %lld elsewhere on a pledge only, treated back at the insured place: temporary outside standard",
							  "%s：异地长期居住备案 %lld 仅为承诺备案，返回参保地就医按临时外出就医人员待遇执行"),
							cat, (long long) filing);
		case XDJY_WHY_LONG_TERM_FILING:
			return psprintf(L(o, "%s: long-term filing %lld for %s holds on %s; the insured place's local deductible, ratio and cap apply",
							  "%s：长期居住备案 %lld（备案地 %s）在 %s 有效，执行参保地本地起付标准、支付比例和最高支付限额"),
							cat, (long long) filing, treatment, d);
		case XDJY_WHY_TEMPORARY_FILING:
			return psprintf(L(o, "%s: temporary filing %lld for %s holds on %s",
							  "%s：临时外出就医备案 %lld（就医地 %s）在 %s 有效"),
							cat, (long long) filing, treatment, d);
		case XDJY_WHY_FILED_BEFORE_DISCHARGE:
			return psprintf(L(o, "%s: filing %lld for %s was made before the discharge settlement, though the admission on %s came first: direct settlement",
							  "%s：备案 %lld（%s）在出院结算前完成（入院日期 %s 在前），联网直接结算"),
							cat, (long long) filing, treatment, d);
		case XDJY_WHY_FILED_AFTER_DISCHARGE:
			return psprintf(L(o, "%s: filing %lld for %s was made after a self-paid discharge: reimbursed by hand at the insured place's standard",
							  "%s：出院自费结算后补办备案 %lld（%s），按参保地规定手工报销"),
							cat, (long long) filing, treatment);
		case XDJY_WHY_CLOSED_MID_STAY:
			return psprintf(L(o, "%s: filing %lld for %s was closed after the admission on %s: the stay still settles under it",
							  "%s：备案 %lld（%s）在 %s 入院后终止，出院结算仍可直接联网结算"),
							cat, (long long) filing, treatment, d);
		case XDJY_WHY_FILING_EXEMPT:
			return psprintf(L(o, "%s: intra-province treatment in %s needs no filing in province %.2s on %s",
							  "%s：省内跨市就医（%s），本省 %.2s 在 %s 免备案"),
							cat, treatment, insured, d);
		case XDJY_WHY_REFERRAL:
			return psprintf(L(o, "%s: referral %lld to %s, valid in its insurance year, for its diagnosis, once",
							  "%s：转诊 %lld 至 %s，参保年度内有效，符合转诊诊断，当次有效"),
							cat, (long long) referral, treatment);
		case XDJY_WHY_EMERGENCY:
			return psprintf(L(o, "%s: emergency treatment in %s without filing is treated as filed",
							  "%s：因急诊抢救在 %s 就医未办理备案，视同已备案"),
							cat, treatment);
		case XDJY_WHY_UNCHOSEN_INSTITUTION:
			return psprintf(L(o, "%s: long-term filing %lld for %s covers the direct-settlement institutions of the residence city and up to four chosen others; this institution is neither: reimbursed by hand at the unfiled standard",
							  "%s：长期异地居住备案 %lld（%s）覆盖居住地全部直接结算定点机构及自愿选定的 4 家非直接结算机构；本机构不在其中，按未备案标准手工报销"),
							cat, (long long) filing, treatment);
		case XDJY_WHY_UNFILED:
			return psprintf(L(o, "%s: no filing, exemption, referral or emergency for %s on %s: reimbursed by hand at the unfiled standard",
							  "%s：在 %s 就医于 %s 无备案、免备案、转诊或急诊情形，按未备案标准手工报销"),
							cat, treatment, d);
	}
	return pstrdup(cat);
}

/* an int8[] / int4[] column as a C array of int64 */
static int
array_values(Datum d, bool isnull, Oid elemtype, int64 **out)
{
	Datum	   *elems;
	bool	   *enulls;
	int			n;

	if (isnull)
	{
		*out = NULL;
		return 0;
	}
	if (elemtype == INT8OID)
		deconstruct_array(DatumGetArrayTypeP(d), INT8OID, sizeof(int64),
						  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &enulls, &n);
	else
		deconstruct_array(DatumGetArrayTypeP(d), INT4OID, sizeof(int32),
						  true, TYPALIGN_INT, &elems, &enulls, &n);
	*out = palloc(sizeof(int64) * (n + 1));
	for (int i = 0; i < n; i++)
		(*out)[i] = enulls[i] ? 0 : (elemtype == INT8OID ? DatumGetInt64(elems[i])
									  : (int64) DatumGetInt32(elems[i]));
	return n;
}

static int64
col64(int col, bool *isnull)
{
	Datum		d = xdjy_spi_value(0, col, isnull);

	return *isnull ? 0 : DatumGetInt64(d);
}

/*
 * What the engine stored on the row, read once: each step below explains
 * from this alone, so a later query (the ratio rules) cannot change what
 * the earlier steps read.  Strings are in the function's context.
 */
typedef struct Explained
{
	int64		id;
	bool		has_lines;		/* the table has the fee-line columns (1.1) */
	char	   *insured;
	char	   *treatment;
	char	   *category;
	char	   *reason;
	char	   *quota_group;
	char	   *scope;
	char	   *mode;
	/* the policy row as it is now, for its key; NULL if it is gone */
	char	   *p_scheme;
	char	   *p_category;
	char	   *p_visit;
	char	   *p_valid;
	bool		tier_null;
	int			tier;
	DateADT		service_on;
	int64		filing;
	int64		referral;
	int64		policy_id;
	bool		is_reversal;
	int64		original;
	DateADT		original_on;
	/* the amounts as stored */
	int64		first_selfpay;
	int64		deductible;
	int64		fund;
	int64		personal;
	int64		in_scope;
	int32		ratio;
	int32		policy_ratio;
	/* the inputs they were priced from, ledgers before included */
	XdjyAmountInput ai;
	/* the ratio rules applied and the ratio after each */
	Datum		adj_ids_datum;	/* the int8[] itself, valid until SPI_finish */
	int			nadj;
	int64	   *adj_ids;
	int			nsteps;
	int64	   *steps;
	/* 1.1 (q_explain_extra): the account, the special-drug and former rural rules */
	bool		has_extra;
	char	   *visit_type;		/* the encounter's own */
	bool		drug_pharmacy;
	bool		acct_used;
	int64		acct_pay;
	bool		balance_null;
	int64		balance_after;
	int64		cash_pay;
	char	   *special_valid;	/* the special_disease attribute row, if any */
	char	   *rural_valid;	/* the former_rural attribute row, if any */
	bool		rural_ratio_null;
	int32		rural_ratio;
	char	   *rural_ratio_valid;
	char	   *rural_ratio_source;
	bool		rural_drug_null;
	int			rural_drug_tier;
	char	   *rural_drug_valid;
	char	   *rural_drug_source;
	char	   *institution;
} Explained;

/* read settlement id into x, or raise the error a caller can act on */
static void
explain_read(int64 id, Explained *x, MemoryContext fcxt)
{
	Datum		arg = Int64GetDatum(id);
	bool		isnull;
	bool		service_null;
	bool		valid_null;
	Datum		valid_d;

	if (xdjy_plan_execute(&q_explain, &arg, NULL, 1, SPI_OK_SELECT) == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Settlement %lld does not exist.", (long long) id),
				 errhint("Give the id of a settlement.")));

	memset(x, 0, sizeof(*x));
	x->id = id;
	x->insured = xdjy_spi_text(0, E_INSURED, fcxt);
	x->treatment = xdjy_spi_text(0, E_TREATMENT, fcxt);
	x->category = xdjy_spi_text(0, E_CATEGORY, fcxt);
	x->reason = xdjy_spi_text(0, E_REASON, fcxt);
	x->quota_group = xdjy_spi_text(0, E_QUOTA_GROUP, fcxt);
	x->scope = xdjy_spi_text(0, E_SCOPE, fcxt);
	x->mode = xdjy_spi_text(0, E_MODE, fcxt);
	x->p_scheme = xdjy_spi_text(0, E_P_SCHEME, fcxt);
	x->p_category = xdjy_spi_text(0, E_P_CATEGORY, fcxt);
	x->p_visit = xdjy_spi_text(0, E_P_VISIT_TYPE, fcxt);
	valid_d = xdjy_spi_value(0, E_P_VALID, &valid_null);
	x->p_valid = valid_null ? NULL : xdjy_iso_daterange(valid_d);
	x->tier = DatumGetInt16(xdjy_spi_value(0, E_P_TIER, &x->tier_null));
	x->service_on = DatumGetDateADT(xdjy_spi_value(0, E_SERVICE_ON, &service_null));
	x->filing = col64(E_FILING, &isnull);
	x->referral = col64(E_REFERRAL, &isnull);
	x->policy_id = col64(E_POLICY, &isnull);
	x->original = col64(E_REVERSES, &isnull);
	x->is_reversal = !isnull;
	x->original_on = DatumGetDateADT(xdjy_spi_value(0, E_ORIGINAL_ON, &isnull));
	x->first_selfpay = col64(E_FIRST_SELFPAY, &isnull);
	x->deductible = col64(E_DEDUCTIBLE, &isnull);
	x->fund = col64(E_FUND, &isnull);
	x->personal = col64(E_PERSONAL, &isnull);
	x->in_scope = col64(E_IN_SCOPE, &isnull);
	x->ratio = xdjy_spi_int32(0, E_RATIO, 0);
	x->policy_ratio = xdjy_spi_int32(0, E_POLICY_RATIO, 0);

	x->ai.total_fen = col64(E_TOTAL, &isnull);
	x->ai.out_of_scope_fen = col64(E_OOS, &isnull);
	x->ai.first_selfpay_bp = xdjy_spi_int32(0, E_FIRST_SELFPAY_BP, 0);
	x->ai.policy_deductible_fen = col64(E_POLICY_DEDUCTIBLE, &isnull);
	x->ai.deductible_met_fen = col64(E_MET_BEFORE, &isnull);
	x->ai.ratio_bp = x->ratio;
	x->ai.annual_cap_fen = col64(E_ANNUAL_CAP, &isnull);
	x->ai.fund_paid_fen = col64(E_PAID_BEFORE, &isnull);

	/* rows that did not pass the engine (triggers disabled) have no figures */
	if (x->category == NULL || x->reason == NULL || x->quota_group == NULL || service_null ||
		x->scope == NULL || x->mode == NULL || x->insured == NULL || x->treatment == NULL ||
		xdjy_reason_from_name(x->reason) < 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NOT_ENGINE_ROW),
				 errdetail("Settlement %lld has no category, reason or ledger figures.", (long long) id),
				 errhint("Only settlements written through the settlement trigger can be explained.")));
	x->adj_ids_datum = xdjy_spi_value(0, E_ADJ_IDS, &isnull);
	/* the next query frees this result: keep the array (a query argument later) */
	if (!isnull)
	{
		MemoryContext old = MemoryContextSwitchTo(fcxt);

		x->adj_ids_datum = datumCopy(x->adj_ids_datum, false, -1);
		MemoryContextSwitchTo(old);
	}
	x->nadj = array_values(x->adj_ids_datum, isnull, INT8OID, &x->adj_ids);
	x->nsteps = array_values(xdjy_spi_value(0, E_RATIO_STEPS, &isnull), isnull, INT4OID,
							 &x->steps);
	/* last: it replaces the result the lines above read */
	x->has_lines = xdjy_plan_execute(&q_explain_has_lines, NULL, NULL, 1, SPI_OK_SELECT) > 0;
}

/* a daterange column as text, or NULL */
static char *
range_text(int col)
{
	bool		isnull;
	Datum		d = xdjy_spi_value(0, col, &isnull);

	return isnull ? NULL : xdjy_iso_daterange(d);
}

/* 1.1: what q_explain_extra reads (a 1.0 table has none of it) */
static void
explain_read_extra(Explained *x, MemoryContext fcxt)
{
	Datum		arg = Int64GetDatum(x->id);
	bool		isnull;

	if (!x->has_lines ||
		xdjy_plan_execute(&q_explain_extra, &arg, NULL, 1, SPI_OK_SELECT) == 0)
		return;
	x->has_extra = true;
	x->visit_type = xdjy_spi_text(0, 1, fcxt);
	x->drug_pharmacy = xdjy_spi_bool(0, 2, false);
	x->acct_used = xdjy_spi_bool(0, 3, false);
	x->acct_pay = col64(4, &isnull);
	x->balance_after = col64(5, &x->balance_null);
	x->cash_pay = col64(6, &isnull);
	x->special_valid = range_text(7);
	x->rural_valid = range_text(8);
	x->rural_ratio = xdjy_spi_int32(0, 9, 0);
	(void) xdjy_spi_value(0, 9, &x->rural_ratio_null);
	x->rural_ratio_valid = range_text(10);
	x->rural_ratio_source = xdjy_spi_text(0, 11, fcxt);
	x->rural_drug_tier = DatumGetInt16(xdjy_spi_value(0, 12, &x->rural_drug_null));
	x->rural_drug_valid = range_text(13);
	x->rural_drug_source = xdjy_spi_text(0, 14, fcxt);
	x->institution = xdjy_spi_text(0, 15, fcxt);
	if (x->special_valid)
		x->special_valid = MemoryContextStrdup(fcxt, x->special_valid);
	if (x->rural_valid)
		x->rural_valid = MemoryContextStrdup(fcxt, x->rural_valid);
	if (x->rural_ratio_valid)
		x->rural_ratio_valid = MemoryContextStrdup(fcxt, x->rural_ratio_valid);
	if (x->rural_drug_valid)
		x->rural_drug_valid = MemoryContextStrdup(fcxt, x->rural_drug_valid);
}

/* the year of the ledger a settlement counts in: its service date's */
static int
explain_year(const Explained *x)
{
	int			y,
				m,
				d;

	j2date(x->service_on + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	return y;
}

/* a reversal (冲正): the original's amounts negated, its ledgers given back */
static void
explain_reversal(Out *o, const Explained *x)
{
	int			y = explain_year(x);
	int64		met = x->ai.deductible_met_fen;
	int64		paid = x->ai.fund_paid_fen;

	emit(o, "reversal", "冲正", false, 0, "国家医疗保障信息平台 接口规范 2601",
		 psprintf(L(o, "reverses settlement %lld of %s: every amount negated, the ledgers given back",
					"冲正结算 %lld（%s）：各项金额取负，台账退回"),
				  (long long) x->original, xdjy_iso_date(x->original_on)));
	emit(o, "total", "医疗费总额", true, x->ai.total_fen, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 L(o, "total, negated", "医疗费总额（取负）"));
	emit(o, "deductible", "起付线", true, x->deductible, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 psprintf(L(o, "ledger %d %s: deductible met %lld → %lld fen",
					"台账 %d年 %s：已付起付线 %lld → %lld 分"),
				  y, x->quota_group, (long long) met, (long long) (met + x->deductible)));
	emit(o, "fund", "统筹基金支出", true, x->fund, "鲁医保发〔2021〕46号 第三条(三)",
		 psprintf(L(o, "ledger %d %s: fund paid %lld → %lld fen",
					"台账 %d年 %s：基金已支付 %lld → %lld 分"),
				  y, x->quota_group, (long long) paid, (long long) (paid + x->fund)));
	emit(o, "personal", "个人负担", true, x->personal, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 L(o, "personal share, negated", "个人负担（取负）"));
}

/* step 1: the benefit category and why, and the scope of the treatment */
static void
explain_category(Out *o, const Explained *x)
{
	XdjyCategoryReason why = (XdjyCategoryReason) xdjy_reason_from_name(x->reason);

	emit(o, "category", "待遇类别", false, 0, reason_source(o, why),
		 reason_note(o, why, x->category, x->filing, x->referral, x->insured,
					 x->treatment, x->service_on));
	emit(o, "scope", "就医范围", false, 0, L(o, "xdjy's rule: from the two region codes", "xdjy 规则：由两地区划代码判定"),
		 psprintf(L(o, "%s: insured in %s, treated in %s, %s settlement",
					"%s：参保地 %s，就医地 %s，%s"),
				  scope_text(o, x->scope), x->insured, x->treatment,
				  strcmp(x->mode, "direct") == 0 ? L(o, "direct", "联网直接结算")
				  : L(o, "manual", "手工报销")));
}

/* a row read from a table the role may not see, or gone */
#define SHOWN(o, v)	((v) ? (v) : L(o, "(not shown)", "（不可见）"))

/*
 * 吉医保发〔2019〕34号 附件第13条: a purchase of special drugs (特药) at a
 * designated special-drug pharmacy by a person with the outpatient
 * special-disease benefit was priced with the chronic/special outpatient
 * policy; a former rural-scheme participant's (its parenthesis) with the
 * city-level designated institution's ordinary-disease inpatient policy.
 * The engine changed the visit type the policy was read for: the policy
 * row's visit type against the encounter's says which.
 */
static void
explain_special_drug(Out *o, const Explained *x)
{
	if (!x->has_extra || x->visit_type == NULL || x->p_visit == NULL ||
		strcmp(x->visit_type, "pharmacy") != 0)
		return;
	if (strcmp(x->p_visit, "chronic_outpatient") == 0)
		emit(o, "special_drug", "特药", false, 0, "吉医保发〔2019〕34号 附件第13条",
			 psprintf(L(o, "special drugs bought at designated special-drug pharmacy %s (特药定点零售药店) by a person with the outpatient special-disease benefit (门诊特殊疾病待遇, attribute valid %s): priced as chronic/special outpatient care",
						"在特药定点零售药店 %s 购买特药，参保人享有门诊特殊疾病待遇（属性有效期 %s）：参照门诊特殊疾病待遇结算"),
					  SHOWN(o, x->institution), SHOWN(o, x->special_valid)));
	else if (strcmp(x->p_visit, "inpatient") == 0)
		emit(o, "special_drug", "特药", false, 0,
			 x->rural_drug_source ? psprintf("吉医保发〔2019〕34号 附件第13条; %s", x->rural_drug_source)
			 : "吉医保发〔2019〕34号 附件第13条",
			 psprintf(L(o, "special drugs bought at designated special-drug pharmacy %s by a former rural-scheme participant (原新农合参合人员, attribute valid %s; special-disease benefit valid %s): until the resident benefits are unified, paid under the city-level designated institution's ordinary-disease inpatient policy (province %.2s0000, setting valid %s: the tier %s inpatient row)",
						"在特药定点零售药店 %s 购买特药的原新农合参合人员（属性有效期 %s；门诊特殊疾病待遇有效期 %s）：城乡医保待遇整合前暂按市级定点医疗机构普通疾病住院补偿政策执行（省份 %.2s0000，设置有效期 %s：医院等级 %s 的住院政策）"),
					  SHOWN(o, x->institution), SHOWN(o, x->rural_valid), SHOWN(o, x->special_valid),
					  x->insured, SHOWN(o, x->rural_drug_valid),
					  x->rural_drug_null ? "?" : psprintf("%d", x->rural_drug_tier)));
}

/*
 * 吉医保发〔2019〕34号 附件第2条: a former rural-scheme resident living
 * long-term elsewhere was paid at the provincial designated institution's
 * major-disease inpatient ratio (its province's row) in place of the
 * policy row's, then lowered by the long-term deduction (the ratio rules).
 */
static void
explain_former_rural(Out *o, const Explained *x)
{
	if (!x->has_extra || x->rural_valid == NULL || x->rural_ratio_null ||
		x->visit_type == NULL || strcmp(x->visit_type, "inpatient") != 0 ||
		strcmp(x->category, "long_term") != 0 ||
		x->p_scheme == NULL || strcmp(x->p_scheme, "resident") != 0 ||
		x->policy_ratio != x->rural_ratio)
		return;
	emit(o, "former_rural", "原新农合", false, 0,
		 x->rural_ratio_source ? psprintf("吉医保发〔2019〕34号 附件第2条; %s", x->rural_ratio_source)
		 : "吉医保发〔2019〕34号 附件第2条",
		 psprintf(L(o, "former rural-scheme resident (原新农合参保人员, attribute valid %s) living long-term elsewhere: the provincial designated institution's major-disease inpatient ratio %d bp (province %.2s0000, row valid %s) stands for the policy row's, less 10 points for the long term (the ratio rules below)",
					"原新农合参保人员（属性有效期 %s）长期异地就医：按省级定点医疗机构重大疾病住院支付比例 %d 基点（省份 %.2s0000，有效期 %s）代替政策比例，再降低10%%（见下列比例调整）"),
				  x->rural_valid, x->rural_ratio, x->insured, SHOWN(o, x->rural_ratio_valid)));
}

/*
 * acct_used_flag 1: the personal account paid the personal share as far
 * as its balance went (鲁医保发〔2020〕68号 二(五) "省内通用"; across
 * provinces where the insured province's setting allows, cleared monthly:
 * 鲁医保发〔2022〕26号 第四条(二)); a reversal gave the amount back.
 */
static void
explain_account(Out *o, const Explained *x)
{
	const char *source;
	int64		before;

	/* a reversal gives back what its original's account paid (balance kept) */
	if (!x->has_extra || (x->is_reversal ? x->balance_null : !x->acct_used))
		return;
	source = strcmp(x->scope, "cross_province") == 0
		? "鲁医保发〔2020〕68号 二(五); 鲁医保发〔2022〕26号 第四条(二)"
		: "鲁医保发〔2020〕68号 二(五)";
	before = x->balance_after + x->acct_pay;
	if (x->is_reversal)
		emit(o, "personal_account", "个人账户支付", true, x->acct_pay, source,
			 x->acct_pay == 0
			 ? pstrdup(L(o, "the original paid nothing from the personal account: nothing is given back",
						 "原结算未使用个人账户支付：无需退回"))
			 : psprintf(L(o, "the personal account gets back %lld fen the original paid from it (refund); balance %lld → %lld fen (balc)",
						  "原结算个人账户支付的 %lld 分退回个人账户；余额 %lld → %lld 分（balc）"),
						(long long) -x->acct_pay, (long long) before, (long long) x->balance_after));
	else
		emit(o, "personal_account", "个人账户支付", true, x->acct_pay, source,
			 psprintf(L(o, "acct_used_flag 1: the personal account pays min(balance %lld, personal share %lld) = %lld fen (acct_pay); balance %lld → %lld fen (balc); %lld fen in cash (psn_cash_pay)",
						"使用个人账户（acct_used_flag 1）：个人账户支付 min(余额 %lld，个人负担 %lld) = %lld 分（acct_pay）；余额 %lld → %lld 分（balc）；现金支付 %lld 分（psn_cash_pay）"),
					  (long long) before, (long long) x->personal, (long long) x->acct_pay,
					  (long long) before, (long long) x->balance_after, (long long) x->cash_pay));
}

/*
 * Step 2: the policy row.  A long-term resident is paid at the insured
 * place's local standard (鲁医保发〔2022〕26号 第二条(三)).
 */
static void
explain_policy(Out *o, const Explained *x)
{
	emit(o, "policy", "待遇政策", false, 0,
		 strcmp(x->category, "long_term") == 0 ? "鲁医保发〔2022〕26号 第二条(三); xdjy's data: the policy row" : L(o, "xdjy's data: the policy row", "xdjy 数据：待遇政策记录"),
		 psprintf(L(o, "policy %lld (%s, %s, %s, %s, tier %s, valid %s): deductible %lld fen, ratio %d bp, first self-pay %d bp, annual cap %lld fen, quota group %s",
					"政策 %lld（%s，%s，%s，%s，医院等级 %s，有效期 %s）：起付标准 %lld 分，支付比例 %d 基点，首先自付 %d 基点，最高支付限额 %lld 分，额度组 %s"),
				  (long long) x->policy_id, x->insured, x->p_scheme ? x->p_scheme : "?",
				  x->p_category ? x->p_category : "?", x->p_visit ? x->p_visit : "?",
				  x->tier_null ? L(o, "any", "不限") : psprintf("%d", x->tier),
				  x->p_valid ? x->p_valid : "?",
				  (long long) x->ai.policy_deductible_fen, x->policy_ratio,
				  x->ai.first_selfpay_bp,
				  (long long) x->ai.annual_cap_fen, x->quota_group));
}

/*
 * Step 3: each ratio rule with its article, as the rule row says now (a
 * removed one by its id), and the ratio they add up to (吉医保发〔2019〕34号
 * 附件第2–5条).
 */
static void
explain_ratio(Out *o, const Explained *x, MemoryContext fcxt)
{
	if (x->nadj > 0)
	{
		Datum		a = x->adj_ids_datum;
		uint64		n;

		n = xdjy_plan_execute(&q_explain_adjustments, &a, NULL, 0, SPI_OK_SELECT);
		for (uint64 i = 0; i < n && (int) i < x->nadj; i++)
		{
			char	   *kind = xdjy_spi_text(i, 1, fcxt);
			int32		points = xdjy_spi_int32(i, 2, 0);
			char	   *source = xdjy_spi_text(i, 3, fcxt);
			char	   *note = xdjy_spi_text(i, o->lang == XDJY_LANG_ZH ? 5 : 4, fcxt);
			int64		after = (int) i < x->nsteps ? x->steps[i] : 0;

			if (kind == NULL)
				emit(o, "ratio_adjustment", "比例调整", false, 0, "?",
					 psprintf(L(o, "ratio rule %lld (since removed) → %lld bp",
								"比例规则 %lld（已删除）→ %lld 基点"),
							  (long long) x->adj_ids[i], (long long) after));
			else if (strcmp(kind, "set") == 0)
				emit(o, "ratio_adjustment", "比例调整", false, 0, source,
					 psprintf(L(o, "%s: ratio set to %d bp", "%s：支付比例定为 %d 基点"),
							  note, points));
			else
				emit(o, "ratio_adjustment", "比例调整", false, 0, source,
					 psprintf(L(o, "%s: %+d bp → %lld bp", "%s：%+d 基点 → %lld 基点"),
							  note, points, (long long) after));
		}
	}
	emit(o, "ratio", "支付比例", false, 0,
		 x->nadj > 0 ? "吉医保发〔2019〕34号 附件第5条" : L(o, "xdjy's data: the policy row", "xdjy 数据：待遇政策记录"),
		 x->nadj > 0
		 ? psprintf(L(o, "ratio applied %d bp: policy %d bp with the rules above added up, kept within 0–10000",
					  "执行支付比例 %d 基点：政策比例 %d 基点，叠加以上调整，限于0–10000"),
					x->ratio, x->policy_ratio)
		 : psprintf(L(o, "ratio applied %d bp, the policy's", "执行支付比例 %d 基点（政策比例）"),
					x->ratio));
}

/*
 * Step 0: the fee lines the settlement was priced from, by class, against
 * the treatment place's catalogue (鲁医保发〔2022〕26号 第二条(四)).
 */
static void
explain_lines(Out *o, Explained *x, MemoryContext fcxt)
{
	Datum		arg = Int64GetDatum(x->id);
	uint64		n;
	int64		total = 0,
				lines = 0,
				overlmt = 0;

	if (!x->has_lines)
		return;
	if (xdjy_plan_execute(&q_explain_preselfpay, &arg, NULL, 1, SPI_OK_SELECT) > 0)
		x->ai.preselfpay_fen = xdjy_spi_int64(0, 1, 0);
	n = xdjy_plan_execute(&q_explain_lines, &arg, NULL, 0, SPI_OK_SELECT);
	if (n == 0)
		return;
	for (uint64 i = 0; i < n; i++)
	{
		total += xdjy_spi_int64(i, 3, 0);
		lines += xdjy_spi_int64(i, 2, 0);
		overlmt += xdjy_spi_int64(i, 5, 0);
	}
	emit(o, "fee_lines", "费用明细", true, total, "鲁医保发〔2022〕26号 第二条(四)",
		 psprintf(L(o, "%lld fee lines priced against the catalogue of treatment region %s on their fee dates",
					"%lld 条费用明细，按就医地 %s 的医保目录（费用发生日期有效）计价"),
				  (long long) lines, x->treatment));
	for (uint64 i = 0; i < n; i++)
	{
		char	   *lv = xdjy_spi_text(i, 1, fcxt);
		int64		cnt = xdjy_spi_int64(i, 2, 0);
		int64		amount = xdjy_spi_int64(i, 3, 0);
		int64		pre = xdjy_spi_int64(i, 6, 0);
		char	   *codes = xdjy_spi_text(i, 7, fcxt);

		if (lv == NULL)
			emit(o, "not_listed", "目录外", true, amount, "鲁医保发〔2022〕26号 第二条(四)",
				 psprintf(L(o, "%lld lines not in the catalogue (%s): paid by the person (全自费)",
							"%lld 条不在目录内（%s）：个人全自费"), (long long) cnt, codes));
		else if (strcmp(lv, "01") == 0)
			emit(o, "class_a", "甲类", true, amount, "鲁医保发〔2022〕26号 第二条(四)",
				 psprintf(L(o, "%lld lines of class A (甲类, %s): in scope but for any excess over a price ceiling",
							"%lld 条甲类（%s）：除超限价部分外均属支付范围"), (long long) cnt, codes));
		else if (strcmp(lv, "02") == 0)
			emit(o, "class_b", "乙类", true, amount, "鲁医保发〔2022〕26号 第二条(四)",
				 psprintf(L(o, "%lld lines of class B (乙类, %s): %lld fen paid first by the person (先行自付), the rest in scope",
							"%lld 条乙类（%s）：先行自付 %lld 分，其余属支付范围"), (long long) cnt, codes, (long long) pre));
		else
			emit(o, "class_c", "丙类", true, amount, "鲁医保发〔2022〕26号 第二条(四)",
				 psprintf(L(o, "%lld lines of class C (丙类, %s): paid by the person (全自费)",
							"%lld 条丙类（%s）：个人全自费"), (long long) cnt, codes));
	}
	if (overlmt != 0)
		emit(o, "over_ceiling", "超限价", true, overlmt, "鲁医保发〔2022〕26号 第二条(四)",
			 L(o, "above the catalogue's price ceilings: (price − ceiling) × count, paid by the person",
			   "超过目录限价部分：(单价 − 限价) × 数量，由个人负担"));
}

/*
 * Step 4: each amount, replayed from the stored inputs with the engine's
 * own arithmetic (settlement.c), and a note if the stored amounts differ
 * from the replay.  First self-pay is a temporary-outside rule
 * (鲁医保发〔2021〕46号 第三条(二)); remote and local care share one annual
 * quota (第三条(三)).
 */
static void
explain_amounts(Out *o, const Explained *x)
{
	const XdjyAmountInput *ai = &x->ai;
	XdjyAmounts am;
	int			y = explain_year(x);
	int64		met = ai->deductible_met_fen;
	int64		paid = ai->fund_paid_fen;

	xdjy_compute_amounts(ai, &am);
	emit(o, "total", "医疗费总额", true, ai->total_fen, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 L(o, "total of the invoice (medfee_sumamt)", "医疗费总额（medfee_sumamt）"));
	emit(o, "out_of_scope", "全自费", true, ai->out_of_scope_fen, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 L(o, "outside the fund's scope, paid by the person (fulamt_ownpay_amt)",
		   "不属基金支付范围，个人全自费（fulamt_ownpay_amt）"));
	if (ai->preselfpay_fen != 0)
		emit(o, "class_b_selfpay", "乙类先行自付", true, ai->preselfpay_fen, "鲁医保发〔2022〕26号 第二条(四)",
			 L(o, "the fee lines' class-B shares, paid first by the person and kept out of scope",
			   "费用明细中乙类先行自付部分，由个人负担，不计入符合范围金额"));
	emit(o, "in_scope", "符合范围", true, x->in_scope, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 L(o, "total − out of scope (inscp_scp_amt)", "总额 − 全自费（inscp_scp_amt）"));
	emit(o, "first_selfpay", "先行自付", true, x->first_selfpay, "鲁医保发〔2021〕46号 第三条(二)",
		 ai->first_selfpay_bp > 0
		 ? psprintf(L(o, "in scope %lld × %d bp, rounded half up to the fen (preselfpay_amt)",
					  "符合范围金额 %lld × %d 基点，四舍五入到分（preselfpay_amt）"),
					(long long) x->in_scope, ai->first_selfpay_bp)
		 : psprintf(L(o, "none: the %s standard has no first self-pay",
					  "无：%s待遇无首先自付"), category_text(o, x->category)));
	emit(o, "deductible", "起付线", true, x->deductible, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 psprintf(L(o, "min(in scope − first self-pay %lld, deductible left %lld of %lld); ledger %d %s: met %lld → %lld fen (act_pay_dedc)",
					"min(符合范围 − 先行自付 %lld，剩余起付标准 %lld / %lld)；台账 %d年 %s：已付起付线 %lld → %lld 分（act_pay_dedc）"),
				  (long long) am.base_fen, (long long) am.deductible_left_fen,
				  (long long) ai->policy_deductible_fen, y, x->quota_group,
				  (long long) met, (long long) (met + x->deductible)));
	emit(o, "fund_before_cap", "封顶前基金支付", true, am.payable_fen, L(o, "xdjy's arithmetic: half-up rounding to the fen", "xdjy 计算：四舍五入到分"),
		 psprintf(L(o, "(%lld − %lld) × %d bp, rounded half up to the fen",
					"(%lld − %lld) × %d 基点，四舍五入到分"),
				  (long long) am.base_fen, (long long) x->deductible, x->ratio));
	emit(o, "annual_cap", "年度限额", true, am.cap_left_fen, "鲁医保发〔2021〕46号 第三条(三)",
		 psprintf(L(o, "cap left: annual cap %lld − fund paid %lld this year in quota group %s (shared by local and remote care); ledger fund paid %lld → %lld fen",
					"剩余额度：年度限额 %lld − 本年度已支付 %lld（额度组 %s，本地与异地合并计算）；台账基金已支付 %lld → %lld 分"),
				  (long long) ai->annual_cap_fen, (long long) paid,
				  x->quota_group, (long long) paid, (long long) (paid + x->fund)));
	emit(o, "fund", "统筹基金支出", true, x->fund, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 psprintf(L(o, "min(%lld, %lld): paid by the pooled fund (hifp_pay)",
					"min(%lld, %lld)：统筹基金支付（hifp_pay）"),
				  (long long) am.payable_fen, (long long) am.cap_left_fen));
	emit(o, "personal", "个人负担", true, x->personal, L(o, "xdjy's arithmetic", "xdjy 计算"),
		 psprintf(L(o, "total − fund = %lld − %lld (psn_part_amt)",
					"总额 − 基金支付 = %lld − %lld（psn_part_amt）"),
				  (long long) ai->total_fen, (long long) x->fund));

	if (am.first_selfpay_fen != x->first_selfpay || am.deductible_fen != x->deductible ||
		am.fund_fen != x->fund || am.personal_fen != x->personal ||
		am.in_scope_fen != x->in_scope)
		emit(o, "check", "核对", false, 0, L(o, "xdjy's arithmetic", "xdjy 计算"),
			 psprintf(L(o, "the stored amounts differ from a replay of the stored inputs (first self-pay %lld, deductible %lld, fund %lld, personal %lld): the row was not written by this engine",
						"存储金额与按存储参数重算不符（先行自付 %lld，起付线 %lld，基金 %lld，个人 %lld）：该记录非本引擎写入"),
					  (long long) am.first_selfpay_fen, (long long) am.deductible_fen,
					  (long long) am.fund_fen, (long long) am.personal_fen));
}

/*
 * xdjy.explain_settlement(settlement_id bigint, lang text DEFAULT NULL)
 *   RETURNS TABLE(step int, rule text, amount_fen bigint, source text, note text)
 */
Datum
explain_settlement(PG_FUNCTION_ARGS)
{
	Out			o;
	Explained	x;
	MemoryContext fcxt = CurrentMemoryContext;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("settlement id must not be null"),
				 errhint("Give the id of a settlement.")));
	o.lang = PG_ARGISNULL(1) ? (XdjyLanguage) xdjy_language
		: xdjy_parse_language(PG_GETARG_TEXT_PP(1));
	o.step = 0;

	SetSingleFuncCall(fcinfo, 0);
	o.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	xdjy_spi_connect();
	explain_read(PG_GETARG_INT64(0), &x, fcxt);
	explain_read_extra(&x, fcxt);
	if (x.is_reversal)
	{
		explain_reversal(&o, &x);
		explain_account(&o, &x);
	}
	else
	{
		explain_lines(&o, &x, fcxt);
		explain_category(&o, &x);
		explain_special_drug(&o, &x);
		explain_policy(&o, &x);
		explain_former_rural(&o, &x);
		explain_ratio(&o, &x, fcxt);
		explain_amounts(&o, &x);
		explain_account(&o, &x);
	}
	xdjy_spi_finish();
	return (Datum) 0;
}
