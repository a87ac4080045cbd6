/*-------------------------------------------------------------------------
 *
 * src/settlement.c
 *	  Settlement rules as pure C (no SPI, no catalog access): the benefit
 *	  category and the amounts to the fen.
 *
 *	  Category: 鲁医保发〔2022〕26号 第二条(三) and 济宁市医保局 异地就医十项便民措施 第三条 (a long-term filer treated at home
 *	  without proof is temporary), 吉医保发〔2019〕34号 附件第8条 (Jilin keeps home benefits),
 *	  鲁医保发〔2021〕46号 第三条(一) (long-term pays the local standard), 鲁医保发〔2022〕26号 第二条(一) (a
 *	  temporary filing never touches local benefits; a filing closed
 *	  during a stay still covers it), 济宁市医保局 异地就医十项便民措施 第四条(二) / 鲁医保发〔2022〕26号 第二条(二) (filed before discharge filed
 *	  before the discharge settlement), 鲁医保发〔2021〕46号 第二条(三) (filing exemption exemption),
 *	  吉医保发〔2019〕34号 附件第10–12条 (referral), 济宁市医保局 异地就医十项便民措施 第五条(一) / 鲁医保发〔2022〕26号 第二条(五) (emergency).
 *	  Amounts: 鲁医保发〔2021〕46号 第三条(二) (first self-pay), 吉医保发〔2019〕34号 附件第2–5条 (ratio
 *	  adjustments add up).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "errors.h"
#include "fmgr.h"
#include "funcapi.h"
#include "access/htup_details.h"
#include "utils/builtins.h"

#include "money.h"
#include "region.h"
#include "settlement.h"

PG_FUNCTION_INFO_V1(settlement_amounts);
PG_FUNCTION_INFO_V1(xdjy_category_reasons);

static const char *const category_names[] = {
	[XDJY_CAT_LOCAL] = "local",
	[XDJY_CAT_LONG_TERM] = "long_term",
	[XDJY_CAT_TEMPORARY] = "temporary",
	[XDJY_CAT_UNFILED] = "unfiled",
};

#define XDJY_REASON_NAME(sym, name) [sym] = name,
static const char *const reason_names[XDJY_NUM_REASONS] = {
	XDJY_CATEGORY_REASONS(XDJY_REASON_NAME)
};
#undef XDJY_REASON_NAME

const char *
xdjy_category_name(XdjyCategory category)
{
	if ((int) category < 0 || (int) category > XDJY_CAT_UNFILED)
		elog(ERROR, "invalid benefit category %d", (int) category);
	return category_names[category];
}

const char *
xdjy_reason_name(XdjyCategoryReason reason)
{
	if ((int) reason < 0 || (int) reason >= XDJY_NUM_REASONS)
		elog(ERROR, "invalid category reason %d", (int) reason);
	return reason_names[reason];
}

/* -1 for a name that is none of ours */
int
xdjy_reason_from_name(const char *name)
{
	for (int i = 0; i < XDJY_NUM_REASONS; i++)
		if (strcmp(reason_names[i], name) == 0)
			return i;
	return -1;
}

/*
 * xdjy.category_reasons() → SETOF text: the names settlement.category_reason
 * may hold, in the order of XDJY_CATEGORY_REASONS, so that SQL (the CHECK
 * constraint settlement_category_reason, a report, a test) can be compared
 * with the list the engine decides from.
 */
