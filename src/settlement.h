/*-------------------------------------------------------------------------
 *
 * src/settlement.h
 *	  The settlement rules as pure functions, no SPI: which benefit
 *	  category pays (SPEC §3 steps 1–5, F8, F9) and the amounts to the fen.
 *	  src/settlement_trigger.c gathers the facts and stores the results;
 *	  src/explain.c replays the amounts from the stored inputs.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_SETTLEMENT_H
#define XDJY_SETTLEMENT_H

#include "postgres.h"

#include "utils/date.h"

typedef enum XdjyCategory
{
	XDJY_CAT_LOCAL = 0,
	XDJY_CAT_LONG_TERM,
	XDJY_CAT_TEMPORARY,
	XDJY_CAT_UNFILED
} XdjyCategory;

/* why a category was chosen: stored in settlement.category_reason */
typedef enum XdjyCategoryReason
{
	XDJY_WHY_LOCAL = 0,			/* treated in the insured pooling region */
	XDJY_WHY_LOCAL_WITH_PROOF,	/* long-term filer home, with proof: 004 §二(三) */
	XDJY_WHY_LOCAL_HOME_KEPT,	/* long-term filer home, province keeps it: 002 #8 */
	XDJY_WHY_HOME_WITHOUT_PROOF,	/* long-term filer home on a pledge: 004 §二(三) */
	XDJY_WHY_LONG_TERM_FILING,	/* 000 §三(一), 004 §二(三) */
	XDJY_WHY_TEMPORARY_FILING,	/* SPEC §3 step 3 */
	XDJY_WHY_FILED_BEFORE_DISCHARGE,	/* F8: 001 §四(二), 004 §二(二) */
	XDJY_WHY_FILED_AFTER_DISCHARGE, /* F8, manual: 004 §二(二) */
	XDJY_WHY_CLOSED_MID_STAY,	/* F9: 004 §二(一) */
	XDJY_WHY_FILING_EXEMPT,		/* F10: 000 §二(三) */
	XDJY_WHY_REFERRAL,			/* 002 #10–12 */
	XDJY_WHY_EMERGENCY,			/* 001 §五(一), 004 §二(五) */
	XDJY_WHY_UNFILED			/* SPEC §3 step 5 */
} XdjyCategoryReason;

#define XDJY_NUM_REASONS	(XDJY_WHY_UNFILED + 1)

/* a filing of the person, as the category decision needs it */
typedef struct XdjyFilingFact
{
	int64		id;
	const char *destination;	/* a pooling region code */
	bool		long_term;		/* long_term_resident, else temporary_outside */
	bool		active;			/* status active */
	bool		proof;			/* proof of residence given (not a pledge only) */
	bool		closed;			/* closed_on is set */
	DateADT		start_on;
	DateADT		applied_on;
	DateADT		closed_on;		/* first day it no longer holds */
} XdjyFilingFact;

typedef enum XdjyFact
{
	XDJY_FACT_UNKNOWN = -1,
	XDJY_FACT_NO = 0,
	XDJY_FACT_YES = 1
} XdjyFact;

typedef struct XdjyCategoryInput
{
	const char *insured_region; /* I */
	const char *treatment_region;	/* R */
	DateADT		service_on;		/* D: admission date or visit date */
	DateADT		end_on;			/* discharge (or settlement) date, for F8 */
	DateADT		settled_on;		/* S */
	bool		direct;			/* mode direct, else manual */
	bool		inpatient;
	bool		emergency;
	bool		referral;		/* a valid referral (S6) came with it */
	XdjyFact	home_benefit_kept;	/* 002 #8 holds for I's province on D */
	XdjyFact	filing_exempt;	/* F10 holds for I's province on D */
	int			nfilings;
	const XdjyFilingFact *filings;
} XdjyCategoryInput;

typedef enum XdjyNeed
{
	XDJY_NEED_NOTHING = 0,
	XDJY_NEED_HOME_BENEFIT_KEPT,
	XDJY_NEED_FILING_EXEMPT
} XdjyNeed;

typedef struct XdjyCategoryDecision
{
	XdjyCategory category;
	XdjyCategoryReason reason;
	int64		filing_id;		/* 0: none */
} XdjyCategoryDecision;

extern XdjyNeed xdjy_decide_category(const XdjyCategoryInput *in,
									 XdjyCategoryDecision *out);

extern const char *xdjy_category_name(XdjyCategory category);
extern const char *xdjy_reason_name(XdjyCategoryReason reason);
extern int	xdjy_reason_from_name(const char *name);

/* a ratio rule of the insured province (table ratio_adjustment) */
typedef struct XdjyAdjustment
{
	int64		id;
	bool		set;			/* replaces the ratio, else adds points */
	int32		points_bp;
} XdjyAdjustment;

extern int32 xdjy_adjust_ratio(int32 policy_ratio_bp, int n,
							   const XdjyAdjustment *adjustments,
							   int32 *steps);

typedef struct XdjyAmountInput
{
	int64		total_fen;
	int64		out_of_scope_fen;
	int32		first_selfpay_bp;
	int64		policy_deductible_fen;
	int64		deductible_met_fen; /* ledger before */
	int32		ratio_bp;
	int64		annual_cap_fen;
	int64		fund_paid_fen;	/* ledger before */
} XdjyAmountInput;

typedef struct XdjyAmounts
{
	int64		in_scope_fen;
	int64		first_selfpay_fen;
	int64		base_fen;
	int64		deductible_left_fen;
	int64		deductible_fen;
	int64		payable_fen;	/* fund share before the annual cap */
	int64		cap_left_fen;
	int64		fund_fen;
	int64		personal_fen;
} XdjyAmounts;

extern const char *xdjy_amount_input_error(const XdjyAmountInput *in);
extern void xdjy_compute_amounts(const XdjyAmountInput *in, XdjyAmounts *out);

#endif							/* XDJY_SETTLEMENT_H */
