
--------------------------------------------------------------------------
-- Nodes: the three parties of reconciliation on their own
-- servers (三方对账, 鲁医保发〔2022〕26号 第四条(一)).  A province node
-- records its settlements and reports; the national hub receives them by
-- PostgreSQL's logical replication and reconciles.
--
-- What each role owns: the insured province decides and owns the filings,
-- ledgers and settlements of its insured (参保地政策); the treatment
-- province owns institutions, encounters and fee lines (就医地目录); the
-- hub owns the national record (its party 'national' reports) and the
-- reconciliation.
--
-- Keys: set_node() re-bases every identity sequence of the extension to
-- region_code * 10^12 + n, so ids made at two nodes never collide and keep
-- their identity in the hub, across dump/restore and re-subscription.
--
-- Accepted as decided: the apply worker runs with session_replication_role
-- = replica, so xdjy's triggers (ENABLE, i.e. origin only, by design) do
-- not fire for replicated rows: the hub re-runs no rule and consumes no
-- ledger; the province decided.  The one trigger that fires there is
-- node_receive (ENABLE REPLICA, on every table of node_tables()): a row
-- whose key the hub already holds is skipped when it is the same row, and
-- recorded in node_conflict when it differs (the hub keeps the first).
--------------------------------------------------------------------------

CREATE TABLE node (
	singleton		boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	role			text NOT NULL CHECK (role IN ('province', 'hub')),
	region_code		text NOT NULL CHECK (region_code ~ '^[1-9][0-9]{5}$'),
	set_at			timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE node IS
	'this database''s node (one row, set by set_node()): a province platform (province) or the national hub (hub) of three-party reconciliation (鲁医保发〔2022〕26号 第四条(一)); region_code is the node''s 6-digit region, the high digits of every id made here';
SELECT pg_catalog.pg_extension_config_dump('node', '');
GRANT SELECT ON node TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- the identity sequences of the extension's tables, found from the catalog
CREATE VIEW node_sequence WITH (security_invoker) AS
SELECT t.oid::pg_catalog.regclass AS table_name, a.attname AS column_name,
	s.oid::pg_catalog.regclass AS sequence_name
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_class s ON s.oid OPERATOR(pg_catalog.=) d.objid AND s.relkind OPERATOR(pg_catalog.=) 'S'
JOIN pg_catalog.pg_class t ON t.oid OPERATOR(pg_catalog.=) d.refobjid
JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) t.oid AND a.attnum OPERATOR(pg_catalog.=) d.refobjsubid
JOIN pg_catalog.pg_depend e ON e.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	AND e.objid OPERATOR(pg_catalog.=) t.oid AND e.deptype OPERATOR(pg_catalog.=) 'e'
	AND e.refobjid OPERATOR(pg_catalog.=) (SELECT x.oid FROM pg_catalog.pg_extension x WHERE x.extname OPERATOR(pg_catalog.=) 'xdjy')
WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	AND d.deptype OPERATOR(pg_catalog.=) 'i';
COMMENT ON VIEW node_sequence IS
	'the identity sequences of xdjy''s tables, which set_node() re-bases to region_code * 10^12 + n';
COMMENT ON COLUMN node_sequence.table_name IS 'the xdjy table / xdjy 的表';
COMMENT ON COLUMN node_sequence.column_name IS 'its identity column / 标识列';
COMMENT ON COLUMN node_sequence.sequence_name IS 'the column''s identity sequence / 标识列的序列';
GRANT SELECT ON node_sequence TO xdjy_admin;

-- set_node(role, region_code): records the node and re-bases the ids
CREATE FUNCTION set_node(role text, region_code text) RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_set_node' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION set_node(text, text) IS
	'sets this database''s node: role province or hub, region_code its 6-digit region; re-bases every identity sequence of xdjy to region_code * 10^12 + n, so ids never collide between nodes (三方对账, 鲁医保发〔2022〕26号 第四条(一)); refuses when ids (other than the builtin rows) exist outside that range';

-- the tables a province sends the hub; TRUNCATE is never replicated
CREATE FUNCTION node_tables() RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	RETURN ARRAY['xdjy.region', 'xdjy.institution', 'xdjy.person', 'xdjy.filing', 'xdjy.encounter',
		'xdjy.policy', 'xdjy.ratio_adjustment', 'xdjy.referral', 'xdjy.med_list', 'xdjy.fee_detail',
		'xdjy.settlement', 'xdjy.party_report'];
COMMENT ON FUNCTION node_tables() IS
	'the tables a province node publishes to the hub: the settlements and reports it decided and what they reference (region, institution, person, filing, encounter, policy, ratio_adjustment, referral, med_list, fee_detail), so the hub answers setlinfo, export_setlinfo and explain_settlement and can be dumped and restored';

