/*-------------------------------------------------------------------------
 *
 * src/interface.c
 *	  The national interface as JSON in, JSON out: xdjy.call(request)
 *	  checks the platform's envelope and every input field (required, of
 *	  its type, amounts in whole fen read exactly), records the message by
 *	  its msgid in xdjy.transaction_log and dispatches to the SQL function
 *	  of its infno (schema/17_transactions.sql), which maps onto the real
 *	  API (settle, presettle, reverse_settlement, fee_detail, ...).  No
 *	  rule is written here: call() is a dispatcher.
 *
 *	  Exactly once: nothing is paid twice (鲁医保发〔2021〕46号 第四条).  A
 *	  msgid's log row is inserted first (INSERT ... ON CONFLICT DO NOTHING
 *	  on its primary key): a second session sending the same msgid waits
 *	  for the first to commit, then finds the row and answers from it; the
 *	  same msgid with another request is refused (YB904).  The work runs in
 *	  a subtransaction: a failed call leaves no effect, and its failure is
 *	  logged with its code (鲁医保发〔2022〕26号 第五条(三)) for the success
 *	  rate (第一条).  冲正 (2601) undoes what a message did, or voids a
 *	  msgid that never arrived so that a late arrival is refused (YB905).
 *
 *	  The caller acts for the envelope's institution only where the log's
 *	  INSERT policies let its role (an operator: the institutions of its
 *	  regions), or YB005 and nothing logged.  A msgid another institution
 *	  logged, which the role may not read, is answered YB911 and nothing
 *	  else: neither its state nor its request nor its answer is shown, the
 *	  call is not logged, and the owner's retries are answered as before;
 *	  a 冲正 naming such a message gets YB911 too, never YB906's values.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/resowner.h"
#include "utils/timestamp.h"

#include "errors.h"
#include "national.h"
#include "owner.h"
#include "row_access.h"
#include "row_write.h"
#include "spi_plans.h"
#include "xdjy.h"

PG_FUNCTION_INFO_V1(xdjy_call);
PG_FUNCTION_INFO_V1(interface_check_encounter);
PG_FUNCTION_INFO_V1(interface_med_type);

/* ------------------------------------------------------------------------
 * The interfaces: their fields and the function each maps onto
 * ------------------------------------------------------------------------
 */

typedef enum FieldType
{
	F_TEXT,						/* a JSON string */
	F_INT8,						/* an id: a JSON integer or a string of digits */
	F_TS,						/* "yyyy-MM-dd" or "yyyy-MM-dd HH:mm:ss" */
	F_FEN,						/* yuan, a JSON number with at most two decimals, as fen */
	F_NUM,						/* a JSON number (cnt, pric), exact */
	F_YUAN,						/* yuan as numeric, at most two decimals */
	F_FLAG,						/* "0" / "1" (or 0 / 1) */
	F_LINES						/* an array of fee lines (feedetail) */
} FieldType;

typedef struct Field
{
	const char *name;
	FieldType	type;
	bool		required;
} Field;

typedef enum UndoKind
{
	UNDO_NOTHING,				/* a query: 冲正 marks it, nothing to give back */
	UNDO_EFFECT,				/* interface_undo() gives back what it did */
	UNDO_REFUSED				/* a cancellation: settle again instead */
} UndoKind;

#define MAX_FIELDS	10

typedef struct Interface
{
	const char *infno;
	const char *container;		/* the object under input; NULL: input itself */
	const char *function;		/* xdjy.<function>(fields..., [flag], date, code) */
	int			flag;			/* -1: none; 0 / 1: a boolean argument after the fields */
	UndoKind	undo;
	int			nfields;
	Field		fields[MAX_FIELDS];
} Interface;

static const Field line_fields[] = {
	{"feedetl_sn", F_TEXT, true},
	{"init_feedetl_sn", F_TEXT, false},
	{"mdtrt_id", F_INT8, true},
	{"psn_no", F_TEXT, true},
	{"med_list_codg", F_TEXT, true},
	{"fee_ocur_time", F_TS, true},
	{"cnt", F_NUM, true},
	{"pric", F_NUM, true},
	{"det_item_fee_sumamt", F_YUAN, false},
};

/* acct_used_flag 个人账户使用标志: "1" pays the personal share from the account */
#define SETTLE_FIELDS(f) 7, { \
	{"psn_no", F_TEXT, true}, {"mdtrt_id", F_INT8, true}, \
	{"medfee_sumamt", F_FEN, false}, {"fulamt_ownpay_amt", F_FEN, false}, \
	{"invono", F_TEXT, true}, {"mid_setl_flag", F_FLAG, false}, \
	{"acct_used_flag", F_FLAG, false}}

