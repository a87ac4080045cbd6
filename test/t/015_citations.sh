#!/usr/bin/env bash
# Citations a user can look up: the product cites the policy documents by
# their official number and article, never by an internal file name, and
# every document number it cites is a row of xdjy.policy_document.  The
# frozen xdjy--1.0.sql keeps its old texts; the update to 1.1 re-comments
# its objects (test/t/070_upgrade.sh compares the comments).
set -uo pipefail
cd "$(dirname "$0")/../.."
db=xdjy_citations_t
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && psql -X -q -d "$db" -c 'CREATE EXTENSION xdjy CASCADE' || { echo "Bail out! cannot create $db"; exit 1; }
q() { psql -X -At -d "$db" -c "$1"; }

product=$(git ls-files src schema sql expected test/demo README.md xdjy--1.0--1.1.sql)
echo "1..6"

# 1: no citation of a file outside the repository
bad=$(grep -nP '\b00[0-4] ?§|\b00[0-4] ?#|SPEC ?§|INTERFACE\.md|seeds/' $product)
[ -z "$bad" ] && echo "ok 1 - the product cites no seed file, SPEC or INTERFACE.md" ||
	{ echo "not ok 1 - seed-style citations"; echo "$bad" | sed 's/^/# /' | head -40; }

# 2: every document number the product's text cites is a policy_document row
docs=$(q "SELECT code FROM xdjy.policy_document ORDER BY 1")
cited=$(grep -ohP '[鲁吉济]医保发〔[0-9]{4}〕[0-9]+号' $product | sort -u)
missing=$(comm -23 <(echo "$cited") <(echo "$docs"))
[ -n "$cited" ] && [ -z "$missing" ] && echo "ok 2 - the $(echo "$cited" | wc -l) document numbers cited in the product are rows of policy_document" ||
	{ echo "not ok 2 - cited but not in policy_document:"; echo "$missing" | sed 's/^/# /'; }

# 3: error causes and messages cite only known documents
missing=$(q "SELECT DISTINCT m[1] FROM xdjy.error_code e,
	LATERAL regexp_matches(e.cause_en || ' ' || e.cause_zh || ' ' || e.message_en || ' ' || e.message_zh,
		'([鲁吉济]医保发〔[0-9]{4}〕[0-9]+号|异地就医十项便民措施|接口规范)', 'g') m
	WHERE NOT EXISTS (SELECT FROM xdjy.policy_document d WHERE strpos(e.cause_en || ' ' || e.cause_zh || ' ' || e.message_en || ' ' || e.message_zh, d.code) > 0
		AND strpos(d.code, m[1]) > 0)")
n=$(q "SELECT count(*) FROM xdjy.error_code WHERE cause_en || cause_zh ~ '[鲁吉济]医保发〔'")
[ -z "$missing" ] && [ "$n" -gt 0 ] && echo "ok 3 - the $n error causes that cite a document cite a policy_document row" ||
	{ echo "not ok 3 - error_code cites unknown documents ($n citing):"; echo "$missing" | sed 's/^/# /'; }

# 4: the rule tables' source columns cite known documents
missing=$(q "SELECT DISTINCT t || ': ' || s FROM (
	SELECT 'ratio_adjustment' t, source s FROM xdjy.ratio_adjustment UNION ALL
	SELECT 'first_selfpay_ceiling', source FROM xdjy.first_selfpay_ceiling UNION ALL
	SELECT 'home_benefit_kept', source FROM xdjy.home_benefit_kept UNION ALL
	SELECT 'filing_exemption', source FROM xdjy.filing_exemption UNION ALL
	SELECT 'institution_choice_rule', source FROM xdjy.institution_choice_rule) x
	WHERE NOT EXISTS (SELECT FROM xdjy.policy_document d WHERE strpos(x.s, d.code) > 0)")
[ -z "$missing" ] && echo "ok 4 - every shipped rule row's source names a policy_document row" ||
	{ echo "not ok 4 - sources naming no known document:"; echo "$missing" | sed 's/^/# /'; }

# 5: the explanation steps' sources in src/explain.c: a document or xdjy's own
bad=$(perl -0ne 'while (/emit\(o, "[a-z_]+", "[^"]+", (?:true|false), [^,]+,\s*("[^"]*"|L\(o, "[^"]*")/g) { print "$1\n" }' src/explain.c |
	grep -vP '[鲁吉济]医保发〔|异地就医十项便民措施|国家医疗保障信息平台 接口规范|^L\(o, "xdjy|^"\?"$')
reasons=$(perl -0ne 'if (/reason_source\(Out.*?\n}\n/s) { $_ = $&; print "$1\n" while /return (L\(o, "[^"]*"|"[^"]*")/g }' src/explain.c |
	grep -vP '[鲁吉济]医保发〔|异地就医十项便民措施|^L\(o, "xdjy')
n=$(perl -0ne 'print "x\n" while /emit\(o, "[a-z_]+"/g' src/explain.c | wc -l)
[ "$n" -ge 15 ] && [ -z "$bad$reasons" ] && echo "ok 5 - every explain_settlement source is a document article or says it is xdjy's own" ||
	{ echo "not ok 5 - sources that are neither:"; echo "$bad$reasons" | sed 's/^/# /'; }

# 6: the shipped documents are read-only (builtin guard, YB504)
err=$(psql -X -q -At -d "$db" -v VERBOSITY=verbose -c "UPDATE xdjy.policy_document SET note = 'x' WHERE code = '鲁医保发〔2021〕46号'" 2>&1)
echo "$err" | grep -q 'YB504' && echo "ok 6 - a shipped policy_document row cannot be updated (YB504)" ||
	{ echo "not ok 6 - update of a builtin document: $err" | head -3; }

dropdb "$db" >/dev/null 2>&1
