-- Nodes (schema/18_nodes.sql, src/node.c): the refusals of set_node(),
-- publish_to_hub() and subscribe_province(), each with its YB SQLSTATE at
-- its edge, and set_node()'s re-basing of the ids (region_code * 10^12 + n)
-- in one database.  What needs a second cluster (publishing, subscribing,
-- replicating, resuming after an outage) is test/t/980_nodes_replication.sh.
BEGIN;
SELECT plan(36);
SET LOCAL search_path = xdjy, public;
\ir include/helpers.sql

-- set_node: role -----------------------------------------------------------------
SELECT throws_ok($$SELECT xdjy.set_node('primary', '370000')$$, 'YB951',
	'node role must be province or hub', 'set_node: a role other than province or hub is YB951');
SELECT throws_ok($$SELECT xdjy.set_node('Province', '370000')$$, 'YB951', NULL, 'the role is lower-case');
SELECT throws_ok($$SELECT xdjy.set_node(NULL, '370000')$$, 'YB951', NULL, 'a NULL role is YB951');
SELECT is(pg_temp.detail_of($$SELECT xdjy.set_node('primary', '370000')$$),
	'The node role given is ''primary''.', 'the detail names the role given');

-- set_node: region code ----------------------------------------------------------
SELECT throws_ok($$SELECT xdjy.set_node('province', '37000')$$, 'YB952',
	'node region code must be 6 digits', 'set_node: a 5-digit region code is YB952');
SELECT throws_ok($$SELECT xdjy.set_node('province', '3700000')$$, 'YB952', NULL, 'a 7-digit region code is YB952');
SELECT throws_ok($$SELECT xdjy.set_node('province', '070000')$$, 'YB952', NULL, 'a region code starting with 0 is YB952');
SELECT throws_ok($$SELECT xdjy.set_node('province', '37000a')$$, 'YB952', NULL, 'a region code of letters is YB952');
SELECT throws_ok($$SELECT xdjy.set_node('province', NULL)$$, 'YB952', NULL, 'a NULL region code is YB952');
SELECT is(pg_temp.detail_of($$SELECT xdjy.set_node('province', '3700000')$$),
	'The node region code given is ''3700000''.', 'the detail names the region code given');
SELECT is((SELECT count(*) FROM xdjy.node), 0::bigint, 'nothing was recorded');

-- no node set yet -----------------------------------------------------------------
SELECT throws_ok($$SELECT xdjy.publish_to_hub()$$, 'YB954',
	'only a province node publishes to the hub', 'publish_to_hub before set_node is YB954');
SELECT is(pg_temp.detail_of($$SELECT xdjy.publish_to_hub()$$), 'This node: not set.', 'the detail: not set');
SELECT throws_ok($$SELECT xdjy.subscribe_province('shandong', 'host=/nonexistent')$$, 'YB955',
	'only the hub subscribes to provinces and keeps the national record', 'subscribe_province before set_node is YB955');

