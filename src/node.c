/*-------------------------------------------------------------------------
 *
 * src/node.c
 *	  Nodes of three-party reconciliation (三方对账, 鲁医保发〔2022〕26号
 *	  第四条(一)) on their own servers, joined by PostgreSQL's logical
 *	  replication (schema/18_nodes.sql):
 *
 *	  set_node(role, region_code) records this database's node and
 *	  re-bases every identity sequence of the extension to
 *	  region_code * 10^12 + n, so ids made at two nodes never collide;
 *	  publish_to_hub() at a province makes the replication slot xdjy_hub
 *	  and the publication xdjy_to_hub of node_tables(); and
 *	  subscribe_province(name, conninfo) at the hub subscribes to it as
 *	  xdjy_from_<name>, or re-enables that subscription after an outage;
 *	  resubscribe_province(name, region_code, conninfo) makes it anew
 *	  when the subscription or the slot was lost; record_national_reports
 *	  (day) at the hub writes the national party's reports.  What the hub
 *	  does with a row it receives is src/node_receive.c.
 *
 *	  The catalog queries and the DDL run through SPI; every name in them
 *	  is schema-qualified, every operator is pg_catalog's, and identifiers
 *	  and literals built into DDL are quoted.  Refusals are YB951-YB957.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "errors.h"
#include "spi_plans.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(xdjy_set_node);
PG_FUNCTION_INFO_V1(xdjy_publish_to_hub);
PG_FUNCTION_INFO_V1(xdjy_subscribe_province);
PG_FUNCTION_INFO_V1(xdjy_record_national_reports);
PG_FUNCTION_INFO_V1(xdjy_resubscribe_province);

/* ids of a node: region_code * XDJY_NODE_SPAN + n, 0 < n < XDJY_NODE_SPAN */
#define XDJY_NODE_SPAN		INT64CONST(1000000000000)

/* the slot and the publication of a province, the hub's subscriptions */
#define XDJY_NODE_SLOT			"xdjy_hub"
#define XDJY_NODE_PUBLICATION	"xdjy_to_hub"
#define XDJY_NODE_SUB_PREFIX	"xdjy_from_"

/* a text argument as a C string, NULL for SQL NULL */
static char *
arg_cstring(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(n));
}

/* run a query or DDL through SPI; anything but the expected result is an internal error */
static void
node_execute(const char *sql, int nargs, Oid *argtypes, Datum *args, int expected)
{
	int			rc;

	if (nargs > 0)
		rc = SPI_execute_with_args(sql, nargs, argtypes, args, NULL, false, 0);
	else
		rc = SPI_execute(sql, false, 0);
	if (rc != expected)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not run a query of xdjy's nodes"),
				 errdetail("SPI_execute returned %s for: %s", SPI_result_code_string(rc), sql),
				 errhint("This is an internal error of xdjy; report the statement that raised it.")));
}

/* this database's node role (xdjy.node), NULL when not set */
static char *
node_role(void)
{
	node_execute("SELECT n.role FROM xdjy.node n", 0, NULL, NULL, SPI_OK_SELECT);
	return SPI_processed == 0 ? NULL : xdjy_res_text(1);
}

/* does the one-column catalog query with the text $1 return a row */
static bool
node_exists(const char *sql, const char *value)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];

	args[0] = CStringGetTextDatum(value);
	node_execute(sql, 1, argtypes, args, SPI_OK_SELECT);
	return SPI_processed > 0;
}

/* ^[1-9][0-9]{5}$ */
static bool
region_code_valid(const char *s)
{
	int			i;

	if (s == NULL || strlen(s) != 6 || s[0] < '1' || s[0] > '9')
		return false;
	for (i = 1; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* ^[a-z0-9_]{1,40}$ */
static bool
province_name_valid(const char *s)
{
	size_t		len;
	size_t		i;

	if (s == NULL)
		return false;
	len = strlen(s);
	if (len < 1 || len > 40)
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* YB955 unless this node is the hub (SPI connected) */
static void
node_require_hub(void)
{
	char	   *role = node_role();

	if (role == NULL || strcmp(role, "hub") != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NODE_NOT_HUB),
				 errdetail("This node: %s.", role == NULL ? xdjy_tr(XDJY_N_("not set")) : xdjy_clip(role)),
				 errhint("SELECT xdjy.set_node('hub', region_code) first.")));
}

/* YB956 for a province name that cannot name a subscription, YB957 without conninfo */
static void
node_check_province(const char *name, const char *conninfo)
{
	if (!province_name_valid(name))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NODE_NAME_INVALID),
				 errdetail("The province name given is %s.",
						   name == NULL ? "NULL" : quote_literal_cstr(xdjy_clip(name))),
				 errhint("Give 1 to 40 lower-case letters, digits and _, such as 'shandong'.")));
	if (conninfo == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NODE_CONNINFO_MISSING),
				 errdetail("No connection string was given for province \"%s\".", name),
				 errhint("Give the libpq connection string of the province node's database, such as 'host=... port=5432 dbname=...'.")));
}

