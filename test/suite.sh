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
	psql -X -q -d xdjy_demo -v ON_ERROR_STOP=0 -f test/demo/demo.sql 2>&1 |
		sed -E 's/^psql:[^ ]+:[0-9]+: //'
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

# A developer may narrow a run (see test/dev.sh):
#   SUITES="regress isolation scripts pgtap"   which suites
#   REGRESS_ONLY="label_types ..."              pg_regress tests by name
#   ISOLATION_ONLY="spec ..."                   isolation specs by name
#   PGTAP_ONLY="test/pgtap/1*.sql"              pgTAP files
#   SCRIPTS_ONLY="test/t/020*.sh"               TAP scripts
SUITES=${SUITES:-regress isolation scripts pgtap}
want() { [[ " $SUITES " == *" $1 "* ]]; }

regress() {
	make -s PG_CONFIG="$PG_CONFIG" installcheck ISOLATION= ${REGRESS_ONLY:+REGRESS="$REGRESS_ONLY"} && return 0
	[ -f regression.diffs ] && cat regression.diffs
	return 1
}

isolation() {
	[ -n "$(ls test/isolation/specs/*.spec 2>/dev/null)" ] || return 0
	make -s PG_CONFIG="$PG_CONFIG" installcheck REGRESS= ${ISOLATION_ONLY:+ISOLATION="$ISOLATION_ONLY"} && return 0
	[ -f output_iso/regression.diffs ] && cat output_iso/regression.diffs
	return 1
}

scripts() {
	# shellcheck disable=SC2086
	prove --timer ${SCRIPTS_ONLY:-test/t/*.sh}
}

pgtap() {
	dropdb --if-exists xdjy_tap >/dev/null 2>&1
	createdb xdjy_tap || return 1
	psql -X -q -d xdjy_tap -v ON_ERROR_STOP=1 \
		-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION xdjy CASCADE' || return 1
	# sample institutions and persons, shared by the pgTAP files (each
	# file runs in a transaction it rolls back)
	if [ -f test/fixtures/sample.sql ]; then
		psql -X -q -d xdjy_tap -v ON_ERROR_STOP=1 -f test/fixtures/sample.sql || return 1
	fi
	# shellcheck disable=SC2086
	pg_prove --timer -d xdjy_tap ${PGTAP_ONLY:-test/pgtap/*.sql}
}

want regress && suite "pg_regress (sql/, expected/)" regress
want isolation && suite "isolation (test/isolation/)" isolation
want scripts && suite "scripts (test/t/)" scripts
want pgtap && suite "pgTAP (test/pgtap/)" pgtap

echo
if [ "$failed" -gt 0 ]; then
	printf 'failed suite: %s\n' "${failed_names[@]}"
fi
echo "suites: $passed passed, $failed failed" | tee "${XDJY_SUMMARY:-/dev/null}"
[ "$failed" -eq 0 ]
