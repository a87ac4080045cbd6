#!/usr/bin/env bash
# test/suite.sh MODE: runs inside pg_virtualenv (PGHOST, PGPORT, PGUSER and
# PGPASSWORD point at the throwaway cluster).  See test/run.sh.
set -uo pipefail
cd "$(dirname "$0")/.."

mode=$1
export PG_CONFIG=${PG_CONFIG:-pg_config}
export PGDATABASE=postgres

case "$mode" in
demo)
	dropdb --if-exists xdjy_demo >/dev/null 2>&1
	createdb xdjy_demo
	# the demo shows rejected rows too, so errors do not stop it
	psql -X -q -d xdjy_demo -v ON_ERROR_STOP=0 -f test/demo/demo.sql 2>&1
	exit 0
	;;
bench)
	exec bash test/bench/bench.sh
	;;
stress)
	exec bash test/stress/stress.sh
	;;
test) ;;
*)
	echo "unknown mode $mode" >&2
	exit 2
	;;
esac

passed=0
failed=0
failed_names=()
suite() {
	local name=$1
	shift
	echo
	echo "== suite: $name"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_names+=("$name")
	fi
}

regress() {
	make -s PG_CONFIG="$PG_CONFIG" installcheck ISOLATION= && return 0
	[ -f regression.diffs ] && cat regression.diffs
	return 1
}

isolation() {
	[ -n "$(ls test/isolation/specs/*.spec 2>/dev/null)" ] || return 0
	make -s PG_CONFIG="$PG_CONFIG" installcheck REGRESS= && return 0
	[ -f output_iso/regression.diffs ] && cat output_iso/regression.diffs
	return 1
}

scripts() {
	prove --timer test/t/*.sh
}

pgtap() {
	dropdb --if-exists xdjy_tap >/dev/null 2>&1
	createdb xdjy_tap || return 1
	psql -X -q -d xdjy_tap -v ON_ERROR_STOP=1 \
		-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION xdjy' || return 1
	pg_prove --timer -d xdjy_tap test/pgtap/*.sql
}

suite "pg_regress (sql/, expected/)" regress
suite "isolation (test/isolation/)" isolation
suite "scripts (test/t/)" scripts
suite "pgTAP (test/pgtap/)" pgtap

echo
if [ "$failed" -gt 0 ]; then
	printf 'failed suite: %s\n' "${failed_names[@]}"
fi
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
