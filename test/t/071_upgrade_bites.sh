#!/usr/bin/env bash
# The upgrade comparison of test/t/070_upgrade.sh catches a broken update
# script.  Each check installs a scratch update script from the new
# version TO to a scratch version (TO-biteN-NAME) that does what the real
# update script does and then one thing wrong: a column dropped or moved,
# a trigger or a policy dropped, a function bound to another C symbol or
# without its search_path, a grant too many, a row lost, a sequence moved,
# ...  A database of version FROM with the data, updated to that scratch
# version (FROM -> ... -> TO by the real scripts, then the scratch one),
# is compared with a fresh install of the real TO: the differences must
# name the object broken, beyond what the real update already shows (070
# reports that).  Same XDJY_UPGRADE_FROM and XDJY_UPGRADE_TO as 070.
#
# The scratch scripts go into PostgreSQL's extension directory, as `make
# install` does (root, or sudo without a password); they are removed when
# the script exits.  Without that right the checks are skipped, not passed.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/t/lib/upgrade_compare.bash
upgrade_init "${XDJY_UPGRADE_FROM:-1.0}" "${XDJY_UPGRADE_TO:-}"
extdir=$("${PG_CONFIG:-pg_config}" --sharedir)/extension
if [ -w "$extdir" ]; then
	as_root=()
elif sudo -n true 2>/dev/null; then
	as_root=(sudo -n)
else
	echo "1..0 # SKIP cannot write to $extdir (root or sudo needed for the scratch update scripts)"
	exit 0
fi

# NAME | what the scratch update does wrong | what the difference must name
variants=(
	"column|ALTER TABLE xdjy.referral DROP COLUMN created_at;|table column xdjy.referral.created_at"
	"column-order|ALTER TABLE xdjy.stmt_detail_upload DROP COLUMN loaded_at; ALTER TABLE xdjy.stmt_detail_upload ADD COLUMN loaded_at timestamptz NOT NULL DEFAULT now();|table column xdjy.stmt_detail_upload.loaded_at | position"
	"column-type|ALTER TABLE xdjy.referral ALTER COLUMN diagnosis TYPE varchar(40);|table column xdjy.referral.diagnosis | type"
	"column-default|ALTER TABLE xdjy.encounter ALTER COLUMN created_at DROP DEFAULT;|table column xdjy.encounter.created_at | default"
	"constraint|ALTER TABLE xdjy.referral DROP CONSTRAINT referral_issued_on_finite;|table constraint referral_issued_on_finite on xdjy.referral"
	"index|DROP INDEX xdjy.referral_person_idx;|index xdjy.referral_person_idx"
	"trigger|DROP TRIGGER settlement_immutable ON xdjy.settlement;|trigger settlement_immutable on xdjy.settlement"
	"trigger-disabled|ALTER TABLE xdjy.settlement DISABLE TRIGGER settlement_engine;|trigger settlement_engine on xdjy.settlement | enabled"
	"policy|DROP POLICY person_operator ON xdjy.person;|policy person_operator on xdjy.person"
	"row-security|ALTER TABLE xdjy.person NO FORCE ROW LEVEL SECURITY;|table xdjy.person | relforcerowsecurity"
	"view-option|ALTER VIEW xdjy.coverage_gap RESET (security_invoker);|view xdjy.coverage_gap | reloptions"
	"function-symbol|CREATE OR REPLACE FUNCTION xdjy.kpi_target_bp(kpi text) RETURNS integer AS 'MODULE_PATHNAME', 'coverage_minimum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;|function xdjy.kpi_target_bp(pg_catalog.text) | definition"
	"function-search-path|ALTER FUNCTION xdjy.operator_regions() RESET search_path;|function xdjy.operator_regions() | proconfig"
	"function-not-member|ALTER EXTENSION xdjy DROP FUNCTION xdjy.month_of(date);|function xdjy.month_of(pg_catalog.date) | member"
	"operator|ALTER OPERATOR xdjy.= (xdjy.filing_status, xdjy.filing_status) SET (RESTRICT = NONE);|operator xdjy.=(xdjy.filing_status,xdjy.filing_status) | definition"
	"grant|GRANT INSERT ON xdjy.error_code TO xdjy_analyst;|table xdjy.error_code | relacl"
	"schema-grant|REVOKE USAGE ON SCHEMA xdjy FROM xdjy_analyst;|schema xdjy | nspacl"
	"comment|COMMENT ON TABLE xdjy.referral IS NULL;|table xdjy.referral | comment"
	"dump-condition|SELECT pg_catalog.pg_extension_config_dump('xdjy.ledger', 'WHERE false');|configuration table xdjy.ledger"
	"rows|DELETE FROM xdjy.operator_region;|xdjy.operator_region"
	"sequence|SELECT pg_catalog.setval('xdjy.referral_id_seq', 1000);|xdjy.referral_id_seq"
)
echo "1..$((2 + ${#variants[@]}))"

