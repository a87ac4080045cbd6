#!/usr/bin/env bash
# Issue 8 §7: an attacker who can create objects in public (and in its own
# schema) before and after CREATE EXTENSION must not get any of its code run
# by xdjy's functions, triggers or views.  Each planted object records its
# invocation; the demo workload runs with public FIRST in search_path; the
# count must be 0.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=xdjy_attack_t
plant() {
	# $1: label for the hits; runs as the attacker
	psql -X -q -v ON_ERROR_STOP=1 -d $db <<SQL
SET ROLE xdjy_attacker;
CREATE OR REPLACE FUNCTION public.xdjy_hit(t text) RETURNS boolean LANGUAGE sql AS
	\$\$ INSERT INTO public.xdjy_hits VALUES (t, '$1'); SELECT true \$\$;
-- shadows of built-ins the extension may call, with exact and with
-- better-matching signatures
CREATE OR REPLACE FUNCTION public.lower(text) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('lower') THEN pg_catalog.lower(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.lower(varchar) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('lower(varchar)') THEN pg_catalog.lower(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.upper(text) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('upper') THEN pg_catalog.upper(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('now') THEN pg_catalog.now() END \$\$;
CREATE OR REPLACE FUNCTION public.length(text) RETURNS int LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('length') THEN pg_catalog.length(\$1) END \$\$;
CREATE OR REPLACE FUNCTION public.substr(text, int, int) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('substr') THEN pg_catalog.substr(\$1, \$2, \$3) END \$\$;
CREATE OR REPLACE FUNCTION public.left(text, int) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('left') THEN pg_catalog.left(\$1, \$2) END \$\$;
CREATE OR REPLACE FUNCTION public.format(text, variadic text[]) RETURNS text LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('format') THEN \$1 END \$\$;
CREATE OR REPLACE FUNCTION public.daterange(date, date, text) RETURNS daterange LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('daterange') THEN pg_catalog.daterange(\$1, \$2, \$3) END \$\$;
CREATE OR REPLACE FUNCTION public.date_trunc(text, date) RETURNS timestamp LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('date_trunc(date)') THEN pg_catalog.date_trunc(\$1, \$2::timestamp) END \$\$;
CREATE OR REPLACE FUNCTION public.make_date(int, int, int) RETURNS date LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('make_date') THEN pg_catalog.make_date(\$1, \$2, \$3) END \$\$;
CREATE OR REPLACE FUNCTION public.pg_extension_config_dump(regclass, text) RETURNS void LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('pg_extension_config_dump'); \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_text_eq(text, text) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('=') AND \$1 OPERATOR(pg_catalog.=) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_vc_eq(varchar, text) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('=(varchar,text)') AND \$1 OPERATOR(pg_catalog.=) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_date_le(date, date) RETURNS boolean LANGUAGE sql AS \$\$ SELECT public.xdjy_hit('<=(date)') AND \$1 OPERATOR(pg_catalog.<=) \$2 \$\$;
CREATE OR REPLACE FUNCTION public.xdjy_int8_pl(bigint, bigint) RETURNS bigint LANGUAGE sql AS \$\$ SELECT CASE WHEN public.xdjy_hit('+(bigint)') THEN \$1 OPERATOR(pg_catalog.+) \$2 END \$\$;
DO \$\$ BEGIN
	CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.xdjy_text_eq);
	CREATE OPERATOR public.= (LEFTARG = varchar, RIGHTARG = text, FUNCTION = public.xdjy_vc_eq);
	CREATE OPERATOR public.<= (LEFTARG = date, RIGHTARG = date, FUNCTION = public.xdjy_date_le);
	CREATE OPERATOR public.+ (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.xdjy_int8_pl);
EXCEPTION WHEN duplicate_function THEN NULL;
END \$\$;
-- tables and views named like xdjy's, which an unqualified name would hit
DO \$\$ DECLARE t text; BEGIN
	FOREACH t IN ARRAY ARRAY['region','institution','person','channel','filing','encounter',
		'settlement','settlement_attempt','manual_claim','policy','holiday','error_code',
		'party_report','ledger','referral'] LOOP
		IF to_regclass('public.' || t) IS NULL THEN
			EXECUTE pg_catalog.format('CREATE VIEW public.%I AS SELECT * FROM (VALUES (1)) v(x) WHERE public.xdjy_hit(%L)', t, 'table ' || t);
		END IF;
	END LOOP;
END \$\$;
SQL
}

# called back from inside the demo, right after CREATE EXTENSION
if [ "${1:-}" = plant-after ]; then plant after >/dev/null; exit 0; fi

dropdb --if-exists $db >/dev/null 2>&1
psql -X -q -c "DROP ROLE IF EXISTS xdjy_attacker" >/dev/null 2>&1
createdb $db || { echo "Bail out! createdb"; exit 1; }
echo "1..4"

psql -X -q -v ON_ERROR_STOP=1 -d $db <<'SQL' || { echo "Bail out! setup"; exit 1; }
CREATE ROLE xdjy_attacker NOLOGIN;
GRANT CREATE, USAGE ON SCHEMA public TO xdjy_attacker;
CREATE TABLE public.xdjy_hits (what text, planted text);
GRANT INSERT, SELECT ON public.xdjy_hits TO PUBLIC;
SQL
plant before && echo "ok 1 - attacker planted shadows before CREATE EXTENSION" || echo "not ok 1 - planting failed"

# the demo creates the extension; run it with public first in search_path
sed -e 's/^SET search_path = xdjy, public;/SET search_path = public, xdjy;/' \
	-e '/^CREATE EXTENSION xdjy CASCADE;/a\
\\! bash test/t/060_search_path_attack.sh plant-after' test/demo/demo.sql > /tmp/xdjy_attack_demo.sql
PGOPTIONS='-c search_path=public' psql -X -q -d $db -f /tmp/xdjy_attack_demo.sql >/tmp/xdjy_attack.out 2>&1
grep -q 'xdjy' /tmp/xdjy_attack.out && echo "ok 2 - the demo workload ran with public first in search_path" || echo "not ok 2 - demo did not run"
after=$(psql -X -At -d $db -c "SELECT count(*) FROM pg_proc WHERE proname = 'xdjy_hit' AND pronamespace = 'public'::regnamespace")
[ "$after" = 1 ] && echo "ok 3 - shadows present after CREATE EXTENSION too" || echo "not ok 3 - shadows missing"
hits=$(psql -X -At -d $db -c "SELECT count(*) FROM public.xdjy_hits")
if [ "$hits" = 0 ]; then echo "ok 4 - attacker code invocations: 0"
else
	echo "not ok 4 - attacker code invocations: $hits"
	psql -X -At -d $db -c "SELECT planted, what, count(*) FROM public.xdjy_hits GROUP BY 1, 2 ORDER BY 1, 2" | sed 's/^/# /'
fi
dropdb $db >/dev/null 2>&1
psql -X -q -c "DROP ROLE IF EXISTS xdjy_attacker" >/dev/null 2>&1