static const Interface interfaces[] = {
	{"2401", "mdtrtinfo", "interface_admit", 1, UNDO_EFFECT, 3,
	{{"psn_no", F_TEXT, true}, {"med_type", F_TEXT, true}, {"begntime", F_TS, true}}},
	{"2201", "data", "interface_admit", 0, UNDO_EFFECT, 3,
	{{"psn_no", F_TEXT, true}, {"med_type", F_TEXT, true}, {"begntime", F_TS, true}}},
	{"2402", "dscginfo", "interface_discharge", -1, UNDO_EFFECT, 3,
	{{"mdtrt_id", F_INT8, true}, {"psn_no", F_TEXT, true}, {"endtime", F_TS, true}}},
	{"2301", NULL, "interface_upload_lines", -1, UNDO_EFFECT, 1,
	{{"feedetail", F_LINES, true}}},
	{"2204", NULL, "interface_upload_lines", -1, UNDO_EFFECT, 1,
	{{"feedetail", F_LINES, true}}},
	{"2302", "data", "interface_revoke_lines", -1, UNDO_REFUSED, 3,
	{{"mdtrt_id", F_INT8, true}, {"psn_no", F_TEXT, true}, {"feedetl_sn", F_TEXT, true}}},
	{"2303", "data", "interface_presettle", -1, UNDO_NOTHING, SETTLE_FIELDS(0)},
	{"2206", "data", "interface_presettle", -1, UNDO_NOTHING, SETTLE_FIELDS(0)},
	{"2304", "data", "interface_settle", -1, UNDO_EFFECT, SETTLE_FIELDS(0)},
	{"2207", "data", "interface_settle", -1, UNDO_EFFECT, SETTLE_FIELDS(0)},
	{"2305", "data", "interface_cancel", -1, UNDO_REFUSED, 3,
	{{"setl_id", F_INT8, true}, {"mdtrt_id", F_INT8, true}, {"psn_no", F_TEXT, true}}},
	{"2208", "data", "interface_cancel", -1, UNDO_REFUSED, 3,
	{{"setl_id", F_INT8, true}, {"mdtrt_id", F_INT8, true}, {"psn_no", F_TEXT, true}}},
	{"2601", "data", NULL, -1, UNDO_REFUSED, 3,
	{{"psn_no", F_TEXT, true}, {"omsgid", F_TEXT, true}, {"oinfno", F_TEXT, true}}},
	{"5206", "data", "interface_cumulative", -1, UNDO_NOTHING, 2,
	{{"psn_no", F_TEXT, true}, {"cum_ym", F_TEXT, false}}},
	{"3201", "data", "interface_stmt_total", -1, UNDO_NOTHING, 10,
	{{"setl_optins", F_TEXT, true}, {"insutype", F_TEXT, true}, {"clr_type", F_TEXT, true},
	{"stmt_begndate", F_TS, true}, {"stmt_enddate", F_TS, true},
	{"medfee_sumamt", F_FEN, true}, {"fund_pay_sumamt", F_FEN, true}, {"acct_pay", F_FEN, true},
	{"fixmedins_setl_cnt", F_INT8, true}, {"refd_setl_flag", F_TEXT, false}}},
	{"3202", "data", "interface_stmt_detail", -1, UNDO_NOTHING, 7,
	{{"file_qury_no", F_TEXT, true}, {"setl_optins", F_TEXT, true}, {"insutype", F_TEXT, true},
	{"clr_type", F_TEXT, true}, {"stmt_begndate", F_TS, true}, {"stmt_enddate", F_TS, true},
	{"refd_setl_flag", F_TEXT, false}}},
};

/* each interface's plan, built on first use */
static XdjyPlan interface_plans[lengthof(interfaces)];

static const Interface *
find_interface(const char *infno)
{
	for (size_t i = 0; i < lengthof(interfaces); i++)
		if (strcmp(interfaces[i].infno, infno) == 0)
			return &interfaces[i];
	return NULL;
}

static Oid
field_type_oid(FieldType t)
{
	switch (t)
	{
		case F_TEXT:
			return TEXTOID;
		case F_INT8:
		case F_FEN:
			return INT8OID;
		case F_TS:
			return TIMESTAMPOID;
		case F_NUM:
		case F_YUAN:
			return NUMERICOID;
		case F_FLAG:
			return BOOLOID;
		case F_LINES:
			return JSONBOID;
	}
	elog(ERROR, "xdjy: unknown field type %d", (int) t);
	return InvalidOid;
}

/* SELECT output, effect FROM xdjy.<function>($1, ...), built once */
static XdjyPlan *
interface_plan(const Interface *inf)
{
	XdjyPlan   *p = &interface_plans[inf - interfaces];

	if (p->sql == NULL)
	{
		StringInfoData sql;
		int			n = 0;

		initStringInfo(&sql);
		appendStringInfo(&sql, "SELECT r.output, r.effect FROM xdjy.%s(", inf->function);
		for (int i = 0; i < inf->nfields; i++)
			p->argtypes[n++] = field_type_oid(inf->fields[i].type);
		if (inf->flag >= 0)
			p->argtypes[n++] = BOOLOID;
		p->argtypes[n++] = DATEOID;
		p->argtypes[n++] = TEXTOID;
		for (int i = 1; i <= n; i++)
			appendStringInfo(&sql, "%s$%d", i > 1 ? ", " : "", i);
		appendStringInfoString(&sql, ") r");
		p->nargs = n;
		p->name = inf->infno;
		p->sql = MemoryContextStrdup(TopMemoryContext, sql.data);
		pfree(sql.data);
	}
	return p;
}

/* ------------------------------------------------------------------------
 * Reading fields
 * ------------------------------------------------------------------------
 */

static void
field_missing(const char *path)
{
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_INTERFACE_FIELD_MISSING),
			 errdetail("Field \"%s\" is missing.", path),
			 errhint("Send every required field of the interface; see the interface's input in the README.")));
}

static void
field_wrong_type(const char *path, const char *expected)
{
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_INTERFACE_FIELD_TYPE),
			 errdetail("Field \"%s\" is not %s.", path, xdjy_tr(expected)),
			 errhint("Send the field in the interface's format: strings for codes, ids and times, numbers for amounts.")));
}

/* a JSON value under key, or NULL if absent or JSON null */
static JsonbValue *
get_key(JsonbContainer *c, const char *key, JsonbValue *buf)
{
	JsonbValue *v = getKeyJsonValueFromContainer(c, key, strlen(key), buf);

	if (v == NULL || v->type == jbvNull)
		return NULL;
	return v;
}

static char *
value_text(const JsonbValue *v)
{
	return pnstrdup(v->val.string.val, v->val.string.len);
}

static bool
is_container(const JsonbValue *v, bool object)
{
	return v->type == jbvBinary &&
		(object ? JsonContainerIsObject(v->val.binary.data)
		 : JsonContainerIsArray(v->val.binary.data));
}

/* "yyyy-MM-dd" or "yyyy-MM-dd HH:mm:ss" */
static bool
timestamp_form(const char *s)
{
	static const char form[] = "dddd-dd-dd dd:dd:dd";
	size_t		len = strlen(s);

	if (len != 10 && len != 19)
		return false;
	for (size_t i = 0; i < len; i++)
		if (form[i] == 'd' ? !isdigit((unsigned char) s[i]) : s[i] != form[i])
			return false;
	return true;
}

