/*-------------------------------------------------------------------------
 *
 * src/reference_cache.c
 *	  Per-backend copies of the reference tables the settlement engine
 *	  reads on every row: xdjy.region (pooling region of an institution,
 *	  SPEC §1), xdjy.policy (SPEC §3, §6), xdjy.ratio_adjustment (002
 *	  #2–#5), xdjy.home_benefit_kept (002 #8) and xdjy.filing_exemption
 *	  (F10, 000 §二(三)).  A query per settlement for each of them cost more
 *	  than the rest of the engine together (test/bench/RESULTS.md); they are
 *	  small and change rarely, so each backend reads them once and keeps
 *	  them until they change.
 *
 *	  When the copy is dropped and read again:
 *	  - a relcache invalidation of any of the five tables: DDL sends one,
 *	    and the statement triggers reference_cache_changed (xdjy--1.0.sql,
 *	    section performance) send one after every INSERT, UPDATE, DELETE or
 *	    TRUNCATE, so other backends drop their copy at their next command
 *	    and this backend at the next command of its own transaction (and
 *	    again if the transaction or a savepoint rolls back);
 *	  - the end of a transaction that read the copy with a transaction
 *	    snapshot (REPEATABLE READ, SERIALIZABLE): that copy may lack rows
 *	    committed after the snapshot whose invalidation it already consumed;
 *	  - another user reading it (row-level security may show other rows).
 *	  A copy read in READ COMMITTED sees everything committed before the
 *	  invalidations it consumed, so it stays valid across transactions.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "reference_cache.h"
#include "spi_plans.h"
#include "trigger_util.h"

PG_FUNCTION_INFO_V1(cache_changed_trigger);

#define RC_NTABLES 5
static const char *const rc_tables[RC_NTABLES] = {
	"region", "policy", "ratio_adjustment", "home_benefit_kept", "filing_exemption"
};

/* a dated row: valid on [lo, hi) (daterange is canonically '[)') */
typedef struct RcSpan
{
	DateADT		lo;
	DateADT		hi;
} RcSpan;

typedef struct RcRegion
{
	char		code[NAMEDATALEN];	/* hash key */
	char	   *parent;
	bool		is_pooling;
} RcRegion;

typedef struct RcPolicyRow
{
	int16		tier;
	bool		any_tier;		/* tier IS NULL */
	RcSpan		valid;
	XdjyPolicy	p;
} RcPolicyRow;

#define RC_POLICY_KEYLEN 128
typedef struct RcPolicyKey
{
	char		key[RC_POLICY_KEYLEN];	/* insured \x1f scheme \x1f category \x1f visit type */
	int			first;
	int			n;
} RcPolicyKey;

typedef struct RcAdjustment
{
	char	   *province;
	char	   *category;
	char	   *scheme;			/* NULL: both */
	char	   *visit_type;		/* NULL: all */
	bool		own_reason_only;
	RcSpan		valid;
	XdjyAdjustment a;
} RcAdjustment;

typedef struct RcProvinceSpan
{
	char	   *province;
	RcSpan		valid;
} RcProvinceSpan;

static MemoryContext rc_context = NULL;
static bool rc_valid = false;
static bool rc_xact_only = false;	/* read with a transaction snapshot */
static Oid	rc_user = InvalidOid;
static uint64 rc_invalidations = 0;
static Oid	rc_relids[RC_NTABLES];

static HTAB *rc_regions = NULL;
static HTAB *rc_policy_keys = NULL;
static RcPolicyRow *rc_policies = NULL;
static RcAdjustment *rc_adjustments = NULL;
static int	rc_nadjustments = 0;
static RcProvinceSpan *rc_home_kept = NULL;
static int	rc_nhome_kept = 0;
static RcProvinceSpan *rc_exempt = NULL;
static int	rc_nexempt = 0;

/* only forget here: no catalog access in a callback */
static void
rc_relcache_callback(Datum arg pg_attribute_unused(), Oid relid)
{
	if (!rc_valid)
		return;
	if (relid == InvalidOid)
	{
		rc_valid = false;
		rc_invalidations++;
		return;
	}
	for (int i = 0; i < RC_NTABLES; i++)
		if (rc_relids[i] == relid)
		{
			rc_valid = false;
			rc_invalidations++;
			return;
		}
}

static void
rc_xact_callback(XactEvent event, void *arg pg_attribute_unused())
{
	if (rc_xact_only &&
		(event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		 event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		 event == XACT_EVENT_PREPARE))
	{
		rc_valid = false;
		rc_xact_only = false;
	}
}

