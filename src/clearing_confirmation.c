/*-------------------------------------------------------------------------
 *
 * src/clearing_confirmation.c
 *	  The institution's answer to the monthly remote clearing details
 *	  (3260 提取异地清分明细): confirm each row (3261 清分结果确认,
 *	  cnfm_flag 1 agreed / 0 not agreed) or roll an answer back (3262
 *	  确认回退).  Answers are an append-only log,
 *	  xdjy.clearing_detail_confirmation; the current answer of a row is
 *	  its latest log entry (xdjy.clearing_detail.cnfm_flag).
 *
 *	  Seed: 鲁医保发〔2022〕26号 第四条(二) 当月费用应于次月 20 日前完成与异地定点联网医药机构
 *	  对账确认工作 — the log records who answered and on which business
 *	  day, so the 20th can be checked against it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "errors.h"
#include "restore.h"
#include "spi_plans.h"
#include "trigger_util.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(clearing_confirmation_trigger);

/*
 * The settlement row serialises answers to it: FOR NO KEY UPDATE does not
 * block the KEY SHARE locks that foreign keys (reversal rows, this log)
 * take, but does block a second answer.  Which rows are in clearing is
 * the view's rule (xdjy.clearing_detail), read here, not restated.
 */
static XdjyPlan cc_lock_settlement = XDJY_PLAN("clearing: lock settlement",
	"SELECT s.mode, s.scope FROM xdjy.settlement s"
	" WHERE s.id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE OF s",
	1, INT8OID);
static XdjyPlan cc_current_answer = XDJY_PLAN("clearing: current answer",
	"SELECT d.cnfm_flag, d.cnfm_date::text,"
	" pg_catalog.format('%s-%s', d.trt_year, pg_catalog.lpad(d.trt_month::text, 2, '0')),"
	" d.medins_no FROM xdjy.clearing_detail d WHERE d.setl_sn OPERATOR(pg_catalog.=) $1",
	1, INT8OID);
