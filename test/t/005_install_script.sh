#!/usr/bin/env bash
# The 1.1 install script reads as a data model (it is built from schema/):
# each table is one CREATE TABLE, so the only ALTER TABLE statements are
# the ones CREATE TABLE has no form for (row-level security, ENABLE ALWAYS
# triggers); no DO block sets function properties (each CREATE FUNCTION
# states its own SECURITY DEFINER, search_path, volatility); no section
# markers or internal references; no CREATE OR REPLACE.  The released 1.0
# script is frozen byte for byte.
set -uo pipefail
cd "$(dirname "$0")/../.."
script=xdjy--1.1.sql
[ -s "$script" ] || { echo "Bail out! $script not built (make)"; exit 1; }
echo "1..6"

bad=$(grep -nE '^\s*ALTER TABLE' "$script" |
	grep -vE 'ALTER TABLE [a-z_]+ (ENABLE|FORCE) ROW LEVEL SECURITY;|ALTER TABLE [a-z_]+ ENABLE (ALWAYS|REPLICA) TRIGGER [a-z_]+;')
[ -z "$bad" ] && echo "ok 1 - no ALTER TABLE but row-level security and ENABLE ALWAYS or REPLICA" ||
	{ echo "not ok 1 - ALTER TABLE on a table the script creates"; echo "$bad" | sed 's/^/# /'; }

# a DO block may create roles; none may alter functions or loop over the catalog
bad=$(awk '/^DO /{d=1} d{print FILENAME":"FNR": "$0} /^\$\$;|^\$[a-z_]+\$;/{d=0}' "$script" |
	grep -iE 'ALTER FUNCTION|EXECUTE|FOREACH|FOR [a-z]+ IN')
[ -z "$bad" ] && echo "ok 2 - no DO block sets function properties or loops" ||
	{ echo "not ok 2 - DO block that loops or alters"; echo "$bad" | sed 's/^/# /'; }

bad=$(grep -nE '^\s*ALTER FUNCTION|CREATE OR REPLACE' "$script")
[ -z "$bad" ] && echo "ok 3 - no ALTER FUNCTION, no CREATE OR REPLACE" ||
	{ echo "not ok 3 - function altered after its definition"; echo "$bad" | sed 's/^/# /'; }

bad=$(grep -nE -- '-- ==|[Ii]ssue #?[0-9]' "$script")
[ -z "$bad" ] && echo "ok 4 - no section markers, no issue numbers" ||
	{ echo "not ok 4 - section marker or issue number"; echo "$bad" | sed 's/^/# /'; }

# every trigger function defined in C either runs as the owner (a rule) or
# is one of the seven that act as the caller, and says so on its definition.
# A rule runs as the owner by SECURITY DEFINER on its definition (comments
# do not count) or by switching in C: its entry in src/ is
# xdjy_trigger_as_owner (src/owner.c)
bad=$(awk 'BEGIN{RS=";\n"} {gsub(/(^|\n)--[^\n]*/, "")} /CREATE FUNCTION [a-z_]+\(\) RETURNS trigger/ && /LANGUAGE C/ && !/SECURITY DEFINER/ {match($0,/CREATE FUNCTION [a-z_]+/); print substr($0,RSTART+16,RLENGTH-16)}' "$script" |
	grep -vxE 'builtin_guard_trigger|business_dates_trigger|cache_changed_trigger|filing_history_trigger|reference_child_trigger|reference_parent_trigger|region_access_trigger' |
	while read -r f; do
		grep -qzP "\n\Q$f\E\(PG_FUNCTION_ARGS\)\n\{\n\treturn xdjy_trigger_as_owner\(fcinfo, " src/*.c || echo "$f"
	done)
[ -z "$bad" ] && echo "ok 5 - every C rule trigger function runs as the owner (SECURITY DEFINER or switched in C)" ||
	{ echo "not ok 5 - rule triggers that do not run as the owner: $bad"; }

sum=$(sha256sum xdjy--1.0.sql | cut -d' ' -f1)
[ "$sum" = c4eda98dd9575b48a3612283424995eadcdfb97ee71c2732fb786c6daa61ae1a ] &&
	echo "ok 6 - xdjy--1.0.sql is the released 1.0" || echo "not ok 6 - xdjy--1.0.sql changed ($sum)"
