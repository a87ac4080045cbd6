/*-------------------------------------------------------------------------
 *
 * src/policy_frozen.c
 *	  Policy rows that have priced a settlement are frozen.  Policy is
 *	  dated data: the row valid on the service date prices a settlement,
 *	  and the settlement names the row (policy_id, adjustment_ids).  Once a
 *	  row of xdjy.policy, xdjy.ratio_adjustment or xdjy.first_selfpay_ceiling
 *	  has applied to a settlement, an UPDATE may only close its validity
 *	  (lower the upper bound of "valid", to a date after the last service
 *	  date it applied to); anything else is refused (YB505), and so is a
 *	  close on or before that date (YB506).  A new standard is a new dated
 *	  row.  A row that would overlap another of its key is refused before
 *	  the exclusion constraint does, with the row it overlaps (YB507); the
 *	  constraint stays the last word under concurrent writes.
 *
 *	  Which settlements a row applied to: a policy row, those naming it; a
 *	  ratio rule, those listing it in adjustment_ids; a first self-pay
 *	  ceiling, those priced by a temporary-outside policy of its province
 *	  and visit type (the rows the ceiling caps, src/policy_trigger.c) with
 *	  a service date in its validity.
 *
 *	  Concurrency: the settlement engine takes the policy row and the ratio
 *	  rules it prices from FOR SHARE, and its province's ceiling lock
 *	  shared (src/settlement_trigger.c).  An UPDATE or DELETE of a policy
 *	  row or a ratio rule locks the row before this trigger runs, and this
 *	  trigger takes the ceiling lock exclusive; so a settlement in progress
 *	  is waited for, and the settlements are then read with the latest
 *	  committed rows (also under REPEATABLE READ), as the owner: the
 *	  functions are SECURITY DEFINER and the table's row-level security
 *	  does not apply to its owner.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/date.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "dates.h"
#include "errors.h"
#include "policy_lock.h"
#include "restore.h"
#include "spi_plans.h"
#include "trigger_util.h"

PG_FUNCTION_INFO_V1(policy_frozen_trigger);

typedef enum FrozenTable
{
	FT_POLICY,
	FT_RATIO_ADJUSTMENT,
	FT_CEILING
} FrozenTable;

/* settlements a row applied to: count and last service date */
static XdjyPlan used_policy = XDJY_PLAN(
	"settlements of policy",
	"SELECT pg_catalog.count(*), pg_catalog.max(s.service_on)"
	" FROM xdjy.settlement s"
	" WHERE s.policy_id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

static XdjyPlan used_adjustment = XDJY_PLAN(
	"settlements of ratio adjustment",
	"SELECT pg_catalog.count(*), pg_catalog.max(s.service_on)"
	" FROM xdjy.settlement s"
	" WHERE $1 OPERATOR(pg_catalog.=) ANY (s.adjustment_ids)",
	1, INT8OID);

static XdjyPlan used_ceiling = XDJY_PLAN(
	"settlements under ceiling",
	"SELECT pg_catalog.count(*), pg_catalog.max(s.service_on)"
	" FROM xdjy.settlement s"
	" JOIN xdjy.policy p ON p.id OPERATOR(pg_catalog.=) s.policy_id"
	" WHERE p.category OPERATOR(pg_catalog.=) 'temporary'"
	"   AND pg_catalog.left(p.insured_region, 2) OPERATOR(pg_catalog.=) $1"
	"   AND p.visit_type OPERATOR(pg_catalog.=) $2"
	"   AND $3 OPERATOR(pg_catalog.@>) s.service_on",
	3, TEXTOID, TEXTOID, DATERANGEOID);

/*
 * Another row of the key on a shared date (the exclusion constraints of
 * schema/08_policy.sql); $last: the old version of an updated row, which
 * is not another row.
 */
static XdjyPlan overlap_policy = XDJY_PLAN(
	"overlapping policy",
	"SELECT p.id, p.valid FROM xdjy.policy p"
	" WHERE p.insured_region OPERATOR(pg_catalog.=) $1"
	"   AND p.scheme OPERATOR(pg_catalog.=) $2"
	"   AND p.category OPERATOR(pg_catalog.=) $3"
	"   AND p.visit_type OPERATOR(pg_catalog.=) $4"
	"   AND COALESCE(p.tier, (-1)::pg_catalog.int2) OPERATOR(pg_catalog.=) $5"
	"   AND p.valid OPERATOR(pg_catalog.&&) $6"
	"   AND ($7 IS NULL OR p.ctid OPERATOR(pg_catalog.<>) $7)"
	" ORDER BY pg_catalog.lower(p.valid) NULLS FIRST, p.id LIMIT 1",
	7, TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT2OID, DATERANGEOID, TIDOID);

static XdjyPlan overlap_ceiling = XDJY_PLAN(
	"overlapping ceiling",
	"SELECT c.id, c.valid FROM xdjy.first_selfpay_ceiling c"
	" WHERE c.province OPERATOR(pg_catalog.=) $1"
	"   AND c.visit_type OPERATOR(pg_catalog.=) $2"
	"   AND c.valid OPERATOR(pg_catalog.&&) $3"
	"   AND ($4 IS NULL OR c.ctid OPERATOR(pg_catalog.<>) $4)"
	" ORDER BY pg_catalog.lower(c.valid) NULLS FIRST, c.id LIMIT 1",
	4, TEXTOID, TEXTOID, DATERANGEOID, TIDOID);

static XdjyPlan overlap_adjustment = XDJY_PLAN(
	"overlapping replacing ratio",
	"SELECT a.id, a.valid FROM xdjy.ratio_adjustment a"
	" WHERE a.kind OPERATOR(pg_catalog.=) 'set'"
	"   AND a.province OPERATOR(pg_catalog.=) $1"
	"   AND a.category OPERATOR(pg_catalog.=) $2"
	"   AND a.valid OPERATOR(pg_catalog.&&) $3"
	"   AND ($4 IS NULL OR a.ctid OPERATOR(pg_catalog.<>) $4)"
	" ORDER BY pg_catalog.lower(a.valid) NULLS FIRST, a.id LIMIT 1",
	4, TEXTOID, TEXTOID, DATERANGEOID, TIDOID);

static FrozenTable
frozen_table(Relation rel)
{
	const char *name = RelationGetRelationName(rel);

	if (strcmp(name, "policy") == 0)
		return FT_POLICY;
	if (strcmp(name, "ratio_adjustment") == 0)
		return FT_RATIO_ADJUSTMENT;
	if (strcmp(name, "first_selfpay_ceiling") == 0)
		return FT_CEILING;
	xdjy_trigger_misuse("policy_frozen_trigger", "was attached to a table it does not know");
	pg_unreachable();
}

static bool
two_digits(const char *s)
{
	return s != NULL && strlen(s) == 2 &&
		isdigit((unsigned char) s[0]) && isdigit((unsigned char) s[1]);
}

/*
 * How many settlements the stored row applied to, and the last service
 * date among them.  False: none, or a row the constraints will reject.
 */
static bool
row_used(FrozenTable t, HeapTuple row, TupleDesc tupdesc,
		 int64 *count, DateADT *last)
{
	bool		isnull;
	Datum		args[3];
	XdjyPlan   *plan;

	if (t == FT_CEILING)
	{
		char	   *province = xdjy_col_text(row, tupdesc, "province");
		char	   *visit_type = xdjy_col_text(row, tupdesc, "visit_type");
		Datum		valid = xdjy_get(row, tupdesc,
									 xdjy_attnum(tupdesc, "valid", DATERANGEOID), &isnull);

		if (!two_digits(province) || visit_type == NULL || isnull)
			return false;
		/* the same lock the ceiling check and the engine take */
		xdjy_lock_province(province, false);
		args[0] = CStringGetTextDatum(province);
		args[1] = CStringGetTextDatum(visit_type);
		args[2] = valid;
		plan = &used_ceiling;
	}
	else
	{
		args[0] = xdjy_get(row, tupdesc, xdjy_attnum(tupdesc, "id", INT8OID), &isnull);
		if (isnull)
			return false;
		plan = t == FT_POLICY ? &used_policy : &used_adjustment;
	}

	if (xdjy_run_latest(plan, args, NULL, 1) != 1)
		elog(ERROR, "xdjy: count of settlements returned no row");
	*count = xdjy_spi_int64(0, 1, 0);
	if (*count == 0)
		return false;
	*last = DatumGetDateADT(xdjy_spi_value(0, 2, &isnull));
	/* a settlement without a service date (never the engine's) */
	return !isnull;
}

/* the columns other than "valid" whose value the UPDATE changes */
static void
changed_columns(HeapTuple oldrow, HeapTuple newrow, TupleDesc tupdesc,
				StringInfo out)
{
	for (int i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);
		bool		oldnull,
					newnull;
		Datum		o,
					n;

		if (att->attisdropped || strcmp(NameStr(att->attname), "valid") == 0)
			continue;
		o = heap_getattr(oldrow, i + 1, tupdesc, &oldnull);
		n = heap_getattr(newrow, i + 1, tupdesc, &newnull);
		if (oldnull == newnull &&
			(oldnull || datum_image_eq(o, n, att->attbyval, att->attlen)))
			continue;
		appendStringInfo(out, "%s%s", out->len > 0 ? ", " : "", NameStr(att->attname));
	}
}