/* YB952 unless a 6-digit region code */
static void
node_check_region(const char *region)
{
	if (!region_code_valid(region))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NODE_REGION_INVALID),
				 errdetail("The node region code given is %s.",
						   region == NULL ? "NULL" : quote_literal_cstr(xdjy_clip(region))),
				 errhint("Give the node's 6-digit administrative division code, not starting with 0, such as '370000'.")));
}

/*
 * set_node(role text, region_code text) returns text: records this
 * database's node (xdjy.node) and re-bases every identity sequence of the
 * extension (xdjy.node_sequence) to region_code * 10^12 + n, starting
 * after the highest id already there; YB953 when a table holds ids (other
 * than its builtin rows, the same at every node) outside that range.
 */
Datum
xdjy_set_node(PG_FUNCTION_ARGS)
{
	char	   *role = arg_cstring(fcinfo, 0);
	char	   *region = arg_cstring(fcinfo, 1);
	int64		base;
	int			n = 0;
	uint64		nseq;
	uint64		i;
	char	  **tables;
	char	  **columns;
	char	  **sequences;
	bool	   *builtin;
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Datum		args[2];
	char	   *result;
	char	   *old_region = NULL;
	bool		hub;

	if (role == NULL || (strcmp(role, "province") != 0 && strcmp(role, "hub") != 0))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NODE_ROLE_INVALID),
				 errdetail("The node role given is %s.",
						   role == NULL ? "NULL" : quote_literal_cstr(xdjy_clip(role))),
				 errhint("Give 'province' for a province platform or 'hub' for the national hub.")));
	node_check_region(region);
	base = (int64) strtol(region, NULL, 10) * XDJY_NODE_SPAN;

	hub = strcmp(role, "hub") == 0;
	xdjy_spi_connect();

	/* the region this node had, if set: its ids are its own, not received */
	node_execute("SELECT n.region_code FROM xdjy.node n", 0, NULL, NULL, SPI_OK_SELECT);
	if (SPI_processed > 0)
		old_region = xdjy_res_text(1);

	/* the sequences first: the DDL below runs while they are walked */
	node_execute("SELECT s.table_name::pg_catalog.text, s.column_name::pg_catalog.text,"
				 " s.sequence_name::pg_catalog.text,"
				 " EXISTS (SELECT FROM pg_catalog.pg_attribute a"
				 "   WHERE a.attrelid OPERATOR(pg_catalog.=) s.table_name"
				 "     AND a.attname OPERATOR(pg_catalog.=) 'builtin' AND NOT a.attisdropped)"
				 " FROM xdjy.node_sequence s ORDER BY s.table_name",
				 0, NULL, NULL, SPI_OK_SELECT);
	nseq = SPI_processed;
	tables = palloc0(sizeof(char *) * (nseq + 1));
	columns = palloc0(sizeof(char *) * (nseq + 1));
	sequences = palloc0(sizeof(char *) * (nseq + 1));
	builtin = palloc0(sizeof(bool) * (nseq + 1));
	for (i = 0; i < nseq; i++)
	{
		tables[i] = xdjy_spi_text(i, 1, CurrentMemoryContext);
		columns[i] = xdjy_spi_text(i, 2, CurrentMemoryContext);
		sequences[i] = xdjy_spi_text(i, 3, CurrentMemoryContext);
		builtin[i] = xdjy_spi_bool(i, 4, false);
	}

	for (i = 0; i < nseq; i++)
	{
		bool		low_null;
		bool		own_null;
		int64		low;
		int64		top;
		int64		own;
		const char *col = quote_identifier(columns[i]);
		char	   *received;

		/*
		 * builtin rows are the extension's own, the same at every node; an
		 * id at the top of the range leaves no next one (the sequence would
		 * restart beyond its MAXVALUE), so it is refused as outside too.  At
		 * the hub, the tables it receives (node_tables()) hold the ids of
		 * other nodes' ranges, received from them: those are not its own,
		 * unless of the region this node had (re-basing a node to another
		 * region after it made rows is refused)
		 */
		received = hub
			? psprintf(" OR ((%s OPERATOR(pg_catalog./) " INT64_FORMAT ") OPERATOR(pg_catalog.>=) 100000"
					   " AND (%s OPERATOR(pg_catalog./) " INT64_FORMAT ") OPERATOR(pg_catalog.<=) 999999"
					   " AND (%s OPERATOR(pg_catalog./) " INT64_FORMAT ") OPERATOR(pg_catalog.<>) %s"
					   " AND (%s OPERATOR(pg_catalog./) " INT64_FORMAT ") OPERATOR(pg_catalog.<>) %s"
					   " AND %s OPERATOR(pg_catalog.=) ANY (xdjy.node_tables()))",
					   col, XDJY_NODE_SPAN, col, XDJY_NODE_SPAN, col, XDJY_NODE_SPAN, region,
					   col, XDJY_NODE_SPAN, old_region ? old_region : region,
					   quote_literal_cstr(tables[i]))
			: "";
		node_execute(psprintf("SELECT pg_catalog.min(x.id), pg_catalog.max(x.id),"
							  " pg_catalog.max(x.id) FILTER (WHERE x.own) FROM"
							  " (SELECT %s::pg_catalog.int8 AS id,"
							  "   %s OPERATOR(pg_catalog.>) " INT64_FORMAT " AND %s OPERATOR(pg_catalog.<) " INT64_FORMAT " AS own,"
							  "   false%s AS received"
							  "   FROM %s%s) x WHERE NOT x.received OR x.own",
							  col, col, base, col, base + XDJY_NODE_SPAN - 1, received, tables[i],
							  builtin[i] ? " WHERE NOT builtin" : ""),
					 0, NULL, NULL, SPI_OK_SELECT);
		(void) xdjy_res(1, &low_null);
		low = xdjy_spi_int64(0, 1, 0);
		top = xdjy_spi_int64(0, 2, 0);
		(void) xdjy_res(3, &own_null);
		own = xdjy_spi_int64(0, 3, 0);
		if (!low_null && (low <= base || top >= base + XDJY_NODE_SPAN - 1))
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_NODE_IDS_OUTSIDE_RANGE),
					 errdetail("%s.%s holds ids " INT64_FORMAT " to " INT64_FORMAT "; the range of region %s is " INT64_FORMAT " to " INT64_FORMAT ".",
							   xdjy_clip(tables[i]), xdjy_clip(columns[i]), low, top, region,
							   base + 1, base + XDJY_NODE_SPAN - 1),
					 errhint("Set the node before the first row is made.")));
		node_execute(psprintf("ALTER SEQUENCE %s MINVALUE " INT64_FORMAT " MAXVALUE " INT64_FORMAT
							  " START " INT64_FORMAT " RESTART " INT64_FORMAT,
							  sequences[i], base + 1, base + XDJY_NODE_SPAN - 1, base + 1,
							  own_null ? base + 1 : own + 1),
					 0, NULL, NULL, SPI_OK_UTILITY);
		n++;
	}

	args[0] = CStringGetTextDatum(role);
	args[1] = CStringGetTextDatum(region);
	node_execute("INSERT INTO xdjy.node (role, region_code) VALUES ($1, $2)"
				 " ON CONFLICT (singleton) DO UPDATE SET role = excluded.role,"
				 " region_code = excluded.region_code, set_at = pg_catalog.now()",
				 2, argtypes, args, SPI_OK_INSERT);

	xdjy_spi_finish();
	result = psprintf("%s %s: %d sequences from " INT64_FORMAT, role, region, n, base + 1);
	PG_RETURN_TEXT_P(cstring_to_text(result));
}

