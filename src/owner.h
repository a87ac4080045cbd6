/*-------------------------------------------------------------------------
 *
 * src/owner.h
 *	  Acting as a table's owner, as PostgreSQL's foreign-key checks query
 *	  the referenced table (ri_triggers.c): the user id switched for the
 *	  duration of a query, row-level security not forced.  Used where xdjy's
 *	  own code must read or write what the acting role may not: the
 *	  reference cache's copies, the filing history, failed settlement
 *	  attempts.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_OWNER_H
#define XDJY_OWNER_H

#include "postgres.h"

#include "fmgr.h"

typedef struct XdjyUserContext
{
	Oid			userid;
	int			sec_context;
} XdjyUserContext;

/* the owner of a relation */
extern Oid	xdjy_rel_owner(Oid relid);

/*
 * Become the owner of relid, saving the current user in *saved; undo with
 * xdjy_restore_user.  An error in between aborts the (sub)transaction,
 * which restores the user id by itself.
 */
extern void xdjy_become_owner(Oid relid, XdjyUserContext *saved);
extern void xdjy_restore_user(const XdjyUserContext *saved);

/*
 * A trigger's body as the owner of relid with the search path pg_catalog,
 * what SECURITY DEFINER SET search_path = pg_catalog, pg_temp gives,
 * switched in C as the foreign-key triggers switch (ri_triggers.c).
 * Undone by xdjy_owner_scope_end or by the (sub)transaction's abort.
 */
extern void xdjy_owner_scope_begin(Oid relid, XdjyUserContext *saved);
extern void xdjy_owner_scope_end(const XdjyUserContext *saved);

/* a trigger's entry: body within that scope, for the trigger's table */
extern Datum xdjy_trigger_as_owner(FunctionCallInfo fcinfo, PGFunction body);

#endif							/* XDJY_OWNER_H */
