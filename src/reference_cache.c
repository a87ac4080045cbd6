/*-------------------------------------------------------------------------
 *
 * src/reference_cache.c
 *	  The per-backend copies of the small tables the rules read on every
 *	  row, in two parts kept the same way:
 *	  - reference data: xdjy.region (the pooling region of an institution),
 *	    xdjy.policy, xdjy.ratio_adjustment (吉医保发〔2019〕34号
 *	    附件第2–5条), xdjy.home_benefit_kept (吉医保发〔2019〕34号 附件第8条) and xdjy.filing_exemption
 *	    (鲁医保发〔2021〕46号 第二条(三));
 *	  - the holiday calendar: xdjy.holiday.
 *	  A query per settlement for each of them cost more than the rest of
 *	  the engine together (test/bench/RESULTS.md); they are small and
 *	  change rarely, so each backend reads a part once and keeps it until
 *	  it changes.
 *
 *	  Who reads.  A part is read as the owner of each table, with row-level
 *	  security not forced on it, as PostgreSQL's foreign-key checks read
 *	  the referenced table (ri_triggers.c): the copy is then the same
 *	  whatever role, SET ROLE or SECURITY DEFINER function asked first, and
 *	  it may be shared by all of them.  Rules run as the extension's owner
 *	  anyway; a SQL function that answers its caller from the copy checks
 *	  first that the caller may read the table (xdjy_cache_check_caller),
 *	  so the cache tells nobody what a query would not.  The calendar is
 *	  public: every role may count working days.
 *
 *	  Which rows.  A copy is read with the snapshot of the statement that
 *	  needs it (the transaction snapshot under REPEATABLE READ), so it shows
 *	  what a query of the tables would show there, and is used again for a
 *	  later snapshot only if that one shows the same rows:
 *	  - a change of a table sends a relcache invalidation: DDL does, and
 *	    the statement triggers cache_changed_trigger (install script) do
 *	    after every INSERT, UPDATE, DELETE or TRUNCATE.  Other backends
 *	    receive it when the change commits, this one at its next command
 *	    (and again if the transaction or a savepoint rolls back).  The
 *	    relcache callback drops the copy; every look-up first takes in the
 *	    invalidations that have arrived;
 *	  - an invalidation taken in before the read may come from a
 *	    transaction the read's snapshot does not show yet (it committed
 *	    after the statement or the REPEATABLE READ transaction began).
 *	    When an invalidation is taken in, the next transaction id is noted:
 *	    the change came from a transaction below it.  A copy read with a
 *	    snapshot whose xmin is at or above that id shows every change taken
 *	    in, and serves every snapshot that is at least as new (a cursor's
 *	    older snapshot is compared again).  Any other copy serves only
 *	    snapshots that see exactly the same transactions as its own; for
 *	    the next, the part is read again.
 *	  So a REPEATABLE READ transaction sees the calendar and the reference
 *	  data of its snapshot to the end, as its own queries of the tables do,
 *	  and the next transaction sees the commits made meanwhile.  The one gap
 *	  is PostgreSQL's: a transaction's commit is visible a moment before its
 *	  invalidation is queued, and a statement starting in that moment uses
 *	  the old copy.  A statement that changes a table and, in the same
 *	  statement, runs a rule over the change (a data-modifying WITH) sees
 *	  the copy from before the statement: the invalidation is sent at its
 *	  end.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/transam.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "errors.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "owner.h"
#include "region.h"
#include "reference_cache.h"
#include "spi_plans.h"
#include "trigger_util.h"

PG_FUNCTION_INFO_V1(cache_changed_trigger);

/* ------------------------------------------------------------------------
 * The parts and their tables
 * ------------------------------------------------------------------------
 */

typedef enum RcPartId
{
	RC_REFERENCE = 0,
	RC_CALENDAR,
	RC_NPARTS
} RcPartId;

typedef enum RcTableId
{
	RC_REGION = 0,
	RC_POLICY,
	RC_RATIO_ADJUSTMENT,
	RC_HOME_BENEFIT_KEPT,
	RC_FILING_EXEMPTION,
	RC_FEE_LINES_REQUIRED,
	RC_HOLIDAY,
	RC_NTABLES
} RcTableId;

