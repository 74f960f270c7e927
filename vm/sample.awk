# One sample of the director's tables as JSON (without its closing brace):
# connections by state, templates by state (client port 0000), the SYN_RECV
# entries younger than a second, free memory as update_defense_level() counts it,
# and the IPVS totals. The reference for vm/sampler.c, which the guest runs (the
# two must agree exactly: test/guest/sampler.test.ts); run as
#   awk -v t=UPTIME -f sample.awk /proc/net/ip_vs_conn /proc/meminfo /proc/net/ip_vs_stats
FNR == 1 && FILENAME ~ /ip_vs_conn$/ { next }
FILENAME ~ /ip_vs_conn$/ {
	if ($3 == "0000") tpl[$8]++; else conn[$8]++
	# SYN_RECV for less than a second (Expires counts down from 60):
	# when the flood arrived, which the 2 s stats totals cannot say.
	if ($8 == "SYN_RECV" && $9 >= 59) fresh++
	next
}
# update_defense_level() compares freeram + bufferram (pages) with amemthresh.
FILENAME ~ /meminfo$/ && ($1 == "MemFree:" || $1 == "Buffers:") { avail += int($2 / 4); next }
FILENAME ~ /ip_vs_stats$/ && FNR == 3 {
	stats = sprintf("\"conns\":\"%s\",\"inpkts\":\"%s\",\"outpkts\":\"%s\"", $1, $2, $3)
}
function obj(a,   k, s, sep) {
	s = "{"; sep = ""
	for (k in a) { s = s sep "\"" k "\":" a[k]; sep = "," }
	return s "}"
}
END {
	printf "{\"type\":\"sample\",\"t\":%s,\"conns\":%s,\"templates\":%s,\"fresh\":%d,\"avail\":%d,\"stats\":{%s}",
		t, obj(conn), obj(tpl), fresh, avail, stats
}
