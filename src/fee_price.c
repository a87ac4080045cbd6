/*-------------------------------------------------------------------------
 *
 * src/fee_price.c
 *	  The arithmetic of one fee line, exact: counts and prices are
 *	  numeric, amounts fen, every rounding half up (away from zero, so a
 *	  refund of a whole line negates it exactly).
 *
 *	  The treatment place's catalogue decides what is in scope
 *	  (鲁医保发〔2022〕26号 第二条(四), 就医地目录):
 *	    amount      = cnt × pric, to the fen
 *	    全自费       = amount of a 丙类 line or one not in the catalogue
 *	    超限价       = (pric − pric_uplmt) × cnt, to the fen, above a ceiling
 *	    乙类先行自付 = (amount − 超限价) × selfpay_prop, to the fen
 *	    符合范围     = amount − 全自费 − 超限价 − 先行自付
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "errors.h"
#include "fee_detail.h"
#include "money.h"
#include "national.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(fee_line_amounts);

static Numeric
num_mul(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_mul, NumericGetDatum(a),
											   NumericGetDatum(b)));
}

static Numeric
num_sub(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_sub, NumericGetDatum(a),
											   NumericGetDatum(b)));
}

/* to the fen, half away from zero (numeric's round) */
static Numeric
num_round2(Numeric a)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(a),
											   Int32GetDatum(2)));
}

/* numeric's three-way comparison (also the pricing trigger's, fee_detail.c) */
int
xdjy_numeric_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a),
											 NumericGetDatum(b)));
}

/* fen × bp, half away from zero, checked (money.c works on magnitudes) */
static int64
signed_times_bp(int64 fen, int32 bp)
{
	return fen < 0 ? xdjy_fen_neg(xdjy_fen_times_bp(xdjy_fen_neg(fen), bp))
		: xdjy_fen_times_bp(fen, bp);
}

void
xdjy_price_fee_line(Numeric cnt, Numeric pric, const char *chrgitm_lv,
					int32 selfpay_prop_bp, Numeric pric_uplmt, XdjyFeePrice *out)
{
	memset(out, 0, sizeof(*out));
	out->amount_yuan = num_round2(num_mul(cnt, pric));
	/* at most what the platform's numeric(16,2) carries, or 22003 */
	out->amount_fen = xdjy_yuan_to_fen(out->amount_yuan, "The line amount (det_item_fee_sumamt)");

	if (chrgitm_lv == NULL || strcmp(chrgitm_lv, "03") == 0)
	{
		out->fulamt_ownpay_fen = out->amount_fen;
		return;
	}
	if (pric_uplmt != NULL && xdjy_numeric_cmp(pric, pric_uplmt) > 0)
		out->overlmt_fen = xdjy_yuan_to_fen(num_round2(num_mul(num_sub(pric, pric_uplmt), cnt)),
											"The amount over the price ceiling");
	if (strcmp(chrgitm_lv, "02") == 0)
		out->preselfpay_fen = signed_times_bp(xdjy_fen_sub(out->amount_fen, out->overlmt_fen),
											  selfpay_prop_bp);
	out->inscp_scp_fen = xdjy_fen_sub(xdjy_fen_sub(out->amount_fen, out->overlmt_fen),
									  out->preselfpay_fen);
}

/*
 * xdjy.fee_line_amounts(cnt, pric, chrgitm_lv, selfpay_prop_bp, pric_uplmt)
 * → (amount_fen, fulamt_ownpay_fen, overlmt_fen, preselfpay_fen,
 * inscp_scp_fen): what the pricing trigger fills.  NULL cnt or pric: NULL.
 */
Datum
fee_line_amounts(PG_FUNCTION_ARGS)
{
	XdjyFeePrice p;
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	Numeric		cnt,
				pric;
	char	   *lv = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	int32		prop = PG_ARGISNULL(3) ? 0 : PG_GETARG_INT32(3);

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	cnt = PG_GETARG_NUMERIC(0);
	pric = PG_GETARG_NUMERIC(1);
	if (numeric_is_nan(cnt) || numeric_is_inf(cnt) || numeric_is_nan(pric) || numeric_is_inf(pric))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("count and price must be finite numbers"),
				 errhint("A count and a price are exact numbers, never NaN or infinity.")));
	if (lv != NULL && strcmp(lv, "01") != 0 && strcmp(lv, "02") != 0 && strcmp(lv, "03") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown chrgitm_lv \"%s\"", xdjy_clip(lv)),
				 errhint("chrgitm_lv is 01 (甲类), 02 (乙类), 03 (丙类), or NULL for a code not in the catalogue.")));
	if (prop < 0 || prop > XDJY_BP_ONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("selfpay_prop_bp %d is outside 0..10000", prop),
				 errhint("A ratio is given in basis points, 10000 = 100%%.")));
	xdjy_price_fee_line(cnt, pric, lv, prop,
						PG_ARGISNULL(4) ? NULL : PG_GETARG_NUMERIC(4), &p);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("fee_line_amounts must return a composite type"),
				 errhint("Call it as declared by the extension.")));
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Int64GetDatum(p.amount_fen);
	values[1] = Int64GetDatum(p.fulamt_ownpay_fen);
	values[2] = Int64GetDatum(p.overlmt_fen);
	values[3] = Int64GetDatum(p.preselfpay_fen);
	values[4] = Int64GetDatum(p.inscp_scp_fen);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