static const struct
{
	const char *name;
	RcPartId	part;
	bool		since_1_1;		/* absent from a 1.0 schema not yet updated */
}			rc_tables[RC_NTABLES] = {
	[RC_REGION] = {"region", RC_REFERENCE},
	[RC_POLICY] = {"policy", RC_REFERENCE},
	[RC_RATIO_ADJUSTMENT] = {"ratio_adjustment", RC_REFERENCE},
	[RC_HOME_BENEFIT_KEPT] = {"home_benefit_kept", RC_REFERENCE},
	[RC_FILING_EXEMPTION] = {"filing_exemption", RC_REFERENCE},
	[RC_FEE_LINES_REQUIRED] = {"fee_lines_required", RC_REFERENCE, true},
	[RC_HOLIDAY] = {"holiday", RC_CALENDAR},
};

/* OIDs as of the last read; InvalidOid before it */
static Oid	rc_relids[RC_NTABLES];

/* what a snapshot sees of other transactions: the fields visibility reads */
typedef struct RcSnapshotImage
{
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
	int32		subxcnt;
	bool		suboverflowed;
	bool		takenDuringRecovery;
	TransactionId *xip;
	TransactionId *subxip;
} RcSnapshotImage;

typedef struct RcPart
{
	const char *name;
	void		(*read) (MemoryContext cxt);
	MemoryContext cxt;			/* the copy; reset before each read */
	bool		loaded;			/* a copy is there */
	bool		valid;			/* no invalidation of its tables since */

	/*
	 * Invalidations taken in so far came from transactions below
	 * changes_below (a full transaction id; 0: none yet).  "pending": one
	 * came in after it was last set.
	 */
	uint64		changes_below;
	bool		pending;

	/* the copy: changes_below when read, and which snapshots it serves */
	uint64		copy_below;
	bool		copy_any;		/* every snapshot at least as new */
	RcSnapshotImage copy_snapshot;	/* else only one seeing what it saw */

	/* the last snapshot xmin checked against copy_below, and the answer */
	bool		checked;
	TransactionId checked_xmin;
	bool		checked_fits;
} RcPart;

static void rc_read_reference(MemoryContext cxt);
static void rc_read_calendar(MemoryContext cxt);

static RcPart rc_parts[RC_NPARTS] = {
	[RC_REFERENCE] = {.name = "xdjy reference cache", .read = rc_read_reference},
	[RC_CALENDAR] = {.name = "xdjy holiday calendar", .read = rc_read_calendar},
};

/* ------------------------------------------------------------------------
 * Invalidation
 * ------------------------------------------------------------------------
 */

/*
 * Only note here: no catalog access in a callback.  Before a part's tables
 * are found (the first read in a backend), any relation may be one of
 * them.
 */
static void
rc_relcache_callback(Datum arg pg_attribute_unused(), Oid relid)
{
	for (int t = 0; t < RC_NTABLES; t++)
	{
		RcPart	   *p = &rc_parts[rc_tables[t].part];

		if (relid == InvalidOid || relid == rc_relids[t] || !OidIsValid(rc_relids[t]))
		{
			p->valid = false;
			p->pending = true;
		}
	}
}

void
xdjy_reference_cache_init(void)
{
	CacheRegisterRelcacheCallback(rc_relcache_callback, (Datum) 0);
}

/*
 * The full transaction id of a snapshot's xmin: a live snapshot's xmin is
 * less than 2^31 transactions behind the next one.
 */
static uint64
rc_full_xid(TransactionId xid)
{
	FullTransactionId next = ReadNextFullTransactionId();
	uint32		behind = XidFromFullTransactionId(next) - xid;

	return U64FromFullTransactionId(next) - behind;
}

