/*-------------------------------------------------------------------------
 *
 * src/national.h
 *	  National platform interface (国家医疗保障信息平台 接口规范): money in
 *	  the platform's terms.  xdjy stores int64 fen; the platform carries
 *	  yuan as numeric(16,2), so every amount it can carry is at most
 *	  99999999999999.99 yuan, i.e. 9999999999999999 fen, in absolute value.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_NATIONAL_H
#define XDJY_NATIONAL_H

#include "postgres.h"

#include "utils/numeric.h"

/* the largest absolute amount numeric(16,2) yuan holds, in fen: 10^16 - 1 */
#define XDJY_NATIONAL_MAX_FEN	INT64CONST(9999999999999999)

extern Numeric xdjy_fen_to_yuan(int64 fen);
/* 22003 unless |fen| <= XDJY_NATIONAL_MAX_FEN; field names it ("The total") */
extern void xdjy_check_national_fen(int64 fen, const char *field);
extern int64 xdjy_yuan_to_fen(Numeric yuan, const char *field);

#endif							/* XDJY_NATIONAL_H */
