/*-------------------------------------------------------------------------
 *
 * src/region.h
 *	  Scope of a treatment from two pooling-region codes (SPEC §1).
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_REGION_H
#define XDJY_REGION_H

typedef enum XdjyScope
{
	XDJY_SCOPE_LOCAL = 0,			/* same pooling region (本地) */
	XDJY_SCOPE_INTRA_PROVINCE = 1,	/* another city of the same province (省内跨市) */
	XDJY_SCOPE_CROSS_PROVINCE = 2	/* another province (跨省) */
} XdjyScope;

extern XdjyScope xdjy_scope_of(const char *insured_pooling,
							   const char *treatment_pooling);
extern const char *xdjy_scope_name(XdjyScope scope);

#endif							/* XDJY_REGION_H */
