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
#define ERRCODE_XDJY_UNFILED_DIRECT			XDJY_SQLSTATE('3','0','1')
#define ERRCODE_XDJY_SETTLEMENT_AMOUNTS		XDJY_SQLSTATE('3','0','2')
#define ERRCODE_XDJY_TRAUMA_THIRD_PARTY		XDJY_SQLSTATE('3','0','3')
#define ERRCODE_XDJY_TRAUMA_NO_PLEDGE		XDJY_SQLSTATE('3','0','4')
#define ERRCODE_XDJY_ATTACHED_ITEM			XDJY_SQLSTATE('3','0','5')
#define ERRCODE_XDJY_OVERLAPPING_STAYS		XDJY_SQLSTATE('3','0','6')
#define ERRCODE_XDJY_VISIT_DURING_STAY		XDJY_SQLSTATE('3','0','7')
#define ERRCODE_XDJY_INVOICE_REIMBURSED		XDJY_SQLSTATE('3','0','8')
#define ERRCODE_XDJY_REFERRAL_INVALID		XDJY_SQLSTATE('3','0','9')
#define ERRCODE_XDJY_REFERRAL_DIAGNOSIS		XDJY_SQLSTATE('3','1','0')
#define ERRCODE_XDJY_REFERRAL_USED			XDJY_SQLSTATE('3','1','1')
#define ERRCODE_XDJY_REFERRAL_ISSUER		XDJY_SQLSTATE('3','1','2')
#define ERRCODE_XDJY_SETTLEMENT_IMMUTABLE	XDJY_SQLSTATE('3','1','3')
#define ERRCODE_XDJY_ALREADY_REVERSED		XDJY_SQLSTATE('3','1','4')
#define ERRCODE_XDJY_REVERSAL_MISMATCH		XDJY_SQLSTATE('3','1','5')
#define ERRCODE_XDJY_ENGINE_COLUMNS			XDJY_SQLSTATE('3','1','6')
#define ERRCODE_XDJY_NOT_NETWORKED			XDJY_SQLSTATE('3','1','7')
#define ERRCODE_XDJY_SETTLED_BEFORE_SERVICE	XDJY_SQLSTATE('3','1','8')

/* YB4xx manual claims */
#define ERRCODE_XDJY_CLAIM_DEADLINE			XDJY_SQLSTATE('4','0','1')
#define ERRCODE_XDJY_CLAIM_MATERIALS		XDJY_SQLSTATE('4','0','2')
#define ERRCODE_XDJY_CLAIM_DECIDED			XDJY_SQLSTATE('4','0','3')
#define ERRCODE_XDJY_CLAIM_IMMUTABLE		XDJY_SQLSTATE('4','0','4')

/* YB5xx policy data */
#define ERRCODE_XDJY_NO_POLICY				XDJY_SQLSTATE('5','0','1')
#define ERRCODE_XDJY_FIRST_SELFPAY_CEILING	XDJY_SQLSTATE('5','0','2')
#define ERRCODE_XDJY_CEILING_BELOW_POLICY	XDJY_SQLSTATE('5','0','3')

/* YB6xx reconciliation and clearing */
#define ERRCODE_XDJY_HOLIDAY_BUILTIN		XDJY_SQLSTATE('6','0','1')

#endif							/* XDJY_ERRORS_H */
