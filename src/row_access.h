/*-------------------------------------------------------------------------
 *
 * src/row_access.h
 *	  What the acting role may read and write, asked of PostgreSQL's own
 *	  row-level security, so that the policies in the install script stay
 *	  the one statement of who sees which region (see row_access.c).
 *
 *	  Rule triggers run as the tables' owner and decide on every row; an
 *	  error they raise about a row the acting role may not read tells it
 *	  that a conflicting row exists, never the row's values
 *	  (xdjy_hidden_conflict).  A write outside the acting role's regions is
 *	  refused with YB005 before any rule looks at it
 *	  (xdjy_check_write_access), so that no rule's error speaks about data
 *	  of a region the role does not work on.
 *
 *-------------------------------------------------------------------------
 */
#ifndef XDJY_ROW_ACCESS_H
#define XDJY_ROW_ACCESS_H

#include "postgres.h"

#include "access/htup.h"
#include "nodes/nodes.h"
#include "utils/relcache.h"

/*
 * The role a rule trigger acts for.  The triggers are SECURITY DEFINER, so
 * the current user inside them is the owner; the role the session acts as
 * (SET ROLE, or the session user) is the outer user id, which a SECURITY
 * DEFINER function does not change.
 */
extern Oid	xdjy_acting_role(void);

/*
 * true if role may read the row of xdjy.<table> whose <column> equals key
 * (of type keytype), under the table's privileges and row-level security,
 * in a fresh snapshot.  A row the role cannot see, or that does not exist,
 * is false.
 */
extern bool xdjy_role_sees(Oid role, const char *table, const char *column,
						   Datum key, Oid keytype);

/* the same for the acting role, keys as int8 or text */
extern bool xdjy_sees_id(const char *table, int64 id);
extern bool xdjy_sees_text(const char *table, const char *column,
						   const char *key);

/*
 * Raise sqlstate for a conflict with a row the acting role may not read:
 * own_en/own_zh describe the caller's own row (values the caller gave),
 * what_en/what_zh name the kind of the other row ("stay", "filing").  The
 * detail and hint name no value of the other row.
 */
extern void xdjy_hidden_conflict(int sqlstate, const char *own_en,
								 const char *own_zh, const char *what_en,
								 const char *what_zh) pg_attribute_noreturn();

/*
 * Refuse with YB005 a row that user's INSERT or UPDATE policies on rel
 * would reject, before the executor's own check would with a bare 42501.
 * place lists the columns that place the row in a region (named in the
 * error with their values).  A user to whom no row-level security applies
 * passes at no cost.
 */
extern void xdjy_check_write_access(Oid user, Relation rel, HeapTuple row,
									CmdType cmd, int nplace, char **place);

#endif							/* XDJY_ROW_ACCESS_H */