/* do two snapshots see the same transactions as committed? */
static bool
rc_same_snapshot(const RcSnapshotImage *a, Snapshot b)
{
	bool		b_subxip = b->subxcnt > 0 && b->subxip != NULL;

	if (a->xmin != b->xmin || a->xmax != b->xmax || a->xcnt != b->xcnt ||
		a->subxcnt != b->subxcnt || a->suboverflowed != b->suboverflowed ||
		a->takenDuringRecovery != b->takenDuringRecovery ||
		(a->subxip != NULL) != b_subxip)
		return false;
	if (a->xcnt > 0 && memcmp(a->xip, b->xip, a->xcnt * sizeof(TransactionId)) != 0)
		return false;
	if (a->subxip != NULL &&
		memcmp(a->subxip, b->subxip, a->subxcnt * sizeof(TransactionId)) != 0)
		return false;
	return true;
}

/* the image of s, in the part's memory */
static void
rc_keep_snapshot(RcPart *p, Snapshot s)
{
	RcSnapshotImage *img = &p->copy_snapshot;

	img->xmin = s->xmin;
	img->xmax = s->xmax;
	img->xcnt = s->xcnt;
	img->subxcnt = s->subxcnt;
	img->suboverflowed = s->suboverflowed;
	img->takenDuringRecovery = s->takenDuringRecovery;
	img->xip = NULL;
	img->subxip = NULL;
	if (s->xcnt > 0)
	{
		img->xip = MemoryContextAlloc(p->cxt, s->xcnt * sizeof(TransactionId));
		memcpy(img->xip, s->xip, s->xcnt * sizeof(TransactionId));
	}
	/* a copied snapshot drops an overflowed subxip but keeps subxcnt */
	if (s->subxcnt > 0 && s->subxip != NULL)
	{
		img->subxip = MemoryContextAlloc(p->cxt, s->subxcnt * sizeof(TransactionId));
		memcpy(img->subxip, s->subxip, s->subxcnt * sizeof(TransactionId));
	}
}

/* may the copy answer a query running with snapshot s? */
static bool
rc_copy_fits(RcPart *p, Snapshot s)
{
	if (!p->loaded || !p->valid)
		return false;
	if (!p->copy_any)
		return rc_same_snapshot(&p->copy_snapshot, s);
	if (p->copy_below == 0)
		return true;
	/* a snapshot older than the copy's (a cursor's) may not show a change */
	if (!p->checked || p->checked_xmin != s->xmin)
	{
		p->checked_fits = p->copy_below <= rc_full_xid(s->xmin);
		p->checked_xmin = s->xmin;
		p->checked = true;
	}
	return p->checked_fits;
}

/* ------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------
 */

/*
 * The tables of a part, by name in the extension's fixed schema.  A table
 * found under another OID than at the last read was dropped and created
 * again: its rows are a change like any other.
 */
static void
rc_find_tables(RcPart *p, RcPartId part)
{
	/* relocatable = false (xdjy.control): the schema is always xdjy */
	Oid			nsp = get_namespace_oid("xdjy", true);

	for (int t = 0; t < RC_NTABLES; t++)
	{
		Oid			relid;

		if (rc_tables[t].part != part)
			continue;
		relid = OidIsValid(nsp) ? get_relname_relid(rc_tables[t].name, nsp) : InvalidOid;
		if (!OidIsValid(relid) && OidIsValid(nsp) && rc_tables[t].since_1_1)
		{
			/* the library serves a 1.0 schema until ALTER EXTENSION UPDATE */
			rc_relids[t] = InvalidOid;
			continue;
		}
		if (!OidIsValid(relid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("table xdjy.%s does not exist", rc_tables[t].name),
					 errhint("Install the extension with CREATE EXTENSION xdjy.")));
		if (OidIsValid(rc_relids[t]) && rc_relids[t] != relid)
			p->pending = true;
		rc_relids[t] = relid;
	}
}

/*
 * Run a query of one table as the table's owner, row-level security not
 * forced (as ri_triggers.c queries a referenced table); read-only, so in
 * the active snapshot.  Returns SPI_processed.
 */