static bool
digits_form(const char *s)
{
	size_t		len = strlen(s);

	if (len == 0 || len > 18)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char) s[i]))
			return false;
	return true;
}

static Datum read_lines(const JsonbValue *v, const char *path);

/* one field's value as the Datum its function takes; *isnull if absent */
static Datum
read_field(JsonbContainer *c, const Field *f, const char *prefix, bool *isnull)
{
	JsonbValue	buf;
	JsonbValue *v = get_key(c, f->name, &buf);
	char	   *path = psprintf("%s.%s", prefix, f->name);

	*isnull = v == NULL;
	if (v == NULL)
	{
		if (f->required)
			field_missing(path);
		return (Datum) 0;
	}
	switch (f->type)
	{
		case F_TEXT:
			if (v->type != jbvString)
				field_wrong_type(path, XDJY_N_("a string"));
			return CStringGetTextDatum(value_text(v));
		case F_INT8:
			if (v->type == jbvString && digits_form(value_text(v)))
				return DirectFunctionCall1(int8in, CStringGetDatum(value_text(v)));
			if (v->type == jbvNumeric &&
				DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(v->val.numeric),
												 DirectFunctionCall2(numeric_trunc,
																	 NumericGetDatum(v->val.numeric),
																	 Int32GetDatum(0)))) &&
				!numeric_is_nan(v->val.numeric) &&
				DatumGetBool(DirectFunctionCall2(numeric_ge, NumericGetDatum(v->val.numeric),
												 NumericGetDatum(int64_to_numeric(0)))) &&
				DatumGetBool(DirectFunctionCall2(numeric_le, NumericGetDatum(v->val.numeric),
												 NumericGetDatum(int64_to_numeric(PG_INT64_MAX)))))
				return DirectFunctionCall1(numeric_int8, NumericGetDatum(v->val.numeric));
			field_wrong_type(path, XDJY_N_("an id (digits)"));
			break;
		case F_TS:
			if (v->type != jbvString || !timestamp_form(value_text(v)))
				field_wrong_type(path, XDJY_N_("a time \"yyyy-MM-dd HH:mm:ss\""));
			return DirectFunctionCall3(timestamp_in, CStringGetDatum(value_text(v)),
									   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
		case F_FEN:
			if (v->type != jbvNumeric)
				field_wrong_type(path, XDJY_N_("an amount (a number of yuan)"));
			/* exact: jsonb numbers are numeric; a fraction of a fen is YB704 */
			return Int64GetDatum(xdjy_yuan_to_fen(v->val.numeric, path));
		case F_YUAN:
			if (v->type != jbvNumeric)
				field_wrong_type(path, XDJY_N_("an amount (a number of yuan)"));
			(void) xdjy_yuan_to_fen(v->val.numeric, path);
			return NumericGetDatum(v->val.numeric);
		case F_NUM:
			if (v->type != jbvNumeric)
				field_wrong_type(path, XDJY_N_("a number"));
			return NumericGetDatum(v->val.numeric);
		case F_FLAG:
			if (v->type == jbvString && v->val.string.len == 1 &&
				(v->val.string.val[0] == '0' || v->val.string.val[0] == '1'))
				return BoolGetDatum(v->val.string.val[0] == '1');
			field_wrong_type(path, XDJY_N_("a flag \"0\" or \"1\""));
			break;
		case F_LINES:
			return read_lines(v, path);
	}
	return (Datum) 0;
}

/* the fee lines: each checked as a field set, passed on as jsonb */
static Datum
read_lines(const JsonbValue *v, const char *path)
{
	JsonbContainer *arr;
	uint32		n;

	if (!is_container(v, false))
		field_wrong_type(path, XDJY_N_("an array of fee lines"));
	arr = v->val.binary.data;
	n = JsonContainerSize(arr);
	if (n == 0)
		field_missing(psprintf("%s[0]", path));
	for (uint32 i = 0; i < n; i++)
	{
		JsonbValue *line = getIthJsonbValueFromContainer(arr, i);
		char	   *lpath = psprintf("%s[%u]", path, i);

		if (line == NULL || !is_container(line, true))
			field_wrong_type(lpath, XDJY_N_("an object"));
		for (size_t f = 0; f < lengthof(line_fields); f++)
		{
			bool		isnull;

			(void) read_field(line->val.binary.data, &line_fields[f], lpath, &isnull);
		}
	}
	return JsonbPGetDatum(JsonbValueToJsonb((JsonbValue *) v));
}

/* ------------------------------------------------------------------------
 * The envelope
 * ------------------------------------------------------------------------
 */

typedef struct Envelope
{
	char	   *infno;
	char	   *msgid;
	char	   *inf_time_text;
	Timestamp	inf_time;
	char	   *fixmedins_code;
	Jsonb	   *request;
	Jsonb	   *input;
	JsonbContainer *fields;		/* the container the fields are in */
	bool		ok;				/* the envelope could be logged */
} Envelope;

static char *
envelope_text(JsonbContainer *root, const char *key)
{
	JsonbValue	buf;
	JsonbValue *v = get_key(root, key, &buf);

	if (v == NULL)
		field_missing(key);
	if (v->type != jbvString || v->val.string.len == 0)
		field_wrong_type(key, XDJY_N_("a string"));
	return value_text(v);
}

static bool
msgid_form(const char *s)
{
	size_t		len = strlen(s);

	if (len == 0 || len > 64)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char) s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

