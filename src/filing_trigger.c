/*-------------------------------------------------------------------------
 *
 * src/filing_trigger.c
 *	  The filing rules on xdjy.filing, enforced on every INSERT and
 *	  UPDATE whoever writes the row, plus the filing history.
 *
 *	  Seeds implemented:
 *	  filing by pledge  鲁医保发〔2021〕46号 第二条(一)  no proof required; long-term filing is by pledge (承诺制)
 *	  filing channels  鲁医保发〔2021〕46号 第二条(二), 济宁市医保局 异地就医十项便民措施 第一–二条  channel from a fixed list
 *	  destination region  鲁医保发〔2021〕46号 第三条(四)  destination is a pooling region, not an institution,
 *	                   not the insured region
 *	  one active filing  济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一)  no end date; one active long-term filing,
 *	                   one active temporary filing per destination
 *	  backdating  济宁市医保局 异地就医十项便民措施 第四条(二), 鲁医保发〔2022〕26号 第二条(二)  long-term start at most 5 days before the
 *	                   application; temporary unrestricted
 *	  change window  济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一)  change/cancel 6 months after the start
 *	                   once expenses were incurred at the filed place
 *	  change closes and opens  济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一)  change closes and opens; status only out
 *	                   of active; closed rows are the record, unchangeable
 *	  filing exemption 鲁医保发〔2021〕46号 第二条(三)  intra-province temporary treatment needs no filing
 *	                   (per province, dated: xdjy.filing_exemption)
 *
 *	  Every decision about a person's filings first locks the person row
 *	  (FOR NO KEY UPDATE): two sessions filing for one person at once are
 *	  serialised, and the second sees the first's row and gets the rule's
 *	  own SQLSTATE, not just the unique index's.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/rel.h"

#include "errors.h"
#include "filing_status.h"
#include "label_type.h"
#include "owner.h"
#include "reference.h"
#include "reference_cache.h"
#include "region.h"
#include "residence_category.h"
#include "restore.h"
#include "row_access.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(filing_rules_trigger);
PG_FUNCTION_INFO_V1(filing_replacement_trigger);
PG_FUNCTION_INFO_V1(filing_history_trigger);

/*
 * 济宁市医保局 异地就医十项便民措施 第四条(二), 鲁医保发〔2022〕26号 第二条(二): a late long-term filing may start at most 5 days
 * before the day it is filed.
 */
#define BACKDATE_DAYS		5

/*
 * Not in the policy documents: how far ahead a filing may start.  A filing records a
 * present intention (the long-term pledge is to live there "6 months or
 * more" from now, 鲁医保发〔2021〕46号 第二条(一)); one year ahead covers any planned move or
 * planned treatment of the coming insurance year, and keeps a far-future
 * row from blocking the person's one active long-term filing for years.
 */
#define AHEAD_MONTHS		12

/* 济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一): the change/cancel window */
#define WINDOW_MONTHS		6

/* a filing row, read once */
typedef struct FilingRow
{
	int64		id;
	char	   *person_id;
	char	   *destination;
	int32		category;
	int32		status;
	DateADT		start_date;
	DateADT		applied_on;
	char	   *channel;
	bool		pledge;
	char	   *proof;
	bool		closed_null;
	DateADT		closed_on;
	bool		replaced_null;
	int64		replaced_by;
} FilingRow;

static bool read_filing(HeapTuple t, TupleDesc d, FilingRow *f);
static void check_new_filing(FilingRow *f);
static void check_filing_update(HeapTuple oldt, HeapTuple newt, TupleDesc d,
								FilingRow *o, FilingRow *n);
static void check_closing_shape(FilingRow *f);
static void check_destination(FilingRow *f, const char *insured);
static void check_channel(FilingRow *f);
static void check_start_date(FilingRow *f);
static void check_one_active(FilingRow *f);
static void check_exemption(FilingRow *f, const char *insured);
static void check_change_window(FilingRow *o, FilingRow *n);

static const char *
status_name(int32 code)
{
	return xdjy_label_text(&xdjy_filing_status, code, XDJY_LANG_EN);
}

/* a status as an error shows it: in the language of xdjy.language */
static const char *
status_text(int32 code)
{
	return xdjy_label_text(&xdjy_filing_status, code, (XdjyLanguage) xdjy_language);
}

/*
 * Read the columns the rules need.  False if a NOT NULL column is NULL:
 * the table's own constraint reports that, after this trigger.
 */
