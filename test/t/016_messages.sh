#!/usr/bin/env bash
# Every errdetail/errhint format of xdjy's C files has its Chinese in the
# catalogue src/messages_zh.c, with the same conversions (%s, %d, %lld ...);
# a new error site without one is named with its file and line.  See
# src/messages.c for how xdjy.language picks the language.
set -uo pipefail
cd "$(dirname "$0")/../.."
exec perl test/t/lib/messages.pl src/*.c
