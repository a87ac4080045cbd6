
--------------------------------------------------------------------------
-- Operations: what a support request needs to know about an install, and
-- the daily reconciliation recorded on a schedule.
--------------------------------------------------------------------------

-- version ------------------------------------------------------------------

CREATE FUNCTION library_build() RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_library_build' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION library_build() IS
	'the shared library''s build: the xdjy version it was built as and the PostgreSQL major version of the headers it was compiled against, e.g. "xdjy 1.1 for PostgreSQL 15"';

-- For a support request: the extension's SQL version (which stays at the
-- old one until ALTER EXTENSION xdjy UPDATE), the library serving it, the
-- server, and the policy documents loaded (the builtin ones and those a
-- DBA added).  Call it qualified, xdjy.version(): pg_catalog.version()
-- comes first in every search_path that does not name pg_catalog.
CREATE FUNCTION version(OUT extension_version text, OUT library_build text,
		OUT server_version text, OUT policy_documents bigint, OUT policy_document_codes text[])
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT (SELECT e.extversion::text FROM pg_catalog.pg_extension e WHERE e.extname = 'xdjy'),
		xdjy.library_build(),
		pg_catalog.current_setting('server_version'),
		(SELECT pg_catalog.count(*) FROM xdjy.policy_document),
		(SELECT pg_catalog.array_agg(d.code ORDER BY d.code COLLATE "C") FROM xdjy.policy_document d);
END;
COMMENT ON FUNCTION version() IS
	'for support requests: the extension''s version (pg_extension), the shared library''s build, the server version and the policy documents loaded (xdjy.policy_document), in one row';
GRANT EXECUTE ON FUNCTION version() TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- daily reconciliation -----------------------------------------------------

-- The national subsystem generates the statement of each day (鲁医保发
-- 〔2022〕26号 第四条(一)); reconciliation_mismatch shows the mismatches as
-- they stand now.  reconciliation_day keeps, per business day, what the
-- reconciliation of that day was when it was recorded, so that analysts
-- can chart matches and mismatches over time.  A day is recorded by
-- record_daily_reconciliation(day), by hand or by the pg_cron job that
-- schedule_daily_reconciliation(at) registers; recording a day again (a
-- late or corrected report) replaces its row.  The counts are computed,
-- never typed: the admin reads and deletes rows, writes come from the
-- function (as the admin or a superuser, who read every region).  The
-- rows are not regional, so operators, who read only their regions, do
-- not read them; analysts do.
CREATE TABLE reconciliation_day (
	day						date PRIMARY KEY,
	settlements				bigint NOT NULL,
	matched					bigint NOT NULL,
	mismatched				bigint NOT NULL,
	missing_at_insured		bigint NOT NULL,
	missing_at_treatment	bigint NOT NULL,
	missing_at_national		bigint NOT NULL,
	amount_differs			bigint NOT NULL,
	unknown_settlements		bigint NOT NULL,
	recorded_at				timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT reconciliation_day_day_finite CHECK (pg_catalog.isfinite(day)),
	CONSTRAINT reconciliation_day_counts CHECK (
		matched OPERATOR(pg_catalog.>=) 0 AND mismatched OPERATOR(pg_catalog.>=) 0
		AND matched OPERATOR(pg_catalog.+) mismatched OPERATOR(pg_catalog.=) settlements
		AND missing_at_insured OPERATOR(pg_catalog.>=) 0 AND missing_at_treatment OPERATOR(pg_catalog.>=) 0
		AND missing_at_national OPERATOR(pg_catalog.>=) 0 AND amount_differs OPERATOR(pg_catalog.>=) 0
		AND unknown_settlements OPERATOR(pg_catalog.>=) 0)
);
COMMENT ON TABLE reconciliation_day IS
	'daily three-party reconciliation as recorded (鲁医保发〔2022〕26号 第四条(一)): per business day, the remote direct settlements, how many matched, and the mismatches by kind; filled by record_daily_reconciliation()';