static bool
read_filing(HeapTuple t, TupleDesc d, FilingRow *f)
{
	bool		isnull;
	bool		complete = true;
	Datum		v;

	memset(f, 0, sizeof(*f));
	v = xdjy_col(t, d, "id", &isnull);
	complete &= !isnull;
	f->id = isnull ? 0 : DatumGetInt64(v);
	f->person_id = xdjy_col_text(t, d, "person_id");
	f->destination = xdjy_col_text(t, d, "destination_region");
	f->channel = xdjy_col_text(t, d, "channel");
	f->proof = xdjy_col_text(t, d, "proof");
	complete &= f->person_id != NULL && f->destination != NULL && f->channel != NULL;
	v = xdjy_col(t, d, "category", &isnull);
	complete &= !isnull;
	f->category = isnull ? 0 : DatumGetInt32(v);
	v = xdjy_col(t, d, "status", &isnull);
	complete &= !isnull;
	f->status = isnull ? 0 : DatumGetInt32(v);
	v = xdjy_col(t, d, "start_date", &isnull);
	complete &= !isnull;
	f->start_date = isnull ? 0 : DatumGetDateADT(v);
	v = xdjy_col(t, d, "applied_on", &isnull);
	complete &= !isnull;
	f->applied_on = isnull ? 0 : DatumGetDateADT(v);
	v = xdjy_col(t, d, "pledge", &isnull);
	complete &= !isnull;
	f->pledge = isnull ? false : DatumGetBool(v);
	v = xdjy_col(t, d, "closed_on", &isnull);
	f->closed_null = isnull;
	f->closed_on = isnull ? 0 : DatumGetDateADT(v);
	v = xdjy_col(t, d, "replaced_by", &isnull);
	f->replaced_null = isnull;
	f->replaced_by = isnull ? 0 : DatumGetInt64(v);
	return complete;
}

/* ------------------------------------------------------------------------
 * BEFORE INSERT OR UPDATE OR DELETE: the rules
 * ------------------------------------------------------------------------
 */
static Datum
filing_rules_body(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "filing_rules_trigger", true);
	TupleDesc	desc = td->tg_relation->rd_att;
	FilingRow	o,
				n;

	/* a restore brings back rows decided long ago: take them as they were */
	if (xdjy_restoring())
		return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(td->tg_event)
							   ? td->tg_newtuple : td->tg_trigtuple);

	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
	{
		read_filing(td->tg_trigtuple, desc, &o);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_NOT_DELETABLE),
				 errdetail("Filing %lld of person \"%s\" to \"%s\" is %s.",
						   (long long) o.id, xdjy_clip(o.person_id ? o.person_id : ""),
						   xdjy_clip(o.destination ? o.destination : ""), status_text(o.status)),
				 errhint("Close it with cancel_filing() or terminate_filing(); the row stays as the record (济宁市医保局 异地就医十项便民措施 第四条(一)).")));
	}

	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		if (read_filing(td->tg_trigtuple, desc, &n))
		{
			xdjy_spi_connect();
			check_new_filing(&n);
			xdjy_spi_finish();
		}
		return PointerGetDatum(td->tg_trigtuple);
	}

	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		read_filing(td->tg_trigtuple, desc, &o);
		if (read_filing(td->tg_newtuple, desc, &n))
		{
			xdjy_spi_connect();
			check_filing_update(td->tg_trigtuple, td->tg_newtuple, desc, &o, &n);
			xdjy_spi_finish();
		}
		else if (o.status != FS_ACTIVE)
		{
			/* closed rows stay as they are, even when nulled */
			xdjy_spi_connect();
			check_filing_update(td->tg_trigtuple, td->tg_newtuple, desc, &o, &n);
			xdjy_spi_finish();
		}
		return PointerGetDatum(td->tg_newtuple);
	}

	elog(ERROR, "filing_rules_trigger: unexpected event");
	return (Datum) 0;			/* keep compiler quiet */
}

/* as the table's owner, with the search path pg_catalog (owner.c) */
Datum
filing_rules_trigger(PG_FUNCTION_ARGS)
{
	return xdjy_trigger_as_owner(fcinfo, filing_rules_body);
}

static void
check_new_filing(FilingRow *f)
{
	char	   *insured;

	xdjy_lock_person(f->person_id, &insured, NULL);
	xdjy_require_finite(f->start_date, "start_date");
	xdjy_require_finite(f->applied_on, "applied_on");

	/* a filing is born active; the other statuses are reached by moves */
	if (f->status != FS_ACTIVE)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_STATUS_TRANSITION),
				 errdetail("Filing %lld of person \"%s\" is inserted with status %s; a new filing is active.",
						   (long long) f->id, xdjy_clip(f->person_id), status_text(f->status)),
				 errhint("Insert it as active; close it later with change_filing(), cancel_filing() or terminate_filing().")));
	check_closing_shape(f);
	check_channel(f);
	check_destination(f, insured);

	/* 鲁医保发〔2021〕46号 第二条(一): long-term filing is by the residence pledge */
	if (f->category == RC_LONG_TERM_RESIDENT && !f->pledge)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_PLEDGE_MISSING),
				 errdetail("Long-term filing of person \"%s\" to \"%s\" has pledge = false.",
						   xdjy_clip(f->person_id), xdjy_clip(f->destination)),
				 errhint("Set pledge = true: the person pledges to live, work or stay there 6 months or more (承诺备案); no proof material is required.")));

	check_start_date(f);
	check_one_active(f);
	if (f->category == RC_TEMPORARY_OUTSIDE)
		check_exemption(f, insured);
}