tmpl=xdjy_upgrade_bite_from_t
b=xdjy_upgrade_bite_to_t
day=$(upg_psql postgres -At -c 'SELECT current_date')
if upgrade_create $tmpl "$upg_from" 2>"$tmp/err" && upgrade_load $tmpl 2>>"$tmp/err" &&
	upgrade_rows $tmpl "$tmp/from.rows" off &&
	upgrade_create $b "$upg_to" 2>>"$tmp/err" && upgrade_load $b 2>>"$tmp/err" &&
	upgrade_catalog $b "$tmp/to.catalog" && upgrade_rows $b "$tmp/to.rows" "$day"; then
	echo "ok 1 - $upg_from with the data, and a fresh $upg_to with the data"
else
	echo "not ok 1 - the databases to compare could not be built"
	sed 's/^/# /' "$tmp/err" "$tmp"/*.err 2>/dev/null
	echo "Bail out! no databases to compare"
	exit 1
fi

# compare DB: every difference of DB (a copy of $tmpl updated) from the
# fresh install, and every row its update changed, one a line
compare() {
	upgrade_catalog "$1" "$tmp/$1.catalog"
	upgrade_rows "$1" "$tmp/$1.rows" "$day"
	upgrade_rows "$1" "$tmp/$1.after" off
	{
		upgrade_diff "$tmp/$1.catalog" "$tmp/to.catalog" | sed 's/^/catalog: /'
		upgrade_diff "$tmp/$1.rows" "$tmp/to.rows" | sed 's/^/rows: /'
		upgrade_diff "$tmp/from.rows" "$tmp/$1.after" | sed 's/^/update: /'
	} | LC_ALL=C sort
}

# updated DB VERSION: a copy of the FROM database, updated to VERSION
updated() {
	upg_dbs+=("$1")
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb -T $tmpl "$1" && upg_psql "$1" -c "ALTER EXTENSION xdjy UPDATE TO '$2'" >/dev/null
}

# the real update: what differs already is no proof of a bite
if updated xdjy_upgrade_bite_real_t "$upg_to" 2>"$tmp/err"; then
	compare xdjy_upgrade_bite_real_t >"$tmp/baseline"
	echo "ok 2 - the real update from $upg_from to $upg_to ($(grep -c . "$tmp/baseline") lines differ already: test/t/070_upgrade.sh reports them)"
else
	echo "not ok 2 - ALTER EXTENSION xdjy UPDATE TO '$upg_to' from $upg_from failed"
	sed 's/^/# /' "$tmp/err"
	: >"$tmp/baseline"
fi

n=2
for v in "${variants[@]}"; do
	n=$((n + 1))
	name=${v%%|*}
	rest=${v#*|}
	sql=${rest%%|*}
	expect=${rest#*|}
	ver="$upg_to-bite$$-$name"
	script="$extdir/xdjy--$upg_to--$ver.sql"
	upg_files+=("$script")
	printf -- '-- scratch update of test/t/071_upgrade_bites.sh: %s\n%s\n' "$name" "$sql" >"$tmp/script"
	if ! "${as_root[@]}" cp "$tmp/script" "$script" 2>"$tmp/err"; then
		echo "not ok $n - $name: cannot install $script"
		sed 's/^/# /' "$tmp/err"
		continue
	fi
	db=xdjy_upgrade_bite_${n}_t
	if ! updated $db "$ver" 2>"$tmp/err"; then
		echo "not ok $n - $name: the broken update itself failed: $sql"
		sed 's/^/# /' "$tmp/err"
		continue
	fi
	compare $db | LC_ALL=C comm -13 "$tmp/baseline" - >"$tmp/new"
	if grep -qF -- "$expect" "$tmp/new"; then
		echo "ok $n - $name is caught ($(grep -c . "$tmp/new") lines differ): $sql"
		grep -F -- "$expect" "$tmp/new" | head -3 | sed 's/^/#   /'
	else
		echo "not ok $n - $name is not caught: nothing names \"$expect\" after: $sql"
		head -20 "$tmp/new" | sed 's/^/# /'
	fi
	dropdb --if-exists $db >/dev/null 2>&1
	"${as_root[@]}" rm -f "$script"
done