/* the envelope; e->ok once msgid, infno, time and institution are known */
static void
read_envelope(Jsonb *request, Envelope *e)
{
	JsonbContainer *root = &request->root;
	JsonbValue	buf;
	JsonbValue *v;

	if (!JB_ROOT_IS_OBJECT(request))
		field_wrong_type("request", XDJY_N_("an object"));
	e->msgid = envelope_text(root, "msgid");
	if (!msgid_form(e->msgid))
		field_wrong_type("msgid", XDJY_N_("a message id (1 to 64 letters, digits, \".\", \"_\", \"-\")"));
	e->infno = envelope_text(root, "infno");
	if (strlen(e->infno) != 4 || !digits_form(e->infno))
		field_wrong_type("infno", XDJY_N_("an interface number (4 digits)"));
	e->inf_time_text = envelope_text(root, "inf_time");
	if (!timestamp_form(e->inf_time_text))
		field_wrong_type("inf_time", XDJY_N_("a time \"yyyy-MM-dd HH:mm:ss\""));
	e->inf_time = DatumGetTimestamp(DirectFunctionCall3(timestamp_in,
														CStringGetDatum(e->inf_time_text),
														ObjectIdGetDatum(InvalidOid),
														Int32GetDatum(-1)));
	e->fixmedins_code = envelope_text(root, "fixmedins_code");
	e->ok = true;

	v = get_key(root, "input", &buf);
	if (v == NULL)
		field_missing("input");
	if (!is_container(v, true))
		field_wrong_type("input", XDJY_N_("an object"));
	e->input = JsonbValueToJsonb(v);
}

/* the fields' container of the interface, checked */
static Datum *
read_fields(const Interface *inf, Envelope *e, char *nulls)
{
	Datum	   *values = (Datum *) palloc0(sizeof(Datum) * (MAX_FIELDS + 3));
	JsonbContainer *c = &e->input->root;
	const char *prefix = "input";
	int			n = 0;

	if (inf->container != NULL)
	{
		JsonbValue	buf;
		JsonbValue *v = get_key(c, inf->container, &buf);

		prefix = psprintf("input.%s", inf->container);
		if (v == NULL)
			field_missing(prefix);
		if (!is_container(v, true))
			field_wrong_type(prefix, XDJY_N_("an object"));
		c = v->val.binary.data;
	}
	e->fields = c;
	for (int i = 0; i < inf->nfields; i++)
	{
		bool		isnull;

		values[n] = read_field(c, &inf->fields[i], prefix, &isnull);
		nulls[n++] = isnull ? 'n' : ' ';
	}
	if (inf->flag >= 0)
	{
		values[n] = BoolGetDatum(inf->flag == 1);
		nulls[n++] = ' ';
	}
	values[n] = DirectFunctionCall1(timestamp_date, TimestampGetDatum(e->inf_time));
	nulls[n++] = ' ';
	values[n] = CStringGetTextDatum(e->fixmedins_code);
	nulls[n++] = ' ';
	return values;
}

/* ------------------------------------------------------------------------
 * The log
 * ------------------------------------------------------------------------
 */

static XdjyPlan q_log_read = XDJY_PLAN("interface log read",
	"SELECT l.state, l.response, l.infno OPERATOR(pg_catalog.=) $2"
	"   AND l.fixmedins_code OPERATOR(pg_catalog.=) $3"
	"   AND (l.request OPERATOR(pg_catalog.->) 'input') IS NOT DISTINCT FROM $4,"
	"       l.reversed_by"
	" FROM xdjy.transaction_log l WHERE l.msgid OPERATOR(pg_catalog.=) $1",
	4, TEXTOID, TEXTOID, TEXTOID, JSONBOID);

static XdjyPlan q_log_void = XDJY_PLAN("interface log void",
	"INSERT INTO xdjy.transaction_log (msgid, infno, fixmedins_code, state, inf_time, reversed_by)"
	" VALUES ($1, $2, $3, 'void', $4, $5) ON CONFLICT (msgid) DO NOTHING",
	5, TEXTOID, TEXTOID, TEXTOID, TIMESTAMPOID, TEXTOID);

static XdjyPlan q_log_lock = XDJY_PLAN("interface log lock",
	"SELECT l.infno, l.state, l.effect, l.fixmedins_code, l.reversed_by"
	" FROM xdjy.transaction_log l WHERE l.msgid OPERATOR(pg_catalog.=) $1 FOR UPDATE",
	1, TEXTOID);

static XdjyPlan q_log_reversed = XDJY_PLAN("interface log reversed",
	"UPDATE xdjy.transaction_log SET state = 'reversed', reversed_by = $2"
	" WHERE msgid OPERATOR(pg_catalog.=) $1",
	2, TEXTOID, TEXTOID);

static XdjyPlan q_undo = XDJY_PLAN("interface undo",
	"SELECT xdjy.interface_undo($1, $2, $3)",
	3, TEXTOID, JSONBOID, DATEOID);

static Oid
log_table(void)
{
	Oid			relid = get_relname_relid("transaction_log",
										  get_namespace_oid("xdjy", false));

	if (!OidIsValid(relid))
		elog(ERROR, "table xdjy.transaction_log does not exist");
	return relid;
}

/* datumCopy of a varlena into cxt */
static Datum
datum_in(Datum d, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	Datum		c = datumCopy(d, false, -1);

	MemoryContextSwitchTo(old);
	return c;
}

static void
push_key(JsonbParseState **state, const char *key)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) key;
	v.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &v);
}

/* key: text, or key: null */
static void
push_pair(JsonbParseState **state, const char *key, const char *text)
{
	JsonbValue	v;

	push_key(state, key);
	if (text == NULL)
		v.type = jbvNull;
	else
	{
		v.type = jbvString;
		v.val.string.val = (char *) text;
		v.val.string.len = strlen(text);
	}
	pushJsonbValue(state, WJB_VALUE, &v);
}

/*
 * The response envelope, in cxt: infcode 0 or -1, inf_refmsgid (the
 * msgid answered), refmsg_time (its inf_time as sent), respond_time (now,
 * in the session's time zone), err_msg, output ({} if none).  Built here,
 * not by a query: every call returns one.
 */