/* what status, closed_on and replaced_by must look like together */
static void
check_closing_shape(FilingRow *f)
{
	if (f->status == FS_ACTIVE)
	{
		if (!f->closed_null || !f->replaced_null)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_FILING_CLOSING_INCONSISTENT),
					 errdetail("Filing %lld is active with closed_on %s and replaced_by %s; an active filing has no closing date and no replacement.",
							   (long long) f->id,
							   f->closed_null ? "NULL" : xdjy_iso_date(f->closed_on),
							   f->replaced_null ? "NULL" : psprintf("%lld", (long long) f->replaced_by)),
					 errhint("Leave closed_on and replaced_by NULL; set them only when closing the filing.")));
		return;
	}
	if (f->closed_null)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_CLOSING_INCONSISTENT),
				 errdetail("Filing %lld is set to %s with closed_on NULL; a closed filing needs a closing date.",
						   (long long) f->id, status_text(f->status)),
				 errhint("Set closed_on to the business date of the %s, or use the function %s_filing().",
						 status_text(f->status),
						 f->status == FS_CHANGED ? "change" :
						 f->status == FS_CANCELLED ? "cancel" : "terminate")));
	xdjy_require_finite(f->closed_on, "closed_on");
	if (f->status == FS_CHANGED && f->replaced_null)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_CLOSING_INCONSISTENT),
				 errdetail("Filing %lld is set to changed with replaced_by NULL; a changed filing needs its replacement.", (long long) f->id),
				 errhint("Use change_filing(%lld, new_destination, on_date), which closes this filing and opens the new one.",
						 (long long) f->id)));
	if (f->status != FS_CHANGED && !f->replaced_null)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_CLOSING_INCONSISTENT),
				 errdetail("Filing %lld is set to %s with replaced_by %lld; only a changed filing has a replacement.",
						   (long long) f->id, status_text(f->status), (long long) f->replaced_by),
				 errhint("Leave replaced_by NULL when cancelling or terminating.")));
	if (f->status == FS_CHANGED && f->replaced_by == f->id)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_REPLACEMENT_INVALID),
				 errdetail("Filing %lld names itself in replaced_by; a filing cannot replace itself.", (long long) f->id),
				 errhint("replaced_by is the id of the new filing that starts on closed_on.")));
}

/* 鲁医保发〔2021〕46号 第二条(二), 济宁市医保局 异地就医十项便民措施 第一–二条: one of the listed channels */
static XdjyPlan plan_channel = XDJY_PLAN("plan_channel",
	"SELECT pg_catalog.string_agg(c.code, ', ' ORDER BY c.code),"
	" pg_catalog.bool_or(c.code OPERATOR(pg_catalog.=) $1) FROM xdjy.channel c",
	1, TEXTOID);

static void
check_channel(FilingRow *f)
{
	bool		isnull;
	bool		found;

	xdjy_run(&plan_channel, (Datum[]) {CStringGetTextDatum(f->channel)}, NULL, 1);
	found = DatumGetBool(xdjy_res(2, &isnull));
	if (isnull || !found)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_CHANNEL_UNKNOWN),
				 errdetail("Filing of person \"%s\" names channel \"%s\", which is not in xdjy.channel.",
						   xdjy_clip(f->person_id), xdjy_clip(f->channel)),
				 errhint("Use one of: %s.", xdjy_res_text(1) ? xdjy_res_text(1) : "(none)")));
}

static XdjyPlan plan_institution_region = XDJY_PLAN("plan_institution_region",
	"SELECT i.region_code FROM xdjy.institution i WHERE i.code OPERATOR(pg_catalog.=) $1",
	1, TEXTOID);

