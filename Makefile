# xdjy — cross-region medical treatment (异地就医) rules as a PostgreSQL extension
#
#   make demo     build, install, run the demo in a throwaway cluster
#   make test     build, install, run every suite in a throwaway cluster
#   make bench    benchmarks (ratios), make stress   long robustness runs
#   make deb      the Debian package postgresql-15-xdjy, in build/deb
#
# The plain PGXS targets (all, install, installcheck) work as usual against
# whatever server PG_CONFIG points at.

EXTENSION = xdjy
EXTVERSION = 1.1
MODULE_big = xdjy
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
HEADERS_xdjy = $(wildcard src/*.h)
# The install script of the current version is built from schema/*.sql,
# concatenated in file-name order (one file per concept); released install
# scripts and upgrade scripts are kept as written.
SCHEMA_SOURCES = $(sort $(wildcard schema/*.sql))
DATA_built = xdjy--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(sort $(wildcard xdjy--*.sql)))
PGFILEDESC = "xdjy - cross-region medical treatment rules"

# pg_regress: sql/NAME.sql against expected/NAME.out, in name order
REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=btree_gist --load-extension=xdjy

# isolation specs: test/isolation/specs/NAME.spec, expected/NAME.out
ISOLATION = $(patsubst test/isolation/specs/%.spec,%,$(sort $(wildcard test/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test/isolation --load-extension=btree_gist --load-extension=xdjy

EXTRA_CLEAN = output_iso tmp_check_iso

# -Wextra is for our code: PostgreSQL's own headers are not written for it,
# so they are searched as system headers (-isystem wins over -I).
PG_CONFIG ?= pg_config
PG_CPPFLAGS += -isystem $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)
PG_CFLAGS += -Wall -Wextra -Wmissing-prototypes
# the library reports the version it was built as (src/version.c)
PG_CPPFLAGS += -DXDJY_VERSION='"$(EXTVERSION)"'

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
# No server headers yet: demo and test install them (test/deps.sh).
all install installcheck:
	@echo "xdjy: PGXS not found via $(PG_CONFIG); run 'make deps' as root" >&2
	@exit 1
endif

xdjy--$(EXTVERSION).sql: $(SCHEMA_SOURCES)
	cat $^ > $@

# PGXS tracks no header dependencies: rebuild every object when a header
# changes (a struct laid out differently in two objects is a silent bug).
$(OBJS): $(wildcard src/*.h)
# and the version string when EXTVERSION changes
src/version.o src/version.bc: Makefile

.PHONY: demo test bench stress deps deb

deps:
	@bash test/deps.sh

demo:
	@bash test/run.sh demo

test:
	@bash test/run.sh test

bench:
	@bash test/run.sh bench

stress:
	@bash test/run.sh stress

deb:
	@bash test/deb.sh
