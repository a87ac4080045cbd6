
--------------------------------------------------------------------------
-- Data safety: DROP EXTENSION xdjy does not drop users' data unasked.
-- Every table users fill is a member of the extension, so DROP EXTENSION
-- xdjy, without CASCADE, would drop them with their rows.  The guard
-- refuses (YB002) while any of them holds a row pg_dump would keep; an
-- empty install drops as usual; a superuser who means it sets
-- xdjy.allow_drop_with_data = on first.  The event trigger is a member of
-- the extension: pg_dump leaves it to CREATE EXTENSION, and DROP
-- EXTENSION drops it with the rest.
--------------------------------------------------------------------------

-- SECURITY DEFINER: it counts rows as its owner, the superuser who created
-- the extension, past row-level security (src/drop_guard.c)
CREATE FUNCTION drop_guard_event_trigger() RETURNS event_trigger
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE PARALLEL UNSAFE
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION drop_guard_event_trigger() FROM PUBLIC;
COMMENT ON FUNCTION drop_guard_event_trigger() IS
	'refuses a DROP EXTENSION or DROP SCHEMA ... CASCADE that would drop xdjy while its tables hold rows users entered (YB002), unless xdjy.allow_drop_with_data is on';

CREATE EVENT TRIGGER xdjy_drop_guard ON ddl_command_start
	WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
	EXECUTE FUNCTION drop_guard_event_trigger();
COMMENT ON EVENT TRIGGER xdjy_drop_guard IS
	'DROP EXTENSION xdjy (and DROP SCHEMA xdjy CASCADE) fails with YB002 while xdjy holds data users entered';
