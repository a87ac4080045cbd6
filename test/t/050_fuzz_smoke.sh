#!/usr/bin/env bash
# A short libFuzzer + ASan/UBSan run over every C text parser harnessed in
# test/fuzz/ (the long run, 1 000 000 executions each, is in `make stress`).
# Fixed seed.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
echo "1..1"
if out=$(FUZZ_SEED=1 bash run.sh 100000 2>&1); then
	echo "ok 1 - the C text parsers survive 100000 fuzzed inputs each"
else
	echo "not ok 1 - fuzzing found a failure"
	echo "$out" | sed 's/^/# /'
fi
echo "$out" | grep '^fuzz ' | sed 's/^/# /'