/*
 * publish_to_hub() returns text: at a province node, the replication slot
 * xdjy_hub (made first: a slot cannot be made after a write) and the
 * publication xdjy_to_hub of node_tables(), insert, update and delete
 * (never truncate); each made only if missing.  Its name.
 */
Datum
xdjy_publish_to_hub(PG_FUNCTION_ARGS)
{
	char	   *role;

	xdjy_spi_connect();
	role = node_role();
	if (role == NULL || strcmp(role, "province") != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_NODE_NOT_PROVINCE),
				 errdetail("This node: %s.", role == NULL ? xdjy_tr(XDJY_N_("not set")) : xdjy_clip(role)),
				 errhint("SELECT xdjy.set_node('province', region_code) first.")));

	if (!node_exists("SELECT FROM pg_catalog.pg_replication_slots r"
					 " WHERE r.slot_name OPERATOR(pg_catalog.=) $1::pg_catalog.name", XDJY_NODE_SLOT))
		node_execute("SELECT pg_catalog.pg_create_logical_replication_slot("
					 "'" XDJY_NODE_SLOT "', 'pgoutput')", 0, NULL, NULL, SPI_OK_SELECT);
	if (!node_exists("SELECT FROM pg_catalog.pg_publication p"
					 " WHERE p.pubname OPERATOR(pg_catalog.=) $1::pg_catalog.name", XDJY_NODE_PUBLICATION))
	{
		char	   *tables;

		node_execute("SELECT pg_catalog.array_to_string(xdjy.node_tables(), ', ')",
					 0, NULL, NULL, SPI_OK_SELECT);
		tables = xdjy_res_text(1);
		node_execute(psprintf("CREATE PUBLICATION %s FOR TABLE %s WITH (publish = %s)",
							  quote_identifier(XDJY_NODE_PUBLICATION), tables,
							  quote_literal_cstr("insert, update, delete")),
					 0, NULL, NULL, SPI_OK_UTILITY);
	}
	xdjy_spi_finish();
	PG_RETURN_TEXT_P(cstring_to_text(XDJY_NODE_PUBLICATION));
}

