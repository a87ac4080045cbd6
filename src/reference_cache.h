/*-------------------------------------------------------------------------
 *
 * src/reference_cache.h
 *	  Per-backend copies of the small reference tables every settlement
 *	  reads (regions, policies, ratio rules, home-benefit and filing-exemption
 *	  settings), so the engine looks them up in memory instead of running a
 *	  query per row.  See src/reference_cache.c for when they are reloaded.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_REFERENCE_CACHE_H
#define XDJY_REFERENCE_CACHE_H

#include "postgres.h"

#include "utils/date.h"

#include "settlement.h"

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

extern void xdjy_reference_cache_init(void);

/* the pooling region of a region code (itself or its nearest pooling
 * ancestor, as xdjy.pooling_region()); NULL if none or unknown */
extern const char *xdjy_cached_pooling_region(const char *region_code);

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

/* 002 #8 for the insured region's province on d */
extern bool xdjy_cached_home_benefit_kept(const char *insured_region, DateADT d);

/* F10 (000 §二(三)) for the insured region's province on d */
extern bool xdjy_cached_filing_exempt(const char *insured_region, DateADT d);

#endif							/* XDJY_REFERENCE_CACHE_H */
