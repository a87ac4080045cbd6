/*-------------------------------------------------------------------------
 *
 * src/version.c
 *	  The shared library's build, for xdjy.version(): the xdjy version it
 *	  was built as and the PostgreSQL major version whose headers it was
 *	  compiled against.  A support request needs both beside the SQL
 *	  version of the extension (pg_extension.extversion), which may be
 *	  older than the library until ALTER EXTENSION xdjy UPDATE.
 *
 *	  XDJY_VERSION comes from the Makefile (EXTVERSION), so the string is
 *	  the same for every build of one source tree: no __DATE__, no host.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#ifndef XDJY_VERSION
#error "XDJY_VERSION is set by the Makefile from EXTVERSION"
#endif

PG_FUNCTION_INFO_V1(xdjy_library_build);

/* library_build(): e.g. "xdjy 1.1 for PostgreSQL 15" */
Datum
xdjy_library_build(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text("xdjy " XDJY_VERSION " for PostgreSQL " PG_MAJORVERSION));
}
