/*-------------------------------------------------------------------------
 *
 * src/errors.h
 *	  xdjy's own SQLSTATEs, class YB: each named once here, each with a row
 *	  in xdjy.error_code (zh/en message and cause; SPEC R6, 004 §五(三)).
 *	  test/t/010_error_catalogue.sh checks both directions.
 *
 *	  Numbering: YB0xx general, YB1xx filings, YB2xx encounters,
 *	  YB3xx settlements, YB4xx manual claims, YB5xx policy data,
 *	  YB6xx reconciliation and clearing.  Codes are frozen once released.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_ERRORS_H
#define XDJY_ERRORS_H

#include "utils/elog.h"

#define XDJY_SQLSTATE(a,b,c)	MAKE_SQLSTATE('Y','B',a,b,c)

/* YB0xx general */
#define ERRCODE_XDJY_UNKNOWN_REFERENCE		XDJY_SQLSTATE('0','0','1')

/* YB1xx filings */

/* YB2xx encounters */

/* YB3xx settlements */

/* YB4xx manual claims */

/* YB5xx policy data */

/* YB6xx reconciliation and clearing */
#define ERRCODE_XDJY_HOLIDAY_BUILTIN		XDJY_SQLSTATE('6','0','1')

/* YB7xx national interface */
#define ERRCODE_XDJY_NATIONAL_MAP_BUILTIN	XDJY_SQLSTATE('7','0','1')
#define ERRCODE_XDJY_STMT_REQUEST_INVALID	XDJY_SQLSTATE('7','0','2')
#define ERRCODE_XDJY_NATIONAL_CODE_UNKNOWN	XDJY_SQLSTATE('7','0','3')
#define ERRCODE_XDJY_AMOUNT_NOT_WHOLE_FEN	XDJY_SQLSTATE('7','0','4')
#define ERRCODE_XDJY_CLEARING_NOT_REMOTE	XDJY_SQLSTATE('7','0','5')
#define ERRCODE_XDJY_CLEARING_ALREADY_ANSWERED	XDJY_SQLSTATE('7','0','6')
#define ERRCODE_XDJY_CLEARING_NOT_ANSWERED	XDJY_SQLSTATE('7','0','7')
#define ERRCODE_XDJY_CLEARING_LOG_APPEND_ONLY	XDJY_SQLSTATE('7','0','8')

#endif							/* XDJY_ERRORS_H */
