#!/bin/sh
# Guest agent: runs the plan the host wrote (src/guest/plan/: everything that
# does not depend on guest time), and itself does what does: waiting, the
# clients, the flood's progress, the sampler, teardown, gcov. Reports on
# /dev/ttyS1 (one JSON object a line), apart from the console on ttyS0.
PLAN=/etc/plan
. "$PLAN/env"

RESULTS=/dev/ttyS1
FIFO=/run/results.fifo

# Debian's static busybox runs its own applets before PATH: iproute2's ip
# (which has netns) is named by path.
IP=/usr/sbin/ip

uptime_s() { read -r up _ < /proc/uptime; echo "$up"; }

# Time as whole centiseconds (as the plan's times are), compared with shell
# arithmetic: a fork of awk costs ~5 ms of guest time under TCG. cs 12 -> 1200,
# cs 12.5 -> 1250, cs 0.05 -> 5 (the "1" keeps a fraction 08 from being octal).
cs() {
	case $1 in
	*.*) f=${1#*.}00; f=${f%"${f#??}"}; i=${1%.*}; echo $(( ${i:-0} * 100 + 1$f - 100 )) ;;
	*) echo $(( $1 * 100 )) ;;
	esac
}
uptime_cs() { read -r up _ < /proc/uptime; cs "$up"; }
# And back: centiseconds as seconds (1205 -> 12.05), for sleep and the reports.
seconds() { echo "$(($1 / 100)).$(($1 % 100 / 10))$(($1 % 10))"; }

# All reports go through one FIFO drained by one reader, so lines written by
# the sampler, the clients and the agent never interleave mid-line.
stty -F "$RESULTS" raw -echo 2>/dev/null
mkfifo "$FIFO"
cat "$FIFO" > "$RESULTS" &
FORWARDER=$!
exec 3> "$FIFO"

emit() { printf '%s\n' "$1" >&3; }
event() { emit "{\"type\":\"event\",\"name\":\"$1\",\"t\":$(uptime_s)${2:+,$2}}"; }
# Text made JSON-safe: no quotes or backslashes, one line, bounded.
jsafe() { tr -d '"\\' | tr '\n\t' '  ' | cut -c1-"$1"; }
fail() {
	event error "\"message\":\"$(printf '%s' "$1" | jsafe 300)\""
	finish 3
}
finish() {
	[ -n "$CHILDREN" ] && kill $CHILDREN 2>/dev/null
	emit "{\"type\":\"exit\",\"code\":$1,\"t\":$(uptime_s)}"
	exec 3>&-
	# The forwarder ends with the FIFO's last writer; a lingering one must not keep the guest up.
	( sleep 5; kill "$FORWARDER" ) 3>&- &
	wait "$FORWARDER" 2>/dev/null
	sync
	reboot -f
}

# A command in a namespace's network stack: nsenter (8 ms of guest time under
# TCG; `ip netns exec` remounts /sys too: 55 ms). Long-lived programs must not
# hold the report FIFO (3) or the plan (4) open.
in_ns() { ns=$1; shift; nsenter --net="/run/netns/$ns" "$@" 3>&- 4<&-; }

# Runs a command; on failure, reports it with what it printed.
must() { what=$1; shift; out=$("$@" 2>&1) || fail "$what: $out"; }

# The plan's setup steps, in order (src/guest/plan/steps.ts); "-" is the
# initial namespace. Commands are shell text the host quoted: eval'd.
setup() {
	while read -r op ns arg <&4; do
		case $op in
		ip) if [ "$ns" = - ]; then set --; else set -- -n "$ns"; fi; must "ip -batch $arg in $ns" $IP "$@" -batch "$PLAN/$arg" ;;
		pause) sleep "$arg" ;;
		sysctl) must "sysctl $arg in $ns" in_ns "$ns" sysctl -qw "$arg" ;;
		# ipvsadm -R's exit status is its last line's (restore_table()): what it printed counts too.
		ipvs) must "ipvsadm -R < $arg in $ns" in_ns "$ns" ipvsadm -R < "$PLAN/$arg"; [ -z "$out" ] || fail "ipvsadm -R < $arg in $ns: $out" ;;
		run) must "$arg (in $ns)" eval "in_ns $ns $arg" ;;
		spawn) eval "in_ns $ns $arg" > /dev/null 2> "/run/$ns.err" 3>&- 4<&- & ;;
		settle) settle "$ns" "$arg" || fail "IPv6 addresses in $ns still tentative after ${arg} s: $(tentative "$ns" | jsafe 200)" ;;
		*) fail "plan: unknown setup step: $op $ns $arg" ;;
		esac
	done 4< "$PLAN/setup"
}

