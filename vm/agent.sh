#!/bin/sh
# Guest agent: builds the topology a scenario describes, runs it, and reports
# on /dev/ttyS1 (one JSON object a line), apart from the console on ttyS0.
# Inputs: /etc/scenario.env (written by the host, see src/scenario/guest-env.ts).
. /etc/scenario.env

RESULTS=/dev/ttyS1
FIFO=/run/results.fifo
VIP=$SC_VIP

# The topology's addresses by family (src/scenario/topology.ts): IPv4's
# 10.A.B.C is IPv6's fd00:A:B::C; a link is a /24 or a /64, the VIP a host
# route. `at ADDR PORT` is how ipvsadm and URLs write an address with a port.
if [ "${SC_FAMILY:-ipv4}" = ipv6 ]; then
	addr() { echo "fd00:$1:$2::$3"; }
	LINK_LEN=64
	HOST_LEN=128
	NODAD=nodad
	CLIENT_NETS=fd00:1::/32
	at() { echo "[$1]:$2"; }
else
	addr() { echo "10.$1.$2.$3"; }
	LINK_LEN=24
	HOST_LEN=32
	NODAD=
	CLIENT_NETS=10.1.0.0/16
	at() { echo "$1:$2"; }
fi

# Debian's static busybox runs its own applets before PATH: iproute2's ip
# (which has netns) must be named by path.
ip() { /usr/sbin/ip "$@"; }

uptime_s() { read -r up _ < /proc/uptime; echo "$up"; }

# Time as whole centiseconds, so the loops below compare it with shell
# arithmetic: a fork of awk costs ~5 ms of guest time under TCG, and they ran
# several a second. cs 12 -> 1200, cs 12.5 -> 1250, cs 0.05 -> 5 (the "1"
# prefix keeps a fraction such as 08 from being read as octal).
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
fail() {
	event error "\"message\":\"$1\""
	finish 3
}
finish() {
	[ -n "$CHILDREN" ] && kill $CHILDREN 2>/dev/null
	emit "{\"type\":\"exit\",\"code\":$1,\"t\":$(uptime_s)}"
	exec 3>&-
	# The forwarder ends when the last writer closes the FIFO; a writer
	# that lingers (a sleep) must not keep the guest up.
	( sleep 5; kill "$FORWARDER" ) 3>&- &
	wait "$FORWARDER" 2>/dev/null
	sync
	reboot -f
}

# A command in a namespace's network stack. nsenter enters the network
# namespace alone; `ip netns exec` also makes a mount namespace and remounts
# /sys for it, 55 ms of guest time under TCG against nsenter's 8 (nothing here
# reads /sys). Long-lived programs must not hold the report FIFO open.
in_ns() { ns=$1; shift; nsenter --net="/run/netns/$ns" "$@" 3>&-; }

# `ip` commands queued per namespace ("-": the first one's) and run as one
# batch each by ip_flush: under TCG an ip process costs ~35 ms of guest time,
# most of the setup's when each command had its own.
IPQ=/run/ipq
mkdir -p "$IPQ"
ipq() { q=$1; shift; echo "$*" >> "$IPQ/$q"; }
ip_flush() {
	if [ -f "$IPQ/-" ]; then
		must "ip -batch" ip -batch "$IPQ/-"
		rm "$IPQ/-"
	fi
	for f in "$IPQ"/*; do
		[ -f "$f" ] || continue
		must "ip -batch in ${f##*/}" ip -n "${f##*/}" -batch "$f"
		rm "$f"
	done
}

# veth pair between two namespaces with a /24 (IPv6: a /64, no duplicate
# address detection to wait for) on each end (and, if given, the MAC address of
# each end).
link() { # link NS_A ADDR_A NS_B ADDR_B NAME [MAC_A MAC_B]
	ipq - link add "$5a" ${6:+address "$6"} netns "$1" type veth peer name "$5b" ${7:+address "$7"} netns "$3"
	ipq "$1" addr add "$2/$LINK_LEN" dev "$5a" $NODAD
	ipq "$1" link set "$5a" up
	ipq "$3" addr add "$4/$LINK_LEN" dev "$5b" $NODAD
	ipq "$3" link set "$5b" up
}

# Wait until guest uptime reaches T0 + $1 seconds.
wait_until() {
	target=$(( T0_CS + $(cs "$1") ))
	while :; do
		left=$(( target - $(uptime_cs) ))
		[ "$left" -le 0 ] && return
		[ "$left" -gt 100 ] && left=100
		sleep "$(seconds "$left")"
	done
}

