/*-------------------------------------------------------------------------
 *
 * src/row_access.c
 *	  What the acting role may read and write (see row_access.h).
 *
 *	  Both questions are put to PostgreSQL itself rather than answered by a
 *	  second copy of the policies: whether a role sees a row is a query run
 *	  as that role under row-level security; whether it may write a new
 *	  row is the conjunction PostgreSQL builds from the table's INSERT or
 *	  UPDATE policies (permissive ones ORed, restrictive ones ANDed, as
 *	  rewrite/rowsecurity.c does), deparsed from the relation's own policy
 *	  descriptor and evaluated on the row, as that role.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "rewrite/rowsecurity.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/ruleutils.h"
#include "utils/syscache.h"

#include "commands/trigger.h"

#include "errors.h"
#include "row_access.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(region_access_trigger);

Oid
xdjy_acting_role(void)
{
	return GetOuterUserId();
}

/*
 * Run as role, with row-level security on and a search path that only
 * pg_catalog and pg_temp make up, as a SECURITY DEFINER function's SET
 * clause would; undone by as_role_end, or by the (sub)transaction's abort.
 */
typedef struct AsRole
{
	Oid			saved_user;
	int			saved_sec;
	int			nest;
} AsRole;

static void
as_role_begin(Oid role, AsRole *s)
{
	GetUserIdAndSecContext(&s->saved_user, &s->saved_sec);
	SetUserIdAndSecContext(role, (s->saved_sec | SECURITY_LOCAL_USERID_CHANGE) &
						   ~SECURITY_NOFORCE_RLS);
	s->nest = NewGUCNestLevel();
	(void) set_config_option("row_security", "on", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET,
							 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
}

static void
as_role_end(AsRole *s)
{
	AtEOXact_GUC(true, s->nest);
	SetUserIdAndSecContext(s->saved_user, s->saved_sec);
}

static Oid
xdjy_relid(const char *table)
{
	return get_relname_relid(table, get_namespace_oid("xdjy", false));
}

bool
xdjy_role_sees(Oid role, const char *table, const char *column, Datum key,
			   Oid keytype)
{
	Oid			relid = xdjy_relid(table);
	AsRole		s;
	char	   *sql;
	int			rc;
	bool		seen;

	if (!OidIsValid(relid) ||
		pg_class_aclcheck(relid, role, ACL_SELECT) != ACLCHECK_OK)
		return false;
	/* superusers, BYPASSRLS roles: whatever exists, they may read */
	if (check_enable_rls(relid, role, true) != RLS_ENABLED)
		return true;

	sql = psprintf("SELECT FROM xdjy.%s WHERE %s OPERATOR(pg_catalog.=) $1 LIMIT 1",
				   quote_identifier(table), quote_identifier(column));
	as_role_begin(role, &s);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* read_only = false: a fresh snapshot, in which the rule found the row */
	rc = SPI_execute_with_args(sql, 1, &keytype, &key, NULL, false, 1);
	seen = rc == SPI_OK_SELECT && SPI_processed > 0;
	SPI_finish();
	as_role_end(&s);
	pfree(sql);
	return seen;
}

bool
xdjy_sees_id(const char *table, int64 id)
{
	return xdjy_role_sees(xdjy_acting_role(), table, "id", Int64GetDatum(id),
						  INT8OID);
}

bool
xdjy_sees_text(const char *table, const char *column, const char *key)
{
	return xdjy_role_sees(xdjy_acting_role(), table, column,
						  CStringGetTextDatum(key), TEXTOID);
}

void
xdjy_hidden_conflict(int sqlstate, const char *own_en, const char *own_zh,
					 const char *what_en, const char *what_zh)
{
	if (xdjy_language == XDJY_LANG_ZH)
		ereport(ERROR,
				(xdjy_errcode(sqlstate),
				 errdetail("%s与一条当前角色无权查看的%s冲突；该%s的内容不予显示。",
						   own_zh, what_zh, what_zh),
				 errhint("请联系该%s所属区划（参保地或就医地）的经办机构处理。", what_zh)));
	ereport(ERROR,
			(xdjy_errcode(sqlstate),
			 errdetail("%s conflicts with a %s the role may not read; its values are not shown.",
					   own_en, what_en),
			 errhint("Ask the agency of the region that holds the %s (the person's insured region or the treatment region) to resolve the conflict.",
					 what_en)));
}

/* ------------------------------------------------------------------------
 * Write access: the table's own policies, evaluated on the new row
 * ------------------------------------------------------------------------
 */

/* one prepared check per table, command and user */
typedef struct AccessPlan
{
	struct AccessPlan *next;
	Oid			relid;
	CmdType		cmd;
	Oid			user;
	bool		stale;
	SPIPlanPtr	plan;
} AccessPlan;

static AccessPlan *access_plans = NULL;
static bool access_callbacks = false;

/*
 * A policy created, altered or dropped invalidates its table's relcache
 * entry; a role granted or revoked changes which policies apply to whom.
 * Plans are only marked here and freed at the next look-up, never while
 * one may be running.
 */
static void
access_relcache_changed(Datum arg pg_attribute_unused(), Oid relid)
{
	for (AccessPlan *p = access_plans; p; p = p->next)
		if (!OidIsValid(relid) || p->relid == relid)
			p->stale = true;
}

static void
access_roles_changed(Datum arg, int cacheid pg_attribute_unused(),
					 uint32 hashvalue pg_attribute_unused())
{
	access_relcache_changed(arg, InvalidOid);
}

/* does the policy apply to user?  (check_role_for_policy, rowsecurity.c) */
static bool
policy_applies(ArrayType *roles, Oid user)
{
	Oid		   *r = (Oid *) ARR_DATA_PTR(roles);
	int			n = ARR_DIMS(roles)[0];

	if (n > 0 && r[0] == ACL_ID_PUBLIC)
		return true;
	for (int i = 0; i < n; i++)
		if (has_privs_of_role(user, r[i]))
			return true;
	return false;
}

/*
 * The SQL of the check: true if the row $1 passes the policies for cmd
 * that apply to user.  Deparsed under as_role_begin's search path, so that
 * every name outside pg_catalog comes out schema-qualified.
 */
static char *
access_sql(Relation rel, CmdType cmd, Oid user)
{
	char		polcmd = cmd == CMD_INSERT ? ACL_INSERT_CHR : ACL_UPDATE_CHR;
	const char *relname = RelationGetRelationName(rel);
	List	   *context = deparse_context_for(relname, RelationGetRelid(rel));
	StringInfoData permissive,
				restrictive,
				sql;
	ListCell   *lc;

	initStringInfo(&permissive);
	initStringInfo(&restrictive);
	if (rel->rd_rsdesc)
		foreach(lc, rel->rd_rsdesc->policies)
		{
			RowSecurityPolicy *p = (RowSecurityPolicy *) lfirst(lc);
			Expr	   *e;
			StringInfo	into;

			if ((p->polcmd != '*' && p->polcmd != polcmd) || !policy_applies(p->roles, user))
				continue;
			/*
			 * WITH CHECK, or USING where a policy has none (rowsecurity.c);
			 * deparsed from a copy, since ruleutils.c takes locks on the
			 * subqueries' relations in place (AcquireRewriteLocks rebuilds a
			 * join's alias list in the current memory context), which the
			 * relcache's own tree must not see.
			 */
			e = p->with_check_qual ? p->with_check_qual : p->qual;
			e = e ? copyObject(e) : NULL;
			into = p->permissive ? &permissive : &restrictive;
			appendStringInfoString(into, into->len ? (p->permissive ? " OR " : " AND ") : "");
			appendStringInfo(into, "(%s)",
							 e ? deparse_expression((Node *) e, context, false, false) : "true");
		}

	/* no permissive policy: nothing may be written (default deny) */
	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT COALESCE(%s, false)",
					 permissive.len ? permissive.data : "false");
	if (restrictive.len)
		appendStringInfo(&sql, " AND COALESCE(%s, false)", restrictive.data);
	appendStringInfo(&sql, " FROM (SELECT ($1).*) AS %s", quote_identifier(relname));
	return sql.data;
}