static XdjyPlan cc_next_seq = XDJY_PLAN("clearing: next seq",
	"SELECT coalesce(pg_catalog.max(c.seq), 0) OPERATOR(pg_catalog.+) 1"
	" FROM xdjy.clearing_detail_confirmation c WHERE c.setl_sn OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

static void
cc_run(XdjyPlan *plan, int64 setl_sn)
{
	Datum		values[1];

	values[0] = Int64GetDatum(setl_sn);
	xdjy_plan_execute(plan, values, NULL, 1, SPI_OK_SELECT);
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW on
 * xdjy.clearing_detail_confirmation.
 *
 * Insert: the settlement must be a row of xdjy.clearing_detail; "confirm"
 * only when the row has no answer, "rollback" only when it has one; seq
 * becomes the next number for the settlement, so that two sessions that
 * both saw "no answer" (possible under REPEATABLE READ, where the lock
 * does not refresh the snapshot) collide on UNIQUE (setl_sn, seq) instead
 * of both answering.  Update and delete: refused, the log is append-only.
 * A restore (xdjy_restoring) inserts the dumped entries unchanged.
 */
Datum
clearing_confirmation_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	TupleDesc	tupdesc;
	HeapTuple	tuple;
	int			att_setl_sn;
	int			att_action;
	int			att_seq;
	bool		isnull;
	int64		setl_sn;
	char	   *action;
	int32		seq;
	Datum		seq_value;
	bool		seq_null = false;

	trigdata = xdjy_trigger_guard(fcinfo, "clearing_confirmation_trigger",
								  XDJY_ON_INSERT | XDJY_ON_UPDATE | XDJY_ON_DELETE);

	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) || TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
	{
		tupdesc = trigdata->tg_relation->rd_att;
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_CLEARING_LOG_APPEND_ONLY),
				 errdetail("Entry %s (settlement %s, %s) would be %s.",
						   SPI_getvalue(trigdata->tg_trigtuple, tupdesc, xdjy_attnum(tupdesc, "id", INT8OID)),
						   SPI_getvalue(trigdata->tg_trigtuple, tupdesc, xdjy_attnum(tupdesc, "setl_sn", INT8OID)),
						   xdjy_clip(SPI_getvalue(trigdata->tg_trigtuple, tupdesc, xdjy_attnum(tupdesc, "action", TEXTOID))),
						   TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? "updated" : "deleted"),
				 errhint("The log is append-only: roll an answer back with a rollback entry (3262, xdjy.clearing_rollback) and answer again.")));
	}
	tuple = trigdata->tg_trigtuple;
	/* a dump's rows come back as they were, seq included (src/restore.c) */
	if (xdjy_restoring())
		return PointerGetDatum(tuple);
	tupdesc = trigdata->tg_relation->rd_att;
	att_setl_sn = xdjy_attnum(tupdesc, "setl_sn", INT8OID);
	att_action = xdjy_attnum(tupdesc, "action", TEXTOID);
	att_seq = xdjy_attnum(tupdesc, "seq", INT4OID);

	setl_sn = DatumGetInt64(SPI_getbinval(tuple, tupdesc, att_setl_sn, &isnull));
	if (isnull)
		return PointerGetDatum(tuple);	/* NOT NULL says so */
	action = SPI_getvalue(tuple, tupdesc, att_action);

	xdjy_spi_connect();

	cc_run(&cc_lock_settlement, setl_sn);
	if (SPI_processed == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_UNKNOWN_REFERENCE),
				 errdetail("No settlement has id (setl_sn) " INT64_FORMAT ".", setl_sn),
				 errhint("Answer the rows xdjy.clearing_detail lists; setl_sn is xdjy.settlement.id.")));
	{
		char	   *mode = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		char	   *scope = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);

		cc_run(&cc_current_answer, setl_sn);
		if (SPI_processed == 0)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_CLEARING_NOT_REMOTE),
					 errdetail("Settlement " INT64_FORMAT " has mode \"%s\" and scope \"%s\".",
							   setl_sn, xdjy_clip(mode ? mode : "NULL"), xdjy_clip(scope ? scope : "NULL")),
					 errhint("Remote clearing (3260–3262) covers direct settlements of treatment outside the insured pooling region: mode direct, scope intra_province or cross_province.")));
	}

	if (action != NULL && (strcmp(action, "confirm") == 0 || strcmp(action, "rollback") == 0))
	{
		HeapTuple	cur = SPI_tuptable->vals[0];
		TupleDesc	cdesc = SPI_tuptable->tupdesc;
		char	   *flag = SPI_getvalue(cur, cdesc, 1);
		char	   *on = SPI_getvalue(cur, cdesc, 2);
		char	   *month = SPI_getvalue(cur, cdesc, 3);
		char	   *medins = SPI_getvalue(cur, cdesc, 4);

		if (strcmp(action, "confirm") == 0 && flag != NULL)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_CLEARING_ALREADY_ANSWERED),
					 errdetail("Settlement " INT64_FORMAT " (clearing month %s, institution %s) was answered with cnfm_flag %s on %s.",
							   setl_sn, month, xdjy_clip(medins ? medins : "NULL"), flag, on ? on : "NULL"),
					 errhint("Roll the answer back first (3262 确认回退, xdjy.clearing_rollback), then answer again.")));
		if (strcmp(action, "rollback") == 0 && flag == NULL)
			ereport(ERROR,
					(xdjy_errcode(ERRCODE_XDJY_CLEARING_NOT_ANSWERED),
					 errdetail("Settlement " INT64_FORMAT " (clearing month %s, institution %s) is not answered.",
							   setl_sn, month, xdjy_clip(medins ? medins : "NULL")),
					 errhint("Only a row answered with cnfm_flag 0 or 1 (3261) can be rolled back (3262).")));
	}

	cc_run(&cc_next_seq, setl_sn);
	if (SPI_processed != 1)
		elog(ERROR, "clearing confirmation: no next seq");
	seq_value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		elog(ERROR, "clearing confirmation: null next seq");
	seq = DatumGetInt32(seq_value);

	xdjy_spi_finish();

	/* built in the trigger's memory context, outside SPI's */
	seq_value = Int32GetDatum(seq);
	tuple = heap_modify_tuple_by_cols(tuple, tupdesc, 1, &att_seq, &seq_value, &seq_null);
	return PointerGetDatum(tuple);
}
