#!/usr/bin/env bash
# test/fuzz/run.sh [RUNS]: libFuzzer + AddressSanitizer + UBSan on xdjy's C
# text parsers, RUNS executions each (default 1000000).  Needs clang and
# libclang-rt-14-dev (make stress installs them).  Prints one line a target
# and a closing "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
runs=${1:-1000000}
inc=$(pg_config --includedir-server)
out=build
mkdir -p "$out"
flags="-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -isystem $inc -I../../src -Wall"
pass=0
fail=0
for target in residence_category filing_status; do
	bin="$out/fuzz_$target"
	if ! clang $flags -fsanitize=fuzzer -DFUZZ_TYPE="xdjy_$target" \
		fuzz_label.c pg_stubs.c ../../src/label_type.c \
		../../src/residence_category.c ../../src/filing_status.c \
		/usr/lib/postgresql/15/lib/libpgcommon.a /usr/lib/postgresql/15/lib/libpgport.a -o "$bin" 2>"$out/build_$target.log"; then
		echo "fuzz $target: build failed"; cat "$out/build_$target.log"; fail=$((fail + 1)); continue
	fi
	corpus="$out/corpus_$target"
	mkdir -p "$corpus"
	cp corpus/label/* "$corpus"/ 2>/dev/null
	if "$bin" -seed="${FUZZ_SEED:-0}" -runs="$runs" -max_len=256 -dict=label.dict "$corpus" >"$out/run_$target.log" 2>&1; then
		echo "fuzz $target: $(grep -oE 'Done [0-9]+ runs in [0-9]+ second\(s\)' "$out/run_$target.log" | tail -1), 0 crashes"
		pass=$((pass + 1))
	else
		echo "fuzz $target: CRASH"; tail -40 "$out/run_$target.log"; fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
