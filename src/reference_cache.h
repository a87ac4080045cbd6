/*-------------------------------------------------------------------------
 *
 * src/reference_cache.h
 *	  The one per-backend cache of the small tables every rule reads:
 *	  the reference data (regions, policies, ratio rules, home-benefit and
 *	  filing-exemption settings) and the holiday calendar.  Rules look them
 *	  up in memory instead of running a query per row.  See
 *	  src/reference_cache.c for when a copy is read and when it is dropped.
 *
 *	  Pointers into the cache stay valid until the next call of any
 *	  function declared here: copy what is kept longer.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_REFERENCE_CACHE_H
#define XDJY_REFERENCE_CACHE_H

#include "postgres.h"

#include "utils/date.h"

#include "dates.h"
#include "settlement.h"

extern void xdjy_reference_cache_init(void);

/*
 * For a SQL function that runs as its caller: raise what a query of
 * xdjy.table would (42501) when the current user may not read the table.
 * The cache is read as the tables' owner, so that the copy is the same
 * for every role; a function answering the caller from it checks here
 * that the caller may see what it answers from.
 */
extern void xdjy_cache_check_caller(const char *table);

/* the region table (xdjy.region), read once per look-up session */
typedef struct XdjyRegionTable XdjyRegionTable;

extern const XdjyRegionTable *xdjy_cached_regions(void);

/* a row of it: false for an unknown code; *parent is NULL for a province */
extern bool xdjy_region_row(const XdjyRegionTable *regions, const char *code,
							const char **parent, bool *is_pooling);

/* the policy row that prices a settlement (xdjy.policy) */
typedef struct XdjyPolicy
{
	int64		id;
	int64		deductible_fen;
	int32		ratio_bp;
	int32		first_selfpay_bp;
	int64		annual_cap_fen;
	const char *quota_group;	/* in the cache's memory: copy to keep */
} XdjyPolicy;

/* the policy valid on d for the key, the tier's own row before the any-tier
 * row (the engine's rule); false if none */
extern bool xdjy_cached_policy(const char *insured_region, const char *scheme,
							   const char *category, const char *visit_type,
							   int16 tier, DateADT d, XdjyPolicy *out);

/* the ratio rules of the insured province that apply, 'set' first then by
 * id; returns how many (at most max; with out NULL, how many apply) */
extern int	xdjy_cached_adjustments(const char *insured_region, const char *category,
									const char *scheme, const char *visit_type,
									bool own_reason, DateADT d,
									XdjyAdjustment *out, int max);

/* 吉医保发〔2019〕34号 附件第8条 for the insured region's province on d */
extern bool xdjy_cached_home_benefit_kept(const char *insured_region, DateADT d);

/*
 * 鲁医保发〔2021〕46号 第二条(三): does the insured region's province exempt
 * intra-province temporary treatment from filing on d?  With valid not
 * NULL, the dates the exemption row covers.
 */
extern bool xdjy_cached_filing_exemption(const char *insured_region, DateADT d,
										 XdjyDateSpan *valid);

/*
 * Does the treatment region (a pooling region) or its province require
 * itemised fee lines for a direct settlement on d (xdjy.fee_lines_required)?
 * With true, *valid is the row's dates.
 */
extern bool xdjy_cached_fee_lines_required(const char *treatment_region, DateADT d,
										   XdjyDateSpan *valid);

/* a row of xdjy.holiday: a day that breaks the weekday rule */
typedef struct XdjyHoliday
{
	DateADT		day;
	bool		is_workday;
} XdjyHoliday;

/* every row, sorted by day; *n how many */
extern const XdjyHoliday *xdjy_cached_holidays(int *n);

#endif							/* XDJY_REFERENCE_CACHE_H */
