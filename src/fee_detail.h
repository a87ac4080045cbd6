/*-------------------------------------------------------------------------
 *
 * src/fee_detail.h
 *	  Fee lines (费用明细, 2301) priced against the treatment place's
 *	  catalogue: the arithmetic of one line (fee_price.c) and what the
 *	  settlement engine reads of an encounter's lines (fee_detail.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_FEE_DETAIL_H
#define XDJY_FEE_DETAIL_H

#include "postgres.h"

#include "utils/date.h"
#include "utils/numeric.h"

/* one line, priced; every amount in fen, negative on a refund line */
typedef struct XdjyFeePrice
{
	Numeric		amount_yuan;	/* cnt × pric, rounded half up to the fen */
	int64		amount_fen;
	int64		fulamt_ownpay_fen;	/* 全自费: 丙类, or not in the catalogue */
	int64		overlmt_fen;	/* 超限价 */
	int64		preselfpay_fen; /* 乙类先行自付 */
	int64		inscp_scp_fen;	/* the rest */
} XdjyFeePrice;

/*
 * Price a line: chrgitm_lv "01", "02", "03" or NULL (not in the
 * catalogue); pric_uplmt NULL for no ceiling.  cnt and pric must be
 * finite (the caller checks, with its own error).
 */
extern void xdjy_price_fee_line(Numeric cnt, Numeric pric, const char *chrgitm_lv,
								int32 selfpay_prop_bp, Numeric pric_uplmt,
								XdjyFeePrice *out);

/* numeric_cmp on two Numerics: <0, 0, >0 */
extern int	xdjy_numeric_cmp(Numeric a, Numeric b);

/* the lines of an encounter no unreversed settlement covers yet */
typedef struct XdjyFeeSums
{
	int64		count;
	int64		total_fen;
	int64		fulamt_ownpay_fen;
	int64		overlmt_fen;
	int64		preselfpay_fen;
	Datum		ids;			/* int8[] of their ids, in the caller's context */
	DateADT		received_on;	/* the day the last of them arrived */
	bool		settled_lines;	/* none to settle, but settled ones exist */
	int64		closed_by;		/* a standing discharge or visit settlement, or 0 */
	DateADT		closed_on;
} XdjyFeeSums;

/*
 * Lock the encounter against new lines and settlements (FOR NO KEY
 * UPDATE: a line being inserted holds it FOR SHARE until it commits) and
 * sum the lines not yet settled, reading the latest committed rows; say
 * whether a standing discharge or visit settlement already closed it.
 * Inside SPI.  Without lock (a pre-settlement, which writes nothing) the
 * lines are only read.
 */
extern void xdjy_fee_lines_to_settle(int64 encounter_id, XdjyFeeSums *out,
									 MemoryContext cxt, bool lock);

#endif							/* XDJY_FEE_DETAIL_H */