static SPIPlanPtr
access_plan(Relation rel, CmdType cmd, Oid user)
{
	AccessPlan *p;
	AccessPlan **link;
	Oid			argtype = rel->rd_rel->reltype;
	char	   *sql;
	SPIPlanPtr	plan;

	if (!access_callbacks)
	{
		CacheRegisterRelcacheCallback(access_relcache_changed, (Datum) 0);
		CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, access_roles_changed, (Datum) 0);
		CacheRegisterSyscacheCallback(AUTHOID, access_roles_changed, (Datum) 0);
		access_callbacks = true;
	}
	for (link = &access_plans; (p = *link) != NULL;)
	{
		if (p->stale)
		{
			*link = p->next;
			xdjy_free_plan(p->plan);
			pfree(p);
			continue;
		}
		if (p->relid == RelationGetRelid(rel) && p->cmd == cmd && p->user == user)
			return p->plan;
		link = &p->next;
	}

	sql = access_sql(rel, cmd, user);
	plan = SPI_prepare(sql, 1, &argtype);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for the write check of \"%s\": %s",
			 RelationGetRelationName(rel), SPI_result_code_string(SPI_result));
	plan = xdjy_keep_plan(plan);
	pfree(sql);
	p = MemoryContextAllocZero(TopMemoryContext, sizeof(AccessPlan));
	p->relid = RelationGetRelid(rel);
	p->cmd = cmd;
	p->user = user;
	p->plan = plan;
	p->next = access_plans;
	access_plans = p;
	return plan;
}