/* 鲁医保发〔2021〕46号 第三条(四): a pooling region, not an institution, not home */
static void
check_destination(FilingRow *f, const char *insured)
{
	bool		is_pooling;
	char	   *pooling;

	if (!xdjy_region_exists(f->destination, &is_pooling))
	{
		Datum		v[1];

		v[0] = CStringGetTextDatum(f->destination);
		if (xdjy_run(&plan_institution_region, v, NULL, 1) == 1)
		{
			pooling = xdjy_pooling_region(xdjy_res_text(1));
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_FILING_DESTINATION_NOT_POOLING),
					 errdetail("Filing of person \"%s\" names institution \"%s\" as its destination.",
							   xdjy_clip(f->person_id), xdjy_clip(f->destination)),
					 errhint("A filing names the pooling region, here \"%s\"; every networked institution there may then be used (鲁医保发〔2021〕46号 第三条(四)).",
							 xdjy_clip(pooling ? pooling : "?"))));
		}
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("Filing of person \"%s\" names destination \"%s\", which is not in xdjy.region.",
						   xdjy_clip(f->person_id), xdjy_clip(f->destination)),
				 errhint("Use a pooling region code from xdjy.region, e.g. 370100.")));
	}
	if (!is_pooling)
	{
		pooling = xdjy_pooling_region(f->destination);
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_DESTINATION_NOT_POOLING),
				 errdetail("Filing of person \"%s\" names region \"%s\", which is not a pooling region (统筹区).",
						   xdjy_clip(f->person_id), xdjy_clip(f->destination)),
				 pooling ? errhint("File for the pooling region \"%s\" that \"%s\" belongs to (鲁医保发〔2021〕46号 第三条(四)).",
								   xdjy_clip(pooling), xdjy_clip(f->destination))
				 : errhint("File for a region with is_pooling = true (鲁医保发〔2021〕46号 第三条(四)).")));
	}
	if (strcmp(f->destination, insured) == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_DESTINATION_IS_HOME),
				 errdetail("Person \"%s\" is insured in \"%s\" and the filing names \"%s\".",
						   xdjy_clip(f->person_id), xdjy_clip(insured), xdjy_clip(f->destination)),
				 errhint("A filing is for treatment away from the insured place: name another pooling region than \"%s\".",
						 xdjy_clip(insured))));
}

/* (济宁市医保局 异地就医十项便民措施 第四条(二), 鲁医保发〔2022〕26号 第二条(二)) and the one-year horizon */
static void
check_start_date(FilingRow *f)
{
	DateADT		latest = xdjy_date_plus(f->applied_on, AHEAD_MONTHS, 0);

	if (f->category == RC_LONG_TERM_RESIDENT)
	{
		DateADT		earliest = xdjy_date_plus(f->applied_on, 0, -BACKDATE_DAYS);

		if (f->start_date < earliest)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_FILING_BACKDATED_TOO_FAR),
					 errdetail("Filing of person \"%s\" to \"%s\" is applied for on %s and starts on %s, %d days earlier.",
							   xdjy_clip(f->person_id), xdjy_clip(f->destination), xdjy_iso_date(f->applied_on),
							   xdjy_iso_date(f->start_date), (int) (f->applied_on - f->start_date)),
					 errhint("The earliest start date is %s: a long-term filing may start at most %d days before it is applied for (济宁市医保局 异地就医十项便民措施 第四条(二)).",
							 xdjy_iso_date(earliest), BACKDATE_DAYS)));
	}
	if (f->start_date > latest)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_START_TOO_LATE),
				 errdetail("Filing of person \"%s\" to \"%s\" is applied for on %s and starts on %s.",
						   xdjy_clip(f->person_id), xdjy_clip(f->destination), xdjy_iso_date(f->applied_on),
						   xdjy_iso_date(f->start_date)),
				 errhint("The latest start date is %s, one year after the application; file again nearer the date.",
						 xdjy_iso_date(latest))));
}

/* (济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一)) */
static XdjyPlan plan_active_long = XDJY_PLAN("plan_active_long",
	"SELECT f.id, f.destination_region, f.start_date FROM xdjy.filing f"
	" WHERE f.person_id OPERATOR(pg_catalog.=) $1"
	" AND f.status OPERATOR(xdjy.=) 'active'::xdjy.filing_status"
	" AND f.category OPERATOR(xdjy.=) 'long_term_resident'::xdjy.residence_category"
	" AND f.id OPERATOR(pg_catalog.<>) $2 LIMIT 1",
	2, TEXTOID, INT8OID);

static XdjyPlan plan_active_temporary = XDJY_PLAN("plan_active_temporary",
	"SELECT f.id, f.destination_region, f.start_date FROM xdjy.filing f"
	" WHERE f.person_id OPERATOR(pg_catalog.=) $1"
	" AND f.destination_region OPERATOR(pg_catalog.=) $3"
	" AND f.status OPERATOR(xdjy.=) 'active'::xdjy.filing_status"
	" AND f.category OPERATOR(xdjy.=) 'temporary_outside'::xdjy.residence_category"
	" AND f.id OPERATOR(pg_catalog.<>) $2 LIMIT 1",
	3, TEXTOID, INT8OID, TEXTOID);