static Jsonb *
build_response(const Envelope *e, bool ok, const char *err_msg, Jsonb *output,
			   MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	JsonbParseState *state = NULL;
	JsonbValue	v;
	JsonbValue *res;
	Jsonb	   *response;
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;
	char		now[32];

	if (timestamp2tm(GetCurrentTimestamp(), &tz, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	snprintf(now, sizeof(now), "%04d-%02d-%02d %02d:%02d:%02d",
			 tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	push_key(&state, "infcode");
	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(ok ? 0 : -1);
	pushJsonbValue(&state, WJB_VALUE, &v);
	push_pair(&state, "inf_refmsgid", e->msgid);
	push_pair(&state, "refmsg_time", e->inf_time_text);
	push_pair(&state, "respond_time", now);
	push_pair(&state, "err_msg", err_msg);
	push_key(&state, "output");
	if (output != NULL)
	{
		/* a copy of a stored value may have a short header: detoasted */
		output = DatumGetJsonbP(PointerGetDatum(output));
		v.type = jbvBinary;
		v.val.binary.data = &output->root;
		v.val.binary.len = VARSIZE(output) - VARHDRSZ;
		pushJsonbValue(&state, WJB_VALUE, &v);
	}
	else
	{
		pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
		pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	}
	res = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	response = JsonbValueToJsonb(res);
	MemoryContextSwitchTo(old);
	return response;
}

static char *
error_text(const ErrorData *ed)
{
	if (ed->detail)
		return psprintf("[%s] %s: %s", unpack_sql_state(ed->sqlerrcode),
						ed->message ? ed->message : "", ed->detail);
	return psprintf("[%s] %s", unpack_sql_state(ed->sqlerrcode),
					ed->message ? ed->message : "");
}

/* ------------------------------------------------------------------------
 * Who may use a msgid, in whose name
 * ------------------------------------------------------------------------
 */

/*
 * The caller may log a message of the envelope's institution: the INSERT
 * policies of xdjy.transaction_log decide (written by call() alone, with
 * the owner's rights; the policies say for whom), or YB005.
 */
static void
check_institution(const Envelope *e)
{
	Relation	rel = table_open(log_table(), AccessShareLock);
	TupleDesc	desc = RelationGetDescr(rel);
	Datum	   *values = (Datum *) palloc0(sizeof(Datum) * desc->natts);
	bool	   *nulls = (bool *) palloc(sizeof(bool) * desc->natts);
	int			att = SPI_fnumber(desc, "fixmedins_code");
	char	   *place[1] = {"fixmedins_code"};
	HeapTuple	row;

	for (int i = 0; i < desc->natts; i++)
		nulls[i] = true;
	if (att <= 0)
		elog(ERROR, "xdjy: transaction_log has no fixmedins_code");
	values[att - 1] = CStringGetTextDatum(e->fixmedins_code);
	nulls[att - 1] = false;
	row = heap_form_tuple(desc, values, nulls);
	xdjy_check_write_access(GetUserId(), rel, row, CMD_INSERT, 1, place);
	table_close(rel, AccessShareLock);
}

/* YB911: msgid names a message the role may not read */
static void
message_not_available(const char *msgid)
{
	ereport(ERROR,
			(xdjy_errcode(ERRCODE_XDJY_MESSAGE_NOT_AVAILABLE),
			 errdetail("Message \"%s\" is not available to role \"%s\".",
					   xdjy_clip(msgid), GetUserNameFromId(GetUserId(), false)),
			 errhint("Use a msgid of your own institution: its code, a timestamp and a sequence number, one per request.")));
}

/* ------------------------------------------------------------------------
 * 冲正 (2601)
 * ------------------------------------------------------------------------
 */

/*
 * Undo the message omsgid (interface oinfno) of the envelope's
 * institution: a message that took effect is given back (interface_undo),
 * a failed one had none; one that never arrived is voided, so that its
 * late arrival is refused (YB905).  Inside SPI, in the call's
 * subtransaction: a failed 冲正 leaves the original as it was.
 */
static Jsonb *
reverse_message(const Envelope *e, Datum *values, MemoryContext cxt)
{
	char	   *omsgid = TextDatumGetCString(values[1]);
	char	   *oinfno = TextDatumGetCString(values[2]);
	const Interface *target = find_interface(oinfno);
	XdjyUserContext saved;
	Datum		a[5];
	char	   *infno,
			   *state,
			   *code,
			   *by;
	bool		isnull;
	Datum		effect;
	Datum		undone = (Datum) 0;
	bool		undone_null = true;
	StringInfoData out;

	if (target == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INTERFACE_UNKNOWN),
				 errdetail("Field \"%s\" names interface \"%s\", which xdjy does not offer.",
						   "input.data.oinfno", xdjy_clip(oinfno)),
				 errhint("The interfaces offered are listed in the README (2201 to 5206).")));
	if (target->undo == UNDO_REFUSED)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REVERSAL_REFUSED),
				 errdetail("Message \"%s\" is interface %s, which 冲正 does not undo.",
						   xdjy_clip(omsgid), oinfno),
				 errhint("A cancellation (2305, 2208) or a revocation (2302) is corrected by a new request with its own msgid.")));

	a[0] = CStringGetTextDatum(omsgid);
	a[1] = CStringGetTextDatum(oinfno);
	a[2] = CStringGetTextDatum(e->fixmedins_code);
	a[3] = TimestampGetDatum(e->inf_time);
	a[4] = CStringGetTextDatum(e->msgid);
	xdjy_become_owner(log_table(), &saved);
	if (xdjy_plan_execute(&q_log_void, a, NULL, 0, SPI_OK_INSERT) == 1)
	{
		xdjy_restore_user(&saved);
		initStringInfo(&out);
		appendStringInfoString(&out, "{\"omsgid\": ");
		escape_json(&out, omsgid);
		appendStringInfoString(&out, ", \"state\": \"void\"}");
		return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(out.data)));
	}
	xdjy_restore_user(&saved);
	/* another institution's message: nothing of it is told (not YB906) */
	if (!xdjy_sees_text("transaction_log", "msgid", omsgid))
		message_not_available(omsgid);
	xdjy_become_owner(log_table(), &saved);
	xdjy_plan_execute(&q_log_lock, a, NULL, 1, SPI_OK_SELECT);
	xdjy_restore_user(&saved);
	infno = xdjy_spi_text(0, 1, CurrentMemoryContext);
	state = xdjy_spi_text(0, 2, CurrentMemoryContext);
	effect = xdjy_spi_value(0, 3, &isnull);
	if (!isnull)
		effect = datum_in(effect, CurrentMemoryContext);
	code = xdjy_spi_text(0, 4, CurrentMemoryContext);
	by = xdjy_spi_text(0, 5, CurrentMemoryContext);

	if (strcmp(infno, oinfno) != 0 || strcmp(code, e->fixmedins_code) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_REVERSAL_TARGET),
				 errdetail("Message \"%s\" is interface %s of institution \"%s\"; the 冲正 names interface %s of institution \"%s\".",
						   xdjy_clip(omsgid), infno, xdjy_clip(code), oinfno,
						   xdjy_clip(e->fixmedins_code)),
				 errhint("Name the message by its own msgid and interface number.")));
	if (strcmp(state, "reversed") == 0 || strcmp(state, "void") == 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_MESSAGE_REVERSED),
				 errdetail("Message \"%s\" was reversed by 冲正 \"%s\".",
						   xdjy_clip(omsgid), xdjy_clip(by ? by : "")),
				 errhint("A message is reversed once; retry that 冲正 with its own msgid to read its answer again.")));
	if (strcmp(state, "done") == 0 && target->undo == UNDO_EFFECT && !isnull)
	{
		a[0] = CStringGetTextDatum(oinfno);
		a[1] = effect;
		a[2] = DirectFunctionCall1(timestamp_date, TimestampGetDatum(e->inf_time));
		xdjy_plan_execute(&q_undo, a, NULL, 1, SPI_OK_SELECT);
		undone = xdjy_spi_value(0, 1, &undone_null);
		if (!undone_null)
			undone = datum_in(undone, CurrentMemoryContext);
	}
	a[0] = CStringGetTextDatum(omsgid);
	a[1] = CStringGetTextDatum(e->msgid);
	xdjy_become_owner(log_table(), &saved);
	xdjy_plan_execute(&q_log_reversed, a, NULL, 0, SPI_OK_UPDATE);
	xdjy_restore_user(&saved);

	initStringInfo(&out);
	appendStringInfoString(&out, "{\"omsgid\": ");
	escape_json(&out, omsgid);
	appendStringInfoString(&out, ", \"state\": ");
	escape_json(&out, strcmp(state, "done") == 0 ? "reversed" : "had no effect");
	if (!undone_null)
	{
		appendStringInfoString(&out, ", \"undone\": ");
		appendStringInfoString(&out, JsonbToCString(NULL, &DatumGetJsonbP(undone)->root, 0));
	}
	appendStringInfoChar(&out, '}');
	(void) cxt;
	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(out.data)));
}

