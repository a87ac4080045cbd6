/*-------------------------------------------------------------------------
 *
 * src/errors.h
 *	  xdjy's own SQLSTATEs, class YB: each named once here, each with one
 *	  entry in src/error_registry.c (category, zh/en message and cause),
 *	  from which both the errors raised and xdjy.error_code come.
 *	  test/t/010_error_catalogue.sh checks both directions.
 *
 *	  Numbering: YB0xx general, YB1xx filings, YB2xx encounters,
 *	  YB3xx settlements, YB4xx manual claims, YB5xx policy data,
 *	  YB6xx reconciliation and clearing, YB7xx national interface,
 *	  YB8xx fee lines.  Codes are frozen once released.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_ERRORS_H
#define XDJY_ERRORS_H

#include "utils/elog.h"

#define XDJY_SQLSTATE(a,b,c)	MAKE_SQLSTATE('Y','B',a,b,c)

/* YB0xx general */
#define ERRCODE_XDJY_UNKNOWN_REFERENCE		XDJY_SQLSTATE('0','0','1')
#define ERRCODE_XDJY_DROP_WITH_DATA			XDJY_SQLSTATE('0','0','2')
#define ERRCODE_XDJY_OPERATOR_ROLE_UNKNOWN	XDJY_SQLSTATE('0','0','3')
#define ERRCODE_XDJY_BUSINESS_DATE_OUTSIDE_WINDOW	XDJY_SQLSTATE('0','0','4')
#define ERRCODE_XDJY_OUTSIDE_REGIONS		XDJY_SQLSTATE('0','0','5')
/* YB01x operations: the daily reconciliation's schedule (pg_cron) */
#define ERRCODE_XDJY_PG_CRON_MISSING		XDJY_SQLSTATE('0','1','0')
#define ERRCODE_XDJY_PG_CRON_ELSEWHERE		XDJY_SQLSTATE('0','1','1')
#define ERRCODE_XDJY_SCHEDULE_TIME			XDJY_SQLSTATE('0','1','2')

/* YB1xx filings */
#define ERRCODE_XDJY_FILING_DESTINATION_NOT_POOLING	XDJY_SQLSTATE('1','0','1')
#define ERRCODE_XDJY_FILING_DESTINATION_IS_HOME		XDJY_SQLSTATE('1','0','2')
#define ERRCODE_XDJY_FILING_LONG_TERM_EXISTS		XDJY_SQLSTATE('1','0','3')
#define ERRCODE_XDJY_FILING_TEMPORARY_EXISTS		XDJY_SQLSTATE('1','0','4')
#define ERRCODE_XDJY_FILING_BACKDATED_TOO_FAR		XDJY_SQLSTATE('1','0','5')
#define ERRCODE_XDJY_FILING_START_TOO_LATE			XDJY_SQLSTATE('1','0','6')
#define ERRCODE_XDJY_FILING_CHANGE_WINDOW			XDJY_SQLSTATE('1','0','7')
#define ERRCODE_XDJY_FILING_CLOSED					XDJY_SQLSTATE('1','0','8')
#define ERRCODE_XDJY_FILING_STATUS_TRANSITION		XDJY_SQLSTATE('1','0','9')
#define ERRCODE_XDJY_FILING_COLUMN_FIXED			XDJY_SQLSTATE('1','1','0')
#define ERRCODE_XDJY_FILING_CLOSING_INCONSISTENT	XDJY_SQLSTATE('1','1','1')
#define ERRCODE_XDJY_FILING_CLOSED_BEFORE_APPLIED	XDJY_SQLSTATE('1','1','2')
#define ERRCODE_XDJY_FILING_REPLACEMENT_INVALID		XDJY_SQLSTATE('1','1','3')
#define ERRCODE_XDJY_FILING_PLEDGE_MISSING			XDJY_SQLSTATE('1','1','4')
#define ERRCODE_XDJY_FILING_CHANNEL_UNKNOWN			XDJY_SQLSTATE('1','1','5')
#define ERRCODE_XDJY_FILING_NOT_NEEDED				XDJY_SQLSTATE('1','1','6')
#define ERRCODE_XDJY_FILING_NOT_DELETABLE			XDJY_SQLSTATE('1','1','7')
/* YB12x chosen institutions (吉医保发〔2019〕34号 附件第7条) */
#define ERRCODE_XDJY_CHOICE_NOT_OFFERED				XDJY_SQLSTATE('1','2','0')
#define ERRCODE_XDJY_CHOICE_FILING_UNFIT			XDJY_SQLSTATE('1','2','1')
#define ERRCODE_XDJY_CHOICE_OUTSIDE_CITY			XDJY_SQLSTATE('1','2','2')
#define ERRCODE_XDJY_CHOICE_SETTLES_DIRECTLY		XDJY_SQLSTATE('1','2','3')
#define ERRCODE_XDJY_CHOICE_NO_SLOT					XDJY_SQLSTATE('1','2','4')
#define ERRCODE_XDJY_CHOICE_SLOT_TAKEN				XDJY_SQLSTATE('1','2','5')
#define ERRCODE_XDJY_CHOICE_FULL					XDJY_SQLSTATE('1','2','6')
#define ERRCODE_XDJY_CHOICE_SPECIAL_TAKEN			XDJY_SQLSTATE('1','2','7')
/* YB19x reference data behind filings */
#define ERRCODE_XDJY_INSURED_REGION_NOT_POOLING		XDJY_SQLSTATE('1','9','0')
#define ERRCODE_XDJY_INSTITUTION_OUTSIDE_POOLING	XDJY_SQLSTATE('1','9','1')
#define ERRCODE_XDJY_INSURED_REGION_IS_DESTINATION	XDJY_SQLSTATE('1','9','2')

