#!/usr/bin/env bash
# The correctness part of `make bench` (test/bench/bench.sh) on a few hundred
# rows: the generated mix (70% local, 20% long-term, 10% temporary) settles
# through the C engine, and the PL/pgSQL yardstick of figure 2
# (test/bench/plpgsql_engine.sql) fills every engine column and every
# ledger exactly as the C engine does (; 鲁医保发〔2021〕46号 第三条(二)–(三); 002
# #2–#5; 鲁医保发〔2022〕26号 第二条(一)–(三)).  No timing is asserted.
set -uo pipefail
cd "$(dirname "$0")/../.."
BENCH_SCALE=tiny BENCH_ONLY=check bash test/bench/bench.sh 2>&1
