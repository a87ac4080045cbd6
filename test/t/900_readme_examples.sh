#!/usr/bin/env bash
# Every SQL example of README.md runs, in order, on the setup README
# documents (a fresh database "mydb", the quick start first), and prints
# what README shows.
#
# The convention (also stated in a comment at the top of README.md):
#   ```sql    an example: run, in README's order, in one psql session
#   ```text   right after a ```sql block (blank lines between allowed):
#             that block's psql output, compared exactly (errors, NOTICEs,
#             DETAIL and HINT lines included; psql's "psql:...:N:" prefix
#             and trailing blanks and blank lines are left out)
#   ```sh, ``` and every other fence: not run
# A ```sql block without a ```text block must run without an ERROR.  The
# session runs with VERBOSITY default and SHOW_CONTEXT never, from the
# repository's top directory (an example may \i a file of it).
#
# One TAP test per ```sql block, named by its README line and first line,
# so a block that fails says which one.
set -uo pipefail
cd "$(dirname "$0")/../.."
readme=README.md
db=mydb
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists $db >/dev/null 2>&1' EXIT

# split README into blocks: $tmp/N.sql, $tmp/N.line (README line of the
# fence), $tmp/N.expected when a ```text block follows
awk -v dir="$tmp" '
	function flush_pending() { pending = 0 }
	/^```/ && !inside {
		lang = substr($0, 4)
		inside = 1
		if (lang == "sql") { n++; kind = "sql"; file = dir "/" n ".sql"; printf "" > file; print NR > (dir "/" n ".line") }
		else if (lang == "text" && pending) { kind = "text"; file = dir "/" n ".expected"; printf "" > file }
		else kind = "other"
		pending = 0
		next
	}
	/^```/ && inside {
		inside = 0
		if (kind == "sql") pending = 1
		next
	}
	inside && (kind == "sql" || kind == "text") { print >> file; next }
	!inside && /^[[:space:]]*$/ { next }
	!inside { pending = 0 }
	END { print n + 0 > (dir "/count") }
' "$readme"
count=$(cat "$tmp/count")
echo "1..$((count + 1))"
if [ "$count" -gt 0 ]; then
	echo "ok 1 - README.md has $count SQL examples"
else
	echo "not ok 1 - README.md has no \`\`\`sql examples"
fi

# roles are the cluster's: those README creates are dropped before (another
# test may have made one) and after
roles=$(cat "$tmp"/*.sql | sed -n 's/^CREATE ROLE \([a-z_][a-z0-9_]*\).*/\1/p' | sort -u)
drop_roles() {
	local r
	for r in $roles; do
		psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1
	done
}
trap 'rm -rf "$tmp"; dropdb --if-exists $db >/dev/null 2>&1; drop_roles' EXIT
drop_roles

dropdb --if-exists $db >/dev/null 2>&1
if ! createdb $db; then
	echo "Bail out! createdb $db"
	exit 1
fi

# one session; a marker line before each block's output
{
	echo '\set VERBOSITY default'
	echo '\set SHOW_CONTEXT never'
	echo '\set ON_ERROR_STOP off'
	for i in $(seq 1 "$count"); do
		echo "\\echo '@@xdjy-readme-block $i@@'"
		cat "$tmp/$i.sql"
	done
	echo "\\echo '@@xdjy-readme-block end@@'"
} >"$tmp/all.sql"
psql -X -q -d $db -f "$tmp/all.sql" >"$tmp/all.out" 2>&1
sed -i 's/^psql:[^:]*:[0-9]*: //' "$tmp/all.out"
awk -v dir="$tmp" '
	/^@@xdjy-readme-block [0-9a-z]+@@$/ { sub(/^@@xdjy-readme-block /, ""); sub(/@@$/, ""); file = dir "/" $0 ".out"; printf "" > file; next }
	file != "" { print >> file }
' "$tmp/all.out"

# XDJY_README_KEEP=DIR keeps each block's output there (N.out), to write
# a ```text block from
if [ -n "${XDJY_README_KEEP:-}" ]; then
	mkdir -p "$XDJY_README_KEEP" && cp "$tmp"/*.out "$tmp"/*.sql "$XDJY_README_KEEP"/
fi

for i in $(seq 1 "$count"); do
	line=$(cat "$tmp/$i.line")
	first=$(grep -m1 -v '^[[:space:]]*\(--.*\)\?$' "$tmp/$i.sql" | cut -c1-60)
	name="README.md line $line: $first"
	out="$tmp/$i.out"
	[ -f "$out" ] || : >"$out"
	if [ -f "$tmp/$i.expected" ]; then
		# trailing blanks (psql pads its headers) are not compared
		# trailing blank lines neither (psql ends a result with one)
		sed -i 's/[[:space:]]*$//' "$tmp/$i.expected" "$out"
		for f in "$tmp/$i.expected" "$out"; do
			printf '%s\n' "$(cat "$f")" >"$f.trim" && mv "$f.trim" "$f"
		done
		if diff -u "$tmp/$i.expected" "$out" >"$tmp/d"; then
			echo "ok $((i + 1)) - $name"
		else
			echo "not ok $((i + 1)) - $name: output differs from the \`\`\`text block (- README, + psql)"
			sed 's/^/# /' "$tmp/d" | tee /dev/stderr
		fi
	elif grep -q '^\(ERROR\|FATAL\|PANIC\):' "$out"; then
		echo "not ok $((i + 1)) - $name: an ERROR, and README shows no output for it"
		sed 's/^/# /' "$out" | tee /dev/stderr
	else
		echo "ok $((i + 1)) - $name"
	fi
done