/* YB2xx encounters */
#define ERRCODE_XDJY_ENCOUNTER_DISCHARGE_BEFORE_ADMISSION	XDJY_SQLSTATE('2','0','1')
#define ERRCODE_XDJY_ENCOUNTER_KIND_MISMATCH		XDJY_SQLSTATE('2','0','2')
#define ERRCODE_XDJY_ENCOUNTER_ATTACH_TYPE			XDJY_SQLSTATE('2','0','3')
#define ERRCODE_XDJY_ENCOUNTER_ATTACH_NOT_STAY		XDJY_SQLSTATE('2','0','4')
#define ERRCODE_XDJY_ENCOUNTER_ATTACH_PERSON		XDJY_SQLSTATE('2','0','5')
#define ERRCODE_XDJY_ENCOUNTER_ATTACH_OUTSIDE		XDJY_SQLSTATE('2','0','6')
#define ERRCODE_XDJY_ENCOUNTER_STAY_UNCOVERS		XDJY_SQLSTATE('2','0','7')

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
#define ERRCODE_XDJY_NOT_ENGINE_ROW			XDJY_SQLSTATE('3','1','9')
#define ERRCODE_XDJY_STAY_NOT_DISCHARGED	XDJY_SQLSTATE('3','2','0')
#define ERRCODE_XDJY_MID_STAY_INVALID		XDJY_SQLSTATE('3','2','1')
/* issue 16: personal accounts, referral qualification */
#define ERRCODE_XDJY_ACCOUNT_NOT_USABLE		XDJY_SQLSTATE('3','3','0')
#define ERRCODE_XDJY_ACCOUNT_OVERDRAWN		XDJY_SQLSTATE('3','3','1')
#define ERRCODE_XDJY_ACCOUNT_APPEND_ONLY	XDJY_SQLSTATE('3','3','2')
#define ERRCODE_XDJY_REFERRAL_UNQUALIFIED	XDJY_SQLSTATE('3','3','3')

/* YB4xx manual claims */
#define ERRCODE_XDJY_CLAIM_DEADLINE			XDJY_SQLSTATE('4','0','1')
#define ERRCODE_XDJY_CLAIM_MATERIALS		XDJY_SQLSTATE('4','0','2')
#define ERRCODE_XDJY_CLAIM_DECIDED			XDJY_SQLSTATE('4','0','3')
#define ERRCODE_XDJY_CLAIM_IMMUTABLE		XDJY_SQLSTATE('4','0','4')

