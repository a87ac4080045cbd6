/*-------------------------------------------------------------------------
 *
 * src/region.h
 *	  Regions, one home for what every rule asks of a region
 *	  code: its province, its pooling region (统筹区), whether it exists,
 *	  and the scope of a treatment from two pooling-region codes.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_REGION_H
#define XDJY_REGION_H

#include "postgres.h"

/*
 * How far the walk from a region up to its pooling region goes: the region
 * itself and at most this many regions above it (township, county, city,
 * province need three; the limit ends a cycle in the parent links).
 */
#define XDJY_REGION_MAX_DEPTH	8

typedef enum XdjyScope
{
	XDJY_SCOPE_LOCAL = 0,			/* same pooling region (本地) */
	XDJY_SCOPE_INTRA_PROVINCE = 1,	/* another city of the same province (省内跨市) */
	XDJY_SCOPE_CROSS_PROVINCE = 2	/* another province (跨省) */
} XdjyScope;

extern XdjyScope xdjy_scope_of(const char *insured_pooling,
							   const char *treatment_pooling);
extern const char *xdjy_scope_name(XdjyScope scope);

/* are two codes (6 or 9 digits, or a 2-digit province) in one province? */
extern bool xdjy_same_province(const char *a, const char *b);

/* the province of a code as its two digits (370102 -> 37): out[3] */
extern void xdjy_province_digits(const char *region_code, char *out);

/*
 * The province of a code as its own 6-digit code (370102 -> 370000), the
 * key of the per-province tables filing_exemption and
 * institution_choice_rule.  palloc'd.
 */
extern char *xdjy_province_code(const char *region_code);

/*
 * The pooling region of a region code: itself if it is one, else its
 * nearest pooling ancestor within XDJY_REGION_MAX_DEPTH; NULL for an
 * unknown code or a region under no pooling region.  palloc'd.
 */
extern char *xdjy_pooling_region(const char *region_code);

/* does the region exist?  Then *is_pooling (if not NULL) says if it is one */
extern bool xdjy_region_exists(const char *region_code, bool *is_pooling);

#endif							/* XDJY_REGION_H */
