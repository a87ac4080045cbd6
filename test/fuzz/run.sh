#!/usr/bin/env bash
# test/fuzz/run.sh [RUNS]: libFuzzer + AddressSanitizer + UBSan on xdjy's C
# text parsers, RUNS executions each (default 1000000).  Needs clang and
# libclang-rt-14-dev (make stress installs them).  Prints one line a target
# and a closing "N passed, N failed".  FUZZ_TARGETS narrows the run.
set -uo pipefail
cd "$(dirname "$0")"
runs=${1:-1000000}
inc=$(pg_config --includedir-server)
libdir=$(pg_config --libdir)
pkglib=$(pg_config --pkglibdir)
out=build
mkdir -p "$out"
flags="-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -isystem $inc -I../../src -Wall"
pgcommon="$pkglib/libpgcommon.a $pkglib/libpgport.a"
[ -f "$pkglib/libpgcommon.a" ] || pgcommon="$libdir/libpgcommon.a $libdir/libpgport.a"
src=../../src

# target: harness and defines | the src/ files it links | corpus | dictionary
targets=(
	"residence_category|fuzz_label.c -DFUZZ_TYPE=xdjy_residence_category guc_stub.c|label_type.c residence_category.c filing_status.c clip.c|label|label.dict"
	"filing_status|fuzz_label.c -DFUZZ_TYPE=xdjy_filing_status guc_stub.c|label_type.c residence_category.c filing_status.c clip.c|label|label.dict"
	"region_code|fuzz_text.c -DFUZZ_TARGET_REGION guc_stub.c|region.c clip.c|region|region.dict"
	"province_code|fuzz_text.c -DFUZZ_TARGET_PROVINCE guc_stub.c|reporting.c region.c clip.c|province|region.dict"
	"language|fuzz_text.c -DFUZZ_TARGET_LANGUAGE guc_link.c|guc.c clip.c|language|"
	"reporting_code|fuzz_text.c -DFUZZ_TARGET_REPORTING guc_link.c|reporting.c guc.c clip.c|reporting|reporting.dict"
	"category_reason|fuzz_text.c -DFUZZ_TARGET_REASON|settlement.c money.c|reason|reason.dict"
	"amounts|fuzz_amounts.c|settlement.c money.c|amounts|"
)
pass=0
fail=0
for t in "${targets[@]}"; do
	IFS='|' read -r name harness srcs corpus dict <<<"$t"
	if [ -n "${FUZZ_TARGETS:-}" ] && [[ " $FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
	bin="$out/fuzz_$name"
	objs=""
	for f in $srcs; do objs="$objs $src/$f"; done
	# Backend functions a linked file refers to but the parsers never reach
	# (SPI, fmgr glue of its other SQL functions) become stubs that abort:
	# the first link lists them, the second links them.
	stubs="$out/unreached_$name.c"
	echo '#include <stdlib.h>' >"$stubs"
	# shellcheck disable=SC2086
	if ! clang $flags -fsanitize=fuzzer $harness pg_stubs.c $src/messages_zh.c $objs "$stubs" $pgcommon -o "$bin" 2>"$out/build_$name.log"; then
		grep -oE "undefined reference to \`[A-Za-z0-9_]+'" "$out/build_$name.log" | sed -E "s/.*\`([A-Za-z0-9_]+)'/\1/" |
			sort -u | sed 's/.*/void &(void); void &(void) { abort(); }/' >>"$stubs"
		# shellcheck disable=SC2086
		if ! clang $flags -fsanitize=fuzzer $harness pg_stubs.c $src/messages_zh.c $objs "$stubs" $pgcommon -o "$bin" 2>"$out/build_$name.log"; then
			echo "fuzz $name: build failed"; cat "$out/build_$name.log"; fail=$((fail + 1)); continue
		fi
	fi
	dir="$out/corpus_$name"
	mkdir -p "$dir"
	cp corpus/"$corpus"/* "$dir"/ 2>/dev/null
	dictopt=""
	[ -n "$dict" ] && dictopt="-dict=$dict"
	# shellcheck disable=SC2086
	if "$bin" -seed="${FUZZ_SEED:-0}" -runs="$runs" -max_len=256 -artifact_prefix="$out/" $dictopt "$dir" >"$out/run_$name.log" 2>&1; then
		echo "fuzz $name: $(grep -oE 'Done [0-9]+ runs in [0-9]+ second\(s\)' "$out/run_$name.log" | tail -1), 0 crashes"
		pass=$((pass + 1))
	else
		echo "fuzz $name: CRASH"; tail -40 "$out/run_$name.log"; fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