/* ------------------------------------------------------------------------
 * call()
 * ------------------------------------------------------------------------
 */

typedef struct CallResult
{
	Jsonb	   *output;
	Jsonb	   *effect;
	ErrorData  *error;
} CallResult;

/*
 * Run fn in a subtransaction: an error is caught (as PL/pgSQL's WHEN
 * OTHERS, a cancel and a serialization failure passed on) and leaves no
 * effect.
 */
typedef void (*CallStep) (void *arg, CallResult *r, MemoryContext cxt);

static void
in_subtransaction(CallStep fn, void *arg, CallResult *r)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		fn(arg, r, cxt);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(cxt);
		r->error = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_END_TRY();

	if (r->error != NULL &&
		(r->error->sqlerrcode == ERRCODE_QUERY_CANCELED ||
		 r->error->sqlerrcode == ERRCODE_ASSERT_FAILURE ||
		 r->error->sqlerrcode == ERRCODE_T_R_SERIALIZATION_FAILURE ||
		 r->error->sqlerrcode == ERRCODE_T_R_DEADLOCK_DETECTED))
		ReThrowError(r->error);
}

typedef struct CheckArg
{
	Envelope   *e;
	const Interface *inf;
	Datum	   *values;
	char		nulls[MAX_FIELDS + 3];
} CheckArg;

static void
check_step(void *arg, CallResult *r, MemoryContext cxt)
{
	CheckArg   *c = (CheckArg *) arg;
	MemoryContext old = MemoryContextSwitchTo(cxt);

	read_envelope(c->e->request, c->e);
	c->inf = find_interface(c->e->infno);
	if (c->inf == NULL)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INTERFACE_UNKNOWN),
				 errdetail("Field \"%s\" names interface \"%s\", which xdjy does not offer.",
						   "infno", c->e->infno),
				 errhint("The interfaces offered are listed in the README (2201 to 5206).")));
	c->values = read_fields(c->inf, c->e, c->nulls);
	MemoryContextSwitchTo(old);
	(void) r;
}

/* the caller acts for the envelope's institution (inside SPI: the policy check) */
static void
institution_step(void *arg, CallResult *r, MemoryContext cxt)
{
	xdjy_spi_connect();
	check_institution((const Envelope *) arg);
	xdjy_spi_finish();
	(void) r;
	(void) cxt;
}

static void
run_step(void *arg, CallResult *r, MemoryContext cxt)
{
	CheckArg   *c = (CheckArg *) arg;
	bool		isnull;
	Datum		d;

	xdjy_spi_connect();
	if (c->inf->function == NULL)
	{
		Jsonb	   *out = reverse_message(c->e, c->values, cxt);

		r->output = (Jsonb *) DatumGetPointer(datum_in(JsonbPGetDatum(out), cxt));
	}
	else
	{
		xdjy_plan_execute(interface_plan(c->inf), c->values, c->nulls, 2, SPI_OK_SELECT);
		if (SPI_processed > 0)
		{
			d = xdjy_spi_value(0, 1, &isnull);
			if (!isnull)
				r->output = (Jsonb *) DatumGetPointer(datum_in(d, cxt));
			d = xdjy_spi_value(0, 2, &isnull);
			if (!isnull)
				r->effect = (Jsonb *) DatumGetPointer(datum_in(d, cxt));
		}
	}
	xdjy_spi_finish();
}