static void
check_one_active(FilingRow *f)
{
	Datum		v[3];
	bool		isnull;
	int64		other;
	char	   *other_dest;
	DateADT		other_start;

	v[0] = CStringGetTextDatum(f->person_id);
	v[1] = Int64GetDatum(f->id);
	v[2] = CStringGetTextDatum(f->destination);
	if (xdjy_run(f->category == RC_LONG_TERM_RESIDENT ? &plan_active_long
				 : &plan_active_temporary, v, NULL, 1) != 1)
		return;
	other = DatumGetInt64(xdjy_res(1, &isnull));
	other_dest = xdjy_res_text(2);
	other_start = DatumGetDateADT(xdjy_res(3, &isnull));
	/* another filing the acting role may not read is not described */
	if (!xdjy_sees_id("filing", other))
		xdjy_hidden_conflict(f->category == RC_LONG_TERM_RESIDENT
							 ? ERRCODE_XDJY_FILING_LONG_TERM_EXISTS
							 : ERRCODE_XDJY_FILING_TEMPORARY_EXISTS,
							 psprintf("The filing of person \"%s\" to \"%s\"",
									  xdjy_clip(f->person_id), xdjy_clip(f->destination)),
							 psprintf("参保人 \"%s\" 到 \"%s\" 的备案",
									  xdjy_clip(f->person_id), xdjy_clip(f->destination)),
							 "active filing", "有效备案");
	if (f->category == RC_LONG_TERM_RESIDENT)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_LONG_TERM_EXISTS),
				 errdetail("Person \"%s\" has active long-term filing %lld to \"%s\" from %s; the new one names \"%s\".",
						   xdjy_clip(f->person_id), (long long) other, xdjy_clip(other_dest), xdjy_iso_date(other_start), xdjy_clip(f->destination)),
				 errhint("At most one long-term filing is active (济宁市医保局 异地就医十项便民措施 第四条(一)): move it with change_filing(%lld, '%s', on_date), or cancel or terminate it first.",
						 (long long) other, xdjy_clip(f->destination))));
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_FILING_TEMPORARY_EXISTS),
			 errdetail("Person \"%s\" has active temporary filing %lld to \"%s\" from %s.",
					   xdjy_clip(f->person_id), (long long) other, xdjy_clip(other_dest), xdjy_iso_date(other_start)),
			 errhint("A temporary filing has no validity period (鲁医保发〔2022〕26号 第二条(一)): filing %lld already covers \"%s\"; temporary filings to other destinations are allowed.",
					 (long long) other, xdjy_clip(f->destination))));
}

/*
 * 鲁医保发〔2021〕46号 第二条(三): where the insured province exempts intra-province
 * temporary treatment from filing, open-ended, from a date on or before
 * the start, a temporary filing would record nothing: refuse it, so users
 * learn they need none.  A bounded exemption, or one that starts later,
 * leaves the filing its use.
 */
static void
check_exemption(FilingRow *f, const char *insured)
{
	XdjyDateSpan valid;

	if (xdjy_scope_of(insured, f->destination) != XDJY_SCOPE_INTRA_PROVINCE)
		return;
	if (!xdjy_cached_filing_exemption(insured, f->start_date, &valid) || !valid.upper_inf)
		return;
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_FILING_NOT_NEEDED),
			 errdetail("Person \"%s\" is insured in \"%s\"; \"%s\" is in the same province, whose intra-province temporary treatment needs no filing from %s; the filing would start on %s.",
					   xdjy_clip(f->person_id), xdjy_clip(insured), xdjy_clip(f->destination),
					   valid.lower_inf ? "the beginning" : xdjy_iso_date(valid.lower), xdjy_iso_date(f->start_date)),
			 errhint("Treatment there settles directly without a filing (鲁医保发〔2021〕46号 第二条(三)); a long-term filing is still possible.")));
}