# IPv6: an address, nodad or not, is tentative (of no use: no neighbour
# advertisement for it, no source) until its link is up with a carrier and the
# DAD work has run (addrconf_dad_work(), after `ip` returned). A link-local
# address (DAD's ~1-2 s) is what a router's neighbour solicitations come from
# (ndisc_solicit()) when it forwards a client's packet. Waits at most $2 s
# until NS has no tentative address; says so if it waited.
tentative() { in_ns "$1" ip -6 -o addr show tentative; }
settle() {
	from=$(uptime_cs)
	slept=0
	while [ -n "$(tentative "$1")" ]; do
		[ $(( $(uptime_cs) - from )) -lt $(( $2 * 100 )) ] || return 1
		sleep 0.05
		slept=1
	done
	[ "$slept" = 0 ] || event settled "\"ns\":\"$1\",\"waited\":$(seconds $(( $(uptime_cs) - from )))"
}

# Wait until guest uptime reaches T0 + $1 centiseconds.
wait_until() {
	target=$(( T0_CS + $1 ))
	while :; do
		left=$(( target - $(uptime_cs) ))
		[ "$left" -le 0 ] && return
		[ "$left" -gt 100 ] && left=100
		sleep "$(seconds "$left")"
	done
}

# The director's defense work in the trace (trace_start, report_defense_work).
. /trace.sh

# Once a second, the director's table by state and the IPVS totals: vm/sampler.c,
# one process for the run (a shell loop of awk took seconds a sample under
# TCG), its lines (far below PIPE_BUF) straight to the report FIFO.
sampler() {
	exec nsenter --net=/run/netns/director /usr/sbin/ipvs-sample --every 1 > "$FIFO" 3>&- 4<&-
}

# A legitimate client: its request (the plan's command, the protocol's) every
# interval, reporting which real server answered (the answer's first word) and
# the request's log, base64, for the host to read (src/observe/client-log.ts):
# at most 2400 bytes, so that the line stays below PIPE_BUF.
# A request under way at the run's end finishes and reports (the model is
# given every request the kernel saw): the client marks itself busy before it
# reads the time, and starts no request at or after DURATION, while the agent
# looks at the marks only after DURATION (finish_clients): a request either
# began before the agent looked, and is waited for, or never begins.
client() { # client NAME INDEX COMMAND
	wait_until "$CLIENT_START_CS"
	while :; do
		echo 1 > "/run/busy.$2"
		now=$(uptime_s)
		at=$(( $(cs "$now") - T0_CS ))
		[ "$at" -ge "$CLIENT_STOP_CS" ] || [ "$at" -ge "$DURATION_CS" ] && break
		rs=$(eval "in_ns $1 $3" 2> "/run/$1.err")
		# The connection was made somewhere in [t, done].
		done=$(uptime_s)
		rs=${rs%%[!A-Za-z0-9_-]*}
		# (Only when it logged something: wget -q logs nothing on success, and the two forks cost ~10 ms of guest time under TCG.)
		log=
		[ -s "/run/$1.err" ] && log=$(head -c 2400 "/run/$1.err" | base64 -w 0)
		if [ -n "$rs" ]; then result="\"ok\":true,\"rs\":\"$rs\""; else result="\"ok\":false"; fi
		emit "{\"type\":\"client\",\"client\":$2,\"t\":$now,\"done\":$done,$result,\"log\":\"$log\"}"
		echo 0 > "/run/busy.$2"
		sleep "$CLIENT_INTERVAL"
	done
	echo 0 > "/run/busy.$2"
}

# After DURATION: waits (at most $1 centiseconds) until no client is in a request.
finish_clients() {
	deadline=$(( $(uptime_cs) + $1 ))
	while [ "$(uptime_cs)" -lt "$deadline" ]; do
		busy=0
		for f in /run/busy.*; do
			[ -e "$f" ] || continue
			read -r b < "$f"
			[ "$b" = 1 ] && busy=1
		done
		[ "$busy" = 0 ] && return
		sleep 0.1
	done
	event clients-cut "\"waited\":$(seconds "$1")"
}