static uint64
rc_query(RcTableId table, const char *sql)
{
	XdjyUserContext saved;
	volatile int rc;

	xdjy_become_owner(rc_relids[table], &saved);
	PG_TRY();
	{
		rc = SPI_execute(sql, true, 0);
	}
	PG_FINALLY();
	{
		xdjy_restore_user(&saved);
	}
	PG_END_TRY();
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "xdjy: reading xdjy.%s into the cache failed: %s",
			 rc_tables[table].name, SPI_result_code_string(rc));
	return SPI_processed;
}

/*
 * The part, read with the active snapshot unless the copy there already
 * fits it.
 */
static RcPart *
rc_ensure(RcPartId part)
{
	RcPart	   *p = &rc_parts[part];
	bool		pushed = false;
	Snapshot	s;

	/* a change committed by another backend must be seen by this call */
	AcceptInvalidationMessages();

	/* a C function always runs in a query; keep working if it does not */
	if (!ActiveSnapshotSet())
	{
		PushActiveSnapshot(GetTransactionSnapshot());
		pushed = true;
	}
	s = GetActiveSnapshot();
	if (!rc_copy_fits(p, s))
	{
		if (p->cxt == NULL)
		{
			p->cxt = AllocSetContextCreate(CacheMemoryContext, "xdjy cache",
										   ALLOCSET_DEFAULT_SIZES);
			MemoryContextSetIdentifier(p->cxt, p->name);
		}
		MemoryContextReset(p->cxt);
		p->loaded = false;
		p->checked = false;

		/* an invalidation from here on leaves this copy for this call only */
		p->valid = true;
		rc_find_tables(p, part);
		if (p->pending)
		{
			p->changes_below = U64FromFullTransactionId(ReadNextFullTransactionId());
			p->pending = false;
		}
		p->copy_below = p->changes_below;
		p->copy_any = p->changes_below == 0 ||
			p->changes_below <= rc_full_xid(s->xmin);
		if (!p->copy_any)
			rc_keep_snapshot(p, s);

		xdjy_spi_connect();
		p->read(p->cxt);
		xdjy_spi_finish();
		p->loaded = true;
	}
	if (pushed)
		PopActiveSnapshot();
	return p;
}

/* ------------------------------------------------------------------------
 * Reading the reference data
 * ------------------------------------------------------------------------
 */

typedef struct RcRegion
{
	char		code[NAMEDATALEN];	/* hash key */
	char	   *parent;
	bool		is_pooling;
} RcRegion;

struct XdjyRegionTable
{
	HTAB	   *rows;
};

typedef struct RcPolicyRow
{
	int16		tier;
	bool		any_tier;		/* tier IS NULL */
	XdjyDateSpan valid;
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
	XdjyDateSpan valid;
	XdjyAdjustment a;
} RcAdjustment;

typedef struct RcProvinceSpan
{
	char	   *province;
	XdjyDateSpan valid;
} RcProvinceSpan;

static XdjyRegionTable rc_regions;
static HTAB *rc_policy_keys = NULL;
static RcPolicyRow *rc_policies = NULL;
static RcAdjustment *rc_adjustments = NULL;
static int	rc_nadjustments = 0;
static RcProvinceSpan *rc_home_kept = NULL;
static int	rc_nhome_kept = 0;
static RcProvinceSpan *rc_exempt = NULL;
static int	rc_nexempt = 0;
static RcProvinceSpan *rc_lines_required = NULL;	/* .province: a region code */
static int	rc_nlines_required = 0;

static XdjyHoliday *rc_holidays = NULL;
static int	rc_nholidays = 0;

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

static int32
rc_int32(HeapTuple t, TupleDesc d, int col)
{
	bool		isnull;
	Datum		v = SPI_getbinval(t, d, col, &isnull);

	return isnull ? 0 : DatumGetInt32(v);
}

/* columns col, col+1: lower(valid), upper(valid); NULL is unbounded */
static XdjyDateSpan
rc_span(HeapTuple t, TupleDesc d, int col)
{
	XdjyDateSpan s;
	bool		isnull;
	Datum		v;

	v = SPI_getbinval(t, d, col, &isnull);
	s.lower_inf = isnull;
	s.lower = isnull ? 0 : DatumGetDateADT(v);
	v = SPI_getbinval(t, d, col + 1, &isnull);
	s.upper_inf = isnull;
	s.upper = isnull ? 0 : DatumGetDateADT(v);
	return s;
}