/* the change window and the status moves on UPDATE */
static void
check_filing_update(HeapTuple oldt, HeapTuple newt, TupleDesc d,
					FilingRow *o, FilingRow *n)
{
	/* columns that never change once filed: the record of what was filed */
	static const char *const fixed[] = {
		"id", "person_id", "destination_region", "category", "start_date",
		"applied_on", "channel", "pledge", "created_at"
	};
	int			i;

	/* closed rows are the record */
	if (o->status != FS_ACTIVE)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_CLOSED),
				 errdetail("Filing %lld of person \"%s\" to \"%s\" is %s since %s.",
						   (long long) o->id, xdjy_clip(o->person_id), xdjy_clip(o->destination),
						   status_text(o->status),
						   o->closed_null ? "?" : xdjy_iso_date(o->closed_on)),
				 errhint("A closed filing stays as it is; file a new one with file_long_term() or file_temporary().")));

	for (i = 0; i < (int) lengthof(fixed); i++)
	{
		int			col = xdjy_colno(d, fixed[i]);
		Form_pg_attribute att = TupleDescAttr(d, col - 1);
		bool		onull,
					nnull;
		Datum		ov = heap_getattr(oldt, col, d, &onull);
		Datum		nv = heap_getattr(newt, col, d, &nnull);

		if (onull != nnull ||
			(!onull && !datum_image_eq(ov, nv, att->attbyval, att->attlen)))
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_FILING_COLUMN_FIXED),
					 errdetail("Filing %lld of person \"%s\" to \"%s\" is active; \"%s\" is part of what was filed.",
							   (long long) o->id, xdjy_clip(o->person_id), xdjy_clip(o->destination), fixed[i]),
					 errhint("Move to another destination with change_filing(); otherwise cancel the filing and file anew.  Only proof, and the closing columns (status, closed_on, replaced_by), may change.")));
	}

	xdjy_lock_person(n->person_id, NULL, NULL);

	if (n->status != FS_ACTIVE &&
		!filing_status_transition_ok(o->status, n->status))
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_STATUS_TRANSITION),
				 errdetail("Filing %lld is %s; the update sets its status to %s.",
						   (long long) o->id, status_text(o->status), status_text(n->status)),
				 errhint("A filing status moves only out of active (济宁市医保局 异地就医十项便民措施 第四条(一)).")));

	check_closing_shape(n);
	if (n->status == FS_ACTIVE)
		return;

	if (n->closed_on < n->applied_on)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_CLOSED_BEFORE_APPLIED),
				 errdetail("Filing %lld was applied for on %s; the %s date given is %s.",
						   (long long) n->id, xdjy_iso_date(n->applied_on),
						   status_text(n->status), xdjy_iso_date(n->closed_on)),
				 errhint("The earliest closing date is %s.", xdjy_iso_date(n->applied_on))));

	/* the window binds change and cancel of long-term filings only */
	if (n->category == RC_LONG_TERM_RESIDENT &&
		(n->status == FS_CHANGED || n->status == FS_CANCELLED))
		check_change_window(o, n);
}

/*
 * 济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一): once medical expenses were incurred at the
 * filed place under the filing, a change or cancellation waits until
 * start_date + interval '6 months'.  An expense is a settlement (direct or
 * manual, not reversed) of the person either decided under this filing
 * (filing_id: on the change day itself too, or on any later day the
 * settlement got to first) or of an encounter at an institution whose
 * pooling region is the destination, that ran on or after the start and
 * began before the closing date.
 *
 * Concurrency: the settlement engine reads the filings that decide its
 * category FOR SHARE, and change/cancel lock the filing FOR NO KEY UPDATE
 * first, so in READ COMMITTED whichever comes second waits for the first
 * and then sees it (this query runs after the lock, in a new snapshot).
 * Under REPEATABLE READ or SERIALIZABLE the transaction snapshot may be
 * older than a settlement that committed while we waited, so the query
 * runs in the latest snapshot, the way PostgreSQL's foreign-key checks
 * look for rows they must not miss.
 */
static XdjyPlan plan_expense = XDJY_PLAN("plan_expense",
	"SELECT s.id, e.id, e.admitted_on, e.institution_code"
	" FROM xdjy.settlement s"
	" JOIN xdjy.encounter e ON e.id OPERATOR(pg_catalog.=) s.encounter_id"
	" JOIN xdjy.institution i ON i.code OPERATOR(pg_catalog.=) e.institution_code"
	" WHERE e.person_id OPERATOR(pg_catalog.=) $1"
	" AND s.reverses IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM xdjy.settlement r"
	"  WHERE r.reverses OPERATOR(pg_catalog.=) s.id)"
	" AND (s.filing_id OPERATOR(pg_catalog.=) $5"
	"  OR (e.admitted_on OPERATOR(pg_catalog.<) $4"
	"   AND COALESCE(e.discharged_on, e.admitted_on) OPERATOR(pg_catalog.>=) $3"
	"   AND xdjy.pooling_region(i.region_code) OPERATOR(pg_catalog.=) $2))"
	" ORDER BY e.admitted_on, s.id LIMIT 1",
	5, TEXTOID, TEXTOID, DATEOID, DATEOID, INT8OID);

