/*-------------------------------------------------------------------------
 *
 * src/policy_lock.h
 *	  The transaction-level advisory lock per insured province that
 *	  serialises writes of a province's first self-pay ceilings against the
 *	  policy rows they cap (src/policy_trigger.c) and against the
 *	  settlements a ceiling has applied to (src/policy_frozen.c,
 *	  src/settlement_trigger.c).  Writers take it exclusive, the settlement
 *	  engine shared, so settlements do not wait for each other.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_POLICY_LOCK_H
#define XDJY_POLICY_LOCK_H

#include "postgres.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

/* advisory lock class of xdjy's policy data ("XD") */
#define XDJY_LOCK_POLICY_CEILING	0x5844

/* province: two digits */
static inline void
xdjy_lock_province(const char *province, bool shared)
{
	Datum		cls = Int32GetDatum(XDJY_LOCK_POLICY_CEILING);
	Datum		key = Int32GetDatum(pg_strtoint32(province));

	if (shared)
		DirectFunctionCall2(pg_advisory_xact_lock_shared_int4, cls, key);
	else
		DirectFunctionCall2(pg_advisory_xact_lock_int4, cls, key);
}

#endif							/* XDJY_POLICY_LOCK_H */
