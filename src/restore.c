/*-------------------------------------------------------------------------
 *
 * src/restore.c
 *	  Recognising a restore, so that rule triggers let dumped rows back in
 *	  exactly as they were.
 *
 *	  pg_dump writes xdjy's tables as data (pg_extension_config_dump), and
 *	  restoring that data fires the tables' triggers.  Re-deciding a row
 *	  there would be wrong: a settlement's ledgers are restored as data too
 *	  and would be consumed twice, history rows would be written twice, and
 *	  rules that look at today's state could refuse yesterday's lawful row.
 *
 *	  Every dump pg_dump writes starts with SET check_function_bodies =
 *	  false, the setting PostgreSQL itself reads as "restoring a dump".
 *	  Alone it proves nothing (any user may set it), so it counts only for a
 *	  superuser, who may disable triggers anyway; restoring an extension
 *	  that needs a superuser to create is a superuser's job.  Anyone else
 *	  with check_function_bodies off gets every rule as usual.
 *
 *	  "Superuser" is the role the session acts as (SET ROLE included), not
 *	  the current user: the rule triggers run as the extension's owner
 *	  (SECURITY DEFINER, see section security of xdjy--1.0.sql), where
 *	  superuser() is true for every caller.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/guc.h"

#include "restore.h"

bool
xdjy_restoring(void)
{
	return !check_function_bodies && superuser_arg(GetOuterUserId());
}
