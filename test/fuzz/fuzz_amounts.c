/*-------------------------------------------------------------------------
 *
 * test/fuzz/fuzz_amounts.c
 *	  libFuzzer target for the settlement amounts (src/settlement.c,
 *	  src/money.c; SPEC §3): int64 fen, basis points, round half up, every
 *	  step checked.  The fuzzer picks the eight inputs of
 *	  xdjy_compute_amounts, biased to the edges (0, ±1, 10000, 2^63 - 1,
 *	  -2^63, ...).  Oracle, in 128-bit integers, straight from SPEC §3:
 *	    in_scope      = total - out_of_scope
 *	    first_selfpay = round_half_up(in_scope * first_selfpay_bp / 10000)
 *	    base          = in_scope - first_selfpay
 *	    deductible    = min(base, max(0, policy deductible - met))
 *	    fund          = min(round_half_up((base - deductible) * ratio / 10000),
 *	                        max(0, cap - paid))
 *	    personal      = total - fund
 *	  Inputs the engine calls unlawful (xdjy_amount_input_error) are
 *	  skipped; a lawful input either yields exactly the oracle's amounts
 *	  (and fund + personal = total, nothing negative) or raises 22003, and
 *	  22003 only when a product of a share really leaves int64.  Also
 *	  xdjy_adjust_ratio (002 #5: adjustments add up) stays in 0..10000.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "money.h"
#include "settlement.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef __int128 i128;

/* a cursor over the fuzzer's bytes; zeros once they run out */
typedef struct Bytes
{
	const uint8_t *p;
	size_t		n;
} Bytes;

static uint8_t
byte(Bytes *b)
{
	if (b->n == 0)
		return 0;
	b->n--;
	return *b->p++;
}

static int64
raw64(Bytes *b)
{
	uint64		v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | byte(b);
	return (int64) v;
}

static int64
pick64(Bytes *b)
{
	static const int64 edges[] = {
		0, 1, -1, 2, 100, 5000, 9999, 10000, 10001, 49999, 50000,
		INT64CONST(9999999999999999), INT64CONST(10000000000000000),
		INT64CONST(922337203685477), INT64CONST(922337203685478),
		PG_INT64_MAX, PG_INT64_MAX - 1, PG_INT64_MAX - 4999, PG_INT64_MAX - 5000,
		PG_INT64_MIN, PG_INT64_MIN + 1
	};
	uint8_t		sel = byte(b);

	if (sel < 2 * lengthof(edges))
		return edges[sel % lengthof(edges)];
	if (sel < 200)
		return raw64(b) & INT64CONST(0xFFFFFFFFFF);	/* everyday amounts */
	return raw64(b);
}

static int32
pick_bp(Bytes *b)
{
	static const int32 edges[] = {0, 1, 4999, 5000, 5001, 9000, 9999, 10000, 10001, -1,
	PG_INT32_MAX, PG_INT32_MIN};
	uint8_t		sel = byte(b);

	if (sel < 3 * lengthof(edges))
		return edges[sel % lengthof(edges)];
	return (int32) (((uint32) byte(b) << 8 | byte(b)) % 10001);
}

/* x * bp / 10000 rounded half up, x, bp >= 0; *fits: x * bp + 5000 in int64 */
static i128
share(i128 x, int32 bp, bool *fits)
{
	i128		p = x * bp + 5000;

	if (p > PG_INT64_MAX)
		*fits = false;
	return p / 10000;
}

static i128
min128(i128 a, i128 b)
{
	return a < b ? a : b;
}

static i128
max128(i128 a, i128 b)
{
	return a > b ? a : b;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Bytes		b = {data, size};
	XdjyAmountInput in;
	XdjyAmounts out;
	bool		fits = true;
	volatile bool failed = false;
	i128		in_scope,
				first,
				base,
				ded,
				payable,
				fund,
				personal;

	in.total_fen = pick64(&b);
	in.out_of_scope_fen = pick64(&b);
	in.preselfpay_fen = 0;
	in.first_selfpay_bp = pick_bp(&b);
	in.policy_deductible_fen = pick64(&b);
	in.deductible_met_fen = pick64(&b);
	in.ratio_bp = pick_bp(&b);
	in.annual_cap_fen = pick64(&b);
	in.fund_paid_fen = pick64(&b);

	/* 002 #5: ratio adjustments add up, the result stays a ratio */
	{
		XdjyAdjustment adj[4];
		int32		steps[4];
		int			n = byte(&b) % 5;
		int32		r;
		int			i;

		for (i = 0; i < n; i++)
		{
			int32		points;

			adj[i].id = i;
			adj[i].set = byte(&b) & 1;
			points = pick_bp(&b);
			adj[i].points_bp = (byte(&b) & 1) && points != PG_INT32_MIN ? -points : points;
		}
		if (sigsetjmp(fuzz_jmp, 0) != 0)
			abort();			/* adjusting never raises */
		r = xdjy_adjust_ratio(in.ratio_bp, n, adj, steps);
		if (r < 0 || r > XDJY_BP_ONE)
			abort();
	}

	if (xdjy_amount_input_error(&in) != NULL)
	{
		fuzz_reset();
		return 0;
	}

	/* the oracle */
	in_scope = (i128) in.total_fen - in.out_of_scope_fen;
	first = share(in_scope, in.first_selfpay_bp, &fits);
	base = in_scope - first;
	ded = min128(base, max128(0, (i128) in.policy_deductible_fen - in.deductible_met_fen));
	payable = share(base - ded, in.ratio_bp, &fits);
	fund = min128(payable, max128(0, (i128) in.annual_cap_fen - in.fund_paid_fen));
	personal = (i128) in.total_fen - fund;

	if (sigsetjmp(fuzz_jmp, 0) == 0)
		xdjy_compute_amounts(&in, &out);
	else
		failed = true;

	if (failed)
	{
		/* only a share whose product leaves int64 may overflow */
		if (fuzz_sqlstate != ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE || fits)
			abort();
	}
	else
	{
		if (!fits)
			abort();			/* a wrapped product went unnoticed */
		if (out.in_scope_fen != in_scope || out.first_selfpay_fen != first ||
			out.base_fen != base || out.deductible_fen != ded ||
			out.payable_fen != payable || out.fund_fen != fund ||
			out.personal_fen != personal)
			abort();
		if (out.fund_fen + out.personal_fen != in.total_fen ||
			out.fund_fen < 0 || out.personal_fen < 0 || out.deductible_fen < 0 ||
			out.first_selfpay_fen < 0 || out.first_selfpay_fen > out.in_scope_fen)
			abort();
	}
	fuzz_reset();
	return 0;
}
