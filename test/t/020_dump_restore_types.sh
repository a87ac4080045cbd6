#!/usr/bin/env bash
# A user table holding both label types, dumped with pg_dump while
# xdjy.language = zh, restores equal: input never depends on the language.
set -uo pipefail
src=xdjy_dump_src_t
dst=xdjy_dump_dst_t
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists $src >/dev/null 2>&1; dropdb --if-exists $dst >/dev/null 2>&1' EXIT
echo "1..4"
dropdb --if-exists $src >/dev/null 2>&1; dropdb --if-exists $dst >/dev/null 2>&1
createdb $src && createdb $dst || { echo "Bail out! createdb"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d $src <<'SQL' || { echo "Bail out! setup"; exit 1; }
CREATE EXTENSION xdjy CASCADE;
CREATE TABLE public.visits (
	id serial PRIMARY KEY,
	cat xdjy.residence_category,
	st xdjy.filing_status,
	cats xdjy.residence_category[]
);
INSERT INTO public.visits (cat, st, cats) VALUES
	('long_term_resident', 'active', '{long_term_resident,temporary_outside}'),
	('临时外出就医人员', '已变更', '{转诊转院人员}'),
	('异地安置退休人员', 'cancelled', NULL),
	(NULL, 'terminated', '{}'),
	('temporary_outside', NULL, '{NULL,外出务工农民}');
SQL
PGOPTIONS='-c xdjy.language=zh' pg_dump -Fp -d $src > "$tmp/plain.sql" && echo "ok 1 - pg_dump (plain) under xdjy.language = zh" || echo "not ok 1 - pg_dump failed"
grep -q '异地长期居住人员' "$tmp/plain.sql" && echo "ok 2 - the dump holds Chinese labels" || echo "not ok 2 - dump has no Chinese label"
PGOPTIONS='-c xdjy.language=en' psql -X -q -v ON_ERROR_STOP=1 -d $dst -f "$tmp/plain.sql" >/dev/null 2>"$tmp/err" \
	&& echo "ok 3 - restore under xdjy.language = en" || { echo "not ok 3 - restore failed"; sed 's/^/# /' "$tmp/err"; }
q="SELECT id, cat::text, st::text, cats::text FROM public.visits ORDER BY id"
a=$(psql -X -At -d $src -c "$q"); b=$(psql -X -At -d $dst -c "$q")
if [ -n "$a" ] && [ "$a" = "$b" ]; then echo "ok 4 - every row restores equal"
else echo "not ok 4 - rows differ"; diff <(echo "$a") <(echo "$b") | sed 's/^/# /'; fi