# When the director's defense work ran (kernel-configs/50-observe.config): its
# handler, defense_work_handler(), is where ip_vs_random_dropentry() scans the
# table, and under TCG a busy guest delays that kworker (PREEMPT_NONE) by more
# than any other clock here shows, so the model takes these times as its
# scans'. Every namespace has its own defense work, told apart only by its
# work_struct's (hashed) address: init_net's is the one running before the
# director exists, the director's the first new one after (the namespaces
# after it are made at least 50 ms later: the timer wheel keeps the order of
# timers more than 8 jiffies apart). No tracefs (an older kernel): no report,
# and the model falls back to the sampler's lateness.
TRACE=/sys/kernel/tracing
TRACE_EVENT=$TRACE/events/workqueue/workqueue_execute_start
defense_works() { sed -n 's/.*work struct \([0-9a-f]*\): function defense_work_handler$/\1/p' "$TRACE/trace" | awk '!seen[$0]++'; }
trace_start() {
	mount -t tracefs nodev "$TRACE" 2>/dev/null
	[ -w "$TRACE_EVENT/enable" ] || return 0
	echo boot > "$TRACE/trace_clock" && echo 1 > "$TRACE_EVENT/enable" || return 0
	# init_net's work: it runs about once a second.
	waited=0
	while INIT_WORK=$(defense_works | head -n 1); [ -z "$INIT_WORK" ] && [ "$waited" -lt 20 ]; do
		sleep 0.1
		waited=$((waited + 1))
	done
	[ -n "$INIT_WORK" ] && TRACING=1
}
report_defense_work() {
	[ "${TRACING:-0}" = 1 ] || return 0
	work=$(defense_works | grep -vxF "$INIT_WORK" | head -n 1)
	[ -n "$work" ] || return 0
	# One event per 40 runs (each line well under PIPE_BUF).
	sed -n "s/.* \([0-9]*\.[0-9]*\): workqueue_execute_start: work struct $work: function defense_work_handler\$/\1/p" "$TRACE/trace" |
		awk -v w="$work" -v now="$(uptime_s)" '{ t[n++] = $1 } END { for (i = 0; i < n; i += 40) { s = ""; for (k = i; k < n && k < i + 40; k++) s = s (k > i ? "," : "") t[k]; printf "{\"type\":\"event\",\"name\":\"defense-work\",\"t\":%s,\"work\":\"%s\",\"first\":%d,\"times\":[%s]}\n", now, w, i, s } }' >&3
	lost=$(cat "$TRACE/per_cpu/cpu0/stats" 2>/dev/null | sed -n 's/^overrun: //p')
	event defense-work-end "\"work\":\"$work\",\"overrun\":${lost:-0}"
}

# A namespace with its loopback up (queued: see ip_flush).
netns() { ipq - netns add "$1"; ipq "$1" link set lo up; }
# The virtual service's address, on a dummy device of a director's namespace.
vip() {
	ipq "$1" link add dummy0 type dummy
	ipq "$1" addr add "$VIP/$HOST_LEN" dev dummy0 $NODAD
	ipq "$1" link set dummy0 up
}