static const char *
table_name(FrozenTable t)
{
	switch (t)
	{
		case FT_POLICY:
			return "policy";
		case FT_RATIO_ADJUSTMENT:
			return "ratio_adjustment";
		case FT_CEILING:
			return "first_selfpay_ceiling";
	}
	pg_unreachable();
}

static int64
row_id(HeapTuple row, TupleDesc tupdesc)
{
	bool		isnull;
	Datum		d = xdjy_get(row, tupdesc, xdjy_attnum(tupdesc, "id", INT8OID), &isnull);

	return isnull ? 0 : DatumGetInt64(d);
}

static void
refuse_change(FrozenTable t, int64 id, const char *what, int64 count, DateADT last)
{
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_POLICY_ROW_USED),
			 errdetail("Row %lld of xdjy.%s has priced " INT64_FORMAT " settlement(s), the last with service date %s; the statement %s.",
					   (long long) id, table_name(t), count, xdjy_iso_date(last), what),
			 errhint("Close the row's validity (only the upper bound of \"valid\", after %s) and insert the new standard as a new dated row.",
					 xdjy_iso_date(last))));
}

/*
 * UPDATE of a row that has priced settlements: only the upper bound of
 * its validity may come down, and not to or below the last service date.
 */
static void
check_frozen_update(FrozenTable t, HeapTuple oldrow, HeapTuple newrow,
					TupleDesc tupdesc, int64 count, DateADT last)
{
	int			attnum = xdjy_attnum(tupdesc, "valid", DATERANGEOID);
	TypeCacheEntry *typcache = lookup_type_cache(DATERANGEOID, TYPECACHE_RANGE_INFO);
	StringInfoData changed;
	bool		oldnull,
				newnull;
	RangeType  *oldr,
			   *newr;
	RangeBound	olo,
				ohi,
				nlo,
				nhi;
	bool		oempty,
				nempty;

	initStringInfo(&changed);
	changed_columns(oldrow, newrow, tupdesc, &changed);

	oldr = DatumGetRangeTypeP(heap_getattr(oldrow, attnum, tupdesc, &oldnull));
	newr = DatumGetRangeTypeP(heap_getattr(newrow, attnum, tupdesc, &newnull));
	if (oldnull || newnull)
		return;					/* NOT NULL rejects it */
	range_deserialize(typcache, oldr, &olo, &ohi, &oempty);
	range_deserialize(typcache, newr, &nlo, &nhi, &nempty);
	if (oempty)
		return;					/* the CHECK kept it from being stored */
	if (!nempty && range_cmp_bounds(typcache, &olo, &nlo) != 0)
		appendStringInfo(&changed, "%slower bound of valid", changed.len > 0 ? ", " : "");
	else if (!nempty && range_cmp_bounds(typcache, &nhi, &ohi) > 0)
		appendStringInfo(&changed, "%supper bound of valid moved later", changed.len > 0 ? ", " : "");

	if (changed.len > 0)
		refuse_change(t, row_id(oldrow, tupdesc),
					  psprintf("changes %s", changed.data), count, last);

	if (nempty || !range_contains_elem_internal(typcache, newr, DateADTGetDatum(last)))
	{
		char	   *earliest = xdjy_iso_date(xdjy_date_add_days(last, 1));

		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_POLICY_CLOSED_TOO_EARLY),
				 errdetail("Row %lld of xdjy.%s, valid %s, has priced " INT64_FORMAT " settlement(s), the last with service date %s; the new validity %s no longer covers it.",
						   (long long) row_id(oldrow, tupdesc), table_name(t),
						   xdjy_iso_daterange(PointerGetDatum(oldr)), count,
						   xdjy_iso_date(last), xdjy_iso_daterange(PointerGetDatum(newr))),
				 errhint("The earliest upper bound allowed is %s (valid '[%s,%s)').",
						 earliest,
						 olo.infinite ? "" : xdjy_iso_date(DatumGetDateADT(olo.val)),
						 earliest)));
	}
}