/* a hash table of string keys in the part's memory, for about n entries */
static HTAB *
rc_hash(MemoryContext cxt, const char *name, Size keysize, Size entrysize, uint64 n)
{
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = keysize;
	ctl.entrysize = entrysize;
	ctl.hcxt = cxt;
	return hash_create(name, (long) Max(n, 16), &ctl,
					   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
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
rc_read_spans(MemoryContext cxt, RcTableId table, const char *sql, int *count)
{
	uint64		n = rc_query(table, sql);
	SPITupleTable *tt = SPI_tuptable;
	MemoryContext old = MemoryContextSwitchTo(cxt);
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
rc_read_reference(MemoryContext cxt)
{
	MemoryContext old;
	uint64		n;
	SPITupleTable *tt;

	rc_regions.rows = NULL;
	rc_policy_keys = NULL;

	/* regions */
	n = rc_query(RC_REGION, "SELECT r.code, r.parent_code, r.is_pooling FROM xdjy.region r");
	tt = SPI_tuptable;
	rc_regions.rows = rc_hash(cxt, "xdjy regions", NAMEDATALEN, sizeof(RcRegion), n);
	old = MemoryContextSwitchTo(cxt);
	for (uint64 i = 0; i < n; i++)
	{
		char	   *code = rc_text(tt->vals[i], tt->tupdesc, 1);
		RcRegion   *r;

		/* region_code_form: 6 or 9 digits, never a longer key */
		if (code == NULL || strlen(code) >= NAMEDATALEN)
			continue;
		r = (RcRegion *) hash_search(rc_regions.rows, code, HASH_ENTER, NULL);
		r->parent = rc_text(tt->vals[i], tt->tupdesc, 2);
		r->is_pooling = rc_bool(tt->vals[i], tt->tupdesc, 3);
	}
	MemoryContextSwitchTo(old);

	/* policies, grouped by key */
	n = rc_query(RC_POLICY,
				 "SELECT p.insured_region, p.scheme, p.category, p.visit_type, p.tier,"
				 " pg_catalog.lower(p.valid), pg_catalog.upper(p.valid),"
				 " p.id, p.deductible_fen, p.ratio_bp, p.first_selfpay_bp, p.annual_cap_fen, p.quota_group"
				 " FROM xdjy.policy p"
				 " ORDER BY p.insured_region, p.scheme, p.category, p.visit_type, p.id");
	tt = SPI_tuptable;
	rc_policy_keys = rc_hash(cxt, "xdjy policy keys", RC_POLICY_KEYLEN, sizeof(RcPolicyKey), n);
	old = MemoryContextSwitchTo(cxt);
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
			row->p.ratio_bp = rc_int32(t, d, 10);
			row->p.first_selfpay_bp = rc_int32(t, d, 11);
			row->p.annual_cap_fen = rc_int64(t, d, 12);
			row->p.quota_group = rc_text(t, d, 13);
		}
	}
	MemoryContextSwitchTo(old);

	/* ratio rules, in the order the engine applies them: 'set' first */
	n = rc_query(RC_RATIO_ADJUSTMENT,
				 "SELECT a.province, a.category, a.scheme, a.visit_type, a.own_reason_only,"
				 " pg_catalog.lower(a.valid), pg_catalog.upper(a.valid),"
				 " a.id, a.kind OPERATOR(pg_catalog.=) 'set', a.points_bp"
				 " FROM xdjy.ratio_adjustment a"
				 " ORDER BY a.kind OPERATOR(pg_catalog.=) 'delta', a.id");
	tt = SPI_tuptable;
	old = MemoryContextSwitchTo(cxt);
	rc_adjustments = palloc0(sizeof(RcAdjustment) * Max(n, 1));
	rc_nadjustments = (int) n;
	for (uint64 i = 0; i < n; i++)
	{
		HeapTuple	t = tt->vals[i];
		TupleDesc	d = tt->tupdesc;
		RcAdjustment *a = &rc_adjustments[i];

		a->province = rc_text(t, d, 1);
		a->category = rc_text(t, d, 2);
		a->scheme = rc_text(t, d, 3);
		a->visit_type = rc_text(t, d, 4);
		a->own_reason_only = rc_bool(t, d, 5);
		a->valid = rc_span(t, d, 6);
		a->a.id = rc_int64(t, d, 8);
		a->a.set = rc_bool(t, d, 9);
		a->a.points_bp = rc_int32(t, d, 10);
	}
	MemoryContextSwitchTo(old);

	/* the per-province dated settings */
	rc_home_kept = rc_read_spans(cxt, RC_HOME_BENEFIT_KEPT,
								 "SELECT h.province, pg_catalog.lower(h.valid), pg_catalog.upper(h.valid)"
								 " FROM xdjy.home_benefit_kept h", &rc_nhome_kept);
	rc_exempt = rc_read_spans(cxt, RC_FILING_EXEMPTION,
							  "SELECT e.province, pg_catalog.lower(e.valid), pg_catalog.upper(e.valid)"
							  " FROM xdjy.filing_exemption e", &rc_nexempt);
	rc_nlines_required = 0;
	if (OidIsValid(rc_relids[RC_FEE_LINES_REQUIRED]))
		rc_lines_required = rc_read_spans(cxt, RC_FEE_LINES_REQUIRED,
										  "SELECT f.region_code, pg_catalog.lower(f.valid), pg_catalog.upper(f.valid)"
										  " FROM xdjy.fee_lines_required f", &rc_nlines_required);
}

/* ------------------------------------------------------------------------
 * Reading the calendar
 * ------------------------------------------------------------------------
 */

static void
rc_read_calendar(MemoryContext cxt)
{
	uint64		n;
	SPITupleTable *tt;

	/* day is the primary key: sorted, distinct, never NULL */
	n = rc_query(RC_HOLIDAY,
				 "SELECT h.day, h.is_workday FROM xdjy.holiday h ORDER BY h.day");
	tt = SPI_tuptable;
	rc_holidays = MemoryContextAlloc(cxt, sizeof(XdjyHoliday) * Max(n, 1));
	rc_nholidays = 0;
	for (uint64 i = 0; i < n; i++)
	{
		bool		isnull;
		Datum		v = SPI_getbinval(tt->vals[i], tt->tupdesc, 1, &isnull);

		if (isnull)
			continue;
		rc_holidays[rc_nholidays].day = DatumGetDateADT(v);
		rc_holidays[rc_nholidays].is_workday = rc_bool(tt->vals[i], tt->tupdesc, 2);
		rc_nholidays++;
	}
}

/* ------------------------------------------------------------------------
 * Look-ups
 * ------------------------------------------------------------------------
 */

void
xdjy_cache_check_caller(const char *table)
{
	Oid			nsp = get_namespace_oid("xdjy", false);
	Oid			relid = get_relname_relid(table, nsp);
	AclResult	aclresult;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table xdjy.%s does not exist", table),
				 errhint("Install the extension with CREATE EXTENSION xdjy.")));
	aclresult = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
	if (aclresult != ACLCHECK_OK)
		aclcheck_error(aclresult, OBJECT_TABLE, table);
}