setup_topology() {
	# The director's namespace first, by itself (see trace_start).
	netns director
	ip_flush
	sleep 0.05
	for ns in attacker $RS_NAMES $CLIENT_NAMES; do netns "$ns"; done
	vip director

	# The flood's frames (src/flood/pcap.ts) are addressed to these MACs.
	link attacker "$(addr 0 3 2)" director "$(addr 0 3 1)" vatt "$SC_ATTACKER_MAC" "$SC_DIRECTOR_MAC"
	ipq attacker route add default via "$(addr 0 3 1)"

	i=0
	for rs in $RS_NAMES; do
		i=$((i + 1))
		link director "$(addr 2 $i 1)" "$rs" "$(addr 2 $i 2)" "vrs$i"
		# Only the legitimate clients' networks are routable from a real
		# server: SYN+ACKs to spoofed sources die here, so flood entries
		# stay in SYN_RECV for the kernel's full timeout.
		ipq "$rs" route add "$CLIENT_NETS" via "$(addr 2 $i 1)"
	done

	i=0
	for c in $CLIENT_NAMES; do
		i=$((i + 1))
		link "$c" "$(addr 1 $i 2)" director "$(addr 1 $i 1)" "vc$i"
		ipq "$c" route add default via "$(addr 1 $i 1)"
	done

	# Scenario `sync: true`: a backup director on a link of its own, with the
	# VIP, for the sync daemon's multicast (224.0.0.81 on that link).
	if [ "${SC_SYNC:-0}" = 1 ]; then
		netns backup
		link director 10.9.0.1 backup 10.9.0.2 vsync
		vip backup
	fi
	ip_flush

	in_ns director sysctl -qw net.ipv4.ip_forward=1
	[ "${SC_FAMILY:-ipv4}" = ipv6 ] && in_ns director sysctl -qw net.ipv6.conf.all.forwarding=1
	for rs in $RS_NAMES; do
		mkdir -p "/run/www/$rs"
		echo "$rs" > "/run/www/$rs/id"
		# UDP's answer has a fixed size (8 bytes, the name padded), so the
		# client's socat can stop at it (readbytes) instead of a timer.
		printf '%-7s\n' "$rs" > "/run/www/$rs/id8"
		if [ "$SC_PROTOCOL" = udp ]; then
			# A datagram in, the server's name back (one socat child a
			# datagram). Strict reverse-path filtering drops the flood's
			# spoofed datagrams at the real server's door (no route back to
			# them), as their SYN+ACKs die above: nothing is answered, and no
			# child is forked for them; the clients' networks pass.
			in_ns "$rs" sysctl -qw net.ipv4.conf.all.rp_filter=1
			in_ns "$rs" socat "UDP4-RECVFROM:80,fork" "EXEC:cat /run/www/$rs/id8" < /dev/null > /dev/null 2> "/run/$rs.udp.err" &
		elif [ "$SC_PROTOCOL" = sctp ]; then
			# An association in, the server's name back, then its SHUTDOWN.
			in_ns "$rs" socat "SCTP4-LISTEN:80,fork,reuseaddr" "EXEC:cat /run/www/$rs/id" < /dev/null > /dev/null 2> "/run/$rs.sctp.err" &
		else
			in_ns "$rs" httpd -p 80 -h "/run/www/$rs" || fail "httpd $rs"
		fi
	done
}

# Runs a command; on failure, reports it with what it printed (JSON-safe).
must() {
	what=$1
	shift
	out=$("$@" 2>&1) && return 0
	fail "$what: $(printf '%s' "$out" | tr -d '"\\' | tr '\n\t' '  ' | cut -c1-200)"
}

# The virtual service, as the scenario has it, on a director (or the backup).
service() { # service NS
	svc=-t
	[ "$SC_PROTOCOL" = udp ] && svc=-u
	[ "$SC_PROTOCOL" = sctp ] && svc=--sctp-service
	ops=
	[ "${SC_OPS:-0}" = 1 ] && ops=-o
	must "ipvsadm -A on $1 (scheduler $SC_SCHEDULER)" in_ns "$1" ipvsadm -A "$svc" "$(at "$VIP" "$SC_PORT")" -s "$SC_SCHEDULER" \
		-p "$SC_PERSISTENCE" -M "$SC_NETMASK" $ops
	i=0
	for rs in $RS_NAMES; do
		i=$((i + 1))
		must "ipvsadm -a $rs on $1" in_ns "$1" ipvsadm -a "$svc" "$(at "$VIP" "$SC_PORT")" -r "$(at "$(addr 2 $i 2)" 80)" "$SC_FORWARD_FLAG"
	done
}

setup_ipvs() {
	must "sysctl amemthresh" in_ns director sysctl -qw "net.ipv4.vs.amemthresh=$SC_AMEMTHRESH"
	must "sysctl drop_entry" in_ns director sysctl -qw "net.ipv4.vs.drop_entry=$SC_DROP_ENTRY"
	service director
	if [ "${SC_SYNC:-0}" = 1 ]; then
		# The backup takes what the master sends (ip_vs_process_message());
		# its own defense stays off (drop_entry 0), so it keeps what it got.
		service backup
		must "sync daemon master" in_ns director ipvsadm --start-daemon master --mcast-interface vsynca --syncid 7
		must "sync daemon backup" in_ns backup ipvsadm --start-daemon backup --mcast-interface vsyncb --syncid 7
	fi
}

# Once a second: connections by state, templates by state (client port 0000),
# and the IPVS totals (hex, as the kernel prints them): vm/sampler.c, compiled
# on the host, one process for the whole run (a shell loop of awk took seconds a
# sample on a large table under TCG), writing its lines to the report FIFO
# (each far below PIPE_BUF, so never interleaved), each with when it read the
# table (t, te) and how late it woke (late).
sampler() {
	exec nsenter --net=/run/netns/director /usr/sbin/ipvs-sample --every 1 > "$FIFO" 3>&-
}

