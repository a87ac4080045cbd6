/*-------------------------------------------------------------------------
 *
 * test/fuzz/guc_link.c
 *	  For harnesses that link src/guc.c (the language argument parser):
 *	  the GUC registration it also holds is never called.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <stdlib.h>

#include "utils/guc.h"

void
DefineCustomEnumVariable(const char *name, const char *short_desc,
						 const char *long_desc, int *valueAddr, int bootValue,
						 const struct config_enum_entry *options,
						 GucContext context, int flags,
						 GucEnumCheckHook check_hook,
						 GucEnumAssignHook assign_hook, GucShowHook show_hook)
{
	abort();
}

void
MarkGUCPrefixReserved(const char *className)
{
	abort();
}