/* the regions granted to the current user, for the error */
static char *
granted_regions(void)
{
	char	   *list = NULL;
	bool		isnull;

	if (SPI_execute("SELECT pg_catalog.string_agg(DISTINCT o.region_code, ', ' ORDER BY o.region_code)"
					" FROM xdjy.operator_region o JOIN pg_catalog.pg_roles a ON a.rolname OPERATOR(pg_catalog.=) o.role"
					" WHERE pg_catalog.pg_has_role(a.oid, 'MEMBER')", true, 1) == SPI_OK_SELECT &&
		SPI_processed == 1)
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
			list = TextDatumGetCString(d);
	}
	return list;
}

/* "person_id \"weihai-emp-1\"", the institution's region where it is readable */
static char *
placement(Relation rel, HeapTuple row, int nplace, char **place)
{
	TupleDesc	desc = RelationGetDescr(rel);
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < nplace; i++)
	{
		int			attnum = SPI_fnumber(desc, place[i]);
		char	   *v = attnum > 0 ? SPI_getvalue(row, desc, attnum) : NULL;

		if (buf.len)
			appendStringInfoString(&buf, ", ");
		appendStringInfo(&buf, "%s %s", place[i], v ? quote_literal_cstr(xdjy_clip(v)) : "NULL");
		if (v && strcmp(place[i], "institution_code") == 0)
		{
			Oid			argtype = TEXTOID;
			Datum		arg = CStringGetTextDatum(v);
			bool		isnull;

			if (SPI_execute_with_args("SELECT region_code FROM xdjy.institution WHERE code OPERATOR(pg_catalog.=) $1",
									  1, &argtype, &arg, NULL, true, 1) == SPI_OK_SELECT &&
				SPI_processed == 1)
			{
				Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

				if (!isnull)
					appendStringInfo(&buf, " (region %s)", TextDatumGetCString(d));
			}
		}
	}
	return buf.data;
}

void
xdjy_check_write_access(Oid user, Relation rel, HeapTuple row, CmdType cmd,
						int nplace, char **place)
{
	Oid			relid = RelationGetRelid(rel);
	AsRole		s;
	Datum		arg;
	bool		isnull;
	bool		ok;
	char	   *regions;
	char	   *where;

	Assert(cmd == CMD_INSERT || cmd == CMD_UPDATE);
	if (check_enable_rls(relid, user, true) != RLS_ENABLED)
		return;

	arg = heap_copy_tuple_as_datum(row, RelationGetDescr(rel));
	as_role_begin(user, &s);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_plan(access_plan(rel, cmd, user), &arg, NULL, false, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "write check of \"%s\" returned no row", RelationGetRelationName(rel));
	ok = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	ok = ok && !isnull;
	if (ok)
	{
		SPI_finish();
		as_role_end(&s);
		return;
	}

	regions = granted_regions();
	where = placement(rel, row, nplace, place);
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_OUTSIDE_REGIONS),
			 xdjy_language == XDJY_LANG_ZH ?
			 errdetail("角色 \"%s\" 获授权的区划为 %s（含其下级）；这一行 xdjy.%s（%s）不在其中。",
					   GetUserNameFromId(user, false), regions ? regions : "（无）",
					   RelationGetRelationName(rel), where) :
			 errdetail("Role \"%s\" is granted regions %s (and those under them); this xdjy.%s row (%s) is outside them.",
					   GetUserNameFromId(user, false), regions ? regions : "(none)",
					   RelationGetRelationName(rel), where),
			 xdjy_language == XDJY_LANG_ZH ?
			 errhint("只能写入获授权区划的数据；其他区划的授权由管理员（xdjy_admin）在 xdjy.operator_region 中设置，或请该区划的经办机构办理。") :
			 errhint("Write only rows of the regions granted in xdjy.operator_region; an administrator (xdjy_admin) grants another region, or that region's agency writes the row.")));
}

/*
 * BEFORE INSERT OR UPDATE, first of a table's triggers (its name sorts
 * first): the row is within the acting role's regions, or YB005.  The
 * arguments name the columns that place the row.  Runs as the caller (not
 * SECURITY DEFINER): the policies are evaluated for the role PostgreSQL's
 * own check will evaluate them for.
 */
Datum
region_access_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "region_access_trigger", true);
	HeapTuple	row = xdjy_trigger_new_row(td, "region_access_trigger");

	xdjy_check_write_access(GetUserId(), td->tg_relation, row,
							TRIGGER_FIRED_BY_INSERT(td->tg_event) ? CMD_INSERT : CMD_UPDATE,
							td->tg_trigger->tgnargs, td->tg_trigger->tgargs);
	return PointerGetDatum(row);
}
