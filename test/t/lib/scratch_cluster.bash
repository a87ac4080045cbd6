# test/t/lib/scratch_cluster.bash: a throwaway PostgreSQL cluster of its
# own, for the TAP scripts that need a server the suite's cluster cannot
# be (another shared_preload_libraries, another installation tree).
# Sourced from the top of the source tree.
#
#   scratch_start BINDIR DIR [SETTING=VALUE ...]
#       initdb DIR/data with BINDIR's initdb (trust, UTF8, C.UTF-8) and
#       start it with the settings given; it listens on a socket in DIR
#       only (no TCP port, so it cannot collide with another server), and
#       psql, createdb ... reach it through PGHOST/PGPORT, which this
#       sets (the suite's own PG* variables are saved and restored by
#       scratch_stop).  As root, the server runs as user postgres.
#   scratch_restart [SETTING=VALUE ...]  the same cluster with new settings
#   scratch_stop                         stop it (also on exit: scratch_start
#                                        sets the EXIT trap; a caller with
#                                        its own cleanup calls scratch_stop)
#   scratch_log                          the server log, for diagnostics

scratch_as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

scratch_run_server() {
	local opts="-c listen_addresses='' -c unix_socket_directories='$sc_dir' -c port=5432 -c fsync=off"
	local s
	for s in "$@"; do
		opts="$opts -c $s"
	done
	scratch_as_server "$sc_bin/pg_ctl" -D "$sc_dir/data" -l "$sc_dir/log" -w -t 60 -o "$opts" start >/dev/null
}

scratch_start() {
	sc_bin=$1
	sc_dir=$2
	shift 2
	sc_saved_env=$(declare -p PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE 2>/dev/null)
	[ "$(id -u)" -eq 0 ] && chown postgres "$sc_dir"
	chmod 755 "$sc_dir"
	trap scratch_stop EXIT
	scratch_as_server "$sc_bin/initdb" -D "$sc_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
		>"$sc_dir/initdb.log" 2>&1 || return 1
	scratch_run_server "$@" || return 1
	export PGHOST=$sc_dir PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
	unset PGPASSWORD
}

scratch_restart() {
	scratch_as_server "$sc_bin/pg_ctl" -D "$sc_dir/data" -w -t 60 -m fast stop >/dev/null || return 1
	scratch_run_server "$@"
}

scratch_stop() {
	if [ -n "${sc_dir:-}" ] && [ -f "$sc_dir/data/postmaster.pid" ]; then
		scratch_as_server "$sc_bin/pg_ctl" -D "$sc_dir/data" -w -t 60 -m immediate stop >/dev/null 2>&1
	fi
	unset PGHOST PGPORT PGUSER PGDATABASE
	[ -n "${sc_saved_env:-}" ] && eval "$sc_saved_env"
	[ -n "${sc_cleanup:-}" ] && rm -rf "$sc_cleanup"
	sc_dir=
}

scratch_log() {
	cat "$sc_dir/log" 2>/dev/null
}
