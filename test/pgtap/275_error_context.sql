-- An error raised while a C function of xdjy runs one of its internal
-- queries shows a short context naming that query, not the internal SQL
-- text (src/spi_plans.c).
BEGIN;
SELECT plan(6);
\ir include/settlement_data.sql
\ir include/helpers.sql

CREATE FUNCTION pg_temp.context_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	c text;
BEGIN
	EXECUTE sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS c = PG_EXCEPTION_CONTEXT;
	RETURN c;
END $$;

INSERT INTO person (id, name, insured_region, scheme) VALUES ('SETL-CX1', 'context', '370100', 'employee');
INSERT INTO encounter (id, person_id, institution_code, visit_type, admitted_on, discharged_on, trauma, third_party) VALUES
	(959001, 'SETL-CX1', 'SETL-SH-H3', 'inpatient', '2024-09-01', '2024-09-05', true, true);
INSERT INTO manual_claim (id, encounter_id, invoice_no, total_fen, submitted_on, materials_complete_on)
VALUES (959101, 959001, 'SETL-CX-1', 300000, '2024-09-10', '2024-09-10');

CREATE TEMP TABLE ctx AS
SELECT pg_temp.context_of($$SELECT xdjy.decide_manual_claim(959101, '2024-09-20')$$) AS claim,
	pg_temp.context_of($$SELECT xdjy.settle(959001, 100, 0, 'SETL-CX-2', '2024-09-06')$$) AS settle;
SELECT unalike((SELECT claim FROM ctx), '%INSERT INTO%', 'decide_manual_claim: the internal INSERT is not shown');
SELECT is(split_part((SELECT claim FROM ctx), E'\n', 1), 'xdjy: internal query "claim settle"',
	'the context''s first line names the xdjy query, nothing of its SQL');
SELECT alike((SELECT claim FROM ctx), 'xdjy: internal query "claim settle"%', 'the context names the xdjy query');
SELECT is(pg_temp.error_of($$SELECT xdjy.decide_manual_claim(959101, '2024-09-20')$$),
	pg_temp.error_of($$SELECT xdjy.settle(959001, 300000, 0, 'SETL-CX-1', '2024-09-20', 'manual')$$),
	'code, message, detail and hint are those of the rule, unchanged');
SELECT unalike((SELECT settle FROM ctx), '%xdjy: internal query%', 'a rule fired by the caller''s own statement keeps its context');

SELECT is(split_part((SELECT claim FROM ctx), E'\n', 2),
	'SQL statement "SELECT xdjy.decide_manual_claim(959101, ''2024-09-20'')"',
	'the caller''s own contexts follow, as they were');

SELECT * FROM finish();
ROLLBACK;
