-- The per-backend cache of reference data and calendar
-- (src/reference_cache.c) under changing roles.  It is read as
-- the tables' owner, so the copy does not depend on the role whose call
-- read it (an analyst may not read xdjy.policy, yet its call may be the one
-- that reads the copy); a function answering its caller from the copy
-- refuses what a query of the table would refuse that caller (42501), at
-- once after a GRANT or REVOKE; SECURITY DEFINER functions answer with
-- their owner's rights.  The calendar is public.
BEGIN;
SELECT plan(12);
SET LOCAL search_path = xdjy, public;

CREATE ROLE t8_analyst NOLOGIN IN ROLE xdjy_analyst;
CREATE ROLE t8_operator NOLOGIN IN ROLE xdjy_operator;
CREATE ROLE t8_nobody NOLOGIN;
GRANT USAGE ON SCHEMA xdjy TO t8_nobody;
CREATE FUNCTION public.t8_exempt_as_operator(a text, b text, d date) RETURNS boolean
	LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$ SELECT xdjy.filing_exempt(a, b, d) $$;
ALTER FUNCTION public.t8_exempt_as_operator(text, text, date) OWNER TO t8_operator;
CREATE FUNCTION public.t8_exempt_as_analyst(a text, b text, d date) RETURNS boolean
	LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$ SELECT xdjy.filing_exempt(a, b, d) $$;
ALTER FUNCTION public.t8_exempt_as_analyst(text, text, date) OWNER TO t8_analyst;

-- a change of each part: the next call, the analyst's, reads both again
INSERT INTO region (code, name_zh, level, parent_code) VALUES ('379931', '角色', 'county', '370100');
INSERT INTO holiday VALUES ('2027-01-04', false, 'test: a Monday off', false);

SET LOCAL ROLE t8_analyst;
SELECT is(filing_exempt('379931', '110000', '2024-01-01'), false,
	'the analyst''s call reads the reference copy, policies included: cross-province, not exempt');
SELECT throws_ok($$SELECT filing_exempt('379931', '370800', '2024-01-01')$$, '42501', 'permission denied for table filing_exemption',
	'the answer from xdjy.filing_exemption is refused to the analyst, as a query of it is');
SELECT is(add_working_days('2027-01-01', 1), '2027-01-05'::date,
	'the analyst''s call reads the calendar, with the new day off');
SELECT is(t8_exempt_as_operator('379931', '370800', '2024-01-01'), true,
	'SECURITY DEFINER: the operator''s function answers the analyst with the operator''s rights');
RESET ROLE;

SET LOCAL ROLE t8_operator;
SELECT is(filing_exempt('379931', '370800', '2024-01-01'), true,
	'鲁医保发〔2021〕46号 第二条(三): the copy the analyst''s call read answers the operator, who may read the exemptions');
RESET ROLE;
SELECT is(filing_exempt('379931', '370800', '2024-01-01'), true, 'and the owner');
SELECT throws_ok($$SELECT t8_exempt_as_analyst('379931', '370800', '2024-01-01')$$, '42501', 'permission denied for table filing_exemption',
	'the analyst''s SECURITY DEFINER function refuses even a superuser');

GRANT SELECT ON filing_exemption TO t8_analyst;
SET LOCAL ROLE t8_analyst;
SELECT is(filing_exempt('379931', '370800', '2024-01-01'), true, 'a GRANT takes effect at once');
RESET ROLE;
REVOKE SELECT ON filing_exemption FROM t8_analyst;
SET LOCAL ROLE t8_analyst;
SELECT throws_ok($$SELECT filing_exempt('379931', '370800', '2024-01-01')$$, '42501', 'permission denied for table filing_exemption',
	'and so does a REVOKE');
RESET ROLE;

SET LOCAL ROLE t8_nobody;
SELECT throws_ok($$SELECT filing_exempt('370100', '370800', '2024-01-01')$$, '42501', 'permission denied for table region',
	'a role that may not read xdjy.region is refused the pooling region of a code');
SELECT throws_ok($$SELECT * FROM filing_at('jinan-emp-1', '370100', '2024-01-01')$$, '42501', 'permission denied for table region',
	'by filing_at() too');
SELECT is(is_working_day('2027-01-04'), false, 'but it counts working days: the calendar is public');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
