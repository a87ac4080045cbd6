/*
 * xdjy--1.0--1.1.sql: carries a 1.0 database to 1.1 with every row kept
 * (ALTER EXTENSION xdjy UPDATE).  test/t/070_upgrade.sh compares the result
 * with a fresh 1.1 install, object by object and row by row.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "ALTER EXTENSION xdjy UPDATE TO '1.1'" to load this file. \quit

-- filing_at() and filing_exempt() only read (declared VOLATILE in 1.0); they
-- read regions through the backend's reference cache, so the leader runs
-- them (PARALLEL RESTRICTED)
ALTER FUNCTION filing_at(text, text, date) STABLE PARALLEL RESTRICTED;
ALTER FUNCTION filing_exempt(text, text, date) STABLE PARALLEL RESTRICTED;