/*
 * The log's two writes in every call, its claim and its answer, go
 * through a row writer (row_write.c), not SPI: the same INSERT ... ON
 * CONFLICT DO NOTHING and UPDATE, the CHECK constraints and indexes
 * maintained, at half the cost.  Columns by name; what the table's
 * DEFAULT gives (logged_at: now()) is given here.
 */
typedef struct LogRow
{
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;
	bool	   *replace;
} LogRow;

static void
log_row_init(LogRow *r, XdjyRowWriter *w)
{
	r->desc = xdjy_row_writer_desc(w);
	r->values = palloc0(sizeof(Datum) * r->desc->natts);
	r->nulls = palloc(sizeof(bool) * r->desc->natts);
	r->replace = palloc0(sizeof(bool) * r->desc->natts);
	memset(r->nulls, true, sizeof(bool) * r->desc->natts);
}

static void
log_row_set(LogRow *r, const char *column, Datum value, bool isnull)
{
	int			att = SPI_fnumber(r->desc, column);

	if (att <= 0)
		elog(ERROR, "xdjy: transaction_log has no column \"%s\"", column);
	r->values[att - 1] = value;
	r->nulls[att - 1] = isnull;
	r->replace[att - 1] = true;
}

/* claim e's msgid: false if it was logged before (a concurrent claim waited for) */
static bool
log_claim(const Envelope *e, ItemPointer tid)
{
	XdjyRowWriter *w = xdjy_row_writer_open(log_table());
	LogRow		r;
	bool		claimed;

	log_row_init(&r, w);
	log_row_set(&r, "msgid", CStringGetTextDatum(e->msgid), false);
	log_row_set(&r, "infno", CStringGetTextDatum(e->infno), false);
	log_row_set(&r, "fixmedins_code", CStringGetTextDatum(e->fixmedins_code), false);
	log_row_set(&r, "request", JsonbPGetDatum(e->request), false);
	log_row_set(&r, "state", CStringGetTextDatum("pending"), false);
	log_row_set(&r, "inf_time", TimestampGetDatum(e->inf_time), false);
	log_row_set(&r, "logged_at", TimestampTzGetDatum(GetCurrentTransactionStartTimestamp()), false);
	claimed = xdjy_row_insert_if_absent(w, r.values, r.nulls, tid);
	xdjy_row_writer_close(w);
	return claimed;
}

/* the claimed row at tid: done or failed, with the response and the effect */
static void
log_finish(ItemPointer tid, const CallResult *run, Jsonb *response)
{
	XdjyRowWriter *w = xdjy_row_writer_open(log_table());
	LogRow		r;

	log_row_init(&r, w);
	log_row_set(&r, "state", CStringGetTextDatum(run->error ? "failed" : "done"), false);
	log_row_set(&r, "response", JsonbPGetDatum(response), false);
	log_row_set(&r, "effect", run->effect ? JsonbPGetDatum(run->effect) : (Datum) 0,
				run->effect == NULL);
	log_row_set(&r, "sqlstate",
				run->error ? CStringGetTextDatum(unpack_sql_state(run->error->sqlerrcode)) : (Datum) 0,
				run->error == NULL);
	xdjy_row_update(w, tid, r.values, r.nulls, r.replace);
	xdjy_row_writer_close(w);
}

/*
 * call(request jsonb) RETURNS jsonb: the platform's envelope in, its
 * response envelope out.  Never raises for a bad or refused request: the
 * answer is infcode -1 with the code and the message (in the language of
 * xdjy.language).
 */
