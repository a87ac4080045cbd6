/*-------------------------------------------------------------------------
 *
 * src/money.c
 *	  Fen arithmetic for settlements: every sum and product is checked
 *	  (common/int.h), an overflow is SQLSTATE 22003, never a wrong amount;
 *	  a share of an amount is rounded half up to the fen.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"

#include "errors.h"
#include "money.h"

static void
raise_out_of_range(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("amount out of range"),
			 errdetail("A settlement amount exceeds the range of a 64-bit number of fen."),
			 errhint("Amounts are bigint fen; the largest is 9223372036854775807.")));
}

int64
xdjy_fen_add(int64 a, int64 b)
{
	int64		r;

	if (unlikely(pg_add_s64_overflow(a, b, &r)))
		raise_out_of_range();
	return r;
}

int64
xdjy_fen_sub(int64 a, int64 b)
{
	int64		r;

	if (unlikely(pg_sub_s64_overflow(a, b, &r)))
		raise_out_of_range();
	return r;
}

int64
xdjy_fen_neg(int64 a)
{
	return xdjy_fen_sub(0, a);
}

/*
 * fen × bp / 10000, rounded half up to the fen: the first self-pay share and
 * the fund share.  Both operands are non-negative here (amounts
 * are validated before), so "half up" and "half away from zero" agree; a
 * negative operand is a caller bug.
 */
int64
xdjy_fen_times_bp(int64 fen, int32 bp)
{
	int64		product;

	if (fen < 0 || bp < 0)
		elog(ERROR, "xdjy_fen_times_bp: negative operand (" INT64_FORMAT ", %d)",
			 fen, bp);
	if (unlikely(pg_mul_s64_overflow(fen, (int64) bp, &product)) ||
		unlikely(pg_add_s64_overflow(product, XDJY_BP_ONE / 2, &product)))
		raise_out_of_range();
	return product / XDJY_BP_ONE;
}
