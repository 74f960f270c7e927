# Sourced by vm/agent.sh (its emit, event and uptime_s; the report FIFO on fd 3).
# When the director's defense work ran (kernel-configs/50-observe.config): its
# handler, defense_work_handler(), is where ip_vs_random_dropentry() scans the
# table, and under TCG a busy guest delays that kworker (PREEMPT_NONE) by more
# than any other clock here shows, so the model takes these times as its
# scans'. Every namespace has its own defense work, told apart only by its
# work_struct's (hashed) address: init_net's is the one running before the
# director exists, the director's the first new one after (the namespaces
# after it are made at least 50 ms later: the timer wheel keeps the order of
# timers more than 8 jiffies apart). No tracefs (an older kernel): no report,
# and the model falls back to the sampler's lateness. Each run's end
# (workqueue_execute_end, traced by process_one_work() right after the
# handler returns) tells how long the scan held the kworker: a guest starved
# by a busy host scans for seconds, not the instant the model takes.
TRACE=/sys/kernel/tracing
TRACE_EVENT=$TRACE/events/workqueue/workqueue_execute_start
TRACE_END=$TRACE/events/workqueue/workqueue_execute_end
defense_works() { sed -n 's/.*work struct \([0-9a-f]*\): function defense_work_handler$/\1/p' "$TRACE/trace" | awk '!seen[$0]++'; }
trace_start() {
	mount -t tracefs nodev "$TRACE" 2>/dev/null
	[ -w "$TRACE_EVENT/enable" ] || return 0
	echo boot > "$TRACE/trace_clock" && echo 1 > "$TRACE_EVENT/enable" || return 0
	# Without the end event (never seen on 6.1 or 6.12) the runs have no ends: as before.
	echo 1 > "$TRACE_END/enable" 2>/dev/null
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
	# One event per 40 runs (each line well under PIPE_BUF: 40 starts and 40
	# ends of at most 13 characters each, about 1.2 kB). Both events print
	# "work struct %p: function %ps" (include/trace/events/workqueue.h). A run
	# is its start; its end is the next end traced before another start (null:
	# still running when read, or the end not traced); an end with no start
	# before it (the start overwritten) is skipped. `ends` is left out when no
	# end was traced at all (a kernel or agent without the end event).
	sed -n -e "s/.* \([0-9]*\.[0-9]*\): workqueue_execute_start: work struct $work: function defense_work_handler\$/S \1/p" \
		-e "s/.* \([0-9]*\.[0-9]*\): workqueue_execute_end: work struct $work: function defense_work_handler\$/E \1/p" "$TRACE/trace" |
		awk -v w="$work" -v now="$(uptime_s)" '
			BEGIN { n = 0 }
			$1 == "S" { t[n] = $2; e[n] = "null"; n++ }
			$1 == "E" && n > 0 && e[n - 1] == "null" { e[n - 1] = $2; ended = 1 }
			END {
				for (i = 0; i < n; i += 40) {
					s = ""; x = ""
					for (k = i; k < n && k < i + 40; k++) { s = s (k > i ? "," : "") t[k]; x = x (k > i ? "," : "") e[k] }
					printf "{\"type\":\"event\",\"name\":\"defense-work\",\"t\":%s,\"work\":\"%s\",\"first\":%d,\"times\":[%s]%s}\n", now, w, i, s, (ended ? ",\"ends\":[" x "]" : "")
				}
			}' >&3
	# The ring buffer overwrites its oldest events when full: `overrun` counts
	# them, summed over the CPUs (rb_per_cpu's stats), and `oldest` is the time
	# of the oldest event still held. Runs of the defense work lost so would
	# have the model scan less than the kernel did (src/record/trace-health.ts).
	# No stats readable: neither field (the host says "not recorded").
	ring=$(cat "$TRACE"/per_cpu/cpu*/stats 2>/dev/null |
		awk '$1 == "overrun:" { n += $2; seen = 1 } /^oldest event ts:/ { if (o == "" || $4 + 0 < o + 0) o = $4 } END { if (seen) printf ",\"overrun\":%d%s", n, (o == "" ? "" : ",\"oldest\":" o) }')
	event defense-work-end "\"work\":\"$work\"$ring"
}