void
xdjy_reference_cache_init(void)
{
	CacheRegisterRelcacheCallback(rc_relcache_callback, (Datum) 0);
	RegisterXactCallback(rc_xact_callback, NULL);
}

/* ------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------
 */

static char *
rc_text(HeapTuple t, TupleDesc d, int col)
{
	bool		isnull;
	Datum		v = SPI_getbinval(t, d, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(v);
}

static bool
rc_bool(HeapTuple t, TupleDesc d, int col)
{
	bool		isnull;
	Datum		v = SPI_getbinval(t, d, col, &isnull);

	return !isnull && DatumGetBool(v);
}

static int64
rc_int64(HeapTuple t, TupleDesc d, int col)
{
	bool		isnull;
	Datum		v = SPI_getbinval(t, d, col, &isnull);

	return isnull ? 0 : DatumGetInt64(v);
}

/* columns col, col+1: lower(valid), upper(valid); NULL is unbounded */
static RcSpan
rc_span(HeapTuple t, TupleDesc d, int col)
{
	RcSpan		s;
	bool		isnull;
	Datum		v;

	v = SPI_getbinval(t, d, col, &isnull);
	if (isnull)
		DATE_NOBEGIN(s.lo);
	else
		s.lo = DatumGetDateADT(v);
	v = SPI_getbinval(t, d, col + 1, &isnull);
	if (isnull)
		DATE_NOEND(s.hi);
	else
		s.hi = DatumGetDateADT(v);
	return s;
}

static inline bool
rc_span_holds(const RcSpan *s, DateADT d)
{
	return d >= s->lo && (DATE_IS_NOEND(s->hi) || d < s->hi);
}

static uint64
rc_query(const char *sql)
{
	int			rc = SPI_execute(sql, true, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "xdjy: reading the reference cache failed: %s",
			 SPI_result_code_string(rc));
	return SPI_processed;
}

static void
rc_policy_key(char *buf, const char *insured, const char *scheme,
			  const char *category, const char *visit_type)
{
	snprintf(buf, RC_POLICY_KEYLEN, "%s\x1f%s\x1f%s\x1f%s",
			 insured, scheme, category, visit_type);
}

/* (province, lower, upper) rows of a per-province dated setting */
static RcProvinceSpan *
rc_load_spans(const char *sql, int *count)
{
	uint64		n = rc_query(sql);
	SPITupleTable *tt = SPI_tuptable;
	MemoryContext old = MemoryContextSwitchTo(rc_context);
	RcProvinceSpan *spans = palloc0(sizeof(RcProvinceSpan) * Max(n, 1));

	for (uint64 i = 0; i < n; i++)
	{
		spans[i].province = rc_text(tt->vals[i], tt->tupdesc, 1);
		spans[i].valid = rc_span(tt->vals[i], tt->tupdesc, 2);
	}
	MemoryContextSwitchTo(old);
	*count = (int) n;
	return spans;
}

static void
rc_load(void)
{
	Oid			nsp = get_namespace_oid("xdjy", false);
	uint64		start_invalidations;
	MemoryContext old;
	HASHCTL		ctl;
	uint64		n;
	SPITupleTable *tt;

	if (rc_context == NULL)
		rc_context = AllocSetContextCreate(CacheMemoryContext, "xdjy reference cache",
										   ALLOCSET_DEFAULT_SIZES);
	MemoryContextReset(rc_context);
	rc_regions = NULL;
	rc_policy_keys = NULL;
	rc_valid = false;

	/* an invalidation arriving while we read makes this copy stale */
	AcceptInvalidationMessages();
	start_invalidations = rc_invalidations;
	for (int i = 0; i < RC_NTABLES; i++)
		rc_relids[i] = get_relname_relid(rc_tables[i], nsp);

	xdjy_spi_connect();

	/* regions */
	n = rc_query("SELECT r.code, r.parent_code, r.is_pooling FROM xdjy.region r");
	tt = SPI_tuptable;
	old = MemoryContextSwitchTo(rc_context);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = NAMEDATALEN;
	ctl.entrysize = sizeof(RcRegion);
	ctl.hcxt = rc_context;
	rc_regions = hash_create("xdjy regions", Max(n, 16), &ctl,
							 HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	for (uint64 i = 0; i < n; i++)
	{
		char	   *code = rc_text(tt->vals[i], tt->tupdesc, 1);
		RcRegion   *r;

		if (code == NULL || strlen(code) >= NAMEDATALEN)
			continue;
		r = (RcRegion *) hash_search(rc_regions, code, HASH_ENTER, NULL);
		r->parent = rc_text(tt->vals[i], tt->tupdesc, 2);
		r->is_pooling = rc_bool(tt->vals[i], tt->tupdesc, 3);
	}
	MemoryContextSwitchTo(old);

	/* policies, grouped by key */
	n = rc_query("SELECT p.insured_region, p.scheme, p.category, p.visit_type, p.tier,"
				 " pg_catalog.lower(p.valid), pg_catalog.upper(p.valid),"
				 " p.id, p.deductible_fen, p.ratio_bp, p.first_selfpay_bp, p.annual_cap_fen, p.quota_group"
				 " FROM xdjy.policy p"
				 " ORDER BY p.insured_region, p.scheme, p.category, p.visit_type, p.id");
	tt = SPI_tuptable;
	old = MemoryContextSwitchTo(rc_context);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = RC_POLICY_KEYLEN;
	ctl.entrysize = sizeof(RcPolicyKey);
	ctl.hcxt = rc_context;
	rc_policy_keys = hash_create("xdjy policy keys", Max(n, 16), &ctl,
								 HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	rc_policies = palloc0(sizeof(RcPolicyRow) * Max(n, 1));
	{
		RcPolicyKey *cur = NULL;

		for (uint64 i = 0; i < n; i++)
		{
			HeapTuple	t = tt->vals[i];
			TupleDesc	d = tt->tupdesc;
			char		key[RC_POLICY_KEYLEN];
			RcPolicyRow *row = &rc_policies[i];
			bool		isnull;
			Datum		v;

			rc_policy_key(key, rc_text(t, d, 1), rc_text(t, d, 2), rc_text(t, d, 3),
						  rc_text(t, d, 4));
			if (cur == NULL || strcmp(cur->key, key) != 0)
			{
				bool		found;

				cur = (RcPolicyKey *) hash_search(rc_policy_keys, key, HASH_ENTER, &found);
				cur->first = (int) i;
				cur->n = 0;
			}
			cur->n++;
			v = SPI_getbinval(t, d, 5, &isnull);
			row->any_tier = isnull;
			row->tier = isnull ? 0 : DatumGetInt16(v);
			row->valid = rc_span(t, d, 6);
			row->p.id = rc_int64(t, d, 8);
			row->p.deductible_fen = rc_int64(t, d, 9);
			row->p.ratio_bp = DatumGetInt32(SPI_getbinval(t, d, 10, &isnull));
			row->p.first_selfpay_bp = DatumGetInt32(SPI_getbinval(t, d, 11, &isnull));
			row->p.annual_cap_fen = rc_int64(t, d, 12);
			row->p.quota_group = rc_text(t, d, 13);
		}
	}
	MemoryContextSwitchTo(old);

	/* ratio rules, in the order the engine applies them: 'set' first */
	n = rc_query("SELECT a.province, a.category, a.scheme, a.visit_type, a.own_reason_only,"
				 " pg_catalog.lower(a.valid), pg_catalog.upper(a.valid),"
				 " a.id, a.kind OPERATOR(pg_catalog.=) 'set', a.points_bp"
				 " FROM xdjy.ratio_adjustment a"
				 " ORDER BY a.kind OPERATOR(pg_catalog.=) 'delta', a.id");
	tt = SPI_tuptable;
	old = MemoryContextSwitchTo(rc_context);
	rc_adjustments = palloc0(sizeof(RcAdjustment) * Max(n, 1));
	rc_nadjustments = (int) n;
	for (uint64 i = 0; i < n; i++)
	{
		HeapTuple	t = tt->vals[i];
		TupleDesc	d = tt->tupdesc;
		RcAdjustment *a = &rc_adjustments[i];
		bool		isnull;

		a->province = rc_text(t, d, 1);
		a->category = rc_text(t, d, 2);
		a->scheme = rc_text(t, d, 3);
		a->visit_type = rc_text(t, d, 4);
		a->own_reason_only = rc_bool(t, d, 5);
		a->valid = rc_span(t, d, 6);
		a->a.id = rc_int64(t, d, 8);
		a->a.set = rc_bool(t, d, 9);
		a->a.points_bp = DatumGetInt32(SPI_getbinval(t, d, 10, &isnull));
	}
	MemoryContextSwitchTo(old);

	/* the per-province dated settings */
	rc_home_kept = rc_load_spans("SELECT h.province, pg_catalog.lower(h.valid), pg_catalog.upper(h.valid)"
								 " FROM xdjy.home_benefit_kept h", &rc_nhome_kept);
	rc_exempt = rc_load_spans("SELECT e.province, pg_catalog.lower(e.valid), pg_catalog.upper(e.valid)"
							  " FROM xdjy.filing_exemption e", &rc_nexempt);

	xdjy_spi_finish();

	rc_user = GetUserId();
	rc_xact_only = IsolationUsesXactSnapshot();
	rc_valid = (rc_invalidations == start_invalidations);
}

static void
rc_ensure(void)
{
	if (!rc_valid || rc_user != GetUserId())
		rc_load();
}

/* ------------------------------------------------------------------------
 * Look-ups
 * ------------------------------------------------------------------------
 */

const char *
xdjy_cached_pooling_region(const char *region_code)
{
	const char *code = region_code;

	rc_ensure();
	/* as xdjy.pooling_region(): up at most 8 levels */
	for (int depth = 0; depth <= 8 && code != NULL; depth++)
	{
		RcRegion   *r;

		if (strlen(code) >= NAMEDATALEN)
			return NULL;
		r = (RcRegion *) hash_search(rc_regions, code, HASH_FIND, NULL);
		if (r == NULL)
			return NULL;
		if (r->is_pooling)
			return r->code;
		code = r->parent;
	}
	return NULL;
}

bool
xdjy_cached_policy(const char *insured_region, const char *scheme,
				   const char *category, const char *visit_type,
				   int16 tier, DateADT d, XdjyPolicy *out)
{
	char		key[RC_POLICY_KEYLEN];
	RcPolicyKey *k;
	const RcPolicyRow *any = NULL;

	rc_ensure();
	rc_policy_key(key, insured_region, scheme, category, visit_type);
	k = (RcPolicyKey *) hash_search(rc_policy_keys, key, HASH_FIND, NULL);
	if (k == NULL)
		return false;
	for (int i = k->first; i < k->first + k->n; i++)
	{
		const RcPolicyRow *row = &rc_policies[i];

		if (!rc_span_holds(&row->valid, d))
			continue;
		if (!row->any_tier && row->tier == tier)
		{
			*out = row->p;		/* the tier's own row wins */
			return true;
		}
		if (row->any_tier && any == NULL)
			any = row;
	}
	if (any == NULL)
		return false;
	*out = any->p;
	return true;
}

int
xdjy_cached_adjustments(const char *insured_region, const char *category,
						const char *scheme, const char *visit_type,
						bool own_reason, DateADT d,
						XdjyAdjustment *out, int max)
{
	int			n = 0;

	rc_ensure();
	for (int i = 0; i < rc_nadjustments && (out == NULL || n < max); i++)
	{
		const RcAdjustment *a = &rc_adjustments[i];

		if (strncmp(a->province, insured_region, 2) != 0 || a->province[2] != '\0' ||
			strcmp(a->category, category) != 0 ||
			(a->scheme != NULL && strcmp(a->scheme, scheme) != 0) ||
			(a->visit_type != NULL && strcmp(a->visit_type, visit_type) != 0) ||
			(a->own_reason_only && !own_reason) ||
			!rc_span_holds(&a->valid, d))
			continue;
		if (out != NULL)
			out[n] = a->a;
		n++;
	}
	return n;
}

bool
xdjy_cached_home_benefit_kept(const char *insured_region, DateADT d)
{
	rc_ensure();
	for (int i = 0; i < rc_nhome_kept; i++)
		if (strncmp(rc_home_kept[i].province, insured_region, 2) == 0 &&
			rc_home_kept[i].province[2] == '\0' &&
			rc_span_holds(&rc_home_kept[i].valid, d))
			return true;
	return false;
}

bool
xdjy_cached_filing_exempt(const char *insured_region, DateADT d)
{
	rc_ensure();
	for (int i = 0; i < rc_nexempt; i++)
		if (strncmp(rc_exempt[i].province, insured_region, 2) == 0 &&
			strcmp(rc_exempt[i].province + 2, "0000") == 0 &&
			rc_span_holds(&rc_exempt[i].valid, d))
			return true;
	return false;
}

/*
 * AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE FOR EACH STATEMENT on every
 * table a per-backend cache copies (the five reference tables here, the
 * holiday calendar in calendar.c): tell every backend, this one at its next
 * command, that its copy is stale.  Row changes send no relcache
 * invalidation of their own; each cache's relcache callback listens for
 * its tables.
 */
Datum
cache_changed_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_after_statement_trigger(fcinfo, "cache_changed_trigger");

	CacheInvalidateRelcacheByRelid(RelationGetRelid(td->tg_relation));
	return PointerGetDatum(NULL);
}
