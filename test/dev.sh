#!/usr/bin/env bash
# test/dev.sh: the developer loop.  Same as `make test`, narrowed by
# environment (see test/suite.sh), e.g.
#   SUITES=pgtap PGTAP_ONLY='test/pgtap/1*.sql' test/dev.sh
#   SUITES=regress REGRESS_ONLY=filing test/dev.sh
# Installs and tests under a machine-wide lock, so several worktrees can
# run it at once without installing over each other's tests.
exec bash "$(dirname "$0")/run.sh" test