const XdjyRegionTable *
xdjy_cached_regions(void)
{
	rc_ensure(RC_REFERENCE);
	return &rc_regions;
}

bool
xdjy_region_row(const XdjyRegionTable *regions, const char *code,
				const char **parent, bool *is_pooling)
{
	RcRegion   *r;

	if (strlen(code) >= NAMEDATALEN)
		return false;
	r = (RcRegion *) hash_search(regions->rows, code, HASH_FIND, NULL);
	if (r == NULL)
		return false;
	if (parent)
		*parent = r->parent;
	if (is_pooling)
		*is_pooling = r->is_pooling;
	return true;
}

bool
xdjy_cached_policy(const char *insured_region, const char *scheme,
				   const char *category, const char *visit_type,
				   int16 tier, DateADT d, XdjyPolicy *out)
{
	char		key[RC_POLICY_KEYLEN];
	RcPolicyKey *k;
	const RcPolicyRow *any = NULL;

	rc_ensure(RC_REFERENCE);
	rc_policy_key(key, insured_region, scheme, category, visit_type);
	k = (RcPolicyKey *) hash_search(rc_policy_keys, key, HASH_FIND, NULL);
	if (k == NULL)
		return false;
	for (int i = k->first; i < k->first + k->n; i++)
	{
		const RcPolicyRow *row = &rc_policies[i];

		if (!xdjy_span_holds(&row->valid, d))
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

	rc_ensure(RC_REFERENCE);
	for (int i = 0; i < rc_nadjustments && (out == NULL || n < max); i++)
	{
		const RcAdjustment *a = &rc_adjustments[i];

		if (!xdjy_same_province(a->province, insured_region) ||
			strcmp(a->category, category) != 0 ||
			(a->scheme != NULL && strcmp(a->scheme, scheme) != 0) ||
			(a->visit_type != NULL && strcmp(a->visit_type, visit_type) != 0) ||
			(a->own_reason_only && !own_reason) ||
			!xdjy_span_holds(&a->valid, d))
			continue;
		if (out != NULL)
			out[n] = a->a;
		n++;
	}
	return n;
}

/* the row of a per-province dated setting covering d for the region's province */
static const RcProvinceSpan *
rc_province_row(const RcProvinceSpan *rows, int n, const char *insured_region, DateADT d)
{
	for (int i = 0; i < n; i++)
		if (xdjy_same_province(rows[i].province, insured_region) &&
			xdjy_span_holds(&rows[i].valid, d))
			return &rows[i];
	return NULL;
}

bool
xdjy_cached_home_benefit_kept(const char *insured_region, DateADT d)
{
	rc_ensure(RC_REFERENCE);
	return rc_province_row(rc_home_kept, rc_nhome_kept, insured_region, d) != NULL;
}

/* filing_exemption_no_overlap: at most one row of a province covers d */
bool
xdjy_cached_filing_exemption(const char *insured_region, DateADT d,
							 XdjyDateSpan *valid)
{
	const RcProvinceSpan *row;

	rc_ensure(RC_REFERENCE);
	row = rc_province_row(rc_exempt, rc_nexempt, insured_region, d);
	if (row != NULL && valid != NULL)
		*valid = row->valid;
	return row != NULL;
}

/*
 * fee_lines_required_no_overlap: at most one row of a region covers d; a
 * pooling region's own row and its province's row may both hold, and
 * either requires the lines.
 */
bool
xdjy_cached_fee_lines_required(const char *treatment_region, DateADT d,
							   XdjyDateSpan *valid)
{
	const char *province;

	rc_ensure(RC_REFERENCE);
	if (rc_nlines_required == 0)
		return false;
	province = xdjy_province_code(treatment_region);
	for (int i = 0; i < rc_nlines_required; i++)
	{
		const RcProvinceSpan *row = &rc_lines_required[i];

		if ((strcmp(row->province, treatment_region) == 0 ||
			 strcmp(row->province, province) == 0) &&
			xdjy_span_holds(&row->valid, d))
		{
			*valid = row->valid;
			return true;
		}
	}
	return false;
}

const XdjyHoliday *
xdjy_cached_holidays(int *n)
{
	rc_ensure(RC_CALENDAR);
	*n = rc_nholidays;
	return rc_holidays;
}

/*
 * AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE FOR EACH STATEMENT on every
 * table the cache copies: tell every backend, this one at its next
 * command, that its copy is stale.  Row changes send no relcache
 * invalidation of their own; the relcache callback above listens for the
 * tables' OIDs.
 */
Datum
cache_changed_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_after_statement_trigger(fcinfo, "cache_changed_trigger");

	CacheInvalidateRelcacheByRelid(RelationGetRelid(td->tg_relation));
	return PointerGetDatum(NULL);
}