Datum
xdjy_call(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;
	Envelope	e;
	CheckArg	c;
	CallResult	check;
	CallResult	scope;
	CallResult	run;
	XdjyUserContext saved;
	Datum		a[5];
	char		an[5] = {' ', ' ', ' ', ' ', ' '};
	Jsonb	   *response;
	char	   *err = NULL;
	bool		claimed;
	ItemPointerData logged;

	memset(&e, 0, sizeof(e));
	memset(&c, 0, sizeof(c));
	memset(&check, 0, sizeof(check));
	memset(&scope, 0, sizeof(scope));
	memset(&run, 0, sizeof(run));
	e.request = PG_GETARG_JSONB_P(0);
	c.e = &e;

	in_subtransaction(check_step, &c, &check);
	if (check.error != NULL && !e.ok)
	{
		/* no msgid to log it by: answered, not recorded */
		PG_RETURN_JSONB_P(build_response(&e, false, error_text(check.error), NULL, cxt));
	}

	/*
	 * In whose name: a caller outside the institution's scope is answered,
	 * not logged, so that the msgid stays its owner's.
	 */
	in_subtransaction(institution_step, &e, &scope);
	if (scope.error != NULL)
		PG_RETURN_JSONB_P(build_response(&e, false, error_text(scope.error), NULL, cxt));

	/* claim the msgid; a second session waits here for the first's commit */
	xdjy_become_owner(log_table(), &saved);
	claimed = log_claim(&e, &logged);
	xdjy_restore_user(&saved);
	if (!claimed)
	{
		bool		isnull;
		char	   *state;
		Datum		d;

		xdjy_spi_connect();
		a[0] = CStringGetTextDatum(e.msgid);
		a[1] = CStringGetTextDatum(e.infno);
		a[2] = CStringGetTextDatum(e.fixmedins_code);
		a[3] = e.input ? JsonbPGetDatum(e.input) : (Datum) 0;
		an[3] = e.input ? ' ' : 'n';
		/* another institution's message: YB911, nothing of it told, nothing logged */
		if (!xdjy_sees_text("transaction_log", "msgid", e.msgid))
		{
			PG_TRY();
			{
				message_not_available(e.msgid);
			}
			PG_CATCH();
			{
				MemoryContextSwitchTo(cxt);
				err = error_text(CopyErrorData());
				FlushErrorState();
			}
			PG_END_TRY();
			response = build_response(&e, false, err, NULL, cxt);
			xdjy_spi_finish();
			PG_RETURN_JSONB_P(response);
		}
		xdjy_become_owner(log_table(), &saved);
		if (xdjy_plan_execute(&q_log_read, a, an, 1, SPI_OK_SELECT) != 1)
			elog(ERROR, "xdjy: transaction_log row of msgid \"%s\" vanished", xdjy_clip(e.msgid));
		xdjy_restore_user(&saved);
		state = xdjy_spi_text(0, 1, cxt);
		if (strcmp(state, "void") == 0)
		{
			char	   *by = xdjy_spi_text(0, 4, cxt);

			PG_TRY();
			{
				ereport(ERROR,
						(xdjy_errcode(ERRCODE_XDJY_MSGID_VOIDED),
						 errdetail("Message \"%s\" was voided by 冲正 \"%s\" before it arrived.",
								   xdjy_clip(e.msgid), xdjy_clip(by)),
						 errhint("Send the request again with a new msgid if it is still wanted.")));
			}
			PG_CATCH();
			{
				MemoryContextSwitchTo(cxt);
				err = error_text(CopyErrorData());
				FlushErrorState();
			}
			PG_END_TRY();
			response = build_response(&e, false, err, NULL, cxt);
		}
		else if (!xdjy_spi_bool(0, 3, false))
		{
			PG_TRY();
			{
				ereport(ERROR,
						(xdjy_errcode(ERRCODE_XDJY_MSGID_REUSED),
						 errdetail("Message \"%s\" was received before with another interface, institution or input.",
								   xdjy_clip(e.msgid)),
						 errhint("Use one msgid per request; retry a request with its own msgid and the same input.")));
			}
			PG_CATCH();
			{
				MemoryContextSwitchTo(cxt);
				err = error_text(CopyErrorData());
				FlushErrorState();
			}
			PG_END_TRY();
			response = build_response(&e, false, err, NULL, cxt);
		}
		else
		{
			/* the same request again: the recorded answer, nothing else */
			d = xdjy_spi_value(0, 2, &isnull);
			response = (Jsonb *) DatumGetPointer(datum_in(d, cxt));
		}
		xdjy_spi_finish();
		PG_RETURN_JSONB_P(response);
	}

	if (check.error == NULL)
		in_subtransaction(run_step, &c, &run);
	else
		run.error = check.error;

	if (run.error != NULL)
		response = build_response(&e, false, error_text(run.error), NULL, cxt);
	else
		response = build_response(&e, true, NULL, run.output, cxt);
	xdjy_become_owner(log_table(), &saved);
	log_finish(&logged, &run, response);
	xdjy_restore_user(&saved);
	PG_RETURN_JSONB_P(response);
}

/* ------------------------------------------------------------------------
 * Checks the interface functions call
 * ------------------------------------------------------------------------
 */

static XdjyPlan q_encounter_person = XDJY_PLAN("interface encounter",
	"SELECT e.person_id FROM xdjy.encounter e WHERE e.id OPERATOR(pg_catalog.=) $1",
	1, INT8OID);

/* mdtrt_id names an encounter of psn_no (the caller's view of it) */
Datum
interface_check_encounter(PG_FUNCTION_ARGS)
{
	int64		id = PG_GETARG_INT64(0);
	char	   *psn = text_to_cstring(PG_GETARG_TEXT_PP(1));
	Datum		arg = Int64GetDatum(id);
	char	   *person = NULL;

	xdjy_spi_connect();
	if (xdjy_plan_read(&q_encounter_person, &arg, NULL, 1) == 1)
		person = xdjy_spi_text(0, 1, CurrentMemoryContext);
	xdjy_spi_finish();
	if (person == NULL || strcmp(person, psn) != 0)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INTERFACE_ENCOUNTER),
				 errdetail("No encounter %lld of person \"%s\" is known.",
						   (long long) id, xdjy_clip(psn)),
				 errhint("Send the mdtrt_id the admission (2401) or registration (2201) returned, with its psn_no.")));
	PG_RETURN_VOID();
}

static XdjyPlan q_med_type = XDJY_PLAN("interface med_type",
	"SELECT m.visit_type, m.emergency, m.trauma FROM xdjy.med_type_map_effective m"
	" WHERE m.med_type OPERATOR(pg_catalog.=) $1"
	"   AND (m.visit_type OPERATOR(pg_catalog.=) 'inpatient') OPERATOR(pg_catalog.=) $2"
	" ORDER BY m.visit_type, m.emergency, m.trauma LIMIT 1",
	2, TEXTOID, BOOLOID);

/* med_type 医疗类别 → visit_type, emergency, trauma */
Datum
interface_med_type(PG_FUNCTION_ARGS)
{
	Datum		args[2];
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	HeapTuple	tuple;
	MemoryContext cxt = CurrentMemoryContext;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "xdjy: interface_med_type must return a row");
	args[0] = PG_GETARG_DATUM(0);
	args[1] = PG_GETARG_DATUM(1);
	xdjy_spi_connect();
	if (xdjy_plan_read(&q_med_type, args, NULL, 1) != 1)
		ereport(ERROR,
				(xdjy_errcode(ERRCODE_XDJY_INTERFACE_MED_TYPE),
				 errdetail("Field \"%s\" is \"%s\", which is no %s medical type of med_type_map.",
						   "med_type", xdjy_clip(TextDatumGetCString(args[0])),
						   xdjy_tr(PG_GETARG_BOOL(1) ? XDJY_N_("inpatient") : XDJY_N_("outpatient"))),
				 errhint("Send a med_type of the mapping (xdjy.med_type_map_effective), e.g. 21 for an ordinary stay, 11 for an ordinary visit.")));
	values[0] = CStringGetTextDatum(xdjy_spi_text(0, 1, cxt));
	values[1] = BoolGetDatum(xdjy_spi_bool(0, 2, false));
	values[2] = BoolGetDatum(xdjy_spi_bool(0, 3, false));
	xdjy_spi_finish();
	tuple = heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(tuple));
}