Datum
xdjy_category_reasons(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;

	if (SRF_IS_FIRSTCALL())
		funcctx = SRF_FIRSTCALL_INIT();
	funcctx = SRF_PERCALL_SETUP();
	if (funcctx->call_cntr < (uint64) XDJY_NUM_REASONS)
	{
		/* before SRF_RETURN_NEXT, which advances call_cntr first */
		Datum		name = CStringGetTextDatum(reason_names[funcctx->call_cntr]);

		SRF_RETURN_NEXT(funcctx, name);
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * Does the filing hold on day d?  From its start date until the day it was
 * closed (changed, cancelled, terminated: closed_on is the first day it no
 * longer holds); a closed status without a date holds on no day.
 */
static bool
filing_holds_on(const XdjyFilingFact *f, DateADT d)
{
	if (f->start_on > d)
		return false;
	if (f->closed)
		return d < f->closed_on;
	return f->active;
}

/*
 * Does filing f, for the treatment region and residence category asked,
 * cover this encounter?  Sets *why.
 */
static bool
filing_covers(const XdjyCategoryInput *in, const XdjyFilingFact *f,
			  bool long_term, XdjyCategoryReason *why)
{
	if (f->long_term != long_term ||
		strcmp(f->destination, in->treatment_region) != 0)
		return false;

	/*
	 * 济宁市医保局 异地就医十项便民措施 第四条(二), 鲁医保发〔2022〕26号 第二条(二): a direct settlement needs the filing to
	 * exist when it is made; filed only after a self-paid discharge, the
	 * stay is reimbursed by hand.
	 */
	if (in->direct && f->applied_on > in->settled_on)
		return false;

	if (filing_holds_on(f, in->service_on))
	{
		if (f->closed && f->closed_on <= in->settled_on)
			*why = XDJY_WHY_CLOSED_MID_STAY;	/* 鲁医保发〔2022〕26号 第二条(一) */
		else if (!in->direct && f->applied_on > in->end_on)
			*why = XDJY_WHY_FILED_AFTER_DISCHARGE;	/* 鲁医保发〔2022〕26号 第二条(二) */
		else
			*why = long_term ? XDJY_WHY_LONG_TERM_FILING : XDJY_WHY_TEMPORARY_FILING;
		return true;
	}

	/*
	 * filed before the discharge settlement, the stay settles under it
	 * even though the admission came first (the filing may start after the
	 * admission date).
	 */
	if (in->inpatient && f->applied_on <= in->end_on &&
		filing_holds_on(f, in->end_on))
	{
		*why = XDJY_WHY_FILED_BEFORE_DISCHARGE;
		return true;
	}
	return false;
}

static void
decide(XdjyCategoryDecision *out, XdjyCategory category,
	   XdjyCategoryReason reason, int64 filing_id)
{
	out->category = category;
	out->reason = reason;
	out->filing_id = filing_id;
}

/*
 * The 5 steps.  Returns XDJY_NEED_* when a per-province fact
 * is needed and was passed as XDJY_FACT_UNKNOWN: the caller looks it up
 * and calls again (so the common path asks nothing it does not need).
 */
XdjyNeed
xdjy_decide_category(const XdjyCategoryInput *in, XdjyCategoryDecision *out)
{
	XdjyCategoryReason why = XDJY_WHY_UNFILED;

	/* step 1: treated in the insured pooling region */
	if (strcmp(in->insured_region, in->treatment_region) == 0)
	{
		const XdjyFilingFact *away = NULL;

		/*
		 * 鲁医保发〔2022〕26号 第二条(一): a temporary filing never affects local benefits; only
		 * a long-term filing elsewhere that holds on D (and existed when a
		 * direct settlement is made) does.
		 */
		for (int i = 0; i < in->nfilings; i++)
		{
			const XdjyFilingFact *f = &in->filings[i];

			if (!f->long_term ||
				strcmp(f->destination, in->insured_region) == 0 ||
				!filing_holds_on(f, in->service_on) ||
				(in->direct && f->applied_on > in->settled_on))
				continue;
			if (away == NULL || (f->proof && !away->proof))
				away = f;
		}
		if (away == NULL)
			decide(out, XDJY_CAT_LOCAL, XDJY_WHY_LOCAL, 0);
		else if (away->proof)
			/* 鲁医保发〔2022〕26号 第二条(三), 济宁市医保局 异地就医十项便民措施 第三条: proof of residence keeps local benefits */
			decide(out, XDJY_CAT_LOCAL, XDJY_WHY_LOCAL_WITH_PROOF, away->id);
		else if (in->home_benefit_kept == XDJY_FACT_UNKNOWN)
			return XDJY_NEED_HOME_BENEFIT_KEPT;
		else if (in->home_benefit_kept == XDJY_FACT_YES)
			/* 吉医保发〔2019〕34号 附件第8条: both places' benefits stay valid */
			decide(out, XDJY_CAT_LOCAL, XDJY_WHY_LOCAL_HOME_KEPT, away->id);
		else
			/* 鲁医保发〔2022〕26号 第二条(三): pledge only, back home: temporary outside */
			decide(out, XDJY_CAT_TEMPORARY, XDJY_WHY_HOME_WITHOUT_PROOF, away->id);
		return XDJY_NEED_NOTHING;
	}

	/* step 2: long-term filing for R; step 3: temporary filing for R */
	for (int pass = 0; pass < 2; pass++)
	{
		bool		long_term = (pass == 0);

		for (int i = 0; i < in->nfilings; i++)
		{
			if (filing_covers(in, &in->filings[i], long_term, &why))
			{
				/*
				 * 吉医保发〔2019〕34号 附件第7条: a cross-province long-term
				 * resident is treated under the filing at every
				 * direct-settlement institution of the residence city and
				 * at up to four chosen non-direct-settlement ones.  Claimed
				 * by hand from any other non-direct-settlement institution
				 * there, the stay lies outside what the filing covers: it
				 * is paid as unfiled treatment (附件第3条), not refused,
				 * since an unfiled person is reimbursed by hand too.  A
				 * direct settlement there is refused anyway (not
				 * networked).
				 */
				if (long_term && !in->direct && in->non_direct_institution &&
					!xdjy_same_province(in->insured_region, in->treatment_region))
				{
					if (in->outside_choice == XDJY_FACT_UNKNOWN)
					{
						out->filing_id = in->filings[i].id;
						return XDJY_NEED_OUTSIDE_CHOICE;
					}
					if (in->outside_choice == XDJY_FACT_YES)
					{
						decide(out, XDJY_CAT_UNFILED, XDJY_WHY_UNCHOSEN_INSTITUTION,
							   in->filings[i].id);
						return XDJY_NEED_NOTHING;
					}
				}
				decide(out, long_term ? XDJY_CAT_LONG_TERM : XDJY_CAT_TEMPORARY,
					   why, in->filings[i].id);
				return XDJY_NEED_NOTHING;
			}
		}
	}

	/* step 3: filing exemption, intra-province treatment exempt from filing (鲁医保发〔2021〕46号 第二条(三)) */
	if (xdjy_same_province(in->insured_region, in->treatment_region))
	{
		if (in->filing_exempt == XDJY_FACT_UNKNOWN)
			return XDJY_NEED_FILING_EXEMPT;
		if (in->filing_exempt == XDJY_FACT_YES)
		{
			decide(out, XDJY_CAT_TEMPORARY, XDJY_WHY_FILING_EXEMPT, 0);
			return XDJY_NEED_NOTHING;
		}
	}

	/* 鲁医保发〔2021〕46号 第一条(二), 吉医保发〔2019〕34号 附件第10–12条: a referred person is temporary outside */
	if (in->referral)
		decide(out, XDJY_CAT_TEMPORARY, XDJY_WHY_REFERRAL, 0);
	/* step 4: emergency without filing is treated as filed */
	else if (in->emergency)
		decide(out, XDJY_CAT_TEMPORARY, XDJY_WHY_EMERGENCY, 0);
	/* step 5 */
	else
		decide(out, XDJY_CAT_UNFILED, XDJY_WHY_UNFILED, 0);
	return XDJY_NEED_NOTHING;
}

/*
 * 吉医保发〔2019〕34号 附件第3条 replaces the ratio, 吉医保发〔2019〕34号 附件第2条和第4条 lower it; 吉医保发〔2019〕34号 附件第5条: all reductions
 * that apply add up.  Applied in the order given (the caller puts a 'set'
 * first); steps[i] is the ratio after adjustment i; the result is kept
 * within 0..100%.
 */
int32
xdjy_adjust_ratio(int32 policy_ratio_bp, int n, const XdjyAdjustment *adj,
				  int32 *steps)
{
	int64		ratio = policy_ratio_bp;

	for (int i = 0; i < n; i++)
	{
		if (adj[i].set)
			ratio = adj[i].points_bp;
		else
			ratio += adj[i].points_bp;
		/* each points_bp is within ±10000: keep the sum far from overflow */
		ratio = Max(Min(ratio, (int64) 1000000000), (int64) -1000000000);
		if (steps)
			steps[i] = (int32) ratio;
	}
	return (int32) Max(Min(ratio, (int64) XDJY_BP_ONE), (int64) 0);
}

/* NULL if the input is lawful, else what is wrong with it */
const char *
xdjy_amount_input_error(const XdjyAmountInput *in)
{
	if (in->total_fen < 0)
		return XDJY_N_("total is negative");
	if (in->out_of_scope_fen < 0)
		return XDJY_N_("out-of-scope amount is negative");
	if (in->out_of_scope_fen > in->total_fen)
		return XDJY_N_("out-of-scope amount exceeds the total");
	if (in->preselfpay_fen < 0 || in->preselfpay_fen > in->total_fen - in->out_of_scope_fen)
		return XDJY_N_("class-B self-pay share is negative or exceeds the in-scope amount");
	if (in->first_selfpay_bp < 0 || in->first_selfpay_bp > XDJY_BP_ONE)
		return XDJY_N_("first self-pay ratio is outside 0..10000 basis points");
	if (in->ratio_bp < 0 || in->ratio_bp > XDJY_BP_ONE)
		return XDJY_N_("fund ratio is outside 0..10000 basis points");
	if (in->policy_deductible_fen < 0 || in->deductible_met_fen < 0 ||
		in->annual_cap_fen < 0 || in->fund_paid_fen < 0)
		return XDJY_N_("deductible, cap and ledger amounts must not be negative");
	return NULL;
}

/*
 * every step in fen:
 *   in_scope      = total − out_of_scope − preselfpay (全自费, 超限价 and
 *                   乙类先行自付 of the fee lines excluded)
 *   first_selfpay = in_scope × first_selfpay_bp       (鲁医保发〔2021〕46号 第三条(二))
 *   base          = in_scope − first_selfpay
 *   deductible    = min(base, deductible left this year)
 *   payable       = (base − deductible) × ratio
 *   fund          = min(payable, annual cap left)     (鲁医保发〔2021〕46号 第三条(三): one quota)
 *   personal      = total − fund                      so fund + personal = total
 * Shares round half up to the fen.  The input must be lawful
 * (xdjy_amount_input_error); every sum is overflow-checked.
 */
void
xdjy_compute_amounts(const XdjyAmountInput *in, XdjyAmounts *out)
{
	out->in_scope_fen = xdjy_fen_sub(xdjy_fen_sub(in->total_fen, in->out_of_scope_fen),
									 in->preselfpay_fen);
	out->first_selfpay_fen = xdjy_fen_times_bp(out->in_scope_fen, in->first_selfpay_bp);
	out->base_fen = xdjy_fen_sub(out->in_scope_fen, out->first_selfpay_fen);
	out->deductible_left_fen =
		xdjy_fen_max(0, xdjy_fen_sub(in->policy_deductible_fen, in->deductible_met_fen));
	out->deductible_fen = xdjy_fen_min(out->base_fen, out->deductible_left_fen);
	out->payable_fen = xdjy_fen_times_bp(xdjy_fen_sub(out->base_fen, out->deductible_fen),
										 in->ratio_bp);
	out->cap_left_fen =
		xdjy_fen_max(0, xdjy_fen_sub(in->annual_cap_fen, in->fund_paid_fen));
	out->fund_fen = xdjy_fen_min(out->payable_fen, out->cap_left_fen);
	out->personal_fen = xdjy_fen_sub(in->total_fen, out->fund_fen);
}

/*
 * xdjy.settlement_amounts(total_fen, out_of_scope_fen, first_selfpay_bp,
 *     policy_deductible_fen, deductible_met_fen, ratio_bp, annual_cap_fen,
 *     fund_paid_fen) → (in_scope_fen, first_selfpay_fen, deductible_fen,
 *     fund_fen, personal_fen): the amounts the settlement trigger computes,
 *     for a quote and for the property test against a numeric formula.
 */
Datum
settlement_amounts(PG_FUNCTION_ARGS)
{
	XdjyAmountInput in;
	XdjyAmounts out;
	const char *err;
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	in.total_fen = PG_GETARG_INT64(0);
	in.out_of_scope_fen = PG_GETARG_INT64(1);
	in.preselfpay_fen = 0;
	in.first_selfpay_bp = PG_GETARG_INT32(2);
	in.policy_deductible_fen = PG_GETARG_INT64(3);
	in.deductible_met_fen = PG_GETARG_INT64(4);
	in.ratio_bp = PG_GETARG_INT32(5);
	in.annual_cap_fen = PG_GETARG_INT64(6);
	in.fund_paid_fen = PG_GETARG_INT64(7);

	err = xdjy_amount_input_error(&in);
	if (err)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid settlement amounts: %s", err),
				 errdetail("Total " INT64_FORMAT " fen, out of scope " INT64_FORMAT " fen, first self-pay %d bp, ratio %d bp.",
						   in.total_fen, in.out_of_scope_fen, in.first_selfpay_bp, in.ratio_bp),
				 errhint("Amounts are non-negative fen with out of scope at most the total; ratios are 0 to 10000 basis points.")));
	xdjy_compute_amounts(&in, &out);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "settlement_amounts must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Int64GetDatum(out.in_scope_fen);
	values[1] = Int64GetDatum(out.first_selfpay_fen);
	values[2] = Int64GetDatum(out.deductible_fen);
	values[3] = Int64GetDatum(out.fund_fen);
	values[4] = Int64GetDatum(out.personal_fen);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
