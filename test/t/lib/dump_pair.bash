# test/t/lib/dump_pair.bash: sourced by the dump/restore TAP scripts.
#   dump_pair SRC DST   names the two databases ($src, $dst) and a scratch
#                       directory ($tmp), all removed when the script exits
#   dump_restore        pg_dump -Fc of $src, pg_restore into $dst: tests 1, 2
#   same N DESCRIPTION QUERY
#                       "ok N" when QUERY returns the same, non-empty rows in
#                       both databases; otherwise "not ok N" and the diff.
#                       An error in either is a difference (stderr is not
#                       compared).

dump_pair() {
	src=$1
	dst=$2
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"; dropdb --if-exists "$src" >/dev/null 2>&1; dropdb --if-exists "$dst" >/dev/null 2>&1' EXIT
}

dump_restore() {
	pg_dump -Fc -d "$src" -f "$tmp/dump" && echo "ok 1 - pg_dump" || echo "not ok 1 - pg_dump failed"
	if pg_restore -d "$dst" "$tmp/dump" 2>"$tmp/err"; then
		echo "ok 2 - pg_restore without error"
	else
		echo "not ok 2 - pg_restore failed"
		sed 's/^/# /' "$tmp/err"
	fi
}

same() {
	local a b
	a=$(psql -X -At -d "$src" -c "$3")
	b=$(psql -X -At -d "$dst" -c "$3")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		echo "ok $1 - $2"
	else
		echo "not ok $1 - $2"
		diff <(echo "$a") <(echo "$b") | sed 's/^/# /'
	fi
}