# The flood: the plan's tcpreplay (src/guest/plan/timing.ts). Every
# second it prints how many it has sent ("Actual: N packets (B bytes) sent in
# S seconds"): each a flood-progress record, the curve the model's arrivals follow.
flood() {
	wait_until "$FLOOD_START_CS"
	event flood-start "\"count\":$FLOOD_COUNT,\"rate\":$FLOOD_RATE,\"generator\":\"pcap\""
	sent=0
	if [ "$FLOOD_COUNT" -gt 0 ]; then
		{ eval "in_ns $FLOOD_NS $FLOOD_CMD" 2>&1 || echo "tcpreplay failed: exit $?"; } |
			while IFS= read -r line; do
				case $line in
				Actual:*) set -- $line; event flood-progress "\"sent\":$2,\"elapsed\":$8"; echo "$2" > /run/flood.sent ;;
				*failed*|*rror*) printf '%s\n' "$line" >> /run/flood.err ;;
				esac
			done
		[ -s /run/flood.sent ] && read -r sent < /run/flood.sent
		[ -s /run/flood.err ] && event flood-error "\"message\":\"$(jsafe 200 < /run/flood.err)\""
	fi
	event flood-end "\"sent\":${sent:-0}"
}

# Template lines at the end of the run (raw, for the host's parser); the
# backup's (scenario `sync: true`) marked as such. The table is copied whole
# first and printed from the copy: /proc/net/ip_vs_conn comes a page per
# read(), each resumed by position over the one table every namespace shares
# (ip_vs_conn_seq_start() -> ip_vs_conn_array()), so an entry added or freed
# ahead of the cursor between two pages, in any namespace, makes the read skip
# or repeat one; a quick copy leaves little time for it.
snapshot() { # snapshot NS FILE COPY
	in_ns "$1" cat "$2" > "$3" || fail "reading $1's $2"
}
templates_in() { # templates_in COPY [JSON fields before "line"]
	awk -v pre="$2" 'NR > 1 && $3 == "0000" { printf "{\"type\":\"template\",%s\"line\":\"%s\"}\n", pre, $0 }' "$1" >&3
}
# The director's client connections at the end, one event a client address
# (10.1/16, fd00:1::/32, as /proc prints it): their ports, in hex; then how
# many addresses (none is an answer too). Which of a client's requests made no
# entry of its own (src/observe/client-entries.ts).
client_conns() {
	awk -v t="$(uptime_s)" 'NR > 1 && $3 != "0000" && ($2 ~ /^0A01/ || $2 ~ /^fd00:0001:/) { if (!($2 in p)) n++; p[$2] = p[$2] (p[$2] == "" ? "" : " ") $3 }
		END {
			for (c in p) printf "{\"type\":\"event\",\"name\":\"client-ports\",\"t\":%s,\"client\":\"%s\",\"ports\":\"%s\"}\n", t, c, p[c]
			printf "{\"type\":\"event\",\"name\":\"client-conns\",\"t\":%s,\"clients\":%d}\n", t, n
		}' "$1" >&3
}
dump_templates() {
	from=$(uptime_s)
	snapshot director /proc/net/ip_vs_conn /run/tpl.d
	snapshot director /proc/net/ip_vs_conn_sync /run/tpl.ds
	if [ "$SYNC" = 1 ]; then
		snapshot backup /proc/net/ip_vs_conn /run/tpl.b1
		snapshot backup /proc/net/ip_vs_conn /run/tpl.b2
	fi
	# When the copies began and (its t) ended: the master's and the backup's
	# tables were read within it.
	event tables-read "\"from\":$from"
	templates_in /run/tpl.d
	client_conns /run/tpl.d
	# The same templates as /proc/net/ip_vs_conn_sync prints them (the series
	# changes both printers): the host compares their states.
	templates_in /run/tpl.ds '"view":"conn_sync",'
	[ "$SYNC" = 1 ] || return 0
	# The backup's table twice, back to back: an entry one read skipped (above)
	# the other shows; the host takes the two together.
	templates_in /run/tpl.b1 '"node":"backup",'
	templates_in /run/tpl.b2 '"node":"backup","read":2,'
	event sync-backup "\"entries\":$(awk 'END { print NR - 1 }' /run/tpl.b1)"
}

# The director's IPVS totals at the end of the run, one row a CPU of
# /proc/net/ip_vs_stats_percpu (ip_vs_stats_percpu_show(): CPU, then conns,
# in and out packets, in and out bytes, hex), read from the per-CPU counters
# themselves: /proc/net/ip_vs_stats, which the sampler reads, shows the
# estimator's copy, up to 2 s old. Out packets are those IPVS handled in its
# output direction (handle_response()): under DR and TUN, answers that crossed
# the director, which the host fails the run for (src/record/director-output.ts).
director_totals() {
	rows=$(in_ns director awk 'NR > 2 && NF == 6 && $1 != "~" { printf "%s\"%s\"", (n++ ? "," : ""), $0 }' /proc/net/ip_vs_stats_percpu 2>&1) ||
		fail "reading the director's /proc/net/ip_vs_stats_percpu at the end of the run: $rows"
	event director-totals "\"percpu\":[$rows]"
}

