
--------------------------------------------------------------------------
-- Roles.  Created first: every table below grants to them and states its
-- row-level security beside its definition.
--------------------------------------------------------------------------

-- Three roles.
--   xdjy_admin     policy, calendar and reference data; reads everything;
--                  keeps the reconciliation imports and the clearing records.
--   xdjy_operator  a regional agency (经办机构): writes filings, encounters,
--                  settlements, claims, reports and clearing records only for
--                  the regions operator_region grants it, reads only those.
--   xdjy_analyst   reads the reporting views (and, because they run as the
--                  caller, exactly the columns they read; nothing else).
-- Roles belong to the cluster, not to the database: they are created here
-- when missing (NOLOGIN; grant them to login roles) and outlive DROP
-- EXTENSION.  pg_dump does not dump roles (pg_dumpall --roles-only does).
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'xdjy_admin') THEN
		CREATE ROLE xdjy_admin NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'xdjy_operator') THEN
		CREATE ROLE xdjy_operator NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'xdjy_analyst') THEN
		CREATE ROLE xdjy_analyst NOLOGIN;
	END IF;
END
$$;

GRANT USAGE ON SCHEMA xdjy TO xdjy_admin, xdjy_operator, xdjy_analyst;

-- Row-level security is FORCEd on every regional table: the owner is
-- filtered too (a superuser, as always, is not).
--
-- The rule triggers decide from rows the acting role may not see, and lock
-- rows it may not update: a person's filings, stays and settlements in
-- every region (one active long-term filing; overlapping stays;
-- expenses at the filed place), the person row that serialises them.
-- Under row-level security, run as an operator, they would decide from a
-- part of the data (a Weihai operator registering the stay of a Jinan
-- insured would find no such person).  So they run as the extension's
-- owner, like PostgreSQL's own foreign-key checks: each is declared
-- SECURITY DEFINER with a fixed search_path; their queries are fixed,
-- schema-qualified and take only the row's values as parameters.  The row
-- itself is still checked against the acting role's policies (WITH CHECK)
-- after them.  Nobody may attach them to a table of their own (EXECUTE
-- revoked; a trigger fires without it).  Three trigger functions are not
-- rules and run as the caller: the guard of builtin rows
-- (builtin_guard_trigger), the cache invalidation (cache_changed_trigger)
-- and the filing history (filing_history_trigger, which records who acted
-- and then writes the history with the owner's rights).
-- xdjy_restoring() asks whether the session's role, not the definer, is a
-- superuser (src/restore.c).  test/pgtap/360_catalogue.sql pins which
-- trigger functions run as the owner.