/* YB5xx policy data */
#define ERRCODE_XDJY_NO_POLICY				XDJY_SQLSTATE('5','0','1')
#define ERRCODE_XDJY_FIRST_SELFPAY_CEILING	XDJY_SQLSTATE('5','0','2')
#define ERRCODE_XDJY_CEILING_BELOW_POLICY	XDJY_SQLSTATE('5','0','3')
#define ERRCODE_XDJY_BUILTIN_RULE			XDJY_SQLSTATE('5','0','4')
#define ERRCODE_XDJY_POLICY_ROW_USED		XDJY_SQLSTATE('5','0','5')
#define ERRCODE_XDJY_POLICY_CLOSED_TOO_EARLY	XDJY_SQLSTATE('5','0','6')
#define ERRCODE_XDJY_POLICY_OVERLAP			XDJY_SQLSTATE('5','0','7')

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

/* YB8xx fee lines (费用明细) and the catalogue */
#define ERRCODE_XDJY_FEE_DATE_OUTSIDE_ENCOUNTER	XDJY_SQLSTATE('8','0','1')
#define ERRCODE_XDJY_FEE_ENCOUNTER_SETTLED		XDJY_SQLSTATE('8','0','2')
#define ERRCODE_XDJY_FEE_REFUND_ORIGINAL_MISSING	XDJY_SQLSTATE('8','0','3')
#define ERRCODE_XDJY_FEE_REFUND_EXCEEDS_ORIGINAL	XDJY_SQLSTATE('8','0','4')
#define ERRCODE_XDJY_FEE_LINE_INVALID			XDJY_SQLSTATE('8','0','5')
#define ERRCODE_XDJY_FEE_AMOUNT_MISMATCH		XDJY_SQLSTATE('8','0','6')
#define ERRCODE_XDJY_FEE_LINE_IMMUTABLE			XDJY_SQLSTATE('8','0','7')
#define ERRCODE_XDJY_FEE_LINE_SETTLED			XDJY_SQLSTATE('8','0','8')
#define ERRCODE_XDJY_FEE_REFUND_UNLIKE_ORIGINAL	XDJY_SQLSTATE('8','0','9')
#define ERRCODE_XDJY_FEE_TOTALS_DISAGREE		XDJY_SQLSTATE('8','1','0')
#define ERRCODE_XDJY_SETTLE_NO_TOTAL			XDJY_SQLSTATE('8','1','1')
#define ERRCODE_XDJY_FEE_LINE_REFUNDED			XDJY_SQLSTATE('8','1','2')
#define ERRCODE_XDJY_FEE_ENGINE_COLUMNS			XDJY_SQLSTATE('8','1','3')
#define ERRCODE_XDJY_FEE_RECEIVED_BEFORE_FEE	XDJY_SQLSTATE('8','1','4')
#define ERRCODE_XDJY_FEE_LINES_REQUIRED			XDJY_SQLSTATE('8','1','5')
#define ERRCODE_XDJY_ENCOUNTER_CLOSED			XDJY_SQLSTATE('8','1','6')
#define ERRCODE_XDJY_FEE_LINES_ALL_SETTLED		XDJY_SQLSTATE('8','1','7')
#define ERRCODE_XDJY_ENCOUNTER_UNCOVERS_FEE_LINES	XDJY_SQLSTATE('8','1','8')

