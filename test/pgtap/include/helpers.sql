-- What a failing statement says beyond its SQLSTATE and message (pgTAP's
-- throws_ok checks only those two): each function runs the statement and
-- returns part of the error it raised, or 'no error' if it succeeded, so a
-- test that expected an error fails with a readable diagnostic.  Included
-- with \ir by the pgTAP files that need them, inside their transaction;
-- they live in pg_temp and go with the rollback.
--   error_of(sql)   'SQLSTATE: message | detail | hint'
--   detail_of(sql)  errdetail ('' if the error has none)
--   hint_of(sql)    errhint ('' if the error has none)
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	c text;
	m text;
	d text;
	h text;
BEGIN
	EXECUTE sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS c = RETURNED_SQLSTATE, m = MESSAGE_TEXT,
		d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
	RETURN c || ': ' || m || ' | ' || d || ' | ' || h;
END $$;

CREATE FUNCTION pg_temp.detail_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	d text;
BEGIN
	EXECUTE sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN d;
END $$;

CREATE FUNCTION pg_temp.hint_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	h text;
BEGIN
	EXECUTE sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN h;
END $$;