/*
 * subscribe_province(name text, conninfo text) returns text: at the hub,
 * the subscription xdjy_from_<name> to the province's xdjy_to_hub through
 * its slot xdjy_hub (create_slot = false, so no transaction block is
 * needed); when it exists, its connection is set and it is re-enabled,
 * and the slot resumes where the hub confirmed.  Its name.
 */
Datum
xdjy_subscribe_province(PG_FUNCTION_ARGS)
{
	char	   *name = arg_cstring(fcinfo, 0);
	char	   *conninfo = arg_cstring(fcinfo, 1);
	char	   *sub;

	xdjy_spi_connect();
	node_require_hub();
	node_check_province(name, conninfo);

	sub = psprintf(XDJY_NODE_SUB_PREFIX "%s", name);
	if (node_exists("SELECT FROM pg_catalog.pg_subscription s"
					" WHERE s.subname OPERATOR(pg_catalog.=) $1::pg_catalog.name", sub))
	{
		node_execute(psprintf("ALTER SUBSCRIPTION %s CONNECTION %s",
							  quote_identifier(sub), quote_literal_cstr(conninfo)),
					 0, NULL, NULL, SPI_OK_UTILITY);
		node_execute(psprintf("ALTER SUBSCRIPTION %s ENABLE", quote_identifier(sub)),
					 0, NULL, NULL, SPI_OK_UTILITY);
	}
	else
		node_execute(psprintf("CREATE SUBSCRIPTION %s CONNECTION %s PUBLICATION %s"
							  " WITH (create_slot = false, slot_name = %s)",
							  quote_identifier(sub), quote_literal_cstr(conninfo),
							  quote_identifier(XDJY_NODE_PUBLICATION),
							  quote_literal_cstr(XDJY_NODE_SLOT)),
					 0, NULL, NULL, SPI_OK_UTILITY);
	xdjy_spi_finish();
	PG_RETURN_TEXT_P(cstring_to_text(sub));
}

/*
 * record_national_reports(day date) returns bigint: at the hub, the
 * national party's report (the national record) of each remote direct
 * settlement received and settled on day that has no national report yet,
 * with the settlement's amounts as received; how many.  Calling it again
 * for the day adds only those received since.
 */
Datum
xdjy_record_national_reports(PG_FUNCTION_ARGS)
{
	Oid			argtypes[1] = {DATEOID};
	Datum		args[1];
	uint64		n;

	args[0] = PG_GETARG_DATUM(0);
	xdjy_spi_connect();
	node_require_hub();
	node_execute("INSERT INTO xdjy.party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)"
				 " SELECT 'national', s.id, $1, s.total_fen, s.fund_fen, s.personal_fen"
				 " FROM xdjy.remote_direct_settlement s"
				 " WHERE s.settled_on OPERATOR(pg_catalog.=) $1"
				 "   AND NOT EXISTS (SELECT FROM xdjy.party_report r"
				 "     WHERE r.settlement_id OPERATOR(pg_catalog.=) s.id"
				 "       AND r.party OPERATOR(pg_catalog.=) 'national')",
				 1, argtypes, args, SPI_OK_INSERT);
	n = SPI_processed;
	xdjy_spi_finish();
	PG_RETURN_INT64((int64) n);
}