static void
check_change_window(FilingRow *o, FilingRow *n)
{
	DateADT		opens = xdjy_date_plus(o->start_date, WINDOW_MONTHS, 0);
	Datum		v[5];
	bool		isnull;
	const char *what = n->status == FS_CHANGED ? XDJY_N_("changed") : XDJY_N_("cancelled");

	if (n->closed_on >= opens)
		return;
	v[0] = CStringGetTextDatum(o->person_id);
	v[1] = CStringGetTextDatum(o->destination);
	v[2] = DateADTGetDatum(o->start_date);
	v[3] = DateADTGetDatum(n->closed_on);
	v[4] = Int64GetDatum(o->id);
	if (xdjy_run_latest(&plan_expense, v, NULL, 1) != 1)
		return;					/* no expenses there: any time */
	if (!xdjy_sees_id("settlement", DatumGetInt64(xdjy_res(1, &isnull))))
		xdjy_hidden_conflict(ERRCODE_XDJY_FILING_CHANGE_WINDOW,
							 psprintf("Filing %lld to \"%s\" from %s, %s on %s,",
									  (long long) o->id, xdjy_clip(o->destination),
									  xdjy_iso_date(o->start_date), what, xdjy_iso_date(n->closed_on)),
							 psprintf("自 %s 起到 \"%s\" 的备案 %lld 于 %s 变更或取消",
									  xdjy_iso_date(o->start_date), xdjy_clip(o->destination),
									  (long long) o->id, xdjy_iso_date(n->closed_on)),
							 "settlement at the filed place (an expense there)", "备案地结算（已发生费用）");
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_FILING_CHANGE_WINDOW),
			 errdetail("Filing %lld to \"%s\" started on %s; settlement %lld of encounter %lld at \"%s\" on %s is an expense at the filed place; the filing would be %s on %s.",
					   (long long) o->id, xdjy_clip(o->destination), xdjy_iso_date(o->start_date),
					   (long long) DatumGetInt64(xdjy_res(1, &isnull)),
					   (long long) DatumGetInt64(xdjy_res(2, &isnull)),
					   xdjy_clip(xdjy_res_text(4)),
					   xdjy_iso_date(DatumGetDateADT(xdjy_res(3, &isnull))),
					   xdjy_tr(what), xdjy_iso_date(n->closed_on)),
			 errhint("The earliest change or cancellation date is %s (start + 6 months, 济宁市医保局 异地就医十项便民措施 第四条(一)); terminating the filing (因故终止) is not limited by this window.",
					 xdjy_iso_date(opens))));
}

/* ------------------------------------------------------------------------
 * Deferred: a changed filing's replacement exists, is the same person's
 * and starts on the closing date (close and open in one go)
 * ------------------------------------------------------------------------
 */
static XdjyPlan plan_successor = XDJY_PLAN("plan_successor",
	"SELECT f.person_id, f.start_date FROM xdjy.filing f"
	" WHERE f.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

static Datum
filing_replacement_body(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "filing_replacement_trigger", false);
	HeapTuple	row;
	FilingRow	f;
	Datum		v[1];
	bool		isnull;
	char	   *person;
	DateADT		start;

	row = xdjy_trigger_new_row(td, "filing_replacement_trigger");

	if (xdjy_restoring())
		return PointerGetDatum(NULL);
	if (!read_filing(row, td->tg_relation->rd_att, &f) ||
		f.status != FS_CHANGED || f.replaced_null || f.closed_null)
		return PointerGetDatum(NULL);

	xdjy_spi_connect();
	v[0] = Int64GetDatum(f.replaced_by);
	if (xdjy_run(&plan_successor, v, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_REPLACEMENT_INVALID),
				 errdetail("Filing %lld was changed on %s and names %lld as its replacement, which does not exist.",
						   (long long) f.id, xdjy_iso_date(f.closed_on), (long long) f.replaced_by),
				 errhint("Use change_filing(), which closes the old filing and inserts the new one in one statement.")));
	person = xdjy_res_text(1);
	start = DatumGetDateADT(xdjy_res(2, &isnull));
	if ((strcmp(person, f.person_id) != 0 || start != f.closed_on) &&
		!xdjy_sees_id("filing", f.replaced_by))
		xdjy_hidden_conflict(ERRCODE_XDJY_FILING_REPLACEMENT_INVALID,
							 psprintf("Filing %lld of person \"%s\", changed on %s and replaced by filing %lld,",
									  (long long) f.id, xdjy_clip(f.person_id),
									  xdjy_iso_date(f.closed_on), (long long) f.replaced_by),
							 psprintf("参保人 \"%s\" 的备案 %lld（%s 变更，由备案 %lld 接续）",
									  xdjy_clip(f.person_id), (long long) f.id,
									  xdjy_iso_date(f.closed_on), (long long) f.replaced_by),
							 "replacement filing", "接续备案");
	if (strcmp(person, f.person_id) != 0 || start != f.closed_on)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_FILING_REPLACEMENT_INVALID),
				 errdetail("Filing %lld of person \"%s\" was changed on %s; its replacement, filing %lld, is person \"%s\"'s from %s.",
						   (long long) f.id, xdjy_clip(f.person_id), xdjy_iso_date(f.closed_on),
						   (long long) f.replaced_by, xdjy_clip(person), xdjy_iso_date(start)),
				 errhint("The replacement is the same person's filing starting on the change date %s.",
						 xdjy_iso_date(f.closed_on))));
	xdjy_spi_finish();
	return PointerGetDatum(NULL);
}

