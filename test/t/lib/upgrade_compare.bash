# test/t/lib/upgrade_compare.bash: sourced by the upgrade tests
# (test/t/070_upgrade.sh, test/t/071_upgrade_bites.sh) and by
# test/upgrade_diff.sh, from the top of the source tree.  A database
# updated from an earlier version must be the database a fresh install of
# the new version gives, object by object and row by row.
#
#   upgrade_init FROM TO  the two versions ($upg_from, $upg_to; TO empty:
#                         the default_version of xdjy.control), a scratch
#                         directory ($tmp); the databases named in the array
#                         upg_dbs and the files in upg_files are removed when
#                         the script exits (the databases stay with
#                         XDJY_UPGRADE_KEEP=1, to look into them)
#   upgrade_create DB V   a new database DB with CREATE EXTENSION xdjy
#                         VERSION 'V' CASCADE
#   upgrade_load DB       the data: the demo (test/demo/demo.sql, whose
#                         rejected rows are part of what it shows; its
#                         parts marked 1.1 left out),
#                         test/fixtures/national.sql and
#                         test/fixtures/upgrade_extra.sql
#   upgrade_version DB    the installed version of xdjy in DB
#   upgrade_tables DB     the tables of the extension, one a line
#   upgrade_empty DB      those of them that have no rows
#   upgrade_catalog DB F  the catalog snapshot (lib/upgrade_catalog.sql)
#   upgrade_rows DB F C U K  the rows snapshot (lib/upgrade_rows.sql); C off,
#                         or a day: timestamps of that day (the clock's)
#                         print as <clock>; U on: only rows users filled;
#                         K: only these columns (from upgrade_columns)
#   upgrade_columns DB    the columns of the tables, table.column,
#                         comma-joined
#   upgrade_diff F1 F2    the lines that differ, "-" in F1 only, "+" in F2
#                         only; status 1 when there are any

upg_lib=$(dirname "${BASH_SOURCE[0]}")

upgrade_init() {
	upg_from=${1:-1.0}
	upg_to=${2:-}
	if [ -z "$upg_to" ]; then
		upg_to=$(sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" xdjy.control)
	fi
	tmp=$(mktemp -d)
	upg_dbs=()
	upg_files=()
	trap upgrade_cleanup EXIT
	trap 'exit 130' INT TERM
}

upgrade_cleanup() {
	local db f
	if [ "${XDJY_UPGRADE_KEEP:-0}" != 1 ]; then
		for db in "${upg_dbs[@]}"; do
			dropdb --if-exists "$db" >/dev/null 2>&1
		done
	fi
	for f in "${upg_files[@]}"; do
		rm -f "$f" 2>/dev/null || sudo -n rm -f "$f" 2>/dev/null
	done
	rm -rf "$tmp"
}

# psql on DB, as the tests read it: no psqlrc, errors stop a script
upg_psql() {
	local db=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}

upgrade_create() {
	upg_dbs+=("$1")
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb "$1" && upg_psql "$1" -c "CREATE EXTENSION xdjy VERSION '$2' CASCADE" >/dev/null
}

upgrade_load() {
	local db=$1
	# the demo creates the extension itself: here it is there already, at
	# the version under test; the parts that show what came after 1.0
	# (marked "-- == demo (1.1): ...") are left out of both databases
	sed -e '/^CREATE EXTENSION xdjy CASCADE;$/d' \
		-e '/^-- == demo (1\.1):/,/^-- == end demo (1\.1):/d' test/demo/demo.sql |
		psql -X -q -v ON_ERROR_STOP=0 -d "$db" -f - >"$tmp/demo.$db.out" 2>&1
	# both fixtures run in the caller's transaction (SET LOCAL)
	upg_psql "$db" -1 -f test/fixtures/national.sql >/dev/null &&
		upg_psql "$db" -1 -f test/fixtures/upgrade_extra.sql >/dev/null
}

upgrade_version() {
	upg_psql "$1" -At -c "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'xdjy'"
}

upgrade_tables() {
	upg_psql "$1" -At -c "SELECT c.oid::pg_catalog.regclass FROM pg_catalog.pg_depend d
		JOIN pg_catalog.pg_class c ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.oid = d.objid
		WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e'
			AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'xdjy')
			AND c.relkind IN ('r', 'p')
		ORDER BY c.oid::pg_catalog.regclass::text COLLATE \"C\""
}

upgrade_empty() {
	upgrade_tables "$1" |
		sed "s/.*/SELECT '&' WHERE NOT EXISTS (SELECT FROM &);/" |
		upg_psql "$1" -At -f -
}

# A snapshot that fails is removed: upgrade_diff then reports it, rather
# than two empty files comparing equal.
upgrade_catalog() {
	upg_psql "$1" -At -f "$upg_lib/upgrade_catalog.sql" >"$2" 2>"$2.err" && return 0
	rm -f "$2"
	return 1
}

upgrade_rows() {
	upg_psql "$1" -At -v clock="${3:-off}" -v userdata="${4:-off}" -v keep="${5:-off}" \
		-f "$upg_lib/upgrade_rows.sql" >"$2" 2>"$2.err" && return 0
	rm -f "$2"
	return 1
}

# the columns of the extension's tables, "table.column" joined by commas
upgrade_columns() {
	upg_psql "$1" -At -c "SELECT string_agg(a.attrelid::pg_catalog.regclass::text || '.' || a.attname, ','
		ORDER BY a.attrelid, a.attnum) FROM pg_catalog.pg_attribute a
		JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
		WHERE c.relnamespace = 'xdjy'::pg_catalog.regnamespace AND c.relkind IN ('r', 'p')
			AND a.attnum > 0 AND NOT a.attisdropped"
}

upgrade_diff() {
	local f
	for f in "$1" "$2"; do
		if [ ! -s "$f" ]; then
			echo "no snapshot $(basename "$f"):"
			cat "$f.err" 2>/dev/null
			return 1
		fi
	done
	diff -U0 "$1" "$2" >"$tmp/diff" && return 0
	grep -v -e '^@@' -e '^---' -e '^+++' "$tmp/diff"
	return 1
}