COMMENT ON COLUMN reconciliation_day.day IS 'the business day: settlement day, or report day of an unknown settlement / 业务日期：结算日期（未知结算为报送日期）';
COMMENT ON COLUMN reconciliation_day.settlements IS 'remote direct settlements of the day / 当日异地直接结算笔数';
COMMENT ON COLUMN reconciliation_day.matched IS 'settlements all three parties reported with the same amounts / 三方金额一致的结算笔数';
COMMENT ON COLUMN reconciliation_day.mismatched IS 'settlements missing at a party or with a differing amount / 缺报或金额不符的结算笔数';
COMMENT ON COLUMN reconciliation_day.missing_at_insured IS 'settlements the insured party has not reported / 参保地缺报笔数';
COMMENT ON COLUMN reconciliation_day.missing_at_treatment IS 'settlements the treatment party has not reported / 就医地缺报笔数';
COMMENT ON COLUMN reconciliation_day.missing_at_national IS 'settlements the national party has not reported / 国家平台缺报笔数';
COMMENT ON COLUMN reconciliation_day.amount_differs IS 'settlements whose amounts differ at a party / 金额不符笔数';
COMMENT ON COLUMN reconciliation_day.unknown_settlements IS 'settlement ids a party reported that day that xdjy does not know / 当日对方报送而本系统无此结算的笔数';
COMMENT ON COLUMN reconciliation_day.recorded_at IS 'when the day was last recorded / 最近一次记录时间';
SELECT pg_catalog.pg_extension_config_dump('reconciliation_day', '');
ALTER TABLE reconciliation_day ENABLE ROW LEVEL SECURITY;
ALTER TABLE reconciliation_day FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON reconciliation_day TO xdjy_admin;
GRANT SELECT ON reconciliation_day TO xdjy_analyst;
CREATE POLICY reconciliation_day_admin ON reconciliation_day TO xdjy_admin USING (true) WITH CHECK (true);
CREATE POLICY reconciliation_day_analyst ON reconciliation_day FOR SELECT TO xdjy_analyst USING (true);
CREATE TRIGGER business_dates BEFORE INSERT OR UPDATE ON reconciliation_day
	FOR EACH ROW EXECUTE FUNCTION business_dates_trigger('day');

-- Records one business day from reconciliation_mismatch (the latest report
-- of each party) and remote_direct_settlement; a second call for the day
-- replaces its row.  The caller's rights: run it as the admin or a
-- superuser, who read every region.
CREATE FUNCTION record_daily_reconciliation(day date DEFAULT CURRENT_DATE - 1)
	RETURNS reconciliation_day
	LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT xdjy.check_business_date(record_daily_reconciliation.day, 'record_daily_reconciliation(day)');
	INSERT INTO xdjy.reconciliation_day AS r (day, settlements, matched, mismatched,
		missing_at_insured, missing_at_treatment, missing_at_national, amount_differs,
		unknown_settlements, recorded_at)
	SELECT record_daily_reconciliation.day, s.settlements, s.settlements OPERATOR(pg_catalog.-) m.mismatched,
		m.mismatched, m.missing_at_insured, m.missing_at_treatment, m.missing_at_national,
		m.amount_differs, m.unknown_settlements, pg_catalog.now()
	FROM (SELECT pg_catalog.count(*) AS settlements
			FROM xdjy.remote_direct_settlement rd
			WHERE rd.settled_on OPERATOR(pg_catalog.=) record_daily_reconciliation.day) s,
		(SELECT pg_catalog.count(DISTINCT x.settlement_id)
				FILTER (WHERE x.kind OPERATOR(pg_catalog.<>) 'unknown_settlement') AS mismatched,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'missing_at_insured') AS missing_at_insured,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'missing_at_treatment') AS missing_at_treatment,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'missing_at_national') AS missing_at_national,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'amount_differs') AS amount_differs,
			pg_catalog.count(*) FILTER (WHERE x.kind OPERATOR(pg_catalog.=) 'unknown_settlement') AS unknown_settlements
			FROM xdjy.reconciliation_mismatch x
			WHERE x.day OPERATOR(pg_catalog.=) record_daily_reconciliation.day) m
	ON CONFLICT (day) DO UPDATE SET settlements = excluded.settlements, matched = excluded.matched,
		mismatched = excluded.mismatched, missing_at_insured = excluded.missing_at_insured,
		missing_at_treatment = excluded.missing_at_treatment, missing_at_national = excluded.missing_at_national,
		amount_differs = excluded.amount_differs, unknown_settlements = excluded.unknown_settlements,
		recorded_at = excluded.recorded_at
	RETURNING r.*;
END;
COMMENT ON FUNCTION record_daily_reconciliation(date) IS
	'records the three-party reconciliation of one business day (default yesterday) in reconciliation_day, replacing an earlier record of the day (鲁医保发〔2022〕26号 第四条(一)); returns the row';
REVOKE EXECUTE ON FUNCTION record_daily_reconciliation(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_daily_reconciliation(date) TO xdjy_admin;

-- Registers record_daily_reconciliation() as the daily pg_cron job
-- "xdjy-daily-reconciliation" at the time of day at, in the session's
-- TimeZone (src/schedule.c); calling it again reschedules that job.
-- pg_cron is optional: it is looked for when the function is called, and
-- without it the function says what to install (YB010, YB011).
CREATE FUNCTION schedule_daily_reconciliation("at" time) RETURNS bigint
	AS 'MODULE_PATHNAME', 'xdjy_schedule_daily_reconciliation' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION schedule_daily_reconciliation(time) IS
	'registers (or reschedules) the pg_cron job xdjy-daily-reconciliation that records yesterday''s reconciliation every day at "at", a time of day in the session''s TimeZone (鲁医保发〔2022〕26号 第四条(一)); returns the job id; YB010/YB011 without a usable pg_cron, YB012 for a time that is not a whole minute';
REVOKE EXECUTE ON FUNCTION schedule_daily_reconciliation(time) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION schedule_daily_reconciliation(time) TO xdjy_admin;