# A legitimate client: a real handshake (UDP: a datagram and its answer)
# every interval, reporting which real server answered.
ask() { # ask NAME: the real server's name, from the client's namespace
	if [ "$SC_PROTOCOL" = udp ]; then
		# From a fresh port each time, like wget: a new connection entry.
		# socat would give up 0.5 s after its input ends (-t), before a slow
		# guest's answer: it waits up to 4 s and stops at the 8-byte answer.
		# -d -d logs the port it sent from and whether it began to send.
		echo id | in_ns "$1" timeout 5 socat -d -d -t 4 -T 4 - "UDP4:$VIP:$SC_PORT,readbytes=8" 2>"/run/$1.err" | tr -d ' '
	elif [ "$SC_PROTOCOL" = sctp ]; then
		# An association: the server sends its name and shuts it down. The
		# client sends nothing and keeps its side open (shut-none: an SCTP
		# shutdown is the whole association's) until the server's SHUTDOWN.
		in_ns "$1" timeout 5 socat -t 4 -T 4 - "SCTP4-CONNECT:$VIP:$SC_PORT,shut-none" < /dev/null 2>"/run/$1.err"
	else
		# (wget -T crashes in Debian's busybox 1.35: bound it with timeout instead.)
		in_ns "$1" timeout 5 wget -q -O - "http://$(at "$VIP" "$SC_PORT")/id" 2>"/run/$1.err"
	fi
}
# UDP: the local port of the request just made and whether it was sent (socat
# reached its transfer loop), from socat's log: JSON fields, or nothing.
udp_sent() { # udp_sent NAME
	[ "$SC_PROTOCOL" = udp ] || return 0
	port=$(sed -n 's/.*successfully connected from local address AF=2 [0-9.]*:\([0-9]*\).*/\1/p' "/run/$1.err")
	sent=false
	grep -q 'starting data transfer loop' "/run/$1.err" && sent=true
	printf ',"sent":%s%s' "$sent" "${port:+,\"port\":$port}"
}
client() { # client NAME INDEX
	stop=$(cs "$SC_CLIENT_STOP")
	wait_until "$SC_CLIENT_START"
	while :; do
		now=$(uptime_s)
		[ $(( $(cs "$now") - T0_CS )) -ge "$stop" ] && break
		rs=$(ask "$1")
		# The connection was made somewhere in [t, done].
		done=$(uptime_s)
		udp=$(udp_sent "$1")
		if [ -n "$rs" ]; then
			emit "{\"type\":\"client\",\"client\":$2,\"t\":$now,\"done\":$done,\"ok\":true,\"rs\":\"$rs\"$udp}"
		else
			why=$(grep -v ' [NI] ' "/run/$1.err" | tr -d '"\\' | tr '\n' ' ' | cut -c1-200)
			emit "{\"type\":\"client\",\"client\":$2,\"t\":$now,\"done\":$done,\"ok\":false,\"error\":\"$why\"$udp}"
		fi
		sleep "$SC_CLIENT_INTERVAL"
	done
}

# The flood: the host's packets (/etc/flood.pcap, made from the scenario and
# its seed), replayed on the attacker's link. The plan spaces its packets
# evenly (src/flood/plan.ts), so tcpreplay paces them by rate (--pps): packet i
# is due at start + i/rate, late ones go at once, and between packets the guest
# sleeps, which time warp skips. (Replaying at the capture's own timestamps
# sleeps each gap after the packet's processing: under TCG 200 SYN/s came out
# as 125; a gettimeofday busy loop kept the rate but burnt wall time at guest
# speed: 12.5 s of the default scenario's 60.) Every second tcpreplay prints
# how many it has sent ("Actual: N packets (B bytes) sent in S seconds"): each
# becomes a flood-progress record, the curve the model's arrivals follow.
flood() {
	wait_until "$SC_FLOOD_START"
	event flood-start "\"count\":$SC_FLOOD_COUNT,\"rate\":$SC_FLOOD_RATE,\"generator\":\"pcap\""
	sent=0
	if [ "$SC_FLOOD_COUNT" -gt 0 ]; then
		{ in_ns attacker tcpreplay --timer=nano --pps="$SC_FLOOD_RATE" --stats=1 --intf1=vatta /etc/flood.pcap 2>&1 || echo "tcpreplay failed: exit $?"; } |
			while IFS= read -r line; do
				case $line in
				Actual:*)
					set -- $line
					event flood-progress "\"sent\":$2,\"elapsed\":$8"
					echo "$2" > /run/flood.sent
					;;
				*failed*|*rror*) printf '%s\n' "$line" >> /run/flood.err ;;
				esac
			done
		[ -s /run/flood.sent ] && read -r sent < /run/flood.sent
		[ -s /run/flood.err ] && event flood-error "\"message\":\"$(tr -d '"\\' < /run/flood.err | tr '\n\t' '  ' | cut -c1-200)\""
	fi
	event flood-end "\"sent\":${sent:-0}"
}