# Scenario `teardown: true`: delete the director's namespace with its table full;
# ip_vs_conn_flush() must free every entry (claim C5). A workqueue cleans the
# namespace up, the entries go after an RCU grace period: the ip_vs_conn slab
# cache is read until empty (shrunk first: SLUB counts a CPU's cached slab as in
# use), for up to 10 s (a correct flush takes milliseconds).
slab_active() { awk '$1 == "ip_vs_conn" { n = $2 } END { print (n == "" ? -1 : n) }' /proc/slabinfo; }
slab_shrink() { [ -w /sys/kernel/slab/ip_vs_conn/shrink ] && echo 1 > /sys/kernel/slab/ip_vs_conn/shrink; }
teardown() {
	[ "$TEARDOWN" = 1 ] || return 0
	# The slab cache is every namespace's: with a sync daemon the backup's
	# copies are in it too, so its namespace goes as well (its own flush).
	gone=director
	[ "$SYNC" = 1 ] && gone="director backup"
	entries=0
	for ns in $gone; do
		n=$(in_ns "$ns" awk 'END { print NR - 1 }' /proc/net/ip_vs_conn)
		entries=$(( entries + ${n:-0} ))
	done
	slab_shrink
	before=$(slab_active)
	echo "ipvs-verify: teardown" > /dev/kmsg
	start=$(uptime_cs)
	for ns in $gone; do $IP netns del "$ns" || fail "ip netns del $ns"; done
	while :; do
		slab_shrink
		after=$(slab_active)
		waited=$(( $(uptime_cs) - start ))
		[ "$after" -le 0 ] || [ "$waited" -ge 1000 ] && break
		sleep 0.2
	done
	dmesg | sed -n '/ipvs-verify: teardown/,$p' | grep -E 'WARNING:|BUG:|Call Trace|Oops' > /tmp/teardown.warn
	n=$(wc -l < /tmp/teardown.warn)
	first=$(head -n 1 /tmp/teardown.warn | tr -d '"\\' | tr '\t' ' ' | cut -c1-160)
	event teardown "\"entries\":${entries:-0},\"objectsBefore\":$before,\"objectsAfter\":$after,\"seconds\":$(seconds "$waited"),\"warnings\":$n,\"firstWarning\":\"$first\""
}

# --coverage: the gcov data on ttyS2 (vm/gcov-dump.sh), never on the results channel.
dump_gcov() {
	[ "$COVERAGE" = 1 ] || return 0
	n=$(/bin/busybox sh /gcov-dump.sh 2>/tmp/gcov.err) || fail "gcov data: $(cat /tmp/gcov.err)"
	event gcov "\"files\":$n"
}

# Uptime and the CPU time /proc/stat accounted (USER_HZ, a tick at a time), read
# together: when the tick (jiffies) started; at the end, whether it kept pace.
clock() { awk 'FNR == 1 && FILENAME == "/proc/uptime" { up = $1 } $1 == "cpu" { for (i = 2; i <= NF; i++) s += $i } END { printf "\"clockUptime\":%s,\"clockTicks\":%d", up, s }' /proc/uptime /proc/stat; }

CHILDREN=
T0_CS=$(uptime_cs)
event agent-start "\"kernel\":\"$(uname -r)\",\"scenario\":\"$NAME\",$(clock)"
trace_start
setup
# The table's size as the kernel made it (6.12 clamps conn_tab_bits by memory).
tab=$(sed -n '1s/.*(size=\([0-9]*\)).*/\1/p' /proc/net/ip_vs)
event ready "\"tabSize\":${tab:-0}"
sampler &
CHILDREN=$!
CLIENTS=
while read -r name index command; do
	client "$name" "$index" "$command" &
	CLIENTS="$CLIENTS $!"
done < "$PLAN/clients"
flood &
CHILDREN="$CHILDREN $! $CLIENTS"
wait_until "$DURATION_CS"
# The series end at DURATION; the requests under way then are let finish.
kill ${CHILDREN%"$CLIENTS"} 2>/dev/null
finish_clients 1500
kill $CLIENTS 2>/dev/null
CHILDREN=
report_defense_work
dump_templates
director_totals
teardown
dump_gcov
event done "$(clock)"
finish 0