/* issue 18: the national interface, exactly once by msgid (YB901–YB949) */
#define ERRCODE_XDJY_INTERFACE_FIELD_MISSING	XDJY_SQLSTATE('9','0','1')
#define ERRCODE_XDJY_INTERFACE_FIELD_TYPE		XDJY_SQLSTATE('9','0','2')
#define ERRCODE_XDJY_INTERFACE_UNKNOWN			XDJY_SQLSTATE('9','0','3')
#define ERRCODE_XDJY_MSGID_REUSED				XDJY_SQLSTATE('9','0','4')
#define ERRCODE_XDJY_MSGID_VOIDED				XDJY_SQLSTATE('9','0','5')
#define ERRCODE_XDJY_REVERSAL_TARGET			XDJY_SQLSTATE('9','0','6')
#define ERRCODE_XDJY_REVERSAL_REFUSED			XDJY_SQLSTATE('9','0','7')
#define ERRCODE_XDJY_MESSAGE_REVERSED			XDJY_SQLSTATE('9','0','8')
#define ERRCODE_XDJY_INTERFACE_ENCOUNTER		XDJY_SQLSTATE('9','0','9')
#define ERRCODE_XDJY_INTERFACE_MED_TYPE			XDJY_SQLSTATE('9','1','0')
/* issue 18 (s27-18): a message of another institution (YB911–YB919) */
#define ERRCODE_XDJY_MESSAGE_NOT_AVAILABLE		XDJY_SQLSTATE('9','1','1')

/* issue 19: nodes (YB95x, src/node.c) */
#define ERRCODE_XDJY_NODE_ROLE_INVALID			XDJY_SQLSTATE('9','5','1')
#define ERRCODE_XDJY_NODE_REGION_INVALID		XDJY_SQLSTATE('9','5','2')
#define ERRCODE_XDJY_NODE_IDS_OUTSIDE_RANGE		XDJY_SQLSTATE('9','5','3')
#define ERRCODE_XDJY_NODE_NOT_PROVINCE			XDJY_SQLSTATE('9','5','4')
#define ERRCODE_XDJY_NODE_NOT_HUB				XDJY_SQLSTATE('9','5','5')
#define ERRCODE_XDJY_NODE_NAME_INVALID			XDJY_SQLSTATE('9','5','6')
#define ERRCODE_XDJY_NODE_CONNINFO_MISSING		XDJY_SQLSTATE('9','5','7')

/*
 * The registry (src/error_registry.c).  Raise a YB code as
 *
 *		ereport(ERROR,
 *				(xdjy_errcode(ERRCODE_XDJY_...),
 *				 errdetail("... the offending values ..."),
 *				 errhint("... what to do ...")));
 *
 * xdjy_errcode() sets the SQLSTATE and the registry's primary message in
 * the language of xdjy.language; call sites write no errmsg of their own.
 */
typedef struct XdjyError
{
	int			sqlstate;
	const char *category;
	const char *message_en;
	const char *message_zh;
	const char *cause_en;
	const char *cause_zh;
} XdjyError;

extern const XdjyError *xdjy_error_lookup(int sqlstate);
extern const char *xdjy_error_message(int sqlstate);
extern int	xdjy_errcode(int sqlstate);

/*
 * DETAIL and HINT in the language of xdjy.language (src/messages.c): the
 * catalogue src/messages_zh.c pairs each English format with its Chinese.
 * errdetail() and errhint() are mapped to the xdjy versions in every
 * translation unit that includes this header, so that all of xdjy's call
 * sites go through the catalogue without being rewritten, and a call site
 * added later does too.  The mapping is a function-like macro defined after
 * utils/elog.h (included above, guarded): PostgreSQL's own declarations are
 * not renamed, and PostgreSQL's code, compiled elsewhere, is not affected.
 * Include this header after PostgreSQL's headers.
 */
typedef struct XdjyMessage
{
	const char *en;				/* the format as written at the call site */
	const char *zh;				/* its Chinese, the same conversions */
} XdjyMessage;

extern const XdjyMessage xdjy_messages_zh[];
extern const int xdjy_messages_zh_count;

extern int	xdjy_errdetail(const char *fmt,...) pg_attribute_printf(1, 2);
extern int	xdjy_errhint(const char *fmt,...) pg_attribute_printf(1, 2);
extern const char *xdjy_message_zh(const char *en);
extern const char *xdjy_tr(const char *en);

/* marks a text kept in a table for the catalogue (see xdjy_tr) */
#define XDJY_N_(s)	(s)

#define errdetail(...)	xdjy_errdetail(__VA_ARGS__)
#define errhint(...)	xdjy_errhint(__VA_ARGS__)

#endif							/* XDJY_ERRORS_H */