-- publish_to_hub(): at a province node, the publication xdjy_to_hub and its
-- slot xdjy_hub (made first: a slot cannot be made after a write)
CREATE FUNCTION publish_to_hub() RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_publish_to_hub' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION publish_to_hub() IS
	'at a province node: publishes node_tables() (insert, update, delete; never truncate) as xdjy_to_hub, with the replication slot xdjy_hub the hub subscribes through';

-- subscribe_province(name, conninfo): at the hub, the subscription
-- xdjy_from_<name> through the province's slot (so no transaction block
-- is needed); calling it again after an outage re-enables it, and the slot
-- resumes where the hub confirmed: no gap, no duplicate
CREATE FUNCTION subscribe_province(name text, conninfo text) RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_subscribe_province' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION subscribe_province(text, text) IS
	'at the hub: subscribes to a province node''s xdjy_to_hub through its slot xdjy_hub as xdjy_from_<name>; rows arrive as decided (session_replication_role replica: no rule re-run, no ledger consumed); again after an outage: re-enabled, resuming from the slot';


-- The rows the hub received with a key it already held, but different: it
-- kept the first (kept) and skipped the one received (src/node_receive.c).
CREATE TABLE node_conflict (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	table_name		text NOT NULL,
	key				jsonb NOT NULL,
	subscription	text,
	kept			jsonb NOT NULL,
	received		jsonb NOT NULL,
	received_at		timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE node_conflict IS
	'at the hub: a row a province sent whose primary key the hub already held with other values (two provinces loading the same reference row differently); the hub kept the first and skipped the one received, instead of stalling apply (三方对账, 鲁医保发〔2022〕26号 第四条(一)); the DBA settles it at the provinces';
COMMENT ON COLUMN node_conflict.table_name IS 'the xdjy table the row was sent for';
COMMENT ON COLUMN node_conflict.key IS 'its primary key, column by column';
COMMENT ON COLUMN node_conflict.subscription IS 'the subscription it arrived through (xdjy_from_<province>); NULL when not received by replication';
COMMENT ON COLUMN node_conflict.kept IS 'the row the hub holds and kept';
COMMENT ON COLUMN node_conflict.received IS 'the row received and skipped';
SELECT pg_catalog.pg_extension_config_dump('node_conflict', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('xdjy.node_conflict', 'id'), '');
GRANT SELECT, DELETE ON node_conflict TO xdjy_admin;

-- node_receive_trigger(): BEFORE INSERT, ENABLE REPLICA on each table of
-- node_tables(): fires only in the hub's apply and copy workers
CREATE FUNCTION node_receive_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME', 'xdjy_node_receive_trigger' LANGUAGE C
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION node_receive_trigger() IS
	'at the hub, for a row received by logical replication (ENABLE REPLICA): the same row as one held is skipped, a different one with the same key is recorded in node_conflict and skipped (the hub keeps the first)';
CREATE TRIGGER node_receive BEFORE INSERT ON region FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE region ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON institution FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE institution ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON person FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE person ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON filing FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE filing ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON encounter FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE encounter ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON policy FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE policy ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON ratio_adjustment FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE ratio_adjustment ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON referral FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE referral ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON med_list FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE med_list ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON fee_detail FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE fee_detail ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON settlement FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE settlement ENABLE REPLICA TRIGGER node_receive;
CREATE TRIGGER node_receive BEFORE INSERT ON party_report FOR EACH ROW EXECUTE FUNCTION node_receive_trigger();
ALTER TABLE party_report ENABLE REPLICA TRIGGER node_receive;

-- record_national_reports(day): at the hub, the national party's report
-- (the national record, 国家跨省异地就医管理子系统) of each remote direct
-- settlement received for day that has none yet
CREATE FUNCTION record_national_reports(day date) RETURNS bigint
	AS 'MODULE_PATHNAME', 'xdjy_record_national_reports' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION record_national_reports(date) IS
	'at the hub: records the national party''s report (the national record of 三方对账, 鲁医保发〔2022〕26号 第四条(一)) of every remote direct settlement received and settled on day that has no national report yet, with the settlement''s amounts; returns how many; YB955 off the hub';

-- resubscribe_province(name, region_code, conninfo): at the hub, after an
-- outage that lost the subscription or the slot: the province's rows (ids
-- of region_code's range) are removed from the hub and copied again
CREATE FUNCTION resubscribe_province(name text, region_code text, conninfo text) RETURNS text
	AS 'MODULE_PATHNAME', 'xdjy_resubscribe_province' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION resubscribe_province(text, text, text) IS
	'at the hub, after an outage: drops xdjy_from_<name> (keeping the province''s slot xdjy_hub, which publish_to_hub() remakes if it was lost), removes the rows of node_tables() with ids of region_code''s range and subscribes again with a full copy: no duplicate (rows held by key are skipped by node_receive), no gap';

REVOKE ALL ON FUNCTION set_node(text, text), publish_to_hub(), subscribe_province(text, text),
	record_national_reports(date), resubscribe_province(text, text, text), node_receive_trigger() FROM PUBLIC;
