#!/usr/bin/env bash
# Upgrades: from every installable earlier version, ALTER EXTENSION xdjy
# UPDATE reaches the default version with the same catalog as a fresh
# install (schema-only dumps compared) and keeps every row.  1.0 is the
# first release: today the test checks that an update at the default
# version keeps a populated database as it is, and covers each earlier
# version as soon as its update script ships.
set -uo pipefail
cd "$(dirname "$0")/../.."
fresh=xdjy_upg_fresh_t
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
default=$(psql -X -At -c "SELECT default_version FROM pg_available_extensions WHERE name = 'xdjy'")
mapfile -t older < <(psql -X -At -c "SELECT version FROM pg_available_extension_versions WHERE name = 'xdjy' AND version <> '$default' ORDER BY version")
echo "1..$((2 + ${#older[@]} * 2))"

dropdb --if-exists $fresh >/dev/null 2>&1
createdb $fresh && psql -X -q -d $fresh -c 'CREATE EXTENSION xdjy CASCADE' >/dev/null 2>&1 \
	&& echo "ok 1 - fresh install of $default" || echo "not ok 1 - fresh install of $default failed"
# (\restrict lines carry a random key per dump: left out)
pg_dump --schema-only -d $fresh 2>/dev/null | grep -vE '^(--|\\(un)?restrict )' > "$tmp/fresh.sql"
# ALTER EXTENSION UPDATE on a populated database already at the default
# version is a no-op: every row and the catalog stay as they were
psql -X -q -d $fresh -f test/fixtures/sample.sql >/dev/null 2>&1
before=$(psql -X -At -d $fresh -c "SELECT (SELECT count(*) FROM xdjy.person) || '/' || (SELECT count(*) FROM xdjy.institution)")
psql -X -q -d $fresh -c "ALTER EXTENSION xdjy UPDATE" >/dev/null 2>&1
after=$(psql -X -At -d $fresh -c "SELECT (SELECT count(*) FROM xdjy.person) || '/' || (SELECT count(*) FROM xdjy.institution)")
pg_dump --schema-only -d $fresh 2>/dev/null | grep -vE '^(--|\\(un)?restrict )' > "$tmp/fresh_again.sql"
if [ "$before" = "$after" ] && diff -q "$tmp/fresh.sql" "$tmp/fresh_again.sql" >/dev/null; then
	echo "ok 2 - ALTER EXTENSION xdjy UPDATE at $default keeps the rows ($after persons/institutions) and the catalog"
else
	echo "not ok 2 - update at $default: rows $before -> $after"; diff "$tmp/fresh.sql" "$tmp/fresh_again.sql" | head -20 | sed 's/^/# /'
fi
n=2
for v in "${older[@]}"; do
	db=xdjy_upg_${v//./_}_t
	dropdb --if-exists "$db" >/dev/null 2>&1
	createdb "$db"
	psql -X -q -d "$db" -c "CREATE EXTENSION xdjy VERSION '$v' CASCADE" >/dev/null 2>&1
	# rows of the old version: the sample fixture, if it loads there
	psql -X -q -d "$db" -f test/fixtures/sample.sql >/dev/null 2>&1
	before=$(psql -X -At -d "$db" -c "SELECT count(*) FROM xdjy.person")
	n=$((n + 1))
	if psql -X -q -d "$db" -c "ALTER EXTENSION xdjy UPDATE" >/dev/null 2>"$tmp/err"; then
		after=$(psql -X -At -d "$db" -c "SELECT count(*) FROM xdjy.person")
		[ "$before" = "$after" ] && echo "ok $n - update from $v keeps the rows ($after persons)" \
			|| echo "not ok $n - update from $v: persons $before -> $after"
	else
		echo "not ok $n - ALTER EXTENSION UPDATE from $v failed"; sed 's/^/# /' "$tmp/err"
	fi
	pg_dump --schema-only -d "$db" 2>/dev/null | grep -vE '^(--|\\(un)?restrict )' > "$tmp/$v.sql"
	n=$((n + 1))
	if diff -q "$tmp/fresh.sql" "$tmp/$v.sql" >/dev/null; then
		echo "ok $n - catalog after update from $v equals a fresh install"
	else
		echo "not ok $n - catalog after update from $v differs"; diff "$tmp/fresh.sql" "$tmp/$v.sql" | head -40 | sed 's/^/# /'
	fi
	dropdb "$db"
done
# 1.0 is the first release: until xdjy--1.0--1.1.sql ships there is no
# earlier version, and the loop above runs for every one that appears
[ ${#older[@]} -eq 0 ] && echo "# no earlier version of xdjy is installable: $default is the first release"
dropdb $fresh
