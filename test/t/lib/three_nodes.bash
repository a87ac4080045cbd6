# test/t/lib/three_nodes.bash: three throwaway clusters, two province
# nodes (sd: Shandong 370000, bj: Beijing 110000) and a national hub, on
# sockets of their own, ready for logical replication (README "Many
# nodes").  Shared by test/t/980_nodes_replication.sh and
# test/bench/nodes_bench.sh; sourced from the top of the source tree.
#
#   nodes_init           initdb, start and CREATE EXTENSION xdjy at each
#                        node, database xdjy_node; returns 1 and prints the
#                        failing node's name (and its log's tail on
#                        stderr) if one does not come up
#   start NODE / stop NODE [MODE]
#                        the node's server (as user postgres under root)
#   q NODE SQL           psql -At at the node, stdout and stderr together
#   conninfo NODE        what subscribe_province needs to reach the node
#
# $tmp is the directory of the three clusters, removed on exit.
set -uo pipefail

bindir=$("${PG_CONFIG:-pg_config}" --bindir)
tmp=$(mktemp -d)
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp"
chmod 755 "$tmp"
nodes="sd bj hub"
unset PGPASSWORD PGSERVICE
export PGUSER=postgres PGPORT=5432 PGDATABASE=xdjy_node

as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start() {
	as_server "$bindir/pg_ctl" -D "$tmp/$1/data" -l "$tmp/$1/log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$tmp/$1' -c port=5432 -c fsync=off -c wal_level=logical -c max_wal_senders=10 -c max_replication_slots=10 -c wal_retrieve_retry_interval=200ms" start >/dev/null
}
stop() { as_server "$bindir/pg_ctl" -D "$tmp/$1/data" -w -t 60 -m "${2:-fast}" stop >/dev/null 2>&1; }
nodes_cleanup() {
	local x
	for x in $nodes; do [ -f "$tmp/$x/data/postmaster.pid" ] && stop "$x" immediate; done
	rm -rf "$tmp"
}
trap nodes_cleanup EXIT
q() { local x=$1; shift; PGHOST="$tmp/$x" psql -X -q -At -v ON_ERROR_STOP=1 -c "$*" 2>&1; }
conninfo() { echo "host=$tmp/$1 port=5432 user=postgres dbname=xdjy_node"; }

nodes_init() {
	local x
	for x in $nodes; do
		mkdir -p "$tmp/$x" && [ "$(id -u)" -eq 0 ] && chown postgres "$tmp/$x"
		as_server "$bindir/initdb" -D "$tmp/$x/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$tmp/$x.initdb" 2>&1 &&
			start "$x" && PGHOST="$tmp/$x" createdb xdjy_node && q "$x" "CREATE EXTENSION xdjy CASCADE" >/dev/null ||
			{ echo "$x"; tail -5 "$tmp/$x/log" 2>/dev/null >&2; return 1; }
	done
}
