/*-------------------------------------------------------------------------
 *
 * src/money.h
 *	  Money as int64 fen (0.01 yuan), ratios as int32 basis points
 *	  (10000 = 100%): checked arithmetic and round-half-up, no floating
 *	  point anywhere ( "exact to the fen").
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_MONEY_H
#define XDJY_MONEY_H

#include "postgres.h"

#define XDJY_BP_ONE		10000	/* 100% in basis points */

extern int64 xdjy_fen_add(int64 a, int64 b);
extern int64 xdjy_fen_sub(int64 a, int64 b);
extern int64 xdjy_fen_neg(int64 a);
extern int64 xdjy_fen_times_bp(int64 fen, int32 bp);

static inline int64
xdjy_fen_min(int64 a, int64 b)
{
	return a < b ? a : b;
}

static inline int64
xdjy_fen_max(int64 a, int64 b)
{
	return a > b ? a : b;
}

#endif							/* XDJY_MONEY_H */