/* as the table's owner, with the search path pg_catalog (owner.c) */
Datum
filing_replacement_trigger(PG_FUNCTION_ARGS)
{
	return xdjy_trigger_as_owner(fcinfo, filing_replacement_body);
}

/* ------------------------------------------------------------------------
 * AFTER INSERT OR UPDATE: the history of every filing event
 * ------------------------------------------------------------------------
 */

/*
 * Rows are written as jsonb with the labels in English, whatever
 * xdjy.language says, so the record reads the same for everyone.  The
 * parameters are of the table's row type, whose OID the plan is kept for.
 */
static SPIPlanPtr history_plan = NULL;
static Oid	history_rowtype = InvalidOid;

#define HISTORY_ROW_JSON(n) \
	"pg_catalog.to_jsonb($" #n ") OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object(" \
	"'category', xdjy.label(($" #n ").category, 'en'), " \
	"'status', xdjy.label(($" #n ").status, 'en'))"

Datum
filing_history_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td = xdjy_row_trigger(fcinfo, "filing_history_trigger", false);
	TupleDesc	desc = td->tg_relation->rd_att;
	Oid			rowtype = td->tg_relation->rd_rel->reltype;
	FilingRow	n;
	HeapTuple	newt;
	Datum		v[6];
	char		nulls[6] = {' ', ' ', ' ', ' ', ' ', ' '};
	const char *event;
	int			rc;
	XdjyUserContext saved;

	newt = xdjy_trigger_new_row(td, "filing_history_trigger");

	/* a restore brings the history back with the dump: write none */
	if (xdjy_restoring())
		return PointerGetDatum(NULL);

	read_filing(newt, desc, &n);
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		event = "filed";
		v[2] = DateADTGetDatum(n.start_date);
		nulls[3] = 'n';
		v[3] = (Datum) 0;
	}
	else
	{
		event = n.status == FS_ACTIVE ? "amended" : status_name(n.status);
		if (n.closed_null)
			nulls[2] = 'n';
		v[2] = DateADTGetDatum(n.closed_on);
		v[3] = heap_copy_tuple_as_datum(td->tg_trigtuple, desc);
	}
	v[0] = Int64GetDatum(n.id);
	v[1] = CStringGetTextDatum(event);
	v[4] = heap_copy_tuple_as_datum(newt, desc);
	/* who acted: the role this trigger fires for, before it switches */
	v[5] = CStringGetTextDatum(GetUserNameFromId(GetUserId(), false));

	xdjy_spi_connect();
	if (history_plan == NULL || history_rowtype != rowtype)
	{
		Oid			argtypes[6] = {INT8OID, TEXTOID, DATEOID, rowtype, rowtype, TEXTOID};
		SPIPlanPtr	plan;

		if (history_plan != NULL)
			xdjy_free_plan(history_plan);
		history_plan = NULL;
		plan = SPI_prepare("INSERT INTO xdjy.filing_history"
						   " (filing_id, event, business_date, old_row, new_row, by_role)"
						   " VALUES ($1, $2, $3, " HISTORY_ROW_JSON(4) ", "
						   HISTORY_ROW_JSON(5) ", $6::pg_catalog.name)",
						   6, argtypes);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		history_plan = xdjy_keep_plan(plan);
		history_rowtype = rowtype;
	}

	/*
	 * History is written with the rights of the tables' owner, as
	 * PostgreSQL's foreign-key checks act (ri_triggers.c): no role but the
	 * owner may insert into xdjy.filing_history, so no trigger or function
	 * of anybody else's can forge an event.  The acting role is recorded
	 * in by_role.  An error on the way aborts the (sub)transaction, which
	 * restores the user id.
	 */
	xdjy_become_owner(RelationGetRelid(td->tg_relation), &saved);
	rc = SPI_execute_plan(history_plan, v, nulls, false, 0);
	xdjy_restore_user(&saved);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "filing history insert failed: %s", SPI_result_code_string(rc));
	xdjy_spi_finish();
	return PointerGetDatum(NULL);
}