-- ids outside the range -------------------------------------------------------------
INSERT INTO party_report (id, party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
VALUES (7, 'treatment', 8501, '2024-10-17', 1, 1, 0);
SELECT throws_ok($$SELECT xdjy.set_node('province', '370000')$$, 'YB953',
	'ids exist outside the node''s range', 'set_node after a row was made with an id below the range is YB953');
SELECT is(pg_temp.detail_of($$SELECT xdjy.set_node('province', '370000')$$),
	'xdjy.party_report.id holds ids 7 to 7; the range of region 370000 is 370000000000000001 to 370000999999999999.',
	'the detail names the table, its ids and the range');
UPDATE party_report SET id = 370000000000000000 WHERE settlement_id = 8501;
SELECT throws_ok($$SELECT xdjy.set_node('province', '370000')$$, 'YB953', NULL, 'an id of region * 10^12 is below the range');
UPDATE party_report SET id = 370001000000000000 WHERE settlement_id = 8501;
SELECT throws_ok($$SELECT xdjy.set_node('province', '370000')$$, 'YB953', NULL, 'an id of region * 10^12 + 10^12 is above it');
UPDATE party_report SET id = 370000999999999999 WHERE settlement_id = 8501;
SELECT throws_ok($$SELECT xdjy.set_node('province', '370000')$$, 'YB953', NULL,
	'an id at the top of the range leaves no next id: YB953');
UPDATE party_report SET id = 370000999999999998 WHERE settlement_id = 8501;
SELECT is(xdjy.set_node('province', '370000'), 'province 370000: '
		|| (SELECT count(*) FROM xdjy.node_sequence) || ' sequences from 370000000000000001',
	'the id below the top is in the range: set_node re-bases every sequence');
SELECT is(nextval(pg_get_serial_sequence('xdjy.party_report', 'id')), 370000999999999999::bigint,
	'and the sequence continues after the highest id');
DELETE FROM party_report WHERE settlement_id = 8501;

-- a province --------------------------------------------------------------------------
SELECT is(xdjy.set_node('province', '370000'), 'province 370000: '
		|| (SELECT count(*) FROM xdjy.node_sequence) || ' sequences from 370000000000000001',
	'set_node(province, 370000) with no rows');
SELECT is((SELECT role || ' ' || region_code FROM xdjy.node), 'province 370000', 'the node is recorded');
SELECT throws_ok($$SELECT xdjy.subscribe_province('shandong', 'host=/nonexistent')$$, 'YB955', NULL,
	'subscribe_province at a province is YB955');
SELECT is(pg_temp.detail_of($$SELECT xdjy.subscribe_province('shandong', 'host=/nonexistent')$$),
	'This node: province.', 'the detail names the node''s role');

-- the hub --------------------------------------------------------------------------------
SELECT is(xdjy.set_node('hub', '100000'), 'hub 100000: '
		|| (SELECT count(*) FROM xdjy.node_sequence) || ' sequences from 100000000000000001',
	'set_node(hub, 100000) replaces the node');
SELECT throws_ok($$SELECT xdjy.publish_to_hub()$$, 'YB954', NULL, 'publish_to_hub at the hub is YB954');
SELECT throws_ok($$SELECT xdjy.subscribe_province('Shandong', 'host=/nonexistent')$$, 'YB956',
	'province name must be lower-case letters, digits and _', 'a province name with a capital is YB956');
SELECT throws_ok($$SELECT xdjy.subscribe_province('', 'host=/nonexistent')$$, 'YB956', NULL, 'an empty province name is YB956');
SELECT throws_ok($$SELECT xdjy.subscribe_province(repeat('a', 41), 'host=/nonexistent')$$, 'YB956', NULL,
	'a province name of 41 characters is YB956');
SELECT throws_ok($$SELECT xdjy.subscribe_province(NULL, 'host=/nonexistent')$$, 'YB956', NULL, 'a NULL province name is YB956');
SELECT throws_ok($$SELECT xdjy.subscribe_province('shandong', NULL)$$, 'YB957',
	'no connection string for the province', 'a NULL connection string is YB957');

-- the ids made now are the hub's ----------------------------------------------------------
INSERT INTO party_report (party, settlement_id, reported_on, total_fen, fund_fen, personal_fen)
VALUES ('treatment', 8502, '2024-10-17', 1, 1, 0);
SELECT is((SELECT id FROM party_report WHERE settlement_id = 8502), 100000000000000001::bigint,
	'the first id made at the hub is 100000 * 10^12 + 1');

-- node_receive judges received rows only ---------------------------------------------------
-- A DBA's ENABLE TRIGGER USER turns the ENABLE REPLICA trigger on for origin
-- rows too: a node's own duplicate must still be 23505, not skipped.
SELECT is((SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'node_receive' AND tgrelid = 'xdjy.region'::regclass),
	'R', 'node_receive is ENABLE REPLICA on region');
ALTER TABLE region ENABLE TRIGGER USER;
SELECT throws_ok($$INSERT INTO region VALUES ('370100', '济南市', 'Jinan', 'city', '370000')$$, '23505', NULL,
	'with node_receive enabled for origin rows, a duplicate region of the node itself is still 23505');
ALTER TABLE region ENABLE REPLICA TRIGGER node_receive;
SET LOCAL session_replication_role = replica;
SELECT lives_ok($$INSERT INTO region VALUES ('370100', '济南市', 'Jinan', 'city', '370000')$$,
	'as replica (apply), the same row received again is skipped');
RESET session_replication_role;

SELECT * FROM finish();
ROLLBACK;
