#!/usr/bin/env bash
# The Debian package: make deb (test/deb.sh) builds postgresql-15-xdjy with
# Debian's PostgreSQL tooling, offline; its files are the extension's; and
# a server that has only the package's xdjy works with it.  That server is
# a copy of the PostgreSQL 15 installation in a scratch root (a relocated
# tree finds its share and lib directories next to its binaries), with
# the xdjy files make install put there removed and the package unpacked
# on top with dpkg -x: nothing outside the scratch root is touched, and
# the xdjy it loads can only be the package's.  There: CREATE EXTENSION
# xdjy CASCADE and the README quick start's settlement, and the update
# from 1.0.  XDJY_DEB=path reuses a built .deb instead of building one.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/t/lib/scratch_cluster.bash

PG_CONFIG=${PG_CONFIG:-pg_config}
major=$($PG_CONFIG --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
pkg=postgresql-$major-xdjy
for tool in dpkg-buildpackage dpkg-deb dpkg-checkbuilddeps dh pg_buildext fakeroot; do
	if ! command -v "$tool" >/dev/null; then
		echo "1..0 # SKIP $tool is not installed (make deb needs dpkg-dev, debhelper, postgresql-server-dev-all, fakeroot)"
		exit 0
	fi
done
if [ -z "${XDJY_DEB:-}" ] && ! deps=$(dpkg-checkbuilddeps 2>&1); then
	echo "1..0 # SKIP the package's build dependencies are not installed: $deps"
	exit 0
fi
echo "1..9"
tmp=$(mktemp -d)
chmod 755 "$tmp"
sc_cleanup=$tmp

# 1: the package, built offline from a scratch copy of the tree
if [ -n "${XDJY_DEB:-}" ]; then
	deb=$XDJY_DEB
	echo "ok 1 - reusing $deb"
else
	start=$(date +%s)
	if DEB_BUILD_OPTIONS=nocheck DEB_OUT="$tmp/out" bash test/deb.sh >"$tmp/build.out" 2>&1; then
		deb=$(ls "$tmp"/out/${pkg}_*.deb 2>/dev/null | head -1)
		echo "ok 1 - make deb built $(basename "$deb") in $(( $(date +%s) - start )) s"
	else
		echo "not ok 1 - make deb failed"
		tail -20 "$tmp/build.out" | sed 's/^/# /'
		exit 1
	fi
fi

# 2: name and version
version=$(dpkg-deb -f "$deb" Version)
default=$(sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" xdjy.control)
[ "$(dpkg-deb -f "$deb" Package)" = "$pkg" ] && [ "${version%-*}" = "$default" ] &&
	[ "$version" = "$(dpkg-parsechangelog -S Version)" ] &&
	echo "ok 2 - $pkg $version: debian/changelog's version, upstream $default as xdjy.control says" ||
	echo "not ok 2 - package $(dpkg-deb -f "$deb" Package) $version, default_version $default"

# 3: its files: every script, the control file and the library, under
# PostgreSQL $major's directories, nothing else outside /usr/share/doc
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$' | sort >"$tmp/files"
share=/usr/share/postgresql/$major/extension
want=$( (echo "$share/xdjy.control"; echo "/usr/lib/postgresql/$major/lib/xdjy.so"
	ls xdjy--*.sql | sed "s|^|$share/|"; [ -f xdjy--$default.sql ] || echo "$share/xdjy--$default.sql") | sort -u)
missing=$(comm -23 <(echo "$want") "$tmp/files")
stray=$(grep -vE "^(/usr/share/postgresql/$major/extension/xdjy[-.]|/usr/lib/postgresql/$major/lib/(xdjy\.so|bitcode/xdjy)|/usr/include/postgresql/$major/server/extension/xdjy/|/usr/share/doc/$pkg/)" "$tmp/files")
[ -z "$missing" ] && [ -z "$stray" ] &&
	echo "ok 3 - dpkg-deb -c: the control file, $(echo "$want" | grep -c 'sql$') scripts and xdjy.so in PostgreSQL $major's directories, nothing else" ||
	{ echo "not ok 3 - the package's files"; echo "$missing" | sed 's/^/# missing: /'; echo "$stray" | sed 's/^/# stray: /'; }

# 4: a PostgreSQL installation of its own, with the package's xdjy only
root=$tmp/root
mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql"
cp -a "/usr/lib/postgresql/$major" "$root/usr/lib/postgresql/" &&
	cp -a "/usr/share/postgresql/$major" "$root/usr/share/postgresql/" &&
	rm -rf "$root/usr/share/postgresql/$major/extension"/xdjy[-.]* "$root/usr/lib/postgresql/$major/lib/xdjy.so" \
		"$root/usr/lib/postgresql/$major/lib/bitcode/xdjy" "$root/usr/lib/postgresql/$major/lib/bitcode/xdjy.index.bc" &&
	dpkg -x "$deb" "$root"
ok=$?
theirs=$(cd "$root" && find "usr/share/postgresql/$major/extension" "usr/lib/postgresql/$major/lib" -maxdepth 1 -name 'xdjy*' | sed 's|^|/|' | sort)
ours=$(grep -E "^(/usr/share/postgresql/$major/extension/xdjy|/usr/lib/postgresql/$major/lib/xdjy)" "$tmp/files" | sort)
[ $ok = 0 ] && [ "$theirs" = "$ours" ] &&
	echo "ok 4 - a copy of PostgreSQL $major in a scratch root whose xdjy files are the package's ($(echo "$ours" | wc -l) files, dpkg -x)" ||
	{ echo "not ok 4 - the scratch root"; diff <(echo "$ours") <(echo "$theirs") | sed 's/^/# /'; }

mkdir "$tmp/cluster"
if ! scratch_start "$root/usr/lib/postgresql/$major/bin" "$tmp/cluster"; then
	echo "Bail out! the copied server did not start"
	cat "$tmp/cluster/initdb.log" 2>/dev/null | tail -10 | sed 's/^/# /'
	scratch_log | tail -10 | sed 's/^/# /'
	exit 1
fi
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "${2:-xdjy_deb}" -c "$1" 2>&1; }

# 5: the server reads the copy's directories
dirs=$(q "SELECT string_agg(setting, ' ' ORDER BY name) FROM pg_config WHERE name IN ('PKGLIBDIR', 'SHAREDIR')" postgres)
[ "$dirs" = "$root/usr/lib/postgresql/$major/lib $root/usr/share/postgresql/$major" ] &&
	echo "ok 5 - the server started from the scratch root reads its lib and share directories" ||
	echo "not ok 5 - the server's directories: $dirs"

# 6-7: the package's extension, and the README quick start's settlement
createdb xdjy_deb
out=$(q "CREATE EXTENSION xdjy CASCADE")
v=$(q "SELECT extension_version || ' / ' || library_build FROM xdjy.version()")
[ "$v" = "$default / xdjy $default for PostgreSQL $major" ] &&
	echo "ok 6 - CREATE EXTENSION xdjy CASCADE from the package: $v" ||
	echo "not ok 6 - CREATE EXTENSION: $out $v"
psql -X -q -At -v ON_ERROR_STOP=1 -d xdjy_deb >"$tmp/quick.out" 2>&1 <<'SQL'
SET search_path = xdjy, public;
INSERT INTO region VALUES ('110101', '东城区', 'Dongcheng', 'county', '110000');
INSERT INTO institution (code, name_zh, region_code, tier, networked_inpatient)
VALUES ('H11010100001', '北京协和医院', '110101', 3, true);
INSERT INTO policy (insured_region, scheme, category, visit_type, valid, deductible_fen, ratio_bp, first_selfpay_bp, annual_cap_fen, quota_group)
VALUES ('370100', 'employee', 'temporary', 'inpatient', '[2022-01-01,)', 100000, 7000, 1000, 50000000, 'inpatient');
INSERT INTO person VALUES ('jinan-1', '张三', '370100', 'employee');
SELECT file_temporary('jinan-1', '110000', '2024-05-01', '2024-05-01') \g /dev/null
INSERT INTO encounter (person_id, institution_code, visit_type, admitted_on, discharged_on)
VALUES ('jinan-1', 'H11010100001', 'inpatient', '2024-05-06', '2024-05-15');
SELECT id, category, fund_fen, personal_fen FROM settle(1, 2000000, 100000, 'INV-1', '2024-05-15');
SELECT count(*) FROM explain_settlement(1);
SQL
got=$(cat "$tmp/quick.out" | tr '\n' ' ')
[ "$got" = "1|temporary|1127000|873000 13 " ] &&
	echo "ok 7 - the README quick start settles through the package's engine: fund 1127000, personal 873000 fen, 13 steps explained" ||
	echo "not ok 7 - the quick start: $got"

# 8: the package carries the update from 1.0
createdb xdjy_deb_10
out=$(q "CREATE EXTENSION xdjy VERSION '1.0' CASCADE" xdjy_deb_10; q "ALTER EXTENSION xdjy UPDATE" xdjy_deb_10)
v=$(q "SELECT extversion FROM pg_extension WHERE extname = 'xdjy'" xdjy_deb_10)
[ "$v" = "$default" ] && echo "ok 8 - CREATE EXTENSION xdjy VERSION '1.0', then ALTER EXTENSION xdjy UPDATE to $default" ||
	echo "not ok 8 - the update: $v $out"

# 9: the source tree stayed clean (the build ran in a scratch copy)
dirty=$(git status --porcelain --ignored 2>/dev/null | grep -E '^(\?\?|!!) (debian/\.debhelper|debian/postgresql-|debian/files|debian/debhelper|debian/.*substvars|\.\./)' )
[ -z "$dirty" ] && echo "ok 9 - the source tree has no build products of the package" ||
	{ echo "not ok 9 - left in the tree:"; echo "$dirty" | sed 's/^/# /'; }