/* another row of the key on a date the new row covers: YB507 */
static void
check_overlap(FrozenTable t, HeapTuple newrow, TupleDesc tupdesc, HeapTuple oldrow)
{
	bool		isnull;
	Datum		valid = xdjy_get(newrow, tupdesc,
								 xdjy_attnum(tupdesc, "valid", DATERANGEOID), &isnull);
	Datum		args[7];
	char		nulls[7];
	XdjyPlan   *plan;
	int			n;
	char	   *key;

	if (isnull || RangeIsEmpty(DatumGetRangeTypeP(valid)))
		return;					/* the CHECK rejects it */
	memset(nulls, ' ', sizeof(nulls));

	if (t == FT_POLICY)
	{
		const char *cols[4] = {"insured_region", "scheme", "category", "visit_type"};
		char	   *v[4];
		Datum		tier;

		for (int i = 0; i < 4; i++)
		{
			v[i] = xdjy_col_text(newrow, tupdesc, cols[i]);
			if (v[i] == NULL)
				return;			/* NOT NULL rejects it */
			args[i] = CStringGetTextDatum(v[i]);
		}
		tier = xdjy_get(newrow, tupdesc, xdjy_attnum(tupdesc, "tier", INT2OID), &isnull);
		args[4] = isnull ? Int16GetDatum(-1) : tier;
		args[5] = valid;
		n = 6;
		plan = &overlap_policy;
		key = psprintf("insured region %s, scheme \"%s\", category \"%s\", visit type \"%s\", %s",
					   v[0], v[1], v[2], v[3],
					   isnull ? "any tier" : psprintf("tier %d", (int) DatumGetInt16(tier)));
	}
	else
	{
		char	   *province = xdjy_col_text(newrow, tupdesc, "province");
		char	   *other = xdjy_col_text(newrow, tupdesc,
										  t == FT_CEILING ? "visit_type" : "category");

		if (province == NULL || other == NULL)
			return;
		if (t == FT_RATIO_ADJUSTMENT)
		{
			char	   *kind = xdjy_col_text(newrow, tupdesc, "kind");

			/* only replacing ratios exclude each other */
			if (kind == NULL || strcmp(kind, "set") != 0)
				return;
		}
		args[0] = CStringGetTextDatum(province);
		args[1] = CStringGetTextDatum(other);
		args[2] = valid;
		n = 3;
		plan = t == FT_CEILING ? &overlap_ceiling : &overlap_adjustment;
		key = t == FT_CEILING
			? psprintf("province %s, visit type \"%s\"", province, other)
			: psprintf("province %s, category \"%s\", kind \"set\"", province, other);
	}
	if (oldrow != NULL)
		args[n] = PointerGetDatum(&oldrow->t_self);
	else
	{
		args[n] = (Datum) 0;
		nulls[n] = 'n';
	}

	if (xdjy_run(plan, args, nulls, 1) > 0)
	{
		int64		other_id = xdjy_spi_int64(0, 1, 0);
		char	   *other_valid = xdjy_iso_daterange(xdjy_spi_value(0, 2, &isnull));

		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_POLICY_OVERLAP),
				 errdetail("The xdjy.%s row for %s, valid %s, overlaps row %lld, valid %s.",
						   table_name(t), key, xdjy_iso_daterange(valid),
						   (long long) other_id, other_valid),
				 errhint("Close the validity of row %lld first (set the upper bound of its \"valid\"), then insert the new row from that date.",
						 (long long) other_id)));
	}
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE ON xdjy.policy, xdjy.ratio_adjustment
 * and xdjy.first_selfpay_ceiling.
 */
Datum
policy_frozen_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_trigger_guard(fcinfo, "policy_frozen_trigger",
										 XDJY_ON_INSERT | XDJY_ON_UPDATE | XDJY_ON_DELETE);
	FrozenTable t = frozen_table(td->tg_relation);
	TupleDesc	tupdesc = td->tg_relation->rd_att;
	HeapTuple	result = xdjy_trigger_row(td);
	int64		count;
	DateADT		last;

	if (xdjy_restoring())
		return PointerGetDatum(result);

	xdjy_spi_connect();
	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
	{
		if (row_used(t, td->tg_trigtuple, tupdesc, &count, &last))
			refuse_change(t, row_id(td->tg_trigtuple, tupdesc), "deletes it",
						  count, last);
	}
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		if (row_used(t, td->tg_trigtuple, tupdesc, &count, &last))
			check_frozen_update(t, td->tg_trigtuple, td->tg_newtuple, tupdesc,
								count, last);
		check_overlap(t, td->tg_newtuple, tupdesc, td->tg_trigtuple);
	}
	else
		check_overlap(t, td->tg_trigtuple, tupdesc, NULL);
	xdjy_spi_finish();
	return PointerGetDatum(result);
}
