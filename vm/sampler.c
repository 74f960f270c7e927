/*
 * ipvs-sample: one sample of the director's tables, the JSON line vm/sample.awk
 * prints (without its closing brace), for the guest agent's sampler. Under TCG,
 * busybox awk took seconds to go through a table of thousands of entries, and
 * a sample every guest second became one every three to five; this reads the
 * table in 64 KiB gulps and counts it in one pass. Built static on the host
 * (src/guest/sampler.ts). Counts exactly what sample.awk counts: the two are
 * held side by side on the same tables in test/guest/sampler.test.ts.
 *
 *   ipvs-sample UPTIME [ip_vs_conn meminfo ip_vs_stats]
 *     one sample, stamped UPTIME
 *   ipvs-sample --every SECONDS [--count N] [ip_vs_conn meminfo ip_vs_stats]
 *     a sample every SECONDS of CLOCK_BOOTTIME (/proc/uptime's clock), each a
 *     line ending with te (when the read was over) and late (how late this
 *     process woke for it: the scheduling latency a timer-woken task sees, which
 *     the defense work's kworker sees too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_STATES 32
#define MAX_FIELDS 10

struct counts {
	char name[MAX_STATES][32];
	long n[MAX_STATES];
	int len;
};

static void count(struct counts *c, const char *state)
{
	for (int i = 0; i < c->len; i++)
		if (strcmp(c->name[i], state) == 0) {
			c->n[i]++;
			return;
		}
	if (c->len < MAX_STATES) {
		snprintf(c->name[c->len], sizeof(c->name[0]), "%s", state);
		c->n[c->len++] = 1;
	}
}

static void print_obj(const struct counts *c)
{
	putchar('{');
	for (int i = 0; i < c->len; i++)
		printf("%s\"%s\":%ld", i ? "," : "", c->name[i], c->n[i]);
	putchar('}');
}

/* awk's default field splitting: runs of blanks, leading ones ignored. */
static int split(char *line, char **f)
{
	int n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(line, " \t\n", &save); tok && n < MAX_FIELDS; tok = strtok_r(NULL, " \t\n", &save))
		f[n++] = tok;
	return n;
}

/* One sample, printed without its closing brace. */
static void sample(const char *t, const char *conn_path, const char *mem_path, const char *stats_path)
{
	static char buf[1 << 16];
	char line[1024];
	char *f[MAX_FIELDS];
	struct counts conn = { 0 }, tpl = { 0 };
	long fresh = 0, avail = 0;
	char stats[256] = "";
	FILE *in;

	if ((in = fopen(conn_path, "r"))) {
		setvbuf(in, buf, _IOFBF, sizeof(buf));
		int first = 1;
		while (fgets(line, sizeof(line), in)) {
			if (first) { /* the header */
				first = 0;
				continue;
			}
			int n = split(line, f);
			const char *state = n >= 8 ? f[7] : "";
			if (n >= 3 && strcmp(f[2], "0000") == 0)
				count(&tpl, state);
			else
				count(&conn, state);
			/* SYN_RECV for less than a second (Expires counts down from 60). */
			if (strcmp(state, "SYN_RECV") == 0 && n >= 9 && atol(f[8]) >= 59)
				fresh++;
		}
		fclose(in);
	}
	if ((in = fopen(mem_path, "r"))) {
		/* update_defense_level(): freeram + bufferram, in pages. */
		while (fgets(line, sizeof(line), in)) {
			int n = split(line, f);
			if (n >= 2 && (strcmp(f[0], "MemFree:") == 0 || strcmp(f[0], "Buffers:") == 0))
				avail += atol(f[1]) / 4;
		}
		fclose(in);
	}
	if ((in = fopen(stats_path, "r"))) {
		for (int k = 1; fgets(line, sizeof(line), in); k++) {
			if (k != 3)
				continue;
			int n = split(line, f);
			snprintf(stats, sizeof(stats), "\"conns\":\"%s\",\"inpkts\":\"%s\",\"outpkts\":\"%s\"",
				 n > 0 ? f[0] : "", n > 1 ? f[1] : "", n > 2 ? f[2] : "");
		}
		fclose(in);
	}
	printf("{\"type\":\"sample\",\"t\":%s,\"conns\":", t);
	print_obj(&conn);
	printf(",\"templates\":");
	print_obj(&tpl);
	printf(",\"fresh\":%ld,\"avail\":%ld,\"stats\":{%s}", fresh, avail, stats);
}

static double boottime(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* As /proc/uptime prints it: hundredths, cut (not rounded). */
static void uptime_text(double s, char *out, size_t len)
{
	long hundredths = (long)(s * 100);
	snprintf(out, len, "%ld.%02ld", hundredths / 100, hundredths % 100);
}

int main(int argc, char **argv)
{
	const char *paths[3] = { "/proc/net/ip_vs_conn", "/proc/meminfo", "/proc/net/ip_vs_stats" };
	double every = 0;
	long count_left = -1;
	int i = 1;

	if (i < argc && strcmp(argv[i], "--every") == 0 && i + 1 < argc) {
		every = atof(argv[i + 1]);
		i += 2;
		if (i < argc && strcmp(argv[i], "--count") == 0 && i + 1 < argc) {
			count_left = atol(argv[i + 1]);
			i += 2;
		}
	}
	if (every <= 0) {
		const char *t = i < argc ? argv[i++] : "0";
		for (int k = 0; k < 3 && i < argc; k++)
			paths[k] = argv[i++];
		sample(t, paths[0], paths[1], paths[2]);
		return 0;
	}
	for (int k = 0; k < 3 && i < argc; k++)
		paths[k] = argv[i++];
	double target = boottime();
	for (; count_left != 0; count_left--) {
		char t[32], te[32];
		double now = boottime();
		uptime_text(now, t, sizeof(t));
		sample(t, paths[0], paths[1], paths[2]);
		uptime_text(boottime(), te, sizeof(te));
		printf(",\"te\":%s,\"late\":%.4f}\n", te, now - target);
		fflush(stdout);
		target += every;
		if (target < boottime())
			target = boottime(); /* fell behind: the next sample now, not a burst */
		struct timespec ts = { (time_t)target, (long)((target - (time_t)target) * 1e9) };
		while (clock_nanosleep(CLOCK_BOOTTIME, TIMER_ABSTIME, &ts, NULL) != 0)
			;
	}
	return 0;
}
