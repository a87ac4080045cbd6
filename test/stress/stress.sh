#!/usr/bin/env bash
# test/stress/stress.sh: `make stress`, the long robustness runs, inside
# pg_virtualenv.  Each part prints its figures; the closing line counts parts.
set -uo pipefail
cd "$(dirname "$0")/../.."
passed=0
failed=0
part() {
	local name=$1
	shift
	echo
	echo "== stress: $name"
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
part "libFuzzer + ASan/UBSan on the C text parsers, ${FUZZ_RUNS:-1000000} runs each" \
	bash test/fuzz/run.sh "${FUZZ_RUNS:-1000000}"
part "sqlsmith, ${SQLSMITH_QUERIES:-100000} random queries" \
	bash test/stress/sqlsmith.sh "${SQLSMITH_QUERIES:-100000}"
for s in test/stress/[0-9]*.sh; do
	[ -e "$s" ] || continue
	part "$(basename "$s" .sh)" bash "$s"
done
echo
echo "stress: $passed passed, $failed failed" | tee "${XDJY_SUMMARY:-/dev/null}"
[ "$failed" -eq 0 ]