/*
 * resubscribe_province(name text, region_code text, conninfo text) returns
 * text: at the hub, after an outage that lost the subscription or the
 * province's slot (publish_to_hub() at the province remakes a lost slot):
 * drops xdjy_from_<name> keeping the slot, removes from the hub every row
 * of node_tables() with an id of region_code's range (the province's own:
 * ids never collide), and subscribes again copying the province's tables
 * whole; the rows keyed otherwise (region, institution, person) that the
 * hub holds are skipped by node_receive_trigger as they arrive again.  No
 * duplicate, and no gap: the copy is the province's state, and the slot's
 * changes after it follow.  The removal runs with session_replication_role
 * replica, as apply does: the hub re-runs no rule on the province's rows.
 */
Datum
xdjy_resubscribe_province(PG_FUNCTION_ARGS)
{
	char	   *name = arg_cstring(fcinfo, 0);
	char	   *region = arg_cstring(fcinfo, 1);
	char	   *conninfo = arg_cstring(fcinfo, 2);
	char	   *sub;
	char	   *role_before;
	int64		base;
	uint64		ntables;
	uint64		i;
	char	  **tables;

	xdjy_spi_connect();
	node_require_hub();
	node_check_province(name, conninfo);
	node_check_region(region);
	base = (int64) strtol(region, NULL, 10) * XDJY_NODE_SPAN;

	sub = psprintf(XDJY_NODE_SUB_PREFIX "%s", name);
	if (node_exists("SELECT FROM pg_catalog.pg_subscription s"
					" WHERE s.subname OPERATOR(pg_catalog.=) $1::pg_catalog.name", sub))
	{
		/* detached from the slot first, so the drop leaves it at the province */
		node_execute(psprintf("ALTER SUBSCRIPTION %s DISABLE", quote_identifier(sub)),
					 0, NULL, NULL, SPI_OK_UTILITY);
		node_execute(psprintf("ALTER SUBSCRIPTION %s SET (slot_name = NONE)", quote_identifier(sub)),
					 0, NULL, NULL, SPI_OK_UTILITY);
		node_execute(psprintf("DROP SUBSCRIPTION %s", quote_identifier(sub)),
					 0, NULL, NULL, SPI_OK_UTILITY);
	}

	/* the tables received that carry a bigint id (person's id is text) */
	node_execute("SELECT t.name FROM pg_catalog.unnest(xdjy.node_tables()) t(name)"
				 " WHERE EXISTS (SELECT FROM pg_catalog.pg_attribute a"
				 "   WHERE a.attrelid OPERATOR(pg_catalog.=) t.name::pg_catalog.regclass"
				 "     AND a.attname OPERATOR(pg_catalog.=) 'id' AND NOT a.attisdropped"
				 "     AND a.atttypid OPERATOR(pg_catalog.=) 'pg_catalog.int8'::pg_catalog.regtype)",
				 0, NULL, NULL, SPI_OK_SELECT);
	ntables = SPI_processed;
	tables = palloc0(sizeof(char *) * (ntables + 1));
	for (i = 0; i < ntables; i++)
		tables[i] = xdjy_spi_text(i, 1, CurrentMemoryContext);

	node_execute("SELECT pg_catalog.current_setting('session_replication_role')",
				 0, NULL, NULL, SPI_OK_SELECT);
	role_before = xdjy_res_text(1);
	node_execute("SELECT pg_catalog.set_config('session_replication_role', 'replica', true)",
				 0, NULL, NULL, SPI_OK_SELECT);
	for (i = 0; i < ntables; i++)
		node_execute(psprintf("DELETE FROM %s WHERE id OPERATOR(pg_catalog.>) " INT64_FORMAT
							  " AND id OPERATOR(pg_catalog.<) " INT64_FORMAT,
							  tables[i], base, base + XDJY_NODE_SPAN),
					 0, NULL, NULL, SPI_OK_DELETE);
	{
		Oid			argtypes[1] = {TEXTOID};
		Datum		args[1];

		args[0] = CStringGetTextDatum(role_before);
		node_execute("SELECT pg_catalog.set_config('session_replication_role', $1, true)",
					 1, argtypes, args, SPI_OK_SELECT);
	}

	node_execute(psprintf("CREATE SUBSCRIPTION %s CONNECTION %s PUBLICATION %s"
						  " WITH (create_slot = false, slot_name = %s, copy_data = true)",
						  quote_identifier(sub), quote_literal_cstr(conninfo),
						  quote_identifier(XDJY_NODE_PUBLICATION),
						  quote_literal_cstr(XDJY_NODE_SLOT)),
				 0, NULL, NULL, SPI_OK_UTILITY);
	xdjy_spi_finish();
	PG_RETURN_TEXT_P(cstring_to_text(sub));
}
