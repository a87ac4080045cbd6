/*-------------------------------------------------------------------------
 *
 * src/settlement.h
 *	  The settlement rules as pure functions, no SPI: which benefit
 *	  category pays (filed before discharge, closed during a stay) and the amounts to the fen.
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

/*
 * Why a category was chosen, stored in settlement.category_reason.  This is
 * the one list of the reasons: the enum, the names the engine stores and
 * xdjy.category_reasons() are made from it.  SQL repeats the names in the
 * CHECK constraint settlement_category_reason and in the column's comment
 * (a released install script is not generated from C), and the test
 * test/pgtap/215_category_reasons.sql holds both to category_reasons().
 *
 *	local					treated in the insured pooling region
 *	local_with_proof		a long-term filer at home, with proof of residence:
 *							鲁医保发〔2022〕26号 第二条(三)
 *	local_home_kept			a long-term filer at home, the province keeps home
 *							benefits: 吉医保发〔2019〕34号 附件第8条
 *	home_without_proof		a long-term filer at home on a pledge only:
 *							鲁医保发〔2022〕26号 第二条(三)
 *	long_term_filing		鲁医保发〔2021〕46号 第三条(一), 鲁医保发〔2022〕26号
 *							第二条(三)
 *	temporary_filing		treated at the destination of a temporary filing
 *	filed_before_discharge	filed before the discharge settlement: 济宁市医保局
 *							异地就医十项便民措施 第四条(二), 鲁医保发〔2022〕26号
 *							第二条(二)
 *	filed_after_discharge	filed only after a self-paid discharge, settled by
 *							hand: 鲁医保发〔2022〕26号 第二条(二)
 *	closed_mid_stay			the filing closed during the stay:
 *							鲁医保发〔2022〕26号 第二条(一)
 *	filing_exempt			in another city of a province that asks no filing
 *							for it: 鲁医保发〔2021〕46号 第二条(三)
 *	referral				吉医保发〔2019〕34号 附件第10–12条
 *	emergency				济宁市医保局 异地就医十项便民措施 第五条(一),
 *							鲁医保发〔2022〕26号 第二条(五)
 *	unchosen_institution	a cross-province long-term resident treated by
 *							hand at a non-direct-settlement institution of
 *							the residence city that is not among the up to
 *							four chosen under the filing, where the insured
 *							province offers the choice: outside the filing,
 *							the unfiled standard (吉医保发〔2019〕34号 附件第7条)
 *	unfiled					none of the above: the unfiled standard
 */
#define XDJY_CATEGORY_REASONS(X) \
	X(XDJY_WHY_LOCAL, "local") \
	X(XDJY_WHY_LOCAL_WITH_PROOF, "local_with_proof") \
	X(XDJY_WHY_LOCAL_HOME_KEPT, "local_home_kept") \
	X(XDJY_WHY_HOME_WITHOUT_PROOF, "home_without_proof") \
	X(XDJY_WHY_LONG_TERM_FILING, "long_term_filing") \
	X(XDJY_WHY_TEMPORARY_FILING, "temporary_filing") \
	X(XDJY_WHY_FILED_BEFORE_DISCHARGE, "filed_before_discharge") \
	X(XDJY_WHY_FILED_AFTER_DISCHARGE, "filed_after_discharge") \
	X(XDJY_WHY_CLOSED_MID_STAY, "closed_mid_stay") \
	X(XDJY_WHY_FILING_EXEMPT, "filing_exempt") \
	X(XDJY_WHY_REFERRAL, "referral") \
	X(XDJY_WHY_EMERGENCY, "emergency") \
	X(XDJY_WHY_UNCHOSEN_INSTITUTION, "unchosen_institution") \
	X(XDJY_WHY_UNFILED, "unfiled")

#define XDJY_REASON_ENUM(sym, name) sym,
typedef enum XdjyCategoryReason
{
	XDJY_CATEGORY_REASONS(XDJY_REASON_ENUM)
} XdjyCategoryReason;
#undef XDJY_REASON_ENUM

#define XDJY_REASON_COUNT(sym, name) + 1
#define XDJY_NUM_REASONS	(0 XDJY_CATEGORY_REASONS(XDJY_REASON_COUNT))

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
	DateADT		end_on;			/* discharge (or settlement) date, for filed before discharge */
	DateADT		settled_on;		/* S */
	bool		direct;			/* mode direct, else manual */
	bool		inpatient;
	bool		emergency;
	bool		referral;		/* a valid referral came with it */
	XdjyFact	home_benefit_kept;	/* 吉医保发〔2019〕34号 附件第8条 holds for I's province on D */
	XdjyFact	filing_exempt;	/* filing exemption holds for I's province on D */
	bool		non_direct_institution; /* not networked for stays */
	XdjyFact	outside_choice; /* 吉医保发〔2019〕34号 附件第7条: I's province
								 * offers the choice on D and the institution
								 * is not chosen under out->filing_id */
	int			nfilings;
	const XdjyFilingFact *filings;
} XdjyCategoryInput;

typedef enum XdjyNeed
{
	XDJY_NEED_NOTHING = 0,
	XDJY_NEED_HOME_BENEFIT_KEPT,
	XDJY_NEED_FILING_EXEMPT,
	XDJY_NEED_OUTSIDE_CHOICE	/* about the filing in out->filing_id */
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
	int64		preselfpay_fen;	/* 乙类先行自付 of the fee lines, not in scope */
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
