#!/usr/bin/env bash
# META.json, the distribution's PGXN metadata, holds the keys the PGXN
# Meta Spec 1.0.0 requires with values of the types it defines, and says
# what xdjy.control and the Makefile say: the version (1.1 is the SemVer
# 1.1.0), the extension and its prerequisites.  No server needed.
set -uo pipefail
cd "$(dirname "$0")/../.."
exec perl test/t/lib/meta_json.pl META.json xdjy.control Makefile