# Template lines at the end of the run (raw, for the host's parser); the
# backup's (scenario `sync: true`) marked as such.
templates_of() { # templates_of NS [JSON fields before "line"]
	in_ns "$1" awk 'NR > 1 && $3 == "0000"' /proc/net/ip_vs_conn | while read -r l; do
		emit "{\"type\":\"template\",$2\"line\":\"$l\"}"
	done
}
dump_templates() {
	templates_of director
	[ "${SC_SYNC:-0}" = 1 ] || return 0
	templates_of backup '"node":"backup",'
	n=$(in_ns backup awk 'END { print NR - 1 }' /proc/net/ip_vs_conn)
	event sync-backup "\"entries\":${n:-0}"
}

# Scenario `teardown: true`: delete the director's namespace with its table
# full; ip_vs_conn_flush() must free every entry (claim C5). The namespace is
# cleaned up by a workqueue and the entries freed after an RCU grace period, so
# the ip_vs_conn slab cache is read until it is empty (each time shrunk first:
# SLUB counts a CPU's cached slab as in use), for up to 10 s (a correct flush
# is over in milliseconds; a stuck one keeps the guest busy, slow under TCG).
slab_active() { awk '$1 == "ip_vs_conn" { n = $2 } END { print (n == "" ? -1 : n) }' /proc/slabinfo; }
slab_shrink() { [ -w /sys/kernel/slab/ip_vs_conn/shrink ] && echo 1 > /sys/kernel/slab/ip_vs_conn/shrink; }
teardown() {
	[ "${SC_TEARDOWN:-0}" = 1 ] || return 0
	entries=$(in_ns director awk 'END { print NR - 1 }' /proc/net/ip_vs_conn)
	slab_shrink
	before=$(slab_active)
	echo "ipvs-verify: teardown" > /dev/kmsg
	start=$(uptime_cs)
	ip netns del director || fail "ip netns del director"
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
	[ "${SC_COVERAGE:-0}" = 1 ] || return 0
	n=$(/bin/busybox sh /gcov-dump.sh 2>/tmp/gcov.err) || fail "gcov data: $(cat /tmp/gcov.err)"
	event gcov "\"files\":$n"
}

CHILDREN=
T0=$(uptime_s)
T0_CS=$(cs "$T0")
# clock: uptime and the CPU time /proc/stat has accounted (in USER_HZ, 1/100 s,
# one tick's worth at a time), read together: against uptime, when the kernel's
# tick (and so jiffies) started.
clock=$(awk 'FNR == 1 && FILENAME == "/proc/uptime" { up = $1 } $1 == "cpu" { for (i = 2; i <= NF; i++) s += $i } END { printf "\"clockUptime\":%s,\"clockTicks\":%d", up, s }' /proc/uptime /proc/stat)
event agent-start "\"kernel\":\"$(uname -r)\",\"scenario\":\"$SC_NAME\",$clock"
trace_start
setup_topology
setup_ipvs
# The connection table's size as the kernel made it (6.12 clamps conn_tab_bits
# by the guest's memory): the model takes this, not what was asked for.
tab=$(sed -n '1s/.*(size=\([0-9]*\)).*/\1/p' /proc/net/ip_vs)
event ready "\"tabSize\":${tab:-0}"
sampler &
CHILDREN=$!
i=0
for c in $CLIENT_NAMES; do
	i=$((i + 1))
	client "$c" "$i" &
	CHILDREN="$CHILDREN $!"
done
flood &
CHILDREN="$CHILDREN $!"
wait_until "$SC_DURATION"
kill $CHILDREN 2>/dev/null
CHILDREN=
report_defense_work
dump_templates
teardown
dump_gcov
# The same clock reading as at the start: over the run, ticks accounted against
# uptime say whether jiffies kept pace with the clock the samples are timed by.
clock=$(awk 'FNR == 1 && FILENAME == "/proc/uptime" { up = $1 } $1 == "cpu" { for (i = 2; i <= NF; i++) s += $i } END { printf "\"clockUptime\":%s,\"clockTicks\":%d", up, s }' /proc/uptime /proc/stat)
event done "$clock"
finish 0
